"""`play_quarter(report=False)`, the bots' fast path, resolves exactly the same quarter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.bots.random_bot import RandomBot
from game.core import new_game, play_quarter, view


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(-2**50, 2**50))
def test_quiet_quarter_gives_the_same_state(mini, seed):
    bots = {s: RandomBot(mini, s, seed) for s in mini.seat_ids}
    state, _ = new_game(mini, seed)
    while not state.over:
        orders = {s: b.order(view(mini, state, s)) for s, b in bots.items()}
        loud, outcomes = play_quarter(mini, state, orders)
        quiet, none = play_quarter(mini, state, orders, report=False)
        assert quiet == loud and quiet.digest() == loud.digest()
        assert none == []
        state = loud
