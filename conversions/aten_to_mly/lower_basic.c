/* aten -> mly lowerings: see lower.h for the table this file fills. */
#include "conversions/aten_to_mly/lower.h"

const MlyLowerRule mlyLowerBasicRules[] = {
    {NULL, NULL},
};
