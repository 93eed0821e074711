/* libFuzzer target: the GPU host program walker (runtime/gpu_host.c),
 * what msl-sim, hip-sim and vulkan build from a module such as an
 * mly-compile folder's model.host.mlir: parse, verify, then the plan of
 * @forward (buffers, launches, arena slots). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "runtime/gpu_host.h"
#include "test/fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[512];
  MlirContext ctx = mlyFuzzContext();
  MlirModule m = mlyModuleParse(ctx, "fuzz", (const char *)data, size);
  if (!mlirModuleIsNull(m)) {
    if (mlirOperationVerify(mlirModuleGetOperation(m)))
      mlyGpuHostPlanDestroy(
          mlyGpuHostPlanCreate(m, "forward", "fuzz", 1024, err, sizeof err));
    mlirModuleDestroy(m);
  }
  mlirContextDestroy(ctx);
  return 0;
}
