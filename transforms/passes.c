/* The table of mly passes and the plumbing shared by their constructors. */
#include <string.h>

#include "mlir-c/Support.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

static const MlyPassInfo passes[] = {
    {"mly-cse", "Merge identical pure aten/mly ops", mlyCreateCSEPass},
    {"mly-dce", "Erase pure aten/mly ops whose results are unused",
     mlyCreateDCEPass},
    {"mly-verify", "Check the shape, dim and dtype rules of aten/mly ops",
     mlyCreateVerifyPass},
};

const MlyPassInfo *mlyPassRegistryGet(size_t *n) {
  *n = sizeof passes / sizeof passes[0];
  return passes;
}

const MlyPassInfo *mlyPassRegistryLookup(const char *argument, size_t len) {
  for (size_t i = 0; i < sizeof passes / sizeof passes[0]; ++i)
    if (strlen(passes[i].argument) == len &&
        !memcmp(passes[i].argument, argument, len))
      return &passes[i];
  return NULL;
}

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
