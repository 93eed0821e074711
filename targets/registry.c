/* The target plugin registry (see mly_targets.h). */
#define _GNU_SOURCE /* dlopen's RTLD_* on glibc; readlink */
#include "targets/mly_targets.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct entry {
  void *handle;
  const MlyTarget *target;
  char *path;
} entry;

struct MlyTargetRegistry {
  entry *e;
  size_t n, cap;
};

static void set_err(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t size, const char *fmt, ...) {
  if (!err || !size)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, size, fmt, ap);
  va_end(ap);
}

MlyTargetRegistry *mlyTargetRegistryCreate(void) {
  return calloc(1, sizeof(MlyTargetRegistry));
}

void mlyTargetRegistryDestroy(MlyTargetRegistry *r) {
  if (!r)
    return;
  for (size_t i = r->n; i-- > 0;) {
    dlclose(r->e[i].handle);
    free(r->e[i].path);
  }
  free(r->e);
  free(r);
}

/* Whether `name` is lowercase letters, digits and '-', not empty. */
static int valid_name(const char *name) {
  if (!*name)
    return 0;
  for (const char *p = name; *p; ++p)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
      return 0;
  return 1;
}

/* The first NULL required field of `t`, or NULL when all are set. */
static const char *null_field(const MlyTarget *t) {
  if (!t->name)
    return "name";
  if (!t->description)
    return "description";
  if (!t->file_extension)
    return "file_extension";
  if (!t->emit)
    return "emit";
  return NULL;
}

int mlyTargetRegistryLoad(MlyTargetRegistry *r, const char *path, char *err,
                          size_t err_size) {
  int rc = 1;
  char *full = malloc(strlen(path) + 3);
  void *handle = NULL;
  if (!full) {
    set_err(err, err_size, "out of memory loading '%s'", path);
    goto out;
  }
  /* dlopen searches the library path for names without a slash. */
  sprintf(full, "%s%s", strchr(path, '/') ? "" : "./", path);
  dlerror();
  if (!(handle = dlopen(full, RTLD_NOW | RTLD_LOCAL))) {
    const char *e = dlerror();
    set_err(err, err_size, "cannot load target plugin '%s': %s", path,
            e ? e : "unknown error");
    goto out_free;
  }
  for (size_t i = 0; i < r->n; ++i)
    if (r->e[i].handle == handle) { /* the same library again */
      rc = 0;
      goto out_close;
    }
  MlyTargetEntryFn fn;
  /* POSIX allows converting dlsym's void* to a function pointer. */
  *(void **)&fn = dlsym(handle, MLY_TARGET_ENTRY_SYMBOL);
  if (!fn) {
    set_err(err, err_size,
            "target plugin '%s' does not export '" MLY_TARGET_ENTRY_SYMBOL "'",
            path);
    goto out_close;
  }
  const MlyTarget *t = fn();
  if (!t) {
    set_err(err, err_size,
            "target plugin '%s': " MLY_TARGET_ENTRY_SYMBOL "() returned NULL",
            path);
    goto out_close;
  }
  if (t->abi_version != MLY_TARGET_ABI_VERSION) {
    set_err(err, err_size,
            "target plugin '%s' has ABI version %u, but this mly expects "
            "version %d",
            path, (unsigned)t->abi_version, MLY_TARGET_ABI_VERSION);
    goto out_close;
  }
  const char *field = null_field(t);
  if (field) {
    set_err(err, err_size, "target plugin '%s': required field '%s' is NULL",
            path, field);
    goto out_close;
  }
  if (!valid_name(t->name)) {
    set_err(err, err_size,
            "target plugin '%s': name '%s' is not lowercase letters, digits "
            "and '-'",
            path, t->name);
    goto out_close;
  }
  for (size_t i = 0; i < r->n; ++i)
    if (!strcmp(r->e[i].target->name, t->name)) {
      set_err(err, err_size,
              "target plugin '%s' defines target '%s', already loaded from "
              "'%s'",
              path, t->name, r->e[i].path);
      goto out_close;
    }
  if (r->n == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 4;
    entry *e = realloc(r->e, cap * sizeof *e);
    if (!e) {
      set_err(err, err_size, "out of memory loading '%s'", path);
      goto out_close;
    }
    r->e = e;
    r->cap = cap;
  }
  r->e[r->n++] = (entry){handle, t, full};
  return 0;
out_close:
  dlclose(handle);
out_free:
  free(full);
out:
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every "*.so" of `dir` in name order; a missing dir is no error. */
static int load_dir(MlyTargetRegistry *r, const char *dir, char *err,
                    size_t err_size) {
  int rc = 0;
  char **names = NULL;
  size_t n = 0, cap = 0;
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  for (struct dirent *de; (de = readdir(d));) {
    size_t len = strlen(de->d_name);
    if (len < 4 || strcmp(de->d_name + len - 3, ".so"))
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 8;
      char **p = realloc(names, cap * sizeof *p);
      if (!p)
        goto oom;
      names = p;
    }
    if (!(names[n] = malloc(strlen(dir) + len + 2)))
      goto oom;
    sprintf(names[n++], "%s/%s", dir, de->d_name);
  }
  qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n && !rc; ++i)
    rc = mlyTargetRegistryLoad(r, names[i], err, err_size);
  goto out;
oom:
  set_err(err, err_size, "out of memory reading '%s'", dir);
  rc = 1;
out:
  for (size_t i = 0; i < n; ++i)
    free(names[i]);
  free(names);
  closedir(d);
  return rc;
}

int mlyTargetRegistryLoadDefaults(MlyTargetRegistry *r, char *err,
                                  size_t err_size) {
  int rc = 0;
  const char *env = getenv("MLY_TARGET_PATH");
  char *dirs = env ? strdup(env) : NULL;
  if (env && !dirs) {
    set_err(err, err_size, "out of memory");
    return 1;
  }
  for (char *save = NULL, *d = dirs ? strtok_r(dirs, ":", &save) : NULL;
       d && !rc; d = strtok_r(NULL, ":", &save))
    rc = load_dir(r, d, err, err_size);
  free(dirs);
  if (rc)
    return rc;
  char exe[PATH_MAX + 32];
  ssize_t len = readlink("/proc/self/exe", exe, PATH_MAX);
  if (len <= 0)
    return 0; /* no /proc: only the explicit places */
  exe[len] = 0;
  char *slash = strrchr(exe, '/');
  if (!slash)
    return 0;
  strcpy(slash, "/../lib/mly/targets");
  return load_dir(r, exe, err, err_size);
}

const MlyTarget *mlyTargetRegistryLookup(const MlyTargetRegistry *r,
                                         const char *name) {
  for (size_t i = 0; i < r->n; ++i)
    if (!strcmp(r->e[i].target->name, name))
      return r->e[i].target;
  return NULL;
}

size_t mlyTargetRegistryCount(const MlyTargetRegistry *r) { return r->n; }

const MlyTarget *mlyTargetRegistryGet(const MlyTargetRegistry *r, size_t i,
                                      const char **path) {
  if (i >= r->n)
    return NULL;
  if (path)
    *path = r->e[i].path;
  return r->e[i].target;
}
