"""What a bot believes the whole game looks like, built from its seat's view alone.

A bot that looks ahead runs the rules core on a copy of the state. It must not be the true
state: that would let the bot read hidden tracks, other seats' private tracks and budgets,
and the game's generator (which would let it foresee every roll). So the copy is rebuilt
from the seat's view, with every unseen slot replaced by a belief anyone could hold from the
content alone, and the generator replaced by a stream the bot owns.
"""

from __future__ import annotations

import attrs

from ..core.model import Rules
from ..core.rng import Stream
from ..core.state import GameState
from ..core.view import SeatView


def believed_budget(seat, quarter: int) -> int:
    """Another seat's budget as a guess: what it starts with, then one quarter's income."""
    if quarter <= 1:
        return seat.budget_start
    return min(seat.budget_max, seat.budget_per_quarter)


def believed_state(rules: Rules, seat_view: SeatView, rng: int) -> GameState:
    """A full `GameState` consistent with `seat_view`, for simulating ahead.

    Unseen tracks take their start value (public knowledge from the content); other seats'
    budgets take `believed_budget`; `rng` is the bot's own generator state. The news is what
    the seat saw this quarter (so its choices resolve), and those events count as fired.
    Delayed effects and queued events are not in any seat's view, so none are assumed.
    """
    seen = seat_view.values
    if None in seen:
        values = tuple([track.start if x is None else x for x, track in zip(seen, rules.tracks)])
    else:  # a seat that sees every track (the common case of a small scenario)
        values = tuple(seen)
    budgets = tuple(
        [
            seat_view.budget if seat.id == seat_view.seat else believed_budget(seat, seat_view.quarter)
            for seat in rules.seats
        ]
    )
    return GameState(
        scenario=rules.scenario,
        quarter=seat_view.quarter,
        values=values,
        budgets=budgets,
        rng=rng,
        news=seat_view.news,
        fired=seat_view.news,
        used=seat_view.used,
        ending=seat_view.ending,
    )


SPREAD = 0.15  # of a track's range: how far an unseen number may have moved, per quarter...
SPREAD_MAX = 0.35  # ... up to this much of its range


def sampled_state(rules: Rules, seat_view: SeatView, stream: Stream) -> GameState:
    """One state the seat cannot tell from the truth, drawn from its beliefs: `believed_state`
    with every unseen number track moved up to `SPREAD` of its range a quarter played (up to
    `SPREAD_MAX`), uniformly either way, and every other seat's budget one more or less than
    believed, or as believed; the generator is the next word of `stream`, the bot's own.

    A search that weighs its orders over several such states does not bet on one guess.
    """
    believed = believed_state(rules, seat_view, stream.next64())
    played = max(0, seat_view.quarter - 1)
    reach = min(SPREAD_MAX, SPREAD * max(1, played))
    values = list(believed.values)
    for i, (seen, track) in enumerate(zip(seat_view.values, rules.tracks)):
        if seen is None and track.is_number:
            x = values[i] + (2 * stream.random() - 1) * reach * (track.max - track.min)
            x = min(track.max, max(track.min, x))
            values[i] = round(x, track.precision) if track.precision else int(round(x))
    budgets = list(believed.budgets)
    for i, seat in enumerate(rules.seats):
        if seat.id != seat_view.seat:
            budgets[i] = min(seat.budget_max, max(0, budgets[i] + int(stream.random() * 3) - 1))
    return attrs.evolve(believed, values=tuple(values), budgets=tuple(budgets))
