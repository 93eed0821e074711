#!/usr/bin/env python3
"""Writes the causal masks of a benchmark case (bench/gpu/cases/*/model.json,
a torch.export program) to a safetensors file: every square bool buffer
named "mask" (what cases.py's attention and mly-export.py's GPT-2 register:
torch.tril(torch.ones(s, s, dtype=torch.bool))) as that lower-triangular
matrix, under its buffer name (the weight's mly.param name). The runners
take weights from the file and fill every other one with random values;
with random masks no key tile is masked whole, unlike the model.
Writes nothing when the case has no such buffer.
Usage: masks.py MODEL.json OUT.safetensors"""
import json
import os
import struct
import sys

BOOL = 12  # torch.export's ScalarType of torch.bool


def main():
    doc = json.load(open(sys.argv[1]))
    g = doc["graph_module"]
    values = g["graph"]["tensor_values"]
    tensors = {}
    for spec in g["signature"]["input_specs"]:
        buf = spec.get("buffer")
        if not buf or buf["buffer_name"] != "mask":
            continue
        meta = values[buf["arg"]["name"]]
        dims = [s["as_int"] for s in meta["sizes"]]
        if meta["dtype"] != BOOL or len(dims) != 2 or dims[0] != dims[1]:
            continue
        n = dims[0]
        tensors["mask"] = (dims, b"".join(b"\1" * (i + 1) + b"\0" * (n - i - 1)
                                          for i in range(n)))
    if os.path.exists(sys.argv[2]):
        os.remove(sys.argv[2])
    if not tensors:
        return
    header, data = {}, b""
    for name, (dims, blob) in sorted(tensors.items()):
        header[name] = {"dtype": "BOOL", "shape": dims,
                        "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - len(text) % 8) % 8)
    with open(sys.argv[2], "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text.encode() + data)


if __name__ == "__main__":
    main()
