/* Tuning files of mly-to-gpu (see mly_to_gpu.h): schedule parameters per
 * device and kernel signature, as the GPU benchmark's autotuner writes
 * them. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversions/mly_to_gpu/kernel.h"

static json_t *tuning;      /* the chosen device's object, or NULL */
static json_t *tuning_root; /* owns it */

void mlyGpuTuningClear(void) {
  json_decref(tuning_root);
  tuning_root = tuning = NULL;
}

bool mlyGpuTuningLoad(const char *path, const char *device, char *err,
                      size_t n) {
  json_error_t e;
  json_t *root = json_load_file(path, 0, &e), *devs, *dev;
  if (!root) {
    snprintf(err, n, "%s:%d:%d: %s", path, e.line, e.column, e.text);
    return false;
  }
  json_t *v = json_object_get(root, "version");
  if (!json_is_integer(v) || json_integer_value(v) != 1 ||
      !json_is_object(devs = json_object_get(root, "devices"))) {
    snprintf(err, n, "%s: not a version 1 tuning file (\"version\": 1, "
                     "\"devices\": {...})",
             path);
    json_decref(root);
    return false;
  }
  if (!json_is_object(dev = json_object_get(devs, device))) {
    char list[512] = "";
    size_t used = 0;
    const char *key;
    json_t *val;
    json_object_foreach(devs, key, val) {
      int w = snprintf(list + used, sizeof list - used, "%s'%s'",
                       used ? ", " : "", key);
      if (w < 0 || (size_t)w >= sizeof list - used)
        break;
      used += (size_t)w;
    }
    snprintf(err, n, "%s: no device '%s' (it has %s)", path, device,
             used ? list : "none");
    json_decref(root);
    return false;
  }
  mlyGpuTuningClear();
  tuning_root = root;
  tuning = dev;
  return true;
}

/* Overrides o's fields from the entry of `signature`, when there is one
 * with values in range; returns whether it did. */
bool mlyGpuTuningApply(const char *signature, MlyGpuOptions *o) {
  json_t *t = tuning ? json_object_get(tuning, signature) : NULL;
  if (!json_is_object(t))
    return false;
  MlyGpuOptions x = *o;
  const char *key;
  json_t *v;
  json_object_foreach(t, key, v) {
    int *field = mlyGpuOptionField(&x, key, strlen(key), true);
    if (field && json_is_integer(v))
      *field = (int)json_integer_value(v);
  }
  if (!mlyGpuOptionsValid(&x))
    return false;
  *o = x;
  return true;
}
