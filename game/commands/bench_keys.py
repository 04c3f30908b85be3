"""`bench`'s key-to-screen figures: how long a key takes to bring up the next screen.

Each run is a fresh interpreter (so modules imported on first use count, as for a player),
driving the app headless through Textual's Pilot at 100×30: the time from a key to the new
screen being current, ready (the new-game form filled in) and idle (composed, mounted,
laid out). The game runs the main transitions of a one-human game; a bare Textual app
pushes and pops a screen with a header, a 30-row DataTable, a 20-item OptionList and a
footer, the same number of times. Runs of the two alternate, so load on the machine hits
both alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# (label, key, the screen class it brings up): a one-human game as a player steps through it.
TRANSITIONS = (
    ("title n -> new-game form", "n", "NewGameScreen"),
    ("form ctrl+s -> opening", "ctrl+s", "IntroScreen"),
    ("opening enter -> briefing", "enter", "BriefingScreen"),
    ("briefing enter -> news", "enter", "QuarterScreen"),
    ("news o -> talks", "o", "TalksScreen"),
    ("talks o -> orders", "o", "OrdersScreen"),
    ("orders escape -> talks", "escape", "TalksScreen"),
    ("talks escape -> news", "escape", "QuarterScreen"),
)
BARE_SWITCHES = 4  # pushes and as many pops: as many transitions as the game's

# Shared by both children: press a key, wait for the screen, print the milliseconds.
_DRIVER = """
import asyncio, json, sys, time
from textual import events
CHARS = {"enter": "\\r", "escape": "\\x1b", "ctrl+s": "\\x13"}
async def timed(pilot, label, key, screen, ready=lambda s: True):
    # The key goes in as the terminal driver sends it (Pilot's own press waits for the
    # process to look idle, which on a busy machine adds its own delays).
    app = pilot.app
    event = events.Key(key, CHARS.get(key, key))
    event.set_sender(app)
    start, cpu = time.perf_counter(), time.process_time()
    app._driver.send_message(event)
    deadline = start + 30
    while not (type(app.screen).__name__ == screen and app.screen.is_mounted and ready(app.screen)):
        if time.perf_counter() > deadline:
            print("key-fail", f"{label}: {screen} did not come up within 30 s (on {type(app.screen).__name__})")
            raise SystemExit(1)
        await asyncio.sleep(0.001)
    painted = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(painted.set_result, None)
    await painted
    wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    print("key-ms", json.dumps([label, wall, cpu]), flush=True)
"""

GAME_KEYS = (
    _DRIVER
    + """
from game.ui.app import SiliconCurtainApp
from game.commands.bench_keys import TRANSITIONS
def filled(screen):
    return bool(screen.query("#start"))  # the form, once the content is in
async def drive(pilot):
    await pilot.pause()
    # The title's own work (the warm-up, where the game has one), done as a player reads it.
    warmed = getattr(pilot.app, "warmed", None)
    while warmed is not None and not warmed.is_set():
        await asyncio.sleep(0.01)
    await pilot.pause()
    for label, key, screen in TRANSITIONS:
        await timed(pilot, label, key, screen, filled if screen == "NewGameScreen" else lambda s: True)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    pilot.app.exit()
content = sys.argv[1] if len(sys.argv) > 1 else None
app = SiliconCurtainApp(content_root=content and __import__("pathlib").Path(content), seed=4242)
app.run(headless=True, size=(100, 30), auto_pilot=drive)
"""
)

BARE_KEYS = (
    _DRIVER
    + f"BARE_SWITCHES = {BARE_SWITCHES}\n"
    + """
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
class Detail(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    def compose(self):
        yield Header()
        table = DataTable()
        table.add_columns("Track", "Value", "Change")
        table.add_rows([(f"Track {i}", str(i * 7), f"+{i}") for i in range(30)])
        yield table
        yield OptionList(*(f"Option {i}" for i in range(20)))
        yield Footer()
class Bare(App):
    BINDINGS = [Binding("n", "open", "Open")]
    def compose(self):
        yield Header()
        yield Static("Silicon Curtain")
        yield Footer()
    def action_open(self):
        self.push_screen(Detail())
async def drive(pilot):
    await pilot.pause()
    for _ in range(BARE_SWITCHES):
        await timed(pilot, "push", "n", "Detail")
        await timed(pilot, "pop", "escape", "Screen")
    pilot.app.exit()
Bare().run(headless=True, size=(100, 30), auto_pilot=drive)
"""
)


class KeysFailed(Exception):
    pass


def _child(code: str, *argv: str) -> list[tuple[str, float, float]]:
    """Run `code` in a fresh interpreter with saves in a folder of its own: its (label, wall
    ms, CPU ms) a key."""
    with tempfile.TemporaryDirectory(prefix="bench-keys-") as saves:
        env = dict(os.environ, SILICON_CURTAIN_SAVES=saves, PYTHONPATH=str(ROOT))
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
    times = [json.loads(line.split(" ", 1)[1]) for line in done.stdout.splitlines() if line.startswith("key-ms ")]
    if done.returncode != 0 or not times:
        said = [line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("key-fail ")]
        last = (said or done.stderr.strip().splitlines() or ["no output"])[-1]
        raise KeysFailed(f"bench: a key-to-screen child process failed (exit {done.returncode}): {last}")
    return [(label, ms, cpu) for label, ms, cpu in times]


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100), interpolated between the nearest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def measure(runs: int, content: Path | None = None) -> dict:
    """ui.key_to_screen_ms: the game's and the bare switch's p50 and p95, their ratio, and each
    transition's p50 and p95 with its p95's ratio to the bare switch's."""
    argv = [str(content)] if content else []
    _child(BARE_KEYS), _child(GAME_KEYS, *argv)  # warm the file cache and .pyc files
    bare: list[float] = []
    bare_cpu: list[float] = []
    game: dict[str, list[float]] = {}
    game_cpu: list[float] = []
    for _ in range(runs):
        for _, ms, cpu in _child(BARE_KEYS):
            bare.append(ms)
            bare_cpu.append(cpu)
        for label, ms, cpu in _child(GAME_KEYS, *argv):
            game.setdefault(label, []).append(ms)
            game_cpu.append(cpu)
    every = [ms for times in game.values() for ms in times]
    bare_p50, bare_p95 = percentile(bare, 50), percentile(bare, 95)
    return {
        "p50": round(percentile(every, 50), 1),
        "p95": round(percentile(every, 95), 1),
        "bare_p50": round(bare_p50, 1),
        "bare_p95": round(bare_p95, 1),
        "ratio_p50": round(percentile(every, 50) / bare_p50, 2),
        "ratio_p95": round(percentile(every, 95) / bare_p95, 2),
        # CPU time of the process over the same spans: steadier than wall time on a busy machine.
        "cpu_p50": round(percentile(game_cpu, 50), 1),
        "bare_cpu_p50": round(percentile(bare_cpu, 50), 1),
        "transitions": {
            label: {
                "p50": round(percentile(times, 50), 1),
                "p95": round(percentile(times, 95), 1),
                "ratio_p95": round(percentile(times, 95) / bare_p95, 2),
            }
            for label, times in game.items()
        },
    }
