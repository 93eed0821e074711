/* mly-vulkan-replay: runs a vulkan bundle (mly-run --backend vulkan
 * --vulkan-bundle=FILE writes one) on a Vulkan device, with no MLIR: for
 * machines that have a GPU but no MLIR installed. Weights bind by their
 * mly.param names, inputs are input_0, input_1, ... in host argument
 * order; outputs are compared with --expect as mly-run does. With
 * --random, weights and inputs not given are seeded random values (floats
 * uniform in [-1, 1], integers in [0, 1000), booleans 0/1: what the
 * benchmarks run); with --time N, the launches are then timed by the
 * device's timestamps: N runs after --warmup W (5), the median and minimum
 * of the whole sequence and the median of each launch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/safetensors.h"
#include "runtime/vulkan/mly_vulkan.h"

static void print_line(MlirStringRef s, void *user) {
  fwrite(s.data, 1, s.length, (FILE *)user);
}

/* Prints "output_<i>: max_abs_err=.. max_rel_err=.. ok|FAIL" as mly-run. */
static bool compare(const char *name, const MlyTensor *got,
                    const MlyTensor *want, double rtol, double atol) {
  double max_abs = 0, max_rel = 0;
  size_t bad = 0, n = mlyTensorNumElements(got);
  printf("%s: ", name);
  if (got->dtype != want->dtype || got->nbytes != want->nbytes) {
    printf("MISMATCH of type or size\n");
    return false;
  }
  for (size_t i = 0; i < n; ++i) {
    double a = mlyTensorLoadF64(got, i), b = mlyTensorLoadF64(want, i);
    if (isnan(a) && isnan(b))
      continue;
    double d = fabs(a - b);
    if (isnan(d) || (isinf(a) || isinf(b) ? a != b : d > atol + rtol * fabs(b)))
      ++bad;
    if (!isnan(d) && !isinf(d)) {
      if (d > max_abs)
        max_abs = d;
      if (b != 0 && d / fabs(b) > max_rel)
        max_rel = d / fabs(b);
    }
  }
  printf("max_abs_err=%.3g max_rel_err=%.3g %s", max_abs, max_rel,
         bad ? "FAIL" : "ok");
  if (bad)
    printf(" (%zu of %zu elements outside atol=%g rtol=%g)", bad, n, atol,
           rtol);
  printf("\n");
  return !bad;
}

/* Seeded values for element after element: floats uniform in [-1, 1],
 * integers in [0, 1000), booleans 0/1. */
static void fill_random(MlyTensor *t, uint64_t seed) {
  uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
  for (size_t i = 0, n = mlyTensorNumElements(t); i < n; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    double u = (double)(x >> 11) / 9007199254740992.0;
    if (mlyDTypeIsFloat(t->dtype))
      mlyTensorStoreF64(t, i, 2 * u - 1);
    else if (t->dtype == MLY_DTYPE_BOOL)
      mlyTensorStoreI64(t, i, u < 0.5);
    else
      mlyTensorStoreI64(t, i, (int64_t)(u * 1000));
  }
}

static const char *arg_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n))
    return NULL;
  if (argv[*i][n] == '=')
    return argv[*i] + n + 1;
  if (!argv[*i][n] && *i + 1 < argc)
    return argv[++*i];
  return NULL;
}

int main(int argc, char **argv) {
  const char *bundle = NULL, *weights = NULL, *inputs = NULL, *expect = NULL,
             *v;
  double rtol = 1e-4, atol = 1e-5;
  MlyVulkanOptions o = {0};
  char err[2048];
  int rc = 1, iters = 0, warmup = 5;
  bool list = false, random = false;
  for (int i = 1; i < argc; ++i) {
    if ((v = arg_value(argc, argv, &i, "--weights")))
      weights = v;
    else if ((v = arg_value(argc, argv, &i, "--inputs")))
      inputs = v;
    else if ((v = arg_value(argc, argv, &i, "--expect")))
      expect = v;
    else if ((v = arg_value(argc, argv, &i, "--rtol")))
      rtol = atof(v);
    else if ((v = arg_value(argc, argv, &i, "--atol")))
      atol = atof(v);
    else if ((v = arg_value(argc, argv, &i, "--device")))
      o.device = atoi(v);
    else if ((v = arg_value(argc, argv, &i, "--time")))
      iters = atoi(v);
    else if ((v = arg_value(argc, argv, &i, "--warmup")))
      warmup = atoi(v);
    else if (!strcmp(argv[i], "--random"))
      random = true;
    else if (!strcmp(argv[i], "--list-devices"))
      list = true;
    else if (argv[i][0] != '-' && !bundle)
      bundle = argv[i];
    else {
      fprintf(stderr,
              "usage: mly-vulkan-replay BUNDLE [--weights W] [--inputs I] "
              "[--expect O] [--rtol X] [--atol X] [--device N] [--random] "
              "[--time N] [--warmup N] [--list-devices]\n");
      return 1;
    }
  }
  if (list) {
    if (!mlyVulkanListDevices(print_line, stdout, err, sizeof err)) {
      fprintf(stderr, "mly-vulkan-replay: error: %s\n", err);
      return 1;
    }
    return 0;
  }
  if (!bundle) {
    fprintf(stderr, "mly-vulkan-replay: error: no bundle given\n");
    return 1;
  }
  if (iters < 0 || iters > 100000 || warmup < 0 || warmup > 100000) {
    fprintf(stderr, "mly-vulkan-replay: error: --time and --warmup take 0 "
                    "to 100000 runs\n");
    return 1;
  }
  void **spirv = NULL;
  size_t *n_bytes = NULL;
  int n_spirv = 0;
  MlyTensor *args = NULL, *outs = NULL;
  bool *owned = NULL;
  MlyVulkanTiming timing = {0};
  intptr_t n_outs = 0;
  MlySafetensors *w = NULL, *in = NULL, *ex = NULL;
  MlyVulkan *vk = NULL;
  MlyGpuHostPlan *plan =
      mlyVulkanBundleRead(bundle, &n_spirv, &spirv, &n_bytes, err, sizeof err);
  if (!plan)
    goto fail;
  int n_args = plan->n_host_args;
  /* mlyVulkanCreate takes the plan over, also when it fails. */
  vk = mlyVulkanCreate(plan, n_spirv, (const void *const *)spirv, n_bytes, &o,
                       err, sizeof err);
  plan = NULL;
  if (!vk)
    goto fail;
  plan = (MlyGpuHostPlan *)mlyVulkanPlan(vk);
  if ((weights && !(w = mlySafetensorsOpen(weights, err, sizeof err))) ||
      (inputs && !(in = mlySafetensorsOpen(inputs, err, sizeof err))) ||
      (expect && !(ex = mlySafetensorsOpen(expect, err, sizeof err))))
    goto fail;
  if (!(args = calloc((size_t)n_args + 1, sizeof *args)) ||
      !(owned = calloc((size_t)n_args + 1, sizeof *owned))) {
    snprintf(err, sizeof err, "out of memory");
    goto fail;
  }
  for (int i = 0, k = 0; i < n_args; ++i) {
    const MlyGpuSlot *s = &plan->slots[i];
    char key[32];
    if (s->output >= 0)
      continue;
    snprintf(key, sizeof key, "input_%d", k);
    const char *name = s->name ? s->name : key;
    k += !s->name;
    if ((s->name ? w : in) &&
        mlySafetensorsLookup(s->name ? w : in, name, &args[i]))
      continue;
    if (random) {
      if (mlyTensorAlloc(&args[i], s->type.dtype, s->type.rank,
                         s->type.dims)) {
        snprintf(err, sizeof err, "out of memory");
        goto fail;
      }
      owned[i] = true;
      fill_random(&args[i], (uint64_t)i + 1);
      continue;
    }
    snprintf(err, sizeof err, "%s '%s' not given (or --random)",
             s->name ? "weight" : "input", name);
    goto fail;
  }
  if (!mlyVulkanRun(vk, args, n_args, &outs, &n_outs, err, sizeof err))
    goto fail;
  printf("device: %s\n", mlyVulkanDeviceName(vk));
  if (iters) {
    if (!mlyVulkanTime(vk, warmup, iters, &timing, err, sizeof err))
      goto fail;
    printf("%d kernels; one run of all: median %.1f us, min %.1f us "
           "(%d runs after %d warm-up, GPU timestamps)\n",
           timing.n_launch, timing.median_us, timing.min_us, iters, warmup);
    for (int l = 0; l < timing.n_launch; ++l)
      printf("kernel %s: median %.2f us\n", mlyVulkanLaunchName(vk, l),
             timing.launch_us[l]);
  }
  rc = 0;
  for (intptr_t i = 0; i < n_outs; ++i) {
    char name[32];
    MlyTensor want;
    snprintf(name, sizeof name, "output_%d", (int)i);
    if (!ex) {
      printf("%s: %zu bytes\n", name, outs[i].nbytes);
    } else if (!mlySafetensorsLookup(ex, name, &want)) {
      fprintf(stderr, "mly-vulkan-replay: error: %s not in %s\n", name, expect);
      rc = 1;
    } else if (!compare(name, &outs[i], &want, rtol, atol)) {
      rc = 1;
    }
  }
  goto out;
fail:
  fprintf(stderr, "mly-vulkan-replay: error: %s\n", err);
  if (!vk)
    mlyGpuHostPlanDestroy(plan);
out:
  for (intptr_t i = 0; i < n_outs; ++i)
    mlyTensorFree(&outs[i]);
  free(outs);
  for (int i = 0; owned && args && i < n_args; ++i)
    if (owned[i])
      mlyTensorFree(&args[i]);
  free(owned);
  free(args);
  free(timing.launch_us);
  for (int i = 0; i < n_spirv; ++i)
    free(spirv[i]);
  free(spirv);
  free(n_bytes);
  mlySafetensorsDestroy(w);
  mlySafetensorsDestroy(in);
  mlySafetensorsDestroy(ex);
  mlyVulkanDestroy(vk);
  return rc;
}
