"""`bench`: how fast the game starts and plays, and how much memory it takes.

Startup is measured from outside: a fresh interpreter runs `python -m game` (App.run patched
to run headless and exit once the first screen is up) against a bare Textual app (Header,
Static, Footer) made the same way, interleaved so load on the machine hits both alike. The
same child processes report their peak RSS. The core, the bots and the content loader are
timed in this process in CPU time (so other programs on the machine slow them less), one
core, and every figure is the median of several runs.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import add_content_argument, fail, scenario_or_report

ROOT = Path(__file__).resolve().parents[2]

# Run in the child processes: patch App.run before anything builds an App, so both programs
# exit after their first frame; then print the peak RSS (Linux: KiB) for the parent.
_EXIT_AT_ONCE = """
import resource, textual.app as _ta
_run = _ta.App.run
async def _pilot(pilot):
    await pilot.pause()
    pilot.app.exit()
def _headless_run(self, **kw):
    return _run(self, headless=True, auto_pilot=_pilot)
_ta.App.run = _headless_run
"""
_PEAK = "\nprint('peak-rss-kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"

BARE_APP = (
    _EXIT_AT_ONCE
    + """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Silicon Curtain")
        yield Footer()
Bare().run()
"""
    + _PEAK
)

GAME_APP = (
    _EXIT_AT_ONCE
    + """
import runpy, sys
sys.argv = ["game"]
try:
    runpy.run_module("game", run_name="__main__", alter_sys=True)
except SystemExit as end:
    if end.code:
        raise
"""
    + _PEAK
)

BOT_GAME = """
import resource, sys
from game.balance import play_game
from game.content import load
rules = load(sys.argv[1]).scenario(sys.argv[2])
play_game(rules, 1, dict.fromkeys(rules.seat_ids, "smart"))
print('peak-rss-kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

TARGETS = {  # (figure, limit, "max" or "min"): the floors, shown beside the figures
    "startup.ratio": (1.3, "max"),
    "games_per_s.random_12q": (600, "min"),
    "games_per_s.smart": (20, "min"),
    "content.load_validate_ms": (50, "max"),
    "memory.ui_mb": (100, "max"),
    "bots.expert_order_ms": (50, "max"),
    "ui.key_to_screen_ms.ratio_p95": (1.5, "max"),
}
EXPERT_GAMES = 10  # expert bots in every seat: about 300 orders, for the 99th percentile


def add_arguments(parser) -> None:
    parser.add_argument("--scenario", default="h200", help="scenario id (default: h200)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement; medians reported (default: 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--serve",
        type=int,
        metavar="N",
        help="instead: start `serve` and measure N browser tabs (first frame, key to screen, memory)",
    )
    add_content_argument(parser)


def run(args) -> int:
    if args.runs < 1:
        return fail(f"--runs must be 1 or more, got {args.runs}")
    if args.serve is not None:
        from .bench_serve import run_serve

        return run_serve(args)
    _, rules = scenario_or_report(args.content, args.scenario)
    if rules is None:
        return 1
    from .bench_keys import KeysFailed

    try:
        figures, notes = measure(args, rules)
    except (ChildFailed, KeysFailed) as err:
        return fail(str(err))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print_table(figures, notes)
    return 0


class ChildFailed(Exception):
    pass


def _child(code: str, *argv: str) -> tuple[float, float]:
    """Run `code` in a fresh interpreter: (wall seconds, its peak RSS in MB)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.startswith("peak-rss-kib ")]
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ChildFailed(f"bench: a child process failed (exit {done.returncode}): {last}")
    return wall, int(lines[-1].split()[1]) / 1024


def _cpu_median(runs: int, work) -> float:
    """Median CPU seconds of `work()` over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _reference_loop(n: int = 300_000) -> None:
    """A fixed pure-Python workload: its speed says how fast this machine runs Python right
    now, so figures taken on other machines, or on a shared one at a busier moment, can be
    compared (a game's speed scales with it)."""
    total = 0
    for i in range(n):
        total += i * i


def _expert_order_times(rules, games: int) -> list[float]:
    """CPU seconds of every expert order in `games` games with expert bots in every seat (the
    talks included, so the orders meet the budgets deals leave), sorted."""
    from ..bots import ExpertBot
    from ..bots.talks import bots_talk
    from ..core.deals import ordering_view
    from ..core.sink import NULL
    from ..core.turn import new_game, play_quarter
    from ..core.view import view

    times = []
    for seed in range(games):
        bots = {s: ExpertBot(rules, s, seed) for s in rules.seat_ids}
        state = new_game(rules, seed)[0]
        while not state.over:
            offers = bots_talk(rules, state, bots)
            orders = {}
            for seat, bot in bots.items():
                seat_view = ordering_view(rules, view(rules, state, seat), offers)
                start = time.process_time()
                orders[seat] = bot.order(seat_view)
                times.append(time.process_time() - start)
            state = play_quarter(rules, state, orders, offers=offers, sink=NULL)[0]
    return sorted(times)


def measure(args, rules) -> tuple[dict, dict]:
    from ..balance import play_game
    from ..bots import RandomBot
    from ..content import load
    from ..core.sink import NULL
    from ..core.turn import new_game, play_quarter
    from ..core.view import view

    runs = args.runs
    # Startup and UI memory: warm the file cache and .pyc files first, then interleave.
    _child(BARE_APP), _child(GAME_APP)
    bare, game = [], []
    for _ in range(runs):
        bare.append(_child(BARE_APP))
        game.append(_child(GAME_APP))
    bare_s = statistics.median(w for w, _ in bare)
    game_s = statistics.median(w for w, _ in game)

    # The core: one quarter's resolution, on the states and orders of real random-bot games.
    pairs = []
    for seed in range(40):
        bots = {s: RandomBot(rules, s, seed) for s in rules.seat_ids}
        state, _ = new_game(rules, seed)
        while not state.over:
            orders = {s: b.order(view(rules, state, s)) for s, b in bots.items()}
            pairs.append((state, orders))
            state, _ = play_quarter(rules, state, orders)
    quarter_us = _cpu_median(runs, lambda: [play_quarter(rules, s, o) for s, o in pairs]) / len(pairs) * 1e6
    # The same quarters with the null sink, as bots, balance and what-if runs play them.
    null_us = _cpu_median(runs, lambda: [play_quarter(rules, s, o, sink=NULL) for s, o in pairs]) / len(pairs) * 1e6

    reference = [_cpu_median(runs, _reference_loop)]  # before the games, and again after them
    every = dict.fromkeys(rules.seat_ids, "random")
    n_random = 100
    lengths = [play_game(rules, seed, every).quarters for seed in range(n_random)]
    random_per_s = n_random / _cpu_median(runs, lambda: [play_game(rules, seed, every) for seed in range(n_random)])
    smart = dict.fromkeys(rules.seat_ids, "smart")
    n_smart = 10
    smart_lengths = [play_game(rules, seed, smart).quarters for seed in range(n_smart)]
    # As many runs as the rest (it was half as many, and a median of two swung by a fifth).
    smart_per_s = n_smart / _cpu_median(runs, lambda: [play_game(rules, seed, smart) for seed in range(n_smart)])

    expert = _expert_order_times(rules, EXPERT_GAMES)

    reference.append(_cpu_median(runs, _reference_loop))

    load(args.content)  # the first load in a process also imports the TOML parser and the loader
    load_ms = _cpu_median(max(runs, 7), lambda: load(args.content)) * 1000

    from .bench_keys import measure as key_to_screen

    keys = key_to_screen(runs, args.content)

    bot_mb = statistics.median(_child(BOT_GAME, str(args.content), rules.scenario)[1] for _ in range(min(runs, 3)))
    figures = {
        "startup": {"game_s": round(game_s, 4), "bare_s": round(bare_s, 4), "ratio": round(game_s / bare_s, 3)},
        "core": {"quarter_us": round(quarter_us, 1), "null_sink_quarter_us": round(null_us, 1)},
        # The target is for a 12-quarter game; games that end early are shorter, so the
        # figure is also given per 12 quarters played.
        "games_per_s": {
            "random": round(random_per_s, 1),
            "random_12q": round(random_per_s * statistics.fmean(lengths) / 12, 1),
            "smart": round(smart_per_s, 2),
        },
        "content": {"load_validate_ms": round(load_ms, 2)},
        "bots": {
            "expert_order_ms": round(1000 * expert[int(0.99 * (len(expert) - 1))], 2),
            "expert_order_median_ms": round(1000 * statistics.median(expert), 2),
        },
        "memory": {"bot_game_mb": round(bot_mb, 1), "ui_mb": round(statistics.median(m for _, m in game), 1)},
        "ui": {"key_to_screen_ms": keys},
        "machine": {"mloops_per_s": round(0.3 / statistics.fmean(reference), 2)},
    }
    notes = {
        "scenario": rules.scenario,
        "runs": runs,
        "quarters_random": statistics.fmean(lengths),
        "quarters_smart": statistics.fmean(smart_lengths),
        "bare_mb": statistics.median(m for _, m in bare),
        "expert_orders": len(expert),
    }
    return figures, notes


def _print_table(figures: dict, notes: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    def verdict(key: str, value: float) -> str:
        if key not in TARGETS:
            return ""
        limit, kind = TARGETS[key]
        ok = value <= limit if kind == "max" else value >= limit
        return f"{'<=' if kind == 'max' else '>='} {limit:g} {'[green]met[/]' if ok else '[red]missed[/]'}"

    table = Table(
        title=f"Silicon Curtain bench: scenario {notes['scenario']}, medians of {notes['runs']} runs",
        title_justify="left",
    )
    # The figure and its value never wrap (they are what a reader copies); the prose does.
    for col, justify, no_wrap in (
        ("figure", "left", True),
        ("value", "right", True),
        ("measured", "left", False),
        ("target", "left", True),
    ):
        table.add_column(col, justify=justify, no_wrap=no_wrap)
    rows = [
        ("startup.game_s", "s", "python -m game to title, wall"),
        ("startup.bare_s", "s", "bare Textual app, wall"),
        ("startup.ratio", "", "game / bare"),
        ("core.quarter_us", "µs", "play_quarter with its report, CPU"),
        ("core.null_sink_quarter_us", "µs", "the same, null sink (bots, balance), CPU"),
        ("games_per_s.random", "", f"random bots, {notes['quarters_random']:.1f} q/game, CPU"),
        ("games_per_s.random_12q", "", "the same, per 12 quarters played"),
        ("games_per_s.smart", "", f"smart bots, {notes['quarters_smart']:.1f} q/game, CPU"),
        ("bots.expert_order_ms", "ms", f"an expert order, 99th percentile of {notes['expert_orders']}, CPU"),
        ("bots.expert_order_median_ms", "ms", "the same, median"),
        ("content.load_validate_ms", "ms", "load + validate, CPU"),
        ("memory.bot_game_mb", "MB", "smart-bot game, peak RSS"),
        ("memory.ui_mb", "MB", f"UI at title, peak RSS (bare {notes['bare_mb']:.0f})"),
        ("machine.mloops_per_s", "", "a plain Python loop, millions of turns/s: this machine's pace"),
        ("ui.key_to_screen_ms.p50", "ms", "key to the next screen, main transitions, wall"),
        ("ui.key_to_screen_ms.p95", "ms", "the same, 95th percentile"),
        ("ui.key_to_screen_ms.bare_p50", "ms", "bare Textual push/pop of a table screen, wall"),
        ("ui.key_to_screen_ms.bare_p95", "ms", "the same, 95th percentile"),
        ("ui.key_to_screen_ms.ratio_p95", "", "game p95 / bare p95"),
    ]
    for key, unit, how in rows:
        value = figures
        for part in key.split("."):
            value = value[part]
        table.add_row(key, f"{value:,.4g} {unit}".strip(), how, verdict(key, value))
    # Each main transition against the bare switch: the target holds for every one.
    for label, t in figures["ui"]["key_to_screen_ms"]["transitions"].items():
        how = f"p50 {t['p50']:,.0f} ms, p95 {t['p95']:,.0f} ms; p95 / bare p95"
        ratio = t["ratio_p95"]
        table.add_row(f"  {label}", f"{ratio:,.3g}", how, verdict("ui.key_to_screen_ms.ratio_p95", ratio))
    Console(highlight=False).print(table)
