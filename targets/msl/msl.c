/* The Metal Shading Language target: one .metal source for a gpu.module.
 *
 * Conventions of the emitted source (the msl-sim shim relies on them):
 * - `#include <metal_stdlib>` and `using namespace metal;`, then the
 *   helper functions used (mly_erf, mly_maximumf, mly_minimumf), then each
 *   memref.global constant as a flattened program-scope `constant T
 *   name[N] = {...};`, then the kernels in the module's order.
 * - A kernel is `kernel void <name>(...)`: its memref arguments in order
 *   as `device [const] T *argI [[buffer(I)]]` (flattened row-major;
 *   `const` when the kernel never stores to it), then always the six
 *   builtins mly_tid, mly_bid, mly_bdim, mly_gdim (uint3) and mly_lane,
 *   mly_simd (uint). Workgroup attributions are `threadgroup T wgI[N];`,
 *   private ones `T prI[N];`, at the top of the body.
 * - Each SSA value is a local `vN` declared where it is defined; index is
 *   int; memref indices are linearized with the static shape.
 * - Math is spelled `metal::fn`; comparisons keep IEEE ordered/unordered
 *   semantics exactly, so the source must be compiled without fast math. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinTypes.h"
#include "targets/cfamily/cfamily.h"
#include "targets/mly_target.h"
#include "targets/target_util.h"

static bool msl_kernel_open(MlyCfEmitter *e, MlirOperation f, const char *name,
                            intptr_t n, const MlirValue *args) {
  (void)f;
  mlyCfPrintf(e, "kernel void %s(\n", name);
  for (intptr_t i = 0; i < n; ++i) {
    MlirType et = mlirShapedTypeGetElementType(mlirValueGetType(args[i]));
    mlyCfPrintf(e, "    device %s%s *arg%d [[buffer(%d)]],\n",
                mlyCfArgWritten(args[i]) ? "" : "const ",
                mlyCfType(e, et, false), (int)i, (int)i);
  }
  mlyCfPrintf(e, "    uint3 mly_tid [[thread_position_in_threadgroup]],\n"
                 "    uint3 mly_bid [[threadgroup_position_in_grid]],\n"
                 "    uint3 mly_bdim [[threads_per_threadgroup]],\n"
                 "    uint3 mly_gdim [[threadgroups_per_grid]],\n"
                 "    uint mly_lane [[thread_index_in_simdgroup]],\n"
                 "    uint mly_simd [[simdgroup_index_in_threadgroup]]) {\n");
  return true;
}

/* gpu.subgroup_reduce as a simd_* reduction over the active lanes. */
static bool msl_subgroup_reduce(MlyCfEmitter *e, MlirOperation op) {
  const char *x = mlyCfOperand(e, op, 0);
  if (!x)
    return false;
  if (!mlirAttributeIsNull(mlyTgtAttr(op, "cluster_size"))) {
    mlyTgtOpError(op, "has a cluster size; the msl target reduces whole "
                      "SIMD-groups only");
    return false;
  }
  char *k = mlyCfAttrText(op, "op");
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, 0));
  const char *kind = k ? strrchr(k, ' ') : NULL;
  bool ok = false;
  static const struct {
    const char *kind, *fn;
    bool is_unsigned;
  } red[] = {
      {" add>", "simd_sum", false},      {" mul>", "simd_product", false},
      {" minnumf>", "simd_min", false},  {" maxnumf>", "simd_max", false},
      {" minimumf>", "simd_min", false}, {" maximumf>", "simd_max", false},
      {" minsi>", "simd_min", false},    {" maxsi>", "simd_max", false},
      {" minui>", "simd_min", true},     {" maxui>", "simd_max", true},
      {" and>", "simd_and", false},      {" or>", "simd_or", false},
      {" xor>", "simd_xor", false},
  };
  for (size_t i = 0; kind && i < sizeof red / sizeof *red; ++i) {
    if (strcmp(kind, red[i].kind))
      continue;
    if (red[i].is_unsigned)
      ok = mlyCfDefine(e, op, "(%s)%s((%s)%s)", mlyCfType(e, t, false),
                       red[i].fn, mlyCfType(e, t, true), x);
    else
      ok = mlyCfDefine(e, op, "%s(%s)", red[i].fn, x);
    free(k);
    return ok;
  }
  mlyTgtOpError(op,
                "has reduction '%s', which the msl target does not "
                "support",
                k ? k : "?");
  free(k);
  return false;
}

static const char erf_helper[] =
    "\n// erf to within 1 ulp (Metal has none): N. Juffa's minimax fits.\n"
    "static inline float mly_erf(float a) {\n"
    "  float t = metal::fabs(a);\n"
    "  float s = a * a;\n"
    "  float r;\n"
    "  if (t > 0.927734375f) {\n"
    "    r = metal::fma(-1.72853470e-5f, t, 3.83197126e-4f);\n"
    "    float u = metal::fma(-3.88396438e-3f, t, 2.42546219e-2f);\n"
    "    r = metal::fma(r, s, u);\n"
    "    r = metal::fma(r, t, -1.06777877e-1f);\n"
    "    r = metal::fma(r, t, -6.34846687e-1f);\n"
    "    r = metal::fma(r, t, -1.28717512e-1f);\n"
    "    r = metal::fma(r, t, -t);\n"
    "    r = 1.0f - metal::exp(r);\n"
    "    r = metal::copysign(r, a);\n"
    "  } else {\n"
    "    r = -5.96761703e-4f;\n"
    "    r = metal::fma(r, s, 4.99119423e-3f);\n"
    "    r = metal::fma(r, s, -2.67681349e-2f);\n"
    "    r = metal::fma(r, s, 1.12819925e-1f);\n"
    "    r = metal::fma(r, s, -3.76125336e-1f);\n"
    "    r = metal::fma(r, s, 1.28379166e-1f);\n"
    "    r = metal::fma(r, a, a);\n"
    "  }\n"
    "  return r;\n"
    "}\n";

static const char maximumf_helper[] =
    "\n// arith.maximumf: NaN when either is NaN; +0 is above -0.\n"
    "template <typename T> static inline T mly_maximumf(T a, T b) {\n"
    "  if (metal::isnan(a) || metal::isnan(b))\n"
    "    return a + b;\n"
    "  if (a == b)\n"
    "    return metal::signbit(a) ? b : a;\n"
    "  return a > b ? a : b;\n"
    "}\n";

static const char minimumf_helper[] =
    "\n// arith.minimumf: NaN when either is NaN; -0 is below +0.\n"
    "template <typename T> static inline T mly_minimumf(T a, T b) {\n"
    "  if (metal::isnan(a) || metal::isnan(b))\n"
    "    return a + b;\n"
    "  if (a == b)\n"
    "    return metal::signbit(a) ? a : b;\n"
    "  return a < b ? a : b;\n"
    "}\n";

static void put(MlirStringCallback write, void *user, const char *s, size_t n) {
  write(mlirStringRefCreate(s, n), user);
}

static void msl_prelude(MlyCfEmitter *e, MlirStringCallback write, void *user) {
  static const char head[] = "#include <metal_stdlib>\n"
                             "using namespace metal;\n";
  unsigned need = mlyCfNeeds(e);
  put(write, user, head, sizeof head - 1);
  if (need & MLY_CF_NEED_ERF)
    put(write, user, erf_helper, sizeof erf_helper - 1);
  if (need & MLY_CF_NEED_MAXIMUMF)
    put(write, user, maximumf_helper, sizeof maximumf_helper - 1);
  if (need & MLY_CF_NEED_MINIMUMF)
    put(write, user, minimumf_helper, sizeof minimumf_helper - 1);
  /* simdgroup_matrix (8 x 8) is not used yet: the portable fragments */
  if (need & MLY_CF_NEED_MMA)
    mlyCfMmaPortable(write, user, "static inline", "half");
}

/* Metal's words beside C++'s. */
static const char *const msl_reserved[] = {
    "half",   "bfloat",   "uint",        "uchar",  "ushort", "ulong", "kernel",
    "device", "constant", "threadgroup", "thread", "metal",  NULL};

static const MlyCfTarget msl_spelling = {
    .name = "msl",
    .ident = "MSL",
    .f32 = "float",
    .f16 = "half",
    .bf16 = "bfloat",
    .i1 = "bool",
    .i8 = "char",
    .i16 = "short",
    .i32 = "int",
    .i64 = "long",
    .u8 = "uchar",
    .u16 = "ushort",
    .u32 = "uint",
    .u64 = "ulong",
    .i64_suffix = "L",
    .math_prefix = "metal::",
    .math_f32_suffix = false,
    .math_widen = false,
    .has_int_abs = true,
    .erf = "mly_erf",
    .bitcast = "as_type<%s>(%s)",
    .shared_prefix = "threadgroup ",
    .constant_prefix = "constant ",
    .thread_id = "(int)mly_tid.%c",
    .block_id = "(int)mly_bid.%c",
    .block_dim = "(int)mly_bdim.%c",
    .grid_dim = "(int)mly_gdim.%c",
    .global_id = "(int)(mly_bid.%c * mly_bdim.%c + mly_tid.%c)",
    .lane_id = "(int)mly_lane",
    .subgroup_id = "(int)mly_simd",
    .barrier = "threadgroup_barrier(mem_flags::mem_threadgroup);",
    .reserved = msl_reserved,
    .kernel_open = msl_kernel_open,
    .subgroup_reduce = msl_subgroup_reduce,
    .prelude = msl_prelude,
};

static MlirLogicalResult msl_emit(MlirOperation gm, MlirStringCallback write,
                                  void *user, const MlyTargetOptions *options) {
  if (options->count) {
    mlyTgtOpError(gm,
                  "was given target option '%s', but the msl target has "
                  "no options",
                  options->keys[0]);
    return mlirLogicalResultFailure();
  }
  return mlyCfEmit(gm, &msl_spelling, NULL, write, user);
}

static const MlyTarget msl_target = {
    .abi_version = MLY_TARGET_ABI_VERSION,
    .name = "msl",
    .description = "Metal Shading Language source",
    .file_extension = ".metal",
    .binary = 0,
    .options_help = NULL,
    .emit = msl_emit,
};

__attribute__((visibility("default"))) const MlyTarget *mly_target_entry(void) {
  return &msl_target;
}
