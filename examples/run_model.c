/* run_model: the runtime's C API in one page. Loads a model (aten, mly or
 * linalg MLIR), binds its weights, runs it on the inputs of a safetensors
 * file on the cpu backend and prints each output's dtype and shape.
 *
 *   run_model MODEL.mlir WEIGHTS.safetensors INPUTS.safetensors [CACHE_DIR] */
#include <inttypes.h>
#include <stdio.h>

#include "runtime/mly_runtime.h"

int main(int argc, char **argv) {
  char err[1024];
  MlyTensor *in = NULL, *out = NULL;
  size_t n_in = 0, n_out = 0;
  int rc = 1;
  if (argc < 4 || argc > 5) {
    fprintf(stderr, "usage: %s MODEL WEIGHTS INPUTS [CACHE_DIR]\n", argv[0]);
    return 2;
  }
  MlyModelOptions opts = {.backend = "cpu",
                          .cache_dir = argc == 5 ? argv[4] : NULL};
  MlyRuntime *rt = mlyRuntimeCreate();
  MlyModel *m = rt ? mlyModelLoad(rt, argv[1], &opts, err, sizeof err) : NULL;
  if (!m || mlyModelBindWeights(m, argv[2], err, sizeof err) ||
      mlyModelReadInputs(m, argv[3], &in, &n_in, err, sizeof err) ||
      mlyModelRun(m, in, n_in, &out, &n_out, err, sizeof err)) {
    fprintf(stderr, "run_model: %s\n", rt ? err : "out of memory");
    goto out;
  }
  for (size_t i = 0; i < n_out; ++i) {
    printf("output %zu: %s [", i, mlyDTypeName(out[i].dtype));
    for (int64_t d = 0; d < out[i].rank; ++d)
      printf(d ? ", %" PRId64 : "%" PRId64, out[i].dims[d]);
    printf("]\n");
  }
  rc = 0;
out:
  mlyTensorArrayDestroy(out, n_out);
  mlyTensorArrayDestroy(in, n_in);
  mlyModelDestroy(m);
  mlyRuntimeDestroy(rt);
  return rc;
}
