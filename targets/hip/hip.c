/* The HIP target: one .hip source for a gpu.module, printed by the
 * C-family printer (targets/cfamily) with HIP's spellings.
 *
 * Conventions of the emitted source (runtime/hip_sim's shim, the AMDGPU
 * header targets/hip/include/hip/hip_runtime.h and bench/hip_cuda's
 * CUDA header rely on them):
 * - `#include <hip/hip_runtime.h>`, `#define MLY_WAVE_SIZE <wave-size>`,
 *   the helpers used (mly_maximumf, mly_minimumf, mly_bitcast,
 *   mly_lane_id, mly_wave_id), then each memref.global constant as a
 *   flattened `__constant__ T name[N] = {...};`, then the kernels in the
 *   module's order.
 * - A kernel is `extern "C" __global__ void __launch_bounds__(N)
 *   <name>(...)` (N: the product of known_block_size, when given) whose
 *   parameters are its memref arguments in order, `[const] T *argI`
 *   (flattened row-major; `const` when the kernel never stores to it).
 *   Builtins are HIP's threadIdx, blockIdx, blockDim, gridDim. Workgroup
 *   attributions are `__shared__ T wgI[N];`, private ones `T prI[N];`,
 *   at the top of the body; an argument the kernel never uses is
 *   `(void)argI;`, one it uses is first declared 16-byte aligned
 *   (`argI = (T *)__builtin_assume_aligned(argI, 16);`, as the target ABI
 *   guarantees), so the compiler may merge adjacent accesses.
 * - f16 elements of the arguments are read and written as their bits
 *   (`__ushort_as_half(((const unsigned short *)argI)[i])`,
 *   `__half_as_ushort`): nvcc merges adjacent 16-bit integer accesses
 *   into vector ones, never __half's.
 * - Types: float, __half, __hip_bfloat16, bool, signed char, short, int,
 *   long long (index is int); f16 and bf16 math is computed in float.
 *   Math is HIP's device library (expf, tanhf, erff, rsqrtf...).
 * - gpu.subgroup_reduce is a butterfly of __shfl_xor over the
 *   MLY_WAVE_SIZE lanes of a wavefront (every lane must reach it);
 *   gpu.lane_id and gpu.subgroup_id count lanes of MLY_WAVE_SIZE in the
 *   linearized thread index.
 * Comparisons keep IEEE ordered/unordered semantics exactly, so the
 * source must be compiled without fast math. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "targets/cfamily/cfamily.h"
#include "targets/mly_target.h"
#include "targets/target_util.h"

typedef struct hip_state {
  int wave_size; /* 64 (CDNA) or 32 (RDNA) */
  bool occupancy; /* a kernel has mly.occupancy: the prelude defines
                     MLY_LAUNCH_BOUNDS */
} hip_state;

static bool hip_kernel_open(MlyCfEmitter *e, MlirOperation f, const char *name,
                            intptr_t n, const MlirValue *args) {
  hip_state *st = mlyCfState(e);
  if (st->wave_size != 32 &&
      !mlirOperationIsNull(mlyTgtFindOp(f, "gpu.subgroup_mma_"))) {
    mlyTgtOpError(f,
                  "uses subgroup matrix ops, which assume 32-lane subgroups; "
                  "emit it with --target-option=wave-size=32");
    return false;
  }
  MlirAttribute kbs = mlyTgtAttr(f, "known_block_size");
  long long threads = 0;
  if (!mlirAttributeIsNull(kbs) && mlirAttributeIsADenseI32Array(kbs) &&
      mlirDenseArrayGetNumElements(kbs) == 3)
    threads = (long long)mlirDenseI32ArrayGetElement(kbs, 0) *
              mlirDenseI32ArrayGetElement(kbs, 1) *
              mlirDenseI32ArrayGetElement(kbs, 2);
  if (threads < 0 || threads > 1024) {
    mlyTgtOpError(f,
                  "has known_block_size of %lld threads; HIP allows 1 to "
                  "1024",
                  threads);
    return false;
  }
  MlirAttribute occ = mlyTgtAttr(f, "mly.occupancy");
  long long wgs = !mlirAttributeIsNull(occ) && mlirAttributeIsAInteger(occ)
                      ? mlirIntegerAttrGetValueInt(occ)
                      : 1;
  if (wgs < 1 || wgs > 32) {
    mlyTgtOpError(f, "has mly.occupancy = %lld; 1 to 32 workgroups fit", wgs);
    return false;
  }
  mlyCfPrintf(e, "extern \"C\" __global__ void ");
  if (threads && wgs > 1) {
    mlyCfPrintf(e, "MLY_LAUNCH_BOUNDS(%lld, %lld) ", threads, wgs);
    st->occupancy = true;
  } else if (threads)
    mlyCfPrintf(e, "__launch_bounds__(%lld) ", threads);
  mlyCfPrintf(e, "%s(", name);
  for (intptr_t i = 0; i < n; ++i) {
    MlirType et = mlirShapedTypeGetElementType(mlirValueGetType(args[i]));
    mlyCfPrintf(e, "%s    %s%s *arg%d", i ? ",\n" : "\n",
                mlyCfArgWritten(args[i]) ? "" : "const ",
                mlyCfType(e, et, false), (int)i);
  }
  mlyCfPrintf(e, ") {\n");
  for (intptr_t i = 0; i < n; ++i) {
    MlirType et = mlirShapedTypeGetElementType(mlirValueGetType(args[i]));
    if (mlirOpOperandIsNull(mlirValueGetFirstUse(args[i])))
      mlyCfPrintf(e, "  (void)arg%d;\n", (int)i);
    else /* buffers are 16-byte aligned (targets/mly_target.h) */
      mlyCfPrintf(e,
                  "  arg%d = (%s%s *)__builtin_assume_aligned(arg%d, 16);\n",
                  (int)i, mlyCfArgWritten(args[i]) ? "" : "const ",
                  mlyCfType(e, et, false), (int)i);
  }
  return true;
}

/* gpu.subgroup_reduce as a butterfly of __shfl_xor over the wavefront:
 * after log2(MLY_WAVE_SIZE) exchanges every lane holds the reduction. */
static bool hip_subgroup_reduce(MlyCfEmitter *e, MlirOperation op) {
  const char *x = mlyCfOperand(e, op, 0);
  if (!x)
    return false;
  if (!mlirAttributeIsNull(mlyTgtAttr(op, "cluster_size"))) {
    mlyTgtOpError(op, "has a cluster size; the hip target reduces whole "
                      "wavefronts only");
    return false;
  }
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  const char *ty = mlyCfTypeOrError(e, op, t);
  if (!ty)
    return false;
  char *k = mlyCfAttrText(op, "op");
  const char *kind = k ? strrchr(k, ' ') : NULL;
  bool fl = mlyCfIsFloat(t), f32 = mlirTypeIsAF32(t);
  bool i64 = mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 64;
  /* What __shfl_xor moves: float, int or long long. */
  const char *shuf = fl ? "float" : i64 ? "long long" : "int";
  /* The combination of a (the lane's value) and b (its partner's), as a
   * format of a, b. Floats of 16 bits combine in float. */
  const char *fmt = NULL;
  char buf[160];
  bool ok = false;
  static const struct {
    const char *kind, *f32, *narrow, *integer;
  } red[] = {
      {" add>", "%1$s + %2$s", "(T)((float)%1$s + (float)%2$s)", "%1$s + %2$s"},
      {" mul>", "%1$s * %2$s", "(T)((float)%1$s * (float)%2$s)", "%1$s * %2$s"},
      {" minnumf>", "fminf(%1$s, %2$s)", "(T)fminf((float)%1$s, (float)%2$s)",
       NULL},
      {" maxnumf>", "fmaxf(%1$s, %2$s)", "(T)fmaxf((float)%1$s, (float)%2$s)",
       NULL},
      {" minimumf>", "mly_minimumf(%1$s, %2$s)",
       "(T)mly_minimumf((float)%1$s, (float)%2$s)", NULL},
      {" maximumf>", "mly_maximumf(%1$s, %2$s)",
       "(T)mly_maximumf((float)%1$s, (float)%2$s)", NULL},
      {" minsi>", NULL, NULL, "%1$s < %2$s ? %1$s : %2$s"},
      {" maxsi>", NULL, NULL, "%1$s > %2$s ? %1$s : %2$s"},
      {" minui>", NULL, NULL, "(U)%1$s < (U)%2$s ? %1$s : %2$s"},
      {" maxui>", NULL, NULL, "(U)%1$s > (U)%2$s ? %1$s : %2$s"},
      {" and>", NULL, NULL, "%1$s & %2$s"},
      {" or>", NULL, NULL, "%1$s | %2$s"},
      {" xor>", NULL, NULL, "%1$s ^ %2$s"},
  };
  size_t i = 0;
  for (; kind && i < sizeof red / sizeof *red; ++i)
    if (!strcmp(kind, red[i].kind))
      break;
  if (kind && i < sizeof red / sizeof *red)
    fmt = fl ? (f32 ? red[i].f32 : red[i].narrow) : red[i].integer;
  if (!fmt) {
    mlyTgtOpError(op,
                  "has reduction '%s' on '%s', which the hip target does not "
                  "support",
                  k ? k : "?", ty);
    goto out;
  }
  if (strstr(red[i].kind, "imum"))
    mlyCfNeed(e, strstr(red[i].kind, "max") ? MLY_CF_NEED_MAXIMUMF
                                            : MLY_CF_NEED_MINIMUMF);
  const char *v = mlyCfFresh(e, mlirOperationGetResult(op, 0));
  if (!v)
    goto out;
  /* Spell T and U of the format with the operand's types. */
  char spelled[160];
  size_t m = 0;
  for (const char *c = fmt; *c && m + 32 < sizeof spelled; ++c) {
    if (*c == 'T' && c[1] == ')')
      m += (size_t)snprintf(spelled + m, sizeof spelled - m, "%s", ty);
    else if (*c == 'U' && c[1] == ')')
      m += (size_t)snprintf(spelled + m, sizeof spelled - m, "%s",
                            mlyCfType(e, t, true));
    else
      spelled[m++] = *c;
  }
  spelled[m] = 0;
  snprintf(buf, sizeof buf, spelled, v, "mly_x");
  mlyCfLine(e, "%s %s = %s;", ty, v, x);
  mlyCfLine(e, "for (int mly_o = MLY_WAVE_SIZE / 2; mly_o > 0; mly_o /= 2) {");
  mlyCfLine(e, "  %s mly_x = (%s)__shfl_xor((%s)%s, mly_o, MLY_WAVE_SIZE);", ty,
            ty, shuf, v);
  mlyCfLine(e, "  %s = %s;", v, buf);
  mlyCfLine(e, "}");
  ok = true;
out:
  free(k);
  return ok;
}

static const char maximumf_helper[] =
    "\n// arith.maximumf: NaN when either is NaN; +0 is above -0.\n"
    "static __device__ inline float mly_maximumf(float a, float b) {\n"
    "  if (a != a || b != b)\n"
    "    return a + b;\n"
    "  if (a == b)\n"
    "    return copysignf(1.0f, a) < 0.0f ? b : a;\n"
    "  return a > b ? a : b;\n"
    "}\n";

static const char minimumf_helper[] =
    "\n// arith.minimumf: NaN when either is NaN; -0 is below +0.\n"
    "static __device__ inline float mly_minimumf(float a, float b) {\n"
    "  if (a != a || b != b)\n"
    "    return a + b;\n"
    "  if (a == b)\n"
    "    return copysignf(1.0f, a) < 0.0f ? a : b;\n"
    "  return a < b ? a : b;\n"
    "}\n";

static const char bitcast_helper[] =
    "\n// arith.bitcast: the bits of u as a T of the same size.\n"
    "template <typename T, typename U>\n"
    "static __device__ inline T mly_bitcast(U u) {\n"
    "  static_assert(sizeof(T) == sizeof(U), \"mly_bitcast: sizes differ\");\n"
    "  union {\n"
    "    U u;\n"
    "    T t;\n"
    "  } x;\n"
    "  x.u = u;\n"
    "  return x.t;\n"
    "}\n";

static const char lane_helper[] =
    "\n// The lane in the wavefront, and the wavefront in the workgroup (not\n"
    "// static: nvcc warns of a static function nothing calls).\n"
    "__device__ inline int mly_linear_tid() {\n"
    "  return (int)(threadIdx.x +\n"
    "               blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z));\n"
    "}\n"
    "__device__ inline int mly_lane_id() {\n"
    "  return mly_linear_tid() % MLY_WAVE_SIZE;\n"
    "}\n"
    "__device__ inline int mly_wave_id() {\n"
    "  return mly_linear_tid() / MLY_WAVE_SIZE;\n"
    "}\n";

/* Subgroup matrix fragments on NVIDIA's tensor cores where the source is
 * compiled as CUDA (HIP's NVIDIA platform, sm_80 and later): ldmatrix
 * from workgroup memory and two mma.sync.m16n8k16 per 16 x 16 x 16
 * product, in the register layouts of the PTX ISA's m16n8k16 fragments.
 * A lane holds 8 halves of an A or B fragment and 8 floats of an
 * accumulator. A transposed operand (stored column by column) is loaded
 * with ldmatrix's .trans or without it, into the same fragment type.
 * Elsewhere the portable helpers (mlyCfMmaPortable) follow the #else. */
static const char mma_cuda[] =
    "\n#if defined(__CUDACC__)\n"
    "// Subgroup matrix fragments, 16 x 16 x 16: ldmatrix and mma.sync\n"
    "// m16n8k16 on tensor cores (the PTX ISA's fragment layouts).\n"
    "struct mly_mma_a {\n  unsigned x[4];\n};\n"
    "struct mly_mma_b {\n  unsigned x[4];\n};\n"
    "struct mly_mma_c {\n  float x[8];\n};\n"
    "__device__ inline unsigned mly_mma_lane() {\n"
    "  unsigned l;\n"
    "  asm(\"mov.u32 %0, %%laneid;\" : \"=r\"(l));\n"
    "  return l;\n"
    "}\n"
    "// Four 8 x 8 matrices; lane l gives the address of row l % 8 of\n"
    "// matrix l / 8.\n"
    "__device__ inline void mly_ldsm(unsigned *r, const __half *p) {\n"
    "  unsigned a = (unsigned)__cvta_generic_to_shared(p);\n"
    "  asm volatile(\"ldmatrix.sync.aligned.m8n8.x4.shared.b16 \"\n"
    "               \"{%0, %1, %2, %3}, [%4];\"\n"
    "               : \"=r\"(r[0]), \"=r\"(r[1]), \"=r\"(r[2]), \"=r\"(r[3])\n"
    "               : \"r\"(a));\n"
    "}\n"
    "__device__ inline void mly_ldsm_t(unsigned *r, const __half *p) {\n"
    "  unsigned a = (unsigned)__cvta_generic_to_shared(p);\n"
    "  asm volatile(\"ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 \"\n"
    "               \"{%0, %1, %2, %3}, [%4];\"\n"
    "               : \"=r\"(r[0]), \"=r\"(r[1]), \"=r\"(r[2]), \"=r\"(r[3])\n"
    "               : \"r\"(a));\n"
    "}\n"
    "__device__ inline mly_mma_c mly_mma_fill(float v) {\n"
    "  mly_mma_c c;\n"
    "  for (int i = 0; i < 8; ++i)\n"
    "    c.x[i] = v;\n"
    "  return c;\n"
    "}\n"
    "// A: x[0..3] are rows 0-7 / 8-15 at k 0-7, then at k 8-15.\n"
    "__device__ inline mly_mma_a mly_mma_load_a(const __half *p, int ld) {\n"
    "  unsigned l = mly_mma_lane(), i = l / 8;\n"
    "  mly_mma_a f;\n"
    "  mly_ldsm(f.x, p + (int)((i % 2) * 8 + l % 8) * ld + (int)(i / 2) * 8);\n"
    "  return f;\n"
    "}\n"
    "__device__ inline mly_mma_a mly_mma_load_at(const __half *p, int ld) {\n"
    "  unsigned l = mly_mma_lane(), i = l / 8;\n"
    "  mly_mma_a f;\n"
    "  mly_ldsm_t(f.x, p + (int)((i / 2) * 8 + l % 8) * ld + (int)(i % 2) * 8);\n"
    "  return f;\n"
    "}\n"
    "// B: x[0..3] are columns 0-7 at k 0-7 and 8-15, then columns 8-15.\n"
    "__device__ inline mly_mma_b mly_mma_load_b(const __half *p, int ld) {\n"
    "  unsigned l = mly_mma_lane(), i = l / 8;\n"
    "  mly_mma_b f;\n"
    "  mly_ldsm_t(f.x, p + (int)((i % 2) * 8 + l % 8) * ld + (int)(i / 2) * 8);\n"
    "  return f;\n"
    "}\n"
    "__device__ inline mly_mma_b mly_mma_load_bt(const __half *p, int ld) {\n"
    "  unsigned l = mly_mma_lane(), i = l / 8;\n"
    "  mly_mma_b f;\n"
    "  mly_ldsm(f.x, p + (int)((i / 2) * 8 + l % 8) * ld + (int)(i % 2) * 8);\n"
    "  return f;\n"
    "}\n"
    "// C: x[4h + 2r + j] is row l / 4 + 8 r, column 8 h + 2 (l % 4) + j.\n"
    "__device__ inline mly_mma_c mly_mma_load_c(const float *p, int ld) {\n"
    "  unsigned l = mly_mma_lane();\n"
    "  mly_mma_c c;\n"
    "  for (int i = 0; i < 8; ++i)\n"
    "    c.x[i] = p[(int)(l / 4 + 8 * ((i / 2) % 2)) * ld +\n"
    "               (int)(8 * (i / 4) + 2 * (l % 4) + i % 2)];\n"
    "  return c;\n"
    "}\n"
    "__device__ inline mly_mma_c mly_mma_compute(const mly_mma_a &a,\n"
    "                                            const mly_mma_b &b,\n"
    "                                            mly_mma_c c) {\n"
    "  for (int h = 0; h < 2; ++h)\n"
    "    asm(\"mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 \"\n"
    "        \"{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, \"\n"
    "        \"{%0, %1, %2, %3};\"\n"
    "        : \"+f\"(c.x[4 * h]), \"+f\"(c.x[4 * h + 1]),\n"
    "          \"+f\"(c.x[4 * h + 2]), \"+f\"(c.x[4 * h + 3])\n"
    "        : \"r\"(a.x[0]), \"r\"(a.x[1]), \"r\"(a.x[2]), \"r\"(a.x[3]),\n"
    "          \"r\"(b.x[2 * h]), \"r\"(b.x[2 * h + 1]));\n"
    "  return c;\n"
    "}\n"
    "__device__ inline void mly_mma_store(float *p, const mly_mma_c &c,\n"
    "                                     int ld, int lane) {\n"
    "  (void)lane;\n"
    "  unsigned l = mly_mma_lane();\n"
    "  for (int i = 0; i < 8; ++i)\n"
    "    p[(int)(l / 4 + 8 * ((i / 2) % 2)) * ld +\n"
    "      (int)(8 * (i / 4) + 2 * (l % 4) + i % 2)] = c.x[i];\n"
    "}\n"
    "#else\n";

/* Asynchronous copies (nvgpu.device_async_*): on NVIDIA, cp.async of 16
 * bytes from global into shared memory, closed into groups and waited on
 * by the count still in flight; elsewhere a plain 16-byte copy, complete
 * when it returns. */
static const char async_helpers[] =
    "\n#if defined(__CUDACC__)\n"
    "// Asynchronous 16-byte copies into shared memory (cp.async).\n"
    "__device__ inline void mly_cp16(void *dst, const void *src) {\n"
    "  unsigned d = (unsigned)__cvta_generic_to_shared(dst);\n"
    "  asm volatile(\"cp.async.cg.shared.global [%0], [%1], 16;\" ::\"r\"(d),\n"
    "               \"l\"(src) : \"memory\");\n"
    "}\n"
    "#define mly_cp_commit() asm volatile(\"cp.async.commit_group;\" ::: \"memory\")\n"
    "#define MLY_CP_WAIT(n) \\\n"
    "  asm volatile(\"cp.async.wait_group %0;\" ::\"n\"(n) : \"memory\")\n"
    "#else\n"
    "// Asynchronous copies done at once.\n"
    "__device__ inline void mly_cp16(void *dst, const void *src) {\n"
    "  *(mly_v16 *)dst = *(const mly_v16 *)src;\n"
    "}\n"
    "#define mly_cp_commit() ((void)0)\n"
    "#define MLY_CP_WAIT(n) ((void)0)\n"
    "#endif\n";

/* A kernel's workgroup arrays over 48 KiB, on NVIDIA: carved from dynamic
 * shared memory, which a launch sizes to the manifest's
 * workgroup_memory_bytes (static __shared__ arrays stop at 48 KiB).
 * Each array's bytes must be a multiple of 16 for the carving to add up
 * to that size; otherwise, and elsewhere, static arrays. */
static bool hip_workgroup(MlyCfEmitter *e, intptr_t n, const MlirType *types,
                          const int64_t *counts) {
  int64_t total = 0, bytes[16];
  const char *names[16];
  for (intptr_t i = 0; i < n && i < 16; ++i) {
    bool f32 = mlirTypeIsAF32(types[i]);
    bytes[i] = counts[i] * (f32 ? 4 : 2);
    names[i] = mlyCfType(e, types[i], false);
    if ((!f32 && !mlirTypeIsAF16(types[i])) || bytes[i] <= 0 || bytes[i] % 16)
      return false;
    total += bytes[i];
  }
  if (n > 16 || total <= 48 * 1024)
    return false;
  mlyCfPrintf(e, "#if defined(__CUDACC__)\n");
  mlyCfLine(e, "extern __shared__ __attribute__((aligned(32))) unsigned char "
               "mly_wg[];");
  for (intptr_t i = 0, off = 0; i < n; off += bytes[i++])
    mlyCfLine(e, "%s *wg%d = (%s *)(mly_wg + %lld);", names[i], (int)i,
              names[i], (long long)off);
  mlyCfPrintf(e, "#else\n");
  for (intptr_t i = 0; i < n; ++i)
    mlyCfLine(e, "%s%s wg%d[%lld];", mlyCfGetTarget(e)->shared_prefix,
              names[i], (int)i, (long long)counts[i]);
  mlyCfPrintf(e, "#endif\n");
  return true;
}

/* mly.occupancy: CUDA's minimum blocks per SM (HIP on NVIDIA is CUDA);
 * AMDGPU's second __launch_bounds__ argument counts waves per execution
 * unit instead, so there the hint is left out. */
static const char occupancy_macro[] =
    "\n#if defined(__CUDACC__)\n"
    "#define MLY_LAUNCH_BOUNDS(n, wgs) __launch_bounds__(n, wgs)\n"
    "#else\n"
    "#define MLY_LAUNCH_BOUNDS(n, wgs) __launch_bounds__(n)\n"
    "#endif\n";

static void put(MlirStringCallback write, void *user, const char *s) {
  write(mlirStringRefCreateFromCString(s), user);
}

static void hip_prelude(MlyCfEmitter *e, MlirStringCallback write, void *user) {
  const hip_state *st = mlyCfState(e);
  unsigned need = mlyCfNeeds(e);
  char head[128];
  snprintf(head, sizeof head,
           "#include <hip/hip_runtime.h>\n"
           "\n"
           "#define MLY_WAVE_SIZE %d\n",
           st->wave_size);
  put(write, user, head);
  if (st->occupancy)
    put(write, user, occupancy_macro);
  if (need & MLY_CF_NEED_MAXIMUMF)
    put(write, user, maximumf_helper);
  if (need & MLY_CF_NEED_MINIMUMF)
    put(write, user, minimumf_helper);
  if (need & MLY_CF_NEED_BITCAST)
    put(write, user, bitcast_helper);
  if (need & MLY_CF_NEED_LANE)
    put(write, user, lane_helper);
  if (need & MLY_CF_NEED_VEC16)
    put(write, user,
        "\n// 16 bytes in one access (vector.load of 8 f16).\n"
        "struct __attribute__((aligned(16))) mly_v16 {\n"
        "  unsigned x[4];\n"
        "};\n");
  if (need & MLY_CF_NEED_ASYNC)
    put(write, user, async_helpers);
  if (need & MLY_CF_NEED_MMA) {
    put(write, user, mma_cuda);
    mlyCfMmaPortable(write, user, "__device__ inline", "__half");
    put(write, user, "#endif\n");
  }
}

/* HIP's words, and the functions of its device library: a kernel or
 * constant of one of those names would clash with them. */
#define MLY_HIP_MATH(f) #f, #f "f"
static const char *const hip_reserved[] = {"threadIdx",
                                           "blockIdx",
                                           "blockDim",
                                           "gridDim",
                                           "warpSize",
                                           "half",
                                           "__half",
                                           "__hip_bfloat16",
                                           "MLY_WAVE_SIZE",
                                           "isnan",
                                           "isinf",
                                           "isfinite",
                                           "signbit",
                                           "abs",
                                           "labs",
                                           "llabs",
                                           "min",
                                           "max",
                                           "printf",
                                           "malloc",
                                           "free",
                                           "memcpy",
                                           "memset",
                                           "assert",
                                           MLY_HIP_MATH(acos),
                                           MLY_HIP_MATH(acosh),
                                           MLY_HIP_MATH(asin),
                                           MLY_HIP_MATH(asinh),
                                           MLY_HIP_MATH(atan),
                                           MLY_HIP_MATH(atan2),
                                           MLY_HIP_MATH(atanh),
                                           MLY_HIP_MATH(cbrt),
                                           MLY_HIP_MATH(ceil),
                                           MLY_HIP_MATH(copysign),
                                           MLY_HIP_MATH(cos),
                                           MLY_HIP_MATH(cosh),
                                           MLY_HIP_MATH(erf),
                                           MLY_HIP_MATH(erfc),
                                           MLY_HIP_MATH(exp),
                                           MLY_HIP_MATH(exp2),
                                           MLY_HIP_MATH(exp10),
                                           MLY_HIP_MATH(expm1),
                                           MLY_HIP_MATH(fabs),
                                           MLY_HIP_MATH(fdim),
                                           MLY_HIP_MATH(floor),
                                           MLY_HIP_MATH(fma),
                                           MLY_HIP_MATH(fmax),
                                           MLY_HIP_MATH(fmin),
                                           MLY_HIP_MATH(fmod),
                                           MLY_HIP_MATH(frexp),
                                           MLY_HIP_MATH(hypot),
                                           MLY_HIP_MATH(ldexp),
                                           MLY_HIP_MATH(lgamma),
                                           MLY_HIP_MATH(log),
                                           MLY_HIP_MATH(log10),
                                           MLY_HIP_MATH(log1p),
                                           MLY_HIP_MATH(log2),
                                           MLY_HIP_MATH(logb),
                                           MLY_HIP_MATH(modf),
                                           MLY_HIP_MATH(nan),
                                           MLY_HIP_MATH(nearbyint),
                                           MLY_HIP_MATH(nextafter),
                                           MLY_HIP_MATH(pow),
                                           MLY_HIP_MATH(remainder),
                                           MLY_HIP_MATH(rint),
                                           MLY_HIP_MATH(round),
                                           MLY_HIP_MATH(rsqrt),
                                           MLY_HIP_MATH(sin),
                                           MLY_HIP_MATH(sinh),
                                           MLY_HIP_MATH(sqrt),
                                           MLY_HIP_MATH(tan),
                                           MLY_HIP_MATH(tanh),
                                           MLY_HIP_MATH(tgamma),
                                           MLY_HIP_MATH(trunc),
                                           NULL};
#undef MLY_HIP_MATH

static const MlyCfTarget hip_spelling = {
    .name = "hip",
    .ident = "HIP",
    .f32 = "float",
    .f16 = "__half",
    .bf16 = "__hip_bfloat16",
    .i1 = "bool",
    .i8 = "signed char",
    .i16 = "short",
    .i32 = "int",
    .i64 = "long long",
    .u8 = "unsigned char",
    .u16 = "unsigned short",
    .u32 = "unsigned int",
    .u64 = "unsigned long long",
    .i64_suffix = "LL",
    .math_prefix = "",
    .math_f32_suffix = true,
    .math_widen = true,
    .has_int_abs = false,
    .erf = "erff",
    .bitcast = "mly_bitcast<%s>(%s)",
    /* 32-byte aligned: fragment rows (ldmatrix) and 16-byte copies need 16 */
    .shared_prefix = "__shared__ __attribute__((aligned(32))) ",
    .constant_prefix = "__constant__ ",
    .thread_id = "(int)threadIdx.%c",
    .block_id = "(int)blockIdx.%c",
    .block_dim = "(int)blockDim.%c",
    .grid_dim = "(int)gridDim.%c",
    .global_id = "(int)(blockIdx.%c * blockDim.%c + threadIdx.%c)",
    .lane_id = "mly_lane_id()",
    .subgroup_id = "mly_wave_id()",
    .barrier = "__syncthreads();",
    .unroll = "#pragma unroll",
    .load_f16 = "__ushort_as_half(((const unsigned short *)%s)[%s])",
    .store_f16 = "((unsigned short *)%s)[%s] = __half_as_ushort(%s);",
    .async_copy16 = "mly_cp16(%s, %s);",
    .async_commit = "mly_cp_commit();",
    .async_wait = "MLY_CP_WAIT(%d);",
    .workgroup = hip_workgroup,
    .vec16 = "mly_v16",
    .vec16_f16_lane = "__ushort_as_half((unsigned short)(%s.x[%d] >> %d))",
    .unused_prefix = "[[maybe_unused]] ",
    .reserved = hip_reserved,
    .kernel_open = hip_kernel_open,
    .subgroup_reduce = hip_subgroup_reduce,
    .prelude = hip_prelude,
};

static MlirLogicalResult hip_emit(MlirOperation gm, MlirStringCallback write,
                                  void *user, const MlyTargetOptions *options) {
  hip_state st = {.wave_size = 64};
  for (size_t i = 0; i < options->count; ++i) {
    const char *k = options->keys[i], *v = options->values[i];
    if (strcmp(k, "wave-size")) {
      mlyTgtOpError(gm,
                    "was given target option '%s', which the hip target "
                    "does not know (wave-size=64|32)",
                    k);
      return mlirLogicalResultFailure();
    }
    if (strcmp(v, "64") && strcmp(v, "32")) {
      mlyTgtOpError(gm,
                    "was given wave-size=%s; the hip target's wave size is "
                    "64 (CDNA) or 32 (RDNA)",
                    v);
      return mlirLogicalResultFailure();
    }
    st.wave_size = atoi(v);
  }
  return mlyCfEmit(gm, &hip_spelling, &st, write, user);
}

static const MlyTarget hip_target = {
    .abi_version = MLY_TARGET_ABI_VERSION,
    .name = "hip",
    .description = "HIP C++ source (AMD GPUs; NVIDIA through hip-to-CUDA)",
    .file_extension = ".hip",
    .binary = 0,
    .options_help = "wave-size=64|32: lanes of a wavefront (64: CDNA such as "
                    "gfx942, the default; 32: RDNA)",
    .emit = hip_emit,
};

__attribute__((visibility("default"))) const MlyTarget *mly_target_entry(void) {
  return &hip_target;
}
