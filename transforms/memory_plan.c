/* The intermediates of a host function and their live ranges (see
 * memory_plan.h). Positions are the ops' indices in the body's block. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/memory_plan.h"

static bool name_is(MlirOperation op, const char *name) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == strlen(name) && !memcmp(n.data, name, n.length);
}

bool mlyMemoryPlanCovers(MlirOperation op) {
  if (!name_is(op, "func.func"))
    return false;
  if (!mlirAttributeIsNull(mlirOperationGetAttributeByName(
          op, mlirStringRefCreateFromCString("mly.fused"))))
    return false;
  MlirRegion r = mlirOperationGetRegion(op, 0);
  return !mlirBlockIsNull(mlirRegionGetFirstBlock(r));
}

static void op_error(MlirOperation op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(op, fmt, ap);
  va_end(ap);
}

/* ---- op -> position (open addressing, sized once) ---- */
typedef struct posmap {
  const void **keys;
  int64_t *vals;
  size_t cap;
} posmap;

static bool posmap_init(posmap *m, size_t n) {
  m->cap = 16;
  while (m->cap < 2 * n + 2)
    m->cap *= 2;
  m->keys = calloc(m->cap, sizeof *m->keys);
  m->vals = calloc(m->cap, sizeof *m->vals);
  return m->keys && m->vals;
}

static size_t slot(const posmap *m, const void *k) {
  uint64_t h = (uint64_t)(uintptr_t)k * 0x9e3779b97f4a7c15ull;
  size_t j = (size_t)(h >> 17) & (m->cap - 1);
  while (m->keys[j] && m->keys[j] != k)
    j = (j + 1) & (m->cap - 1);
  return j;
}

/* The position of the ancestor of `user` in `body`; -1 if none. */
static int64_t position(const posmap *m, MlirBlock body, MlirOperation user) {
  while (!mlirOperationIsNull(user) &&
         !mlirBlockEqual(mlirOperationGetBlock(user), body))
    user = mlirOperationGetParentOperation(user);
  if (mlirOperationIsNull(user))
    return -1;
  size_t j = slot(m, user.ptr);
  return m->keys[j] ? m->vals[j] : -1;
}

/* Constants (bound weights, folded tensors) are read-only data the runtime
 * binds on its own, not computed into the arena. */
static bool is_constant(MlirOperation op) {
  return name_is(op, "mly.constant") || name_is(op, "arith.constant");
}

/* Adds the tensor results of body op `op` at position `pos`. */
static bool add_results(MlyBufferList *l, size_t *cap, const posmap *m,
                        MlirBlock body, MlirOperation op, int64_t pos,
                        const char *pass) {
  if (is_constant(op))
    return true;
  for (intptr_t r = 0, nr = mlirOperationGetNumResults(op); r < nr; ++r) {
    MlirValue v = mlirOperationGetResult(op, r);
    MlirType t = mlirValueGetType(v);
    if (!mlirTypeIsATensor(t))
      continue;
    int64_t bytes = mlyTypeNumBytes(t), a = MLY_ARENA_ALIGN;
    if (bytes < 0 || bytes >= MLY_PLAN_MAX_BYTES ||
        (bytes + a - 1) / a * a >= MLY_PLAN_MAX_BYTES - l->total) {
      op_error(op, "%s: result #%ld has %s; its buffer cannot be planned", pass,
               (long)r,
               bytes == -1   ? "a dynamic shape"
               : bytes == -2 ? "an element type of no size"
                             : "2^62 bytes or more with the buffers before it");
      return false;
    }
    int64_t last = pos;
    bool returned = false;
    for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u);
         u = mlirOpOperandGetNextUse(u)) {
      MlirOperation user = mlirOpOperandGetOwner(u);
      int64_t p = position(m, body, user);
      if (p < 0)
        continue;
      if (p == l->n_ops - 1 && name_is(user, "func.return"))
        returned = true;
      if (p > last)
        last = p;
    }
    if (returned)
      continue;
    if (l->n == *cap) {
      size_t c = *cap ? 2 * *cap : 64;
      MlyBuffer *p = realloc(l->buf, c * sizeof *p);
      if (!p) {
        op_error(op, "%s: out of memory", pass);
        return false;
      }
      l->buf = p;
      *cap = c;
    }
    l->total += (bytes + a - 1) / a * a;
    l->buf[l->n++] =
        (MlyBuffer){op, r, bytes, (bytes + a - 1) / a * a, pos, last, -1};
  }
  return true;
}

bool mlyMemoryPlanBuffers(MlirOperation func, const char *pass,
                          MlyBufferList *out) {
  MlirRegion region = mlirOperationGetRegion(func, 0);
  MlirBlock body = mlirRegionGetFirstBlock(region);
  posmap m = {0};
  size_t cap = 0;
  bool ok = false;
  *out = (MlyBufferList){0};
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(body))) {
    op_error(func, "%s: a body of several blocks is not supported", pass);
    goto out;
  }
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    out->n_ops++;
  if (!posmap_init(&m, (size_t)out->n_ops)) {
    op_error(func, "%s: out of memory", pass);
    goto out;
  }
  int64_t pos = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    size_t j = slot(&m, op.ptr);
    m.keys[j] = op.ptr;
    m.vals[j] = pos++;
  }
  pos = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (!add_results(out, &cap, &m, body, op, pos++, pass))
      goto out;
  ok = true;
out:
  if (!ok) {
    free(out->buf);
    out->buf = NULL;
    out->n = 0;
  }
  free(m.keys);
  free(m.vals);
  return ok;
}

int64_t mlyMemoryPlanLivePeak(const MlyBufferList *l) {
  /* Sweep over +size at first and -size after last. */
  int64_t *delta = calloc((size_t)l->n_ops + 1, sizeof *delta);
  int64_t peak = 0, live = 0;
  if (!delta)
    return -1;
  for (size_t i = 0; i < l->n; ++i) {
    delta[l->buf[i].first] += l->buf[i].size;
    delta[l->buf[i].last + 1] -= l->buf[i].size;
  }
  for (int64_t t = 0; t < l->n_ops; ++t) {
    live += delta[t];
    if (live > peak)
      peak = live;
  }
  free(delta);
  return peak;
}
