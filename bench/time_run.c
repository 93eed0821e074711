/* mly-bench-run: times one model's forward on a backend, for bench/cpu.sh.
 *
 *   mly-bench-run MODULE WEIGHTS INPUTS REPS OUT.safetensors
 *                 [--backend cpu|interp] [--opt N] [--threads N]
 *                 [--cache-dir DIR]
 *
 * MODULE is linalg on tensors (what mly-opt --mly-pipeline=optimize
 * --mly-to-linalg writes) for cpu, or the imported aten module for interp.
 * Arguments named by mly.param come from WEIGHTS, the others are input_<k>
 * from INPUTS. Compiles once (cpu), runs once to warm up, then REPS times,
 * timing each run with clock_gettime; prints "compile_ms=... median_ms=...
 * min_ms=... arena_bytes=... naive_bytes=... cache=..." (the cpu arena
 * of the intermediates and the sum of their sizes, 0 for interp; with
 * --cache-dir, compile_ms of a hit is the time to load the cached object)
 * and writes the results of the last run to OUT as output_<k>.
 * A benchmark helper, not a tool: errors are one line on stderr, exit 1. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"
#include "runtime/cpu/mly_cpu.h"
#include "runtime/interp/mly_interp.h"
#include "runtime/mly_tensor.h"
#include "runtime/safetensors.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The first public func.func of `m`, or a null op. */
static MlirOperation public_func(MlirModule m) {
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute vis = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_visibility"));
    if (mlirOperationGetNumRegions(op) == 1 && mlirAttributeIsNull(vis))
      return op;
  }
  return (MlirOperation){NULL};
}

/* The mly.param name of argument i of func, written to key; or false. */
static bool arg_param(MlirOperation func, intptr_t i, char *key, size_t n) {
  MlirAttribute all = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("arg_attrs"));
  if (mlirAttributeIsNull(all) || i >= mlirArrayAttrGetNumElements(all))
    return false;
  MlirAttribute d = mlirArrayAttrGetElement(all, i);
  if (!mlirAttributeIsADictionary(d))
    return false;
  MlirAttribute p = mlirDictionaryAttrGetElementByName(
      d, mlirStringRefCreateFromCString("mly.param"));
  if (mlirAttributeIsNull(p) || !mlirAttributeIsAString(p))
    return false;
  MlirStringRef s = mlirStringAttrGetValue(p);
  snprintf(key, n, "%.*s", (int)s.length, s.data);
  return true;
}

static void free_results(MlyTensor *r, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i)
    mlyTensorFree(&r[i]);
  free(r);
}

int main(int argc, char **argv) {
  int rc = 1, opt = 2, threads = 1;
  const char *backend = "cpu", *cache_dir = NULL;
  char err[1024], key[256];
  if (argc < 6) {
    fprintf(stderr,
            "usage: %s MODULE WEIGHTS INPUTS REPS OUT [--backend cpu|"
            "interp] [--opt N] [--threads N] [--cache-dir DIR]\n",
            argv[0]);
    return 1;
  }
  for (int i = 6; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--backend"))
      backend = argv[i + 1];
    else if (!strcmp(argv[i], "--opt"))
      opt = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--threads"))
      threads = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--cache-dir"))
      cache_dir = argv[i + 1];
  }
  int reps = atoi(argv[4]);
  bool cpu = !strcmp(backend, "cpu");
  MlirContext ctx = mlirContextCreate();
  MlySafetensors *w = NULL, *in = NULL;
  MlyTensor *args = NULL, *res = NULL;
  intptr_t n_args = 0, n_res = 0;
  MlyCpuModule *jit = NULL;
  double *t = calloc((size_t)(reps > 0 ? reps : 1), sizeof *t);
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx)))
    goto out;
  MlirModule m = mlirModuleCreateParseFromFile(
      ctx, mlirStringRefCreateFromCString(argv[1]));
  if (mlirModuleIsNull(m)) {
    fprintf(stderr, "cannot parse %s\n", argv[1]);
    goto out;
  }
  if (!(w = mlySafetensorsOpen(argv[2], err, sizeof err)) ||
      !(in = mlySafetensorsOpen(argv[3], err, sizeof err))) {
    fprintf(stderr, "%s\n", err);
    goto out_module;
  }
  MlirOperation func = public_func(m);
  MlirStringRef fname = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("sym_name")));
  char entry[256];
  snprintf(entry, sizeof entry, "%.*s", (int)fname.length, fname.data);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  n_args = mlirBlockGetNumArguments(body);
  args = calloc((size_t)(n_args ? n_args : 1), sizeof *args);
  for (intptr_t i = 0, user = 0; i < n_args; ++i) {
    bool param = arg_param(func, i, key, sizeof key);
    if (!param)
      snprintf(key, sizeof key, "input_%" PRIdPTR, user++);
    if (!mlySafetensorsLookup(param ? w : in, key, &args[i])) {
      fprintf(stderr, "%s not found\n", key);
      goto out_module;
    }
  }
  double t0 = now_ms(), compile_ms = 0;
  if (cpu) {
    MlyCpuOptions co = {
        .opt_level = opt, .cache_dir = cache_dir, .threads = threads};
    if (!(jit = mlyCpuCompile(m, &co, err, sizeof err))) {
      fprintf(stderr, "compile: %s\n", err);
      goto out_module;
    }
    compile_ms = now_ms() - t0;
  }
  for (int r = -1; r < reps; ++r) {
    free_results(res, n_res);
    res = NULL;
    n_res = 0;
    double s = now_ms();
    bool ok =
        cpu ? mlyCpuRun(jit, entry, args, n_args, &res, &n_res, err, sizeof err)
            : mlirLogicalResultIsSuccess(
                  mlyInterpRun(m, entry, args, n_args, &res, &n_res));
    if (!ok) {
      fprintf(stderr, "run: %s\n", cpu ? err : "interpreter failed");
      goto out_module;
    }
    if (r >= 0)
      t[r] = now_ms() - s;
  }
  qsort(t, (size_t)reps, sizeof *t, cmp_double);
  char names[8][16];
  const char *pnames[8];
  for (intptr_t i = 0; i < n_res && i < 8; ++i) {
    snprintf(names[i], sizeof names[i], "output_%" PRIdPTR, i);
    pnames[i] = names[i];
  }
  if (!mlySafetensorsWrite(argv[5], pnames, res,
                           (size_t)(n_res < 8 ? n_res : 8), err, sizeof err)) {
    fprintf(stderr, "%s\n", err);
    goto out_module;
  }
  int64_t arena = 0, naive = 0, buffers = 0;
  if (cpu)
    mlyCpuModuleArena(jit, entry, &arena, &naive, &buffers);
  printf("compile_ms=%.1f median_ms=%.3f min_ms=%.3f arena_bytes=%" PRId64
         " naive_bytes=%" PRId64 " cache=%s\n",
         compile_ms, t[(reps - 1) / 2], t[0], arena, naive,
         !cache_dir                  ? "none"
         : mlyCpuModuleCacheHit(jit) ? "hit"
                                     : "miss");
  rc = 0;
out_module:
  mlirModuleDestroy(m);
out:
  free_results(res, n_res);
  mlyCpuDestroy(jit);
  free(args);
  free(t);
  mlySafetensorsDestroy(in);
  mlySafetensorsDestroy(w);
  mlirContextDestroy(ctx);
  return rc;
}
