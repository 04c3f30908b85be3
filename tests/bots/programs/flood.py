"""A seat program that answers each message with a 2 MB line and then a thousand more lines."""

import sys

for _line in sys.stdin:
    sys.stdout.write("x" * (2 << 20) + "\n")
    sys.stdout.write("flood\n" * 1000)
    sys.stdout.flush()
