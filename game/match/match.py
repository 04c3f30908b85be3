"""A game in progress: rules, seats (human or bot), the current state, and its record.

This sits above the pure core: it asks bots for the empty seats' orders, calls the turn
function, and keeps the history the screens chart and the record a save writes.

Two histories are kept (see `replay.py`). `history[q]` is the state after quarter q
resolved, holding quarter q+1's news: what the seats face next. `settled[q]` is the state
as quarter q left it, before the next news (`settled[0]`: the opening, before quarter 1's
news): what a report of quarter q, its dashboard and the charts show. Screens read either
through `view()` (`end_views`), so hidden tracks stay hidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

from .. import __version__
from ..bots import BOTS
from ..bots.talks import bots_talk
from ..core.deals import IllegalOffer, Offer, as_ordering, ordering_view, why_not_accept, why_not_offer
from ..core.model import Rules
from ..core.state import GameState, Intervention, Order, Outcome
from ..core.turn import check_order, new_game
from ..core.view import SeatView, view, visible_outcomes
from .record import FORMAT_VERSION, QuarterRecord, Record, track_values
from .replay import opening_state, play_settled, replay

HUMAN = "human"
EXTERNAL = "external"  # a program over the seat protocol; its orders are recorded like a human's


def bot_kind(controller: str) -> str | None:
    """'bot:random' -> 'random'; 'human' -> None."""
    return controller.split(":", 1)[1] if controller.startswith("bot:") else None


@attrs.define
class Match:
    rules: Rules
    seed: int
    seats: dict[str, str]  # seat id -> "human", "bot:<level>" or "external"
    state: GameState
    record: Record
    history: list[GameState]  # the state at the start of each quarter played, then the latest
    log: list[list[Outcome]]  # outcomes of new_game, then of each quarter
    # settled[0]: the opening before Q1's news; settled[q]: as quarter q left it, before the next
    # news. Replaced, never appended to, so a copy made with attrs.evolve keeps its own.
    settled: list[GameState] = attrs.field(factory=list)
    bots: dict = attrs.field(factory=dict)
    save_path: Path | None = None  # where autosaves of this game go; chosen on the first one
    # The talks of the quarter `state` awaits, in the order offered: bots' offers first
    # (`open_talks`), then the humans' as they make them. Cleared when the quarter resolves.
    offers: list[Offer] = attrs.field(factory=list)
    _talks_opened: GameState | None = attrs.field(default=None, init=False, repr=False, eq=False)
    # The bots' orders for `state`, once asked for: a facilitator's console shows them before
    # the quarter resolves with them, and an expert bot's order takes a good part of a second.
    _bot_orders: tuple | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @classmethod
    def start(
        cls,
        rules: Rules,
        seed: int,
        seats: dict[str, str],
        fingerprint: str = "",
        facilitator: bool = False,
        players: Mapping | None = None,
    ) -> Match:
        """A new game. `players`: seat -> a factory called like a bot class (an `External`
        program), for the seats played by programs; those seats are "external"."""
        seats = {**seats, **dict.fromkeys(players or {}, EXTERNAL)}
        for seat_id in rules.seat_ids:
            seats.setdefault(seat_id, "bot:random")
        state, outcomes = new_game(rules, seed)
        record = Record(
            content=fingerprint,
            scenario=rules.scenario,
            seed=seed,
            seats=tuple((s, seats[s]) for s in rules.seat_ids),
            start_digest=state.digest(),
            game_version=__version__,
            start_tracks=track_values(rules, state),
            facilitator=facilitator,
        )
        match = cls(rules, seed, dict(seats), state, record, [state], [outcomes], [opening_state(rules, seed)])
        match._seat_bots()
        for seat_id, player in (players or {}).items():
            match.bots[seat_id] = player(rules, seat_id, seed)
        # In seat order, as a balance run has them: the bots talk in this order.
        match.bots = {s: match.bots[s] for s in rules.seat_ids if s in match.bots}
        return match

    @classmethod
    def from_record(cls, rules: Rules, record: Record, save_path: Path | None = None) -> Match:
        """The game a record holds, its orders replayed. A record of an older save format is
        brought up to this one (its quarters' tracks as each quarter left them), so the
        quarters it goes on to write are of one format; otherwise it is kept as it was read.

        Raises ValueError if the orders do not replay on these rules or a state differs from
        its digest: load saves through `saves.loading`, which says so in the user's words.
        """
        run = replay(rules, record)
        if not run.faithful:
            raise ValueError(run.problem())
        if record.format < FORMAT_VERSION:
            quarters = tuple(
                attrs.evolve(q, tracks=track_values(rules, end)) if q.tracks else q
                for q, end in zip(record.quarters, run.settled[1:])
            )
            record = attrs.evolve(record, format=FORMAT_VERSION, quarters=quarters)
        match = cls(
            rules,
            record.seed,
            record.controllers,
            run.states[-1],
            record,
            list(run.states),
            [list(o) for o in run.log],
            list(run.settled),
            save_path=save_path,
        )
        match._seat_bots()
        # A program's seat resumed without it is the keyboard's: its past orders are in the record.
        match.seats = {s: HUMAN if c == EXTERNAL else c for s, c in match.seats.items()}
        return match

    def _seat_bots(self) -> None:
        for seat_id, controller in self.seats.items():
            kind = bot_kind(controller)
            if kind:
                self.bots[seat_id] = BOTS[kind](self.rules, seat_id, self.seed)

    @property
    def over(self) -> bool:
        return self.state.over

    def close(self) -> None:
        """Stop the programs playing seats (a bot's `close`, where it has one); the game may
        still be read. Called when the game ends; call it when a game is left unfinished."""
        for bot in self.bots.values():
            stop = getattr(bot, "close", None)
            if stop is not None:
                stop()

    def open_talks(self) -> None:
        """The bots make their offers for this quarter, once; a bot answers a bot's at once.
        Humans' offers and answers come after (`offer`, `answer`)."""
        if self._talks_opened is self.state or self.over:
            return
        self._talks_opened = self.state
        self.offers = bots_talk(self.rules, self.state, self.bots, self.offers)

    def take_talks(self, offers) -> None:
        """The quarter's talks as kept elsewhere (a table's database), bots' offers and
        answers included: taken as they stand, and the bots make no more offers."""
        self._talks_opened = self.state
        self.offers = list(offers)

    def offer(self, offer: Offer) -> Offer:
        """Put `offer` on the table, answered at once if a bot receives it. Raises IllegalOffer."""
        state, seat = self.state, offer.sender
        problem = why_not_offer(
            self.rules, offer, state.slots(), state.used, state.budget(self.rules, seat), self.offers
        )
        if problem:
            raise IllegalOffer(f"the offer {problem}")
        if offer.receiver in self.bots:
            before = tuple(self.offers)
            offer = self.bots[offer.receiver].answer(view(self.rules, state, offer.receiver), offer, before)
        self.offers.append(offer)
        return offer

    def answer(self, index: int, accept: bool) -> Offer:
        """A human receiver's answer to offer `index` of the quarter's talks. Raises IllegalOffer."""
        offer = self.offers[index]
        if accept:
            state, seat = self.state, offer.receiver
            problem = why_not_accept(
                self.rules, offer, state.slots(), state.used, state.budget(self.rules, seat), self.offers
            )
            if problem:
                raise IllegalOffer(f"cannot accept: {problem}")
        self.offers[index] = offer.answered(accept)
        return self.offers[index]

    def check_order(self, order: Order) -> None:
        """Raise IllegalOrder unless `order` may be given now, with the talks as they stand
        (its own unanswered offers as `deals.as_ordering` counts them)."""
        check_order(self.rules, self.state, order, offers=as_ordering(self.offers, order.seat))

    def ordering_view(self, seat: str) -> SeatView:
        """What `seat` sees as it orders: its budget less what it promised in the talks."""
        return ordering_view(self.rules, view(self.rules, self.state, seat), self.offers)

    def bot_orders(self, seats=None) -> dict[str, Order]:
        """What each bot (or each bot of `seats`) orders this quarter, after the talks. A bot's
        order is a pure function of its view, so it is worked out once for each state and
        talks; a program is asked once too."""
        key = (self.state, tuple(self.offers))
        if self._bot_orders is None or self._bot_orders[0] is not key[0] or self._bot_orders[1] != key[1]:
            self.open_talks()
            self._bot_orders = (self.state, tuple(self.offers), {})
        done = self._bot_orders[2]
        wanted = [s for s in self.bots if seats is None or s in seats]
        for seat in wanted:
            if seat not in done:
                done[seat] = self.bots[seat].order(self.ordering_view(seat))
        return {s: done[s] for s in wanted}

    def play(
        self, orders: dict[str, Order] | None = None, interventions: tuple[Intervention, ...] = (), forced: bool = False
    ) -> list[Outcome]:
        """Resolve the current quarter; bots fill the seats with no order given (a bot whose
        order is given, as a table replays a program's, is not asked). `forced`: it resolves
        with humans' orders missing, and those seats are recorded as passing."""
        self.open_talks()
        given = dict(orders or {})
        given.update(self.bot_orders([s for s in self.bots if s not in given]))
        passed = tuple(s for s in self.rules.seat_ids if s not in given)
        q = self.state.quarter
        offers = tuple(self.offers)
        state, outcomes, settled = play_settled(self.rules, self.state, given, tuple(interventions), offers)
        ordered = tuple(given[s] if s in given else Order(s) for s in self.rules.seat_ids)
        self.record = self.record.with_quarter(
            QuarterRecord(
                q,
                ordered,
                state.digest(),
                tuple(interventions),
                track_values(self.rules, settled),
                state.ending,
                offers,
                forced=forced or bool(passed),
                passed=passed,
            )
        )
        self.offers = []
        self.state = state
        self.history.append(state)
        self.settled = [*self.settled, settled]
        self.log.append(outcomes)
        for seat, bot in self.bots.items():  # a program is told what its seat saw happen
            if hasattr(bot, "hear"):
                bot.hear(visible_outcomes(outcomes, seat, self.rules))
        if state.over:
            self.close()
        return outcomes

    def end_of_quarter(self, quarter: int) -> GameState:
        """The state as `quarter` left it: after its orders, rules and ending, before the next
        quarter's news (0: the opening, before quarter 1's news). Show it through `view()`."""
        if not 0 <= quarter < len(self.settled):
            raise IndexError(f"Q{quarter} has not been played (played: {len(self.settled) - 1})")
        return self.settled[quarter]

    def end_views(self, seat: str | None, upto: int | None = None) -> list[SeatView]:
        """What `seat` saw of the game at the opening and at the end of each quarter up to
        `upto` (default: the last played), before each next quarter's news: the data of a
        dashboard that matches the report of quarter `upto` (its last entry is that quarter's
        end, the one before it the previous quarter's). Seat None sees everything."""
        last = len(self.settled) - 1 if upto is None else upto
        return [view(self.rules, state, seat) for state in self.settled[: last + 1]]

    def report_views(self, seat: str | None, quarter: int | None = None) -> list[SeatView]:
        """The dashboard of the report of `quarter` (default: the last played) for `seat`: its
        view at the start of each quarter up to `quarter` (news in, as the seat ordered), then
        at `quarter`'s end, before the next news. The last move is exactly what the report's
        outcomes of that quarter moved; the next quarter's news is not in it."""
        q = len(self.settled) - 1 if quarter is None else quarter
        if not 1 <= q < len(self.settled):
            raise IndexError(f"Q{q} has not been played (played: {len(self.settled) - 1})")
        states = [*self.history[:q], self.settled[q]]
        return [view(self.rules, state, seat) for state in states]

    def play_out(self) -> None:
        while not self.over:
            self.play()
