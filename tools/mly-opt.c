/* mly-opt: mlir-opt for the aten and mly dialects. Parses options and
 * calls the driver in tools/opt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/mly_to_gpu/mly_to_gpu.h"
#include "tools/bind_weights.h"
#include "tools/opt/mly_opt.h"
#include "tools/passes.h"
#include "transforms/mly_transforms.h"
#include "verify/mly_verify.h"

static void usage(FILE *f) {
  fputs(
      "OVERVIEW: mly optimizer driver (mlir-opt for the aten and mly dialects)\n"
      "\n"
      "USAGE: mly-opt [options] [input file]   (default input: stdin)\n"
      "\n"
      "OPTIONS:\n"
      "  -o <file>                      Output file (default: stdout)\n"
      "  --split-input-file[=<marker>]  Split the input at '// -----' lines and\n"
      "                                 process each chunk on its own\n"
      "  --verify-diagnostics           Check diagnostics against expected-*\n"
      "                                 comments in the input\n"
      "  --pass-pipeline=<pipeline>     Run builtin.module(...) mixing mly and\n"
      "                                 upstream passes\n"
      "  --<pass>[=<options>]           Add one pass (mly or upstream) to the\n"
      "                                 pipeline, in command-line order\n"
      "  --mly-pipeline=<name>          Add a named pipeline (see --list-passes)\n"
      "  --list-passes                  List the mly passes and pipelines\n"
      "  --mly-fusion-report=<file>     mly-fuse writes its JSON report there\n"
      "                                 ('-': stderr), one line per module\n"
      "  --mly-bounds-report=<file>     mly-bounds writes its JSON report there\n"
      "  --mly-bounds-input=<lo>,<hi>   mly-bounds: range of user inputs\n"
      "  --mly-bounds-method=<m>        mly-bounds: ibp (default) or crown\n"
      "  --mly-f16-type=<t>             mly-f16: f16 (default) or bf16\n"
      "  --mly-bind-weights=<file>      Bind mly.param arguments to the file's\n"
      "                                 weights (mly.constant), at this point\n"
      "                                 of the pipeline\n"
      "  --mly-gpu-options=<k=v,..>     mly-to-gpu schedules: block-size (256),\n"
      "                                 tile (32), ktile (16), row (1), tiled (1),\n"
      "                                 attention (1), qblock (64: query rows\n"
      "                                 per attention workgroup; 0: one),\n"
      "                                 mma (0; 1: f16 matmuls on subgroup\n"
      "                                 matrix ops, 32-lane subgroups),\n"
      "                                 elems (1: elements a thread of the\n"
      "                                 elementwise schedule; 2, 4, 8),\n"
      "                                 atile (1: register-tiled attention\n"
      "                                 where it fits), wgmem (32: KiB of\n"
      "                                 workgroup memory, 16..227; over 48\n"
      "                                 HIP on CUDA only), vec (0: 16 bytes\n"
      "                                 of consecutive elements a thread;\n"
      "                                 1, 2, 4, 8), occupancy (1: workgroups\n"
      "                                 a kernel asks to fit on one compute\n"
      "                                 unit, up to 4), stages (1: the MMA\n"
      "                                 schedule stages through registers;\n"
      "                                 2..4: asynchronous copies)\n"
      "  --mly-gpu-tuning=<file>        mly-to-gpu: per-kernel parameters tuned\n"
      "  --mly-gpu-device=<name>        for this device (bench/gpu/autotune)\n"
      "  --mly-memory-report=<file>     mly-plan-memory writes its JSON report\n"
      "                                 there ('-': stderr)\n"
      "  --mly-smt-timeout-ms=<ms>      Z3: time limit of every query (1000)\n"
      "  --mly-smt-max-scalars=<n>      Z3: largest input (scalars) checked (64)\n"
      "  --mly-dump-smt=<dir>           Z3: write every query as SMT-LIB there\n"
      "  --mly-verify-report=<file>     mly-check-bounds, mly-prove and\n"
      "                                 mly-verify-rewrites write JSON there\n"
      "  --no-verify-each               Do not run mly-verify after every pass\n"
      "  --mlir-print-ir-before-all     Print the IR before every pass\n"
      "  --mlir-print-ir-after-all      Print the IR after every pass\n"
      "  --mlir-print-ir-after-change   Print the IR after passes that changed it\n"
      "  --mlir-print-ir-after-failure  Print the IR after a pass that failed\n"
      "  --mlir-print-ir-module-scope   Print the whole module when printing IR\n"
      "  --mlir-timing                  Report the time of every pass\n"
      "  --mlir-print-debuginfo         Print locations\n"
      "  --mlir-print-op-generic        Print every op in generic form\n"
      "  --help                         Show this help\n"
      "  --version                      Show the version\n",
      f);
}

static void list_passes(void) {
  size_t n;
  const MlyPassInfo *p = mlyPassRegistryGet(&n);
  puts("mly passes:");
  for (size_t i = 0; i < n; ++i)
    printf("  --%-22s %s\n", p[i].argument, p[i].description);
  puts("Every upstream MLIR pass (canonicalize, cse, ...) is available too.");
  const MlyPipelineInfo *pl = mlyPipelineRegistryGet(&n);
  puts("mly pipelines (--mly-pipeline=<name>):");
  for (size_t i = 0; i < n; ++i)
    printf("  %-24s %s: %s\n", pl[i].name, pl[i].description, pl[i].elements);
}

static const char *value_of(const char *arg, const char *name) {
  size_t n = strlen(name);
  return !strncmp(arg, name, n) && arg[n] == '=' ? arg + n + 1 : NULL;
}

int main(int argc, char **argv) {
  MlyOptOptions o = {.input = "-", .output = "-", .verify_each = true};
  const char **passes = calloc((size_t)argc, sizeof *passes);
  char **owned = calloc((size_t)argc, sizeof *owned);
  int rc = 1;
  bool have_input = false;
  const char *tuning = NULL, *device = NULL;
  if (!passes || !owned) {
    fputs("mly-opt: out of memory\n", stderr);
    goto out;
  }
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i], *v;
    if (a[0] != '-' || !a[1]) {
      if (have_input) {
        fprintf(stderr, "mly-opt: too many positional arguments: '%s'\n", a);
        goto out;
      }
      o.input = a;
      have_input = true;
      continue;
    }
    a += a[1] == '-' ? 2 : 1; /* like LLVM's cl: -flag and --flag */
    if (!strcmp(a, "help") || !strcmp(a, "h")) {
      usage(stdout);
      rc = 0;
      goto out;
    } else if (!strcmp(a, "version")) {
      puts("mly-opt (mly) " MLY_VERSION);
      rc = 0;
      goto out;
    } else if (!strcmp(a, "list-passes")) {
      list_passes();
      rc = 0;
      goto out;
    } else if (!strcmp(a, "o")) {
      if (++i == argc) {
        fputs("mly-opt: option '-o' requires a file name\n", stderr);
        goto out;
      }
      o.output = argv[i];
    } else if ((v = value_of(a, "o"))) {
      o.output = v;
    } else if (!strcmp(a, "split-input-file")) {
      o.split_marker = "// -----";
    } else if ((v = value_of(a, "split-input-file"))) {
      o.split_marker = v;
    } else if (!strcmp(a, "verify-diagnostics")) {
      o.verify_diagnostics = true;
    } else if ((v = value_of(a, "pass-pipeline"))) {
      o.pass_pipeline = v;
    } else if (!strcmp(a, "pass-pipeline")) {
      if (++i == argc) {
        fputs("mly-opt: option '--pass-pipeline' requires a value\n", stderr);
        goto out;
      }
      o.pass_pipeline = argv[i];
    } else if ((v = value_of(a, "mly-pipeline"))) {
      const MlyPipelineInfo *pl = mlyPipelineRegistryLookup(v);
      if (!pl) {
        fprintf(stderr, "mly-opt: unknown pipeline '%s' (see --list-passes)\n", v);
        goto out;
      }
      passes[o.n_passes++] = pl->elements;
    } else if ((v = value_of(a, "mly-fusion-report"))) {
      mlyFuseSetReportPath(v);
    } else if ((v = value_of(a, "mly-bounds-report"))) {
      mlyBoundsSetReportPath(v);
    } else if ((v = value_of(a, "mly-gpu-options"))) {
      char err[512];
      if (!mlyGpuOptionsParse(v, err, sizeof err)) {
        fprintf(stderr, "mly-opt: %s\n", err);
        goto out;
      }
    } else if ((v = value_of(a, "mly-gpu-tuning"))) {
      tuning = v;
    } else if ((v = value_of(a, "mly-gpu-device"))) {
      device = v;
    } else if ((v = value_of(a, "mly-memory-report"))) {
      mlyPlanMemorySetReportPath(v);
    } else if ((v = value_of(a, "mly-bounds-input"))) {
      double lo, hi;
      char tail;
      if (sscanf(v, "%lf,%lf%c", &lo, &hi, &tail) != 2 || !(lo <= hi)) {
        fprintf(stderr, "mly-opt: --mly-bounds-input wants 'lo,hi' with "
                        "lo <= hi, got '%s'\n", v);
        goto out;
      }
      mlyBoundsSetInputRange(lo, hi);
      mlyVerifySetInputRange(lo, hi);
    } else if ((v = value_of(a, "mly-f16-type"))) {
      if (!mlyF16SetType(v)) {
        fprintf(stderr, "mly-opt: --mly-f16-type wants 'f16' or 'bf16', "
                        "got '%s'\n", v);
        goto out;
      }
    } else if ((v = value_of(a, "mly-bind-weights"))) {
      mlyBindWeightsSetPath(v); /* the pass runs here, in flag order */
      passes[o.n_passes++] = "mly-bind-weights";
    } else if ((v = value_of(a, "mly-bounds-method"))) {
      mlyVerifySetBoundsMethod(v);
      if (!mlyBoundsSetMethod(v)) {
        fprintf(stderr, "mly-opt: --mly-bounds-method wants 'ibp' or "
                        "'crown', got '%s'\n", v);
        goto out;
      }
    } else if ((v = value_of(a, "mly-smt-timeout-ms"))) {
      char *end;
      unsigned long ms = strtoul(v, &end, 10);
      if (!*v || *end || ms == 0 || ms > 3600000) {
        fprintf(stderr, "mly-opt: --mly-smt-timeout-ms wants milliseconds "
                        "(1 to 3600000), got '%s'\n", v);
        goto out;
      }
      mlyVerifySetTimeoutMs((unsigned)ms);
    } else if ((v = value_of(a, "mly-smt-max-scalars"))) {
      char *end;
      long n = strtol(v, &end, 10);
      if (!*v || *end || n < 1) {
        fprintf(stderr, "mly-opt: --mly-smt-max-scalars wants a positive "
                        "count, got '%s'\n", v);
        goto out;
      }
      mlyVerifySetMaxScalars(n);
    } else if ((v = value_of(a, "mly-dump-smt"))) {
      mlyVerifySetDumpDir(v);
    } else if ((v = value_of(a, "mly-verify-report"))) {
      mlyVerifySetReportPath(v);
    } else if (!strcmp(a, "no-verify-each") || !strcmp(a, "verify-each=0") ||
               !strcmp(a, "verify-each=false")) {
      o.verify_each = false;
    } else if (!strcmp(a, "mlir-print-ir-before-all")) {
      o.print_ir_before_all = true;
    } else if (!strcmp(a, "mlir-print-ir-after-all")) {
      o.print_ir_after_all = true;
    } else if (!strcmp(a, "mlir-print-ir-after-change")) {
      o.print_ir_after_change = true;
    } else if (!strcmp(a, "mlir-print-ir-after-failure")) {
      o.print_ir_after_failure = true;
    } else if (!strcmp(a, "mlir-print-ir-module-scope")) {
      o.print_ir_module_scope = true;
    } else if (!strcmp(a, "mlir-timing")) {
      o.timing = true;
    } else if (!strcmp(a, "mlir-print-debuginfo")) {
      o.debuginfo = true;
    } else if (!strcmp(a, "mlir-print-op-generic")) {
      o.generic = true;
    } else if (mlyOptIsPass(a)) {
      /* --pass=opts becomes the pipeline element pass{opts}. */
      const char *eq = strchr(a, '=');
      if (eq) {
        size_t n = strlen(a);
        char *e = malloc(n + 2);
        if (!e)
          goto out;
        memcpy(e, a, (size_t)(eq - a));
        sprintf(e + (eq - a), "{%s}", eq + 1);
        owned[o.n_passes] = e;
        a = e;
      }
      passes[o.n_passes++] = a;
    } else {
      fprintf(stderr,
              "mly-opt: unknown option or pass '%s' (see --help and "
              "--list-passes)\n",
              argv[i]);
      goto out;
    }
  }
  if (o.pass_pipeline && o.n_passes) {
    fputs("mly-opt: use either --pass-pipeline or pass flags, not both\n",
          stderr);
    goto out;
  }
  if (tuning || device) {
    char err[768];
    if (!tuning || !device) {
      fputs("mly-opt: --mly-gpu-tuning and --mly-gpu-device go together\n",
            stderr);
      goto out;
    }
    if (!mlyGpuTuningLoad(tuning, device, err, sizeof err)) {
      fprintf(stderr, "mly-opt: %s\n", err);
      goto out;
    }
  }
  o.passes = passes;
  rc = mlyOptMain(&o);
out:
  mlyGpuTuningClear();
  if (owned)
    for (int i = 0; i < argc; ++i)
      free(owned[i]);
  free(owned);
  free(passes);
  return rc;
}
