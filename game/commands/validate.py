"""`validate`: check every content file; list every problem, or summarise what is there.

Beyond what a load checks, validate checks the content's words (game/content/words.py): an
objective's text against its formula (a problem: exit 1), and sources (warnings: listed, exit 0):
a `happened` line with no source, a source naming no outlet or no date, a source naming an
outlet on the content's list of weak ones (`[[weak_source]]`, content/sources.toml)."""

from __future__ import annotations

import sys

from .common import add_content_argument, load_or_report, printable


def add_arguments(parser) -> None:
    add_content_argument(parser)


def run(args) -> int:
    content = load_or_report(args.content)
    if content is None:
        return 1
    from ..content.words import check_words
    from ..core.words import plural

    problems, warnings = check_words(content)
    warnings = [*content.warnings, *warnings]
    for problem in [*problems, *warnings]:
        print(printable(str(problem)), file=sys.stderr)
    if problems:
        print(f"{plural(len(problems), 'problem')} in what the content says", file=sys.stderr)
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
