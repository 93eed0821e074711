/* The plumbing shared by the constructors of mly's passes. */
#include "mlir-c/Support.h"
#include "transforms/pass_util.h"

static void construct(void *user) {}
static void destruct(void *user) {}
static void *clone(void *user) { return user; }

MlirPass mlyCreateStatelessPass(MlirTypeID *id, const char *name,
                                const char *argument, const char *description,
                                void (*run)(MlirOperation, MlirExternalPass,
                                            void *)) {
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
      0, NULL, cb, NULL);
}
