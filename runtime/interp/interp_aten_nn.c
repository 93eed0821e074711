/* aten ops in the reference interpreter: see interp_util.h for the table
 * this file fills. */
#include <math.h>
#include <string.h>

#include "runtime/interp/interp_util.h"

const MlyInterpRule mlyInterpAtenNNRules[] = {
    {NULL, NULL},
};
