#!/usr/bin/env python3
"""Writes a `show -json` plan of N resource changes shaped like the plan captured from the bundled module
(tests/resources/show-json/captured/bundled-dev-create.json): the same document structure, its node
record repeated with a mix of actions, so parity and jq read the same realistic file."""
import json
import sys

ACTIONS = [["create"], ["update"], ["no-op"], ["delete"], ["delete", "create"], ["create", "delete"], ["read"]]


def main(count, out, template):
    with open(template, encoding="utf-8") as f:
        plan = json.load(f)
    model = plan["resource_changes"][0]
    with open(out, "w", encoding="utf-8") as f:
        head = {k: v for k, v in plan.items() if k != "resource_changes"}
        f.write(json.dumps(head)[:-1] + ', "resource_changes": [')
        for i in range(count):
            rc = json.loads(json.dumps(model))
            rc["address"] = 'terraform_data.node["n-%d"]' % i
            rc["index"] = "n-%d" % i
            rc["change"]["actions"] = ACTIONS[i % len(ACTIONS)]
            rc["change"]["after"] = {"input": {"name": "node-%d" % i, "data_dir": "/srv/nodes/n-%d" % i,
                                               "ports": {"postgresql": 15432 + i % 1000}, "padding": "x" * 200}}
            f.write(("," if i else "") + json.dumps(rc))
        f.write("]}\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
