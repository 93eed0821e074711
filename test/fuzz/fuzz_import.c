/* libFuzzer target: the torch.export importer (JSON -> aten module, then
 * the verifiers) on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>

#include "conversions/torch_export/torch_export.h"
#include "test/fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  int fd = mlyFuzzOpenFile(data, size, path, sizeof path);
  if (fd < 0)
    return 0;
  FILE *sink = fopen("/dev/null", "w");
  MlirContext ctx = mlyFuzzContext();
  MlirModule m = mlyTorchExportImportFile(ctx, path, sink ? sink : stderr);
  if (!mlirModuleIsNull(m))
    mlirModuleDestroy(m);
  mlirContextDestroy(ctx);
  if (sink)
    fclose(sink);
  mlyFuzzCloseFile(fd);
  return 0;
}
