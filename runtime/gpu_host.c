/* The host-program walker shared by the GPU backends (see gpu_host.h:
 * msl-sim, hip-sim, vulkan), first written for msl-sim. */
#include "runtime/gpu_host.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

typedef MlyGpuBufType buftype;
typedef MlyGpuKernel kernel;
typedef MlyGpuSlot slot;
typedef MlyGpuStep step;
typedef MlyGpuHostPlan plan_t;

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

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!err || !n)
    return;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

/* The backend named in diagnostics and the largest threadgroup, for the
 * plan being built on this thread. */
static _Thread_local const char *backend;
static _Thread_local uint32_t max_group;
#define op_error(...) op_error_at(backend, __VA_ARGS__)

/* An error diagnostic at op: "'<op>' op <backend>: <message>". */
static void op_error_at(const char *b, MlirOperation op, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  char full[640];
  snprintf(full, sizeof full, "'%.*s' op %s: %s", (int)name.length, name.data,
           b, msg);
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

static bool sym_is(MlirOperation op, MlirStringRef want) {
  MlirAttribute s = attr(op, "sym_name");
  return !mlirAttributeIsNull(s) && mlirAttributeIsAString(s) &&
         mlirStringRefEqual(mlirStringAttrGetValue(s), want);
}

static char *dup_ref(MlirStringRef s) {
  char *p = malloc(s.length + 1);
  if (p) {
    memcpy(p, s.data, s.length);
    p[s.length] = 0;
  }
  return p;
}

bool mlyGpuBufTypeOf(MlirType t, buftype *b) {
  if (!mlirTypeIsAMemRef(t) || !mlirShapedTypeHasStaticShape(t) ||
      mlirShapedTypeGetRank(t) > MLY_TENSOR_MAX_RANK ||
      !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t)))
    return false;
  MlirType e = mlirShapedTypeGetElementType(t);
  if (mlirTypeIsAF32(e))
    *b = (buftype){MLY_DTYPE_F32, 4, 0, 0, {0}};
  else if (mlirTypeIsAF16(e))
    *b = (buftype){MLY_DTYPE_F16, 2, 0, 0, {0}};
  else if (mlirTypeIsABF16(e))
    *b = (buftype){MLY_DTYPE_BF16, 2, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsSignless(e) &&
           mlirIntegerTypeGetWidth(e) == 64)
    *b = (buftype){MLY_DTYPE_I64, 8, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsSignless(e) &&
           mlirIntegerTypeGetWidth(e) == 32)
    *b = (buftype){MLY_DTYPE_I32, 4, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsSignless(e) &&
           mlirIntegerTypeGetWidth(e) == 8)
    *b = (buftype){MLY_DTYPE_I8, 1, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeIsUnsigned(e) &&
           mlirIntegerTypeGetWidth(e) == 8)
    *b = (buftype){MLY_DTYPE_U8, 1, 0, 0, {0}};
  else if (mlirTypeIsAInteger(e) && mlirIntegerTypeGetWidth(e) == 1)
    *b = (buftype){MLY_DTYPE_BOOL, 1, 0, 0, {0}};
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

static bool read_kernels(plan_t *s, MlirOperation gm) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  int cap = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    cap += op_is(op, "gpu.func");
  if (!(s->kernels = calloc((size_t)cap + 1, sizeof *s->kernels)))
    return false;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!op_is(op, "gpu.func") || mlirAttributeIsNull(attr(op, "gpu.kernel")))
      continue;
    MlirStringRef name = mlirStringAttrGetValue(attr(op, "sym_name"));
    MlirType ft = mlirTypeAttrGetValue(attr(op, "function_type"));
    kernel *k = &s->kernels[s->n_kernels++];
    k->n_buffers = (int)mlirFunctionTypeGetNumInputs(ft);
    k->name = dup_ref(name);
    k->types = calloc((size_t)k->n_buffers + 1, sizeof *k->types);
    if (!k->name || !k->types)
      return false;
    for (int i = 0; i < k->n_buffers; ++i) {
      buftype b;
      k->types[i] = mlirFunctionTypeGetInput(ft, i);
      if (!mlyGpuBufTypeOf(k->types[i], &b)) {
        strbuf t = {0};
        mlirTypePrint(k->types[i], sb_ref, &t);
        op_error(op,
                 "argument %d is %s, not a memref of static shape, "
                 "identity layout and an element type of f32, f16, bf16, "
                 "i64, i32, i8, ui8 or i1",
                 i, t.p ? t.p : "?");
        free(t.p);
        return false;
      }
    }
  }
  return true;
}

static int find_kernel(const plan_t *s, MlirStringRef name) {
  for (int i = 0; i < s->n_kernels; ++i)
    if (mlirStringRefEqual(mlirStringRefCreateFromCString(s->kernels[i].name),
                           name))
      return i;
  return -1;
}

typedef struct values {
  MlirValue *v;
  int64_t *x; /* index constants: the value; buffers: the slot */
  bool *is_slot;
  int n, cap;
} values;

static bool values_put(values *t, MlirValue v, int64_t x, bool is_slot) {
  if (t->n == t->cap) {
    int cap = 2 * t->cap + 16;
    MlirValue *nv = realloc(t->v, (size_t)cap * sizeof *nv);
    if (nv)
      t->v = nv;
    int64_t *nx = realloc(t->x, (size_t)cap * sizeof *nx);
    if (nx)
      t->x = nx;
    bool *ns = realloc(t->is_slot, (size_t)cap * sizeof *ns);
    if (ns)
      t->is_slot = ns;
    if (!nv || !nx || !ns)
      return false;
    t->cap = cap;
  }
  t->v[t->n] = v;
  t->x[t->n] = x;
  t->is_slot[t->n++] = is_slot;
  return true;
}

static int values_find(const values *t, MlirValue v, bool is_slot) {
  for (int i = t->n - 1; i >= 0; --i)
    if (mlirValueEqual(t->v[i], v))
      return t->is_slot[i] == is_slot ? i : -1;
  return -1;
}

static int add_slot(plan_t *s, int *cap, slot sl) {
  if (s->n_slots == *cap) {
    int c = 2 * *cap + 16;
    slot *p = realloc(s->slots, (size_t)c * sizeof *p);
    if (!p)
      return -1;
    s->slots = p;
    *cap = c;
  }
  s->slots[s->n_slots] = sl;
  return s->n_slots++;
}

static step *add_step(plan_t *s, int *cap) {
  if (s->n_steps == *cap) {
    int c = 2 * *cap + 16;
    step *p = realloc(s->steps, (size_t)c * sizeof *p);
    if (!p)
      return NULL;
    s->steps = p;
    *cap = c;
  }
  memset(&s->steps[s->n_steps], 0, sizeof *s->steps);
  return &s->steps[s->n_steps++];
}

/* The values of a dense global as bytes of buftype b (owned). */
static void *global_values(MlirOperation global, const buftype *b) {
  MlirAttribute v = attr(global, "initial_value");
  if (mlirAttributeIsNull(v) || !mlirAttributeIsADenseElements(v))
    return NULL;
  size_t numel = b->bytes / b->elem;
  if ((size_t)mlirElementsAttrGetNumElements(v) != numel)
    return NULL;
  unsigned char *out = malloc(b->bytes ? b->bytes : 1);
  if (!out)
    return NULL;
  bool splat = mlirDenseElementsAttrIsSplat(v);
  const unsigned char *raw = mlirDenseElementsAttrGetRawData(v);
  for (size_t i = 0; i < numel; ++i) {
    intptr_t at = splat ? 0 : (intptr_t)i;
    unsigned char *dst = out + i * b->elem;
    switch (b->dtype) {
    case MLY_DTYPE_F32: {
      float f = mlirDenseElementsAttrGetFloatValue(v, at);
      memcpy(dst, &f, 4);
      break;
    }
    case MLY_DTYPE_F16:
    case MLY_DTYPE_BF16:
      memcpy(dst, raw + 2 * at, 2);
      break;
    case MLY_DTYPE_I64: {
      int64_t x = mlirDenseElementsAttrGetInt64Value(v, at);
      memcpy(dst, &x, 8);
      break;
    }
    case MLY_DTYPE_I32: {
      int32_t x = mlirDenseElementsAttrGetInt32Value(v, at);
      memcpy(dst, &x, 4);
      break;
    }
    case MLY_DTYPE_I8:
      *dst = (unsigned char)mlirDenseElementsAttrGetInt8Value(v, at);
      break;
    case MLY_DTYPE_U8:
      *dst = mlirDenseElementsAttrGetUInt8Value(v, at);
      break;
    case MLY_DTYPE_BOOL:
      *dst = mlirDenseElementsAttrGetBoolValue(v, at);
      break;
    }
  }
  return out;
}

static MlirOperation find_top(MlirModule module, const char *op_name,
                              MlirStringRef sym) {
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (op_is(op, op_name) && sym_is(op, sym))
      return op;
  return (MlirOperation){NULL};
}

/* An mly.* integer of argument i's attribute dictionary, or -1. */
static int64_t arg_int(MlirOperation func, intptr_t i, const char *name,
                       bool *present) {
  MlirAttribute all = attr(func, "arg_attrs");
  *present = false;
  if (mlirAttributeIsNull(all) || i >= mlirArrayAttrGetNumElements(all))
    return -1;
  MlirAttribute a = mlirDictionaryAttrGetElementByName(
      mlirArrayAttrGetElement(all, i), mlirStringRefCreateFromCString(name));
  if (mlirAttributeIsNull(a))
    return -1;
  *present = true;
  return mlirAttributeIsAInteger(a) ? mlirIntegerAttrGetValueInt(a) : -1;
}

/* Reads the launch's grid and block sizes and its kernel operands. */
static bool read_launch(plan_t *s, MlirOperation op, const values *vals,
                        step *st, MlirModule module) {
  intptr_t n_ops = mlirOperationGetNumOperands(op);
  MlirAttribute seg = attr(op, "operandSegmentSizes");
  MlirAttribute ref = attr(op, "kernel");
  intptr_t first_arg = 6, base = 0;
  if (!mlirAttributeIsNull(seg) && mlirAttributeIsADenseI32Array(seg)) {
    /* async deps, grid xyz, block xyz, cluster xyz, dynamic shared
     * memory, kernel operands, async object */
    intptr_t k = mlirDenseArrayGetNumElements(seg);
    if (k != 13 || mlirDenseI32ArrayGetElement(seg, 0) ||
        mlirDenseI32ArrayGetElement(seg, 7) ||
        mlirDenseI32ArrayGetElement(seg, 10) ||
        mlirDenseI32ArrayGetElement(seg, 12)) {
      op_error(op, "async launches, clusters and dynamic threadgroup "
                   "memory are not supported");
      return false;
    }
  }
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsASymbolRef(ref) ||
      mlirSymbolRefAttrGetNumNestedReferences(ref) != 1) {
    op_error(op, "the kernel is not @module::@kernel");
    return false;
  }
  MlirStringRef mod = mlirSymbolRefAttrGetRootReference(ref);
  MlirStringRef name = mlirSymbolRefAttrGetLeafReference(ref);
  MlirOperation gm = find_top(module, "gpu.module", mod);
  if (mlirOperationIsNull(gm) || (st->kernel = find_kernel(s, name)) < 0) {
    op_error(op, "kernel @%.*s::@%.*s not found", (int)mod.length, mod.data,
             (int)name.length, name.data);
    return false;
  }
  const kernel *k = &s->kernels[st->kernel];
  if (n_ops != first_arg + k->n_buffers) {
    op_error(op, "%d operands, expected 6 sizes and the kernel's %d buffers",
             (int)n_ops, k->n_buffers);
    return false;
  }
  for (int i = 0; i < 6; ++i) {
    int c = values_find(vals, mlirOperationGetOperand(op, base + i), false);
    int64_t x = c < 0 ? -1 : vals->x[c];
    if (c < 0 || x < 1 || x > UINT32_MAX) {
      op_error(op, "%s size %c is not a positive arith.constant",
               i < 3 ? "grid" : "block", "xyz"[i % 3]);
      return false;
    }
    (i < 3 ? st->grid : st->block)[i % 3] = (uint32_t)x;
  }
  uint64_t threads = (uint64_t)st->block[0] * st->block[1] * st->block[2];
  if (threads > max_group) {
    op_error(op, "threadgroups of %" PRIu64 " threads (at most %d)", threads,
             max_group);
    return false;
  }
  MlirOperation kop = {NULL};
  MlirBlock gb = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  for (MlirOperation o = mlirBlockGetFirstOperation(gb);
       !mlirOperationIsNull(o); o = mlirOperationGetNextInBlock(o))
    if (op_is(o, "gpu.func") && sym_is(o, name))
      kop = o;
  MlirAttribute known = attr(kop, "known_block_size");
  if (!mlirAttributeIsNull(known) && mlirAttributeIsADenseI32Array(known) &&
      mlirDenseArrayGetNumElements(known) == 3)
    for (int i = 0; i < 3; ++i)
      if ((uint32_t)mlirDenseI32ArrayGetElement(known, i) != st->block[i]) {
        op_error(op,
                 "block size (%u, %u, %u) differs from the kernel's "
                 "known_block_size",
                 st->block[0], st->block[1], st->block[2]);
        return false;
      }
  st->n_args = k->n_buffers;
  if (!(st->args = calloc((size_t)k->n_buffers + 1, sizeof *st->args)))
    return false;
  for (int i = 0; i < k->n_buffers; ++i) {
    MlirValue v = mlirOperationGetOperand(op, first_arg + i);
    int c = values_find(vals, v, true);
    if (c < 0) {
      op_error(op, "operand %d is not a buffer of the host function",
               (int)first_arg + i);
      return false;
    }
    if (!mlirTypeEqual(mlirValueGetType(v), k->types[i])) {
      op_error(op, "buffer %d's type differs from the kernel's argument", i);
      return false;
    }
    st->args[i] = (int)vals->x[c];
  }
  return true;
}

/* Turns the host function into s->slots and s->steps. */
static bool plan(plan_t *s, MlirModule module, MlirOperation func) {
  values vals = {0};
  int slot_cap = 0, step_cap = 0, n_offset = 0, n_alloc = 0;
  bool ok = false;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  s->n_host_args = (int)mlirBlockGetNumArguments(body);
  for (int i = 0; i < s->n_host_args; ++i) {
    MlirValue v = mlirBlockGetArgument(body, i);
    bool is_out;
    slot sl = {.arg = i, .output = -1, .offset = -1};
    int64_t out = arg_int(func, i, "mly.output", &is_out);
    if (!mlyGpuBufTypeOf(mlirValueGetType(v), &sl.type)) {
      op_error(func,
               "argument %d is not a memref of static shape, identity "
               "layout and a supported element type",
               i);
      goto out;
    }
    if (is_out) {
      /* The runtime lists outputs in argument order. */
      if (out != s->n_outputs) {
        op_error(func,
                 "argument %d is mly.output %" PRId64 ", expected %d "
                 "(outputs in argument order)",
                 i, out, s->n_outputs);
        goto out;
      }
      sl.output = s->n_outputs++;
    }
    MlirAttribute all = attr(func, "arg_attrs"), param = {NULL};
    if (!mlirAttributeIsNull(all) && i < mlirArrayAttrGetNumElements(all))
      param = mlirDictionaryAttrGetElementByName(
          mlirArrayAttrGetElement(all, i),
          mlirStringRefCreateFromCString("mly.param"));
    if (!mlirAttributeIsNull(param) && mlirAttributeIsAString(param) &&
        !(sl.name = dup_ref(mlirStringAttrGetValue(param))))
      goto out;
    int k = add_slot(s, &slot_cap, sl);
    if (k < 0 || !values_put(&vals, v, k, true))
      goto out;
  }
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (op_is(op, "arith.constant")) {
      MlirAttribute v = attr(op, "value");
      if (!mlirAttributeIsAInteger(v) ||
          !mlirTypeIsAIndex(mlirAttributeGetType(v))) {
        op_error(op, "only index constants are supported in the host "
                     "function");
        goto out;
      }
      if (!values_put(&vals, mlirOperationGetResult(op, 0),
                      mlirIntegerAttrGetValueInt(v), false))
        goto out;
    } else if (op_is(op, "memref.alloc") || op_is(op, "memref.get_global")) {
      MlirValue r = mlirOperationGetResult(op, 0);
      slot sl = {.arg = -1, .output = -1, .offset = -1};
      if (!mlyGpuBufTypeOf(mlirValueGetType(r), &sl.type) ||
          mlirOperationGetNumOperands(op)) {
        op_error(op, "the buffer is not a memref of static shape, identity "
                     "layout and a supported element type");
        goto out;
      }
      if (op_is(op, "memref.get_global")) {
        MlirAttribute name = attr(op, "name");
        MlirStringRef sym = mlirFlatSymbolRefAttrGetValue(name);
        MlirOperation g = find_top(module, "memref.global", sym);
        if (mlirOperationIsNull(g) || !(sl.init = global_values(g, &sl.type))) {
          op_error(op,
                   "@%.*s is not a top-level memref.global with dense "
                   "values of this type",
                   (int)sym.length, sym.data);
          goto out;
        }
      } else {
        MlirAttribute off = attr(op, "mly.offset");
        ++n_alloc;
        if (!mlirAttributeIsNull(off)) {
          if (!mlirAttributeIsAInteger(off) ||
              mlirIntegerAttrGetValueInt(off) < 0 ||
              mlirIntegerAttrGetValueInt(off) % 64) {
            op_error(op, "mly.offset is not a non-negative multiple of 64");
            goto out;
          }
          sl.offset = mlirIntegerAttrGetValueInt(off);
          size_t end = (size_t)sl.offset + sl.type.bytes;
          if (end > s->arena_bytes)
            s->arena_bytes = end;
          ++n_offset;
        }
      }
      int k = add_slot(s, &slot_cap, sl);
      step *st;
      if (k < 0 || !values_put(&vals, r, k, true) ||
          !(st = add_step(s, &step_cap)))
        goto out;
      st->kind = MLY_GPU_STEP_ALLOC;
      st->slot = k;
    } else if (op_is(op, "gpu.launch_func")) {
      step *st = add_step(s, &step_cap);
      if (!st)
        goto out;
      st->kind = MLY_GPU_STEP_LAUNCH;
      if (!read_launch(s, op, &vals, st, module))
        goto out;
    } else if (op_is(op, "memref.dealloc")) {
      int c = values_find(&vals, mlirOperationGetOperand(op, 0), true);
      step *st;
      if (c < 0 || s->slots[vals.x[c]].arg >= 0) {
        op_error(op, "only buffers of memref.alloc can be deallocated");
        goto out;
      }
      if (!(st = add_step(s, &step_cap)))
        goto out;
      st->kind = MLY_GPU_STEP_DEALLOC;
      st->slot = (int)vals.x[c];
    } else if (op_is(op, "func.return")) {
      if (mlirOperationGetNumOperands(op)) {
        op_error(op, "the host function returns nothing (outputs are "
                     "mly.output arguments)");
        goto out;
      }
    } else {
      op_error(op, "not supported in a host function (arith.constant, "
                   "memref.alloc/get_global/dealloc, gpu.launch_func, "
                   "func.return)");
      goto out;
    }
  }
  if (n_offset && n_offset != n_alloc) {
    op_error(func, "some memref.alloc have mly.offset and some not");
    goto out;
  }
  if (!n_offset)
    s->arena_bytes = 0;
  ok = true;
out:
  free(vals.v);
  free(vals.x);
  free(vals.is_slot);
  return ok;
}

/* The gpu.module that the host's launches name (exactly one); null after
 * a diagnostic when they name two. */
static MlirOperation launched_module(MlirModule module, MlirOperation func,
                                     bool *reported) {
  MlirOperation gm = {NULL};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!op_is(op, "gpu.launch_func"))
      continue;
    MlirAttribute ref = attr(op, "kernel");
    if (mlirAttributeIsNull(ref) || !mlirAttributeIsASymbolRef(ref))
      continue;
    MlirOperation g =
        find_top(module, "gpu.module", mlirSymbolRefAttrGetRootReference(ref));
    if (mlirOperationIsNull(g))
      continue;
    if (!mlirOperationIsNull(gm) && !mlirOperationEqual(gm, g)) {
      op_error(op, "the host launches kernels of two gpu.modules; a "
                   "backend runs one");
      *reported = true;
      return (MlirOperation){NULL};
    }
    gm = g;
  }
  return gm;
}

MlyGpuHostPlan *mlyGpuHostPlanCreate(MlirModule module, const char *entry,
                                     const char *backend_name,
                                     uint32_t max_threads, char *err,
                                     size_t err_size) {
  plan_t *s = calloc(1, sizeof *s);
  if (err && err_size)
    err[0] = 0;
  backend = backend_name;
  max_group = max_threads;
  if (!s) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  MlirOperation func =
      find_top(module, "func.func", mlirStringRefCreateFromCString(entry));
  if (mlirOperationIsNull(func) || !mlirOperationGetNumRegions(func) ||
      mlirRegionIsNull(mlirOperationGetRegion(func, 0)) ||
      mlirBlockIsNull(
          mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0)))) {
    set_err(err, err_size, "%s: no host function '%s'", backend, entry);
    goto out_free;
  }
  if (mlirAttributeIsNull(attr(func, "mly.host"))) {
    op_error(func,
             "'%s' is not a host function (no mly.host): lower it "
             "with mly-to-gpu first",
             entry);
    goto out_free;
  }
  bool reported = false;
  MlirOperation gm = launched_module(module, func, &reported);
  if (mlirOperationIsNull(gm)) {
    if (!reported)
      op_error(func, "launches no kernels of a gpu.module");
    goto out_free;
  }
  s->gpu_module = gm;
  if (!read_kernels(s, gm) || !plan(s, module, func))
    goto out_free;
  goto out;
out_free:
  mlyGpuHostPlanDestroy(s);
  s = NULL;
out:
  return s;
}
