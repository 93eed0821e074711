/* mly-check-bounds: exact extrema with Z3 against the ranges of
 * mly-bounds (IBP and CROWN).
 *
 * For each public function whose arguments hold at most the scalar limit
 * and each lie in a box (mlyVfyArgBox), every result element is encoded
 * in real arithmetic (verify/encode.c) and Z3's optimizer finds its
 * minimum and maximum over the box; the hull over a result's elements is
 * its exact range, set as result attribute `mly.exact_range`. mly-bounds
 * then runs on two clones of the module, with method ibp and crown; each
 * range must contain the exact one (compared as rationals), else an
 * error at the returned value's op fails the pass. Ranges are sound for
 * f32, so they must hold the real extrema too (rounding only widens them).
 *
 * Functions with an op Z3 models as an uninterpreted function (exp,
 * tanh...) have no exact extrema: they are reported `unknown`, as are
 * queries that time out. The report line (mlyVerifySetReportPath):
 * {"pass": "mly-check-bounds", "functions": [{"name", "results": [{"result",
 * "status", "exact", "ibp", "crown", "exact_width", "ibp_width",
 * "crown_width"}] | "skipped": why}], "smt": {queries, times}}. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/pass_util.h"
#include "verify/mly_verify.h"
#include "verify/smt.h"

typedef struct result_info {
  const char *status; /* "exact", "unknown" */
  double exact[2], ibp[2], crown[2];
} result_info;

static void json_range(FILE *f, const char *key, const double *r) {
  fprintf(f, ", \"%s\": [", key);
  mlyVfyJsonNum(f, r[0]);
  fputs(", ", f);
  mlyVfyJsonNum(f, r[1]);
  fputs("]", f);
}

/* Exact extrema of result r of func (in real arithmetic) into lo/hi as
 * numerals; false (with *why) when unknown. */
static bool extrema(MlySmt *s, MlyEnc *e, MlirOperation func, intptr_t r,
                    Z3_ast *lo, Z3_ast *hi, const char **why) {
  MlirValue v = mlyVfyReturned(func, r);
  int64_t n = mlyTypeNumElements(mlirValueGetType(v));
  Z3_ast *terms = malloc((size_t)(n ? n : 1) * sizeof *terms), *as = NULL;
  bool ok = false;
  if (!terms)
    return false;
  for (int64_t k = 0; k < n; ++k)
    if (!(terms[k] = mlyEncElem(e, v, k))) {
      *why = mlyEncError(e);
      goto out;
    }
  if (mlyEncApprox(e, why))
    goto out; /* *why: the op modelled as an uninterpreted function */
  size_t ni = mlyEncNumInputs(e), ns = mlyEncNumSide(e);
  if (!(as = malloc((ni + ns + 1) * sizeof *as)))
    goto out;
  for (size_t i = 0; i < ni; ++i) {
    const MlyEncInput *in = mlyEncInput(e, i);
    double blo, bhi;
    if (!mlirValueIsABlockArgument(in->value) ||
        !mlyVfyArgBox(func, mlirBlockArgumentGetArgNumber(in->value), &blo,
                      &bhi)) {
      *why = "an input without a range";
      goto out;
    }
    as[i] = mlyEncInBox(e, in->var, mlyTypeElt(mlirValueGetType(in->value)),
                        blo, bhi);
  }
  for (size_t i = 0; i < ns; ++i)
    as[ni + i] = mlyEncSide(e, i);
  *lo = *hi = NULL;
  for (int64_t k = 0; k < n; ++k) {
    Z3_ast mn, mx;
    if (mlySmtOptimize(s, as, ni + ns, terms[k], false, &mn, "check-bounds-min") !=
            MLY_SMT_SAT ||
        mlySmtOptimize(s, as, ni + ns, terms[k], true, &mx, "check-bounds-max") !=
            MLY_SMT_SAT) {
      *why = "Z3 gave no optimum within the timeout";
      goto out;
    }
    if (!*lo || mlySmtRealLe(s, mn, *lo))
      *lo = mn;
    if (!*hi || mlySmtRealLe(s, *hi, mx))
      *hi = mx;
  }
  ok = n > 0;
out:
  free(as);
  free(terms);
  return ok;
}

/* Whether [lo, hi] (doubles) contains the numerals [xlo, xhi]. */
static bool contains(MlySmt *s, double lo, double hi, Z3_ast xlo, Z3_ast xhi) {
  if (isnan(lo) || isnan(hi))
    return false;
  return (lo == -INFINITY || mlySmtRealLe(s, mlySmtRealOf(s, lo), xlo)) &&
         (hi == INFINITY || mlySmtRealLe(s, xhi, mlySmtRealOf(s, hi)));
}

static bool box_of(void *user, MlirValue v, double *lo, double *hi) {
  MlirOperation func = {user};
  return mlirValueIsABlockArgument(v) &&
         mlyVfyArgBox(func, mlirBlockArgumentGetArgNumber(v), lo, hi);
}

static bool check_func(MlirOperation func, MlirOperation fi, MlirOperation fc,
                       FILE *rep) {
  char name[128], msg[512];
  bool ok = true;
  intptr_t nres = mlirOperationGetNumOperands(mlirBlockGetTerminator(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0))));
  int64_t nin = mlyVfyInputScalars(func);
  mlyVfyFuncName(func, name, sizeof name);
  if (rep)
    fprintf(rep, "{\"name\": \"%s\"", name);
  if (nin > mlySmtMaxScalars() || mlirOperationIsNull(fi) ||
      mlirOperationIsNull(fc)) {
    if (rep)
      fprintf(rep, ", \"skipped\": \"%lld input scalars, over the limit %ld\"}",
              (long long)nin, mlySmtMaxScalars());
    return true;
  }
  if (rep)
    fputs(", \"results\": [", rep);
  MlySmt s;
  if (!mlySmtInit(&s, MLY_SMT_REAL))
    return false;
  /* The ibp clone carries the op ranges the encoder's axioms use. */
  MlyEnc *e = mlyEncCreate(&s, NULL, NULL);
  if (e)
    mlyEncSetNamed(e, true, box_of, (void *)fi.ptr);
  for (intptr_t r = 0; e && r < nres; ++r) {
    result_info ri = {"unknown", {NAN, NAN}, {NAN, NAN}, {NAN, NAN}};
    const char *why = NULL;
    Z3_ast lo, hi;
    mlyVfyReadRange(mlyVfyResAttr(fi, r, "mly.range"), &ri.ibp[0], &ri.ibp[1]);
    mlyVfyReadRange(mlyVfyResAttr(fc, r, "mly.range"), &ri.crown[0],
                    &ri.crown[1]);
    if (extrema(&s, e, fi, r, &lo, &hi, &why)) {
      ri.status = "exact";
      ri.exact[0] = mlySmtToDouble(&s, lo);
      ri.exact[1] = mlySmtToDouble(&s, hi);
      mlyVfySetResAttr(func, r, "mly.exact_range",
                       mlyVfyRangeAttr(mlirOperationGetContext(func),
                                       ri.exact[0], ri.exact[1]));
      const char *bad = !contains(&s, ri.ibp[0], ri.ibp[1], lo, hi) ? "IBP"
                        : !contains(&s, ri.crown[0], ri.crown[1], lo, hi)
                            ? "CROWN"
                            : NULL;
      if (bad) {
        const double *b = bad[0] == 'I' ? ri.ibp : ri.crown;
        snprintf(msg, sizeof msg,
                 "mly-check-bounds: the %s range [%.9g, %.9g] of result %ld "
                 "of @%s does not contain its exact range [%.9g, %.9g]",
                 bad, b[0], b[1], (long)r, name, ri.exact[0], ri.exact[1]);
        mlirEmitError(mlyVfyResultLoc(func, r), msg);
        ri.status = "violated";
        ok = false;
      }
    } else {
      mlyVfySetResAttr(func, r, "mly.exact_range",
                       mlirStringAttrGet(mlirOperationGetContext(func),
                                         mlirStringRefCreateFromCString(
                                             "unknown")));
    }
    if (rep) {
      fprintf(rep, "%s{\"result\": %ld, \"status\": \"%s\"", r ? ", " : "",
              (long)r, ri.status);
      if (why)
        fprintf(rep, ", \"why\": \"%s\"", why);
      json_range(rep, "exact", ri.exact);
      json_range(rep, "ibp", ri.ibp);
      json_range(rep, "crown", ri.crown);
      fputs(", \"exact_width\": ", rep);
      mlyVfyJsonNum(rep, ri.exact[1] - ri.exact[0]);
      fputs(", \"ibp_width\": ", rep);
      mlyVfyJsonNum(rep, ri.ibp[1] - ri.ibp[0]);
      fputs(", \"crown_width\": ", rep);
      mlyVfyJsonNum(rep, ri.crown[1] - ri.crown[0]);
      fputs("}", rep);
    }
  }
  if (rep)
    fputs("]}", rep);
  mlyEncDestroy(e);
  mlySmtFree(&s);
  return ok;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  bool ok = true;
  mlySmtStatsReset();
  MlirOperation ci = mlyVfyBoundsClone(root, "ibp");
  MlirOperation cc = mlyVfyBoundsClone(root, "crown");
  FILE *rep = mlyVfyReportOpen();
  if (rep)
    fputs("{\"pass\": \"mly-check-bounds\", \"functions\": [", rep);
  bool first = true;
  MlirBlock mb = mlirRegionGetFirstBlock(mlirOperationGetRegion(root, 0));
  for (MlirOperation f = mlirBlockGetFirstOperation(mb);
       !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f)) {
    if (!mlyVfyIsRootFunc(f))
      continue;
    if (rep && !first)
      fputs(", ", rep);
    first = false;
    MlirOperation fi = mlirOperationIsNull(ci) ? ci : mlyVfyFindFunc(ci, f);
    MlirOperation fc = mlirOperationIsNull(cc) ? cc : mlyVfyFindFunc(cc, f);
    ok = check_func(f, fi, fc, rep) && ok;
  }
  if (rep) {
    MlySmtStats st = mlySmtStatsGet();
    fputs("], \"smt\": ", rep);
    mlyVfyJsonStats(rep, &st);
    fputs("}\n", rep);
    mlyVfyReportClose(rep);
  }
  if (!mlirOperationIsNull(ci))
    mlirOperationDestroy(ci);
  if (!mlirOperationIsNull(cc))
    mlirOperationDestroy(cc);
  if (!ok)
    mlirExternalPassSignalFailure(pass);
}

MlirPass mlyCreateCheckBoundsPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyCheckBounds", "mly-check-bounds",
      "Check IBP/CROWN ranges against Z3's exact extrema", run);
}
