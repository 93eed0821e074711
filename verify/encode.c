/* The encoder of mly subgraphs into Z3 terms, scalarized and lazy: the
 * term of one element of one value is built on demand from the terms of
 * the operand elements it reads, and memoized. Checks can so encode whole
 * small functions (every element of every result) or only a sample of a
 * large value's elements (its cone of influence).
 *
 * Meaning is the reference interpreter's (runtime/interp/interp_mly.c):
 *  - IEEE mode: elementwise float ops are correctly rounded in the
 *    result's format (the interpreter computes in double and rounds once,
 *    which is the same for + - * /); max/min return NaN when an operand is
 *    NaN, else `a > b ? a : b` (so max(+0, -0) is -0); sums (reduce sum,
 *    matmul) accumulate in f64 from +0 in row-major order of the reduced
 *    elements and round once into the result type; casts round to
 *    nearest even. Integers are bit-vectors of their width (wrapping).
 *  - real mode: the same expressions over the reals and unbounded
 *    integers (no rounding; NaN and infinities do not exist).
 *  - exp, log, sqrt, rsqrt, tanh, sigmoid, erf, sin, cos, floor and pow
 *    are uninterpreted functions (one per op kind and sort) of their
 *    operand elements; when the op carries `mly.range` (after mly-bounds)
 *    each application is constrained to that range (side conditions).
 *    Equal arguments so give equal results, which proves rewrites that
 *    move such ops, and a proof stays a proof; a model may be spurious
 *    (mlyEncApprox), so callers report `unknown` instead of a
 *    counterexample.
 *  - func.call is encoded through the callee's body (calls as inlined).
 * Not encoded (an error naming the op): scan, pool, integer pow with a
 * variable exponent, and ops of other dialects. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"
#include "dialects/mly_scalar.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "verify/smt.h"

#define RANK MLY_BUILDER_MAX_RANK
#define MAX_TERMS 400000 /* elements encoded before giving up */
#define MAX_DEPTH 64     /* nested calls */

typedef struct entry {
  const void *v;
  int64_t idx;
  int ctx;
  Z3_ast t;
} entry;

typedef struct frame {
  int parent;
  MlirOperation call, callee;
} frame;

struct MlyEnc {
  MlySmt *s;
  Z3_context z;
  MlyEncExpand expand;
  void *user;
  entry *tab;
  size_t cap, n;
  frame *frames;
  int nframes, capframes;
  Z3_ast *side;
  size_t nside, capside;
  MlyEncInput *inputs;
  size_t ninputs, capinputs;
  const char *approx;
  char err[256];
  long terms;
  long nnamed;
  bool named; /* real mode: names, intervals and ReLU relaxations */
  bool (*box)(void *user, MlirValue v, double *lo, double *hi);
  void *box_user;
  struct iv *ivs;
  size_t iv_cap, iv_n;
};

/* Sound intervals of named real terms (outward-rounded doubles). */
typedef struct iv {
  Z3_ast k;
  double lo, hi;
} iv;

static bool grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return true;
  size_t c = *cap ? *cap * 2 : 64;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, c * size);
  if (!q)
    return false;
  *p = q;
  *cap = c;
  return true;
}

MlyEnc *mlyEncCreate(MlySmt *s, MlyEncExpand expand, void *user) {
  MlyEnc *e = calloc(1, sizeof *e);
  if (!e)
    return NULL;
  e->s = s;
  e->z = s->z;
  e->expand = expand;
  e->user = user;
  e->cap = 1024;
  e->tab = calloc(e->cap, sizeof *e->tab);
  e->capframes = 8;
  e->frames = malloc((size_t)e->capframes * sizeof *e->frames);
  if (!e->tab || !e->frames) {
    mlyEncDestroy(e);
    return NULL;
  }
  e->frames[0] = (frame){-1, {NULL}, {NULL}};
  e->nframes = 1;
  return e;
}

void mlyEncDestroy(MlyEnc *e) {
  if (!e)
    return;
  free(e->tab);
  free(e->frames);
  free(e->side);
  free(e->inputs);
  free(e->ivs);
  free(e);
}

const char *mlyEncError(const MlyEnc *e) { return e->err; }
size_t mlyEncNumSide(const MlyEnc *e) { return e->nside; }
Z3_ast mlyEncSide(const MlyEnc *e, size_t i) { return e->side[i]; }
bool mlyEncApprox(const MlyEnc *e, const char **why) {
  if (why)
    *why = e->approx;
  return e->approx != NULL;
}
size_t mlyEncNumInputs(const MlyEnc *e) { return e->ninputs; }
const MlyEncInput *mlyEncInput(const MlyEnc *e, size_t i) {
  return &e->inputs[i];
}
long mlyEncNumTerms(const MlyEnc *e) { return e->terms; }

/* ---- Memo ----------------------------------------------------------- */

static size_t hash(const void *v, int64_t idx, int ctx) {
  uint64_t h = (uint64_t)(uintptr_t)v * 0x9E3779B97F4A7C15ull;
  h ^= (uint64_t)idx * 0xC2B2AE3D27D4EB4Full + (uint64_t)ctx * 0x165667B1ull;
  return (size_t)(h ^ (h >> 29));
}

static entry *slot(MlyEnc *e, const void *v, int64_t idx, int ctx) {
  size_t i = hash(v, idx, ctx) & (e->cap - 1);
  while (e->tab[i].t &&
         !(e->tab[i].v == v && e->tab[i].idx == idx && e->tab[i].ctx == ctx))
    i = (i + 1) & (e->cap - 1);
  return &e->tab[i];
}

static bool memo_put(MlyEnc *e, const void *v, int64_t idx, int ctx,
                     Z3_ast t) {
  if (2 * (e->n + 1) > e->cap) {
    entry *old = e->tab;
    size_t oc = e->cap;
    e->tab = calloc(oc * 2, sizeof *e->tab);
    if (!e->tab) {
      e->tab = old;
      return false;
    }
    e->cap = oc * 2;
    for (size_t i = 0; i < oc; ++i)
      if (old[i].t)
        *slot(e, old[i].v, old[i].idx, old[i].ctx) = old[i];
    free(old);
  }
  *slot(e, v, idx, ctx) = (entry){v, idx, ctx, t};
  e->n++;
  return true;
}

/* ---- Sorts and numbers -------------------------------------------------- */

static Z3_ast fail(MlyEnc *e, const char *fmt, const char *what) {
  if (!e->err[0])
    snprintf(e->err, sizeof e->err, fmt, what);
  return NULL;
}

static bool is_int(MlirType elt) { return mlirTypeIsAInteger(elt); }
static bool is_bool(MlirType elt) {
  return is_int(elt) && mlirIntegerTypeGetWidth(elt) == 1;
}
static bool is_float(MlirType elt) { return mlirTypeIsAFloat(elt); }

static Z3_sort sort_of(MlyEnc *e, MlirType elt) {
  if (is_bool(elt))
    return Z3_mk_bool_sort(e->z);
  if (is_int(elt)) /* machine integers in both modes */
    return Z3_mk_bv_sort(e->z, mlirIntegerTypeGetWidth(elt));
  if (e->s->mode == MLY_SMT_REAL)
    return Z3_mk_real_sort(e->z);
  if (mlirTypeIsAF16(elt))
    return Z3_mk_fpa_sort_16(e->z);
  if (mlirTypeIsABF16(elt))
    return Z3_mk_fpa_sort(e->z, 8, 8);
  if (mlirTypeIsAF64(elt))
    return Z3_mk_fpa_sort_64(e->z);
  return Z3_mk_fpa_sort_32(e->z);
}

static bool supported_elt(MlirType elt) {
  return is_int(elt) || mlirTypeIsAF32(elt) || mlirTypeIsAF16(elt) ||
         mlirTypeIsABF16(elt) || mlirTypeIsAF64(elt);
}

/* The number v (exact in elt) as a term of elt's sort; NULL for
 * non-finite values in real mode. */
static Z3_ast num(MlyEnc *e, MlirType elt, double v) {
  if (is_bool(elt))
    return v != 0 ? Z3_mk_true(e->z) : Z3_mk_false(e->z);
  if (is_int(elt))
    return Z3_mk_int64(e->z, (int64_t)v, sort_of(e, elt));
  if (e->s->mode == MLY_SMT_REAL)
    return isfinite(v) ? mlySmtRealOf(e->s, v) : NULL;
  return Z3_mk_fpa_numeral_double(e->z, v, sort_of(e, elt));
}

Z3_ast mlyEncNum(MlyEnc *e, MlirType elt, double v) { return num(e, elt, v); }

Z3_ast mlyEncLe(MlyEnc *e, Z3_ast a, Z3_ast b) {
  return e->s->mode == MLY_SMT_REAL ? Z3_mk_le(e->z, a, b)
                                    : Z3_mk_fpa_leq(e->z, a, b);
}

Z3_ast mlyEncIsFinite(MlyEnc *e, Z3_ast a) {
  if (e->s->mode == MLY_SMT_REAL)
    return Z3_mk_true(e->z);
  Z3_ast bad[2] = {Z3_mk_fpa_is_nan(e->z, a), Z3_mk_fpa_is_infinite(e->z, a)};
  return Z3_mk_not(e->z, Z3_mk_or(e->z, 2, bad));
}

static bool fp(MlyEnc *e) { return e->s->mode == MLY_SMT_IEEE; }

static Z3_ast ite(MlyEnc *e, Z3_ast c, Z3_ast a, Z3_ast b) {
  return Z3_mk_ite(e->z, c, a, b);
}

static Z3_ast gt(MlyEnc *e, Z3_ast a, Z3_ast b, MlirType elt) {
  if (is_float(elt))
    return fp(e) ? Z3_mk_fpa_gt(e->z, a, b) : Z3_mk_gt(e->z, a, b);
  return Z3_mk_bvsgt(e->z, a, b);
}

static Z3_ast lt(MlyEnc *e, Z3_ast a, Z3_ast b, MlirType elt) {
  return gt(e, b, a, elt);
}

static Z3_ast is_nan(MlyEnc *e, Z3_ast a, MlirType elt) {
  return fp(e) && is_float(elt) ? Z3_mk_fpa_is_nan(e->z, a)
                                : Z3_mk_false(e->z);
}

/* ---- Intervals of real terms (named mode) ------------------------------ */

static iv *iv_slot(MlyEnc *e, Z3_ast k) {
  size_t i = ((uintptr_t)k * 0x9E3779B97F4A7C15ull >> 7) & (e->iv_cap - 1);
  while (e->ivs[i].k && e->ivs[i].k != k)
    i = (i + 1) & (e->iv_cap - 1);
  return &e->ivs[i];
}

static void iv_put(MlyEnc *e, Z3_ast k, double lo, double hi) {
  if (2 * (e->iv_n + 1) > e->iv_cap) {
    iv *old = e->ivs;
    size_t oc = e->iv_cap, nc = oc ? 2 * oc : 256;
    iv *p = calloc(nc, sizeof *p);
    if (!p)
      return;
    e->ivs = p;
    e->iv_cap = nc;
    for (size_t i = 0; i < oc; ++i)
      if (old[i].k)
        *iv_slot(e, old[i].k) = old[i];
    free(old);
  }
  iv *s = iv_slot(e, k);
  if (!s->k)
    e->iv_n++;
  *s = (iv){k, lo, hi};
}

static double dn(double x) { return isnan(x) ? -INFINITY : nextafter(x, -INFINITY); }
static double up(double x) { return isnan(x) ? INFINITY : nextafter(x, INFINITY); }

/* An interval containing every value of real term a (over the inputs'
 * boxes), computed over a's structure; (-inf, inf) when unknown. */
static void iv_of(MlyEnc *e, Z3_ast a, double *lo, double *hi) {
  Z3_context z = e->z;
  *lo = -INFINITY;
  *hi = INFINITY;
  if (Z3_is_numeral_ast(z, a)) {
    double d = Z3_get_numeral_double(z, a);
    *lo = dn(d);
    *hi = up(d);
    return;
  }
  if (e->iv_cap) {
    iv *s = iv_slot(e, a);
    if (s->k) {
      *lo = s->lo;
      *hi = s->hi;
      return;
    }
  }
  if (Z3_get_ast_kind(z, a) != Z3_APP_AST)
    return;
  Z3_app app = Z3_to_app(z, a);
  unsigned n = Z3_get_app_num_args(z, app);
  Z3_decl_kind k = Z3_get_decl_kind(z, Z3_get_app_decl(z, app));
  double l0, h0, l1, h1;
  switch (k) {
  case Z3_OP_ADD:
  case Z3_OP_SUB:
    iv_of(e, Z3_get_app_arg(z, app, 0), lo, hi);
    for (unsigned i = 1; i < n; ++i) {
      iv_of(e, Z3_get_app_arg(z, app, i), &l1, &h1);
      if (k == Z3_OP_ADD)
        *lo = dn(*lo + l1), *hi = up(*hi + h1);
      else
        *lo = dn(*lo - h1), *hi = up(*hi - l1);
    }
    return;
  case Z3_OP_UMINUS:
    iv_of(e, Z3_get_app_arg(z, app, 0), &l0, &h0);
    *lo = -h0;
    *hi = -l0;
    return;
  case Z3_OP_MUL:
    iv_of(e, Z3_get_app_arg(z, app, 0), lo, hi);
    for (unsigned i = 1; i < n; ++i) {
      iv_of(e, Z3_get_app_arg(z, app, i), &l1, &h1);
      double p[4] = {*lo * l1, *lo * h1, *hi * l1, *hi * h1};
      double mn = INFINITY, mx = -INFINITY;
      for (int j = 0; j < 4; ++j) {
        if (isnan(p[j])) /* 0 * inf */
          p[j] = 0;
        mn = fmin(mn, p[j]);
        mx = fmax(mx, p[j]);
      }
      *lo = dn(mn);
      *hi = up(mx);
    }
    return;
  case Z3_OP_ITE:
    iv_of(e, Z3_get_app_arg(z, app, 1), &l0, &h0);
    iv_of(e, Z3_get_app_arg(z, app, 2), &l1, &h1);
    *lo = fmin(l0, l1);
    *hi = fmax(h0, h1);
    return;
  case Z3_OP_TO_REAL:
    iv_of(e, Z3_get_app_arg(z, app, 0), lo, hi);
    return;
  default:
    return;
  }
}

static void side(MlyEnc *e, Z3_ast c) {
  if (grow((void **)&e->side, &e->capside, e->nside + 1, sizeof(Z3_ast)))
    e->side[e->nside++] = c;
}

/* Real max(a, b) (min when !max) in named mode: with d = a - b in [l, u]
 * (sound), a stable sign picks a side; else the result r gets the
 * triangle relaxation r >= a, r >= b, (u - l)(r - b) <= u (d - l) (for
 * min, mirrored), valid facts that let the solver prune. */
static Z3_ast relaxed_maxmin(MlyEnc *e, Z3_ast a, Z3_ast b, Z3_ast r,
                             bool max) {
  Z3_context z = e->z;
  Z3_ast ab[2] = {a, b};
  Z3_ast d = Z3_mk_sub(z, 2, ab);
  double l, u;
  iv_of(e, d, &l, &u);
  if (l >= 0)
    return max ? a : b;
  if (u <= 0)
    return max ? b : a;
  if (!isfinite(l) || !isfinite(u))
    return r;
  Z3_ast L = mlySmtRealOf(e->s, l), U = mlySmtRealOf(e->s, u);
  Z3_ast ul[2] = {U, L}, dl[2] = {d, L};
  Z3_ast w = Z3_simplify(z, Z3_mk_sub(z, 2, ul));
  Z3_ast rhs_args[2] = {U, Z3_mk_sub(z, 2, dl)};
  Z3_ast rhs = Z3_mk_mul(z, 2, rhs_args);
  if (max) {
    Z3_ast rb[2] = {r, b};
    Z3_ast lhs_args[2] = {w, Z3_mk_sub(z, 2, rb)};
    side(e, Z3_mk_ge(z, r, a));
    side(e, Z3_mk_ge(z, r, b));
    side(e, Z3_mk_le(z, Z3_mk_mul(z, 2, lhs_args), rhs));
  } else {
    /* min(a, b) = a - max(d, 0) */
    Z3_ast ar[2] = {a, r};
    Z3_ast lhs_args[2] = {w, Z3_mk_sub(z, 2, ar)};
    side(e, Z3_mk_le(z, r, a));
    side(e, Z3_mk_le(z, r, b));
    side(e, Z3_mk_le(z, Z3_mk_mul(z, 2, lhs_args), rhs));
  }
  return r;
}

/* max/min like the interpreter: NaN wins, else a > b ? a : b. */
static Z3_ast maxmin(MlyEnc *e, Z3_ast a, Z3_ast b, MlirType elt, bool max) {
  Z3_ast r = ite(e, max ? gt(e, a, b, elt) : lt(e, a, b, elt), a, b);
  if (fp(e) && is_float(elt)) {
    Z3_ast n[2] = {is_nan(e, a, elt), is_nan(e, b, elt)};
    r = ite(e, Z3_mk_or(e->z, 2, n), Z3_mk_fpa_nan(e->z, sort_of(e, elt)), r);
  } else if (e->named && is_float(elt)) {
    r = relaxed_maxmin(e, a, b, r, max);
  }
  return r;
}

/* ---- Uninterpreted functions ------------------------------------------ */

static Z3_ast apply_uf(MlyEnc *e, MlirOperation op, const char *name,
                       Z3_ast const *args, unsigned n, MlirType elt) {
  Z3_sort s = sort_of(e, elt), dom[2];
  for (unsigned i = 0; i < n; ++i)
    dom[i] = Z3_get_sort(e->z, args[i]);
  char fname[64];
  snprintf(fname, sizeof fname, "mly.%s", name);
  Z3_func_decl f =
      Z3_mk_func_decl(e->z, Z3_mk_string_symbol(e->z, fname), n, dom, s);
  Z3_ast r = Z3_mk_app(e->z, f, n, args);
  if (!e->approx)
    e->approx = mlirIdentifierStr(mlirOperationGetName(op)).data;
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("mly.range"));
  if (!mlirAttributeIsNull(a) && mlirAttributeIsADenseF64Array(a) &&
      mlirDenseArrayGetNumElements(a) == 2 && is_float(elt)) {
    double lo = mlirDenseF64ArrayGetElement(a, 0),
           hi = mlirDenseF64ArrayGetElement(a, 1);
    Z3_ast c[2];
    unsigned nc = 0;
    if (isfinite(lo))
      c[nc++] = mlyEncLe(e, num(e, elt, lo), r);
    if (isfinite(hi))
      c[nc++] = mlyEncLe(e, r, num(e, elt, hi));
    bool nan = !mlirAttributeIsNull(mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("mly.may_nan")));
    if (nc && !nan && (isfinite(lo) || isfinite(hi))) {
      if (!grow((void **)&e->side, &e->capside, e->nside + 1, sizeof(Z3_ast)))
        return fail(e, "%s", "out of memory");
      e->side[e->nside++] = Z3_mk_and(e->z, nc, c);
    }
  }
  return r;
}

/* ---- Shapes ------------------------------------------------------------- */

typedef struct shape {
  int64_t rank, d[RANK];
} shape;

static bool shape_of(MlirValue v, shape *s) {
  MlirType t = mlirValueGetType(v);
  if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t) ||
      mlyTypeRank(t) > RANK)
    return false;
  s->rank = mlyTypeRank(t);
  mlyTypeDims(t, s->d);
  return true;
}

static void unflat(const shape *s, int64_t idx, int64_t *ix) {
  for (int64_t i = s->rank; i-- > 0;) {
    ix[i] = s->d[i] ? idx % s->d[i] : 0;
    idx = s->d[i] ? idx / s->d[i] : 0;
  }
}

static int64_t flat(const shape *s, const int64_t *ix) {
  int64_t f = 0;
  for (int64_t i = 0; i < s->rank; ++i)
    f = f * s->d[i] + ix[i];
  return f;
}

static bool ints(MlirOperation op, const char *name, int64_t *xs, int64_t n) {
  int64_t len;
  return mlyOpGetI64Array(op, name, xs, RANK, &len) && len == n;
}

/* ---- Elements ------------------------------------------------------------- */

static Z3_ast elem(MlyEnc *e, int ctx, MlirValue v, int64_t idx);

static Z3_ast fresh(MlyEnc *e, MlirValue v, int64_t idx, MlirType elt) {
  char name[64];
  snprintf(name, sizeof name, "in%zu_%lld", e->ninputs, (long long)idx);
  Z3_ast x =
      Z3_mk_const(e->z, Z3_mk_string_symbol(e->z, name), sort_of(e, elt));
  if (!grow((void **)&e->inputs, &e->capinputs, e->ninputs + 1,
            sizeof *e->inputs))
    return fail(e, "%s", "out of memory");
  e->inputs[e->ninputs++] = (MlyEncInput){v, idx, x};
  double lo, hi;
  if (e->named && e->box && e->box(e->box_user, v, &lo, &hi))
    iv_put(e, x, lo, hi);
  return x;
}

static MlirOperation callee_of(MlyEnc *e, MlirOperation call) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      call, mlirStringRefCreateFromCString("callee"));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAFlatSymbolRef(a))
    return (MlirOperation){NULL};
  MlirStringRef want = mlirFlatSymbolRefAttrGetValue(a);
  MlirOperation m = call;
  while (!mlirOperationIsNull(m) &&
         !mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(m)),
                             mlirStringRefCreateFromCString("builtin.module")))
    m = mlirOperationGetParentOperation(m);
  if (mlirOperationIsNull(m))
    return m;
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(m, 0));
  for (MlirOperation f = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f)) {
    MlirAttribute n = mlirOperationGetAttributeByName(
        f, mlirStringRefCreateFromCString("sym_name"));
    if (!mlirAttributeIsNull(n) && mlirAttributeIsAString(n) &&
        mlirStringRefEqual(mlirStringAttrGetValue(n), want))
      return f;
  }
  return (MlirOperation){NULL};
}

static Z3_ast call_elem(MlyEnc *e, int ctx, MlirOperation call, intptr_t res,
                        int64_t idx) {
  MlirOperation f = mlirOperationIsNull(call) ? call : callee_of(e, call);
  if (mlirOperationIsNull(f))
    return fail(e, "%s", "a func.call whose callee is not in the module");
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  MlirOperation ret = mlirBlockGetTerminator(b);
  if (mlirBlockIsNull(b) || mlirOperationIsNull(ret) ||
      mlirOperationGetNumOperands(ret) <= res)
    return fail(e, "%s", "a callee without body");
  /* One frame per (context, call). */
  int fr = -1;
  for (int i = 1; i < e->nframes; ++i)
    if (e->frames[i].parent == ctx &&
        mlirOperationEqual(e->frames[i].call, call))
      fr = i;
  if (fr < 0) {
    int depth = 0;
    for (int c = ctx; c > 0; c = e->frames[c].parent)
      ++depth;
    if (depth >= MAX_DEPTH)
      return fail(e, "%s", "calls nested too deeply");
    size_t cap = (size_t)e->capframes;
    if (!grow((void **)&e->frames, &cap, (size_t)e->nframes + 1,
              sizeof *e->frames))
      return fail(e, "%s", "out of memory");
    e->capframes = (int)cap;
    e->frames[e->nframes] = (frame){ctx, call, f};
    fr = e->nframes++;
  }
  return elem(e, fr, mlirOperationGetOperand(ret, res), idx);
}

static double attr_num(MlirAttribute a) {
  if (mlirAttributeIsAFloat(a))
    return mlirFloatAttrGetValueDouble(a);
  if (mlirAttributeIsAInteger(a))
    return (double)mlirIntegerAttrGetValueInt(a);
  if (mlirAttributeIsABool(a))
    return mlirBoolAttrGetValue(a);
  return NAN;
}

/* Element idx (row-major) of an mly.constant's value. */
static bool const_value(MlirOperation op, const shape *s, int64_t idx,
                        double *out) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  if (mlirAttributeIsNull(a))
    return false;
  if (mlirAttributeIsADenseElements(a)) {
    if (mlirDenseElementsAttrIsSplat(a)) {
      *out = attr_num(mlirDenseElementsAttrGetSplatValue(a));
      return true;
    }
    uint64_t ix[RANK];
    int64_t t[RANK];
    unflat(s, idx, t);
    for (int64_t i = 0; i < s->rank; ++i)
      ix[i] = (uint64_t)t[i];
    *out = attr_num(mlirElementsAttrGetValue(a, s->rank, ix));
    return true;
  }
  if (mlirAttributeIsADenseResourceElements(a)) {
    MlirType elt = mlyTypeElt(mlirAttributeGetType(a));
    if (mlirTypeIsAF32(elt))
      *out = mlirDenseFloatResourceElementsAttrGetValue(a, idx);
    else if (mlirTypeIsAF64(elt))
      *out = mlirDenseDoubleResourceElementsAttrGetValue(a, idx);
    else if (is_int(elt) && mlirIntegerTypeGetWidth(elt) == 64)
      *out = (double)mlirDenseInt64ResourceElementsAttrGetValue(a, idx);
    else if (is_int(elt) && mlirIntegerTypeGetWidth(elt) == 32)
      *out = mlirDenseInt32ResourceElementsAttrGetValue(a, idx);
    else
      return false;
    return true;
  }
  return false;
}

/* f64 sum accumulation of the IEEE mode. */
static Z3_ast to_f64(MlyEnc *e, Z3_ast x) {
  return Z3_mk_fpa_to_fp_float(e->z, e->s->rne, x, Z3_mk_fpa_sort_64(e->z));
}

static Z3_ast cast(MlyEnc *e, Z3_ast x, MlirType from, MlirType to) {
  if (mlirTypeEqual(from, to))
    return x;
  if (is_bool(from))
    return ite(e, x, num(e, to, 1), num(e, to, 0));
  if (is_bool(to)) {
    if (is_float(from))
      return Z3_mk_not(e->z, fp(e) ? Z3_mk_fpa_is_zero(e->z, x)
                                   : Z3_mk_eq(e->z, x, num(e, from, 0)));
    return Z3_mk_not(e->z, Z3_mk_eq(e->z, x, num(e, from, 0)));
  }
  if (is_float(from) && is_float(to))
    return fp(e) ? Z3_mk_fpa_to_fp_float(e->z, e->s->rne, x, sort_of(e, to))
                 : x;
  if (is_int(from) && is_float(to))
    return fp(e) ? Z3_mk_fpa_to_fp_signed(e->z, e->s->rne, x, sort_of(e, to))
                 : Z3_mk_int2real(e->z, Z3_mk_bv2int(e->z, x, true));
  if (is_float(from) && is_int(to)) {
    /* The interpreter: NaN is 0, out of int64 range saturates, the rest
     * truncates toward zero; then wraps into the result's width. */
    Z3_context z = e->z;
    Z3_sort i64 = Z3_mk_bv_sort(z, 64);
    Z3_ast big = num(e, from, 9.2233720368547758e18);
    Z3_ast r;
    if (fp(e)) {
      Z3_ast t = Z3_mk_fpa_to_sbv(z, Z3_mk_fpa_rtz(z), x, 64);
      r = ite(e, Z3_mk_fpa_is_nan(z, x), Z3_mk_int64(z, 0, i64),
              ite(e, Z3_mk_fpa_geq(z, x, big), Z3_mk_int64(z, INT64_MAX, i64),
                  ite(e, Z3_mk_fpa_leq(z, x, Z3_mk_fpa_neg(z, big)),
                      Z3_mk_int64(z, INT64_MIN, i64), t)));
    } else {
      Z3_ast zero = num(e, from, 0);
      Z3_ast tr = ite(e, Z3_mk_ge(z, x, zero), Z3_mk_real2int(z, x),
                      Z3_mk_unary_minus(
                          z, Z3_mk_real2int(z, Z3_mk_unary_minus(z, x))));
      r = ite(e, Z3_mk_ge(z, x, big), Z3_mk_int64(z, INT64_MAX, i64),
              ite(e, Z3_mk_le(z, x, Z3_mk_unary_minus(z, big)),
                  Z3_mk_int64(z, INT64_MIN, i64), Z3_mk_int2bv(z, 64, tr)));
    }
    unsigned wt = mlirIntegerTypeGetWidth(to);
    return wt < 64 ? Z3_mk_extract(z, wt - 1, 0, r) : r;
  }
  if (is_int(from) && is_int(to)) {
    unsigned wf = mlirIntegerTypeGetWidth(from), wt = mlirIntegerTypeGetWidth(to);
    return wt > wf ? Z3_mk_sign_ext(e->z, wt - wf, x)
                   : Z3_mk_extract(e->z, wt - 1, 0, x);
  }
  return NULL;
}

static Z3_ast unary(MlyEnc *e, MlirOperation op, int k, Z3_ast x,
                    MlirType in, MlirType elt) {
  static const char *const names[] = {
      "neg", "abs", "exp", "log",   "sqrt", "rsqrt", "tanh",
      "sigmoid", "erf", "sin", "cos", "floor", "not", "cast"};
  bool f = is_float(elt);
  switch (k) {
  case MLY_UNARY_NEG:
    if (f)
      return fp(e) ? Z3_mk_fpa_neg(e->z, x) : Z3_mk_unary_minus(e->z, x);
    return Z3_mk_bvneg(e->z, x);
  case MLY_UNARY_ABS:
    if (f && fp(e))
      return Z3_mk_fpa_abs(e->z, x);
    return ite(e, lt(e, x, num(e, elt, 0), elt),
               f ? Z3_mk_unary_minus(e->z, x) : Z3_mk_bvneg(e->z, x), x);
  case MLY_UNARY_NOT:
    if (is_bool(in))
      return cast(e, Z3_mk_not(e->z, x), mlyI1(mlirTypeGetContext(elt)), elt);
    return cast(e, Z3_mk_not(e->z, cast(e, x, in, mlyI1(mlirTypeGetContext(elt)))),
                mlyI1(mlirTypeGetContext(elt)), elt);
  case MLY_UNARY_CAST: {
    Z3_ast r = cast(e, x, in, elt);
    return r ? r : fail(e, "%s", "a float-to-integer mly.cast");
  }
  default:
    if (!f)
      return fail(e, "integer mly.%s", names[k]);
    return apply_uf(e, op, names[k], &x, 1, elt);
  }
}

static Z3_ast binary(MlyEnc *e, MlirOperation op, int k, Z3_ast a, Z3_ast b,
                     MlirType in, MlirType elt) {
  Z3_context z = e->z;
  Z3_ast ab[2] = {a, b};
  bool f = is_float(in);
  if (is_bool(in) && k <= MLY_BINARY_MIN && k != MLY_BINARY_DIV) {
    /* i1 arithmetic: the interpreter computes in int64 and stores != 0. */
    MlirType i64 = mlyI64(mlirTypeGetContext(in));
    a = cast(e, a, in, i64);
    b = cast(e, b, in, i64);
    return cast(e, binary(e, op, k, a, b, i64, i64), i64, elt);
  }
  switch (k) {
  case MLY_BINARY_ADD:
    if (!f)
      return Z3_mk_bvadd(z, a, b);
    return fp(e) ? Z3_mk_fpa_add(z, e->s->rne, a, b) : Z3_mk_add(z, 2, ab);
  case MLY_BINARY_SUB:
    if (!f)
      return Z3_mk_bvsub(z, a, b);
    return fp(e) ? Z3_mk_fpa_sub(z, e->s->rne, a, b) : Z3_mk_sub(z, 2, ab);
  case MLY_BINARY_MUL:
    if (!f)
      return Z3_mk_bvmul(z, a, b);
    return fp(e) ? Z3_mk_fpa_mul(z, e->s->rne, a, b) : Z3_mk_mul(z, 2, ab);
  case MLY_BINARY_DIV:
    if (!f) /* truncates toward zero; INT_MIN / -1 wraps like the
             * interpreter's; a zero divisor is a run-time error there */
      return Z3_mk_bvsdiv(z, a, b);
    return fp(e) ? Z3_mk_fpa_div(z, e->s->rne, a, b) : Z3_mk_div(z, a, b);
  case MLY_BINARY_MAX:
  case MLY_BINARY_MIN:
    return maxmin(e, a, b, in, k == MLY_BINARY_MAX);
  case MLY_BINARY_POW:
    if (!f) {
      /* Integer powers with a constant exponent, by squaring like the
       * interpreter; a negative one gives 1, -1 or 0 (truncated 1/x^|e|). */
      int64_t ev;
      if (!Z3_is_numeral_ast(z, b) || !Z3_get_numeral_int64(z, b, &ev)) {
        uint64_t u;
        unsigned w = Z3_get_bv_sort_size(z, Z3_get_sort(z, b));
        if (!Z3_is_numeral_ast(z, b) || !Z3_get_numeral_uint64(z, b, &u))
          return fail(e, "%s", "an integer mly.pow with a variable exponent");
        ev = w < 64 && (u >> (w - 1)) & 1 ? (int64_t)(u | (~0ull << w))
                                          : (int64_t)u;
      }
      MlirType it = in;
      if (ev < 0) {
        Z3_ast one = num(e, it, 1), mone = num(e, it, -1);
        return ite(e, Z3_mk_eq(z, a, one), one,
                   ite(e, Z3_mk_eq(z, a, mone), (ev & 1) ? mone : one,
                       num(e, it, 0)));
      }
      Z3_ast r = num(e, it, 1), x = a;
      for (; ev; ev >>= 1) {
        if (ev & 1)
          r = Z3_mk_bvmul(z, r, x);
        if (ev > 1)
          x = Z3_mk_bvmul(z, x, x);
      }
      return r;
    }
    return apply_uf(e, op, "pow", ab, 2, elt);
  case MLY_BINARY_AND:
  case MLY_BINARY_OR: {
    MlirType i1 = mlyI1(mlirTypeGetContext(in));
    Z3_ast p[2] = {cast(e, a, in, i1), cast(e, b, in, i1)};
    Z3_ast r = k == MLY_BINARY_AND ? Z3_mk_and(z, 2, p) : Z3_mk_or(z, 2, p);
    return cast(e, r, i1, elt);
  }
  default: {
    Z3_ast r;
    MlirType i1 = mlyI1(mlirTypeGetContext(in));
    switch (k) {
    case MLY_BINARY_EQ:
    case MLY_BINARY_NE:
      r = f && fp(e) ? Z3_mk_fpa_eq(z, a, b) : Z3_mk_eq(z, a, b);
      if (k == MLY_BINARY_NE)
        r = Z3_mk_not(z, r);
      break;
    case MLY_BINARY_LT:
      r = lt(e, a, b, in);
      break;
    case MLY_BINARY_GT:
      r = gt(e, a, b, in);
      break;
    case MLY_BINARY_LE:
      r = f ? (fp(e) ? Z3_mk_fpa_leq(z, a, b) : Z3_mk_le(z, a, b))
            : Z3_mk_bvsle(z, a, b);
      break;
    default:
      r = f ? (fp(e) ? Z3_mk_fpa_geq(z, a, b) : Z3_mk_ge(z, a, b))
            : Z3_mk_bvsge(z, a, b);
    }
    return cast(e, r, i1, elt);
  }
  }
}

/* Real mode, an elementwise op on constants only: a value of its element
 * type, not an expression, so it is evaluated as the type evaluates it
 * (IEEE), which is what constant folding computes. */
static Z3_ast closed(MlyEnc *e, MlirOperation op, int uk, int bk, Z3_ast a,
                     Z3_ast b, MlirType in, MlirType elt) {
  MlySmtMode saved = e->s->mode;
  Z3_ast r = NULL;
  e->s->mode = MLY_SMT_IEEE;
  Z3_ast fa = a, fb = b;
  if (is_float(in)) {
    fa = num(e, in, Z3_get_numeral_double(e->z, a));
    fb = b ? num(e, in, Z3_get_numeral_double(e->z, b)) : NULL;
  }
  r = uk >= 0 ? unary(e, op, uk, fa, in, elt)
              : binary(e, op, bk, fa, fb, in, elt);
  e->s->mode = saved;
  if (!r)
    return NULL;
  r = Z3_simplify(e->z, r);
  if (!Z3_is_numeral_ast(e->z, r))
    return NULL; /* exp, sqrt...: the real encoding follows */
  if (is_float(elt)) {
    if (Z3_fpa_is_numeral_nan(e->z, r) || Z3_fpa_is_numeral_inf(e->z, r))
      return fail(e, "%s", "a constant op with no finite real value");
    r = Z3_simplify(e->z, Z3_mk_fpa_to_real(e->z, r));
  }
  return r;
}

static bool op_is(MlirOperation op, const char *name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString(name));
}

/* Sum / max / min / prod of terms xs[0..n) of sort elt, as the interpreter
 * accumulates them. */
static Z3_ast accumulate(MlyEnc *e, const char *kind, Z3_ast *xs, int64_t n,
                         MlirType elt) {
  bool f = is_float(elt);
  if (!strcmp(kind, "max") || !strcmp(kind, "min")) {
    bool mx = !strcmp(kind, "max");
    Z3_ast a = f && fp(e) ? num(e, elt, mx ? -INFINITY : INFINITY) : NULL;
    for (int64_t i = 0; i < n; ++i) {
      if (!a) {
        a = xs[i];
        continue;
      }
      Z3_ast better = mx ? gt(e, xs[i], a, elt) : lt(e, xs[i], a, elt);
      if (f && fp(e)) {
        Z3_ast c[2] = {Z3_mk_fpa_is_nan(e->z, xs[i]), better};
        better = Z3_mk_or(e->z, 2, c);
      }
      a = ite(e, better, xs[i], a);
    }
    return a ? a : fail(e, "%s", "an empty max/min reduction");
  }
  bool sum = !strcmp(kind, "sum");
  if (!sum && strcmp(kind, "prod"))
    return fail(e, "reduce kind '%s'", kind);
  if (fp(e) && f) {
    Z3_sort d = Z3_mk_fpa_sort_64(e->z);
    Z3_ast a = Z3_mk_fpa_numeral_double(e->z, sum ? 0.0 : 1.0, d);
    for (int64_t i = 0; i < n; ++i)
      a = sum ? Z3_mk_fpa_add(e->z, e->s->rne, a, to_f64(e, xs[i]))
              : Z3_mk_fpa_mul(e->z, e->s->rne, a, to_f64(e, xs[i]));
    return Z3_mk_fpa_to_fp_float(e->z, e->s->rne, a, sort_of(e, elt));
  }
  if (is_bool(elt))
    return fail(e, "%s", "a reduction of i1");
  if (n == 0)
    return num(e, elt, sum ? 0 : 1);
  if (!f) {
    Z3_ast a = xs[0];
    for (int64_t i = 1; i < n; ++i)
      a = sum ? Z3_mk_bvadd(e->z, a, xs[i]) : Z3_mk_bvmul(e->z, a, xs[i]);
    return a;
  }
  return sum ? Z3_mk_add(e->z, (unsigned)n, xs) : Z3_mk_mul(e->z, (unsigned)n, xs);
}

static Z3_ast reduce_elem(MlyEnc *e, int ctx, MlirOperation op,
                          const shape *os, int64_t idx, MlirType elt) {
  MlirValue x = mlirOperationGetOperand(op, 0);
  shape is;
  int64_t dims[RANK], nd = 0, oi[RANK], ii[RANK];
  bool keep, red[RANK] = {false};
  MlirAttribute ka = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("kind"));
  if (!shape_of(x, &is) || mlirAttributeIsNull(ka) ||
      !mlirAttributeIsAString(ka) ||
      !mlyOpGetI64Array(op, "dims", dims, RANK, &nd) ||
      !mlyOpGetBool(op, "keepdim", &keep))
    return fail(e, "%s", "a malformed mly.reduce");
  char kind[16];
  MlirStringRef ks = mlirStringAttrGetValue(ka);
  snprintf(kind, sizeof kind, "%.*s", (int)ks.length, ks.data);
  for (int64_t i = 0; i < nd; ++i) {
    if (dims[i] < 0 || dims[i] >= is.rank)
      return fail(e, "%s", "a malformed mly.reduce");
    red[dims[i]] = true;
  }
  unflat(os, idx, oi);
  shape rs = {0, {0}};
  int64_t n = 1;
  for (int64_t i = 0, j = 0; i < is.rank; ++i) {
    if (red[i]) {
      rs.d[rs.rank++] = is.d[i];
      n *= is.d[i];
      ii[i] = 0;
      if (keep)
        ++j;
    } else {
      ii[i] = oi[j++];
    }
  }
  if (e->terms + n > MAX_TERMS)
    return fail(e, "%s", "an instance too large");
  Z3_ast *xs = malloc((size_t)(n ? n : 1) * sizeof *xs);
  if (!xs)
    return fail(e, "%s", "out of memory");
  Z3_ast r = NULL;
  for (int64_t k = 0; k < n; ++k) {
    int64_t ri[RANK];
    unflat(&rs, k, ri);
    for (int64_t i = 0, j = 0; i < is.rank; ++i)
      if (red[i])
        ii[i] = ri[j++];
    if (!(xs[k] = elem(e, ctx, x, flat(&is, ii))))
      goto out;
  }
  r = accumulate(e, kind, xs, n, elt);
out:
  free(xs);
  return r;
}

static Z3_ast matmul_elem(MlyEnc *e, int ctx, MlirOperation op,
                          const shape *os, int64_t idx, MlirType elt) {
  MlirValue l = mlirOperationGetOperand(op, 0), r = mlirOperationGetOperand(op, 1);
  shape ls, rs;
  bool tl, tr;
  if (!shape_of(l, &ls) || !shape_of(r, &rs) || ls.rank < 2 ||
      rs.rank != ls.rank || !mlyOpGetBool(op, "transpose_lhs", &tl) ||
      !mlyOpGetBool(op, "transpose_rhs", &tr))
    return fail(e, "%s", "a malformed mly.matmul");
  int64_t n = ls.rank, oi[RANK], li[RANK], ri[RANK];
  int64_t K = ls.d[n - (tl ? 2 : 1)];
  unflat(os, idx, oi);
  if (e->terms + K > MAX_TERMS)
    return fail(e, "%s", "an instance too large");
  memcpy(li, oi, sizeof li);
  memcpy(ri, oi, sizeof ri);
  Z3_ast *xs = malloc((size_t)(K ? K : 1) * sizeof *xs), res = NULL;
  if (!xs)
    return fail(e, "%s", "out of memory");
  for (int64_t k = 0; k < K; ++k) {
    int64_t m = oi[n - 2], j = oi[n - 1];
    li[n - 2] = tl ? k : m;
    li[n - 1] = tl ? m : k;
    ri[n - 2] = tr ? j : k;
    ri[n - 1] = tr ? k : j;
    Z3_ast a = elem(e, ctx, l, flat(&ls, li)), b = elem(e, ctx, r, flat(&rs, ri));
    if (!a || !b)
      goto out;
    if (fp(e) && is_float(elt)) {
      /* Products of two f32 (f16, bf16) are exact in f64. */
      xs[k] = Z3_mk_fpa_mul(e->z, e->s->rne, to_f64(e, a), to_f64(e, b));
    } else if (!is_float(elt)) {
      xs[k] = Z3_mk_bvmul(e->z, a, b);
    } else {
      Z3_ast ab[2] = {a, b};
      xs[k] = Z3_mk_mul(e->z, 2, ab);
    }
  }
  if (fp(e) && is_float(elt)) {
    Z3_ast acc = Z3_mk_fpa_numeral_double(e->z, 0.0, Z3_mk_fpa_sort_64(e->z));
    for (int64_t k = 0; k < K; ++k)
      acc = Z3_mk_fpa_add(e->z, e->s->rne, acc, xs[k]);
    res = Z3_mk_fpa_to_fp_float(e->z, e->s->rne, acc, sort_of(e, elt));
  } else if (K == 0) {
    res = num(e, elt, 0);
  } else if (!is_float(elt)) {
    res = xs[0];
    for (int64_t k = 1; k < K; ++k)
      res = Z3_mk_bvadd(e->z, res, xs[k]);
  } else {
    res = Z3_mk_add(e->z, (unsigned)K, xs);
  }
out:
  free(xs);
  return res;
}

/* mly.gather, modes take (result = input dims before `dim`, the indices'
 * dims, input dims after) and along (result[i] = input[i with i[dim] =
 * indices[i]]). A symbolic index selects through a chain of ites over
 * the rows (a negative index counts from the end). */
static Z3_ast gather_elem(MlyEnc *e, int ctx, MlirOperation op,
                          const shape *os, const int64_t *oi, MlirType elt) {
  MlirValue x = mlirOperationGetOperand(op, 0),
            ixv = mlirOperationGetOperand(op, 1);
  shape xs, is;
  int64_t dim, xi[RANK], ii[RANK];
  (void)elt;
  if (!shape_of(x, &xs) || !shape_of(ixv, &is) ||
      !mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= xs.rank ||
      !is_int(mlyTypeElt(mlirValueGetType(ixv))))
    return fail(e, "%s", "a malformed mly.gather");
  bool along = mlyOpStrIs(op, "mode", "along");
  if (along) {
    if (is.rank != xs.rank || os->rank != xs.rank)
      return fail(e, "%s", "a malformed mly.gather");
    for (int64_t i = 0; i < xs.rank; ++i) {
      ii[i] = oi[i];
      xi[i] = xs.d[i] == 1 ? 0 : oi[i];
    }
  } else {
    if (os->rank != xs.rank - 1 + is.rank)
      return fail(e, "%s", "a malformed mly.gather");
    for (int64_t i = 0; i < dim; ++i)
      xi[i] = oi[i];
    for (int64_t i = 0; i < is.rank; ++i)
      ii[i] = oi[dim + i];
    for (int64_t i = dim + 1; i < xs.rank; ++i)
      xi[i] = oi[is.rank + i - 1];
  }
  Z3_ast j = elem(e, ctx, ixv, flat(&is, ii));
  if (!j)
    return NULL;
  int64_t rows = xs.d[dim];
  MlirType it = mlyTypeElt(mlirValueGetType(ixv));
  uint64_t u;
  if (Z3_is_numeral_ast(e->z, j) && Z3_get_numeral_uint64(e->z, j, &u)) {
    int64_t k = (int64_t)u;
    unsigned w = mlirIntegerTypeGetWidth(it);
    if (w < 64 && (u >> (w - 1)) & 1)
      k = (int64_t)(u | (~0ull << w));
    if (k < 0)
      k += rows;
    if (k < 0 || k >= rows)
      return fail(e, "%s", "a constant gather index out of range");
    xi[dim] = k;
    return elem(e, ctx, x, flat(&xs, xi));
  }
  if (rows > 1024 || e->terms + rows > MAX_TERMS)
    return fail(e, "%s", "a symbolic gather over too many rows");
  xi[dim] = rows - 1;
  Z3_ast r = elem(e, ctx, x, flat(&xs, xi));
  for (int64_t k = rows - 2; r && k >= 0; --k) {
    xi[dim] = k;
    Z3_ast v = elem(e, ctx, x, flat(&xs, xi));
    if (!v)
      return NULL;
    Z3_ast c[2] = {Z3_mk_eq(e->z, j, num(e, it, (double)k)),
                   Z3_mk_eq(e->z, j, num(e, it, (double)(k - rows)))};
    r = ite(e, Z3_mk_or(e->z, 2, c), v, r);
  }
  return r;
}

/* mly.conv: input [N, C, x...], weight [Cout, C/groups, k...], optional
 * bias [Cout]; like the interpreter, kernel positions in row-major order
 * (those in the padding skipped), channels inner, then the bias. */
static Z3_ast conv_elem(MlyEnc *e, int ctx, MlirOperation op, const shape *os,
                        const int64_t *oi, MlirType elt) {
  MlirValue x = mlirOperationGetOperand(op, 0), w = mlirOperationGetOperand(op, 1);
  intptr_t nops = mlirOperationGetNumOperands(op);
  shape xs, ws;
  int64_t groups, st[RANK], pad[RANK], dil[RANK], ki[RANK], xi[RANK], wi[RANK];
  if (!shape_of(x, &xs) || !shape_of(w, &ws) || xs.rank < 3 ||
      ws.rank != xs.rank || os->rank != xs.rank ||
      !mlyOpGetI64(op, "groups", &groups) || groups < 1 ||
      !ints(op, "stride", st, xs.rank - 2) ||
      !ints(op, "padding", pad, xs.rank - 2) ||
      !ints(op, "dilation", dil, xs.rank - 2) || xs.d[1] % groups ||
      ws.d[0] % groups)
    return fail(e, "%s", "a malformed mly.conv");
  int64_t n = xs.rank - 2, cg = xs.d[1] / groups, og = ws.d[0] / groups;
  int64_t co = oi[1], kn = 1;
  for (int64_t i = 0; i < n; ++i)
    kn *= ws.d[2 + i];
  if (e->terms + kn * cg > MAX_TERMS)
    return fail(e, "%s", "an instance too large");
  Z3_ast *xs_t = malloc((size_t)(kn * cg + 1) * sizeof *xs_t), res = NULL;
  if (!xs_t)
    return fail(e, "%s", "out of memory");
  int64_t m = 0;
  shape ks = {n, {0}};
  for (int64_t i = 0; i < n; ++i)
    ks.d[i] = ws.d[2 + i];
  bool f = is_float(elt);
  for (int64_t k = 0; k < kn; ++k) {
    unflat(&ks, k, ki);
    bool inside = true;
    xi[0] = oi[0];
    wi[0] = co;
    for (int64_t i = 0; i < n; ++i) {
      xi[2 + i] = oi[2 + i] * st[i] - pad[i] + ki[i] * dil[i];
      wi[2 + i] = ki[i];
      inside = inside && xi[2 + i] >= 0 && xi[2 + i] < xs.d[2 + i];
    }
    if (!inside)
      continue;
    for (int64_t ci = 0; ci < cg; ++ci) {
      xi[1] = co / og * cg + ci;
      wi[1] = ci;
      Z3_ast a = elem(e, ctx, x, flat(&xs, xi)), b = elem(e, ctx, w, flat(&ws, wi));
      if (!a || !b)
        goto out;
      if (fp(e) && f) {
        xs_t[m++] = Z3_mk_fpa_mul(e->z, e->s->rne, to_f64(e, a), to_f64(e, b));
      } else if (!f) {
        xs_t[m++] = Z3_mk_bvmul(e->z, a, b);
      } else {
        Z3_ast ab[2] = {a, b};
        xs_t[m++] = Z3_mk_mul(e->z, 2, ab);
      }
    }
  }
  if (nops == 3) {
    Z3_ast bv = elem(e, ctx, mlirOperationGetOperand(op, 2), co);
    if (!bv)
      goto out;
    xs_t[m++] = fp(e) && f ? to_f64(e, bv) : bv;
  }
  if (fp(e) && f) {
    Z3_ast acc = Z3_mk_fpa_numeral_double(e->z, 0.0, Z3_mk_fpa_sort_64(e->z));
    for (int64_t k = 0; k < m; ++k)
      acc = Z3_mk_fpa_add(e->z, e->s->rne, acc, xs_t[k]);
    res = Z3_mk_fpa_to_fp_float(e->z, e->s->rne, acc, sort_of(e, elt));
  } else if (m == 0) {
    res = num(e, elt, 0);
  } else if (!f) {
    res = xs_t[0];
    for (int64_t k = 1; k < m; ++k)
      res = Z3_mk_bvadd(e->z, res, xs_t[k]);
  } else {
    res = Z3_mk_add(e->z, (unsigned)m, xs_t);
  }
out:
  free(xs_t);
  return res;
}

/* The term of element idx of v, whose defining op is op (mly). */
static Z3_ast op_elem(MlyEnc *e, int ctx, MlirOperation op, MlirValue v,
                      int64_t idx) {
  shape os, is;
  MlirType elt = mlyTypeElt(mlirValueGetType(v));
  int64_t oi[RANK], ii[RANK], a1[RANK], a2[RANK], a3[RANK];
  int k;
  if (!shape_of(v, &os))
    return fail(e, "%s", "a value without static shape");
  unflat(&os, idx, oi);
  intptr_t nops = mlirOperationGetNumOperands(op);
  MlirValue x = nops ? mlirOperationGetOperand(op, 0) : v;
  MlirType in = mlyTypeElt(mlirValueGetType(x));
  if (nops && !shape_of(x, &is))
    return fail(e, "%s", "an operand without static shape");
  if (op_is(op, "mly.constant")) {
    double d;
    if (!const_value(op, &os, idx, &d))
      return fail(e, "%s", "an mly.constant whose value cannot be read");
    Z3_ast t = num(e, elt, d);
    if (!t) {
      /* Real mode has no inf or NaN: each becomes a named real parameter
       * (an equality for every value of it is still a proof; a model is
       * no counterexample). */
      const char *name = isnan(d) ? "mly.nan" : d > 0 ? "mly.inf" : "mly.ninf";
      t = Z3_mk_const(e->z, Z3_mk_string_symbol(e->z, name), sort_of(e, elt));
      if (!e->approx)
        e->approx = "a non-finite constant";
    }
    return t;
  }
  if ((k = mlyUnaryKindOf(op)) >= 0) {
    Z3_ast a = elem(e, ctx, x, idx);
    Z3_ast c = a && !fp(e) && Z3_is_numeral_ast(e->z, a)
                   ? closed(e, op, k, -1, a, NULL, in, elt)
                   : NULL;
    if (c || e->err[0])
      return c;
    return a ? unary(e, op, k, a, in, elt) : NULL;
  }
  if ((k = mlyBinaryKindOf(op)) >= 0) {
    Z3_ast a = elem(e, ctx, x, idx),
           b = a ? elem(e, ctx, mlirOperationGetOperand(op, 1), idx) : NULL;
    Z3_ast c = b && !fp(e) && Z3_is_numeral_ast(e->z, a) &&
                       Z3_is_numeral_ast(e->z, b)
                   ? closed(e, op, -1, k, a, b, in, elt)
                   : NULL;
    if (c || e->err[0])
      return c;
    return b ? binary(e, op, k, a, b, in, elt) : NULL;
  }
  if (op_is(op, "mly.select")) {
    Z3_ast c = elem(e, ctx, x, idx),
           a = c ? elem(e, ctx, mlirOperationGetOperand(op, 1), idx) : NULL,
           b = a ? elem(e, ctx, mlirOperationGetOperand(op, 2), idx) : NULL;
    if (!b)
      return NULL;
    if (!is_bool(in))
      c = cast(e, c, in, mlyI1(mlirTypeGetContext(in)));
    return ite(e, c, a, b);
  }
  if (op_is(op, "mly.iota")) {
    int64_t d;
    if (!mlyOpGetI64(op, "dim", &d) || d < 0 || d >= os.rank)
      return fail(e, "%s", "a malformed mly.iota");
    return num(e, elt, (double)oi[d]);
  }
  if (op_is(op, "mly.reshape"))
    return elem(e, ctx, x, idx);
  if (op_is(op, "mly.broadcast_in_dim")) {
    if (!ints(op, "broadcast_dimensions", a1, is.rank))
      return fail(e, "%s", "a malformed mly.broadcast_in_dim");
    for (int64_t i = 0; i < is.rank; ++i) {
      if (a1[i] < 0 || a1[i] >= os.rank)
        return fail(e, "%s", "a malformed mly.broadcast_in_dim");
      ii[i] = is.d[i] == 1 ? 0 : oi[a1[i]];
    }
    return elem(e, ctx, x, flat(&is, ii));
  }
  if (op_is(op, "mly.transpose")) {
    if (!ints(op, "permutation", a1, os.rank) || is.rank != os.rank)
      return fail(e, "%s", "a malformed mly.transpose");
    for (int64_t i = 0; i < os.rank; ++i) {
      if (a1[i] < 0 || a1[i] >= is.rank)
        return fail(e, "%s", "a malformed mly.transpose");
      ii[a1[i]] = oi[i];
    }
    return elem(e, ctx, x, flat(&is, ii));
  }
  if (op_is(op, "mly.slice")) {
    if (!ints(op, "start_indices", a1, is.rank) ||
        !ints(op, "strides", a2, is.rank) || is.rank != os.rank)
      return fail(e, "%s", "a malformed mly.slice");
    for (int64_t i = 0; i < is.rank; ++i)
      ii[i] = a1[i] + oi[i] * a2[i];
    return elem(e, ctx, x, flat(&is, ii));
  }
  if (op_is(op, "mly.pad")) {
    if (!ints(op, "low", a1, is.rank) || !ints(op, "high", a2, is.rank) ||
        is.rank != os.rank)
      return fail(e, "%s", "a malformed mly.pad");
    bool inside = true;
    for (int64_t i = 0; i < is.rank; ++i) {
      ii[i] = oi[i] - a1[i];
      inside = inside && ii[i] >= 0 && ii[i] < is.d[i];
    }
    if (inside)
      return elem(e, ctx, x, flat(&is, ii));
    double pv = attr_num(mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("value")));
    return num(e, elt, pv);
  }
  if (op_is(op, "mly.concat")) {
    int64_t d;
    if (!mlyOpGetI64(op, "dim", &d) || d < 0 || d >= os.rank)
      return fail(e, "%s", "a malformed mly.concat");
    if (oi[d] < is.d[d])
      return elem(e, ctx, x, flat(&is, oi));
    shape rs;
    MlirValue y = mlirOperationGetOperand(op, 1);
    if (!shape_of(y, &rs))
      return fail(e, "%s", "a malformed mly.concat");
    oi[d] -= is.d[d];
    return elem(e, ctx, y, flat(&rs, oi));
  }
  if (op_is(op, "mly.gather"))
    return gather_elem(e, ctx, op, &os, oi, elt);
  if (op_is(op, "mly.conv"))
    return conv_elem(e, ctx, op, &os, oi, elt);
  if (op_is(op, "mly.reduce"))
    return reduce_elem(e, ctx, op, &os, idx, elt);
  if (op_is(op, "mly.matmul"))
    return matmul_elem(e, ctx, op, &os, idx, elt);
  (void)a3;
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)n.length, n.data);
  return fail(e, "op '%s' (not encoded)", name);
}

static Z3_ast elem(MlyEnc *e, int ctx, MlirValue v, int64_t idx) {
  entry *s = slot(e, v.ptr, idx, ctx);
  if (s->t)
    return s->t;
  if (e->err[0])
    return NULL;
  if (++e->terms > MAX_TERMS)
    return fail(e, "%s", "an instance too large");
  MlirType t = mlirValueGetType(v);
  if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t))
    return fail(e, "%s", "a value that is not a static tensor");
  MlirType elt = mlyTypeElt(t);
  if (!supported_elt(elt))
    return fail(e, "%s", "an element type other than f32/f16/bf16/f64/int");
  Z3_ast r;
  if (mlirValueIsABlockArgument(v) && ctx > 0) {
    /* A callee's argument: the caller's operand. */
    frame f = e->frames[ctx];
    intptr_t i = mlirBlockArgumentGetArgNumber(v);
    r = elem(e, f.parent, mlirOperationGetOperand(f.call, i), idx);
  } else if (mlirValueIsABlockArgument(v) ||
             (ctx == 0 && e->expand && !e->expand(e->user, v))) {
    r = fresh(e, v, idx, elt);
  } else {
    MlirOperation op = mlirOpResultGetOwner(v);
    if (op_is(op, "func.call"))
      r = call_elem(e, ctx, op, mlirOpResultGetResultNumber(v), idx);
    else if (mlyOpIsMly(op))
      r = op_elem(e, ctx, op, v, idx);
    else
      r = fresh(e, v, idx, elt);
    bool leaf = !op_is(op, "func.call") && !mlyOpIsMly(op);
    bool atom = r && Z3_get_ast_kind(e->z, r) == Z3_APP_AST &&
                Z3_get_app_num_args(e->z, Z3_to_app(e->z, r)) == 0;
    if (r && !leaf && !atom && e->named && !Z3_is_numeral_ast(e->z, r) &&
        Z3_get_sort_kind(e->z, Z3_get_sort(e->z, r)) != Z3_BOOL_SORT) {
      char name[48];
      snprintf(name, sizeof name, "t%ld", e->nnamed++);
      Z3_ast t = Z3_mk_const(e->z, Z3_mk_string_symbol(e->z, name),
                             Z3_get_sort(e->z, r));
      if (!grow((void **)&e->side, &e->capside, e->nside + 1, sizeof(Z3_ast)))
        return fail(e, "%s", "out of memory");
      e->side[e->nside++] = Z3_mk_eq(e->z, t, r);
      if (e->s->mode == MLY_SMT_REAL) {
        double lo, hi;
        iv_of(e, r, &lo, &hi);
        iv_put(e, t, lo, hi);
        if (isfinite(lo))
          side(e, Z3_mk_le(e->z, mlySmtRealOf(e->s, lo), t));
        if (isfinite(hi))
          side(e, Z3_mk_le(e->z, t, mlySmtRealOf(e->s, hi)));
      }
      r = t;
    }

  }
  if (!r)
    return NULL;
  if (!memo_put(e, v.ptr, idx, ctx, r))
    return fail(e, "%s", "out of memory");
  return r;
}

void mlyEncSetNamed(MlyEnc *e, bool named,
                    bool (*box)(void *user, MlirValue v, double *lo,
                                double *hi),
                    void *user) {
  e->named = named;
  e->box = box;
  e->box_user = user;
}

Z3_ast mlyEncElem(MlyEnc *e, MlirValue v, int64_t idx) {
  return elem(e, 0, v, idx);
}

Z3_ast mlyEncInBox(MlyEnc *e, Z3_ast x, MlirType elt, double lo, double hi) {
  if (!is_float(elt))
    return Z3_mk_true(e->z);
  Z3_ast c[2];
  if (!fp(e)) {
    c[0] = Z3_mk_le(e->z, mlySmtRealOf(e->s, lo), x);
    c[1] = Z3_mk_le(e->z, x, mlySmtRealOf(e->s, hi));
  } else if (mlirTypeIsAF32(elt)) {
    /* For an f32 x: x >= lo iff x >= lo rounded up to f32 (so no
     * conversion enters the query); NaN fails both. */
    float l = (float)lo, h = (float)hi;
    if (l < lo)
      l = nextafterf(l, INFINITY);
    if (h > hi)
      h = nextafterf(h, -INFINITY);
    Z3_sort f = sort_of(e, elt);
    c[0] = Z3_mk_fpa_leq(e->z, Z3_mk_fpa_numeral_float(e->z, l, f), x);
    c[1] = Z3_mk_fpa_leq(e->z, x, Z3_mk_fpa_numeral_float(e->z, h, f));
  } else {
    Z3_sort d = Z3_mk_fpa_sort_64(e->z);
    Z3_ast x64 = to_f64(e, x);
    c[0] = Z3_mk_fpa_leq(e->z, Z3_mk_fpa_numeral_double(e->z, lo, d), x64);
    c[1] = Z3_mk_fpa_leq(e->z, x64, Z3_mk_fpa_numeral_double(e->z, hi, d));
  }
  return Z3_mk_and(e->z, 2, c);
}
