"""The institutions' decisions as one seat sees them now: for each non-player rule that rolls
(Commerce deciding the licence), whether its condition holds on the seat's view and its odds,
for the news screen. The words come from the rulebook and the expression words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..core.expr import Binary, Name, Node, Num, Str, names_in
from ..core.expr.check import Symbol
from ..core.expr.closures import compile_expression
from ..core.model import Rule, Rules, odds_of
from ..core.view import SeatView
from .rulebook import number_words, odds_words, said, sees, source_of, tree_of
from .wording import odds_text

_HOLDS = {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "==": "is", "!=": "is not"}


@attrs.frozen
class InstitutionNow:
    """A non-player rule that rolls (an institution's decision), as one seat sees it now."""

    rule: Rule
    holds: bool | None  # its condition on the seat's view; None: it reads what the seat cannot see
    odds: float | None  # its chance now while the condition holds; None when unknown
    reasons: tuple[str, ...]  # the parts of the condition with today's values
    text: str  # one line to show, e.g. "Commerce approves the licence: 30% this quarter (...)"


def institutions_now(rules: Rules, seat_view: SeatView) -> list[InstitutionNow]:
    """Each rule with a chance that the view's seat may know of, with whether its condition
    holds on the seat's view now and its odds.

    Only what the seat can see is read: a condition that fails on a track the seat sees is
    said to fail; one whose other parts read a track the seat cannot see (or whose chance
    does) is described without current odds. The rules run after the orders, so this
    quarter's orders may still change the answer."""
    seat, values = seat_view.seat, seat_view.values
    slots = {name: i for i, name in enumerate((*rules.slot_names, "quarter", "ending"))}

    def seen(node: Node) -> bool:
        return all(values[slots[n]] is not None for n in names_in(node) if n in slots)

    out = []
    for rule in rules.rules:
        if rule.chance is None or not sees(rule.visible_to, seat):
            continue
        when, chance = tree_of(rule.when), tree_of(rule.chance)
        atoms = _conjuncts(when) if when is not None else []
        known = [a for a in atoms if seen(a)]
        unknown = [a for a in atoms if not seen(a)]
        failing = [a for a in known if not _evaluate(a, values, slots)]
        if failing:
            reasons = tuple(_atom_words(rules, a, values, slots, seat, False) for a in failing)
            line = f"{rule.name}: not this quarter ({'; '.join(reasons)})"
            out.append(InstitutionNow(rule, False, None, reasons, line))
            continue
        reasons = tuple(_atom_words(rules, a, values, slots, seat, True) for a in known)
        because = f" ({'; '.join(reasons)})" if reasons else ""
        if unknown:
            hidden = " and ".join(said(rules, source_of(a), seat) for a in unknown)
            chance_said = odds_words(rules, rule.chance, "", seat)
            line = f"{rule.name}: {chance_said} this quarter only if {hidden}, which you cannot see{because}"
            out.append(InstitutionNow(rule, None, None, reasons, line))
        elif chance is not None and not seen(chance):
            chance_said = odds_words(rules, rule.chance, "", seat)
            line = f"{rule.name}: {chance_said} this quarter, on what you cannot see{because}"
            out.append(InstitutionNow(rule, True, None, reasons, line))
        else:
            odds = odds_of(rule.chance, values)
            out.append(
                InstitutionNow(rule, True, odds, reasons, f"{rule.name}: {odds_text(odds)} this quarter{because}")
            )
    return out


def _conjuncts(node: Node) -> list[Node]:
    if isinstance(node, Binary) and node.op == "and":
        return [*_conjuncts(node.left), *_conjuncts(node.right)]
    return [node]


def _evaluate(atom: Node, values: Sequence[Any], slots: dict[str, int]) -> bool:
    symbols = {name: Symbol(name, "", i, False, ()) for name, i in slots.items()}
    return bool(compile_expression(atom, symbols)(list(values)))


def _atom_words(
    rules: Rules, atom: Node, values: Sequence[Any], slots: dict[str, int], seat: str | None, ok: bool
) -> str:
    if not (
        isinstance(atom, Binary)
        and atom.op in _HOLDS
        and isinstance(atom.left, Name)
        and isinstance(atom.right, (Num, Str))
    ):
        words = said(rules, source_of(atom), seat)
        return words if ok else f"not: {words}"
    name, value, limit = atom.left.name, values[slots[atom.left.name]], atom.right.value
    track = rules.track(name) if name in rules.track_index else None
    label = track.name if track is not None else ("Quarter" if name == "quarter" else said(rules, name, seat))
    shown = track.format(value) if track is not None else str(value)
    if isinstance(atom.right, Str):
        if atom.op == "==":
            return f"{label} {shown}" if ok else f"{label} {shown}, not {limit}"
        return f"{label} {shown}" if ok else f"{label} still {shown}"
    bound = track.format(limit) if track is not None and track.is_number else number_words(limit)
    word = _HOLDS[atom.op]
    return f"{label} {shown} {word} {bound}" if ok else f"{label} {shown}, not {word} {bound}"
