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
  void *map;
  VkDeviceSize size;
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
  VkCommandBuffer cmd;
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

/* The first queue family of `pd` with compute, or -1. */
static int compute_family(VkPhysicalDevice pd) {
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
                     compute_family(pd[i]) < 0 ? ", no compute queue" : "");
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
  want.features.shaderInt64 = f.features.shaderInt64;
  want.features.shaderInt16 = f.features.shaderInt16;
  want.features.shaderFloat64 = f.features.shaderFloat64;
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

/* A memory type of `bits` with host-visible, coherent memory, device-local
 * when there is one. */
static int memory_type(const MlyVulkan *v, uint32_t bits) {
  const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  int found = -1;
  for (uint32_t i = 0; i < v->mem_props.memoryTypeCount; ++i) {
    VkMemoryPropertyFlags f = v->mem_props.memoryTypes[i].propertyFlags;
    if (!(bits & (1u << i)) || (f & host) != host)
      continue;
    if (f & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)
      return (int)i;
    if (found < 0)
      found = (int)i;
  }
  return found;
}

static bool create_buffer(MlyVulkan *v, vkbuf *b, VkDeviceSize size, char *err,
                          size_t err_size) {
  VkMemoryRequirements req;
  b->size = (size + 3) / 4 * 4;
  VkBufferCreateInfo ci = {.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
                           .size = b->size ? b->size : 4,
                           .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                           .sharingMode = VK_SHARING_MODE_EXCLUSIVE};
  VK_CHECK(vkCreateBuffer(v->device, &ci, NULL, &b->buf), fail);
  vkGetBufferMemoryRequirements(v->device, b->buf, &req);
  int type = memory_type(v, req.memoryTypeBits);
  if (type < 0) {
    set_err(err, err_size,
            "vulkan: the device has no host-visible, coherent memory for "
            "storage buffers");
    goto fail;
  }
  VkMemoryAllocateInfo ai = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
                             .allocationSize = req.size,
                             .memoryTypeIndex = (uint32_t)type};
  VK_CHECK(vkAllocateMemory(v->device, &ai, NULL, &b->mem), fail);
  VK_CHECK(vkBindBufferMemory(v->device, b->buf, b->mem, 0), fail);
  VK_CHECK(vkMapMemory(v->device, b->mem, 0, VK_WHOLE_SIZE, 0, &b->map), fail);
  return true;
fail:
  return false;
}

static void destroy_buffer(MlyVulkan *v, vkbuf *b) {
  if (b->map)
    vkUnmapMemory(v->device, b->mem);
  if (b->buf)
    vkDestroyBuffer(v->device, b->buf, NULL);
  if (b->mem)
    vkFreeMemory(v->device, b->mem, NULL);
  memset(b, 0, sizeof *b);
}

/* One descriptor set layout, pipeline layout and pipeline per kernel. */
static bool create_pipelines(MlyVulkan *v, char *err, size_t err_size) {
  const MlyGpuHostPlan *p = v->plan;
  VkDescriptorSetLayoutBinding *b = NULL;
  bool ok = false;
  int max_buffers = 1;
  for (int i = 0; i < v->n_spirv; ++i) {
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

static const VkMemoryBarrier shader_to_shader = {
    .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
    .srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT,
    .dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT};

/* Descriptor sets (one per launch) and the command buffer of a run. */
static bool record(MlyVulkan *v, char *err, size_t err_size) {
  const MlyGpuHostPlan *p = v->plan;
  VkPhysicalDeviceProperties props;
  uint32_t n_launch = 0, n_desc = 0;
  VkDescriptorBufferInfo *infos = NULL;
  VkWriteDescriptorSet *writes = NULL;
  bool ok = false;
  vkGetPhysicalDeviceProperties(v->phys, &props);
  for (int i = 0; i < p->n_steps; ++i)
    if (p->steps[i].kind == MLY_GPU_STEP_LAUNCH) {
      ++n_launch;
      n_desc += (uint32_t)p->steps[i].n_args;
    }
  VkDescriptorPoolSize size = {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                               n_desc ? n_desc : 1};
  VkDescriptorPoolCreateInfo pci = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .maxSets = n_launch ? n_launch : 1,
      .poolSizeCount = 1,
      .pPoolSizes = &size};
  VK_CHECK(vkCreateDescriptorPool(v->device, &pci, NULL, &v->pool), out);
  VkCommandPoolCreateInfo cpci = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = v->queue_family};
  VK_CHECK(vkCreateCommandPool(v->device, &cpci, NULL, &v->cmd_pool), out);
  VkCommandBufferAllocateInfo cai = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = v->cmd_pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 1};
  VK_CHECK(vkAllocateCommandBuffers(v->device, &cai, &v->cmd), out);
  VkFenceCreateInfo fci = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VK_CHECK(vkCreateFence(v->device, &fci, NULL, &v->fence), out);
  VkCommandBufferBeginInfo bi = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  VK_CHECK(vkBeginCommandBuffer(v->cmd, &bi), out);
  VkMemoryBarrier from_host = {.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
                               .srcAccessMask = VK_ACCESS_HOST_WRITE_BIT,
                               .dstAccessMask = VK_ACCESS_SHADER_READ_BIT |
                                                VK_ACCESS_SHADER_WRITE_BIT};
  vkCmdPipelineBarrier(v->cmd, VK_PIPELINE_STAGE_HOST_BIT,
                       VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &from_host,
                       0, NULL, 0, NULL);
  bool first = true;
  for (int i = 0; i < p->n_steps; ++i) {
    const MlyGpuStep *st = &p->steps[i];
    if (st->kind != MLY_GPU_STEP_LAUNCH)
      continue;
    const MlyGpuKernel *k = &p->kernels[st->kernel];
    if ((uint64_t)st->block[0] * st->block[1] * st->block[2] >
        props.limits.maxComputeWorkGroupInvocations) {
      set_err(err, err_size,
              "vulkan: kernel '%s': workgroups of %u x %u x %u threads; the "
              "device runs at most %u",
              k->name, st->block[0], st->block[1], st->block[2],
              props.limits.maxComputeWorkGroupInvocations);
      goto out;
    }
    for (int d = 0; d < 3; ++d)
      if (st->grid[d] > props.limits.maxComputeWorkGroupCount[d] ||
          st->block[d] > props.limits.maxComputeWorkGroupSize[d]) {
        set_err(err, err_size,
                "vulkan: kernel '%s': grid (%u, %u, %u) of workgroups "
                "(%u, %u, %u) exceeds the device's limits",
                k->name, st->grid[0], st->grid[1], st->grid[2], st->block[0],
                st->block[1], st->block[2]);
        goto out;
      }
    VkDescriptorSet set;
    VkDescriptorSetAllocateInfo dai = {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
        .descriptorPool = v->pool,
        .descriptorSetCount = 1,
        .pSetLayouts = &v->set_layouts[st->kernel]};
    VK_CHECK(vkAllocateDescriptorSets(v->device, &dai, &set), out);
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
          .dstSet = set,
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
    if (!first)
      vkCmdPipelineBarrier(v->cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                           VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1,
                           &shader_to_shader, 0, NULL, 0, NULL);
    first = false;
    vkCmdBindPipeline(v->cmd, VK_PIPELINE_BIND_POINT_COMPUTE,
                      v->pipelines[st->kernel]);
    vkCmdBindDescriptorSets(v->cmd, VK_PIPELINE_BIND_POINT_COMPUTE,
                            v->layouts[st->kernel], 0, 1, &set, 0, NULL);
    vkCmdDispatch(v->cmd, st->grid[0], st->grid[1], st->grid[2]);
  }
  VkMemoryBarrier to_host = {.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
                             .srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT,
                             .dstAccessMask = VK_ACCESS_HOST_READ_BIT};
  vkCmdPipelineBarrier(v->cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                       VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0, NULL, 0,
                       NULL);
  VK_CHECK(vkEndCommandBuffer(v->cmd), out);
  ok = true;
out:
  free(infos);
  free(writes);
  return ok;
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
  int qf = compute_family(v->phys);
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

void mlyVulkanDestroy(MlyVulkan *v) {
  if (!v)
    return;
  if (v->device) {
    vkDeviceWaitIdle(v->device);
    if (v->fence)
      vkDestroyFence(v->device, v->fence, NULL);
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
