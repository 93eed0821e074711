"""Checks that an AMDGPU code object holds one kernel descriptor per
kernel of the HIP source it was compiled from (and no other), for gfx942.

usage: check_code_object.py READELF SOURCE.hip OBJECT
Prints "ok: N kernels for gfx942" or "MISMATCH: ..." and exits 1."""
import re
import subprocess
import sys

readelf, source, obj = sys.argv[1:4]
text = open(source).read()
kernels = sorted(re.findall(
    r'extern "C" __global__ void (?:__launch_bounds__\(\d+\) )?(\w+)\(', text))
header = subprocess.run([readelf, "-h", obj], capture_output=True, text=True,
                        check=True).stdout
syms = subprocess.run([readelf, "--dyn-syms", obj], capture_output=True,
                      text=True, check=True).stdout
descriptors = sorted(m.group(1) for m in
                     re.finditer(r"\s(\w+)\.kd$", syms, re.M))
if "EM_AMDGPU" not in header or "gfx942" not in header:
    print("MISMATCH: not an AMDGPU code object for gfx942")
    sys.exit(1)
if not kernels or kernels != descriptors:
    print("MISMATCH: kernels %s, descriptors %s" % (kernels, descriptors))
    sys.exit(1)
print("ok: %d kernels for gfx942" % len(kernels))
