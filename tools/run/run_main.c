/* mly-run's driver (see mly_run.h). */
#include "tools/run/mly_run.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "runtime/cpu/mly_cpu.h"
#include "runtime/interp/mly_interp.h"
#include "runtime/mly_tensor.h"
#include "runtime/safetensors.h"
#include "tools/opt/pipeline.h"
#include "tools/passes.h"

static void print_diag_loc(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

/* Prints diagnostics as "loc: error: message" on stderr. */
static MlirLogicalResult on_diag(MlirDiagnostic d, void *user) {
  MlirLocation loc = mlirDiagnosticGetLocation(d);
  mlirLocationPrint(loc, print_diag_loc, stderr);
  const char *sev = "error";
  switch (mlirDiagnosticGetSeverity(d)) {
  case MlirDiagnosticWarning: sev = "warning"; break;
  case MlirDiagnosticNote: sev = "note"; break;
  case MlirDiagnosticRemark: sev = "remark"; break;
  default: break;
  }
  fprintf(stderr, ": %s: ", sev);
  mlirDiagnosticPrint(d, print_diag_loc, stderr);
  fputc('\n', stderr);
  return mlirLogicalResultSuccess();
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

/* The mly.param name of argument i of func, or NULL. */
static bool arg_param(MlirOperation func, intptr_t i, MlirStringRef *name) {
  MlirAttribute all = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("arg_attrs"));
  if (mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all) ||
      i >= mlirArrayAttrGetNumElements(all))
    return false;
  MlirAttribute d = mlirArrayAttrGetElement(all, i);
  if (!mlirAttributeIsADictionary(d))
    return false;
  MlirAttribute p = mlirDictionaryAttrGetElementByName(
      d, mlirStringRefCreateFromCString("mly.param"));
  if (mlirAttributeIsNull(p) || !mlirAttributeIsAString(p))
    return false;
  *name = mlirStringAttrGetValue(p);
  return true;
}

/* The importer names each argument after its graph input (a NameLoc);
 * an inputs file may key tensors by that name instead of input_<k>. */
static bool lookup_by_graph_name(const MlySafetensors *st, MlirValue arg,
                                 MlyTensor *out) {
  MlirLocation loc = mlirValueGetLocation(arg);
  if (!mlirLocationIsAName(loc))
    return false;
  MlirStringRef n = mlirIdentifierStr(mlirLocationNameGetName(loc));
  char key[256];
  if (n.length >= sizeof key)
    return false;
  memcpy(key, n.data, n.length);
  key[n.length] = 0;
  return mlySafetensorsLookup(st, key, out);
}

static bool same_type(const MlyTensor *a, MlirType t) {
  MlyDType d;
  if (!mlirTypeIsARankedTensor(t) ||
      !mlyDTypeFromType(mlirShapedTypeGetElementType(t), &d) || d != a->dtype ||
      mlirShapedTypeGetRank(t) != a->rank)
    return false;
  for (int64_t i = 0; i < a->rank; ++i)
    if (mlirShapedTypeGetDimSize(t, i) != a->dims[i])
      return false;
  return true;
}

static void print_mlir_type(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
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

struct prefix_walk {
  const char *prefix;
  bool found;
};

static MlirWalkResult find_prefix(MlirOperation op, void *user) {
  struct prefix_walk *w = user;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  size_t n = strlen(w->prefix);
  if (name.length > n && !memcmp(name.data, w->prefix, n)) {
    w->found = true;
    return MlirWalkResultInterrupt;
  }
  return MlirWalkResultAdvance;
}

static bool has_ops(MlirModule m, const char *prefix) {
  struct prefix_walk w = {prefix, false};
  mlirOperationWalk(mlirModuleGetOperation(m), find_prefix, &w, MlirWalkPreOrder);
  return w.found;
}

/* The cpu backend runs linalg: aten modules go through the optimize
 * pipeline, mly ones through mly-to-linalg, then the JIT. */
static bool run_cpu(const MlyRunOptions *o, MlirModule m, const MlyTensor *args,
                    intptr_t n_args, MlyTensor **results, intptr_t *n_results) {
  char err[1024], pipe[512] = "";
  bool ok = false;
  mlirRegisterAllPasses();
  if (has_ops(m, "aten."))
    snprintf(pipe, sizeof pipe, "%s,", mlyPipelineRegistryLookup("optimize")->elements);
  if (*pipe || has_ops(m, "mly.")) {
    if (!mlyPassRegistryLookup("mly-to-linalg", strlen("mly-to-linalg"))) {
      fprintf(stderr, "mly-run: error: the cpu backend runs linalg, and this "
                      "build has no mly-to-linalg pass to lower %s ops\n",
              has_ops(m, "aten.") ? "aten" : "mly");
      return false;
    }
    strcat(pipe, "mly-to-linalg");
    MlirPassManager pm = mlirPassManagerCreateOnOperation(
        mlirModuleGetContext(m), mlirStringRefCreateFromCString("builtin.module"));
    if (!mlyPipelineAdd(mlirPassManagerGetAsOpPassManager(pm), pipe, false, err,
                        sizeof err))
      fprintf(stderr, "mly-run: error: pipeline '%s': %s\n", pipe, err);
    else
      ok = mlirLogicalResultIsSuccess(
          mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(m)));
    mlirPassManagerDestroy(pm);
    if (!ok)
      return false;
  }
  MlyCpuOptions co = {.opt_level = 3, .cache_dir = o->cache_dir};
  MlyCpuModule *cpu = mlyCpuCompile(m, &co, err, sizeof err);
  if (!cpu) {
    fprintf(stderr, "mly-run: error: %s\n", err);
    return false;
  }
  if (o->verbose && o->cache_dir)
    fprintf(stderr, "mly-run: cpu: cache %s: %s\n",
            mlyCpuModuleCacheHit(cpu) ? "hit" : "miss", mlyCpuModuleCachePath(cpu));
  ok = mlyCpuRun(cpu, o->entry, args, n_args, results, n_results, err, sizeof err);
  if (!ok)
    fprintf(stderr, "mly-run: error: %s\n", err);
  mlyCpuDestroy(cpu);
  return ok;
}

int mlyRunMain(const MlyRunOptions *o) {
  int rc = 1;
  char err[512];
  MlySafetensors *weights = NULL, *inputs = NULL, *expect = NULL;
  MlyTensor *args = NULL, *results = NULL;
  bool *owned = NULL;
  intptr_t n_args = 0, n_results = 0;
  MlirContext ctx = mlirContextCreate();
  MlirDiagnosticHandlerID h = mlirContextAttachDiagnosticHandler(ctx, on_diag, NULL, NULL);
  MlirModule m = {NULL};
  bool cpu = !strcmp(o->backend, "cpu");
  if (strcmp(o->backend, "interp") && !cpu) {
    fprintf(stderr, "mly-run: error: unknown backend '%s' (available: interp, cpu)\n",
            o->backend);
    goto out;
  }
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx)))
    goto out;
  m = mlirModuleCreateParseFromFile(ctx, mlirStringRefCreateFromCString(o->module_path));
  if (mlirModuleIsNull(m)) {
    FILE *f = fopen(o->module_path, "r");
    if (!f)
      fprintf(stderr, "mly-run: error: cannot open '%s'\n", o->module_path);
    else
      fclose(f);
    goto out;
  }
  if (mlirLogicalResultIsFailure(mlyVerify(mlirModuleGetOperation(m))))
    goto out;
#define OPEN(var, path)                                                        \
  if ((path) && !((var) = mlySafetensorsOpen((path), err, sizeof err))) {      \
    fprintf(stderr, "mly-run: error: %s\n", err);                              \
    goto out;                                                                  \
  }
  OPEN(weights, o->weights)
  OPEN(inputs, o->inputs)
  OPEN(expect, o->expect)
  MlirOperation func = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute sym = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("sym_name"));
    if (!mlirAttributeIsNull(sym) &&
        mlirStringRefEqual(mlirStringAttrGetValue(sym), mlirStringRefCreateFromCString(o->entry)))
      func = op;
  }
  if (mlirOperationIsNull(func)) {
    fprintf(stderr, "mly-run: error: %s: no function named '%s'\n", o->module_path, o->entry);
    goto out;
  }
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  n_args = mlirBlockGetNumArguments(entry);
  args = calloc((size_t)(n_args ? n_args : 1), sizeof *args);
  owned = calloc((size_t)(n_args ? n_args : 1), sizeof *owned);
  if (!args || !owned)
    goto out;
  size_t user = 0;
  for (intptr_t i = 0; i < n_args; ++i) {
    MlirType type = mlirValueGetType(mlirBlockGetArgument(entry, i));
    MlirStringRef pname;
    char what[300];
    if (arg_param(func, i, &pname)) {
      snprintf(what, sizeof what, "weight '%.*s'", (int)pname.length, pname.data);
      char key[256];
      snprintf(key, sizeof key, "%.*s", (int)pname.length, pname.data);
      if (!weights) {
        fprintf(stderr, "mly-run: error: %s is needed: pass --weights\n", what);
        goto out;
      }
      if (!mlySafetensorsLookup(weights, key, &args[i])) {
        fprintf(stderr, "mly-run: error: %s not found in %s\n", what, o->weights);
        goto out;
      }
    } else {
      snprintf(what, sizeof what, "input_%zu", user);
      if (user < o->n_input_texts) {
        if (!parse_text(o->input_texts[user], &args[i], err, sizeof err)) {
          fprintf(stderr, "mly-run: error: %s\n", err);
          goto out;
        }
        owned[i] = true;
      } else if (!inputs || (!mlySafetensorsLookup(inputs, what, &args[i]) &&
                             !lookup_by_graph_name(inputs, mlirBlockGetArgument(entry, i),
                                                   &args[i]))) {
        fprintf(stderr, "mly-run: error: %s not given (--inputs or --input)\n", what);
        goto out;
      }
      ++user;
    }
    if (!same_type(&args[i], type)) {
      fprintf(stderr, "mly-run: error: %s is ", what);
      print_type(stderr, &args[i]);
      fprintf(stderr, ", the function expects ");
      mlirTypePrint(type, print_mlir_type, stderr);
      fputc('\n', stderr);
      goto out;
    }
  }
  if (user < o->n_input_texts) {
    fprintf(stderr, "mly-run: error: %zu inputs given, the function takes %zu\n",
            o->n_input_texts, user);
    goto out;
  }
  if (cpu ? !run_cpu(o, m, args, n_args, &results, &n_results)
          : mlirLogicalResultIsFailure(
                mlyInterpRun(m, o->entry, args, n_args, &results, &n_results)))
    goto out;
  bool all_ok = true;
  char **names = calloc((size_t)(n_results ? n_results : 1), sizeof *names);
  if (!names)
    goto out;
  for (intptr_t i = 0; i < n_results; ++i) {
    names[i] = malloc(32);
    if (!names[i]) {
      all_ok = false;
      break;
    }
    snprintf(names[i], 32, "output_%" PRIdPTR, i);
    if (o->print)
      print_values(names[i], &results[i]);
    if (expect) {
      MlyTensor want;
      if (!mlySafetensorsLookup(expect, names[i], &want)) {
        fprintf(stderr, "mly-run: error: %s not found in %s\n", names[i], o->expect);
        all_ok = false;
      } else {
        all_ok = compare(names[i], &results[i], &want, o->rtol, o->atol) && all_ok;
      }
    } else if (!o->print) {
      printf("%s: ", names[i]);
      print_type(stdout, &results[i]);
      printf("\n");
    }
  }
  if (all_ok && o->outputs &&
      !mlySafetensorsWrite(o->outputs, (const char *const *)names, results,
                           (size_t)n_results, err, sizeof err)) {
    fprintf(stderr, "mly-run: error: %s\n", err);
    all_ok = false;
  }
  for (intptr_t i = 0; i < n_results; ++i)
    free(names[i]);
  free(names);
  rc = all_ok ? 0 : 1;
out:
  for (intptr_t i = 0; i < n_results; ++i)
    mlyTensorFree(&results[i]);
  free(results);
  for (intptr_t i = 0; i < n_args; ++i)
    if (owned && owned[i])
      mlyTensorFree(&args[i]);
  free(args);
  free(owned);
  mlySafetensorsDestroy(weights);
  mlySafetensorsDestroy(inputs);
  mlySafetensorsDestroy(expect);
  if (!mlirModuleIsNull(m))
    mlirModuleDestroy(m);
  mlirContextDetachDiagnosticHandler(ctx, h);
  mlirContextDestroy(ctx);
  return rc;
}
