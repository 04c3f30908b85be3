"""The game in words for the screens: outcomes, moves of tracks, effects and odds.

Presentation only: every figure comes from the core (outcomes, views, the rules' own effect
texts); nothing here decides what a seat may see, except that an effect's text never names
another seat's private track.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

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
from ..core.model import ALL, HIDDEN, PUBLIC, Rule, Rules, Track
from ..core.state import Change, Outcome

UP, DOWN = "▲", "▼"  # shapes as well as colours, so moves read in any palette
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def seat_name(rules: Rules, seat: str | None) -> str:
    if not seat:
        return "Everyone"
    try:
        return rules.seat(seat).name
    except KeyError:
        return seat


def plural(n: float, word: str, many: str = "") -> str:
    """'1 quarter', '2 quarters', '1.5 points': a count and the word that agrees with it
    (`many` for a plural that is not the word and an s)."""
    count = _number(n)
    return f"{count} {word if n == 1 else (many or word + 's')}"


def odds_text(odds: float) -> str:
    return f"{odds:.0%}"


def roll_text(odds: float, roll: float | None, success: bool) -> str:
    """A roll and its outcome: 'rolled 23 against 66%: success', 'rolled 71 against 66%:
    failed'. The roll (a number in [0, 1), under the odds to succeed) is shown as a whole
    number 0-99 like the odds, with decimals only where whole numbers would not show why it
    came out as it did. An outcome the roll does not explain was forced by the facilitator.
    With no roll (certain, or no chance) it says so."""
    if roll is None and 0 < odds < 1:  # a roll not recorded: the odds and the outcome still show
        return f"odds {odds_text(odds)}: {'success' if success else 'failed'}"
    natural = odds >= 1 if roll is None else roll < odds
    if roll is None:
        said = "certain" if natural else f"no chance ({odds_text(max(odds, 0.0))})"
    else:
        target = round(odds * 100, 2)
        shown = f"{target:g}%"
        for places in range(4):
            scale = 10**places
            drawn = math.floor(roll * 100 * scale) / scale
            if (drawn < target) == natural:
                break
        said = f"rolled {drawn:.{places}f} against {shown}"
    if success != natural:
        return f"{said}: made to {'succeed' if success else 'fail'} by the facilitator"
    if roll is None:
        return said
    return f"{said}: {'success' if success else 'failed'}"


def quarter_title(rules: Rules, quarter: int) -> str:
    return f"Q{quarter} of {rules.quarters} ({rules.quarter_label(quarter)})"


def track_label(rules: Rules, name: str) -> str:
    """A track id or `budget.<seat>` as the player reads it."""
    if name.startswith("budget."):
        seat = name.split(".", 1)[1]
        try:
            return rules.seat(seat).budget_name.capitalize()
        except KeyError:
            return name
    try:
        return rules.track(name).name
    except KeyError:
        return name


def value_text(rules: Rules, name: str, value) -> str:
    if name.startswith("budget."):
        return str(value)
    return rules.track(name).format(value)


def move_text(before, after, precision: int = 0) -> str:
    """'▲+5' / '▼-3' for numbers; '' when nothing moved or the value is not a number."""
    if not isinstance(before, (int, float)) or not isinstance(after, (int, float)) or before == after:
        return ""
    delta = after - before
    mark = UP if delta > 0 else DOWN
    return f"{mark}{delta:+.{precision}f}" if precision else f"{mark}{int(round(delta)):+d}"


def change_text(rules: Rules, change: Change) -> str:
    """'Tension 40% → 50% (▲+10)'."""
    precision = 0 if change.track.startswith("budget.") else rules.track(change.track).precision
    move = move_text(change.before, change.after, precision)
    text = (
        f"{track_label(rules, change.track)} {value_text(rules, change.track, change.before)} → "
        f"{value_text(rules, change.track, change.after)}"
    )
    return f"{text} ({move})" if move else text


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
    12: "a twelfth",
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


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def percent(share: float) -> str:
    """A probability as a percentage, to the hundredth where it has one: '35%', '0.5%'."""
    return f"{round(share * 100, 2):g}%"


def _whole(value: object) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    return None


class _Say:
    """Expression trees in words for one seat's eyes."""

    def __init__(self, rules: Rules, seat: str | None) -> None:
        self.rules, self.seat = rules, seat

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

    def number(self, node: Node) -> str:
        if isinstance(node, Num):
            return _number(node.value)
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


def outcome_heading(rules: Rules, outcome: Outcome, viewer: str | None) -> str:
    """One line saying what happened, in the game's words, for `viewer`'s eyes: every roll
    with its odds and its outcome ("rolled 23 against 66%: success"), a rule's failed roll
    included ("Commerce approves the licence: not this quarter (rolled 71 against 30%: failed)").

    `viewer` is a seat, "" for the whole room (public only) or None for the facilitator.
    """
    kind = outcome.kind
    who = seat_name(rules, outcome.seat)
    rolled = outcome.roll is not None or outcome.odds < 1
    roll = f" ({roll_text(outcome.odds, outcome.roll, outcome.success)})" if rolled else ""
    if kind == "option":
        event_id = outcome.id.split(":", 1)[0]
        try:
            title = rules.event(event_id).title
        except KeyError:
            title = event_id
        return f"{who} chose “{outcome.text}” ({title})"
    if kind == "action":
        if outcome.success:
            return f"{who}: {outcome.text}{roll}"
        try:
            action = rules.action(outcome.id)
        except KeyError:
            return f"{who}: {outcome.text}{roll}"
        why = f" — {action.fail_text}" if action.fail_text else ""
        return f"{who}: {action.name}{roll or ' (failed)'}{why}"
    if kind == "rule":
        if outcome.success:
            return f"{outcome.text}{roll}"
        return f"{outcome.text}: not this quarter{roll}"
    if kind == "effect":
        return f"{_scheduled_by(rules, outcome.id)}: {describe_effect(rules, _undelayed(outcome.text), viewer)}"
    if kind == "ending":
        return f"The game ends: {outcome.text}"
    return outcome.text


def _undelayed(text: str) -> str:
    """'after 2: x += 1' as the effect that now takes place: 'x += 1'."""
    m = re.match(r"^\s*after\s+\d+\s*:\s*(.*)$", text, re.DOTALL)
    return m.group(1) if m else text


def _scheduled_by(rules: Rules, key: str) -> str:
    """'Later effect of Visit Beijing', from a delayed effect's key."""
    kind, owner = (key.split(":") + ["", ""])[:2]
    try:
        if kind == "action":
            return f"Later effect of {rules.action(owner).name}"
        if kind in ("event", "option"):
            return f"Later effect of {rules.event(owner).title}"
        if kind == "rule":
            return f"Later effect of {next(r.name for r in rules.rules if r.id == owner)}"
    except (KeyError, StopIteration):
        pass
    return "Delayed effect comes due"


def bullets(items, bullet: str = "• "):
    """(heading, [sub-lines]) pairs as a list whose wrapped lines keep their indent."""
    grid = Table.grid(expand=True)
    grid.add_column(width=len(bullet), no_wrap=True)
    grid.add_column(ratio=1)
    for head, subs in items:
        grid.add_row(bullet, Group(head, *(Padding(sub, (0, 0, 0, 2)) for sub in subs)))
    return grid


def rule_of(rules: Rules, outcome: Outcome) -> Rule | None:
    """The non-player rule an outcome tells of, if it tells of one."""
    if outcome.kind != "rule":
        return None
    return next((r for r in rules.rules if r.id == outcome.id), None)


def is_drift(rules: Rules, rule: Rule) -> bool:
    """A bookkeeping drift: a public rule with no chance that runs every quarter ("when =
    true") and only moves numbers ("tempers cool", "support drifts"). Told from the rule
    itself, not from a flag in the content."""
    if rule.chance is not None or rule.when is not None or rule.once or rule.visible_to != ALL:
        return False
    n = len(rules.tracks)
    for effect in rule.effects:
        if effect.kind != "set" or not effect.is_number:
            return False
        if effect.target < n and not rules.tracks[effect.target].is_number:
            return False
    return True


def outcome_item(rules: Rules, outcome: Outcome, viewer: str | None, mark_private: bool = True, seen_by: bool = False):
    """One outcome as (heading, sub-lines) for `bullets`: the tracks it moved, and for a
    non-player rule that rolled, why it was in play (the rule's own text)."""
    head = Text(outcome_heading(rules, outcome, viewer), style="bold" if outcome.success else "bold red")
    if outcome.visible_to != ALL:
        if seen_by:
            head.append(f"  (seen by {seat_name(rules, outcome.visible_to)} only)", style="italic")
        elif mark_private:
            head.append("  (only you know)", style="italic")
    subs = [Text(change_text(rules, c)) for c in outcome.changes]
    rule = rule_of(rules, outcome)
    if rule is not None and rule.text and (outcome.roll is not None or outcome.odds < 1):
        subs.insert(0, Text(rule.text.strip(), style="italic"))
    return head, subs


def drift_item(rules: Rules, outcomes: Iterable[Outcome]):
    """Bookkeeping drifts of a quarter as one (heading, []) item: 'Drifts: US-China tension
    66% → 63%, ...', merging moves of one track and leaving out moves too small to show;
    None when nothing shows."""
    first: dict[str, object] = {}
    last: dict[str, object] = {}
    for outcome in outcomes:
        for change in outcome.changes:
            first.setdefault(change.track, change.before)
            last[change.track] = change.after
    moves = []
    for track, before in first.items():
        was, now = value_text(rules, track, before), value_text(rules, track, last[track])
        if was != now:
            moves.append(f"{track_label(rules, track)} {was} → {now}")
    if not moves:
        return None
    return Text.assemble(("Drifts: ", "bold"), ", ".join(moves)), []


def outcome_items(
    rules: Rules,
    outcomes: Sequence[Outcome],
    viewer: str | None,
    mark_private: bool = True,
    seen_by: bool = False,
    group_drifts: bool = True,
) -> list:
    """Outcomes (already filtered for `viewer`) as (heading, sub-lines) items for `bullets`,
    in order, with each quarter's bookkeeping drifts (`is_drift`) grouped into one line
    where the quarter's last drift stood; the conditional, rolled and state-changing rules
    keep lines of their own."""
    drifts: dict[int, list[Outcome]] = {}
    if group_drifts:
        for o in outcomes:
            rule = rule_of(rules, o)
            if rule is not None and o.success and is_drift(rules, rule):
                drifts.setdefault(o.quarter, []).append(o)
    items = []
    for o in outcomes:
        group = drifts.get(o.quarter)
        if group and any(o is d for d in group):
            if o is group[-1]:
                item = drift_item(rules, group)
                if item is not None:
                    items.append(item)
            continue
        items.append(outcome_item(rules, o, viewer, mark_private, seen_by))
    return items


def outcome_lines(rules: Rules, outcomes, viewer: str | None, mark_private: bool = True):
    """Outcomes (already filtered for `viewer`) and the tracks they moved, drifts grouped."""
    items = outcome_items(rules, list(outcomes or ()), viewer, mark_private) if outcomes else []
    if not items:
        return Text("Nothing happened that you could see.", style="italic")
    return bullets(items)
