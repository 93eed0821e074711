#!/usr/bin/env python3
"""The GPU benchmark cases (issue 10) and their PyTorch peers.

Run on the device machine (PyTorch 2.11, CUDA):

    python3 bench/gpu/cases.py export OUT_DIR [--small]
        each case's graph, torch.export-serialized as mly-export writes it
        (model.json; weights are not written: the runners fill every buffer
        with seeded random values on the GPU), plus case.json: shapes,
        dtype, the ideal bytes moved and FLOPs;
    python3 bench/gpu/cases.py torch [--small] [--cases a,b]
        times PyTorch eager and torch.compile (CUDA events, median of 20
        runs after 5 warm-ups) and measures the roofline peers in the same
        process: a device-to-device copy's bandwidth and cuBLAS's rate for
        each GEMM shape; prints one JSON object per line.

--small shrinks every case (for checking the script itself, not for
numbers).
"""
import argparse
import json
import math
import os
import statistics
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class BiasGelu(nn.Module):
    def __init__(self, cols):
        super().__init__()
        self.bias = nn.Parameter(torch.randn(cols))

    def forward(self, x):
        return F.gelu(x + self.bias)


class Softmax(nn.Module):
    def forward(self, x):
        return torch.softmax(x, dim=-1)


class LayerNorm(nn.Module):
    def __init__(self, cols):
        super().__init__()
        self.norm = nn.LayerNorm(cols)

    def forward(self, x):
        return self.norm(x)


class RMSNorm(nn.Module):
    def __init__(self, cols):
        super().__init__()
        self.norm = nn.RMSNorm(cols)

    def forward(self, x):
        return self.norm(x)


class GemmBiasRelu(nn.Module):
    def __init__(self, k, n):
        super().__init__()
        self.fc = nn.Linear(k, n)

    def forward(self, x):
        return torch.relu(self.fc(x))


class CausalAttention(nn.Module):
    """Written out (matmul, mask, softmax, matmul) as models export it."""

    def __init__(self, seq):
        super().__init__()
        self.register_buffer("mask", torch.tril(torch.ones(seq, seq, dtype=torch.bool)))

    def forward(self, q, k, v):
        s = torch.matmul(q, k.transpose(-2, -1)) * q.shape[-1] ** -0.5
        s = s.masked_fill(~self.mask, float("-inf"))
        return torch.matmul(torch.softmax(s, dim=-1), v)


def gpt2_small(small):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "mly_export", os.path.join(os.path.dirname(__file__), "..", "..", "tools", "mly-export.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if small:
        return mod.GPTBench(layers=2, width=64, heads=4, seq=32, vocab=256), (2, 32), 256
    return mod.GPTBench(layers=12, width=768, heads=12, seq=512, vocab=50257), (8, 512), 50257


def cases(small, dtypes=("f32", "f16")):
    """name -> (module, inputs, bytes, flops, dtype). Bytes are the ideal
    traffic (each input and output once), FLOPs the matrix work."""
    r = (lambda big, little: little) if small else (lambda big, little: big)
    out = {}
    for dt in dtypes:
        t = torch.float32 if dt == "f32" else torch.float16
        es = 4 if dt == "f32" else 2
        rows, cols = r(8192, 64), r(8192, 256)
        n = rows * cols
        out[f"bias_gelu_{dt}"] = (BiasGelu(cols), [((rows, cols), t)], 2 * n * es, 0, t)
        out[f"softmax_{dt}"] = (Softmax(), [((rows, cols), t)], 2 * n * es, 0, t)
        rows, cols = r(8192, 64), r(4096, 256)
        n = rows * cols
        out[f"layernorm_{dt}"] = (LayerNorm(cols), [((rows, cols), t)], 2 * n * es, 0, t)
        out[f"rmsnorm_{dt}"] = (RMSNorm(cols), [((rows, cols), t)], 2 * n * es, 0, t)
        m = r(4096, 128)
        out[f"gemm_bias_relu_{dt}"] = (GemmBiasRelu(m, m), [((m, m), t)],
                                       3 * m * m * es, 2 * m * m * m, t)
        b, h, s, d = r(4, 1), r(16, 2), r(2048, 64), 64
        shape = (b, h, s, d)
        out[f"attention_{dt}"] = (CausalAttention(s), [(shape, t)] * 3, 4 * b * h * s * d * es,
                                  2 * 2 * b * h * s * s * d // 2, t)
    model, ids, vocab = gpt2_small(small)
    out["gpt2_small_f32"] = (model, [(ids, torch.int64, vocab)], 0, 0, torch.float32)
    return out


def make_inputs(specs, device):
    g = torch.Generator(device=device).manual_seed(0)
    xs = []
    for spec in specs:
        shape, t = spec[0], spec[1]
        if t == torch.int64:
            xs.append(torch.randint(0, spec[2], shape, generator=g, device=device))
        else:
            xs.append(torch.randn(shape, generator=g, device=device, dtype=torch.float32).to(t))
    return xs


def gpu_time_ms(fn, reps=20, warm=5):
    for _ in range(warm):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        b.synchronize()
        times.append(a.elapsed_time(b))
    return statistics.median(times)


def copy_bandwidth(nbytes=1 << 30):
    x = torch.empty(nbytes // 4, device="cuda")
    y = torch.empty_like(x)
    ms = gpu_time_ms(lambda: y.copy_(x))
    return 2 * nbytes / (ms * 1e-3)  # bytes read and written per second


def export(out_dir, small):
    from torch._export.serde.serialize import serialize
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep
    for name, (mod, specs, nbytes, flops, t) in cases(small).items():
        mod = mod.to(t) if t != torch.float32 else mod
        mod.eval()
        xs = make_inputs(specs, "cpu")
        ep = torch.export.export(mod, tuple(xs), strict=False)
        d = os.path.join(out_dir, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "model.json"), "wb") as f:
            f.write(serialize(ep).exported_program.replace(here.encode(), b""))
        with open(os.path.join(d, "case.json"), "w") as f:
            json.dump({"name": name, "inputs": [[list(s[0]), str(s[1])] for s in specs],
                       "bytes": nbytes, "flops": flops}, f)
        print(f"{name}: exported", flush=True)


def time_torch(small, only):
    dev = torch.cuda.get_device_name(0)
    bw = copy_bandwidth()
    print(json.dumps({"device": dev, "copy_bytes_per_s": bw, "torch": torch.__version__}), flush=True)
    for name, (mod, specs, nbytes, flops, t) in cases(small).items():
        if only and name not in only:
            continue
        mod = mod.to("cuda")
        mod = mod.to(t) if t != torch.float32 else mod
        mod.eval()
        xs = make_inputs(specs, "cuda")
        row = {"case": name, "bytes": nbytes, "flops": flops}
        with torch.no_grad():
            row["eager_ms"] = gpu_time_ms(lambda: mod(*xs))
            try:
                comp = torch.compile(mod)
                row["compile_ms"] = gpu_time_ms(lambda: comp(*xs))
            except Exception as e:  # reported, not hidden
                row["compile_error"] = str(e).splitlines()[0][:200]
            if name.startswith("attention"):
                row["sdpa_ms"] = gpu_time_ms(
                    lambda: F.scaled_dot_product_attention(*xs, is_causal=True))
            if name.startswith("gemm"):
                a, w = xs[0], mod.fc.weight
                row["cublas_ms"] = gpu_time_ms(lambda: torch.mm(a, w.t()))
        print(json.dumps(row), flush=True)
        del mod, xs
        torch.cuda.empty_cache()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["export", "torch"])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--cases", default="")
    a = ap.parse_args()
    torch.manual_seed(0)
    if a.mode == "export":
        export(a.out or "bench-cases", a.small)
    else:
        time_torch(a.small, set(filter(None, a.cases.split(","))))


if __name__ == "__main__":
    main()
