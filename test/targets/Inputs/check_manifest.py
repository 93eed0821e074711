"""Cross-checks a launch manifest against the host program it describes
and the MSL emitted beside it; prints one summary line, exits 1 with the
first mismatch.

usage: check_manifest.py host.mlir out.metal out.manifest.json
"""
import json
import re
import sys

SIZES = {"f32": 4, "f16": 2, "bf16": 2, "i64": 8, "i32": 4, "i16": 2,
         "i8": 1, "i1": 1}
MSL = {"f32": "float", "f16": "half", "bf16": "bfloat", "i64": "long",
       "i32": "int", "i16": "short", "i8": "char", "i1": "bool"}


def fail(msg):
    print("MISMATCH: " + msg)
    sys.exit(1)


mlir, metal, manifest = (open(p).read() for p in sys.argv[1:4])
m = json.loads(manifest)
if m["version"] != 1 or m["target"] != "msl":
    fail("version/target")
launches = re.findall(r"gpu\.launch_func\s+@\w+::@(\w+)", mlir)
if m["launch_order"] != launches or [k["name"] for k in m["kernels"]] != launches:
    fail("launch order %s vs %s" % (m["launch_order"], launches))
buffers = {b["name"]: b for b in m["buffers"]}
if len(buffers) != len(m["buffers"]):
    fail("duplicate buffer names")
for b in m["buffers"]:
    n = 1
    for d in b["shape"]:
        n *= d
    if b["bytes"] != n * SIZES[b["dtype"]]:
        fail("bytes of " + b["name"])
    if b["role"] == "intermediate" and "offset" in b and \
            b["offset"] + b["bytes"] > m["arena_bytes"]:
        fail("arena of " + b["name"])
n_bindings = 0
for k in m["kernels"]:
    sig = re.search(r"kernel void %s\((.*?)\) \{" % k["name"], metal, re.S)
    if not sig:
        fail("no kernel " + k["name"])
    params = re.findall(r"device (const )?(\w+) \*arg(\d+) \[\[buffer\((\d+)\)\]\]",
                        sig.group(1))
    if len(params) != len(k["bindings"]):
        fail("binding count of " + k["name"])
    for (const, ty, arg, idx), b in zip(params, k["bindings"]):
        buf = buffers.get(b["buffer"])
        if not buf or int(arg) != b["index"] or int(idx) != b["index"]:
            fail("binding %d of %s" % (b["index"], k["name"]))
        for f in ("role", "dtype", "shape", "bytes"):
            if buf[f] != b[f]:
                fail("%s of binding %d of %s" % (f, b["index"], k["name"]))
        if MSL[b["dtype"]] != ty:
            fail("type of binding %d of %s" % (b["index"], k["name"]))
        if (const == "const ") != (b["access"] == "read"):
            fail("const/access of binding %d of %s" % (b["index"], k["name"]))
        if b["role"] in ("input", "weight", "constant") and b["access"] != "read":
            fail("kernel %s writes %s %s" % (k["name"], b["role"], b["buffer"]))
        n_bindings += 1
    if len(k["grid"]) != 3 or len(k["threadgroup"]) != 3:
        fail("sizes of " + k["name"])
outputs = [b for b in m["buffers"] if b["role"] == "output"]
written = {b["buffer"] for k in m["kernels"] for b in k["bindings"]
           if b["access"] != "read"}
for o in outputs:
    if o["name"] not in written:
        fail("output %s is never written" % o["name"])
print("ok: %d launches, %d bindings, %d buffers, %d outputs" %
      (len(launches), n_bindings, len(m["buffers"]), len(outputs)))
