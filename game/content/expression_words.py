"""The content's expressions in words: effects, conditions and odds as players read them, on
the screens and in the after-action report alike (so it sits below both).

Each expression is parsed with the game's own parser and said from its tree; a track private
to another seat is never named ("a private track"), nor an event the seat would not see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.expr import (
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
    Unary,
    parse_effect,
    parse_expression,
)
from ..core.model import ALL, HIDDEN, PUBLIC, Rules, Track
from ..core.words import number_text, percent, plural, track_label

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def describe_effect(rules: Rules, text: str, seat: str | None) -> str:
    """Content's own text (an effect, a condition, odds, or "needs <condition>") in words,
    with track ids turned into names and no operator left: "raises Framework talks by 5",
    "needs Location verification to be pilot", "35%, plus 0.5% per point of Vendor
    reputation". A bare number expression is read as odds (content writes no other).

    A track that is private to another seat is not named: even its existence is that seat's.
    An event the seat would not see is called 'a follow-up event'. Text that is not an
    expression ("already taken (once a game)") comes back with any names said.
    """
    text = text.strip()
    say = _Say(rules, seat)
    lead = ""
    if text.startswith("needs "):
        lead, text = "needs ", text[len("needs ") :].strip()
    try:
        effect = parse_effect(text) if not lead else None
    except ExprError:
        effect = None
    if effect is not None:
        return say.effect(effect)
    try:
        tree = parse_expression(text)
    except ExprError:
        return lead + say.loose(text)
    if lead or _is_condition(tree):
        return lead + say.condition(tree, needs=bool(lead))
    return say.odds(tree)


def odds_words(rules: Rules, text: str, seat: str | None) -> str:
    """Odds or a chance as written by the author, in words: '60%', '35%, plus 0.5% per
    point of Vendor reputation'; '' for no text."""
    text = text.strip()
    if not text:
        return ""
    try:
        return _Say(rules, seat).odds(parse_expression(text))
    except ExprError:
        return _Say(rules, seat).loose(text)


def condition_words(rules: Rules, text: str, seat: str | None, needs: bool = False) -> str:
    """A condition in words ("US export licence is pending and Congressional pressure
    below 55%"); with `needs`, in the form that follows "needs" ("... to be pending")."""
    text = text.strip()
    try:
        return _Say(rules, seat).condition(parse_expression(text), needs=needs)
    except ExprError:
        return _Say(rules, seat).loose(text)


_COMPARISONS = ("==", "!=", ">=", "<=", ">", "<")
_FLIP = {">=": "<", "<": ">=", "<=": ">", ">": "<=", "==": "!=", "!=": "=="}  # not (a op b)
_MIRROR = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}  # b op a
_AS_WORDS = {">=": "at least", "<=": "at most", ">": "above", "<": "below"}
_FRACTIONS = {
    2: "half",
    3: "a third",
    4: "a quarter",
    5: "a fifth",
    6: "a sixth",
    7: "a seventh",
    8: "an eighth",
    9: "a ninth",
    10: "a tenth",
    11: "an eleventh",
    12: "a twelfth",
    13: "a thirteenth",
    14: "a fourteenth",
    15: "a fifteenth",
    16: "a sixteenth",
    17: "a seventeenth",
    18: "an eighteenth",
    19: "a nineteenth",
    20: "a twentieth",
    100: "a hundredth",
}
_OPERATORS = (  # what is left when text is not an expression: longest first
    ("==", "is"),
    ("!=", "is not"),
    (">=", "at least"),
    ("<=", "at most"),
    ("+=", "plus"),
    ("-=", "minus"),
    ("*=", "times"),
    ("/=", "divided by"),
)


def _is_condition(node: Node) -> bool:
    if isinstance(node, Bool):
        return True
    if isinstance(node, Unary):
        return node.op == "not"
    return isinstance(node, Binary) and (node.op in _COMPARISONS or node.op in ("and", "or"))


def _negate(node: Node) -> Node | None:
    """`not node` without the not (De Morgan), or None when it cannot be said so."""
    if isinstance(node, Bool):
        return Bool(not node.value, node.col)
    if isinstance(node, Unary) and node.op == "not":
        return node.operand
    if isinstance(node, Binary):
        if node.op in _FLIP:
            return Binary(_FLIP[node.op], node.left, node.right, node.col)
        if node.op in ("and", "or"):
            left, right = _negate(node.left), _negate(node.right)
            if left is not None and right is not None:
                return Binary("or" if node.op == "and" else "and", left, right, node.col)
    return None


class _Say:
    """Expression trees in words for one seat's eyes."""

    def __init__(self, rules: Rules, seat: str | None) -> None:
        self.rules, self.seat = rules, seat
        self.itself = ""  # while saying an effect's amount: the track it moves, said "it"

    # -- names and values --------------------------------------------------------------------

    def name(self, word: str) -> str:
        rules, seat = self.rules, self.seat
        if word.startswith("budget."):
            owner = word.split(".", 1)[1]
            return track_label(rules, word) if seat in (None, owner) else "another seat's budget"
        if word in rules.track_index:
            track = rules.track(word)
            if track.visibility in (PUBLIC, HIDDEN) or track.visible_to(seat):
                return track.name
            return "a private track"
        if word in ("quarter", "ending"):
            return f"the {word}"
        return word.replace("_", " ").replace(".", " ")

    def track(self, node: Node) -> Track | None:
        if isinstance(node, Name) and node.name in self.rules.track_index:
            return self.rules.track(node.name)
        return None

    def value(self, node: Node, like: Track | None = None) -> str:
        """A value, in the units of the track it is compared with or given to."""
        if isinstance(node, Num) and like is not None and like.is_number:
            shown = round(float(node.value), like.precision)
            if shown == float(node.value):
                return like.format(node.value)
        return self.number(node)

    # -- numbers -----------------------------------------------------------------------------

    def number(self, node: Node, itself: str = "") -> str:
        """A value in words; `itself`, a track named as "it" (the one an effect moves)."""
        if itself:
            previous, self.itself = self.itself, itself
            try:
                return self.number(node)
            finally:
                self.itself = previous
        if isinstance(node, Name) and node.name == self.itself:
            return "it"
        if isinstance(node, Num):
            return number_text(node.value)
        if isinstance(node, Str):
            return node.value
        if isinstance(node, Bool):
            return "yes" if node.value else "no"
        if isinstance(node, Name):
            return self.name(node.name)
        if isinstance(node, Unary):
            if node.op == "not":
                return self.condition(node)
            return f"minus {self.operand(node.operand)}"
        if isinstance(node, Binary):
            return self.arithmetic(node)
        if isinstance(node, Call):
            return self.call(node)
        return str(node)

    def operand(self, node: Node) -> str:
        """A part of a sum or product, in brackets when it is a sum or product itself."""
        said = self.number(node)
        if isinstance(node, Binary) and node.op in "+-*/":
            return f"({said})"
        return said

    def arithmetic(self, node: Binary) -> str:
        op, left, right = node.op, node.left, node.right
        if op in _COMPARISONS or op in ("and", "or"):
            return self.condition(node)
        if op == "+":
            return f"{self.number(left)} plus {self.term(right)}"
        if op == "-":
            return f"{self.number(left)} minus {self.term(right)}"
        if op == "*":
            factors = self.factors(node)
            return " times ".join(self.operand(f) for f in factors)
        # division
        k = _whole(right.value) if isinstance(right, Num) else None
        if k in _FRACTIONS:
            return f"{_FRACTIONS[k]} of {self.operand(left)}"
        return f"{self.operand(left)} divided by {self.operand(right)}"

    def term(self, node: Node) -> str:
        """The right side of a sum: in brackets only when it is a sum itself."""
        said = self.number(node)
        return f"({said})" if isinstance(node, Binary) and node.op in "+-" else said

    def factors(self, node: Node) -> list[Node]:
        if isinstance(node, Binary) and node.op == "*":
            return self.factors(node.left) + self.factors(node.right)
        return [node]

    def call(self, node: Call) -> str:
        args = node.args
        said = [self.number(a) for a in args]
        if node.func in ("min", "max") and len(args) == 2 and any(isinstance(a, Num) for a in args):
            k, other = (args[0], args[1]) if isinstance(args[0], Num) else (args[1], args[0])
            bound = "at least" if node.func == "max" else "at most"
            return f"{self.number(other)} ({bound} {self.number(k)})"
        if node.func in ("min", "max"):
            which = ("smaller", "larger") if len(args) == 2 else ("smallest", "largest")
            return f"the {which[node.func == 'max']} of {_and(said)}"
        if node.func == "abs" and len(args) == 1:
            return f"the size of {said[0]}"
        if node.func == "clamp" and len(args) == 3:
            return f"{said[0]}, kept between {said[1]} and {said[2]}"
        if node.func == "if" and len(args) == 3:
            return f"{said[1]} if {self.condition(args[0])}, otherwise {said[2]}"
        return f"{node.func.replace('_', ' ')} of {_and(said)}"

    # -- conditions --------------------------------------------------------------------------

    def condition(self, node: Node, needs: bool = False) -> str:
        """A condition in words; `needs` gives the form that follows "needs"."""
        if isinstance(node, Bool):
            return "always" if node.value else "never"
        if isinstance(node, Unary) and node.op == "not":
            flipped = _negate(node.operand)
            if flipped is not None:
                return self.condition(flipped, needs)
            return f"not ({self.condition(node.operand, needs)})"
        if isinstance(node, Binary) and node.op in ("and", "or"):
            parts = []
            for part in self.chain(node, node.op):
                if isinstance(part, Unary) and part.op == "not":
                    part = _negate(part.operand) or part
                said = self.condition(part, needs)
                if isinstance(part, Binary) and part.op in ("and", "or"):
                    said = f"({said})"
                parts.append(said)
            return f" {node.op} ".join(parts)
        if isinstance(node, Binary) and node.op in _COMPARISONS:
            return self.compare(node, needs)
        return self.number(node)

    def chain(self, node: Node, op: str) -> list[Node]:
        """The parts of `a op b op c`, each `not` already pushed inside where it can be."""
        if isinstance(node, Unary) and node.op == "not":
            node = _negate(node.operand) or node
        if isinstance(node, Binary) and node.op == op:
            return self.chain(node.left, op) + self.chain(node.right, op)
        return [node]

    def compare(self, node: Binary, needs: bool) -> str:
        op, left, right = node.op, node.left, node.right
        if isinstance(left, (Num, Str)) and not isinstance(right, (Num, Str)):
            op, left, right = _MIRROR[op], right, left  # the name first: "0 < quota" is "quota above 0"
        if isinstance(left, Name) and left.name == "quarter" and isinstance(right, Num):
            n = self.number(right)
            return {
                ">=": f"quarter {n} or later",
                ">": f"after quarter {n}",
                "<=": f"quarter {n} or earlier",
                "<": f"before quarter {n}",
                "==": f"quarter {n}",
                "!=": f"any quarter but {n}",
            }[op]
        track = self.track(left)
        subject = self.number(left)
        obj = self.value(right, track)
        if op in ("==", "!="):
            if isinstance(right, Str) or (track is not None and not track.is_number):
                if needs:
                    return f"{subject} {'to be' if op == '==' else 'not to be'} {obj}"
                return f"{subject} {'is' if op == '==' else 'is not'} {obj}"
            return f"{subject} at {obj}" if op == "==" else f"{subject} other than {obj}"
        return f"{subject} {_AS_WORDS[op]} {obj}"

    # -- odds --------------------------------------------------------------------------------

    def odds(self, node: Node) -> str:
        """A chance: a percentage, a straight line in points of tracks, or else in words."""
        line = _linear(node)
        if line is None:
            return f"the chance is {self.number(node)}" if not isinstance(node, Num) else percent(node.value)
        base, terms = line
        if not terms:
            return percent(max(0.0, min(1.0, base)))
        parts = [percent(base)] if base else []
        for word, coef in terms.items():
            said = f"{percent(abs(coef))} per point of {self.name(word)}"
            if not parts:
                parts.append(said if coef > 0 else f"minus {said}")
            else:
                parts.append(f"{'plus' if coef > 0 else 'minus'} {said}")
        return ", ".join(parts)

    # -- effects -----------------------------------------------------------------------------

    def effect(self, node: EffectNode) -> str:
        if isinstance(node, Delayed):
            when = "next quarter" if node.quarters == 1 else f"in {plural(node.quarters, 'quarter')}"
            if isinstance(node.effect, QueueEvent):
                return self.news(node.effect.event, when)
            return f"{when}: {self.assign(node.effect)}"
        if isinstance(node, QueueEvent):
            return self.news(node.event, "next quarter")
        return self.assign(node)

    def news(self, event_id: str, when: str) -> str:
        try:
            event = self.rules.event(event_id)
        except KeyError:
            return f"a follow-up event {when}"
        if self.seat is None or event.visible_to in (ALL, self.seat):
            return f"news {when}: {event.title}"
        return f"a follow-up event {when}"

    def assign(self, node: Assign) -> str:
        target = self.name(node.target)
        track = self.track(Name(node.target, 0))
        op, value = node.op, node.value
        if op == "=":
            return f"sets {target} to {self.value(value, track)}"
        if op in ("+=", "-="):
            up = op == "+="
            if isinstance(value, Unary) and value.op == "-":
                up, value = not up, value.operand
            if isinstance(value, Num):
                amount = self.number(value)
                return f"{'raises' if up else 'lowers'} {target} by {amount}"
            towards = self.towards(node.target, value) if up else None
            if towards is not None:
                return f"moves {target} {towards}"
            floored = _above_zero(value)
            if floored is not None:  # x += max(0, e): a rise that shrinks to nothing, never a fall
                said = self.number(floored, itself=node.target)
                way = "raises" if up else "lowers"
                return f"{way} {target} by {said}, or not at all once that is 0 or less"
            said = self.number(value)
            return f"adds {said} to {target}" if up else f"takes {said} off {target}"
        k = _whole(value.value) if isinstance(value, Num) else None
        if op == "*=":
            return "doubles " + target if k == 2 else f"multiplies {target} by {self.operand(value)}"
        return "halves " + target if k == 2 else f"divides {target} by {self.operand(value)}"

    def towards(self, target: str, value: Node) -> str | None:
        """`x += (level - x) / n`, a drift: 'a sixth of the way towards 50'."""
        if not (isinstance(value, Binary) and value.op == "/" and isinstance(value.right, Num)):
            return None
        gap, n = value.left, _whole(value.right.value)
        if not (isinstance(gap, Binary) and gap.op == "-" and isinstance(gap.right, Name)):
            return None
        if gap.right.name != target or n is None or n < 2:
            return None
        share = _FRACTIONS.get(n, f"one part in {n}")
        return f"{share} of the way towards {self.value(gap.left, self.track(gap.right))}"

    # -- anything else -----------------------------------------------------------------------

    def loose(self, text: str) -> str:
        """Text that is not an expression, with whatever names and operators it holds said."""
        said = _NAME.sub(lambda m: self.name(m.group(0)) if self._known(m.group(0)) else m.group(0), text)
        for op, words in _OPERATORS:
            said = said.replace(op, words)
        return said

    def _known(self, word: str) -> bool:
        return word in self.rules.track_index or word.startswith("budget.")


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _above_zero(node: Node) -> Node | None:
    """`e` of `max(0, e)` or `max(e, 0)`; None for anything else."""
    if isinstance(node, Call) and node.func == "max" and len(node.args) == 2:
        a, b = node.args
        if isinstance(a, Num) and a.value == 0:
            return b
        if isinstance(b, Num) and b.value == 0:
            return a
    return None


def _linear(node: Node) -> tuple[float, dict[str, float]] | None:
    """`a + b * x - y / c` as (a, {x: b, y: -1/c}); None when the expression is not a straight line."""
    if isinstance(node, Num):
        return float(node.value), {}
    if isinstance(node, Name):
        return 0.0, {node.name: 1.0}
    if isinstance(node, Unary) and node.op == "-":
        inner = _linear(node.operand)
        return None if inner is None else (-inner[0], {k: -c for k, c in inner[1].items()})
    if not isinstance(node, Binary) or node.op not in "+-*/":
        return None
    left, right = _linear(node.left), _linear(node.right)
    if left is None or right is None:
        return None
    if node.op in "+-":
        sign = 1.0 if node.op == "+" else -1.0
        terms = dict(left[1])
        for k, c in right[1].items():
            terms[k] = terms.get(k, 0.0) + sign * c
        return left[0] + sign * right[0], {k: c for k, c in terms.items() if c}
    if node.op == "*" and (not left[1] or not right[1]):
        k, (c, terms) = (left[0], right) if not left[1] else (right[0], left)
        return c * k, {name: k * v for name, v in terms.items()}
    if node.op == "/" and not right[1] and right[0]:
        k = right[0]
        return left[0] / k, {name: v / k for name, v in left[1].items()}
    return None


def _whole(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    return None
