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
        odds = shown_odds(action, v)
        reason = unavailable(action, seat_view)
        out.append(ActionChoice(action, odds, not reason, reason))
    return out


def shown_odds(action: Action, values) -> float:
    """The odds of `action` on `values`, as a seat is shown them: absent is certain, and
    anything outside 0..1 is clamped (`turn.play_quarter` rolls these same odds)."""
    return 1.0 if action.odds is None else max(0.0, min(1.0, float(action.odds(values))))


def unavailable(action: Action, seat_view: SeatView) -> str:
    """Why `action` cannot be ordered now; "" when it can. (The random bot asks thousands of
    times a second and needs no reasons: it uses the compiled menus of `quiet.py`, tested to
    offer the same actions.)"""
    if action.once and action.id in seat_view.used:
        return "already taken (once a game)"
    if action.requires is not None and not action.requires(seat_view.values):
        return f"needs {action.requires_text}"
    if action.cost > (seat_view.budget or 0):
        return f"costs {action.cost}, budget is {seat_view.budget}"
    return ""


def order_cost(rules: Rules, action_ids) -> int:
    return sum(rules.action(a).cost for a in action_ids)
