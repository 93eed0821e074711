/* The semantic verifier driver and the helpers its rules share. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dialects/mly_dialects.h"
#include "dialects/verify_util.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

bool mlyVerifyFail(MlyVerifier *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  mlyOpEmitErrorV(v->op, fmt, ap);
  va_end(ap);
  v->failed = true;
  return false;
}

const char *mlyFormatDims(const int64_t *dims, int64_t rank, char *buf,
                          size_t size) {
  if (rank == 0) {
    snprintf(buf, size, "0-d");
    return buf;
  }
  size_t at = 0;
  buf[0] = 0;
  for (int64_t i = 0; i < rank && at < size; ++i) {
    int n = snprintf(buf + at, size - at, i ? "x%" PRId64 : "%" PRId64, dims[i]);
    if (n < 0)
      break;
    at += (size_t)n;
  }
  return buf;
}

const char *mlyFormatInts(const int64_t *xs, int64_t n, char *buf,
                          size_t size) {
  int k = snprintf(buf, size, "[");
  size_t at = k > 0 ? (size_t)k : 0;
  for (int64_t i = 0; i < n && at < size; ++i) {
    k = snprintf(buf + at, size - at, i ? ", %" PRId64 : "%" PRId64, xs[i]);
    if (k < 0)
      break;
    at += (size_t)k;
  }
  if (at < size)
    snprintf(buf + at, size - at, "]");
  return buf;
}

struct buf_writer {
  char *buf;
  size_t size, at;
};

static void write_to_buf(MlirStringRef s, void *user) {
  struct buf_writer *w = user;
  for (size_t i = 0; i < s.length && w->at + 1 < w->size; ++i)
    w->buf[w->at++] = s.data[i];
  w->buf[w->at] = 0;
}

const char *mlyFormatType(MlirType t, char *buf, size_t size) {
  struct buf_writer w = {buf, size, 0};
  buf[0] = 0;
  mlirTypePrint(t, write_to_buf, &w);
  return buf;
}

bool mlyValueShape(MlyVerifier *v, MlirValue value, const char *what,
                   MlyShape *out) {
  MlirType t = mlirValueGetType(value);
  if (!mlirTypeIsARankedTensor(t))
    return mlyVerifyFail(v, "%s is not a ranked tensor", what);
  int64_t rank = mlirShapedTypeGetRank(t);
  if (rank > MLY_MAX_RANK)
    return mlyVerifyFail(v, "%s has %" PRId64 " dims, at most %d are supported",
                         what, rank, MLY_MAX_RANK);
  out->rank = rank;
  out->elt = mlirShapedTypeGetElementType(t);
  for (int64_t i = 0; i < rank; ++i) {
    if (mlirShapedTypeIsDynamicDim(t, i))
      return mlyVerifyFail(v, "%s has a dynamic dim %" PRId64
                              "; only static shapes are supported",
                           what, i);
    out->dims[i] = mlirShapedTypeGetDimSize(t, i);
  }
  return true;
}

static void value_name(char *buf, size_t size, const char *kind, intptr_t pos) {
  snprintf(buf, size, "%s #%" PRIdPTR, kind, pos);
}

bool mlyOperandShape(MlyVerifier *v, intptr_t pos, MlyShape *out) {
  char what[32];
  value_name(what, sizeof what, "operand", pos);
  if (pos >= mlirOperationGetNumOperands(v->op))
    return mlyVerifyFail(v, "has no %s", what);
  return mlyValueShape(v, mlirOperationGetOperand(v->op, pos), what, out);
}

bool mlyResultShape(MlyVerifier *v, intptr_t pos, MlyShape *out) {
  char what[32];
  value_name(what, sizeof what, "result", pos);
  if (pos >= mlirOperationGetNumResults(v->op))
    return mlyVerifyFail(v, "has no %s", what);
  return mlyValueShape(v, mlirOperationGetResult(v->op, pos), what, out);
}

MlirValue mlyOperandGroup(MlyVerifier *v, int group, int n_groups) {
  intptr_t at = mlyOpOperandGroupIndex(v->op, group, n_groups);
  return at < 0 ? (MlirValue){NULL} : mlirOperationGetOperand(v->op, at);
}

/* The typed readers of dialects.c, plus a report of what is wrong. */
static bool attr_missing(MlyVerifier *v, const char *name, const char *kind) {
  MlirAttribute a = mlirOperationGetAttributeByName(
      v->op, mlirStringRefCreateFromCString(name));
  if (mlirAttributeIsNull(a))
    return mlyVerifyFail(v, "requires attribute '%s'", name);
  return mlyVerifyFail(v, "attribute '%s' is not %s", name, kind);
}

bool mlyAttrInt(MlyVerifier *v, const char *name, int64_t *out) {
  return mlyOpGetI64(v->op, name, out) || attr_missing(v, name, "an integer");
}

bool mlyAttrFloat(MlyVerifier *v, const char *name, double *out) {
  return mlyOpGetF64(v->op, name, out) || attr_missing(v, name, "a number");
}

bool mlyAttrBool(MlyVerifier *v, const char *name, bool *out) {
  return mlyOpGetBool(v->op, name, out) || attr_missing(v, name, "a bool");
}

bool mlyAttrStr(MlyVerifier *v, const char *name, MlirStringRef *out) {
  return mlyOpGetStr(v->op, name, out) || attr_missing(v, name, "a string");
}

bool mlyAttrStrOneOf(MlyVerifier *v, const char *name,
                     const char *const *allowed) {
  MlirStringRef s;
  if (!mlyAttrStr(v, name, &s))
    return false;
  char list[256] = "";
  size_t at = 0;
  for (const char *const *p = allowed; *p; ++p) {
    if (strlen(*p) == s.length && !memcmp(*p, s.data, s.length))
      return true;
    int n = snprintf(list + at, sizeof list - at, "%s'%s'",
                     p == allowed ? "" : ", ", *p);
    if (n > 0 && (size_t)n < sizeof list - at)
      at += (size_t)n;
  }
  return mlyVerifyFail(v, "attribute '%s' is '%.*s', expected one of %s", name,
                       (int)s.length, s.data, list);
}

bool mlyAttrInts(MlyVerifier *v, const char *name, int64_t *out, int64_t *n) {
  if (mlyOpGetI64Array(v->op, name, out, MLY_MAX_RANK, n))
    return true;
  MlirAttribute a = mlirOperationGetAttributeByName(
      v->op, mlirStringRefCreateFromCString(name));
  if (!mlirAttributeIsNull(a) && mlirAttributeIsADenseI64Array(a))
    return mlyVerifyFail(v, "attribute '%s' has %" PRIdPTR
                            " elements, at most %d are supported",
                         name, mlirDenseArrayGetNumElements(a), MLY_MAX_RANK);
  return attr_missing(v, name, "an array<i64>");
}

bool mlyNormDim(MlyVerifier *v, const char *what, int64_t dim, int64_t rank,
                int64_t *out) {
  int64_t r = rank == 0 ? 1 : rank; /* PyTorch lets dim 0/-1 name a 0-d tensor */
  if (dim < -r || dim >= r)
    return mlyVerifyFail(v, "%s %" PRId64 " is out of range for rank %" PRId64,
                         what, dim, rank);
  *out = dim < 0 ? dim + r : dim;
  return true;
}

bool mlyExpectDims(MlyVerifier *v, const char *what, const MlyShape *actual,
                   const int64_t *dims, int64_t rank) {
  bool same = actual->rank == rank;
  for (int64_t i = 0; same && i < rank; ++i)
    same = actual->dims[i] == dims[i];
  if (same)
    return true;
  char a[128], e[128];
  return mlyVerifyFail(v, "%s shape is %s, expected %s", what,
                       mlyFormatDims(actual->dims, actual->rank, a, sizeof a),
                       mlyFormatDims(dims, rank, e, sizeof e));
}

bool mlyExpectSameDims(MlyVerifier *v, const char *what_a, const MlyShape *a,
                       const char *what_b, const MlyShape *b) {
  bool same = a->rank == b->rank;
  for (int64_t i = 0; same && i < a->rank; ++i)
    same = a->dims[i] == b->dims[i];
  if (same)
    return true;
  char sa[128], sb[128];
  return mlyVerifyFail(v, "%s shape %s does not match %s shape %s", what_a,
                       mlyFormatDims(a->dims, a->rank, sa, sizeof sa), what_b,
                       mlyFormatDims(b->dims, b->rank, sb, sizeof sb));
}

bool mlyExpectSameElt(MlyVerifier *v, const char *what_a, const MlyShape *a,
                      const char *what_b, const MlyShape *b) {
  if (mlirTypeEqual(a->elt, b->elt))
    return true;
  char ta[64], tb[64];
  return mlyVerifyFail(v, "%s element type %s does not match %s element type %s",
                       what_a, mlyFormatType(a->elt, ta, sizeof ta), what_b,
                       mlyFormatType(b->elt, tb, sizeof tb));
}

bool mlyExpectRank(MlyVerifier *v, const char *what, const MlyShape *s,
                   int64_t rank) {
  if (s->rank == rank)
    return true;
  return mlyVerifyFail(v, "%s has %" PRId64 " dims, expected %" PRId64, what,
                       s->rank, rank);
}

bool mlyBroadcast(MlyVerifier *v, const char *what_a, const MlyShape *a,
                  const char *what_b, const MlyShape *b, MlyShape *out) {
  int64_t rank = a->rank > b->rank ? a->rank : b->rank;
  out->rank = rank;
  out->elt = a->elt;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a->rank ? 1 : a->dims[i - (rank - a->rank)];
    int64_t db = i < rank - b->rank ? 1 : b->dims[i - (rank - b->rank)];
    if (da != db && da != 1 && db != 1) {
      char sa[128], sb[128];
      return mlyVerifyFail(
          v, "%s shape %s and %s shape %s do not broadcast (dim %" PRId64 ")",
          what_a, mlyFormatDims(a->dims, a->rank, sa, sizeof sa), what_b,
          mlyFormatDims(b->dims, b->rank, sb, sizeof sb), i);
    }
    out->dims[i] = da == 1 ? db : da;
  }
  return true;
}

bool mlyEltIsFloat(MlirType t) { return mlirTypeIsAFloat(t); }
bool mlyEltIsBool(MlirType t) {
  return mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) == 1;
}
bool mlyEltIsInt(MlirType t) {
  return mlirTypeIsAInteger(t) && mlirIntegerTypeGetWidth(t) > 1;
}

bool mlyNumElements(const MlyShape *s, int64_t *out) {
  int64_t n = 1;
  for (int64_t i = 0; i < s->rank; ++i) {
    if (s->dims[i] < 0 || (s->dims[i] && n > INT64_MAX / s->dims[i]))
      return false;
    n *= s->dims[i];
  }
  *out = n;
  return true;
}

/* A static shape whose element count fits int64: later stages count
 * elements and bytes without checking for overflow. */
static bool countable_shape(MlyVerifier *v, MlirValue value, const char *what) {
  MlyShape s;
  int64_t n;
  if (!mlyValueShape(v, value, what, &s))
    return false;
  if (!mlyNumElements(&s, &n))
    return mlyVerifyFail(v, "%s has 2^63 elements or more", what);
  return true;
}

/* Every tensor an aten/mly op touches must have a static shape: later
 * stages plan memory and kernels from the shapes. */
static bool verify_static_types(MlyVerifier *v) {
  char what[32];
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(v->op); i < n; ++i) {
    value_name(what, sizeof what, "operand", i);
    if (!countable_shape(v, mlirOperationGetOperand(v->op, i), what))
      return false;
  }
  for (intptr_t i = 0, n = mlirOperationGetNumResults(v->op); i < n; ++i) {
    value_name(what, sizeof what, "result", i);
    if (!countable_shape(v, mlirOperationGetResult(v->op, i), what))
      return false;
  }
  return true;
}

static MlyVerifyFn find_rule(const MlyVerifyRule *rules, const char *name) {
  for (const MlyVerifyRule *r = rules; r->name; ++r)
    if (!strcmp(r->name, name))
      return r->fn;
  return NULL;
}

static MlirWalkResult verify_one(MlirOperation op, void *user) {
  bool *failed = user;
  bool aten = mlyOpIsAten(op);
  if (!aten && !mlyOpIsMly(op))
    return MlirWalkResultAdvance;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  char cname[96];
  snprintf(cname, sizeof cname, "%.*s", (int)name.length, name.data);
  MlyVerifier v = {op, cname, false};
  if (verify_static_types(&v)) {
    MlyVerifyFn fn = find_rule(aten ? mlyAtenVerifyRules : mlyMlyVerifyRules,
                               cname + (aten ? 5 : 4));
    if (fn)
      fn(&v);
  }
  if (v.failed)
    *failed = true;
  return MlirWalkResultAdvance;
}

MlirLogicalResult mlyVerify(MlirOperation root) {
  bool failed = false;
  mlirOperationWalk(root, verify_one, &failed, MlirWalkPreOrder);
  return failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
