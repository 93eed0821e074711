/* aten contractions, attention, convolution, normalization, pooling and
 * recurrence in the reference interpreter, with PyTorch's semantics and
 * double accumulation. Operand positions follow dialects/aten.irdl.mlir;
 * results arrive allocated with their static types (interp_util.h). Every
 * shape is checked again here: a broken op fails, it never reads or writes
 * out of bounds. Inputs are loaded into double scratch buffers, results
 * computed there and stored with the result's dtype. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp/interp_util.h"

/* ---- scratch buffers, checked arithmetic, attributes ---- */

#define MAX_SCRATCH 12

typedef struct scratch {
  double *p[MAX_SCRATCH];
  int n;
} scratch;

/* n zeroed doubles owned by s; NULL (after a diagnostic) on failure or
 * when n is negative (an overflowed size). */
static double *grab(MlyInterpOp *o, scratch *s, int64_t n) {
  double *p = NULL;
  if (n >= 0 && (uint64_t)n <= SIZE_MAX / sizeof(double) && s->n < MAX_SCRATCH)
    p = calloc(n ? (size_t)n : 1, sizeof *p);
  if (!p) {
    mlyInterpFail(o, "cannot allocate %" PRId64 " scratch elements", n);
    return NULL;
  }
  return s->p[s->n++] = p;
}

/* t's elements as doubles in a buffer owned by s. */
static double *load(MlyInterpOp *o, scratch *s, const MlyTensor *t) {
  size_t n = mlyTensorNumElements(t);
  double *p = grab(o, s, (int64_t)n);
  for (size_t i = 0; p && i < n; ++i)
    p[i] = mlyTensorLoadF64(t, i);
  return p;
}

static void store(MlyTensor *t, const double *v) {
  for (size_t i = 0, n = mlyTensorNumElements(t); i < n; ++i)
    mlyTensorStoreF64(t, i, v[i]);
}

/* a * b, or -1 when either is negative or the product overflows. */
static int64_t mulck(int64_t a, int64_t b) {
  int64_t r;
  return a < 0 || b < 0 || __builtin_mul_overflow(a, b, &r) ? -1 : r;
}
static int64_t prod(const int64_t *d, int64_t n) {
  int64_t r = 1;
  for (int64_t i = 0; i < n; ++i)
    r = mulck(r, d[i]);
  return r;
}
static int64_t numel(const MlyTensor *t) {
  return (int64_t)mlyTensorNumElements(t);
}

/* Whether `in` broadcasts to `dims[0..rank)` (right-aligned). */
static bool broadcasts(const MlyTensor *in, const int64_t *dims, int64_t rank) {
  if (in->rank > rank)
    return false;
  for (int64_t i = 0; i < in->rank; ++i) {
    int64_t d = in->dims[i], want = dims[rank - in->rank + i];
    if (d != 1 && d != want)
      return false;
  }
  return true;
}

/* Array attribute `name` as nsp values, each >= lo: one value broadcasts,
 * an empty list takes dflt when given. */
static bool spatial(MlyInterpOp *o, const char *name, int64_t nsp, int64_t lo,
                    const int64_t *dflt, int64_t *out) {
  int64_t v[MLY_TENSOR_MAX_RANK], n;
  if (!mlyInterpI64Array(o, name, v, &n))
    return false;
  if (n == 0 && dflt) {
    memcpy(out, dflt, (size_t)nsp * sizeof *out);
    return true;
  }
  if (n != 1 && n != nsp)
    return mlyInterpFail(
        o, "attribute '%s' has %" PRId64 " values, expected 1 or %" PRId64,
        name, n, nsp);
  for (int64_t i = 0; i < nsp; ++i)
    if ((out[i] = v[n == 1 ? 0 : i]) < lo)
      return mlyInterpFail(o,
                           "attribute '%s' value %" PRId64 " is below %" PRId64,
                           name, out[i], lo);
  return true;
}

/* Output size of a window of k dilated by d sliding by s over n padded by
 * p on both sides (PyTorch's pooling_output_shape; convolution without
 * ceil_mode); when `transposed`, the transposed convolution's size with
 * output padding op. -1 on overflow. */
static int64_t window_out(int64_t n, int64_t k, int64_t s, int64_t p, int64_t d,
                          bool ceil_mode, bool transposed, int64_t op) {
  int64_t ext, pad2, r;
  if (k < 1 || s < 1 || __builtin_mul_overflow(d, k - 1, &ext) ||
      __builtin_mul_overflow(p, 2, &pad2))
    return -1;
  if (transposed) {
    if (__builtin_mul_overflow(n - 1, s, &r) ||
        __builtin_sub_overflow(r, pad2, &r) ||
        __builtin_add_overflow(r, ext, &r) ||
        __builtin_add_overflow(r, op, &r) || __builtin_add_overflow(r, 1, &r))
      return -1;
    return r;
  }
  int64_t np;
  if (__builtin_add_overflow(n, pad2, &r) ||
      __builtin_sub_overflow(r, ext, &r) || __builtin_sub_overflow(r, 1, &r) ||
      (ceil_mode && __builtin_add_overflow(r, s - 1, &r)) ||
      __builtin_add_overflow(n, p, &np))
    return -1;
  r = (r >= 0 ? r / s : -((-r + s - 1) / s)) + 1;
  if (ceil_mode && (r - 1) * s >= np)
    --r;
  return r;
}

/* ---- contractions: one strided, batched GEMM ---- */

/* Element (i, j) of batch z is p[z*bs + i*rs + j*cs]. */
typedef struct mat {
  double *p;
  int64_t rs, cs, bs;
} mat;

/* c += alpha * a @ b for nb batches of a [m, k] and b [k, n]. */
static void gemm(int64_t nb, int64_t m, int64_t n, int64_t k, double alpha,
                 mat a, mat b, mat c) {
  for (int64_t z = 0; z < nb; ++z)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const double *pa = a.p + z * a.bs + i * a.rs;
        const double *pb = b.p + z * b.bs + j * b.cs;
        double acc = 0;
        for (int64_t l = 0; l < k; ++l)
          acc += pa[l * a.cs] * pb[l * b.rs];
        c.p[z * c.bs + i * c.rs + j * c.cs] += alpha * acc;
      }
}

/* out[0] = alpha * torch.matmul(a, b) + beta * self (broadcast; skipped
 * when NULL or beta is 0, like PyTorch). `bt`: b is stored as [n, k]
 * (linear's weight). */
static bool contract(MlyInterpOp *o, scratch *s, const MlyTensor *a,
                     const MlyTensor *b, bool bt, const MlyTensor *self,
                     double alpha, double beta) {
  MlyTensor *out = &o->out[0];
  int64_t ra = a->rank, rb = b->rank;
  if (ra < 1 || rb < 1 || (bt && rb != 2))
    return mlyInterpFail(o, "operands have %" PRId64 " and %" PRId64 " dims",
                         ra, rb);
  int64_t k = a->dims[ra - 1], m = ra >= 2 ? a->dims[ra - 2] : 1;
  int64_t kb = rb == 1 ? b->dims[0] : b->dims[rb - (bt ? 1 : 2)];
  int64_t n = rb == 1 ? 1 : b->dims[rb - (bt ? 2 : 1)];
  int64_t na = ra > 2 ? ra - 2 : 0, nb = rb > 2 ? rb - 2 : 0;
  int64_t nbat = out->rank - (ra >= 2) - (rb >= 2);
  bool ok = k == kb && nbat == (na > nb ? na : nb) &&
            (ra < 2 || out->dims[nbat] == m) &&
            (rb < 2 || out->dims[out->rank - 1] == n) &&
            (!self || broadcasts(self, out->dims, out->rank));
  for (int64_t i = 0; ok && i < nbat; ++i) {
    int64_t da = i - (nbat - na) >= 0 ? a->dims[i - (nbat - na)] : 1;
    int64_t db = i - (nbat - nb) >= 0 ? b->dims[i - (nbat - nb)] : 1;
    ok =
        out->dims[i] == (da == 1 ? db : da) && (db == 1 || db == da || da == 1);
  }
  if (!ok)
    return mlyInterpFail(o, "operand shapes do not match the result shape");
  MlyTensor ta = {.rank = na}, tb = {.rank = nb}, to = {.rank = nbat};
  memcpy(ta.dims, a->dims, (size_t)na * sizeof *ta.dims);
  memcpy(tb.dims, b->dims, (size_t)nb * sizeof *tb.dims);
  memcpy(to.dims, out->dims, (size_t)nbat * sizeof *to.dims);
  MlyBcast ba, bb, bs;
  mlyBcastInit(&ba, &ta, &to);
  mlyBcastInit(&bb, &tb, &to);
  double *pa = load(o, s, a), *pb = load(o, s, b);
  double *pc = grab(o, s, numel(out));
  if (!pa || !pb || !pc)
    return false;
  if (self && beta != 0) {
    double *ps = load(o, s, self);
    if (!ps)
      return false;
    mlyBcastInit(&bs, self, out);
    int64_t idx[MLY_TENSOR_MAX_RANK] = {0};
    for (int64_t e = 0, ne = numel(out); e < ne; ++e) {
      pc[e] = beta * ps[mlyBcastAt(&bs, idx)];
      mlyIndexNext(idx, out->dims, out->rank);
    }
  }
  int64_t idx[MLY_TENSOR_MAX_RANK] = {0}, batches = prod(to.dims, nbat);
  mat ma = {NULL, k, 1, 0}, mb = {NULL, bt ? 1 : n, bt ? k : 1, 0};
  for (int64_t z = 0; z < batches; ++z) {
    ma.p = pa + mlyBcastAt(&ba, idx) * (size_t)(m * k);
    mb.p = pb + mlyBcastAt(&bb, idx) * (size_t)(k * n);
    gemm(1, m, n, k, alpha, ma, mb, (mat){pc + z * m * n, n, 1, 0});
    mlyIndexNext(idx, to.dims, nbat);
  }
  store(out, pc);
  return true;
}

static bool linear(MlyInterpOp *o, scratch *s) {
  return contract(o, s, o->in[0], o->in[1], true, mlyInterpGroup(o, 2, 3), 1,
                  1);
}
static bool matmul(MlyInterpOp *o, scratch *s) {
  return contract(o, s, o->in[0], o->in[1], false, NULL, 1, 0);
}
/* addmm, baddbmm: beta * self + alpha * (m1 @ m2). */
static bool addmm(MlyInterpOp *o, scratch *s) {
  double alpha, beta;
  return mlyInterpF64(o, "alpha", &alpha) && mlyInterpF64(o, "beta", &beta) &&
         contract(o, s, o->in[1], o->in[2], false, o->in[0], alpha, beta);
}

/* ---- scaled_dot_product_attention ---- */

/* q [..., Hq, L, E], k [..., Hk, S, E], v [..., Hk, S, Ev]; with
 * enable_gqa, q head h reads kv head h / (Hq / Hk), so the Hq/Hk q heads
 * sharing a kv head are one [rep*L, E] matrix and both products are one
 * batched GEMM over the kv heads. A row with every key masked gives zeros
 * (the math backend's _safe_softmax). */
static bool sdpa(MlyInterpOp *o, scratch *s) {
  const MlyTensor *q = o->in[0], *k = o->in[1], *v = o->in[2];
  const MlyTensor *mask = mlyInterpGroup(o, 3, 4);
  MlyTensor *out = &o->out[0];
  double p, scale;
  bool causal, gqa;
  if (!mlyInterpF64(o, "dropout_p", &p) || !mlyInterpF64(o, "scale", &scale) ||
      !mlyInterpBool(o, "is_causal", &causal) ||
      !mlyInterpBool(o, "enable_gqa", &gqa))
    return false;
  if (p != 0)
    return mlyInterpFail(o, "dropout_p %g is not supported (only 0)", p);
  if (causal && mask)
    return mlyInterpFail(o, "is_causal with an explicit attn_mask");
  int64_t r = q->rank;
  if (r < 2 || k->rank != r || v->rank != r || out->rank != r)
    return mlyInterpFail(o, "query, key, value and result ranks differ");
  int64_t L = q->dims[r - 2], E = q->dims[r - 1], S = k->dims[r - 2];
  int64_t Ev = v->dims[r - 1], hq = r > 2 ? q->dims[r - 3] : 1;
  int64_t hk = r > 2 ? k->dims[r - 3] : 1, rep = hk ? hq / hk : 1;
  bool ok = k->dims[r - 1] == E && v->dims[r - 2] == S &&
            (hq == hk || (gqa && hk > 0 && hq % hk == 0)) &&
            out->dims[r - 2] == L && out->dims[r - 1] == Ev;
  for (int64_t i = 0; ok && i + 2 < r; ++i)
    ok = q->dims[i] == out->dims[i] && k->dims[i] == v->dims[i] &&
         (i + 3 == r || q->dims[i] == k->dims[i]);
  int64_t sdims[MLY_TENSOR_MAX_RANK];
  memcpy(sdims, q->dims, (size_t)r * sizeof *sdims);
  sdims[r - 1] = S;
  if (!ok || (mask && !broadcasts(mask, sdims, r)))
    return mlyInterpFail(o, "query, key, value, mask and result shapes do "
                            "not match");
  int64_t rl = mulck(rep, L), bk = prod(k->dims, r > 2 ? r - 2 : 0);
  int64_t rows = mulck(bk, rl);
  if (rows < 0 || mulck(rl, E) < 0 || mulck(rows, S) < 0 || mulck(S, E) < 0 ||
      mulck(rl, Ev) < 0 || mulck(S, Ev) < 0)
    return mlyInterpFail(o, "sizes overflow");
  double *pq = load(o, s, q), *pk = load(o, s, k), *pv = load(o, s, v);
  double *pm = mask ? load(o, s, mask) : NULL, *pc = grab(o, s, numel(out));
  double *ps = grab(o, s, mulck(rows, S));
  if (!pq || !pk || !pv || (mask && !pm) || !pc || !ps)
    return false;
  gemm(bk, rl, S, E, scale, (mat){pq, E, 1, rl * E}, (mat){pk, 1, E, S * E},
       (mat){ps, S, 1, rl * S});
  MlyTensor sc = {.rank = r};
  memcpy(sc.dims, sdims, sizeof sdims);
  MlyBcast mb;
  if (mask)
    mlyBcastInit(&mb, mask, &sc);
  int64_t idx[MLY_TENSOR_MAX_RANK] = {0};
  for (int64_t row = 0; row < rows; ++row) {
    double *x = ps + row * S, mx = -INFINITY, sum = 0;
    for (int64_t j = 0; j < S; ++j) {
      if (mask) {
        double mv = pm[mlyBcastAt(&mb, idx)];
        x[j] = mask->dtype == MLY_DTYPE_BOOL ? (mv != 0 ? x[j] : -INFINITY)
                                             : x[j] + mv;
      }
      if (causal && j > row % L)
        x[j] = -INFINITY;
      mx = x[j] > mx ? x[j] : mx;
      mlyIndexNext(idx, sc.dims, r);
    }
    for (int64_t j = 0; j < S; ++j)
      sum += x[j] = mx == -INFINITY ? 0 : exp(x[j] - mx);
    for (int64_t j = 0; j < S && mx != -INFINITY; ++j)
      x[j] /= sum;
  }
  gemm(bk, rl, Ev, S, 1, (mat){ps, S, 1, rl * S}, (mat){pv, Ev, 1, S * Ev},
       (mat){pc, Ev, 1, rl * Ev});
  store(out, pc);
  return true;
}

/* ---- convolution ---- */

/* input [N?, Cin, x...], weight [Cout, Cin/g, k...] or, transposed,
 * [Cin, Cout/g, k...]. The loops run over the "small" side (output, or
 * input when transposed) and the kernel; big = small*stride - pad +
 * k*dilation is the other side's position. */
static bool conv(MlyInterpOp *o, scratch *s, int64_t want_nsp) {
  const MlyTensor *x = o->in[0], *w = o->in[1], *b = mlyInterpGroup(o, 2, 3);
  MlyTensor *y = &o->out[0];
  bool tr = false;
  int64_t g, nsp = w->rank - 2;
  if ((!want_nsp && !mlyInterpBool(o, "transposed", &tr)) ||
      !mlyInterpI64(o, "groups", &g))
    return false;
  if (nsp < 1 || (want_nsp && nsp != want_nsp) ||
      (x->rank != nsp + 1 && x->rank != nsp + 2) || y->rank != x->rank)
    return mlyInterpFail(o, "input, weight and result ranks do not match");
  int64_t st[MLY_TENSOR_MAX_RANK], pd[MLY_TENSOR_MAX_RANK],
      dl[MLY_TENSOR_MAX_RANK], op[MLY_TENSOR_MAX_RANK] = {0};
  if (!spatial(o, "stride", nsp, 1, NULL, st) ||
      !spatial(o, "padding", nsp, 0, NULL, pd) ||
      !spatial(o, "dilation", nsp, 1, NULL, dl) ||
      (tr && !spatial(o, "output_padding", nsp, 0, NULL, op)))
    return false;
  if (g < 1)
    return mlyInterpFail(o, "groups %" PRId64 " must be at least 1", g);
  int64_t bat = x->rank == nsp + 2, nn = bat ? x->dims[0] : 1;
  int64_t cin = x->dims[bat], cout = y->dims[bat];
  bool ok = (!bat || y->dims[0] == nn) && cin % g == 0 && cout % g == 0 &&
            w->dims[0] == (tr ? cin : cout) &&
            w->dims[1] == (tr ? cout : cin) / g &&
            (!b || (b->rank == 1 && b->dims[0] == cout));
  for (int64_t i = 0; ok && i < nsp; ++i)
    ok = y->dims[bat + 1 + i] == window_out(x->dims[bat + 1 + i],
                                            w->dims[2 + i], st[i], pd[i], dl[i],
                                            false, tr, op[i]);
  if (!ok)
    return mlyInterpFail(o, "input, weight, bias and result shapes do not "
                            "match");
  if (numel(y) == 0)
    return true;
  const int64_t *xs = x->dims + bat + 1, *ys = y->dims + bat + 1;
  const int64_t *small = tr ? xs : ys, *big = tr ? ys : xs;
  int64_t xsp = prod(xs, nsp), ysp = prod(ys, nsp), ks = prod(w->dims + 2, nsp);
  int64_t nsmall = tr ? xsp : ysp, cin_g = cin / g, cout_g = cout / g;
  if (xsp < 0 || ks < 0)
    return mlyInterpFail(o, "sizes overflow");
  double *px = load(o, s, x), *pw = load(o, s, w), *py = grab(o, s, numel(y));
  double *pb = b ? load(o, s, b) : NULL;
  if (!px || !pw || !py || (b && !pb))
    return false;
  for (int64_t e = 0, ne = numel(y); pb && e < ne; ++e)
    py[e] = pb[(e / ysp) % cout];
  for (int64_t n = 0; n < nn; ++n)
    for (int64_t gi = 0; gi < g; ++gi)
      for (int64_t ci = 0; ci < cin_g; ++ci)
        for (int64_t co = 0; co < cout_g; ++co) {
          int64_t cx = gi * cin_g + ci, cy = gi * cout_g + co;
          const double *wk =
              pw + (tr ? cx * cout_g + co : cy * cin_g + ci) * ks;
          const double *xp = px + (n * cin + cx) * xsp;
          double *yp = py + (n * cout + cy) * ysp;
          int64_t sp[MLY_TENSOR_MAX_RANK] = {0};
          for (int64_t e = 0; e < nsmall; ++e) {
            int64_t kk[MLY_TENSOR_MAX_RANK] = {0};
            for (int64_t kj = 0; kj < ks; ++kj) {
              int64_t at = 0, i = 0;
              for (; i < nsp; ++i) {
                int64_t pos = sp[i] * st[i] - pd[i] + kk[i] * dl[i];
                if (pos < 0 || pos >= big[i])
                  break;
                at = at * big[i] + pos;
              }
              if (i == nsp) {
                if (tr)
                  yp[at] += xp[e] * wk[kj];
                else
                  yp[e] += xp[at] * wk[kj];
              }
              mlyIndexNext(kk, w->dims + 2, nsp);
            }
            mlyIndexNext(sp, small, nsp);
          }
        }
  store(y, py);
  return true;
}

static bool conv1d(MlyInterpOp *o, scratch *s) { return conv(o, s, 1); }
static bool conv2d(MlyInterpOp *o, scratch *s) { return conv(o, s, 2); }
static bool convolution(MlyInterpOp *o, scratch *s) { return conv(o, s, 0); }

/* ---- normalization: one helper ---- */

/* Element e of in[0] belongs to statistics set (e / sdiv) % nset and uses
 * weight/bias entry (e / adiv) % naff. Statistics are the running ones
 * when given, else the set's mean and biased variance (rms: mean 0 and
 * the mean square). Fills out[0] and, when the op has them, out[1] and
 * out[2] with the per-set mean and rstd (left alone when typed empty, as
 * PyTorch CPU's save_mean/save_invstd in evaluation). */
typedef struct norm {
  int64_t sdiv, nset, adiv, naff;
  double eps;
  bool rms;
  const MlyTensor *w, *b, *run_mean, *run_var;
  double *mean, *rstd; /* set by normalize: nset each, owned by scratch */
} norm;

static bool normalize(MlyInterpOp *o, scratch *s, norm *nm) {
  const MlyTensor *x = o->in[0];
  MlyTensor *y = &o->out[0];
  int64_t ne = numel(x);
  if (nm->nset < 0 || nm->naff < 0 || numel(y) != ne ||
      (ne && (nm->sdiv < 1 || nm->adiv < 1)) ||
      (nm->w && numel(nm->w) != nm->naff) ||
      (nm->b && numel(nm->b) != nm->naff) ||
      (nm->run_mean && numel(nm->run_mean) != nm->nset) ||
      (nm->run_var && numel(nm->run_var) != nm->nset) ||
      (nm->nset ? ne % nm->nset : ne))
    return mlyInterpFail(o, "input, weight, bias, statistics or result "
                            "shapes do not match");
  for (intptr_t i = 1; i < o->n_out; ++i)
    if (numel(&o->out[i]) != 0 && numel(&o->out[i]) != nm->nset)
      return mlyInterpFail(
          o, "result #%d has %" PRId64 " elements, expected 0 or %" PRId64,
          (int)i, numel(&o->out[i]), nm->nset);
  nm->mean = grab(o, s, nm->nset);
  nm->rstd = grab(o, s, nm->nset);
  double *px = load(o, s, x), *py = grab(o, s, ne), *var = grab(o, s, nm->nset);
  double *pw = nm->w ? load(o, s, nm->w) : NULL;
  double *pb = nm->b ? load(o, s, nm->b) : NULL;
  double *rm = nm->run_mean ? load(o, s, nm->run_mean) : NULL;
  double *rv = nm->run_var ? load(o, s, nm->run_var) : NULL;
  if (!nm->mean || !nm->rstd || !px || !py || !var || (nm->w && !pw) ||
      (nm->b && !pb) || (nm->run_mean && !rm) || (nm->run_var && !rv))
    return false;
  double cnt = nm->nset ? (double)(ne / nm->nset) : 0;
  for (int pass = 0; !rm && pass < 2; ++pass) {
    for (int64_t e = 0; e < ne; ++e) {
      int64_t k = (e / nm->sdiv) % nm->nset;
      if (pass == 0 && !nm->rms)
        nm->mean[k] += px[e];
      else if (pass == 1)
        var[k] += (px[e] - nm->mean[k]) * (px[e] - nm->mean[k]);
    }
    for (int64_t k = 0; pass == 0 && k < nm->nset; ++k)
      nm->mean[k] /= cnt;
  }
  for (int64_t k = 0; k < nm->nset; ++k) {
    if (rm)
      nm->mean[k] = rm[k];
    nm->rstd[k] = 1.0 / sqrt((rv ? rv[k] : var[k] / cnt) + nm->eps);
  }
  for (int64_t e = 0; e < ne; ++e) {
    int64_t k = (e / nm->sdiv) % nm->nset, a = (e / nm->adiv) % nm->naff;
    py[e] = (px[e] - nm->mean[k]) * nm->rstd[k] * (pw ? pw[a] : 1) +
            (pb ? pb[a] : 0);
  }
  store(y, py);
  for (intptr_t i = 1; i < o->n_out; ++i)
    if (numel(&o->out[i]))
      store(&o->out[i], i == 1 ? nm->mean : nm->rstd);
  return true;
}

/* batch_norm (eval: running stats; training: batch statistics) and
 * native_batch_norm_legit_no_training, whose save_mean/save_invstd are
 * [C] (filled) or [0] (PyTorch CPU) as the result types say. */
static bool batch_norm(MlyInterpOp *o, scratch *s) {
  const MlyTensor *x = o->in[0];
  bool training = false, native = o->n_out == 3;
  norm nm = {.w = mlyInterpGroup(o, 1, 5), .b = mlyInterpGroup(o, 2, 5)};
  if ((!native && !mlyInterpBool(o, "training", &training)) ||
      !mlyInterpF64(o, "eps", &nm.eps))
    return false;
  if (x->rank < 2)
    return mlyInterpFail(o, "input has %" PRId64 " dims, expected >= 2",
                         x->rank);
  if (!training) {
    nm.run_mean = mlyInterpGroup(o, 3, 5);
    nm.run_var = mlyInterpGroup(o, 4, 5);
    if (!nm.run_mean || !nm.run_var)
      return mlyInterpFail(o, "running_mean and running_var are required "
                              "in evaluation mode");
  }
  nm.nset = nm.naff = x->dims[1];
  nm.sdiv = nm.adiv = prod(x->dims + 2, x->rank - 2);
  return normalize(o, s, &nm);
}

/* layer_norm, native_layer_norm (mean and rstd results, one per row) and
 * rms_norm over the trailing normalized_shape dims. */
static bool trailing_norm(MlyInterpOp *o, scratch *s, bool rms) {
  const MlyTensor *x = o->in[0];
  int64_t ns[MLY_TENSOR_MAX_RANK], n;
  int groups = rms ? 2 : 3;
  norm nm = {.rms = rms,
             .w = mlyInterpGroup(o, 1, groups),
             .b = rms ? NULL : mlyInterpGroup(o, 2, groups)};
  if (!mlyInterpI64Array(o, "normalized_shape", ns, &n) ||
      !mlyInterpF64(o, "eps", &nm.eps))
    return false;
  bool ok = n >= 1 && n <= x->rank;
  for (int64_t i = 0; ok && i < n; ++i)
    ok = ns[i] == x->dims[x->rank - n + i];
  if (!ok)
    return mlyInterpFail(o, "normalized_shape does not match the input's "
                            "trailing dims");
  nm.sdiv = nm.naff = prod(ns, n);
  nm.adiv = 1;
  nm.nset = prod(x->dims, x->rank - n);
  return normalize(o, s, &nm);
}
static bool layer_norm(MlyInterpOp *o, scratch *s) {
  return trailing_norm(o, s, false);
}
static bool rms_norm(MlyInterpOp *o, scratch *s) {
  return trailing_norm(o, s, true);
}

/* group_norm and native_group_norm (mean and rstd results [N, group]; its
 * N, C, HxW attributes restate the input's shape, which is what is read). */
static bool group_norm(MlyInterpOp *o, scratch *s) {
  const MlyTensor *x = o->in[0];
  norm nm = {.w = mlyInterpGroup(o, 1, 3), .b = mlyInterpGroup(o, 2, 3)};
  int64_t g;
  if (!mlyInterpI64(o, o->n_out == 3 ? "group" : "num_groups", &g) ||
      !mlyInterpF64(o, "eps", &nm.eps))
    return false;
  if (x->rank < 2 || g < 1 || x->dims[1] % g)
    return mlyInterpFail(o,
                         "input of %" PRId64 " dims cannot be split into "
                         "%" PRId64 " channel groups",
                         x->rank, g);
  nm.adiv = prod(x->dims + 2, x->rank - 2);
  nm.naff = x->dims[1];
  nm.sdiv = mulck(nm.naff / g, nm.adiv);
  nm.nset = mulck(x->dims[0], g);
  return normalize(o, s, &nm);
}

/* ---- pooling: one skeleton ---- */

enum { POOL_MAX, POOL_AVG, POOL_ADAPTIVE };

typedef struct pool {
  int kind;
  int64_t k[2], s[2], p[2], d[2];
} pool;

/* The input positions lo, lo+step, ... < hi that output position `oi` of
 * `on` reads along an axis of n; *span is the padded window size (the
 * count_include_pad divisor). */
static void window(const pool *pl, int a, int64_t oi, int64_t on, int64_t n,
                   int64_t *lo, int64_t *hi, int64_t *step, int64_t *span) {
  int64_t start = oi * pl->s[a] - pl->p[a];
  *step = 1;
  if (pl->kind == POOL_ADAPTIVE) {
    *lo = oi * n / on;
    *hi = ((oi + 1) * n + on - 1) / on;
    *span = *hi - *lo;
  } else if (pl->kind == POOL_AVG) {
    int64_t end =
        start + pl->k[a] < n + pl->p[a] ? start + pl->k[a] : n + pl->p[a];
    *span = end - start;
    *lo = start > 0 ? start : 0;
    *hi = end < n ? end : n;
  } else {
    int64_t end = start + (pl->k[a] - 1) * pl->d[a] + 1;
    *step = pl->d[a];
    *lo = start >= 0 ? start : start + (-start + *step - 1) / *step * *step;
    *hi = end < n ? end : n;
    *span = 0;
  }
}

/* Input [N?, C, H, W] -> out[0] [N?, C, OH, OW] (and out[1], the flat
 * H*W index of each max). */
static bool pool2d(MlyInterpOp *o, scratch *s, int kind) {
  const MlyTensor *x = o->in[0];
  MlyTensor *y = &o->out[0];
  int64_t r = x->rank, divisor = 0, os[2];
  pool pl = {kind, .d = {1, 1}};
  bool ceil_mode = false, count_pad = true;
  if (r != 3 && r != 4)
    return mlyInterpFail(o, "input has %" PRId64 " dims, expected 3 or 4", r);
  if (kind == POOL_ADAPTIVE) {
    if (!spatial(o, "output_size", 2, 0, NULL, os))
      return false;
  } else if (!spatial(o, "kernel_size", 2, 1, NULL, pl.k) ||
             !spatial(o, "stride", 2, 1, pl.k, pl.s) ||
             !spatial(o, "padding", 2, 0, NULL, pl.p) ||
             !mlyInterpBool(o, "ceil_mode", &ceil_mode) ||
             (kind == POOL_MAX && !spatial(o, "dilation", 2, 1, NULL, pl.d)) ||
             (kind == POOL_AVG &&
              (!mlyInterpBool(o, "count_include_pad", &count_pad) ||
               !mlyInterpI64(o, "divisor_override", &divisor))))
    return false;
  const int64_t *in = x->dims + r - 2, *od = y->dims + r - 2;
  bool ok = y->rank == r && divisor >= 0 &&
            (r == 3 || y->dims[0] == x->dims[0]) &&
            y->dims[r - 3] == x->dims[r - 3] &&
            (o->n_out == 1 ||
             (o->out[1].rank == r &&
              !memcmp(o->out[1].dims, y->dims, (size_t)r * sizeof *y->dims)));
  for (int a = 0; ok && a < 2; ++a)
    ok = od[a] == (kind == POOL_ADAPTIVE
                       ? os[a]
                       : window_out(in[a], pl.k[a], pl.s[a], pl.p[a], pl.d[a],
                                    ceil_mode, false, 0)) &&
         (kind != POOL_ADAPTIVE || mulck(od[a], in[a] + 1) >= 0);
  if (!ok)
    return mlyInterpFail(o, "input, attributes and result shapes do not "
                            "match");
  int64_t ny = numel(y), hw = mulck(in[0], in[1]);
  double *px = load(o, s, x), *py = grab(o, s, ny);
  if (!px || !py)
    return false;
  for (int64_t e = 0; e < ny; ++e) {
    int64_t ow = e % od[1], oh = e / od[1] % od[0], plane = e / od[1] / od[0];
    int64_t lo[2], hi[2], st[2], span[2];
    window(&pl, 0, oh, od[0], in[0], &lo[0], &hi[0], &st[0], &span[0]);
    window(&pl, 1, ow, od[1], in[1], &lo[1], &hi[1], &st[1], &span[1]);
    const double *xp = px + plane * hw;
    double acc = kind == POOL_MAX ? -INFINITY : 0;
    int64_t arg = lo[0] * in[1] + lo[1];
    for (int64_t h = lo[0]; h < hi[0]; h += st[0])
      for (int64_t w = lo[1]; w < hi[1]; w += st[1]) {
        double v = xp[h * in[1] + w];
        if (kind != POOL_MAX)
          acc += v;
        else if (v > acc || isnan(v))
          acc = v, arg = h * in[1] + w;
      }
    if (kind != POOL_MAX) {
      int64_t cnt = (hi[0] - lo[0]) * (hi[1] - lo[1]);
      acc = lo[0] >= hi[0] || lo[1] >= hi[1]
                ? 0
                : acc / (double)(divisor     ? divisor
                                 : count_pad ? span[0] * span[1]
                                             : cnt);
    } else if (o->n_out > 1) {
      mlyTensorStoreI64(&o->out[1], (size_t)e, arg);
    }
    py[e] = acc;
  }
  store(y, py);
  return true;
}
static bool max_pool2d(MlyInterpOp *o, scratch *s) {
  return pool2d(o, s, POOL_MAX);
}
static bool avg_pool2d(MlyInterpOp *o, scratch *s) {
  return pool2d(o, s, POOL_AVG);
}
static bool adaptive_avg_pool2d(MlyInterpOp *o, scratch *s) {
  return pool2d(o, s, POOL_ADAPTIVE);
}

/* ---- lstm: one layer, one direction ---- */

static double sigmoid(double v) { return 1.0 / (1.0 + exp(-v)); }

/* input [T, B, I] ([B, T, I] when batch_first), h0/c0 [1, B, H], w_ih
 * [4H, I], w_hh [4H, H], biases [4H]; gates i, f, g, o. */
static bool lstm(MlyInterpOp *o, scratch *s) {
  const MlyTensor *x = o->in[0], *wih = o->in[3], *whh = o->in[4];
  const MlyTensor *bih = mlyInterpGroup(o, 5, 7),
                  *bhh = mlyInterpGroup(o, 6, 7);
  bool bf, bidir;
  if (!mlyInterpBool(o, "batch_first", &bf) ||
      !mlyInterpBool(o, "bidirectional", &bidir))
    return false;
  if (bidir)
    return mlyInterpFail(o, "bidirectional lstm is not supported");
  if (x->rank != 3 || whh->rank != 2 || wih->rank != 2 || o->n_out != 3)
    return mlyInterpFail(o, "input, w_ih and w_hh must have 3, 2 and 2 dims");
  int64_t T = x->dims[bf], B = x->dims[!bf], I = x->dims[2];
  int64_t H = whh->dims[1], H4 = mulck(H, 4), BH = mulck(B, H);
  int64_t BH4 = mulck(B, H4);
  const MlyTensor *y = &o->out[0];
  bool ok = BH4 >= 0 && BH >= 0 && whh->dims[0] == H4 && wih->dims[0] == H4 &&
            wih->dims[1] == I && numel(o->in[1]) == BH &&
            numel(o->in[2]) == BH && numel(&o->out[1]) == BH &&
            numel(&o->out[2]) == BH && y->rank == 3 && y->dims[bf] == T &&
            y->dims[!bf] == B && y->dims[2] == H &&
            (!bih || numel(bih) == H4) && (!bhh || numel(bhh) == H4);
  if (!ok)
    return mlyInterpFail(o, "input, state, weight and result shapes do not "
                            "match");
  double *px = load(o, s, x), *pwi = load(o, s, wih), *pwh = load(o, s, whh);
  double *h = load(o, s, o->in[1]), *c = load(o, s, o->in[2]);
  double *pbi = bih ? load(o, s, bih) : NULL,
         *pbh = bhh ? load(o, s, bhh) : NULL;
  double *gates = grab(o, s, BH4), *py = grab(o, s, numel(y));
  if (!px || !pwi || !pwh || !h || !c || (bih && !pbi) || (bhh && !pbh) ||
      !gates || !py)
    return false;
  /* Row b of step t of input/output is at (bf ? b*T + t : t*B + b) rows. */
  int64_t row = bf ? T : 1, step = bf ? 1 : B;
  for (int64_t t = 0; t < T; ++t) {
    for (int64_t e = 0; e < BH4; ++e)
      gates[e] = (pbi ? pbi[e % H4] : 0) + (pbh ? pbh[e % H4] : 0);
    mat g = {gates, H4, 1, 0};
    gemm(1, B, H4, I, 1, (mat){px + t * step * I, row * I, 1, 0},
         (mat){pwi, 1, I, 0}, g);
    gemm(1, B, H4, H, 1, (mat){h, H, 1, 0}, (mat){pwh, 1, H, 0}, g);
    for (int64_t b = 0; b < B; ++b)
      for (int64_t j = 0; j < H; ++j) {
        const double *gb = gates + b * H4 + j;
        double *cj = c + b * H + j;
        *cj = sigmoid(gb[H]) * *cj + sigmoid(gb[0]) * tanh(gb[2 * H]);
        h[b * H + j] = sigmoid(gb[3 * H]) * tanh(*cj);
        py[(t * step + b * row) * H + j] = h[b * H + j];
      }
  }
  store(&o->out[0], py);
  store(&o->out[1], h);
  store(&o->out[2], c);
  return true;
}

/* ---- the table ---- */

#define RULE(name)                                                             \
  static bool interp_##name(MlyInterpOp *o) {                                  \
    scratch s = {.n = 0};                                                      \
    bool ok = name(o, &s);                                                     \
    while (s.n)                                                                \
      free(s.p[--s.n]);                                                        \
    return ok;                                                                 \
  }
RULE(linear)
RULE(matmul)
RULE(addmm)
RULE(sdpa)
RULE(conv1d)
RULE(conv2d)
RULE(convolution)
RULE(batch_norm)
RULE(layer_norm)
RULE(rms_norm)
RULE(group_norm)
RULE(max_pool2d)
RULE(avg_pool2d)
RULE(adaptive_avg_pool2d)
RULE(lstm)

const MlyInterpRule mlyInterpAtenNNRules[] = {
    {"linear", interp_linear},
    {"addmm", interp_addmm},
    {"mm", interp_matmul},
    {"bmm", interp_matmul},
    {"matmul", interp_matmul},
    {"baddbmm", interp_addmm},
    {"scaled_dot_product_attention", interp_sdpa},
    {"conv1d", interp_conv1d},
    {"conv2d", interp_conv2d},
    {"convolution", interp_convolution},
    {"batch_norm", interp_batch_norm},
    {"native_batch_norm_legit_no_training", interp_batch_norm},
    {"layer_norm", interp_layer_norm},
    {"native_layer_norm", interp_layer_norm},
    {"group_norm", interp_group_norm},
    {"native_group_norm", interp_group_norm},
    {"rms_norm", interp_rms_norm},
    {"max_pool2d", interp_max_pool2d},
    {"max_pool2d_with_indices", interp_max_pool2d},
    {"avg_pool2d", interp_avg_pool2d},
    {"adaptive_avg_pool2d", interp_adaptive_avg_pool2d},
    {"lstm", interp_lstm},
    {NULL, NULL},
};
