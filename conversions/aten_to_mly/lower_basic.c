/* aten -> mly lowerings of elementwise math, comparisons and logic, shapes
 * and views, reductions and scans, indexing, factories and conversions,
 * with PyTorch's numerics (see lower.h for the table this file fills).
 * aten promotes and broadcasts implicitly; every lowering here makes both
 * explicit, so each mly op sees operands of exactly its result's type.
 * Where an aten op and its mly op share a name (exp, add, eq, ...), one
 * lowering serves the family and builds "mly.<name>". */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "conversions/aten_to_mly/lower.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#define RANK MLY_BUILDER_MAX_RANK

/* C17's math.h has no M_SQRT1_2 (POSIX); sqrt(2/pi) as PyTorch spells it. */
static const double SQRT1_2 = 0.70710678118654752440;
static const double SQRT_2_OVER_PI = 0.79788456080286535588;

/* ---- helpers ------------------------------------------------------------ */

static MlirType type_of(MlirValue v) { return mlirValueGetType(v); }

static MlirType result_type(MlyLowering *l) { return mlyLowerResultType(l, 0); }

/* Writes v's dims and returns its rank. */
static int64_t dims_of(MlirValue v, int64_t *dims) {
  mlyTypeDims(type_of(v), dims);
  return mlyTypeRank(type_of(v));
}

static bool elt_is_bool(MlirType elt) {
  return mlirTypeIsAInteger(elt) && mlirIntegerTypeGetWidth(elt) == 1;
}
static bool elt_is_int(MlirType elt) {
  return mlirTypeIsAInteger(elt) && mlirIntegerTypeGetWidth(elt) > 1;
}

/* The aten op's name without "aten." ("exp"). */
static const char *aten_name(MlyLowering *l) { return l->name + 5; }

/* Sets result 0 to v; a null v means a build failed on the way. */
static bool done(MlyLowering *l, MlirValue v) {
  if (mlirValueIsNull(v))
    return mlyLowerFail(l, "could not be built from mly ops");
  l->results[0] = v;
  return true;
}

/* v reshaped to result 0's shape (same element count). */
static bool done_reshaped(MlyLowering *l, MlirValue v) {
  int64_t dims[RANK];
  MlirType rt = result_type(l);
  mlyTypeDims(rt, dims);
  return done(l, mlyBuildReshape(&l->b, v, dims, mlyTypeRank(rt)));
}

/* Binary op "mly.<op>" with a null check on both operands. */
static MlirValue bin(MlyLowering *l, const char *op, MlirValue x, MlirValue y) {
  if (mlirValueIsNull(x) || mlirValueIsNull(y))
    return (MlirValue){NULL};
  char name[32];
  snprintf(name, sizeof name, "mly.%s", op);
  return mlyBuildBinary(&l->b, name, x, y);
}

static MlirValue un(MlyLowering *l, const char *op, MlirValue x) {
  char name[32];
  snprintf(name, sizeof name, "mly.%s", op);
  return mlyBuildUnary(&l->b, name, x);
}

static MlirValue sel(MlyLowering *l, MlirValue c, MlirValue t, MlirValue f) {
  if (mlirValueIsNull(c) || mlirValueIsNull(t) || mlirValueIsNull(f))
    return (MlirValue){NULL};
  return mlyBuildSelect(&l->b, c, t, f);
}

/* A number read from an attribute; integers (and bools) stay exact. */
typedef struct num {
  bool is_int;
  int64_t i;
  double f;
} num;

static bool attr_num(MlyLowering *l, const char *name, num *n) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      l->op, mlirStringRefCreateFromCString(name));
  if (!mlirAttributeIsNull(a) && mlirAttributeIsABool(a)) {
    n->is_int = true;
    n->i = mlirBoolAttrGetValue(a);
  } else if (mlyOpGetI64(l->op, name, &n->i)) {
    n->is_int = true;
  } else if (mlyOpGetF64(l->op, name, &n->f)) {
    n->is_int = false;
    return true;
  } else {
    return mlyLowerFail(l, "needs a numeric attribute '%s'", name);
  }
  n->f = (double)n->i;
  return true;
}

static MlirValue splat_i64(MlyLowering *l, MlirType type, int64_t v) {
  MlirAttribute value = mlirDenseElementsAttrSplatGet(
      type, mlirIntegerAttrGet(mlyTypeElt(type), v));
  MlirNamedAttribute a = mlirNamedAttributeGet(
      mlirIdentifierGet(l->b.ctx, mlirStringRefCreateFromCString("value")),
      value);
  return mlyBuild(&l->b, "mly.constant", type, NULL, 0, &a, 1);
}

/* mly.constant splat of n with `type`: exact for integer types; a float
 * converts to an integer type by truncation, as a PyTorch fill does. Null
 * when a float does not fit an integer type. */
static MlirValue splat_num(MlyLowering *l, MlirType type, num n) {
  MlirType elt = mlyTypeElt(type);
  if (!elt_is_int(elt))
    return mlyBuildSplat(&l->b, type, n.f);
  if (n.is_int)
    return splat_i64(l, type, n.i);
  if (!(n.f > -0x1p63 && n.f < 0x1p63))
    return (MlirValue){NULL};
  return splat_i64(l, type, (int64_t)n.f);
}

/* A splat of v with x's type. */
static MlirValue splat_like(MlyLowering *l, MlirValue x, double v) {
  return mlirValueIsNull(x) ? x : mlyBuildSplat(&l->b, type_of(x), v);
}

/* The splat value of v when an mly.constant defines it. */
static bool splat_value(MlirValue v, double *out) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(def));
  if (name.length != 12 || memcmp(name.data, "mly.constant", 12))
    return false;
  MlirAttribute a = mlirOperationGetAttributeByName(
      def, mlirStringRefCreateFromCString("value"));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseElements(a) ||
      !mlirDenseElementsAttrIsSplat(a))
    return false;
  MlirAttribute s = mlirDenseElementsAttrGetSplatValue(a);
  if (mlirAttributeIsAFloat(s))
    *out = mlirFloatAttrGetValueDouble(s);
  else if (mlirAttributeIsAInteger(s) && !mlirAttributeIsABool(s))
    *out = (double)mlirIntegerAttrGetValueInt(s);
  else
    return false;
  return true;
}

/* Normalizes the dim in attribute `attr` for `rank` (a 0-d tensor takes 0
 * and -1, both meaning 0). */
static bool attr_dim(MlyLowering *l, const char *attr, int64_t rank,
                     int64_t *d) {
  int64_t v, r = rank ? rank : 1;
  if (!mlyOpGetI64(l->op, attr, &v))
    return mlyLowerFail(l, "needs an integer attribute '%s'", attr);
  if (v < -r || v >= r)
    return mlyLowerFail(l, "%s %" PRId64 " is out of range for rank %" PRId64,
                        attr, v, rank);
  *d = v < 0 ? v + r : v;
  return true;
}

/* x converted to i1 and broadcast to result 0's shape. */
static MlirValue bool_like_result(MlyLowering *l, MlirValue x) {
  return mlyLowerLike(l, x, mlyTypeWithElt(result_type(l), mlyI1(l->b.ctx)));
}

/* Composite activations and accumulations run in f32 for f16/bf16, as
 * PyTorch's opmath and accumulator types do. */
static MlirType opmath_elt(MlyLowering *l) {
  MlirType elt = mlyTypeElt(result_type(l));
  return mlirTypeIsAF16(elt) || mlirTypeIsABF16(elt) ? mlyF32(l->b.ctx) : elt;
}

/* ---- elementwise arithmetic --------------------------------------------- */

/* add, sub (self + alpha * other), mul, div (true division: the result is a
 * float), pow (a constant exponent 2 is a multiplication). */
static bool lower_binary(MlyLowering *l) {
  const char *op = aten_name(l);
  MlirValue x = mlyLowerToResult(l, mlyLowerOperand(l, 0));
  MlirValue y = mlyLowerToResult(l, mlyLowerOperand(l, 1));
  double e;
  if (!strcmp(op, "add") || !strcmp(op, "sub")) {
    num alpha;
    if (!attr_num(l, "alpha", &alpha))
      return false;
    if (alpha.f != 1)
      y = bin(l, "mul", y, splat_num(l, type_of(y), alpha));
  } else if (!strcmp(op, "pow") && splat_value(mlyLowerOperand(l, 1), &e) &&
             e == 2) {
    return done(l, bin(l, "mul", x, x));
  }
  return done(l, bin(l, op, x, y));
}

/* neg, rsqrt, sqrt, exp, log, tanh, sigmoid, sin, cos: an integer input
 * becomes the (float) result type first. */
static bool lower_unary(MlyLowering *l) {
  return done(l,
              un(l, aten_name(l), mlyLowerToResult(l, mlyLowerOperand(l, 0))));
}

static bool lower_relu(MlyLowering *l) {
  MlirValue x = mlyLowerToResult(l, mlyLowerOperand(l, 0));
  return done(l, bin(l, "max", x, splat_like(l, x, 0)));
}

/* Input in the opmath type; the caller casts the result back. */
static MlirValue opmath_input(MlyLowering *l) {
  return mlyBuildCast(&l->b, mlyLowerToResult(l, mlyLowerOperand(l, 0)),
                      opmath_elt(l));
}
static bool done_opmath(MlyLowering *l, MlirValue v) {
  return done(l, mlyBuildCast(&l->b, v, mlyTypeElt(result_type(l))));
}

/* exact: x/2 * (1 + erf(x/sqrt2)); tanh: x/2 * (1 + tanh(sqrt(2/pi) *
 * (x + 0.044715 x^3))), in PyTorch's order of operations. */
static bool lower_gelu(MlyLowering *l) {
  MlirValue x = opmath_input(l), inner;
  if (mlyOpStrIs(l->op, "approximate", "tanh")) {
    MlirValue cube = bin(l, "mul", bin(l, "mul", x, x), x);
    inner = bin(l, "add", x, bin(l, "mul", splat_like(l, x, 0.044715), cube));
    inner =
        un(l, "tanh", bin(l, "mul", splat_like(l, x, SQRT_2_OVER_PI), inner));
  } else if (mlyOpStrIs(l->op, "approximate", "none")) {
    inner = un(l, "erf", bin(l, "mul", x, splat_like(l, x, SQRT1_2)));
  } else {
    return mlyLowerFail(l, "has an unknown 'approximate' (none or tanh)");
  }
  MlirValue half = bin(l, "mul", x, splat_like(l, x, 0.5));
  return done_opmath(
      l, bin(l, "mul", half, bin(l, "add", splat_like(l, x, 1), inner)));
}

static bool lower_silu(MlyLowering *l) {
  MlirValue x = opmath_input(l);
  return done_opmath(l, bin(l, "mul", x, un(l, "sigmoid", x)));
}

/* x * min(max(x + 3, 0), 6) / 6 */
static bool lower_hardswish(MlyLowering *l) {
  MlirValue x = opmath_input(l);
  MlirValue r = bin(l, "add", x, splat_like(l, x, 3));
  r = bin(l, "max", r, splat_like(l, x, 0));
  r = bin(l, "min", r, splat_like(l, x, 6));
  r = bin(l, "mul", x, r);
  return done_opmath(l, bin(l, "div", r, splat_like(l, x, 6)));
}

/* clamp, hardtanh: min(max(x, lo), hi) (hi wins when lo > hi); infinite
 * bounds are no bounds; integer results clamp to the integers inside. */
static bool lower_clamp(MlyLowering *l) {
  bool ht = !strcmp(aten_name(l), "hardtanh");
  num lo, hi;
  if (!attr_num(l, ht ? "min_val" : "min", &lo) ||
      !attr_num(l, ht ? "max_val" : "max", &hi))
    return false;
  MlirValue x = mlyLowerToResult(l, mlyLowerOperand(l, 0));
  bool ints = elt_is_int(mlyTypeElt(result_type(l)));
  if (ints && !lo.is_int)
    lo.f = ceil(lo.f);
  if (ints && !hi.is_int)
    hi.f = floor(hi.f);
  if (!isinf(lo.f) || lo.f > 0)
    x = bin(l, "max", x, splat_num(l, type_of(x), lo));
  if (!isinf(hi.f) || hi.f < 0)
    x = bin(l, "min", x, splat_num(l, type_of(x), hi));
  return done(l, x);
}

/* where(condition, self, other): select on an i1 condition. Builds are
 * sequenced statement by statement (argument order is unspecified in C),
 * so the output is the same with every compiler. */
static bool lower_where(MlyLowering *l) {
  MlirValue c = bool_like_result(l, mlyLowerOperand(l, 0));
  MlirValue t = mlyLowerToResult(l, mlyLowerOperand(l, 1));
  MlirValue f = mlyLowerToResult(l, mlyLowerOperand(l, 2));
  return done(l, sel(l, c, t, f));
}

static bool lower_masked_fill(MlyLowering *l) {
  num v;
  if (!attr_num(l, "value", &v))
    return false;
  MlirValue mask = bool_like_result(l, mlyLowerOperand(l, 1));
  MlirValue fill = splat_num(l, result_type(l), v);
  MlirValue x = mlyLowerToResult(l, mlyLowerOperand(l, 0));
  return done(l, sel(l, mask, fill, x));
}

/* ---- comparisons and logic ---------------------------------------------- */

/* 0 bool, 1 integer, 2 float: PyTorch's promotion categories. */
static int category(MlirType elt) {
  return mlirTypeIsAFloat(elt) ? 2 : elt_is_bool(elt) ? 0 : 1;
}

static unsigned width(MlirType elt) {
  return mlirTypeIsAFloat(elt) ? mlirFloatTypeGetWidth(elt)
                               : mlirIntegerTypeGetWidth(elt);
}

/* The dtype PyTorch compares a and b in: the higher category wins; within
 * one, a tensor with dims wins over a 0-d one (a Scalar), else the wider
 * type (f16 with bf16 meet in f32). */
static MlirType common_elt(MlyLowering *l, MlirValue a, MlirValue b) {
  MlirType ea = mlyTypeElt(type_of(a)), eb = mlyTypeElt(type_of(b));
  int ca = category(ea), cb = category(eb);
  bool za = mlyTypeRank(type_of(a)) == 0, zb = mlyTypeRank(type_of(b)) == 0;
  if (ca != cb)
    return ca > cb ? ea : eb;
  if (za != zb)
    return za ? eb : ea;
  if (mlirTypeEqual(ea, eb))
    return ea;
  if (width(ea) == width(eb)) /* f16 and bf16 */
    return mlyF32(l->b.ctx);
  return width(ea) > width(eb) ? ea : eb;
}

/* eq, ne, ge, gt, le, lt: mly.cmp with the same predicate. */
static bool lower_cmp(MlyLowering *l) {
  MlirValue a = mlyLowerOperand(l, 0), b = mlyLowerOperand(l, 1);
  MlirType like = mlyTypeWithElt(result_type(l), common_elt(l, a, b));
  a = mlyLowerLike(l, a, like);
  b = mlyLowerLike(l, b, like);
  if (mlirValueIsNull(a) || mlirValueIsNull(b))
    return done(l, (MlirValue){NULL});
  return done(l, mlyLowerToResult(l, mlyBuildCmp(&l->b, aten_name(l), a, b)));
}

/* logical_and, and bitwise_and of bools: and of the operands as i1. */
static bool lower_and(MlyLowering *l) {
  MlirValue a = mlyLowerOperand(l, 0), b = mlyLowerOperand(l, 1);
  if (!strcmp(aten_name(l), "bitwise_and") &&
      (!elt_is_bool(mlyTypeElt(type_of(a))) ||
       !elt_is_bool(mlyTypeElt(type_of(b)))))
    return mlyLowerFail(l, "on integer tensors has no mly lowering (mly.and "
                           "takes i1 only)");
  a = bool_like_result(l, a);
  b = bool_like_result(l, b);
  return done(l, mlyLowerToResult(l, bin(l, "and", a, b)));
}

static bool lower_logical_not(MlyLowering *l) {
  return done(l,
              mlyLowerToResult(
                  l, un(l, "not", bool_like_result(l, mlyLowerOperand(l, 0)))));
}

/* bitwise_not on bools is logical not; mly has no bitwise ops on wider
 * integers yet. */
static bool lower_bitwise_not(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  if (mlyTypeElt(mlirValueGetType(x)).ptr != mlyI1(l->b.ctx).ptr)
    return mlyLowerFail(l, "bitwise_not of an integer tensor has no mly "
                           "lowering yet (mly.not takes i1 only)");
  return done(l, un(l, "not", x));
}

/* ---- reductions and scans ----------------------------------------------- */

/* Reads the dim list `dim` (empty: every dim) into reduced[0..rank). Dims
 * of a 0-d tensor name nothing to reduce. */
static bool reduced_dims(MlyLowering *l, int64_t rank, bool *reduced) {
  int64_t dims[RANK], n, r = rank ? rank : 1;
  if (!mlyOpGetI64Array(l->op, "dim", dims, RANK, &n))
    return mlyLowerFail(l, "needs an array attribute 'dim' of at most %d dims",
                        RANK);
  for (int64_t i = 0; i < rank; ++i)
    reduced[i] = n == 0;
  for (int64_t i = 0; i < n; ++i) {
    if (dims[i] < -r || dims[i] >= r)
      return mlyLowerFail(l,
                          "dim %" PRId64 " is out of range for rank %" PRId64,
                          dims[i], rank);
    if (rank)
      reduced[dims[i] < 0 ? dims[i] + r : dims[i]] = true;
  }
  return true;
}

/* sum (in the result dtype: bools count as i64), amax, mean (sum / count,
 * in the float result type); f16/bf16 sums accumulate in f32. */
static bool lower_reduce(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t in[RANK], rank = dims_of(x, in), dims[RANK], n = 0, count = 1;
  bool reduced[RANK], keepdim;
  if (!reduced_dims(l, rank, reduced))
    return false;
  if (!mlyOpGetBool(l->op, "keepdim", &keepdim))
    return mlyLowerFail(l, "needs a bool attribute 'keepdim'");
  for (int64_t i = 0; i < rank; ++i)
    if (reduced[i]) {
      dims[n++] = i;
      count *= in[i];
    }
  bool max = !strcmp(aten_name(l), "amax");
  x = mlyBuildCast(&l->b, x, max ? mlyTypeElt(result_type(l)) : opmath_elt(l));
  if (n)
    x = mlyBuildReduce(&l->b, max ? "max" : "sum", x, dims, n, keepdim);
  if (!strcmp(aten_name(l), "mean") && count != 1)
    x = bin(l, "div", x, splat_like(l, x, (double)count));
  return done_reshaped(l, mlyBuildCast(&l->b, x, mlyTypeElt(result_type(l))));
}

/* any over one dim: as i64, max, back to i1 (the i1 cast is `!= 0`). */
static bool lower_any(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t rank = mlyTypeRank(type_of(x)), d;
  bool keepdim;
  if (!attr_dim(l, "dim", rank, &d))
    return false;
  if (!mlyOpGetBool(l->op, "keepdim", &keepdim))
    return mlyLowerFail(l, "needs a bool attribute 'keepdim'");
  x = mlyBuildCast(&l->b, x, mlyI1(l->b.ctx));
  if (rank) {
    x = mlyBuildCast(&l->b, x, mlyI64(l->b.ctx));
    x = mlyBuildReduce(&l->b, "max", x, &d, 1, keepdim);
  }
  return done_reshaped(l, mlyLowerToResult(l, x));
}

/* cumsum: a scan in the result dtype (bools count as i64; f16/bf16
 * accumulate in f32). */
static bool lower_cumsum(MlyLowering *l) {
  MlirValue x = mlyBuildCast(&l->b, mlyLowerOperand(l, 0), opmath_elt(l));
  int64_t rank = mlyTypeRank(type_of(x)), d;
  if (!attr_dim(l, "dim", rank, &d))
    return false;
  if (rank)
    x = mlyBuildScan(&l->b, x, d);
  return done(l, mlyBuildCast(&l->b, x, mlyTypeElt(result_type(l))));
}

/* x[start:limit] along d. */
static MlirValue slice_dim(MlyLowering *l, MlirValue x, int64_t d,
                           int64_t start, int64_t limit, int64_t step) {
  int64_t lo[RANK] = {0}, hi[RANK], st[RANK];
  int64_t rank = dims_of(x, hi);
  for (int64_t i = 0; i < rank; ++i)
    st[i] = 1;
  lo[d] = start;
  hi[d] = limit;
  st[d] = step;
  return mlyBuildSlice(&l->b, x, lo, hi, st);
}

/* diff: the n-th forward difference along dim of cat(prepend, self,
 * append) in self's dtype; bools differ by `!=`. */
static bool lower_diff(MlyLowering *l) {
  MlirValue x = mlyLowerGroup(l, 0, 3), pre = mlyLowerGroup(l, 1, 3),
            app = mlyLowerGroup(l, 2, 3);
  MlirType elt = mlyTypeElt(result_type(l));
  int64_t dims[RANK], rank = dims_of(x, dims), d, n;
  if (rank < 1)
    return mlyLowerFail(l, "needs self with at least one dim");
  if (!attr_dim(l, "dim", rank, &d) || !mlyOpGetI64(l->op, "n", &n))
    return mlyLowerFail(l, "needs integer attributes 'n' and 'dim'");
  if (n < 0)
    return mlyLowerFail(l, "has n %" PRId64 ", expected >= 0", n);
  MlirValue parts[2] = {pre, app};
  x = mlyBuildCast(&l->b, x, elt);
  for (int i = 0; i < 2; ++i) {
    if (mlirValueIsNull(parts[i]))
      continue;
    if (mlyTypeRank(type_of(parts[i])) != rank)
      return mlyLowerFail(l, "%s must have self's rank %" PRId64,
                          i ? "append" : "prepend", rank);
    MlirValue p = mlyBuildCast(&l->b, parts[i], elt);
    x = i ? mlyBuildConcat(&l->b, x, p, d) : mlyBuildConcat(&l->b, p, x, d);
  }
  for (; n > 0 && !mlirValueIsNull(x); --n) {
    int64_t len = dims_of(x, dims) ? dims[d] : 0;
    if (len == 0)
      break;
    MlirValue hi = slice_dim(l, x, d, 1, len, 1);
    MlirValue lo = slice_dim(l, x, d, 0, len - 1, 1);
    x = elt_is_bool(elt) ? mlyBuildCmp(&l->b, "ne", hi, lo)
                         : bin(l, "sub", hi, lo);
  }
  return done(l, x);
}

/* ---- shapes and views --------------------------------------------------- */

/* view, reshape, flatten, unsqueeze, squeeze: the result type says it. */
static bool lower_reshape(MlyLowering *l) {
  return done_reshaped(l, mlyLowerOperand(l, 0));
}

static bool lower_permute(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t rank = mlyTypeRank(type_of(x)), perm[RANK], n;
  bool seen[RANK] = {false};
  if (!mlyOpGetI64Array(l->op, "dims", perm, RANK, &n) || n != rank)
    return mlyLowerFail(l, "needs 'dims' with one entry per dim of self");
  for (int64_t i = 0; i < n; ++i) {
    if (perm[i] < -rank || perm[i] >= rank)
      return mlyLowerFail(l, "dim %" PRId64 " is out of range", perm[i]);
    perm[i] = perm[i] < 0 ? perm[i] + rank : perm[i];
    if (seen[perm[i]])
      return mlyLowerFail(l, "dims repeat dim %" PRId64, perm[i]);
    seen[perm[i]] = true;
  }
  return done(l, mlyBuildTranspose(&l->b, x, perm));
}

/* transpose swaps dim0 and dim1; t swaps the two dims of a matrix. */
static bool lower_transpose(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t rank = mlyTypeRank(type_of(x)), d0 = 0, d1 = 0, perm[RANK];
  if (!strcmp(aten_name(l), "t")) {
    if (rank > 2)
      return mlyLowerFail(l, "needs self with at most 2 dims");
    d1 = rank == 2;
  } else if (!attr_dim(l, "dim0", rank, &d0) ||
             !attr_dim(l, "dim1", rank, &d1)) {
    return false;
  }
  if (!rank)
    return done(l, x);
  for (int64_t i = 0; i < rank; ++i)
    perm[i] = i == d0 ? d1 : i == d1 ? d0 : i;
  return done(l, mlyBuildTranspose(&l->b, x, perm));
}

/* expand: size-1 and new leading dims repeat; -1 keeps a dim (the result
 * type already says so). */
static bool lower_expand(MlyLowering *l) {
  int64_t dims[RANK];
  MlirType rt = result_type(l);
  mlyTypeDims(rt, dims);
  return done(l, mlyBuildBroadcastTo(&l->b, mlyLowerOperand(l, 0), dims,
                                     mlyTypeRank(rt)));
}

/* slice: start and end clamp into [0, size] as in PyTorch (negatives count
 * from the end). */
static bool lower_slice(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t dims[RANK], out[RANK], rank = dims_of(x, dims), d, start, end, step;
  if (rank < 1)
    return mlyLowerFail(l, "needs self with at least one dim");
  if (!attr_dim(l, "dim", rank, &d) || !mlyOpGetI64(l->op, "start", &start) ||
      !mlyOpGetI64(l->op, "end", &end) || !mlyOpGetI64(l->op, "step", &step))
    return mlyLowerFail(l, "needs integer attributes dim, start, end, step");
  if (step < 1)
    return mlyLowerFail(l, "has step %" PRId64 ", expected >= 1", step);
  int64_t size = dims[d];
  start = start < 0 ? (start < -size ? 0 : start + size) : start;
  end = end < 0 ? (end < -size ? 0 : end + size) : end;
  start = start > size ? size : start;
  end = end < start ? start : end > size ? size : end;
  /* a step past the range only ever takes the first element */
  step = step > end - start && end > start ? end - start : step;
  int64_t len = end == start ? 0 : (end - start - 1) / step + 1;
  mlyTypeDims(result_type(l), out);
  if (mlyTypeRank(result_type(l)) != rank || out[d] != len)
    return mlyLowerFail(l,
                        "result dim %" PRId64 " does not have the %" PRId64
                        " elements the slice takes",
                        d, len);
  return done(l, slice_dim(l, x, d, start, end, step));
}

/* select: a one-element slice, then the dim dropped. */
static bool lower_select(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t dims[RANK], rank = dims_of(x, dims), d, idx;
  if (rank < 1)
    return mlyLowerFail(l, "needs self with at least one dim");
  if (!attr_dim(l, "dim", rank, &d) || !mlyOpGetI64(l->op, "index", &idx))
    return mlyLowerFail(l, "needs integer attributes dim and index");
  int64_t at = idx < 0 ? idx + dims[d] : idx;
  if (at < 0 || at >= dims[d])
    return mlyLowerFail(l,
                        "index %" PRId64 " is out of range for dim %" PRId64
                        " of size %" PRId64,
                        idx, d, dims[d]);
  return done_reshaped(l, slice_dim(l, x, d, at, at + 1, 1));
}

/* cat: both operands in the result dtype; a legacy 1-d empty operand is
 * skipped, as in PyTorch. */
static bool lower_cat(MlyLowering *l) {
  MlirValue a = mlyLowerOperand(l, 0), b = mlyLowerOperand(l, 1);
  int64_t da[RANK], db[RANK], ra = dims_of(a, da), rb = dims_of(b, db), d;
  bool skip_a = ra == 1 && da[0] == 0, skip_b = rb == 1 && db[0] == 0;
  if (skip_a || skip_b)
    return done(l, mlyLowerToResult(l, skip_a ? b : a));
  if (!attr_dim(l, "dim", ra, &d))
    return false;
  if (ra < 1 || rb != ra)
    return mlyLowerFail(l, "needs operands of one rank >= 1");
  MlirType elt = mlyTypeElt(result_type(l));
  a = mlyBuildCast(&l->b, a, elt);
  b = mlyBuildCast(&l->b, b, elt);
  return done(l, mlyBuildConcat(&l->b, a, b, d));
}

/* clone, contiguous, alias, to_copy, dropout (eval): a converting copy. */
static bool lower_copy(MlyLowering *l) {
  bool train = false;
  double p = 0;
  if (!strcmp(aten_name(l), "dropout") &&
      mlyOpGetBool(l->op, "train", &train) && train &&
      mlyOpGetF64(l->op, "p", &p) && p > 0)
    return mlyLowerFail(l, "in training mode has no lowering (it is random)");
  return done(l, mlyLowerToResult(l, mlyLowerOperand(l, 0)));
}

/* ---- indexing ----------------------------------------------------------- */

static bool int_index(MlyLowering *l, MlirValue idx) {
  return elt_is_int(mlyTypeElt(type_of(idx))) ||
         mlyLowerFail(l, "needs an integer index tensor");
}

/* index (negative indices wrap), index_select, embedding (rows of weight):
 * mly.gather take along one dim. */
static bool lower_take(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0), idx = mlyLowerOperand(l, 1);
  int64_t dims[RANK], rank = dims_of(x, dims), d = 0;
  bool embedding = !strcmp(aten_name(l), "embedding");
  if (!int_index(l, idx))
    return false;
  if (rank < 1 || (embedding && rank != 2))
    return mlyLowerFail(l, embedding ? "needs a 2-d weight"
                                     : "needs self with at least one dim");
  if (!embedding && !attr_dim(l, "dim", rank, &d))
    return false;
  if (!strcmp(aten_name(l), "index")) {
    MlirValue neg = mlyBuildCmp(&l->b, "lt", idx, splat_like(l, idx, 0));
    MlirValue size = splat_i64(l, type_of(idx), dims[d]);
    idx = sel(l, neg, bin(l, "add", idx, size), idx);
  }
  if (mlirValueIsNull(idx))
    return done(l, idx);
  return done_reshaped(l, mlyBuildGather(&l->b, x, idx, d, "take"));
}

/* gather: out[i] = self[i with i[dim] = index[i]]. */
static bool lower_gather(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0), idx = mlyLowerOperand(l, 1);
  int64_t rank = mlyTypeRank(type_of(x)), d;
  if (!int_index(l, idx) || !attr_dim(l, "dim", rank, &d))
    return false;
  if (rank < 1 || mlyTypeRank(type_of(idx)) != rank)
    return mlyLowerFail(l, "needs self and index of one rank >= 1");
  return done(l, mlyBuildGather(&l->b, x, idx, d, "along"));
}

/* ---- factories ---------------------------------------------------------- */

/* arange: start + k * step; exact in the (integer) result type for integer
 * attributes, else in f32 (or the float result type) and converted. */
static bool lower_arange(MlyLowering *l) {
  MlirType rt = result_type(l), elt = mlyTypeElt(rt);
  num start, step;
  if (!attr_num(l, "start", &start) || !attr_num(l, "step", &step))
    return false;
  if (mlyTypeRank(rt) != 1)
    return mlyLowerFail(l, "needs a 1-d result");
  bool ints = elt_is_int(elt) && start.is_int && step.is_int;
  MlirType ct =
      ints ? rt
           : mlyTypeWithElt(rt, mlirTypeIsAF32(elt) ? elt : mlyF32(l->b.ctx));
  MlirValue k = mlyBuildIota(&l->b, ct, 0);
  if (step.f != 1)
    k = bin(l, "mul", k, splat_num(l, ct, step));
  if (start.f != 0)
    k = bin(l, "add", k, splat_num(l, ct, start));
  return done(l, mlyBuildCast(&l->b, k, elt));
}

/* full, full_like, scalar_tensor, zeros, ones, new_ones: a splat of the
 * result type. */
static bool lower_fill(MlyLowering *l) {
  const char *op = aten_name(l);
  num v = {.is_int = true, .i = 1, .f = 1};
  if (!strcmp(op, "zeros"))
    v.i = 0, v.f = 0;
  else if (strcmp(op, "ones") && strcmp(op, "new_ones") &&
           !attr_num(l, strcmp(op, "scalar_tensor") ? "fill_value" : "s", &v))
    return false;
  MlirValue c = splat_num(l, result_type(l), v);
  if (mlirValueIsNull(c))
    return mlyLowerFail(l, "fill value %g does not fit the integer result",
                        v.f);
  return done(l, c);
}

const MlyLowerRule mlyLowerBasicRules[] = {
    /* elementwise */
    {"add", lower_binary},
    {"sub", lower_binary},
    {"mul", lower_binary},
    {"div", lower_binary},
    {"pow", lower_binary},
    {"neg", lower_unary},
    {"rsqrt", lower_unary},
    {"sqrt", lower_unary},
    {"exp", lower_unary},
    {"log", lower_unary},
    {"tanh", lower_unary},
    {"sigmoid", lower_unary},
    {"sin", lower_unary},
    {"cos", lower_unary},
    {"relu", lower_relu},
    {"gelu", lower_gelu},
    {"silu", lower_silu},
    {"hardswish", lower_hardswish},
    {"hardtanh", lower_clamp},
    {"clamp", lower_clamp},
    {"where", lower_where},
    {"masked_fill", lower_masked_fill},
    /* comparisons and logic */
    {"eq", lower_cmp},
    {"ne", lower_cmp},
    {"ge", lower_cmp},
    {"gt", lower_cmp},
    {"le", lower_cmp},
    {"lt", lower_cmp},
    {"logical_and", lower_and},
    {"bitwise_and", lower_and},
    {"logical_not", lower_logical_not},
    {"bitwise_not", lower_bitwise_not},
    /* reductions and scans */
    {"sum", lower_reduce},
    {"mean", lower_reduce},
    {"amax", lower_reduce},
    {"any", lower_any},
    {"cumsum", lower_cumsum},
    {"diff", lower_diff},
    /* shapes */
    {"view", lower_reshape},
    {"reshape", lower_reshape},
    {"flatten", lower_reshape},
    {"unsqueeze", lower_reshape},
    {"squeeze", lower_reshape},
    {"permute", lower_permute},
    {"transpose", lower_transpose},
    {"t", lower_transpose},
    {"expand", lower_expand},
    {"slice", lower_slice},
    {"select", lower_select},
    {"cat", lower_cat},
    /* conversions */
    {"clone", lower_copy},
    {"contiguous", lower_copy},
    {"alias", lower_copy},
    {"to_copy", lower_copy},
    {"dropout", lower_copy},
    /* indexing */
    {"embedding", lower_take},
    {"index_select", lower_take},
    {"index", lower_take},
    {"gather", lower_gather},
    /* factories */
    {"arange", lower_arange},
    {"full", lower_fill},
    {"full_like", lower_fill},
    {"scalar_tensor", lower_fill},
    {"zeros", lower_fill},
    {"ones", lower_fill},
    {"new_ones", lower_fill},
    {NULL, NULL},
};
