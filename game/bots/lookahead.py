"""The smart bot: one quarter of lookahead, scored by its seat's own objectives.

For each action it could afford, the bot resolves the quarter on its believed state (see
`belief.py`) with that action alone and the other seats passing, next quarter's news
included (drawn from the bot's own generator, so what its action sets off is seen), and
scores the result with its objectives. An action with odds is resolved twice, forced to succeed and to fail, and
the two weighted by the odds, so a lucky roll never sells a bad gamble. An action whose
success meets the requirement of another of the seat's actions (lobbying for the licence
opens shipping) also counts `OPENING` of what that action would gain next quarter, so the
bot is not blind to the first step of a plan. It then orders the affordable set whose
actions' expected gains add up to the most, and explains the choice by the objective that
gained most. Choices in the news are answered first, by the option that scores best.

Everything is a pure function of (rules, seat view, seed): the same view always gets the
same order, and nothing outside the view is read.
"""

from __future__ import annotations

import heapq
import math
import operator
from itertools import accumulate
from operator import attrgetter, itemgetter

import attrs

from ..core.draft import Draft
from ..core.model import Action, Rules, odds_of
from ..core.options import menu, why_unavailable
from ..core.rng import RollReader, Rolls
from ..core.scoring import objective_points
from ..core.state import GameState, order_of
from ..core.turn import resolve
from ..core.view import SeatView
from .belief import believed_state
from .random_bot import bot_stream

MIN_GAIN = 0.05  # points: below this an action is not worth the budget it spends
MAX_SETS = 4096  # affordable sets scored at most; far above what a seat's menu gives
OPENING = 0.5  # weight of what an action opens for next quarter: later, and not yet ordered
_GAIN = attrgetter("gain")


@attrs.define  # not frozen, though never changed: README, Performance
class Estimate:
    """What one action is expected to add to each of the seat's objectives this quarter."""

    action: Action
    odds: float
    gains: tuple[float, ...]  # per objective, against passing (what it opens included)
    opens: tuple[Action, ...] = ()  # own actions its success makes possible next quarter
    gain: float = attrs.field(init=False)  # the sum of `gains`: sets of actions compare it often

    @gain.default
    def _total(self) -> float:
        return sum(self.gains)


@attrs.frozen
class Analysis:
    """A seat's quarter, looked at one step ahead."""

    answers: tuple[tuple[str, str], ...]  # (event, option) for each choice in the news
    answer_gains: tuple[float, ...]  # what each answer gains over the worst option
    baseline: tuple[float, ...]  # objective points after passing (with those answers)
    estimates: tuple[Estimate, ...]  # one per affordable action, in content order
    sets: tuple[tuple[float, tuple[Estimate, ...]], ...]  # best first: (gain, actions)


class Lookahead:
    """Resolves candidate orders for one seat on one believed state, with the engine the
    game plays with (`turn.resolve`) and the null sink: it reads only the values a quarter
    ends on, and freezes no state."""

    def __init__(self, rules: Rules, seat: str, start: Draft, rolls: Rolls, at: int = 0) -> None:
        """`start`: a draft standing at the quarter weighed, copied for each order (and never
        changed itself); every order weighed here draws from `rolls`, `at` draws in."""
        self.rules = rules
        self.seat = seat
        self.start = start
        self.rolls = rolls
        self.at = at
        self._passing: dict[tuple, tuple[float, ...]] = {}

    @classmethod
    def on(cls, rules: Rules, seat: str, state: GameState) -> Lookahead:
        """A lookahead on a state, drawing from the state's own generator."""
        return cls(rules, seat, Draft(rules, state), Rolls(state.rng))

    def score(self, values: list) -> tuple[float, ...]:
        return objective_points(self.rules, self.seat, values)

    def resolve(
        self,
        action_id: str | None,
        answers: tuple[tuple[str, str], ...],
        forced: dict[str, bool] | None = None,
        draws: int = 0,
        offers: tuple = (),
    ) -> Draft:
        """The quarter resolved with the seat ordering `action_id` (or nothing) and answering
        `answers`, the generator first moved `draws` on; others pass, bar what accepted
        `offers` bind them to. The odds are rolled on the start's values, which no quarter
        changes: no copy of them."""
        start = self.start
        order = order_of(self.seat, () if action_id is None else (action_id,), answers)
        rng = self.rolls.reader(self.at + draws)
        return resolve(start.copy(rng), {self.seat: order}, forced=forced, ordered_on=start.v, offers=offers)

    def points(
        self,
        action_id: str | None,
        answers: tuple[tuple[str, str], ...],
        forced: dict[str, bool] | None = None,
        draws: int = 0,
    ) -> tuple[float, ...]:
        return self.score(self.resolve(action_id, answers, forced, draws).v)

    def passing(self, answers: tuple[tuple[str, str], ...], draws: int = 0) -> tuple[float, ...]:
        """Points when the seat orders nothing. An action with odds draws a roll, which moves
        every later roll of the quarter; comparing it with a pass whose generator moved on as
        far keeps the later luck the same on both sides, so the gain is the action's own."""
        key = (answers, draws)
        if key not in self._passing:
            self._passing[key] = self.points(None, answers, draws=draws)
        return self._passing[key]

    def know_passing(self, answers: tuple[tuple[str, str], ...], points: tuple[float, ...]) -> None:
        self._passing[(answers, 0)] = points

    def gains(
        self, action: Action, odds: float, answers: tuple[tuple[str, str], ...]
    ) -> tuple[tuple[float, ...], Draft]:
        """What `action` alone adds to each objective, its own roll weighted by its odds; and
        the quarter after it (after its success, if it has odds)."""
        if odds >= 1 or odds <= 0:
            after = self.resolve(action.id, answers)
            expected = self.score(after.v)
            base = self.passing(answers)
        else:
            after = self.resolve(action.id, answers, {action.id: True})
            won = self.score(after.v)
            base = self.passing(answers, draws=1)
            lost = self.points(action.id, answers, {action.id: False})
            expected = tuple(odds * w + (1 - odds) * x for w, x in zip(won, lost))
        return tuple(map(operator.sub, expected, base)), after


def analyse(rules: Rules, seat: str, seat_view: SeatView, seed: int, keep: int = 8) -> Analysis:
    """The seat's quarter weighed; `keep`: how many of the best sets to rank (see `best_sets`)."""
    seat_index = rules.seat_ids.index(seat)
    stream = bot_stream(seed, seat_index, seat_view.quarter)
    look = Lookahead.on(rules, seat, believed_state(rules, seat_view, stream.next64()))
    answers, answer_gains = _answer_choices(rules, look, seat_view)
    baseline = look.passing(answers)
    values, used = seat_view.values, seat_view.used
    # The actions the orders screen offers, with their odds as the screen shows them.
    available = menu(rules, seat, values, used, seat_view.budget or 0)
    # Own actions whose requirement is unmet now: an action that meets it has a future value.
    locked = [
        a
        for a in rules.actions_of(seat)
        if a.requires is not None and not a.requires(values) and not (a.once and a.id in used)
    ]
    estimates = []
    for action in available:
        odds = odds_of(action.odds, values)
        gains, after = look.gains(action, odds, answers)
        opens, later = _opened(rules, seat, look, after, locked)
        if opens:
            weight = OPENING * (odds if 0 < odds < 1 else 1.0)
            gains = tuple(g + weight * x for g, x in zip(gains, later))
        estimates.append(Estimate(action, odds, gains, opens))
    sets = best_sets(estimates, seat_view.budget or 0, keep)
    return Analysis(answers, answer_gains, baseline, tuple(estimates), sets)


def _opened(
    rules: Rules, seat: str, look: Lookahead, after: Draft, locked: list[Action]
) -> tuple[tuple[Action, ...], tuple[float, ...]]:
    """The locked actions the quarter `after` makes possible and affordable, and the best
    one's gains then.

    Only actions worth something next quarter count, so 'opens' always means a real option.
    Requirements read only what the seat sees, so checking them on the believed state is fair.
    """
    v = after.v
    if not locked or v[-1]:  # nothing locked, or the game is over
        return (), ()
    budget = v[len(rules.tracks) + rules.seat_ids.index(seat)]
    now = [a for a in locked if not why_unavailable(a, v, after.used, budget)]  # as the menu would judge them
    if not now:
        return (), ()
    # `after` stands at the next quarter as a state frozen from it would: looked on from as it is
    assert isinstance(after.rng, RollReader)  # as `Lookahead.resolve` made it
    ahead = Lookahead(rules, seat, after, look.rolls, after.rng.at)
    best: tuple[float, ...] = ()
    worth = []
    for action in now:
        gains = ahead.gains(action, odds_of(action.odds, v), ())[0]
        if sum(gains) >= MIN_GAIN:
            worth.append(action)
            if not best or sum(gains) > sum(best):
                best = gains
    return tuple(worth), best


def _answer_choices(rules: Rules, look: Lookahead, seat_view: SeatView):
    """Each choice in the news answered by the option that scores best with no actions.

    Choices are settled first and one at a time (the others at their first option): they
    are few, and the actions are then weighed with the answers already given.
    """
    answers: list[tuple[str, str]] = []
    gains: list[float] = []
    for event_id in seat_view.choices:
        event = rules.event(event_id)
        scored = []
        for i, option in enumerate(event.options):
            points = look.points(None, (*answers, (event_id, option.id)))
            scored.append((sum(points), i, points))
        best = max(scored, key=lambda s: (s[0], -s[1]))
        answers.append((event_id, event.options[best[1]].id))
        gains.append(best[0] - min(s[0] for s in scored))
    if answers:
        # The last choice was scored with every answer given and no actions: that is the
        # pass the actions are weighed against, already resolved.
        look.know_passing(tuple(answers), best[2])
    return tuple(answers), tuple(gains)


def best_sets(estimates, budget: int, keep: int = 8) -> tuple[tuple[float, tuple[Estimate, ...]], ...]:
    """Affordable sets of worthwhile actions, best total gain first (then cheaper, then fewer).

    The empty set (pass) is always among them, so a caller comparing sets can weigh passing.
    Sets are grown one action at a time while the budget lasts, so only affordable ones are
    ever built (at most MAX_SETS of them). The first `keep` are the same whatever `keep`
    is: a caller wanting only the best asks for one, and the search skips more.
    """
    # Best gain first; equal gains stay in content order (a reversed sort is stable too).
    worth = sorted([e for e in estimates if e.gain >= MIN_GAIN and e.action.cost <= budget], key=_GAIN, reverse=True)
    # Each estimate's gain and cost read once: the search below visits them many times.
    gains = [e.gain for e in worth]
    costs = [e.action.cost for e in worth]
    # Sets as (gain, cost, actions), in the order the search finds them (passing first).
    found: list[tuple] = [(0.0, 0, ())]

    cheapest = min(costs, default=0)
    # The most gain the actions from i on can still add: the best of them (gains fall with
    # i) as many as the budget left could pay for at the cheapest cost. reach[i] is
    # gains[i:] added up.
    reach = list(accumulate(reversed(gains), initial=0.0))[::-1]
    n = len(worth)
    # A set that cannot come within 1e-6 of the keep-th best gain found so far cannot rank
    # (see `_ranked`), nor can any set grown from it. Skipping them finds the same ranking,
    # as long as the search would have found every affordable set: past MAX_SETS it stops
    # in search order, so there nothing is skipped.
    prune = keep > 0 and (2**n <= MAX_SETS or _affordable_sets(costs, budget) <= MAX_SETS)
    leaders: list[float] = []  # the keep best gains found so far, least first (a heap)
    floor = -math.inf  # the least gain that can still rank, once `keep` sets are found

    def grow(start: int, combo: tuple, gain: float, spent: int) -> None:
        nonlocal floor
        for i in range(start, n):
            cost = spent + costs[i]
            if cost <= budget:
                if len(found) >= MAX_SETS:
                    return
                total = gain + gains[i]
                room = budget - cost
                if prune:
                    more = min(n, i + 1 + (room // cheapest if cheapest else n))
                    if total + reach[i + 1] - reach[more] < floor:
                        continue  # neither this set nor any grown from it can rank
                    if len(leaders) < keep:
                        heapq.heappush(leaders, total)
                    elif total > leaders[0]:
                        heapq.heapreplace(leaders, total)
                    if len(leaders) == keep:
                        floor = leaders[0] - 1.1e-6  # 1e-7 to spare for sums added in another order
                    if total < floor:  # it cannot rank, but sets grown from it may
                        if room >= cheapest:
                            grow(i + 1, combo + (worth[i],), total, cost)
                        continue
                bigger = combo + (worth[i],)
                found.append((total, cost, bigger))
                if room >= cheapest:  # else no action more fits: most sets end here
                    grow(i + 1, bigger, total, cost)

    if prune:
        heapq.heappush(leaders, 0.0)  # passing, found first
        floor = leaders[0] - 1.1e-6 if keep == 1 else floor
    grow(0, (), 0.0, 0)
    return tuple((gain, combo) for gain, _, combo in _ranked(found, keep))


def _affordable_sets(costs: list[int], budget: int) -> int:
    """How many sets of these costs (the empty one included) fit in `budget`."""
    ways = [1] + [0] * budget  # ways[c]: sets costing exactly c
    for cost in costs:
        for c in range(budget, cost - 1, -1):
            ways[c] += ways[c - cost]
    return sum(ways)


def _ranked(found: list[tuple], keep: int) -> list[tuple]:
    """The best `keep` of `found` by gain to 9 places (ties: cheaper, then fewer actions,
    then found first).

    Rounding costs more than the whole search, so it is done only where it can decide: the
    `keep`-th best raw gain bounds the rest (a set rounding below it has `keep` sets ranking
    above it), and rounding moves a gain by under 1e-9, so only sets within 1e-6 of that
    bound can rank; if no two of those are within 1e-6 of each other, none can round alike
    and their raw gains rank them.
    """
    totals = [f[0] for f in found]
    if len(found) > keep:
        bound = (max(totals) if keep == 1 else sorted(totals, reverse=True)[keep - 1]) - 1e-6
        found = [f for f in found if f[0] >= bound]
        totals = [f[0] for f in found]
    totals.sort(reverse=True)
    if all(a - b > 1e-6 for a, b in zip(totals, totals[1:])):
        return sorted(found, key=itemgetter(0), reverse=True)[:keep]
    order = sorted(range(len(found)), key=lambda i: (-round(found[i][0], 9), found[i][1], len(found[i][2]), i))
    return [found[i] for i in order[:keep]]


def in_content_order(rules: Rules, actions) -> tuple[str, ...]:
    chosen = {a.id for a in actions}
    return tuple(a.id for a in rules.actions if a.id in chosen)
