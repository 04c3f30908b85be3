"""Time `python -m game` to its title screen against a bare Textual app; run by hand.

    .venv/bin/python tests/ui/measure_startup.py [runs]

Each run is a fresh interpreter that runs the app headless and exits as soon as the first
screen is up, so the figure is import + App start + first frame, as a player waits for it.
Not a pytest test: timings on a shared 2-core machine are too noisy to assert in the suite.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from game.commands.bench import BARE_APP, GAME_APP

ROOT = Path(__file__).resolve().parents[2]

# The same two programs `python -m game bench` times, so the two figures measure one thing.
BARE, GAME = BARE_APP, GAME_APP


def once(code: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; CPU time is steadier on a busy machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"a timed run failed with exit code {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    once(BARE), once(GAME)  # warm the file cache and the .pyc files
    bare, game = [], []
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        bare.append(once(BARE))
        game.append(once(GAME))
    for i, what in enumerate(("wall", "CPU")):
        b = statistics.median(t[i] for t in bare)
        g = statistics.median(t[i] for t in game)
        print(
            f"{what:>4}: bare Textual app median {b * 1000:.0f} ms (min {min(t[i] for t in bare) * 1000:.0f}); "
            f"python -m game median {g * 1000:.0f} ms (min {min(t[i] for t in game) * 1000:.0f}); "
            f"ratio {g / b:.2f} (limit 1.30)"
        )


if __name__ == "__main__":
    main()
