"""A seat's menu for the quarter: each action with its odds, and why it is unavailable.

Computed from the seat's view alone (the loader makes sure requirements and odds read only
what the seat can see), so the orders screen and the bots show and use the same figures.
"""

from __future__ import annotations

import attrs

from .model import Action, Rules
from .view import SeatView


@attrs.frozen
class ActionChoice:
    action: Action
    odds: float
    available: bool
    reason: str = ""  # why it cannot be ordered now; "" when it can


def action_choices(rules: Rules, seat_view: SeatView) -> list[ActionChoice]:
    v = seat_view.values
    out = []
    for action in rules.actions_of(seat_view.seat):
        odds = 1.0 if action.odds is None else max(0.0, min(1.0, float(action.odds(v))))
        reason = ""
        if action.once and action.id in seat_view.used:
            reason = "already taken (once a game)"
        elif action.requires is not None and not action.requires(v):
            reason = f"needs {action.requires_text}"
        elif action.cost > (seat_view.budget or 0):
            reason = f"costs {action.cost}, budget is {seat_view.budget}"
        out.append(ActionChoice(action, odds, not reason, reason))
    return out


def order_cost(rules: Rules, action_ids) -> int:
    return sum(rules.action(a).cost for a in action_ids)
