/* A recursive-descent parser for pass pipelines (see pipeline.h). */
#include "tools/opt/pipeline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/passes.h"
#include "transforms/mly_transforms.h"

typedef struct parser {
  const char *start, *p;
  bool verify_each;
  char *err;
  size_t err_size;
} parser;

static bool fail(parser *ps, const char *at, const char *msg) {
  snprintf(ps->err, ps->err_size, "%ld: %s", (long)(at - ps->start) + 1, msg);
  return false;
}

static void skip_ws(parser *ps) {
  while (isspace((unsigned char)*ps->p))
    ++ps->p;
}

static bool is_name_char(char c) {
  return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

struct msg_buf {
  char *p;
  size_t size, n;
};

static void collect(MlirStringRef s, void *user) {
  struct msg_buf *b = user;
  size_t k = s.length < b->size - b->n - 1 ? s.length : b->size - b->n - 1;
  memcpy(b->p + b->n, s.data, k);
  b->n += k;
  b->p[b->n] = 0;
}

static void add_verify(parser *ps, MlirOpPassManager pm) {
  if (ps->verify_each)
    mlirOpPassManagerAddOwnedPass(pm, mlyCreateVerifyPass());
}

static bool parse_elements(parser *ps, MlirOpPassManager pm);

/* One element: a pass with optional {options}, or op.name(elements). */
static bool parse_element(parser *ps, MlirOpPassManager pm) {
  skip_ws(ps);
  const char *name = ps->p;
  while (is_name_char(*ps->p))
    ++ps->p;
  size_t len = (size_t)(ps->p - name);
  if (!len)
    return fail(ps, name, "expected a pass or an op name");
  skip_ws(ps);
  if (*ps->p == '(') {
    if (len == 3 && !memcmp(name, "any", 3))
      return fail(ps, name, "'any' nesting is not supported; name the op");
    char op[128];
    if (len >= sizeof op)
      return fail(ps, name, "op name too long");
    memcpy(op, name, len);
    op[len] = 0;
    ++ps->p;
    MlirOpPassManager nested =
        mlirOpPassManagerGetNestedUnder(pm, mlirStringRefCreate(op, len));
    skip_ws(ps);
    if (*ps->p != ')' && !parse_elements(ps, nested))
      return false;
    skip_ws(ps);
    if (*ps->p != ')')
      return fail(ps, ps->p, "expected ')' to close the nested pipeline");
    ++ps->p;
    return true;
  }
  const char *opts = NULL;
  size_t opts_len = 0;
  if (*ps->p == '{') {
    int depth = 0;
    opts = ps->p;
    do {
      if (*ps->p == '{')
        ++depth;
      else if (*ps->p == '}')
        --depth;
      else if (!*ps->p)
        return fail(ps, opts, "unterminated '{' of pass options");
      ++ps->p;
    } while (depth);
    opts_len = (size_t)(ps->p - opts);
  }
  const MlyPassInfo *info = mlyPassRegistryLookup(name, len);
  if (info) {
    if (opts && opts_len > 2) {
      char m[160];
      snprintf(m, sizeof m, "pass '%s' takes no options", info->argument);
      return fail(ps, opts, m);
    }
    mlirOpPassManagerAddOwnedPass(pm, info->create());
    if (strcmp(info->argument, "mly-verify"))
      add_verify(ps, pm);
    return true;
  }
  /* Upstream: MLIR parses the name and options. */
  size_t n = len + opts_len;
  char *elem = malloc(n + 1);
  if (!elem)
    return fail(ps, name, "out of memory");
  memcpy(elem, name, n);
  elem[n] = 0;
  char msg[512] = "";
  struct msg_buf b = {msg, sizeof msg, 0};
  MlirLogicalResult rc = mlirOpPassManagerAddPipeline(
      pm, mlirStringRefCreate(elem, n), collect, &b);
  free(elem);
  if (mlirLogicalResultIsFailure(rc)) {
    /* MLIR's message has its own "MLIR Textual PassPipeline Parser:1:1:
     * error:" prefix; keep what follows it. */
    const char *m = strstr(msg, "error: ");
    m = m ? m + 7 : msg;
    char *nl = strchr(m, '\n');
    if (nl)
      *nl = 0;
    return fail(ps, name, *m ? m : "invalid pass");
  }
  add_verify(ps, pm);
  return true;
}

static bool parse_elements(parser *ps, MlirOpPassManager pm) {
  for (;;) {
    if (!parse_element(ps, pm))
      return false;
    skip_ws(ps);
    if (*ps->p != ',')
      return true;
    ++ps->p;
  }
}

bool mlyPipelineAdd(MlirOpPassManager pm, const char *text, bool verify_each,
                    char *err, size_t err_size) {
  parser ps = {text, text, verify_each, err, err_size};
  skip_ws(&ps);
  if (!*ps.p)
    return true;
  if (!parse_elements(&ps, pm))
    return false;
  skip_ws(&ps);
  if (*ps.p)
    return fail(&ps, ps.p, "expected ',' or the end of the pipeline");
  return true;
}

bool mlyPipelineAddAnchored(MlirOpPassManager pm, const char *text,
                            bool verify_each, char *err, size_t err_size) {
  parser ps = {text, text, verify_each, err, err_size};
  skip_ws(&ps);
  const char *name = ps.p;
  while (is_name_char(*ps.p))
    ++ps.p;
  size_t len = (size_t)(ps.p - name);
  if (!((len == 14 && !memcmp(name, "builtin.module", 14)) ||
        (len == 3 && !memcmp(name, "any", 3))))
    return fail(&ps, name,
                "the pipeline must be anchored on 'builtin.module', as in "
                "builtin.module(mly-cse,canonicalize)");
  skip_ws(&ps);
  if (*ps.p != '(')
    return fail(&ps, ps.p, "expected '(' after the anchor op name");
  ++ps.p;
  skip_ws(&ps);
  if (*ps.p != ')' && !parse_elements(&ps, pm))
    return false;
  skip_ws(&ps);
  if (*ps.p != ')')
    return fail(&ps, ps.p, "expected ')' to close the pipeline");
  ++ps.p;
  skip_ws(&ps);
  if (*ps.p)
    return fail(&ps, ps.p, "unexpected text after the pipeline");
  return true;
}
