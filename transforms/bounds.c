/* mly-bounds: interval bound propagation (IBP) over mly programs.
 *
 * One interval per tensor value: every element of the tensor lies in
 * [lo, hi] (or is NaN when the value is marked may-NaN). Results:
 *  - each mly op result and each func.call result gets a discardable
 *    `mly.range = array<f64: lo, hi>`; a call with several results gets
 *    `mly.ranges = [array<f64: lo, hi>, ...]` (one entry per result)
 *    instead. Ops whose result may hold NaN get `mly.may_nan = true`;
 *    ops whose range is unbounded because of a division (or negative
 *    power) by an interval containing 0 get `mly.unbounded = "<reason>"`.
 *  - each analysed function gets result attribute `mly.range` (res_attrs).
 *  - with mlyBoundsSetReportPath, one JSON line per run (see below).
 *
 * Seeds (public functions; private ones are analysed at their calls, with
 * the arguments bound, and the ranges annotated inside a callee are the
 * hull over all its calls): an argument's own `mly.range`; else a weight
 * (`mly.param`) is unknown; else an integer argument used as gather
 * indices gets [0, rows - 1] of the table it indexes; else the global
 * default of mlyBoundsSetInputRange (float arguments); else unknown.
 * Unknown floats are [-inf, +inf] (infinities included, NaN excluded):
 * inputs are assumed not to be NaN.
 *
 * Soundness is for f32 (f16, bf16) evaluation, not only real arithmetic:
 *  - endpoints are rounded outward onto the result type's grid; add, sub,
 *    mul, div and sqrt are correctly rounded in IEEE arithmetic, so their
 *    bounds are the exact results rounded outward (the rounding error of
 *    the double computation is recovered with TwoSum / fma);
 *  - libm functions (exp, log, tanh, sigmoid, erf, sin, cos, rsqrt, pow)
 *    are widened by LIBM_ULPS ulps of the result type besides, for
 *    implementations (GPU intrinsics) that are not correctly rounded, then
 *    clamped to the function's codomain;
 *  - sums of n terms (reduce sum, scan, matmul, conv, avg pool) are
 *    widened by gamma_n * n * max|term| with gamma_n = n u / (1 - n u),
 *    u = 2^-p (2^-24 for f32): any summation order, with or without fma;
 *  - flush-to-zero of subnormal results is allowed for (an endpoint that
 *    rounds to a subnormal is widened to 0).
 * NaN sources: sqrt/log/rsqrt of negatives, pow of a negative base with a
 * non-integer exponent, 0 * inf, inf - inf, 0/0, inf/inf, sin/cos of inf,
 * constants holding NaN; NaN then flows through arithmetic (not through
 * cmp, whose result is 0 or 1, nor a select condition).
 *
 * Report (JSON, one line per run): {"pass": "mly-bounds", "method": "ibp",
 * "functions": [{"name", "results": [{"range", "may_nan"}]}], "values":
 * [{"func", "op", "loc", "result", "range", "method", "width", "may_nan",
 * "unbounded"?}], "remarks": [...]}. Infinite numbers are written as the
 * strings "inf" and "-inf" (JSON has no infinity); "loc" is the op's name
 * location or null.
 *
 * Method crown (mlyBoundsSetMethod): after IBP, per-element CROWN
 * (transforms/bounds_crown.c) runs on every root function; each value's
 * range is then the intersection of its IBP and CROWN ranges (both
 * sound), reported with "method": "crown" and "ibp_width" besides
 * "width"; ops CROWN has no relaxation for, and functions too large for
 * it, are named in the remarks. */
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
#include "mlir-c/Diagnostics.h"
#include "transforms/bounds_crown.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

#define LIBM_ULPS 2       /* error allowed to libm / GPU intrinsics */
#define MAX_CALL_DEPTH 64 /* nested calls analysed before giving up */
#define RANK MLY_BUILDER_MAX_RANK
#define PI 3.14159265358979323846

static const char *report_path;
static bool report_started;
static bool have_input_range;
static double input_lo, input_hi;
static bool use_crown;

bool mlyBoundsSetMethod(const char *method) {
  if (strcmp(method, "ibp") && strcmp(method, "crown"))
    return false;
  use_crown = !strcmp(method, "crown");
  return true;
}

void mlyBoundsSetReportPath(const char *path) {
  report_path = path;
  report_started = false;
}

void mlyBoundsSetInputRange(double lo, double hi) {
  have_input_range = true;
  input_lo = lo;
  input_hi = hi;
}

/* ---- Intervals and the number formats they round onto ---------------- */

typedef struct ival {
  double lo, hi;
  bool nan;              /* may hold NaN besides [lo, hi] */
  const char *unbounded; /* why the range is unbounded, or NULL */
} ival;

enum { K_FLOAT, K_INT, K_BOOL, K_OTHER };

typedef struct fmt {
  int kind;
  int p, emin;         /* floats: precision (bits), least normal exponent */
  double max;          /* floats: largest finite value */
  double imin, imax;   /* ints: the type's range */
} fmt;

static fmt fmt_of(MlirType t) {
  fmt f = {K_OTHER, 53, -1022, DBL_MAX, -INFINITY, INFINITY};
  if (mlirTypeIsAShaped(t))
    t = mlirShapedTypeGetElementType(t);
  if (mlirTypeIsAF32(t))
    f = (fmt){K_FLOAT, 24, -126, FLT_MAX, 0, 0};
  else if (mlirTypeIsAF16(t))
    f = (fmt){K_FLOAT, 11, -14, 65504.0, 0, 0};
  else if (mlirTypeIsABF16(t))
    f = (fmt){K_FLOAT, 8, -126, ldexp(255.0, 120), 0, 0};
  else if (mlirTypeIsAF64(t))
    f = (fmt){K_FLOAT, 53, -1022, DBL_MAX, 0, 0};
  else if (mlirTypeIsAInteger(t)) {
    unsigned w = mlirIntegerTypeGetWidth(t);
    if (w == 1)
      f = (fmt){K_BOOL, 0, 0, 0, 0, 1};
    else if (w <= 64)
      f = (fmt){K_INT, 0, 0, 0, -ldexp(1, (int)w - 1), ldexp(1, (int)w - 1) - 1};
  } else if (mlirTypeIsAIndex(t))
    f = (fmt){K_INT, 0, 0, 0, -ldexp(1, 63), ldexp(1, 63) - 1};
  return f;
}

static ival point(double v) { return (ival){v, v, false, NULL}; }

/* Everything a value of format f can hold (NaN excluded). */
static ival full(const fmt *f) {
  if (f->kind == K_INT || f->kind == K_BOOL)
    return (ival){f->imin, f->imax, false, NULL};
  return (ival){-INFINITY, INFINITY, false, NULL};
}

static ival hull(ival a, ival b) {
  ival r = {fmin(a.lo, b.lo), fmax(a.hi, b.hi), a.nan || b.nan,
            a.unbounded ? a.unbounded : b.unbounded};
  return r;
}

/* The largest value of format f that is <= x (for floats, what
 * round-to-nearest of anything >= x is at least; with flush-to-zero). */
static double rd(double x, const fmt *f) {
  if (isnan(x) || isinf(x) || x == 0)
    return x;
  if (f->kind == K_INT || f->kind == K_BOOL)
    return floor(x);
  if (f->kind != K_FLOAT || f->p >= 53)
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
static double ru(double x, const fmt *f) { return -rd(-x, f); }

/* Rounds s (= the exact result minus err) down / up onto f's grid. */
static double dn_err(double s, double err, const fmt *f) {
  return rd(err < 0 || (f->kind == K_FLOAT && f->p >= 53 && err != 0)
                ? nextafter(s, -INFINITY)
                : s,
            f);
}
static double up_err(double s, double err, const fmt *f) {
  return ru(err > 0 || (f->kind == K_FLOAT && f->p >= 53 && err != 0)
                ? nextafter(s, INFINITY)
                : s,
            f);
}

/* a + b rounded down (dir < 0) or up onto f. NaN for inf - inf. */
static double add_r(double a, double b, int dir, const fmt *f) {
  double s = a + b;
  if (!isfinite(s))
    return s;
  double bb = s - a, err = (a - (s - bb)) + (b - bb);
  return dir < 0 ? dn_err(s, err, f) : up_err(s, err, f);
}

static double mul_r(double a, double b, int dir, const fmt *f) {
  double p = a * b;
  if (!isfinite(p))
    return p;
  double err = fma(a, b, -p);
  if (p == 0 && a != 0 && b != 0) /* underflow in double */
    err = (a < 0) != (b < 0) ? -1 : 1;
  return dir < 0 ? dn_err(p, err, f) : up_err(p, err, f);
}

static double div_r(double a, double b, int dir, const fmt *f) {
  double q = a / b;
  if (!isfinite(q) || !isfinite(a) || !isfinite(b) || b == 0)
    return q;
  double r = fma(-q, b, a), err = b < 0 ? -r : r;
  return dir < 0 ? dn_err(q, err, f) : up_err(q, err, f);
}

/* A libm result v (maybe off by an ulp of double) rounded down / up onto
 * f, then LIBM_ULPS more ulps of f for implementations of f's precision. */
static double libm_r(double v, int dir, const fmt *f) {
  if (isnan(v) || isinf(v))
    return v;
  double inf = dir < 0 ? -INFINITY : INFINITY;
  double r = nextafter(nextafter(v, inf), inf);
  r = dir < 0 ? rd(r, f) : ru(r, f);
  if (f->kind == K_FLOAT)
    for (int i = 0; i < LIBM_ULPS && isfinite(r); ++i)
      r = dir < 0 ? rd(nextafter(r, inf), f) : ru(nextafter(r, inf), f);
  return r;
}

/* gamma_n = n u / (1 - n u) for f's unit roundoff, rounded up; +inf when
 * n u >= 1/2 (no useful bound). 0 for integers (exact, or wrapped). */
static double gamma_n(double n, const fmt *f) {
  if (f->kind != K_FLOAT)
    return 0;
  double nu = n * ldexp(1, -f->p);
  if (nu >= 0.5)
    return INFINITY;
  return nu / (1 - nu) * (1 + 0x1p-40);
}

static double mag(ival a) { return fmax(fabs(a.lo), fabs(a.hi)); }

/* The values of n-term sums of terms in t ([n t.lo, n t.hi]) widened by
 * the rounding error of evaluating them in f, rounded outward. */
static ival sum_of(ival t, double n, const fmt *f) {
  ival r = t;
  double g = gamma_n(n, f) * (1 + 0x1p-40), e = g * n * mag(t);
  if (n == 0)
    return point(0);
  if (isnan(e))
    e = INFINITY;
  double lo = nextafter(n * t.lo - e, -INFINITY);
  double hi = nextafter(n * t.hi + e, INFINITY);
  /* terms of one sign: the error is relative to the sum itself */
  if (t.lo >= 0)
    lo = fmax(lo, nextafter(n * t.lo * (1 - g), -INFINITY));
  if (t.hi <= 0)
    hi = fmin(hi, nextafter(n * t.hi * (1 - g), INFINITY));
  r.lo = isnan(lo) ? -INFINITY : rd(lo, f);
  r.hi = isnan(hi) ? INFINITY : ru(hi, f);
  if (t.lo == -INFINITY && t.hi == INFINITY && n > 1)
    r.nan = true; /* inf + -inf */
  return r;
}

/* Clamps an integer or bool result into its type (integer arithmetic
 * wraps, so leaving the range means any value). */
static ival finish(ival r, const fmt *f) {
  if (isnan(r.lo))
    r.lo = -INFINITY;
  if (isnan(r.hi))
    r.hi = INFINITY;
  if (f->kind == K_BOOL) {
    r.lo = fmax(0, fmin(1, r.lo));
    r.hi = fmin(1, fmax(0, r.hi));
    r.nan = false;
  } else if (f->kind == K_INT) {
    if (r.lo < f->imin || r.hi > f->imax)
      r.lo = f->imin, r.hi = f->imax;
    r.nan = false;
  }
  return r;
}

/* ---- Elementwise rules ----------------------------------------------- */

static ival ival_add(ival a, ival b, const fmt *f) {
  ival r = {add_r(a.lo, b.lo, -1, f), add_r(a.hi, b.hi, 1, f),
            a.nan || b.nan, NULL};
  if ((a.hi == INFINITY && b.lo == -INFINITY) ||
      (a.lo == -INFINITY && b.hi == INFINITY))
    r.nan = true;
  if (isnan(r.lo))
    r.lo = -INFINITY;
  if (isnan(r.hi))
    r.hi = INFINITY;
  return r;
}

static ival ival_neg(ival a) {
  ival r = {-a.hi, -a.lo, a.nan, NULL};
  return r;
}

static ival ival_mul(ival a, ival b, const fmt *f) {
  double c[4][2] = {{a.lo, b.lo}, {a.lo, b.hi}, {a.hi, b.lo}, {a.hi, b.hi}};
  ival r = {INFINITY, -INFINITY, a.nan || b.nan, NULL};
  for (int i = 0; i < 4; ++i) {
    double lo = mul_r(c[i][0], c[i][1], -1, f);
    double hi = mul_r(c[i][0], c[i][1], 1, f);
    if (isnan(lo)) { /* 0 * inf */
      r.nan = true;
      continue;
    }
    r.lo = fmin(r.lo, lo);
    r.hi = fmax(r.hi, hi);
  }
  /* 0 * inf inside the box (not only at a corner). */
  if ((a.lo <= 0 && a.hi >= 0 && (isinf(b.lo) || isinf(b.hi))) ||
      (b.lo <= 0 && b.hi >= 0 && (isinf(a.lo) || isinf(a.hi))))
    r.nan = true;
  if (r.lo > r.hi)
    r.lo = -INFINITY, r.hi = INFINITY;
  return r;
}

/* x * x: a square is never negative. */
static ival ival_sqr(ival a, const fmt *f) {
  ival r = {0, 0, a.nan, NULL};
  if (a.lo >= 0)
    r.lo = mul_r(a.lo, a.lo, -1, f), r.hi = mul_r(a.hi, a.hi, 1, f);
  else if (a.hi <= 0)
    r.lo = mul_r(a.hi, a.hi, -1, f), r.hi = mul_r(a.lo, a.lo, 1, f);
  else
    r.hi = fmax(mul_r(a.lo, a.lo, 1, f), mul_r(a.hi, a.hi, 1, f));
  return r;
}

static const char *const div_zero =
    "division by an interval containing 0";

static ival ival_div(ival a, ival b, const fmt *f) {
  ival r = {INFINITY, -INFINITY, a.nan || b.nan, NULL};
  if (b.lo <= 0 && b.hi >= 0) {
    if (f->kind == K_INT || f->kind == K_BOOL) {
      /* a zero divisor is an error at run time; |a / b| <= |a| else */
      double m = mag(a);
      return (ival){-m, m, false, NULL};
    }
    r.lo = -INFINITY, r.hi = INFINITY;
    r.unbounded = div_zero;
    if ((a.lo <= 0 && a.hi >= 0) || isinf(a.lo) || isinf(a.hi))
      r.nan = true; /* 0/0, inf/inf */
    return r;
  }
  double c[4][2] = {{a.lo, b.lo}, {a.lo, b.hi}, {a.hi, b.lo}, {a.hi, b.hi}};
  for (int i = 0; i < 4; ++i) {
    double lo = div_r(c[i][0], c[i][1], -1, f);
    double hi = div_r(c[i][0], c[i][1], 1, f);
    if (isnan(lo)) { /* inf / inf */
      r.nan = true;
      continue;
    }
    r.lo = fmin(r.lo, lo);
    r.hi = fmax(r.hi, hi);
  }
  if ((isinf(a.lo) || isinf(a.hi)) && (isinf(b.lo) || isinf(b.hi)))
    r.nan = true;
  if (f->kind == K_INT) /* truncation toward zero */
    r.lo = trunc(r.lo), r.hi = trunc(r.hi);
  if (r.lo > r.hi)
    r.lo = -INFINITY, r.hi = INFINITY;
  return r;
}

/* A monotone libm function on [lo, hi], clamped to [clo, chi]. */
static ival mono(ival a, double (*fn)(double), bool increasing, double clo,
                 double chi, const fmt *f) {
  double x = fn(a.lo), y = fn(a.hi);
  ival r = {increasing ? x : y, increasing ? y : x, a.nan, NULL};
  r.lo = fmax(libm_r(r.lo, -1, f), clo);
  r.hi = fmin(libm_r(r.hi, 1, f), chi);
  return r;
}

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }
static double rsqrt(double x) { return 1.0 / sqrt(x); }

static double sqrt_r(double x, int dir, const fmt *f) {
  double s = sqrt(x);
  if (!isfinite(s) || s == 0)
    return s;
  double err = fma(-s, s, x);
  return dir < 0 ? dn_err(s, err, f) : up_err(s, err, f);
}

/* The part of a at or above 0, and whether a reaches below it. */
static ival nonneg(ival a, bool *neg) {
  *neg = a.lo < 0;
  if (a.hi < 0) /* NaN only */
    return (ival){-INFINITY, INFINITY, true, NULL};
  a.lo = fmax(a.lo, 0);
  return a;
}

/* sin or cos over [lo, hi]: the endpoints' values, and +-1 where the
 * interval holds a peak (the peaks' test allows for pi's rounding). */
static ival trig(ival a, bool is_cos, const fmt *f) {
  ival r = {-1, 1, a.nan, NULL};
  if (isinf(a.lo) || isinf(a.hi)) {
    r.nan = true;
    return r;
  }
  if (a.hi - a.lo >= 2 * PI)
    return r;
  double (*fn)(double) = is_cos ? cos : sin;
  double shift = is_cos ? 0 : PI / 2; /* sin t = cos(t - pi/2) */
  double lo = a.lo - shift, hi = a.hi - shift;
  double tol = 1e-9 + 1e-15 * fmax(fabs(lo), fabs(hi));
  double x = fn(a.lo), y = fn(a.hi);
  /* cos peaks at 2k pi (+1) and pi + 2k pi (-1) */
  double k = ceil((lo - tol) / (2 * PI));
  bool has_max = k * 2 * PI <= hi + tol;
  k = ceil((lo - PI - tol) / (2 * PI));
  bool has_min = PI + k * 2 * PI <= hi + tol;
  r.hi = has_max ? 1 : fmin(1, libm_r(fmax(x, y), 1, f));
  r.lo = has_min ? -1 : fmax(-1, libm_r(fmin(x, y), -1, f));
  return r;
}

static const char *const pow_zero =
    "negative power of an interval containing 0";

/* a ** b; negative bases are defined for integer exponents only. */
static ival ival_pow(ival a, ival b, const fmt *f) {
  ival r = {INFINITY, -INFINITY, a.nan || b.nan, NULL};
  if (b.lo == b.hi && isfinite(b.lo)) {
    double c = b.lo;
    if (c == 0)
      return (ival){1, 1, false, NULL};
    if (c == floor(c) && fabs(c) < 0x1p53) {
      bool even = fmod(c, 2) == 0;
      double x = pow(a.lo, c), y = pow(a.hi, c);
      if (c < 0 && a.lo <= 0 && a.hi >= 0) {
        r.lo = even ? 0 : -INFINITY, r.hi = INFINITY;
        r.unbounded = pow_zero;
        return r;
      }
      if (even && a.lo < 0 && a.hi > 0) /* c > 0 here */
        r.lo = 0, r.hi = fmax(x, y);
      else
        r.lo = fmin(x, y), r.hi = fmax(x, y);
      if (f->kind == K_INT || f->kind == K_BOOL)
        return c < 0 ? (ival){-1, 1, false, NULL} : r;
      r.lo = r.lo == 0 ? 0 : libm_r(r.lo, -1, f);
      r.hi = libm_r(r.hi, 1, f);
      return r;
    }
  }
  if (f->kind == K_INT || f->kind == K_BOOL)
    return full(f);
  bool neg;
  ival x = nonneg(a, &neg);
  if (neg) /* negative base, maybe non-integer exponent */
    r.nan = true;
  if (x.nan && a.hi < 0)
    return x;
  /* x >= 0: x^y = exp(y ln x) takes its extremes at the box's corners;
   * y = 0 gives 1, and 0^y is 0 (y > 0) or inf (y < 0). */
  double c[4][2] = {{x.lo, b.lo}, {x.lo, b.hi}, {x.hi, b.lo}, {x.hi, b.hi}};
  for (int i = 0; i < 4; ++i) {
    double v = pow(c[i][0], c[i][1]);
    if (isnan(v)) {
      r.nan = true;
      continue;
    }
    r.lo = fmin(r.lo, v);
    r.hi = fmax(r.hi, v);
  }
  if (b.lo <= 0 && b.hi >= 0)
    r.lo = fmin(r.lo, 1), r.hi = fmax(r.hi, 1);
  if (x.lo == 0 && b.lo < 0) {
    r.hi = INFINITY;
    r.unbounded = pow_zero;
  }
  if (r.lo > r.hi)
    return (ival){-INFINITY, INFINITY, true, NULL};
  r.lo = r.lo == 0 ? 0 : fmax(0, libm_r(r.lo, -1, f));
  r.hi = libm_r(r.hi, 1, f);
  return r;
}

/* cmp with predicate p: 0 or 1, decided when the intervals decide it
 * (NaN compares false except under "ne"). */
static ival ival_cmp(MlirOperation op, ival a, ival b) {
  static const char *const preds[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  int p = -1;
  for (int i = 0; i < 6; ++i)
    if (mlyOpStrIs(op, "predicate", preds[i]))
      p = i;
  int t = -1; /* 1 always true, 0 always false, -1 either */
  switch (p) {
  case 0:
  case 1:
    if (a.lo == a.hi && b.lo == b.hi && a.lo == b.lo)
      t = 1;
    else if (a.hi < b.lo || b.hi < a.lo)
      t = 0;
    if (p == 1 && t >= 0)
      t = !t;
    break;
  case 2:
    t = a.hi < b.lo ? 1 : a.lo >= b.hi ? 0 : -1;
    break;
  case 3:
    t = a.hi <= b.lo ? 1 : a.lo > b.hi ? 0 : -1;
    break;
  case 4:
    t = a.lo > b.hi ? 1 : a.hi <= b.lo ? 0 : -1;
    break;
  case 5:
    t = a.lo >= b.hi ? 1 : a.hi < b.lo ? 0 : -1;
    break;
  }
  if ((a.nan || b.nan) && t >= 0 && t != (p == 1))
    t = -1;
  return t < 0 ? (ival){0, 1, false, NULL} : point(t);
}

/* Whether a value in a is nonzero always (1), never (0), or either. */
static int truth(ival a) {
  if (!a.nan && a.lo == 0 && a.hi == 0)
    return 0;
  if (a.lo > 0 || a.hi < 0)
    return 1;
  return -1;
}

static ival ival_cast(ival a, const fmt *to) {
  ival r = a;
  if (to->kind == K_BOOL) {
    int t = truth(a);
    return t < 0 ? (ival){0, 1, false, NULL} : point(t);
  }
  if (to->kind == K_INT) {
    if (a.nan)
      return full(to);
    /* truncation toward zero, saturating */
    r.lo = fmax(to->imin, fmin(to->imax, trunc(a.lo)));
    r.hi = fmax(to->imin, fmin(to->imax, trunc(a.hi)));
    return r;
  }
  r.lo = rd(a.lo, to);
  r.hi = ru(a.hi, to);
  return r;
}

/* ---- The analysis state ---------------------------------------------- */

/* A value's interval in the current call context, and its hull over all
 * contexts (what is annotated). Keyed by the value's pointer. */
typedef struct slot {
  const void *key;
  ival cur, all;
  bool has_all;
  double crown_lo, crown_hi; /* CROWN's hull over contexts */
  bool has_crown, crown_blocked;
} slot;

typedef struct func_info {
  MlirOperation op;
  MlirStringRef name;
  bool is_private, analysed, on_stack, is_root;
  intptr_t n_res;
  ival *res; /* hull over the calls, n_res */
} func_info;

typedef struct bounds {
  MlirContext ctx;
  slot *slots;
  size_t n_slots, cap; /* cap is a power of two */
  func_info *funcs;
  size_t n_funcs;
  bool oom;
  char **remarks; /* CROWN's, without duplicates */
  size_t n_remarks;
} bounds;

static size_t hash_ptr(const void *p) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

static slot *slot_get(bounds *b, MlirValue v, bool create) {
  if (create && 2 * (b->n_slots + 1) > b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 1024;
    slot *s = calloc(cap, sizeof *s);
    if (!s) {
      b->oom = true;
      return NULL;
    }
    for (size_t i = 0; i < b->cap; ++i)
      if (b->slots[i].key) {
        size_t j = hash_ptr(b->slots[i].key) & (cap - 1);
        while (s[j].key)
          j = (j + 1) & (cap - 1);
        s[j] = b->slots[i];
      }
    free(b->slots);
    b->slots = s;
    b->cap = cap;
  }
  if (!b->cap)
    return NULL;
  size_t j = hash_ptr(v.ptr) & (b->cap - 1);
  while (b->slots[j].key && b->slots[j].key != v.ptr)
    j = (j + 1) & (b->cap - 1);
  if (b->slots[j].key)
    return &b->slots[j];
  if (!create)
    return NULL;
  b->slots[j].key = v.ptr;
  b->n_slots++;
  return &b->slots[j];
}

static ival value_range(bounds *b, MlirValue v) {
  slot *s = slot_get(b, v, false);
  if (s)
    return s->cur;
  fmt f = fmt_of(mlirValueGetType(v));
  return full(&f);
}

static void set_range(bounds *b, MlirValue v, ival r, bool record) {
  slot *s = slot_get(b, v, true);
  if (!s)
    return;
  s->cur = r;
  if (record) {
    s->all = s->has_all ? hull(s->all, r) : r;
    s->has_all = true;
  }
}

static func_info *find_func(bounds *b, MlirStringRef name) {
  for (size_t i = 0; i < b->n_funcs; ++i)
    if (b->funcs[i].name.length == name.length &&
        !memcmp(b->funcs[i].name.data, name.data, name.length))
      return &b->funcs[i];
  return NULL;
}

static bool op_is(MlirOperation op, const char *name) {
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  return s.length == strlen(name) && !memcmp(s.data, name, s.length);
}

static MlirBlock entry_block(MlirOperation func) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

/* ---- Seeds ----------------------------------------------------------- */

static MlirAttribute arg_attr(MlirOperation func, intptr_t i,
                              const char *name) {
  MlirAttribute all = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("arg_attrs"));
  if (mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all) ||
      i >= mlirArrayAttrGetNumElements(all))
    return (MlirAttribute){NULL};
  MlirAttribute d = mlirArrayAttrGetElement(all, i);
  if (!mlirAttributeIsADictionary(d))
    return (MlirAttribute){NULL};
  return mlirDictionaryAttrGetElementByName(
      d, mlirStringRefCreateFromCString(name));
}

static bool read_range(MlirAttribute a, double *lo, double *hi) {
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF64Array(a) ||
      mlirDenseArrayGetNumElements(a) != 2)
    return false;
  *lo = mlirDenseF64ArrayGetElement(a, 0);
  *hi = mlirDenseF64ArrayGetElement(a, 1);
  return *lo <= *hi;
}

/* The hull of [0, rows - 1] over the gathers that take v as indices
 * (through fused-function calls); false when there is none. */
static bool gather_rows(bounds *b, MlirValue v, int depth, double *rows) {
  bool any = false;
  if (depth > 4)
    return false;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    unsigned k = mlirOpOperandGetOperandNumber(u);
    int64_t dim, dims[RANK];
    if (op_is(user, "mly.gather") && k == 1 &&
        mlyOpGetI64(user, "dim", &dim)) {
      MlirType t = mlirValueGetType(mlirOperationGetOperand(user, 0));
      if (dim < 0 || dim >= mlyTypeRank(t) || mlyTypeRank(t) > RANK)
        continue;
      mlyTypeDims(t, dims);
      *rows = fmax(*rows, (double)dims[dim]);
      any = true;
    } else if (op_is(user, "func.call")) {
      MlirAttribute c = mlirOperationGetAttributeByName(
          user, mlirStringRefCreateFromCString("callee"));
      func_info *fi = !mlirAttributeIsNull(c) && mlirAttributeIsAFlatSymbolRef(c)
                          ? find_func(b, mlirFlatSymbolRefAttrGetValue(c))
                          : NULL;
      MlirBlock e = fi ? entry_block(fi->op) : (MlirBlock){NULL};
      if (!mlirBlockIsNull(e) && k < (unsigned)mlirBlockGetNumArguments(e))
        any |= gather_rows(b, mlirBlockGetArgument(e, k), depth + 1, rows);
    }
  }
  return any;
}

static ival seed(bounds *b, MlirOperation func, intptr_t i, MlirValue arg) {
  fmt f = fmt_of(mlirValueGetType(arg));
  double lo, hi, rows = 0;
  if (read_range(arg_attr(func, i, "mly.range"), &lo, &hi))
    return (ival){rd(lo, &f), ru(hi, &f), false, NULL};
  if (!mlirAttributeIsNull(arg_attr(func, i, "mly.param")))
    return full(&f);
  if (f.kind == K_INT && gather_rows(b, arg, 0, &rows))
    return (ival){0, fmax(rows - 1, 0), false, NULL};
  if (f.kind == K_FLOAT && have_input_range)
    return (ival){rd(input_lo, &f), ru(input_hi, &f), false, NULL};
  return full(&f);
}

/* ---- Op rules -------------------------------------------------------- */

/* The exact range of a constant's elements. */
static ival constant_range(MlirOperation op, const fmt *f) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  ival r = {INFINITY, -INFINITY, false, NULL};
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseElements(a))
    return full(f);
  MlirType elt = mlirShapedTypeGetElementType(mlirAttributeGetType(a));
  bool splat = mlirDenseElementsAttrIsSplat(a);
  intptr_t n = splat ? 1 : (intptr_t)mlirElementsAttrGetNumElements(a);
  const uint16_t *raw16 = NULL;
  if (mlirTypeIsAF16(elt) || mlirTypeIsABF16(elt))
    raw16 = mlirDenseElementsAttrGetRawData(a);
  for (intptr_t i = 0; i < n; ++i) {
    double v;
    if (raw16) {
      uint16_t h = raw16[i];
      if (mlirTypeIsABF16(elt)) {
        uint32_t w = (uint32_t)h << 16;
        float x;
        memcpy(&x, &w, sizeof x);
        v = x;
      } else {
        int e = (h >> 10) & 31, m = h & 1023;
        v = e == 31 ? (m ? NAN : INFINITY)
            : e     ? ldexp(1024 + m, e - 25)
                    : ldexp(m, -24);
        if (h & 0x8000)
          v = -v;
      }
    } else if (splat) {
      MlirAttribute s = mlirDenseElementsAttrGetSplatValue(a);
      if (mlirAttributeIsAFloat(s))
        v = mlirFloatAttrGetValueDouble(s);
      else if (mlirAttributeIsABool(s))
        v = mlirBoolAttrGetValue(s);
      else if (mlirAttributeIsAInteger(s))
        v = (double)mlirIntegerAttrGetValueInt(s);
      else
        return full(f);
    } else if (mlirTypeIsAF32(elt))
      v = mlirDenseElementsAttrGetFloatValue(a, i);
    else if (mlirTypeIsAF64(elt))
      v = mlirDenseElementsAttrGetDoubleValue(a, i);
    else if (mlirTypeIsAInteger(elt)) {
      unsigned w = mlirIntegerTypeGetWidth(elt);
      v = w == 1    ? mlirDenseElementsAttrGetBoolValue(a, i)
          : w == 64 ? (double)mlirDenseElementsAttrGetInt64Value(a, i)
          : w == 32 ? mlirDenseElementsAttrGetInt32Value(a, i)
          : w == 16 ? mlirDenseElementsAttrGetInt16Value(a, i)
          : w == 8  ? mlirDenseElementsAttrGetInt8Value(a, i)
                    : NAN;
      if (isnan(v))
        return full(f);
    } else
      return full(f);
    if (isnan(v)) {
      r.nan = true;
      continue;
    }
    r.lo = fmin(r.lo, v);
    r.hi = fmax(r.hi, v);
  }
  if (r.lo > r.hi) /* all NaN, or empty */
    r.lo = r.hi = 0;
  return r;
}

/* The number of elements each result element of a reduce sums. */
static double reduce_count(MlirOperation op) {
  int64_t rd_dims[RANK], n, dims[RANK];
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  if (mlyTypeRank(t) > RANK || !mlyOpGetI64Array(op, "dims", rd_dims, RANK, &n))
    return INFINITY;
  mlyTypeDims(t, dims);
  double c = 1;
  for (int64_t i = 0; i < n; ++i)
    if (rd_dims[i] >= 0 && rd_dims[i] < mlyTypeRank(t))
      c *= (double)dims[rd_dims[i]];
  return c;
}

static ival reduce_rule(MlirOperation op, ival x, const fmt *f) {
  double n = reduce_count(op);
  if (mlyOpStrIs(op, "kind", "max") || mlyOpStrIs(op, "kind", "min"))
    return x;
  if (mlyOpStrIs(op, "kind", "sum"))
    return sum_of(x, n, f);
  if (mlyOpStrIs(op, "kind", "prod")) {
    if (n == 0)
      return point(1);
    ival r = x;
    double m = pow(mag(x), n), g = 1 + gamma_n(n, f);
    if (x.lo >= 0)
      r.lo = pow(x.lo, n) / g, r.hi = m * g;
    else
      r.lo = -m * g, r.hi = m * g;
    if (f->kind == K_FLOAT) {
      r.lo = libm_r(r.lo, -1, f), r.hi = libm_r(r.hi, 1, f);
      if (x.lo <= 0 && x.hi >= 0 && (isinf(x.lo) || isinf(x.hi)))
        r.nan = true;
    }
    return r;
  }
  return full(f);
}

/* Inclusive prefix sums of 1..len terms. */
static ival scan_rule(MlirOperation op, ival x, const fmt *f) {
  int64_t dim, dims[RANK];
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  if (!mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= mlyTypeRank(t) ||
      mlyTypeRank(t) > RANK)
    return full(f);
  mlyTypeDims(t, dims);
  double len = (double)dims[dim];
  ival r = sum_of(x, len, f);
  ival one = sum_of(x, 1, f);
  return len >= 1 ? hull(r, one) : r;
}

static ival matmul_rule(MlirOperation op, ival a, ival b, const fmt *f) {
  bool tl = false;
  int64_t dims[RANK];
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  int64_t n = mlyTypeRank(t);
  if (n < 2 || n > RANK)
    return full(f);
  mlyOpGetBool(op, "transpose_lhs", &tl);
  mlyTypeDims(t, dims);
  double k = (double)dims[n - (tl ? 2 : 1)];
  fmt d = fmt_of(mlirF64TypeGet(mlirTypeGetContext(t)));
  return sum_of(ival_mul(a, b, &d), k, f);
}

/* input [N, C, x...], weight [Cout, C/groups, k...], bias? [Cout]: sums
 * of C/groups * prod(k) products and the bias; padding drops products
 * (zeros), so 0 joins the products' sum. */
static ival conv_rule(MlirOperation op, ival x, ival w, const ival *bias,
                      const fmt *f) {
  int64_t dims[RANK], pad[RANK], np = 0;
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 1));
  int64_t n = mlyTypeRank(t);
  if (n < 2 || n > RANK)
    return full(f);
  mlyTypeDims(t, dims);
  double k = 1;
  for (int64_t i = 1; i < n; ++i)
    k *= (double)dims[i];
  bool padded = false;
  if (mlyOpGetI64Array(op, "padding", pad, RANK, &np))
    for (int64_t i = 0; i < np; ++i)
      padded |= pad[i] > 0;
  fmt d = fmt_of(mlirF64TypeGet(mlirTypeGetContext(t)));
  ival p = ival_mul(x, w, &d);
  if (padded)
    p = hull(p, point(0));
  ival terms = bias ? hull(p, *bias) : p;
  double nt = k + (bias ? 1 : 0);
  /* the products' part and the bias, each exact, then one error term */
  ival s = sum_of(p, k, &d);
  if (bias)
    s = ival_add(s, *bias, &d);
  double e = gamma_n(nt, f) * nt * mag(terms) * (1 + 0x1p-40);
  ival r = s;
  r.lo = rd(nextafter(s.lo - e, -INFINITY), f);
  r.hi = ru(nextafter(s.hi + e, INFINITY), f);
  if (isnan(r.lo))
    r.lo = -INFINITY;
  if (isnan(r.hi))
    r.hi = INFINITY;
  return r;
}

static ival pool_rule(MlirOperation op, ival x, const fmt *f) {
  int64_t win[RANK], pad[RANK], dil[RANK], nw = 0, np = 0, nd = 0;
  bool include_pad = false, empty = false, padded = false;
  if (!mlyOpGetI64Array(op, "window", win, RANK, &nw) ||
      !mlyOpGetI64Array(op, "padding", pad, RANK, &np) ||
      !mlyOpGetI64Array(op, "dilation", dil, RANK, &nd) || np != nw ||
      nd != nw)
    return full(f);
  mlyOpGetBool(op, "count_include_pad", &include_pad);
  double k = 1;
  for (int64_t i = 0; i < nw; ++i) {
    k *= (double)win[i];
    padded |= pad[i] > 0;
    /* a window may lie wholly in the padding */
    empty |= pad[i] >= (win[i] - 1) * dil[i] + 1;
  }
  if (mlyOpStrIs(op, "kind", "max")) {
    if (empty)
      x.lo = -INFINITY;
    return x;
  }
  ival base = include_pad && padded ? hull(x, point(0)) : x;
  double e = gamma_n(k + 1, f) * mag(x) * (1 + 0x1p-40);
  ival r = base;
  r.lo = rd(nextafter(base.lo - e, -INFINITY), f);
  r.hi = ru(nextafter(base.hi + e, INFINITY), f);
  if (isnan(r.lo))
    r.lo = -INFINITY;
  if (isnan(r.hi))
    r.hi = INFINITY;
  if (empty && !include_pad)
    r.nan = true; /* 0 / 0 */
  return r;
}

static ival pad_rule(MlirOperation op, ival x, const fmt *f) {
  int64_t lo[RANK], hi[RANK], nl = 0, nh = 0;
  double v = 0;
  bool grows = false;
  if (mlyOpGetI64Array(op, "low", lo, RANK, &nl))
    for (int64_t i = 0; i < nl; ++i)
      grows |= lo[i] > 0;
  if (mlyOpGetI64Array(op, "high", hi, RANK, &nh))
    for (int64_t i = 0; i < nh; ++i)
      grows |= hi[i] > 0;
  if (!grows)
    return x;
  mlyOpGetF64(op, "value", &v);
  ival p = {rd(v, f), ru(v, f), isnan(v), NULL};
  if (isnan(v))
    p.lo = p.hi = x.lo;
  return hull(x, p);
}

static ival iota_rule(MlirOperation op, MlirType t) {
  int64_t dim, dims[RANK];
  if (!mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= mlyTypeRank(t) ||
      mlyTypeRank(t) > RANK)
    return (ival){0, INFINITY, false, NULL};
  mlyTypeDims(t, dims);
  return (ival){0, fmax((double)dims[dim] - 1, 0), false, NULL};
}

/* ---- Softmax: x - max(x) <= 0, and sum(exp(x - max(x))) >= 1 ------- */

static MlirOperation def_of(MlirValue v, const char *name) {
  if (!mlirValueIsAOpResult(v))
    return (MlirOperation){NULL};
  MlirOperation d = mlirOpResultGetOwner(v);
  return op_is(d, name) ? d : (MlirOperation){NULL};
}

/* v without the broadcasts and reshapes that only copy its elements. */
static MlirValue strip(MlirValue v) {
  for (;;) {
    MlirOperation d = def_of(v, "mly.broadcast_in_dim");
    if (mlirOperationIsNull(d))
      d = def_of(v, "mly.reshape");
    if (mlirOperationIsNull(d))
      return v;
    v = mlirOperationGetOperand(d, 0);
  }
}

/* The reduce max whose result, broadcast back, is m, when it reduces x;
 * null otherwise. Every element of x is then <= its row's max in m. */
static MlirOperation max_of(MlirValue m, MlirValue x) {
  MlirOperation r = def_of(strip(m), "mly.reduce");
  if (mlirOperationIsNull(r) || !mlyOpStrIs(r, "kind", "max") ||
      !mlirValueEqual(strip(mlirOperationGetOperand(r, 0)), strip(x)))
    return (MlirOperation){NULL};
  return r;
}

static bool same_dims_attr(MlirOperation a, MlirOperation b) {
  int64_t da[RANK], db[RANK], na, nb;
  return mlyOpGetI64Array(a, "dims", da, RANK, &na) &&
         mlyOpGetI64Array(b, "dims", db, RANK, &nb) && na == nb &&
         !memcmp(da, db, (size_t)na * sizeof *da);
}

/* Whether sum reduce `op` adds exp(x - max(x)) over the max's dims: one
 * term of every row is exp(0) = 1 and none is negative. */
static bool is_softmax_sum(MlirOperation op) {
  MlirOperation e = def_of(mlirOperationGetOperand(op, 0), "mly.exp");
  MlirOperation sub =
      mlirOperationIsNull(e) ? e : def_of(mlirOperationGetOperand(e, 0), "mly.sub");
  if (mlirOperationIsNull(sub))
    return false;
  MlirOperation mx = max_of(mlirOperationGetOperand(sub, 1),
                            mlirOperationGetOperand(sub, 0));
  return !mlirOperationIsNull(mx) && same_dims_attr(mx, op);
}

#define IS(s) (!strcmp(n, s))

/* The range of the result of mly op `op` (name n without "mly.") from its
 * operands' ranges in[0..n_in). */
static ival mly_rule(MlirOperation op, const char *n, const ival *in,
                     intptr_t n_in) {
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  fmt f = fmt_of(rt);
  bool same = n_in == 2 && mlirValueEqual(mlirOperationGetOperand(op, 0),
                                          mlirOperationGetOperand(op, 1));
  ival x = n_in > 0 ? in[0] : full(&f), y = n_in > 1 ? in[1] : full(&f);
  ival r;
  bool neg;
  if (f.kind == K_OTHER)
    return full(&f);
  if (IS("constant"))
    r = constant_range(op, &f);
  else if (IS("iota"))
    r = iota_rule(op, rt);
  else if (IS("neg"))
    r = ival_neg(x);
  else if (IS("abs")) {
    r = x;
    if (x.hi <= 0)
      r = ival_neg(x);
    else if (x.lo < 0)
      r.lo = 0, r.hi = fmax(-x.lo, x.hi);
  } else if (IS("floor"))
    r = (ival){floor(x.lo), floor(x.hi), x.nan, NULL};
  else if (IS("exp"))
    r = mono(x, exp, true, 0, INFINITY, &f);
  else if (IS("log")) {
    r = nonneg(x, &neg);
    if (!(r.nan && x.hi < 0))
      r = mono(r, log, true, -INFINITY, INFINITY, &f);
    r.nan |= neg;
  } else if (IS("sqrt")) {
    r = nonneg(x, &neg);
    if (!(r.nan && x.hi < 0))
      r.lo = sqrt_r(r.lo, -1, &f), r.hi = sqrt_r(r.hi, 1, &f);
    r.nan |= neg;
  } else if (IS("rsqrt")) {
    r = nonneg(x, &neg);
    if (!(r.nan && x.hi < 0))
      r = mono(r, rsqrt, false, 0, INFINITY, &f);
    r.nan |= neg;
  } else if (IS("tanh"))
    r = mono(x, tanh, true, -1, 1, &f);
  else if (IS("sigmoid"))
    r = mono(x, sigmoid, true, 0, 1, &f);
  else if (IS("erf"))
    r = mono(x, erf, true, -1, 1, &f);
  else if (IS("sin") || IS("cos"))
    r = trig(x, IS("cos"), &f);
  else if (IS("not") || IS("and") || IS("or"))
    r = (ival){0, 1, false, NULL};
  else if (IS("cast"))
    r = ival_cast(x, &f);
  else if (IS("add"))
    r = ival_add(x, y, &f);
  else if (IS("sub")) {
    r = ival_add(x, ival_neg(y), &f);
    if (!mlirOperationIsNull(max_of(mlirOperationGetOperand(op, 1),
                                    mlirOperationGetOperand(op, 0))))
      r.hi = fmin(r.hi, 0); /* x - max(x); exact 0 at the max */
    if (same) /* x - x */
      r = (ival){0, 0, x.nan || isinf(x.lo) || isinf(x.hi), NULL};
  } else if (IS("mul"))
    r = same ? ival_sqr(x, &f) : ival_mul(x, y, &f);
  else if (IS("div")) {
    r = ival_div(x, y, &f);
    if (same && (x.lo > 0 || x.hi < 0) && isfinite(x.lo) && isfinite(x.hi))
      r = (ival){1, 1, x.nan, NULL};
  } else if (IS("max") || IS("min")) {
    bool mx = IS("max");
    r = (ival){mx ? fmax(x.lo, y.lo) : fmin(x.lo, y.lo),
               mx ? fmax(x.hi, y.hi) : fmin(x.hi, y.hi), x.nan || y.nan,
               NULL};
  } else if (IS("pow"))
    r = ival_pow(x, y, &f);
  else if (IS("cmp"))
    r = ival_cmp(op, x, y);
  else if (IS("select")) {
    int t = truth(x);
    ival a = n_in > 1 ? in[1] : full(&f), b = n_in > 2 ? in[2] : full(&f);
    r = t == 1 && !x.nan ? a : t == 0 ? b : hull(a, b);
    if (t == 1 && x.nan) /* NaN != 0 picks on_true */
      r = a;
  } else if (IS("broadcast_in_dim") || IS("reshape") || IS("transpose") ||
             IS("slice") || IS("gather"))
    r = x;
  else if (IS("pad"))
    r = pad_rule(op, x, &f);
  else if (IS("concat"))
    r = hull(x, y);
  else if (IS("reduce")) {
    r = reduce_rule(op, x, &f);
    if (mlyOpStrIs(op, "kind", "sum") && f.kind == K_FLOAT &&
        is_softmax_sum(op)) /* exp(0) within LIBM_ULPS of 1 */
      r.lo = fmax(r.lo, rd(1 - LIBM_ULPS * ldexp(1, -f.p), &f));
  }
  else if (IS("scan"))
    r = scan_rule(op, x, &f);
  else if (IS("matmul"))
    r = matmul_rule(op, x, y, &f);
  else if (IS("conv")) {
    intptr_t bi = mlyOpOperandGroupIndex(op, 2, 3);
    r = conv_rule(op, x, y, bi >= 0 && bi < n_in ? &in[bi] : NULL, &f);
  } else if (IS("pool"))
    r = pool_rule(op, x, &f);
  else
    r = full(&f);
  r = finish(r, &f);
  /* an unbounded range is reported where it arises, not downstream */
  if (!IS("div") && !IS("pow"))
    r.unbounded = NULL;
  return r;
}

#undef IS

/* ---- Walking functions ----------------------------------------------- */

static void analyse(bounds *b, func_info *fi, const ival *args, int depth);

static void call_rule(bounds *b, MlirOperation call, const ival *in,
                      intptr_t n_in, int depth) {
  MlirAttribute c = mlirOperationGetAttributeByName(
      call, mlirStringRefCreateFromCString("callee"));
  func_info *fi = !mlirAttributeIsNull(c) && mlirAttributeIsAFlatSymbolRef(c)
                      ? find_func(b, mlirFlatSymbolRefAttrGetValue(c))
                      : NULL;
  intptr_t n_res = mlirOperationGetNumResults(call);
  MlirBlock e = fi ? entry_block(fi->op) : (MlirBlock){NULL};
  if (!fi || fi->on_stack || depth >= MAX_CALL_DEPTH || mlirBlockIsNull(e) ||
      mlirBlockGetNumArguments(e) != n_in || fi->n_res != n_res) {
    for (intptr_t i = 0; i < n_res; ++i) {
      MlirValue v = mlirOperationGetResult(call, i);
      fmt f = fmt_of(mlirValueGetType(v));
      set_range(b, v, full(&f), true);
    }
    return;
  }
  analyse(b, fi, in, depth + 1);
  /* analyse left the callee's return operands' current ranges */
  MlirOperation ret = mlirBlockGetTerminator(e);
  for (intptr_t i = 0; i < n_res; ++i) {
    ival r = value_range(b, mlirOperationGetOperand(ret, i));
    r.unbounded = NULL; /* reported inside the callee */
    set_range(b, mlirOperationGetResult(call, i), r, true);
  }
}

/* Runs fi's body with argument ranges args (NULL: its seeds). */
static void analyse(bounds *b, func_info *fi, const ival *args, int depth) {
  MlirBlock e = entry_block(fi->op);
  if (mlirBlockIsNull(e))
    return;
  fi->on_stack = true;
  fi->analysed = true;
  for (intptr_t i = 0, n = mlirBlockGetNumArguments(e); i < n; ++i) {
    MlirValue a = mlirBlockGetArgument(e, i);
    set_range(b, a, args ? args[i] : seed(b, fi->op, i, a), false);
  }
  ival in[64];
  for (MlirBlock blk = e; !mlirBlockIsNull(blk);
       blk = mlirBlockGetNextInRegion(blk))
    for (MlirOperation op = mlirBlockGetFirstOperation(blk);
         !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
      intptr_t n_in = mlirOperationGetNumOperands(op);
      intptr_t n_res = mlirOperationGetNumResults(op);
      if (n_in > 64)
        n_in = 64;
      for (intptr_t i = 0; i < n_in; ++i)
        in[i] = value_range(b, mlirOperationGetOperand(op, i));
      if (op_is(op, "func.return")) {
        for (intptr_t i = 0; i < n_in && i < fi->n_res; ++i) {
          ival r = in[i];
          r.unbounded = NULL;
          fi->res[i] = fi->res[i].lo <= fi->res[i].hi ? hull(fi->res[i], r)
                                                      : r; /* first call */
        }
      } else if (op_is(op, "func.call")) {
        call_rule(b, op, in, n_in, depth);
      } else if (mlyOpIsMly(op) && n_res == 1) {
        MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
        char name[64];
        size_t len = s.length - 4 < sizeof name ? s.length - 4 : 0;
        memcpy(name, s.data + 4, len);
        name[len] = 0;
        set_range(b, mlirOperationGetResult(op, 0),
                  mly_rule(op, name, in, n_in), true);
      } else {
        for (intptr_t i = 0; i < n_res; ++i) {
          MlirValue v = mlirOperationGetResult(op, i);
          fmt f = fmt_of(mlirValueGetType(v));
          set_range(b, v, full(&f), false);
        }
      }
    }
  fi->on_stack = false;
}

/* ---- CROWN's hooks ---------------------------------------------------- */

static bool crown_ibp(void *user, MlirValue v, double *lo, double *hi) {
  slot *s = slot_get(user, v, false);
  if (!s)
    return false;
  ival r = s->has_all ? s->all : s->cur;
  *lo = r.lo, *hi = r.hi;
  return true;
}

static void crown_seed(void *user, MlirOperation func, intptr_t i,
                       MlirValue arg, double *lo, double *hi) {
  ival r = seed(user, func, i, arg);
  *lo = r.lo, *hi = r.hi;
}

static MlirOperation crown_callee(void *user, MlirOperation call) {
  MlirAttribute c = mlirOperationGetAttributeByName(
      call, mlirStringRefCreateFromCString("callee"));
  func_info *fi = !mlirAttributeIsNull(c) && mlirAttributeIsAFlatSymbolRef(c)
                      ? find_func(user, mlirFlatSymbolRefAttrGetValue(c))
                      : NULL;
  return fi ? fi->op : (MlirOperation){NULL};
}

static void crown_result(void *user, MlirValue v, double lo, double hi) {
  slot *s = slot_get(user, v, true);
  if (!s)
    return;
  s->crown_lo = s->has_crown ? fmin(s->crown_lo, lo) : lo;
  s->crown_hi = s->has_crown ? fmax(s->crown_hi, hi) : hi;
  s->has_crown = true;
}

static void crown_blocked(void *user, MlirValue v) {
  slot *s = slot_get(user, v, true);
  if (s)
    s->crown_blocked = true;
}

static void crown_remark(void *user, const char *text) {
  bounds *b = user;
  for (size_t i = 0; i < b->n_remarks; ++i)
    if (!strcmp(b->remarks[i], text))
      return;
  char **p = realloc(b->remarks, (b->n_remarks + 1) * sizeof *p);
  if (!p)
    return;
  b->remarks = p;
  if ((p[b->n_remarks] = malloc(strlen(text) + 1)))
    strcpy(p[b->n_remarks++], text);
}

/* r narrowed by CROWN's range of v, when CROWN covered all of v's
 * contexts; *ok says whether it did. */
static ival with_crown(bounds *b, MlirValue v, ival r, bool *ok) {
  slot *s = slot_get(b, v, false);
  *ok = use_crown && s && s->has_crown && !s->crown_blocked;
  if (*ok && s->crown_lo <= s->crown_hi) {
    r.lo = fmax(r.lo, s->crown_lo);
    r.hi = fmin(r.hi, s->crown_hi);
    if (r.lo > r.hi) /* cannot happen for sound bounds; keep IBP */
      *ok = false, r = s->all;
  }
  return r;
}

/* ---- Annotation and the report --------------------------------------- */

static MlirAttribute range_attr(MlirContext ctx, ival r) {
  double v[2] = {r.lo, r.hi};
  return mlirDenseF64ArrayGet(ctx, 2, v);
}

static void set_attr(MlirOperation op, const char *name, MlirAttribute a) {
  MlirStringRef s = mlirStringRefCreateFromCString(name);
  if (mlirAttributeIsNull(a))
    mlirOperationRemoveDiscardableAttributeByName(op, s);
  else
    mlirOperationSetDiscardableAttributeByName(op, s, a);
}

/* Sets result attribute mly.range of every result of fi. */
static void annotate_func(bounds *b, func_info *fi) {
  MlirStringRef key = mlirStringRefCreateFromCString("res_attrs");
  MlirAttribute old = mlirOperationGetAttributeByName(fi->op, key);
  MlirAttribute *dicts = calloc((size_t)fi->n_res + 1, sizeof *dicts);
  MlirNamedAttribute *named = NULL;
  if (!dicts)
    goto out;
  for (intptr_t i = 0; i < fi->n_res; ++i) {
    MlirAttribute d = {NULL};
    if (!mlirAttributeIsNull(old) && mlirAttributeIsAArray(old) &&
        i < mlirArrayAttrGetNumElements(old))
      d = mlirArrayAttrGetElement(old, i);
    intptr_t n = mlirAttributeIsNull(d) || !mlirAttributeIsADictionary(d)
                     ? 0
                     : mlirDictionaryAttrGetNumElements(d);
    free(named);
    if (!(named = calloc((size_t)n + 1, sizeof *named)))
      goto out;
    intptr_t k = 0;
    MlirIdentifier id = mlirIdentifierGet(
        b->ctx, mlirStringRefCreateFromCString("mly.range"));
    for (intptr_t j = 0; j < n; ++j) {
      MlirNamedAttribute na = mlirDictionaryAttrGetElement(d, j);
      if (!mlirIdentifierEqual(na.name, id))
        named[k++] = na;
    }
    named[k++] = mlirNamedAttributeGet(id, range_attr(b->ctx, fi->res[i]));
    dicts[i] = mlirDictionaryAttrGet(b->ctx, k, named);
  }
  mlirOperationSetAttributeByName(fi->op, key,
                                  mlirArrayAttrGet(b->ctx, fi->n_res, dicts));
out:
  free(named);
  free(dicts);
}

static void json_num(FILE *f, double v) {
  if (isinf(v))
    fputs(v < 0 ? "\"-inf\"" : "\"inf\"", f);
  else
    fprintf(f, "%.17g", v);
}

static void json_str(FILE *f, MlirStringRef s) {
  fputc('"', f);
  for (size_t i = 0; i < s.length; ++i) {
    unsigned char c = (unsigned char)s.data[i];
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

static void json_range(FILE *f, ival r) {
  fputc('[', f);
  json_num(f, r.lo);
  fputs(", ", f);
  json_num(f, r.hi);
  fputc(']', f);
}

typedef struct reporter {
  FILE *f;
  bool first_value;
  char *remarks; /* JSON strings joined by ", " */
  size_t n_remarks, cap_remarks;
} reporter;

static void remark_add(reporter *rp, const char *text) {
  size_t n = strlen(text) + 8;
  if (rp->n_remarks + n + 1 > rp->cap_remarks) {
    size_t cap = 2 * (rp->cap_remarks + n) + 256;
    char *p = realloc(rp->remarks, cap);
    if (!p)
      return;
    rp->remarks = p;
    rp->cap_remarks = cap;
  }
  if (rp->n_remarks) {
    memcpy(rp->remarks + rp->n_remarks, ", ", 2);
    rp->n_remarks += 2;
  }
  rp->remarks[rp->n_remarks++] = '"';
  for (const char *c = text; *c; ++c)
    if (*c != '"' && *c != '\\')
      rp->remarks[rp->n_remarks++] = *c;
  rp->remarks[rp->n_remarks++] = '"';
  rp->remarks[rp->n_remarks] = 0;
}

static MlirStringRef loc_name(MlirOperation op) {
  MlirLocation l = mlirOperationGetLocation(op);
  if (mlirLocationIsAName(l))
    return mlirIdentifierStr(mlirLocationNameGetName(l));
  return (MlirStringRef){NULL, 0};
}

static void report_value(reporter *rp, func_info *fi, MlirOperation op,
                         intptr_t i, ival r, bool crown, ival ibp) {
  FILE *f = rp->f;
  MlirStringRef ln = loc_name(op);
  fputs(rp->first_value ? "" : ", ", f);
  rp->first_value = false;
  fputs("{\"func\": ", f);
  json_str(f, fi->name);
  fputs(", \"op\": ", f);
  json_str(f, mlirIdentifierStr(mlirOperationGetName(op)));
  fputs(", \"loc\": ", f);
  if (ln.data)
    json_str(f, ln);
  else
    fputs("null", f);
  fprintf(f, ", \"result\": %ld, \"range\": ", (long)i);
  json_range(f, r);
  fprintf(f, ", \"method\": \"%s\", \"width\": ", crown ? "crown" : "ibp");
  json_num(f, r.lo == r.hi ? 0 : r.hi - r.lo);
  if (crown) {
    fputs(", \"ibp_width\": ", f);
    json_num(f, ibp.lo == ibp.hi ? 0 : ibp.hi - ibp.lo);
  }
  fprintf(f, ", \"may_nan\": %s", r.nan ? "true" : "false");
  if (r.unbounded) {
    fputs(", \"unbounded\": ", f);
    json_str(f, mlirStringRefCreateFromCString(r.unbounded));
  }
  fputc('}', f);
  if (r.unbounded) {
    char text[512];
    snprintf(text, sizeof text, "%.*s: '%.*s' at %.*s: %s",
             (int)fi->name.length, fi->name.data,
             (int)mlirIdentifierStr(mlirOperationGetName(op)).length,
             mlirIdentifierStr(mlirOperationGetName(op)).data,
             ln.data ? (int)ln.length : 7, ln.data ? ln.data : "unnamed",
             r.unbounded);
    remark_add(rp, text);
  }
}

/* Annotates the ops of fi with their hulls; reports them when rp->f. */
static void annotate_ops(bounds *b, func_info *fi, reporter *rp) {
  for (MlirBlock blk = entry_block(fi->op); !mlirBlockIsNull(blk);
       blk = mlirBlockGetNextInRegion(blk))
    for (MlirOperation op = mlirBlockGetFirstOperation(blk);
         !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
      intptr_t n = mlirOperationGetNumResults(op);
      if (!n || !(mlyOpIsMly(op) || op_is(op, "func.call")))
        continue;
      MlirAttribute ranges[16];
      bool nan = false;
      const char *unbounded = NULL;
      bool ok = n <= 16;
      for (intptr_t i = 0; i < n && ok; ++i) {
        slot *s = slot_get(b, mlirOperationGetResult(op, i), false);
        if (!s || !s->has_all) {
          ok = false;
          break;
        }
        bool crown;
        ival r = with_crown(b, mlirOperationGetResult(op, i), s->all, &crown);
        ranges[i] = range_attr(b->ctx, r);
        nan |= s->all.nan;
        if (!unbounded)
          unbounded = s->all.unbounded;
        if (rp->f)
          report_value(rp, fi, op, i, r, crown, s->all);
      }
      if (!ok)
        continue;
      MlirAttribute none = {NULL};
      set_attr(op, "mly.range", n == 1 ? ranges[0] : none);
      set_attr(op, "mly.ranges",
               n == 1 ? none : mlirArrayAttrGet(b->ctx, n, ranges));
      set_attr(op, "mly.may_nan", nan ? mlirBoolAttrGet(b->ctx, 1) : none);
      set_attr(op, "mly.unbounded",
               unbounded ? mlirStringAttrGet(
                               b->ctx, mlirStringRefCreateFromCString(unbounded))
                         : none);
    }
}

/* ---- The pass -------------------------------------------------------- */

static bool collect_funcs(bounds *b, MlirOperation root) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(root, 0));
  size_t cap = 0;
  if (op_is(root, "func.func")) {
    body = (MlirBlock){NULL};
    if (!(b->funcs = calloc(1, sizeof *b->funcs)))
      return false;
    b->funcs[b->n_funcs++].op = root;
  }
  for (MlirOperation op = mlirBlockIsNull(body)
                              ? (MlirOperation){NULL}
                              : mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!op_is(op, "func.func"))
      continue;
    if (b->n_funcs == cap) {
      cap = cap ? 2 * cap : 64;
      func_info *p = realloc(b->funcs, cap * sizeof *p);
      if (!p)
        return false;
      b->funcs = p;
    }
    b->funcs[b->n_funcs++] = (func_info){.op = op};
  }
  for (size_t i = 0; i < b->n_funcs; ++i) {
    func_info *fi = &b->funcs[i];
    MlirAttribute name = mlirOperationGetAttributeByName(
        fi->op, mlirStringRefCreateFromCString("sym_name"));
    MlirAttribute vis = mlirOperationGetAttributeByName(
        fi->op, mlirStringRefCreateFromCString("sym_visibility"));
    fi->name = !mlirAttributeIsNull(name) && mlirAttributeIsAString(name)
                   ? mlirStringAttrGetValue(name)
                   : mlirStringRefCreate("", 0);
    fi->is_private =
        !mlirAttributeIsNull(vis) && mlirAttributeIsAString(vis) &&
        mlirStringRefEqual(mlirStringAttrGetValue(vis),
                           mlirStringRefCreateFromCString("private"));
    MlirBlock e = entry_block(fi->op);
    MlirOperation ret =
        mlirBlockIsNull(e) ? (MlirOperation){NULL} : mlirBlockGetTerminator(e);
    fi->n_res = mlirOperationIsNull(ret) || !op_is(ret, "func.return")
                    ? 0
                    : mlirOperationGetNumOperands(ret);
    if (!(fi->res = calloc((size_t)fi->n_res + 1, sizeof *fi->res)))
      return false;
    for (intptr_t k = 0; k < fi->n_res; ++k)
      fi->res[k] = (ival){INFINITY, -INFINITY, false, NULL}; /* empty */
  }
  return true;
}

static void write_report(bounds *b) {
  FILE *f = stderr;
  reporter rp = {NULL, true, NULL, 0, 0};
  if (strcmp(report_path, "-")) {
    f = fopen(report_path, report_started ? "a" : "w");
    if (!f) {
      fprintf(stderr, "mly-bounds: cannot write the report to '%s'\n",
              report_path);
      return;
    }
  }
  report_started = true;
  rp.f = f;
  fprintf(f, "{\"pass\": \"mly-bounds\", \"method\": \"%s\", \"functions\": [",
          use_crown ? "crown" : "ibp");
  for (size_t i = 0; i < b->n_remarks; ++i)
    remark_add(&rp, b->remarks[i]);
  for (size_t i = 0; i < b->n_funcs; ++i) {
    func_info *fi = &b->funcs[i];
    fputs(i ? ", {\"name\": " : "{\"name\": ", f);
    json_str(f, fi->name);
    fputs(", \"results\": [", f);
    for (intptr_t k = 0; k < fi->n_res; ++k) {
      fputs(k ? ", {\"range\": " : "{\"range\": ", f);
      json_range(f, fi->res[k]);
      fprintf(f, ", \"may_nan\": %s}", fi->res[k].nan ? "true" : "false");
    }
    fputs("]}", f);
  }
  fputs("], \"values\": [", f);
  for (size_t i = 0; i < b->n_funcs; ++i)
    annotate_ops(b, &b->funcs[i], &rp);
  fprintf(f, "], \"remarks\": [%s]}\n", rp.remarks ? rp.remarks : "");
  free(rp.remarks);
  if (f != stderr)
    fclose(f);
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  bounds b = {.ctx = mlirOperationGetContext(root)};
  (void)user;
  if (!collect_funcs(&b, root))
    goto out_oom;
  for (size_t i = 0; i < b.n_funcs; ++i)
    if (!b.funcs[i].is_private)
      analyse(&b, &b.funcs[i], NULL, 0), b.funcs[i].is_root = true;
  for (size_t i = 0; i < b.n_funcs; ++i) /* never called */
    if (!b.funcs[i].analysed)
      analyse(&b, &b.funcs[i], NULL, 0), b.funcs[i].is_root = true;
  if (use_crown && !b.oom) {
    MlyCrownHooks h = {&b,           crown_ibp,     crown_seed,  crown_callee,
                       crown_result, crown_blocked, crown_remark};
    for (size_t i = 0; i < b.n_funcs; ++i)
      if (b.funcs[i].is_root && !mlirBlockIsNull(entry_block(b.funcs[i].op)))
        mlyCrownRun(b.funcs[i].op, &h);
    for (size_t i = 0; i < b.n_funcs; ++i) { /* results: IBP and CROWN */
      MlirBlock e = entry_block(b.funcs[i].op);
      MlirOperation ret =
          mlirBlockIsNull(e) ? (MlirOperation){NULL} : mlirBlockGetTerminator(e);
      for (intptr_t k = 0; k < b.funcs[i].n_res; ++k) {
        bool ok;
        b.funcs[i].res[k] = with_crown(
            &b, mlirOperationGetOperand(ret, k), b.funcs[i].res[k], &ok);
      }
    }
  }
  if (b.oom)
    goto out_oom;
  for (size_t i = 0; i < b.n_funcs; ++i)
    for (intptr_t k = 0; k < b.funcs[i].n_res; ++k)
      if (b.funcs[i].res[k].lo > b.funcs[i].res[k].hi) {
        fmt f = fmt_of(mlirValueGetType(mlirOperationGetOperand(
            mlirBlockGetTerminator(entry_block(b.funcs[i].op)), k)));
        b.funcs[i].res[k] = full(&f);
      }
  if (report_path)
    write_report(&b);
  else {
    reporter none = {NULL, true, NULL, 0, 0};
    for (size_t i = 0; i < b.n_funcs; ++i)
      annotate_ops(&b, &b.funcs[i], &none);
  }
  for (size_t i = 0; i < b.n_funcs; ++i)
    if (b.funcs[i].n_res)
      annotate_func(&b, &b.funcs[i]);
  goto out;
out_oom:
  mlirEmitError(mlirOperationGetLocation(root), "mly-bounds: out of memory");
  if (pass.ptr)
    mlirExternalPassSignalFailure(pass);
out:
  for (size_t i = 0; i < b.n_funcs; ++i)
    free(b.funcs[i].res);
  free(b.funcs);
  free(b.slots);
  for (size_t i = 0; i < b.n_remarks; ++i)
    free(b.remarks[i]);
  free(b.remarks);
}

void mlyBoundsAnnotate(MlirOperation root) {
  const char *path = report_path; /* the report is the pass's */
  report_path = NULL;
  run(root, (MlirExternalPass){NULL}, NULL);
  report_path = path;
}

MlirPass mlyCreateBoundsPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyBounds", "mly-bounds",
      "Interval bounds of every mly value (mly.range)", run);
}
