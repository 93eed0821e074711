/* The plumbing shared by the constructors of mly's passes. */
#include <stdlib.h>

#include "mlir-c/Support.h"
#include "transforms/pass_util.h"

static void construct(void *user) {}
static void destruct(void *user) {}
static void *clone(void *user) { return user; }

MlirPass mlyCreateStatelessPass(MlirTypeID *id, const char *name,
                                const char *argument, const char *description,
                                void (*run)(MlirOperation, MlirExternalPass,
                                            void *)) {
  return mlyCreateStatelessPassDeps(id, name, argument, description, 0, NULL,
                                    run);
}

MlirPass mlyCreateStatelessPassDeps(MlirTypeID *id, const char *name,
                                    const char *argument,
                                    const char *description, intptr_t n_deps,
                                    MlirDialectHandle *deps,
                                    void (*run)(MlirOperation,
                                                MlirExternalPass, void *)) {
  static MlirTypeIDAllocator allocator;
  if (mlirTypeIDIsNull(*id)) {
    if (!allocator.ptr)
      allocator = mlirTypeIDAllocatorCreate();
    *id = mlirTypeIDAllocatorAllocateTypeID(allocator);
  }
  MlirExternalPassCallbacks cb = {construct, destruct, NULL, clone, run};
  return mlirCreateExternalPass(
      *id, mlirStringRefCreateFromCString(name),
      mlirStringRefCreateFromCString(argument),
      mlirStringRefCreateFromCString(description), mlirStringRefCreate("", 0),
      n_deps, deps, cb, NULL);
}

typedef struct collector {
  MlyOpList *list;
  bool (*filter)(MlirOperation);
  bool oom;
} collector;

static MlirWalkResult collect(MlirOperation op, void *user) {
  collector *c = user;
  MlyOpList *l = c->list;
  if (c->filter && !c->filter(op))
    return MlirWalkResultAdvance;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 256;
    MlirOperation *p = realloc(l->ops, cap * sizeof *p);
    if (!p) {
      c->oom = true;
      return MlirWalkResultInterrupt;
    }
    l->ops = p;
    l->cap = cap;
  }
  l->ops[l->n++] = op;
  return MlirWalkResultAdvance;
}

bool mlyCollectOps(MlirOperation root, bool (*filter)(MlirOperation),
                   MlyOpList *out) {
  collector c = {out, filter, false};
  out->ops = NULL;
  out->n = out->cap = 0;
  mlirOperationWalk(root, collect, &c, MlirWalkPreOrder);
  if (c.oom) {
    free(out->ops);
    out->ops = NULL;
    out->n = out->cap = 0;
  }
  return !c.oom;
}
