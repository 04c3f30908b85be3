"""`ladder`: each bot level in each seat against a field of smart bots, with 95 % intervals.

The games are played as `simulate` plays them (every core, in chunks, game i on seed + i), one
line-up after another; the tally is `game.ladder`'s. The levels are climbed in the order
listed, weakest first, so each is compared with the one below it.
"""

from __future__ import annotations

import argparse
import json
import os

from .common import (
    add_cluster_argument,
    add_content_argument,
    add_external_arguments,
    external_players,
    fail,
    scenario_or_report,
)
from .simulate import LEVELS


def add_arguments(parser) -> None:
    parser.add_argument("--scenario", default="h200", help="scenario id (default: h200)")
    parser.add_argument("--games", type=int, default=200, help="games per seat and level (default: 200)")
    parser.add_argument(
        "--expert-games",
        type=int,
        metavar="N",
        help="games for each line-up with an expert in it (default: --games); the expert is the slowest "
        "level, so the issue's ladder is --games 2000 --expert-games 500",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the first game; game i uses seed+i")
    parser.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes to play in (default: one per core)"
    )
    parser.add_argument("--json", action="store_true", help="print the ladder as one JSON object")
    add_cluster_argument(parser)
    add_external_arguments(parser)  # each program is a rung of its own, in the seat it was given
    add_content_argument(parser)


def run(args) -> int:
    if args.games < 1:
        return fail(f"--games must be 1 or more, got {args.games}")
    if args.expert_games is not None and args.expert_games < 1:
        return fail(f"--expert-games must be 1 or more, got {args.expert_games}")
    if args.workers < 0:
        return fail(f"--workers must be 1 or more (0: one per core), got {args.workers}")
    content, rules = scenario_or_report(args.content, args.scenario)
    if rules is None:
        return 1
    from ..analysis.runner import ClusterProblem
    from ..analysis.work import ContentChanged
    from ..ladder import FIELD, STRONG, configurations, key, report
    from .simulate import play_batch

    try:
        players = external_players(args, rules.seat_ids)
    except ValueError as err:
        return fail(str(err))
    levels = list(LEVELS)
    lineups = [(lineup, {}) for lineup in configurations(rules.seat_ids, levels, FIELD)]
    for seat, program in players.items():  # a program's rung in the seats it was given
        lineups.append(({s: "external" if s == seat else FIELD for s in rules.seat_ids}, {seat: program}))
    if players:
        levels.append("external")
    workers = args.workers or os.cpu_count() or 1
    results = {}
    try:
        for lineup, seated in lineups:
            games = args.expert_games if STRONG in lineup.values() and args.expert_games else args.games
            run_args = argparse.Namespace(**{**vars(args), "games": games})
            batch = play_batch(run_args, rules, content.fingerprint, lineup, workers, seated)
            if batch.stopped:
                fail("stopped: the ladder needs every line-up played out")
                return 130
            results[key(lineup)] = batch.results
    except (ContentChanged, ClusterProblem) as err:
        return fail(str(err))
    data = report(rules.scenario, args.seed, args.games, rules.seat_ids, levels, results, FIELD)
    data["expert_games"] = args.expert_games or args.games  # each rung says its own count too
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        _print_ladder(rules, data)
    return 0


def _print_ladder(rules, data: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    expert = data["expert_games"]
    console.print(
        f"[bold]{rules.name}[/]: the bot ladder, {data['games']} games a seat and level"
        f"{'' if expert == data['games'] else f' ({expert} with an expert)'} from seed {data['seed']}; "
        f"the other seats {data['field']} bots"
    )
    table = Table(title="Each level in each seat (95 % intervals in brackets)", title_justify="left")
    for col in ("seat", "level", "win %", "mean points", "rating"):
        table.add_column(col, justify="left" if col in ("seat", "level") else "right", no_wrap=True)
    for seat, rows in data["seats"].items():
        for level, r in rows.items():
            w, p, e = r["win_interval"], r["points_interval"], r["rating_interval"]
            table.add_row(
                seat,
                level,
                f"{r['win_rate']:.1%} ({w[0]:.0%}-{w[1]:.0%})",
                f"{r['points']:.1f} ({p[0]:.1f}-{p[1]:.1f})",
                f"{r['rating']} ({e[0]}-{e[1]})",
            )
    console.print(table)
    gaps = Table(title="Each level over the one below it", title_justify="left")
    for col in ("seat", "levels", "win rate", "points", "rating", "intervals apart"):
        gaps.add_column(col, justify="right" if col in ("win rate", "points", "rating") else "left", no_wrap=True)
    for seat, rows in data["margins"].items():
        for g in rows:
            apart = [what for what, ok in (("wins", g["wins_apart"]), ("points", g["points_apart"])) if ok]
            gaps.add_row(
                seat,
                f"{g['upper']} over {g['lower']}",
                f"{g['win_rate']:+.1%}",
                f"{g['points']:+.1f}",
                f"{g['rating']:+d}",
                " and ".join(apart) if apart else "no",
            )
    console.print(gaps)
    if "balance" in data:
        _print_balance(console, data["balance"], data["field"])


def _print_balance(console, balance: dict, field: str) -> None:
    """Each seat's win rate with the field everywhere, the expert everywhere, and one expert
    among the field, against the targets."""
    from rich.table import Table

    from ..ladder import STRONG

    low, high = balance["target"]
    table = Table(
        title=f"Balance under strong play: each seat should win {low:.0%}-{high:.0%} with {field} bots and with "
        f"{STRONG} bots everywhere, and one {STRONG} among {field} bots should win more than a {field} bot",
        title_justify="left",
    )
    for col in ("seat", f"all {field}", f"all {STRONG}", f"one {STRONG}"):
        table.add_column(col, justify="left" if col == "seat" else "right", no_wrap=True)

    def cell(x: dict, ok: bool) -> str:
        w = x["win_interval"]
        verdict = "[green]met[/]" if ok else "[red]no[/]"
        return f"{x['win_rate']:.0%} ({100 * w[0]:.0f}-{100 * w[1]:.0f}) {verdict}"

    for seat, x in balance["seats"].items():
        alone = x[f"{STRONG}_among_{field}"]
        table.add_row(
            seat, cell(x[field], x[field]["within"]), cell(x[STRONG], x[STRONG]["within"]), cell(alone, alone["more"])
        )
    console.print(table)
