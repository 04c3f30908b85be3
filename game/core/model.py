"""The rules of one scenario as compiled values: tracks, seats, actions, events, rules, endings.

The content layer builds these from TOML after checking every expression; the core only
reads them. Expressions are already closures over the value list (see `expr.compile_value`).
"""

from __future__ import annotations

from functools import cached_property
from typing import Callable

import attrs

PUBLIC, HIDDEN, ALL = "public", "hidden", "all"


@attrs.frozen
class Track:
    id: str
    name: str
    kind: str  # "number" or "state"
    start: float | int | str
    unit: str = ""
    min: float = 0
    max: float = 100
    precision: int = 0
    states: tuple[str, ...] = ()
    visibility: str = PUBLIC  # public, hidden, or a seat id
    text: str = ""
    main: bool = False  # drawn in the debrief's charts

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    def visible_to(self, seat: str | None) -> bool:
        """Seat None is the facilitator, who sees everything."""
        return seat is None or self.visibility == PUBLIC or self.visibility == seat

    def format(self, value) -> str:
        if not self.is_number:
            return str(value)
        text = f"{value:,.{self.precision}f}" if self.precision else f"{int(value):,}"
        return f"{text}{'' if not self.unit else (self.unit if self.unit in ('%',) else ' ' + self.unit)}"


@attrs.frozen
class Effect:
    """One compiled effect. `key` names it so a delayed copy can be stored in the state."""

    key: str
    text: str
    kind: str  # "set", "queue" or "delay"
    target: int = -1
    op: str = "="
    value: Callable | None = None
    lo: float = 0
    hi: float = 0
    precision: int = 0
    is_number: bool = True
    delay: int = 0
    inner: "Effect | None" = None
    event: str = ""


@attrs.frozen
class Objective:
    id: str
    text: str
    points: Callable  # values -> number
    max: float
    expr: str = ""


@attrs.frozen
class Seat:
    id: str
    name: str
    role: str
    briefing: str
    private: str
    budget_name: str
    budget_per_quarter: int
    budget_max: int
    budget_start: int
    objectives: tuple[Objective, ...] = ()


@attrs.frozen
class Action:
    id: str
    seat: str
    name: str
    text: str
    cost: int
    requires: Callable | None
    requires_text: str
    odds: Callable  # values -> probability 0..1
    odds_text: str
    effects: tuple[Effect, ...]
    fail_effects: tuple[Effect, ...] = ()
    public: bool = True
    once: bool = False
    source: str = ""
    happened: str = ""
    fail_text: str = ""


@attrs.frozen
class Option:
    id: str
    label: str
    text: str
    effects: tuple[Effect, ...]


@attrs.frozen
class Event:
    id: str
    title: str
    text: str
    quarters: tuple[int, ...] = ()
    when: Callable | None = None
    when_text: str = ""
    chance: Callable | None = None
    chance_text: str = ""
    once: bool = True
    effects: tuple[Effect, ...] = ()
    visible_to: str = ALL  # "all" or a seat id
    choice_seat: str = ""
    options: tuple[Option, ...] = ()
    source: str = ""
    happened: str = ""
    chained_only: bool = False  # fires only when another effect queues it

    def option(self, option_id: str | None) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return self.options[0] if self.options else None


@attrs.frozen
class Rule:
    """A non-player rule, such as the licensing agency deciding from the state."""

    id: str
    name: str
    text: str
    when: Callable
    when_text: str
    chance: Callable | None
    effects: tuple[Effect, ...]
    once: bool = False
    visible_to: str = ALL
    source: str = ""


@attrs.frozen
class Ending:
    id: str
    title: str
    text: str
    when: Callable | None  # None: the ending when time runs out
    when_text: str = ""
    happened: str = ""


@attrs.frozen
class Rules:
    """Everything the turn function needs, for one scenario."""

    scenario: str
    name: str
    intro: str
    quarters: int
    first_quarter: str  # e.g. "2026-Q1", for labels
    tracks: tuple[Track, ...]
    seats: tuple[Seat, ...]
    actions: tuple[Action, ...]
    events: tuple[Event, ...]
    rules: tuple[Rule, ...]
    endings: tuple[Ending, ...]
    effects_by_key: dict = attrs.field(eq=False, repr=False)
    questions: tuple[str, ...] = ()
    source: str = ""

    def track(self, track_id: str) -> Track:
        return self.tracks[self.track_index[track_id]]

    @cached_property
    def track_index(self) -> dict[str, int]:
        return {t.id: i for i, t in enumerate(self.tracks)}

    def seat(self, seat_id: str) -> Seat:
        for s in self.seats:
            if s.id == seat_id:
                return s
        raise KeyError(seat_id)

    @cached_property
    def seat_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.seats)

    def actions_of(self, seat_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.seat == seat_id)

    def action(self, action_id: str) -> Action:
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def event(self, event_id: str) -> Event:
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(event_id)

    def ending(self, ending_id: str) -> Ending:
        for e in self.endings:
            if e.id == ending_id:
                return e
        raise KeyError(ending_id)

    def quarter_label(self, quarter: int) -> str:
        """'2026-Q1' plus (quarter - 1) quarters."""
        try:
            year, q = self.first_quarter.split("-Q")
            n = int(year) * 4 + int(q) - 1 + quarter - 1
            return f"{n // 4}-Q{n % 4 + 1}"
        except ValueError:
            return f"Q{quarter}"
