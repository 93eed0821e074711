"""Writes the erf test's input x (256 f32 values over [-6, 6], tiny ones,
zeros) and the expected output_0 = erf(x) rounded to f32, from Python's
math.erf (correctly rounded double), as safetensors.

usage: gen_erf.py inputs.safetensors expect.safetensors
"""
import json
import math
import struct
import sys


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def write(path, name, values):
    blob = struct.pack("<%df" % len(values), *values)
    header = json.dumps({name: {"dtype": "F32", "shape": [len(values)],
                                "data_offsets": [0, len(blob)]}},
                        separators=(",", ":"))
    header += " " * ((8 - len(header) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header.encode() + blob)


xs = [f32(-6 + 12 * i / 239) for i in range(240)]
xs += [0.0, -0.0, 1e-30, -1e-30, 1e-10, -1e-10, 0.927734375, -0.927734375,
       0.9277344, 1e-3, 0.01, 0.1, 3.9, 4.0, 10.0, -10.0]
write(sys.argv[1], "input_0", xs)
write(sys.argv[2], "output_0", [f32(math.erf(x)) for x in xs])
