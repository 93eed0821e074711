/* dialects: the `aten` and `mly` dialects (IRDL, embedded at build time),
 * the semantic verifiers IRDL cannot express, and what passes need to know
 * about the ops (which are pure). */
#ifndef MLY_DIALECTS_H
#define MLY_DIALECTS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Registers every upstream dialect with `ctx` and loads `aten` and `mly`
 * from their embedded IRDL definitions. Returns failure (with a diagnostic
 * emitted on `ctx`) if the embedded definitions do not load. */
MlirLogicalResult mlyDialectsLoad(MlirContext ctx);

/* Returns the IRDL source of the dialect named `name` ("aten" or "mly"),
 * or a null string ref for any other name. Owned by the library. */
MlirStringRef mlyDialectGetIRDL(const char *name);

/* Whether `op` belongs to the aten or mly dialect. */
bool mlyOpIsAten(MlirOperation op);
bool mlyOpIsMly(MlirOperation op);

/* Whether `op` is an aten or mly op without side effects: removing it when
 * its results are unused, or merging it with an identical op, keeps the
 * program's meaning. False for every op of another dialect. */
bool mlyOpIsPure(MlirOperation op);

/* Runs the semantic verifiers (shapes, dims, attribute ranges, dtypes) on
 * every aten and mly op nested under `root`, `root` included. Each broken
 * rule is an error diagnostic at the op's location that names the op, the
 * operand or attribute and the numbers. Returns failure if any rule broke;
 * all ops are checked, not just up to the first failure. */
MlirLogicalResult mlyVerify(MlirOperation root);

/* Emits an error at op's location in MLIR's op-error form:
 * "'<op name>' op <printf message>". */
void mlyOpEmitErrorV(MlirOperation op, const char *fmt, va_list ap);

/* Attribute readers for aten/mly ops, shared by passes and the runtime.
 * Each returns false (and leaves *out alone) when the attribute is absent
 * or of another kind; integers read as floats too (mlyOpGetF64). */
bool mlyOpGetI64(MlirOperation op, const char *name, int64_t *out);
bool mlyOpGetF64(MlirOperation op, const char *name, double *out);
bool mlyOpGetBool(MlirOperation op, const char *name, bool *out);
bool mlyOpGetStr(MlirOperation op, const char *name, MlirStringRef *out);
/* A DenseI64ArrayAttr into out[0..cap); *n gets its length. False when it
 * has more than `cap` elements. */
bool mlyOpGetI64Array(MlirOperation op, const char *name, int64_t *out,
                      int64_t cap, int64_t *n);
/* The operand index of group `group` among `n_groups` operand groups of
 * which some are optional: reads `operandSegmentSizes` when the op has
 * one, else takes operands in order. -1 when the group is empty. */
intptr_t mlyOpOperandGroupIndex(MlirOperation op, int group, int n_groups);

/* Whether string attribute `name` equals `value`. */
bool mlyOpStrIs(MlirOperation op, const char *name, const char *value);

/* How deep brackets may nest in .mlir text: MLIR's parser recurses once
 * per level and would overflow the stack on hostile input long before
 * any real module gets near this. */
#define MLY_MAX_NESTING 1000

/* Parses `text` (len bytes, no NUL needed after them; diagnostics naming
 * buffer `name`, "-" for the parser's own convention) into a new module,
 * or returns a null module
 * after an error. Refused before the parser runs, at the line and column
 * of the offence: nesting deeper than MLY_MAX_NESTING, and, outside string
 * literals and comments, bytes MLIR's lexer rejects anyway (control
 * characters but tab, newline and carriage return; bytes past ASCII),
 * which some upstream custom parsers do not survive. */
MlirModule mlyModuleParse(MlirContext ctx, const char *name, const char *text,
                          size_t len);
/* The same for the file at `path` (null module, nothing emitted, when the
 * file cannot be read: the caller reports that). */
MlirModule mlyModuleParseFile(MlirContext ctx, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* MLY_DIALECTS_H */
