/* Internal: what a lowering sees (lower_basic.c, lower_nn.c). */
#ifndef MLY_CONVERSIONS_ATEN_TO_MLY_LOWER_H
#define MLY_CONVERSIONS_ATEN_TO_MLY_LOWER_H

#include <stdbool.h>
#include <stdint.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"

#define MLY_LOWER_MAX_RESULTS 4

/* One aten op being lowered. `b` inserts before it at its location. The
 * lowering sets results[i] to the value replacing result i (of exactly
 * result i's type) and returns true; or reports through mlyLowerFail. */
typedef struct MlyLowering {
  MlirOperation op;
  const char *name; /* "aten.linear" */
  MlyBuilder b;
  MlirValue results[MLY_LOWER_MAX_RESULTS];
} MlyLowering;

typedef bool (*MlyLowerFn)(MlyLowering *l);
typedef struct MlyLowerRule {
  const char *name; /* without "aten." */
  MlyLowerFn fn;
} MlyLowerRule;

/* Tables ended by {NULL, NULL}: elementwise, comparisons, shapes,
 * reductions, indexing, factories, conversions (lower_basic.c);
 * contractions, attention, convolution, pooling, normalization, softmax,
 * recurrence (lower_nn.c). */
extern const MlyLowerRule mlyLowerBasicRules[];
extern const MlyLowerRule mlyLowerNNRules[];

/* Emits "'<op>' op <message>" at the op; returns false. */
bool mlyLowerFail(MlyLowering *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Operand i, result i's type. */
MlirValue mlyLowerOperand(MlyLowering *l, intptr_t i);
MlirType mlyLowerResultType(MlyLowering *l, intptr_t i);
/* Operand of group `group` of `n_groups` (optional operands), or null. */
MlirValue mlyLowerGroup(MlyLowering *l, int group, int n_groups);

/* x converted to result 0's element type and broadcast to its shape
 * (aten's implicit promotion and broadcasting, made explicit). */
MlirValue mlyLowerToResult(MlyLowering *l, MlirValue x);
/* x converted to element type `elt` and broadcast to `like`'s shape. */
MlirValue mlyLowerLike(MlyLowering *l, MlirValue x, MlirType like);

#endif /* MLY_CONVERSIONS_ATEN_TO_MLY_LOWER_H */
