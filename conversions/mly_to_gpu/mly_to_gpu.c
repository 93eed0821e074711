/* mly-to-gpu: the host program and the gpu.module (see mly_to_gpu.h).
 * The new module is written as text, parsed, and moved into the module
 * the pass runs on; kernels and launches take the location of the call
 * or op they come from. */
#define _GNU_SOURCE
#include "conversions/mly_to_gpu/mly_to_gpu.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/mly_to_gpu/kernel.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/Math.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/NVGPU.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/Vector.h"
#include "transforms/pass_util.h"

#define MLY_GPU_DEFAULTS {256, 32, 16, 1, 1, 1, 64, 0, 1, 1, 32, 0, 1, 1}

static MlyGpuOptions options = MLY_GPU_DEFAULTS;

MlyGpuOptions mlyGpuOptionsDefault(void) {
  MlyGpuOptions o = MLY_GPU_DEFAULTS;
  return o;
}

/* The options by name; `tuned`: a tuning file may set it. */
static const struct {
  const char *key;
  size_t off;
  bool tuned;
} option_table[] = {
    {"block-size", offsetof(MlyGpuOptions, block_size), true},
    {"tile", offsetof(MlyGpuOptions, matmul_tile), true},
    {"ktile", offsetof(MlyGpuOptions, matmul_ktile), true},
    {"row", offsetof(MlyGpuOptions, row_schedule), false},
    {"tiled", offsetof(MlyGpuOptions, tiled_schedule), false},
    {"attention", offsetof(MlyGpuOptions, attention_schedule), false},
    {"qblock", offsetof(MlyGpuOptions, attention_rows), true},
    {"mma", offsetof(MlyGpuOptions, matmul_mma), true},
    {"elems", offsetof(MlyGpuOptions, elems_per_thread), true},
    {"atile", offsetof(MlyGpuOptions, attention_tiled), true},
    {"wgmem", offsetof(MlyGpuOptions, wg_kib), true},
    {"vec", offsetof(MlyGpuOptions, vec), true},
    {"occupancy", offsetof(MlyGpuOptions, occupancy), true},
    {"stages", offsetof(MlyGpuOptions, stages), true},
};

int *mlyGpuOptionField(MlyGpuOptions *o, const char *key, size_t n,
                       bool tuned_only) {
  for (size_t i = 0; i < sizeof option_table / sizeof *option_table; ++i)
    if (strlen(option_table[i].key) == n &&
        !strncmp(key, option_table[i].key, n) &&
        (option_table[i].tuned || !tuned_only))
      return (int *)((char *)o + option_table[i].off);
  return NULL;
}

bool mlyGpuOptionsValid(const MlyGpuOptions *o) {
  bool pow2 = o->block_size >= 32 && o->block_size <= 1024 &&
              !(o->block_size & (o->block_size - 1));
  bool qb = o->attention_rows == 0 || o->attention_rows == 32 ||
            o->attention_rows == 64 || o->attention_rows == 128;
  bool ept = o->elems_per_thread == 1 || o->elems_per_thread == 2 ||
             o->elems_per_thread == 4 || o->elems_per_thread == 8;
  bool vec = o->vec == 0 || o->vec == 1 || o->vec == 2 || o->vec == 4 ||
             o->vec == 8;
  return pow2 && qb && ept && vec && o->occupancy >= 1 &&
         o->occupancy <= 4 && (o->matmul_mma == 0 || o->matmul_mma == 1) &&
         (o->attention_tiled == 0 || o->attention_tiled == 1) &&
         o->wg_kib >= 16 && o->wg_kib <= 227 && o->stages >= 1 &&
         o->stages <= 4 &&
         o->matmul_tile >= 16 && o->matmul_tile <= 128 &&
         o->matmul_tile % 16 == 0 && o->matmul_ktile >= 1 &&
         o->matmul_ktile <= 64 && (o->matmul_tile * o->matmul_ktile) % 256 == 0;
}

bool mlyGpuOptionsSet(const MlyGpuOptions *o) {
  if (!mlyGpuOptionsValid(o))
    return false;
  options = *o;
  return true;
}

bool mlyGpuOptionsParse(const char *spec, char *err, size_t n) {
  MlyGpuOptions o = options;
  const char *p = spec;
  while (*p) {
    const char *eq = strchr(p, '='), *end = strchr(p, ',');
    if (!end)
      end = p + strlen(p);
    int *field = eq && eq < end
                     ? mlyGpuOptionField(&o, p, (size_t)(eq - p), false)
                     : NULL;
    char *num_end;
    long v = field ? strtol(eq + 1, &num_end, 10) : 0;
    if (!field || num_end != end || eq + 1 == end || v < 0 || v > 4096) {
      snprintf(err, n,
               "bad GPU option '%.*s' (block-size, tile, ktile, row, tiled, "
               "attention, qblock, mma, elems, atile, wgmem, vec, occupancy, "
               "stages take integers)",
               (int)(end - p), p);
      return false;
    }
    *field = (int)v;
    p = *end ? end + 1 : end;
  }
  if (!mlyGpuOptionsSet(&o)) {
    snprintf(err, n,
             "GPU options out of range: block-size a power of two in [32, "
             "1024], tile a multiple of 16 in [16, 128], ktile in [1, 64], "
             "tile * ktile a multiple of 256, qblock 0, 32, 64 or 128, mma 0 "
             "or 1, elems 1, 2, 4 or 8, atile 0 or 1, wgmem (KiB) in [16, "
             "227], vec 0, 1, 2, 4 or 8, occupancy in [1, 4], stages in [1, "
             "4]");
    return false;
  }
  return true;
}

/* ---- host values ---- */

typedef struct hval {
  const void *v; /* MlirValue ptr */
  int id;        /* %h<id> */
} hval;

typedef struct host {
  MlyEmit *e;       /* the host function's text */
  MlyEmit *globals; /* top-level memref.globals */
  hval *vals;
  int n_vals, cap_vals, next;
  int n_host_globals;
  int64_t consts[64];
  int const_ids[64], n_consts;
  MlirLocation *locs; /* per launch, in order */
  int n_locs, cap_locs;
} host;

static int host_id(host *h, MlirValue v) {
  for (int i = 0; i < h->n_vals; ++i)
    if (h->vals[i].v == v.ptr)
      return h->vals[i].id;
  return -1;
}

static int host_bind(host *h, MlirValue v) {
  if (h->n_vals == h->cap_vals) {
    int cap = h->cap_vals ? 2 * h->cap_vals : 64;
    hval *p = realloc(h->vals, (size_t)cap * sizeof *p);
    if (!p) {
      h->e->oom = true;
      return -1;
    }
    h->vals = p;
    h->cap_vals = cap;
  }
  int id = h->next++;
  h->vals[h->n_vals++] = (hval){v.ptr, id};
  return id;
}

static int host_index(host *h, int64_t n) {
  for (int i = 0; i < h->n_consts; ++i)
    if (h->consts[i] == n)
      return h->const_ids[i];
  int id = h->next++;
  mlyEmitF(h->e, "    %%h%d = arith.constant %" PRId64 " : index\n", id, n);
  if (h->n_consts < 64) {
    h->consts[h->n_consts] = n;
    h->const_ids[h->n_consts++] = id;
  }
  return id;
}

static const char *memref_text(MlyEmit *e, MlirType t) {
  const char *s = mlyEmitType(e, t);
  return strncmp(s, "tensor<", 7) ? s : mlyEmitStr(e, "memref<%s", s + 7);
}

static void put_text(MlirStringRef s, void *ud) {
  mlyEmitF(ud, "%.*s", (int)s.length, s.data);
}

static void push_loc(host *h, MlirLocation loc) {
  if (h->n_locs == h->cap_locs) {
    int cap = h->cap_locs ? 2 * h->cap_locs : 64;
    MlirLocation *p = realloc(h->locs, (size_t)cap * sizeof *p);
    if (!p) {
      h->e->oom = true;
      return;
    }
    h->locs = p;
    h->cap_locs = cap;
  }
  h->locs[h->n_locs++] = loc;
}

/* ---- one entry function ---- */

typedef struct entry {
  MlirOperation func, ret;
  int n_res;
  int out_id[64];
  bool out_done[64];
} entry;

static bool is_fused(MlirOperation f) {
  return !mlirAttributeIsNull(mlirOperationGetAttributeByName(
      f, mlirStringRefCreateFromCString("mly.fused")));
}

static MlirOperation lookup_func(MlirOperation module, MlirAttribute callee) {
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(callee);
  for (MlirOperation op =
           mlirBlockGetFirstOperation(mlirModuleGetBody(
               mlirModuleFromOperation(module)));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute s = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name"));
    if (!mlirAttributeIsNull(s) &&
        mlirStringRefEqual(mlirStringAttrGetValue(s), name))
      return op;
  }
  return (MlirOperation){NULL};
}

/* The buffer a kernel writes value v into: an output argument when v is
 * returned (first position not yet written), else a new alloc. */
static int result_buffer(host *h, entry *en, MlirValue v, MlirOperation op,
                         int res_index) {
  for (int j = 0; j < en->n_res; ++j)
    if (!en->out_done[j] &&
        mlirValueEqual(mlirOperationGetOperand(en->ret, j), v)) {
      en->out_done[j] = true;
      if (host_bind(h, v) < 0)
        return -1;
      h->vals[h->n_vals - 1].id = en->out_id[j];
      return en->out_id[j];
    }
  int id = host_bind(h, v);
  MlirAttribute off = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("mly.arena_offset"));
  MlirAttribute offs = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("mly.arena_offsets"));
  int64_t at = -1;
  if (!mlirAttributeIsNull(off) && mlirAttributeIsAInteger(off))
    at = mlirIntegerAttrGetValueInt(off);
  else if (!mlirAttributeIsNull(offs) && mlirAttributeIsADenseI64Array(offs) &&
           res_index < mlirDenseArrayGetNumElements(offs))
    at = mlirDenseI64ArrayGetElement(offs, res_index);
  mlyEmitF(h->e, "    %%h%d = memref.alloc() {alignment = 64 : i64", id);
  if (at >= 0)
    mlyEmitF(h->e, ", mly.offset = %" PRId64 " : i64", at);
  mlyEmitF(h->e, "} : %s\n", memref_text(h->e, mlirValueGetType(v)));
  return id;
}

/* Writes the kernel of `ks` and its launch; `args` are the host ids of
 * its inputs then outputs. */
static bool launch(host *h, MlyGpuModule *gm, MlyEmit *kernels,
                   const MlyKernelSpec *ks, const int *args) {
  int64_t grid[3], block[3];
  if (!mlyGpuEmitKernel(ks, &options, gm, kernels, grid, block))
    return false;
  int g = host_index(h, grid[0]), gy = host_index(h, grid[1]),
      b = host_index(h, block[0]), one = host_index(h, 1);
  mlyEmitF(h->e,
           "    gpu.launch_func @kernels::@%s blocks in (%%h%d, %%h%d, %%h%d) "
           "threads in (%%h%d, %%h%d, %%h%d) args(",
           ks->name, g, gy, one, b, one, one);
  for (int i = 0; i < ks->n_in + ks->n_out; ++i) {
    MlirValue v = i < ks->n_in ? ks->in[i] : ks->out[i - ks->n_in];
    mlyEmitF(h->e, "%s%%h%d : %s", i ? ", " : "", args[i],
             memref_text(h->e, mlirValueGetType(v)));
  }
  mlyEmitF(h->e, ")\n");
  push_loc(h, mlirOperationGetLocation(ks->anchor));
  return true;
}

static const char *op_short_name(MlyEmit *e, MlirOperation op) {
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  if (s.length > 4 && !memcmp(s.data, "mly.", 4))
    return mlyEmitStr(e, "%.*s", (int)s.length - 4, s.data + 4);
  return mlyEmitStr(e, "%.*s", (int)s.length, s.data);
}

/* Host id of an operand: a bound value, or a host constant. */
static int operand_id(host *h, MlirValue v) {
  int id = host_id(h, v);
  if (id >= 0 || !mlirValueIsAOpResult(v))
    return id;
  MlirOperation op = mlirOpResultGetOwner(v);
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  if (!mlyOpIsMly(op) || mlirAttributeIsNull(a) ||
      !mlirAttributeIsADenseElements(a)) {
    mlirEmitError(mlirOperationGetLocation(op),
                  "mly-to-gpu: this value cannot be a kernel argument (only "
                  "dense constants are)");
    return -1;
  }
  int g = h->n_host_globals++;
  const char *mt = memref_text(h->e, mlirValueGetType(v));
  MlyEmit t = {0};
  mlirAttributePrint(a, put_text, &t);
  const char *text = t.buf ? t.buf : "";
  const char *cut = strstr(text, " : tensor<");
  mlyEmitF(h->globals,
           "  memref.global \"private\" constant @host_cst_%d : %s = %.*s\n", g,
           mt, cut ? (int)(cut - text) : (int)strlen(text), text);
  mlyEmitReset(&t);
  id = host_bind(h, v);
  mlyEmitF(h->e, "    %%h%d = memref.get_global @host_cst_%d : %s\n", id, g,
           mt);
  return id;
}

static void print_arg_attrs(host *h, MlirOperation func, intptr_t i,
                            MlirValue arg) {
  MlirAttribute all = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("arg_attrs"));
  MlirAttribute d = {NULL};
  if (!mlirAttributeIsNull(all) && mlirAttributeIsAArray(all) &&
      i < mlirArrayAttrGetNumElements(all))
    d = mlirArrayAttrGetElement(all, i);
  int n = 0;
  MlirLocation loc = mlirValueGetLocation(arg);
  if (mlirLocationIsAName(loc)) {
    MlirStringRef s = mlirIdentifierStr(mlirLocationNameGetName(loc));
    mlyEmitF(h->e, " {mly.name = \"%.*s\"", (int)s.length, s.data);
    ++n;
  }
  if (!mlirAttributeIsNull(d) && mlirAttributeIsADictionary(d))
    for (intptr_t j = 0; j < mlirDictionaryAttrGetNumElements(d); ++j) {
      MlirNamedAttribute na = mlirDictionaryAttrGetElement(d, j);
      MlirStringRef nm = mlirIdentifierStr(na.name);
      if (nm.length == 8 && !memcmp(nm.data, "mly.name", 8))
        continue;
      mlyEmitF(h->e, "%s%.*s = ", n++ ? ", " : " {", (int)nm.length, nm.data);
      mlirAttributePrint(na.attribute, put_text, h->e);
    }
  if (n)
    mlyEmitF(h->e, "}");
}

static bool lower_entry(MlirOperation module, MlirOperation func, host *h,
                        MlyGpuModule *gm, MlyEmit *kernels, int *n_kernels) {
  entry en = {.func = func};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  en.ret = mlirBlockGetTerminator(body);
  en.n_res = (int)mlirOperationGetNumOperands(en.ret);
  MlirAttribute name = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("sym_name"));
  MlirStringRef fname = mlirStringAttrGetValue(name);
  bool ok = true;
  if (en.n_res > 64) {
    mlirEmitError(mlirOperationGetLocation(func),
                  "mly-to-gpu: more than 64 results");
    return false;
  }
  mlyEmitF(h->e, "  func.func @%.*s(", (int)fname.length, fname.data);
  intptr_t na = mlirBlockGetNumArguments(body);
  for (intptr_t i = 0; i < na; ++i) {
    MlirValue a = mlirBlockGetArgument(body, i);
    int id = host_bind(h, a);
    mlyEmitF(h->e, "%s%%h%d: %s", i ? ", " : "", id,
             memref_text(h->e, mlirValueGetType(a)));
    print_arg_attrs(h, func, i, a);
  }
  for (int j = 0; j < en.n_res; ++j) {
    en.out_id[j] = h->next++;
    mlyEmitF(h->e, "%s%%h%d: %s {mly.output = %d : i64}",
             na || j ? ", " : "", en.out_id[j],
             memref_text(h->e, mlirValueGetType(
                                   mlirOperationGetOperand(en.ret, j))),
             j);
  }
  mlyEmitF(h->e, ") attributes {mly.host");
  static const char *const keep[] = {"mly.arena_size", "mly.arena_naive"};
  for (int i = 0; i < 2; ++i) {
    MlirAttribute a = mlirOperationGetAttributeByName(
        func, mlirStringRefCreateFromCString(keep[i]));
    if (!mlirAttributeIsNull(a)) {
      mlyEmitF(h->e, ", %s = ", keep[i]);
      mlirAttributePrint(a, put_text, h->e);
    }
  }
  mlyEmitF(h->e, "} {\n");
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       ok && !mlirOperationEqual(op, en.ret);
       op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef opn = mlirIdentifierStr(mlirOperationGetName(op));
    if (mlirStringRefEqual(opn, mlirStringRefCreateFromCString("mly.constant")))
      continue; /* a host constant when a kernel takes it (operand_id) */
    MlyKernelSpec ks = {.anchor = op};
    MlirValue ins[256], outs[64];
    int args[320];
    /* a call's operands and results are its kernel's */
    if (mlirOperationGetNumOperands(op) > 256 ||
        mlirOperationGetNumResults(op) > 64) {
      mlirEmitError(mlirOperationGetLocation(op),
                    "mly-to-gpu: too many kernel arguments");
      ok = false;
      break;
    }
    if (mlirStringRefEqual(opn, mlirStringRefCreateFromCString("func.call"))) {
      MlirOperation callee = lookup_func(
          module, mlirOperationGetAttributeByName(
                      op, mlirStringRefCreateFromCString("callee")));
      if (mlirOperationIsNull(callee) || !is_fused(callee)) {
        mlirEmitError(mlirOperationGetLocation(op),
                      "mly-to-gpu: only calls of mly.fused functions can be "
                      "lowered");
        ok = false;
        break;
      }
      MlirBlock cb =
          mlirRegionGetFirstBlock(mlirOperationGetRegion(callee, 0));
      MlirOperation cret = mlirBlockGetTerminator(cb);
      ks.n_in = (int)mlirBlockGetNumArguments(cb);
      ks.n_out = (int)mlirOperationGetNumOperands(cret);
      for (int i = 0; i < ks.n_in; ++i)
        ins[i] = mlirBlockGetArgument(cb, i);
      for (int i = 0; i < ks.n_out; ++i)
        outs[i] = mlirOperationGetOperand(cret, i);
      MlirStringRef cn = mlirStringAttrGetValue(mlirOperationGetAttributeByName(
          callee, mlirStringRefCreateFromCString("sym_name")));
      MlirStringRef kind = mlirStringAttrGetValue(
          mlirOperationGetAttributeByName(
              callee, mlirStringRefCreateFromCString("mly.fused")));
      ks.name = mlyEmitStr(h->e, "%.*s", (int)cn.length, cn.data);
      ks.kind = mlyEmitStr(h->e, "%.*s", (int)kind.length, kind.data);
    } else if (mlyOpIsMly(op)) {
      ks.n_in = (int)mlirOperationGetNumOperands(op);
      ks.n_out = (int)mlirOperationGetNumResults(op);
      for (int i = 0; i < ks.n_in; ++i)
        ins[i] = mlirOperationGetOperand(op, i);
      for (int i = 0; i < ks.n_out; ++i)
        outs[i] = mlirOperationGetResult(op, i);
      const char *sn = op_short_name(h->e, op);
      ks.name = mlyEmitStr(h->e, "%s_%d", sn, (*n_kernels)++);
      ks.kind = !strcmp(sn, "matmul")   ? "matmul"
                : !strcmp(sn, "reduce") ? "reduction"
                                        : "elementwise";
    } else {
      mlirEmitError(mlirOperationGetLocation(op),
                    "mly-to-gpu: cannot lower this op of the host function");
      ok = false;
      break;
    }
    ks.in = ins;
    ks.out = outs;
    for (int i = 0; i < ks.n_in && ok; ++i)
      ok = (args[i] = operand_id(h, mlirOperationGetOperand(op, i))) >= 0;
    for (int i = 0; i < ks.n_out && ok; ++i)
      ok = (args[ks.n_in + i] = result_buffer(
                h, &en, mlirOperationGetResult(op, i), op, i)) >= 0;
    ok = ok && launch(h, gm, kernels, &ks, args);
  }
  /* results not written by a kernel (arguments, constants, repeats) */
  for (int j = 0; ok && j < en.n_res; ++j) {
    if (en.out_done[j])
      continue;
    MlirValue v = mlirOperationGetOperand(en.ret, j);
    MlyKernelSpec ks = {.anchor = en.ret, .n_in = 1, .n_out = 1, .in = &v,
                        .out = &v, .kind = "elementwise"};
    ks.name = mlyEmitStr(h->e, "copy_%d", (*n_kernels)++);
    int args[2] = {operand_id(h, v), en.out_id[j]};
    ok = args[0] >= 0 && launch(h, gm, kernels, &ks, args);
  }
  mlyEmitF(h->e, "    return\n  }\n");
  return ok;
}

/* ---- dead code ---- */

/* Kernels are written without knowing which computed values end up used
 * (a delinearization's unused remainder, a reduction only stored); what
 * no one reads is removed, so every target's output is free of dead
 * variables. */
static bool starts(MlirStringRef s, const char *p) {
  size_t n = strlen(p);
  return s.length >= n && !memcmp(s.data, p, n);
}

static MlirWalkResult check_pure(MlirOperation op, void *user) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  if (!(starts(n, "arith.") || starts(n, "math.") || starts(n, "scf.") ||
        starts(n, "memref.load") || starts(n, "memref.get_global") ||
        starts(n, "gpu.thread_id") || starts(n, "gpu.block_id"))) {
    *(bool *)user = false;
    return MlirWalkResultInterrupt;
  }
  return MlirWalkResultAdvance;
}

static bool unused(MlirOperation op) {
  intptr_t n = mlirOperationGetNumResults(op);
  if (!n)
    return false;
  for (intptr_t i = 0; i < n; ++i)
    if (!mlirOpOperandIsNull(
            mlirValueGetFirstUse(mlirOperationGetResult(op, i))))
      return false;
  bool pure = true;
  mlirOperationWalk(op, check_pure, &pure, MlirWalkPreOrder);
  return pure;
}

typedef struct dead_list {
  MlirOperation *ops;
  size_t n, cap;
  bool oom;
} dead_list;

static MlirWalkResult find_dead(MlirOperation op, void *user) {
  dead_list *l = user;
  if (!unused(op))
    return MlirWalkResultAdvance;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 256;
    MlirOperation *p = realloc(l->ops, cap * sizeof *p);
    if (!p) {
      l->oom = true;
      return MlirWalkResultInterrupt;
    }
    l->ops = p;
    l->cap = cap;
  }
  l->ops[l->n++] = op;
  return MlirWalkResultSkip;
}

static void remove_dead(MlirOperation gpu_module) {
  dead_list l = {0};
  do {
    l.n = 0;
    mlirOperationWalk(gpu_module, find_dead, &l, MlirWalkPreOrder);
    for (size_t i = l.n; i-- > 0;)
      mlirOperationDestroy(l.ops[i]);
  } while (l.n && !l.oom);
  free(l.ops);
}

/* ---- the pass ---- */

static MlirWalkResult relocate(MlirOperation op, void *user) {
  mlirOperationSetLocation(op, *(MlirLocation *)user);
  return MlirWalkResultAdvance;
}

/* Gives the kernels and launches the locations of their origins. */
static void set_locations(MlirModule m, host *h) {
  int n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    if (mlirStringRefEqual(name, mlirStringRefCreateFromCString("gpu.module"))) {
      MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
      int k = 0;
      for (MlirOperation f = mlirBlockGetFirstOperation(b);
           !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f))
        if (mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(f)),
                               mlirStringRefCreateFromCString("gpu.func")) &&
            k < h->n_locs)
          mlirOperationWalk(f, relocate, &h->locs[k++], MlirWalkPreOrder);
    } else if (mlirStringRefEqual(
                   name, mlirStringRefCreateFromCString("func.func"))) {
      MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
      for (MlirOperation l = mlirBlockGetFirstOperation(b);
           !mlirOperationIsNull(l); l = mlirOperationGetNextInBlock(l))
        if (mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(l)),
                               mlirStringRefCreateFromCString(
                                   "gpu.launch_func")) &&
            n < h->n_locs)
          mlirOperationSetLocation(l, h->locs[n++]);
    }
  }
}

static void run_pass(MlirOperation root, MlirExternalPass pass,
                     void *user_data) {
  (void)user_data;
  MlirContext ctx = mlirOperationGetContext(root);
  MlirBlock mbody = mlirModuleGetBody(mlirModuleFromOperation(root));
  MlyEmit he = {.op = root}, globals = {.op = root}, kernels = {.op = root},
          all = {.op = root};
  MlyGpuModule gm = {.globals = {.op = root}};
  host h = {.e = &he, .globals = &globals};
  bool ok = true, any = false;
  int n_kernels = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(mbody);
       ok && !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    if (!mlirStringRefEqual(name, mlirStringRefCreateFromCString("func.func")))
      continue;
    if (is_fused(op))
      continue;
    MlirAttribute vis = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_visibility"));
    if (!mlirAttributeIsNull(vis))
      continue;
    any = true;
    ok = lower_entry(root, op, &h, &gm, &kernels, &n_kernels);
  }
  if (ok && !any) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "mly-to-gpu: the module has no public function");
    ok = false;
  }
  if (!ok)
    goto out;
  mlyEmitF(&all, "module attributes {gpu.container_module} {\n%s"
                 "  gpu.module @kernels {\n%s%s  }\n%s}\n",
           globals.buf ? globals.buf : "",
           gm.globals.buf ? gm.globals.buf : "",
           kernels.buf ? kernels.buf : "", he.buf ? he.buf : "");
  if (all.oom || he.oom || kernels.oom || globals.oom || gm.globals.oom) {
    mlirEmitError(mlirOperationGetLocation(root), "mly-to-gpu: out of memory");
    ok = false;
    goto out;
  }
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(all.buf));
  if (mlirModuleIsNull(m)) {
    if (getenv("MLY_GPU_DEBUG"))
      fprintf(stderr, "%s", all.buf);
    mlirEmitError(mlirOperationGetLocation(root),
                  "mly-to-gpu: internal error: the lowered module does not "
                  "parse (MLY_GPU_DEBUG=1 prints it)");
    ok = false;
    goto out;
  }
  set_locations(m, &h);
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                           mlirStringRefCreateFromCString("gpu.module")))
      remove_dead(op);
  /* replace the module's contents */
  for (MlirOperation op = mlirBlockGetFirstOperation(mbody);
       !mlirOperationIsNull(op);) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    mlirOperationDestroy(op);
    op = next;
  }
  MlirBlock nb = mlirModuleGetBody(m);
  for (MlirOperation op = mlirBlockGetFirstOperation(nb);
       !mlirOperationIsNull(op);) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    mlirOperationRemoveFromParent(op);
    mlirBlockAppendOwnedOperation(mbody, op);
    op = next;
  }
  mlirOperationSetAttributeByName(
      root, mlirStringRefCreateFromCString("gpu.container_module"),
      mlirUnitAttrGet(ctx));
  mlirModuleDestroy(m);
out:
  if (!ok)
    mlirExternalPassSignalFailure(pass);
  mlyEmitReset(&he);
  mlyEmitReset(&globals);
  mlyEmitReset(&kernels);
  mlyEmitReset(&all);
  mlyEmitReset(&gm.globals);
  free(h.vals);
  free(h.locs);
}

MlirPass mlyCreateMlyToGpuPass(void) {
  static MlirTypeID id;
  MlirDialectHandle deps[] = {
      mlirGetDialectHandle__gpu__(),  mlirGetDialectHandle__memref__(),
      mlirGetDialectHandle__scf__(),  mlirGetDialectHandle__arith__(),
      mlirGetDialectHandle__math__(), mlirGetDialectHandle__func__(),
      mlirGetDialectHandle__vector__(), mlirGetDialectHandle__nvgpu__()};
  return mlyCreateStatelessPassDeps(
      &id, "MlyToGpu", "mly-to-gpu",
      "Lower mly (fused functions and ops) to a host program and gpu.module "
      "kernels",
      8, deps, run_pass);
}
