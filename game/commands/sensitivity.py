"""`sensitivity`: which numbers of a scenario drive who wins and how games end.

Each numeric assumption (track starts, effect sizes, odds and chances) is varied one at a
time by its stated step and played on the same seeds as the unvaried scenario; the table
ranks them by how far they move the winner and the ending, each with its file:line and
source. The work is `game.analysis.sensitivity`'s; this module parses, runs, and prints.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import add_cluster_argument, add_content_argument, fail, scenario_or_report
from .progress import progress


def add_arguments(parser) -> None:
    parser.add_argument("--scenario", default="h200", help="scenario id (default: h200)")
    parser.add_argument(
        "--games", type=int, default=40, help="games per variation, on the same seeds for each (default: 40)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the first game; game i uses seed+i")
    parser.add_argument(
        "--bots",
        default="random",
        metavar="LEVEL|SEAT=LEVEL,...",
        help="bot level for every seat, or per seat (default: random; smart is about a hundred times slower)",
    )
    parser.add_argument(
        "--only",
        metavar="PREFIX,...",
        help="vary only assumptions whose key starts so: track, action, event, option, rule, or e.g. "
        "action:lobby_commerce",
    )
    parser.add_argument("--top", type=int, default=25, metavar="K", help="rows to print (default: 25; --json: all)")
    parser.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes to play in (default: one per core)"
    )
    add_cluster_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    add_content_argument(parser)


def run(args) -> int:
    if args.games < 1:
        return fail(f"--games must be 1 or more, got {args.games}")
    if args.workers < 0:
        return fail(f"--workers must be 1 or more (0: one per core), got {args.workers}")
    if args.top < 1:
        return fail(f"--top must be 1 or more, got {args.top}")
    content, rules = scenario_or_report(args.content, args.scenario)
    if rules is None:
        return 1
    from ..analysis import sensitivity
    from ..analysis.runner import ClusterProblem, workers_wanted
    from ..analysis.work import ContentChanged, Source
    from .simulate import parse_bots

    try:
        levels = parse_bots(args.bots, rules.seat_ids)
    except ValueError as err:
        return fail(str(err))
    found = sensitivity.assumptions(rules)
    if args.only:
        prefixes = [p.strip() for p in args.only.split(",") if p.strip()]
        found = [a for a in found if any(a.key.startswith(p) for p in prefixes)]
        if not found:
            return fail(f"--only {args.only}: no assumption's key starts so (keys are like track:tension:start:0)")
    found = sensitivity.placed(Path(content.root), rules.scenario, found)
    source = Source.of(Path(content.root), content.fingerprint, ship=bool(args.cluster))
    total = (len(found) + 1) * args.games
    try:
        with progress(total, "varying", "games", quiet=args.json) as advance:
            baseline, rows, stopped = sensitivity.measure(
                rules,
                source,
                found,
                levels,
                args.games,
                args.seed,
                workers=workers_wanted(args.workers),
                cluster=args.cluster,
                advance=advance,
            )
    except (ContentChanged, ClusterProblem) as err:
        return fail(str(err))
    if not baseline:
        print("stopped before the unvaried games finished", file=sys.stderr)
        return 130
    data = {
        "scenario": rules.scenario,
        "games": args.games,
        "seed": args.seed,
        "bots": levels,
        "steps": {
            "start": f"{sensitivity.START_STEP:.0%} of the track's range",
            "effect": f"{sensitivity.EFFECT_STEP:.0%} of its size (at least 1)",
            "odds": f"{sensitivity.ODDS_STEP:+.2f} on the probability",
        },
        "varied": len(rows),
        "stopped": stopped,
        "baseline": baseline,
        "assumptions": rows,
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        _print(rules, data, args.top)
    if stopped:
        print(f"stopped: {len(rows)} of {len(found)} assumptions varied", file=sys.stderr)
        return 130
    return 0


def _biggest(row: dict) -> str:
    """The single largest change a variation made, in words."""
    seat, dw = max(row["wins"].items(), key=lambda kv: (abs(kv[1]), kv[0]))
    ending, de = max(row["endings"].items(), key=lambda kv: (abs(kv[1]), kv[0]))
    if abs(dw) >= abs(de):
        return f"{seat} wins {dw:+.0%}" if seat != "draw" else f"draws {dw:+.0%}"
    return f"ending {ending} {de:+.0%}"


def _source(row: dict) -> str:
    return "none given" if row["source"] == "(none)" else row["source"]


def _print(rules, data: dict, top: int) -> None:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False)
    bots = sorted(set(data["bots"].values()))
    who = f"all {bots[0]}" if len(bots) == 1 else ", ".join(f"{s} {lv}" for s, lv in data["bots"].items())
    console.print(
        f"[bold]{escape(rules.name)}[/]: {data['varied']} assumptions varied one at a time, {data['games']} games "
        f"each on the same seeds (from seed {data['seed']}); bots: {who}",
        soft_wrap=True,
    )
    steps = data["steps"]
    console.print(
        f"Steps: a track's start by {steps['start']}; an effect by {steps['effect']}; odds and chances "
        f"{steps['odds']}. Movement: the larger share of games whose winner or ending changed.",
        soft_wrap=True,
    )
    base = data["baseline"]
    console.print(
        "Unvaried: wins "
        + ", ".join(f"{s} {p:.0%}" for s, p in base["wins"].items())
        + "; endings "
        + ", ".join(f"{e} {p:.0%}" for e, p in base["endings"].items() if p),
        soft_wrap=True,
    )
    # Without borders, and the file:line and source under the words they name: at 80 columns the words
    # still read as words, and the file:line stays whole so an editor can jump to it.
    table = Table(
        title=f"The {min(top, len(data['assumptions']))} that move outcomes most",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    table.add_column("#", justify="right")
    table.add_column("moves", justify="right")
    table.add_column("assumption; where, and its source", min_width=40)
    table.add_column("biggest change")
    for i, row in enumerate(data["assumptions"][:top], start=1):
        table.add_row(
            str(i),
            f"{row['movement']:.0%}",
            f"{escape(row['what'])}\n[dim]{escape(row['place'])}\nsource: {escape(_source(row))}[/]",
            _biggest(row),
        )
    console.print(table)
