"""The smart bot: one quarter of lookahead (`lookahead.py`), its best affordable set ordered."""

from __future__ import annotations

from ..core.model import Rules
from ..core.state import Order
from ..core.view import SeatView
from .lookahead import in_content_order
from .reasons import explain
from .talks import Talks


class SmartBot(Talks):
    """One-quarter lookahead over the seat's affordable orders."""

    level = "smart"

    def __init__(self, rules: Rules, seat: str, seed: int):
        self.rules = rules
        self.seat = seat
        self.seed = seed

    def order(self, seat_view: SeatView) -> Order:
        analysis = self.analysis(seat_view)  # the best set is the order (kept from the talks)
        gain, combo = analysis.sets[0]
        gains = [sum(e.gains[i] for e in combo) for i in range(len(analysis.baseline))]
        reason = explain(
            self.rules,
            self.seat,
            [e.action for e in combo],
            gains,
            analysis.baseline,
            analysis.answers,
            analysis.answer_gains,
            horizon="expected",
            affordable=bool(analysis.estimates),
            opens={e.action.id: e.opens for e in combo if e.opens},
        )
        return Order(
            self.seat, in_content_order(self.rules, [e.action for e in combo]), analysis.answers, reason=reason
        )
