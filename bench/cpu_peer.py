"""Helpers of bench/cpu.sh (a benchmark, not a test), plain python3 plus torch
for the peer only:

  cpu_peer.py weights MODEL.json SEED OUT.safetensors
      weights for an exported graph: names from its signature, shapes from
      its tensor_values, uniform values from a fixed seed
  cpu_peer.py torch gpt_bench|gpt2 WEIGHTS INPUTS THREADS REPS OUT
      PyTorch eager on the CPU: median of REPS warm forwards, in ms
  cpu_peer.py compare A B
      max abs/rel difference of output_0, and whether within rtol/atol

gpt_bench runs the GPTBench class of tools/mly-export.py (its source, taken
with ast, since that script needs a newer torch to import); gpt2 is a GPT-2
forward in plain ops matching transformers' GPT2LMHeadModel (tanh GELU,
layer norm eps 1e-5, Conv1D weights stored [in, out], a tied head)."""
import array
import ast
import json
import os
import random
import struct
import sys
import time

DTYPES = {"F32": ("f", 4), "I64": ("q", 8), "BOOL": ("B", 1)}


def read_st(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    return header, memoryview(data)[8 + n:]


def write_st(path, tensors):
    """tensors: name -> (dtype name, shape, bytes)."""
    header, off, blobs = {}, 0, []
    for name, (dt, shape, raw) in tensors.items():
        header[name] = {"dtype": dt, "shape": shape, "data_offsets": [off, off + len(raw)]}
        off += len(raw)
        blobs.append(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h)
        for b in blobs:
            f.write(b)


def weights(model_json, seed, out):
    g = json.load(open(model_json))["graph_module"]
    values = g["graph"]["tensor_values"]
    rng = random.Random(int(seed))
    tensors = {}
    for spec in g["signature"]["input_specs"]:
        kind = "parameter" if "parameter" in spec else "buffer" if "buffer" in spec else None
        if not kind:
            continue
        name = spec[kind][kind + "_name"]
        tv = values[spec[kind]["arg"]["name"]]
        shape = [d["as_int"] for d in tv["sizes"]]
        n = 1
        for d in shape:
            n *= d
        if tv["dtype"] == 12:  # bool: the causal mask buffer
            rows, cols = shape
            raw = bytes(1 if c <= r else 0 for r in range(rows) for c in range(cols))
            tensors[name] = ("BOOL", shape, raw)
            continue
        # Uniform with std 0.02 (GPT-2's init scale); norm weights around 1.
        a, base = 0.02 * 3 ** 0.5, 1.0 if (".ln" in name or name.startswith("ln")) and name.endswith("weight") else 0.0
        u = array.array("H", rng.randbytes(2 * n))
        vals = array.array("f", (base + a * (x / 32767.5 - 1.0) for x in u))
        tensors[name] = ("F32", shape, vals.tobytes())
    write_st(out, tensors)


def to_torch(torch, header, data, name):
    h = header[name]
    dt = {"F32": torch.float32, "I64": torch.int64, "BOOL": torch.bool}[h["dtype"]]
    b, e = h["data_offsets"]
    raw = bytearray(data[b:e])
    if dt is torch.bool:
        return torch.frombuffer(raw, dtype=torch.uint8).bool().reshape(h["shape"])
    return torch.frombuffer(raw, dtype=dt).reshape(h["shape"]).clone()


def gpt_bench_class(torch):
    src_path = os.path.join(os.path.dirname(__file__), "..", "tools", "mly-export.py")
    src = open(src_path).read()
    cls = next(n for n in ast.parse(src).body if isinstance(n, ast.ClassDef) and n.name == "GPTBench")
    ns = {"torch": torch, "nn": torch.nn, "F": torch.nn.functional}
    exec(ast.get_source_segment(src, cls), ns)
    return ns["GPTBench"]


def gpt2_forward(torch, w, n_layer, n_head):
    F = torch.nn.functional

    def ln(x, p):
        return F.layer_norm(x, x.shape[-1:], w[p + ".weight"], w[p + ".bias"], 1e-5)

    def conv1d(x, p):
        return torch.addmm(w[p + ".bias"], x.reshape(-1, x.shape[-1]), w[p + ".weight"]).reshape(*x.shape[:-1], -1)

    def forward(ids):
        b, s = ids.shape
        x = F.embedding(ids, w["lm_head.weight"]) + w["transformer.wpe.weight"][:s]
        d = x.shape[-1]
        hd = d // n_head
        mask = torch.tril(torch.ones(s, s, dtype=torch.bool))
        for i in range(n_layer):
            p = "transformer.h.%d." % i
            q, k, v = conv1d(ln(x, p + "ln_1"), p + "attn.c_attn").split(d, dim=-1)
            q, k, v = (t.view(b, s, n_head, hd).transpose(1, 2) for t in (q, k, v))
            att = torch.matmul(q, k.transpose(-2, -1)) * hd ** -0.5
            att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
            y = torch.matmul(att, v).transpose(1, 2).reshape(b, s, d)
            x = x + conv1d(y, p + "attn.c_proj")
            x = x + conv1d(F.gelu(conv1d(ln(x, p + "ln_2"), p + "mlp.c_fc"), approximate="tanh"), p + "mlp.c_proj")
        return F.linear(ln(x, "transformer.ln_f"), w["lm_head.weight"])
    return forward


def run_torch(kind, wpath, ipath, threads, reps, out):
    import torch
    torch.set_num_threads(int(threads))
    wh, wd = read_st(wpath)
    ih, idata = read_st(ipath)
    w = {k: to_torch(torch, wh, wd, k) for k in wh}
    ids = to_torch(torch, ih, idata, "input_0")
    if kind == "gpt_bench":
        layers = len({k.split(".")[1] for k in w if k.startswith("blocks.")})
        vocab, width = w["wte.weight"].shape
        seq = w["wpe.weight"].shape[0]
        model = gpt_bench_class(torch)(layers=layers, width=width, heads=4, seq=seq, vocab=vocab)
        model.load_state_dict(w, strict=True)
        model.eval()
        fwd = model
    else:
        n_layer = len({k.split(".")[2] for k in w if k.startswith("transformer.h.")})
        fwd = gpt2_forward(torch, w, n_layer, n_head=4)
    times = []
    with torch.no_grad():
        y = fwd(ids)
        for _ in range(int(reps)):
            t0 = time.perf_counter()
            y = fwd(ids)
            times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    write_st(out, {"output_0": ("F32", list(y.shape), y.contiguous().numpy().tobytes()
                                if hasattr(y, "numpy") else b"")})
    print("median_ms=%.3f min_ms=%.3f torch=%s" % (times[(len(times) - 1) // 2], times[0], torch.__version__))


def compare(a, b, rtol=1e-3, atol=1e-4):
    (ha, da), (hb, db) = read_st(a), read_st(b)
    x = array.array("f", bytes(da[slice(*ha["output_0"]["data_offsets"])]))
    y = array.array("f", bytes(db[slice(*hb["output_0"]["data_offsets"])]))
    if ha["output_0"]["shape"] != hb["output_0"]["shape"]:
        print("shape mismatch %s vs %s FAIL" % (ha["output_0"]["shape"], hb["output_0"]["shape"]))
        return
    mabs = max(abs(p - q) for p, q in zip(x, y))
    bad = sum(1 for p, q in zip(x, y) if not abs(p - q) <= atol + rtol * abs(q))
    print("max_abs_err=%.3g %s" % (mabs, "ok" if not bad else "FAIL (%d outside rtol=%g atol=%g)" % (bad, rtol, atol)))


if __name__ == "__main__":
    cmd, rest = sys.argv[1], sys.argv[2:]
    {"weights": weights, "torch": run_torch, "compare": compare}[cmd](*rest)
