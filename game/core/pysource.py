"""Checked expression trees and compiled effects written out as Python source.

The quiet quarter (`quiet.py`) compiles a whole scenario into a few Python functions, so a
bot's lookahead or a balance run pays one Python operation per operator rather than one
closure call per tree node. The text comes only from a checked tree: a name becomes a slot
index, and a literal is written with `repr`, so no content text is ever read as code. The
semantics are those of `closures.py`, operator for operator: the two must give the same
values, and a property test holds them to it.
"""

from __future__ import annotations

import math

from .expr import Binary, Bool, Call, Name, Num, Str, Unary
from .model import Effect
from .ranges import Slots, combined_range, value_range

_OPERATORS = {"+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "and", "or"}


def expression(node, symbols, slots: str = "v[{}]", temps: list | None = None) -> str:
    """Python for a checked tree; `slots` formats a slot's index as the code that reads it
    (an item of the list `v`, or a local variable such as `t3`). `temps` collects the
    names of the temporaries the code binds (`_x0`, `_x1`, ...), numbered from its length.

    min, max and division are written as conditional expressions rather than calls: a
    quarter makes a few of each, and a call costs several times the comparison. Each is
    exactly what the closures do (min keeps the first of equals; division by zero gives
    0), and an operand read twice is bound to a temporary first, as a call would
    evaluate it once."""
    temps = [] if temps is None else temps
    if isinstance(node, (Num, Str, Bool)):
        return _literal(node.value)
    if isinstance(node, Name):
        return slots.format(symbols[node.name].index)
    if isinstance(node, Unary):
        operand = expression(node.operand, symbols, slots, temps)
        return f"(not {operand})" if node.op == "not" else f"(-{operand})"
    if isinstance(node, Call):
        args = [(expression(a, symbols, slots, temps), isinstance(a, (Num, Name))) for a in node.args]
        if node.func in ("min", "max"):
            return _picked(node.func, args, temps)
        if node.func == "clamp":  # max(lo, min(hi, x))
            x, lo, hi = args
            return _picked("max", [lo, (_picked("min", [hi, x], temps), False)], temps)
        if node.func == "if":
            (when, _), (then, _), (otherwise, _) = args
            return f"({then} if {when} else {otherwise})"
        return f"{node.func}({', '.join(text for text, _ in args)})"
    if isinstance(node, Binary):
        left, right = expression(node.left, symbols, slots, temps), expression(node.right, symbols, slots, temps)
        if node.op == "/":
            if isinstance(node.right, Num) and node.right.value:
                return f"({left} / {right})"  # a divisor written as a number is never zero
            # 0, not an error, on division by zero (closures' `divide_or_zero`)
            bound, read = _once(right, isinstance(node.right, (Num, Name)), temps)
            return f"({left} / {read} if {bound} else 0)"
        if node.op in _OPERATORS:
            return f"({left} {node.op} {right})"
    raise TypeError(f"cannot write {node!r} as Python")


def _once(text: str, simple: bool, temps: list) -> tuple[str, str]:
    """(code that evaluates `text` first, code that reads it again): a slot or a literal
    is read twice, anything else is bound to a new temporary."""
    if simple:
        return text, text
    name = f"_x{len(temps)}"
    temps.append(name)
    return f"({name} := {text})", name


def _picked(func: str, args: list[tuple[str, bool]], temps: list) -> str:
    """`min(a, b, ...)` or `max(...)` as comparisons: each next argument replaces the one
    kept only if strictly less (more), so ties keep the first, as the builtins do."""
    kept, kept_simple = args[0]
    op = "<" if func == "min" else ">"
    for text, simple in args[1:]:
        new, new_read = _once(text, simple, temps)
        old, old_read = _once(kept, kept_simple, temps)
        kept, kept_simple = f"({new_read} if {new} {op} {old} else {old_read})", False
    return kept


def _literal(value) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"  # TOML allows inf and nan; Python has no literal
    text = repr(value)
    return f"({text})" if text.startswith("-") else text


def callable_source(fn, symbols, slots: str = "v[{}]", temps: list | None = None) -> str:
    """Python for a compiled expression (see `closures.compile_expression`)."""
    return expression(fn.tree, symbols, slots, temps)


def effects(block: tuple[Effect, ...], symbols, indent: str, slots: str = "v[{}]", ranges: Slots | None = None) -> list[str]:
    """Statements applying `block` in order to the slots (see `expression`), with `S` the
    scratch (for the quarter, the queue of chained events and the delayed effects).
    `ranges`: what the slots may be assumed to hold (see `ranges.py`), so that steps whose
    outcome is known are left out; None assumes nothing."""
    lines = []
    for effect in block:
        if effect.kind == "set":
            lines += _assignment(effect, symbols, slots) if ranges is None else _narrowed(effect, symbols, slots, ranges)
        elif effect.kind == "queue":
            lines.append(f"S.queued.append((S.quarter + 1, {effect.event!r}))")
        else:
            inner = effect.inner
            if inner.kind == "queue":
                lines.append(f"S.queued.append((S.quarter + {effect.delay}, {inner.event!r}))")
            else:
                lines.append(f"S.pending.append((S.quarter + {effect.delay}, {inner.key!r}))")
    return [indent + line for line in lines] or [indent + "pass"]


def _assignment(effect: Effect, symbols, slots: str) -> list[str]:
    """As `effects.set_runner` does it: clamped, rounded, and written back only if it changed
    (so an int stays an int when the value is the same)."""
    slot = slots.format(effect.target)
    if not effect.is_number:
        new = callable_source(effect.value, symbols, slots)
    elif effect.op == "=" and isinstance(effect.value.tree, Num):
        # A number set outright: clamped and rounded here, once, the way it would be in play.
        new = _literal(_settled(effect))
    else:
        combined = _combined(effect, symbols, slots)
        # min(hi, max(lo, x)) written as comparisons, which cost less than two calls and
        # pick the same object on a tie (max and min keep the first of equals: lo, then hi).
        lo, hi = _literal(effect.lo), _literal(effect.hi)
        # To 0 places an int is already itself: most values of whole-number tracks are ints,
        # and `type(x) is int` (a specialised bytecode) costs a tenth of calling round.
        # `round(x, p)` is `x.__round__(p)`, by definition; called as a method it skips
        # the builtin's argument parsing and special-method lookup, a third of the cost.
        rounded = f"x.__round__({effect.precision})" if effect.precision else "(x if type(x) is int else x.__round__())"
        top = _literal(_rounded(effect.hi, effect.precision))
        return [f"x = {combined}", f"x = x if x > {lo} else {lo}", f"x = {rounded} if x < {hi} else {top}",
                f"if x != {slot}:", f"    {slot} = x"]
    return [f"x = {new}", f"if x != {slot}:", f"    {slot} = x"]


def _combined(effect: Effect, symbols, slots: str) -> str:
    """What `slot op= value` computes before it is clamped and rounded."""
    slot = slots.format(effect.target)
    temps: list[str] = []
    value = callable_source(effect.value, symbols, slots, temps)
    if effect.op == "=":
        return value
    if effect.op == "/=":
        # a zero divisor keeps the value as it was (`effects.divide_or_keep`)
        bound, read = _once(value, isinstance(effect.value.tree, (Num, Name)), temps)
        return f"({slot} / {read} if {bound} else {slot})"
    return f"({slot} {effect.op[0]} {value})"


def _narrowed(effect: Effect, symbols, slots: str, ranges: Slots) -> list[str]:
    """`_assignment` on a state that fits `ranges`: the same values, of the same types, with
    the steps whose outcome the ranges decide left out.

    - A clamp goes when the value can never pass that bound; meeting it is enough for
      whole numbers, but a float meeting a whole bound would become the bound's int.
    - A value at or below the lower bound ends as that bound rounded (or clamped above),
      worked out here: one test picks it, with no store of the clamped value.
    - Rounding goes for a whole number, which `round` gives back as it is; a float skips
      the test for an int.
    - A whole-number track takes the new value outright: an int equal to the old one is
      the same value (the test that keeps 5 from becoming 5.0 matters only for floats).
    - A state track (text) takes its new text outright, for the same reason.
    """
    slot = slots.format(effect.target)
    target_is_int = ranges.is_int(effect.target)
    if not effect.is_number:
        return [f"{slot} = {callable_source(effect.value, symbols, slots)}"]
    if effect.op == "=" and isinstance(effect.value.tree, Num):
        settled = _literal(_settled(effect))
        return [f"{slot} = {settled}"] if target_is_int else [f"x = {settled}", f"if x != {slot}:", f"    {slot} = x"]
    r = combined_range(effect.op, ranges.ranges.get(effect.target), value_range(effect.value.tree, symbols, ranges.ranges))
    combined = _combined(effect, symbols, slots)
    lo, hi, places = effect.lo, effect.hi, effect.precision
    whole = r is not None and r.kind == "int"
    clamp_low = r is None or not (r.lo > lo or (whole and type(lo) is int and r.lo >= lo))
    clamp_high = r is None or not (r.hi < hi or (whole and type(hi) is int and r.hi <= hi))
    if whole:
        rounded = "x"
    elif places:
        rounded = f"x.__round__({places})"
    elif r is not None and r.kind == "float":
        rounded = "x.__round__()"
    else:
        rounded = "(x if type(x) is int else x.__round__())"
    new = f"{rounded} if x < {_literal(hi)} else {_literal(_rounded(hi, places))}" if clamp_high else rounded
    if clamp_low:
        low = _rounded(hi, places) if clamp_high and not lo < hi else _rounded(lo, places)
        new = f"{f'({new})' if ' ' in new else new} if x > {_literal(lo)} else {_literal(low)}"
    if target_is_int:
        return [f"{slot} = {combined}"] if new == "x" else [f"x = {combined}", f"{slot} = {new}"]
    return [f"x = {combined}"] + ([] if new == "x" else [f"x = {new}"]) + [f"if x != {slot}:", f"    {slot} = x"]


def _settled(effect: Effect):
    """What `slot = number` writes, as `effects.set_runner` would compute it."""
    return _rounded(min(effect.hi, max(effect.lo, effect.value.tree.value)), effect.precision)


def _rounded(value, precision: int):
    return round(value, precision) if precision else round(value)
