"""`table`: open and look after tables from the command line, with no screen at all.

The same tables the browser screens open (Title > Table): handy for a facilitator who
prepares the codes before class, or who wants to force a quarter from a spare terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import KeyProblem, add_content_argument, add_key_arguments, fail, given_key, parse_external, printable


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    opening = sub.add_parser("open", help="open a table and print its code and the facilitator's key")
    opening.add_argument("--scenario", default="h200", help="scenario id (default: h200)")
    opening.add_argument(
        "--human", action="append", metavar="SEAT", help="a seat a team plays (repeat it); default: every seat"
    )
    opening.add_argument("--seed", type=int, help="the game's seed (default: a random one)")
    opening.add_argument("--minutes", type=float, default=0, help="time per quarter, in minutes (default: no clock)")
    opening.add_argument(
        "--talks-minutes", type=float, default=0, help="the first part of each quarter open for offers (default: all)"
    )
    opening.add_argument(
        "--resolve-at-zero", action="store_true", help="resolve the quarter when its time runs out; the silent pass"
    )
    opening.add_argument(
        "--external",
        action="append",
        default=[],
        metavar="SEAT=COMMAND",
        help="a program plays SEAT over the seat protocol (repeat it); give its command with absolute "
        "paths: the process that resolves a quarter runs it",
    )
    add_content_argument(opening)
    sub.add_parser("list", help="every table, newest first")
    status = sub.add_parser("status", help="a table's seed, quarter, clock, seats, and who has given orders")
    status.add_argument("code")
    force = sub.add_parser("force", help="resolve the current quarter now (the facilitator's key)")
    force.add_argument("code")
    add_key_arguments(force, "the facilitator's key, printed when the table opened")
    export = sub.add_parser(
        "export", help="for grading: one row per seat per quarter, orders, talks, points (the facilitator's key)"
    )
    export.add_argument("code")
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: print it)")
    add_key_arguments(export, "the facilitator's key, printed when the table opened")


def run(args) -> int:
    from ..table import TableError, Tables

    tables = Tables()
    try:
        if args.action == "open":
            return _open(tables, args)
        if args.action == "list":
            for table in tables.list():
                print(_line(table))
            return 0
        if args.action == "status":
            _status(tables.table(args.code))
            return 0
        table = tables.table(args.code)
        key = given_key(args, "the facilitator's key")
        if key is None:
            return fail(f"table {args.action}: the facilitator's key is needed: type it when asked, or --key-file FILE")
        if args.action == "export":
            return _export(tables, table, key, args)
        tables.force(table.code, key, table.quarter)
        print(
            f"table {table.code}: quarter {table.quarter} resolved"
            + (f"; {', '.join(table.waiting_on)} gave no orders and passed" if table.waiting_on else "")
        )
        return 0
    except (TableError, KeyProblem) as err:
        return fail(str(err))


def _open(tables, args) -> int:
    from ..match import HUMAN

    if not args.content.is_dir():
        return fail(f"--content {args.content}: no such folder")
    from ..table.clock import Clock, setting_text

    seats = dict.fromkeys(args.human, HUMAN) if args.human else None
    programs = {}
    for text in args.external:
        try:
            seat, command = parse_external(text)
        except ValueError as err:
            return fail(str(err))
        if seat in programs or seat in (seats or {}):
            return fail(f"--external: seat {seat} is given twice")
        programs[seat] = command
    clock = Clock(round(args.minutes * 60), round(args.talks_minutes * 60), args.resolve_at_zero)
    if args.resolve_at_zero and not clock.seconds:
        return fail("--resolve-at-zero: give the time per quarter with --minutes")
    table, key = tables.open(
        args.scenario, seats, content_root=args.content, seed=args.seed, programs=programs, clock=clock
    )
    print(f"table {table.code} opened: {table.scenario}, seed {table.seed}, {setting_text(table.clock)}")
    for s in table.seats:
        print(f"  {s.seat:<10} {s.controller}")
    print(f"facilitator key: {key}  (keep it: it forces quarters and looks up seat keys)")
    print(f"teams join with: python -m game join {table.code}   (or in a browser: Table on the title screen)")
    print(f"the facilitator watches with: python -m game join {table.code} --seat facilitator   (it asks for the key)")
    return 0


def _line(table) -> str:
    import time

    from ..table.clock import minutes, tick

    state = f"over ({table.ending})" if table.over else f"quarter {table.quarter}"
    if table.paused and not table.over:
        state += " PAUSED"
    t = tick(table, time.time())
    if t is not None:
        state += f" {minutes(t.left)} left" if t.left else " time up"
    humans = ", ".join(
        f"{s.seat}{'' if s.taken else ' (free)'}{' (orders in)' if s.submitted and not table.over else ''}"
        for s in table.seats
        if s.human
    )
    return f"{table.code}  {table.scenario:<10} seed {table.seed:<11} {state:<16} {humans}"


def _status(table) -> None:
    import time

    from ..table.clock import clock_text, setting_text, tick

    out = sys.stdout
    out.write(_line(table) + "\n")
    out.write(f"  seed {table.seed} · {setting_text(table.clock)}")
    if not table.over:
        left = clock_text(tick(table, time.time()))
        out.write(f" · {left}" if left else "")
        if table.paused:
            out.write(" · PAUSED: the quarter resolves only when the facilitator resumes or forces it")
    out.write("\n")
    for s in table.seats:
        if not s.human:
            out.write(f"  {s.seat:<10} {s.controller}\n")
            continue
        sitting = "taken" if s.taken else "free"
        done = "" if table.over else ("orders in" if s.submitted else "deciding")
        names = printable(s.played_by) if s.played_by else ""
        out.write(f"  {s.seat:<10} human, {sitting:<6} {done:<10} {names}".rstrip() + "\n")


def _export(tables, table, key: str, args) -> int:
    from ..table.export import export

    game = tables.game_for(table.code, key)
    text = export(game, args.format, table.code, tuple((s.seat, s.team, s.players) for s in table.seats))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as err:
        return fail(f"-o {args.output}: {err.strerror or err}")
    rows = len(game.record.quarters) * len(table.seats)
    print(f"table {table.code}: {rows} rows ({len(game.record.quarters)} quarters) written to {args.output}")
    return 0
