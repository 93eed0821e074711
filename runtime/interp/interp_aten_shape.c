/* aten data movement, reductions, scans and indexing in the reference
 * interpreter, with PyTorch's semantics (see interp_util.h for the table
 * this file fills). Results arrive allocated with their verified static
 * types, so shapes are trusted; every index read from a tensor is checked. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/interp/interp_util.h"

/* ---- strided walks ---- */

/* A walk visits `rank` dims in row-major order; element k of the walk sits
 * at flat position base + sum(idx[i] * strides[i]) of its tensor. Every
 * op here is one or two walks over its operands and result. */
typedef struct walk {
  int64_t rank;
  int64_t dims[MLY_TENSOR_MAX_RANK];
  int64_t strides[MLY_TENSOR_MAX_RANK];
  int64_t base;
} walk;

static size_t walk_count(const walk *w) {
  size_t n = 1;
  for (int64_t i = 0; i < w->rank; ++i)
    n *= (size_t)w->dims[i];
  return n;
}

static size_t walk_at(const walk *w, size_t k) {
  int64_t at = w->base;
  for (int64_t i = w->rank - 1; i >= 0; --i) {
    at += (int64_t)(k % (size_t)w->dims[i]) * w->strides[i];
    k /= (size_t)w->dims[i];
  }
  return (size_t)at;
}

/* The identity walk over t: element k is t's element k. */
static void walk_dense(walk *w, const MlyTensor *t) {
  w->rank = t->rank;
  w->base = 0;
  memcpy(w->dims, t->dims, sizeof w->dims);
  mlyStrides(t->dims, t->rank, w->strides);
}

/* Whether every position w visits lies inside t (a guard against IR whose
 * static types lie; the verifier makes this hold for valid IR). */
static bool walk_fits(const walk *w, const MlyTensor *t) {
  if (!walk_count(w))
    return true;
  int64_t last = w->base;
  for (int64_t i = 0; i < w->rank; ++i)
    last += (w->dims[i] - 1) * w->strides[i];
  return w->base >= 0 && (size_t)last < mlyTensorNumElements(t);
}

/* Splits t's dims into the ones not in `mask` (outer) and the ones in it
 * (inner), each keeping t's strides: outer k, inner j is at
 * walk_at(outer, k) + walk_at(inner, j). Mask bits past the rank (a 0-d
 * tensor's dim 0) select nothing. */
static void walk_split(const MlyTensor *t, const bool *mask, walk *outer,
                       walk *inner) {
  int64_t st[MLY_TENSOR_MAX_RANK];
  mlyStrides(t->dims, t->rank, st);
  outer->rank = inner->rank = outer->base = inner->base = 0;
  for (int64_t i = 0; i < t->rank; ++i) {
    walk *w = mask[i] ? inner : outer;
    w->dims[w->rank] = t->dims[i];
    w->strides[w->rank++] = st[i];
  }
}

/* dst[i] = src[j], converting when the dtypes differ (cat promotes). */
static void copy_elem(MlyTensor *dst, size_t i, const MlyTensor *src,
                      size_t j) {
  if (dst->dtype == src->dtype) {
    size_t sz = mlyDTypeSize(dst->dtype);
    memcpy((char *)dst->data + i * sz, (const char *)src->data + j * sz, sz);
  } else if (mlyDTypeIsFloat(dst->dtype) || mlyDTypeIsFloat(src->dtype)) {
    mlyTensorStoreF64(dst, i, mlyTensorLoadF64(src, j));
  } else {
    mlyTensorStoreI64(dst, i, mlyTensorLoadI64(src, j));
  }
}

/* The one copy behind every view-like op: element k of `dw` in dst gets
 * element k of `sw` in src. The walks visit the same number of elements. */
static bool walk_copy(MlyInterpOp *o, MlyTensor *dst, const walk *dw,
                      const MlyTensor *src, const walk *sw) {
  size_t n = walk_count(dw);
  if (n != walk_count(sw) || !walk_fits(dw, dst) || !walk_fits(sw, src))
    return mlyInterpFail(o, "operand and result shapes do not match the op");
  for (size_t k = 0; k < n; ++k)
    copy_elem(dst, walk_at(dw, k), src, walk_at(sw, k));
  return true;
}

/* Copies the source walk `sw` of in[0] into the whole result. */
static bool copy_from(MlyInterpOp *o, const walk *sw) {
  walk dw;
  walk_dense(&dw, &o->out[0]);
  return walk_copy(o, &o->out[0], &dw, o->in[0], sw);
}

/* Normalizes `dim` for `rank` (0-d tensors take 0 and -1); fails when out
 * of range (*out is set either way). */
static bool get_dim(MlyInterpOp *o, int64_t dim, int64_t rank, int64_t *out) {
  int64_t r = rank ? rank : 1;
  *out = mlyInterpDim(dim, rank);
  return (dim >= -r && dim < r) ||
         mlyInterpFail(o, "dim %" PRId64 " is out of range for rank %" PRId64,
                       dim, rank);
}
static bool attr_dim(MlyInterpOp *o, const char *name, int64_t rank,
                     int64_t *out) {
  int64_t d;
  return mlyInterpI64(o, name, &d) && get_dim(o, d, rank, out);
}

/* ---- views (value semantics: each is a copy) ---- */

/* view, reshape, flatten, squeeze, unsqueeze: same elements, same order. */
static bool interp_reshape(MlyInterpOp *o) {
  walk sw = {.rank = 1, .strides = {1}};
  sw.dims[0] = (int64_t)mlyTensorNumElements(o->in[0]);
  return copy_from(o, &sw);
}

/* Result dim i is source dim perm[i]. */
static bool permute_copy(MlyInterpOp *o, const int64_t *perm) {
  const MlyTensor *in = o->in[0];
  int64_t st[MLY_TENSOR_MAX_RANK];
  walk sw = {.rank = in->rank};
  mlyStrides(in->dims, in->rank, st);
  for (int64_t i = 0; i < in->rank; ++i) {
    sw.dims[i] = in->dims[perm[i]];
    sw.strides[i] = st[perm[i]];
  }
  return copy_from(o, &sw);
}

static bool interp_permute(MlyInterpOp *o) {
  int64_t perm[MLY_TENSOR_MAX_RANK], n, r = o->in[0]->rank;
  bool seen[MLY_TENSOR_MAX_RANK] = {false};
  if (!mlyInterpI64Array(o, "dims", perm, &n))
    return false;
  if (n != r)
    return mlyInterpFail(o, "dims has %" PRId64 " entries for rank %" PRId64, n,
                         r);
  for (int64_t i = 0; i < n; ++i) {
    if (!get_dim(o, perm[i], r, &perm[i]))
      return false;
    if (seen[perm[i]])
      return mlyInterpFail(o, "dim %" PRId64 " appears twice", perm[i]);
    seen[perm[i]] = true;
  }
  return permute_copy(o, perm);
}

/* transpose swaps two dims; t reverses (at most 2) dims. */
static bool swap_dims(MlyInterpOp *o, int64_t d0, int64_t d1) {
  int64_t perm[MLY_TENSOR_MAX_RANK];
  for (int64_t i = 0; i < o->in[0]->rank; ++i)
    perm[i] = i == d0 ? d1 : i == d1 ? d0 : i;
  return permute_copy(o, perm);
}
static bool interp_transpose(MlyInterpOp *o) {
  int64_t r = o->in[0]->rank, d0, d1;
  return attr_dim(o, "dim0", r, &d0) && attr_dim(o, "dim1", r, &d1) &&
         swap_dims(o, d0, d1);
}
static bool interp_t(MlyInterpOp *o) {
  if (o->in[0]->rank > 2)
    return mlyInterpFail(o, "self has %" PRId64 " dims, expected at most 2",
                         o->in[0]->rank);
  return swap_dims(o, 0, o->in[0]->rank - 1);
}

/* expand: size-1 and missing leading dims repeat (stride 0). */
static bool interp_expand(MlyInterpOp *o) {
  MlyBcast b;
  walk sw = {.rank = o->out[0].rank};
  if (o->in[0]->rank > sw.rank)
    return mlyInterpFail(o, "result has fewer dims than self");
  mlyBcastInit(&b, o->in[0], &o->out[0]);
  memcpy(sw.dims, b.dims, sizeof sw.dims);
  memcpy(sw.strides, b.strides, sizeof sw.strides);
  return copy_from(o, &sw);
}

/* slice: PyTorch clamps start and end into [0, size] (negatives count from
 * the end, INT64_MAX means "to the end"). */
static bool interp_slice(MlyInterpOp *o) {
  const MlyTensor *in = o->in[0];
  int64_t d, start, end, step;
  if (in->rank < 1)
    return mlyInterpFail(o, "self must have at least one dim");
  if (!attr_dim(o, "dim", in->rank, &d) || !mlyInterpI64(o, "start", &start) ||
      !mlyInterpI64(o, "end", &end) || !mlyInterpI64(o, "step", &step))
    return false;
  if (step <= 0)
    return mlyInterpFail(o, "step %" PRId64 " must be positive", step);
  int64_t size = in->dims[d];
  if (start < 0)
    start += size;
  if (end < 0)
    end += size;
  start = start < 0 ? 0 : start > size ? size : start;
  end = end < start ? start : end > size ? size : end;
  if (o->out[0].rank != in->rank ||
      o->out[0].dims[d] != (end == start ? 0 : (end - start - 1) / step + 1))
    return mlyInterpFail(o, "result shape does not match the slice");
  walk sw;
  walk_dense(&sw, in);
  memcpy(sw.dims, o->out[0].dims, sizeof sw.dims);
  sw.base = start * sw.strides[d];
  /* a huge step only ever picks one element: keep stride * step finite */
  sw.strides[d] = sw.dims[d] > 1 ? sw.strides[d] * step : 0;
  return copy_from(o, &sw);
}

/* select: drops dim d at `index` (negative counts from the end). */
static bool interp_select(MlyInterpOp *o) {
  const MlyTensor *in = o->in[0];
  int64_t d, idx;
  if (in->rank < 1)
    return mlyInterpFail(o, "self must have at least one dim");
  if (!attr_dim(o, "dim", in->rank, &d) || !mlyInterpI64(o, "index", &idx))
    return false;
  int64_t size = in->dims[d], at = idx < 0 ? idx + size : idx;
  if (at < 0 || at >= size)
    return mlyInterpFail(o,
                         "index %" PRId64 " is out of range for dim %" PRId64
                         " of size %" PRId64,
                         idx, d, size);
  walk sw;
  walk_dense(&sw, in);
  sw.base = at * sw.strides[d];
  sw.rank--;
  for (int64_t i = d; i < sw.rank; ++i) {
    sw.dims[i] = sw.dims[i + 1];
    sw.strides[i] = sw.strides[i + 1];
  }
  return copy_from(o, &sw);
}

/* Copies all of src into dst at `offset` along dim d (cat, diff). */
static bool place(MlyInterpOp *o, MlyTensor *dst, const MlyTensor *src,
                  int64_t d, int64_t offset) {
  walk sw, dw;
  if (src->rank != dst->rank)
    return mlyInterpFail(o, "operand has %" PRId64 " dims, expected %" PRId64,
                         src->rank, dst->rank);
  walk_dense(&sw, src);
  walk_dense(&dw, dst);
  memcpy(dw.dims, src->dims, sizeof dw.dims);
  dw.base = offset * dw.strides[d];
  return walk_copy(o, dst, &dw, src, &sw);
}

/* cat: a legacy 1-d empty operand is skipped, as in PyTorch. */
static bool interp_cat(MlyInterpOp *o) {
  const MlyTensor *a = o->in[0], *b = o->in[1];
  bool skip_a = a->rank == 1 && a->dims[0] == 0;
  bool skip_b = b->rank == 1 && b->dims[0] == 0;
  int64_t d;
  if (!attr_dim(o, "dim", (skip_a ? b : a)->rank, &d))
    return false;
  if (o->out[0].rank < 1)
    return mlyInterpFail(o, "operands must have at least one dim");
  return (skip_a || place(o, &o->out[0], a, d, 0)) &&
         (skip_b || place(o, &o->out[0], b, d, skip_a ? 0 : a->dims[d]));
}

/* ---- reductions and scans ---- */

typedef enum reduce_kind { RED_SUM, RED_MEAN, RED_MAX, RED_ANY } reduce_kind;

/* Reduces in[0] over the dims in `mask` into out[0] (keepdim does not
 * change the element order). Floats accumulate in double, integers in
 * int64 with wrap-around. */
static bool reduce(MlyInterpOp *o, const bool *mask, reduce_kind kind) {
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  walk ow, iw;
  walk_split(in, mask, &ow, &iw);
  size_t n_out = walk_count(&ow), n_in = walk_count(&iw);
  bool fl = kind == RED_MEAN || mlyDTypeIsFloat(in->dtype) ||
            mlyDTypeIsFloat(out->dtype);
  if (n_out != mlyTensorNumElements(out))
    return mlyInterpFail(o, "result shape does not match the reduction");
  if (kind == RED_MAX && n_out && !n_in)
    return mlyInterpFail(o, "cannot take the maximum over an empty dim");
  for (size_t e = 0; e < n_out; ++e) {
    size_t base = walk_at(&ow, e);
    double af = kind == RED_MAX ? -INFINITY : 0;
    int64_t ai = kind == RED_MAX ? INT64_MIN : 0;
    for (size_t k = 0; k < n_in; ++k) {
      size_t at = base + walk_at(&iw, k);
      if (fl) {
        double x = mlyTensorLoadF64(in, at);
        if (kind == RED_MAX)
          af = !isnan(af) && (x > af || isnan(x)) ? x : af;
        else if (kind == RED_ANY)
          af = af != 0 || x != 0;
        else
          af += x;
      } else {
        int64_t x = mlyTensorLoadI64(in, at);
        if (kind == RED_MAX)
          ai = x > ai ? x : ai;
        else if (kind == RED_ANY)
          ai = ai || x;
        else
          ai = (int64_t)((uint64_t)ai + (uint64_t)x);
      }
    }
    if (!fl)
      mlyTensorStoreI64(out, e, ai);
    else
      mlyTensorStoreF64(out, e, kind == RED_MEAN ? af / (double)n_in : af);
  }
  return true;
}

/* mean, sum, amax: a dim list, empty for all dims. */
static bool reduce_list(MlyInterpOp *o, reduce_kind kind) {
  int64_t dims[MLY_TENSOR_MAX_RANK], n, r = o->in[0]->rank;
  bool mask[MLY_TENSOR_MAX_RANK];
  if (!mlyInterpI64Array(o, "dim", dims, &n))
    return false;
  for (int64_t i = 0; i < MLY_TENSOR_MAX_RANK; ++i)
    mask[i] = n == 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t d;
    if (!get_dim(o, dims[i], r, &d))
      return false;
    mask[d] = true;
  }
  return reduce(o, mask, kind);
}
static bool interp_mean(MlyInterpOp *o) { return reduce_list(o, RED_MEAN); }
static bool interp_sum(MlyInterpOp *o) { return reduce_list(o, RED_SUM); }
static bool interp_amax(MlyInterpOp *o) { return reduce_list(o, RED_MAX); }

/* Splits t into lanes along attribute `dim`: outer walks the lanes, inner
 * one lane (a single dim, or one element for a 0-d tensor). */
static bool lanes(MlyInterpOp *o, const MlyTensor *t, walk *outer,
                  walk *inner) {
  bool mask[MLY_TENSOR_MAX_RANK] = {false};
  int64_t d;
  if (!attr_dim(o, "dim", t->rank, &d))
    return false;
  mask[d] = true;
  walk_split(t, mask, outer, inner);
  return true;
}

/* Scans keep the operand's shape (a guard like walk_fits). */
static bool same_count(MlyInterpOp *o) {
  return mlyTensorNumElements(o->in[0]) == mlyTensorNumElements(&o->out[0]) ||
         mlyInterpFail(o, "result shape does not match the operand");
}

static bool interp_any(MlyInterpOp *o) {
  bool mask[MLY_TENSOR_MAX_RANK] = {false};
  int64_t d;
  if (!attr_dim(o, "dim", o->in[0]->rank, &d))
    return false;
  mask[d] = true;
  return reduce(o, mask, RED_ANY);
}

static bool interp_cumsum(MlyInterpOp *o) {
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  walk ow, iw;
  if (!same_count(o) || !lanes(o, in, &ow, &iw))
    return false;
  bool fl = mlyDTypeIsFloat(in->dtype) || mlyDTypeIsFloat(out->dtype);
  for (size_t e = 0, n = walk_count(&ow), len = walk_count(&iw); e < n; ++e) {
    size_t base = walk_at(&ow, e);
    double af = 0;
    int64_t ai = 0;
    for (size_t k = 0; k < len; ++k) {
      size_t at = base + walk_at(&iw, k);
      if (fl) {
        af += mlyTensorLoadF64(in, at);
        mlyTensorStoreF64(out, at, af);
      } else {
        ai = (int64_t)((uint64_t)ai + (uint64_t)mlyTensorLoadI64(in, at));
        mlyTensorStoreI64(out, at, ai);
      }
    }
  }
  return true;
}

/* softmax and log_softmax along dim: max-subtracted, in double. */
static bool softmax_like(MlyInterpOp *o, bool log_out) {
  const MlyTensor *in = o->in[0];
  MlyTensor *out = &o->out[0];
  walk ow, iw;
  if (!same_count(o) || !lanes(o, in, &ow, &iw))
    return false;
  for (size_t e = 0, n = walk_count(&ow), len = walk_count(&iw); e < n; ++e) {
    size_t base = walk_at(&ow, e);
    double m = -INFINITY, s = 0;
    for (size_t k = 0; k < len; ++k) {
      double x = mlyTensorLoadF64(in, base + walk_at(&iw, k));
      m = !isnan(m) && (x > m || isnan(x)) ? x : m;
    }
    for (size_t k = 0; k < len; ++k)
      s += exp(mlyTensorLoadF64(in, base + walk_at(&iw, k)) - m);
    for (size_t k = 0; k < len; ++k) {
      size_t at = base + walk_at(&iw, k);
      double x = mlyTensorLoadF64(in, at) - m;
      mlyTensorStoreF64(out, at, log_out ? x - log(s) : exp(x) / s);
    }
  }
  return true;
}
static bool interp_softmax(MlyInterpOp *o) { return softmax_like(o, false); }
static bool interp_log_softmax(MlyInterpOp *o) { return softmax_like(o, true); }

/* Differences one lane of len values `n` times in place, leaving
 * max(0, len - n) of them; bool lanes take `!=` as PyTorch does. */
typedef union lane_value {
  double f;
  int64_t i;
} lane_value;
static void difference(lane_value *v, size_t len, int64_t n, bool fl,
                       bool is_bool) {
  for (; n > 0 && len > 0; --n, --len)
    for (size_t k = 0; k + 1 < len; ++k) {
      if (fl)
        v[k].f = v[k + 1].f - v[k].f;
      else if (is_bool)
        v[k].i = v[k + 1].i != v[k].i;
      else
        v[k].i = (int64_t)((uint64_t)v[k + 1].i - (uint64_t)v[k].i);
    }
}

/* diff: the n-th forward difference along dim of cat(prepend, self,
 * append), built in a scratch tensor of the result's dtype. */
static bool interp_diff(MlyInterpOp *o) {
  const MlyTensor *self = o->in[0], *pre = mlyInterpGroup(o, 1, 3),
                  *app = mlyInterpGroup(o, 2, 3);
  MlyTensor *out = &o->out[0], all = {0};
  walk aw, iw, ow, lw;
  int64_t n, d, dims[MLY_TENSOR_MAX_RANK];
  lane_value *buf = NULL;
  bool ok = false;
  if (self->rank < 1)
    return mlyInterpFail(o, "self must have at least one dim");
  if (!mlyInterpI64(o, "n", &n) || !attr_dim(o, "dim", self->rank, &d))
    return false;
  if (n < 0)
    return mlyInterpFail(o, "n %" PRId64 " must be non-negative", n);
  memcpy(dims, self->dims, sizeof dims);
  dims[d] += (pre && pre->rank == self->rank ? pre->dims[d] : 0) +
             (app && app->rank == self->rank ? app->dims[d] : 0);
  if (mlyTensorAlloc(&all, out->dtype, self->rank, dims))
    return mlyInterpFail(o, "cannot allocate %" PRId64 " rows", dims[d]);
  if ((pre && !place(o, &all, pre, d, 0)) ||
      !place(o, &all, self, d, pre ? pre->dims[d] : 0) ||
      (app && !place(o, &all, app, d, dims[d] - app->dims[d])) ||
      !lanes(o, &all, &aw, &iw) || !lanes(o, out, &ow, &lw))
    goto out_free;
  size_t len = (size_t)dims[d], len_out = walk_count(&lw);
  if (walk_count(&ow) != walk_count(&aw) ||
      (uint64_t)len_out != (len > (uint64_t)n ? len - (uint64_t)n : 0)) {
    mlyInterpFail(o, "result shape does not match the difference");
    goto out_free;
  }
  if (!(buf = malloc((len ? len : 1) * sizeof *buf))) {
    mlyInterpFail(o, "out of memory for a lane of %zu", len);
    goto out_free;
  }
  bool fl = mlyDTypeIsFloat(out->dtype);
  for (size_t e = 0, n_lanes = walk_count(&aw); e < n_lanes; ++e) {
    size_t base = walk_at(&aw, e), obase = walk_at(&ow, e);
    for (size_t k = 0; k < len; ++k) {
      if (fl)
        buf[k].f = mlyTensorLoadF64(&all, base + walk_at(&iw, k));
      else
        buf[k].i = mlyTensorLoadI64(&all, base + walk_at(&iw, k));
    }
    difference(buf, len, n, fl, out->dtype == MLY_DTYPE_BOOL);
    for (size_t k = 0; k < len_out; ++k) {
      if (fl)
        mlyTensorStoreF64(out, obase + walk_at(&lw, k), buf[k].f);
      else
        mlyTensorStoreI64(out, obase + walk_at(&lw, k), buf[k].i);
    }
  }
  ok = true;
  free(buf);
out_free:
  mlyTensorFree(&all);
  return ok;
}

/* ---- indexing ---- */

/* Reads index element k into *v (always set), checked against `size`
 * (negatives count from the end when `wrap`). */
static bool read_index(MlyInterpOp *o, const MlyTensor *index, size_t k,
                       int64_t d, int64_t size, bool wrap, int64_t *v) {
  int64_t x = mlyTensorLoadI64(index, k);
  *v = wrap && x < 0 ? x + size : x;
  return (*v >= 0 && *v < size) ||
         mlyInterpFail(o,
                       "index %" PRId64 " is out of range for dim %" PRId64
                       " of size %" PRId64,
                       x, d, size);
}

static bool int_index(MlyInterpOp *o, const MlyTensor *index) {
  return (!mlyDTypeIsFloat(index->dtype) && index->dtype != MLY_DTYPE_BOOL) ||
         mlyInterpFail(o, "index must be an integer tensor");
}

/* out = src[:d] + index.shape + src[d+1:]: the rows of src along d that
 * index names (index, index_select, embedding). */
static bool take(MlyInterpOp *o, const MlyTensor *src, const MlyTensor *index,
                 int64_t d, bool wrap) {
  MlyTensor *out = &o->out[0];
  size_t outer = 1, inner = 1, mid = mlyTensorNumElements(index);
  int64_t size = src->rank ? src->dims[d] : 1;
  if (!int_index(o, index))
    return false;
  for (int64_t i = 0; i < d; ++i)
    outer *= (size_t)src->dims[i];
  for (int64_t i = d + 1; i < src->rank; ++i)
    inner *= (size_t)src->dims[i];
  if (outer * mid * inner != mlyTensorNumElements(out))
    return mlyInterpFail(o, "result shape does not match the index");
  for (size_t m = 0; m < mid; ++m) {
    int64_t v;
    if (!read_index(o, index, m, d, size, wrap, &v))
      return false;
    for (size_t a = 0; a < outer; ++a)
      for (size_t i = 0; i < inner; ++i)
        copy_elem(out, (a * mid + m) * inner + i, src,
                  (a * (size_t)size + (size_t)v) * inner + i);
  }
  return true;
}

/* index: negative indices wrap; index_select and embedding do not. */
static bool interp_index(MlyInterpOp *o) {
  int64_t d;
  return attr_dim(o, "dim", o->in[0]->rank, &d) &&
         take(o, o->in[0], o->in[1], d, true);
}
static bool interp_index_select(MlyInterpOp *o) {
  int64_t d;
  return attr_dim(o, "dim", o->in[0]->rank, &d) &&
         take(o, o->in[0], o->in[1], d, false);
}
/* padding_idx only affects gradients. */
static bool interp_embedding(MlyInterpOp *o) {
  if (o->in[0]->rank != 2)
    return mlyInterpFail(o, "weight must have 2 dims");
  return take(o, o->in[0], o->in[1], 0, false);
}

/* gather: out[i] = self[i with i[d] = index[i]]. */
static bool interp_gather(MlyInterpOp *o) {
  const MlyTensor *self = o->in[0], *index = o->in[1];
  MlyTensor *out = &o->out[0];
  int64_t d, st[MLY_TENSOR_MAX_RANK], idx[MLY_TENSOR_MAX_RANK] = {0};
  if (!attr_dim(o, "dim", self->rank, &d) || !int_index(o, index))
    return false;
  if (index->rank != self->rank ||
      mlyTensorNumElements(index) != mlyTensorNumElements(out))
    return mlyInterpFail(o, "index shape does not match self and result");
  for (int64_t i = 0; i < self->rank; ++i)
    if (i != d && index->dims[i] > self->dims[i])
      return mlyInterpFail(o, "index is larger than self at dim %" PRId64, i);
  mlyStrides(self->dims, self->rank, st);
  for (size_t k = 0, n = mlyTensorNumElements(index); k < n; ++k) {
    int64_t v, at = 0;
    if (!read_index(o, index, k, d, self->rank ? self->dims[d] : 1, false, &v))
      return false;
    for (int64_t i = 0; i < self->rank; ++i)
      at += (i == d ? v : idx[i]) * st[i];
    copy_elem(out, k, self, (size_t)at);
    mlyIndexNext(idx, index->dims, index->rank);
  }
  return true;
}

/* ---- factories ---- */

/* arange: start + k * step, exact in int64 for integer attributes and an
 * integer result, in double otherwise (PyTorch's CPU accumulator). */
static bool interp_arange(MlyInterpOp *o) {
  MlyTensor *out = &o->out[0];
  int64_t is, it;
  double fs, ft;
  bool ints = !mlyDTypeIsFloat(out->dtype) &&
              mlyOpGetI64(o->op, "start", &is) &&
              mlyOpGetI64(o->op, "step", &it);
  if (!mlyInterpF64(o, "start", &fs) || !mlyInterpF64(o, "step", &ft))
    return false;
  for (size_t k = 0, n = mlyTensorNumElements(out); k < n; ++k) {
    if (ints)
      mlyTensorStoreI64(out, k,
                        (int64_t)((uint64_t)is + (uint64_t)k * (uint64_t)it));
    else
      mlyTensorStoreF64(out, k, fs + (double)k * ft);
  }
  return true;
}

const MlyInterpRule mlyInterpAtenShapeRules[] = {
    {"view", interp_reshape},        {"reshape", interp_reshape},
    {"flatten", interp_reshape},     {"unsqueeze", interp_reshape},
    {"squeeze", interp_reshape},     {"permute", interp_permute},
    {"transpose", interp_transpose}, {"t", interp_t},
    {"expand", interp_expand},       {"slice", interp_slice},
    {"select", interp_select},       {"cat", interp_cat},
    {"mean", interp_mean},           {"sum", interp_sum},
    {"amax", interp_amax},           {"any", interp_any},
    {"cumsum", interp_cumsum},       {"diff", interp_diff},
    {"softmax", interp_softmax},     {"log_softmax", interp_log_softmax},
    {"embedding", interp_embedding}, {"gather", interp_gather},
    {"index", interp_index},         {"index_select", interp_index_select},
    {"arange", interp_arange},       {NULL, NULL},
};
