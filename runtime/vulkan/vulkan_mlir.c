/* The vulkan backend's compile step (see mly_vulkan.h): the plan of the
 * host function and the SPIR-V of its gpu.module from the spirv target. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/vulkan/mly_vulkan.h"
#ifdef MLY_VULKAN_HAVE_TARGETS
#include "targets/mly_targets.h"
#endif

typedef struct bytes {
  char *p;
  size_t n, cap;
  bool oom;
} bytes;

static void put(MlirStringRef s, void *user) {
  bytes *b = user;
  if (b->oom)
    return;
  if (b->n + s.length > b->cap) {
    size_t cap = 2 * b->cap + s.length + 4096;
    char *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s.data, s.length);
  b->n += s.length;
}

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!err || !n)
    return;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

static bool read_file(const char *path, bytes *out, char *err, size_t n) {
  FILE *f = fopen(path, "rb");
  char buf[65536];
  size_t k;
  if (!f) {
    set_err(err, n, "vulkan: cannot open '%s': %s", path, strerror(errno));
    return false;
  }
  while ((k = fread(buf, 1, sizeof buf, f)))
    put(mlirStringRefCreate(buf, k), out);
  bool ok = !ferror(f) && !out->oom;
  fclose(f);
  if (!ok)
    set_err(err, n, "vulkan: cannot read '%s'", path);
  return ok;
}

/* The SPIR-V of each kernel of plan->gpu_module, alone in its module,
 * from the "spirv" target plugin, into spv[0..n_kernels). */
static bool emit_spirv(const MlyGpuHostPlan *plan, bytes *spv, char *err,
                       size_t n) {
#ifdef MLY_VULKAN_HAVE_TARGETS
  bool ok = false;
  MlyTargetRegistry *r = mlyTargetRegistryCreate();
  const MlyTarget *t;
  const char *key = "kernel";
  if (!r) {
    set_err(err, n, "out of memory");
    goto out;
  }
  if (mlyTargetRegistryLoadDefaults(r, err, n))
    goto out_destroy;
  if (!(t = mlyTargetRegistryLookup(r, "spirv"))) {
    set_err(err, n,
            "vulkan: no 'spirv' target plugin found (MLY_TARGET_PATH, "
            "lib/mly/targets beside the tools)");
    goto out_destroy;
  }
  for (int i = 0; i < plan->n_kernels; ++i) {
    const char *name = plan->kernels[i].name;
    MlyTargetOptions opts = {1, &key, &name};
    if (mlirLogicalResultIsFailure(
            t->emit(plan->gpu_module, put, &spv[i], &opts))) {
      set_err(err, n, "");
      goto out_destroy;
    }
    if (spv[i].oom) {
      set_err(err, n, "out of memory");
      goto out_destroy;
    }
  }
  ok = true;
out_destroy:
  mlyTargetRegistryDestroy(r);
out:
  return ok;
#else
  (void)plan;
  (void)spv;
  set_err(err, n,
          "vulkan: this build has no target plugins; give the kernels' "
          "SPIR-V with --spirv");
  return false;
#endif
}

MlyVulkan *mlyVulkanCompile(MlirModule module, const char *entry,
                            const MlyVulkanOptions *options, char *err,
                            size_t err_size) {
  static const MlyVulkanOptions defaults = {0};
  const MlyVulkanOptions *o = options ? options : &defaults;
  MlyVulkan *v = NULL;
  bytes *spv = NULL;
  const void **words = NULL;
  size_t *sizes = NULL;
  int n = 0;
  MlyGpuHostPlan *plan =
      mlyGpuHostPlanCreate(module, entry, "vulkan", UINT32_MAX, err, err_size);
  if (!plan)
    goto out;
  n = o->spirv_path ? 1 : plan->n_kernels;
  spv = calloc((size_t)n + 1, sizeof *spv);
  words = calloc((size_t)n + 1, sizeof *words);
  sizes = calloc((size_t)n + 1, sizeof *sizes);
  if (!spv || !words || !sizes) {
    set_err(err, err_size, "out of memory");
    mlyGpuHostPlanDestroy(plan);
    goto out;
  }
  if (o->spirv_path ? !read_file(o->spirv_path, &spv[0], err, err_size)
                    : !emit_spirv(plan, spv, err, err_size)) {
    mlyGpuHostPlanDestroy(plan);
    goto out;
  }
  for (int i = 0; i < n; ++i) {
    words[i] = spv[i].p;
    sizes[i] = spv[i].n;
  }
  v = mlyVulkanCreate(plan, n, words, sizes, o, err, err_size);
out:
  for (int i = 0; spv && i < n; ++i)
    free(spv[i].p);
  free(spv);
  free(words);
  free(sizes);
  return v;
}
