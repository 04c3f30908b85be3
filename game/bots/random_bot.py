"""The random bot: a legal order within budget, chosen by seeded coins."""

from __future__ import annotations

from ..core.deals import Offer, why_not_accept
from ..core.model import Rules
from ..core.options import why_unavailable
from ..core.rng import Stream, keyed_words, seed_state
from ..core.state import Order, order_of
from ..core.view import SeatView
from .reasons import lower_first

PASS = "pass: none of the actions the coins chose could be ordered or paid for"
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
        self.actions = rules.actions_of(seat)
        self.cheapest = min((a.cost for a in self.actions), default=0)
        self.key = f"random-bot:{seed}:{rules.seat_ids.index(seat)}".encode()
        self.reasons: dict[tuple, str] = {}

    def order(self, seat_view: SeatView) -> Order:
        budget = seat_view.budget or 0
        actions, choices = self.actions, seat_view.choices
        # Its own numbers for this quarter: the same view always gets the same order (so a
        # resumed game plays on as it would have), and the game's generator is untouched.
        drawn = keyed_words(b"%s:%d" % (self.key, seat_view.quarter), len(actions) + len(choices))
        # A word an action of the seat: below WANTED (a 0.6 chance) the bot wants it, and it
        # takes the wanted ones lowest word first (a uniformly random order) while the budget
        # lasts, skipping those it may not order now. Legality is asked only of the actions
        # it would take, as its menu would answer it. Equal words, a chance in thousands, go
        # in content order.
        picks = []  # indices into `actions`, which is in content order
        values, used = seat_view.values, seat_view.used
        for i in sorted(range(len(actions)), key=drawn.__getitem__):  # a stable sort
            if drawn[i] >= WANTED:
                break  # this word and all after it are unwanted
            action = actions[i]
            if action.cost <= budget and not why_unavailable(action, values, used, budget):
                picks.append(i)
                budget -= action.cost
                if budget < self.cheapest:  # nothing is affordable now
                    break
        answers = []
        for event_id, word in zip(choices, drawn[len(actions) :]):
            options = self.rules.event(event_id).options
            answers.append((event_id, options[word % len(options)].id))
        picks.sort()  # content order, as every order is written
        key = (tuple([actions[i].id for i in picks]), tuple(answers))
        reason = self.reasons.get(key)
        if reason is None:
            reason = self.reasons[key] = self.reason(*key)
        return order_of(self.seat, *key, reason)  # random bots repeat themselves

    def reason(self, action_ids, answers) -> str:
        """'at random: lobby the Commerce Department, court buyers; Serve US customers first:
        comply': what the coins chose, in the game's words (a random bot has no other why).
        Kept in `reasons`: a random bot gives the same few orders again and again."""
        rules = self.rules
        line = f"at random: {', '.join(lower_first(rules.action(a).name) for a in action_ids)}" if action_ids else PASS
        for event_id, option_id in answers:
            event = rules.event(event_id)
            line += f"; {event.title}: {lower_first(event.option(option_id).label)}"
        return line

    def propose(self, seat_view: SeatView, offers: tuple[Offer, ...] = ()) -> tuple[Offer, ...]:
        """A random bot offers nothing: a coin cannot tell a deal worth making."""
        return ()

    def answer(self, seat_view: SeatView, offer: Offer, offers: tuple[Offer, ...] = ()) -> Offer:
        """What it may accept, it accepts on a coin toss."""
        v = seat_view
        problem = why_not_accept(self.rules, offer, v.values, v.used, v.budget, offers)
        if problem:
            return offer.answered(False, f"rejected: cannot accept, {problem}")
        coin = keyed_words(b"%s:talks:%d:%d" % (self.key, v.quarter, len(offers)), 1)[0]
        accept = coin < 32768
        return offer.answered(accept, f"{'accepted' if accept else 'rejected'} on a coin toss")
