/* mly-verify: the dialects' semantic verifiers as a pass, so pipelines can
 * check the IR between any two passes. */
#include "dialects/mly_dialects.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

static void run(MlirOperation op, MlirExternalPass pass, void *user) {
  if (mlirLogicalResultIsFailure(mlyVerify(op)))
    mlirExternalPassSignalFailure(pass);
}

MlirPass mlyCreateVerifyPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyVerify", "mly-verify",
                                "Check the rules of aten/mly ops", run);
}
