"""The random bot's draw: a fair coin-like want per action, a uniform order, no repeats."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from game.bots import random_bot
from game.bots.random_bot import RandomBot
from game.content import load
from game.core import new_game
from game.core.options import menu
from game.core.view import view

QUARTERS = 3000  # each quarter number is a fresh key, so a fresh draw on the same menu


@pytest.fixture(scope="module")
def h200():
    return load(Path(__file__).parents[2] / "content").scenario("h200")


def opening(rules, seat):
    sv = view(rules, new_game(rules, 1)[0], seat)
    return RandomBot(rules, seat, 1), sv


def pick(bot, sv, budget, quarter):
    """The bot's order on the view `sv` with another budget, in another quarter."""
    return bot.order(sv._replace(budget=budget, quarter=quarter))


def menu_of(rules, seat, sv, budget):
    return [a.id for a in menu(rules, seat, sv.values, sv.used, budget)]


def test_each_affordable_action_is_wanted_six_times_in_ten(h200):
    for seat in h200.seat_ids:
        bot, sv = opening(h200, seat)
        budget = 100  # room for the whole menu: every wanted action is taken
        menu = menu_of(h200, seat, sv, budget)
        taken = Counter(a for q in range(QUARTERS) for a in pick(bot, sv, budget, q).actions)
        assert set(taken) <= set(menu)
        assert all(abs(taken[a] / QUARTERS - 0.6) < 0.03 for a in menu), (seat, taken)


def test_the_wanted_are_taken_in_a_uniform_order(h200):
    """With budget for one action, each equally priced action on the menu is the one taken
    equally often: (1 - 0.4^n) / n of the quarters."""
    for seat in h200.seat_ids:
        bot, sv = opening(h200, seat)
        budget = bot.cheapest
        menu = menu_of(h200, seat, sv, budget)
        if len(menu) < 3:
            continue
        orders = [pick(bot, sv, budget, q).actions for q in range(QUARTERS)]
        assert all(len(o) <= 1 for o in orders)
        first = Counter(o[0] for o in orders if o)
        expected = (1 - 0.4 ** len(menu)) / len(menu)
        assert all(abs(first[a] / QUARTERS - expected) < 0.03 for a in menu), (seat, first)
        return
    pytest.fail("no seat has three actions at its cheapest cost: the test needs new content")


def test_equal_words_take_each_action_once_in_menu_order(h200, monkeypatch):
    seat = h200.seat_ids[0]
    bot, sv = opening(h200, seat)
    available = menu(h200, seat, sv.values, sv.used, 100)
    monkeypatch.setattr(random_bot, "keyed_words", lambda key, count: (7,) * count)
    order = pick(bot, sv, 100, 1)
    assert sorted(order.actions) == sorted(a.id for a in available)  # all wanted, none twice
    # With budget for some only, equal words go in menu order.
    some = available[0].cost + available[1].cost
    assert pick(bot, sv, some, 1).actions[:2] == tuple(a.id for a in available[:2])
