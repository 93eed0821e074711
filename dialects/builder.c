/* Building aten/mly ops from C (see mly_builder.h). */
#include "dialects/mly_builder.h"

#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

MlyBuilder mlyBuilderBefore(MlirOperation op) {
  MlyBuilder b = {mlirOperationGetContext(op), mlirOperationGetBlock(op), op,
                  mlirOperationGetLocation(op)};
  return b;
}

/* ---- types ---- */

MlirType mlyTensorType(MlirContext ctx, const int64_t *dims, int64_t rank,
                       MlirType elt) {
  (void)ctx;
  return mlirRankedTensorTypeGet(rank, dims, elt, mlirAttributeGetNull());
}

int64_t mlyTypeRank(MlirType t) { return mlirShapedTypeGetRank(t); }

void mlyTypeDims(MlirType t, int64_t *dims) {
  for (int64_t i = 0, r = mlirShapedTypeGetRank(t); i < r; ++i)
    dims[i] = mlirShapedTypeGetDimSize(t, i);
}

MlirType mlyTypeElt(MlirType t) { return mlirShapedTypeGetElementType(t); }

MlirType mlyTypeWithElt(MlirType t, MlirType elt) {
  int64_t dims[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(t, dims);
  return mlyTensorType(mlirTypeGetContext(t), dims, mlyTypeRank(t), elt);
}

int64_t mlyTypeNumElements(MlirType t) {
  int64_t n = 1;
  for (int64_t i = 0, r = mlirShapedTypeGetRank(t); i < r; ++i)
    if (__builtin_mul_overflow(n, mlirShapedTypeGetDimSize(t, i), &n))
      return INT64_MAX;
  return n;
}

int64_t mlyTypeNumBytes(MlirType t) {
  if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t))
    return -1;
  MlirType e = mlirShapedTypeGetElementType(t);
  int64_t bits, bytes;
  if (mlirTypeIsAInteger(e))
    bits = (int64_t)mlirIntegerTypeGetWidth(e);
  else if (mlirTypeIsAFloat(e))
    bits = (int64_t)mlirFloatTypeGetWidth(e);
  else
    return -2;
  if (__builtin_mul_overflow(mlyTypeNumElements(t), (bits + 7) / 8, &bytes))
    return INT64_MAX;
  return bytes;
}

bool mlyTypeIsFloat(MlirType t) { return mlirTypeIsAFloat(mlyTypeElt(t)); }
MlirType mlyF32(MlirContext ctx) { return mlirF32TypeGet(ctx); }
MlirType mlyI1(MlirContext ctx) { return mlirIntegerTypeGet(ctx, 1); }
MlirType mlyI64(MlirContext ctx) { return mlirIntegerTypeGet(ctx, 64); }

/* ---- attributes ---- */

static MlirNamedAttribute named(MlirContext ctx, const char *name,
                                MlirAttribute a) {
  return mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), a);
}

MlirNamedAttribute mlyNamedI64(MlirContext ctx, const char *name, int64_t v) {
  return named(ctx, name, mlirIntegerAttrGet(mlyI64(ctx), v));
}
MlirNamedAttribute mlyNamedF64(MlirContext ctx, const char *name, double v) {
  return named(ctx, name, mlirFloatAttrDoubleGet(ctx, mlirF64TypeGet(ctx), v));
}
MlirNamedAttribute mlyNamedBool(MlirContext ctx, const char *name, bool v) {
  return named(ctx, name, mlirBoolAttrGet(ctx, v));
}
MlirNamedAttribute mlyNamedStr(MlirContext ctx, const char *name,
                               const char *v) {
  return named(ctx, name,
               mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(v)));
}
MlirNamedAttribute mlyNamedI64Array(MlirContext ctx, const char *name,
                                    const int64_t *v, intptr_t n) {
  return named(ctx, name, mlirDenseI64ArrayGet(ctx, n, v));
}

/* ---- generic creation ---- */

static bool any_null(const MlirValue *v, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i)
    if (mlirValueIsNull(v[i]))
      return true;
  return false;
}

MlirOperation mlyBuildOp(MlyBuilder *b, const char *name,
                         const MlirValue *operands, intptr_t n_operands,
                         const MlirType *results, intptr_t n_results,
                         const MlirNamedAttribute *attrs, intptr_t n_attrs) {
  if (any_null(operands, n_operands))
    return (MlirOperation){NULL};
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString(name), b->loc);
  mlirOperationStateAddOperands(&st, n_operands, operands);
  mlirOperationStateAddResults(&st, n_results, results);
  mlirOperationStateAddAttributes(&st, n_attrs, attrs);
  MlirOperation op = mlirOperationCreate(&st);
  if (mlirOperationIsNull(op))
    return op;
  if (mlirOperationIsNull(b->before))
    mlirBlockAppendOwnedOperation(b->block, op);
  else
    mlirBlockInsertOwnedOperationBefore(b->block, b->before, op);
  return op;
}

MlirValue mlyBuild(MlyBuilder *b, const char *name, MlirType result,
                   const MlirValue *operands, intptr_t n_operands,
                   const MlirNamedAttribute *attrs, intptr_t n_attrs) {
  MlirOperation op =
      mlyBuildOp(b, name, operands, n_operands, &result, 1, attrs, n_attrs);
  return mlirOperationIsNull(op) ? (MlirValue){NULL}
                                 : mlirOperationGetResult(op, 0);
}

/* ---- mly primitives ---- */

MlirValue mlyBuildUnary(MlyBuilder *b, const char *name, MlirValue x) {
  if (mlirValueIsNull(x))
    return x;
  return mlyBuild(b, name, mlirValueGetType(x), &x, 1, NULL, 0);
}

MlirValue mlyBuildBinary(MlyBuilder *b, const char *name, MlirValue x,
                         MlirValue y) {
  MlirValue ops[2] = {x, y};
  if (mlirValueIsNull(x))
    return x;
  return mlyBuild(b, name, mlirValueGetType(x), ops, 2, NULL, 0);
}

MlirValue mlyBuildCmp(MlyBuilder *b, const char *pred, MlirValue x,
                      MlirValue y) {
  MlirValue ops[2] = {x, y};
  if (mlirValueIsNull(x))
    return x;
  MlirNamedAttribute a = mlyNamedStr(b->ctx, "predicate", pred);
  return mlyBuild(b, "mly.cmp",
                  mlyTypeWithElt(mlirValueGetType(x), mlyI1(b->ctx)), ops, 2,
                  &a, 1);
}

MlirValue mlyBuildSelect(MlyBuilder *b, MlirValue cond, MlirValue on_true,
                         MlirValue on_false) {
  MlirValue ops[3] = {cond, on_true, on_false};
  if (mlirValueIsNull(on_true))
    return on_true;
  return mlyBuild(b, "mly.select", mlirValueGetType(on_true), ops, 3, NULL, 0);
}

MlirValue mlyBuildCast(MlyBuilder *b, MlirValue x, MlirType elt) {
  if (mlirValueIsNull(x) || mlirTypeEqual(mlyTypeElt(mlirValueGetType(x)), elt))
    return x;
  return mlyBuild(b, "mly.cast", mlyTypeWithElt(mlirValueGetType(x), elt), &x,
                  1, NULL, 0);
}

MlirValue mlyBuildSplat(MlyBuilder *b, MlirType type, double v) {
  MlirType elt = mlyTypeElt(type);
  MlirAttribute value;
  if (mlirTypeIsAFloat(elt))
    value = mlirDenseElementsAttrSplatGet(
        type, mlirFloatAttrDoubleGet(b->ctx, elt, v));
  else if (mlirIntegerTypeGetWidth(elt) == 1)
    value = mlirDenseElementsAttrBoolSplatGet(type, v != 0);
  else
    value = mlirDenseElementsAttrSplatGet(type,
                                          mlirIntegerAttrGet(elt, (int64_t)v));
  MlirNamedAttribute a = mlirNamedAttributeGet(
      mlirIdentifierGet(b->ctx, mlirStringRefCreateFromCString("value")),
      value);
  return mlyBuild(b, "mly.constant", type, NULL, 0, &a, 1);
}

MlirValue mlyBuildIota(MlyBuilder *b, MlirType type, int64_t dim) {
  MlirNamedAttribute a = mlyNamedI64(b->ctx, "dim", dim);
  return mlyBuild(b, "mly.iota", type, NULL, 0, &a, 1);
}

MlirValue mlyBuildBroadcastInDim(MlyBuilder *b, MlirValue x, MlirType result,
                                 const int64_t *bdims) {
  if (mlirValueIsNull(x))
    return x;
  MlirNamedAttribute a = mlyNamedI64Array(
      b->ctx, "broadcast_dimensions", bdims, mlyTypeRank(mlirValueGetType(x)));
  return mlyBuild(b, "mly.broadcast_in_dim", result, &x, 1, &a, 1);
}

MlirValue mlyBuildBroadcastTo(MlyBuilder *b, MlirValue x, const int64_t *dims,
                              int64_t rank) {
  if (mlirValueIsNull(x))
    return x;
  MlirType t = mlirValueGetType(x);
  int64_t r = mlyTypeRank(t), in[MLY_BUILDER_MAX_RANK];
  int64_t bdims[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(t, in);
  if (r == rank && !memcmp(in, dims, (size_t)rank * sizeof *dims))
    return x;
  for (int64_t i = 0; i < r; ++i)
    bdims[i] = rank - r + i;
  return mlyBuildBroadcastInDim(
      b, x, mlyTensorType(b->ctx, dims, rank, mlyTypeElt(t)), bdims);
}

MlirValue mlyBuildReshape(MlyBuilder *b, MlirValue x, const int64_t *dims,
                          int64_t rank) {
  if (mlirValueIsNull(x))
    return x;
  MlirType t = mlirValueGetType(x);
  int64_t in[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(t, in);
  if (mlyTypeRank(t) == rank && !memcmp(in, dims, (size_t)rank * sizeof *dims))
    return x;
  return mlyBuild(b, "mly.reshape",
                  mlyTensorType(b->ctx, dims, rank, mlyTypeElt(t)), &x, 1,
                  NULL, 0);
}

MlirValue mlyBuildTranspose(MlyBuilder *b, MlirValue x, const int64_t *perm) {
  if (mlirValueIsNull(x))
    return x;
  MlirType t = mlirValueGetType(x);
  int64_t r = mlyTypeRank(t), in[MLY_BUILDER_MAX_RANK],
          out[MLY_BUILDER_MAX_RANK];
  bool identity = true;
  mlyTypeDims(t, in);
  for (int64_t i = 0; i < r; ++i) {
    out[i] = in[perm[i]];
    identity = identity && perm[i] == i;
  }
  if (identity)
    return x;
  MlirNamedAttribute a = mlyNamedI64Array(b->ctx, "permutation", perm, r);
  return mlyBuild(b, "mly.transpose", mlyTensorType(b->ctx, out, r, mlyTypeElt(t)),
                  &x, 1, &a, 1);
}

MlirValue mlyBuildReduce(MlyBuilder *b, const char *kind, MlirValue x,
                         const int64_t *dims, int64_t n, bool keepdim) {
  if (mlirValueIsNull(x))
    return x;
  MlirType t = mlirValueGetType(x);
  int64_t r = mlyTypeRank(t), in[MLY_BUILDER_MAX_RANK],
          out[MLY_BUILDER_MAX_RANK], k = 0;
  mlyTypeDims(t, in);
  for (int64_t i = 0; i < r; ++i) {
    bool reduced = false;
    for (int64_t j = 0; j < n; ++j)
      reduced = reduced || dims[j] == i;
    if (!reduced)
      out[k++] = in[i];
    else if (keepdim)
      out[k++] = 1;
  }
  MlirNamedAttribute a[3] = {mlyNamedStr(b->ctx, "kind", kind),
                             mlyNamedI64Array(b->ctx, "dims", dims, n),
                             mlyNamedBool(b->ctx, "keepdim", keepdim)};
  return mlyBuild(b, "mly.reduce", mlyTensorType(b->ctx, out, k, mlyTypeElt(t)),
                  &x, 1, a, 3);
}

MlirValue mlyBuildMatmul(MlyBuilder *b, MlirValue x, MlirValue y, bool tx,
                         bool ty) {
  if (mlirValueIsNull(x) || mlirValueIsNull(y))
    return (MlirValue){NULL};
  MlirType a = mlirValueGetType(x), c = mlirValueGetType(y);
  int64_t r = mlyTypeRank(a), da[MLY_BUILDER_MAX_RANK],
          dc[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(a, da);
  mlyTypeDims(c, dc);
  int64_t out[MLY_BUILDER_MAX_RANK];
  memcpy(out, da, (size_t)r * sizeof *da);
  out[r - 2] = tx ? da[r - 1] : da[r - 2];
  out[r - 1] = ty ? dc[r - 2] : dc[r - 1];
  MlirValue ops[2] = {x, y};
  MlirNamedAttribute at[2] = {mlyNamedBool(b->ctx, "transpose_lhs", tx),
                              mlyNamedBool(b->ctx, "transpose_rhs", ty)};
  return mlyBuild(b, "mly.matmul", mlyTensorType(b->ctx, out, r, mlyTypeElt(a)),
                  ops, 2, at, 2);
}

MlirValue mlyBuildSlice(MlyBuilder *b, MlirValue x, const int64_t *start,
                        const int64_t *limit, const int64_t *stride) {
  if (mlirValueIsNull(x))
    return x;
  MlirType t = mlirValueGetType(x);
  int64_t r = mlyTypeRank(t), out[MLY_BUILDER_MAX_RANK];
  for (int64_t i = 0; i < r; ++i)
    out[i] = (limit[i] - start[i] + stride[i] - 1) / stride[i];
  MlirNamedAttribute a[3] = {mlyNamedI64Array(b->ctx, "start_indices", start, r),
                             mlyNamedI64Array(b->ctx, "limit_indices", limit, r),
                             mlyNamedI64Array(b->ctx, "strides", stride, r)};
  return mlyBuild(b, "mly.slice", mlyTensorType(b->ctx, out, r, mlyTypeElt(t)),
                  &x, 1, a, 3);
}

MlirValue mlyBuildConcat(MlyBuilder *b, MlirValue x, MlirValue y, int64_t dim) {
  if (mlirValueIsNull(x) || mlirValueIsNull(y))
    return (MlirValue){NULL};
  MlirType t = mlirValueGetType(x);
  int64_t r = mlyTypeRank(t), out[MLY_BUILDER_MAX_RANK],
          dy[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(t, out);
  mlyTypeDims(mlirValueGetType(y), dy);
  out[dim] += dy[dim];
  MlirValue ops[2] = {x, y};
  MlirNamedAttribute a = mlyNamedI64(b->ctx, "dim", dim);
  return mlyBuild(b, "mly.concat", mlyTensorType(b->ctx, out, r, mlyTypeElt(t)),
                  ops, 2, &a, 1);
}

MlirValue mlyBuildGather(MlyBuilder *b, MlirValue x, MlirValue idx,
                         int64_t dim, const char *mode) {
  if (mlirValueIsNull(x) || mlirValueIsNull(idx))
    return (MlirValue){NULL};
  MlirType t = mlirValueGetType(x), it = mlirValueGetType(idx);
  int64_t r = mlyTypeRank(t), ri = mlyTypeRank(it), in[MLY_BUILDER_MAX_RANK],
          di[MLY_BUILDER_MAX_RANK], out[MLY_BUILDER_MAX_RANK], k = 0;
  mlyTypeDims(t, in);
  mlyTypeDims(it, di);
  if (!strcmp(mode, "along")) {
    memcpy(out, di, (size_t)ri * sizeof *di);
    k = ri;
  } else {
    for (int64_t i = 0; i < dim; ++i)
      out[k++] = in[i];
    for (int64_t i = 0; i < ri; ++i)
      out[k++] = di[i];
    for (int64_t i = dim + 1; i < r; ++i)
      out[k++] = in[i];
  }
  MlirValue ops[2] = {x, idx};
  MlirNamedAttribute a[2] = {mlyNamedI64(b->ctx, "dim", dim),
                             mlyNamedStr(b->ctx, "mode", mode)};
  return mlyBuild(b, "mly.gather", mlyTensorType(b->ctx, out, k, mlyTypeElt(t)),
                  ops, 2, a, 2);
}

MlirValue mlyBuildPad(MlyBuilder *b, MlirValue x, const int64_t *low,
                      const int64_t *high, double v) {
  if (mlirValueIsNull(x))
    return x;
  MlirType t = mlirValueGetType(x);
  int64_t r = mlyTypeRank(t), out[MLY_BUILDER_MAX_RANK];
  mlyTypeDims(t, out);
  for (int64_t i = 0; i < r; ++i)
    out[i] += low[i] + high[i];
  MlirNamedAttribute a[3] = {mlyNamedI64Array(b->ctx, "low", low, r),
                             mlyNamedI64Array(b->ctx, "high", high, r),
                             mlyNamedF64(b->ctx, "value", v)};
  return mlyBuild(b, "mly.pad", mlyTensorType(b->ctx, out, r, mlyTypeElt(t)),
                  &x, 1, a, 3);
}

MlirValue mlyBuildScan(MlyBuilder *b, MlirValue x, int64_t dim) {
  if (mlirValueIsNull(x))
    return x;
  MlirNamedAttribute a = mlyNamedI64(b->ctx, "dim", dim);
  return mlyBuild(b, "mly.scan", mlirValueGetType(x), &x, 1, &a, 1);
}
