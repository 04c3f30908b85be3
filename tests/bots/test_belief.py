"""Bots see only their seat's view: the believed state, and decisions blind to hidden changes."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import seeds

from game.bots import BOTS
from game.bots.belief import believed_budget, believed_state
from game.bots.random_bot import RandomBot
from game.content import load
from game.core import new_game, play_quarter
from game.core.view import view


@pytest.fixture(scope="module")
def h200():
    return load(Path(__file__).parents[2] / "content").scenario("h200")


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


def scrambled(rules, state, seat, salt: int):
    """`state` with everything `seat` may not see changed: the unseen tracks and the others'
    budgets (`unseen_changed`), the game's generator, the delayed effects and chained events
    waiting, the events fired before, and the private deals not yet leaked."""
    moved = unseen_changed(rules, state, seat, salt)
    return attrs.evolve(
        moved,
        pending=() if state.pending else ((state.quarter + 1, "scrambled"),),
        queued=() if state.queued else ((state.quarter + 1, rules.events[salt % len(rules.events)].id),),
        fired=tuple(reversed(state.fired))[salt:],
        secrets=() if state.secrets else ("scrambled",),
    )


@pytest.mark.parametrize("level", ["smart", "expert"])
@settings(max_examples=6, deadline=None)
@given(seed=seeds, salt=st.integers(0, 3))
def test_orders_and_offers_are_the_same_whatever_the_seat_cannot_see(mini, level, seed, salt):
    """The Done-when of the expert: same seed, every hidden value scrambled, the same orders
    and the same offers, on the states of a whole game."""
    for state in states_of(mini, seed):
        for seat in mini.seat_ids:
            moved = scrambled(mini, state, seat, salt)
            assert moved != state
            truth, blind = BOTS[level](mini, seat, seed), BOTS[level](mini, seat, seed)
            assert blind.order(view(mini, moved, seat)) == truth.order(view(mini, state, seat))
            assert blind.propose(view(mini, moved, seat)) == truth.propose(view(mini, state, seat))


@pytest.mark.parametrize("level", ["smart", "expert"])
def test_orders_on_the_h200_are_the_same_whatever_the_seat_cannot_see(h200, level):
    """The same on the shipped scenario, where diversion is hidden from every seat."""
    for state in states_of(h200, 5, quarters=4):
        for seat in h200.seat_ids:
            bot = BOTS[level](h200, seat, 5)
            assert bot.order(view(h200, scrambled(h200, state, seat, 1), seat)) == bot.order(view(h200, state, seat))


def test_sampled_states_keep_what_the_seat_sees_and_spread_what_it_cannot(mini):
    from game.bots.belief import SPREAD_MAX, sampled_state
    from game.core.rng import Stream

    state = states_of(mini, 6)[3]
    for seat in mini.seat_ids:
        sv = view(mini, state, seat)
        believed = believed_state(mini, sv, 0)
        samples = [sampled_state(mini, sv, Stream(k)) for k in range(40)]
        assert sampled_state(mini, sv, Stream(3)) == samples[3]  # a pure function of the stream
        for i, track in enumerate(mini.tracks):
            got = {s.values[i] for s in samples}
            if track.visible_to(seat):
                assert got == {state.values[i]}, (seat, track.id)
            elif track.is_number:
                assert len(got) > 5, (seat, track.id)  # really spread
                reach = SPREAD_MAX * (track.max - track.min) + 1
                assert all(track.min <= x <= track.max and abs(x - believed.values[i]) <= reach for x in got)
        own = mini.seat_ids.index(seat)
        assert {s.budgets[own] for s in samples} == {state.budgets[own]}
        for i in range(len(mini.seats)):
            if i != own:
                assert {s.budgets[i] for s in samples} <= {believed.budgets[i] + d for d in (-1, 0, 1)}
