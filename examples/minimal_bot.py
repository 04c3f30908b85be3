"""A minimal Silicon Curtain seat program: it plays legally, and says why.

Run by the game, one JSON object a line each way (docs/seat-protocol.md):
    python -m game simulate --external vendor="python examples/minimal_bot.py"
Each quarter it orders the cheapest actions it may, while its budget lasts, answers every
choice with its first option, makes no offer, and accepts a trade of an action for an action
when the rules let it (a deal's terms it does not read, so it turns deals down).
"""

import json
import sys


def reply(request):
    kind = request["type"]
    if kind == "hello":
        return {"type": "ready", "protocol": 1, "name": "minimal bot"}
    if kind == "talks":
        return {"type": "offers", "offers": []}
    if kind == "offer":
        offer = request["offer"]
        accept = request["may_accept"] and "deal" not in offer
        why = "a trade I can pay for" if accept else "I do not read deals' terms"
        return {"type": "answer", "accept": accept, "reason": why}
    if kind == "orders":
        budget = request["view"]["budget"] or 0
        chosen = []
        for action in sorted(request["actions"], key=lambda a: a["cost"]):
            if action["available"] and action["cost"] <= budget:
                chosen.append(action["id"])
                budget -= action["cost"]
        choices = {c["event"]: c["options"][0]["id"] for c in request["choices"]}
        why = f"the cheapest actions first, {budget} budget left" if chosen else "nothing affordable: pass"
        return {"type": "orders", "actions": chosen, "choices": choices, "reason": why}
    return None  # "bye", or a message of a later protocol: no reply


def main():
    for line in sys.stdin:
        request = json.loads(line)
        if request["type"] == "bye":
            break
        answer = reply(request)
        if answer is not None:
            answer["id"] = request["id"]
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
