"""What one seat may see of the game. Every screen and every bot reads the game through here.

Seat None is the facilitator (and the debrief after the game), who sees everything.
"""

from __future__ import annotations

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
    tracks: tuple[TrackView, ...]  # public first, then this seat's own
    budget: int | None
    news: tuple[str, ...]  # event ids this seat sees this quarter
    choices: tuple[str, ...]  # event ids whose choice this seat must make
    ending: str
    used: tuple[str, ...] = ()  # this seat's once-only actions already taken
    values: tuple = ()  # the expression slots, with what this seat cannot see as None

    def value(self, track_id: str):
        for t in self.tracks:
            if t.id == track_id:
                return t.value
        raise KeyError(f"{track_id!r} is not visible to {self.seat}")

    def has(self, track_id: str) -> bool:
        return any(t.id == track_id for t in self.tracks)


def view(rules: Rules, state: GameState, seat: str | None) -> SeatView:
    tracks = [TrackView(t, v) for t, v in zip(rules.tracks, state.values) if t.visible_to(seat)]
    tracks.sort(key=lambda tv: tv.private)
    news, choices = [], []
    for event_id in state.news:
        event = rules.event(event_id)
        if seat is None or event.visible_to in ("all", seat):
            news.append(event_id)
            if event.options and (seat is None or event.choice_seat == seat):
                choices.append(event_id)
    values = [v if t.visible_to(seat) else None for t, v in zip(rules.tracks, state.values)]
    values += [b if seat in (None, s.id) else None for s, b in zip(rules.seats, state.budgets)]
    own = {a.id for a in rules.actions if seat is None or a.seat == seat}
    return SeatView(
        seat=seat,
        quarter=state.quarter,
        tracks=tuple(tracks),
        budget=None if seat is None else state.budget(rules, seat),
        news=tuple(news),
        choices=tuple(choices),
        ending=state.ending,
        used=tuple(a for a in state.used if a in own),
        values=(*values, state.quarter, state.ending),
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
