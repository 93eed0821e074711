/* The CROWN method of mly-bounds (transforms/bounds_crown.c), internal to
 * transforms: bounds.c runs IBP first, then hands each analysed root
 * function to mlyCrownRun with hooks into its own state. */
#ifndef MLY_TRANSFORMS_BOUNDS_CROWN_H
#define MLY_TRANSFORMS_BOUNDS_CROWN_H

#include <stdbool.h>

#include "mlir-c/IR.h"

typedef struct MlyCrownHooks {
  void *user;
  /* IBP's interval of v (hull over call contexts); false when it has none
   * (then CROWN takes the type's full range). */
  bool (*ibp)(void *user, MlirValue v, double *lo, double *hi);
  /* The seed interval of argument i of root function func. */
  void (*seed)(void *user, MlirOperation func, intptr_t i, MlirValue arg,
               double *lo, double *hi);
  /* The func.func a func.call calls, or a null op. */
  MlirOperation (*callee)(void *user, MlirOperation call);
  /* CROWN's hull of v's elements in one call context (once per context;
   * the caller hulls them). */
  void (*result)(void *user, MlirValue v, double lo, double hi);
  /* v was not analysed by CROWN in some context: its CROWN hull must not
   * be used. */
  void (*blocked)(void *user, MlirValue v);
  /* A remark for the report (borrowed text). */
  void (*remark)(void *user, const char *text);
} MlyCrownHooks;

/* Runs per-element CROWN over root function func (calls are followed as if
 * inlined) and reports through h. Never fails: what it cannot analyse it
 * reports as blocked, with a remark. */
void mlyCrownRun(MlirOperation func, const MlyCrownHooks *h);

#endif /* MLY_TRANSFORMS_BOUNDS_CROWN_H */
