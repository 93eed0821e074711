/* Host tensors: allocation, dtype facts and element conversions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mly_tensor.h"

size_t mlyDTypeSize(MlyDType dtype) {
  switch (dtype) {
  case MLY_DTYPE_F32: return 4;
  case MLY_DTYPE_F16: return 2;
  case MLY_DTYPE_BF16: return 2;
  case MLY_DTYPE_I64: return 8;
  case MLY_DTYPE_I32: return 4;
  case MLY_DTYPE_I8: return 1;
  case MLY_DTYPE_U8: return 1;
  case MLY_DTYPE_BOOL: return 1;
  }
  return 0; /* not an MlyDType */
}

const char *mlyDTypeName(MlyDType dtype) {
  switch (dtype) {
  case MLY_DTYPE_F32: return "F32";
  case MLY_DTYPE_F16: return "F16";
  case MLY_DTYPE_BF16: return "BF16";
  case MLY_DTYPE_I64: return "I64";
  case MLY_DTYPE_I32: return "I32";
  case MLY_DTYPE_I8: return "I8";
  case MLY_DTYPE_U8: return "U8";
  case MLY_DTYPE_BOOL: return "BOOL";
  }
  return NULL; /* not an MlyDType */
}

int mlyDTypeIsFloat(MlyDType dtype) {
  return dtype == MLY_DTYPE_F32 || dtype == MLY_DTYPE_F16 ||
         dtype == MLY_DTYPE_BF16;
}

size_t mlyTensorNumElements(const MlyTensor *t) {
  size_t n = 1;
  for (int64_t i = 0; i < t->rank; ++i)
    n *= (size_t)t->dims[i];
  return n;
}

int mlyTensorAlloc(MlyTensor *t, MlyDType dtype, int64_t rank,
                   const int64_t *dims) {
  if (rank < 0 || rank > MLY_TENSOR_MAX_RANK)
    return -1;
  size_t n = 1, esize = mlyDTypeSize(dtype);
  for (int64_t i = 0; i < rank; ++i) {
    if (dims[i] < 0 || (dims[i] && n > SIZE_MAX / esize / (size_t)dims[i]))
      return -1;
    n *= (size_t)dims[i];
  }
  /* 64-byte aligned (as GPU kernels may take their buffers), rounded up
   * to a whole number of 64 bytes as aligned_alloc wants, never empty */
  size_t bytes = n * esize;
  if (bytes > SIZE_MAX - 64)
    return -1;
  size_t round = bytes ? (bytes + 63) / 64 * 64 : 64;
  void *data = aligned_alloc(64, round);
  if (!data)
    return -1;
  memset(data, 0, round);
  t->dtype = dtype;
  t->rank = rank;
  memcpy(t->dims, dims, (size_t)rank * sizeof *dims);
  t->data = data;
  t->nbytes = n * esize;
  return 0;
}

void mlyTensorFree(MlyTensor *t) {
  free(t->data);
  memset(t, 0, sizeof *t);
}

float mlyF16ToF32(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, bits;
  if (exp == 0) {
    if (!mant) {
      bits = sign;
    } else { /* subnormal: normalize */
      int e = -1;
      do {
        ++e;
        mant <<= 1;
      } while (!(mant & 0x400));
      bits = sign | ((uint32_t)(127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000 | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

uint16_t mlyF32ToF16(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
  uint32_t exp = (x >> 23) & 0xff, mant = x & 0x7fffff;
  if (exp == 0xff) /* inf or NaN (keep NaN quiet) */
    return sign | 0x7c00 | (mant ? 0x200 : 0);
  int e = (int)exp - 127 + 15;
  if (e >= 31)
    return sign | 0x7c00;
  if (e <= 0) { /* subnormal or zero in half */
    if (e < -10)
      return sign;
    mant |= 0x800000;
    int shift = 14 - e;
    uint32_t half = mant >> shift, rem = mant & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1)))
      ++half;
    return sign | (uint16_t)half;
  }
  uint32_t half = ((uint32_t)e << 10) | (mant >> 13), rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1)))
    ++half; /* may carry into the exponent, up to inf: correct */
  return sign | (uint16_t)half;
}

float mlyBF16ToF32(uint16_t h) {
  uint32_t bits = (uint32_t)h << 16;
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

uint16_t mlyF32ToBF16(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  if ((x & 0x7f800000) == 0x7f800000 && (x & 0x7fffff))
    return (uint16_t)((x >> 16) | 0x40);
  x += 0x7fff + ((x >> 16) & 1);
  return (uint16_t)(x >> 16);
}

double mlyTensorLoadF64(const MlyTensor *t, size_t i) {
  const unsigned char *p = (const unsigned char *)t->data;
  switch (t->dtype) {
  case MLY_DTYPE_F32: { float v; memcpy(&v, p + 4 * i, 4); return v; }
  case MLY_DTYPE_F16: { uint16_t v; memcpy(&v, p + 2 * i, 2); return mlyF16ToF32(v); }
  case MLY_DTYPE_BF16: { uint16_t v; memcpy(&v, p + 2 * i, 2); return mlyBF16ToF32(v); }
  default: return (double)mlyTensorLoadI64(t, i);
  }
}

int64_t mlyTensorLoadI64(const MlyTensor *t, size_t i) {
  const unsigned char *p = (const unsigned char *)t->data;
  switch (t->dtype) {
  case MLY_DTYPE_I64: { int64_t v; memcpy(&v, p + 8 * i, 8); return v; }
  case MLY_DTYPE_I32: { int32_t v; memcpy(&v, p + 4 * i, 4); return v; }
  case MLY_DTYPE_I8: return (int8_t)p[i];
  case MLY_DTYPE_U8: return p[i];
  case MLY_DTYPE_BOOL: return p[i] != 0;
  default: {
    double d = mlyTensorLoadF64(t, i);
    if (isnan(d))
      return 0;
    if (d >= 9.2233720368547758e18)
      return INT64_MAX;
    if (d <= -9.2233720368547758e18)
      return INT64_MIN;
    return (int64_t)d;
  }
  }
}

void mlyTensorStoreF64(MlyTensor *t, size_t i, double v) {
  unsigned char *p = (unsigned char *)t->data;
  switch (t->dtype) {
  case MLY_DTYPE_F32: { float f = (float)v; memcpy(p + 4 * i, &f, 4); return; }
  case MLY_DTYPE_F16: { uint16_t h = mlyF32ToF16((float)v); memcpy(p + 2 * i, &h, 2); return; }
  case MLY_DTYPE_BF16: { uint16_t h = mlyF32ToBF16((float)v); memcpy(p + 2 * i, &h, 2); return; }
  case MLY_DTYPE_BOOL: p[i] = v != 0; return;
  default: {
    int64_t x = 0;
    if (!isnan(v))
      x = v >= 9.2233720368547758e18    ? INT64_MAX
          : v <= -9.2233720368547758e18 ? INT64_MIN
                                        : (int64_t)v;
    mlyTensorStoreI64(t, i, x);
  }
  }
}

void mlyTensorStoreI64(MlyTensor *t, size_t i, int64_t v) {
  unsigned char *p = (unsigned char *)t->data;
  switch (t->dtype) {
  case MLY_DTYPE_I64: memcpy(p + 8 * i, &v, 8); return;
  case MLY_DTYPE_I32: { int32_t x = (int32_t)(uint32_t)v; memcpy(p + 4 * i, &x, 4); return; }
  case MLY_DTYPE_I8: p[i] = (unsigned char)(int8_t)(uint8_t)v; return;
  case MLY_DTYPE_U8: p[i] = (unsigned char)v; return;
  case MLY_DTYPE_BOOL: p[i] = v != 0; return;
  default: mlyTensorStoreF64(t, i, (double)v); return;
  }
}
