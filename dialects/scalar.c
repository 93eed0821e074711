/* The scalar meaning of mly's elementwise ops (see mly_scalar.h). */
#include "dialects/mly_scalar.h"

#include <math.h>
#include <string.h>

#include "dialects/mly_dialects.h"

static const char *const unary_names[] = {
    "neg", "abs", "exp", "log",   "sqrt", "rsqrt", "tanh", "sigmoid",
    "erf", "sin", "cos", "floor", "not",  "cast",  NULL};
static const char *const binary_names[] = {"add", "sub", "mul", "div", "max",
                                           "min", "pow", "and", "or",  NULL};
static const char *const predicates[] = {"eq", "ne", "lt", "le",
                                         "gt", "ge", NULL};

/* Position of op's name (after "mly.") in names, or -1. */
static int index_of(MlirOperation op, const char *const *names) {
  if (!mlyOpIsMly(op))
    return -1;
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  for (int i = 0; names[i]; ++i)
    if (strlen(names[i]) == n.length - 4 &&
        !memcmp(names[i], n.data + 4, n.length - 4))
      return i;
  return -1;
}

int mlyUnaryKindOf(MlirOperation op) { return index_of(op, unary_names); }

int mlyBinaryKindOf(MlirOperation op) {
  int k = index_of(op, binary_names);
  if (k >= 0)
    return k;
  static const char *const cmp[] = {"cmp", NULL};
  if (index_of(op, cmp) < 0)
    return -1;
  for (int p = 0; predicates[p]; ++p)
    if (mlyOpStrIs(op, "predicate", predicates[p]))
      return MLY_BINARY_EQ + p;
  return -1;
}

static int64_t wrap_add(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}
static int64_t wrap_mul(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b);
}

double mlyScalarUnaryF(int k, double v) {
  switch (k) {
  case MLY_UNARY_NEG: return -v;
  case MLY_UNARY_ABS: return fabs(v);
  case MLY_UNARY_EXP: return exp(v);
  case MLY_UNARY_LOG: return log(v);
  case MLY_UNARY_SQRT: return sqrt(v);
  case MLY_UNARY_RSQRT: return 1.0 / sqrt(v);
  case MLY_UNARY_TANH: return tanh(v);
  case MLY_UNARY_SIGMOID: return 1.0 / (1.0 + exp(-v));
  case MLY_UNARY_ERF: return erf(v);
  case MLY_UNARY_SIN: return sin(v);
  case MLY_UNARY_COS: return cos(v);
  case MLY_UNARY_FLOOR: return floor(v);
  case MLY_UNARY_NOT: return v == 0;
  default: return v;
  }
}

int64_t mlyScalarUnaryI(int k, int64_t v) {
  switch (k) {
  case MLY_UNARY_NEG: return wrap_mul(v, -1);
  case MLY_UNARY_ABS: return v < 0 ? wrap_mul(v, -1) : v;
  case MLY_UNARY_NOT: return !v;
  default: return v;
  }
}

double mlyScalarBinaryF(int k, double a, double b) {
  switch (k) {
  case MLY_BINARY_ADD: return a + b;
  case MLY_BINARY_SUB: return a - b;
  case MLY_BINARY_MUL: return a * b;
  case MLY_BINARY_DIV: return a / b;
  case MLY_BINARY_MAX: return isnan(a) || isnan(b) ? NAN : a > b ? a : b;
  case MLY_BINARY_MIN: return isnan(a) || isnan(b) ? NAN : a < b ? a : b;
  case MLY_BINARY_POW: return pow(a, b);
  case MLY_BINARY_AND: return a != 0 && b != 0;
  case MLY_BINARY_OR: return a != 0 || b != 0;
  case MLY_BINARY_EQ: return a == b;
  case MLY_BINARY_NE: return a != b;
  case MLY_BINARY_LT: return a < b;
  case MLY_BINARY_LE: return a <= b;
  case MLY_BINARY_GT: return a > b;
  default: return a >= b;
  }
}

/* x^e by squaring; a negative e gives the truncated 1/x^|e|. */
static int64_t ipow(int64_t x, int64_t e) {
  int64_t r = 1;
  if (e < 0)
    return x == 1 ? 1 : x == -1 ? (e & 1 ? -1 : 1) : 0;
  for (; e; e >>= 1, x = wrap_mul(x, x))
    if (e & 1)
      r = wrap_mul(r, x);
  return r;
}

int64_t mlyScalarBinaryI(int k, int64_t a, int64_t b) {
  switch (k) {
  case MLY_BINARY_ADD: return wrap_add(a, b);
  case MLY_BINARY_SUB: return wrap_add(a, wrap_mul(b, -1));
  case MLY_BINARY_MUL: return wrap_mul(a, b);
  case MLY_BINARY_DIV: return b == -1 ? wrap_mul(a, -1) : b ? a / b : 0;
  case MLY_BINARY_MAX: return a > b ? a : b;
  case MLY_BINARY_MIN: return a < b ? a : b;
  case MLY_BINARY_POW: return ipow(a, b);
  case MLY_BINARY_AND: return a && b;
  case MLY_BINARY_OR: return a || b;
  case MLY_BINARY_EQ: return a == b;
  case MLY_BINARY_NE: return a != b;
  case MLY_BINARY_LT: return a < b;
  case MLY_BINARY_LE: return a <= b;
  case MLY_BINARY_GT: return a > b;
  default: return a >= b;
  }
}
