"""Same content, seed and view: the same order, reason included; so bot games replay."""

from __future__ import annotations

import pytest

from game.balance import play_game
from game.bots import BOTS
from game.core import view
from game.match import Match


@pytest.mark.parametrize("level", ["random", "smart", "expert"])
def test_same_seed_same_game(mini, level):
    seats = {s: f"bot:{level}" for s in mini.seat_ids}
    one = Match.start(mini, 21, dict(seats))
    two = Match.start(mini, 21, dict(seats))
    one.play_out()
    two.play_out()
    assert one.record == two.record  # every order, reason and digest
    assert all(o.reason for q in one.record.quarters for o in q.orders)


def test_a_bot_is_a_function_of_its_view(mini):
    """Asking twice, or asking a fresh bot, gives the same order: no hidden memory."""
    match = Match.start(mini, 5, {s: "bot:smart" for s in mini.seat_ids})
    match.play()
    match.play()
    for seat in mini.seat_ids:
        sv = view(mini, match.state, seat)
        first = match.bots[seat].order(sv)
        assert match.bots[seat].order(sv) == first
        assert BOTS["smart"](mini, seat, 5).order(sv) == first


def test_the_fast_runner_plays_the_game_match_plays(mini):
    """`simulate` tallies games with `balance.play_game`; they must be Match's games."""
    for level in ("random", "smart"):
        levels = dict.fromkeys(mini.seat_ids, level)
        result = play_game(mini, 33, levels)
        match = Match.start(mini, 33, {s: f"bot:{level}" for s in mini.seat_ids})
        match.play_out()
        assert result.ending == match.state.ending
        assert result.quarters == len(match.record.quarters)
        assert result.actions == tuple(a for q in match.record.quarters for o in q.orders for a in o.actions)


def test_a_quarter_asks_each_bot_once_though_a_facilitator_looked_first(mini):
    """The facilitator's console shows the bots' orders, then the quarter resolves with
    them: each bot works its order out once a quarter, not once for each."""
    match = Match.start(mini, 5, {s: "bot:smart" for s in mini.seat_ids})
    asked = []
    for seat, bot in match.bots.items():
        order = bot.order

        def counted(seat_view, seat=seat, order=order):
            asked.append((seat, seat_view.quarter))
            return order(seat_view)
        bot.order = counted
    shown = match.bot_orders()
    match.bot_orders()
    match.play()
    assert sorted(asked) == sorted((seat, 1) for seat in mini.seat_ids)
    assert {o.seat: o for o in match.record.quarters[0].orders} == shown  # it played what was shown
    match.play()
    assert len(asked) == 2 * len(mini.seat_ids)  # a new quarter, new orders
