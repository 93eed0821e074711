/* Loading of the aten and mly dialects from their embedded IRDL text. */
#include "dialects/mly_dialects.h"

#include <stdio.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/IRDL.h"
#include "mlir-c/RegisterEverything.h"

extern const char mly_aten_irdl[];
extern const size_t mly_aten_irdl_size;
extern const char mly_mly_irdl[];
extern const size_t mly_mly_irdl_size;

MlirStringRef mlyDialectGetIRDL(const char *name) {
  if (!strcmp(name, "aten"))
    return mlirStringRefCreate(mly_aten_irdl, mly_aten_irdl_size);
  if (!strcmp(name, "mly"))
    return mlirStringRefCreate(mly_mly_irdl, mly_mly_irdl_size);
  return mlirStringRefCreate(NULL, 0);
}

static MlirLogicalResult load_irdl(MlirContext ctx, const char *name) {
  MlirModule m = mlirModuleCreateParse(ctx, mlyDialectGetIRDL(name));
  if (mlirModuleIsNull(m))
    return mlirLogicalResultFailure();
  MlirLogicalResult rc = mlirLoadIRDLDialects(m);
  mlirModuleDestroy(m);
  return rc;
}

MlirLogicalResult mlyDialectsLoad(MlirContext ctx) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__irdl__(), ctx);
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__func__(), ctx);
  if (mlirLogicalResultIsFailure(load_irdl(ctx, "aten")) ||
      mlirLogicalResultIsFailure(load_irdl(ctx, "mly")))
    return mlirLogicalResultFailure();
  return mlirLogicalResultSuccess();
}

static bool op_in_dialect(MlirOperation op, const char *ns, size_t n) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  return name.length > n && !memcmp(name.data, ns, n) && name.data[n] == '.';
}

bool mlyOpIsAten(MlirOperation op) { return op_in_dialect(op, "aten", 4); }
bool mlyOpIsMly(MlirOperation op) { return op_in_dialect(op, "mly", 3); }

bool mlyOpIsPure(MlirOperation op) {
  if (!mlyOpIsAten(op) && !mlyOpIsMly(op))
    return false;
  /* Dropout in training mode draws random numbers: two of them differ. */
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (name.length == 12 && !memcmp(name.data, "aten.dropout", 12)) {
    MlirAttribute train =
        mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("train"));
    return !mlirAttributeIsNull(train) && mlirAttributeIsABool(train) &&
           !mlirBoolAttrGetValue(train);
  }
  return true;
}

static MlirAttribute attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op,
                                         mlirStringRefCreateFromCString(name));
}

bool mlyOpGetI64(MlirOperation op, const char *name, int64_t *out) {
  MlirAttribute a = attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAInteger(a))
    return false;
  *out = mlirIntegerAttrGetValueInt(a);
  return true;
}

bool mlyOpGetF64(MlirOperation op, const char *name, double *out) {
  MlirAttribute a = attr(op, name);
  if (mlirAttributeIsNull(a))
    return false;
  if (mlirAttributeIsAFloat(a))
    *out = mlirFloatAttrGetValueDouble(a);
  else if (mlirAttributeIsAInteger(a))
    *out = (double)mlirIntegerAttrGetValueInt(a);
  else
    return false;
  return true;
}

bool mlyOpGetBool(MlirOperation op, const char *name, bool *out) {
  MlirAttribute a = attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsABool(a))
    return false;
  *out = mlirBoolAttrGetValue(a);
  return true;
}

bool mlyOpGetStr(MlirOperation op, const char *name, MlirStringRef *out) {
  MlirAttribute a = attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAString(a))
    return false;
  *out = mlirStringAttrGetValue(a);
  return true;
}

bool mlyOpGetI64Array(MlirOperation op, const char *name, int64_t *out,
                      int64_t cap, int64_t *n) {
  MlirAttribute a = attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseI64Array(a))
    return false;
  intptr_t len = mlirDenseArrayGetNumElements(a);
  if (len > cap)
    return false;
  for (intptr_t i = 0; i < len; ++i)
    out[i] = mlirDenseI64ArrayGetElement(a, i);
  *n = len;
  return true;
}

bool mlyOpStrIs(MlirOperation op, const char *name, const char *value) {
  MlirStringRef s;
  return mlyOpGetStr(op, name, &s) && strlen(value) == s.length &&
         !memcmp(value, s.data, s.length);
}

intptr_t mlyOpOperandGroupIndex(MlirOperation op, int group, int n_groups) {
  MlirAttribute seg = attr(op, "operandSegmentSizes");
  intptr_t n = mlirOperationGetNumOperands(op);
  if (mlirAttributeIsNull(seg)) /* IRDL accepted the arity: fill in order */
    return group < n ? group : -1;
  if (!mlirAttributeIsADenseI32Array(seg) ||
      mlirDenseArrayGetNumElements(seg) != n_groups)
    return -1;
  /* Every group of our ops is one operand or an absent optional one; a
   * segment list that says otherwise describes no operand at all. */
  intptr_t at = -1, sum = 0;
  for (int i = 0; i < n_groups; ++i) {
    int32_t len = mlirDenseI32ArrayGetElement(seg, i);
    if (len < 0 || len > 1)
      return -1;
    if (i == group && len == 1)
      at = sum;
    sum += len;
  }
  return sum == n ? at : -1;
}

void mlyOpEmitErrorV(MlirOperation op, const char *fmt, va_list ap) {
  char msg[512];
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  int n = snprintf(msg, sizeof msg, "'%.*s' op ", (int)name.length, name.data);
  if (n < 0 || (size_t)n >= sizeof msg)
    n = 0;
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  mlirEmitError(mlirOperationGetLocation(op), msg);
}
