/* mly-import: torch.export JSON -> aten dialect. Parses options and calls
 * conversions/torch_export. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/torch_export/torch_export.h"
#include "dialects/mly_dialects.h"

static void usage(FILE *f) {
  fputs("OVERVIEW: import a torch.export ExportedProgram (JSON, schema 8.x) "
        "into the aten dialect\n"
        "\n"
        "USAGE: mly-import [options] <model.json>\n"
        "\n"
        "OPTIONS:\n"
        "  -o <file>               Output file (default: stdout)\n"
        "  --strip-debuginfo       Print no locations (by default every op\n"
        "                          carries loc(\"<node name>\"), so later tools\n"
        "                          report errors at the node)\n"
        "  --list-ops              List the supported ATen targets and their "
        "aten ops\n"
        "  --help                  Show this help\n"
        "  --version               Show the version\n",
        f);
}

static void write_to(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

int main(int argc, char **argv) {
  const char *in = NULL, *out = NULL;
  bool debuginfo = true;
  int rc = 1;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (!strcmp(a, "-o") && i + 1 < argc) {
      out = argv[++i];
    } else if (!strcmp(a, "--mlir-print-debuginfo")) {
      debuginfo = true;
    } else if (!strcmp(a, "--strip-debuginfo")) {
      debuginfo = false;
    } else if (!strcmp(a, "--list-ops")) {
      mlyTorchExportPrintOps(write_to, stdout);
      return 0;
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(a, "--version")) {
      printf("mly-import %s\n", MLY_VERSION);
      return 0;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "mly-import: error: unknown option '%s'\n", a);
      usage(stderr);
      return 1;
    } else if (in) {
      fprintf(stderr, "mly-import: error: more than one input file\n");
      return 1;
    } else {
      in = a;
    }
  }
  if (!in) {
    fprintf(stderr, "mly-import: error: no input file\n");
    usage(stderr);
    return 1;
  }
  MlirContext ctx = mlirContextCreate();
  if (mlirLogicalResultIsFailure(mlyDialectsLoad(ctx)))
    goto out_ctx;
  MlirModule mod = mlyTorchExportImportFile(ctx, in, stderr);
  if (mlirModuleIsNull(mod))
    goto out_ctx;
  FILE *f = out ? fopen(out, "w") : stdout;
  if (!f) {
    fprintf(stderr, "mly-import: error: cannot open '%s' for writing\n", out);
    goto out_mod;
  }
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  if (debuginfo)
    mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
  mlirOperationPrintWithFlags(mlirModuleGetOperation(mod), flags, write_to, f);
  fputc('\n', f);
  mlirOpPrintingFlagsDestroy(flags);
  rc = (f != stdout ? fclose(f) : fflush(f)) ? 1 : 0;
  if (rc)
    fprintf(stderr, "mly-import: error: cannot write '%s'\n", out ? out : "-");
out_mod:
  mlirModuleDestroy(mod);
out_ctx:
  mlirContextDestroy(ctx);
  return rc;
}
