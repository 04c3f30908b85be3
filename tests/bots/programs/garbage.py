"""A seat program that answers every message with a line that is not JSON."""

import sys

for _line in sys.stdin:
    print("I am a teapot", flush=True)
