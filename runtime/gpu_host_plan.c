/* Freeing a plan of gpu_host.h: no MLIR, so that MLIR-free programs
 * (mly-vulkan-replay) can hold plans. */
#include <stdlib.h>

#include "runtime/gpu_host.h"

void mlyGpuHostPlanDestroy(MlyGpuHostPlan *s) {
  if (!s)
    return;
  for (int i = 0; i < s->n_kernels; ++i) {
    free(s->kernels[i].name);
    free(s->kernels[i].types);
  }
  free(s->kernels);
  for (int i = 0; i < s->n_slots; ++i) {
    free(s->slots[i].init);
    free(s->slots[i].name);
  }
  free(s->slots);
  for (int i = 0; i < s->n_steps; ++i)
    free(s->steps[i].args);
  free(s->steps);
  free(s);
}
