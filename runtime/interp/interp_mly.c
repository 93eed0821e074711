/* mly ops in the reference interpreter. Operand positions follow
 * dialects/mly.irdl.mlir; results arrive allocated (interp_util.h). */
#include <math.h>

#include "runtime/interp/interp_util.h"

const MlyInterpRule mlyInterpMlyRules[] = {
    {NULL, NULL},
};
