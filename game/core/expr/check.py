"""Checking a parsed expression against the names the content declares.

The parser (`syntax.py`) accepts any name and any function; here each tree gets its type, every
name must be a declared track, budget or built-in, an effect may change only what is writable,
and a state track is only ever compared with or set to one of its states. The first problem
raises an ExprError with its column, and the closest known name when one is near.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping

import attrs

from .syntax import Binary, Bool, Call, Delayed, EffectNode, ExprError, Name, Node, Num, QueueEvent, Str, Unary

NUM, STR, BOOL = "number", "text", "true/false"

# name -> (fewest, most arguments); `if(condition, then, else)` is the one that takes a condition
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "abs": (1, 1),
    "clamp": (3, 3),
    "if": (3, 3),
}


@attrs.frozen
class Symbol:
    """A name an expression may use. `index` is its slot in the value list."""

    name: str
    type: str
    index: int
    writable: bool = True
    choices: tuple[str, ...] = ()  # allowed values of an enumerated track


def did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def type_of(node: Node, symbols: Mapping[str, Symbol]) -> str:
    """The type of `node`; raises ExprError naming the first problem."""
    if isinstance(node, Num):
        return NUM
    if isinstance(node, Str):
        return STR
    if isinstance(node, Bool):
        return BOOL
    if isinstance(node, Name):
        sym = symbols.get(node.name)
        if sym is None:
            raise ExprError(f"unknown name {node.name!r}{did_you_mean(node.name, symbols)}", node.col)
        return sym.type
    if isinstance(node, Unary):
        t = type_of(node.operand, symbols)
        want = BOOL if node.op == "not" else NUM
        if t != want:
            raise ExprError(f"'{node.op}' needs a {want}, got a {t}", node.col)
        return want
    if isinstance(node, Call):
        if node.func not in FUNCTIONS:
            raise ExprError(f"unknown function {node.func!r}{did_you_mean(node.func, FUNCTIONS)}", node.col)
        lo, hi = FUNCTIONS[node.func]
        if len(node.args) < lo or (hi is not None and len(node.args) > hi):
            count = f"{lo}" if lo == hi else f"at least {lo}"
            raise ExprError(f"{node.func}() takes {count} arguments, got {len(node.args)}", node.col)
        numbers = node.args
        if node.func == "if":
            if type_of(node.args[0], symbols) != BOOL:
                raise ExprError("if() takes a condition first, then a number for each case", node.col)
            numbers = node.args[1:]
        for arg in numbers:
            if type_of(arg, symbols) != NUM:
                raise ExprError(
                    "if() gives a number in each case" if node.func == "if" else f"{node.func}() takes numbers",
                    node.col,
                )
        return NUM
    if isinstance(node, Binary):
        lt, rt = type_of(node.left, symbols), type_of(node.right, symbols)
        if node.op in ("and", "or"):
            if lt != BOOL or rt != BOOL:
                raise ExprError(f"'{node.op}' joins conditions, got a {lt if lt != BOOL else rt}", node.col)
            return BOOL
        if node.op in ("==", "!="):
            if lt != rt:
                raise ExprError(f"cannot compare a {lt} with a {rt}", node.col)
            _check_enum_literal(node.left, node.right, symbols)
            _check_enum_literal(node.right, node.left, symbols)
            return BOOL
        if lt != NUM or rt != NUM:
            bad = lt if lt != NUM else rt
            raise ExprError(f"'{node.op}' needs numbers, got a {bad}", node.col)
        if node.op == "/" and _is_zero(node.right):
            raise ExprError(_BY_ZERO, node.col)
        return BOOL if node.op in ("<", "<=", ">", ">=") else NUM
    raise ExprError("not a value", getattr(node, "col", 0))


_BY_ZERO = "divides by 0 (the game would give 0 every time); divide by something else"


def _is_zero(node: Node) -> bool:
    """A literal 0, as written: `0`, `0.0`, `-0`, `(0)`."""
    while isinstance(node, Unary) and node.op == "-":
        node = node.operand
    return isinstance(node, Num) and node.value == 0


def _check_enum_literal(name_node: Node, literal: Node, symbols: Mapping[str, Symbol]) -> None:
    if isinstance(name_node, Name) and isinstance(literal, Str):
        sym = symbols[name_node.name]
        if sym.choices and literal.value not in sym.choices:
            raise ExprError(
                f"{name_node.name} is never {literal.value!r}{did_you_mean(literal.value, sym.choices)}; "
                f"it is one of {', '.join(c or repr(c) for c in sym.choices)}",
                literal.col,
            )


def check_condition(node: Node, symbols: Mapping[str, Symbol]) -> None:
    t = type_of(node, symbols)
    if t != BOOL:
        raise ExprError(f"a condition must be true or false, this is a {t}", getattr(node, "col", 1))


def check_number(node: Node, symbols: Mapping[str, Symbol]) -> None:
    t = type_of(node, symbols)
    if t != NUM:
        raise ExprError(f"expected a number, this is a {t}", getattr(node, "col", 1))


def check_effect(node: EffectNode, symbols: Mapping[str, Symbol], event_ids: Collection[str]) -> None:
    if isinstance(node, Delayed):
        check_effect(node.effect, symbols, event_ids)
        return
    if isinstance(node, QueueEvent):
        if node.event not in event_ids:
            raise ExprError(f"unknown event {node.event!r}{did_you_mean(node.event, event_ids)}", node.col)
        return
    sym = symbols.get(node.target)
    if sym is None:
        raise ExprError(f"unknown track {node.target!r}{did_you_mean(node.target, symbols)}", node.col)
    if not sym.writable:
        raise ExprError(f"{node.target!r} cannot be changed by an effect", node.col)
    value_type = type_of(node.value, symbols)
    if sym.type == STR:
        if node.op != "=":
            raise ExprError(f"{node.target} is a list of states; only '=' can change it", node.col)
        if not isinstance(node.value, Str):
            raise ExprError(f"{node.target} must be set to one of: {', '.join(sym.choices)}", node.value.col)
        _check_enum_literal(Name(node.target, node.col), node.value, symbols)
    elif value_type != NUM:
        raise ExprError(f"{node.target} is a number; got a {value_type}", node.col)
    elif node.op == "/=" and _is_zero(node.value):
        raise ExprError(_BY_ZERO, node.col)
