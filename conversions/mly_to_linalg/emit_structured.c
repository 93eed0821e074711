/* Structured mly ops: values (iota), data movement (broadcast_in_dim,
 * reshape, transpose, slice, pad, concat, gather), reductions (reduce,
 * scan) and contractions/windows (matmul, conv, pool), plus the template
 * pieces the elementwise emitters share.
 *
 * Accumulations (reduce, scan, matmul, conv, avg pool) run in the element
 * type, where the interpreter accumulates floats in double: results agree
 * to rounding (the model tests compare at rtol 1e-4, atol 1e-5). gather
 * clamps indices into range where the interpreter reports them. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "conversions/mly_to_linalg/emit.h"
#include "dialects/mly_dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#define RANK MLY_EMIT_MAX_RANK

/* ---- template pieces ---- */

static const char *float_hex(MlirType elt, double v) {
  static const char *const hex[4][3] = {
      /* +inf, -inf, nan */
      {"0x7C00", "0xFC00", "0x7E00"},
      {"0x7F80", "0xFF80", "0x7FC0"},
      {"0x7F800000", "0xFF800000", "0x7FC00000"},
      {"0x7FF0000000000000", "0xFFF0000000000000", "0x7FF8000000000000"}};
  int row = mlirTypeIsABF16(elt)               ? 1
            : mlirFloatTypeGetWidth(elt) == 16 ? 0
            : mlirFloatTypeGetWidth(elt) == 32 ? 2
                                               : 3;
  return hex[row][isnan(v) ? 2 : v < 0 ? 1 : 0];
}

int mlyEmitConst(MlyEmit *e, MlirType elt, double v) {
  int r = mlyEmitFresh(e);
  const char *t = mlyEmitType(e, elt);
  switch (mlyEltClass(elt)) {
  case MLY_ELT_FLOAT:
    if (isnan(v) || isinf(v))
      mlyEmitF(e, "    %%v%d = arith.constant %s : %s\n", r, float_hex(elt, v),
               t);
    else
      mlyEmitF(e, "    %%v%d = arith.constant %.17e : %s\n", r, v, t);
    break;
  case MLY_ELT_BOOL:
    mlyEmitF(e, "    %%v%d = arith.constant %s\n", r,
             v != 0 ? "true" : "false");
    break;
  default:
    mlyEmitF(e, "    %%v%d = arith.constant %lld : %s\n", r, (long long)v, t);
  }
  return r;
}

int mlyEmitExtreme(MlyEmit *e, MlirType elt, bool neg) {
  int k = mlyEltClass(elt);
  if (k == MLY_ELT_FLOAT)
    return mlyEmitConst(e, elt, neg ? -INFINITY : INFINITY);
  if (k == MLY_ELT_BOOL)
    return mlyEmitConst(e, elt, neg ? 0 : 1);
  unsigned w = mlyEltWidth(elt);
  uint64_t max = w >= 64 ? (uint64_t)INT64_MAX : (UINT64_C(1) << (w - 1)) - 1;
  int r = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = arith.constant %s%" PRIu64 " : %s\n", r,
           neg ? "-" : "", neg ? max + 1 : max, mlyEmitType(e, elt));
  return r;
}

int mlyEmitEmpty(MlyEmit *e, MlirType t) {
  int r = mlyEmitFresh(e);
  mlyEmitF(e, "  %%v%d = tensor.empty() : %s\n", r, mlyEmitType(e, t));
  return r;
}

int mlyEmitFill(MlyEmit *e, MlirType t, int c) {
  int init = mlyEmitEmpty(e, t), r = mlyEmitFresh(e);
  const char *ts = mlyEmitType(e, t);
  mlyEmitF(e, "  %%v%d = linalg.fill ins(%%v%d : %s) outs(%%v%d : %s) -> %s\n",
           r, c, mlyEmitType(e, mlirShapedTypeGetElementType(t)), init, ts, ts);
  return r;
}

/* "[[0, 1, .., n-1]]" or "[]" for n == 0. */
static const char *one_group(MlyEmit *e, int64_t n) {
  const char *s = "";
  for (int64_t i = 0; i < n; ++i)
    s = mlyEmitStr(e, "%s%s%" PRId64, s, i ? ", " : "", i);
  return n ? mlyEmitStr(e, "[[%s]]", s) : "[]";
}

/* "a, b, c" from n integers. */
static const char *ints(MlyEmit *e, const int64_t *v, int64_t n) {
  const char *s = "";
  for (int64_t i = 0; i < n; ++i)
    s = mlyEmitStr(e, "%s%s%" PRId64, s, i ? ", " : "", v[i]);
  return s;
}

static void dims_of(MlirType t, int64_t *dims) {
  for (int64_t i = 0, r = mlirShapedTypeGetRank(t); i < r; ++i)
    dims[i] = mlirShapedTypeGetDimSize(t, i);
}

static MlirType tensor(const int64_t *dims, int64_t rank, MlirType elt) {
  return mlirRankedTensorTypeGet(rank, dims, elt, mlirAttributeGetNull());
}

static MlirType elt_of(MlirType t) { return mlirShapedTypeGetElementType(t); }

static int64_t rank_of(MlirType t) { return mlirShapedTypeGetRank(t); }

static int64_t numel(MlirType t) {
  int64_t n = 1;
  for (int64_t i = 0, r = rank_of(t); i < r; ++i)
    n *= mlirShapedTypeGetDimSize(t, i);
  return n;
}

static int collapse(MlyEmit *e, int x, MlirType from, const char *reassoc,
                    MlirType to) {
  int r = mlyEmitFresh(e);
  mlyEmitF(e, "  %%v%d = tensor.collapse_shape %%v%d %s : %s into %s\n", r, x,
           reassoc, mlyEmitType(e, from), mlyEmitType(e, to));
  return r;
}

static int expand(MlyEmit *e, int x, MlirType from, const char *reassoc,
                  MlirType to) {
  int64_t dims[RANK];
  int r = mlyEmitFresh(e);
  dims_of(to, dims);
  mlyEmitF(e,
           "  %%v%d = tensor.expand_shape %%v%d %s output_shape [%s] : %s "
           "into %s\n",
           r, x, reassoc, ints(e, dims, rank_of(to)), mlyEmitType(e, from),
           mlyEmitType(e, to));
  return r;
}

/* Splits a reshape of `a` (rank na) to `b` (rank nb) into groups of
 * consecutive dims with equal products: group g spans a[sa[g]..sa[g+1])
 * and b[sb[g]..sb[g+1]). Size-1 dims join the group before them (the
 * first group for leading ones). Returns the group count, or -1 when the
 * shapes do not split (zero-size dims). */
static int64_t reshape_groups(const int64_t *a, int64_t na, const int64_t *b,
                              int64_t nb, int64_t *sa, int64_t *sb) {
  int64_t i = 0, j = 0, g = 0;
  while (i < na || j < nb) {
    if (i == na || j == nb)
      return -1;
    int64_t pa = a[i++], pb = b[j++];
    sa[g] = i - 1, sb[g] = j - 1;
    while (pa != pb) {
      if (pa < pb && i < na)
        pa *= a[i++];
      else if (pb < pa && j < nb)
        pb *= b[j++];
      else
        return -1;
    }
    if (!pa)
      return -1;
    /* trailing size-1 dims stay here unless both sides have one next */
    while (i < na && a[i] == 1 && !(j < nb && b[j] == 1))
      ++i;
    while (j < nb && b[j] == 1 && !(i < na && a[i] == 1))
      ++j;
    ++g;
  }
  sa[g] = na, sb[g] = nb;
  return g;
}

/* "[[0, 1], [2]]" from group starts s[0..n]. */
static const char *reassoc(MlyEmit *e, const int64_t *s, int64_t n) {
  const char *r = "";
  for (int64_t g = 0; g < n; ++g) {
    const char *grp = "";
    for (int64_t k = s[g]; k < s[g + 1]; ++k)
      grp = mlyEmitStr(e, "%s%s%" PRId64, grp, k > s[g] ? ", " : "", k);
    r = mlyEmitStr(e, "%s%s[%s]", r, g ? ", " : "", grp);
  }
  return mlyEmitStr(e, "[%s]", r);
}

/* One expand_shape or collapse_shape when the groups allow (no copy of a
 * strided input), else collapse to the groups' products and expand. */
int mlyEmitReshape(MlyEmit *e, int x, MlirType from, MlirType to) {
  int64_t rf = rank_of(from), rt = rank_of(to), n = numel(from);
  int64_t a[RANK], b[RANK], sa[RANK + 1], sb[RANK + 1], mid[RANK], ng;
  bool one_a = true, one_b = true;
  if (mlirTypeEqual(from, to))
    return x;
  if (rf == 0)
    return expand(e, x, from, "[]", to);
  if (rt == 0)
    return collapse(e, x, from, "[]", to);
  dims_of(from, a);
  dims_of(to, b);
  ng = reshape_groups(a, rf, b, rt, sa, sb);
  if (ng < 0) {
    MlirType flat = tensor(&n, 1, elt_of(from));
    if (rf > 1)
      x = collapse(e, x, from, one_group(e, rf), flat);
    return rt > 1 ? expand(e, x, flat, one_group(e, rt), to) : x;
  }
  for (int64_t g = 0; g < ng; ++g) {
    one_a &= sa[g + 1] - sa[g] == 1;
    one_b &= sb[g + 1] - sb[g] == 1;
    mid[g] = 1;
    for (int64_t k = sa[g]; k < sa[g + 1]; ++k)
      mid[g] *= a[k];
  }
  if (one_a)
    return expand(e, x, from, reassoc(e, sb, ng), to);
  if (one_b)
    return collapse(e, x, from, reassoc(e, sa, ng), to);
  MlirType mt = tensor(mid, ng, elt_of(from));
  x = collapse(e, x, from, reassoc(e, sa, ng), mt);
  return expand(e, x, mt, reassoc(e, sb, ng), to);
}

static const char *dim_names(MlyEmit *e, int nd) {
  const char *s = "";
  for (int i = 0; i < nd; ++i)
    s = mlyEmitStr(e, "%s%sd%d", s, i ? ", " : "", i);
  return s;
}

/* affine_map<(d0..) -> (exprs)>. */
static const char *map(MlyEmit *e, int nd, const char *const *exprs, int n) {
  const char *s = "";
  for (int i = 0; i < n; ++i)
    s = mlyEmitStr(e, "%s%s%s", s, i ? ", " : "", exprs[i]);
  return mlyEmitStr(e, "affine_map<(%s) -> (%s)>", dim_names(e, nd), s);
}

const char *mlyEmitIdentityMap(MlyEmit *e, int nd) {
  return mlyEmitStr(e, "affine_map<(%s) -> (%s)>", dim_names(e, nd),
                    dim_names(e, nd));
}

static const char *d(MlyEmit *e, int64_t i) {
  return mlyEmitStr(e, "d%" PRId64, i);
}

int mlyEmitGenericOpen(MlyEmit *e, int nd, int n_in, const int *in,
                       const MlirType *in_t, const char *const *maps,
                       const bool *iters, int out, MlirType out_t, int *args) {
  const char *m = "", *it = "", *ins = "", *ts = "", *ba = "";
  for (int i = 0; i <= n_in; ++i)
    m = mlyEmitStr(e, "%s%s%s", m, i ? ", " : "", maps[i]);
  for (int i = 0; i < nd; ++i)
    it = mlyEmitStr(e, "%s%s\"%s\"", it, i ? ", " : "",
                    iters[i] ? "reduction" : "parallel");
  for (int i = 0; i < n_in; ++i) {
    ins = mlyEmitStr(e, "%s%s%%v%d", ins, i ? ", " : "", in[i]);
    ts = mlyEmitStr(e, "%s%s%s", ts, i ? ", " : "", mlyEmitType(e, in_t[i]));
  }
  int r = mlyEmitFresh(e);
  const char *ot = mlyEmitType(e, out_t);
  mlyEmitF(e,
           "  %%v%d = linalg.generic {indexing_maps = [%s], iterator_types = "
           "[%s]} %s%s%s%s%s outs(%%v%d : %s) {\n",
           r, m, it, n_in ? "ins(" : "", ins, n_in ? " : " : "", ts,
           n_in ? ")" : "", out, ot);
  for (int i = 0; i <= n_in; ++i) {
    args[i] = mlyEmitFresh(e);
    ba = mlyEmitStr(e, "%s%s%%v%d: %s", ba, i ? ", " : "", args[i],
                    mlyEmitType(e, elt_of(i < n_in ? in_t[i] : out_t)));
  }
  mlyEmitF(e, "  ^bb0(%s):\n", ba);
  return r;
}

void mlyEmitGenericClose(MlyEmit *e, int y, MlirType out_t) {
  mlyEmitF(e, "    linalg.yield %%v%d : %s\n  } -> %s\n", y,
           mlyEmitType(e, elt_of(out_t)), mlyEmitType(e, out_t));
}

/* ---- attributes ---- */

static bool attr_ints(MlyEmit *e, const char *name, int64_t *out, int64_t n) {
  int64_t len;
  if (!mlyOpGetI64Array(e->op, name, out, RANK, &len))
    return mlyEmitFail(e, "requires array attribute '%s'", name);
  if (len != n)
    return mlyEmitFail(
        e, "attribute '%s' has %" PRId64 " elements, expected %" PRId64, name,
        len, n);
  return true;
}

static bool attr_dim(MlyEmit *e, const char *name, int64_t rank, int64_t *dim) {
  if (!mlyOpGetI64(e->op, name, dim))
    return mlyEmitFail(e, "requires integer attribute '%s'", name);
  if (*dim < 0 || *dim >= rank)
    return mlyEmitFail(e, "%s %" PRId64 " is out of range for rank %" PRId64,
                       name, *dim, rank);
  return true;
}

/* ---- values ---- */

static bool emit_iota(MlyEmit *e, int *result) {
  MlirType rt = mlyEmitResultType(e), elt = elt_of(rt);
  int64_t rank = rank_of(rt), dim;
  bool iters[RANK] = {false};
  int args[1];
  const char *maps[1] = {mlyEmitIdentityMap(e, (int)rank)};
  if (!attr_dim(e, "dim", rank, &dim))
    return false;
  if (mlyEltClass(elt) == MLY_ELT_OTHER)
    return mlyEmitFail(e, "has no linalg lowering for this element type");
  int init = mlyEmitEmpty(e, rt);
  *result = mlyEmitGenericOpen(e, (int)rank, 0, NULL, NULL, maps, iters, init,
                               rt, args);
  int i = mlyEmitFresh(e), y = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = linalg.index %" PRId64 " : index\n", i, dim);
  if (mlyEltClass(elt) == MLY_ELT_FLOAT) {
    int w = mlyEmitFresh(e);
    mlyEmitF(e, "    %%v%d = arith.index_cast %%v%d : index to i64\n", w, i);
    mlyEmitF(e, "    %%v%d = arith.sitofp %%v%d : i64 to %s\n", y, w,
             mlyEmitType(e, elt));
  } else
    mlyEmitF(e, "    %%v%d = arith.index_cast %%v%d : index to %s\n", y, i,
             mlyEmitType(e, elt));
  mlyEmitGenericClose(e, y, rt);
  return true;
}

/* ---- data movement ---- */

/* linalg.broadcast when dims are only added; a generic reading index 0 of
 * stretched size-1 dims otherwise. */
static bool emit_broadcast_in_dim(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  int64_t ri = rank_of(it), ro = rank_of(rt), bd[RANK], added[RANK], na = 0;
  bool stretch = false, used[RANK] = {false}, iters[RANK] = {false};
  if (!attr_ints(e, "broadcast_dimensions", bd, ri))
    return false;
  for (int64_t i = 0; i < ri; ++i) {
    if (bd[i] < 0 || bd[i] >= ro || (i && bd[i] <= bd[i - 1]))
      return mlyEmitFail(
          e, "broadcast dimension %" PRId64 " does not fit the result", i);
    used[bd[i]] = true;
    stretch |=
        mlirShapedTypeGetDimSize(it, i) != mlirShapedTypeGetDimSize(rt, bd[i]);
  }
  if (!stretch && ri == ro) {
    *result = 0;
    return true;
  }
  int init = mlyEmitEmpty(e, rt);
  if (!stretch) {
    for (int64_t i = 0; i < ro; ++i)
      if (!used[i])
        added[na++] = i;
    *result = mlyEmitFresh(e);
    mlyEmitF(e,
             "  %%v%d = linalg.broadcast ins(%%v0 : %s) outs(%%v%d : %s) "
             "dimensions = [%s]\n",
             *result, mlyEmitType(e, it), init, mlyEmitType(e, rt),
             ints(e, added, na));
    return true;
  }
  const char *ex[RANK] = {0}, *maps[2];
  int in = 0, args[2];
  for (int64_t i = 0; i < ri; ++i)
    ex[i] = mlirShapedTypeGetDimSize(it, i) == 1 &&
                    mlirShapedTypeGetDimSize(rt, bd[i]) != 1
                ? "0"
                : d(e, bd[i]);
  maps[0] = map(e, (int)ro, ex, (int)ri);
  maps[1] = mlyEmitIdentityMap(e, (int)ro);
  *result =
      mlyEmitGenericOpen(e, (int)ro, 1, &in, &it, maps, iters, init, rt, args);
  mlyEmitGenericClose(e, args[0], rt);
  return true;
}

static bool emit_reshape(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  if (numel(it) != numel(rt) || !mlirTypeEqual(elt_of(it), elt_of(rt)))
    return mlyEmitFail(e, "input and result differ in element count or type");
  *result = mlyEmitReshape(e, 0, it, rt);
  return true;
}

static bool emit_transpose(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  int64_t perm[RANK], rank = rank_of(it);
  if (!attr_ints(e, "permutation", perm, rank))
    return false;
  if (mlirTypeEqual(it, rt) && rank <= 1) {
    *result = 0;
    return true;
  }
  int init = mlyEmitEmpty(e, rt);
  *result = mlyEmitFresh(e);
  mlyEmitF(e,
           "  %%v%d = linalg.transpose ins(%%v0 : %s) outs(%%v%d : %s) "
           "permutation = [%s]\n",
           *result, mlyEmitType(e, it), init, mlyEmitType(e, rt),
           ints(e, perm, rank));
  return true;
}

static int extract_slice(MlyEmit *e, int x, MlirType from, const int64_t *off,
                         const int64_t *step, MlirType to) {
  int64_t sizes[RANK], rank = rank_of(from);
  int r = mlyEmitFresh(e);
  dims_of(to, sizes);
  mlyEmitF(e, "  %%v%d = tensor.extract_slice %%v%d[%s] [%s] [%s] : %s to %s\n",
           r, x, ints(e, off, rank), ints(e, sizes, rank), ints(e, step, rank),
           mlyEmitType(e, from), mlyEmitType(e, to));
  return r;
}

static bool emit_slice(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  int64_t lo[RANK], hi[RANK], step[RANK], rank = rank_of(it);
  if (!attr_ints(e, "start_indices", lo, rank) ||
      !attr_ints(e, "limit_indices", hi, rank) ||
      !attr_ints(e, "strides", step, rank))
    return false;
  *result = mlirTypeEqual(it, rt) && rank == 0
                ? 0
                : extract_slice(e, 0, it, lo, step, rt);
  return true;
}

/* tensor.pad with the value attribute; negative low/high crop first with
 * extract_slice. */
static bool emit_pad(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  MlirType elt = elt_of(rt);
  int64_t lo[RANK], hi[RANK], off[RANK], one[RANK], dims[RANK],
      rank = rank_of(it);
  double v;
  int64_t iv;
  bool crop = false, grow = false;
  if (!attr_ints(e, "low", lo, rank) || !attr_ints(e, "high", hi, rank))
    return false;
  if (!mlyOpGetF64(e->op, "value", &v))
    return mlyEmitFail(e, "requires a number attribute 'value'");
  if (mlyEltClass(elt) != MLY_ELT_FLOAT && mlyOpGetI64(e->op, "value", &iv))
    v = (double)iv;
  dims_of(it, dims);
  for (int64_t i = 0; i < rank; ++i) {
    off[i] = lo[i] < 0 ? -lo[i] : 0;
    one[i] = 1;
    dims[i] += (lo[i] < 0 ? lo[i] : 0) + (hi[i] < 0 ? hi[i] : 0);
    crop |= lo[i] < 0 || hi[i] < 0;
    grow |= lo[i] > 0 || hi[i] > 0;
    lo[i] = lo[i] > 0 ? lo[i] : 0;
    hi[i] = hi[i] > 0 ? hi[i] : 0;
  }
  int x = 0;
  MlirType xt = tensor(dims, rank, elt);
  if (crop)
    x = extract_slice(e, x, it, off, one, xt);
  if (grow) {
    int c = mlyEmitConst(e, elt, v), r = mlyEmitFresh(e);
    const char *ba = "";
    for (int64_t i = 0; i < rank; ++i)
      ba =
          mlyEmitStr(e, "%s%s%%v%d: index", ba, i ? ", " : "", mlyEmitFresh(e));
    mlyEmitF(e,
             "  %%v%d = tensor.pad %%v%d low[%s] high[%s] {\n  ^bb0(%s):\n"
             "    tensor.yield %%v%d : %s\n  } : %s to %s\n",
             r, x, ints(e, lo, rank), ints(e, hi, rank), ba, c,
             mlyEmitType(e, elt), mlyEmitType(e, xt), mlyEmitType(e, rt));
    x = r;
  }
  *result = x;
  return true;
}

static bool emit_concat(MlyEmit *e, int *result) {
  MlirType rt = mlyEmitResultType(e);
  int64_t dim;
  if (!attr_dim(e, "dim", rank_of(rt), &dim))
    return false;
  *result = mlyEmitFresh(e);
  mlyEmitF(e,
           "  %%v%d = tensor.concat dim(%" PRId64 ") %%v0, %%v1 : (%s, %s) "
           "-> %s\n",
           *result, dim, mlyEmitType(e, mlyEmitOperandType(e, 0)),
           mlyEmitType(e, mlyEmitOperandType(e, 1)), mlyEmitType(e, rt));
  return true;
}

/* A generic over the result reading indices, with tensor.extract from the
 * input; each index is clamped into [0, dim size). */
static bool emit_gather(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), xt = mlyEmitOperandType(e, 1);
  MlirType rt = mlyEmitResultType(e);
  int64_t ri = rank_of(it), rx = rank_of(xt), ro = rank_of(rt), dim;
  bool along = mlyOpStrIs(e->op, "mode", "along"), iters[RANK] = {false};
  if (!along && !mlyOpStrIs(e->op, "mode", "take"))
    return mlyEmitFail(e, "attribute 'mode' is neither \"take\" nor \"along\"");
  if (!attr_dim(e, "dim", ri, &dim))
    return false;
  if (mlyEltClass(elt_of(xt)) == MLY_ELT_FLOAT ||
      mlyEltClass(elt_of(xt)) == MLY_ELT_OTHER)
    return mlyEmitFail(e, "indices must be integers");
  if (along ? (rx != ri || ro != ri) : ro != ri - 1 + rx)
    return mlyEmitFail(e, "indices and result ranks do not fit the input");
  const char *ex[RANK] = {0}, *maps[2];
  for (int64_t i = 0; i < rx; ++i)
    ex[i] = d(e, along ? i : dim + i);
  maps[0] = map(e, (int)ro, ex, (int)rx);
  maps[1] = mlyEmitIdentityMap(e, (int)ro);
  int in = 1, args[2], init = mlyEmitEmpty(e, rt);
  *result =
      mlyEmitGenericOpen(e, (int)ro, 1, &in, &xt, maps, iters, init, rt, args);
  int j = mlyEmitFresh(e), zero = mlyEmitFresh(e), top = mlyEmitFresh(e);
  int lo = mlyEmitFresh(e), k = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = arith.index_cast %%v%d : %s to index\n", j, args[0],
           mlyEmitType(e, elt_of(xt)));
  mlyEmitF(e, "    %%v%d = arith.constant 0 : index\n", zero);
  mlyEmitF(e, "    %%v%d = arith.constant %" PRId64 " : index\n", top,
           mlirShapedTypeGetDimSize(it, dim) - 1);
  mlyEmitF(e, "    %%v%d = arith.maxsi %%v%d, %%v%d : index\n", lo, j, zero);
  mlyEmitF(e, "    %%v%d = arith.minsi %%v%d, %%v%d : index\n", k, lo, top);
  const char *idx = "";
  for (int64_t i = 0; i < ri; ++i) {
    int v;
    if (i == dim)
      v = k;
    else if (along && mlirShapedTypeGetDimSize(it, i) == 1)
      v = zero;
    else {
      v = mlyEmitFresh(e);
      mlyEmitF(e, "    %%v%d = linalg.index %" PRId64 " : index\n", v,
               along || i < dim ? i : i - 1 + rx);
    }
    idx = mlyEmitStr(e, "%s%s%%v%d", idx, i ? ", " : "", v);
  }
  int y = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = tensor.extract %%v0[%s] : %s\n", y, idx,
           mlyEmitType(e, it));
  mlyEmitGenericClose(e, y, rt);
  return true;
}

/* ---- reductions ---- */

/* linalg.reduce into the reduced shape, then expand_shape for keepdim. */
static bool emit_reduce(MlyEmit *e, int *result) {
  static const char *const kinds[] = {"sum", "max", "min", "prod"};
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  MlirType elt = elt_of(it);
  int64_t rd[RANK], n_rd, rank = rank_of(it), kept[RANK], nk = 0;
  bool keepdim, reduced[RANK] = {false};
  int kind = -1;
  for (int i = 0; i < 4; ++i)
    if (mlyOpStrIs(e->op, "kind", kinds[i]))
      kind = i;
  if (kind < 0)
    return mlyEmitFail(e, "attribute 'kind' is not sum, max, min or prod");
  if (!mlyOpGetBool(e->op, "keepdim", &keepdim) ||
      !mlyOpGetI64Array(e->op, "dims", rd, RANK, &n_rd))
    return mlyEmitFail(e, "requires attributes 'keepdim' and 'dims'");
  if (mlyEltClass(elt) == MLY_ELT_OTHER || !mlirTypeEqual(elt, elt_of(rt)))
    return mlyEmitFail(e, "has no linalg lowering for these element types");
  for (int64_t i = 0; i < n_rd; ++i) {
    if (rd[i] < 0 || rd[i] >= rank || reduced[rd[i]])
      return mlyEmitFail(e, "dims[%" PRId64 "] is out of range or repeated", i);
    reduced[rd[i]] = true;
  }
  if (!n_rd) {
    *result = 0;
    return true;
  }
  for (int64_t i = 0; i < rank; ++i)
    if (!reduced[i])
      kept[nk++] = mlirShapedTypeGetDimSize(it, i);
  MlirType kt = tensor(kept, nk, elt);
  int c = kind == 0   ? mlyEmitConst(e, elt, 0)
          : kind == 3 ? mlyEmitConst(e, elt, 1)
                      : mlyEmitExtreme(e, elt, kind == 1);
  int init = mlyEmitFill(e, kt, c), r = mlyEmitFresh(e);
  int a = mlyEmitFresh(e), b = mlyEmitFresh(e);
  const char *es = mlyEmitType(e, elt);
  for (int64_t i = 0; i < n_rd; ++i) /* linalg.reduce wants them sorted */
    for (int64_t j = i + 1; j < n_rd; ++j)
      if (rd[j] < rd[i]) {
        int64_t t = rd[i];
        rd[i] = rd[j];
        rd[j] = t;
      }
  mlyEmitF(e,
           "  %%v%d = linalg.reduce ins(%%v0 : %s) outs(%%v%d : %s) "
           "dimensions = [%s]\n  (%%v%d: %s, %%v%d: %s) {\n",
           r, mlyEmitType(e, it), init, mlyEmitType(e, kt), ints(e, rd, n_rd),
           a, es, b, es);
  int y = kind == 0   ? mlyEmitScalarAdd(e, elt, b, a)
          : kind == 3 ? mlyEmitScalarMul(e, elt, b, a)
                      : mlyEmitScalarMax(e, elt, b, a, kind == 2);
  mlyEmitF(e, "    linalg.yield %%v%d : %s\n  }\n", y, es);
  if (!keepdim || nk == rank) {
    *result = r;
    return true;
  }
  /* Each kept dim groups with the reduced dims after it; leading reduced
   * dims join the first group. */
  const char *groups = "", *g = "";
  int64_t seen = 0;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced[i] && seen++ && nk) {
      groups = mlyEmitStr(e, "%s%s[%s]", groups, *groups ? ", " : "", g);
      g = "";
    }
    g = mlyEmitStr(e, "%s%s%" PRId64, g, *g ? ", " : "", i);
  }
  groups =
      nk ? mlyEmitStr(e, "[%s%s[%s]]", groups, *groups ? ", " : "", g) : "[]";
  *result = expand(e, r, kt, groups, rt);
  return true;
}

/* Inclusive cumulative sum: out[.., i, ..] = sum over j <= i, as a generic
 * with one extra reduction loop j that masks j > i (quadratic in the
 * scanned dim, which stays short in models). */
static bool emit_scan(MlyEmit *e, int *result) {
  MlirType it = mlyEmitOperandType(e, 0), rt = mlyEmitResultType(e);
  MlirType elt = elt_of(it);
  int64_t rank = rank_of(it), dim;
  bool iters[RANK + 1] = {false};
  if (!attr_dim(e, "dim", rank, &dim))
    return false;
  if (mlyEltClass(elt) == MLY_ELT_OTHER || !mlirTypeEqual(it, rt))
    return mlyEmitFail(e, "has no linalg lowering for these types");
  const char *ex[RANK] = {0}, *maps[2];
  for (int64_t i = 0; i < rank; ++i)
    ex[i] = d(e, i == dim ? rank : i);
  maps[0] = map(e, (int)rank + 1, ex, (int)rank);
  for (int64_t i = 0; i < rank; ++i)
    ex[i] = d(e, i);
  maps[1] = map(e, (int)rank + 1, ex, (int)rank);
  iters[rank] = true;
  int in = 0, args[2];
  int init = mlyEmitFill(e, rt, mlyEmitConst(e, elt, 0));
  *result = mlyEmitGenericOpen(e, (int)rank + 1, 1, &in, &it, maps, iters, init,
                               rt, args);
  int i = mlyEmitFresh(e), j = mlyEmitFresh(e), c = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = linalg.index %" PRId64 " : index\n", i, dim);
  mlyEmitF(e, "    %%v%d = linalg.index %" PRId64 " : index\n", j, rank);
  mlyEmitF(e, "    %%v%d = arith.cmpi ule, %%v%d, %%v%d : index\n", c, j, i);
  int s = mlyEmitScalarAdd(e, elt, args[1], args[0]), y = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = arith.select %%v%d, %%v%d, %%v%d : %s\n", y, c, s,
           args[1], mlyEmitType(e, elt));
  mlyEmitGenericClose(e, y, rt);
  return true;
}

/* ---- contractions and windows ---- */

/* linalg.matmul (rank 2) or linalg.batch_matmul (rank 3, more batch dims
 * collapsed into one); transposes become indexing maps. */
static bool emit_matmul(MlyEmit *e, int *result) {
  MlirType lt = mlyEmitOperandType(e, 0), rt = mlyEmitOperandType(e, 1);
  MlirType ot = mlyEmitResultType(e), elt = elt_of(ot);
  int64_t n = rank_of(ot), dims[RANK];
  bool tl, tr;
  if (!mlyOpGetBool(e->op, "transpose_lhs", &tl) ||
      !mlyOpGetBool(e->op, "transpose_rhs", &tr))
    return mlyEmitFail(e, "requires attributes 'transpose_lhs' and "
                          "'transpose_rhs'");
  if (n < 2 || rank_of(lt) != n || rank_of(rt) != n)
    return mlyEmitFail(e, "lhs, rhs and result need one rank >= 2");
  if (mlyEltClass(elt) == MLY_ELT_OTHER || !mlirTypeEqual(elt_of(lt), elt) ||
      !mlirTypeEqual(elt_of(rt), elt))
    return mlyEmitFail(e, "has no linalg lowering for these element types");
  int x = 0, y = 1;
  MlirType xt = lt, yt = rt, zt = ot;
  if (n > 3) {
    const char *g = one_group(e, n - 2);
    const char *re = mlyEmitStr(e, "[%.*s, [%" PRId64 "], [%" PRId64 "]]",
                                (int)strlen(g) - 2, g + 1, n - 2, n - 1);
    MlirType *ts[3] = {&xt, &yt, &zt};
    for (int i = 0; i < 3; ++i) {
      dims_of(*ts[i], dims);
      for (int64_t j = 0; j < n - 3; ++j)
        dims[0] *= dims[j + 1];
      dims[1] = dims[n - 2];
      dims[2] = dims[n - 1];
      MlirType t3 = tensor(dims, 3, elt);
      if (i == 0)
        x = collapse(e, x, xt, re, t3);
      else if (i == 1)
        y = collapse(e, y, yt, re, t3);
      *ts[i] = t3;
    }
  }
  int init = mlyEmitFill(e, zt, mlyEmitConst(e, elt, 0));
  const char *maps = "";
  if ((tl || tr) && rank_of(zt) == 2)
    maps = mlyEmitStr(e,
                      "indexing_maps = [affine_map<(d0, d1, d2) -> (%s)>, "
                      "affine_map<(d0, d1, d2) -> (%s)>, affine_map<(d0, "
                      "d1, d2) -> (d0, d1)>] ",
                      tl ? "d2, d0" : "d0, d2", tr ? "d1, d2" : "d2, d1");
  else if (tl || tr)
    maps = mlyEmitStr(e,
                      "indexing_maps = [affine_map<(d0, d1, d2, d3) -> (%s)>, "
                      "affine_map<(d0, d1, d2, d3) -> (%s)>, affine_map<(d0, "
                      "d1, d2, d3) -> (d0, d1, d2)>] ",
                      tl ? "d0, d3, d1" : "d0, d1, d3",
                      tr ? "d0, d2, d3" : "d0, d3, d2");
  int r = mlyEmitFresh(e);
  const char *zs = mlyEmitType(e, zt);
  mlyEmitF(e,
           "  %%v%d = linalg.%s %sins(%%v%d, %%v%d : %s, %s) outs(%%v%d : "
           "%s) -> %s\n",
           r, rank_of(zt) == 2 ? "matmul" : "batch_matmul", maps, x, y,
           mlyEmitType(e, xt), mlyEmitType(e, yt), init, zs, zs);
  if (n > 3) {
    const char *g = one_group(e, n - 2);
    r = expand(e, r, zt,
               mlyEmitStr(e, "[%.*s, [%" PRId64 "], [%" PRId64 "]]",
                          (int)strlen(g) - 2, g + 1, n - 2, n - 1),
               ot);
  }
  *result = r;
  return true;
}

/* x [N, C, spatial...] padded by pad[i] on both sides of each spatial dim
 * with scalar c; *xt becomes the padded type. */
static int pad_spatial(MlyEmit *e, int x, MlirType *xt, const int64_t *pad,
                       int64_t s, int c) {
  int64_t lo[RANK] = {0}, dims[RANK];
  bool any = false;
  dims_of(*xt, dims);
  for (int64_t i = 0; i < s; ++i) {
    lo[i + 2] = pad[i];
    dims[i + 2] += 2 * pad[i];
    any |= pad[i] != 0;
  }
  if (!any)
    return x;
  MlirType elt = elt_of(*xt), pt = tensor(dims, s + 2, elt);
  int r = mlyEmitFresh(e);
  const char *ba = "";
  for (int64_t i = 0; i < s + 2; ++i)
    ba = mlyEmitStr(e, "%s%s%%v%d: index", ba, i ? ", " : "", mlyEmitFresh(e));
  mlyEmitF(e,
           "  %%v%d = tensor.pad %%v%d low[%s] high[%s] {\n  ^bb0(%s):\n"
           "    tensor.yield %%v%d : %s\n  } : %s to %s\n",
           r, x, ints(e, lo, s + 2), ints(e, lo, s + 2), ba, c,
           mlyEmitType(e, elt), mlyEmitType(e, *xt), mlyEmitType(e, pt));
  *xt = pt;
  return r;
}

/* "{dilations = dense<[..]> : tensor<sxi64>, strides = ...}" */
static const char *window_attrs(MlyEmit *e, const int64_t *st,
                                const int64_t *dil, int64_t s) {
  return mlyEmitStr(e,
                    "{dilations = dense<[%s]> : tensor<%" PRId64
                    "xi64>, strides = dense<[%s]> : tensor<%" PRId64 "xi64>}",
                    ints(e, dil, s), s, ints(e, st, s), s);
}

/* "d{o} * st + d{k} * dil" */
static const char *window_expr(MlyEmit *e, int64_t o, int64_t k, int64_t st,
                               int64_t dil) {
  return mlyEmitStr(e, "d%" PRId64 " * %" PRId64 " + d%" PRId64 " * %" PRId64,
                    o, st, k, dil);
}

static bool emit_conv(MlyEmit *e, int *result) {
  intptr_t bi = mlyOpOperandGroupIndex(e->op, 2, 3);
  MlirType xt = mlyEmitOperandType(e, 0), wt = mlyEmitOperandType(e, 1);
  MlirType ot = mlyEmitResultType(e), elt = elt_of(ot);
  int64_t s = rank_of(xt) - 2, st[RANK], pad[RANK], dil[RANK], g;
  int64_t xd[RANK], wd[RANK], od[RANK];
  if (s < 1 || rank_of(wt) != s + 2 || rank_of(ot) != s + 2)
    return mlyEmitFail(e, "input, weight and result need one rank >= 3");
  if (!attr_ints(e, "stride", st, s) || !attr_ints(e, "padding", pad, s) ||
      !attr_ints(e, "dilation", dil, s))
    return false;
  if (!mlyOpGetI64(e->op, "groups", &g))
    return mlyEmitFail(e, "requires integer attribute 'groups'");
  dims_of(xt, xd);
  dims_of(wt, wd);
  dims_of(ot, od);
  if (g < 1 || xd[1] % g || wd[0] % g || wd[1] != xd[1] / g)
    return mlyEmitFail(e, "channels, groups and weight disagree");
  if (mlyEltClass(elt) == MLY_ELT_OTHER || mlyEltClass(elt) == MLY_ELT_BOOL ||
      !mlirTypeEqual(elt_of(xt), elt) || !mlirTypeEqual(elt_of(wt), elt))
    return mlyEmitFail(e, "has no linalg lowering for these element types");
  int zero = mlyEmitConst(e, elt, 0);
  int x = pad_spatial(e, 0, &xt, pad, s, zero), r;
  if (g == 1 && s <= 3) {
    static const char *const names[] = {"conv_1d_ncw_fcw", "conv_2d_nchw_fchw",
                                        "conv_3d_ncdhw_fcdhw"};
    int init = mlyEmitFill(e, ot, zero);
    const char *os = mlyEmitType(e, ot);
    r = mlyEmitFresh(e);
    mlyEmitF(e,
             "  %%v%d = linalg.%s %s ins(%%v%d, %%v1 : %s, %s) outs(%%v%d "
             ": %s) -> %s\n",
             r, names[s - 1], window_attrs(e, st, dil, s), x,
             mlyEmitType(e, xt), mlyEmitType(e, wt), init, os, os);
  } else {
    /* Groups as their own loop: x [N, G, C/G, ..], w [G, F/G, C/G, ..],
     * out [N, G, F/G, ..]; loops n g f o.. c k.. */
    int64_t ed[RANK + 1], nd = 4 + 2 * s;
    const char *rx = "[[0], [1, 2]", *rw = "[[0, 1], [2]";
    for (int64_t i = 0; i < s; ++i) {
      rx = mlyEmitStr(e, "%s, [%" PRId64 "]", rx, i + 3);
      rw = mlyEmitStr(e, "%s, [%" PRId64 "]", rw, i + 3);
    }
    rx = mlyEmitStr(e, "%s]", rx);
    rw = mlyEmitStr(e, "%s]", rw);
    dims_of(xt, xd);
    ed[0] = xd[0], ed[1] = g, ed[2] = xd[1] / g;
    memcpy(ed + 3, xd + 2, (size_t)s * sizeof *ed);
    MlirType xe = tensor(ed, s + 3, elt);
    ed[0] = g, ed[1] = wd[0] / g, ed[2] = wd[1];
    memcpy(ed + 3, wd + 2, (size_t)s * sizeof *ed);
    MlirType we = tensor(ed, s + 3, elt);
    ed[0] = od[0], ed[1] = g, ed[2] = od[1] / g;
    memcpy(ed + 3, od + 2, (size_t)s * sizeof *ed);
    MlirType oe = tensor(ed, s + 3, elt);
    int in[2] = {expand(e, x, xt, rx, xe), expand(e, 1, wt, rw, we)};
    MlirType in_t[2] = {xe, we};
    const char *ex[3][RANK + 1] = {{0}}, *maps[3];
    bool iters[2 * RANK + 4] = {false};
    ex[0][0] = "d0", ex[0][1] = "d1", ex[0][2] = d(e, 3 + s);
    ex[1][0] = "d1", ex[1][1] = "d2", ex[1][2] = d(e, 3 + s);
    ex[2][0] = "d0", ex[2][1] = "d1", ex[2][2] = "d2";
    for (int64_t i = 0; i < s; ++i) {
      ex[0][3 + i] = window_expr(e, 3 + i, 4 + s + i, st[i], dil[i]);
      ex[1][3 + i] = d(e, 4 + s + i);
      ex[2][3 + i] = d(e, 3 + i);
    }
    for (int i = 0; i < 3; ++i)
      maps[i] = map(e, (int)nd, ex[i], (int)s + 3);
    for (int64_t i = 3 + s; i < nd; ++i)
      iters[i] = true;
    int init = mlyEmitFill(e, oe, zero), args[3];
    r = mlyEmitGenericOpen(e, (int)nd, 2, in, in_t, maps, iters, init, oe,
                           args);
    int m = mlyEmitScalarMul(e, elt, args[0], args[1]);
    mlyEmitGenericClose(e, mlyEmitScalarAdd(e, elt, args[2], m), oe);
    r = collapse(e, r, oe, rx, ot);
  }
  if (bi >= 0) {
    MlirType bt = mlyEmitOperandType(e, bi);
    const char *ex[1] = {"d1"}, *maps[3];
    int in[2] = {r, (int)bi}, args[3];
    MlirType in_t[2] = {ot, bt};
    bool iters[RANK] = {false};
    if (rank_of(bt) != 1 || mlirShapedTypeGetDimSize(bt, 0) != od[1] ||
        !mlirTypeEqual(elt_of(bt), elt))
      return mlyEmitFail(e, "bias does not match the output channels");
    maps[0] = maps[2] = mlyEmitIdentityMap(e, (int)s + 2);
    maps[1] = map(e, (int)s + 2, ex, 1);
    int init = mlyEmitEmpty(e, ot);
    r = mlyEmitGenericOpen(e, (int)s + 2, 2, in, in_t, maps, iters, init, ot,
                           args);
    mlyEmitGenericClose(e, mlyEmitScalarAdd(e, elt, args[0], args[1]), ot);
  }
  *result = r;
  return true;
}

/* Max or sum over windows of x (already padded, type xt) into ot: named
 * pooling ops for 1 and 2 spatial dims, a generic otherwise. */
static int pool_windows(MlyEmit *e, int x, MlirType xt, MlirType ot, bool max,
                        const int64_t *k, const int64_t *st, const int64_t *dil,
                        int64_t s) {
  MlirType elt = elt_of(ot), kt = tensor(k, s, elt);
  int c = max ? mlyEmitExtreme(e, elt, true) : mlyEmitConst(e, elt, 0);
  int init = mlyEmitFill(e, ot, c), win = mlyEmitEmpty(e, kt), r;
  if (s <= 2) {
    const char *os = mlyEmitType(e, ot);
    r = mlyEmitFresh(e);
    mlyEmitF(e,
             "  %%v%d = linalg.pooling_%s_%s %s ins(%%v%d, %%v%d : %s, %s) "
             "outs(%%v%d : %s) -> %s\n",
             r, s == 1 ? "ncw" : "nchw", max ? "max" : "sum",
             window_attrs(e, st, dil, s), x, win, mlyEmitType(e, xt),
             mlyEmitType(e, kt), init, os, os);
    return r;
  }
  int64_t nd = 2 + 2 * s;
  const char *ex[3][RANK] = {{0}}, *maps[3];
  bool iters[2 * RANK + 2] = {false};
  ex[0][0] = ex[2][0] = "d0";
  ex[0][1] = ex[2][1] = "d1";
  for (int64_t i = 0; i < s; ++i) {
    ex[0][2 + i] = window_expr(e, 2 + i, 2 + s + i, st[i], dil[i]);
    ex[1][i] = d(e, 2 + s + i);
    ex[2][2 + i] = d(e, 2 + i);
    iters[2 + s + i] = true;
  }
  maps[0] = map(e, (int)nd, ex[0], (int)s + 2);
  maps[1] = map(e, (int)nd, ex[1], (int)s);
  maps[2] = map(e, (int)nd, ex[2], (int)s + 2);
  int in[2] = {x, win}, args[3];
  MlirType in_t[2] = {xt, kt};
  r = mlyEmitGenericOpen(e, (int)nd, 2, in, in_t, maps, iters, init, ot, args);
  int y = max ? mlyEmitScalarMax(e, elt, args[2], args[0], false)
              : mlyEmitScalarAdd(e, elt, args[2], args[0]);
  mlyEmitGenericClose(e, y, ot);
  return r;
}

/* max pads with -inf; avg sums zero-padded windows and divides by the
 * window size (count_include_pad) or by the count of input elements in
 * each window, itself a sum pool over a padded tensor of ones. */
static bool emit_pool(MlyEmit *e, int *result) {
  MlirType xt = mlyEmitOperandType(e, 0), ot = mlyEmitResultType(e);
  MlirType elt = elt_of(ot);
  int64_t s = rank_of(xt) - 2, k[RANK], st[RANK], pad[RANK], dil[RANK];
  bool max = mlyOpStrIs(e->op, "kind", "max"), include_pad, any_pad = false;
  if (!max && !mlyOpStrIs(e->op, "kind", "avg"))
    return mlyEmitFail(e, "attribute 'kind' is neither \"max\" nor \"avg\"");
  if (s < 1 || rank_of(ot) != s + 2)
    return mlyEmitFail(e, "input and result need one rank >= 3");
  if (!attr_ints(e, "window", k, s) || !attr_ints(e, "stride", st, s) ||
      !attr_ints(e, "padding", pad, s) || !attr_ints(e, "dilation", dil, s))
    return false;
  if (!mlyOpGetBool(e->op, "count_include_pad", &include_pad))
    return mlyEmitFail(e, "requires attribute 'count_include_pad'");
  if (!mlirTypeEqual(elt_of(xt), elt) || mlyEltClass(elt) == MLY_ELT_OTHER ||
      mlyEltClass(elt) == MLY_ELT_BOOL ||
      (!max && mlyEltClass(elt) != MLY_ELT_FLOAT))
    return mlyEmitFail(e, "has no linalg lowering for element type %s",
                       mlyEmitType(e, elt));
  double size = 1;
  for (int64_t i = 0; i < s; ++i) {
    size *= (double)k[i];
    any_pad |= pad[i] != 0;
  }
  int c = max ? mlyEmitExtreme(e, elt, true) : mlyEmitConst(e, elt, 0);
  MlirType pt = xt;
  int x = pad_spatial(e, 0, &pt, pad, s, c);
  int r = pool_windows(e, x, pt, ot, max, k, st, dil, s);
  if (max) {
    *result = r;
    return true;
  }
  int in[2] = {r, -1}, n_in = 1, args[3];
  MlirType in_t[2] = {ot, ot};
  if (!include_pad && any_pad) {
    MlirType ones_t = xt;
    int ones = mlyEmitFill(e, xt, mlyEmitConst(e, elt, 1));
    ones = pad_spatial(e, ones, &ones_t, pad, s, c);
    in[n_in++] = pool_windows(e, ones, ones_t, ot, false, k, st, dil, s);
  }
  const char *maps[3];
  bool iters[RANK] = {false};
  for (int i = 0; i < 3; ++i)
    maps[i] = mlyEmitIdentityMap(e, (int)s + 2);
  int init = mlyEmitEmpty(e, ot);
  *result = mlyEmitGenericOpen(e, (int)s + 2, n_in, in, in_t, maps, iters, init,
                               ot, args);
  int den = n_in == 2 ? args[1] : mlyEmitConst(e, elt, size),
      y = mlyEmitFresh(e);
  mlyEmitF(e, "    %%v%d = arith.divf %%v%d, %%v%d : %s\n", y, args[0], den,
           mlyEmitType(e, elt));
  mlyEmitGenericClose(e, y, ot);
  return true;
}

const MlyEmitRule mlyEmitStructuredRules[] = {
    {"iota", emit_iota},       {"broadcast_in_dim", emit_broadcast_in_dim},
    {"reshape", emit_reshape}, {"transpose", emit_transpose},
    {"slice", emit_slice},     {"pad", emit_pad},
    {"concat", emit_concat},   {"gather", emit_gather},
    {"reduce", emit_reduce},   {"scan", emit_scan},
    {"matmul", emit_matmul},   {"conv", emit_conv},
    {"pool", emit_pool},       {NULL, NULL},
};
