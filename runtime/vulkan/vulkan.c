/* The vulkan backend's device side (see mly_vulkan.h): no MLIR here, only
 * the plan of gpu_host.h and SPIR-V words. */
#define _GNU_SOURCE
#include "runtime/vulkan/mly_vulkan.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vulkan/vulkan.h>
#ifdef MLY_HAVE_SPIRV_TOOLS
#include <spirv-tools/libspirv.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define MLY_VULKAN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MLY_VULKAN_ASAN 1
#endif
#endif
#ifdef MLY_VULKAN_ASAN
#include <dlfcn.h>
#include <link.h>
#endif

/* A buffer of the program: its VkBuffer, memory and mapping. */
typedef struct vkbuf {
  VkBuffer buf;
  VkDeviceMemory mem;
  void *map; /* the host's view: mem's, or the staging buffer's */
  VkDeviceSize size;
  VkBuffer sbuf; /* a host-visible staging copy when mem is not; or 0 */
  VkDeviceMemory smem;
} vkbuf;

struct MlyVulkan {
  MlyGpuHostPlan *plan;
  int n_spirv;             /* 1 (every kernel) or one module per kernel */
  uint32_t **spirv;        /* n_spirv modules */
  size_t *spirv_bytes;     /* their sizes */
  VkShaderModule *shaders; /* n_spirv */
  char device_name[VK_MAX_PHYSICAL_DEVICE_NAME_SIZE];
  VkInstance instance;
  VkPhysicalDevice phys;
  VkDevice device;
  VkQueue queue;
  uint32_t queue_family;
  VkPhysicalDeviceMemoryProperties mem_props;
  VkDescriptorSetLayout *set_layouts; /* per kernel */
  VkPipelineLayout *layouts;          /* per kernel */
  VkPipeline *pipelines;              /* per kernel */
  VkDescriptorPool pool;
  vkbuf *bufs; /* per slot; arena slots share `arena` */
  vkbuf arena;
  VkCommandPool cmd_pool;
  VkCommandBuffer cmd;  /* a run: uploads, dispatches, downloads */
  VkCommandBuffer tcmd; /* the dispatches alone between timestamps */
  VkDescriptorSet *sets; /* per launch */
  int *launch_kernel;    /* per launch */
  int n_launch;
  unsigned features;   /* FEAT_* bits the device was created with */
  VkQueryPool queries; /* n_launch + 1 timestamps, or 0 */
  double ts_period;    /* nanoseconds per timestamp tick */
  uint64_t ts_mask;    /* the timestamps' valid bits (0: none) */
  VkFence fence;
};

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!err || !n)
    return;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

bool mlyVulkanValidateSpirv(const void *words, size_t n_bytes, char *err,
                            size_t err_size) {
  if (n_bytes < 20 || n_bytes % 4 ||
      *(const uint32_t *)words != 0x07230203) {
    set_err(err, err_size, "not a SPIR-V module (%zu bytes, no magic number)",
            n_bytes);
    return false;
  }
#ifdef MLY_HAVE_SPIRV_TOOLS
  spv_context ctx = spvContextCreate(SPV_ENV_VULKAN_1_1);
  spv_diagnostic diag = NULL;
  if (!ctx) {
    set_err(err, err_size, "out of memory");
    return false;
  }
  spv_result_t r = spvValidateBinary(ctx, words, n_bytes / 4, &diag);
  if (r != SPV_SUCCESS)
    set_err(err, err_size, "invalid SPIR-V for Vulkan 1.1 (word %zu): %s",
            diag ? diag->position.index : (size_t)0,
            diag && diag->error ? diag->error : "no diagnostic");
  spvDiagnosticDestroy(diag);
  spvContextDestroy(ctx);
  return r == SPV_SUCCESS;
#else
  return true;
#endif
}


static const char *vk_result_name(VkResult r) {
  switch (r) {
#define R(x)                                                                   \
  case x:                                                                      \
    return #x;
    R(VK_SUCCESS)
    R(VK_NOT_READY)
    R(VK_TIMEOUT)
    R(VK_INCOMPLETE)
    R(VK_ERROR_OUT_OF_HOST_MEMORY)
    R(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    R(VK_ERROR_INITIALIZATION_FAILED)
    R(VK_ERROR_DEVICE_LOST)
    R(VK_ERROR_MEMORY_MAP_FAILED)
    R(VK_ERROR_LAYER_NOT_PRESENT)
    R(VK_ERROR_EXTENSION_NOT_PRESENT)
    R(VK_ERROR_FEATURE_NOT_PRESENT)
    R(VK_ERROR_INCOMPATIBLE_DRIVER)
    R(VK_ERROR_TOO_MANY_OBJECTS)
    R(VK_ERROR_FORMAT_NOT_SUPPORTED)
    R(VK_ERROR_FRAGMENTED_POOL)
    R(VK_ERROR_UNKNOWN)
    R(VK_ERROR_OUT_OF_POOL_MEMORY)
    R(VK_ERROR_INVALID_SHADER_NV)
#undef R
  default:
    return "VkResult";
  }
}

/* Checks a VkResult: on failure, names the call and the result in err and
 * jumps to `label`. */
#define VK_CHECK(call, label)                                                  \
  do {                                                                         \
    VkResult vk_r_ = (call);                                                   \
    if (vk_r_ != VK_SUCCESS) {                                                 \
      set_err(err, err_size, "vulkan: %s: %s (%d)", vk_call_name(#call),       \
              vk_result_name(vk_r_), (int)vk_r_);                              \
      goto label;                                                              \
    }                                                                          \
  } while (0)

/* "vkCreateDevice(...)" -> "vkCreateDevice" (a static buffer per thread). */
static const char *vk_call_name(const char *call) {
  static _Thread_local char name[64];
  size_t n = strcspn(call, "(");
  snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), call);
  return name;
}

static const char *device_type(VkPhysicalDeviceType t) {
  switch (t) {
  case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
    return "integrated GPU";
  case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
    return "discrete GPU";
  case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
    return "virtual GPU";
  case VK_PHYSICAL_DEVICE_TYPE_CPU:
    return "CPU";
  default:
    return "other";
  }
}

/* The first queue family of `pd` with compute, or -1; its timestamps'
 * valid bits into *ts_bits when not NULL. */
static int compute_family(VkPhysicalDevice pd, uint32_t *ts_bits) {
  uint32_t n = 0;
  int found = -1;
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, NULL);
  VkQueueFamilyProperties *q = calloc(n + 1, sizeof *q);
  if (!q)
    return -1;
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, q);
  for (uint32_t i = 0; i < n && found < 0; ++i)
    if (q[i].queueFlags & VK_QUEUE_COMPUTE_BIT)
      found = (int)i;
  if (ts_bits)
    *ts_bits = found < 0 ? 0 : q[found].timestampValidBits;
  free(q);
  return found;
}

static bool has_validation_layer(void) {
  uint32_t n = 0;
  bool found = false;
  if (vkEnumerateInstanceLayerProperties(&n, NULL) != VK_SUCCESS)
    return false;
  VkLayerProperties *l = calloc(n + 1, sizeof *l);
  if (!l)
    return false;
  if (vkEnumerateInstanceLayerProperties(&n, l) == VK_SUCCESS)
    for (uint32_t i = 0; i < n; ++i)
      found |= !strcmp(l[i].layerName, "VK_LAYER_KHRONOS_validation");
  free(l);
  return found;
}

#ifdef MLY_VULKAN_ASAN
/* Sanitizer builds only: Mesa's Vulkan drivers (lavapipe) keep a small
 * allocation in their static data, and the loader unloads them at
 * vkDestroyInstance, so LeakSanitizer, checking at exit, finds it
 * unreferenced and reports a leak from "<unknown module>". One more
 * reference to each loaded libvulkan_*.so keeps them mapped to the end,
 * the allocation reachable, and any leak of ours still reported. */
static int keep_driver(struct dl_phdr_info *info, size_t size, void *user) {
  const char *base = strrchr(info->dlpi_name, '/');
  (void)size;
  (void)user;
  base = base ? base + 1 : info->dlpi_name;
  if (!strncmp(base, "libvulkan_", 10))
    dlopen(info->dlpi_name, RTLD_LAZY | RTLD_NOLOAD);
  return 0;
}

static void keep_drivers(void) { dl_iterate_phdr(keep_driver, NULL); }
#else
static void keep_drivers(void) {}
#endif

static bool create_instance(VkInstance *inst, char *err, size_t err_size) {
  static const char *const layers[] = {"VK_LAYER_KHRONOS_validation"};
  const char *v = getenv("MLY_VULKAN_VALIDATION");
  bool validate = v && !strcmp(v, "1") && has_validation_layer();
  VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .pApplicationName = "mly",
      .pEngineName = "mly",
      .apiVersion = VK_API_VERSION_1_2,
  };
  VkInstanceCreateInfo ci = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = &app,
      .enabledLayerCount = validate ? 1 : 0,
      .ppEnabledLayerNames = validate ? layers : NULL,
  };
  VK_CHECK(vkCreateInstance(&ci, NULL, inst), fail);
  return true;
fail:
  return false;
}

/* The physical devices of `inst` (*n of them, malloc'd). */
static VkPhysicalDevice *physical_devices(VkInstance inst, uint32_t *n,
                                          char *err, size_t err_size) {
  VkPhysicalDevice *pd = NULL;
  *n = 0;
  VK_CHECK(vkEnumeratePhysicalDevices(inst, n, NULL), fail);
  if (!(pd = calloc(*n + 1, sizeof *pd))) {
    set_err(err, err_size, "out of memory");
    goto fail;
  }
  VK_CHECK(vkEnumeratePhysicalDevices(inst, n, pd), fail);
  keep_drivers();
  return pd;
fail:
  free(pd);
  return NULL;
}

bool mlyVulkanListDevices(MlirStringCallback write, void *user, char *err,
                          size_t err_size) {
  VkInstance inst;
  uint32_t n;
  bool ok = false;
  if (!create_instance(&inst, err, err_size))
    return false;
  VkPhysicalDevice *pd = physical_devices(inst, &n, err, err_size);
  if (!pd)
    goto out;
  for (uint32_t i = 0; i < n; ++i) {
    VkPhysicalDeviceProperties p;
    char line[512];
    vkGetPhysicalDeviceProperties(pd[i], &p);
    int k = snprintf(line, sizeof line, "%u: %s (%s, Vulkan %u.%u%s)\n", i,
                     p.deviceName, device_type(p.deviceType),
                     VK_API_VERSION_MAJOR(p.apiVersion),
                     VK_API_VERSION_MINOR(p.apiVersion),
                     compute_family(pd[i], NULL) < 0 ? ", no compute queue"
                                                     : "");
    write(mlirStringRefCreate(line, (size_t)k < sizeof line ? (size_t)k
                                                            : sizeof line - 1),
          user);
  }
  ok = true;
  free(pd);
out:
  vkDestroyInstance(inst, NULL);
  return ok;
}

/* Creates the logical device on v->phys with the features the SPIR-V may
 * use that the device has. */
/* The device features a kernel's SPIR-V capabilities need. */
enum {
  FEAT_INT64 = 1,
  FEAT_INT16 = 2,
  FEAT_FLOAT64 = 4,
  FEAT_INT8 = 8,
  FEAT_FLOAT16 = 16,
  FEAT_SB16 = 32, /* storageBuffer16BitAccess */
  FEAT_SB8 = 64,  /* storageBuffer8BitAccess */
};
static const struct {
  unsigned feat;
  uint32_t cap; /* the SPIR-V capability that needs it */
  const char *feature, *capability;
} feature_caps[] = {
    {FEAT_INT64, 11, "shaderInt64", "Int64"},
    {FEAT_INT16, 22, "shaderInt16", "Int16"},
    {FEAT_FLOAT64, 10, "shaderFloat64", "Float64"},
    {FEAT_INT8, 39, "shaderInt8", "Int8"},
    {FEAT_FLOAT16, 9, "shaderFloat16", "Float16"},
    {FEAT_SB16, 4433, "storageBuffer16BitAccess", "StorageBuffer16BitAccess"},
    {FEAT_SB8, 4448, "storageBuffer8BitAccess", "StorageBuffer8BitAccess"},
};
#define N_FEATURE_CAPS (sizeof feature_caps / sizeof *feature_caps)

/* Features named in MLY_VULKAN_DISABLE_FEATURES (comma-separated Vulkan
 * names) are left off, as on a device without them: how the missing-
 * feature message is tested on lavapipe. */
static unsigned disabled_features(void) {
  const char *e = getenv("MLY_VULKAN_DISABLE_FEATURES");
  unsigned off = 0;
  for (size_t i = 0; e && i < N_FEATURE_CAPS; ++i) {
    const char *f = feature_caps[i].feature, *at = e;
    size_t n = strlen(f);
    while ((at = strstr(at, f)) &&
           !((at == e || at[-1] == ',') && (!at[n] || at[n] == ',')))
      at += n;
    if (at)
      off |= feature_caps[i].feat;
  }
  return off;
}

/* Whether SPIR-V module i declares only capabilities whose features the
 * device was created with; the first missing one is named in `err`. The
 * module was validated, so its instruction stream is well formed. */
static bool check_capabilities(const MlyVulkan *v, int i, char *err,
                               size_t err_size) {
  const uint32_t *w = v->spirv[i];
  size_t n = v->spirv_bytes[i] / 4;
  for (size_t at = 5; at < n;) {
    uint32_t count = w[at] >> 16, op = w[at] & 0xffff;
    if (count == 0 || count > n - at)
      break;
    for (size_t f = 0; op == 17 && count > 1 && f < N_FEATURE_CAPS; ++f)
      if (w[at + 1] == feature_caps[f].cap &&
          !(v->features & feature_caps[f].feat)) {
        set_err(err, err_size,
                "vulkan: the kernels%s%s need %s (SPIR-V capability %s), "
                "which device %s does not offer",
                v->n_spirv == 1 ? "" : " of ",
                v->n_spirv == 1 ? "" : v->plan->kernels[i].name,
                feature_caps[f].feature, feature_caps[f].capability,
                v->device_name);
        return false;
      }
    at += count;
  }
  return true;
}

static bool create_device(MlyVulkan *v, char *err, size_t err_size) {
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(v->phys, &props);
  bool v12 = props.apiVersion >= VK_API_VERSION_1_2;
  VkPhysicalDeviceVulkan12Features f12 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  VkPhysicalDeviceVulkan11Features f11 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
      .pNext = v12 ? &f12 : NULL};
  VkPhysicalDeviceFeatures2 f = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
      .pNext = v12 ? &f11 : NULL};
  vkGetPhysicalDeviceFeatures2(v->phys, &f);
  /* Keep only what compute kernels may need. */
  VkPhysicalDeviceFeatures2 want = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
      .pNext = v12 ? &f11 : NULL};
  unsigned off = disabled_features();
  if (off & FEAT_INT64)
    f.features.shaderInt64 = VK_FALSE;
  if (off & FEAT_INT16)
    f.features.shaderInt16 = VK_FALSE;
  if (off & FEAT_FLOAT64)
    f.features.shaderFloat64 = VK_FALSE;
  if (off & FEAT_SB16)
    f11.storageBuffer16BitAccess = f11.uniformAndStorageBuffer16BitAccess =
        VK_FALSE;
  if (off & FEAT_SB8)
    f12.storageBuffer8BitAccess = f12.uniformAndStorageBuffer8BitAccess =
        VK_FALSE;
  if (off & FEAT_INT8)
    f12.shaderInt8 = VK_FALSE;
  if (off & FEAT_FLOAT16)
    f12.shaderFloat16 = VK_FALSE;
  want.features.shaderInt64 = f.features.shaderInt64;
  want.features.shaderInt16 = f.features.shaderInt16;
  want.features.shaderFloat64 = f.features.shaderFloat64;
  v->features = (f.features.shaderInt64 ? FEAT_INT64 : 0) |
                (f.features.shaderInt16 ? FEAT_INT16 : 0) |
                (f.features.shaderFloat64 ? FEAT_FLOAT64 : 0) |
                (f11.storageBuffer16BitAccess ? FEAT_SB16 : 0) |
                (f12.storageBuffer8BitAccess ? FEAT_SB8 : 0) |
                (f12.shaderInt8 ? FEAT_INT8 : 0) |
                (f12.shaderFloat16 ? FEAT_FLOAT16 : 0);
  VkPhysicalDeviceVulkan11Features k11 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
      .pNext = f11.pNext,
      .storageBuffer16BitAccess = f11.storageBuffer16BitAccess,
      .uniformAndStorageBuffer16BitAccess =
          f11.uniformAndStorageBuffer16BitAccess};
  VkPhysicalDeviceVulkan12Features k12 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
      .storageBuffer8BitAccess = f12.storageBuffer8BitAccess,
      .uniformAndStorageBuffer8BitAccess =
          f12.uniformAndStorageBuffer8BitAccess,
      .shaderInt8 = f12.shaderInt8,
      .shaderFloat16 = f12.shaderFloat16};
  if (v12) {
    k11.pNext = &k12;
    want.pNext = &k11;
  }
  float prio = 1;
  VkDeviceQueueCreateInfo q = {.sType =
                                   VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
                               .queueFamilyIndex = v->queue_family,
                               .queueCount = 1,
                               .pQueuePriorities = &prio};
  VkDeviceCreateInfo ci = {.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
                           .pNext = &want,
                           .queueCreateInfoCount = 1,
                           .pQueueCreateInfos = &q};
  VK_CHECK(vkCreateDevice(v->phys, &ci, NULL, &v->device), fail);
  vkGetDeviceQueue(v->device, v->queue_family, 0, &v->queue);
  return true;
fail:
  return false;
}

#define HOST_COHERENT                                                          \
  (VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT)

/* A memory type of `bits` with host-visible, coherent memory: device-local
 * first when `local`, else not (staging belongs in the host's memory, not
 * in a small window of the device's). */
static int memory_type(const MlyVulkan *v, uint32_t bits, bool local) {
  int found = -1;
  for (uint32_t i = 0; i < v->mem_props.memoryTypeCount; ++i) {
    VkMemoryPropertyFlags f = v->mem_props.memoryTypes[i].propertyFlags;
    if (!(bits & (1u << i)) || (f & HOST_COHERENT) != HOST_COHERENT)
      continue;
    if (!(f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT) == !local)
      return (int)i;
    if (found < 0)
      found = (int)i;
  }
  return found;
}

/* The device-local memory type of `bits` in the largest heap (host-visible
 * ones first among equals), or -1. A discrete GPU's large heap is not
 * host-visible: its buffers are staged; lavapipe's and integrated GPUs'
 * memory is both, and is mapped directly. */
static int local_type(const MlyVulkan *v, uint32_t bits) {
  int best = -1;
  VkDeviceSize best_size = 0;
  for (uint32_t i = 0; i < v->mem_props.memoryTypeCount; ++i) {
    VkMemoryPropertyFlags f = v->mem_props.memoryTypes[i].propertyFlags;
    VkDeviceSize heap =
        v->mem_props.memoryHeaps[v->mem_props.memoryTypes[i].heapIndex].size;
    if (!(bits & (1u << i)) || !(f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT))
      continue;
    bool host = (f & HOST_COHERENT) == HOST_COHERENT;
    bool best_host =
        best >= 0 &&
        (v->mem_props.memoryTypes[best].propertyFlags & HOST_COHERENT) ==
            HOST_COHERENT;
    if (best < 0 || heap > best_size ||
        (heap == best_size && host && !best_host))
      best = (int)i, best_size = heap;
  }
  return best;
}

static bool alloc_bind(MlyVulkan *v, VkBuffer buf, int type,
                       VkDeviceMemory *mem, void **map, char *err,
                       size_t err_size) {
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(v->device, buf, &req);
  VkMemoryAllocateInfo ai = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
                             .allocationSize = req.size,
                             .memoryTypeIndex = (uint32_t)type};
  VK_CHECK(vkAllocateMemory(v->device, &ai, NULL, mem), fail);
  VK_CHECK(vkBindBufferMemory(v->device, buf, *mem, 0), fail);
  if (map)
    VK_CHECK(vkMapMemory(v->device, *mem, 0, VK_WHOLE_SIZE, 0, map), fail);
  return true;
fail:
  return false;
}

/* A storage buffer in device-local memory, with a host-visible staging
 * buffer when that memory is not host-visible (b->map is the host's view
 * either way). */
static bool create_buffer(MlyVulkan *v, vkbuf *b, VkDeviceSize size, char *err,
                          size_t err_size) {
  VkMemoryRequirements req;
  b->size = (size + 3) / 4 * 4;
  VkBufferCreateInfo ci = {.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
                           .size = b->size ? b->size : 4,
                           .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                                    VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                                    VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                           .sharingMode = VK_SHARING_MODE_EXCLUSIVE};
  VK_CHECK(vkCreateBuffer(v->device, &ci, NULL, &b->buf), fail);
  vkGetBufferMemoryRequirements(v->device, b->buf, &req);
  int type = local_type(v, req.memoryTypeBits);
  /* MLY_VULKAN_STAGING=1 stages every buffer (tests the path that discrete
   * GPUs take, on lavapipe) */
  const char *force = getenv("MLY_VULKAN_STAGING");
  bool staged = type >= 0 && ((v->mem_props.memoryTypes[type].propertyFlags &
                               HOST_COHERENT) != HOST_COHERENT ||
                              (force && !strcmp(force, "1")));
  if (type < 0)
    type = memory_type(v, req.memoryTypeBits, true);
  if (type < 0) {
    set_err(err, err_size,
            "vulkan: the device has no memory type for storage buffers");
    goto fail;
  }
  if (!alloc_bind(v, b->buf, type, &b->mem, staged ? NULL : &b->map, err,
                  err_size))
    goto fail;
  if (!staged)
    return true;
  ci.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  VK_CHECK(vkCreateBuffer(v->device, &ci, NULL, &b->sbuf), fail);
  vkGetBufferMemoryRequirements(v->device, b->sbuf, &req);
  if ((type = memory_type(v, req.memoryTypeBits, false)) < 0) {
    set_err(err, err_size,
            "vulkan: the device has no host-visible, coherent memory for "
            "staging buffers");
    goto fail;
  }
  return alloc_bind(v, b->sbuf, type, &b->smem, &b->map, err, err_size);
fail:
  return false;
}

static void destroy_buffer(MlyVulkan *v, vkbuf *b) {
  if (b->map)
    vkUnmapMemory(v->device, b->sbuf ? b->smem : b->mem);
  if (b->buf)
    vkDestroyBuffer(v->device, b->buf, NULL);
  if (b->mem)
    vkFreeMemory(v->device, b->mem, NULL);
  if (b->sbuf)
    vkDestroyBuffer(v->device, b->sbuf, NULL);
  if (b->smem)
    vkFreeMemory(v->device, b->smem, NULL);
  memset(b, 0, sizeof *b);
}

/* One descriptor set layout, pipeline layout and pipeline per kernel. */
static bool create_pipelines(MlyVulkan *v, char *err, size_t err_size) {
  const MlyGpuHostPlan *p = v->plan;
  VkDescriptorSetLayoutBinding *b = NULL;
  bool ok = false;
  int max_buffers = 1;
  for (int i = 0; i < v->n_spirv; ++i) {
    if (!check_capabilities(v, i, err, err_size))
      goto out;
    VkShaderModuleCreateInfo sci = {
        .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
        .codeSize = v->spirv_bytes[i],
        .pCode = v->spirv[i]};
    VK_CHECK(vkCreateShaderModule(v->device, &sci, NULL, &v->shaders[i]), out);
  }
  for (int i = 0; i < p->n_kernels; ++i)
    if (p->kernels[i].n_buffers > max_buffers)
      max_buffers = p->kernels[i].n_buffers;
  if (!(b = calloc((size_t)max_buffers, sizeof *b))) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  for (int i = 0; i < max_buffers; ++i)
    b[i] = (VkDescriptorSetLayoutBinding){
        .binding = (uint32_t)i,
        .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
        .descriptorCount = 1,
        .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT};
  for (int i = 0; i < p->n_kernels; ++i) {
    const MlyGpuKernel *k = &p->kernels[i];
    VkDescriptorSetLayoutCreateInfo dci = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
        .bindingCount = (uint32_t)k->n_buffers,
        .pBindings = b};
    VK_CHECK(
        vkCreateDescriptorSetLayout(v->device, &dci, NULL, &v->set_layouts[i]),
        out);
    VkPipelineLayoutCreateInfo lci = {
        .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
        .setLayoutCount = 1,
        .pSetLayouts = &v->set_layouts[i]};
    VK_CHECK(vkCreatePipelineLayout(v->device, &lci, NULL, &v->layouts[i]),
             out);
    VkComputePipelineCreateInfo cci = {
        .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
        .stage = {.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
                  .stage = VK_SHADER_STAGE_COMPUTE_BIT,
                  .module = v->shaders[v->n_spirv == 1 ? 0 : i],
                  .pName = k->name},
        .layout = v->layouts[i]};
    VkResult r = vkCreateComputePipelines(v->device, VK_NULL_HANDLE, 1, &cci,
                                          NULL, &v->pipelines[i]);
    if (r != VK_SUCCESS) {
      set_err(err, err_size,
              "vulkan: vkCreateComputePipelines (kernel '%s'): %s (%d)",
              k->name, vk_result_name(r), (int)r);
      goto out;
    }
  }
  ok = true;
out:
  free(b);
  return ok;
}

/* Buffers for every slot: arena slots are ranges of one buffer. */
static bool create_buffers(MlyVulkan *v, char *err, size_t err_size) {
  const MlyGpuHostPlan *p = v->plan;
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(v->phys, &props);
  VkDeviceSize align = props.limits.minStorageBufferOffsetAlignment;
  if (p->arena_bytes) {
    if (align > 64 || 64 % align) {
      set_err(err, err_size,
              "vulkan: the device aligns storage buffer offsets to %" PRIu64
              " bytes; the arena's offsets are multiples of 64",
              (uint64_t)align);
      return false;
    }
    if (!create_buffer(v, &v->arena, p->arena_bytes, err, err_size))
      return false;
  }
  for (int i = 0; i < p->n_slots; ++i) {
    const MlyGpuSlot *s = &p->slots[i];
    if (s->offset >= 0)
      continue;
    if (!create_buffer(v, &v->bufs[i], s->type.bytes, err, err_size))
      return false;
    if (s->init)
      memcpy(v->bufs[i].map, s->init, s->type.bytes);
  }
  return true;
}

static VkDescriptorBufferInfo slot_info(const MlyVulkan *v, int slot) {
  const MlyGpuSlot *s = &v->plan->slots[slot];
  if (s->offset >= 0)
    return (VkDescriptorBufferInfo){v->arena.buf, (VkDeviceSize)s->offset,
                                    (s->type.bytes + 3) / 4 * 4};
  return (VkDescriptorBufferInfo){v->bufs[slot].buf, 0, v->bufs[slot].size};
}

static void barrier(VkCommandBuffer cmd, VkPipelineStageFlags src_stage,
                    VkAccessFlags src, VkPipelineStageFlags dst_stage,
                    VkAccessFlags dst) {
  VkMemoryBarrier mb = {.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
                        .srcAccessMask = src,
                        .dstAccessMask = dst};
  vkCmdPipelineBarrier(cmd, src_stage, dst_stage, 0, 1, &mb, 0, NULL, 0, NULL);
}

/* Checks the launches against the device's limits and gives each one its
 * descriptor set (v->sets, v->launch_kernel). */
static bool make_sets(MlyVulkan *v, const VkPhysicalDeviceProperties *props,
                      char *err, size_t err_size) {
  const MlyGpuHostPlan *p = v->plan;
  uint32_t n_desc = 0;
  VkDescriptorBufferInfo *infos = NULL;
  VkWriteDescriptorSet *writes = NULL;
  bool ok = false;
  for (int i = 0; i < p->n_steps; ++i)
    if (p->steps[i].kind == MLY_GPU_STEP_LAUNCH) {
      ++v->n_launch;
      n_desc += (uint32_t)p->steps[i].n_args;
    }
  v->sets = calloc((size_t)v->n_launch + 1, sizeof *v->sets);
  v->launch_kernel = calloc((size_t)v->n_launch + 1, sizeof *v->launch_kernel);
  if (!v->sets || !v->launch_kernel) {
    set_err(err, err_size, "out of memory");
    return false;
  }
  VkDescriptorPoolSize size = {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                               n_desc ? n_desc : 1};
  VkDescriptorPoolCreateInfo pci = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .maxSets = v->n_launch ? (uint32_t)v->n_launch : 1,
      .poolSizeCount = 1,
      .pPoolSizes = &size};
  VK_CHECK(vkCreateDescriptorPool(v->device, &pci, NULL, &v->pool), out);
  for (int i = 0, l = 0; i < p->n_steps; ++i) {
    const MlyGpuStep *st = &p->steps[i];
    if (st->kind != MLY_GPU_STEP_LAUNCH)
      continue;
    const MlyGpuKernel *k = &p->kernels[st->kernel];
    if ((uint64_t)st->block[0] * st->block[1] * st->block[2] >
        props->limits.maxComputeWorkGroupInvocations) {
      set_err(err, err_size,
              "vulkan: kernel '%s': workgroups of %u x %u x %u threads; the "
              "device runs at most %u",
              k->name, st->block[0], st->block[1], st->block[2],
              props->limits.maxComputeWorkGroupInvocations);
      goto out;
    }
    for (int d = 0; d < 3; ++d)
      if (st->grid[d] > props->limits.maxComputeWorkGroupCount[d] ||
          st->block[d] > props->limits.maxComputeWorkGroupSize[d]) {
        set_err(err, err_size,
                "vulkan: kernel '%s': grid (%u, %u, %u) of workgroups "
                "(%u, %u, %u) exceeds the device's limits",
                k->name, st->grid[0], st->grid[1], st->grid[2], st->block[0],
                st->block[1], st->block[2]);
        goto out;
      }
    VkDescriptorSetAllocateInfo dai = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
        .descriptorPool = v->pool,
        .descriptorSetCount = 1,
        .pSetLayouts = &v->set_layouts[st->kernel]};
    VK_CHECK(vkAllocateDescriptorSets(v->device, &dai, &v->sets[l]), out);
    v->launch_kernel[l] = st->kernel;
    infos = calloc((size_t)st->n_args + 1, sizeof *infos);
    writes = calloc((size_t)st->n_args + 1, sizeof *writes);
    if (!infos || !writes) {
      set_err(err, err_size, "out of memory");
      goto out;
    }
    for (int a = 0; a < st->n_args; ++a) {
      infos[a] = slot_info(v, st->args[a]);
      writes[a] = (VkWriteDescriptorSet){
          .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
          .dstSet = v->sets[l],
          .dstBinding = (uint32_t)a,
          .descriptorCount = 1,
          .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
          .pBufferInfo = &infos[a]};
    }
    vkUpdateDescriptorSets(v->device, (uint32_t)st->n_args, writes, 0, NULL);
    free(infos);
    free(writes);
    infos = NULL;
    writes = NULL;
    ++l;
  }
  ok = true;
out:
  free(infos);
  free(writes);
  return ok;
}

/* The launches in order, a barrier between two; with `timed`, a timestamp
 * before the first and after each. */
static void record_launches(MlyVulkan *v, VkCommandBuffer cmd, bool timed) {
  const MlyGpuHostPlan *p = v->plan;
  if (timed) {
    vkCmdResetQueryPool(cmd, v->queries, 0, (uint32_t)v->n_launch + 1);
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, v->queries, 0);
  }
  for (int i = 0, l = 0; i < p->n_steps; ++i) {
    const MlyGpuStep *st = &p->steps[i];
    if (st->kind != MLY_GPU_STEP_LAUNCH)
      continue;
    if (l)
      barrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
              VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
              VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE,
                      v->pipelines[st->kernel]);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE,
                            v->layouts[st->kernel], 0, 1, &v->sets[l], 0, NULL);
    vkCmdDispatch(cmd, st->grid[0], st->grid[1], st->grid[2]);
    ++l;
    if (timed)
      vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, v->queries,
                          (uint32_t)l);
  }
}

/* Copies every staged buffer between its staging copy and the device:
 * up (before the launches) or, for outputs only, down. */
static void record_copies(MlyVulkan *v, VkCommandBuffer cmd, bool up) {
  const MlyGpuHostPlan *p = v->plan;
  for (int i = -1; i < p->n_slots; ++i) {
    vkbuf *b = i < 0 ? &v->arena : &v->bufs[i];
    if (!b->sbuf || (!up && (i < 0 || p->slots[i].output < 0)))
      continue;
    VkBufferCopy c = {0, 0, b->size ? b->size : 4};
    vkCmdCopyBuffer(cmd, up ? b->sbuf : b->buf, up ? b->buf : b->sbuf, 1, &c);
  }
}

/* The command buffers: a run (staging copies up, the launches, outputs
 * down) and the launches alone between timestamps, for timing. */
static bool record(MlyVulkan *v, char *err, size_t err_size) {
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(v->phys, &props);
  if (!make_sets(v, &props, err, err_size))
    return false;
  VkCommandPoolCreateInfo cpci = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = v->queue_family};
  VK_CHECK(vkCreateCommandPool(v->device, &cpci, NULL, &v->cmd_pool), out);
  VkCommandBuffer cmds[2];
  VkCommandBufferAllocateInfo cai = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = v->cmd_pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 2};
  VK_CHECK(vkAllocateCommandBuffers(v->device, &cai, cmds), out);
  v->cmd = cmds[0];
  v->tcmd = cmds[1];
  VkFenceCreateInfo fci = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VK_CHECK(vkCreateFence(v->device, &fci, NULL, &v->fence), out);
  VkCommandBufferBeginInfo bi = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  VK_CHECK(vkBeginCommandBuffer(v->cmd, &bi), out);
  const VkPipelineStageFlags host = VK_PIPELINE_STAGE_HOST_BIT,
                             xfer = VK_PIPELINE_STAGE_TRANSFER_BIT,
                             cs = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT;
  const VkAccessFlags rw = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
  barrier(v->cmd, host, VK_ACCESS_HOST_WRITE_BIT, xfer,
          VK_ACCESS_TRANSFER_READ_BIT);
  record_copies(v, v->cmd, true);
  barrier(v->cmd, host | xfer,
          VK_ACCESS_HOST_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT, cs, rw);
  record_launches(v, v->cmd, false);
  barrier(v->cmd, cs, VK_ACCESS_SHADER_WRITE_BIT, xfer,
          VK_ACCESS_TRANSFER_READ_BIT);
  record_copies(v, v->cmd, false);
  barrier(v->cmd, cs | xfer,
          VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT, host,
          VK_ACCESS_HOST_READ_BIT);
  VK_CHECK(vkEndCommandBuffer(v->cmd), out);
  /* Timing needs timestamps on the compute queue. */
  if (!v->ts_mask || !v->n_launch)
    return true;
  v->ts_period = props.limits.timestampPeriod;
  VkQueryPoolCreateInfo qci = {.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
                               .queryType = VK_QUERY_TYPE_TIMESTAMP,
                               .queryCount = (uint32_t)v->n_launch + 1};
  VK_CHECK(vkCreateQueryPool(v->device, &qci, NULL, &v->queries), out);
  VK_CHECK(vkBeginCommandBuffer(v->tcmd, &bi), out);
  record_launches(v, v->tcmd, true);
  VK_CHECK(vkEndCommandBuffer(v->tcmd), out);
  return true;
out:
  return false;
}

MlyVulkan *mlyVulkanCreate(MlyGpuHostPlan *plan, int n_spirv,
                           const void *const *spirv, const size_t *n_bytes,
                           const MlyVulkanOptions *options, char *err,
                           size_t err_size) {
  static const MlyVulkanOptions defaults = {0};
  const MlyVulkanOptions *o = options ? options : &defaults;
  VkPhysicalDevice *pd = NULL;
  uint32_t n_pd = 0;
  MlyVulkan *v = calloc(1, sizeof *v);
  if (err && err_size)
    err[0] = 0;
  if (!v) {
    mlyGpuHostPlanDestroy(plan);
    set_err(err, err_size, "out of memory");
    return NULL;
  }
  v->plan = plan;
  int n_k = plan->n_kernels;
  if (n_spirv != 1 && n_spirv != n_k) {
    set_err(err, err_size,
            "vulkan: %d SPIR-V modules for %d kernels (one, or one each)",
            n_spirv, n_k);
    goto fail;
  }
  v->spirv = calloc((size_t)n_spirv, sizeof *v->spirv);
  v->spirv_bytes = calloc((size_t)n_spirv, sizeof *v->spirv_bytes);
  v->shaders = calloc((size_t)n_spirv, sizeof *v->shaders);
  if (!v->spirv || !v->spirv_bytes || !v->shaders) {
    set_err(err, err_size, "out of memory");
    goto fail;
  }
  v->n_spirv = n_spirv;
  for (int i = 0; i < n_spirv; ++i) {
    char why[512];
    if (!mlyVulkanValidateSpirv(spirv[i], n_bytes[i], why, sizeof why)) {
      set_err(err, err_size, "vulkan: the kernels%s%s: %s",
              n_spirv == 1 ? "" : " of ",
              n_spirv == 1 ? "" : plan->kernels[i].name, why);
      goto fail;
    }
    if (!(v->spirv[i] = malloc(n_bytes[i]))) {
      set_err(err, err_size, "out of memory");
      goto fail;
    }
    memcpy(v->spirv[i], spirv[i], n_bytes[i]);
    v->spirv_bytes[i] = n_bytes[i];
  }
  v->bufs = calloc((size_t)plan->n_slots + 1, sizeof *v->bufs);
  v->set_layouts = calloc((size_t)n_k + 1, sizeof *v->set_layouts);
  v->layouts = calloc((size_t)n_k + 1, sizeof *v->layouts);
  v->pipelines = calloc((size_t)n_k + 1, sizeof *v->pipelines);
  if (!v->bufs || !v->set_layouts || !v->layouts || !v->pipelines) {
    set_err(err, err_size, "out of memory");
    goto fail;
  }
  if (!create_instance(&v->instance, err, err_size))
    goto fail;
  if (!(pd = physical_devices(v->instance, &n_pd, err, err_size)))
    goto fail;
  if (o->device < 0 || (uint32_t)o->device >= n_pd) {
    set_err(err, err_size,
            "vulkan: no device %d (%u device%s; see --list-devices)", o->device,
            n_pd, n_pd == 1 ? "" : "s");
    goto fail;
  }
  v->phys = pd[o->device];
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(v->phys, &props);
  snprintf(v->device_name, sizeof v->device_name, "%s", props.deviceName);
  uint32_t ts_bits = 0;
  int qf = compute_family(v->phys, &ts_bits);
  v->ts_mask = ts_bits >= 64 ? ~(uint64_t)0
               : ts_bits     ? ((uint64_t)1 << ts_bits) - 1
                             : 0;
  if (qf < 0) {
    set_err(err, err_size, "vulkan: device %d (%s) has no compute queue",
            o->device, v->device_name);
    goto fail;
  }
  if (props.apiVersion < VK_API_VERSION_1_1) {
    set_err(err, err_size,
            "vulkan: device %d (%s) has Vulkan %u.%u; 1.1 is "
            "needed",
            o->device, v->device_name, VK_API_VERSION_MAJOR(props.apiVersion),
            VK_API_VERSION_MINOR(props.apiVersion));
    goto fail;
  }
  v->queue_family = (uint32_t)qf;
  vkGetPhysicalDeviceMemoryProperties(v->phys, &v->mem_props);
  if (!create_device(v, err, err_size) || !create_pipelines(v, err, err_size) ||
      !create_buffers(v, err, err_size) || !record(v, err, err_size))
    goto fail;
  free(pd);
  return v;
fail:
  free(pd);
  mlyVulkanDestroy(v);
  return NULL;
}

const MlyGpuHostPlan *mlyVulkanPlan(const MlyVulkan *v) { return v->plan; }

int mlyVulkanNumSpirv(const MlyVulkan *v) { return v->n_spirv; }

void mlyVulkanSpirv(const MlyVulkan *v, int i, const uint32_t **words,
                    size_t *n_bytes) {
  *words = v->spirv[i];
  *n_bytes = v->spirv_bytes[i];
}

const char *mlyVulkanDeviceName(const MlyVulkan *v) { return v->device_name; }

bool mlyVulkanRun(MlyVulkan *v, const MlyTensor *args, int n_args,
                  MlyTensor **outputs, intptr_t *n_outputs, char *err,
                  size_t err_size) {
  const MlyGpuHostPlan *p = v->plan;
  MlyTensor *outs = calloc((size_t)p->n_outputs + 1, sizeof *outs);
  bool ok = false;
  *outputs = NULL;
  *n_outputs = 0;
  if (err && err_size)
    err[0] = 0;
  if (!outs) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  if (n_args != p->n_host_args) {
    set_err(err, err_size,
            "vulkan: %d arguments given, the host function takes %d", n_args,
            p->n_host_args);
    goto out;
  }
  for (int i = 0; i < p->n_host_args; ++i) {
    const MlyGpuSlot *s = &p->slots[i];
    if (s->output >= 0)
      continue;
    if (args[i].dtype != s->type.dtype || args[i].nbytes != s->type.bytes) {
      set_err(err, err_size,
              "vulkan: argument %d has %zu bytes of %s, the host function "
              "expects %zu of %s",
              i, args[i].nbytes, mlyDTypeName(args[i].dtype), s->type.bytes,
              mlyDTypeName(s->type.dtype));
      goto out;
    }
    if (args[i].nbytes)
      memcpy(v->bufs[i].map, args[i].data, args[i].nbytes);
  }
  /* Outputs and intermediates start as 0xff bytes (NaN, -1) each run, as
   * msl-sim's do: what no kernel wrote shows instead of passing for a
   * previous run's value. */
  for (int i = 0; i < p->n_slots; ++i)
    if (p->slots[i].output >= 0 ||
        (p->slots[i].arg < 0 && !p->slots[i].init && p->slots[i].offset < 0))
      memset(v->bufs[i].map, 0xff, v->bufs[i].size);
  if (v->arena.map)
    memset(v->arena.map, 0xff, v->arena.size);
  VkSubmitInfo si = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
                     .commandBufferCount = 1,
                     .pCommandBuffers = &v->cmd};
  VK_CHECK(vkResetFences(v->device, 1, &v->fence), out);
  VK_CHECK(vkQueueSubmit(v->queue, 1, &si, v->fence), out);
  VK_CHECK(vkWaitForFences(v->device, 1, &v->fence, VK_TRUE, UINT64_MAX), out);
  for (int i = 0; i < p->n_host_args; ++i) {
    const MlyGpuSlot *s = &p->slots[i];
    if (s->output < 0)
      continue;
    MlyTensor *t = &outs[s->output];
    if (mlyTensorAlloc(t, s->type.dtype, s->type.rank, s->type.dims)) {
      set_err(err, err_size, "out of memory");
      goto out;
    }
    if (t->nbytes)
      memcpy(t->data, v->bufs[i].map, t->nbytes);
  }
  *outputs = outs;
  *n_outputs = p->n_outputs;
  outs = NULL;
  ok = true;
out:
  for (int i = 0; outs && i < p->n_outputs; ++i)
    mlyTensorFree(&outs[i]);
  free(outs);
  return ok;
}

int mlyVulkanNumLaunches(const MlyVulkan *v) { return v->n_launch; }

const char *mlyVulkanLaunchName(const MlyVulkan *v, int i) {
  return i >= 0 && i < v->n_launch ? v->plan->kernels[v->launch_kernel[i]].name
                                   : NULL;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

bool mlyVulkanTime(MlyVulkan *v, int warmup, int iters, MlyVulkanTiming *t,
                   char *err, size_t err_size) {
  int nl = v->n_launch;
  bool ok = false;
  if (!v->queries) {
    set_err(err, err_size,
            "vulkan: %s has no timestamps on its compute queue (or the "
            "program launches nothing)",
            v->device_name);
    return false;
  }
  if (warmup < 0 || iters < 1 || iters > 100000) {
    set_err(err, err_size, "vulkan: iterations must be 1 to 100000");
    return false;
  }
  uint64_t *ts = calloc((size_t)nl + 1, sizeof *ts);
  double *all = calloc((size_t)iters * ((size_t)nl + 1), sizeof *all);
  double *col = calloc((size_t)iters, sizeof *col);
  t->launch_us = calloc((size_t)nl, sizeof *t->launch_us);
  t->n_launch = nl;
  if (!ts || !all || !col || !t->launch_us) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  VkSubmitInfo si = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
                     .commandBufferCount = 1,
                     .pCommandBuffers = &v->tcmd};
  for (int it = -warmup; it < iters; ++it) {
    VK_CHECK(vkResetFences(v->device, 1, &v->fence), out);
    VK_CHECK(vkQueueSubmit(v->queue, 1, &si, v->fence), out);
    VK_CHECK(vkWaitForFences(v->device, 1, &v->fence, VK_TRUE, UINT64_MAX),
             out);
    VK_CHECK(vkGetQueryPoolResults(v->device, v->queries, 0, (uint32_t)nl + 1,
                                   ((size_t)nl + 1) * sizeof *ts, ts,
                                   sizeof *ts,
                                   VK_QUERY_RESULT_64_BIT |
                                       VK_QUERY_RESULT_WAIT_BIT),
             out);
    if (it < 0)
      continue;
    double *row = all + (size_t)it * ((size_t)nl + 1);
    for (int l = 0; l < nl; ++l)
      row[l] = (double)((ts[l + 1] - ts[l]) & v->ts_mask) * v->ts_period / 1e3;
    row[nl] = (double)((ts[nl] - ts[0]) & v->ts_mask) * v->ts_period / 1e3;
  }
  for (int l = 0; l <= nl; ++l) {
    for (int it = 0; it < iters; ++it)
      col[it] = all[(size_t)it * ((size_t)nl + 1) + (size_t)l];
    qsort(col, (size_t)iters, sizeof *col, cmp_double);
    double med = col[iters / 2];
    if (l < nl)
      t->launch_us[l] = med;
    else
      t->median_us = med, t->min_us = col[0];
  }
  ok = true;
out:
  if (!ok) {
    free(t->launch_us);
    t->launch_us = NULL;
  }
  free(ts);
  free(all);
  free(col);
  return ok;
}

void mlyVulkanDestroy(MlyVulkan *v) {
  if (!v)
    return;
  if (v->device) {
    vkDeviceWaitIdle(v->device);
    if (v->fence)
      vkDestroyFence(v->device, v->fence, NULL);
    if (v->queries)
      vkDestroyQueryPool(v->device, v->queries, NULL);
    if (v->cmd_pool)
      vkDestroyCommandPool(v->device, v->cmd_pool, NULL);
    if (v->pool)
      vkDestroyDescriptorPool(v->device, v->pool, NULL);
    for (int i = 0; v->bufs && i < v->plan->n_slots; ++i)
      destroy_buffer(v, &v->bufs[i]);
    destroy_buffer(v, &v->arena);
    for (int i = 0; v->pipelines && i < v->plan->n_kernels; ++i) {
      if (v->pipelines[i])
        vkDestroyPipeline(v->device, v->pipelines[i], NULL);
      if (v->layouts[i])
        vkDestroyPipelineLayout(v->device, v->layouts[i], NULL);
      if (v->set_layouts[i])
        vkDestroyDescriptorSetLayout(v->device, v->set_layouts[i], NULL);
    }
    for (int i = 0; v->shaders && i < v->n_spirv; ++i)
      if (v->shaders[i])
        vkDestroyShaderModule(v->device, v->shaders[i], NULL);
    vkDestroyDevice(v->device, NULL);
  }
  if (v->instance)
    vkDestroyInstance(v->instance, NULL);
  free(v->bufs);
  free(v->sets);
  free(v->launch_kernel);
  free(v->pipelines);
  free(v->layouts);
  free(v->set_layouts);
  for (int i = 0; v->spirv && i < v->n_spirv; ++i)
    free(v->spirv[i]);
  free(v->spirv);
  free(v->spirv_bytes);
  free(v->shaders);
  mlyGpuHostPlanDestroy(v->plan);
  free(v);
}
