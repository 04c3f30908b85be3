"""`simulate`: bot-only games, headless. One game prints its quarters; many, a summary."""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from .common import add_content_argument, fail, load_or_report


def add_arguments(parser) -> None:
    parser.add_argument("--scenario", default="h200", help="scenario id (default: h200)")
    parser.add_argument("--games", type=int, default=1, help="how many games (default: 1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first game; game i uses seed+i")
    parser.add_argument("--save", type=Path, metavar="PATH", help="write the first game's record here")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    add_content_argument(parser)


def run(args) -> int:
    if args.games < 1:
        return fail(f"--games must be 1 or more, got {args.games}")
    content = load_or_report(args.content)
    if content is None:
        return 1
    try:
        rules = content.scenario(args.scenario)
    except KeyError as err:
        return fail(f"--scenario: {err.args[0]}")
    from ..core.scoring import score, winner
    from ..match import Match

    wins, endings, lengths = Counter(), Counter(), []
    finals: dict[str, list] = {t.id: [] for t in rules.tracks if t.is_number}
    first = None
    for i in range(args.games):
        match = Match.start(rules, args.seed + i, {}, content.fingerprint)
        match.play_out()
        first = first or match
        scores = score(rules, match.state)
        wins[winner(scores) or "draw"] += 1
        endings[match.state.ending] += 1
        lengths.append(len(match.record.quarters))
        for t in rules.tracks:
            if t.is_number:
                finals[t.id].append(match.state.value(rules, t.id))
    if args.save:
        from ..saves.files import atomic_write
        from ..saves.record import to_toml

        try:
            atomic_write(args.save, to_toml(first.record))
        except OSError as err:
            return fail(f"--save {args.save}: {err.strerror or err}")
    summary = {
        "scenario": rules.scenario,
        "games": args.games,
        "seed": args.seed,
        "wins": {s: wins.get(s, 0) for s in rules.seat_ids} | ({"draw": wins["draw"]} if wins["draw"] else {}),
        "endings": dict(sorted(endings.items())),
        "quarters": round(statistics.fmean(lengths), 3),
        "final_tracks": {k: round(statistics.fmean(v), 2) for k, v in finals.items()},
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    elif args.games == 1:
        _print_game(first)
    else:
        _print_summary(rules, summary)
    return 0


def _print_game(match) -> None:
    from ..core.scoring import score, winner

    rules = match.rules
    out = sys.stdout
    out.write(f"{rules.name}: seed {match.seed}, {rules.quarters} quarters, all seats random bots\n")
    every = [o for outcomes in match.log for o in outcomes]
    for q, quarter in enumerate(match.record.quarters, start=1):
        out.write(f"\n== Q{q} {rules.quarter_label(q)} ==\n")
        for o in every:
            if o.quarter == q and o.phase == "news":
                out.write(f"  {'news':<9} {o.text}{_moves(o)}\n")
        for rec in quarter.orders:
            out.write(f"  {rec.seat:<9} orders {', '.join(rec.actions) or '(none)'}\n")
        for o in every:
            if o.quarter == q and o.phase != "news":
                label = {"orders": o.seat, "end": "END"}.get(o.phase, o.phase)
                text = o.text if o.success or o.phase != "orders" else f"{o.text} (odds {o.odds:.0%})"
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


def _print_summary(rules, summary: dict) -> None:
    games = summary["games"]
    print(f"{rules.name}: {games} games from seed {summary['seed']}, random bots")
    print("wins:")
    for seat, n in summary["wins"].items():
        print(f"  {seat:<10} {n:6d}  {n / games:6.1%}")
    print("endings:")
    for ending, n in summary["endings"].items():
        print(f"  {ending:<20} {n:6d}  {n / games:6.1%}")
    print(f"mean length: {summary['quarters']:.2f} quarters")
    print("mean final tracks:")
    for track, value in summary["final_tracks"].items():
        print(f"  {track:<22} {value:10.2f}")
