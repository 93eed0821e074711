/* The scalar meaning of mly's elementwise ops, one place for everything
 * that evaluates them: the reference interpreter (runtime/interp) and
 * constant folding (transforms/canonicalize.c). Floats compute in double,
 * integers in int64 with two's-complement wrap-around; the caller rounds
 * or wraps the value into the result's element type. */
#ifndef MLY_DIALECTS_SCALAR_H
#define MLY_DIALECTS_SCALAR_H

#include <stdint.h>

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Unary kinds, in the order of mly's unary ops ("mly.cast" last: the
 * value passes through and the store converts it). */
typedef enum MlyUnaryKind {
  MLY_UNARY_NEG,
  MLY_UNARY_ABS,
  MLY_UNARY_EXP,
  MLY_UNARY_LOG,
  MLY_UNARY_SQRT,
  MLY_UNARY_RSQRT,
  MLY_UNARY_TANH,
  MLY_UNARY_SIGMOID,
  MLY_UNARY_ERF,
  MLY_UNARY_SIN,
  MLY_UNARY_COS,
  MLY_UNARY_FLOOR,
  MLY_UNARY_NOT,
  MLY_UNARY_CAST
} MlyUnaryKind;

/* Binary kinds; mly.cmp with predicate p is MLY_BINARY_EQ + p for p in
 * eq, ne, lt, le, gt, ge. */
typedef enum MlyBinaryKind {
  MLY_BINARY_ADD,
  MLY_BINARY_SUB,
  MLY_BINARY_MUL,
  MLY_BINARY_DIV,
  MLY_BINARY_MAX,
  MLY_BINARY_MIN,
  MLY_BINARY_POW,
  MLY_BINARY_AND,
  MLY_BINARY_OR,
  MLY_BINARY_EQ,
  MLY_BINARY_NE,
  MLY_BINARY_LT,
  MLY_BINARY_LE,
  MLY_BINARY_GT,
  MLY_BINARY_GE
} MlyBinaryKind;

/* The unary kind of `op` (an mly unary op or mly.cast), or -1. */
int mlyUnaryKindOf(MlirOperation op);
/* The binary kind of `op` (an mly binary op, or mly.cmp by its
 * predicate), or -1. */
int mlyBinaryKindOf(MlirOperation op);

/* Unary kind k on a float / integer value. Integer kinds other than neg,
 * abs and not return v (cast). */
double mlyScalarUnaryF(int k, double v);
int64_t mlyScalarUnaryI(int k, int64_t v);

/* Binary kind k. Float max/min propagate NaN like PyTorch; comparisons
 * and logic give 0 or 1. Integer division truncates toward zero
 * (INT64_MIN / -1 wraps); the caller must rule out a zero divisor. */
double mlyScalarBinaryF(int k, double a, double b);
int64_t mlyScalarBinaryI(int k, int64_t a, int64_t b);

#ifdef __cplusplus
}
#endif

#endif /* MLY_DIALECTS_SCALAR_H */
