/* The tables of mly passes and named pipelines. */
#include "tools/passes.h"

#include <string.h>

#include "conversions/aten_to_mly/aten_to_mly.h"
#include "conversions/mly_to_gpu/mly_to_gpu.h"
#include "conversions/mly_to_linalg/mly_to_linalg.h"
#include "tools/bind_weights.h"
#include "transforms/mly_transforms.h"
#include "verify/mly_verify.h"

static const MlyPassInfo passes[] = {
    {"aten-to-mly", "Decompose aten ops into mly primitives",
     mlyCreateAtenToMlyPass},
    {"mly-cse", "Merge identical pure aten/mly ops", mlyCreateCSEPass},
    {"mly-dce", "Erase pure aten/mly ops whose results are unused",
     mlyCreateDCEPass},
    {"mly-verify", "Check the shape, dim and dtype rules of aten/mly ops",
     mlyCreateVerifyPass},
    {"mly-canonicalize", "Simplify and fold mly ops", mlyCreateCanonicalizePass},
    {"mly-fuse", "Outline fusion groups of mly ops into kernel functions",
     mlyCreateFusePass},
    {"mly-bounds", "Interval bounds of every mly value (mly.range)",
     mlyCreateBoundsPass},
    {"mly-f16", "Compute kernels proven safe by mly-bounds in f16 (or bf16)",
     mlyCreateF16Pass},
    {"mly-to-linalg", "Convert mly ops to linalg/tensor/arith/math on tensors",
     mlyCreateMlyToLinalgPass},
    {"mly-to-gpu",
     "Lower mly to a host program and gpu.module kernels (elementwise, row "
     "and tiled schedules)",
     mlyCreateMlyToGpuPass},
    {"mly-bind-weights", "Replace mly.param arguments by mly.constant weights",
     mlyCreateBindWeightsPass},
    {"mly-plan-memory", "Plan intermediate buffers in one arena by liveness",
     mlyCreatePlanMemoryPass},
    {"mly-check-memory-plan", "Check the arena plan of mly-plan-memory",
     mlyCreateCheckMemoryPlanPass},
    {"mly-check-bounds", "Check IBP/CROWN ranges against Z3's exact extrema",
     mlyCreateCheckBoundsPass},
    {"mly-prove", "Prove mly.ensures range contracts (bounds, then Z3)",
     mlyCreateProvePass},
    {"mly-verify-rewrites",
     "Check every later canonicalize/fuse rewrite with Z3",
     mlyCreateVerifyRewritesPass},
};

static const MlyPipelineInfo pipelines[] = {
    {"optimize", "aten to fused mly kernels", MLY_OPTIMIZE_PIPELINE},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const MlyPassInfo *mlyPassRegistryGet(size_t *n) {
  *n = COUNT(passes);
  return passes;
}

const MlyPassInfo *mlyPassRegistryLookup(const char *argument, size_t len) {
  for (size_t i = 0; i < COUNT(passes); ++i)
    if (strlen(passes[i].argument) == len &&
        !memcmp(passes[i].argument, argument, len))
      return &passes[i];
  return NULL;
}

const MlyPipelineInfo *mlyPipelineRegistryGet(size_t *n) {
  *n = COUNT(pipelines);
  return pipelines;
}

const MlyPipelineInfo *mlyPipelineRegistryLookup(const char *name) {
  for (size_t i = 0; i < COUNT(pipelines); ++i)
    if (!strcmp(pipelines[i].name, name))
      return &pipelines[i];
  return NULL;
}
