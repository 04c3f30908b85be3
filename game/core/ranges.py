"""What a number expression can be worth, worked out from the bounds of the slots it reads.

Every effect clamps its result to its track's bounds, rounds it to the track's precision and
writes it back only if it changed (`effects.set_runner`). Most of that work decides nothing:
`pressure -= 2` can never go above 100, and the difference of two whole numbers is already
whole. The quiet quarter (`quiet.py`) asks `value_range` what an effect's value can be and
leaves out the steps whose outcome is already known, for states that `Slots.fits`; any other
state is resolved by the full code.

A `Range` holds the least and greatest value and the kind: "int" (always an int), "float"
(always a float) or "num" (either). Endpoints are worked out with the very operations the
quarter runs on the values: rounding is monotone, so the result of any value in range lies
between the endpoints' results. Anything unbounded, or not a number, is None: unknown.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .expr import Bool, Call, Name, Num, Str, Unary
from .model import Rules


class Range(NamedTuple):
    lo: int | float
    hi: int | float
    kind: str  # "int", "float" or "num"


def _kind(*kinds: str) -> str:
    """The kind of a value that is one of values of these kinds (as min and max give)."""
    first = kinds[0]
    return first if all(k == first for k in kinds) else "num"


def _arithmetic(a: str, b: str) -> str:
    """The kind of `x op y` for +, - and *: a float anywhere makes a float."""
    if a == "float" or b == "float":
        return "float"
    return "int" if a == b == "int" else "num"


def _finite(lo, hi, kind: str) -> Range | None:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    return Range(lo, hi, kind)


def _product(a: Range, b: Range) -> Range | None:
    corners = (a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi)
    return _finite(min(corners), max(corners), _arithmetic(a.kind, b.kind))


def _quotient(a: Range, b: Range) -> Range | None:
    """a / b for a divisor range that excludes zero: always a float."""
    corners = (a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi)
    return _finite(min(corners), max(corners), "float")


def _divided(a: Range, b: Range, zero_gives: Range | None) -> Range | None:
    """`a / b if b else <zero_gives>` (`_div` and `/=`): zero_gives None means b is never 0."""
    if b.lo > 0 or b.hi < 0:
        return _quotient(a, b)
    if b.kind != "int":
        return None  # a float divisor may come as close to zero as it likes
    # A whole divisor that is not zero is at least 1 away from it.
    parts = [zero_gives] + [_quotient(a, Range(lo, hi, "int")) for lo, hi in ((b.lo, -1), (1, b.hi)) if lo <= hi]
    if any(p is None for p in parts):
        return None
    return Range(min(p.lo for p in parts), max(p.hi for p in parts), _kind(*(p.kind for p in parts)))


def value_range(node, symbols, slots: dict[int, Range]) -> Range | None:
    """The range of a checked number expression; `slots` maps a slot's index to its range
    (a slot missing from it is unknown)."""
    if isinstance(node, Num):
        if isinstance(node.value, bool) or not math.isfinite(node.value):
            return None
        return Range(node.value, node.value, "int" if isinstance(node.value, int) else "float")
    if isinstance(node, (Str, Bool)):
        return None
    if isinstance(node, Name):
        return slots.get(symbols[node.name].index)
    if isinstance(node, Unary):
        r = value_range(node.operand, symbols, slots) if node.op == "-" else None
        return None if r is None else Range(-r.hi, -r.lo, r.kind)
    args = [value_range(a, symbols, slots) for a in (node.args if isinstance(node, Call) else (node.left, node.right))]
    if isinstance(node, Call) and node.func == "if":
        args = args[1:]  # the condition is not a number; either branch may be the value
    if any(a is None for a in args):
        return None
    if isinstance(node, Call):
        return _call(node.func, args)
    a, b = args
    if node.op == "+":
        return _finite(a.lo + b.lo, a.hi + b.hi, _arithmetic(a.kind, b.kind))
    if node.op == "-":
        return _finite(a.lo - b.hi, a.hi - b.lo, _arithmetic(a.kind, b.kind))
    if node.op == "*":
        return _product(a, b)
    if node.op == "/":
        return _divided(a, b, Range(0, 0, "int"))
    return None  # a comparison or a logical operator: not a number


def _call(func: str, args: list[Range]) -> Range | None:
    if func == "min":
        return Range(min(a.lo for a in args), min(a.hi for a in args), _kind(*(a.kind for a in args)))
    if func == "max":
        return Range(max(a.lo for a in args), max(a.hi for a in args), _kind(*(a.kind for a in args)))
    if func == "abs":
        (a,) = args
        if a.lo >= 0:
            return a
        if a.hi <= 0:
            return Range(-a.hi, -a.lo, a.kind)
        return Range(0, max(-a.lo, a.hi), a.kind)  # abs(-0.0) is 0.0: still a float
    if func == "clamp":  # max(lo, min(hi, x))
        x, lo, hi = args
        inner = _call("min", [hi, x])
        return _call("max", [lo, inner])
    if func == "if":
        return Range(min(a.lo for a in args), max(a.hi for a in args), _kind(*(a.kind for a in args)))
    return None


def combined_range(op: str, old: Range | None, value: Range | None) -> Range | None:
    """The range of what `slot op= value` computes before clamping."""
    if old is None or value is None:
        return None
    if op == "=":
        return value
    if op == "+=":
        return _finite(old.lo + value.lo, old.hi + value.hi, _arithmetic(old.kind, value.kind))
    if op == "-=":
        return _finite(old.lo - value.hi, old.hi - value.lo, _arithmetic(old.kind, value.kind))
    if op == "*=":
        return _product(old, value)
    return _divided(old, value, old)  # /=: a zero divisor keeps the old value


class Slots:
    """The ranges the quiet quarter may assume of a scenario's slots, on a state that fits.

    A number track holds a value between its bounds, or its bounds rounded to its precision
    when that reaches further (an effect rounds after clamping); a whole-number track holds
    an int, as every effect leaves it (round to 0 places gives an int). A budget is a whole
    number from 0 to its cap when costs and refills are whole, and the quarter number runs
    from 1 to the scenario's last. The states that content, play and the bots make all fit;
    a facilitator may set 50.5 on a whole-number track, and that state is resolved by the
    full code instead.
    """

    def __init__(self, rules: Rules):
        ranges: dict[int, Range] = {}
        for i, track in enumerate(rules.tracks):
            if track.is_number:
                lo, hi = track.min, track.max
                rlo, rhi = (round(lo, track.precision), round(hi, track.precision)) if track.precision else (round(lo), round(hi))
                r = _finite(min(lo, rlo), max(hi, rhi), "int" if track.precision == 0 else "num")
                if r is not None:
                    ranges[i] = r
        n = len(rules.tracks)
        whole = all(type(a.cost) is int for a in rules.actions) and all(
            type(s.budget_per_quarter) is int and type(s.budget_max) is int for s in rules.seats)
        for j, seat in enumerate(rules.seats):
            ranges[n + j] = Range(0, seat.budget_max, "int" if whole else "num")
        ranges[n + len(rules.seats)] = Range(1, rules.quarters, "int")
        self.ranges = ranges

    def is_int(self, slot: int) -> bool:
        r = self.ranges.get(slot)
        return r is not None and r.kind == "int"

    def test(self, slot: str, index: int) -> str:
        """Python that is true when the slot read as `slot` holds what its range says."""
        r = self.ranges[index]
        kind = "type({0}) is int" if r.kind == "int" else "(type({0}) is int or type({0}) is float)"
        return f"{kind.format(slot)} and {r.lo!r} <= {slot} <= {r.hi!r}"
