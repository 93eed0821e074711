/* runtime/msl_sim: the msl-sim backend. Runs a host program as
 * conversions/mly_to_gpu produces it (a func.func with `mly.host` whose
 * body launches the kernels of a gpu.module) by compiling the kernels'
 * Metal Shading Language with the host C++ compiler against metal_shim.h
 * and running each threadgroup on CPU threads, with real barriers,
 * threadgroup memory shared by the group and simdgroups of 32 lanes. It
 * checks the MSL that targets/msl emits without a Mac.
 *
 * The host function's arguments are inputs (no mly.param, no mly.output),
 * weights (mly.param) and outputs (mly.output = i), all memrefs of static
 * shape and identity layout. Its body may hold only arith.constant,
 * memref.alloc (an arena when they carry mly.offset), memref.get_global
 * of top-level memref.global with dense values, gpu.launch_func with
 * constant sizes, memref.dealloc and func.return. */
#ifndef MLY_RUNTIME_MSL_SIM_MLY_MSL_SIM_H
#define MLY_RUNTIME_MSL_SIM_MLY_MSL_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "runtime/mly_tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct MlyMslSim MlyMslSim;

typedef struct MlyMslSimOptions {
  /* A file holding the MSL of the gpu.module, used instead of what the
   * "msl" target plugin emits (hand-written or hand-edited kernels).
   * NULL: emit it with the plugin, found as mly-translate finds it. */
  const char *msl_path;
  /* Where compiled kernels are kept across processes, keyed by a hash of
   * everything compiled; NULL: compile into a temporary directory. */
  const char *cache_dir;
  /* The C++ compiler; NULL: $MLY_CXX, else the clang++ found when mly
   * was configured. */
  const char *cxx;
  /* The target whose source is simulated: "msl" (NULL) or "hip" (the
   * hip-sim backend: HIP compiled against runtime/hip_sim/hip_shim.h,
   * wavefronts of the MLY_WAVE_SIZE the source defines; msl_path then
   * names a HIP file). Messages then name hip-sim. */
  const char *target;
} MlyMslSimOptions;

/* Prepares the host function `entry` of `module` (only read, not kept)
 * for running: checks its body, reads its constants, gets the MSL of the
 * gpu.module it launches, checks each kernel's signature in it (buffers
 * 0..n-1 of the gpu.func's element types, then the six builtins), and
 * compiles and loads the kernels. Problems of the module are MLIR
 * diagnostics on the offending op (then `err` says what failed); a
 * compiler error puts the compiler's messages in `err`. Returns a new
 * simulator (mlyMslSimDestroy), or NULL with a message in `err`. */
MlyMslSim *mlyMslSimCompile(MlirModule module, const char *entry,
                            const MlyMslSimOptions *options, char *err,
                            size_t err_size);

/* Whether the kernels came from the cache, and the cached library's path
 * (NULL without a cache; owned by `s`). */
bool mlyMslSimCacheHit(const MlyMslSim *s);
const char *mlyMslSimCachePath(const MlyMslSim *s);

/* Runs the host function: args[i] is host argument i (inputs and
 * weights; the entries of output arguments are ignored), each of the
 * argument's dtype and size. The threadgroups of a launch run one after
 * another, each with its threads concurrent; one run at a time per
 * process. On success returns true and *outputs points to a new array of
 * *n_outputs tensors in mly.output order (release each with
 * mlyTensorFree, then the array). On failure (a kernel deadlocked, an
 * argument has the wrong size) returns false with a message in `err`
 * naming the kernel and threadgroup, *outputs NULL. */
bool mlyMslSimRun(MlyMslSim *s, const MlyTensor *args, int n_args,
                  MlyTensor **outputs, intptr_t *n_outputs, char *err,
                  size_t err_size);

/* Stops the simulator's threads and unloads its kernels. Accepts NULL. */
void mlyMslSimDestroy(MlyMslSim *s);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_MSL_SIM_MLY_MSL_SIM_H */
