/* The Metal Shading Language target: one .metal source for a gpu.module.
 *
 * Conventions of the emitted source (the msl-sim shim relies on them):
 * - `#include <metal_stdlib>` and `using namespace metal;`, then the
 *   helper functions used (mly_erf, mly_maximumf, mly_minimumf), then each
 *   memref.global constant as a flattened program-scope `constant T
 *   name[N] = {...};`, then the kernels in the module's order.
 * - A kernel is `kernel void <name>(...)`: its memref arguments in order
 *   as `device [const] T *argI [[buffer(I)]]` (flattened row-major;
 *   `const` when the kernel never stores to it), then always the six
 *   builtins mly_tid, mly_bid, mly_bdim, mly_gdim (uint3) and mly_lane,
 *   mly_simd (uint). Workgroup attributions are `threadgroup T wgI[N];`,
 *   private ones `T prI[N];`, at the top of the body.
 * - Each SSA value is a local `vN` declared where it is defined; index is
 *   int; memref indices are linearized with the static shape.
 * - Math is spelled `metal::fn`; comparisons keep IEEE ordered/unordered
 *   semantics exactly, so the source must be compiled without fast math. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "targets/mly_target.h"
#include "targets/target_util.h"

typedef struct sbuf {
  char *p;
  size_t n, cap;
  bool oom;
} sbuf;

static void sb_vprintf(sbuf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int k = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (k < 0 || b->oom)
    return;
  if (b->n + (size_t)k + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + (size_t)k + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
  b->n += (size_t)k;
}

static void sb_printf(sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(b, fmt, ap);
  va_end(ap);
}

/* A name given to an SSA value (locals, arguments, globals). */
typedef struct vname {
  const void *key;
  char *name;
} vname;

/* A memref.global of the gpu.module and its C name. */
typedef struct global {
  MlirStringRef sym;
  char *name;
} global;

typedef struct emitter {
  sbuf out;     /* the kernels */
  sbuf globals; /* program-scope constants */
  vname *map;   /* open addressing on the value pointer */
  size_t map_cap, map_n;
  global *g;
  size_t n_g;
  int next; /* the next vN of the current kernel */
  int indent;
  MlirBlock kernel_body;
  bool need_erf, need_maximumf, need_minimumf;
} emitter;

/* ---- value names ---- */

static size_t hash_ptr(const void *p, size_t cap) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= 0x9E3779B97F4A7C15ull;
  return (size_t)(x >> 7) & (cap - 1);
}

static bool map_grow(emitter *e) {
  size_t cap = e->map_cap ? e->map_cap * 2 : 1024;
  vname *m = calloc(cap, sizeof *m);
  if (!m)
    return false;
  for (size_t i = 0; i < e->map_cap; ++i)
    if (e->map[i].key) {
      size_t h = hash_ptr(e->map[i].key, cap);
      while (m[h].key)
        h = (h + 1) & (cap - 1);
      m[h] = e->map[i];
    }
  free(e->map);
  e->map = m;
  e->map_cap = cap;
  return true;
}

/* Names `v` (a copy of `name` is kept). False when out of memory. */
static bool set_name(emitter *e, MlirValue v, const char *name) {
  if ((e->map_n + 1) * 2 > e->map_cap && !map_grow(e))
    return false;
  size_t h = hash_ptr(v.ptr, e->map_cap);
  while (e->map[h].key && e->map[h].key != v.ptr)
    h = (h + 1) & (e->map_cap - 1);
  char *s = strdup(name);
  if (!s)
    return false;
  if (e->map[h].key)
    free(e->map[h].name);
  else
    ++e->map_n;
  e->map[h] = (vname){v.ptr, s};
  return true;
}

static const char *name_of(emitter *e, MlirValue v) {
  if (!e->map_cap)
    return NULL;
  size_t h = hash_ptr(v.ptr, e->map_cap);
  while (e->map[h].key) {
    if (e->map[h].key == v.ptr)
      return e->map[h].name;
    h = (h + 1) & (e->map_cap - 1);
  }
  return NULL;
}

/* A fresh local "vN" for `v`; returns its name (owned by the map). */
static const char *fresh(emitter *e, MlirValue v) {
  char n[32];
  snprintf(n, sizeof n, "v%d", e->next++);
  return set_name(e, v, n) ? name_of(e, v) : NULL;
}

/* ---- types ---- */

/* The MSL type of a scalar MLIR type, or NULL. */
static const char *msl_type(MlirType t) {
  if (mlirTypeIsAF32(t))
    return "float";
  if (mlirTypeIsAF16(t))
    return "half";
  if (mlirTypeIsABF16(t))
    return "bfloat";
  if (mlirTypeIsAIndex(t))
    return "int";
  if (mlirTypeIsAInteger(t))
    switch (mlirIntegerTypeGetWidth(t)) {
    case 1:
      return "bool";
    case 8:
      return "char";
    case 16:
      return "short";
    case 32:
      return "int";
    case 64:
      return "long";
    default:
      return NULL;
    }
  return NULL;
}

/* The unsigned MSL type of the same width as integer type `t`. */
static const char *msl_utype(MlirType t) {
  if (mlirTypeIsAIndex(t))
    return "uint";
  switch (mlirIntegerTypeGetWidth(t)) {
  case 1:
    return "bool";
  case 8:
    return "uchar";
  case 16:
    return "ushort";
  case 64:
    return "ulong";
  default:
    return "uint";
  }
}

static bool is_float(MlirType t) {
  return mlirTypeIsAF32(t) || mlirTypeIsAF16(t) || mlirTypeIsABF16(t);
}

static bool is_i1(MlirType t) {
  return mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1;
}

static void sb_write(MlirStringRef s, void *user) {
  sb_printf(user, "%.*s", (int)s.length, s.data);
}

/* The MSL type of `t` or NULL after a diagnostic on `op`. */
static const char *type_or_error(MlirOperation op, MlirType t) {
  const char *s = msl_type(t);
  if (!s) {
    sbuf tb = {0};
    mlirTypePrint(t, sb_write, &tb);
    mlyTgtOpError(op, "has type '%s', which the msl target does not support",
                  tb.p ? tb.p : "?");
    free(tb.p);
  }
  return s;
}

/* Checks that memref type `t` is static, identity-laid-out, of a supported
 * element type and under 2^31 elements. Diagnostic on `op` otherwise. */
static bool check_memref(MlirOperation op, MlirType t) {
  if (!mlirTypeIsAMemRef(t)) {
    mlyTgtOpError(op, "has a non-memref buffer, which the msl target does "
                      "not support");
    return false;
  }
  int64_t n = mlyTgtNumElements(t);
  if (n < 0) {
    mlyTgtOpError(op, "has a memref of dynamic shape, which the msl target "
                      "does not support");
    return false;
  }
  if (n >= ((int64_t)1 << 31)) {
    mlyTgtOpError(op,
                  "has a memref of %lld elements; the msl target indexes "
                  "with int (at most 2^31 - 1 elements)",
                  (long long)n);
    return false;
  }
  if (!mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t))) {
    mlyTgtOpError(op, "has a memref with a non-identity layout, which the msl "
                      "target does not support");
    return false;
  }
  return type_or_error(op, mlirShapedTypeGetElementType(t)) != NULL;
}

/* Whether `n` could be one of the emitter's own names (vN, vN_next,
 * argN, wgN, prN, mly_*) or a word of Metal's C++. */
static bool reserved(const char *n) {
  static const char *const prefixes[] = {"v", "arg", "wg", "pr"};
  static const char *const words[] = {
      "bool",  "char",   "short",  "int",      "long",        "half",
      "float", "bfloat", "uint",   "uchar",    "ushort",      "ulong",
      "void",  "kernel", "device", "constant", "threadgroup", "thread",
      "metal", "if",     "else",   "for",      "return",      "true",
      "false", "static", "inline", "template", "typename",    "const",
      "do",    "while",  "switch", "case",     "default",     "break"};
  if (!strncmp(n, "mly_", 4))
    return true;
  for (size_t i = 0; i < sizeof words / sizeof *words; ++i)
    if (!strcmp(n, words[i]))
      return true;
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; ++i) {
    size_t k = strlen(prefixes[i]);
    if (strncmp(n, prefixes[i], k) || !(n[k] >= '0' && n[k] <= '9'))
      continue;
    const char *p = n + k;
    while (*p >= '0' && *p <= '9')
      ++p;
    if (!*p || !strcmp(p, "_next"))
      return true;
  }
  return false;
}

/* A C identifier for symbol `s`: other characters become '_', and a name
 * that starts with a digit or is reserved() gets a "g_" prefix. */
static char *c_ident(MlirStringRef s) {
  char *n = malloc(s.length + 3);
  if (!n)
    return NULL;
  for (size_t i = 0; i < s.length; ++i) {
    char c = s.data[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_';
    n[i] = ok ? c : '_';
  }
  n[s.length] = 0;
  if (!s.length || (n[0] >= '0' && n[0] <= '9') || reserved(n)) {
    memmove(n + 2, n, s.length + 1);
    n[0] = 'g';
    n[1] = '_';
  }
  return n;
}

/* ---- literals ---- */

/* A float literal of `v` for float type `t` into out[0..64). */
static void float_lit(double v, MlirType t, char *out) {
  char lit[48];
  if (isnan(v))
    snprintf(lit, sizeof lit, "NAN");
  else if (isinf(v))
    snprintf(lit, sizeof lit, "%sINFINITY", v < 0 ? "-" : "");
  else {
    float f = (float)v;
    for (int p = 1; p <= 9; ++p) {
      snprintf(lit, sizeof lit, "%.*g", p, (double)f);
      if (strtof(lit, NULL) == f)
        break;
    }
    if (!strpbrk(lit, ".e"))
      strcat(lit, ".0");
    strcat(lit, "f");
  }
  if (mlirTypeIsAF32(t))
    snprintf(out, 64, "%s", lit);
  else
    snprintf(out, 64, "(%s)%s", msl_type(t), lit);
}

/* An integer literal of `v` for integer/index type `t` into out[0..64). */
static void int_lit(int64_t v, MlirType t, char *out) {
  if (is_i1(t)) {
    snprintf(out, 64, "%s", v & 1 ? "true" : "false");
    return;
  }
  unsigned w = mlirTypeIsAIndex(t) ? 32 : mlirIntegerTypeGetWidth(t);
  if (w == 64) {
    if (v == INT64_MIN)
      snprintf(out, 64, "(-9223372036854775807L - 1)");
    else
      snprintf(out, 64, "%lldL", (long long)v);
  } else if (w == 32) {
    v = (int32_t)(uint32_t)v; /* the attribute may hold it unsigned */
    if (v == INT32_MIN)
      snprintf(out, 64, "(-2147483647 - 1)");
    else
      snprintf(out, 64, "%lld", (long long)v);
  } else {
    v = w == 16 ? (int16_t)(uint16_t)v : (int8_t)(uint8_t)v;
    snprintf(out, 64, "(%s)%lld", msl_type(t), (long long)v);
  }
}

/* Decodes an f16 or bf16 bit pattern. */
static double half_bits(uint16_t h, bool bf16) {
  if (bf16) {
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
  }
  int ex = (h >> 10) & 31, m = h & 1023;
  double v = ex == 0    ? ldexp(m, -24)
             : ex == 31 ? (m ? NAN : INFINITY)
                        : ldexp(m + 1024, ex - 25);
  return h & 0x8000 ? -v : v;
}

/* The literal of element i of dense elements `a` of type `t`. */
static void element_lit(MlirAttribute a, intptr_t i, MlirType t, char *out) {
  if (mlirDenseElementsAttrIsSplat(a))
    i = 0;
  if (mlirTypeIsAF32(t)) {
    float_lit(mlirDenseElementsAttrGetFloatValue(a, i), t, out);
  } else if (mlirTypeIsAF16(t) || mlirTypeIsABF16(t)) {
    const uint16_t *raw = mlirDenseElementsAttrGetRawData(a);
    float_lit(half_bits(raw[i], mlirTypeIsABF16(t)), t, out);
  } else if (is_i1(t)) {
    int_lit(mlirDenseElementsAttrGetBoolValue(a, i), t, out);
  } else if (mlirTypeIsAIndex(t)) {
    int_lit(mlirDenseElementsAttrGetIndexValue(a, i), t, out);
  } else {
    switch (mlirIntegerTypeGetWidth(t)) {
    case 8:
      int_lit(mlirDenseElementsAttrGetInt8Value(a, i), t, out);
      break;
    case 16:
      int_lit(mlirDenseElementsAttrGetInt16Value(a, i), t, out);
      break;
    case 32:
      int_lit(mlirDenseElementsAttrGetInt32Value(a, i), t, out);
      break;
    default:
      int_lit(mlirDenseElementsAttrGetInt64Value(a, i), t, out);
      break;
    }
  }
}

/* Emits memref.global `op` as a program-scope constant array. */
static bool emit_global(emitter *e, MlirOperation op) {
  MlirAttribute ty = mlyTgtAttr(op, "type");
  MlirAttribute init = mlyTgtAttr(op, "initial_value");
  MlirAttribute sym = mlyTgtAttr(op, "sym_name");
  if (mlirAttributeIsNull(mlyTgtAttr(op, "constant")) ||
      mlirAttributeIsNull(init) || !mlirAttributeIsADenseElements(init)) {
    mlyTgtOpError(op, "is not a constant with a dense initial value; the msl "
                      "target supports only those");
    return false;
  }
  MlirType t = mlirTypeAttrGetValue(ty);
  if (!check_memref(op, t))
    return false;
  MlirType et = mlirShapedTypeGetElementType(t);
  global *g = realloc(e->g, (e->n_g + 1) * sizeof *g);
  if (!g)
    return false;
  e->g = g;
  char *name = c_ident(mlirStringAttrGetValue(sym));
  if (!name)
    return false;
  e->g[e->n_g++] = (global){mlirStringAttrGetValue(sym), name};
  int64_t n = mlyTgtNumElements(t);
  sb_printf(&e->globals, "constant %s %s[%lld] = {", msl_type(et), name,
            (long long)(n ? n : 1));
  char lit[64];
  for (int64_t i = 0; i < n; ++i) {
    element_lit(init, (intptr_t)i, et, lit);
    sb_printf(&e->globals, "%s%s%s", i ? "," : "",
              n > 8 && i % 8 == 0 ? "\n    "
              : i                 ? " "
                                  : "",
              lit);
  }
  sb_printf(&e->globals, "%s};\n", n > 8 ? "\n" : "");
  return true;
}

/* ---- statements ---- */

static void line(emitter *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void line(emitter *e, const char *fmt, ...) {
  sb_printf(&e->out, "%*s", 2 * e->indent, "");
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&e->out, fmt, ap);
  va_end(ap);
  sb_printf(&e->out, "\n");
}

/* The name of operand i of op, or NULL after a diagnostic. */
static const char *opnd(emitter *e, MlirOperation op, intptr_t i) {
  const char *n = name_of(e, mlirOperationGetOperand(op, i));
  if (!n)
    mlyTgtOpError(op, "uses a value defined outside the kernel");
  return n;
}

/* Declares result 0 of `op` as `T vN = <expr>;`. */
static bool define(emitter *e, MlirOperation op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool define(emitter *e, MlirOperation op, const char *fmt, ...) {
  MlirValue r = mlirOperationGetResult(op, 0);
  const char *ty = type_or_error(op, mlirValueGetType(r));
  if (!ty)
    return false;
  const char *n = fresh(e, r);
  if (!n)
    return false;
  sb_printf(&e->out, "%*s%s %s = ", 2 * e->indent, "", ty, n);
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&e->out, fmt, ap);
  va_end(ap);
  sb_printf(&e->out, ";\n");
  return true;
}

/* The printed form of attribute `name` of `op` into a (caller frees). */
static char *attr_text(MlirOperation op, const char *name) {
  MlirAttribute a = mlyTgtAttr(op, name);
  if (mlirAttributeIsNull(a))
    return NULL;
  sbuf b = {0};
  mlirAttributePrint(a, sb_write, &b);
  return b.p;
}

/* 'x', 'y' or 'z' of a gpu dimension op, or 0 after a diagnostic. */
static char dim_of(MlirOperation op) {
  char *t = attr_text(op, "dimension");
  char d = 0;
  if (t && strlen(t) >= 2 && t[strlen(t) - 1] == '>')
    d = t[strlen(t) - 2];
  free(t);
  if (d != 'x' && d != 'y' && d != 'z') {
    mlyTgtOpError(op, "has no dimension x, y or z");
    return 0;
  }
  return d;
}

/* The memref index expression of memref `m` (of op) with index operands
 * [first, first + rank) into b. */
static bool index_expr(emitter *e, MlirOperation op, MlirType m, intptr_t first,
                       sbuf *b) {
  intptr_t rank = mlirShapedTypeGetRank(m);
  if (rank == 0) {
    sb_printf(b, "0");
    return true;
  }
  for (intptr_t i = 0; i < rank; ++i) {
    const char *ix = opnd(e, op, first + i);
    if (!ix)
      return false;
    if (i == 0) {
      sb_printf(b, "%s", ix);
      continue;
    }
    if (i >= 2) { /* parenthesize what came before */
      char *prev = strdup(b->p);
      if (!prev)
        return false;
      b->n = 0;
      sb_printf(b, "(%s)", prev);
      free(prev);
    }
    sb_printf(b, " * %lld + %s", (long long)mlirShapedTypeGetDimSize(m, i), ix);
  }
  return true;
}

/* The expression of a cmpi predicate. */
static bool emit_cmpi(emitter *e, MlirOperation op) {
  const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
  if (!a || !b)
    return false;
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  static const char *const ops[] = {"==", "!=", "<",  "<=", ">",
                                    ">=", "<",  "<=", ">",  ">="};
  int64_t p = mlirIntegerAttrGetValueInt(mlyTgtAttr(op, "predicate"));
  if (p < 0 || p > 9) {
    mlyTgtOpError(op, "has an unknown predicate %lld", (long long)p);
    return false;
  }
  if (p >= 2 && p <= 5 && is_i1(t)) /* signed i1: true is -1 */
    return define(e, op, "-(int)%s %s -(int)%s", a, ops[p], b);
  if (p >= 6) {
    const char *u = msl_utype(t);
    return define(e, op, "(%s)%s %s (%s)%s", u, a, ops[p], u, b);
  }
  return define(e, op, "%s %s %s", a, ops[p], b);
}

/* cmpf with exact ordered/unordered semantics: C's <, <=, >, >=, == are
 * false on NaN (ordered) and != is true (unordered). */
static bool emit_cmpf(emitter *e, MlirOperation op) {
  const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
  if (!a || !b)
    return false;
  int64_t p = mlirIntegerAttrGetValueInt(mlyTgtAttr(op, "predicate"));
  switch (p) {
  case 0:
    return define(e, op, "false");
  case 1:
    return define(e, op, "%s == %s", a, b);
  case 2:
    return define(e, op, "%s > %s", a, b);
  case 3:
    return define(e, op, "%s >= %s", a, b);
  case 4:
    return define(e, op, "%s < %s", a, b);
  case 5:
    return define(e, op, "%s <= %s", a, b);
  case 6:
    return define(e, op, "%s < %s || %s > %s", a, b, a, b);
  case 7:
    return define(e, op, "!metal::isnan(%s) && !metal::isnan(%s)", a, b);
  case 8:
    return define(e, op, "!(%s < %s || %s > %s)", a, b, a, b);
  case 9:
    return define(e, op, "!(%s <= %s)", a, b);
  case 10:
    return define(e, op, "!(%s < %s)", a, b);
  case 11:
    return define(e, op, "!(%s >= %s)", a, b);
  case 12:
    return define(e, op, "!(%s > %s)", a, b);
  case 13:
    return define(e, op, "%s != %s", a, b);
  case 14:
    return define(e, op, "metal::isnan(%s) || metal::isnan(%s)", a, b);
  case 15:
    return define(e, op, "true");
  default:
    mlyTgtOpError(op, "has an unknown predicate %lld", (long long)p);
    return false;
  }
}

static bool emit_constant(emitter *e, MlirOperation op) {
  MlirAttribute v = mlyTgtAttr(op, "value");
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  char lit[64];
  if (mlirAttributeIsAFloat(v) && is_float(t)) {
    float_lit(mlirFloatAttrGetValueDouble(v), t, lit);
  } else if (mlirAttributeIsAInteger(v) &&
             (mlirTypeIsAIndex(t) || mlirTypeIsAInteger(t))) {
    int64_t x = mlirIntegerAttrGetValueInt(v);
    if (mlirTypeIsAIndex(t) && (x < INT32_MIN || x > INT32_MAX)) {
      mlyTgtOpError(op,
                    "has index value %lld, beyond the msl target's int "
                    "indices",
                    (long long)x);
      return false;
    }
    int_lit(x, t, lit);
  } else if (!type_or_error(op, t)) {
    return false;
  } else {
    mlyTgtOpError(op, "has a value the msl target cannot print");
    return false;
  }
  return define(e, op, "%s", lit);
}

typedef struct binop {
  const char *name, *fmt; /* fmt over a, b (twice for some) */
} binop;

/* Integer and float arithmetic written as C expressions of a and b. */
static const binop binops[] = {
    {"arith.addi", "%s + %s"},
    {"arith.subi", "%s - %s"},
    {"arith.muli", "%s * %s"},
    {"arith.divsi", "%s / %s"},
    {"arith.remsi", "%s %% %s"},
    {"arith.andi", "%s & %s"},
    {"arith.ori", "%s | %s"},
    {"arith.xori", "%s ^ %s"},
    {"arith.shli", "%s << %s"},
    {"arith.shrsi", "%s >> %s"},
    {"arith.addf", "%s + %s"},
    {"arith.subf", "%s - %s"},
    {"arith.mulf", "%s * %s"},
    {"arith.divf", "%s / %s"},
    {"arith.remf", "metal::fmod(%s, %s)"},
    {"arith.maxnumf", "metal::fmax(%s, %s)"},
    {"arith.minnumf", "metal::fmin(%s, %s)"},
    {"arith.maximumf", "mly_maximumf(%s, %s)"},
    {"arith.minimumf", "mly_minimumf(%s, %s)"},
    {"math.powf", "metal::pow(%s, %s)"},
    {"math.atan2", "metal::atan2(%s, %s)"},
    {"math.copysign", "metal::copysign(%s, %s)"},
};

/* Float math of one operand as metal:: functions. */
static const binop unops[] = {
    {"math.exp", "exp"},           {"math.exp2", "exp2"},
    {"math.log", "log"},           {"math.log2", "log2"},
    {"math.log10", "log10"},       {"math.sqrt", "sqrt"},
    {"math.rsqrt", "rsqrt"},       {"math.tanh", "tanh"},
    {"math.sin", "sin"},           {"math.cos", "cos"},
    {"math.tan", "tan"},           {"math.asin", "asin"},
    {"math.acos", "acos"},         {"math.atan", "atan"},
    {"math.sinh", "sinh"},         {"math.cosh", "cosh"},
    {"math.asinh", "asinh"},       {"math.acosh", "acosh"},
    {"math.atanh", "atanh"},       {"math.floor", "floor"},
    {"math.ceil", "ceil"},         {"math.round", "round"},
    {"math.roundeven", "rint"},    {"math.trunc", "trunc"},
    {"math.absf", "fabs"},         {"math.absi", "abs"},
    {"math.isnan", "isnan"},       {"math.isinf", "isinf"},
    {"math.isfinite", "isfinite"},
};

static bool emit_block(emitter *e, MlirBlock b, char **yield_to);

/* Assigns the operands of terminator `y` to `to` (NULL-terminated names),
 * through temporaries when one target is read by a later assignment. */
static bool emit_yield(emitter *e, MlirOperation y, char **to) {
  intptr_t n = mlirOperationGetNumOperands(y);
  bool clash = false;
  for (intptr_t i = 0; i < n; ++i) {
    const char *s = opnd(e, y, i);
    if (!s)
      return false;
    for (intptr_t j = 0; j < i; ++j)
      clash |= !strcmp(s, to[j]);
  }
  for (intptr_t i = 0; i < n && clash; ++i)
    line(e, "%s %s_next = %s;",
         msl_type(mlirValueGetType(mlirOperationGetOperand(y, i))), to[i],
         opnd(e, y, i));
  for (intptr_t i = 0; i < n; ++i) {
    const char *s = opnd(e, y, i);
    if (clash)
      line(e, "%s = %s_next;", to[i], to[i]);
    else if (strcmp(s, to[i]))
      line(e, "%s = %s;", to[i], s);
  }
  return true;
}

/* Declares the results of `op` (scf.for/if) as variables, initialized from
 * operands [first, ...) when first >= 0. Returns the names (NULL-ended,
 * caller frees the array, not the names) or NULL. */
static char **declare_results(emitter *e, MlirOperation op, intptr_t first) {
  intptr_t n = mlirOperationGetNumResults(op);
  char **names = calloc((size_t)n + 1, sizeof *names);
  if (!names)
    return NULL;
  for (intptr_t i = 0; i < n; ++i) {
    MlirValue r = mlirOperationGetResult(op, i);
    const char *ty = type_or_error(op, mlirValueGetType(r));
    const char *nm = ty ? fresh(e, r) : NULL;
    const char *init = ty && first >= 0 ? opnd(e, op, first + i) : "";
    if (!nm || !init) {
      free(names);
      return NULL;
    }
    names[i] = (char *)nm;
    if (first >= 0)
      line(e, "%s %s = %s;", ty, nm, init);
    else
      line(e, "%s %s;", ty, nm);
  }
  return names;
}

static bool emit_for(emitter *e, MlirOperation op) {
  const char *lb = opnd(e, op, 0), *ub = opnd(e, op, 1), *st = opnd(e, op, 2);
  if (!lb || !ub || !st)
    return false;
  char **res = declare_results(e, op, 3);
  if (!res)
    return false;
  bool ok = false;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  MlirValue iv = mlirBlockGetArgument(body, 0);
  const char *ty = type_or_error(op, mlirValueGetType(iv));
  const char *ivn = ty ? fresh(e, iv) : NULL;
  if (!ivn)
    goto out;
  for (intptr_t i = 0; res[i]; ++i)
    if (!set_name(e, mlirBlockGetArgument(body, i + 1), res[i]))
      goto out;
  if (!mlirAttributeIsNull(mlyTgtAttr(op, "unsignedCmp"))) {
    const char *u = msl_utype(mlirValueGetType(iv));
    line(e, "for (%s %s = %s; (%s)%s < (%s)%s; %s += %s) {", ty, ivn, lb, u,
         ivn, u, ub, ivn, st);
  } else {
    line(e, "for (%s %s = %s; %s < %s; %s += %s) {", ty, ivn, lb, ivn, ub, ivn,
         st);
  }
  ++e->indent;
  ok = emit_block(e, body, res);
  --e->indent;
  line(e, "}");
out:
  free(res);
  return ok;
}

static bool emit_if(emitter *e, MlirOperation op) {
  const char *c = opnd(e, op, 0);
  if (!c)
    return false;
  char **res = declare_results(e, op, -1);
  if (!res)
    return false;
  bool ok = false;
  line(e, "if (%s) {", c);
  ++e->indent;
  ok = emit_block(e, mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0)),
                  res);
  --e->indent;
  MlirBlock els = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 1));
  if (ok && !mlirBlockIsNull(els) &&
      !mlirOperationIsNull(mlirBlockGetFirstOperation(els)) &&
      !(mlyTgtOpIs(mlirBlockGetFirstOperation(els), "scf.yield") &&
        !mlirOperationGetNumOperands(mlirBlockGetFirstOperation(els)))) {
    line(e, "} else {");
    ++e->indent;
    ok = emit_block(e, els, res);
    --e->indent;
  }
  line(e, "}");
  free(res);
  return ok;
}

/* gpu.subgroup_reduce as a simd_* reduction over the active lanes. */
static bool emit_subgroup_reduce(emitter *e, MlirOperation op) {
  const char *x = opnd(e, op, 0);
  if (!x)
    return false;
  if (!mlirAttributeIsNull(mlyTgtAttr(op, "cluster_size"))) {
    mlyTgtOpError(op, "has a cluster size; the msl target reduces whole "
                      "SIMD-groups only");
    return false;
  }
  char *k = attr_text(op, "op");
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  const char *kind = k ? strrchr(k, ' ') : NULL;
  bool ok = false;
  static const struct {
    const char *kind, *fn;
    bool is_unsigned;
  } red[] = {
      {" add>", "simd_sum", false},      {" mul>", "simd_product", false},
      {" minnumf>", "simd_min", false},  {" maxnumf>", "simd_max", false},
      {" minimumf>", "simd_min", false}, {" maximumf>", "simd_max", false},
      {" minsi>", "simd_min", false},    {" maxsi>", "simd_max", false},
      {" minui>", "simd_min", true},     {" maxui>", "simd_max", true},
      {" and>", "simd_and", false},      {" or>", "simd_or", false},
      {" xor>", "simd_xor", false},
  };
  for (size_t i = 0; kind && i < sizeof red / sizeof *red; ++i) {
    if (strcmp(kind, red[i].kind))
      continue;
    if (red[i].is_unsigned)
      ok = define(e, op, "(%s)%s((%s)%s)", msl_type(t), red[i].fn, msl_utype(t),
                  x);
    else
      ok = define(e, op, "%s(%s)", red[i].fn, x);
    free(k);
    return ok;
  }
  mlyTgtOpError(op,
                "has reduction '%s', which the msl target does not "
                "support",
                k ? k : "?");
  free(k);
  return false;
}

/* Casts between scalar types. */
static bool emit_cast(emitter *e, MlirOperation op, const char *name) {
  const char *a = opnd(e, op, 0);
  if (!a)
    return false;
  MlirType from = mlirValueGetType(mlirOperationGetOperand(op, 0));
  MlirType to = mlirValueGetType(mlirOperationGetResult(op, 0));
  const char *ft = type_or_error(op, from), *tt = type_or_error(op, to);
  if (!ft || !tt)
    return false;
  if (!strcmp(name, "arith.bitcast"))
    return define(e, op, "as_type<%s>(%s)", tt, a);
  if (!strcmp(name, "arith.uitofp") || !strcmp(name, "arith.index_castui") ||
      !strcmp(name, "arith.extui")) {
    if (is_i1(from))
      return define(e, op, "(%s)%s", tt, a);
    return define(e, op, "(%s)(%s)%s", tt, msl_utype(from), a);
  }
  if (!strcmp(name, "arith.fptoui"))
    return define(e, op, "(%s)(%s)%s", tt, msl_utype(to), a);
  /* Signed i1: true is -1. */
  if ((!strcmp(name, "arith.extsi") || !strcmp(name, "arith.sitofp")) &&
      is_i1(from))
    return define(e, op, "%s ? (%s)-1 : (%s)0", a, tt, tt);
  if (!strcmp(name, "arith.trunci") && is_i1(to))
    return define(e, op, "(%s & 1) != 0", a);
  return define(e, op, "(%s)%s", tt, a);
}

static const char *const casts[] = {
    "arith.index_cast", "arith.index_castui", "arith.sitofp", "arith.uitofp",
    "arith.fptosi",     "arith.fptoui",       "arith.extf",   "arith.truncf",
    "arith.extsi",      "arith.extui",        "arith.trunci", "arith.bitcast",
};

static bool emit_op(emitter *e, MlirOperation op, char **yield_to) {
  MlirStringRef nr = mlirIdentifierStr(mlirOperationGetName(op));
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)nr.length, nr.data);
  for (size_t i = 0; i < sizeof binops / sizeof *binops; ++i)
    if (!strcmp(name, binops[i].name)) {
      const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
      if (!a || !b)
        return false;
      MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
      if (is_i1(t) &&
          (!strcmp(name, "arith.addi") || !strcmp(name, "arith.subi")))
        return define(e, op, "%s != %s", a, b);
      if (is_i1(t) && !strcmp(name, "arith.muli"))
        return define(e, op, "%s && %s", a, b);
      e->need_maximumf |= !strcmp(name, "arith.maximumf");
      e->need_minimumf |= !strcmp(name, "arith.minimumf");
      return define(e, op, binops[i].fmt, a, b);
    }
  for (size_t i = 0; i < sizeof unops / sizeof *unops; ++i)
    if (!strcmp(name, unops[i].name)) {
      const char *a = opnd(e, op, 0);
      return a && define(e, op, "metal::%s(%s)", unops[i].fmt, a);
    }
  for (size_t i = 0; i < sizeof casts / sizeof *casts; ++i)
    if (!strcmp(name, casts[i]))
      return emit_cast(e, op, name);
  if (!strcmp(name, "arith.constant"))
    return emit_constant(e, op);
  if (!strcmp(name, "arith.cmpi"))
    return emit_cmpi(e, op);
  if (!strcmp(name, "arith.cmpf"))
    return emit_cmpf(e, op);
  if (!strcmp(name, "arith.negf")) {
    const char *a = opnd(e, op, 0);
    return a && define(e, op, "-%s", a);
  }
  if (!strcmp(name, "arith.select")) {
    const char *c = opnd(e, op, 0), *a = opnd(e, op, 1), *b = opnd(e, op, 2);
    return c && a && b && define(e, op, "%s ? %s : %s", c, a, b);
  }
  if (!strcmp(name, "arith.divui") || !strcmp(name, "arith.remui") ||
      !strcmp(name, "arith.shrui") || !strcmp(name, "arith.maxui") ||
      !strcmp(name, "arith.minui") || !strcmp(name, "arith.maxsi") ||
      !strcmp(name, "arith.minsi")) {
    const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
    if (!a || !b)
      return false;
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    const char *ty = type_or_error(op, t), *u = msl_utype(t);
    if (!ty)
      return false;
    if (!strcmp(name, "arith.divui"))
      return define(e, op, "(%s)((%s)%s / (%s)%s)", ty, u, a, u, b);
    if (!strcmp(name, "arith.remui"))
      return define(e, op, "(%s)((%s)%s %% (%s)%s)", ty, u, a, u, b);
    if (!strcmp(name, "arith.shrui"))
      return define(e, op, "(%s)((%s)%s >> %s)", ty, u, a, b);
    if (!strcmp(name, "arith.maxui"))
      return define(e, op, "(%s)%s > (%s)%s ? %s : %s", u, a, u, b, a, b);
    if (!strcmp(name, "arith.minui"))
      return define(e, op, "(%s)%s < (%s)%s ? %s : %s", u, a, u, b, a, b);
    if (!strcmp(name, "arith.maxsi"))
      return define(e, op, "%s > %s ? %s : %s", a, b, a, b);
    return define(e, op, "%s < %s ? %s : %s", a, b, a, b);
  }
  if (!strcmp(name, "arith.floordivsi") || !strcmp(name, "arith.ceildivsi")) {
    const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
    if (!a || !b)
      return false;
    bool floor = name[6] == 'f';
    /* C's division truncates; step away from zero when inexact and the
     * signs differ (floor) or agree (ceil). */
    return define(e, op,
                  "%s / %s %s ((%s %% %s != 0) && ((%s < 0) %s (%s < 0)))", a,
                  b, floor ? "-" : "+", a, b, a, floor ? "!=" : "==", b);
  }
  if (!strcmp(name, "math.fma")) {
    const char *a = opnd(e, op, 0), *b = opnd(e, op, 1), *c = opnd(e, op, 2);
    return a && b && c && define(e, op, "metal::fma(%s, %s, %s)", a, b, c);
  }
  if (!strcmp(name, "math.fpowi")) {
    const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    return a && b && type_or_error(op, t) &&
           define(e, op, "metal::pow(%s, (%s)%s)", a, msl_type(t), b);
  }
  if (!strcmp(name, "math.erf")) {
    const char *a = opnd(e, op, 0);
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    e->need_erf = true;
    if (!a || !type_or_error(op, t))
      return false;
    if (mlirTypeIsAF32(t))
      return define(e, op, "mly_erf(%s)", a);
    return define(e, op, "(%s)mly_erf((float)%s)", msl_type(t), a);
  }
  if (!strcmp(name, "memref.load")) {
    const char *m = opnd(e, op, 0);
    sbuf ix = {0};
    bool ok =
        m &&
        index_expr(e, op, mlirValueGetType(mlirOperationGetOperand(op, 0)), 1,
                   &ix) &&
        !ix.oom && define(e, op, "%s[%s]", m, ix.p);
    free(ix.p);
    return ok;
  }
  if (!strcmp(name, "memref.store")) {
    const char *v = opnd(e, op, 0), *m = opnd(e, op, 1);
    sbuf ix = {0};
    bool ok =
        v && m &&
        index_expr(e, op, mlirValueGetType(mlirOperationGetOperand(op, 1)), 2,
                   &ix) &&
        !ix.oom;
    if (ok)
      line(e, "%s[%s] = %s;", m, ix.p, v);
    free(ix.p);
    return ok;
  }
  if (!strcmp(name, "memref.get_global")) {
    MlirStringRef g = mlirFlatSymbolRefAttrGetValue(mlyTgtAttr(op, "name"));
    for (size_t i = 0; i < e->n_g; ++i)
      if (e->g[i].sym.length == g.length &&
          !memcmp(e->g[i].sym.data, g.data, g.length))
        return set_name(e, mlirOperationGetResult(op, 0), e->g[i].name);
    mlyTgtOpError(op,
                  "reads @%.*s, which is not a memref.global of the "
                  "gpu.module",
                  (int)g.length, g.data);
    return false;
  }
  static const struct {
    const char *op, *var;
  } ids[] = {{"gpu.thread_id", "mly_tid"},
             {"gpu.block_id", "mly_bid"},
             {"gpu.block_dim", "mly_bdim"},
             {"gpu.grid_dim", "mly_gdim"}};
  for (size_t i = 0; i < sizeof ids / sizeof *ids; ++i)
    if (!strcmp(name, ids[i].op)) {
      char d = dim_of(op);
      return d && define(e, op, "(int)%s.%c", ids[i].var, d);
    }
  if (!strcmp(name, "gpu.global_id")) {
    char d = dim_of(op);
    return d && define(e, op, "(int)(mly_bid.%c * mly_bdim.%c + mly_tid.%c)", d,
                       d, d);
  }
  if (!strcmp(name, "gpu.lane_id"))
    return define(e, op, "(int)mly_lane");
  if (!strcmp(name, "gpu.subgroup_id"))
    return define(e, op, "(int)mly_simd");
  if (!strcmp(name, "gpu.barrier")) {
    line(e, "threadgroup_barrier(mem_flags::mem_threadgroup);");
    return true;
  }
  if (!strcmp(name, "gpu.subgroup_reduce"))
    return emit_subgroup_reduce(e, op);
  if (!strcmp(name, "gpu.return")) {
    bool last = mlirBlockEqual(mlirOperationGetBlock(op), e->kernel_body);
    if (!last)
      line(e, "return;");
    return true;
  }
  if (!strcmp(name, "scf.for"))
    return emit_for(e, op);
  if (!strcmp(name, "scf.if"))
    return emit_if(e, op);
  if (!strcmp(name, "scf.yield") && yield_to)
    return emit_yield(e, op, yield_to);
  mlyTgtOpError(op, "is not supported by the msl target");
  return false;
}

static bool emit_block(emitter *e, MlirBlock b, char **yield_to) {
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (!emit_op(e, op, yield_to))
      return false;
  return true;
}

/* Whether the kernel stores to its argument `arg` (or passes it on). */
static bool is_written(MlirValue arg) {
  for (MlirOpOperand u = mlirValueGetFirstUse(arg); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u))
    if (!mlyTgtOpIs(mlirOpOperandGetOwner(u), "memref.load"))
      return true;
  return false;
}

static bool emit_kernel(emitter *e, MlirOperation f) {
  MlirStringRef sym = mlirStringAttrGetValue(mlyTgtAttr(f, "sym_name"));
  if (mlirAttributeIsNull(mlyTgtAttr(f, "gpu.kernel"))) {
    mlyTgtOpError(f, "is not a kernel; the msl target emits kernels only");
    return false;
  }
  MlirRegion body_region = mlirOperationGetRegion(f, 0);
  MlirBlock body = mlirRegionGetFirstBlock(body_region);
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(body))) {
    mlyTgtOpError(f, "has more than one block; the msl target needs "
                     "structured control flow (scf)");
    return false;
  }
  char *kname = c_ident(sym);
  if (!kname)
    return false;
  /* The runtime finds the kernel by its symbol (the manifest's name). */
  if (strlen(kname) != sym.length || memcmp(kname, sym.data, sym.length)) {
    mlyTgtOpError(f,
                  "is named '%.*s', which is no MSL identifier of its own "
                  "(reserved, or not letters, digits and '_')",
                  (int)sym.length, sym.data);
    free(kname);
    return false;
  }
  bool ok = false;
  e->next = 0;
  e->indent = 0;
  e->kernel_body = body;
  MlirType fty = mlirTypeAttrGetValue(mlyTgtAttr(f, "function_type"));
  intptr_t n_in = mlirFunctionTypeGetNumInputs(fty);
  MlirAttribute nwg_a = mlyTgtAttr(f, "workgroup_attributions");
  intptr_t n_wg =
      mlirAttributeIsNull(nwg_a) ? 0 : mlirIntegerAttrGetValueInt(nwg_a);
  intptr_t n_all = mlirBlockGetNumArguments(body);
  size_t klen;
  const char *kind = mlyTgtStrAttr(f, "mly.kind", &klen);
  MlirAttribute kbs = mlyTgtAttr(f, "known_block_size");
  if (kind || !mlirAttributeIsNull(kbs)) {
    sb_printf(&e->out, "//");
    if (kind)
      sb_printf(&e->out, " mly.kind = \"%.*s\"", (int)klen, kind);
    if (!mlirAttributeIsNull(kbs) && mlirDenseArrayGetNumElements(kbs) == 3)
      sb_printf(&e->out, "%s known_block_size = %dx%dx%d", kind ? "," : "",
                mlirDenseI32ArrayGetElement(kbs, 0),
                mlirDenseI32ArrayGetElement(kbs, 1),
                mlirDenseI32ArrayGetElement(kbs, 2));
    sb_printf(&e->out, "\n");
  }
  sb_printf(&e->out, "kernel void %s(\n", kname);
  for (intptr_t i = 0; i < n_in; ++i) {
    MlirValue a = mlirBlockGetArgument(body, i);
    MlirType t = mlirValueGetType(a);
    if (!check_memref(f, t))
      goto out;
    char n[32];
    snprintf(n, sizeof n, "arg%d", (int)i);
    if (!set_name(e, a, n))
      goto out;
    sb_printf(&e->out, "    device %s%s *%s [[buffer(%d)]],\n",
              is_written(a) ? "" : "const ",
              msl_type(mlirShapedTypeGetElementType(t)), n, (int)i);
  }
  sb_printf(&e->out,
            "    uint3 mly_tid [[thread_position_in_threadgroup]],\n"
            "    uint3 mly_bid [[threadgroup_position_in_grid]],\n"
            "    uint3 mly_bdim [[threads_per_threadgroup]],\n"
            "    uint3 mly_gdim [[threadgroups_per_grid]],\n"
            "    uint mly_lane [[thread_index_in_simdgroup]],\n"
            "    uint mly_simd [[simdgroup_index_in_threadgroup]]) {\n");
  e->indent = 1;
  for (intptr_t i = n_in; i < n_all; ++i) {
    MlirValue a = mlirBlockGetArgument(body, i);
    MlirType t = mlirValueGetType(a);
    if (!check_memref(f, t))
      goto out;
    bool wg = i < n_in + n_wg;
    char n[32];
    snprintf(n, sizeof n, "%s%d", wg ? "wg" : "pr",
             (int)(wg ? i - n_in : i - n_in - n_wg));
    if (!set_name(e, a, n))
      goto out;
    int64_t cnt = mlyTgtNumElements(t);
    line(e, "%s%s %s[%lld];", wg ? "threadgroup " : "",
         msl_type(mlirShapedTypeGetElementType(t)), n,
         (long long)(cnt ? cnt : 1));
  }
  ok = emit_block(e, body, NULL);
  sb_printf(&e->out, "}\n");
out:
  free(kname);
  return ok;
}

static const char erf_helper[] =
    "\n// erf to within 1 ulp (Metal has none): N. Juffa's minimax fits.\n"
    "static inline float mly_erf(float a) {\n"
    "  float t = metal::fabs(a);\n"
    "  float s = a * a;\n"
    "  float r;\n"
    "  if (t > 0.927734375f) {\n"
    "    r = metal::fma(-1.72853470e-5f, t, 3.83197126e-4f);\n"
    "    float u = metal::fma(-3.88396438e-3f, t, 2.42546219e-2f);\n"
    "    r = metal::fma(r, s, u);\n"
    "    r = metal::fma(r, t, -1.06777877e-1f);\n"
    "    r = metal::fma(r, t, -6.34846687e-1f);\n"
    "    r = metal::fma(r, t, -1.28717512e-1f);\n"
    "    r = metal::fma(r, t, -t);\n"
    "    r = 1.0f - metal::exp(r);\n"
    "    r = metal::copysign(r, a);\n"
    "  } else {\n"
    "    r = -5.96761703e-4f;\n"
    "    r = metal::fma(r, s, 4.99119423e-3f);\n"
    "    r = metal::fma(r, s, -2.67681349e-2f);\n"
    "    r = metal::fma(r, s, 1.12819925e-1f);\n"
    "    r = metal::fma(r, s, -3.76125336e-1f);\n"
    "    r = metal::fma(r, s, 1.28379166e-1f);\n"
    "    r = metal::fma(r, a, a);\n"
    "  }\n"
    "  return r;\n"
    "}\n";

static const char maximumf_helper[] =
    "\n// arith.maximumf: NaN when either is NaN; +0 is above -0.\n"
    "template <typename T> static inline T mly_maximumf(T a, T b) {\n"
    "  if (metal::isnan(a) || metal::isnan(b))\n"
    "    return a + b;\n"
    "  if (a == b)\n"
    "    return metal::signbit(a) ? b : a;\n"
    "  return a > b ? a : b;\n"
    "}\n";

static const char minimumf_helper[] =
    "\n// arith.minimumf: NaN when either is NaN; -0 is below +0.\n"
    "template <typename T> static inline T mly_minimumf(T a, T b) {\n"
    "  if (metal::isnan(a) || metal::isnan(b))\n"
    "    return a + b;\n"
    "  if (a == b)\n"
    "    return metal::signbit(a) ? a : b;\n"
    "  return a < b ? a : b;\n"
    "}\n";

static void put(MlirStringCallback write, void *user, const char *s, size_t n) {
  write(mlirStringRefCreate(s, n), user);
}

static MlirLogicalResult msl_emit(MlirOperation gm, MlirStringCallback write,
                                  void *user, const MlyTargetOptions *options) {
  emitter e = {0};
  bool ok = false;
  if (options->count) {
    mlyTgtOpError(gm,
                  "was given target option '%s', but the msl target has "
                  "no options",
                  options->keys[0]);
    goto out;
  }
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (mlyTgtOpIs(op, "memref.global") && !emit_global(&e, op))
      goto out;
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (mlyTgtOpIs(op, "memref.global") || mlyTgtOpIs(op, "gpu.module_end"))
      continue;
    if (!mlyTgtOpIs(op, "gpu.func")) {
      mlyTgtOpError(op, "is not supported by the msl target at module level");
      goto out;
    }
    sb_printf(&e.out, "\n");
    if (!emit_kernel(&e, op))
      goto out;
  }
  if (e.out.oom || e.globals.oom) {
    mlyTgtOpError(gm, "ran out of memory in the msl target");
    goto out;
  }
  static const char head[] = "#include <metal_stdlib>\n"
                             "using namespace metal;\n";
  put(write, user, head, sizeof head - 1);
  if (e.need_erf)
    put(write, user, erf_helper, sizeof erf_helper - 1);
  if (e.need_maximumf)
    put(write, user, maximumf_helper, sizeof maximumf_helper - 1);
  if (e.need_minimumf)
    put(write, user, minimumf_helper, sizeof minimumf_helper - 1);
  if (e.globals.n) {
    put(write, user, "\n", 1);
    put(write, user, e.globals.p, e.globals.n);
  }
  if (e.out.n)
    put(write, user, e.out.p, e.out.n);
  ok = true;
out:
  for (size_t i = 0; i < e.map_cap; ++i)
    free(e.map[i].name);
  free(e.map);
  for (size_t i = 0; i < e.n_g; ++i)
    free(e.g[i].name);
  free(e.g);
  free(e.out.p);
  free(e.globals.p);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}

static const MlyTarget msl_target = {
    .abi_version = MLY_TARGET_ABI_VERSION,
    .name = "msl",
    .description = "Metal Shading Language source",
    .file_extension = ".metal",
    .binary = 0,
    .options_help = NULL,
    .emit = msl_emit,
};

__attribute__((visibility("default"))) const MlyTarget *mly_target_entry(void) {
  return &msl_target;
}
