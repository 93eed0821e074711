/* Helpers shared by the passes of verify/ (see smt.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialects/mly_builder.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "transforms/mly_transforms.h"
#include "verify/mly_verify.h"
#include "verify/smt.h"

static const char *report_path;
static bool report_started;

void mlyVerifySetReportPath(const char *path) {
  report_path = path;
  report_started = false;
}

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static MlirAttribute dict_at(MlirOperation func, const char *list, intptr_t i,
                             const char *name) {
  MlirAttribute all = mlirOperationGetAttributeByName(func, str(list));
  if (mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all) ||
      i >= mlirArrayAttrGetNumElements(all))
    return (MlirAttribute){NULL};
  MlirAttribute d = mlirArrayAttrGetElement(all, i);
  if (!mlirAttributeIsADictionary(d))
    return (MlirAttribute){NULL};
  return mlirDictionaryAttrGetElementByName(d, str(name));
}

MlirAttribute mlyVfyArgAttr(MlirOperation func, intptr_t i, const char *name) {
  return dict_at(func, "arg_attrs", i, name);
}

MlirAttribute mlyVfyResAttr(MlirOperation func, intptr_t i, const char *name) {
  return dict_at(func, "res_attrs", i, name);
}

static intptr_t count_of(MlirOperation func, bool results) {
  MlirAttribute ft = mlirOperationGetAttributeByName(func, str("function_type"));
  if (mlirAttributeIsNull(ft))
    return 0;
  MlirType t = mlirTypeAttrGetValue(ft);
  return results ? mlirFunctionTypeGetNumResults(t)
                 : mlirFunctionTypeGetNumInputs(t);
}

/* Sets `name` = a in dictionary i of array attribute `list` of func. */
static void set_dict(MlirOperation func, const char *list, bool results,
                     intptr_t i, const char *name, MlirAttribute a) {
  MlirContext ctx = mlirOperationGetContext(func);
  intptr_t n = count_of(func, results);
  MlirAttribute old = mlirOperationGetAttributeByName(func, str(list));
  MlirAttribute *dicts = calloc((size_t)n + 1, sizeof *dicts);
  MlirNamedAttribute *named = NULL;
  if (!dicts || i >= n)
    goto out;
  MlirIdentifier id = mlirIdentifierGet(ctx, str(name));
  for (intptr_t k = 0; k < n; ++k) {
    MlirAttribute d = {NULL};
    if (!mlirAttributeIsNull(old) && mlirAttributeIsAArray(old) &&
        k < mlirArrayAttrGetNumElements(old))
      d = mlirArrayAttrGetElement(old, k);
    bool is_dict = !mlirAttributeIsNull(d) && mlirAttributeIsADictionary(d);
    if (k != i) {
      dicts[k] = is_dict ? d : mlirDictionaryAttrGet(ctx, 0, NULL);
      continue;
    }
    intptr_t m = is_dict ? mlirDictionaryAttrGetNumElements(d) : 0, j = 0;
    if (!(named = calloc((size_t)m + 1, sizeof *named)))
      goto out;
    for (intptr_t q = 0; q < m; ++q) {
      MlirNamedAttribute na = mlirDictionaryAttrGetElement(d, q);
      if (!mlirIdentifierEqual(na.name, id))
        named[j++] = na;
    }
    named[j++] = mlirNamedAttributeGet(id, a);
    dicts[k] = mlirDictionaryAttrGet(ctx, j, named);
  }
  mlirOperationSetAttributeByName(func, str(list),
                                  mlirArrayAttrGet(ctx, n, dicts));
out:
  free(named);
  free(dicts);
}

void mlyVfySetResAttr(MlirOperation func, intptr_t i, const char *name,
                      MlirAttribute a) {
  set_dict(func, "res_attrs", true, i, name, a);
}

bool mlyVfyReadRange(MlirAttribute a, double *lo, double *hi) {
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF64Array(a) ||
      mlirDenseArrayGetNumElements(a) != 2)
    return false;
  *lo = mlirDenseF64ArrayGetElement(a, 0);
  *hi = mlirDenseF64ArrayGetElement(a, 1);
  return *lo <= *hi;
}

MlirAttribute mlyVfyRangeAttr(MlirContext ctx, double lo, double hi) {
  double v[2] = {lo, hi};
  return mlirDenseF64ArrayGet(ctx, 2, v);
}

bool mlyVfyArgBox(MlirOperation func, intptr_t i, double *lo, double *hi) {
  if (mlyVfyReadRange(mlyVfyArgAttr(func, i, "mly.requires"), lo, hi) ||
      mlyVfyReadRange(mlyVfyArgAttr(func, i, "mly.range"), lo, hi))
    return isfinite(*lo) && isfinite(*hi);
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(b) || i >= mlirBlockGetNumArguments(b) ||
      !mlyTypeIsFloat(mlirValueGetType(mlirBlockGetArgument(b, i))) ||
      !mlirAttributeIsNull(mlyVfyArgAttr(func, i, "mly.param")))
    return false;
  return mlySmtInputRange(lo, hi);
}

bool mlyVfyIsRootFunc(MlirOperation op) {
  if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                          str("func.func")) ||
      mlirRegionIsNull(mlirOperationGetRegion(op, 0)) ||
      mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0))))
    return false;
  return mlirAttributeIsNull(
             mlirOperationGetAttributeByName(op, str("sym_visibility"))) &&
         mlirAttributeIsNull(
             mlirOperationGetAttributeByName(op, str("mly.fused")));
}

int64_t mlyVfyInputScalars(MlirOperation func) {
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  int64_t n = 0;
  for (intptr_t i = 0, na = mlirBlockGetNumArguments(b); i < na; ++i) {
    MlirType t = mlirValueGetType(mlirBlockGetArgument(b, i));
    if (!mlirTypeIsARankedTensor(t) || !mlirShapedTypeHasStaticShape(t))
      return INT64_MAX;
    n += mlyTypeNumElements(t);
  }
  return n;
}

MlirOperation mlyVfyBoundsClone(MlirOperation module, const char *method) {
  MlirOperation c = mlirOperationClone(module);
  MlirContext ctx = mlirOperationGetContext(module);
  MlirBlock mb = mlirRegionGetFirstBlock(mlirOperationGetRegion(c, 0));
  for (MlirOperation f = mlirBlockGetFirstOperation(mb);
       !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f)) {
    if (!mlyVfyIsRootFunc(f))
      continue;
    for (intptr_t i = 0, n = count_of(f, false); i < n; ++i) {
      MlirAttribute r = mlyVfyArgAttr(f, i, "mly.requires");
      if (!mlirAttributeIsNull(r))
        set_dict(f, "arg_attrs", false, i, "mly.range", r);
    }
  }
  MlirPassManager pm =
      mlirPassManagerCreateOnOperation(ctx, str("builtin.module"));
  mlyBoundsSetMethod(method);
  mlirPassManagerAddOwnedPass(pm, mlyCreateBoundsPass());
  bool ok = mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, c));
  mlirPassManagerDestroy(pm);
  mlyBoundsSetMethod(mlySmtBoundsMethod());
  if (!ok) {
    mlirOperationDestroy(c);
    return (MlirOperation){NULL};
  }
  return c;
}

MlirOperation mlyVfyFindFunc(MlirOperation module, MlirOperation func) {
  MlirAttribute want = mlirOperationGetAttributeByName(func, str("sym_name"));
  MlirBlock mb = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation f = mlirBlockGetFirstOperation(mb);
       !mlirOperationIsNull(f); f = mlirOperationGetNextInBlock(f)) {
    MlirAttribute n = mlirOperationGetAttributeByName(f, str("sym_name"));
    if (!mlirAttributeIsNull(n) && mlirAttributeEqual(n, want))
      return f;
  }
  return (MlirOperation){NULL};
}

MlirValue mlyVfyReturned(MlirOperation func, intptr_t i) {
  MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  return mlirOperationGetOperand(mlirBlockGetTerminator(b), i);
}

MlirLocation mlyVfyResultLoc(MlirOperation func, intptr_t i) {
  MlirValue v = mlyVfyReturned(func, i);
  if (mlirValueIsAOpResult(v))
    return mlirOperationGetLocation(mlirOpResultGetOwner(v));
  return mlirOperationGetLocation(func);
}

FILE *mlyVfyReportOpen(void) {
  if (!report_path)
    return NULL;
  if (!strcmp(report_path, "-"))
    return stderr;
  FILE *f = fopen(report_path, report_started ? "a" : "w");
  report_started = true;
  return f;
}

void mlyVfyReportClose(FILE *f) {
  if (f && f != stderr)
    fclose(f);
}

void mlyVfyJsonNum(FILE *f, double v) {
  if (isnan(v))
    fputs("\"nan\"", f);
  else if (isinf(v))
    fputs(v < 0 ? "\"-inf\"" : "\"inf\"", f);
  else
    fprintf(f, "%.9g", v);
}

void mlyVfyJsonStats(FILE *f, const MlySmtStats *st) {
  fprintf(f,
          "{\"queries\": %ld, \"sat\": %ld, \"unsat\": %ld, \"unknown\": %ld, "
          "\"total_ms\": %.1f, \"max_ms\": %.1f}",
          st->queries, st->sat, st->unsat, st->unknown, st->total_ms,
          st->max_ms);
}

const char *mlyVfyFuncName(MlirOperation func, char *buf, size_t n) {
  MlirAttribute a = mlirOperationGetAttributeByName(func, str("sym_name"));
  MlirStringRef s = mlirAttributeIsNull(a) ? str("?") : mlirStringAttrGetValue(a);
  snprintf(buf, n, "%.*s", (int)s.length, s.data);
  return buf;
}
