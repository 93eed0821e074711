"""Writes one small safetensors file, valid or malformed, for the lit tests.

usage: gen.py CASE OUT   (see CASES at the bottom)
"""
import json
import struct
import sys

# Reference (huggingface/safetensors) element sizes and layout order: data
# sorted by dtype alignment rank descending, then by name.
SIZE = {"I64": 8, "F32": 4, "I32": 4, "BF16": 2, "F16": 2, "I8": 1, "U8": 1, "BOOL": 1}
RANK = {"I64": 13, "F32": 11, "I32": 9, "BF16": 8, "F16": 7, "I8": 2, "U8": 1, "BOOL": 0}


def raw(header, data=b"", hlen=None):
    """The 8-byte length, the header text as given, then data."""
    if isinstance(header, str):
        header = header.encode()
    n = len(header) if hlen is None else hlen
    return struct.pack("<Q", n) + header + data


def padded(text):
    return text + " " * ((8 - len(text) % 8) % 8)


def reference(tensors, metadata=None):
    """A file byte-identical to the reference writer's: tensors maps name to
    (dtype, shape, bytes)."""
    order = sorted(tensors, key=lambda k: (-RANK[tensors[k][0]], k))
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name in order:
        dtype, shape, blob = tensors[name]
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    return raw(padded(json.dumps(header, separators=(",", ":"))), data)


def one(entry, data=b"\0" * 24, name="w"):
    """A file with one tensor entry (a dict, or any JSON value) and data."""
    return raw(padded(json.dumps({name: entry})), data)


def w(**kw):
    e = {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}
    e.update(kw)
    return {k: v for k, v in e.items() if v is not None}


def all_dtypes():
    t = {
        "f32": ("F32", [2], struct.pack("<2f", 1.5, -2.0)),
        "f16": ("F16", [3], struct.pack("<3e", 1.0, -0.5, 65504.0)),
        "bf16": ("BF16", [1, 2], bytes([0x80, 0x3F, 0x00, 0xC0])),
        "i64": ("I64", [2], struct.pack("<2q", -(2**63), 2**63 - 1)),
        "i32": ("I32", [], struct.pack("<i", -7)),
        "i8": ("I8", [3], struct.pack("<3b", -128, 0, 127)),
        "u8": ("U8", [2, 2], bytes([0, 1, 254, 255])),
        "bool": ("BOOL", [3], bytes([1, 0, 1])),
    }
    return reference(t, {"format": "pt", "note": "all dtypes"})


CASES = {
    # Valid: a scalar, an empty tensor, metadata, reference layout.
    "valid": lambda: reference({
        "fc.weight": ("F32", [2, 3], struct.pack("<6f", *range(6))),
        "fc.bias": ("F32", [3], struct.pack("<3f", 1, 2, 3)),
        "step": ("I64", [], struct.pack("<q", 42)),
        "empty": ("F16", [0, 4], b""),
    }, {"format": "pt"}),
    "all-dtypes": all_dtypes,
    # Valid: no tensors at all (the reference's empty file).
    "empty": lambda: reference({}),
    # Valid: a gap between tensors and trailing bytes are tolerated.
    "gap": lambda: raw(padded(json.dumps({
        "a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]},
        "b": {"dtype": "U8", "shape": [2], "data_offsets": [4, 6]}})), b"\1" * 10),
    "short": lambda: b"\x10\0\0\0\0",
    "zero": lambda: b"",
    "hlen-past-end": lambda: raw("{}", hlen=1000),
    "hlen-absurd": lambda: raw("{}", hlen=2**64 - 1),
    "not-json": lambda: raw(padded('{"w": {"dtype": "F32",')),
    "trailing": lambda: raw('{}  x    '),
    "bad-utf8": lambda: raw(b'{"\xff": 1}     '),
    "not-object": lambda: raw(padded("[1, 2]")),
    "entry-not-object": lambda: one(3),
    "missing-dtype": lambda: one(w(dtype=None)),
    "missing-shape": lambda: one(w(shape=None)),
    "missing-offsets": lambda: one(w(data_offsets=None)),
    "dtype-not-string": lambda: one(w(dtype=4)),
    "unknown-dtype": lambda: one(w(dtype="F64")),
    "shape-not-array": lambda: one(w(shape="2x3")),
    "dim-not-integer": lambda: one(w(shape=[2, 3.0])),
    "negative-dim": lambda: one(w(shape=[2, -3])),
    "rank-too-big": lambda: one(w(shape=[1] * 17, data_offsets=[0, 4]), b"\0" * 4),
    "numel-overflow": lambda: one(w(shape=[2**32, 2**32])),
    "bytes-overflow": lambda: one(w(shape=[2**62])),
    "offsets-not-pair": lambda: one(w(data_offsets=[0])),
    "offsets-negative": lambda: one(w(data_offsets=[-24, 0])),
    "offsets-not-integer": lambda: one(w(data_offsets=[0, "24"])),
    "begin-after-end": lambda: one(w(data_offsets=[24, 0])),
    "past-end": lambda: one(w(data_offsets=[8, 32])),
    "size-mismatch": lambda: one(w(data_offsets=[0, 20])),
    "overlap": lambda: raw(padded(json.dumps({
        "a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
        "b": {"dtype": "F32", "shape": [2], "data_offsets": [20, 28]},
        "c": {"dtype": "F32", "shape": [2], "data_offsets": [12, 20]}})), b"\0" * 28),
    "duplicate": lambda: raw(padded(
        '{"w": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1]}, '
        '"w": {"dtype": "U8", "shape": [1], "data_offsets": [1, 2]}}'), b"\0\0"),
    "metadata-not-object": lambda: raw(padded('{"__metadata__": "pt"}')),
    "metadata-not-string": lambda: raw(padded('{"__metadata__": {"epoch": 3}}')),
}

if __name__ == "__main__":
    with open(sys.argv[2], "wb") as f:
        f.write(CASES[sys.argv[1]]())
