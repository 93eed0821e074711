/* safetensors reader and writer. The reader validates the whole header
 * before handing anything out; the writer lays files out as the reference
 * implementation (huggingface/safetensors) does. */
#define _POSIX_C_SOURCE 200809L

#include "runtime/safetensors.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* `rank` orders dtypes as the reference's Dtype enum does (by alignment,
 * ties broken by its declaration order); the writer sorts by it. Names and
 * sizes come from mly_tensor.h. */
static const struct {
  int rank;
} dtypes[] = {
    [MLY_DTYPE_F32] = {11}, [MLY_DTYPE_F16] = {7}, [MLY_DTYPE_BF16] = {8},
    [MLY_DTYPE_I64] = {13}, [MLY_DTYPE_I32] = {9}, [MLY_DTYPE_I8] = {2},
    [MLY_DTYPE_U8] = {1},   [MLY_DTYPE_BOOL] = {0},
};
#define NUM_DTYPES (sizeof dtypes / sizeof *dtypes)

/* Room for "[d0, d1, ...]" at the maximum rank. */
#define SHAPE_TEXT_SIZE (MLY_TENSOR_MAX_RANK * 22 + 3)

typedef struct entry {
  const char *name; /* a key of the header object */
  MlyTensor t;
  uint64_t begin, end; /* relative to the data region */
} entry;

typedef struct meta {
  const char *key, *value; /* owned by the header object */
} meta;

struct MlySafetensors {
  json_t *header;
  unsigned char *buf; /* the file, placed so its data region is 8-aligned */
  entry *tensors;     /* sorted by name */
  size_t n;
  meta *meta; /* in file order */
  size_t n_meta;
};

/* Where messages go: "<path>: <problem>" into err[size]. */
typedef struct diag {
  const char *path;
  char *err;
  size_t size;
} diag;

/* Writes the message and returns false, so validators can end with
 * `return fail(...)`. */
__attribute__((format(printf, 2, 3))) static bool fail(const diag *d,
                                                       const char *fmt, ...) {
  va_list ap;
  int k;

  if (!d->err || !d->size)
    return false;
  k = snprintf(d->err, d->size, "%s: ", d->path);
  if (k < 0 || (size_t)k >= d->size)
    return false;
  va_start(ap, fmt);
  vsnprintf(d->err + k, d->size - (size_t)k, fmt, ap);
  va_end(ap);
  return false;
}

bool mlySafetensorsDTypeParse(const char *name, MlyDType *dtype) {
  for (size_t i = 0; i < NUM_DTYPES; ++i) {
    if (!strcmp(name, mlyDTypeName((MlyDType)i))) {
      *dtype = (MlyDType)i;
      return true;
    }
  }
  return false;
}

static void format_shape(char *s, const int64_t *dims, int64_t rank) {
  size_t k = 0;
  s[k++] = '[';
  for (int64_t i = 0; i < rank; ++i)
    k += (size_t)snprintf(s + k, SHAPE_TEXT_SIZE - k, "%s%" PRId64,
                          i ? ", " : "", dims[i]);
  s[k++] = ']';
  s[k] = 0;
}

/* Element count and byte size of a shape, false on 64-bit overflow (with
 * the message written). */
static bool shape_bytes(const diag *d, const char *name, MlyDType dtype,
                        const int64_t *dims, int64_t rank, uint64_t *bytes) {
  uint64_t numel = 1;
  for (int64_t i = 0; i < rank; ++i)
    if (__builtin_mul_overflow(numel, (uint64_t)dims[i], &numel))
      return fail(d, "tensor '%s': element count overflows 64 bits", name);
  if (__builtin_mul_overflow(numel, (uint64_t)mlyDTypeSize(dtype), bytes))
    return fail(d, "tensor '%s': byte size overflows 64 bits", name);
  return true;
}

/* Validates one header entry and fills *e (data not yet set). */
static bool parse_entry(const diag *d, const char *name, json_t *v,
                        uint64_t data_len, entry *e) {
  json_t *dtype = json_object_get(v, "dtype");
  json_t *shape = json_object_get(v, "shape");
  json_t *offsets = json_object_get(v, "data_offsets");
  json_t *x;
  size_t i;
  uint64_t bytes;
  char text[SHAPE_TEXT_SIZE];

  e->name = name;
  if (!json_is_object(v))
    return fail(d, "tensor '%s': entry is not an object", name);
  if (!dtype)
    return fail(d, "tensor '%s': missing 'dtype'", name);
  if (!shape)
    return fail(d, "tensor '%s': missing 'shape'", name);
  if (!offsets)
    return fail(d, "tensor '%s': missing 'data_offsets'", name);

  if (!json_is_string(dtype))
    return fail(d, "tensor '%s': 'dtype' is not a string", name);
  if (!mlySafetensorsDTypeParse(json_string_value(dtype), &e->t.dtype))
    return fail(d, "tensor '%s': unknown dtype '%s'", name,
                json_string_value(dtype));

  if (!json_is_array(shape))
    return fail(d, "tensor '%s': 'shape' is not an array", name);
  if (json_array_size(shape) > MLY_TENSOR_MAX_RANK)
    return fail(d, "tensor '%s': rank %zu exceeds the maximum of %d", name,
                json_array_size(shape), MLY_TENSOR_MAX_RANK);
  e->t.rank = (int64_t)json_array_size(shape);
  json_array_foreach(shape, i, x) {
    if (!json_is_integer(x))
      return fail(d, "tensor '%s': dimension %zu is not an integer", name, i);
    if (json_integer_value(x) < 0)
      return fail(
          d,
          "tensor '%s': dimension %zu is negative (%" JSON_INTEGER_FORMAT ")",
          name, i, json_integer_value(x));
    e->t.dims[i] = json_integer_value(x);
  }
  if (!shape_bytes(d, name, e->t.dtype, e->t.dims, e->t.rank, &bytes))
    return false;

  if (!json_is_array(offsets) || json_array_size(offsets) != 2 ||
      !json_is_integer(json_array_get(offsets, 0)) ||
      !json_is_integer(json_array_get(offsets, 1)) ||
      json_integer_value(json_array_get(offsets, 0)) < 0 ||
      json_integer_value(json_array_get(offsets, 1)) < 0)
    return fail(d,
                "tensor '%s': 'data_offsets' is not an array of 2 "
                "non-negative integers",
                name);
  e->begin = (uint64_t)json_integer_value(json_array_get(offsets, 0));
  e->end = (uint64_t)json_integer_value(json_array_get(offsets, 1));
  if (e->begin > e->end)
    return fail(d,
                "tensor '%s': data_offsets [%" PRIu64 ", %" PRIu64
                "] begin after end",
                name, e->begin, e->end);
  if (e->end > data_len)
    return fail(d,
                "tensor '%s': data_offsets [%" PRIu64 ", %" PRIu64
                "] past the end of the %" PRIu64 "-byte data region",
                name, e->begin, e->end, data_len);
  if (bytes != e->end - e->begin) {
    format_shape(text, e->t.dims, e->t.rank);
    return fail(d,
                "tensor '%s': shape %s of %s is %" PRIu64
                " bytes but data_offsets [%" PRIu64 ", %" PRIu64
                "] span %" PRIu64,
                name, text, mlyDTypeName(e->t.dtype), bytes, e->begin, e->end,
                e->end - e->begin);
  }
  e->t.nbytes = (size_t)bytes;
  return true;
}

static bool parse_metadata(const diag *d, json_t *v, MlySafetensors *st) {
  const char *key;
  json_t *x;

  if (!json_is_object(v))
    return fail(d, "'__metadata__' is not an object");
  st->meta = calloc(json_object_size(v) + 1, sizeof *st->meta);
  if (!st->meta)
    return fail(d, "out of memory");
  json_object_foreach(v, key, x) {
    if (!json_is_string(x))
      return fail(d, "'__metadata__' value of '%s' is not a string", key);
    st->meta[st->n_meta].key = key;
    st->meta[st->n_meta++].value = json_string_value(x);
  }
  return true;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static int by_span(const void *a, const void *b) {
  const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp(x->name, y->name);
}

/* Rejects two tensors sharing a byte; empty tensors share none. */
static bool check_overlaps(const diag *d, const MlySafetensors *st) {
  bool ok = false;
  const entry **spans = malloc((st->n + 1) * sizeof *spans);
  const entry *prev = NULL;
  size_t n = 0;

  if (!spans) {
    fail(d, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < st->n; ++i)
    if (st->tensors[i].begin != st->tensors[i].end)
      spans[n++] = &st->tensors[i];
  qsort(spans, n, sizeof *spans, by_span);
  for (size_t i = 0; i < n; prev = spans[i++]) {
    if (prev && spans[i]->begin < prev->end) {
      fail(d,
           "tensors '%s' [%" PRIu64 ", %" PRIu64 ") and '%s' [%" PRIu64
           ", %" PRIu64 ") overlap",
           prev->name, prev->begin, prev->end, spans[i]->name, spans[i]->begin,
           spans[i]->end);
      goto out_free_spans;
    }
  }
  ok = true;
out_free_spans:
  free(spans);
out:
  return ok;
}

/* Parses and validates the header text[len] against a data region of
 * data_len bytes at data; fills st. */
static bool parse_header(const diag *d, MlySafetensors *st, const char *text,
                         size_t len, unsigned char *data, uint64_t data_len) {
  json_error_t je;
  const char *key;
  json_t *v;

  st->header = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  if (!st->header) {
    static const char dup[] = "duplicate object key near ";
    if (json_error_code(&je) == json_error_duplicate_key &&
        !strncmp(je.text, dup, sizeof dup - 1))
      return fail(d, "duplicate name %s in header at byte %d",
                  je.text + sizeof dup - 1, je.position);
    return fail(d, "header is not valid JSON: %s at byte %d", je.text,
                je.position);
  }
  if (!json_is_object(st->header))
    return fail(d, "header is not a JSON object");
  st->tensors = calloc(json_object_size(st->header) + 1, sizeof *st->tensors);
  if (!st->tensors)
    return fail(d, "out of memory");
  json_object_foreach(st->header, key, v) {
    if (!strcmp(key, "__metadata__")) {
      if (!parse_metadata(d, v, st))
        return false;
      continue;
    }
    entry *e = &st->tensors[st->n];
    if (!parse_entry(d, key, v, data_len, e))
      return false;
    e->t.data = data + e->begin;
    st->n++;
  }
  qsort(st->tensors, st->n, sizeof *st->tensors, by_name);
  return check_overlaps(d, st);
}

/* Reads exactly n bytes; false on error or early end of file. */
static bool read_full(int fd, unsigned char *p, uint64_t n) {
  while (n) {
    ssize_t k = read(fd, p, n > (1u << 30) ? (1u << 30) : (size_t)n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    p += k;
    n -= (uint64_t)k;
  }
  return true;
}

MlySafetensors *mlySafetensorsOpen(const char *path, char *err,
                                   size_t err_size) {
  diag d = {path, err, err_size};
  MlySafetensors *st = NULL;
  unsigned char len8[8];
  uint64_t file_size, hlen;
  size_t pad;
  struct stat sb;
  int fd;

  if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
    fail(&d, "cannot open: %s", strerror(errno));
    goto out;
  }
  if (fstat(fd, &sb)) {
    fail(&d, "cannot stat: %s", strerror(errno));
    goto out_close;
  }
  if (!S_ISREG(sb.st_mode)) {
    fail(&d, "not a regular file");
    goto out_close;
  }
  file_size = (uint64_t)sb.st_size;
  if (file_size < 8) {
    fail(&d,
         "file is %" PRIu64 " bytes, too short for the 8-byte header length",
         file_size);
    goto out_close;
  }
  if (!read_full(fd, len8, 8)) {
    fail(&d, "cannot read the header length");
    goto out_close;
  }
  hlen = 0;
  for (int i = 7; i >= 0; --i)
    hlen = hlen << 8 | len8[i];
  if (hlen > MLY_SAFETENSORS_MAX_HEADER_SIZE) {
    fail(&d, "header length %" PRIu64 " exceeds the limit of %u bytes", hlen,
         MLY_SAFETENSORS_MAX_HEADER_SIZE);
    goto out_close;
  }
  if (hlen > file_size - 8) {
    fail(&d,
         "header length %" PRIu64 " is larger than the %" PRIu64
         " bytes after it",
         hlen, file_size - 8);
    goto out_close;
  }
  if (file_size > SIZE_MAX - 8) {
    fail(&d, "file of %" PRIu64 " bytes does not fit in memory", file_size);
    goto out_close;
  }
  if (!(st = calloc(1, sizeof *st))) {
    fail(&d, "out of memory");
    goto out_close;
  }
  /* The data region starts at 8 + hlen in the file: shift the file in the
   * buffer so that it lands on an 8-byte boundary. */
  pad = (size_t)((8 - (8 + hlen) % 8) % 8);
  if (!(st->buf = malloc((size_t)file_size + pad))) {
    fail(&d, "out of memory reading %" PRIu64 " bytes", file_size);
    goto out_destroy;
  }
  memcpy(st->buf + pad, len8, 8);
  if (!read_full(fd, st->buf + pad + 8, file_size - 8)) {
    fail(&d, "cannot read %" PRIu64 " bytes (did the file shrink?)", file_size);
    goto out_destroy;
  }
  if (!parse_header(&d, st, (const char *)st->buf + pad + 8, (size_t)hlen,
                    st->buf + pad + 8 + hlen, file_size - 8 - hlen))
    goto out_destroy;
  goto out_close;

out_destroy:
  mlySafetensorsDestroy(st);
  st = NULL;
out_close:
  close(fd);
out:
  return st;
}

void mlySafetensorsDestroy(MlySafetensors *st) {
  if (!st)
    return;
  json_decref(st->header);
  free(st->tensors);
  free(st->meta);
  free(st->buf);
  free(st);
}

size_t mlySafetensorsGetNumTensors(const MlySafetensors *st) { return st->n; }

const char *mlySafetensorsGetName(const MlySafetensors *st, size_t i) {
  return i < st->n ? st->tensors[i].name : NULL;
}

bool mlySafetensorsGetTensor(const MlySafetensors *st, size_t i,
                             MlyTensor *out) {
  if (i >= st->n)
    return false;
  *out = st->tensors[i].t;
  return true;
}

bool mlySafetensorsLookup(const MlySafetensors *st, const char *name,
                          MlyTensor *out) {
  entry key = {.name = name};
  const entry *e = bsearch(&key, st->tensors, st->n, sizeof key, by_name);
  if (!e)
    return false;
  *out = e->t;
  return true;
}

size_t mlySafetensorsGetNumMetadata(const MlySafetensors *st) {
  return st->n_meta;
}

const char *mlySafetensorsGetMetadataKey(const MlySafetensors *st, size_t i) {
  return i < st->n_meta ? st->meta[i].key : NULL;
}

const char *mlySafetensorsGetMetadataValue(const MlySafetensors *st, size_t i) {
  return i < st->n_meta ? st->meta[i].value : NULL;
}

const char *mlySafetensorsLookupMetadata(const MlySafetensors *st,
                                         const char *key) {
  for (size_t i = 0; i < st->n_meta; ++i)
    if (!strcmp(st->meta[i].key, key))
      return st->meta[i].value;
  return NULL;
}

/* ---- Writer ---- */

typedef struct item {
  const char *name;
  const MlyTensor *t;
} item;

/* The reference's order: dtype rank descending, then name. */
static int by_layout(const void *a, const void *b) {
  const item *x = a, *y = b;
  int rx = dtypes[x->t->dtype].rank, ry = dtypes[y->t->dtype].rank;
  if (rx != ry)
    return rx > ry ? -1 : 1;
  return strcmp(x->name, y->name);
}

static bool check_tensor(const diag *d, size_t i, const char *name,
                         const MlyTensor *t) {
  uint64_t bytes;
  json_t *s;

  if (!name)
    return fail(d, "tensor %zu has no name", i);
  if (!(s = json_string(name)))
    return fail(d, "tensor %zu: name is not valid UTF-8", i);
  json_decref(s);
  if (!strcmp(name, "__metadata__"))
    return fail(d, "tensor name '__metadata__' is reserved");
  if ((unsigned)t->dtype >= NUM_DTYPES)
    return fail(d, "tensor '%s': invalid dtype %d", name, (int)t->dtype);
  if (t->rank < 0 || t->rank > MLY_TENSOR_MAX_RANK)
    return fail(d, "tensor '%s': rank %" PRId64 " is not in [0, %d]", name,
                t->rank, MLY_TENSOR_MAX_RANK);
  for (int64_t k = 0; k < t->rank; ++k)
    if (t->dims[k] < 0)
      return fail(
          d, "tensor '%s': dimension %" PRId64 " is negative (%" PRId64 ")",
          name, k, t->dims[k]);
  if (!shape_bytes(d, name, t->dtype, t->dims, t->rank, &bytes))
    return false;
  if (bytes != t->nbytes)
    return fail(d,
                "tensor '%s': nbytes is %zu, its shape and dtype need %" PRIu64,
                name, t->nbytes, bytes);
  if (bytes && !t->data)
    return fail(d, "tensor '%s': data is NULL", name);
  return true;
}

/* Builds the header object for items (already in layout order). */
static json_t *build_header(const diag *d, const item *items, size_t n,
                            const char *const *keys, const char *const *values,
                            size_t n_metadata) {
  json_t *h = json_object(), *md = NULL, *info = NULL, *shape;
  uint64_t offset = 0;

  if (!h)
    goto out_oom;
  if (n_metadata) {
    if (!(md = json_object()) || json_object_set_new(h, "__metadata__", md))
      goto out_oom;
    for (size_t i = 0; i < n_metadata; ++i) {
      if (!keys[i] || !values[i]) {
        fail(d, "metadata entry %zu has a NULL key or value", i);
        goto out_free;
      }
      if (json_object_get(md, keys[i])) {
        fail(d, "duplicate metadata key '%s'", keys[i]);
        goto out_free;
      }
      if (json_object_set_new(md, keys[i], json_string(values[i]))) {
        fail(d, "metadata entry %zu is not valid UTF-8", i);
        goto out_free;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const MlyTensor *t = items[i].t;
    if (json_object_get(h, items[i].name)) {
      fail(d, "duplicate tensor name '%s'", items[i].name);
      goto out_free;
    }
    if (offset + t->nbytes < offset || offset + t->nbytes > INT64_MAX) {
      fail(d, "total data size overflows 63 bits");
      goto out_free;
    }
    if (!(info = json_object()) ||
        json_object_set_new(info, "dtype",
                            json_string(mlyDTypeName(t->dtype))) ||
        !(shape = json_array()) || json_object_set_new(info, "shape", shape))
      goto out_oom;
    for (int64_t k = 0; k < t->rank; ++k)
      if (json_array_append_new(shape, json_integer(t->dims[k])))
        goto out_oom;
    if (json_object_set_new(info, "data_offsets",
                            json_pack("[II]", (json_int_t)offset,
                                      (json_int_t)(offset + t->nbytes))))
      goto out_oom;
    offset += t->nbytes;
    if (json_object_set_new(h, items[i].name, info)) {
      info = NULL; /* json_object_set_new released it */
      goto out_oom;
    }
    info = NULL;
  }
  return h;

out_oom:
  fail(d, "out of memory");
out_free:
  json_decref(info);
  json_decref(h);
  return NULL;
}

bool mlySafetensorsWriteWithMetadata(const char *path, const char *const *names,
                                     const MlyTensor *tensors, size_t n,
                                     const char *const *keys,
                                     const char *const *values,
                                     size_t n_metadata, char *err,
                                     size_t err_size) {
  diag d = {path, err, err_size};
  bool ok = false;
  item *items;
  json_t *header;
  char *text;
  size_t len, pad;
  unsigned char len8[8];
  FILE *f;

  if (!(items = malloc((n + 1) * sizeof *items))) {
    fail(&d, "out of memory");
    goto out;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!check_tensor(&d, i, names[i], &tensors[i]))
      goto out_free_items;
    items[i] = (item){names[i], &tensors[i]};
  }
  qsort(items, n, sizeof *items, by_layout);
  if (!(header = build_header(&d, items, n, keys, values, n_metadata)))
    goto out_free_items;
  if (!(text = json_dumps(header, JSON_COMPACT))) {
    fail(&d, "out of memory");
    goto out_free_header;
  }
  len = strlen(text);
  pad = (8 - len % 8) % 8;
  for (int i = 0; i < 8; ++i)
    len8[i] = (unsigned char)((uint64_t)(len + pad) >> (8 * i));

  if (!(f = fopen(path, "wb"))) {
    fail(&d, "cannot open for writing: %s", strerror(errno));
    goto out_free_text;
  }
  if (fwrite(len8, 1, 8, f) != 8 || fwrite(text, 1, len, f) != len ||
      fwrite("        ", 1, pad, f) != pad)
    goto out_write_error;
  for (size_t i = 0; i < n; ++i)
    if (items[i].t->nbytes && fwrite(items[i].t->data, 1, items[i].t->nbytes,
                                     f) != items[i].t->nbytes)
      goto out_write_error;
  if (fclose(f)) {
    f = NULL;
    goto out_write_error;
  }
  ok = true;
  goto out_free_text;

out_write_error:
  fail(&d, "cannot write: %s", strerror(errno));
  if (f)
    fclose(f);
  remove(path);
out_free_text:
  free(text);
out_free_header:
  json_decref(header);
out_free_items:
  free(items);
out:
  return ok;
}

bool mlySafetensorsWrite(const char *path, const char *const *names,
                         const MlyTensor *tensors, size_t n, char *err,
                         size_t err_size) {
  return mlySafetensorsWriteWithMetadata(path, names, tensors, n, NULL, NULL, 0,
                                         err, err_size);
}
