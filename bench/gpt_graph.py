#!/usr/bin/env python3
"""Writes a GPT-style forward pass in the aten dialect with about N ops.

usage: gpt_graph.py N OUT.mlir [--width 64] [--seq 16]
Each layer: layer_norm, qkv linear, three slices, views and permutes into
heads, causal scaled_dot_product_attention, merge heads, out projection,
residual add, layer_norm, MLP (linear, gelu tanh, linear), residual add:
about 20 aten ops a layer. Weights are function arguments marked
mly.param, as mly-import writes them. For pipeline benchmarks only.
"""
import argparse

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int)
ap.add_argument("out")
ap.add_argument("--width", type=int, default=64)
ap.add_argument("--seq", type=int, default=16)
ap.add_argument("--heads", type=int, default=4)
args = ap.parse_args()
d, s, h = args.width, args.seq, args.heads
hd = d // h
layers = max(1, args.n // 20)

T = lambda *dims: "tensor<%sxf32>" % "x".join(str(x) for x in dims)
params, body, n = [], [], [0]


def param(name, *dims):
    params.append('%%%s: %s {mly.param = "%s"}' % (name, T(*dims), name))
    return "%" + name


def op(text, result_type):
    n[0] += 1
    v = "%%v%d" % n[0]
    body.append("    %s = %s -> %s" % (v, text, result_type))
    return v


x = "%x"
for l in range(layers):
    p = lambda name, *dims: param("l%d_%s" % (l, name), *dims)
    g1, b1 = p("ln1_w", d), p("ln1_b", d)
    ln = op('"aten.layer_norm"(%s, %s, %s) {normalized_shape = array<i64: %d>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 1, 1>} : (%s, %s, %s)' % (x, g1, b1, d, T(1, s, d), T(d), T(d)), T(1, s, d))
    wq, bq = p("qkv_w", 3 * d, d), p("qkv_b", 3 * d)
    qkv = op('"aten.linear"(%s, %s, %s) : (%s, %s, %s)' % (ln, wq, bq, T(1, s, d), T(3 * d, d), T(3 * d)), T(1, s, 3 * d))
    heads = []
    for i in range(3):
        sl = op('"aten.slice"(%s) {dim = 2 : i64, start = %d : i64, end = %d : i64, step = 1 : i64} : (%s)' % (qkv, i * d, (i + 1) * d, T(1, s, 3 * d)), T(1, s, d))
        vw = op('"aten.view"(%s) {size = array<i64: 1, %d, %d, %d>} : (%s)' % (sl, s, h, hd, T(1, s, d)), T(1, s, h, hd))
        heads.append(op('"aten.permute"(%s) {dims = array<i64: 0, 2, 1, 3>} : (%s)' % (vw, T(1, s, h, hd)), T(1, h, s, hd)))
    att = op('"aten.scaled_dot_product_attention"(%s, %s, %s) {dropout_p = 0.0 : f64, is_causal = true, scale = %r : f64, enable_gqa = false} : (%s, %s, %s)' % (heads[0], heads[1], heads[2], hd ** -0.5, T(1, h, s, hd), T(1, h, s, hd), T(1, h, s, hd)), T(1, h, s, hd))
    pm = op('"aten.permute"(%s) {dims = array<i64: 0, 2, 1, 3>} : (%s)' % (att, T(1, h, s, hd)), T(1, s, h, hd))
    mg = op('"aten.view"(%s) {size = array<i64: 1, %d, %d>} : (%s)' % (pm, s, d, T(1, s, h, hd)), T(1, s, d))
    wo, bo = p("o_w", d, d), p("o_b", d)
    o = op('"aten.linear"(%s, %s, %s) : (%s, %s, %s)' % (mg, wo, bo, T(1, s, d), T(d, d), T(d)), T(1, s, d))
    x = op('"aten.add"(%s, %s) {alpha = 1 : i64} : (%s, %s)' % (x, o, T(1, s, d), T(1, s, d)), T(1, s, d))
    g2, b2 = p("ln2_w", d), p("ln2_b", d)
    ln2 = op('"aten.layer_norm"(%s, %s, %s) {normalized_shape = array<i64: %d>, eps = 1.0e-05 : f64, cudnn_enable = true, operandSegmentSizes = array<i32: 1, 1, 1>} : (%s, %s, %s)' % (x, g2, b2, d, T(1, s, d), T(d), T(d)), T(1, s, d))
    w1, c1 = p("fc_w", 4 * d, d), p("fc_b", 4 * d)
    f = op('"aten.linear"(%s, %s, %s) : (%s, %s, %s)' % (ln2, w1, c1, T(1, s, d), T(4 * d, d), T(4 * d)), T(1, s, 4 * d))
    ge = op('"aten.gelu"(%s) {approximate = "tanh"} : (%s)' % (f, T(1, s, 4 * d)), T(1, s, 4 * d))
    w2, c2 = p("proj_w", d, 4 * d), p("proj_b", d)
    pr = op('"aten.linear"(%s, %s, %s) : (%s, %s, %s)' % (ge, w2, c2, T(1, s, 4 * d), T(d, 4 * d), T(d)), T(1, s, d))
    x = op('"aten.add"(%s, %s) {alpha = 1 : i64} : (%s, %s)' % (x, pr, T(1, s, d), T(1, s, d)), T(1, s, d))

with open(args.out, "w") as f:
    f.write("// %d layers, %d aten ops\n" % (layers, n[0]))
    f.write("func.func @forward(%s, %%x: %s) -> %s {\n" % (", ".join(params), T(1, s, d), T(1, s, d)))
    f.write("\n".join(body) + "\n")
    f.write("    return %s : %s\n}\n" % (x, T(1, s, d)))
