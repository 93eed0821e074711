/* Shared by the fuzz targets: the input as a file (the readers take paths)
 * and a context with mly's dialects whose diagnostics are swallowed. */
#ifndef MLY_TEST_FUZZ_FUZZ_UTIL_H
#define MLY_TEST_FUZZ_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"

/* Writes data[0..size) to an anonymous in-memory file; on success sets
 * path ("/proc/self/fd/N", at least 32 bytes) and returns the fd to close
 * with mlyFuzzCloseFile, else -1. */
int mlyFuzzOpenFile(const uint8_t *data, size_t size, char *path, size_t n);
void mlyFuzzCloseFile(int fd);

/* A new context with mly's dialects loaded and a handler that drops every
 * diagnostic (the fuzzers look for crashes, leaks and hangs, not
 * messages). Aborts if the dialects do not load. */
MlirContext mlyFuzzContext(void);

#endif /* MLY_TEST_FUZZ_FUZZ_UTIL_H */
