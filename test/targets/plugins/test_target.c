/* Test-only target plugins, one per MLY_TEST_PLUGIN variant: a working
 * "echo" target (prints its kernels' names and the options it got) and
 * libraries the registry must refuse. */
#include <stdio.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "targets/mly_target.h"

#define ECHO 1
#define BAD_ABI 2
#define NULL_ENTRY 3
#define NULL_FIELD 4
#define CLASH 5
#define BAD_NAME 6
#define NO_ENTRY 7

static void put(MlirStringCallback write, void *user, const char *s) {
  write(mlirStringRefCreateFromCString(s), user);
}

/* Writes "kernel <name>" per gpu.func and "option <k>=<v>" per option;
 * fails on the option fail=yes. */
static MlirLogicalResult echo_emit(MlirOperation gm, MlirStringCallback write,
                                   void *user, const MlyTargetOptions *o) {
  for (size_t i = 0; i < o->count; ++i) {
    if (!strcmp(o->keys[i], "fail")) {
      mlirEmitError(mlirOperationGetLocation(gm), "echo was told to fail");
      return mlirLogicalResultFailure();
    }
    char line[256];
    snprintf(line, sizeof line, "option %s=%s\n", o->keys[i], o->values[i]);
    put(write, user, line);
  }
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
    if (n.length != 8 || memcmp(n.data, "gpu.func", 8))
      continue;
    MlirStringRef s =
        mlirStringAttrGetValue(mlirOperationGetDiscardableAttributeByName(
            op, mlirStringRefCreateFromCString("sym_name")));
    put(write, user, "kernel ");
    write(s, user);
    put(write, user, "\n");
  }
  return mlirLogicalResultSuccess();
}

__attribute__((unused)) static const MlyTarget target = {
#if MLY_TEST_PLUGIN == BAD_ABI
    .abi_version = 99,
#else
    .abi_version = MLY_TARGET_ABI_VERSION,
#endif
#if MLY_TEST_PLUGIN == CLASH
    .name = "msl",
#elif MLY_TEST_PLUGIN == BAD_NAME
    .name = "Echo Two",
#else
    .name = "echo",
#endif
#if MLY_TEST_PLUGIN == NULL_FIELD
    .description = NULL,
#else
    .description = "test target: kernel names and options",
#endif
    .file_extension = ".txt",
    .options_help = "any=<value>: echoed\nfail=yes: fails",
    .emit = echo_emit,
};

#if MLY_TEST_PLUGIN == NO_ENTRY
const MlyTarget *not_the_entry(void) { return &target; }
#else
const MlyTarget *mly_target_entry(void) {
#if MLY_TEST_PLUGIN == NULL_ENTRY
  return NULL;
#else
  return &target;
#endif
}
#endif
