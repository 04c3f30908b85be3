"""What one seat may see of the game. Every screen and every bot reads the game through here.

Seat None is the facilitator (and the debrief after the game), who sees everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

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


class SeatView(NamedTuple):
    """A seat's sight of the game: a tuple, so a bot's three a quarter cost little to make
    (README, Performance)."""

    seat: str | None
    quarter: int
    budget: int | None
    news: tuple[str, ...]  # event ids this seat sees this quarter
    choices: tuple[str, ...]  # event ids whose choice this seat must make
    ending: str
    used: tuple[str, ...] = ()  # this seat's once-only actions already taken
    values: tuple[Any, ...] = ()  # the expression slots, with what this seat cannot see as None
    rules: Rules | None = None

    @property
    def tracks(self) -> tuple[TrackView, ...]:
        """The tracks this seat sees, public first, then its own. Built when asked for: a
        bot reads `values` and never needs them."""
        assert self.rules is not None, "a view made by `view()` carries its rules"
        seen = [TrackView(t, v) for t, v in zip(self.rules.tracks, self.values) if v is not None]
        seen.sort(key=lambda tv: tv.private)
        return tuple(seen)

    def value(self, track_id: str) -> object:
        value = self._slot(track_id)
        if value is None:
            raise KeyError(f"{track_id!r} is not visible to {self.seat}")
        return value

    def has(self, track_id: str) -> bool:
        return self._slot(track_id) is not None

    def _slot(self, track_id: str) -> object:
        assert self.rules is not None, "a view made by `view()` carries its rules"
        i = self.rules.track_index.get(track_id)
        return None if i is None else self.values[i]


def view(rules: Rules, state: GameState, seat: str | None) -> SeatView:
    """What `seat` may see of `state` (seat None: everything). The one place a seat's
    sight is applied, for the screens, the bots and every batch run."""
    mask = rules.masks[seat]
    values = state.slots()
    for i in mask.unseen:
        values[i] = None
    news, used = state.news, state.used
    # Positional, in field order (README, Performance).
    return SeatView(
        seat,
        state.quarter,
        None if mask.budget_slot is None else state.budgets[mask.budget_slot],
        tuple([e for e in news if e in mask.news]) if news else (),
        tuple([e for e in news if e in mask.answers]) if news else (),
        state.ending,
        used if mask.own is None or not used else tuple([a for a in used if a in mask.own]),
        tuple(values),
        rules,
    )


def visible_outcomes(outcomes: Iterable[Outcome], seat: str | None, rules: Rules) -> list[Outcome]:
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
