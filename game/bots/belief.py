"""What a bot believes the whole game looks like, built from its seat's view alone.

A bot that looks ahead runs the rules core on a copy of the state. It must not be the true
state: that would let the bot read hidden tracks, other seats' private tracks and budgets,
and the game's generator (which would let it foresee every roll). So the copy is rebuilt
from the seat's view, with every unseen slot replaced by a belief anyone could hold from the
content alone, and the generator replaced by a stream the bot owns.
"""

from __future__ import annotations

from ..core.model import Rules
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
