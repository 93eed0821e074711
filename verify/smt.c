/* Z3 contexts with mly's options: the per-query timeout, SMT-LIB dumps
 * (numbered files "<n>-<what>.smt2"), and query statistics. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strdup */
#include "verify/smt.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "verify/mly_verify.h"

static unsigned timeout_ms = 1000;
static const char *dump_dir;
static long max_scalars = 64;
static bool have_input;
static double input_lo, input_hi;
static const char *bounds_method = "ibp";
static long dump_count;
static MlySmtStats stats;
/* Checks may run on several threads (passes nested on functions). */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

void mlyVerifySetTimeoutMs(unsigned ms) { timeout_ms = ms; }
void mlyVerifySetDumpDir(const char *dir) { dump_dir = dir; }
void mlyVerifySetMaxScalars(long n) { max_scalars = n; }
void mlyVerifySetInputRange(double lo, double hi) {
  have_input = true;
  input_lo = lo;
  input_hi = hi;
}
void mlyVerifySetBoundsMethod(const char *method) { bounds_method = method; }

unsigned mlySmtTimeoutMs(void) { return timeout_ms; }
long mlySmtMaxScalars(void) { return max_scalars; }
bool mlySmtInputRange(double *lo, double *hi) {
  *lo = input_lo;
  *hi = input_hi;
  return have_input;
}
const char *mlySmtBoundsMethod(void) { return bounds_method; }

void mlySmtStatsReset(void) {
  pthread_mutex_lock(&stats_lock);
  memset(&stats, 0, sizeof stats);
  pthread_mutex_unlock(&stats_lock);
}

MlySmtStats mlySmtStatsGet(void) {
  pthread_mutex_lock(&stats_lock);
  MlySmtStats st = stats;
  pthread_mutex_unlock(&stats_lock);
  return st;
}

bool mlySmtInit(MlySmt *s, MlySmtMode mode) {
  Z3_config cfg = Z3_mk_config();
  if (!cfg)
    return false;
  Z3_set_param_value(cfg, "model", "true");
  s->z = Z3_mk_context(cfg);
  Z3_del_config(cfg);
  if (!s->z)
    return false;
  /* Errors set a code instead of ending the process. */
  Z3_set_error_handler(s->z, NULL);
  s->mode = mode;
  s->rne = Z3_mk_fpa_rne(s->z);
  return true;
}

void mlySmtFree(MlySmt *s) {
  if (s->z)
    Z3_del_context(s->z);
  s->z = NULL;
}

static Z3_params timeout_params(MlySmt *s) {
  Z3_params p = Z3_mk_params(s->z);
  Z3_params_inc_ref(s->z, p);
  Z3_params_set_uint(s->z, p, Z3_mk_string_symbol(s->z, "timeout"),
                     timeout_ms);
  return p;
}

Z3_solver mlySmtSolver(MlySmt *s) {
  /* The incremental core is slow on floating point: IEEE queries go to
   * the bit-blasting tactic of their logic. */
  Z3_solver sv = s->mode == MLY_SMT_IEEE
                     ? Z3_mk_solver_for_logic(s->z, Z3_mk_string_symbol(
                                                        s->z, "QF_FPBV"))
                     : Z3_mk_solver(s->z);
  Z3_solver_inc_ref(s->z, sv);
  Z3_params p = timeout_params(s);
  Z3_solver_set_params(s->z, sv, p);
  Z3_params_dec_ref(s->z, p);
  return sv;
}

static void dump(const char *what, const char *text, bool check) {
  static bool warned;
  if (!dump_dir)
    return;
  char path[4096];
  pthread_mutex_lock(&stats_lock);
  if (!dump_count)
    mkdir(dump_dir, 0777); /* an existing one is fine */
  long n = ++dump_count;
  pthread_mutex_unlock(&stats_lock);
  snprintf(path, sizeof path, "%s/%04ld-%s.smt2", dump_dir, n, what);
  FILE *f = fopen(path, "w");
  if (!f) {
    if (!warned)
      fprintf(stderr, "mly: cannot write the SMT-LIB dump '%s'\n", path);
    warned = true;
    return;
  }
  fprintf(f, "; mly %s (timeout %u ms)\n%s%s", what, timeout_ms, text,
          check ? "(check-sat)\n" : "");
  fclose(f);
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void record(MlySmtResult r, double ms) {
  pthread_mutex_lock(&stats_lock);
  stats.queries++;
  stats.total_ms += ms;
  if (ms > stats.max_ms)
    stats.max_ms = ms;
  if (r == MLY_SMT_SAT)
    stats.sat++;
  else if (r == MLY_SMT_UNSAT)
    stats.unsat++;
  else
    stats.unknown++;
  pthread_mutex_unlock(&stats_lock);
}

static MlySmtResult of_lbool(Z3_lbool b) {
  return b == Z3_L_TRUE    ? MLY_SMT_SAT
         : b == Z3_L_FALSE ? MLY_SMT_UNSAT
                           : MLY_SMT_UNKNOWN;
}

MlySmtResult mlySmtCheck(MlySmt *s, Z3_solver solver, const char *what) {
  if (dump_dir)
    dump(what, Z3_solver_to_string(s->z, solver), true);
  double t0 = now_ms();
  MlySmtResult r = of_lbool(Z3_solver_check(s->z, solver));
  if (Z3_get_error_code(s->z) != Z3_OK)
    r = MLY_SMT_UNKNOWN;
  record(r, now_ms() - t0);
  return r;
}

MlySmtResult mlySmtOptimize(MlySmt *s, Z3_ast const *asserts, size_t n,
                            Z3_ast obj, bool maximize, Z3_ast *value,
                            const char *what) {
  Z3_optimize o = Z3_mk_optimize(s->z);
  Z3_optimize_inc_ref(s->z, o);
  Z3_params p = timeout_params(s);
  Z3_optimize_set_params(s->z, o, p);
  Z3_params_dec_ref(s->z, p);
  for (size_t i = 0; i < n; ++i)
    Z3_optimize_assert(s->z, o, asserts[i]);
  unsigned h = maximize ? Z3_optimize_maximize(s->z, o, obj)
                        : Z3_optimize_minimize(s->z, o, obj);
  if (dump_dir)
    dump(what, Z3_optimize_to_string(s->z, o), false);
  double t0 = now_ms();
  MlySmtResult r = of_lbool(Z3_optimize_check(s->z, o, 0, NULL));
  if (r == MLY_SMT_SAT) {
    /* The optimum is attained (a box, piecewise-linear objectives): the
     * model's value of obj is it. */
    Z3_model m = Z3_optimize_get_model(s->z, o);
    Z3_model_inc_ref(s->z, m);
    Z3_ast v = NULL;
    if (!Z3_model_eval(s->z, m, obj, true, &v) || !v ||
        !Z3_is_numeral_ast(s->z, v))
      r = MLY_SMT_UNKNOWN;
    else
      *value = v;
    Z3_model_dec_ref(s->z, m);
    /* A model cut short by the timeout is no optimum. */
    Z3_ast bound = maximize ? Z3_optimize_get_upper(s->z, o, h)
                            : Z3_optimize_get_lower(s->z, o, h);
    if (r == MLY_SMT_SAT &&
        (!Z3_is_numeral_ast(s->z, bound) || !mlySmtRealLe(s, bound, v) ||
         !mlySmtRealLe(s, v, bound)))
      r = MLY_SMT_UNKNOWN;
  }
  if (Z3_get_error_code(s->z) != Z3_OK)
    r = MLY_SMT_UNKNOWN;
  record(r, now_ms() - t0);
  Z3_optimize_dec_ref(s->z, o);
  return r;
}

Z3_ast mlySmtRealOf(MlySmt *s, double d) {
  Z3_ast f = Z3_mk_fpa_numeral_double(s->z, d, Z3_mk_fpa_sort_64(s->z));
  return Z3_simplify(s->z, Z3_mk_fpa_to_real(s->z, f));
}

bool mlySmtRealLe(MlySmt *s, Z3_ast a, Z3_ast b) {
  return Z3_get_bool_value(s->z, Z3_simplify(s->z, Z3_mk_le(s->z, a, b))) ==
         Z3_L_TRUE;
}

double mlySmtToDouble(MlySmt *s, Z3_ast v) {
  Z3_sort_kind k = Z3_get_sort_kind(s->z, Z3_get_sort(s->z, v));
  if (k == Z3_BOOL_SORT)
    return Z3_get_bool_value(s->z, v) == Z3_L_TRUE;
  if (k == Z3_FLOATING_POINT_SORT) {
    if (Z3_fpa_is_numeral_nan(s->z, v))
      return NAN;
    if (Z3_fpa_is_numeral_inf(s->z, v))
      return Z3_fpa_is_numeral_positive(s->z, v) ? INFINITY : -INFINITY;
    Z3_ast d = Z3_simplify(
        s->z, Z3_mk_fpa_to_fp_float(s->z, s->rne, v, Z3_mk_fpa_sort_64(s->z)));
    return Z3_get_numeral_double(s->z, d);
  }
  if (k == Z3_BV_SORT) {
    int64_t i = 0;
    unsigned w = Z3_get_bv_sort_size(s->z, Z3_get_sort(s->z, v));
    uint64_t u = 0;
    if (!Z3_get_numeral_uint64(s->z, v, &u))
      return NAN;
    i = w < 64 && (u >> (w - 1)) & 1 ? (int64_t)(u | (~0ull << w))
                                     : (int64_t)u;
    return (double)i;
  }
  if (k == Z3_INT_SORT || k == Z3_REAL_SORT) {
    if (Z3_is_algebraic_number(s->z, v))
      v = Z3_get_algebraic_number_lower(s->z, v, 20);
    return Z3_get_numeral_double(s->z, v);
  }
  return NAN;
}
