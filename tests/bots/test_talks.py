"""Bots in the talks: what they offer and how they answer, from their seat's view alone."""

from __future__ import annotations

import pytest

from game.bots import BOTS
from game.bots.talks import bots_talk
from game.core.deals import ACCEPTED, PENDING, Offer, why_not_offer
from game.core.turn import new_game
from game.core.view import view


@pytest.fixture(scope="module")
def h200():
    from game.content import load

    return load().scenario("h200")


def test_a_smart_bot_offers_each_other_seat_at_most_one_legal_deal_and_says_why(h200):
    for seed in range(1, 6):
        state = new_game(h200, seed)[0]
        for seat in h200.seat_ids:
            bot = BOTS["smart"](h200, seat, seed)
            offers = bot.propose(view(h200, state, seat))
            receivers = [o.receiver for o in offers]
            assert len(receivers) == len(set(receivers)) and seat not in receivers
            for o in offers:
                assert o.sender == seat and o.answer == PENDING
                assert not why_not_offer(h200, o, state.slots(), state.used, state.budget(h200, seat))
                assert o.reason.startswith("offered: raises my expected points by")


def test_a_bot_answers_with_its_reason_and_the_same_view_gets_the_same_answer(h200):
    state = new_game(h200, 2)[0]
    offer = Offer("regulator", "vendor", "bundle_domestic")
    answers = set()
    for _ in range(2):
        bot = BOTS["smart"](h200, "vendor", 2)
        answered = bot.answer(view(h200, state, "vendor"), offer)
        answers.add(answered)
    assert len(answers) == 1
    answered = answers.pop()
    if answered.answer == ACCEPTED:
        assert answered.answer_reason.startswith("accepted: raises my expected points by")
        assert "most through '" in answered.answer_reason
    else:
        assert answered.answer_reason.startswith("rejected: ")


def test_a_bot_refuses_what_it_cannot_take_on(h200):
    state = new_game(h200, 1)[0]
    # Full verification needs a pilot first: not on the vendor's menu at the start.
    offer = Offer("lawmaker", "vendor", gives="hold_hearing", wants="full_verification")
    for level in ("random", "smart", "expert"):
        answered = BOTS[level](h200, "vendor", 1).answer(view(h200, state, "vendor"), offer)
        assert answered.answer == "rejected"
        assert answered.answer_reason.startswith("rejected: cannot accept, Verify every chip's location needs")


def test_bots_talk_is_the_same_whoever_else_is_looking(h200):
    """A bot's offers depend on its own view: two games differing only in what it cannot
    see (another seat's private track) get the same talks."""
    import attrs

    state = new_game(h200, 4)[0]
    hidden = h200.track_index["quota_plan"]  # the regulator's own plan: the vendor cannot see it
    values = list(state.values)
    values[hidden] = 50 if values[hidden] != 50 else 100
    other = attrs.evolve(state, values=tuple(values))
    vendor = {"vendor": BOTS["smart"](h200, "vendor", 4)}
    assert bots_talk(h200, state, vendor) == bots_talk(h200, other, vendor)


def test_the_random_bot_offers_nothing_and_answers_by_a_coin(h200):
    state = new_game(h200, 1)[0]
    bot = BOTS["random"](h200, "regulator", 1)
    assert bot.propose(view(h200, state, "regulator")) == ()
    answered = bot.answer(view(h200, state, "regulator"), Offer("vendor", "regulator", "bundle_domestic"))
    assert answered.answer in ("accepted", "rejected")
    assert answered.answer_reason == f"{answered.answer} on a coin toss"
