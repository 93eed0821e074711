/* targets: the plugin ABI through which mly emits GPU kernels for a target
 * (Metal Shading Language, HIP, SPIR-V, or one of your own).
 *
 * A target is a shared library that exports one C function,
 *
 *   const MlyTarget *mly_target_entry(void);
 *
 * returning a pointer to a static MlyTarget that lives as long as the
 * library is loaded. mly-translate (and every other tool that emits code)
 * finds plugins in, in order:
 *   1. the libraries named with --load-target=PATH (a relative PATH is
 *      resolved against the working directory, never searched for);
 *   2. each directory of the MLY_TARGET_PATH environment variable
 *      (colon-separated), every file ending in the platform's shared
 *      library suffix (".so");
 *   3. the install's lib/mly/targets/ directory (beside the tool: the
 *      tool's ../lib/mly/targets/).
 * A library is refused, with a message naming its file, when it cannot be
 * loaded, when it lacks the `mly_target_entry` symbol, when the entry
 * returns NULL, when its `abi_version` is not MLY_TARGET_ABI_VERSION (the
 * message names both versions), when a required field is NULL, or when a
 * target of the same `name` was loaded before (the message names both
 * files).
 *
 * What a target receives. `emit` is given one `gpu.module` operation, as
 * conversions/mly_to_gpu produces it (see DESIGN.md): `gpu.func` kernels
 * whose arguments are memrefs of static shape (the kernel's buffers, in
 * binding order: inputs first, outputs last), whose bodies use only the
 * `gpu` (thread_id, block_id, block_dim, grid_dim, barrier,
 * subgroup_reduce, return), `scf` (for, if, yield), `arith`, `math` and
 * `memref` (load, store, get_global of `memref.global` constants in the
 * gpu.module) dialects, with workgroup memory as `workgroup(...)`
 * attributions. Each kernel carries `known_block_size` (its workgroup
 * size) and `mly.kind` ("elementwise", "reduction", "matmul",
 * "attention"), and may carry `mly.occupancy` (i32: how many of its
 * workgroups it asks to fit on one compute unit at once, a hint a target
 * may pass on or ignore). Every host that runs the kernels gives each
 * buffer argument a base address that is a multiple of 16 bytes
 * (MLY_BUFFER_ALIGN of mly_targets.h; mly's runtimes copy a user's
 * tensor that is not, and the manifest's arena offsets are multiples of
 * 64), so a target may declare the buffers 16-byte aligned. The operation belongs to the
 * caller; a target must not modify or keep it. It writes its output
 * through `write` (in as many pieces as it likes) and reports problems as
 * MLIR diagnostics on the offending operation (mlirEmitError), returning
 * failure.
 *
 * `emit` may be called several times per load (mly-translate
 * --split-input-file), each time on a module of its own; a plugin keeps
 * no state between calls. The host has a diagnostic handler on the
 * context that prints errors at their locations.
 *
 * Linking. A plugin calls the MLIR C API on operations owned by the host
 * tool. Link it against the same shared libMLIR as the tools (the MLIR C
 * API archives may be linked into the plugin: they are thin wrappers over
 * libMLIR). It must not load dialects or create contexts of its own to
 * inspect the module it is given. In this tree, mly_add_target_plugin()
 * (targets/CMakeLists.txt) does this: the archives' symbols are kept
 * local (-Wl,--exclude-libs,ALL) and only mly_target_entry is exported,
 * and the library lands in lib/mly/targets/ beside the tools' bin/.
 *
 * The launch manifest that goes with a target's output (buffers, launch
 * order, grid and threadgroup sizes) is written by the host, not by
 * plugins: see targets/mly_targets.h.
 *
 * Versioning. MLY_TARGET_ABI_VERSION changes whenever the layout of the
 * structs below or the meaning of a field changes; fields are only ever
 * appended. A host accepts only plugins of its own version. */
#ifndef MLY_TARGETS_MLY_TARGET_H
#define MLY_TARGETS_MLY_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MLY_TARGET_ABI_VERSION 1

/* The name of the one symbol a plugin exports. */
#define MLY_TARGET_ENTRY_SYMBOL "mly_target_entry"

/* Target-specific options, given on the command line as
 * --target-option=key=value (e.g. "wave-size=64" for HIP). A plugin reads
 * the ones it knows and fails with a diagnostic on a key it does not. */
typedef struct MlyTargetOptions {
  size_t count;
  const char *const *keys;   /* count NUL-terminated keys */
  const char *const *values; /* count NUL-terminated values */
} MlyTargetOptions;

/* What a plugin's entry returns. Every string is NUL-terminated, static
 * and non-NULL unless said otherwise. */
typedef struct MlyTarget {
  /* MLY_TARGET_ABI_VERSION of the header the plugin was built with. The
   * host reads this field first and nothing else when it differs. */
  uint32_t abi_version;
  /* The target's name, used by --target=<name> and --mlir-to-<name>:
   * lowercase letters, digits and '-' ("msl", "hip", "spirv"). */
  const char *name;
  /* One line for --list-targets. */
  const char *description;
  /* The extension of the files it writes, with the dot (".metal"). */
  const char *file_extension;
  /* Whether the output is binary (written as bytes, not printed). */
  int binary;
  /* The options it accepts, one "key=<value>: meaning" a line, or NULL. */
  const char *options_help;
  /* Emits `gpu_module` (a gpu.module op; not modified, not kept) through
   * write(piece, user_data). `options` is never NULL (count may be 0).
   * Returns success, or failure after emitting at least one diagnostic
   * on the offending operation. */
  MlirLogicalResult (*emit)(MlirOperation gpu_module, MlirStringCallback write,
                            void *user_data, const MlyTargetOptions *options);
} MlyTarget;

/* The entry point each plugin exports (under MLY_TARGET_ENTRY_SYMBOL). */
typedef const MlyTarget *(*MlyTargetEntryFn)(void);

#ifdef __cplusplus
}
#endif

#endif /* MLY_TARGETS_MLY_TARGET_H */
