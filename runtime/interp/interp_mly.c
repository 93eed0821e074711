/* mly ops in the reference interpreter. Operand positions follow
 * dialects/mly.irdl.mlir; results arrive allocated (interp_util.h).
 *
 * The interpreter may be handed IR the verifier never saw, so each op
 * re-checks what it indexes with (operand counts, shapes the attributes
 * imply, index values) and reports a mismatch instead of reading out of
 * bounds. Integer arithmetic wraps like PyTorch's; accumulations (reduce,
 * scan, matmul, conv, pool) run in double for float tensors and in int64
 * for integer and bool ones. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "dialects/mly_scalar.h"
#include "runtime/interp/interp_util.h"

#define RANK MLY_TENSOR_MAX_RANK

/* ---- Checks ---------------------------------------------------------- */

static bool is_float(const MlyTensor *t) { return mlyDTypeIsFloat(t->dtype); }

static size_t numel(const MlyTensor *t) { return mlyTensorNumElements(t); }

static bool same_dims(const MlyTensor *a, const MlyTensor *b) {
  return a->rank == b->rank &&
         !memcmp(a->dims, b->dims, (size_t)a->rank * sizeof *a->dims);
}

/* Reports unless the op has `n_in` operands and one result. */
static bool arity(MlyInterpOp *o, intptr_t n_in) {
  if (o->n_in == n_in && o->n_out == 1)
    return true;
  return mlyInterpFail(o, "expected %" PRIdPTR " operands and 1 result", n_in);
}

/* Reports unless `t` has dims[0..rank); `what` names t. */
static bool expect_dims(MlyInterpOp *o, const MlyTensor *t, const char *what,
                        const int64_t *dims, int64_t rank) {
  if (t->rank == rank && !memcmp(t->dims, dims, (size_t)rank * sizeof *dims))
    return true;
  return mlyInterpFail(o, "%s does not have the shape the op implies", what);
}

/* Data movement copies bytes, so in and out must share a dtype. */
static bool expect_same_dtype(MlyInterpOp *o, const MlyTensor *t) {
  return t->dtype == o->out[0].dtype ||
         mlyInterpFail(o, "operand and result element types differ");
}

/* An array<i64> attribute of exactly `n` elements. */
static bool ints_n(MlyInterpOp *o, const char *name, int64_t *xs, int64_t n) {
  int64_t len;
  if (!mlyInterpI64Array(o, name, xs, &len))
    return false;
  return len == n || mlyInterpFail(o,
                                   "attribute '%s' has %" PRId64
                                   " elements, expected %" PRId64,
                                   name, len, n);
}

/* The position of string attribute `name` in the NULL-ended `names`, or -1
 * after reporting. */
static int str_choice(MlyInterpOp *o, const char *name,
                      const char *const *names) {
  for (int i = 0; names[i]; ++i)
    if (mlyOpStrIs(o->op, name, names[i]))
      return i;
  mlyInterpFail(o, "attribute '%s' is missing or has an unknown value", name);
  return -1;
}

static bool dim_ok(MlyInterpOp *o, int64_t dim, int64_t rank) {
  return (dim >= 0 && dim < rank) ||
         mlyInterpFail(o, "dim %" PRId64 " is out of range for rank %" PRId64,
                       dim, rank);
}

/* Product of dims[from..to). */
static size_t span(const int64_t *dims, int64_t from, int64_t to) {
  size_t n = 1;
  for (int64_t i = from; i < to; ++i)
    n *= (size_t)dims[i];
  return n;
}

static int64_t wrap_add(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}
static int64_t wrap_mul(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b);
}

/* ---- Accumulators: reduce, scan, matmul, conv, pool ------------------- */

enum { ACC_SUM, ACC_MAX, ACC_MIN, ACC_PROD }; /* order of reduce's kinds */

typedef struct acc {
  int kind;
  bool f; /* double domain, else int64 */
  double d;
  int64_t i;
} acc;

static acc acc_init(int kind, bool f) {
  acc a = {kind, f, 0, 0};
  if (kind == ACC_PROD)
    a.d = 1, a.i = 1;
  else if (kind == ACC_MAX)
    a.d = -INFINITY, a.i = INT64_MIN;
  else if (kind == ACC_MIN)
    a.d = INFINITY, a.i = INT64_MAX;
  return a;
}

/* max/min propagate NaN like torch.amax. */
static void acc_push(acc *a, double d, int64_t i) {
  switch (a->kind) {
  case ACC_SUM:
    a->d += d, a->i = wrap_add(a->i, i);
    break;
  case ACC_PROD:
    a->d *= d, a->i = wrap_mul(a->i, i);
    break;
  case ACC_MAX:
    if (isnan(d) || d > a->d)
      a->d = d;
    if (i > a->i)
      a->i = i;
    break;
  default:
    if (isnan(d) || d < a->d)
      a->d = d;
    if (i < a->i)
      a->i = i;
  }
}

static void acc_load(acc *a, const MlyTensor *t, size_t at) {
  if (a->f)
    acc_push(a, mlyTensorLoadF64(t, at), 0);
  else
    acc_push(a, 0, mlyTensorLoadI64(t, at));
}

/* a += x[i] * y[j] */
static void acc_mac(acc *a, const MlyTensor *x, size_t i, const MlyTensor *y,
                    size_t j) {
  if (a->f)
    a->d += mlyTensorLoadF64(x, i) * mlyTensorLoadF64(y, j);
  else
    a->i = wrap_add(a->i,
                    wrap_mul(mlyTensorLoadI64(x, i), mlyTensorLoadI64(y, j)));
}

static void acc_store(const acc *a, MlyTensor *t, size_t at) {
  if (a->f)
    mlyTensorStoreF64(t, at, a->d);
  else
    mlyTensorStoreI64(t, at, a->i);
}

/* ---- Elementwise ----------------------------------------------------- */

/* Operands of an elementwise op have the result's dims (mly is strict), so
 * mlyInterpMap's broadcasting never reads past an operand. */
static bool elementwise_operands(MlyInterpOp *o, intptr_t n_in) {
  if (!arity(o, n_in))
    return false;
  for (intptr_t k = 0; k < n_in; ++k)
    if (!same_dims(o->in[k], &o->out[0]))
      return mlyInterpFail(
          o, "operand #%" PRIdPTR " does not have the result's shape", k);
  return true;
}

/* The scalar meaning of each op comes from dialects/mly_scalar.h, which
 * constant folding shares. */
static double unary_f(const double *x, const void *u) {
  return mlyScalarUnaryF(*(const int *)u, x[0]);
}
static int64_t unary_i(const int64_t *x, const void *u) {
  return mlyScalarUnaryI(*(const int *)u, x[0]);
}

/* Computes in the input's domain: float -> int casts truncate toward zero
 * (saturating), any -> bool is `!= 0`, like PyTorch's casts. */
static bool interp_unary(MlyInterpOp *o) {
  int k = mlyUnaryKindOf(o->op);
  if (k < 0)
    return mlyInterpFail(o, "is not a unary op");
  if (!elementwise_operands(o, 1))
    return false;
  mlyInterpMap(o, 1, is_float(o->in[0]), unary_f, unary_i, &k);
  return true;
}

static double binary_f(const double *x, const void *u) {
  return mlyScalarBinaryF(*(const int *)u, x[0], x[1]);
}
static int64_t binary_i(const int64_t *x, const void *u) {
  return mlyScalarBinaryI(*(const int *)u, x[0], x[1]);
}

/* Runs binary kind k in the operands' domain (cmp's result is i1). */
static bool map_binary(MlyInterpOp *o, int k) {
  if (!elementwise_operands(o, 2))
    return false;
  bool f = is_float(o->in[0]) || is_float(o->in[1]);
  if (k == MLY_BINARY_DIV && !f)
    for (size_t i = 0, n = numel(o->in[1]); i < n; ++i)
      if (!mlyTensorLoadI64(o->in[1], i))
        return mlyInterpFail(o, "integer division by zero at element %zu", i);
  mlyInterpMap(o, 2, f, binary_f, binary_i, &k);
  return true;
}

/* Binary ops and cmp (whose kind carries its predicate). */
static bool interp_binary(MlyInterpOp *o) {
  int k = mlyBinaryKindOf(o->op);
  return k >= 0 ? map_binary(o, k)
                : mlyInterpFail(o, "is not a binary op or has an unknown "
                                   "predicate");
}

static double select_f(const double *x, const void *u) {
  (void)u;
  return x[0] != 0 ? x[1] : x[2];
}
static int64_t select_i(const int64_t *x, const void *u) {
  (void)u;
  return x[0] ? x[1] : x[2];
}
static bool interp_select(MlyInterpOp *o) {
  if (!elementwise_operands(o, 3))
    return false;
  mlyInterpMap(o, 3, is_float(&o->out[0]), select_f, select_i, NULL);
  return true;
}

/* ---- Values ---------------------------------------------------------- */

static bool interp_iota(MlyInterpOp *o) {
  MlyTensor *out = &o->out[0];
  int64_t dim, idx[RANK] = {0};
  if (!arity(o, 0) || !mlyInterpI64(o, "dim", &dim) ||
      !dim_ok(o, dim, out->rank))
    return false;
  for (size_t e = 0, n = numel(out); e < n; ++e) {
    mlyTensorStoreI64(out, e, idx[dim]);
    mlyIndexNext(idx, out->dims, out->rank);
  }
  return true;
}

/* ---- Data movement --------------------------------------------------- */

/* out[idx] = in[base + sum idx[i] * str[i]] over every index of out; the
 * caller has checked that this stays inside in. */
static void copy_view(MlyInterpOp *o, size_t base, const int64_t *str) {
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  size_t es = mlyDTypeSize(out->dtype);
  int64_t idx[RANK] = {0};
  for (size_t e = 0, n = numel(out); e < n; ++e) {
    size_t at = base;
    for (int64_t i = 0; i < out->rank; ++i)
      at += (size_t)(idx[i] * str[i]);
    memcpy((char *)out->data + e * es, (const char *)in->data + at * es, es);
    mlyIndexNext(idx, out->dims, out->rank);
  }
}

static bool interp_broadcast_in_dim(MlyInterpOp *o) {
  int64_t bd[RANK], st[RANK], str[RANK] = {0};
  if (!arity(o, 1) || !expect_same_dtype(o, o->in[0]))
    return false;
  const MlyTensor *in = o->in[0], *out = &o->out[0];
  if (!ints_n(o, "broadcast_dimensions", bd, in->rank))
    return false;
  mlyStrides(in->dims, in->rank, st);
  for (int64_t i = 0; i < in->rank; ++i) {
    if (bd[i] < 0 || bd[i] >= out->rank || (i && bd[i] <= bd[i - 1]) ||
        (in->dims[i] != 1 && in->dims[i] != out->dims[bd[i]]))
      return mlyInterpFail(
          o, "broadcast dimension %" PRId64 " does not fit the result", i);
    str[bd[i]] = in->dims[i] == 1 ? 0 : st[i];
  }
  copy_view(o, 0, str);
  return true;
}

static bool interp_reshape(MlyInterpOp *o) {
  if (!arity(o, 1) || !expect_same_dtype(o, o->in[0]))
    return false;
  if (numel(o->in[0]) != numel(&o->out[0]))
    return mlyInterpFail(o, "result and input element counts differ");
  memcpy(o->out[0].data, o->in[0]->data, o->out[0].nbytes);
  return true;
}

static bool interp_transpose(MlyInterpOp *o) {
  int64_t perm[RANK], st[RANK], str[RANK], dims[RANK];
  bool seen[RANK] = {false};
  if (!arity(o, 1) || !expect_same_dtype(o, o->in[0]))
    return false;
  const MlyTensor *in = o->in[0];
  if (!ints_n(o, "permutation", perm, in->rank))
    return false;
  mlyStrides(in->dims, in->rank, st);
  for (int64_t i = 0; i < in->rank; ++i) {
    if (perm[i] < 0 || perm[i] >= in->rank || seen[perm[i]])
      return mlyInterpFail(o, "'permutation' is not a permutation");
    seen[perm[i]] = true;
    dims[i] = in->dims[perm[i]];
    str[i] = st[perm[i]];
  }
  if (!expect_dims(o, &o->out[0], "result", dims, in->rank))
    return false;
  copy_view(o, 0, str);
  return true;
}

static bool interp_slice(MlyInterpOp *o) {
  int64_t lo[RANK], hi[RANK], step[RANK], st[RANK], str[RANK], dims[RANK];
  if (!arity(o, 1) || !expect_same_dtype(o, o->in[0]))
    return false;
  const MlyTensor *in = o->in[0];
  if (!ints_n(o, "start_indices", lo, in->rank) ||
      !ints_n(o, "limit_indices", hi, in->rank) ||
      !ints_n(o, "strides", step, in->rank))
    return false;
  mlyStrides(in->dims, in->rank, st);
  size_t base = 0;
  for (int64_t i = 0; i < in->rank; ++i) {
    if (lo[i] < 0 || lo[i] > hi[i] || hi[i] > in->dims[i] || step[i] < 1)
      return mlyInterpFail(o, "slice of dim %" PRId64 " is out of range", i);
    int64_t len = hi[i] - lo[i];
    dims[i] = len ? (len - 1) / step[i] + 1 : 0;
    base += (size_t)(lo[i] * st[i]);
    /* step * st may overflow only when the dim has one element taken */
    str[i] = dims[i] > 1 ? step[i] * st[i] : 0;
  }
  if (!expect_dims(o, &o->out[0], "result", dims, in->rank))
    return false;
  copy_view(o, base, str);
  return true;
}

/* Negative low/high crop; the value attribute fills the rest. */
static bool interp_pad(MlyInterpOp *o) {
  int64_t lo[RANK], hi[RANK], dims[RANK], st[RANK], idx[RANK] = {0};
  double v = 0;
  int64_t iv = 0;
  if (!arity(o, 1) || !expect_same_dtype(o, o->in[0]) ||
      !mlyInterpF64(o, "value", &v))
    return false;
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  bool int_value = !is_float(out) && mlyOpGetI64(o->op, "value", &iv);
  if (!ints_n(o, "low", lo, in->rank) || !ints_n(o, "high", hi, in->rank))
    return false;
  for (int64_t i = 0; i < in->rank; ++i)
    if (__builtin_add_overflow(in->dims[i], lo[i], &dims[i]) ||
        __builtin_add_overflow(dims[i], hi[i], &dims[i]))
      return mlyInterpFail(o, "padded dim %" PRId64 " overflows", i);
  if (!expect_dims(o, out, "result", dims, in->rank))
    return false;
  mlyStrides(in->dims, in->rank, st);
  size_t es = mlyDTypeSize(out->dtype);
  for (size_t e = 0, n = numel(out); e < n; ++e) {
    size_t at = 0;
    bool inside = true;
    for (int64_t i = 0; i < in->rank && inside; ++i) {
      int64_t x;
      inside = !__builtin_sub_overflow(idx[i], lo[i], &x) && x >= 0 &&
               x < in->dims[i];
      at += inside ? (size_t)(x * st[i]) : 0;
    }
    if (inside)
      memcpy((char *)out->data + e * es, (const char *)in->data + at * es, es);
    else if (int_value)
      mlyTensorStoreI64(out, e, iv);
    else
      mlyTensorStoreF64(out, e, v);
    mlyIndexNext(idx, out->dims, out->rank);
  }
  return true;
}

static bool interp_concat(MlyInterpOp *o) {
  int64_t dim, dims[RANK];
  if (!arity(o, 2) || !expect_same_dtype(o, o->in[0]) ||
      !expect_same_dtype(o, o->in[1]) || !mlyInterpI64(o, "dim", &dim))
    return false;
  const MlyTensor *l = o->in[0], *r = o->in[1];
  MlyTensor *out = &o->out[0];
  if (!dim_ok(o, dim, l->rank))
    return false;
  memcpy(dims, l->dims, (size_t)l->rank * sizeof *dims);
  dims[dim] = r->rank == l->rank ? l->dims[dim] + r->dims[dim] : 0;
  if (r->rank != l->rank ||
      memcmp(r->dims, l->dims, (size_t)dim * sizeof *dims) ||
      memcmp(r->dims + dim + 1, l->dims + dim + 1,
             (size_t)(l->rank - dim - 1) * sizeof *dims))
    return mlyInterpFail(o, "lhs and rhs differ outside dim %" PRId64, dim);
  if (!expect_dims(o, out, "result", dims, l->rank))
    return false;
  size_t es = mlyDTypeSize(out->dtype), inner = span(dims, dim + 1, l->rank);
  size_t nl = (size_t)l->dims[dim] * inner * es;
  size_t nr = (size_t)r->dims[dim] * inner * es;
  char *p = out->data;
  for (size_t k = 0, outer = span(dims, 0, dim); k < outer; ++k) {
    memcpy(p, (const char *)l->data + k * nl, nl);
    memcpy(p + nl, (const char *)r->data + k * nr, nr);
    p += nl + nr;
  }
  return true;
}

/* Reports an index outside [0, n) (negative indices are errors in mly). */
static bool index_ok(MlyInterpOp *o, int64_t j, int64_t n) {
  return (j >= 0 && j < n) ||
         mlyInterpFail(o, "index %" PRId64 " is out of range [0, %" PRId64 ")",
                       j, n);
}

/* take: result = input[:dim] + indices.shape + input[dim+1:], each index
 * picking a slice of dim. */
static bool gather_take(MlyInterpOp *o, int64_t dim) {
  const MlyTensor *in = o->in[0], *ix = o->in[1];
  MlyTensor *out = &o->out[0];
  int64_t dims[RANK], n = 0;
  if (in->rank - 1 + ix->rank > RANK)
    return mlyInterpFail(o, "result rank is too large");
  for (int64_t i = 0; i < dim; ++i)
    dims[n++] = in->dims[i];
  for (int64_t i = 0; i < ix->rank; ++i)
    dims[n++] = ix->dims[i];
  for (int64_t i = dim + 1; i < in->rank; ++i)
    dims[n++] = in->dims[i];
  if (!expect_dims(o, out, "result", dims, n))
    return false;
  size_t es = mlyDTypeSize(out->dtype), nk = numel(ix);
  size_t outer = span(in->dims, 0, dim);
  size_t row = span(in->dims, dim + 1, in->rank) * es;
  for (size_t k = 0; k < nk; ++k) {
    int64_t j = mlyTensorLoadI64(ix, k);
    if (!index_ok(o, j, in->dims[dim]))
      return false;
    for (size_t b = 0; b < outer; ++b)
      memcpy((char *)out->data + (b * nk + k) * row,
             (const char *)in->data +
                 (b * (size_t)in->dims[dim] + (size_t)j) * row,
             row);
  }
  return true;
}

/* along: result[idx] = input[idx with idx[dim] = indices[idx]], the shape
 * of indices; other dims of indices may be shorter than input's (gather)
 * or input's may be 1 (broadcast, take_along_dim). */
static bool gather_along(MlyInterpOp *o, int64_t dim) {
  const MlyTensor *in = o->in[0], *ix = o->in[1];
  MlyTensor *out = &o->out[0];
  int64_t st[RANK], idx[RANK] = {0};
  if (ix->rank != in->rank || !same_dims(out, ix))
    return mlyInterpFail(o, "indices must have the input's rank and the "
                            "result's shape");
  for (int64_t i = 0; i < in->rank; ++i)
    if (i != dim && in->dims[i] != 1 && ix->dims[i] > in->dims[i])
      return mlyInterpFail(o, "indices dim %" PRId64 " exceeds input's", i);
  mlyStrides(in->dims, in->rank, st);
  size_t es = mlyDTypeSize(out->dtype);
  for (size_t e = 0, n = numel(out); e < n; ++e) {
    int64_t j = mlyTensorLoadI64(ix, e);
    if (!index_ok(o, j, in->dims[dim]))
      return false;
    size_t at = 0;
    for (int64_t i = 0; i < in->rank; ++i)
      at += (size_t)((i == dim ? j : in->dims[i] == 1 ? 0 : idx[i]) * st[i]);
    memcpy((char *)out->data + e * es, (const char *)in->data + at * es, es);
    mlyIndexNext(idx, out->dims, out->rank);
  }
  return true;
}

static bool interp_gather(MlyInterpOp *o) {
  static const char *const modes[] = {"take", "along", NULL};
  int64_t dim;
  int mode = str_choice(o, "mode", modes);
  if (mode < 0 || !arity(o, 2) || !expect_same_dtype(o, o->in[0]) ||
      !mlyInterpI64(o, "dim", &dim) || !dim_ok(o, dim, o->in[0]->rank))
    return false;
  if (is_float(o->in[1]))
    return mlyInterpFail(o, "indices must be integers");
  return mode ? gather_along(o, dim) : gather_take(o, dim);
}

/* ---- Reductions and scans -------------------------------------------- */

static bool interp_reduce(MlyInterpOp *o) {
  static const char *const kinds[] = {"sum", "max", "min", "prod", NULL};
  int64_t rd[RANK], n_rd, st[RANK], dims[RANK], rank = 0;
  int64_t kd[RANK], ks[RANK], rs[RANK], nk = 0, nr = 0;
  bool keepdim, reduced[RANK] = {false};
  int kind = str_choice(o, "kind", kinds);
  if (kind < 0 || !arity(o, 1) || !mlyInterpBool(o, "keepdim", &keepdim) ||
      !mlyInterpI64Array(o, "dims", rd, &n_rd))
    return false;
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  for (int64_t i = 0; i < n_rd; ++i) {
    if (!dim_ok(o, rd[i], in->rank))
      return false;
    if (reduced[rd[i]])
      return mlyInterpFail(o, "dim %" PRId64 " is reduced twice", rd[i]);
    reduced[rd[i]] = true;
  }
  mlyStrides(in->dims, in->rank, st);
  for (int64_t i = 0; i < in->rank; ++i) {
    if (keepdim || !reduced[i])
      dims[rank++] = reduced[i] ? 1 : in->dims[i];
    if (reduced[i])
      rd[nr] = in->dims[i], rs[nr++] = st[i];
    else
      kd[nk] = in->dims[i], ks[nk++] = st[i];
  }
  if (!expect_dims(o, out, "result", dims, rank))
    return false;
  size_t n_out = numel(out), n_r = span(rd, 0, nr);
  if (!n_r && n_out && (kind == ACC_MAX || kind == ACC_MIN))
    return mlyInterpFail(o, "max/min of an empty set of elements");
  int64_t kidx[RANK] = {0};
  for (size_t e = 0; e < n_out; ++e) {
    int64_t ridx[RANK] = {0};
    size_t base = 0;
    for (int64_t i = 0; i < nk; ++i)
      base += (size_t)(kidx[i] * ks[i]);
    acc a = acc_init(kind, is_float(in));
    for (size_t r = 0; r < n_r; ++r) {
      size_t at = base;
      for (int64_t i = 0; i < nr; ++i)
        at += (size_t)(ridx[i] * rs[i]);
      acc_load(&a, in, at);
      mlyIndexNext(ridx, rd, nr);
    }
    acc_store(&a, out, e);
    mlyIndexNext(kidx, kd, nk);
  }
  return true;
}

/* Inclusive cumulative sum along dim. */
static bool interp_scan(MlyInterpOp *o) {
  int64_t dim;
  if (!arity(o, 1) || !mlyInterpI64(o, "dim", &dim))
    return false;
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  if (!dim_ok(o, dim, in->rank) ||
      !expect_dims(o, out, "result", in->dims, in->rank))
    return false;
  size_t inner = span(in->dims, dim + 1, in->rank), len = (size_t)in->dims[dim];
  for (size_t b = 0, outer = span(in->dims, 0, dim); b < outer; ++b)
    for (size_t i = 0; i < inner; ++i) {
      acc a = acc_init(ACC_SUM, is_float(in));
      for (size_t k = 0; k < len; ++k) {
        size_t at = (b * len + k) * inner + i;
        acc_load(&a, in, at);
        acc_store(&a, out, at);
      }
    }
  return true;
}

/* ---- Contractions and windows ---------------------------------------- */

/* Batched [..., M, K] x [..., K, N]; transpose_lhs reads lhs as
 * [..., K, M], transpose_rhs reads rhs as [..., N, K]. */
static bool interp_matmul(MlyInterpOp *o) {
  bool tl, tr;
  int64_t dims[RANK];
  if (!arity(o, 2) || !mlyInterpBool(o, "transpose_lhs", &tl) ||
      !mlyInterpBool(o, "transpose_rhs", &tr))
    return false;
  const MlyTensor *l = o->in[0], *r = o->in[1];
  MlyTensor *out = &o->out[0];
  int64_t n = l->rank;
  if (n < 2 || r->rank != n ||
      memcmp(l->dims, r->dims, (size_t)(n - 2) * sizeof *dims))
    return mlyInterpFail(o, "lhs and rhs need one rank >= 2 and one batch");
  size_t M = (size_t)l->dims[n - (tl ? 1 : 2)],
         K = (size_t)l->dims[n - (tl ? 2 : 1)];
  size_t N = (size_t)r->dims[n - (tr ? 2 : 1)];
  if ((size_t)r->dims[n - (tr ? 1 : 2)] != K)
    return mlyInterpFail(o, "lhs and rhs contraction dims differ");
  memcpy(dims, l->dims, (size_t)n * sizeof *dims);
  dims[n - 2] = (int64_t)M;
  dims[n - 1] = (int64_t)N;
  if (!expect_dims(o, out, "result", dims, n))
    return false;
  bool f = is_float(out);
  for (size_t b = 0, nb = span(dims, 0, n - 2); b < nb; ++b)
    for (size_t m = 0; m < M; ++m)
      for (size_t j = 0; j < N; ++j) {
        acc a = acc_init(ACC_SUM, f);
        for (size_t k = 0; k < K; ++k)
          acc_mac(&a, l, b * M * K + (tl ? k * M + m : m * K + k), r,
                  b * K * N + (tr ? j * K + k : k * N + j));
        acc_store(&a, out, (b * M + m) * N + j);
      }
  return true;
}

/* A window over the trailing spatial dims of [N, C, x...] (conv, pool). */
typedef struct window {
  int64_t n; /* spatial dims */
  int64_t in[RANK], out[RANK], k[RANK], stride[RANK], pad[RANK], dil[RANK];
  size_t in_size, out_size; /* elements of one spatial plane */
  double k_count;           /* positions of one window, padding included */
} window;

/* Reads stride/padding/dilation, takes kernel extents k[0..n), and checks
 * that out's spatial dims are (x + 2p - d*(k-1) - 1)/s + 1 with no
 * overflow, which keeps every window inside the padded input. */
static bool window_init(MlyInterpOp *o, window *w, const MlyTensor *in,
                        const MlyTensor *out, const int64_t *k) {
  if (in->rank < 3 || out->rank != in->rank)
    return mlyInterpFail(o, "input and result need one rank >= 3");
  w->n = in->rank - 2;
  if (!ints_n(o, "stride", w->stride, w->n) ||
      !ints_n(o, "padding", w->pad, w->n) ||
      !ints_n(o, "dilation", w->dil, w->n))
    return false;
  w->k_count = 1;
  for (int64_t i = 0; i < w->n; ++i) {
    int64_t x = in->dims[i + 2], ext, padded;
    w->k[i] = k[i];
    w->in[i] = x;
    w->out[i] = out->dims[i + 2];
    w->k_count *= (double)k[i];
    if (k[i] < 1 || w->stride[i] < 1 || w->pad[i] < 0 || w->dil[i] < 1 ||
        __builtin_mul_overflow(w->dil[i], k[i] - 1, &ext) ||
        __builtin_mul_overflow(w->pad[i], 2, &padded) ||
        __builtin_add_overflow(padded, x, &padded) || ext >= padded ||
        (padded - ext - 1) / w->stride[i] + 1 != w->out[i])
      return mlyInterpFail(
          o, "window of spatial dim %" PRId64 " does not match the result", i);
  }
  w->in_size = span(w->in, 0, w->n);
  w->out_size = span(w->out, 0, w->n);
  return true;
}

/* The kernel positions of one output position that fall inside the input
 * (padding is skipped, so a huge window costs no more than the input):
 * per spatial dim, ki in [lo, hi) reads input x0 + ki * dilation. */
typedef struct window_pos {
  int64_t x0[RANK], lo[RANK], hi[RANK], ki[RANK];
} window_pos;

/* Starts p at output position op; false when no position is inside. */
static bool window_first(const window *w, size_t op, window_pos *p) {
  bool any = true;
  for (int64_t i = w->n - 1; i >= 0; --i) {
    int64_t x0 = (int64_t)(op % (size_t)w->out[i]) * w->stride[i] - w->pad[i];
    int64_t d = w->dil[i];
    op /= (size_t)w->out[i];
    p->x0[i] = x0;
    p->lo[i] = x0 >= 0 ? 0 : (-x0 - 1) / d + 1;
    p->hi[i] = x0 >= w->in[i] ? 0 : (w->in[i] - 1 - x0) / d + 1;
    if (p->hi[i] > w->k[i])
      p->hi[i] = w->k[i];
    p->ki[i] = p->lo[i];
    any = any && p->lo[i] < p->hi[i];
  }
  return any;
}

static bool window_next(const window *w, window_pos *p) {
  for (int64_t i = w->n - 1; i >= 0; --i) {
    if (++p->ki[i] < p->hi[i])
      return true;
    p->ki[i] = p->lo[i];
  }
  return false;
}

/* Flat offsets of p's position in one input plane / in one kernel. */
static size_t window_in(const window *w, const window_pos *p) {
  size_t at = 0;
  for (int64_t i = 0; i < w->n; ++i)
    at = at * (size_t)w->in[i] + (size_t)(p->x0[i] + p->ki[i] * w->dil[i]);
  return at;
}
static size_t window_k(const window *w, const window_pos *p) {
  size_t at = 0;
  for (int64_t i = 0; i < w->n; ++i)
    at = at * (size_t)w->k[i] + (size_t)p->ki[i];
  return at;
}

/* input [N, C, x...], weight [Cout, C/groups, k...], bias? [Cout]. */
static bool interp_conv(MlyInterpOp *o) {
  const MlyTensor *in = mlyInterpGroup(o, 0, 3), *wt = mlyInterpGroup(o, 1, 3);
  const MlyTensor *bias = mlyInterpGroup(o, 2, 3);
  MlyTensor *out = &o->out[0];
  int64_t groups;
  window w;
  window_pos p;
  if (!in || !wt || o->n_out != 1)
    return mlyInterpFail(o, "expects input, weight and an optional bias");
  if (!mlyInterpI64(o, "groups", &groups))
    return false;
  if (wt->rank != in->rank || in->rank < 3)
    return mlyInterpFail(o, "input and weight need one rank >= 3");
  int64_t C = in->dims[1], Cout = wt->dims[0];
  if (groups < 1 || C % groups || Cout % groups || wt->dims[1] != C / groups ||
      out->dims[0] != in->dims[0] || out->dims[1] != Cout ||
      (bias && (bias->rank != 1 || bias->dims[0] != Cout)))
    return mlyInterpFail(o, "channels, groups, weight and bias disagree");
  if (!window_init(o, &w, in, out, wt->dims + 2))
    return false;
  size_t cg = (size_t)(C / groups), og = (size_t)(Cout / groups);
  size_t k_size = span(wt->dims, 2, wt->rank);
  bool f = is_float(out);
  for (size_t b = 0; b < (size_t)in->dims[0]; ++b)
    for (size_t co = 0; co < (size_t)Cout; ++co) {
      size_t x_at = (b * (size_t)C + co / og * cg) * w.in_size;
      size_t w_at = co * cg * k_size;
      for (size_t op = 0; op < w.out_size; ++op) {
        acc a = acc_init(ACC_SUM, f);
        for (bool more = window_first(&w, op, &p); more;
             more = window_next(&w, &p)) {
          size_t xi = window_in(&w, &p), ki = window_k(&w, &p);
          for (size_t ci = 0; ci < cg; ++ci)
            acc_mac(&a, in, x_at + ci * w.in_size + xi, wt,
                    w_at + ci * k_size + ki);
        }
        if (bias)
          acc_load(&a, bias, co);
        acc_store(&a, out, (b * (size_t)Cout + co) * w.out_size + op);
      }
    }
  return true;
}

/* max ignores padding (pads with -inf); avg divides by the whole window
 * with count_include_pad, else by the elements inside the input (a window
 * wholly in the padding then averages to NaN). */
static bool interp_pool(MlyInterpOp *o) {
  static const char *const kinds[] = {"max", "avg", NULL};
  int64_t k[RANK], nk;
  bool include_pad;
  window w;
  window_pos p;
  int kind = str_choice(o, "kind", kinds);
  if (kind < 0 || !arity(o, 1) ||
      !mlyInterpBool(o, "count_include_pad", &include_pad) ||
      !mlyInterpI64Array(o, "window", k, &nk))
    return false;
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  if (nk != in->rank - 2)
    return mlyInterpFail(o, "'window' needs one entry per spatial dim");
  if (!window_init(o, &w, in, out, k))
    return false;
  if (out->dims[0] != in->dims[0] || out->dims[1] != in->dims[1])
    return mlyInterpFail(o, "result batch or channels differ from input's");
  bool avg = kind == 1, f = avg || is_float(in);
  for (size_t c = 0, nc = span(in->dims, 0, 2); c < nc; ++c)
    for (size_t op = 0; op < w.out_size; ++op) {
      acc a = acc_init(avg ? ACC_SUM : ACC_MAX, f);
      size_t count = 0, to = c * w.out_size + op;
      for (bool more = window_first(&w, op, &p); more;
           more = window_next(&w, &p)) {
        acc_load(&a, in, c * w.in_size + window_in(&w, &p));
        ++count;
      }
      if (avg)
        mlyTensorStoreF64(out, to,
                          a.d / (include_pad ? w.k_count : (double)count));
      else if (!count && !f)
        return mlyInterpFail(o, "integer max pool window lies in the padding");
      else
        acc_store(&a, out, to);
    }
  return true;
}

const MlyInterpRule mlyInterpMlyRules[] = {
    {"neg", interp_unary},
    {"abs", interp_unary},
    {"exp", interp_unary},
    {"log", interp_unary},
    {"sqrt", interp_unary},
    {"rsqrt", interp_unary},
    {"tanh", interp_unary},
    {"sigmoid", interp_unary},
    {"erf", interp_unary},
    {"sin", interp_unary},
    {"cos", interp_unary},
    {"floor", interp_unary},
    {"not", interp_unary},
    {"cast", interp_unary},
    {"add", interp_binary},
    {"sub", interp_binary},
    {"mul", interp_binary},
    {"div", interp_binary},
    {"max", interp_binary},
    {"min", interp_binary},
    {"pow", interp_binary},
    {"and", interp_binary},
    {"or", interp_binary},
    {"cmp", interp_binary},
    {"select", interp_select},
    {"iota", interp_iota},
    {"broadcast_in_dim", interp_broadcast_in_dim},
    {"reshape", interp_reshape},
    {"transpose", interp_transpose},
    {"slice", interp_slice},
    {"pad", interp_pad},
    {"concat", interp_concat},
    {"gather", interp_gather},
    {"reduce", interp_reduce},
    {"scan", interp_scan},
    {"matmul", interp_matmul},
    {"conv", interp_conv},
    {"pool", interp_pool},
    {NULL, NULL},
};
