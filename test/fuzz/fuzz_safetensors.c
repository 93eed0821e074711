/* libFuzzer target: the safetensors reader (runtime/safetensors.c) on
 * arbitrary bytes; every tensor and metadata entry it accepts is read. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/safetensors.h"
#include "test/fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64], err[256];
  int fd = mlyFuzzOpenFile(data, size, path, sizeof path);
  if (fd < 0)
    return 0;
  MlySafetensors *st = mlySafetensorsOpen(path, err, sizeof err);
  if (st) {
    volatile uint8_t sink = 0;
    for (size_t i = 0, n = mlySafetensorsGetNumTensors(st); i < n; ++i) {
      MlyTensor t;
      const char *name = mlySafetensorsGetName(st, i);
      if (mlySafetensorsGetTensor(st, i, &t) && t.nbytes)
        sink ^= ((const uint8_t *)t.data)[t.nbytes - 1];
      MlyTensor u;
      if (name && mlySafetensorsLookup(st, name, &u) && u.nbytes)
        sink ^= ((const uint8_t *)u.data)[0];
    }
    for (size_t i = 0, n = mlySafetensorsGetNumMetadata(st); i < n; ++i) {
      const char *k = mlySafetensorsGetMetadataKey(st, i);
      const char *v = mlySafetensorsGetMetadataValue(st, i);
      if (k && v && mlySafetensorsLookupMetadata(st, k) && *v)
        sink ^= (uint8_t)v[0];
    }
    (void)sink;
    mlySafetensorsDestroy(st);
  }
  mlyFuzzCloseFile(fd);
  return 0;
}
