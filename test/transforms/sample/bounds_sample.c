/* mly-bounds-sample: soundness of mly-bounds by sampling. Loads a module
 * that mly-bounds annotated (`mly.range` on the entry's results), runs it
 * through the runtime API on many random inputs and checks that every
 * output element lies inside its result's range.
 *
 *   mly-bounds-sample BOUNDS.mlir WEIGHTS.safetensors --inputs N
 *       [--seed S] [--range lo,hi] [--backend cpu|interp]
 *
 * N counts input rows: each run feeds a whole batch (the inputs' first
 * dimension), so runs = ceil(N / batch). The first three runs use the
 * corners (all lo, all hi, alternating signs), the rest uniform values
 * from a fixed-seed xorshift generator. Prints one line "ok: ..." or the
 * first output outside its range (run, output, element, value, range) and
 * exits 1. NaN counts as outside unless the result may be NaN
 * (`mly.may_nan`). */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "runtime/mly_runtime.h"

#define MAX_OUT 16

typedef struct range {
  double lo, hi;
  bool nan_ok;
} range;

/* The entry's result ranges from the annotated module. */
static int read_ranges(const char *path, range *r, int *n) {
  int rc = -1;
  MlirContext ctx = mlirContextCreate();
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx)))
    goto out;
  MlirModule m = mlyModuleParseFile(ctx, path);
  if (mlirModuleIsNull(m))
    goto out;
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute name = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name"));
    MlirAttribute res = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("res_attrs"));
    if (mlirAttributeIsNull(name) ||
        !mlirStringRefEqual(mlirStringAttrGetValue(name),
                            mlirStringRefCreateFromCString("forward")) ||
        mlirAttributeIsNull(res))
      continue;
    *n = (int)mlirArrayAttrGetNumElements(res);
    if (*n > MAX_OUT)
      break;
    rc = 0;
    for (int i = 0; i < *n && !rc; ++i) {
      MlirAttribute d = mlirArrayAttrGetElement(res, i);
      MlirAttribute a = mlirDictionaryAttrGetElementByName(
          d, mlirStringRefCreateFromCString("mly.range"));
      MlirAttribute nan = mlirDictionaryAttrGetElementByName(
          d, mlirStringRefCreateFromCString("mly.may_nan"));
      if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF64Array(a) ||
          mlirDenseArrayGetNumElements(a) != 2) {
        rc = -1;
        break;
      }
      r[i].lo = mlirDenseF64ArrayGetElement(a, 0);
      r[i].hi = mlirDenseF64ArrayGetElement(a, 1);
      r[i].nan_ok = !mlirAttributeIsNull(nan);
    }
  }
  mlirModuleDestroy(m);
out:
  mlirContextDestroy(ctx);
  return rc;
}

static uint64_t state = 88172645463325252ull;
static double uniform(double lo, double hi) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return lo + (hi - lo) * (double)(state >> 11) / 9007199254740992.0;
}

int main(int argc, char **argv) {
  const char *backend = "cpu";
  long want = 10000;
  double lo = -1, hi = 1;
  char err[512];
  int rc = 1, n_ranges = 0;
  range rg[MAX_OUT];
  if (argc < 3) {
    fprintf(stderr, "usage: mly-bounds-sample BOUNDS.mlir WEIGHTS.st "
                    "--inputs N [--seed S] [--range lo,hi] [--backend b]\n");
    return 2;
  }
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--inputs"))
      want = strtol(argv[i + 1], NULL, 10);
    else if (!strcmp(argv[i], "--seed"))
      state ^= strtoull(argv[i + 1], NULL, 10) * 0x9E3779B97F4A7C15ull;
    else if (!strcmp(argv[i], "--range") &&
             sscanf(argv[i + 1], "%lf,%lf", &lo, &hi) == 2)
      ;
    else if (!strcmp(argv[i], "--backend"))
      backend = argv[i + 1];
    else {
      fprintf(stderr, "mly-bounds-sample: bad option '%s'\n", argv[i]);
      return 2;
    }
  }
  if (read_ranges(argv[1], rg, &n_ranges)) {
    fprintf(stderr, "%s: no mly.range on every result of @forward\n", argv[1]);
    return 1;
  }
  MlyRuntime *rt = mlyRuntimeCreate();
  MlyModelOptions o = {.backend = backend};
  MlyModel *m = mlyModelLoad(rt, argv[1], &o, err, sizeof err);
  MlyTensor in[MAX_OUT] = {0}, *out = NULL;
  size_t n_out = 0;
  int n_in = m ? mlyModelNumInputs(m) : 0;
  if (!m || mlyModelBindWeights(m, argv[2], err, sizeof err) ||
      mlyModelNumOutputs(m) != n_ranges || n_in > MAX_OUT || n_in < 1) {
    fprintf(stderr, "mly-bounds-sample: %s\n", m ? err : err);
    goto out;
  }
  int64_t batch = 1;
  for (int i = 0; i < n_in; ++i) {
    MlyTensorInfo info;
    mlyModelInputInfo(m, i, &info);
    if (info.dtype != MLY_DTYPE_F32 ||
        mlyTensorAlloc(&in[i], info.dtype, info.rank, info.dims)) {
      fprintf(stderr, "mly-bounds-sample: input %d is not f32\n", i);
      goto out;
    }
    if (i == 0)
      batch = info.rank ? info.dims[0] : 1;
  }
  long runs = (want + batch - 1) / batch, values = 0;
  for (long r = 0; r < runs; ++r) {
    for (int i = 0; i < n_in; ++i)
      for (size_t e = 0, ne = mlyTensorNumElements(&in[i]); e < ne; ++e)
        ((float *)in[i].data)[e] =
            (float)(r == 0   ? lo
                    : r == 1 ? hi
                    : r == 2 ? (e % 2 ? hi : lo)
                             : uniform(lo, hi));
    if (mlyModelRun(m, in, (size_t)n_in, &out, &n_out, err, sizeof err)) {
      fprintf(stderr, "mly-bounds-sample: run %ld: %s\n", r, err);
      goto out;
    }
    for (size_t j = 0; j < n_out; ++j)
      for (size_t e = 0, ne = mlyTensorNumElements(&out[j]); e < ne; ++e) {
        double v = mlyTensorLoadF64(&out[j], e);
        bool inside = isnan(v) ? rg[j].nan_ok : v >= rg[j].lo && v <= rg[j].hi;
        if (!inside) {
          printf("FAIL: run %ld, output_%zu[%zu] = %.9g outside [%.9g, %.9g]\n",
                 r, j, e, v, rg[j].lo, rg[j].hi);
          mlyTensorArrayDestroy(out, n_out);
          goto out;
        }
        ++values;
      }
    mlyTensorArrayDestroy(out, n_out);
  }
  printf("ok: %ld runs, %ld inputs (%" PRId64 " a run), %ld output values "
         "inside the bounds\n",
         runs, runs * batch, batch, values);
  for (int j = 0; j < n_ranges; ++j)
    printf("output_%d: [%.9g, %.9g]\n", j, rg[j].lo, rg[j].hi);
  rc = 0;
out:
  for (int i = 0; i < MAX_OUT; ++i)
    mlyTensorFree(&in[i]);
  mlyModelDestroy(m);
  mlyRuntimeDestroy(rt);
  return rc;
}
