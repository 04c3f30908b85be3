"""`whatif`: what else could have happened from a quarter of a saved game.

Plays N continuations with bots in every seat (the save's own bots, smart bots for people
unless --bots says otherwise), optionally with one seat's order at that quarter replaced,
and prints the ending and win probabilities, expected points and the spread of every track
the debrief charts. The work is `game.analysis.whatif`'s; this module parses, runs with a
progress bar, and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import add_cluster_argument, add_content_argument, fail, load_or_report, saved_game_or_report
from .progress import progress


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, metavar="SAVE", help="a saved game (.toml): human, bot or table")
    parser.add_argument(
        "--from",
        dest="from_quarter",
        type=_quarter,
        default=1,
        metavar="Q",
        help="fork at the start of quarter Q, before its news (default: 1); 'end': where the save stops "
        "(a finished game's ending)",
    )
    parser.add_argument("--games", type=int, default=200, help="how many continuations (default: 200)")
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the first continuation; continuation i uses seed+i"
    )
    parser.add_argument(
        "--change",
        metavar="SEAT:ACTIONS",
        help="that seat orders these actions (comma-separated; none after the colon: it passes) at the fork's quarter",
    )
    parser.add_argument(
        "--bots",
        metavar="LEVEL|SEAT=LEVEL,...",
        help="bots for every seat, or per seat (default: the save's own bots, smart for people)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes to play in (default: one per core)"
    )
    add_cluster_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    add_content_argument(parser)


def _quarter(text: str) -> int:
    """A quarter number, or 'end' (0 here: one past the save's last quarter)."""
    if text.strip().lower() == "end":
        return 0
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a quarter number or 'end'") from None


def run(args) -> int:
    if args.games < 1:
        return fail(f"--games must be 1 or more, got {args.games}")
    if args.workers < 0:
        return fail(f"--workers must be 1 or more (0: one per core), got {args.workers}")
    content = load_or_report(args.content)
    if content is None:
        return 1
    loaded = saved_game_or_report(args.path, content, lambda err: "Give the content it was made with: --content DIR.")
    if loaded is None:
        return 1
    from ..analysis.runner import ClusterProblem, workers_wanted
    from ..analysis.whatif import ForkProblem, continuations, fork_at, parse_change, summary
    from ..analysis.work import ContentChanged, Source
    from .simulate import parse_bots

    rules, record = loaded.rules, loaded.record
    try:
        levels = save_levels(record)
        if args.bots:
            levels = parse_bots(args.bots, rules.seat_ids, levels)
        change = parse_change(rules, args.change) if args.change is not None else None
        q = args.from_quarter or len(record.quarters) + 1
        fork = fork_at(rules, record, loaded.run.states, q, levels, change)
    except (ValueError, ForkProblem) as err:
        return fail(str(err))
    source = Source.of(Path(args.content), content.fingerprint, ship=bool(args.cluster))
    try:
        with progress(args.games, "what if", "continuations", quiet=args.json) as advance:
            batch = continuations(
                rules,
                source,
                fork,
                args.games,
                args.seed,
                workers=workers_wanted(args.workers),
                cluster=args.cluster,
                advance=advance,
            )
    except (ContentChanged, ClusterProblem) as err:
        return fail(str(err))
    if not batch.results:
        print("stopped before any continuation finished", file=sys.stderr)
        return 130
    data = summary(rules, fork, args.seed, batch)
    data["actual"] = actual(loaded)
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        _print(rules, args.path, data)
    if batch.stopped:
        print(f"stopped: {data['games']} of {args.games} continuations played", file=sys.stderr)
        return 130
    return 0


def save_levels(record) -> dict[str, str]:
    """Each seat's bot in the save, smart for a person."""
    from ..match import bot_kind

    return {seat: bot_kind(controller) or "smart" for seat, controller in record.seats}


def actual(loaded) -> dict:
    """What the saved game itself did: its ending (if over), winner and points so far."""
    from ..core.scoring import score, winner

    rules, state = loaded.rules, loaded.run.states[-1]
    scores = score(rules, state)
    return {
        "quarters": len(loaded.record.quarters),
        "ending": state.ending or None,
        "winner": (winner(scores) or "draw") if state.over else None,
        "points": {s: round(scores[s].points, 2) for s in rules.seat_ids},
    }


def _print(rules, path: Path, data: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    q = data["from_quarter"]
    played = "Q1" if q == 2 else f"Q1-Q{q - 1}"
    where = "the opening" if q == 1 else f"Q{q} ({rules.quarter_label(q)}), {played} as played"
    bots = ", ".join(f"{s} {lv}" for s, lv in data["bots"].items())
    console.print(
        f"[bold]{rules.name}[/]: {data['games']} continuations of {path.name} from {where}; seed {data['seed']}",
        soft_wrap=True,
    )
    console.print(f"Bots: {bots}")
    change = data["change"]
    if change:
        acts = ", ".join(change["actions"]) or "nothing"
        console.print(
            f"Changed: {change['seat']} orders {acts} at Q{q} (possible in {change['played']} of {data['games']}"
            " continuations; in the others its bot ordered)"
        )
    real = data["actual"]
    ends = Table(title="Endings", title_justify="left")
    for col in ("ending", "", "probability", ""):
        ends.add_column(col, justify="right" if col == "probability" else "left")
    for ending in rules.endings:
        mark = "this game" if real["ending"] == ending.id else ""
        ends.add_row(ending.id, ending.title, f"{data['endings'][ending.id]:.1%}", mark)
    console.print(ends)
    seats = Table(title="Seats: win probability and points at the end", title_justify="left")
    for col in ("seat", "bot", "wins", "mean", "p10", "median", "p90", "this game"):
        seats.add_column(col, justify="left" if col in ("seat", "bot") else "right")
    for seat, p in data["points"].items():
        seats.add_row(
            seat,
            data["bots"][seat],
            f"{data['wins'][seat]:.1%}",
            f"{p['mean']:.1f}",
            f"{p['p10']:g}",
            f"{p['p50']:g}",
            f"{p['p90']:g}",
            f"{real['points'][seat]:g}",
        )
    if data["wins"].get("draw"):
        seats.add_row("(draw)", "", f"{data['wins']['draw']:.1%}", "", "", "", "", "")
    console.print(seats)
    # The heading on a line of its own: a narrow table would wrap it as its title.
    console.print("[italic]Tracks by quarter's end: median \\[p10-p90][/]")
    for group in _track_groups(data["tracks"], console.width):
        console.print(_track_table(data["tracks"], group))


def _band(track: dict, j: int) -> str:
    if "p50" in track:
        return f"{track['p50'][j]:g} [{track['p10'][j]:g}-{track['p90'][j]:g}]"
    state, share = max(((s, v[j]) for s, v in track["shares"].items()), key=lambda x: x[1])
    return f"{state} {share:.0%}"


def _track_groups(tracks: dict, width: int) -> list[list[str]]:
    """The tracks in groups whose tables fit `width` columns, in the content's order: one
    wide table would cut every band to an ellipsis at 80 columns."""
    groups: list[list[str]] = [[]]
    used = len("quarter") + 4  # the first column and the table's edges
    for track_id, track in tracks.items():
        cells = [_band(track, j) for j in range(len(track["quarters"]))]
        need = max([len(track_id), len(track["unit"]) + 2, *map(len, cells)]) + 3
        if groups[-1] and used + need > width:
            groups.append([])
            used = len("quarter") + 4
        groups[-1].append(track_id)
        used += need
    return groups if groups[0] else []


def _track_table(tracks: dict, group: list[str]):
    from rich.markup import escape
    from rich.table import Table

    table = Table()
    table.add_column("quarter", no_wrap=True)
    for track_id in group:
        unit = tracks[track_id]["unit"]
        # ids: the names make the table too wide; the unit goes under the id
        table.add_column(f"{track_id}\n({unit})" if unit else track_id, justify="right", no_wrap=True)
    quarters = tracks[group[0]]["quarters"]
    for j, quarter in enumerate(quarters):
        row = ["start" if quarter == 0 else f"Q{quarter}"]
        row += [escape(_band(tracks[track_id], j)) for track_id in group]
        table.add_row(*row)
    return table
