"""`simulate`: bot-only games, headless. One game prints its quarters; many, a balance report.

Games run on every core through a `ProcessPoolExecutor`, in chunks; game i always uses
seed + i and results are tallied in game order, so the report does not depend on how many
workers played. The report itself is built by `game.balance`; this module parses the
flags, runs the games with a progress bar, and prints.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .common import (
    add_cluster_argument,
    add_content_argument,
    add_external_arguments,
    external_players,
    fail,
    scenario_or_report,
)
from .progress import progress

LEVELS = ("random", "smart", "expert")  # kept in step with game.bots.BOTS (a test checks)


def add_arguments(parser) -> None:
    parser.add_argument("--scenario", default="h200", help="scenario id (default: h200)")
    parser.add_argument("--games", type=int, default=1, help="how many games (default: 1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first game; game i uses seed+i")
    parser.add_argument(
        "--bots",
        default="random",
        metavar="LEVEL|SEAT=LEVEL,...",
        help=f"bot level for every seat ({', '.join(LEVELS)}), or per seat, e.g. "
        "vendor=smart,lawmaker=random (seats not named: random)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes to play in (default: one per core)"
    )
    add_cluster_argument(parser)
    parser.add_argument("--save", type=Path, metavar="PATH", help="write the first game's record here")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    add_external_arguments(parser)
    add_content_argument(parser)


def parse_bots(text: str, seat_ids, default: dict[str, str] | None = None) -> dict[str, str]:
    """'smart' or 'vendor=smart,lawmaker=random' -> {seat: level}, seats not named at their
    `default` level (random); ValueError says what is wrong."""
    from ..core.expr.check import did_you_mean

    def level(word: str) -> str:
        if word not in LEVELS:
            raise ValueError(
                f"--bots: unknown level {word!r}{did_you_mean(word, LEVELS)}; choose from {', '.join(LEVELS)}"
            )
        return word

    text = text.strip()
    if "=" not in text and "," not in text:
        return dict.fromkeys(seat_ids, level(text))
    levels = dict(default) if default else dict.fromkeys(seat_ids, "random")
    for part in text.split(","):
        seat, sep, word = (p.strip() for p in part.partition("="))
        if not sep or not seat or not word:
            raise ValueError(f"--bots: {part.strip()!r} is not SEAT=LEVEL (e.g. vendor=smart)")
        if seat not in levels:
            raise ValueError(f"--bots: no seat {seat!r}{did_you_mean(seat, seat_ids)}; seats: {', '.join(seat_ids)}")
        levels[seat] = level(word)
    return levels


def run(args) -> int:
    if args.games < 1:
        return fail(f"--games must be 1 or more, got {args.games}")
    if args.workers < 0:
        return fail(f"--workers must be 1 or more (0: one per core), got {args.workers}")
    content, rules = scenario_or_report(args.content, args.scenario)
    if rules is None:
        return 1
    try:
        levels = parse_bots(args.bots, rules.seat_ids)
        players = external_players(args, rules.seat_ids)
    except ValueError as err:
        return fail(str(err))
    levels.update(dict.fromkeys(players, "external"))
    first = None
    if args.save or (args.games == 1 and not args.json):
        from ..match import Match

        bots = {s: f"bot:{lv}" for s, lv in levels.items() if s not in players}
        first = Match.start(rules, args.seed, bots, content.fingerprint, players=players)
        first.play_out()
    if args.save:
        from ..match.record import to_toml
        from ..saves.files import atomic_write

        try:
            atomic_write(args.save, to_toml(first.record))
        except OSError as err:
            return fail(f"--save {args.save}: {err.strerror or err}")
    if args.games == 1 and not args.json:
        _print_game(first, levels)
        return 0
    from ..analysis.runner import ClusterProblem
    from ..analysis.work import ContentChanged

    workers = args.workers or os.cpu_count() or 1
    try:
        batch = play_batch(args, rules, content.fingerprint, levels, workers, players)
    except (ContentChanged, ClusterProblem) as err:
        return fail(str(err))
    if not batch.results:
        print("stopped before any game finished", file=sys.stderr)
        return 130
    from ..balance import report

    data = report(rules, levels, args.seed, batch.results)
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        _print_report(rules, data)
    if batch.stopped:  # Ctrl+C: the report above is of the games finished before it
        print(f"stopped: {len(batch.results)} of {args.games} games played", file=sys.stderr)
        return 130
    return 0


def play_batch(args, rules, fingerprint: str, levels: dict[str, str], workers: int, players: dict | None = None):
    """Every game's result, in game order, with a progress bar when a person is watching;
    on local processes, or on a Dask cluster with --cluster."""
    from ..analysis.runner import pieces, run
    from ..analysis.work import Source, play_games
    from ..balance import play_game

    source = Source.of(Path(args.content), fingerprint, ship=bool(args.cluster))
    parts = [
        (source, args.scenario, levels, args.seed, start, count, players)
        for start, count in pieces(args.games, workers)
    ]

    def here(source, scenario, levels, seed, start, count, players):  # this process, on the rules already loaded
        return [play_game(rules, seed + i, levels, i, players) for i in range(start, start + count)]

    with progress(args.games) as advance:
        return run(play_games, parts, workers=workers, cluster=args.cluster, advance=advance, local=here)


def _print_game(match, levels: dict[str, str]) -> None:
    from ..core.scoring import score, winner

    rules = match.rules
    out = sys.stdout
    who = ", ".join(f"{s} {lv}" for s, lv in levels.items())
    if len(set(levels.values())) == 1:
        who = f"all seats {next(iter(levels.values()))} bots"
    out.write(f"{rules.name}: seed {match.seed}, {rules.quarters} quarters, {who}\n")
    every = [o for outcomes in match.log for o in outcomes]
    for q, quarter in enumerate(match.record.quarters, start=1):
        out.write(f"\n== Q{q} {rules.quarter_label(q)} ==\n")
        for o in every:
            if o.quarter == q and o.phase == "news":
                out.write(f"  {'news':<9} {o.text}{_moves(o)}\n")
        for offer in quarter.offers:
            terms = f"deal {offer.deal}" if offer.deal else f"{offer.gives} for {offer.wants}"
            answer = offer.answer or "lapsed"
            out.write(f"  {'talks':<9} {offer.sender} offers {offer.receiver} {terms}: {answer}\n")
            for reason in (offer.reason, offer.answer_reason):
                if reason:
                    out.write(f"  {'':<9}   why: {reason}\n")
        for rec in quarter.orders:
            out.write(f"  {rec.seat:<9} orders {', '.join(rec.actions) or '(none)'}\n")
            if rec.reason:
                out.write(f"  {'':<9}   why: {rec.reason}\n")
        for o in every:
            # The talks are listed above; an accepted deal's moves are told here, as "deal".
            if o.quarter == q and o.phase != "news" and (o.phase != "talks" or o.success):
                label = {"orders": o.seat, "end": "END", "talks": "deal"}.get(o.phase, o.phase)
                text = o.text if o.success or o.phase != "orders" else f"{o.text} (odds {o.odds:.0%})"
                if o.kind == "default":  # the seat gave no answer (sink.DEFAULT_OPTION): not its choice
                    text += " (default: no answer given)"
                out.write(f"  {label:<9} {text}{_moves(o)}\n")
    state = match.state
    scores = score(rules, state)
    out.write(f"\nEnding: {rules.ending(state.ending).title}\n")
    for seat, s in scores.items():
        out.write(f"  {seat:<9} {s.points:6.1f} / {s.max:g}  ({s.share:.0%})\n")
    out.write(f"Winner: {winner(scores) or 'a draw'}\n")


def _moves(outcome) -> str:
    moves = "; ".join(f"{c.track} {c.before}->{c.after}" for c in outcome.changes)
    return f"  [{moves}]" if moves else ""


def _print_report(rules, data: dict) -> None:
    """The balance report as rich tables: plain text when piped, colour in a terminal."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    games = data["games"]
    levels = set(data["bots"].values())
    bots = f"all {levels.pop()}" if len(levels) == 1 else ", ".join(f"{s} {lv}" for s, lv in data["bots"].items())
    console.print(f"[bold]{rules.name}[/]: {games} games from seed {data['seed']}; bots: {bots}")

    seats = Table(title="Seats: wins, and points scored (spread over games)", title_justify="left")
    for col in ("seat", "bot", "wins", "win %", "mean ± sd", "median", "min-max", "of max"):
        seats.add_column(col, justify="left" if col in ("seat", "bot") else "right")
    for seat, s in data["seats"].items():
        p = s["points"]
        seats.add_row(
            seat,
            s["level"],
            str(s["wins"]),
            f"{s['win_rate']:.1%}",
            f"{p['mean']:.1f} ± {p['sd']:.1f}",
            f"{p['median']:.1f}",
            f"{p['min']:.0f}-{p['max']:.0f}",
            f"{s['share']['mean']:.0%}",
        )
    if "draw" in data["wins"]:
        seats.add_row("(draw)", "", str(data["wins"]["draw"]), f"{data['wins']['draw'] / games:.1%}", "", "", "", "")
    console.print(seats)

    ends = Table(title="Endings", title_justify="left")
    for col in ("ending", "", "games", "share"):
        ends.add_column(col, justify="right" if col in ("games", "share") else "left")
    for ending in rules.endings:
        n = data["endings"].get(ending.id, 0)
        ends.add_row(ending.id, ending.title, str(n), f"{n / games:.1%}")
    console.print(ends)
    length = data["length"]
    spread = ", ".join(f"{q}: {n}" for q, n in length["games_by_quarters"].items())
    console.print(
        f"Game length: mean {length['mean']:.2f} quarters (min {length['min']}, max {length['max']}); "
        f"games by quarters played: {spread}\n"
    )

    acts = Table(title="Actions: share of their seat's quarters", title_justify="left")
    for col in ("seat", "action", "ordered", "share"):
        acts.add_column(col, justify="right" if col in ("ordered", "share") else "left")
    for action in sorted(rules.actions, key=lambda a: (rules.seat_ids.index(a.seat), -data["actions"][a.id]["chosen"])):
        a = data["actions"][action.id]
        acts.add_row(action.seat, action.id, str(a["chosen"]), f"{a['share']:.1%}")
    console.print(acts)

    events = Table(title="Events: share of games they fired in", title_justify="left")
    for col in ("event", "games", "share", "times fired"):
        events.add_column(col, justify="left" if col == "event" else "right")
    for event in sorted(rules.events, key=lambda e: -data["events"][e.id]["games"]):
        e = data["events"][event.id]
        events.add_row(event.id, str(e["games"]), f"{e['share']:.1%}", str(e["fired"]))
    console.print(events)

    tracks = Table(title="Mean final tracks", title_justify="left")
    tracks.add_column("track")
    tracks.add_column("mean", justify="right")
    for track, value in data["final_tracks"].items():
        tracks.add_row(track, f"{value:,.2f}")
    console.print(tracks)

    _print_deals(console, rules, data["deals"], games)

    unused = {kind: ids for kind, ids in data["unused"].items() if ids}
    if unused:
        console.print("[bold]Content never used[/]")
        for kind, ids in unused.items():
            console.print(f"  {kind}: {', '.join(ids)}")
    else:
        console.print("Every action, event, option, rule and ending was used at least once.")
    if data["warnings"]:
        console.print("[bold yellow]Warnings[/]")
        for line in data["warnings"]:
            console.print(f"  [yellow]![/] {line}")
    else:
        console.print("No seat wins over 60% of games and no action is in over 60% of its seat's quarters.")
    console.print(
        f"Which numbers drive these results: python -m game sensitivity --scenario {data['scenario']} "
        "(docs/authoring.md)",
        soft_wrap=True,
    )


def _print_deals(console, rules, deals: dict, games: int) -> None:
    """The talks: how much the seats offered and agreed, each deal's counts, and the deals
    never offered or never accepted."""
    from rich.table import Table

    if not deals["offered"] and not rules.deals:
        console.print("Talks: no offer was made and the scenario has no deals.\n")
        return
    console.print(
        f"Talks: {deals['offered']} offers, {deals['accepted']} accepted ({deals['accepted_share']:.0%}); "
        f"offers in {deals['games_with_offers']} of {games} games; some deal bound in "
        f"{deals['accepted_quarters_share']:.0%} of quarters"
    )
    table = Table(title="Deals: offered and accepted", title_justify="left")
    for col in ("deal", "offered", "accepted", "of accepted"):
        table.add_column(col, justify="left" if col == "deal" else "right")
    for deal_id, d in sorted(deals["by_deal"].items(), key=lambda kv: -kv[1]["accepted"]):
        label = "(action for action)" if deal_id == "trade" else deal_id
        table.add_row(label, str(d["offered"]), str(d["accepted"]), f"{d['share_of_accepted']:.0%}")
    console.print(table)
    if deals["never_offered"]:
        console.print(f"Deals never offered: {', '.join(deals['never_offered'])}")
    offered_only = [d for d in deals["never_accepted"] if d not in deals["never_offered"]]
    if offered_only:
        console.print(f"Deals offered but never accepted: {', '.join(offered_only)}")
    if not deals["never_accepted"]:
        console.print("Every deal was accepted at least once.")
    console.print("")
