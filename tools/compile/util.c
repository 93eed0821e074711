/* tools/compile helpers: strings, files, IR printing, the report's input
 * summary and the kernel graph (see compile_util.h). */
#include "tools/compile/compile_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/torch_export/torch_export.h"

void mlyBufAppend(MlyBuf *b, const char *s, size_t len) {
  if (b->oom)
    return;
  if (b->n + len + 1 > b->cap) {
    size_t cap = 2 * (b->n + len + 1) + 256;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, len);
  b->n += len;
  b->p[b->n] = 0;
}

void mlyBufCallback(MlirStringRef s, void *user) {
  mlyBufAppend(user, s.data, s.length);
}

bool mlyWriteFile(const char *path, const char *data, size_t len) {
  bool ok = false;
  FILE *f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
  if (!f)
    goto out;
  ok = fwrite(data, 1, len, f) == len;
  if (f != stdout)
    ok = !fclose(f) && ok;
  else
    ok = !fflush(f) && ok;
out:
  if (!ok)
    fprintf(stderr, "mly-compile: error: cannot write '%s': %s\n", path,
            strerror(errno));
  return ok;
}

char *mlyPrintOp(MlirOperation op, bool debuginfo) {
  MlyBuf b = {0};
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  if (debuginfo)
    mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
  mlirOperationPrintWithFlags(op, flags, mlyBufCallback, &b);
  mlirOpPrintingFlagsDestroy(flags);
  mlyBufAppend(&b, "\n", 1);
  if (b.oom) {
    free(b.p);
    return NULL;
  }
  return b.p;
}

/* ---- The input summary ------------------------------------------------ */

/* Collects the supported targets "aten.add.Tensor" from mly-import's list
 * of lines "aten.add.Tensor -> aten.add\n" into a json object (a set). */
static void collect_supported(MlirStringRef s, void *user) {
  const char *sp = memchr(s.data, ' ', s.length);
  if (!sp)
    return;
  char name[256];
  size_t n = (size_t)(sp - s.data);
  if (n >= sizeof name)
    return;
  memcpy(name, s.data, n);
  name[n] = 0;
  json_object_set_new(user, name, json_true());
}

json_t *mlyCompileInputSummary(const char *path) {
  json_error_t jerr;
  json_t *root = json_load_file(path, 0, &jerr), *out = NULL;
  json_t *supported = json_object(), *aten = json_object(),
         *other = json_object(), *unsupported = json_array();
  if (!root) {
    if (jerr.line > 0)
      fprintf(stderr, "mly-compile: error: %s:%d: %s\n", path, jerr.line,
              jerr.text);
    else
      fprintf(stderr, "mly-compile: error: %s\n", jerr.text);
    goto out;
  }
  mlyTorchExportPrintOps(collect_supported, supported);
  json_int_t count = 0;
  json_t *nodes = json_object_get(
      json_object_get(json_object_get(root, "graph_module"), "graph"), "nodes");
  size_t i;
  json_t *node;
  json_array_foreach(nodes, i, node) {
    const char *t = json_string_value(json_object_get(node, "target"));
    if (!t)
      continue;
    const char *prefix = "torch.ops.";
    if (!strncmp(t, prefix, strlen(prefix)) &&
        !strncmp(t + strlen(prefix), "aten.", 5)) {
      const char *name = t + strlen(prefix);
      json_t *c = json_object_get(aten, name);
      json_object_set_new(aten, name,
                          json_integer(c ? json_integer_value(c) + 1 : 1));
      ++count;
      /* mly-import lists ".default" overloads without the suffix. */
      char key[256];
      snprintf(key, sizeof key, "%s", name);
      size_t n = strlen(key);
      if (n > 8 && !strcmp(key + n - 8, ".default"))
        key[n - 8] = 0;
      bool handled = !strcmp(key, "aten._assert_tensor_metadata");
      if (!handled && !json_object_get(supported, key) &&
          !json_object_get(supported, name)) {
        bool seen = false;
        size_t k;
        json_t *u;
        json_array_foreach(unsupported, k, u) seen |=
            !strcmp(json_string_value(u), name);
        if (!seen)
          json_array_append_new(unsupported, json_string(name));
      }
    } else {
      json_t *c = json_object_get(other, t);
      json_object_set_new(other, t,
                          json_integer(c ? json_integer_value(c) + 1 : 1));
    }
  }
  json_t *sv = json_object_get(root, "schema_version");
  char version[64] = "unknown";
  if (json_is_object(sv))
    snprintf(version, sizeof version,
             "%" JSON_INTEGER_FORMAT ".%" JSON_INTEGER_FORMAT,
             json_integer_value(json_object_get(sv, "major")),
             json_integer_value(json_object_get(sv, "minor")));
  out = json_pack("{s:s, s:s, s:O, s:I, s:O, s:O}", "model", path,
                  "schema_version", version, "aten_ops", aten, "aten_op_count",
                  count, "other_ops", other, "unsupported", unsupported);
out:
  json_decref(root);
  json_decref(supported);
  json_decref(aten);
  json_decref(other);
  json_decref(unsupported);
  return out;
}

/* ---- The kernel graph ------------------------------------------------- */

static void dot_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; ++s) {
    if (*s == '"' || *s == '\\')
      fputc('\\', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

/* "tmp_0: intermediate f32[2x16] 128 B" */
static void buffer_label(json_t *b, char *out, size_t n) {
  char shape[128] = "";
  size_t k, len = 0;
  json_t *d;
  json_array_foreach(json_object_get(b, "shape"), k, d) {
    int w = snprintf(shape + len, sizeof shape - len, "%s%" JSON_INTEGER_FORMAT,
                     k ? "x" : "", json_integer_value(d));
    if (w < 0 || (size_t)w >= sizeof shape - len)
      break;
    len += (size_t)w;
  }
  const char *name = json_string_value(json_object_get(b, "buffer"));
  if (!name)
    name = json_string_value(json_object_get(b, "name"));
  snprintf(out, n, "%s: %s %s[%s] %" JSON_INTEGER_FORMAT " B",
           name ? name : "?", json_string_value(json_object_get(b, "role")),
           json_string_value(json_object_get(b, "dtype")), shape,
           json_integer_value(json_object_get(b, "bytes")));
}

/* The node that provides a buffer nobody wrote yet: its role's source. */
static const char *source_node(const char *role) {
  if (!strcmp(role, "weight"))
    return "weights";
  if (!strcmp(role, "constant"))
    return "constants";
  if (!strcmp(role, "input"))
    return "inputs";
  return "uninitialized";
}

bool mlyCompileWriteDot(json_t *manifest, const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "mly-compile: error: cannot write '%s': %s\n", path,
            strerror(errno));
    return false;
  }
  json_t *kernels = json_object_get(manifest, "kernels");
  json_t *writer = json_object(); /* buffer name -> node id of its writer */
  fputs("digraph kernels {\n  rankdir=TB;\n  node [shape=box];\n", f);
  fputs("  inputs [shape=ellipse];\n  weights [shape=ellipse];\n"
        "  constants [shape=ellipse];\n  outputs [shape=ellipse];\n",
        f);
  size_t i;
  json_t *k;
  json_array_foreach(kernels, i, k) {
    json_t *g = json_object_get(k, "grid"),
           *t = json_object_get(k, "threadgroup");
    char label[512];
    snprintf(label, sizeof label,
             "%s\\n%s grid %" JSON_INTEGER_FORMAT "x%" JSON_INTEGER_FORMAT
             "x%" JSON_INTEGER_FORMAT " x %" JSON_INTEGER_FORMAT
             "x%" JSON_INTEGER_FORMAT "x%" JSON_INTEGER_FORMAT,
             json_string_value(json_object_get(k, "name")),
             json_string_value(json_object_get(k, "kind")),
             json_integer_value(json_array_get(g, 0)),
             json_integer_value(json_array_get(g, 1)),
             json_integer_value(json_array_get(g, 2)),
             json_integer_value(json_array_get(t, 0)),
             json_integer_value(json_array_get(t, 1)),
             json_integer_value(json_array_get(t, 2)));
    fprintf(f, "  k%zu [label=\"%s\"];\n", i, label);
  }
  json_array_foreach(kernels, i, k) {
    char self[32];
    snprintf(self, sizeof self, "k%zu", i);
    size_t j;
    json_t *b;
    json_array_foreach(json_object_get(k, "bindings"), j, b) {
      const char *acc = json_string_value(json_object_get(b, "access"));
      const char *name = json_string_value(json_object_get(b, "buffer"));
      const char *role = json_string_value(json_object_get(b, "role"));
      if (!acc || !name || !role || !strcmp(acc, "write"))
        continue;
      const char *from = json_string_value(json_object_get(writer, name));
      char label[256];
      buffer_label(b, label, sizeof label);
      fprintf(f, "  %s -> %s [label=", from ? from : source_node(role), self);
      dot_str(f, label);
      fputs("];\n", f);
    }
    json_array_foreach(json_object_get(k, "bindings"), j, b) {
      const char *acc = json_string_value(json_object_get(b, "access"));
      const char *name = json_string_value(json_object_get(b, "buffer"));
      if (acc && name && strcmp(acc, "read"))
        json_object_set_new(writer, name, json_string(self));
    }
  }
  json_t *b;
  json_array_foreach(json_object_get(manifest, "buffers"), i, b) {
    const char *role = json_string_value(json_object_get(b, "role"));
    const char *name = json_string_value(json_object_get(b, "name"));
    if (!role || !name || strcmp(role, "output"))
      continue;
    const char *from = json_string_value(json_object_get(writer, name));
    char label[256];
    buffer_label(b, label, sizeof label);
    fprintf(f, "  %s -> outputs [label=", from ? from : source_node(role));
    dot_str(f, label);
    fputs("];\n", f);
  }
  fputs("}\n", f);
  json_decref(writer);
  if (fclose(f)) {
    fprintf(stderr, "mly-compile: error: cannot write '%s'\n", path);
    return false;
  }
  return true;
}
