"""How long the fuzzers run: one pass of FUZZ_EXAMPLES (default 300) examples each inside the
suite; `make fuzz` sets FUZZ_SECONDS and each fuzzer then runs pass after pass, each with new
random examples, until its share of the time is up. A failure is any exception other than the
one-line error the input deserves, which hypothesis shrinks to the smallest input that shows it."""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SECONDS = float(os.environ.get("FUZZ_SECONDS", "0"))  # for each fuzzer
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a busy machine is slow, not hung: `make fuzz` runs under `timeout` for hangs
    database=None,
    suppress_health_check=list(HealthCheck),
)


def keep_going(test) -> None:
    """Run the hypothesis test `test` once, then again until SECONDS have passed."""
    end = time.monotonic() + SECONDS
    test()
    while time.monotonic() < end:
        test()
