/* Helpers of the targets folder (see target_util.h). */
#include "targets/target_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

bool mlyTgtOpIs(MlirOperation op, const char *name) {
  MlirStringRef s = mlirIdentifierStr(mlirOperationGetName(op));
  return s.length == strlen(name) && !memcmp(s.data, name, s.length);
}

typedef struct find_op {
  const char *prefix;
  MlirOperation found;
} find_op;

static MlirWalkResult find_op_cb(MlirOperation op, void *user) {
  find_op *f = user;
  MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
  size_t len = strlen(f->prefix);
  if (n.length < len || memcmp(n.data, f->prefix, len))
    return MlirWalkResultAdvance;
  f->found = op;
  return MlirWalkResultInterrupt;
}

MlirOperation mlyTgtFindOp(MlirOperation root, const char *prefix) {
  find_op f = {prefix, {NULL}};
  mlirOperationWalk(root, find_op_cb, &f, MlirWalkPreOrder);
  return f.found;
}

MlirAttribute mlyTgtAttr(MlirOperation op, const char *name) {
  MlirStringRef n = mlirStringRefCreateFromCString(name);
  MlirAttribute a = mlirOperationGetInherentAttributeByName(op, n);
  return mlirAttributeIsNull(a)
             ? mlirOperationGetDiscardableAttributeByName(op, n)
             : a;
}

const char *mlyTgtStrAttr(MlirOperation op, const char *name, size_t *len) {
  MlirAttribute a = mlyTgtAttr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAString(a))
    return NULL;
  MlirStringRef s = mlirStringAttrGetValue(a);
  *len = s.length;
  return s.data;
}

const char *mlyTgtDtype(MlirType t, size_t *bytes) {
  size_t b = 0;
  const char *n = NULL;
  if (mlirTypeIsAF32(t))
    n = "f32", b = 4;
  else if (mlirTypeIsAF16(t))
    n = "f16", b = 2;
  else if (mlirTypeIsABF16(t))
    n = "bf16", b = 2;
  else if (mlirTypeIsAF64(t))
    n = "f64", b = 8;
  else if (mlirTypeIsAIndex(t))
    n = "index", b = 8;
  else if (mlirTypeIsAInteger(t)) {
    switch (mlirIntegerTypeGetWidth(t)) {
    case 1:
      n = "i1", b = 1;
      break;
    case 8:
      n = "i8", b = 1;
      break;
    case 16:
      n = "i16", b = 2;
      break;
    case 32:
      n = "i32", b = 4;
      break;
    case 64:
      n = "i64", b = 8;
      break;
    default:
      break;
    }
  }
  if (n && bytes)
    *bytes = b;
  return n;
}

int64_t mlyTgtNumElements(MlirType memref) {
  int64_t n = 1;
  for (intptr_t i = 0, r = mlirShapedTypeGetRank(memref); i < r; ++i) {
    int64_t d = mlirShapedTypeGetDimSize(memref, i);
    if (mlirShapedTypeIsDynamicSize(d))
      return -1;
    n *= d;
  }
  return n;
}

void mlyTgtOpError(MlirOperation op, const char *fmt, ...) {
  char msg[1024];
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  int k = snprintf(msg, sizeof msg, "'%.*s' op ", (int)name.length, name.data);
  va_list ap;
  va_start(ap, fmt);
  if (k > 0 && (size_t)k < sizeof msg)
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
  va_end(ap);
  mlirEmitError(mlirOperationGetLocation(op), msg);
}
