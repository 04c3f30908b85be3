"""Invariants of the rules core over many random games (hypothesis)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import orders, seeds

from game.bots import RandomBot
from game.core import legal, new_game, play_quarter
from game.core.options import menu
from game.core.state import Order
from game.core.view import view

ROOT = Path(__file__).resolve().parents[2]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_in_bounds(rules, state):
    for track, value in zip(rules.tracks, state.values):
        if track.is_number:
            assert track.min <= value <= track.max, (track.id, value)
            if track.precision == 0:
                assert isinstance(value, int), (track.id, value)
        else:
            assert value in track.states, (track.id, value)
    for seat, budget in zip(rules.seats, state.budgets):
        assert 0 <= budget <= seat.budget_max


def play_random(rules, seed, data):
    state, _ = new_game(rules, seed)
    digests, orders_log = [state.digest()], []
    while not state.over:
        drawn = orders(rules, state, data)
        orders_log.append(drawn)
        state, _ = play_quarter(rules, state, drawn)
        assert_in_bounds(rules, state)
        digests.append(state.digest())
    return state, digests, orders_log


@FAST
@given(seed=seeds, data=st.data())
def test_tracks_stay_in_bounds_and_replays_match(mini, seed, data):
    state, digests, orders_log = play_random(mini, seed, data)
    assert state.over and 1 <= state.quarter <= mini.quarters
    # The same (content, seed, orders) gives the same states, digest for digest.
    replay, _ = new_game(mini, seed)
    again = [replay.digest()]
    for drawn in orders_log:
        replay, _ = play_quarter(mini, replay, drawn)
        again.append(replay.digest())
    assert again == digests


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=seeds, data=st.data())
def test_shipped_scenarios_stay_in_bounds(seed, data):

    content = _shipped()
    for rules in content.scenarios.values():
        play_random(rules, seed, data)


@functools.cache
def _shipped():
    from game.content import load

    return load(ROOT / "content")


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_bots_are_deterministic_under_a_seed(seed):
    rules = _shipped().scenario("h200")

    def run():
        state, _ = new_game(rules, seed)
        bots = {s: RandomBot(rules, s, seed) for s in rules.seat_ids}
        out = []
        while not state.over:
            state, _ = play_quarter(rules, state, {s: b.order(view(rules, state, s)) for s, b in bots.items()})
            out.append(state.digest())
        return out

    assert run() == run()


def test_saves_are_byte_identical_across_processes_and_hash_seeds(tmp_path):
    files = []
    for i, hash_seed in enumerate(("0", "12345")):
        path = tmp_path / f"{i}.toml"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "game",
                "simulate",
                "--scenario",
                "h200",
                "--games",
                "1",
                "--seed",
                "7",
                "--save",
                str(path),
            ],
            check=True,
            cwd=ROOT,
            env=env,
            capture_output=True,
        )
        files.append(path.read_bytes())
    assert files[0] == files[1]
    assert b'scenario = "h200"' in files[0] and b"digest" in files[0]


@FAST
@given(seed=seeds, quarters=st.integers(0, 5), data=st.data())
def test_the_menu_a_seat_sees_is_what_the_engine_accepts(mini, seed, quarters, data):
    state, _ = new_game(mini, seed)
    for _ in range(quarters):
        if state.over:
            return
        state, _ = play_quarter(mini, state, orders(mini, state, data))
    for seat in mini.seat_ids:
        # The menu is worked out on the seat's masked view; the engine checks the true state.
        seat_view = view(mini, state, seat)
        on_menu = {a.id for a in menu(mini, seat, seat_view.values, seat_view.used, seat_view.budget)}
        for action in mini.actions_of(seat):
            assert legal(mini, state, Order(seat, (action.id,))) == (action.id in on_menu), action.id
