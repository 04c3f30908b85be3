"""The match: a game in progress (`match.py`) and the record of its orders (`record.py`).

Imports flow one way: core <- content, bots <- match <- saves, report, table <- ui and the
command line. Saves and tables import the match at module top level; `record.py` imports only
`game.core`. (`Match.from_record` still reaches up to `saves.replay`, when called.)
"""

from .match import HUMAN, Match, bot_kind
from .record import (FORMAT_VERSION, HEADER, TRAILER, QuarterRecord, Record, to_data, to_toml,
                     track_values)

__all__ = ["FORMAT_VERSION", "HEADER", "HUMAN", "TRAILER", "Match", "QuarterRecord", "Record", "bot_kind",
           "to_data", "to_toml", "track_values"]
