"""A seat program that answers with JSON nested deeper than Python's parser can follow."""

import sys

for _line in sys.stdin:
    print("[" * 200_000, flush=True)
