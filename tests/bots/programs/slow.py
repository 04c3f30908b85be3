"""A seat program that answers its first orders too late, then plays like the minimal bot."""

import json
import pathlib
import runpy
import sys
import time

bot = runpy.run_path(str(pathlib.Path(__file__).parents[3] / "examples" / "minimal_bot.py"))
late = True
for line in sys.stdin:
    request = json.loads(line)
    if request["type"] == "bye":
        break
    if request["type"] == "orders" and late:
        late = False
        time.sleep(1.3)  # past the test's 1 s timeout, and well within the next request's
    answer = bot["reply"](request)
    if answer is not None:
        answer["id"] = request["id"]
        print(json.dumps(answer), flush=True)
