/* mly-cse: merges identical pure aten/mly ops. Upstream CSE leaves IRDL ops
 * alone (they declare no memory effects), so mly does its own.
 *
 * Scope: one block at a time, the first op of a set of identical ones
 * stays and later ones are replaced by it (it dominates them). Values do
 * not flow into nested blocks' tables: that keeps the pass correct for
 * regions isolated from above without knowing which ones are. */
#include <stdint.h>
#include <stdlib.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

/* Open-addressing table of ops seen in the current block. */
typedef struct table {
  MlirOperation *slots;
  uint64_t *hashes;
  size_t cap, n;
} table;

static uint64_t mix(uint64_t h, const void *p) {
  h ^= (uint64_t)(uintptr_t)p + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

/* Types and attributes are uniqued by the context, identifiers too, so
 * pointer identity is equality for every part of the key. */
static uint64_t hash_op(MlirOperation op) {
  uint64_t h = mix(0, mlirOperationGetName(op).ptr);
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    h = mix(h, mlirOperationGetOperand(op, i).ptr);
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    h = mix(h, mlirValueGetType(mlirOperationGetResult(op, i)).ptr);
  for (intptr_t i = 0, n = mlirOperationGetNumAttributes(op); i < n; ++i) {
    MlirNamedAttribute a = mlirOperationGetAttribute(op, i);
    h = mix(mix(h, a.name.ptr), a.attribute.ptr);
  }
  return h;
}

static bool same_op(MlirOperation a, MlirOperation b) {
  intptr_t n = mlirOperationGetNumOperands(a);
  intptr_t r = mlirOperationGetNumResults(a);
  intptr_t na = mlirOperationGetNumAttributes(a);
  if (!mlirIdentifierEqual(mlirOperationGetName(a), mlirOperationGetName(b)) ||
      n != mlirOperationGetNumOperands(b) ||
      r != mlirOperationGetNumResults(b) ||
      na != mlirOperationGetNumAttributes(b))
    return false;
  for (intptr_t i = 0; i < n; ++i)
    if (!mlirValueEqual(mlirOperationGetOperand(a, i),
                        mlirOperationGetOperand(b, i)))
      return false;
  for (intptr_t i = 0; i < r; ++i)
    if (!mlirTypeEqual(mlirValueGetType(mlirOperationGetResult(a, i)),
                       mlirValueGetType(mlirOperationGetResult(b, i))))
      return false;
  /* The attribute dictionary is sorted by name, so positions line up. */
  for (intptr_t i = 0; i < na; ++i) {
    MlirNamedAttribute x = mlirOperationGetAttribute(a, i);
    MlirNamedAttribute y = mlirOperationGetAttribute(b, i);
    if (!mlirIdentifierEqual(x.name, y.name) ||
        !mlirAttributeEqual(x.attribute, y.attribute))
      return false;
  }
  return true;
}

static bool table_grow(table *t) {
  size_t cap = t->cap ? 2 * t->cap : 64;
  MlirOperation *slots = calloc(cap, sizeof *slots);
  uint64_t *hashes = calloc(cap, sizeof *hashes);
  if (!slots || !hashes) {
    free(slots);
    free(hashes);
    return false;
  }
  for (size_t i = 0; i < t->cap; ++i) {
    if (!t->slots[i].ptr)
      continue;
    size_t j = t->hashes[i] & (cap - 1);
    while (slots[j].ptr)
      j = (j + 1) & (cap - 1);
    slots[j] = t->slots[i];
    hashes[j] = t->hashes[i];
  }
  free(t->slots);
  free(t->hashes);
  t->slots = slots;
  t->hashes = hashes;
  t->cap = cap;
  return true;
}

/* Returns the earlier op identical to `op`, or inserts `op` and returns a
 * null op. Sets *oom on allocation failure. */
static MlirOperation table_find_or_insert(table *t, MlirOperation op,
                                          bool *oom) {
  MlirOperation none = {NULL};
  if (2 * (t->n + 1) > t->cap && !table_grow(t)) {
    *oom = true;
    return none;
  }
  uint64_t h = hash_op(op);
  size_t j = h & (t->cap - 1);
  for (; t->slots[j].ptr; j = (j + 1) & (t->cap - 1))
    if (t->hashes[j] == h && same_op(t->slots[j], op))
      return t->slots[j];
  t->slots[j] = op;
  t->hashes[j] = h;
  t->n++;
  return none;
}

static bool cse_region(MlirRegion region);

static bool cse_block(MlirBlock block) {
  table t = {0};
  bool oom = false;
  MlirOperation op = mlirBlockGetFirstOperation(block);
  while (!mlirOperationIsNull(op) && !oom) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    if (mlyOpIsPure(op)) {
      MlirOperation prior = table_find_or_insert(&t, op, &oom);
      if (!mlirOperationIsNull(prior)) {
        for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
          mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, i),
                                        mlirOperationGetResult(prior, i));
        mlirOperationDestroy(op);
      }
    } else {
      for (intptr_t i = 0, n = mlirOperationGetNumRegions(op); i < n && !oom; ++i)
        oom = !cse_region(mlirOperationGetRegion(op, i));
    }
    op = next;
  }
  free(t.slots);
  free(t.hashes);
  return !oom;
}

static bool cse_region(MlirRegion region) {
  for (MlirBlock b = mlirRegionGetFirstBlock(region); !mlirBlockIsNull(b);
       b = mlirBlockGetNextInRegion(b))
    if (!cse_block(b))
      return false;
  return true;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  for (intptr_t i = 0, n = mlirOperationGetNumRegions(root); i < n; ++i) {
    if (!cse_region(mlirOperationGetRegion(root, i))) {
      mlirEmitError(mlirOperationGetLocation(root), "mly-cse: out of memory");
      mlirExternalPassSignalFailure(pass);
      return;
    }
  }
}

MlirPass mlyCreateCSEPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyCSE", "mly-cse",
                                "Merge identical pure aten/mly ops", run);
}
