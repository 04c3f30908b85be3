"""Bots see only their seat's view: the believed state, and decisions blind to hidden changes."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import seeds

from game.bots import BOTS
from game.bots.belief import believed_budget, believed_state
from game.bots.random_bot import RandomBot
from game.core import new_game, play_quarter, view


def states_of(rules, seed, quarters=6):
    """The states of a random-bot game: real positions to decide from."""
    bots = {s: RandomBot(rules, s, seed) for s in rules.seat_ids}
    state, _ = new_game(rules, seed)
    out = [state]
    while not state.over and len(out) < quarters:
        state, _ = play_quarter(rules, state, {s: b.order(view(rules, state, s)) for s, b in bots.items()})
        if not state.over:
            out.append(state)
    return out


def unseen_changed(rules, state, seat, salt: int):
    """`state` with every slot `seat` cannot see moved, the generator included."""
    values = list(state.values)
    for i, track in enumerate(rules.tracks):
        if track.visible_to(seat):
            continue
        if track.is_number:
            values[i] = track.min if values[i] != track.min else track.max
        else:
            values[i] = track.states[(track.states.index(values[i]) + 1 + salt) % len(track.states)]
    budgets = tuple(b if s == seat else (b + 1 + salt) % 4 for s, b in zip(rules.seat_ids, state.budgets))
    return attrs.evolve(state, values=tuple(values), budgets=budgets, rng=state.rng ^ (0xDEADBEEF + salt))


def test_believed_state_keeps_what_the_seat_sees(mini):
    state = states_of(mini, 3)[2]
    for seat in mini.seat_ids:
        sv = view(mini, state, seat)
        believed = believed_state(mini, sv, rng=12345)
        for i, track in enumerate(mini.tracks):
            expected = state.values[i] if track.visible_to(seat) else track.start
            assert believed.values[i] == expected, (seat, track.id)
        for s, budget in zip(mini.seats, believed.budgets):
            assert budget == (state.budget(mini, seat) if s.id == seat else believed_budget(s, state.quarter))
        assert believed.rng == 12345 and believed.rng != state.rng
        assert believed.quarter == state.quarter and believed.news == sv.news
        assert believed.pending == () and believed.queued == ()


def test_believed_state_ignores_what_the_seat_cannot_see(mini):
    for state in states_of(mini, 5):
        for seat in mini.seat_ids:
            moved = unseen_changed(mini, state, seat, salt=1)
            assert moved.values != state.values or moved.budgets != state.budgets
            assert believed_state(mini, view(mini, moved, seat), 7) == believed_state(mini, view(mini, state, seat), 7)


@pytest.mark.parametrize("level", ["random", "smart"])
@settings(max_examples=12, deadline=None)
@given(seed=seeds, salt=st.integers(0, 3))
def test_decisions_do_not_change_with_hidden_information(mini, level, seed, salt):
    for state in states_of(mini, seed):
        for seat in mini.seat_ids:
            bot = BOTS[level](mini, seat, seed)
            moved = unseen_changed(mini, state, seat, salt)
            assert bot.order(view(mini, moved, seat)) == bot.order(view(mini, state, seat))


def test_expert_decisions_do_not_change_with_hidden_information(mini):
    state = states_of(mini, 11)[1]
    for seat in mini.seat_ids:
        bot = BOTS["expert"](mini, seat, 11)
        assert bot.order(view(mini, unseen_changed(mini, state, seat, 2), seat)) == bot.order(view(mini, state, seat))


def test_the_game_generator_never_reaches_a_bot(mini):
    """Two states differing only in the game's generator look the same to every bot."""
    state = states_of(mini, 4)[1]
    other = attrs.evolve(state, rng=state.rng + 1)
    for level, cls in BOTS.items():
        for seat in mini.seat_ids:
            bot = cls(mini, seat, 4)
            assert bot.order(view(mini, other, seat)) == bot.order(view(mini, state, seat)), level
