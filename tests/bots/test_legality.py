"""Bots give only legal orders: known actions of their seat, requirements met, within budget,
once-only actions once, every choice in their news answered with a real option."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import seeds

from game.bots import BOTS
from game.core import new_game, play_quarter
from game.core.options import order_cost
from game.core.turn import check_order
from game.core.view import view


def play_checked(rules, seed, levels):
    bots = {s: BOTS[levels[s]](rules, s, seed) for s in rules.seat_ids}
    state, _ = new_game(rules, seed)
    orders_seen = 0
    while not state.over:
        orders = {}
        for seat, bot in bots.items():
            sv = view(rules, state, seat)
            order = bot.order(sv)
            assert order.seat == seat
            check_order(rules, state, order)  # raises IllegalOrder on anything the rules refuse
            assert order_cost(rules, order.actions) <= state.budget(rules, seat)
            assert len(set(order.actions)) == len(order.actions)
            assert {e for e, _ in order.choices} == set(sv.choices), "every choice answered"
            assert order.reason and "\n" not in order.reason
            orders[seat] = order
            orders_seen += 1
        state, _ = play_quarter(rules, state, orders)
    return orders_seen


@settings(max_examples=25, deadline=None)
@given(seed=seeds, levels=st.lists(st.sampled_from(["random", "smart"]), min_size=3, max_size=3))
def test_random_and_smart_orders_are_always_legal(mini, seed, levels):
    assert play_checked(mini, seed, dict(zip(mini.seat_ids, levels))) > 0


@settings(max_examples=3, deadline=None)
@given(seed=seeds)
def test_expert_orders_are_always_legal(mini, seed):
    assert play_checked(mini, seed, dict.fromkeys(mini.seat_ids, "expert")) > 0


@pytest.mark.parametrize("level", ["smart", "expert"])
def test_bots_spend_within_a_tight_budget(mini, level):
    """With one point of budget, the two-point actions are never ordered."""
    import attrs

    state, _ = new_game(mini, 9)
    poor = attrs.evolve(state, budgets=(1, 1, 1))
    for seat in mini.seat_ids:
        order = BOTS[level](mini, seat, 9).order(view(mini, poor, seat))
        check_order(mini, poor, order)
        assert order_cost(mini, order.actions) <= 1
