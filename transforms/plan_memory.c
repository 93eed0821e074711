/* mly-plan-memory: gives every intermediate tensor of a host function an
 * offset in one arena, so that a runtime allocates the arena once and
 * buffers whose values are dead lend their bytes to later ones.
 *
 * Intermediates, live ranges: memory_plan.h (a tensor result of an op in
 * the body that is not returned, live from its op to its last user, both
 * inclusive; an output never shares bytes with an input of its own op).
 *
 * Placement (greedy best fit, as in TFLite's and XLA's heap simulators):
 * buffers are taken one by one, each set in the smallest gap between the
 * already placed buffers whose live ranges meet its own that holds it, or
 * above them all when none does. Sizes are rounded up to MLY_ARENA_ALIGN,
 * so every offset is aligned. Two orders are tried, largest first and
 * earliest first, and the smaller arena kept.
 *
 * The plan is written as discardable attributes: `mly.arena_offset = N :
 * i64` on an op with one result, `mly.arena_offsets = array<i64: ...>` (-1
 * for results not planned) on an op with several, and `mly.arena_size` and
 * `mly.arena_naive` (the sum of the rounded sizes, what no reuse costs) on
 * the function. mly-check-memory-plan checks it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "transforms/memory_plan.h"
#include "transforms/mly_transforms.h"
#include "transforms/pass_util.h"

static const char *report_path;
static bool report_started;

void mlyPlanMemorySetReportPath(const char *path) {
  report_path = path;
  report_started = false;
}

typedef struct span {
  int64_t lo, hi;
} span;

static int cmp_span(const void *a, const void *b) {
  const span *x = a, *y = b;
  return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* A sort key: (k1, k2, index), ascending. */
typedef struct key {
  int64_t k1, k2;
  size_t i;
} key;

static int cmp_key(const void *a, const void *b) {
  const key *x = a, *y = b;
  if (x->k1 != y->k1)
    return x->k1 < y->k1 ? -1 : 1;
  if (x->k2 != y->k2)
    return x->k2 < y->k2 ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* Places l's buffers in the order of `keys` into off[], using tmp (n
 * spans) as scratch. Returns the arena size. */
static int64_t place(const MlyBufferList *l, const key *keys, int64_t *off,
                     span *tmp) {
  int64_t arena = 0;
  for (size_t k = 0; k < l->n; ++k) {
    const MlyBuffer *b = &l->buf[keys[k].i];
    size_t nt = 0;
    for (size_t kk = 0; kk < k; ++kk) {
      const MlyBuffer *o = &l->buf[keys[kk].i];
      if (o->size && mlyBuffersInterfere(b, o))
        tmp[nt++] = (span){off[keys[kk].i], off[keys[kk].i] + o->size};
    }
    qsort(tmp, nt, sizeof *tmp, cmp_span);
    int64_t top = 0, best = -1, best_len = INT64_MAX;
    for (size_t t = 0; t < nt; ++t) {
      int64_t gap = tmp[t].lo - top;
      if (gap >= b->size && gap < best_len) {
        best = top;
        best_len = gap;
      }
      if (tmp[t].hi > top)
        top = tmp[t].hi;
    }
    off[keys[k].i] = b->size == 0 ? 0 : best >= 0 ? best : top;
    if (off[keys[k].i] + b->size > arena)
      arena = off[keys[k].i] + b->size;
  }
  return arena;
}

int64_t mlyMemoryPlanPlace(MlyBufferList *l, const char **order) {
  key *keys = malloc((l->n + 1) * sizeof *keys);
  int64_t *off = malloc((l->n + 1) * sizeof *off);
  int64_t *best_off = malloc((l->n + 1) * sizeof *best_off);
  span *tmp = malloc((l->n + 1) * sizeof *tmp);
  int64_t arena = -1;
  if (!keys || !off || !best_off || !tmp)
    goto out;
  static const char *const names[] = {"largest_first", "earliest_first"};
  for (int o = 0; o < 2; ++o) {
    for (size_t i = 0; i < l->n; ++i) {
      const MlyBuffer *b = &l->buf[i];
      keys[i] =
          o == 0 ? (key){-b->size, b->first, i} : (key){b->first, -b->size, i};
    }
    qsort(keys, l->n, sizeof *keys, cmp_key);
    int64_t a = place(l, keys, off, tmp);
    if (arena < 0 || a < arena) {
      arena = a;
      *order = names[o];
      memcpy(best_off, off, l->n * sizeof *off);
    }
  }
  for (size_t i = 0; i < l->n; ++i)
    l->buf[i].offset = best_off[i];
out:
  free(keys);
  free(off);
  free(best_off);
  free(tmp);
  return arena;
}

static void set_attr(MlirOperation op, const char *name, MlirAttribute a) {
  MlirStringRef s = mlirStringRefCreateFromCString(name);
  if (mlirAttributeIsNull(a))
    mlirOperationRemoveDiscardableAttributeByName(op, s);
  else
    mlirOperationSetDiscardableAttributeByName(op, s, a);
}

/* Writes the offsets of l onto the ops of func's body (and removes those
 * of an earlier plan from ops that have none now). */
static bool annotate(MlirOperation func, const MlyBufferList *l, int64_t arena,
                     int64_t naive) {
  MlirContext ctx = mlirOperationGetContext(func);
  MlirType i64 = mlirIntegerTypeGet(ctx, 64);
  MlirAttribute none = {NULL};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  size_t k = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    intptr_t nr = mlirOperationGetNumResults(op);
    int64_t *offs = malloc(((size_t)nr + 1) * sizeof *offs);
    if (!offs)
      return false;
    bool any = false;
    for (intptr_t r = 0; r < nr; ++r)
      offs[r] = -1;
    for (; k < l->n && mlirOperationEqual(l->buf[k].op, op); ++k) {
      offs[l->buf[k].result] = l->buf[k].offset;
      any = true;
    }
    set_attr(op, "mly.arena_offset",
             any && nr == 1 ? mlirIntegerAttrGet(i64, offs[0]) : none);
    set_attr(op, "mly.arena_offsets",
             any && nr > 1 ? mlirDenseI64ArrayGet(ctx, nr, offs) : none);
    free(offs);
  }
  set_attr(func, "mly.arena_size", mlirIntegerAttrGet(i64, arena));
  set_attr(func, "mly.arena_naive", mlirIntegerAttrGet(i64, naive));
  return true;
}

/* ---- report ---- */

static void json_str(FILE *f, MlirStringRef s) {
  fputc('"', f);
  for (size_t i = 0; i < s.length; ++i) {
    unsigned char c = (unsigned char)s.data[i];
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

/* The first name in a location (fused and call-site ones searched in
 * order); a null ref if none. */
static MlirStringRef loc_name(MlirLocation l) {
  if (mlirLocationIsAName(l))
    return mlirIdentifierStr(mlirLocationNameGetName(l));
  if (mlirLocationIsACallSite(l)) {
    MlirStringRef s = loc_name(mlirLocationCallSiteGetCallee(l));
    return s.data ? s : loc_name(mlirLocationCallSiteGetCaller(l));
  }
  if (mlirLocationIsAFused(l)) {
    MlirLocation sub[8];
    intptr_t n = (intptr_t)mlirLocationFusedGetNumLocations(l);
    if (n > 8) {
      MlirLocation *all = malloc((size_t)n * sizeof *all);
      MlirStringRef s = {NULL, 0};
      if (!all)
        return s;
      mlirLocationFusedGetLocations(l, all);
      for (intptr_t i = 0; i < n && !s.data; ++i)
        s = loc_name(all[i]);
      free(all);
      return s;
    }
    mlirLocationFusedGetLocations(l, sub);
    for (intptr_t i = 0; i < n; ++i) {
      MlirStringRef s = loc_name(sub[i]);
      if (s.data)
        return s;
    }
  }
  return (MlirStringRef){NULL, 0};
}

static void report_func(FILE *f, bool first, MlirOperation func,
                        const MlyBufferList *l, int64_t arena, int64_t naive,
                        const char *order) {
  int64_t bytes = 0;
  for (size_t i = 0; i < l->n; ++i)
    bytes += l->buf[i].bytes;
  MlirAttribute sym = mlirOperationGetAttributeByName(
      func, mlirStringRefCreateFromCString("sym_name"));
  fputs(first ? "{\"name\": " : ", {\"name\": ", f);
  json_str(f, mlirStringAttrGetValue(sym));
  fprintf(f,
          ", \"buffers\": %zu, \"bytes\": %lld, \"naive_bytes\": %lld, "
          "\"arena_bytes\": %lld, \"live_peak_bytes\": %lld, "
          "\"saved_bytes\": %lld, \"order\": \"%s\", \"plan\": [",
          l->n, (long long)bytes, (long long)naive, (long long)arena,
          (long long)mlyMemoryPlanLivePeak(l), (long long)(naive - arena),
          order);
  for (size_t i = 0; i < l->n; ++i) {
    const MlyBuffer *b = &l->buf[i];
    fputs(i ? ", {\"op\": " : "{\"op\": ", f);
    json_str(f, mlirIdentifierStr(mlirOperationGetName(b->op)));
    MlirAttribute callee = mlirOperationGetAttributeByName(
        b->op, mlirStringRefCreateFromCString("callee"));
    if (!mlirAttributeIsNull(callee) && mlirAttributeIsAFlatSymbolRef(callee)) {
      fputs(", \"callee\": ", f);
      json_str(f, mlirFlatSymbolRefAttrGetValue(callee));
    }
    MlirStringRef ln = loc_name(mlirOperationGetLocation(b->op));
    fputs(", \"loc\": ", f);
    if (ln.data)
      json_str(f, ln);
    else
      fputs("null", f);
    fprintf(f,
            ", \"result\": %ld, \"bytes\": %lld, \"offset\": %lld, "
            "\"live\": [%lld, %lld]}",
            (long)b->result, (long long)b->bytes, (long long)b->offset,
            (long long)b->first, (long long)b->last);
  }
  fputs("]}", f);
}

static void run(MlirOperation root, MlirExternalPass pass, void *user) {
  (void)user;
  MlyOpList funcs;
  FILE *f = NULL;
  bool first = true;
  if (!mlyCollectOps(root, mlyMemoryPlanCovers, &funcs)) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "mly-plan-memory: out of memory");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  if (report_path) {
    f = stderr;
    if (strcmp(report_path, "-") &&
        !(f = fopen(report_path, report_started ? "a" : "w"))) {
      char msg[512];
      snprintf(msg, sizeof msg,
               "mly-plan-memory: cannot write the report to '%s'", report_path);
      mlirEmitError(mlirOperationGetLocation(root), msg);
      mlirExternalPassSignalFailure(pass);
      goto out;
    }
    report_started = true;
    fprintf(f,
            "{\"pass\": \"mly-plan-memory\", \"alignment\": %d, "
            "\"functions\": [",
            MLY_ARENA_ALIGN);
  }
  for (size_t i = 0; i < funcs.n; ++i) {
    MlyBufferList l;
    const char *order = "largest_first";
    if (!mlyMemoryPlanBuffers(funcs.ops[i], "mly-plan-memory", &l)) {
      mlirExternalPassSignalFailure(pass);
      break;
    }
    int64_t naive = 0;
    for (size_t k = 0; k < l.n; ++k)
      naive += l.buf[k].size;
    int64_t arena = mlyMemoryPlanPlace(&l, &order);
    if (arena < 0 || !annotate(funcs.ops[i], &l, arena, naive)) {
      mlirEmitError(mlirOperationGetLocation(funcs.ops[i]),
                    "mly-plan-memory: out of memory");
      mlirExternalPassSignalFailure(pass);
      free(l.buf);
      break;
    }
    if (f)
      report_func(f, first, funcs.ops[i], &l, arena, naive, order);
    first = false;
    free(l.buf);
  }
  if (f) {
    fputs("]}\n", f);
    if (f != stderr)
      fclose(f);
  }
out:
  free(funcs.ops);
}

MlirPass mlyCreatePlanMemoryPass(void) {
  static MlirTypeID id;
  return mlyCreateStatelessPass(
      &id, "MlyPlanMemory", "mly-plan-memory",
      "Plan the intermediate buffers of host functions in one arena", run);
}
