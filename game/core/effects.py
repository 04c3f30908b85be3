"""Compiling effect trees against a scenario's value slots, shared by the content loader
and by the facilitator's custom events (typed in during play, checked like content)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from . import expr as ex
from .expr.check import NUM, STR, Symbol, check_effect
from .expr.closures import compile_expression
from .model import UNCHANGED, Effect, Expression, Rules, Track

Bounds = tuple[float, float, int, bool]  # (min, max, precision, is_number) of a writable slot


def symbol_table(
    tracks: Sequence[Track], seat_budgets: Sequence[tuple[str, int]]
) -> tuple[dict[str, Symbol], dict[str, Bounds]]:
    """Names -> slots, and names -> (min, max, precision, is_number) for writable ones.

    Slots: tracks in order, then each seat's budget (`budget.<seat>`), then `quarter`
    and `ending`, matching the value list the turn function builds.
    """
    symbols: dict[str, Symbol] = {}
    bounds: dict[str, Bounds] = {}
    for i, t in enumerate(tracks):
        symbols[t.id] = Symbol(t.id, NUM if t.is_number else STR, i, True, tuple(t.states))
        bounds[t.id] = (t.min, t.max, t.precision, t.is_number)
    n = len(tracks)
    for j, (seat_id, budget_max) in enumerate(seat_budgets):
        name = f"budget.{seat_id}"
        symbols[name] = Symbol(name, NUM, n + j)
        bounds[name] = (0, budget_max, 0, True)
    k = n + len(seat_budgets)
    symbols["quarter"] = Symbol("quarter", NUM, k, writable=False)
    symbols["ending"] = Symbol("ending", STR, k + 1, writable=False)
    return symbols, bounds


def rules_symbols(rules: Rules) -> tuple[dict[str, Symbol], dict[str, Bounds]]:
    return symbol_table(rules.tracks, [(s.id, s.budget_max) for s in rules.seats])


def compile_effect(
    tree: ex.EffectNode,
    key: str,
    text: str,
    symbols: Mapping[str, Symbol],
    bounds: Mapping[str, Bounds],
    delayed: dict[str, Effect] | None,
) -> Effect:
    """`delayed` collects the inner effect of each `after N:` under its key."""
    if isinstance(tree, ex.Delayed):
        if delayed is None:
            raise ex.ExprError("'after' is not allowed here; it applies now", tree.col)
        inner = compile_effect(tree.effect, key, text, symbols, bounds, delayed)
        delayed[key] = inner
        return Effect(key, text, "delay", delay=tree.quarters, inner=inner)
    if isinstance(tree, ex.QueueEvent):
        return Effect(key, text, "queue", event=tree.event)
    sym = symbols[tree.target]
    lo, hi, precision, number = bounds[tree.target]
    value = compile_expression(tree.value, symbols)
    return Effect(
        key,
        text,
        "set",
        target=sym.index,
        op=tree.op,
        value=value,
        lo=lo,
        hi=hi,
        precision=precision,
        is_number=number,
        run=set_runner(sym.index, tree.op, value, lo, hi, precision, number),
    )


def divide_or_keep(old: float, x: float) -> float:
    # Division by zero leaves the value as it was: content cannot crash a class.
    return old / x if x else old


_COMBINE: dict[str, Callable[[Any, Any], Any]] = {
    "+=": operator.add,
    "-=": operator.sub,
    "*=": operator.mul,
    "/=": divide_or_keep,
}


def set_runner(
    i: int, op: str, value: Expression, lo: float, hi: float, precision: int, is_number: bool
) -> Callable[[list[Any]], Any]:
    """`run(values)`: the assignment `slot i op= value`, kept within lo..hi and rounded to
    `precision` places for a number; returns the old value, or UNCHANGED.

    An unchanged value is not written back: 5 stays the int 5 rather than becoming 5.0,
    which keeps saves' digests stable. The clamp is `min(hi, max(lo, x))` written out, an
    int is not rounded (`round` gives it back as it is), and a float is rounded by its own
    `__round__`, which is what `round` calls: see README, Performance.
    """
    digits = precision or None  # round(x, None) is an int, as the track's values are
    if not is_number:

        def run(v: list[Any]) -> Any:
            old = v[i]
            new = value(v)
            if new != old:
                v[i] = new
                return old
            return UNCHANGED

        return run
    combine = _COMBINE.get(op)
    tree = getattr(value, "tree", None)
    if op == "=" and isinstance(tree, ex.Num):  # the value it sets is known now
        x = tree.value
        x = x if x > lo else lo
        x = x if x < hi else hi
        fixed = x if x.__class__ is int else round(x, digits)

        def run(v: list[Any]) -> Any:
            old = v[i]
            if fixed != old:
                v[i] = fixed
                return old
            return UNCHANGED
    elif op in ("+=", "-=") and isinstance(tree, ex.Num):
        step = tree.value if op == "+=" else -tree.value  # x - c is x + (-c), exactly

        def run(v: list[Any]) -> Any:
            old = v[i]
            x = old + step
            x = x if x > lo else lo
            x = x if x < hi else hi
            new = x if x.__class__ is int else x.__round__(digits)
            if new != old:
                v[i] = new
                return old
            return UNCHANGED
    else:

        def run(v: list[Any]) -> Any:
            old = v[i]
            x = value(v) if combine is None else combine(old, value(v))
            x = x if x > lo else lo
            x = x if x < hi else hi
            new = x if x.__class__ is int else x.__round__(digits)
            if new != old:
                v[i] = new
                return old
            return UNCHANGED

    return run


def compile_immediate(rules: Rules, texts: Iterable[str], key: str) -> tuple[Effect, ...]:
    """Effects typed during play: parsed, checked and compiled, or ExprError naming the first
    problem as 'effect N: message'. Delays are refused: the record replays only what it holds."""
    symbols, bounds = rules_symbols(rules)
    event_ids = {e.id for e in rules.events}
    out = []
    for i, text in enumerate(texts):
        try:
            out.append(_compile_typed(text, f"{key}:{i}", symbols, bounds, event_ids))
        except ex.ExprError as err:
            raise ex.ExprError(f"effect {i + 1} ({_shown(text)}): {err.message}", err.col) from None
    return tuple(out)


def effect_problems(rules: Rules, texts: Iterable[str]) -> tuple[str, ...]:
    """Every problem in effects typed during play, one message a bad effect, worded as
    `compile_immediate` words the first: a form can show them all at once."""
    symbols, bounds = rules_symbols(rules)
    event_ids = {e.id for e in rules.events}
    problems = []
    for i, text in enumerate(texts):
        try:
            _compile_typed(text, f"check:{i}", symbols, bounds, event_ids)
        except ex.ExprError as err:
            problems.append(f"effect {i + 1} ({_shown(text)}): {err.message}")
    return tuple(problems)


def _shown(text: str) -> str:
    """An effect as a message quotes it: cut short, so that a message stays one line."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _compile_typed(
    text: str, key: str, symbols: Mapping[str, Symbol], bounds: Mapping[str, Bounds], event_ids: Collection[str]
) -> Effect:
    tree = ex.parse_effect(text)
    check_effect(tree, symbols, event_ids)
    return compile_effect(tree, key, text, symbols, bounds, None)


def check_track_value(track: Track, value: object) -> str:
    """'' if `value` may be set on `track`, else why not."""
    if track.is_number:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{track.id} takes a number"
        if not track.min <= value <= track.max:
            return f"{track.id} must be within {track.min:g}..{track.max:g}"
        return ""
    if value not in track.states:
        return f"{track.id} must be one of {', '.join(track.states)}"
    return ""
