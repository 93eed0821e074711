/* The mly-to-linalg pass: for each mly op, writes a template function
 * (emit.h), parses it, moves its ops before the mly op, replaces the op's
 * result and erases it. mly.constant becomes arith.constant directly. */
#include "conversions/mly_to_linalg/mly_to_linalg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/mly_to_linalg/emit.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/pass_util.h"

/* ---- text ---- */

static void vappend(MlyEmit *e, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0 || e->oom)
    goto out;
  if (e->len + (size_t)n + 1 > e->cap) {
    size_t cap = e->cap ? e->cap : 1024;
    while (cap < e->len + (size_t)n + 1)
      cap *= 2;
    char *p = realloc(e->buf, cap);
    if (!p) {
      e->oom = true;
      goto out;
    }
    e->buf = p;
    e->cap = cap;
  }
  vsnprintf(e->buf + e->len, (size_t)n + 1, fmt, ap);
  e->len += (size_t)n;
out:
  return;
}

void mlyEmitF(MlyEmit *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vappend(e, fmt, ap);
  va_end(ap);
}

static const char *keep(MlyEmit *e, char *s) {
  if (s && e->n_strs == e->cap_strs) {
    int cap = e->cap_strs ? 2 * e->cap_strs : 64;
    char **p = realloc(e->strs, (size_t)cap * sizeof *p);
    if (p) {
      e->strs = p;
      e->cap_strs = cap;
    }
  }
  if (!s || e->n_strs == e->cap_strs) {
    free(s);
    e->oom = true;
    return "";
  }
  e->strs[e->n_strs++] = s;
  return s;
}

void mlyEmitReset(MlyEmit *e) {
  free(e->buf);
  for (int i = 0; i < e->n_strs; ++i)
    free(e->strs[i]);
  free(e->strs);
  e->buf = NULL;
  e->strs = NULL;
  e->len = e->cap = 0;
  e->n_strs = e->cap_strs = 0;
}

const char *mlyEmitStr(MlyEmit *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = n < 0 ? NULL : malloc((size_t)n + 1);
  if (s) {
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  return keep(e, s);
}

typedef struct sbuf {
  char *p;
  size_t n;
  bool oom;
} sbuf;

static void sbuf_put(MlirStringRef s, void *user) {
  sbuf *b = user;
  char *p = b->oom ? NULL : realloc(b->p, b->n + s.length + 1);
  if (!p) {
    b->oom = true;
    return;
  }
  memcpy(p + b->n, s.data, s.length);
  b->n += s.length;
  p[b->n] = 0;
  b->p = p;
}

const char *mlyEmitType(MlyEmit *e, MlirType t) {
  sbuf b = {NULL, 0, false};
  mlirTypePrint(t, sbuf_put, &b);
  if (b.oom) {
    free(b.p);
    b.p = NULL;
  }
  return keep(e, b.p);
}

int mlyEmitFresh(MlyEmit *e) { return e->next++; }

bool mlyEmitFail(MlyEmit *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(e->op, fmt, ap);
  va_end(ap);
  return false;
}

MlirType mlyEmitOperandType(MlyEmit *e, intptr_t i) {
  return mlirValueGetType(mlirOperationGetOperand(e->op, i));
}

MlirType mlyEmitResultType(MlyEmit *e) {
  return mlirValueGetType(mlirOperationGetResult(e->op, 0));
}

int mlyEltClass(MlirType elt) {
  if (mlirTypeIsAFloat(elt))
    return MLY_ELT_FLOAT;
  if (mlirTypeIsAInteger(elt))
    return mlirIntegerTypeGetWidth(elt) == 1 ? MLY_ELT_BOOL : MLY_ELT_INT;
  return MLY_ELT_OTHER;
}

unsigned mlyEltWidth(MlirType elt) {
  return mlirTypeIsAFloat(elt) ? mlirFloatTypeGetWidth(elt)
                               : mlirIntegerTypeGetWidth(elt);
}

/* ---- instantiating a template ---- */

static MlirWalkResult relocate(MlirOperation op, void *user) {
  MlirLocation loc = *(MlirLocation *)user;
  mlirOperationSetLocation(op, loc);
  for (intptr_t r = 0, nr = mlirOperationGetNumRegions(op); r < nr; ++r)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
         !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
      for (intptr_t a = 0, na = mlirBlockGetNumArguments(b); a < na; ++a)
        mlirBlockArgumentSetLocation(mlirBlockGetArgument(b, a), loc);
  return MlirWalkResultAdvance;
}

/* Parses `text` (a module holding one func.func whose arguments are op's
 * operands), moves the function's ops before `op`, and replaces op's
 * result by the returned value. */
static bool instantiate(MlirOperation op, const char *text) {
  MlirContext ctx = mlirOperationGetContext(op);
  MlirLocation loc = mlirOperationGetLocation(op);
  MlirModule m =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  bool ok = false;
  if (mlirModuleIsNull(m))
    goto out;
  MlirOperation fn = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(fn, 0));
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    mlirValueReplaceAllUsesOfWith(mlirBlockGetArgument(body, i),
                                  mlirOperationGetOperand(op, i));
  MlirOperation ret = mlirBlockGetTerminator(body);
  for (MlirOperation o = mlirBlockGetFirstOperation(body);
       !mlirOperationEqual(o, ret);) {
    MlirOperation next = mlirOperationGetNextInBlock(o);
    mlirOperationWalk(o, relocate, &loc, MlirWalkPreOrder);
    mlirOperationMoveBefore(o, op);
    o = next;
  }
  mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0),
                                mlirOperationGetOperand(ret, 0));
  mlirOperationDestroy(op);
  mlirModuleDestroy(m);
  ok = true;
out:
  return ok;
}

/* ---- the pass ---- */

/* arith.constant takes mly.constant's elements attribute as it is (dense,
 * splat or resource). */
static bool convert_constant(MlirOperation op) {
  MlirAttribute v = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  MlirValue res = mlirOperationGetResult(op, 0);
  if (mlirAttributeIsNull(v) || !mlirAttributeIsAElements(v) ||
      !mlirTypeEqual(mlirAttributeGetType(v), mlirValueGetType(res))) {
    MlyEmit e = {.op = op};
    return mlyEmitFail(&e, "'value' is not an elements attribute of the "
                           "result type");
  }
  MlirContext ctx = mlirOperationGetContext(op);
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString("arith.constant"),
                            mlirOperationGetLocation(op));
  MlirType t = mlirValueGetType(res);
  MlirNamedAttribute a = mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("value")), v);
  mlirOperationStateAddResults(&st, 1, &t);
  mlirOperationStateAddAttributes(&st, 1, &a);
  MlirOperation c = mlirOperationCreate(&st);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(op), op, c);
  mlirValueReplaceAllUsesOfWith(res, mlirOperationGetResult(c, 0));
  mlirOperationDestroy(op);
  return true;
}

static MlyEmitFn find_rule(const char *name) {
  static const MlyEmitRule *const tables[] = {mlyEmitElementwiseRules,
                                              mlyEmitStructuredRules};
  for (size_t t = 0; t < 2; ++t)
    for (const MlyEmitRule *r = tables[t]; r->name; ++r)
      if (!strcmp(r->name, name))
        return r->fn;
  return NULL;
}

static bool has_static_shape(MlirType t) {
  return mlirTypeIsARankedTensor(t) && mlirShapedTypeHasStaticShape(t) &&
         mlirShapedTypeGetRank(t) <= MLY_EMIT_MAX_RANK;
}

static bool convert_one(MlirOperation op) {
  MlirStringRef sname = mlirIdentifierStr(mlirOperationGetName(op));
  char name[96];
  snprintf(name, sizeof name, "%.*s", (int)sname.length, sname.data);
  MlyEmit e = {.op = op, .name = name + 4};
  bool ok = false;
  int result;
  intptr_t n = mlirOperationGetNumOperands(op);
  MlyEmitFn fn = find_rule(e.name);
  if (!strcmp(e.name, "constant"))
    return convert_constant(op);
  if (!fn) {
    mlyEmitFail(&e, "has no lowering to linalg");
    goto out;
  }
  if (mlirOperationGetNumResults(op) != 1) {
    mlyEmitFail(&e, "expected one result");
    goto out;
  }
  for (intptr_t i = 0; i <= n; ++i) {
    MlirType t = i < n ? mlyEmitOperandType(&e, i) : mlyEmitResultType(&e);
    if (!has_static_shape(t)) {
      mlyEmitFail(&e, "%s %s is not a statically shaped tensor of rank <= %d",
                  i < n ? "operand" : "result", mlyEmitType(&e, t),
                  MLY_EMIT_MAX_RANK);
      goto out;
    }
  }
  mlyEmitF(&e, "func.func @mly_to_linalg(");
  for (intptr_t i = 0; i < n; ++i)
    mlyEmitF(&e, "%s%%v%d: %s", i ? ", " : "", (int)i,
             mlyEmitType(&e, mlyEmitOperandType(&e, i)));
  const char *rt = mlyEmitType(&e, mlyEmitResultType(&e));
  mlyEmitF(&e, ") -> %s {\n", rt);
  e.next = (int)n;
  if (!fn(&e, &result))
    goto out;
  mlyEmitF(&e, "  return %%v%d : %s\n}\n", result, rt);
  if (e.oom) {
    mlyEmitFail(&e, "mly-to-linalg: out of memory");
    goto out;
  }
  if (!(ok = instantiate(op, e.buf)))
    mlyEmitFail(&e, "mly-to-linalg produced IR that does not parse:\n%s",
                e.buf);
out:
  mlyEmitReset(&e);
  return ok;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  MlyOpList l;
  bool ok = mlyCollectOps(root, mlyOpIsMly, &l);
  if (!ok)
    mlirEmitError(mlirOperationGetLocation(root),
                  "mly-to-linalg: out of memory");
  /* Operands are defined before users; each op is replaced in place, so
   * order does not matter beyond that. Report every failure. */
  for (size_t i = 0; i < l.n; ++i)
    if (!convert_one(l.ops[i]))
      ok = false;
  if (!ok)
    mlirExternalPassSignalFailure(pass);
  free(l.ops);
}

MlirPass mlyCreateMlyToLinalgPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyToLinalg", "mly-to-linalg",
                                "Convert mly ops to linalg/tensor/arith/math "
                                "on tensors",
                                run);
}
