/* The C-family printer (see cfamily.h). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "targets/cfamily/cfamily.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
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

struct MlyCfEmitter {
  const MlyCfTarget *t;
  void *state;
  unsigned needs;
  sbuf out;     /* the kernels */
  sbuf globals; /* program-scope constants */
  vname *map;   /* open addressing on the value pointer */
  size_t map_cap, map_n;
  global *g;
  size_t n_g;
  int next; /* the next vN of the current kernel */
  int indent;
  MlirBlock kernel_body;
};
typedef struct MlyCfEmitter emitter;

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

static void sb_write(MlirStringRef s, void *user);

/* The fragment of a subgroup matrix type the printer supports: 'a' and
 * 'b' (16 x 16 f16 operands), 'c' (16 x 16 f32 accumulator), else 0. */
static char mma_kind(MlirType t) {
  if (mlirTypeIsAF32(t) || mlirTypeIsAF16(t) || mlirTypeIsAInteger(t) ||
      mlirTypeIsAIndex(t) || mlirTypeIsAMemRef(t))
    return 0;
  sbuf b = {0};
  mlirTypePrint(t, sb_write, &b);
  static const struct {
    const char *text;
    char kind;
  } kinds[] = {{"!gpu.mma_matrix<16x16xf16, \"AOp\">", 'a'},
               {"!gpu.mma_matrix<16x16xf16, \"BOp\">", 'b'},
               {"!gpu.mma_matrix<16x16xf32, \"COp\">", 'c'}};
  char k = 0;
  for (size_t i = 0; b.p && i < sizeof kinds / sizeof *kinds; ++i)
    if (!strcmp(b.p, kinds[i].text))
      k = kinds[i].kind;
  free(b.p);
  return k;
}

const char *mlyCfType(const MlyCfEmitter *e, MlirType t, bool unsigned_) {
  const MlyCfTarget *T = e->t;
  if (mlirTypeIsAF32(t))
    return unsigned_ ? NULL : T->f32;
  if (mlirTypeIsAF16(t))
    return unsigned_ ? NULL : T->f16;
  if (mlirTypeIsABF16(t))
    return unsigned_ ? NULL : T->bf16;
  if (mlirTypeIsAIndex(t))
    return unsigned_ ? T->u32 : T->i32;
  if (mlirTypeIsAInteger(t))
    switch (mlirIntegerTypeGetWidth(t)) {
    case 1:
      return T->i1;
    case 8:
      return unsigned_ ? T->u8 : T->i8;
    case 16:
      return unsigned_ ? T->u16 : T->i16;
    case 32:
      return unsigned_ ? T->u32 : T->i32;
    case 64:
      return unsigned_ ? T->u64 : T->i64;
    default:
      return NULL;
    }
  switch (unsigned_ ? 0 : mma_kind(t)) {
  case 'a':
    return "mly_mma_a";
  case 'b':
    return "mly_mma_b";
  case 'c':
    return "mly_mma_c";
  }
  return NULL;
}

static const char *c_type(const emitter *e, MlirType t) {
  return mlyCfType(e, t, false);
}

/* The unsigned type of the same width as integer type `t`. */
static const char *c_utype(const emitter *e, MlirType t) {
  return mlyCfType(e, t, true);
}

bool mlyCfIsFloat(MlirType t) {
  return mlirTypeIsAF32(t) || mlirTypeIsAF16(t) || mlirTypeIsABF16(t);
}

bool mlyCfIsI1(MlirType t) {
  return mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1;
}

static void sb_write(MlirStringRef s, void *user) {
  sb_printf(user, "%.*s", (int)s.length, s.data);
}

/* The type of `t` or NULL after a diagnostic on `op`. */
static const char *type_or_error(const emitter *e, MlirOperation op,
                                 MlirType t) {
  const char *s = c_type(e, t);
  if (!s) {
    sbuf tb = {0};
    mlirTypePrint(t, sb_write, &tb);
    mlyTgtOpError(op, "has type '%s', which the %s target does not support",
                  tb.p ? tb.p : "?", e->t->name);
    free(tb.p);
  }
  return s;
}

/* Checks that memref type `t` is static, identity-laid-out, of a supported
 * element type and under 2^31 elements. Diagnostic on `op` otherwise. */
static bool check_memref(const emitter *e, MlirOperation op, MlirType t) {
  if (!mlirTypeIsAMemRef(t)) {
    mlyTgtOpError(op,
                  "has a non-memref buffer, which the %s target does not "
                  "support",
                  e->t->name);
    return false;
  }
  int64_t n = mlyTgtNumElements(t);
  if (n < 0) {
    mlyTgtOpError(op,
                  "has a memref of dynamic shape, which the %s target does "
                  "not support",
                  e->t->name);
    return false;
  }
  if (n >= ((int64_t)1 << 31)) {
    mlyTgtOpError(op,
                  "has a memref of %lld elements; the %s target indexes "
                  "with int (at most 2^31 - 1 elements)",
                  (long long)n, e->t->name);
    return false;
  }
  if (!mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t))) {
    mlyTgtOpError(op,
                  "has a memref with a non-identity layout, which the %s "
                  "target does not support",
                  e->t->name);
    return false;
  }
  return type_or_error(e, op, mlirShapedTypeGetElementType(t)) != NULL;
}

/* Whether `n` could be one of the emitter's own names (vN, vN_next,
 * argN, wgN, prN, mly_*), a word of C++ or of the target's language. */
static bool reserved(const emitter *e, const char *n) {
  static const char *const prefixes[] = {"v", "arg", "wg", "pr"};
  static const char *const words[] = {
      "bool",     "char",     "short",    "int",      "long",     "float",
      "void",     "if",       "else",     "for",      "return",   "true",
      "false",    "static",   "inline",   "template", "typename", "const",
      "do",       "while",    "switch",   "case",     "default",  "break",
      "signed",   "unsigned", "double",   "extern",   "volatile", "goto",
      "sizeof",   "struct",   "union",    "enum",     "class",    "namespace",
      "using",    "auto",     "register", "new",      "delete",   "this",
      "operator", "continue", "typedef"};
  if (!strncmp(n, "mly_", 4))
    return true;
  for (const char *const *w = e->t->reserved; w && *w; ++w)
    if (!strcmp(n, *w))
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
static char *c_ident(const emitter *e, MlirStringRef s) {
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
  if (!s.length || (n[0] >= '0' && n[0] <= '9') || reserved(e, n)) {
    memmove(n + 2, n, s.length + 1);
    n[0] = 'g';
    n[1] = '_';
  }
  return n;
}

/* ---- literals ---- */

/* A float literal of `v` for float type `t` into out[0..64). */
static void float_lit(const emitter *e, double v, MlirType t, char *out) {
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
    snprintf(out, 64, "(%s)%s", c_type(e, t), lit);
}

/* An integer literal of `v` for integer/index type `t` into out[0..64). */
static void int_lit(const emitter *e, int64_t v, MlirType t, char *out) {
  if (mlyCfIsI1(t)) {
    snprintf(out, 64, "%s", v & 1 ? "true" : "false");
    return;
  }
  unsigned w = mlirTypeIsAIndex(t) ? 32 : mlirIntegerTypeGetWidth(t);
  if (w == 64) {
    if (v == INT64_MIN)
      snprintf(out, 64, "(-9223372036854775807%s - 1)", e->t->i64_suffix);
    else
      snprintf(out, 64, "%lld%s", (long long)v, e->t->i64_suffix);
  } else if (w == 32) {
    v = (int32_t)(uint32_t)v; /* the attribute may hold it unsigned */
    if (v == INT32_MIN)
      snprintf(out, 64, "(-2147483647 - 1)");
    else
      snprintf(out, 64, "%lld", (long long)v);
  } else {
    v = w == 16 ? (int16_t)(uint16_t)v : (int8_t)(uint8_t)v;
    snprintf(out, 64, "(%s)%lld", c_type(e, t), (long long)v);
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
static void element_lit(const emitter *e, MlirAttribute a, intptr_t i,
                        MlirType t, char *out) {
  if (mlirDenseElementsAttrIsSplat(a))
    i = 0;
  if (mlirTypeIsAF32(t)) {
    float_lit(e, mlirDenseElementsAttrGetFloatValue(a, i), t, out);
  } else if (mlirTypeIsAF16(t) || mlirTypeIsABF16(t)) {
    const uint16_t *raw = mlirDenseElementsAttrGetRawData(a);
    float_lit(e, half_bits(raw[i], mlirTypeIsABF16(t)), t, out);
  } else if (mlyCfIsI1(t)) {
    int_lit(e, mlirDenseElementsAttrGetBoolValue(a, i), t, out);
  } else if (mlirTypeIsAIndex(t)) {
    int_lit(e, mlirDenseElementsAttrGetIndexValue(a, i), t, out);
  } else {
    switch (mlirIntegerTypeGetWidth(t)) {
    case 8:
      int_lit(e, mlirDenseElementsAttrGetInt8Value(a, i), t, out);
      break;
    case 16:
      int_lit(e, mlirDenseElementsAttrGetInt16Value(a, i), t, out);
      break;
    case 32:
      int_lit(e, mlirDenseElementsAttrGetInt32Value(a, i), t, out);
      break;
    default:
      int_lit(e, mlirDenseElementsAttrGetInt64Value(a, i), t, out);
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
    mlyTgtOpError(op,
                  "is not a constant with a dense initial value; the %s "
                  "target supports only those",
                  e->t->name);
    return false;
  }
  MlirType t = mlirTypeAttrGetValue(ty);
  if (!check_memref(e, op, t))
    return false;
  MlirType et = mlirShapedTypeGetElementType(t);
  global *g = realloc(e->g, (e->n_g + 1) * sizeof *g);
  if (!g)
    return false;
  e->g = g;
  char *name = c_ident(e, mlirStringAttrGetValue(sym));
  if (!name)
    return false;
  e->g[e->n_g++] = (global){mlirStringAttrGetValue(sym), name};
  int64_t n = mlyTgtNumElements(t);
  sb_printf(&e->globals, "%s%s %s[%lld] = {", e->t->constant_prefix,
            c_type(e, et), name, (long long)(n ? n : 1));
  char lit[64];
  for (int64_t i = 0; i < n; ++i) {
    element_lit(e, init, (intptr_t)i, et, lit);
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
/* The target's unused_prefix when v has no uses, else "". */
static const char *unused(const emitter *e, MlirValue v) {
  return e->t->unused_prefix && mlirOpOperandIsNull(mlirValueGetFirstUse(v))
             ? e->t->unused_prefix
             : "";
}

static bool define(emitter *e, MlirOperation op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool define(emitter *e, MlirOperation op, const char *fmt, ...) {
  MlirValue r = mlirOperationGetResult(op, 0);
  const char *ty = type_or_error(e, op, mlirValueGetType(r));
  if (!ty)
    return false;
  const char *n = fresh(e, r);
  if (!n)
    return false;
  sb_printf(&e->out, "%*s%s%s %s = ", 2 * e->indent, "", unused(e, r), ty, n);
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
  if (p >= 2 && p <= 5 && mlyCfIsI1(t)) /* signed i1: true is -1 */
    return define(e, op, "-(int)%s %s -(int)%s", a, ops[p], b);
  if (p >= 6) {
    const char *u = c_utype(e, t);
    return define(e, op, "(%s)%s %s (%s)%s", u, a, ops[p], u, b);
  }
  return define(e, op, "%s %s %s", a, ops[p], b);
}

enum { CALL_BOOL = 1, CALL_OWN = 2 };

/* The call of float math function `fn` (libm's name) on the n operands
 * `args` of float type t into out[0..size), spelled for the target (see
 * MlyCfTarget.math_*). CALL_BOOL: fn returns bool (no suffix, no cast
 * back); CALL_OWN: a helper of the program (no prefix, no suffix). */
static const char *math_call(const emitter *e, MlirType t, const char *fn,
                             int flags, int n, const char *const *args,
                             char *out, size_t size) {
  const MlyCfTarget *T = e->t;
  bool narrow = T->math_widen && !mlirTypeIsAF32(t);
  bool suffix = T->math_f32_suffix && !(flags & (CALL_BOOL | CALL_OWN));
  sbuf s = {0};
  if (narrow && !(flags & CALL_BOOL))
    sb_printf(&s, "(%s)", c_type(e, t));
  sb_printf(&s, "%s%s%s(", flags & CALL_OWN ? "" : T->math_prefix, fn,
            suffix ? "f" : "");
  for (int i = 0; i < n; ++i)
    sb_printf(&s, "%s%s%s", i ? ", " : "", narrow ? "(float)" : "", args[i]);
  sb_printf(&s, ")");
  snprintf(out, size, "%s", s.p && !s.oom ? s.p : "");
  free(s.p);
  return out;
}

/* isnan(a) of float operand 0 of op into out[0..160). */
static const char *isnan_of(const emitter *e, MlirOperation op, const char *a,
                            char *out) {
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  return math_call(e, t, "isnan", CALL_BOOL, 1, &a, out, 160);
}

/* cmpf with exact ordered/unordered semantics: C's <, <=, >, >=, == are
 * false on NaN (ordered) and != is true (unordered). */
static bool emit_cmpf(emitter *e, MlirOperation op) {
  const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
  if (!a || !b)
    return false;
  int64_t p = mlirIntegerAttrGetValueInt(mlyTgtAttr(op, "predicate"));
  char na[160], nb[160];
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
    return define(e, op, "!%s && !%s", isnan_of(e, op, a, na),
                  isnan_of(e, op, b, nb));
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
    return define(e, op, "%s || %s", isnan_of(e, op, a, na),
                  isnan_of(e, op, b, nb));
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
  if (mlirAttributeIsAFloat(v) && mlyCfIsFloat(t)) {
    float_lit(e, mlirFloatAttrGetValueDouble(v), t, lit);
  } else if (mlirAttributeIsAInteger(v) &&
             (mlirTypeIsAIndex(t) || mlirTypeIsAInteger(t))) {
    int64_t x = mlirIntegerAttrGetValueInt(v);
    if (mlirTypeIsAIndex(t) && (x < INT32_MIN || x > INT32_MAX)) {
      mlyTgtOpError(op,
                    "has index value %lld, beyond the %s target's int "
                    "indices",
                    (long long)x, e->t->name);
      return false;
    }
    int_lit(e, x, t, lit);
  } else if (!type_or_error(e, op, t)) {
    return false;
  } else {
    mlyTgtOpError(op, "has a value the %s target cannot print", e->t->name);
    return false;
  }
  return define(e, op, "%s", lit);
}

typedef struct binop {
  const char *name, *fmt; /* fmt over a, b (twice for some) */
} binop;

/* Integer and float arithmetic written as C expressions of a and b. */
static const binop binops[] = {
    {"arith.addi", "%s + %s"},   {"arith.subi", "%s - %s"},
    {"arith.muli", "%s * %s"},   {"arith.divsi", "%s / %s"},
    {"arith.remsi", "%s %% %s"}, {"arith.andi", "%s & %s"},
    {"arith.ori", "%s | %s"},    {"arith.xori", "%s ^ %s"},
    {"arith.shli", "%s << %s"},  {"arith.shrsi", "%s >> %s"},
    {"arith.addf", "%s + %s"},   {"arith.subf", "%s - %s"},
    {"arith.mulf", "%s * %s"},   {"arith.divf", "%s / %s"},
};

/* Float math of two operands: libm's names (see MlyCfTarget.math_*). */
static const binop mathops2[] = {
    {"arith.remf", "fmod"},    {"arith.maxnumf", "fmax"},
    {"arith.minnumf", "fmin"}, {"math.powf", "pow"},
    {"math.atan2", "atan2"},   {"math.copysign", "copysign"},
};

/* Float math of one operand: libm's names. */
static const binop unops[] = {
    {"math.exp", "exp"},        {"math.exp2", "exp2"},
    {"math.log", "log"},        {"math.log2", "log2"},
    {"math.log10", "log10"},    {"math.sqrt", "sqrt"},
    {"math.rsqrt", "rsqrt"},    {"math.tanh", "tanh"},
    {"math.sin", "sin"},        {"math.cos", "cos"},
    {"math.tan", "tan"},        {"math.asin", "asin"},
    {"math.acos", "acos"},      {"math.atan", "atan"},
    {"math.sinh", "sinh"},      {"math.cosh", "cosh"},
    {"math.asinh", "asinh"},    {"math.acosh", "acosh"},
    {"math.atanh", "atanh"},    {"math.floor", "floor"},
    {"math.ceil", "ceil"},      {"math.round", "round"},
    {"math.roundeven", "rint"}, {"math.trunc", "trunc"},
    {"math.absf", "fabs"},      {"math.isnan", "isnan"},
    {"math.isinf", "isinf"},    {"math.isfinite", "isfinite"},
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
         c_type(e, mlirValueGetType(mlirOperationGetOperand(y, i))), to[i],
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
    const char *ty = type_or_error(e, op, mlirValueGetType(r));
    const char *nm = ty ? fresh(e, r) : NULL;
    const char *init = ty && first >= 0 ? opnd(e, op, first + i) : "";
    if (!nm || !init) {
      free(names);
      return NULL;
    }
    names[i] = (char *)nm;
    if (first >= 0)
      line(e, "%s%s %s = %s;", unused(e, r), ty, nm, init);
    else
      line(e, "%s%s %s;", unused(e, r), ty, nm);
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
  const char *ty = type_or_error(e, op, mlirValueGetType(iv));
  const char *ivn = ty ? fresh(e, iv) : NULL;
  if (!ivn)
    goto out;
  for (intptr_t i = 0; res[i]; ++i)
    if (!set_name(e, mlirBlockGetArgument(body, i + 1), res[i]))
      goto out;
  if (e->t->unroll && !mlirAttributeIsNull(mlyTgtAttr(op, "mly.unroll")))
    line(e, "%s", e->t->unroll);
  if (!mlirAttributeIsNull(mlyTgtAttr(op, "unsignedCmp"))) {
    const char *u = c_utype(e, mlirValueGetType(iv));
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

/* Casts between scalar types. */
static bool emit_cast(emitter *e, MlirOperation op, const char *name) {
  const char *a = opnd(e, op, 0);
  if (!a)
    return false;
  MlirType from = mlirValueGetType(mlirOperationGetOperand(op, 0));
  MlirType to = mlirValueGetType(mlirOperationGetResult(op, 0));
  const char *ft = type_or_error(e, op, from), *tt = type_or_error(e, op, to);
  if (!ft || !tt)
    return false;
  if (!strcmp(name, "arith.bitcast")) {
    e->needs |= MLY_CF_NEED_BITCAST;
    return define(e, op, e->t->bitcast, tt, a);
  }
  if (!strcmp(name, "arith.uitofp") || !strcmp(name, "arith.index_castui") ||
      !strcmp(name, "arith.extui")) {
    if (mlyCfIsI1(from))
      return define(e, op, "(%s)%s", tt, a);
    return define(e, op, "(%s)(%s)%s", tt, c_utype(e, from), a);
  }
  if (!strcmp(name, "arith.fptoui"))
    return define(e, op, "(%s)(%s)%s", tt, c_utype(e, to), a);
  /* Signed i1: true is -1. */
  if ((!strcmp(name, "arith.extsi") || !strcmp(name, "arith.sitofp")) &&
      mlyCfIsI1(from))
    return define(e, op, "%s ? (%s)-1 : (%s)0", a, tt, tt);
  if (!strcmp(name, "arith.trunci") && mlyCfIsI1(to))
    return define(e, op, "(%s & 1) != 0", a);
  return define(e, op, "(%s)%s", tt, a);
}

static const char *const casts[] = {
    "arith.index_cast", "arith.index_castui", "arith.sitofp", "arith.uitofp",
    "arith.fptosi",     "arith.fptoui",       "arith.extf",   "arith.truncf",
    "arith.extsi",      "arith.extui",        "arith.trunci", "arith.bitcast",
};

/* The address of element [indices from operand `first`] of the
 * workgroup memref operand `mi` of op and its leadDimension, or NULL
 * after a diagnostic. A fragment's memory must be the workgroup's, of
 * element type f16 for operands, f32 for accumulators. */
static char *mma_address(emitter *e, MlirOperation op, intptr_t mi,
                         intptr_t first, char kind, long long *ld) {
  bool tr = !mlirAttributeIsNull(mlyTgtAttr(op, "transpose"));
  MlirType m = mlirValueGetType(mlirOperationGetOperand(op, mi));
  MlirAttribute lda = mlyTgtAttr(op, "leadDimension");
  MlirAttribute space = mlirMemRefTypeGetMemorySpace(m);
  sbuf sp = {0};
  if (!mlirAttributeIsNull(space))
    mlirAttributePrint(space, sb_write, &sp);
  bool wg = sp.p && strstr(sp.p, "workgroup");
  free(sp.p);
  MlirType et = mlirShapedTypeGetElementType(m);
  if (!wg || (kind == 'c' ? !mlirTypeIsAF32(et) : !mlirTypeIsAF16(et))) {
    mlyTgtOpError(op,
                  "moves a fragment from or to memory that is not "
                  "workgroup memory of %s; the %s target supports "
                  "only that",
                  kind == 'c' ? "f32" : "f16", e->t->name);
    return NULL;
  }
  if (mlirAttributeIsNull(lda) || !mlirAttributeIsAInteger(lda) ||
      mlirIntegerAttrGetValueInt(lda) < 16 ||
      mlirIntegerAttrGetValueInt(lda) > (1 << 20) ||
      mlirIntegerAttrGetValueInt(lda) % 8 || (tr && kind == 'c')) {
    mlyTgtOpError(op,
                  "needs a leadDimension in [16, 2^20] that is a multiple "
                  "of 8, and no transpose of an accumulator, in the %s "
                  "target",
                  e->t->name);
    return NULL;
  }
  *ld = mlirIntegerAttrGetValueInt(lda);
  const char *buf = opnd(e, op, mi);
  sbuf ix = {0}, out = {0};
  if (buf && index_expr(e, op, m, first, &ix) && !ix.oom)
    sb_printf(&out, "&%s[%s]", buf, ix.p);
  free(ix.p);
  if (out.oom) {
    free(out.p);
    return NULL;
  }
  return out.p;
}

/* gpu.subgroup_mma_<what>: calls of the target's fragment helpers
 * (mly_mma_*, MLY_CF_NEED_MMA) on 16 x 16 x 16 fragments, f16 operands
 * and f32 accumulators. */
static bool emit_mma(emitter *e, MlirOperation op, const char *what) {
  e->needs |= MLY_CF_NEED_MMA;
  if (!strcmp(what, "constant_matrix")) {
    const char *x = opnd(e, op, 0);
    return x && define(e, op, "mly_mma_fill((float)%s)", x);
  }
  if (!strcmp(what, "compute")) {
    const char *a = opnd(e, op, 0), *b = opnd(e, op, 1), *c = opnd(e, op, 2);
    if (!mlirAttributeIsNull(mlyTgtAttr(op, "a_transpose")) ||
        !mlirAttributeIsNull(mlyTgtAttr(op, "b_transpose"))) {
      mlyTgtOpError(op, "transposes an operand; the %s target does not",
                    e->t->name);
      return false;
    }
    return a && b && c && define(e, op, "mly_mma_compute(%s, %s, %s)", a, b, c);
  }
  long long ld = 0;
  if (!strcmp(what, "load_matrix")) {
    char kind = mma_kind(mlirValueGetType(mlirOperationGetResult(op, 0)));
    char *p = kind ? mma_address(e, op, 0, 1, kind, &ld) : NULL;
    bool tr = !mlirAttributeIsNull(mlyTgtAttr(op, "transpose"));
    bool ok = p && define(e, op, "mly_mma_load_%c%s(%s, %lld)", kind,
                          tr ? "t" : "", p, ld);
    if (!kind)
      type_or_error(e, op, mlirValueGetType(mlirOperationGetResult(op, 0)));
    free(p);
    return ok;
  }
  if (!strcmp(what, "store_matrix")) {
    MlirType ft = mlirValueGetType(mlirOperationGetOperand(op, 0));
    if (mma_kind(ft) != 'c') {
      type_or_error(e, op, ft);
      if (mma_kind(ft))
        mlyTgtOpError(op,
                      "stores an operand fragment; the %s target "
                      "stores accumulators only",
                      e->t->name);
      return false;
    }
    const char *v = opnd(e, op, 0);
    char *p = v ? mma_address(e, op, 1, 2, 'c', &ld) : NULL;
    if (p) {
      e->needs |= MLY_CF_NEED_LANE;
      line(e, "mly_mma_store(%s, %s, %lld, %s);", p, v, ld, e->t->lane_id);
    }
    free(p);
    return p != NULL;
  }
  mlyTgtOpError(op, "is not supported by the %s target", e->t->name);
  return false;
}

/* Whether buf is an f16 kernel buffer in global memory (an argument of
 * the kernel; workgroup attributions have an address space). */
static bool raw_f16(MlirValue buf) {
  MlirType t = mlirValueGetType(buf);
  return mlirValueIsABlockArgument(buf) && mlirTypeIsAMemRef(t) &&
         mlirAttributeIsNull(mlirMemRefTypeGetMemorySpace(t)) &&
         mlirTypeIsAF16(mlirShapedTypeGetElementType(t));
}

/* Appends the expression that reads element `index` of buffer `buf`
 * (named m): the target's load_f16 for an f16 kernel buffer where it has
 * one, else a subscript. */
static void elem_read(const emitter *e, sbuf *out, MlirValue buf,
                      const char *m, const char *index) {
  if (e->t->load_f16 && raw_f16(buf))
    sb_printf(out, e->t->load_f16, m, index);
  else
    sb_printf(out, "%s[%s]", m, index);
}

/* Whether vector.load `op` is one 16-byte access of the target's vec16
 * type (8 f16 of a kernel buffer), not element by element. */
static bool vload_whole(const emitter *e, MlirOperation op) {
  MlirType vt = mlirValueGetType(mlirOperationGetResult(op, 0));
  return e->t->vec16 && raw_f16(mlirOperationGetOperand(op, 0)) &&
         mlirShapedTypeGetDimSize(vt, 0) == 8;
}

/* vector.load of a 1-D vector<N x T> (N <= 16) from a memref of T: one
 * vec16 access where the target has it, else N locals vN_0 .. vN_{N-1}
 * loaded element by element. Its vector.extracts read a lane. */
static bool emit_vload(emitter *e, MlirOperation op) {
  MlirValue buf = mlirOperationGetOperand(op, 0), r = mlirOperationGetResult(op, 0);
  MlirType mt = mlirValueGetType(buf), vt = mlirValueGetType(r);
  if (!mlirTypeIsAVector(vt) || mlirShapedTypeGetRank(vt) != 1 ||
      mlirShapedTypeGetDimSize(vt, 0) > 16 || !mlirTypeIsAMemRef(mt) ||
      !mlirTypeEqual(mlirShapedTypeGetElementType(vt),
                     mlirShapedTypeGetElementType(mt))) {
    mlyTgtOpError(op, "loads a vector the %s target does not support (one "
                      "dimension of at most 16 elements of the memref's "
                      "type)",
                  e->t->name);
    return false;
  }
  int64_t n = mlirShapedTypeGetDimSize(vt, 0);
  MlirType et = mlirShapedTypeGetElementType(vt);
  const char *m = opnd(e, op, 0), *ty = type_or_error(e, op, et);
  sbuf ix = {0};
  bool ok = m && ty && index_expr(e, op, mt, 1, &ix) && !ix.oom;
  const char *name = ok ? fresh(e, r) : NULL;
  if (!name) {
    free(ix.p);
    return false;
  }
  if (vload_whole(e, op)) {
    e->needs |= MLY_CF_NEED_VEC16;
    line(e, "%s %s = *(const %s *)&%s[%s];", e->t->vec16, name, e->t->vec16,
         m, ix.p);
  } else
    for (int64_t c = 0; ok && c < n; ++c) {
      sbuf lane = {0}, expr = {0};
      sb_printf(&lane, "(%s) + %lld", ix.p, (long long)c);
      elem_read(e, &expr, buf, m, lane.p);
      ok = !lane.oom && !expr.oom;
      if (ok)
        line(e, "%s%s %s_%lld = %s;",
             e->t->unused_prefix ? e->t->unused_prefix : "", ty, name,
             (long long)c, expr.p);
      free(lane.p);
      free(expr.p);
    }
  free(ix.p);
  return ok;
}

/* vector.extract of one lane, at a constant position, of a vector.load. */
static bool emit_vextract(emitter *e, MlirOperation op) {
  MlirValue v = mlirOperationGetOperand(op, 0);
  MlirAttribute pos = mlyTgtAttr(op, "static_position");
  MlirOperation def = mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v)
                                               : (MlirOperation){NULL};
  if (mlirOperationGetNumOperands(op) != 1 || mlirAttributeIsNull(pos) ||
      !mlirAttributeIsADenseI64Array(pos) ||
      mlirDenseArrayGetNumElements(pos) != 1 || mlirOperationIsNull(def) ||
      !mlyTgtOpIs(def, "vector.load")) {
    mlyTgtOpError(op, "is not supported by the %s target (only one lane, "
                      "at a constant position, of a vector.load)",
                  e->t->name);
    return false;
  }
  int64_t c = mlirDenseI64ArrayGetElement(pos, 0);
  if (c < 0 || c >= mlirShapedTypeGetDimSize(mlirValueGetType(v), 0)) {
    mlyTgtOpError(op, "reads lane %lld, outside its vector", (long long)c);
    return false;
  }
  const char *x = opnd(e, op, 0);
  if (!x)
    return false;
  if (vload_whole(e, def))
    return define(e, op, e->t->vec16_f16_lane, x, (int)(c / 2),
                  (int)(16 * (c % 2)));
  return define(e, op, "%s_%lld", x, (long long)c);
}

/* nvgpu.device_async_copy of dstElements elements (no srcElements) from
 * a kernel buffer into workgroup memory: the target's 16-byte copy where
 * it has one and they make 16 bytes, else element by element. The token
 * is never printed. */
static bool emit_async_copy(emitter *e, MlirOperation op) {
  /* operands: dst, its indices, src, its indices (, srcElements) */
  MlirValue dst = mlirOperationGetOperand(op, 0);
  MlirType dt = mlirValueGetType(dst);
  intptr_t rd = mlirTypeIsAMemRef(dt) ? mlirShapedTypeGetRank(dt) : -1;
  intptr_t si_ = 1 + rd;
  MlirValue src = rd < 0 || si_ >= mlirOperationGetNumOperands(op)
                      ? dst
                      : mlirOperationGetOperand(op, si_);
  MlirType st = mlirValueGetType(src);
  MlirAttribute n_a = mlyTgtAttr(op, "dstElements");
  if (rd < 0 || !mlirTypeIsAMemRef(st) ||
      mlirOperationGetNumOperands(op) != si_ + 1 + mlirShapedTypeGetRank(st) ||
      mlirAttributeIsNull(n_a) || !mlirAttributeIsAInteger(n_a) ||
      mlirIntegerAttrGetValueInt(n_a) < 1 ||
      mlirIntegerAttrGetValueInt(n_a) > 16 ||
      !mlirTypeEqual(mlirShapedTypeGetElementType(st),
                     mlirShapedTypeGetElementType(dt))) {
    mlyTgtOpError(op, "is not supported by the %s target (a copy of at "
                      "most 16 elements of one type, without srcElements)",
                  e->t->name);
    return false;
  }
  int64_t n = mlirIntegerAttrGetValueInt(n_a);
  MlirType et = mlirShapedTypeGetElementType(st);
  const char *d = opnd(e, op, 0), *s = opnd(e, op, si_);
  sbuf si = {0}, dix = {0};
  bool ok = s && d && index_expr(e, op, dt, 1, &dix) && !dix.oom &&
            index_expr(e, op, st, si_ + 1, &si) && !si.oom &&
            set_name(e, mlirOperationGetResult(op, 0), "0");
  bool whole = e->t->async_copy16 && n == 8 &&
               (mlirTypeIsAF16(et) || mlirTypeIsABF16(et));
  if (ok && whole) {
    e->needs |= MLY_CF_NEED_ASYNC | MLY_CF_NEED_VEC16;
    sbuf dp = {0}, sp = {0};
    sb_printf(&dp, "&%s[%s]", d, dix.p);
    sb_printf(&sp, "&%s[%s]", s, si.p);
    ok = !dp.oom && !sp.oom;
    if (ok)
      line(e, e->t->async_copy16, dp.p, sp.p);
    free(dp.p);
    free(sp.p);
  }
  for (int64_t c = 0; ok && !whole && c < n; ++c) {
    sbuf from = {0}, expr = {0};
    sb_printf(&from, "(%s) + %lld", si.p, (long long)c);
    elem_read(e, &expr, src, s, from.p);
    ok = !from.oom && !expr.oom;
    if (ok)
      line(e, "%s[(%s) + %lld] = %s;", d, dix.p, (long long)c, expr.p);
    free(from.p);
    free(expr.p);
  }
  free(si.p);
  free(dix.p);
  return ok;
}

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
      if (mlyCfIsI1(t) &&
          (!strcmp(name, "arith.addi") || !strcmp(name, "arith.subi")))
        return define(e, op, "%s != %s", a, b);
      if (mlyCfIsI1(t) && !strcmp(name, "arith.muli"))
        return define(e, op, "%s && %s", a, b);
      return define(e, op, binops[i].fmt, a, b);
    }
  char call[512];
  if (!strcmp(name, "arith.maximumf") || !strcmp(name, "arith.minimumf")) {
    const char *ab[2] = {opnd(e, op, 0), opnd(e, op, 1)};
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    bool max = name[8] == 'x';
    if (!ab[0] || !ab[1] || !type_or_error(e, op, t))
      return false;
    e->needs |= max ? MLY_CF_NEED_MAXIMUMF : MLY_CF_NEED_MINIMUMF;
    return define(e, op, "%s",
                  math_call(e, t, max ? "mly_maximumf" : "mly_minimumf",
                            CALL_OWN, 2, ab, call, sizeof call));
  }
  for (size_t i = 0; i < sizeof mathops2 / sizeof *mathops2; ++i)
    if (!strcmp(name, mathops2[i].name)) {
      const char *ab[2] = {opnd(e, op, 0), opnd(e, op, 1)};
      MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
      return ab[0] && ab[1] && type_or_error(e, op, t) &&
             define(
                 e, op, "%s",
                 math_call(e, t, mathops2[i].fmt, 0, 2, ab, call, sizeof call));
    }
  if (!strcmp(name, "math.absi")) {
    const char *a = opnd(e, op, 0);
    if (!a)
      return false;
    if (e->t->has_int_abs)
      return define(e, op, "%sabs(%s)", e->t->math_prefix, a);
    return define(e, op, "%s < 0 ? -%s : %s", a, a, a);
  }
  for (size_t i = 0; i < sizeof unops / sizeof *unops; ++i)
    if (!strcmp(name, unops[i].name)) {
      const char *a = opnd(e, op, 0);
      MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
      bool is_bool = !strncmp(unops[i].fmt, "is", 2);
      return a && type_or_error(e, op, t) &&
             define(e, op, "%s",
                    math_call(e, t, unops[i].fmt, is_bool ? CALL_BOOL : 0, 1,
                              &a, call, sizeof call));
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
    const char *ty = type_or_error(e, op, t), *u = c_utype(e, t);
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
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    const char *abc[3] = {a, b, c};
    return a && b && c && type_or_error(e, op, t) &&
           define(e, op, "%s",
                  math_call(e, t, "fma", 0, 3, abc, call, sizeof call));
  }
  if (!strcmp(name, "math.fpowi")) {
    const char *a = opnd(e, op, 0), *b = opnd(e, op, 1);
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    char cast[160];
    if (!a || !b || !type_or_error(e, op, t))
      return false;
    snprintf(cast, sizeof cast, "(%s)%s", c_type(e, t), b);
    const char *ab[2] = {a, cast};
    return define(e, op, "%s",
                  math_call(e, t, "pow", 0, 2, ab, call, sizeof call));
  }
  if (!strcmp(name, "math.erf")) {
    const char *a = opnd(e, op, 0);
    MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
    e->needs |= MLY_CF_NEED_ERF;
    if (!a || !type_or_error(e, op, t))
      return false;
    if (mlirTypeIsAF32(t))
      return define(e, op, "%s(%s)", e->t->erf, a);
    return define(e, op, "(%s)%s((float)%s)", c_type(e, t), e->t->erf, a);
  }
  if (!strcmp(name, "memref.load")) {
    const char *m = opnd(e, op, 0);
    MlirValue buf = mlirOperationGetOperand(op, 0);
    sbuf ix = {0};
    bool ok = m && index_expr(e, op, mlirValueGetType(buf), 1, &ix) && !ix.oom;
    sbuf expr = {0};
    if (ok)
      elem_read(e, &expr, buf, m, ix.p);
    ok = ok && !expr.oom && define(e, op, "%s", expr.p);
    free(ix.p);
    free(expr.p);
    return ok;
  }
  if (!strcmp(name, "vector.load"))
    return emit_vload(e, op);
  if (!strcmp(name, "nvgpu.device_async_copy"))
    return emit_async_copy(e, op);
  if (!strcmp(name, "nvgpu.device_async_create_group")) {
    if (e->t->async_commit)
      line(e, "%s", e->t->async_commit);
    return set_name(e, mlirOperationGetResult(op, 0), "0");
  }
  if (!strcmp(name, "nvgpu.device_async_wait")) {
    MlirAttribute g = mlyTgtAttr(op, "numGroups");
    int64_t n = mlirAttributeIsNull(g) ? 0 : mlirIntegerAttrGetValueInt(g);
    if (n < 0 || n > 64) {
      mlyTgtOpError(op, "waits for %lld groups; the %s target takes 0 to 64",
                    (long long)n, e->t->name);
      return false;
    }
    if (e->t->async_wait)
      line(e, e->t->async_wait, (int)n);
    return true;
  }
  if (!strcmp(name, "vector.extract"))
    return emit_vextract(e, op);
  if (!strcmp(name, "memref.store")) {
    const char *v = opnd(e, op, 0), *m = opnd(e, op, 1);
    MlirValue buf = mlirOperationGetOperand(op, 1);
    sbuf ix = {0};
    bool ok =
        v && m && index_expr(e, op, mlirValueGetType(buf), 2, &ix) && !ix.oom;
    if (ok && e->t->store_f16 && raw_f16(buf))
      line(e, e->t->store_f16, m, ix.p, v);
    else if (ok)
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
  const char *ids[][2] = {{"gpu.thread_id", e->t->thread_id},
                          {"gpu.block_id", e->t->block_id},
                          {"gpu.block_dim", e->t->block_dim},
                          {"gpu.grid_dim", e->t->grid_dim}};
  for (size_t i = 0; i < sizeof ids / sizeof *ids; ++i)
    if (!strcmp(name, ids[i][0])) {
      char d = dim_of(op);
      char expr[128];
      snprintf(expr, sizeof expr, ids[i][1], d);
      return d && define(e, op, "%s", expr);
    }
  if (!strcmp(name, "gpu.global_id")) {
    char d = dim_of(op);
    char expr[128];
    snprintf(expr, sizeof expr, e->t->global_id, d, d, d);
    return d && define(e, op, "%s", expr);
  }
  if (!strcmp(name, "gpu.lane_id") || !strcmp(name, "gpu.subgroup_id")) {
    e->needs |= MLY_CF_NEED_LANE;
    return define(e, op, "%s",
                  name[4] == 'l' ? e->t->lane_id : e->t->subgroup_id);
  }
  if (!strncmp(name, "gpu.subgroup_mma_", 17))
    return emit_mma(e, op, name + 17);
  if (!strcmp(name, "gpu.barrier")) {
    line(e, "%s", e->t->barrier);
    return true;
  }
  if (!strcmp(name, "gpu.subgroup_reduce"))
    return e->t->subgroup_reduce(e, op);
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
  mlyTgtOpError(op, "is not supported by the %s target", e->t->name);
  return false;
}

static bool emit_block(emitter *e, MlirBlock b, char **yield_to) {
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (!emit_op(e, op, yield_to))
      return false;
  return true;
}

bool mlyCfArgWritten(MlirValue arg) {
  for (MlirOpOperand u = mlirValueGetFirstUse(arg); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u))
    if (!mlyTgtOpIs(mlirOpOperandGetOwner(u), "memref.load"))
      return true;
  return false;
}

static bool emit_kernel(emitter *e, MlirOperation f) {
  MlirStringRef sym = mlirStringAttrGetValue(mlyTgtAttr(f, "sym_name"));
  if (mlirAttributeIsNull(mlyTgtAttr(f, "gpu.kernel"))) {
    mlyTgtOpError(f, "is not a kernel; the %s target emits kernels only",
                  e->t->name);
    return false;
  }
  MlirRegion body_region = mlirOperationGetRegion(f, 0);
  MlirBlock body = mlirRegionGetFirstBlock(body_region);
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(body))) {
    mlyTgtOpError(f,
                  "has more than one block; the %s target needs "
                  "structured control flow (scf)",
                  e->t->name);
    return false;
  }
  char *kname = c_ident(e, sym);
  if (!kname)
    return false;
  /* The runtime finds the kernel by its symbol (the manifest's name). */
  if (strlen(kname) != sym.length || memcmp(kname, sym.data, sym.length)) {
    mlyTgtOpError(f,
                  "is named '%.*s', which is no %s identifier of its own "
                  "(reserved, or not letters, digits and '_')",
                  (int)sym.length, sym.data, e->t->ident);
    free(kname);
    return false;
  }
  bool ok = false;
  MlirValue *args = NULL;
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
  if (!(args = calloc((size_t)n_in + 1, sizeof *args)))
    goto out;
  for (intptr_t i = 0; i < n_in; ++i) {
    MlirValue a = mlirBlockGetArgument(body, i);
    MlirType t = mlirValueGetType(a);
    if (!check_memref(e, f, t))
      goto out;
    char n[32];
    snprintf(n, sizeof n, "arg%d", (int)i);
    if (!set_name(e, a, n))
      goto out;
    args[i] = a;
  }
  if (!e->t->kernel_open(e, f, kname, n_in, args))
    goto out;
  e->indent = 1;
  bool wg_done = false; /* the target declared the workgroup arrays */
  if (e->t->workgroup && n_wg > 0 && n_wg <= 16 && n_in + n_wg <= n_all) {
    MlirType types[16];
    int64_t counts[16];
    for (intptr_t i = 0; i < n_wg; ++i) {
      MlirType t = mlirValueGetType(mlirBlockGetArgument(body, n_in + i));
      if (!check_memref(e, f, t))
        goto out;
      types[i] = mlirShapedTypeGetElementType(t);
      counts[i] = mlyTgtNumElements(t);
    }
    wg_done = e->t->workgroup(e, n_wg, types, counts);
  }
  for (intptr_t i = n_in; i < n_all; ++i) {
    MlirValue a = mlirBlockGetArgument(body, i);
    MlirType t = mlirValueGetType(a);
    if (!check_memref(e, f, t))
      goto out;
    bool wg = i < n_in + n_wg;
    char n[32];
    snprintf(n, sizeof n, "%s%d", wg ? "wg" : "pr",
             (int)(wg ? i - n_in : i - n_in - n_wg));
    if (!set_name(e, a, n))
      goto out;
    int64_t cnt = mlyTgtNumElements(t);
    if (wg && wg_done)
      continue;
    line(e, "%s%s%s %s[%lld];", unused(e, a), wg ? e->t->shared_prefix : "",
         c_type(e, mlirShapedTypeGetElementType(t)), n,
         (long long)(cnt ? cnt : 1));
  }
  ok = emit_block(e, body, NULL);
  sb_printf(&e->out, "}\n");
out:
  free(args);
  free(kname);
  return ok;
}

/* ---- the module ---- */

static void put(MlirStringCallback write, void *user, const char *s, size_t n) {
  write(mlirStringRefCreate(s, n), user);
}

MlirLogicalResult mlyCfEmit(MlirOperation gm, const MlyCfTarget *t, void *state,
                            MlirStringCallback write, void *user) {
  emitter e = {.t = t, .state = state};
  bool ok = false;
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
      mlyTgtOpError(op, "is not supported by the %s target at module level",
                    t->name);
      goto out;
    }
    sb_printf(&e.out, "\n");
    if (!emit_kernel(&e, op))
      goto out;
  }
  if (e.out.oom || e.globals.oom) {
    mlyTgtOpError(gm, "ran out of memory in the %s target", t->name);
    goto out;
  }
  t->prelude(&e, write, user);
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

/* ---- subgroup matrix helpers ---- */

/* %1$s: function prefix, %2$s: f16. Pointers are template parameters:
 * they take the workgroup's address space where a language has them. */
static const char mma_portable[] =
    "\n// Subgroup matrix fragments, 16 x 16 x 16 (gpu.subgroup_mma_*), in\n"
    "// portable code: every lane holds the whole fragment.\n"
    "struct mly_mma_a {\n  %2$s x[256];\n};\n"
    "struct mly_mma_b {\n  %2$s x[256];\n};\n"
    "struct mly_mma_c {\n  float x[256];\n};\n"
    "%1$s mly_mma_c mly_mma_fill(float v) {\n"
    "  mly_mma_c c;\n"
    "  for (int i = 0; i < 256; ++i)\n"
    "    c.x[i] = v;\n"
    "  return c;\n"
    "}\n"
    "template <typename P>\n"
    "%1$s mly_mma_a mly_mma_load_a(P p, int ld) {\n"
    "  mly_mma_a f;\n"
    "  for (int i = 0; i < 256; ++i)\n"
    "    f.x[i] = p[i / 16 * ld + i %% 16];\n"
    "  return f;\n"
    "}\n"
    "template <typename P>\n"
    "%1$s mly_mma_b mly_mma_load_b(P p, int ld) {\n"
    "  mly_mma_b f;\n"
    "  for (int i = 0; i < 256; ++i)\n"
    "    f.x[i] = p[i / 16 * ld + i %% 16];\n"
    "  return f;\n"
    "}\n"
    "// Transposed: element (i, j) at p[j * ld + i].\n"
    "template <typename P>\n"
    "%1$s mly_mma_a mly_mma_load_at(P p, int ld) {\n"
    "  mly_mma_a f;\n"
    "  for (int i = 0; i < 256; ++i)\n"
    "    f.x[i] = p[i %% 16 * ld + i / 16];\n"
    "  return f;\n"
    "}\n"
    "template <typename P>\n"
    "%1$s mly_mma_b mly_mma_load_bt(P p, int ld) {\n"
    "  mly_mma_b f;\n"
    "  for (int i = 0; i < 256; ++i)\n"
    "    f.x[i] = p[i %% 16 * ld + i / 16];\n"
    "  return f;\n"
    "}\n"
    "template <typename P>\n"
    "%1$s mly_mma_c mly_mma_load_c(P p, int ld) {\n"
    "  mly_mma_c f;\n"
    "  for (int i = 0; i < 256; ++i)\n"
    "    f.x[i] = p[i / 16 * ld + i %% 16];\n"
    "  return f;\n"
    "}\n"
    "%1$s mly_mma_c mly_mma_compute(mly_mma_a a, mly_mma_b b, mly_mma_c c) {\n"
    "  for (int i = 0; i < 16; ++i)\n"
    "    for (int j = 0; j < 16; ++j) {\n"
    "      float s = c.x[i * 16 + j];\n"
    "      for (int k = 0; k < 16; ++k)\n"
    "        s += (float)a.x[i * 16 + k] * (float)b.x[k * 16 + j];\n"
    "      c.x[i * 16 + j] = s;\n"
    "    }\n"
    "  return c;\n"
    "}\n"
    "// Lane l of the 32 writes elements l, l + 32, ...\n"
    "template <typename P>\n"
    "%1$s void mly_mma_store(P p, mly_mma_c c, int ld, int lane) {\n"
    "  for (int i = lane %% 32; i < 256; i += 32)\n"
    "    p[i / 16 * ld + i %% 16] = c.x[i];\n"
    "}\n";

void mlyCfMmaPortable(MlirStringCallback write, void *user, const char *fn,
                      const char *half) {
  sbuf b = {0};
  sb_printf(&b, mma_portable, fn, half);
  if (b.p)
    write(mlirStringRefCreate(b.p, b.n), user);
  free(b.p);
}

/* ---- for the hooks ---- */

const MlyCfTarget *mlyCfGetTarget(const MlyCfEmitter *e) { return e->t; }
void *mlyCfState(const MlyCfEmitter *e) { return e->state; }
unsigned mlyCfNeeds(const MlyCfEmitter *e) { return e->needs; }
void mlyCfNeed(MlyCfEmitter *e, unsigned bits) { e->needs |= bits; }

void mlyCfPrintf(MlyCfEmitter *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&e->out, fmt, ap);
  va_end(ap);
}

void mlyCfLine(MlyCfEmitter *e, const char *fmt, ...) {
  sb_printf(&e->out, "%*s", 2 * e->indent, "");
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&e->out, fmt, ap);
  va_end(ap);
  sb_printf(&e->out, "\n");
}

const char *mlyCfOperand(MlyCfEmitter *e, MlirOperation op, intptr_t i) {
  return opnd(e, op, i);
}

bool mlyCfDefine(MlyCfEmitter *e, MlirOperation op, const char *fmt, ...) {
  char *expr = NULL;
  va_list ap;
  va_start(ap, fmt);
  sbuf s = {0};
  sb_vprintf(&s, fmt, ap);
  va_end(ap);
  expr = s.p;
  bool ok = expr && !s.oom && define(e, op, "%s", expr);
  free(expr);
  return ok;
}

const char *mlyCfFresh(MlyCfEmitter *e, MlirValue v) { return fresh(e, v); }

const char *mlyCfTypeOrError(const MlyCfEmitter *e, MlirOperation op,
                             MlirType t) {
  return type_or_error(e, op, t);
}

char *mlyCfAttrText(MlirOperation op, const char *name) {
  return attr_text(op, name);
}
