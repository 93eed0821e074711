/* Semantic rules of the aten dialect: shapes, dims and dtypes that IRDL
 * cannot express. One function per op (or per family of ops); the table at
 * the end maps op names to them. Operand positions follow aten.irdl.mlir.
 *
 * aten is what torch.export emits, so the rules follow PyTorch: negative
 * dims wrap, operands broadcast, and dtype rules stay lenient where PyTorch
 * promotes types (the only arithmetic dtype error is a float operand with a
 * non-float result). Attribute values are untrusted: every value is
 * range-checked before it indexes a shape, and size arithmetic checks for
 * overflow. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "dialects/verify_util.h"
#include "mlir-c/BuiltinTypes.h"

/* ---- Helpers ------------------------------------------------------------ */


/* Overflow-checked arithmetic: clears *ok on overflow. */
static int64_t add_ck(int64_t a, int64_t b, bool *ok) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r))
    *ok = false;
  return r;
}
static int64_t sub_ck(int64_t a, int64_t b, bool *ok) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r))
    *ok = false;
  return r;
}
static int64_t mul_ck(int64_t a, int64_t b, bool *ok) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r))
    *ok = false;
  return r;
}

/* Floor division for b > 0. */
static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Appends a dim to `s`; reports when the shape would exceed MLY_MAX_RANK. */
static bool push_dim(MlyVerifier *v, MlyShape *s, int64_t d) {
  if (s->rank >= MLY_MAX_RANK)
    return mlyVerifyFail(v, "result would have more than %d dims",
                         MLY_MAX_RANK);
  s->dims[s->rank++] = d;
  return true;
}

static bool expect_shape(MlyVerifier *v, const char *what, const MlyShape *s,
                         const MlyShape *want) {
  return mlyExpectDims(v, what, s, want->dims, want->rank);
}

static bool min_rank(MlyVerifier *v, const char *what, const MlyShape *s,
                     int64_t n) {
  if (s->rank >= n)
    return true;
  return mlyVerifyFail(v, "%s has %" PRId64 " dims, expected at least %" PRId64,
                       what, s->rank, n);
}

static bool expect_float(MlyVerifier *v, const char *what, const MlyShape *s) {
  char t[64];
  if (mlyEltIsFloat(s->elt))
    return true;
  return mlyVerifyFail(v, "%s element type %s is not a float type", what,
                       mlyFormatType(s->elt, t, sizeof t));
}

static bool expect_bool(MlyVerifier *v, const char *what, const MlyShape *s) {
  char t[64];
  if (mlyEltIsBool(s->elt))
    return true;
  return mlyVerifyFail(v, "%s element type %s is not i1", what,
                       mlyFormatType(s->elt, t, sizeof t));
}

static bool expect_int(MlyVerifier *v, const char *what, const MlyShape *s) {
  char t[64];
  if (mlyEltIsInt(s->elt))
    return true;
  return mlyVerifyFail(v, "%s element type %s is not an integer type", what,
                       mlyFormatType(s->elt, t, sizeof t));
}

/* The lenient dtype rule of promoting ops: a float operand cannot produce a
 * non-float result. */
static bool keeps_float(MlyVerifier *v, const MlyShape *r, const char *what,
                        const MlyShape *s) {
  char tr[64], ts[64];
  if (!mlyEltIsFloat(s->elt) || mlyEltIsFloat(r->elt))
    return true;
  return mlyVerifyFail(v,
                       "result element type %s cannot hold %s element type %s",
                       mlyFormatType(r->elt, tr, sizeof tr), what,
                       mlyFormatType(s->elt, ts, sizeof ts));
}

/* Reports unless `s` broadcasts to exactly `target`. */
static bool broadcasts_to(MlyVerifier *v, const char *what, const MlyShape *s,
                          const char *what_t, const MlyShape *target) {
  MlyShape bc;
  if (!mlyBroadcast(v, what, s, what_t, target, &bc))
    return false;
  if (bc.rank == target->rank) {
    bool same = true;
    for (int64_t i = 0; i < bc.rank; ++i)
      same = same && bc.dims[i] == target->dims[i];
    if (same)
      return true;
  }
  char a[128], b[128];
  return mlyVerifyFail(v, "%s shape %s does not broadcast to %s shape %s", what,
                       mlyFormatDims(s->dims, s->rank, a, sizeof a), what_t,
                       mlyFormatDims(target->dims, target->rank, b, sizeof b));
}

/* Optional operand `group` of `n_groups`; *present says whether it is there. */
static bool opt_operand(MlyVerifier *v, int group, int n_groups,
                        const char *what, MlyShape *s, bool *present) {
  MlirValue val = mlyOperandGroup(v, group, n_groups);
  *present = !mlirValueIsNull(val);
  return !*present || mlyValueShape(v, val, what, s);
}

/* Reports unless the optional operand, when present, has shape [n]. */
static bool opt_vector(MlyVerifier *v, int group, int n_groups,
                       const char *what, int64_t n) {
  MlyShape s;
  bool present;
  if (!opt_operand(v, group, n_groups, what, &s, &present))
    return false;
  return !present || mlyExpectDims(v, what, &s, &n, 1);
}

/* The int attribute `name` normalized as a dim of a rank-`rank` tensor. */
static bool attr_dim(MlyVerifier *v, const char *name, int64_t rank,
                     int64_t *out) {
  int64_t d;
  return mlyAttrInt(v, name, &d) && mlyNormDim(v, name, d, rank, out);
}

/* Reports unless every element of `xs` is >= 0. */
static bool no_negative(MlyVerifier *v, const char *name, const int64_t *xs,
                        int64_t n) {
  char b[256];
  for (int64_t i = 0; i < n; ++i)
    if (xs[i] < 0)
      return mlyVerifyFail(v, "%s %s has negative dim %" PRId64, name,
                           mlyFormatInts(xs, n, b, sizeof b), xs[i]);
  return true;
}

/* `b` has `a`'s rank and dims except along `dim` (cat, diff). */
static bool same_except(MlyVerifier *v, const char *what_b, const MlyShape *b,
                        const char *what_a, const MlyShape *a, int64_t dim) {
  if (!mlyExpectRank(v, what_b, b, a->rank))
    return false;
  for (int64_t i = 0; i < a->rank; ++i)
    if (i != dim && a->dims[i] != b->dims[i])
      return mlyVerifyFail(
          v, "%s has size %" PRId64 " at dim %" PRId64 ", %s has %" PRId64,
          what_b, b->dims[i], i, what_a, a->dims[i]);
  return true;
}

/* ---- Elementwise -------------------------------------------------------- */

/* Unary ops whose result has the operand's shape. */
static bool same_shape_unary(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "operand", &in) &&
         keeps_float(v, &out, "operand", &in);
}

/* clone, contiguous, alias: one shape, one element type. */
static bool same_type_unary(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "operand", &in) &&
         mlyExpectSameElt(v, "result", &out, "operand", &in);
}

/* to_copy may change the element type only. */
static bool verify_to_copy(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "operand", &in);
}

/* exp, log, tanh, ...: float result of the operand's shape. */
static bool float_unary(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "operand", &in) &&
         expect_float(v, "result", &out);
}

static bool verify_gelu(MlyVerifier *v) {
  static const char *const modes[] = {"none", "tanh", NULL};
  return mlyAttrStrOneOf(v, "approximate", modes) && float_unary(v);
}

static bool verify_dropout(MlyVerifier *v) {
  double p;
  if (!mlyAttrFloat(v, "p", &p))
    return false;
  if (!(p >= 0 && p <= 1))
    return mlyVerifyFail(v, "p %g is not in [0, 1]", p);
  return same_type_unary(v);
}

static bool verify_logical_not(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "operand", &in) &&
         expect_bool(v, "result", &out);
}

/* bitwise_not: same shape and element type, integer or bool (~x). */
static bool verify_bitwise_not(MlyVerifier *v) {
  MlyShape in, out;
  if (!mlyOperandShape(v, 0, &in) || !mlyResultShape(v, 0, &out) ||
      !mlyExpectSameDims(v, "result", &out, "operand", &in) ||
      !mlyExpectSameElt(v, "result", &out, "operand", &in))
    return false;
  if (mlyEltIsFloat(in.elt))
    return mlyVerifyFail(v, "operand is a float tensor; bitwise_not needs "
                            "integer or bool");
  return true;
}

/* Binary broadcasting ops: the result has the broadcast shape. */
static bool binary_shapes(MlyVerifier *v, const char *what_b, MlyShape *a,
                          MlyShape *b, MlyShape *r) {
  MlyShape bc;
  return mlyOperandShape(v, 0, a) && mlyOperandShape(v, 1, b) &&
         mlyResultShape(v, 0, r) &&
         mlyBroadcast(v, "self", a, what_b, b, &bc) &&
         mlyExpectDims(v, "result", r, bc.dims, bc.rank);
}

static bool arith_binary(MlyVerifier *v, const char *what_b) {
  MlyShape a, b, r;
  return binary_shapes(v, what_b, &a, &b, &r) &&
         keeps_float(v, &r, "self", &a) && keeps_float(v, &r, what_b, &b);
}
static bool verify_arith(MlyVerifier *v) { return arith_binary(v, "other"); }
static bool verify_pow(MlyVerifier *v) { return arith_binary(v, "exponent"); }

/* Comparisons and logical_and: i1 result. */
static bool verify_compare(MlyVerifier *v) {
  MlyShape a, b, r;
  return binary_shapes(v, "other", &a, &b, &r) && expect_bool(v, "result", &r);
}

/* bitwise_and: integer or i1 operands; i1 operands give an i1 result. */
static bool verify_bitwise(MlyVerifier *v) {
  MlyShape a, b, r;
  char t[64];
  if (!binary_shapes(v, "other", &a, &b, &r))
    return false;
  const MlyShape *ops[2] = {&a, &b};
  const char *names[2] = {"self", "other"};
  for (int i = 0; i < 2; ++i)
    if (!mlirTypeIsAInteger(ops[i]->elt))
      return mlyVerifyFail(v, "%s element type %s is not an integer or i1 type",
                           names[i], mlyFormatType(ops[i]->elt, t, sizeof t));
  if (mlyEltIsBool(a.elt) && mlyEltIsBool(b.elt))
    return expect_bool(v, "result", &r);
  return expect_int(v, "result", &r);
}

/* where(condition, self, other): i1 condition, three-way broadcast. */
static bool verify_where(MlyVerifier *v) {
  MlyShape c, a, b, r, ca, all;
  return mlyOperandShape(v, 0, &c) && mlyOperandShape(v, 1, &a) &&
         mlyOperandShape(v, 2, &b) && mlyResultShape(v, 0, &r) &&
         expect_bool(v, "condition", &c) &&
         mlyBroadcast(v, "condition", &c, "self", &a, &ca) &&
         mlyBroadcast(v, "condition and self", &ca, "other", &b, &all) &&
         expect_shape(v, "result", &r, &all) &&
         keeps_float(v, &r, "self", &a) && keeps_float(v, &r, "other", &b);
}

/* masked_fill(self, mask): i1 mask broadcastable to self. */
static bool verify_masked_fill(MlyVerifier *v) {
  MlyShape a, m, r;
  return mlyOperandShape(v, 0, &a) && mlyOperandShape(v, 1, &m) &&
         mlyResultShape(v, 0, &r) && expect_bool(v, "mask", &m) &&
         broadcasts_to(v, "mask", &m, "self", &a) &&
         mlyExpectSameDims(v, "result", &r, "self", &a) &&
         mlyExpectSameElt(v, "result", &r, "self", &a);
}

/* ---- Scans and reductions ----------------------------------------------- */

/* Ops with one `dim` whose result has the operand's shape. */
static bool dim_same_shape(MlyVerifier *v, MlyShape *in, MlyShape *out) {
  int64_t d;
  return mlyOperandShape(v, 0, in) && mlyResultShape(v, 0, out) &&
         attr_dim(v, "dim", in->rank, &d) &&
         mlyExpectSameDims(v, "result", out, "operand", in);
}

static bool verify_softmax(MlyVerifier *v) {
  MlyShape in, out;
  return dim_same_shape(v, &in, &out) && expect_float(v, "result", &out);
}

static bool verify_cumsum(MlyVerifier *v) {
  MlyShape in, out;
  return dim_same_shape(v, &in, &out) && keeps_float(v, &out, "operand", &in);
}

/* The shape of `in` reduced over dims[0..n) (all dims when n == 0 and
 * `empty_all`), keeping size-1 dims when `keep`. */
static bool reduce_shape(MlyVerifier *v, const MlyShape *in,
                         const int64_t *dims, int64_t n, bool keep,
                         bool empty_all, MlyShape *out) {
  bool mask[MLY_MAX_RANK] = {false};
  for (int64_t i = 0; i < n; ++i) {
    int64_t d;
    if (!mlyNormDim(v, "dim", dims[i], in->rank, &d))
      return false;
    if (mask[d])
      return mlyVerifyFail(v, "dim %" PRId64 " appears more than once", d);
    mask[d] = true;
  }
  out->rank = 0;
  for (int64_t i = 0; i < in->rank; ++i) {
    bool reduced = mask[i] || (n == 0 && empty_all);
    if (!reduced)
      out->dims[out->rank++] = in->dims[i];
    else if (keep)
      out->dims[out->rank++] = 1;
  }
  return true;
}

/* mean, sum, amax over a dim list (empty: all dims). */
static bool reduce_list(MlyVerifier *v, MlyShape *in, MlyShape *out) {
  int64_t dims[MLY_MAX_RANK], n;
  bool keep;
  MlyShape want;
  return mlyOperandShape(v, 0, in) && mlyResultShape(v, 0, out) &&
         mlyAttrInts(v, "dim", dims, &n) && mlyAttrBool(v, "keepdim", &keep) &&
         reduce_shape(v, in, dims, n, keep, true, &want) &&
         expect_shape(v, "result", out, &want);
}

static bool verify_mean(MlyVerifier *v) {
  MlyShape in, out;
  return reduce_list(v, &in, &out) && expect_float(v, "result", &out);
}

static bool verify_sum(MlyVerifier *v) {
  MlyShape in, out;
  return reduce_list(v, &in, &out) && keeps_float(v, &out, "operand", &in);
}

static bool verify_amax(MlyVerifier *v) {
  MlyShape in, out;
  return reduce_list(v, &in, &out) &&
         mlyExpectSameElt(v, "result", &out, "operand", &in);
}

/* any(self, dim, keepdim) -> i1 */
static bool verify_any(MlyVerifier *v) {
  MlyShape in, out, want;
  int64_t dim;
  bool keep;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyAttrInt(v, "dim", &dim) && mlyAttrBool(v, "keepdim", &keep) &&
         reduce_shape(v, &in, &dim, 1, keep, false, &want) &&
         expect_shape(v, "result", &out, &want) &&
         expect_bool(v, "result", &out);
}

/* diff(self, prepend?, append?): result length along dim is
 * max(0, prepend + self + append - n). */
static bool verify_diff(MlyVerifier *v) {
  MlyShape s, p, a, r;
  int64_t n, dim;
  bool has_p, has_a, ok = true;
  if (!mlyOperandShape(v, 0, &s) || !mlyResultShape(v, 0, &r) ||
      !mlyAttrInt(v, "n", &n) || !opt_operand(v, 1, 3, "prepend", &p, &has_p) ||
      !opt_operand(v, 2, 3, "append", &a, &has_a) ||
      !min_rank(v, "self", &s, 1) || !attr_dim(v, "dim", s.rank, &dim))
    return false;
  if (n < 0)
    return mlyVerifyFail(v, "n %" PRId64 " must be non-negative", n);
  int64_t len = s.dims[dim];
  if (has_p) {
    if (!same_except(v, "prepend", &p, "self", &s, dim))
      return false;
    len = add_ck(len, p.dims[dim], &ok);
  }
  if (has_a) {
    if (!same_except(v, "append", &a, "self", &s, dim))
      return false;
    len = add_ck(len, a.dims[dim], &ok);
  }
  if (!ok)
    return mlyVerifyFail(v, "length along dim %" PRId64 " overflows", dim);
  MlyShape want = s;
  want.dims[dim] = len > n ? len - n : 0;
  return expect_shape(v, "result", &r, &want) && keeps_float(v, &r, "self", &s);
}

/* ---- Contractions ------------------------------------------------------- */

/* torch.matmul of a and b (batch dims broadcast when `bcast_batch`, else
 * equal) into `out`; all element types equal. */
static bool contract(MlyVerifier *v, const char *wa, const MlyShape *a,
                     const char *wb, const MlyShape *b, bool bcast_batch,
                     MlyShape *out) {
  if (!min_rank(v, wa, a, 1) || !min_rank(v, wb, b, 1) ||
      !mlyExpectSameElt(v, wb, b, wa, a))
    return false;
  int64_t ka = a->dims[a->rank - 1];
  int64_t kb = b->rank == 1 ? b->dims[0] : b->dims[b->rank - 2];
  if (ka != kb)
    return mlyVerifyFail(v,
                         "%s has %" PRId64 " columns, %s has %" PRId64 " rows",
                         wa, ka, wb, kb);
  MlyShape ba = {.rank = a->rank > 2 ? a->rank - 2 : 0, .elt = a->elt};
  MlyShape bb = {.rank = b->rank > 2 ? b->rank - 2 : 0, .elt = b->elt};
  for (int64_t i = 0; i < ba.rank; ++i)
    ba.dims[i] = a->dims[i];
  for (int64_t i = 0; i < bb.rank; ++i)
    bb.dims[i] = b->dims[i];
  if (bcast_batch) {
    char na[32], nb[32];
    snprintf(na, sizeof na, "%s batch", wa);
    snprintf(nb, sizeof nb, "%s batch", wb);
    if (!mlyBroadcast(v, na, &ba, nb, &bb, out))
      return false;
  } else {
    for (int64_t i = 0; i < ba.rank && i < bb.rank; ++i)
      if (ba.dims[i] != bb.dims[i])
        return mlyVerifyFail(v,
                             "%s has batch size %" PRId64 ", %s has %" PRId64,
                             wb, bb.dims[i], wa, ba.dims[i]);
    *out = ba;
  }
  out->elt = a->elt;
  if (a->rank >= 2 && !push_dim(v, out, a->dims[a->rank - 2]))
    return false;
  return b->rank < 2 || push_dim(v, out, b->dims[b->rank - 1]);
}

/* mm, bmm, matmul: (self, mat2|other) -> result; mm/bmm fix the ranks. */
static bool contraction(MlyVerifier *v, int64_t rank, const char *wb) {
  MlyShape a, b, r, want;
  if (!mlyOperandShape(v, 0, &a) || !mlyOperandShape(v, 1, &b) ||
      !mlyResultShape(v, 0, &r))
    return false;
  if (rank &&
      (!mlyExpectRank(v, "self", &a, rank) || !mlyExpectRank(v, wb, &b, rank)))
    return false;
  return contract(v, "self", &a, wb, &b, rank == 0, &want) &&
         expect_shape(v, "result", &r, &want) &&
         mlyExpectSameElt(v, "result", &r, "self", &a);
}
static bool verify_mm(MlyVerifier *v) { return contraction(v, 2, "mat2"); }
static bool verify_bmm(MlyVerifier *v) { return contraction(v, 3, "mat2"); }
static bool verify_matmul(MlyVerifier *v) { return contraction(v, 0, "other"); }

/* addmm/baddbmm(self, m1, m2): m1 @ m2 plus self broadcast to it. */
static bool add_contraction(MlyVerifier *v, int64_t rank, const char *w1,
                            const char *w2) {
  MlyShape s, a, b, r, want;
  return mlyOperandShape(v, 0, &s) && mlyOperandShape(v, 1, &a) &&
         mlyOperandShape(v, 2, &b) && mlyResultShape(v, 0, &r) &&
         mlyExpectRank(v, w1, &a, rank) && mlyExpectRank(v, w2, &b, rank) &&
         contract(v, w1, &a, w2, &b, false, &want) &&
         broadcasts_to(v, "self", &s, "product", &want) &&
         expect_shape(v, "result", &r, &want) &&
         mlyExpectSameElt(v, "self", &s, w1, &a) &&
         mlyExpectSameElt(v, "result", &r, w1, &a);
}
static bool verify_addmm(MlyVerifier *v) {
  return add_contraction(v, 2, "mat1", "mat2");
}
static bool verify_baddbmm(MlyVerifier *v) {
  return add_contraction(v, 3, "batch1", "batch2");
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
    return mlyVerifyFail(
        v, "input has %" PRId64 " features, weight expects %" PRId64,
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

/* sdpa(q[..., L, E], k[..., S, E], v[..., S, Ev], mask?) -> [..., L, Ev];
 * with enable_gqa the head dim (-3) of q may be a multiple of k's. */
static bool verify_sdpa(MlyVerifier *v) {
  MlyShape q, k, val, r, m;
  bool gqa, causal, has_mask;
  double p;
  if (!mlyOperandShape(v, 0, &q) || !mlyOperandShape(v, 1, &k) ||
      !mlyOperandShape(v, 2, &val) || !mlyResultShape(v, 0, &r) ||
      !mlyAttrBool(v, "enable_gqa", &gqa) ||
      !mlyAttrBool(v, "is_causal", &causal) ||
      !mlyAttrFloat(v, "dropout_p", &p) ||
      !opt_operand(v, 3, 4, "attn_mask", &m, &has_mask) ||
      !min_rank(v, "query", &q, 2) || !mlyExpectRank(v, "key", &k, q.rank) ||
      !mlyExpectRank(v, "value", &val, q.rank) ||
      !mlyExpectSameElt(v, "key", &k, "query", &q) ||
      !mlyExpectSameElt(v, "value", &val, "query", &q) ||
      !mlyExpectSameElt(v, "result", &r, "query", &q))
    return false;
  if (!(p >= 0 && p < 1))
    return mlyVerifyFail(v, "dropout_p %g is not in [0, 1)", p);
  if (causal && has_mask)
    return mlyVerifyFail(v, "is_causal is true and an attn_mask is given");
  int64_t n = q.rank;
  for (int64_t i = 0; i + 2 < n; ++i) {
    if (k.dims[i] != val.dims[i])
      return mlyVerifyFail(
          v, "value has size %" PRId64 " at dim %" PRId64 ", key has %" PRId64,
          val.dims[i], i, k.dims[i]);
    bool heads =
        gqa && i == n - 3 && k.dims[i] > 0 && q.dims[i] % k.dims[i] == 0;
    if (q.dims[i] != k.dims[i] && !heads)
      return mlyVerifyFail(v,
                           "key has size %" PRId64 " at dim %" PRId64
                           ", query has %" PRId64 "%s",
                           k.dims[i], i, q.dims[i],
                           gqa && i == n - 3 ? " (not a divisor)" : "");
  }
  if (q.dims[n - 1] != k.dims[n - 1])
    return mlyVerifyFail(
        v, "query has embedding size %" PRId64 ", key has %" PRId64,
        q.dims[n - 1], k.dims[n - 1]);
  if (k.dims[n - 2] != val.dims[n - 2])
    return mlyVerifyFail(
        v, "key has sequence length %" PRId64 ", value has %" PRId64,
        k.dims[n - 2], val.dims[n - 2]);
  MlyShape scores = q;
  scores.dims[n - 1] = k.dims[n - 2];
  if (has_mask && !broadcasts_to(v, "attn_mask", &m, "scores", &scores))
    return false;
  MlyShape want = q;
  want.dims[n - 1] = val.dims[n - 1];
  return expect_shape(v, "result", &r, &want);
}

/* ---- Convolution and pooling -------------------------------------------- */

/* A per-spatial-dim attribute of length nsp (or 1, broadcast; or 0 when
 * `dflt` supplies the values), every value >= lo. */
static bool spatial_attr(MlyVerifier *v, const char *name, int64_t nsp,
                         int64_t lo, const int64_t *dflt, int64_t *out) {
  int64_t xs[MLY_MAX_RANK], n;
  if (!mlyAttrInts(v, name, xs, &n))
    return false;
  if (n == 0 && dflt) {
    for (int64_t i = 0; i < nsp; ++i)
      out[i] = dflt[i];
    return true;
  }
  if (n != 1 && n != nsp)
    return mlyVerifyFail(
        v, "attribute '%s' has %" PRId64 " elements, expected 1 or %" PRId64,
        name, n, nsp);
  for (int64_t i = 0; i < nsp; ++i) {
    out[i] = xs[n == 1 ? 0 : i];
    if (out[i] < lo)
      return mlyVerifyFail(
          v, "attribute '%s' value %" PRId64 " must be at least %" PRId64, name,
          out[i], lo);
  }
  return true;
}

/* Output size of a window of `k` dilated by `d` sliding by `s` over `in`
 * padded by `p` on both sides (PyTorch's pooling_output_shape); transposed
 * convolution inverts it. False on overflow. */
static bool window_out(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d,
                       bool ceil_mode, int64_t *out) {
  bool ok = true;
  int64_t ext = add_ck(mul_ck(d, k - 1, &ok), 1, &ok);
  int64_t span = add_ck(in, mul_ck(2, p, &ok), &ok);
  int64_t num = sub_ck(span, ext, &ok);
  if (ceil_mode)
    num = add_ck(num, s - 1, &ok);
  if (!ok)
    return false;
  int64_t o = floor_div(num, s) + 1;
  if (ceil_mode && mul_ck(o - 1, s, &ok) >= add_ck(in, p, &ok))
    --o;
  *out = o;
  return ok;
}

static bool transposed_out(int64_t in, int64_t k, int64_t s, int64_t p,
                           int64_t d, int64_t op, int64_t *out) {
  bool ok = true;
  int64_t o = mul_ck(in - 1, s, &ok);
  o = sub_ck(o, mul_ck(2, p, &ok), &ok);
  o = add_ck(o, mul_ck(d, k - 1, &ok), &ok);
  o = add_ck(o, add_ck(op, 1, &ok), &ok);
  *out = o;
  return ok;
}

static bool out_size(MlyVerifier *v, bool ok, int64_t o, int64_t i) {
  if (!ok)
    return mlyVerifyFail(
        v, "output size along spatial dim %" PRId64 " overflows", i);
  if (o < 1)
    return mlyVerifyFail(v,
                         "output size %" PRId64 " along spatial dim %" PRId64
                         " is not positive",
                         o, i);
  return true;
}

/* conv1d/conv2d (nsp fixed) and convolution (nsp from the weight, maybe
 * transposed): input [N?, Cin, x...], weight [Cout, Cin/g, k...] or, when
 * transposed, [Cin, Cout/g, k...]. */
static bool conv(MlyVerifier *v, int64_t nsp) {
  MlyShape in, w, b, r;
  bool has_b, transposed = false, ok = true;
  int64_t groups;
  if (!mlyOperandShape(v, 0, &in) || !mlyOperandShape(v, 1, &w) ||
      !mlyResultShape(v, 0, &r) || !opt_operand(v, 2, 3, "bias", &b, &has_b) ||
      !mlyAttrInt(v, "groups", &groups))
    return false;
  if (nsp == 0) {
    if (!mlyAttrBool(v, "transposed", &transposed) ||
        !min_rank(v, "weight", &w, 3))
      return false;
    nsp = w.rank - 2;
  } else if (!mlyExpectRank(v, "weight", &w, nsp + 2)) {
    return false;
  }
  if (in.rank != nsp + 1 && in.rank != nsp + 2)
    return mlyVerifyFail(
        v, "input has %" PRId64 " dims, expected %" PRId64 " or %" PRId64,
        in.rank, nsp + 1, nsp + 2);
  int64_t stride[MLY_MAX_RANK], pad[MLY_MAX_RANK], dil[MLY_MAX_RANK],
      opad[MLY_MAX_RANK] = {0};
  if (!spatial_attr(v, "stride", nsp, 1, NULL, stride) ||
      !spatial_attr(v, "padding", nsp, 0, NULL, pad) ||
      !spatial_attr(v, "dilation", nsp, 1, NULL, dil) ||
      (transposed && !spatial_attr(v, "output_padding", nsp, 0, NULL, opad)))
    return false;
  if (groups < 1)
    return mlyVerifyFail(v, "groups %" PRId64 " must be at least 1", groups);
  int64_t batched = in.rank == nsp + 2, cin = in.dims[batched], cout;
  if (!transposed) {
    int64_t want = mul_ck(w.dims[1], groups, &ok);
    if (!ok || cin != want)
      return mlyVerifyFail(v,
                           "input has %" PRId64
                           " channels, weight expects %" PRId64 " (%" PRId64
                           " per group x %" PRId64 " groups)",
                           cin, want, w.dims[1], groups);
    cout = w.dims[0];
    if (cout % groups)
      return mlyVerifyFail(v,
                           "weight has %" PRId64
                           " output channels, not divisible by groups %" PRId64,
                           cout, groups);
  } else {
    if (cin != w.dims[0])
      return mlyVerifyFail(
          v, "input has %" PRId64 " channels, weight expects %" PRId64, cin,
          w.dims[0]);
    if (cin % groups)
      return mlyVerifyFail(
          v, "input has %" PRId64 " channels, not divisible by groups %" PRId64,
          cin, groups);
    cout = mul_ck(w.dims[1], groups, &ok);
    if (!ok)
      return mlyVerifyFail(v, "output channels overflow");
  }
  if (has_b && !mlyExpectDims(v, "bias", &b, &cout, 1))
    return false;
  MlyShape want = {.rank = 0};
  if (batched)
    want.dims[want.rank++] = in.dims[0];
  want.dims[want.rank++] = cout;
  for (int64_t i = 0; i < nsp; ++i) {
    int64_t x = in.dims[batched + 1 + i], k = w.dims[2 + i], o;
    if (transposed) {
      if (opad[i] >= stride[i] && opad[i] >= dil[i])
        return mlyVerifyFail(v,
                             "output_padding %" PRId64
                             " must be smaller than stride %" PRId64
                             " or dilation %" PRId64,
                             opad[i], stride[i], dil[i]);
      ok = transposed_out(x, k, stride[i], pad[i], dil[i], opad[i], &o);
    } else {
      ok = window_out(x, k, stride[i], pad[i], dil[i], false, &o);
    }
    if (!out_size(v, ok, o, i))
      return false;
    want.dims[want.rank++] = o;
  }
  return mlyExpectSameElt(v, "weight", &w, "input", &in) &&
         (!has_b || mlyExpectSameElt(v, "bias", &b, "input", &in)) &&
         mlyExpectSameElt(v, "result", &r, "input", &in) &&
         expect_shape(v, "result", &r, &want);
}
static bool verify_conv1d(MlyVerifier *v) { return conv(v, 1); }
static bool verify_conv2d(MlyVerifier *v) { return conv(v, 2); }
static bool verify_convolution(MlyVerifier *v) { return conv(v, 0); }

/* 2-d pools over input [N?, C, H, W]; an empty stride means kernel_size. */
static bool pool2d(MlyVerifier *v, bool has_dilation, bool has_indices) {
  MlyShape in, r, idx;
  int64_t k[MLY_MAX_RANK], s[MLY_MAX_RANK], p[MLY_MAX_RANK],
      d[MLY_MAX_RANK] = {1, 1}, n;
  bool ceil_mode;
  if (!mlyOperandShape(v, 0, &in) || !mlyResultShape(v, 0, &r) ||
      !mlyAttrBool(v, "ceil_mode", &ceil_mode))
    return false;
  if (in.rank != 3 && in.rank != 4)
    return mlyVerifyFail(v, "input has %" PRId64 " dims, expected 3 or 4",
                         in.rank);
  if (!mlyAttrInts(v, "kernel_size", k, &n))
    return false;
  if (n == 0)
    return mlyVerifyFail(v, "attribute 'kernel_size' is empty");
  if (!spatial_attr(v, "kernel_size", 2, 1, NULL, k) ||
      !spatial_attr(v, "stride", 2, 1, k, s) ||
      !spatial_attr(v, "padding", 2, 0, NULL, p) ||
      (has_dilation && !spatial_attr(v, "dilation", 2, 1, NULL, d)))
    return false;
  if (!has_dilation) {
    int64_t div;
    if (!mlyAttrInt(v, "divisor_override", &div))
      return false;
    if (div < 0)
      return mlyVerifyFail(
          v, "divisor_override %" PRId64 " must be positive (or 0 for none)",
          div);
  }
  MlyShape want = in;
  for (int64_t i = 0; i < 2; ++i) {
    int64_t o;
    if (p[i] > k[i] / 2)
      return mlyVerifyFail(
          v, "padding %" PRId64 " is more than half of kernel_size %" PRId64,
          p[i], k[i]);
    bool ok = window_out(in.dims[in.rank - 2 + i], k[i], s[i], p[i], d[i],
                         ceil_mode, &o);
    if (!out_size(v, ok, o, i))
      return false;
    want.dims[in.rank - 2 + i] = o;
  }
  if (!expect_shape(v, "result", &r, &want) ||
      !mlyExpectSameElt(v, "result", &r, "input", &in))
    return false;
  if (!has_indices)
    return true;
  char t[64];
  if (!mlyResultShape(v, 1, &idx) ||
      !mlyExpectSameDims(v, "indices", &idx, "result", &r))
    return false;
  if (!mlirTypeIsAInteger(idx.elt) || mlirIntegerTypeGetWidth(idx.elt) != 64)
    return mlyVerifyFail(v, "indices element type %s is not i64",
                         mlyFormatType(idx.elt, t, sizeof t));
  return true;
}
static bool verify_max_pool2d(MlyVerifier *v) { return pool2d(v, true, false); }
static bool verify_max_pool2d_idx(MlyVerifier *v) {
  return pool2d(v, true, true);
}
static bool verify_avg_pool2d(MlyVerifier *v) {
  return pool2d(v, false, false);
}

static bool verify_adaptive_avg_pool2d(MlyVerifier *v) {
  MlyShape in, r;
  int64_t os[MLY_MAX_RANK];
  if (!mlyOperandShape(v, 0, &in) || !mlyResultShape(v, 0, &r) ||
      !spatial_attr(v, "output_size", 2, 0, NULL, os))
    return false;
  if (in.rank != 3 && in.rank != 4)
    return mlyVerifyFail(v, "input has %" PRId64 " dims, expected 3 or 4",
                         in.rank);
  MlyShape want = in;
  want.dims[in.rank - 2] = os[0];
  want.dims[in.rank - 1] = os[1];
  return expect_shape(v, "result", &r, &want) &&
         mlyExpectSameElt(v, "result", &r, "input", &in);
}

/* ---- Normalization ------------------------------------------------------ */

/* Channel dim 1 of an input of rank >= 2. */
static bool channels(MlyVerifier *v, MlyShape *in, MlyShape *r, int64_t *c) {
  if (!mlyOperandShape(v, 0, in) || !mlyResultShape(v, 0, r) ||
      !min_rank(v, "input", in, 2) ||
      !mlyExpectSameDims(v, "result", r, "input", in) ||
      !mlyExpectSameElt(v, "result", r, "input", in))
    return false;
  *c = in->dims[1];
  return true;
}

/* batch_norm family: weight, bias, running_mean, running_var of size C. */
static bool batch_norm_common(MlyVerifier *v, int64_t *c) {
  static const char *const names[] = {"weight", "bias", "running_mean",
                                      "running_var"};
  MlyShape in, r;
  if (!channels(v, &in, &r, c))
    return false;
  for (int g = 1; g <= 4; ++g)
    if (!opt_vector(v, g, 5, names[g - 1], *c))
      return false;
  return true;
}
static bool verify_batch_norm(MlyVerifier *v) {
  int64_t c;
  return batch_norm_common(v, &c);
}

/* Results save_mean/save_invstd are [C], or [0] when not computed. */
static bool verify_native_batch_norm(MlyVerifier *v) {
  static const char *const names[] = {"save_mean", "save_invstd"};
  int64_t c;
  MlyShape s;
  char b[64];
  if (!batch_norm_common(v, &c))
    return false;
  for (int i = 0; i < 2; ++i) {
    if (!mlyResultShape(v, 1 + i, &s))
      return false;
    if (s.rank != 1 || (s.dims[0] != c && s.dims[0] != 0))
      return mlyVerifyFail(v, "%s shape is %s, expected %" PRId64 " or 0",
                           names[i], mlyFormatDims(s.dims, s.rank, b, sizeof b),
                           c);
  }
  return true;
}

/* layer/rms norm: normalized_shape (ns[0..n)) equals the trailing dims of
 * the input; weight and bias (groups 1..n_affine of n_groups) equal it. */
static bool trailing_norm(MlyVerifier *v, int n_affine, int n_groups,
                          MlyShape *in, int64_t *ns, int64_t *n) {
  static const char *const names[] = {"weight", "bias"};
  MlyShape r, w;
  char a[256], b[128];
  if (!mlyOperandShape(v, 0, in) || !mlyResultShape(v, 0, &r) ||
      !mlyAttrInts(v, "normalized_shape", ns, n) ||
      !mlyExpectSameDims(v, "result", &r, "input", in) ||
      !mlyExpectSameElt(v, "result", &r, "input", in))
    return false;
  bool match = *n >= 1 && *n <= in->rank;
  for (int64_t i = 0; match && i < *n; ++i)
    match = ns[i] == in->dims[in->rank - *n + i];
  if (!match)
    return mlyVerifyFail(v,
                         "normalized_shape %s does not match the trailing "
                         "dims of input shape %s",
                         mlyFormatInts(ns, *n, a, sizeof a),
                         mlyFormatDims(in->dims, in->rank, b, sizeof b));
  for (int g = 1; g <= n_affine; ++g) {
    bool present;
    if (!opt_operand(v, g, n_groups, names[g - 1], &w, &present))
      return false;
    if (present && !mlyExpectDims(v, names[g - 1], &w, ns, *n))
      return false;
  }
  return true;
}
static bool verify_layer_norm(MlyVerifier *v) {
  MlyShape in;
  int64_t ns[MLY_MAX_RANK], n;
  return trailing_norm(v, 2, 3, &in, ns, &n);
}
static bool verify_rms_norm(MlyVerifier *v) {
  MlyShape in;
  int64_t ns[MLY_MAX_RANK], n;
  return trailing_norm(v, 1, 2, &in, ns, &n);
}

/* native_layer_norm: mean and rstd have the leading dims and 1s. */
static bool verify_native_layer_norm(MlyVerifier *v) {
  static const char *const names[] = {"mean", "rstd"};
  MlyShape in, s;
  int64_t ns[MLY_MAX_RANK], n;
  if (!trailing_norm(v, 2, 3, &in, ns, &n))
    return false;
  MlyShape want = in;
  for (int64_t i = in.rank - n; i < in.rank; ++i)
    want.dims[i] = 1;
  for (int i = 0; i < 2; ++i)
    if (!mlyResultShape(v, 1 + i, &s) ||
        !expect_shape(v, names[i], &s, &want) || !expect_float(v, names[i], &s))
      return false;
  return true;
}

static bool verify_group_norm(MlyVerifier *v) {
  MlyShape in, r;
  int64_t c, g;
  if (!channels(v, &in, &r, &c) || !mlyAttrInt(v, "num_groups", &g))
    return false;
  if (g < 1)
    return mlyVerifyFail(v, "num_groups %" PRId64 " must be at least 1", g);
  if (c % g)
    return mlyVerifyFail(v,
                         "input has %" PRId64
                         " channels, not divisible by num_groups %" PRId64,
                         c, g);
  return opt_vector(v, 1, 3, "weight", c) && opt_vector(v, 2, 3, "bias", c);
}

/* native_group_norm: group_norm with its N, C, HxW spelled out and the
 * per-(sample, group) mean and rstd as results [N, group]. */
static bool verify_native_group_norm(MlyVerifier *v) {
  MlyShape in, r, mean, rstd;
  int64_t c, n, cc, hxw, g, numel;
  if (!channels(v, &in, &r, &c) || !mlyAttrInt(v, "N", &n) ||
      !mlyAttrInt(v, "C", &cc) || !mlyAttrInt(v, "HxW", &hxw) ||
      !mlyAttrInt(v, "group", &g) || !mlyResultShape(v, 1, &mean) ||
      !mlyResultShape(v, 2, &rstd))
    return false;
  if (g < 1 || c % g)
    return mlyVerifyFail(v, "input has %" PRId64
                            " channels, not divisible by group %" PRId64, c, g);
  if (!mlyNumElements(&in, &numel) || n != in.dims[0] || cc != c ||
      (n != 0 && c != 0 && hxw != numel / (n * c)))
    return mlyVerifyFail(v, "N, C, HxW = %" PRId64 ", %" PRId64 ", %" PRId64
                            " do not describe the input", n, cc, hxw);
  int64_t stats[2] = {n, g};
  return opt_vector(v, 1, 3, "weight", c) && opt_vector(v, 2, 3, "bias", c) &&
         mlyExpectDims(v, "mean", &mean, stats, 2) &&
         mlyExpectDims(v, "rstd", &rstd, stats, 2);
}

/* ---- Shapes and views --------------------------------------------------- */

/* view/reshape: `attr` has one -1 at most, inferred from the element count. */
static bool view_like(MlyVerifier *v, const char *attr) {
  MlyShape in, r;
  int64_t sz[MLY_MAX_RANK], n, numel, known = 1, infer = -1;
  bool ok = true;
  char b[256];
  if (!mlyOperandShape(v, 0, &in) || !mlyResultShape(v, 0, &r) ||
      !mlyAttrInts(v, attr, sz, &n) ||
      !mlyExpectSameElt(v, "result", &r, "operand", &in))
    return false;
  if (!mlyNumElements(&in, &numel))
    return mlyVerifyFail(v, "input has too many elements");
  for (int64_t i = 0; i < n; ++i) {
    if (sz[i] == -1 && infer < 0) {
      infer = i;
      continue;
    }
    if (sz[i] == -1)
      return mlyVerifyFail(v, "%s %s has more than one -1", attr,
                           mlyFormatInts(sz, n, b, sizeof b));
    if (sz[i] < 0)
      return mlyVerifyFail(v, "%s %s has negative dim %" PRId64, attr,
                           mlyFormatInts(sz, n, b, sizeof b), sz[i]);
    known = mul_ck(known, sz[i], &ok);
  }
  if (!ok)
    return mlyVerifyFail(v, "%s %s has too many elements", attr,
                         mlyFormatInts(sz, n, b, sizeof b));
  MlyShape want = {.rank = n};
  for (int64_t i = 0; i < n; ++i)
    want.dims[i] = sz[i];
  if (infer >= 0) {
    if (known == 0 || numel % known)
      return mlyVerifyFail(
          v, "%s %s cannot infer -1 for input of %" PRId64 " elements", attr,
          mlyFormatInts(sz, n, b, sizeof b), numel);
    want.dims[infer] = numel / known;
  } else if (known != numel) {
    return mlyVerifyFail(v, "%s has %" PRId64 " elements, input has %" PRId64,
                         attr, known, numel);
  }
  return expect_shape(v, "result", &r, &want);
}
static bool verify_view(MlyVerifier *v) { return view_like(v, "size"); }
static bool verify_reshape(MlyVerifier *v) { return view_like(v, "shape"); }

/* Shape ops other than view keep the element type; each fills `want`. */
static bool shape_op(MlyVerifier *v, MlyShape *in, MlyShape *r) {
  return mlyOperandShape(v, 0, in) && mlyResultShape(v, 0, r) &&
         mlyExpectSameElt(v, "result", r, "operand", in);
}

static bool verify_permute(MlyVerifier *v) {
  MlyShape in, r, want;
  int64_t dims[MLY_MAX_RANK], n;
  bool seen[MLY_MAX_RANK] = {false}, perm;
  char b[256];
  if (!shape_op(v, &in, &r) || !mlyAttrInts(v, "dims", dims, &n))
    return false;
  perm = n == in.rank;
  want.rank = in.rank;
  for (int64_t i = 0; perm && i < n; ++i) {
    int64_t d;
    if (!mlyNormDim(v, "dim", dims[i], in.rank, &d))
      return false;
    perm = !seen[d];
    seen[d] = true;
    want.dims[i] = in.dims[d];
  }
  if (!perm)
    return mlyVerifyFail(v, "dims %s is not a permutation of 0..%" PRId64,
                         mlyFormatInts(dims, n, b, sizeof b), in.rank - 1);
  return expect_shape(v, "result", &r, &want);
}

static bool verify_transpose(MlyVerifier *v) {
  MlyShape in, r;
  int64_t d0, d1;
  if (!shape_op(v, &in, &r) || !attr_dim(v, "dim0", in.rank, &d0) ||
      !attr_dim(v, "dim1", in.rank, &d1))
    return false;
  MlyShape want = in;
  if (in.rank > 0) {
    want.dims[d0] = in.dims[d1];
    want.dims[d1] = in.dims[d0];
  }
  return expect_shape(v, "result", &r, &want);
}

static bool verify_t(MlyVerifier *v) {
  MlyShape in, r;
  if (!shape_op(v, &in, &r))
    return false;
  if (in.rank > 2)
    return mlyVerifyFail(v, "self has %" PRId64 " dims, expected at most 2",
                         in.rank);
  MlyShape want = in;
  for (int64_t i = 0; i < in.rank; ++i)
    want.dims[i] = in.dims[in.rank - 1 - i];
  return expect_shape(v, "result", &r, &want);
}

/* expand: size has at least self's rank; -1 keeps a dim; only size-1 dims
 * grow; new leading dims take no -1. */
static bool verify_expand(MlyVerifier *v) {
  MlyShape in, r;
  int64_t sz[MLY_MAX_RANK], n;
  char b[256], c[128];
  if (!shape_op(v, &in, &r) || !mlyAttrInts(v, "size", sz, &n))
    return false;
  if (n < in.rank)
    return mlyVerifyFail(v,
                         "size %s has fewer entries than input rank %" PRId64,
                         mlyFormatInts(sz, n, b, sizeof b), in.rank);
  MlyShape want = {.rank = n};
  int64_t lead = n - in.rank;
  for (int64_t i = 0; i < n; ++i) {
    int64_t x = i < lead ? -2 : in.dims[i - lead];
    if (sz[i] == -1 && i < lead)
      return mlyVerifyFail(v, "size %s has -1 at new leading dim %" PRId64,
                           mlyFormatInts(sz, n, b, sizeof b), i);
    if (sz[i] < -1)
      return mlyVerifyFail(v, "size %s has negative dim %" PRId64,
                           mlyFormatInts(sz, n, b, sizeof b), sz[i]);
    if (sz[i] != -1 && i >= lead && x != 1 && x != sz[i])
      return mlyVerifyFail(v,
                           "size %s does not broadcast input shape %s "
                           "(dim %" PRId64 ")",
                           mlyFormatInts(sz, n, b, sizeof b),
                           mlyFormatDims(in.dims, in.rank, c, sizeof c), i);
    want.dims[i] = sz[i] == -1 ? x : sz[i];
  }
  return expect_shape(v, "result", &r, &want);
}

static bool verify_unsqueeze(MlyVerifier *v) {
  MlyShape in, r, want = {.rank = 0};
  int64_t d;
  if (!shape_op(v, &in, &r) || !attr_dim(v, "dim", in.rank + 1, &d))
    return false;
  for (int64_t i = 0; i <= in.rank; ++i)
    if (!push_dim(v, &want, i == d ? 1 : in.dims[i < d ? i : i - 1]))
      return false;
  return expect_shape(v, "result", &r, &want);
}

/* squeeze drops the listed dims of size 1 (others stay, as in PyTorch); an
 * empty list drops every size-1 dim (squeeze.default). */
static bool verify_squeeze(MlyVerifier *v) {
  MlyShape in, r, want;
  int64_t dims[MLY_MAX_RANK], n;
  bool mask[MLY_MAX_RANK] = {false};
  if (!shape_op(v, &in, &r) || !mlyAttrInts(v, "dim", dims, &n))
    return false;
  for (int64_t i = 0; i < n; ++i) {
    int64_t d;
    if (!mlyNormDim(v, "dim", dims[i], in.rank, &d))
      return false;
    if (mask[d])
      return mlyVerifyFail(v, "dim %" PRId64 " appears more than once", d);
    mask[d] = true;
  }
  want.rank = 0;
  for (int64_t i = 0; i < in.rank; ++i)
    if (in.dims[i] != 1 || !(mask[i] || n == 0))
      want.dims[want.rank++] = in.dims[i];
  return expect_shape(v, "result", &r, &want);
}

static bool verify_flatten(MlyVerifier *v) {
  MlyShape in, r, want = {.rank = 0};
  int64_t s, e;
  bool ok = true;
  if (!shape_op(v, &in, &r) || !attr_dim(v, "start_dim", in.rank, &s) ||
      !attr_dim(v, "end_dim", in.rank, &e))
    return false;
  if (s > e)
    return mlyVerifyFail(
        v, "start_dim %" PRId64 " comes after end_dim %" PRId64, s, e);
  if (in.rank == 0) {
    want.dims[want.rank++] = 1;
    return expect_shape(v, "result", &r, &want);
  }
  int64_t prod = 1;
  for (int64_t i = s; i <= e; ++i)
    prod = mul_ck(prod, in.dims[i], &ok);
  if (!ok)
    return mlyVerifyFail(v, "flattened dim overflows");
  for (int64_t i = 0; i < in.rank; ++i) {
    if (i > s && i <= e)
      continue;
    want.dims[want.rank++] = i == s ? prod : in.dims[i];
  }
  return expect_shape(v, "result", &r, &want);
}

/* slice with PyTorch's clamping of start and end. */
static bool verify_slice(MlyVerifier *v) {
  MlyShape in, r;
  int64_t d, start, end, step;
  if (!shape_op(v, &in, &r) || !min_rank(v, "self", &in, 1) ||
      !attr_dim(v, "dim", in.rank, &d) || !mlyAttrInt(v, "start", &start) ||
      !mlyAttrInt(v, "end", &end) || !mlyAttrInt(v, "step", &step))
    return false;
  if (step <= 0)
    return mlyVerifyFail(v, "step %" PRId64 " must be positive", step);
  int64_t size = in.dims[d];
  if (start < 0)
    start += size;
  if (end < 0)
    end += size;
  start = start < 0 ? 0 : start > size ? size : start;
  end = end < start ? start : end > size ? size : end;
  MlyShape want = in;
  want.dims[d] = end == start ? 0 : (end - start - 1) / step + 1;
  return expect_shape(v, "result", &r, &want);
}

static bool verify_select(MlyVerifier *v) {
  MlyShape in, r, want = {.rank = 0};
  int64_t d, idx;
  if (!shape_op(v, &in, &r) || !min_rank(v, "self", &in, 1) ||
      !attr_dim(v, "dim", in.rank, &d) || !mlyAttrInt(v, "index", &idx))
    return false;
  int64_t size = in.dims[d];
  if (idx < -size || idx >= size)
    return mlyVerifyFail(v,
                         "index %" PRId64 " is out of range for dim %" PRId64
                         " of size %" PRId64,
                         idx, d, size);
  for (int64_t i = 0; i < in.rank; ++i)
    if (i != d)
      want.dims[want.rank++] = in.dims[i];
  return expect_shape(v, "result", &r, &want);
}

/* cat(self, other): legacy 1-d empty operands are skipped, as in PyTorch. */
static bool verify_cat(MlyVerifier *v) {
  MlyShape a, b, r;
  int64_t d;
  bool ok = true;
  if (!mlyOperandShape(v, 0, &a) || !mlyOperandShape(v, 1, &b) ||
      !mlyResultShape(v, 0, &r) || !keeps_float(v, &r, "self", &a) ||
      !keeps_float(v, &r, "other", &b))
    return false;
  bool skip_a = a.rank == 1 && a.dims[0] == 0;
  bool skip_b = b.rank == 1 && b.dims[0] == 0;
  const MlyShape *base = skip_a ? &b : &a;
  if (!min_rank(v, skip_a ? "other" : "self", base, 1) ||
      !attr_dim(v, "dim", base->rank, &d))
    return false;
  MlyShape want = *base;
  if (!skip_a && !skip_b) {
    if (!same_except(v, "other", &b, "self", &a, d))
      return false;
    want.dims[d] = add_ck(a.dims[d], b.dims[d], &ok);
    if (!ok)
      return mlyVerifyFail(v, "result size along dim %" PRId64 " overflows", d);
  }
  return expect_shape(v, "result", &r, &want);
}

/* ---- Indexing ----------------------------------------------------------- */

/* embedding(weight[V, D], indices) -> indices.shape + [D] */
static bool verify_embedding(MlyVerifier *v) {
  MlyShape w, idx, r;
  if (!mlyOperandShape(v, 0, &w) || !mlyOperandShape(v, 1, &idx) ||
      !mlyResultShape(v, 0, &r) || !mlyExpectRank(v, "weight", &w, 2) ||
      !expect_int(v, "indices", &idx) ||
      !mlyExpectSameElt(v, "result", &r, "weight", &w))
    return false;
  MlyShape want = idx;
  return push_dim(v, &want, w.dims[1]) && expect_shape(v, "result", &r, &want);
}

/* gather(self, index): same rank; index no larger than self off `dim`. */
static bool verify_gather(MlyVerifier *v) {
  MlyShape s, idx, r;
  int64_t d;
  if (!mlyOperandShape(v, 0, &s) || !mlyOperandShape(v, 1, &idx) ||
      !mlyResultShape(v, 0, &r) || !expect_int(v, "index", &idx) ||
      !attr_dim(v, "dim", s.rank, &d) ||
      !mlyExpectRank(v, "index", &idx, s.rank))
    return false;
  for (int64_t i = 0; i < s.rank; ++i)
    if (i != d && idx.dims[i] > s.dims[i])
      return mlyVerifyFail(v,
                           "index has size %" PRId64 " at dim %" PRId64
                           ", larger than self's %" PRId64,
                           idx.dims[i], i, s.dims[i]);
  return mlyExpectSameDims(v, "result", &r, "index", &idx) &&
         mlyExpectSameElt(v, "result", &r, "self", &s);
}

/* index(self, index, dim) -> self[:dim] + index.shape + self[dim+1:];
 * index_select is the same with a 1-d (or 0-d) index. */
static bool index_like(MlyVerifier *v, bool select) {
  MlyShape s, idx, r, want = {.rank = 0};
  int64_t d;
  if (!mlyOperandShape(v, 0, &s) || !mlyOperandShape(v, 1, &idx) ||
      !mlyResultShape(v, 0, &r) || !expect_int(v, "index", &idx) ||
      !attr_dim(v, "dim", s.rank, &d) ||
      !mlyExpectSameElt(v, "result", &r, "self", &s))
    return false;
  if (select && idx.rank > 1)
    return mlyVerifyFail(v, "index has %" PRId64 " dims, expected at most 1",
                         idx.rank);
  for (int64_t i = 0; i < d; ++i)
    want.dims[want.rank++] = s.dims[i];
  if (select) {
    want.dims[want.rank++] = idx.rank ? idx.dims[0] : 1;
  } else {
    for (int64_t i = 0; i < idx.rank; ++i)
      if (!push_dim(v, &want, idx.dims[i]))
        return false;
  }
  for (int64_t i = d + 1; i < s.rank; ++i)
    if (!push_dim(v, &want, s.dims[i]))
      return false;
  return expect_shape(v, "result", &r, &want);
}
static bool verify_index(MlyVerifier *v) { return index_like(v, false); }
static bool verify_index_select(MlyVerifier *v) { return index_like(v, true); }

/* ---- Factories ---------------------------------------------------------- */

static bool verify_arange(MlyVerifier *v) {
  MlyShape r;
  double start, end, step;
  if (!mlyResultShape(v, 0, &r) || !mlyAttrFloat(v, "start", &start) ||
      !mlyAttrFloat(v, "end", &end) || !mlyAttrFloat(v, "step", &step))
    return false;
  if (step == 0)
    return mlyVerifyFail(v, "step must be nonzero");
  double len = ceil((end - start) / step);
  if (!isfinite(len) || len < 0 || len > 9.0e15)
    return mlyVerifyFail(v, "range [%g, %g) with step %g has no valid length",
                         start, end, step);
  int64_t n = (int64_t)len;
  return mlyExpectDims(v, "result", &r, &n, 1);
}

/* full, zeros, ones, new_ones: result shape == size. */
static bool verify_sized(MlyVerifier *v) {
  MlyShape r;
  int64_t sz[MLY_MAX_RANK], n;
  return mlyResultShape(v, 0, &r) && mlyAttrInts(v, "size", sz, &n) &&
         no_negative(v, "size", sz, n) && mlyExpectDims(v, "result", &r, sz, n);
}

static bool verify_scalar_tensor(MlyVerifier *v) {
  MlyShape r;
  return mlyResultShape(v, 0, &r) && mlyExpectRank(v, "result", &r, 0);
}

/* ---- Recurrent ---------------------------------------------------------- */

/* lstm, one layer and one direction: input [T, B, I] ([B, T, I] when
 * batch_first), w_ih [4H, I], w_hh [4H, H], biases [4H], h0/c0 [1, B, H];
 * results output [T, B, H] (or [B, T, H]), h_n and c_n [1, B, H]. */
static bool verify_lstm(MlyVerifier *v) {
  static const char *const state[] = {"h0", "c0"};
  static const char *const outs[] = {"h_n", "c_n"};
  MlyShape x, w_ih, w_hh, s, out;
  bool has_biases, batch_first, bidir;
  int64_t layers;
  if (!mlyOperandShape(v, 0, &x) || !mlyOperandShape(v, 3, &w_ih) ||
      !mlyOperandShape(v, 4, &w_hh) || !mlyResultShape(v, 0, &out) ||
      !mlyAttrBool(v, "has_biases", &has_biases) ||
      !mlyAttrBool(v, "batch_first", &batch_first) ||
      !mlyAttrBool(v, "bidirectional", &bidir) ||
      !mlyAttrInt(v, "num_layers", &layers) ||
      !mlyExpectRank(v, "input", &x, 3) || !mlyExpectRank(v, "w_hh", &w_hh, 2))
    return false;
  if (layers != 1)
    return mlyVerifyFail(
        v, "num_layers %" PRId64 ", expected 1 (one layer per op)", layers);
  if (bidir)
    return mlyVerifyFail(v, "bidirectional is true, expected one direction");
  int64_t t = x.dims[batch_first], bsz = x.dims[!batch_first], in = x.dims[2];
  int64_t h = w_hh.dims[1];
  if (h > INT64_MAX / 4)
    return mlyVerifyFail(v, "hidden size %" PRId64 " is too large", h);
  int64_t gates[2] = {4 * h, in}, hh[2] = {4 * h, h}, st[3] = {1, bsz, h};
  if (!mlyExpectDims(v, "w_ih", &w_ih, gates, 2) ||
      !mlyExpectDims(v, "w_hh", &w_hh, hh, 2))
    return false;
  int n_bias = !mlirValueIsNull(mlyOperandGroup(v, 5, 7)) +
               !mlirValueIsNull(mlyOperandGroup(v, 6, 7));
  if (n_bias != (has_biases ? 2 : 0))
    return mlyVerifyFail(v, "has_biases is %s but %d bias operands are given",
                         has_biases ? "true" : "false", n_bias);
  if (!opt_vector(v, 5, 7, "b_ih", 4 * h) ||
      !opt_vector(v, 6, 7, "b_hh", 4 * h))
    return false;
  for (int i = 0; i < 2; ++i)
    if (!mlyOperandShape(v, 1 + i, &s) ||
        !mlyExpectDims(v, state[i], &s, st, 3) ||
        !mlyResultShape(v, 1 + i, &s) || !mlyExpectDims(v, outs[i], &s, st, 3))
      return false;
  int64_t o[3] = {batch_first ? bsz : t, batch_first ? t : bsz, h};
  return mlyExpectDims(v, "output", &out, o, 3) &&
         mlyExpectSameElt(v, "w_ih", &w_ih, "input", &x) &&
         mlyExpectSameElt(v, "output", &out, "input", &x);
}

const MlyVerifyRule mlyAtenVerifyRules[] = {
    /* Elementwise. */
    {"add", verify_arith},
    {"sub", verify_arith},
    {"mul", verify_arith},
    {"div", verify_arith},
    {"pow", verify_pow},
    {"neg", same_shape_unary},
    {"relu", same_shape_unary},
    {"hardtanh", same_shape_unary},
    {"clamp", same_shape_unary},
    {"rsqrt", float_unary},
    {"sqrt", float_unary},
    {"exp", float_unary},
    {"log", float_unary},
    {"tanh", float_unary},
    {"sigmoid", float_unary},
    {"sin", float_unary},
    {"cos", float_unary},
    {"silu", float_unary},
    {"hardswish", float_unary},
    {"gelu", verify_gelu},
    {"where", verify_where},
    {"masked_fill", verify_masked_fill},
    {"eq", verify_compare},
    {"ne", verify_compare},
    {"ge", verify_compare},
    {"gt", verify_compare},
    {"le", verify_compare},
    {"lt", verify_compare},
    {"logical_and", verify_compare},
    {"logical_not", verify_logical_not},
    {"bitwise_not", verify_bitwise_not},
    {"bitwise_and", verify_bitwise},
    /* Scans and reductions. */
    {"any", verify_any},
    {"cumsum", verify_cumsum},
    {"diff", verify_diff},
    {"mean", verify_mean},
    {"sum", verify_sum},
    {"amax", verify_amax},
    {"softmax", verify_softmax},
    {"log_softmax", verify_softmax},
    /* Contractions. */
    {"linear", verify_linear},
    {"addmm", verify_addmm},
    {"mm", verify_mm},
    {"bmm", verify_bmm},
    {"matmul", verify_matmul},
    {"baddbmm", verify_baddbmm},
    {"scaled_dot_product_attention", verify_sdpa},
    {"conv1d", verify_conv1d},
    {"conv2d", verify_conv2d},
    {"convolution", verify_convolution},
    /* Normalization. */
    {"batch_norm", verify_batch_norm},
    {"native_batch_norm_legit_no_training", verify_native_batch_norm},
    {"layer_norm", verify_layer_norm},
    {"native_layer_norm", verify_native_layer_norm},
    {"group_norm", verify_group_norm},
    {"native_group_norm", verify_native_group_norm},
    {"rms_norm", verify_rms_norm},
    /* Pooling. */
    {"max_pool2d", verify_max_pool2d},
    {"max_pool2d_with_indices", verify_max_pool2d_idx},
    {"avg_pool2d", verify_avg_pool2d},
    {"adaptive_avg_pool2d", verify_adaptive_avg_pool2d},
    {"dropout", verify_dropout},
    /* Shapes and views. */
    {"view", verify_view},
    {"reshape", verify_reshape},
    {"permute", verify_permute},
    {"transpose", verify_transpose},
    {"t", verify_t},
    {"expand", verify_expand},
    {"unsqueeze", verify_unsqueeze},
    {"squeeze", verify_squeeze},
    {"flatten", verify_flatten},
    {"slice", verify_slice},
    {"select", verify_select},
    {"cat", verify_cat},
    {"clone", same_type_unary},
    {"contiguous", same_type_unary},
    {"alias", same_type_unary},
    /* Indexing. */
    {"embedding", verify_embedding},
    {"gather", verify_gather},
    {"index", verify_index},
    {"index_select", verify_index_select},
    /* Conversions and factories. */
    {"to_copy", verify_to_copy},
    {"arange", verify_arange},
    {"full", verify_sized},
    {"full_like", verify_to_copy},
    {"zeros", verify_sized},
    {"ones", verify_sized},
    {"new_ones", verify_sized},
    {"scalar_tensor", verify_scalar_tensor},
    /* Recurrent. */
    {"lstm", verify_lstm},
    {NULL, NULL},
};
