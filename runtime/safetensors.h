/* runtime: reading and writing safetensors files.
 *
 * A safetensors file is an 8-byte little-endian header length N, N bytes of
 * JSON header mapping each tensor name to {"dtype", "shape",
 * "data_offsets": [begin, end]} (plus an optional "__metadata__" object of
 * strings), then the data region; offsets are relative to its start.
 *
 * The reader trusts nothing in the file: every malformed header is a
 * message naming the file and the problem, never a crash or an allocation
 * sized by an unchecked field. */
#ifndef MLY_RUNTIME_SAFETENSORS_H
#define MLY_RUNTIME_SAFETENSORS_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/mly_tensor.h"

/* Headers longer than this are rejected as absurd (the reference
 * implementation's limit). */
#define MLY_SAFETENSORS_MAX_HEADER_SIZE 100000000u

/* An opened, validated safetensors file held in memory. */
typedef struct MlySafetensors MlySafetensors;

/* Parses a safetensors dtype name (case-sensitive, "F32" ...). Returns
 * false, leaving *dtype untouched, for any other string. */
bool mlySafetensorsDTypeParse(const char *name, MlyDType *dtype);

/* Reads the whole file at `path` and validates its header: dtypes, shapes,
 * sizes, offsets within the data region, no overlapping tensors, no
 * duplicate names, rank at most MLY_TENSOR_MAX_RANK, metadata values all
 * strings. Gaps between tensors and trailing bytes are allowed.
 * Returns a handle the caller releases with mlySafetensorsDestroy. On
 * failure returns NULL and, when err is not NULL, writes a NUL-terminated
 * message "<path>: <problem>" into err (cut to err_size bytes). */
MlySafetensors *mlySafetensorsOpen(const char *path, char *err,
                                   size_t err_size);

/* Releases st and every name, value and tensor buffer handed out from it.
 * NULL is a no-op. */
void mlySafetensorsDestroy(MlySafetensors *st);

/* Returns the number of tensors in st. */
size_t mlySafetensorsGetNumTensors(const MlySafetensors *st);

/* Returns the name of tensor i (0 <= i < GetNumTensors), in increasing
 * strcmp order; owned by st. Returns NULL for i out of range. */
const char *mlySafetensorsGetName(const MlySafetensors *st, size_t i);

/* Fills *out with tensor i (same order as GetName). out->data points into
 * st's buffer and lives as long as st; it may be written (the file is not).
 * It is aligned to the element size whenever the tensor's begin offset is
 * a multiple of it, which holds for every file mlySafetensorsWrite or the
 * reference implementation writes. Returns false for i out of range. */
bool mlySafetensorsGetTensor(const MlySafetensors *st, size_t i,
                             MlyTensor *out);

/* Looks a tensor up by name (binary search) and fills *out as GetTensor
 * does. Returns false, leaving *out untouched, when there is none. */
bool mlySafetensorsLookup(const MlySafetensors *st, const char *name,
                          MlyTensor *out);

/* Returns the number of "__metadata__" entries (0 when there are none). */
size_t mlySafetensorsGetNumMetadata(const MlySafetensors *st);

/* Returns the key / value of metadata entry i in file order, owned by st;
 * NULL for i out of range. */
const char *mlySafetensorsGetMetadataKey(const MlySafetensors *st, size_t i);
const char *mlySafetensorsGetMetadataValue(const MlySafetensors *st, size_t i);

/* Returns the metadata value of `key`, owned by st, or NULL if absent. */
const char *mlySafetensorsLookupMetadata(const MlySafetensors *st,
                                         const char *key);

/* Writes n tensors named names[i] to `path`, as the reference
 * implementation does: data ordered by element size (largest first) then
 * name, so every tensor is aligned to its element size; a compact JSON
 * header with "__metadata__" first and tensors in data order, padded with
 * spaces to a multiple of 8 bytes. Each tensor's nbytes must equal its
 * element count times the element size, names must be distinct, valid
 * UTF-8 and not "__metadata__". Nothing is borrowed past the call.
 * Returns true on success. On failure returns false with the message
 * "<path>: <problem>" in err as mlySafetensorsOpen does, and leaves no
 * file at path when it got as far as creating one. */
bool mlySafetensorsWrite(const char *path, const char *const *names,
                         const MlyTensor *tensors, size_t n, char *err,
                         size_t err_size);

/* mlySafetensorsWrite plus n_metadata "__metadata__" entries
 * keys[i] = values[i] (distinct keys, UTF-8), written in the given order. */
bool mlySafetensorsWriteWithMetadata(const char *path, const char *const *names,
                                     const MlyTensor *tensors, size_t n,
                                     const char *const *keys,
                                     const char *const *values,
                                     size_t n_metadata, char *err,
                                     size_t err_size);

#endif /* MLY_RUNTIME_SAFETENSORS_H */
