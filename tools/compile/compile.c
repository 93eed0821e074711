/* mly-compile's driver (see mly_compile.h): the phases, one pass at a time
 * so that a failing pass leaves a reproducer, and the compile report. */
#define _GNU_SOURCE /* mkdtemp, strdup, strtok_r, clock_gettime */
#include "tools/compile/mly_compile.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conversions/aten_to_mly/aten_to_mly.h"
#include "conversions/torch_export/torch_export.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"
#include "runtime/mly_runtime.h"
#include "targets/mly_targets.h"
#include "tools/bind_weights.h"
#include "tools/compile/compile_util.h"
#include "tools/opt/pipeline.h"
#include "tools/passes.h"
#include "transforms/mly_transforms.h"
#include "verify/mly_verify.h"

#ifndef MLY_VERSION
#define MLY_VERSION "unknown"
#endif

/* The optimize pipeline, split where --compile-to can stop: aten -> mly
 * ("lower") and mly -> fused kernels ("fuse"). Together they are
 * MLY_OPTIMIZE_PIPELINE, which mlyCompileMain checks. */
#define LOWER_PASSES "aten-to-mly,mly-canonicalize,mly-cse,mly-dce"
#define FUSE_PASSES "mly-fuse,mly-dce"

typedef struct compile {
  const MlyCompileOptions *o;
  MlirContext ctx;
  MlirModule mod;
  MlyTargetRegistry *reg;
  char scratch[64];     /* private folder for the passes' JSON reports */
  const char **targets; /* requested GPU targets */
  size_t n_targets;
  bool want_cpu;
  int n_phases;
  struct timespec t0; /* start of the current phase */
  json_t *report;     /* the compile report */
  json_t *phases;     /* report["phases"] (borrowed) */
  json_t *manifest;   /* the parsed launch manifest, or NULL */
  bool stopped;       /* --compile-to reached */
} compile;

/* ---- Diagnostics ------------------------------------------------------ */

/* Prints errors and warnings (with their notes) as "loc: error: message";
 * remarks are left out (the passes' reports carry what they say). */
static MlirLogicalResult on_diag(MlirDiagnostic d, void *user) {
  MlirDiagnosticSeverity sev = mlirDiagnosticGetSeverity(d);
  MlyBuf b = {0};
  (void)user;
  if (sev == MlirDiagnosticRemark || sev == MlirDiagnosticNote)
    return mlirLogicalResultSuccess();
  MlyBuf loc = {0};
  mlirLocationPrint(mlirDiagnosticGetLocation(d), mlyBufCallback, &loc);
  mlirDiagnosticPrint(d, mlyBufCallback, &b);
  /* loc("name") reads better as name. */
  const char *l = loc.p ? loc.p : "unknown";
  int ln = (int)strlen(l);
  if (!strncmp(l, "loc(", 4) && ln > 5 && l[ln - 1] == ')')
    l += 4, ln -= 5;
  if (!strcmp(l, "unknown") || !strcmp(l, "loc(unknown)"))
    l = "mly-compile", ln = (int)strlen(l);
  fprintf(stderr, "%.*s: %s: %s\n", ln, l,
          sev == MlirDiagnosticError ? "error" : "warning", b.p ? b.p : "");
  for (intptr_t i = 0, n = mlirDiagnosticGetNumNotes(d); i < n; ++i) {
    MlyBuf nb = {0};
    mlirDiagnosticPrint(mlirDiagnosticGetNote(d, i), mlyBufCallback, &nb);
    fprintf(stderr, "  note: %s\n", nb.p ? nb.p : "");
    free(nb.p);
  }
  free(loc.p);
  free(b.p);
  return mlirLogicalResultSuccess();
}

/* ---- Phases ----------------------------------------------------------- */

static double ms_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
         (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void begin_phase(compile *c) { clock_gettime(CLOCK_MONOTONIC, &c->t0); }

/* Writes `text` to DIR/<NN>-<name><ext> when dumping; NN counts phases. */
static bool dump_text(compile *c, const char *name, const char *ext,
                      const char *text, size_t len) {
  if (!c->o->dump_dir)
    return true;
  char path[4096];
  snprintf(path, sizeof path, "%s/%02d-%s%s", c->o->dump_dir, c->n_phases + 1,
           name, ext);
  return mlyWriteFile(path, text, len);
}

/* Ends the current phase: records its time and summary in the report,
 * prints the progress line and dumps `ir` (when not null) as the phase's
 * IR. Returns false when the dump cannot be written. */
static bool end_phase(compile *c, const char *name, MlirOperation ir,
                      const char *fmt, ...) {
  double ms = round(ms_since(&c->t0) * 1e3) / 1e3;
  char summary[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(summary, sizeof summary, fmt, ap);
  va_end(ap);
  json_array_append_new(c->phases, json_pack("{s:s, s:f, s:s}", "name", name,
                                             "ms", ms, "summary", summary));
  if (!c->o->quiet)
    fprintf(stderr, "mly-compile: %-14s %9.1f ms  %s\n", name, ms, summary);
  bool ok = true;
  if (!mlirOperationIsNull(ir) && c->o->dump_dir) {
    char *text = mlyPrintOp(ir, c->o->debuginfo);
    ok = text && dump_text(c, name, ".mlir", text, strlen(text));
    free(text);
  }
  ++c->n_phases;
  return ok;
}

typedef struct op_count {
  const char *prefix;
  size_t prefix_len;
  long n;
} op_count;

static MlirWalkResult count_op(MlirOperation op, void *user) {
  op_count *oc = user;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (name.length >= oc->prefix_len &&
      !memcmp(name.data, oc->prefix, oc->prefix_len))
    ++oc->n;
  return MlirWalkResultAdvance;
}

/* The number of ops under `op` whose name starts with `prefix`. */
static long count_ops(MlirOperation op, const char *prefix) {
  op_count oc = {prefix, strlen(prefix), 0};
  mlirOperationWalk(op, count_op, &oc, MlirWalkPreOrder);
  return oc.n;
}

/* Writes the reproducer of pass `elem` that failed on `before` and prints
 * the one line naming it. */
static void write_reproducer(compile *c, MlirOperation before, const char *elem,
                             const char *flags) {
  const char *dir = c->o->out_dir    ? c->o->out_dir
                    : c->o->dump_dir ? c->o->dump_dir
                                     : ".";
  char path[4096], cmd[8192];
  snprintf(path, sizeof path, "%s/reproducer.mlir", dir);
  snprintf(cmd, sizeof cmd, "mly-opt %s %s", path, flags);
  char *ir = mlyPrintOp(before, c->o->debuginfo);
  MlyBuf b = {0};
  char head[9000];
  snprintf(head, sizeof head,
           "// mly-compile reproducer: pass '%s' failed on this module.\n"
           "// Run: %s\n",
           elem, cmd);
  mlyBufAppend(&b, head, strlen(head));
  if (ir)
    mlyBufAppend(&b, ir, strlen(ir));
  if (!b.oom && mlyWriteFile(path, b.p, b.n))
    fprintf(stderr,
            "mly-compile: error: pass '%s' failed; reproducer: %s (run: %s)\n",
            elem, path, cmd);
  else
    fprintf(stderr, "mly-compile: error: pass '%s' failed\n", elem);
  free(ir);
  free(b.p);
}

/* Runs one pipeline element on `mod` (mly-verify after it, as mly-opt
 * does), or fails it when it is the injected failure. On failure writes
 * the reproducer; `flags` is mly-opt's spelling of the element (NULL:
 * "--<elem>"). */
static bool run_pass(compile *c, MlirModule mod, const char *elem,
                     const char *flags) {
  MlirOperation top = mlirModuleGetOperation(mod);
  MlirOperation before = mlirOperationClone(top);
  char flagbuf[512], err[512];
  bool ok = false;
  if (!flags) {
    snprintf(flagbuf, sizeof flagbuf, "--%s", elem);
    flags = flagbuf;
  }
  if (c->o->inject_failure && !strcmp(c->o->inject_failure, elem)) {
    fprintf(stderr,
            "mly-compile: error: '%s' failed: injected by "
            "--inject-failure\n",
            elem);
  } else {
    MlirPassManager pm = mlirPassManagerCreateOnOperation(
        c->ctx, mlirStringRefCreateFromCString("builtin.module"));
    if (!mlyPipelineAdd(mlirPassManagerGetAsOpPassManager(pm), elem, true, err,
                        sizeof err)) {
      fprintf(stderr, "mly-compile: error: pass '%s': %s\n", elem, err);
      mlirPassManagerDestroy(pm);
      mlirOperationDestroy(before);
      return false;
    }
    ok = mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, top));
    mlirPassManagerDestroy(pm);
  }
  if (!ok)
    write_reproducer(c, before, elem, flags);
  mlirOperationDestroy(before);
  return ok;
}

/* Runs the comma-separated elements of `list` (no nesting) in order. */
static bool run_passes(compile *c, MlirModule mod, const char *list) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", list);
  for (char *save = NULL, *e = strtok_r(buf, ",", &save); e;
       e = strtok_r(NULL, ",", &save))
    if (!run_pass(c, mod, e, NULL))
      return false;
  return true;
}

/* Reads the one-line JSON report a pass wrote to scratch/<name>; NULL when
 * there is none. */
static json_t *read_pass_report(compile *c, const char *name) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", c->scratch, name);
  json_t *j = json_load_file(path, JSON_DISABLE_EOF_CHECK, NULL);
  remove(path);
  return j;
}

static const char *scratch_path(compile *c, const char *name, char *buf,
                                size_t n) {
  snprintf(buf, n, "%s/%s", c->scratch, name);
  return buf;
}

/* --compile-to: writes the module to OUT/model.<label>.mlir or prints it. */
static bool stop_here(compile *c, const char *label) {
  if (!c->o->compile_to || strcmp(c->o->compile_to, label))
    return false;
  c->stopped = true;
  return true;
}

static bool emit_stop_ir(compile *c, const char *label) {
  char *text = mlyPrintOp(mlirModuleGetOperation(c->mod), c->o->debuginfo);
  bool ok = false;
  if (!text)
    goto out;
  if (c->o->out_dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/model.%s.mlir", c->o->out_dir, label);
    ok = mlyWriteFile(path, text, strlen(text));
  } else {
    ok = mlyWriteFile("-", text, strlen(text));
  }
out:
  free(text);
  return ok;
}

static MlirStringRef sym_name(MlirOperation op) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("sym_name"));
  return mlirAttributeIsNull(a) ? (MlirStringRef){"", 0}
                                : mlirStringAttrGetValue(a);
}

static bool is_op(MlirOperation op, const char *name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString(name));
}

static bool is_pass(const char *name) {
  return mlyPassRegistryLookup(name, strlen(name)) != NULL;
}

/* ---- Bounds and verification ------------------------------------------ */

/* mly-bounds (and mly-check-bounds with --verify=bounds|all) on a copy of
 * the module with the weights bound as constants; on success the copy,
 * annotated, goes to *bounded (the caller destroys it). */
static bool phase_bounds(compile *c, bool check, MlirModule *bounded) {
  const MlyCompileOptions *o = c->o;
  char rpath[256], flags[1024];
  bool ok = false;
  MlirOperation copy = mlirOperationClone(mlirModuleGetOperation(c->mod));
  MlirModule m = mlirModuleFromOperation(copy);
  const char *method = o->bounds_method ? o->bounds_method : "ibp";
  json_t *bounds = json_object(),
         *verification = json_object_get(c->report, "verification");
  json_object_set_new(c->report, "bounds", bounds);
  json_object_set_new(bounds, "method", json_string(method));
  begin_phase(c);
  if (o->weights) {
    mlyBindWeightsSetPath(o->weights);
    snprintf(flags, sizeof flags, "--mly-bind-weights=%s", o->weights);
    if (!run_pass(c, m, "mly-bind-weights", flags))
      goto out;
  }
  mlyBoundsSetMethod(method);
  mlyVerifySetBoundsMethod(method);
  if (o->has_input_range) {
    mlyBoundsSetInputRange(o->input_lo, o->input_hi);
    mlyVerifySetInputRange(o->input_lo, o->input_hi);
  }
  mlyBoundsSetReportPath(scratch_path(c, "bounds.json", rpath, sizeof rpath));
  char range[128] = "";
  if (o->has_input_range)
    snprintf(range, sizeof range, " --mly-bounds-input=%.17g,%.17g",
             o->input_lo, o->input_hi);
  snprintf(flags, sizeof flags, "--mly-bounds-method=%s%s --mly-bounds", method,
           range);
  bool ran = run_pass(c, m, "mly-bounds", flags);
  mlyBoundsSetReportPath(NULL);
  if (!ran)
    goto out;
  json_t *rep = read_pass_report(c, "bounds.json");
  long n_values = 0, n_unbounded = 0, n_nan = 0, n_bounded_outputs = 0;
  json_t *outputs = json_array(), *unbounded = json_array();
  size_t i;
  json_t *f, *v;
  json_array_foreach(json_object_get(rep, "functions"), i, f) {
    const char *name = json_string_value(json_object_get(f, "name"));
    if (!name || strcmp(name, "forward"))
      continue;
    size_t k;
    json_t *r;
    json_array_foreach(json_object_get(f, "results"), k, r) {
      json_t *rg = json_object_get(r, "range");
      bool finite = json_is_number(json_array_get(rg, 0)) &&
                    json_is_number(json_array_get(rg, 1));
      n_bounded_outputs += finite;
      json_array_append_new(outputs,
                            json_pack("{s:I, s:O, s:O}", "output",
                                      (json_int_t)k, "range", rg, "may_nan",
                                      json_object_get(r, "may_nan")));
    }
  }
  json_array_foreach(json_object_get(rep, "values"), i, v) {
    ++n_values;
    json_t *rg = json_object_get(v, "range");
    bool finite = json_is_number(json_array_get(rg, 0)) &&
                  json_is_number(json_array_get(rg, 1));
    n_nan += json_is_true(json_object_get(v, "may_nan"));
    if (!finite) {
      ++n_unbounded;
      json_t *reason = json_object_get(v, "unbounded");
      json_array_append_new(
          unbounded,
          json_pack("{s:O, s:O, s:O, s:s}", "func", json_object_get(v, "func"),
                    "op", json_object_get(v, "op"), "loc",
                    json_object_get(v, "loc") ? json_object_get(v, "loc")
                                              : json_null(),
                    "reason",
                    json_is_string(reason) ? json_string_value(reason)
                                           : "an operand is unbounded"));
    }
  }
  json_object_set_new(bounds, "weights_bound", json_boolean(o->weights));
  json_object_set_new(bounds, "outputs", outputs);
  json_object_set_new(bounds, "values", json_integer(n_values));
  json_object_set_new(bounds, "values_unbounded", json_integer(n_unbounded));
  json_object_set_new(bounds, "values_may_nan", json_integer(n_nan));
  json_object_set_new(bounds, "unbounded", unbounded);
  json_decref(rep);
  if (check) {
    json_t *vb = json_object();
    json_object_set_new(verification, "bounds", vb);
    if (!is_pass("mly-check-bounds")) {
      json_object_set_new(vb, "status", json_string("skipped"));
      json_object_set_new(vb, "reason",
                          json_string("mly-check-bounds is not registered"));
    } else {
      struct timespec t;
      char vpath[256];
      clock_gettime(CLOCK_MONOTONIC, &t);
      mlyVerifySetReportPath(
          scratch_path(c, "check-bounds.json", vpath, sizeof vpath));
      snprintf(flags, sizeof flags,
               "--mly-bounds-method=%s%s --mly-check-bounds", method, range);
      bool checked = run_pass(c, m, "mly-check-bounds", flags);
      mlyVerifySetReportPath(NULL);
      json_t *cb = read_pass_report(c, "check-bounds.json");
      long exact = 0, unknown = 0, violated = 0, skipped = 0;
      json_t *fns = json_object_get(cb, "functions");
      json_array_foreach(fns, i, f) {
        skipped += json_object_get(f, "skipped") != NULL;
        size_t k;
        json_t *r;
        json_array_foreach(json_object_get(f, "results"), k, r) {
          const char *st = json_string_value(json_object_get(r, "status"));
          if (!st)
            continue;
          exact += !strcmp(st, "exact");
          violated += !strcmp(st, "violated");
          unknown += !strcmp(st, "unknown");
        }
      }
      json_object_set_new(vb, "status",
                          json_string(checked ? "ran" : "refuted"));
      json_object_set_new(vb, "ms", json_real(round(ms_since(&t) * 1e3) / 1e3));
      json_object_set_new(vb, "results_exact", json_integer(exact));
      json_object_set_new(vb, "results_violated", json_integer(violated));
      json_object_set_new(vb, "results_unknown", json_integer(unknown));
      json_object_set_new(vb, "functions_skipped", json_integer(skipped));
      json_object_set_new(vb, "functions",
                          fns ? json_incref(fns) : json_array());
      json_decref(cb);
      if (!checked)
        goto out;
    }
  }
  ok = end_phase(c, "bounds", copy,
                 "%s: %ld values, %ld unbounded; %ld/%zu "
                 "outputs bounded",
                 method, n_values, n_unbounded, n_bounded_outputs,
                 json_array_size(outputs));
out:
  if (ok)
    *bounded = m;
  else
    mlirModuleDestroy(m);
  return ok;
}

/* ---- Precision -------------------------------------------------------- */

/* The ops of `func`'s body in pre-order (n at most cap; returns the count,
 * which may exceed cap). */
typedef struct op_list {
  MlirOperation *ops;
  size_t n, cap;
} op_list;

static MlirWalkResult list_op(MlirOperation op, void *user) {
  op_list *l = user;
  if (l->n < l->cap)
    l->ops[l->n] = op;
  ++l->n;
  return MlirWalkResultAdvance;
}

static intptr_t num_args(MlirOperation func) {
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  return mlirBlockIsNull(b) ? 0 : mlirBlockGetNumArguments(b);
}

/* Gives each argument of the public function `t` that mly-bind-weights
 * turned into a constant in `from` (the constant carries the argument's
 * location) the constant's mly.range as argument attribute, and each float
 * user input --input-range's box. */
static void weight_ranges(MlirModule from, MlirOperation t,
                          const MlyCompileOptions *o) {
  MlirContext ctx = mlirOperationGetContext(t);
  MlirOperation f = {NULL};
  for (MlirOperation o = mlirBlockGetFirstOperation(mlirModuleGetBody(from));
       !mlirOperationIsNull(o); o = mlirOperationGetNextInBlock(o))
    if (mlirStringRefEqual(sym_name(o), sym_name(t)))
      f = o;
  intptr_t n = num_args(t);
  if (mlirOperationIsNull(f) || n == num_args(f) || n == 0)
    return;
  MlirBlock tb = mlirRegionGetFirstBlock(mlirOperationGetRegion(t, 0));
  MlirBlock fb = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  MlirAttribute old = mlirOperationGetAttributeByName(
      t, mlirStringRefCreateFromCString("arg_attrs"));
  MlirAttribute *dicts = calloc((size_t)n, sizeof *dicts);
  MlirNamedAttribute *entries = NULL;
  if (!dicts)
    return;
  bool changed = false;
  for (intptr_t i = 0; i < n; ++i) {
    MlirAttribute d = mlirAttributeIsNull(old)
                          ? mlirDictionaryAttrGet(ctx, 0, NULL)
                          : mlirArrayAttrGetElement(old, i);
    dicts[i] = d;
    MlirLocation loc = mlirValueGetLocation(mlirBlockGetArgument(tb, i));
    MlirAttribute range = {NULL};
    MlirType ty = mlirValueGetType(mlirBlockGetArgument(tb, i));
    if (o->has_input_range &&
        mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(
            d, mlirStringRefCreateFromCString("mly.param"))) &&
        mlirTypeIsARankedTensor(ty) &&
        mlirTypeIsAFloat(mlirShapedTypeGetElementType(ty))) {
      double box[2] = {o->input_lo, o->input_hi};
      range = mlirDenseF64ArrayGet(ctx, 2, box);
    }
    for (MlirOperation o = mlirBlockGetFirstOperation(fb);
         !mlirOperationIsNull(o) && is_op(o, "mly.constant");
         o = mlirOperationGetNextInBlock(o))
      if (mlirLocationEqual(mlirOperationGetLocation(o), loc))
        range = mlirOperationGetAttributeByName(
            o, mlirStringRefCreateFromCString("mly.range"));
    if (mlirAttributeIsNull(range) ||
        !mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(
            d, mlirStringRefCreateFromCString("mly.range"))))
      continue;
    intptr_t k = mlirDictionaryAttrGetNumElements(d);
    free(entries);
    if (!(entries = calloc((size_t)k + 1, sizeof *entries)))
      break;
    for (intptr_t e = 0; e < k; ++e)
      entries[e] = mlirDictionaryAttrGetElement(d, e);
    entries[k] = mlirNamedAttributeGet(
        mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("mly.range")),
        range);
    dicts[i] = mlirDictionaryAttrGet(ctx, k + 1, entries);
    changed = true;
  }
  if (changed)
    mlirOperationSetAttributeByName(t,
                                    mlirStringRefCreateFromCString("arg_attrs"),
                                    mlirArrayAttrGet(ctx, n, dicts));
  free(entries);
  free(dicts);
}

/* Copies what mly-bounds wrote on `from` (the copy with the weights bound)
 * onto the same ops of `to`: op attributes mly.range, mly.ranges,
 * mly.may_nan, mly.unbounded, and the argument and result attributes of
 * the outlined kernels. The copy differs from `to` only in the constants
 * mly-bind-weights put at the top of the public functions (for their
 * removed arguments), which are skipped. Returns false, changing nothing,
 * when the two do not pair up op by op. */
static bool copy_ranges(MlirModule from, MlirModule to,
                        const MlyCompileOptions *o) {
  static const char *const keys[] = {"mly.range", "mly.ranges", "mly.may_nan",
                                     "mly.unbounded"};
  bool ok = false;
  op_list a = {0}, b = {0};
  for (int pass = 0; pass < 2; ++pass) {
    MlirOperation f = mlirBlockGetFirstOperation(mlirModuleGetBody(from));
    MlirOperation t = mlirBlockGetFirstOperation(mlirModuleGetBody(to));
    for (; !mlirOperationIsNull(f) && !mlirOperationIsNull(t);
         f = mlirOperationGetNextInBlock(f),
         t = mlirOperationGetNextInBlock(t)) {
      if (!is_op(f, "func.func") || !is_op(t, "func.func") ||
          !mlirStringRefEqual(sym_name(f), sym_name(t)))
        goto out;
      intptr_t skip = num_args(t) - num_args(f);
      if (skip < 0)
        goto out;
      free(a.ops);
      free(b.ops);
      a = (op_list){0};
      b = (op_list){0};
      mlirOperationWalk(f, list_op, &a, MlirWalkPreOrder);
      mlirOperationWalk(t, list_op, &b, MlirWalkPreOrder);
      a.ops = calloc(a.n + 1, sizeof *a.ops);
      b.ops = calloc(b.n + 1, sizeof *b.ops);
      if (!a.ops || !b.ops)
        goto out;
      a.cap = a.n, b.cap = b.n;
      a.n = b.n = 0;
      mlirOperationWalk(f, list_op, &a, MlirWalkPreOrder);
      mlirOperationWalk(t, list_op, &b, MlirWalkPreOrder);
      /* a.ops[0] / b.ops[0] are the functions; the bound constants follow
       * in the copy. */
      if (a.n != b.n + (size_t)skip)
        goto out;
      for (size_t i = 1, j = 1 + (size_t)skip; i < b.n; ++i, ++j) {
        if (!mlirStringRefEqual(
                mlirIdentifierStr(mlirOperationGetName(b.ops[i])),
                mlirIdentifierStr(mlirOperationGetName(a.ops[j]))))
          goto out;
        if (pass == 0)
          continue;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; ++k) {
          MlirAttribute v = mlirOperationGetAttributeByName(
              a.ops[j], mlirStringRefCreateFromCString(keys[k]));
          if (!mlirAttributeIsNull(v))
            mlirOperationSetAttributeByName(
                b.ops[i], mlirStringRefCreateFromCString(keys[k]), v);
        }
      }
      if (pass == 1 && skip == 0)
        for (int k = 0; k < 2; ++k) {
          const char *key = k ? "res_attrs" : "arg_attrs";
          MlirAttribute v = mlirOperationGetAttributeByName(
              f, mlirStringRefCreateFromCString(key));
          if (!mlirAttributeIsNull(v))
            mlirOperationSetAttributeByName(
                t, mlirStringRefCreateFromCString(key), v);
        }
    }
    if (!mlirOperationIsNull(f) || !mlirOperationIsNull(t))
      goto out;
  }
  for (MlirOperation t = mlirBlockGetFirstOperation(mlirModuleGetBody(to));
       !mlirOperationIsNull(t); t = mlirOperationGetNextInBlock(t))
    weight_ranges(from, t, o);
  ok = true;
out:
  free(a.ops);
  free(b.ops);
  return ok;
}

typedef struct decisions {
  json_t *list;
  long half, f32;
} decisions;

static MlirWalkResult collect_precision(MlirOperation op, void *user) {
  decisions *d = user;
  MlirAttribute p = mlirOperationGetAttributeByName(
      op, mlirStringRefCreateFromCString("mly.precision"));
  if (mlirAttributeIsNull(p) || !mlirAttributeIsAString(p))
    return MlirWalkResultAdvance;
  MlirStringRef v = mlirStringAttrGetValue(p);
  MlirStringRef name = sym_name(op);
  if (!name.length)
    name = mlirIdentifierStr(mlirOperationGetName(op));
  json_array_append_new(d->list,
                        json_pack("{s:s%, s:s%}", "kernel", name.data,
                                  name.length, "precision", v.data, v.length));
  if (mlirStringRefEqual(v, mlirStringRefCreateFromCString("f32")))
    ++d->f32;
  else
    ++d->half;
  return MlirWalkResultAdvance;
}

/* Runs mly-f16 on the module with the ranges of `bounded` (consumed),
 * when the pass exists and --precision is not f32; its remarks, which it
 * prints on stderr, are captured into the report (and echoed only when
 * the pass fails). */
static bool phase_precision(compile *c, MlirModule bounded) {
  const char *prec = c->o->precision ? c->o->precision : "auto";
  bool ok = false;
  begin_phase(c);
  json_t *pj = json_pack("{s:s, s:s, s:[], s:s}", "requested", prec, "used",
                         "f32", "decisions", "note", "");
  json_object_set_new(c->report, "precision", pj);
  if (!strcmp(prec, "f32")) {
    json_object_set_new(pj, "note", json_string("--precision=f32"));
    ok = end_phase(c, "precision", (MlirOperation){NULL}, "f32 (asked)");
    goto out;
  }
  if (!is_pass("mly-f16")) {
    json_object_set_new(pj, "note",
                        json_string("the mly-f16 pass is not in this build: "
                                    "every value is computed in f32"));
    ok = end_phase(c, "precision", (MlirOperation){NULL},
                   "f32 (no mly-f16 pass in this build)");
    goto out;
  }
  if (!copy_ranges(bounded, c->mod, c->o)) {
    json_object_set_new(pj, "note",
                        json_string("the ranges of mly-bounds did not pair "
                                    "with the module's ops: kept f32"));
    ok = end_phase(c, "precision", (MlirOperation){NULL},
                   "f32 (ranges not transferable)");
    goto out;
  }
  mlirModuleDestroy(bounded);
  bounded = (MlirModule){NULL};
  /* mly-f16 writes its remarks to stderr: capture them. */
  char path[256];
  scratch_path(c, "f16.txt", path, sizeof path);
  fflush(stderr);
  int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (saved >= 0 && fd >= 0)
    dup2(fd, 2);
  mlyF16SetType("f16");
  bool ran = run_pass(c, c->mod, "mly-f16", NULL);
  fflush(stderr);
  if (saved >= 0 && fd >= 0)
    dup2(saved, 2);
  if (fd >= 0)
    close(fd);
  if (saved >= 0)
    close(saved);
  json_t *remarks = json_array();
  FILE *f = fopen(path, "r");
  char line[2048];
  while (f && fgets(line, sizeof line, f)) {
    if (!ran)
      fputs(line, stderr);
    line[strcspn(line, "\n")] = 0;
    json_array_append_new(remarks, json_string(line));
  }
  if (f)
    fclose(f);
  remove(path);
  json_object_set_new(pj, "remarks", remarks);
  if (!ran)
    goto out;
  decisions d = {json_object_get(pj, "decisions"), 0, 0};
  mlirOperationWalk(mlirModuleGetOperation(c->mod), collect_precision, &d,
                    MlirWalkPreOrder);
  json_object_set_new(pj, "used", json_string(d.half ? "mixed" : "f32"));
  json_object_set_new(
      pj, "note",
      json_string(c->o->has_input_range
                      ? "mly-f16 with the ranges mly-bounds proved for the "
                        "given weights and input range"
                      : "mly-f16 with the ranges mly-bounds proved for the "
                        "given weights"));
  ok = end_phase(c, "precision", mlirModuleGetOperation(c->mod),
                 "%ld kernels f16, %ld f32", d.half, d.f32);
out:
  if (!mlirModuleIsNull(bounded))
    mlirModuleDestroy(bounded);
  return ok;
}

/* Counts the outcomes of mly-verify-rewrites' report into `vr`. */
static void summarize_rewrites(json_t *vr, json_t *rep) {
  long proven = 0, refuted = 0, unknown = 0, rewrites = 0;
  size_t i;
  json_t *k;
  json_array_foreach(json_object_get(rep, "kinds"), i, k) {
    const char *real = json_string_value(json_object_get(k, "real"));
    rewrites += (long)json_integer_value(json_object_get(k, "count"));
    if (!real)
      continue;
    if (!strcmp(real, "proven"))
      ++proven;
    else if (!strcmp(real, "refuted"))
      ++refuted;
    else
      ++unknown;
  }
  json_object_set_new(vr, "rewrites", json_integer(rewrites));
  json_object_set_new(vr, "kinds_proven", json_integer(proven));
  json_object_set_new(vr, "kinds_refuted", json_integer(refuted));
  json_object_set_new(vr, "kinds_unknown", json_integer(unknown));
  json_t *kinds = json_object_get(rep, "kinds");
  json_object_set_new(vr, "kinds", kinds ? json_incref(kinds) : json_array());
}

/* ---- Targets ---------------------------------------------------------- */

/* The gpu.module ops at the top of the host module, in order (at most n). */
static size_t gpu_modules(MlirModule mod, MlirOperation *out, size_t n) {
  size_t k = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(mod));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    if (mlirStringRefEqual(name,
                           mlirStringRefCreateFromCString("gpu.module")) &&
        k < n)
      out[k++] = op;
  }
  return k;
}

/* Dumps each kernel of `gm` emitted alone (a copy of the gpu.module holding
 * only that gpu.func) to DIR/<NN>-<target>/<kernel><ext>. */
static bool dump_kernels(compile *c, const MlyTarget *t, MlirOperation gm,
                         const MlyTargetOptions *topts) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/%02d-%s", c->o->dump_dir, c->n_phases + 1,
           t->name);
  if (mkdir(dir, 0777) && errno != EEXIST) {
    fprintf(stderr, "mly-compile: error: cannot create '%s': %s\n", dir,
            strerror(errno));
    return false;
  }
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  for (MlirOperation k = mlirBlockGetFirstOperation(body);
       !mlirOperationIsNull(k); k = mlirOperationGetNextInBlock(k)) {
    if (!is_op(k, "gpu.func"))
      continue;
    MlirStringRef kname = sym_name(k);
    MlirOperation copy = mlirOperationClone(gm);
    MlirBlock cb = mlirRegionGetFirstBlock(mlirOperationGetRegion(copy, 0));
    for (MlirOperation o = mlirBlockGetFirstOperation(cb);
         !mlirOperationIsNull(o);) {
      MlirOperation next = mlirOperationGetNextInBlock(o);
      if (is_op(o, "gpu.func") && !mlirStringRefEqual(sym_name(o), kname))
        mlirOperationDestroy(o);
      o = next;
    }
    MlyBuf b = {0};
    bool ok =
        mlirLogicalResultIsSuccess(t->emit(copy, mlyBufCallback, &b, topts));
    mlirOperationDestroy(copy);
    char path[4352];
    snprintf(path, sizeof path, "%s/%.*s%s", dir, (int)kname.length, kname.data,
             t->file_extension);
    ok = ok && !b.oom && mlyWriteFile(path, b.p ? b.p : "", b.n);
    free(b.p);
    if (!ok)
      return false;
  }
  return true;
}

/* Emits every gpu.module of the host program with target `t` into
 * OUT/model<ext> (or stdout for --compile-to=target without -o) and adds
 * the target's kernels to the report. */
static bool emit_target(compile *c, const MlyTarget *t,
                        const MlyTargetOptions *topts) {
  MlirOperation gms[16];
  size_t n = gpu_modules(c->mod, gms, 16);
  MlyBuf b = {0};
  bool ok = false;
  begin_phase(c);
  for (size_t i = 0; i < n; ++i) {
    if (mlirLogicalResultIsFailure(
            t->emit(gms[i], mlyBufCallback, &b, topts))) {
      fprintf(stderr,
              "mly-compile: error: target '%s' failed to emit the "
              "kernels\n",
              t->name);
      goto out;
    }
    if (c->o->dump_dir && !dump_kernels(c, t, gms[i], topts))
      goto out;
  }
  if (b.oom)
    goto out;
  char file[256], path[4096];
  snprintf(file, sizeof file, "model%s", t->file_extension);
  if (c->o->out_dir) {
    snprintf(path, sizeof path, "%s/%s", c->o->out_dir, file);
    if (!mlyWriteFile(path, b.p ? b.p : "", b.n))
      goto out;
  } else if (c->stopped && !mlyWriteFile("-", b.p ? b.p : "", b.n)) {
    goto out;
  }
  json_t *launches = json_array();
  size_t i;
  json_t *k;
  json_array_foreach(json_object_get(c->manifest, "kernels"), i, k)
      json_array_append_new(
          launches,
          json_pack("{s:O, s:O, s:O, s:O, s:O}", "name",
                    json_object_get(k, "name"), "kind",
                    json_object_get(k, "kind"), "grid",
                    json_object_get(k, "grid"), "threadgroup",
                    json_object_get(k, "threadgroup"), "workgroup_memory_bytes",
                    json_object_get(k, "workgroup_memory_bytes")));
  json_object_set_new(json_object_get(c->report, "kernels"), t->name,
                      json_pack("{s:s, s:I, s:b, s:o}", "file", file, "bytes",
                                (json_int_t)b.n, "binary", t->binary,
                                "launches", launches));
  char name[64];
  snprintf(name, sizeof name, "target-%s", t->name);
  ok = dump_text(c, name, t->file_extension, b.p ? b.p : "", b.n) &&
       end_phase(c, name, (MlirOperation){NULL}, "%zu kernels, %zu bytes",
                 json_array_size(launches), b.n);
out:
  free(b.p);
  return ok;
}

/* cpu: compiles OUT/model.mly.mlir into the cpu backend's object cache. */
static bool precompile_cpu(compile *c, const char *path) {
  char err[2048];
  bool ok = false;
  begin_phase(c);
  MlyRuntime *rt = mlyRuntimeCreate();
  MlyModelOptions mo = {.backend = "cpu", .cache_dir = c->o->cpu_cache_dir};
  MlyModel *m = rt ? mlyModelLoad(rt, path, &mo, err, sizeof err) : NULL;
  if (!m) {
    fprintf(stderr, "mly-compile: error: cpu: %s\n",
            rt ? err : "out of memory");
    goto out;
  }
  if (mlyModelCompile(m, err, sizeof err)) {
    fprintf(stderr, "mly-compile: error: cpu: %s\n", err);
    goto out;
  }
  const char *obj = mlyModelCachePath(m);
  json_object_set_new(json_object_get(c->report, "kernels"), "cpu",
                      json_pack("{s:s, s:s?, s:b}", "file", "model.mly.mlir",
                                "cache_object", obj, "cache_hit",
                                mlyModelCacheHit(m)));
  ok = end_phase(c, "target-cpu", (MlirOperation){NULL}, "%s %s",
                 mlyModelCacheHit(m) ? "cached already:" : "compiled into",
                 obj ? obj : "(no cache object)");
out:
  mlyModelDestroy(m);
  mlyRuntimeDestroy(rt);
  return ok;
}

static bool copy_file(const char *from, const char *to) {
  FILE *f = fopen(from, "rb");
  MlyBuf b = {0};
  char chunk[65536];
  size_t n;
  bool ok = false;
  if (!f) {
    fprintf(stderr, "mly-compile: error: cannot read '%s': %s\n", from,
            strerror(errno));
    return false;
  }
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    mlyBufAppend(&b, chunk, n);
  if (ferror(f) || b.oom)
    fprintf(stderr, "mly-compile: error: cannot read '%s'\n", from);
  else
    ok = mlyWriteFile(to, b.p ? b.p : "", b.n);
  fclose(f);
  free(b.p);
  return ok;
}

/* ---- The driver ------------------------------------------------------- */

/* Splits o->targets into c->targets / c->want_cpu and checks each name
 * against the registry. */
static bool pick_targets(compile *c) {
  size_t n = mlyTargetRegistryCount(c->reg);
  const char *spec = c->o->targets;
  c->targets = calloc(n + 1, sizeof *c->targets);
  if (!c->targets)
    return false;
  if (!spec) {
    for (size_t i = 0; i < n; ++i)
      c->targets[c->n_targets++] = mlyTargetRegistryGet(c->reg, i, NULL)->name;
    c->want_cpu = true;
    return true;
  }
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", spec);
  for (char *save = NULL, *e = strtok_r(buf, ",", &save); e;
       e = strtok_r(NULL, ",", &save)) {
    if (!strcmp(e, "cpu")) {
      c->want_cpu = true;
      continue;
    }
    const MlyTarget *t = mlyTargetRegistryLookup(c->reg, e);
    if (!t) {
      MlyBuf names = {0};
      for (size_t i = 0; i < n; ++i) {
        const char *tn = mlyTargetRegistryGet(c->reg, i, NULL)->name;
        mlyBufAppend(&names, tn, strlen(tn));
        mlyBufAppend(&names, ", ", 2);
      }
      fprintf(stderr,
              "mly-compile: error: unknown target '%s' (loaded: %scpu)\n", e,
              names.p ? names.p : "");
      free(names.p);
      return false;
    }
    bool dup = false;
    for (size_t i = 0; i < c->n_targets; ++i)
      dup |= c->targets[i] == t->name;
    if (!dup && c->n_targets < n)
      c->targets[c->n_targets++] = t->name;
  }
  return true;
}

static bool make_dir(const char *dir) {
  if (mkdir(dir, 0777) && errno != EEXIST) {
    fprintf(stderr, "mly-compile: error: cannot create '%s': %s\n", dir,
            strerror(errno));
    return false;
  }
  return true;
}

/* The phases after import; returns false at the first failure. */
static bool run_phases(compile *c) {
  const MlyCompileOptions *o = c->o;
  const char *verify = o->verify ? o->verify : "none";
  bool v_rewrites = !strcmp(verify, "rewrites") || !strcmp(verify, "all");
  bool v_bounds = !strcmp(verify, "bounds") || !strcmp(verify, "all");
  json_t *verification = json_object_get(c->report, "verification");
  /* The passes borrow their report paths: one buffer each. */
  char path[4096], rw_path[256], fuse_path[256], mem_path[256];
  MlirOperation top = mlirModuleGetOperation(c->mod);

  if (o->smt_timeout_ms)
    mlyVerifySetTimeoutMs(o->smt_timeout_ms);

  /* lower: aten -> mly (the rewrite checker, when asked, sees every
   * rewrite of mly-canonicalize and mly-fuse). */
  begin_phase(c);
  bool rewrites_on = v_rewrites && is_pass("mly-verify-rewrites");
  if (v_rewrites) {
    json_t *vr = json_object();
    json_object_set_new(verification, "rewrites", vr);
    if (!rewrites_on) {
      json_object_set_new(vr, "status", json_string("skipped"));
      json_object_set_new(vr, "reason",
                          json_string("mly-verify-rewrites is not registered"));
      if (!o->quiet)
        fputs("mly-compile: note: --verify: mly-verify-rewrites is not "
              "registered; rewrites not checked\n",
              stderr);
    } else {
      mlyVerifySetReportPath(
          scratch_path(c, "rewrites.json", rw_path, sizeof rw_path));
      if (!run_pass(c, c->mod, "mly-verify-rewrites", NULL))
        return false;
    }
  }
  if (!run_passes(c, c->mod, LOWER_PASSES) ||
      !end_phase(c, "lower", top, "%ld mly ops", count_ops(top, "mly.")))
    return false;
  if (stop_here(c, "mly"))
    return emit_stop_ir(c, "mly");

  /* fuse */
  begin_phase(c);
  mlyFuseSetReportPath(
      scratch_path(c, "fusion.json", fuse_path, sizeof fuse_path));
  bool fused = run_passes(c, c->mod, FUSE_PASSES);
  mlyFuseSetReportPath(NULL);
  if (rewrites_on) {
    mlyVerifyRewritesFinish(top);
    mlyVerifySetReportPath(NULL);
    json_t *rep = read_pass_report(c, "rewrites.json");
    json_t *vr = json_object_get(verification, "rewrites");
    json_object_set_new(vr, "status", json_string("ran"));
    summarize_rewrites(vr, rep);
    json_decref(rep);
  }
  if (!fused)
    return false;
  json_t *fusion = read_pass_report(c, "fusion.json");
  if (!fusion)
    fusion = json_object();
  json_object_set_new(c->report, "fusion", fusion);
  if (!end_phase(c, "fuse", top,
                 "%" JSON_INTEGER_FORMAT " kernels from %" JSON_INTEGER_FORMAT
                 " compute ops",
                 json_integer_value(json_object_get(fusion, "kernels_after")),
                 json_integer_value(json_object_get(fusion, "ops_before"))))
    return false;
  if (stop_here(c, "fused"))
    return emit_stop_ir(c, "fused");

  /* bounds (and their check) on a copy with the weights bound */
  MlirModule bounded = {NULL};
  if (!phase_bounds(c, v_bounds, &bounded))
    return false;

  /* precision */
  if (!phase_precision(c, bounded))
    return false;

  /* memory plan */
  begin_phase(c);
  mlyPlanMemorySetReportPath(
      scratch_path(c, "memory.json", mem_path, sizeof mem_path));
  bool planned = run_pass(c, c->mod, "mly-plan-memory", NULL);
  mlyPlanMemorySetReportPath(NULL);
  if (!planned)
    return false;
  json_t *mem = read_pass_report(c, "memory.json"), *fn = NULL, *f;
  size_t i;
  json_array_foreach(json_object_get(mem, "functions"), i, f) {
    const char *name = json_string_value(json_object_get(f, "name"));
    if (name && !strcmp(name, "forward"))
      fn = f;
  }
  json_object_set_new(
      c->report, "memory",
      json_pack("{s:I, s:I, s:I, s:I}", "arena_bytes",
                json_integer_value(json_object_get(fn, "arena_bytes")),
                "naive_bytes",
                json_integer_value(json_object_get(fn, "naive_bytes")),
                "live_peak_bytes",
                json_integer_value(json_object_get(fn, "live_peak_bytes")),
                "buffers", json_integer_value(json_object_get(fn, "buffers"))));
  json_decref(mem);
  json_t *mj = json_object_get(c->report, "memory");
  if (c->want_cpu && o->out_dir && !o->compile_to) {
    char *text = mlyPrintOp(top, o->debuginfo);
    snprintf(path, sizeof path, "%s/model.mly.mlir", o->out_dir);
    bool w = text && mlyWriteFile(path, text, strlen(text));
    free(text);
    if (!w)
      return false;
  }
  if (!end_phase(c, "plan-memory", top,
                 "arena %" JSON_INTEGER_FORMAT
                 " bytes (naive %" JSON_INTEGER_FORMAT ")",
                 json_integer_value(json_object_get(mj, "arena_bytes")),
                 json_integer_value(json_object_get(mj, "naive_bytes"))))
    return false;

  /* gpu */
  begin_phase(c);
  if (!run_pass(c, c->mod, "mly-to-gpu", NULL))
    return false;
  MlyBuf man = {0};
  const char *first = c->n_targets ? c->targets[0] : "none";
  char src[256];
  snprintf(src, sizeof src, "model%s",
           c->n_targets ? mlyTargetRegistryLookup(c->reg, first)->file_extension
                        : ".none");
  if (mlirLogicalResultIsFailure(
          mlyTargetWriteManifest(c->mod, first, src, mlyBufCallback, &man)) ||
      man.oom) {
    free(man.p);
    return false;
  }
  c->manifest = json_loads(man.p, 0, NULL);
  bool w = true;
  if (o->out_dir && !o->compile_to) {
    snprintf(path, sizeof path, "%s/model.manifest.json", o->out_dir);
    w = mlyWriteFile(path, man.p, man.n);
    char *text = mlyPrintOp(top, o->debuginfo);
    snprintf(path, sizeof path, "%s/model.host.mlir", o->out_dir);
    w = w && text && mlyWriteFile(path, text, strlen(text));
    free(text);
  }
  free(man.p);
  if (!w || !c->manifest ||
      !end_phase(c, "gpu", top, "%zu launches, %ld gpu.funcs",
                 json_array_size(json_object_get(c->manifest, "kernels")),
                 count_ops(top, "gpu.func")))
    return false;
  if (o->dot_path && !mlyCompileWriteDot(c->manifest, o->dot_path))
    return false;
  if (stop_here(c, "gpu"))
    return emit_stop_ir(c, "gpu");

  /* targets */
  stop_here(c, "target");
  MlyTargetOptions topts = {o->n_target_options, NULL, NULL};
  const char **keys = calloc(o->n_target_options + 1, sizeof *keys);
  const char **vals = calloc(o->n_target_options + 1, sizeof *vals);
  char **owned = calloc(o->n_target_options + 1, sizeof *owned);
  bool ok = keys && vals && owned;
  for (size_t k = 0; ok && k < o->n_target_options; ++k) {
    owned[k] = strdup(o->target_options[k]);
    char *eq = owned[k] ? strchr(owned[k], '=') : NULL;
    if (!eq) {
      fprintf(stderr,
              "mly-compile: error: --target-option wants key=value, "
              "got '%s'\n",
              o->target_options[k]);
      ok = false;
      break;
    }
    *eq = 0;
    keys[k] = owned[k];
    vals[k] = eq + 1;
  }
  topts.keys = keys;
  topts.values = vals;
  for (size_t k = 0; ok && k < c->n_targets; ++k)
    ok = emit_target(c, mlyTargetRegistryLookup(c->reg, c->targets[k]), &topts);
  for (size_t k = 0; owned && k < o->n_target_options; ++k)
    free(owned[k]);
  free(owned);
  free(keys);
  free(vals);
  if (!ok || c->stopped)
    return ok;

  /* cpu, weights */
  if (c->want_cpu && o->out_dir) {
    snprintf(path, sizeof path, "%s/model.mly.mlir", o->out_dir);
    if (o->cpu_cache_dir && !precompile_cpu(c, path))
      return false;
    if (!o->cpu_cache_dir)
      json_object_set_new(json_object_get(c->report, "kernels"), "cpu",
                          json_pack("{s:s}", "file", "model.mly.mlir"));
  }
  if (o->weights && o->out_dir) {
    snprintf(path, sizeof path, "%s/weights.safetensors", o->out_dir);
    if (!copy_file(o->weights, path))
      return false;
  }
  return true;
}

int mlyCompileMain(const MlyCompileOptions *o) {
  compile c = {.o = o};
  int rc = 1;
  char err[2048];
  if (strcmp(MLY_OPTIMIZE_PIPELINE, LOWER_PASSES "," FUSE_PASSES)) {
    fputs("mly-compile: error: the optimize pipeline changed; update "
          "tools/compile's phases\n",
          stderr);
    return 1;
  }
  /* Every key up front, in the order of docs/compile-report.md; phases
   * fill them in place (null: the phase did not run). */
  c.report = json_pack(
      "{s:i, s:{s:s, s:s}, s:s, s:[], s:n, s:[], s:n, s:{}, "
      "s:n, s:n, s:{}, s:n}",
      "version", MLY_COMPILE_REPORT_VERSION, "tool", "name", "mly-compile",
      "version", MLY_VERSION, "status", "failed", "targets", "input", "phases",
      "fusion", "kernels", "bounds", "precision", "verification", "memory");
  if (!c.report)
    return 1;
  c.phases = json_object_get(c.report, "phases");
  json_object_set_new(json_object_get(c.report, "verification"), "mode",
                      json_string(o->verify ? o->verify : "none"));
  snprintf(c.scratch, sizeof c.scratch, "/tmp/mly-compile-XXXXXX");
  const char *tmp = getenv("TMPDIR");
  if (tmp && *tmp && strlen(tmp) < 40)
    snprintf(c.scratch, sizeof c.scratch, "%s/mly-compile-XXXXXX", tmp);
  if (!mkdtemp(c.scratch)) {
    fprintf(stderr, "mly-compile: error: cannot create a scratch folder: %s\n",
            strerror(errno));
    c.scratch[0] = 0;
    goto out_report;
  }
  if ((o->out_dir && !make_dir(o->out_dir)) ||
      (o->dump_dir && !make_dir(o->dump_dir)))
    goto out_scratch;

  if (!(c.reg = mlyTargetRegistryCreate()))
    goto out_scratch;
  for (size_t i = 0; i < o->n_load_targets; ++i)
    if (mlyTargetRegistryLoad(c.reg, o->load_targets[i], err, sizeof err)) {
      fprintf(stderr, "mly-compile: error: %s\n", err);
      goto out_reg;
    }
  if (mlyTargetRegistryLoadDefaults(c.reg, err, sizeof err)) {
    fprintf(stderr, "mly-compile: error: %s\n", err);
    goto out_reg;
  }
  if (!pick_targets(&c))
    goto out_reg;
  json_t *tl = json_array();
  for (size_t i = 0; i < c.n_targets; ++i)
    json_array_append_new(tl, json_string(c.targets[i]));
  if (c.want_cpu)
    json_array_append_new(tl, json_string("cpu"));
  json_object_set_new(c.report, "targets", tl);

  if (o->weights) {
    FILE *wf = fopen(o->weights, "rb");
    if (!wf) {
      fprintf(stderr, "mly-compile: error: cannot read the weights '%s': %s\n",
              o->weights, strerror(errno));
      goto out_reg;
    }
    fclose(wf);
  }

  /* input summary, then import */
  json_t *input = mlyCompileInputSummary(o->model);
  if (!input)
    goto out_reg;
  json_object_set_new(c.report, "input", input);
  c.ctx = mlirContextCreate();
  mlirContextAttachDiagnosticHandler(c.ctx, on_diag, &c, NULL);
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(c.ctx))) {
    fputs("mly-compile: error: the embedded aten/mly dialects did not load\n",
          stderr);
    goto out_ctx;
  }
  mlirRegisterAllPasses();
  begin_phase(&c);
  c.mod = mlyTorchExportImportFile(c.ctx, o->model, stderr);
  if (mlirModuleIsNull(c.mod))
    goto out_ctx;
  MlirOperation top = mlirModuleGetOperation(c.mod);
  if (!end_phase(&c, "import", top, "%ld aten ops", count_ops(top, "aten.")))
    goto out_mod;
  bool ok = stop_here(&c, "aten") ? emit_stop_ir(&c, "aten") : run_phases(&c);
  if (!ok)
    goto out_mod;
  json_object_set_new(c.report, "status", json_string("ok"));
  rc = 0;
out_mod:
  if (!mlirModuleIsNull(c.mod))
    mlirModuleDestroy(c.mod);
out_ctx:
  mlirContextDestroy(c.ctx);
out_reg:
  json_decref(c.manifest);
  free(c.targets);
  mlyTargetRegistryDestroy(c.reg);
out_scratch:
  if (c.scratch[0])
    rmdir(c.scratch);
out_report:
  if (o->report_path || o->json) {
    char *text = json_dumps(c.report, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                          JSON_REAL_PRECISION(17));
    size_t n = text ? strlen(text) : 0;
    if (text)
      text[n] = '\n'; /* json_dumps's terminator becomes the last line's */
    if (!text ||
        (o->report_path && !mlyWriteFile(o->report_path, text, n + 1)) ||
        (o->json && !mlyWriteFile("-", text, n + 1)))
      rc = 1;
    free(text);
  }
  json_decref(c.report);
  return rc;
}
