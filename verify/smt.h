/* Internal to verify/: Z3 contexts with mly's options (timeout, SMT-LIB
 * dumps, statistics) and the encoder of mly subgraphs into Z3 terms. */
#ifndef MLY_VERIFY_SMT_H
#define MLY_VERIFY_SMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <z3.h>

#include "mlir-c/IR.h"

/* How numbers are modelled: reals (algebra: no rounding, no NaN, no
 * infinities, integers unbounded) or IEEE (f32/f16/bf16 through Z3's
 * floating-point theory with round-to-nearest-even, integers as
 * two's-complement bit-vectors). */
typedef enum MlySmtMode { MLY_SMT_REAL, MLY_SMT_IEEE } MlySmtMode;

typedef enum MlySmtResult {
  MLY_SMT_UNSAT,
  MLY_SMT_SAT,
  MLY_SMT_UNKNOWN
} MlySmtResult;

/* Options (verify/smt.c). */
unsigned mlySmtTimeoutMs(void);
long mlySmtMaxScalars(void);
bool mlySmtInputRange(double *lo, double *hi);
const char *mlySmtBoundsMethod(void);

/* Query statistics since the last reset. */
typedef struct MlySmtStats {
  long queries, sat, unsat, unknown;
  double total_ms, max_ms;
} MlySmtStats;
void mlySmtStatsReset(void);
MlySmtStats mlySmtStatsGet(void);

/* A Z3 context (not reference counted: terms live until mlySmtDestroy). */
typedef struct MlySmt {
  Z3_context z;
  MlySmtMode mode;
  Z3_ast rne;
} MlySmt;

bool mlySmtInit(MlySmt *s, MlySmtMode mode);
void mlySmtFree(MlySmt *s);

/* A solver with the timeout set (caller: Z3_solver_dec_ref). */
Z3_solver mlySmtSolver(MlySmt *s);
/* Checks `solver`, dumping it first as "<what>" when dumps are on, and
 * records the time. */
MlySmtResult mlySmtCheck(MlySmt *s, Z3_solver solver, const char *what);
/* Minimizes (or maximizes) `obj` under `n` assertions with Z3's optimizer;
 * on MLY_SMT_SAT the optimum's numeral is in *value. */
MlySmtResult mlySmtOptimize(MlySmt *s, Z3_ast const *asserts, size_t n,
                            Z3_ast obj, bool maximize, Z3_ast *value,
                            const char *what);

/* A real numeral equal to the double `d` (finite). */
Z3_ast mlySmtRealOf(MlySmt *s, double d);
/* Whether real numerals a <= b (both numerals). */
bool mlySmtRealLe(MlySmt *s, Z3_ast a, Z3_ast b);
/* A double near numeral v (real, FP or bit-vector/int/bool numeral). */
double mlySmtToDouble(MlySmt *s, Z3_ast v);

/* ---- Encoder ------------------------------------------------------------ */

typedef struct MlyEnc MlyEnc;

/* Whether v is encoded through its defining op; other values become free
 * variables (every element one). NULL: every value defined by an op. */
typedef bool (*MlyEncExpand)(void *user, MlirValue v);

MlyEnc *mlyEncCreate(MlySmt *s, MlyEncExpand expand, void *user);
void mlyEncDestroy(MlyEnc *e);

/* The term of element `idx` (row-major) of v: a float of the mode's sort
 * (Real, or FP of v's element type), Bool for i1, Int/BV for integers.
 * NULL when v cannot be encoded (mlyEncError says why). */
Z3_ast mlyEncElem(MlyEnc *e, MlirValue v, int64_t idx);
const char *mlyEncError(const MlyEnc *e);

/* Side conditions (range axioms of uninterpreted functions) the caller
 * must assert with the query. */
size_t mlyEncNumSide(const MlyEnc *e);
Z3_ast mlyEncSide(const MlyEnc *e, size_t i);

/* Whether an op was modelled by an uninterpreted function (exp, tanh...):
 * unsat stays a proof, sat may be spurious. *why names the first. */
bool mlyEncApprox(const MlyEnc *e, const char **why);

/* The free variables created so far. */
typedef struct MlyEncInput {
  MlirValue value;
  int64_t idx;
  Z3_ast var;
} MlyEncInput;
size_t mlyEncNumInputs(const MlyEnc *e);
const MlyEncInput *mlyEncInput(const MlyEnc *e, size_t i);

/* Names the term of every op element by a constant defined by an equation
 * (a side condition): solvers then branch on the names. In real mode,
 * also bounds each name by a sound interval (free variables from `box`)
 * and adds the triangle relaxation of max/min (ReLU) as valid side
 * conditions, or drops a side a stable sign rules out. Off by default. */
void mlyEncSetNamed(MlyEnc *e, bool named,
                    bool (*box)(void *user, MlirValue v, double *lo,
                                double *hi),
                    void *user);

/* Number of terms built (a size measure). */
long mlyEncNumTerms(const MlyEnc *e);

/* Builders on terms of one sort (the mode's float sort of elt). */
Z3_ast mlyEncNum(MlyEnc *e, MlirType elt, double v);
Z3_ast mlyEncLe(MlyEnc *e, Z3_ast a, Z3_ast b);
Z3_ast mlyEncIsFinite(MlyEnc *e, Z3_ast a); /* true in real mode */
/* lo <= x <= hi for a float element x of type elt (exact comparison; true
 * for other types). */
Z3_ast mlyEncInBox(MlyEnc *e, Z3_ast x, MlirType elt, double lo, double hi);

#endif /* MLY_VERIFY_SMT_H */

/* ---- Helpers of the passes (verify/common.c) ---------------------------- */

/* Argument / result attribute `name` of func.func `func`, or null. */
MlirAttribute mlyVfyArgAttr(MlirOperation func, intptr_t i, const char *name);
MlirAttribute mlyVfyResAttr(MlirOperation func, intptr_t i, const char *name);
/* Sets result attribute `name` of result i (replacing one of that name). */
void mlyVfySetResAttr(MlirOperation func, intptr_t i, const char *name,
                      MlirAttribute a);
/* array<f64: lo, hi> into *lo, *hi. */
bool mlyVfyReadRange(MlirAttribute a, double *lo, double *hi);
MlirAttribute mlyVfyRangeAttr(MlirContext ctx, double lo, double hi);
/* The input box of argument i: `mly.requires`, else `mly.range`, else the
 * option's input range for float arguments without `mly.param`. */
bool mlyVfyArgBox(MlirOperation func, intptr_t i, double *lo, double *hi);
/* Whether op is a func.func with a body that is public (no
 * sym_visibility) and not a fused kernel. */
bool mlyVfyIsRootFunc(MlirOperation op);
/* Elements of all arguments of func. */
int64_t mlyVfyInputScalars(MlirOperation func);
/* A clone of `module` after mly-bounds with `method` ("ibp", "crown"),
 * with `mly.requires` copied into `mly.range` first; the caller destroys
 * it (mlirOperationDestroy). Null op when the run fails. */
MlirOperation mlyVfyBoundsClone(MlirOperation module, const char *method);
/* The function named like `func` in `module` (a clone of func's). */
MlirOperation mlyVfyFindFunc(MlirOperation module, MlirOperation func);
/* The returned value of result i of func. */
MlirValue mlyVfyReturned(MlirOperation func, intptr_t i);
/* The location where a diagnostic about result i belongs. */
MlirLocation mlyVfyResultLoc(MlirOperation func, intptr_t i);
/* Report file (mlyVerifySetReportPath): opened for one JSON line (the
 * first line of a process truncates), or NULL. mlyVfyReportClose ends it. */
FILE *mlyVfyReportOpen(void);
void mlyVfyReportClose(FILE *f);
/* JSON number (inf as strings) and the stats object. */
void mlyVfyJsonNum(FILE *f, double v);
void mlyVfyJsonStats(FILE *f, const MlySmtStats *st);
/* A short name of function op (its sym_name) into buf. */
const char *mlyVfyFuncName(MlirOperation func, char *buf, size_t n);
