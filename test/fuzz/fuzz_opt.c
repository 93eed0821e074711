/* libFuzzer target: mly-opt's path on .mlir text: parse, verify (IRDL and
 * mly's C verifiers), then the optimize pipeline (aten -> fused mly
 * kernels) with verification after every pass, then mly-to-gpu. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/aten_to_mly/aten_to_mly.h"
#include "conversions/mly_to_gpu/mly_to_gpu.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/Pass.h"
#include "test/fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = 0;
  MlirContext ctx = mlyFuzzContext();
  MlirModule m = mlyModuleParse(ctx, "fuzz", text, size);
  if (mlirModuleIsNull(m))
    goto out;
  MlirOperation op = mlirModuleGetOperation(m);
  if (mlirOperationVerify(op) && mlirLogicalResultIsSuccess(mlyVerify(op))) {
    MlirPassManager pm = mlirPassManagerCreate(ctx);
    MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
    mlyOptimizePipelineAdd(opm);
    mlirOpPassManagerAddOwnedPass(opm, mlyCreateMlyToGpuPass());
    mlirPassManagerEnableVerifier(pm, true);
    (void)mlirPassManagerRunOnOp(pm, op);
    mlirPassManagerDestroy(pm);
  }
  mlirModuleDestroy(m);
out:
  mlirContextDestroy(ctx);
  free(text);
  return 0;
}
