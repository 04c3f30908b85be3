"""The expert bot: the smart bot's best few orders, weighed against what the others will order,
over states the seat cannot tell apart, a few quarters ahead, for the lead over the others.

The smart bot looks one quarter ahead with the others passing and the hidden tracks at their
start, and counts only its own points. The expert searches from its seat's information alone
(determinized Monte Carlo):

- **What the others will order**: it puts a smart bot in each other seat, on that seat's view
  of the expert's believed state (`belief.believed_state`), and takes its order as the
  prediction. The others order at the same time as the expert, so one prediction serves
  every candidate.
- **States it cannot tell apart**: `SAMPLES` states drawn from its beliefs
  (`belief.sampled_state`: the unseen tracks and the others' budgets spread around the
  believed values, and a generator of its own), so no order is chosen on one guess. Near the
  end, where fewer quarters are left to play on each, it draws more of them for the same work.
- **Later quarters**: on each sampled state, each candidate is played with the predicted
  orders by the engine the game plays with (`turn.play_quarter`), then `HORIZON` - 1 more
  quarters with every seat ordering the same again where it still may, so delayed effects,
  chained events and the non-player rules have time to land.
- **What a state is worth**: the game is won by the best share of its points, not by points
  alone, so a state is worth the seat's own points plus `RIVALRY` times its lead over the
  best other seat (both as shares of each seat's most, in the seat's points). An order that
  holds back the leader counts, and so does one that helps a seat far behind less than it
  helps the expert.

The candidates are the smart bot's best sets, a few single actions that showed no gain in
one quarter, and passing. Every candidate meets the same sampled states, so the comparison
is between orders, not between luck. The smart bot's best order stands unless another beats
it by `MARGIN` points. Everything is a pure function of (rules, seat view, seed).
"""

from __future__ import annotations

from ..core.model import Rules
from ..core.scoring import objective_points
from ..core.sink import NULL
from ..core.state import GameState, Order, order_of
from ..core.turn import legal, play_quarter
from ..core.view import SeatView, view
from .belief import believed_state, sampled_state
from .lookahead import analyse, in_content_order
from .random_bot import bot_stream
from .reasons import explain
from .smart import SmartBot
from .talks import Talks

SAMPLES = 4  # states drawn from the bot's beliefs, every candidate played on each (at full horizon)
HORIZON = 3  # quarters, the one being ordered included
CANDIDATES = 3  # the smart bot's best sets compared
SINGLES = 3  # and this many single actions it saw no gain in this quarter (passing is added)
MARGIN = 0.5  # points over the samples another order needs to overrule the smart bot's best
RIVALRY = 1.0  # weight of the lead over the best other seat, beside the seat's own points


def play_ahead(rules: Rules, state: GameState, orders: dict[str, Order], horizon: int) -> list:
    """The slots after `horizon` quarters (or the end) from `state`, on legal `orders`, every
    seat giving the same actions again each later quarter where it still may (else passing)."""
    for step in range(horizon):
        if state.over:
            break
        if step:
            orders = {s: order_of(s, o.actions, ()) for s, o in orders.items()}
            orders = {s: o for s, o in orders.items() if legal(rules, state, o)}
        state, _ = play_quarter(rules, state, orders, sink=NULL)
    return state.slots()


class ExpertBot(Talks):
    """Determinized Monte Carlo from the seat's view, the others predicted as smart bots."""

    level = "expert"

    def __init__(
        self,
        rules: Rules,
        seat: str,
        seed: int,
        samples: int = SAMPLES,
        horizon: int = HORIZON,
        rivalry: float = RIVALRY,
    ):
        self.rules = rules
        self.seat = seat
        self.seed = seed
        self.samples = samples
        self.horizon = horizon
        self.rivalry = rivalry
        most = {s.id: float(sum(o.max for o in s.objectives)) or 1.0 for s in rules.seats}
        self._own_most = most[seat]
        # Each other seat's points in the expert's points: its share of its most, times the expert's most.
        self._others = tuple((s, self._own_most / m) for s, m in most.items() if s != seat)

    def predicted(self, seat_view: SeatView, believed: GameState) -> dict[str, Order]:
        """What a smart bot in each other seat would order, seeing its part of `believed`."""
        rules = self.rules
        return {
            s: SmartBot(rules, s, self.seed).order(view(rules, believed, s)) for s in rules.seat_ids if s != self.seat
        }

    def lead(self, slots: list, own: float) -> float:
        """The seat's lead over the best other seat on `slots`, in the seat's points (shares
        compared, as the winner is decided); negative when behind."""
        rules = self.rules
        return own - max(sum(objective_points(rules, s, slots)) * scale for s, scale in self._others)

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
        others = self.predicted(seat_view, believed_state(rules, seat_view, stream.next64()))
        # Fewer quarters left to play ahead: more states for the same work (and the last
        # quarters, where only the final score counts, are weighed on the most).
        left = max(1, min(self.horizon, rules.quarters - seat_view.quarter + 1))
        starts = [sampled_state(rules, seat_view, stream) for _ in range(self.samples * self.horizon // left)]
        # A predicted order a sampled state cannot pay for is dropped there: that seat passes.
        field = [{s: o for s, o in others.items() if legal(rules, state, o)} for state in starts]
        means, leads = [], []
        for combo in candidates:
            order = Order(seat, in_content_order(rules, [e.action for e in combo]), analysis.answers)
            ends = [play_ahead(rules, s, {**plays, seat: order}, self.horizon) for s, plays in zip(starts, field)]
            runs = [objective_points(rules, seat, end) for end in ends]
            means.append(tuple(sum(r[i] for r in runs) / len(runs) for i in range(len(analysis.baseline))))
            leads.append(sum(self.lead(end, sum(run)) for end, run in zip(ends, runs)) / len(runs))
        worth = [sum(m) + self.rivalry * lead for m, lead in zip(means, leads)]
        # Best expected worth; the one-quarter view's favourite (first) unless clearly beaten.
        best = max(range(len(candidates)), key=lambda k: (round(worth[k] + (MARGIN if k == 0 else 0), 9), -k))
        passing = candidates.index(())
        gains = [m - p for m, p in zip(means[best], means[passing])]
        actions = [e.action for e in candidates[best]]
        ahead = leads[best] - leads[passing]
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
            lead=ahead if actions and max(gains, default=0.0) < 0.05 <= ahead else None,
        )
        return Order(seat, in_content_order(rules, actions), analysis.answers, reason=reason)
