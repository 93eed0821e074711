/* mly-msl-sim-api-test SRC_DIR: runtime/mly_runtime.h on the msl-sim
 * backend: a host function's infos (inputs without mly.param/mly.output,
 * outputs from mly.output arguments), running twice on the same model
 * (the pool and the loaded kernels are reused; fresh outputs each time),
 * an input of the wrong type, a run-time error (a deadlock) and running
 * again after it. Prints one line per check; exits 1 on a failure. */
#include <stdio.h>
#include <string.h>

#include "runtime/mly_runtime.h"

static int failures;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);                 \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static MlyModel *load(MlyRuntime *rt, const char *src, const char *entry) {
  char mlir[4096], msl[4096], err[1024];
  snprintf(mlir, sizeof mlir, "%s/Inputs/features.mlir", src);
  snprintf(msl, sizeof msl, "%s/Inputs/features.metal", src);
  MlyModelOptions o = {.backend = "msl-sim", .entry = entry, .msl_path = msl};
  MlyModel *m = mlyModelLoad(rt, mlir, &o, err, sizeof err);
  if (!m)
    printf("load %s: %s\n", entry, err);
  return m;
}

int main(int argc, char **argv) {
  char err[1024];
  MlyTensorInfo info;
  MlyTensor *out = NULL;
  size_t n_out = 0;
  if (argc != 2)
    return 2;
  MlyRuntime *rt = mlyRuntimeCreate();
  MlyModel *m = load(rt, argv[1], "simd");
  if (!m)
    return 1;
  printf("counts: %d inputs, %d weights, %d outputs\n", mlyModelNumInputs(m),
         mlyModelNumWeights(m), mlyModelNumOutputs(m));
  CHECK(!mlyModelInputInfo(m, 0, &info));
  printf("input 0: %s rank %d dim %d\n", mlyDTypeName(info.dtype),
         (int)info.rank, (int)info.dims[0]);
  CHECK(!mlyModelOutputInfo(m, 0, &info));
  printf("output 0: %s rank %d dims %dx%d\n", mlyDTypeName(info.dtype),
         (int)info.rank, (int)info.dims[0], (int)info.dims[1]);

  float x[64];
  MlyTensor in = {.dtype = MLY_DTYPE_F32,
                  .rank = 1,
                  .dims = {64},
                  .data = x,
                  .nbytes = sizeof x};
  for (int run = 0; run < 2; ++run) {
    for (int i = 0; i < 64; ++i)
      x[i] = (float)(i * (run + 1));
    CHECK(!mlyModelRun(m, &in, 1, &out, &n_out, err, sizeof err));
    CHECK(n_out == 1 && out[0].nbytes == 64 * 4 * sizeof(float));
    const float *y = out[0].data;
    printf("run %d: sums %g %g, max %g %g\n", run, y[0], y[4 * 32], y[1],
           y[4 * 32 + 1]);
    mlyTensorArrayDestroy(out, n_out);
  }

  MlyTensor bad = in;
  bad.dims[0] = 32;
  bad.nbytes = 32 * sizeof(float);
  CHECK(mlyModelRun(m, &bad, 1, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_ARGUMENT);
  printf("type: %s\n", err);
  mlyModelDestroy(m);

  CHECK((m = load(rt, argv[1], "deadlock")) != NULL);
  CHECK(mlyModelRun(m, NULL, 0, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_RUN);
  CHECK(!out && !n_out);
  printf("deadlock: %s\n", err);
  CHECK(mlyModelRun(m, NULL, 0, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_RUN);
  printf("again: %s\n", strstr(err, "deadlock") ? "deadlock" : err);
  mlyModelDestroy(m);
  mlyRuntimeDestroy(rt);
  return failures != 0;
}
