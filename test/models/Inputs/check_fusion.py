"""Reads an mly fusion report and prints the facts fusion-gpt.test checks.

usage: check_fusion.py REPORT.json ATTENTIONS MAX_ELEMENTWISE
"""
import json
import sys

report = json.loads(open(sys.argv[1]).readline())
want_att, max_elem = int(sys.argv[2]), int(sys.argv[3])
kinds = report["kinds"]
print("ops %d kernels %d kinds %s" % (report["ops_before"], report["kernels_after"], kinds))
print("kernels <= ops/3: %s" % ("yes" if 3 * report["kernels_after"] <= report["ops_before"] else "no"))
print("attention kernels: %d (want %d)" % (kinds["attention"], want_att))
print("elementwise kernels within bound: %s" % ("yes" if kinds["elementwise"] <= max_elem else "no"))
