"""How bots talk: the offers a bot makes, and how it answers one.

A deal is weighed as an order is (`lookahead.py`): the quarter resolved on the bot's
believed state with the offer accepted and the bot otherwise passing, against passing
without it, by the engine the game plays with. The budget a deal takes is priced at what
the bot's best action makes of a point of budget (`Talker.price`), so a deal has to beat the
orders it crowds out. An action a deal binds a side to that has odds is weighed by its odds,
success and failure, as the smart bot weighs its own.

A proposer predicts the answer the same way, scoring the receiver's objectives (they are
in the content, for any player to read) on its own beliefs. It offers each other seat at
most one deal a quarter: the one worth most to itself among those it expects accepted.
Everything is a pure function of (rules, view, offers so far, seed), like a bot's order.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping, Sequence

import attrs

from ..core.deals import ACCEPTED, Offer, promised, side, why_not_accept, why_not_offer
from ..core.model import Rules, odds_of
from ..core.options import menu
from ..core.state import GameState
from ..core.view import SeatView, view
from .belief import believed_state
from .lookahead import Analysis, Lookahead, _answer_choices, analyse
from .random_bot import bot_stream
from .reasons import objective_label

WORTH = 1.5  # net points a deal must be worth to a bot, to offer it or accept it
SHARE = 0.6  # of the best action's points per point of budget: what a bot reckons a point worth
SHORTLIST = 1  # per side, the actions tried in trades of an action for an action


@attrs.frozen
class Weighing:
    """A deal as one seat sees it: per objective gains, the budget it takes, and its net worth."""

    gains: tuple[float, ...]
    burden: int
    net: float


class Talker:
    """One bot's talks for one quarter, on its believed state."""

    def __init__(
        self, rules: Rules, seat: str, seat_view: SeatView, seed: int, analysis: Callable[[], Analysis] | None = None
    ) -> None:
        """`analysis`: the seat's analysis of this view (`analyse(..., keep=1)`), when the bot
        keeps one to share with its order."""
        self.rules, self.seat, self.view, self.seed = rules, seat, seat_view, seed
        self._analyse = analysis or (lambda: analyse(rules, seat, seat_view, seed, keep=1))
        stream = bot_stream(seed, rules.seat_ids.index(seat), seat_view.quarter)
        stream.next64()  # the draw the order's analysis uses: the talks believe the same state
        self.look = Lookahead.on(rules, seat, believed_state(rules, seat_view, stream.next64()))
        self.answers = _answer_choices(rules, self.look, seat_view)[0]
        self._others: dict[str, Lookahead] = {}
        self._price: float | None = None
        self._after: dict[str, list] = {}  # action id -> the slots after ordering it alone

    def other(self, seat: str) -> Lookahead:
        """A lookahead scoring `seat`'s objectives on this bot's beliefs."""
        if seat not in self._others:
            look = self.look
            self._others[seat] = Lookahead(self.rules, seat, look.start, look.rolls, look.at)
        return self._others[seat]

    @property
    def price(self) -> float:
        """Points a point of this seat's budget would make in its best action this quarter."""
        if self._price is None:
            analysis = self._analyse()
            rates = [e.gain / e.action.cost for e in analysis.estimates if e.action.cost > 0]
            self._price = SHARE * max([0.0, *rates])
        return self._price

    def weigh(self, offer: Offer, look: Lookahead | None = None, answers: tuple = ()) -> Weighing:
        """What `offer`, accepted, is worth to the seat `look` scores (default: this bot)."""
        look = look or self.look
        answers = answers if look is not self.look else self.answers
        rules, accepted = self.rules, attrs.evolve(offer, answer=ACCEPTED)
        v = look.start.v
        chancy = [
            (a, odds_of(rules.action(a).odds, v))
            for p in offer.parties
            for a in side(rules, offer, p)[1]
            if 0 < odds_of(rules.action(a).odds, v) < 1
        ]
        expected = [0.0] * len(rules.seat(look.seat).objectives)
        for outcome in itertools.product((True, False), repeat=len(chancy)):
            weight = 1.0
            for (_, odds), ok in zip(chancy, outcome):
                weight *= odds if ok else 1 - odds
            forced = {a: ok for (a, _), ok in zip(chancy, outcome)}
            points = look.score(look.resolve(None, answers, forced or None, offers=(accepted,)).v)
            expected = [e + weight * p for e, p in zip(expected, points)]
        gains = tuple(map(operator.sub, expected, look.passing(answers, draws=len(chancy))))
        burden = promised(rules, (accepted,), look.seat)
        return Weighing(gains, burden, sum(gains) - burden * self.price)

    def answer(self, offer: Offer, offers: tuple[Offer, ...]) -> Offer:
        view = self.view
        problem = why_not_accept(self.rules, offer, view.values, view.used, view.budget, offers)
        if problem:
            return offer.answered(False, f"rejected: cannot accept, {problem}")
        w = self.weigh(offer)
        if w.net >= WORTH:
            return offer.answered(True, f"accepted: {self.because(w)}")
        cost = f" after the {w.burden} budget it takes" if w.burden else ""
        return offer.answered(False, f"rejected: worth {w.net:+.1f} pts to me{cost}")

    def because(self, w: Weighing) -> str:
        objectives = self.rules.seat(self.seat).objectives
        if not objectives:
            return f"worth {w.net:+.1f} pts"
        top = max(range(len(objectives)), key=lambda i: (w.gains[i], -i))
        return f"raises my expected points by {sum(w.gains):.1f}, most through {objective_label(objectives[top].text)}"

    def propose(self, offers: tuple[Offer, ...]) -> tuple[Offer, ...]:
        """At most one offer to each other seat: the best for this bot that it expects accepted."""
        made: list[Offer] = []
        for other in self.rules.seat_ids:
            if other == self.seat:
                continue
            best: tuple[float, Offer] | None = None
            for offer in self.candidates(other, (*offers, *made)):
                mine = self.weigh(offer)
                if mine.net < WORTH or (best is not None and mine.net <= best[0]):
                    continue
                theirs = self.weigh(offer, self.other(other))
                if theirs.net >= WORTH:
                    reason = f"offered: {self.because(mine)}; they gain {sum(theirs.gains):.1f} by my reckoning"
                    best = (mine.net, attrs.evolve(offer, reason=reason))
            if best is not None:
                made.append(best[1])
        return tuple(made)

    def candidates(self, other: str, offers: tuple[Offer, ...]) -> list[Offer]:
        """Offers to `other` this bot may make now: the content's deals between the two, and a
        short list of trades, its actions the other values most for the other's it values most."""
        rules, view = self.rules, self.view
        budget = view.budget or 0

        def allowed(offer: Offer) -> bool:
            return not why_not_offer(rules, offer, view.values, view.used, budget, offers)

        found = [Offer(self.seat, other, d.id) for d in rules.deals if {self.seat, other} == set(d.seats)]
        found = [o for o in found if allowed(o)]
        spare = budget - promised(rules, offers, self.seat)
        mine = [a for a in menu(rules, self.seat, view.values, view.used, spare) if a.cost > 0]
        if not mine:
            return found
        them = self.other(other)
        base_mine, base_them = self.look.passing(self.answers), them.passing(())
        # What each of its actions would give the other seat, and each of theirs would give it.
        gives = sorted(mine, key=lambda a: -(sum(them.score(self.after(a.id))) - sum(base_them)))[:SHORTLIST]
        theirs = [a for a in rules.actions_of(other) if a.requires is None or _readable(a, view)]
        wants = sorted(theirs, key=lambda a: -(sum(self.look.score(them.resolve(a.id, ()).v)) - sum(base_mine)))[
            :SHORTLIST
        ]
        for give, want in itertools.product(gives, wants):
            offer = Offer(self.seat, other, gives=give.id, wants=want.id)
            if allowed(offer):
                found.append(offer)
        return found

    def after(self, action_id: str) -> list:
        """The slots after this seat orders `action_id` alone: the same for every other seat
        it weighs a trade with, so worked out once a quarter."""
        if action_id not in self._after:
            self._after[action_id] = self.look.resolve(action_id, self.answers).v
        return self._after[action_id]


def _readable(action, view: SeatView) -> bool:
    """Whether the bot can tell the other seat may order `action` now: its requirement read on
    what the bot sees (a requirement on a track the bot cannot see: it does not ask)."""
    try:
        return bool(action.requires(view.values))
    except TypeError:  # a value the bot cannot see is None
        return False


class Talks:
    """The talks of a bot that weighs deals with the engine (smart and expert)."""

    rules: Rules
    seat: str
    seed: int

    _talker: tuple[tuple, Talker] | None = None
    _analysis: tuple[tuple, Analysis] | None = None

    def talker(self, seat_view: SeatView) -> Talker:
        """The quarter's talker, kept while the view is the same: a bot proposes and answers
        several times a quarter, and its beliefs and prices are the same each time."""
        key = seat_view[:-1]  # the view without its rules, which never change
        if self._talker is None or self._talker[0] != key:
            self._talker = (key, Talker(self.rules, self.seat, seat_view, self.seed, lambda: self.analysis(seat_view)))
        return self._talker[1]

    def analysis(self, seat_view: SeatView) -> Analysis:
        """The seat's quarter weighed (`analyse`, best set only), kept while the view is the
        same: the talks price a point of budget with it, and when no offer took any budget the
        order is chosen on the very same view (it was worked out twice, a fifth of a game)."""
        key = seat_view[:-1]
        if self._analysis is None or self._analysis[0] != key:
            self._analysis = (key, analyse(self.rules, self.seat, seat_view, self.seed, keep=1))
        return self._analysis[1]

    def propose(self, seat_view: SeatView, offers: tuple[Offer, ...] = ()) -> tuple[Offer, ...]:
        return self.talker(seat_view).propose(offers)

    def answer(self, seat_view: SeatView, offer: Offer, offers: tuple[Offer, ...] = ()) -> Offer:
        return self.talker(seat_view).answer(offer, offers)


def bots_talk(rules: Rules, state: GameState, bots: Mapping, offers: Sequence[Offer] = ()) -> list[Offer]:
    """The quarter's talks after the bots in `bots` (seat -> bot) make their offers, in seat
    order, each answered at once when a bot receives it: what a match and a balance run do
    alike. `offers`: those already on the table. An offer the rules refuse is dropped."""
    table = list(offers)
    for seat, bot in bots.items():
        for offer in bot.propose(view(rules, state, seat), tuple(table)):
            budget = state.budget(rules, seat)
            if why_not_offer(rules, offer, state.slots(), state.used, budget, table):
                continue
            if offer.receiver in bots:
                offer = bots[offer.receiver].answer(view(rules, state, offer.receiver), offer, tuple(table))
            table.append(offer)
    return table
