/* runtime/vulkan: the vulkan backend. Runs a host program of
 * conversions/mly_to_gpu (see runtime/gpu_host.h) on a Vulkan device: its
 * gpu.module becomes SPIR-V through the "spirv" target plugin, each kernel
 * a compute pipeline, each host buffer a storage buffer (one buffer for
 * the arena when allocs carry mly.offset), and a run is one command
 * buffer: the dispatches in program order with a memory barrier between
 * them, submitted once; outputs are read back after.
 *
 * The device needs Vulkan 1.1 and a compute queue; what the SPIR-V uses
 * beyond that (Int64, Int8, Int16, Float16, 8- and 16-bit storage) is
 * enabled when the device has it. Every failing Vulkan call is reported
 * with its name and result ("vkCreateDevice: VK_ERROR_..."). Setting
 * MLY_VULKAN_VALIDATION=1 turns the Khronos validation layer on when it
 * is installed.
 *
 * The MLIR-free part (mlyVulkanCreate, Run, Destroy) takes a plan and
 * SPIR-V words, so a program can be run where no MLIR is installed
 * (mly-vulkan-replay, from a bundle written by mlyVulkanBundleWrite). */
#ifndef MLY_RUNTIME_VULKAN_MLY_VULKAN_H
#define MLY_RUNTIME_VULKAN_MLY_VULKAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"
#include "runtime/gpu_host.h"
#include "runtime/mly_tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct MlyVulkan MlyVulkan;

typedef struct MlyVulkanOptions {
  /* Index of the physical device, in vkEnumeratePhysicalDevices order
   * (mlyVulkanListDevices). */
  int device;
  /* A file holding the SPIR-V of the gpu.module, used instead of what the
   * "spirv" target plugin emits; NULL: the plugin's. */
  const char *spirv_path;
} MlyVulkanOptions;

/* Writes one line per physical device, "<index>: <name> (<type>, Vulkan
 * <major>.<minor>[, no compute queue])", through write(line, user).
 * Returns true, or false with a message in `err`. */
bool mlyVulkanListDevices(MlirStringCallback write, void *user, char *err,
                          size_t err_size);

/* Builds the plan of host function `entry` of `module`, gets its SPIR-V
 * (options->spirv_path or the spirv plugin) and creates the device,
 * pipelines and buffers (mlyVulkanCreate). Module problems are MLIR
 * diagnostics (then `err` may be ""). Returns NULL on failure. */
MlyVulkan *mlyVulkanCompile(MlirModule module, const char *entry,
                            const MlyVulkanOptions *options, char *err,
                            size_t err_size);

/* Whether words[0..n_bytes) is a SPIR-V module that SPIRV-Tools validates
 * for Vulkan 1.1 (with a reason in err otherwise). Drivers need not
 * survive invalid SPIR-V, so mlyVulkanCreate checks every module with it;
 * a build without SPIRV-Tools checks only the header. */
bool mlyVulkanValidateSpirv(const void *words, size_t n_bytes, char *err,
                            size_t err_size);

/* Creates the backend from `plan` (taken over: freed by mlyVulkanDestroy,
 * or here on failure) and n_spirv SPIR-V modules spirv[i] of n_bytes[i]
 * bytes (copied): one holding every kernel, or one per kernel in the
 * plan's order (what mlyVulkanCompile makes: a module of its own keeps
 * each kernel's workgroup memory apart, as SPIR-V 1.3 entry points do
 * not list their workgroup variables and drivers count them all). Entry
 * points are the kernels' names. */
MlyVulkan *mlyVulkanCreate(MlyGpuHostPlan *plan, int n_spirv,
                           const void *const *spirv, const size_t *n_bytes,
                           const MlyVulkanOptions *options, char *err,
                           size_t err_size);

/* The plan the backend runs (owned by it). */
const MlyGpuHostPlan *mlyVulkanPlan(const MlyVulkan *v);

/* The number of SPIR-V modules, and module i's words (owned by v),
 * *n_bytes long. */
int mlyVulkanNumSpirv(const MlyVulkan *v);
void mlyVulkanSpirv(const MlyVulkan *v, int i, const uint32_t **words,
                    size_t *n_bytes);

/* The device's name (owned by v). */
const char *mlyVulkanDeviceName(const MlyVulkan *v);

/* Runs the host program: args[i] is host argument i (inputs and weights;
 * the entries of outputs are ignored), each of the argument's dtype and
 * size. On success returns true and *outputs points to a new array of
 * *n_outputs tensors in mly.output order (release each with mlyTensorFree,
 * then the array); false with a message in `err` otherwise. */
bool mlyVulkanRun(MlyVulkan *v, const MlyTensor *args, int n_args,
                  MlyTensor **outputs, intptr_t *n_outputs, char *err,
                  size_t err_size);

/* The launches of the host program, in order, and launch i's kernel. */
int mlyVulkanNumLaunches(const MlyVulkan *v);
const char *mlyVulkanLaunchName(const MlyVulkan *v, int i);

/* GPU time of the launches from the device's timestamps (the run's
 * uploads and downloads left out), in microseconds. */
typedef struct MlyVulkanTiming {
  double median_us, min_us; /* the whole sequence of launches */
  double *launch_us;        /* median per launch (free()), n_launch of them */
  int n_launch;
} MlyVulkanTiming;

/* Submits the launches warmup + iters times on the buffers as the last
 * mlyVulkanRun left them (each launch after a barrier on the previous one,
 * as in a run) and fills *t from the last `iters`. False, with `err`, when
 * the queue has no timestamps or a call fails. */
bool mlyVulkanTime(MlyVulkan *v, int warmup, int iters, MlyVulkanTiming *t,
                   char *err, size_t err_size);

/* Releases every Vulkan object, the plan and `v`. Accepts NULL. */
void mlyVulkanDestroy(MlyVulkan *v);

/* A bundle: the plan and SPIR-V of a compiled program in one safetensors
 * file (constants as tensors, the SPIR-V as a U8 tensor, the rest in its
 * metadata), for mly-vulkan-replay. Returns true, or false with `err`. */
bool mlyVulkanBundleWrite(const MlyVulkan *v, const char *path, char *err,
                          size_t err_size);

/* Reads a bundle into a new plan (kernels without types, no gpu_module)
 * and its SPIR-V modules: *n_spirv of them, (*spirv)[i] of (*n_bytes)[i]
 * bytes (each and both arrays malloc'd). Returns the plan, or NULL with
 * `err`. */
MlyGpuHostPlan *mlyVulkanBundleRead(const char *path, int *n_spirv,
                                    void ***spirv, size_t **n_bytes, char *err,
                                    size_t err_size);

#ifdef __cplusplus
}
#endif

#endif /* MLY_RUNTIME_VULKAN_MLY_VULKAN_H */
