"""The random bot: a legal order within budget, chosen by seeded coins."""

from __future__ import annotations

from ..core.model import Rules
from ..core.rng import Batch, Stream, seed_state
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
        self.menu = None  # the compiled menu (`quiet.py`), looked up on the first order
        self.cheapest = min((a.cost for a in rules.actions_of(seat)), default=0)
        self.rank = rules.action_rank
        self.key = f"random-bot:{seed}:{self.seat_index}".encode()

    def order(self, seat_view: SeatView) -> Order:
        if self.menu is None:
            self.menu = self.rules.quiet.menus[self.seat]
        budget = seat_view.budget or 0
        menu = self.menu(seat_view.values, seat_view.used, budget)  # [(action id, cost)]
        choices = seat_view.choices
        # Its own numbers for this quarter: the same view always gets the same order (so a
        # resumed game plays on as it would have), and the game's generator is untouched.
        draws = Batch(b"%s:%d" % (self.key, seat_view.quarter), 2 * len(menu) + len(choices))
        picks = []
        # Every action draws its coin, affordable or not: the count is known up front.
        for (action_id, cost), heads in zip(draws.shuffle(menu), draws.coins(0.6, len(menu))):
            if heads and cost <= budget:
                picks.append(action_id)
                budget -= cost
                if budget < self.cheapest:  # nothing is affordable now, whatever the other coins say
                    break
        answers = []
        for event_id in choices:
            options = self.rules.event(event_id).options
            answers.append((event_id, options[draws.below(len(options))].id))
        picks.sort(key=self.rank.__getitem__)  # content order, as every order is written
        return Order(self.seat, tuple(picks), tuple(answers), reason="random legal order within budget")
