/* runtime/cpu: the CPU backend. Lowers a linalg-on-tensors module (what
 * mly-to-linalg emits) to the LLVM dialect through upstream passes, JITs it
 * with MLIR's ExecutionEngine and calls its public functions on host
 * tensors, on one thread or several. The intermediates of each function
 * live in one arena per call. An optional disk cache keeps the compiled
 * object, keyed by the module and the options, so that a second compile
 * of the same module only loads it (LLVM's ORC JIT, no lowering, no code
 * generation). */
#ifndef MLY_RUNTIME_CPU_H
#define MLY_RUNTIME_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "runtime/mly_tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct MlyCpuModule MlyCpuModule;

/* The most threads mlyCpuCompile takes. */
#define MLY_CPU_MAX_THREADS 256

typedef struct MlyCpuOptions {
  int opt_level;         /* LLVM optimization level, 0 to 3 */
  const char *cache_dir; /* where compiled objects are cached; NULL: none */
  /* Threads that one run uses: 0 or 1, the calling thread alone; N > 1:
   * each large op (matmuls, big elementwise ops and reductions) is split
   * along a parallel loop into N slices run concurrently, one on the
   * calling thread and N-1 on the worker threads of MLIR's async runtime
   * (libmlir_async_runtime, loaded into the JIT). Each element is computed
   * by the same code either way, so results do not depend on it. */
  int threads;
} MlyCpuOptions;

/* Compiles every public func.func of `module` (bodies of linalg, tensor,
 * arith, math, scf and func.call of private functions, on ranked tensors
 * of static shape). `module` is only read: the lowering works on a clone.
 * Registers all upstream dialects, passes and LLVM translations in the
 * module's context; pass failures are reported as diagnostics through
 * that context. `options` may be NULL (opt level 2, no cache, one
 * thread). A cache entry that cannot be written is not an error; one that
 * cannot be read or loaded is compiled again and rewritten. The key of an
 * entry hashes the module's text, the options (opt level, threads), the
 * host CPU and its features, mly's and LLVM's versions and the pipelines.
 * Returns a new module,
 * destroyed with mlyCpuDestroy, or NULL with a message in `err` (size
 * `err_size`). */
MlyCpuModule *mlyCpuCompile(MlirModule module, const MlyCpuOptions *options,
                            char *err, size_t err_size);

/* Whether mlyCpuCompile found `m` in the cache (false without a cache). */
bool mlyCpuModuleCacheHit(const MlyCpuModule *m);
/* The arena of public function `entry` of `m`: the one allocation that
 * holds the intermediate buffers of a call (laid out by mly-plan-memory's
 * placement, buffers of disjoint live ranges sharing bytes), its size in
 * *bytes, the sum of the buffers' (64-byte rounded) sizes in *naive and
 * their count in *buffers. False (outputs untouched) for no such
 * function. */
bool mlyCpuModuleArena(const MlyCpuModule *m, const char *entry, int64_t *bytes,
                       int64_t *naive, int64_t *buffers);
/* The cache file of `m`, or NULL without a cache. Owned by `m`. */
const char *mlyCpuModuleCachePath(const MlyCpuModule *m);

/* Calls the public function `entry` of `m` on `args[0..n_args)`, whose
 * dtypes and dims must match its argument types (checked). `args` are only
 * read. On success *results points to a new array of *n_results tensors,
 * owned by the caller (mlyTensorFree each, then free the array), and true
 * is returned; on failure returns false with a message in `err` and
 * *results NULL. */
bool mlyCpuRun(MlyCpuModule *m, const char *entry, const MlyTensor *args,
               intptr_t n_args, MlyTensor **results, intptr_t *n_results,
               char *err, size_t err_size);

/* Frees `m` and its JIT code. Accepts NULL. */
void mlyCpuDestroy(MlyCpuModule *m);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_CPU_H */
