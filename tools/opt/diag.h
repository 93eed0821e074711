/* Diagnostics of mly-opt: printing them like mlir-opt (file:line:col,
 * severity, message, then the source line and a caret), and checking them
 * against `expected-*` comments for --verify-diagnostics. */
#ifndef MLY_TOOLS_OPT_DIAG_H
#define MLY_TOOLS_OPT_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"

typedef struct MlyDiag MlyDiag;

/* Attaches a handler to `ctx` that prints diagnostics to `err` or, when
 * `verify` is set, matches them against expectations. Returns NULL on
 * allocation failure. Destroy with mlyDiagDestroy (detaches). */
MlyDiag *mlyDiagCreate(MlirContext ctx, FILE *err, bool verify);
void mlyDiagDestroy(MlyDiag *d);

/* Sets the source buffer that diagnostics point into: `name` is the file
 * name in locations, `text` (length `len`) its contents, with `first_line`
 * the line number of text's first line. In verify mode, collects the
 * buffer's expected-* comments; returns false (after printing) on a
 * malformed one. Both strings must outlive the next call or Destroy. */
bool mlyDiagSetBuffer(MlyDiag *d, const char *name, const char *text,
                      size_t len);

/* In verify mode: reports every expectation of the current buffer not yet
 * met and returns whether all diagnostics so far matched and every
 * expectation was met. In print mode: returns whether no error was seen.
 * Clears the per-buffer state. */
bool mlyDiagFinishBuffer(MlyDiag *d);

/* Whether an error diagnostic was emitted (printed or expected) for the
 * current buffer. */
bool mlyDiagSawError(const MlyDiag *d);

/* Reports an error of the tool itself (no location) through the same
 * channel: printed, or in verify mode counted as unexpected. */
void mlyDiagToolError(MlyDiag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* MLY_TOOLS_OPT_DIAG_H */
