"""The random bot: a legal order within budget, chosen by seeded coins."""

from __future__ import annotations

from ..core.model import Rules
from ..core.options import menu
from ..core.rng import Stream, keyed_words, seed_state
from ..core.state import Order, order_of
from ..core.view import SeatView

REASON = "random legal order within budget"
WANTED = 0.6 * 65536  # of a 16-bit word: the chance the bot wants an action on its menu is 0.6


def bot_stream(seed: int, seat_index: int, quarter: int) -> Stream:
    """A bot's own generator: the game's stream stays the same whoever sits in a seat."""
    return Stream(seed_state(seed * 1_000_003 + seat_index * 7_919 + quarter * 104_729 + 1))


class RandomBot:
    level = "random"

    def __init__(self, rules: Rules, seat: str, seed: int) -> None:
        self.rules = rules
        self.seat = seat
        self.seed = seed
        self.cheapest = min((a.cost for a in rules.actions_of(seat)), default=0)
        self.key = f"random-bot:{seed}:{rules.seat_ids.index(seat)}".encode()

    def order(self, seat_view: SeatView) -> Order:
        budget = seat_view.budget or 0
        available = menu(self.rules, self.seat, seat_view.values, seat_view.used, budget)
        choices = seat_view.choices
        # Its own numbers for this quarter: the same view always gets the same order (so a
        # resumed game plays on as it would have), and the game's generator is untouched.
        drawn = keyed_words(b"%s:%d" % (self.key, seat_view.quarter), len(available) + len(choices))
        # A word an action: below WANTED (a 0.6 chance) the bot wants it, and it takes the
        # wanted ones lowest word first, which is a uniformly random order, while the budget
        # lasts. Equal words, a chance in thousands, go in menu order.
        picks = []  # indices into `available`, which is in content order
        for i in sorted(range(len(available)), key=drawn.__getitem__):  # a stable sort
            if drawn[i] >= WANTED:
                break  # this word and all after it are unwanted
            cost = available[i].cost
            if cost <= budget:
                picks.append(i)
                budget -= cost
                if budget < self.cheapest:  # nothing is affordable now
                    break
        answers = []
        for event_id, word in zip(choices, drawn[len(available) :]):
            options = self.rules.event(event_id).options
            answers.append((event_id, options[word % len(options)].id))
        picks.sort()  # content order, as every order is written
        return order_of(
            self.seat, tuple([available[i].id for i in picks]), tuple(answers), REASON
        )  # random bots repeat themselves
