/* Parsing .mlir text with a nesting limit and a byte check (see
 * mly_dialects.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"

/* Scans text for what is refused before parsing, outside string literals
 * and comments: brackets nested deeper than `max` ('>' of '->' closes
 * nothing), and bytes MLIR's lexer rejects anyway (control characters
 * other than tab, newline and carriage return; bytes past ASCII), which
 * reach some dialects' custom parsers as a failure they do not check (an
 * upstream crash in linalg.transpose's). Returns a message, with the
 * 1-based line and column, or NULL. */
static const char *prescan(const char *text, size_t len, int max, long *line,
                           long *col, char *msg, size_t n) {
  long l = 1, c = 0;
  int depth = 0;
  bool str = false;
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
