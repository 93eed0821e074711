/* targets/cfamily: the printer shared by the C-family targets (msl, hip).
 * It walks a gpu.module as conversions/mly_to_gpu produces it and prints
 * one C++-like program: each SSA value a local `vN` declared where it is
 * defined, index as int, memref indices linearized with the static
 * shape, scf.for/if as loops and branches whose results are variables,
 * arith and math as C expressions with IEEE-exact comparisons. What
 * differs between targets (type names, math spellings, kernel
 * signatures, builtins, barriers, subgroup operations, the prelude) comes
 * from an MlyCfTarget table of spellings and hooks.
 *
 * Compiled into each plugin that uses it (a static library, like
 * target_util): plugins share no code with the host but libMLIR. */
#ifndef MLY_TARGETS_CFAMILY_CFAMILY_H
#define MLY_TARGETS_CFAMILY_CFAMILY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

typedef struct MlyCfEmitter MlyCfEmitter;

/* Helpers a program used (bits of mlyCfNeeds), printed by the prelude. */
enum {
  MLY_CF_NEED_ERF = 1,      /* the erf function named by MlyCfTarget.erf */
  MLY_CF_NEED_MAXIMUMF = 2, /* mly_maximumf(a, b): arith.maximumf */
  MLY_CF_NEED_MINIMUMF = 4, /* mly_minimumf(a, b): arith.minimumf */
  MLY_CF_NEED_BITCAST = 8,  /* the bitcast of MlyCfTarget.bitcast */
  MLY_CF_NEED_LANE = 16,    /* the lane and subgroup ids' helpers */
  MLY_CF_NEED_MMA = 32,     /* the fragment helpers (mlyCfMmaPortable) */
  MLY_CF_NEED_VEC16 = 64,   /* the 16-byte type MlyCfTarget.vec16 */
  MLY_CF_NEED_ASYNC = 128,  /* the asynchronous copies' helpers */
};

/* What a target spells its own way. Strings are printf formats where
 * said; every field is required unless said otherwise. */
typedef struct MlyCfTarget {
  const char *name;  /* "msl": in messages, "the msl target" */
  const char *ident; /* "MSL": in "no MSL identifier of its own" */
  /* Scalar types: f32 f16 bf16 i1 i8 i16 i32 i64, and the unsigned types
   * of 8, 16, 32 and 64 bits (index is i32 / u32). */
  const char *f32, *f16, *bf16, *i1, *i8, *i16, *i32, *i64;
  const char *u8, *u16, *u32, *u64;
  const char *i64_suffix; /* of 64-bit literals: "L" or "LL" */
  /* Float math of libm's name `fn` ("exp", "fmax", "isnan"):
   * math_prefix + fn (+ "f" on f32 when math_f32_suffix) applied to the
   * operands; with math_widen, f16 and bf16 operands are computed in
   * float and the result cast back ("(T)expf((float)x)"). */
  const char *math_prefix;
  bool math_f32_suffix, math_widen;
  /* math.absi of an integer: math_prefix "abs(x)" when true, else
   * "x < 0 ? -x : x". */
  bool has_int_abs;
  const char *erf;     /* the f32 erf function ("mly_erf", "erff") */
  const char *bitcast; /* format of T, x ("as_type<%s>(%s)") */
  /* Declarations of workgroup arrays and program-scope constants:
   * prefixes of "T name[N]" ("threadgroup ", "constant "). */
  const char *shared_prefix, *constant_prefix;
  /* Builtins as formats of one %c (x, y, z): the thread's index in its
   * workgroup, the workgroup's in the grid, the workgroup size, the grid
   * size, each an int expression; the global id of three %c (x, y, z). */
  const char *thread_id, *block_id, *block_dim, *grid_dim, *global_id;
  /* The lane in the subgroup and the subgroup's index, int expressions
   * (MLY_CF_NEED_LANE is set when either is used). */
  const char *lane_id, *subgroup_id;
  const char *barrier; /* the workgroup barrier statement */
  /* Put on its own line before an scf.for marked mly.unroll ("#pragma
   * unroll"), or NULL. */
  const char *unroll;
  /* Put before the declaration of a value or array nothing uses
   * ("[[maybe_unused]] "), or NULL. */
  const char *unused_prefix;
  /* f16 elements of kernel buffers (global memory) accessed as their 16
   * bits, or NULL for plain subscripts: a format of (buffer, index) that
   * reads one ("__ushort_as_half(((const unsigned short *)%s)[%s])") and
   * one of (buffer, index, value) that writes one. nvcc merges adjacent
   * 16-bit integer accesses into vector ones, not __half's. */
  const char *load_f16, *store_f16;
  /* vector.load of 8 f16 from a kernel buffer as one 16-byte access, or
   * NULL for element by element: the 16 bytes' type (four 32-bit words
   * x[0..4), 16-byte aligned; its prelude declares it when
   * MLY_CF_NEED_VEC16 is set) and the format of (value, word, shift)
   * that reads an f16 lane ("__ushort_as_half((unsigned short)(%s.x[%d]
   * >> %d))"). Optional. */
  const char *vec16, *vec16_f16_lane;
  /* nvgpu.device_async_copy of 16 bytes into workgroup memory: a format
   * of (destination, source) pointers, the statement that closes a group
   * (device_async_create_group) and the format of (groups) that waits
   * until at most that many are in flight (device_async_wait); the
   * prelude defines what they call when MLY_CF_NEED_ASYNC is set. NULL:
   * copies element by element, complete when done, and no waits.
   * Optional. */
  const char *async_copy16, *async_commit, *async_wait;
  /* Declares a kernel's n workgroup arrays wg0 .. wg{n-1} (element types
   * and counts) itself and returns true, or returns false for the
   * printer's "shared_prefix T wgI[count];". Optional. */
  bool (*workgroup)(MlyCfEmitter *e, intptr_t n, const MlirType *types,
                    const int64_t *counts);
  /* Words of the target's language that symbols must not take (NULL-
   * terminated), beside C++'s own and the printer's names. */
  const char *const *reserved;
  /* Prints the kernel's signature through its opening brace:
   * name, then its n buffer arguments args[0..n) (memrefs, named argI,
   * see mlyCfArgWritten). Returns false after a diagnostic on f. */
  bool (*kernel_open)(MlyCfEmitter *e, MlirOperation f, const char *name,
                      intptr_t n, const MlirValue *args);
  /* Emits gpu.subgroup_reduce `op` (mlyCfDefine and friends). */
  bool (*subgroup_reduce)(MlyCfEmitter *e, MlirOperation op);
  /* Writes what comes before the constants and kernels: includes and
   * the helpers of mlyCfNeeds(e). */
  void (*prelude)(MlyCfEmitter *e, MlirStringCallback write, void *user);
} MlyCfTarget;

/* Prints gpu.module `gm` through write(piece, user): the prelude, the
 * module's memref.global constants at program scope, then its kernels.
 * `state` is the target's own (mlyCfState). Nothing is written on
 * failure, which follows a diagnostic on the offending op. */
MlirLogicalResult mlyCfEmit(MlirOperation gm, const MlyCfTarget *t, void *state,
                            MlirStringCallback write, void *user);

/* Writes the portable definitions of the subgroup matrix helpers that
 * gpu.subgroup_mma_* print as (16 x 16 x 16 fragments; every call made
 * by all 32 lanes of a subgroup with the same arguments):
 *   mly_mma_a, mly_mma_b (f16 operands), mly_mma_c (f32 accumulator);
 *   mly_mma_fill(v), mly_mma_load_a/b/c(p, ld) from workgroup memory
 *   (row-major, ld elements a row), mly_mma_compute(a, b, c) = a b + c,
 *   mly_mma_store(p, c, ld, lane) into workgroup memory.
 * Every lane holds a whole fragment; a store writes the elements lane,
 * lane + 32, ... So they run anywhere subgroups have 32 lanes, slowly:
 * targets put their matrix units' versions first where they have them.
 * `fn` starts each function ("static inline"), `half` is the f16 type;
 * pointers are template parameters (of any address space). */
void mlyCfMmaPortable(MlirStringCallback write, void *user, const char *fn,
                      const char *half);

/* ---- For the hooks ---- */

/* The target and the state given to mlyCfEmit. */
const MlyCfTarget *mlyCfGetTarget(const MlyCfEmitter *e);
void *mlyCfState(const MlyCfEmitter *e);
/* The MLY_CF_NEED_* bits of the program so far; adds bits. */
unsigned mlyCfNeeds(const MlyCfEmitter *e);
void mlyCfNeed(MlyCfEmitter *e, unsigned bits);

/* Appends to the kernels' text; mlyCfLine indents and ends the line. */
void mlyCfPrintf(MlyCfEmitter *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void mlyCfLine(MlyCfEmitter *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The name of operand i of op, or NULL after a diagnostic. */
const char *mlyCfOperand(MlyCfEmitter *e, MlirOperation op, intptr_t i);

/* Declares result 0 of op as "T vN = <expr>;". False after a diagnostic
 * (or when out of memory). */
bool mlyCfDefine(MlyCfEmitter *e, MlirOperation op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A fresh local "vN" for v (owned by the emitter), or NULL. */
const char *mlyCfFresh(MlyCfEmitter *e, MlirValue v);

/* The target's name of scalar type t (unsigned_: of the same width), or
 * NULL. mlyCfTypeOrError: the same, or NULL after a diagnostic on op. */
const char *mlyCfType(const MlyCfEmitter *e, MlirType t, bool unsigned_);
const char *mlyCfTypeOrError(const MlyCfEmitter *e, MlirOperation op,
                             MlirType t);

/* Whether t is f32/f16/bf16; i1. */
bool mlyCfIsFloat(MlirType t);
bool mlyCfIsI1(MlirType t);

/* Whether a kernel stores to its argument (or passes it on). */
bool mlyCfArgWritten(MlirValue arg);

/* The printed form of attribute `name` of op (caller frees), or NULL. */
char *mlyCfAttrText(MlirOperation op, const char *name);

#endif /* MLY_TARGETS_CFAMILY_CFAMILY_H */
