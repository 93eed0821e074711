/* aten ops in the reference interpreter, with PyTorch's semantics. Operand
 * positions follow dialects/aten.irdl.mlir. Results arrive allocated with
 * their static types (interp_util.h). */
#include <math.h>
#include <string.h>

#include "runtime/interp/interp_util.h"

/* Float domain unless every input and the result are integers or bool. */
static bool float_domain(MlyInterpOp *o, int n_inputs) {
  if (mlyDTypeIsFloat(o->out[0].dtype))
    return true;
  for (int i = 0; i < n_inputs; ++i)
    if (mlyDTypeIsFloat(o->in[i]->dtype))
      return true;
  return false;
}

/* Comparisons compute in the inputs' domain, not the (bool) result's. */
static bool inputs_float(MlyInterpOp *o, int n_inputs) {
  for (int i = 0; i < n_inputs; ++i)
    if (mlyDTypeIsFloat(o->in[i]->dtype))
      return true;
  return false;
}

/* ---- unary math (float domain) ---- */

#define UNARY_F(fname, expr)                                                   \
  static double fname##_f(const double *x, const void *u) {                    \
    (void)u;                                                                   \
    double v = x[0];                                                           \
    return expr;                                                               \
  }                                                                            \
  static bool interp_##fname(MlyInterpOp *o) {                                 \
    mlyInterpMap(o, 1, true, fname##_f, NULL, NULL);                           \
    return true;                                                               \
  }

UNARY_F(rsqrt, 1.0 / sqrt(v))
UNARY_F(sqrt, sqrt(v))
UNARY_F(exp, exp(v))
UNARY_F(log, log(v))
UNARY_F(tanh, tanh(v))
UNARY_F(sigmoid, 1.0 / (1.0 + exp(-v)))
UNARY_F(sin, sin(v))
UNARY_F(cos, cos(v))
UNARY_F(silu, v / (1.0 + exp(-v)))
UNARY_F(hardswish, v * fmin(fmax(v + 3.0, 0.0), 6.0) / 6.0)

static double gelu_erf(const double *x, const void *u) {
  return 0.5 * x[0] * (1.0 + erf(x[0] / sqrt(2.0)));
}
static double gelu_tanh(const double *x, const void *u) {
  double v = x[0];
  return 0.5 * v * (1.0 + tanh(0.7978845608028654 /* sqrt(2/pi) */ * (v + 0.044715 * v * v * v)));
}
static bool interp_gelu(MlyInterpOp *o) {
  mlyInterpMap(o, 1, true, mlyOpStrIs(o->op, "approximate", "tanh") ? gelu_tanh : gelu_erf,
               NULL, NULL);
  return true;
}

/* ---- unary ops of both domains ---- */

static double neg_f(const double *x, const void *u) { return -x[0]; }
static int64_t neg_i(const int64_t *x, const void *u) { return (int64_t)(0 - (uint64_t)x[0]); }
static double relu_f(const double *x, const void *u) { return x[0] > 0 ? x[0] : (isnan(x[0]) ? x[0] : 0.0); }
static int64_t relu_i(const int64_t *x, const void *u) { return x[0] > 0 ? x[0] : 0; }
static double copy_f(const double *x, const void *u) { return x[0]; }
static int64_t copy_i(const int64_t *x, const void *u) { return x[0]; }
static int64_t not_i(const int64_t *x, const void *u) { return !x[0]; }
static double not_f(const double *x, const void *u) { return x[0] == 0; }

static bool interp_neg(MlyInterpOp *o) {
  mlyInterpMap(o, 1, float_domain(o, 1), neg_f, neg_i, NULL);
  return true;
}
static bool interp_relu(MlyInterpOp *o) {
  mlyInterpMap(o, 1, float_domain(o, 1), relu_f, relu_i, NULL);
  return true;
}
/* to_copy, clone, contiguous, alias, dropout (eval): a converting copy. */
static bool interp_copy(MlyInterpOp *o) {
  mlyInterpMap(o, 1, float_domain(o, 1), copy_f, copy_i, NULL);
  return true;
}
static bool interp_dropout(MlyInterpOp *o) {
  bool train = false;
  if (!mlyInterpBool(o, "train", &train))
    return false;
  double p = 0;
  if (train && mlyOpGetF64(o->op, "p", &p) && p > 0)
    return mlyInterpFail(o, "dropout in training mode is not supported");
  return interp_copy(o);
}
static int64_t bnot_i(const int64_t *x, const void *u) {
  return ~x[0];
}
/* ~x: integers flip every bit, bools flip (PyTorch's bitwise_not). */
static bool interp_bitwise_not(MlyInterpOp *o) {
  mlyInterpMap(o, 1, false, NULL,
               o->in[0]->dtype == MLY_DTYPE_BOOL ? not_i : bnot_i, NULL);
  return true;
}
static bool interp_logical_not(MlyInterpOp *o) {
  mlyInterpMap(o, 1, inputs_float(o, 1), not_f, not_i, NULL);
  return true;
}

/* clamp/hardtanh: bounds from attributes; NaN passes through like torch. */
typedef struct bounds {
  double lo, hi;
} bounds;
static double clamp_f(const double *x, const void *u) {
  const bounds *b = u;
  if (isnan(x[0]))
    return x[0];
  return x[0] < b->lo ? b->lo : x[0] > b->hi ? b->hi : x[0];
}
static int64_t clamp_i(const int64_t *x, const void *u) {
  const bounds *b = u;
  double v = (double)x[0];
  return v < b->lo ? (int64_t)ceil(b->lo) : v > b->hi ? (int64_t)floor(b->hi) : x[0];
}
static bool clamp_between(MlyInterpOp *o, const char *lo, const char *hi) {
  bounds b;
  if (!mlyInterpF64(o, lo, &b.lo) || !mlyInterpF64(o, hi, &b.hi))
    return false;
  mlyInterpMap(o, 1, float_domain(o, 1), clamp_f, clamp_i, &b);
  return true;
}
static bool interp_clamp(MlyInterpOp *o) { return clamp_between(o, "min", "max"); }
static bool interp_hardtanh(MlyInterpOp *o) {
  return clamp_between(o, "min_val", "max_val");
}

/* ---- binary arithmetic with broadcasting ---- */

typedef struct scale {
  double alpha;
  int64_t ialpha;
} scale;
static double add_f(const double *x, const void *u) { return x[0] + ((const scale *)u)->alpha * x[1]; }
static int64_t add_i(const int64_t *x, const void *u) { return (int64_t)((uint64_t)x[0] + (uint64_t)(((const scale *)u)->ialpha * x[1])); }
static double sub_f(const double *x, const void *u) { return x[0] - ((const scale *)u)->alpha * x[1]; }
static int64_t sub_i(const int64_t *x, const void *u) { return (int64_t)((uint64_t)x[0] - (uint64_t)(((const scale *)u)->ialpha * x[1])); }
static double mul_f(const double *x, const void *u) { return x[0] * x[1]; }
static int64_t mul_i(const int64_t *x, const void *u) { return (int64_t)((uint64_t)x[0] * (uint64_t)x[1]); }
static double div_f(const double *x, const void *u) { return x[0] / x[1]; }
static double pow_f(const double *x, const void *u) { return pow(x[0], x[1]); }
static int64_t pow_i(const int64_t *x, const void *u) {
  int64_t b = x[0], e = x[1], r = 1;
  if (e < 0)
    return b == 1 ? 1 : b == -1 ? (e & 1 ? -1 : 1) : 0;
  for (; e; e >>= 1, b = (int64_t)((uint64_t)b * (uint64_t)b))
    if (e & 1)
      r = (int64_t)((uint64_t)r * (uint64_t)b);
  return r;
}

static bool add_like(MlyInterpOp *o, MlyMapF f, MlyMapI fi) {
  scale s;
  if (!mlyInterpF64(o, "alpha", &s.alpha))
    return false;
  s.ialpha = (int64_t)s.alpha;
  mlyInterpMap(o, 2, float_domain(o, 2), f, fi, &s);
  return true;
}
static bool interp_add(MlyInterpOp *o) { return add_like(o, add_f, add_i); }
static bool interp_sub(MlyInterpOp *o) { return add_like(o, sub_f, sub_i); }
static bool interp_mul(MlyInterpOp *o) {
  mlyInterpMap(o, 2, float_domain(o, 2), mul_f, mul_i, NULL);
  return true;
}
/* True division: always in the float domain (int / int gives a float). */
static bool interp_div(MlyInterpOp *o) {
  mlyInterpMap(o, 2, true, div_f, NULL, NULL);
  return true;
}
static bool interp_pow(MlyInterpOp *o) {
  mlyInterpMap(o, 2, float_domain(o, 2), pow_f, pow_i, NULL);
  return true;
}

/* ---- comparisons and logic (bool results) ---- */

#define CMP(name, op)                                                          \
  static double name##_f(const double *x, const void *u) { return x[0] op x[1]; } \
  static int64_t name##_i(const int64_t *x, const void *u) { return x[0] op x[1]; } \
  static bool interp_##name(MlyInterpOp *o) {                                  \
    mlyInterpMap(o, 2, inputs_float(o, 2), name##_f, name##_i, NULL);          \
    return true;                                                               \
  }
CMP(eq, ==)
CMP(ne, !=)
CMP(ge, >=)
CMP(gt, >)
CMP(le, <=)
CMP(lt, <)
static double land_f(const double *x, const void *u) { return x[0] != 0 && x[1] != 0; }
static int64_t land_i(const int64_t *x, const void *u) { return x[0] && x[1]; }
static int64_t band_i(const int64_t *x, const void *u) { return x[0] & x[1]; }
static bool interp_logical_and(MlyInterpOp *o) {
  mlyInterpMap(o, 2, inputs_float(o, 2), land_f, land_i, NULL);
  return true;
}
static bool interp_bitwise_and(MlyInterpOp *o) {
  if (inputs_float(o, 2))
    return mlyInterpFail(o, "bitwise_and needs integer or bool operands");
  mlyInterpMap(o, 2, false, NULL, band_i, NULL);
  return true;
}

static double where_f(const double *x, const void *u) { return x[0] != 0 ? x[1] : x[2]; }
static int64_t where_i(const int64_t *x, const void *u) { return x[0] ? x[1] : x[2]; }
static bool interp_where(MlyInterpOp *o) {
  mlyInterpMap(o, 3, float_domain(o, 3), where_f, where_i, NULL);
  return true;
}

static double fill_f(const double *x, const void *u) { return x[1] != 0 ? *(const double *)u : x[0]; }
static int64_t fill_i(const int64_t *x, const void *u) { return x[1] ? (int64_t)*(const double *)u : x[0]; }
static bool interp_masked_fill(MlyInterpOp *o) {
  double v;
  if (!mlyInterpF64(o, "value", &v))
    return false;
  mlyInterpMap(o, 2, mlyDTypeIsFloat(o->out[0].dtype), fill_f, fill_i, &v);
  return true;
}

/* ---- factories ---- */

static bool fill_all(MlyInterpOp *o, double v) {
  MlyTensor *t = &o->out[0];
  for (size_t i = 0, n = mlyTensorNumElements(t); i < n; ++i)
    mlyTensorStoreF64(t, i, v);
  return true;
}
static bool interp_scalar_tensor(MlyInterpOp *o) {
  double v;
  return mlyInterpF64(o, "s", &v) && fill_all(o, v);
}
static bool interp_full(MlyInterpOp *o) {
  double v;
  return mlyInterpF64(o, "fill_value", &v) && fill_all(o, v);
}
static bool interp_zeros(MlyInterpOp *o) { return fill_all(o, 0); }
static bool interp_ones(MlyInterpOp *o) { return fill_all(o, 1); }

const MlyInterpRule mlyInterpAtenRules[] = {
    {"add", interp_add},
    {"sub", interp_sub},
    {"mul", interp_mul},
    {"div", interp_div},
    {"pow", interp_pow},
    {"neg", interp_neg},
    {"rsqrt", interp_rsqrt},
    {"sqrt", interp_sqrt},
    {"exp", interp_exp},
    {"log", interp_log},
    {"tanh", interp_tanh},
    {"sigmoid", interp_sigmoid},
    {"sin", interp_sin},
    {"cos", interp_cos},
    {"relu", interp_relu},
    {"gelu", interp_gelu},
    {"silu", interp_silu},
    {"hardtanh", interp_hardtanh},
    {"hardswish", interp_hardswish},
    {"clamp", interp_clamp},
    {"where", interp_where},
    {"masked_fill", interp_masked_fill},
    {"eq", interp_eq},
    {"ne", interp_ne},
    {"ge", interp_ge},
    {"gt", interp_gt},
    {"le", interp_le},
    {"lt", interp_lt},
    {"logical_and", interp_logical_and},
    {"logical_not", interp_logical_not},
    {"bitwise_not", interp_bitwise_not},
    {"bitwise_and", interp_bitwise_and},
    {"to_copy", interp_copy},
    {"clone", interp_copy},
    {"contiguous", interp_copy},
    {"alias", interp_copy},
    {"dropout", interp_dropout},
    {"scalar_tensor", interp_scalar_tensor},
    {"full", interp_full},
    {"full_like", interp_full},
    {"zeros", interp_zeros},
    {"ones", interp_ones},
    {"new_ones", interp_ones},
    {NULL, NULL},
};
