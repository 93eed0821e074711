/* targets: loading target plugins (mly_target.h) into a registry, and the
 * launch manifest of a host program, the JSON a runtime reads beside the
 * kernels a target emitted.
 *
 * Manifest schema (version 1), written by mlyTargetWriteManifest:
 *
 *   {
 *     "version": 1,
 *     "target": "msl",                  the target's name
 *     "source": "out.metal",            the file holding the kernels ("-":
 *                                       stdout)
 *     "host_function": "forward",       the func.func carrying mly.host
 *     "arena_bytes": 64,                only when some buffer has an offset:
 *                                       the end of the last arena buffer
 *     "buffers": [                      host args in order, then every
 *       {                               memref.alloc and memref.get_global
 *         "name": "x",                  of the host function in order
 *         "role": "input",              input | weight | constant |
 *                                       intermediate | output
 *         "dtype": "f32",               f32 f16 bf16 f64 i64 i32 i16 i8 i1
 *         "shape": [4, 4],
 *         "bytes": 64,                  elements * element size (i1: 1 byte)
 *         "arg_index": 0,               host args only
 *         "output_index": 0,            outputs only (mly.output)
 *         "offset": 0,                  intermediates with mly.offset only
 *         "global": "cst_0"             constants only: the memref.global
 *       }, ...],                        holding the values
 *     "kernels": [                      one entry per gpu.launch_func, in
 *       {                               program order
 *         "name": "fused_0_elementwise",
 *         "kind": "elementwise",        mly.kind ("" when absent)
 *         "grid": [1, 1, 1],            threadgroups per grid
 *         "threadgroup": [64, 1, 1],    threads per threadgroup
 *         "workgroup_memory_bytes": 0,  workgroup attributions (+ dynamic)
 *         "bindings": [                 the kernel's buffers, in order
 *           {"index": 0, "buffer": "x", "role": "input", "dtype": "f32",
 *            "shape": [4, 4], "bytes": 64, "access": "read"}, ...]
 *       }, ...],
 *     "launch_order": ["fused_0_elementwise", ...]
 *   }
 *
 * "access" is what the kernel does with the binding: read (only loads, or
 * not used), write (only stores) or read_write. A buffer's "name" is its
 * mly.name (inputs), its mly.param (weights), its mly.name or "output_<i>"
 * (outputs), "tmp_<k>" (the k-th alloc) or the global's symbol
 * (constants). */
#ifndef MLY_TARGETS_MLY_TARGETS_H
#define MLY_TARGETS_MLY_TARGETS_H

#include <stddef.h>

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"
#include "targets/mly_target.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MLY_MANIFEST_VERSION 1

/* The alignment, in bytes, of every buffer a host hands a kernel (see
 * mly_target.h): base addresses are multiples of it. */
#define MLY_BUFFER_ALIGN 16

typedef struct MlyTargetRegistry MlyTargetRegistry;

/* Returns an empty registry, or NULL when out of memory. Destroy it with
 * mlyTargetRegistryDestroy. */
MlyTargetRegistry *mlyTargetRegistryCreate(void);

/* Unloads (dlclose) every plugin and frees `r`. Targets obtained from it
 * are invalid afterwards. NULL is a no-op. */
void mlyTargetRegistryDestroy(MlyTargetRegistry *r);

/* Loads the plugin at `path`. A path without '/' is taken relative to the
 * working directory ("./" is prefixed), never searched for. Loading the
 * same library again (by any path) is a no-op that succeeds. Returns 0 on
 * success; otherwise non-zero with a message naming the file written into
 * err[0..err_size) (truncated, NUL-terminated; err may be NULL if
 * err_size is 0), and nothing kept: not a loadable library (dlerror's
 * text), no mly_target_entry symbol, an entry returning NULL, another ABI
 * version (both named), a NULL required field or a malformed name, or a
 * name already loaded from another file (both files named). */
int mlyTargetRegistryLoad(MlyTargetRegistry *r, const char *path, char *err,
                          size_t err_size);

/* Loads every "*.so" file of each directory of MLY_TARGET_PATH
 * (colon-separated; in name order within a directory), then of
 * <directory of /proc/self/exe>/../lib/mly/targets. Directories that do
 * not exist are skipped. Stops at the first refused plugin and returns
 * non-zero with its message in err, as mlyTargetRegistryLoad. */
int mlyTargetRegistryLoadDefaults(MlyTargetRegistry *r, char *err,
                                  size_t err_size);

/* The target named `name`, or NULL. Owned by the registry. */
const MlyTarget *mlyTargetRegistryLookup(const MlyTargetRegistry *r,
                                         const char *name);

/* The number of loaded targets, and the i-th of them in load order
 * (i < count) with, when `path` is not NULL, the file it came from in
 * *path (owned by the registry). */
size_t mlyTargetRegistryCount(const MlyTargetRegistry *r);
const MlyTarget *mlyTargetRegistryGet(const MlyTargetRegistry *r, size_t i,
                                      const char **path);

/* Writes the launch manifest (schema above) of `host`, a module holding
 * one func.func with the mly.host attribute, gpu.launch_func ops in its
 * body and the gpu.module(s) they launch, through write(piece, user_data).
 * `target` and `source_file` fill "target" and "source". Fails, after an
 * error diagnostic on the offending op, when there is no host function or
 * more than one, a launch is not in the host's body, a grid or block size
 * is not an arith.constant, a kernel cannot be found, or an operand of a
 * launch is not a buffer of the host function (arg, memref.alloc or
 * memref.get_global) of static shape. Nothing is written on failure. */
MlirLogicalResult mlyTargetWriteManifest(MlirModule host, const char *target,
                                         const char *source_file,
                                         MlirStringCallback write,
                                         void *user_data);

#ifdef __cplusplus
}
#endif

#endif /* MLY_TARGETS_MLY_TARGETS_H */
