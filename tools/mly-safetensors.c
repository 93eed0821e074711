/* mly-safetensors: lists the tensors of a safetensors file, or copies it
 * through the writer. A thin main over runtime/safetensors. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/safetensors.h"

static void usage(FILE *f) {
  fputs("OVERVIEW: list the tensors of a safetensors file\n"
        "\n"
        "USAGE: mly-safetensors [options] FILE\n"
        "\n"
        "Prints one line per tensor, sorted by name: name dtype [d0, d1] "
        "bytes\n"
        "\n"
        "OPTIONS:\n"
        "  --metadata       Print the __metadata__ entries (key = value)\n"
        "                   instead of the tensors\n"
        "  --roundtrip OUT  Also write every tensor and metadata entry of "
        "FILE\n"
        "                   to OUT with mly's writer\n"
        "  --help           Show this help\n",
        f);
}

static void print_tensor(const char *name, const MlyTensor *t) {
  printf("%s %s [", name, mlyDTypeName(t->dtype));
  for (int64_t i = 0; i < t->rank; ++i)
    printf("%s%" PRId64, i ? ", " : "", t->dims[i]);
  printf("] %zu\n", t->nbytes);
}

/* Writes every tensor and metadata entry of st to out. */
static bool roundtrip(const MlySafetensors *st, const char *out, char *err,
                      size_t err_size) {
  size_t n = mlySafetensorsGetNumTensors(st);
  size_t m = mlySafetensorsGetNumMetadata(st);
  const char **names = calloc(n + 1, sizeof *names);
  MlyTensor *tensors = calloc(n + 1, sizeof *tensors);
  const char **keys = calloc(m + 1, sizeof *keys);
  const char **values = calloc(m + 1, sizeof *values);
  bool ok = false;

  if (!names || !tensors || !keys || !values) {
    snprintf(err, err_size, "%s: out of memory", out);
    goto out;
  }
  for (size_t i = 0; i < n; ++i) {
    names[i] = mlySafetensorsGetName(st, i);
    mlySafetensorsGetTensor(st, i, &tensors[i]);
  }
  for (size_t i = 0; i < m; ++i) {
    keys[i] = mlySafetensorsGetMetadataKey(st, i);
    values[i] = mlySafetensorsGetMetadataValue(st, i);
  }
  ok = mlySafetensorsWriteWithMetadata(out, names, tensors, n, keys, values, m,
                                       err, err_size);
out:
  free(values);
  free(keys);
  free(tensors);
  free(names);
  return ok;
}

int main(int argc, char **argv) {
  const char *input = NULL, *output = NULL;
  bool metadata = false;
  MlySafetensors *st;
  char err[1024];
  int rc = 1;

  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--help")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(argv[i], "--metadata")) {
      metadata = true;
    } else if (!strcmp(argv[i], "--roundtrip")) {
      if (++i == argc) {
        fputs("mly-safetensors: error: option '--roundtrip' requires a file "
              "name\n",
              stderr);
        return 1;
      }
      output = argv[i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "mly-safetensors: error: unknown option '%s'\n", argv[i]);
      return 1;
    } else if (input) {
      fputs("mly-safetensors: error: too many positional arguments\n", stderr);
      return 1;
    } else {
      input = argv[i];
    }
  }
  if (!input) {
    usage(stderr);
    return 1;
  }

  if (!(st = mlySafetensorsOpen(input, err, sizeof err)))
    goto out;
  if (metadata) {
    for (size_t i = 0; i < mlySafetensorsGetNumMetadata(st); ++i)
      printf("%s = %s\n", mlySafetensorsGetMetadataKey(st, i),
             mlySafetensorsGetMetadataValue(st, i));
  } else {
    for (size_t i = 0; i < mlySafetensorsGetNumTensors(st); ++i) {
      MlyTensor t;
      mlySafetensorsGetTensor(st, i, &t);
      print_tensor(mlySafetensorsGetName(st, i), &t);
    }
  }
  if (output && !roundtrip(st, output, err, sizeof err))
    goto out_destroy;
  rc = 0;

out_destroy:
  mlySafetensorsDestroy(st);
out:
  if (rc)
    fprintf(stderr, "mly-safetensors: error: %s\n", err);
  return rc;
}
