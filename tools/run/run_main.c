/* mly-run's driver (see mly_run.h), on the runtime's public API. */
#include "tools/run/mly_run.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mly_runtime.h"
#include "runtime/safetensors.h"

/* Diagnostics arrive as whole lines "loc: error: message\n". */
static void print_diag(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

static const char *dtype_mlir(MlyDType d) {
  switch (d) {
  case MLY_DTYPE_F32: return "f32";
  case MLY_DTYPE_F16: return "f16";
  case MLY_DTYPE_BF16: return "bf16";
  case MLY_DTYPE_I64: return "i64";
  case MLY_DTYPE_I32: return "i32";
  case MLY_DTYPE_I8: return "i8";
  case MLY_DTYPE_U8: return "ui8";
  case MLY_DTYPE_BOOL: return "i1";
  }
  return "?";
}

static void print_type(FILE *f, const MlyTensor *t) {
  fputs("tensor<", f);
  for (int64_t i = 0; i < t->rank; ++i)
    fprintf(f, "%" PRId64 "x", t->dims[i]);
  fprintf(f, "%s>", dtype_mlir(t->dtype));
}

/* Parses "2x3xf32:1,2,3,4,5,6" (one value fills every element; a 0-d
 * tensor is "f32:1.5") into a new tensor. */
static bool parse_text(const char *text, MlyTensor *t, char *err, size_t n) {
  const char *colon = strchr(text, ':');
  if (!colon) {
    snprintf(err, n, "input '%s' is not SHAPExDTYPE:VALUES", text);
    return false;
  }
  int64_t dims[MLY_TENSOR_MAX_RANK], rank = 0;
  const char *p = text;
  while (p < colon && *p >= '0' && *p <= '9') {
    char *end;
    long long d = strtoll(p, &end, 10);
    if (*end != 'x' || rank == MLY_TENSOR_MAX_RANK || d > (1ll << 40)) {
      snprintf(err, n, "input '%s' has a bad shape", text);
      return false;
    }
    dims[rank++] = d;
    p = end + 1;
  }
  static const struct { const char *name; MlyDType d; } names[] = {
      {"f32", MLY_DTYPE_F32}, {"f16", MLY_DTYPE_F16}, {"bf16", MLY_DTYPE_BF16},
      {"i64", MLY_DTYPE_I64}, {"i32", MLY_DTYPE_I32}, {"i8", MLY_DTYPE_I8},
      {"ui8", MLY_DTYPE_U8},  {"i1", MLY_DTYPE_BOOL}};
  int k = -1;
  for (int i = 0; i < 8; ++i)
    if (strlen(names[i].name) == (size_t)(colon - p) &&
        !memcmp(names[i].name, p, (size_t)(colon - p)))
      k = i;
  if (k < 0) {
    snprintf(err, n, "input '%s' has an unknown dtype", text);
    return false;
  }
  if (mlyTensorAlloc(t, names[k].d, rank, dims)) {
    snprintf(err, n, "input '%s' is too large", text);
    return false;
  }
  size_t numel = mlyTensorNumElements(t), i = 0;
  for (p = colon + 1; *p; ++i) {
    char *end;
    double v = strtod(p, &end);
    if (end == p || (*end && *end != ',') || i >= numel) {
      snprintf(err, n, "input '%s': bad or too many values", text);
      mlyTensorFree(t);
      return false;
    }
    mlyTensorStoreF64(t, i, v);
    p = *end ? end + 1 : end;
  }
  if (i == 1)
    for (size_t j = 1; j < numel; ++j)
      mlyTensorStoreF64(t, j, mlyTensorLoadF64(t, 0));
  else if (i != numel) {
    snprintf(err, n, "input '%s' has %zu values, its shape holds %zu", text, i, numel);
    mlyTensorFree(t);
    return false;
  }
  return true;
}

/* Compares got with want; prints one line; returns whether within tolerance. */
static bool compare(const char *name, const MlyTensor *got, const MlyTensor *want,
                    double rtol, double atol) {
  printf("%s: ", name);
  print_type(stdout, got);
  if (got->dtype != want->dtype || got->rank != want->rank ||
      memcmp(got->dims, want->dims, (size_t)got->rank * sizeof *got->dims)) {
    printf(" MISMATCH: expected ");
    print_type(stdout, want);
    printf("\n");
    return false;
  }
  double max_abs = 0, max_rel = 0;
  size_t bad = 0, n = mlyTensorNumElements(got);
  for (size_t i = 0; i < n; ++i) {
    double a = mlyTensorLoadF64(got, i), b = mlyTensorLoadF64(want, i);
    if (isnan(a) && isnan(b))
      continue;
    double d = fabs(a - b);
    if (isnan(d) || (isinf(a) || isinf(b) ? a != b : d > atol + rtol * fabs(b)))
      ++bad;
    if (!isnan(d) && !isinf(d)) {
      if (d > max_abs)
        max_abs = d;
      if (b != 0 && d / fabs(b) > max_rel)
        max_rel = d / fabs(b);
    }
  }
  printf(" max_abs_err=%.3g max_rel_err=%.3g %s", max_abs, max_rel,
         bad ? "FAIL" : "ok");
  if (bad)
    printf(" (%zu of %zu elements outside atol=%g rtol=%g)", bad, n, atol, rtol);
  printf("\n");
  return !bad;
}

static void print_values(const char *name, const MlyTensor *t) {
  printf("%s: ", name);
  print_type(stdout, t);
  printf(" = [");
  for (size_t i = 0, n = mlyTensorNumElements(t); i < n; ++i) {
    if (mlyDTypeIsFloat(t->dtype))
      printf(i ? ", %.6g" : "%.6g", mlyTensorLoadF64(t, i));
    else
      printf(i ? ", %" PRId64 : "%" PRId64, mlyTensorLoadI64(t, i));
  }
  printf("]\n");
}

/* Input i from the --inputs file: input_<i>, else the graph's own name. */
static bool lookup_input(const MlySafetensors *st, const MlyModel *m, int i,
                         MlyTensor *out) {
  char key[32];
  MlyTensorInfo info;
  snprintf(key, sizeof key, "input_%d", i);
  return mlySafetensorsLookup(st, key, out) ||
         (!mlyModelInputInfo(m, i, &info) && info.name &&
          mlySafetensorsLookup(st, info.name, out));
}

/* Prints the outputs, compares them with `expect` and writes them to
 * o->outputs; returns whether all of that went well. */
static bool report(const MlyRunOptions *o, const MlySafetensors *expect,
                   const MlyTensor *results, size_t n_results) {
  char err[512];
  bool all_ok = true;
  char **names = calloc(n_results ? n_results : 1, sizeof *names);
  if (!names)
    return false;
  for (size_t i = 0; i < n_results; ++i) {
    if (!(names[i] = malloc(32))) {
      all_ok = false;
      break;
    }
    snprintf(names[i], 32, "output_%zu", i);
    if (o->print)
      print_values(names[i], &results[i]);
    if (expect) {
      MlyTensor want;
      if (!mlySafetensorsLookup(expect, names[i], &want)) {
        fprintf(stderr, "mly-run: error: %s not found in %s\n", names[i],
                o->expect);
        all_ok = false;
      } else {
        all_ok = compare(names[i], &results[i], &want, o->rtol, o->atol) &&
                 all_ok;
      }
    } else if (!o->print) {
      printf("%s: ", names[i]);
      print_type(stdout, &results[i]);
      printf("\n");
    }
  }
  if (all_ok && o->outputs &&
      !mlySafetensorsWrite(o->outputs, (const char *const *)names, results,
                           n_results, err, sizeof err)) {
    fprintf(stderr, "mly-run: error: %s\n", err);
    all_ok = false;
  }
  for (size_t i = 0; i < n_results; ++i)
    free(names[i]);
  free(names);
  return all_ok;
}

/* Reports a failed runtime call: its message, unless the diagnostics
 * already said it all. */
static void report_err(const char *err) {
  if (*err)
    fprintf(stderr, "mly-run: error: %s\n", err);
}

int mlyRunMain(const MlyRunOptions *o) {
  int rc = 1;
  char err[2048];
  MlySafetensors *inputs = NULL, *expect = NULL;
  MlyTensor *args = NULL, *results = NULL;
  bool *owned = NULL;
  size_t n_args = 0, n_results = 0;
  MlyModel *m = NULL;
  MlyRuntime *rt = mlyRuntimeCreate();
  MlyModelOptions mo = {.backend = o->backend,
                        .cache_dir = o->cache_dir,
                        .entry = o->entry,
                        .msl_path = o->msl_path,
                        .spirv_path = o->spirv_path,
                        .vulkan_bundle = o->vulkan_bundle,
                        .device = o->device,
                        .threads = o->threads,
                        .max_memory = o->max_memory,
                        .diagnostic_callback = print_diag,
                        .user_data = stderr};
  if (!rt)
    goto out;
  if (o->list_devices) {
    if (mlyRuntimeListDevices(o->backend, print_diag, stdout, err,
                              sizeof err)) {
      report_err(err);
      goto out;
    }
    rc = 0;
    goto out;
  }
  if (!(m = mlyModelLoad(rt, o->module_path, &mo, err, sizeof err))) {
    report_err(err);
    goto out;
  }
  if (o->compile_only) {
    if (mlyModelCompile(m, err, sizeof err)) {
      report_err(err);
      goto out;
    }
    if (o->verbose && mlyModelCachePath(m))
      fprintf(stderr, "mly-run: %s: cache %s: %s\n", o->backend,
              mlyModelCacheHit(m) ? "hit" : "miss", mlyModelCachePath(m));
    rc = 0;
    goto out;
  }
  /* A folder of mly-compile carries its weights. */
  char folder_weights[4096];
  const char *weights = o->weights;
  if (!weights && mlyCompiledFolderFile(o->module_path, o->backend, "weights",
                                        folder_weights, sizeof folder_weights))
    weights = folder_weights;
  if (weights) {
    if (mlyModelBindWeights(m, weights, err, sizeof err)) {
      report_err(err);
      goto out;
    }
  } else if (mlyModelNumWeights(m)) {
    MlyTensorInfo w;
    mlyModelWeightInfo(m, 0, &w);
    fprintf(stderr, "mly-run: error: weight '%s' is needed: pass --weights\n",
            w.name ? w.name : "?");
    goto out;
  }
#define OPEN(var, path)                                                        \
  if ((path) && !((var) = mlySafetensorsOpen((path), err, sizeof err))) {      \
    fprintf(stderr, "mly-run: error: %s\n", err);                              \
    goto out;                                                                  \
  }
  OPEN(inputs, o->inputs)
  OPEN(expect, o->expect)
#undef OPEN
  /* --input texts first, then the --inputs file; more texts than inputs
   * are passed on for mlyModelRun to refuse. */
  size_t n_inputs = (size_t)mlyModelNumInputs(m);
  n_args = o->n_input_texts > n_inputs ? o->n_input_texts : n_inputs;
  args = calloc(n_args + 1, sizeof *args);
  owned = calloc(n_args + 1, sizeof *owned);
  if (!args || !owned)
    goto out;
  for (size_t i = 0; i < n_args; ++i) {
    if (i < o->n_input_texts) {
      if (!parse_text(o->input_texts[i], &args[i], err, sizeof err)) {
        fprintf(stderr, "mly-run: error: %s\n", err);
        goto out;
      }
      owned[i] = true;
    } else if (!inputs || !lookup_input(inputs, m, (int)i, &args[i])) {
      fprintf(stderr, "mly-run: error: input_%zu not given (--inputs or --input)\n",
              i);
      goto out;
    }
  }
  if (mlyModelRun(m, args, n_args, &results, &n_results, err, sizeof err)) {
    report_err(err);
    goto out;
  }
  if (o->verbose && mlyModelCachePath(m))
    fprintf(stderr, "mly-run: %s: cache %s: %s\n", o->backend,
            mlyModelCacheHit(m) ? "hit" : "miss", mlyModelCachePath(m));
  int64_t arena, naive, buffers;
  if (o->verbose && mlyModelArena(m, &arena, &naive, &buffers))
    fprintf(stderr,
            "mly-run: cpu: arena %" PRId64 " bytes for %" PRId64
            " intermediates (naive sum %" PRId64 ")\n",
            arena, buffers, naive);
  rc = report(o, expect, results, n_results) ? 0 : 1;
out:
  mlyTensorArrayDestroy(results, n_results);
  for (size_t i = 0; i < n_args; ++i)
    if (owned && owned[i])
      mlyTensorFree(&args[i]);
  free(args);
  free(owned);
  mlySafetensorsDestroy(inputs);
  mlySafetensorsDestroy(expect);
  mlyModelDestroy(m);
  mlyRuntimeDestroy(rt);
  return rc;
}
