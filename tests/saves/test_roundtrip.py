"""Any game saved then loaded is itself, and its replay reproduces every digest (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import view
from game.core.options import action_choices
from game.core.state import Intervention, Order
from game.match import Match
from game.saves.reader import parse_record
from game.saves.record import to_toml
from game.saves.replay import replay

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEATS = ("vendor", "lawmaker", "regulator")


def human_order(rules, state, seat, data) -> Order:
    """Any legal order the seat could give, with a reason that may hold any text."""
    seat_view = view(rules, state, seat)
    budget, picks = seat_view.budget, []
    for choice in action_choices(rules, seat_view):
        if choice.available and choice.action.cost <= budget and data.draw(st.booleans()):
            picks.append(choice.action.id)
            budget -= choice.action.cost
    answers = tuple((e, data.draw(st.sampled_from([o.id for o in rules.event(e).options])))
                    for e in seat_view.choices)
    reason = data.draw(st.one_of(st.just(""), st.text(max_size=20)))
    return Order(seat, tuple(picks), answers, reason)


def interventions(rules, orders, data) -> tuple[Intervention, ...]:
    """A facilitator's moves, now and then: every kind, with legal values."""
    kinds = ["set", "inject", "custom"] + (["force"] if any(o.actions for o in orders.values()) else [])
    out = []
    for kind in data.draw(st.lists(st.sampled_from(kinds), max_size=2)):
        if kind == "set":
            track = data.draw(st.sampled_from(rules.tracks))
            value = (data.draw(st.sampled_from(track.states)) if not track.is_number else
                     data.draw(st.integers(int(track.min), int(track.max))))
            out.append(Intervention("set", track=track.id, value=value, note=data.draw(st.text(max_size=8))))
        elif kind == "inject":
            out.append(Intervention("inject", event=data.draw(st.sampled_from([e.id for e in rules.events]))))
        elif kind == "custom":
            out.append(Intervention("custom", title="Leak", text="A memo leaks.",
                                    effects=tuple(data.draw(st.lists(st.sampled_from(["tension += 3", "quota -= 5"]), max_size=2)))))
        else:
            action = data.draw(st.sampled_from([a for o in orders.values() for a in o.actions]))
            out.append(Intervention("force", action=action, success=data.draw(st.booleans())))
    return tuple(out)


@FAST
@given(seed=st.integers(-(2**63), 2**63 - 1), humans=st.sets(st.sampled_from(SEATS)), facilitator=st.booleans(),
       data=st.data())
def test_any_game_saved_then_loaded_is_itself(mini, mini_content, seed, humans, facilitator, data):
    match = Match.start(mini, seed, {s: "human" for s in humans}, mini_content.fingerprint, facilitator)
    stop = data.draw(st.integers(0, mini.quarters))
    while not match.over and len(match.record.quarters) < stop:
        orders = {s: human_order(mini, match.state, s, data) for s in sorted(humans)}
        match.play(orders, interventions(mini, orders, data))
    text = to_toml(match.record)

    back = parse_record(text.encode())
    assert back == match.record
    assert to_toml(back) == text  # written again, byte for byte

    run = replay(mini, back)
    assert run.faithful, run.problem()
    assert list(run.states) == match.history
    again = Match.from_record(mini, back)
    assert again.state == match.state
    assert again.log == match.log


@FAST
@given(seed=st.integers(0, 2**32), data=st.data())
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
