"""`validate`: check every content file; list every problem, or summarise what is there.

Beyond what a load checks, validate checks the content's words (game/content/words.py): an
objective's text against its formula (a problem: exit 1), and sources (warnings: listed, exit 0):
a `happened` line with no source, a source naming no outlet or no date, a source naming an
outlet on the content's list of weak ones (`[[weak_source]]`, content/sources.toml).

`--reach N` plays N bot games of each scenario (random bots unless `--bots` says) and warns of
every action, event, option, rule, ending and deal no game reached: content a class may never
see. Without it validate plays nothing and stays well under a second."""

from __future__ import annotations

import sys

from .common import add_content_argument, fail, load_or_report, printable

REACH_SEED = 1  # the games `--reach` plays are the same every run: warnings come and go with the content only

# What never reached means, by the kind of content (the balance report's "unused" lists).
_NEVER = {
    "actions": ("action", "never ordered"),
    "events": ("event", "never fired"),
    "options": ("option", "never chosen"),
    "rules": ("rule", "never fired"),
    "endings": ("ending", "never reached"),
}


def add_arguments(parser) -> None:
    add_content_argument(parser)
    parser.add_argument(
        "--reach",
        type=int,
        default=0,
        metavar="N",
        help="also play N bot games of each scenario and warn of content no game reached",
    )
    parser.add_argument(
        "--bots",
        default="random",
        metavar="LEVEL|SEAT=LEVEL,...",
        help="the bots of --reach, as for simulate (default: random)",
    )


def run(args) -> int:
    if args.reach < 0:
        return fail(f"--reach must be 0 or more games, got {args.reach}")
    content = load_or_report(args.content)
    if content is None:
        return 1
    from ..content.words import check_words

    problems, warnings = check_words(content)
    warnings = [*content.warnings, *warnings]
    if args.reach and not problems:
        from ..analysis.work import ContentChanged

        try:
            warnings += unreached(content, args)
        except (ValueError, ContentChanged) as err:  # --bots, or the files edited while the games ran
            return fail(str(err))
    for problem in [*problems, *warnings]:
        print(printable(str(problem)), file=sys.stderr)
    if problems:
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} in what the content says", file=sys.stderr)
        return 1
    n = content.entries
    print(f"content OK: {args.content}  (fingerprint {content.fingerprint[:12]})")
    print(f"  tracks     {n['track']}")
    print(f"  seats      {n['seat']}")
    print(f"  deals      {_deals_line(content)}")
    for rules in content.scenarios.values():
        per_seat = ", ".join(f"{s} {len(rules.actions_of(s))}" for s in rules.seat_ids)
        leaks = sum(1 for e in rules.events if e.leaks)
        print(
            f"  scenario   {rules.scenario}: {rules.name}, {rules.quarters} quarters; "
            f"actions per seat: {per_seat}; events {len(rules.events)}; rules {len(rules.rules)}; "
            f"endings {len(rules.endings)}; deals {len(rules.deals)}" + (f" (leak events {leaks})" if leaks else "")
        )
    if args.reach:
        print(f"  reach      {args.reach} games of each scenario, bots {args.bots}")
    if warnings:
        print(f"  warnings   {len(warnings)} (listed above)")
    print(
        f"  actions    {n['action']}   events {n['event']}   rules {n['rule']}   endings {n['ending']}   "
        f"deals {n.get('deal', 0)}   scenarios {n['scenario']}"
    )
    return 0


def _deals_line(content) -> str:
    """'8 (7 private, 1 public)': every deal of any scenario, once."""
    deals = {d.id: d for rules in content.scenarios.values() for d in rules.deals}
    public = sum(1 for d in deals.values() if d.public)
    if not deals:
        return "0"
    return f"{len(deals)} ({len(deals) - public} private, {public} public)"


def unreached(content, args) -> list:
    """A warning for each entry some scenario it is part of never reached in `args.reach` games
    (the scenarios named in one line); ValueError for a bad `--bots`."""
    import argparse
    import os

    from ..balance import deals, report
    from .simulate import parse_bots, play_batch

    missed: dict[tuple[str, str], list[str]] = {}
    for scenario, rules in content.scenarios.items():
        levels = parse_bots(args.bots, rules.seat_ids)
        games = argparse.Namespace(
            content=args.content, games=args.reach, seed=REACH_SEED, scenario=scenario, cluster=None
        )
        results = play_batch(games, rules, content.fingerprint, levels, os.cpu_count() or 1).results
        unused = report(rules, levels, REACH_SEED, results)["unused"]
        for key, (kind, _) in _NEVER.items():
            for entry_id in unused[key]:
                missed.setdefault((kind, entry_id.replace(":", ".")), []).append(scenario)
        talks = deals(rules, results)
        for deal_id in talks["never_accepted"] if talks["offered"] else ():  # bots that never talk say nothing of deals
            missed.setdefault(("deal", deal_id), []).append(scenario)
    words = dict(_NEVER.values()) | {"deal": "never agreed"}
    found = [
        content.warning_at(kind, entry_id, f"{words[kind]} in {args.reach} bot games ({args.bots}) of {', '.join(on)}")
        for (kind, entry_id), on in missed.items()
    ]
    return sorted(found, key=lambda w: (w.file, w.line))
