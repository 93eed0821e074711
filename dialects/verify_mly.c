/* Semantic rules of the mly dialect. mly is strict where aten is lenient:
 * elementwise operands have the result's exact shape and element type
 * (broadcasts and casts are explicit ops). Positions follow mly.irdl.mlir. */
#include <inttypes.h>

#include "dialects/verify_util.h"

/* Unary elementwise: one shape and one element type in and out. */
static bool unary_same_type(MlyVerifier *v) {
  MlyShape in, out;
  return mlyOperandShape(v, 0, &in) && mlyResultShape(v, 0, &out) &&
         mlyExpectSameDims(v, "result", &out, "input", &in) &&
         mlyExpectSameElt(v, "result", &out, "input", &in);
}

const MlyVerifyRule mlyMlyVerifyRules[] = {
    {"neg", unary_same_type},
    {NULL, NULL},
};
