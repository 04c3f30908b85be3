"""A seat program that orders every one of its actions (more than any budget pays for), offers
a deal that does not exist, accepts every offer, and leaves a reason with control characters."""

import json
import sys

actions = []
for line in sys.stdin:
    request = json.loads(line)
    kind, reply = request["type"], None
    if kind == "hello":
        me = request["seat"]
        actions = [a["id"] for s in request["rules"]["seats"] if s["id"] == me for a in s["actions"]]
        reply = {"type": "ready"}
    elif kind == "talks":
        other = "lawmaker" if request["view"]["seat"] != "lawmaker" else "vendor"
        reply = {"type": "offers", "offers": [{"to": other, "deal": "no_such_deal"}]}
    elif kind == "offer":
        reply = {"type": "answer", "accept": True}
    elif kind == "orders":
        reply = {"type": "orders", "actions": actions, "reason": "all of it\x1b]0;pwned\x07" + "!" * 500}
    if reply is not None:
        reply["id"] = request["id"]
        print(json.dumps(reply), flush=True)
