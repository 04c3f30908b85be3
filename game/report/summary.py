"""The student summary: one or two pages beside the full report, for each student to keep.

What happened (the main tracks from start to end, and each quarter in a line), the ending,
each seat's score with its two or three turning points (the quarters its points moved most,
what it ordered there and which objective moved), and what really happened in the world,
with the content's citations. Gathered here as values; `summary_text` renders them.
"""

from __future__ import annotations

import attrs

from ..core.scoring import score
from .build import Fact, Quarter, Report, SeatSummary, Series, build

TURNING_POINTS = 3  # at most, per seat
FACTS = 4  # at most; the full report has the rest
OBJECTIVES = 2  # at most, per turning point: those that moved most


@attrs.frozen
class TrackLine:
    """A main track from the opening to the end: '55% → 54% (lowest 52%, highest 56%)'."""

    name: str
    start: str
    end: str
    low: str = ""  # "" for a state track or one that never moved
    high: str = ""


@attrs.frozen
class QuarterLine:
    number: int
    label: str
    news: tuple[str, ...]  # the news titles
    deals: tuple[str, ...]  # deals agreed, as headlines
    interventions: tuple[str, ...]
    ending: str = ""  # the ending, in the quarter the game ended


@attrs.frozen
class TurningPoint:
    """A quarter in which a seat's points moved most: what it ordered and what moved."""

    quarter: int
    label: str
    before: float  # the seat's points at the start of the quarter
    after: float  # and at its end
    ordered: str  # "Lobby Commerce, Ship chips (failed); chose Customs: block", or "nothing"
    objectives: tuple[str, ...]  # the objectives that moved most: "China revenue 7 → 10.8"

    @property
    def change(self) -> float:
        return self.after - self.before


@attrs.frozen
class SeatTurns:
    seat: SeatSummary
    turns: tuple[TurningPoint, ...]  # in quarter order


@attrs.frozen
class Summary:
    report: Report  # the full report's values: the names, the ending, the scores
    tracks: tuple[TrackLine, ...]
    quarters: tuple[QuarterLine, ...]
    seats: tuple[SeatTurns, ...]
    facts: tuple[Fact, ...]  # at most FACTS: the ending's first, then the real before the invented
    more_facts: int  # how many the full report lists beyond these


def summarise(match, report: Report | None = None) -> Summary:
    """The summary of `match` (`report`: its full report, if already built)."""
    report = report or build(match)
    rules = match.rules
    scores = [score(rules, state) for state in match.settled]  # the opening, then each quarter's end
    # The ending's story first, then real events and actions before invented ones.
    facts = tuple(sorted(report.facts, key=lambda f: (f.kind != "ending", f.source.fictional)))
    return Summary(
        report=report,
        tracks=tuple(_track_line(rules, s) for s in report.series),
        quarters=tuple(_quarter_line(q, report) for q in report.quarters),
        seats=tuple(SeatTurns(s, _turns(s.seat, report.quarters, scores)) for s in report.seats),
        facts=facts[:FACTS],
        more_facts=max(0, len(facts) - FACTS),
    )


def _track_line(rules, series: Series) -> TrackLine:
    track = rules.track(series.track)
    start, end = track.format(series.values[0]), track.format(series.values[-1])
    if series.kind != "number" or len(set(series.values)) < 2:
        return TrackLine(series.name, start, end)
    return TrackLine(series.name, start, end, track.format(min(series.values)), track.format(max(series.values)))


def _quarter_line(q: Quarter, report: Report) -> QuarterLine:
    ended = report.over and q.number == report.quarters_played
    return QuarterLine(
        q.number,
        q.label,
        tuple(h.text for h in q.news),
        tuple(t.headline for t in q.talks if t.accepted),
        q.interventions,
        report.ending if ended else "",
    )


def _turns(seat: str, quarters: tuple[Quarter, ...], scores: list[dict]) -> tuple[TurningPoint, ...]:
    """The quarters in which `seat`'s points moved most (never one where they did not move),
    biggest first to choose, then told in quarter order."""
    moved = []
    for q in quarters:
        if q.number >= len(scores):
            continue
        before, after = scores[q.number - 1][seat], scores[q.number][seat]
        if after.points != before.points:
            moved.append((abs(after.points - before.points), q, before, after))
    chosen = sorted(moved, key=lambda m: (-m[0], m[1].number))[:TURNING_POINTS]
    out = []
    for _, q, before, after in sorted(chosen, key=lambda m: m[1].number):
        pairs = [(b, a) for b, a in zip(before.objectives, after.objectives) if a.points != b.points]
        pairs.sort(key=lambda p: -abs(p[1].points - p[0].points))
        objectives = tuple(f"{_short(a.text)} {b.points:g} → {a.points:g}" for b, a in pairs[:OBJECTIVES])
        out.append(TurningPoint(q.number, q.label, before.points, after.points, _ordered(q, seat), objectives))
    return tuple(out)


def _short(objective: str) -> str:
    """An objective's name, without the rule of its points: 'China revenue: 2 points per ...' -> 'China revenue'."""
    return objective.split(":", 1)[0].strip().rstrip(".")


def _ordered(q: Quarter, seat: str) -> str:
    order = next((o for o in q.orders if o.seat == seat), None)
    if order is None:
        return "nothing"
    parts = [", ".join(order.actions)] if order.actions else []
    if order.choices:
        parts.append("chose " + ", ".join(order.choices))
    deals = [t.what for t in q.talks if t.accepted and order.name in (t.sender, t.receiver)]
    if deals:
        parts.append("agreed " + ", ".join(deals))
    return "; ".join(parts) or "nothing"
