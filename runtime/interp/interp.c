/* The reference interpreter's driver: walks a function, keeps the value ->
 * tensor map, frees each tensor after its last use, dispatches ops. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "runtime/interp/interp_util.h"
#include "runtime/interp/mly_interp.h"

/* ---- helpers shared with the op implementations ---- */

bool mlyInterpFail(MlyInterpOp *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(o->op, fmt, ap);
  va_end(ap);
  return false;
}

const MlyTensor *mlyInterpGroup(MlyInterpOp *o, int group, int n_groups) {
  intptr_t at = mlyOpOperandGroupIndex(o->op, group, n_groups);
  return at < 0 || at >= o->n_in ? NULL : o->in[at];
}

bool mlyInterpI64(MlyInterpOp *o, const char *name, int64_t *out) {
  return mlyOpGetI64(o->op, name, out) ||
         mlyInterpFail(o, "requires integer attribute '%s'", name);
}
bool mlyInterpF64(MlyInterpOp *o, const char *name, double *out) {
  return mlyOpGetF64(o->op, name, out) ||
         mlyInterpFail(o, "requires number attribute '%s'", name);
}
bool mlyInterpBool(MlyInterpOp *o, const char *name, bool *out) {
  return mlyOpGetBool(o->op, name, out) ||
         mlyInterpFail(o, "requires bool attribute '%s'", name);
}
bool mlyInterpI64Array(MlyInterpOp *o, const char *name, int64_t *out,
                       int64_t *n) {
  return mlyOpGetI64Array(o->op, name, out, MLY_TENSOR_MAX_RANK, n) ||
         mlyInterpFail(o, "requires array<i64> attribute '%s'", name);
}

int64_t mlyInterpDim(int64_t dim, int64_t rank) {
  int64_t r = rank ? rank : 1;
  return dim < 0 ? dim + r : dim;
}

void mlyBcastInit(MlyBcast *b, const MlyTensor *in, const MlyTensor *out) {
  int64_t st[MLY_TENSOR_MAX_RANK];
  mlyStrides(in->dims, in->rank, st);
  b->rank = out->rank;
  for (int64_t i = 0; i < out->rank; ++i) {
    int64_t j = i - (out->rank - in->rank);
    b->dims[i] = out->dims[i];
    b->strides[i] = j < 0 || in->dims[j] == 1 ? 0 : st[j];
  }
}

size_t mlyBcastAt(const MlyBcast *b, const int64_t *idx) {
  size_t at = 0;
  for (int64_t i = 0; i < b->rank; ++i)
    at += (size_t)(idx[i] * b->strides[i]);
  return at;
}

void mlyIndexNext(int64_t *idx, const int64_t *dims, int64_t rank) {
  for (int64_t i = rank - 1; i >= 0; --i) {
    if (++idx[i] < dims[i])
      return;
    idx[i] = 0;
  }
}

void mlyStrides(const int64_t *dims, int64_t rank, int64_t *strides) {
  int64_t s = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    strides[i] = s;
    s *= dims[i];
  }
}

void mlyInterpMap(MlyInterpOp *o, int n_inputs, bool float_domain, MlyMapF f,
                  MlyMapI fi, const void *user) {
  MlyTensor *out = &o->out[0];
  MlyBcast b[3];
  for (int k = 0; k < n_inputs; ++k)
    mlyBcastInit(&b[k], o->in[k], out);
  int64_t idx[MLY_TENSOR_MAX_RANK] = {0};
  size_t n = mlyTensorNumElements(out);
  for (size_t e = 0; e < n; ++e) {
    if (float_domain) {
      double x[3];
      for (int k = 0; k < n_inputs; ++k)
        x[k] = mlyTensorLoadF64(o->in[k], mlyBcastAt(&b[k], idx));
      mlyTensorStoreF64(out, e, f(x, user));
    } else {
      int64_t x[3];
      for (int k = 0; k < n_inputs; ++k)
        x[k] = mlyTensorLoadI64(o->in[k], mlyBcastAt(&b[k], idx));
      mlyTensorStoreI64(out, e, fi(x, user));
    }
    mlyIndexNext(idx, out->dims, out->rank);
  }
}

bool mlyDTypeFromType(MlirType t, MlyDType *out) {
  if (mlirTypeIsAF32(t))
    *out = MLY_DTYPE_F32;
  else if (mlirTypeIsAF16(t))
    *out = MLY_DTYPE_F16;
  else if (mlirTypeIsABF16(t))
    *out = MLY_DTYPE_BF16;
  else if (mlirTypeIsAInteger(t)) {
    unsigned w = mlirIntegerTypeGetWidth(t);
    bool u = mlirIntegerTypeIsUnsigned(t);
    if (w == 1)
      *out = MLY_DTYPE_BOOL;
    else if (w == 8)
      *out = u ? MLY_DTYPE_U8 : MLY_DTYPE_I8;
    else if (w == 32 && !u)
      *out = MLY_DTYPE_I32;
    else if (w == 64 && !u)
      *out = MLY_DTYPE_I64;
    else
      return false;
  } else
    return false;
  return true;
}

/* ---- the value map ---- */

typedef struct slot {
  const void *key; /* MlirValue.ptr */
  MlyTensor t;
  intptr_t uses_left;
  bool borrowed; /* a caller's argument: never freed here */
} slot;

typedef struct frame {
  slot *slots;
  size_t cap, n;
} frame;

static size_t hash_ptr(const void *p, size_t cap) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x & (cap - 1);
}

static slot *frame_find(frame *f, MlirValue v) {
  if (!f->cap)
    return NULL;
  for (size_t j = hash_ptr(v.ptr, f->cap);; j = (j + 1) & (f->cap - 1)) {
    if (!f->slots[j].key)
      return NULL;
    if (f->slots[j].key == v.ptr)
      return &f->slots[j];
  }
}

static bool frame_grow(frame *f) {
  size_t cap = f->cap ? 2 * f->cap : 256;
  slot *s = calloc(cap, sizeof *s);
  if (!s)
    return false;
  for (size_t i = 0; i < f->cap; ++i) {
    if (!f->slots[i].key)
      continue;
    size_t j = hash_ptr(f->slots[i].key, cap);
    while (s[j].key)
      j = (j + 1) & (cap - 1);
    s[j] = f->slots[i];
  }
  free(f->slots);
  f->slots = s;
  f->cap = cap;
  return true;
}

static intptr_t count_uses(MlirValue v) {
  intptr_t n = 0;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
       u = mlirOpOperandGetNextUse(u))
    ++n;
  return n;
}

/* Binds v to t (ownership moves in unless borrowed). Values without uses
 * are freed at once. */
static bool frame_bind(frame *f, MlirValue v, MlyTensor *t, bool borrowed) {
  intptr_t uses = count_uses(v);
  if (!uses) {
    if (!borrowed)
      mlyTensorFree(t);
    return true;
  }
  if (2 * (f->n + 1) > f->cap && !frame_grow(f))
    return false;
  size_t j = hash_ptr(v.ptr, f->cap);
  while (f->slots[j].key)
    j = (j + 1) & (f->cap - 1);
  f->slots[j] = (slot){v.ptr, *t, uses, borrowed};
  f->n++;
  return true;
}

/* One use of a slot consumed: frees the tensor after its last use. Slots
 * stay in the table (keys are never removed) with data cleared. */
static void frame_release(slot *s) {
  if (--s->uses_left == 0 && !s->borrowed)
    mlyTensorFree(&s->t);
}

static void frame_destroy(frame *f) {
  for (size_t i = 0; i < f->cap; ++i)
    if (f->slots[i].key && !f->slots[i].borrowed)
      mlyTensorFree(&f->slots[i].t);
  free(f->slots);
}

/* ---- running functions ---- */

typedef struct interp {
  MlirModule module;
  int depth;
} interp;

static bool run_func(interp *in, MlirOperation func, const MlyTensor *args,
                     intptr_t n_args, MlyTensor **results,
                     intptr_t *n_results);

static bool tensor_of_type(MlirOperation op, MlirType t, MlyTensor *out,
                           const char *what) {
  MlyDType dt;
  if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t) ||
      !mlyDTypeFromType(mlirShapedTypeGetElementType(t), &dt)) {
    char msg[128];
    snprintf(msg, sizeof msg, "interpreter: %s is not a static tensor of a supported dtype", what);
    mlirEmitError(mlirOperationGetLocation(op), msg);
    return false;
  }
  int64_t rank = mlirShapedTypeGetRank(t), dims[MLY_TENSOR_MAX_RANK];
  if (rank > MLY_TENSOR_MAX_RANK) {
    mlirEmitError(mlirOperationGetLocation(op), "interpreter: rank too large");
    return false;
  }
  for (int64_t i = 0; i < rank; ++i)
    dims[i] = mlirShapedTypeGetDimSize(t, i);
  if (mlyTensorAlloc(out, dt, rank, dims)) {
    mlirEmitError(mlirOperationGetLocation(op),
                  "interpreter: cannot allocate a result tensor");
    return false;
  }
  return true;
}

/* Dense constants (arith.constant, mly.constant): element by element. */
static bool load_dense(MlirOperation op, MlirAttribute a, MlyTensor *t) {
  if (!mlirAttributeIsADenseElements(a)) {
    mlirEmitError(mlirOperationGetLocation(op),
                  "interpreter: only dense constants are supported");
    return false;
  }
  bool splat = mlirDenseElementsAttrIsSplat(a);
  size_t n = mlyTensorNumElements(t), es = mlyDTypeSize(t->dtype);
  const unsigned char *raw = mlirDenseElementsAttrGetRawData(a);
  for (size_t i = 0; i < n; ++i) {
    intptr_t at = splat ? 0 : (intptr_t)i;
    if (t->dtype == MLY_DTYPE_BOOL)
      ((unsigned char *)t->data)[i] =
          splat ? mlirDenseElementsAttrGetBoolSplatValue(a)
                : mlirDenseElementsAttrGetBoolValue(a, at);
    else
      memcpy((unsigned char *)t->data + i * es, raw + (size_t)at * es, es);
  }
  return true;
}

static MlirOperation lookup_func(interp *in, MlirStringRef name) {
  MlirBlock body = mlirModuleGetBody(in->module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute sym = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("sym_name"));
    if (!mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) &&
        mlirStringRefEqual(mlirStringAttrGetValue(sym), name))
      return op;
  }
  return (MlirOperation){NULL};
}

static MlyInterpFn find_rule(const MlyInterpRule *rules, const char *name) {
  for (const MlyInterpRule *r = rules; r->name; ++r)
    if (!strcmp(r->name, name))
      return r->fn;
  return NULL;
}

#define MAX_OPERANDS 16

/* Executes one op of a function body. */
static bool run_op(interp *in, frame *f, MlirOperation op, bool *returned,
                   MlyTensor **results, intptr_t *n_results) {
  MlirStringRef sname = mlirIdentifierStr(mlirOperationGetName(op));
  char name[96];
  snprintf(name, sizeof name, "%.*s", (int)sname.length, sname.data);
  intptr_t n_in = mlirOperationGetNumOperands(op);
  intptr_t n_out = mlirOperationGetNumResults(op);
  const MlyTensor *ins[MAX_OPERANDS]; /* valid until results are bound */
  MlyTensor outs[8];
  bool ok = false;
  memset(outs, 0, sizeof outs);
  if (n_in < 0 || n_out < 0 || n_in > MAX_OPERANDS || n_out > 8) {
    mlirEmitError(mlirOperationGetLocation(op), "interpreter: too many operands or results");
    return false;
  }
  for (intptr_t i = 0; i < n_in; ++i) {
    slot *s = frame_find(f, mlirOperationGetOperand(op, i));
    if (!s || !s->t.data) {
      mlirEmitError(mlirOperationGetLocation(op), "interpreter: operand has no value");
      return false;
    }
    ins[i] = &s->t;
  }
  if (!strcmp(name, "func.return")) {
    MlyTensor *r = calloc(n_in > 0 ? (size_t)n_in : 1, sizeof *r);
    if (!r)
      goto out;
    for (intptr_t i = 0; i < n_in; ++i) {
      if (mlyTensorAlloc(&r[i], ins[i]->dtype, ins[i]->rank, ins[i]->dims)) {
        while (i--)
          mlyTensorFree(&r[i]);
        free(r);
        goto out;
      }
      memcpy(r[i].data, ins[i]->data, ins[i]->nbytes);
    }
    *results = r;
    *n_results = n_in;
    *returned = true;
    ok = true;
    goto out;
  }
  if (!strcmp(name, "func.call")) {
    MlirAttribute callee = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("callee"));
    MlirOperation fn = mlirAttributeIsNull(callee)
                           ? (MlirOperation){NULL}
                           : lookup_func(in, mlirFlatSymbolRefAttrGetValue(callee));
    if (mlirOperationIsNull(fn)) {
      mlirEmitError(mlirOperationGetLocation(op), "interpreter: call to an unknown function");
      goto out;
    }
    MlyTensor args[MAX_OPERANDS], *res = NULL;
    intptr_t n_res = 0;
    for (intptr_t i = 0; i < n_in; ++i)
      args[i] = *ins[i];
    if (!run_func(in, fn, args, n_in, &res, &n_res))
      goto out;
    ok = n_res == n_out;
    for (intptr_t i = 0; i < n_res; ++i) {
      if (ok && !frame_bind(f, mlirOperationGetResult(op, i), &res[i], false))
        ok = false;
      if (!ok)
        mlyTensorFree(&res[i]);
    }
    free(res);
    goto out;
  }
  for (intptr_t i = 0; i < n_out; ++i) {
    char what[32];
    snprintf(what, sizeof what, "result #%" PRIdPTR, i);
    if (!tensor_of_type(op, mlirValueGetType(mlirOperationGetResult(op, i)),
                        &outs[i], what))
      goto out_outs;
  }
  if (!strcmp(name, "arith.constant") || !strcmp(name, "mly.constant")) {
    MlirAttribute v = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("value"));
    if (mlirAttributeIsNull(v) || !load_dense(op, v, &outs[0]))
      goto out_outs;
  } else {
    MlyInterpFn fn = NULL;
    if (mlyOpIsAten(op)) {
      static const MlyInterpRule *const tables[] = {
          mlyInterpAtenRules, mlyInterpAtenShapeRules, mlyInterpAtenNNRules};
      for (size_t t = 0; t < 3 && !fn; ++t)
        fn = find_rule(tables[t], name + 5);
    } else if (mlyOpIsMly(op))
      fn = find_rule(mlyInterpMlyRules, name + 4);
    if (!fn) {
      char msg[160];
      snprintf(msg, sizeof msg, "interpreter: '%s' is not supported", name);
      mlirEmitError(mlirOperationGetLocation(op), msg);
      goto out_outs;
    }
    MlyInterpOp o = {op, name, ins, n_in, outs, n_out};
    if (!fn(&o))
      goto out_outs;
  }
  for (intptr_t i = 0; i < n_out; ++i) {
    if (!frame_bind(f, mlirOperationGetResult(op, i), &outs[i], false))
      goto out_outs;
    memset(&outs[i], 0, sizeof outs[i]);
  }
  ok = true;
out_outs:
  for (intptr_t i = 0; i < n_out; ++i)
    mlyTensorFree(&outs[i]);
out:
  /* Look slots up again: binding results may have grown the table. */
  if (ok)
    for (intptr_t i = 0; i < n_in; ++i)
      frame_release(frame_find(f, mlirOperationGetOperand(op, i)));
  return ok;
}

static bool run_func(interp *in, MlirOperation func, const MlyTensor *args,
                     intptr_t n_args, MlyTensor **results,
                     intptr_t *n_results) {
  if (++in->depth > 64) {
    mlirEmitError(mlirOperationGetLocation(func), "interpreter: calls nest deeper than 64");
    --in->depth;
    return false;
  }
  frame f = {0};
  bool ok = false, returned = false;
  MlirRegion body = mlirOperationGetRegion(func, 0);
  MlirBlock entry = mlirRegionGetFirstBlock(body);
  if (mlirBlockIsNull(entry) || mlirBlockGetNumArguments(entry) != n_args) {
    mlirEmitError(mlirOperationGetLocation(func),
                  "interpreter: wrong number of arguments for the function");
    goto out;
  }
  for (intptr_t i = 0; i < n_args; ++i) {
    MlirValue a = mlirBlockGetArgument(entry, i);
    MlyTensor want;
    memset(&want, 0, sizeof want);
    char what[48];
    snprintf(what, sizeof what, "argument #%" PRIdPTR, i);
    if (!tensor_of_type(func, mlirValueGetType(a), &want, what))
      goto out;
    bool same = want.dtype == args[i].dtype && want.rank == args[i].rank &&
                !memcmp(want.dims, args[i].dims, (size_t)want.rank * sizeof *want.dims);
    mlyTensorFree(&want);
    if (!same) {
      char msg[160];
      snprintf(msg, sizeof msg, "interpreter: argument #%" PRIdPTR
               " does not match the function's argument type", i);
      mlirEmitError(mlirOperationGetLocation(func), msg);
      goto out;
    }
    MlyTensor t = args[i];
    if (!frame_bind(&f, a, &t, true))
      goto out;
  }
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(entry))) {
    mlirEmitError(mlirOperationGetLocation(func),
                  "interpreter: functions with several blocks are not supported");
    goto out;
  }
  for (MlirOperation op = mlirBlockGetFirstOperation(entry);
       !mlirOperationIsNull(op) && !returned; op = mlirOperationGetNextInBlock(op))
    if (!run_op(in, &f, op, &returned, results, n_results))
      goto out;
  ok = returned;
out:
  frame_destroy(&f);
  --in->depth;
  return ok;
}

MlirLogicalResult mlyInterpRun(MlirModule module, const char *entry,
                               const MlyTensor *args, intptr_t n_args,
                               MlyTensor **results, intptr_t *n_results) {
  interp in = {module, 0};
  *results = NULL;
  *n_results = 0;
  MlirOperation fn = lookup_func(&in, mlirStringRefCreateFromCString(entry));
  if (mlirOperationIsNull(fn)) {
    char msg[160];
    snprintf(msg, sizeof msg, "interpreter: no function named '%s'", entry);
    mlirEmitError(mlirOperationGetLocation(mlirModuleGetOperation(module)), msg);
    return mlirLogicalResultFailure();
  }
  return run_func(&in, fn, args, n_args, results, n_results)
             ? mlirLogicalResultSuccess()
             : mlirLogicalResultFailure();
}
