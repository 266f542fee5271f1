#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check the JSON documents a guest printed: json_checks.py LOG.

A guest without a JSON parser (tests/system/guest/common.sh, json_doc) writes

    === json NAME
    <the document>
    === json-end NAME
    json-expect NAME EXPR

Each document is parsed with python3's json module (not the library that
wrote it) and EXPR, a Python expression over the document `d`, must be True.
Prints "ok json-NAME" or "FAIL json-NAME: why" per document, to be appended
to the log the tier judges; a json-expect without a document fails too.
"""
import json
import sys


def main():
    docs, expects, cur, lines = {}, [], None, []
    with open(sys.argv[1], errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if cur is not None:
                if line == "=== json-end " + cur:
                    docs[cur] = "\n".join(lines)
                    cur = None
                else:
                    lines.append(line)
            elif line.startswith("=== json "):
                cur, lines = line[len("=== json "):], []
            elif line.startswith("json-expect "):
                name, _, expr = line[len("json-expect "):].partition(" ")
                expects.append((name, expr))
    for name, expr in expects:
        if name not in docs:
            print("FAIL json-%s: no document between '=== json %s' and its end" % (name, name))
            continue
        try:
            d = json.loads(docs[name])
        except ValueError as e:
            print("FAIL json-%s: not JSON: %s" % (name, e))
            continue
        try:
            good = eval(expr, {}, {"d": d})
        except Exception as e:  # the expression's own failure is the check's
            print("FAIL json-%s: %s: %s: %r" % (name, expr, type(e).__name__, e))
            continue
        if good is True:
            print("ok json-%s" % name)
        else:
            print("FAIL json-%s: %s is false of %s" % (name, expr, json.dumps(d)[:400]))


if __name__ == "__main__":
    main()
