/* CROWN for mly-bounds (method=crown): per-element backward linear bound
 * propagation (Zhang et al. 2018, the relaxations auto_LiRPA uses).
 *
 * The root function is flattened into a DAG of nodes, one per value and
 * call context (calls are followed as if inlined). Nodes are processed in
 * program order. For each node we compute per-element bounds twice and
 * keep the intersection:
 *  - forward: per-element interval arithmetic (elementwise IBP);
 *  - backward (proper CROWN, not CROWN-IBP): for every element, linear
 *    lower/upper coefficients are pushed back through the DAG to the
 *    leaves and concretized on the leaves' boxes. The relaxations of the
 *    nonlinear nodes use the bounds of their inputs, which CROWN itself
 *    computed before (program order), so every pre-activation bound is a
 *    CROWN bound.
 * Linear nodes: add, sub, neg, mul or div by a constant, matmul with one
 * constant operand (weights: constants, e.g. from --mly-bind-weights),
 * broadcast_in_dim / reshape / transpose / slice / same-type cast (index
 * maps), reduce sum. Relaxed nodes:
 *  - max / min with a constant (relu is max(x, 0)): triangle upper bound,
 *    adaptive lower slope (1 when u >= -l, else 0), exact when stable;
 *  - tanh, sigmoid, erf (S-shaped): chord / tangent at the midpoint on
 *    one side of 0, tangents through an endpoint when crossing 0;
 *  - exp (convex): chord above, tangent at min(mid, l + 0.99) below;
 *  - mul of two non-constants: McCormick planes (gelu and silu arrive
 *    decomposed, x/2 * (1 + erf(x/sqrt2)) and x * sigmoid(x), and are
 *    bounded through erf / sigmoid and McCormick);
 *  - an unbounded input range gives constant (slope 0) bounds.
 * Every chosen line is then checked: its largest violation over the
 * interval is computed from the endpoints and the points where f' equals
 * the slope, and the intercept is moved by it (so bisection or rounding
 * in choosing a line never makes it unsound).
 * Every other op (softmax's reduce max and division, layer norm, gather,
 * matmul of two non-constants, ...) is a new input box: its IBP range
 * (the tensor-wide hull from bounds.c), with a remark naming it.
 *
 * Soundness for f32 (f16, bf16): a linear node's computed value lies
 * within err of the exact linear function of its computed inputs, err per
 * element from the forward bounds (u |y| for add, sub, mul and div,
 * gamma_K sum |c| |x| for matmul and sums, plus one smallest normal per
 * term for flush-to-zero); err enters the back-substitution as a noise
 * term (- |lambda| err for lower bounds). Libm functions get
 * 4 ulps of their largest value on the interval in the intercepts. The
 * double arithmetic of the back-substitution itself rounds by ~2^-53 of
 * magnitudes the f32 error terms charge at >= 2^-24; err is inflated by
 * 2^-20 relatively and the final bound is widened by 2^-40 of the sum of
 * the magnitudes of its terms, then rounded outward onto the type's grid.
 *
 * Cost is capped: a function of more than MAX_ELEMS elements in all is
 * left to IBP; past MAX_WORK multiply-adds the remaining nodes keep their
 * forward per-element bounds (remarks say so). */
#include "transforms/bounds_crown.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#define RANK MLY_BUILDER_MAX_RANK
#define MAX_ELEMS (1 << 22) /* elements of all nodes of one root */
#define MAX_WORK 2e9        /* multiply-adds of the backward passes */
#define MAX_DEPTH 32        /* nested calls followed */
#define ERR_INFL (1 + 0x1p-20)
#define PI_ 3.14159265358979323846

enum {
  N_LEAF,
  N_CONST,
  N_ADD,
  N_SUB,
  N_NEG,
  N_SCALE,
  N_MUL,
  N_MATMUL,
  N_MAP,
  N_SUM,
  N_ACT
};
enum { A_MAX, A_MIN, A_TANH, A_SIGMOID, A_ERF, A_EXP };

typedef struct fmt {
  int p, emin;
  double max;
} fmt;

typedef struct node {
  int kind, act;
  int in[2];
  size_t n;
  fmt f;
  MlirValue v;
  double *lo, *hi, *err;
  double *val;                           /* constants; SCALE coefs; ACT c */
  double *al, *bl, *au, *bu, *al2, *au2; /* relaxations */
  int64_t *map;                          /* MAP: source; SUM: destination */
  int64_t nb, m, k, nn;                  /* matmul: batch, M, K, N */
  bool tl, tr;
  int cside;      /* matmul: which operand is constant */
  double *lam[2]; /* lower, upper coefficients */
  bool touched;
} node;

typedef struct entry {
  const void *key;
  int ctx, id;
} entry;

typedef struct graph {
  const MlyCrownHooks *h;
  MlirStringRef root;
  node *nodes;
  int n_nodes, cap_nodes;
  entry *tab;
  size_t n_tab, cap_tab;
  int n_ctx;
  size_t elems;
  double work;
  bool bail, capped;
  const char *why;
} graph;

/* ---- Numbers ------------------------------------------------------- */

static fmt fmt_of(MlirType t) {
  if (mlirTypeIsAShaped(t))
    t = mlirShapedTypeGetElementType(t);
  if (mlirTypeIsAF16(t))
    return (fmt){11, -14, 65504.0};
  if (mlirTypeIsABF16(t))
    return (fmt){8, -126, ldexp(255.0, 120)};
  if (mlirTypeIsAF64(t))
    return (fmt){53, -1022, DBL_MAX};
  return (fmt){24, -126, FLT_MAX};
}

static bool is_float(MlirType t) {
  if (!mlirTypeIsARankedTensor(t))
    return false;
  MlirType e = mlirShapedTypeGetElementType(t);
  return (mlirTypeIsAF32(e) || mlirTypeIsAF16(e) || mlirTypeIsABF16(e) ||
          mlirTypeIsAF64(e)) &&
         mlirShapedTypeHasStaticShape(t) && mlyTypeRank(t) <= RANK;
}

/* The largest value of f's grid <= x (flush-to-zero allowed). */
static double rd(double x, const fmt *f) {
  if (isnan(x))
    return -INFINITY;
  if (isinf(x) || x == 0 || f->p >= 53)
    return x;
  int e = ilogb(x);
  if (e < f->emin)
    e = f->emin;
  double r = ldexp(floor(ldexp(x, f->p - 1 - e)), e - (f->p - 1));
  if (r > f->max)
    return f->max;
  if (r < -f->max)
    return -INFINITY;
  if (r > 0 && r < ldexp(1, f->emin))
    return 0;
  return r;
}
static double ru(double x, const fmt *f) {
  return isnan(x) ? INFINITY : -rd(-x, f);
}

static double unit(const fmt *f) { return ldexp(1, -f->p); }
static double tiny(const fmt *f) { return ldexp(1, f->emin); }
static double mag(double lo, double hi) { return fmax(fabs(lo), fabs(hi)); }

static double gamma_n(double n, const fmt *f) {
  double nu = n * unit(f);
  return nu >= 0.5 ? INFINITY : nu / (1 - nu) * ERR_INFL;
}

/* ---- Scalar relaxations --------------------------------------------- */

static double sigm(double x) { return 1 / (1 + exp(-x)); }

static double fn(int act, double c, double x) {
  switch (act) {
  case A_MAX:
    return fmax(x, c);
  case A_MIN:
    return fmin(x, c);
  case A_TANH:
    return tanh(x);
  case A_SIGMOID:
    return sigm(x);
  case A_ERF:
    return erf(x);
  default:
    return exp(x);
  }
}

static double dfn(int act, double x) {
  switch (act) {
  case A_TANH:
    return 1 - tanh(x) * tanh(x);
  case A_SIGMOID:
    return sigm(x) * (1 - sigm(x));
  case A_ERF:
    return 2 / sqrt(PI_) * exp(-x * x);
  default:
    return exp(x);
  }
}

/* Points of [l, u] where f - (k x + b) may have an extremum besides l, u:
 * the kink of max / min, or where f' = k. Returns how many (<= 2). */
static int crit(int act, double c, double k, double l, double u, double *p) {
  double x[2];
  int n = 0, m = 0;
  switch (act) {
  case A_MAX:
  case A_MIN:
    x[n++] = c;
    break;
  case A_TANH:
    if (k > 0 && k <= 1)
      x[n++] = atanh(sqrt(1 - k)), x[n++] = -x[0];
    break;
  case A_SIGMOID:
    if (k > 0 && k <= 0.25) {
      double s = (1 + sqrt(1 - 4 * k)) / 2;
      x[n++] = log(s / (1 - s)), x[n++] = -x[0];
    }
    break;
  case A_ERF:
    if (k > 0 && k <= 2 / sqrt(PI_))
      x[n++] = sqrt(log(2 / (sqrt(PI_) * k))), x[n++] = -x[0];
    break;
  default:
    if (k > 0)
      x[n++] = log(k);
  }
  for (int i = 0; i < n; ++i)
    if (isfinite(x[i]) && x[i] > l && x[i] < u)
      p[m++] = x[i];
  return m;
}

/* Moves the intercept *b of line k x + b until it bounds f on [l, u]
 * (finite) from above (upper) or below, then by slack more. */
static void settle(int act, double c, double l, double u, double k, double *b,
                   bool upper, double slack) {
  double p[4] = {l, u}, worst = 0;
  int n = 2 + crit(act, c, k, l, u, p + 2);
  for (int i = 0; i < n; ++i) {
    double d = fn(act, c, p[i]) - (k * p[i] + *b);
    worst = fmax(worst, upper ? d : -d);
  }
  double eps = 0x1p-45 * (fabs(*b) + fabs(k) * mag(l, u) +
                          mag(fn(act, c, l), fn(act, c, u)));
  *b += (upper ? 1 : -1) * (worst + slack + eps);
}

/* Tangent of S-shaped f at a point d on the far side of 0 from e whose
 * line passes through (e, f(e)): bisection on d. */
static double tangent_through(int act, double e) {
  double lo = 0, hi = 1, s = e < 0 ? 1 : -1;
  for (int i = 0; i < 60 && fabs(hi) < 64; ++i, hi *= 2)
    if (s * (fn(act, 0, s * hi) + dfn(act, s * hi) * (e - s * hi) -
             fn(act, 0, e)) >=
        0)
      break;
  for (int i = 0; i < 60; ++i) {
    double d = (lo + hi) / 2;
    if (s * (fn(act, 0, s * d) + dfn(act, s * d) * (e - s * d) -
             fn(act, 0, e)) >=
        0)
      hi = d;
    else
      lo = d;
  }
  return s * hi;
}

/* Lines al x + bl <= f(x) <= au x + bu on [l, u] for element act. */
static void relax(int act, double c, double l, double u, const fmt *f,
                  double *al, double *bl, double *au, double *bu) {
  double fl = fn(act, c, l), fu = fn(act, c, u);
  bool smooth = act != A_MAX && act != A_MIN;
  double slack = smooth ? 4 * 2 * unit(f) * mag(fl, fu) + tiny(f) : 0;
  *al = *au = 0;
  if (!isfinite(l) || !isfinite(u) || u <= l) {
    /* constant bounds; max/min keep a slope where one side is finite */
    double e = smooth ? 8 * unit(f) : 0, t = smooth ? tiny(f) : 0;
    *bl = fl - e * fabs(fl) - t, *bu = fu + e * fabs(fu) + t;
    if (act == A_MAX && isfinite(l) && l < c && u == INFINITY)
      *au = 1, *bu = c - l; /* max(x, c) <= x + c - l for x >= l */
    if (act == A_MIN && isfinite(u) && u > c && l == -INFINITY)
      *al = 1, *bl = c - u;
    if (isnan(*bl))
      *bl = -INFINITY;
    if (isnan(*bu))
      *bu = INFINITY;
    return;
  }
  double chord = (fu - fl) / (u - l);
  if (act == A_MAX || act == A_MIN) {
    bool mx = act == A_MAX;
    if (mx ? u <= c : l >= c) { /* y = c */
      *bl = *bu = c;
      return;
    }
    if (mx ? l >= c : u <= c) { /* y = x */
      *al = *au = 1, *bl = *bu = 0;
      return;
    }
    /* triangle: the chord on the convex (max) or concave (min) side */
    double a = mx ? (u - c >= c - l) : (c - l >= u - c);
    if (mx)
      *au = chord, *bu = fl - chord * l, *al = a, *bl = (1 - a) * c;
    else
      *al = chord, *bl = fl - chord * l, *au = a, *bu = (1 - a) * c;
  } else if (act == A_EXP) {
    double m = fmin((l + u) / 2, l + 0.99);
    *au = chord, *bu = fl - chord * l;
    *al = dfn(act, m), *bl = fn(act, 0, m) - *al * m;
  } else if (u <= 0 || l >= 0) { /* convex below 0, concave above */
    double m = (l + u) / 2, km = dfn(act, m), bm = fn(act, 0, m) - km * m;
    double bc = fl - chord * l;
    if (u <= 0)
      *au = chord, *bu = bc, *al = km, *bl = bm;
    else
      *al = chord, *bl = bc, *au = km, *bu = bm;
  } else {
    double d = tangent_through(act, l);
    if (d < u)
      *au = dfn(act, d), *bu = fl - *au * l;
    else
      *au = chord, *bu = fl - chord * l;
    d = tangent_through(act, u);
    if (d > l)
      *al = dfn(act, d), *bl = fu - *al * u;
    else
      *al = chord, *bl = fl - chord * l;
  }
  settle(act, c, l, u, *au, bu, true, slack);
  settle(act, c, l, u, *al, bl, false, slack);
}

/* ---- The graph -------------------------------------------------------- */

static size_t hash2(const void *p, int ctx) {
  uintptr_t x = (uintptr_t)p ^ ((uintptr_t)ctx * 0x9e3779b97f4a7c15ULL);
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

static bool tab_put(graph *g, MlirValue v, int ctx, int id) {
  if (2 * (g->n_tab + 1) > g->cap_tab) {
    size_t cap = g->cap_tab ? 2 * g->cap_tab : 256;
    entry *t = calloc(cap, sizeof *t);
    if (!t)
      return false;
    for (size_t i = 0; i < g->cap_tab; ++i)
      if (g->tab[i].key) {
        size_t j = hash2(g->tab[i].key, g->tab[i].ctx) & (cap - 1);
        while (t[j].key)
          j = (j + 1) & (cap - 1);
        t[j] = g->tab[i];
      }
    free(g->tab);
    g->tab = t;
    g->cap_tab = cap;
  }
  size_t j = hash2(v.ptr, ctx) & (g->cap_tab - 1);
  while (g->tab[j].key && !(g->tab[j].key == v.ptr && g->tab[j].ctx == ctx))
    j = (j + 1) & (g->cap_tab - 1);
  if (!g->tab[j].key)
    g->n_tab++;
  g->tab[j] = (entry){v.ptr, ctx, id};
  return true;
}

static int tab_get(graph *g, MlirValue v, int ctx) {
  if (!g->cap_tab)
    return -1;
  size_t j = hash2(v.ptr, ctx) & (g->cap_tab - 1);
  while (g->tab[j].key) {
    if (g->tab[j].key == v.ptr && g->tab[j].ctx == ctx)
      return g->tab[j].id;
    j = (j + 1) & (g->cap_tab - 1);
  }
  return -1;
}

static bool op_is(MlirOperation op, const char *name) {
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  return s.length == strlen(name) && !memcmp(s.data, name, s.length);
}

static void remark(graph *g, MlirOperation op, const char *what) {
  char text[512];
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  MlirLocation l = mlirOperationGetLocation(op);
  MlirStringRef ln = mlirLocationIsAName(l)
                         ? mlirIdentifierStr(mlirLocationNameGetName(l))
                         : mlirStringRefCreateFromCString("unnamed");
  MlirOperation fn = mlirOperationGetParentOperation(op);
  MlirAttribute sym = mlirOperationIsNull(fn)
                          ? (MlirAttribute){NULL}
                          : mlirOperationGetAttributeByName(
                                fn, mlirStringRefCreateFromCString("sym_name"));
  MlirStringRef f = !mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym)
                        ? mlirStringAttrGetValue(sym)
                        : g->root;
  snprintf(text, sizeof text, "%.*s: '%.*s' at %.*s: %s", (int)f.length, f.data,
           (int)name.length, name.data, (int)ln.length, ln.data, what);
  g->h->remark(g->h->user, text);
}

/* A new node of v's shape, bounds allocated; -1 when out of budget. */
static int new_node(graph *g, int kind, MlirValue v) {
  MlirType t = mlirValueGetType(v);
  size_t n = (size_t)mlyTypeNumElements(t);
  if (g->bail)
    return -1;
  if ((g->elems += n) > MAX_ELEMS) {
    g->bail = true;
    g->why = "more elements than CROWN's cap; IBP only";
    return -1;
  }
  if (g->n_nodes == g->cap_nodes) {
    int cap = g->cap_nodes ? 2 * g->cap_nodes : 64;
    node *p = realloc(g->nodes, (size_t)cap * sizeof *p);
    if (!p)
      goto oom;
    g->nodes = p;
    g->cap_nodes = cap;
  }
  node *d = &g->nodes[g->n_nodes];
  *d = (node){.kind = kind, .in = {-1, -1}, .n = n, .f = fmt_of(t), .v = v};
  d->lo = calloc(n + 1, sizeof *d->lo);
  d->hi = calloc(n + 1, sizeof *d->hi);
  d->err = calloc(n + 1, sizeof *d->err);
  if (!d->lo || !d->hi || !d->err) {
    free(d->lo), free(d->hi), free(d->err);
    goto oom;
  }
  return g->n_nodes++;
oom:
  g->bail = true;
  g->why = "out of memory; IBP only";
  return -1;
}

static double *alloc_d(graph *g, size_t n) {
  double *p = calloc(n + 1, sizeof *p);
  if (!p) {
    g->bail = true;
    g->why = "out of memory; IBP only";
  }
  return p;
}

/* v's IBP range, or everything. */
static void ibp_box(graph *g, MlirValue v, double *lo, double *hi) {
  if (!g->h->ibp(g->h->user, v, lo, hi))
    *lo = -INFINITY, *hi = INFINITY;
}

/* A leaf holding v's IBP range (or [lo, hi]) as its box. */
static int leaf(graph *g, MlirValue v, bool have, double lo, double hi) {
  int id = new_node(g, N_LEAF, v);
  if (id < 0)
    return -1;
  node *d = &g->nodes[id];
  if (!have)
    ibp_box(g, v, &lo, &hi);
  for (size_t i = 0; i < d->n; ++i)
    d->lo[i] = lo, d->hi[i] = hi;
  return id;
}

static bool read_const(MlirOperation op, node *d) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseElements(a))
    return false;
  MlirType elt = mlirShapedTypeGetElementType(mlirAttributeGetType(a));
  if (!mlirTypeIsAF32(elt) && !mlirTypeIsAF64(elt))
    return false;
  bool splat = mlirDenseElementsAttrIsSplat(a);
  double s = 0;
  if (splat) {
    MlirAttribute e = mlirDenseElementsAttrGetSplatValue(a);
    if (!mlirAttributeIsAFloat(e))
      return false;
    s = mlirFloatAttrGetValueDouble(e);
  } else if ((size_t)mlirElementsAttrGetNumElements(a) != d->n)
    return false;
  for (size_t i = 0; i < d->n; ++i) {
    double v = splat ? s
               : mlirTypeIsAF32(elt)
                   ? mlirDenseElementsAttrGetFloatValue(a, (intptr_t)i)
                   : mlirDenseElementsAttrGetDoubleValue(a, (intptr_t)i);
    if (isnan(v))
      return false;
    d->val[i] = d->lo[i] = d->hi[i] = v;
  }
  return true;
}

static void unravel(size_t i, int r, const int64_t *dims, int64_t *idx) {
  for (int d = r - 1; d >= 0; --d) {
    idx[d] = (int64_t)(i % (size_t)dims[d]);
    i /= (size_t)dims[d];
  }
}

static int64_t ravel(int r, const int64_t *dims, const int64_t *idx) {
  int64_t s = 0;
  for (int d = 0; d < r; ++d)
    s = s * dims[d] + idx[d];
  return s;
}

/* map[i] = the operand element that result element i copies; false when
 * the op's attributes do not fit. */
static bool index_map(MlirOperation op, const char *name, int64_t *map,
                      size_t n) {
  MlirType it = mlirValueGetType(mlirOperationGetOperand(op, 0));
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  int ri = (int)mlyTypeRank(it), rr = (int)mlyTypeRank(rt);
  int64_t di[RANK], dr[RANK], a[RANK], b[RANK], c[RANK], idx[RANK], src[RANK],
      na = 0, nb = 0, nc = 0;
  if (ri < 0 || rr < 0 || ri > RANK || rr > RANK)
    return false;
  mlyTypeDims(it, di);
  mlyTypeDims(rt, dr);
  bool bc = !strcmp(name, "broadcast_in_dim"), tp = !strcmp(name, "transpose");
  bool sl = !strcmp(name, "slice");
  if (bc &&
      (!mlyOpGetI64Array(op, "broadcast_dimensions", a, RANK, &na) || na != ri))
    return false;
  if (tp && (!mlyOpGetI64Array(op, "permutation", a, RANK, &na) || na != rr ||
             ri != rr))
    return false;
  if (sl && (!mlyOpGetI64Array(op, "start_indices", a, RANK, &na) ||
             !mlyOpGetI64Array(op, "strides", b, RANK, &nb) ||
             !mlyOpGetI64Array(op, "limit_indices", c, RANK, &nc) || na != ri ||
             nb != ri || ri != rr))
    return false;
  for (int d = 0; d < na; ++d)
    if (a[d] < 0 || a[d] >= (bc ? rr : ri))
      return false;
  for (size_t i = 0; i < n; ++i) {
    unravel(i, rr, dr, idx);
    for (int d = 0; d < ri; ++d)
      src[d] = bc   ? (di[d] == 1 ? 0 : idx[a[d]])
               : tp ? 0
               : sl ? a[d] + idx[d] * b[d]
                    : 0;
    if (tp)
      for (int d = 0; d < rr; ++d)
        src[a[d]] = idx[d];
    map[i] = bc || tp || sl ? ravel(ri, di, src) : (int64_t)i;
  }
  return true;
}

/* Reduce sum: map[j] = the result element operand element j adds to. */
static bool sum_map(MlirOperation op, int64_t *map, size_t n_in) {
  MlirType it = mlirValueGetType(mlirOperationGetOperand(op, 0));
  int ri = (int)mlyTypeRank(it);
  int64_t di[RANK], rdims[RANK], nr = 0, idx[RANK], od[RANK], oi[RANK];
  bool keep = false, red[RANK] = {false};
  if (ri < 0 || ri > RANK || !mlyOpGetI64Array(op, "dims", rdims, RANK, &nr))
    return false;
  mlyOpGetBool(op, "keepdim", &keep);
  mlyTypeDims(it, di);
  for (int64_t i = 0; i < nr; ++i) {
    if (rdims[i] < 0 || rdims[i] >= ri)
      return false;
    red[rdims[i]] = true;
  }
  int ro = 0;
  for (int d = 0; d < ri; ++d)
    if (!red[d] || keep)
      od[ro++] = red[d] ? 1 : di[d];
  for (size_t j = 0; j < n_in; ++j) {
    unravel(j, ri, di, idx);
    int k = 0;
    for (int d = 0; d < ri; ++d)
      if (!red[d] || keep)
        oi[k++] = red[d] ? 0 : idx[d];
    map[j] = ravel(ro, od, oi);
  }
  return true;
}

/* ---- Forward bounds and relaxations ---------------------------------- */

static void forward(graph *g, node *d) {
  node *x = d->in[0] >= 0 ? &g->nodes[d->in[0]] : NULL;
  node *y = d->in[1] >= 0 ? &g->nodes[d->in[1]] : NULL;
  const fmt *f = &d->f;
  double u = unit(f) * ERR_INFL, t = tiny(f);
  switch (d->kind) {
  case N_ADD:
  case N_SUB:
    for (size_t i = 0; i < d->n; ++i) {
      bool s = d->kind == N_SUB;
      d->lo[i] = x->lo[i] + (s ? -y->hi[i] : y->lo[i]);
      d->hi[i] = x->hi[i] + (s ? -y->lo[i] : y->hi[i]);
      d->err[i] = u * mag(d->lo[i], d->hi[i]) + t;
    }
    break;
  case N_NEG:
    for (size_t i = 0; i < d->n; ++i)
      d->lo[i] = -x->hi[i], d->hi[i] = -x->lo[i];
    break;
  case N_SCALE:
    for (size_t i = 0; i < d->n; ++i) {
      double c = d->val[i], a = c * x->lo[i], b = c * x->hi[i];
      d->lo[i] = c == 0 ? 0 : fmin(a, b);
      d->hi[i] = c == 0 ? 0 : fmax(a, b);
      d->err[i] = u * mag(d->lo[i], d->hi[i]) + t;
    }
    break;
  case N_MAP:
    for (size_t i = 0; i < d->n; ++i)
      d->lo[i] = x->lo[d->map[i]], d->hi[i] = x->hi[d->map[i]];
    break;
  case N_SUM: {
    double *cnt = alloc_d(g, d->n), *m = alloc_d(g, d->n);
    if (!cnt || !m) {
      free(cnt), free(m);
      return;
    }
    for (size_t j = 0; j < x->n; ++j) {
      int64_t o = d->map[j];
      d->lo[o] += x->lo[j], d->hi[o] += x->hi[j];
      m[o] += mag(x->lo[j], x->hi[j]), cnt[o] += 1;
    }
    for (size_t i = 0; i < d->n; ++i)
      d->err[i] = gamma_n(cnt[i], f) * m[i] + cnt[i] * t;
    free(cnt), free(m);
    break;
  }
  case N_MATMUL: {
    node *a = d->cside ? x : y; /* the non-constant operand */
    const double *c = g->nodes[d->in[d->cside]].val;
    for (int64_t b = 0; b < d->nb; ++b)
      for (int64_t i = 0; i < d->m; ++i)
        for (int64_t j = 0; j < d->nn; ++j) {
          double lo = 0, hi = 0, m = 0;
          for (int64_t k = 0; k < d->k; ++k) {
            int64_t ia =
                b * d->m * d->k + (d->tl ? k * d->m + i : i * d->k + k);
            int64_t ib =
                b * d->k * d->nn + (d->tr ? j * d->k + k : k * d->nn + j);
            double w = d->cside ? c[ib] : c[ia];
            int64_t ix = d->cside ? ia : ib;
            if (w == 0)
              continue;
            lo += w > 0 ? w * a->lo[ix] : w * a->hi[ix];
            hi += w > 0 ? w * a->hi[ix] : w * a->lo[ix];
            m += fabs(w) * mag(a->lo[ix], a->hi[ix]);
          }
          size_t o = (size_t)((b * d->m + i) * d->nn + j);
          d->lo[o] = isnan(lo) ? -INFINITY : lo;
          d->hi[o] = isnan(hi) ? INFINITY : hi;
          d->err[o] = gamma_n((double)d->k, f) * m + (double)d->k * t;
        }
    g->work += (double)(d->nb * d->m * d->nn * d->k);
    break;
  }
  case N_MUL:
    for (size_t i = 0; i < d->n; ++i) {
      double xl = x->lo[i], xu = x->hi[i], yl = y->lo[i], yu = y->hi[i];
      double p[4] = {xl * yl, xl * yu, xu * yl, xu * yu}, lo = p[0], hi = p[0];
      for (int k = 1; k < 4; ++k)
        lo = fmin(lo, p[k]), hi = fmax(hi, p[k]);
      bool nan = isnan(p[0]) || isnan(p[1]) || isnan(p[2]) || isnan(p[3]);
      double e = u * mag(lo, hi) + t;
      if (nan || !isfinite(xl) || !isfinite(xu) || !isfinite(yl) ||
          !isfinite(yu)) {
        d->lo[i] = nan ? -INFINITY : lo - e, d->hi[i] = nan ? INFINITY : hi + e;
        d->al[i] = d->al2[i] = d->au[i] = d->au2[i] = 0;
        d->bl[i] = d->lo[i], d->bu[i] = d->hi[i];
        continue;
      }
      d->lo[i] = lo - e, d->hi[i] = hi + e;
      /* (x - xl)(y - yl) >= 0 and (x - xl)(yu - y) >= 0 */
      d->al[i] = yl, d->al2[i] = xl;
      d->bl[i] = -xl * yl - 0x1p-50 * fabs(xl * yl) - e;
      d->au[i] = yu, d->au2[i] = xl;
      d->bu[i] = -xl * yu + 0x1p-50 * fabs(xl * yu) + e;
    }
    return;
  case N_ACT:
    for (size_t i = 0; i < d->n; ++i) {
      double c = d->val ? d->val[i] : 0, l = x->lo[i], h = x->hi[i];
      relax(d->act, c, l, h, f, &d->al[i], &d->bl[i], &d->au[i], &d->bu[i]);
      double fl = fn(d->act, c, l), fu = fn(d->act, c, h);
      bool exact = d->act == A_MAX || d->act == A_MIN;
      double e = exact ? 0 : 8 * unit(f), t = exact ? 0 : tiny(f);
      d->lo[i] = isnan(fl) ? -INFINITY : fl - e * fabs(fl) - t;
      d->hi[i] = isnan(fu) ? INFINITY : fu + e * fabs(fu) + t;
    }
    return;
  }
  for (size_t i = 0; i < d->n; ++i) {
    d->lo[i] = isnan(d->lo[i]) ? -INFINITY : d->lo[i] - d->err[i];
    d->hi[i] = isnan(d->hi[i]) ? INFINITY : d->hi[i] + d->err[i];
  }
}

/* ---- Back-substitution ----------------------------------------------- */

static bool ensure_lam(graph *g, node *d) {
  for (int s = 0; s < 2; ++s)
    if (!d->lam[s] && !(d->lam[s] = alloc_d(g, d->n)))
      return false;
  return true;
}

/* Adds lam * v to *acc and |lam * v| to *mag_sum, skipping lam == 0. */
static void term(double lam, double v, double *acc, double *mag_sum) {
  if (lam == 0)
    return;
  double p = lam * v;
  *acc += p;
  *mag_sum += fabs(p);
}

/* Lower (s = 0) and upper (s = 1) bounds of element e of node t. */
static void backward(graph *g, int t, size_t e, double *out_lo,
                     double *out_hi) {
  double c[2] = {0, 0}, ms = 0;
  for (int s = 0; s < 2; ++s)
    g->nodes[t].lam[s][e] = 1;
  g->nodes[t].touched = true;
  for (int k = t; k >= 0; --k) {
    node *d = &g->nodes[k];
    if (!d->touched)
      continue;
    node *x = d->in[0] >= 0 ? &g->nodes[d->in[0]] : NULL;
    node *y = d->in[1] >= 0 ? &g->nodes[d->in[1]] : NULL;
    if (x && !ensure_lam(g, x))
      return;
    if (y && !ensure_lam(g, y))
      return;
    if (x)
      x->touched = true;
    if (y)
      y->touched = true;
    g->work += (double)d->n;
    for (int s = 0; s < 2; ++s) {
      double *lam = d->lam[s], sg = s ? 1 : -1;
      if (d->kind == N_MATMUL) {
        node *a = d->cside ? x : y;
        const double *cv = g->nodes[d->in[d->cside]].val;
        for (int64_t b = 0; b < d->nb; ++b)
          for (int64_t i = 0; i < d->m; ++i)
            for (int64_t j = 0; j < d->nn; ++j) {
              double l = lam[(b * d->m + i) * d->nn + j];
              if (l == 0)
                continue;
              g->work += (double)d->k;
              for (int64_t kk = 0; kk < d->k; ++kk) {
                int64_t ia =
                    b * d->m * d->k + (d->tl ? kk * d->m + i : i * d->k + kk);
                int64_t ib =
                    b * d->k * d->nn + (d->tr ? j * d->k + kk : kk * d->nn + j);
                a->lam[s][d->cside ? ia : ib] += l * cv[d->cside ? ib : ia];
              }
            }
      }
      for (size_t i = 0; i < d->n; ++i) {
        double l = lam[i];
        if (l == 0)
          continue;
        switch (d->kind) {
        case N_LEAF:
        case N_CONST:
          term(l, (l > 0) == (s == 1) ? d->hi[i] : d->lo[i], &c[s], &ms);
          break;
        case N_ADD:
          x->lam[s][i] += l, y->lam[s][i] += l;
          break;
        case N_SUB:
          x->lam[s][i] += l, y->lam[s][i] -= l;
          break;
        case N_NEG:
          x->lam[s][i] -= l;
          break;
        case N_SCALE:
          x->lam[s][i] += l * d->val[i];
          break;
        case N_MAP:
          x->lam[s][d->map[i]] += l;
          break;
        case N_SUM:
          break;
        case N_ACT:
        case N_MUL: {
          bool up = (l > 0) == (s == 1);
          x->lam[s][i] += l * (up ? d->au[i] : d->al[i]);
          if (d->kind == N_MUL)
            y->lam[s][i] += l * (up ? d->au2[i] : d->al2[i]);
          term(l, up ? d->bu[i] : d->bl[i], &c[s], &ms);
          break;
        }
        }
        if (d->err[i] != 0)
          term(fabs(l), sg * d->err[i], &c[s], &ms);
      }
      if (d->kind == N_SUM)
        for (size_t j = 0; j < x->n; ++j)
          x->lam[s][j] += lam[d->map[j]];
      memset(lam, 0, d->n * sizeof *lam);
    }
    d->touched = false;
  }
  double w = 0x1p-40 * ms;
  *out_lo = isnan(c[0]) ? -INFINITY : c[0] - w;
  *out_hi = isnan(c[1]) ? INFINITY : c[1] + w;
}

/* Forward bounds, then CROWN per element, intersected and rounded. */
static void finish_node(graph *g, int id) {
  node *d = &g->nodes[id];
  if (d->kind != N_LEAF && d->kind != N_CONST) {
    forward(g, d);
    if (g->bail)
      return;
    if (g->work > MAX_WORK && !g->capped) {
      g->capped = true;
      char text[160];
      snprintf(text, sizeof text,
               "CROWN work cap (%.0e multiply-adds) reached: later values "
               "keep per-element interval bounds",
               MAX_WORK);
      g->h->remark(g->h->user, text);
    }
    if (!g->capped && ensure_lam(g, d))
      for (size_t e = 0; e < d->n && !g->bail; ++e) {
        double lo = -INFINITY, hi = INFINITY;
        backward(g, id, e, &lo, &hi);
        d->lo[e] = fmax(d->lo[e], lo);
        d->hi[e] = fmin(d->hi[e], hi);
      }
  }
  for (size_t e = 0; e < d->n; ++e) {
    d->lo[e] = rd(d->lo[e], &d->f);
    d->hi[e] = ru(d->hi[e], &d->f);
  }
}

/* ---- Building ------------------------------------------------------- */

static int operand(graph *g, MlirOperation op, intptr_t i, int ctx) {
  MlirValue v = mlirOperationGetOperand(op, i);
  int id = tab_get(g, v, ctx);
  if (id < 0 && is_float(mlirValueGetType(v)))
    id = leaf(g, v, false, 0, 0);
  return id;
}

static bool same_n(graph *g, int a, int b, size_t n) {
  return a >= 0 && g->nodes[a].n == n && (b < 0 || g->nodes[b].n == n);
}

/* The node of the result of mly op `op` (name n without "mly."). */
static int mly_node(graph *g, MlirOperation op, const char *n, int ctx) {
  MlirValue v = mlirOperationGetResult(op, 0);
  MlirType rt = mlirValueGetType(v);
  intptr_t n_in = mlirOperationGetNumOperands(op);
  if (!is_float(rt))
    return -2;
  size_t ne = (size_t)mlyTypeNumElements(rt);
  int a = n_in > 0 ? operand(g, op, 0, ctx) : -1;
  int b = n_in > 1 ? operand(g, op, 1, ctx) : -1;
  if (g->bail)
    return -1;
  bool ac = a >= 0 && g->nodes[a].kind == N_CONST;
  bool bcst = b >= 0 && g->nodes[b].kind == N_CONST;
  int kind = -1, act = -1, id;
  const char *acts[] = {"max", "min", "tanh", "sigmoid", "erf", "exp"};
  for (int i = 0; i < 6; ++i)
    if (!strcmp(n, acts[i]))
      act = i;
  if (!strcmp(n, "constant")) {
    if ((id = new_node(g, N_CONST, v)) < 0)
      return -1;
    if (!(g->nodes[id].val = alloc_d(g, ne)))
      return -1;
    if (read_const(op, &g->nodes[id]))
      return id;
    g->nodes[id].kind = N_LEAF;
    ibp_box(g, v, &g->nodes[id].lo[0], &g->nodes[id].hi[0]);
    for (size_t i = 1; i < ne; ++i)
      g->nodes[id].lo[i] = g->nodes[id].lo[0],
      g->nodes[id].hi[i] = g->nodes[id].hi[0];
    return id;
  }
  if ((!strcmp(n, "add") || !strcmp(n, "sub")) && same_n(g, a, b, ne))
    kind = n[0] == 'a' ? N_ADD : N_SUB;
  else if (!strcmp(n, "neg") && same_n(g, a, -1, ne))
    kind = N_NEG;
  else if (!strcmp(n, "mul") && same_n(g, a, b, ne))
    kind = ac || bcst ? N_SCALE : N_MUL;
  else if (!strcmp(n, "div") && bcst && same_n(g, a, b, ne)) {
    kind = N_SCALE;
    for (size_t i = 0; i < ne; ++i)
      if (g->nodes[b].val[i] == 0 || !isfinite(g->nodes[b].val[i]))
        kind = -1;
  } else if (!strcmp(n, "matmul") && (ac || bcst) && a >= 0 && b >= 0)
    kind = N_MATMUL;
  else if ((!strcmp(n, "broadcast_in_dim") || !strcmp(n, "reshape") ||
            !strcmp(n, "transpose") || !strcmp(n, "slice") ||
            (!strcmp(n, "cast") && a >= 0 &&
             fmt_of(mlirValueGetType(mlirOperationGetOperand(op, 0))).p <=
                 fmt_of(rt).p)) &&
           a >= 0)
    kind = N_MAP;
  else if (!strcmp(n, "reduce") && mlyOpStrIs(op, "kind", "sum") && a >= 0)
    kind = N_SUM;
  else if (act >= 0 && act <= A_MIN && (ac || bcst) && same_n(g, a, b, ne))
    kind = N_ACT;
  else if (act > A_MIN && same_n(g, a, -1, ne))
    kind = N_ACT;
  if (kind < 0) {
    char what[160];
    snprintf(what, sizeof what,
             "no linear relaxation%s; CROWN uses its IBP range as a new "
             "input box",
             !strcmp(n, "matmul") ? " (no constant operand)" : "");
    remark(g, op, what);
    return leaf(g, v, false, 0, 0);
  }
  if ((id = new_node(g, kind, v)) < 0)
    return -1;
  node *d = &g->nodes[id];
  d->act = act;
  d->in[0] = a;
  d->in[1] = kind == N_NEG || kind == N_MAP || kind == N_SUM ? -1 : b;
  if (kind == N_SCALE || (kind == N_ACT && act <= A_MIN)) {
    int c = bcst ? b : a;
    d->in[0] = bcst ? a : b;
    d->in[1] = -1;
    if (!(d->val = alloc_d(g, ne)))
      return -1;
    for (size_t i = 0; i < ne; ++i)
      d->val[i] =
          !strcmp(n, "div") ? 1 / g->nodes[c].val[i] : g->nodes[c].val[i];
  } else if (kind == N_ACT)
    d->in[1] = -1;
  if (kind == N_MAP || kind == N_SUM) {
    size_t nm = kind == N_MAP ? ne : g->nodes[a].n;
    if (!(d->map = calloc(nm + 1, sizeof *d->map))) {
      g->bail = true;
      return -1;
    }
    bool ok =
        kind == N_SUM ? sum_map(op, d->map, nm) : index_map(op, n, d->map, nm);
    if (!ok) {
      remark(g, op, "attributes not understood; CROWN uses its IBP range");
      d->kind = N_LEAF, d->in[0] = -1;
      ibp_box(g, v, &d->lo[0], &d->hi[0]);
      for (size_t i = 1; i < ne; ++i)
        d->lo[i] = d->lo[0], d->hi[i] = d->hi[0];
      return id;
    }
    if (g->nodes[a].kind == N_CONST && kind == N_MAP) { /* fold */
      if (!(d->val = alloc_d(g, ne)))
        return -1;
      d->kind = N_CONST, d->in[0] = -1;
      for (size_t i = 0; i < ne; ++i)
        d->val[i] = d->lo[i] = d->hi[i] = g->nodes[a].val[d->map[i]];
      return id;
    }
  }
  if (kind == N_MATMUL) {
    MlirType lt = mlirValueGetType(mlirOperationGetOperand(op, 0));
    int64_t r = mlyTypeRank(lt), dl[RANK], dr[RANK];
    mlyTypeDims(lt, dl);
    mlyTypeDims(mlirValueGetType(mlirOperationGetOperand(op, 1)), dr);
    mlyOpGetBool(op, "transpose_lhs", &d->tl);
    mlyOpGetBool(op, "transpose_rhs", &d->tr);
    d->cside = bcst ? 1 : 0;
    d->nb = 1;
    for (int64_t i = 0; i + 2 < r; ++i)
      d->nb *= dl[i];
    d->m = dl[d->tl ? r - 1 : r - 2];
    d->k = dl[d->tl ? r - 2 : r - 1];
    d->nn = dr[d->tr ? r - 2 : r - 1];
  }
  if (kind == N_ACT || kind == N_MUL) {
    if (!(d->al = alloc_d(g, ne)) || !(d->bl = alloc_d(g, ne)) ||
        !(d->au = alloc_d(g, ne)) || !(d->bu = alloc_d(g, ne)))
      return -1;
    if (kind == N_MUL &&
        (!(d->al2 = alloc_d(g, ne)) || !(d->au2 = alloc_d(g, ne))))
      return -1;
  }
  return id;
}

static void block_all(graph *g, MlirOperation func, int depth);

/* Builds func's body in a new context with argument nodes args; fills
 * rets (the returned nodes, -1 for non-float). */
static void build(graph *g, MlirOperation func, const int *args, int *rets,
                  intptr_t n_rets, int depth) {
  MlirBlock e = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  int ctx = g->n_ctx++;
  if (mlirBlockIsNull(e) || !mlirBlockIsNull(mlirBlockGetNextInRegion(e))) {
    g->bail = true;
    g->why = "a function of several blocks; IBP only";
    return;
  }
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(e); ++i)
    if (args[i] >= 0 && !tab_put(g, mlirBlockGetArgument(e, i), ctx, args[i]))
      g->bail = true;
  for (MlirOperation op = mlirBlockGetFirstOperation(e);
       !mlirOperationIsNull(op) && !g->bail;
       op = mlirOperationGetNextInBlock(op)) {
    intptr_t n_res = mlirOperationGetNumResults(op);
    if (op_is(op, "func.return")) {
      for (intptr_t i = 0; i < n_rets && i < mlirOperationGetNumOperands(op);
           ++i)
        rets[i] = tab_get(g, mlirOperationGetOperand(op, i), ctx);
    } else if (op_is(op, "func.call")) {
      MlirOperation callee = g->h->callee(g->h->user, op);
      intptr_t n_in = mlirOperationGetNumOperands(op);
      int *in = calloc((size_t)n_in + (size_t)n_res + 1, sizeof *in);
      if (!in || mlirOperationIsNull(callee) || depth >= MAX_DEPTH) {
        free(in);
        g->bail = true;
        g->why = "a call CROWN cannot follow; IBP only";
        return;
      }
      for (intptr_t i = 0; i < n_in; ++i)
        in[i] = tab_get(g, mlirOperationGetOperand(op, i), ctx);
      for (intptr_t i = 0; i < n_res; ++i)
        in[n_in + i] = -1;
      build(g, callee, in, in + n_in, n_res, depth + 1);
      for (intptr_t i = 0; i < n_res && !g->bail; ++i) {
        MlirValue r = mlirOperationGetResult(op, i);
        int id = in[n_in + i];
        if (id < 0 && is_float(mlirValueGetType(r)))
          id = leaf(g, r, false, 0, 0);
        if (id >= 0 && !tab_put(g, r, ctx, id))
          g->bail = true;
      }
      free(in);
    } else {
      for (intptr_t i = 0; i < n_res && !g->bail; ++i) {
        MlirValue r = mlirOperationGetResult(op, i);
        int id = -2;
        if (mlyOpIsMly(op) && n_res == 1) {
          MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
          char name[64];
          size_t len = s.length - 4 < sizeof name ? s.length - 4 : 0;
          memcpy(name, s.data + 4, len);
          name[len] = 0;
          int before = g->n_nodes;
          id = mly_node(g, op, name, ctx);
          if (id >= before)
            finish_node(g, id);
        } else if (is_float(mlirValueGetType(r)))
          id = leaf(g, r, false, 0, 0);
        if (id >= 0 && !tab_put(g, r, ctx, id))
          g->bail = true;
      }
    }
  }
}

/* Reports every value of func (and its callees) as blocked. */
static void block_all(graph *g, MlirOperation func, int depth) {
  MlirBlock e = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (depth > MAX_DEPTH)
    return;
  for (MlirBlock blk = e; !mlirBlockIsNull(blk);
       blk = mlirBlockGetNextInRegion(blk)) {
    for (intptr_t i = 0; i < mlirBlockGetNumArguments(blk); ++i)
      g->h->blocked(g->h->user, mlirBlockGetArgument(blk, i));
    for (MlirOperation op = mlirBlockGetFirstOperation(blk);
         !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
      for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i)
        g->h->blocked(g->h->user, mlirOperationGetResult(op, i));
      if (op_is(op, "func.call")) {
        MlirOperation c = g->h->callee(g->h->user, op);
        if (!mlirOperationIsNull(c))
          block_all(g, c, depth + 1);
      }
    }
  }
}

void mlyCrownRun(MlirOperation func, const MlyCrownHooks *h) {
  graph g = {.h = h};
  MlirAttribute name = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("sym_name"));
  g.root = !mlirAttributeIsNull(name) && mlirAttributeIsAString(name)
               ? mlirStringAttrGetValue(name)
               : mlirStringRefCreateFromCString("");
  MlirBlock e = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  intptr_t n_args = mlirBlockIsNull(e) ? 0 : mlirBlockGetNumArguments(e);
  int *args = calloc((size_t)n_args + 1, sizeof *args);
  if (!args) {
    g.bail = true;
    g.why = "out of memory; IBP only";
    goto out;
  }
  for (intptr_t i = 0; i < n_args && !g.bail; ++i) {
    MlirValue a = mlirBlockGetArgument(e, i);
    double lo = -INFINITY, hi = INFINITY;
    args[i] = -1;
    if (!is_float(mlirValueGetType(a)))
      continue;
    h->seed(h->user, func, i, a, &lo, &hi);
    args[i] = leaf(&g, a, true, lo, hi);
  }
  if (!g.bail)
    build(&g, func, args, NULL, 0, 0);
out:
  if (g.bail) {
    char text[256];
    snprintf(text, sizeof text, "%.*s: %s", (int)g.root.length, g.root.data,
             g.why ? g.why : "CROWN gave up; IBP only");
    h->remark(h->user, text);
    block_all(&g, func, 0);
  } else {
    for (size_t i = 0; i < g.cap_tab; ++i) {
      if (!g.tab[i].key)
        continue;
      node *d = &g.nodes[g.tab[i].id];
      double lo = INFINITY, hi = -INFINITY;
      for (size_t k = 0; k < d->n; ++k)
        lo = fmin(lo, d->lo[k]), hi = fmax(hi, d->hi[k]);
      h->result(h->user, (MlirValue){g.tab[i].key}, lo, hi);
    }
  }
  for (int i = 0; i < g.n_nodes; ++i) {
    node *d = &g.nodes[i];
    free(d->lo), free(d->hi), free(d->err), free(d->val), free(d->map);
    free(d->al), free(d->bl), free(d->au), free(d->bu), free(d->al2);
    free(d->au2), free(d->lam[0]), free(d->lam[1]);
  }
  free(g.nodes);
  free(g.tab);
  free(args);
}
