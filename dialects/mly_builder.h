/* Building aten/mly ops from C: a builder that inserts before an op, typed
 * helpers for every mly primitive (result types are derived from the
 * operands), and small type utilities. Used by conversions and transforms.
 * All functions return a null value when given null operands, so a chain
 * of builds can be checked once at its end. */
#ifndef MLY_DIALECTS_BUILDER_H
#define MLY_DIALECTS_BUILDER_H

#include <stdbool.h>
#include <stdint.h>

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MLY_BUILDER_MAX_RANK 16

/* Where new ops go: before `before` in `block` (append when `before` is
 * null), all at `loc`. */
typedef struct MlyBuilder {
  MlirContext ctx;
  MlirBlock block;
  MlirOperation before;
  MlirLocation loc;
} MlyBuilder;

/* A builder that inserts right before `op`, at op's location. */
MlyBuilder mlyBuilderBefore(MlirOperation op);

/* ---- types ---- */
/* tensor<dims x elt>. */
MlirType mlyTensorType(MlirContext ctx, const int64_t *dims, int64_t rank,
                       MlirType elt);
int64_t mlyTypeRank(MlirType t);
/* Writes the dims of t (a ranked tensor) into dims. */
void mlyTypeDims(MlirType t, int64_t *dims);
MlirType mlyTypeElt(MlirType t);
/* t with element type elt. */
MlirType mlyTypeWithElt(MlirType t, MlirType elt);
/* Product of dims (1 for rank 0), INT64_MAX where it overflows (the
 * verifier refuses such tensors on aten/mly ops). */
int64_t mlyTypeNumElements(MlirType t);
/* Bytes of a static tensor type (integer and float elements rounded up to
 * whole bytes): -1 for a dynamic shape, -2 for an element type of no known
 * width, INT64_MAX where the count overflows. */
int64_t mlyTypeNumBytes(MlirType t);
/* a + b for counts >= 0, INT64_MAX where the sum overflows. */
static inline int64_t mlySatAdd(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}
bool mlyTypeIsFloat(MlirType t); /* element type is a float */
MlirType mlyF32(MlirContext ctx);
MlirType mlyI1(MlirContext ctx);
MlirType mlyI64(MlirContext ctx);

/* ---- attributes ---- */
MlirNamedAttribute mlyNamedI64(MlirContext ctx, const char *name, int64_t v);
MlirNamedAttribute mlyNamedF64(MlirContext ctx, const char *name, double v);
MlirNamedAttribute mlyNamedBool(MlirContext ctx, const char *name, bool v);
MlirNamedAttribute mlyNamedStr(MlirContext ctx, const char *name,
                               const char *v);
MlirNamedAttribute mlyNamedI64Array(MlirContext ctx, const char *name,
                                    const int64_t *v, intptr_t n);

/* ---- generic creation ---- */
/* Creates op `name` with operands, the given result types and attributes,
 * inserts it and returns it. */
MlirOperation mlyBuildOp(MlyBuilder *b, const char *name,
                         const MlirValue *operands, intptr_t n_operands,
                         const MlirType *results, intptr_t n_results,
                         const MlirNamedAttribute *attrs, intptr_t n_attrs);
/* The same for one result; returns it. */
MlirValue mlyBuild(MlyBuilder *b, const char *name, MlirType result,
                   const MlirValue *operands, intptr_t n_operands,
                   const MlirNamedAttribute *attrs, intptr_t n_attrs);

/* ---- mly primitives ---- */
/* "mly.exp", "mly.neg", ...: result type = x's type. */
MlirValue mlyBuildUnary(MlyBuilder *b, const char *name, MlirValue x);
/* "mly.add", ...: x and y of one type (the result's). */
MlirValue mlyBuildBinary(MlyBuilder *b, const char *name, MlirValue x,
                         MlirValue y);
/* mly.cmp with predicate "eq" "ne" "lt" "le" "gt" "ge": i1 result. */
MlirValue mlyBuildCmp(MlyBuilder *b, const char *pred, MlirValue x,
                      MlirValue y);
MlirValue mlyBuildSelect(MlyBuilder *b, MlirValue cond, MlirValue on_true,
                         MlirValue on_false);
/* mly.cast to element type `elt`; returns x when it already has it. */
MlirValue mlyBuildCast(MlyBuilder *b, MlirValue x, MlirType elt);
/* mly.constant splat of `v` with type `type` (float, integer or i1). */
MlirValue mlyBuildSplat(MlyBuilder *b, MlirType type, double v);
/* mly.iota along `dim` of `type`. */
MlirValue mlyBuildIota(MlyBuilder *b, MlirType type, int64_t dim);
/* mly.broadcast_in_dim of x to `result` (same element type). */
MlirValue mlyBuildBroadcastInDim(MlyBuilder *b, MlirValue x, MlirType result,
                                 const int64_t *bdims);
/* NumPy/PyTorch broadcast of x to dims[0..rank) (right-aligned; size-1
 * dims stretch): mly.broadcast_in_dim, or x itself when shapes agree. */
MlirValue mlyBuildBroadcastTo(MlyBuilder *b, MlirValue x, const int64_t *dims,
                              int64_t rank);
/* mly.reshape to dims; x itself when the shape already matches. */
MlirValue mlyBuildReshape(MlyBuilder *b, MlirValue x, const int64_t *dims,
                          int64_t rank);
/* mly.transpose by perm; x itself for the identity. */
MlirValue mlyBuildTranspose(MlyBuilder *b, MlirValue x, const int64_t *perm);
/* mly.reduce `kind` ("sum" "max" "min" "prod") over dims[0..n). */
MlirValue mlyBuildReduce(MlyBuilder *b, const char *kind, MlirValue x,
                         const int64_t *dims, int64_t n, bool keepdim);
/* mly.matmul: x [..., M, K] (or [..., K, M] when tx), y [..., K, N] (or
 * [..., N, K] when ty); batch dims must already agree. */
MlirValue mlyBuildMatmul(MlyBuilder *b, MlirValue x, MlirValue y, bool tx,
                         bool ty);
/* mly.slice with start/limit/stride per dim. */
MlirValue mlyBuildSlice(MlyBuilder *b, MlirValue x, const int64_t *start,
                        const int64_t *limit, const int64_t *stride);
/* mly.concat of x and y along dim. */
MlirValue mlyBuildConcat(MlyBuilder *b, MlirValue x, MlirValue y, int64_t dim);
/* mly.gather (mode "take": result input[:dim] + idx.shape + input[dim+1:];
 * "along": result idx.shape). */
MlirValue mlyBuildGather(MlyBuilder *b, MlirValue x, MlirValue idx,
                         int64_t dim, const char *mode);
/* mly.pad with low/high per dim and padding value v. */
MlirValue mlyBuildPad(MlyBuilder *b, MlirValue x, const int64_t *low,
                      const int64_t *high, double v);
/* mly.scan (cumulative sum) along dim. */
MlirValue mlyBuildScan(MlyBuilder *b, MlirValue x, int64_t dim);

#ifdef __cplusplus
}
#endif

#endif /* MLY_DIALECTS_BUILDER_H */
