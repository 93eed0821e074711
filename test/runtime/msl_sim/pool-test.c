/* The C test of msl-sim's thread pool (runtime/msl_sim/sim_pool.h), with
 * kernels written in C against msl_sim_abi.h: the barrier is real (a
 * late thread's writes are seen by all after it), simdgroups exchange
 * among their lanes (a partial last one too), a deadlock and threads at
 * different barriers abort the group with a message, and the pool runs
 * groups after an aborted one. Prints one line per check; exits 1 on the
 * first failure. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/msl_sim/sim_pool.h"

#define CHECK(c)                                                               \
  do {                                                                         \
    if (!(c)) {                                                                \
      fprintf(stderr, "FAILED line %d: %s\n", __LINE__, #c);                   \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

static uint32_t index_of(const MlySimThread *t) {
  return t->tid[0] + t->bdim[0] * (t->tid[1] + t->bdim[1] * t->tid[2]);
}
static uint32_t size_of(const MlySimThread *t) {
  return t->bdim[0] * t->bdim[1] * t->bdim[2];
}

/* Four rounds: write own slot (thread 0 late), barrier, read the next
 * thread's slot, barrier. */
static int rotate(void *const *b, const MlySimThread *t) {
  int *shared = b[0], *out = b[1];
  uint32_t i = index_of(t), n = size_of(t);
  int v = (int)i;
  for (int round = 0; round < 4; ++round) {
    if (i == 0) {
      struct timespec ts = {0, 20 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
    shared[i] = v;
    if (t->barrier(t, 10))
      return -1;
    v = shared[(i + 1) % n] + 1000;
    if (t->barrier(t, 20))
      return -1;
  }
  out[i] = v;
  return 0;
}

/* Each lane sums the lanes' indices of its simdgroup. */
static int simd_sum(void *const *b, const MlySimThread *t) {
  int *out = b[0];
  uint32_t i = index_of(t);
  for (int round = 0; round < 3; ++round) {
    int v = (int)i + round;
    const unsigned char *s = t->exchange(t, 5, &v, sizeof v);
    if (!s)
      return -1;
    int sum = 0;
    for (uint32_t l = 0; l < t->width; ++l) {
      int x;
      memcpy(&x, s + MLY_SIM_SLOT_BYTES * l, sizeof x);
      sum += x;
    }
    out[3 * i + (uint32_t)round] = sum;
  }
  return 0;
}

/* Thread 0 returns; the others wait for it at a barrier. */
static int deadlock(void *const *b, const MlySimThread *t) {
  (void)b;
  if (index_of(t) == 0)
    return 0;
  return t->barrier(t, 7);
}

/* Odd threads wait at one barrier, even ones at another. */
static int two_sites(void *const *b, const MlySimThread *t) {
  (void)b;
  return t->barrier(t, index_of(t) % 2 ? 11 : 12);
}

int main(void) {
  static int shared[1024], out[3 * 1024];
  void *bufs[2] = {shared, out};
  uint32_t bid[3] = {0, 0, 0}, grid[3] = {1, 1, 1};
  char err[256];
  MlySimPool *p = mlySimPoolCreate();
  CHECK(p);

  for (uint32_t n = 64; n <= 1024; n *= 16) {
    uint32_t bdim[3] = {n / 4, 2, 2};
    memset(shared, 0xff, sizeof shared);
    CHECK(
        !mlySimPoolRunGroup(p, rotate, bufs, bid, bdim, grid, err, sizeof err));
    for (uint32_t i = 0; i < n; ++i)
      CHECK(out[i] == (int)((i + 4) % n) + 4000);
    printf("barrier: %u threads ok\n", n);
  }

  {
    uint32_t bdim[3] = {48, 1, 1};
    void *b[1] = {out};
    CHECK(
        !mlySimPoolRunGroup(p, simd_sum, b, bid, bdim, grid, err, sizeof err));
    for (int i = 0; i < 48; ++i)
      for (int r = 0; r < 3; ++r)
        CHECK(out[3 * i + r] == (i < 32 ? 496 + 32 * r : 632 + 16 * r));
    printf("simdgroups of 48 threads: sums 496 and 632 ok\n");
  }

  {
    uint32_t bdim[3] = {64, 1, 1};
    CHECK(mlySimPoolRunGroup(p, deadlock, bufs, bid, bdim, grid, err,
                             sizeof err));
    printf("%s\n", err);
    CHECK(strstr(err, "deadlock: 63 of 64 threads wait at the "
                      "threadgroup_barrier of line 7"));
    CHECK(mlySimPoolRunGroup(p, two_sites, bufs, bid, bdim, grid, err,
                             sizeof err));
    printf("%s\n", err);
    CHECK(strstr(err, "threads reached different threadgroup_barrier calls"));
  }

  {
    uint32_t bdim[3] = {64, 1, 1};
    memset(shared, 0xff, sizeof shared);
    CHECK(
        !mlySimPoolRunGroup(p, rotate, bufs, bid, bdim, grid, err, sizeof err));
    CHECK(out[63] == 3 + 4000);
    printf("after an abort: ok\n");
  }

  {
    uint32_t bdim[3] = {1025, 1, 1};
    CHECK(
        mlySimPoolRunGroup(p, rotate, bufs, bid, bdim, grid, err, sizeof err));
    printf("%s\n", err);
  }
  mlySimPoolDestroy(p);
  return 0;
}
