"""Per-seat scoring against each seat's objectives, and who wins."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from .expr import names_in, parse_expression
from .model import Objective, Rules, Slots, Track
from .state import GameState, new_state
from .words import plural


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


# --- An objective's formula in words --------------------------------------------------------
#
# `scoring_words` says how an objective scores, from its formula alone: `validate` checks an
# objective's own text against the same numbers (game/content/words.py), so the words a
# player reads and the points the game gives cannot drift apart.

_PROPER = {"US", "China", "Chinese", "Beijing", "Washington", "American", "AI"}


def objective_tracks(rules: Rules, objective: Objective) -> tuple[Track, ...]:
    """The tracks an objective's formula reads, in track order."""
    names = names_in(parse_expression(objective.expr)) if objective.expr else set()
    return tuple(t for t in rules.tracks if t.id in names)


def objective_at(rules: Rules, objective: Objective, values: Mapping[str, Any]) -> float:
    """The formula's raw value (not held to 0..max) with the tracks in `values` set and every
    other value at the scenario's start."""
    slots = new_state(rules, 0).slots()
    for track_id, value in values.items():
        slots[rules.track_index[track_id]] = value
    return float(objective.points(slots))


def held(objective: Objective, raw: float) -> float:
    """A raw formula value as scoring counts it: within 0..the objective's max."""
    return max(0.0, min(float(objective.max), raw))


def track_step(track: Track) -> float:
    """The smallest change of a number track: what its precision lets it hold."""
    return float(10.0**-track.precision)


def quantity(track: Track, value: float) -> str:
    """`value` of `track` the way a sentence says it: 18%, $17.5bn, 590k units a quarter."""
    number = f"{value:,.{track.precision}f}" if track.precision else f"{round(value):,}"
    number = number.rstrip("0").rstrip(".") if "." in number else number
    unit = track.unit
    if unit == "%":
        return f"{number}%"
    if unit.startswith("$"):
        return f"${number}{unit[1:]}"
    if unit.startswith("k "):
        return f"{number}k{unit[1:].replace('/q', ' a quarter')}"
    if unit:
        return f"{number} {unit[:-1] if unit.endswith('s') and value == 1 else unit}"
    return number


def scoring_words(rules: Rules, objective: Objective) -> str:
    """How `objective` scores, in plain words worked out from its formula: "0.8 points per
    point of diversion to restricted users below 50%, the most at 18% or less." The most it
    can give is left out: screens show the objective's max beside it."""
    tracks = objective_tracks(rules, objective)
    numbers = [t for t in tracks if t.is_number]
    if len(tracks) == 1 and numbers:
        return _one_track_words(rules, objective, numbers[0])
    parts = []
    for t in tracks:
        if t.is_number:
            at = float(t.start)
            slope = objective_at(rules, objective, {t.id: at + 1}) - objective_at(rules, objective, {t.id: at})
            if abs(slope) > 1e-9:
                n, m = nice_rate(slope)
                parts.append(f"{_points(n)} per {_per(t, m)} of {_name(t)}")
        else:
            for state in t.states:
                gain = objective_at(rules, objective, {t.id: state})
                if abs(gain) > 1e-9:
                    parts.append(f"{_points(gain)} when {_name(t)} is {state}")
    if not parts:
        return f"A fixed {_points(held(objective, objective_at(rules, objective, {})))}."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def nice_rate(slope: float) -> tuple[float, float]:
    """`slope` points per unit as (points, per units) a sentence can say: 0.8 is (0.8, 1),
    1/3 is (1, 3), 2/7 is (2, 7), 1/22 is (1, 22)."""

    def whole(x: float, places: int) -> bool:
        scaled = x * 10.0**places
        return abs(scaled - round(scaled)) < 1e-6

    if whole(slope, 2):
        return round(abs(slope), 2), 1.0
    for per in range(2, 101):
        if whole(slope * per, 0):
            return float(round(abs(slope) * per)), float(per)
    return round(abs(slope), 4), 1.0


def _one_track_words(rules: Rules, objective: Objective, t: Track) -> str:
    def f(x: float) -> float:
        return objective_at(rules, objective, {t.id: x})

    lo, hi, most = float(t.min), float(t.max), float(objective.max)
    slope = (f(hi) - f(lo)) / (hi - lo)
    straight = all(abs(f(lo + (hi - lo) * k / 4) - (f(lo) + slope * (hi - lo) * k / 4)) < 1e-6 for k in (1, 2, 3))
    if not straight or abs(slope) < 1e-12:
        return _sampled_words(rules, objective, t)
    zero = lo - f(lo) / slope
    top = zero + most / slope
    n, per = nice_rate(slope)
    text = f"{_points(n)} per {_per(t, per)} of {_name(t)}"
    if slope > 0 and zero > lo + 1e-9:
        text += f" above {quantity(t, zero)}"
    elif slope < 0:  # said even at the top of the range: "per point" alone reads as a gain
        text += f" below {quantity(t, zero)}"
    step = track_step(t)
    if lo - 1e-9 <= top <= hi + 1e-9:
        # the first value the track can hold at which the formula reaches the max
        at = math.ceil(top / step - 1e-9) * step if slope > 0 else math.floor(top / step + 1e-9) * step
        end = hi if slope > 0 else lo
        more = "" if abs(at - end) < 1e-9 else (" or more" if slope > 0 else " or less")
        text += f", the most at {quantity(t, at)}{more}"
    else:
        end = hi if slope > 0 else lo
        text += f", {_points(held(objective, f(end)))} at most (at {quantity(t, end)})"
    return text[0].upper() + text[1:] + "."


def _sampled_words(rules: Rules, objective: Objective, t: Track) -> str:
    """A curve that is not one straight line: its points at each bend, from sampling."""
    lo, hi = float(t.min), float(t.max)
    steps = min(200, max(1, round((hi - lo) / track_step(t))))
    xs = [lo + (hi - lo) * k / steps for k in range(steps + 1)]
    ys = [held(objective, objective_at(rules, objective, {t.id: x})) for x in xs]
    bends = [0]
    for k in range(1, steps):
        if abs((ys[k] - ys[k - 1]) - (ys[k + 1] - ys[k])) > 1e-6:
            bends.append(k)
    bends.append(steps)
    said = ", ".join(f"{_points(ys[k])} at {quantity(t, xs[k])}" for k in bends)
    text = f"{_name(t)}: {said}"
    if len(bends) > 2:
        text += ", in straight lines between"
    return text[0].upper() + text[1:] + "."


def _points(n: float) -> str:
    n = round(n, 2)
    return plural(n, "point")


def _per(t: Track, per: float) -> str:
    """'point', '3 points', '$1bn', '22k units a quarter', 'month': what one rate is per."""
    m = f"{per:g}"
    if t.unit.startswith("$"):
        return f"${m}{t.unit[1:]}"
    if t.unit.startswith("k "):
        return f"{m}k{t.unit[1:].replace('/q', ' a quarter')}"
    if t.unit in ("", "%"):
        return "point" if per == 1 else f"{m} points"
    unit = t.unit[:-1] if t.unit.endswith("s") else t.unit
    return unit if per == 1 else f"{m} {t.unit}"


def _name(t: Track) -> str:
    """A track's name inside a sentence: 'congressional pressure', but 'US lead in AI'."""
    words = t.name.split()
    first = words[0].removesuffix("'s")
    proper = (
        first in _PROPER or first.isupper() or (len(words) > 1 and words[1][:1].isupper() and words[1] not in _PROPER)
    )
    return t.name if proper else t.name[0].lower() + t.name[1:]
