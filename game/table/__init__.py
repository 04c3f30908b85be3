"""Tables: one game shared by seats in separate processes (browser tabs, terminals).

A table lives in an SQLite database under `saves/`; the game itself is never stored, only
its record (seed, seats, each quarter's orders), and every process derives the state from
it with `game.match.Match`.
"""

from .codes import normalise_code
from .status import FACILITATOR, Reading, SeatAtTable, Table, TableError
from .table import Tables

__all__ = ["FACILITATOR", "Reading", "SeatAtTable", "Table", "TableError", "Tables", "normalise_code"]
