"""A seat program that plays like the minimal bot for two quarters, then exits mid-game."""

import json
import sys

for line in sys.stdin:
    request = json.loads(line)
    kind = request["type"]
    if kind == "orders" and request["view"]["quarter"] >= 3:
        sys.exit(3)
    reply = {
        "hello": {"type": "ready"},
        "talks": {"type": "offers", "offers": []},
        "offer": {"type": "answer", "accept": False, "reason": "not now"},
        "orders": {"type": "orders", "actions": [], "reason": "waiting"},
    }.get(kind)
    if reply is not None:
        reply["id"] = request["id"]
        print(json.dumps(reply), flush=True)
