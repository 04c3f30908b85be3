"""Deals: the offers seats make each other in the talks phase, and what an accepted one binds.

A quarter's talks come between its news and its orders. A seat offers another seat either
terms from content (a `Deal`) or an action for an action ("I will order A if you order B").
The receiver accepts or rejects before it orders. An accepted offer binds both sides for the
quarter: the engine carries it out before the orders (`turn.resolve`), the deal's effects
and costs as written, its actions among the side's own orders, rolled like them.

A seat never promises what it cannot pay: an offer reserves its sender's side of the cost
when made, and its receiver's when accepted (`promised`), and every check of an order counts
what the seat has promised (`turn.check_order`). This module is the one place legality of
talks is written, for the engine, the screens and the bots alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from .model import Rules, Slots
from .options import why_unavailable
from .view import SeatView

PENDING, ACCEPTED, REJECTED = "", "accepted", "rejected"
MAX_OFFERS = 2  # offers one seat may make another in a quarter: talks, not spam


@attrs.frozen
class Offer:
    """One seat's offer to another, and the answer. `deal` names content terms; without it
    the offer is an action for an action: the sender orders `gives`, the receiver `wants`."""

    sender: str
    receiver: str
    deal: str = ""
    gives: str = ""
    wants: str = ""
    answer: str = PENDING  # "accepted", "rejected"; still pending when the quarter resolves: lapsed
    reason: str = ""  # why a bot offered it; shown in replays, never read by the rules
    answer_reason: str = ""  # why a bot answered as it did

    @property
    def accepted(self) -> bool:
        return self.answer == ACCEPTED

    @property
    def parties(self) -> tuple[str, str]:
        return (self.sender, self.receiver)

    def party(self, seat: str | None) -> bool:
        return seat is None or seat in (self.sender, self.receiver)

    def other(self, seat: str) -> str:
        return self.receiver if seat == self.sender else self.sender

    def answered(self, accept: bool, reason: str = "") -> Offer:
        return attrs.evolve(self, answer=ACCEPTED if accept else REJECTED, answer_reason=reason)

    def same_terms(self, other: Offer) -> bool:
        """Whether the two offers would bind the same two seats to the same thing, whoever
        made which: the same deal between them, or the same two actions traded."""
        if {self.sender, self.receiver} != {other.sender, other.receiver} or self.deal != other.deal:
            return False
        if self.deal:
            return True
        mine = {(self.sender, self.gives), (self.receiver, self.wants)}
        return mine == {(other.sender, other.gives), (other.receiver, other.wants)}


class IllegalOffer(ValueError):
    """An offer or answer the rules do not allow."""


def side(rules: Rules, offer: Offer, seat: str) -> tuple[int, tuple[str, ...]]:
    """What `seat` pays (besides its actions) and orders under `offer`; nothing if not a party."""
    if seat not in offer.parties:
        return 0, ()
    if offer.deal:
        terms = rules.deal(offer.deal).terms(seat)
        return terms.cost, terms.actions
    return 0, ((offer.gives,) if seat == offer.sender else (offer.wants,))


def binding(offer: Offer, seat: str) -> bool:
    """Whether `offer` holds `seat`'s budget now: its sender's until rejected, its receiver's
    once accepted."""
    if seat == offer.sender:
        return offer.answer != REJECTED
    return seat == offer.receiver and offer.answer == ACCEPTED


def committed(
    rules: Rules, offers: Iterable[Offer], seat: str, *, pending: bool = False
) -> tuple[int, tuple[str, ...]]:
    """What `seat` has bound itself to: the deals' own costs and the actions it must order.
    With `pending`, offers it made and nobody has answered yet count too (see `promised`)."""
    cost, actions = 0, list[str]()
    for offer in offers:
        if offer.accepted or (pending and binding(offer, seat)):
            c, acts = side(rules, offer, seat)
            cost += c
            actions.extend(a for a in acts if a not in actions)
    return cost, tuple(actions)


def promised(rules: Rules, offers: Iterable[Offer], seat: str) -> int:
    """The budget `seat` has set aside in the talks: every accepted offer's side of it, and
    its own offers not yet answered. An action promised twice is paid once."""
    cost, actions = committed(rules, offers, seat, pending=True)
    return cost + sum(rules.action(a).cost for a in actions)


def secret(quarter: int, offer: Offer) -> str:
    """How a private deal is kept in the state until it leaks: quarter, parties, terms."""
    terms = f"deal={offer.deal}" if offer.deal else f"{offer.gives}>{offer.wants}"
    return f"{quarter}:{offer.sender}:{offer.receiver}:{terms}"


def read_secret(text: str) -> tuple[int, Offer]:
    quarter, sender, receiver, terms = text.split(":", 3)
    if terms.startswith("deal="):
        return int(quarter), Offer(sender, receiver, deal=terms[5:], answer=ACCEPTED)
    gives, wants = terms.split(">", 1)
    return int(quarter), Offer(sender, receiver, gives=gives, wants=wants, answer=ACCEPTED)


def public(rules: Rules, offer: Offer) -> bool:
    """Whether every seat learns of this deal when it is carried out."""
    return bool(offer.deal) and rules.deal(offer.deal).public


def visibility(rules: Rules, offer: Offer) -> str:
    """An outcome's `visible_to` for this offer: everyone's for a public deal, else the two parties'."""
    return "all" if public(rules, offer) else f"{offer.sender}+{offer.receiver}"


def why_not_offer(
    rules: Rules,
    offer: Offer,
    values: Slots,
    used: Sequence[str],
    budget: int | None,
    made: Sequence[Offer] = (),
) -> str:
    """Why the sender may not make `offer` now, on the values it sees (`used`: its once-only
    actions taken; `budget`: its budget, None to leave money out; `made`: the quarter's
    offers so far); "" when it may. The receiver's side is judged when it answers."""
    seats = rules.seat_ids
    if offer.sender not in seats or offer.receiver not in seats:
        return "is between seats not in this game"
    if offer.sender == offer.receiver:
        return "is to oneself"
    if sum(1 for o in made if o.sender == offer.sender and o.receiver == offer.receiver) >= MAX_OFFERS:
        return f"would be more than {MAX_OFFERS} offers to {offer.receiver} this quarter"
    if any(o.same_terms(offer) for o in made):
        return "is already on the table"
    if offer.deal:
        if offer.gives or offer.wants:
            return "mixes a deal with an action for an action"
        if not rules.has_deal(offer.deal):
            return f"names no deal {offer.deal!r} of this scenario"
        deal = rules.deal(offer.deal)
        if set(deal.seats) != {offer.sender, offer.receiver}:
            return f"is a deal between {deal.seats[0]} and {deal.seats[1]}"
        if deal.when is not None and not deal.when(values):
            return f"needs {deal.when_text}"
        for action_id in deal.terms(offer.sender).actions:
            problem = why_unavailable(rules.action(action_id), values, used, None)
            if problem:
                return f"binds you to {rules.action(action_id).name}, which {problem}"
    else:
        problem = _own_action(rules, offer.sender, offer.gives, values, used)
        if problem:
            return problem
        wanted = rules._action_by_id.get(offer.wants)
        if wanted is None or wanted.seat != offer.receiver:
            return f"asks {offer.receiver} for {offer.wants!r}, not one of its actions"
    if budget is not None:
        need = promised(rules, [*made, offer], offer.sender)
        if need > budget:
            return f"would promise {need} of a budget of {budget}"
    return ""


def why_not_accept(
    rules: Rules, offer: Offer, values: Slots, used: Sequence[str], budget: int | None, made: Sequence[Offer] = ()
) -> str:
    """Why the receiver may not accept `offer`, on the values it sees; "" when it may."""
    if offer.answer != PENDING:
        return "has been answered"
    for action_id in side(rules, offer, offer.receiver)[1]:
        problem = _own_action(rules, offer.receiver, action_id, values, used)
        if problem:
            return problem
    if budget is not None:
        others = [o for o in made if o is not offer]
        need = promised(rules, [*others, offer.answered(True)], offer.receiver)
        if need > budget:
            return f"would promise {need} of a budget of {budget}"
    return ""


def _own_action(rules: Rules, seat: str, action_id: str, values: Slots, used: Sequence[str]) -> str:
    action = rules._action_by_id.get(action_id)
    if action is None or action.seat != seat:
        return f"{action_id!r} is not one of {seat}'s actions"
    problem = why_unavailable(action, values, used, None)
    return f"{action.name} {problem}" if problem else ""


def check_talks(
    rules: Rules, values: Slots, used: Sequence[str], budgets: Sequence[int], offers: Sequence[Offer]
) -> None:
    """Raise IllegalOffer unless the quarter's talks, answered as they stand, are ones the
    rules allow on the true `values`: each offer as it was made, each accepted one as it was
    accepted. `budgets` in seat order; the orders are checked against them after."""
    seen: list[Offer] = []
    for offer in offers:
        if offer.answer not in (PENDING, ACCEPTED, REJECTED):
            raise IllegalOffer(f"{offer.sender} to {offer.receiver}: unknown answer {offer.answer!r}")
        asked = attrs.evolve(offer, answer=PENDING)
        seat_budget = budgets[rules.seat_ids.index(offer.sender)] if offer.sender in rules.seat_ids else None
        problem = why_not_offer(rules, asked, values, used, seat_budget, seen)
        if problem:
            raise IllegalOffer(f"{offer.sender} to {offer.receiver}: the offer {problem}")
        if offer.accepted:
            problem = why_not_accept(rules, asked, values, used, budgets[rules.seat_ids.index(offer.receiver)], seen)
            if problem:
                raise IllegalOffer(f"{offer.receiver} accepting {offer.sender}'s offer: {problem}")
        seen.append(offer)


def seen_by(offers: Iterable[Offer], seat: str | None) -> tuple[Offer, ...]:
    """The offers `seat` knows of: those it made or received (seat None: every one)."""
    return tuple(o for o in offers if o.party(seat))


def waiting_on(offers: Iterable[Offer], seat: str) -> tuple[Offer, ...]:
    """Offers made to `seat` it has yet to answer: it answers them before it orders."""
    return tuple(o for o in offers if o.receiver == seat and o.answer == PENDING)


def as_ordering(offers: Iterable[Offer], seat: str) -> list[Offer]:
    """The talks as `seat`'s orders are checked against: its own offers still unanswered count
    as accepted. They may be answered after its orders are in, and the seat must be able to
    pay whichever way they are answered; accepted is the dearer way, since the sender's part
    is set aside when it offers and its bound actions join its orders."""
    return [o.answered(True) if o.sender == seat and o.answer == PENDING else o for o in offers]


def ordering_view(rules: Rules, seat_view: SeatView, offers: Iterable[Offer]) -> SeatView:
    """The seat's view as it orders: its budget less what it promised in the talks."""
    if seat_view.seat is None or seat_view.budget is None:
        return seat_view
    return seat_view._replace(budget=seat_view.budget - promised(rules, offers, seat_view.seat))
