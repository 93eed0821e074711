/* Semantic rules of the aten dialect: shapes, dims and dtypes that IRDL
 * cannot express. One function per op (or per family of ops); the table at
 * the end maps op names to them. Operand positions follow aten.irdl.mlir. */
#include <inttypes.h>

#include "dialects/verify_util.h"

/* Unary ops whose result has the operand's shape. */
static bool same_shape_unary(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "operand", &in);
}

/* linear(input[..., in], weight[out, in], bias?[out]) -> [..., out] */
static bool verify_linear(MlyVerifier *v) {
  MlyShape x, w, b, r;
  if (!mlyOperandShape(v, 0, &x) || !mlyOperandShape(v, 1, &w) ||
      !mlyResultShape(v, 0, &r))
    return false;
  if (!mlyExpectRank(v, "weight", &w, 2))
    return false;
  if (x.rank < 1)
    return mlyVerifyFail(v, "input has 0 dims, expected at least 1");
  if (x.dims[x.rank - 1] != w.dims[1])
    return mlyVerifyFail(v, "input has %" PRId64 " features, weight expects %" PRId64,
                         x.dims[x.rank - 1], w.dims[1]);
  if (mlirOperationGetNumOperands(v->op) > 2) {
    if (!mlyOperandShape(v, 2, &b))
      return false;
    if (b.rank > 1 || (b.rank == 1 && b.dims[0] != w.dims[0] && b.dims[0] != 1))
      return mlyVerifyFail(v, "bias shape must be [%" PRId64 "]", w.dims[0]);
  }
  int64_t dims[MLY_MAX_RANK];
  for (int64_t i = 0; i + 1 < x.rank; ++i)
    dims[i] = x.dims[i];
  dims[x.rank - 1] = w.dims[0];
  return mlyExpectSameElt(v, "weight", &w, "input", &x) &&
         mlyExpectSameElt(v, "result", &r, "input", &x) &&
         mlyExpectDims(v, "result", &r, dims, x.rank);
}

const MlyVerifyRule mlyAtenVerifyRules[] = {
    {"linear", verify_linear},
    {"neg", same_shape_unary},
    {NULL, NULL},
};
