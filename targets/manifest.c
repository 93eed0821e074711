/* The launch manifest of a host program (schema in mly_targets.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "targets/mly_targets.h"
#include "targets/target_util.h"

typedef struct buffer {
  MlirValue value; /* the host value (for constants: the first one) */
  char *name;      /* owned */
  const char *role;
  const char *global; /* constants: symbol (owned by the context), else NULL */
  size_t global_len;
  MlirType type;
  int64_t offset; /* -1: none */
  size_t bytes;
} buffer;

typedef struct state {
  buffer *b;
  size_t n, cap;
} state;

static void free_state(state *s) {
  for (size_t i = 0; i < s->n; ++i)
    free(s->b[i].name);
  free(s->b);
}

/* Appends a buffer of `type` (checked: static memref) for `value`, named
 * by printf. Returns it, or NULL after a diagnostic on `op`. */
static buffer *add_buffer(state *s, MlirOperation op, MlirValue value,
                          MlirType type, const char *role, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static buffer *add_buffer(state *s, MlirOperation op, MlirValue value,
                          MlirType type, const char *role, const char *fmt,
                          ...) {
  size_t esize;
  if (!mlirTypeIsAMemRef(type) || mlyTgtNumElements(type) < 0 ||
      !mlyTgtDtype(mlirShapedTypeGetElementType(type), &esize)) {
    mlyTgtOpError(op, "has a buffer that is not a memref of static shape "
                      "and known element type");
    return NULL;
  }
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 16;
    buffer *b = realloc(s->b, cap * sizeof *b);
    if (!b)
      goto oom;
    s->b = b;
    s->cap = cap;
  }
  char name[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(name, sizeof name, fmt, ap);
  va_end(ap);
  buffer *b = &s->b[s->n];
  *b = (buffer){.value = value,
                .role = role,
                .type = type,
                .offset = -1,
                .bytes = (size_t)mlyTgtNumElements(type) * esize};
  if (!(b->name = strdup(name)))
    goto oom;
  ++s->n;
  return b;
oom:
  mlyTgtOpError(op, "out of memory");
  return NULL;
}

static MlirAttribute dict_get(MlirAttribute dict, const char *name) {
  if (mlirAttributeIsNull(dict) || !mlirAttributeIsADictionary(dict))
    return (MlirAttribute){NULL};
  return mlirDictionaryAttrGetElementByName(
      dict, mlirStringRefCreateFromCString(name));
}

/* Collects the host function's buffers into `s`. */
static bool collect_buffers(state *s, MlirOperation func) {
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirAttribute arg_attrs = mlyTgtAttr(func, "arg_attrs");
  for (intptr_t i = 0, n = mlirBlockGetNumArguments(entry); i < n; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirAttribute d = mlirAttributeIsNull(arg_attrs)
                          ? arg_attrs
                          : mlirArrayAttrGetElement(arg_attrs, i);
    MlirAttribute name = dict_get(d, "mly.name");
    MlirAttribute param = dict_get(d, "mly.param");
    MlirAttribute out = dict_get(d, "mly.output");
    MlirStringRef nm = {NULL, 0};
    if (!mlirAttributeIsNull(name) && mlirAttributeIsAString(name))
      nm = mlirStringAttrGetValue(name);
    buffer *b;
    if (!mlirAttributeIsNull(out) && mlirAttributeIsAInteger(out)) {
      int64_t k = mlirIntegerAttrGetValueInt(out);
      b = nm.data ? add_buffer(s, func, arg, mlirValueGetType(arg), "output",
                               "%.*s", (int)nm.length, nm.data)
                  : add_buffer(s, func, arg, mlirValueGetType(arg), "output",
                               "output_%lld", (long long)k);
    } else if (!mlirAttributeIsNull(param) && mlirAttributeIsAString(param)) {
      MlirStringRef p = mlirStringAttrGetValue(param);
      b = add_buffer(s, func, arg, mlirValueGetType(arg), "weight", "%.*s",
                     (int)p.length, p.data);
    } else if (nm.data) {
      b = add_buffer(s, func, arg, mlirValueGetType(arg), "input", "%.*s",
                     (int)nm.length, nm.data);
    } else {
      b = add_buffer(s, func, arg, mlirValueGetType(arg), "input", "input_%lld",
                     (long long)i);
    }
    if (!b)
      return false;
  }
  int tmp = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirValue v = mlirOperationGetNumResults(op) == 1
                      ? mlirOperationGetResult(op, 0)
                      : (MlirValue){NULL};
    if (mlyTgtOpIs(op, "memref.alloc")) {
      buffer *b = add_buffer(s, op, v, mlirValueGetType(v), "intermediate",
                             "tmp_%d", tmp++);
      if (!b)
        return false;
      MlirAttribute off = mlyTgtAttr(op, "mly.offset");
      if (!mlirAttributeIsNull(off) && mlirAttributeIsAInteger(off))
        b->offset = mlirIntegerAttrGetValueInt(off);
    } else if (mlyTgtOpIs(op, "memref.get_global")) {
      MlirAttribute sym = mlyTgtAttr(op, "name");
      MlirStringRef g = mlirFlatSymbolRefAttrGetValue(sym);
      bool seen = false;
      for (size_t i = 0; i < s->n && !seen; ++i)
        seen = s->b[i].global && s->b[i].global_len == g.length &&
               !memcmp(s->b[i].global, g.data, g.length);
      if (seen)
        continue;
      buffer *b = add_buffer(s, op, v, mlirValueGetType(v), "constant", "%.*s",
                             (int)g.length, g.data);
      if (!b)
        return false;
      b->global = g.data;
      b->global_len = g.length;
    }
  }
  return true;
}

/* The buffer `v` (an operand of a launch) is, or NULL. */
static buffer *find_buffer(state *s, MlirValue v) {
  if (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    if (mlyTgtOpIs(def, "memref.get_global")) {
      MlirStringRef g = mlirFlatSymbolRefAttrGetValue(mlyTgtAttr(def, "name"));
      for (size_t i = 0; i < s->n; ++i)
        if (s->b[i].global && s->b[i].global_len == g.length &&
            !memcmp(s->b[i].global, g.data, g.length))
          return &s->b[i];
      return NULL;
    }
  }
  for (size_t i = 0; i < s->n; ++i)
    if (mlirValueEqual(s->b[i].value, v))
      return &s->b[i];
  return NULL;
}

static json_t *shape_json(MlirType t) {
  json_t *a = json_array();
  for (intptr_t i = 0, r = mlirShapedTypeGetRank(t); i < r; ++i)
    json_array_append_new(a, json_integer(mlirShapedTypeGetDimSize(t, i)));
  return a;
}

static json_t *buffer_json(const buffer *b) {
  return json_pack("{s:s, s:s, s:s, s:o, s:I}", "name", b->name, "role",
                   b->role, "dtype",
                   mlyTgtDtype(mlirShapedTypeGetElementType(b->type), NULL),
                   "shape", shape_json(b->type), "bytes", (json_int_t)b->bytes);
}

/* The op named `sym` (sym_name) of kind `kind` in `block`, or null. */
static MlirOperation find_symbol(MlirBlock block, const char *kind,
                                 MlirStringRef sym) {
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    size_t len;
    const char *n = mlyTgtStrAttr(op, "sym_name", &len);
    if (mlyTgtOpIs(op, kind) && n && len == sym.length &&
        !memcmp(n, sym.data, len))
      return op;
  }
  return (MlirOperation){NULL};
}

/* How the kernel uses its argument `arg`: "read", "write", "read_write". */
static const char *access_of(MlirValue arg) {
  bool r = false, w = false;
  for (MlirOpOperand u = mlirValueGetFirstUse(arg); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u)) {
    MlirOperation o = mlirOpOperandGetOwner(u);
    unsigned k = mlirOpOperandGetOperandNumber(u);
    if (mlyTgtOpIs(o, "memref.load") && k == 0)
      r = true;
    else if (mlyTgtOpIs(o, "memref.store") && k == 1)
      w = true;
    else
      r = w = true;
  }
  return r && w ? "read_write" : w ? "write" : "read";
}

/* The constant index value `v`, or false after a diagnostic on `launch`. */
static bool const_index(MlirOperation launch, MlirValue v, const char *what,
                        int64_t *out) {
  if (mlirValueIsAOpResult(v)) {
    MlirOperation def = mlirOpResultGetOwner(v);
    MlirAttribute a = mlyTgtAttr(def, "value");
    if (mlyTgtOpIs(def, "arith.constant") && !mlirAttributeIsNull(a) &&
        mlirAttributeIsAInteger(a)) {
      *out = mlirIntegerAttrGetValueInt(a);
      return true;
    }
  }
  mlyTgtOpError(launch, "has a %s that is not an arith.constant", what);
  return false;
}

/* The kernel entry of one launch, or NULL after a diagnostic. */
static json_t *launch_json(state *s, MlirOperation top, MlirOperation launch,
                           json_t *order) {
  json_t *k = NULL;
  MlirAttribute seg = mlyTgtAttr(launch, "operandSegmentSizes");
  MlirAttribute sym = mlyTgtAttr(launch, "kernel");
  if (mlirAttributeIsNull(seg) || !mlirAttributeIsADenseI32Array(seg) ||
      mlirDenseArrayGetNumElements(seg) != 13 || mlirAttributeIsNull(sym) ||
      !mlirAttributeIsASymbolRef(sym) ||
      mlirSymbolRefAttrGetNumNestedReferences(sym) != 1) {
    mlyTgtOpError(launch, "is not a gpu.launch_func of this MLIR version");
    return NULL;
  }
  /* Operand groups: async deps, grid x y z, block x y z, cluster x y z,
   * dynamic shared memory, kernel operands, async object. */
  int32_t start[14] = {0};
  for (int i = 0; i < 13; ++i)
    start[i + 1] = start[i] + mlirDenseI32ArrayGetElement(seg, i);
  int64_t dims[6], dyn = 0;
  static const char *const dim_names[6] = {"grid size x",  "grid size y",
                                           "grid size z",  "block size x",
                                           "block size y", "block size z"};
  for (int i = 0; i < 6; ++i)
    if (!const_index(launch, mlirOperationGetOperand(launch, start[1 + i]),
                     dim_names[i], &dims[i]))
      return NULL;
  if (start[11] > start[10] &&
      !const_index(launch, mlirOperationGetOperand(launch, start[10]),
                   "dynamic shared memory size", &dyn))
    return NULL;
  MlirStringRef mod = mlirSymbolRefAttrGetRootReference(sym);
  MlirStringRef fn = mlirSymbolRefAttrGetLeafReference(sym);
  MlirOperation gm =
      find_symbol(mlirRegionGetFirstBlock(mlirOperationGetRegion(top, 0)),
                  "gpu.module", mod);
  MlirOperation kernel =
      mlirOperationIsNull(gm)
          ? gm
          : find_symbol(mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0)),
                        "gpu.func", fn);
  if (mlirOperationIsNull(kernel)) {
    mlyTgtOpError(launch, "launches @%.*s::@%.*s, which does not exist",
                  (int)mod.length, mod.data, (int)fn.length, fn.data);
    return NULL;
  }
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(kernel, 0));
  int32_t n_args = start[12] - start[11];
  MlirType fty = mlirTypeAttrGetValue(mlyTgtAttr(kernel, "function_type"));
  if (mlirFunctionTypeGetNumInputs(fty) != n_args) {
    mlyTgtOpError(launch, "passes %d operands to a kernel of %d arguments",
                  (int)n_args, (int)mlirFunctionTypeGetNumInputs(fty));
    return NULL;
  }
  /* Workgroup attributions follow the arguments. */
  MlirAttribute nwg = mlyTgtAttr(kernel, "workgroup_attributions");
  int64_t n_wg = mlirAttributeIsNull(nwg) ? 0 : mlirIntegerAttrGetValueInt(nwg);
  int64_t wg_bytes = dyn;
  for (int64_t i = 0; i < n_wg; ++i) {
    MlirType t = mlirValueGetType(mlirBlockGetArgument(body, n_args + i));
    size_t es = 0;
    mlyTgtDtype(mlirShapedTypeGetElementType(t), &es);
    wg_bytes += mlyTgtNumElements(t) * (int64_t)es;
  }
  size_t kind_len = 0;
  const char *kind = mlyTgtStrAttr(kernel, "mly.kind", &kind_len);
  json_t *bindings = json_array();
  k = json_pack("{s:s%, s:s%, s:[I,I,I], s:[I,I,I], s:I, s:o}", "name", fn.data,
                fn.length, "kind", kind ? kind : "", kind_len, "grid",
                (json_int_t)dims[0], (json_int_t)dims[1], (json_int_t)dims[2],
                "threadgroup", (json_int_t)dims[3], (json_int_t)dims[4],
                (json_int_t)dims[5], "workgroup_memory_bytes",
                (json_int_t)wg_bytes, "bindings", bindings);
  for (int32_t i = 0; i < n_args; ++i) {
    MlirValue v = mlirOperationGetOperand(launch, start[11] + i);
    buffer *b = find_buffer(s, v);
    if (!b) {
      mlyTgtOpError(launch,
                    "operand #%d of the kernel is not a buffer of "
                    "the host function (an argument, memref.alloc "
                    "or memref.get_global)",
                    (int)i);
      json_decref(k);
      return NULL;
    }
    json_t *e = buffer_json(b);
    json_object_del(e, "name");
    json_t *bj = json_pack("{s:i, s:s}", "index", (int)i, "buffer", b->name);
    json_object_update(bj, e);
    json_decref(e);
    json_object_set_new(bj, "access",
                        json_string(access_of(mlirBlockGetArgument(body, i))));
    json_array_append_new(bindings, bj);
  }
  json_array_append_new(order, json_stringn(fn.data, fn.length));
  return k;
}

typedef struct sink {
  MlirStringCallback write;
  void *user;
} sink;

static int dump_cb(const char *p, size_t n, void *user) {
  sink *k = user;
  k->write(mlirStringRefCreate(p, n), k->user);
  return 0;
}

MlirLogicalResult mlyTargetWriteManifest(MlirModule host, const char *target,
                                         const char *source_file,
                                         MlirStringCallback write,
                                         void *user_data) {
  bool ok = false;
  state s = {0};
  json_t *root = NULL;
  MlirOperation top = mlirModuleGetOperation(host);
  MlirBlock block = mlirModuleGetBody(host);
  MlirOperation func = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!mlyTgtOpIs(op, "func.func") ||
        mlirAttributeIsNull(mlyTgtAttr(op, "mly.host")))
      continue;
    if (!mlirOperationIsNull(func)) {
      mlyTgtOpError(op, "is a second host function (mly.host); the "
                        "manifest describes one");
      goto out;
    }
    func = op;
  }
  if (mlirOperationIsNull(func)) {
    mlirEmitError(mlirOperationGetLocation(top),
                  "no host function (func.func with mly.host) for the "
                  "launch manifest");
    goto out;
  }
  if (!collect_buffers(&s, func))
    goto out;
  size_t hlen;
  const char *hname = mlyTgtStrAttr(func, "sym_name", &hlen);
  json_t *buffers = json_array(), *kernels = json_array(),
         *order = json_array();
  root = json_pack("{s:i, s:s, s:s, s:s%}", "version", MLY_MANIFEST_VERSION,
                   "target", target, "source", source_file, "host_function",
                   hname, hlen);
  int64_t arena = -1;
  for (size_t i = 0; i < s.n; ++i)
    if (s.b[i].offset >= 0 && s.b[i].offset + (int64_t)s.b[i].bytes > arena)
      arena = s.b[i].offset + (int64_t)s.b[i].bytes;
  if (arena >= 0)
    json_object_set_new(root, "arena_bytes", json_integer(arena));
  json_object_set_new(root, "buffers", buffers);
  json_object_set_new(root, "kernels", kernels);
  json_object_set_new(root, "launch_order", order);
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  for (intptr_t i = 0, n = mlirBlockGetNumArguments(entry); i < (intptr_t)s.n;
       ++i) {
    const buffer *b = &s.b[i];
    json_t *e = buffer_json(b);
    if (i < n) {
      json_object_set_new(e, "arg_index", json_integer(i));
      MlirAttribute aa = mlyTgtAttr(func, "arg_attrs");
      MlirAttribute out = dict_get(
          mlirAttributeIsNull(aa) ? aa : mlirArrayAttrGetElement(aa, i),
          "mly.output");
      if (!mlirAttributeIsNull(out))
        json_object_set_new(e, "output_index",
                            json_integer(mlirIntegerAttrGetValueInt(out)));
    }
    if (b->offset >= 0)
      json_object_set_new(e, "offset", json_integer(b->offset));
    if (b->global)
      json_object_set_new(e, "global", json_stringn(b->global, b->global_len));
    json_array_append_new(buffers, e);
  }
  /* Launches in program order; one nested in a region has no place in a
   * flat launch list. */
  for (MlirOperation op = mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (mlyTgtOpIs(op, "gpu.launch_func")) {
      json_t *k = launch_json(&s, top, op, order);
      if (!k)
        goto out;
      json_array_append_new(kernels, k);
    } else if (mlirOperationGetNumRegions(op) > 0) {
      mlyTgtOpError(op, "has regions; the manifest needs the host's launches "
                        "at the top level of its body");
      goto out;
    }
  }
  sink k = {write, user_data};
  ok = !json_dump_callback(root, dump_cb, &k,
                           JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  if (ok)
    write(mlirStringRefCreateFromCString("\n"), user_data);
out:
  json_decref(root);
  free_state(&s);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}
