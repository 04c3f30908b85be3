"""Compiling effect trees against a scenario's value slots, shared by the content loader
and by the facilitator's custom events (typed in during play, checked like content)."""

from __future__ import annotations

from . import expr as ex
from .model import Effect, Rules, Track


def symbol_table(tracks, seat_budgets) -> tuple[dict[str, ex.Symbol], dict[str, tuple]]:
    """Names -> slots, and names -> (min, max, precision, is_number) for writable ones.

    Slots: tracks in order, then each seat's budget (`budget.<seat>`), then `quarter`
    and `ending`, matching the value list the turn function builds.
    """
    symbols: dict[str, ex.Symbol] = {}
    bounds: dict[str, tuple] = {}
    for i, t in enumerate(tracks):
        symbols[t.id] = ex.Symbol(t.id, ex.NUM if t.is_number else ex.STR, i, True, tuple(t.states))
        bounds[t.id] = (t.min, t.max, t.precision, t.is_number)
    n = len(tracks)
    for j, (seat_id, budget_max) in enumerate(seat_budgets):
        name = f"budget.{seat_id}"
        symbols[name] = ex.Symbol(name, ex.NUM, n + j)
        bounds[name] = (0, budget_max, 0, True)
    k = n + len(seat_budgets)
    symbols["quarter"] = ex.Symbol("quarter", ex.NUM, k, writable=False)
    symbols["ending"] = ex.Symbol("ending", ex.STR, k + 1, writable=False)
    return symbols, bounds


def rules_symbols(rules: Rules):
    return symbol_table(rules.tracks, [(s.id, s.budget_max) for s in rules.seats])


def compile_effect(tree, key: str, text: str, symbols, bounds, delayed: dict | None) -> Effect:
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
    return Effect(key, text, "set", target=sym.index, op=tree.op, value=ex.compile_value(tree.value, symbols),
                  lo=lo, hi=hi, precision=precision, is_number=number)


def compile_immediate(rules: Rules, texts, key: str) -> tuple[Effect, ...]:
    """Effects typed during play: parsed, checked and compiled, or ExprError naming the first
    problem as 'effect N: message'. Delays are refused: the record replays only what it holds."""
    symbols, bounds = rules_symbols(rules)
    event_ids = {e.id for e in rules.events}
    out = []
    for i, text in enumerate(texts):
        try:
            out.append(_compile_typed(text, f"{key}:{i}", symbols, bounds, event_ids))
        except ex.ExprError as err:
            raise ex.ExprError(f"effect {i + 1} ({text!r}): {err.message}", err.col) from None
    return tuple(out)


def effect_problems(rules: Rules, texts) -> tuple[str, ...]:
    """Every problem in effects typed during play, one message a bad effect, worded as
    `compile_immediate` words the first: a form can show them all at once."""
    symbols, bounds = rules_symbols(rules)
    event_ids = {e.id for e in rules.events}
    problems = []
    for i, text in enumerate(texts):
        try:
            _compile_typed(text, f"check:{i}", symbols, bounds, event_ids)
        except ex.ExprError as err:
            problems.append(f"effect {i + 1} ({text!r}): {err.message}")
    return tuple(problems)


def _compile_typed(text: str, key: str, symbols, bounds, event_ids) -> Effect:
    tree = ex.parse_effect(text)
    ex.check_effect(tree, symbols, event_ids)
    return compile_effect(tree, key, text, symbols, bounds, None)


def check_track_value(track: Track, value) -> str:
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
