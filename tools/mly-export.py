#!/usr/bin/env python3
"""Export a PyTorch model into the files mly imports and checks against.

Run where PyTorch is (the project's GPU machine has PyTorch 2.11):

    python3 tools/mly-export.py NAME OUT_DIR            # a named architecture
    python3 tools/mly-export.py path/to/model.py:Class OUT_DIR [--shape 2x3]

OUT_DIR receives, as the shared torch.export fixtures do:
  model.json           the ExportedProgram serialized by torch._export.serde
  model.core.json      the same after run_decompositions() (Core ATen)
  weights.safetensors  parameters, buffers and tensor constants, keyed by the
                       graph signature's parameter/buffer/constant names
  inputs.safetensors   the example inputs: input_0, input_1, ...
  outputs.safetensors  PyTorch eager outputs for them: output_0, ...
  manifest.json        the ATen ops of each graph, input and output shapes
  graph.txt            the FX code of both graphs, for reading
Weights are random with a fixed seed; nothing is downloaded.
"""
import argparse
import importlib.util
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file
from torch._export.serde.serialize import serialize


class Attention4d(nn.Module):
    """Attention written with aten.matmul on 4-D tensors (no SDPA)."""

    def __init__(self, dim=16, heads=2):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-2, -1)) * (d // self.heads) ** -0.5
        att = att.softmax(dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, s, d)
        return self.proj(y)


class GroupNormPool(nn.Module):
    """conv -> group_norm -> silu -> avg_pool2d -> linear."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = nn.GroupNorm(4, 8)
        self.pool = nn.AvgPool2d(2, stride=2, padding=1, count_include_pad=False)
        self.fc = nn.Linear(8 * 5 * 5, 4)

    def forward(self, x):
        x = self.pool(F.silu(self.norm(self.conv(x))))
        return self.fc(x.flatten(1))


class RMSNormMLP(nn.Module):
    """rms_norm, a gated MLP with hardswish and clamp, log_softmax."""

    def __init__(self, dim=12):
        super().__init__()
        self.norm = nn.RMSNorm(dim, eps=1e-6)
        self.up = nn.Linear(dim, 24, bias=False)
        self.gate = nn.Linear(dim, 24, bias=False)
        self.down = nn.Linear(24, 6)

    def forward(self, x):
        h = self.norm(x)
        h = F.hardswish(self.gate(h)) * self.up(h).clamp(-2.0, 2.0)
        return F.log_softmax(self.down(h), dim=-1)


class SelectMask(nn.Module):
    """index_select of embedding rows, masked_fill by a padding mask, sum."""

    def __init__(self, vocab=20, dim=8):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.register_buffer("rows", torch.tensor([3, 1, 4, 1, 5]))

    def forward(self, ids):
        e = self.emb(ids)                                # [B, S, D]
        picked = torch.index_select(self.emb.weight, 0, self.rows)  # [5, D]
        mask = ids.eq(0).unsqueeze(-1)                   # padding positions
        e = e.masked_fill(mask, 0.0)
        return e.sum(dim=1) @ picked.t()                 # [B, 5]


class GPTBench(nn.Module):
    """A GPT-style decoder written with plain ops (no SDPA), so that the same
    class runs on old PyTorch releases too (the CPU benchmark's peer):
    token + position embeddings, pre-norm blocks of causal attention and a
    GELU MLP, a final norm and an untied head."""

    def __init__(self, layers=12, width=256, heads=4, seq=128, vocab=512):
        super().__init__()
        self.heads, self.seq = heads, seq
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(seq, width)
        self.blocks = nn.ModuleList()
        for _ in range(layers):
            self.blocks.append(nn.ModuleDict({
                "ln1": nn.LayerNorm(width), "qkv": nn.Linear(width, 3 * width),
                "proj": nn.Linear(width, width), "ln2": nn.LayerNorm(width),
                "fc": nn.Linear(width, 4 * width), "out": nn.Linear(4 * width, width)}))
        self.ln_f = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab, bias=False)
        self.register_buffer("mask", torch.tril(torch.ones(seq, seq, dtype=torch.bool)))

    def forward(self, ids):
        b, s = ids.shape
        x = self.wte(ids) + self.wpe(torch.arange(s, device=ids.device))
        hd = x.shape[-1] // self.heads
        for blk in self.blocks:
            q, k, v = blk["qkv"](blk["ln1"](x)).split(x.shape[-1], dim=-1)
            q, k, v = (t.view(b, s, self.heads, hd).transpose(1, 2) for t in (q, k, v))
            att = torch.matmul(q, k.transpose(-2, -1)) * hd ** -0.5
            att = att.masked_fill(~self.mask[:s, :s], float("-inf")).softmax(dim=-1)
            y = torch.matmul(att, v).transpose(1, 2).reshape(b, s, -1)
            x = x + blk["proj"](y)
            x = x + blk["out"](F.gelu(blk["fc"](blk["ln2"](x)), approximate="tanh"))
        return self.head(self.ln_f(x))


MODELS = {
    "attention4d": (Attention4d, lambda: (torch.randn(2, 5, 16),)),
    "groupnorm_pool": (GroupNormPool, lambda: (torch.randn(2, 3, 8, 8),)),
    "rmsnorm_mlp": (RMSNormMLP, lambda: (torch.randn(3, 4, 12),)),
    "select_mask": (SelectMask, lambda: (torch.tensor([[2, 7, 0, 0], [5, 9, 11, 0]]),)),
    "gpt_bench": (GPTBench, lambda: (torch.randint(0, 512, (1, 128)),)),
    "gpt_bench_small": (lambda: GPTBench(layers=2, width=64, heads=4, seq=16, vocab=128),
                        lambda: (torch.randint(0, 128, (1, 16)),)),
}


def load(spec, shapes):
    if spec in MODELS:
        cls, make_inputs = MODELS[spec]
        return cls(), make_inputs()
    path, _, name = spec.partition(":")
    mod_spec = importlib.util.spec_from_file_location("user_model", path)
    mod = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(mod)
    model = getattr(mod, name or "Model")()
    if not shapes:
        sys.exit("mly-export: give --shape for a model file")
    return model, tuple(torch.randn(*[int(d) for d in s.split("x")]) for s in shapes)


def ops_of(ep):
    return sorted({str(n.target) for n in ep.graph.nodes if n.op == "call_function"})


def weights_of(ep):
    """Parameters, buffers and constants keyed by the signature's names."""
    out = {}
    for spec in ep.graph_signature.input_specs:
        if spec.target is None:
            continue
        if spec.target in ep.state_dict:
            out[spec.target] = ep.state_dict[spec.target]
        elif spec.target in ep.constants:
            out[spec.target] = ep.constants[spec.target]
    return {k: v.detach().contiguous() for k, v in out.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", help="a named architecture (%s) or FILE.py:Class" % ", ".join(MODELS))
    ap.add_argument("out")
    ap.add_argument("--shape", action="append", default=[], help="input shape for a model file, e.g. 2x3")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    model, inputs = load(args.model, args.shape)
    model.eval()
    with torch.no_grad():
        expected = model(*inputs)
    expected = expected if isinstance(expected, (tuple, list)) else (expected,)

    ep = torch.export.export(model, inputs, strict=False)
    core = ep.run_decompositions()
    os.makedirs(args.out, exist_ok=True)
    # Stack traces name this script by its path on the exporting machine;
    # keep them relative to the repository.
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    for name, prog in (("model.json", ep), ("model.core.json", core)):
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(serialize(prog).exported_program.replace(here.encode(), b""))
    save_file(weights_of(ep), os.path.join(args.out, "weights.safetensors"))
    save_file({f"input_{i}": t.contiguous() for i, t in enumerate(inputs)},
              os.path.join(args.out, "inputs.safetensors"))
    save_file({f"output_{i}": t.contiguous() for i, t in enumerate(expected)},
              os.path.join(args.out, "outputs.safetensors"))
    manifest = {
        "name": os.path.basename(os.path.normpath(args.out)),
        "torch": torch.__version__,
        "ops": ops_of(ep),
        "core_ops": ops_of(core),
        "inputs": {f"input_{i}": [list(t.shape), str(t.dtype)] for i, t in enumerate(inputs)},
        "outputs": [[list(t.shape), str(t.dtype)] for t in expected],
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    with open(os.path.join(args.out, "graph.txt"), "w") as f:
        f.write(ep.graph_module.code + "\n# core\n" + core.graph_module.code)
    print(f"{args.out}: {len(manifest['ops'])} ops, {len(manifest['core_ops'])} core ops")


if __name__ == "__main__":
    main()
