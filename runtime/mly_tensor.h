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

#endif /* MLY_RUNTIME_TENSOR_H */
