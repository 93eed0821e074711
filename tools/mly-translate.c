/* mly-translate: emits the kernels of a host module through a target
 * plugin (msl, ...) and its launch manifest. Parses options and calls the
 * driver in tools/translate. */
#define _POSIX_C_SOURCE 200809L /* strndup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/translate/mly_translate.h"

static void usage(FILE *f) {
  fputs(
      "OVERVIEW: mly translation driver: GPU kernels of a host module, "
      "through\n"
      "target plugins\n"
      "\n"
      "USAGE: mly-translate [options] [input file]   (default input: stdin)\n"
      "\n"
      "OPTIONS:\n"
      "  --mlir-to-<name>           Translate with target <name> (e.g.\n"
      "                             --mlir-to-msl), for every loaded target\n"
      "  --target=<name>            The same\n"
      "  -o <file>                  Output file (default: stdout)\n"
      "  --manifest=<file>          Write the launch manifest (JSON) there;\n"
      "                             with -o, it goes beside the output by\n"
      "                             default (out.metal: out.manifest.json)\n"
      "                             when the module has a host function\n"
      "  --split-input-file[=<marker>]\n"
      "                             Split the input at '// -----' lines and\n"
      "                             translate each chunk on its own (no\n"
      "                             manifest)\n"
      "  --target-option=<k>=<v>    Pass an option to the target (repeatable)\n"
      "  --load-target=<path>       Load a target plugin (repeatable; a\n"
      "                             relative path is taken from the working\n"
      "                             directory). Plugins are also loaded from\n"
      "                             MLY_TARGET_PATH's directories and from\n"
      "                             ../lib/mly/targets beside this tool\n"
      "  --list-targets             List the loaded targets\n"
      "  --help                     Show this help\n"
      "  --version                  Show the version\n",
      f);
}

static const char *value_of(const char *arg, const char *name) {
  size_t n = strlen(name);
  return !strncmp(arg, name, n) && arg[n] == '=' ? arg + n + 1 : NULL;
}

int main(int argc, char **argv) {
  MlyTranslateOptions o = {.input = "-", .output = "-"};
  const char **load = calloc((size_t)argc, sizeof *load);
  const char **keys = calloc((size_t)argc, sizeof *keys);
  const char **values = calloc((size_t)argc, sizeof *values);
  char **owned = calloc((size_t)argc, sizeof *owned);
  size_t n_owned = 0;
  int rc = 1;
  bool have_input = false, help = false;
  if (!load || !keys || !values || !owned) {
    fputs("mly-translate: out of memory\n", stderr);
    goto out;
  }
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    if (a[0] != '-' || !a[1]) {
      if (have_input) {
        fprintf(stderr,
                "mly-translate: too many positional arguments: "
                "'%s'\n",
                a);
        goto out;
      }
      o.input = a;
      have_input = true;
      continue;
    }
    a += a[1] == '-' ? 2 : 1;
    const char *target = NULL;
    if (!strcmp(a, "help") || !strcmp(a, "h")) {
      help = true; /* after the other flags: --load-target counts */
    } else if (!strcmp(a, "version")) {
      puts("mly-translate (mly) " MLY_VERSION);
      rc = 0;
      goto out;
    } else if (!strcmp(a, "list-targets")) {
      o.list_targets = true;
    } else if (!strcmp(a, "o")) {
      if (++i == argc) {
        fputs("mly-translate: option '-o' requires a file name\n", stderr);
        goto out;
      }
      o.output = argv[i];
    } else if ((v = value_of(a, "o"))) {
      o.output = v;
    } else if (!strcmp(a, "split-input-file")) {
      o.split_marker = "// -----";
    } else if ((v = value_of(a, "split-input-file"))) {
      o.split_marker = v;
    } else if ((v = value_of(a, "manifest"))) {
      o.manifest = v;
    } else if ((v = value_of(a, "load-target"))) {
      load[o.n_load++] = v;
    } else if ((v = value_of(a, "target-option"))) {
      const char *eq = strchr(v, '=');
      if (!eq || eq == v) {
        fprintf(stderr,
                "mly-translate: --target-option wants 'key=value', "
                "got '%s'\n",
                v);
        goto out;
      }
      char *k = strndup(v, (size_t)(eq - v));
      if (!k)
        goto out;
      owned[n_owned++] = k;
      keys[o.n_options] = k;
      values[o.n_options++] = eq + 1;
    } else if ((v = value_of(a, "target"))) {
      target = v;
    } else if (!strncmp(a, "mlir-to-", 8) && a[8]) {
      target = a + 8;
    } else {
      fprintf(stderr, "mly-translate: unknown option '%s' (see --help)\n",
              argv[i]);
      goto out;
    }
    if (target) {
      if (o.target && strcmp(o.target, target)) {
        fprintf(stderr, "mly-translate: two targets given: '%s' and '%s'\n",
                o.target, target);
        goto out;
      }
      o.target = target;
    }
  }
  if (help) {
    usage(stdout);
    o.help_targets = true;
  }
  o.load = load;
  o.option_keys = keys;
  o.option_values = values;
  rc = mlyTranslateMain(&o);
out:
  for (size_t i = 0; i < n_owned; ++i)
    free(owned[i]);
  free(owned);
  free(values);
  free(keys);
  free(load);
  return rc;
}
