/* libFuzzer target: the vulkan bundle reader (runtime/vulkan/bundle.c,
 * what mly-vulkan-replay loads: a safetensors file whose metadata holds
 * the host plan as JSON and whose U8 tensors hold SPIR-V) on arbitrary
 * bytes; every SPIR-V module it accepts goes through the validation that
 * stands before the driver. No device is created. */
#include <stdint.h>
#include <stdlib.h>

#include "runtime/vulkan/mly_vulkan.h"
#include "test/fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64], err[512];
  int fd = mlyFuzzOpenFile(data, size, path, sizeof path);
  if (fd < 0)
    return 0;
  int n = 0;
  void **spirv = NULL;
  size_t *n_bytes = NULL;
  MlyGpuHostPlan *p =
      mlyVulkanBundleRead(path, &n, &spirv, &n_bytes, err, sizeof err);
  if (p) {
    for (int i = 0; i < n; ++i) {
      (void)mlyVulkanValidateSpirv(spirv[i], n_bytes[i], err, sizeof err);
      free(spirv[i]);
    }
    free(spirv);
    free(n_bytes);
    mlyGpuHostPlanDestroy(p);
  }
  mlyFuzzCloseFile(fd);
  return 0;
}
