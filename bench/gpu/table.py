#!/usr/bin/env python3
"""Prints the GPU benchmark table from run.sh's mly.jsonl and torch.jsonl:
per case the mly kernels through HIP-on-CUDA (the default schedule
parameters, the best variant of the autotuner's grid, and the tuned build
when there is one), the same kernels' SPIR-V through Vulkan (the best
variant; GPU timestamps), PyTorch eager and torch.compile, with achieved GB/s or
TFLOP/s and the ratios to eager, to torch.compile and to the roofline
of the faster of the tuned build and the best variant
(bytes over the measured copy bandwidth; FLOPs at cuBLAS's measured rate
for the same GEMM; SDPA for attention). Ratios above 1 mean mly is faster.
Usage: table.py mly.jsonl torch.jsonl"""
import json
import sys


def load(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip().startswith("{")]


def main():
    mly, torch = load(sys.argv[1]), load(sys.argv[2])
    head = torch[0]
    bw = head["copy_bytes_per_s"]
    peers = {r["case"]: r for r in torch[1:]}
    print(f"GPU: {head['device']}, PyTorch {head['torch']}; "
          f"device-to-device copy {bw / 1e12:.2f} TB/s (read + write)\n")
    print("| case | mly default | mly best (variant) | mly tuned | eager | "
          "torch.compile | mly rate | vs eager | vs compile | vs roofline | "
          "mly vulkan best (variant) | vulkan vs eager |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- "
          "| --- |")
    vk = [r for r in mly if r.get("path") == "vulkan"]
    mly = [r for r in mly if r.get("path", "hip") == "hip"]
    cases = []
    for r in mly:
        if r["case"] not in cases:
            cases.append(r["case"])
    for c in cases:
        rows = [r for r in mly if r["case"] == c]
        by = {r["variant"]: r["median_us"] / 1e3 for r in rows}
        grid = {v: t for v, t in by.items() if v != "tuned"}
        best_v = min(grid, key=grid.get)
        # the rate and the ratios: the faster of the tuned build and the
        # best variant (both compiled and timed in this run; autotune.py
        # makes the best variant the tuned build's parameters)
        mine = min(by.get("tuned", grid[best_v]), grid[best_v])
        p = peers.get(c, {})
        eager, comp = p.get("eager_ms"), p.get("compile_ms")
        nbytes, flops = p.get("bytes", 0), p.get("flops", 0)
        if flops:
            rate = f"{flops / (mine * 1e-3) / 1e12:.1f} TFLOP/s"
        elif nbytes:
            rate = f"{nbytes / (mine * 1e-3) / 1e9:.0f} GB/s"
        else:
            rate = ""
        if "cublas_ms" in p:
            roof = f"{p['cublas_ms'] / mine:.2f} of cuBLAS"
        elif "sdpa_ms" in p:
            roof = f"{p['sdpa_ms'] / mine:.2f} of SDPA"
        elif nbytes:
            roof = f"{nbytes / bw * 1e3 / mine:.2f} of copy"
        else:
            roof = ""
        fmt = lambda x: f"{x:.3f} ms" if x is not None else "n/a"
        ratio = lambda x: f"{x / mine:.2f}x" if x else "n/a"
        vby = {r["variant"]: r["median_us"] / 1e3 for r in vk if r["case"] == c}
        if vby:
            vbest = min(vby, key=vby.get)
            vcol = f"{fmt(vby[vbest])} ({vbest})"
            vratio = f"{eager / vby[vbest]:.2f}x" if eager else "n/a"
        else:
            vcol, vratio = "not run", "n/a"
        print(f"| {c} | {fmt(by.get('default'))} | {fmt(grid[best_v])} "
              f"({best_v}) | {fmt(by.get('tuned'))} | {fmt(eager)} | "
              f"{fmt(comp)} | {rate} | {ratio(eager)} | {ratio(comp)} | "
              f"{roof} | {vcol} | {vratio} |")


if __name__ == "__main__":
    main()
