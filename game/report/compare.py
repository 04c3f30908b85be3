"""Several tables of one class side by side: endings, winners and points, the main tracks
quarter by quarter, and, for tables of the same seed, the quarter where their paths parted
and what differed there (orders, choices, talks, the facilitator, rolls).

Tables of one seed share the random stream, so they play the same until the first quarter
whose orders, choices, offers or interventions differ: that is where their paths part. A
branch (saves/branch.py) keeps its parent's seed and quarters, so it compares the same way.
Gathered here as values; `compare_text` renders them.
"""

from __future__ import annotations

import attrs

from ..core.model import Rules
from .build import Quarter, Report, build


class NotComparable(ValueError):
    """Games that cannot be put side by side; the message names the file."""


@attrs.frozen
class Table:
    """One table's game, as the comparison shows it."""

    name: str  # the save's file name
    seed: int
    branch: str  # "a branch of game.toml from Q3", or ""
    report: Report

    @property
    def tracks(self) -> dict[str, tuple]:
        return {s.track: s.values for s in self.report.series}


@attrs.frozen
class Parting:
    """Where two tables of the same seed parted, and what differed in that quarter; each line
    reads "first table's vs second table's", but a roll's, which names its table."""

    first: str  # table names
    second: str
    seed: int
    quarter: int  # 0: they never parted as far as both went
    label: str = ""
    orders: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    talks: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    rolls: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()  # main tracks at the end of that quarter
    shared: int = 0  # the quarters both played


@attrs.frozen
class Comparison:
    scenario: str
    name: str  # the scenario's
    tables: tuple[Table, ...]
    partings: tuple[Parting, ...]  # each table against the first of its seed
    labels: tuple[str, ...]  # Start, Q1 ... up to the longest game

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def compare(games: list[tuple[str, object]]) -> Comparison:
    """`games`: (name, Match) pairs, of one scenario; NotComparable names the first that is not."""
    if not games:
        raise NotComparable("nothing to compare: give two saves or more")
    first_name, first = games[0]
    scenario = first.rules.scenario
    for name, match in games[1:]:
        if match.rules.scenario != scenario:
            raise NotComparable(
                f"{name}: is a game of scenario {match.rules.scenario!r}, not {scenario!r} like {first_name}; "
                "compare the tables of one scenario"
            )
    tables = tuple(Table(name, match.seed, _branch_of(match), build(match)) for name, match in games)
    matches = dict(games)
    partings = []
    for table in tables:
        ref = next(t for t in tables if t.seed == table.seed)
        if ref is not table:
            partings.append(parting(first.rules, ref, matches[ref.name], table, matches[table.name]))
    longest = max(t.report.quarters_played for t in tables)
    labels = tuple("Start" if q == 0 else f"Q{q}" for q in range(longest + 1))
    return Comparison(scenario, first.rules.name, tables, tuple(partings), labels)


def _branch_of(match) -> str:
    record = match.record
    if not record.parent:
        return ""
    parent = record.parent.replace("\\", "/").rsplit("/", 1)[-1]
    return f"a branch of {parent} from Q{record.branch_quarter}"


def _inputs(rec) -> tuple:
    """What the players and the facilitator gave in a quarter (not the bots' reasons)."""
    orders = tuple(sorted((o.seat, o.actions, tuple(o.choices)) for o in rec.orders))
    offers = tuple((o.sender, o.receiver, o.deal, o.gives, o.wants, o.answer) for o in rec.offers)
    return orders, offers, tuple(rec.interventions)


def parting(rules: Rules, a: Table, ma, b: Table, mb) -> Parting:
    """Where `b` parted from `a` (same seed), and what differed in that quarter."""
    ra, rb = ma.record.quarters, mb.record.quarters
    shared = min(len(ra), len(rb))
    q = next((i + 1 for i in range(shared) if _inputs(ra[i]) != _inputs(rb[i])), 0)
    if not q:
        return Parting(a.name, b.name, a.seed, 0, shared=shared)
    qa, qb = a.report.quarters[q - 1], b.report.quarters[q - 1]
    return Parting(
        a.name,
        b.name,
        a.seed,
        q,
        qa.label,
        orders=_orders(qa, qb, "actions"),
        choices=_orders(qa, qb, "choices"),
        talks=_differ([_talk(t) for t in qa.talks], [_talk(t) for t in qb.talks]),
        interventions=_differ(list(qa.interventions), list(qb.interventions)),
        rolls=_only(a.name, _rolls(qa), b.name, _rolls(qb)),
        tracks=_tracks(rules, a, b, q),
        shared=shared,
    )


def _orders(qa: Quarter, qb: Quarter, field: str) -> tuple[str, ...]:
    out = []
    for oa, ob in zip(qa.orders, qb.orders):
        x, y = getattr(oa, field), getattr(ob, field)
        if _plain(x) != _plain(y):
            out.append(f"{oa.name}: {', '.join(x) or 'nothing'} vs {', '.join(y) or 'nothing'}")
    return tuple(out)


def _plain(items: tuple[str, ...]) -> tuple[str, ...]:
    """Actions without their result ("Lobby (failed)" is the order "Lobby"): an order differs
    by what was ordered; a result that differs is a roll, said under rolls."""
    return tuple(i.removesuffix(" (failed)") for i in items)


def _talk(t) -> str:
    return f"{t.headline}, {t.answer}"


def _rolls(q: Quarter) -> list[str]:
    return [f"{h.who}: {h.text} ({h.detail})" for h in q.results if h.phase == "orders" and h.detail]


def _differ(xs: list[str], ys: list[str]) -> tuple[str, ...]:
    """The lines only one side has: 'x vs -', '- vs y', or paired 'x vs y' in order."""
    only_x = [x for x in xs if x not in ys]
    only_y = [y for y in ys if y not in xs]
    out = [f"{x} vs {y}" for x, y in zip(only_x, only_y)]
    out += [f"{x} vs -" for x in only_x[len(only_y) :]]
    out += [f"- vs {y}" for y in only_y[len(only_x) :]]
    return tuple(out)


def _only(a: str, xs: list[str], b: str, ys: list[str]) -> tuple[str, ...]:
    """Each side's lines the other has not, named by its table: rolls of different orders do
    not pair up, so they are not set against each other."""
    return tuple([f"{a}: {x}" for x in xs if x not in ys] + [f"{b}: {y}" for y in ys if y not in xs])


def _tracks(rules: Rules, a: Table, b: Table, q: int) -> tuple[str, ...]:
    out = []
    for s in a.report.series:
        x, y = a.tracks[s.track], b.tracks.get(s.track, ())
        if q < len(x) and q < len(y) and x[q] != y[q]:
            track = rules.track(s.track)
            out.append(f"{s.name} {track.format(x[q])} vs {track.format(y[q])}")
    return tuple(out)
