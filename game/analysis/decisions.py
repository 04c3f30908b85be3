"""Which decisions moved a seat's expected points: each order of a saved game against what a
smart bot would have ordered in its place.

For every quarter and seat whose order differs from the smart bot's (on the seat's view,
after the quarter's talks as they went), both orders are played from that quarter as it
stood (its news as it came, the other seats' orders and the talks as they were, the
facilitator's moves kept), then on to the end with bots, on K seeds. Both arms of a seed
share every roll drawn from it, so the difference is the decision's and little luck. The
gain is the seat's mean points with its own order less with the smart bot's.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

import attrs

from ..bots import BOTS, SmartBot
from ..bots.talks import bots_talk
from ..core.deals import ordering_view
from ..core.model import Rules
from ..core.rng import seed_state
from ..core.scoring import standings
from ..core.sink import NULL
from ..core.state import GameState, IllegalOrder, Order
from ..core.turn import check_order, play_quarter
from ..core.view import view
from ..match.record import Record
from .runner import Batch, pieces, run
from .work import Source, rules_of

TOP = 3  # decisions shown per seat


@attrs.frozen
class Decision:
    quarter: int
    seat: str
    actual: Order
    smart: Order
    gain: float = 0.0  # the seat's expected points with its order less with the smart bot's
    games: int = 0


@attrs.frozen
class Arm:
    """One side of one decision on one seed: what `seat` scored in the end."""

    index: int  # job number, for putting results back in order
    points: float


@attrs.frozen
class Job:
    index: int
    start: GameState  # the quarter as it stood, news in
    orders: tuple[Order, ...]  # every seat's order for the quarter, one of them the arm's
    offers: tuple
    interventions: tuple
    seat_index: int
    seed: int


def candidates(rules: Rules, record: Record, states: Sequence[GameState]) -> list[Decision]:
    """Every (quarter, seat) whose order differs from the smart bot's there."""
    out = []
    for rec in record.quarters:
        state = states[rec.quarter - 1]
        for order in rec.orders:
            bot = SmartBot(rules, order.seat, record.seed)
            smart = bot.order(ordering_view(rules, view(rules, state, order.seat), rec.offers))
            if set(smart.actions) == set(order.actions) and set(smart.choices) == set(order.choices):
                continue
            try:
                check_order(rules, state, smart, offers=rec.offers)
            except IllegalOrder:
                continue  # a deal bound the seat to more than the bot's order leaves room for
            out.append(Decision(rec.quarter, order.seat, order, smart))
    return out


def play_arm(rules: Rules, job: Job, levels: tuple[tuple[str, str], ...]) -> Arm:
    state = attrs.evolve(job.start, rng=seed_state(job.seed))
    state = play_quarter(
        rules, state, {o.seat: o for o in job.orders}, job.interventions, offers=job.offers, sink=NULL
    )[0]
    bots = {s: BOTS[level](rules, s, job.seed) for s, level in levels}
    while not state.over:
        offers = bots_talk(rules, state, bots)
        orders = {s: bot.order(ordering_view(rules, view(rules, state, s), offers)) for s, bot in bots.items()}
        state = play_quarter(rules, state, orders, offers=offers, sink=NULL)[0]
    return Arm(job.index, standings(rules, state)[job.seat_index][0])


def play_arms(source: Source, scenario: str, jobs: tuple[Job, ...], levels: tuple) -> list[Arm]:
    """A piece of arms, in any process."""
    rules = rules_of(source, scenario)
    return [play_arm(rules, job, levels) for job in jobs]


def weigh(
    rules: Rules,
    source: Source,
    record: Record,
    states: Sequence[GameState],
    levels: dict[str, str],
    games: int,
    seed: int,
    *,
    workers: int = 1,
    cluster: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
    found: list[Decision] | None = None,
) -> tuple[list[Decision], bool]:
    """Every differing decision with its gain over `games` seeds (seed + i); and whether
    Ctrl+C stopped the run (the gains are then over the seeds finished)."""
    found = candidates(rules, record, states) if found is None else found
    jobs = []
    for d in found:
        rec = record.quarters[d.quarter - 1]
        others = tuple(o for o in rec.orders if o.seat != d.seat)
        for arm in (d.actual, d.smart):
            ordered = {a for o in (*others, arm) for a in o.actions}
            # A roll the facilitator forced stays forced, where the action is still ordered.
            moves = tuple(m for m in rec.interventions if m.kind != "force" or m.action in ordered)
            for i in range(games):
                jobs.append(
                    Job(
                        len(jobs),
                        states[d.quarter - 1],
                        (*others, arm),
                        rec.offers,
                        moves,
                        rules.seat_ids.index(d.seat),
                        seed + i,
                    )
                )
    pairs = tuple((s, levels[s]) for s in rules.seat_ids)
    args = [(source, rules.scenario, tuple(jobs[a : a + n]), pairs) for a, n in pieces(len(jobs), workers, most=20)]

    def here(source, scenario, chunk, pairs):
        return [play_arm(rules, job, pairs) for job in chunk]

    batch: Batch = run(play_arms, args, workers=workers, cluster=cluster, advance=advance, local=here)
    points = {a.index: a.points for a in batch.results}
    out = []
    for k, d in enumerate(found):
        base = 2 * games * k
        diffs = [
            points[base + i] - points[base + games + i]
            for i in range(games)
            if base + i in points and base + games + i in points
        ]
        if diffs:
            out.append(attrs.evolve(d, gain=round(statistics.fmean(diffs), 2), games=len(diffs)))
    return out, batch.stopped


def top(decisions: Sequence[Decision], seat: str, n: int = TOP) -> list[Decision]:
    """The seat's decisions that moved its expected points most, either way (ties: earlier first)."""
    mine = [d for d in decisions if d.seat == seat and d.gain != 0]
    return sorted(mine, key=lambda d: (-abs(d.gain), d.quarter))[:n]
