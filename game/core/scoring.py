"""Per-seat scoring against each seat's objectives, and who wins."""

from __future__ import annotations

import attrs

from .model import Rules
from .state import GameState


@attrs.frozen
class ObjectiveScore:
    id: str
    text: str
    points: float
    max: float


@attrs.frozen
class SeatScore:
    seat: str
    objectives: tuple[ObjectiveScore, ...]

    @property
    def points(self) -> float:
        return sum(o.points for o in self.objectives)

    @property
    def max(self) -> float:
        return sum(o.max for o in self.objectives)

    @property
    def share(self) -> float:
        """Points as a share of the most this seat could score: comparable across seats."""
        return self.points / self.max if self.max else 0.0


def score(rules: Rules, state: GameState) -> dict[str, SeatScore]:
    """Scores as of `state`; during play this is the score if the game ended now."""
    v = [*state.values, *state.budgets, state.quarter, state.ending]
    out = {}
    for seat in rules.seats:
        parts = []
        for obj in seat.objectives:
            pts = _clamped(obj, v)
            parts.append(ObjectiveScore(obj.id, obj.text, round(pts, 1), obj.max))
        out[seat.id] = SeatScore(seat.id, tuple(parts))
    return out


def objective_points(rules: Rules, state: GameState, seat_id: str) -> tuple[float, ...]:
    """One seat's points per objective as `score` counts them, unrounded and without the
    score objects: bots compare many candidate states and need only their own seat, so this
    runs the compiled objectives of the quiet quarter (`quiet.py`)."""
    return rules.quiet.points[seat_id]([*state.values, *state.budgets, state.quarter, state.ending])


def _clamped(obj, v) -> float:
    return max(0.0, min(float(obj.max), float(obj.points(v))))


def winner(scores: dict[str, SeatScore]) -> str:
    """The seat with the highest share of its possible points; "" when the top is tied."""
    ranked = sorted(scores.values(), key=lambda s: s.share, reverse=True)
    if not ranked:
        return ""
    if len(ranked) > 1 and abs(ranked[0].share - ranked[1].share) < 1e-9:
        return ""
    return ranked[0].seat
