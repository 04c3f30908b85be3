"""Checked expression trees compiled once into closures over the flat list of value slots.

Nothing here uses `eval`, `exec` or Python name lookup: a name is only ever an index. The
closure a top-level expression compiles to keeps its tree as `.tree`, so analyses (which
budgets any expression reads, say) can look at it without parsing the text again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .syntax import Binary, Bool, Call, Name, Node, Num, Str, Unary

if TYPE_CHECKING:
    from ..model import Expression
    from .check import Symbol

_Op = Callable[[Any, Any], Any]  # a binary operation on two values


def compile_expression(node: Node, symbols: Mapping[str, Symbol]) -> Expression:
    """`f(values) -> value` for a checked tree, carrying the tree as `f.tree`."""
    fn = compile_value(node, symbols)  # always a new closure, so the tree is its own
    fn.tree = node  # type: ignore[attr-defined]  # a function takes attributes
    return fn


def constant(value: float | bool) -> Expression:
    """The closure of a value written in TOML as a number or true/false, not as text."""
    node: Node = Bool(value, 0) if isinstance(value, bool) else Num(value, 0)
    return compile_expression(node, {})


def divide_or_zero(a: float, b: float) -> float:
    # Division by zero gives 0 rather than an error mid-game: content cannot crash a class.
    return a / b if b else 0


# C functions, not lambdas: a Python frame fewer per operation (README, Performance).
_BINARY: dict[str, _Op] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": divide_or_zero,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_CONST = (Num, Str, Bool)
_FUNCS: dict[str, Callable[..., Any]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "clamp": lambda x, lo, hi: max(lo, min(hi, x)),
}


def compile_value(node: Node, symbols: Mapping[str, Symbol]) -> Expression:
    """A closure `f(values) -> value`; the node must have passed checking."""
    if isinstance(node, (Num, Str, Bool)):
        const = node.value
        return lambda v: const
    if isinstance(node, Name):
        i = symbols[node.name].index
        return lambda v: v[i]
    if isinstance(node, Unary):
        f = compile_value(node.operand, symbols)
        return (lambda v: not f(v)) if node.op == "not" else (lambda v: -f(v))
    if isinstance(node, Call):
        fs = [compile_value(a, symbols) for a in node.args]
        if node.func == "if":  # only the case that holds is worked out
            when, then, otherwise = fs
            return lambda v: then(v) if when(v) else otherwise(v)
        fn = _FUNCS[node.func]
        if len(fs) == 2:  # min and max of two, the common case: folded as an operator is
            return _binary(fn, node.args[0], node.args[1], fs[0], fs[1], symbols)
        return lambda v: fn(*[f(v) for f in fs])
    if isinstance(node, Binary):
        if node.op == "and":
            return _conjunction(node, symbols)
        lf, rf = compile_value(node.left, symbols), compile_value(node.right, symbols)
        if node.op == "or":
            return lambda v: lf(v) or rf(v)
        op = _BINARY[node.op]
        if node.op == "/" and isinstance(node.right, Num) and node.right.value:
            op = operator.truediv  # a divisor known not to be zero needs no guard, nor a Python frame
        return _binary(op, node.left, node.right, lf, rf, symbols)
    raise TypeError(f"cannot compile {node!r}")


def _conjunction(node: Node, symbols: Mapping[str, Symbol]) -> Expression:
    """`a and b [and c]`: conditions are mostly two or three comparisons of a slot with a
    constant, each folded into one closure here rather than called (as `_binary` folds)."""
    parts: list[Node] = []
    while isinstance(node, Binary) and node.op == "and":
        parts.append(node.right)
        node = node.left
    parts.append(node)
    parts.reverse()
    simple = [_slot_test(p, symbols) for p in parts]
    if len(parts) == 2 and all(simple):
        (o1, i1, c1), (o2, i2, c2) = simple  # type: ignore[misc]  # all(simple): no None
        return lambda v: o1(v[i1], c1) and o2(v[i2], c2)
    if len(parts) == 3 and all(simple):
        (o1, i1, c1), (o2, i2, c2), (o3, i3, c3) = simple  # type: ignore[misc]  # all(simple): no None
        return lambda v: o1(v[i1], c1) and o2(v[i2], c2) and o3(v[i3], c3)
    fs = [compile_value(p, symbols) for p in parts]
    f = fs[0]
    for g in fs[1:]:
        f = (lambda a, b: lambda v: a(v) and b(v))(f, g)
    return f


def _slot_test(node: Node, symbols: Mapping[str, Symbol]) -> tuple[_Op, int, Any] | None:
    """(operator, slot, constant) for `slot op constant`; None for anything else."""
    if (
        isinstance(node, Binary)
        and node.op in _BINARY
        and isinstance(node.left, Name)
        and isinstance(node.right, _CONST)
    ):
        return _BINARY[node.op], symbols[node.left.name].index, node.right.value
    return None


def _binary(
    op: _Op, left: Node, right: Node, lf: Expression, rf: Expression, symbols: Mapping[str, Symbol]
) -> Expression:
    """Fold a slot or a constant operand into the closure rather than calling a closure for
    it: nearly every operation has one, and the call saved is most of the operation's cost."""
    if isinstance(left, Name):
        i = symbols[left.name].index
        if isinstance(right, _CONST):
            c = right.value
            return lambda v: op(v[i], c)
        if isinstance(right, Name):
            j = symbols[right.name].index
            return lambda v: op(v[i], v[j])
        return lambda v: op(v[i], rf(v))
    if isinstance(left, _CONST):
        c = left.value
        if isinstance(right, Name):
            j = symbols[right.name].index
            return lambda v: op(c, v[j])
        return lambda v: op(c, rf(v))
    if isinstance(right, Name):
        j = symbols[right.name].index
        return lambda v: op(lf(v), v[j])
    if isinstance(right, _CONST):
        c = right.value
        return lambda v: op(lf(v), c)
    return lambda v: op(lf(v), rf(v))
