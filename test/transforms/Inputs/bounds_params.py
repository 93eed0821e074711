#!/usr/bin/env python3
"""Gives every weight of a module its exact range: inserts
`mly.range = array<f64: min, max>` next to each `mly.param = "name"` of the
.mlir text, min and max read from a safetensors file (8-byte little-endian
header length, JSON header, data). Stands in for weight binding in the
mly-bounds soundness tests. Usage: bounds_params.py in.mlir weights.st"""
import json
import re
import struct
import sys
from array import array

CODES = {"F32": "f", "F64": "d", "I64": "q", "I32": "i", "I16": "h",
         "I8": "b", "U8": "B", "BOOL": "B"}


def tensor_ranges(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        lo, hi = t["data_offsets"]
        raw = data[lo:hi]
        if t["dtype"] in ("F16", "BF16"):
            halves = array("H", raw)
            if t["dtype"] == "BF16":
                vals = array("f", struct.pack("<%dI" % len(halves),
                                              *[h << 16 for h in halves]))
            else:
                vals = [struct.unpack("<e", struct.pack("<H", h))[0]
                        for h in halves]
        else:
            vals = array(CODES[t["dtype"]], raw)
        if len(vals):
            out[name] = (min(vals), max(vals))
    return out


def main():
    text = open(sys.argv[1]).read()
    ranges = tensor_ranges(sys.argv[2])

    def put(m):
        r = ranges.get(m.group(1))
        if r is None:
            return m.group(0)
        return '%s, mly.range = array<f64: %r, %r>' % (m.group(0), float(r[0]),
                                                      float(r[1]))
    sys.stdout.write(re.sub(r'mly\.param = "([^"]*)"', put, text))


main()
