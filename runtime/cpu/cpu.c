/* The CPU backend (see mly_cpu.h).
 *
 * Calling convention: bufferization turns every tensor of a public function
 * into a memref with the identity layout, buffer-results-to-out-params
 * turns its results into trailing out-params, and llvm.emit_c_interface
 * gives it a `_mlir_ciface_<name>` wrapper that takes one pointer to a
 * strided memref descriptor {allocated, aligned, offset, sizes[R],
 * strides[R]} per argument, inputs first. We call that wrapper through
 * the ExecutionEngine's packed interface: element i of the packed array
 * points to the pointer to descriptor i. Results are allocated here, so no
 * memory crosses the JIT boundary. */
#define _POSIX_C_SOURCE 200809L

#include "runtime/cpu/mly_cpu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/Transform/Interpreter.h"
#include "mlir-c/ExecutionEngine.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "transforms/memory_plan.h"
#include "llvm-c/Core.h"
#include "llvm-c/Error.h"
#include "llvm-c/LLJIT.h"
#include "llvm-c/Orc.h"
#include "llvm-c/Target.h"
#include "llvm-c/TargetMachine.h"
#include "llvm/Config/llvm-config.h"

/* Bump when the calling convention changes: old cache entries then miss
 * (as they do when the pipeline or the LLVM version changes). */
#define CACHE_FORMAT "mly-cpu-cache 5 llvm " LLVM_VERSION_STRING

/* Matmuls are tiled to register blocks and vectorized by a transform
 * script, applied to the ops that mark_matmuls tagged (static f32 shapes
 * that the tiles divide; the rest lower to plain loops):
 *  - mly.cpu_dot: C = A B^T, both operands contiguous along K. Tiles of
 *    4x4 outputs, K in steps of 8 into a 4x4x8 vector accumulator (16
 *    FMAs per 8 vector loads), one horizontal sum per output at the end.
 *  - mly.cpu_outer: C = A B (matmul, batch_matmul), B contiguous along N.
 *    Tiles of 8x32 outputs held in registers, K one step at a time
 *    (outer products). */
static const char script_head[] =
    "module attributes {transform.with_named_sequence} {\n"
    "transform.named_sequence @__transform_main(%root: !transform.any_op "
    "{transform.readonly}) {\n";

/* With threads > 1, each op that mark_ops tagged mly.cpu_par<d> is first
 * split along its loop d into `threads` slices, an scf.forall of as many
 * iterations (d < MAX_PAR_DIM); the tags of the ops carry over to the
 * slices, which the matmul tiling below then takes. */
#define MAX_PAR_DIM 6
static const char script_par[] =
    "%%p%d = transform.structured.match attributes {mly.cpu_par%d} in %%root"
    " : (!transform.any_op) -> !transform.any_op\n"
    "%%pt%d, %%pf%d = transform.structured.tile_using_forall %%p%d "
    "num_threads [%s] : (!transform.any_op) -> (!transform.any_op, "
    "!transform.any_op)\n";

static const char matmul_script[] =
    "%dot = transform.structured.match attributes {mly.cpu_dot} in %root"
    " : (!transform.any_op) -> !transform.any_op\n"
    "%t, %l:2 = transform.structured.tile_using_for %dot tile_sizes [4, 4, 0]"
    " : (!transform.any_op) -> (!transform.any_op, !transform.any_op, "
    "!transform.any_op)\n"
    "%fill, %part, %comb, %loop = transform.structured.tile_reduction_using_for"
    " %t by tile_sizes = [0, 0, 8] : (!transform.any_op) -> (!transform.any_op,"
    " !transform.any_op, !transform.any_op, !transform.any_op)\n"
    "transform.structured.vectorize %part : !transform.any_op\n"
    "transform.structured.vectorize %comb : !transform.any_op\n"
    "transform.structured.vectorize %fill : !transform.any_op\n"
    "%mm = transform.structured.match ops{[\"linalg.matmul\"]} attributes "
    "{mly.cpu_outer} in %root : (!transform.any_op) -> !transform.any_op\n"
    "%tm, %lm:3 = transform.structured.tile_using_for %mm tile_sizes [8, 32, 1]"
    " : (!transform.any_op) -> (!transform.any_op, !transform.any_op, "
    "!transform.any_op, !transform.any_op)\n"
    "transform.structured.vectorize %tm : !transform.any_op\n"
    "%bmm = transform.structured.match ops{[\"linalg.batch_matmul\"]} "
    "attributes {mly.cpu_outer} in %root : (!transform.any_op) -> "
    "!transform.any_op\n"
    "%tb, %lb:4 = transform.structured.tile_using_for %bmm tile_sizes "
    "[1, 8, 32, 1] : (!transform.any_op) -> (!transform.any_op, "
    "!transform.any_op, !transform.any_op, !transform.any_op, "
    "!transform.any_op)\n"
    "transform.structured.vectorize %tb : !transform.any_op\n"
    "%f = transform.structured.match ops{[\"func.func\"]} in %root"
    " : (!transform.any_op) -> !transform.any_op\n"
    "transform.apply_patterns to %f {\n"
    "transform.apply_patterns.vector.lower_contraction "
    "lowering_strategy = \"outerproduct\"\n"
    "transform.apply_patterns.vector.lower_multi_reduction "
    "lowering_strategy = \"innerreduction\"\n"
    "transform.apply_patterns.vector.transfer_permutation_patterns\n"
    "transform.apply_patterns.vector.lower_broadcast\n"
    "transform.apply_patterns.canonicalization\n"
    "} : !transform.any_op\n"
    "transform.yield\n"
    "}\n"
    "}\n";

static const char pipeline_head[] =
    "builtin.module("
    /* The vector accumulators of the transformed matmuls leave memory. */
    "loop-invariant-subset-hoisting,canonicalize,"
    "one-shot-bufferize{bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map},"
    /* Not hoist-static-allocs: with MLIR 22 it crashes on a function that
     * returns an argument or one buffer twice. */
    "buffer-results-to-out-params{modify-public-functions=true})";

/* After plan_arenas. */
static const char pipeline_mid[] =
    "builtin.module("
    "buffer-deallocation-pipeline,"
    "convert-linalg-to-loops,convert-vector-to-scf{full-unroll=true},lower-"
    "affine,";

/* threads > 1: the foralls of the split ops become scf.parallel loops of
 * `threads` iterations, which upstream's async-parallel-for turns into
 * one task each (min-task-size=1: one iteration is a slice of an op), the
 * first run by the calling thread, the others by the async runtime's
 * worker threads; the caller waits for all. */
static const char pipeline_par[] =
    "scf-forall-to-parallel,"
    "async-parallel-for{async-dispatch=false num-workers=%d min-task-size=1},"
    "async-to-async-runtime,async-runtime-ref-counting,"
    "async-runtime-ref-counting-opt,convert-async-to-llvm,";

static const char pipeline_tail[] =
    "convert-scf-to-cf,convert-vector-to-llvm,"
    "math-extend-to-supported-types,convert-math-to-funcs,convert-math-to-llvm,"
    "convert-math-to-libm,"
    "expand-strided-metadata,lower-affine,finalize-memref-to-llvm,"
    "arith-expand{include-bf16=true},convert-arith-to-llvm,"
    "convert-index-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,"
    "convert-ub-to-llvm,"
    "reconcile-unrealized-casts)";

typedef struct shape {
  MlyDType dtype;
  int64_t rank;
  int64_t dims[MLY_TENSOR_MAX_RANK];
} shape;

/* A public function: its arguments then its results. `bad` says why it
 * cannot be called (an unsupported type), or is NULL. */
typedef struct cpu_func {
  char *name;
  intptr_t n_args, n_results;
  shape *shapes;
  char *bad;
  void (*fn)(void **); /* the packed wrapper of _mlir_ciface_<name> */
} cpu_func;

/* What plan_arenas did to one function. */
typedef struct arena_info {
  char *func;
  int64_t bytes, naive, buffers;
} arena_info;

typedef struct arena_list {
  arena_info *a;
  size_t n;
} arena_list;

static void free_arenas(arena_list *l) {
  for (size_t i = 0; i < l->n; ++i)
    free(l->a[i].func);
  free(l->a);
  l->a = NULL;
  l->n = 0;
}

struct MlyCpuModule {
  MlirExecutionEngine jit; /* compiled here */
  LLVMOrcLLJITRef orc;     /* or loaded from the cache */
  cpu_func *funcs;
  size_t n_funcs;
  arena_list arenas;
  bool cache_hit;
  char *cache_path;
};

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

/* A growable string that MLIR printers append to. */
typedef struct strbuf {
  char *p;
  size_t n, cap;
  bool oom;
} strbuf;

static void sb_append(MlirStringRef s, void *user) {
  strbuf *b = user;
  if (b->oom)
    return;
  if (b->n + s.length + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + s.length + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s.data, s.length);
  b->n += s.length;
  b->p[b->n] = 0;
}

/* Writes l as lines "// arena FUNC BYTES NAIVE BUFFERS", which cache
 * entries begin with (MLIR's parser skips them as comments). */
static void arenas_print(const arena_list *l, strbuf *b) {
  for (size_t i = 0; i < l->n; ++i) {
    char line[128];
    snprintf(line, sizeof line, " %" PRId64 " %" PRId64 " %" PRId64 "\n",
             l->a[i].bytes, l->a[i].naive, l->a[i].buffers);
    sb_append(mlirStringRefCreateFromCString("// arena "), b);
    sb_append(mlirStringRefCreateFromCString(l->a[i].func), b);
    sb_append(mlirStringRefCreateFromCString(line), b);
  }
}

/* Reads the lines arenas_print wrote at the start of `text` into *l.
 * False on a malformed line or out of memory. */
static bool arenas_parse(const char *text, arena_list *l) {
  while (!strncmp(text, "// arena ", 9)) {
    char name[256];
    int64_t v[3];
    int used = 0;
    if (sscanf(text + 9, "%255s %" SCNd64 " %" SCNd64 " %" SCNd64 "%n", name,
               &v[0], &v[1], &v[2], &used) != 4)
      return false;
    arena_info *a = realloc(l->a, (l->n + 1) * sizeof *a);
    if (!a)
      return false;
    l->a = a;
    if (!(a[l->n].func = strdup(name)))
      return false;
    a[l->n].bytes = v[0];
    a[l->n].naive = v[1];
    a[l->n++].buffers = v[2];
    const char *nl = strchr(text + 9 + used, '\n');
    if (!nl)
      return false;
    text = nl + 1;
  }
  return true;
}

static bool dtype_of(MlirType t, MlyDType *out) {
  if (mlirTypeIsAF32(t))
    *out = MLY_DTYPE_F32;
  else if (mlirTypeIsAF16(t))
    *out = MLY_DTYPE_F16;
  else if (mlirTypeIsABF16(t))
    *out = MLY_DTYPE_BF16;
  else if (!mlirTypeIsAInteger(t))
    return false;
  else if (mlirIntegerTypeIsUnsigned(t) && mlirIntegerTypeGetWidth(t) == 8)
    *out = MLY_DTYPE_U8;
  else if (mlirIntegerTypeIsUnsigned(t))
    return false;
  else if (mlirIntegerTypeGetWidth(t) == 64)
    *out = MLY_DTYPE_I64;
  else if (mlirIntegerTypeGetWidth(t) == 32)
    *out = MLY_DTYPE_I32;
  else if (mlirIntegerTypeGetWidth(t) == 8)
    *out = MLY_DTYPE_I8;
  else if (mlirIntegerTypeGetWidth(t) == 1 && mlirIntegerTypeIsSignless(t))
    *out = MLY_DTYPE_BOOL;
  else
    return false;
  return true;
}

static void print_type_to(MlirType t, char *buf, size_t n) {
  strbuf b = {0};
  mlirTypePrint(t, sb_append, &b);
  snprintf(buf, n, "%s", b.p ? b.p : "?");
  free(b.p);
}

/* Fills *s from tensor type t; on an unsupported type, writes why to
 * `why` and returns false. */
static bool shape_of(MlirType t, shape *s, char *why, size_t n) {
  char ty[128];
  if (!mlirTypeIsARankedTensor(t)) {
    print_type_to(t, ty, sizeof ty);
    snprintf(why, n, "type %s is not a ranked tensor", ty);
    return false;
  }
  if (!dtype_of(mlirShapedTypeGetElementType(t), &s->dtype)) {
    print_type_to(t, ty, sizeof ty);
    snprintf(why, n,
             "type %s has an unsupported element type (the cpu backend takes "
             "f32, f16, bf16, i64, i32, i8, ui8, i1)",
             ty);
    return false;
  }
  s->rank = mlirShapedTypeGetRank(t);
  if (s->rank > MLY_TENSOR_MAX_RANK) {
    print_type_to(t, ty, sizeof ty);
    snprintf(why, n, "type %s has more than %d dims", ty, MLY_TENSOR_MAX_RANK);
    return false;
  }
  for (int64_t i = 0; i < s->rank; ++i) {
    s->dims[i] = mlirShapedTypeGetDimSize(t, i);
    if (mlirShapedTypeIsDynamicSize(s->dims[i])) {
      print_type_to(t, ty, sizeof ty);
      snprintf(why, n, "type %s has a dynamic dim %" PRId64, ty, i);
      return false;
    }
  }
  return true;
}

static bool is_public_func(MlirOperation op) {
  if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                          mlirStringRefCreateFromCString("func.func")))
    return false;
  MlirAttribute vis = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("sym_visibility"));
  if (!mlirAttributeIsNull(vis))
    return false;
  return !mlirBlockIsNull(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0)));
}

static void free_funcs(cpu_func *f, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    free(f[i].name);
    free(f[i].shapes);
    free(f[i].bad);
  }
  free(f);
}

/* Records the signature of every public function of `module`. */
static bool collect_funcs(MlirModule module, MlyCpuModule *m, char *err,
                          size_t err_size) {
  MlirBlock body = mlirModuleGetBody(module);
  size_t n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    n += is_public_func(op);
  if (!n) {
    set_err(err, err_size, "the module has no public func.func to run");
    return false;
  }
  if (!(m->funcs = calloc(n, sizeof *m->funcs)))
    goto oom;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!is_public_func(op))
      continue;
    cpu_func *f = &m->funcs[m->n_funcs++];
    MlirStringRef name = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name")));
    MlirType ft = mlirTypeAttrGetValue(mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("function_type")));
    f->n_args = mlirFunctionTypeGetNumInputs(ft);
    f->n_results = mlirFunctionTypeGetNumResults(ft);
    size_t k = (size_t)(f->n_args + f->n_results);
    if (!(f->name = strndup(name.data, name.length)) ||
        !(f->shapes = calloc(k ? k : 1, sizeof *f->shapes)))
      goto oom;
    for (intptr_t i = 0; i < f->n_args + f->n_results && !f->bad; ++i) {
      bool is_arg = i < f->n_args;
      MlirType t = is_arg ? mlirFunctionTypeGetInput(ft, i)
                          : mlirFunctionTypeGetResult(ft, i - f->n_args);
      char why[300], msg[400];
      if (shape_of(t, &f->shapes[i], why, sizeof why))
        continue;
      snprintf(msg, sizeof msg, "function '%s' %s %" PRIdPTR ": %s", f->name,
               is_arg ? "argument" : "result", is_arg ? i : i - f->n_args, why);
      if (!(f->bad = strdup(msg)))
        goto oom;
    }
  }
  return true;
oom:
  set_err(err, err_size, "out of memory");
  return false;
}

/* Marks public functions for the C interface, and their arguments as
 * read-only so that bufferization copies before writing into a caller's
 * tensor (inputs may be read-only mappings of a weights file). Other
 * argument and result attributes (mly.param) mean nothing to LLVM, which
 * would warn about each. */
static void mark_funcs(MlirModule module) {
  MlirContext ctx = mlirModuleGetContext(module);
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString("func.func")))
      continue;
    mlirOperationRemoveAttributeByName(
        op, mlirStringRefCreateFromCString("arg_attrs"));
    mlirOperationRemoveAttributeByName(
        op, mlirStringRefCreateFromCString("res_attrs"));
    if (!is_public_func(op))
      continue;
    mlirOperationSetDiscardableAttributeByName(
        op, mlirStringRefCreateFromCString("llvm.emit_c_interface"),
        mlirUnitAttrGet(ctx));
    MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
    for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i)
      if (mlirTypeIsARankedTensor(
              mlirValueGetType(mlirBlockGetArgument(entry, i))))
        mlirFuncSetArgAttr(
            op, i, mlirStringRefCreateFromCString("bufferization.writable"),
            mlirBoolAttrGet(ctx, 0));
  }
}

/* FNV-1a, 64 bits. */
static uint64_t fnv1a(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; ++i)
    h = (h ^ s[i]) * 0x100000001b3ull;
  return h;
}

/* mkdir -p; true if `dir` exists as a directory afterwards. */
static bool make_dirs(const char *dir) {
  char *p = strdup(dir);
  bool ok = false;
  if (!p)
    return false;
  for (char *s = p + 1; *s; ++s) {
    if (*s != '/')
      continue;
    *s = 0;
    if (mkdir(p, 0777) && errno != EEXIST)
      goto out;
    *s = '/';
  }
  if (mkdir(p, 0777) && errno != EEXIST)
    goto out;
  struct stat st;
  ok = !stat(p, &st) && S_ISDIR(st.st_mode);
out:
  free(p);
  return ok;
}

/* Reads the file at `path` whole; returns its bytes (NUL-terminated,
 * *len of them) or NULL. Caller frees. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  long size;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
    goto out;
  if (!(data = malloc((size_t)size + 1)))
    goto out;
  if (fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    data = NULL;
    goto out;
  }
  data[size] = 0;
  *len = (size_t)size;
out:
  fclose(f);
  return data;
}

/* A cache entry is the header line, the arena lines (arenas_print), a
 * line "// object <n>" and the n bytes of the object file that LLVM
 * compiled the lowered module to. */
typedef struct cache_entry {
  char *data;       /* the whole file */
  const char *meta; /* the arena lines */
  const char *obj;
  size_t obj_len;
} cache_entry;

/* Reads the cache file at `path` into *e; false if it is missing or its
 * header line differs from `header` or it is malformed. */
static bool cache_read(const char *path, const char *header, cache_entry *e) {
  size_t len = 0, hlen = strlen(header);
  unsigned long long n;
  int used = 0;
  if (!(e->data = read_file(path, &len)))
    return false;
  if (len < hlen + 1 || memcmp(e->data, header, hlen) || e->data[hlen] != '\n')
    goto bad;
  e->meta = e->data + hlen + 1;
  const char *o = strstr(e->meta, "// object ");
  if (!o || sscanf(o, "// object %llu%n", &n, &used) != 1 || o[used] != '\n')
    goto bad;
  e->obj = o + used + 1;
  e->obj_len = (size_t)n;
  if ((size_t)(e->obj - e->data) + e->obj_len != len)
    goto bad;
  return true;
bad:
  free(e->data);
  e->data = NULL;
  return false;
}

/* Writes header, meta and the object at obj_path as a cache entry to
 * `path`, through a temporary file and a rename, so that readers never see
 * half a file. Failures are silent: the cache is an optimization. */
static void cache_write(const char *path, const char *header,
                        const strbuf *meta, const char *obj_path) {
  size_t n = strlen(path) + 32, len = 0;
  char *tmp = malloc(n), *obj = read_file(obj_path, &len);
  FILE *f;
  if (!tmp || !obj)
    goto out;
  snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
  if (!(f = fopen(tmp, "wb")))
    goto out;
  bool ok = fprintf(f, "%s\n%s// object %zu\n", header, meta->p ? meta->p : "",
                    len) > 0 &&
            fwrite(obj, 1, len, f) == len;
  ok = !fclose(f) && ok;
  if (!ok || rename(tmp, path))
    remove(tmp);
out:
  free(obj);
  free(tmp);
}

/* Whether result i of indexing map `k` of `op` is dim pos[i], for all of
 * its n results. A missing indexing_maps attribute is the default `dflt`. */
static bool map_is(MlirOperation op, intptr_t k, const int *pos, intptr_t n,
                   const int *dflt) {
  MlirAttribute maps = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("indexing_maps"));
  if (mlirAttributeIsNull(maps))
    return !memcmp(pos, dflt, (size_t)n * sizeof *pos);
  if (!mlirAttributeIsAArray(maps) || mlirArrayAttrGetNumElements(maps) <= k)
    return false;
  MlirAffineMap m = mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, k));
  if (mlirAffineMapGetNumResults(m) != n)
    return false;
  for (intptr_t i = 0; i < n; ++i) {
    MlirAffineExpr e = mlirAffineMapGetResult(m, i);
    if (!mlirAffineExprIsADim(e) || mlirAffineDimExprGetPosition(e) != pos[i])
      return false;
  }
  return true;
}

/* Dim i of operand k of `op` if it is a static f32 tensor, else 0. */
static int64_t f32_dim(MlirOperation op, intptr_t k, intptr_t i) {
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, k));
  if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t) ||
      !mlirTypeIsAF32(mlirShapedTypeGetElementType(t)) ||
      i >= mlirShapedTypeGetRank(t))
    return 0;
  return mlirShapedTypeGetDimSize(t, i);
}

static bool name_is(MlirOperation op, const char *name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString(name));
}

/* The iteration space of a linalg op on static tensors: sizes[d] of its
 * n loops and whether each is parallel. Known for linalg.generic, matmul,
 * batch_matmul (their maps or the default ones), fill, transpose and
 * broadcast (all loops parallel, the init's dims); false otherwise. */
#define MAX_LOOPS 8
static bool loop_space(MlirOperation op, int64_t *sizes, bool *par,
                       intptr_t *n) {
  static const int mm[3][3] = {{0, 2, -1}, {2, 1, -1}, {0, 1, -1}};
  static const int bmm[3][3] = {{0, 1, 3}, {0, 3, 2}, {0, 1, 2}};
  intptr_t nops = mlirOperationGetNumOperands(op);
  intptr_t nres = mlirOperationGetNumResults(op);
  if (nres < 1 || nops < nres)
    return false;
  for (intptr_t k = 0; k < nops; ++k) {
    MlirType t = mlirValueGetType(mlirOperationGetOperand(op, k));
    if (mlirTypeIsAShaped(t) && !mlirShapedTypeHasStaticShape(t))
      return false;
  }
  MlirType init = mlirValueGetType(mlirOperationGetOperand(op, nops - nres));
  if (!mlirTypeIsARankedTensor(init))
    return false;
  if (name_is(op, "linalg.fill") || name_is(op, "linalg.transpose") ||
      name_is(op, "linalg.broadcast")) {
    *n = mlirShapedTypeGetRank(init);
    if (*n > MAX_LOOPS)
      return false;
    for (intptr_t d = 0; d < *n; ++d) {
      sizes[d] = mlirShapedTypeGetDimSize(init, d);
      par[d] = true;
    }
    return true;
  }
  bool is_mm = name_is(op, "linalg.matmul"),
       is_bmm = name_is(op, "linalg.batch_matmul");
  MlirAttribute maps = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("indexing_maps"));
  if (!is_mm && !is_bmm && !name_is(op, "linalg.generic"))
    return false;
  if (is_mm || is_bmm) {
    *n = is_mm ? 3 : 4;
    for (intptr_t d = 0; d < *n; ++d)
      par[d] = d < *n - 1;
  } else {
    MlirAttribute its = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("iterator_types"));
    if (mlirAttributeIsNull(its) || !mlirAttributeIsAArray(its))
      return false;
    *n = mlirArrayAttrGetNumElements(its);
    if (*n > MAX_LOOPS)
      return false;
    for (intptr_t d = 0; d < *n; ++d) {
      char text[64];
      strbuf b = {0};
      mlirAttributePrint(mlirArrayAttrGetElement(its, d), sb_append, &b);
      snprintf(text, sizeof text, "%s", b.p ? b.p : "");
      free(b.p);
      par[d] = strstr(text, "parallel") != NULL;
    }
  }
  for (intptr_t d = 0; d < *n; ++d)
    sizes[d] = -1;
  if (!mlirAttributeIsNull(maps) && (!mlirAttributeIsAArray(maps) ||
                                     mlirArrayAttrGetNumElements(maps) != nops))
    return false;
  for (intptr_t k = 0; k < nops; ++k) {
    MlirType t = mlirValueGetType(mlirOperationGetOperand(op, k));
    if (!mlirTypeIsARankedTensor(t))
      continue;
    intptr_t rank = mlirShapedTypeGetRank(t);
    if (mlirAttributeIsNull(maps)) {
      if (k > 2 || (!is_mm && !is_bmm))
        return false;
      for (intptr_t i = 0; i < rank && i < 3; ++i) {
        int d = is_mm ? mm[k][i] : bmm[k][i];
        if (d >= 0)
          sizes[d] = mlirShapedTypeGetDimSize(t, i);
      }
      continue;
    }
    MlirAffineMap m =
        mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, k));
    if (mlirAffineMapGetNumDims(m) != *n ||
        mlirAffineMapGetNumResults(m) != rank)
      return false;
    for (intptr_t i = 0; i < rank; ++i) {
      MlirAffineExpr e = mlirAffineMapGetResult(m, i);
      if (mlirAffineExprIsADim(e))
        sizes[mlirAffineDimExprGetPosition(e)] = mlirShapedTypeGetDimSize(t, i);
    }
  }
  for (intptr_t d = 0; d < *n; ++d)
    if (sizes[d] < 0)
      return false;
  return true;
}

/* Ops of less work (iterations of their loops) than this run on the
 * calling thread alone. Waking a worker of the async runtime costs tens of
 * microseconds on a small VM: splitting every op of 32K iterations or
 * more made gpt_bench slower with 2 threads than with 1 (210 ms against
 * 176), splitting only these (the matmuls there) faster (141 ms). */
#define PAR_MIN_WORK (1 << 20)

/* The loop of `op` to split across `threads`, or -1: its outermost
 * parallel loop with at least `threads` iterations, for a tiled matmul
 * (tag) one whose slices the register tiles divide. */
static int par_loop(MlirOperation op, const char *tag, int threads) {
  int64_t sizes[MAX_LOOPS], work = 1;
  bool par[MAX_LOOPS];
  intptr_t n;
  if (threads < 2 || !loop_space(op, sizes, par, &n))
    return -1;
  for (intptr_t d = 0; d < n; ++d)
    work *= sizes[d];
  if (work < PAR_MIN_WORK)
    return -1;
  /* The register tile along each parallel loop of a tagged matmul. */
  int64_t tile[MAX_LOOPS] = {1, 1, 1, 1, 1, 1, 1, 1};
  if (tag && !strcmp(tag, "mly.cpu_dot"))
    tile[0] = tile[1] = 4;
  else if (tag && n == 3)
    tile[0] = 8, tile[1] = 32;
  else if (tag)
    tile[1] = 8, tile[2] = 32;
  /* A matmul is split along N first: each thread then streams its own
   * half of B (the weights, the larger operand in these models; their
   * halves fit in a core's L2 where the whole of fc2's does not) and
   * all of A. */
  bool mm = name_is(op, "linalg.matmul") && n == 3;
  for (intptr_t k = 0; k < n && k < MAX_PAR_DIM; ++k) {
    intptr_t d = mm && k < 2 ? 1 - k : k;
    if (par[d] && sizes[d] >= threads &&
        (!tag || sizes[d] % (tile[d] * threads) == 0))
      return (int)d;
  }
  return -1;
}

/* Tags the matmuls that matmul_script tiles (see there) and, with more
 * than one thread, the ops to split across threads (script_par). */
static MlirWalkResult mark_ops(MlirOperation op, void *user) {
  static const int a2[] = {0, 2}, b2[] = {2, 1}, bt2[] = {1, 2}, c2[] = {0, 1};
  static const int a3[] = {0, 1, 3}, b3[] = {0, 3, 2}, c3[] = {0, 1, 2};
  int threads = *(const int *)user;
  const char *tag = NULL;
  MlirContext ctx = mlirOperationGetContext(op);
  if (mlirOperationGetNumOperands(op) == 3 && name_is(op, "linalg.matmul")) {
    int64_t m = f32_dim(op, 2, 0), n = f32_dim(op, 2, 1), k = f32_dim(op, 0, 1);
    if (f32_dim(op, 1, 0) && map_is(op, 0, a2, 2, a2) &&
        map_is(op, 2, c2, 2, c2)) {
      if (map_is(op, 1, bt2, 2, b2) && m && n && k && m % 4 == 0 &&
          n % 4 == 0 && k % 8 == 0)
        tag = "mly.cpu_dot";
      else if (map_is(op, 1, b2, 2, b2) && m && n && m % 8 == 0 && n % 32 == 0)
        tag = "mly.cpu_outer";
    }
  } else if (mlirOperationGetNumOperands(op) == 3 &&
             name_is(op, "linalg.batch_matmul")) {
    int64_t m = f32_dim(op, 2, 1), n = f32_dim(op, 2, 2);
    if (f32_dim(op, 0, 0) && f32_dim(op, 1, 0) && map_is(op, 0, a3, 3, a3) &&
        map_is(op, 1, b3, 3, b3) && map_is(op, 2, c3, 3, c3) && m && n &&
        m % 8 == 0 && n % 32 == 0)
      tag = "mly.cpu_outer";
  }
  if (tag)
    mlirOperationSetDiscardableAttributeByName(
        op, mlirStringRefCreateFromCString(tag), mlirUnitAttrGet(ctx));
  int d = par_loop(op, tag, threads);
  if (d >= 0) {
    char name[32];
    snprintf(name, sizeof name, "mly.cpu_par%d", d);
    mlirOperationSetDiscardableAttributeByName(
        op, mlirStringRefCreateFromCString(name), mlirUnitAttrGet(ctx));
  }
  return MlirWalkResultAdvance;
}

/* Writes the transform script for `threads` into *b. */
static void build_script(int threads, strbuf *b) {
  sb_append(mlirStringRefCreateFromCString(script_head), b);
  for (int d = 0; threads > 1 && d < MAX_PAR_DIM; ++d) {
    char nt[64] = "", line[1024];
    for (int i = 0; i <= d; ++i)
      snprintf(nt + strlen(nt), sizeof nt - strlen(nt), "%s%d", i ? ", " : "",
               i == d ? threads : 0);
    snprintf(line, sizeof line, script_par, d, d, d, d, d, nt);
    sb_append(mlirStringRefCreateFromCString(line), b);
  }
  sb_append(mlirStringRefCreateFromCString(matmul_script), b);
}

/* Writes the lowering pipeline after the arenas for `threads` into *b. */
static void build_pipeline(int threads, strbuf *b) {
  char par[512];
  sb_append(mlirStringRefCreateFromCString(pipeline_mid), b);
  if (threads > 1) {
    snprintf(par, sizeof par, pipeline_par, threads);
    sb_append(mlirStringRefCreateFromCString(par), b);
  }
  sb_append(mlirStringRefCreateFromCString(pipeline_tail), b);
}

/* Tiles and vectorizes the matmuls of `module` in place, and splits its
 * large ops across threads (build_script). */
static bool tile_ops(MlirModule module, int threads, char *err,
                     size_t err_size) {
  MlirContext ctx = mlirModuleGetContext(module);
  strbuf text = {0};
  bool ok = false;
  mlirOperationWalk(mlirModuleGetOperation(module), mark_ops, &threads,
                    MlirWalkPreOrder);
  build_script(threads, &text);
  if (text.oom) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  MlirModule script =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text.p));
  if (mlirModuleIsNull(script)) {
    set_err(err, err_size, "the cpu transform script does not parse");
    goto out;
  }
  MlirOperation entry = mlirBlockGetFirstOperation(mlirModuleGetBody(script));
  MlirTransformOptions topts = mlirTransformOptionsCreate();
  ok = mlirLogicalResultIsSuccess(
      mlirTransformApplyNamedSequence(mlirModuleGetOperation(module), entry,
                                      mlirModuleGetOperation(script), topts));
  if (!ok)
    set_err(err, err_size, "tiling the matmuls failed");
  mlirTransformOptionsDestroy(topts);
  mlirModuleDestroy(script);
out:
  free(text.p);
  return ok;
}

static void register_once(void) {
  static bool done;
  if (!done) {
    mlirRegisterAllPasses();
    done = true;
  }
}

static void collect_msg(MlirStringRef s, void *user) {
  strbuf *b = user;
  sb_append(s, b);
}

/* The first op left outside the LLVM dialect, preferring a real op to the
 * casts that conversions leave around it. */
typedef struct leftover {
  MlirOperation op, cast;
} leftover;

static MlirWalkResult find_leftover(MlirOperation op, void *user) {
  leftover *l = user;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if ((name.length > 5 && !memcmp(name.data, "llvm.", 5)) ||
      mlirStringRefEqual(name,
                         mlirStringRefCreateFromCString("builtin.module")))
    return MlirWalkResultAdvance;
  if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(
                                   "builtin.unrealized_conversion_cast"))) {
    if (mlirOperationIsNull(l->cast))
      l->cast = op;
    return MlirWalkResultAdvance;
  }
  l->op = op;
  return MlirWalkResultInterrupt;
}

/* The private functions of a module, printed without their names. */
typedef struct func_set {
  MlirOperation *ops;
  char **names, **texts;
  size_t *canon; /* the first function with the same text */
  size_t n;
} func_set;

static MlirWalkResult retarget_call(MlirOperation op, void *user) {
  func_set *fs = user;
  if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                          mlirStringRefCreateFromCString("func.call")))
    return MlirWalkResultAdvance;
  MlirStringRef callee =
      mlirFlatSymbolRefAttrGetValue(mlirOperationGetAttributeByName(
          op, mlirStringRefCreateFromCString("callee")));
  for (size_t i = 0; i < fs->n; ++i)
    if (fs->canon[i] != i &&
        mlirStringRefEqual(callee,
                           mlirStringRefCreateFromCString(fs->names[i]))) {
      mlirOperationSetAttributeByName(
          op, mlirStringRefCreateFromCString("callee"),
          mlirFlatSymbolRefAttrGet(
              mlirOperationGetContext(op),
              mlirStringRefCreateFromCString(fs->names[fs->canon[i]])));
      break;
    }
  return MlirWalkResultAdvance;
}

/* Replaces private functions that print the same but for their names
 * (the fuser outlines each layer's kernels separately: a 12-layer model
 * has 12 copies of each) by one, so that each is lowered and compiled by
 * LLVM once. Out of memory leaves the module as it is. */
static void dedup_funcs(MlirModule module) {
  MlirBlock body = mlirModuleGetBody(module);
  func_set fs = {0};
  size_t cap = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    ++cap;
  fs.ops = calloc(cap + 1, sizeof *fs.ops);
  fs.names = calloc(cap + 1, sizeof *fs.names);
  fs.texts = calloc(cap + 1, sizeof *fs.texts);
  fs.canon = calloc(cap + 1, sizeof *fs.canon);
  if (!fs.ops || !fs.names || !fs.texts || !fs.canon)
    goto out;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute vis = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_visibility"));
    if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString("func.func")) ||
        mlirAttributeIsNull(vis))
      continue;
    strbuf b = {0};
    mlirOperationPrint(op, sb_append, &b);
    MlirStringRef name = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name")));
    char *sig = b.p ? strchr(b.p, '(') : NULL;
    if (b.oom || !sig || !(fs.names[fs.n] = strndup(name.data, name.length))) {
      free(b.p);
      goto out;
    }
    memmove(b.p, sig, strlen(sig) + 1);
    fs.texts[fs.n] = b.p;
    fs.ops[fs.n] = op;
    fs.canon[fs.n] = fs.n;
    for (size_t j = 0; j < fs.n; ++j)
      if (fs.canon[j] == j && !strcmp(fs.texts[j], b.p)) {
        fs.canon[fs.n] = j;
        break;
      }
    ++fs.n;
  }
  mlirOperationWalk(mlirModuleGetOperation(module), retarget_call, &fs,
                    MlirWalkPreOrder);
  for (size_t i = 0; i < fs.n; ++i)
    if (fs.canon[i] != i) {
      mlirOperationRemoveFromParent(fs.ops[i]);
      mlirOperationDestroy(fs.ops[i]);
    }
out:
  for (size_t i = 0; i < fs.n; ++i) {
    free(fs.names[i]);
    free(fs.texts[i]);
  }
  free(fs.ops);
  free(fs.names);
  free(fs.texts);
  free(fs.canon);
}

/* ---- The arena ------------------------------------------------------------
 *
 * Once bufferized (results turned into out-params), the intermediates of a
 * function are the memref.alloc ops of its entry block. plan_arenas gives
 * each one of static shape and identity layout an offset in one arena by
 * mly-plan-memory's placement (mlyMemoryPlanPlace): a buffer is live from
 * its first to its last use in the block, uses through views (results of
 * ops that take it) and in nested regions counted, and two buffers live at
 * one op never share bytes. The arena is one 64-byte aligned memref.alloc
 * at the top of the function, each buffer a memref.view into it; the
 * deallocation pipeline frees the arena at the end. One allocation per
 * call instead of one per buffer. */

/* The bytes of a memref.alloc result the arena can hold (static shape,
 * identity layout, default memory space, no operands), else -1. */
static int64_t alloc_bytes(MlirOperation op) {
  if (!name_is(op, "memref.alloc") || mlirOperationGetNumOperands(op) ||
      mlirOperationGetNumResults(op) != 1)
    return -1;
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!mlirTypeIsAMemRef(t) || !mlirShapedTypeHasStaticShape(t) ||
      !mlirAttributeIsNull(mlirMemRefTypeGetMemorySpace(t)) ||
      !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t)))
    return -1;
  MlirType e = mlirShapedTypeGetElementType(t);
  int64_t bits;
  if (mlirTypeIsAInteger(e))
    bits = (int64_t)mlirIntegerTypeGetWidth(e);
  else if (mlirTypeIsAFloat(e))
    bits = (int64_t)mlirFloatTypeGetWidth(e);
  else
    return -1;
  int64_t n = 1;
  for (intptr_t i = 0; i < mlirShapedTypeGetRank(t); ++i)
    n *= mlirShapedTypeGetDimSize(t, i);
  return n * ((bits + 7) / 8);
}

/* The index in `ops` of the ancestor of `user` in `body`, or -1. */
static int64_t body_pos(MlirOperation *ops, int64_t n, MlirBlock body,
                        MlirOperation user) {
  while (!mlirOperationIsNull(user) &&
         !mlirBlockEqual(mlirOperationGetBlock(user), body))
    user = mlirOperationGetParentOperation(user);
  if (mlirOperationIsNull(user))
    return -1;
  /* Linear, but per use of a planned buffer in bodies of a few hundred
   * ops: cheap next to the lowering. */
  for (int64_t i = 0; i < n; ++i)
    if (mlirOperationEqual(ops[i], user))
      return i;
  return -1;
}

/* Widens [*first, *last] to the uses of v and, through the memref results
 * of its users, of its views. False if v escapes (a use outside `body`). */
static bool live_range(MlirValue v, MlirOperation *ops, int64_t n,
                       MlirBlock body, int64_t *first, int64_t *last,
                       int depth) {
  if (depth > 64)
    return false;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    int64_t p = body_pos(ops, n, body, user);
    if (p < 0 || name_is(user, "func.return"))
      return false;
    if (p < *first)
      *first = p;
    if (p > *last)
      *last = p;
    for (intptr_t r = 0; r < mlirOperationGetNumResults(user); ++r) {
      MlirValue res = mlirOperationGetResult(user, r);
      if (mlirTypeIsAMemRef(mlirValueGetType(res)) &&
          !live_range(res, ops, n, body, first, last, depth + 1))
        return false;
    }
  }
  return true;
}

static MlirOperation make_op(const char *name, MlirLocation loc,
                             intptr_t n_operands, const MlirValue *operands,
                             MlirType result, intptr_t n_attrs,
                             const MlirNamedAttribute *attrs) {
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString(name), loc);
  mlirOperationStateAddOperands(&st, n_operands, operands);
  mlirOperationStateAddResults(&st, 1, &result);
  mlirOperationStateAddAttributes(&st, n_attrs, attrs);
  return mlirOperationCreate(&st);
}

static MlirNamedAttribute named(MlirContext ctx, const char *name,
                                MlirAttribute a) {
  return mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), a);
}

/* Plans the entry block of func (see above); records public functions'
 * figures in *out. False when out of memory. */
static bool plan_func(MlirOperation func, arena_list *out) {
  MlirContext ctx = mlirOperationGetContext(func);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirOperation *ops = NULL;
  MlyBufferList l = {0};
  int64_t n = 0, naive = 0, arena = 0;
  const char *order;
  bool ok = false;
  if (mlirBlockIsNull(body))
    return true;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    ++n;
  if (!(ops = calloc((size_t)n + 1, sizeof *ops)) ||
      !(l.buf = calloc((size_t)n + 1, sizeof *l.buf)))
    goto out;
  n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    ops[n++] = op;
  l.n_ops = n;
  for (int64_t i = 0; i < n; ++i) {
    int64_t bytes = alloc_bytes(ops[i]), first = n, last = -1;
    if (bytes <= 0 ||
        !live_range(mlirOperationGetResult(ops[i], 0), ops, n, body, &first,
                    &last, 0) ||
        last < 0)
      continue;
    int64_t a = MLY_ARENA_ALIGN, size = (bytes + a - 1) / a * a;
    l.buf[l.n++] = (MlyBuffer){ops[i], 0, bytes, size, first, last, -1};
    naive += size;
  }
  if (l.n && (arena = mlyMemoryPlanPlace(&l, &order)) < 0)
    goto out;
  if (l.n) {
    MlirLocation loc = mlirOperationGetLocation(func);
    MlirType i8 = mlirIntegerTypeGet(ctx, 8), index = mlirIndexTypeGet(ctx);
    int64_t shape[1] = {arena};
    int32_t segs[2] = {0, 0};
    MlirNamedAttribute aa[2] = {
        named(ctx, "alignment",
              mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), MLY_ARENA_ALIGN)),
        named(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 2, segs))};
    MlirOperation alloc = make_op(
        "memref.alloc", loc, 0, NULL,
        mlirMemRefTypeContiguousGet(i8, 1, shape, mlirAttributeGetNull()), 2,
        aa);
    mlirBlockInsertOwnedOperation(body, 0, alloc);
    MlirValue base = mlirOperationGetResult(alloc, 0);
    for (size_t i = 0; i < l.n; ++i) {
      MlirOperation old = l.buf[i].op;
      MlirLocation oloc = mlirOperationGetLocation(old);
      MlirNamedAttribute v =
          named(ctx, "value", mlirIntegerAttrGet(index, l.buf[i].offset));
      MlirOperation off =
          make_op("arith.constant", oloc, 0, NULL, index, 1, &v);
      mlirBlockInsertOwnedOperationBefore(body, old, off);
      MlirValue operands[2] = {base, mlirOperationGetResult(off, 0)};
      MlirValue res = mlirOperationGetResult(old, 0);
      MlirOperation view = make_op("memref.view", oloc, 2, operands,
                                   mlirValueGetType(res), 0, NULL);
      mlirBlockInsertOwnedOperationBefore(body, old, view);
      mlirValueReplaceAllUsesOfWith(res, mlirOperationGetResult(view, 0));
      mlirOperationDestroy(old);
    }
  }
  if (is_public_func(func)) {
    MlirStringRef name = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
        func, mlirStringRefCreateFromCString("sym_name")));
    arena_info *a = realloc(out->a, (out->n + 1) * sizeof *a);
    if (!a)
      goto out;
    out->a = a;
    char *fname = strndup(name.data, name.length);
    if (!fname)
      goto out;
    a[out->n++] = (arena_info){fname, arena, naive, (int64_t)l.n};
  }
  ok = true;
out:
  free(ops);
  free(l.buf);
  return ok;
}

/* Plans the arena of every function of `module` (see above). */
static bool plan_arenas(MlirModule module, arena_list *out) {
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (name_is(op, "func.func") && !plan_func(op, out))
      return false;
  return true;
}

/* Runs the pass pipeline `text` on `module`. */
static bool run_pipeline(MlirModule module, const char *text, char *err,
                         size_t err_size) {
  MlirPassManager pm = mlirPassManagerCreateOnOperation(
      mlirModuleGetContext(module),
      mlirStringRefCreateFromCString("builtin.module"));
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  strbuf msg = {0};
  bool ok = false;
  if (mlirLogicalResultIsFailure(mlirParsePassPipeline(
          opm, mlirStringRefCreateFromCString(text), collect_msg, &msg))) {
    set_err(err, err_size, "the cpu lowering pipeline does not parse: %s",
            msg.p ? msg.p : "");
    goto out;
  }
  if (mlirLogicalResultIsFailure(
          mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module)))) {
    set_err(err, err_size, "lowering to the LLVM dialect failed");
    goto out;
  }
  ok = true;
out:
  free(msg.p);
  mlirPassManagerDestroy(pm);
  return ok;
}

/* Runs the lowering on `module` in place: bufferization, the arenas
 * (into *arenas), then the rest to LLVM. The conversions are partial: an
 * op they do not know stays, and is reported here. */
static bool lower(MlirModule module, int threads, arena_list *arenas, char *err,
                  size_t err_size) {
  strbuf pipeline = {0};
  bool ok = false;
  dedup_funcs(module);
  if (!tile_ops(module, threads, err, err_size) ||
      !run_pipeline(module, pipeline_head, err, err_size))
    goto out;
  if (!plan_arenas(module, arenas)) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  build_pipeline(threads, &pipeline);
  if (pipeline.oom) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  if (!run_pipeline(module, pipeline.p, err, err_size))
    goto out;
  leftover l = {{NULL}, {NULL}};
  mlirOperationWalk(mlirModuleGetOperation(module), find_leftover, &l,
                    MlirWalkPreOrder);
  if (mlirOperationIsNull(l.op))
    l.op = l.cast;
  if (!mlirOperationIsNull(l.op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(l.op));
    char msg[300];
    snprintf(msg, sizeof msg,
             "'%.*s' is not supported by the cpu backend (not lowered to LLVM)",
             (int)name.length, name.data);
    mlirEmitError(mlirOperationGetLocation(l.op), msg);
    set_err(err, err_size, "lowering to the LLVM dialect failed");
    goto out;
  }
  ok = true;
out:
  free(pipeline.p);
  return ok;
}

static void set_llvm_err(char *err, size_t n, const char *what,
                         LLVMErrorRef e) {
  char *msg = LLVMGetErrorMessage(e);
  set_err(err, n, "%s: %s", what, msg);
  LLVMDisposeErrorMessage(msg);
}

/* Sets f->fn of every callable public function from the JIT: the packed
 * wrapper of its C interface, `_mlir__mlir_ciface_<name>`. On the
 * ExecutionEngine this also compiles the module (code is made on first
 * lookup). */
static bool lookup_funcs(MlyCpuModule *m, char *err, size_t err_size) {
  for (size_t i = 0; i < m->n_funcs; ++i) {
    cpu_func *f = &m->funcs[i];
    size_t n = strlen(f->name) + 32;
    char *sym = malloc(n);
    void *p = NULL;
    if (f->bad)
      goto next;
    if (!sym) {
      set_err(err, err_size, "out of memory");
      return false;
    }
    if (m->orc) {
      LLVMOrcExecutorAddress addr = 0;
      snprintf(sym, n, "_mlir__mlir_ciface_%s", f->name);
      LLVMErrorRef e = LLVMOrcLLJITLookup(m->orc, &addr, sym);
      if (e) {
        set_llvm_err(err, err_size, "the cached object does not link", e);
        free(sym);
        return false;
      }
      p = (void *)(uintptr_t)addr;
    } else {
      snprintf(sym, n, "_mlir_ciface_%s", f->name);
      p = mlirExecutionEngineLookupPacked(m->jit,
                                          mlirStringRefCreateFromCString(sym));
    }
    if (!p) {
      set_err(err, err_size, "the JIT has no function '%s'", f->name);
      free(sym);
      return false;
    }
    memcpy(&f->fn, &p, sizeof p);
  next:
    free(sym);
  }
  return true;
}

static void init_native_once(void) {
  static bool done;
  if (!done) {
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    done = true;
  }
}

/* Loads the object file obj[0..len) into a new LLJIT (m->orc), symbols
 * resolved in the process, mlir_c_runner_utils and (threads > 1) the
 * async runtime, then looks up the functions. No code generation. */
static bool load_object(MlyCpuModule *m, const char *obj, size_t len,
                        int threads, char *err, size_t err_size) {
  static const char *const libs[] = {MLY_MLIR_C_RUNNER_UTILS,
                                     MLY_MLIR_ASYNC_RUNTIME};
  LLVMErrorRef e;
  init_native_once();
  if ((e = LLVMOrcCreateLLJIT(&m->orc, LLVMOrcCreateLLJITBuilder()))) {
    m->orc = NULL;
    set_llvm_err(err, err_size, "cannot create the JIT", e);
    return false;
  }
  LLVMOrcJITDylibRef jd = LLVMOrcLLJITGetMainJITDylib(m->orc);
  char prefix = LLVMOrcLLJITGetGlobalPrefix(m->orc);
  LLVMOrcDefinitionGeneratorRef g;
  if ((e = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&g, prefix,
                                                                NULL, NULL))) {
    set_llvm_err(err, err_size, "cannot search the process", e);
    return false;
  }
  LLVMOrcJITDylibAddGenerator(jd, g);
  for (int i = 0; i < (threads > 1 ? 2 : 1); ++i) {
    if ((e = LLVMOrcCreateDynamicLibrarySearchGeneratorForPath(
             &g, libs[i], prefix, NULL, NULL))) {
      set_llvm_err(err, err_size, "cannot load a runtime library", e);
      return false;
    }
    LLVMOrcJITDylibAddGenerator(jd, g);
  }
  LLVMMemoryBufferRef buf =
      LLVMCreateMemoryBufferWithMemoryRangeCopy(obj, len, "mly-cpu-cache");
  if ((e = LLVMOrcLLJITAddObjectFile(m->orc, jd, buf))) {
    set_llvm_err(err, err_size, "cannot add the cached object", e);
    return false;
  }
  return lookup_funcs(m, err, err_size);
}

/* Drops what a failed load_object left, for a compile from scratch. */
static void unload(MlyCpuModule *m) {
  if (m->orc)
    LLVMOrcDisposeLLJIT(m->orc);
  m->orc = NULL;
  for (size_t i = 0; i < m->n_funcs; ++i)
    m->funcs[i].fn = NULL;
  free_arenas(&m->arenas);
}

/* The cache key and the header line of a cache entry: everything that
 * decides the object (the format, mly's and LLVM's versions, the
 * pipelines and scripts, the options, the host CPU and its features, the
 * runtime libraries, the module's text). */
static uint64_t cache_key(const strbuf *text, int opt_level, int threads,
                          char *header, size_t n) {
  char *cpu = LLVMGetHostCPUName(), *features = LLVMGetHostCPUFeatures();
  const char *parts[] = {CACHE_FORMAT,
                         MLY_VERSION,
                         pipeline_head,
                         pipeline_mid,
                         pipeline_par,
                         pipeline_tail,
                         script_head,
                         script_par,
                         matmul_script,
                         cpu ? cpu : "",
                         features ? features : "",
                         MLY_MLIR_C_RUNNER_UTILS,
                         MLY_MLIR_ASYNC_RUNTIME};
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < sizeof parts / sizeof *parts; ++i)
    h = fnv1a(h, parts[i], strlen(parts[i]) + 1);
  h = fnv1a(h, &opt_level, sizeof opt_level);
  h = fnv1a(h, &threads, sizeof threads);
  h = fnv1a(h, text->p ? text->p : "", text->n);
  snprintf(header, n,
           "// %s mly %s key=%016" PRIx64 " len=%zu O%d threads=%d cpu=%s",
           CACHE_FORMAT, MLY_VERSION, h, text->n, opt_level, threads,
           cpu ? cpu : "?");
  LLVMDisposeMessage(cpu);
  LLVMDisposeMessage(features);
  return h;
}

MlyCpuModule *mlyCpuCompile(MlirModule module, const MlyCpuOptions *options,
                            char *err, size_t err_size) {
  /* O2: runs as fast as O3 on the test and bench models and compiles in
   * about 2/3 of the time (qwen3_tiny 2.3 s against 3.7 s). */
  MlyCpuOptions defaults = {.opt_level = 2, .cache_dir = NULL, .threads = 1};
  const MlyCpuOptions *o = options ? options : &defaults;
  MlirContext ctx = mlirModuleGetContext(module);
  MlyCpuModule *m = calloc(1, sizeof *m);
  MlirModule work = {NULL};
  strbuf text = {0}, meta = {0};
  cache_entry entry = {0};
  char header[512], *obj_tmp = NULL;
  if (!m) {
    set_err(err, err_size, "out of memory");
    return NULL;
  }
  if (o->opt_level < 0 || o->opt_level > 3) {
    set_err(err, err_size, "opt level %d is not between 0 and 3", o->opt_level);
    goto out_free;
  }
  if (o->threads < 0 || o->threads > MLY_CPU_MAX_THREADS) {
    set_err(err, err_size, "threads %d is not between 0 and %d", o->threads,
            MLY_CPU_MAX_THREADS);
    goto out_free;
  }
  int threads = o->threads > 1 ? o->threads : 1;
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  mlirRegisterAllLLVMTranslations(ctx);
  register_once();
  if (!collect_funcs(module, m, err, err_size))
    goto out_free;

  if (o->cache_dir) {
    mlirOperationPrint(mlirModuleGetOperation(module), sb_append, &text);
    if (text.oom) {
      set_err(err, err_size, "out of memory");
      goto out_free;
    }
    uint64_t h = cache_key(&text, o->opt_level, threads, header, sizeof header);
    size_t n = strlen(o->cache_dir) + 40;
    if (!(m->cache_path = malloc(n)) || !(obj_tmp = malloc(n + 32))) {
      set_err(err, err_size, "out of memory");
      goto out_free;
    }
    snprintf(m->cache_path, n, "%s/cpu-%016" PRIx64 ".o", o->cache_dir, h);
    snprintf(obj_tmp, n + 32, "%s.obj.%ld", m->cache_path, (long)getpid());
    /* A hit loads the object: no lowering, no code generation. An entry
     * that does not load is compiled again (and rewritten). */
    if (cache_read(m->cache_path, header, &entry)) {
      char msg[512];
      m->cache_hit =
          arenas_parse(entry.meta, &m->arenas) &&
          load_object(m, entry.obj, entry.obj_len, threads, msg, sizeof msg);
      if (!m->cache_hit)
        unload(m);
    }
  }
  if (m->cache_hit)
    goto out;
  work = mlirModuleFromOperation(
      mlirOperationClone(mlirModuleGetOperation(module)));
  mark_funcs(work);
  if (!lower(work, threads, &m->arenas, err, err_size))
    goto out_free;
  MlirStringRef libs[] = {
      mlirStringRefCreateFromCString(MLY_MLIR_C_RUNNER_UTILS),
      mlirStringRefCreateFromCString(MLY_MLIR_ASYNC_RUNTIME)};
  m->jit = mlirExecutionEngineCreate(work, o->opt_level, threads > 1 ? 2 : 1,
                                     libs, o->cache_dir != NULL, false);
  if (mlirExecutionEngineIsNull(m->jit)) {
    set_err(err, err_size, "the LLVM JIT could not compile the lowered module");
    goto out_free;
  }
  if (!lookup_funcs(m, err, err_size))
    goto out_free;
  if (o->cache_dir && make_dirs(o->cache_dir)) {
    mlirExecutionEngineDumpToObjectFile(
        m->jit, mlirStringRefCreateFromCString(obj_tmp));
    arenas_print(&m->arenas, &meta);
    if (!meta.oom)
      cache_write(m->cache_path, header, &meta, obj_tmp);
    remove(obj_tmp);
  }
  goto out;
out_free:
  mlyCpuDestroy(m);
  m = NULL;
out:
  if (!mlirModuleIsNull(work))
    mlirModuleDestroy(work);
  free(entry.data);
  free(obj_tmp);
  free(text.p);
  free(meta.p);
  return m;
}

bool mlyCpuModuleCacheHit(const MlyCpuModule *m) { return m->cache_hit; }

bool mlyCpuModuleArena(const MlyCpuModule *m, const char *entry, int64_t *bytes,
                       int64_t *naive, int64_t *buffers) {
  for (size_t i = 0; i < m->arenas.n; ++i)
    if (!strcmp(m->arenas.a[i].func, entry)) {
      *bytes = m->arenas.a[i].bytes;
      *naive = m->arenas.a[i].naive;
      *buffers = m->arenas.a[i].buffers;
      return true;
    }
  return false;
}

const char *mlyCpuModuleCachePath(const MlyCpuModule *m) {
  return m->cache_path;
}

static void shape_str(const shape *s, char *buf, size_t n) {
  static const char *names[] = {"f32", "f16", "bf16", "i64",
                                "i32", "i8",  "ui8",  "i1"};
  size_t k = (size_t)snprintf(buf, n, "tensor<");
  for (int64_t i = 0; i < s->rank && k < n; ++i)
    k += (size_t)snprintf(buf + k, n - k, "%" PRId64 "x", s->dims[i]);
  if (k < n)
    snprintf(buf + k, n - k, "%s>", names[s->dtype]);
}

/* Fills the descriptor at `d` ({allocated, aligned, offset, sizes[R],
 * strides[R]}, one 8-byte word each) for a row-major buffer. */
static void fill_desc(int64_t *d, void *data, const shape *s) {
  memcpy(&d[0], &data, sizeof data);
  memcpy(&d[1], &data, sizeof data);
  d[2] = 0;
  int64_t stride = 1;
  for (int64_t i = s->rank - 1; i >= 0; --i) {
    d[3 + i] = s->dims[i];
    d[3 + s->rank + i] = stride;
    stride *= s->dims[i];
  }
}

bool mlyCpuRun(MlyCpuModule *m, const char *entry, const MlyTensor *args,
               intptr_t n_args, MlyTensor **results, intptr_t *n_results,
               char *err, size_t err_size) {
  cpu_func *f = NULL;
  int64_t *descs = NULL;
  void **ptrs = NULL, **packed = NULL, **copies = NULL;
  MlyTensor *out = NULL;
  bool ok = false;
  *results = NULL;
  *n_results = 0;
  for (size_t i = 0; i < m->n_funcs; ++i)
    if (!strcmp(m->funcs[i].name, entry))
      f = &m->funcs[i];
  if (!f) {
    set_err(err, err_size, "no public function named '%s'", entry);
    return false;
  }
  if (f->bad) {
    set_err(err, err_size, "%s", f->bad);
    return false;
  }
  if (n_args != f->n_args) {
    set_err(err, err_size,
            "function '%s' takes %" PRIdPTR " arguments, %" PRIdPTR " given",
            entry, f->n_args, n_args);
    return false;
  }
  for (intptr_t i = 0; i < n_args; ++i) {
    const shape *s = &f->shapes[i];
    if (args[i].dtype != s->dtype || args[i].rank != s->rank ||
        memcmp(args[i].dims, s->dims, (size_t)s->rank * sizeof *s->dims)) {
      shape got = {args[i].dtype, args[i].rank, {0}};
      char a[256], b[256];
      memcpy(got.dims, args[i].dims, (size_t)args[i].rank * sizeof *got.dims);
      shape_str(&got, a, sizeof a);
      shape_str(s, b, sizeof b);
      set_err(err, err_size, "argument %" PRIdPTR " of '%s' is %s, expected %s",
              i, entry, a, b);
      return false;
    }
  }
  size_t n = (size_t)(f->n_args + f->n_results);
  size_t words = 3 + 2 * MLY_TENSOR_MAX_RANK;
  size_t k = n ? n : 1;
  descs = calloc(k * words, sizeof *descs);
  ptrs = calloc(k, sizeof *ptrs);
  packed = calloc(k, sizeof *packed);
  copies = calloc(k, sizeof *copies);
  out = calloc(f->n_results ? (size_t)f->n_results : 1, sizeof *out);
  if (!descs || !ptrs || !packed || !copies || !out) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  for (intptr_t i = 0; i < n_args; ++i) {
    void *data = args[i].data;
    size_t esize = mlyDTypeSize(args[i].dtype);
    /* JIT code loads with the element type's alignment. */
    if ((uintptr_t)data % esize) {
      if (!(copies[i] = malloc(args[i].nbytes ? args[i].nbytes : 1))) {
        set_err(err, err_size, "out of memory");
        goto out;
      }
      memcpy(copies[i], data, args[i].nbytes);
      data = copies[i];
    }
    fill_desc(&descs[(size_t)i * words], data, &f->shapes[i]);
  }
  for (intptr_t i = 0; i < f->n_results; ++i) {
    const shape *s = &f->shapes[f->n_args + i];
    if (mlyTensorAlloc(&out[i], s->dtype, s->rank, s->dims)) {
      set_err(err, err_size, "result %" PRIdPTR " of '%s' is too large", i,
              entry);
      goto out;
    }
    fill_desc(&descs[(size_t)(f->n_args + i) * words], out[i].data, s);
  }
  for (size_t i = 0; i < n; ++i) {
    ptrs[i] = &descs[i * words];
    packed[i] = &ptrs[i];
  }
  f->fn(packed);
  *results = out;
  *n_results = f->n_results;
  out = NULL;
  ok = true;
out:
  if (out)
    for (intptr_t i = 0; i < f->n_results; ++i)
      mlyTensorFree(&out[i]);
  free(out);
  if (copies)
    for (size_t i = 0; i < n; ++i)
      free(copies[i]);
  free(copies);
  free(packed);
  free(ptrs);
  free(descs);
  return ok;
}

void mlyCpuDestroy(MlyCpuModule *m) {
  if (!m)
    return;
  if (!mlirExecutionEngineIsNull(m->jit))
    mlirExecutionEngineDestroy(m->jit);
  if (m->orc)
    LLVMOrcDisposeLLJIT(m->orc);
  free_funcs(m->funcs, m->n_funcs);
  free_arenas(&m->arenas);
  free(m->cache_path);
  free(m);
}
