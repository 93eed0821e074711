#!/usr/bin/env python3
"""Soundness of mly-bounds' CROWN by sampling: runs `mly-run --backend
interp` on `runs` batches of inputs uniform in [lo, hi] (fixed seed; the
first batch holds the corners -1/+1 of the first rows) and checks every
output element against the per-output ranges of the bounds report (the
entry's results, CROWN intersected with IBP). Also checks CROWN's width
<= IBP's width for every value of the report. Prints one summary line.
Usage: crown_sample.py model.mlir report.json workdir --runs N --seed S
       [--range lo,hi] [--weights W.safetensors]"""
import argparse
import itertools
import json
import os
import random
import re
import struct
import subprocess
import sys
from array import array


def write_st(path, name, shape, vals):
    raw = array("f", vals).tobytes()
    h = json.dumps({name: {"dtype": "F32", "shape": shape,
                           "data_offsets": [0, len(raw)]}}).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + raw)


def read_st(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    return {k: array("f", data[t["data_offsets"][0]:t["data_offsets"][1]])
            for k, t in header.items() if k != "__metadata__"}


def num(v):
    return float(v)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mlir")
    p.add_argument("report")
    p.add_argument("workdir")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--range", default="-1,1")
    p.add_argument("--weights")
    a = p.parse_args()
    lo, hi = (float(x) for x in a.range.split(","))
    rng = random.Random(a.seed)
    report = json.loads(open(a.report).read().splitlines()[-1])
    for v in report["values"]:
        if v["method"] == "crown" and num(v["width"]) > num(v["ibp_width"]):
            sys.exit("FAIL: %s %s: CROWN width %s > IBP width %s"
                     % (v["op"], v["loc"], v["width"], v["ibp_width"]))
    fn = [f for f in report["functions"] if f["name"] == "forward"][0]
    blo, bhi = (num(x) for x in fn["results"][0]["range"])
    text = open(a.mlir).read()
    m = re.search(r"func\.func @forward\((.*?)\) ->", text)
    shape = [int(d) for d in re.findall(
        r"%\w+: tensor<([0-9x]*)f32>(?! \{mly.param)", m.group(1))[-1]
        .split("x") if d]
    n = 1
    for d in shape:
        n *= d
    os.makedirs(a.workdir, exist_ok=True)
    ins, outs = (os.path.join(a.workdir, x) for x in ("in.st", "out.st"))
    checked, seen_lo, seen_hi = 0, float("inf"), float("-inf")
    for run in range(a.runs):
        vals = [rng.uniform(lo, hi) for _ in range(n)]
        if run == 0:  # corners in the first rows
            row = shape[-1]
            for r, c in enumerate(itertools.product((lo, hi), repeat=row)):
                if (r + 1) * row > n:
                    break
                vals[r * row:(r + 1) * row] = c
        write_st(ins, "input_0", shape, vals)
        cmd = ["mly-run", a.mlir, "--backend", "interp", "--inputs", ins,
               "--outputs", outs]
        if a.weights:
            cmd += ["--weights", a.weights]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        for v in read_st(outs)["output_0"]:
            if not blo <= v <= bhi:
                sys.exit("FAIL: run %d value %r outside [%r, %r]"
                         % (run, v, blo, bhi))
            seen_lo, seen_hi = min(seen_lo, v), max(seen_hi, v)
            checked += 1
    print("ok: %d runs, %d output values inside [%.6g, %.6g] (seen "
          "[%.6g, %.6g])" % (a.runs, checked, blo, bhi, seen_lo, seen_hi))


main()
