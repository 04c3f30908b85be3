"""The engine is one function whatever it reports to: the outcome log, the null sink and a
balance run's tally end every quarter in the same state, and report the same steps."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import interventions, orders, seeds

from game.balance import Tally
from game.core import new_game, play_quarter
from game.core.sink import DEFAULT_OPTION, NULL, OutcomeLog, Sink
from game.core.state import Order

SINKS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def kinds(outcomes, kind):
    return [o.id for o in outcomes if o.kind == kind]


@SINKS
@given(seed=seeds, data=st.data())
def test_every_sink_ends_each_quarter_in_the_same_state(mini, seed, data):
    state, log = new_game(mini, seed)
    tally = Tally()
    assert new_game(mini, seed, sink=tally) == (state, []) == new_game(mini, seed, sink=NULL)
    assert tally.events == kinds(log, "event")
    while not state.over:
        given_orders = orders(mini, state, data)
        moves = interventions(mini, given_orders, data)
        logged, outcomes = play_quarter(mini, state, given_orders, moves)
        assert play_quarter(mini, state, given_orders, moves, sink=NULL) == (logged, [])
        tally = Tally()
        assert play_quarter(mini, state, given_orders, moves, sink=tally) == (logged, [])
        # The tally hears the news, the choices and the rules; a facilitator's injected
        # event is the facilitator's step, not news.
        news = [o.id for o in outcomes if o.kind == "event" and o.phase == "news"]
        fired = [o.id for o in outcomes if o.kind == "rule" and o.success]
        answered = [o.id for o in outcomes if o.phase == "choice"]  # chosen, or taken by default
        assert (tally.events, tally.options, tally.rules) == (news, answered, fired)
        state = logged


def test_the_null_sink_is_asked_for_no_changes_and_a_log_for_all(mini):
    """Changes are built only for a sink that reads them: the log's outcomes carry them."""
    assert not Sink.changes and OutcomeLog.changes
    state, _ = new_game(mini, 3)
    _, outcomes = play_quarter(mini, state, {})
    assert any(o.changes for o in outcomes)


def test_an_answer_not_given_is_logged_as_a_default_not_a_choice(mini):
    """A seat that passes (no order) did not choose: its choice's outcome is the default's."""
    state, _ = new_game(mini, 7)
    while "customs" not in state.news:
        state, _ = play_quarter(mini, state, {})
    _, silent = play_quarter(mini, state, {})
    _, answered = play_quarter(mini, state, {"regulator": Order("regulator", (), (("customs", "block"),))})
    assert [(o.kind, o.id) for o in silent if o.phase == "choice"] == [(DEFAULT_OPTION, "customs:allow")]
    assert [(o.kind, o.id) for o in answered if o.phase == "choice"] == [("option", "customs:block")]
