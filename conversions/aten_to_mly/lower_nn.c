/* aten -> mly lowerings of contractions, attention, convolution, pooling,
 * normalization, softmax and recurrence (the table mlyLowerNNRules of
 * lower.h). Each reproduces the reference interpreter's aten semantics
 * (runtime/interp/interp_aten_nn.c) with explicit broadcasts and casts.
 * Reductions accumulate in the tensor's dtype, as PyTorch does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/aten_to_mly/lower.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#define R MLY_BUILDER_MAX_RANK

/* ---- values, attributes ---- */

static MlirType type_of(MlirValue v) { return mlirValueGetType(v); }
static int64_t dims_of(MlirValue v, int64_t *d) {
  mlyTypeDims(type_of(v), d);
  return mlyTypeRank(type_of(v));
}
static int64_t prod(const int64_t *d, int64_t n) {
  int64_t p = 1;
  for (int64_t i = 0; i < n; ++i)
    p *= d[i];
  return p;
}
static bool used(MlyLowering *l, intptr_t i) {
  return !mlirOpOperandIsNull(
      mlirValueGetFirstUse(mlirOperationGetResult(l->op, i)));
}

static MlirValue bin(MlyLowering *l, const char *name, MlirValue x,
                     MlirValue y) {
  return mlyBuildBinary(&l->b, name, x, y);
}
static MlirValue splat(MlyLowering *l, MlirValue like, double v) {
  return mlyBuildSplat(&l->b, type_of(like), v);
}
/* x * v, or x itself when v is 1. */
static MlirValue scale(MlyLowering *l, MlirValue x, double v) {
  return v == 1 ? x : bin(l, "mly.mul", x, splat(l, x, v));
}
/* x broadcast to the shape of `like` (size-1 dims stretch). */
static MlirValue expand(MlyLowering *l, MlirValue x, MlirValue like) {
  int64_t d[R], r = dims_of(like, d);
  return mlyBuildBroadcastTo(&l->b, x, d, r);
}
/* x reshaped to result i's shape and converted to its element type. */
static MlirValue as_result(MlyLowering *l, MlirValue x, intptr_t i) {
  MlirType t = mlyLowerResultType(l, i);
  int64_t d[R];
  mlyTypeDims(t, d);
  x = mlyBuildCast(&l->b, x, mlyTypeElt(t));
  return mlyBuildReshape(&l->b, x, d, mlyTypeRank(t));
}
/* A constant of f32 values vals with dims d, in element type `elt`. */
static MlirValue constant(MlyLowering *l, const int64_t *d, int64_t r,
                          const float *vals, MlirType elt) {
  MlirType t = mlyTensorType(l->b.ctx, d, r, mlyF32(l->b.ctx));
  MlirNamedAttribute a = mlirNamedAttributeGet(
      mlirIdentifierGet(l->b.ctx, mlirStringRefCreateFromCString("value")),
      mlirDenseElementsAttrFloatGet(t, prod(d, r), vals));
  return mlyBuildCast(&l->b, mlyBuild(&l->b, "mly.constant", t, NULL, 0, &a, 1),
                      elt);
}

static bool get_f64(MlyLowering *l, const char *name, double *v) {
  return mlyOpGetF64(l->op, name, v) ||
         mlyLowerFail(l, "lacks float attribute '%s'", name);
}
static bool get_i64(MlyLowering *l, const char *name, int64_t *v) {
  return mlyOpGetI64(l->op, name, v) ||
         mlyLowerFail(l, "lacks integer attribute '%s'", name);
}
static bool get_bool(MlyLowering *l, const char *name, bool *v) {
  return mlyOpGetBool(l->op, name, v) ||
         mlyLowerFail(l, "lacks bool attribute '%s'", name);
}
/* Array attribute `name` as n values >= lo: one value stands for all, an
 * empty list takes dflt when given. */
static bool spatial(MlyLowering *l, const char *name, int64_t n, int64_t lo,
                    const int64_t *dflt, int64_t *out) {
  int64_t v[R], k;
  if (!mlyOpGetI64Array(l->op, name, v, R, &k))
    return mlyLowerFail(l, "lacks array attribute '%s'", name);
  if (k == 0 && dflt) {
    memcpy(out, dflt, (size_t)n * sizeof *out);
    return true;
  }
  if (k != 1 && k != n)
    return mlyLowerFail(l, "attribute '%s' has %lld values, expected 1 or %lld",
                        name, (long long)k, (long long)n);
  for (int64_t i = 0; i < n; ++i)
    if ((out[i] = v[k == 1 ? 0 : i]) < lo)
      return mlyLowerFail(l, "attribute '%s' value %lld is below %lld", name,
                          (long long)out[i], (long long)lo);
  return true;
}
/* Sets result 0 to y (reshaped/cast to its type); false when y is null. */
static bool finish(MlyLowering *l, MlirValue y) {
  l->results[0] = mlirValueIsNull(y) ? y : as_result(l, y, 0);
  return !mlirValueIsNull(l->results[0]) ||
         mlyLowerFail(l, "could not be built from mly ops");
}

/* ---- contractions ---- */

/* torch.matmul(a, b) (b read as [..., N, K] when tb, linear's weight):
 * 1-d operands are promoted, batch dims broadcast to one batch; a 2-d b
 * is shared by folding a's batch dims into its rows. The result keeps the
 * promoted dims: as_result squeezes them. */
static MlirValue matmul(MlyLowering *l, MlirValue a, MlirValue b, bool tb) {
  int64_t da[R], db[R], ra = dims_of(a, da), rb = dims_of(b, db);
  if (ra == 1) {
    da[1] = da[0], da[0] = 1, ra = 2;
    a = mlyBuildReshape(&l->b, a, da, 2);
  }
  if (rb == 1) {
    db[1] = tb ? db[0] : 1, db[0] = tb ? 1 : db[0], rb = 2;
    b = mlyBuildReshape(&l->b, b, db, 2);
  }
  if (rb == 2 && ra > 2) {
    int64_t rows[2] = {prod(da, ra - 1), da[ra - 1]};
    return mlyBuildMatmul(&l->b, mlyBuildReshape(&l->b, a, rows, 2), b, false,
                          tb);
  }
  int64_t r = ra > rb ? ra : rb, ea[R], eb[R];
  for (int64_t i = 0; i < r - 2; ++i) {
    int64_t ia = i - (r - ra), ib = i - (r - rb);
    int64_t x = ia >= 0 ? da[ia] : 1, y = ib >= 0 ? db[ib] : 1;
    ea[i] = eb[i] = x == 1 ? y : x;
  }
  memcpy(ea + r - 2, da + ra - 2, 2 * sizeof *ea);
  memcpy(eb + r - 2, db + rb - 2, 2 * sizeof *eb);
  a = mlyBuildBroadcastTo(&l->b, a, ea, r);
  b = mlyBuildBroadcastTo(&l->b, b, eb, r);
  return mlyBuildMatmul(&l->b, a, b, false, tb);
}

static bool lower_linear(MlyLowering *l) {
  MlirValue y = matmul(l, mlyLowerOperand(l, 0), mlyLowerOperand(l, 1), true);
  MlirValue bias = mlyLowerGroup(l, 2, 3);
  y = as_result(l, y, 0);
  if (!mlirValueIsNull(bias))
    y = bin(l, "mly.add", y, mlyLowerToResult(l, bias));
  return finish(l, y);
}

/* mm, bmm, matmul. */
static bool lower_matmul(MlyLowering *l) {
  return finish(l,
                matmul(l, mlyLowerOperand(l, 0), mlyLowerOperand(l, 1), false));
}

/* addmm, baddbmm: beta * self + alpha * (m1 @ m2); self is skipped when
 * beta is 0, like PyTorch (so its NaNs do not propagate). */
static bool lower_addmm(MlyLowering *l) {
  double alpha, beta;
  if (!get_f64(l, "alpha", &alpha) || !get_f64(l, "beta", &beta))
    return false;
  MlirValue y = as_result(
      l, matmul(l, mlyLowerOperand(l, 1), mlyLowerOperand(l, 2), false), 0);
  y = scale(l, y, alpha);
  if (beta != 0)
    y = bin(l, "mly.add",
            scale(l, mlyLowerToResult(l, mlyLowerOperand(l, 0)), beta), y);
  return finish(l, y);
}

/* ---- softmax ---- */

/* x where x != v, else 0. */
static MlirValue zero_where(MlyLowering *l, MlirValue x, MlirValue ref,
                            double v) {
  MlirValue is_v = mlyBuildCmp(&l->b, "eq", ref, splat(l, ref, v));
  return mlyBuildSelect(&l->b, is_v, splat(l, x, 0), x);
}

/* softmax (log: log_softmax) of x along dim, max-subtracted. `safe`: a
 * row that is -inf throughout gives zeros (sdpa's _safe_softmax). */
static MlirValue softmax(MlyLowering *l, MlirValue x, int64_t dim, bool log,
                         bool safe) {
  MlyBuilder *b = &l->b;
  MlirValue m = mlyBuildReduce(b, "max", x, &dim, 1, true);
  if (safe)
    m = zero_where(l, m, m, -INFINITY);
  MlirValue d = bin(l, "mly.sub", x, expand(l, m, x));
  MlirValue e = mlyBuildUnary(b, "mly.exp", d);
  MlirValue s = expand(l, mlyBuildReduce(b, "sum", e, &dim, 1, true), x);
  if (log)
    return bin(l, "mly.sub", d, mlyBuildUnary(b, "mly.log", s));
  MlirValue y = bin(l, "mly.div", e, s);
  return safe ? zero_where(l, y, s, 0) : y;
}

static bool softmax_op(MlyLowering *l, bool log) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t dim, r = mlyTypeRank(type_of(x));
  if (!get_i64(l, "dim", &dim))
    return false;
  if (dim < -(r ? r : 1) || dim >= (r ? r : 1))
    return mlyLowerFail(l, "dim %lld is out of range for %lld dims",
                        (long long)dim, (long long)r);
  x = mlyBuildCast(&l->b, x, mlyTypeElt(mlyLowerResultType(l, 0)));
  if (r == 0) /* softmax of a scalar is 1, log_softmax 0 */
    return finish(l, splat(l, x, log ? 0 : 1));
  return finish(l, softmax(l, x, dim < 0 ? dim + r : dim, log, false));
}
static bool lower_softmax(MlyLowering *l) { return softmax_op(l, false); }
static bool lower_log_softmax(MlyLowering *l) { return softmax_op(l, true); }

/* ---- scaled_dot_product_attention ---- */

/* x with each index of dim repeated rep times in a row (repeat_interleave). */
static MlirValue repeat(MlyLowering *l, MlirValue x, int64_t dim, int64_t rep) {
  int64_t d[R + 1], e[R + 1], bd[R], r = dims_of(x, d);
  memmove(d + dim + 2, d + dim + 1, (size_t)(r - dim - 1) * sizeof *d);
  d[dim + 1] = 1;
  memcpy(e, d, (size_t)(r + 1) * sizeof *e);
  e[dim + 1] = rep;
  for (int64_t i = 0; i <= r; ++i)
    bd[i] = i;
  x = mlyBuildReshape(&l->b, x, d, r + 1);
  x = mlyBuildBroadcastInDim(
      &l->b, x, mlyTensorType(l->b.ctx, e, r + 1, mlyTypeElt(type_of(x))), bd);
  memmove(e + dim + 1, e + dim + 2, (size_t)(r - dim - 1) * sizeof *e);
  e[dim] *= rep;
  return mlyBuildReshape(&l->b, x, e, r);
}

/* q [..., Hq, L, E], k [..., Hk, S, E], v [..., Hk, S, Ev]: softmax(q kᵀ *
 * scale + mask) v; the causal mask keeps key j <= query i (top left). */
static bool lower_sdpa(MlyLowering *l) {
  MlyBuilder *b = &l->b;
  MlirValue q = mlyLowerOperand(l, 0), k = mlyLowerOperand(l, 1);
  MlirValue v = mlyLowerOperand(l, 2), mask = mlyLowerGroup(l, 3, 4);
  double p, sc;
  bool causal, gqa;
  int64_t dq[R], dk[R], r = dims_of(q, dq);
  if (!get_f64(l, "dropout_p", &p) || !get_f64(l, "scale", &sc) ||
      !get_bool(l, "is_causal", &causal) || !get_bool(l, "enable_gqa", &gqa))
    return false;
  if (p != 0)
    return mlyLowerFail(l, "dropout_p %g is not supported (only 0)", p);
  if (causal && !mlirValueIsNull(mask))
    return mlyLowerFail(l, "is_causal with an explicit attn_mask");
  if (r < 2 || dims_of(k, dk) != r || mlyTypeRank(type_of(v)) != r)
    return mlyLowerFail(l, "query, key and value ranks differ");
  if (r > 2 && dq[r - 3] != dk[r - 3]) {
    if (!gqa || dk[r - 3] < 1 || dq[r - 3] % dk[r - 3])
      return mlyLowerFail(l, "%lld query heads do not share %lld key heads",
                          (long long)dq[r - 3], (long long)dk[r - 3]);
    k = repeat(l, k, r - 3, dq[r - 3] / dk[r - 3]);
    v = repeat(l, v, r - 3, dq[r - 3] / dk[r - 3]);
  }
  MlirValue s = scale(l, mlyBuildMatmul(b, q, k, false, true), sc);
  MlirValue ninf = splat(l, s, -INFINITY);
  if (causal) {
    int64_t d[R], rs = dims_of(s, d);
    MlirType t = mlyTensorType(b->ctx, d + rs - 2, 2, mlyI64(b->ctx));
    MlirValue row = mlyBuildIota(b, t, 0), col = mlyBuildIota(b, t, 1);
    MlirValue keep = mlyBuildCmp(b, "ge", row, col);
    s = mlyBuildSelect(b, expand(l, keep, s), s, ninf);
  } else if (!mlirValueIsNull(mask) &&
             mlirTypeEqual(mlyTypeElt(type_of(mask)), mlyI1(b->ctx))) {
    s = mlyBuildSelect(b, expand(l, mask, s), s, ninf);
  } else if (!mlirValueIsNull(mask)) {
    s = bin(l, "mly.add", s, mlyLowerLike(l, mask, type_of(s)));
  }
  s = softmax(l, s, r - 1, false, !mlirValueIsNull(mask));
  return finish(l, mlyBuildMatmul(b, s, v, false, false));
}

/* ---- convolution ---- */

/* mly.conv of x [N, C, X...] and w [Cout, C/g, K...], bias optional. */
static MlirValue conv(MlyLowering *l, MlirValue x, MlirValue w, MlirValue bias,
                      const int64_t *st, const int64_t *pd, const int64_t *dl,
                      int64_t g) {
  int64_t dx[R], dw[R], r = dims_of(x, dx), n = r - 2;
  dims_of(w, dw);
  dx[1] = dw[0];
  for (int64_t i = 0; i < n; ++i)
    dx[2 + i] =
        (dx[2 + i] + 2 * pd[i] - dl[i] * (dw[2 + i] - 1) - 1) / st[i] + 1;
  MlirContext ctx = l->b.ctx;
  MlirValue ops[3] = {x, w, bias};
  MlirNamedAttribute a[4] = {mlyNamedI64Array(ctx, "stride", st, n),
                             mlyNamedI64Array(ctx, "padding", pd, n),
                             mlyNamedI64Array(ctx, "dilation", dl, n),
                             mlyNamedI64(ctx, "groups", g)};
  return mlyBuild(&l->b, "mly.conv",
                  mlyTensorType(ctx, dx, r, mlyTypeElt(type_of(x))), ops,
                  mlirValueIsNull(bias) ? 2 : 3, a, 4);
}

/* A transposed convolution as a direct one: the input dilated by the
 * stride (zeros between elements: a size-1 dim after each spatial dim,
 * padded by stride - 1, folded back), padded by d*(k-1) - p (negative
 * crops) plus output_padding on the high side; the weight [Cin, Cout/g,
 * K...] regrouped to [Cout, Cin/g, K...] and flipped along each K. */
static void transpose_conv(MlyLowering *l, MlirValue *x, MlirValue *w,
                           const int64_t *st, const int64_t *pd,
                           const int64_t *dl, const int64_t *op, int64_t g) {
  MlyBuilder *b = &l->b;
  int64_t dx[R], dw[R], r = dims_of(*x, dx), n = r - 2;
  int64_t il[2 * R] = {dx[0], dx[1]}, lo[2 * R] = {0}, hi[2 * R] = {0};
  dims_of(*w, dw);
  for (int64_t i = 0; i < n; ++i) {
    il[2 + 2 * i] = dx[2 + i], il[3 + 2 * i] = 1;
    hi[3 + 2 * i] = st[i] - 1;
  }
  if (prod(st, n) > 1)
    *x = mlyBuildPad(b, mlyBuildReshape(b, *x, il, 2 + 2 * n), lo, hi, 0);
  for (int64_t i = 0; i < n; ++i) {
    dx[2 + i] *= st[i];
    lo[2 + i] = dl[i] * (dw[2 + i] - 1) - pd[i];
    hi[2 + i] = lo[2 + i] + op[i] - (st[i] - 1);
  }
  lo[0] = lo[1] = hi[0] = hi[1] = 0;
  *x = mlyBuildPad(b, mlyBuildReshape(b, *x, dx, r), lo, hi, 0);
  int64_t gw[R + 1] = {g, dw[0] / g, dw[1]}, perm[R + 1] = {0, 2, 1};
  for (int64_t i = 0; i < n; ++i)
    gw[3 + i] = dw[2 + i], perm[3 + i] = 3 + i;
  *w = mlyBuildTranspose(b, mlyBuildReshape(b, *w, gw, r + 1), perm);
  int64_t fw[R] = {dw[1] * g, dw[0] / g};
  memcpy(fw + 2, dw + 2, (size_t)n * sizeof *fw);
  *w = mlyBuildReshape(b, *w, fw, r);
  for (int64_t i = 0; i < n; ++i) {
    MlirType t = mlyTensorType(b->ctx, &dw[2 + i], 1, mlyI64(b->ctx));
    MlirValue last = mlyBuildSplat(b, t, (double)dw[2 + i] - 1);
    MlirValue idx = bin(l, "mly.sub", last, mlyBuildIota(b, t, 0));
    *w = mlyBuildGather(b, *w, idx, 2 + i, "take");
  }
}

/* conv1d, conv2d, convolution: input [N?, C, X...], weight [Cout, C/g,
 * K...] (transposed: [C, Cout/g, K...]), bias [Cout]. */
static bool lower_conv(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0), w = mlyLowerOperand(l, 1);
  MlirValue bias = mlyLowerGroup(l, 2, 3);
  int64_t dx[R], g, n = mlyTypeRank(type_of(w)) - 2, r = dims_of(x, dx);
  int64_t st[R], pd[R], dl[R], op[R] = {0}, one[R];
  bool tr = false;
  if (mlyOpGetBool(l->op, "transposed", &tr) && tr &&
      !spatial(l, "output_padding", n, 0, NULL, op))
    return false;
  if (!get_i64(l, "groups", &g) || !spatial(l, "stride", n, 1, NULL, st) ||
      !spatial(l, "padding", n, 0, NULL, pd) ||
      !spatial(l, "dilation", n, 1, NULL, dl))
    return false;
  if (n < 1 || (r != n + 1 && r != n + 2) || g < 1)
    return mlyLowerFail(l, "input of %lld dims, weight of %lld, groups %lld",
                        (long long)r, (long long)n + 2, (long long)g);
  if (r == n + 1) { /* unbatched */
    memmove(dx + 1, dx, (size_t)r * sizeof *dx);
    dx[0] = 1;
    x = mlyBuildReshape(&l->b, x, dx, r + 1);
  }
  if (tr) {
    transpose_conv(l, &x, &w, st, pd, dl, op, g);
    for (int64_t i = 0; i < n; ++i)
      one[i] = 1, pd[i] = 0;
  }
  return finish(l, conv(l, x, w, bias, tr ? one : st, pd, dl, g));
}

/* ---- normalization ---- */

/* p ([C...]) broadcast into like's dims axis.., in like's element type. */
static MlirValue along(MlyLowering *l, MlirValue p, MlirValue like,
                       int64_t axis) {
  MlirType t = type_of(like);
  int64_t bd[R], rp = mlyTypeRank(type_of(p));
  for (int64_t i = 0; i < rp; ++i)
    bd[i] = axis + i;
  return mlyBuildBroadcastInDim(&l->b, mlyBuildCast(&l->b, p, mlyTypeElt(t)), t,
                                bd);
}

/* y * w + b with optional w, b placed at `axis`; sets result 0. */
static bool affine(MlyLowering *l, MlirValue y, MlirValue w, MlirValue b,
                   int64_t axis) {
  if (!mlirValueIsNull(w))
    y = bin(l, "mly.mul", y, along(l, w, y, axis));
  if (!mlirValueIsNull(b))
    y = bin(l, "mly.add", y, along(l, b, y, axis));
  return finish(l, y);
}

/* (x - mean) * rstd over dims rd[0..n) with the biased variance (rms: x *
 * rstd of the mean square); *mean (null for rms) and *rstd keep dims. */
static MlirValue normalize(MlyLowering *l, MlirValue x, const int64_t *rd,
                           int64_t n, double eps, bool rms, MlirValue *mean,
                           MlirValue *rstd) {
  MlyBuilder *b = &l->b;
  int64_t d[R], cnt = 1;
  dims_of(x, d);
  for (int64_t i = 0; i < n; ++i)
    cnt *= d[rd[i]];
  MlirValue c = x;
  *mean = (MlirValue){NULL};
  if (!rms) {
    MlirValue s = mlyBuildReduce(b, "sum", x, rd, n, true);
    *mean = bin(l, "mly.div", s, splat(l, s, (double)cnt));
    c = bin(l, "mly.sub", x, expand(l, *mean, x));
  }
  MlirValue v = mlyBuildReduce(b, "sum", bin(l, "mly.mul", c, c), rd, n, true);
  v = bin(l, "mly.div", v, splat(l, v, (double)cnt));
  *rstd = mlyBuildUnary(b, "mly.rsqrt", bin(l, "mly.add", v, splat(l, v, eps)));
  return bin(l, "mly.mul", c, expand(l, *rstd, x));
}

/* Sets the statistics results 1 and 2 that are used: stat reshaped to
 * their type, or any value of an empty type (PyTorch CPU's evaluation
 * save_mean/save_invstd). */
static void stats(MlyLowering *l, MlirValue mean, MlirValue rstd) {
  for (intptr_t i = 1; i < 3; ++i) {
    MlirType t = mlyLowerResultType(l, i);
    if (used(l, i))
      l->results[i] = mlyTypeNumElements(t) == 0
                          ? mlyBuildSplat(&l->b, t, 0)
                          : as_result(l, i == 1 ? mean : rstd, i);
  }
}

/* batch_norm (evaluation: running statistics; training: batch statistics)
 * and native_batch_norm_legit_no_training, over dim 1. */
static bool lower_batch_norm(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0), w = mlyLowerGroup(l, 1, 5);
  MlirValue b = mlyLowerGroup(l, 2, 5), rm = mlyLowerGroup(l, 3, 5);
  MlirValue rv = mlyLowerGroup(l, 4, 5), mean, rstd, y;
  bool native = mlirOperationGetNumResults(l->op) == 3, training = false;
  int64_t d[R], r = dims_of(x, d), rd[R];
  double eps;
  if ((!native && !get_bool(l, "training", &training)) ||
      !get_f64(l, "eps", &eps))
    return false;
  if (r < 2)
    return mlyLowerFail(l, "input has %lld dims, expected >= 2", (long long)r);
  x = mlyBuildCast(&l->b, x, mlyTypeElt(mlyLowerResultType(l, 0)));
  if (training) {
    rd[0] = 0;
    for (int64_t i = 2; i < r; ++i)
      rd[i - 1] = i;
    y = normalize(l, x, rd, r - 1, eps, false, &mean, &rstd);
  } else {
    if (mlirValueIsNull(rm) || mlirValueIsNull(rv))
      return mlyLowerFail(l, "running_mean and running_var are required in "
                             "evaluation mode");
    mean = mlyBuildCast(&l->b, rm, mlyTypeElt(type_of(x)));
    rv = mlyBuildCast(&l->b, rv, mlyTypeElt(type_of(x)));
    rstd = mlyBuildUnary(&l->b, "mly.rsqrt",
                         bin(l, "mly.add", rv, splat(l, rv, eps)));
    y = bin(l, "mly.sub", x, along(l, mean, x, 1));
    y = bin(l, "mly.mul", y, along(l, rstd, x, 1));
  }
  if (native)
    stats(l, mean, rstd);
  return affine(l, y, w, b, 1);
}

/* layer_norm, native_layer_norm, rms_norm over the trailing
 * normalized_shape dims. */
static bool trailing_norm(MlyLowering *l, bool rms) {
  MlirValue x = mlyLowerOperand(l, 0), mean, rstd;
  int64_t d[R], ns[R], n, rd[R], r = dims_of(x, d);
  double eps;
  if (!mlyOpGetI64Array(l->op, "normalized_shape", ns, R, &n))
    return mlyLowerFail(l, "lacks array attribute 'normalized_shape'");
  if (!get_f64(l, "eps", &eps))
    return false;
  bool ok = n >= 1 && n <= r;
  for (int64_t i = 0; ok && i < n; ++i)
    ok = ns[i] == d[r - n + i];
  if (!ok)
    return mlyLowerFail(l, "normalized_shape does not match the input's "
                           "trailing dims");
  for (int64_t i = 0; i < n; ++i)
    rd[i] = r - n + i;
  x = mlyBuildCast(&l->b, x, mlyTypeElt(mlyLowerResultType(l, 0)));
  MlirValue y = normalize(l, x, rd, n, eps, rms, &mean, &rstd);
  if (mlirOperationGetNumResults(l->op) == 3)
    stats(l, mean, rstd);
  return affine(l, y, mlyLowerGroup(l, 1, rms ? 2 : 3),
                rms ? (MlirValue){NULL} : mlyLowerGroup(l, 2, 3), r - n);
}
static bool lower_layer_norm(MlyLowering *l) { return trailing_norm(l, false); }
static bool lower_rms_norm(MlyLowering *l) { return trailing_norm(l, true); }

/* group_norm, native_group_norm: x [N, C, *] as [N, G, C/G * prod(*)]. */
static bool lower_group_norm(MlyLowering *l) {
  MlirValue x = mlyLowerOperand(l, 0), mean, rstd;
  bool native = mlirOperationGetNumResults(l->op) == 3;
  int64_t d[R], g, r = dims_of(x, d);
  double eps;
  if (!get_i64(l, native ? "group" : "num_groups", &g) ||
      !get_f64(l, "eps", &eps))
    return false;
  if (r < 2 || g < 1 || d[1] % g)
    return mlyLowerFail(l,
                        "input of %lld dims cannot be split into %lld "
                        "channel groups",
                        (long long)r, (long long)g);
  int64_t gd[3] = {d[0], g, prod(d + 1, r - 1) / g}, two = 2;
  x = mlyBuildCast(&l->b, x, mlyTypeElt(mlyLowerResultType(l, 0)));
  MlirValue y = normalize(l, mlyBuildReshape(&l->b, x, gd, 3), &two, 1, eps,
                          false, &mean, &rstd);
  if (native)
    stats(l, mean, rstd);
  return affine(l, mlyBuildReshape(&l->b, y, d, r), mlyLowerGroup(l, 1, 3),
                mlyLowerGroup(l, 2, 3), 1);
}

/* ---- pooling ---- */

/* mly.pool over the trailing two dims of x [N, C, H, W]. */
static MlirValue pool(MlyLowering *l, MlirValue x, const char *kind,
                      const int64_t *k, const int64_t *st, const int64_t *pd,
                      const int64_t *dl, bool count_pad) {
  int64_t d[R];
  dims_of(x, d);
  for (int a = 0; a < 2; ++a)
    d[2 + a] = (d[2 + a] + 2 * pd[a] - dl[a] * (k[a] - 1) - 1) / st[a] + 1;
  MlirContext ctx = l->b.ctx;
  MlirNamedAttribute at[6] = {
      mlyNamedStr(ctx, "kind", kind),
      mlyNamedI64Array(ctx, "window", k, 2),
      mlyNamedI64Array(ctx, "stride", st, 2),
      mlyNamedI64Array(ctx, "padding", pd, 2),
      mlyNamedI64Array(ctx, "dilation", dl, 2),
      mlyNamedBool(ctx, "count_include_pad", count_pad)};
  return mlyBuild(&l->b, "mly.pool",
                  mlyTensorType(ctx, d, 4, mlyTypeElt(type_of(x))), &x, 1, at,
                  6);
}

/* Operand 0 as [N, C, H, W] (an unbatched [C, H, W] gets N = 1), its
 * spatial dims in in[0..2) and the result's in out[0..2). */
static MlirValue pool_input(MlyLowering *l, int64_t *in, int64_t *out) {
  MlirValue x = mlyLowerOperand(l, 0);
  int64_t d[R + 1] = {1}, r = dims_of(x, d + 1), o[R];
  int64_t ro = mlyTypeRank(mlyLowerResultType(l, 0));
  mlyTypeDims(mlyLowerResultType(l, 0), o);
  if ((r != 3 && r != 4) || ro != r) {
    mlyLowerFail(l, "input has %lld dims, expected 3 or 4", (long long)r);
    return (MlirValue){NULL};
  }
  memcpy(in, d + r - 1, 2 * sizeof *in);
  memcpy(out, o + r - 2, 2 * sizeof *out);
  return mlyBuildReshape(&l->b, x, r == 4 ? d + 1 : d, 4);
}

/* Pooling attributes; extra[a]: padding past `padding` on the high side
 * that ceil_mode's last window reaches. */
typedef struct pool_attrs {
  int64_t k[2], st[2], pd[2], dl[2], extra[2];
} pool_attrs;

static bool read_pool(MlyLowering *l, pool_attrs *p, const int64_t *in,
                      const int64_t *out, bool dilated) {
  p->dl[0] = p->dl[1] = 1;
  if (!spatial(l, "kernel_size", 2, 1, NULL, p->k) ||
      !spatial(l, "stride", 2, 1, p->k, p->st) ||
      !spatial(l, "padding", 2, 0, NULL, p->pd) ||
      (dilated && !spatial(l, "dilation", 2, 1, NULL, p->dl)))
    return false;
  for (int a = 0; a < 2; ++a) {
    int64_t need = (out[a] - 1) * p->st[a] + p->dl[a] * (p->k[a] - 1) + 1;
    p->extra[a] = need > in[a] + 2 * p->pd[a] ? need - in[a] - 2 * p->pd[a] : 0;
  }
  return true;
}

/* max_pool2d, max_pool2d_with_indices (values only): ceil_mode's extra
 * windows read -inf padding. */
static bool lower_max_pool2d(MlyLowering *l) {
  int64_t in[2], out[2], z[4] = {0};
  pool_attrs p;
  if (mlirOperationGetNumResults(l->op) > 1 && used(l, 1))
    return mlyLowerFail(l, "indices result is used; only the values lower to "
                           "mly");
  MlirValue x = pool_input(l, in, out);
  if (mlirValueIsNull(x) || !read_pool(l, &p, in, out, true))
    return false;
  if (p.extra[0] || p.extra[1]) {
    int64_t hi[4] = {0, 0, p.extra[0], p.extra[1]};
    x = mlyBuildPad(&l->b, x, z, hi, -INFINITY);
  }
  return finish(l, pool(l, x, "max", p.k, p.st, p.pd, p.dl, true));
}

/* avg_pool2d. mly.pool divides by the window (count_include_pad) or by
 * the elements inside the input, which is avg_pool2d's divisor unless
 * ceil_mode adds windows or divisor_override is set; then the window sums
 * (over explicit zero padding) are scaled by a constant per position. */
static bool lower_avg_pool2d(MlyLowering *l) {
  int64_t in[2], out[2], div;
  bool cip;
  pool_attrs p;
  MlirValue x = pool_input(l, in, out);
  if (mlirValueIsNull(x) || !read_pool(l, &p, in, out, false) ||
      !get_bool(l, "count_include_pad", &cip) ||
      !get_i64(l, "divisor_override", &div))
    return false;
  if (!div && !p.extra[0] && !p.extra[1])
    return finish(l, pool(l, x, "avg", p.k, p.st, p.pd, p.dl, cip));
  int64_t lo[4] = {0, 0, p.pd[0], p.pd[1]}, z[2] = {0, 0};
  int64_t hi[4] = {0, 0, p.pd[0] + p.extra[0], p.pd[1] + p.extra[1]};
  x = mlyBuildPad(&l->b, x, lo, hi, 0);
  MlirValue y = pool(l, x, "avg", p.k, p.st, z, p.dl, true);
  float *f = malloc((size_t)(out[0] * out[1]) * sizeof *f);
  if (!f)
    return mlyLowerFail(l, "out of memory");
  for (int64_t e = 0; e < out[0] * out[1]; ++e) {
    double n = 1;
    for (int a = 0; a < 2; ++a) {
      int64_t s = (a ? e % out[1] : e / out[1]) * p.st[a] - p.pd[a];
      int64_t end = s + p.k[a] < in[a] + p.pd[a] ? s + p.k[a] : in[a] + p.pd[a];
      int64_t lo_in = s > 0 ? s : 0, hi_in = end < in[a] ? end : in[a];
      n *= cip ? end - s : hi_in > lo_in ? hi_in - lo_in : 0;
    }
    if (div)
      n = (double)div;
    f[e] = n ? (float)((double)(p.k[0] * p.k[1]) / n) : 0;
  }
  y = bin(l, "mly.mul", y,
          expand(l, constant(l, out, 2, f, mlyTypeElt(type_of(y))), y));
  free(f);
  return finish(l, y);
}

/* adaptive_avg_pool2d: output position o of an axis of n averages [o*n/on,
 * ceil((o+1)*n/on)). When on divides n that is a pool; else the average
 * is separable: A_h X A_wᵀ with constant row-averaging matrices. */
static bool lower_adaptive_avg_pool2d(MlyLowering *l) {
  int64_t in[2], out[2], z[2] = {0, 0}, one[2] = {1, 1};
  MlirValue x = pool_input(l, in, out);
  if (mlirValueIsNull(x))
    return false;
  if (out[0] < 1 || out[1] < 1)
    return mlyLowerFail(l, "output_size must be positive");
  if (in[0] % out[0] == 0 && in[1] % out[1] == 0) {
    int64_t k[2] = {in[0] / out[0], in[1] / out[1]};
    return finish(l, pool(l, x, "avg", k, k, z, one, true));
  }
  int64_t d[R];
  dims_of(x, d);
  int64_t flat[3] = {d[0] * d[1], in[0], in[1]};
  MlirValue y = mlyBuildReshape(&l->b, x, flat, 3);
  for (int a = 1; a >= 0; --a) {
    int64_t md[2] = {out[a], in[a]}, bd[3] = {d[0] * d[1], out[a], in[a]};
    float *m = calloc((size_t)(out[a] * in[a]), sizeof *m);
    if (!m)
      return mlyLowerFail(l, "out of memory");
    for (int64_t o = 0; o < out[a]; ++o) {
      int64_t s = o * in[a] / out[a];
      int64_t e = ((o + 1) * in[a] + out[a] - 1) / out[a];
      for (int64_t i = s; i < e; ++i)
        m[o * in[a] + i] = 1.0f / (float)(e - s);
    }
    MlirValue mat = mlyBuildBroadcastTo(
        &l->b, constant(l, md, 2, m, mlyTypeElt(type_of(x))), bd, 3);
    free(m);
    y = a ? mlyBuildMatmul(&l->b, y, mat, false, true)
          : mlyBuildMatmul(&l->b, mat, y, false, false);
  }
  return finish(l, y);
}

/* ---- lstm ---- */

/* Column block j (of width h) of g [B, 4H]. */
static MlirValue gate(MlyLowering *l, MlirValue g, int64_t j, int64_t h,
                      const char *fn) {
  int64_t d[2], start[2] = {0, j * h}, one[2] = {1, 1};
  dims_of(g, d);
  int64_t limit[2] = {d[0], (j + 1) * h};
  return mlyBuildUnary(&l->b, fn, mlyBuildSlice(&l->b, g, start, limit, one));
}

/* One layer, one direction, unrolled over the static sequence: input [T,
 * B, I] ([B, T, I] when batch_first), h0/c0 [1, B, H], w_ih [4H, I], w_hh
 * [4H, H], biases [4H]; gates i, f, g, o. x w_ihᵀ + biases is one matmul
 * for all steps. */
static bool lower_lstm(MlyLowering *l) {
  MlyBuilder *b = &l->b;
  MlirValue x = mlyLowerOperand(l, 0), wih = mlyLowerOperand(l, 3);
  MlirValue whh = mlyLowerOperand(l, 4), bih = mlyLowerGroup(l, 5, 7);
  MlirValue bhh = mlyLowerGroup(l, 6, 7);
  int64_t d[R], dw[R], layers;
  bool bf, bidir;
  if (!get_bool(l, "batch_first", &bf) ||
      !get_bool(l, "bidirectional", &bidir) ||
      !get_i64(l, "num_layers", &layers))
    return false;
  if (bidir || layers != 1)
    return mlyLowerFail(l, "only a one-layer, one-direction lstm lowers");
  if (dims_of(x, d) != 3 || dims_of(whh, dw) != 2 || d[bf] == 0)
    return mlyLowerFail(l, "input and w_hh must have 3 and 2 dims and the "
                           "sequence at least one step");
  int64_t T = d[bf], B = d[!bf], H = dw[1];
  int64_t rows[2] = {d[0] * d[1], d[2]}, bh[2] = {B, H};
  int64_t g3[3] = {d[0], d[1], 4 * H};
  MlirValue xw =
      mlyBuildMatmul(b, mlyBuildReshape(b, x, rows, 2), wih, false, true);
  if (!mlirValueIsNull(bih))
    xw = bin(l, "mly.add", xw, expand(l, bih, xw));
  if (!mlirValueIsNull(bhh))
    xw = bin(l, "mly.add", xw, expand(l, bhh, xw));
  xw = mlyBuildReshape(b, xw, g3, 3);
  MlirValue h = mlyBuildReshape(b, mlyLowerOperand(l, 1), bh, 2);
  MlirValue c = mlyBuildReshape(b, mlyLowerOperand(l, 2), bh, 2), y = {NULL};
  int64_t hd[3] = {bf ? B : 1, bf ? 1 : B, H}, bg[2] = {B, 4 * H};
  for (int64_t t = 0; t < T; ++t) {
    int64_t start[3] = {0, 0, 0}, limit[3] = {g3[0], g3[1], g3[2]};
    int64_t one[3] = {1, 1, 1};
    start[bf] = t, limit[bf] = t + 1;
    MlirValue g =
        mlyBuildReshape(b, mlyBuildSlice(b, xw, start, limit, one), bg, 2);
    g = bin(l, "mly.add", g, mlyBuildMatmul(b, h, whh, false, true));
    MlirValue i = gate(l, g, 0, H, "mly.sigmoid");
    MlirValue f = gate(l, g, 1, H, "mly.sigmoid");
    MlirValue gg = gate(l, g, 2, H, "mly.tanh");
    MlirValue o = gate(l, g, 3, H, "mly.sigmoid");
    MlirValue keep = bin(l, "mly.mul", f, c);
    c = bin(l, "mly.add", keep, bin(l, "mly.mul", i, gg));
    h = bin(l, "mly.mul", o, mlyBuildUnary(b, "mly.tanh", c));
    MlirValue ht = mlyBuildReshape(b, h, hd, 3);
    y = t ? mlyBuildConcat(b, y, ht, bf) : ht;
  }
  l->results[1] = as_result(l, h, 1);
  l->results[2] = as_result(l, c, 2);
  return finish(l, y);
}

const MlyLowerRule mlyLowerNNRules[] = {
    {"linear", lower_linear},
    {"addmm", lower_addmm},
    {"mm", lower_matmul},
    {"bmm", lower_matmul},
    {"matmul", lower_matmul},
    {"baddbmm", lower_addmm},
    {"scaled_dot_product_attention", lower_sdpa},
    {"softmax", lower_softmax},
    {"log_softmax", lower_log_softmax},
    {"conv1d", lower_conv},
    {"conv2d", lower_conv},
    {"convolution", lower_conv},
    {"batch_norm", lower_batch_norm},
    {"native_batch_norm_legit_no_training", lower_batch_norm},
    {"layer_norm", lower_layer_norm},
    {"native_layer_norm", lower_layer_norm},
    {"group_norm", lower_group_norm},
    {"native_group_norm", lower_group_norm},
    {"rms_norm", lower_rms_norm},
    {"max_pool2d", lower_max_pool2d},
    {"max_pool2d_with_indices", lower_max_pool2d},
    {"avg_pool2d", lower_avg_pool2d},
    {"adaptive_avg_pool2d", lower_adaptive_avg_pool2d},
    {"lstm", lower_lstm},
    {NULL, NULL},
};
