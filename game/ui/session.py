"""A game at one keyboard: whose screen comes next, each seat's draft orders, when to resolve.

This is the table's etiquette, not the game's rules: the rules live in `game.core` and the
match in `game.match`. The session only decides the order of screens so that a seat's private
screens are always fenced off by a hand-off when several people share the keyboard:

* one human: briefing, then each quarter news -> talks -> orders -> report (no hand-off needed);
* several humans: each seat's screens follow its own hand-off; after a quarter resolves the
  room sees the public report, then each seat, after its hand-off, its own full report;
* talks in hot seat: an offer reaches its receiver at its turn; a receiver that has already
  given its orders gets one more turn, behind its hand-off, to answer before the quarter
  resolves (and, if it accepts, to give its orders again with the budget left);
* no human (bots only): the room watches every quarter with everything shown;
* a team at a table (`TableSession`): the one-human flow, each step chosen from the table's
  state (its orders in: a wait; a quarter resolved: its report), since other processes play
  the other seats.

A resumed game first shows each seat its briefing and its own report of the last quarter.

No Textual here, so the flow is tested without a terminal.
"""

from __future__ import annotations

import attrs

from ..core import deals
from ..core.deals import Offer
from ..core.state import Order, Outcome
from ..core.view import TrackView, view, visible_outcomes
from ..match import HUMAN, Match
from ..table import Reading, Table, Tables

# Kinds of step, in the order they come in a quarter.
INTRO, HANDOFF, BRIEFING, QUARTER, TALKS, ORDERS, WAITING, REPORT, END, DEBRIEF = (
    "intro",
    "handoff",
    "briefing",
    "quarter",
    "talks",
    "orders",
    "waiting",
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
    quarters: tuple[int, ...] = ()  # reports only: the quarters reported; () for the last one
    passed: tuple[int, ...] = ()  # reports at a table: quarters resolved without the seat's orders


@attrs.define
class Draft:
    """A seat's orders while it is still making up its mind."""

    actions: list[str] = attrs.Factory(list)
    choices: dict[str, str] = attrs.Factory(dict)


class Seats:
    """What the seat screens read, whichever way the game is played: the rules, the match
    (read only through `view()` and `visible_outcomes()`), and each seat's draft orders."""

    match: Match
    hot_seat: bool = False
    facilitator: bool = False
    table: Table | None = None  # at a table: the table as last read

    def __init__(self, match: Match) -> None:
        self.match = match
        self.rules = match.rules
        self.drafts: dict[str, Draft] = {}

    def draft(self, seat: str) -> Draft:
        return self.drafts.setdefault(seat, Draft())

    def seat_views(self, seat: str | None):
        """The seat's view at the start of each quarter played, then now: the trend's data."""
        return [view(self.rules, state, seat) for state in self.match.history]

    def outcomes(self, seat: str | None, scope: str, quarter: int) -> list[Outcome]:
        """What resolving `quarter` showed this seat (PUBLIC: what every seat saw), without
        the next quarter's news, which its own news screen tells."""
        log = self.match.log
        outcomes = [o for o in log[quarter] if o.quarter == quarter] if 0 < quarter < len(log) else []
        if scope == PUBLIC:
            return common_outcomes(self.rules, outcomes)
        return visible_outcomes(outcomes, seat, self.rules)

    def last_outcomes(self, seat: str | None, scope: str) -> list[Outcome]:
        """What the quarter just resolved showed this seat (PUBLIC: what every seat saw)."""
        return self.outcomes(seat, scope, len(self.match.log) - 1)

    def public_views(self):
        """The tracks every seat sees, at the start of each quarter: the room's dashboard."""
        return [common_view(self.rules, state) for state in self.match.history]

    # -- talks ---------------------------------------------------------------------------

    @property
    def offers(self) -> list[Offer]:
        """The current quarter's talks, every seat's: screens show a seat `deals.seen_by` them."""
        return self.match.offers

    def ordered(self, seat: str) -> bool:
        """Whether `seat` has given its orders for the current quarter."""
        raise NotImplementedError

    def why_not_talk(self, sender: str, receiver: str) -> str:
        """Why `sender` may not offer `receiver` anything now, "" when it may: the table's
        etiquette (whose orders are in); the terms themselves are judged by `deals`."""
        if self.ordered(sender):
            return "your orders are in for this quarter"
        return ""

    def make_offer(self, offer: Offer) -> Offer:
        """Put `offer` on the table; a bot answers at once. Raises IllegalOffer (or TableError)."""
        problem = self.why_not_talk(offer.sender, offer.receiver)
        if problem:
            raise deals.IllegalOffer(problem)
        return self.match.offer(offer)

    def answer_offer(self, index: int, accept: bool) -> Offer:
        """The receiver's answer to offer `index` of the quarter's talks. Raises IllegalOffer."""
        return self.match.answer(index, accept)

    def report_tracks(self, seat: str | None, quarter: int) -> list:
        """The dashboard of `quarter`'s report ("" is the room): the tracks at the start of
        each quarter, then as `quarter` ended, before the next news, so its last move is
        what the report's outcomes moved."""
        if seat == "":
            match = self.match
            return [common_view(self.rules, state) for state in [*match.history[:quarter], match.settled[quarter]]]
        return [v.tracks for v in self.match.report_views(seat, quarter)]


class Session(Seats):
    """A game at one keyboard: its steps are planned a quarter ahead."""

    def __init__(self, match: Match, facilitator: bool = False):
        super().__init__(match)
        self.facilitator = facilitator  # an umpire at this keyboard: each quarter stops at their console
        self.humans = tuple(s for s in self.rules.seat_ids if match.seats.get(s) == HUMAN)
        self.orders: dict[str, Order] = {}
        self.steps: list[Step] = []
        self.index = -1
        self.saved_quarters = len(match.record.quarters)  # quarters in the last autosave
        # Seats given one more turn to answer offers after their orders: the offers (by
        # index) they owed answers to when it was planned.
        self.owed: dict[str, tuple[int, ...]] = {}
        if not match.over:
            match.open_talks()
        self.steps.append(Step(INTRO))
        if match.over:
            self.steps += [Step(END), Step(DEBRIEF)]
        elif match.record.quarters:
            self._plan_resume()
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
        """From a seat's orders back to its news, from the debrief back to the scores; None
        where going back would cross a hand-off."""
        step = self.current
        if step is None or step.kind not in (TALKS, ORDERS, DEBRIEF) or self.index == 0:
            return None
        previous = self.steps[self.index - 1]
        pairs = ((QUARTER, TALKS), (TALKS, ORDERS), (END, DEBRIEF))
        if (previous.kind, step.kind) not in pairs or previous.seat != step.seat:
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
            self.steps += [Step(QUARTER, seat), Step(TALKS, seat), Step(ORDERS, seat)]

    def _plan_resume(self) -> None:
        """A saved game goes on: each seat is reminded who it is, then sees its own report of
        the last quarter (which it may not have seen before the game was left), then its news."""
        if not self.humans:
            self.steps += [Step(REPORT, None, ALL_SEATS), Step(QUARTER, None)]
            return
        for seat in self.humans:
            if self.hot_seat:
                self.steps.append(Step(HANDOFF, seat))
            self.steps += [
                Step(BRIEFING, seat),
                Step(REPORT, seat, SEAT),
                Step(QUARTER, seat),
                Step(TALKS, seat),
                Step(ORDERS, seat),
            ]

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
                self.steps += [
                    Step(HANDOFF, seat),
                    Step(REPORT, seat, SEAT),
                    Step(QUARTER, seat),
                    Step(TALKS, seat),
                    Step(ORDERS, seat),
                ]
        else:
            self._plan_quarter(first=False)

    # -- orders --------------------------------------------------------------------------

    @property
    def waiting_on(self) -> tuple[str, ...]:
        """Humans the quarter still waits for: their orders, or their answer to an offer."""
        offers = self.match.offers
        return tuple(s for s in self.humans if s not in self.orders or deals.waiting_on(offers, s))

    def ordered(self, seat: str) -> bool:
        return seat in self.orders

    def submit(self, seat: str, order: Order) -> list[Outcome] | None:
        """Keep a seat's order; once every human has given one and answered every offer,
        resolve the quarter (unless a facilitator will, from their console). A seat owed an
        answer after its orders gets a turn to give it first (`_plan_answers`)."""
        self.orders[seat] = order
        return self._go_on()

    def talks_done(self, seat: str) -> list[Outcome] | None:
        """A seat leaves its talks. In a turn of its own it goes on to its orders (None). In
        a turn given to answer after its orders: if it accepted an offer it gives its orders
        again with the budget left; else they stand, and the quarter may resolve."""
        if seat not in self.orders:
            return None
        owed = self.owed.pop(seat, ())
        offers = self.match.offers
        if any(i < len(offers) and offers[i].accepted for i in owed):
            del self.orders[seat]
            self.steps.insert(self.index + 1, Step(ORDERS, seat))
            return None
        return self._go_on()

    def _go_on(self) -> list[Outcome] | None:
        self._plan_answers()
        if self.waiting_on or self.facilitator:
            return None
        return self.resolve()

    def _plan_answers(self) -> None:
        """Each human that has ordered and has an offer to answer gets a turn to answer it,
        next, behind its hand-off (it was not there when the offer was made)."""
        at = self.index + 1
        planned = {s.seat for s in self.steps[at:] if s.kind == TALKS}
        for seat in self.humans:
            pending = deals.waiting_on(self.match.offers, seat)
            if seat not in self.orders or not pending or seat in planned:
                continue
            self.owed[seat] = tuple(i for i, o in enumerate(self.match.offers) if o in pending)
            turn = [Step(HANDOFF, seat), Step(TALKS, seat)] if self.hot_seat else [Step(TALKS, seat)]
            self.steps[at:at] = turn
            at += len(turn)

    def resolve(self, interventions=()) -> list[Outcome]:
        outcomes = self.match.play(dict(self.orders), tuple(interventions))
        self.orders, self.drafts, self.owed = {}, {}, {}
        self._plan_after_resolution()
        if not self.match.over:
            self.match.open_talks()
        return outcomes

    @property
    def unsaved(self) -> bool:
        """Quitting now would lose something: a game in progress with choices not yet saved."""
        return not self.match.over or self.saved_quarters < len(self.match.record.quarters)

    def mark_saved(self) -> None:
        self.saved_quarters = len(self.match.record.quarters)


class TableSession(Seats):
    """One team's seat at a table: the same screens as at one keyboard, in the order the
    table's state calls for. The table lives in the tables database, changed by other
    processes; the app reads it every second and hands each reading to `update`.

    The team's own progress is one number, the resolved quarters whose report it has moved
    on from: a quarter resolved beyond that is reported next, however it resolved (the last
    order, or the facilitator forcing it while the team was still deciding).
    """

    def __init__(self, tables: Tables, code: str, seat: str, key: str, reading: Reading) -> None:
        super().__init__(reading.game)  # type: ignore[arg-type]  # a Reading's game is a Match
        self.tables, self.code, self.seat, self.key = tables, code, seat, key
        self.table = reading.table
        self.passed = reading.passed
        self.humans = (seat,)
        self.current: Step | None = None
        self.seen = reading.table.resolved  # resolved quarters whose report the team has seen
        self.briefed = False

    def update(self, reading: Reading) -> bool:
        """Take a newer reading of the table; True if a quarter resolved since the last one."""
        resolved = reading.table.resolved != self.table.resolved  # type: ignore[union-attr]
        self.table, self.match, self.passed = reading.table, reading.game, reading.passed  # type: ignore[assignment]
        self.rules = self.match.rules
        if resolved:
            self.drafts = {}
        return resolved

    def due(self) -> Step:
        """The step the team should be at, from the table as last read."""
        table, seat = self.table, self.seat
        assert table is not None
        if table.resolved > self.seen:
            quarters = tuple(range(self.seen + 1, table.resolved + 1))
            return Step(REPORT, seat, SEAT, quarters, tuple(q for q in quarters if q in self.passed))
        if table.over:
            current = self.current
            return Step(DEBRIEF) if current is not None and current.kind in (END, DEBRIEF) else Step(END)
        if table.seat(seat).submitted:
            return Step(WAITING, seat)
        if not self.briefed:
            return Step(BRIEFING, seat)
        return Step(QUARTER, seat)

    def next(self) -> Step:
        """The step after the one on screen."""
        current = self.current
        if current is not None:
            if current.kind == REPORT and current.quarters:
                self.seen = max(self.seen, current.quarters[-1])
            elif current.kind == BRIEFING:
                self.briefed = True
        step = self.due()
        if current is not None and current.kind in (QUARTER, TALKS) and step.kind == QUARTER:
            step = Step(TALKS if current.kind == QUARTER else ORDERS, self.seat)
        self.current = step
        return step

    def back(self) -> Step | None:
        current = self.current
        if current is None or current.kind not in (TALKS, ORDERS, DEBRIEF):
            return None
        before = {ORDERS: Step(TALKS, self.seat), TALKS: Step(QUARTER, self.seat), DEBRIEF: Step(END)}
        self.current = before[current.kind]
        return self.current

    def moved_on(self) -> bool:
        """The table has moved past the step on screen (a quarter resolved, or the orders the
        team gave arrived): the screen should give way to `next()`'s."""
        current = self.current
        if current is None or current.kind not in (QUARTER, TALKS, ORDERS, WAITING):
            return False
        due = self.due().kind
        return due != current.kind and not (current.kind in (TALKS, ORDERS) and due == QUARTER)

    # -- talks at a table: kept in the table's database, so the other teams see them live --

    def ordered(self, seat: str) -> bool:
        assert self.table is not None
        return self.table.seat(seat).submitted

    def why_not_talk(self, sender: str, receiver: str) -> str:
        problem = super().why_not_talk(sender, receiver)
        if problem:
            return problem
        assert self.table is not None
        if self.table.seat(receiver).human and self.ordered(receiver):
            return "has given its orders for this quarter"
        return ""

    def make_offer(self, offer: Offer) -> Offer:
        problem = self.why_not_talk(offer.sender, offer.receiver)
        if problem:
            raise deals.IllegalOffer(problem)
        made = self.tables.offer(self.code, self.seat, self.key, self.match.state.quarter, offer)
        self.update(self.tables.reading(self.code, self.seat))
        return made

    def answer_offer(self, index: int, accept: bool) -> Offer:
        made = self.tables.answer(self.code, self.seat, self.key, self.match.state.quarter, index, accept)
        self.update(self.tables.reading(self.code, self.seat))
        return made

    @property
    def waiting_on(self) -> tuple[str, ...]:
        return self.table.waiting_on if self.table is not None else ()


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
