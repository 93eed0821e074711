/* runtime: host tensors shared by safetensors I/O, the reference
 * interpreter and the tools. */
#ifndef MLY_RUNTIME_TENSOR_H
#define MLY_RUNTIME_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#define MLY_TENSOR_MAX_RANK 16

/* Element types the runtime stores (safetensors names in comments). */
typedef enum MlyDType {
  MLY_DTYPE_F32,  /* F32 */
  MLY_DTYPE_F16,  /* F16 */
  MLY_DTYPE_BF16, /* BF16 */
  MLY_DTYPE_I64,  /* I64 */
  MLY_DTYPE_I32,  /* I32 */
  MLY_DTYPE_I8,   /* I8 */
  MLY_DTYPE_U8,   /* U8 */
  MLY_DTYPE_BOOL, /* BOOL, one byte per element */
} MlyDType;

/* A dense, row-major tensor. `data` holds nbytes = numel * element size;
 * the owner is stated by whoever hands a tensor out. */
typedef struct MlyTensor {
  MlyDType dtype;
  int64_t rank;
  int64_t dims[MLY_TENSOR_MAX_RANK];
  void *data;
  size_t nbytes;
} MlyTensor;

/* Bytes per element of `dtype` (1 for BOOL); 0 for a value outside
 * MlyDType. */
size_t mlyDTypeSize(MlyDType dtype);
/* The safetensors name of `dtype` ("F32"); NULL outside MlyDType. */
const char *mlyDTypeName(MlyDType dtype);
/* Whether `dtype` is a floating-point type. */
int mlyDTypeIsFloat(MlyDType dtype);

/* Number of elements of `t` (1 for rank 0). Sizes are checked where
 * tensors are made, so this cannot overflow for a valid tensor. */
size_t mlyTensorNumElements(const MlyTensor *t);

/* Fills `t` with a zeroed buffer for `dtype` and `dims[0..rank)`. Returns
 * 0 on success, -1 when rank exceeds MLY_TENSOR_MAX_RANK, a dim is
 * negative, the byte size overflows or allocation fails (t untouched).
 * t->data is 64-byte aligned. The caller owns it: release it with
 * mlyTensorFree. */
int mlyTensorAlloc(MlyTensor *t, MlyDType dtype, int64_t rank,
                   const int64_t *dims);
/* Frees t->data and clears t. Accepts a cleared tensor. */
void mlyTensorFree(MlyTensor *t);

/* Element i of `t` as a double / as an int64 (floats truncate toward 0,
 * bool is 0 or 1). */
double mlyTensorLoadF64(const MlyTensor *t, size_t i);
int64_t mlyTensorLoadI64(const MlyTensor *t, size_t i);
/* Stores v into element i, converting to t's dtype: floats round to
 * nearest even, integers truncate toward 0 and wrap like PyTorch's casts,
 * bool is v != 0. */
void mlyTensorStoreF64(MlyTensor *t, size_t i, double v);
void mlyTensorStoreI64(MlyTensor *t, size_t i, int64_t v);

/* IEEE half and bfloat16 conversions (round to nearest even). */
float mlyF16ToF32(uint16_t h);
uint16_t mlyF32ToF16(float f);
float mlyBF16ToF32(uint16_t h);
uint16_t mlyF32ToBF16(float f);

#endif /* MLY_RUNTIME_TENSOR_H */
