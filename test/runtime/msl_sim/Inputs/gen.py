"""Writes the safetensors files of the msl-sim tests (python3 without numpy).

usage: gen.py CASE OUT   (see CASES at the bottom)
"""
import json
import math
import struct
import sys

FMT = {"F32": "f", "I64": "q", "I32": "i", "BOOL": "?", "F16": "e"}
SIZE = {"F32": 4, "I64": 8, "I32": 4, "BOOL": 1, "F16": 2}


def write(path, tensors):
    """tensors: name -> (dtype, shape, flat values)."""
    header, data = {}, b""
    for name in sorted(tensors):
        dtype, shape, values = tensors[name]
        n = 1
        for d in shape:
            n *= d
        assert len(values) == n, name
        blob = struct.pack("<%d%s" % (n, FMT[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text.encode() + data)


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


X = [0, 1, 2, 3, -1, -2, -3, -4, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]
W = [float(i) for i in range(4 * 64)]


def two_kernels_weights(out):
    write(out, {"w": ("F32", [4, 64], W)})


def two_kernels_inputs(out):
    write(out, {"input_0": ("F32", [4, 4], X)})


def two_kernels_expect(out):
    cst = [1.0, 2.0, 3.0, 4.0]
    y = [f32(math.exp(f32(X[i] + cst[i % 4]))) for i in range(16)]
    s = [float(sum(W[64 * r:64 * r + 64])) for r in range(4)]
    write(out, {"output_0": ("F32", [4, 4], y), "output_1": ("F32", [4], s)})


def rotate_expect(out):
    n = 256
    v = [(i + 8) % n + 8000 for i in range(n)]
    s = sum((k + 7) % n + 7000 for k in range(n))
    write(out, {"output_0": ("I32", [n], v), "output_1": ("I32", [n], [s] * n)})


def simd_inputs(out):
    write(out, {"input_0": ("F32", [64], [float(i) for i in range(64)])})


def simd_expect(out):
    o = []
    for i in range(64):
        lo = i // 32 * 32
        o += [float(sum(range(lo, lo + 32))), float(lo + 31), float(i ^ 1),
              float(i // 32 * 100 + i % 32)]
    write(out, {"output_0": ("F32", [64, 4], o)})


GX = [(1 << 40) + 3 * i - 70 for i in range(48)]
SCALE = [1, -1, 2, -2, 3, -3, 1 << 40, 0]


def grid_inputs(out):
    write(out, {"input_0": ("I64", [6, 8], GX)})


def grid_expect(out):
    def wrap(x):
        return (x + (1 << 63)) % (1 << 64) - (1 << 63)
    t = [wrap(GX[i] * SCALE[i % 8] + i // 8) for i in range(48)]
    write(out, {"output_0": ("BOOL", [6, 8], [x % 2 == 0 for x in t]),
                "output_1": ("I64", [6, 8], [x - 1 for x in t])})


def patterned(out, shapes, step):
    """Inputs input_0, input_1, ... of the given (dtype, shape)s: multiples
    of 1/16 in [-0.6875, 0.6875] (exact in f16, small sums exact in f32)
    in a pattern of period 23, input i shifted by step * i, so a swapped
    element, tile or lane shows."""
    t = {}
    for i, (dtype, shape) in enumerate(shapes):
        n = 1
        for d in shape:
            n *= d
        t["input_%d" % i] = (dtype, shape,
                             [((j * 7919 + step * i) % 23 - 11) / 16
                              for j in range(n)])
    write(out, t)


def mma_inputs(out):
    """The operands of test/conversions/mly_to_gpu/mma.mlir."""
    patterned(out, [("F16", [2, 150, 70]), ("F16", [2, 70, 130]),
                    ("F16", [130]), ("F16", [150, 70]), ("F16", [130, 70]),
                    ("F32", [150, 70]), ("F32", [70, 130]),
                    ("F16", [64, 256]), ("F16", [64, 128])], 5)


def tiled_inputs(out):
    """The operands of test/targets/Inputs/tiled_transpose.mlir."""
    patterned(out, [("F32", s) for s in
                    ([37, 29], [29, 37], [29, 45], [45, 29], [45])], 3)


def vec_inputs(out):
    """The operands of test/conversions/mly_to_gpu/vec.mlir."""
    patterned(out, [("F16", [6, 12]), ("F16", [12]), ("F32", [6, 256]),
                    ("F16", [6, 512]), ("F16", [6, 16]), ("F32", [16])], 3)


def align_inputs(out):
    """The operands of test/runtime/msl_sim/align.mlir: two 64-float
    tensors 8 and 272 bytes into the data (after 8-byte ones), so one of
    them is 8 bytes off a 16-byte boundary whatever the header's length."""
    patterned(out, [("F32", [2]), ("F32", [64]), ("F32", [2]),
                    ("F32", [64])], 3)


def no_weights(out):
    write(out, {})


CASES = {
    "mma_inputs": mma_inputs,
    "no_weights": no_weights,
    "tiled_inputs": tiled_inputs,
    "vec_inputs": vec_inputs,
    "align_inputs": align_inputs,
    "rotate_expect": rotate_expect,
    "simd_inputs": simd_inputs,
    "simd_expect": simd_expect,
    "grid_inputs": grid_inputs,
    "grid_expect": grid_expect,
    "two_kernels_weights": two_kernels_weights,
    "two_kernels_inputs": two_kernels_inputs,
    "two_kernels_expect": two_kernels_expect,
}

if __name__ == "__main__":
    CASES[sys.argv[1]](sys.argv[2])
