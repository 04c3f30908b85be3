"""A seat program that writes its pid to the file named by its argument, says hello, and then
ignores every request, the end of its input and SIGTERM: only a kill stops it."""

import json
import os
import signal
import sys
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
with open(sys.argv[1], "w") as out:
    out.write(str(os.getpid()))
request = json.loads(sys.stdin.readline())
print(json.dumps({"type": "ready", "id": request["id"]}), flush=True)
while True:
    time.sleep(1)
