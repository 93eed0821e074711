/* Internal to mly-to-linalg: each mly op is converted by writing a small
 * func.func in MLIR's custom syntax whose arguments stand for the op's
 * operands and whose return is its result. The driver parses it, moves its
 * ops before the mly op and rewires the arguments. Text rather than
 * mlirOperationCreate because the bodies of linalg's named ops
 * (matmul, conv_*, pooling_*) are filled in only by their C++ builders
 * and parsers, which the C API does not reach. */
#ifndef MLY_CONVERSIONS_MLY_TO_LINALG_EMIT_H
#define MLY_CONVERSIONS_MLY_TO_LINALG_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"

#define MLY_EMIT_MAX_RANK 16

/* One conversion in progress. SSA values of the template are numbered:
 * %v0.. are the op's operands, later numbers come from mlyEmitFresh. */
typedef struct MlyEmit {
  MlirOperation op;
  const char *name; /* op name without "mly." */
  char *buf;        /* the template's body */
  size_t len, cap;
  bool oom;
  int next;
  char **strs; /* strings owned until the op is done */
  int n_strs, cap_strs;
} MlyEmit;

/* Appends printf-formatted text to the body. */
void mlyEmitF(MlyEmit *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A printf-formatted string that lives until the op is done ("" when out of
 * memory; the emit then fails). */
const char *mlyEmitStr(MlyEmit *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The text of a type, living until the op is done. */
const char *mlyEmitType(MlyEmit *e, MlirType t);
/* A new SSA number. */
int mlyEmitFresh(MlyEmit *e);
/* Emits an error at the op's location; returns false. */
bool mlyEmitFail(MlyEmit *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Element type classes. */
enum { MLY_ELT_FLOAT, MLY_ELT_BOOL, MLY_ELT_INT, MLY_ELT_OTHER };
int mlyEltClass(MlirType elt);
unsigned mlyEltWidth(MlirType elt);

/* ---- shared pieces of templates (emit_structured.c) ---- */
/* %r = arith.constant v : elt (floats: inf/nan allowed; ints: truncated;
 * i1: v != 0). */
int mlyEmitConst(MlyEmit *e, MlirType elt, double v);
/* The lowest (neg) or highest value of elt: -inf/+inf, INT_MIN/INT_MAX,
 * false/true. */
int mlyEmitExtreme(MlyEmit *e, MlirType elt, bool neg);
/* tensor.empty, and tensor.empty filled with scalar value `c`. */
int mlyEmitEmpty(MlyEmit *e, MlirType t);
int mlyEmitFill(MlyEmit *e, MlirType t, int c);
/* x (of type from) reshaped to `to` (same element count) with
 * collapse_shape/expand_shape; x itself when the shapes agree. */
int mlyEmitReshape(MlyEmit *e, int x, MlirType from, MlirType to);
/* Opens `%r = linalg.generic` over `nd` loops: inputs in[0..n_in) of types
 * in_t with maps[0..n_in), output `out` of type out_t with maps[n_in];
 * iters[i] is true for reduction loops. Writes the block argument numbers
 * into args[0..n_in] (the output's last) and returns r. */
int mlyEmitGenericOpen(MlyEmit *e, int nd, int n_in, const int *in,
                       const MlirType *in_t, const char *const *maps,
                       const bool *iters, int out, MlirType out_t, int *args);
/* Closes it, yielding y. */
void mlyEmitGenericClose(MlyEmit *e, int y, MlirType out_t);
/* "affine_map<(d0, .., d{nd-1}) -> (d0, .., d{nd-1})>". */
const char *mlyEmitIdentityMap(MlyEmit *e, int nd);

/* ---- scalar bodies (emit_elementwise.c) ---- */
/* a + b in elt (reductions, contractions). */
int mlyEmitScalarAdd(MlyEmit *e, MlirType elt, int a, int b);
int mlyEmitScalarMul(MlyEmit *e, MlirType elt, int a, int b);
/* max/min propagating NaN. */
int mlyEmitScalarMax(MlyEmit *e, MlirType elt, int a, int b, bool min);

/* An emitter writes the template's body and sets *result to the SSA number
 * of the op's result; false after an error at the op. */
typedef bool (*MlyEmitFn)(MlyEmit *e, int *result);

typedef struct MlyEmitRule {
  const char *name; /* without "mly." */
  MlyEmitFn fn;
} MlyEmitRule;

extern const MlyEmitRule mlyEmitElementwiseRules[]; /* NULL-ended */
extern const MlyEmitRule mlyEmitStructuredRules[];

/* The scalar body of the elementwise op e->op (unary, binary, cmp,
 * select, cast) on its operands' scalar values args[0..n): returns the
 * SSA number of the result in the result's element type, or -1 (nothing
 * reported) when the element type has no such scalar op. Shared by mly-to-linalg and mly-to-gpu, so both paths
 * compute the same scalar semantics. */
int mlyEmitScalarElementwise(MlyEmit *e, const int *args);
/* Frees what e owns (its text and strings); e stays usable, empty. */
void mlyEmitReset(MlyEmit *e);

/* Operand i's and result 0's types. */
MlirType mlyEmitOperandType(MlyEmit *e, intptr_t i);
MlirType mlyEmitResultType(MlyEmit *e);

#endif /* MLY_CONVERSIONS_MLY_TO_LINALG_EMIT_H */
