/* runtime: the public C API for running models. Load an MLIR module (aten,
 * mly or linalg on tensors), bind its weights from a safetensors file and
 * run its entry function on host tensors, on the CPU JIT (runtime/cpu) or
 * the reference interpreter (runtime/interp).
 *
 *   MlyRuntime *rt = mlyRuntimeCreate();
 *   MlyModel *m = mlyModelLoad(rt, "model.mlir", NULL, err, sizeof err);
 *   mlyModelBindWeights(m, "weights.safetensors", err, sizeof err);
 *   mlyModelRun(m, inputs, n, &outputs, &n_out, err, sizeof err);
 *   mlyTensorArrayDestroy(outputs, n_out);
 *   mlyModelDestroy(m);
 *   mlyRuntimeDestroy(rt);
 *
 * Every call that can fail returns an MlyStatus (MLY_OK is 0) and writes a
 * NUL-terminated message into `err` (cut to `err_size` bytes; `err` may be
 * NULL). A runtime and its models are used by one thread at a time. */
#ifndef MLY_RUNTIME_MLY_RUNTIME_H
#define MLY_RUNTIME_MLY_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/Support.h"
#include "runtime/mly_tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a failing call returns. */
typedef enum MlyStatus {
  MLY_OK = 0,
  MLY_ERROR_ARGUMENT = 1, /* a bad option, index, input count or input type */
  MLY_ERROR_IO = 2,       /* a file is missing, unreadable or malformed */
  MLY_ERROR_MODEL = 3,    /* the module does not parse or verify, has no
                             such entry, or a weight is missing or mistyped */
  MLY_ERROR_COMPILE = 4,  /* lowering or JIT compilation failed */
  MLY_ERROR_RUN = 5,      /* the entry function failed while running */
  MLY_ERROR_MEMORY = 6,   /* out of memory */
} MlyStatus;

typedef struct MlyRuntime MlyRuntime;
typedef struct MlyModel MlyModel;

typedef struct MlyModelOptions {
  /* "cpu" (the default when NULL: JIT-compiled native code), "interp"
   * (the reference interpreter) or "msl-sim" (a host program of
   * mly-to-gpu, its kernels' Metal Shading Language compiled with the
   * host C++ compiler against a Metal shim and run on CPU threads; see
   * runtime/msl_sim), "hip-sim" (the same with the "hip" target's HIP
   * against runtime/hip_sim's shim, wavefronts of 64 lanes or the wave
   * size the HIP of msl_path was emitted for) or "vulkan" (the same host
   * program, its kernels' SPIR-V from the "spirv" target run on a Vulkan
   * device; see runtime/vulkan). For msl-sim, hip-sim and vulkan the
   * entry is the mly.host
   * function on memrefs: arguments with mly.output are its outputs, in
   * order. */
  const char *backend;
  /* cpu: directory caching compiled objects across processes (a hit
   * loads one, with no lowering or code generation); NULL: none. */
  const char *cache_dir;
  /* cpu: threads one run uses. 0 (the default) or 1: the calling thread
   * alone; N > 1: large ops (matmuls) are split into N slices that run
   * concurrently on the calling thread and N-1 workers. Results are the
   * same for any N. Part of the cache key. */
  int threads;
  /* The function to run; NULL: "forward". */
  const char *entry;
  /* Receives each MLIR diagnostic (parse, verify, pass and interpreter
   * errors at their op's location) as one line "loc: error: message\n".
   * With a callback, a failure the diagnostics already describe leaves
   * `err` empty (""); without one, those diagnostics become `err`. */
  MlirStringCallback diagnostic_callback;
  void *user_data; /* passed to diagnostic_callback */
  /* msl-sim (hip-sim): a file with the MSL (HIP) to run instead of what
   * the "msl" ("hip") target emits; NULL: the target's. */
  const char *msl_path;
  /* Refuses, at load (MLY_ERROR_MEMORY), a model whose tensors may take
   * more bytes than this: the sum of the bytes of every tensor value in
   * the module (every function's arguments and op results), a bound on
   * what any backend holds at once. 0: half of the physical memory. */
  uint64_t max_memory;
  /* vulkan: the physical device's index (mlyRuntimeListDevices). */
  int device;
  /* vulkan: a file with the SPIR-V to run instead of what the "spirv"
   * target emits; NULL: the target's. */
  const char *spirv_path;
  /* vulkan: write the compiled program (plan, constants and SPIR-V) to
   * this file as a bundle for mly-vulkan-replay; NULL: none. */
  const char *vulkan_bundle;
} MlyModelOptions;

/* A tensor's type, and a name when the module gives one. */
typedef struct MlyTensorInfo {
  /* Inputs: the graph input's name (the argument's NameLoc, as mly-import
   * writes it), or NULL. Weights: the mly.param name. Outputs: NULL.
   * Owned by the model. */
  const char *name;
  MlyDType dtype;
  int64_t rank;
  int64_t dims[MLY_TENSOR_MAX_RANK];
} MlyTensorInfo;

/* Returns a new runtime, or NULL when out of memory; release it with
 * mlyRuntimeDestroy. */
MlyRuntime *mlyRuntimeCreate(void);

/* Destroys `rt`. Models still loaded through it stay usable; it is freed
 * with the last of them. Accepts NULL. */
void mlyRuntimeDestroy(MlyRuntime *rt);

/* Parses and verifies the module at `mlir_path` and finds its entry
 * function in it. Arguments with an `mly.param` attribute are weights
 * (bound by mlyModelBindWeights); the others, in order, are the inputs of
 * mlyModelRun. An argument or result that is not a ranked tensor of static
 * shape and an MlyDType has no info (MLY_ERROR_ARGUMENT) and can never be
 * bound, which binding or running reports. `opts` (NULL: all defaults) and its strings are
 * only read during the call. The cpu backend compiles on the first
 * mlyModelRun (or mlyModelCompile). Returns a new model, destroyed with
 * mlyModelDestroy, or NULL with a message in `err`. */
MlyModel *mlyModelLoad(MlyRuntime *rt, const char *mlir_path,
                       const MlyModelOptions *opts, char *err, size_t err_size);

/* The bound on the bytes `m`'s tensors may take (see max_memory);
 * UINT64_MAX when it overflows. */
uint64_t mlyModelMemoryBound(const MlyModel *m);

/* Destroys `m`, its weights and its compiled code. Accepts NULL. */
void mlyModelDestroy(MlyModel *m);

/* Binds every weight of `m` to the tensor of the same name in the
 * safetensors file at `path`, replacing an earlier binding. The file is
 * held in memory until the next binding or mlyModelDestroy. On failure (a
 * bad file: MLY_ERROR_IO; a weight missing or of another type:
 * MLY_ERROR_MODEL) the earlier binding stays and `err` names the
 * weight, e.g. "weight 'fc.bias' not found in <path>". */
int mlyModelBindWeights(MlyModel *m, const char *path, char *err,
                        size_t err_size);

/* Returns the number of inputs / outputs / weights of `m`'s entry. */
int mlyModelNumInputs(const MlyModel *m);
int mlyModelNumOutputs(const MlyModel *m);
int mlyModelNumWeights(const MlyModel *m);

/* Fills *info with input / output / weight i. Returns MLY_OK, or
 * MLY_ERROR_ARGUMENT (info untouched) when i is out of range. */
int mlyModelInputInfo(const MlyModel *m, int i, MlyTensorInfo *info);
int mlyModelOutputInfo(const MlyModel *m, int i, MlyTensorInfo *info);
int mlyModelWeightInfo(const MlyModel *m, int i, MlyTensorInfo *info);

/* Reads the inputs of `m` from the safetensors file at `path`: input i is
 * the tensor named input_<i>, else the one named after the graph input
 * (mlyModelInputInfo's name). Types are checked by mlyModelRun, not here.
 * On success returns MLY_OK and *inputs points to a new array of *n =
 * mlyModelNumInputs(m) copies owned by the caller (release with
 * mlyTensorArrayDestroy). On failure (MLY_ERROR_IO: a bad file;
 * MLY_ERROR_ARGUMENT: "input_<i> not found in <path>") *inputs is NULL and
 * *n 0. */
int mlyModelReadInputs(const MlyModel *m, const char *path, MlyTensor **inputs,
                       size_t *n, char *err, size_t err_size);

/* cpu: lowers and JIT-compiles `m` now (through the cache when one is
 * set) rather than in the first mlyModelRun. A no-op for interp and when
 * already compiled. Returns MLY_OK or MLY_ERROR_COMPILE. */
int mlyModelCompile(MlyModel *m, char *err, size_t err_size);

/* Whether the cpu compilation of `m` came from the cache (false before it,
 * for interp and without a cache). */
bool mlyModelCacheHit(const MlyModel *m);
/* The cache file of `m`'s cpu compilation, or NULL (before it, for interp,
 * without a cache). Owned by `m`. */
const char *mlyModelCachePath(const MlyModel *m);

/* cpu, once compiled: the arena that holds the intermediate buffers of one
 * run of the entry function (one allocation, laid out by mly-plan-memory's
 * placement so that buffers of disjoint live ranges share bytes): its
 * size in *bytes, the sum of the buffers' sizes (each rounded up to 64
 * bytes) in *naive, their count in *buffers. False (outputs untouched)
 * before compilation and for interp. */
bool mlyModelArena(const MlyModel *m, int64_t *bytes, int64_t *naive,
                   int64_t *buffers);

/* Runs the entry function on inputs[0..n) (compiling first when needed).
 * Checks, before running, that every weight is bound, that n equals
 * mlyModelNumInputs ("<n> inputs given, the function takes <k>") and that
 * each input's dtype and dims match ("input_<i> is tensor<...>, the
 * function expects tensor<...>"); inputs are only read. On success
 * returns MLY_OK and *outputs points to a new array of *n_out tensors owned
 * by the caller (release with mlyTensorArrayDestroy). On failure
 * *outputs is NULL and *n_out 0. */
int mlyModelRun(MlyModel *m, const MlyTensor *inputs, size_t n,
                MlyTensor **outputs, size_t *n_out, char *err, size_t err_size);

/* Lists the devices of `backend` ("vulkan"), one line "<index>: <name>
 * (<type>, Vulkan <version>)" each through write(line, user). Returns
 * MLY_OK; MLY_ERROR_ARGUMENT for a backend without devices (or not in this
 * build), MLY_ERROR_RUN when the driver fails, with a message in `err`. */
int mlyRuntimeListDevices(const char *backend, MlirStringCallback write,
                          void *user, char *err, size_t err_size);

/* Frees tensors[0..n) and the array, as mlyModelRun and
 * mlyModelReadInputs return them. Accepts NULL. */
void mlyTensorArrayDestroy(MlyTensor *tensors, size_t n);

/* Whether `path` is a folder written by mly-compile holding the file that
 * `what` names for `backend` (NULL: cpu); if so, its path goes into
 * out[0..n). `what`: "module" (model.mly.mlir for the cpu and interp
 * backends, model.host.mlir, the host program of mly-to-gpu, for the GPU
 * ones), "weights" (weights.safetensors), "msl" (model.metal), "hip"
 * (model.hip), "spirv" (model.spv). mlyModelLoad takes such a folder as
 * `mlir_path` and runs its module, with the folder's MSL (msl-sim), HIP
 * (hip-sim) or SPIR-V (vulkan) unless the options name others. False when `path` is no folder, the file is
 * missing or its path does not fit. */
bool mlyCompiledFolderFile(const char *path, const char *backend,
                           const char *what, char *out, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_MLY_RUNTIME_H */
