"""What one seat may see of the game. Every screen and every bot reads the game through here.

Seat None is the facilitator (and the debrief after the game), who sees everything.
"""

from __future__ import annotations

from functools import cached_property

import attrs

from .model import ALL, Rules, Track
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


@attrs.frozen
class Sight:
    """What a seat may see, worked out once per seat from the content: `view` applies it to
    every state, for every seat, every quarter of every game."""

    unseen: tuple[int, ...]  # value slots (tracks, then budgets) hidden from the seat
    budget_slot: int | None  # the seat's own budget among the budgets; None: facilitator
    sees: frozenset[str]  # events the seat sees in the news
    answers: frozenset[str]  # events whose choice is the seat's to make
    own: frozenset[str] | None  # the seat's own actions; None: the facilitator sees all

    @classmethod
    def of(cls, rules: Rules, seat: str | None) -> "Sight":
        visible = (*(t.visible_to(seat) for t in rules.tracks), *(seat is None or s.id == seat for s in rules.seats))
        sees = frozenset(e.id for e in rules.events if seat is None or e.visible_to in (ALL, seat))
        return cls(
            unseen=tuple(i for i, v in enumerate(visible) if not v),
            budget_slot=None if seat is None else rules.seat_ids.index(seat),
            sees=sees,
            answers=frozenset(e.id for e in rules.events
                              if e.id in sees and e.options and (seat is None or e.choice_seat == seat)),
            own=None if seat is None else frozenset(a.id for a in rules.actions_of(seat)),
        )


def sight(rules: Rules, seat: str | None) -> Sight:
    """The seat's `Sight`, kept with the rules after the first time."""
    sights = rules._sights
    if seat not in sights:
        sights[seat] = Sight.of(rules, seat)
    return sights[seat]


def view(rules: Rules, state: GameState, seat: str | None) -> SeatView:
    seen = rules._sights.get(seat) or sight(rules, seat)
    values = state.slots()
    for i in seen.unseen:
        values[i] = None
    news, used = state.news, state.used
    # Positional, in field order: bots build three views a quarter in every game they play.
    return SeatView(
        seat,
        state.quarter,
        None if seen.budget_slot is None else state.budgets[seen.budget_slot],
        tuple([e for e in news if e in seen.sees]) if news else (),
        tuple([e for e in news if e in seen.answers]) if news else (),
        state.ending,
        used if seen.own is None or not used else tuple([a for a in used if a in seen.own]),
        tuple(values),
        rules,
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
