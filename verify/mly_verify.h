/* verify: Z3 checks on small mly subgraphs (through Z3's C API):
 * exact bounds against IBP/CROWN (mly-check-bounds), range contracts
 * (mly-prove) and translation validation of the rewrites of
 * mly-canonicalize and mly-fuse (mly-verify-rewrites). Every query runs
 * under a timeout; `unknown` is an outcome, never a failure. Outcomes are
 * attributes in the IR and lines of the JSON report
 * (mlyVerifySetReportPath); failures are error diagnostics (the C API
 * emits no remarks). */
#ifndef MLY_VERIFY_H
#define MLY_VERIFY_H

#include <stdbool.h>

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* mly-check-bounds: for each public function whose inputs hold at most
 * the scalar limit (mlyVerifySetMaxScalars) and lie in a box (argument
 * `mly.range`, `mly.requires` or mlyVerifySetInputRange), Z3 computes the
 * exact extrema of every result element in real arithmetic and checks
 * that the IBP and CROWN ranges of mly-bounds contain them: an error at
 * the returned value's op when not (the pass fails). Each result gets
 * result attribute `mly.exact_range` (or "unknown"); the report gives the
 * exact, IBP and CROWN ranges and widths per result. */
MlirPass mlyCreateCheckBoundsPass(void);

/* mly-prove: proves each result attribute `mly.ensures = array<f64: lo,
 * hi>` of a public function under its arguments' `mly.requires` (or
 * `mly.range`) boxes: from the IBP/CROWN ranges, else with Z3 in IEEE f32
 * on functions within the scalar limit. A refuted contract is an error
 * at the returned value's op with the counterexample input (the pass
 * fails); every contract gets result attribute `mly.proof`: "ibp",
 * "crown", "z3" or "unknown: <why>". */
MlirPass mlyCreateProvePass(void);

/* mly-verify-rewrites: from this pass on, every rewrite mly-canonicalize
 * and mly-fuse apply is checked with Z3 (real arithmetic and IEEE f32) on
 * a scaled-down instance; a rewrite refuted in real arithmetic is an
 * error at the rewritten op. mlyVerifyRewritesFinish reports. */
MlirPass mlyCreateVerifyRewritesPass(void);

/* Ends the checking that an mly-verify-rewrites pass started: attribute
 * `mly.verified_rewrites` on `top` (kind -> "real=<outcome>
 * ieee=<outcome>"), the JSON report (mlyVerifySetReportPath), and the
 * observer removed. Does nothing when no mly-verify-rewrites ran. */
void mlyVerifyRewritesFinish(MlirOperation top);

/* Options of every later run; strings are borrowed and must outlive the
 * runs. */
void mlyVerifySetTimeoutMs(unsigned ms);     /* per query; default 1000 */
void mlyVerifySetDumpDir(const char *dir);   /* SMT-LIB of every query */
void mlyVerifySetMaxScalars(long n);         /* default 64 */
void mlyVerifySetInputRange(double lo, double hi);
void mlyVerifySetReportPath(const char *path); /* verify-rewrites JSON */
/* The mly-bounds method the tool set (mly-check-bounds and mly-prove run
 * mly-bounds with both methods and set this one back). */
void mlyVerifySetBoundsMethod(const char *method);

#ifdef __cplusplus
}
#endif

#endif /* MLY_VERIFY_H */
