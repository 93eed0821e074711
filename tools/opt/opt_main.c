/* mly-opt's driver (see mly_opt.h). */
#include "tools/opt/mly_opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "tools/opt/diag.h"
#include "tools/opt/pipeline.h"
#include "tools/passes.h"
#include "verify/mly_verify.h"

/* Reads all of `f` into a NUL-terminated buffer. */
static char *read_all(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n - 1, f);
    if (n < cap - 1)
      break;
    char *p = realloc(buf, cap * 2);
    if (!p) {
      free(buf);
      return NULL;
    }
    buf = p;
    cap *= 2;
  }
  if (!buf || ferror(f)) {
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

static void write_file(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

/* The parser names its buffer "-"; give locations the real file name. */
static MlirLocation rename_loc(MlirContext ctx, MlirLocation loc,
                               MlirStringRef name) {
  if (mlirLocationIsAFileLineColRange(loc)) {
    MlirStringRef f =
        mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(loc));
    if (f.length != 1 || f.data[0] != '-')
      return loc;
    return mlirLocationFileLineColRangeGet(
        ctx, name, mlirLocationFileLineColRangeGetStartLine(loc),
        mlirLocationFileLineColRangeGetStartColumn(loc),
        mlirLocationFileLineColRangeGetEndLine(loc),
        mlirLocationFileLineColRangeGetEndColumn(loc));
  }
  if (mlirLocationIsAName(loc))
    return mlirLocationNameGet(
        ctx, mlirIdentifierStr(mlirLocationNameGetName(loc)),
        rename_loc(ctx, mlirLocationNameGetChildLoc(loc), name));
  if (mlirLocationIsACallSite(loc))
    return mlirLocationCallSiteGet(
        rename_loc(ctx, mlirLocationCallSiteGetCallee(loc), name),
        rename_loc(ctx, mlirLocationCallSiteGetCaller(loc), name));
  if (mlirLocationIsAFused(loc)) {
    intptr_t n = mlirLocationFusedGetNumLocations(loc);
    MlirLocation *locs = malloc((size_t)(n ? n : 1) * sizeof *locs);
    if (!locs)
      return loc;
    mlirLocationFusedGetLocations(loc, locs);
    for (intptr_t i = 0; i < n; ++i)
      locs[i] = rename_loc(ctx, locs[i], name);
    MlirLocation r =
        mlirLocationFusedGet(ctx, n, locs, mlirLocationFusedGetMetadata(loc));
    free(locs);
    return r;
  }
  return loc;
}

typedef struct rename_state {
  MlirContext ctx;
  MlirStringRef name;
} rename_state;

static MlirWalkResult rename_op(MlirOperation op, void *user) {
  rename_state *s = user;
  mlirOperationSetLocation(
      op, rename_loc(s->ctx, mlirOperationGetLocation(op), s->name));
  for (intptr_t r = 0, nr = mlirOperationGetNumRegions(op); r < nr; ++r)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
         !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
      for (intptr_t i = 0, n = mlirBlockGetNumArguments(b); i < n; ++i) {
        MlirValue arg = mlirBlockGetArgument(b, i);
        mlirBlockArgumentSetLocation(
            arg, rename_loc(s->ctx, mlirValueGetLocation(arg), s->name));
      }
  return MlirWalkResultAdvance;
}

/* Builds the pass manager for `o`; NULL (after reporting) on a bad
 * pipeline. */
static MlirPassManager build_pm(MlirContext ctx, const MlyOptOptions *o,
                                MlyDiag *diag) {
  MlirPassManager pm = mlirPassManagerCreateOnOperation(
      ctx, mlirStringRefCreateFromCString("builtin.module"));
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  char err[512];
  if (o->pass_pipeline &&
      !mlyPipelineAddAnchored(opm, o->pass_pipeline, o->verify_each, err,
                              sizeof err)) {
    mlyDiagToolError(diag, "invalid pass pipeline '%s': column %s",
                     o->pass_pipeline, err);
    goto fail;
  }
  for (size_t i = 0; i < o->n_passes; ++i) {
    if (!mlyPipelineAdd(opm, o->passes[i], o->verify_each, err, sizeof err)) {
      mlyDiagToolError(diag, "invalid pass '--%s': column %s", o->passes[i],
                       err);
      goto fail;
    }
  }
  if (o->print_ir_before_all || o->print_ir_after_all ||
      o->print_ir_after_change || o->print_ir_after_failure) {
    MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
    if (o->debuginfo)
      mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
    mlirPassManagerEnableIRPrinting(
        pm, o->print_ir_before_all,
        o->print_ir_after_all || o->print_ir_after_change ||
            o->print_ir_after_failure,
        o->print_ir_module_scope, o->print_ir_after_change,
        o->print_ir_after_failure, flags, mlirStringRefCreate(NULL, 0));
    mlirOpPrintingFlagsDestroy(flags);
  }
  if (o->timing)
    mlirPassManagerEnableTiming(pm);
  return pm;
fail:
  mlirPassManagerDestroy(pm);
  return (MlirPassManager){NULL};
}

/* Parses, verifies, transforms and prints one buffer. Returns whether it
 * succeeded (diagnostics decide in verify mode). */
static bool process_buffer(MlirContext ctx, const MlyOptOptions *o,
                           MlyDiag *diag, const char *name, const char *text,
                           size_t len, FILE *out, bool *printed) {
  if (!mlyDiagSetBuffer(diag, name, text, len))
    return mlyDiagFinishBuffer(diag) && false;
  MlirModule m = mlyModuleParse(ctx, "-", text, len);
  if (mlirModuleIsNull(m))
    return mlyDiagFinishBuffer(diag) && o->verify_diagnostics;
  MlirOperation top = mlirModuleGetOperation(m);
  rename_state rs = {ctx, mlirStringRefCreateFromCString(name)};
  mlirOperationWalk(top, rename_op, &rs, MlirWalkPreOrder);
  bool ok = mlirLogicalResultIsSuccess(mlyVerify(top));
  if (ok) {
    MlirPassManager pm = build_pm(ctx, o, diag);
    ok = !mlirPassManagerIsNull(pm) &&
         mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, top));
    mlyVerifyRewritesFinish(top);
    if (!mlirPassManagerIsNull(pm))
      mlirPassManagerDestroy(pm); /* prints the timing report, if any */
  }
  if (ok && !mlyDiagSawError(diag)) {
    if (*printed && o->split_marker)
      fprintf(out, "%s\n", o->split_marker);
    MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
    if (o->debuginfo)
      mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
    if (o->generic)
      mlirOpPrintingFlagsPrintGenericOpForm(flags);
    mlirOperationPrintWithFlags(top, flags, write_file, out);
    mlirOpPrintingFlagsDestroy(flags);
    fputc('\n', out);
    *printed = true;
  }
  mlirModuleDestroy(m);
  /* With --verify-diagnostics, matching diagnostics is what succeeds. */
  bool matched = mlyDiagFinishBuffer(diag);
  return o->verify_diagnostics ? matched : matched && ok;
}

/* Copies chunk [p, end) after `pad` newlines so that line numbers in
 * diagnostics are those of the whole file. */
static char *padded_chunk(const char *p, const char *end, long pad,
                          size_t *len) {
  size_t n = (size_t)(end - p);
  char *c = malloc((size_t)pad + n + 1);
  if (!c)
    return NULL;
  memset(c, '\n', (size_t)pad);
  memcpy(c + pad, p, n);
  c[pad + n] = 0;
  *len = (size_t)pad + n;
  return c;
}

/* Whether the line starting at `p` is the split marker. */
static bool is_marker_line(const char *p, const char *end, const char *marker) {
  size_t n = strlen(marker);
  if ((size_t)(end - p) < n || memcmp(p, marker, n))
    return false;
  for (p += n; p < end && *p != '\n'; ++p)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return false;
  return true;
}

static bool process_split(MlirContext ctx, const MlyOptOptions *o,
                          MlyDiag *diag, const char *name, const char *text,
                          size_t len, FILE *out) {
  bool ok = true, printed = false;
  const char *end = text + len, *chunk = text;
  long line = 1, chunk_line = 1;
  for (const char *p = text; p <= end;) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    bool last = !eol;
    if (!eol)
      eol = end;
    bool marker = is_marker_line(p, end, o->split_marker);
    if (marker || last) {
      size_t clen;
      char *c = padded_chunk(chunk, marker ? p : end, chunk_line - 1, &clen);
      if (!c) {
        mlyDiagToolError(diag, "out of memory");
        return false;
      }
      ok = process_buffer(ctx, o, diag, name, c, clen, out, &printed) && ok;
      free(c);
      chunk = eol + (eol < end);
      chunk_line = line + 1;
    }
    if (last)
      break;
    p = eol + 1;
    ++line;
  }
  return ok;
}

int mlyOptMain(const MlyOptOptions *o) {
  int rc = 1;
  const char *name = strcmp(o->input, "-") ? o->input : "<stdin>";
  FILE *in = strcmp(o->input, "-") ? fopen(o->input, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "error: cannot open input file '%s': %s\n", o->input,
            strerror(errno));
    return 1;
  }
  size_t len = 0;
  char *text = read_all(in, &len);
  if (in != stdin)
    fclose(in);
  if (!text) {
    fprintf(stderr, "error: cannot read input file '%s'\n", o->input);
    return 1;
  }
  FILE *out = strcmp(o->output, "-") ? fopen(o->output, "w") : stdout;
  if (!out) {
    fprintf(stderr, "error: cannot open output file '%s': %s\n", o->output,
            strerror(errno));
    goto out_text;
  }
  MlirContext ctx = mlirContextCreate();
  MlyDiag *diag = mlyDiagCreate(ctx, stderr, o->verify_diagnostics);
  if (!diag)
    goto out_ctx;
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx))) {
    mlyDiagToolError(diag, "the embedded aten/mly dialects did not load");
    goto out_diag;
  }
  mlirRegisterAllPasses();
  bool ok;
  if (o->split_marker) {
    ok = process_split(ctx, o, diag, name, text, len, out);
  } else {
    bool printed = false;
    ok = process_buffer(ctx, o, diag, name, text, len, out, &printed);
  }
  rc = ok ? 0 : 1;
out_diag:
  mlyDiagDestroy(diag);
out_ctx:
  mlirContextDestroy(ctx);
  if (out != stdout && fclose(out)) {
    fprintf(stderr, "error: cannot write output file '%s'\n", o->output);
    rc = 1;
  }
out_text:
  free(text);
  return rc;
}

bool mlyOptIsPass(const char *flag) {
  const char *eq = strchr(flag, '=');
  size_t len = eq ? (size_t)(eq - flag) : strlen(flag);
  if (mlyPassRegistryLookup(flag, len))
    return true;
  mlirRegisterAllPasses();
  MlirContext ctx = mlirContextCreate();
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  char err[256];
  char *name = malloc(len + 1);
  bool ok = false;
  if (name) {
    memcpy(name, flag, len);
    name[len] = 0;
    ok = mlyPipelineAdd(mlirPassManagerGetAsOpPassManager(pm), name, false,
                        err, sizeof err);
    free(name);
  }
  mlirPassManagerDestroy(pm);
  mlirContextDestroy(ctx);
  return ok;
}
