/* Internal helpers of the semantic verifiers (verify.c, verify_aten.c,
 * verify_mly.c). Every helper that can fail emits one diagnostic at the
 * op's location, "'<op name>' op <message>", marks the verifier failed and
 * returns false, so rules read as `if (!helper(...)) return false;`. */
#ifndef MLY_DIALECTS_VERIFY_UTIL_H
#define MLY_DIALECTS_VERIFY_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "mlir-c/IR.h"

#define MLY_MAX_RANK 16

/* A static tensor shape and its element type. */
typedef struct MlyShape {
  int64_t rank;
  int64_t dims[MLY_MAX_RANK];
  MlirType elt;
} MlyShape;

/* The op being verified. */
typedef struct MlyVerifier {
  MlirOperation op;
  const char *name; /* NUL-terminated op name, "aten.linear" */
  bool failed;
} MlyVerifier;

/* A rule for one op name. Returns false after reporting a broken rule. */
typedef bool (*MlyVerifyFn)(MlyVerifier *v);
typedef struct MlyVerifyRule {
  const char *name;
  MlyVerifyFn fn;
} MlyVerifyRule;

/* The rule tables, each terminated by a {NULL, NULL} entry. */
extern const MlyVerifyRule mlyAtenVerifyRules[];
extern const MlyVerifyRule mlyMlyVerifyRules[];

/* Emits "'<name>' op <printf message>" at the op; returns false. */
bool mlyVerifyFail(MlyVerifier *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Operand/result shapes. `what` names the value in messages ("weight"). */
bool mlyOperandShape(MlyVerifier *v, intptr_t pos, MlyShape *out);
bool mlyResultShape(MlyVerifier *v, intptr_t pos, MlyShape *out);
bool mlyValueShape(MlyVerifier *v, MlirValue value, const char *what,
                   MlyShape *out);

/* The operand of group `group` among `n_groups` operand groups of which
 * some are optional: reads `operandSegmentSizes` when the op has one, else
 * takes operands in order. Returns a null value when the group is empty. */
MlirValue mlyOperandGroup(MlyVerifier *v, int group, int n_groups);

/* Attribute readers; each reports a missing or ill-typed attribute. */
bool mlyAttrInt(MlyVerifier *v, const char *name, int64_t *out);
bool mlyAttrFloat(MlyVerifier *v, const char *name, double *out); /* int or float */
bool mlyAttrBool(MlyVerifier *v, const char *name, bool *out);
bool mlyAttrStr(MlyVerifier *v, const char *name, MlirStringRef *out);
/* A DenseI64ArrayAttr of at most MLY_MAX_RANK elements into `out`, *n set. */
bool mlyAttrInts(MlyVerifier *v, const char *name, int64_t *out, int64_t *n);
/* Reports unless the string attribute `name` is one of the NULL-ended list. */
bool mlyAttrStrOneOf(MlyVerifier *v, const char *name, const char *const *allowed);

/* Normalizes a possibly negative `dim` against `rank` (valid range
 * [-rank, rank-1]; pass rank+1 for insert positions such as unsqueeze).
 * Reports "<what> N is out of range for rank R". */
bool mlyNormDim(MlyVerifier *v, const char *what, int64_t dim, int64_t rank,
                int64_t *out);

/* Reports unless `actual` has exactly `dims[0..rank)`. */
bool mlyExpectDims(MlyVerifier *v, const char *what, const MlyShape *actual,
                   const int64_t *dims, int64_t rank);
/* Reports unless `a` and `b` have one shape. */
bool mlyExpectSameDims(MlyVerifier *v, const char *what_a, const MlyShape *a,
                       const char *what_b, const MlyShape *b);
/* Reports unless `a` and `b` have one element type. */
bool mlyExpectSameElt(MlyVerifier *v, const char *what_a, const MlyShape *a,
                      const char *what_b, const MlyShape *b);
/* Reports unless `s` has `rank` dims. */
bool mlyExpectRank(MlyVerifier *v, const char *what, const MlyShape *s,
                   int64_t rank);
/* NumPy/PyTorch broadcast of a and b into `out` (dims only). */
bool mlyBroadcast(MlyVerifier *v, const char *what_a, const MlyShape *a,
                  const char *what_b, const MlyShape *b, MlyShape *out);

/* Element type classes. */
bool mlyEltIsFloat(MlirType t);
bool mlyEltIsBool(MlirType t); /* i1 */
bool mlyEltIsInt(MlirType t);  /* integer wider than 1 bit */
/* Number of elements; false (no report) on overflow past INT64_MAX. */
bool mlyNumElements(const MlyShape *s, int64_t *out);

/* Formats dims as "2x3" ("0-d" for rank 0) into buf. */
const char *mlyFormatDims(const int64_t *dims, int64_t rank, char *buf,
                          size_t size);
/* Formats a list of ints as "[1, 2, 3]" into buf. */
const char *mlyFormatInts(const int64_t *xs, int64_t n, char *buf,
                          size_t size);
/* Prints a type ("f32") into buf. */
const char *mlyFormatType(MlirType t, char *buf, size_t size);

#endif /* MLY_DIALECTS_VERIFY_UTIL_H */
