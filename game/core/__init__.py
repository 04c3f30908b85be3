"""The rules core: pure values and functions. No I/O, no Textual, no clock, no globals."""

from .draft import Draft
from .model import Action, Ending, Event, Rules, Seat, Track
from .scoring import score, winner
from .sink import NULL, OutcomeLog, Sink
from .state import GameState, IllegalOrder, Intervention, Order, Outcome
from .turn import check_order, legal, new_game, play_quarter, resolve
from .view import view, visible_outcomes

__all__ = [
    "NULL",
    "Action",
    "Draft",
    "Ending",
    "Event",
    "GameState",
    "IllegalOrder",
    "Intervention",
    "Order",
    "Outcome",
    "OutcomeLog",
    "Rules",
    "Seat",
    "Sink",
    "Track",
    "check_order",
    "legal",
    "new_game",
    "play_quarter",
    "resolve",
    "score",
    "view",
    "visible_outcomes",
    "winner",
]
