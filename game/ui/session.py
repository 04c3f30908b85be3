"""A game at one keyboard: whose screen comes next, each seat's draft orders, when to resolve.

This is the table's etiquette, not the game's rules: the rules live in `game.core` and the
match in `game.match`. The session only decides the order of screens so that a seat's private
screens are always fenced off by a hand-off when several people share the keyboard:

* one human: briefing, then each quarter news -> orders -> report (no hand-off needed);
* several humans: each seat's screens follow its own hand-off; after a quarter resolves the
  room sees the public report, then each seat, after its hand-off, its own full report;
* no human (bots only): the room watches every quarter with everything shown.

No Textual here, so the flow is tested without a terminal.
"""

from __future__ import annotations

import attrs

from ..core.state import Order, Outcome
from ..core.view import TrackView, view, visible_outcomes
from ..match import HUMAN, Match

# Kinds of step, in the order they come in a quarter.
INTRO, HANDOFF, BRIEFING, QUARTER, ORDERS, REPORT, END, DEBRIEF = (
    "intro",
    "handoff",
    "briefing",
    "quarter",
    "orders",
    "report",
    "end",
    "debrief",
)
# Whose eyes a report is for: the whole room, one seat, or everyone in a bots-only game.
PUBLIC, SEAT, ALL_SEATS = "public", "seat", "all"


@attrs.frozen
class Step:
    kind: str
    seat: str | None = None  # None: a screen for the whole room
    scope: str = ""  # reports only: PUBLIC, SEAT or ALL_SEATS


@attrs.define
class Draft:
    """A seat's orders while it is still making up its mind."""

    actions: list[str] = attrs.Factory(list)
    choices: dict[str, str] = attrs.Factory(dict)


class Session:
    def __init__(self, match: Match, facilitator: bool = False):
        self.match = match
        self.facilitator = facilitator  # an umpire at this keyboard: each quarter stops at their console
        self.rules = match.rules
        self.humans = tuple(s for s in self.rules.seat_ids if match.seats.get(s) == HUMAN)
        self.drafts: dict[str, Draft] = {}
        self.orders: dict[str, Order] = {}
        self.steps: list[Step] = []
        self.index = -1
        self.saved_quarters = len(match.record.quarters)  # quarters in the last autosave
        self.steps.append(Step(INTRO))
        if match.over:
            self.steps += [Step(END), Step(DEBRIEF)]
        else:
            self._plan_quarter(first=True)

    # -- the flow of screens -------------------------------------------------------------

    @property
    def hot_seat(self) -> bool:
        """Several people at one keyboard: private screens need a hand-off between them."""
        return len(self.humans) > 1

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def next(self) -> Step:
        if self.index + 1 >= len(self.steps):
            raise IndexError("no step after the debrief")
        self.index += 1
        return self.steps[self.index]

    def back(self) -> Step | None:
        """From a seat's orders back to its news; None where going back would cross a hand-off."""
        step = self.current
        if step is None or step.kind != ORDERS or self.index == 0:
            return None
        previous = self.steps[self.index - 1]
        if previous.kind != QUARTER or previous.seat != step.seat:
            return None
        self.index -= 1
        return previous

    def _plan_quarter(self, first: bool) -> None:
        if not self.humans:
            self.steps.append(Step(QUARTER, None))
            return
        for seat in self.humans:
            if self.hot_seat:
                self.steps.append(Step(HANDOFF, seat))
            if first:
                self.steps.append(Step(BRIEFING, seat))
            self.steps += [Step(QUARTER, seat), Step(ORDERS, seat)]

    def _plan_after_resolution(self) -> None:
        over = self.match.over
        if not self.humans:
            self.steps.append(Step(REPORT, None, ALL_SEATS))
        elif not self.hot_seat:
            self.steps.append(Step(REPORT, self.humans[0], SEAT))
        else:
            self.steps.append(Step(REPORT, None, PUBLIC))
        if over:
            self.steps += [Step(END), Step(DEBRIEF)]
            return
        if self.hot_seat:
            # Each seat's private report opens its next turn, behind its own hand-off.
            for seat in self.humans:
                self.steps += [Step(HANDOFF, seat), Step(REPORT, seat, SEAT), Step(QUARTER, seat), Step(ORDERS, seat)]
        else:
            self._plan_quarter(first=False)

    # -- orders --------------------------------------------------------------------------

    def draft(self, seat: str) -> Draft:
        return self.drafts.setdefault(seat, Draft())

    @property
    def waiting_on(self) -> tuple[str, ...]:
        return tuple(s for s in self.humans if s not in self.orders)

    def submit(self, seat: str, order: Order) -> list[Outcome] | None:
        """Keep a seat's order; once every human has given one, resolve the quarter (unless a
        facilitator will, from their console)."""
        self.orders[seat] = order
        if self.waiting_on or self.facilitator:
            return None
        return self.resolve()

    def resolve(self, interventions=()) -> list[Outcome]:
        outcomes = self.match.play(dict(self.orders), tuple(interventions))
        self.orders, self.drafts = {}, {}
        self._plan_after_resolution()
        return outcomes

    @property
    def unsaved(self) -> bool:
        """Quitting now would lose something: a game in progress with choices not yet saved."""
        return not self.match.over or self.saved_quarters < len(self.match.record.quarters)

    def mark_saved(self) -> None:
        self.saved_quarters = len(self.match.record.quarters)

    # -- what a screen may show: always through view() and visible_outcomes() ------------

    def seat_views(self, seat: str | None):
        """The seat's view at the start of each quarter played, then now: the trend's data."""
        return [view(self.rules, state, seat) for state in self.match.history]

    def last_outcomes(self, seat: str | None, scope: str) -> list[Outcome]:
        """What the quarter just resolved showed this seat (PUBLIC: what every seat saw)."""
        outcomes = self.match.log[-1] if len(self.match.log) > 1 else []
        if scope == PUBLIC:
            return common_outcomes(self.rules, outcomes)
        return visible_outcomes(outcomes, seat, self.rules)

    def public_views(self):
        """The tracks every seat sees, at the start of each quarter: the room's dashboard."""
        return [common_view(self.rules, state) for state in self.match.history]


def common_outcomes(rules, outcomes) -> list[Outcome]:
    """What every seat saw of these outcomes: the intersection of each seat's visible part."""
    out = []
    for outcome in outcomes:
        seen = [visible_outcomes([outcome], seat, rules) for seat in rules.seat_ids]
        if not all(seen):
            continue
        kept = tuple(c for c in outcome.changes if all(c in s[0].changes for s in seen))
        out.append(attrs.evolve(outcome, changes=kept))
    return out


def common_view(rules, state) -> tuple[TrackView, ...]:
    """The tracks in every seat's view: what the whole room may look at."""
    views = [view(rules, state, seat) for seat in rules.seat_ids]
    return tuple(tv for tv in views[0].tracks if all(v.has(tv.id) for v in views[1:]))
