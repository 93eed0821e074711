#define _GNU_SOURCE
#include "test/fuzz/fuzz_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/Diagnostics.h"

int mlyFuzzOpenFile(const uint8_t *data, size_t size, char *path, size_t n) {
  int fd = memfd_create("mly-fuzz", 0);
  if (fd < 0)
    return -1;
  size_t done = 0;
  while (done < size) {
    ssize_t w = write(fd, data + done, size - done);
    if (w <= 0) {
      close(fd);
      return -1;
    }
    done += (size_t)w;
  }
  snprintf(path, n, "/proc/self/fd/%d", fd);
  return fd;
}

void mlyFuzzCloseFile(int fd) {
  if (fd >= 0)
    close(fd);
}

static MlirLogicalResult drop(MlirDiagnostic d, void *user) {
  (void)d;
  (void)user;
  return mlirLogicalResultSuccess();
}

MlirContext mlyFuzzContext(void) {
  MlirContext ctx = mlirContextCreate();
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx)))
    abort();
  mlirContextAttachDiagnosticHandler(ctx, drop, NULL, NULL);
  return ctx;
}
