"""Any game saved then loaded is itself, and its replay reproduces every digest (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import interventions, order, reasons, saved_seeds

from game.match import Match
from game.match.record import to_toml
from game.match.replay import replay
from game.saves.reader import parse_record

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEATS = ("vendor", "lawmaker", "regulator")


@FAST
@given(seed=saved_seeds, humans=st.sets(st.sampled_from(SEATS)), facilitator=st.booleans(), data=st.data())
def test_any_game_saved_then_loaded_is_itself(mini, mini_content, seed, humans, facilitator, data):
    match = Match.start(mini, seed, dict.fromkeys(humans, "human"), mini_content.fingerprint, facilitator)
    stop = data.draw(st.integers(0, mini.quarters))
    while not match.over and len(match.record.quarters) < stop:
        given_orders = {s: order(mini, match.state, s, data, reasons) for s in sorted(humans)}
        match.play(given_orders, interventions(mini, given_orders, data))
    text = to_toml(match.record)

    back = parse_record(text.encode())
    assert back == match.record
    assert to_toml(back) == text  # written again, byte for byte

    run = replay(mini, back)
    assert run.faithful, run.problem()
    assert list(run.states) == match.history
    assert list(run.settled) == match.settled  # a loaded game knows how each quarter ended
    again = Match.from_record(mini, back)
    assert again.state == match.state
    assert again.log == match.log
    assert again.settled == match.settled


@FAST
@given(seed=saved_seeds, data=st.data())
def test_a_resumed_game_plays_on_exactly_as_if_never_stopped(mini, mini_content, seed, data):
    """Stop after any quarter, save, load, play on: the same game as one played straight."""
    straight = Match.start(mini, seed, {}, mini_content.fingerprint)
    straight.play_out()
    cut = data.draw(st.integers(0, len(straight.record.quarters)))
    first = Match.start(mini, seed, {}, mini_content.fingerprint)
    for _ in range(cut):
        first.play()
    resumed = Match.from_record(mini, parse_record(to_toml(first.record).encode()))
    resumed.play_out()
    assert resumed.record == straight.record
    assert resumed.history == straight.history
    assert resumed.settled == straight.settled
