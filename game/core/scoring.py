"""Per-seat scoring against each seat's objectives, and who wins."""

from __future__ import annotations

import attrs

from .model import Rules, Slots
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


def objective_points(rules: Rules, seat_id: str, values: Slots) -> tuple[float, ...]:
    """One seat's points per objective on the slot list `values`, each within 0..its max,
    unrounded: what `score` rounds and what bots compare."""
    out = []
    for obj in rules.seat(seat_id).objectives:
        x, most = float(obj.points(values)), float(obj.max)
        x = x if x < most else most  # max(0.0, min(most, x)), written out (README, Performance)
        out.append(x if x > 0.0 else 0.0)
    return tuple(out)


def score(rules: Rules, state: GameState) -> dict[str, SeatScore]:
    """Scores as of `state`; during play this is the score if the game ended now."""
    v = state.slots()
    out = {}
    for seat in rules.seats:
        points = objective_points(rules, seat.id, v)
        parts = [ObjectiveScore(obj.id, obj.text, round(p, 1), obj.max) for obj, p in zip(seat.objectives, points)]
        out[seat.id] = SeatScore(seat.id, tuple(parts))
    return out


def standings(rules: Rules, state: GameState) -> tuple[tuple[float, float], ...]:
    """Each seat's (points, share) exactly as `score` gives them, in seat order, without the
    score objects: a balance run scores thousands of finished games and reads only these."""
    v = state.slots()
    out = []
    for seat in rules.seats:
        points = sum(round(p, 1) for p in objective_points(rules, seat.id, v))
        most = sum(o.max for o in seat.objectives)
        out.append((points, points / most if most else 0.0))
    return tuple(out)


def winner(scores: dict[str, SeatScore]) -> str:
    """The seat with the highest share of its possible points; "" when the top is tied."""
    return leader({seat: s.share for seat, s in scores.items()})


def leader(shares: dict[str, float]) -> str:
    """`winner` from each seat's share alone (see `standings`)."""
    ranked = sorted(shares.items(), key=lambda item: item[1], reverse=True)
    if not ranked:
        return ""
    if len(ranked) > 1 and abs(ranked[0][1] - ranked[1][1]) < 1e-9:
        return ""
    return ranked[0][0]
