"""The facilitator's moves at a table: pause, force, intervene, the clock, re-opened orders,
the roster; and the quarter that resolves by itself when its time runs out.

A mixin of `Tables` (it uses its connection and reading helpers), kept apart so each file
reads in one sitting. Every move is one write transaction with the facilitator's key checked
inside it; the clock's columns are moved here only, and read by `clock.tick`.
"""

from __future__ import annotations

import json
import time

from ..core.state import IllegalOrder, Intervention
from ..core.turn import check_intervention
from .clock import tick
from .db import immediate
from .rows import intervention_text
from .status import FACILITATOR, TableError, code_of

MAX_SECONDS = 4 * 3600  # a quarter of a lesson, not of a term
MAX_NAME = 60  # a team's or a student's name, as a screen line can show it
MAX_PLAYERS = 8


def clean_names(team: str, players) -> tuple[str, tuple[str, ...]]:
    """A team name and students' names as typed: trimmed, printable, of sensible length.
    `players` is a list, or a text of names separated by commas."""
    if isinstance(players, str):
        players = players.split(",")
    names = tuple(" ".join(str(p).split()) for p in players)
    names = tuple(n for n in names if n)
    team = " ".join(team.split())
    for name in (team, *names):
        if len(name) > MAX_NAME:
            raise TableError(f"the name {name[:20]!r}... is longer than {MAX_NAME} characters")
        if not name.isprintable():
            raise TableError(f"the name {name!r} has characters that cannot be shown")
    if len(names) > MAX_PLAYERS:
        raise TableError(f"{len(names)} students' names; a team has at most {MAX_PLAYERS}")
    return team, names


class Steering:
    """The facilitator's side of `Tables`."""

    def pause(self, code: str, key: str, paused: bool = True) -> bool:
        """Hold the quarter (orders still come in, the clock stops) or let it go; True if
        letting go resolved it, because every order was already in."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            table = self._read(conn, code)
            now = time.time()
            if paused and not table.paused:
                conn.execute("UPDATE tables SET paused = 1, paused_since = ? WHERE code = ?", (now, code))
            elif not paused and table.paused:
                since = table.clock.paused_since
                held = now - since if since is not None else 0.0
                conn.execute(
                    "UPDATE tables SET paused = 0, paused_since = NULL, paused_for = paused_for + ? WHERE code = ?",
                    (held, code),
                )
            table = self._read(conn, code)
            if paused or table.over or table.waiting_on:
                return False
            self._resolve(conn, table, self._game(conn, table), forced=False)
            return True

    def force(self, code: str, key: str, quarter: int) -> None:
        """The facilitator resolves the quarter now, paused or not; seats that gave no order pass."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            table = self._current(conn, code, quarter)
            self._resolve(conn, table, self._game(conn, table), forced=bool(table.waiting_on))

    def intervene(self, code: str, key: str, quarter: int, item: Intervention) -> None:
        """A facilitator's move for this quarter, applied when it resolves and kept in the record."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            table = self._current(conn, code, quarter)
            match = self._game(conn, table)
            orders = self._orders(conn, code, quarter) | match.bot_orders()
            try:
                check_intervention(match.rules, orders, item)
            except IllegalOrder as err:
                raise TableError(str(err)) from None
            n = conn.execute(
                "SELECT count(*) FROM interventions WHERE code = ? AND quarter = ?", (code, quarter)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO interventions (code, quarter, n, data) VALUES (?, ?, ?, ?)",
                (code, quarter, n, intervention_text(item)),
            )

    # -- the clock ----------------------------------------------------------------------------

    def set_clock(self, code: str, key: str, seconds: int, talks_seconds: int = 0, at_zero: bool = False) -> None:
        """Give every quarter `seconds` (0: no clock), the talks the first `talks_seconds` of
        it, and say whether it resolves at zero. The current quarter's clock starts again now."""
        code = code_of(code)
        check_clock(seconds, talks_seconds)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            table = self._read(conn, code)
            now = time.time()
            conn.execute(
                "UPDATE tables SET quarter_seconds = ?, talks_seconds = ?, resolve_at_zero = ?, clock_start = ?, "
                "clock_added = 0, talks_added = 0, paused_for = 0, paused_since = ? WHERE code = ?",
                (seconds, talks_seconds, int(at_zero), now, now if table.paused else None, code),
            )

    def add_time(self, code: str, key: str, seconds: float) -> None:
        """More time for this quarter; while the talks are on, for the talks too."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            table = self._read(conn, code)
            t = tick(table, time.time())
            if t is None:
                raise TableError(f"table {code} has no clock running: set the time per quarter first")
            talks = seconds if t.talks_left is not None and t.talks_left > 0 else 0
            conn.execute(
                "UPDATE tables SET clock_added = clock_added + ?, talks_added = talks_added + ? WHERE code = ?",
                (seconds, talks, code),
            )

    def settle(self, code: str) -> bool:
        """Resolve the quarter if its time is up and the table resolves at zero (any process
        watching the table may ask: the clock is checked again under the write lock, and a
        quarter resolves once). Seats that gave no order pass. True if it resolved."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            table = self._read(conn, code)
            t = tick(table, time.time())
            if t is None or not t.due:
                return False
            self._resolve(conn, table, self._game(conn, table), forced=bool(table.waiting_on))
            return True

    # -- orders and names ---------------------------------------------------------------------

    def reopen(self, code: str, key: str, quarter: int, seat: str) -> None:
        """Withdraw a team's orders for this quarter, so it can order again."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            table = self._current(conn, code, quarter)
            at = table.seat(seat)
            if not at.human:
                raise TableError(f"{seat} is played by a bot ({at.controller}): it has no orders to re-open")
            if not at.submitted:
                raise TableError(f"{seat} has not given its orders for quarter {quarter}: they are open")
            conn.execute("DELETE FROM orders WHERE code = ? AND quarter = ? AND seat = ?", (code, quarter, seat))

    def name_seat(self, code: str, key: str, seat: str, team: str, players) -> None:
        """The facilitator names (or renames) the team and students at a seat; the save follows."""
        code = code_of(code)
        team, names = clean_names(team, players)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, FACILITATOR, key)
            self._read(conn, code).seat(seat)  # says when there is no such seat
            self._set_names(conn, code, seat, team, names)
            table = self._read(conn, code)
            self._write_save(self._game(conn, table), table)

    @staticmethod
    def _set_names(conn, code: str, seat: str, team: str, names: tuple[str, ...]) -> None:
        conn.execute(
            "UPDATE seats SET team = ?, players = ? WHERE code = ? AND seat = ?",
            (team, json.dumps(list(names)), code, seat),
        )


def check_clock(seconds: int, talks_seconds: int) -> None:
    if not 0 <= seconds <= MAX_SECONDS:
        raise TableError(f"the time per quarter must be between 0 (no clock) and {MAX_SECONDS // 60} minutes")
    if talks_seconds < 0 or seconds and talks_seconds >= seconds:
        raise TableError("the talks' time must be shorter than the quarter's (0: talks all quarter)")
    if talks_seconds and not seconds:
        raise TableError("the talks' time needs a time per quarter")
