"""The expression language's text to trees: tokens, the tree's nodes and the parser."""

from __future__ import annotations

import re
from typing import NamedTuple, TypeVar

import attrs

KEYWORDS = {"and", "or", "not", "true", "false", "after", "event"}
ASSIGN_OPS = ("=", "+=", "-=", "*=", "/=")

# Limits that keep a hostile or mistaken text an ExprError rather than a RecursionError or an
# overflow deep in play (issue 20). The shipped content's longest expression is a few hundred
# characters and nests about 6 deep; its largest number is in the thousands.
MAX_LENGTH = 2000
"""Characters in one expression or effect."""
MAX_DEPTH = 32
"""Nesting: parentheses, calls, `not` and `-` as written, and the depth of the tree built."""
MAX_NUMBER = 10**12
"""The largest number an expression may write."""

_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<str>\"[^\"]*\"|'[^']*')"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)"
    r"|(?P<op>==|!=|<=|>=|\+=|-=|\*=|/=|[-+*/()<>=:,])"
    r")"
)


class ExprError(ValueError):
    """A problem in one expression; `col` is 1-based within the expression text."""

    def __init__(self, message: str, col: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


class Token(NamedTuple):
    """A token of an expression's text (a named tuple: README, Performance)."""

    kind: str  # num, str, name, op, end
    text: str
    col: int


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ExprError(f"longer than {MAX_LENGTH} characters ({len(text)}); split it into simpler parts", 1)
    tokens, pos = [], 0
    end = len(text.rstrip())  # trailing blanks end the text (no slice of the rest per token)
    while pos < end:
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise ExprError(f"unexpected character {text[col - 1]!r}", col)
        kind: str = m.lastgroup  # type: ignore[assignment]  # every alternative is a named group
        start = m.start(kind)
        tokens.append(Token(kind, m.group(kind), start + 1))
        pos = m.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


# --- the tree -----------------------------------------------------------------------------


@attrs.frozen
class Num:
    value: float | int
    col: int


@attrs.frozen
class Str:
    value: str
    col: int


@attrs.frozen
class Bool:
    value: bool
    col: int


@attrs.frozen
class Name:
    name: str
    col: int


@attrs.frozen
class Unary:
    op: str  # "-" or "not"
    operand: Node
    col: int


@attrs.frozen
class Binary:
    op: str
    left: Node
    right: Node
    col: int


@attrs.frozen
class Call:
    func: str
    args: tuple[Node, ...]
    col: int


@attrs.frozen
class Assign:
    target: str
    op: str
    value: Node
    col: int


@attrs.frozen
class QueueEvent:
    event: str
    col: int


@attrs.frozen
class Delayed:
    quarters: int
    effect: Assign | QueueEvent
    col: int


Node = Num | Str | Bool | Name | Unary | Binary | Call  # a value: what `parse_expression` gives
EffectNode = Assign | QueueEvent | Delayed  # what `parse_effect` gives

_N = TypeVar("_N", Node, EffectNode)


# --- the parser (precedence climbing) -----------------------------------------------------

_BINARY_PRECEDENCE = {
    "or": 1,
    "and": 2,
    "==": 4,
    "!=": 4,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0  # how deep the parser is in parentheses, calls and prefix operators

    def deeper(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(_TOO_DEEP, tok.col)

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        if self.tok.text != text or self.tok.kind not in ("op", "name"):
            raise ExprError(f"expected {text!r}, found {self._describe(self.tok)}", self.tok.col)
        return self.take()

    @staticmethod
    def _describe(tok: Token) -> str:
        return "the end" if tok.kind == "end" else repr(tok.text)

    def finish(self, node: _N) -> _N:
        if self.tok.kind != "end":
            raise ExprError(f"unexpected {self._describe(self.tok)} after a complete expression", self.tok.col)
        return node

    def _binary_op(self) -> str | None:
        tok = self.tok
        if tok.kind == "op" and tok.text in _BINARY_PRECEDENCE:
            return tok.text
        if tok.kind == "name" and tok.text in ("and", "or"):
            return tok.text
        return None

    def expression(self, min_prec: int = 1) -> Node:
        left = self.unary()
        while (op := self._binary_op()) and _BINARY_PRECEDENCE[op] >= min_prec:
            tok = self.take()
            prec = _BINARY_PRECEDENCE[op]
            # comparisons do not chain: `a < b < c` is an error, not a surprise
            right = self.expression(prec + 1)
            if prec == 4 and (next_op := self._binary_op()) and _BINARY_PRECEDENCE[next_op] == 4:
                raise ExprError("comparisons cannot be chained; join them with 'and'", self.tok.col)
            left = Binary(op, left, right, tok.col)
        return left

    def unary(self) -> Node:
        tok = self.tok
        if tok.kind == "name" and tok.text == "not":
            self.take()
            self.deeper(tok)
            node: Node = Unary("not", self.expression(3), tok.col)
            self.depth -= 1
            return node
        if tok.kind == "op" and tok.text == "-":
            self.take()
            self.deeper(tok)
            node = Unary("-", self.unary(), tok.col)
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return Num(_number(tok), tok.col)
        if tok.kind == "str":
            return Str(tok.text[1:-1], tok.col)
        if tok.kind == "op" and tok.text == "(":
            self.deeper(tok)
            inner = self.expression()
            self.expect(")")
            self.depth -= 1
            return inner
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return Bool(tok.text == "true", tok.col)
            if tok.text in KEYWORDS:
                raise ExprError(f"{tok.text!r} cannot start a value", tok.col)
            if self.tok.kind == "op" and self.tok.text == "(":
                self.deeper(self.take())
                args: list[Node] = []
                if not (self.tok.kind == "op" and self.tok.text == ")"):
                    args.append(self.expression())
                    while self.tok.kind == "op" and self.tok.text == ",":
                        self.take()
                        args.append(self.expression())
                self.expect(")")
                self.depth -= 1
                return Call(tok.text, tuple(args), tok.col)
            return Name(tok.text, tok.col)
        raise ExprError(f"expected a value, found {self._describe(tok)}", tok.col)

    def effect(self) -> EffectNode:
        tok = self.tok
        if tok.kind == "name" and tok.text == "after":
            self.take()
            n = self.take()
            if n.kind != "num" or "." in n.text or int(n.text) < 1:
                raise ExprError("'after' needs a whole number of quarters, 1 or more", n.col)
            self.expect(":")
            inner = self.effect_body()
            return Delayed(int(n.text), inner, tok.col)
        return self.effect_body()

    def effect_body(self) -> Assign | QueueEvent:
        tok = self.take()
        if tok.kind == "name" and tok.text == "event":
            ev = self.take()
            if ev.kind != "name" or ev.text in KEYWORDS:
                raise ExprError("'event' needs an event id", ev.col)
            return QueueEvent(ev.text, tok.col)
        if tok.kind != "name" or tok.text in KEYWORDS:
            raise ExprError(f"an effect starts with a track name, found {self._describe(tok)}", tok.col)
        op = self.take()
        if op.kind != "op" or op.text not in ASSIGN_OPS:
            hint = " (use '=' to set; '==' compares)" if op.text == "==" else ""
            raise ExprError(f"expected one of = += -= *= /= after {tok.text!r}{hint}", op.col)
        return Assign(tok.text, op.text, self.expression(), tok.col)


_TOO_DEEP = f"nested more than {MAX_DEPTH} deep; split it into simpler parts"


def _number(tok: Token) -> int | float:
    whole = tok.text.split(".")[0]
    if len(whole) > len(str(MAX_NUMBER)) or int(whole) > MAX_NUMBER:
        shown = tok.text if len(tok.text) <= 16 else tok.text[:16] + "..."
        raise ExprError(f"{shown} is too large; numbers are at most {MAX_NUMBER}", tok.col)
    return float(tok.text) if "." in tok.text else int(tok.text)


def _check_depth(tree: Node | EffectNode) -> None:
    """Refuse a tree deeper than MAX_DEPTH (a long chain `1 + 1 + ...` is one), walked without
    recursion: everything that reads a tree later recurses."""
    stack: list[tuple[object, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExprError(_TOO_DEEP, getattr(node, "col", 1))
        for field in ("operand", "left", "right", "value", "effect"):
            child = getattr(node, field, None)
            if child is not None and not isinstance(child, (int, float, str, bool)):
                stack.append((child, depth + 1))
        for arg in getattr(node, "args", ()):
            stack.append((arg, depth + 1))


def parse_expression(text: str) -> Node:
    p = _Parser(text)
    tree = p.finish(p.expression())
    _check_depth(tree)
    return tree


def parse_effect(text: str) -> EffectNode:
    p = _Parser(text)
    tree = p.finish(p.effect())
    _check_depth(tree)
    return tree


# --- what a tree reads, writes and queues -------------------------------------------------


def names_in(node: Node | EffectNode) -> set[str]:
    """Every name an expression or effect reads or writes."""
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Assign):
        return {node.target} | names_in(node.value)
    if isinstance(node, Delayed):
        return names_in(node.effect)
    out: set[str] = set()
    for field in ("operand", "left", "right", "value"):
        child = getattr(node, field, None)
        if child is not None and not isinstance(child, (int, float, str, bool)):
            out |= names_in(child)
    for arg in getattr(node, "args", ()):
        out |= names_in(arg)
    return out


def queued_events(tree: Node | EffectNode) -> list[str]:
    """The events an effect queues (`event X`, `after N: event X`)."""
    if isinstance(tree, QueueEvent):
        return [tree.event]
    if isinstance(tree, Delayed):
        return queued_events(tree.effect)
    return []
