"""The expert's search: the others predicted as smart bots, and its candidates played ahead."""

from __future__ import annotations

from game.bots import ExpertBot, SmartBot
from game.bots.belief import believed_state
from game.bots.montecarlo import play_ahead
from game.core import new_game, play_quarter
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
