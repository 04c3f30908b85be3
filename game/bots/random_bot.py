"""The random bot: a legal order within budget, chosen by a seeded coin."""

from __future__ import annotations

from ..core.model import Rules
from ..core.options import available
from ..core.rng import Stream, seed_state
from ..core.state import Order
from ..core.view import SeatView


def bot_stream(seed: int, seat_index: int, quarter: int) -> Stream:
    """A bot's own generator: the game's stream stays the same whoever sits in a seat."""
    return Stream(seed_state(seed * 1_000_003 + seat_index * 7_919 + quarter * 104_729 + 1))


class RandomBot:
    level = "random"

    def __init__(self, rules: Rules, seat: str, seed: int):
        self.rules = rules
        self.seat = seat
        self.seed = seed
        self.seat_index = rules.seat_ids.index(seat)
        self.actions = rules.actions_of(seat)  # content order, looked up once

    def order(self, seat_view: SeatView) -> Order:
        rng = bot_stream(self.seed, self.seat_index, seat_view.quarter)
        budget = seat_view.budget or 0
        picks = set()
        for action in rng.shuffle(available(self.actions, seat_view)):
            if action.cost <= budget and rng.random() < 0.6:
                picks.add(action.id)
                budget -= action.cost
        answers = []
        for event_id in seat_view.choices:
            options = self.rules.event(event_id).options
            answers.append((event_id, options[rng.below(len(options))].id))
        order_ids = tuple(a.id for a in self.actions if a.id in picks)
        return Order(self.seat, order_ids, tuple(answers), reason="random legal order within budget")
