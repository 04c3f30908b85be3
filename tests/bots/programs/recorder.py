"""The minimal bot, writing every message it receives to the file named by its argument."""

import json
import pathlib
import runpy
import sys

log = pathlib.Path(sys.argv[1])
bot = runpy.run_path(str(pathlib.Path(__file__).parents[3] / "examples" / "minimal_bot.py"))
with log.open("w") as out:
    for line in sys.stdin:
        out.write(line)
        out.flush()
        request = json.loads(line)
        if request["type"] == "bye":
            break
        answer = bot["reply"](request)
        if answer is not None:
            answer["id"] = request["id"]
            print(json.dumps(answer), flush=True)
