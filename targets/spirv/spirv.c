/* The spirv target: a gpu.module as a SPIR-V binary module for Vulkan,
 * through upstream MLIR's gpu->spirv conversion.
 *
 * The kernel module is cloned into a fresh builtin.module of the same
 * context (the host's op is never modified or kept) and prepared there:
 *   - each kernel gets `spirv.entry_point_abi` from its known_block_size;
 *   - workgroup attributions become memref.alloc in memory space 3 at the
 *     top of the kernel (memref-to-spirv turns those into Workgroup
 *     variables; upstream gpu-to-spirv cannot lower attributions of
 *     #gpu.address_space<workgroup>);
 *   - math.erf, which SPIR-V's GLSL.std.450 set lacks, becomes a
 *     polynomial (Abramowitz and Stegun 7.1.26, absolute error under
 *     1.5e-7 in f32).
 * Then, as upstream passes: spirv-attach-target (Vulkan, SPIR-V 1.3, the
 * capabilities below), convert-math-to-spirv inside the gpu.module,
 * convert-gpu-to-spirv (with its arith/scf/memref patterns),
 * spirv-lower-abi-attrs and spirv-update-vce on the spirv.module; the
 * spirv.module is moved into its gpu.module and gpu-module-to-binary
 * serializes it.
 *
 * Buffers: every kernel argument is a storage buffer in descriptor set 0,
 * binding i for argument i. i1 buffers are stored as one byte (i8) per
 * element, 0 or 1, as the host keeps bools. Indices are i32 unless
 * index-bits=64. An op that does not convert is reported by the
 * conversion at its location ("failed to legalize operation '<op>'"). */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "targets/mly_target.h"
#include "targets/target_util.h"

/* What the Vulkan runtime enables when the device has it; spirv-update-vce
 * keeps only what a module uses. */
#define SPIRV_CAPS                                                             \
  "Shader,Int64,Int16,Int8,Float16,StorageBuffer8BitAccess,"                   \
  "StorageBuffer16BitAccess"
#define SPIRV_EXTS                                                             \
  "SPV_KHR_storage_buffer_storage_class,SPV_KHR_8bit_storage,"                 \
  "SPV_KHR_16bit_storage"

typedef struct spv_options {
  bool text;          /* emit=text: the spirv dialect, printed */
  int index_bits;     /* 32 or 64 */
  const char *kernel; /* kernel=<name>: that kernel alone, or NULL */
} spv_options;

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static bool read_options(MlirOperation gm, const MlyTargetOptions *o,
                         spv_options *out) {
  *out = (spv_options){false, 32, NULL};
  for (size_t i = 0; i < o->count; ++i) {
    const char *k = o->keys[i], *v = o->values[i];
    if (!strcmp(k, "emit") && (!strcmp(v, "text") || !strcmp(v, "binary"))) {
      out->text = !strcmp(v, "text");
    } else if (!strcmp(k, "kernel") && *v) {
      out->kernel = v;
    } else if (!strcmp(k, "index-bits") &&
               (!strcmp(v, "32") || !strcmp(v, "64"))) {
      out->index_bits = atoi(v);
    } else {
      mlyTgtOpError(gm,
                    "spirv target: unknown option '%s=%s' (emit=binary|text, "
                    "index-bits=32|64, kernel=<name>)",
                    k, v);
      return false;
    }
  }
  return true;
}

/* ---- Preparing the clone ----------------------------------------------- */

/* Sets spirv.entry_point_abi from known_block_size. */
static bool set_entry_point_abi(MlirContext ctx, MlirOperation fn) {
  MlirAttribute known = mlyTgtAttr(fn, "known_block_size");
  char text[160];
  if (mlirAttributeIsNull(known) || !mlirAttributeIsADenseI32Array(known) ||
      mlirDenseArrayGetNumElements(known) != 3) {
    mlyTgtOpError(fn, "spirv target: the kernel has no known_block_size of "
                      "three sizes (the workgroup size of its entry point)");
    return false;
  }
  snprintf(text, sizeof text,
           "#spirv.entry_point_abi<workgroup_size = [%d, %d, %d]>",
           mlirDenseI32ArrayGetElement(known, 0),
           mlirDenseI32ArrayGetElement(known, 1),
           mlirDenseI32ArrayGetElement(known, 2));
  MlirAttribute abi = mlirAttributeParseGet(ctx, str(text));
  if (mlirAttributeIsNull(abi))
    return false;
  mlirOperationSetAttributeByName(fn, str("spirv.entry_point_abi"), abi);
  return true;
}

/* Replaces fn's workgroup attributions by memref.alloc in memory space 3
 * at the top of its body. */
static bool lower_attributions(MlirContext ctx, MlirOperation fn) {
  MlirAttribute n_wg = mlyTgtAttr(fn, "workgroup_attributions");
  MlirAttribute ft = mlyTgtAttr(fn, "function_type");
  if (mlirAttributeIsNull(n_wg) || !mlirAttributeIsAInteger(n_wg))
    return true;
  int64_t n = mlirIntegerAttrGetValueInt(n_wg);
  intptr_t n_in = mlirFunctionTypeGetNumInputs(mlirTypeAttrGetValue(ft));
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(fn, 0));
  MlirAttribute space = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), 3);
  MlirLocation loc = mlirOperationGetLocation(fn);
  for (int64_t i = 0; i < n; ++i) {
    MlirValue a = mlirBlockGetArgument(body, n_in);
    MlirType t = mlirValueGetType(a);
    if (!mlirTypeIsAMemRef(t) || !mlirShapedTypeHasStaticShape(t)) {
      mlyTgtOpError(fn,
                    "spirv target: workgroup attribution %d is not a "
                    "memref of static shape",
                    (int)i);
      return false;
    }
    intptr_t rank = mlirShapedTypeGetRank(t);
    int64_t dims[16];
    for (intptr_t d = 0; d < rank && d < 16; ++d)
      dims[d] = mlirShapedTypeGetDimSize(t, d);
    MlirType nt = mlirMemRefTypeGet(mlirShapedTypeGetElementType(t), rank, dims,
                                    mlirMemRefTypeGetLayout(t), space);
    MlirOperationState st = mlirOperationStateGet(str("memref.alloc"), loc);
    int32_t seg[2] = {0, 0};
    MlirNamedAttribute segs = mlirNamedAttributeGet(
        mlirIdentifierGet(ctx, str("operandSegmentSizes")),
        mlirDenseI32ArrayGet(ctx, 2, seg));
    mlirOperationStateAddResults(&st, 1, &nt);
    mlirOperationStateAddAttributes(&st, 1, &segs);
    MlirOperation alloc = mlirOperationCreate(&st);
    if (mlirOperationIsNull(alloc))
      return false;
    mlirBlockInsertOwnedOperation(body, 0, alloc);
    mlirValueReplaceAllUsesOfWith(a, mlirOperationGetResult(alloc, 0));
    mlirBlockEraseArgument(body, (unsigned)n_in);
  }
  mlirOperationSetAttributeByName(
      fn, str("workgroup_attributions"),
      mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), 0));
  return true;
}

/* erf(x) = sign(x) (1 - t (a1 + t (a2 + t (a3 + t (a4 + t a5)))) e^-x^2),
 * t = 1 / (1 + p |x|): the body of @erf, cloned in place of each math.erf
 * (%T is the float type). */
static const char erf_text[] = "func.func @erf(%x: %T) -> %T {\n"
                               "  %one = arith.constant 1.0 : %T\n"
                               "  %p = arith.constant 0.3275911 : %T\n"
                               "  %a1 = arith.constant 0.254829592 : %T\n"
                               "  %a2 = arith.constant -0.284496736 : %T\n"
                               "  %a3 = arith.constant 1.421413741 : %T\n"
                               "  %a4 = arith.constant -1.453152027 : %T\n"
                               "  %a5 = arith.constant 1.061405429 : %T\n"
                               "  %ax = math.absf %x : %T\n"
                               "  %px = arith.mulf %p, %ax : %T\n"
                               "  %d = arith.addf %one, %px : %T\n"
                               "  %t = arith.divf %one, %d : %T\n"
                               "  %r4 = arith.mulf %t, %a5 : %T\n"
                               "  %s4 = arith.addf %a4, %r4 : %T\n"
                               "  %r3 = arith.mulf %t, %s4 : %T\n"
                               "  %s3 = arith.addf %a3, %r3 : %T\n"
                               "  %r2 = arith.mulf %t, %s3 : %T\n"
                               "  %s2 = arith.addf %a2, %r2 : %T\n"
                               "  %r1 = arith.mulf %t, %s2 : %T\n"
                               "  %s1 = arith.addf %a1, %r1 : %T\n"
                               "  %q = arith.mulf %t, %s1 : %T\n"
                               "  %x2 = arith.mulf %ax, %ax : %T\n"
                               "  %nx2 = arith.negf %x2 : %T\n"
                               "  %e = math.exp %nx2 : %T\n"
                               "  %qe = arith.mulf %q, %e : %T\n"
                               "  %y = arith.subf %one, %qe : %T\n"
                               "  %r = math.copysign %y, %x : %T\n"
                               "  func.return %r : %T\n"
                               "}\n";

/* The erf body for float type t, parsed in ctx; null on failure. */
static MlirOperation parse_erf(MlirContext ctx, MlirType t) {
  char ty[32] = "";
  char *text = NULL;
  size_t n = 0;
  MlirOperation f = {NULL};
  FILE *m = open_memstream(&text, &n);
  if (mlirTypeIsAF32(t))
    strcpy(ty, "f32");
  else if (mlirTypeIsAF16(t))
    strcpy(ty, "f16");
  if (!m)
    return f;
  for (const char *p = erf_text; *p; ++p) {
    if (p[0] == '%' && p[1] == 'T') {
      fputs(ty, m);
      ++p;
    } else {
      fputc(*p, m);
    }
  }
  fclose(m);
  if (*ty)
    f = mlirOperationCreateParse(ctx, mlirStringRefCreate(text, n),
                                 str("mly-spirv-erf"));
  free(text);
  return f;
}

/* Replaces `erf` (a math.erf) by the ops of `body`'s @erf, cloned before it. */
static void expand_erf(MlirOperation erf, MlirOperation body) {
  MlirBlock fb = mlirRegionGetFirstBlock(mlirOperationGetRegion(body, 0));
  MlirValue from[64], to[64];
  int n = 0;
  MlirBlock at = mlirOperationGetBlock(erf);
  from[n] = mlirBlockGetArgument(fb, 0);
  to[n++] = mlirOperationGetOperand(erf, 0);
  for (MlirOperation op = mlirBlockGetFirstOperation(fb);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (mlyTgtOpIs(op, "func.return")) {
      MlirValue r = mlirOperationGetOperand(op, 0);
      for (int i = 0; i < n; ++i)
        if (mlirValueEqual(from[i], r))
          mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(erf, 0), to[i]);
      break;
    }
    MlirOperation c = mlirOperationClone(op);
    for (intptr_t k = 0; k < mlirOperationGetNumOperands(c); ++k)
      for (int i = 0; i < n; ++i)
        if (mlirValueEqual(from[i], mlirOperationGetOperand(c, k)))
          mlirOperationSetOperand(c, k, to[i]);
    mlirBlockInsertOwnedOperationBefore(at, erf, c);
    mlirOperationSetLocation(c, mlirOperationGetLocation(erf));
    if (n < 64) {
      from[n] = mlirOperationGetResult(op, 0);
      to[n++] = mlirOperationGetResult(c, 0);
    }
  }
  mlirOperationDestroy(erf);
}

typedef struct erf_walk {
  MlirContext ctx;
  bool ok;
  MlirOperation found[256];
  int n;
  bool overflow;
} erf_walk;

static MlirWalkResult find_erf(MlirOperation op, void *user) {
  erf_walk *w = user;
  if (mlyTgtOpIs(op, "math.erf")) {
    if (w->n < 256)
      w->found[w->n++] = op;
    else
      w->overflow = true;
  }
  return MlirWalkResultAdvance;
}

static bool lower_erf(MlirContext ctx, MlirOperation root) {
  erf_walk w = {.ctx = ctx, .ok = true};
  do {
    w.n = 0;
    w.overflow = false;
    mlirOperationWalk(root, find_erf, &w, MlirWalkPostOrder);
    for (int i = 0; i < w.n; ++i) {
      MlirType t = mlirValueGetType(mlirOperationGetResult(w.found[i], 0));
      MlirOperation body = parse_erf(ctx, t);
      if (mlirOperationIsNull(body)) {
        mlyTgtOpError(w.found[i], "spirv target: erf is lowered for f32 and "
                                  "f16 scalars only");
        return false;
      }
      expand_erf(w.found[i], body);
      mlirOperationDestroy(body);
    }
  } while (w.overflow);
  return true;
}

/* Whether t is bf16 or a shaped type of bf16. */
static bool is_bf16(MlirType t) {
  if (mlirTypeIsAShaped(t))
    t = mlirShapedTypeGetElementType(t);
  return mlirTypeIsABF16(t);
}

typedef struct bf16_walk {
  MlirOperation found;
} bf16_walk;

static MlirWalkResult find_bf16(MlirOperation op, void *ud) {
  bf16_walk *w = ud;
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (is_bf16(mlirValueGetType(mlirOperationGetResult(op, i)))) {
      w->found = op;
      return MlirWalkResultInterrupt;
    }
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (is_bf16(mlirValueGetType(mlirOperationGetOperand(op, i)))) {
      w->found = op;
      return MlirWalkResultInterrupt;
    }
  return MlirWalkResultAdvance;
}

/* The first op in f (f itself for its arguments) that takes or gives a
 * bf16 value or a memref of bf16, or a null op. */
static MlirOperation bf16_user(MlirOperation f) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(f, 0));
  for (intptr_t i = 0, n = mlirBlockGetNumArguments(body); i < n; ++i)
    if (is_bf16(mlirValueGetType(mlirBlockGetArgument(body, i))))
      return f;
  bf16_walk w = {{NULL}};
  mlirOperationWalk(f, find_bf16, &w, MlirWalkPreOrder);
  return w.found;
}

/* Prepares every kernel of the clone `gm`; with `only`, removes the other
 * kernels first (it is an error when there is no kernel `only`). */
static bool prepare(MlirContext ctx, MlirOperation gm, const char *only) {
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(gm, 0));
  bool found = false;
  for (MlirOperation op = mlirBlockGetFirstOperation(b), next;
       !mlirOperationIsNull(op); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (!mlyTgtOpIs(op, "gpu.func") ||
        mlirAttributeIsNull(mlyTgtAttr(op, "gpu.kernel")))
      continue;
    if (only) {
      size_t n;
      const char *name = mlyTgtStrAttr(op, "sym_name", &n);
      if (!name || n != strlen(only) || memcmp(name, only, n)) {
        mlirOperationDestroy(op);
        continue;
      }
      found = true;
    }
    MlirOperation bf = bf16_user(op);
    if (!mlirOperationIsNull(bf)) {
      mlyTgtOpError(bf, "spirv target: bf16 is not supported yet (Vulkan's "
                        "SPIR-V has no bf16 type; the upstream conversion "
                        "would store it as f32)");
      return false;
    }
    MlirOperation mma = mlyTgtFindOp(op, "gpu.subgroup_mma_");
    if (!mlirOperationIsNull(mma)) {
      mlyTgtOpError(mma, "spirv target: subgroup matrix ops (mly-to-gpu "
                         "mma=1) are not lowered to cooperative matrices "
                         "yet; compile with mma=0");
      return false;
    }
    if (!set_entry_point_abi(ctx, op) || !lower_attributions(ctx, op))
      return false;
  }
  if (only && !found) {
    mlyTgtOpError(gm, "spirv target: no kernel '%s' (option kernel)", only);
    return false;
  }
  return lower_erf(ctx, gm);
}

/* ---- Passes ------------------------------------------------------------ */

typedef struct strbuf {
  char *p;
  size_t n, cap;
} strbuf;

static void sb_put(MlirStringRef s, void *user) {
  strbuf *b = user;
  if (b->n + s.length + 1 > b->cap) {
    size_t cap = 2 * b->cap + s.length + 64;
    char *p = realloc(b->p, cap);
    if (!p)
      return;
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s.data, s.length);
  b->n += s.length;
  b->p[b->n] = 0;
}

/* Runs `pipeline` (the passes of a builtin.module(...), without that
 * anchor) on module op `m`. */
static bool run_pipeline(MlirContext ctx, MlirOperation m,
                         const char *pipeline) {
  strbuf err = {0};
  bool ok = false;
  MlirPassManager pm =
      mlirPassManagerCreateOnOperation(ctx, str("builtin.module"));
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  if (mlirLogicalResultIsFailure(
          mlirOpPassManagerAddPipeline(opm, str(pipeline), sb_put, &err))) {
    mlyTgtOpError(m, "spirv target: bad pass pipeline '%s': %s", pipeline,
                  err.p ? err.p : "");
    goto out;
  }
  ok = mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, m));
out:
  mlirPassManagerDestroy(pm);
  free(err.p);
  return ok;
}

static MlirOperation first_op(MlirBlock b, const char *name) {
  for (MlirOperation op = mlirBlockGetFirstOperation(b);
       !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (mlyTgtOpIs(op, name))
      return op;
  return (MlirOperation){NULL};
}

static MlirLogicalResult spirv_emit(MlirOperation gm, MlirStringCallback write,
                                    void *user,
                                    const MlyTargetOptions *options) {
  spv_options o;
  bool ok = false;
  char pipeline[1024];
  MlirContext ctx = mlirOperationGetContext(gm);
  if (!read_options(gm, options, &o))
    return mlirLogicalResultFailure();
  /* The conversion's passes and the SPIR-V target attribute need the
   * upstream passes registered and the spirv dialect loaded. */
  mlirRegisterAllPasses();
  if (mlirDialectIsNull(mlirContextGetOrLoadDialect(ctx, str("spirv")))) {
    mlyTgtOpError(gm, "spirv target: the context has no spirv dialect "
                      "registered");
    return mlirLogicalResultFailure();
  }
  MlirLocation loc = mlirOperationGetLocation(gm);
  MlirModule mod = mlirModuleCreateEmpty(loc);
  MlirOperation mop = mlirModuleGetOperation(mod);
  mlirOperationSetAttributeByName(mop, str("gpu.container_module"),
                                  mlirUnitAttrGet(ctx));
  MlirOperation clone = mlirOperationClone(gm);
  mlirBlockAppendOwnedOperation(mlirModuleGetBody(mod), clone);
  if (!prepare(ctx, clone, o.kernel))
    goto out;
  snprintf(pipeline, sizeof pipeline,
           "spirv-attach-target{ver=v1.3 client_api=Vulkan "
           "caps=" SPIRV_CAPS " exts=" SPIRV_EXTS "},"
           "gpu.module(convert-math-to-spirv),"
           "convert-gpu-to-spirv{use-64bit-index=%s},"
           "spirv.module(spirv-lower-abi-attrs,spirv-update-vce)",
           o.index_bits == 64 ? "true" : "false");
  if (!run_pipeline(ctx, mop, pipeline))
    goto out;
  MlirOperation spv = first_op(mlirModuleGetBody(mod), "spirv.module");
  if (mlirOperationIsNull(spv)) {
    mlyTgtOpError(gm, "spirv target: the conversion made no spirv.module");
    goto out;
  }
  if (o.text) {
    mlirOperationPrint(spv, write, user);
    write(str("\n"), user);
    ok = true;
    goto out;
  }
  /* gpu-module-to-binary serializes the spirv.module inside the
   * gpu.module, which must hold nothing else to convert. */
  mlirOperationRemoveFromParent(spv);
  mlirBlockAppendOwnedOperation(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(clone, 0)), spv);
  if (!run_pipeline(ctx, mop, "gpu-module-to-binary"))
    goto out;
  MlirOperation bin = first_op(mlirModuleGetBody(mod), "gpu.binary");
  MlirAttribute objs = mlirOperationIsNull(bin) ? (MlirAttribute){NULL}
                                                : mlyTgtAttr(bin, "objects");
  if (mlirAttributeIsNull(objs) || !mlirAttributeIsAArray(objs) ||
      mlirArrayAttrGetNumElements(objs) != 1 ||
      !mlirAttributeIsAGPUObjectAttr(mlirArrayAttrGetElement(objs, 0))) {
    mlyTgtOpError(gm, "spirv target: gpu-module-to-binary made no object");
    goto out;
  }
  MlirStringRef bytes =
      mlirGPUObjectAttrGetObject(mlirArrayAttrGetElement(objs, 0));
  if (bytes.length < 20 || bytes.length % 4) {
    mlyTgtOpError(gm,
                  "spirv target: the serialized module has %zu bytes, "
                  "not a SPIR-V binary",
                  bytes.length);
    goto out;
  }
  write(bytes, user);
  ok = true;
out:
  mlirModuleDestroy(mod);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}

static const MlyTarget spirv_target = {
    .abi_version = MLY_TARGET_ABI_VERSION,
    .name = "spirv",
    .description = "SPIR-V binary module for Vulkan compute (upstream "
                   "gpu->spirv conversion)",
    .file_extension = ".spv",
    .binary = 1,
    .options_help = "emit=binary|text: the serialized module (default) or "
                    "the spirv dialect as text\n"
                    "index-bits=32|64: the width of index values (default "
                    "32)\n"
                    "kernel=<name>: that kernel alone (a module per kernel "
                    "keeps workgroup memory apart)\n",
    .emit = spirv_emit,
};

__attribute__((visibility("default"))) const MlyTarget *mly_target_entry(void) {
  return &spirv_target;
}
