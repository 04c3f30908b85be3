"""Deals: legality of offers and answers, what an accepted deal binds, and who learns of it."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.deals import (
    ACCEPTED,
    MAX_OFFERS,
    REJECTED,
    Offer,
    promised,
    read_secret,
    secret,
    why_not_accept,
    why_not_offer,
)
from game.core.state import IllegalOrder, Order
from game.core.turn import new_game, play_quarter
from game.core.view import view, visible_outcomes
from game.match.replay import play_settled


@pytest.fixture(scope="module")
def h200():
    from game.content import load

    return load().scenario("h200")


def start(rules, seed=1):
    return new_game(rules, seed)[0]


def ask(rules, state, offer, made=()):
    return why_not_offer(rules, offer, state.slots(), state.used, state.budget(rules, offer.sender), made)


def test_a_deal_between_its_own_seats_may_be_offered_either_way(h200):
    state = start(h200)
    assert ask(h200, state, Offer("vendor", "regulator", "bundle_domestic")) == ""
    assert ask(h200, state, Offer("regulator", "vendor", "bundle_domestic")) == ""
    assert "between vendor and regulator" in ask(h200, state, Offer("vendor", "lawmaker", "bundle_domestic"))
    assert "no deal" in ask(h200, state, Offer("vendor", "lawmaker", "bundel_domestic"))


def test_a_deal_whose_condition_is_unmet_cannot_be_offered(h200):
    state = start(h200)  # the licence is pending, so the 25% share for approved sales is not on
    assert (
        ask(h200, state, Offer("vendor", "lawmaker", "share_25"))
        == 'needs licence == "approved" and revenue_share < 45'
    )


def test_an_offer_reserves_the_senders_budget_and_a_seat_cannot_promise_more_than_it_has(h200):
    state = start(h200)
    budget = state.budget(h200, "vendor")
    # Each trade binds the vendor to a 2-point action: the second one would overspend.
    first = Offer("vendor", "lawmaker", gives="lobby_commerce", wants="hold_hearing")
    second = Offer("vendor", "regulator", gives="visit_beijing", wants="approve_firms")
    assert promised(h200, [first], "vendor") == 2
    assert ask(h200, state, first) == ""
    assert ask(h200, state, second, [first]) == f"would promise 4 of a budget of {budget}"
    # A rejected offer frees what it held.
    assert ask(h200, state, second, [first.answered(False)]) == ""


def test_an_action_promised_twice_is_paid_once(h200):
    a = Offer("vendor", "lawmaker", gives="lobby_commerce", wants="hold_hearing", answer=ACCEPTED)
    b = Offer("vendor", "regulator", gives="lobby_commerce", wants="approve_firms", answer=ACCEPTED)
    assert promised(h200, [a, b], "vendor") == 2


def test_a_receiver_may_accept_only_what_it_can_afford_and_order(h200):
    state = start(h200)
    offer = Offer("lawmaker", "vendor", gives="hold_hearing", wants="full_verification")
    budget = state.budget(h200, "vendor")
    problem = why_not_accept(h200, offer, state.slots(), state.used, budget)
    assert "needs verification" in problem  # no pilot yet: full verification is not on its menu
    answered = offer.answered(True)
    assert why_not_accept(h200, answered, state.slots(), state.used, budget) == "has been answered"


def test_offers_to_one_seat_are_limited_and_never_repeated(h200):
    state = start(h200)
    made = [
        Offer("vendor", "lawmaker", gives="court_buyers", wants="tour_fab", answer=REJECTED),
        Offer("vendor", "lawmaker", gives="court_buyers", wants="meet_ceo", answer=REJECTED),
    ]
    third = Offer("vendor", "lawmaker", gives="court_buyers", wants="intel_briefing")
    assert f"more than {MAX_OFFERS} offers" in ask(h200, state, third, made)
    assert ask(h200, state, made[0], made[:1]) == "is already on the table"


def test_an_accepted_deal_is_carried_out_with_each_sides_costs_effects_and_actions(h200):
    state = start(h200)
    binds = Offer("lawmaker", "vendor", "verify_for_bill", answer=ACCEPTED)
    costs = Offer("vendor", "regulator", "bundle_domestic", answer=ACCEPTED)
    after, outcomes = play_quarter(h200, state, {}, offers=[binds, costs])
    deals = [o for o in outcomes if o.phase == "talks"]
    assert [o.id for o in deals] == ["verify_for_bill", "bundle_domestic"] and all(o.success for o in deals)
    assert deals[0].visible_to == "lawmaker+vendor"
    # The vendor's side of the first binds it to pilot verification: ordered for it, and paid.
    piloted = [o for o in outcomes if o.kind == "action" and o.id == "pilot_verification"]
    assert piloted and piloted[0].seat == "vendor"
    assert after.value(h200, "verification") == "pilot"
    # The lawmaker's side: pressure eases (the bill, not introduced yet, has nowhere to slip).
    assert next(c for c in deals[0].changes if c.track == "pressure")
    # The regulator paid its 1 administrative capacity for the second.
    paid = next(c for c in deals[1].changes if c.track == "budget.regulator")
    assert paid.before - paid.after == 1


def test_a_rejected_offer_changes_nothing_but_is_told_to_both_parties(h200):
    state = start(h200)
    offer = Offer("vendor", "lawmaker", "us_first", answer=REJECTED)
    quiet, _ = play_quarter(h200, state, {})
    after, outcomes = play_quarter(h200, state, {}, offers=[offer])
    assert after == quiet
    told = [o for o in outcomes if o.phase == "talks"]
    assert [o.success for o in told] == [False]
    assert told[0].seen_by("vendor") and told[0].seen_by("lawmaker") and not told[0].seen_by("regulator")


def test_orders_count_what_the_seat_promised(h200):
    state = start(h200)
    budget = state.budget(h200, "vendor")
    offer = Offer("vendor", "regulator", gives="visit_beijing", wants="approve_firms", answer=ACCEPTED)
    affordable = Order("vendor", ("court_buyers",))  # 1 + the promised 2 = 3
    play_quarter(h200, state, {"vendor": affordable}, offers=[offer])
    too_much = Order("vendor", ("lobby_commerce",))  # 2 + 2 > 3
    assert budget == 3
    with pytest.raises(IllegalOrder, match="orders cost 4, budget is 3"):
        play_quarter(h200, state, {"vendor": too_much}, offers=[offer])
    # Ordering the promised action itself as well is no second payment.
    both = Order("vendor", ("visit_beijing", "court_buyers"))
    after, outcomes = play_quarter(h200, state, {"vendor": both}, offers=[offer])
    assert sum(1 for o in outcomes if o.id == "visit_beijing" and o.kind == "action") == 1


def test_illegal_talks_are_refused_by_the_engine(h200):
    state = start(h200)
    bad = Offer("vendor", "lawmaker", "share_25", answer=ACCEPTED)  # its condition is unmet
    with pytest.raises(IllegalOrder, match="needs licence"):
        play_quarter(h200, state, {}, offers=[bad])


def test_a_third_seat_never_learns_of_a_private_deal(h200):
    offer = Offer("vendor", "regulator", "bundle_domestic", answer=ACCEPTED)
    for seed in range(1, 50):  # a game whose next news does not leak it at once
        after, outcomes = play_quarter(h200, start(h200, seed), {}, offers=[offer])
        if "deal_leak" not in after.news:
            break
    words = ("bundle_domestic", h200.deal("bundle_domestic").name)
    for o in visible_outcomes(outcomes, "lawmaker", h200):
        assert not any(w in o.id or w in o.text for w in words)
    assert after.secrets == (secret(1, offer),)
    # The lawmaker's view holds no trace of the secret: views carry tracks, not the state's secrets.
    assert "bundle" not in repr(view(h200, after, "lawmaker")[:-1])  # all but its rules
    assert all(o.seen_by("vendor") and o.seen_by("regulator") for o in outcomes if o.phase == "talks")


def test_a_public_deal_is_told_to_every_seat_and_kept_no_secret(h200):
    state = start(h200)
    offer = Offer("lawmaker", "regulator", "minerals_truce", answer=ACCEPTED)
    after, outcomes = play_quarter(h200, state, {}, offers=[offer])
    told = [o for o in outcomes if o.phase == "talks"]
    assert told[0].visible_to == "all" and told[0].seen_by("vendor")
    assert after.secrets == ()


def _leaking_seed(rules):
    offer = Offer("vendor", "regulator", "bundle_domestic", answer=ACCEPTED)
    for seed in range(1, 200):
        state = start(rules, seed)
        after, outcomes = play_quarter(rules, state, {}, offers=[offer])
        if "deal_leak" in after.news:
            return after, outcomes
    raise AssertionError("no seed in 200 leaked the deal")


def test_a_leak_makes_every_private_deal_public(h200):
    after, outcomes = _leaking_seed(h200)
    leaks = [o for o in outcomes if o.kind == "leak"]
    assert len(leaks) == 1 and leaks[0].visible_to == "all"
    assert h200.deal("bundle_domestic").name in leaks[0].text and "Q1" in leaks[0].text
    assert after.secrets == ()


def test_a_leak_never_comes_up_with_nothing_to_leak(h200):
    state = start(h200)
    for _ in range(12):
        if state.over:
            break
        state, _ = play_quarter(h200, state, {})
        assert "deal_leak" not in state.news


def test_secrets_read_back_as_the_offer_agreed():
    trade = Offer("vendor", "lawmaker", gives="a", wants="b", answer=ACCEPTED)
    deal = Offer("regulator", "vendor", "bundle_domestic", answer=ACCEPTED)
    assert read_secret(secret(3, trade)) == (3, trade)
    assert read_secret(secret(7, deal)) == (7, deal)


def test_a_state_without_deals_keeps_the_digest_of_old_saves(h200):
    state = start(h200)
    assert "secrets" not in state.to_data()
    assert attrs.evolve(state, secrets=("1:a:b:deal=x",)).digest() != state.digest()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(1, 10_000), data=st.data())
def test_talks_the_rules_allow_never_overdraw_a_budget(h200, seed, data):
    """Any offers the checks allow, any answers, any orders within what is left: the quarter
    resolves, and no budget goes below zero."""
    state = start(h200, seed)
    for _ in range(3):
        if state.over:
            break
        made: list[Offer] = []
        for _ in range(data.draw(st.integers(0, 4))):
            sender = data.draw(st.sampled_from(h200.seat_ids))
            receiver = data.draw(st.sampled_from([s for s in h200.seat_ids if s != sender]))
            deals = [d.id for d in h200.deals if {sender, receiver} == set(d.seats)]
            if deals and data.draw(st.booleans()):
                offer = Offer(sender, receiver, data.draw(st.sampled_from(deals)))
            else:
                gives = data.draw(st.sampled_from([a.id for a in h200.actions_of(sender)]))
                wants = data.draw(st.sampled_from([a.id for a in h200.actions_of(receiver)]))
                offer = Offer(sender, receiver, gives=gives, wants=wants)
            if ask(h200, state, offer, made):
                continue
            budget = state.budget(h200, receiver)
            if data.draw(st.booleans()) and not why_not_accept(h200, offer, state.slots(), state.used, budget, made):
                offer = offer.answered(True)
            made.append(offer)
        orders = {}
        for seat in h200.seat_ids:
            left = state.budget(h200, seat) - promised(h200, [o for o in made if o.accepted], seat)
            picks = []
            for action in h200.actions_of(seat):
                if action.cost <= left and data.draw(st.booleans()):
                    try:
                        play_quarter(h200, state, {seat: Order(seat, (*picks, action.id))}, offers=made)
                    except IllegalOrder:
                        continue
                    picks.append(action.id)
                    left -= action.cost
            orders[seat] = Order(seat, tuple(picks))
        state, _, settled = play_settled(h200, state, orders, (), made)
        assert all(b >= 0 for b in settled.budgets)  # as the quarter left them, before the refill


def test_the_same_deal_cannot_be_put_on_the_table_twice_by_either_side(h200):
    """Both seats offering each other one deal would carry it out twice."""
    state = start(h200)
    made = [Offer("regulator", "vendor", "bundle_domestic", answer=ACCEPTED)]
    assert ask(h200, state, Offer("vendor", "regulator", "bundle_domestic"), made) == "is already on the table"
    trade = [Offer("vendor", "lawmaker", gives="court_buyers", wants="tour_fab", answer=REJECTED)]
    mirrored = Offer("lawmaker", "vendor", gives="tour_fab", wants="court_buyers")
    assert ask(h200, state, mirrored, trade) == "is already on the table"
    other = Offer("lawmaker", "vendor", gives="meet_ceo", wants="court_buyers")
    assert ask(h200, state, other, trade) == ""
