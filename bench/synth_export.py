#!/usr/bin/env python3
"""Writes a synthetic torch.export ExportedProgram JSON of N nodes.

usage: synth_export.py N OUT.json
A chain over one [8, 64] input: add.Tensor, mul.Tensor, relu, exp, neg in
turn (every node reads the previous one), in the schema 8.x layout that
torch._export.serde writes. For import-time benchmarks only.
"""
import json
import sys

n, out = int(sys.argv[1]), sys.argv[2]
meta = {"dtype": 7, "sizes": [{"as_int": 8}, {"as_int": 64}],
        "requires_grad": False, "device": {"type": "cpu", "index": None},
        "strides": [{"as_int": 64}, {"as_int": 1}],
        "storage_offset": {"as_int": 0}, "layout": 7}
cycle = ["add.Tensor", "mul.Tensor", "relu.default", "exp.default", "neg.default"]
nodes, values, prev = [], {"x": meta}, "x"
for i in range(n):
    target = cycle[i % len(cycle)]
    name = f"n{i}"
    args = [{"name": "self", "arg": {"as_tensor": {"name": prev}}, "kind": 1}]
    if target in ("add.Tensor", "mul.Tensor"):
        args.append({"name": "other", "arg": {"as_tensor": {"name": "x"}}, "kind": 1})
    nodes.append({"target": "torch.ops.aten." + target, "inputs": args,
                  "outputs": [{"as_tensor": {"name": name}}],
                  "metadata": {"stack_trace": f'File "synth.py", line {i + 1}, in forward'},
                  "name": name})
    values[name] = meta
    prev = name
program = {
    "graph_module": {
        "graph": {"inputs": [{"as_tensor": {"name": "x"}}],
                  "outputs": [{"as_tensor": {"name": prev}}],
                  "nodes": nodes, "tensor_values": values,
                  "sym_int_values": {}, "sym_bool_values": {},
                  "is_single_tensor_return": False, "custom_obj_values": {},
                  "sym_float_values": {}},
        "signature": {
            "input_specs": [{"user_input": {"arg": {"as_tensor": {"name": "x"}}}}],
            "output_specs": [{"user_output": {"arg": {"as_tensor": {"name": prev}}}}]},
        "module_call_graph": [], "metadata": {}, "treespec_namedtuple_fields": {}},
    "opset_version": {"aten": 1}, "range_constraints": {},
    "schema_version": {"major": 8, "minor": 17}, "verifiers": [],
    "torch_version": "synthetic", "guards_code": []}
with open(out, "w") as f:
    json.dump(program, f)
