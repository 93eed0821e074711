// bench/hip_cuda: runs a host program's kernels on an NVIDIA GPU from
// what mly-translate --mlir-to-hip writes: the kernels compiled by nvcc
// into a cubin (the .hip through include/hip/hip_runtime.h) and the launch
// manifest (targets/mly_targets.h: buffers with roles, shapes and arena
// offsets; kernels in launch order with grid, block and bindings). Binds
// weights by their mly.param names and inputs by name or position
// (input_<k>) from safetensors files, launches every kernel in order
// through the CUDA driver API, and compares each output with the expected
// one (output_<i>), as mly-run does: ok when |got - want| <= atol +
// rtol * |want| for every element. Then times the whole launch sequence.
//
//   runner KERNELS.cubin MANIFEST.json WEIGHTS INPUTS EXPECTED
//          [--rtol R] [--atol A] [--iters N] [--warmup W] [--per-kernel]
//
// Exits 0 only when every output is within tolerance. For benchmarks,
// INPUTS and EXPECTED may be "-": every input, constant and weight not in
// WEIGHTS (which may be "-" too) is then filled with seeded random values
// (floats uniform in [-1, 1], integers in [0, 1000), booleans 0/1) and
// nothing is compared.
// The time is the median (and minimum) of N runs of the whole launch
// sequence after W warm-up runs, each between two CUDA events; with
// --per-kernel, also of each launch on its own (lines "kernel NAME: ...").
#include <cuda.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void die(const std::string &msg) {
  std::fprintf(stderr, "runner: error: %s\n", msg.c_str());
  std::exit(2);
}

void check_cu(CUresult r, const char *what) {
  if (r != CUDA_SUCCESS) {
    const char *s = nullptr;
    cuGetErrorString(r, &s);
    die(std::string(what) + ": " + (s ? s : "unknown CUDA error"));
  }
}

void check_rt(cudaError_t r, const char *what) {
  if (r != cudaSuccess)
    die(std::string(what) + ": " + cudaGetErrorString(r));
}

// ---- A small JSON reader (objects, arrays, strings, numbers, literals).

struct Json {
  enum Kind { Null, Bool, Num, Str, Arr, Obj } kind = Null;
  bool b = false;
  double num = 0;
  long long integer = 0;
  std::string str;
  std::vector<Json> arr;
  std::vector<std::pair<std::string, Json>> obj;

  const Json *find(const std::string &k) const {
    for (auto &kv : obj)
      if (kv.first == k)
        return &kv.second;
    return nullptr;
  }
  const Json &at(const std::string &k) const {
    const Json *v = find(k);
    if (!v)
      die("manifest: missing key '" + k + "'");
    return *v;
  }
};

struct Parser {
  const char *p, *end;
  void ws() {
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
      ++p;
  }
  char peek() {
    ws();
    if (p >= end)
      die("json: unexpected end");
    return *p;
  }
  void expect(char c) {
    if (peek() != c)
      die(std::string("json: expected '") + c + "'");
    ++p;
  }
  std::string string() {
    expect('"');
    std::string s;
    while (p < end && *p != '"') {
      if (*p == '\\') {
        ++p;
        if (p >= end)
          die("json: bad escape");
        switch (*p) {
        case 'n': s += '\n'; break;
        case 't': s += '\t'; break;
        case 'u':
          if (end - p < 5)
            die("json: bad \\u escape");
          s += (char)std::strtol(std::string(p + 1, 4).c_str(), nullptr, 16);
          p += 4;
          break;
        default: s += *p;
        }
        ++p;
      } else {
        s += *p++;
      }
    }
    expect('"');
    return s;
  }
  Json value() {
    Json v;
    char c = peek();
    if (c == '{') {
      v.kind = Json::Obj;
      ++p;
      if (peek() == '}') {
        ++p;
        return v;
      }
      for (;;) {
        std::string k = string();
        expect(':');
        v.obj.emplace_back(k, value());
        if (peek() == ',') {
          ++p;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.kind = Json::Arr;
      ++p;
      if (peek() == ']') {
        ++p;
        return v;
      }
      for (;;) {
        v.arr.push_back(value());
        if (peek() == ',') {
          ++p;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.kind = Json::Str;
      v.str = string();
      return v;
    }
    if (!std::strncmp(p, "true", 4) || !std::strncmp(p, "false", 5)) {
      v.kind = Json::Bool;
      v.b = *p == 't';
      p += v.b ? 4 : 5;
      return v;
    }
    if (!std::strncmp(p, "null", 4)) {
      p += 4;
      return v;
    }
    char *q = nullptr;
    v.kind = Json::Num;
    v.integer = std::strtoll(p, &q, 10);
    v.num = std::strtod(p, &q);
    if (q == p)
      die("json: bad value");
    p = q;
    return v;
  }
};

Json parse_json(const std::string &text) {
  Parser ps{text.data(), text.data() + text.size()};
  return ps.value();
}

std::string read_file(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    die("cannot open '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// ---- safetensors

struct Tensor {
  std::string dtype; // the manifest's spelling: f32 f16 bf16 i64 i32 i8 i1
  std::vector<long long> shape;
  const unsigned char *data = nullptr;
  size_t bytes = 0;
};

struct Safetensors {
  std::string blob;
  std::map<std::string, Tensor> tensors;
  explicit Safetensors(const std::string &path) : blob(read_file(path)) {
    if (blob.size() < 8)
      die("'" + path + "' is no safetensors file");
    uint64_t n;
    std::memcpy(&n, blob.data(), 8);
    if (n > blob.size() - 8)
      die("'" + path + "': header too long");
    Json h = parse_json(blob.substr(8, n));
    static const std::map<std::string, std::string> dtypes = {
        {"F32", "f32"}, {"F16", "f16"}, {"BF16", "bf16"}, {"I64", "i64"},
        {"I32", "i32"}, {"I8", "i8"},   {"U8", "u8"},     {"BOOL", "i1"}};
    for (auto &kv : h.obj) {
      if (kv.first == "__metadata__")
        continue;
      Tensor t;
      auto d = dtypes.find(kv.second.at("dtype").str);
      if (d == dtypes.end())
        die("'" + path + "': dtype " + kv.second.at("dtype").str);
      t.dtype = d->second;
      for (auto &s : kv.second.at("shape").arr)
        t.shape.push_back(s.integer);
      auto &off = kv.second.at("data_offsets").arr;
      size_t b = (size_t)off.at(0).integer, e = (size_t)off.at(1).integer;
      if (b > e || 8 + n + e > blob.size())
        die("'" + path + "': bad offsets of " + kv.first);
      t.data = (const unsigned char *)blob.data() + 8 + n + b;
      t.bytes = e - b;
      tensors[kv.first] = t;
    }
  }
  const Tensor *find(const std::string &k) const {
    auto it = tensors.find(k);
    return it == tensors.end() ? nullptr : &it->second;
  }
};

float half_to_float(uint16_t h, bool bf16) {
  if (bf16) {
    uint32_t u = (uint32_t)h << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
  }
  int ex = (h >> 10) & 31, m = h & 1023;
  float v = ex == 0    ? std::ldexp((float)m, -24)
            : ex == 31 ? (m ? NAN : INFINITY)
                       : std::ldexp((float)(m + 1024), ex - 25);
  return h & 0x8000 ? -v : v;
}

// Element i of a buffer of dtype as a double.
double element(const std::string &dtype, const unsigned char *p, size_t i) {
  if (dtype == "f32") {
    float f;
    std::memcpy(&f, p + 4 * i, 4);
    return f;
  }
  if (dtype == "f16" || dtype == "bf16") {
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    return half_to_float(h, dtype == "bf16");
  }
  if (dtype == "i64") {
    long long x;
    std::memcpy(&x, p + 8 * i, 8);
    return (double)x;
  }
  if (dtype == "i32") {
    int x;
    std::memcpy(&x, p + 4 * i, 4);
    return x;
  }
  if (dtype == "i8")
    return (signed char)p[i];
  return p[i]; // u8, i1
}

size_t elem_size(const std::string &dtype) {
  if (dtype == "f64" || dtype == "i64")
    return 8;
  if (dtype == "f32" || dtype == "i32")
    return 4;
  if (dtype == "f16" || dtype == "bf16" || dtype == "i16")
    return 2;
  return 1;
}

// Element i of a buffer of dtype set from u in [0, 1): floats in [-1, 1],
// integers in [0, 1000), booleans 0 or 1.
void store_random(const std::string &dtype, unsigned char *p, size_t i,
                  double u) {
  if (dtype == "f32") {
    float f = (float)(2 * u - 1);
    std::memcpy(p + 4 * i, &f, 4);
  } else if (dtype == "f16" || dtype == "bf16") {
    float f = (float)(2 * u - 1);
    uint32_t b;
    std::memcpy(&b, &f, 4);
    uint16_t h;
    if (dtype == "bf16") {
      h = (uint16_t)(b >> 16);
    } else { // |f| <= 1: a normal or zero half, truncated
      int ex = (int)((b >> 23) & 255) - 127 + 15;
      h = (uint16_t)(((b >> 16) & 0x8000) |
                     (ex > 0 ? ((unsigned)ex << 10) | ((b >> 13) & 1023) : 0));
    }
    std::memcpy(p + 2 * i, &h, 2);
  } else if (dtype == "i64") {
    long long x = (long long)(u * 1000);
    std::memcpy(p + 8 * i, &x, 8);
  } else if (dtype == "i32") {
    int x = (int)(u * 1000);
    std::memcpy(p + 4 * i, &x, 4);
  } else if (dtype == "i1") {
    p[i] = u < 0.5;
  } else {
    size_t es = elem_size(dtype);
    for (size_t b = 0; b < es; ++b)
      p[es * i + b] = (unsigned char)(u * 256);
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 6)
    die("usage: runner KERNELS.cubin MANIFEST.json WEIGHTS INPUTS EXPECTED "
        "[--rtol R] [--atol A] [--iters N]");
  double rtol = 1e-3, atol = 1e-4;
  int iters = 20, warmup = 5;
  bool per_kernel = false;
  for (int i = 6; i < argc; i += 2) {
    if (!std::strcmp(argv[i], "--per-kernel")) {
      per_kernel = true;
      --i;
      continue;
    }
    if (i + 1 == argc)
      die(std::string("option ") + argv[i] + " needs a value");
    if (!std::strcmp(argv[i], "--rtol"))
      rtol = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--atol"))
      atol = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--iters"))
      iters = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--warmup"))
      warmup = std::atoi(argv[i + 1]);
    else
      die(std::string("unknown option ") + argv[i]);
  }
  Json man = parse_json(read_file(argv[2]));
  bool random = !std::strcmp(argv[4], "-");
  bool have_w = std::strcmp(argv[3], "-") != 0;
  bool compare = std::strcmp(argv[5], "-") != 0;
  if ((!random && !have_w) || (random && compare))
    die("INPUTS is a file with WEIGHTS a file, or '-' (random, then "
        "EXPECTED is '-' too)");
  std::unique_ptr<Safetensors> wfile, ifile, efile;
  if (have_w)
    wfile.reset(new Safetensors(argv[3]));
  if (!random)
    ifile.reset(new Safetensors(argv[4]));
  if (compare)
    efile.reset(new Safetensors(argv[5]));
  std::vector<unsigned char> noise;
  uint64_t seed = 0x9E3779B97F4A7C15ull;

  check_rt(cudaFree(nullptr), "cudaFree (context)");
  cudaDeviceProp prop;
  check_rt(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
  std::printf("device: %s (sm_%d%d), warp size %d\n", prop.name, prop.major,
              prop.minor, prop.warpSize);
  CUmodule mod;
  check_cu(cuModuleLoad(&mod, argv[1]), "cuModuleLoad");

  // Buffers: device memory for each, by name.
  const Json &bufs = man.at("buffers");
  std::map<std::string, CUdeviceptr> dev;
  std::vector<void *> owned;
  CUdeviceptr arena = 0;
  if (const Json *ab = man.find("arena_bytes")) {
    void *p;
    check_rt(cudaMalloc(&p, (size_t)ab->integer), "cudaMalloc (arena)");
    check_rt(cudaMemset(p, 0xff, (size_t)ab->integer), "cudaMemset");
    owned.push_back(p);
    arena = (CUdeviceptr)p;
  }
  int n_inputs = 0;
  struct Out {
    std::string name, dtype;
    size_t bytes;
    long long index;
  };
  std::vector<Out> outs;
  for (const Json &b : bufs.arr) {
    const std::string &name = b.at("name").str, &role = b.at("role").str;
    const std::string &dtype = b.at("dtype").str;
    size_t bytes = (size_t)b.at("bytes").integer;
    if (role == "intermediate" && b.find("offset")) {
      if (!arena)
        die("buffer " + name + " has an offset but there is no arena");
      dev[name] = arena + (CUdeviceptr)b.at("offset").integer;
      continue;
    }
    if (role == "constant" && !random)
      die("buffer " + name + " is a constant (memref.global values are "
          "not in the manifest); the runner fills them only with '-'");
    void *p;
    check_rt(cudaMalloc(&p, bytes ? bytes : 1), "cudaMalloc");
    owned.push_back(p);
    dev[name] = (CUdeviceptr)p;
    check_rt(cudaMemset(p, 0xff, bytes), "cudaMemset");
    const Tensor *t = role == "weight" && wfile ? wfile->find(name) : nullptr;
    if (!t && random && role != "output" && role != "intermediate") {
      size_t es = elem_size(dtype), n = es ? bytes / es : 0;
      noise.assign(bytes, 0);
      for (size_t i = 0; i < n; ++i) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        double u = (double)(seed >> 11) / 9007199254740992.0;
        store_random(dtype, noise.data(), i, u);
      }
      check_rt(cudaMemcpy(p, noise.data(), bytes, cudaMemcpyHostToDevice),
               "cudaMemcpy (random)");
    } else if (role == "weight") {
      if (!t)
        die("weight '" + name + "' is not in the weights file");
    } else if (role == "input") {
      t = ifile->find(name);
      if (!t)
        t = ifile->find("input_" + std::to_string(n_inputs));
      if (!t)
        die("input '" + name + "' (input_" + std::to_string(n_inputs) +
            ") is not in the inputs file");
      ++n_inputs;
    } else if (role == "output") {
      outs.push_back({name, dtype, bytes, b.at("output_index").integer});
    }
    if (t) {
      if (t->dtype != dtype || t->bytes != bytes)
        die("'" + name + "' is " + std::to_string(t->bytes) + " bytes of " +
            t->dtype + " in the file, the program wants " +
            std::to_string(bytes) + " of " + dtype);
      check_rt(cudaMemcpy(p, t->data, bytes, cudaMemcpyHostToDevice),
               "cudaMemcpy (upload)");
    }
  }

  // Launches, in order.
  struct Launch {
    std::string name;
    CUfunction fn;
    unsigned grid[3], block[3];
    unsigned smem = 0; /* dynamic shared memory bytes */
    std::vector<CUdeviceptr> args;
  };
  std::vector<Launch> launches;
  for (const Json &k : man.at("kernels").arr) {
    Launch l;
    l.name = k.at("name").str;
    check_cu(cuModuleGetFunction(&l.fn, mod, l.name.c_str()),
             ("cuModuleGetFunction " + l.name).c_str());
    // over 48 KiB the HIP target carves the workgroup arrays from dynamic
    // shared memory of the manifest's size (targets/hip)
    if (const Json *wg = k.find("workgroup_memory_bytes"))
      if (wg->integer > 48 * 1024) {
        l.smem = (unsigned)wg->integer;
        check_cu(cuFuncSetAttribute(
                     l.fn, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                     (int)l.smem),
                 ("cuFuncSetAttribute " + l.name).c_str());
      }
    for (int i = 0; i < 3; ++i) {
      l.grid[i] = (unsigned)k.at("grid").arr.at(i).integer;
      l.block[i] = (unsigned)k.at("threadgroup").arr.at(i).integer;
    }
    for (const Json &b : k.at("bindings").arr) {
      auto it = dev.find(b.at("buffer").str);
      if (it == dev.end())
        die("kernel " + l.name + " binds unknown buffer " +
            b.at("buffer").str);
      l.args.push_back(it->second);
    }
    launches.push_back(l);
  }
  auto run_one = [&](Launch &l) {
    std::vector<void *> params;
    for (CUdeviceptr &a : l.args)
      params.push_back(&a);
    check_cu(cuLaunchKernel(l.fn, l.grid[0], l.grid[1], l.grid[2], l.block[0],
                            l.block[1], l.block[2], l.smem, nullptr,
                            params.data(),
                            nullptr),
             ("cuLaunchKernel " + l.name).c_str());
  };
  auto run_all = [&]() {
    for (Launch &l : launches)
      run_one(l);
  };
  run_all();
  check_cu(cuCtxSynchronize(), "running the kernels");

  bool all_ok = true;
  for (const Out &o : compare ? outs : std::vector<Out>()) {
    std::vector<unsigned char> host(o.bytes);
    check_rt(cudaMemcpy(host.data(), (void *)dev[o.name], o.bytes,
                        cudaMemcpyDeviceToHost),
             "cudaMemcpy (download)");
    std::string key = "output_" + std::to_string(o.index);
    const Tensor *want = efile->find(key);
    if (!want)
      want = efile->find(o.name);
    if (!want || want->dtype != o.dtype || want->bytes != o.bytes)
      die("output " + key + " is missing from the expected outputs or of "
          "another type");
    size_t n = o.bytes / elem_size(o.dtype);
    double max_abs = 0, max_rel = 0;
    size_t bad = 0;
    for (size_t i = 0; i < n; ++i) {
      double g = element(o.dtype, host.data(), i);
      double w = element(o.dtype, want->data, i);
      double d = std::fabs(g - w);
      if (std::isnan(g) != std::isnan(w) || d > atol + rtol * std::fabs(w))
        ++bad;
      if (!std::isnan(d)) {
        max_abs = std::fmax(max_abs, d);
        if (w != 0)
          max_rel = std::fmax(max_rel, d / std::fabs(w));
      }
    }
    std::printf("%s: %zu elements of %s max_abs_err=%.3g max_rel_err=%.3g "
                "%s\n",
                key.c_str(), n, o.dtype.c_str(), max_abs, max_rel,
                bad ? "FAIL" : "ok");
    if (bad) {
      std::printf("  %zu elements beyond atol %g + rtol %g\n", bad, atol,
                  rtol);
      all_ok = false;
    }
  }

  if (iters > 0) {
    cudaEvent_t a, b;
    check_rt(cudaEventCreate(&a), "cudaEventCreate");
    check_rt(cudaEventCreate(&b), "cudaEventCreate");
    for (int i = 0; i < warmup; ++i)
      run_all();
    std::vector<float> times;
    for (int i = 0; i < iters; ++i) {
      check_rt(cudaEventRecord(a, 0), "cudaEventRecord");
      run_all();
      check_rt(cudaEventRecord(b, 0), "cudaEventRecord");
      check_rt(cudaEventSynchronize(b), "cudaEventSynchronize");
      float ms = 0;
      check_rt(cudaEventElapsedTime(&ms, a, b), "cudaEventElapsedTime");
      times.push_back(ms);
    }
    std::sort(times.begin(), times.end());
    std::printf("%zu kernels; one run of all: median %.1f us, min %.1f us "
                "(%d runs after %d warm-ups)\n",
                launches.size(), 1000.0 * times[times.size() / 2],
                1000.0 * times[0], iters, warmup);
    for (size_t k = 0; per_kernel && k < launches.size(); ++k) {
      times.clear();
      for (int i = 0; i < warmup; ++i)
        run_one(launches[k]);
      for (int i = 0; i < iters; ++i) {
        check_rt(cudaEventRecord(a, 0), "cudaEventRecord");
        run_one(launches[k]);
        check_rt(cudaEventRecord(b, 0), "cudaEventRecord");
        check_rt(cudaEventSynchronize(b), "cudaEventSynchronize");
        float ms = 0;
        check_rt(cudaEventElapsedTime(&ms, a, b), "cudaEventElapsedTime");
        times.push_back(ms);
      }
      std::sort(times.begin(), times.end());
      std::printf("kernel %s: median %.2f us\n", launches[k].name.c_str(),
                  1000.0 * times[times.size() / 2]);
    }
  }
  for (void *p : owned)
    cudaFree(p);
  cuModuleUnload(mod);
  return all_ok ? 0 : 1;
}
