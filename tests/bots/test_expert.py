"""The expert's search: the others predicted as smart bots, its candidates played ahead, its lead weighed."""

from __future__ import annotations

import pytest

from game.bots import ExpertBot, SmartBot
from game.bots.belief import believed_state, sampled_state
from game.bots.montecarlo import play_ahead
from game.bots.reasons import explain, lower_first
from game.core import new_game, play_quarter
from game.core.scoring import objective_points
from game.core.sink import NULL
from game.core.state import order_of
from game.core.turn import legal
from game.core.view import view


def test_the_others_are_predicted_as_smart_bots_on_the_experts_beliefs(mini):
    state, _ = new_game(mini, 3)
    seat_view = view(mini, state, "lawmaker")
    believed = believed_state(mini, seat_view, 99)
    predicted = ExpertBot(mini, "lawmaker", 3).predicted(seat_view, believed)
    assert set(predicted) == {"vendor", "regulator"}
    for seat, order in predicted.items():
        assert order == SmartBot(mini, seat, 3).order(view(mini, believed, seat))


def test_playing_ahead_repeats_each_order_while_it_is_legal(mini):
    state, _ = new_game(mini, 5)
    orders = {s: SmartBot(mini, s, 5).order(view(mini, state, s)) for s in mini.seat_ids}
    once, _ = play_quarter(mini, state, orders, sink=NULL)
    assert play_ahead(mini, state, orders, 1) == once.slots()
    again = {s: order_of(s, o.actions, ()) for s, o in orders.items()}  # the news' choices are gone
    again = {s: o for s, o in again.items() if legal(mini, once, o)}
    twice, _ = play_quarter(mini, once, again, sink=NULL)
    assert play_ahead(mini, state, orders, 2) == twice.slots()
    assert play_ahead(mini, state, orders, 2) != once.slots()


def test_the_lead_is_the_seats_share_over_the_best_other_seats_in_its_points(mini):
    state, _ = new_game(mini, 4)
    slots = state.slots()
    most = {s.id: sum(o.max for o in s.objectives) for s in mini.seats}
    share = {s: sum(objective_points(mini, s, slots)) / most[s] for s in mini.seat_ids}
    for seat in mini.seat_ids:
        own = sum(objective_points(mini, seat, slots))
        best = max(x for s, x in share.items() if s != seat)
        expected = (share[seat] - best) * most[seat]
        assert ExpertBot(mini, seat, 4).lead(slots, own) == pytest.approx(expected)


def test_more_states_are_drawn_when_fewer_quarters_are_left(mini, monkeypatch):
    from game.bots import montecarlo

    drawn = []

    def counting(rules, seat_view, stream):
        drawn.append(seat_view.quarter)
        return sampled_state(rules, seat_view, stream)

    monkeypatch.setattr(montecarlo, "sampled_state", counting)
    state, _ = new_game(mini, 6)
    bots = {s: SmartBot(mini, s, 6) for s in mini.seat_ids}
    expert = ExpertBot(mini, "vendor", 6, samples=2, horizon=3)
    counts = {}
    while not state.over:
        drawn.clear()
        expert.order(view(mini, state, "vendor"))
        counts[state.quarter] = len(drawn)
        state, _ = play_quarter(mini, state, {s: b.order(view(mini, state, s)) for s, b in bots.items()}, sink=NULL)
    last = mini.quarters
    assert last in counts, "the game should last its quarters (pick another seed)"
    assert counts[1] == 2 and counts[last] == 6 and counts[last - 1] == 3


def test_an_order_chosen_for_the_lead_says_so(mini):
    action = mini.actions_of("vendor")[0]
    n = len(mini.seat("vendor").objectives)
    line = explain(mini, "vendor", [action], (0.0,) * n, (1.0,) * n, horizon="over 3 quarters", lead=2.04)
    assert line == f"{lower_first(action.name)}: gains on the best-placed other seat (+2.0 pts of lead over 3 quarters)"
