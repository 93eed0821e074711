/* mly-prove: range contracts.
 *
 * `mly.requires = array<f64: lo, hi>` on an argument of a public function
 * is assumed (every element lies in [lo, hi], no NaN); `mly.ensures =
 * array<f64: lo, hi>` on a result is to be proven (every element of every
 * evaluation in [lo, hi], NaN excluded), in f32 evaluation as the
 * interpreter defines it. In order:
 *  1. mly-bounds with method ibp, then crown, on clones of the module
 *     (requires become ranges): a range inside the contract proves it
 *     (both are sound for f32);
 *  2. else, when the arguments hold at most the scalar limit, Z3 in IEEE
 *     mode (verify/encode.c): unsat proves it; a model is a
 *     counterexample, printed as input values and the result they give,
 *     unless an op was modelled by an uninterpreted function (then the
 *     model may be spurious: unknown);
 *  3. else (timeout, over the limit) unknown.
 * Each result with a contract gets result attribute `mly.proof`: "ibp",
 * "crown", "z3", or "unknown: <why>". A refuted contract is an error at
 * the returned value's op (the pass fails, mly-opt exits 1). The report
 * line: {"pass": "mly-prove", "contracts": [{"func", "result", "ensures",
 * "outcome", "ibp", "crown"}], "smt": {...}}. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/pass_util.h"
#include "verify/mly_verify.h"
#include "verify/smt.h"

/* A growing text buffer for messages. */
typedef struct text {
  char *p;
  size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (k < 0)
    return;
  if (t->n + (size_t)k + 1 > t->cap) {
    size_t c = (t->cap + (size_t)k + 1) * 2;
    char *q = realloc(t->p, c);
    if (!q)
      return;
    t->p = q;
    t->cap = c;
  }
  va_start(ap, fmt);
  vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
  va_end(ap);
  t->n += (size_t)k;
}

static void put_num(text *t, double v) {
  if (isnan(v))
    put(t, "nan");
  else
    put(t, "%.9g", v);
}

typedef enum outcome { PROVEN, REFUTED, UNKNOWN } outcome;

/* Z3 on result r of func (the ibp clone's function) against [a, b]. On
 * REFUTED, *cex holds the counterexample text; on UNKNOWN *why. */
static outcome z3_prove(MlirOperation func, intptr_t r, double a, double b,
                        text *cex, const char **why) {
  MlySmt s;
  outcome res = UNKNOWN;
  if (!mlySmtInit(&s, MLY_SMT_IEEE)) {
    *why = "no Z3 context";
    return res;
  }
  MlyEnc *e = mlyEncCreate(&s, NULL, NULL);
  Z3_solver sv = mlySmtSolver(&s);
  MlirValue v = mlyVfyReturned(func, r);
  MlirType elt = mlyTypeElt(mlirValueGetType(v));
  int64_t n = mlyTypeNumElements(mlirValueGetType(v));
  Z3_ast *terms = malloc((size_t)(n ? n : 1) * 2 * sizeof *terms);
  if (!e || !terms) {
    *why = "out of memory";
    goto out;
  }
  Z3_ast *bad = terms + n;
  for (int64_t k = 0; k < n; ++k) {
    if (!(terms[k] = mlyEncElem(e, v, k))) {
      *why = mlyEncError(e);
      goto out;
    }
    bad[k] = Z3_mk_not(s.z, mlyEncInBox(e, terms[k], elt, a, b));
  }
  for (size_t i = 0; i < mlyEncNumInputs(e); ++i) {
    const MlyEncInput *in = mlyEncInput(e, i);
    double lo, hi;
    if (!mlirValueIsABlockArgument(in->value) ||
        !mlyVfyArgBox(func, mlirBlockArgumentGetArgNumber(in->value), &lo,
                      &hi)) {
      *why = "an input without a range";
      goto out;
    }
    Z3_solver_assert(s.z, sv,
                     mlyEncInBox(e, in->var,
                                 mlyTypeElt(mlirValueGetType(in->value)), lo,
                                 hi));
  }
  for (size_t i = 0; i < mlyEncNumSide(e); ++i)
    Z3_solver_assert(s.z, sv, mlyEncSide(e, i));
  Z3_solver_assert(s.z, sv, Z3_mk_or(s.z, (unsigned)n, bad));
  MlySmtResult q = mlySmtCheck(&s, sv, "prove");
  if (q == MLY_SMT_UNSAT) {
    res = PROVEN;
  } else if (q == MLY_SMT_UNKNOWN) {
    *why = "Z3 timed out";
  } else if (mlyEncApprox(e, why)) {
    static char buf[128];
    snprintf(buf, sizeof buf, "a model exists but %s is uninterpreted", *why);
    *why = buf;
  } else {
    Z3_model m = Z3_solver_get_model(s.z, sv);
    Z3_model_inc_ref(s.z, m);
    MlirBlock blk = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
    for (intptr_t ai = 0; ai < mlirBlockGetNumArguments(blk); ++ai) {
      MlirValue arg = mlirBlockGetArgument(blk, ai);
      int64_t na = mlyTypeNumElements(mlirValueGetType(arg));
      put(cex, "%sargument %ld = [", ai ? ", " : "", (long)ai);
      for (int64_t k = 0; k < na; ++k) {
        Z3_ast var = NULL, val = NULL;
        for (size_t i = 0; i < mlyEncNumInputs(e); ++i) {
          const MlyEncInput *in = mlyEncInput(e, i);
          if (mlirValueEqual(in->value, arg) && in->idx == k)
            var = in->var;
        }
        put(cex, "%s", k ? ", " : "");
        if (var && Z3_model_eval(s.z, m, var, true, &val) && val)
          put_num(cex, mlySmtToDouble(&s, val));
        else
          put(cex, "any");
      }
      put(cex, "]");
    }
    put(cex, " gives result %ld = [", (long)r);
    for (int64_t k = 0; k < n; ++k) {
      Z3_ast val = NULL;
      put(cex, "%s", k ? ", " : "");
      if (Z3_model_eval(s.z, m, terms[k], true, &val) && val)
        put_num(cex, mlySmtToDouble(&s, val));
      else
        put(cex, "?");
    }
    put(cex, "]");
    Z3_model_dec_ref(s.z, m);
    res = REFUTED;
  }
out:
  free(terms);
  Z3_solver_dec_ref(s.z, sv);
  mlyEncDestroy(e);
  mlySmtFree(&s);
  return res;
}

static bool inside(const double *r, double a, double b) {
  return r[0] >= a && r[1] <= b;
}

static void set_proof(MlirOperation func, intptr_t r, const char *what) {
  MlirContext ctx = mlirOperationGetContext(func);
  mlyVfySetResAttr(func, r, "mly.proof",
                   mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(what)));
}

static bool prove_func(MlirOperation func, MlirOperation fi, MlirOperation fc,
                       FILE *rep, bool *first) {
  char name[128];
  bool ok = true;
  mlyVfyFuncName(func, name, sizeof name);
  intptr_t nres = mlirOperationGetNumOperands(mlirBlockGetTerminator(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0))));
  for (intptr_t r = 0; r < nres; ++r) {
    double a, b, ibp[2] = {NAN, NAN}, crown[2] = {NAN, NAN};
    if (!mlyVfyReadRange(mlyVfyResAttr(func, r, "mly.ensures"), &a, &b))
      continue;
    if (!mlirOperationIsNull(fi))
      mlyVfyReadRange(mlyVfyResAttr(fi, r, "mly.range"), &ibp[0], &ibp[1]);
    if (!mlirOperationIsNull(fc))
      mlyVfyReadRange(mlyVfyResAttr(fc, r, "mly.range"), &crown[0], &crown[1]);
    const char *outcome = NULL, *why = NULL;
    char ubuf[200];
    text cex = {0};
    if (inside(ibp, a, b)) {
      outcome = "ibp";
    } else if (inside(crown, a, b)) {
      outcome = "crown";
    } else if (mlirOperationIsNull(fi)) {
      why = "mly-bounds failed";
    } else if (mlyVfyInputScalars(func) > mlySmtMaxScalars()) {
      why = "over the scalar limit";
    } else {
      switch (z3_prove(fi, r, a, b, &cex, &why)) {
      case PROVEN:
        outcome = "z3";
        break;
      case REFUTED: {
        text msg = {0};
        put(&msg,
            "mly-prove: mly.ensures [%.9g, %.9g] of result %ld of @%s is "
            "refuted: %s",
            a, b, (long)r, name, cex.p ? cex.p : "");
        if (msg.p)
          mlirEmitError(mlyVfyResultLoc(func, r), msg.p);
        free(msg.p);
        outcome = "refuted";
        ok = false;
        break;
      }
      default:
        break;
      }
    }
    if (!outcome) {
      snprintf(ubuf, sizeof ubuf, "unknown: %s", why ? why : "no proof");
      outcome = ubuf;
    }
    set_proof(func, r, outcome);
    if (rep) {
      fprintf(rep, "%s{\"func\": \"%s\", \"result\": %ld, \"ensures\": [",
              *first ? "" : ", ", name, (long)r);
      mlyVfyJsonNum(rep, a);
      fputs(", ", rep);
      mlyVfyJsonNum(rep, b);
      fprintf(rep, "], \"outcome\": \"%s\"", outcome);
      if (cex.p)
        fprintf(rep, ", \"counterexample\": \"%s\"", cex.p);
      fputs(", \"ibp\": [", rep);
      mlyVfyJsonNum(rep, ibp[0]);
      fputs(", ", rep);
      mlyVfyJsonNum(rep, ibp[1]);
      fputs("], \"crown\": [", rep);
      mlyVfyJsonNum(rep, crown[0]);
      fputs(", ", rep);
      mlyVfyJsonNum(rep, crown[1]);
      fputs("]}", rep);
      *first = false;
    }
    free(cex.p);
  }
  return ok;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  bool ok = true, first = true;
  mlySmtStatsReset();
  MlirOperation ci = mlyVfyBoundsClone(root, "ibp");
  MlirOperation cc = mlyVfyBoundsClone(root, "crown");
  FILE *rep = mlyVfyReportOpen();
  if (rep)
    fputs("{\"pass\": \"mly-prove\", \"contracts\": [", rep);
  MlirBlock mb = mlirRegionGetFirstBlock(mlirOperationGetRegion(root, 0));
  for (MlirOperation f = mlirBlockGetFirstOperation(mb);
       !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f)) {
    if (!mlyVfyIsRootFunc(f))
      continue;
    MlirOperation fi = mlirOperationIsNull(ci) ? ci : mlyVfyFindFunc(ci, f);
    MlirOperation fc = mlirOperationIsNull(cc) ? cc : mlyVfyFindFunc(cc, f);
    ok = prove_func(f, fi, fc, rep, &first) && ok;
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

MlirPass mlyCreateProvePass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyProve", "mly-prove",
                                "Prove mly.ensures range contracts", run);
}
