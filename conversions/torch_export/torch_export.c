/* torch.export JSON (ExportedProgram, schema 8.x) -> aten dialect.
 *
 * One table maps ATen targets to aten ops; each entry carries a small spec
 * of the ATen schema's arguments (kind, name, default) from which a generic
 * builder makes operands and attributes. Targets whose structure changes on
 * the way (split, cat, index, lstm) have their own builders. */
#define _POSIX_C_SOURCE 200809L
#include "conversions/torch_export/torch_export.h"

#include <float.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#define MAX_RANK 16
#define MAX_OPERANDS 16
#define MAX_ATTRS 16
#define MAX_LIST 4096 /* pieces of a split, tensors of a cat, ... */

/* ---- The op table ---------------------------------------------------- */

typedef enum {
  B_GENERIC,
  B_SPLIT,       /* split.Tensor -> slices */
  B_SPLIT_SIZES, /* split_with_sizes -> slices */
  B_UNBIND,      /* unbind.int -> selects */
  B_CAT,         /* cat(list) -> chain of binary cats */
  B_INDEX,       /* index.Tensor -> index (linearised for several indices) */
  B_LSTM,        /* lstm.input -> one lstm op per layer */
} builder;

/* spec: space-separated "kind:name[=default]" in ATen schema order, kinds:
 *   T tensor operand, T? optional tensor operand, S Scalar-or-tensor operand
 *   (a Scalar becomes an aten.scalar_tensor), n number attr (int or float),
 *   f float attr, i int attr, b bool attr, I int-list attr (I2: a single int
 *   is repeated twice), s string attr.
 * Special defaults: I=K (kernel_size), I=ALL (every dim of operand 0),
 * f=SDPA (1/sqrt(query's last dim)), f=EPS (epsilon of operand 0's dtype),
 * i=MAX (INT64_MAX). Node arguments not in the spec (dtype, device, layout,
 * memory_format, ...) carry nothing the result type does not already say. */
typedef struct {
  const char *target; /* "aten.add.Tensor"; ".default" dropped */
  const char *op;     /* "aten.add" */
  builder b;
  int n_results;
  const char *spec;
} op_entry;

#define UNARY(t)                                                               \
  { "aten." t, "aten." t, B_GENERIC, 1, "T:self" }
static const op_entry op_table[] = {
    {"aten.add.Tensor", "aten.add", B_GENERIC, 1, "T:self S:other n:alpha=1"},
    {"aten.add.Scalar", "aten.add", B_GENERIC, 1, "T:self S:other n:alpha=1"},
    {"aten.sub.Tensor", "aten.sub", B_GENERIC, 1, "T:self S:other n:alpha=1"},
    {"aten.sub.Scalar", "aten.sub", B_GENERIC, 1, "T:self S:other n:alpha=1"},
    {"aten.mul.Tensor", "aten.mul", B_GENERIC, 1, "T:self S:other"},
    {"aten.mul.Scalar", "aten.mul", B_GENERIC, 1, "T:self S:other"},
    {"aten.div.Tensor", "aten.div", B_GENERIC, 1, "T:self S:other"},
    {"aten.div.Scalar", "aten.div", B_GENERIC, 1, "T:self S:other"},
    UNARY("neg"),
    {"aten.pow.Tensor_Scalar", "aten.pow", B_GENERIC, 1, "T:self S:exponent"},
    UNARY("rsqrt"),
    UNARY("sqrt"),
    UNARY("exp"),
    UNARY("log"),
    UNARY("tanh"),
    UNARY("sigmoid"),
    UNARY("sin"),
    UNARY("cos"),
    UNARY("relu"),
    {"aten.gelu", "aten.gelu", B_GENERIC, 1, "T:self s:approximate=none"},
    UNARY("silu"),
    {"aten.hardtanh", "aten.hardtanh", B_GENERIC, 1,
     "T:self n:min_val=-1.0 n:max_val=1.0"},
    UNARY("hardswish"),
    {"aten.clamp", "aten.clamp", B_GENERIC, 1, "T:self n:min=-inf n:max=inf"},
    {"aten.where.self", "aten.where", B_GENERIC, 1,
     "T:condition T:self T:other"},
    {"aten.eq.Tensor", "aten.eq", B_GENERIC, 1, "T:self S:other"},
    {"aten.eq.Scalar", "aten.eq", B_GENERIC, 1, "T:self S:other"},
    {"aten.ne.Scalar", "aten.ne", B_GENERIC, 1, "T:self S:other"},
    {"aten.ge.Scalar", "aten.ge", B_GENERIC, 1, "T:self S:other"},
    {"aten.le.Scalar", "aten.le", B_GENERIC, 1, "T:self S:other"},
    {"aten.le.Tensor", "aten.le", B_GENERIC, 1, "T:self S:other"},
    {"aten.lt.Scalar", "aten.lt", B_GENERIC, 1, "T:self S:other"},
    {"aten.gt.Scalar", "aten.gt", B_GENERIC, 1, "T:self S:other"},
    {"aten.logical_and", "aten.logical_and", B_GENERIC, 1, "T:self T:other"},
    UNARY("logical_not"),
    UNARY("bitwise_not"),
    {"aten.bitwise_and.Tensor", "aten.bitwise_and", B_GENERIC, 1,
     "T:self T:other"},
    {"aten.__and__.Tensor", "aten.bitwise_and", B_GENERIC, 1, "T:self T:other"},
    {"aten.any.dim", "aten.any", B_GENERIC, 1, "T:self i:dim b:keepdim=0"},
    {"aten.cumsum", "aten.cumsum", B_GENERIC, 1, "T:self i:dim"},
    {"aten.diff", "aten.diff", B_GENERIC, 1,
     "T:self i:n=1 i:dim=-1 T?:prepend T?:append"},
    {"aten.linear", "aten.linear", B_GENERIC, 1, "T:input T:weight T?:bias"},
    {"aten.addmm", "aten.addmm", B_GENERIC, 1,
     "T:self T:mat1 T:mat2 n:beta=1 n:alpha=1"},
    {"aten.mm", "aten.mm", B_GENERIC, 1, "T:self T:mat2"},
    {"aten.bmm", "aten.bmm", B_GENERIC, 1, "T:self T:mat2"},
    {"aten.matmul", "aten.matmul", B_GENERIC, 1, "T:self T:other"},
    {"aten.baddbmm", "aten.baddbmm", B_GENERIC, 1,
     "T:self T:batch1 T:batch2 n:beta=1 n:alpha=1"},
    {"aten.scaled_dot_product_attention", "aten.scaled_dot_product_attention",
     B_GENERIC, 1,
     "T:query T:key T:value T?:attn_mask f:dropout_p=0 b:is_causal=0 "
     "f:scale=SDPA b:enable_gqa=0"},
    {"aten.conv1d", "aten.conv1d", B_GENERIC, 1,
     "T:input T:weight T?:bias I1:stride=1 I1:padding=0 I1:dilation=1 "
     "i:groups=1"},
    {"aten.conv2d", "aten.conv2d", B_GENERIC, 1,
     "T:input T:weight T?:bias I2:stride=1 I2:padding=0 I2:dilation=1 "
     "i:groups=1"},
    {"aten.convolution", "aten.convolution", B_GENERIC, 1,
     "T:input T:weight T?:bias I:stride I:padding I:dilation b:transposed "
     "I:output_padding i:groups"},
    {"aten.batch_norm", "aten.batch_norm", B_GENERIC, 1,
     "T:input T?:weight T?:bias T?:running_mean T?:running_var b:training "
     "f:momentum f:eps b:cudnn_enabled"},
    {"aten._native_batch_norm_legit_no_training",
     "aten.native_batch_norm_legit_no_training", B_GENERIC, 3,
     "T:input T?:weight T?:bias T:running_mean T:running_var f:momentum "
     "f:eps"},
    {"aten.layer_norm", "aten.layer_norm", B_GENERIC, 1,
     "T:input I:normalized_shape T?:weight T?:bias f:eps=1e-05 "
     "b:cudnn_enable=1"},
    {"aten.native_layer_norm", "aten.native_layer_norm", B_GENERIC, 3,
     "T:input I:normalized_shape T?:weight T?:bias f:eps"},
    {"aten.group_norm", "aten.group_norm", B_GENERIC, 1,
     "T:input i:num_groups T?:weight T?:bias f:eps=1e-05 b:cudnn_enabled=1"},
    {"aten.native_group_norm", "aten.native_group_norm", B_GENERIC, 3,
     "T:input T?:weight T?:bias i:N i:C i:HxW i:group f:eps"},
    {"aten.rms_norm", "aten.rms_norm", B_GENERIC, 1,
     "T:input I:normalized_shape T?:weight f:eps=EPS"},
    {"aten.max_pool2d", "aten.max_pool2d", B_GENERIC, 1,
     "T:self I2:kernel_size I2:stride=K I2:padding=0 I2:dilation=1 "
     "b:ceil_mode=0"},
    {"aten.max_pool2d_with_indices", "aten.max_pool2d_with_indices", B_GENERIC,
     2,
     "T:self I2:kernel_size I2:stride=K I2:padding=0 I2:dilation=1 "
     "b:ceil_mode=0"},
    {"aten.avg_pool2d", "aten.avg_pool2d", B_GENERIC, 1,
     "T:self I2:kernel_size I2:stride=K I2:padding=0 b:ceil_mode=0 "
     "b:count_include_pad=1 i:divisor_override=0"},
    {"aten.adaptive_avg_pool2d", "aten.adaptive_avg_pool2d", B_GENERIC, 1,
     "T:self I2:output_size"},
    {"aten.mean.dim", "aten.mean", B_GENERIC, 1,
     "T:self I:dim=ALL b:keepdim=0"},
    {"aten.sum.dim_IntList", "aten.sum", B_GENERIC, 1,
     "T:self I:dim=ALL b:keepdim=0"},
    {"aten.amax", "aten.amax", B_GENERIC, 1, "T:self I:dim=ALL b:keepdim=0"},
    {"aten.softmax.int", "aten.softmax", B_GENERIC, 1, "T:self i:dim"},
    {"aten._softmax", "aten.softmax", B_GENERIC, 1, "T:self i:dim"},
    {"aten.log_softmax.int", "aten.log_softmax", B_GENERIC, 1, "T:self i:dim"},
    {"aten._log_softmax", "aten.log_softmax", B_GENERIC, 1, "T:self i:dim"},
    {"aten.dropout", "aten.dropout", B_GENERIC, 1, "T:input f:p b:train"},
    {"aten.view", "aten.view", B_GENERIC, 1, "T:self I:size"},
    {"aten.reshape", "aten.reshape", B_GENERIC, 1, "T:self I:shape"},
    {"aten.permute", "aten.permute", B_GENERIC, 1, "T:self I:dims"},
    {"aten.transpose.int", "aten.transpose", B_GENERIC, 1,
     "T:self i:dim0 i:dim1"},
    UNARY("t"),
    {"aten.expand", "aten.expand", B_GENERIC, 1, "T:self I:size"},
    {"aten.unsqueeze", "aten.unsqueeze", B_GENERIC, 1, "T:self i:dim"},
    {"aten.squeeze.dims", "aten.squeeze", B_GENERIC, 1, "T:self I:dim"},
    {"aten.flatten.using_ints", "aten.flatten", B_GENERIC, 1,
     "T:self i:start_dim=0 i:end_dim=-1"},
    {"aten.slice.Tensor", "aten.slice", B_GENERIC, 1,
     "T:self i:dim=0 i:start=0 i:end=MAX i:step=1"},
    {"aten.select.int", "aten.select", B_GENERIC, 1, "T:self i:dim i:index"},
    {"aten.split.Tensor", "aten.slice", B_SPLIT, -1, ""},
    {"aten.split_with_sizes", "aten.slice", B_SPLIT_SIZES, -1, ""},
    {"aten.unbind.int", "aten.select", B_UNBIND, -1, ""},
    {"aten.cat", "aten.cat", B_CAT, 1, ""},
    UNARY("clone"),
    UNARY("contiguous"),
    UNARY("alias"),
    {"aten.embedding", "aten.embedding", B_GENERIC, 1,
     "T:weight T:indices i:padding_idx=-1 b:scale_grad_by_freq=0 b:sparse=0"},
    {"aten.gather", "aten.gather", B_GENERIC, 1,
     "T:self i:dim T:index b:sparse_grad=0"},
    {"aten.index.Tensor", "aten.index", B_INDEX, 1, ""},
    {"aten.index_select", "aten.index_select", B_GENERIC, 1,
     "T:self i:dim T:index"},
    {"aten.to.dtype", "aten.to_copy", B_GENERIC, 1, "T:self"},
    {"aten.to.device", "aten.to_copy", B_GENERIC, 1, "T:self"},
    {"aten.to.dtype_layout", "aten.to_copy", B_GENERIC, 1, "T:self"},
    {"aten._to_copy", "aten.to_copy", B_GENERIC, 1, "T:self"},
    {"aten.arange", "aten.arange", B_GENERIC, 1, "n:start=0 n:end n:step=1"},
    {"aten.arange.start_step", "aten.arange", B_GENERIC, 1,
     "n:start=0 n:end n:step=1"},
    {"aten.full", "aten.full", B_GENERIC, 1, "I:size n:fill_value"},
    {"aten.full_like", "aten.full_like", B_GENERIC, 1, "T:self n:fill_value"},
    {"aten.zeros", "aten.zeros", B_GENERIC, 1, "I:size"},
    {"aten.ones", "aten.ones", B_GENERIC, 1, "I:size"},
    {"aten.new_ones", "aten.new_ones", B_GENERIC, 1, "T:self I:size"},
    {"aten.scalar_tensor", "aten.scalar_tensor", B_GENERIC, 1, "n:s"},
    {"aten.masked_fill.Scalar", "aten.masked_fill", B_GENERIC, 1,
     "T:self T:mask n:value"},
    {"aten.lstm.input", "aten.lstm", B_LSTM, 3, ""},
};
#undef UNARY

#define N_OPS (sizeof op_table / sizeof op_table[0])

void mlyTorchExportPrintOps(MlirStringCallback cb, void *user_data) {
  char line[256];
  for (size_t i = 0; i < N_OPS; ++i) {
    int n = snprintf(line, sizeof line, "%s -> %s\n", op_table[i].target,
                     op_table[i].op);
    if (n > 0 && (size_t)n < sizeof line)
      cb(mlirStringRefCreate(line, (size_t)n), user_data);
  }
}

/* "torch.ops.aten.add.Tensor" -> "aten.add.Tensor", "...linear.default" ->
 * "aten.linear", into `buf`. False if it does not fit. */
static bool target_key(const char *target, char *buf, size_t cap) {
  const char *p = strncmp(target, "torch.ops.", 10) ? target : target + 10;
  size_t n = strlen(p);
  if (n >= 8 && !strcmp(p + n - 8, ".default"))
    n -= 8;
  if (n + 1 > cap)
    return false;
  memcpy(buf, p, n);
  buf[n] = 0;
  return true;
}

static const op_entry *find_op(const char *target) {
  char key[256];
  if (!target_key(target, key, sizeof key))
    return NULL;
  for (size_t i = 0; i < N_OPS; ++i)
    if (!strcmp(op_table[i].target, key))
      return &op_table[i];
  return NULL;
}

/* ---- Importer state -------------------------------------------------- */

/* Name -> value, open addressing; keys point into the JSON document. */
typedef struct {
  const char **keys;
  MlirValue *vals;
  size_t cap, n;
} value_map;

typedef struct {
  MlirContext ctx;
  const char *path;
  FILE *err;
  int n_errors;
  MlirBlock block; /* where ops go */
} importer;

/* One graph: the top level or an inlined subgraph, with its own names. */
typedef struct {
  importer *im;
  json_t *tvals; /* graph.tensor_values */
  value_map vals;
} scope;

static void error(importer *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void error(importer *im, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(im->err, "%s: error: ", im->path);
  vfprintf(im->err, fmt, ap);
  fputc('\n', im->err);
  va_end(ap);
  im->n_errors++;
}

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; ++s)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static void map_free(value_map *m) {
  free(m->keys);
  free(m->vals);
  memset(m, 0, sizeof *m);
}

static bool map_put(value_map *m, const char *key, MlirValue v) {
  if (2 * (m->n + 1) > m->cap) {
    value_map g = {.cap = m->cap ? 2 * m->cap : 64};
    g.keys = calloc(g.cap, sizeof *g.keys);
    g.vals = calloc(g.cap, sizeof *g.vals);
    if (!g.keys || !g.vals) {
      map_free(&g);
      return false;
    }
    for (size_t i = 0; i < m->cap; ++i)
      if (m->keys[i])
        map_put(&g, m->keys[i], m->vals[i]);
    map_free(m);
    *m = g;
  }
  size_t i = hash_str(key) & (m->cap - 1);
  while (m->keys[i] && strcmp(m->keys[i], key))
    i = (i + 1) & (m->cap - 1);
  if (!m->keys[i])
    m->n++;
  m->keys[i] = key;
  m->vals[i] = v;
  return true;
}

static bool map_get(const value_map *m, const char *key, MlirValue *v) {
  if (!m->cap)
    return false;
  size_t i = hash_str(key) & (m->cap - 1);
  while (m->keys[i]) {
    if (!strcmp(m->keys[i], key)) {
      *v = m->vals[i];
      return true;
    }
    i = (i + 1) & (m->cap - 1);
  }
  return false;
}

/* ---- JSON helpers ---------------------------------------------------- */

static const char *obj_str(json_t *o, const char *key) {
  json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
  return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The single "as_*" key of an Argument and its value ("" and NULL when
 * `arg` is not an object with a key). */
static const char *arg_kind(json_t *arg, json_t **val) {
  *val = NULL;
  if (!json_is_object(arg) || json_object_size(arg) < 1)
    return "";
  void *it = json_object_iter(arg);
  *val = json_object_iter_value(it);
  return json_object_iter_key(it);
}

/* A float of the serializer: a JSON number, or "Infinity", "-Infinity",
 * "NaN" as strings. */
static bool json_float(json_t *v, double *out) {
  const char *z = json_is_string(v) ? json_string_value(v) : NULL;
  if (json_is_number(v))
    *out = json_number_value(v);
  else if (z && !strcmp(z, "Infinity"))
    *out = INFINITY;
  else if (z && !strcmp(z, "-Infinity"))
    *out = -INFINITY;
  else if (z && !strcmp(z, "NaN"))
    *out = NAN;
  else
    return false;
  return true;
}

static bool is_none(json_t *arg) {
  json_t *v;
  return !arg || !strcmp(arg_kind(arg, &v), "as_none");
}

/* The argument named `name` of a node, or NULL. */
static json_t *node_arg(json_t *node, const char *name) {
  json_t *ins = json_object_get(node, "inputs");
  size_t i;
  json_t *in;
  json_array_foreach(ins, i, in) {
    const char *n = obj_str(in, "name");
    if (n && !strcmp(n, name))
      return json_object_get(in, "arg");
  }
  return NULL;
}

/* ---- Types and locations --------------------------------------------- */

static MlirType elt_type(MlirContext ctx, json_int_t dtype) {
  switch (dtype) { /* torch/_export/serde/schema.py ScalarType */
  case 4:
    return mlirIntegerTypeGet(ctx, 32);
  case 5:
    return mlirIntegerTypeGet(ctx, 64);
  case 6:
    return mlirF16TypeGet(ctx);
  case 7:
    return mlirF32TypeGet(ctx);
  case 12:
    return mlirIntegerTypeGet(ctx, 1);
  case 13:
    return mlirBF16TypeGet(ctx);
  default:
    return (MlirType){NULL};
  }
}

/* The tensor type of value `name` from the graph's tensor_values. */
static bool value_type(scope *s, const char *name, MlirType *out) {
  importer *im = s->im;
  json_t *tv = json_object_get(s->tvals, name);
  json_t *dt = json_object_get(tv, "dtype");
  json_t *sizes = json_object_get(tv, "sizes");
  if (!json_is_object(tv) || !json_is_integer(dt) || !json_is_array(sizes)) {
    error(im, "value '%s' has no tensor metadata (dtype, sizes)", name);
    return false;
  }
  MlirType elt = elt_type(im->ctx, json_integer_value(dt));
  if (mlirTypeIsNull(elt)) {
    error(im, "value '%s' has unsupported dtype %" JSON_INTEGER_FORMAT, name,
          json_integer_value(dt));
    return false;
  }
  size_t rank = json_array_size(sizes);
  if (rank > MAX_RANK) {
    error(im, "value '%s' has rank %zu, more than %d", name, rank, MAX_RANK);
    return false;
  }
  int64_t dims[MAX_RANK];
  for (size_t i = 0; i < rank; ++i) {
    json_t *d = json_array_get(sizes, i), *v;
    if (strcmp(arg_kind(d, &v), "as_int") || !json_is_integer(v)) {
      error(im, "value '%s' has a dynamic size at dim %zu (static shapes only)",
            name, i);
      return false;
    }
    if (json_integer_value(v) < 0) {
      error(im, "value '%s' has negative size at dim %zu", name, i);
      return false;
    }
    dims[i] = json_integer_value(v);
  }
  *out = mlirRankedTensorTypeGet((intptr_t)rank, dims, elt,
                                 mlirAttributeGetNull());
  return true;
}

/* loc("node") fused with the last `File "x", line N` of the stack trace. */
static MlirLocation node_loc(MlirContext ctx, json_t *node) {
  const char *name = obj_str(node, "name");
  MlirLocation nl = mlirLocationNameGet(
      ctx, mlirStringRefCreateFromCString(name ? name : "?"),
      mlirLocationUnknownGet(ctx));
  const char *st = obj_str(json_object_get(node, "metadata"), "stack_trace");
  const char *last = NULL;
  for (const char *p = st; p && (p = strstr(p, "File \"")); p += 6)
    last = p;
  if (!last)
    return nl;
  const char *f = last + 6, *q = strchr(f, '"');
  if (!q || strncmp(q, "\", line ", 8))
    return nl;
  long line = strtol(q + 8, NULL, 10);
  if (line <= 0 || line > INT32_MAX)
    return nl;
  MlirLocation locs[2] = {
      nl, mlirLocationFileLineColGet(
              ctx, mlirStringRefCreate(f, (size_t)(q - f)), (unsigned)line, 0)};
  return mlirLocationFusedGet(ctx, 2, locs, mlirAttributeGetNull());
}

static int64_t type_rank(MlirType t) { return mlirShapedTypeGetRank(t); }

/* ---- Op creation ----------------------------------------------------- */

static MlirNamedAttribute named(MlirContext ctx, const char *name,
                                MlirAttribute a) {
  return mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), a);
}

static MlirAttribute i64_attr(MlirContext ctx, int64_t v) {
  return mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), v);
}

static MlirAttribute f64_attr(MlirContext ctx, double v) {
  return mlirFloatAttrDoubleGet(ctx, mlirF64TypeGet(ctx), v);
}

static MlirOperation make_op(importer *im, const char *name, MlirLocation loc,
                             intptr_t n_in, const MlirValue *in, intptr_t n_out,
                             const MlirType *out, intptr_t n_attr,
                             const MlirNamedAttribute *attr) {
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString(name), loc);
  mlirOperationStateAddOperands(&st, n_in, in);
  mlirOperationStateAddResults(&st, n_out, out);
  mlirOperationStateAddAttributes(&st, n_attr, attr);
  MlirOperation op = mlirOperationCreate(&st);
  mlirBlockAppendOwnedOperation(im->block, op);
  return op;
}

/* A 0-d tensor holding a Scalar argument: tensor<f32>, tensor<i64> or
 * tensor<i1>. */
static bool scalar_tensor(importer *im, MlirLocation loc, const char *kind,
                          json_t *v, MlirValue *out) {
  MlirContext ctx = im->ctx;
  MlirAttribute a;
  MlirType t;
  double f;
  if (!strcmp(kind, "as_int") && json_is_integer(v)) {
    a = i64_attr(ctx, json_integer_value(v));
    t = mlirIntegerTypeGet(ctx, 64);
  } else if (!strcmp(kind, "as_float") && json_float(v, &f)) {
    a = f64_attr(ctx, f);
    t = mlirF32TypeGet(ctx);
  } else if (!strcmp(kind, "as_bool") && json_is_boolean(v)) {
    a = mlirBoolAttrGet(ctx, json_is_true(v));
    t = mlirIntegerTypeGet(ctx, 1);
  } else {
    return false;
  }
  MlirType tt = mlirRankedTensorTypeGet(0, NULL, t, mlirAttributeGetNull());
  MlirNamedAttribute na = named(ctx, "s", a);
  *out = mlirOperationGetResult(
      make_op(im, "aten.scalar_tensor", loc, 0, NULL, 1, &tt, 1, &na), 0);
  return true;
}

/* An int-constant 0-d tensor<i64>. */
static MlirValue int_tensor(importer *im, MlirLocation loc, int64_t v) {
  MlirValue r;
  json_t *j = json_integer(v);
  scalar_tensor(im, loc, "as_int", j, &r);
  json_decref(j);
  return r;
}

/* ---- Node context ---------------------------------------------------- */

typedef struct {
  scope *s;
  json_t *node;
  const char *name;
  const op_entry *e;
  MlirLocation loc;
  /* result names and types, flattened from the node's outputs */
  const char *out_names[MAX_LIST];
  MlirType out_types[MAX_LIST];
  size_t n_out;
} node_ctx;

static bool lookup(node_ctx *n, const char *vname, MlirValue *v) {
  if (map_get(&n->s->vals, vname, v))
    return true;
  error(n->s->im, "node '%s' uses undefined value '%s'", n->name, vname);
  return false;
}

/* A tensor argument (as_tensor or as_optional_tensor) into *v. */
static bool tensor_arg(node_ctx *n, json_t *arg, const char *aname,
                       MlirValue *v) {
  json_t *val;
  const char *k = arg_kind(arg, &val);
  if (!strcmp(k, "as_optional_tensor"))
    k = arg_kind(val, &val);
  const char *vn = obj_str(val, "name");
  if (strcmp(k, "as_tensor") || !vn) {
    error(n->s->im, "node '%s': argument '%s' is not a tensor", n->name, aname);
    return false;
  }
  return lookup(n, vn, v);
}

static bool node_outputs(node_ctx *n) {
  json_t *outs = json_object_get(n->node, "outputs"), *o;
  size_t i;
  if (!json_is_array(outs)) {
    error(n->s->im, "node '%s' has no outputs array", n->name);
    return false;
  }
  n->n_out = 0;
  json_array_foreach(outs, i, o) {
    json_t *v;
    const char *k = arg_kind(o, &v);
    json_t *list = NULL;
    if (!strcmp(k, "as_tensor")) {
      list = json_pack("[O]", v);
    } else if (!strcmp(k, "as_tensors") && json_is_array(v)) {
      list = json_incref(v);
    } else {
      error(n->s->im, "node '%s' has an output of kind '%s', expected tensors",
            n->name, k);
      return false;
    }
    size_t j;
    json_t *t;
    bool ok = true;
    json_array_foreach(list, j, t) {
      const char *tn = obj_str(t, "name");
      if (!tn || n->n_out >= MAX_LIST) {
        error(n->s->im, "node '%s' has a malformed output", n->name);
        ok = false;
        break;
      }
      if (!value_type(n->s, tn, &n->out_types[n->n_out])) {
        ok = false;
        break;
      }
      n->out_names[n->n_out++] = tn;
    }
    json_decref(list);
    if (!ok)
      return false;
  }
  return true;
}

static bool bind_results(node_ctx *n, MlirOperation op) {
  for (size_t i = 0; i < n->n_out; ++i)
    if (!map_put(&n->s->vals, n->out_names[i],
                 mlirOperationGetResult(op, (intptr_t)i)))
      return false;
  return true;
}

/* ---- Generic builder --------------------------------------------------- */

static bool int_list(node_ctx *n, json_t *arg, const char *aname, int64_t *out,
                     intptr_t *len) {
  json_t *v, *x;
  const char *k = arg_kind(arg, &v);
  if (!strcmp(k, "as_int") && json_is_integer(v)) {
    out[0] = json_integer_value(v);
    *len = 1;
    return true;
  }
  if (strcmp(k, "as_ints") || !json_is_array(v) ||
      json_array_size(v) > MAX_RANK) {
    error(n->s->im,
          "node '%s': argument '%s' is %s, expected a static int list of at "
          "most %d",
          n->name, aname, k, MAX_RANK);
    return false;
  }
  size_t i;
  json_array_foreach(v, i, x) {
    if (!json_is_integer(x)) {
      error(n->s->im, "node '%s': argument '%s' is not a list of ints", n->name,
            aname);
      return false;
    }
    out[i] = json_integer_value(x);
  }
  *len = (intptr_t)json_array_size(v);
  return true;
}

static double dtype_eps(MlirType t) {
  MlirType e = mlirShapedTypeGetElementType(t);
  if (mlirTypeIsAF16(e))
    return 0.0009765625;
  if (mlirTypeIsABF16(e))
    return 0.0078125;
  return FLT_EPSILON;
}

static bool build_generic(node_ctx *n) {
  importer *im = n->s->im;
  MlirContext ctx = im->ctx;
  MlirValue opnds[MAX_OPERANDS];
  int32_t segs[MAX_OPERANDS];
  intptr_t n_opnd = 0, n_seg = 0, n_attr = 0, n_opt = 0;
  MlirNamedAttribute attrs[MAX_ATTRS];
  int64_t kernel[MAX_RANK];
  intptr_t n_kernel = 0;
  char spec[512];
  if (strlen(n->e->spec) >= sizeof spec)
    return false;
  strcpy(spec, n->e->spec);
  for (char *save = NULL, *tok = strtok_r(spec, " ", &save); tok;
       tok = strtok_r(NULL, " ", &save)) {
    char *colon = strchr(tok, ':'), *eq;
    *colon = 0;
    const char *kind = tok, *aname = colon + 1, *dflt = NULL;
    if ((eq = strchr(colon + 1, '='))) {
      *eq = 0;
      dflt = eq + 1;
    }
    json_t *arg = node_arg(n->node, aname), *v = NULL;
    bool none = is_none(arg);
    const char *ak = none ? "as_none" : arg_kind(arg, &v);
    if (kind[0] == 'T' || kind[0] == 'S') {
      bool opt = kind[1] == '?';
      n_opt += opt;
      if (none) {
        if (!opt) {
          error(im, "node '%s': missing tensor argument '%s'", n->name, aname);
          return false;
        }
        segs[n_seg++] = 0;
        continue;
      }
      if (n_opnd >= MAX_OPERANDS)
        return false;
      if (kind[0] == 'S' && strcmp(ak, "as_tensor")) {
        if (!scalar_tensor(im, n->loc, ak, v, &opnds[n_opnd])) {
          error(im, "node '%s': argument '%s' is %s, expected a Scalar",
                n->name, aname, ak);
          return false;
        }
      } else if (!tensor_arg(n, arg, aname, &opnds[n_opnd])) {
        return false;
      }
      n_opnd++;
      segs[n_seg++] = 1;
      continue;
    }
    if (none && !dflt) {
      error(im, "node '%s': missing argument '%s'", n->name, aname);
      return false;
    }
    MlirAttribute a = mlirAttributeGetNull();
    bool bad = false;
    double fv;
    switch (kind[0]) {
    case 'n':
      if (none)
        a = strpbrk(dflt, ".in") ? f64_attr(ctx, strtod(dflt, NULL))
                                 : i64_attr(ctx, strtoll(dflt, NULL, 10));
      else if (!strcmp(ak, "as_int") && json_is_integer(v))
        a = i64_attr(ctx, json_integer_value(v));
      else if (!strcmp(ak, "as_float") && json_float(v, &fv))
        a = f64_attr(ctx, fv);
      else if (!strcmp(ak, "as_bool") && json_is_boolean(v))
        a = mlirBoolAttrGet(ctx, json_is_true(v));
      else
        bad = true;
      break;
    case 'f':
      if (!none && (!strcmp(ak, "as_float") || !strcmp(ak, "as_int")) &&
          json_float(v, &fv)) {
        a = f64_attr(ctx, fv);
      } else if (!none) {
        bad = true;
      } else if (!strcmp(dflt, "SDPA") || !strcmp(dflt, "EPS")) {
        if (n_opnd < 1)
          return false;
        MlirType t = mlirValueGetType(opnds[0]);
        int64_t r = type_rank(t);
        int64_t e = r ? mlirShapedTypeGetDimSize(t, r - 1) : 1;
        a = f64_attr(ctx, !strcmp(dflt, "EPS")
                              ? dtype_eps(t)
                              : 1.0 / sqrt((double)(e ? e : 1)));
      } else {
        a = f64_attr(ctx, strtod(dflt, NULL));
      }
      break;
    case 'i':
      if (none)
        a = i64_attr(ctx, !strcmp(dflt, "MAX") ? INT64_MAX
                                               : strtoll(dflt, NULL, 10));
      else if (!strcmp(ak, "as_int") && json_is_integer(v))
        a = i64_attr(ctx, json_integer_value(v));
      else
        bad = true;
      break;
    case 'b':
      if (none)
        a = mlirBoolAttrGet(ctx, dflt[0] == '1');
      else if (!strcmp(ak, "as_bool") && json_is_boolean(v))
        a = mlirBoolAttrGet(ctx, json_is_true(v));
      else
        bad = true;
      break;
    case 's':
      if (none)
        a = mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(dflt));
      else if (!strcmp(ak, "as_string") && json_is_string(v))
        a = mlirStringAttrGet(
            ctx, mlirStringRefCreateFromCString(json_string_value(v)));
      else
        bad = true;
      break;
    case 'I': {
      int64_t xs[MAX_RANK];
      intptr_t len = 0;
      int want = kind[1] ? kind[1] - '0' : 0;
      if (!none) {
        if (!int_list(n, arg, aname, xs, &len))
          return false;
      } else if (!strcmp(dflt, "K")) {
        memcpy(xs, kernel, sizeof(int64_t) * (size_t)n_kernel);
        len = n_kernel;
      } else if (!strcmp(dflt, "ALL")) {
        len = n_opnd ? type_rank(mlirValueGetType(opnds[0])) : 0;
        for (intptr_t d = 0; d < len; ++d)
          xs[d] = d;
      } else {
        xs[0] = strtoll(dflt, NULL, 10);
        len = 1;
      }
      if (len == 0 && !strcmp(aname, "stride") && dflt &&
          !strcmp(dflt, "K")) { /* stride=[] means kernel_size */
        memcpy(xs, kernel, sizeof(int64_t) * (size_t)n_kernel);
        len = n_kernel;
      }
      if (want && len == 1)
        for (len = 1; len < want; ++len)
          xs[len] = xs[0];
      if (!strcmp(aname, "kernel_size")) {
        memcpy(kernel, xs, sizeof(int64_t) * (size_t)len);
        n_kernel = len;
      }
      a = mlirDenseI64ArrayGet(ctx, len, xs);
      break;
    }
    default:
      return false;
    }
    if (bad) {
      error(im, "node '%s': argument '%s' has unexpected kind '%s'", n->name,
            aname, ak);
      return false;
    }
    if (n_attr >= MAX_ATTRS - 1)
      return false;
    attrs[n_attr++] = named(ctx, aname, a);
  }
  if (n_opt >= 2)
    attrs[n_attr++] = named(ctx, "operandSegmentSizes",
                            mlirDenseI32ArrayGet(ctx, n_seg, segs));
  if (n->n_out != (size_t)n->e->n_results) {
    error(im, "node '%s' (%s) has %zu outputs, expected %d", n->name,
          n->e->target, n->n_out, n->e->n_results);
    return false;
  }
  MlirOperation op = make_op(im, n->e->op, n->loc, n_opnd, opnds,
                             (intptr_t)n->n_out, n->out_types, n_attr, attrs);
  return bind_results(n, op);
}

/* ---- Structural builders --------------------------------------------- */

static bool int_arg(node_ctx *n, const char *aname, bool has_default,
                    int64_t dflt, int64_t *out) {
  json_t *arg = node_arg(n->node, aname), *v;
  if (is_none(arg) && has_default) {
    *out = dflt;
    return true;
  }
  if (!is_none(arg) && !strcmp(arg_kind(arg, &v), "as_int") &&
      json_is_integer(v)) {
    *out = json_integer_value(v);
    return true;
  }
  error(n->s->im, "node '%s': argument '%s' must be an int", n->name, aname);
  return false;
}

/* Normalises `d` against `rank` (negative dims count from the end). */
static bool norm_dim(node_ctx *n, int64_t *d, int64_t rank) {
  if (*d < -rank || *d >= rank || rank == 0) {
    error(n->s->im,
          "node '%s': dim %" PRId64 " is out of range for rank %" PRId64,
          n->name, *d, rank);
    return false;
  }
  if (*d < 0)
    *d += rank;
  return true;
}

static MlirOperation slice_op(importer *im, MlirLocation loc, MlirValue x,
                              MlirType t, int64_t dim, int64_t start,
                              int64_t end) {
  MlirContext ctx = im->ctx;
  MlirNamedAttribute a[4] = {named(ctx, "dim", i64_attr(ctx, dim)),
                             named(ctx, "start", i64_attr(ctx, start)),
                             named(ctx, "end", i64_attr(ctx, end)),
                             named(ctx, "step", i64_attr(ctx, 1))};
  return make_op(im, "aten.slice", loc, 1, &x, 1, &t, 4, a);
}

/* split.Tensor, split_with_sizes, unbind.int: one slice/select per piece. */
static bool build_split(node_ctx *n) {
  importer *im = n->s->im;
  MlirValue x;
  int64_t dim, size = 0;
  int64_t sizes[MAX_LIST];
  if (!tensor_arg(n, node_arg(n->node, "self"), "self", &x) ||
      !int_arg(n, "dim", true, 0, &dim))
    return false;
  MlirType xt = mlirValueGetType(x);
  if (!norm_dim(n, &dim, type_rank(xt)))
    return false;
  int64_t total = mlirShapedTypeGetDimSize(xt, dim);
  if (n->e->b == B_SPLIT_SIZES) {
    json_t *arg = node_arg(n->node, "split_sizes"), *v, *e;
    size_t i;
    if (strcmp(arg_kind(arg, &v), "as_ints") || !json_is_array(v) ||
        json_array_size(v) != n->n_out) {
      error(im, "node '%s': split_sizes must be %zu ints", n->name, n->n_out);
      return false;
    }
    json_array_foreach(v, i, e) sizes[i] = json_integer_value(e);
  } else if (n->e->b == B_SPLIT) {
    if (!int_arg(n, "split_size", false, 0, &size))
      return false;
  }
  int64_t start = 0;
  for (size_t i = 0; i < n->n_out; ++i) {
    MlirOperation op;
    if (n->e->b == B_UNBIND) {
      MlirNamedAttribute a[2] = {
          named(im->ctx, "dim", i64_attr(im->ctx, dim)),
          named(im->ctx, "index", i64_attr(im->ctx, (int64_t)i))};
      op = make_op(im, "aten.select", n->loc, 1, &x, 1, &n->out_types[i], 2, a);
    } else {
      int64_t len = n->e->b == B_SPLIT ? size : sizes[i];
      int64_t end = start + len > total ? total : start + len;
      op = slice_op(im, n->loc, x, n->out_types[i], dim, start, end);
      start = end;
    }
    if (!map_put(&n->s->vals, n->out_names[i], mlirOperationGetResult(op, 0)))
      return false;
  }
  return true;
}

/* The tensors of a list argument (as_tensors, or as_optional_tensors with
 * None entries as null values). */
static bool tensor_list(node_ctx *n, const char *aname, MlirValue *out,
                        size_t *len) {
  json_t *arg = node_arg(n->node, aname), *v, *e;
  const char *k = arg_kind(arg, &v);
  bool opt = !strcmp(k, "as_optional_tensors");
  if ((!opt && strcmp(k, "as_tensors")) || !json_is_array(v) ||
      json_array_size(v) > MAX_LIST || json_array_size(v) == 0) {
    error(n->s->im, "node '%s': argument '%s' must be a list of tensors",
          n->name, aname);
    return false;
  }
  size_t i;
  json_array_foreach(v, i, e) {
    json_t *inner = e;
    if (opt) {
      const char *ek = arg_kind(e, &inner);
      if (!strcmp(ek, "as_none")) {
        out[i] = (MlirValue){NULL};
        continue;
      }
    }
    const char *vn = obj_str(inner, "name");
    if (!vn) {
      error(n->s->im, "node '%s': malformed tensor in '%s'", n->name, aname);
      return false;
    }
    if (!lookup(n, vn, &out[i]))
      return false;
  }
  *len = json_array_size(v);
  return true;
}

static MlirType tensor_of(MlirType like, intptr_t rank, const int64_t *dims,
                          MlirType elt) {
  (void)like;
  return mlirRankedTensorTypeGet(rank, dims, elt, mlirAttributeGetNull());
}

static void shape_of(MlirType t, int64_t *dims, intptr_t *rank) {
  *rank = mlirShapedTypeGetRank(t);
  for (intptr_t i = 0; i < *rank; ++i)
    dims[i] = mlirShapedTypeGetDimSize(t, i);
}

/* cat(list, dim): a chain of binary cats. */
static bool build_cat(node_ctx *n) {
  importer *im = n->s->im;
  MlirValue *xs = malloc(sizeof(MlirValue) * MAX_LIST);
  size_t len;
  int64_t dim;
  bool ok = false;
  if (!xs || !tensor_list(n, "tensors", xs, &len) ||
      !int_arg(n, "dim", true, 0, &dim) || n->n_out != 1)
    goto out;
  MlirValue acc = xs[0];
  MlirType rt = n->out_types[0];
  for (size_t i = 1; i < len; ++i) {
    MlirType t = rt;
    if (i + 1 < len) {
      int64_t a[MAX_RANK], b[MAX_RANK];
      intptr_t ra, rb;
      shape_of(mlirValueGetType(acc), a, &ra);
      shape_of(mlirValueGetType(xs[i]), b, &rb);
      int64_t d = dim;
      if (ra == 1 && a[0] == 0) {
        memcpy(a, b, sizeof(int64_t) * (size_t)rb);
        ra = rb;
      } else if (!(rb == 1 && b[0] == 0)) {
        if (!norm_dim(n, &d, ra) || rb != ra)
          goto out;
        a[d] += b[d];
      }
      t = tensor_of(rt, ra, a, mlirShapedTypeGetElementType(rt));
    }
    MlirValue ab[2] = {acc, xs[i]};
    MlirNamedAttribute at = named(im->ctx, "dim", i64_attr(im->ctx, dim));
    acc = mlirOperationGetResult(
        make_op(im, "aten.cat", n->loc, 2, ab, 1, &t, 1, &at), 0);
  }
  ok = map_put(&n->s->vals, n->out_names[0], acc);
out:
  free(xs);
  return ok;
}

static MlirValue binop(importer *im, MlirLocation loc, const char *op,
                       MlirValue a, MlirValue b, MlirType t) {
  MlirValue ab[2] = {a, b};
  MlirNamedAttribute al = named(im->ctx, "alpha", i64_attr(im->ctx, 1));
  bool alpha = !strcmp(op, "aten.add");
  return mlirOperationGetResult(
      make_op(im, op, loc, 2, ab, 1, &t, alpha ? 1 : 0, &al), 0);
}

/* Broadcasts shape b into a (numpy rules). */
static bool broadcast(int64_t *a, intptr_t *ra, const int64_t *b, intptr_t rb) {
  int64_t r[MAX_RANK];
  intptr_t rr = *ra > rb ? *ra : rb;
  for (intptr_t i = 0; i < rr; ++i) {
    intptr_t ia = i - (rr - *ra), ib = i - (rr - rb);
    int64_t x = ia >= 0 ? a[ia] : 1, y = ib >= 0 ? b[ib] : 1;
    if (x != y && x != 1 && y != 1)
      return false;
    r[i] = x == 1 ? y : x;
  }
  memcpy(a, r, sizeof(int64_t) * (size_t)rr);
  *ra = rr;
  return true;
}

/* index.Tensor. One index at position d is aten.index {dim = d}. Several
 * adjacent indices at d..d+k-1 (i64) are linearised: negative entries
 * wrapped, combined as sum(idx_j * stride_j) over self reshaped to merge
 * dims d..d+k-1, then one aten.index {dim = d}: the same elements in the
 * same (broadcast) shape. */
static bool build_index(node_ctx *n) {
  importer *im = n->s->im;
  MlirContext ctx = im->ctx;
  MlirValue self, idx[MAX_RANK];
  size_t len;
  if (!tensor_arg(n, node_arg(n->node, "self"), "self", &self) || n->n_out != 1)
    return false;
  MlirValue *all = malloc(sizeof(MlirValue) * MAX_LIST);
  if (!all)
    return false;
  bool ok = tensor_list(n, "indices", all, &len);
  int64_t first = -1, k = 0;
  bool gap = false;
  for (size_t i = 0; ok && i < len; ++i) {
    if (mlirValueIsNull(all[i]))
      continue;
    if (first < 0)
      first = (int64_t)i;
    else if ((int64_t)i != first + k)
      gap = true;
    if (k < MAX_RANK)
      idx[k] = all[i];
    k++;
  }
  free(all);
  if (!ok)
    return false;
  MlirType st = mlirValueGetType(self);
  int64_t s[MAX_RANK];
  intptr_t rank;
  shape_of(st, s, &rank);
  if (first < 0 || gap || first + k > rank) {
    error(im,
          "unsupported ATen op 'aten.index.Tensor' (node '%s'): index "
          "tensors must be adjacent and at least one",
          n->name);
    return false;
  }
  MlirValue lin = idx[0];
  if (k > 1) {
    int64_t bs[MAX_RANK], merged = 1;
    intptr_t br = 0;
    MlirType i64 = mlirIntegerTypeGet(ctx, 64), i1 = mlirIntegerTypeGet(ctx, 1);
    for (int64_t j = 0; j < k; ++j) {
      MlirType it = mlirValueGetType(idx[j]);
      int64_t d[MAX_RANK];
      intptr_t r;
      shape_of(it, d, &r);
      if (!mlirTypeEqual(mlirShapedTypeGetElementType(it), i64) ||
          !broadcast(bs, &br, d, r)) {
        error(im,
              "unsupported ATen op 'aten.index.Tensor' (node '%s'): several "
              "index tensors must be i64 and broadcast together",
              n->name);
        return false;
      }
      merged *= s[first + j];
    }
    MlirType lt = tensor_of(st, br, bs, i64);
    for (int64_t j = 0; j < k; ++j) {
      MlirType it = mlirValueGetType(idx[j]);
      int64_t d[MAX_RANK];
      intptr_t r;
      shape_of(it, d, &r);
      MlirType bt = tensor_of(it, r, d, i1);
      MlirValue neg =
          binop(im, n->loc, "aten.lt", idx[j], int_tensor(im, n->loc, 0), bt);
      MlirValue wrapped = binop(im, n->loc, "aten.add", idx[j],
                                int_tensor(im, n->loc, s[first + j]), it);
      MlirValue w3[3] = {neg, wrapped, idx[j]};
      MlirValue x = mlirOperationGetResult(
          make_op(im, "aten.where", n->loc, 3, w3, 1, &it, 0, NULL), 0);
      int64_t stride = 1;
      for (int64_t q = j + 1; q < k; ++q)
        stride *= s[first + q];
      if (stride != 1)
        x = binop(im, n->loc, "aten.mul", x, int_tensor(im, n->loc, stride),
                  it);
      lin = j == 0 ? x
                   : binop(im, n->loc, "aten.add", lin, x,
                           j + 1 == k ? lt : tensor_of(it, br, bs, i64));
    }
    int64_t ns[MAX_RANK];
    intptr_t nr = 0;
    for (intptr_t i = 0; i < rank; ++i) {
      if (i > first && i < first + k)
        continue;
      ns[nr++] = i == first ? merged : s[i];
    }
    MlirType rt = tensor_of(st, nr, ns, mlirShapedTypeGetElementType(st));
    MlirNamedAttribute sa =
        named(ctx, "shape", mlirDenseI64ArrayGet(ctx, nr, ns));
    self = mlirOperationGetResult(
        make_op(im, "aten.reshape", n->loc, 1, &self, 1, &rt, 1, &sa), 0);
  }
  MlirValue ops[2] = {self, lin};
  MlirNamedAttribute da = named(ctx, "dim", i64_attr(ctx, first));
  MlirOperation op =
      make_op(im, "aten.index", n->loc, 2, ops, 1, n->out_types, 1, &da);
  return bind_results(n, op);
}

static bool bool_arg(node_ctx *n, const char *aname, bool *out) {
  json_t *arg = node_arg(n->node, aname), *v;
  if (!is_none(arg) && !strcmp(arg_kind(arg, &v), "as_bool")) {
    *out = json_is_true(v);
    return true;
  }
  error(n->s->im, "node '%s': argument '%s' must be a bool", n->name, aname);
  return false;
}

/* lstm.input: one aten.lstm per layer, states sliced per layer, h_n and c_n
 * concatenated back; dropout between layers when training. */
static bool build_lstm(node_ctx *n) {
  importer *im = n->s->im;
  MlirContext ctx = im->ctx;
  MlirValue x, hx[MAX_LIST], *params = malloc(sizeof(MlirValue) * MAX_LIST);
  size_t n_hx, n_params;
  int64_t layers;
  bool has_biases, train, bidir, batch_first, ok = false;
  double dropout = 0;
  json_t *darg = node_arg(n->node, "dropout"), *dv;
  if (!params || !tensor_arg(n, node_arg(n->node, "input"), "input", &x) ||
      !tensor_list(n, "hx", hx, &n_hx) ||
      !tensor_list(n, "params", params, &n_params) ||
      !bool_arg(n, "has_biases", &has_biases) ||
      !int_arg(n, "num_layers", false, 0, &layers) ||
      !bool_arg(n, "train", &train) || !bool_arg(n, "bidirectional", &bidir) ||
      !bool_arg(n, "batch_first", &batch_first))
    goto out;
  if (!is_none(darg))
    (void)(arg_kind(darg, &dv), json_float(dv, &dropout));
  if (bidir) {
    error(im,
          "unsupported ATen op 'aten.lstm.input' (node '%s'): bidirectional",
          n->name);
    goto out;
  }
  size_t per = has_biases ? 4 : 2;
  if (n_hx != 2 || layers < 1 || layers > MAX_LIST / 4 ||
      n_params != per * (size_t)layers || n->n_out != 3) {
    error(im, "node '%s': lstm expects hx = [h0, c0] and %zu params per layer",
          n->name, per);
    goto out;
  }
  MlirValue outv = x, hn = {NULL}, cn = {NULL};
  for (int64_t l = 0; l < layers; ++l) {
    MlirValue h0 = hx[0], c0 = hx[1];
    int64_t sd[MAX_RANK];
    intptr_t sr;
    shape_of(mlirValueGetType(hx[0]), sd, &sr);
    if (sr != 3)
      goto out;
    sd[0] = 1;
    MlirType st1 = tensor_of(n->out_types[1], 3, sd,
                             mlirShapedTypeGetElementType(n->out_types[1]));
    if (layers > 1) {
      h0 = mlirOperationGetResult(slice_op(im, n->loc, hx[0], st1, 0, l, l + 1),
                                  0);
      c0 = mlirOperationGetResult(slice_op(im, n->loc, hx[1], st1, 0, l, l + 1),
                                  0);
    }
    if (l > 0 && train && dropout > 0) {
      MlirType t = mlirValueGetType(outv);
      MlirNamedAttribute da[2] = {named(ctx, "p", f64_attr(ctx, dropout)),
                                  named(ctx, "train", mlirBoolAttrGet(ctx, 1))};
      outv = mlirOperationGetResult(
          make_op(im, "aten.dropout", n->loc, 1, &outv, 1, &t, 2, da), 0);
    }
    MlirValue ops[7] = {outv, h0, c0, params[l * per], params[l * per + 1]};
    if (has_biases) {
      ops[5] = params[l * per + 2];
      ops[6] = params[l * per + 3];
    }
    int32_t segs[7] = {1, 1, 1, 1, 1, has_biases, has_biases};
    MlirType rts[3] = {n->out_types[0], st1, st1};
    MlirNamedAttribute at[7] = {
        named(ctx, "has_biases", mlirBoolAttrGet(ctx, has_biases)),
        named(ctx, "num_layers", i64_attr(ctx, 1)),
        named(ctx, "dropout", f64_attr(ctx, dropout)),
        named(ctx, "train", mlirBoolAttrGet(ctx, train)),
        named(ctx, "bidirectional", mlirBoolAttrGet(ctx, 0)),
        named(ctx, "batch_first", mlirBoolAttrGet(ctx, batch_first)),
        named(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 7, segs))};
    MlirOperation op = make_op(im, "aten.lstm", n->loc, has_biases ? 7 : 5, ops,
                               3, rts, 7, at);
    outv = mlirOperationGetResult(op, 0);
    MlirValue h = mlirOperationGetResult(op, 1),
              c = mlirOperationGetResult(op, 2);
    if (l == 0) {
      hn = h;
      cn = c;
    } else {
      sd[0] = l + 1;
      MlirType ct =
          l + 1 == layers
              ? n->out_types[1]
              : tensor_of(st1, 3, sd, mlirShapedTypeGetElementType(st1));
      MlirNamedAttribute d0 = named(ctx, "dim", i64_attr(ctx, 0));
      MlirValue hh[2] = {hn, h}, cc[2] = {cn, c};
      hn = mlirOperationGetResult(
          make_op(im, "aten.cat", n->loc, 2, hh, 1, &ct, 1, &d0), 0);
      cn = mlirOperationGetResult(
          make_op(im, "aten.cat", n->loc, 2, cc, 1, &ct, 1, &d0), 0);
    }
  }
  ok = map_put(&n->s->vals, n->out_names[0], outv) &&
       map_put(&n->s->vals, n->out_names[1], hn) &&
       map_put(&n->s->vals, n->out_names[2], cn);
out:
  free(params);
  return ok;
}

/* ---- Graphs ---------------------------------------------------------- */

static bool import_graph(scope *s, json_t *graph);

/* operator.getitem(list, i): picks the value of a piece. */
static bool build_getitem(node_ctx *n) {
  json_t *ins = json_object_get(n->node, "inputs");
  json_t *a0 = json_object_get(json_array_get(ins, 0), "arg");
  json_t *a1 = json_object_get(json_array_get(ins, 1), "arg"), *l, *iv;
  MlirValue v;
  if (strcmp(arg_kind(a0, &l), "as_tensors") || !json_is_array(l) ||
      strcmp(arg_kind(a1, &iv), "as_int") || !json_is_integer(iv) ||
      n->n_out != 1) {
    error(n->s->im, "node '%s': malformed getitem", n->name);
    return false;
  }
  const char *vn =
      obj_str(json_array_get(l, (size_t)json_integer_value(iv)), "name");
  if (!vn) {
    error(n->s->im, "node '%s': getitem index out of range", n->name);
    return false;
  }
  return lookup(n, vn, &v) && map_put(&n->s->vals, n->out_names[0], v);
}

/* wrap_with_set_grad_enabled(enabled, graph, *args): inlines the graph. */
static bool build_wrap(node_ctx *n) {
  json_t *ins = json_object_get(n->node, "inputs"), *in;
  json_t *sub = NULL;
  scope inner = {.im = n->s->im};
  bool ok = false;
  size_t i, n_args = 0;
  MlirValue args[MAX_LIST];
  json_array_foreach(ins, i, in) {
    json_t *v, *arg = json_object_get(in, "arg");
    const char *k = arg_kind(arg, &v);
    if (!strcmp(k, "as_graph"))
      sub = json_object_get(v, "graph");
    else if (!strcmp(k, "as_tensor") && n_args < MAX_LIST &&
             !tensor_arg(n, arg, "arg", &args[n_args++]))
      return false;
  }
  json_t *gin = json_object_get(sub, "inputs"), *gout;
  if (!json_is_object(sub) || !json_is_array(gin) ||
      json_array_size(gin) != n_args) {
    error(n->s->im, "node '%s': malformed subgraph", n->name);
    return false;
  }
  inner.tvals = json_object_get(sub, "tensor_values");
  json_array_foreach(gin, i, in) {
    json_t *v;
    const char *vn =
        strcmp(arg_kind(in, &v), "as_tensor") ? NULL : obj_str(v, "name");
    if (!vn || !map_put(&inner.vals, vn, args[i])) {
      error(n->s->im, "node '%s': malformed subgraph input", n->name);
      goto out;
    }
  }
  if (!import_graph(&inner, sub))
    goto out;
  gout = json_object_get(sub, "outputs");
  if (!json_is_array(gout) || json_array_size(gout) != n->n_out) {
    error(n->s->im, "node '%s': subgraph has %zu outputs, node %zu", n->name,
          json_array_size(gout), n->n_out);
    goto out;
  }
  json_array_foreach(gout, i, in) {
    json_t *v;
    MlirValue val;
    const char *vn =
        strcmp(arg_kind(in, &v), "as_tensor") ? NULL : obj_str(v, "name");
    if (!vn || !map_get(&inner.vals, vn, &val)) {
      error(n->s->im, "node '%s': subgraph output %zu is undefined", n->name,
            i);
      goto out;
    }
    if (!map_put(&n->s->vals, n->out_names[i], val))
      goto out;
  }
  ok = true;
out:
  map_free(&inner.vals);
  return ok;
}

static bool is_target(const char *t, const char *want) {
  return !strcmp(t, want);
}

static bool import_node(scope *s, json_t *node) {
  importer *im = s->im;
  node_ctx *n = calloc(1, sizeof *n);
  bool ok = false;
  if (!n)
    return false;
  n->s = s;
  n->node = node;
  n->name = obj_str(node, "name");
  const char *target = obj_str(node, "target");
  if (!n->name || !target) {
    error(im, "graph node without a name or target");
    goto out;
  }
  if (is_target(target, "torch.ops.aten._assert_tensor_metadata.default")) {
    ok = true;
    goto out;
  }
  n->loc = node_loc(im->ctx, node);
  if (!node_outputs(n))
    goto out;
  if (is_target(target, "_operator.getitem") ||
      is_target(target, "operator.getitem")) {
    ok = build_getitem(n);
    goto out;
  }
  if (is_target(target, "torch.ops.higher_order.wrap_with_set_grad_enabled")) {
    ok = build_wrap(n);
    goto out;
  }
  if (!(n->e = find_op(target)))
    goto out; /* reported by check_supported */
  switch (n->e->b) {
  case B_GENERIC:
    ok = build_generic(n);
    break;
  case B_SPLIT:
  case B_SPLIT_SIZES:
  case B_UNBIND:
    ok = build_split(n);
    break;
  case B_CAT:
    ok = build_cat(n);
    break;
  case B_INDEX:
    ok = build_index(n);
    break;
  case B_LSTM:
    ok = build_lstm(n);
    break;
  }
out:
  free(n);
  return ok;
}

static bool import_graph(scope *s, json_t *graph) {
  json_t *nodes = json_object_get(graph, "nodes"), *node;
  size_t i;
  if (!json_is_array(nodes) || !json_is_object(s->tvals)) {
    error(s->im, "graph has no nodes or tensor_values");
    return false;
  }
  json_array_foreach(nodes, i, node) {
    if (!json_is_object(node)) {
      error(s->im, "graph node %zu is not an object", i);
      return false;
    }
    if (!import_node(s, node))
      return false;
  }
  return true;
}

/* Reports every unsupported target of the graph and its subgraphs. */
static void check_supported(importer *im, json_t *graph, int depth) {
  json_t *nodes = json_object_get(graph, "nodes"), *node;
  size_t i;
  if (depth > 16)
    return;
  json_array_foreach(nodes, i, node) {
    const char *t = obj_str(node, "target"), *nm = obj_str(node, "name");
    if (!t)
      continue;
    if (is_target(t, "torch.ops.higher_order.wrap_with_set_grad_enabled")) {
      json_t *ins = json_object_get(node, "inputs"), *in;
      size_t j;
      json_array_foreach(ins, j, in) {
        json_t *v;
        if (!strcmp(arg_kind(json_object_get(in, "arg"), &v), "as_graph"))
          check_supported(im, json_object_get(v, "graph"), depth + 1);
      }
      continue;
    }
    if (is_target(t, "torch.ops.aten._assert_tensor_metadata.default") ||
        is_target(t, "_operator.getitem") || is_target(t, "operator.getitem") ||
        find_op(t))
      continue;
    char key[256];
    error(im, "unsupported ATen op '%s' (node '%s')",
          target_key(t, key, sizeof key)
              ? (strncmp(t, "torch.ops.", 10) ? t : t + 10)
              : t,
          nm ? nm : "?");
  }
}

/* ---- Signature and module -------------------------------------------- */

typedef struct {
  const char *name;  /* graph value */
  const char *param; /* mly.param, NULL for user inputs */
} func_arg;

static bool collect_args(importer *im, json_t *specs, func_arg *args,
                         size_t *n) {
  size_t i;
  json_t *sp;
  *n = 0;
  for (int pass = 0; pass < 2; ++pass) {
    json_array_foreach(specs, i, sp) {
      json_t *v;
      const char *k = arg_kind(sp, &v);
      const char *name = NULL, *param = NULL;
      if (!strcmp(k, "parameter") || !strcmp(k, "buffer") ||
          !strcmp(k, "tensor_constant")) {
        if (pass)
          continue;
        name = obj_str(json_object_get(v, "arg"), "name");
        param = obj_str(v, !strcmp(k, "parameter") ? "parameter_name"
                           : !strcmp(k, "buffer")  ? "buffer_name"
                                                   : "tensor_constant_name");
        if (!param) {
          error(im, "input spec %zu (%s) has no name", i, k);
          return false;
        }
      } else if (!strcmp(k, "user_input")) {
        if (!pass)
          continue;
        json_t *a;
        if (strcmp(arg_kind(json_object_get(v, "arg"), &a), "as_tensor")) {
          error(im, "user input %zu is not a tensor (unsupported)", i);
          return false;
        }
        name = obj_str(a, "name");
      } else if (!strcmp(k, "constant_input")) {
        continue;
      } else {
        error(im, "unsupported input spec '%s'", k);
        return false;
      }
      if (!name || *n >= MAX_LIST) {
        error(im, "malformed input spec %zu", i);
        return false;
      }
      args[*n].name = name;
      args[(*n)++].param = param;
    }
  }
  return true;
}

static void print_to_file(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

/* Prints verifier errors as "<path>: error: node '<name>': <message>". */
static MlirLogicalResult on_diag(MlirDiagnostic d, void *user) {
  importer *im = user;
  if (mlirDiagnosticGetSeverity(d) != MlirDiagnosticError)
    return mlirLogicalResultSuccess();
  MlirLocation loc = mlirDiagnosticGetLocation(d);
  MlirLocation locs[2];
  if (mlirLocationIsAFused(loc) && mlirLocationFusedGetNumLocations(loc) == 2) {
    mlirLocationFusedGetLocations(loc, locs);
    loc = locs[0];
  }
  MlirStringRef nm = {NULL, 0};
  if (mlirLocationIsAName(loc))
    nm = mlirIdentifierStr(mlirLocationNameGetName(loc));
  fprintf(im->err, "%s: error: ", im->path);
  if (nm.data)
    fprintf(im->err, "node '%.*s': ", (int)nm.length, nm.data);
  mlirDiagnosticPrint(d, print_to_file, im->err);
  fputc('\n', im->err);
  im->n_errors++;
  return mlirLogicalResultSuccess();
}

static MlirModule build_module(importer *im, json_t *gm) {
  MlirContext ctx = im->ctx;
  json_t *graph = json_object_get(gm, "graph");
  json_t *sig = json_object_get(gm, "signature");
  json_t *in_specs = json_object_get(sig, "input_specs");
  json_t *out_specs = json_object_get(sig, "output_specs");
  MlirModule mod = {NULL};
  func_arg *args = malloc(sizeof(func_arg) * MAX_LIST);
  MlirType *types = malloc(sizeof(MlirType) * MAX_LIST);
  MlirLocation *locs = malloc(sizeof(MlirLocation) * MAX_LIST);
  MlirAttribute *arg_attrs = malloc(sizeof(MlirAttribute) * MAX_LIST);
  MlirValue *rets = malloc(sizeof(MlirValue) * MAX_LIST);
  MlirType *ret_types = malloc(sizeof(MlirType) * MAX_LIST);
  scope s = {.im = im, .tvals = json_object_get(graph, "tensor_values")};
  size_t n_args = 0, n_rets = 0, i;
  MlirRegion body = {NULL};
  if (!args || !types || !locs || !arg_attrs || !rets || !ret_types)
    goto out;
  if (!json_is_object(graph) || !json_is_array(in_specs) ||
      !json_is_array(out_specs) || !json_is_object(s.tvals)) {
    error(im, "not an ExportedProgram: graph_module needs graph (nodes, "
              "tensor_values) and signature (input_specs, output_specs)");
    goto out;
  }
  check_supported(im, graph, 0);
  if (im->n_errors || !collect_args(im, in_specs, args, &n_args))
    goto out;
  for (i = 0; i < n_args; ++i) {
    if (!value_type(&s, args[i].name, &types[i]))
      goto out;
    locs[i] =
        mlirLocationNameGet(ctx, mlirStringRefCreateFromCString(args[i].name),
                            mlirLocationUnknownGet(ctx));
    MlirNamedAttribute pa =
        named(ctx, "mly.param",
              mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(
                                         args[i].param ? args[i].param : "")));
    arg_attrs[i] = mlirDictionaryAttrGet(ctx, args[i].param ? 1 : 0, &pa);
  }
  body = mlirRegionCreate();
  im->block = mlirBlockCreate((intptr_t)n_args, types, locs);
  mlirRegionAppendOwnedBlock(body, im->block);
  for (i = 0; i < n_args; ++i)
    if (!map_put(&s.vals, args[i].name,
                 mlirBlockGetArgument(im->block, (intptr_t)i)))
      goto out;
  if (!import_graph(&s, graph))
    goto out;
  json_t *sp;
  json_array_foreach(out_specs, i, sp) {
    json_t *v, *a;
    const char *k = arg_kind(sp, &v);
    const char *vn = NULL;
    if (!strcmp(k, "user_output") &&
        !strcmp(arg_kind(json_object_get(v, "arg"), &a), "as_tensor"))
      vn = obj_str(a, "name");
    if (!vn || n_rets >= MAX_LIST) {
      error(im, "unsupported output spec %zu ('%s'; only tensor user outputs)",
            i, k);
      goto out;
    }
    if (!map_get(&s.vals, vn, &rets[n_rets])) {
      error(im, "output %zu uses undefined value '%s'", i, vn);
      goto out;
    }
    ret_types[n_rets] = mlirValueGetType(rets[n_rets]);
    n_rets++;
  }
  MlirLocation floc =
      mlirLocationNameGet(ctx, mlirStringRefCreateFromCString("forward"),
                          mlirLocationUnknownGet(ctx));
  make_op(im, "func.return", floc, (intptr_t)n_rets, rets, 0, NULL, 0, NULL);
  MlirNamedAttribute fa[3] = {
      named(ctx, "sym_name",
            mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("forward"))),
      named(ctx, "function_type",
            mlirTypeAttrGet(mlirFunctionTypeGet(ctx, (intptr_t)n_args, types,
                                                (intptr_t)n_rets, ret_types))),
      named(ctx, "arg_attrs",
            mlirArrayAttrGet(ctx, (intptr_t)n_args, arg_attrs))};
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString("func.func"), floc);
  mlirOperationStateAddAttributes(&st, n_args ? 3 : 2, fa);
  mlirOperationStateAddOwnedRegions(&st, 1, &body);
  body.ptr = NULL;
  MlirOperation func = mlirOperationCreate(&st);
  mod = mlirModuleCreateEmpty(mlirLocationUnknownGet(ctx));
  mlirBlockAppendOwnedOperation(mlirModuleGetBody(mod), func);
out:
  if (body.ptr)
    mlirRegionDestroy(body);
  map_free(&s.vals);
  free(args);
  free(types);
  free(locs);
  free(arg_attrs);
  free(rets);
  free(ret_types);
  return mod;
}

MlirModule mlyTorchExportImportFile(MlirContext ctx, const char *path,
                                    FILE *err) {
  importer im = {.ctx = ctx, .path = path, .err = err};
  MlirModule mod = {NULL};
  json_error_t je;
  json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    if (je.line <= 0)
      error(&im, "cannot read JSON: %s", je.text);
    else
      error(&im, "invalid JSON at line %d, column %d: %s", je.line, je.column,
            je.text);
    return mod;
  }
  json_t *ver =
      json_object_get(json_object_get(root, "schema_version"), "major");
  json_t *gm = json_object_get(root, "graph_module");
  if (!json_is_object(root) || !json_is_object(gm) || !json_is_integer(ver)) {
    error(&im, "not a torch.export ExportedProgram (needs graph_module and "
               "schema_version.major)");
    goto out;
  }
  if (json_integer_value(ver) != 8) {
    error(&im,
          "unsupported schema version %" JSON_INTEGER_FORMAT
          " (this importer reads 8.x)",
          json_integer_value(ver));
    goto out;
  }
  mod = build_module(&im, gm);
  if (mlirModuleIsNull(mod))
    goto out;
  MlirDiagnosticHandlerID h =
      mlirContextAttachDiagnosticHandler(ctx, on_diag, &im, NULL);
  MlirOperation op = mlirModuleGetOperation(mod);
  bool ok =
      mlirOperationVerify(op) && mlirLogicalResultIsSuccess(mlyVerify(op));
  mlirContextDetachDiagnosticHandler(ctx, h);
  if (!ok || im.n_errors) {
    if (!im.n_errors)
      error(&im, "the imported module does not verify");
    mlirModuleDestroy(mod);
    mod = (MlirModule){NULL};
  }
out:
  json_decref(root);
  return mod;
}
