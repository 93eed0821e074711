/* transforms: passes that stay inside the aten/mly dialects. */
#ifndef MLY_TRANSFORMS_H
#define MLY_TRANSFORMS_H

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* mly-cse: merges identical pure aten/mly ops within each block (same name,
 * operands, attributes and result types; the first one stays). */
MlirPass mlyCreateCSEPass(void);

/* mly-dce: erases pure aten/mly ops whose results are all unused. */
MlirPass mlyCreateDCEPass(void);

/* mly-verify: runs the semantic verifiers of the aten and mly dialects
 * (mlyVerify) and fails if a rule is broken. */
MlirPass mlyCreateVerifyPass(void);

/* mly-fuse: outlines fusion groups of mly ops (elementwise, reduction,
 * matmul, attention) into `func.func private @fused_<n>_<kind>` with
 * `mly.fused = "<kind>"`, called where the group was. Runs on a module. */
MlirPass mlyCreateFusePass(void);

/* Makes every later mly-fuse run write a one-line JSON report (kernels,
 * kinds, modelled bytes moved) to `path` ("-": stderr). The first run after
 * the call truncates the file, later runs append a line each. `path` is
 * borrowed and must outlive the runs; NULL turns the report off. */
void mlyFuseSetReportPath(const char *path);

/* mly-canonicalize: exact simplifications of mly ops (identities, chains of
 * reshapes, transposes, broadcasts and lossless casts, folding of small
 * constants, broadcasts moved past elementwise ops); erases unused pure
 * mly ops. See transforms/canonicalize.c for the list. */
MlirPass mlyCreateCanonicalizePass(void);

/* mly-bounds: interval bound propagation. Annotates every mly op result
 * (and func.call result) with `mly.range = array<f64: lo, hi>` (calls with
 * several results: `mly.ranges`), `mly.may_nan = true` where NaN may
 * appear, `mly.unbounded = "<reason>"` where a division makes the range
 * unbounded, and every function result with result attribute `mly.range`.
 * Sound for f32/f16/bf16 evaluation (outward rounding, accumulated
 * rounding error of sums). See transforms/bounds.c. Runs on a module. */
MlirPass mlyCreateBoundsPass(void);

/* Runs mly-bounds' analysis on `root` (a module or function) outside any
 * pass manager, with the same settings, annotating it as the pass does;
 * writes no report. Used by passes that check their own rewrites
 * (mly-f16). Emits an error at root when out of memory. */
void mlyBoundsAnnotate(MlirOperation root);

/* Makes every later mly-bounds run write a one-line JSON report (each
 * value's op, location, range, method, width) to `path` ("-": stderr);
 * the first run after the call truncates the file, later runs append.
 * `path` is borrowed and must outlive the runs; NULL turns it off. */
void mlyBoundsSetReportPath(const char *path);

/* Gives every later mly-bounds run [lo, hi] as the range of user inputs
 * (float arguments of public functions with neither `mly.range` nor
 * `mly.param`). Without a call such inputs are unknown. */
void mlyBoundsSetInputRange(double lo, double hi);

/* Picks the method of every later mly-bounds run: "ibp" (the default) or
 * "crown" (per-element CROWN after IBP, intersected with it; see
 * transforms/bounds_crown.c). `method` is borrowed. Returns false, and
 * changes nothing, for any other name. */
bool mlyBoundsSetMethod(const char *method);

/* mly-f16: after mly-bounds, rewrites each kernel (fused function, or
 * unfused compute op of a public function) whose f32 values all have
 * finite ranges within a quarter of the half type's largest value and no
 * NaN to compute in f16 (or bf16, mlyF16SetType), with casts at its entry
 * and exit so signatures stay f32; marks every kernel with
 * `mly.precision`; prints a remark per op that keeps a kernel in f32 and
 * a summary. See transforms/precision.c. Runs on a module. */
MlirPass mlyCreateF16Pass(void);

/* Picks the half type of every later mly-f16 run: "f16" (the default) or
 * "bf16". `type` is borrowed. Returns false, changing nothing, for any
 * other name. */
bool mlyF16SetType(const char *type);

/* mly-plan-memory: gives every intermediate tensor of each host function
 * (func.func with a body and no `mly.fused`; intermediates are the tensor
 * results of its ops that are neither returned nor constants) an offset in one arena, reusing
 * the bytes of dead values (greedy best fit over live ranges, offsets and
 * sizes aligned to 64 bytes). Sets `mly.arena_offset` (ops with one
 * result) or `mly.arena_offsets` (array<i64>, -1: not planned) on the ops,
 * and `mly.arena_size` / `mly.arena_naive` (no reuse) on the function.
 * See transforms/plan_memory.c. */
MlirPass mlyCreatePlanMemoryPass(void);

/* Makes every later mly-plan-memory run write a one-line JSON report (per
 * function: arena, naive and live-peak bytes; per buffer: op, location,
 * bytes, offset, live range) to `path` ("-": stderr); the first run after
 * the call truncates the file, later runs append. `path` is borrowed and
 * must outlive the runs; NULL turns it off. */
void mlyPlanMemorySetReportPath(const char *path);

/* mly-check-memory-plan: fails, with an error at the op, if the plan of
 * mly-plan-memory is missing, misaligned, outside the arena, or lets two
 * values that are live at the same op share bytes (live ranges recomputed
 * from the IR as it is). */
MlirPass mlyCreateCheckMemoryPlanPass(void);

/* Rewrite observer: a hook through which a checker (verify/, the Z3
 * translation validation) sees every rewrite mly-canonicalize and mly-fuse
 * apply, while both sides still exist: values before[i] are about to be
 * replaced by after[i] (i < n). `pass` is the pass's name, `kind` names the
 * rewrite: for mly-canonicalize the rewritten op ("mly.reshape"), for
 * mly-fuse "fuse.<kind>" (after are the results of the func.call of the
 * outlined function). The observer must not change the IR. */
typedef void (*MlyRewriteObserver)(void *user, const char *pass,
                                   const char *kind, const MlirValue *before,
                                   const MlirValue *after, intptr_t n);

/* Installs `fn` (NULL: none) with `user` for every later rewrite. */
void mlyRewriteObserverSet(MlyRewriteObserver fn, void *user);

/* Calls the installed observer, if any (for the passes above). */
void mlyRewriteObserverNotify(const char *pass, const char *kind,
                              const MlirValue *before, const MlirValue *after,
                              intptr_t n);

#ifdef __cplusplus
}
#endif

#endif /* MLY_TRANSFORMS_H */
