/* Diagnostic printing and --verify-diagnostics for mly-opt. */
#include "tools/opt/diag.h"

#include <ctype.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { K_ERROR, K_WARNING, K_NOTE, K_REMARK } kind;
static const char *const kind_names[] = {"error", "warning", "note", "remark"};

typedef struct expectation {
  kind k;
  bool regex;
  bool unknown_loc; /* @unknown */
  bool matched;
  long line;        /* line the diagnostic is expected on */
  long at_line, at_col; /* where the comment is, for reports */
  char *text;
} expectation;

struct MlyDiag {
  MlirContext ctx;
  MlirDiagnosticHandlerID id;
  FILE *err;
  bool verify;
  bool failed;    /* a mismatch (verify) */
  bool saw_error; /* an error diagnostic, expected or not */
  const char *name;
  const char *text;
  size_t len;
  expectation *exp;
  size_t n_exp, cap_exp;
};

/* A growing string for messages. */
typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static void sbuf_put(MlirStringRef s, void *user) {
  sbuf *b = user;
  if (b->n + s.length + 1 > b->cap) {
    size_t cap = (b->n + s.length + 1) * 2;
    char *p = realloc(b->p, cap);
    if (!p)
      return; /* drop the chunk: the message is cut, nothing breaks */
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s.data, s.length);
  b->n += s.length;
  b->p[b->n] = 0;
}

/* Finds the file:line:col a location points at: the first one reachable
 * through names, call sites (callee) and fused locations. */
static bool resolve(MlirLocation loc, MlirStringRef *file, long *line,
                    long *col) {
  if (mlirLocationIsAFileLineColRange(loc)) {
    *file = mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(loc));
    *line = mlirLocationFileLineColRangeGetStartLine(loc);
    *col = mlirLocationFileLineColRangeGetStartColumn(loc);
    return true;
  }
  if (mlirLocationIsAName(loc))
    return resolve(mlirLocationNameGetChildLoc(loc), file, line, col);
  if (mlirLocationIsACallSite(loc))
    return resolve(mlirLocationCallSiteGetCallee(loc), file, line, col);
  if (mlirLocationIsAFused(loc)) {
    intptr_t n = mlirLocationFusedGetNumLocations(loc);
    MlirLocation *locs = malloc((size_t)(n ? n : 1) * sizeof *locs);
    bool ok = false;
    if (locs) {
      mlirLocationFusedGetLocations(loc, locs);
      for (intptr_t i = 0; i < n && !ok; ++i)
        ok = resolve(locs[i], file, line, col);
      free(locs);
    }
    return ok;
  }
  return false;
}

/* The parser names its buffer "-" (mlirModuleCreateParse): diagnostics of
 * the parser itself come with that name and mean the current buffer. */
static bool is_parser_buffer(MlirStringRef file) {
  return file.length == 1 && file.data[0] == '-';
}

static bool is_current(const MlyDiag *d, MlirStringRef file) {
  return d->name && strlen(d->name) == file.length &&
         !memcmp(d->name, file.data, file.length);
}

/* Prints line `line` of the current buffer and a caret under `col`. */
static void print_source_line(MlyDiag *d, long line, long col) {
  const char *p = d->text, *end = d->text + d->len;
  for (long l = 1; l < line && p < end; ++p)
    if (*p == '\n')
      ++l;
  if (p >= end)
    return;
  const char *eol = memchr(p, '\n', (size_t)(end - p));
  if (!eol)
    eol = end;
  fprintf(d->err, "%.*s\n", (int)(eol - p), p);
  for (long i = 1; i < col; ++i)
    fputc(i - 1 < eol - p && p[i - 1] == '\t' ? '\t' : ' ', d->err);
  fputs("^\n", d->err);
}

/* `where` names an unresolved location (loc("node") without a file), or is
 * NULL. */
static void print_at(MlyDiag *d, bool located, MlirStringRef file, long line,
                     long col, const char *where, kind k, const char *msg) {
  if (located)
    fprintf(d->err, "%.*s:%ld:%ld: %s: %s\n", (int)file.length, file.data,
            line, col, kind_names[k], msg);
  else if (where && strcmp(where, "loc(unknown)"))
    fprintf(d->err, "%s: %s: %s\n", where, kind_names[k], msg);
  else
    fprintf(d->err, "%s: %s\n", kind_names[k], msg);
  if (located && is_current(d, file))
    print_source_line(d, line, col);
}

static bool text_matches(const expectation *e, const char *msg) {
  if (!e->regex)
    return strstr(msg, e->text) != NULL;
  /* -re: text outside {{...}} is literal, inside is an extended regex. */
  sbuf pat = {0};
  sbuf_put(mlirStringRefCreateFromCString(""), &pat);
  for (const char *p = e->text; *p;) {
    const char *open = strstr(p, "{{");
    const char *lit_end = open ? open : p + strlen(p);
    for (; p < lit_end; ++p) {
      char c[3] = {'\\', *p, 0};
      bool special = strchr(".[]()*+?{}|^$\\", *p) != NULL;
      sbuf_put(mlirStringRefCreate(special ? c : c + 1, special ? 2 : 1), &pat);
    }
    if (!open)
      break;
    const char *close = strstr(open + 2, "}}");
    if (!close)
      close = open + strlen(open);
    sbuf_put(mlirStringRefCreate(open + 2, (size_t)(close - open - 2)), &pat);
    p = *close ? close + 2 : close;
  }
  regex_t re;
  bool ok = false;
  if (pat.p && !regcomp(&re, pat.p, REG_EXTENDED | REG_NOSUB)) {
    ok = !regexec(&re, msg, 0, NULL, 0);
    regfree(&re);
  }
  free(pat.p);
  return ok;
}

static void handle_one(MlyDiag *d, MlirDiagnostic diag) {
  sbuf msg = {0};
  mlirDiagnosticPrint(diag, sbuf_put, &msg);
  const char *text = msg.p ? msg.p : "";
  kind k = K_ERROR;
  switch (mlirDiagnosticGetSeverity(diag)) {
  case MlirDiagnosticError: k = K_ERROR; break;
  case MlirDiagnosticWarning: k = K_WARNING; break;
  case MlirDiagnosticNote: k = K_NOTE; break;
  case MlirDiagnosticRemark: k = K_REMARK; break;
  }
  if (k == K_ERROR)
    d->saw_error = true;
  MlirStringRef file = {"", 0};
  long line = 0, col = 0;
  bool located = resolve(mlirDiagnosticGetLocation(diag), &file, &line, &col);
  if (located && is_parser_buffer(file) && d->name)
    file = mlirStringRefCreateFromCString(d->name);
  sbuf where = {0};
  if (!located)
    mlirLocationPrint(mlirDiagnosticGetLocation(diag), sbuf_put, &where);
  if (!d->verify) {
    print_at(d, located, file, line, col, where.p, k, text);
  } else {
    bool found = false;
    bool here = located && is_current(d, file);
    for (size_t i = 0; i < d->n_exp && !found; ++i) {
      expectation *e = &d->exp[i];
      if (e->matched || e->k != k)
        continue;
      if (e->unknown_loc ? located : (!here || e->line != line))
        continue;
      if (text_matches(e, text))
        found = e->matched = true;
    }
    if (!found) {
      char *m = malloc(strlen(text) + 32);
      if (m) {
        sprintf(m, "unexpected %s: %s", kind_names[k], text);
        print_at(d, located, file, line, col, where.p, K_ERROR, m);
        free(m);
      }
      d->failed = true;
    }
  }
  free(msg.p);
  free(where.p);
  for (intptr_t i = 0, n = mlirDiagnosticGetNumNotes(diag); i < n; ++i)
    handle_one(d, mlirDiagnosticGetNote(diag, i));
}

static MlirLogicalResult handler(MlirDiagnostic diag, void *user) {
  handle_one(user, diag);
  return mlirLogicalResultSuccess();
}

MlyDiag *mlyDiagCreate(MlirContext ctx, FILE *err, bool verify) {
  MlyDiag *d = calloc(1, sizeof *d);
  if (!d)
    return NULL;
  d->ctx = ctx;
  d->err = err;
  d->verify = verify;
  d->id = mlirContextAttachDiagnosticHandler(ctx, handler, d, NULL);
  return d;
}

static void clear_expectations(MlyDiag *d) {
  for (size_t i = 0; i < d->n_exp; ++i)
    free(d->exp[i].text);
  d->n_exp = 0;
}

void mlyDiagDestroy(MlyDiag *d) {
  if (!d)
    return;
  mlirContextDetachDiagnosticHandler(d->ctx, d->id);
  clear_expectations(d);
  free(d->exp);
  free(d);
}

static expectation *add_expectation(MlyDiag *d) {
  if (d->n_exp == d->cap_exp) {
    size_t cap = d->cap_exp ? 2 * d->cap_exp : 16;
    expectation *p = realloc(d->exp, cap * sizeof *p);
    if (!p)
      return NULL;
    d->exp = p;
    d->cap_exp = cap;
  }
  expectation *e = &d->exp[d->n_exp++];
  memset(e, 0, sizeof *e);
  return e;
}

/* Parses the expected-* designators on one line [p, eol). Returns -1 on a
 * malformed one, else the number found. `pending_below` collects @below
 * ones (indices) until a line without designators resolves them. */
static int parse_line(MlyDiag *d, const char *p, const char *eol, long line,
                      long last_plain, size_t *below, size_t *n_below) {
  int found = 0;
  for (const char *s = p; s < eol;) {
    const char *at = NULL;
    for (const char *q = s; q + 9 <= eol; ++q)
      if (!memcmp(q, "expected-", 9)) {
        at = q;
        break;
      }
    if (!at)
      break;
    const char *q = at + 9;
    int k = -1;
    for (int i = 0; i < 4; ++i) {
      size_t n = strlen(kind_names[i]);
      if ((size_t)(eol - q) >= n && !memcmp(q, kind_names[i], n)) {
        k = i;
        q += n;
        break;
      }
    }
    if (k < 0) {
      s = q;
      continue;
    }
    bool regex = false;
    if (eol - q >= 3 && !memcmp(q, "-re", 3)) {
      regex = true;
      q += 3;
    }
    long target = line;
    bool is_below = false, unknown = false;
    while (q < eol && *q == ' ')
      ++q;
    if (q >= eol || (*q != '@' && *q != '{')) {
      s = q; /* prose that mentions expected-error, not a designator */
      continue;
    }
    if (q < eol && *q == '@') {
      ++q;
      if (eol - q >= 5 && !memcmp(q, "above", 5)) {
        target = last_plain;
        q += 5;
      } else if (eol - q >= 5 && !memcmp(q, "below", 5)) {
        is_below = true;
        q += 5;
      } else if (eol - q >= 7 && !memcmp(q, "unknown", 7)) {
        unknown = true;
        q += 7;
      } else if (q < eol && (*q == '+' || *q == '-')) {
        char sign = *q++;
        long off = 0;
        if (q >= eol || !isdigit((unsigned char)*q))
          goto malformed;
        while (q < eol && isdigit((unsigned char)*q))
          off = off * 10 + (*q++ - '0');
        target = sign == '+' ? line + off : line - off;
      } else {
        goto malformed;
      }
    }
    while (q < eol && *q == ' ')
      ++q;
    if (eol - q < 4 || memcmp(q, "{{", 2))
      goto malformed;
    const char *close = NULL;
    for (const char *c = eol - 2; c >= q + 2; --c)
      if (!memcmp(c, "}}", 2)) {
        close = c;
        break;
      }
    if (!close)
      goto malformed;
    expectation *e = add_expectation(d);
    if (!e || !(e->text = malloc((size_t)(close - q - 1))))
      return -1;
    memcpy(e->text, q + 2, (size_t)(close - q - 2));
    e->text[close - q - 2] = 0;
    e->k = (kind)k;
    e->regex = regex;
    e->unknown_loc = unknown;
    e->line = target;
    e->at_line = line;
    e->at_col = at - p + 1;
    if (is_below)
      below[(*n_below)++] = d->n_exp - 1;
    ++found;
    s = close + 2;
    continue;
  malformed:
    fprintf(d->err, "%s:%ld:%ld: error: malformed expected-%s designator\n",
            d->name, line, (long)(at - p + 1), kind_names[k]);
    return -1;
  }
  return found;
}

bool mlyDiagSetBuffer(MlyDiag *d, const char *name, const char *text,
                      size_t len) {
  d->name = name;
  d->text = text;
  d->len = len;
  d->saw_error = false;
  clear_expectations(d);
  if (!d->verify)
    return true;
  size_t *below = NULL, n_below = 0;
  long line = 1, last_plain = 0;
  bool ok = true;
  for (const char *p = text, *end = text + len; p < end; ++line) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    /* At most one @below per designator char; bound the pending list by
     * the line's length. */
    size_t *nb = realloc(below, (n_below + (size_t)(eol - p) / 9 + 1) * sizeof *nb);
    if (!nb) {
      ok = false;
      break;
    }
    below = nb;
    int found = parse_line(d, p, eol, line, last_plain, below, &n_below);
    if (found < 0) {
      ok = false;
      break;
    }
    if (found == 0 && eol > p) {
      last_plain = line;
      for (size_t i = 0; i < n_below; ++i)
        d->exp[below[i]].line = line;
      n_below = 0;
    }
    p = eol + 1;
  }
  free(below);
  if (!ok)
    d->failed = true;
  return ok;
}

bool mlyDiagSawError(const MlyDiag *d) { return d->saw_error; }

bool mlyDiagFinishBuffer(MlyDiag *d) {
  bool ok = !d->failed;
  if (d->verify) {
    for (size_t i = 0; i < d->n_exp; ++i) {
      expectation *e = &d->exp[i];
      if (e->matched)
        continue;
      char *m = malloc(strlen(e->text) + 64);
      if (m) {
        sprintf(m, "expected %s \"%s\" was not produced", kind_names[e->k],
                e->text);
        print_at(d, true, mlirStringRefCreateFromCString(d->name), e->at_line,
                 e->at_col, NULL, K_ERROR, m);
        free(m);
      }
      ok = false;
    }
  } else {
    ok = ok && !d->saw_error;
  }
  clear_expectations(d);
  d->failed = false;
  return ok;
}

void mlyDiagToolError(MlyDiag *d, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fprintf(d->err, "error: %s\n", msg);
  d->saw_error = true;
  if (d->verify)
    d->failed = true;
}
