/* mly-check-memory-plan: checks the arena plan of mly-plan-memory against
 * the program as it is now. Live ranges are recomputed (memory_plan.h), so
 * a plan made stale by a later rewrite fails too. For every host function:
 *  - `mly.arena_size` and `mly.arena_naive` are present, the naive size is
 *    the sum of the rounded sizes and the arena is no larger than it;
 *  - every intermediate has an offset that is a multiple of
 *    MLY_ARENA_ALIGN and lies, with its bytes, inside the arena; results
 *    that are returned have none;
 *  - no two intermediates alive at the same op share a byte.
 * Each broken rule is an error at the op; a plan that passes changes
 * nothing and prints nothing (the numbers are in mly-plan-memory's
 * report). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/memory_plan.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

#define PASS "mly-check-memory-plan"

static void op_error(MlirOperation op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(op, fmt, ap);
  va_end(ap);
}

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op,
                                         mlirStringRefCreateFromCString(name));
}

static bool read_i64(MlirOperation op, const char *name, int64_t *out) {
  MlirAttribute a = attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAInteger(a))
    return false;
  *out = mlirIntegerAttrGetValueInt(a);
  return true;
}

/* Reads op's offsets into offs[0..nr) (-1: none). False, with an error, if
 * an attribute has the wrong kind or length. */
static bool read_offsets(MlirOperation op, intptr_t nr, int64_t *offs) {
  for (intptr_t r = 0; r < nr; ++r)
    offs[r] = -1;
  MlirAttribute one = attr(op, "mly.arena_offset");
  MlirAttribute many = attr(op, "mly.arena_offsets");
  if (!mlirAttributeIsNull(one)) {
    if (nr != 1 || !mlirAttributeIsAInteger(one)) {
      op_error(op, PASS ": mly.arena_offset must be an integer on an op with "
                        "one result");
      return false;
    }
    offs[0] = mlirIntegerAttrGetValueInt(one);
  }
  if (!mlirAttributeIsNull(many)) {
    if (nr < 2 || !mlirAttributeIsADenseI64Array(many) ||
        mlirDenseArrayGetNumElements(many) != nr) {
      op_error(op,
               PASS ": mly.arena_offsets must be an array<i64> of one "
                    "offset per result (%ld)",
               (long)nr);
      return false;
    }
    for (intptr_t r = 0; r < nr; ++r)
      offs[r] = mlirDenseI64ArrayGetElement(many, r);
  }
  return true;
}

/* Fills the offsets of l's buffers from the attributes of func's body and
 * checks each buffer on its own. Returns false if any rule broke. */
static bool check_offsets(MlirOperation func, MlyBufferList *l, int64_t arena) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  bool ok = true;
  size_t k = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    intptr_t nr = mlirOperationGetNumResults(op);
    int64_t *offs = malloc(((size_t)nr + 1) * sizeof *offs);
    if (!offs) {
      op_error(op, PASS ": out of memory");
      return false;
    }
    if (!read_offsets(op, nr, offs)) {
      ok = false;
      for (; k < l->n && mlirOperationEqual(l->buf[k].op, op); ++k)
        ;
      free(offs);
      continue;
    }
    for (intptr_t r = 0; r < nr; ++r) {
      MlyBuffer *b = NULL;
      if (k < l->n && mlirOperationEqual(l->buf[k].op, op) &&
          l->buf[k].result == r)
        b = &l->buf[k++];
      if (!b) {
        if (offs[r] != -1) {
          op_error(op,
                   PASS ": result #%ld is no intermediate (returned or "
                        "no tensor) but has arena offset %lld",
                   (long)r, (long long)offs[r]);
          ok = false;
        }
        continue;
      }
      b->offset = offs[r];
      if (b->offset == -1) {
        op_error(op, PASS ": result #%ld has no arena offset", (long)r);
        ok = false;
      } else if (b->offset < 0 || b->offset % MLY_ARENA_ALIGN) {
        op_error(op,
                 PASS ": result #%ld has offset %lld, not a multiple of "
                      "%d",
                 (long)r, (long long)b->offset, MLY_ARENA_ALIGN);
        ok = false;
      } else if (b->offset > arena || b->bytes > arena - b->offset) {
        op_error(op,
                 PASS ": result #%ld at [%lld, %lld) is outside the "
                      "arena of %lld bytes",
                 (long)r, (long long)b->offset,
                 (long long)(b->offset + b->bytes), (long long)arena);
        ok = false;
      }
    }
    free(offs);
  }
  return ok;
}

/* Whether no two buffers alive at the same op share a byte (buffers that
 * failed check_offsets have offset -1 and are skipped). */
static bool check_overlaps(const MlyBufferList *l) {
  bool ok = true;
  for (size_t j = 0; j < l->n; ++j) {
    const MlyBuffer *b = &l->buf[j];
    if (b->offset < 0 || !b->bytes)
      continue;
    for (size_t i = 0; i < j; ++i) {
      const MlyBuffer *a = &l->buf[i];
      if (a->offset < 0 || !a->bytes || !mlyBuffersInterfere(a, b) ||
          a->offset >= b->offset + b->bytes ||
          b->offset >= a->offset + a->bytes)
        continue;
      MlirStringRef an = mlirIdentifierStr(mlirOperationGetName(a->op));
      op_error(b->op,
               PASS ": result #%ld at [%lld, %lld) overlaps result "
                    "#%ld of '%.*s' at [%lld, %lld); both are live "
                    "at op %lld",
               (long)b->result, (long long)b->offset,
               (long long)(b->offset + b->bytes), (long)a->result,
               (int)an.length, an.data, (long long)a->offset,
               (long long)(a->offset + a->bytes),
               (long long)(a->first > b->first ? a->first : b->first));
      ok = false;
    }
  }
  return ok;
}

static bool check_func(MlirOperation func) {
  int64_t arena, naive, sum = 0;
  MlyBufferList l;
  bool ok = false;
  if (!read_i64(func, "mly.arena_size", &arena) ||
      !read_i64(func, "mly.arena_naive", &naive)) {
    op_error(func, PASS ": no integer mly.arena_size and mly.arena_naive "
                        "(run mly-plan-memory first)");
    return false;
  }
  if (!mlyMemoryPlanBuffers(func, PASS, &l))
    return false;
  for (size_t i = 0; i < l.n; ++i)
    sum += l.buf[i].size;
  ok = check_offsets(func, &l, arena);
  ok = check_overlaps(&l) && ok;
  if (naive != sum) {
    op_error(func,
             PASS ": mly.arena_naive is %lld, but the intermediates "
                  "take %lld bytes",
             (long long)naive, (long long)sum);
    ok = false;
  }
  if (arena > sum) {
    op_error(func,
             PASS ": the arena of %lld bytes is larger than the %lld "
                  "bytes of all intermediates side by side",
             (long long)arena, (long long)sum);
    ok = false;
  }
  free(l.buf);
  return ok;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  MlyOpList funcs;
  bool ok = true;
  if (!mlyCollectOps(root, mlyMemoryPlanCovers, &funcs)) {
    mlirEmitError(mlirOperationGetLocation(root), PASS ": out of memory");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  for (size_t i = 0; i < funcs.n; ++i)
    ok = check_func(funcs.ops[i]) && ok;
  if (!ok)
    mlirExternalPassSignalFailure(pass);
  free(funcs.ops);
}

MlirPass mlyCreateCheckMemoryPlanPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyCheckMemoryPlan", PASS,
      "Check the arena plan of mly-plan-memory (no overlap of live buffers)",
      run);
}
