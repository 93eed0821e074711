/* Parsing .mlir text with a nesting limit (see mly_dialects.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"

/* Scans text for brackets nested deeper than `max` outside string
 * literals and comments; returns true with the 1-based line and column of
 * the first bracket past the limit. '>' of '->' closes nothing. */
static bool too_deep(const char *text, size_t len, int max, long *line,
                     long *col) {
  long l = 1, c = 0;
  int depth = 0;
  bool str = false;
  for (size_t i = 0; i < len; ++i) {
    char ch = text[i];
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
    } else if (ch == '(' || ch == '[' || ch == '{' || ch == '<') {
      if (++depth > max) {
        *line = l, *col = c;
        return true;
      }
    } else if ((ch == ')' || ch == ']' || ch == '}' ||
                (ch == '>' && !(i && text[i - 1] == '-'))) &&
               depth > 0) {
      --depth;
    }
  }
  return false;
}

/* Emits the nesting error at line:col of buffer `name`. */
static void nesting_error(MlirContext ctx, const char *name, long line,
                          long col) {
  MlirLocation loc = mlirLocationFileLineColGet(
      ctx, mlirStringRefCreateFromCString(name), (unsigned)line,
      (unsigned)col);
  char msg[128];
  snprintf(msg, sizeof msg,
           "brackets nested deeper than %d levels; refused before parsing",
           MLY_MAX_NESTING);
  mlirEmitError(loc, msg);
}

MlirModule mlyModuleParse(MlirContext ctx, const char *name, const char *text,
                          size_t len) {
  long line, col;
  if (too_deep(text, len, MLY_MAX_NESTING, &line, &col)) {
    nesting_error(ctx, name, line, col);
    return (MlirModule){NULL};
  }
  return mlirModuleCreateParse(ctx, mlirStringRefCreate(text, len));
}

MlirModule mlyModuleParseFile(MlirContext ctx, const char *path) {
  MlirModule m = {NULL};
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  size_t len = 0, cap = 0;
  long line, col;
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
  if (too_deep(text, len, MLY_MAX_NESTING, &line, &col))
    nesting_error(ctx, path, line, col);
  else
    m = mlirModuleCreateParseFromFile(ctx,
                                      mlirStringRefCreateFromCString(path));
out_close:
  fclose(f);
out:
  free(text);
  return m;
}
