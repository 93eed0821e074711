/* mly-dce: erases pure aten/mly ops whose results have no uses. Upstream
 * DCE cannot: IRDL ops declare no side-effect interface, so MLIR must
 * assume every one of them has effects. */
#include <stdlib.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

static bool is_dead(MlirOperation op) {
  if (!mlyOpIsPure(op))
    return false;
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (!mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(op, i))))
      return false;
  return true;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  MlyOpList l;
  if (!mlyCollectOps(root, NULL, &l)) {
    mlirEmitError(mlirOperationGetLocation(root), "mly-dce: out of memory");
    mlirExternalPassSignalFailure(pass);
    goto out;
  }
  /* Users follow their operands' definitions in pre-order, so one sweep
   * backwards frees whole dead chains. The root itself is never erased. */
  for (size_t i = l.n; i-- > 1;)
    if (is_dead(l.ops[i]))
      mlirOperationDestroy(l.ops[i]);
out:
  free(l.ops);
}

MlirPass mlyCreateDCEPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyDCE", "mly-dce",
                                "Erase unused pure aten/mly ops", run);
}
