/* mly-runtime-api-test DIR: exercises runtime/mly_runtime.h where mly-run
 * does not reach: every status and message of load, bind, info and run,
 * diagnostics with and without a callback, rebinding, a runtime destroyed
 * before its model. Interpreter only (fast). Writes scratch files under
 * DIR; prints one line per check for FileCheck; exits 1 on a failure. */
#include <stdio.h>
#include <string.h>

#include "runtime/mly_runtime.h"
#include "runtime/safetensors.h"

static int failures;
static char dir[4096];

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);                 \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static const char *scratch(const char *name) {
  static char path[4][8192];
  static int k;
  k = (k + 1) % 4;
  snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
  return path[k];
}

/* x / w in i32: a zero in w is a run-time error of the interpreter. */
static const char module[] =
    "func.func @forward(%w: tensor<2xi32> {mly.param = \"w\"},\n"
    "                   %x: tensor<2xi32> loc(\"x\")) -> tensor<2xi32> {\n"
    "  %0 = \"mly.div\"(%x, %w) : (tensor<2xi32>, tensor<2xi32>) -> "
    "tensor<2xi32>\n"
    "  return %0 : tensor<2xi32>\n"
    "}\n";

static void write_i32(const char *file, const char *name, MlyDType dtype,
                      int32_t a, int32_t b) {
  int32_t v[2] = {a, b};
  float f[2] = {(float)a, (float)b};
  MlyTensor t = {.dtype = dtype, .rank = 1, .dims = {2}};
  t.data = dtype == MLY_DTYPE_F32 ? (void *)f : (void *)v;
  t.nbytes = 8;
  CHECK(mlySafetensorsWrite(scratch(file), &name, &t, 1, NULL, 0));
}

static void count_lines(MlirStringRef s, void *user) {
  for (size_t i = 0; i < s.length; ++i)
    *(int *)user += s.data[i] == '\n';
}

int main(int argc, char **argv) {
  char err[512];
  MlyTensorInfo info;
  MlyTensor *in = NULL, *out = NULL;
  size_t n_in = 0, n_out = 0;
  if (argc != 2)
    return 2;
  snprintf(dir, sizeof dir, "%s", argv[1]);
  FILE *f = fopen(scratch("div.mlir"), "w");
  CHECK(f && fputs(module, f) >= 0 && !fclose(f));
  write_i32("w.safetensors", "w", MLY_DTYPE_I32, 2, 0);
  write_i32("w4.safetensors", "w", MLY_DTYPE_I32, 2, 4);
  write_i32("wf.safetensors", "w", MLY_DTYPE_F32, 2, 4);
  write_i32("other.safetensors", "v", MLY_DTYPE_I32, 2, 4);
  write_i32("x.safetensors", "x", MLY_DTYPE_I32, 4, 8);

  MlyRuntime *rt = mlyRuntimeCreate();
  MlyModelOptions interp = {.backend = "interp"};
  MlyModelOptions metal = {.backend = "metal"};
  MlyModelOptions nope = {.backend = "interp", .entry = "nope"};
  CHECK(!mlyModelLoad(rt, scratch("div.mlir"), &metal, err, sizeof err));
  printf("backend: %s\n", err);
  CHECK(!mlyModelLoad(rt, scratch("none.mlir"), &interp, err, sizeof err));
  printf("missing: %s\n", strstr(err, "cannot open") ? "cannot open" : err);
  CHECK(!mlyModelLoad(rt, scratch("div.mlir"), &nope, err, sizeof err));
  printf("entry: %s\n", strstr(err, "no function named 'nope'") ? "ok" : err);
  CHECK(!mlyModelLoad(rt, scratch("w.safetensors"), &interp, err, sizeof err));
  printf("parse: %s\n", strstr(err, ": error: ") ? "diagnostic" : err);

  MlyModel *m = mlyModelLoad(rt, scratch("div.mlir"), &interp, err, sizeof err);
  CHECK(m);
  printf("counts: %d inputs, %d weights, %d outputs\n", mlyModelNumInputs(m),
         mlyModelNumWeights(m), mlyModelNumOutputs(m));
  CHECK(!mlyModelInputInfo(m, 0, &info));
  printf("input 0: %s %s rank %d dim %d\n", info.name, mlyDTypeName(info.dtype),
         (int)info.rank, (int)info.dims[0]);
  CHECK(!mlyModelWeightInfo(m, 0, &info) && !strcmp(info.name, "w"));
  CHECK(!mlyModelOutputInfo(m, 0, &info) && !info.name);
  CHECK(mlyModelInputInfo(m, 1, &info) == MLY_ERROR_ARGUMENT);
  CHECK(mlyModelOutputInfo(m, -1, &info) == MLY_ERROR_ARGUMENT);
  CHECK(!mlyModelCompile(m, err, sizeof err) && !mlyModelCachePath(m));

  CHECK(mlyModelReadInputs(m, scratch("x.safetensors"), &in, &n_in, err,
                           sizeof err) == MLY_OK &&
        n_in == 1);
  CHECK(mlyModelRun(m, in, n_in, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_MODEL);
  printf("unbound: %s\n", err);
  CHECK(mlyModelBindWeights(m, scratch("other.safetensors"), err, sizeof err) ==
        MLY_ERROR_MODEL);
  printf("not found: %s\n",
         strstr(err, "weight 'w' not found in") ? "ok" : err);
  CHECK(mlyModelBindWeights(m, scratch("wf.safetensors"), err, sizeof err) ==
        MLY_ERROR_MODEL);
  printf("mistyped: %s\n", err);
  CHECK(mlyModelBindWeights(m, scratch("div.mlir"), err, sizeof err) ==
        MLY_ERROR_IO);
  CHECK(!mlyModelBindWeights(m, scratch("w.safetensors"), err, sizeof err));
  CHECK(mlyModelRun(m, in, 0, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_ARGUMENT);
  printf("count: %s\n", err);
  MlyTensor wide = in[0];
  wide.dims[0] = 3;
  CHECK(mlyModelRun(m, &wide, 1, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_ARGUMENT);
  printf("type: %s\n", err);
  CHECK(mlyModelRun(m, in, n_in, &out, &n_out, err, sizeof err) ==
            MLY_ERROR_RUN &&
        !out && !n_out);
  printf("run: %s\n", strstr(err, "div.mlir") ? strstr(err, "error:") : err);
  /* A failed binding keeps the one before: w4 then other -> still w4. */
  CHECK(!mlyModelBindWeights(m, scratch("w4.safetensors"), err, sizeof err));
  CHECK(mlyModelBindWeights(m, scratch("other.safetensors"), err, sizeof err));
  CHECK(!mlyModelRun(m, in, n_in, &out, &n_out, err, sizeof err) && n_out == 1);
  int32_t *q = out ? out[0].data : NULL;
  printf("x / w = [%d, %d]\n", q ? q[0] : -1, q ? q[1] : -1);
  mlyTensorArrayDestroy(out, n_out);
  CHECK(mlyModelReadInputs(m, scratch("w.safetensors"), &out, &n_out, err,
                           sizeof err) == MLY_ERROR_ARGUMENT &&
        !out);
  printf("inputs: %s\n", strstr(err, "input_0 not found in") ? "ok" : err);

  /* With a callback the diagnostics go there and err stays empty. */
  int lines = 0;
  MlyModelOptions cb = {.backend = "interp",
                        .diagnostic_callback = count_lines,
                        .user_data = &lines};
  MlyModel *m2 = mlyModelLoad(rt, scratch("div.mlir"), &cb, err, sizeof err);
  CHECK(m2 &&
        !mlyModelBindWeights(m2, scratch("w.safetensors"), err, sizeof err));
  CHECK(mlyModelRun(m2, in, n_in, &out, &n_out, err, sizeof err) ==
        MLY_ERROR_RUN);
  printf("callback: %d line, err '%s'\n", lines, err);

  /* The runtime may go first; its models stay usable. */
  mlyRuntimeDestroy(rt);
  CHECK(!mlyModelRun(m, in, n_in, &out, &n_out, err, sizeof err));
  mlyTensorArrayDestroy(out, n_out);
  mlyModelDestroy(m2);
  mlyModelDestroy(m);
  mlyTensorArrayDestroy(in, n_in);
  printf("%d failures\n", failures);
  return failures != 0;
}
