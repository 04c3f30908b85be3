"""A seat program that says hello and then never answers again."""

import json
import sys
import time

for line in sys.stdin:
    request = json.loads(line)
    if request["type"] == "hello":
        print(json.dumps({"type": "ready", "id": request["id"]}), flush=True)
    elif request["type"] != "bye":
        time.sleep(60)
