"""The rules of one scenario as compiled values: tracks, seats, actions, events, rules, endings.

The content layer builds these from TOML after checking every expression; the core only
reads them. Expressions are already closures over the value list (see `expr/closures.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .citation import NO_SOURCE, Source
from .expr import Bool, Num

PUBLIC, HIDDEN, ALL = "public", "hidden", "all"

# The flat list every expression reads: the tracks' values, each seat's budget, then
# `quarter` and `ending` (see `effects.symbol_table`). Values a seat cannot see are None.
Slots = list[Any] | tuple[Any, ...]
Expression = Callable[[Slots], Any]  # a compiled expression (`expr.closures`)


# A chance or odds: an expression, a probability already worked out (content wrote a
# number), or None for certain.
Odds = Expression | float | None


def odds_of(odds: Odds, values: Slots) -> float:
    """A chance or odds read as a probability: absent is certain, and anything outside 0..1
    is clamped, so content cannot write a broken roll. The engine rolls these odds, and the
    screens and bots show and weigh the same."""
    if odds is None:
        return 1.0
    if odds.__class__ is float:  # worked out at load: see `fixed_odds`
        return odds
    return max(0.0, min(1.0, float(odds(values))))  # type: ignore[operator]


def fixed_condition(when: Expression) -> Expression | None:
    """`when` as the engine reads it fastest: None for a condition written as `true`, which
    then costs nothing to test every quarter."""
    tree = getattr(when, "tree", None)
    return None if isinstance(tree, Bool) and tree.value is True else when


def fixed_odds(odds: Expression | None) -> Odds:
    """`odds` as the engine reads it fastest: a number written as one is worked out once,
    as `odds_of` would work it out, instead of on every roll."""
    if isinstance(getattr(odds, "tree", None), (Num, Bool)):
        return odds_of(odds, ())
    return odds


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

    def format(self, value: float | str) -> str:
        """The value as players read it, with its unit: '53%', '1 quarter', '2 quarters'."""
        if not self.is_number:
            return str(value)
        text = f"{value:,.{self.precision}f}" if self.precision else f"{int(value):,}"
        unit = self.unit
        if not unit:
            return text
        if unit == "%":
            return text + unit
        if text == "1" and unit.isalpha() and unit.endswith("s"):
            unit = unit[:-1]  # a plain plural word agrees with one
        return f"{text} {unit}"


@attrs.frozen
class Effect:
    """One compiled effect. `key` names it so a delayed copy can be stored in the state."""

    key: str
    text: str
    kind: str  # "set", "queue" or "delay"
    target: int = -1
    op: str = "="
    value: Expression | None = None
    lo: float = 0
    hi: float = 0
    precision: int = 0
    is_number: bool = True
    delay: int = 0
    inner: Effect | None = None
    event: str = ""
    # For "set": `run(values)` does the whole assignment in one call (see effects.set_runner)
    # and returns the old value, or UNCHANGED when the value stayed the same.
    run: Callable[[list[Any]], Any] | None = attrs.field(default=None, eq=False, repr=False)


UNCHANGED = object()  # what an effect's `run` returns when the value did not change


@attrs.frozen
class Objective:
    id: str
    text: str
    points: Expression  # values -> number
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
    requires: Expression | None
    requires_text: str
    odds: Odds  # values -> probability, clamped to 0..1 (None: certain)
    odds_text: str
    effects: tuple[Effect, ...]
    fail_effects: tuple[Effect, ...] = ()
    public: bool = True
    once: bool = False
    source: Source = NO_SOURCE
    happened: str = ""
    fail_text: str = ""
    as_of: str = ""  # the ISO date `happened` is true as of


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
    when: Expression | None = None
    when_text: str = ""
    chance: Odds = None
    chance_text: str = ""
    once: bool = True
    effects: tuple[Effect, ...] = ()
    visible_to: str = ALL  # "all" or a seat id
    choice_seat: str = ""
    options: tuple[Option, ...] = ()
    source: Source = NO_SOURCE
    happened: str = ""
    chained_only: bool = False  # fires only when another effect queues it
    leaks: bool = False  # comes up only while a private deal is kept, and makes every such deal public
    as_of: str = ""  # the ISO date `happened` is true as of

    def option(self, option_id: str | None) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return self.options[0] if self.options else None


@attrs.frozen
class Terms:
    """One side of a deal: what that seat pays, orders and brings about when the deal is
    carried out."""

    seat: str
    text: str
    cost: int = 0
    actions: tuple[str, ...] = ()  # ordered for this side, rolled like any order
    effects: tuple[Effect, ...] = ()


@attrs.frozen
class Deal:
    """Terms two seats may agree in the talks phase; either side may offer them to the other."""

    id: str
    name: str
    text: str
    sides: tuple[Terms, Terms]
    when: Expression | None = None  # None: whenever both seats are in the game
    when_text: str = ""
    public: bool = False  # announced to every seat; else only the two parties know, unless it leaks
    source: Source = NO_SOURCE
    happened: str = ""
    as_of: str = ""  # the ISO date `happened` is true as of

    @property
    def seats(self) -> tuple[str, str]:
        return (self.sides[0].seat, self.sides[1].seat)

    def terms(self, seat: str) -> Terms:
        return self.sides[0] if self.sides[0].seat == seat else self.sides[1]


@attrs.frozen
class Rule:
    """A non-player rule, such as the licensing agency deciding from the state."""

    id: str
    name: str
    text: str
    when: Expression | None  # None: every quarter (content wrote `when = "true"`)
    when_text: str
    chance: Odds
    effects: tuple[Effect, ...]
    once: bool = False
    visible_to: str = ALL
    source: Source = NO_SOURCE


@attrs.frozen
class Ending:
    id: str
    title: str
    text: str
    when: Expression | None  # None: the ending when time runs out
    when_text: str = ""
    happened: str = ""
    source: Source = NO_SOURCE  # where `happened` is reported
    effects: tuple[Effect, ...] = ()  # applied once, as the game ends, before the final scores
    as_of: str = ""  # the ISO date `happened` is true as of


@attrs.frozen
class SeatMask:
    """What one seat may see, worked out once per seat from the content: `view.view` applies
    it to every state, for every seat, every quarter of every game."""

    unseen: tuple[int, ...]  # value slots (tracks, then budgets) hidden from the seat
    budget_slot: int | None  # the seat's own budget among the budgets; None: facilitator
    news: frozenset[str]  # events the seat sees in the news
    answers: frozenset[str]  # events whose choice is the seat's to make
    own: frozenset[str] | None  # the seat's own actions; None: the facilitator sees all

    @classmethod
    def of(cls, rules: Rules, seat: str | None) -> SeatMask:
        """Seat None is the facilitator (and the debrief after the game), who sees everything."""
        visible = (*(t.visible_to(seat) for t in rules.tracks), *(seat is None or s.id == seat for s in rules.seats))
        news = frozenset(e.id for e in rules.events if seat is None or e.visible_to in (ALL, seat))
        return cls(
            unseen=tuple(i for i, v in enumerate(visible) if not v),
            budget_slot=None if seat is None else rules.seat_ids.index(seat),
            news=news,
            answers=frozenset(
                e.id for e in rules.events if e.id in news and e.options and (seat is None or e.choice_seat == seat)
            ),
            own=None if seat is None else frozenset(a.id for a in rules.actions if a.seat == seat),
        )


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
    effects_by_key: dict[str, Effect] = attrs.field(eq=False, repr=False)  # delayed effects, by key
    questions: tuple[str, ...] = ()
    source: Source = NO_SOURCE  # what the intro rests on, or fictional for a hypothetical set-up
    as_of: str = ""  # the ISO date the intro is true as of
    deals: tuple[Deal, ...] = ()

    # Indexes the engine, the views and the bots read thousands of times a second, built
    # once with the rules from the tuples above (which stay the order of record).
    track_index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)
    seat_ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    action_rank: dict[str, int] = attrs.field(init=False, eq=False, repr=False)  # orders resolve in this order
    slot_names: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)  # tracks, then budget.<seat>
    masks: dict[str | None, SeatMask] = attrs.field(init=False, eq=False, repr=False)  # per seat, None too
    _actions_of: dict[str, tuple[Action, ...]] = attrs.field(init=False, eq=False, repr=False)
    _action_by_id: dict[str, Action] = attrs.field(init=False, eq=False, repr=False)
    _event_by_id: dict[str, Event] = attrs.field(init=False, eq=False, repr=False)
    _decks: dict[int, tuple[Event, ...]] = attrs.field(init=False, eq=False, repr=False)
    _deal_by_id: dict[str, Deal] = attrs.field(init=False, eq=False, repr=False)

    @track_index.default
    def _index_tracks(self) -> dict[str, int]:
        return {t.id: i for i, t in enumerate(self.tracks)}

    @seat_ids.default
    def _index_seats(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.seats)

    @action_rank.default
    def _rank_actions(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.actions)}

    @slot_names.default
    def _name_slots(self) -> tuple[str, ...]:
        return (*(t.id for t in self.tracks), *(f"budget.{s.id}" for s in self.seats))

    @masks.default
    def _mask_seats(self) -> dict[str | None, SeatMask]:
        return {seat: SeatMask.of(self, seat) for seat in (None, *(s.id for s in self.seats))}

    @_actions_of.default
    def _index_actions_of(self) -> dict[str, tuple[Action, ...]]:
        return {s.id: tuple(a for a in self.actions if a.seat == s.id) for s in self.seats}

    @_action_by_id.default
    def _index_actions(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @_event_by_id.default
    def _index_events(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @_deal_by_id.default
    def _index_deals(self) -> dict[str, Deal]:
        return {d.id: d for d in self.deals}

    @_decks.default
    def _deal_decks(self) -> dict[int, tuple[Event, ...]]:
        return {q: self._deck_of(q) for q in range(1, self.quarters + 2)}

    def track(self, track_id: str) -> Track:
        return self.tracks[self.track_index[track_id]]

    def seat(self, seat_id: str) -> Seat:
        for s in self.seats:
            if s.id == seat_id:
                return s
        raise KeyError(seat_id)

    def actions_of(self, seat_id: str) -> tuple[Action, ...]:
        return self._actions_of.get(seat_id, ())

    def action(self, action_id: str) -> Action:
        return self._action_by_id[action_id]

    def event(self, event_id: str) -> Event:
        return self._event_by_id[event_id]

    def deal(self, deal_id: str) -> Deal:
        return self._deal_by_id[deal_id]

    def has_deal(self, deal_id: str) -> bool:
        return deal_id in self._deal_by_id

    def deck(self, quarter: int) -> tuple[Event, ...]:
        """The events that may come up as news in `quarter` by the calendar alone (not
        chained-only, and `quarter` among their quarters if they name any), in content order."""
        deck = self._decks.get(quarter)
        return self._deck_of(quarter) if deck is None else deck

    def _deck_of(self, quarter: int) -> tuple[Event, ...]:
        return tuple(e for e in self.events if not e.chained_only and (not e.quarters or quarter in e.quarters))

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
