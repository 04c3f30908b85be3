"""What else could have happened: continuations of a saved game from one of its quarters.

A `Fork` is the game at the start of quarter Q, before its news: quarters 1..Q-1 as they
were played, the next news not drawn. Continuation i draws everything from there on (the
news, the bots' talks and orders, every roll) from seed S+i, with bots in every seat, and
optionally one seat's order at Q replaced. From quarter 1 a continuation is exactly the
bot game `simulate` plays on the same seed. Forked where a finished game stopped, every
continuation is that game's ending.

`summary` turns the continuations, in index order, into the numbers `whatif --json` prints.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence

import attrs

from ..bots import BOTS
from ..bots.talks import bots_talk
from ..core.deals import ordering_view
from ..core.draft import Draft
from ..core.model import Rules
from ..core.rng import Stream, seed_state
from ..core.scoring import leader, standings
from ..core.sink import NULL, Sink
from ..core.state import GameState, IllegalOrder, Order, new_state
from ..core.turn import check_order, draw_news, play_quarter
from ..core.view import view
from ..match.record import Record
from .runner import Batch, pieces, run
from .work import Source, rules_of

PERCENTILES = (10, 50, 90)


@attrs.frozen
class Fork:
    """Where continuations start: quarter `from_quarter`, its news not drawn yet."""

    from_quarter: int
    start: GameState
    levels: tuple[tuple[str, str], ...]  # (seat, bot level) for every seat
    change: Order | None = None  # a seat's order at `from_quarter`, instead of its bot's


@attrs.frozen
class Continuation:
    index: int
    ending: str
    winner: str  # "" for a draw
    points: tuple[float, ...]  # per seat
    # Per main track: its value at the fork, then as each quarter left it, to the end.
    series: tuple[tuple, ...]
    changed: bool = False  # the changed order was played (it may be illegal after other news)


class ForkProblem(ValueError):
    """A fork that cannot be made; the message names the argument."""


def fork_at(
    rules: Rules,
    record: Record,
    states: Sequence[GameState],
    from_quarter: int,
    levels: dict[str, str],
    change: Order | None = None,
) -> Fork:
    """The game of `record` (replayed: `states[q]` after quarter q) at the start of
    `from_quarter`, before its news."""
    played = len(record.quarters)
    if not 1 <= from_quarter <= played + 1:
        raise ForkProblem(
            f"--from: quarter {from_quarter} is not in this save, which has quarters 1 to {played}"
            f" ({played + 1}: where it stops)"
        )
    if from_quarter == 1:
        start = new_state(rules, record.seed)  # the opening, before quarter 1's news
    else:
        q = record.quarters[from_quarter - 2]
        start, _ = play_quarter(
            rules,
            states[from_quarter - 2],
            {o.seat: o for o in q.orders},
            q.interventions,
            offers=q.offers,
            sink=NULL,
            news=False,
        )
    if change is not None and start.over:
        raise ForkProblem(f"--change: the game had ended before Q{from_quarter}; there are no orders to change")
    return Fork(from_quarter, start, tuple((s, levels[s]) for s in rules.seat_ids), change)


def parse_change(rules: Rules, text: str) -> Order:
    """'vendor:lobby_hill,ship' (or 'vendor:' to pass) -> that seat's order; ValueError says
    what is wrong."""
    from ..core.expr.check import did_you_mean

    seat, sep, rest = (p.strip() for p in text.partition(":"))
    if not sep or not seat:
        raise ValueError(f"--change: {text!r} is not SEAT:ACTION,... (e.g. vendor:lobby_hill)")
    if seat not in rules.seat_ids:
        raise ValueError(
            f"--change: no seat {seat!r}{did_you_mean(seat, rules.seat_ids)}; seats: {', '.join(rules.seat_ids)}"
        )
    own = [a.id for a in rules.actions_of(seat)]
    actions = [a.strip() for a in rest.split(",") if a.strip()]
    for action in actions:
        if action not in own:
            raise ValueError(f"--change: {seat} has no action {action!r}{did_you_mean(action, own)}")
    if len(set(actions)) != len(actions):
        raise ValueError(f"--change: an action is named twice in {rest!r}")
    return Order(seat, tuple(sorted(actions, key=rules.action_rank.__getitem__)), reason="the what-if's change")


class _Settled(Sink):
    """Hears the main tracks as each quarter leaves them."""

    def __init__(self, indices: Sequence[int]) -> None:
        self.indices = indices
        self.points: list[tuple] = []

    def settled(self, quarter: int, values: Sequence[object]) -> None:
        self.points.append(tuple(values[i] for i in self.indices))


def main_tracks(rules: Rules) -> list[int]:
    """The tracks the debrief charts, by index."""
    return [i for i, t in enumerate(rules.tracks) if t.main]


def play_on(rules: Rules, fork: Fork, seed: int, index: int = 0) -> Continuation:
    """Continuation `index`: the fork played to the end on `seed`, bots in every seat."""
    indices = main_tracks(rules)
    state = fork.start
    heard = _Settled(indices)
    heard.points.append(tuple(state.values[i] for i in indices))
    changed = False
    if not state.over:
        d = Draft(rules, state, Stream(seed_state(seed)))
        draw_news(d, NULL)
        state = d.freeze()
        bots = {s: BOTS[level](rules, s, seed) for s, level in fork.levels}
        while not state.over:
            offers = bots_talk(rules, state, bots)
            orders = {s: bot.order(ordering_view(rules, view(rules, state, s), offers)) for s, bot in bots.items()}
            change = fork.change
            if change is not None and state.quarter == fork.from_quarter:
                try:
                    check_order(rules, state, change, offers=offers)
                except IllegalOrder:
                    pass  # not possible after this continuation's news: the seat's bot orders
                else:
                    orders[change.seat] = change
                    changed = True
            state = play_quarter(rules, state, orders, offers=offers, sink=heard)[0]
    points, shares = zip(*standings(rules, state))
    return Continuation(
        index,
        state.ending,
        leader(dict(zip(rules.seat_ids, shares))),
        points,
        tuple(zip(*heard.points)),
        changed,
    )


def play_piece(source: Source, scenario: str, fork: Fork, seed: int, start: int, count: int) -> list[Continuation]:
    """Continuations start .. start+count-1, in any process."""
    rules = rules_of(source, scenario)
    return [play_on(rules, fork, seed + i, i) for i in range(start, start + count)]


def continuations(
    rules: Rules,
    source: Source,
    fork: Fork,
    games: int,
    seed: int,
    *,
    workers: int = 1,
    cluster: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> Batch:
    """`games` continuations of `fork`; continuation i on seed `seed + i`."""
    args = [(source, rules.scenario, fork, seed, start, count) for start, count in pieces(games, workers)]

    def here(source, scenario, fork, seed, start, count):
        return [play_on(rules, fork, seed + i, i) for i in range(start, start + count)]

    return run(play_piece, args, workers=workers, cluster=cluster, advance=advance, local=here)


def percentile(values: Sequence, p: int):
    """The p-th percentile of `values`, by nearest rank below (as the balance report's)."""
    ordered = sorted(values)
    return ordered[int(p / 100 * (len(ordered) - 1))]


def _round(x):
    return round(x, 2) if isinstance(x, float) else x


def summary(rules: Rules, fork: Fork, seed: int, batch: Batch) -> dict:
    """The numbers of a what-if run (`whatif --json`), from its continuations in index order."""
    results = batch.results
    games = len(results)
    seats = rules.seat_ids
    out: dict = {
        "scenario": rules.scenario,
        "from_quarter": fork.from_quarter,
        "games": games,
        "seed": seed,
        "bots": dict(fork.levels),
        "change": None,
        "stopped": batch.stopped,
    }
    if fork.change is not None:
        out["change"] = {
            "seat": fork.change.seat,
            "actions": list(fork.change.actions),
            "played": sum(r.changed for r in results),
        }
    if not games:
        out.update(endings={}, wins={}, points={}, tracks={})
        return out
    endings = Counter(r.ending for r in results)
    wins = Counter(r.winner or "draw" for r in results)
    out["endings"] = {e.id: round(endings[e.id] / games, 4) for e in rules.endings}
    out["wins"] = {s: round(wins[s] / games, 4) for s in seats} | {"draw": round(wins["draw"] / games, 4)}
    out["points"] = {
        s: {"mean": round(statistics.fmean(r.points[i] for r in results), 2)}
        | {f"p{p}": _round(percentile([r.points[i] for r in results], p)) for p in PERCENTILES}
        for i, s in enumerate(seats)
    }
    out["tracks"] = tracks(rules, fork, results)
    return out


def tracks(rules: Rules, fork: Fork, results: Sequence[Continuation]) -> dict:
    """Per main track and quarter (from the fork to the last any continuation reached), the
    10th, 50th and 90th percentiles of a number, or the share of each state. A continuation
    that has ended keeps its final values."""
    longest = max(len(r.series[0]) for r in results) if results and results[0].series else 0
    first = fork.from_quarter - 1
    quarters = list(range(first, first + longest))
    out: dict = {}
    for k, i in enumerate(main_tracks(rules)):
        track = rules.tracks[i]
        columns = [[r.series[k][min(j, len(r.series[k]) - 1)] for r in results] for j in range(longest)]
        entry: dict = {"name": track.name, "unit": track.unit, "quarters": quarters}
        if track.is_number:
            for p in PERCENTILES:
                entry[f"p{p}"] = [_round(percentile(col, p)) for col in columns]
        else:
            entry["shares"] = {
                state: [round(sum(v == state for v in col) / len(col), 4) for col in columns] for state in track.states
            }
        out[track.id] = entry
    return out
