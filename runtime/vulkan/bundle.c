/* Vulkan bundles (see mly_vulkan.h): one safetensors file holding a
 * compiled program, so that it runs where MLIR is not installed.
 *
 * Tensors: "spirv_<i>" (U8, the SPIR-V modules) and "const_<slot>" (the
 * values of each constant slot). Metadata "mly.vulkan.plan", lines of:
 *   mly-vulkan-bundle 1
 *   spirv <modules>
 *   arena <bytes>
 *   slot <arg> <output> <offset> <DTYPE> <rank> <dims...> <name|->
 *   kernel <name> <n_buffers>
 *   alloc <slot> | dealloc <slot>
 *   launch <kernel> <grid x y z> <block x y z> <n> <slots...>  */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/safetensors.h"
#include "runtime/vulkan/mly_vulkan.h"

#define PLAN_KEY "mly.vulkan.plan"

static void set_err(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  if (!err || !n)
    return;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
}

/* Returns the plan's text (malloc'd), or NULL when out of memory. */
static char *plan_text(const MlyGpuHostPlan *p, int n_spirv) {
  char *text = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&text, &n);
  if (!f)
    return NULL;
  fprintf(f, "mly-vulkan-bundle 1\nspirv %d\narena %zu\n", n_spirv,
          p->arena_bytes);
  for (int i = 0; i < p->n_slots; ++i) {
    const MlyGpuSlot *s = &p->slots[i];
    fprintf(f, "slot %d %d %" PRId64 " %s %" PRId64, s->arg, s->output,
            s->offset, mlyDTypeName(s->type.dtype), s->type.rank);
    for (int64_t d = 0; d < s->type.rank; ++d)
      fprintf(f, " %" PRId64, s->type.dims[d]);
    fprintf(f, " %s\n", s->name ? s->name : "-");
  }
  for (int i = 0; i < p->n_kernels; ++i)
    fprintf(f, "kernel %s %d\n", p->kernels[i].name, p->kernels[i].n_buffers);
  for (int i = 0; i < p->n_steps; ++i) {
    const MlyGpuStep *st = &p->steps[i];
    if (st->kind != MLY_GPU_STEP_LAUNCH) {
      fprintf(f, "%s %d\n",
              st->kind == MLY_GPU_STEP_ALLOC ? "alloc" : "dealloc", st->slot);
      continue;
    }
    fprintf(f, "launch %d %u %u %u %u %u %u %d", st->kernel, st->grid[0],
            st->grid[1], st->grid[2], st->block[0], st->block[1], st->block[2],
            st->n_args);
    for (int a = 0; a < st->n_args; ++a)
      fprintf(f, " %d", st->args[a]);
    fputc('\n', f);
  }
  if (fclose(f)) {
    free(text);
    return NULL;
  }
  return text;
}

bool mlyVulkanBundleWrite(const MlyVulkan *v, const char *path, char *err,
                          size_t err_size) {
  const MlyGpuHostPlan *p = mlyVulkanPlan(v);
  bool ok = false;
  int n = 0;
  int n_spirv = mlyVulkanNumSpirv(v);
  size_t cap = (size_t)(p->n_slots + n_spirv) + 1;
  char **names = calloc(cap, sizeof *names);
  MlyTensor *ts = calloc(cap, sizeof *ts);
  char *text = plan_text(p, n_spirv);
  const uint32_t *words;
  size_t n_bytes;
  if (!names || !ts || !text) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  for (int i = 0; i < n_spirv; ++i) {
    mlyVulkanSpirv(v, i, &words, &n_bytes);
    if (!(names[n] = malloc(32))) {
      set_err(err, err_size, "out of memory");
      goto out;
    }
    snprintf(names[n], 32, "spirv_%d", i);
    ts[n++] = (MlyTensor){
        MLY_DTYPE_U8, 1, {(int64_t)n_bytes}, (void *)words, n_bytes};
  }
  for (int i = 0; i < p->n_slots; ++i) {
    const MlyGpuSlot *s = &p->slots[i];
    if (!s->init)
      continue;
    if (!(names[n] = malloc(32))) {
      set_err(err, err_size, "out of memory");
      goto out;
    }
    snprintf(names[n], 32, "const_%d", i);
    ts[n] =
        (MlyTensor){s->type.dtype, s->type.rank, {0}, s->init, s->type.bytes};
    memcpy(ts[n].dims, s->type.dims, sizeof ts[n].dims);
    ++n;
  }
  const char *key = PLAN_KEY, *value = text;
  ok = mlySafetensorsWriteWithMetadata(path, (const char *const *)names, ts,
                                       (size_t)n, &key, &value, 1, err,
                                       err_size);
out:
  for (int i = 0; names && i < n; ++i)
    free(names[i]);
  free(names);
  free(ts);
  free(text);
  return ok;
}

/* Appends to a growable array of `size`-byte elements. */
static void *grow(void *p, int n, int *cap, size_t size) {
  if (n < *cap)
    return p;
  int c = 2 * *cap + 16;
  void *q = realloc(p, (size_t)c * size);
  if (q)
    *cap = c;
  return q;
}

static bool parse_plan(MlyGpuHostPlan *p, int *n_spirv, const char *text,
                       const MlySafetensors *st, char *err, size_t err_size) {
  int slot_cap = 0, kernel_cap = 0, step_cap = 0, line_no = 0;
  const char *line = text;
  char word[32];
  if (strncmp(text, "mly-vulkan-bundle 1\n", 20))
    goto bad;
  while (*line) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    char *l = strndup(line, len);
    int k = 0;
    ++line_no;
    if (!l)
      goto oom;
    if (sscanf(l, "%31s%n", word, &k) != 1) {
      free(l);
      goto next;
    }
    char *rest = l + k;
    if (!strcmp(word, "spirv")) {
      if (sscanf(rest, "%d", n_spirv) != 1 || *n_spirv < 1 || *n_spirv > 65536)
        goto bad_line;
    } else if (!strcmp(word, "arena")) {
      if (sscanf(rest, "%zu", &p->arena_bytes) != 1)
        goto bad_line;
    } else if (!strcmp(word, "slot")) {
      MlyGpuSlot s = {0};
      char dt[16], name[512];
      int used;
      if (!(p->slots = grow(p->slots, p->n_slots, &slot_cap, sizeof s)))
        goto oom_line;
      if (sscanf(rest, "%d %d %" SCNd64 " %15s %" SCNd64 "%n", &s.arg,
                 &s.output, &s.offset, dt, &s.type.rank, &used) != 5 ||
          !mlySafetensorsDTypeParse(dt, &s.type.dtype) || s.type.rank < 0 ||
          s.type.rank > MLY_TENSOR_MAX_RANK)
        goto bad_line;
      rest += used;
      s.type.elem = mlyDTypeSize(s.type.dtype);
      s.type.bytes = s.type.elem;
      for (int64_t d = 0; d < s.type.rank; ++d) {
        if (sscanf(rest, "%" SCNd64 "%n", &s.type.dims[d], &used) != 1 ||
            s.type.dims[d] < 0 || s.type.dims[d] > (1ll << 40))
          goto bad_line;
        rest += used;
        s.type.bytes *= (size_t)s.type.dims[d];
      }
      if (sscanf(rest, "%511s", name) != 1)
        goto bad_line;
      if (strcmp(name, "-") && !(s.name = strdup(name)))
        goto oom_line;
      if (s.arg >= 0)
        p->n_host_args = s.arg + 1;
      if (s.output >= 0)
        ++p->n_outputs;
      p->slots[p->n_slots++] = s;
      char cname[32];
      MlyTensor t;
      snprintf(cname, sizeof cname, "const_%d", p->n_slots - 1);
      if (mlySafetensorsLookup(st, cname, &t)) {
        if (t.nbytes != s.type.bytes ||
            !(p->slots[p->n_slots - 1].init = malloc(t.nbytes ? t.nbytes : 1)))
          goto bad_line;
        memcpy(p->slots[p->n_slots - 1].init, t.data, t.nbytes);
      }
    } else if (!strcmp(word, "kernel")) {
      MlyGpuKernel kn = {0};
      char name[512];
      if (!(p->kernels =
                grow(p->kernels, p->n_kernels, &kernel_cap, sizeof kn)))
        goto oom_line;
      if (sscanf(rest, "%511s %d", name, &kn.n_buffers) != 2 ||
          kn.n_buffers < 0 || kn.n_buffers > 4096)
        goto bad_line;
      if (!(kn.name = strdup(name)))
        goto oom_line;
      p->kernels[p->n_kernels++] = kn;
    } else if (!strcmp(word, "alloc") || !strcmp(word, "dealloc") ||
               !strcmp(word, "launch")) {
      MlyGpuStep s = {0};
      int used;
      if (!(p->steps = grow(p->steps, p->n_steps, &step_cap, sizeof s)))
        goto oom_line;
      if (word[0] != 'l') {
        s.kind = word[0] == 'a' ? MLY_GPU_STEP_ALLOC : MLY_GPU_STEP_DEALLOC;
        if (sscanf(rest, "%d", &s.slot) != 1 || s.slot < 0 ||
            s.slot >= p->n_slots)
          goto bad_line;
      } else {
        s.kind = MLY_GPU_STEP_LAUNCH;
        if (sscanf(rest, "%d %u %u %u %u %u %u %d%n", &s.kernel, &s.grid[0],
                   &s.grid[1], &s.grid[2], &s.block[0], &s.block[1],
                   &s.block[2], &s.n_args, &used) != 8 ||
            s.kernel < 0 || s.kernel >= p->n_kernels ||
            s.n_args != p->kernels[s.kernel].n_buffers)
          goto bad_line;
        rest += used;
        if (!(s.args = calloc((size_t)s.n_args + 1, sizeof *s.args)))
          goto oom_line;
        p->steps[p->n_steps++] = s;
        for (int a = 0; a < s.n_args; ++a) {
          if (sscanf(rest, "%d%n", &s.args[a], &used) != 1 || s.args[a] < 0 ||
              s.args[a] >= p->n_slots)
            goto bad_line;
          rest += used;
        }
        free(l);
        goto next;
      }
      p->steps[p->n_steps++] = s;
    } else if (strcmp(word, "mly-vulkan-bundle")) {
      goto bad_line;
    }
    free(l);
  next:
    line += len + (end ? 1 : 0);
    continue;
  bad_line:
    free(l);
    set_err(err, err_size, "vulkan bundle: bad plan line %d", line_no);
    return false;
  oom_line:
    free(l);
    goto oom;
  }
  return true;
bad:
  set_err(err, err_size, "vulkan bundle: no plan of version 1");
  return false;
oom:
  set_err(err, err_size, "out of memory");
  return false;
}

MlyGpuHostPlan *mlyVulkanBundleRead(const char *path, int *n_spirv,
                                    void ***spirv, size_t **n_bytes, char *err,
                                    size_t err_size) {
  MlyGpuHostPlan *p = NULL;
  MlyTensor t;
  int n = 0;
  *n_spirv = 0;
  *spirv = NULL;
  *n_bytes = NULL;
  MlySafetensors *st = mlySafetensorsOpen(path, err, err_size);
  if (!st)
    return NULL;
  const char *text = mlySafetensorsLookupMetadata(st, PLAN_KEY);
  if (!text) {
    set_err(err, err_size, "%s: not a vulkan bundle (no plan)", path);
    goto out;
  }
  if (!(p = calloc(1, sizeof *p))) {
    set_err(err, err_size, "out of memory");
    goto out;
  }
  if (!parse_plan(p, &n, text, st, err, err_size))
    goto out_free;
  if (n < 1) {
    set_err(err, err_size, "%s: the plan names no SPIR-V modules", path);
    goto out_free;
  }
  if (!(*spirv = calloc((size_t)n, sizeof **spirv)) ||
      !(*n_bytes = calloc((size_t)n, sizeof **n_bytes))) {
    set_err(err, err_size, "out of memory");
    goto out_free;
  }
  *n_spirv = n;
  for (int i = 0; i < n; ++i) {
    char name[32];
    snprintf(name, sizeof name, "spirv_%d", i);
    if (!mlySafetensorsLookup(st, name, &t) || t.dtype != MLY_DTYPE_U8) {
      set_err(err, err_size, "%s: no U8 tensor '%s'", path, name);
      goto out_free;
    }
    if (!((*spirv)[i] = malloc(t.nbytes ? t.nbytes : 4))) {
      set_err(err, err_size, "out of memory");
      goto out_free;
    }
    memcpy((*spirv)[i], t.data, t.nbytes);
    (*n_bytes)[i] = t.nbytes;
  }
  goto out;
out_free:
  mlyGpuHostPlanDestroy(p);
  p = NULL;
  for (int i = 0; *spirv && i < n; ++i)
    free((*spirv)[i]);
  free(*spirv);
  free(*n_bytes);
  *spirv = NULL;
  *n_bytes = NULL;
  *n_spirv = 0;
out:
  mlySafetensorsDestroy(st);
  return p;
}
