"""Talks at one keyboard: an offer reaches its receiver at its turn, behind its hand-off, and
a receiver whose orders are already in gets one more turn to answer before the quarter
resolves. Plain session flow, tested without a terminal."""

from __future__ import annotations

import pytest

from game.core.deals import IllegalOffer, Offer
from game.core.state import Order
from game.match import Match
from game.ui.session import HANDOFF, ORDERS, REPORT, TALKS, Session

TRADE = Offer("regulator", "vendor", gives="cut_quota", wants="lobby")


@pytest.fixture
def hot_seat(mini):
    return Session(Match.start(mini, 3, {"vendor": "human", "regulator": "human", "lawmaker": "bot:random"}, "x"))


def go_to(s: Session, kind: str, seat: str):
    while s.current is None or (s.current.kind, s.current.seat) != (kind, seat):
        s.next()
    return s.current


def kinds(steps):
    return [(s.kind, s.seat) for s in steps]


def test_an_offer_reaches_its_receiver_at_its_own_turn_and_holds_its_orders_until_answered(hot_seat):
    s = hot_seat
    go_to(s, TALKS, "vendor")
    s.make_offer(Offer("vendor", "regulator", gives="lobby", wants="cut_quota"))
    go_to(s, ORDERS, "vendor")
    planned = kinds(s.steps)
    assert s.submit("vendor", Order("vendor")) is None
    assert kinds(s.steps) == planned  # the regulator's own turn is still to come: no extra one
    assert s.waiting_on == ("regulator",)
    go_to(s, TALKS, "regulator")
    s.answer_offer(0, accept=True)
    go_to(s, ORDERS, "regulator")
    assert s.submit("regulator", Order("regulator")) is not None
    (offer,) = s.match.record.quarters[0].offers
    assert offer.accepted and (offer.gives, offer.wants) == ("lobby", "cut_quota")


def test_a_receiver_that_has_ordered_gets_a_turn_behind_its_hand_off_to_answer_and_order_again(hot_seat):
    s = hot_seat
    go_to(s, ORDERS, "vendor")
    s.submit("vendor", Order("vendor", ("lobby",)))
    go_to(s, TALKS, "regulator")
    s.make_offer(TRADE)
    go_to(s, ORDERS, "regulator")
    assert s.submit("regulator", Order("regulator")) is None  # the vendor owes an answer
    assert s.waiting_on == ("vendor",)
    assert kinds(s.steps[s.index + 1 : s.index + 3]) == [(HANDOFF, "vendor"), (TALKS, "vendor")]
    s.next()
    s.next()
    s.answer_offer(0, accept=True)
    assert s.talks_done("vendor") is None  # accepted: its orders are given again, with the budget left
    assert "vendor" not in s.orders
    assert s.next().kind == ORDERS and s.current.seat == "vendor"
    assert s.submit("vendor", Order("vendor")) is not None
    quarter = s.match.record.quarters[0]
    assert quarter.offers[0].accepted
    assert s.steps[s.index + 1].kind == REPORT


def test_a_rejection_in_the_extra_turn_keeps_the_orders_and_resolves_the_quarter(hot_seat):
    s = hot_seat
    go_to(s, ORDERS, "vendor")
    s.submit("vendor", Order("vendor", ("lobby",)))
    go_to(s, TALKS, "regulator")
    s.make_offer(TRADE)
    go_to(s, ORDERS, "regulator")
    s.submit("regulator", Order("regulator"))
    go_to(s, TALKS, "vendor")
    s.answer_offer(0, accept=False)
    assert s.talks_done("vendor") is not None
    quarter = s.match.record.quarters[0]
    assert quarter.offers[0].answer == "rejected"
    assert {o.seat: o.actions for o in quarter.orders}["vendor"] == ("lobby",)


def test_a_seat_whose_orders_are_in_makes_no_more_offers(hot_seat):
    s = hot_seat
    go_to(s, ORDERS, "vendor")
    s.submit("vendor", Order("vendor"))
    assert s.why_not_talk("vendor", "regulator")
    with pytest.raises(IllegalOffer):
        s.make_offer(Offer("vendor", "regulator", gives="lobby", wants="cut_quota"))
    assert s.why_not_talk("regulator", "vendor") == ""  # it may still be offered something


def test_one_person_answers_a_bots_offer_before_the_quarter_resolves(mini):
    s = Session(Match.start(mini, 3, {"vendor": "human"}, "x"))
    s.match.offers.append(Offer("regulator", "vendor", gives="cut_quota", wants="lobby"))  # as a bot would
    go_to(s, ORDERS, "vendor")
    assert s.waiting_on == ("vendor",)
    s.answer_offer(0, accept=False)
    assert s.submit("vendor", Order("vendor")) is not None


def test_a_public_deal_not_agreed_is_the_two_parties_business_only():
    from game.content import DEFAULT_CONTENT, load
    from game.core.deals import Offer
    from game.core.turn import new_game, play_quarter
    from game.core.view import visible_outcomes
    from game.ui.session import common_outcomes

    rules = load(DEFAULT_CONTENT).scenario("h200")
    assert rules.deal("minerals_truce").public
    state = new_game(rules, 1)[0]

    def told(answer: str):
        offer = Offer("regulator", "lawmaker", "minerals_truce", answer=answer)
        return [o for o in play_quarter(rules, state, {}, offers=[offer])[1] if o.kind == "deal"]

    refused = told("rejected")
    assert not visible_outcomes(refused, "vendor", rules)
    assert visible_outcomes(refused, "lawmaker", rules) and visible_outcomes(refused, "regulator", rules)
    assert common_outcomes(rules, refused) == []
    agreed = told("accepted")
    assert visible_outcomes(agreed, "vendor", rules) and common_outcomes(rules, agreed) == agreed
