/* mly-canonicalize: simplifications of mly ops. IRDL ops carry no traits
 * or folders, so upstream canonicalize leaves them alone.
 *
 * Every rewrite keeps the meaning the reference interpreter gives the IR
 * (runtime/interp/interp_mly.c), bit for bit, dtypes and NaNs included:
 *  - identities: reshape/cast to the same type, transpose by the identity,
 *    broadcast_in_dim to the same type by the identity, whole-tensor slice,
 *    all-zero pad, x*1, 1*x, x/1, x+0, 0+x, x-0, select on a splat
 *    condition. For floats only the exact zeros fold: x + -0.0 (and
 *    -0.0 + x) and x - +0.0. x + +0.0 stays, since it turns -0.0 into +0.0
 *    and the Z3 checks of rewrites treat the sign of zero as observable.
 *  - chains: reshape(reshape), transpose(transpose) (composed; the
 *    identity disappears), broadcast(broadcast), cast(cast) when the inner
 *    cast is lossless (every value of its input type is one of its result
 *    type: wider float, wider integer, i1 to anything, an integer into a
 *    float with enough significand), and reshape/transpose/broadcast of a
 *    splat constant (a splat of the new type).
 *  - constant folding of elementwise unary, binary, cmp and cast ops whose
 *    operands are dense mly.constant values with at most FOLD_LIMIT
 *    elements, or splats of any size. Arithmetic is the interpreter's:
 *    double for float operands, wrapping int64 for integer ones, then
 *    rounded or wrapped into the result type. Integer division by zero
 *    is left for run time to report.
 *  - broadcasts move past elementwise ops when that shrinks the op:
 *    unary(bcast(x)) -> bcast(unary(x)), binary(bcast(a), bcast(b)) with
 *    one broadcast_dimensions and input shape -> bcast(binary(a, b)), and
 *    binary(bcast(a), splat) the same way, when the broadcasts have no
 *    other users.
 *  - matmul absorbs an operand's transpose of the last two dims into its
 *    transpose_lhs/transpose_rhs flag.
 *
 * Rewrites never trust the verifier to have run: each checks the types,
 * attribute lengths and ranges it relies on and leaves anything else as
 * it is. Pure mly ops left without users are erased.
 *
 * Driver: rounds over the IR in pre-order. A rewrite inserts its new ops
 * before the op and redirects the op's uses; nothing is erased within a
 * round, so the op list of a round stays valid. Dead mly ops are erased
 * at the end of each round. Rounds stop at a fixpoint or after
 * MAX_ROUNDS. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_scalar.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

#define RANK MLY_BUILDER_MAX_RANK
#define FOLD_LIMIT 64
#define MAX_ROUNDS 32

/* ---- IR helpers -------------------------------------------------------- */

static MlirValue null_value(void) { return (MlirValue){NULL}; }

/* Whether op is "mly.<name>". */
static bool is_op(MlirOperation op, const char *name) {
  if (mlirOperationIsNull(op))
    return false;
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  size_t n = strlen(name);
  return s.length == n + 4 && !memcmp(s.data, "mly.", 4) &&
         !memcmp(s.data + 4, name, n);
}

/* The op defining v, or a null op for block arguments. */
static MlirOperation def_of(MlirValue v) {
  return mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v)
                                 : (MlirOperation){NULL};
}

static MlirValue operand(MlirOperation op, intptr_t i) {
  return mlirOperationGetOperand(op, i);
}

static MlirValue result(MlirOperation op) {
  return mlirOperationGetResult(op, 0);
}

static MlirType type_of(MlirValue v) { return mlirValueGetType(v); }

/* op has n operands and one result, all ranked tensors with static
 * shapes of at most RANK dims. */
static bool shaped_op(MlirOperation op, intptr_t n) {
  if (mlirOperationGetNumOperands(op) != n ||
      mlirOperationGetNumResults(op) != 1)
    return false;
  for (intptr_t i = -1; i < n; ++i) {
    MlirType t = type_of(i < 0 ? result(op) : operand(op, i));
    if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t) ||
        mlirShapedTypeGetRank(t) > RANK)
      return false;
  }
  return true;
}

static bool same_dims(MlirType a, MlirType b) {
  int64_t r = mlyTypeRank(a);
  if (r != mlyTypeRank(b))
    return false;
  for (int64_t i = 0; i < r; ++i)
    if (mlirShapedTypeGetDimSize(a, i) != mlirShapedTypeGetDimSize(b, i))
      return false;
  return true;
}

static bool same_elt(MlirType a, MlirType b) {
  return mlirTypeEqual(mlyTypeElt(a), mlyTypeElt(b));
}

/* Whether every use of v is an operand of `op`. */
static bool only_used_by(MlirValue v, MlirOperation op) {
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u))
    if (!mlirOperationEqual(mlirOpOperandGetOwner(u), op))
      return false;
  return true;
}

static MlirNamedAttribute named(MlirContext ctx, const char *name,
                                MlirAttribute a) {
  return mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), a);
}

/* An array<i64> attribute of exactly n elements. */
static bool ints_n(MlirOperation op, const char *name, int64_t *xs, int64_t n) {
  int64_t len;
  return mlyOpGetI64Array(op, name, xs, RANK, &len) && len == n;
}

/* ---- Constants --------------------------------------------------------- */

/* Element types folding handles: those the interpreter stores. */
typedef enum kind {
  K_NONE,
  K_F32,
  K_F16,
  K_BF16,
  K_BOOL,
  K_I8,
  K_I32,
  K_I64
} kind;

static kind kind_of(MlirType elt) {
  if (mlirTypeIsAF32(elt))
    return K_F32;
  if (mlirTypeIsAF16(elt))
    return K_F16;
  if (mlirTypeIsABF16(elt))
    return K_BF16;
  if (!mlirTypeIsAInteger(elt) || !mlirIntegerTypeIsSignless(elt))
    return K_NONE;
  switch (mlirIntegerTypeGetWidth(elt)) {
  case 1:
    return K_BOOL;
  case 8:
    return K_I8;
  case 32:
    return K_I32;
  case 64:
    return K_I64;
  default:
    return K_NONE;
  }
}

static bool kind_float(kind k) {
  return k == K_F32 || k == K_F16 || k == K_BF16;
}

/* One element as stored: d for float kinds, i for the others. */
typedef struct num {
  double d;
  int64_t i;
} num;

/* float -> int64 like the interpreter: NaN is 0, out of range saturates,
 * the rest truncates toward zero. */
static int64_t f2i(double d) {
  if (isnan(d))
    return 0;
  if (d >= 9.2233720368547758e18)
    return INT64_MAX;
  if (d <= -9.2233720368547758e18)
    return INT64_MIN;
  return (int64_t)d;
}

static double as_f64(kind k, num v) {
  return kind_float(k) ? v.d : (double)v.i;
}

static int64_t as_i64(kind k, num v) { return kind_float(k) ? f2i(v.d) : v.i; }

static num store_i64(MlirType elt, kind k, int64_t v);

/* v stored into an element of `elt` (kind k): floats round to nearest even
 * through f32 like mlyTensorStoreF64, integers saturate then wrap. */
static num store_f64(MlirType elt, kind k, double v) {
  num r = {0, 0};
  switch (k) {
  case K_F32:
    r.d = (float)v;
    return r;
  case K_F16:
  case K_BF16:
    r.d = mlirFloatAttrGetValueDouble(
        mlirFloatAttrDoubleGet(mlirTypeGetContext(elt), elt, (float)v));
    return r;
  case K_BOOL:
    r.i = v != 0;
    return r;
  default:
    return store_i64(elt, k, f2i(v));
  }
}

static num store_i64(MlirType elt, kind k, int64_t v) {
  num r = {0, 0};
  switch (k) {
  case K_I64:
    r.i = v;
    return r;
  case K_I32:
    r.i = (int32_t)(uint32_t)v;
    return r;
  case K_I8:
    r.i = (int8_t)(uint8_t)v;
    return r;
  case K_BOOL:
    r.i = v != 0;
    return r;
  default:
    return store_f64(elt, k, (double)v);
  }
}

/* The dense value of v when v is an mly.constant of a folding element
 * type, else a null attribute. */
static MlirAttribute const_attr(MlirValue v) {
  MlirOperation def = def_of(v);
  MlirAttribute null = {NULL};
  if (!is_op(def, "constant") || mlirOperationGetNumResults(def) != 1)
    return null;
  MlirAttribute a = mlirOperationGetAttributeByName(
      def, mlirStringRefCreateFromCString("value"));
  MlirType t = type_of(v);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseElements(a) ||
      !mlirTypeEqual(mlirAttributeGetType(a), t) ||
      !mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t) ||
      mlyTypeRank(t) > RANK || kind_of(mlyTypeElt(t)) == K_NONE)
    return null;
  return a;
}

static num elem_num(MlirAttribute e, kind k) {
  num r = {0, 0};
  if (kind_float(k))
    r.d = mlirFloatAttrGetValueDouble(e);
  else
    r.i = k == K_BOOL ? mlirIntegerAttrGetValueInt(e) != 0
                      : mlirIntegerAttrGetValueInt(e);
  return r;
}

/* The splat value of constant v into *out; false when v is not a splat
 * constant. */
static bool splat_of(MlirValue v, num *out) {
  MlirAttribute a = const_attr(v);
  if (mlirAttributeIsNull(a) || !mlirDenseElementsAttrIsSplat(a))
    return false;
  *out = elem_num(mlirDenseElementsAttrGetSplatValue(a),
                  kind_of(mlyTypeElt(type_of(v))));
  return true;
}

/* Elements of dense attribute a (type t) into out[0..n), row-major. */
static void read_elems(MlirAttribute a, MlirType t, num *out, int64_t n) {
  kind k = kind_of(mlyTypeElt(t));
  if (mlirDenseElementsAttrIsSplat(a)) {
    num v = elem_num(mlirDenseElementsAttrGetSplatValue(a), k);
    for (int64_t e = 0; e < n; ++e)
      out[e] = v;
    return;
  }
  int64_t r = mlyTypeRank(t), dims[RANK];
  uint64_t idx[RANK] = {0};
  mlyTypeDims(t, dims);
  for (int64_t e = 0; e < n; ++e) {
    out[e] = elem_num(mlirElementsAttrGetValue(a, r, idx), k);
    for (int64_t i = r - 1; i >= 0; --i) {
      if (++idx[i] < (uint64_t)dims[i])
        break;
      idx[i] = 0;
    }
  }
}

static bool num_same(num a, num b) {
  return !memcmp(&a.d, &b.d, sizeof a.d) && a.i == b.i;
}

/* The element attribute of float value v in `elt`. Integers go through
 * the typed builders, which take negative values of any width. */
static MlirAttribute float_attr(MlirType elt, num v) {
  return mlirFloatAttrDoubleGet(mlirTypeGetContext(elt), elt, v.d);
}

/* A dense attribute of type t holding vals[0..n), n >= 1 (a splat when
 * all agree), or a null attribute when out of memory. */
static MlirAttribute dense_attr(MlirType t, const num *vals, int64_t n) {
  MlirType elt = mlyTypeElt(t);
  kind k = kind_of(elt);
  bool splat = true;
  for (int64_t e = 1; e < n && splat; ++e)
    splat = num_same(vals[e], vals[0]);
  if (splat) {
    num v = vals[0];
    switch (k) {
    case K_BOOL:
      return mlirDenseElementsAttrBoolSplatGet(t, v.i != 0);
    case K_I8:
      return mlirDenseElementsAttrInt8SplatGet(t, (int8_t)v.i);
    case K_I32:
      return mlirDenseElementsAttrInt32SplatGet(t, (int32_t)v.i);
    case K_I64:
      return mlirDenseElementsAttrInt64SplatGet(t, v.i);
    default:
      return mlirDenseElementsAttrSplatGet(t, float_attr(elt, v));
    }
  }
  MlirAttribute a = {NULL};
  void *buf = malloc((size_t)n * sizeof(MlirAttribute));
  if (!buf)
    return a;
  if (kind_float(k)) {
    MlirAttribute *p = buf;
    for (int64_t e = 0; e < n; ++e)
      p[e] = float_attr(elt, vals[e]);
    a = mlirDenseElementsAttrGet(t, n, p);
  } else if (k == K_BOOL) {
    int *p = buf;
    for (int64_t e = 0; e < n; ++e)
      p[e] = vals[e].i != 0;
    a = mlirDenseElementsAttrBoolGet(t, n, p);
  } else if (k == K_I8) {
    int8_t *p = buf;
    for (int64_t e = 0; e < n; ++e)
      p[e] = (int8_t)vals[e].i;
    a = mlirDenseElementsAttrInt8Get(t, n, p);
  } else if (k == K_I32) {
    int32_t *p = buf;
    for (int64_t e = 0; e < n; ++e)
      p[e] = (int32_t)vals[e].i;
    a = mlirDenseElementsAttrInt32Get(t, n, p);
  } else {
    int64_t *p = buf;
    for (int64_t e = 0; e < n; ++e)
      p[e] = vals[e].i;
    a = mlirDenseElementsAttrInt64Get(t, n, p);
  }
  free(buf);
  return a;
}

/* mly.constant of attribute a (its type) before op. */
static MlirValue build_const(MlirOperation op, MlirAttribute a) {
  if (mlirAttributeIsNull(a))
    return null_value();
  MlyBuilder b = mlyBuilderBefore(op);
  MlirNamedAttribute v = named(b.ctx, "value", a);
  return mlyBuild(&b, "mly.constant", mlirAttributeGetType(a), NULL, 0, &v, 1);
}

/* The value of op (reshape, transpose, broadcast_in_dim) applied to a
 * splat constant: the same splat with op's result type. */
static MlirValue splat_reshaped(MlirOperation op) {
  MlirAttribute a = const_attr(operand(op, 0));
  MlirType t = type_of(result(op));
  if (mlirAttributeIsNull(a) || !mlirDenseElementsAttrIsSplat(a) ||
      !same_elt(t, type_of(operand(op, 0))))
    return null_value();
  return build_const(op, mlirDenseElementsAttrSplatGet(
                             t, mlirDenseElementsAttrGetSplatValue(a)));
}

/* ---- Elementwise arithmetic: dialects/mly_scalar.h --------------------- */

/* ---- Constant folding -------------------------------------------------- */

/* Folds elementwise op (n operands, unary kind uk or binary kind bk) when
 * every operand is a foldable constant of the result's shape. */
static MlirValue fold_elementwise(MlirOperation op, int n, int uk, int bk) {
  MlirAttribute a[2];
  MlirType t = type_of(result(op)), in_t[2];
  kind rk = kind_of(mlyTypeElt(t)), in_k[2];
  bool all_splat = true;
  MlirValue folded = null_value();
  for (int j = 0; j < n; ++j) {
    a[j] = const_attr(operand(op, j));
    if (mlirAttributeIsNull(a[j]))
      return folded;
    in_t[j] = type_of(operand(op, j));
    in_k[j] = kind_of(mlyTypeElt(in_t[j]));
    all_splat = all_splat && mlirDenseElementsAttrIsSplat(a[j]);
    if (!same_dims(in_t[j], t))
      return folded;
  }
  int64_t numel = mlyTypeNumElements(t);
  if (rk == K_NONE || numel == 0 || (!all_splat && numel > FOLD_LIMIT))
    return folded;
  int64_t m = all_splat ? 1 : numel;
  num *v = malloc((size_t)(3 * m) * sizeof *v);
  if (!v)
    return folded;
  num *x = v + m, *y = v + 2 * m;
  read_elems(a[0], in_t[0], x, m);
  if (n == 2)
    read_elems(a[1], in_t[1], y, m);
  bool f = kind_float(in_k[0]) || (n == 2 && kind_float(in_k[1]));
  MlirType elt = mlyTypeElt(t);
  for (int64_t e = 0; e < m; ++e) {
    if (n == 1)
      v[e] = f ? store_f64(elt, rk, mlyScalarUnaryF(uk, x[e].d))
               : store_i64(elt, rk, mlyScalarUnaryI(uk, x[e].i));
    else if (f)
      v[e] = store_f64(
          elt, rk, mlyScalarBinaryF(bk, as_f64(in_k[0], x[e]), as_f64(in_k[1], y[e])));
    else if (bk == MLY_BINARY_DIV && !as_i64(in_k[1], y[e]))
      goto out; /* the interpreter reports it at run time */
    else
      v[e] = store_i64(
          elt, rk, mlyScalarBinaryI(bk, as_i64(in_k[0], x[e]), as_i64(in_k[1], y[e])));
  }
  folded = build_const(op, dense_attr(t, v, m));
out:
  free(v);
  return folded;
}

/* ---- Broadcasts past elementwise ops ----------------------------------- */

/* v's defining mly.broadcast_in_dim when v has no users but `op` and the
 * broadcast makes more elements than it reads. */
static MlirOperation movable_bcast(MlirValue v, MlirOperation op) {
  MlirOperation d = def_of(v), none = {NULL};
  if (!is_op(d, "broadcast_in_dim") || !shaped_op(d, 1) ||
      !only_used_by(v, op) ||
      mlyTypeNumElements(type_of(operand(d, 0))) >=
          mlyTypeNumElements(type_of(v)))
    return none;
  return d;
}

/* bcast(op'(ins)) where op' is a copy of op (same name and attributes) on
 * ins, whose common shape is that of bcast's input. */
static MlirValue rebuild_under(MlirOperation op, MlirOperation bcast,
                               const MlirValue *ins, intptr_t n) {
  MlirType t = type_of(result(op));
  MlirType small = mlyTypeWithElt(type_of(ins[0]), mlyTypeElt(t));
  intptr_t na = mlirOperationGetNumAttributes(op);
  MlirNamedAttribute attrs[8];
  if (na > 8)
    return null_value();
  for (intptr_t i = 0; i < na; ++i)
    attrs[i] = mlirOperationGetAttribute(op, i);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  char zname[32];
  if (name.length >= sizeof zname)
    return null_value();
  memcpy(zname, name.data, name.length);
  zname[name.length] = 0;
  MlyBuilder b = mlyBuilderBefore(op);
  MlirValue inner = mlyBuild(&b, zname, small, ins, n, attrs, na);
  MlirAttribute bd = mlirOperationGetAttributeByName(
      bcast, mlirStringRefCreateFromCString("broadcast_dimensions"));
  MlirNamedAttribute bda = named(b.ctx, "broadcast_dimensions", bd);
  return mlyBuild(&b, "mly.broadcast_in_dim", t, &inner, 1, &bda, 1);
}

static MlirValue sink_unary(MlirOperation op) {
  MlirOperation bc = movable_bcast(operand(op, 0), op);
  if (mlirOperationIsNull(bc))
    return null_value();
  MlirValue x = operand(bc, 0);
  return rebuild_under(op, bc, &x, 1);
}

static MlirValue sink_binary(MlirOperation op) {
  MlirValue l = operand(op, 0), r = operand(op, 1);
  MlirOperation bl = movable_bcast(l, op), br = movable_bcast(r, op);
  MlirValue ins[2];
  num c;
  if (!mlirOperationIsNull(bl) && !mlirOperationIsNull(br)) {
    ins[0] = operand(bl, 0);
    ins[1] = operand(br, 0);
    MlirAttribute dl = mlirOperationGetAttributeByName(
        bl, mlirStringRefCreateFromCString("broadcast_dimensions"));
    MlirAttribute dr = mlirOperationGetAttributeByName(
        br, mlirStringRefCreateFromCString("broadcast_dimensions"));
    if (!mlirAttributeEqual(dl, dr) ||
        !same_dims(type_of(ins[0]), type_of(ins[1])) ||
        !mlirTypeEqual(type_of(l), type_of(r)))
      return null_value();
    return rebuild_under(op, bl, ins, 2);
  }
  /* One side a broadcast, the other a splat: the splat shrinks too. */
  MlirOperation bc = mlirOperationIsNull(bl) ? br : bl;
  MlirValue other = mlirOperationIsNull(bl) ? l : r;
  if (mlirOperationIsNull(bc) || !splat_of(other, &c))
    return null_value();
  MlirType small =
      mlyTypeWithElt(type_of(operand(bc, 0)), mlyTypeElt(type_of(other)));
  MlirAttribute s = mlirDenseElementsAttrSplatGet(
      small, mlirDenseElementsAttrGetSplatValue(const_attr(other)));
  MlirValue k = build_const(op, s);
  ins[0] = mlirOperationIsNull(bl) ? k : operand(bl, 0);
  ins[1] = mlirOperationIsNull(bl) ? operand(br, 0) : k;
  return rebuild_under(op, bc, ins, 2);
}

/* ---- Per-op rewrites --------------------------------------------------- */

static bool is_identity(const int64_t *p, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    if (p[i] != i)
      return false;
  return true;
}

/* A permutation of 0..n-1 of op's `permutation` attribute into p. */
static bool read_perm(MlirOperation op, int64_t *p, int64_t n) {
  bool seen[RANK] = {false};
  if (!ints_n(op, "permutation", p, n))
    return false;
  for (int64_t i = 0; i < n; ++i) {
    if (p[i] < 0 || p[i] >= n || seen[p[i]])
      return false;
    seen[p[i]] = true;
  }
  return true;
}

static MlirValue rw_reshape(MlirOperation op) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue x = operand(op, 0);
  MlirType t = type_of(result(op));
  if (!same_elt(type_of(x), t) ||
      mlyTypeNumElements(type_of(x)) != mlyTypeNumElements(t))
    return null_value();
  if (mlirTypeEqual(type_of(x), t))
    return x;
  MlirOperation d = def_of(x);
  if (is_op(d, "reshape") && shaped_op(d, 1)) {
    MlirValue y = operand(d, 0);
    if (!same_elt(type_of(y), t) ||
        mlyTypeNumElements(type_of(y)) != mlyTypeNumElements(t))
      return null_value();
    if (mlirTypeEqual(type_of(y), t))
      return y;
    MlyBuilder b = mlyBuilderBefore(op);
    return mlyBuild(&b, "mly.reshape", t, &y, 1, NULL, 0);
  }
  MlirAttribute a = const_attr(x);
  if (!mlirAttributeIsNull(a) && !mlirDenseElementsAttrIsSplat(a) &&
      mlyTypeNumElements(t) <= FOLD_LIMIT)
    return build_const(op, mlirDenseElementsAttrReshapeGet(a, t));
  return splat_reshaped(op);
}

static MlirValue rw_transpose(MlirOperation op) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue x = operand(op, 0);
  MlirType t = type_of(result(op));
  int64_t r = mlyTypeRank(t), q[RANK], p[RANK], c[RANK];
  if (mlyTypeRank(type_of(x)) != r || !read_perm(op, q, r))
    return null_value();
  if (is_identity(q, r))
    return mlirTypeEqual(type_of(x), t) ? x : null_value();
  MlirOperation d = def_of(x);
  if (is_op(d, "transpose") && shaped_op(d, 1)) {
    MlirValue y = operand(d, 0);
    MlirType yt = type_of(y);
    if (mlyTypeRank(yt) != r || !read_perm(d, p, r) || !same_elt(yt, t))
      return null_value();
    for (int64_t i = 0; i < r; ++i) {
      c[i] = p[q[i]];
      if (mlirShapedTypeGetDimSize(yt, c[i]) != mlirShapedTypeGetDimSize(t, i))
        return null_value();
    }
    if (is_identity(c, r))
      return y;
    MlyBuilder b = mlyBuilderBefore(op);
    MlirNamedAttribute pa = mlyNamedI64Array(b.ctx, "permutation", c, r);
    return mlyBuild(&b, "mly.transpose", t, &y, 1, &pa, 1);
  }
  return splat_reshaped(op);
}

/* Whether every value of integer or float type `from` is exactly one of
 * type `to`, so that a cast from -> to loses nothing. */
static bool lossless(MlirType from, MlirType to) {
  kind f = kind_of(from), t = kind_of(to);
  static const int width[] = {0, 32, 16, 16, 1, 8, 32, 64};
  static const int digits[] = {0, 24, 11, 8, 0, 0, 0, 0};
  if (f == K_NONE || t == K_NONE)
    return false;
  if (f == K_BOOL)
    return true;
  /* f16 and bf16 each have values the other lacks; f32 holds both. */
  if (kind_float(f))
    return t == K_F32 && f != K_F32;
  /* Integers of w bits have magnitudes up to 2^(w-1). */
  return kind_float(t) ? digits[t] >= width[f] - 1 : width[t] > width[f];
}

static MlirValue rw_cast(MlirOperation op) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue x = operand(op, 0);
  MlirType t = type_of(result(op));
  if (mlirTypeEqual(type_of(x), t))
    return x;
  if (!same_dims(type_of(x), t))
    return null_value();
  MlirOperation d = def_of(x);
  if (is_op(d, "cast") && shaped_op(d, 1)) {
    MlirValue y = operand(d, 0);
    if (same_dims(type_of(y), t) &&
        lossless(mlyTypeElt(type_of(y)), mlyTypeElt(type_of(x)))) {
      if (mlirTypeEqual(type_of(y), t))
        return y;
      MlyBuilder b = mlyBuilderBefore(op);
      return mlyBuild(&b, "mly.cast", t, &y, 1, NULL, 0);
    }
  }
  MlirValue v = fold_elementwise(op, 1, MLY_UNARY_CAST, 0);
  return mlirValueIsNull(v) ? sink_unary(op) : v;
}

/* broadcast_dimensions of op (input rank n, result rank rr), checked to
 * be in range. */
static bool read_bdims(MlirOperation op, int64_t *bd, int64_t n, int64_t rr) {
  if (!ints_n(op, "broadcast_dimensions", bd, n))
    return false;
  for (int64_t i = 0; i < n; ++i)
    if (bd[i] < 0 || bd[i] >= rr || (i && bd[i] <= bd[i - 1]))
      return false;
  return true;
}

static MlirValue rw_broadcast(MlirOperation op) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue x = operand(op, 0);
  MlirType xt = type_of(x), t = type_of(result(op));
  int64_t n = mlyTypeRank(xt), rr = mlyTypeRank(t), bd[RANK], inner[RANK];
  if (!read_bdims(op, bd, n, rr) || !same_elt(xt, t))
    return null_value();
  if (mlirTypeEqual(xt, t) && is_identity(bd, n))
    return x;
  MlirOperation d = def_of(x);
  if (is_op(d, "broadcast_in_dim") && shaped_op(d, 1)) {
    MlirValue y = operand(d, 0);
    MlirType yt = type_of(y);
    int64_t m = mlyTypeRank(yt);
    if (!read_bdims(d, inner, m, n) || !same_elt(yt, t))
      return null_value();
    for (int64_t i = 0; i < m; ++i) {
      int64_t s = mlirShapedTypeGetDimSize(yt, i);
      inner[i] = bd[inner[i]];
      if (s != 1 && s != mlirShapedTypeGetDimSize(t, inner[i]))
        return null_value();
    }
    MlyBuilder b = mlyBuilderBefore(op);
    MlirNamedAttribute a =
        mlyNamedI64Array(b.ctx, "broadcast_dimensions", inner, m);
    return mlyBuild(&b, "mly.broadcast_in_dim", t, &y, 1, &a, 1);
  }
  return splat_reshaped(op);
}

static MlirValue rw_slice(MlirOperation op) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue x = operand(op, 0);
  MlirType t = type_of(x);
  int64_t r = mlyTypeRank(t), lo[RANK], hi[RANK], st[RANK];
  if (!mlirTypeEqual(t, type_of(result(op))) ||
      !ints_n(op, "start_indices", lo, r) ||
      !ints_n(op, "limit_indices", hi, r) || !ints_n(op, "strides", st, r))
    return null_value();
  for (int64_t i = 0; i < r; ++i) {
    int64_t d = mlirShapedTypeGetDimSize(t, i);
    if (lo[i] != 0 || hi[i] != d || (st[i] != 1 && d > 1) || st[i] < 1)
      return null_value();
  }
  return x;
}

static MlirValue rw_pad(MlirOperation op) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue x = operand(op, 0);
  MlirType t = type_of(x);
  int64_t r = mlyTypeRank(t), lo[RANK], hi[RANK];
  if (!mlirTypeEqual(t, type_of(result(op))) || !ints_n(op, "low", lo, r) ||
      !ints_n(op, "high", hi, r))
    return null_value();
  for (int64_t i = 0; i < r; ++i)
    if (lo[i] || hi[i])
      return null_value();
  return x;
}

static MlirValue rw_select(MlirOperation op) {
  num c;
  if (!shaped_op(op, 3) ||
      kind_of(mlyTypeElt(type_of(operand(op, 0)))) != K_BOOL ||
      !splat_of(operand(op, 0), &c))
    return null_value();
  MlirValue v = operand(op, c.i ? 1 : 2);
  return mlirTypeEqual(type_of(v), type_of(result(op))) ? v : null_value();
}

/* Whether v is a splat constant of x's type equal to 1 (one) or to an
 * additive identity (zero: integer 0, float 0.0 with sign bit `neg`). */
static bool is_one(MlirValue v, MlirType xt) {
  num c;
  if (!mlirTypeEqual(type_of(v), xt) || !splat_of(v, &c))
    return false;
  return kind_float(kind_of(mlyTypeElt(xt))) ? c.d == 1.0 : c.i == 1;
}

static bool is_zero(MlirValue v, MlirType xt, bool neg) {
  num c;
  if (!mlirTypeEqual(type_of(v), xt) || !splat_of(v, &c))
    return false;
  if (kind_float(kind_of(mlyTypeElt(xt))))
    return c.d == 0.0 && (signbit(c.d) != 0) == neg;
  return c.i == 0;
}

/* x op c -> x for the identities of add, sub, mul, div. */
static MlirValue binary_identity(MlirOperation op, int k) {
  MlirValue l = operand(op, 0), r = operand(op, 1);
  MlirType t = type_of(result(op));
  bool lx = mlirTypeEqual(type_of(l), t), rx = mlirTypeEqual(type_of(r), t);
  switch (k) {
  case MLY_BINARY_ADD:
    if (lx && is_zero(r, t, true))
      return l;
    if (rx && is_zero(l, t, true))
      return r;
    break;
  case MLY_BINARY_SUB:
    if (lx && is_zero(r, t, false))
      return l;
    break;
  case MLY_BINARY_MUL:
    if (lx && is_one(r, t))
      return l;
    if (rx && is_one(l, t))
      return r;
    break;
  case MLY_BINARY_DIV:
    if (lx && is_one(r, t))
      return l;
    break;
  }
  return null_value();
}

static MlirValue rw_binary(MlirOperation op, int k) {
  if (!shaped_op(op, 2))
    return null_value();
  MlirValue v = binary_identity(op, k);
  if (mlirValueIsNull(v))
    v = fold_elementwise(op, 2, 0, k);
  if (mlirValueIsNull(v))
    v = sink_binary(op);
  return v;
}

static MlirValue rw_unary(MlirOperation op, int k) {
  if (!shaped_op(op, 1))
    return null_value();
  MlirValue v = fold_elementwise(op, 1, k, 0);
  return mlirValueIsNull(v) ? sink_unary(op) : v;
}

/* matmul(transpose(a), b) -> matmul(a, b) with transpose_lhs flipped, when
 * the transpose only swaps the last two dims (same for the rhs). The
 * weights of a linear layer arrive this way from Core ATen graphs. */
static bool swaps_last_two(MlirValue v, MlirValue *inner) {
  MlirOperation t = def_of(v);
  if (mlirOperationIsNull(t) || !is_op(t, "transpose") || !shaped_op(t, 1))
    return false;
  int64_t r = mlyTypeRank(type_of(v)), p[RANK];
  if (r < 2 || !read_perm(t, p, r) || p[r - 2] != r - 1 || p[r - 1] != r - 2)
    return false;
  for (int64_t i = 0; i + 2 < r; ++i)
    if (p[i] != i)
      return false;
  *inner = operand(t, 0);
  return true;
}

static MlirValue rw_matmul(MlirOperation op) {
  bool tl, tr;
  MlirValue l = operand(op, 0), r = operand(op, 1), il, ir;
  if (!shaped_op(op, 2) || !mlyOpGetBool(op, "transpose_lhs", &tl) ||
      !mlyOpGetBool(op, "transpose_rhs", &tr))
    return null_value();
  bool fl = swaps_last_two(l, &il), fr = swaps_last_two(r, &ir);
  if (!fl && !fr)
    return null_value();
  MlyBuilder b = mlyBuilderBefore(op);
  MlirValue x = mlyBuildMatmul(&b, fl ? il : l, fr ? ir : r, fl ? !tl : tl,
                               fr ? !tr : tr);
  return !mlirValueIsNull(x) && mlirTypeEqual(type_of(x), type_of(result(op)))
             ? x
             : null_value();
}

/* The value that replaces op's result, or a null value. */
static MlirValue rewrite(MlirOperation op) {
  int k;
  if (is_op(op, "reshape"))
    return rw_reshape(op);
  if (is_op(op, "transpose"))
    return rw_transpose(op);
  if (is_op(op, "cast"))
    return rw_cast(op);
  if (is_op(op, "broadcast_in_dim"))
    return rw_broadcast(op);
  if (is_op(op, "slice"))
    return rw_slice(op);
  if (is_op(op, "pad"))
    return rw_pad(op);
  if (is_op(op, "select"))
    return rw_select(op);
  if (is_op(op, "matmul"))
    return rw_matmul(op);
  if ((k = mlyUnaryKindOf(op)) >= 0)
    return rw_unary(op, k);
  if ((k = mlyBinaryKindOf(op)) >= 0)
    return rw_binary(op, k);
  return null_value();
}

/* ---- Driver ------------------------------------------------------------ */

static MlyRewriteObserver observer;
static void *observer_user;

void mlyRewriteObserverSet(MlyRewriteObserver fn, void *user) {
  observer = fn;
  observer_user = user;
}

void mlyRewriteObserverNotify(const char *pass, const char *kind,
                              const MlirValue *before, const MlirValue *after,
                              intptr_t n) {
  if (observer)
    observer(observer_user, pass, kind, before, after, n);
}

static bool is_used(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (!mlirOpOperandIsNull(
            mlirValueGetFirstUse(mlirOperationGetResult(op, i))))
      return true;
  return false;
}

/* One round: rewrites, then erases dead pure mly ops. Returns false when
 * out of memory; *changed tells whether a use moved. */
static bool round_once(MlirOperation root, bool *changed) {
  MlyOpList l;
  *changed = false;
  if (!mlyCollectOps(root, mlyOpIsMly, &l))
    return false;
  for (size_t i = 0; i < l.n; ++i) {
    MlirOperation op = l.ops[i];
    if (mlirOperationGetNumResults(op) != 1 || !is_used(op))
      continue;
    MlirValue old = result(op), v = rewrite(op);
    if (mlirValueIsNull(v) || mlirValueEqual(v, old) ||
        !mlirTypeEqual(type_of(v), type_of(old)))
      continue;
    if (observer) {
      MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
      char kind[64];
      snprintf(kind, sizeof kind, "%.*s", (int)name.length, name.data);
      observer(observer_user, "mly-canonicalize", kind, &old, &v, 1);
    }
    mlirValueReplaceAllUsesOfWith(old, v);
    *changed = true;
  }
  free(l.ops);
  /* Users follow their operands in pre-order: one backward sweep frees
   * whole dead chains. */
  if (!mlyCollectOps(root, mlyOpIsMly, &l))
    return false;
  for (size_t i = l.n; i-- > 0;)
    if (!mlirOperationEqual(l.ops[i], root) && mlyOpIsPure(l.ops[i]) &&
        !is_used(l.ops[i]))
      mlirOperationDestroy(l.ops[i]);
  free(l.ops);
  return true;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  bool changed = true;
  for (int r = 0; r < MAX_ROUNDS && changed; ++r) {
    if (!round_once(root, &changed)) {
      mlirEmitError(mlirOperationGetLocation(root),
                    "mly-canonicalize: out of memory");
      mlirExternalPassSignalFailure(pass);
      return;
    }
  }
}

MlirPass mlyCreateCanonicalizePass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyCanonicalize", "mly-canonicalize",
                                "Simplify and fold mly ops", run);
}
