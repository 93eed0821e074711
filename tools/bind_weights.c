/* mly-bind-weights: mly.param arguments replaced by mly.constant values
 * read from a safetensors file (see tools/bind_weights.h). */
#include "tools/bind_weights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "runtime/safetensors.h"
#include "transforms/pass_util.h"

static const char *weights_path;

void mlyBindWeightsSetPath(const char *path) { weights_path = path; }

static MlirAttribute arg_attrs_of(MlirOperation func) {
  return mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("arg_attrs"));
}

/* The tensor of `st` that argument i of func names, as a dense attribute
 * of the argument's type; null when there is none that fits. */
static MlirAttribute weight_of(const MlySafetensors *st, MlirOperation func,
                               intptr_t i, MlirType t) {
  MlirAttribute all = arg_attrs_of(func), null = {NULL};
  if (mlirAttributeIsNull(all) || i >= mlirArrayAttrGetNumElements(all))
    return null;
  MlirAttribute d = mlirArrayAttrGetElement(all, i);
  MlirAttribute p = mlirAttributeIsADictionary(d)
                        ? mlirDictionaryAttrGetElementByName(
                              d, mlirStringRefCreateFromCString("mly.param"))
                        : null;
  if (mlirAttributeIsNull(p) || !mlirAttributeIsAString(p) ||
      !mlirTypeIsARankedTensor(t) ||
      !mlirTypeIsAF32(mlirShapedTypeGetElementType(t)))
    return null;
  MlirStringRef s = mlirStringAttrGetValue(p);
  char name[256];
  MlyTensor w;
  if (s.length >= sizeof name)
    return null;
  memcpy(name, s.data, s.length);
  name[s.length] = 0;
  if (!mlySafetensorsLookup(st, name, &w) || w.dtype != MLY_DTYPE_F32 ||
      w.rank != mlirShapedTypeGetRank(t))
    return null;
  for (int64_t k = 0; k < w.rank; ++k)
    if (w.dims[k] != mlirShapedTypeGetDimSize(t, (intptr_t)k))
      return null;
  return mlirDenseElementsAttrRawBufferGet(t, w.nbytes, w.data);
}

/* Binds the weights of one function; false when out of memory. */
static bool bind_func(const MlySafetensors *st, MlirOperation func) {
  MlirContext ctx = mlirOperationGetContext(func);
  MlirBlock e = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  intptr_t n = mlirBlockGetNumArguments(e);
  MlirType *types = calloc((size_t)n + 1, sizeof *types);
  MlirAttribute *attrs = calloc((size_t)n + 1, sizeof *attrs);
  bool ok = false, changed = false;
  if (!types || !attrs)
    goto out;
  MlirAttribute old = arg_attrs_of(func);
  intptr_t kept = 0;
  for (intptr_t i = 0, j = 0; i < n; ++i) {
    MlirValue a = mlirBlockGetArgument(e, (unsigned)j);
    MlirType t = mlirValueGetType(a);
    MlirAttribute w = weight_of(st, func, i, t);
    if (mlirAttributeIsNull(w)) {
      types[kept] = t;
      attrs[kept++] = mlirAttributeIsNull(old)
                          ? mlirDictionaryAttrGet(ctx, 0, NULL)
                          : mlirArrayAttrGetElement(old, i);
      ++j;
      continue;
    }
    MlirOperationState s =
        mlirOperationStateGet(mlirStringRefCreateFromCString("mly.constant"),
                              mlirValueGetLocation(a));
    MlirNamedAttribute v = mlirNamedAttributeGet(
        mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("value")), w);
    mlirOperationStateAddResults(&s, 1, &t);
    mlirOperationStateAddAttributes(&s, 1, &v);
    MlirOperation c = mlirOperationCreate(&s);
    mlirBlockInsertOwnedOperation(e, 0, c);
    mlirValueReplaceAllUsesOfWith(a, mlirOperationGetResult(c, 0));
    mlirBlockEraseArgument(e, (unsigned)j);
    changed = true;
  }
  if (changed) {
    MlirAttribute ft = mlirOperationGetAttributeByName(
        func, mlirStringRefCreateFromCString("function_type"));
    MlirType fty = mlirTypeAttrGetValue(ft);
    intptr_t nr = mlirFunctionTypeGetNumResults(fty);
    MlirType *res = calloc((size_t)nr + 1, sizeof *res);
    if (!res)
      goto out;
    for (intptr_t i = 0; i < nr; ++i)
      res[i] = mlirFunctionTypeGetResult(fty, i);
    mlirOperationSetAttributeByName(
        func, mlirStringRefCreateFromCString("function_type"),
        mlirTypeAttrGet(mlirFunctionTypeGet(ctx, kept, types, nr, res)));
    free(res);
    mlirOperationSetAttributeByName(func,
                                    mlirStringRefCreateFromCString("arg_attrs"),
                                    mlirArrayAttrGet(ctx, kept, attrs));
  }
  ok = true;
out:
  free(types);
  free(attrs);
  return ok;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  char err[512];
  MlySafetensors *st = NULL;
  (void)user;
  if (!weights_path) {
    mlirEmitError(
        mlirOperationGetLocation(root),
        "mly-bind-weights: no weights file (--mly-bind-weights=FILE)");
    goto fail;
  }
  if (!(st = mlySafetensorsOpen(weights_path, err, sizeof err))) {
    mlirEmitError(mlirOperationGetLocation(root), err);
    goto fail;
  }
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(root, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    MlirAttribute vis = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_visibility"));
    if (!mlirStringRefEqual(name,
                            mlirStringRefCreateFromCString("func.func")) ||
        !mlirAttributeIsNull(vis) ||
        mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0))))
      continue;
    if (!bind_func(st, op)) {
      mlirEmitError(mlirOperationGetLocation(root),
                    "mly-bind-weights: out of memory");
      goto fail;
    }
  }
  mlySafetensorsDestroy(st);
  return;
fail:
  mlySafetensorsDestroy(st);
  mlirExternalPassSignalFailure(pass);
}

MlirPass mlyCreateBindWeightsPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyBindWeights", "mly-bind-weights",
      "Replace mly.param arguments by mly.constant weights", run);
}
