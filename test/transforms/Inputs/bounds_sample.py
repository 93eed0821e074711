#!/usr/bin/env python3
"""Soundness of mly-bounds by sampling: runs `mly-run` on random inputs
uniform in [lo, hi] (fixed seed; the first runs use the corners all-lo,
all-hi and alternating signs) and checks that every output element lies in
the range the bounds report gives the entry function's result.
Usage: bounds_sample.py model.mlir weights.st report.json workdir
       [--runs N] [--seed S] [--range lo,hi] [--entry forward]"""
import argparse
import json
import os
import random
import re
import struct
import subprocess
import sys
from array import array


def write_st(path, tensors):
    header, blobs, off = {}, [], 0
    for name, (shape, vals) in tensors.items():
        raw = array("f", vals).tobytes()
        header[name] = {"dtype": "F32", "shape": shape,
                        "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def read_st(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name != "__metadata__":
            lo, hi = t["data_offsets"]
            out[name] = array("f", data[lo:hi])
    return out


def user_inputs(text, entry):
    """Shapes of the entry's float arguments that are not weights."""
    m = re.search(r"func\.func @%s\((.*?)\) ->" % entry, text)
    shapes = []
    for arg in re.finditer(r"%\w+: tensor<([0-9x]*)f32>( \{[^}]*\})?",
                           m.group(1)):
        if arg.group(2) and "mly.param" in arg.group(2):
            continue
        dims = [int(d) for d in arg.group(1).split("x") if d]
        shapes.append(dims)
    return shapes


def num(v):
    return float(v)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mlir")
    p.add_argument("weights")
    p.add_argument("report")
    p.add_argument("workdir")
    p.add_argument("--runs", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--range", default="-1,1")
    p.add_argument("--entry", default="forward")
    a = p.parse_args()
    lo, hi = (float(x) for x in a.range.split(","))
    rng = random.Random(a.seed)
    report = json.loads(open(a.report).read().splitlines()[-1])
    fn = [f for f in report["functions"] if f["name"] == a.entry][0]
    bounds = [(num(r["range"][0]), num(r["range"][1])) for r in fn["results"]]
    shapes = user_inputs(open(a.mlir).read(), a.entry)
    os.makedirs(a.workdir, exist_ok=True)
    ins, outs = (os.path.join(a.workdir, n) for n in ("in.st", "out.st"))
    checked, widest = 0, [0.0] * len(bounds)
    for run in range(a.runs):
        tensors = {}
        for i, shape in enumerate(shapes):
            n = 1
            for d in shape:
                n *= d
            if run == 0:
                vals = [lo] * n
            elif run == 1:
                vals = [hi] * n
            elif run == 2:
                vals = [lo if k % 2 else hi for k in range(n)]
            else:
                vals = [rng.uniform(lo, hi) for _ in range(n)]
            tensors["input_%d" % i] = (shape, vals)
        write_st(ins, tensors)
        subprocess.run(["mly-run", a.mlir, "--backend", "interp",
                        "--entry", a.entry, "--weights",
                        a.weights, "--inputs", ins, "--outputs", outs],
                       check=True, stdout=subprocess.DEVNULL)
        got = read_st(outs)
        for k, (blo, bhi) in enumerate(bounds):
            for v in got["output_%d" % k]:
                if not blo <= v <= bhi:
                    sys.exit("FAIL: run %d output_%d value %r outside [%r, %r]"
                             % (run, k, v, blo, bhi))
                widest[k] = max(widest[k], abs(v))
                checked += 1
    print("ok: %d runs, %d output values inside the bounds" % (a.runs, checked))
    for k, (blo, bhi) in enumerate(bounds):
        print("output_%d: bounds [%.6g, %.6g], max |value| seen %.6g"
              % (k, blo, bhi, widest[k]))


main()
