/* The thread pool of msl-sim (see sim_pool.h). One mutex guards the state
 * of the running group; each barrier (the threadgroup's and one per
 * simdgroup) has its own condition variable, so that a simdgroup exchange
 * wakes only its 32 lanes. */
#include "runtime/msl_sim/sim_pool.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIMD (MLY_SIM_MAX_GROUP / MLY_SIM_SIMD_WIDTH)
#define SLOTS (MLY_SIM_MAX_SIMD_WIDTH * MLY_SIM_SLOT_BYTES)

/* A barrier: `count` threads wait at `site` for generation `gen` to end. */
typedef struct barrier {
  pthread_cond_t cv;
  uint32_t count, gen, site;
} barrier;

typedef struct worker {
  MlySimPool *pool;
  int index;
} worker;

struct MlySimPool {
  pthread_mutex_t mu;
  pthread_cond_t start, done;
  pthread_t threads[MLY_SIM_MAX_GROUP];
  worker workers[MLY_SIM_MAX_GROUP];
  MlySimThread ctx[MLY_SIM_MAX_GROUP];
  int n_threads;  /* started */
  uint32_t width; /* lanes of a simdgroup */
  uint64_t epoch; /* one per group run */
  bool quit;

  /* The group being run. */
  MlySimKernelFn fn;
  void *const *buffers;
  int n_active, finished, blocked;
  bool aborted;
  char msg[256];
  barrier tg, simd[MAX_SIMD];
  /* Per simdgroup, two sets of slots used by alternate exchanges: a lane
   * can write exchange k+1's while slower lanes still read exchange k's,
   * never k+2's before all have left k. */
  unsigned char slots[MAX_SIMD][2][SLOTS];
};

/* Aborts the group with a message (the first one stays). Locked. */
static void abort_group(MlySimPool *p, const char *fmt, ...) {
  if (!p->aborted) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
  }
  p->aborted = true;
  pthread_cond_broadcast(&p->tg.cv);
  for (int s = 0; s < MAX_SIMD; ++s)
    pthread_cond_broadcast(&p->simd[s].cv);
}

/* Every thread still in the kernel waits at a barrier: none can complete.
 * Locked. */
static void check_deadlock(MlySimPool *p) {
  if (!p->blocked || p->blocked + p->finished != p->n_active)
    return;
  uint32_t in_simd = 0;
  for (int s = 0; s < MAX_SIMD; ++s)
    in_simd += p->simd[s].count;
  if (p->tg.count)
    abort_group(p,
                "deadlock: %u of %d threads wait at the threadgroup_barrier "
                "of line %u, %u at simdgroup operations, %d returned",
                p->tg.count, p->n_active, p->tg.site, in_simd, p->finished);
  else
    abort_group(p,
                "deadlock: %u of %d threads wait at simdgroup operations "
                "that other lanes of their simdgroup never reach, %d "
                "returned",
                in_simd, p->n_active, p->finished);
}

/* Arrives at barrier b of `expected` threads at `site`; waits until all
 * have arrived. Returns 0, or -1 when the group is aborted. Locked. */
static int arrive(MlySimPool *p, barrier *b, uint32_t expected, uint32_t site,
                  const char *what) {
  if (p->aborted)
    return -1;
  if (b->count && b->site != site) {
    abort_group(p, "threads reached different %s calls (lines %u and %u)", what,
                b->site, site);
    return -1;
  }
  b->site = site;
  if (++b->count == expected) {
    b->count = 0;
    ++b->gen;
    p->blocked -= (int)expected - 1;
    pthread_cond_broadcast(&b->cv);
    return 0;
  }
  ++p->blocked;
  check_deadlock(p);
  uint32_t gen = b->gen;
  while (b->gen == gen && !p->aborted)
    pthread_cond_wait(&b->cv, &p->mu);
  return b->gen == gen ? -1 : 0;
}

static int tg_barrier(const MlySimThread *t, uint32_t site) {
  MlySimPool *p = t->group;
  pthread_mutex_lock(&p->mu);
  int rc =
      arrive(p, &p->tg, (uint32_t)p->n_active, site, "threadgroup_barrier");
  pthread_mutex_unlock(&p->mu);
  return rc;
}

static const unsigned char *simd_exchange(const MlySimThread *t, uint32_t site,
                                          const void *value, uint32_t size) {
  MlySimPool *p = t->group;
  unsigned char *slots = NULL;
  pthread_mutex_lock(&p->mu);
  barrier *b = &p->simd[t->simd];
  slots = p->slots[t->simd][b->gen & 1];
  if (value && size <= MLY_SIM_SLOT_BYTES)
    memcpy(slots + MLY_SIM_SLOT_BYTES * t->lane, value, size);
  if (arrive(p, b, t->width, site, "simdgroup"))
    slots = NULL;
  pthread_mutex_unlock(&p->mu);
  return slots;
}

static void *work(void *arg) {
  worker *w = arg;
  MlySimPool *p = w->pool;
  uint64_t seen = 0;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->quit && p->epoch == seen)
      pthread_cond_wait(&p->start, &p->mu);
    if (p->quit)
      break;
    seen = p->epoch;
    if (w->index >= p->n_active)
      continue;
    MlySimKernelFn fn = p->fn;
    void *const *buffers = p->buffers;
    pthread_mutex_unlock(&p->mu);
    fn(buffers, &p->ctx[w->index]);
    pthread_mutex_lock(&p->mu);
    if (++p->finished == p->n_active)
      pthread_cond_signal(&p->done);
    else
      check_deadlock(p);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

MlySimPool *mlySimPoolCreate(void) {
  MlySimPool *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->width = MLY_SIM_SIMD_WIDTH;
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->start, NULL);
  pthread_cond_init(&p->done, NULL);
  pthread_cond_init(&p->tg.cv, NULL);
  for (int s = 0; s < MAX_SIMD; ++s)
    pthread_cond_init(&p->simd[s].cv, NULL);
  return p;
}

int mlySimPoolSetSimdWidth(MlySimPool *p, uint32_t width) {
  if (width != 32 && width != 64)
    return -1;
  p->width = width;
  return 0;
}

void mlySimPoolDestroy(MlySimPool *p) {
  if (!p)
    return;
  pthread_mutex_lock(&p->mu);
  p->quit = true;
  pthread_cond_broadcast(&p->start);
  pthread_mutex_unlock(&p->mu);
  for (int i = 0; i < p->n_threads; ++i)
    pthread_join(p->threads[i], NULL);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->start);
  pthread_cond_destroy(&p->done);
  pthread_cond_destroy(&p->tg.cv);
  for (int s = 0; s < MAX_SIMD; ++s)
    pthread_cond_destroy(&p->simd[s].cv);
  free(p);
}

/* Starts threads up to n. Locked. Returns 0 or -1. */
static int grow(MlySimPool *p, int n, char *err, size_t err_size) {
  pthread_attr_t attr;
  int rc = 0;
  if (p->n_threads >= n)
    return 0;
  pthread_attr_init(&attr);
  /* Room for the kernel's thread-local arrays; 1024 threads at the
   * default 8 MiB would reserve 8 GiB of address space. */
  pthread_attr_setstacksize(&attr, 1 << 20);
  for (; p->n_threads < n; ++p->n_threads) {
    worker *w = &p->workers[p->n_threads];
    w->pool = p;
    w->index = p->n_threads;
    if (pthread_create(&p->threads[p->n_threads], &attr, work, w)) {
      snprintf(err, err_size, "cannot start thread %d of a threadgroup",
               p->n_threads);
      rc = -1;
      break;
    }
  }
  pthread_attr_destroy(&attr);
  return rc;
}

int mlySimPoolRunGroup(MlySimPool *p, MlySimKernelFn fn, void *const *buffers,
                       const uint32_t bid[3], const uint32_t bdim[3],
                       const uint32_t gdim[3], char *err, size_t err_size) {
  int rc = -1;
  uint64_t n64 = (uint64_t)bdim[0] * bdim[1] * bdim[2];
  if (!n64 || n64 > MLY_SIM_MAX_GROUP) {
    snprintf(err, err_size, "threadgroup of %llu threads (1 to %d allowed)",
             (unsigned long long)n64, MLY_SIM_MAX_GROUP);
    return -1;
  }
  int n = (int)n64;
  pthread_mutex_lock(&p->mu);
  if (grow(p, n, err, err_size))
    goto out;
  for (int i = 0; i < n; ++i) {
    MlySimThread *t = &p->ctx[i];
    t->tid[0] = (uint32_t)i % bdim[0];
    t->tid[1] = (uint32_t)i / bdim[0] % bdim[1];
    t->tid[2] = (uint32_t)i / (bdim[0] * bdim[1]);
    memcpy(t->bid, bid, sizeof t->bid);
    memcpy(t->bdim, bdim, sizeof t->bdim);
    memcpy(t->gdim, gdim, sizeof t->gdim);
    t->lane = (uint32_t)i % p->width;
    t->simd = (uint32_t)i / p->width;
    t->width = (uint32_t)(n - (int)(t->simd * p->width));
    if (t->width > p->width)
      t->width = p->width;
    t->wave = p->width;
    t->group = p;
    t->barrier = tg_barrier;
    t->exchange = simd_exchange;
  }
  p->fn = fn;
  p->buffers = buffers;
  p->n_active = n;
  p->finished = p->blocked = 0;
  p->aborted = false;
  p->msg[0] = 0;
  p->tg.count = 0;
  for (int s = 0; s < MAX_SIMD; ++s)
    p->simd[s].count = 0;
  ++p->epoch;
  pthread_cond_broadcast(&p->start);
  while (p->finished < p->n_active)
    pthread_cond_wait(&p->done, &p->mu);
  if (p->aborted)
    snprintf(err, err_size, "%s", p->msg);
  else
    rc = 0;
out:
  pthread_mutex_unlock(&p->mu);
  return rc;
}
