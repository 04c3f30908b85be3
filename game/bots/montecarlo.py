"""The expert bot: the smart bot's best few orders, compared by playing a few quarters ahead.

The one-quarter lookahead misses what comes later: delayed effects (`after 2: ...`), chained
events, and actions that open the way to others (lobbying for a licence earns nothing until
the chips ship). So the expert takes the smart bot's best sets, a few single actions that
showed no gain yet, and passing, and for each plays a few rollouts of `HORIZON` quarters from its
believed state, everyone else (and itself, after the first quarter) playing random legal
orders. Every candidate meets the same rollouts (the same generator states and the same
random players), so the comparison is between orders, not between luck. The rollouts'
generators come from the bot's own stream, never from the game's. Four rollouts are noisy,
so the smart bot's best order stands unless another beats it by `MARGIN` points.
"""

from __future__ import annotations

from ..core.model import Rules
from ..core.scoring import objective_points
from ..core.sink import NULL
from ..core.state import GameState, Order
from ..core.turn import play_quarter
from ..core.view import SeatView, view
from .belief import believed_state
from .lookahead import analyse, in_content_order
from .random_bot import RandomBot, bot_stream
from .reasons import explain
from .talks import Talks

ROLLOUTS = 4
HORIZON = 3  # quarters, the one being ordered included
CANDIDATES = 3  # the smart bot's best sets compared
SINGLES = 3  # and this many single actions it saw no gain in this quarter (passing is added)
MARGIN = 0.5  # points over the rollouts another order needs to overrule the smart bot's best


def rollout(rules: Rules, state: GameState, seat: str, first: Order, seed: int, horizon: int) -> tuple[float, ...]:
    """The seat's objective points after `horizon` quarters (or the end), opening with `first`."""
    players = {s: RandomBot(rules, s, seed) for s in rules.seat_ids}
    for step in range(horizon):
        if state.over:
            break
        orders = {s: bot.order(view(rules, state, s)) for s, bot in players.items() if step or s != seat}
        if step == 0:
            orders[seat] = first
        state, _ = play_quarter(rules, state, orders, sink=NULL)
    return objective_points(rules, seat, state.slots())


class ExpertBot(Talks):
    """Monte Carlo over a few quarters, seeded by the bot's own stream."""

    level = "expert"

    def __init__(self, rules: Rules, seat: str, seed: int, rollouts: int = ROLLOUTS, horizon: int = HORIZON):
        self.rules = rules
        self.seat = seat
        self.seed = seed
        self.rollouts = rollouts
        self.horizon = horizon

    def order(self, seat_view: SeatView) -> Order:
        rules, seat = self.rules, self.seat
        analysis = analyse(rules, seat, seat_view, self.seed, keep=CANDIDATES)
        candidates = [combo for _, combo in analysis.sets[:CANDIDATES]]
        tried = {e.action.id for combo in candidates for e in combo}
        spare = [e for e in analysis.estimates if e.action.id not in tried and e.action.cost <= (seat_view.budget or 0)]
        candidates += [(e,) for e in sorted(spare, key=lambda e: -e.gain)[:SINGLES]]
        if () not in candidates:
            candidates.append(())
        stream = bot_stream(self.seed, rules.seat_ids.index(seat), seat_view.quarter)
        stream.next64()  # the draw `analyse` used for its believed state
        starts = [(believed_state(rules, seat_view, stream.next64()), stream.next64()) for _ in range(self.rollouts)]
        means = []
        for combo in candidates:
            order = Order(seat, in_content_order(rules, [e.action for e in combo]), analysis.answers)
            runs = [rollout(rules, state, seat, order, roll_seed, self.horizon) for state, roll_seed in starts]
            means.append(tuple(sum(r[i] for r in runs) / len(runs) for i in range(len(analysis.baseline))))
        # Best expected total; the one-quarter view's favourite (first) unless clearly beaten.
        best = max(range(len(candidates)), key=lambda k: (round(sum(means[k]) + (MARGIN if k == 0 else 0), 9), -k))
        passing = means[candidates.index(())]
        gains = [m - p for m, p in zip(means[best], passing)]
        actions = [e.action for e in candidates[best]]
        reason = explain(
            rules,
            seat,
            actions,
            gains,
            analysis.baseline,
            analysis.answers,
            analysis.answer_gains,
            horizon=f"over {self.horizon} quarters",
            affordable=bool(analysis.estimates),
        )
        return Order(seat, in_content_order(rules, actions), analysis.answers, reason=reason)
