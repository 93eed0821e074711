/* Internal: what an op's implementation in the interpreter sees, and the
 * helpers op implementations share (interp_aten.c, interp_mly.c). */
#ifndef MLY_RUNTIME_INTERP_UTIL_H
#define MLY_RUNTIME_INTERP_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "dialects/mly_dialects.h"
#include "runtime/mly_tensor.h"

/* One op being executed. `in[i]` is operand i (all operands present, in
 * order; use mlyOpOperandGroupIndex for ops with optional operands).
 * `out[i]` is result i, already allocated (zeroed) with the dtype and shape
 * of the result type: implementations only fill out[i].data. */
typedef struct MlyInterpOp {
  MlirOperation op;
  const char *name; /* full op name, "aten.add" */
  const MlyTensor *const *in;
  intptr_t n_in;
  MlyTensor *out;
  intptr_t n_out;
} MlyInterpOp;

typedef bool (*MlyInterpFn)(MlyInterpOp *o);
typedef struct MlyInterpRule {
  const char *name; /* without the dialect prefix */
  MlyInterpFn fn;
} MlyInterpRule;

/* Tables, each ended by {NULL, NULL}: aten elementwise and factories
 * (interp_aten.c), aten data movement, reductions and indexing
 * (interp_aten_shape.c), aten contractions, convolution, pooling,
 * normalization, attention and recurrence (interp_aten_nn.c), mly ops
 * (interp_mly.c). */
extern const MlyInterpRule mlyInterpAtenRules[];
extern const MlyInterpRule mlyInterpAtenShapeRules[];
extern const MlyInterpRule mlyInterpAtenNNRules[];
extern const MlyInterpRule mlyInterpMlyRules[];

/* Emits "'<op>' op <message>" at the op's location; returns false. */
bool mlyInterpFail(MlyInterpOp *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The operand of group `group` of `n_groups` (ops with optional operands),
 * or NULL when absent. */
const MlyTensor *mlyInterpGroup(MlyInterpOp *o, int group, int n_groups);

/* Attribute readers that report a missing attribute through mlyInterpFail
 * (IRDL makes them required, so this only guards against broken IR). */
bool mlyInterpI64(MlyInterpOp *o, const char *name, int64_t *out);
bool mlyInterpF64(MlyInterpOp *o, const char *name, double *out);
bool mlyInterpBool(MlyInterpOp *o, const char *name, bool *out);
bool mlyInterpI64Array(MlyInterpOp *o, const char *name, int64_t *out,
                       int64_t *n);

/* Normalizes a PyTorch dim (negative counts from the end) for `rank`. */
int64_t mlyInterpDim(int64_t dim, int64_t rank);

/* Broadcast addressing: strides of `in` seen through the dims of `out`
 * (right-aligned; 0 where `in` has size 1 or no dim). */
typedef struct MlyBcast {
  int64_t rank;
  int64_t dims[MLY_TENSOR_MAX_RANK];
  int64_t strides[MLY_TENSOR_MAX_RANK];
} MlyBcast;
void mlyBcastInit(MlyBcast *b, const MlyTensor *in, const MlyTensor *out);
/* Flat index into `in` of the multi-index `idx` of out. */
size_t mlyBcastAt(const MlyBcast *b, const int64_t *idx);
/* Advances the multi-index `idx` over `dims[0..rank)` in row-major order. */
void mlyIndexNext(int64_t *idx, const int64_t *dims, int64_t rank);
/* Row-major strides of dims. */
void mlyStrides(const int64_t *dims, int64_t rank, int64_t *strides);

/* Elementwise with broadcasting over up to 3 inputs into out[0]. The
 * domain is float (double) when `float_domain`, else int64. */
typedef double (*MlyMapF)(const double *x, const void *user);
typedef int64_t (*MlyMapI)(const int64_t *x, const void *user);
void mlyInterpMap(MlyInterpOp *o, int n_inputs, bool float_domain, MlyMapF f,
                  MlyMapI i, const void *user);

#endif /* MLY_RUNTIME_INTERP_UTIL_H */
