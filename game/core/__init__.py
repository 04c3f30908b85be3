"""The rules core: pure values and functions. No I/O, no Textual, no clock, no globals."""

from .model import Action, Ending, Event, Rules, Seat, Track
from .scoring import score, winner
from .state import GameState, IllegalOrder, Intervention, Order, Outcome
from .turn import check_order, legal, new_game, play_quarter
from .view import view, visible_outcomes

__all__ = [
    "Action",
    "Ending",
    "Event",
    "GameState",
    "IllegalOrder",
    "Intervention",
    "Order",
    "Outcome",
    "Rules",
    "Seat",
    "Track",
    "check_order",
    "legal",
    "new_game",
    "play_quarter",
    "score",
    "view",
    "visible_outcomes",
    "winner",
]
