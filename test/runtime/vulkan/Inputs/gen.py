"""Writes the safetensors files of the vulkan tests (python3, no numpy).

usage: gen.py inputs|expect OUT
"""
import json
import struct
import sys

FMT = {"F32": "f", "BOOL": "?"}


def write(path, tensors):
    """tensors: name -> (dtype, shape, flat values)."""
    header, data = {}, b""
    for name in sorted(tensors):
        dtype, shape, values = tensors[name]
        blob = struct.pack("<%d%s" % (len(values), FMT[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text.encode() + data)


X = [float(i) for i in range(16)]
MASK = [True, False, True, True]
Y = [X[i] * (i % 4 + 1) + 1 for i in range(16)]
S = [sum(Y[4 * r:4 * r + 4]) if MASK[r] else 0.0 for r in range(4)]

if sys.argv[1] == "inputs":
    write(sys.argv[2], {"input_0": ("F32", [4, 4], X),
                        "input_1": ("BOOL", [4], MASK)})
else:
    write(sys.argv[2], {"output_0": ("F32", [4, 4], Y),
                        "output_1": ("F32", [4], S)})
