/* Elementwise mly ops as one linalg.generic with identity maps and an
 * arith/math body: unary, binary, cmp, select, cast. Numerics follow
 * runtime/interp/interp_mly.c: max/min propagate NaN (maximumf), integer
 * division truncates (divsi; a zero divisor is undefined here where the
 * interpreter reports it), float -> int casts truncate (fptosi; out of
 * range is poison where the interpreter saturates), any -> i1 is `!= 0`
 * (NaN -> true), cmp uses ordered predicates except `ne` (une: NaN != x).
 * f16/bf16 arithmetic is computed in f32 and rounded once. */
#include <string.h>

#include "conversions/mly_to_linalg/emit.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

/* ---- scalars ---- */

static int op2(MlyEmit *e, const char *name, MlirType elt, int a, int b) {
  int r = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = %s %%v%d, %%v%d : %s\n", r, name, a, b,
           mlyEmitType(e, elt));
  return r;
}

static int op1(MlyEmit *e, const char *name, MlirType elt, int a) {
  int r = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = %s %%v%d : %s\n", r, name, a, mlyEmitType(e, elt));
  return r;
}

int mlyEmitScalarAdd(MlyEmit *e, MlirType elt, int a, int b) {
  int k = mlyEltClass(elt);
  return op2(e,
             k == MLY_ELT_FLOAT  ? "arith.addf"
             : k == MLY_ELT_BOOL ? "arith.ori"
                                 : "arith.addi",
             elt, a, b);
}

int mlyEmitScalarMul(MlyEmit *e, MlirType elt, int a, int b) {
  int k = mlyEltClass(elt);
  return op2(e,
             k == MLY_ELT_FLOAT  ? "arith.mulf"
             : k == MLY_ELT_BOOL ? "arith.andi"
                                 : "arith.muli",
             elt, a, b);
}

int mlyEmitScalarMax(MlyEmit *e, MlirType elt, int a, int b, bool min) {
  static const char *const names[3][2] = {{"arith.maximumf", "arith.minimumf"},
                                          {"arith.maxui", "arith.minui"},
                                          {"arith.maxsi", "arith.minsi"}};
  if (mlyEltClass(elt) == MLY_ELT_OTHER)
    return -1;
  return op2(e, names[mlyEltClass(elt)][min], elt, a, b);
}

/* Unary op `name` on x; -1 when elt has no such op (verifier's job). */
static int scalar_unary(MlyEmit *e, const char *name, MlirType elt, int x) {
  static const char *const fmath[][2] = {
      {"abs", "math.absf"},    {"exp", "math.exp"},     {"log", "math.log"},
      {"sqrt", "math.sqrt"},   {"rsqrt", "math.rsqrt"}, {"tanh", "math.tanh"},
      {"erf", "math.erf"},     {"sin", "math.sin"},     {"cos", "math.cos"},
      {"floor", "math.floor"}, {"neg", "arith.negf"}};
  int k = mlyEltClass(elt);
  if (k == MLY_ELT_OTHER)
    return -1;
  if (k == MLY_ELT_FLOAT) {
    for (size_t i = 0; i < sizeof fmath / sizeof *fmath; ++i)
      if (!strcmp(name, fmath[i][0]))
        return op1(e, fmath[i][1], elt, x);
    if (!strcmp(name, "sigmoid")) {
      int one = mlyEmitConst(e, elt, 1);
      int ex = op1(e, "math.exp", elt, op1(e, "arith.negf", elt, x));
      return op2(e, "arith.divf", elt, one, op2(e, "arith.addf", elt, one, ex));
    }
    return -1;
  }
  if (!strcmp(name, "floor"))
    return x;
  if (!strcmp(name, "neg"))
    return op2(e, "arith.subi", elt, mlyEmitConst(e, elt, 0), x);
  if (!strcmp(name, "abs"))
    return k == MLY_ELT_BOOL ? x : op1(e, "math.absi", elt, x);
  if (!strcmp(name, "not") && k == MLY_ELT_BOOL)
    return op2(e, "arith.xori", elt, x, mlyEmitConst(e, elt, 1));
  return -1;
}

static int scalar_binary(MlyEmit *e, const char *name, MlirType elt, int a,
                         int b) {
  static const char *const table[][4] = {
      /* name, float, bool, int */
      {"sub", "arith.subf", "arith.xori", "arith.subi"},
      {"div", "arith.divf", "arith.divui", "arith.divsi"},
      {"pow", "math.powf", NULL, "math.ipowi"},
      {"and", NULL, "arith.andi", NULL},
      {"or", NULL, "arith.ori", NULL}};
  int k = mlyEltClass(elt);
  if (k == MLY_ELT_OTHER)
    return -1;
  if (!strcmp(name, "add"))
    return mlyEmitScalarAdd(e, elt, a, b);
  if (!strcmp(name, "mul"))
    return mlyEmitScalarMul(e, elt, a, b);
  if (!strcmp(name, "max") || !strcmp(name, "min"))
    return mlyEmitScalarMax(e, elt, a, b, name[1] == 'i');
  for (size_t i = 0; i < sizeof table / sizeof *table; ++i)
    if (!strcmp(name, table[i][0]))
      return table[i][1 + k] ? op2(e, table[i][1 + k], elt, a, b) : -1;
  return -1;
}

static int scalar_cmp(MlyEmit *e, const char *pred, MlirType elt, int a,
                      int b) {
  static const char *const preds[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  static const char *const fp[] = {"oeq", "une", "olt", "ole", "ogt", "oge"};
  static const char *const sp[] = {"eq", "ne", "slt", "sle", "sgt", "sge"};
  static const char *const up[] = {"eq", "ne", "ult", "ule", "ugt", "uge"};
  int k = mlyEltClass(elt);
  if (k == MLY_ELT_OTHER)
    return -1;
  for (size_t i = 0; i < 6; ++i)
    if (!strcmp(pred, preds[i])) {
      int r = mlyEmitFresh(e);
      mlyEmitF(e, "    %%v%d = arith.cmp%c %s, %%v%d, %%v%d : %s\n", r,
               k == MLY_ELT_FLOAT ? 'f' : 'i',
               k == MLY_ELT_FLOAT  ? fp[i]
               : k == MLY_ELT_BOOL ? up[i]
                                   : sp[i],
               a, b, mlyEmitType(e, elt));
      return r;
    }
  return -1;
}

static int conv_op(MlyEmit *e, const char *name, int x, MlirType from,
                   MlirType to) {
  int r = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = %s %%v%d : %s to %s\n", r, name, x,
           mlyEmitType(e, from), mlyEmitType(e, to));
  return r;
}

/* PyTorch's casts (see the file comment). */
static int scalar_cast(MlyEmit *e, int x, MlirType from, MlirType to) {
  int kf = mlyEltClass(from), kt = mlyEltClass(to);
  if (kf == MLY_ELT_OTHER || kt == MLY_ELT_OTHER)
    return -1;
  unsigned wf = mlyEltWidth(from), wt = mlyEltWidth(to);
  if (mlirTypeEqual(from, to))
    return x;
  if (kt == MLY_ELT_BOOL) {
    int zero = mlyEmitConst(e, from, 0);
    return scalar_cmp(e, "ne", from, x, zero);
  }
  if (kf == MLY_ELT_FLOAT && kt == MLY_ELT_FLOAT) {
    if (wf == wt) { /* f16 <-> bf16 through f32 */
      MlirType f32 = mlirF32TypeGet(mlirTypeGetContext(to));
      return conv_op(e, "arith.truncf", conv_op(e, "arith.extf", x, from, f32),
                     f32, to);
    }
    return conv_op(e, wf < wt ? "arith.extf" : "arith.truncf", x, from, to);
  }
  if (kf == MLY_ELT_FLOAT)
    return conv_op(e, "arith.fptosi", x, from, to);
  if (kt == MLY_ELT_FLOAT)
    return conv_op(e, kf == MLY_ELT_BOOL ? "arith.uitofp" : "arith.sitofp", x,
                   from, to);
  return conv_op(e,
                 wf > wt              ? "arith.trunci"
                 : kf == MLY_ELT_BOOL ? "arith.extui"
                                      : "arith.extsi",
                 x, from, to);
}

int mlyEmitScalarElementwise(MlyEmit *e, const int *args) {
  MlirOperation op = e->op;
  int n = (int)mlirOperationGetNumOperands(op);
  MlirType elt = mlirShapedTypeGetElementType(mlyEmitOperandType(e, 0));
  MlirType relt = mlirShapedTypeGetElementType(mlyEmitResultType(e));
  int y = -1;
  if (!strcmp(e->name, "cast"))
    y = scalar_cast(e, args[0], elt, relt);
  else if (!strcmp(e->name, "select")) {
    y = mlyEmitFresh(e);
    mlyEmitF(e, "    %%v%d = arith.select %%v%d, %%v%d, %%v%d : %s\n", y,
             args[0], args[1], args[2], mlyEmitType(e, relt));
  } else if (!strcmp(e->name, "cmp")) {
    MlirAttribute p = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("predicate"));
    if (!mlirAttributeIsNull(p) && mlirAttributeIsAString(p)) {
      MlirStringRef s = mlirStringAttrGetValue(p);
      y = scalar_cmp(e, mlyEmitStr(e, "%.*s", (int)s.length, s.data), elt,
                     args[0], args[1]);
    }
  } else if (n <= 2) {
    /* f16/bf16 arithmetic runs in f32 and rounds once at the end, as the
     * interpreter (double, one rounding) does; f32 ties are negligible. */
    MlirType ct = elt;
    int a = args[0], b = args[1];
    if (mlyEltClass(elt) == MLY_ELT_FLOAT && mlyEltWidth(elt) < 32) {
      ct = mlirF32TypeGet(mlirTypeGetContext(elt));
      a = conv_op(e, "arith.extf", a, elt, ct);
      if (n == 2)
        b = conv_op(e, "arith.extf", b, elt, ct);
    }
    y = n == 1 ? scalar_unary(e, e->name, ct, a)
               : scalar_binary(e, e->name, ct, a, b);
    if (y >= 0 && !mlirTypeEqual(ct, elt))
      y = conv_op(e, "arith.truncf", y, ct, elt);
  }
  return y;
}

/* ---- the generic ---- */

static bool emit_elementwise(MlyEmit *e, int *result) {
  MlirOperation op = e->op;
  MlirType rt = mlyEmitResultType(e);
  int n = (int)mlirOperationGetNumOperands(op),
      rank = mlirShapedTypeGetRank(rt);
  int in[3], args[4];
  MlirType in_t[3];
  const char *maps[4];
  bool iters[MLY_EMIT_MAX_RANK] = {false};
  if (n < 1 || n > 3)
    return mlyEmitFail(e, "expected 1 to 3 operands");
  for (int i = 0; i < n; ++i) {
    in[i] = i;
    in_t[i] = mlyEmitOperandType(e, i);
    if (mlirShapedTypeGetRank(in_t[i]) != rank)
      return mlyEmitFail(e, "operand #%d does not have the result's rank", i);
  }
  for (int i = 0; i <= n; ++i)
    maps[i] = mlyEmitIdentityMap(e, rank);
  int init = mlyEmitEmpty(e, rt);
  *result =
      mlyEmitGenericOpen(e, rank, n, in, in_t, maps, iters, init, rt, args);
  int y = mlyEmitScalarElementwise(e, args);
  if (y < 0)
    return mlyEmitFail(e, "has no linalg lowering for element type %s",
                       mlyEmitType(e, mlirShapedTypeGetElementType(in_t[0])));
  mlyEmitGenericClose(e, y, rt);
  return true;
}

const MlyEmitRule mlyEmitElementwiseRules[] = {
    {"neg", emit_elementwise},    {"abs", emit_elementwise},
    {"exp", emit_elementwise},    {"log", emit_elementwise},
    {"sqrt", emit_elementwise},   {"rsqrt", emit_elementwise},
    {"tanh", emit_elementwise},   {"sigmoid", emit_elementwise},
    {"erf", emit_elementwise},    {"sin", emit_elementwise},
    {"cos", emit_elementwise},    {"floor", emit_elementwise},
    {"not", emit_elementwise},    {"cast", emit_elementwise},
    {"add", emit_elementwise},    {"sub", emit_elementwise},
    {"mul", emit_elementwise},    {"div", emit_elementwise},
    {"max", emit_elementwise},    {"min", emit_elementwise},
    {"pow", emit_elementwise},    {"and", emit_elementwise},
    {"or", emit_elementwise},     {"cmp", emit_elementwise},
    {"select", emit_elementwise}, {NULL, NULL},
};
