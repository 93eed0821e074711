/* Semantic rules of the mly dialect. mly is strict where aten is lenient:
 * elementwise operands have the result's exact shape and element type
 * (broadcasts and casts are explicit ops), and dims are never negative.
 * Positions follow mly.irdl.mlir. Attribute values are untrusted: every
 * value is range-checked before it indexes a shape, and every size
 * computation checks for overflow. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dialects/verify_util.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

/* ---- Helpers ------------------------------------------------------------ */


/* mly dims are plain indices: [0, rank), no negative wrap-around. */
static bool dim_in_range(MlyVerifier *v, const char *what, int64_t dim,
                         int64_t rank) {
  if (dim < 0 || dim >= rank)
    return mlyVerifyFail(v, "%s %" PRId64 " is out of range for rank %" PRId64,
                         what, dim, rank);
  return true;
}

/* An array<i64> attribute that must have exactly `n` elements; `why` says
 * where n comes from ("input rank"). */
static bool attr_ints_n(MlyVerifier *v, const char *name, int64_t *out,
                        int64_t n, const char *why) {
  int64_t len;
  if (!mlyAttrInts(v, name, out, &len))
    return false;
  if (len != n)
    return mlyVerifyFail(
        v, "attribute '%s' has %" PRId64 " elements, expected %" PRId64 " (%s)",
        name, len, n, why);
  return true;
}

/* Reports unless every element of the array attribute `name` is >= min. */
static bool ints_at_least(MlyVerifier *v, const char *name, const int64_t *xs,
                          int64_t n, int64_t min) {
  for (int64_t i = 0; i < n; ++i)
    if (xs[i] < min)
      return mlyVerifyFail(
          v, "%s[%" PRId64 "] is %" PRId64 ", expected >= %" PRId64, name, i,
          xs[i], min);
  return true;
}

/* Reports unless `a` and `b` have one shape and one element type. */
static bool same_type(MlyVerifier *v, const char *what_a, const MlyShape *a,
                      const char *what_b, const MlyShape *b) {
  return mlyExpectSameDims(v, what_a, a, what_b, b) &&
         mlyExpectSameElt(v, what_a, a, what_b, b);
}

enum elt_class { ELT_FLOAT, ELT_BOOL, ELT_INT, ELT_INT_OR_FLOAT };

/* Reports unless the element type of `s` is of class `c`. */
static bool expect_elt(MlyVerifier *v, const char *what, const MlyShape *s,
                       enum elt_class c) {
  static const char *const names[] = {"a float type", "i1", "an integer type",
                                      "an integer or float type"};
  bool ok = c == ELT_FLOAT  ? mlyEltIsFloat(s->elt)
            : c == ELT_BOOL ? mlyEltIsBool(s->elt)
            : c == ELT_INT  ? mlyEltIsInt(s->elt) || mlirTypeIsAIndex(s->elt)
                            : mlyEltIsInt(s->elt) || mlyEltIsFloat(s->elt);
  if (ok)
    return true;
  char t[64];
  return mlyVerifyFail(v, "%s element type %s is not %s", what,
                       mlyFormatType(s->elt, t, sizeof t), names[c]);
}

/* Reports unless `s` has at least `rank` dims. */
static bool rank_at_least(MlyVerifier *v, const char *what, const MlyShape *s,
                          int64_t rank) {
  if (s->rank >= rank)
    return true;
  return mlyVerifyFail(v, "%s has %" PRId64 " dims, expected at least %" PRId64,
                       what, s->rank, rank);
}

/* Reads operand 0 and result 0, the shape of most mly ops. */
static bool in_out(MlyVerifier *v, MlyShape *in, MlyShape *out) {
  return mlyOperandShape(v, 0, in) && mlyResultShape(v, 0, out);
}

/* ---- Elementwise -------------------------------------------------------- */

/* Unary elementwise: one shape and one element type in and out. */
static bool unary_same_type(MlyVerifier *v) {
  MlyShape in, out;
  return in_out(v, &in, &out) && same_type(v, "result", &out, "input", &in);
}

/* exp, log, sqrt, ...: as unary_same_type, on floats only. */
static bool unary_float(MlyVerifier *v) {
  MlyShape in, out;
  return in_out(v, &in, &out) && same_type(v, "result", &out, "input", &in) &&
         expect_elt(v, "input", &in, ELT_FLOAT);
}

static bool verify_not(MlyVerifier *v) {
  MlyShape in, out;
  return in_out(v, &in, &out) && same_type(v, "result", &out, "input", &in) &&
         expect_elt(v, "input", &in, ELT_BOOL);
}

/* cast changes only the element type. */
static bool verify_cast(MlyVerifier *v) {
  MlyShape in, out;
  return in_out(v, &in, &out) &&
         mlyExpectSameDims(v, "result", &out, "input", &in);
}

/* lhs, rhs and result of one shape; result element type left to callers. */
static bool binary_operands(MlyVerifier *v, MlyShape *lhs, MlyShape *rhs,
                            MlyShape *out) {
  return mlyOperandShape(v, 0, lhs) && mlyOperandShape(v, 1, rhs) &&
         mlyResultShape(v, 0, out) && same_type(v, "rhs", rhs, "lhs", lhs) &&
         mlyExpectSameDims(v, "result", out, "lhs", lhs);
}

static bool binary_same_type(MlyVerifier *v) {
  MlyShape lhs, rhs, out;
  return binary_operands(v, &lhs, &rhs, &out) &&
         mlyExpectSameElt(v, "result", &out, "lhs", &lhs);
}

/* and, or */
static bool binary_bool(MlyVerifier *v) {
  MlyShape lhs, rhs, out;
  return binary_operands(v, &lhs, &rhs, &out) &&
         mlyExpectSameElt(v, "result", &out, "lhs", &lhs) &&
         expect_elt(v, "lhs", &lhs, ELT_BOOL);
}

static bool verify_cmp(MlyVerifier *v) {
  static const char *const preds[] = {"eq", "ne", "lt", "le", "gt", "ge", NULL};
  MlyShape lhs, rhs, out;
  return mlyAttrStrOneOf(v, "predicate", preds) &&
         binary_operands(v, &lhs, &rhs, &out) &&
         expect_elt(v, "result", &out, ELT_BOOL);
}

static bool verify_select(MlyVerifier *v) {
  MlyShape c, t, f, out;
  return mlyOperandShape(v, 0, &c) && mlyOperandShape(v, 1, &t) &&
         mlyOperandShape(v, 2, &f) && mlyResultShape(v, 0, &out) &&
         expect_elt(v, "condition", &c, ELT_BOOL) &&
         mlyExpectSameDims(v, "condition", &c, "result", &out) &&
         same_type(v, "on_true", &t, "result", &out) &&
         same_type(v, "on_false", &f, "result", &out);
}

/* ---- Values ------------------------------------------------------------- */

static bool verify_constant(MlyVerifier *v) {
  MlyShape out;
  if (!mlyResultShape(v, 0, &out))
    return false;
  MlirAttribute value = mlirOperationGetAttributeByName(
      v->op, mlirStringRefCreateFromCString("value"));
  if (mlirAttributeIsNull(value))
    return mlyVerifyFail(v, "requires attribute 'value'");
  if (!mlirAttributeIsAElements(value))
    return mlyVerifyFail(v, "attribute 'value' is not an elements attribute");
  MlirType vt = mlirAttributeGetType(value);
  MlirType rt = mlirValueGetType(mlirOperationGetResult(v->op, 0));
  if (mlirTypeEqual(vt, rt))
    return true;
  char a[128], b[128];
  return mlyVerifyFail(v, "value type %s does not match result type %s",
                       mlyFormatType(vt, a, sizeof a),
                       mlyFormatType(rt, b, sizeof b));
}

static bool verify_iota(MlyVerifier *v) {
  MlyShape out;
  int64_t dim;
  return mlyResultShape(v, 0, &out) && mlyAttrInt(v, "dim", &dim) &&
         dim_in_range(v, "dim", dim, out.rank) &&
         expect_elt(v, "result", &out, ELT_INT_OR_FLOAT);
}

/* ---- Data movement ------------------------------------------------------ */

static bool verify_broadcast_in_dim(MlyVerifier *v) {
  MlyShape in, out;
  int64_t bd[MLY_MAX_RANK];
  if (!in_out(v, &in, &out) ||
      !attr_ints_n(v, "broadcast_dimensions", bd, in.rank, "input rank"))
    return false;
  for (int64_t i = 0; i < in.rank; ++i) {
    if (!dim_in_range(v, "broadcast dimension", bd[i], out.rank))
      return false;
    if (i > 0 && bd[i] <= bd[i - 1]) {
      char s[256];
      return mlyVerifyFail(
          v, "broadcast_dimensions %s are not strictly increasing",
          mlyFormatInts(bd, in.rank, s, sizeof s));
    }
    if (in.dims[i] != 1 && in.dims[i] != out.dims[bd[i]])
      return mlyVerifyFail(v,
                           "input dim %" PRId64 " is %" PRId64
                           ", expected 1 or %" PRId64 " (result dim %" PRId64
                           ")",
                           i, in.dims[i], out.dims[bd[i]], bd[i]);
  }
  return mlyExpectSameElt(v, "result", &out, "input", &in);
}

static bool verify_reshape(MlyVerifier *v) {
  MlyShape in, out;
  int64_t n_in, n_out;
  if (!in_out(v, &in, &out))
    return false;
  if (!mlyNumElements(&in, &n_in))
    return mlyVerifyFail(v, "input element count overflows int64");
  if (!mlyNumElements(&out, &n_out))
    return mlyVerifyFail(v, "result element count overflows int64");
  if (n_in != n_out)
    return mlyVerifyFail(
        v, "result has %" PRId64 " elements, input has %" PRId64, n_out, n_in);
  return mlyExpectSameElt(v, "result", &out, "input", &in);
}

static bool verify_transpose(MlyVerifier *v) {
  MlyShape in, out;
  int64_t perm[MLY_MAX_RANK], dims[MLY_MAX_RANK];
  bool seen[MLY_MAX_RANK] = {false};
  if (!in_out(v, &in, &out) ||
      !attr_ints_n(v, "permutation", perm, in.rank, "input rank"))
    return false;
  for (int64_t i = 0; i < in.rank; ++i) {
    if (perm[i] < 0 || perm[i] >= in.rank || seen[perm[i]]) {
      char s[256];
      return mlyVerifyFail(
          v, "permutation %s is not a permutation of 0..%" PRId64,
          mlyFormatInts(perm, in.rank, s, sizeof s), in.rank - 1);
    }
    seen[perm[i]] = true;
    dims[i] = in.dims[perm[i]];
  }
  return mlyExpectDims(v, "result", &out, dims, in.rank) &&
         mlyExpectSameElt(v, "result", &out, "input", &in);
}

static bool verify_slice(MlyVerifier *v) {
  MlyShape in, out;
  int64_t start[MLY_MAX_RANK], limit[MLY_MAX_RANK], stride[MLY_MAX_RANK];
  int64_t dims[MLY_MAX_RANK];
  if (!in_out(v, &in, &out) ||
      !attr_ints_n(v, "start_indices", start, in.rank, "input rank") ||
      !attr_ints_n(v, "limit_indices", limit, in.rank, "input rank") ||
      !attr_ints_n(v, "strides", stride, in.rank, "input rank") ||
      !ints_at_least(v, "strides", stride, in.rank, 1))
    return false;
  for (int64_t i = 0; i < in.rank; ++i) {
    if (start[i] < 0 || start[i] > limit[i] || limit[i] > in.dims[i])
      return mlyVerifyFail(v,
                           "dim %" PRId64 ": start %" PRId64 ", limit %" PRId64
                           " violate 0 <= start <= limit <= %" PRId64,
                           i, start[i], limit[i], in.dims[i]);
    int64_t len = limit[i] - start[i];
    dims[i] = len == 0 ? 0 : (len - 1) / stride[i] + 1; /* ceil, no overflow */
  }
  return mlyExpectDims(v, "result", &out, dims, in.rank) &&
         mlyExpectSameElt(v, "result", &out, "input", &in);
}

static bool verify_pad(MlyVerifier *v) {
  MlyShape in, out;
  int64_t low[MLY_MAX_RANK], high[MLY_MAX_RANK], dims[MLY_MAX_RANK];
  if (!in_out(v, &in, &out) ||
      !attr_ints_n(v, "low", low, in.rank, "input rank") ||
      !attr_ints_n(v, "high", high, in.rank, "input rank"))
    return false;
  for (int64_t i = 0; i < in.rank; ++i) {
    int64_t d;
    if (__builtin_add_overflow(in.dims[i], low[i], &d) ||
        __builtin_add_overflow(d, high[i], &d))
      return mlyVerifyFail(v, "dim %" PRId64 " overflows int64 when padded", i);
    if (d < 0)
      return mlyVerifyFail(v,
                           "dim %" PRId64 " of size %" PRId64
                           " padded by %" PRId64 " and %" PRId64
                           " is negative (%" PRId64 ")",
                           i, in.dims[i], low[i], high[i], d);
    dims[i] = d;
  }
  return mlyExpectDims(v, "result", &out, dims, in.rank) &&
         mlyExpectSameElt(v, "result", &out, "input", &in);
}

static bool verify_concat(MlyVerifier *v) {
  MlyShape lhs, rhs, out;
  int64_t dim, dims[MLY_MAX_RANK];
  if (!mlyOperandShape(v, 0, &lhs) || !mlyOperandShape(v, 1, &rhs) ||
      !mlyResultShape(v, 0, &out) || !mlyAttrInt(v, "dim", &dim) ||
      !mlyExpectRank(v, "rhs", &rhs, lhs.rank) ||
      !mlyExpectSameElt(v, "rhs", &rhs, "lhs", &lhs) ||
      !mlyExpectSameElt(v, "result", &out, "lhs", &lhs) ||
      !dim_in_range(v, "dim", dim, lhs.rank))
    return false;
  for (int64_t i = 0; i < lhs.rank; ++i) {
    if (i != dim && lhs.dims[i] != rhs.dims[i])
      return mlyVerifyFail(v,
                           "lhs dim %" PRId64 " is %" PRId64
                           ", rhs dim %" PRId64 " is %" PRId64,
                           i, lhs.dims[i], i, rhs.dims[i]);
    dims[i] = lhs.dims[i];
  }
  if (__builtin_add_overflow(lhs.dims[dim], rhs.dims[dim], &dims[dim]))
    return mlyVerifyFail(v, "concatenated dim %" PRId64 " overflows int64",
                         dim);
  return mlyExpectDims(v, "result", &out, dims, lhs.rank);
}

/* take: input[:dim] + indices.shape + input[dim+1:]; along: indices shape,
 * like torch.take_along_dim. */
static bool verify_gather(MlyVerifier *v) {
  static const char *const modes[] = {"take", "along", NULL};
  MlyShape in, idx, out;
  MlirStringRef mode;
  int64_t dim, dims[MLY_MAX_RANK];
  if (!mlyAttrStrOneOf(v, "mode", modes) || !mlyAttrStr(v, "mode", &mode) ||
      !mlyOperandShape(v, 0, &in) || !mlyOperandShape(v, 1, &idx) ||
      !mlyResultShape(v, 0, &out) || !mlyAttrInt(v, "dim", &dim) ||
      !expect_elt(v, "indices", &idx, ELT_INT) ||
      !mlyExpectSameElt(v, "result", &out, "input", &in) ||
      !dim_in_range(v, "dim", dim, in.rank))
    return false;
  if (mode.length == 5 && !memcmp(mode.data, "along", 5))
    return mlyExpectRank(v, "indices", &idx, in.rank) &&
           mlyExpectSameDims(v, "result", &out, "indices", &idx);
  int64_t rank = in.rank - 1 + idx.rank;
  if (rank > MLY_MAX_RANK)
    return mlyVerifyFail(
        v, "result would have %" PRId64 " dims, at most %d are supported", rank,
        MLY_MAX_RANK);
  int64_t n = 0;
  for (int64_t i = 0; i < dim; ++i)
    dims[n++] = in.dims[i];
  for (int64_t i = 0; i < idx.rank; ++i)
    dims[n++] = idx.dims[i];
  for (int64_t i = dim + 1; i < in.rank; ++i)
    dims[n++] = in.dims[i];
  return mlyExpectDims(v, "result", &out, dims, rank);
}

/* ---- Reductions and scans ----------------------------------------------- */

static bool verify_reduce(MlyVerifier *v) {
  static const char *const kinds[] = {"sum", "max", "min", "prod", NULL};
  MlyShape in, out;
  int64_t rdims[MLY_MAX_RANK], n, dims[MLY_MAX_RANK], rank = 0;
  bool keepdim, reduced[MLY_MAX_RANK] = {false};
  if (!mlyAttrStrOneOf(v, "kind", kinds) || !in_out(v, &in, &out) ||
      !mlyAttrInts(v, "dims", rdims, &n) ||
      !mlyAttrBool(v, "keepdim", &keepdim))
    return false;
  for (int64_t i = 0; i < n; ++i) {
    if (!dim_in_range(v, "reduced dim", rdims[i], in.rank))
      return false;
    if (reduced[rdims[i]]) {
      char s[256];
      return mlyVerifyFail(v, "dims %s repeat dim %" PRId64,
                           mlyFormatInts(rdims, n, s, sizeof s), rdims[i]);
    }
    reduced[rdims[i]] = true;
  }
  for (int64_t i = 0; i < in.rank; ++i)
    if (keepdim || !reduced[i])
      dims[rank++] = reduced[i] ? 1 : in.dims[i];
  return mlyExpectDims(v, "result", &out, dims, rank) &&
         mlyExpectSameElt(v, "result", &out, "input", &in);
}

static bool verify_scan(MlyVerifier *v) {
  MlyShape in, out;
  int64_t dim;
  return in_out(v, &in, &out) && mlyAttrInt(v, "dim", &dim) &&
         dim_in_range(v, "dim", dim, in.rank) &&
         same_type(v, "result", &out, "input", &in);
}

/* ---- Contractions and windows ------------------------------------------- */

/* lhs [..., M, K] (or [..., K, M] transposed) x rhs [..., K, N] (or
 * [..., N, K]) -> [..., M, N]; batch dims equal, no broadcast. */
static bool verify_matmul(MlyVerifier *v) {
  MlyShape l, r, out;
  bool tl, tr;
  int64_t dims[MLY_MAX_RANK];
  if (!mlyOperandShape(v, 0, &l) || !mlyOperandShape(v, 1, &r) ||
      !mlyResultShape(v, 0, &out) || !mlyAttrBool(v, "transpose_lhs", &tl) ||
      !mlyAttrBool(v, "transpose_rhs", &tr) ||
      !rank_at_least(v, "lhs", &l, 2) || !mlyExpectRank(v, "rhs", &r, l.rank) ||
      !mlyExpectSameElt(v, "rhs", &r, "lhs", &l) ||
      !mlyExpectSameElt(v, "result", &out, "lhs", &l))
    return false;
  int64_t n = l.rank;
  for (int64_t i = 0; i < n - 2; ++i) {
    if (l.dims[i] != r.dims[i])
      return mlyVerifyFail(v,
                           "lhs batch dim %" PRId64 " is %" PRId64
                           ", rhs batch dim %" PRId64 " is %" PRId64,
                           i, l.dims[i], i, r.dims[i]);
    dims[i] = l.dims[i];
  }
  int64_t lk = l.dims[tl ? n - 2 : n - 1], rk = r.dims[tr ? n - 1 : n - 2];
  if (lk != rk)
    return mlyVerifyFail(v,
                         "lhs contraction dim is %" PRId64
                         ", rhs contraction dim is %" PRId64,
                         lk, rk);
  dims[n - 2] = l.dims[tl ? n - 1 : n - 2];
  dims[n - 1] = r.dims[tr ? n - 2 : n - 1];
  return mlyExpectDims(v, "result", &out, dims, n);
}

/* Window attributes of conv and pool, one entry per spatial dim. */
typedef struct Window {
  int64_t n;
  int64_t size[MLY_MAX_RANK]; /* kernel extent: weight dims or `window` */
  int64_t stride[MLY_MAX_RANK], padding[MLY_MAX_RANK], dilation[MLY_MAX_RANK];
} Window;

/* Reads and range-checks stride/padding/dilation, `n` entries each. */
static bool read_window(MlyVerifier *v, Window *w, int64_t n) {
  w->n = n;
  return attr_ints_n(v, "stride", w->stride, n, "spatial rank") &&
         attr_ints_n(v, "padding", w->padding, n, "spatial rank") &&
         attr_ints_n(v, "dilation", w->dilation, n, "spatial rank") &&
         ints_at_least(v, "stride", w->stride, n, 1) &&
         ints_at_least(v, "padding", w->padding, n, 0) &&
         ints_at_least(v, "dilation", w->dilation, n, 1);
}

/* Output extents (in + 2p - d*(k-1) - 1)/s + 1 of the trailing spatial
 * dims of `in` into dims[2..]; reports a window larger than the padded
 * input and any overflow. */
static bool window_out(MlyVerifier *v, const Window *w, const MlyShape *in,
                       int64_t *dims) {
  for (int64_t i = 0; i < w->n; ++i) {
    int64_t x = in->dims[i + 2], span, padded;
    if (__builtin_mul_overflow(w->dilation[i], w->size[i] - 1, &span) ||
        __builtin_add_overflow(span, 1, &span) ||
        __builtin_mul_overflow(w->padding[i], 2, &padded) ||
        __builtin_add_overflow(padded, x, &padded))
      return mlyVerifyFail(v, "spatial dim %" PRId64 " overflows int64", i);
    if (span > padded)
      return mlyVerifyFail(v,
                           "spatial dim %" PRId64 ": dilated window %" PRId64
                           " exceeds padded input %" PRId64,
                           i, span, padded);
    dims[i + 2] = (padded - span) / w->stride[i] + 1;
  }
  return true;
}

/* IRDL checks neither the length nor the values of operandSegmentSizes;
 * conv's must be [1, 1, 0 or 1] and add up to the operand count, or the
 * operand groups would be read out of bounds. */
static bool conv_segments(MlyVerifier *v) {
  MlirAttribute seg = mlirOperationGetAttributeByName(
      v->op, mlirStringRefCreateFromCString("operandSegmentSizes"));
  intptr_t n_operands = mlirOperationGetNumOperands(v->op);
  if (mlirAttributeIsNull(seg))
    return true; /* operands fill the groups in order */
  if (!mlirAttributeIsADenseI32Array(seg))
    return mlyVerifyFail(v, "attribute 'operandSegmentSizes' is not an "
                            "array<i32>");
  int64_t sizes[MLY_MAX_RANK], n = mlirDenseArrayGetNumElements(seg);
  for (int64_t i = 0; i < n && i < MLY_MAX_RANK; ++i)
    sizes[i] = mlirDenseI32ArrayGetElement(seg, i);
  if (n != 3 || sizes[0] != 1 || sizes[1] != 1 ||
      (sizes[2] != 0 && sizes[2] != 1) || 2 + sizes[2] != n_operands) {
    char s[256];
    return mlyVerifyFail(
        v,
        "operandSegmentSizes %s does not describe input, "
        "weight and an optional bias for %" PRIdPTR " operands",
        mlyFormatInts(sizes, n < MLY_MAX_RANK ? n : MLY_MAX_RANK, s, sizeof s),
        n_operands);
  }
  return true;
}

/* conv(input [N, C, x...], weight [Cout, C/groups, k...], bias? [Cout])
 *   -> [N, Cout, (x + 2p - d*(k-1) - 1)/s + 1 ...] */
static bool verify_conv(MlyVerifier *v) {
  MlyShape in, wt, bias, out;
  Window w;
  int64_t groups, dims[MLY_MAX_RANK];
  if (!conv_segments(v))
    return false;
  MlirValue b = mlyOperandGroup(v, 2, 3);
  if (!mlyValueShape(v, mlyOperandGroup(v, 0, 3), "input", &in) ||
      !mlyValueShape(v, mlyOperandGroup(v, 1, 3), "weight", &wt) ||
      !mlyResultShape(v, 0, &out) || !mlyAttrInt(v, "groups", &groups) ||
      !rank_at_least(v, "input", &in, 3) ||
      !mlyExpectRank(v, "weight", &wt, in.rank) ||
      !read_window(v, &w, in.rank - 2) ||
      !mlyExpectSameElt(v, "weight", &wt, "input", &in) ||
      !mlyExpectSameElt(v, "result", &out, "input", &in))
    return false;
  int64_t c = in.dims[1], cout = wt.dims[0];
  if (groups < 1)
    return mlyVerifyFail(v, "groups is %" PRId64 ", expected >= 1", groups);
  if (c % groups || cout % groups)
    return mlyVerifyFail(v,
                         "groups %" PRId64
                         " does not divide input channels %" PRId64
                         " and output channels %" PRId64,
                         groups, c, cout);
  if (wt.dims[1] != c / groups)
    return mlyVerifyFail(v,
                         "weight dim 1 is %" PRId64 ", expected %" PRId64
                         " (input channels / groups)",
                         wt.dims[1], c / groups);
  if (!mlirValueIsNull(b) &&
      (!mlyValueShape(v, b, "bias", &bias) ||
       !mlyExpectDims(v, "bias", &bias, &cout, 1) ||
       !mlyExpectSameElt(v, "bias", &bias, "input", &in)))
    return false;
  for (int64_t i = 0; i < w.n; ++i)
    w.size[i] = wt.dims[i + 2];
  if (!ints_at_least(v, "kernel", w.size, w.n, 1))
    return false;
  dims[0] = in.dims[0];
  dims[1] = cout;
  return window_out(v, &w, &in, dims) &&
         mlyExpectDims(v, "result", &out, dims, in.rank);
}

/* pool(input [N, C, x...]) -> [N, C, (x + 2p - d*(w-1) - 1)/s + 1 ...] */
static bool verify_pool(MlyVerifier *v) {
  static const char *const kinds[] = {"max", "avg", NULL};
  MlyShape in, out;
  Window w;
  int64_t dims[MLY_MAX_RANK];
  if (!mlyAttrStrOneOf(v, "kind", kinds) || !in_out(v, &in, &out) ||
      !rank_at_least(v, "input", &in, 3) ||
      !attr_ints_n(v, "window", w.size, in.rank - 2, "spatial rank") ||
      !ints_at_least(v, "window", w.size, in.rank - 2, 1) ||
      !read_window(v, &w, in.rank - 2) ||
      !mlyExpectSameElt(v, "result", &out, "input", &in))
    return false;
  dims[0] = in.dims[0];
  dims[1] = in.dims[1];
  return window_out(v, &w, &in, dims) &&
         mlyExpectDims(v, "result", &out, dims, in.rank);
}

const MlyVerifyRule mlyMlyVerifyRules[] = {
    {"neg", unary_same_type},    {"abs", unary_same_type},
    {"exp", unary_float},        {"log", unary_float},
    {"sqrt", unary_float},       {"rsqrt", unary_float},
    {"tanh", unary_float},       {"sigmoid", unary_float},
    {"erf", unary_float},        {"sin", unary_float},
    {"cos", unary_float},        {"floor", unary_float},
    {"not", verify_not},         {"cast", verify_cast},
    {"add", binary_same_type},   {"sub", binary_same_type},
    {"mul", binary_same_type},   {"div", binary_same_type},
    {"max", binary_same_type},   {"min", binary_same_type},
    {"pow", binary_same_type},   {"and", binary_bool},
    {"or", binary_bool},         {"cmp", verify_cmp},
    {"select", verify_select},   {"constant", verify_constant},
    {"iota", verify_iota},       {"broadcast_in_dim", verify_broadcast_in_dim},
    {"reshape", verify_reshape}, {"transpose", verify_transpose},
    {"slice", verify_slice},     {"pad", verify_pad},
    {"concat", verify_concat},   {"gather", verify_gather},
    {"reduce", verify_reduce},   {"scan", verify_scan},
    {"matmul", verify_matmul},   {"conv", verify_conv},
    {"pool", verify_pool},       {NULL, NULL},
};
