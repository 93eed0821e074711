#!/usr/bin/env python3
"""Writes bench/gpu/tuning.json from a run of the variants (run.sh's
mly.jsonl): for every kernel signature (the kernels' mly.signature in each
variant's host.mlir) the schedule parameters of the variant whose kernel
ran fastest, under the device name torch.jsonl reports. mly-opt reads it
with --mly-gpu-tuning=bench/gpu/tuning.json --mly-gpu-device=NAME.
Usage: autotune.py mly.jsonl torch.jsonl [tuning.json]"""
import json
import os
import re
import sys

OPTS = {"default": {}, "t64k8": {"tile": 64, "ktile": 8},
        "t64k16": {"tile": 64, "ktile": 16}, "t128k8": {"tile": 128, "ktile": 8},
        "t128k16": {"tile": 128, "ktile": 16, "wgmem": 48},
        "t96k16": {"tile": 96, "ktile": 16},
        "b64": {"block-size": 64}, "b128": {"block-size": 128}, "b512": {"block-size": 512},
        "b1024": {"block-size": 1024}, "q0": {"qblock": 0, "atile": 0},
        "q32": {"qblock": 32, "atile": 0}, "q128": {"qblock": 128, "atile": 0},
        "a0": {"atile": 0}, "mma": {"mma": 1, "wgmem": 48},
        "mma64": {"mma": 1, "ktile": 64, "wgmem": 48},
        "mmao2": {"mma": 1, "wgmem": 48, "occupancy": 2},
        "mmas3": {"mma": 1, "wgmem": 96, "stages": 3},
        "mmas3o2": {"mma": 1, "wgmem": 96, "stages": 3, "occupancy": 2},
        "mmas4o2": {"mma": 1, "wgmem": 112, "stages": 4, "occupancy": 2},
        "mma64s3": {"mma": 1, "ktile": 64, "wgmem": 120, "stages": 3},
        "mma64o2": {"mma": 1, "ktile": 64, "wgmem": 48, "occupancy": 2},
        "mma64d": {"mma": 1, "ktile": 64, "wgmem": 96},
        "mma64do2": {"mma": 1, "ktile": 64, "wgmem": 96, "occupancy": 2},
        "e2": {"elems": 2}, "e4": {"elems": 4}, "e8": {"elems": 8},
        "v1": {"vec": 1}, "v2": {"vec": 2}, "v8": {"vec": 8}}
# entries written before the vec option were timed with one element a
# lane: tuning.json's older entries say "vec": 1
BASE = {"block-size": 256, "tile": 32, "ktile": 16, "qblock": 64, "mma": 0, "elems": 1,
        "atile": 1, "wgmem": 32, "vec": 0, "occupancy": 1, "stages": 1}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    device = json.loads(open(sys.argv[2]).readline())["device"]
    out = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "tuning.json")
    doc = json.load(open(out)) if os.path.exists(out) else {"version": 1, "devices": {}}
    entries = doc["devices"].setdefault(device, {})
    best = {}
    for r in runs:
        # "tuned" ran the entries already in the file: a kernel of it that
        # wins keeps its entry (a run that times only default and tuned
        # must not reset the entries to the defaults)
        if (r["variant"] not in OPTS and r["variant"] != "tuned") or \
                r.get("path", "hip") != "hip":
            continue
        host = open(os.path.join(here, "out", r["case"], r["variant"], "host.mlir")).read()
        sig = dict(re.findall(r'gpu\.func @(\w+)\(.*?mly\.signature = "([^"]*)"', host))
        for k, us in r["kernels"].items():
            s = sig.get(k)
            if s and (s not in best or us < best[s][0]):
                best[s] = (us, r["variant"])
    for s, (us, v) in sorted(best.items()):
        if v == "tuned":
            if s in entries:
                entries[s]["us"] = round(us, 2)
            continue
        entries[s] = dict(BASE, **OPTS[v], us=round(us, 2), variant=v)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{out}: {len(best)} kernel signatures for '{device}'")


if __name__ == "__main__":
    main()
