/* mly-f16: kernels proven safe compute in f16 (or bf16), the others f32.
 *
 * Runs after mly-bounds and reads its annotations (`mly.range`,
 * `mly.ranges`, `mly.may_nan`). A kernel is a fused function
 * (`mly.fused`), or an unfused compute op of a public function (an op that
 * computes values: not a constant, iota, cast or pure data movement). A
 * kernel computes in the half type when every f32 value it computes (op
 * results inside it) and every f32 argument it receives (the call
 * operands at every call site, from their producers' ranges) has a
 * finite range with |x| <= max/4 of the half type (16376 for f16,
 * 2^126 * 255/4 for bf16) and no `mly.may_nan`. Sums, matmuls and
 * convolutions are covered by the same test on their results: their IBP
 * range bounds every partial sum too (k terms of [lo, hi] lie in
 * [k lo, k hi], inside the hull of n [lo, hi] and 0).
 *
 * The margin: mly-bounds proved the ranges for f32 evaluation.
 * Evaluating in the half type changes every rounding (relative 2^-11 for
 * f16, 2^-8 for bf16 per op, and subnormal constants may flush to zero);
 * a factor 4 of headroom keeps values that drift by that much finite, but
 * it is a margin, not a proof. So the candidates are then checked: they
 * are rewritten in a clone of the module, mly-bounds' analysis runs on it
 * (it is sound for f16/bf16 evaluation, flush-to-zero included), and each
 * kernel whose half values are not all finite and NaN-free goes back to
 * f32 (those failing by themselves first; those failing only through
 * their inputs when no other fails), until a round takes none back. The
 * module is then rewritten and annotated again by mly-bounds, so its
 * ranges are those of what it now computes.
 *
 * Rewrite of a safe kernel (its signature and buffers stay f32):
 *  - each f32 argument gets `mly.cast` to the half type at the top of the
 *    body and its uses read the cast (an argument returned unchanged is
 *    returned as it came);
 *  - each f32 op result is retyped to the half type (mlirValueSetType);
 *    constants and iotas are not retyped: a splat float constant is
 *    rebuilt in the half type, other ones and iotas get a cast after them;
 *  - each half value returned is cast back to f32 before func.return;
 *  - an unfused op gets casts on its f32 operands and after its results.
 * Accumulating ops (reduce sum, scan, matmul, conv, pool) keep the half
 * result type; how they accumulate is the lowering's choice: the
 * interpreter accumulates in double and rounds once, the GPU lowering
 * (mly-to-gpu) accumulates floats in f32, the CPU lowering (mly-to-linalg)
 * in the element type.
 *
 * Every kernel gets `mly.precision = "f16" | "bf16" | "f32"` (kernels
 * with no f32 value get none). Remarks go to stderr as text (the C API
 * cannot emit remark diagnostics): for each f32 kernel, the ops (or
 * inputs) where it leaves the range, not the ops that only inherit it
 * (those are counted), then one summary per module:
 *   file:line:col: remark: mly-f16: fused_2_attention stays f32:
 *     'mly.matmul' range [-5239415.5, 5239415.5]
 *   file:line:col: remark: mly-f16: fused_0_reduction stays f32: in the
 *     half type 'mly.rsqrt' range [3.18164062, inf]
 *   remark: mly-f16: 1 kernel f16, 15 kernels f32 (1 of them taken back
 *     by the check in f16), 1 without f32 values */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

static bool use_bf16;

bool mlyF16SetType(const char *type) {
  if (strcmp(type, "f16") && strcmp(type, "bf16"))
    return false;
  use_bf16 = !strcmp(type, "bf16");
  return true;
}

/* ---- small helpers ---------------------------------------------------- */

static bool op_is(MlirOperation op, const char *name) {
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  return s.length == strlen(name) && !memcmp(s.data, name, s.length);
}

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op,
                                         mlirStringRefCreateFromCString(name));
}

static bool is_f32_tensor(MlirType t) {
  return mlirTypeIsARankedTensor(t) &&
         mlirTypeIsAF32(mlirShapedTypeGetElementType(t));
}

static MlirBlock entry_block(MlirOperation func) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

static MlirStringRef func_name(MlirOperation func) {
  MlirAttribute a = attr(func, "sym_name");
  return !mlirAttributeIsNull(a) && mlirAttributeIsAString(a)
             ? mlirStringAttrGetValue(a)
             : mlirStringRefCreate("", 0);
}

static bool is_fused(MlirOperation func) {
  return !mlirAttributeIsNull(attr(func, "mly.fused"));
}

static bool is_public(MlirOperation func) {
  MlirAttribute v = attr(func, "sym_visibility");
  return mlirAttributeIsNull(v) || !mlirAttributeIsAString(v) ||
         !mlirStringRefEqual(mlirStringAttrGetValue(v),
                             mlirStringRefCreateFromCString("private"));
}

/* Ops that compute values, as opposed to making them (constant, iota),
 * converting them (cast) or moving them. */
static bool is_compute(MlirOperation op) {
  static const char *const not_compute[] = {
      "mly.constant", "mly.iota",      "mly.cast",  "mly.broadcast_in_dim",
      "mly.reshape",  "mly.transpose", "mly.slice", "mly.pad",
      "mly.concat",   "mly.gather"};
  if (!mlyOpIsMly(op))
    return false;
  for (size_t i = 0; i < sizeof not_compute / sizeof *not_compute; ++i)
    if (op_is(op, not_compute[i]))
      return false;
  return true;
}

/* ---- ranges ----------------------------------------------------------- */

typedef struct vrange {
  double lo, hi;
  bool known, nan;
} vrange;

static bool read_pair(MlirAttribute a, double *lo, double *hi) {
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF64Array(a) ||
      mlirDenseArrayGetNumElements(a) != 2)
    return false;
  *lo = mlirDenseF64ArrayGetElement(a, 0);
  *hi = mlirDenseF64ArrayGetElement(a, 1);
  return true;
}

/* Result i of op as mly-bounds annotated it. */
static vrange result_range(MlirOperation op, intptr_t i) {
  vrange r = {-INFINITY, INFINITY, false, false};
  MlirAttribute one = attr(op, "mly.range"), many = attr(op, "mly.ranges");
  if (mlirOperationGetNumResults(op) == 1)
    r.known = read_pair(one, &r.lo, &r.hi);
  else if (!mlirAttributeIsNull(many) && mlirAttributeIsAArray(many) &&
           i < mlirArrayAttrGetNumElements(many))
    r.known = read_pair(mlirArrayAttrGetElement(many, i), &r.lo, &r.hi);
  MlirAttribute nan = attr(op, "mly.may_nan");
  r.nan = !mlirAttributeIsNull(nan) && mlirAttributeIsABool(nan) &&
          mlirBoolAttrGetValue(nan);
  return r;
}

/* The range of v where it is defined: an op result, or an argument of a
 * public function with an `mly.range` argument attribute. */
static vrange value_range(MlirValue v) {
  vrange r = {-INFINITY, INFINITY, false, false};
  if (mlirValueIsAOpResult(v))
    return result_range(mlirOpResultGetOwner(v),
                        mlirOpResultGetResultNumber(v));
  MlirOperation func =
      mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(v));
  MlirAttribute all = attr(func, "arg_attrs");
  intptr_t i = mlirBlockArgumentGetArgNumber(v);
  if (!mlirAttributeIsNull(all) && mlirAttributeIsAArray(all) &&
      i < mlirArrayAttrGetNumElements(all)) {
    MlirAttribute d = mlirArrayAttrGetElement(all, i);
    if (mlirAttributeIsADictionary(d))
      r.known = read_pair(mlirDictionaryAttrGetElementByName(
                              d, mlirStringRefCreateFromCString("mly.range")),
                          &r.lo, &r.hi);
  }
  return r;
}

/* ---- remarks ---------------------------------------------------------- */

typedef struct state {
  MlirContext ctx;
  MlirType half; /* f16 or bf16 */
  double limit;  /* max |x| allowed: the half type's max / 4 */
  const char *half_name;
  int n_half, n_f32, n_none, n_undone;
  bool oom;
  bool recheck; /* checking the half values of a rewritten kernel */
  bool quiet;   /* no remarks */
  bool arg_bad; /* a kernel input failed its check */
} state;

/* Writes "file:line:col: " of loc (or of a name location's child). */
static void print_where(MlirLocation loc) {
  if (mlirLocationIsAName(loc))
    loc = mlirLocationNameGetChildLoc(loc);
  if (mlirLocationIsAFileLineColRange(loc)) {
    MlirStringRef f =
        mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(loc));
    fprintf(stderr, "%.*s:%d:%d: ", (int)f.length, f.data,
            mlirLocationFileLineColRangeGetStartLine(loc),
            mlirLocationFileLineColRangeGetStartColumn(loc));
  }
}

static void print_range(vrange r, bool arg) {
  if (!r.known && arg)
    fputs("range unknown (an argument without mly.range)", stderr);
  else if (!r.known)
    fputs("range unknown (no mly.range; run mly-bounds first)", stderr);
  else
    fprintf(stderr, "range [%.9g, %.9g]", r.lo, r.hi);
  if (r.nan)
    fputs(", may be NaN", stderr);
}

static void print_kernel(MlirOperation kernel) {
  if (op_is(kernel, "func.func")) {
    MlirStringRef n = func_name(kernel);
    fprintf(stderr, "%.*s", (int)n.length, n.data);
  } else {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(kernel));
    fprintf(stderr, "'%.*s'", (int)n.length, n.data);
    MlirLocation l = mlirOperationGetLocation(kernel);
    if (mlirLocationIsAName(l)) {
      MlirStringRef s = mlirIdentifierStr(mlirLocationNameGetName(l));
      fprintf(stderr, " at %.*s", (int)s.length, s.data);
    }
  }
}

/* remark: <kernel> stays f32: 'op' at name range [lo, hi] */
static void remark_op(const state *s, MlirOperation kernel, MlirOperation op,
                      vrange r) {
  if (s->quiet)
    return;
  MlirLocation l = mlirOperationGetLocation(op);
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  print_where(l);
  fputs("remark: mly-f16: ", stderr);
  print_kernel(kernel);
  fprintf(stderr, " stays f32: %s'%.*s'", s->recheck ? "in the half type " : "",
          (int)n.length, n.data);
  if (mlirLocationIsAName(l)) {
    MlirStringRef s = mlirIdentifierStr(mlirLocationNameGetName(l));
    fprintf(stderr, " at %.*s", (int)s.length, s.data);
  }
  fputc(' ', stderr);
  print_range(r, false);
  fputc('\n', stderr);
}

static void remark_arg(MlirOperation kernel, MlirOperation call, intptr_t i,
                       vrange r) {
  print_where(mlirOperationGetLocation(call));
  fputs("remark: mly-f16: ", stderr);
  print_kernel(kernel);
  fprintf(stderr, " stays f32: argument %ld ", (long)i);
  print_range(r, mlirValueIsABlockArgument(mlirOperationGetOperand(call, i)));
  fputc('\n', stderr);
}

/* ---- the decision ----------------------------------------------------- */

/* Before the rewrite: within the margin. After it (recheck, ranges
 * proven for the half type's evaluation): finite. */
static bool fits(const state *s, vrange r) {
  double limit = s->recheck ? INFINITY : s->limit;
  return r.known && !r.nan && isfinite(r.lo) && isfinite(r.hi) &&
         fabs(r.lo) <= limit && fabs(r.hi) <= limit;
}

/* The values a check looks at: f32 ones before the rewrite, half ones
 * after it. */
static bool watched(const state *s, MlirType t) {
  return s->recheck
             ? mlirTypeIsARankedTensor(t) &&
                   mlirTypeEqual(mlirShapedTypeGetElementType(t), s->half)
             : is_f32_tensor(t);
}

/* The values of one kernel already found out of range, so that remarks
 * name the ops where trouble starts, not every op it flows into. */
typedef struct badset {
  const void **p;
  size_t n, cap;
  int downstream; /* ops out of range only through a bad operand */
} badset;

static void bad_add(state *s, badset *b, MlirValue v) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 32;
    const void **p = realloc(b->p, cap * sizeof *p);
    if (!p) {
      s->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  b->p[b->n++] = v.ptr;
}

static bool bad_has(const badset *b, MlirValue v) {
  for (size_t i = 0; i < b->n; ++i)
    if (b->p[i] == v.ptr)
      return true;
  return false;
}

/* Checks the f32 results of op; a remark names op when it is out of range
 * while none of its operands is. *any is set when op has an f32 result. */
static bool check_results(state *s, badset *b, MlirOperation kernel,
                          MlirOperation op, bool *any) {
  bool ok = true, fed = false;
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    fed |= bad_has(b, mlirOperationGetOperand(op, i));
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i) {
    MlirValue v = mlirOperationGetResult(op, i);
    if (!watched(s, mlirValueGetType(v)))
      continue;
    *any = true;
    vrange r = result_range(op, i);
    if (fits(s, r))
      continue;
    if (ok && !fed) /* one remark per op */
      remark_op(s, kernel, op, r);
    if (ok && fed)
      b->downstream++;
    ok = false;
    bad_add(s, b, v);
  }
  return ok;
}

/* Checks operand i of call/op as a kernel input. */
static bool check_input(state *s, MlirOperation kernel, MlirOperation user,
                        intptr_t i, bool *any) {
  MlirValue v = mlirOperationGetOperand(user, i);
  if (!is_f32_tensor(mlirValueGetType(v)))
    return true;
  *any = true;
  vrange r = value_range(v);
  if (fits(s, r))
    return true;
  s->arg_bad = true;
  if (!s->quiet)
    remark_arg(kernel, user, i, r);
  return false;
}

/* Whether fused function fn may compute in the half type, given its
 * calls in the public functions pubs[0..n). *any: it has f32 values. */
static bool fused_safe(state *s, MlirOperation fn, MlirOperation *pubs,
                       size_t n, bool *any) {
  bool ok = true;
  badset b = {NULL, 0, 0, 0};
  MlirStringRef name = func_name(fn);
  MlirBlock e = entry_block(fn);
  for (size_t p = 0; p < n; ++p)
    for (MlirOperation op = mlirBlockGetFirstOperation(entry_block(pubs[p]));
         !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
      MlirAttribute c = attr(op, "callee");
      if (!op_is(op, "func.call") || mlirAttributeIsNull(c) ||
          !mlirAttributeIsAFlatSymbolRef(c) ||
          !mlirStringRefEqual(mlirFlatSymbolRefAttrGetValue(c), name))
        continue;
      for (intptr_t i = 0, k = mlirOperationGetNumOperands(op); i < k; ++i)
        if (!check_input(s, fn, op, i, any)) {
          ok = false;
          if (i < mlirBlockGetNumArguments(e))
            bad_add(s, &b, mlirBlockGetArgument(e, i));
        }
    }
  for (MlirOperation op = mlirBlockGetFirstOperation(e);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (op_is(op, "func.return"))
      continue;
    if (!mlyOpIsMly(op)) {
      ok = false;
      if (s->quiet)
        continue;
      print_where(mlirOperationGetLocation(op));
      fputs("remark: mly-f16: ", stderr);
      print_kernel(fn);
      MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
      fprintf(stderr, " stays f32: '%.*s' is not an mly op\n", (int)n.length,
              n.data);
      ok = false;
      continue;
    }
    ok &= check_results(s, &b, fn, op, any);
  }
  if (b.downstream && !s->quiet) {
    print_where(mlirOperationGetLocation(fn));
    fputs("remark: mly-f16: ", stderr);
    print_kernel(fn);
    fprintf(stderr, " stays f32: and %d op%s out of range through those\n",
            b.downstream, b.downstream == 1 ? "" : "s");
  }
  free(b.p);
  return ok;
}

/* ---- the rewrite ------------------------------------------------------ */

static MlirType half_of(const state *s, MlirType t) {
  return mlyTypeWithElt(t, s->half);
}

static MlirOperation next_op(MlirOperation op) {
  return mlirOperationGetNextInBlock(op);
}

/* A cast of v to elt inserted before `before`. */
static MlirValue cast_before(MlirOperation before, MlirValue v, MlirType elt) {
  MlyBuilder b = mlyBuilderBefore(before);
  return mlyBuildCast(&b, v, elt);
}

/* Makes the users of op's result i (but the cast itself) read a cast of
 * it to elt placed right after op. */
static void cast_after(MlirOperation op, intptr_t i, MlirType elt) {
  MlirValue r = mlirOperationGetResult(op, i);
  MlirValue c = cast_before(next_op(op), r, elt);
  MlirOperation owner = mlirOpResultGetOwner(c);
  mlirValueReplaceAllUsesExcept(r, c, 1, &owner);
}

/* A splat float constant rebuilt in the half type; false when op is not
 * one. */
static bool rebuild_splat(const state *s, MlirOperation op) {
  MlirAttribute v = attr(op, "value");
  if (mlirAttributeIsNull(v) || !mlirAttributeIsADenseElements(v) ||
      !mlirDenseElementsAttrIsSplat(v))
    return false;
  MlirAttribute e = mlirDenseElementsAttrGetSplatValue(v);
  if (!mlirAttributeIsAFloat(e))
    return false;
  MlirValue old = mlirOperationGetResult(op, 0);
  MlyBuilder b = mlyBuilderBefore(op);
  MlirValue nv = mlyBuildSplat(&b, half_of(s, mlirValueGetType(old)),
                               mlirFloatAttrGetValueDouble(e));
  mlirValueReplaceAllUsesOfWith(old, nv);
  mlirOperationDestroy(op);
  return true;
}

static void rewrite_fused(const state *s, MlirOperation fn) {
  MlirBlock e = entry_block(fn);
  MlirOperation first = mlirBlockGetFirstOperation(e);
  intptr_t n_args = mlirBlockGetNumArguments(e);
  /* arguments: cast on entry */
  for (intptr_t i = 0; i < n_args; ++i) {
    MlirValue a = mlirBlockGetArgument(e, i);
    if (!is_f32_tensor(mlirValueGetType(a)))
      continue;
    MlirValue c = cast_before(first, a, s->half);
    MlirOperation owner = mlirOpResultGetOwner(c);
    mlirValueReplaceAllUsesExcept(a, c, 1, &owner);
  }
  /* body: retype, constants and iotas cast */
  MlirOperation ret = mlirBlockGetTerminator(e);
  for (MlirOperation op = first, nx; !mlirOperationIsNull(op); op = nx) {
    nx = next_op(op);
    if (op_is(op, "func.return") || !mlyOpIsMly(op))
      continue;
    bool source = op_is(op, "mly.constant") || op_is(op, "mly.iota");
    bool entry_cast =
        op_is(op, "mly.cast") &&
        mlirValueIsABlockArgument(mlirOperationGetOperand(op, 0)) &&
        mlirTypeEqual(
            mlyTypeElt(mlirValueGetType(mlirOperationGetResult(op, 0))),
            s->half);
    if (entry_cast)
      continue;
    if (source) {
      if (!is_f32_tensor(mlirValueGetType(mlirOperationGetResult(op, 0))))
        continue;
      if (!(op_is(op, "mly.constant") && rebuild_splat(s, op)))
        cast_after(op, 0, s->half); /* lands before nx: not visited */
      continue;
    }
    for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i) {
      MlirValue r = mlirOperationGetResult(op, i);
      if (is_f32_tensor(mlirValueGetType(r)))
        mlirValueSetType(r, half_of(s, mlirValueGetType(r)));
    }
  }
  /* results: back to f32 (an argument passed through is returned as is) */
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(ret); i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(ret, i);
    MlirType t = mlirValueGetType(v);
    if (!mlirTypeIsARankedTensor(t) || !mlirTypeEqual(mlyTypeElt(t), s->half))
      continue;
    MlirOperation d = mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v)
                                              : (MlirOperation){NULL};
    if (!mlirOperationIsNull(d) && op_is(d, "mly.cast") &&
        mlirValueIsABlockArgument(mlirOperationGetOperand(d, 0)) &&
        is_f32_tensor(mlirValueGetType(mlirOperationGetOperand(d, 0))))
      mlirOperationSetOperand(ret, i, mlirOperationGetOperand(d, 0));
    else
      mlirOperationSetOperand(ret, i, cast_before(ret, v, mlyF32(s->ctx)));
  }
}

static void rewrite_op(const state *s, MlirOperation op) {
  intptr_t n_in = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n_in; ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (!is_f32_tensor(mlirValueGetType(v)))
      continue;
    MlirValue c = cast_before(op, v, s->half);
    for (intptr_t j = i; j < n_in; ++j) /* one cast per distinct operand */
      if (mlirValueEqual(mlirOperationGetOperand(op, j), v))
        mlirOperationSetOperand(op, j, c);
  }
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i) {
    MlirValue r = mlirOperationGetResult(op, i);
    if (!is_f32_tensor(mlirValueGetType(r)))
      continue;
    mlirValueSetType(r, half_of(s, mlirValueGetType(r)));
    cast_after(op, i, mlyF32(s->ctx));
  }
}

/* ---- the pass --------------------------------------------------------- */

static void mark(const state *s, MlirOperation k, bool half) {
  mlirOperationSetDiscardableAttributeByName(
      k, mlirStringRefCreateFromCString("mly.precision"),
      mlirStringAttrGet(
          s->ctx, mlirStringRefCreateFromCString(half ? s->half_name : "f32")));
}

/* The kernels of a module, in a fixed order (fused functions in module
 * order, then the compute ops of public functions in program order), so
 * that a clone lists its kernels in the same order. */
typedef struct kernels {
  MlirOperation *pubs, *k;
  size_t n_pub, n;
  bool oom;
} kernels;

static void push(kernels *ks, MlirOperation **arr, size_t *n,
                 MlirOperation op) {
  MlirOperation *p = realloc(*arr, (*n + 1) * sizeof *p);
  if (!p) {
    ks->oom = true;
    return;
  }
  *arr = p;
  p[(*n)++] = op;
}

static kernels collect(MlirOperation root) {
  kernels ks = {NULL, NULL, 0, 0, false};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(root, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = next_op(op)) {
    if (!op_is(op, "func.func") || mlirBlockIsNull(entry_block(op)))
      continue;
    if (is_fused(op))
      push(&ks, &ks.k, &ks.n, op);
    else if (is_public(op))
      push(&ks, &ks.pubs, &ks.n_pub, op);
  }
  for (size_t p = 0; p < ks.n_pub; ++p)
    for (MlirOperation op = mlirBlockGetFirstOperation(entry_block(ks.pubs[p]));
         !mlirOperationIsNull(op); op = next_op(op))
      if (is_compute(op))
        push(&ks, &ks.k, &ks.n, op);
  return ks;
}

static void kernels_free(kernels *ks) {
  free(ks->pubs);
  free(ks->k);
}

/* Whether kernel k may compute in the half type (before the rewrite) or
 * keeps finite, NaN-free ranges in it (recheck, after the rewrite).
 * *any: it has values of the watched type. Remarks name what fails. */
static bool kernel_safe(state *s, const kernels *ks, MlirOperation k,
                        bool *any) {
  if (op_is(k, "func.func"))
    return fused_safe(s, k, ks->pubs, ks->n_pub, any);
  bool ok = true;
  badset b = {NULL, 0, 0, 0};
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(k); i < n; ++i) {
    MlirValue v = mlirOperationGetOperand(k, i);
    if (!s->recheck)
      ok &= check_input(s, k, k, i, any);
    else if (mlirValueIsAOpResult(v) && /* the casts before it */
             !check_results(s, &b, k, mlirOpResultGetOwner(v), any))
      ok = false, s->arg_bad = true;
  }
  bool quiet = s->quiet;
  s->quiet |= !ok; /* its results fail through its inputs */
  ok &= check_results(s, &b, k, k, any);
  s->quiet = quiet;
  free(b.p);
  return ok;
}

static void rewrite(const state *s, MlirOperation k) {
  if (op_is(k, "func.func"))
    rewrite_fused(s, k);
  else
    rewrite_op(s, k);
}

/* Rewrites the kernels marked half in a clone of root, runs mly-bounds'
 * analysis on it and takes back (in half[]) every kernel whose half
 * values are not proven finite and NaN-free. Returns whether one was. */
static bool recheck(state *s, MlirOperation root, size_t n, bool *half) {
  bool changed = false;
  MlirOperation clone = mlirOperationClone(root);
  kernels ks = collect(clone);
  if (ks.oom || ks.n != n) {
    s->oom |= ks.oom;
    goto out;
  }
  for (size_t i = 0; i < n; ++i)
    if (half[i])
      rewrite(s, ks.k[i]);
  mlyBoundsAnnotate(clone);
  /* A kernel may fail only through its inputs, because a kernel before it
   * fails in the half type: take back the kernels that fail by
   * themselves first, and the others only when there are none. */
  s->recheck = true;
  s->quiet = true;
  char *fail = calloc(n + 1, 1); /* 1: by itself, 2: through inputs */
  bool own = false;
  if (!fail) {
    s->oom = true;
    goto out_check;
  }
  for (size_t i = 0; i < n; ++i) {
    bool any = false;
    s->arg_bad = false;
    if (half[i] && !kernel_safe(s, &ks, ks.k[i], &any))
      fail[i] = s->arg_bad ? 2 : 1;
    own |= fail[i] == 1;
  }
  s->quiet = false;
  for (size_t i = 0; i < n; ++i)
    if (fail[i] == 1 || (fail[i] == 2 && !own)) {
      bool any = false;
      kernel_safe(s, &ks, ks.k[i], &any); /* for its remarks */
      half[i] = false;
      changed = true;
      s->n_undone++;
    }
  free(fail);
out_check:
  s->recheck = false;
out:
  kernels_free(&ks);
  mlirOperationDestroy(clone);
  return changed;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  state s = {.ctx = mlirOperationGetContext(root)};
  s.half = use_bf16 ? mlirBF16TypeGet(s.ctx) : mlirF16TypeGet(s.ctx);
  s.half_name = use_bf16 ? "bf16" : "f16";
  s.limit = (use_bf16 ? ldexp(255.0, 120) : 65504.0) / 4;
  kernels ks = collect(root);
  bool *half = calloc(ks.n + 1, sizeof *half);
  bool *any = calloc(ks.n + 1, sizeof *any);
  if (ks.oom || !half || !any)
    goto out_oom;
  for (size_t i = 0; i < ks.n; ++i)
    half[i] = kernel_safe(&s, &ks, ks.k[i], &any[i]) && any[i];
  /* each round takes back at least one kernel, so this ends */
  while (!s.oom && recheck(&s, root, ks.n, half))
    ;
  if (s.oom)
    goto out_oom;
  for (size_t i = 0; i < ks.n; ++i) {
    if (!any[i]) {
      s.n_none++;
      continue;
    }
    if (half[i])
      rewrite(&s, ks.k[i]);
    mark(&s, ks.k[i], half[i]);
    half[i] ? s.n_half++ : s.n_f32++;
  }
  mlyBoundsAnnotate(root); /* ranges of the module as it now computes */
  fprintf(stderr,
          "remark: mly-f16: %d kernel%s %s, %d kernel%s f32 (%d of them "
          "taken back by the check in %s), %d without f32 values\n",
          s.n_half, s.n_half == 1 ? "" : "s", s.half_name, s.n_f32,
          s.n_f32 == 1 ? "" : "s", s.n_undone, s.half_name, s.n_none);
  goto out;
out_oom:
  mlirEmitError(mlirOperationGetLocation(root), "mly-f16: out of memory");
  mlirExternalPassSignalFailure(pass);
out:
  free(half);
  free(any);
  kernels_free(&ks);
}

MlirPass mlyCreateF16Pass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyF16", "mly-f16",
      "Compute kernels proven safe by mly-bounds in f16 (or bf16)", run);
}
