/* mly-fuse: groups mly ops into kernels and outlines each group into a
 * `func.func private @fused_<n>_<kind>` carrying `mly.fused = "<kind>"`,
 * called with `func.call` where the group was (see DESIGN.md: IRDL ops
 * cannot hold regions, so a fusion group is a function).
 *
 * Grouping, per function body, in program order (a greedy form of XLA's
 * producer/consumer fusion):
 *  - an elementwise or injective op joins a group of one of its producers
 *    (matmul/attention first, then reduction, then elementwise), and pulls
 *    its other purely elementwise producer groups in with it;
 *  - a reduce joins a producer group without a matmul whose reduces read
 *    rows of the same shape over the same dims (softmax, layer/RMS norm),
 *    or the group of an attention's first matmul;
 *  - a matmul joins a group only as the second matmul of an attention
 *    (matmul -> elementwise -> softmax -> matmul, found before grouping);
 *    otherwise it anchors its own group and takes an epilogue;
 *  - every merge keeps groups convex: no path leaves a group and comes
 *    back into it, so the outlined calls can be ordered.
 * Then each group may duplicate a cheap elementwise producer (at most
 * MAX_DUP ops) instead of reading its result, when that moves no more
 * bytes; small constants are copied into every kernel that uses them.
 * Groups of one compute op stay as they were.
 *
 * Cost model: a kernel moves the bytes of every tensor it reads (distinct
 * operands or function arguments, constants not counted) plus every
 * tensor it writes. The report (mlyFuseSetReportPath) compares the sum
 * over the unfused compute ops with the sum over the kernels after. */
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

#define MAX_GROUP_OPS 64 /* owned ops of one kernel */
#define MAX_DUP 4        /* ops of one duplicated producer slice */
#define MAX_INPUTS 16    /* function arguments of a kernel */
#define MAX_OUTPUTS 8    /* results of a kernel */
#define SMALL_CONST 64   /* elements of a constant copied into kernels */

enum { C_OTHER, C_CONST, C_ELEM, C_REDUCE, C_MATMUL, C_CONV };

static const char *const elem_names[] = {
    "neg",     "abs",       "exp",
    "log",     "sqrt",      "rsqrt",
    "tanh",    "sigmoid",   "erf",
    "sin",     "cos",       "floor",
    "not",     "cast",      "add",
    "sub",     "mul",       "div",
    "max",     "min",       "pow",
    "and",     "or",        "cmp",
    "select",  "iota",      "broadcast_in_dim",
    "reshape", "transpose", "slice",
    "pad",     "concat",    "gather"};

static const char *report_path;
static bool report_started;

void mlyFuseSetReportPath(const char *path) {
  report_path = path;
  report_started = false;
}

static int classify(MlirOperation op) {
  if (!mlyOpIsMly(op))
    return C_OTHER;
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  const char *n = s.data + 4;
  size_t len = s.length - 4;
#define IS(x) (len == strlen(x) && !memcmp(n, x, len))
  if (IS("constant"))
    return C_CONST;
  if (IS("reduce"))
    return C_REDUCE;
  if (IS("matmul"))
    return C_MATMUL;
  if (IS("conv"))
    return C_CONV;
  for (size_t i = 0; i < sizeof elem_names / sizeof *elem_names; ++i)
    if (IS(elem_names[i]))
      return C_ELEM;
#undef IS
  return C_OTHER;
}

/* Bytes of a tensor type, 0 where unknown (a statistic, never a size). */
static int64_t type_bytes(MlirType t) {
  int64_t n = mlyTypeNumBytes(t);
  if (n == -2 && __builtin_mul_overflow(mlyTypeNumElements(t), 4, &n))
    n = INT64_MAX; /* other element types count as 32 bits */
  return n < 0 ? 0 : n;
}

static int64_t value_bytes(MlirValue v) {
  return type_bytes(mlirValueGetType(v));
}

/* ---- pointer -> index map (open addressing) ---- */
typedef struct ptrmap {
  const void **keys;
  int *vals;
  size_t cap;
} ptrmap;

static bool ptrmap_init(ptrmap *m, size_t n) {
  m->cap = 16;
  while (m->cap < 2 * n + 2)
    m->cap *= 2;
  m->keys = calloc(m->cap, sizeof *m->keys);
  m->vals = calloc(m->cap, sizeof *m->vals);
  return m->keys && m->vals;
}

static void ptrmap_free(ptrmap *m) {
  free(m->keys);
  free(m->vals);
}

static size_t ptr_hash(const void *p) {
  uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;
  return (size_t)(h >> 17);
}

/* The map never grows: it is sized for all keys up front. */
static void ptrmap_put(ptrmap *m, const void *k, int v) {
  size_t j = ptr_hash(k) & (m->cap - 1);
  while (m->keys[j] && m->keys[j] != k)
    j = (j + 1) & (m->cap - 1);
  m->keys[j] = k;
  m->vals[j] = v;
}

static int ptrmap_get(const ptrmap *m, const void *k) {
  size_t j = ptr_hash(k) & (m->cap - 1);
  for (; m->keys[j]; j = (j + 1) & (m->cap - 1))
    if (m->keys[j] == k)
      return m->vals[j];
  return -1;
}

/* ---- the state of one function body ---- */
typedef struct dupnode {
  int group, op, next_of_group, next_of_op;
} dupnode;

typedef struct kernel_info {
  char name[48];
  const char *kind;
  int n_ops, n_in, n_out;
  int64_t bytes;
} kernel_info;

typedef struct fstats {
  int64_t ops_before, bytes_before, bytes_after, left_alone, dups;
  int64_t kinds[4];
  kernel_info *kernels;
  size_t n_kernels, cap_kernels;
  int next_id;
  bool oom;
} fstats;

typedef struct body {
  MlirContext ctx;
  MlirBlock block;
  MlirOperation *ops;
  int n;
  ptrmap idx;
  unsigned char *cls;
  bool *small; /* constant copied into kernels */
  int *parent; /* union-find; -1: not in any group */
  int *next;   /* member list of a group, through its root */
  int *tail, *nmem, *n_mm, *n_conv, *n_red, *red_sig, *head_mm, *maxidx;
  bool *dissolved, *alive;
  int *att_head; /* for a matmul: the first matmul of its attention */
  int *dup_of_group, *dup_of_op;
  dupnode *dups;
  int n_dups, cap_dups;
  int *stamp, cur_stamp;
  int *stack;
} body;

static int find(body *b, int i) {
  while (b->parent[i] != i) {
    b->parent[i] = b->parent[b->parent[i]];
    i = b->parent[i];
  }
  return i;
}

/* The outlined group owning op i, or -1. */
static int owner(body *b, int i) {
  if (b->parent[i] < 0)
    return -1;
  int g = find(b, i);
  return b->dissolved[g] ? -1 : g;
}

static int def_index(body *b, MlirValue v) {
  if (!mlirValueIsAOpResult(v))
    return -1;
  return ptrmap_get(&b->idx, mlirOpResultGetOwner(v).ptr);
}

static bool in_dups(body *b, int g, int i) {
  for (int d = b->dup_of_op[i]; d >= 0; d = b->dups[d].next_of_op)
    if (b->dups[d].group == g)
      return true;
  return false;
}

static bool member(body *b, int g, int i) {
  return owner(b, i) == g || (b->cls[i] == C_CONST && b->small[i]) ||
         in_dups(b, g, i);
}

static bool add_dup(body *b, int g, int i) {
  if (b->n_dups == b->cap_dups) {
    int cap = b->cap_dups ? 2 * b->cap_dups : 64;
    dupnode *p = realloc(b->dups, (size_t)cap * sizeof *p);
    if (!p)
      return false;
    b->dups = p;
    b->cap_dups = cap;
  }
  dupnode *d = &b->dups[b->n_dups];
  *d = (dupnode){g, i, b->dup_of_group[g], b->dup_of_op[i]};
  b->dup_of_group[g] = b->dup_of_op[i] = b->n_dups++;
  return true;
}

static void make_group(body *b, int i) {
  b->parent[i] = i;
  b->next[i] = -1;
  b->tail[i] = i;
  b->nmem[i] = 1;
  b->n_mm[i] = b->cls[i] == C_MATMUL;
  b->n_conv[i] = b->cls[i] == C_CONV;
  b->n_red[i] = b->cls[i] == C_REDUCE;
  b->red_sig[i] = b->cls[i] == C_REDUCE ? i : -1;
  b->head_mm[i] = b->cls[i] == C_MATMUL && b->att_head[i] == -2 ? i : -1;
  b->maxidx[i] = i;
}

/* Merges group gb into ga (both roots). */
static void unite(body *b, int ga, int gb) {
  b->parent[gb] = ga;
  b->next[b->tail[ga]] = gb;
  b->tail[ga] = b->tail[gb];
  b->nmem[ga] += b->nmem[gb];
  b->n_mm[ga] += b->n_mm[gb];
  b->n_conv[ga] += b->n_conv[gb];
  b->n_red[ga] += b->n_red[gb];
  if (b->red_sig[ga] < 0)
    b->red_sig[ga] = b->red_sig[gb];
  if (b->head_mm[ga] < 0)
    b->head_mm[ga] = b->head_mm[gb];
  if (b->maxidx[gb] > b->maxidx[ga])
    b->maxidx[ga] = b->maxidx[gb];
}

/* Whether a path leaves ga ∪ gb and comes back into it. */
/* The cycle check walks forward from two groups; a walk longer than this
 * gives up and answers "cycle" (no merge), which keeps the pass linear on
 * graphs where one early value feeds every layer. */
#define CYCLE_WALK_BUDGET 4096

static bool would_cycle(body *b, int ga, int gb) {
  int budget = CYCLE_WALK_BUDGET;
  int top = 0,
      hi = b->maxidx[ga] > b->maxidx[gb] ? b->maxidx[ga] : b->maxidx[gb];
  ++b->cur_stamp;
  for (int r = 0; r < 2; ++r)
    for (int m = r ? gb : ga; m >= 0; m = b->next[m])
      for (intptr_t k = 0, nr = mlirOperationGetNumResults(b->ops[m]); k < nr;
           ++k)
        for (MlirOpOperand u =
                 mlirValueGetFirstUse(mlirOperationGetResult(b->ops[m], k));
             !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
          int x = ptrmap_get(&b->idx, mlirOpOperandGetOwner(u).ptr);
          if (x < 0 || x > hi || b->stamp[x] == b->cur_stamp)
            continue;
          int g = b->parent[x] >= 0 ? find(b, x) : -1;
          if (g == ga || g == gb)
            continue;
          b->stamp[x] = b->cur_stamp;
          b->stack[top++] = x;
        }
  while (top) {
    if (--budget < 0)
      return true;
    int x = b->stack[--top];
    MlirOperation op = b->ops[x];
    for (intptr_t k = 0, nr = mlirOperationGetNumResults(op); k < nr; ++k)
      for (MlirOpOperand u =
               mlirValueGetFirstUse(mlirOperationGetResult(op, k));
           !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
        int y = ptrmap_get(&b->idx, mlirOpOperandGetOwner(u).ptr);
        if (y < 0 || y > hi || b->stamp[y] == b->cur_stamp)
          continue;
        int g = b->parent[y] >= 0 ? find(b, y) : -1;
        if (g == ga || g == gb)
          return true;
        b->stamp[y] = b->cur_stamp;
        b->stack[top++] = y;
      }
  }
  return false;
}

static bool same_rows(body *b, int r1, int r2) {
  MlirOperation x = b->ops[r1], y = b->ops[r2];
  const char *names[] = {"dims", "keepdim"};
  /* Rows are the same when the shapes agree; element types may differ
   * (a softmax and a reduce over its i1 mask walk the same rows). */
  MlirType tx = mlirValueGetType(mlirOperationGetOperand(x, 0));
  MlirType ty = mlirValueGetType(mlirOperationGetOperand(y, 0));
  if (!mlirTypeEqual(mlyTypeWithElt(tx, mlyF32(mlirTypeGetContext(tx))),
                     mlyTypeWithElt(ty, mlyF32(mlirTypeGetContext(ty)))))
    return false;
  for (int i = 0; i < 2; ++i)
    if (!mlirAttributeEqual(mlirOperationGetAttributeByName(
                                x, mlirStringRefCreateFromCString(names[i])),
                            mlirOperationGetAttributeByName(
                                y, mlirStringRefCreateFromCString(names[i]))))
      return false;
  return true;
}

/* Whether op c (its own group) may join group g by kind. */
static bool may_join(body *b, int c, int g) {
  if (b->nmem[g] + 1 > MAX_GROUP_OPS)
    return false;
  switch (b->cls[c]) {
  case C_ELEM:
    return true;
  case C_REDUCE:
    if (b->n_conv[g] || b->n_mm[g] > 1 ||
        (b->n_mm[g] == 1 && b->head_mm[g] < 0))
      return false;
    return b->red_sig[g] < 0 || same_rows(b, b->red_sig[g], c);
  case C_MATMUL: {
    int h = b->att_head[c];
    if (h < 0 || b->parent[h] < 0 || find(b, h) != g || b->n_mm[g] != 1 ||
        !b->n_red[g])
      return false;
    int l = def_index(b, mlirOperationGetOperand(b->ops[c], 0));
    return l >= 0 && b->parent[l] >= 0 && find(b, l) == g;
  }
  default:
    return false;
  }
}

/* Whether group e feeds a matmul or conv of group g (no prologues). */
static bool feeds_matmul(body *b, int e, int g) {
  for (int m = e; m >= 0; m = b->next[m])
    for (intptr_t k = 0, nr = mlirOperationGetNumResults(b->ops[m]); k < nr;
         ++k)
      for (MlirOpOperand u =
               mlirValueGetFirstUse(mlirOperationGetResult(b->ops[m], k));
           !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
        int x = ptrmap_get(&b->idx, mlirOpOperandGetOwner(u).ptr);
        if (x >= 0 && (b->cls[x] == C_MATMUL || b->cls[x] == C_CONV) &&
            b->parent[x] >= 0 && find(b, x) == g)
          return true;
      }
  return false;
}

static int priority(body *b, int g) {
  return b->n_mm[g] || b->n_conv[g] ? 2 : b->n_red[g] ? 1 : 0;
}

/* Marks attentions: a matmul whose lhs comes, through elementwise ops, at
 * least one reduce and an exp (a softmax; a layer norm between two
 * matmuls has no exp), from exactly one other matmul. att_head[m2] = m1,
 * att_head[m1] = -2 (a head); -1 otherwise. */
static void find_attentions(body *b) {
  for (int i = 0; i < b->n; ++i) {
    if (b->cls[i] != C_MATMUL)
      continue;
    int top = 0, head = -1, n_red = 0, seen = 0;
    bool ok = true, exp = false;
    ++b->cur_stamp;
    int d = def_index(b, mlirOperationGetOperand(b->ops[i], 0));
    if (d < 0)
      continue;
    b->stack[top++] = d;
    b->stamp[d] = b->cur_stamp;
    while (top && ok) {
      int x = b->stack[--top];
      if (b->cls[x] == C_MATMUL) {
        ok = head < 0;
        head = x;
        continue;
      }
      if (b->cls[x] != C_ELEM && b->cls[x] != C_REDUCE)
        continue; /* a leaf: the attention reads it */
      n_red += b->cls[x] == C_REDUCE;
      exp = exp || mlirStringRefEqual(
                       mlirIdentifierStr(mlirOperationGetName(b->ops[x])),
                       mlirStringRefCreateFromCString("mly.exp"));
      ok = ++seen <= MAX_GROUP_OPS;
      for (intptr_t k = 0, no = mlirOperationGetNumOperands(b->ops[x]); k < no;
           ++k) {
        int y = def_index(b, mlirOperationGetOperand(b->ops[x], k));
        if (y >= 0 && b->stamp[y] != b->cur_stamp) {
          b->stamp[y] = b->cur_stamp;
          b->stack[top++] = y;
        }
      }
    }
    if (ok && head >= 0 && n_red && exp && b->att_head[head] == -1) {
      b->att_head[i] = head;
      b->att_head[head] = -2;
    }
  }
}

static void greedy(body *b) {
  int prod[MAX_INPUTS * 2];
  for (int i = 0; i < b->n; ++i) {
    int c = b->cls[i];
    if (c != C_ELEM && c != C_REDUCE && c != C_MATMUL && c != C_CONV)
      continue;
    make_group(b, i);
    int np = 0;
    for (intptr_t k = 0, no = mlirOperationGetNumOperands(b->ops[i]); k < no;
         ++k) {
      int d = def_index(b, mlirOperationGetOperand(b->ops[i], k));
      if (d < 0 || b->parent[d] < 0)
        continue;
      int g = find(b, d), j = 0;
      while (j < np && prod[j] != g)
        ++j;
      if (j == np && np < (int)(sizeof prod / sizeof *prod))
        prod[np++] = g;
    }
    int joined = -1;
    for (int p = 2; p >= 0 && joined < 0; --p)
      for (int j = 0; j < np && joined < 0; ++j)
        if (priority(b, prod[j]) == p && may_join(b, i, prod[j]) &&
            !would_cycle(b, prod[j], i)) {
          unite(b, prod[j], i);
          joined = prod[j];
        }
    if (c == C_MATMUL || c == C_CONV)
      continue;
    int g = find(b, i);
    for (int j = 0; j < np; ++j) {
      int e = prod[j];
      if (e == joined || b->parent[e] != e || priority(b, e) ||
          b->nmem[g] + b->nmem[e] > MAX_GROUP_OPS || feeds_matmul(b, e, g) ||
          would_cycle(b, g, e))
        continue;
      unite(b, g, e);
    }
  }
}

/* Inputs of group g: distinct values its members read from outside it.
 * Returns the count (at most cap written), or -1 on a full array. */
static int group_inputs(body *b, int g, const int *mem, int nm, MlirValue *in,
                        int cap) {
  int n = 0;
  for (int m = 0; m < nm; ++m) {
    MlirOperation op = b->ops[mem[m]];
    for (intptr_t k = 0, no = mlirOperationGetNumOperands(op); k < no; ++k) {
      MlirValue v = mlirOperationGetOperand(op, k);
      int d = def_index(b, v);
      if (d >= 0 && member(b, g, d))
        continue;
      int j = 0;
      while (j < n && !mlirValueEqual(in[j], v))
        ++j;
      if (j == n) {
        if (n == cap)
          return -1;
        in[n++] = v;
      }
    }
  }
  return n;
}

static int cmp_int(const void *x, const void *y) {
  int a = *(const int *)x, c = *(const int *)y;
  return (a > c) - (a < c);
}

/* Members of g (owned and duplicated) in program order; returns count. */
static int group_members(body *b, int g, int *mem) {
  int n = 0;
  for (int m = g; m >= 0; m = b->next[m])
    mem[n++] = m;
  for (int d = b->dup_of_group[g]; d >= 0; d = b->dups[d].next_of_group)
    mem[n++] = b->dups[d].op;
  qsort(mem, (size_t)n, sizeof *mem, cmp_int);
  return n;
}

/* Lets group g recompute cheap elementwise producers instead of reading
 * them, where that reads no more bytes. */
static bool duplicate(body *b, int g, int *mem, int *slice) {
  MlirValue in[MAX_INPUTS * 4];
  int nm = group_members(b, g, mem);
  int ni = group_inputs(b, g, mem, nm, in, MAX_INPUTS * 4);
  for (int k = 0; k < ni; ++k) {
    int d = def_index(b, in[k]);
    if (d < 0 || b->cls[d] != C_ELEM)
      continue;
    bool to_mm = false;
    for (MlirOpOperand u = mlirValueGetFirstUse(in[k]); !mlirOpOperandIsNull(u);
         u = mlirOpOperandGetNextUse(u)) {
      int x = ptrmap_get(&b->idx, mlirOpOperandGetOwner(u).ptr);
      if (x >= 0 && member(b, g, x) &&
          (b->cls[x] == C_MATMUL || b->cls[x] == C_CONV))
        to_mm = true;
    }
    if (to_mm)
      continue;
    /* The slice: elementwise ancestors of d outside g, up to MAX_DUP. */
    int ns = 0, top = 0;
    int64_t new_bytes = 0;
    bool ok = true;
    MlirValue leaves[MAX_DUP * 3];
    int nl = 0;
    slice[ns++] = d;
    while (top < ns && ok) {
      MlirOperation op = b->ops[slice[top++]];
      for (intptr_t o = 0, no = mlirOperationGetNumOperands(op); o < no && ok;
           ++o) {
        MlirValue v = mlirOperationGetOperand(op, o);
        int y = def_index(b, v);
        if (y >= 0 && member(b, g, y))
          continue;
        int j = 0;
        while (j < ns && slice[j] != y)
          ++j;
        if (y >= 0 && j < ns)
          continue;
        if (y >= 0 && b->cls[y] == C_ELEM) {
          ok = ns < MAX_DUP;
          if (ok)
            slice[ns++] = y;
          continue;
        }
        int l = 0;
        while (l < nl && !mlirValueEqual(leaves[l], v))
          ++l;
        int a = 0;
        while (a < ni && !mlirValueEqual(in[a], v))
          ++a;
        if (l == nl && a == ni) {
          ok = nl < MAX_DUP * 3;
          if (ok)
            leaves[nl++] = v;
          new_bytes = mlySatAdd(new_bytes, value_bytes(v));
        }
      }
    }
    if (!ok || new_bytes > value_bytes(in[k]))
      continue;
    for (int s = 0; s < ns; ++s)
      if (!add_dup(b, g, slice[s]))
        return false;
  }
  return true;
}

static bool has_uses(MlirOperation op) {
  for (intptr_t k = 0, nr = mlirOperationGetNumResults(op); k < nr; ++k)
    if (!mlirOpOperandIsNull(
            mlirValueGetFirstUse(mlirOperationGetResult(op, k))))
      return true;
  return false;
}

/* Whether a group other than `self` or a surviving op needs op p's value
 * through the use by op u. */
static bool needs(body *b, int self, int p, int u) {
  if (u < 0)
    return true;
  int og = owner(b, u);
  if (og >= 0 && og != self && !member(b, og, p))
    return true;
  if (og < 0 && b->alive[u])
    return true;
  for (int d = b->dup_of_op[u]; d >= 0; d = b->dups[d].next_of_op) {
    int h = b->dups[d].group;
    if (h != self && !b->dissolved[h] && !member(b, h, p))
      return true;
  }
  return false;
}

static void compute_alive(body *b) {
  for (int i = b->n; i-- > 0;) {
    b->alive[i] = true;
    if (owner(b, i) >= 0 || (b->cls[i] != C_ELEM && b->cls[i] != C_CONST) ||
        !has_uses(b->ops[i]))
      continue;
    bool need = false;
    MlirOperation op = b->ops[i];
    for (intptr_t k = 0, nr = mlirOperationGetNumResults(op); k < nr && !need;
         ++k)
      for (MlirOpOperand u =
               mlirValueGetFirstUse(mlirOperationGetResult(op, k));
           !mlirOpOperandIsNull(u) && !need; u = mlirOpOperandGetNextUse(u))
        need =
            needs(b, -1, i, ptrmap_get(&b->idx, mlirOpOperandGetOwner(u).ptr));
    b->alive[i] = need;
  }
}

/* Results of g's owned ops that something outside g reads. */
static int group_outputs(body *b, int g, MlirValue *out, int cap) {
  int n = 0;
  for (int m = g; m >= 0; m = b->next[m]) {
    MlirOperation op = b->ops[m];
    for (intptr_t k = 0, nr = mlirOperationGetNumResults(op); k < nr; ++k) {
      MlirValue v = mlirOperationGetResult(op, k);
      bool need = false;
      for (MlirOpOperand u = mlirValueGetFirstUse(v);
           !mlirOpOperandIsNull(u) && !need; u = mlirOpOperandGetNextUse(u))
        need =
            needs(b, g, m, ptrmap_get(&b->idx, mlirOpOperandGetOwner(u).ptr));
      if (need) {
        if (n == cap)
          return -1;
        out[n++] = v;
      }
    }
  }
  return n;
}

static int compute_ops(body *b, const int *mem, int nm) {
  int c = 0;
  for (int m = 0; m < nm; ++m)
    c += b->cls[mem[m]] != C_CONST;
  return c;
}

/* Bytes an unfused compute op moves. */
static int64_t op_bytes(MlirOperation op) {
  int64_t s = 0;
  intptr_t no = mlirOperationGetNumOperands(op);
  for (intptr_t k = 0; k < no; ++k) {
    MlirValue v = mlirOperationGetOperand(op, k);
    bool again = false;
    for (intptr_t j = 0; j < k; ++j)
      again |= mlirValueEqual(v, mlirOperationGetOperand(op, j));
    if (again || (mlirValueIsAOpResult(v) &&
                  classify(mlirOpResultGetOwner(v)) == C_CONST))
      continue;
    s = mlySatAdd(s, value_bytes(v));
  }
  for (intptr_t k = 0, nr = mlirOperationGetNumResults(op); k < nr; ++k)
    s = mlySatAdd(s, value_bytes(mlirOperationGetResult(op, k)));
  return s;
}

static const char *group_kind(body *b, int g, int *ki) {
  if (b->n_mm[g] == 2 && b->n_red[g]) {
    *ki = 3;
    return "attention";
  }
  if (b->n_mm[g] || b->n_conv[g]) {
    *ki = 2;
    return "matmul";
  }
  if (b->n_red[g]) {
    *ki = 1;
    return "reduction";
  }
  *ki = 0;
  return "elementwise";
}

static MlirValue map_get(const MlirValue *from, const MlirValue *to, int n,
                         MlirValue v) {
  for (int i = n; i-- > 0;)
    if (mlirValueEqual(from[i], v))
      return to[i];
  return (MlirValue){NULL};
}

/* Builds @fused_<id>_<kind> from g's members and a call to it before g's
 * last owned op. Returns the call, or a null op when out of memory. */
static MlirOperation outline(body *b, MlirOperation func, int g, const int *mem,
                             int nm, const MlirValue *in, int ni,
                             const MlirValue *out, int no, const char *name,
                             const char *kind) {
  MlirContext ctx = b->ctx;
  MlirLocation loc = mlirOperationGetLocation(b->ops[b->maxidx[g]]);
  MlirType tin[MAX_INPUTS], tout[MAX_OUTPUTS];
  MlirLocation lin[MAX_INPUTS];
  for (int i = 0; i < ni; ++i) {
    tin[i] = mlirValueGetType(in[i]);
    lin[i] = loc;
  }
  for (int i = 0; i < no; ++i)
    tout[i] = mlirValueGetType(out[i]);
  int cap = ni;
  for (int m = 0; m < nm; ++m)
    cap += (int)(mlirOperationGetNumOperands(b->ops[mem[m]]) +
                 mlirOperationGetNumResults(b->ops[mem[m]]));
  MlirValue *from = malloc((size_t)cap * sizeof *from);
  MlirValue *to = malloc((size_t)cap * sizeof *to);
  MlirOperation call = {NULL};
  if (!from || !to)
    goto out;
  MlirBlock entry = mlirBlockCreate(ni, tin, lin);
  int nmap = 0;
  for (int i = 0; i < ni; ++i) {
    from[nmap] = in[i];
    to[nmap++] = mlirBlockGetArgument(entry, i);
  }
  for (int m = 0; m < nm; ++m) {
    MlirOperation op = b->ops[mem[m]];
    if (b->cls[mem[m]] == C_CONST && b->small[mem[m]])
      continue; /* copied on first use below */
    for (intptr_t k = 0, n = mlirOperationGetNumOperands(op); k < n; ++k) {
      MlirValue v = mlirOperationGetOperand(op, k);
      if (!mlirValueIsNull(map_get(from, to, nmap, v)))
        continue;
      MlirOperation c = mlirOperationClone(mlirOpResultGetOwner(v));
      mlirBlockAppendOwnedOperation(entry, c);
      from[nmap] = v;
      to[nmap++] = mlirOperationGetResult(c, 0);
    }
    MlirOperation c = mlirOperationClone(op);
    for (intptr_t k = 0, n = mlirOperationGetNumOperands(op); k < n; ++k)
      mlirOperationSetOperand(
          c, k, map_get(from, to, nmap, mlirOperationGetOperand(op, k)));
    mlirBlockAppendOwnedOperation(entry, c);
    for (intptr_t k = 0, n = mlirOperationGetNumResults(op); k < n; ++k) {
      from[nmap] = mlirOperationGetResult(op, k);
      to[nmap++] = mlirOperationGetResult(c, k);
    }
  }
  MlirValue ret[MAX_OUTPUTS];
  for (int i = 0; i < no; ++i)
    ret[i] = map_get(from, to, nmap, out[i]);
  MlirOperationState rs =
      mlirOperationStateGet(mlirStringRefCreateFromCString("func.return"), loc);
  mlirOperationStateAddOperands(&rs, no, ret);
  mlirBlockAppendOwnedOperation(entry, mlirOperationCreate(&rs));

  MlirRegion region = mlirRegionCreate();
  mlirRegionAppendOwnedBlock(region, entry);
  MlirNamedAttribute attrs[4] = {
      mlirNamedAttributeGet(
          mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("sym_name")),
          mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(name))),
      mlirNamedAttributeGet(
          mlirIdentifierGet(ctx,
                            mlirStringRefCreateFromCString("function_type")),
          mlirTypeAttrGet(mlirFunctionTypeGet(ctx, ni, tin, no, tout))),
      mlirNamedAttributeGet(
          mlirIdentifierGet(ctx,
                            mlirStringRefCreateFromCString("sym_visibility")),
          mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("private"))),
      mlyNamedStr(ctx, "mly.fused", kind)};
  MlirOperationState fs =
      mlirOperationStateGet(mlirStringRefCreateFromCString("func.func"), loc);
  mlirOperationStateAddOwnedRegions(&fs, 1, &region);
  mlirOperationStateAddAttributes(&fs, 4, attrs);
  MlirOperation fn = mlirOperationCreate(&fs);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(func), func, fn);

  MlirNamedAttribute callee = mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("callee")),
      mlirFlatSymbolRefAttrGet(ctx, mlirStringRefCreateFromCString(name)));
  MlirOperationState cs =
      mlirOperationStateGet(mlirStringRefCreateFromCString("func.call"), loc);
  mlirOperationStateAddOperands(&cs, ni, in);
  mlirOperationStateAddResults(&cs, no, tout);
  mlirOperationStateAddAttributes(&cs, 1, &callee);
  call = mlirOperationCreate(&cs);
  mlirBlockInsertOwnedOperationBefore(b->block, b->ops[b->maxidx[g]], call);
out:
  free(from);
  free(to);
  return call;
}

/* Restores def-before-use order in the block: calls sit where their
 * group ended, which may be after a reader of one of their results. */
static bool sort_block(MlirBlock block) {
  MlirOperation term = mlirBlockGetTerminator(block);
  int n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    ++n;
  MlirOperation *ops = malloc((size_t)(n + 1) * sizeof *ops);
  int *stack = malloc((size_t)(n + 1) * sizeof *stack);
  char *state = calloc((size_t)(n + 1), 1);
  ptrmap m = {0};
  bool ok = ops && stack && state && ptrmap_init(&m, (size_t)n);
  if (!ok)
    goto out;
  int i = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    ptrmap_put(&m, op.ptr, i);
    ops[i++] = op;
  }
  for (int s = 0; s < n; ++s) {
    if (state[s] || mlirOperationEqual(ops[s], term))
      continue;
    int top = 0;
    stack[top++] = s;
    state[s] = 1;
    while (top) {
      int x = stack[top - 1];
      bool pushed = false;
      for (intptr_t k = 0, no = mlirOperationGetNumOperands(ops[x]);
           k < no && !pushed; ++k) {
        MlirValue v = mlirOperationGetOperand(ops[x], k);
        int d = mlirValueIsAOpResult(v)
                    ? ptrmap_get(&m, mlirOpResultGetOwner(v).ptr)
                    : -1;
        if (d >= 0 && !state[d]) {
          state[d] = 1;
          stack[top++] = d;
          pushed = true;
        }
      }
      if (!pushed) {
        --top;
        state[x] = 2;
        if (!mlirOperationIsNull(term))
          mlirOperationMoveBefore(ops[x], term);
      }
    }
  }
out:
  ptrmap_free(&m);
  free(ops);
  free(stack);
  free(state);
  return ok;
}

static bool record_kernel(fstats *st, const char *name, const char *kind,
                          int n_ops, int ni, int no, int64_t bytes) {
  if (st->n_kernels == st->cap_kernels) {
    size_t cap = st->cap_kernels ? 2 * st->cap_kernels : 16;
    kernel_info *p = realloc(st->kernels, cap * sizeof *p);
    if (!p)
      return false;
    st->kernels = p;
    st->cap_kernels = cap;
  }
  kernel_info *k = &st->kernels[st->n_kernels++];
  snprintf(k->name, sizeof k->name, "%s", name);
  k->kind = kind;
  k->n_ops = n_ops;
  k->n_in = ni;
  k->n_out = no;
  k->bytes = bytes;
  return true;
}

static bool body_alloc(body *b, int n) {
  size_t z = (size_t)n + 1;
  b->cls = calloc(z, 1);
  b->small = calloc(z, sizeof(bool));
  b->dissolved = calloc(z, sizeof(bool));
  b->alive = calloc(z, sizeof(bool));
  int **ints[] = {&b->parent,    &b->next,   &b->tail,     &b->nmem,
                  &b->n_mm,      &b->n_conv, &b->n_red,    &b->red_sig,
                  &b->head_mm,   &b->maxidx, &b->att_head, &b->dup_of_group,
                  &b->dup_of_op, &b->stamp,  &b->stack};
  bool ok = b->cls && b->small && b->dissolved && b->alive;
  for (size_t i = 0; i < sizeof ints / sizeof *ints; ++i)
    ok &= (*ints[i] = calloc(z, sizeof(int))) != NULL;
  return ok && ptrmap_init(&b->idx, z);
}

static void body_free(body *b) {
  int **ints[] = {&b->parent,    &b->next,   &b->tail,     &b->nmem,
                  &b->n_mm,      &b->n_conv, &b->n_red,    &b->red_sig,
                  &b->head_mm,   &b->maxidx, &b->att_head, &b->dup_of_group,
                  &b->dup_of_op, &b->stamp,  &b->stack};
  for (size_t i = 0; i < sizeof ints / sizeof *ints; ++i)
    free(*ints[i]);
  free(b->cls);
  free(b->small);
  free(b->dissolved);
  free(b->alive);
  free(b->dups);
  free(b->ops);
  ptrmap_free(&b->idx);
}

static bool is_small_const(MlirOperation op) {
  MlirAttribute v = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("value"));
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!mlirAttributeIsNull(v) && mlirAttributeIsADenseElements(v) &&
      mlirDenseElementsAttrIsSplat(v))
    return true;
  return mlirTypeIsARankedTensor(t) && mlirShapedTypeHasStaticShape(t) &&
         mlyTypeNumElements(t) <= SMALL_CONST;
}

/* Fuses the body of one function. Returns false when out of memory. */
static bool fuse_func(MlirOperation func, fstats *st) {
  body b = {0};
  bool ok = false;
  int *mem = NULL, *slice = NULL;
  MlirOperation *calls = NULL;
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(block))
    return true;
  b.ctx = mlirOperationGetContext(func);
  b.block = block;
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    ++b.n;
  if (!(b.ops = malloc(((size_t)b.n + 1) * sizeof *b.ops)) ||
      !body_alloc(&b, b.n))
    goto out;
  b.n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    ptrmap_put(&b.idx, op.ptr, b.n);
    b.cls[b.n] = (unsigned char)classify(op);
    b.small[b.n] = b.cls[b.n] == C_CONST && is_small_const(op);
    b.parent[b.n] = b.att_head[b.n] = b.dup_of_group[b.n] = b.dup_of_op[b.n] =
        -1;
    if (mlyOpIsMly(op) && b.cls[b.n] != C_CONST) {
      st->ops_before++;
      st->bytes_before = mlySatAdd(st->bytes_before, op_bytes(op));
    }
    b.ops[b.n++] = op;
  }
  if (!(mem = malloc(((size_t)b.n + 1) * sizeof *mem)) ||
      !(slice = malloc(MAX_DUP * sizeof *slice)) ||
      !(calls = calloc((size_t)b.n + 1, sizeof *calls)))
    goto out;
  find_attentions(&b);
  greedy(&b);
  for (int g = 0; g < b.n; ++g)
    if (b.parent[g] == g && !duplicate(&b, g, mem, slice))
      goto out;
  /* Drop groups of one compute op and those over the call limits; each
   * drop can change which values others must return, so repeat. */
  MlirValue in[MAX_INPUTS], outv[MAX_OUTPUTS];
  for (bool changed = true; changed;) {
    changed = false;
    compute_alive(&b);
    for (int g = 0; g < b.n; ++g) {
      if (b.parent[g] != g || b.dissolved[g])
        continue;
      int nm = group_members(&b, g, mem);
      if (compute_ops(&b, mem, nm) < 2 ||
          group_inputs(&b, g, mem, nm, in, MAX_INPUTS) < 0 ||
          group_outputs(&b, g, outv, MAX_OUTPUTS) < 0) {
        b.dissolved[g] = true;
        changed = true;
      }
    }
  }
  /* Outline; remember which values each call replaces. */
  MlirValue *repl_from = NULL, *repl_to = NULL;
  int n_repl = 0, cap_repl = 0;
  for (int g = 0; g < b.n; ++g) {
    if (b.parent[g] != g || b.dissolved[g])
      continue;
    int nm = group_members(&b, g, mem);
    int ni = group_inputs(&b, g, mem, nm, in, MAX_INPUTS);
    int no = group_outputs(&b, g, outv, MAX_OUTPUTS);
    int ki;
    const char *kind = group_kind(&b, g, &ki);
    char name[48];
    snprintf(name, sizeof name, "fused_%d_%s", st->next_id++, kind);
    calls[g] = outline(&b, func, g, mem, nm, in, ni, outv, no, name, kind);
    if (mlirOperationIsNull(calls[g]))
      goto out_repl;
    int64_t bytes = 0;
    for (int i = 0; i < ni; ++i)
      bytes = mlySatAdd(bytes, value_bytes(in[i]));
    for (int i = 0; i < no; ++i)
      bytes = mlySatAdd(bytes, value_bytes(outv[i]));
    st->bytes_after = mlySatAdd(st->bytes_after, bytes);
    st->kinds[ki]++;
    st->dups += nm - b.nmem[g];
    if (!record_kernel(st, name, kind, compute_ops(&b, mem, nm), ni, no, bytes))
      goto out_repl;
    if (n_repl + no > cap_repl) {
      int cap = 2 * cap_repl + no + 16;
      MlirValue *f = realloc(repl_from, (size_t)cap * sizeof *f);
      if (f)
        repl_from = f;
      MlirValue *t = f ? realloc(repl_to, (size_t)cap * sizeof *t) : NULL;
      if (!t)
        goto out_repl;
      repl_to = t;
      cap_repl = cap;
    }
    char fkind[48];
    snprintf(fkind, sizeof fkind, "fuse.%s", kind);
    MlirValue callv[MAX_OUTPUTS];
    for (int i = 0; i < no; ++i)
      callv[i] = mlirOperationGetResult(calls[g], i);
    mlyRewriteObserverNotify("mly-fuse", fkind, outv, callv, no);
    for (int i = 0; i < no; ++i) {
      repl_from[n_repl] = outv[i];
      repl_to[n_repl++] = mlirOperationGetResult(calls[g], i);
    }
  }
  for (int i = 0; i < n_repl; ++i)
    mlirValueReplaceAllUsesOfWith(repl_from[i], repl_to[i]);
  for (int i = b.n; i-- > 0;) {
    bool gone = owner(&b, i) >= 0 ||
                ((b.cls[i] == C_ELEM || b.cls[i] == C_CONST) && !b.alive[i]);
    if (gone && !has_uses(b.ops[i]))
      mlirOperationDestroy(b.ops[i]);
    else if (gone)
      b.alive[i] = true; /* still read: keep it rather than break the IR */
  }
  for (int i = 0; i < b.n; ++i)
    if (owner(&b, i) < 0 && b.alive[i] && b.cls[i] != C_CONST &&
        mlyOpIsMly(b.ops[i])) {
      st->left_alone++;
      st->bytes_after = mlySatAdd(st->bytes_after, op_bytes(b.ops[i]));
    }
  ok = sort_block(block);
out_repl:
  free(repl_from);
  free(repl_to);
out:
  free(mem);
  free(slice);
  free(calls);
  body_free(&b);
  return ok;
}

static void write_report(const fstats *st) {
  FILE *f = stderr;
  if (strcmp(report_path, "-")) {
    f = fopen(report_path, report_started ? "a" : "w");
    if (!f) {
      fprintf(stderr, "mly-fuse: cannot write the report to '%s'\n",
              report_path);
      return;
    }
  }
  report_started = true;
  int64_t fused = st->kinds[0] + st->kinds[1] + st->kinds[2] + st->kinds[3];
  fprintf(
      f,
      "{\"pass\": \"mly-fuse\", \"ops_before\": %lld, \"kernels_after\": %lld, "
      "\"fused\": %lld, \"left_alone\": %lld, \"kinds\": {\"elementwise\": "
      "%lld, "
      "\"reduction\": %lld, \"matmul\": %lld, \"attention\": %lld}, "
      "\"duplicated_ops\": %lld, \"bytes_before\": %lld, \"bytes_after\": "
      "%lld, "
      "\"kernels\": [",
      (long long)st->ops_before, (long long)(fused + st->left_alone),
      (long long)fused, (long long)st->left_alone, (long long)st->kinds[0],
      (long long)st->kinds[1], (long long)st->kinds[2], (long long)st->kinds[3],
      (long long)st->dups, (long long)st->bytes_before,
      (long long)st->bytes_after);
  for (size_t i = 0; i < st->n_kernels; ++i) {
    const kernel_info *k = &st->kernels[i];
    fprintf(
        f,
        "%s{\"name\": \"%s\", \"kind\": \"%s\", \"ops\": %d, \"inputs\": %d, "
        "\"outputs\": %d, \"bytes\": %lld}",
        i ? ", " : "", k->name, k->kind, k->n_ops, k->n_in, k->n_out,
        (long long)k->bytes);
  }
  fputs("]}\n", f);
  if (f != stderr)
    fclose(f);
}

static bool is_func(MlirOperation op) {
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  return n.length == 9 && !memcmp(n.data, "func.func", 9);
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  fstats st = {0};
  MlirStringRef rn = mlirIdentifierStr(mlirOperationGetName(root));
  if (rn.length != 14 || memcmp(rn.data, "builtin.module", 14)) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "mly-fuse: must run on a builtin.module (it adds functions)");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(root, 0));
  MlirStringRef fused = mlirStringRefCreateFromCString("mly.fused");
  /* Existing kernels keep their names; new ones count on from them. */
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (is_func(op) &&
        !mlirAttributeIsNull(mlirOperationGetAttributeByName(op, fused)))
      st.next_id++;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (!is_func(op) ||
        !mlirAttributeIsNull(mlirOperationGetAttributeByName(op, fused)))
      continue;
    if (!fuse_func(op, &st)) {
      mlirEmitError(mlirOperationGetLocation(root), "mly-fuse: out of memory");
      mlirExternalPassSignalFailure(pass);
      goto out;
    }
  }
  if (report_path)
    write_report(&st);
out:
  free(st.kernels);
}

MlirPass mlyCreateFusePass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(&id, "MlyFuse", "mly-fuse",
                                "Outline fusion groups of mly ops into kernels",
                                run);
}
