/* mly-safetensors-api-test DIR: exercises the runtime/safetensors C API
 * where the mly-safetensors tool cannot reach (lookups, alignment, the
 * writer's argument checks, error buffers). Writes scratch files under DIR
 * and prints one line per check for FileCheck; exits 1 if a check fails. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/safetensors.h"

static int failures;
static char dir[4096];

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);                 \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static const char *scratch(const char *name) {
  static char path[8192];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

/* Reads a whole small file into buf; returns its size or -1. */
static long slurp(const char *path, unsigned char *buf, size_t cap) {
  FILE *f = fopen(path, "rb");
  long n;
  if (!f)
    return -1;
  n = (long)fread(buf, 1, cap, f);
  fclose(f);
  return n;
}

static MlyTensor tensor(MlyDType dtype, int64_t rank, const int64_t *dims,
                        void *data, size_t nbytes) {
  MlyTensor t = {.dtype = dtype, .rank = rank, .data = data, .nbytes = nbytes};
  for (int64_t i = 0; i < rank; ++i)
    t.dims[i] = dims[i];
  return t;
}

/* The reference implementation's own serialization tests, byte for byte. */
static void reference_bytes(void) {
  static const unsigned char attn[] = {
      64,  0,   0,   0,   0,   0,   0,   0,   123, 34,  97,  116, 116, 110,
      46,  48,  34,  58,  123, 34,  100, 116, 121, 112, 101, 34,  58,  34,
      70,  51,  50,  34,  44,  34,  115, 104, 97,  112, 101, 34,  58,  91,
      49,  44,  50,  44,  51,  93,  44,  34,  100, 97,  116, 97,  95,  111,
      102, 102, 115, 101, 116, 115, 34,  58,  91,  48,  44,  50,  52,  93,
      125, 125, 0,   0,   0,   0,   0,   0,   128, 63,  0,   0,   0,   64,
      0,   0,   64,  64,  0,   0,   128, 64,  0,   0,   160, 64};
  static const char empty_md[] = "\x28\0\0\0\0\0\0\0"
                                 "{\"__metadata__\":{\"framework\":\"pt\"}}"
                                 "     ";
  float v[] = {0, 1, 2, 3, 4, 5};
  int64_t dims[] = {1, 2, 3};
  MlyTensor t = tensor(MLY_DTYPE_F32, 3, dims, v, sizeof v);
  const char *name = "attn.0";
  const char *key = "framework", *value = "pt";
  unsigned char buf[256];
  char err[256];
  long n;

  CHECK(mlySafetensorsWrite(scratch("attn.st"), &name, &t, 1, err, sizeof err));
  n = slurp(scratch("attn.st"), buf, sizeof buf);
  CHECK(n == (long)sizeof attn && !memcmp(buf, attn, sizeof attn));
  CHECK(mlySafetensorsWriteWithMetadata(scratch("empty.st"), NULL, NULL, 0,
                                        &key, &value, 1, err, sizeof err));
  n = slurp(scratch("empty.st"), buf, sizeof buf);
  CHECK(n == (long)sizeof empty_md - 1 &&
        !memcmp(buf, empty_md, sizeof empty_md - 1));
  printf("reference bytes: %s\n", failures ? "differ" : "same");
}

/* Mixed dtypes given in an unaligned order come back aligned, sorted by
 * name, with lookups and metadata. */
static void read_back(void) {
  uint8_t u8[3] = {1, 2, 3};
  float f32[2] = {1.5f, -2.0f};
  int64_t i64[1] = {-5};
  uint16_t bf16[1] = {0x3f80};
  int64_t d3[] = {3}, d2[] = {2}, d1[] = {1};
  const char *names[] = {"z.u8", "m.f32", "a.i64", "b.bf16"};
  MlyTensor ts[] = {tensor(MLY_DTYPE_U8, 1, d3, u8, 3),
                    tensor(MLY_DTYPE_F32, 1, d2, f32, 8),
                    tensor(MLY_DTYPE_I64, 1, d1, i64, 8),
                    tensor(MLY_DTYPE_BF16, 0, NULL, bf16, 2)};
  const char *keys[] = {"format", "epoch"}, *values[] = {"pt", "3"};
  char err[256];
  MlySafetensors *st;
  MlyTensor t;

  CHECK(mlySafetensorsWriteWithMetadata(scratch("mixed.st"), names, ts, 4, keys,
                                        values, 2, err, sizeof err));
  st = mlySafetensorsOpen(scratch("mixed.st"), err, sizeof err);
  CHECK(st);
  if (!st)
    return;
  CHECK(mlySafetensorsGetNumTensors(st) == 4);
  CHECK(!strcmp(mlySafetensorsGetName(st, 0), "a.i64"));
  CHECK(!strcmp(mlySafetensorsGetName(st, 3), "z.u8"));
  CHECK(!mlySafetensorsGetName(st, 4));
  CHECK(!mlySafetensorsGetTensor(st, 4, &t));
  for (size_t i = 0; i < 4; ++i) {
    MlyTensor want = ts[i];
    CHECK(mlySafetensorsLookup(st, names[i], &t));
    CHECK(t.dtype == want.dtype && t.rank == want.rank &&
          t.nbytes == want.nbytes);
    CHECK(!memcmp(t.dims, want.dims, (size_t)t.rank * sizeof *t.dims));
    CHECK(!memcmp(t.data, want.data, t.nbytes));
    CHECK((uintptr_t)t.data % mlyDTypeSize(t.dtype) == 0);
  }
  CHECK(!mlySafetensorsLookup(st, "missing", &t));
  CHECK(mlySafetensorsGetNumMetadata(st) == 2);
  CHECK(!strcmp(mlySafetensorsGetMetadataKey(st, 1), "epoch"));
  CHECK(!strcmp(mlySafetensorsLookupMetadata(st, "format"), "pt"));
  CHECK(!mlySafetensorsLookupMetadata(st, "missing"));
  CHECK(!mlySafetensorsGetMetadataValue(st, 2));
  printf("read back: %s\n", failures ? "wrong" : "ok");
  mlySafetensorsDestroy(st);
}

/* One writer call expected to fail: prints its message and checks that no
 * file was left behind. */
static void write_error(const char *what, const char *const *names,
                        const MlyTensor *ts, size_t n, const char *const *keys,
                        const char *const *values, size_t n_md) {
  const char *path = scratch("bad.st");
  char err[256] = "";

  CHECK(!mlySafetensorsWriteWithMetadata(path, names, ts, n, keys, values, n_md,
                                         err, sizeof err));
  CHECK(access(path, F_OK) != 0);
  printf("%s: %s\n", what,
         strstr(err, "bad.st: ") ? strstr(err, ": ") + 2 : err);
}

static void writer_errors(void) {
  uint8_t b[8] = {0};
  int64_t d2[] = {2}, dneg[] = {-1}, dbig[] = {INT64_MAX, 4};
  MlyTensor ok = tensor(MLY_DTYPE_U8, 1, d2, b, 2);
  MlyTensor two[] = {ok, ok};
  MlyTensor t;
  const char *dup[] = {"w", "w"}, *w[] = {"w"}, *reserved[] = {"__metadata__"};
  const char *bad_utf8[] = {"\xff"}, *none[] = {NULL};
  const char *keys[] = {"k", "k"}, *values[] = {"1", "2"};
  const char *bad_value[] = {"\xc3("};

  write_error("duplicate", dup, two, 2, NULL, NULL, 0);
  write_error("reserved", reserved, &ok, 1, NULL, NULL, 0);
  write_error("no name", none, &ok, 1, NULL, NULL, 0);
  write_error("utf8", bad_utf8, &ok, 1, NULL, NULL, 0);
  t = ok;
  t.nbytes = 3;
  write_error("nbytes", w, &t, 1, NULL, NULL, 0);
  t = ok;
  t.dtype = (MlyDType)42;
  write_error("dtype", w, &t, 1, NULL, NULL, 0);
  t = tensor(MLY_DTYPE_U8, 1, d2, b, 2);
  t.rank = 17;
  write_error("rank", w, &t, 1, NULL, NULL, 0);
  t = tensor(MLY_DTYPE_U8, 1, dneg, b, 0);
  write_error("negative", w, &t, 1, NULL, NULL, 0);
  t = tensor(MLY_DTYPE_I64, 2, dbig, b, 0);
  write_error("overflow", w, &t, 1, NULL, NULL, 0);
  t = ok;
  t.data = NULL;
  write_error("null data", w, &t, 1, NULL, NULL, 0);
  write_error("metadata", w, &ok, 1, keys, values, 2);
  write_error("metadata utf8", w, &ok, 1, keys, bad_value, 1);

  char err[256];
  CHECK(!mlySafetensorsWrite(scratch("no/such/dir/x.st"), w, &ok, 1, err,
                             sizeof err));
  printf("unwritable: %s\n", strstr(err, ": ") + 2);
}

static void error_buffers(void) {
  char small[12];
  CHECK(!mlySafetensorsOpen(scratch("missing.st"), NULL, 0));
  CHECK(!mlySafetensorsOpen(scratch("missing.st"), small, 0));
  CHECK(!mlySafetensorsOpen("/nonexistent/x.st", small, sizeof small));
  printf("truncated: '%s'\n", small);
  char err[256];
  CHECK(!mlySafetensorsOpen(dir, err, sizeof err));
  printf("directory: %s\n", strstr(err, ": ") + 2);
  mlySafetensorsDestroy(NULL);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: mly-safetensors-api-test DIR\n", stderr);
    return 2;
  }
  snprintf(dir, sizeof dir, "%s", argv[1]);
  reference_bytes();
  read_back();
  writer_errors();
  error_buffers();
  CHECK(!strcmp(mlyDTypeName(MLY_DTYPE_BF16), "BF16"));
  CHECK(!mlyDTypeName((MlyDType)8));
  CHECK(mlyDTypeSize(MLY_DTYPE_BOOL) == 1);
  printf("%d failures\n", failures);
  return failures != 0;
}
