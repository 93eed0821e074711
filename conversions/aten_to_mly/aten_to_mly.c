/* The aten-to-mly pass: walks aten ops, dispatches each to its lowering,
 * replaces its results and erases it. */
#include "conversions/aten_to_mly/aten_to_mly.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/aten_to_mly/lower.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/pass_util.h"

bool mlyLowerFail(MlyLowering *l, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(l->op, fmt, ap);
  va_end(ap);
  return false;
}

MlirValue mlyLowerOperand(MlyLowering *l, intptr_t i) {
  return i < mlirOperationGetNumOperands(l->op)
             ? mlirOperationGetOperand(l->op, i)
             : (MlirValue){NULL};
}

MlirType mlyLowerResultType(MlyLowering *l, intptr_t i) {
  return mlirValueGetType(mlirOperationGetResult(l->op, i));
}

MlirValue mlyLowerGroup(MlyLowering *l, int group, int n_groups) {
  intptr_t at = mlyOpOperandGroupIndex(l->op, group, n_groups);
  return at < 0 ? (MlirValue){NULL} : mlirOperationGetOperand(l->op, at);
}

MlirValue mlyLowerLike(MlyLowering *l, MlirValue x, MlirType like) {
  int64_t dims[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(like, dims);
  x = mlyBuildCast(&l->b, x, mlyTypeElt(like));
  return mlyBuildBroadcastTo(&l->b, x, dims, mlyTypeRank(like));
}

MlirValue mlyLowerToResult(MlyLowering *l, MlirValue x) {
  return mlyLowerLike(l, x, mlyLowerResultType(l, 0));
}

static MlyLowerFn find_rule(const char *name) {
  static const MlyLowerRule *const tables[] = {mlyLowerBasicRules,
                                               mlyLowerNNRules};
  for (size_t t = 0; t < 2; ++t)
    for (const MlyLowerRule *r = tables[t]; r->name; ++r)
      if (!strcmp(r->name, name))
        return r->fn;
  return NULL;
}

/* Lowers one op; on success its results are replaced and it is erased. */
static bool lower_one(MlirOperation op) {
  MlirStringRef sname = mlirIdentifierStr(mlirOperationGetName(op));
  char name[96];
  snprintf(name, sizeof name, "%.*s", (int)sname.length, sname.data);
  MlyLowering l = {.op = op, .name = name, .b = mlyBuilderBefore(op)};
  intptr_t n = mlirOperationGetNumResults(op);
  MlyLowerFn fn = find_rule(name + 5);
  if (!fn)
    return mlyLowerFail(&l, "has no lowering to mly");
  if (n > MLY_LOWER_MAX_RESULTS)
    return mlyLowerFail(&l, "has too many results to lower");
  if (!fn(&l))
    return false;
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue r = mlirOperationGetResult(op, i);
    /* A result nobody uses may be left unset by the lowering. */
    if (mlirValueIsNull(l.results[i]) &&
        mlirOpOperandIsNull(mlirValueGetFirstUse(r)))
      continue;
    if (mlirValueIsNull(l.results[i]) ||
        !mlirTypeEqual(mlirValueGetType(l.results[i]), mlirValueGetType(r)))
      return mlyLowerFail(&l, "lowering produced no value of the type of "
                              "result #%d",
                          (int)i);
  }
  for (intptr_t i = 0; i < n; ++i)
    if (!mlirValueIsNull(l.results[i]))
      mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, i),
                                    l.results[i]);
  mlirOperationDestroy(op);
  return true;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  MlyOpList l;
  bool ok = mlyCollectOps(root, mlyOpIsAten, &l);
  if (!ok)
    mlirEmitError(mlirOperationGetLocation(root), "aten-to-mly: out of memory");
  /* Operands are defined before their users, so in walk order every op
   * sees its operands already lowered. Report every failure, not the
   * first only. */
  for (size_t i = 0; i < l.n; ++i)
    if (!lower_one(l.ops[i]))
      ok = false; /* its users still see its aten results: go on */
  if (!ok)
    mlirExternalPassSignalFailure(pass);
  free(l.ops);
}

MlirPass mlyCreateAtenToMlyPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "AtenToMly", "aten-to-mly",
                                "Decompose aten ops into mly primitives", run);
}
