"""Writes broken variants of a model's safetensors files next to PREFIX.

usage: gen.py PREFIX MODEL_DIR. Pure Python (no safetensors package): reads
and writes the format directly, so the files are what they claim to be.
"""
import json
import struct
import sys


def read(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        out[name] = (e["dtype"], e["shape"], data[b:end])
    return out


def write(path, tensors):
    header, blobs, at = {}, [], 0
    for name, (dtype, shape, blob) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [at, at + len(blob)]}
        blobs.append(blob)
        at += len(blob)
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    open(path, "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


prefix, model = sys.argv[1], sys.argv[2]
w = read(model + "/weights.safetensors")

missing = dict(w)
del missing["2.bias"]
write(prefix + ".missing-weight.safetensors", missing)

f16 = dict(w)
dtype, shape, blob = f16["0.weight"]
f16["0.weight"] = ("F16", shape, blob[: len(blob) // 2])
write(prefix + ".f16-weight.safetensors", f16)

bad_shape = dict(w)
dtype, shape, blob = bad_shape["0.bias"]
bad_shape["0.bias"] = (dtype, [shape[0] - 1], blob[:-4])
write(prefix + ".shape-weight.safetensors", bad_shape)

out = read(model + "/outputs.safetensors")
dtype, shape, blob = out["output_0"]
first = struct.unpack("<f", blob[:4])[0] + 0.5
out["output_0"] = (dtype, shape, struct.pack("<f", first) + blob[4:])
write(prefix + ".wrong-output.safetensors", out)
