#!/usr/bin/env python3
"""One line of run.sh's mly.jsonl from a timing log (bench/hip_cuda's runner
or mly-vulkan-replay --time: "median X us, min Y us" for the whole launch
sequence, "kernel NAME: median Z us" per launch).
Usage: parse_log.py CASE VARIANT PATH LOG"""
import json
import re
import sys

case, variant, path, log = sys.argv[1:5]
m = re.search(r"median ([0-9.]+) us, min ([0-9.]+) us", log)
if not m:
    sys.exit(f"{case}/{variant} ({path}): no timing in the log:\n{log}")
kernels = {k: float(t) for k, t in re.findall(r"kernel (\S+): median ([0-9.]+) us", log)}
print(json.dumps({"case": case, "variant": variant, "path": path,
                  "median_us": float(m.group(1)), "min_us": float(m.group(2)),
                  "kernels": kernels}))
