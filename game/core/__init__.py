"""The rules core: pure values and functions. No I/O, no Textual, no clock, no globals."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .draft import Draft
    from .model import Action, Ending, Event, Rules, Seat, Track
    from .scoring import score, winner
    from .sink import NULL, OutcomeLog, Sink
    from .state import GameState, IllegalOrder, Intervention, Order, Outcome
    from .turn import check_order, legal, new_game, play_quarter, resolve
    from .view import visible_outcomes

# Where each name lives, imported on first use (PEP 562): a module that needs one small part
# of the core (the UI's `printable`, at startup) does not import all of it. `view` is not
# here: the function shares its module's name, and an import of `game.core.view` would bind
# the module in its place; import it from `game.core.view`.
_HOME = {
    "Draft": "draft",
    **dict.fromkeys(("Action", "Ending", "Event", "Rules", "Seat", "Track"), "model"),
    **dict.fromkeys(("score", "winner"), "scoring"),
    **dict.fromkeys(("NULL", "OutcomeLog", "Sink"), "sink"),
    **dict.fromkeys(("GameState", "IllegalOrder", "Intervention", "Order", "Outcome"), "state"),
    **dict.fromkeys(("check_order", "legal", "new_game", "play_quarter", "resolve"), "turn"),
    "visible_outcomes": "view",
}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value  # once: later reads find it without this function
    return value


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
    "visible_outcomes",
    "winner",
]
