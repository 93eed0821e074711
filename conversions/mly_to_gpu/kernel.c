/* One kernel of mly-to-gpu (see mly_to_gpu.h for the schedules).
 *
 * Values are computed at indices: val_at(v, ix) writes the ops that
 * compute tensor v's element at index tuple ix (SSA numbers of type
 * index) and returns the scalar's SSA number. Text goes into a tree of
 * scopes (the kernel body, loop bodies, guarded branches); a region's
 * header is written into its parent only when the region closes, so a
 * value can be hoisted into any open ancestor scope while a nested region
 * is being written. Each op goes to the deepest scope among those of its
 * operands, but never above the innermost guard (a load that a pad,
 * concat or bounds check protects stays behind it). A memo table shares
 * every value, index computation and constant among the scopes that can
 * see it. */
#define _GNU_SOURCE
#include "conversions/mly_to_gpu/kernel.h"

#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"
#include "dialects/mly_scalar.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#define RANK MLY_EMIT_MAX_RANK
#define KMAX 40
#define TPB 16 /* threads along one side of a tiled workgroup: 16 x 16 */
#define TILE_MAX_PRE 64 /* operand elements a thread stages per k tile */

typedef struct ixt {
  int rank;
  int v[RANK];
  int lin; /* SSA of the row-major linear index, or -1 */
} ixt;

typedef struct scope {
  int parent, depth;
  bool guard, open;
  char *buf;
  size_t len, cap;
} scope;

typedef struct memo_e {
  bool used;
  uint64_t h;
  int nk, nv, node;
  int64_t k[KMAX];
  int v[RANK];
} memo_e;

typedef struct kctx {
  MlyEmit e;
  const MlyKernelSpec *ks;
  const MlyGpuOptions *o;
  MlyGpuModule *gm;
  scope *sc;
  int n_sc, cap_sc, cur, buf_node;
  int *ssa_node;
  int cap_ssa;
  memo_e *memo;
  size_t cap_memo, n_memo;
  int tid, bid; /* thread and block id */
  char *wg_decl; /* workgroup attributions */
  const char *schedule;
  int vec; /* lanes a thread takes (mly.vector when above 1) */
  bool failed;
} kctx;

/* ---- scopes ---- */

static int new_scope(kctx *k, int parent, bool guard) {
  if (k->n_sc == k->cap_sc) {
    int cap = k->cap_sc ? 2 * k->cap_sc : 16;
    scope *p = realloc(k->sc, (size_t)cap * sizeof *p);
    if (!p) {
      k->e.oom = true;
      return 0;
    }
    k->sc = p;
    k->cap_sc = cap;
  }
  scope *s = &k->sc[k->n_sc];
  memset(s, 0, sizeof *s);
  s->parent = parent;
  s->depth = parent < 0 ? 0 : k->sc[parent].depth + 1;
  s->guard = guard;
  s->open = true;
  return k->n_sc++;
}

/* Points k->e's text at scope `node`. */
static void at(kctx *k, int node) {
  if (k->buf_node == node)
    return;
  if (k->buf_node >= 0) {
    scope *s = &k->sc[k->buf_node];
    s->buf = k->e.buf, s->len = k->e.len, s->cap = k->e.cap;
  }
  scope *s = &k->sc[node];
  k->e.buf = s->buf, k->e.len = s->len, k->e.cap = s->cap;
  k->buf_node = node;
}

/* Gives every SSA number from `from` on the scope `node`. */
static void own(kctx *k, int from, int node) {
  int n = k->e.next;
  if (n > k->cap_ssa) {
    int cap = k->cap_ssa ? k->cap_ssa : 256;
    while (cap < n)
      cap *= 2;
    int *p = realloc(k->ssa_node, (size_t)cap * sizeof *p);
    if (!p) {
      k->e.oom = true;
      return;
    }
    k->ssa_node = p;
    k->cap_ssa = cap;
  }
  for (int i = from; i < n; ++i)
    k->ssa_node[i] = node;
}

static int fresh(kctx *k, int node) {
  int r = mlyEmitFresh(&k->e);
  own(k, r, node);
  return r;
}

static int node_of(kctx *k, int ssa) {
  return ssa >= 0 && ssa < k->cap_ssa ? k->ssa_node[ssa] : 0;
}

/* Whether scope a is the cursor or one of its ancestors. */
static bool visible(kctx *k, int a) {
  if (!k->sc[a].open)
    return false;
  for (int s = k->cur; s >= 0; s = k->sc[s].parent)
    if (s == a)
      return true;
  return false;
}

/* The innermost guard scope around the cursor (the body when none). */
static int floor_node(kctx *k) {
  int s = k->cur;
  while (s > 0 && !k->sc[s].guard)
    s = k->sc[s].parent;
  return s;
}

static int deeper(kctx *k, int a, int b) {
  return k->sc[a].depth >= k->sc[b].depth ? a : b;
}

/* Where an op using SSA values xs[0..n) goes. */
static int target(kctx *k, const int *xs, int n) {
  int t = floor_node(k);
  for (int i = 0; i < n; ++i)
    if (xs[i] >= 0)
      t = deeper(k, t, node_of(k, xs[i]));
  return t;
}

/* Opens a region below `parent`; returns it (the cursor moves there). */
static int open_region(kctx *k, int parent, bool guard) {
  int s = new_scope(k, parent, guard);
  k->cur = s;
  return s;
}

/* Closes `s`: its text is returned (owned by the caller) and the cursor
 * goes back to `restore`. */
static char *close_region(kctx *k, int s, int restore) {
  at(k, s);
  char *text = k->e.buf ? k->e.buf : strdup("");
  k->e.buf = NULL, k->e.len = k->e.cap = 0;
  k->sc[s].buf = NULL, k->sc[s].len = k->sc[s].cap = 0;
  k->sc[s].open = false;
  k->cur = restore;
  if (!text)
    k->e.oom = true;
  return text;
}

/* ---- memo ---- */

static uint64_t hash_key(const int64_t *key, int n) {
  uint64_t h = 1469598103934665603ull;
  for (int i = 0; i < n; ++i) {
    h ^= (uint64_t)key[i];
    h *= 1099511628211ull;
    h ^= h >> 29;
  }
  return h;
}

static memo_e *memo_find(kctx *k, const int64_t *key, int n) {
  if (!k->cap_memo)
    return NULL;
  uint64_t h = hash_key(key, n);
  for (size_t i = h & (k->cap_memo - 1);; i = (i + 1) & (k->cap_memo - 1)) {
    memo_e *m = &k->memo[i];
    if (!m->used)
      return NULL;
    if (m->h == h && m->nk == n && !memcmp(m->k, key, (size_t)n * 8) &&
        visible(k, m->node))
      return m;
  }
}

static void memo_put(kctx *k, const int64_t *key, int n, const int *v, int nv,
                     int node) {
  if (n > KMAX || nv > RANK)
    return;
  if (2 * (k->n_memo + 1) > k->cap_memo) {
    size_t cap = k->cap_memo ? 2 * k->cap_memo : 1024;
    memo_e *p = calloc(cap, sizeof *p);
    if (!p) {
      k->e.oom = true;
      return;
    }
    for (size_t i = 0; i < k->cap_memo; ++i) {
      memo_e *m = &k->memo[i];
      if (!m->used || !k->sc[m->node].open)
        continue;
      size_t j = m->h & (cap - 1);
      while (p[j].used)
        j = (j + 1) & (cap - 1);
      p[j] = *m;
    }
    free(k->memo);
    k->memo = p;
    k->cap_memo = cap;
    k->n_memo = 0;
    for (size_t i = 0; i < cap; ++i)
      k->n_memo += p[i].used;
  }
  uint64_t h = hash_key(key, n);
  size_t i = h & (k->cap_memo - 1);
  while (k->memo[i].used)
    i = (i + 1) & (k->cap_memo - 1);
  memo_e *m = &k->memo[i];
  m->used = true;
  m->h = h;
  m->nk = n;
  m->nv = nv;
  m->node = node;
  memcpy(m->k, key, (size_t)n * 8);
  memcpy(m->v, v, (size_t)nv * sizeof *v);
  k->n_memo++;
}

enum { K_VAL = 1, K_IOP, K_DELIN, K_LIN, K_ICONST, K_SCONST };

/* ---- helpers ---- */

static bool fail(kctx *k, MlirOperation op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(kctx *k, MlirOperation op, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(mlirOperationIsNull(op) ? k->ks->anchor : op, fmt, ap);
  va_end(ap);
  k->failed = true;
  return false;
}

static const char *ty(kctx *k, MlirType t) { return mlyEmitType(&k->e, t); }

static void put_text(MlirStringRef s, void *ud) {
  mlyEmitF(ud, "%.*s", (int)s.length, s.data);
}

/* The text of attribute a, living until the kernel is done. */
static const char *attr_text(kctx *k, MlirAttribute a) {
  MlyEmit t = {0};
  mlirAttributePrint(a, put_text, &t);
  const char *s = t.oom ? "" : mlyEmitStr(&k->e, "%s", t.buf ? t.buf : "");
  mlyEmitReset(&t);
  return s;
}

static MlirType elt_of(MlirValue v) {
  return mlirShapedTypeGetElementType(mlirValueGetType(v));
}

static int rank_of(MlirValue v) {
  return (int)mlirShapedTypeGetRank(mlirValueGetType(v));
}

static int64_t dim_of(MlirValue v, int i) {
  return mlirShapedTypeGetDimSize(mlirValueGetType(v), i);
}

static int64_t numel(MlirValue v) {
  int64_t n = 1;
  for (int i = 0, r = rank_of(v); i < r; ++i)
    n *= dim_of(v, i);
  return n;
}

/* "memref<AxBxT>" of a tensor type. */
static const char *memref_of(kctx *k, MlirType t) {
  const char *s = ty(k, t);
  if (!strncmp(s, "tensor<", 7))
    return mlyEmitStr(&k->e, "memref<%s", s + 7);
  return s;
}

/* The name after "mly." ("" for other ops). */
static const char *mly_name(MlirOperation op, char *buf, size_t n) {
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  if (s.length < 4 || memcmp(s.data, "mly.", 4))
    return "";
  snprintf(buf, n, "%.*s", (int)s.length - 4, s.data + 4);
  return buf;
}

static int in_index(kctx *k, MlirValue v) {
  for (int i = 0; i < k->ks->n_in; ++i)
    if (mlirValueEqual(k->ks->in[i], v))
      return i;
  return -1;
}

static MlirType f32_t(kctx *k) {
  return mlirF32TypeGet(mlirTypeGetContext(mlirValueGetType(k->ks->out[0])));
}

/* An index constant (kernel body). */
static int ic(kctx *k, int64_t v) {
  int64_t key[2] = {K_ICONST, v};
  memo_e *m = memo_find(k, key, 2);
  if (m)
    return m->v[0];
  int r = fresh(k, 0);
  at(k, 0);
  mlyEmitF(&k->e, "      %%v%d = arith.constant %" PRId64 " : index\n", r, v);
  memo_put(k, key, 2, &r, 1, 0);
  return r;
}

/* A scalar constant of element type t (kernel body). */
static int sc_const(kctx *k, MlirType t, double v) {
  int64_t bits;
  memcpy(&bits, &v, 8);
  int64_t key[3] = {K_SCONST, (int64_t)(intptr_t)t.ptr, bits};
  memo_e *m = memo_find(k, key, 3);
  if (m)
    return m->v[0];
  at(k, 0);
  int from = k->e.next;
  int r = mlyEmitConst(&k->e, t, v);
  own(k, from, 0);
  memo_put(k, key, 3, &r, 1, 0);
  return r;
}

static int sc_const_i(kctx *k, MlirType t, int64_t v) {
  if (mlyEltClass(t) != MLY_ELT_INT)
    return sc_const(k, t, (double)v);
  int64_t key[4] = {K_SCONST, (int64_t)(intptr_t)t.ptr, v, 1};
  memo_e *m = memo_find(k, key, 4);
  if (m)
    return m->v[0];
  int r = fresh(k, 0);
  at(k, 0);
  mlyEmitF(&k->e, "      %%v%d = arith.constant %" PRId64 " : %s\n", r, v,
           ty(k, t));
  memo_put(k, key, 4, &r, 1, 0);
  return r;
}

enum { I_ADD, I_SUB, I_MUL, I_DIV, I_REM, I_MAX, I_MIN, I_LT, I_LE, I_EQ,
       I_AND, I_GE };
static const char *const iop_names[] = {
    "arith.addi",      "arith.subi",      "arith.muli",
    "arith.divsi",     "arith.remsi",     "arith.maxsi",
    "arith.minsi",     "arith.cmpi slt,", "arith.cmpi sle,",
    "arith.cmpi eq,",  "arith.andi",      "arith.cmpi sge,"};

/* a <op> b on index values (i1 for comparisons and I_AND), memoized;
 * trivial identities fold. */
/* Whether SSA a is the index constant v (without creating it). */
static bool is_ic(kctx *k, int a, int64_t v) {
  int64_t key[2] = {K_ICONST, v};
  memo_e *m = memo_find(k, key, 2);
  return m && m->v[0] == a;
}

static int iop(kctx *k, int op, int a, int b) {
  if (op == I_ADD && is_ic(k, a, 0))
    return b;
  if ((op == I_ADD || op == I_SUB) && is_ic(k, b, 0))
    return a;
  if ((op == I_MUL || op == I_DIV) && is_ic(k, b, 1))
    return a;
  if (op == I_MUL && is_ic(k, a, 1))
    return b;
  if (op == I_MUL && (is_ic(k, a, 0) || is_ic(k, b, 0)))
    return ic(k, 0);
  if (op == I_REM && is_ic(k, b, 1))
    return ic(k, 0);
  int64_t key[4] = {K_IOP, op, a, b};
  memo_e *m = memo_find(k, key, 4);
  if (m)
    return m->v[0];
  int xs[2] = {a, b};
  int node = target(k, xs, 2);
  int r = fresh(k, node);
  at(k, node);
  mlyEmitF(&k->e, "      %%v%d = %s %%v%d, %%v%d : %s\n", r, iop_names[op], a,
           b, op == I_AND ? "i1" : "index");
  memo_put(k, key, 4, &r, 1, node);
  return r;
}

/* Row-major linear index of ix in `dims` (memoized both ways). */
static int linearize(kctx *k, const ixt *ix, const int64_t *dims) {
  if (ix->lin >= 0)
    return ix->lin;
  int64_t key[KMAX];
  int n = 0;
  key[n++] = K_LIN;
  for (int i = 0; i < ix->rank; ++i)
    key[n++] = dims[i], key[n++] = ix->v[i];
  memo_e *m = n <= KMAX ? memo_find(k, key, n) : NULL;
  if (m)
    return m->v[0];
  int l = ic(k, 0);
  for (int i = 0; i < ix->rank; ++i)
    l = iop(k, I_ADD, iop(k, I_MUL, l, ic(k, dims[i])), ix->v[i]);
  if (n <= KMAX)
    memo_put(k, key, n, &l, 1, node_of(k, l));
  /* delinearizing l into dims gives ix back */
  int64_t dk[KMAX];
  int dn = 0;
  dk[dn++] = K_DELIN;
  dk[dn++] = l;
  for (int i = 0; i < ix->rank && dn < KMAX; ++i)
    dk[dn++] = dims[i];
  if (dn == ix->rank + 2)
    memo_put(k, dk, dn, ix->v, ix->rank, node_of(k, l));
  return l;
}

/* The index tuple of linear index l in `dims` (rank r); l < numel. */
static ixt delin(kctx *k, int l, const int64_t *dims, int r) {
  ixt ix = {.rank = r, .lin = l};
  int64_t key[KMAX];
  int n = 0;
  key[n++] = K_DELIN;
  key[n++] = l;
  for (int i = 0; i < r; ++i)
    key[n++] = dims[i];
  memo_e *m = memo_find(k, key, n);
  if (m) {
    memcpy(ix.v, m->v, (size_t)r * sizeof *ix.v);
    return ix;
  }
  int outer = -1;
  for (int i = 0; i < r; ++i)
    if (dims[i] != 1) {
      outer = i;
      break;
    }
  int q = l;
  for (int i = r - 1; i >= 0; --i) {
    if (dims[i] == 1)
      ix.v[i] = ic(k, 0);
    else if (i == outer)
      ix.v[i] = q;
    else {
      ix.v[i] = iop(k, I_REM, q, ic(k, dims[i]));
      q = iop(k, I_DIV, q, ic(k, dims[i]));
    }
  }
  memo_put(k, key, n, ix.v, r, target(k, ix.v, r));
  return ix;
}

/* The index of element q V in `dims` (rank r, dims[r - 1] a multiple of
 * V): vector q delinearized, its innermost coordinate times V, so that a
 * compiler sees every lane-0 offset is a multiple of V (a remainder by an
 * extent such as 768 hides that from it). */
static ixt delin_vec(kctx *k, int q, const int64_t *dims, int r, int V) {
  if (V == 1 || !r)
    return delin(k, q, dims, r);
  int64_t dv[RANK];
  memcpy(dv, dims, (size_t)r * sizeof *dims);
  dv[r - 1] /= V;
  ixt ix = delin(k, q, dv, r);
  ix.v[r - 1] = iop(k, I_MUL, ix.v[r - 1], ic(k, V));
  ix.lin = iop(k, I_MUL, q, ic(k, V));
  return ix;
}

static void dims_of(MlirValue v, int64_t *dims) {
  for (int i = 0, r = rank_of(v); i < r; ++i)
    dims[i] = dim_of(v, i);
}

static ixt ix_none(int rank) {
  ixt ix = {.rank = rank, .lin = -1};
  return ix;
}

static const char *ix_text(kctx *k, const ixt *ix) {
  const char *s = "";
  for (int i = 0; i < ix->rank; ++i)
    s = mlyEmitStr(&k->e, "%s%s%%v%d", s, i ? ", " : "", ix->v[i]);
  return s;
}

/* memref.load of buffer `buf` (SSA, memref of tensor type t) at ix. */
static int load(kctx *k, int buf, MlirType t, const ixt *ix) {
  int xs[RANK + 1];
  memcpy(xs, ix->v, (size_t)ix->rank * sizeof *xs);
  xs[ix->rank] = buf;
  int node = target(k, xs, ix->rank + 1);
  int r = fresh(k, node);
  const char *idx = ix_text(k, ix), *mt = memref_of(k, t);
  at(k, node);
  mlyEmitF(&k->e, "      %%v%d = memref.load %%v%d[%s] : %s\n", r, buf, idx,
           mt);
  return r;
}

/* vector.load of V elements of buffer `buf` (tensor type t) from ix on
 * along the innermost dimension (ix 16-byte aligned where V elements
 * make 16 bytes: the targets may read them in one access). */
static int vload(kctx *k, int buf, MlirType t, const ixt *ix, int V) {
  int xs[RANK + 1];
  memcpy(xs, ix->v, (size_t)ix->rank * sizeof *xs);
  xs[ix->rank] = buf;
  int node = target(k, xs, ix->rank + 1);
  int r = fresh(k, node);
  const char *et = ty(k, mlirShapedTypeGetElementType(t));
  at(k, node);
  mlyEmitF(&k->e, "      %%v%d = vector.load %%v%d[%s] : %s, vector<%dx%s>\n",
           r, buf, ix_text(k, ix), memref_of(k, t), V, et);
  return r;
}

static void store(kctx *k, int val, int buf, MlirType t, const ixt *ix) {
  const char *idx = ix_text(k, ix), *mt = memref_of(k, t);
  at(k, k->cur);
  mlyEmitF(&k->e, "      memref.store %%v%d, %%v%d[%s] : %s\n", val, buf, idx,
           mt);
}

/* A one-op scalar: `%r = <text> : <type>` placed after operands xs. */
static int scalar(kctx *k, const int *xs, int n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int scalar(kctx *k, const int *xs, int n, const char *fmt, ...) {
  int node = target(k, xs, n);
  int r = fresh(k, node);
  char *s = NULL;
  va_list ap;
  va_start(ap, fmt);
  if (vasprintf(&s, fmt, ap) < 0)
    s = NULL;
  va_end(ap);
  at(k, node);
  mlyEmitF(&k->e, "      %%v%d = %s\n", r, s ? s : "");
  if (!s)
    k->e.oom = true;
  free(s);
  return r;
}

static int to_index(kctx *k, int x, MlirType t) {
  if (mlyEltClass(t) == MLY_ELT_BOOL)
    x = scalar(k, &x, 1, "arith.extui %%v%d : i1 to i64", x), t = mlirIntegerTypeGet(mlirTypeGetContext(t), 64);
  return scalar(k, &x, 1, "arith.index_cast %%v%d : %s to index", x, ty(k, t));
}

/* Accumulator type of element type t: f32 for floats, t otherwise. */
static MlirType acc_type(kctx *k, MlirType t) {
  return mlyEltClass(t) == MLY_ELT_FLOAT ? f32_t(k) : t;
}

static int convert(kctx *k, int x, MlirType from, MlirType to) {
  if (mlirTypeEqual(from, to))
    return x;
  bool widen = mlyEltWidth(from) < mlyEltWidth(to);
  return scalar(k, &x, 1, "%s %%v%d : %s to %s",
                widen ? "arith.extf" : "arith.truncf", x, ty(k, from),
                ty(k, to));
}

enum { R_SUM, R_MAX, R_MIN, R_PROD };

static int combine(kctx *k, int kind, MlirType t, int a, int b) {
  int c = mlyEltClass(t), xs[2] = {a, b};
  static const char *const fl[] = {"arith.addf", "arith.maximumf",
                                   "arith.minimumf", "arith.mulf"};
  static const char *const in[] = {"arith.addi", "arith.maxsi", "arith.minsi",
                                   "arith.muli"};
  static const char *const bo[] = {"arith.ori", "arith.ori", "arith.andi",
                                   "arith.andi"};
  const char *name = c == MLY_ELT_FLOAT ? fl[kind] : c == MLY_ELT_BOOL ? bo[kind] : in[kind];
  return scalar(k, xs, 2, "%s %%v%d, %%v%d : %s", name, a, b, ty(k, t));
}

static int reduce_init(kctx *k, int kind, MlirType t) {
  switch (kind) {
  case R_SUM: return sc_const(k, t, 0);
  case R_PROD: return sc_const(k, t, 1);
  default: {
    int r = fresh(k, 0);
    at(k, 0);
    int from = k->e.next;
    r = mlyEmitExtreme(&k->e, t, kind == R_MAX);
    own(k, from, 0);
    return r;
  }
  }
}

static int reduce_kind(MlirOperation op) {
  static const char *const kinds[] = {"sum", "max", "min", "prod"};
  for (int i = 0; i < 4; ++i)
    if (mlyOpStrIs(op, "kind", kinds[i]))
      return i;
  return -1;
}

/* ---- values at indices ---- */

static int val_at(kctx *k, MlirValue v, const ixt *ix);

/* Loop `for %i in [0, n)` accumulating f(i) of type t with `kind`, placed
 * in the scope of the SSA values deps (and the floor). body(k, i, ud)
 * returns the element's SSA number in type t, or -1. */
typedef int (*loop_body)(kctx *k, int i, void *ud);
static int acc_loop(kctx *k, const int *deps, int n_deps, int64_t n, int kind,
                    MlirType t, loop_body body, void *ud) {
  int init = reduce_init(k, kind, t);
  if (n <= 0)
    return init;
  int c0 = ic(k, 0), cn = ic(k, n), c1 = ic(k, 1);
  int parent = target(k, deps, n_deps), restore = k->cur;
  int res = fresh(k, parent);
  int s = open_region(k, parent, false);
  int iv = fresh(k, s), acc = fresh(k, s);
  int x = body(k, iv, ud);
  if (x < 0) {
    free(close_region(k, s, restore));
    return -1;
  }
  int y = combine(k, kind, t, acc, x);
  at(k, s);
  mlyEmitF(&k->e, "      scf.yield %%v%d : %s\n", y, ty(k, t));
  char *text = close_region(k, s, restore);
  at(k, parent);
  mlyEmitF(&k->e,
           "      %%v%d = scf.for %%v%d = %%v%d to %%v%d step %%v%d "
           "iter_args(%%v%d = %%v%d) -> (%s) {\n%s      }\n",
           res, iv, c0, cn, c1, acc, init, ty(k, t), text ? text : "");
  free(text);
  return res;
}

/* `cond ? then(ud) : other`, the then-branch guarded; placed after cond
 * and the SSA values deps[0..n_deps) the branches use. */
typedef int (*branch_fn)(kctx *k, void *ud);
static int guarded(kctx *k, int cond, const int *deps, int n_deps, MlirType t,
                   branch_fn then_fn, void *then_ud, branch_fn else_fn,
                   void *else_ud) {
  int xs[RANK * 2 + 2];
  if (n_deps > RANK * 2 + 1)
    n_deps = RANK * 2 + 1;
  xs[0] = cond;
  memcpy(xs + 1, deps, (size_t)n_deps * sizeof *xs);
  int parent = target(k, xs, n_deps + 1), restore = k->cur;
  int res = fresh(k, parent);
  int s = open_region(k, parent, true);
  int a = then_fn(k, then_ud);
  at(k, s);
  if (a >= 0)
    mlyEmitF(&k->e, "      scf.yield %%v%d : %s\n", a, ty(k, t));
  char *then_text = close_region(k, s, restore);
  s = open_region(k, parent, true);
  int b = a < 0 ? -1 : else_fn(k, else_ud);
  at(k, s);
  if (b >= 0)
    mlyEmitF(&k->e, "      scf.yield %%v%d : %s\n", b, ty(k, t));
  char *else_text = close_region(k, s, restore);
  if (a >= 0 && b >= 0) {
    at(k, parent);
    mlyEmitF(&k->e,
             "      %%v%d = scf.if %%v%d -> (%s) {\n%s      } else {\n%s"
             "      }\n",
             res, cond, ty(k, t), then_text ? then_text : "",
             else_text ? else_text : "");
  }
  free(then_text);
  free(else_text);
  return a >= 0 && b >= 0 ? res : -1;
}

typedef struct at_args {
  MlirValue v;
  ixt ix;
  int c; /* a constant for const_fn */
} at_args;

static int val_fn(kctx *k, void *ud) {
  at_args *a = ud;
  return val_at(k, a->v, &a->ix);
}

static int const_fn(kctx *k, void *ud) {
  (void)k;
  return ((at_args *)ud)->c;
}

/* ---- the ops ---- */

static int elementwise_at(kctx *k, MlirOperation op, const char *name,
                          const ixt *ix) {
  int n = (int)mlirOperationGetNumOperands(op), args[3];
  if (n < 1 || n > 3)
    return fail(k, op, "expected 1 to 3 operands"), -1;
  for (int i = 0; i < n; ++i)
    if ((args[i] = val_at(k, mlirOperationGetOperand(op, i), ix)) < 0)
      return -1;
  int node = target(k, args, n);
  at(k, node);
  k->e.op = op;
  k->e.name = name;
  int from = k->e.next;
  int y = mlyEmitScalarElementwise(&k->e, args);
  own(k, from, node);
  if (y < 0)
    fail(k, op, "has no GPU lowering for element type %s",
         ty(k, elt_of(mlirOperationGetOperand(op, 0))));
  return y;
}

static int constant_at(kctx *k, MlirOperation op, MlirValue v,
                       const ixt *ix) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  MlirType t = elt_of(v);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAElements(a))
    return fail(k, op, "'value' is not an elements attribute"), -1;
  if (mlirAttributeIsADenseElements(a) && mlirDenseElementsAttrIsSplat(a)) {
    MlirAttribute s = mlirDenseElementsAttrGetSplatValue(a);
    if (mlirAttributeIsAFloat(s))
      return sc_const(k, t, mlirFloatAttrGetValueDouble(s));
    if (mlirAttributeIsABool(s))
      return sc_const(k, t, mlirBoolAttrGetValue(s));
    if (mlirAttributeIsAInteger(s))
      return mlyEltClass(t) == MLY_ELT_BOOL
                 ? sc_const(k, t, mlirIntegerAttrGetValueInt(s) != 0)
                 : sc_const_i(k, t, mlirIntegerAttrGetValueInt(s));
    return fail(k, op, "has a splat value of an unsupported type"), -1;
  }
  if (!mlirAttributeIsADenseElements(a))
    return fail(k, op, "a constant that is not dense (e.g. a bound weight) "
                       "cannot go into a GPU kernel yet"),
           -1;
  /* a global of the gpu.module, one per constant op and kernel */
  int64_t key[3] = {K_VAL, (int64_t)(intptr_t)op.ptr, -1};
  memo_e *m = memo_find(k, key, 3);
  int g;
  if (m)
    g = m->v[0];
  else {
    int id = k->gm->n_globals++;
    const char *mt = memref_of(k, mlirValueGetType(v));
    const char *text = attr_text(k, a);
    const char *cut = strstr(text, " : tensor<");
    mlyEmitF(&k->gm->globals,
             "    memref.global \"private\" constant @cst_%d : %s = %.*s\n",
             id, mt, cut ? (int)(cut - text) : (int)strlen(text), text);
    g = fresh(k, 0);
    at(k, 0);
    mlyEmitF(&k->e, "      %%v%d = memref.get_global @cst_%d : %s\n", g, id,
             mt);
    memo_put(k, key, 3, &g, 1, 0);
  }
  return load(k, g, mlirValueGetType(v), ix);
}

static bool attr_ints(kctx *k, MlirOperation op, const char *name, int64_t *out,
                      int64_t n) {
  int64_t got = 0;
  if (!mlyOpGetI64Array(op, name, out, RANK, &got) || got != n)
    return fail(k, op, "'%s' needs %" PRId64 " entries", name, n);
  return true;
}

static int iota_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  int64_t dim;
  if (!mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= ix->rank)
    return fail(k, op, "bad 'dim'"), -1;
  MlirType t = elt_of(v);
  int x = ix->v[dim];
  if (mlyEltClass(t) == MLY_ELT_INT)
    return scalar(k, &x, 1, "arith.index_cast %%v%d : index to %s", x,
                  ty(k, t));
  if (mlyEltClass(t) == MLY_ELT_FLOAT) {
    int i = scalar(k, &x, 1, "arith.index_cast %%v%d : index to i64", x);
    return scalar(k, &i, 1, "arith.sitofp %%v%d : i64 to %s", i, ty(k, t));
  }
  return fail(k, op, "iota of %s has no GPU lowering", ty(k, t)), -1;
}

/* The operand's index *o of broadcast_in_dim op at result index ix. */
static bool broadcast_ix(kctx *k, MlirOperation op, const ixt *ix, ixt *o) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  int r = rank_of(in);
  int64_t bd[RANK];
  if (!attr_ints(k, op, "broadcast_dimensions", bd, r))
    return false;
  *o = ix_none(r);
  bool same = r == ix->rank;
  for (int i = 0; i < r; ++i) {
    if (bd[i] < 0 || bd[i] >= ix->rank)
      return fail(k, op, "bad 'broadcast_dimensions'");
    o->v[i] = dim_of(in, i) == 1 ? ic(k, 0) : ix->v[bd[i]];
    same = same && bd[i] == i && o->v[i] == ix->v[i];
  }
  if (same)
    o->lin = ix->lin;
  return true;
}

static int broadcast_at(kctx *k, MlirOperation op, const ixt *ix) {
  ixt o;
  if (!broadcast_ix(k, op, ix, &o))
    return -1;
  return val_at(k, mlirOperationGetOperand(op, 0), &o);
}

/* Trailing dims the two shapes share are indexed as they are; only the
 * leading ones go through a linear index (so [4096, 768] at (r, c) reads
 * [8, 512, 768] at (r / 512, r % 512, c), the index a row schedule's
 * reductions were computed at). */
static int reshape_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  int64_t vd[RANK], id[RANK];
  dims_of(v, vd);
  dims_of(in, id);
  int rv = ix->rank, ri = rank_of(in), s = 0;
  while (s < rv && s < ri && vd[rv - 1 - s] == id[ri - 1 - s])
    ++s;
  if (s == 0 || s == rv || s == ri) {
    int l = linearize(k, ix, vd);
    ixt o = delin(k, l, id, ri);
    return val_at(k, in, &o);
  }
  ixt head = {.rank = rv - s, .lin = -1};
  memcpy(head.v, ix->v, (size_t)(rv - s) * sizeof *ix->v);
  ixt o = delin(k, linearize(k, &head, vd), id, ri - s);
  o.rank = ri;
  o.lin = -1;
  for (int i = 0; i < s; ++i)
    o.v[ri - s + i] = ix->v[rv - s + i];
  return val_at(k, in, &o);
}

static int transpose_at(kctx *k, MlirOperation op, const ixt *ix) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  int64_t perm[RANK];
  if (!attr_ints(k, op, "permutation", perm, ix->rank))
    return -1;
  ixt o = ix_none(ix->rank);
  for (int i = 0; i < ix->rank; ++i) {
    if (perm[i] < 0 || perm[i] >= ix->rank)
      return fail(k, op, "bad 'permutation'"), -1;
    o.v[perm[i]] = ix->v[i];
  }
  return val_at(k, in, &o);
}

static int slice_at(kctx *k, MlirOperation op, const ixt *ix) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  int64_t lo[RANK], st[RANK], hi[RANK];
  if (!attr_ints(k, op, "start_indices", lo, ix->rank) ||
      !attr_ints(k, op, "strides", st, ix->rank) ||
      !attr_ints(k, op, "limit_indices", hi, ix->rank))
    return -1;
  ixt o = ix_none(ix->rank);
  for (int i = 0; i < ix->rank; ++i)
    o.v[i] = iop(k, I_ADD, ic(k, lo[i]),
                 iop(k, I_MUL, ix->v[i], ic(k, st[i])));
  return val_at(k, in, &o);
}

/* cond: whether 0 <= x < n for each x[i] that may leave its range. */
static int in_range(kctx *k, const int *x, const int64_t *n, const bool *lo,
                    const bool *hi, int r) {
  int c = -1;
  for (int i = 0; i < r; ++i) {
    int t[2] = {-1, -1};
    if (lo[i])
      t[0] = iop(k, I_GE, x[i], ic(k, 0));
    if (hi[i])
      t[1] = iop(k, I_LT, x[i], ic(k, n[i]));
    for (int j = 0; j < 2; ++j)
      if (t[j] >= 0)
        c = c < 0 ? t[j] : iop(k, I_AND, c, t[j]);
  }
  return c;
}

static int pad_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  MlirValue in = mlirOperationGetOperand(op, 0);
  int64_t lo[RANK], hi[RANK], n[RANK];
  bool need_lo[RANK], need_hi[RANK];
  if (!attr_ints(k, op, "low", lo, ix->rank) ||
      !attr_ints(k, op, "high", hi, ix->rank))
    return -1;
  dims_of(in, n);
  at_args a = {.v = in, .ix = ix_none(ix->rank)};
  for (int i = 0; i < ix->rank; ++i) {
    a.ix.v[i] = iop(k, I_SUB, ix->v[i], ic(k, lo[i]));
    need_lo[i] = lo[i] > 0;
    need_hi[i] = hi[i] > 0;
  }
  MlirType t = elt_of(v);
  double pv = 0;
  int64_t iv = 0;
  at_args c = {0};
  if (mlyEltClass(t) == MLY_ELT_FLOAT) {
    if (!mlyOpGetF64(op, "value", &pv))
      return fail(k, op, "bad 'value'"), -1;
    c.c = sc_const(k, t, pv);
  } else if (mlyOpGetI64(op, "value", &iv))
    c.c = mlyEltClass(t) == MLY_ELT_BOOL ? sc_const(k, t, iv != 0)
                                         : sc_const_i(k, t, iv);
  else if (mlyOpGetF64(op, "value", &pv))
    c.c = sc_const_i(k, t, (int64_t)pv);
  else
    return fail(k, op, "bad 'value'"), -1;
  int cond = in_range(k, a.ix.v, n, need_lo, need_hi, ix->rank);
  if (cond < 0)
    return val_at(k, in, &a.ix);
  return guarded(k, cond, ix->v, ix->rank, t, val_fn, &a, const_fn, &c);
}

static int concat_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  MlirValue l = mlirOperationGetOperand(op, 0), r = mlirOperationGetOperand(op, 1);
  int64_t dim;
  if (!mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= ix->rank)
    return fail(k, op, "bad 'dim'"), -1;
  int64_t n0 = dim_of(l, (int)dim);
  at_args a = {.v = l, .ix = *ix}, b = {.v = r, .ix = *ix};
  a.ix.lin = b.ix.lin = -1;
  b.ix.v[dim] = iop(k, I_SUB, ix->v[dim], ic(k, n0));
  if (n0 == 0)
    return val_at(k, r, &b.ix);
  if (dim_of(r, (int)dim) == 0)
    return val_at(k, l, &a.ix);
  int cond = iop(k, I_LT, ix->v[dim], ic(k, n0));
  return guarded(k, cond, ix->v, ix->rank, elt_of(v), val_fn, &a, val_fn,
                 &b);
}

/* An index value loaded from `idx` at ix, clamped into [0, n). */
static int index_value(kctx *k, MlirValue idx, const ixt *ix, int64_t n) {
  int j = val_at(k, idx, ix);
  if (j < 0)
    return -1;
  j = to_index(k, j, elt_of(idx));
  return iop(k, I_MIN, iop(k, I_MAX, j, ic(k, 0)), ic(k, n - 1));
}

static int gather_at(kctx *k, MlirOperation op, const ixt *ix) {
  MlirValue in = mlirOperationGetOperand(op, 0),
            idx = mlirOperationGetOperand(op, 1);
  int64_t dim;
  int rin = rank_of(in), rix = rank_of(idx);
  if (!mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= rin)
    return fail(k, op, "bad 'dim'"), -1;
  int64_t n = dim_of(in, (int)dim);
  ixt o = ix_none(rin);
  if (mlyOpStrIs(op, "mode", "along")) {
    int j = index_value(k, idx, ix, n);
    if (j < 0)
      return -1;
    for (int i = 0; i < rin; ++i)
      o.v[i] = i == dim ? j : dim_of(in, i) == 1 ? ic(k, 0) : ix->v[i];
    return val_at(k, in, &o);
  }
  ixt jx = ix_none(rix);
  memcpy(jx.v, ix->v + dim, (size_t)rix * sizeof *jx.v);
  int j = index_value(k, idx, &jx, n);
  if (j < 0)
    return -1;
  for (int i = 0; i < rin; ++i)
    o.v[i] = i < dim ? ix->v[i] : i == dim ? j : ix->v[i - 1 + rix];
  return val_at(k, in, &o);
}

/* reduce: the reduced dims looped as one linear index. */
typedef struct red_args {
  MlirValue in;
  ixt base;            /* operand index with the kept dims set */
  int nr, rd[RANK];    /* reduced dims */
  int64_t rn[RANK];    /* their extents */
  MlirType from, acc;  /* element and accumulator types */
} red_args;

/* The operand's index of element i V of the reduced dims (see
 * delin_vec). */
static ixt red_ix(kctx *k, const red_args *a, int i, int V) {
  ixt r = delin_vec(k, i, a->rn, a->nr, V), o = a->base;
  for (int j = 0; j < a->nr; ++j)
    o.v[a->rd[j]] = r.v[j];
  o.lin = -1;
  return o;
}

static int red_body(kctx *k, int i, void *ud) {
  red_args *a = ud;
  ixt o = red_ix(k, a, i, 1);
  int x = val_at(k, a->in, &o);
  return x < 0 ? -1 : convert(k, x, a->from, a->acc);
}

/* Fills a (reduce's operand, the kept dims from result index ix). */
static bool reduce_setup(kctx *k, MlirOperation op, const ixt *ix,
                         red_args *a, int *kind) {
  bool keep = false, reduced[RANK] = {false};
  int64_t rd[RANK], n_rd = 0;
  a->in = mlirOperationGetOperand(op, 0);
  int r = rank_of(a->in);
  if ((*kind = reduce_kind(op)) < 0 || !mlyOpGetBool(op, "keepdim", &keep) ||
      !mlyOpGetI64Array(op, "dims", rd, RANK, &n_rd))
    return fail(k, op, "bad 'kind', 'keepdim' or 'dims'");
  for (int64_t i = 0; i < n_rd; ++i) {
    if (rd[i] < 0 || rd[i] >= r)
      return fail(k, op, "bad 'dims'");
    reduced[rd[i]] = true;
  }
  a->base = ix_none(r);
  a->nr = 0;
  for (int i = 0, j = 0; i < r; ++i) {
    if (reduced[i]) {
      a->rd[a->nr] = i;
      a->rn[a->nr++] = dim_of(a->in, i);
      a->base.v[i] = ic(k, 0);
      j += keep;
    } else
      a->base.v[i] = ix ? ix->v[j++] : ic(k, 0);
  }
  a->from = elt_of(a->in);
  a->acc = acc_type(k, a->from);
  return true;
}

static int reduce_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  red_args a;
  int kind;
  if (!reduce_setup(k, op, ix, &a, &kind))
    return -1;
  int64_t n = 1;
  for (int i = 0; i < a.nr; ++i)
    n *= a.rn[i];
  if (n == 0 && (kind == R_MAX || kind == R_MIN))
    return fail(k, op, "max/min of an empty set of elements"), -1;
  int x = acc_loop(k, ix->v, ix->rank, n, kind, a.acc, red_body, &a);
  return x < 0 ? -1 : convert(k, x, a.acc, elt_of(v));
}

static int scan_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  int64_t dim;
  if (!mlyOpGetI64(op, "dim", &dim) || dim < 0 || dim >= ix->rank)
    return fail(k, op, "bad 'dim'"), -1;
  /* sum of in[.., j, ..] for j <= ix[dim]: a loop of ix[dim] + 1 */
  red_args a = {.in = mlirOperationGetOperand(op, 0), .base = *ix, .nr = 1};
  a.base.lin = -1;
  a.rd[0] = (int)dim;
  a.from = elt_of(a.in);
  a.acc = acc_type(k, a.from);
  int c0 = ic(k, 0), c1 = ic(k, 1);
  int hi = iop(k, I_ADD, ix->v[dim], c1);
  int init = reduce_init(k, R_SUM, a.acc);
  int parent = target(k, ix->v, ix->rank), restore = k->cur;
  int res = fresh(k, parent);
  int s = open_region(k, parent, false);
  int iv = fresh(k, s), acc = fresh(k, s);
  ixt o = a.base;
  o.v[dim] = iv;
  int x = val_at(k, a.in, &o);
  int y = x < 0 ? -1 : combine(k, R_SUM, a.acc, acc, convert(k, x, a.from, a.acc));
  at(k, s);
  if (y >= 0)
    mlyEmitF(&k->e, "      scf.yield %%v%d : %s\n", y, ty(k, a.acc));
  char *text = close_region(k, s, restore);
  at(k, parent);
  if (y >= 0)
    mlyEmitF(&k->e,
             "      %%v%d = scf.for %%v%d = %%v%d to %%v%d step %%v%d "
             "iter_args(%%v%d = %%v%d) -> (%s) {\n%s      }\n",
             res, iv, c0, hi, c1, acc, init, ty(k, a.acc), text ? text : "");
  free(text);
  return y < 0 ? -1 : convert(k, res, a.acc, elt_of(v));
}

/* matmul: element (batch.., m, n) = sum_k lhs * rhs. */
typedef struct mm_args {
  MlirValue l, r;
  bool tl, tr;
  ixt base; /* batch dims of the result index */
  int m, n;
  MlirType acc;
} mm_args;

static int mm_body(kctx *k, int kk, void *ud) {
  mm_args *a = ud;
  ixt li = a->base, ri = a->base;
  int R = li.rank;
  li.v[R - 2] = a->tl ? kk : a->m;
  li.v[R - 1] = a->tl ? a->m : kk;
  ri.v[R - 2] = a->tr ? a->n : kk;
  ri.v[R - 1] = a->tr ? kk : a->n;
  int x = val_at(k, a->l, &li), y = x < 0 ? -1 : val_at(k, a->r, &ri);
  if (y < 0)
    return -1;
  x = convert(k, x, elt_of(a->l), a->acc);
  y = convert(k, y, elt_of(a->r), a->acc);
  int xs[2] = {x, y};
  return scalar(k, xs, 2, "%s %%v%d, %%v%d : %s",
                mlyEltClass(a->acc) == MLY_ELT_FLOAT ? "arith.mulf"
                                                     : "arith.muli",
                x, y, ty(k, a->acc));
}

static bool matmul_setup(kctx *k, MlirOperation op, mm_args *a, int64_t *K) {
  a->l = mlirOperationGetOperand(op, 0);
  a->r = mlirOperationGetOperand(op, 1);
  if (!mlyOpGetBool(op, "transpose_lhs", &a->tl) ||
      !mlyOpGetBool(op, "transpose_rhs", &a->tr))
    return fail(k, op, "bad transpose flags");
  int R = rank_of(a->l);
  *K = dim_of(a->l, a->tl ? R - 2 : R - 1);
  a->acc = acc_type(k, elt_of(mlirOperationGetResult(op, 0)));
  return true;
}

static int matmul_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  mm_args a;
  int64_t K;
  if (!matmul_setup(k, op, &a, &K))
    return -1;
  a.base = *ix;
  a.base.lin = -1;
  a.m = ix->v[ix->rank - 2];
  a.n = ix->v[ix->rank - 1];
  int x = acc_loop(k, ix->v, ix->rank, K, R_SUM, a.acc, mm_body, &a);
  return x < 0 ? -1 : convert(k, x, a.acc, elt_of(v));
}

/* conv and pool: a window over the trailing spatial dims of [N, C, x..]. */
typedef struct win_args {
  MlirValue in, w;      /* w: conv weight, or null for pool */
  int ns;               /* spatial dims */
  int64_t k[RANK], st[RANK], pad[RANK], dil[RANK], in_n[RANK];
  ixt base;             /* the input index: batch, channel; spatial set per tap */
  int o[RANK];          /* output spatial positions */
  int64_t cg;           /* conv: input channels of a group */
  int cbase, co;        /* conv: first input channel of the group, out channel */
  MlirType acc;
  int kind;             /* pool: R_MAX or R_SUM (avg) */
  bool count;           /* avg: count taps inside instead of summing */
} win_args;

typedef struct tap_args {
  win_args *w;
  ixt xi;   /* input index of the tap */
  int ci;   /* conv: channel within the group */
  ixt ki;   /* conv: weight index */
} tap_args;

static int tap_value(kctx *k, void *ud) {
  tap_args *t = ud;
  win_args *w = t->w;
  if (w->count)
    return sc_const(k, w->acc, 1);
  int x = val_at(k, w->in, &t->xi);
  if (x < 0)
    return -1;
  x = convert(k, x, elt_of(w->in), w->acc);
  if (mlirValueIsNull(w->w))
    return x;
  int y = val_at(k, w->w, &t->ki);
  if (y < 0)
    return -1;
  y = convert(k, y, elt_of(w->w), w->acc);
  int xs[2] = {x, y};
  return scalar(k, xs, 2, "%s %%v%d, %%v%d : %s",
                mlyEltClass(w->acc) == MLY_ELT_FLOAT ? "arith.mulf"
                                                     : "arith.muli",
                x, y, ty(k, w->acc));
}

static int win_body(kctx *k, int i, void *ud) {
  win_args *w = ud;
  int64_t kd[RANK + 1];
  int nk = 0;
  if (!mlirValueIsNull(w->w))
    kd[nk++] = w->cg;
  for (int d = 0; d < w->ns; ++d)
    kd[nk++] = w->k[d];
  ixt kk = delin(k, i, kd, nk);
  tap_args t = {.w = w, .xi = w->base};
  t.xi.lin = -1;
  int pos[RANK];
  bool lo[RANK], hi[RANK];
  int off = mlirValueIsNull(w->w) ? 0 : 1;
  for (int d = 0; d < w->ns; ++d) {
    int x = iop(k, I_ADD, iop(k, I_MUL, w->o[d], ic(k, w->st[d])),
                iop(k, I_MUL, kk.v[off + d], ic(k, w->dil[d])));
    pos[d] = iop(k, I_SUB, x, ic(k, w->pad[d]));
    lo[d] = hi[d] = w->pad[d] > 0;
    t.xi.v[2 + d] = pos[d];
  }
  if (off) {
    t.xi.v[1] = iop(k, I_ADD, w->cbase, kk.v[0]);
    t.ki = ix_none(2 + w->ns);
    t.ki.v[0] = w->co;
    t.ki.v[1] = kk.v[0];
    for (int d = 0; d < w->ns; ++d)
      t.ki.v[2 + d] = kk.v[1 + d];
  }
  int cond = in_range(k, pos, w->in_n, lo, hi, w->ns);
  if (cond < 0)
    return tap_value(k, &t);
  at_args none = {0};
  if (w->kind == R_MAX)
    none.c = reduce_init(k, R_MAX, w->acc);
  else
    none.c = sc_const(k, w->acc, 0);
  int deps[2 * RANK + 2], nd = 0;
  for (int d = 0; d < t.xi.rank; ++d)
    deps[nd++] = t.xi.v[d];
  for (int d = 0; off && d < t.ki.rank; ++d)
    deps[nd++] = t.ki.v[d];
  return guarded(k, cond, deps, nd, w->acc, tap_value, &t, const_fn, &none);
}

static bool window_attrs(kctx *k, MlirOperation op, win_args *w) {
  w->ns = rank_of(w->in) - 2;
  if (w->ns < 1 || !attr_ints(k, op, "stride", w->st, w->ns) ||
      !attr_ints(k, op, "padding", w->pad, w->ns) ||
      !attr_ints(k, op, "dilation", w->dil, w->ns))
    return false;
  for (int d = 0; d < w->ns; ++d)
    w->in_n[d] = dim_of(w->in, 2 + d);
  return true;
}

static int conv_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  intptr_t n = mlirOperationGetNumOperands(op);
  win_args w = {.in = mlirOperationGetOperand(op, 0),
                .w = mlirOperationGetOperand(op, 1)};
  int64_t groups;
  if (!window_attrs(k, op, &w) || !mlyOpGetI64(op, "groups", &groups) ||
      groups < 1)
    return fail(k, op, "bad conv attributes"), -1;
  int64_t C = dim_of(w.in, 1), Cout = dim_of(w.w, 0);
  w.cg = C / groups;
  int64_t og = Cout / groups;
  for (int d = 0; d < w.ns; ++d)
    w.k[d] = dim_of(w.w, 2 + d);
  w.acc = acc_type(k, elt_of(v));
  w.kind = R_SUM;
  w.base = ix_none(ix->rank);
  w.base.v[0] = ix->v[0];
  w.co = ix->v[1];
  w.cbase = iop(k, I_MUL, iop(k, I_DIV, ix->v[1], ic(k, og)), ic(k, w.cg));
  for (int d = 0; d < w.ns; ++d)
    w.o[d] = ix->v[2 + d];
  int64_t taps = w.cg;
  for (int d = 0; d < w.ns; ++d)
    taps *= w.k[d];
  int x = acc_loop(k, ix->v, ix->rank, taps, R_SUM, w.acc, win_body, &w);
  if (x >= 0 && n == 3) {
    ixt bi = ix_none(1);
    bi.v[0] = ix->v[1];
    int b = val_at(k, mlirOperationGetOperand(op, 2), &bi);
    if (b < 0)
      return -1;
    b = convert(k, b, elt_of(mlirOperationGetOperand(op, 2)), w.acc);
    x = combine(k, R_SUM, w.acc, x, b);
  }
  return x < 0 ? -1 : convert(k, x, w.acc, elt_of(v));
}

static int pool_at(kctx *k, MlirOperation op, MlirValue v, const ixt *ix) {
  win_args w = {.in = mlirOperationGetOperand(op, 0)};
  bool include_pad = false;
  if (!window_attrs(k, op, &w) || !attr_ints(k, op, "window", w.k, w.ns) ||
      !mlyOpGetBool(op, "count_include_pad", &include_pad))
    return fail(k, op, "bad pool attributes"), -1;
  bool avg = mlyOpStrIs(op, "kind", "avg");
  w.kind = avg ? R_SUM : R_MAX;
  w.acc = avg ? f32_t(k) : acc_type(k, elt_of(v));
  w.base = ix_none(ix->rank);
  w.base.v[0] = ix->v[0];
  w.base.v[1] = ix->v[1];
  for (int d = 0; d < w.ns; ++d)
    w.o[d] = ix->v[2 + d];
  int64_t taps = 1;
  for (int d = 0; d < w.ns; ++d)
    taps *= w.k[d];
  int x = acc_loop(k, ix->v, ix->rank, taps, w.kind, w.acc, win_body, &w);
  if (x < 0 || !avg)
    return x < 0 ? -1 : convert(k, x, w.acc, elt_of(v));
  int cnt;
  if (include_pad)
    cnt = sc_const(k, w.acc, (double)taps);
  else {
    w.count = true;
    cnt = acc_loop(k, ix->v, ix->rank, taps, R_SUM, w.acc, win_body, &w);
    if (cnt < 0)
      return -1;
  }
  int xs[2] = {x, cnt};
  x = scalar(k, xs, 2, "arith.divf %%v%d, %%v%d : f32", x, cnt);
  return convert(k, x, w.acc, elt_of(v));
}

static int val_at(kctx *k, MlirValue v, const ixt *ix) {
  if (k->failed || k->e.oom)
    return -1;
  int64_t key[KMAX];
  int nk = 0;
  key[nk++] = K_VAL;
  key[nk++] = (int64_t)(intptr_t)v.ptr;
  for (int i = 0; i < ix->rank; ++i)
    key[nk++] = ix->v[i];
  memo_e *m = memo_find(k, key, nk);
  if (m)
    return m->v[0];
  int r = -1, i = in_index(k, v);
  if (i >= 0)
    r = load(k, i, mlirValueGetType(v), ix);
  else if (!mlirValueIsAOpResult(v))
    return fail(k, (MlirOperation){NULL}, "a value of %s reaches outside it",
                k->ks->name),
           -1;
  else {
    MlirOperation op = mlirOpResultGetOwner(v);
    char nb[64];
    const char *name = mly_name(op, nb, sizeof nb);
    if (mlirOperationGetNumResults(op) != 1)
      return fail(k, op, "expected one result"), -1;
    if (!strcmp(name, "constant"))
      r = constant_at(k, op, v, ix);
    else if (mlyUnaryKindOf(op) >= 0 || mlyBinaryKindOf(op) >= 0 ||
             !strcmp(name, "select") || !strcmp(name, "cast") ||
             !strcmp(name, "cmp"))
      r = elementwise_at(k, op, name, ix);
    else if (!strcmp(name, "iota"))
      r = iota_at(k, op, v, ix);
    else if (!strcmp(name, "broadcast_in_dim"))
      r = broadcast_at(k, op, ix);
    else if (!strcmp(name, "reshape"))
      r = reshape_at(k, op, v, ix);
    else if (!strcmp(name, "transpose"))
      r = transpose_at(k, op, ix);
    else if (!strcmp(name, "slice"))
      r = slice_at(k, op, ix);
    else if (!strcmp(name, "pad"))
      r = pad_at(k, op, v, ix);
    else if (!strcmp(name, "concat"))
      r = concat_at(k, op, v, ix);
    else if (!strcmp(name, "gather"))
      r = gather_at(k, op, ix);
    else if (!strcmp(name, "reduce"))
      r = reduce_at(k, op, v, ix);
    else if (!strcmp(name, "scan"))
      r = scan_at(k, op, v, ix);
    else if (!strcmp(name, "matmul"))
      r = matmul_at(k, op, v, ix);
    else if (!strcmp(name, "conv"))
      r = conv_at(k, op, v, ix);
    else if (!strcmp(name, "pool"))
      r = pool_at(k, op, v, ix);
    else
      return fail(k, op, "has no GPU lowering"), -1;
  }
  if (r >= 0)
    memo_put(k, key, nk, &r, 1, node_of(k, r));
  return r;
}

/* ---- schedules ---- */

static int64_t pow2_at_least(int64_t n, int64_t lo, int64_t hi);

static void thread_ids(kctx *k) {
  k->tid = fresh(k, 0);
  k->bid = fresh(k, 0);
  at(k, 0);
  mlyEmitF(&k->e, "      %%v%d = gpu.thread_id x\n", k->tid);
  mlyEmitF(&k->e, "      %%v%d = gpu.block_id x\n", k->bid);
}

/* Writes output j of the kernel at ix from the cursor's scope. */
static bool write_out(kctx *k, int j, const ixt *ix) {
  MlirValue v = k->ks->out[j];
  int y = val_at(k, v, ix);
  if (y < 0)
    return false;
  store(k, y, k->ks->n_in + j, mlirValueGetType(v), ix);
  return true;
}

/* `scf.if cond { <body> }` into the cursor's scope; the body (a guard)
 * is written by fn between open and close. */
typedef bool (*body_fn)(kctx *k, void *ud);
static bool if_then(kctx *k, int cond, body_fn fn, void *ud) {
  int parent = k->cur;
  int s = open_region(k, parent, true);
  bool ok = fn(k, ud);
  char *text = close_region(k, s, parent);
  at(k, parent);
  mlyEmitF(&k->e, "      scf.if %%v%d {\n%s      }\n", cond, text ? text : "");
  free(text);
  return ok;
}

/* `scf.for %i = lo to hi step st { <body> }` into the cursor's scope. */
typedef bool (*loop_fn)(kctx *k, int iv, void *ud);
static bool for_loop(kctx *k, int lo, int hi, int st, loop_fn fn, void *ud) {
  int parent = k->cur;
  int s = open_region(k, parent, false);
  int iv = fresh(k, s);
  bool ok = fn(k, iv, ud);
  char *text = close_region(k, s, parent);
  at(k, parent);
  mlyEmitF(&k->e, "      scf.for %%v%d = %%v%d to %%v%d step %%v%d {\n%s      }\n",
           iv, lo, hi, st, text ? text : "");
  free(text);
  return ok;
}

typedef struct outs_args {
  int l;      /* linear element index */
  int n_sel;  /* outputs written: sel[0..n_sel) */
  int sel[64];
} outs_args;

static bool write_linear(kctx *k, void *ud) {
  outs_args *a = ud;
  for (int i = 0; i < a->n_sel; ++i) {
    MlirValue v = k->ks->out[a->sel[i]];
    int64_t dims[RANK];
    dims_of(v, dims);
    ixt ix = delin(k, a->l, dims, rank_of(v));
    if (!write_out(k, a->sel[i], &ix))
      return false;
  }
  return true;
}

static bool write_linear_loop(kctx *k, int iv, void *ud) {
  outs_args *a = ud;
  a->l = iv;
  return write_linear(k, a);
}

/* Output j (and every later one of the same size in sel) by a grid-stride
 * loop over its elements. */
static bool grid_stride(kctx *k, const int *sel, int n_sel, int64_t grid,
                        int B) {
  outs_args a = {.n_sel = n_sel};
  memcpy(a.sel, sel, (size_t)n_sel * sizeof *sel);
  int64_t n = numel(k->ks->out[sel[0]]);
  int first = iop(k, I_ADD, iop(k, I_MUL, k->bid, ic(k, B)), k->tid);
  return for_loop(k, first, ic(k, n), ic(k, grid * B), write_linear_loop, &a);
}

/* ---- vector lanes ----
 * A thread of the elementwise and row schedules may take V consecutive
 * elements (lanes) of its outputs, V a power of two that divides every
 * innermost extent involved, so a vector never crosses a row. Values are
 * computed lane by lane, operand before op (lanes_walk): the lanes' loads
 * of one buffer come out adjacent, at indices that differ by a constant
 * in the innermost position, then the lanes' stores. With the targets'
 * 16-byte aligned buffers (targets/mly_target.h), a target's compiler
 * can merge them into one vector access. */

#define VMAX 8

typedef struct lanes {
  int V;
  ixt ix[VMAX];
  const void *seen[256];
  int n_seen;
} lanes;

static bool is_elementwise(MlirOperation op);
static bool same_shape(MlirValue a, MlirValue b);

/* ix moved c elements along its innermost dimension. */
static ixt lane_ix(kctx *k, const ixt *ix, int c) {
  ixt o = *ix;
  if (!c || !o.rank)
    return o;
  o.v[o.rank - 1] = iop(k, I_ADD, o.v[o.rank - 1], ic(k, c));
  o.lin = ix->lin >= 0 ? iop(k, I_ADD, ix->lin, ic(k, c)) : -1;
  return o;
}

static void lanes_from(kctx *k, lanes *L, int V, const ixt *base) {
  L->V = V;
  L->n_seen = 0;
  for (int c = 0; c < V; ++c)
    L->ix[c] = lane_ix(k, base, c);
}

/* v at every lane; through elementwise ops of v's shape and through
 * broadcasts the operands' lanes first (depth-limited; deeper values are
 * computed as val_at reaches them, which is correct, only unordered). */
static bool lanes_walk(kctx *k, lanes *L, MlirValue v, int depth) {
  for (int i = 0; i < L->n_seen; ++i)
    if (L->seen[i] == v.ptr)
      return true;
  if (L->n_seen < 256)
    L->seen[L->n_seen++] = v.ptr;
  if (depth < 48 && in_index(k, v) < 0 && mlirValueIsAOpResult(v)) {
    MlirOperation op = mlirOpResultGetOwner(v);
    char nb[64];
    if (is_elementwise(op))
      for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
        MlirValue w = mlirOperationGetOperand(op, i);
        if (same_shape(w, v) && !lanes_walk(k, L, w, depth + 1))
          return false;
      }
    else if (!strcmp(mly_name(op, nb, sizeof nb), "broadcast_in_dim")) {
      lanes in = {.V = L->V};
      for (int c = 0; c < L->V; ++c)
        if (!broadcast_ix(k, op, &L->ix[c], &in.ix[c]))
          return false;
      if (!lanes_walk(k, &in, mlirOperationGetOperand(op, 0), depth + 1))
        return false;
    }
  }
  for (int c = 0; c < L->V; ++c)
    if (val_at(k, v, &L->ix[c]) < 0)
      return false;
  return true;
}

/* The bytes of v's elements as buffers hold them (i1: one byte; 1 for
 * an empty tensor, which takes no lanes anyway). */
static int64_t elt_bytes(MlirValue v) {
  int64_t n = numel(v), b = mlyTypeNumBytes(mlirValueGetType(v));
  return n > 0 && b > 0 ? b / n : 1;
}

/* The lane count the options ask for: `vec`, or with vec=0 16 bytes of
 * the widest element among the kernel's outputs and the inputs of an
 * output's shape (read lane by lane; an i64 index tensor of a gather or
 * a broadcast bias is not) (at most VMAX). */
static int vec_wanted(kctx *k) {
  if (k->o->vec)
    return k->o->vec;
  int64_t w = 1;
  for (int i = 0; i < k->ks->n_in + k->ks->n_out; ++i) {
    MlirValue v = i < k->ks->n_in ? k->ks->in[i] : k->ks->out[i - k->ks->n_in];
    bool read = i >= k->ks->n_in;
    for (int j = 0; !read && j < k->ks->n_out; ++j)
      read = same_shape(v, k->ks->out[j]);
    if (read && elt_bytes(v) > w)
      w = elt_bytes(v);
  }
  int V = (int)(16 / w);
  return V < 1 ? 1 : V > VMAX ? VMAX : V;
}

/* Whether V lanes fit value v: its innermost extent is a multiple of V. */
static bool lanes_fit(MlirValue v, int V) {
  int r = rank_of(v);
  return V == 1 || (r > 0 && dim_of(v, r - 1) % V == 0);
}

/* Whether V lanes fit every output of the kernel. */
static bool outs_fit(kctx *k, int V) {
  for (int j = 0; j < k->ks->n_out; ++j)
    if (!lanes_fit(k->ks->out[j], V))
      return false;
  return true;
}

typedef struct vec_args {
  int base;   /* vector index: lane 0 is element base V */
  int V;
  int n_sel;  /* outputs written: sel[0..n_sel) */
  int sel[64];
} vec_args;

/* The selected outputs at elements base V .. base V + V - 1: every value
 * first, then the stores. */
static bool write_lanes(kctx *k, void *ud) {
  vec_args *a = ud;
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < a->n_sel; ++i) {
      MlirValue v = k->ks->out[a->sel[i]];
      int64_t dims[RANK];
      dims_of(v, dims);
      ixt b = delin_vec(k, a->base, dims, rank_of(v), a->V);
      lanes L;
      lanes_from(k, &L, a->V, &b);
      if (!pass && !lanes_walk(k, &L, v, 0))
        return false;
      for (int c = 0; pass && c < a->V; ++c)
        if (!write_out(k, a->sel[i], &L.ix[c]))
          return false;
    }
  return true;
}

static bool sched_elementwise(kctx *k, int64_t grid[3], int64_t block[3]) {
  int n_out = k->ks->n_out;
  int64_t max = 1;
  for (int j = 0; j < n_out; ++j)
    if (numel(k->ks->out[j]) > max)
      max = numel(k->ks->out[j]);
  int V = vec_wanted(k);
  while (!outs_fit(k, V))
    V /= 2;
  int B = (int)pow2_at_least((max + V - 1) / V, 32, k->o->block_size);
  /* E vectors a thread, B apart (a workgroup covers E B V consecutive
   * elements; more loads in flight per thread) */
  int E = k->o->elems_per_thread;
  while (E > 1 && (int64_t)B * V * (E / 2) >= max)
    E /= 2;
  k->schedule = "elementwise";
  k->vec = V;
  int64_t span = (int64_t)B * E * V;
  grid[0] = (max + span - 1) / span;
  block[0] = B;
  thread_ids(k);
  int first = iop(k, I_ADD, iop(k, I_MUL, k->bid, ic(k, (int64_t)B * E)),
                  k->tid);
  for (int r = 0; r < E; ++r) {
    bool done[64] = {false};
    int q = iop(k, I_ADD, first, ic(k, (int64_t)B * r));
    int l = iop(k, I_MUL, q, ic(k, V));
    for (int j = 0; j < n_out; ++j) {
      if (done[j])
        continue;
      vec_args a = {.base = q, .V = V};
      int64_t n = numel(k->ks->out[j]);
      for (int i = j; i < n_out; ++i)
        if (!done[i] && numel(k->ks->out[i]) == n)
          a.sel[a.n_sel++] = i, done[i] = true;
      if (n == 0)
        continue;
      if (!if_then(k, iop(k, I_LT, l, ic(k, n)), write_lanes, &a))
        return false;
    }
  }
  return true;
}

/* Ops of the kernel reachable from its outputs, defs before uses. */
typedef struct oplist {
  MlirOperation ops[512];
  int n;
  bool overflow;
} oplist;

static void collect(kctx *k, MlirValue v, oplist *l) {
  if (in_index(k, v) >= 0 || !mlirValueIsAOpResult(v))
    return;
  MlirOperation op = mlirOpResultGetOwner(v);
  for (int i = 0; i < l->n; ++i)
    if (mlirOperationEqual(l->ops[i], op))
      return;
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    collect(k, mlirOperationGetOperand(op, i), l);
  if (l->n == 512) {
    l->overflow = true;
    return;
  }
  l->ops[l->n++] = op;
}

static void collect_all(kctx *k, oplist *l) {
  l->n = 0;
  l->overflow = false;
  for (int j = 0; j < k->ks->n_out; ++j)
    collect(k, k->ks->out[j], l);
}

static bool same_shape(MlirValue a, MlirValue b) {
  if (rank_of(a) != rank_of(b))
    return false;
  for (int d = 0; d < rank_of(a); ++d)
    if (dim_of(a, d) != dim_of(b, d))
      return false;
  return true;
}

static int64_t pow2_at_least(int64_t n, int64_t lo, int64_t hi) {
  int64_t b = lo;
  while (b < n && b < hi)
    b *= 2;
  return b;
}

/* The row schedule (see mly_to_gpu.h). */
typedef struct row_plan {
  MlirOperation red[32];
  int n_red;
  MlirValue in;          /* the shape S every reduce reads */
  bool reduced[RANK];
  int64_t rows, cols;
  bool inner;            /* reduced dims are S's innermost */
} row_plan;

static bool plan_rows(kctx *k, row_plan *p) {
  oplist l;
  collect_all(k, &l);
  if (l.overflow)
    return false;
  p->n_red = 0;
  for (int i = 0; i < l.n; ++i) {
    char nb[64];
    if (strcmp(mly_name(l.ops[i], nb, sizeof nb), "reduce"))
      continue;
    if (p->n_red == 32 || reduce_kind(l.ops[i]) < 0)
      return false;
    p->red[p->n_red++] = l.ops[i];
  }
  if (!p->n_red)
    return false;
  p->in = mlirOperationGetOperand(p->red[0], 0);
  int r = rank_of(p->in);
  for (int i = 0; i < p->n_red; ++i) {
    MlirValue in = mlirOperationGetOperand(p->red[i], 0);
    int64_t rd[RANK], n_rd = 0;
    bool red[RANK] = {false};
    if (!same_shape(in, p->in))
      return false;
    if (!mlyOpGetI64Array(p->red[i], "dims", rd, RANK, &n_rd))
      return false;
    for (int64_t j = 0; j < n_rd; ++j) {
      if (rd[j] < 0 || rd[j] >= r)
        return false;
      red[rd[j]] = true;
    }
    if (i && memcmp(red, p->reduced, sizeof red))
      return false;
    memcpy(p->reduced, red, sizeof red);
  }
  p->rows = p->cols = 1;
  p->inner = true;
  bool seen_red = false;
  for (int d = 0; d < r; ++d) {
    if (p->reduced[d])
      p->cols *= dim_of(p->in, d), seen_red = true;
    else {
      p->rows *= dim_of(p->in, d);
      if (seen_red && dim_of(p->in, d) != 1)
        p->inner = false;
    }
  }
  return p->cols > 0 && p->rows > 0;
}

typedef struct row_ctx {
  row_plan *p;
  ixt rix;    /* S index with the kept dims of this workgroup's row */
  int nr, rd[RANK];
  int64_t rn[RANK];
  int sel;    /* output being written */
  int B;
  int V;      /* lanes: a thread's columns are V consecutive ones */
} row_ctx;

/* The index of output r->sel at column c V of the workgroup's row (see
 * delin_vec). */
static ixt row_out_ix(kctx *k, row_ctx *r, int c, int V) {
  MlirValue v = k->ks->out[r->sel];
  ixt ix;
  if (mlirTypeEqual(mlirValueGetType(v), mlirValueGetType(r->p->in))) {
    ixt cx = delin_vec(k, c, r->rn, r->nr, V);
    ix = r->rix;
    ix.lin = -1;
    for (int j = 0; j < r->nr; ++j)
      ix.v[r->rd[j]] = cx.v[j];
  } else {
    /* element c of row bid: when the output's trailing dims hold a row
     * exactly, the row indexes the leading dims and c the trailing ones
     * (the reductions' memoized index), else a linear index */
    int64_t dims[RANK], tail = 1;
    dims_of(v, dims);
    int rank = rank_of(v), q = 0;
    while (q < rank && tail < r->p->cols)
      tail *= dims[rank - 1 - q++];
    if (tail == r->p->cols && q < rank) {
      ixt hi = delin(k, k->bid, dims, rank - q);
      ixt lo = delin_vec(k, c, dims + rank - q, q, V);
      ix = hi;
      ix.rank = rank;
      ix.lin = -1;
      memcpy(ix.v + rank - q, lo.v, (size_t)q * sizeof *lo.v);
    } else {
      int l =
          iop(k, I_ADD, iop(k, I_MUL, k->bid, ic(k, r->p->cols / V)), c);
      ix = delin_vec(k, l, dims, rank, V);
    }
  }
  return ix;
}

static bool row_elem(kctx *k, int c, void *ud) {
  row_ctx *r = ud;
  ixt ix = row_out_ix(k, r, c, 1);
  return write_out(k, r->sel, &ix);
}

/* Columns c V .. c V + V - 1 of output r->sel: the values lane by lane,
 * then the stores. */
static bool row_lanes(kctx *k, row_ctx *r, int c) {
  ixt b = row_out_ix(k, r, c, r->V);
  lanes L;
  lanes_from(k, &L, r->V, &b);
  if (!lanes_walk(k, &L, k->ks->out[r->sel], 0))
    return false;
  for (int i = 0; i < r->V; ++i)
    if (!write_out(k, r->sel, &L.ix[i]))
      return false;
  return true;
}

static bool row_one(kctx *k, void *ud) {
  row_ctx *r = ud;
  MlirValue v = k->ks->out[r->sel];
  int64_t dims[RANK];
  dims_of(v, dims);
  ixt ix = delin(k, k->bid, dims, rank_of(v));
  return write_out(k, r->sel, &ix);
}

static const char *combine_name(int kind, MlirType t) {
  static const char *const fl[] = {"arith.addf", "arith.maximumf",
                                   "arith.minimumf", "arith.mulf"};
  static const char *const in[] = {"arith.addi", "arith.maxsi", "arith.minsi",
                                   "arith.muli"};
  return mlyEltClass(t) == MLY_ELT_FLOAT ? fl[kind] : in[kind];
}

typedef struct part_args {
  red_args *a;
  int kind;
  int acc;
} part_args;

/* Combines every thread's `val` (type t) with `kind` through workgroup
 * memory `wg` (B elements, B a power of two), in the cursor's scope;
 * every thread gets the total. A two-level tree of fan-in R (R the least
 * power of two with R R >= B) in three barriers, not log2(B): wg[tid] =
 * val, barrier; thread t < R combines wg[t], wg[t + R], ... (B / R of
 * them) into wg[t] (no other thread reads wg[t]), barrier; every thread
 * combines wg[0 .. R) in the same order (so all get the same total), a
 * barrier (wg may be reused right after). */
/* wg[idx[0]] combined with wg[idx[1]], ... wg[idx[n - 1]] in that
 * order, into the cursor's scope (wg_t: wg's memref type). */
static int wg_fold(kctx *k, int wg, const char *wg_t, int kind, MlirType t,
                   const int *idx, int n) {
  const char *tt = ty(k, t), *cn = combine_name(kind, t);
  int acc = -1;
  for (int j = 0; j < n; ++j) {
    int x = fresh(k, k->cur), y = j ? fresh(k, k->cur) : x;
    at(k, k->cur);
    mlyEmitF(&k->e, "      %%v%d = memref.load %%v%d[%%v%d] : %s\n", x, wg,
             idx[j], wg_t);
    if (j)
      mlyEmitF(&k->e, "      %%v%d = %s %%v%d, %%v%d : %s\n", y, cn, acc, x,
               tt);
    acc = y;
  }
  return acc;
}

static int tree_reduce(kctx *k, int wg, int B, int kind, MlirType t, int val) {
  const char *tt = ty(k, t);
  const char *wg_t = mlyEmitStr(
      &k->e, "memref<%dx%s, #gpu.address_space<workgroup>>", B, tt);
  int R = 1;
  while ((int64_t)R * R < B)
    R *= 2;
  int S = B / R, idx[32], cj[32];
  for (int j = 1; j < S; ++j)
    idx[j] = iop(k, I_ADD, k->tid, ic(k, (int64_t)R * j));
  for (int j = 0; j < R; ++j)
    cj[j] = ic(k, j);
  int cond = iop(k, I_LT, k->tid, ic(k, R));
  at(k, k->cur);
  mlyEmitF(&k->e,
           "      memref.store %%v%d, %%v%d[%%v%d] : %s\n      gpu.barrier\n",
           val, wg, k->tid, wg_t);
  at(k, k->cur);
  mlyEmitF(&k->e, "      scf.if %%v%d {\n", cond);
  idx[0] = k->tid;
  int acc = wg_fold(k, wg, wg_t, kind, t, idx, S);
  mlyEmitF(&k->e,
           "      memref.store %%v%d, %%v%d[%%v%d] : %s\n"
           "      }\n      gpu.barrier\n",
           acc, wg, k->tid, wg_t);
  int total = wg_fold(k, wg, wg_t, kind, t, cj, R);
  at(k, k->cur);
  mlyEmitF(&k->e, "      gpu.barrier\n");
  return total;
}

/* Whether a thread's columns of the row are few and whole (cols = U B V,
 * U V <= 32): the column loops are unrolled, so the thread's elements
 * (and what is computed from them) are loaded once, at indices every pass
 * shares through the memo, instead of once per pass. */
static bool row_unrolled(const row_ctx *r) {
  int64_t w = (int64_t)r->B * r->V;
  return r->p->cols % w == 0 && r->p->cols / r->B <= 32;
}

/* A thread's u-th vector of the row, tid + B u (columns from V times
 * that). */
static int row_vec(kctx *k, const row_ctx *r, int u) {
  return iop(k, I_ADD, k->tid, ic(k, (int64_t)r->B * u));
}

/* The tree over the threads' partials `part`, memoized as the reduce's
 * value at its index in this row. */
static bool row_total(kctx *k, row_ctx *r, MlirOperation op, red_args *a,
                      int kind, bool keep, int wg, int part) {
  at(k, 0);
  int total = tree_reduce(k, wg, r->B, kind, a->acc, part);
  MlirValue rv = mlirOperationGetResult(op, 0);
  int val = convert(k, total, a->acc, elt_of(rv));
  int64_t key[KMAX];
  int nk = 0;
  key[nk++] = K_VAL;
  key[nk++] = (int64_t)(intptr_t)rv.ptr;
  for (int d = 0; d < rank_of(a->in); ++d)
    if (!r->p->reduced[d])
      key[nk++] = r->rix.v[d];
    else if (keep)
      key[nk++] = ic(k, 0);
  memo_put(k, key, nk, &val, 1, 0);
  return true;
}

/* One reduction of the row: partials, a tree in workgroup memory, the
 * result in every thread (registered as the reduce's value). */
static bool row_reduce(kctx *k, row_ctx *r, MlirOperation op, int wg) {
  red_args a;
  int kind;
  if (!reduce_setup(k, op, NULL, &a, &kind))
    return false;
  bool keep = false;
  mlyOpGetBool(op, "keepdim", &keep);
  a.base = r->rix;
  a.base.lin = -1;
  if (mlyEltClass(a.acc) == MLY_ELT_BOOL)
    return fail(k, op, "boolean reductions have no row schedule");
  const char *at_t = ty(k, a.acc);
  /* partial over c = tid, tid + B, ... */
  int init = reduce_init(k, kind, a.acc);
  if (row_unrolled(r)) {
    int acc = init;
    for (int u = 0; u < r->p->cols / ((int64_t)r->B * r->V); ++u) {
      at(k, 0);
      ixt b = red_ix(k, &a, row_vec(k, r, u), r->V);
      lanes L;
      lanes_from(k, &L, r->V, &b);
      if (!lanes_walk(k, &L, a.in, 0))
        return false;
      for (int c = 0; c < r->V; ++c) {
        int x = val_at(k, a.in, &L.ix[c]);
        if (x < 0)
          return false;
        acc = combine(k, kind, a.acc, acc, convert(k, x, a.from, a.acc));
      }
    }
    return row_total(k, r, op, &a, kind, keep, wg, acc);
  }
  int res = fresh(k, 0);
  int s = open_region(k, 0, false);
  int iv = fresh(k, s), acc = fresh(k, s);
  int x = red_body(k, iv, &a);
  int y = x < 0 ? -1 : combine(k, kind, a.acc, acc, x);
  at(k, s);
  if (y >= 0)
    mlyEmitF(&k->e, "      scf.yield %%v%d : %s\n", y, at_t);
  char *text = close_region(k, s, 0);
  if (y < 0) {
    free(text);
    return false;
  }
  int cols = ic(k, r->p->cols), cb = ic(k, r->B);
  at(k, 0);
  mlyEmitF(&k->e,
           "      %%v%d = scf.for %%v%d = %%v%d to %%v%d step %%v%d "
           "iter_args(%%v%d = %%v%d) -> (%s) {\n%s      }\n",
           res, iv, k->tid, cols, cb, acc, init, at_t, text ? text : "");
  free(text);
  return row_total(k, r, op, &a, kind, keep, wg, res);
}

/* Whether V lanes fit the row schedule: the reduced dims innermost, the
 * thread's columns unrolled, and V dividing the innermost extent of the
 * reduced shape and of every output written per column. */
static bool row_lanes_fit(kctx *k, row_ctx *r) {
  if (r->V == 1)
    return true;
  if (!r->p->inner || !row_unrolled(r) || !lanes_fit(r->p->in, r->V))
    return false;
  for (int j = 0; j < k->ks->n_out; ++j)
    if (numel(k->ks->out[j]) == r->p->rows * r->p->cols &&
        !lanes_fit(k->ks->out[j], r->V))
      return false;
  return true;
}

static bool sched_row(kctx *k, row_plan *p, int64_t grid[3], int64_t block[3]) {
  row_ctx r = {.p = p};
  /* the most lanes that fit, with the most threads (a power of two up to
   * block-size, no more than the row needs) that fit them; never under
   * 64 threads unless one lane a thread would take fewer (a 32-thread
   * workgroup fills half an AMD wavefront, and caps an NVIDIA SM at half
   * its threads) */
  int64_t B1 = pow2_at_least(p->cols, 32, k->o->block_size);
  int64_t floor_b = B1 < 64 ? B1 : 64;
  for (r.V = vec_wanted(k); r.V > 1; r.V /= 2) {
    for (r.B = (int)pow2_at_least((p->cols + r.V - 1) / r.V, 32,
                                  k->o->block_size);
         r.B > floor_b && !row_lanes_fit(k, &r); r.B /= 2)
      ;
    if (r.B >= floor_b && row_lanes_fit(k, &r))
      break;
  }
  if (r.V == 1)
    r.B = (int)B1;
  k->vec = r.V;
  k->schedule = "row";
  grid[0] = p->rows;
  block[0] = r.B;
  thread_ids(k);
  int rank = rank_of(p->in);
  int64_t kd[RANK] = {0};
  int nk = 0;
  for (int d = 0; d < rank; ++d)
    if (!p->reduced[d])
      kd[nk++] = dim_of(p->in, d);
    else {
      r.rd[r.nr] = d;
      r.rn[r.nr++] = dim_of(p->in, d);
    }
  ixt kx = delin(k, k->bid, kd, nk);
  r.rix = ix_none(rank);
  for (int d = 0, j = 0; d < rank; ++d)
    r.rix.v[d] = p->reduced[d] ? ic(k, 0) : kx.v[j++];
  /* workgroup buffers, one per accumulator type */
  int wg_f = -1, wg_i = -1;
  for (int i = 0; i < p->n_red; ++i) {
    MlirType at_ = acc_type(k, elt_of(mlirOperationGetOperand(p->red[i], 0)));
    int *slot = mlyEltClass(at_) == MLY_ELT_FLOAT ? &wg_f : &wg_i;
    if (*slot < 0) {
      *slot = fresh(k, 0);
      char *d = NULL;
      if (asprintf(&d, "%s%s%%v%d: memref<%dx%s, #gpu.address_space<workgroup>>",
                   k->wg_decl ? k->wg_decl : "", k->wg_decl ? ", " : "", *slot,
                   r.B, ty(k, at_)) < 0)
        return k->e.oom = true, false;
      free(k->wg_decl);
      k->wg_decl = d;
    }
    if (!row_reduce(k, &r, p->red[i], *slot))
      return false;
  }
  /* outputs */
  for (int j = 0; j < k->ks->n_out; ++j) {
    MlirValue v = k->ks->out[j];
    int64_t n = numel(v);
    r.sel = j;
    bool same = mlirTypeEqual(mlirValueGetType(v), mlirValueGetType(p->in));
    if (n == p->rows * p->cols && (same || p->inner)) {
      for (int u = 0; row_unrolled(&r) && u < p->cols / ((int64_t)r.B * r.V);
           ++u) {
        at(k, 0);
        if (!row_lanes(k, &r, row_vec(k, &r, u)))
          return false;
      }
      if (!row_unrolled(&r) &&
          !for_loop(k, k->tid, ic(k, p->cols), ic(k, r.B), row_elem, &r))
        return false;
    } else if (n == p->rows) {
      if (!if_then(k, iop(k, I_EQ, k->tid, ic(k, 0)), row_one, &r))
        return false;
    } else if (n && !grid_stride(k, &j, 1, grid[0], r.B))
      return false;
  }
  return true;
}

/* ---- the tiled matmul schedule ---- */

/* Whether v reaches the value m (within the kernel). */
static bool depends(kctx *k, MlirValue v, MlirValue m, int depth) {
  if (mlirValueEqual(v, m))
    return true;
  if (depth > 64 || in_index(k, v) >= 0 || !mlirValueIsAOpResult(v))
    return false;
  MlirOperation op = mlirOpResultGetOwner(v);
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (depends(k, mlirOperationGetOperand(op, i), m, depth + 1))
      return true;
  return false;
}

static bool is_elementwise(MlirOperation op) {
  char nb[64];
  const char *n = mly_name(op, nb, sizeof nb);
  return mlyUnaryKindOf(op) >= 0 || mlyBinaryKindOf(op) >= 0 ||
         !strcmp(n, "select") || !strcmp(n, "cast") || !strcmp(n, "cmp");
}

static int fwd_operand(kctx *k, MlirOperation op, MlirValue m);

/* Whether output v is written by following m's elements forward: every op
 * between them is elementwise (followed through one operand), a reshape, a
 * transpose or a slice, so each output element has one element of m. */
static bool can_forward(kctx *k, MlirValue v, MlirValue m) {
  if (mlirValueEqual(v, m))
    return true;
  if (in_index(k, v) >= 0 || !mlirValueIsAOpResult(v))
    return false;
  MlirOperation op = mlirOpResultGetOwner(v);
  char nb[64];
  const char *n = mly_name(op, nb, sizeof nb);
  if (!strcmp(n, "reshape") || !strcmp(n, "transpose") || !strcmp(n, "slice"))
    return can_forward(k, mlirOperationGetOperand(op, 0), m);
  return is_elementwise(op) && fwd_operand(k, op, m) >= 0;
}

/* The operand of elementwise op through which it is followed forward from
 * m: the first that can be (the others are computed at its index and find
 * m's element there when their paths lead to the same index). */
static int fwd_operand(kctx *k, MlirOperation op, MlirValue m) {
  for (intptr_t i = 0, c = mlirOperationGetNumOperands(op); i < c; ++i) {
    MlirValue x = mlirOperationGetOperand(op, i);
    if (depends(k, x, m, 0) && can_forward(k, x, m))
      return (int)i;
  }
  return -1;
}

typedef struct fwd_st {
  MlirValue m;
  int n_guard;
  int guard[RANK], restore[RANK], cond[RANK];
} fwd_st;

/* v's value at the index its path gives m's element (cursor's index);
 * slices open guards (closed by fwd_close). */
static int fwd(kctx *k, fwd_st *f, MlirValue v, const ixt *mix, ixt *out) {
  if (mlirValueEqual(v, f->m)) {
    *out = *mix;
    return val_at(k, v, mix);
  }
  MlirOperation op = mlirOpResultGetOwner(v);
  char nb[64];
  const char *n = mly_name(op, nb, sizeof nb);
  MlirValue in = mlirOperationGetOperand(op, 0);
  ixt ix;
  if (!strcmp(n, "reshape") || !strcmp(n, "transpose") ||
      !strcmp(n, "slice")) {
    int x = fwd(k, f, in, mix, &ix);
    if (x < 0)
      return -1;
    int64_t vd[RANK], id[RANK];
    dims_of(v, vd);
    dims_of(in, id);
    if (!strcmp(n, "reshape")) {
      *out = delin(k, linearize(k, &ix, id), vd, rank_of(v));
    } else if (!strcmp(n, "transpose")) {
      int64_t perm[RANK];
      if (!attr_ints(k, op, "permutation", perm, ix.rank))
        return -1;
      *out = ix_none(ix.rank);
      for (int i = 0; i < ix.rank; ++i)
        out->v[i] = ix.v[perm[i]];
    } else {
      int64_t lo[RANK], hi[RANK], st[RANK];
      if (!attr_ints(k, op, "start_indices", lo, ix.rank) ||
          !attr_ints(k, op, "limit_indices", hi, ix.rank) ||
          !attr_ints(k, op, "strides", st, ix.rank))
        return -1;
      *out = ix_none(ix.rank);
      int cond = -1;
      for (int i = 0; i < ix.rank; ++i) {
        int d = iop(k, I_SUB, ix.v[i], ic(k, lo[i]));
        out->v[i] = iop(k, I_DIV, d, ic(k, st[i]));
        int c[3] = {-1, -1, -1};
        if (lo[i] > 0)
          c[0] = iop(k, I_GE, d, ic(k, 0));
        if (hi[i] < id[i])
          c[1] = iop(k, I_LT, ix.v[i], ic(k, hi[i]));
        if (st[i] > 1)
          c[2] = iop(k, I_EQ, iop(k, I_REM, d, ic(k, st[i])), ic(k, 0));
        for (int j = 0; j < 3; ++j)
          if (c[j] >= 0)
            cond = cond < 0 ? c[j] : iop(k, I_AND, cond, c[j]);
      }
      if (cond >= 0) {
        if (f->n_guard == RANK)
          return fail(k, op, "too many slices after a matmul"), -1;
        f->restore[f->n_guard] = k->cur;
        f->cond[f->n_guard] = cond;
        f->guard[f->n_guard++] = open_region(k, k->cur, true);
      }
    }
    int64_t key[KMAX];
    int nk = 0;
    key[nk++] = K_VAL;
    key[nk++] = (int64_t)(intptr_t)v.ptr;
    for (int i = 0; i < out->rank; ++i)
      key[nk++] = out->v[i];
    memo_put(k, key, nk, &x, 1, node_of(k, x));
    return x;
  }
  /* elementwise: the path operand forward, the others at its index */
  int args[3], path = fwd_operand(k, op, f->m);
  intptr_t c = mlirOperationGetNumOperands(op);
  if (path < 0 || c > 3)
    return fail(k, op, "internal: no path operand"), -1;
  int x = fwd(k, f, mlirOperationGetOperand(op, path), mix, out);
  if (x < 0)
    return -1;
  for (intptr_t i = 0; i < c; ++i)
    if ((args[i] = mlirValueEqual(mlirOperationGetOperand(op, i),
                                  mlirOperationGetOperand(op, path))
                       ? x
                       : val_at(k, mlirOperationGetOperand(op, i), out)) < 0)
      return -1;
  return val_at(k, v, out); /* op's operands are now memoized at out */
}

static void fwd_close(kctx *k, fwd_st *f) {
  while (f->n_guard) {
    --f->n_guard;
    int s = f->guard[f->n_guard], parent = f->restore[f->n_guard];
    char *text = close_region(k, s, parent);
    at(k, parent);
    mlyEmitF(&k->e, "      scf.if %%v%d {\n%s      }\n", f->cond[f->n_guard],
             text ? text : "");
    free(text);
  }
}

static void memo_val(kctx *k, MlirValue v, const ixt *ix, int val, int node);

/* In guard scope g (the cursor): m's element at mix is `val`; writes every
 * output with fwd[o] there, followed forward from it; closes g into its
 * parent (the kernel body) as `scf.if cond`. */
static bool forward_outputs(kctx *k, MlirValue m, const ixt *mix, int val,
                            const bool *fwd_o, int g, int cond) {
  if (val >= 0)
    memo_val(k, m, mix, val, g);
  bool ok = val >= 0;
  for (int o = 0; o < k->ks->n_out && ok; ++o) {
    if (!fwd_o[o])
      continue;
    fwd_st f = {.m = m};
    ixt oix;
    int y = fwd(k, &f, k->ks->out[o], mix, &oix);
    if (y >= 0)
      store(k, y, k->ks->n_in + o, mlirValueGetType(k->ks->out[o]), &oix);
    ok = y >= 0;
    fwd_close(k, &f);
  }
  char *text = close_region(k, g, 0);
  at(k, 0);
  mlyEmitF(&k->e, "      scf.if %%v%d {\n%s      }\n", cond, text ? text : "");
  free(text);
  return ok;
}

typedef struct tile_plan {
  MlirOperation mm;
  bool fwd[64]; /* output j written by the epilogue */
} tile_plan;

static bool plan_tiles(kctx *k, tile_plan *p) {
  oplist l;
  collect_all(k, &l);
  if (l.overflow || k->ks->n_out > 64)
    return false;
  int n = 0;
  for (int i = 0; i < l.n; ++i) {
    char nb[64];
    if (!strcmp(mly_name(l.ops[i], nb, sizeof nb), "matmul"))
      p->mm = l.ops[i], ++n;
  }
  if (n != 1)
    return false;
  MlirValue m = mlirOperationGetResult(p->mm, 0);
  if (mlyEltClass(elt_of(m)) != MLY_ELT_FLOAT || rank_of(m) < 2)
    return false;
  bool any = false;
  for (int j = 0; j < k->ks->n_out; ++j)
    any |= p->fwd[j] = can_forward(k, k->ks->out[j], m);
  return any;
}

/* A workgroup's BM x BN output tile; operand tiles of BK along k are
 * staged as type st (f32, or f16 for the MMA schedule) into As and Bs by
 * its NT threads. An operand tile is k-major (akm, bkm: element (k, i) at
 * slot k pitch + i) or not (i pitch + k), pitches la and lb. With nbuf 2
 * both tiles are double-buffered: the loop over k loads the next k tile
 * into registers (pre) before it multiplies the current one (buffers at
 * ao and bo), and stores them into the other buffers after. */
typedef struct tile_ctx {
  tile_plan *p;
  mm_args a;
  int64_t M, N, K;
  int R; /* scalar schedule: a thread's R x R outputs */
  int V; /* lanes: a thread stages runs of V elements (0, 1: single) */
  int BM, BN, BK, la, lb, NT;
  bool akm, bkm;
  int nbuf;
  int64_t asz, bsz; /* elements of one buffer of As, of Bs */
  MlirType st;
  int m0, n0, k0, As, Bs, ao, bo;
  const char *as_t, *bs_t;
  int npre, pre[TILE_MAX_PRE], slot[TILE_MAX_PRE];
  /* async: stage_load copies each run into the buffers at ao and bo
   * (nvgpu.device_async_copy), its tokens in tok */
  bool async;
  int ntok, tok[TILE_MAX_PRE], group; /* group: the last copies' token */
} tile_ctx;

typedef struct opnd_args {
  tile_ctx *t;
  bool lhs;
  ixt ix;
} opnd_args;

static int zero_fn(kctx *k, void *ud) {
  opnd_args *o = ud;
  return sc_const(k, o->t->st, 0);
}

static int opnd_fn(kctx *k, void *ud) {
  opnd_args *o = ud;
  MlirValue v = o->lhs ? o->t->a.l : o->t->a.r;
  int x = val_at(k, v, &o->ix);
  return x < 0 ? -1 : convert(k, x, elt_of(v), o->t->st);
}

/* Whether k tiles are whole (K a positive multiple of BK), and the lhs's
 * (rhs's) tiles too along M (N): then staging needs no guards. */
static bool whole_k(const tile_ctx *t) { return t->K > 0 && t->K % t->BK == 0; }

static bool whole_tiles(const tile_ctx *t, bool lhs) {
  return whole_k(t) && (lhs ? t->M % t->BM : t->N % t->BN) == 0;
}

/* Whether the lhs (rhs) is a kernel buffer of the staged type, which runs
 * of lanes read as vectors or copy asynchronously. */
static bool buffer_operand(kctx *k, const tile_ctx *t, bool lhs) {
  MlirValue v = lhs ? t->a.l : t->a.r;
  return in_index(k, v) >= 0 && mlirTypeEqual(elt_of(v), t->st);
}

/* nvgpu.device_async_copy of the V elements of the lhs (rhs) from ix on
 * into its staged tile at slot (plus the buffer offset ao or bo); the
 * token into t->tok. */
static bool async_copy(kctx *k, tile_ctx *t, bool lhs, const ixt *ix,
                       int slot, int V) {
  if (t->ntok == TILE_MAX_PRE)
    return fail(k, k->ks->anchor,
                "a tiled matmul copies more than %d runs a thread",
                TILE_MAX_PRE);
  MlirValue v = lhs ? t->a.l : t->a.r;
  int to = iop(k, I_ADD, slot, lhs ? t->ao : t->bo), tok = fresh(k, k->cur);
  at(k, k->cur);
  mlyEmitF(&k->e,
           "      %%v%d = nvgpu.device_async_copy %%v%d[%s], %%v%d[%%v%d], "
           "%d : %s to %s\n",
           tok, in_index(k, v), ix_text(k, ix), lhs ? t->As : t->Bs, to, V,
           memref_of(k, mlirValueGetType(v)), lhs ? t->as_t : t->bs_t);
  t->tok[t->ntok++] = tok;
  return true;
}

/* Loads the thread's elements of lhs[m0.., kb..] and rhs[kb.., n0..]
 * into t->pre (zeros past the operands' ends), their slots into
 * t->slot. Consecutive threads take consecutive elements along the
 * operand's contiguous dimension (coalesced loads); with t->V lanes, runs
 * of V of them, where that dimension is contiguous in the staged tile
 * too (so both the loads and the stores can be vectors). Whole tiles are
 * not guarded (the caller then keeps kb inside [0, K)), and their runs of
 * a buffer operand are one vector.load each. With t->async each run is
 * one asynchronous copy instead (t->tok), which needs exactly that. */
static bool stage_load(kctx *k, tile_ctx *t, int kb) {
  int R = t->a.base.rank;
  t->npre = 0;
  t->ntok = 0;
  for (int pass = 0; pass < 2; ++pass) {
    bool lhs = pass == 0;
    int E = lhs ? t->BM : t->BN;
    bool tr = lhs ? t->a.tl : t->a.tr;
    /* lhs [m, k] (tl: [k, m]); rhs [k, n] (tr: [n, k]) */
    bool fastk = lhs ? !tr : tr;
    bool km = lhs ? t->akm : t->bkm;
    int w = fastk ? t->BK : E, pitch = lhs ? t->la : t->lb;
    int V = t->V > 1 && fastk != km && w % t->V == 0 &&
                    (E * t->BK) % (t->NT * t->V) == 0
                ? t->V
                : 1;
    int wv = w / V;
    bool full = whole_tiles(t, lhs);
    bool runs = full && V > 1 && buffer_operand(k, t, lhs);
    if (t->async && !runs)
      return fail(k, k->ks->anchor,
                  "an asynchronous copy of a tile that is not whole runs "
                  "of a buffer");
    /* run tid + NT s: when wv divides NT, its fast index is tid % wv and
     * its slow one tid / wv + s NT / wv, which leaves one of each a
     * thread (cheaper to keep live across the k loop) */
    bool whole = t->NT % wv == 0;
    int f0 = iop(k, I_REM, k->tid, ic(k, wv));
    int s0 = iop(k, I_DIV, k->tid, ic(k, wv));
    for (int s = 0; s < E * t->BK / (t->NT * V); ++s) {
      int e = iop(k, I_ADD, k->tid, ic(k, t->NT * s));
      int fv = whole ? f0 : iop(k, I_REM, e, ic(k, wv));
      int slow = whole ? iop(k, I_ADD, s0, ic(k, s * (t->NT / wv)))
                       : iop(k, I_DIV, e, ic(k, wv));
      int f1 = iop(k, I_MUL, fv, ic(k, V));
      int run = -1; /* the run's vector.load */
      for (int c = 0; c < V; ++c) {
        int fast = iop(k, I_ADD, f1, ic(k, c));
        int kx = fastk ? fast : slow, ix = fastk ? slow : fast;
        int slot = km ? iop(k, I_ADD, iop(k, I_MUL, kx, ic(k, pitch)), ix)
                      : iop(k, I_ADD, iop(k, I_MUL, ix, ic(k, pitch)), kx);
        int x = -1;
        if (runs && c > 0) {
          const char *et = ty(k, t->st);
          x = scalar(k, &run, 1,
                     "vector.extract %%v%d[%d] : %s from vector<%dx%s>", run,
                     c, et, V, et);
        } else {
          int i = iop(k, I_ADD, lhs ? t->m0 : t->n0, ix);
          int j = iop(k, I_ADD, kb, kx);
          opnd_args o = {.t = t, .lhs = lhs, .ix = t->a.base};
          o.ix.lin = -1;
          bool ik = lhs ? tr : !tr; /* k is the operand's row */
          o.ix.v[R - 2] = ik ? j : i;
          o.ix.v[R - 1] = ik ? i : j;
          MlirValue ov = lhs ? t->a.l : t->a.r;
          if (t->async) {
            if (!async_copy(k, t, lhs, &o.ix, slot, V))
              return false;
            break; /* one copy a run */
          }
          if (runs) {
            const char *et = ty(k, t->st);
            run = vload(k, in_index(k, ov), mlirValueGetType(ov), &o.ix, V);
            x = scalar(k, &run, 1,
                       "vector.extract %%v%d[0] : %s from vector<%dx%s>", run,
                       et, V, et);
          } else if (full)
            x = opnd_fn(k, &o);
          else {
            int in =
                iop(k, I_AND, iop(k, I_LT, i, ic(k, lhs ? t->M : t->N)),
                    iop(k, I_LT, j, ic(k, t->K)));
            x = guarded(k, in, o.ix.v, o.ix.rank, t->st, opnd_fn, &o,
                        zero_fn, &o);
          }
        }
        if (x < 0)
          return false;
        if (t->npre == TILE_MAX_PRE)
          return fail(k, k->ks->anchor,
                      "a tiled matmul stages more than %d elements a thread",
                      TILE_MAX_PRE);
        t->slot[t->npre] = slot;
        t->pre[t->npre++] = x;
      }
    }
  }
  return true;
}

/* Stores t->pre into the buffers at ao and bo (SSA offsets), then a
 * barrier. */
static void stage_store(kctx *k, tile_ctx *t, int ao, int bo) {
  int na = t->BM * t->BK / t->NT;
  for (int e = 0; e < t->npre; ++e) {
    bool lhs = e < na;
    int slot = iop(k, I_ADD, t->slot[e], lhs ? ao : bo);
    at(k, k->cur);
    mlyEmitF(&k->e, "      memref.store %%v%d, %%v%d[%%v%d] : %s\n",
             t->pre[e], lhs ? t->As : t->Bs, slot, lhs ? t->as_t : t->bs_t);
  }
  at(k, k->cur);
  mlyEmitF(&k->e, "      gpu.barrier\n");
}

/* Sizes the buffers and picks double buffering when both copies and
 * `extra` bytes of other workgroup memory fit the workgroup memory budget
 * (the wgmem option). */
static void tile_buffers(kctx *k, tile_ctx *t, int64_t extra) {
  int64_t eb = mlirTypeIsAF16(t->st) ? 2 : 4,
          budget = (int64_t)k->o->wg_kib * 1024;
  t->asz = (int64_t)(t->akm ? t->BK : t->BM) * t->la;
  t->bsz = (int64_t)(t->bkm ? t->BK : t->BN) * t->lb;
  t->nbuf = 2 * (t->asz + t->bsz) * eb + extra <= budget ? 2 : 1;
}

static const char *ssa_list(kctx *k, const int *xs, int n, const char *sep) {
  const char *s = "";
  for (int i = 0; i < n; ++i)
    s = mlyEmitStr(&k->e, "%s%s%%v%d", s, i ? sep : "", xs[i]);
  return s;
}

/* "type, type, ..." of n types. */
static const char *type_list(kctx *k, const char *type, int n) {
  const char *s = "";
  for (int i = 0; i < n; ++i)
    s = mlyEmitStr(&k->e, "%s%s%s", s, i ? ", " : "", type);
  return s;
}

static const char *f32_list(kctx *k, int n) { return type_list(k, "f32", n); }

static const char *carried(kctx *k, const int *in, const int *init, int n) {
  const char *s = "";
  for (int i = 0; i < n; ++i)
    s = mlyEmitStr(&k->e, "%s%s%%v%d = %%v%d", s, i ? ", " : "", in[i],
                   init[i]);
  return s;
}

/* Emits `res = scf.for iv = lo to hi step st iter_args(in = init)` around
 * `body` at the cursor; the n carried values of type `type`. `unroll`
 * marks the loop mly.unroll (targets that can unroll it do). */
static void emit_for_t(kctx *k, const int *res, int iv, int lo, int hi,
                       int st, const int *in, const int *init, int n,
                       const char *type, const char *body, bool unroll) {
  const char *types = type_list(k, type, n);
  at(k, k->cur);
  mlyEmitF(&k->e,
           "      %s = scf.for %%v%d = %%v%d to %%v%d step %%v%d "
           "iter_args(%s) -> (%s) {\n%s      }%s\n",
           ssa_list(k, res, n, ", "), iv, lo, hi, st, carried(k, in, init, n),
           types, body ? body : "", unroll ? " {mly.unroll}" : "");
}

/* emit_for_t of f32 values, not unrolled. */
static void emit_for(kctx *k, const int *res, int iv, int lo, int hi, int st,
                     const int *in, const int *init, int n, const char *body) {
  emit_for_t(k, res, iv, lo, hi, st, in, init, n, "f32", body, false);
}

/* The workgroup's tile: batch index (t->a.base), first row m0 and column
 * n0, from the block id over batches x tm x tn tiles of BM x BN. */
static void tile_origin(kctx *k, tile_ctx *t, int64_t tm, int64_t tn,
                        const int64_t *bd, int rank) {
  int bn = iop(k, I_REM, k->bid, ic(k, tn));
  int q = iop(k, I_DIV, k->bid, ic(k, tn));
  int bm = iop(k, I_REM, q, ic(k, tm));
  int b = iop(k, I_DIV, q, ic(k, tm));
  ixt bx = delin(k, b, bd, rank - 2);
  t->a.base = ix_none(rank);
  memcpy(t->a.base.v, bx.v, (size_t)(rank - 2) * sizeof *bx.v);
  t->m0 = iop(k, I_MUL, bm, ic(k, t->BM));
  t->n0 = iop(k, I_MUL, bn, ic(k, t->BN));
}

/* Copies k tile `kb` into the stage at ao and bo asynchronously; the
 * group's token, or -1. */
static int async_tile(kctx *k, tile_ctx *t, int kb) {
  if (!stage_load(k, t, kb))
    return -1;
  int g = fresh(k, k->cur);
  at(k, k->cur);
  mlyEmitF(&k->e, "      %%v%d = nvgpu.device_async_create_group %s\n", g,
           ssa_list(k, t->tok, t->ntok, ", "));
  return g;
}

/* Waits until at most t->nbuf - 2 groups of copies are in flight (the
 * next k tile has landed), then a barrier. */
static void async_wait(kctx *k, tile_ctx *t) {
  at(k, k->cur);
  mlyEmitF(&k->e,
           "      nvgpu.device_async_wait %%v%d {numGroups = %d : i32}\n"
           "      gpu.barrier\n",
           t->group, t->nbuf - 2);
}

/* The staged buffers at stage `st` (SSA): ao, bo. */
static void stage_at(kctx *k, tile_ctx *t, int st) {
  t->ao = iop(k, I_MUL, st, ic(k, t->asz));
  t->bo = iop(k, I_MUL, st, ic(k, t->bsz));
}

/* Opens the k0 loop (*s) around n accumulators (res, accs). */
static void k0_open(kctx *k, tile_ctx *t, int n, int *res, int *accs,
                    int *s) {
  for (int i = 0; i < n; ++i)
    res[i] = fresh(k, 0);
  *s = open_region(k, 0, false);
  t->k0 = fresh(k, *s);
  for (int i = 0; i < n; ++i)
    accs[i] = fresh(k, *s);
}

/* Opens the loop over the staged tile inside scope s; returns its scope. */
static int kk_open(kctx *k, int s, int n, int *inner_res, int *inner_acc,
                   int *kk) {
  for (int i = 0; i < n; ++i)
    inner_res[i] = fresh(k, s);
  int s2 = open_region(k, s, false);
  *kk = fresh(k, s2);
  for (int i = 0; i < n; ++i)
    inner_acc[i] = fresh(k, s2);
  return s2;
}

/* tile_open of the asynchronous schedule (t->async, S = t->nbuf stages):
 * tiles 0 .. S-2 are copied before the k0 loop, whose iteration i copies
 * tile i + S - 1 into stage (i + S - 1) % S, then multiplies stage i % S.
 * Tiles past the last wrap to the first (K a multiple of BK): copied,
 * never read. */
static int async_open(kctx *k, tile_ctx *t, int n, int *res, int *accs,
                      int *inner_res, int *inner_acc, int *s, int *kk) {
  int S = t->nbuf;
  for (int st = 0; st + 1 < S; ++st) {
    stage_at(k, t, ic(k, st));
    if ((t->group = async_tile(k, t, ic(k, st * t->BK % t->K))) < 0)
      return -1;
  }
  async_wait(k, t);
  k0_open(k, t, n, res, accs, s);
  int it = iop(k, I_DIV, t->k0, ic(k, t->BK));
  stage_at(k, t, iop(k, I_REM, iop(k, I_ADD, it, ic(k, S - 1)), ic(k, S)));
  int nxt = iop(k, I_REM, iop(k, I_ADD, t->k0, ic(k, (S - 1) * t->BK)),
                ic(k, t->K));
  if ((t->group = async_tile(k, t, nxt)) < 0) {
    free(close_region(k, *s, 0));
    return -1;
  }
  stage_at(k, t, iop(k, I_REM, it, ic(k, S)));
  return kk_open(k, *s, n, inner_res, inner_acc, kk);
}

/* Opens the loops of a tiled schedule around n carried accumulators: the
 * k0 loop (*s) and the loop over the staged tile (the scope returned, iv
 * *kk); res, accs, inner_res and inner_acc get their SSA numbers. Double
 * buffered: the first tile is staged before the k0 loop, which prefetches
 * the next; else the k0 loop stages its tile. -1 when staging failed. */
static int tile_open(kctx *k, tile_ctx *t, int n, int *res, int *accs,
                     int *inner_res, int *inner_acc, int *s, int *kk) {
  if (t->async)
    return async_open(k, t, n, res, accs, inner_res, inner_acc, s, kk);
  int c0 = ic(k, 0);
  if (t->nbuf == 2) {
    if (!stage_load(k, t, c0))
      return -1;
    stage_store(k, t, c0, c0);
  }
  k0_open(k, t, n, res, accs, s);
  bool ok;
  if (t->nbuf == 2) {
    stage_at(k, t,
             iop(k, I_REM, iop(k, I_DIV, t->k0, ic(k, t->BK)), ic(k, 2)));
    /* the next tile; past the last one, unguarded loads (K a multiple
     * of BK) wrap to the first, which is staged and never read */
    int next = iop(k, I_ADD, t->k0, ic(k, t->BK));
    if (whole_k(t))
      next = iop(k, I_REM, next, ic(k, t->K));
    ok = stage_load(k, t, next);
  } else {
    t->ao = t->bo = c0;
    ok = stage_load(k, t, t->k0);
    if (ok)
      stage_store(k, t, c0, c0);
  }
  if (!ok) {
    free(close_region(k, *s, 0));
    return -1;
  }
  return kk_open(k, *s, n, inner_res, inner_acc, kk);
}

/* After the loop over the staged tile: the prefetched tile goes into the
 * other buffers (double buffered), then a barrier. */
static void tile_next(kctx *k, tile_ctx *t) {
  if (t->async)
    async_wait(k, t);
  else if (t->nbuf == 2)
    stage_store(k, t, iop(k, I_SUB, ic(k, t->asz), t->ao),
                iop(k, I_SUB, ic(k, t->bsz), t->bo));
  else {
    at(k, k->cur);
    mlyEmitF(&k->e, "      gpu.barrier\n");
  }
}

/* The scalar tiled schedule: a workgroup of TPB x TPB threads takes a
 * T x T output tile (tile), k in steps of TK (ktile); both operand tiles
 * are staged k-major (rows padded by 4 against bank conflicts) and
 * double-buffered when they fit. Thread (ty, tx) owns R x R outputs, R =
 * T / TPB, in runs of G = 4 (or 2, 1) adjacent rows and columns: rows
 * G ty + TPB G q + r for r < G, likewise columns, so its reads of a
 * staged k row are G-element vectors. */
static bool sched_tiled(kctx *k, tile_plan *p, int64_t grid[3],
                        int64_t block[3]) {
  int T = k->o->matmul_tile, TK = k->o->matmul_ktile;
  tile_ctx t = {.p = p, .BM = T, .BN = T, .BK = TK, .la = T + 4,
                .lb = T + 4, .NT = TPB * TPB, .akm = true, .bkm = true};
  t.st = f32_t(k);
  MlirValue m = mlirOperationGetResult(p->mm, 0);
  if (!matmul_setup(k, p->mm, &t.a, &t.K))
    return false;
  int rank = rank_of(m);
  t.M = dim_of(m, rank - 2);
  t.N = dim_of(m, rank - 1);
  t.R = T / TPB;
  int G = t.R % 4 == 0 ? 4 : t.R % 2 == 0 ? 2 : 1;
  int64_t tm = (t.M + T - 1) / T, tn = (t.N + T - 1) / T, nb = 1;
  int64_t bd[RANK];
  for (int d = 0; d < rank - 2; ++d)
    nb *= bd[d] = dim_of(m, d);
  k->schedule = "tiled";
  grid[0] = nb * tm * tn;
  block[0] = TPB * TPB;
  thread_ids(k);
  /* unpadded rows where the padded single buffers would not fit; none
   * at all: refused */
  int64_t budget = (int64_t)k->o->wg_kib * 1024;
  if ((int64_t)TK * (t.la + t.lb) * 4 > budget)
    t.la = t.lb = T;
  if ((int64_t)TK * (t.la + t.lb) * 4 > budget)
    return fail(k, k->ks->anchor,
                "tile=%d,ktile=%d stages %lld bytes of workgroup memory, over "
                "wgmem=%d KiB",
                T, TK, (long long)TK * (t.la + t.lb) * 4, k->o->wg_kib);
  tile_buffers(k, &t, 0);
  t.As = fresh(k, 0);
  t.Bs = fresh(k, 0);
  t.as_t = mlyEmitStr(&k->e, "memref<%" PRId64
                      "xf32, #gpu.address_space<workgroup>>",
                      t.nbuf * t.asz);
  t.bs_t = mlyEmitStr(&k->e, "memref<%" PRId64
                      "xf32, #gpu.address_space<workgroup>>",
                      t.nbuf * t.bsz);
  if (asprintf(&k->wg_decl, "%%v%d: %s, %%v%d: %s", t.As, t.as_t, t.Bs,
               t.bs_t) < 0)
    return k->e.oom = true, false;
  int tx = iop(k, I_MUL, iop(k, I_REM, k->tid, ic(k, TPB)), ic(k, G));
  int ty_ = iop(k, I_MUL, iop(k, I_DIV, k->tid, ic(k, TPB)), ic(k, G));
  int off[8]; /* a thread's i-th row (column) is ty_ (tx) + off[i] */
  for (int i = 0; i < t.R; ++i)
    off[i] = i / G * TPB * G + i % G;
  tile_origin(k, &t, tm, tn, bd, rank);
  int RR = t.R * t.R, zero = sc_const(k, f32_t(k), 0);
  int res[64], init[64], accs[64], inner_res[64], inner_acc[64], next[64];
  for (int i = 0; i < RR; ++i)
    init[i] = zero;
  /* for k0: stage, then for kk: acc += As[kk][row] * Bs[kk][col] */
  int s, kk;
  int s2 = tile_open(k, &t, RR, res, accs, inner_res, inner_acc, &s, &kk);
  if (s2 < 0)
    return false;
  int av[8], bv[8];
  for (int pass = 0; pass < 2; ++pass) {
    bool lhs = pass == 0;
    int base = iop(k, I_ADD, iop(k, I_MUL, kk, ic(k, lhs ? t.la : t.lb)),
                   iop(k, I_ADD, lhs ? t.ao : t.bo, lhs ? ty_ : tx));
    for (int i = 0; i < t.R; ++i) {
      int x = fresh(k, s2);
      (lhs ? av : bv)[i] = x;
      int at_ = iop(k, I_ADD, base, ic(k, off[i]));
      at(k, s2);
      mlyEmitF(&k->e, "      %%v%d = memref.load %%v%d[%%v%d] : %s\n", x,
               lhs ? t.As : t.Bs, at_, lhs ? t.as_t : t.bs_t);
    }
  }
  for (int i = 0; i < t.R; ++i)
    for (int j = 0; j < t.R; ++j) {
      int x = fresh(k, s2), y = fresh(k, s2);
      at(k, s2);
      mlyEmitF(&k->e, "      %%v%d = arith.mulf %%v%d, %%v%d : f32\n", x,
               av[i], bv[j]);
      mlyEmitF(&k->e, "      %%v%d = arith.addf %%v%d, %%v%d : f32\n", y,
               inner_acc[i * t.R + j], x);
      next[i * t.R + j] = y;
    }
  at(k, s2);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n", ssa_list(k, next, RR, ", "),
           f32_list(k, RR));
  char *inner = close_region(k, s2, s);
  int c0 = ic(k, 0), ctk = ic(k, TK), c1 = ic(k, 1), ck = ic(k, t.K);
  emit_for_t(k, inner_res, kk, c0, ctk, c1, inner_acc, accs, RR, "f32", inner,
             true);
  free(inner);
  tile_next(k, &t);
  at(k, s);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n",
           ssa_list(k, inner_res, RR, ", "), f32_list(k, RR));
  char *outer = close_region(k, s, 0);
  emit_for(k, res, t.k0, c0, ck, ctk, accs, init, RR, outer);
  free(outer);
  /* epilogue: each of the thread's elements forward to the outputs */
  for (int i = 0; i < t.R; ++i)
    for (int j = 0; j < t.R; ++j) {
      int mi = iop(k, I_ADD, t.m0, iop(k, I_ADD, ty_, ic(k, off[i])));
      int nj = iop(k, I_ADD, t.n0, iop(k, I_ADD, tx, ic(k, off[j])));
      int c = iop(k, I_AND, iop(k, I_LT, mi, ic(k, t.M)),
                  iop(k, I_LT, nj, ic(k, t.N)));
      int g = open_region(k, 0, true);
      ixt mix = t.a.base;
      mix.v[rank - 2] = mi;
      mix.v[rank - 1] = nj;
      int val = convert(k, res[i * t.R + j], f32_t(k), elt_of(m));
      if (!forward_outputs(k, m, &mix, val, p->fwd, g, c))
        return false;
    }
  /* outputs the epilogue cannot reach: computed where they are */
  for (int o = 0; o < k->ks->n_out; ++o)
    if (!p->fwd[o] && numel(k->ks->out[o]) &&
        !grid_stride(k, &o, 1, grid[0], TPB * TPB))
      return false;
  return true;
}


/* The MMA schedule ("tiled-mma"): f16 operands staged as f16 into
 * workgroup memory, the products accumulated in f32 by subgroup matrix
 * ops (gpu.subgroup_mma_*: tensor cores through ldmatrix and mma.sync in
 * the HIP target; the SPIR-V target refuses them) on 16 x 16 x 16
 * fragments. A workgroup of 8 subgroups of 32 lanes takes a 128 x 128
 * output tile in steps of 32 along k (64 with ktile=64); subgroup w owns
 * the 64 x 32 block at rows 64 (w / 4), columns 32 (w % 4): 4 x 2
 * accumulator fragments. Each operand is staged as it is stored (a
 * transposed one read back by transposed fragment loads), so a thread
 * stages runs of 8 halves contiguous in both memories, and whole tiles
 * of f16 buffers are read by 16-byte vector.loads, or copied by
 * asynchronous copies with stages >= 2 (mma_stages). Staged rows are
 * padded by 8 halves against bank conflicts (and keep every fragment
 * row 16-byte aligned). The epilogue stores each accumulator fragment into the
 * subgroup's 16 x 16 f32 scratch, and each lane forwards 8 of its
 * elements through the fused epilogue. */
enum { MMA_BM = 128, MMA_BN = 128, MMA_BK = 32, MMA_LANES = 32,
       MMA_FM = 4, MMA_FN = 2 };

static const char *const mma_a = "!gpu.mma_matrix<16x16xf16, \"AOp\">";
static const char *const mma_b = "!gpu.mma_matrix<16x16xf16, \"BOp\">";
static const char *const mma_c = "!gpu.mma_matrix<16x16xf32, \"COp\">";

/* Whether the MMA schedule applies: asked for, f16 operands (after any
 * prologue), f32 accumulation. */
static bool mma_fits(kctx *k, tile_plan *p) {
  MlirOperation mm = p->mm;
  return k->o->matmul_mma &&
         mlirTypeIsAF16(elt_of(mlirOperationGetOperand(mm, 0))) &&
         mlirTypeIsAF16(elt_of(mlirOperationGetOperand(mm, 1)));
}

/* A fragment load from workgroup memory buf (type bt) at slot off;
 * transposed (tr): the fragment's rows are the buffer's columns. */
static int mma_load(kctx *k, int s, const char *ft, int buf, const char *bt,
                    int off, int ld, bool tr) {
  int x = fresh(k, s);
  at(k, s);
  mlyEmitF(&k->e,
           "      %%v%d = gpu.subgroup_mma_load_matrix %%v%d[%%v%d] "
           "{leadDimension = %d : index%s} : %s -> %s\n",
           x, buf, off, ld, tr ? ", transpose" : "", bt, ft);
  return x;
}

/* Asynchronous stages (option stages >= 2): where both operands are f16
 * kernel buffers and every tile is whole, t->async with t->nbuf the most
 * stages, at most `stages`, whose buffers and `extra` bytes fit wgmem
 * (at least 2); else t is left as it was. */
static void mma_stages(kctx *k, tile_ctx *t, int64_t extra) {
  for (int lhs = 0; lhs < 2; ++lhs)
    if (!buffer_operand(k, t, lhs) || !whole_tiles(t, lhs))
      return;
  int64_t budget = (int64_t)k->o->wg_kib * 1024;
  for (int S = k->o->stages; S >= 2; --S)
    if (S * (t->asz + t->bsz) * 2 + extra <= budget) {
      t->async = true;
      t->nbuf = S;
      return;
    }
}

static bool sched_tiled_mma(kctx *k, tile_plan *p, int64_t grid[3],
                            int64_t block[3]) {
  enum { NW = (MMA_BM / (16 * MMA_FM)) * (MMA_BN / (16 * MMA_FN)),
         NF = MMA_FM * MMA_FN };
  int BK = k->o->matmul_ktile == 64 ? 64 : MMA_BK; /* ktile=64: 64 deep */
  tile_ctx t = {.p = p, .BM = MMA_BM, .BN = MMA_BN, .BK = BK,
                .NT = NW * MMA_LANES, .V = 8};
  MlirValue m = mlirOperationGetResult(p->mm, 0);
  if (!matmul_setup(k, p->mm, &t.a, &t.K))
    return false;
  /* each operand staged as it is stored, the contiguous dimension
   * contiguous (vector loads and stores); a k-major lhs or an n-major
   * rhs is read back by transposed fragment loads */
  t.akm = t.a.tl;
  t.bkm = !t.a.tr;
  t.la = (t.akm ? MMA_BM : BK) + 8;
  t.lb = (t.bkm ? MMA_BN : BK) + 8;
  t.st = mlirF16TypeGet(mlirTypeGetContext(elt_of(m)));
  int rank = rank_of(m);
  t.M = dim_of(m, rank - 2);
  t.N = dim_of(m, rank - 1);
  int64_t tm = (t.M + MMA_BM - 1) / MMA_BM, tn = (t.N + MMA_BN - 1) / MMA_BN;
  int64_t nb = 1, bd[RANK];
  for (int d = 0; d < rank - 2; ++d)
    nb *= bd[d] = dim_of(m, d);
  k->schedule = "tiled-mma";
  grid[0] = nb * tm * tn;
  block[0] = t.NT;
  thread_ids(k);
  t.As = fresh(k, 0);
  t.Bs = fresh(k, 0);
  int Cs = fresh(k, 0);
  int64_t scratch_bytes = (int64_t)NW * 256 * 4; /* the f32 scratch */
  tile_buffers(k, &t, scratch_bytes);
  mma_stages(k, &t, scratch_bytes);
  t.as_t = mlyEmitStr(&k->e, "memref<%" PRId64
                      "xf16, #gpu.address_space<workgroup>>",
                      t.nbuf * t.asz);
  t.bs_t = mlyEmitStr(&k->e, "memref<%" PRId64
                      "xf16, #gpu.address_space<workgroup>>",
                      t.nbuf * t.bsz);
  const char *cs_t = mlyEmitStr(
      &k->e, "memref<%dxf32, #gpu.address_space<workgroup>>", NW * 256);
  if (asprintf(&k->wg_decl, "%%v%d: %s, %%v%d: %s, %%v%d: %s", t.As, t.as_t,
               t.Bs, t.bs_t, Cs, cs_t) < 0)
    return k->e.oom = true, false;
  int w = iop(k, I_DIV, k->tid, ic(k, MMA_LANES));
  int lane = iop(k, I_REM, k->tid, ic(k, MMA_LANES));
  int NWN = MMA_BN / (16 * MMA_FN);
  int wm = iop(k, I_MUL, iop(k, I_DIV, w, ic(k, NWN)), ic(k, 16 * MMA_FM));
  int wn = iop(k, I_MUL, iop(k, I_REM, w, ic(k, NWN)), ic(k, 16 * MMA_FN));
  tile_origin(k, &t, tm, tn, bd, rank);
  int zero = sc_const(k, f32_t(k), 0), cz = fresh(k, 0);
  at(k, 0);
  mlyEmitF(&k->e, "      %%v%d = gpu.subgroup_mma_constant_matrix %%v%d : %s\n",
           cz, zero, mma_c);
  int res[NF], init[NF], accs[NF], inner_res[NF], inner_acc[NF], next[NF];
  for (int i = 0; i < NF; ++i)
    init[i] = cz;
  /* for k0: stage; for kk in the staged tile: acc += A[i] B[j] */
  int s, kk;
  int s2 = tile_open(k, &t, NF, res, accs, inner_res, inner_acc, &s, &kk);
  if (s2 < 0)
    return false;
  int af[MMA_FM], bf[MMA_FN];
  for (int i = 0; i < MMA_FM; ++i) {
    int row = iop(k, I_ADD, wm, ic(k, 16 * i));
    int off = t.akm ? iop(k, I_ADD, iop(k, I_MUL, kk, ic(k, t.la)),
                          iop(k, I_ADD, row, t.ao))
                    : iop(k, I_ADD, iop(k, I_MUL, row, ic(k, t.la)),
                          iop(k, I_ADD, kk, t.ao));
    af[i] = mma_load(k, s2, mma_a, t.As, t.as_t, off, t.la, t.akm);
  }
  for (int j = 0; j < MMA_FN; ++j) {
    int col = iop(k, I_ADD, wn, ic(k, 16 * j));
    int off = t.bkm ? iop(k, I_ADD, iop(k, I_MUL, kk, ic(k, t.lb)),
                          iop(k, I_ADD, col, t.bo))
                    : iop(k, I_ADD, iop(k, I_MUL, col, ic(k, t.lb)),
                          iop(k, I_ADD, kk, t.bo));
    bf[j] = mma_load(k, s2, mma_b, t.Bs, t.bs_t, off, t.lb, !t.bkm);
  }
  for (int i = 0; i < MMA_FM; ++i)
    for (int j = 0; j < MMA_FN; ++j) {
      int x = fresh(k, s2);
      at(k, s2);
      mlyEmitF(&k->e,
               "      %%v%d = gpu.subgroup_mma_compute %%v%d, %%v%d, %%v%d : "
               "%s, %s -> %s\n",
               x, af[i], bf[j], inner_acc[i * MMA_FN + j], mma_a, mma_b,
               mma_c);
      next[i * MMA_FN + j] = x;
    }
  at(k, s2);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n", ssa_list(k, next, NF, ", "),
           type_list(k, mma_c, NF));
  char *inner = close_region(k, s2, s);
  int c0 = ic(k, 0), c16 = ic(k, 16), cbk = ic(k, BK), ck = ic(k, t.K);
  emit_for_t(k, inner_res, kk, c0, cbk, c16, inner_acc, accs, NF, mma_c,
             inner, true);
  free(inner);
  tile_next(k, &t);
  at(k, s);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n",
           ssa_list(k, inner_res, NF, ", "), type_list(k, mma_c, NF));
  char *outer = close_region(k, s, 0);
  emit_for_t(k, res, t.k0, c0, ck, cbk, accs, init, NF, mma_c, outer, false);
  free(outer);
  /* epilogue: fragment by fragment through the subgroup's scratch */
  int scratch = iop(k, I_MUL, w, ic(k, 256));
  for (int i = 0; i < MMA_FM; ++i)
    for (int j = 0; j < MMA_FN; ++j) {
      at(k, 0);
      mlyEmitF(&k->e,
               "      gpu.subgroup_mma_store_matrix %%v%d, %%v%d[%%v%d] "
               "{leadDimension = 16 : index} : %s, %s\n      gpu.barrier\n",
               res[i * MMA_FN + j], Cs, scratch, mma_c, cs_t);
      for (int e = 0; e < 256 / MMA_LANES; ++e) {
        int el = iop(k, I_ADD, lane, ic(k, MMA_LANES * e));
        int r = iop(k, I_DIV, el, ic(k, 16)), c = iop(k, I_REM, el, ic(k, 16));
        int x = fresh(k, 0);
        at(k, 0);
        mlyEmitF(&k->e, "      %%v%d = memref.load %%v%d[%%v%d] : %s\n", x, Cs,
                 iop(k, I_ADD, scratch, el), cs_t);
        int mi = iop(k, I_ADD, t.m0, iop(k, I_ADD, wm, iop(k, I_ADD, r, ic(k, 16 * i))));
        int nj = iop(k, I_ADD, t.n0, iop(k, I_ADD, wn, iop(k, I_ADD, c, ic(k, 16 * j))));
        int cond = iop(k, I_AND, iop(k, I_LT, mi, ic(k, t.M)),
                       iop(k, I_LT, nj, ic(k, t.N)));
        int g = open_region(k, 0, true);
        ixt mix = t.a.base;
        mix.v[rank - 2] = mi;
        mix.v[rank - 1] = nj;
        int val = convert(k, x, f32_t(k), elt_of(m));
        if (!forward_outputs(k, m, &mix, val, p->fwd, g, cond))
          return false;
      }
      at(k, 0);
      mlyEmitF(&k->e, "      gpu.barrier\n");
    }
  for (int o = 0; o < k->ks->n_out; ++o)
    if (!p->fwd[o] && numel(k->ks->out[o]) &&
        !grid_stride(k, &o, 1, grid[0], t.NT))
      return false;
  return true;
}

/* ---- the attention schedule ---- */

/* A fused attention: s = scores (elementwise from m1 = Q K), r1 = max of
 * s over the keys, e = exp(s - H(r1)) for an elementwise H of the row,
 * r2 = sum of e over the keys, P = F(e, r2) linear in e, m2 = P V, and an
 * epilogue followed forward from m2. Run flash-attention style: one
 * workgroup per query row streams the keys in tiles of B, keeping a
 * running max, a running sum and a running P V rescaled whenever the max
 * grows (online softmax); F is applied once at the end. Scores are never
 * stored beyond one tile. */
typedef struct attn_plan {
  MlirOperation m1, m2, r1, r2;
  MlirValue s, e, h, p, v;
  bool fwd[64], side[64];
} attn_plan;

static bool is_splat_value(MlirValue v, double want) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation op = mlirOpResultGetOwner(v);
  char nb[64];
  if (strcmp(mly_name(op, nb, sizeof nb), "constant"))
    return false;
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseElements(a) ||
      !mlirDenseElementsAttrIsSplat(a))
    return false;
  MlirAttribute x = mlirDenseElementsAttrGetSplatValue(a);
  return mlirAttributeIsAFloat(x) && mlirFloatAttrGetValueDouble(x) == want;
}

static bool is_splat_zero(MlirValue v) { return is_splat_value(v, 0); }

/* Whether v is the same for every key of a row: splat constants,
 * broadcasts of row-shaped values ([.., 1]), elementwise ops of those. */
static bool row_level(kctx *k, MlirValue v, int depth) {
  if (depth > 32 || in_index(k, v) >= 0 || !mlirValueIsAOpResult(v))
    return false;
  MlirOperation op = mlirOpResultGetOwner(v);
  char nb[64];
  const char *n = mly_name(op, nb, sizeof nb);
  if (!strcmp(n, "constant")) {
    MlirAttribute a = mlirOperationGetAttributeByName(
        op, mlirStringRefCreateFromCString("value"));
    return !mlirAttributeIsNull(a) && mlirAttributeIsADenseElements(a) &&
           mlirDenseElementsAttrIsSplat(a);
  }
  if (!strcmp(n, "broadcast_in_dim")) {
    MlirValue in = mlirOperationGetOperand(op, 0);
    int r = rank_of(in);
    return r == rank_of(v) && dim_of(in, r - 1) == 1;
  }
  if (!is_elementwise(op))
    return false;
  for (intptr_t i = 0, c = mlirOperationGetNumOperands(op); i < c; ++i)
    if (!row_level(k, mlirOperationGetOperand(op, i), depth + 1))
      return false;
  return true;
}

/* Whether v = F(e) is linear in e with row-level coefficients. */
static bool linear_in(kctx *k, MlirValue v, MlirValue e, int depth) {
  if (mlirValueEqual(v, e))
    return true;
  if (depth > 32 || in_index(k, v) >= 0 || !mlirValueIsAOpResult(v))
    return false;
  MlirOperation op = mlirOpResultGetOwner(v);
  char nb[64];
  const char *n = mly_name(op, nb, sizeof nb);
  MlirValue a = mlirOperationGetOperand(op, 0);
  if (!strcmp(n, "div"))
    return linear_in(k, a, e, depth + 1) &&
           row_level(k, mlirOperationGetOperand(op, 1), 0);
  if (!strcmp(n, "mul")) {
    MlirValue b = mlirOperationGetOperand(op, 1);
    return (linear_in(k, a, e, depth + 1) && row_level(k, b, 0)) ||
           (row_level(k, a, 0) && linear_in(k, b, e, depth + 1));
  }
  if (!strcmp(n, "select")) {
    MlirValue x = mlirOperationGetOperand(op, 1),
              y = mlirOperationGetOperand(op, 2);
    bool lx = linear_in(k, x, e, depth + 1), ly = linear_in(k, y, e, depth + 1);
    return row_level(k, a, 0) && (lx || ly) && (lx || is_splat_zero(x)) &&
           (ly || is_splat_zero(y));
  }
  return false;
}

static bool keys_reduce(MlirOperation op, int kind, MlirValue like) {
  int64_t d[RANK], n = 0;
  bool keep = false;
  return reduce_kind(op) == kind && mlyOpGetBool(op, "keepdim", &keep) &&
         keep && mlyOpGetI64Array(op, "dims", d, RANK, &n) && n == 1 &&
         d[0] == rank_of(like) - 1 &&
         same_shape(mlirOperationGetOperand(op, 0), like);
}

static bool plan_attention(kctx *k, attn_plan *p) {
  oplist l;
  collect_all(k, &l);
  if (l.overflow || k->ks->n_out > 64)
    return false;
  MlirOperation mm[2], red[2];
  int n_mm = 0, n_red = 0;
  for (int i = 0; i < l.n; ++i) {
    char nb[64];
    const char *n = mly_name(l.ops[i], nb, sizeof nb);
    if (!strcmp(n, "matmul") && n_mm < 2)
      mm[n_mm++] = l.ops[i];
    else if (!strcmp(n, "matmul"))
      return false;
    if (!strcmp(n, "reduce") && n_red < 2)
      red[n_red++] = l.ops[i];
    else if (!strcmp(n, "reduce"))
      return false;
  }
  if (n_mm != 2 || n_red != 2)
    return false;
  p->m1 = mm[0], p->m2 = mm[1], p->r1 = red[0], p->r2 = red[1];
  MlirValue m1 = mlirOperationGetResult(p->m1, 0),
            m2 = mlirOperationGetResult(p->m2, 0);
  bool tl = true;
  if (!mlyOpGetBool(p->m2, "transpose_lhs", &tl) || tl ||
      mlyEltClass(elt_of(m2)) != MLY_ELT_FLOAT ||
      mlyEltClass(elt_of(m1)) != MLY_ELT_FLOAT || rank_of(m2) < 2)
    return false;
  p->s = mlirOperationGetOperand(p->r1, 0);
  p->e = mlirOperationGetOperand(p->r2, 0);
  p->p = mlirOperationGetOperand(p->m2, 0);
  p->v = mlirOperationGetOperand(p->m2, 1);
  if (!keys_reduce(p->r1, R_MAX, m1) || !keys_reduce(p->r2, R_SUM, m1) ||
      !same_shape(p->p, m1) || !depends(k, p->s, m1, 0) ||
      depends(k, p->v, m1, 0))
    return false;
  /* e = exp(s - broadcast(h)), h of the row and reaching r1 */
  if (!mlirValueIsAOpResult(p->e))
    return false;
  MlirOperation ex = mlirOpResultGetOwner(p->e);
  char nb[64];
  if (strcmp(mly_name(ex, nb, sizeof nb), "exp"))
    return false;
  MlirValue d = mlirOperationGetOperand(ex, 0);
  if (!mlirValueIsAOpResult(d))
    return false;
  MlirOperation sub = mlirOpResultGetOwner(d);
  if (strcmp(mly_name(sub, nb, sizeof nb), "sub") ||
      !mlirValueEqual(mlirOperationGetOperand(sub, 0), p->s))
    return false;
  MlirValue b = mlirOperationGetOperand(sub, 1);
  if (!mlirValueIsAOpResult(b) ||
      strcmp(mly_name(mlirOpResultGetOwner(b), nb, sizeof nb),
             "broadcast_in_dim"))
    return false;
  p->h = mlirOperationGetOperand(mlirOpResultGetOwner(b), 0);
  MlirValue r1 = mlirOperationGetResult(p->r1, 0);
  if (!same_shape(p->h, r1) || !row_level(k, b, 0) ||
      depends(k, p->h, m1, 0) != depends(k, p->h, r1, 0))
    return false;
  if (!linear_in(k, p->p, p->e, 0))
    return false;
  /* outputs: forward from m2, or apart from the attention */
  for (int j = 0; j < k->ks->n_out; ++j) {
    MlirValue o = k->ks->out[j];
    p->fwd[j] = depends(k, o, m2, 0) && can_forward(k, o, m2);
    p->side[j] = !depends(k, o, m1, 0) && !depends(k, o, p->v, 0);
    if (!p->fwd[j] && !p->side[j])
      return false;
  }
  return true;
}

typedef struct with_args {
  MlirValue target, sub;
  ixt ix, sub_ix;
  int sub_val;
} with_args;

static void memo_val(kctx *k, MlirValue v, const ixt *ix, int val, int node) {
  int64_t key[KMAX];
  int nk = 0;
  key[nk++] = K_VAL;
  key[nk++] = (int64_t)(intptr_t)v.ptr;
  for (int i = 0; i < ix->rank; ++i)
    key[nk++] = ix->v[i];
  memo_put(k, key, nk, &val, 1, node);
}

static int with_fn(kctx *k, void *ud) {
  with_args *w = ud;
  memo_val(k, w->sub, &w->sub_ix, w->sub_val, k->cur);
  return val_at(k, w->target, &w->ix);
}

/* target at ix, computed as if `sub` at sub_ix were sub_val (in a scope of
 * its own, so the substitution stays there). */
static int eval_with(kctx *k, MlirValue target, const ixt *ix, MlirValue sub,
                     const ixt *sub_ix, int sub_val) {
  with_args w = {.target = target, .sub = sub, .ix = *ix, .sub_ix = *sub_ix,
                 .sub_val = sub_val};
  MlirType t = elt_of(target);
  at_args zero = {.c = sc_const(k, t, 0)};
  int yes = sc_const(k, mlirIntegerTypeGet(mlirTypeGetContext(t), 1), 1);
  int deps[RANK + 1];
  memcpy(deps, ix->v, (size_t)ix->rank * sizeof *deps);
  deps[ix->rank] = sub_val;
  return guarded(k, yes, deps, ix->rank + 1, t, with_fn, &w, const_fn, &zero);
}

typedef struct pv_args {
  attn_plan *p;
  ixt vix; /* V index with batch set; key and column filled in */
  int j0, wgP, B, acc, alpha;
  const char *wg_t;
} pv_args;

static int pv_body(kctx *k, int t, void *ud) {
  pv_args *a = ud;
  int R = a->vix.rank, pt = fresh(k, k->cur);
  at(k, k->cur);
  mlyEmitF(&k->e, "      %%v%d = memref.load %%v%d[%%v%d] : %s\n", pt, a->wgP,
           t, a->wg_t);
  ixt vi = a->vix;
  bool tr = false;
  mlyOpGetBool(a->p->m2, "transpose_rhs", &tr);
  int j = iop(k, I_ADD, a->j0, t);
  if (tr)
    vi.v[R - 1] = j;
  else
    vi.v[R - 2] = j;
  int x = val_at(k, a->p->v, &vi);
  if (x < 0)
    return -1;
  x = convert(k, x, elt_of(a->p->v), f32_t(k));
  int xs[2] = {pt, x};
  return scalar(k, xs, 2, "arith.mulf %%v%d, %%v%d : f32", pt, x);
}

static int pv_fn(kctx *k, void *ud) {
  pv_args *a = ud;
  /* acc * alpha + sum over the tile's keys of P[t] V[j0 + t, d] */
  int cnt = iop(k, I_MIN, ic(k, a->B),
                iop(k, I_SUB, ic(k, dim_of(a->p->v, rank_of(a->p->v) - 2)),
                    a->j0));
  bool tr = false;
  mlyOpGetBool(a->p->m2, "transpose_rhs", &tr);
  if (tr)
    cnt = iop(k, I_MIN, ic(k, a->B),
              iop(k, I_SUB, ic(k, dim_of(a->p->v, rank_of(a->p->v) - 1)),
                  a->j0));
  int init = sc_const(k, f32_t(k), 0), c0 = ic(k, 0), c1 = ic(k, 1);
  int parent = k->cur, res = fresh(k, parent);
  int s = open_region(k, parent, false);
  int iv = fresh(k, s), acc = fresh(k, s);
  int x = pv_body(k, iv, a);
  if (x < 0) {
    free(close_region(k, s, parent));
    return -1;
  }
  int xs[2] = {acc, x};
  int y = scalar(k, xs, 2, "arith.addf %%v%d, %%v%d : f32", acc, x);
  at(k, s);
  mlyEmitF(&k->e, "      scf.yield %%v%d : f32\n", y);
  char *text = close_region(k, s, parent);
  at(k, parent);
  mlyEmitF(&k->e,
           "      %%v%d = scf.for %%v%d = %%v%d to %%v%d step %%v%d "
           "iter_args(%%v%d = %%v%d) -> (f32) {\n%s      }\n",
           res, iv, c0, cnt, c1, acc, init, text ? text : "");
  free(text);
  int ys[2] = {a->acc, a->alpha};
  int sc = scalar(k, ys, 2, "arith.mulf %%v%d, %%v%d : f32", a->acc, a->alpha);
  int zs[2] = {sc, res};
  return scalar(k, zs, 2, "arith.addf %%v%d, %%v%d : f32", sc, res);
}

static int keep_fn(kctx *k, void *ud) {
  (void)k;
  return ((pv_args *)ud)->acc;
}

/* alpha = exp(H(m_old) - H(m_new)), the factor that rescales the running
 * sum and P V when the max grows; 0 while nothing was summed (the i1
 * `empty`). -1 on failure. */
static int attn_alpha_if(kctx *k, attn_plan *p, const ixt *rix, int m_old,
                         int m_new, int empty) {
  MlirType f32 = f32_t(k);
  MlirValue r1 = mlirOperationGetResult(p->r1, 0);
  int m_old_t = convert(k, m_old, f32, elt_of(r1)),
      m_new_t = convert(k, m_new, f32, elt_of(r1));
  int h_old = eval_with(k, p->h, rix, r1, rix, m_old_t);
  int h_new = eval_with(k, p->h, rix, r1, rix, m_new_t);
  if (h_old < 0 || h_new < 0)
    return -1;
  h_old = convert(k, h_old, elt_of(p->h), f32);
  h_new = convert(k, h_new, elt_of(p->h), f32);
  int hd[2] = {h_old, h_new};
  int diff = scalar(k, hd, 2, "arith.subf %%v%d, %%v%d : f32", h_old, h_new);
  int ex = scalar(k, &diff, 1, "math.exp %%v%d : f32", diff);
  int zero = sc_const(k, f32, 0);
  int al[3] = {empty, zero, ex};
  return scalar(k, al, 3, "arith.select %%v%d, %%v%d, %%v%d : f32", empty, zero,
                ex);
}

/* attn_alpha_if with nothing summed yet when l_old is 0. */
static int attn_alpha(kctx *k, attn_plan *p, const ixt *rix, int m_old,
                      int m_new, int l_old) {
  int zero = sc_const(k, f32_t(k), 0);
  int lz[2] = {l_old, zero};
  int empty = scalar(k, lz, 2, "arith.cmpf oeq, %%v%d, %%v%d : f32", l_old,
                     zero);
  return attn_alpha_if(k, p, rix, m_old, m_new, empty);
}

/* The end of an attention kernel for one column: the row's P V element
 * (acc, with the sum already registered for r2) is F(acc, l); written to
 * the outputs at mix (m2's index) where `cond` holds. */
static bool attn_write(kctx *k, attn_plan *p, const ixt *rix, const ixt *mix,
                       int acc, int cond) {
  MlirValue m2 = mlirOperationGetResult(p->m2, 0);
  int g = open_region(k, 0, true);
  memo_val(k, p->e, rix, convert(k, acc, f32_t(k), elt_of(p->e)), g);
  /* P's value stands for the row's P V element at the column */
  int o = val_at(k, p->p, rix);
  if (o >= 0)
    o = convert(k, o, elt_of(p->p), elt_of(m2));
  return forward_outputs(k, m2, mix, o, p->fwd, g, cond);
}

/* Opens the key loop's body: n_car values carried (the running max from
 * -inf, the sum and the P V accumulators from 0), their results res[] in
 * the kernel body, their names car[] and the tile start *j0 in the loop.
 * Returns the loop's region. */
static int attn_open_loop(kctx *k, int n_car, int *init, int *res, int *car,
                          int *j0) {
  MlirType f32 = f32_t(k);
  init[0] = reduce_init(k, R_MAX, f32);
  for (int i = 1; i < n_car; ++i)
    init[i] = sc_const(k, f32, 0);
  for (int i = 0; i < n_car; ++i)
    res[i] = fresh(k, 0);
  int s = open_region(k, 0, false);
  *j0 = fresh(k, s);
  for (int i = 0; i < n_car; ++i)
    car[i] = fresh(k, s);
  return s;
}

/* Outputs apart from the attention, grid-strided over the workgroups. */
static bool attn_side(kctx *k, attn_plan *p, int64_t grid, int B) {
  for (int q = 0; q < k->ks->n_out; ++q)
    if (p->side[q] && numel(k->ks->out[q]) &&
        !grid_stride(k, &q, 1, grid, B))
      return false;
  return true;
}

static bool sched_attention(kctx *k, attn_plan *p, int64_t grid[3],
                            int64_t block[3]) {
  MlirValue m1 = mlirOperationGetResult(p->m1, 0),
            m2 = mlirOperationGetResult(p->m2, 0),
            r1 = mlirOperationGetResult(p->r1, 0),
            r2 = mlirOperationGetResult(p->r2, 0);
  int rank = rank_of(m2);
  int64_t Sk = dim_of(m1, rank - 1), Dv = dim_of(m2, rank - 1);
  int B = (int)pow2_at_least(Sk, 32, k->o->block_size);
  int RD = (int)((Dv + B - 1) / B);
  if (RD > 8)
    return fail(k, p->m2, "attention: the value width exceeds 8 x %d", B);
  int64_t rows = 1, rd[RANK] = {0};
  for (int d = 0; d < rank - 1; ++d)
    rows *= rd[d] = dim_of(m2, d);
  k->schedule = "attention";
  grid[0] = rows;
  block[0] = B;
  thread_ids(k);
  MlirType f32 = f32_t(k);
  int wgS = fresh(k, 0), wgP = fresh(k, 0);
  const char *wg_t =
      mlyEmitStr(&k->e, "memref<%dxf32, #gpu.address_space<workgroup>>", B);
  if (asprintf(&k->wg_decl, "%%v%d: %s, %%v%d: %s", wgS, wg_t, wgP, wg_t) < 0)
    return k->e.oom = true, false;
  /* the row: batch dims and query i */
  ixt row = delin(k, k->bid, rd, rank - 1);
  ixt rix = ix_none(rank); /* index of row-shaped values [.., i, 0] */
  memcpy(rix.v, row.v, (size_t)(rank - 1) * sizeof *rix.v);
  rix.v[rank - 1] = ic(k, 0);
  int c0 = ic(k, 0), cS = ic(k, Sk), cB = ic(k, B);
  /* the key loop: m, l, acc[RD] carried */
  int n_car = 2 + RD, res[10], car[10], init[10], next[10], j0;
  int s = attn_open_loop(k, n_car, init, res, car, &j0);
  int j = iop(k, I_ADD, j0, k->tid);
  int in = iop(k, I_LT, j, cS);
  ixt six = rix;
  six.v[rank - 1] = j;
  at_args sa = {.v = p->s, .ix = six},
          neg = {.c = reduce_init(k, R_MAX, elt_of(p->s))};
  int sj = guarded(k, in, six.v, rank, elt_of(p->s), val_fn, &sa, const_fn,
                   &neg);
  if (sj < 0)
    goto fail_s;
  memo_val(k, p->s, &six, sj, s);
  sj = convert(k, sj, elt_of(p->s), f32);
  int m_tile = tree_reduce(k, wgS, B, R_MAX, f32, sj);
  int mx[2] = {car[0], m_tile};
  int m_new = scalar(k, mx, 2, "arith.maximumf %%v%d, %%v%d : f32", car[0],
                     m_tile);
  int m_new_t = convert(k, m_new, f32, elt_of(r1));
  int alpha = attn_alpha(k, p, &rix, car[0], m_new, car[1]);
  if (alpha < 0)
    goto fail_s;
  /* the tile's e = exp(s - H(m_new)) */
  memo_val(k, r1, &rix, m_new_t, s);
  at_args ea = {.v = p->e, .ix = six}, z = {.c = sc_const(k, elt_of(p->e), 0)};
  int edeps[RANK + 1];
  memcpy(edeps, six.v, (size_t)rank * sizeof *edeps);
  edeps[rank] = m_new_t;
  int pj = guarded(k, in, edeps, rank + 1, elt_of(p->e), val_fn, &ea,
                   const_fn, &z);
  if (pj < 0)
    goto fail_s;
  pj = convert(k, pj, elt_of(p->e), f32);
  at(k, s);
  mlyEmitF(&k->e, "      memref.store %%v%d, %%v%d[%%v%d] : %s\n", pj, wgP,
           k->tid, wg_t);
  int l_tile = tree_reduce(k, wgS, B, R_SUM, f32, pj);
  int la[2] = {car[1], alpha};
  int ls = scalar(k, la, 2, "arith.mulf %%v%d, %%v%d : f32", car[1], alpha);
  int lt[2] = {ls, l_tile};
  next[0] = m_new;
  next[1] = scalar(k, lt, 2, "arith.addf %%v%d, %%v%d : f32", ls, l_tile);
  /* acc[r] of column tid + B r */
  ixt vix = ix_none(rank);
  memcpy(vix.v, row.v, (size_t)(rank - 2) * sizeof *vix.v);
  for (int r = 0; r < RD; ++r) {
    int d = iop(k, I_ADD, k->tid, ic(k, B * r));
    bool tr = false;
    mlyOpGetBool(p->m2, "transpose_rhs", &tr);
    pv_args pa = {.p = p, .vix = vix, .j0 = j0, .wgP = wgP, .B = B,
                  .acc = car[2 + r], .alpha = alpha, .wg_t = wg_t};
    pa.vix.v[tr ? rank - 2 : rank - 1] = d;
    int dv = iop(k, I_LT, d, ic(k, Dv));
    int pdeps[3] = {j0, car[2 + r], alpha};
    if ((next[2 + r] = guarded(k, dv, pdeps, 3, f32, pv_fn, &pa, keep_fn,
                               &pa)) < 0)
      goto fail_s;
  }
  at(k, s);
  mlyEmitF(&k->e, "      gpu.barrier\n      scf.yield %s : %s\n",
           ssa_list(k, next, n_car, ", "), f32_list(k, n_car));
  char *text = close_region(k, s, 0);
  emit_for(k, res, j0, c0, cS, cB, car, init, n_car, text);
  free(text);
  /* the end: F(acc, l) is m2's element; forward it to the outputs */
  memo_val(k, r2, &rix, convert(k, res[1], f32, elt_of(r2)), 0);
  for (int r = 0; r < RD; ++r) {
    int d = iop(k, I_ADD, k->tid, ic(k, B * r));
    ixt mix = rix;
    mix.v[rank - 1] = d;
    if (!attn_write(k, p, &rix, &mix, res[2 + r], iop(k, I_LT, d, ic(k, Dv))))
      return false;
  }
  return attn_side(k, p, grid[0], B);
fail_s:
  free(close_region(k, s, 0));
  return false;
}

/* The query-blocked attention schedule: a workgroup of QB threads takes QB
 * consecutive query rows of one batch; thread tid owns row q0 + tid: its
 * Q row in registers, its running max, sum and P V accumulators. Each step
 * stages KT keys of K and V in workgroup memory (read once for all QB
 * rows); every thread scores its row against the tile into its own row of
 * workgroup memory with the tile's max (pass 1), rescales its
 * accumulators once, then adds e V over the tile (pass 2). No reduction
 * crosses threads: the only barriers are around the staging. Rows past
 * the end compute a copy of the last row and write nothing; keys past the
 * end score -inf. */
#define ATTN_MAX_WIDTH 128
#define ATTN_WG_FLOATS 8192 /* 32 KiB of workgroup memory (Metal's limit) */

/* The key tile of the blocked schedule, 0 when it does not apply. */
static int attn_key_tile(kctx *k, attn_plan *p) {
  MlirValue m1 = mlirOperationGetResult(p->m1, 0),
            m2 = mlirOperationGetResult(p->m2, 0);
  int QB = k->o->attention_rows, rank = rank_of(m2);
  mm_args a;
  int64_t D;
  if (!QB || rank_of(m1) != rank || !matmul_setup(k, p->m1, &a, &D))
    return 0;
  int64_t Dv = dim_of(m2, rank - 1);
  if (D < 1 || D > ATTN_MAX_WIDTH || Dv > ATTN_MAX_WIDTH)
    return 0;
  for (int KT = 32; KT >= 8; KT /= 2)
    if (KT * (D + Dv) + QB * (KT + 1) <= ATTN_WG_FLOATS)
      return KT;
  return 0;
}

static int wg_load(kctx *k, int buf, const char *t, int idx) {
  int x = fresh(k, k->cur);
  at(k, k->cur);
  mlyEmitF(&k->e, "      %%v%d = memref.load %%v%d[%%v%d] : %s\n", x, buf, idx,
           t);
  return x;
}

static void wg_store(kctx *k, int x, int buf, const char *t, int idx) {
  at(k, k->cur);
  mlyEmitF(&k->e, "      memref.store %%v%d, %%v%d[%%v%d] : %s\n", x, buf, idx,
           t);
}

static int fop(kctx *k, const char *op, int a, int b) {
  int xs[2] = {a, b};
  return scalar(k, xs, 2, "%s %%v%d, %%v%d : f32", op, a, b);
}

/* An operand of an attention staged into workgroup memory: rows (queries
 * or keys) from r0, clamped below lim, by nt threads. */
typedef struct at_stage {
  MlirValue v;
  bool tr;     /* v is [col, row] (else [row, col]) */
  bool dmajor; /* slot col * pitch + row (else row * pitch + col) */
  int pitch;
  int r0;
  int64_t lim;
  ixt base;
  int nt;
} at_stage;

/* Stages rows [r0, r0 + rows) x cols [0, cols) of s->v as f32,
 * consecutive threads along v's contiguous dimension; spare threads of
 * the last round repeat the last element. */
static bool at_stage_rows(kctx *k, const at_stage *s, int64_t rows,
                          int64_t cols, int buf, const char *buf_t) {
  int64_t n = rows * cols, w = s->tr ? rows : cols;
  int R = s->base.rank, NT = s->nt;
  for (int64_t r = 0; r < (n + NT - 1) / NT; ++r) {
    int e = iop(k, I_ADD, k->tid, ic(k, NT * r));
    if ((r + 1) * NT > n)
      e = iop(k, I_MIN, e, ic(k, n - 1));
    int fast = iop(k, I_REM, e, ic(k, w)), slow = iop(k, I_DIV, e, ic(k, w));
    int row = s->tr ? fast : slow, col = s->tr ? slow : fast;
    int slot =
        s->dmajor ? iop(k, I_ADD, iop(k, I_MUL, col, ic(k, s->pitch)), row)
                  : iop(k, I_ADD, iop(k, I_MUL, row, ic(k, s->pitch)), col);
    int j = iop(k, I_MIN, iop(k, I_ADD, s->r0, row), ic(k, s->lim - 1));
    ixt ix = s->base;
    ix.lin = -1;
    ix.v[R - 2] = s->tr ? col : j;
    ix.v[R - 1] = s->tr ? j : col;
    int x = val_at(k, s->v, &ix);
    if (x < 0)
      return false;
    wg_store(k, convert(k, x, elt_of(s->v), f32_t(k)), buf, buf_t, slot);
  }
  return true;
}

/* When the scores are select(c, A, B) with c not reading the product
 * and A (or B) a splat -inf: c (masked_if_true: a true c gives -inf),
 * else a null value. Such a key's score is -inf whatever the product. */
static MlirValue attn_mask(kctx *k, attn_plan *p, MlirValue m1,
                           bool *masked_if_true) {
  MlirValue none = {NULL};
  if (!mlirValueIsAOpResult(p->s))
    return none;
  MlirOperation op = mlirOpResultGetOwner(p->s);
  char nb[64];
  if (strcmp(mly_name(op, nb, sizeof nb), "select") ||
      mlirOperationGetNumOperands(op) != 3)
    return none;
  MlirValue c = mlirOperationGetOperand(op, 0);
  if (depends(k, c, m1, 0))
    return none;
  for (int i = 1; i <= 2; ++i) {
    MlirValue x = mlirOperationGetOperand(op, i);
    if (!depends(k, x, m1, 0) && is_splat_value(x, -INFINITY)) {
      *masked_if_true = i == 1;
      return c;
    }
  }
  return none;
}

/* One key's score: the thread's Q row against row kb of the staged K,
 * then the scores' elementwise function of that product at six. */
typedef struct score_args {
  attn_plan *p;
  MlirValue m1;
  const int *q;
  int64_t D;
  int Ks, kb;
  const char *ks_t;
  ixt six;
} score_args;

static int score_fn(kctx *k, void *ud) {
  score_args *a = ud;
  MlirType f32 = f32_t(k);
  int part[4] = {-1, -1, -1, -1};
  for (int64_t d = 0; d < a->D; ++d) {
    int kv = wg_load(k, a->Ks, a->ks_t, iop(k, I_ADD, a->kb, ic(k, d)));
    int x = fop(k, "arith.mulf", a->q[d], kv);
    part[d % 4] = part[d % 4] < 0 ? x : fop(k, "arith.addf", part[d % 4], x);
  }
  int dot = part[0];
  for (int i = 1; i < 4; ++i)
    if (part[i] >= 0)
      dot = fop(k, "arith.addf", dot, part[i]);
  memo_val(k, a->m1, &a->six, convert(k, dot, f32, elt_of(a->m1)), k->cur);
  int sv = val_at(k, a->p->s, &a->six);
  return sv < 0 ? -1 : convert(k, sv, elt_of(a->p->s), f32);
}

static int ninf_fn(kctx *k, void *ud) {
  (void)ud;
  return reduce_init(k, R_MAX, f32_t(k));
}

/* The shapes of a fused attention: scores m1 [.., Sq, Sk] from Q and K
 * (a), m2 = P V [.., Sq, Dv] (V transposed when vtr), nb batches of bd,
 * nq blocks of QB query rows. */
typedef struct attn_dims {
  MlirValue m1, m2, r1, r2;
  int rank;
  mm_args a;
  int64_t D, Sq, Sk, Dv, nq, nb, bd[RANK];
  bool vtr;
} attn_dims;

static bool attn_dims_of(kctx *k, attn_plan *p, int QB, attn_dims *d) {
  d->m1 = mlirOperationGetResult(p->m1, 0);
  d->m2 = mlirOperationGetResult(p->m2, 0);
  d->r1 = mlirOperationGetResult(p->r1, 0);
  d->r2 = mlirOperationGetResult(p->r2, 0);
  d->rank = rank_of(d->m2);
  d->vtr = false;
  if (!matmul_setup(k, p->m1, &d->a, &d->D) ||
      !mlyOpGetBool(p->m2, "transpose_rhs", &d->vtr))
    return false;
  int rank = d->rank;
  d->Sq = dim_of(d->m1, rank - 2);
  d->Sk = dim_of(d->m1, rank - 1);
  d->Dv = dim_of(d->m2, rank - 1);
  d->nq = (d->Sq + QB - 1) / QB;
  d->nb = 1;
  for (int i = 0; i < rank - 2; ++i)
    d->nb *= d->bd[i] = dim_of(d->m2, i);
  return true;
}

static bool sched_attention_blocked(kctx *k, attn_plan *p, int KT,
                                    int64_t grid[3], int64_t block[3]) {
  int QB = k->o->attention_rows;
  attn_dims ad;
  if (!attn_dims_of(k, p, QB, &ad))
    return false;
  MlirValue m1 = ad.m1, r1 = ad.r1, r2 = ad.r2;
  int rank = ad.rank;
  mm_args a = ad.a;
  int64_t D = ad.D, Sq = ad.Sq, Sk = ad.Sk, Dv = ad.Dv, nq = ad.nq,
          nb = ad.nb, *bd = ad.bd;
  bool vtr = ad.vtr;
  k->schedule = "attention";
  grid[0] = nb * nq;
  block[0] = QB;
  thread_ids(k);
  MlirType f32 = f32_t(k);
  int Ks = fresh(k, 0), Vs = fresh(k, 0), Ss = fresh(k, 0);
  const char *ks_t = mlyEmitStr(
      &k->e, "memref<%dxf32, #gpu.address_space<workgroup>>", (int)(KT * D));
  const char *vs_t = mlyEmitStr(
      &k->e, "memref<%dxf32, #gpu.address_space<workgroup>>", (int)(KT * Dv));
  const char *ss_t = mlyEmitStr(
      &k->e, "memref<%dxf32, #gpu.address_space<workgroup>>", QB * (KT + 1));
  if (asprintf(&k->wg_decl, "%%v%d: %s, %%v%d: %s, %%v%d: %s", Ks, ks_t, Vs,
               vs_t, Ss, ss_t) < 0)
    return k->e.oom = true, false;
  /* the block: batch index b, query rows q0 + tid (clamped: qc) */
  int b = iop(k, I_DIV, k->bid, ic(k, nq));
  int q0 = iop(k, I_MUL, iop(k, I_REM, k->bid, ic(k, nq)), ic(k, QB));
  int qi = iop(k, I_ADD, q0, k->tid);
  int qc = iop(k, I_MIN, qi, ic(k, Sq - 1));
  ixt base = ix_none(rank);
  ixt bx = delin(k, b, bd, rank - 2);
  memcpy(base.v, bx.v, (size_t)(rank - 2) * sizeof *base.v);
  ixt rix = base; /* row-shaped values [.., qc, 0] */
  rix.v[rank - 2] = qc;
  rix.v[rank - 1] = ic(k, 0);
  /* the thread's Q row */
  int q[ATTN_MAX_WIDTH];
  for (int64_t d = 0; d < D; ++d) {
    ixt li = base;
    li.v[rank - 2] = a.tl ? ic(k, d) : qc;
    li.v[rank - 1] = a.tl ? qc : ic(k, d);
    int x = val_at(k, a.l, &li);
    if (x < 0)
      return false;
    q[d] = convert(k, x, elt_of(a.l), f32);
  }
  int ninf = reduce_init(k, R_MAX, f32), zero = sc_const(k, f32, 0);
  int c0 = ic(k, 0), c1 = ic(k, 1), cS = ic(k, Sk), cKT = ic(k, KT);
  int srow = iop(k, I_MUL, k->tid, ic(k, KT + 1));
  /* the key loop: m, l, acc[Dv] carried */
  int n_car = 2 + (int)Dv;
  int res[2 + ATTN_MAX_WIDTH], car[2 + ATTN_MAX_WIDTH],
      init[2 + ATTN_MAX_WIDTH], next[2 + ATTN_MAX_WIDTH], j0;
  int s = attn_open_loop(k, n_car, init, res, car, &j0);
  at_stage kst = {.v = a.r, .tr = !a.tr, .pitch = (int)D, .r0 = j0,
                  .lim = Sk, .base = base, .nt = QB};
  at_stage vst = {.v = p->v, .tr = vtr, .pitch = (int)Dv, .r0 = j0,
                  .lim = Sk, .base = base, .nt = QB};
  if (!at_stage_rows(k, &kst, KT, D, Ks, ks_t) ||
      !at_stage_rows(k, &vst, KT, Dv, Vs, vs_t))
    goto fail_s;
  at(k, s);
  mlyEmitF(&k->e, "      gpu.barrier\n");
  /* pass 1: the row's scores against the tile, and their max */
  int mt = fresh(k, s);
  int s1 = open_region(k, s, false);
  int t1 = fresh(k, s1), mt_in = fresh(k, s1);
  {
    int j = iop(k, I_ADD, j0, t1);
    int jc = iop(k, I_MIN, j, ic(k, Sk - 1));
    int kb = iop(k, I_MUL, t1, ic(k, D));
    ixt six = base;
    six.v[rank - 2] = qc;
    six.v[rank - 1] = jc;
    score_args sa = {.p = p, .m1 = m1, .q = q, .D = D, .Ks = Ks,
                     .ks_t = ks_t, .kb = kb, .six = six};
    /* a key the mask sets to -inf is not scored */
    bool masked_if_true;
    MlirValue mc = attn_mask(k, p, m1, &masked_if_true);
    int sv;
    if (!mlirValueIsNull(mc)) {
      int c = val_at(k, mc, &six);
      int deps[2] = {kb, jc};
      sv = c < 0 ? -1
           : masked_if_true
               ? guarded(k, c, deps, 2, f32, ninf_fn, NULL, score_fn, &sa)
               : guarded(k, c, deps, 2, f32, score_fn, &sa, ninf_fn, NULL);
    } else {
      sv = score_fn(k, &sa);
    }
    if (sv < 0) {
      free(close_region(k, s1, s));
      goto fail_s;
    }
    int in = iop(k, I_LT, j, cS);
    int xs[3] = {in, sv, ninf};
    sv = scalar(k, xs, 3, "arith.select %%v%d, %%v%d, %%v%d : f32", in, sv,
                ninf);
    wg_store(k, sv, Ss, ss_t, iop(k, I_ADD, srow, t1));
    int y = fop(k, "arith.maximumf", mt_in, sv);
    at(k, s1);
    mlyEmitF(&k->e, "      scf.yield %%v%d : f32\n", y);
  }
  char *body = close_region(k, s1, s);
  emit_for(k, &mt, t1, c0, cKT, c1, &mt_in, &ninf, 1, body);
  free(body);
  /* the new max, and the factor of what was summed before it */
  int m_new = fop(k, "arith.maximumf", car[0], mt);
  int m_new_t = convert(k, m_new, f32, elt_of(r1));
  int alpha = attn_alpha(k, p, &rix, car[0], m_new, car[1]);
  if (alpha < 0)
    goto fail_s;
  int scaled[1 + ATTN_MAX_WIDTH];
  for (int i = 1; i < n_car; ++i)
    scaled[i - 1] = fop(k, "arith.mulf", car[i], alpha);
  memo_val(k, r1, &rix, m_new_t, s);
  /* pass 2: l += e, acc[c] += e V[j, c] over the tile, only when the
   * row has a key scoring above -inf in it: otherwise every e is 0 and
   * the pass would leave l and acc as they are (a causal mask's tiles past
   * the diagonal; a warp of such rows skips it together) */
  int n2 = n_car - 1, out2[1 + ATTN_MAX_WIDTH], in2[1 + ATTN_MAX_WIDTH],
      got2[1 + ATTN_MAX_WIDTH];
  int any = scalar(k, (int[]){mt, ninf}, 2,
                   "arith.cmpf une, %%v%d, %%v%d : f32", mt, ninf);
  for (int i = 0; i < n2; ++i)
    got2[i] = fresh(k, s);
  int g2 = open_region(k, s, true);
  for (int i = 0; i < n2; ++i)
    out2[i] = fresh(k, g2);
  int s2 = open_region(k, g2, false);
  int t2 = fresh(k, s2);
  for (int i = 0; i < n2; ++i)
    in2[i] = fresh(k, s2);
  {
    int j = iop(k, I_ADD, j0, t2);
    int jc = iop(k, I_MIN, j, ic(k, Sk - 1));
    int sv = wg_load(k, Ss, ss_t, iop(k, I_ADD, srow, t2));
    ixt six = base;
    six.v[rank - 2] = qc;
    six.v[rank - 1] = jc;
    memo_val(k, p->s, &six, convert(k, sv, f32, elt_of(p->s)), s2);
    int e = val_at(k, p->e, &six);
    if (e < 0) {
      free(close_region(k, s2, s));
      goto fail_s;
    }
    e = convert(k, e, elt_of(p->e), f32);
    /* a key scoring -inf adds nothing, even while the max is -inf */
    int live = scalar(k, (int[]){sv, ninf}, 2,
                      "arith.cmpf une, %%v%d, %%v%d : f32", sv, ninf);
    e = scalar(k, (int[]){live, e, zero}, 3,
               "arith.select %%v%d, %%v%d, %%v%d : f32", live, e, zero);
    int y[1 + ATTN_MAX_WIDTH];
    y[0] = fop(k, "arith.addf", in2[0], e);
    int vb = iop(k, I_MUL, t2, ic(k, Dv));
    for (int64_t c = 0; c < Dv; ++c) {
      int vv = wg_load(k, Vs, vs_t, iop(k, I_ADD, vb, ic(k, c)));
      y[1 + c] = fop(k, "arith.addf", in2[1 + c], fop(k, "arith.mulf", e, vv));
    }
    at(k, s2);
    mlyEmitF(&k->e, "      scf.yield %s : %s\n", ssa_list(k, y, n2, ", "),
             f32_list(k, n2));
  }
  body = close_region(k, s2, g2);
  emit_for(k, out2, t2, c0, cKT, c1, in2, scaled, n2, body);
  free(body);
  at(k, g2);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n", ssa_list(k, out2, n2, ", "),
           f32_list(k, n2));
  body = close_region(k, g2, s);
  at(k, s);
  mlyEmitF(&k->e,
           "      %s = scf.if %%v%d -> (%s) {\n%s      } else {\n"
           "        scf.yield %s : %s\n      }\n",
           ssa_list(k, got2, n2, ", "), any, f32_list(k, n2), body,
           ssa_list(k, scaled, n2, ", "), f32_list(k, n2));
  free(body);
  next[0] = m_new;
  for (int i = 0; i < n2; ++i)
    next[1 + i] = got2[i];
  at(k, s);
  mlyEmitF(&k->e, "      gpu.barrier\n      scf.yield %s : %s\n",
           ssa_list(k, next, n_car, ", "), f32_list(k, n_car));
  body = close_region(k, s, 0);
  emit_for(k, res, j0, c0, cS, cKT, car, init, n_car, body);
  free(body);
  /* the end: F(acc, l) is m2's element; forward it to the outputs */
  memo_val(k, r2, &rix, convert(k, res[1], f32, elt_of(r2)), 0);
  int valid = iop(k, I_LT, qi, ic(k, Sq));
  for (int64_t c = 0; c < Dv; ++c) {
    ixt mix = base;
    mix.v[rank - 2] = qi;
    mix.v[rank - 1] = ic(k, c);
    if (!attn_write(k, p, &rix, &mix, res[2 + c], valid))
      return false;
  }
  return attn_side(k, p, grid[0], QB);
fail_s:
  free(close_region(k, s, 0));
  return false;
}

/* The register-tiled attention schedule ("attention-tiled"): a workgroup
 * of AT_TY x AT_TX threads takes AT_QB query rows and streams the keys in
 * tiles of AT_KT, like the GEMM of the tiled schedule: Q is staged once
 * (d-major), each key tile's K (d-major) and V (key-major) are staged,
 * thread (ty, tx) scores its AT_RQ rows (AT_RQ ty + r) against its AT_CK
 * keys (AT_CK tx + c) from workgroup memory, the rows' tile max is
 * reduced through workgroup memory, e = exp(..) is written as P (over
 * K's buffer), and the thread adds P V for its rows and Dv / AT_TX
 * columns (cols tx Dv / AT_TX + c). Each thread keeps its rows' max and
 * its part of their sums (reduced once at the end); a row counts as empty
 * while its max is -inf. With a mask (attn_mask), a key tile no pair of
 * the workgroup's rows may attend is skipped whole (a causal mask's tiles
 * past the diagonal). Keys past the end score -inf; rows past the end
 * compute a copy of the last row and write nothing. */
enum { AT_TY = 8, AT_TX = 16, AT_RQ = 4, AT_CK = 2, AT_QB = AT_TY * AT_RQ,
       AT_KT = AT_TX * AT_CK, AT_NT = AT_TY * AT_TX, AT_MAX_CV = 8 };

/* Workgroup floats of the schedule: Q, K (or P), V, the reductions and
 * the tile flags. */
static int64_t attn_tiled_floats(int64_t D, int64_t Dv) {
  int64_t kp = D * (AT_KT + 4) > AT_KT * (AT_QB + 4) ? D * (AT_KT + 4)
                                                     : AT_KT * (AT_QB + 4);
  return D * AT_QB + kp + AT_KT * Dv + AT_QB * AT_TX + 2;
}

/* Whether the register-tiled schedule applies: rank as the scores, D up
 * to ATTN_MAX_WIDTH, Dv a multiple of AT_TX up to AT_TX * AT_MAX_CV, and
 * its buffers within the workgroup memory budget. */
static bool attn_tiled_fits(kctx *k, attn_plan *p) {
  MlirValue m1 = mlirOperationGetResult(p->m1, 0),
            m2 = mlirOperationGetResult(p->m2, 0);
  int rank = rank_of(m2);
  mm_args a;
  int64_t D;
  if (!k->o->attention_tiled || rank_of(m1) != rank ||
      !matmul_setup(k, p->m1, &a, &D))
    return false;
  int64_t Dv = dim_of(m2, rank - 1);
  return D >= 1 && D <= ATTN_MAX_WIDTH && Dv % AT_TX == 0 &&
         Dv / AT_TX >= 1 && Dv / AT_TX <= AT_MAX_CV &&
         attn_tiled_floats(D, Dv) * 4 <= (int64_t)k->o->wg_kib * 1024;
}

/* n values of a workgroup buffer at iv pitch + base + i, i < n. */
typedef struct at_outer {
  int buf;
  const char *buf_t;
  int pitch, base, n;
} at_outer;

/* An unrolled loop over iv in [0, n_iter) of outer products: acc[r][c] +=
 * a(iv)[r] b(iv)[c], from init; the results in res. */
static void at_outer_loop(kctx *k, int64_t n_iter, const at_outer *a,
                          const at_outer *b, const int *init, int *res) {
  int n = a->n * b->n, parent = k->cur;
  int in[AT_RQ * AT_MAX_CV], next[AT_RQ * AT_MAX_CV], av[AT_RQ * AT_MAX_CV],
      bv[AT_RQ * AT_MAX_CV];
  for (int i = 0; i < n; ++i)
    res[i] = fresh(k, parent);
  int s = open_region(k, parent, false);
  int iv = fresh(k, s);
  for (int i = 0; i < n; ++i)
    in[i] = fresh(k, s);
  for (int pass = 0; pass < 2; ++pass) {
    const at_outer *o = pass ? b : a;
    int base = iop(k, I_ADD, iop(k, I_MUL, iv, ic(k, o->pitch)), o->base);
    for (int i = 0; i < o->n; ++i)
      (pass ? bv : av)[i] =
          wg_load(k, o->buf, o->buf_t, iop(k, I_ADD, base, ic(k, i)));
  }
  for (int r = 0; r < a->n; ++r)
    for (int c = 0; c < b->n; ++c)
      next[r * b->n + c] = fop(k, "arith.addf", in[r * b->n + c],
                               fop(k, "arith.mulf", av[r], bv[c]));
  at(k, s);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n", ssa_list(k, next, n, ", "),
           f32_list(k, n));
  char *body = close_region(k, s, parent);
  emit_for_t(k, res, iv, ic(k, 0), ic(k, n_iter), ic(k, 1), in, init, n,
             "f32", body, true);
  free(body);
}

static int fmax_of(kctx *k, int a, int b) {
  return fop(k, "arith.maximumf", a, b);
}

static bool sched_attention_tiled(kctx *k, attn_plan *p, int64_t grid[3],
                                  int64_t block[3]) {
  attn_dims ad;
  if (!attn_dims_of(k, p, AT_QB, &ad))
    return false;
  MlirValue m1 = ad.m1, r1 = ad.r1, r2 = ad.r2;
  int rank = ad.rank;
  mm_args a = ad.a;
  int64_t D = ad.D, Sq = ad.Sq, Sk = ad.Sk, Dv = ad.Dv, nq = ad.nq,
          nb = ad.nb, *bd = ad.bd;
  bool vtr = ad.vtr;
  int CV = (int)(Dv / AT_TX);
  k->schedule = "attention-tiled";
  grid[0] = nb * nq;
  block[0] = AT_NT;
  thread_ids(k);
  MlirType f32 = f32_t(k);
  int KPP = AT_QB + 4, KTP = AT_KT + 4; /* pitches of P and of K */
  int64_t kp_n = D * KTP > AT_KT * KPP ? D * KTP : AT_KT * KPP;
  int Qs = fresh(k, 0), KPs = fresh(k, 0), Vs = fresh(k, 0),
      Red = fresh(k, 0), Fl = fresh(k, 0);
  const char *wg = "xf32, #gpu.address_space<workgroup>>";
  const char *qs_t = mlyEmitStr(&k->e, "memref<%" PRId64 "%s", D * AT_QB, wg);
  const char *kp_t = mlyEmitStr(&k->e, "memref<%" PRId64 "%s", kp_n, wg);
  const char *vs_t = mlyEmitStr(&k->e, "memref<%" PRId64 "%s", AT_KT * Dv, wg);
  const char *rd_t = mlyEmitStr(&k->e, "memref<%d%s", AT_QB * AT_TX, wg);
  const char *fl_t = mlyEmitStr(&k->e, "memref<2%s", wg);
  if (asprintf(&k->wg_decl,
               "%%v%d: %s, %%v%d: %s, %%v%d: %s, %%v%d: %s, %%v%d: %s", Qs,
               qs_t, KPs, kp_t, Vs, vs_t, Red, rd_t, Fl, fl_t) < 0)
    return k->e.oom = true, false;
  int b = iop(k, I_DIV, k->bid, ic(k, nq));
  int q0 = iop(k, I_MUL, iop(k, I_REM, k->bid, ic(k, nq)), ic(k, AT_QB));
  int tx = iop(k, I_REM, k->tid, ic(k, AT_TX));
  int ty = iop(k, I_DIV, k->tid, ic(k, AT_TX));
  int ry = iop(k, I_MUL, ty, ic(k, AT_RQ)); /* the thread's first row */
  int cx = iop(k, I_MUL, tx, ic(k, CV));    /* and its first column */
  ixt base = ix_none(rank);
  ixt bx = delin(k, b, bd, rank - 2);
  memcpy(base.v, bx.v, (size_t)(rank - 2) * sizeof *base.v);
  int qi[AT_RQ], qc[AT_RQ];
  ixt rix[AT_RQ];
  for (int r = 0; r < AT_RQ; ++r) {
    qi[r] = iop(k, I_ADD, q0, iop(k, I_ADD, ry, ic(k, r)));
    qc[r] = iop(k, I_MIN, qi[r], ic(k, Sq - 1));
    rix[r] = base;
    rix[r].v[rank - 2] = qc[r];
    rix[r].v[rank - 1] = ic(k, 0);
  }
  /* Q, once: Qs[d][q] */
  at_stage qst = {.v = a.l, .tr = a.tl, .dmajor = true, .pitch = AT_QB,
                  .r0 = q0, .lim = Sq, .base = base, .nt = AT_NT};
  if (!at_stage_rows(k, &qst, AT_QB, D, Qs, qs_t))
    return false;
  int ninf = reduce_init(k, R_MAX, f32), zero = sc_const(k, f32, 0);
  bool masked_if_true = false;
  MlirValue mc = attn_mask(k, p, m1, &masked_if_true);
  if (!mlirValueIsNull(mc)) { /* both tile flags start clear */
    int first = iop(k, I_EQ, k->tid, ic(k, 0));
    at(k, 0);
    mlyEmitF(&k->e,
             "      scf.if %%v%d {\n        memref.store %%v%d, %%v%d[%%v%d] : "
             "%s\n        memref.store %%v%d, %%v%d[%%v%d] : %s\n      }\n"
             "      gpu.barrier\n",
             first, zero, Fl, ic(k, 0), fl_t, zero, Fl, ic(k, 1), fl_t);
  }
  /* the key loop: m[r], l[r] (the thread's part), acc[r][c] carried */
  int NA = AT_RQ * CV, n_car = 2 * AT_RQ + NA;
  int init[2 * AT_RQ + AT_RQ * AT_MAX_CV], res[2 * AT_RQ + AT_RQ * AT_MAX_CV],
      car[2 * AT_RQ + AT_RQ * AT_MAX_CV], next[2 * AT_RQ + AT_RQ * AT_MAX_CV];
  for (int i = 0; i < n_car; ++i) {
    init[i] = i < AT_RQ ? ninf : zero;
    res[i] = fresh(k, 0);
  }
  int s = open_region(k, 0, false);
  int j0 = fresh(k, s);
  for (int i = 0; i < n_car; ++i)
    car[i] = fresh(k, s);
  int jk[AT_CK], jc[AT_CK];
  ixt six[AT_RQ][AT_CK];
  int kx = iop(k, I_MUL, tx, ic(k, AT_CK));
  for (int c = 0; c < AT_CK; ++c) {
    jk[c] = iop(k, I_ADD, j0, iop(k, I_ADD, kx, ic(k, c)));
    jc[c] = iop(k, I_MIN, jk[c], ic(k, Sk - 1));
    for (int r = 0; r < AT_RQ; ++r) {
      six[r][c] = base;
      six[r][c].v[rank - 2] = qc[r];
      six[r][c].v[rank - 1] = jc[c];
    }
  }
  /* with a mask: whether any pair of the workgroup may attend, through
   * the tile's flag (Fl[parity]; the other one is cleared for the next
   * tile) */
  int g = s, go = -1, got[2 * AT_RQ + AT_RQ * AT_MAX_CV];
  if (!mlirValueIsNull(mc)) {
    int any = -1;
    for (int r = 0; r < AT_RQ; ++r)
      for (int c = 0; c < AT_CK; ++c) {
        int mv = val_at(k, mc, &six[r][c]);
        if (mv < 0)
          goto fail_s;
        int one_i1 = sc_const_i(
            k, mlirIntegerTypeGet(mlirTypeGetContext(f32), 1), 1);
        int live = masked_if_true
                       ? scalar(k, (int[]){mv, one_i1}, 2,
                                "arith.xori %%v%d, %%v%d : i1", mv, one_i1)
                       : mv;
        live = iop(k, I_AND, live, iop(k, I_LT, jk[c], ic(k, Sk)));
        any = any < 0 ? live
                      : scalar(k, (int[]){any, live}, 2,
                               "arith.ori %%v%d, %%v%d : i1", any, live);
      }
    int par = iop(k, I_REM, iop(k, I_DIV, j0, ic(k, AT_KT)), ic(k, 2));
    int one = sc_const(k, f32, 1);
    at(k, s);
    mlyEmitF(&k->e, "      scf.if %%v%d {\n        memref.store %%v%d, "
                    "%%v%d[%%v%d] : %s\n      }\n",
             any, one, Fl, par, fl_t);
    int first = iop(k, I_EQ, k->tid, ic(k, 0));
    int other = iop(k, I_SUB, ic(k, 1), par);
    at(k, s);
    mlyEmitF(&k->e, "      scf.if %%v%d {\n        memref.store %%v%d, "
                    "%%v%d[%%v%d] : %s\n      }\n      gpu.barrier\n",
             first, zero, Fl, other, fl_t);
    int f = wg_load(k, Fl, fl_t, par);
    go = scalar(k, (int[]){f, zero}, 2, "arith.cmpf une, %%v%d, %%v%d : f32",
                f, zero);
    for (int i = 0; i < n_car; ++i)
      got[i] = fresh(k, s);
    g = open_region(k, s, true);
  } else {
    at(k, s);
    mlyEmitF(&k->e, "      gpu.barrier\n");
  }
  {
    /* K (Ks[d][key]) and V (Vs[key][c]) of keys j0.. */
    at_stage kst = {.v = a.r, .tr = !a.tr, .dmajor = true, .pitch = KTP,
                    .r0 = j0, .lim = Sk, .base = base, .nt = AT_NT};
    at_stage vst = {.v = p->v, .tr = vtr, .dmajor = false, .pitch = (int)Dv,
                    .r0 = j0, .lim = Sk, .base = base, .nt = AT_NT};
    if (!at_stage_rows(k, &kst, AT_KT, D, KPs, kp_t) ||
        !at_stage_rows(k, &vst, AT_KT, Dv, Vs, vs_t))
      goto fail_g;
    at(k, k->cur);
    mlyEmitF(&k->e, "      gpu.barrier\n");
    /* the scores: dot[r][c] over d */
    int dinit[AT_RQ * AT_CK], dres[AT_RQ * AT_CK];
    for (int i = 0; i < AT_RQ * AT_CK; ++i)
      dinit[i] = zero;
    at_outer oq = {Qs, qs_t, AT_QB, ry, AT_RQ}, ok_ = {KPs, kp_t, KTP, kx, AT_CK};
    at_outer_loop(k, D, &oq, &ok_, dinit, dres);
    /* scores, the thread's row maxima into Red */
    int sv[AT_RQ][AT_CK];
    for (int r = 0; r < AT_RQ; ++r) {
      int mloc = ninf;
      for (int c = 0; c < AT_CK; ++c) {
        memo_val(k, m1, &six[r][c],
                 convert(k, dres[r * AT_CK + c], f32, elt_of(m1)), k->cur);
        int x = val_at(k, p->s, &six[r][c]);
        if (x < 0)
          goto fail_g;
        x = convert(k, x, elt_of(p->s), f32);
        int in = iop(k, I_LT, jk[c], ic(k, Sk));
        sv[r][c] = scalar(k, (int[]){in, x, ninf}, 3,
                          "arith.select %%v%d, %%v%d, %%v%d : f32", in, x,
                          ninf);
        mloc = fmax_of(k, mloc, sv[r][c]);
      }
      int row = iop(k, I_ADD, ry, ic(k, r));
      wg_store(k, mloc, Red, rd_t,
               iop(k, I_ADD, iop(k, I_MUL, row, ic(k, AT_TX)), tx));
    }
    at(k, k->cur);
    mlyEmitF(&k->e, "      gpu.barrier\n");
    int alpha[AT_RQ];
    for (int r = 0; r < AT_RQ; ++r) {
      int row = iop(k, I_ADD, ry, ic(k, r));
      int rb = iop(k, I_MUL, row, ic(k, AT_TX));
      int mt = ninf;
      for (int t = 0; t < AT_TX; ++t)
        mt = fmax_of(k, mt, wg_load(k, Red, rd_t, iop(k, I_ADD, rb, ic(k, t))));
      int m_old = car[r];
      int m_new = fmax_of(k, m_old, mt);
      int empty = scalar(k, (int[]){m_old, ninf}, 2,
                         "arith.cmpf oeq, %%v%d, %%v%d : f32", m_old, ninf);
      alpha[r] = attn_alpha_if(k, p, &rix[r], m_old, m_new, empty);
      if (alpha[r] < 0)
        goto fail_g;
      memo_val(k, r1, &rix[r], convert(k, m_new, f32, elt_of(r1)), k->cur);
      int lsum = fop(k, "arith.mulf", car[AT_RQ + r], alpha[r]);
      for (int c = 0; c < AT_CK; ++c) {
        memo_val(k, p->s, &six[r][c], convert(k, sv[r][c], f32, elt_of(p->s)),
                 k->cur);
        int e = val_at(k, p->e, &six[r][c]);
        if (e < 0)
          goto fail_g;
        e = convert(k, e, elt_of(p->e), f32);
        int live = scalar(k, (int[]){sv[r][c], ninf}, 2,
                          "arith.cmpf une, %%v%d, %%v%d : f32", sv[r][c], ninf);
        e = scalar(k, (int[]){live, e, zero}, 3,
                   "arith.select %%v%d, %%v%d, %%v%d : f32", live, e, zero);
        lsum = fop(k, "arith.addf", lsum, e);
        /* P[key][q] over K's buffer: every thread is past its K reads */
        int key = iop(k, I_ADD, kx, ic(k, c));
        wg_store(k, e, KPs, kp_t,
                 iop(k, I_ADD, iop(k, I_MUL, key, ic(k, KPP)), row));
      }
      next[r] = m_new;
      next[AT_RQ + r] = lsum;
    }
    at(k, k->cur);
    mlyEmitF(&k->e, "      gpu.barrier\n");
    /* acc[r][c] = alpha[r] acc[r][c] + sum over keys of P V */
    int ainit[AT_RQ * AT_MAX_CV], ares[AT_RQ * AT_MAX_CV];
    for (int r = 0; r < AT_RQ; ++r)
      for (int c = 0; c < CV; ++c)
        ainit[r * CV + c] =
            fop(k, "arith.mulf", car[2 * AT_RQ + r * CV + c], alpha[r]);
    at_outer op = {KPs, kp_t, KPP, ry, AT_RQ}, ov = {Vs, vs_t, (int)Dv, cx, CV};
    at_outer_loop(k, AT_KT, &op, &ov, ainit, ares);
    for (int i = 0; i < NA; ++i)
      next[2 * AT_RQ + i] = ares[i];
    if (g != s) {
      at(k, g);
      mlyEmitF(&k->e, "      scf.yield %s : %s\n",
               ssa_list(k, next, n_car, ", "), f32_list(k, n_car));
      char *body = close_region(k, g, s);
      at(k, s);
      mlyEmitF(&k->e,
               "      %s = scf.if %%v%d -> (%s) {\n%s      } else {\n"
               "        scf.yield %s : %s\n      }\n",
               ssa_list(k, got, n_car, ", "), go, f32_list(k, n_car), body,
               ssa_list(k, car, n_car, ", "), f32_list(k, n_car));
      free(body);
      memcpy(next, got, (size_t)n_car * sizeof *next);
    }
  }
  at(k, s);
  mlyEmitF(&k->e, "      scf.yield %s : %s\n", ssa_list(k, next, n_car, ", "),
           f32_list(k, n_car));
  {
    char *body = close_region(k, s, 0);
    emit_for(k, res, j0, ic(k, 0), ic(k, Sk), ic(k, AT_KT), car, init, n_car,
             body);
    free(body);
  }
  /* the rows' sums: the threads' parts through Red */
  at(k, 0);
  mlyEmitF(&k->e, "      gpu.barrier\n");
  for (int r = 0; r < AT_RQ; ++r) {
    int row = iop(k, I_ADD, ry, ic(k, r));
    wg_store(k, res[AT_RQ + r], Red, rd_t,
             iop(k, I_ADD, iop(k, I_MUL, row, ic(k, AT_TX)), tx));
  }
  at(k, 0);
  mlyEmitF(&k->e, "      gpu.barrier\n");
  for (int r = 0; r < AT_RQ; ++r) {
    int row = iop(k, I_ADD, ry, ic(k, r));
    int rb = iop(k, I_MUL, row, ic(k, AT_TX));
    int l = zero;
    for (int t = 0; t < AT_TX; ++t)
      l = fop(k, "arith.addf", l,
              wg_load(k, Red, rd_t, iop(k, I_ADD, rb, ic(k, t))));
    memo_val(k, r2, &rix[r], convert(k, l, f32, elt_of(r2)), 0);
    memo_val(k, r1, &rix[r], convert(k, res[r], f32, elt_of(r1)), 0);
    int valid = iop(k, I_LT, qi[r], ic(k, Sq));
    for (int c = 0; c < CV; ++c) {
      ixt mix = base;
      mix.v[rank - 2] = qi[r];
      mix.v[rank - 1] = iop(k, I_ADD, cx, ic(k, c));
      if (!attn_write(k, p, &rix[r], &mix, res[2 * AT_RQ + r * CV + c], valid))
        return false;
    }
  }
  return attn_side(k, p, grid[0], AT_NT);
fail_g:
  if (g != s)
    free(close_region(k, g, s));
fail_s:
  free(close_region(k, s, 0));
  return false;
}

/* ---- the kernel ---- */

/* Vulkan guarantees 65535 workgroups per grid dimension (NVIDIA and AMD
 * offer more in x, Intel and lavapipe do not). A longer 1-D grid becomes
 * gx x gy with gx the largest divisor of it up to the limit, and the block
 * id block_id.y * gx + block_id.x, so no workgroup is added or lost; a
 * grid without such a divisor stays as it is (the runtime reports a
 * device's limit). Rewrites the body's block-id line in place. */
#define MAX_GRID_DIM 65535
static bool split_grid(kctx *k, int64_t grid[3], char **body) {
  int64_t n = grid[0], gx = 0;
  if (n <= MAX_GRID_DIM)
    return true;
  for (int64_t d = MAX_GRID_DIM; d > 0 && !gx; --d)
    if (n % d == 0 && n / d <= MAX_GRID_DIM)
      gx = d;
  char line[64], *text = NULL;
  snprintf(line, sizeof line, "      %%v%d = gpu.block_id x\n", k->bid);
  char *at_ = strstr(*body, line);
  if (!gx || !at_)
    return true;
  int b = k->bid;
  if (asprintf(&text,
               "%.*s      %%v%d_x = gpu.block_id x\n"
               "      %%v%d_y = gpu.block_id y\n"
               "      %%v%d_gx = arith.constant %" PRId64 " : index\n"
               "      %%v%d_row = arith.muli %%v%d_y, %%v%d_gx : index\n"
               "      %%v%d = arith.addi %%v%d_row, %%v%d_x : index\n%s",
               (int)(at_ - *body), *body, b, b, b, gx, b, b, b, b, b, b,
               at_ + strlen(line)) < 0)
    return false;
  free(*body);
  *body = text;
  grid[0] = gx;
  grid[1] = n / gx;
  return true;
}

bool mlyGpuEmitKernel(const MlyKernelSpec *ks, const MlyGpuOptions *o,
                      MlyGpuModule *gm, MlyEmit *out, int64_t grid[3],
                      int64_t block[3]) {
  kctx k = {.ks = ks, .o = o, .gm = gm, .buf_node = -1};
  k.e.op = ks->anchor;
  bool ok = false;
  grid[0] = grid[1] = grid[2] = block[0] = block[1] = block[2] = 1;
  new_scope(&k, -1, false);
  k.cur = 0;
  at(&k, 0);
  for (int i = 0; i < ks->n_in + ks->n_out; ++i)
    fresh(&k, 0);
  if (!ks->n_out) {
    fail(&k, ks->anchor, "a kernel without outputs");
    goto out;
  }
  for (int i = 0; i < ks->n_in + ks->n_out; ++i) {
    MlirType t =
        mlirValueGetType(i < ks->n_in ? ks->in[i] : ks->out[i - ks->n_in]);
    if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t) ||
        mlirShapedTypeGetRank(t) > RANK) {
      fail(&k, ks->anchor, "%s: %s is not a statically shaped tensor",
           ks->name, ty(&k, t));
      goto out;
    }
    int64_t n = 1;
    bool big = false;
    for (intptr_t d = 0, r = mlirShapedTypeGetRank(t); d < r; ++d)
      big |= __builtin_mul_overflow(n, mlirShapedTypeGetDimSize(t, d), &n);
    if (big || n >= ((int64_t)1 << 31)) {
      fail(&k, ks->anchor, "%s: %s has 2^31 elements or more", ks->name,
           ty(&k, t));
      goto out;
    }
  }
  /* the kernel's signature, and its tuned options */
  const char *sig = ks->kind;
  for (int i = 0; i < ks->n_in + ks->n_out; ++i) {
    const char *t =
        ty(&k, mlirValueGetType(i < ks->n_in ? ks->in[i]
                                              : ks->out[i - ks->n_in]));
    bool tensor = !strncmp(t, "tensor<", 7);
    sig = mlyEmitStr(&k.e, "%s%s%.*s", sig,
                     i == 0 || i == ks->n_in ? "|" : ",",
                     tensor ? (int)strlen(t) - 8 : (int)strlen(t),
                     tensor ? t + 7 : t);
  }
  MlyGpuOptions tuned = *o;
  bool is_tuned = mlyGpuTuningApply(sig, &tuned);
  o = k.o = &tuned;
  row_plan rp;
  tile_plan tp = {0};
  attn_plan ap = {0};
  bool red = !strcmp(ks->kind, "reduction");
  bool mm = !strcmp(ks->kind, "matmul");
  bool att = !strcmp(ks->kind, "attention");
  if (o->attention_schedule && att && plan_attention(&k, &ap)) {
    int KT = attn_key_tile(&k, &ap);
    ok = attn_tiled_fits(&k, &ap) ? sched_attention_tiled(&k, &ap, grid, block)
         : KT ? sched_attention_blocked(&k, &ap, KT, grid, block)
              : sched_attention(&k, &ap, grid, block);
  }
  else if (o->tiled_schedule && mm && plan_tiles(&k, &tp))
    ok = mma_fits(&k, &tp) ? sched_tiled_mma(&k, &tp, grid, block)
                           : sched_tiled(&k, &tp, grid, block);
  else if (o->row_schedule && red && plan_rows(&k, &rp))
    ok = sched_row(&k, &rp, grid, block);
  else
    ok = sched_elementwise(&k, grid, block);
  if (!ok || k.failed)
    goto out;
  if (grid[0] < 1)
    grid[0] = 1;
  char *body = close_region(&k, 0, -1);
  if (body && !split_grid(&k, grid, &body))
    k.e.oom = true;
  mlyEmitF(out, "    gpu.func @%s(", ks->name);
  for (int i = 0; i < ks->n_in + ks->n_out; ++i)
    mlyEmitF(out, "%s%%v%d: %s", i ? ", " : "", i,
             memref_of(&k, mlirValueGetType(i < ks->n_in
                                                ? ks->in[i]
                                                : ks->out[i - ks->n_in])));
  mlyEmitF(out, ")");
  if (k.wg_decl)
    mlyEmitF(out, " workgroup(%s)", k.wg_decl);
  mlyEmitF(out,
           " kernel attributes {known_block_size = array<i32: %" PRId64
           ", 1, 1>, mly.kind = \"%s\", mly.schedule = \"%s\", "
           "mly.signature = \"%s\"%s%s} {\n%s"
           "      gpu.return\n    }\n",
           block[0], ks->kind, k.schedule, sig, is_tuned ? ", mly.tuned" : "",
           mlyEmitStr(&k.e, "%s%s",
                      o->occupancy > 1
                          ? mlyEmitStr(&k.e, ", mly.occupancy = %d : i32",
                                       o->occupancy)
                          : "",
                      k.vec > 1 ? mlyEmitStr(&k.e, ", mly.vector = %d : i32",
                                             k.vec)
                                : ""),
           body ? body : "");
  free(body);
  ok = !k.e.oom && !out->oom;
  if (!ok)
    fail(&k, ks->anchor, "mly-to-gpu: out of memory");
out:
  if (k.buf_node >= 0 && k.buf_node < k.n_sc && k.sc[k.buf_node].open)
    at(&k, 0);
  for (int i = 0; i < k.n_sc; ++i)
    if (i != k.buf_node)
      free(k.sc[i].buf);
  mlyEmitReset(&k.e);
  free(k.sc);
  free(k.ssa_node);
  free(k.memo);
  free(k.wg_decl);
  return ok && !k.failed;
}
