# lit configuration of mly's test suite.
import os

import lit.formats

config.name = "mly"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mly_obj_root, "test")

# mly's tools first, then LLVM's FileCheck, not, count.
config.environment["PATH"] = os.pathsep.join(
    [config.mly_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.substitutions.append(("%mly_src", config.mly_src_root))
