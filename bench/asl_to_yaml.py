#!/usr/bin/env python3
"""Wraps an ASL definition (JSON) in a CloudFormation template written as
block YAML: Resources.Machine.Properties.Definition holds the definition as
nested mappings. Stdlib only; strings are written double-quoted (JSON
strings are valid YAML).  Usage: asl_to_yaml.py IN.json OUT.yaml"""
import json
import sys


def dump(v, indent, out):
    pad = "  " * indent
    if isinstance(v, dict) and v:
        for k, x in v.items():
            if isinstance(x, (dict, list)) and x:
                out.append("%s%s:" % (pad, json.dumps(k)))
                dump(x, indent + 1, out)
            else:
                out.append("%s%s: %s" % (pad, json.dumps(k), json.dumps(x)))
    elif isinstance(v, list) and v:
        for x in v:
            if isinstance(x, (dict, list)) and x:
                out.append("%s-" % pad)
                dump(x, indent + 1, out)
            else:
                out.append("%s- %s" % (pad, json.dumps(x)))


definition = json.load(open(sys.argv[1]))
template = {"Resources": {"Machine": {
    "Type": "AWS::StepFunctions::StateMachine",
    "Properties": {"Definition": definition}}}}
lines = []
dump(template, 0, lines)
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
