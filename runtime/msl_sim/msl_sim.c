/* The msl-sim backend (see mly_msl_sim.h): the host program becomes a
 * plan of buffer and launch steps, the kernels a C++ library compiled
 * against metal_shim.h and loaded with dlopen, and a run walks the plan,
 * running each threadgroup on the thread pool (sim_pool.h). */
#define _GNU_SOURCE
#include "runtime/msl_sim/mly_msl_sim.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "runtime/gpu_host.h"
#include "runtime/msl_sim/msl_sim_abi.h"
#include "runtime/msl_sim/sim_pool.h"
#ifdef MLY_MSL_SIM_HAVE_TARGETS
#include "targets/mly_targets.h"
#endif

extern char **environ;

/* The shim and its ABI header, embedded at build time. */
extern const char mly_msl_sim_shim[];
extern const size_t mly_msl_sim_shim_size;
extern const char mly_msl_sim_abi[];
extern const size_t mly_msl_sim_abi_size;
extern const char mly_hip_sim_shim[];
extern const size_t mly_hip_sim_shim_size;

/* Flags of every kernel compilation: Metal's signed char, MLIR's wrapping
 * integer arithmetic, half and bfloat rounded after each operation (as a
 * GPU computes them), each float operation rounded on its own (no fused
 * multiply-add, as arith's ops without fastmath flags; the same on every
 * host), no fast math; a Metal attribute the shim does not know is an
 * error. */
static const char *const cxx_flags[] = {
    "-std=c++17",
    "-O2",
    "-fPIC",
    "-shared",
    "-fsigned-char",
    "-fwrapv",
    "-fexcess-precision=16",
    "-ffp-contract=off",
    "-Wall",
    "-Wextra",
    "-Werror=unknown-attributes",
    "-Werror=return-type",
#ifdef MLY_MSL_SIM_COMPILER_RT
    /* bfloat conversions (libgcc 12
     * lacks __truncsfbf2) */
    "-rtlib=compiler-rt",
    "-unwindlib=libgcc",
#endif
};
#define N_CXX_FLAGS (sizeof cxx_flags / sizeof *cxx_flags)

/* One run at a time per process: a library loaded twice from the cache is
 * one copy, whose threadgroup arrays are static. */
static pthread_mutex_t run_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- Strings ----------------------------------------------------------- */

typedef struct strbuf {
  char *p;
  size_t len, cap;
  bool oom;
} strbuf;

static void sb_write(strbuf *b, const char *s, size_t n) {
  if (b->oom)
    return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = 2 * b->cap + n + 256;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

static void sb_ref(MlirStringRef s, void *user) {
  sb_write(user, s.data, s.length);
}

static void sb_printf(strbuf *b, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (k < 0) {
    b->oom = true;
    return;
  }
  if ((size_t)k < sizeof small) {
    sb_write(b, small, (size_t)k);
    return;
  }
  char *big = malloc((size_t)k + 1);
  if (!big) {
    b->oom = true;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)k + 1, fmt, ap);
  va_end(ap);
  sb_write(b, big, (size_t)k);
  free(big);
}

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!err || !n)
    return;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

/* An error diagnostic at op: "'<op>' op <message>". */
static const char *backend_of(const MlyMslSim *s);

static void op_error(const MlyMslSim *s, MlirOperation op, const char *fmt,
                     ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  char full[640];
  snprintf(full, sizeof full, "'%.*s' op %s: %s", (int)name.length, name.data,
           backend_of(s), msg);
  mlirEmitError(mlirOperationGetLocation(op), full);
}

static bool op_is(MlirOperation op, const char *name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString(name));
}

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op,
                                         mlirStringRefCreateFromCString(name));
}

/* The backend's name, in messages of functions that have `s`. */
#define WHO (s->t->backend)

/* ---- Buffer types ------------------------------------------------------ */

/* A memref of static shape and identity layout. */
typedef struct buftype {
  MlyDType dtype;
  const char *cxx; /* the MSL/C++ element type */
  const char *hip; /* the HIP element type */
  size_t elem, bytes;
  int64_t rank, dims[MLY_TENSOR_MAX_RANK];
} buftype;

static bool buftype_of(MlirType t, buftype *b) {
  if (!mlirTypeIsAMemRef(t) || !mlirShapedTypeHasStaticShape(t) ||
      mlirShapedTypeGetRank(t) > MLY_TENSOR_MAX_RANK ||
      !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t)))
    return false;
  MlirType e = mlirShapedTypeGetElementType(t);
  if (mlirTypeIsAF32(e))
    *b = (buftype){MLY_DTYPE_F32, "float", "float", 4, 0, 0, {0}};
  else if (mlirTypeIsAF16(e))
    *b = (buftype){MLY_DTYPE_F16, "half", "__half", 2, 0, 0, {0}};
  else if (mlirTypeIsABF16(e))
    *b = (buftype){MLY_DTYPE_BF16, "bfloat", "__hip_bfloat16", 2, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsSignless(e) &&
           mlirIntegerTypeGetWidth(e) == 64)
    *b = (buftype){MLY_DTYPE_I64, "long", "long long", 8, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsSignless(e) &&
           mlirIntegerTypeGetWidth(e) == 32)
    *b = (buftype){MLY_DTYPE_I32, "int", "int", 4, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsSignless(e) &&
           mlirIntegerTypeGetWidth(e) == 8)
    *b = (buftype){MLY_DTYPE_I8, "char", "signed char", 1, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsUnsigned(e) &&
           mlirIntegerTypeGetWidth(e) == 8)
    *b = (buftype){MLY_DTYPE_U8, "uchar", "unsigned char", 1, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeGetWidth(e) == 1)
    *b = (buftype){MLY_DTYPE_BOOL, "bool", "bool", 1, 0, 0, {0}};
  else
    return false;
  b->rank = mlirShapedTypeGetRank(t);
  b->bytes = b->elem;
  for (int64_t i = 0; i < b->rank; ++i) {
    b->dims[i] = mlirShapedTypeGetDimSize(t, i);
    b->bytes *= (size_t)b->dims[i];
  }
  return true;
}

/* ---- The simulator ----------------------------------------------------- */

/* The host program's plan comes from runtime/gpu_host, the walker the GPU
 * backends share. */
typedef MlyGpuKernel kernel;
typedef MlyGpuSlot slot;
typedef MlyGpuStep step;

/* What differs between the simulated targets: the plugin that emits the
 * kernels, the shim the source compiles against, the kernel signatures
 * and the harness's wrappers. */
typedef struct sim_target {
  const char *name;      /* the target plugin: "msl", "hip" */
  const char *backend;   /* "msl-sim", "hip-sim": in messages */
  const char *language;  /* "MSL", "HIP": in messages */
  const char *shim_kind; /* "Metal", "HIP": "the <kind> shim" */
  const char *option;    /* the tools' option for a source file */
  const char *source;    /* the source's file name in the build directory */
  const char *include;   /* what its #include names; it includes the shim */
  const char *shim_file; /* the shim's file name */
  const char *shim;      /* the shim's text */
  const size_t *shim_size;
} sim_target;

static const sim_target msl_sim = {"msl",
                                   "msl-sim",
                                   "MSL",
                                   "Metal",
                                   "--msl",
                                   "kernels.metal",
                                   "metal_stdlib",
                                   "metal_shim.h",
                                   mly_msl_sim_shim,
                                   &mly_msl_sim_shim_size};
static const sim_target hip_sim = {"hip",
                                   "hip-sim",
                                   "HIP",
                                   "HIP",
                                   "--hip",
                                   "kernels.hip",
                                   "hip/hip_runtime.h",
                                   "hip_shim.h",
                                   mly_hip_sim_shim,
                                   &mly_hip_sim_shim_size};

struct MlyMslSim {
  const sim_target *t;
  uint32_t wave; /* lanes of a simdgroup (msl) or wavefront (hip) */
  MlyGpuHostPlan *plan;
  /* The plan's arrays and counts (owned by plan), as the code reads them. */
  kernel *kernels;
  int n_kernels;
  slot *slots;
  int n_slots, n_host_args, n_outputs;
  step *steps;
  int n_steps;
  size_t arena_bytes;  /* 0: allocs are separate */
  MlySimKernelFn *fns; /* per kernel, once loaded */
  void *lib;
  unsigned char *tg_begin, *tg_end; /* the threadgroup arrays */
  MlySimPool *pool;
  char *cache_path;
  bool cache_hit;
};

void mlyMslSimDestroy(MlyMslSim *s) {
  if (!s)
    return;
  mlySimPoolDestroy(s->pool);
  mlyGpuHostPlanDestroy(s->plan);
  free(s->fns);
  if (s->lib)
    dlclose(s->lib);
  free(s->cache_path);
  free(s);
}

static const char *backend_of(const MlyMslSim *s) { return s->t->backend; }

bool mlyMslSimCacheHit(const MlyMslSim *s) { return s->cache_hit; }
const char *mlyMslSimCachePath(const MlyMslSim *s) { return s->cache_path; }

/* ---- Kernels of the gpu.module ----------------------------------------- */

static bool is_identifier(MlirStringRef s) {
  if (!s.length || (s.data[0] >= '0' && s.data[0] <= '9'))
    return false;
  for (size_t i = 0; i < s.length; ++i) {
    char c = s.data[i];
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9')))
      return false;
  }
  return true;
}

/* Collects the kernels of gpu.module `gm` into s->kernels. */
/* Kernel names become C++ function names in the harness. */
static bool check_identifiers(const MlyMslSim *s, MlirOperation gm) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!op_is(op, "gpu.func") || mlirAttributeIsNull(attr(op, "gpu.kernel")))
      continue;
    MlirStringRef name = mlirStringAttrGetValue(attr(op, "sym_name"));
    if (!is_identifier(name)) {
      op_error(s, op, "kernel name '%.*s' is not a C++ identifier",
               (int)name.length, name.data);
      return false;
    }
  }
  return true;
}

/* ---- The MSL text ------------------------------------------------------ */

static bool read_file(const char *who, const char *path, strbuf *out, char *err,
                      size_t n) {
  FILE *f = fopen(path, "rb");
  char buf[65536];
  size_t k;
  if (!f) {
    set_err(err, n, "%s: cannot open '%s': %s", who, path, strerror(errno));
    return false;
  }
  while ((k = fread(buf, 1, sizeof buf, f)))
    sb_write(out, buf, k);
  bool ok = !ferror(f) && !out->oom;
  fclose(f);
  if (!ok)
    set_err(err, n, "%s: cannot read '%s'", who, path);
  return ok;
}

/* The source of `gm` from the target plugin (its default options). */
static bool emit_source(const MlyMslSim *s, MlirOperation gm, strbuf *out,
                        char *err, size_t n) {
#ifdef MLY_MSL_SIM_HAVE_TARGETS
  bool ok = false;
  MlyTargetRegistry *r = mlyTargetRegistryCreate();
  const MlyTarget *t;
  MlyTargetOptions none = {0, NULL, NULL};
  if (!r) {
    set_err(err, n, "out of memory");
    goto out;
  }
  if (mlyTargetRegistryLoadDefaults(r, err, n))
    goto out_destroy;
  if (!(t = mlyTargetRegistryLookup(r, s->t->name))) {
    set_err(err, n,
            "%s: no '%s' target plugin found (MLY_TARGET_PATH, "
            "lib/mly/targets beside the tools)",
            WHO, s->t->name);
    goto out_destroy;
  }
  if (mlirLogicalResultIsFailure(t->emit(gm, sb_ref, out, &none))) {
    set_err(err, n, "");
    goto out_destroy;
  }
  ok = !out->oom;
  if (!ok)
    set_err(err, n, "out of memory");
out_destroy:
  mlyTargetRegistryDestroy(r);
out:
  return ok;
#else
  (void)gm;
  (void)out;
  set_err(err, n,
          "%s: this build has no target plugins; give the kernels' %s "
          "with %s",
          WHO, s->t->language, s->t->option);
  return false;
#endif
}

/* Checks kernel k's signature in the MSL text: `kernel void <name>(`
 * whose attributes are buffer(0)..buffer(n-1), then the six builtins in
 * the order the wrapper passes them. */
static bool check_msl_signature(const MlyMslSim *s, const char *msl,
                                const kernel *k, char *err, size_t n) {
  static const char *const builtins[] = {
      "thread_position_in_threadgroup", "threadgroup_position_in_grid",
      "threads_per_threadgroup",        "threadgroups_per_grid",
      "thread_index_in_simdgroup",      "simdgroup_index_in_threadgroup"};
  char want[256];
  const char *p = msl, *open = NULL;
  size_t len = strlen(k->name);
  while ((p = strstr(p, "kernel"))) {
    const char *q = p + 6;
    if (p > msl &&
        (p[-1] == '_' || ((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z') ||
         (p[-1] >= '0' && p[-1] <= '9')))
      goto next;
    while (*q == ' ' || *q == '\n' || *q == '\t')
      ++q;
    if (strncmp(q, "void", 4))
      goto next;
    q += 4;
    while (*q == ' ' || *q == '\n' || *q == '\t')
      ++q;
    if (!strncmp(q, k->name, len)) {
      q += len;
      while (*q == ' ' || *q == '\n' || *q == '\t')
        ++q;
      if (*q == '(') {
        open = q + 1;
        break;
      }
    }
  next:
    p += 6;
  }
  if (!open) {
    set_err(err, n, "%s: the MSL has no 'kernel void %s(...)'", WHO, k->name);
    return false;
  }
  int i = 0, total = k->n_buffers + 6;
  for (p = open; *p && *p != ')' && *p != '{'; ++p) {
    if (p[0] != '[' || p[1] != '[')
      continue;
    const char *end = strstr(p, "]]");
    char got[256];
    size_t m = 0;
    if (!end)
      break;
    for (const char *c = p + 2; c < end && m + 1 < sizeof got; ++c)
      if (*c != ' ' && *c != '\t' && *c != '\n')
        got[m++] = *c;
    got[m] = 0;
    if (i < k->n_buffers)
      snprintf(want, sizeof want, "buffer(%d)", i);
    else if (i < total)
      snprintf(want, sizeof want, "%s", builtins[i - k->n_buffers]);
    else
      snprintf(want, sizeof want, "no more attributes");
    if (strcmp(got, want)) {
      set_err(err, n,
              "%s: kernel '%s': parameter %d is [[%s]], expected "
              "[[%s]] (buffers 0..%d, then the six builtins in order)",
              WHO, k->name, i, got, want, k->n_buffers - 1);
      return false;
    }
    ++i;
    p = end + 1;
  }
  if (i != total) {
    set_err(err, n,
            "%s: kernel '%s' has %d attributed parameters, expected %d "
            "(%d buffers and six builtins)",
            WHO, k->name, i, total, k->n_buffers);
    return false;
  }
  return true;
}

static const char *skip_space(const char *p) {
  while (*p == ' ' || *p == '\n' || *p == '\t')
    ++p;
  return p;
}

/* Checks kernel k's signature in the HIP text: `__global__ void
 * [__launch_bounds__(N)] <name>(` whose parameters are `[const] T *argI`
 * for its buffers in order, T of the buffer's element type. */
static bool check_hip_signature(const MlyMslSim *s, const char *hip,
                                const kernel *k, char *err, size_t n) {
  const char *p = hip, *open = NULL;
  size_t len = strlen(k->name);
  while (!open && (p = strstr(p, "__global__"))) {
    const char *q = skip_space(p + 10);
    p += 10;
    if (strncmp(q, "void", 4))
      continue;
    q = skip_space(q + 4);
    if (!strncmp(q, "__launch_bounds__", 17) && (q = strchr(q, ')')))
      q = skip_space(q + 1);
    if (q && !strncmp(q, k->name, len) && *(q = skip_space(q + len)) == '(')
      open = q + 1;
  }
  if (!open) {
    set_err(err, n, "%s: the HIP has no '__global__ void %s(...)'", WHO,
            k->name);
    return false;
  }
  p = open;
  if (!k->n_buffers && *skip_space(p) != ')') {
    set_err(err, n, "%s: kernel '%s' has parameters, its gpu.func no buffers",
            WHO, k->name);
    return false;
  }
  for (int i = 0; i < k->n_buffers; ++i) {
    const char *end = p;
    while (*end && *end != ',' && *end != ')')
      ++end;
    char got[256], want[256];
    size_t m = 0;
    for (const char *c = skip_space(p); c < end && m + 1 < sizeof got; ++c)
      if (!(*c == '\n' || *c == '\t') &&
          !(*c == ' ' && (c[1] == ' ' || c + 1 == end)))
        got[m++] = *c;
    got[m] = 0;
    buftype b;
    buftype_of(k->types[i], &b);
    snprintf(want, sizeof want, "%s *arg%d", b.hip, i);
    const char *g = strncmp(got, "const ", 6) ? got : got + 6;
    bool last = i + 1 == k->n_buffers;
    if (strcmp(g, want) || !*end || (*end == ')') != last) {
      set_err(err, n,
              "%s: kernel '%s': parameter %d is '%s', expected '[const] %s' "
              "and %s (the kernel's buffers in order)",
              WHO, k->name, i, got, want, last ? "no more" : "more");
      return false;
    }
    p = end + 1;
  }
  return true;
}

/* The wavefront size the HIP source was emitted for
 * ("#define MLY_WAVE_SIZE 32" or 64), or 0 after a message. */
static uint32_t hip_wave_size(const MlyMslSim *s, const char *hip, char *err,
                              size_t n) {
  const char *p = strstr(hip, "#define MLY_WAVE_SIZE ");
  long w = p ? strtol(p + 22, NULL, 10) : 0;
  if (w != 32 && w != 64) {
    set_err(err, n,
            "%s: the HIP defines no MLY_WAVE_SIZE of 32 or 64 (the wave "
            "size it was emitted for)",
            WHO);
    return 0;
  }
  return (uint32_t)w;
}

/* ---- Compiling the kernels --------------------------------------------- */

/* The harness: the MSL, then one extern "C" wrapper per kernel. */
static void write_harness(const MlyMslSim *s, strbuf *h) {
  sb_printf(h,
            "// Generated by mly's %s backend.\n"
            "#include \"%s\"\n"
            "extern \"C\" int mly_sim_abi_version() { return %d; }\n"
            "extern \"C\" unsigned char __start_mly_tg[] "
            "__attribute__((weak, visibility(\"hidden\")));\n"
            "extern \"C\" unsigned char __stop_mly_tg[] "
            "__attribute__((weak, visibility(\"hidden\")));\n"
            "extern \"C\" void mly_sim_threadgroup_memory(unsigned char "
            "**b, unsigned char **e) {\n"
            "  *b = __start_mly_tg;\n  *e = __stop_mly_tg;\n}\n",
            WHO, s->t->source, MLY_SIM_ABI_VERSION);
  for (int i = 0; i < s->n_kernels; ++i) {
    const kernel *k = &s->kernels[i];
    sb_printf(h,
              "extern \"C\" int mly_sim_kernel_%s(void *const *b, const "
              "MlySimThread *t) {\n"
              "  mly_sim::self = t;\n"
              "  try {\n"
              "    %s(",
              k->name, k->name);
    bool hip = s->t == &hip_sim;
    for (int a = 0; a < k->n_buffers; ++a) {
      buftype b;
      buftype_of(k->types[a], &b);
      sb_printf(h, "%s(%s *)b[%d]", a ? ", " : "", hip ? b.hip : b.cxx, a);
    }
    /* MSL kernels take the builtins as arguments; HIP's read them from
     * the simulated thread. */
    if (hip)
      sb_printf(h, ");\n");
    else
      sb_printf(h,
                "%suint3{t->tid[0], t->tid[1], t->tid[2]},\n"
                "        uint3{t->bid[0], t->bid[1], t->bid[2]},\n"
                "        uint3{t->bdim[0], t->bdim[1], t->bdim[2]},\n"
                "        uint3{t->gdim[0], t->gdim[1], t->gdim[2]}, "
                "t->lane, t->simd);\n",
                k->n_buffers ? ", " : "");
    sb_printf(h, "  } catch (mly_sim::aborted &) {\n"
                 "    return -1;\n"
                 "  }\n"
                 "  return 0;\n"
                 "}\n");
  }
}

/* 64-bit FNV-1a over pieces, as the cache key. */
static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *c = p;
  for (size_t i = 0; i < n; ++i)
    h = (h ^ c[i]) * 0x100000001b3ull;
  return h;
}

static bool write_text(const char *dir, const char *name, const char *text,
                       size_t len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    return false;
  bool ok = fwrite(text, 1, len, f) == len;
  return fclose(f) == 0 && ok;
}

static const char *cxx_path(const MlyMslSimOptions *o) {
  const char *env = getenv("MLY_CXX");
  if (o->cxx)
    return o->cxx;
  return env && *env ? env : MLY_MSL_SIM_CXX;
}

/* Runs the compiler in `dir` on harness.cpp into `so`; its messages go to
 * compile.log. On failure, err holds the log's start. */
static bool run_compiler(const MlyMslSim *s, const char *cxx,
                         const char dir[2048], const char *so, char *err,
                         size_t n) {
  char log[2100], inc[2100], src[2100];
  const char *argv[N_CXX_FLAGS + 8];
  int k = 0, status = 0;
  pid_t pid;
  bool ok = false;
  posix_spawn_file_actions_t fa;
  snprintf(log, sizeof log, "%s/compile.log", dir);
  snprintf(inc, sizeof inc, "-I%s", dir);
  snprintf(src, sizeof src, "%s/harness.cpp", dir);
  argv[k++] = cxx;
  for (size_t i = 0; i < N_CXX_FLAGS; ++i)
    argv[k++] = cxx_flags[i];
  argv[k++] = inc;
  argv[k++] = "-o";
  argv[k++] = so;
  argv[k++] = src;
  argv[k] = NULL;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  int rc = posix_spawnp(&pid, cxx, &fa, NULL, (char *const *)argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc) {
    set_err(err, n, "%s: cannot run the C++ compiler '%s': %s", WHO, cxx,
            strerror(rc));
    return false;
  }
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!ok) {
    strbuf text = {0};
    char ignore[8];
    read_file(WHO, log, &text, ignore, sizeof ignore);
    set_err(err, n,
            "%s: the kernels do not compile against the %s shim (a feature "
            "%s does not support, or a bug of the %s):\n%s",
            WHO, s->t->shim_kind, WHO, s->t->language, text.p ? text.p : "");
    free(text.p);
  }
  return ok;
}

static void remove_dir(const char dir[2048]) {
  static const char *const names[] = {
      "metal_stdlib",      "metal_shim.h", "msl_sim_abi.h",
      "kernels.metal",     "harness.cpp",  "compile.log",
      "kernels.so",        "hip_shim.h",   "kernels.hip",
      "hip/hip_runtime.h", "hip"};
  char path[2100];
  for (size_t i = 0; i < sizeof names / sizeof *names; ++i) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    if (unlink(path))
      rmdir(path);
  }
  rmdir(dir);
}

/* Compiles msl + the harness (or finds them in the cache) and loads the
 * library into s->lib. */
static bool compile_and_load(MlyMslSim *s, const char *msl,
                             const MlyMslSimOptions *o, char *err, size_t n) {
  strbuf h = {0};
  char dir[2048], so[4096];
  bool ok = false, have_dir = false;
  const char *cxx = cxx_path(o);
  write_harness(s, &h);
  if (h.oom) {
    set_err(err, n, "out of memory");
    goto out;
  }
  uint64_t key = 0xcbf29ce484222325ull;
  key = fnv(key, cxx, strlen(cxx) + 1);
  for (size_t i = 0; i < N_CXX_FLAGS; ++i)
    key = fnv(key, cxx_flags[i], strlen(cxx_flags[i]) + 1);
  key = fnv(key, s->t->shim, *s->t->shim_size);
  key = fnv(key, mly_msl_sim_abi, mly_msl_sim_abi_size);
  key = fnv(key, h.p, h.len + 1);
  key = fnv(key, msl, strlen(msl));
  if (o->cache_dir && strlen(o->cache_dir) > 1024) {
    set_err(err, n, "%s: the cache directory's name is too long", WHO);
    goto out;
  }
  if (o->cache_dir) {
    size_t m = strlen(o->cache_dir) + 64;
    if (!(s->cache_path = malloc(m))) {
      set_err(err, n, "out of memory");
      goto out;
    }
    snprintf(s->cache_path, m, "%s/%s-%016" PRIx64 ".so", o->cache_dir, WHO,
             key);
    if (!access(s->cache_path, R_OK) &&
        (s->lib = dlopen(s->cache_path, RTLD_NOW | RTLD_LOCAL))) {
      s->cache_hit = true;
      ok = true;
      goto out;
    }
    mkdir(o->cache_dir, 0755);
    snprintf(dir, sizeof dir, "%s/%s-XXXXXX", o->cache_dir, WHO);
  } else {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/mly-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
             WHO);
  }
  if (!mkdtemp(dir)) {
    set_err(err, n, "%s: cannot create a directory '%s': %s", WHO, dir,
            strerror(errno));
    goto out;
  }
  have_dir = true;
  char include[128], sub[2100];
  snprintf(include, sizeof include, "#include \"%s\"\n", s->t->shim_file);
  if (strchr(s->t->include, '/')) {
    snprintf(sub, sizeof sub, "%s/%.*s", dir,
             (int)(strchr(s->t->include, '/') - s->t->include), s->t->include);
    mkdir(sub, 0755);
  }
  if (!write_text(dir, s->t->include, include, strlen(include)) ||
      !write_text(dir, s->t->shim_file, s->t->shim, *s->t->shim_size) ||
      !write_text(dir, "msl_sim_abi.h", mly_msl_sim_abi,
                  mly_msl_sim_abi_size) ||
      !write_text(dir, s->t->source, msl, strlen(msl)) ||
      !write_text(dir, "harness.cpp", h.p, h.len)) {
    set_err(err, n, "%s: cannot write into '%s'", WHO, dir);
    goto out;
  }
  snprintf(so, sizeof so, "%.2047s/kernels.so", dir);
  if (!run_compiler(s, cxx, dir, so, err, n))
    goto out;
  if (s->cache_path && rename(so, s->cache_path) == 0)
    snprintf(so, sizeof so, "%s", s->cache_path);
  else if (s->cache_path) {
    free(s->cache_path);
    s->cache_path = NULL;
  }
  if (!(s->lib = dlopen(so, RTLD_NOW | RTLD_LOCAL))) {
    set_err(err, n, "%s: cannot load the compiled kernels: %s", WHO, dlerror());
    goto out;
  }
  ok = true;
out:
  if (have_dir)
    remove_dir(dir);
  free(h.p);
  return ok;
}

/* Finds the library's symbols. */
static bool bind_symbols(MlyMslSim *s, char *err, size_t n) {
  int (*version)(void) = (int (*)(void))dlsym(s->lib, "mly_sim_abi_version");
  void (*tg)(unsigned char **, unsigned char **) =
      (void (*)(unsigned char **, unsigned char **))dlsym(
          s->lib, "mly_sim_threadgroup_memory");
  if (!version || version() != MLY_SIM_ABI_VERSION || !tg) {
    set_err(err, n, "%s: the compiled kernels are of another ABI", WHO);
    return false;
  }
  tg(&s->tg_begin, &s->tg_end);
  for (int i = 0; i < s->n_kernels; ++i) {
    char sym[512];
    snprintf(sym, sizeof sym, "mly_sim_kernel_%s", s->kernels[i].name);
    if (!(s->fns[i] = (MlySimKernelFn)dlsym(s->lib, sym))) {
      set_err(err, n, "%s: the compiled kernels lack '%s'", WHO, sym);
      return false;
    }
  }
  return true;
}

MlyMslSim *mlyMslSimCompile(MlirModule module, const char *entry,
                            const MlyMslSimOptions *options, char *err,
                            size_t err_size) {
  static const MlyMslSimOptions defaults = {0};
  const MlyMslSimOptions *o = options ? options : &defaults;
  MlyMslSim *s = calloc(1, sizeof *s);
  strbuf msl = {0};
  if (err && err_size)
    err[0] = 0;
  if (!s) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  if (o->target && strcmp(o->target, "msl") && strcmp(o->target, "hip")) {
    set_err(err, err_size, "msl-sim: no simulator of target '%s' (msl, hip)",
            o->target);
    goto out_free;
  }
  s->t = o->target && !strcmp(o->target, "hip") ? &hip_sim : &msl_sim;
  s->wave = MLY_SIM_SIMD_WIDTH;
  if (!(s->plan = mlyGpuHostPlanCreate(module, entry, WHO, MLY_SIM_MAX_GROUP,
                                       err, err_size)))
    goto out_free;
  MlyGpuHostPlan *p = s->plan;
  MlirOperation gm = p->gpu_module;
  s->kernels = p->kernels;
  s->n_kernels = p->n_kernels;
  s->slots = p->slots;
  s->n_slots = p->n_slots;
  s->n_host_args = p->n_host_args;
  s->n_outputs = p->n_outputs;
  s->steps = p->steps;
  s->n_steps = p->n_steps;
  s->arena_bytes = p->arena_bytes;
  if (!(s->fns = calloc((size_t)s->n_kernels + 1, sizeof *s->fns))) {
    set_err(err, err_size, "out of memory");
    goto out_free;
  }
  if (!check_identifiers(s, gm))
    goto out_free;
  if (o->msl_path ? !read_file(WHO, o->msl_path, &msl, err, err_size)
                  : !emit_source(s, gm, &msl, err, err_size))
    goto out_free;
  if (msl.oom || !msl.p) {
    set_err(err, err_size, msl.oom ? "out of memory" : "msl-sim: empty MSL");
    goto out_free;
  }
  for (int i = 0; i < s->n_kernels; ++i)
    if (!(s->t->name[0] == 'h'
              ? check_hip_signature(s, msl.p, &s->kernels[i], err, err_size)
              : check_msl_signature(s, msl.p, &s->kernels[i], err, err_size)))
      goto out_free;
  if (s->t == &hip_sim && !(s->wave = hip_wave_size(s, msl.p, err, err_size)))
    goto out_free;
  if (!compile_and_load(s, msl.p, o, err, err_size) ||
      !bind_symbols(s, err, err_size))
    goto out_free;
  if (!(s->pool = mlySimPoolCreate()) ||
      mlySimPoolSetSimdWidth(s->pool, s->wave)) {
    set_err(err, err_size, "out of memory");
    goto out_free;
  }
  goto out;
out_free:
  mlyMslSimDestroy(s);
  s = NULL;
out:
  free(msl.p);
  return s;
}

/* ---- Running ----------------------------------------------------------- */

/* Fresh memory as a GPU gives it: undefined, here 0xff bytes (NaN for
 * floats, -1 for integers), so that reading what no kernel wrote shows. */
static void *alloc_buffer(size_t bytes) {
  size_t n = (bytes + 63) / 64 * 64;
  void *p = aligned_alloc(64, n ? n : 64);
  if (p)
    memset(p, 0xff, n ? n : 64);
  return p;
}

static bool launch(MlyMslSim *s, const step *st, void **ptrs, char *err,
                   size_t n) {
  const kernel *k = &s->kernels[st->kernel];
  void **buffers = calloc((size_t)st->n_args + 1, sizeof *buffers);
  char msg[512];
  bool ok = false;
  if (!buffers) {
    set_err(err, n, "out of memory");
    return false;
  }
  for (int i = 0; i < st->n_args; ++i)
    buffers[i] = ptrs[st->args[i]];
  for (uint32_t z = 0; z < st->grid[2]; ++z)
    for (uint32_t y = 0; y < st->grid[1]; ++y)
      for (uint32_t x = 0; x < st->grid[0]; ++x) {
        uint32_t bid[3] = {x, y, z};
        if (s->tg_end > s->tg_begin)
          memset(s->tg_begin, 0xff, (size_t)(s->tg_end - s->tg_begin));
        if (mlySimPoolRunGroup(s->pool, s->fns[st->kernel], buffers, bid,
                               st->block, st->grid, msg, sizeof msg)) {
          set_err(err, n, "%s: kernel '%s', threadgroup (%u, %u, %u): %s", WHO,
                  k->name, x, y, z, msg);
          goto out;
        }
      }
  ok = true;
out:
  free(buffers);
  return ok;
}

bool mlyMslSimRun(MlyMslSim *s, const MlyTensor *args, int n_args,
                  MlyTensor **outputs, intptr_t *n_outputs, char *err,
                  size_t err_size) {
  bool ok = false;
  void **ptrs = calloc((size_t)s->n_slots + 1, sizeof *ptrs);
  bool *owned = calloc((size_t)s->n_slots + 1, sizeof *owned);
  MlyTensor *outs = calloc((size_t)s->n_outputs + 1, sizeof *outs);
  void *arena = NULL;
  *outputs = NULL;
  *n_outputs = 0;
  pthread_mutex_lock(&run_lock);
  if (!ptrs || !owned || !outs) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  if (n_args != s->n_host_args) {
    set_err(err, err_size,
            "%s: %d arguments given, the host function "
            "takes %d",
            WHO, n_args, s->n_host_args);
    goto out;
  }
  if (s->arena_bytes && !(arena = alloc_buffer(s->arena_bytes))) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  for (int i = 0; i < s->n_host_args; ++i) {
    const slot *sl = &s->slots[i];
    if (sl->output >= 0) {
      MlyTensor *t = &outs[sl->output];
      if (mlyTensorAlloc(t, sl->type.dtype, sl->type.rank, sl->type.dims)) {
        set_err(err, err_size, "out of memory");
        goto out;
      }
      memset(t->data, 0xff, t->nbytes);
      ptrs[i] = t->data;
      continue;
    }
    const MlyTensor *a = &args[i];
    if (a->dtype != sl->type.dtype || a->nbytes != sl->type.bytes) {
      set_err(err, err_size,
              "%s: argument %d has %zu bytes of %s, the "
              "host function expects %zu of %s",
              WHO, i, a->nbytes, mlyDTypeName(a->dtype), sl->type.bytes,
              mlyDTypeName(sl->type.dtype));
      goto out;
    }
    /* Kernels may take buffers as 16-byte aligned (mly_target.h); a
     * tensor of the caller's (a safetensors view, say) need not be. */
    if ((uintptr_t)a->data % MLY_BUFFER_ALIGN) {
      if (!(ptrs[i] = alloc_buffer(a->nbytes))) {
        set_err(err, err_size, "out of memory");
        goto out;
      }
      memcpy(ptrs[i], a->data, a->nbytes);
      owned[i] = true;
    } else {
      ptrs[i] = a->data;
    }
  }
  for (int i = 0; i < s->n_steps; ++i) {
    const step *st = &s->steps[i];
    slot *sl = st->kind == MLY_GPU_STEP_LAUNCH ? NULL : &s->slots[st->slot];
    switch (st->kind) {
    case MLY_GPU_STEP_ALLOC:
      if (sl->offset >= 0) {
        ptrs[st->slot] = (char *)arena + sl->offset;
        break;
      }
      if (!(ptrs[st->slot] = alloc_buffer(sl->type.bytes))) {
        set_err(err, err_size, "out of memory");
        goto out;
      }
      owned[st->slot] = true;
      if (sl->init)
        memcpy(ptrs[st->slot], sl->init, sl->type.bytes);
      break;
    case MLY_GPU_STEP_DEALLOC:
      if (owned[st->slot])
        free(ptrs[st->slot]);
      owned[st->slot] = false;
      ptrs[st->slot] = NULL;
      break;
    case MLY_GPU_STEP_LAUNCH:
      if (!launch(s, st, ptrs, err, err_size))
        goto out;
      break;
    }
  }
  *outputs = outs;
  *n_outputs = s->n_outputs;
  outs = NULL;
  ok = true;
out:
  pthread_mutex_unlock(&run_lock);
  for (int i = 0; i < s->n_slots && owned; ++i)
    if (owned[i])
      free(ptrs[i]);
  for (int i = 0; outs && i < s->n_outputs; ++i)
    mlyTensorFree(&outs[i]);
  free(outs);
  free(arena);
  free(ptrs);
  free(owned);
  return ok;
}
