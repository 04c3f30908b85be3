"""The random bot: a legal order within budget, chosen by seeded coins."""

from __future__ import annotations

from ..core.model import Rules
from ..core.rng import Stream, seed_state, words
from ..core.state import Order, order_of
from ..core.view import SeatView


REASON = "random legal order within budget"
WANTED = 0.6 * 65536  # of a 16-bit word: the chance the bot wants an action on its menu is 0.6


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
        return self.pick(seat_view.values, seat_view.used, seat_view.budget or 0, seat_view.quarter,
                         seat_view.choices)

    def pick(self, values, used, budget: int, quarter: int, choices) -> Order:
        """The order for what a view holds: its slots (`values`, unseen ones None), the seat's
        once-only actions `used`, its budget, the quarter and the choices it must make.
        `balance` calls this straight from its working copy, masked as `view` masks it."""
        if self.menu is None:
            self.menu = self.rules.quiet.menus[self.seat]
        menu = self.menu(values, used, budget)  # [(action id, cost)], each affordable now
        # Its own numbers for this quarter: the same view always gets the same order (so a
        # resumed game plays on as it would have), and the game's generator is untouched.
        drawn = words(b"%s:%d" % (self.key, quarter), len(menu) + len(choices))
        # A word an action: below WANTED (a 0.6 chance) the bot wants it, and it takes the
        # wanted ones lowest word first, which is a uniformly random order, while the budget
        # lasts. The words alone are sorted (ints sort in C, faster than pairs) and each
        # found again on the menu; equal words, a chance in thousands, go in menu order.
        picks = []
        at = -1
        last = -1
        for word in sorted(drawn[:len(menu)]):
            if word >= WANTED:
                break
            at = drawn.index(word, at + 1 if word == last else 0, len(menu))
            last = word
            action_id, cost = menu[at]
            if cost <= budget:
                picks.append(action_id)
                budget -= cost
                if budget < self.cheapest:  # nothing is affordable now
                    break
        answers = []
        if choices:
            for event_id, word in zip(choices, drawn[len(menu):]):
                options = self.rules.event(event_id).options
                answers.append((event_id, options[word % len(options)].id))
        picks.sort(key=self.rank.__getitem__)  # content order, as every order is written
        return order_of(self.seat, tuple(picks), tuple(answers), REASON)  # random bots repeat themselves
