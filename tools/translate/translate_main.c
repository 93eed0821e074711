/* mly-translate's driver (see mly_translate.h). */
#include "tools/translate/mly_translate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "targets/mly_targets.h"
#include "targets/target_util.h"
#include "tools/opt/diag.h"

/* A growable byte buffer the output is collected in. */
typedef struct bytes {
  char *p;
  size_t n, cap;
  bool oom;
} bytes;

static void collect(MlirStringRef s, void *user) {
  bytes *b = user;
  if (b->oom || !s.length)
    return;
  if (b->n + s.length > b->cap) {
    size_t cap = b->cap ? b->cap : 1 << 14;
    while (cap < b->n + s.length)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s.data, s.length);
  b->n += s.length;
}

static char *read_all(FILE *f, size_t *len) {
  bytes b = {0};
  char chunk[1 << 14];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
    collect(mlirStringRefCreate(chunk, k), &b);
  collect(mlirStringRefCreate("", 1), &b); /* the NUL */
  if (b.oom || ferror(f)) {
    free(b.p);
    return NULL;
  }
  *len = b.n - 1;
  return b.p;
}

static void list_known(const MlyTargetRegistry *r, FILE *f) {
  size_t n = mlyTargetRegistryCount(r);
  if (!n) {
    fputs("none (no target plugin was found)", f);
    return;
  }
  for (size_t i = 0; i < n; ++i)
    fprintf(f, "%s%s", i ? ", " : "", mlyTargetRegistryGet(r, i, NULL)->name);
}

static bool write_file(const char *path, const bytes *b) {
  FILE *f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
  if (!f) {
    fprintf(stderr,
            "mly-translate: error: cannot open output file '%s': "
            "%s\n",
            path, strerror(errno));
    return false;
  }
  bool ok = fwrite(b->p ? b->p : "", 1, b->n, f) == b->n;
  ok = (f == stdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
  if (!ok)
    fprintf(stderr, "mly-translate: error: cannot write output file '%s'\n",
            path);
  return ok;
}

/* The default manifest path beside `out`: its extension replaced by
 * ".manifest.json" (appended when it has none). Caller frees. */
static char *manifest_path(const char *out) {
  const char *slash = strrchr(out, '/');
  const char *dot = strrchr(slash ? slash + 1 : out, '.');
  size_t stem = dot && dot != (slash ? slash + 1 : out) ? (size_t)(dot - out)
                                                        : strlen(out);
  char *p = malloc(stem + sizeof ".manifest.json");
  if (p)
    sprintf(p, "%.*s.manifest.json", (int)stem, out);
  return p;
}

/* The output's file name as the manifest (beside it) refers to it. */
static const char *source_name(const char *out) {
  const char *slash = strrchr(out, '/');
  return slash ? slash + 1 : out;
}

/* Whether the module holds a host function (func.func with mly.host). */
static bool has_host(MlirModule m) {
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (mlyTgtOpIs(op, "func.func") &&
        !mlirAttributeIsNull(mlyTgtAttr(op, "mly.host")))
      return true;
  return false;
}

/* Parses one buffer and emits its gpu.module into `out` and, when
 * `mfile` is set, the manifest into `man`. Returns whether it succeeded
 * (diagnostics printed otherwise). */
static bool translate_buffer(MlirContext ctx, MlyDiag *diag,
                             const MlyTranslateOptions *o, const MlyTarget *t,
                             const char *name, const char *text, size_t len,
                             const char *mfile, bytes *out, bytes *man) {
  bool ok = false;
  mlyDiagSetBuffer(diag, name, text, len);
  MlirModule m = mlyModuleParse(ctx, "-", text, len);
  if (mlirModuleIsNull(m))
    goto out_finish;
  MlirOperation gm = {NULL};
  int n_gm = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(mlirModuleGetBody(m));
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (mlyTgtOpIs(op, "gpu.module") && n_gm++ == 0)
      gm = op;
  if (n_gm != 1) {
    mlirEmitError(mlirOperationGetLocation(mlirModuleGetOperation(m)),
                  n_gm ? "the module holds more than one gpu.module; "
                         "mly-translate emits one"
                       : "the module holds no gpu.module to translate");
    goto out_module;
  }
  const char *keys_none[1] = {NULL}, *values_none[1] = {NULL};
  MlyTargetOptions topts = {o->n_options,
                            o->n_options ? o->option_keys : keys_none,
                            o->n_options ? o->option_values : values_none};
  if (mlirLogicalResultIsFailure(t->emit(gm, collect, out, &topts)) ||
      mlyDiagSawError(diag))
    goto out_module;
  if (!mfile || (o->manifest == NULL && !has_host(m))) {
    ok = true;
    goto out_module;
  }
  ok = mlirLogicalResultIsSuccess(
      mlyTargetWriteManifest(m, t->name, source_name(o->output), collect, man));
out_module:
  mlirModuleDestroy(m);
out_finish:
  return mlyDiagFinishBuffer(diag) && ok;
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

/* Parses, emits and writes. Returns the exit code. */
static int translate(const MlyTranslateOptions *o, const MlyTarget *t) {
  int rc = 1;
  bool ok = true;
  const char *name = strcmp(o->input, "-") ? o->input : "<stdin>";
  bytes out = {0}, man = {0};
  char *mpath = NULL;
  const char *mfile = o->manifest;
  if (o->split_marker && mfile) {
    fputs("mly-translate: error: --manifest and --split-input-file do not "
          "go together\n",
          stderr);
    return 1;
  }
  if (!mfile && !o->split_marker && strcmp(o->output, "-") &&
      !(mfile = mpath = manifest_path(o->output))) {
    fputs("mly-translate: error: out of memory\n", stderr);
    return 1;
  }
  FILE *in = strcmp(o->input, "-") ? fopen(o->input, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "mly-translate: error: cannot open input file '%s': %s\n",
            o->input, strerror(errno));
    goto out_path;
  }
  size_t len = 0;
  char *text = read_all(in, &len);
  if (in != stdin)
    fclose(in);
  if (!text) {
    fprintf(stderr, "mly-translate: error: cannot read input file '%s'\n",
            o->input);
    goto out_path;
  }
  MlirContext ctx = mlirContextCreate();
  MlyDiag *diag = mlyDiagCreate(ctx, stderr, false);
  if (!diag)
    goto out_ctx;
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx))) {
    mlyDiagToolError(diag, "the embedded aten/mly dialects did not load");
    goto out_diag;
  }
  if (!o->split_marker) {
    ok = translate_buffer(ctx, diag, o, t, name, text, len, mfile, &out, &man);
  } else {
    /* Chunks keep their line numbers: each is padded with the newlines of
     * the lines before it. */
    const char *end = text + len, *chunk = text;
    long line = 1, chunk_line = 1;
    bool first = true;
    for (const char *p = text; p <= end;) {
      const char *eol = memchr(p, '\n', (size_t)(end - p));
      bool last = !eol;
      if (!eol)
        eol = end;
      bool marker = is_marker_line(p, end, o->split_marker);
      if (marker || last) {
        size_t n = (size_t)((marker ? p : end) - chunk);
        char *c = malloc((size_t)chunk_line + n);
        if (!c) {
          mlyDiagToolError(diag, "out of memory");
          ok = false;
          break;
        }
        memset(c, '\n', (size_t)chunk_line - 1);
        memcpy(c + chunk_line - 1, chunk, n);
        c[chunk_line - 1 + (long)n] = 0;
        if (!first) {
          collect(mlirStringRefCreateFromCString(o->split_marker), &out);
          collect(mlirStringRefCreateFromCString("\n"), &out);
        }
        first = false;
        ok = translate_buffer(ctx, diag, o, t, name, c,
                              (size_t)chunk_line - 1 + n, NULL, &out, &man) &&
             ok;
        free(c);
        chunk = eol + (eol < end);
        chunk_line = line + 1;
      }
      if (last)
        break;
      p = eol + 1;
      ++line;
    }
  }
  if (ok && (out.oom || man.oom)) {
    mlyDiagToolError(diag, "out of memory");
    ok = false;
  }
  /* A manifest only when the module had a host function (or was asked). */
  if (ok && write_file(o->output, &out) &&
      (!mfile || (!man.n && !o->manifest) || write_file(mfile, &man)))
    rc = 0;
out_diag:
  mlyDiagDestroy(diag);
out_ctx:
  mlirContextDestroy(ctx);
  free(text);
out_path:
  free(mpath);
  free(out.p);
  free(man.p);
  return rc;
}

int mlyTranslateMain(const MlyTranslateOptions *o) {
  int rc = 1;
  char err[1024];
  MlyTargetRegistry *r = mlyTargetRegistryCreate();
  if (!r) {
    fputs("mly-translate: error: out of memory\n", stderr);
    return 1;
  }
  for (size_t i = 0; i < o->n_load; ++i)
    if (mlyTargetRegistryLoad(r, o->load[i], err, sizeof err)) {
      fprintf(stderr, "mly-translate: error: %s\n", err);
      goto out;
    }
  if (mlyTargetRegistryLoadDefaults(r, err, sizeof err)) {
    fprintf(stderr, "mly-translate: error: %s\n", err);
    goto out;
  }
  if (o->help_targets) {
    puts("\nTARGETS (loaded):");
    for (size_t i = 0, n = mlyTargetRegistryCount(r); i < n; ++i) {
      const MlyTarget *t = mlyTargetRegistryGet(r, i, NULL);
      printf("  --mlir-to-%-16s %s (%s)\n", t->name, t->description,
             t->file_extension);
    }
    rc = 0;
    goto out;
  }
  if (o->list_targets) {
    puts("Available targets:");
    for (size_t i = 0, n = mlyTargetRegistryCount(r); i < n; ++i) {
      const char *path;
      const MlyTarget *t = mlyTargetRegistryGet(r, i, &path);
      printf("  %-10s %s (%s)  [%s]\n", t->name, t->description,
             t->file_extension, path);
      /* options_help: one option a line, each indented under the name */
      for (const char *h = t->options_help, *first = h; h && *h;) {
        const char *eol = strchr(h, '\n');
        int len = eol ? (int)(eol - h) : (int)strlen(h);
        printf("             %s%.*s\n", h == first ? "options: " : "         ",
               len, h);
        h = eol ? eol + 1 : h + len;
      }
    }
    rc = 0;
    goto out;
  }
  if (!o->target) {
    fputs("mly-translate: error: no target given (--target=<name> or "
          "--mlir-to-<name>); known targets: ",
          stderr);
    list_known(r, stderr);
    fputc('\n', stderr);
    goto out;
  }
  const MlyTarget *t = mlyTargetRegistryLookup(r, o->target);
  if (!t) {
    fprintf(stderr,
            "mly-translate: error: unknown target '%s'; known "
            "targets: ",
            o->target);
    list_known(r, stderr);
    fputc('\n', stderr);
    goto out;
  }
  rc = translate(o, t);
out:
  mlyTargetRegistryDestroy(r);
  return rc;
}
