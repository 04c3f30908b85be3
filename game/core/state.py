"""The game as an immutable value, the orders seats give, and what happens as a result."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

import attrs

from .model import ALL, Rules
from .rng import seed_state


@attrs.frozen
class GameState:
    """A game between quarters: `quarter` awaits orders, its news already drawn.

    Values are kept in the order of `rules.tracks` (and budgets in seat order) so the turn
    function can work on a flat list; `view()` and `value()` give them back by name.
    """

    scenario: str
    quarter: int
    values: tuple[Any, ...]  # per track: a number, or one of its states for a state track
    budgets: tuple[int, ...]
    rng: int
    news: tuple[str, ...] = ()  # events fired at the start of this quarter
    pending: tuple[tuple[int, str], ...] = ()  # (due quarter, effect key), in scheduling order
    queued: tuple[tuple[int, str], ...] = ()  # (due quarter, event id) set up by a chain
    fired: tuple[str, ...] = ()  # every event fired so far, for once-only events
    used: tuple[str, ...] = ()  # once-only actions already taken
    ending: str = ""  # the ending reached; "" while the game goes on
    # Private deals agreed and not yet leaked (see `deals.secret`): what a leak event reveals.
    secrets: tuple[str, ...] = ()

    @property
    def over(self) -> bool:
        return bool(self.ending)

    def slots(self) -> list[Any]:
        """The flat value list the turn function, the views and the scoring work on: the
        tracks, each seat's budget, then `quarter` and `ending` (see `effects.symbol_table`)."""
        return [*self.values, *self.budgets, self.quarter, self.ending]

    def value(self, rules: Rules, track_id: str) -> Any:
        return self.values[rules.track_index[track_id]]

    def budget(self, rules: Rules, seat_id: str) -> int:
        return self.budgets[rules.seat_ids.index(seat_id)]

    def to_data(self) -> dict[str, Any]:
        """Plain data, stable across machines: the basis of the digest and of saves."""
        return {
            "scenario": self.scenario,
            "quarter": self.quarter,
            "values": list(self.values),
            "budgets": list(self.budgets),
            "rng": str(self.rng),
            "news": list(self.news),
            "pending": [list(p) for p in self.pending],
            "queued": [list(q) for q in self.queued],
            "fired": list(self.fired),
            "used": list(self.used),
            "ending": self.ending,
            # Only when there are some, so a state of a game without deals (every save from
            # before deals) keeps the digest it was saved with.
            **({"secrets": list(self.secrets)} if self.secrets else {}),
        }

    def digest(self) -> str:
        text = json.dumps(self.to_data(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@attrs.frozen
class Order:
    """One seat's private decisions for a quarter: actions, and answers to its news choices."""

    seat: str
    actions: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()  # (event id, option id)
    reason: str = ""  # why a bot chose this; shown in replays, never used by the rules

    def choice(self, event_id: str) -> str | None:
        for ev, opt in self.choices:
            if ev == event_id:
                return opt
        return None


@functools.lru_cache(maxsize=8192)
def order_of(
    seat: str, actions: tuple[str, ...] = (), choices: tuple[tuple[str, str], ...] = (), reason: str = ""
) -> Order:
    """`Order(seat, actions, choices, reason)`, kept for next time: bots give and weigh the
    same few thousand orders again and again (README, Performance). Pass arguments by
    position: that is the cheap key."""
    return Order(seat, actions, choices, reason)


@attrs.frozen
class Intervention:
    """A facilitator's move, recorded with the quarter's orders so a replay repeats it.

    kind "inject": fire `event` from the deck now; "custom": a new event of `title`, `text`
    and `effects` (effect texts, checked like content); "force": the roll of `action` this
    quarter succeeds or fails as `success` says; "set": `track` takes `value` after the
    non-player rules (to override the licensing decision, say).
    """

    kind: str
    event: str = ""
    title: str = ""
    text: str = ""
    effects: tuple[str, ...] = ()
    action: str = ""
    success: bool = True
    track: str = ""
    value: object = None
    note: str = ""  # the facilitator's reason, for the report


@attrs.frozen
class Change:
    track: str
    before: object
    after: object


@attrs.frozen
class Outcome:
    """Something that happened, and who may know of it."""

    quarter: int
    phase: str  # news, choice, orders, delayed, rule, end
    kind: str  # event, option, action, effect, rule, ending
    id: str
    text: str
    seat: str = ""  # the acting seat, if any
    success: bool = True
    odds: float = 1.0
    roll: float | None = None
    changes: tuple[Change, ...] = ()
    visible_to: str = ALL  # "all", one seat id, or the two parties of a deal joined by "+"

    def seen_by(self, seat: str | None) -> bool:
        return seat is None or self.visible_to == ALL or seat in self.viewers

    @property
    def viewers(self) -> tuple[str, ...]:
        """The seats that see it; () for every seat."""
        return () if self.visible_to == ALL else tuple(self.visible_to.split("+"))


class IllegalOrder(ValueError):
    """An order the rules do not allow: unknown action, over budget, requirement unmet."""


def new_state(rules: Rules, seed: int) -> GameState:
    """The state before quarter 1's news; use `turn.new_game` to start a game."""
    return GameState(
        scenario=rules.scenario,
        quarter=1,
        values=tuple(t.start for t in rules.tracks),
        budgets=tuple(s.budget_start for s in rules.seats),
        rng=seed_state(seed),
    )
