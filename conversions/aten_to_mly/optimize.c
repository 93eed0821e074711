/* The `optimize` pipeline (see aten_to_mly.h). */
#include <assert.h>
#include <string.h>

#include "conversions/aten_to_mly/aten_to_mly.h"
#include "transforms/mly_transforms.h"

/* Every pass MLY_OPTIMIZE_PIPELINE may name. */
static const struct {
  const char *argument;
  MlirPass (*create)(void);
} passes[] = {
    {"aten-to-mly", mlyCreateAtenToMlyPass},
    {"mly-canonicalize", mlyCreateCanonicalizePass},
    {"mly-cse", mlyCreateCSEPass},
    {"mly-dce", mlyCreateDCEPass},
    {"mly-fuse", mlyCreateFusePass},
};

void mlyOptimizePipelineAdd(MlirOpPassManager pm) {
  const char *p = MLY_OPTIMIZE_PIPELINE;
  while (*p) {
    size_t len = strcspn(p, ","), i = 0;
    while (i < sizeof passes / sizeof *passes &&
           (strlen(passes[i].argument) != len ||
            memcmp(passes[i].argument, p, len)))
      ++i;
    /* The table and the text live side by side; a name missing from the
     * table is a bug here, not an input error. */
    assert(i < sizeof passes / sizeof *passes);
    if (i < sizeof passes / sizeof *passes)
      mlirOpPassManagerAddOwnedPass(pm, passes[i].create());
    p += len + (p[len] == ',');
  }
}
