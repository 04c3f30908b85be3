"""The match: a game in progress (`match.py`), the record of its orders (`record.py`), and
a record replayed through the engine (`replay.py`).

Imports flow one way: core <- content, bots <- match <- saves, report, table <- ui and the
command line; `record.py` and `replay.py` import only `game.core`.
"""

from .match import EXTERNAL, HUMAN, Match, bot_kind
from .record import FORMAT_VERSION, HEADER, TRAILER, QuarterRecord, Record, to_data, to_toml, track_values
from .replay import Divergence, Replay, first_divergence, replay

__all__ = [
    "EXTERNAL",
    "FORMAT_VERSION",
    "HEADER",
    "HUMAN",
    "TRAILER",
    "Divergence",
    "Match",
    "QuarterRecord",
    "Record",
    "Replay",
    "bot_kind",
    "first_divergence",
    "replay",
    "to_data",
    "to_toml",
    "track_values",
]
