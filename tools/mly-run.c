/* mly-run: runs a module on a backend with weights and inputs, and checks
 * its outputs. Parses options and calls the driver in tools/run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/run/mly_run.h"

static void usage(FILE *f) {
  fputs("USAGE: mly-run model.mlir [options]\n"
        "       mly-run OUT/ [options]   (a folder of mly-compile: the\n"
        "                       backend's module, its kernels and\n"
        "                       OUT/weights.safetensors by default)\n"
        "\n"
        "OPTIONS:\n"
        "  --weights=<file>     safetensors holding the mly.param arguments\n"
        "  --inputs=<file>      safetensors holding input_0, input_1, ... (or\n"
        "                       the graph's own input names, as mly-import\n"
        "                       records them)\n"
        "  --input=<tensor>     one user input as text, SHAPExDTYPE:VALUES\n"
        "                       (2x2xf32:1,2,3,4; f32:0.5; one value fills all);\n"
        "                       repeat in input order (before --inputs ones)\n"
        "  --expect=<file>      safetensors with the expected output_0, ...\n"
        "  --outputs=<file>     write output_0, ... to this safetensors file\n"
        "  --backend=<name>     cpu (JIT-compiled native code, default),\n"
        "                       interp (the reference interpreter), msl-sim\n"
        "                       (a host program of mly-to-gpu: its kernels'\n"
        "                       MSL compiled against a Metal shim, run on CPU\n"
        "                       threads), hip-sim (the same with its HIP\n"
        "                       against a HIP shim) or vulkan (the same\n"
        "                       host program, its kernels as SPIR-V on a\n"
        "                       Vulkan device)\n"
        "  --msl=<file>         msl-sim: run this MSL instead of what the msl\n"
        "                       target emits\n"
        "  --hip=<file>         hip-sim: run this HIP instead of what the hip\n"
        "                       target emits (its MLY_WAVE_SIZE decides the\n"
        "                       wavefronts' lanes)\n"
        "  --device=<n>         vulkan: the device to run on (default 0)\n"
        "  --list-devices       list the backend's devices (vulkan) and exit\n"
        "  --spirv=<file>       vulkan: run this SPIR-V instead of what the\n"
        "                       spirv target emits\n"
        "  --vulkan-bundle=<f>  vulkan: also write the compiled program to f,\n"
        "                       for mly-vulkan-replay on a machine without\n"
        "                       MLIR\n"
        "  --cache-dir=<dir>    cache of cpu, msl-sim and hip-sim compilations\n"
        "                       (default $XDG_CACHE_HOME/mly or ~/.cache/mly)\n"
        "  --no-cache           compile without the cache\n"
        "  --max-memory=<bytes> refuse a model whose tensors may take more\n"
        "                       (K, M, G suffixes; default: half of the\n"
        "                       physical memory)\n"
        "  --threads=<n>        cpu: threads per run (default 1); large ops\n"
        "                       are split across them, results are the same\n"
        "  --verbose            report cache hits and misses, and the cpu\n"
        "                       arena's bytes against the naive sum\n"
        "  --rtol=<x>           relative tolerance (default 1e-4)\n"
        "  --atol=<x>           absolute tolerance (default 1e-5)\n"
        "  --entry=<name>       the function to run (default forward)\n"
        "  --print              print every output's values\n"
        "  --compile-only       compile (filling the cache, writing\n"
        "                       --vulkan-bundle) and run nothing: no\n"
        "                       weights or inputs needed\n",
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

static bool parse_double(const char *s, double *out) {
  char *end;
  *out = strtod(s, &end);
  return end != s && !*end && *out >= 0;
}

/* $XDG_CACHE_HOME/mly, else $HOME/.cache/mly; NULL if neither is set. */
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

int main(int argc, char **argv) {
  MlyRunOptions o = {.entry = "forward", .backend = "cpu", .rtol = 1e-4,
                     .atol = 1e-5};
  const char **texts = calloc((size_t)argc, sizeof *texts);
  char *default_cache = NULL;
  bool no_cache = false;
  int rc = 1;
  if (!texts)
    return 1;
  o.input_texts = texts;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      rc = 0;
      goto out;
    } else if (!strcmp(a, "--print")) {
      o.print = true;
    } else if (!strcmp(a, "--compile-only")) {
      o.compile_only = true;
    } else if (!strcmp(a, "--verbose")) {
      o.verbose = true;
    } else if (!strcmp(a, "--no-cache")) {
      no_cache = true;
    } else if ((v = opt(argc, argv, &i, "--cache-dir"))) {
      o.cache_dir = v;
    } else if ((v = opt(argc, argv, &i, "--threads"))) {
      char *end;
      long n = strtol(v, &end, 10);
      if (end == v || *end || n < 0 || n > 256) {
        fprintf(stderr,
                "mly-run: error: --threads needs a number from 0 to 256, got "
                "'%s'\n",
                v);
        goto out;
      }
      o.threads = (int)n;
    } else if ((v = opt(argc, argv, &i, "--max-memory"))) {
      char *end;
      unsigned long long n = strtoull(v, &end, 10), k = 1;
      if (*end == 'K' || *end == 'k')
        k = 1ull << 10, ++end;
      else if (*end == 'M')
        k = 1ull << 20, ++end;
      else if (*end == 'G')
        k = 1ull << 30, ++end;
      if (end == v || *end || *v == '-' || n == 0 || n > UINT64_MAX / k) {
        fprintf(stderr,
                "mly-run: error: --max-memory needs a byte count (suffix K, "
                "M or G allowed), got '%s'\n",
                v);
        goto out;
      }
      o.max_memory = (uint64_t)(n * k);
    } else if ((v = opt(argc, argv, &i, "--weights"))) {
      o.weights = v;
    } else if ((v = opt(argc, argv, &i, "--inputs"))) {
      o.inputs = v;
    } else if ((v = opt(argc, argv, &i, "--input"))) {
      texts[o.n_input_texts++] = v;
    } else if ((v = opt(argc, argv, &i, "--expect"))) {
      o.expect = v;
    } else if ((v = opt(argc, argv, &i, "--outputs"))) {
      o.outputs = v;
    } else if ((v = opt(argc, argv, &i, "--backend"))) {
      o.backend = v;
    } else if (!strcmp(a, "--list-devices")) {
      o.list_devices = true;
    } else if ((v = opt(argc, argv, &i, "--device"))) {
      char *end;
      long n = strtol(v, &end, 10);
      if (end == v || *end || n < 0 || n > 1024) {
        fprintf(stderr,
                "mly-run: error: --device needs a number from 0 to 1024, got "
                "'%s'\n",
                v);
        goto out;
      }
      o.device = (int)n;
    } else if ((v = opt(argc, argv, &i, "--spirv"))) {
      o.spirv_path = v;
    } else if ((v = opt(argc, argv, &i, "--vulkan-bundle"))) {
      o.vulkan_bundle = v;
    } else if ((v = opt(argc, argv, &i, "--msl")) ||
               (v = opt(argc, argv, &i, "--hip"))) {
      o.msl_path = v;
    } else if ((v = opt(argc, argv, &i, "--entry"))) {
      o.entry = v;
    } else if ((v = opt(argc, argv, &i, "--rtol"))) {
      if (!parse_double(v, &o.rtol)) {
        fprintf(stderr, "mly-run: error: --rtol needs a number >= 0, got '%s'\n", v);
        goto out;
      }
    } else if ((v = opt(argc, argv, &i, "--atol"))) {
      if (!parse_double(v, &o.atol)) {
        fprintf(stderr, "mly-run: error: --atol needs a number >= 0, got '%s'\n", v);
        goto out;
      }
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "mly-run: error: unknown option '%s' (see --help)\n", a);
      goto out;
    } else if (o.module_path) {
      fprintf(stderr, "mly-run: error: more than one module given: '%s'\n", a);
      goto out;
    } else {
      o.module_path = a;
    }
  }
  if (!o.module_path && !o.list_devices) {
    fprintf(stderr, "mly-run: error: no module given (see --help)\n");
    goto out;
  }
  if (no_cache || (strcmp(o.backend, "cpu") && strcmp(o.backend, "msl-sim") &&
                   strcmp(o.backend, "hip-sim")))
    o.cache_dir = NULL;
  else if (!o.cache_dir && !(o.cache_dir = default_cache = default_cache_dir()))
    fprintf(stderr, "mly-run: warning: no $XDG_CACHE_HOME or $HOME: not caching\n");
  rc = mlyRunMain(&o);
out:
  free(default_cache);
  free(texts);
  return rc;
}
