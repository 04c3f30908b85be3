"""What one seat may see of the game. Every screen and every bot reads the game through here.

Seat None is the facilitator (and the debrief after the game), who sees everything.
"""

from __future__ import annotations

from functools import cached_property

import attrs

from .model import Rules, Track
from .state import GameState, Outcome


@attrs.frozen
class TrackView:
    track: Track
    value: object

    @property
    def id(self) -> str:
        return self.track.id

    @property
    def private(self) -> bool:
        return self.track.visibility != "public"


@attrs.frozen
class SeatView:
    seat: str | None
    quarter: int
    budget: int | None
    news: tuple[str, ...]  # event ids this seat sees this quarter
    choices: tuple[str, ...]  # event ids whose choice this seat must make
    ending: str
    used: tuple[str, ...] = ()  # this seat's once-only actions already taken
    values: tuple = ()  # the expression slots, with what this seat cannot see as None
    rules: Rules | None = attrs.field(default=None, eq=False, repr=False)

    @cached_property
    def tracks(self) -> tuple[TrackView, ...]:
        """The tracks this seat sees, public first, then its own. Built when first asked for:
        a bot reads `values` and never needs them."""
        seen = [TrackView(t, v) for t, v in zip(self.rules.tracks, self.values) if v is not None]
        seen.sort(key=lambda tv: tv.private)
        return tuple(seen)

    def value(self, track_id: str):
        for t in self.tracks:
            if t.id == track_id:
                return t.value
        raise KeyError(f"{track_id!r} is not visible to {self.seat}")

    def has(self, track_id: str) -> bool:
        return any(t.id == track_id for t in self.tracks)


def view(rules: Rules, state: GameState, seat: str | None) -> SeatView:
    news_sight = rules.news_sight(seat)
    values = [*state.values, *state.budgets]
    for i in rules.unseen(seat):
        values[i] = None
    return SeatView(
        seat=seat,
        quarter=state.quarter,
        budget=None if seat is None else state.budget(rules, seat),
        news=tuple(e for e in state.news if news_sight[e][0]),
        choices=tuple(e for e in state.news if news_sight[e][1]),
        ending=state.ending,
        used=state.used if seat is None or not state.used else tuple(a for a in state.used if rules.action(a).seat == seat),
        values=(*values, state.quarter, state.ending),
        rules=rules,
    )


def visible_outcomes(outcomes, seat: str | None, rules: Rules) -> list[Outcome]:
    """The outcomes this seat learns of, with changes to tracks it cannot see removed."""
    out = []
    for o in outcomes:
        if not o.seen_by(seat):
            continue
        kept = tuple(c for c in o.changes if _visible_name(rules, c.track, seat))
        out.append(attrs.evolve(o, changes=kept) if len(kept) != len(o.changes) else o)
    return out


def _visible_name(rules: Rules, name: str, seat: str | None) -> bool:
    if name.startswith("budget."):
        return seat is None or name == f"budget.{seat}"
    return rules.track(name).visible_to(seat)
