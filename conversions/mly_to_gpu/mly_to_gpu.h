/* conversions/mly_to_gpu: turns an optimized mly module (a public entry
 * function calling outlined `mly.fused` functions) into a host program on
 * memrefs plus one `gpu.module @kernels` (pass `mly-to-gpu`), the input of
 * the target plugins (targets/mly_target.h) and of the GPU runtimes.
 *
 * Output, per public function `@f` of the module:
 *   - `func.func @f` with `mly.host`: arguments are the original inputs
 *     (memrefs, with `mly.name` from their NameLoc and their original
 *     attributes, weights keeping `mly.param`), then one memref per result
 *     (`mly.output = i`), written by the kernels (destination passing).
 *     The body holds `arith.constant` sizes, `memref.alloc` intermediates
 *     (`mly.offset` when mly-plan-memory planned the function; the
 *     function then carries `mly.arena_size`), `memref.get_global` of
 *     top-level `memref.global` constants, one `gpu.launch_func` per
 *     kernel in program order, and `return`.
 *   - one `gpu.func` kernel per fused function and per compute op left
 *     outside a fusion group (data movement such as reshape included: a
 *     copy kernel), whose arguments are its input buffers then its output
 *     buffers, with `known_block_size`, `mly.kind` (the fusion kind) and
 *     `mly.schedule` (what the kernel does):
 *       "elementwise": one thread per element of the largest output,
 *           bounds-checked; every other value is computed where it is used
 *           (reductions and contractions as loops in the thread);
 *       "row": reduction groups: one workgroup per reduced row, each
 *           reduction a strided partial per thread and a tree in
 *           workgroup memory, prologue and epilogue fused;
 *       "attention": attention groups (scores, softmax, P V), flash-
 *           attention style with an online softmax (running max, sum and
 *           P V); the score matrix is never stored. By default a
 *           workgroup takes `qblock` query rows, a thread each (its Q row
 *           and P V accumulators in registers), and streams tiles of K
 *           and V through workgroup memory, shared by all its rows; with
 *           qblock=0 (or a head width past 128) one workgroup per query
 *           row scores a key per thread with tree reductions;
 *       "tiled": matmul groups: a tile_m x tile_n output tile per
 *           workgroup, operand tiles staged through workgroup memory,
 *           each thread a (tile_m/16) x (tile_n/16) block, epilogue fused.
 *     Inside a kernel values are computed at indices (loads, index
 *     arithmetic, loops), shared when computed twice at the same indices
 *     and hoisted out of loops (never out of a guard), so one thread does
 *     not redo a row's reduction per element.
 *
 * Numerics follow conversions/mly_to_linalg (the same scalar emitter):
 * accumulations in f32 (floats) or the integer type, gather indices
 * clamped into range. */
#ifndef MLY_CONVERSIONS_MLY_TO_GPU_H
#define MLY_CONVERSIONS_MLY_TO_GPU_H

#include <stdbool.h>
#include <stddef.h>

#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Schedule parameters (the pass's options). */
typedef struct MlyGpuOptions {
  int block_size;   /* threads of elementwise and row workgroups (256) */
  int matmul_tile;  /* tile_m = tile_n of the tiled schedule (32) */
  int matmul_ktile; /* k extent of a staged operand tile (16) */
  int row_schedule; /* use "row" for reduction groups (1) */
  int tiled_schedule; /* use "tiled" for matmul groups (1) */
  int attention_schedule; /* use "attention" for attention groups (1) */
  int attention_rows; /* query rows per "attention" workgroup: 32, 64 or
                         128 (64), or 0 for one workgroup per row */
  int matmul_mma; /* "tiled-mma" for matmuls of f16 operands (0) */
  int elems_per_thread; /* elements of an "elementwise" thread: 1, 2, 4
                           or 8 (1) */
  int attention_tiled; /* "attention-tiled" where it fits (1) */
  int wg_kib; /* workgroup memory a kernel may take, KiB in [16, 227] (32:
                 Metal's limit; 48: what CUDA and Vulkan on NVIDIA offer
                 static arrays; beyond, only HIP on CUDA, where the
                 target takes it as dynamic shared memory, up to 227 on
                 an H100) */
  int vec; /* consecutive elements (lanes) an elementwise or row thread
              takes: 1, 2, 4 or 8, or 0 for 16 bytes of the kernel's
              widest buffer element (0) */
  int occupancy; /* workgroups a kernel asks to fit on one compute unit
                    at once, 1 to 4 (1): kernels then carry
                    mly.occupancy, which the HIP target gives CUDA as
                    __launch_bounds__'s minimum blocks per SM (registers
                    capped to fit) */
  int stages; /* k tiles of the MMA schedule in flight, 1 to 4 (1): 1
                 stages the next tile through registers; 2 to 4 copy tiles
                 into as many workgroup buffers asynchronously
                 (nvgpu.device_async_copy: cp.async on NVIDIA), where both
                 operands are f16 kernel buffers on whole tiles and the
                 buffers fit wgmem (fewer stages where they do not) */
} MlyGpuOptions;

/* The defaults above. */
MlyGpuOptions mlyGpuOptionsDefault(void);

/* Sets the options of passes created afterwards; returns false (and keeps
 * the old ones) when a value is out of range: block_size a power of two in
 * [32, 1024], matmul_tile a multiple of 16 in [16, 128], matmul_ktile in
 * [1, 64] with tile * ktile a multiple of 256, attention_rows 0, 32, 64
 * or 128. */
bool mlyGpuOptionsSet(const MlyGpuOptions *opts);

/* The field of o named `key` (its first n characters: "tile", "wgmem",
 * ... as --mly-gpu-options spells them), or NULL; with tuned_only, only
 * the fields a tuning file may set (not row, tiled, attention). */
int *mlyGpuOptionField(MlyGpuOptions *o, const char *key, size_t n,
                       bool tuned_only);

/* Whether o's values are in the ranges mlyGpuOptionsSet accepts. */
bool mlyGpuOptionsValid(const MlyGpuOptions *o);

/* Tuning files: schedule parameters chosen per GPU by bench/gpu's
 * autotuner, so tuned builds need no GPU at compile time. JSON:
 *   {"version": 1, "devices": {"<device name>": {"<kernel signature>":
 *       {"block-size": 256, "tile": 64, "ktile": 8, ...}, ...}}}
 * A kernel's signature is its `mly.signature` attribute (fusion kind and
 * the types of its inputs and outputs). mlyGpuTuningLoad reads `path` and
 * keeps the entries of `device` for the passes created afterwards (an
 * entry overrides the options for its kernels; values out of range are
 * ignored); false with a message in err (cut to n bytes) when the file is
 * unreadable, malformed, of another version or lacks the device. */
bool mlyGpuTuningLoad(const char *path, const char *device, char *err,
                      size_t n);
/* Forgets the loaded tuning. */
void mlyGpuTuningClear(void);

/* Parses "key=value,..." with keys block-size, tile, ktile, row (0/1) and
 * tiled (0/1) over *o (unnamed keys keep their value) and sets the result
 * (mlyGpuOptionsSet). Returns false with a message in err (cut to n bytes)
 * on an unknown key, a bad number or values out of range. */
bool mlyGpuOptionsParse(const char *spec, char *err, size_t n);

/* mly-to-gpu: the conversion described above, on a builtin.module. An op
 * it cannot lower is an error at its location and fails the pass. */
MlirPass mlyCreateMlyToGpuPass(void);

#ifdef __cplusplus
}
#endif

#endif /* MLY_CONVERSIONS_MLY_TO_GPU_H */
