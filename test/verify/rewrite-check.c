/* The C API test of the rewrite checks of verify/: wrong rewrites handed
 * to the observer that mly-verify-rewrites installs (the passes never make
 * them), so that refutations and their counterexamples are tested:
 *  - x + (+0.0) -> x: proven in real arithmetic, refuted in IEEE (-0.0);
 *  - x * 2 -> x: refuted in real arithmetic (an error diagnostic);
 *  - exp(x) -> exp(x) of another op: proven (one uninterpreted function);
 *  - exp(x) -> x: unknown (a model only through the uninterpreted exp).
 * Prints the diagnostics on stdout and writes the JSON report to the
 * file named by its argument. */
#include <stdio.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "transforms/mly_transforms.h"
#include "verify/mly_verify.h"

static const char *source =
    "func.func @f(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, "
    "tensor<2xf32>, tensor<2xf32>) {\n"
    "  %z = \"mly.constant\"() {value = dense<0.0> : tensor<2xf32>} : () -> "
    "tensor<2xf32>\n"
    "  %a = \"mly.add\"(%x, %z) : (tensor<2xf32>, tensor<2xf32>) -> "
    "tensor<2xf32>\n"
    "  %t = \"mly.constant\"() {value = dense<2.0> : tensor<2xf32>} : () -> "
    "tensor<2xf32>\n"
    "  %m = \"mly.mul\"(%x, %t) : (tensor<2xf32>, tensor<2xf32>) -> "
    "tensor<2xf32>\n"
    "  %e1 = \"mly.exp\"(%x) : (tensor<2xf32>) -> tensor<2xf32>\n"
    "  %e2 = \"mly.exp\"(%x) : (tensor<2xf32>) -> tensor<2xf32>\n"
    "  return %a, %m, %e1, %e2 : tensor<2xf32>, tensor<2xf32>, "
    "tensor<2xf32>, tensor<2xf32>\n"
    "}\n";

static void print(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

static MlirLogicalResult on_diag(MlirDiagnostic d, void *user) {
  (void)user;
  fputs("diagnostic: ", stdout);
  mlirDiagnosticPrint(d, print, stdout);
  fputc('\n', stdout);
  return mlirLogicalResultSuccess();
}

/* The result of the i-th op of @f's body. */
static MlirValue op_result(MlirOperation module, int i) {
  MlirBlock mb = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  MlirOperation f = mlirBlockGetFirstOperation(mb);
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  MlirOperation op = mlirBlockGetFirstOperation(b);
  while (i-- > 0)
    op = mlirOperationGetNextInBlock(op);
  return mlirOperationGetResult(op, 0);
}

int main(int argc, char **argv) {
  int rc = 1;
  if (argc != 2) {
    fputs("usage: mly-rewrite-check-test REPORT.json\n", stderr);
    return 1;
  }
  MlirContext ctx = mlirContextCreate();
  mlirContextAttachDiagnosticHandler(ctx, on_diag, NULL, NULL);
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx)))
    goto out_ctx;
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(source));
  if (mlirModuleIsNull(m))
    goto out_ctx;
  MlirOperation top = mlirModuleGetOperation(m);
  mlyVerifySetTimeoutMs(10000); /* outcomes independent of the load */
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  mlirPassManagerAddOwnedPass(pm, mlyCreateVerifyRewritesPass());
  bool ok = mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, top));
  mlirPassManagerDestroy(pm);
  if (!ok)
    goto out_module;
  MlirValue x = mlirBlockGetArgument(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(
          mlirBlockGetFirstOperation(
              mlirRegionGetFirstBlock(mlirOperationGetRegion(top, 0))),
          0)),
      0);
  MlirValue add = op_result(top, 1), mul = op_result(top, 3),
            e1 = op_result(top, 4), e2 = op_result(top, 5);
  mlyRewriteObserverNotify("mly-canonicalize", "mly.add", &add, &x, 1);
  mlyRewriteObserverNotify("mly-canonicalize", "mly.mul", &mul, &x, 1);
  mlyRewriteObserverNotify("mly-canonicalize", "mly.exp", &e1, &e2, 1);
  mlyRewriteObserverNotify("mly-canonicalize", "mly.exp", &e1, &x, 1);
  mlyVerifySetReportPath(argv[1]);
  mlyVerifyRewritesFinish(top);
  rc = 0;
out_module:
  mlirModuleDestroy(m);
out_ctx:
  mlirContextDestroy(ctx);
  return rc;
}
