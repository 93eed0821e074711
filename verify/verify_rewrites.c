/* mly-verify-rewrites: translation validation of mly-canonicalize and
 * mly-fuse with Z3.
 *
 * The pass installs a rewrite observer (transforms/mly_transforms.h); the
 * rewrites of every later canonicalize and fuse run are then checked
 * while both sides exist:
 *  - the instance: each replaced value is compared with its replacement
 *    at up to 4 positions per dim (the first two and the last two), so a
 *    value of any shape is checked on a scaled-down sample of at most
 *    4^rank elements; each sampled element is encoded with its cone of
 *    influence (verify/encode.c);
 *  - the leaves: for mly-fuse, the call's operands (the outlined body is
 *    encoded through the call, the replaced ops through themselves); for
 *    mly-canonicalize, values more than LEAF_DEPTH ops above either side
 *    (both sides share the same leaves, as free variables);
 *  - real arithmetic: is any sampled element different? unsat proves the
 *    rewrite algebraically; a model refutes it (an error at the rewritten
 *    op, so mly-opt fails), unless an op was an uninterpreted function
 *    (then unknown);
 *  - IEEE: the same with the f32 (f16, bf16) semantics, where equality is
 *    SMT-LIB's identity (+0 and -0 differ, NaN equals NaN): unsat means
 *    bit-identical; a model is a counterexample with both results.
 * Each rewrite kind ("mly.add:identity", "fuse.elementwise", ...) keeps
 * its worst outcome over its instances (refuted > unknown > proven).
 * mlyVerifyRewritesFinish writes one JSON line (mlyVerifySetReportPath):
 * {"pass": "mly-verify-rewrites", "kinds": [{"kind", "count", "real",
 * "ieee", "real_counterexample"?, "ieee_counterexample"?, "max_ms"}],
 * "smt": {...}}, and sets `mly.verified_rewrites` on the module: a
 * dictionary from kind to "real=<outcome> ieee=<outcome>". */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strdup */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"
#include "verify/mly_verify.h"
#include "verify/smt.h"

#define LEAF_DEPTH 3
#define RANK MLY_BUILDER_MAX_RANK
#define MAX_SAMPLE 256 /* elements compared per value */

enum { O_PROVEN, O_UNKNOWN, O_REFUTED };
static const char *const real_names[] = {"proven", "unknown", "refuted"};
static const char *const ieee_names[] = {"identical", "unknown", "differs"};

typedef struct kind_stat {
  char name[64];
  long count;
  int real, ieee;
  char *real_cex, *ieee_cex, *real_why, *ieee_why;
  double max_ms;
} kind_stat;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool active;
static kind_stat *kinds;
static size_t n_kinds, cap_kinds;

/* ---- Leaves ------------------------------------------------------------ */

typedef struct leaves {
  const void **vals; /* expanded values (canonicalize) or leaves (fuse) */
  size_t n, cap;
  bool fuse;
} leaves;

static bool has(const leaves *l, MlirValue v) {
  for (size_t i = 0; i < l->n; ++i)
    if (l->vals[i] == v.ptr)
      return true;
  return false;
}

static void add(leaves *l, MlirValue v) {
  if (has(l, v))
    return;
  if (l->n == l->cap) {
    size_t c = l->cap ? 2 * l->cap : 32;
    const void **p = realloc(l->vals, c * sizeof *p);
    if (!p)
      return;
    l->vals = p;
    l->cap = c;
  }
  l->vals[l->n++] = v.ptr;
}

static bool expand(void *user, MlirValue v) {
  leaves *l = user;
  return l->fuse ? !has(l, v) : has(l, v);
}

/* Values within LEAF_DEPTH ops of the roots (breadth first). */
static void collect(leaves *l, const MlirValue *roots, size_t n) {
  for (size_t i = 0; i < n; ++i)
    add(l, roots[i]);
  size_t begin = 0;
  for (int d = 0; d < LEAF_DEPTH; ++d) {
    size_t end = l->n;
    for (size_t i = begin; i < end; ++i) {
      MlirValue v = {l->vals[i]};
      if (!mlirValueIsAOpResult(v))
        continue;
      MlirOperation op = mlirOpResultGetOwner(v);
      if (!mlyOpIsMly(op))
        continue;
      for (intptr_t k = 0; k < mlirOperationGetNumOperands(op); ++k)
        if (d + 1 < LEAF_DEPTH)
          add(l, mlirOperationGetOperand(op, k));
    }
    begin = end;
  }
}

/* ---- Samples ------------------------------------------------------------ */

/* Flat indices of the sampled elements of type t (<= MAX_SAMPLE). */
static int64_t sample(MlirType t, int64_t *out) {
  int64_t r = mlyTypeRank(t), dims[RANK], pos[RANK][4], np[RANK], ix[RANK];
  mlyTypeDims(t, dims);
  for (int64_t i = 0; i < r; ++i) {
    np[i] = 0;
    int64_t cand[4] = {0, 1, dims[i] - 2, dims[i] - 1};
    for (int c = 0; c < 4; ++c) {
      bool dup = cand[c] < 0 || cand[c] >= dims[i];
      for (int64_t j = 0; j < np[i] && !dup; ++j)
        dup = pos[i][j] == cand[c];
      if (!dup)
        pos[i][np[i]++] = cand[c];
    }
    if (!np[i])
      return 0;
  }
  int64_t n = 0;
  memset(ix, 0, sizeof ix);
  for (;;) {
    int64_t f = 0;
    for (int64_t i = 0; i < r; ++i)
      f = f * dims[i] + pos[i][ix[i]];
    out[n++] = f;
    if (n == MAX_SAMPLE)
      return n;
    int64_t i = r - 1;
    for (; i >= 0; --i) {
      if (++ix[i] < np[i])
        break;
      ix[i] = 0;
    }
    if (i < 0)
      return n;
  }
}

/* ---- One check ------------------------------------------------------------ */

typedef struct text {
  char *p;
  size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (k < 0)
    return;
  if (t->n + (size_t)k + 1 > t->cap) {
    size_t c = (t->cap + (size_t)k + 1) * 2;
    char *q = realloc(t->p, c);
    if (!q)
      return;
    t->p = q;
    t->cap = c;
  }
  va_start(ap, fmt);
  vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
  va_end(ap);
  t->n += (size_t)k;
}

static void put_val(text *t, MlySmt *s, Z3_model m, Z3_ast a) {
  Z3_ast v = NULL;
  if (!Z3_model_eval(s->z, m, a, true, &v) || !v) {
    put(t, "?");
    return;
  }
  double d = mlySmtToDouble(s, v);
  if (d == 0 && signbit(d))
    put(t, "-0");
  else
    put(t, "%.9g", d);
}

/* Checks before[i] == after[i] (i < n) in `mode`; *cex / *why on
 * refutation / unknown. */
static int check(MlySmtMode mode, leaves *l, const MlirValue *before,
                 const MlirValue *after, intptr_t n, text *cex,
                 char *why, size_t why_size) {
  MlySmt s;
  int res = O_UNKNOWN;
  const char *w = NULL;
  if (!mlySmtInit(&s, mode)) {
    snprintf(why, why_size, "no Z3 context");
    return res;
  }
  MlyEnc *e = mlyEncCreate(&s, expand, l);
  Z3_solver sv = mlySmtSolver(&s);
  int64_t *idx = malloc(MAX_SAMPLE * sizeof *idx);
  size_t cap = 64, nd = 0;
  Z3_ast *diff = malloc(cap * sizeof *diff), *pairs = malloc(2 * cap * sizeof *pairs);
  if (!e || !idx || !diff || !pairs) {
    w = "out of memory";
    goto out;
  }
  for (intptr_t i = 0; i < n; ++i) {
    int64_t ns = sample(mlirValueGetType(before[i]), idx);
    for (int64_t k = 0; k < ns; ++k) {
      Z3_ast a = mlyEncElem(e, before[i], idx[k]);
      Z3_ast b = a ? mlyEncElem(e, after[i], idx[k]) : NULL;
      if (!b) {
        w = mlyEncError(e);
        goto out;
      }
      if (nd == cap) {
        cap *= 2;
        Z3_ast *p = realloc(diff, cap * sizeof *p);
        if (p)
          diff = p;
        Z3_ast *q = p ? realloc(pairs, 2 * cap * sizeof *q) : NULL;
        if (!q) {
          w = "out of memory";
          goto out;
        }
        pairs = q;
      }
      pairs[2 * nd] = a;
      pairs[2 * nd + 1] = b;
      diff[nd++] = Z3_mk_not(s.z, Z3_mk_eq(s.z, a, b));
    }
  }
  for (size_t i = 0; i < mlyEncNumSide(e); ++i)
    Z3_solver_assert(s.z, sv, mlyEncSide(e, i));
  /* Elements whose two terms are one term are equal; the others go into
   * one query. */
  size_t m = 0;
  for (size_t i = 0; i < nd; ++i)
    if (pairs[2 * i] != pairs[2 * i + 1]) {
      diff[m] = diff[i];
      pairs[2 * m] = pairs[2 * i];
      pairs[2 * m + 1] = pairs[2 * i + 1];
      ++m;
    }
  nd = m;
  MlySmtResult q = MLY_SMT_UNSAT;
  if (nd) {
    Z3_solver_assert(s.z, sv, Z3_mk_or(s.z, (unsigned)nd, diff));
    q = mlySmtCheck(&s, sv, mode == MLY_SMT_REAL ? "rewrite-real"
                                                 : "rewrite-ieee");
  }
  if (q == MLY_SMT_UNSAT) {
    res = O_PROVEN;
  } else if (q == MLY_SMT_UNKNOWN) {
    w = "Z3 timed out";
  } else if (mlyEncApprox(e, &w)) {
    snprintf(why, why_size, "a model exists, but %s is uninterpreted", w);
    w = NULL;
  } else {
    Z3_model mdl = Z3_solver_get_model(s.z, sv);
    Z3_model_inc_ref(s.z, mdl);
    size_t ni = mlyEncNumInputs(e);
    put(cex, "inputs");
    for (size_t i = 0; i < ni && i < 8; ++i) {
      const MlyEncInput *in = mlyEncInput(e, i);
      if (mlirValueIsABlockArgument(in->value))
        put(cex, " %%arg%ld[%lld]=",
            (long)mlirBlockArgumentGetArgNumber(in->value),
            (long long)in->idx);
      else
        put(cex, " leaf%zu[%lld]=", i, (long long)in->idx);
      put_val(cex, &s, mdl, in->var);
    }
    if (ni > 8)
      put(cex, " ...");
    for (size_t i = 0; i < nd; ++i) {
      Z3_ast v = NULL;
      if (Z3_model_eval(s.z, mdl, diff[i], true, &v) && v &&
          Z3_get_bool_value(s.z, v) == Z3_L_TRUE) {
        put(cex, "; before ");
        put_val(cex, &s, mdl, pairs[2 * i]);
        put(cex, ", after ");
        put_val(cex, &s, mdl, pairs[2 * i + 1]);
        break;
      }
    }
    Z3_model_dec_ref(s.z, mdl);
    res = O_REFUTED;
  }
out:
  if (w)
    snprintf(why, why_size, "%s", w);
  free(idx);
  free(diff);
  free(pairs);
  Z3_solver_dec_ref(s.z, sv);
  mlyEncDestroy(e);
  mlySmtFree(&s);
  return res;
}

/* ---- Kinds ------------------------------------------------------------- */

static bool is_operand(MlirOperation op, MlirValue v) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
    if (mlirValueEqual(mlirOperationGetOperand(op, i), v))
      return true;
  return false;
}

static bool defined_by(MlirValue v, const char *name) {
  return mlirValueIsAOpResult(v) &&
         mlirStringRefEqual(
             mlirIdentifierStr(mlirOperationGetName(mlirOpResultGetOwner(v))),
             mlirStringRefCreateFromCString(name));
}

/* "<op>:<how>" of a canonicalization of root into v. */
static void canon_kind(const char *op, MlirOperation root, MlirValue v,
                       char *buf, size_t n) {
  const char *how = "chain";
  if (is_operand(root, v))
    how = "identity";
  else if (defined_by(v, "mly.constant"))
    how = "fold";
  else if (!strcmp(op, "mly.matmul"))
    how = "transpose-flags";
  else if (defined_by(v, "mly.broadcast_in_dim") &&
           strcmp(op, "mly.broadcast_in_dim"))
    how = "broadcast-sink";
  snprintf(buf, n, "%s:%s", op, how);
}

static kind_stat *kind_get(const char *name) {
  for (size_t i = 0; i < n_kinds; ++i)
    if (!strcmp(kinds[i].name, name))
      return &kinds[i];
  if (n_kinds == cap_kinds) {
    size_t c = cap_kinds ? 2 * cap_kinds : 16;
    kind_stat *p = realloc(kinds, c * sizeof *p);
    if (!p)
      return NULL;
    kinds = p;
    cap_kinds = c;
  }
  kind_stat *k = &kinds[n_kinds++];
  memset(k, 0, sizeof *k);
  snprintf(k->name, sizeof k->name, "%s", name);
  return k;
}

static void keep(char **slot, const char *s) {
  if (!*slot && s)
    *slot = strdup(s);
}

static void observe(void *user, const char *pass, const char *kind,
                    const MlirValue *before, const MlirValue *after,
                    intptr_t n) {
  (void)user;
  char name[64];
  if (!n)
    return;
  MlirOperation root = mlirOpResultGetOwner(before[0]);
  bool fuse = !strcmp(pass, "mly-fuse");
  if (fuse)
    snprintf(name, sizeof name, "%s", kind);
  else
    canon_kind(kind, root, after[0], name, sizeof name);
  leaves l = {NULL, 0, 0, fuse};
  if (fuse) {
    MlirOperation call = mlirOpResultGetOwner(after[0]);
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(call); ++i)
      add(&l, mlirOperationGetOperand(call, i));
  } else {
    MlirValue roots[2] = {before[0], after[0]};
    collect(&l, roots, 2);
  }
  MlySmtStats st0 = mlySmtStatsGet();
  text rc = {0}, ic = {0};
  char rwhy[256] = "", iwhy[256] = "";
  int real = check(MLY_SMT_REAL, &l, before, after, n, &rc, rwhy, sizeof rwhy);
  int ieee = check(MLY_SMT_IEEE, &l, before, after, n, &ic, iwhy, sizeof iwhy);
  double ms = mlySmtStatsGet().total_ms - st0.total_ms;
  free(l.vals);
  pthread_mutex_lock(&lock);
  kind_stat *k = kind_get(name);
  if (k) {
    k->count++;
    if (ms > k->max_ms)
      k->max_ms = ms;
    if (real > k->real)
      k->real = real;
    if (ieee > k->ieee)
      k->ieee = ieee;
    if (real == O_REFUTED)
      keep(&k->real_cex, rc.p);
    if (ieee == O_REFUTED)
      keep(&k->ieee_cex, ic.p);
    if (real == O_UNKNOWN)
      keep(&k->real_why, rwhy);
    if (ieee == O_UNKNOWN)
      keep(&k->ieee_why, iwhy);
  }
  pthread_mutex_unlock(&lock);
  if (real == O_REFUTED) {
    text msg = {0};
    put(&msg,
        "mly-verify-rewrites: rewrite '%s' is refuted in real arithmetic: %s",
        name, rc.p ? rc.p : "");
    if (msg.p)
      mlirEmitError(mlirOperationGetLocation(root), msg.p);
    free(msg.p);
  }
  free(rc.p);
  free(ic.p);
}

/* ---- Pass and report --------------------------------------------------- */

static void clear(void) {
  for (size_t i = 0; i < n_kinds; ++i) {
    free(kinds[i].real_cex);
    free(kinds[i].ieee_cex);
    free(kinds[i].real_why);
    free(kinds[i].ieee_why);
  }
  free(kinds);
  kinds = NULL;
  n_kinds = cap_kinds = 0;
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)root;
  (void)pass;
  (void)user;
  if (!active) {
    clear();
    mlySmtStatsReset();
  }
  active = true;
  mlyRewriteObserverSet(observe, NULL);
}

MlirPass mlyCreateVerifyRewritesPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyVerifyRewrites", "mly-verify-rewrites",
      "Check every later canonicalize/fuse rewrite with Z3", run);
}

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; ++s)
    if (*s == '"' || *s == '\\')
      fprintf(f, "\\%c", *s);
    else
      fputc(*s, f);
  fputc('"', f);
}

static int cmp_kind(const void *a, const void *b) {
  return strcmp(((const kind_stat *)a)->name, ((const kind_stat *)b)->name);
}

void mlyVerifyRewritesFinish(MlirOperation top) {
  if (!active)
    return;
  mlyRewriteObserverSet(NULL, NULL);
  active = false;
  if (n_kinds)
    qsort(kinds, n_kinds, sizeof *kinds, cmp_kind);
  MlirContext ctx = mlirOperationGetContext(top);
  MlirNamedAttribute *na = calloc(n_kinds + 1, sizeof *na);
  for (size_t i = 0; na && i < n_kinds; ++i) {
    char v[64];
    snprintf(v, sizeof v, "real=%s ieee=%s", real_names[kinds[i].real],
             ieee_names[kinds[i].ieee]);
    na[i] = mlirNamedAttributeGet(
        mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(kinds[i].name)),
        mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(v)));
  }
  if (na)
    mlirOperationSetDiscardableAttributeByName(
        top, mlirStringRefCreateFromCString("mly.verified_rewrites"),
        mlirDictionaryAttrGet(ctx, (intptr_t)n_kinds, na));
  free(na);
  FILE *rep = mlyVfyReportOpen();
  if (rep) {
    fputs("{\"pass\": \"mly-verify-rewrites\", \"kinds\": [", rep);
    for (size_t i = 0; i < n_kinds; ++i) {
      kind_stat *k = &kinds[i];
      fprintf(rep, "%s{\"kind\": ", i ? ", " : "");
      json_str(rep, k->name);
      fprintf(rep, ", \"count\": %ld, \"real\": \"%s\", \"ieee\": \"%s\"",
              k->count, real_names[k->real], ieee_names[k->ieee]);
      const char *keys[4] = {"real_counterexample", "ieee_counterexample",
                             "real_why", "ieee_why"};
      const char *vals[4] = {k->real_cex, k->ieee_cex, k->real_why,
                             k->ieee_why};
      for (int j = 0; j < 4; ++j)
        if (vals[j]) {
          fprintf(rep, ", \"%s\": ", keys[j]);
          json_str(rep, vals[j]);
        }
      fprintf(rep, ", \"max_ms\": %.1f}", k->max_ms);
    }
    MlySmtStats st = mlySmtStatsGet();
    fputs("], \"smt\": ", rep);
    mlyVfyJsonStats(rep, &st);
    fputs("}\n", rep);
    mlyVfyReportClose(rep);
  }
  clear();
}
