"""The expression language of content: conditions, numbers and effects.

Authors write short text (`tension >= 70 and licence == "pending"`, `quota -= 10`,
`after 2: domestic_share += 5`, `after 1: event smuggling_trial`). `syntax.py` parses it
into a small tree, `check.py` checks the tree against the names the content declares, and
`closures.py` compiles a checked tree, once, at load, into closures over the flat list of
value slots, so the engine never walks a tree and never runs generated code.
"""

from .syntax import (
    ASSIGN_OPS,
    KEYWORDS,
    Assign,
    Binary,
    Bool,
    Call,
    Delayed,
    EffectNode,
    ExprError,
    Name,
    Node,
    Num,
    QueueEvent,
    Str,
    Token,
    Unary,
    names_in,
    parse_effect,
    parse_expression,
    queued_events,
    tokenize,
)

__all__ = [
    "ASSIGN_OPS",
    "KEYWORDS",
    "Assign",
    "Binary",
    "Bool",
    "Call",
    "Delayed",
    "EffectNode",
    "ExprError",
    "Name",
    "Node",
    "Num",
    "QueueEvent",
    "Str",
    "Token",
    "Unary",
    "names_in",
    "parse_effect",
    "parse_expression",
    "queued_events",
    "tokenize",
]
