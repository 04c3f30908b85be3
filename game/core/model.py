"""The rules of one scenario as compiled values: tracks, seats, actions, events, rules, endings.

The content layer builds these from TOML after checking every expression; the core only
reads them. Expressions are already closures over the value list (see `closures.py`).
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
    # For "set": `run(values)` does the whole assignment in one call (see effects.set_runner)
    # and returns the old value, or UNCHANGED when the value stayed the same.
    run: Callable | None = attrs.field(default=None, eq=False, repr=False)


UNCHANGED = object()  # what an effect's `run` returns when the value did not change


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
    source: str = ""  # where `happened` is reported: publication and date
    effects: tuple[Effect, ...] = ()  # applied once, as the game ends, before the final scores


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
        return self._actions_of.get(seat_id, ())

    def action(self, action_id: str) -> Action:
        return self._action_by_id[action_id]

    def event(self, event_id: str) -> Event:
        return self._event_by_id[event_id]

    # Lookups the turn function, the views and the bots make thousands of times a second:
    # built once, on first use, from the tuples above (which stay the order of record).

    @cached_property
    def _actions_of(self) -> dict[str, tuple[Action, ...]]:
        return {s.id: tuple(a for a in self.actions if a.seat == s.id) for s in self.seats}

    @cached_property
    def _action_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @cached_property
    def _event_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def action_rank(self) -> dict[str, int]:
        """Each action's place in content order: orders resolve in this order."""
        return {a.id: i for i, a in enumerate(self.actions)}

    def deck(self, quarter: int) -> tuple[Event, ...]:
        """The events that may come up as news in `quarter` by the calendar alone (not
        chained-only, and `quarter` among their quarters if they name any), in content order."""
        decks = self._decks
        if quarter not in decks:
            decks[quarter] = tuple(e for e in self.events
                                   if not e.chained_only and (not e.quarters or quarter in e.quarters))
        return decks[quarter]

    @cached_property
    def _decks(self) -> dict[int, tuple[Event, ...]]:
        return {}

    @cached_property
    def _sights(self) -> dict:
        """Each seat's `view.Sight`, built by `view.sight` the first time it is asked for."""
        return {}

    @cached_property
    def quiet(self):
        """This scenario's quarter compiled to Python, for resolutions nobody reads
        (see `quiet.py`); built on first use, so loading content does not pay for it."""
        from .quiet import QuietQuarter

        return QuietQuarter(self)

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
