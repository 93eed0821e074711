/* mly-compile: a torch.export model to a folder of compiled artifacts that
 * `mly-run OUT/` runs. Parses options and calls the driver in
 * tools/compile. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/compile/mly_compile.h"

static void usage(FILE *f) {
  fputs(
      "OVERVIEW: compile a torch.export model (ExportedProgram JSON) for the\n"
      "GPU targets and the CPU: import, optimize, bounds, precision,\n"
      "verification, memory plan, GPU lowering, targets\n"
      "\n"
      "USAGE: mly-compile model.json [--weights W.safetensors] -o OUT/ "
      "[options]\n"
      "\n"
      "OUTPUT (in OUT/): model.host.mlir (host program + gpu.module),\n"
      "model.<ext> per GPU target (model.metal, model.hip, model.spv, ...),\n"
      "model.manifest.json (launches and buffers), model.mly.mlir (cpu),\n"
      "weights.safetensors (a copy of --weights)\n"
      "\n"
      "OPTIONS:\n"
      "  -o <dir>                 output folder (created)\n"
      "  --weights=<file>         safetensors of the parameters (bounds use\n"
      "                           their values; copied into OUT/)\n"
      "  --target=<a,b,...>       GPU targets by plugin name and/or cpu\n"
      "                           (default: every loaded target and cpu)\n"
      "  --load-target=<path>     load a target plugin (repeatable)\n"
      "  --target-option=<k=v>    passed to every target (repeatable)\n"
      "  --precision=<p>          auto (default: kernels mly-f16 proves safe\n"
      "                           with the bounds compute in f16) or f32\n"
      "  --verify=<what>          none (default), rewrites (Z3 checks every\n"
      "                           rewrite of canonicalize and fuse), bounds\n"
      "                           (Z3 checks IBP/CROWN ranges on small\n"
      "                           graphs) or all\n"
      "  --smt-timeout-ms=<n>     per Z3 query (default: the verifier's)\n"
      "  --bounds-method=<m>      ibp (default) or crown\n"
      "  --input-range=<lo,hi>    range of float user inputs for bounds\n"
      "  --cpu-cache-dir=<dir>    the cpu object cache model.mly.mlir is\n"
      "                           compiled into (default: mly-run's,\n"
      "                           $XDG_CACHE_HOME/mly or ~/.cache/mly)\n"
      "  --no-cpu-cache           write model.mly.mlir only (mly-run\n"
      "                           compiles it on its first run)\n"
      "  --report=<file>          write the compile report (JSON; schema in\n"
      "                           docs/compile-report.md)\n"
      "  --json                   print the compile report on stdout\n"
      "  --quiet                  no progress line per phase on stderr\n"
      "  --dump-intermediates-to=<dir>\n"
      "                           the IR after each phase (NN-phase.mlir) and\n"
      "                           each target's output, whole and per kernel\n"
      "  --compile-to=<stage>     stop after aten, mly, fused, gpu or target\n"
      "                           and print it (with -o: "
      "OUT/model.<stage>.mlir)\n"
      "  --dot=<file>             the kernel graph as Graphviz dot\n"
      "  --strip-debuginfo        print no locations in the IR written\n"
      "  --help, --version\n",
      f);
}

/* Matches "--name=value" or "--name value"; advances *i for the latter. */
static const char *opt(int argc, char **argv, int *i, const char *name) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n))
    return NULL;
  if (a[n] == '=')
    return a + n + 1;
  if (a[n] == 0 && *i + 1 < argc)
    return argv[++*i];
  return NULL;
}

/* $XDG_CACHE_HOME/mly, else $HOME/.cache/mly (mly-run's default); NULL
 * if neither is set or out of memory. */
static char *default_cache_dir(void) {
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  const char *base = xdg && *xdg ? xdg : home && *home ? home : NULL;
  if (!base)
    return NULL;
  size_t n = strlen(base) + sizeof "/.cache/mly";
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s%s", base, base == xdg ? "/mly" : "/.cache/mly");
  return p;
}

static bool one_of(const char *v, const char *const *names) {
  for (; *names; ++names)
    if (!strcmp(v, *names))
      return true;
  return false;
}

int main(int argc, char **argv) {
  MlyCompileOptions o = {.debuginfo = true};
  const char **loads = calloc((size_t)argc, sizeof *loads);
  const char **topts = calloc((size_t)argc, sizeof *topts);
  char *default_cache = NULL;
  bool no_cpu_cache = false;
  int rc = 1;
  if (!loads || !topts)
    goto out;
  o.load_targets = loads;
  o.target_options = topts;
  static const char *const precisions[] = {"auto", "f32", "f16", NULL};
  static const char *const verifies[] = {"none", "rewrites", "bounds", "all",
                                         NULL};
  static const char *const methods[] = {"ibp", "crown", NULL};
  static const char *const stages[] = {"aten", "mly",    "fused",
                                       "gpu",  "target", NULL};
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      rc = 0;
      goto out;
    } else if (!strcmp(a, "--version")) {
      printf("mly-compile %s\n", MLY_VERSION);
      rc = 0;
      goto out;
    } else if (!strcmp(a, "--json")) {
      o.json = true;
    } else if (!strcmp(a, "--quiet")) {
      o.quiet = true;
    } else if (!strcmp(a, "--strip-debuginfo")) {
      o.debuginfo = false;
    } else if ((v = opt(argc, argv, &i, "-o"))) {
      o.out_dir = v;
    } else if ((v = opt(argc, argv, &i, "--weights"))) {
      o.weights = v;
    } else if ((v = opt(argc, argv, &i, "--target"))) {
      o.targets = v;
    } else if ((v = opt(argc, argv, &i, "--load-target"))) {
      loads[o.n_load_targets++] = v;
    } else if ((v = opt(argc, argv, &i, "--target-option"))) {
      topts[o.n_target_options++] = v;
    } else if ((v = opt(argc, argv, &i, "--precision"))) {
      if (!one_of(v, precisions)) {
        fprintf(stderr,
                "mly-compile: error: --precision wants auto, f32 or "
                "f16, got '%s'\n",
                v);
        goto out;
      }
      o.precision = v;
    } else if ((v = opt(argc, argv, &i, "--verify"))) {
      if (!one_of(v, verifies)) {
        fprintf(stderr,
                "mly-compile: error: --verify wants none, rewrites, "
                "bounds or all, got '%s'\n",
                v);
        goto out;
      }
      o.verify = v;
    } else if ((v = opt(argc, argv, &i, "--smt-timeout-ms"))) {
      char *end;
      unsigned long ms = strtoul(v, &end, 10);
      if (!*v || *end || ms == 0 || ms > 3600000) {
        fprintf(stderr,
                "mly-compile: error: --smt-timeout-ms wants 1 to "
                "3600000, got '%s'\n",
                v);
        goto out;
      }
      o.smt_timeout_ms = (unsigned)ms;
    } else if ((v = opt(argc, argv, &i, "--bounds-method"))) {
      if (!one_of(v, methods)) {
        fprintf(stderr,
                "mly-compile: error: --bounds-method wants ibp or "
                "crown, got '%s'\n",
                v);
        goto out;
      }
      o.bounds_method = v;
    } else if ((v = opt(argc, argv, &i, "--input-range"))) {
      char tail;
      if (sscanf(v, "%lf,%lf%c", &o.input_lo, &o.input_hi, &tail) != 2 ||
          !(o.input_lo <= o.input_hi)) {
        fprintf(stderr,
                "mly-compile: error: --input-range wants 'lo,hi' "
                "with lo <= hi, got '%s'\n",
                v);
        goto out;
      }
      o.has_input_range = true;
    } else if (!strcmp(a, "--no-cpu-cache")) {
      no_cpu_cache = true;
    } else if ((v = opt(argc, argv, &i, "--cpu-cache-dir"))) {
      o.cpu_cache_dir = v;
    } else if ((v = opt(argc, argv, &i, "--report"))) {
      o.report_path = v;
    } else if ((v = opt(argc, argv, &i, "--dump-intermediates-to"))) {
      o.dump_dir = v;
    } else if ((v = opt(argc, argv, &i, "--compile-to"))) {
      if (!one_of(v, stages)) {
        fprintf(stderr,
                "mly-compile: error: --compile-to wants aten, mly, "
                "fused, gpu or target, got '%s'\n",
                v);
        goto out;
      }
      o.compile_to = v;
    } else if ((v = opt(argc, argv, &i, "--dot"))) {
      o.dot_path = v;
    } else if ((v = opt(argc, argv, &i, "--inject-failure"))) {
      o.inject_failure = v; /* hidden: tests of the reproducer */
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "mly-compile: error: unknown option '%s' (see --help)\n",
              a);
      goto out;
    } else if (o.model) {
      fprintf(stderr, "mly-compile: error: more than one model given: '%s'\n",
              a);
      goto out;
    } else {
      o.model = a;
    }
  }
  if (!o.model) {
    fprintf(stderr, "mly-compile: error: no model given (see --help)\n");
    goto out;
  }
  if (o.precision && !strcmp(o.precision, "f16")) {
    fprintf(stderr, "mly-compile: error: --precision=f16: kernels go to f16 "
                    "only where mly-f16 proves it safe; use auto (or f32)\n");
    goto out;
  }
  if (!o.out_dir && !o.compile_to && !o.json && !o.report_path) {
    fprintf(stderr, "mly-compile: error: no output folder (-o OUT/)\n");
    goto out;
  }
  if (o.json && o.compile_to && !o.out_dir) {
    fprintf(stderr, "mly-compile: error: --json and --compile-to without -o "
                    "would both print on stdout\n");
    goto out;
  }
  if (o.dot_path && o.compile_to && strcmp(o.compile_to, "gpu") &&
      strcmp(o.compile_to, "target")) {
    fprintf(stderr,
            "mly-compile: error: --dot needs the gpu phase; "
            "--compile-to=%s stops before it\n",
            o.compile_to);
    goto out;
  }
  if (no_cpu_cache)
    o.cpu_cache_dir = NULL;
  else if (!o.cpu_cache_dir)
    o.cpu_cache_dir = default_cache = default_cache_dir();
  rc = mlyCompileMain(&o);
out:
  free(default_cache);
  free(loads);
  free(topts);
  return rc;
}
