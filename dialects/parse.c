/* Parsing .mlir text with a nesting limit and a byte check (see
 * mly_dialects.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"

static bool ident_char(unsigned char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
         (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '$';
}

static size_t skip_space(const char *t, size_t len, size_t j) {
  while (j < len &&
         (t[j] == ' ' || t[j] == '\t' || t[j] == '\r' || t[j] == '\n'))
    ++j;
  return j;
}

/* Whether t[j..] is "= [" integers separated by commas "]". */
static bool int_list_at(const char *t, size_t len, size_t j) {
  j = skip_space(t, len, j);
  if (j >= len || t[j] != '=')
    return false;
  j = skip_space(t, len, j + 1);
  if (j >= len || t[j] != '[')
    return false;
  j = skip_space(t, len, j + 1);
  if (j < len && t[j] == ']')
    return true;
  for (;;) {
    if (j < len && t[j] == '-')
      ++j;
    size_t d = j;
    while (j < len && t[j] >= '0' && t[j] <= '9')
      ++j;
    if (j == d)
      return false;
    j = skip_space(t, len, j);
    if (j < len && t[j] == ']')
      return true;
    if (j >= len || t[j] != ',')
      return false;
    j = skip_space(t, len, j + 1);
  }
}

/* MLIR 22's custom parsers of linalg.transpose, linalg.broadcast and
 * linalg.reduce store the integer list after `permutation =` or
 * `dimensions =` without checking that it parsed, and crash on a
 * malformed one: the keyword each op's list follows. */
static const char *linalg_list_keyword(const char *w, size_t n) {
  if (n == 16 && !strncmp(w, "linalg.transpose", n))
    return "permutation";
  if ((n == 16 && !strncmp(w, "linalg.broadcast", n)) ||
      (n == 13 && !strncmp(w, "linalg.reduce", n)))
    return "dimensions";
  return NULL;
}

/* Scans text for what is refused before parsing, outside string literals
 * and comments: brackets nested deeper than `max` ('>' of '->' closes
 * nothing); bytes MLIR's lexer rejects anyway (control characters other
 * than tab, newline and carriage return; bytes past ASCII), which reach
 * some dialects' custom parsers as a failure they do not check; and a
 * malformed integer list of linalg.transpose, linalg.broadcast or
 * linalg.reduce (see linalg_list_keyword). Returns a message, with the
 * 1-based line and column, or NULL. */
static const char *prescan(const char *text, size_t len, int max, long *line,
                           long *col, char *msg, size_t n) {
  long l = 1, c = 0;
  int depth = 0;
  bool str = false;
  const char *want = NULL; /* the list keyword of the last linalg op */
  for (size_t i = 0; i < len; ++i) {
    unsigned char ch = (unsigned char)text[i];
    ++c;
    if (ch == '\n') {
      ++l, c = 0;
      continue;
    }
    if (str) {
      if (ch == '\\' && i + 1 < len && text[i + 1] != '\n')
        ++i, ++c;
      else if (ch == '"')
        str = false;
      continue;
    }
    if (ch == '"') {
      str = true;
    } else if (ch == '/' && i + 1 < len && text[i + 1] == '/') {
      while (i + 1 < len && text[i + 1] != '\n')
        ++i;
    } else if (ident_char(ch) && ch != '.' && !(i && ident_char(text[i - 1]))) {
      size_t w = i;
      while (w < len && ident_char((unsigned char)text[w]))
        ++w;
      const char *kw = linalg_list_keyword(text + i, w - i);
      if (kw) {
        want = kw;
      } else if (want && w - i == strlen(want) &&
                 !strncmp(text + i, want, w - i)) {
        if (!int_list_at(text, len, w)) {
          *line = l, *col = c;
          snprintf(msg, n,
                   "'%s' needs '= [' integers ']'; refused before parsing "
                   "(MLIR's linalg parser does not survive it)",
                   want);
          return msg;
        }
        want = NULL;
      }
      c += (long)(w - i) - 1;
      i = w - 1;
    } else if ((ch < 32 && ch != '\t' && ch != '\r') || ch >= 127) {
      *line = l, *col = c;
      snprintf(msg, n,
               "unexpected byte 0x%02x outside a string or comment; refused "
               "before parsing",
               ch);
      return msg;
    } else if (ch == '(' || ch == '[' || ch == '{' || ch == '<') {
      if (++depth > max) {
        *line = l, *col = c;
        snprintf(msg, n,
                 "brackets nested deeper than %d levels; refused before "
                 "parsing",
                 max);
        return msg;
      }
    } else if ((ch == ')' || ch == ']' || ch == '}' ||
                (ch == '>' && !(i && text[i - 1] == '-'))) &&
               depth > 0) {
      --depth;
    }
  }
  return NULL;
}

/* Emits `msg` at line:col of buffer `name`. */
static void prescan_error(MlirContext ctx, const char *name, long line,
                          long col, const char *msg) {
  MlirLocation loc = mlirLocationFileLineColGet(
      ctx, mlirStringRefCreateFromCString(name), (unsigned)line,
      (unsigned)col);
  mlirEmitError(loc, msg);
}

MlirModule mlyModuleParse(MlirContext ctx, const char *name, const char *text,
                          size_t len) {
  long line, col;
  char msg[128];
  if (prescan(text, len, MLY_MAX_NESTING, &line, &col, msg, sizeof msg)) {
    prescan_error(ctx, name, line, col, msg);
    return (MlirModule){NULL};
  }
  /* MLIR's lexer reads up to a NUL after the text: parse a copy that has
   * one rather than trust that the caller's buffer does */
  char *copy = malloc(len + 1);
  if (!copy) {
    mlirEmitError(mlirLocationUnknownGet(ctx), "out of memory");
    return (MlirModule){NULL};
  }
  memcpy(copy, text, len);
  copy[len] = 0;
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreate(copy, len));
  free(copy);
  return m;
}

MlirModule mlyModuleParseFile(MlirContext ctx, const char *path) {
  MlirModule m = {NULL};
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  size_t len = 0, cap = 0;
  long line, col;
  char msg[128];
  if (!f)
    goto out;
  for (;;) {
    if (len == cap) {
      cap = cap ? 2 * cap : 65536;
      char *p = realloc(text, cap);
      if (!p)
        goto out_close;
      text = p;
    }
    size_t n = fread(text + len, 1, cap - len, f);
    len += n;
    if (n == 0)
      break;
  }
  if (ferror(f))
    goto out_close;
  /* the parser reads the file itself so that its diagnostics name it */
  if (prescan(text, len, MLY_MAX_NESTING, &line, &col, msg, sizeof msg))
    prescan_error(ctx, path, line, col, msg);
  else
    m = mlirModuleCreateParseFromFile(ctx,
                                      mlirStringRefCreateFromCString(path));
out_close:
  fclose(f);
out:
  free(text);
  return m;
}
