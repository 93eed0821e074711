/* The runtime's public API (see mly_runtime.h). Each model owns an MLIR
 * context, so that its attributes and types die with it. */
#include "runtime/mly_runtime.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conversions/aten_to_mly/aten_to_mly.h"
#include "conversions/mly_to_linalg/mly_to_linalg.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "runtime/cpu/mly_cpu.h"
#include "runtime/interp/mly_interp.h"
#include "runtime/msl_sim/mly_msl_sim.h"
#include "runtime/safetensors.h"
#ifdef MLY_HAVE_VULKAN
#include "runtime/vulkan/mly_vulkan.h"
#endif

struct MlyRuntime {
  int n_models;   /* loaded and not yet destroyed */
  bool destroyed; /* mlyRuntimeDestroy came first: the last model frees it */
};

/* A growable NUL-terminated string; `oom` sticks once an append fails. */
typedef struct strbuf {
  char *p;
  size_t len, cap;
  bool oom;
} strbuf;

static void sb_append(MlirStringRef s, void *user) {
  strbuf *b = user;
  if (b->oom)
    return;
  if (b->len + s.length + 1 > b->cap) {
    size_t cap = 2 * b->cap + s.length + 64;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s.data, s.length);
  b->len += s.length;
  b->p[b->len] = 0;
}

static void sb_puts(strbuf *b, const char *s) {
  sb_append(mlirStringRefCreateFromCString(s), b);
}

/* An argument of the entry function. */
typedef struct arg {
  bool weight;        /* has mly.param */
  bool representable; /* a ranked static tensor of an MlyDType */
  MlyTensorInfo info; /* info.name: mly.param name or graph name, or NULL */
  char *type_text;    /* the type as MLIR prints it */
} arg;

struct MlyModel {
  MlyRuntime *rt;
  uint64_t memory_bound; /* see mlyModelMemoryBound */
  MlirContext ctx;
  MlirDiagnosticHandlerID diag_handler;
  MlirModule module;
  char *path, *entry, *cache_dir;
  char *msl_path;    /* msl-sim: MSL to run instead of the target's */
  MlyMslSim *sim;    /* msl-sim: the compiled kernels, or NULL */
  bool msl_sim;      /* msl-sim or hip-sim (the same simulator) */
  bool hip_sim;
  bool vulkan;              /* the vulkan backend */
  int device;               /* vulkan: physical device index */
  char *spirv_path;         /* vulkan: SPIR-V to run instead of the target's */
  char *vulkan_bundle;      /* vulkan: where to write the bundle, or NULL */
#ifdef MLY_HAVE_VULKAN
  MlyVulkan *vk;            /* vulkan: device and pipelines, or NULL */
#endif
  bool cpu;
  int threads;
  MlirStringCallback diag_cb;
  void *diag_user;
  strbuf diags; /* diagnostics of the current call, without a callback */

  arg *args;
  int n_args, n_inputs, n_weights;
  int *input_arg, *weight_arg; /* index into args of input / weight i */
  MlyTensorInfo *outputs;      /* rank -1: not representable */
  int n_outputs;

  MlySafetensors *weights; /* NULL until bound */
  MlyTensor *bound;        /* per weight, pointing into `weights` */

  bool lowered, lowering_failed;
  MlyCpuModule *compiled;
};

static const char *dtype_mlir(MlyDType d) {
  switch (d) {
  case MLY_DTYPE_F32:
    return "f32";
  case MLY_DTYPE_F16:
    return "f16";
  case MLY_DTYPE_BF16:
    return "bf16";
  case MLY_DTYPE_I64:
    return "i64";
  case MLY_DTYPE_I32:
    return "i32";
  case MLY_DTYPE_I8:
    return "i8";
  case MLY_DTYPE_U8:
    return "ui8";
  case MLY_DTYPE_BOOL:
    return "i1";
  }
  return "?";
}

/* Writes t's type as MLIR prints it, "tensor<2x3xf32>", into buf. */
static const char *tensor_type_text(const MlyTensor *t, char *buf, size_t n) {
  size_t k = (size_t)snprintf(buf, n, "tensor<");
  for (int64_t i = 0; i < t->rank && k < n; ++i)
    k += (size_t)snprintf(buf + k, n - k, "%" PRId64 "x", t->dims[i]);
  if (k < n)
    snprintf(buf + k, n - k, "%s>", dtype_mlir(t->dtype));
  return buf;
}

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!err || !n)
    return;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

/* Fails a call of `m` with `status`: `err` gets the diagnostics collected
 * without a callback (each on its line), then the message `fmt` when not
 * NULL. Returns status. */
static int fail(MlyModel *m, int status, char *err, size_t n, const char *fmt,
                ...) {
  if (!err || !n)
    return status;
  size_t k = 0;
  err[0] = 0;
  if (m->diags.len) {
    k = m->diags.len - (m->diags.p[m->diags.len - 1] == '\n');
    snprintf(err, n, "%.*s%s", (int)k, m->diags.p, fmt ? "\n" : "");
    k = strlen(err);
  }
  if (fmt && k < n) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + k, n - k, fmt, ap);
    va_end(ap);
  }
  return status;
}

/* Prints a diagnostic as "loc: error: message\n", to the callback or into
 * m->diags. */
static MlirLogicalResult on_diag(MlirDiagnostic d, void *user) {
  MlyModel *m = user;
  strbuf line = {0};
  const char *sev = "error";
  switch (mlirDiagnosticGetSeverity(d)) {
  case MlirDiagnosticWarning:
    sev = "warning";
    break;
  case MlirDiagnosticNote:
    sev = "note";
    break;
  case MlirDiagnosticRemark:
    sev = "remark";
    break;
  default:
    break;
  }
  mlirLocationPrint(mlirDiagnosticGetLocation(d), sb_append, &line);
  sb_puts(&line, ": ");
  sb_puts(&line, sev);
  sb_puts(&line, ": ");
  mlirDiagnosticPrint(d, sb_append, &line);
  sb_puts(&line, "\n");
  if (!line.oom) {
    if (m->diag_cb)
      m->diag_cb(mlirStringRefCreate(line.p, line.len), m->diag_user);
    else
      sb_append(mlirStringRefCreate(line.p, line.len), &m->diags);
  }
  free(line.p);
  return mlirLogicalResultSuccess();
}

/* Starts an API call on m: forgets the diagnostics of the last one. */
static void begin_call(MlyModel *m, char *err, size_t n) {
  m->diags.len = 0;
  if (m->diags.p)
    m->diags.p[0] = 0;
  if (err && n)
    err[0] = 0;
}

MlyRuntime *mlyRuntimeCreate(void) { return calloc(1, sizeof(MlyRuntime)); }

void mlyRuntimeDestroy(MlyRuntime *rt) {
  if (rt && rt->n_models)
    rt->destroyed = true;
  else
    free(rt);
}

static char *dup_ref(MlirStringRef s) {
  char *p = malloc(s.length + 1);
  if (p) {
    memcpy(p, s.data, s.length);
    p[s.length] = 0;
  }
  return p;
}

static char *dup_str(const char *s) {
  return s ? dup_ref(mlirStringRefCreateFromCString(s)) : NULL;
}

/* Fills info's dtype and dims from `type`; false if it is not a ranked
 * tensor of static shape and an MlyDType. */
static bool info_from_type(MlirType type, MlyTensorInfo *info) {
  if (!(mlirTypeIsARankedTensor(type) || mlirTypeIsAMemRef(type)) ||
      !mlyDTypeFromType(mlirShapedTypeGetElementType(type), &info->dtype) ||
      mlirShapedTypeGetRank(type) > MLY_TENSOR_MAX_RANK ||
      !mlirShapedTypeHasStaticShape(type))
    return false;
  info->rank = mlirShapedTypeGetRank(type);
  for (int64_t i = 0; i < info->rank; ++i)
    info->dims[i] = mlirShapedTypeGetDimSize(type, i);
  return true;
}

/* Whether argument i of func has attribute `name` (msl-sim's host
 * functions mark outputs with mly.output = <index>). */
static bool arg_has(MlirOperation func, intptr_t i, const char *name) {
  MlirAttribute all = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("arg_attrs"));
  return !mlirAttributeIsNull(all) && mlirAttributeIsAArray(all) &&
         i < mlirArrayAttrGetNumElements(all) &&
         mlirAttributeIsADictionary(mlirArrayAttrGetElement(all, i)) &&
         !mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(
             mlirArrayAttrGetElement(all, i),
             mlirStringRefCreateFromCString(name)));
}

/* The mly.param name of argument i of func, if any. */
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

/* Reads the entry function's signature into m->args and m->outputs. */
/* ---- memory bound ---- */

static uint64_t add_sat(uint64_t a, uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Bytes of a statically shaped tensor type, saturating; 0 otherwise. */
static uint64_t type_bytes(MlirType t) {
  if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t))
    return 0;
  MlirType e = mlirShapedTypeGetElementType(t);
  uint64_t n = 1, bits = 32;
  if (mlirTypeIsAInteger(e))
    bits = mlirIntegerTypeGetWidth(e);
  else if (mlirTypeIsAFloat(e))
    bits = mlirFloatTypeGetWidth(e);
  for (intptr_t i = 0, r = mlirShapedTypeGetRank(t); i < r; ++i) {
    uint64_t d = (uint64_t)mlirShapedTypeGetDimSize(t, i);
    if (d && n > UINT64_MAX / d)
      return UINT64_MAX;
    n *= d;
  }
  uint64_t bytes = (bits + 7) / 8;
  return n > UINT64_MAX / bytes ? UINT64_MAX : n * bytes;
}

static MlirWalkResult sum_tensors(MlirOperation op, void *user) {
  uint64_t *sum = user;
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    *sum = add_sat(*sum, type_bytes(mlirValueGetType(
                             mlirOperationGetResult(op, i))));
  for (intptr_t r = 0, nr = mlirOperationGetNumRegions(op); r < nr; ++r)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
         !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
      for (intptr_t a = 0, na = mlirBlockGetNumArguments(b); a < na; ++a)
        *sum = add_sat(*sum,
                       type_bytes(mlirValueGetType(mlirBlockGetArgument(b, a))));
  return MlirWalkResultAdvance;
}

static uint64_t default_max_memory(void) {
  long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size / 2
                               : UINT64_MAX;
}

uint64_t mlyModelMemoryBound(const MlyModel *m) { return m->memory_bound; }

static int read_signature(MlyModel *m, MlirOperation func, char *err,
                          size_t n) {
  MlirBlock entry = {NULL};
  if (mlirOperationGetNumRegions(func))
    entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirAttribute ft = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("function_type"));
  if (mlirBlockIsNull(entry) || mlirAttributeIsNull(ft) ||
      !mlirAttributeIsAType(ft))
    return fail(m, MLY_ERROR_MODEL, err, n, "%s: '%s' is not a function body",
                m->path, m->entry);
  MlirType type = mlirTypeAttrGetValue(ft);
  intptr_t n_args = mlirBlockGetNumArguments(entry);
  intptr_t n_results = mlirFunctionTypeGetNumResults(type);
  m->args = calloc((size_t)n_args + 1, sizeof *m->args);
  m->input_arg = calloc((size_t)n_args + 1, sizeof *m->input_arg);
  m->weight_arg = calloc((size_t)n_args + 1, sizeof *m->weight_arg);
  m->bound = calloc((size_t)n_args + 1, sizeof *m->bound);
  m->outputs = calloc((size_t)(n_results + n_args) + 1, sizeof *m->outputs);
  if (!m->args || !m->input_arg || !m->weight_arg || !m->bound || !m->outputs)
    return fail(m, MLY_ERROR_MEMORY, err, n, "out of memory");
  m->n_args = (int)n_args;
  for (intptr_t i = 0; i < n_args; ++i) {
    MlirValue v = mlirBlockGetArgument(entry, i);
    arg *a = &m->args[i];
    strbuf text = {0};
    MlirStringRef name;
    mlirTypePrint(mlirValueGetType(v), sb_append, &text);
    a->type_text = text.p;
    a->representable = info_from_type(mlirValueGetType(v), &a->info);
    if (arg_has(func, i, "mly.output")) {
      /* msl-sim: outputs in argument order (mlyMslSimCompile checks that
       * it is mly.output's). */
      if (!info_from_type(mlirValueGetType(v), &m->outputs[m->n_outputs++]))
        m->outputs[m->n_outputs - 1].rank = -1;
      continue;
    }
    if ((a->weight = arg_param(func, i, &name))) {
      a->info.name = dup_ref(name);
      m->weight_arg[m->n_weights++] = (int)i;
    } else {
      MlirLocation loc = mlirValueGetLocation(v);
      if (mlirLocationIsAName(loc))
        a->info.name = dup_ref(mlirIdentifierStr(mlirLocationNameGetName(loc)));
      m->input_arg[m->n_inputs++] = (int)i;
    }
    if (text.oom || !a->type_text || (a->weight && !a->info.name))
      return fail(m, MLY_ERROR_MEMORY, err, n, "out of memory");
  }
  for (intptr_t i = 0; i < n_results; ++i, ++m->n_outputs)
    if (!info_from_type(mlirFunctionTypeGetResult(type, i),
                        &m->outputs[m->n_outputs]))
      m->outputs[m->n_outputs].rank = -1;
  return MLY_OK;
}

MlyModel *mlyModelLoad(MlyRuntime *rt, const char *mlir_path,
                       const MlyModelOptions *opts, char *err,
                       size_t err_size) {
  static const MlyModelOptions defaults = {0};
  MlyModel *m = calloc(1, sizeof *m);
  if (!opts)
    opts = &defaults;
  if (!m) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  m->diag_cb = opts->diagnostic_callback;
  m->diag_user = opts->user_data;
  begin_call(m, err, err_size);
  const char *backend = opts->backend ? opts->backend : "cpu";
  m->cpu = !strcmp(backend, "cpu");
  m->hip_sim = !strcmp(backend, "hip-sim");
  m->msl_sim = !strcmp(backend, "msl-sim") || m->hip_sim;
  m->vulkan = !strcmp(backend, "vulkan");
  if (!m->cpu && !m->msl_sim && !m->vulkan && strcmp(backend, "interp")) {
    fail(m, MLY_ERROR_ARGUMENT, err, err_size,
         "unknown backend '%s' (available: interp, cpu, msl-sim, hip-sim, "
         "vulkan)",
         backend);
    goto out_free;
  }
#ifndef MLY_HAVE_VULKAN
  if (m->vulkan) {
    fail(m, MLY_ERROR_ARGUMENT, err, err_size,
         "this build has no vulkan backend (configured without Vulkan)");
    goto out_free;
  }
#endif
  /* A folder of mly-compile: the backend's module and kernels in it. */
  char folder_mod[4096], folder_msl[4096], folder_spv[4096];
  MlyModelOptions folder_opts;
  if (mlyCompiledFolderFile(mlir_path, backend, "module", folder_mod,
                            sizeof folder_mod)) {
    folder_opts = *opts;
    if (m->msl_sim && !opts->msl_path &&
        mlyCompiledFolderFile(mlir_path, backend, m->hip_sim ? "hip" : "msl",
                              folder_msl, sizeof folder_msl))
      folder_opts.msl_path = folder_msl;
    if (m->vulkan && !opts->spirv_path &&
        mlyCompiledFolderFile(mlir_path, backend, "spirv", folder_spv,
                              sizeof folder_spv))
      folder_opts.spirv_path = folder_spv;
    opts = &folder_opts;
    mlir_path = folder_mod;
  } else {
    struct stat st;
    if (!stat(mlir_path, &st) && S_ISDIR(st.st_mode)) {
      fail(m, MLY_ERROR_IO, err, err_size,
           "'%s' is a folder without the %s backend's module (%s)", mlir_path,
           backend,
           m->cpu || !strcmp(backend, "interp")
               ? "model.mly.mlir: compile with --target=...,cpu"
               : "model.host.mlir");
      goto out_free;
    }
  }
  m->device = opts->device;
  if (opts->threads < 0 || opts->threads > MLY_CPU_MAX_THREADS) {
    fail(m, MLY_ERROR_ARGUMENT, err, err_size,
         "threads %d is not between 0 and %d", opts->threads,
         MLY_CPU_MAX_THREADS);
    goto out_free;
  }
  m->threads = opts->threads;
  m->path = dup_str(mlir_path);
  m->entry = dup_str(opts->entry ? opts->entry : "forward");
  m->cache_dir = dup_str(opts->cache_dir);
  m->msl_path = dup_str(opts->msl_path);
  m->spirv_path = dup_str(opts->spirv_path);
  m->vulkan_bundle = dup_str(opts->vulkan_bundle);
  if (!m->path || !m->entry || (opts->cache_dir && !m->cache_dir) ||
      (opts->msl_path && !m->msl_path) ||
      (opts->spirv_path && !m->spirv_path) ||
      (opts->vulkan_bundle && !m->vulkan_bundle)) {
    fail(m, MLY_ERROR_MEMORY, err, err_size, "out of memory");
    goto out_free;
  }
  m->ctx = mlirContextCreate();
  m->diag_handler =
      mlirContextAttachDiagnosticHandler(m->ctx, on_diag, m, NULL);
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(m->ctx))) {
    fail(m, MLY_ERROR_MODEL, err, err_size, NULL);
    goto out_free;
  }
  m->module = mlyModuleParseFile(m->ctx, mlir_path);
  if (mlirModuleIsNull(m->module)) {
    FILE *f = fopen(mlir_path, "r");
    if (!f) {
      fail(m, MLY_ERROR_IO, err, err_size, "cannot open '%s'", mlir_path);
      goto out_free;
    }
    fclose(f);
    fail(m, MLY_ERROR_MODEL, err, err_size, NULL);
    goto out_free;
  }
  if (mlirLogicalResultIsFailure(
          mlyVerify(mlirModuleGetOperation(m->module)))) {
    fail(m, MLY_ERROR_MODEL, err, err_size, NULL);
    goto out_free;
  }
  MlirOperation func = {NULL};
  MlirStringRef want = mlirStringRefCreateFromCString(m->entry);
  for (MlirOperation op =
           mlirBlockGetFirstOperation(mlirModuleGetBody(m->module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute sym = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name"));
    if (!mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) &&
        mlirStringRefEqual(mlirStringAttrGetValue(sym), want))
      func = op;
  }
  if (mlirOperationIsNull(func)) {
    fail(m, MLY_ERROR_MODEL, err, err_size, "%s: no function named '%s'",
         mlir_path, m->entry);
    goto out_free;
  }
  if (read_signature(m, func, err, err_size))
    goto out_free;
  mlirOperationWalk(mlirModuleGetOperation(m->module), sum_tensors,
                    &m->memory_bound, MlirWalkPreOrder);
  uint64_t max = opts->max_memory ? opts->max_memory : default_max_memory();
  if (m->memory_bound > max) {
    if (m->memory_bound == UINT64_MAX)
      fail(m, MLY_ERROR_MEMORY, err, err_size,
           "%s: the model's tensors take more than 2^64 bytes", mlir_path);
    else
      fail(m, MLY_ERROR_MEMORY, err, err_size,
           "%s: the model's tensors may take %" PRIu64 " bytes, more than "
           "the limit of %" PRIu64 " (--max-memory)",
           mlir_path, m->memory_bound, max);
    goto out_free;
  }
  /* Counted once loaded: mlyModelDestroy uncounts models with an rt. */
  if ((m->rt = rt))
    ++rt->n_models;
  goto out;
out_free:
  mlyModelDestroy(m);
  m = NULL;
out:
  return m;
}

void mlyModelDestroy(MlyModel *m) {
  if (!m)
    return;
  mlyCpuDestroy(m->compiled);
  mlyMslSimDestroy(m->sim);
#ifdef MLY_HAVE_VULKAN
  mlyVulkanDestroy(m->vk);
#endif
  mlySafetensorsDestroy(m->weights);
  for (int i = 0; i < m->n_args; ++i) {
    free((char *)m->args[i].info.name);
    free(m->args[i].type_text);
  }
  free(m->args);
  free(m->input_arg);
  free(m->weight_arg);
  free(m->bound);
  free(m->outputs);
  if (!mlirModuleIsNull(m->module))
    mlirModuleDestroy(m->module);
  if (!mlirContextIsNull(m->ctx)) {
    mlirContextDetachDiagnosticHandler(m->ctx, m->diag_handler);
    mlirContextDestroy(m->ctx);
  }
  if (m->rt && !--m->rt->n_models && m->rt->destroyed)
    free(m->rt);
  free(m->diags.p);
  free(m->path);
  free(m->entry);
  free(m->cache_dir);
  free(m->msl_path);
  free(m->spirv_path);
  free(m->vulkan_bundle);
  free(m);
}

int mlyModelBindWeights(MlyModel *m, const char *path, char *err,
                        size_t err_size) {
  char got[64 + 24 * MLY_TENSOR_MAX_RANK];
  int rc = MLY_OK;
  begin_call(m, err, err_size);
  MlySafetensors *st = mlySafetensorsOpen(path, err, err_size);
  if (!st) {
    rc = MLY_ERROR_IO;
    goto out;
  }
  for (int i = 0; i < m->n_weights; ++i) {
    const arg *a = &m->args[m->weight_arg[i]];
    MlyTensor *t = &m->bound[i];
    if (!mlySafetensorsLookup(st, a->info.name, t)) {
      rc = fail(m, MLY_ERROR_MODEL, err, err_size,
                "weight '%s' not found in %s", a->info.name, path);
      goto out_destroy;
    }
    if (!a->representable || t->dtype != a->info.dtype ||
        t->rank != a->info.rank ||
        memcmp(t->dims, a->info.dims, (size_t)t->rank * sizeof *t->dims)) {
      rc = fail(m, MLY_ERROR_MODEL, err, err_size,
                "weight '%s' is %s, the function expects %s", a->info.name,
                tensor_type_text(t, got, sizeof got), a->type_text);
      goto out_destroy;
    }
  }
  mlySafetensorsDestroy(m->weights);
  m->weights = st;
  goto out;
out_destroy:
  /* m->bound may hold tensors of st now: rebind them from the old file. */
  mlySafetensorsDestroy(st);
  for (int i = 0; i < m->n_weights; ++i)
    if (!m->weights ||
        !mlySafetensorsLookup(m->weights, m->args[m->weight_arg[i]].info.name,
                              &m->bound[i]))
      memset(&m->bound[i], 0, sizeof m->bound[i]);
out:
  return rc;
}

int mlyModelNumInputs(const MlyModel *m) { return m->n_inputs; }
int mlyModelNumOutputs(const MlyModel *m) { return m->n_outputs; }
int mlyModelNumWeights(const MlyModel *m) { return m->n_weights; }

int mlyModelInputInfo(const MlyModel *m, int i, MlyTensorInfo *info) {
  if (i < 0 || i >= m->n_inputs || !m->args[m->input_arg[i]].representable)
    return MLY_ERROR_ARGUMENT;
  *info = m->args[m->input_arg[i]].info;
  return MLY_OK;
}

int mlyModelOutputInfo(const MlyModel *m, int i, MlyTensorInfo *info) {
  if (i < 0 || i >= m->n_outputs || m->outputs[i].rank < 0)
    return MLY_ERROR_ARGUMENT;
  *info = m->outputs[i];
  return MLY_OK;
}

int mlyModelWeightInfo(const MlyModel *m, int i, MlyTensorInfo *info) {
  if (i < 0 || i >= m->n_weights || !m->args[m->weight_arg[i]].representable)
    return MLY_ERROR_ARGUMENT;
  *info = m->args[m->weight_arg[i]].info;
  return MLY_OK;
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

static bool has_ops(MlirModule module, const char *prefix) {
  struct prefix_walk w = {prefix, false};
  mlirOperationWalk(mlirModuleGetOperation(module), find_prefix, &w,
                    MlirWalkPreOrder);
  return w.found;
}

/* Lowers m->module to linalg in place, once: aten modules through the
 * optimize pipeline then mly-to-linalg, mly ones through mly-to-linalg. */
static int lower(MlyModel *m, char *err, size_t n) {
  bool aten = has_ops(m->module, "aten.");
  if (m->lowering_failed)
    return fail(m, MLY_ERROR_COMPILE, err, n,
                "an earlier compilation of this model failed");
  if (m->lowered || (!aten && !has_ops(m->module, "mly.")))
    goto out_done;
  MlirPassManager pm = mlirPassManagerCreateOnOperation(
      m->ctx, mlirStringRefCreateFromCString("builtin.module"));
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  if (aten)
    mlyOptimizePipelineAdd(opm);
  mlirOpPassManagerAddOwnedPass(opm, mlyCreateMlyToLinalgPass());
  bool ok = mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(m->module)));
  mlirPassManagerDestroy(pm);
  if (!ok) {
    m->lowering_failed = true;
    return fail(m, MLY_ERROR_COMPILE, err, n, NULL);
  }
out_done:
  m->lowered = true;
  return MLY_OK;
}

/* mlyModelCompile without begin_call. */
static int compile(MlyModel *m, char *err, size_t n) {
  int rc = MLY_OK;
  if (m->msl_sim && !m->sim) {
    MlyMslSimOptions so = {.msl_path = m->msl_path,
                           .cache_dir = m->cache_dir,
                           .target = m->hip_sim ? "hip" : "msl"};
    char msg[4096];
    if (!(m->sim = mlyMslSimCompile(m->module, m->entry, &so, msg, sizeof msg)))
      rc = fail(m, MLY_ERROR_COMPILE, err, n, *msg ? "%s" : NULL, msg);
    goto out;
  }
#ifdef MLY_HAVE_VULKAN
  if (m->vulkan && !m->vk) {
    MlyVulkanOptions vo = {.device = m->device, .spirv_path = m->spirv_path};
    char msg[4096];
    if (!(m->vk = mlyVulkanCompile(m->module, m->entry, &vo, msg, sizeof msg)))
      rc = fail(m, MLY_ERROR_COMPILE, err, n, *msg ? "%s" : NULL, msg);
    else if (m->vulkan_bundle &&
             !mlyVulkanBundleWrite(m->vk, m->vulkan_bundle, msg, sizeof msg))
      rc = fail(m, MLY_ERROR_IO, err, n, "%s", msg);
    goto out;
  }
#endif
  if (!m->cpu || m->compiled)
    goto out;
  if ((rc = lower(m, err, n)))
    goto out;
  MlyCpuOptions co = {
      .opt_level = 2, .cache_dir = m->cache_dir, .threads = m->threads};
  char msg[1024];
  if (!(m->compiled = mlyCpuCompile(m->module, &co, msg, sizeof msg)))
    rc = fail(m, MLY_ERROR_COMPILE, err, n, "%s", msg);
out:
  return rc;
}

int mlyModelCompile(MlyModel *m, char *err, size_t err_size) {
  begin_call(m, err, err_size);
  return compile(m, err, err_size);
}

bool mlyModelCacheHit(const MlyModel *m) {
  if (m->sim)
    return mlyMslSimCacheHit(m->sim);
  return m->compiled && mlyModelCachePath(m) &&
         mlyCpuModuleCacheHit(m->compiled);
}

bool mlyModelArena(const MlyModel *m, int64_t *bytes, int64_t *naive,
                   int64_t *buffers) {
  return m->compiled &&
         mlyCpuModuleArena(m->compiled, m->entry, bytes, naive, buffers);
}

const char *mlyModelCachePath(const MlyModel *m) {
  if (m->sim)
    return mlyMslSimCachePath(m->sim);
  return m->compiled ? mlyCpuModuleCachePath(m->compiled) : NULL;
}

int mlyModelRun(MlyModel *m, const MlyTensor *inputs, size_t n,
                MlyTensor **outputs, size_t *n_out, char *err,
                size_t err_size) {
  char got[64 + 24 * MLY_TENSOR_MAX_RANK];
  MlyTensor *args = NULL, *results = NULL;
  intptr_t n_results = 0;
  int rc;
  *outputs = NULL;
  *n_out = 0;
  begin_call(m, err, err_size);
  if (m->n_weights && !m->weights) {
    rc = fail(m, MLY_ERROR_MODEL, err, err_size,
              "weight '%s' is not bound (mlyModelBindWeights)",
              m->args[m->weight_arg[0]].info.name);
    goto out;
  }
  if (n != (size_t)m->n_inputs) {
    rc = fail(m, MLY_ERROR_ARGUMENT, err, err_size,
              "%zu inputs given, the function takes %d", n, m->n_inputs);
    goto out;
  }
  for (size_t i = 0; i < n; ++i) {
    const arg *a = &m->args[m->input_arg[i]];
    const MlyTensor *t = &inputs[i];
    if (!a->representable || t->dtype != a->info.dtype ||
        t->rank != a->info.rank ||
        memcmp(t->dims, a->info.dims, (size_t)t->rank * sizeof *t->dims)) {
      rc = fail(m, MLY_ERROR_ARGUMENT, err, err_size,
                "input_%zu is %s, the function expects %s", i,
                t->rank >= 0 && t->rank <= MLY_TENSOR_MAX_RANK
                    ? tensor_type_text(t, got, sizeof got)
                    : "a tensor of bad rank",
                a->type_text);
      goto out;
    }
  }
  if ((rc = compile(m, err, err_size)))
    goto out;
  if (!(args = calloc((size_t)m->n_args + 1, sizeof *args))) {
    rc = fail(m, MLY_ERROR_MEMORY, err, err_size, "out of memory");
    goto out;
  }
  for (int i = 0; i < m->n_weights; ++i)
    args[m->weight_arg[i]] = m->bound[i];
  for (int i = 0; i < m->n_inputs; ++i)
    args[m->input_arg[i]] = inputs[i];
#ifdef MLY_HAVE_VULKAN
  if (m->vulkan) {
    char msg[1024];
    if (!mlyVulkanRun(m->vk, args, m->n_args, &results, &n_results, msg,
                      sizeof msg))
      rc = fail(m, MLY_ERROR_RUN, err, err_size, "%s", msg);
  } else
#endif
  if (m->msl_sim) {
    char msg[1024];
    if (!mlyMslSimRun(m->sim, args, m->n_args, &results, &n_results, msg,
                      sizeof msg))
      rc = fail(m, MLY_ERROR_RUN, err, err_size, "%s", msg);
  } else if (m->cpu) {
    char msg[1024];
    if (!mlyCpuRun(m->compiled, m->entry, args, m->n_args, &results, &n_results,
                   msg, sizeof msg))
      rc = fail(m, MLY_ERROR_RUN, err, err_size, "%s", msg);
  } else if (mlirLogicalResultIsFailure(mlyInterpRun(
                 m->module, m->entry, args, m->n_args, &results, &n_results))) {
    rc = fail(m, MLY_ERROR_RUN, err, err_size, NULL);
  }
  if (!rc) {
    *outputs = results;
    *n_out = (size_t)n_results;
  }
  free(args);
out:
  return rc;
}

void mlyTensorArrayDestroy(MlyTensor *tensors, size_t n) {
  for (size_t i = 0; tensors && i < n; ++i)
    mlyTensorFree(&tensors[i]);
  free(tensors);
}

int mlyModelReadInputs(const MlyModel *m, const char *path, MlyTensor **inputs,
                       size_t *n, char *err, size_t err_size) {
  int rc = MLY_OK, i = 0;
  MlyTensor *all = NULL;
  *inputs = NULL;
  *n = 0;
  MlySafetensors *st = mlySafetensorsOpen(path, err, err_size);
  if (!st) {
    rc = MLY_ERROR_IO;
    goto out;
  }
  if (!(all = calloc((size_t)m->n_inputs + 1, sizeof *all))) {
    set_err(err, err_size, "out of memory");
    rc = MLY_ERROR_MEMORY;
    goto out_close;
  }
  for (; i < m->n_inputs; ++i) {
    char key[32];
    const char *name = m->args[m->input_arg[i]].info.name;
    MlyTensor t;
    snprintf(key, sizeof key, "input_%d", i);
    if (!mlySafetensorsLookup(st, key, &t) &&
        !(name && mlySafetensorsLookup(st, name, &t))) {
      set_err(err, err_size, "%s not found in %s", key, path);
      rc = MLY_ERROR_ARGUMENT;
      goto out_free;
    }
    if (mlyTensorAlloc(&all[i], t.dtype, t.rank, t.dims)) {
      set_err(err, err_size, "out of memory");
      rc = MLY_ERROR_MEMORY;
      goto out_free;
    }
    if (t.nbytes)
      memcpy(all[i].data, t.data, t.nbytes);
  }
  *inputs = all;
  *n = (size_t)m->n_inputs;
  goto out_close;
out_free:
  mlyTensorArrayDestroy(all, (size_t)i);
out_close:
  mlySafetensorsDestroy(st);
out:
  return rc;
}

int mlyRuntimeListDevices(const char *backend, MlirStringCallback write,
                          void *user, char *err, size_t err_size) {
  if (err && err_size)
    err[0] = 0;
#ifdef MLY_HAVE_VULKAN
  if (backend && !strcmp(backend, "vulkan"))
    return mlyVulkanListDevices(write, user, err, err_size) ? MLY_OK
                                                            : MLY_ERROR_RUN;
#else
  (void)write;
  (void)user;
#endif
  set_err(err, err_size, "backend '%s' has no devices to list%s",
          backend ? backend : "(none)",
#ifdef MLY_HAVE_VULKAN
          " (vulkan has)"
#else
          " (this build has no vulkan backend)"
#endif
  );
  return MLY_ERROR_ARGUMENT;
}

bool mlyCompiledFolderFile(const char *path, const char *backend,
                           const char *what, char *out, size_t n) {
  struct stat st;
  const char *file = NULL;
  if (!path || stat(path, &st) || !S_ISDIR(st.st_mode))
    return false;
  if (!strcmp(what, "module"))
    file = !backend || !strcmp(backend, "cpu") || !strcmp(backend, "interp")
               ? "model.mly.mlir"
               : "model.host.mlir";
  else if (!strcmp(what, "weights"))
    file = "weights.safetensors";
  else if (!strcmp(what, "msl"))
    file = "model.metal";
  else if (!strcmp(what, "hip"))
    file = "model.hip";
  else if (!strcmp(what, "spirv"))
    file = "model.spv";
  if (!file)
    return false;
  int w = snprintf(out, n, "%s/%s", path, file);
  return w > 0 && (size_t)w < n && !stat(out, &st) && S_ISREG(st.st_mode);
}
