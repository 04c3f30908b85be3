"""What a seat may order: legality, written once for the engine, the screens and the bots.

Requirements and odds read only what the seat can see (the loader makes sure), so the
orders screen, a bot's menu and the engine's check of an order agree on any state.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .model import Action, Rules, Slots, odds_of
from .view import SeatView


@attrs.frozen
class ActionChoice:
    action: Action
    odds: float
    available: bool
    reason: str = ""  # why it cannot be ordered now; "" when it can


def why_unavailable(action: Action, values: Slots, used: Sequence[str], budget: int | None) -> str:
    """Why `action` cannot be ordered on `values` by a seat with `budget` that has taken the
    once-only actions `used`; "" when it can. Budget None: judge everything but the cost
    (an order's total is checked against the budget instead)."""
    if action.once and action.id in used:
        return "already taken (once a game)"
    if action.requires is not None and not action.requires(values):
        return f"needs {action.requires_text}"
    if budget is not None and action.cost > budget:
        return f"costs {action.cost}, budget is {budget}"
    return ""


def menu(rules: Rules, seat: str, values: Slots, used: Sequence[str], budget: int) -> list[Action]:
    """The seat's actions it may order now, each on its own, in content order."""
    return [a for a in rules.actions_of(seat) if not why_unavailable(a, values, used, budget)]


def action_choices(rules: Rules, seat_view: SeatView) -> list[ActionChoice]:
    """Every action of the seat with its odds as shown, and why it is unavailable if it is."""
    assert seat_view.seat is not None, "the facilitator orders nothing"
    v, used, budget = seat_view.values, seat_view.used, seat_view.budget or 0
    out = []
    for action in rules.actions_of(seat_view.seat):
        reason = why_unavailable(action, v, used, budget)
        out.append(ActionChoice(action, odds_of(action.odds, v), not reason, reason))
    return out


def order_cost(rules: Rules, action_ids: Sequence[str]) -> int:
    return sum(rules.action(a).cost for a in action_ids)
