"""A chart's y-axis fitted to the values it shows, with round ticks, inside the track's bounds.

A 0-6 $bn revenue line drawn on its track's 0-100 $bn scale is a flat line at the bottom;
drawn on 0-6 it can be read. The axis never claims more than the data: its range is shown
(the lowest and highest tick are labelled), and it keeps at least a twentieth of the
track's range, so a move from 50 to 51 on a 0-100 track is not drawn as a cliff.
"""

from __future__ import annotations

import math

import attrs

# The steps a tick may be, times a power of ten: 1, 2, 2.5, 5, 10, 20, ...
_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
MIN_SHARE = 0.05  # the least part of the track's range an axis spans


@attrs.frozen
class Axis:
    """Where the chart's y scale starts and ends, and the values to label on it."""

    lo: float
    hi: float
    ticks: tuple[float, ...]  # lo first, hi last
    zoomed: bool  # narrower than the track's own bounds

    def share(self, value: float) -> float:
        """0..1: where `value` sits on this axis (clamped)."""
        return min(1.0, max(0.0, (float(value) - self.lo) / (self.hi - self.lo)))


def nice_step(raw: float) -> float:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) at least `raw`."""
    if raw <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(s * power for s in _STEPS if s * power >= raw * (1 - 1e-9))


def _clean(x: float) -> float:
    """A tick as it should print: 2.5 not 2.5000000000000004, 4 not 4.0."""
    r = round(x, 9)
    return float(int(r)) if r == int(r) else r


def fit(values, lo: float, hi: float, ticks: int = 5) -> Axis:
    """An axis for `values` (numbers) on a track bounded by `lo`..`hi`, with about `ticks`
    labelled values, each a multiple of a round step."""
    numbers = [float(v) for v in values]
    if hi <= lo:
        hi = lo + 1
    if not numbers:
        return Axis(lo, hi, (lo, hi), False)
    dmin, dmax = min(max(min(numbers), lo), hi), max(min(max(numbers), hi), lo)
    span = max(dmax - dmin, (hi - lo) * MIN_SHARE)
    step = nice_step(span / max(ticks - 1, 1))
    if dmax - dmin < span:  # too narrow: widen it around the data, inside the bounds
        mid = (dmin + dmax) / 2
        dmin, dmax = mid - span / 2, mid + span / 2
        shift = max(0.0, lo - dmin) - max(0.0, dmax - hi)  # kept inside the bounds, its width kept
        dmin, dmax = max(lo, dmin + shift), min(hi, dmax + shift)
    a = max(lo, math.floor(dmin / step + 1e-9) * step)
    b = min(hi, math.ceil(dmax / step - 1e-9) * step)
    if b - a < step:  # pinned at a bound: one step away from it
        a, b = (a, min(hi, a + step)) if a + step <= hi else (max(lo, b - step), b)
    marks = [a + k * step for k in range(int(round((b - a) / step)) + 1) if a + k * step <= b + 1e-9]
    # A bound that is not a multiple of the step (24 months with a step of 5) ends the axis
    # as a tick of its own; one too close to it is dropped so that labels do not collide.
    if b - marks[-1] > 1e-9:
        if b - marks[-1] < step / 2 and len(marks) > 2:
            marks.pop()
        marks.append(b)
    if marks[0] - a > 1e-9:
        marks.insert(0, a)
    cleaned = tuple(_clean(m) for m in marks)
    return Axis(_clean(a), _clean(b), cleaned, (a, b) != (lo, hi))
