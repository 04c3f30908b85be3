"""Tables: open one, take a seat, talk, give orders, resolve each quarter exactly once.

A table's rows hold what a save holds (content, scenario, seed, seats, each quarter's
talks, orders and the facilitator's interventions), never the game state: any process rebuilds
the state by replaying the record with `Match`, and checks it against the digest stored
when each quarter resolved. Every write is one `BEGIN IMMEDIATE` transaction, so the seat
whose order completes the quarter resolves it inside the same lock, and nobody else can.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import attrs

from ..bots import BOTS
from ..bots.external import parse_command
from ..content import DEFAULT_CONTENT, Content
from ..core import deals
from ..core.deals import IllegalOffer, Offer
from ..core.state import IllegalOrder, Intervention, Order
from ..match import EXTERNAL, HUMAN, Match
from .clock import Clock, tick
from .codes import key_matches, new_code, new_key
from .db import connect, db_path, immediate, locked_for, read_together, right_key, wrong_key
from .replaying import PROGRAM, Replaying
from .rows import intervention_from, offer_from, offer_text, order_columns, order_from
from .snapshot import keep_copy
from .status import FACILITATOR, Reading, SeatAtTable, Table, TableError, code_of
from .steering import Steering, check_clock, clean_names


def due(table: Table) -> bool:
    """Whoever reads a table whose time is up, and that resolves at zero, resolves it
    (`Tables.settle`): there is no server, and every seat, console and `table status`
    reads the table often."""
    t = tick(table, time.time())
    return t is not None and t.due


class WrongKey(TableError):
    """A wrong key: said like any TableError, and counted towards the seat's lock."""

    def __init__(self, code: str, seat: str, message: str):
        super().__init__(message)
        self.code = code
        self.seat = seat


class Tables(Replaying, Steering):
    """The tables in one database file (`saves/tables.sqlite3` unless told otherwise).

    One instance per process is enough; it caches loaded content and each table's game,
    and may be shared by a screen's worker threads.
    """

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else db_path()
        self._contents: dict[str, Content] = {}
        self._games: dict[str, Match] = {}
        self._lock = threading.RLock()

    @property
    def saves(self) -> Path:
        return self.path.parent

    def save_path(self, code: str) -> Path:
        """Each table's record, rewritten after every quarter, for replay and the report."""
        return self.saves / f"table-{code}.toml"

    @contextmanager
    def _connect(self):
        try:
            conn = connect(self.path)
        except sqlite3.Error as err:
            raise TableError(f"{self.path}: {err}") from None
        try:
            yield conn
        except WrongKey as err:  # counted once its transaction has rolled back, in one of its own
            with immediate(conn):
                wrong_key(conn, err.code, err.seat, time.time())
            raise
        except sqlite3.Error as err:
            raise TableError(f"{self.path}: {err}") from None
        finally:
            conn.close()

    # -- reading ------------------------------------------------------------------------------

    def table(self, code: str) -> Table:
        code = code_of(code)
        for settled in (False, True):
            with self._connect() as conn, read_together(conn):
                table = self._read(conn, code)
            if settled or not due(table):
                return table
            self.settle(code)
        raise AssertionError("unreachable")

    def list(self) -> list[Table]:
        """Every table, newest first (a table whose time is up resolves first, as on any reading)."""
        with self._connect() as conn, read_together(conn):
            codes = [r[0] for r in conn.execute("SELECT code FROM tables ORDER BY created DESC")]
            tables = [self._read(conn, c) for c in codes]
        return [self.table(t.code) if due(t) else t for t in tables]

    def game(self, code: str) -> Match:
        """A copy of the table's game as resolved so far; screens read it through `view()`."""
        with self._connect() as conn, read_together(conn):
            return self._game_copy(conn, self._read(conn, code_of(code)))

    def game_for(self, code: str, key: str) -> Match:
        """The game with every seat's orders and talks, for the facilitator's export."""
        code = code_of(code)
        with self._connect() as conn:
            self._check_key(conn, code, FACILITATOR, key)
        return self.game(code)

    def reading(self, code: str, seat: str | None = None) -> Reading:
        """The table, its game and the quarters `seat` passed, all as of one moment.

        Read apart, a quarter resolving in between gives a table one quarter ahead of its game
        (or the reverse), and a screen built on the pair shows the wrong quarter or skips a report.
        """
        code = code_of(code)
        for settled in (False, True):
            with self._connect() as conn, read_together(conn):
                table = self._read(conn, code)
                if settled or not due(table):
                    game = self._game_copy(conn, table)
                    passed = self._passed(conn, code, seat) if seat is not None and seat != FACILITATOR else frozenset()
                    return Reading(table, game, passed)
            self.settle(code)
        raise AssertionError("unreachable")

    def orders(self, code: str, key: str, quarter: int) -> dict[str, Order]:
        """The orders given so far in a quarter: the facilitator's to see, nobody else's."""
        code = code_of(code)
        with self._connect() as conn:
            self._check_key(conn, code, FACILITATOR, key)
            return self._orders(conn, code, quarter)

    def offers(self, code: str, key: str, quarter: int) -> list[Offer]:
        """Every offer of a quarter's talks: the facilitator's to see; a seat sees those it
        is party to, in its reading's game (`Match.offers`, through `deals.seen_by`)."""
        code = code_of(code)
        with self._connect() as conn:
            self._check_key(conn, code, FACILITATOR, key)
            return self._offers(conn, code, quarter)

    def interventions(self, code: str, quarter: int) -> tuple[Intervention, ...]:
        with self._connect() as conn:
            return self._interventions(conn, code_of(code), quarter)

    def passed(self, code: str, seat: str) -> frozenset[int]:
        """The resolved quarters in which `seat` gave no orders (the facilitator forced them)."""
        with self._connect() as conn:
            return self._passed(conn, code_of(code), seat)

    def keys(self, code: str, key: str) -> dict[str, str]:
        """Each taken seat's key, so the facilitator can let a team back in after a closed tab."""
        code = code_of(code)
        with self._connect() as conn:
            self._check_key(conn, code, FACILITATOR, key)
            rows = conn.execute(
                "SELECT seat, key FROM seats WHERE code = ? AND key IS NOT NULL ORDER BY position", (code,)
            )
            return {r["seat"]: r["key"] for r in rows}

    # -- writing ------------------------------------------------------------------------------

    def open(
        self,
        scenario: str,
        seats: dict[str, str] | None = None,
        *,
        content_root: Path | str = DEFAULT_CONTENT,
        seed: int | None = None,
        clock: Clock | None = None,
        programs: dict[str, str] | None = None,
    ) -> tuple[Table, str]:
        """A new table; returns it and the facilitator's key. Seats not named are random bots;
        no `seats` at all: every seat is a team's. `clock`: the time per quarter, the talks'
        part of it and whether it resolves at zero (its other fields are the table's to keep).
        `programs`: seat -> the command of a program that plays it (docs/seat-protocol.md)."""
        clock = clock or Clock()
        check_clock(clock.seconds, clock.talks_seconds)
        source = Path(content_root).resolve()
        content = self._content(str(source), fresh=True)  # as it is now, problems named in the author's folder
        try:
            rules = content.scenario(scenario)
        except KeyError as err:
            raise TableError(err.args[0]) from None
        if seats is None:
            seats = dict.fromkeys(rules.seat_ids, HUMAN)
        seats = {**seats, **{s: PROGRAM + command for s, command in (programs or {}).items()}}
        unknown = sorted(set(seats) - set(rules.seat_ids))
        if unknown:
            raise TableError(f"scenario {scenario} has no seat {unknown[0]!r}; its seats: {', '.join(rules.seat_ids)}")
        controllers = {s: seats.get(s, "bot:random") for s in rules.seat_ids}
        for seat_id, controller in controllers.items():
            if controller.startswith(PROGRAM):
                try:
                    parse_command(controller.removeprefix(PROGRAM))
                except ValueError as err:
                    raise TableError(f"seat {seat_id}: {err}") from None
            elif not (controller == HUMAN or controller.startswith("bot:") and controller[4:] in BOTS):
                raise TableError(
                    f"seat {seat_id}: {controller!r} is neither 'human' nor a bot "
                    f"({', '.join('bot:' + b for b in BOTS)}) nor a program ('{PROGRAM}COMMAND')"
                )
        if HUMAN not in controllers.values():
            raise TableError("a table needs at least one human seat (bots alone play with `simulate`)")
        kept = keep_copy(source, content.fingerprint, self.saves / "content")
        root = str(kept)
        with self._lock:
            self._contents.setdefault(root, attrs.evolve(content, root=kept))
        seed = secrets.randbelow(2**31) if seed is None else seed
        key = new_key()
        with self._connect() as conn, immediate(conn):
            code = new_code()
            while conn.execute("SELECT 1 FROM tables WHERE code = ?", (code,)).fetchone():
                code = new_code()
            conn.execute(
                "INSERT INTO tables (code, scenario, content_root, fingerprint, seed, facilitator_key, created, "
                "quarter_seconds, talks_seconds, resolve_at_zero, clock_start) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    scenario,
                    root,
                    content.fingerprint,
                    seed,
                    key,
                    time.time(),
                    clock.seconds,
                    clock.talks_seconds,
                    int(clock.at_zero),
                    time.time(),
                ),
            )
            conn.executemany(
                "INSERT INTO seats (code, seat, position, controller) VALUES (?, ?, ?, ?)",
                [(code, s, i, controllers[s]) for i, s in enumerate(rules.seat_ids)],
            )
            table = self._read(conn, code)
            match = self._game(conn, table)
            self._open_talks(conn, table, match)
            self._write_save(match, table)
        return table, key

    def take(self, code: str, seat: str, key: str | None = None, team: str = "", players=()) -> str:
        """Sit a team at a free human seat and return the seat's key; with the key, sit it again.
        `team` and `players` (names, or a text of names separated by commas) name who sits
        there; given again on sitting again, they replace the old ones.

        Seat "facilitator" takes the facilitator's key and gives it back when right.
        """
        code = code_of(code)
        team, names = clean_names(team, players)
        with self._connect() as conn, immediate(conn):
            if seat == FACILITATOR:
                self._check_key(conn, code, FACILITATOR, key)
                return key
            table = self._read(conn, code)
            at = table.seat(seat)
            if not at.human:
                raise TableError(f"{seat} is played by a bot ({at.controller}) at table {code}")
            stored = conn.execute("SELECT key FROM seats WHERE code = ? AND seat = ?", (code, seat)).fetchone()[0]
            if stored is not None and key is not None:
                self._not_locked(conn, code, seat, f"{seat}'s seat key")
            if stored is None:
                stored = new_key()
                conn.execute(
                    "UPDATE seats SET key = ?, taken = ? WHERE code = ? AND seat = ?", (stored, time.time(), code, seat)
                )
                self._set_names(conn, code, seat, team, names)
                return stored
            if key is not None and key_matches(key, stored):
                right_key(conn, code, seat)
                if team or names:
                    self._set_names(conn, code, seat, team, names)
                return stored
            taken = (
                f"{seat} is taken at table {code}; to sit there again, give its seat key "
                "(the facilitator can look it up)"
            )
            raise WrongKey(code, seat, taken) if key is not None else TableError(taken)

    def submit(self, code: str, seat: str, key: str, quarter: int, order: Order) -> bool:
        """Record a seat's order for `quarter`; True when it was the last one and the quarter resolved."""
        code = code_of(code)
        if order.seat != seat:
            raise TableError(f"an order for {order.seat} cannot be given from seat {seat}")
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, seat, key)
            table = self._current(conn, code, quarter)
            if table.seat(seat).submitted:
                raise TableError(f"{seat} has already given its orders for quarter {quarter}")
            match = self._game(conn, table)
            if deals.waiting_on(match.offers, seat):
                raise TableError(f"{seat} has offers to answer before it gives its orders")
            try:
                match.check_order(order)
            except IllegalOrder as err:
                raise TableError(str(err)) from None
            conn.execute(
                "INSERT INTO orders (code, quarter, seat, actions, choices, submitted) VALUES (?, ?, ?, ?, ?, ?)",
                (code, quarter, seat, *order_columns(order), time.time()),
            )
            now = self._read(conn, code)
            if now.waiting_on or now.paused:
                return False
            self._resolve(conn, now, match, forced=False)
            return True

    def offer(self, code: str, seat: str, key: str, quarter: int, offer: Offer) -> Offer:
        """Put a seat's offer on the table for `quarter`, as the other teams will read it; a
        bot receiver answers at once. Returns the offer as stored (answered, for a bot's)."""
        code = code_of(code)
        if offer.sender != seat:
            raise TableError(f"an offer from {offer.sender} cannot be made from seat {seat}")
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, seat, key)
            table = self._current(conn, code, quarter)
            if table.seat(seat).submitted:
                raise TableError(f"{seat} has given its orders for quarter {quarter}: its talks are over")
            t = tick(table, time.time())
            if t is not None and t.talks_over:
                raise TableError(f"the time for talks in quarter {quarter} is over: only orders now")
            receiver = table.seat(offer.receiver)
            if receiver.human and receiver.submitted:
                raise TableError(f"{offer.receiver} has given its orders for quarter {quarter}: it can take no offer")
            match = self._game(conn, table)
            n = len(match.offers)
            try:
                made = match.offer(offer)
            except IllegalOffer as err:
                raise TableError(str(err)) from None
            conn.execute(
                "INSERT INTO offers (code, quarter, n, data) VALUES (?, ?, ?, ?)", (code, quarter, n, offer_text(made))
            )
            return made

    def answer(self, code: str, seat: str, key: str, quarter: int, index: int, accept: bool) -> Offer:
        """A seat's answer to offer `index` of the quarter's talks, which must be made to it."""
        code = code_of(code)
        with self._connect() as conn, immediate(conn):
            self._check_key(conn, code, seat, key)
            table = self._current(conn, code, quarter)
            match = self._game(conn, table)
            if not 0 <= index < len(match.offers) or match.offers[index].receiver != seat:
                raise TableError(f"there is no offer {index} to {seat} in quarter {quarter}")
            try:
                made = match.answer(index, accept)
            except IllegalOffer as err:
                raise TableError(str(err)) from None
            conn.execute(
                "UPDATE offers SET data = ? WHERE code = ? AND quarter = ? AND n = ?",
                (offer_text(made), code, quarter, index),
            )
            return made

    # -- inside a connection ------------------------------------------------------------------

    def _read(self, conn, code: str) -> Table:
        row = conn.execute("SELECT * FROM tables WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise TableError(f"no table {code} (check the code with the facilitator)")
        submitted = {
            r[0] for r in conn.execute("SELECT seat FROM orders WHERE code = ? AND quarter = ?", (code, row["quarter"]))
        }
        seats = tuple(
            SeatAtTable(
                r["seat"],
                r["controller"],
                r["key"] is not None,
                r["seat"] in submitted,
                r["team"],
                tuple(json.loads(r["players"])),
            )
            for r in conn.execute(
                "SELECT seat, controller, key, team, players FROM seats WHERE code = ? ORDER BY position", (code,)
            )
        )
        resolved = conn.execute("SELECT count(*) FROM resolutions WHERE code = ?", (code,)).fetchone()[0]
        return Table(
            code,
            row["scenario"],
            row["content_root"],
            row["fingerprint"],
            row["seed"],
            row["quarter"],
            row["ending"],
            resolved,
            seats,
            bool(row["paused"]),
            Clock(
                row["quarter_seconds"],
                row["talks_seconds"],
                bool(row["resolve_at_zero"]),
                row["clock_start"],
                row["clock_added"],
                row["talks_added"],
                row["paused_since"],
                row["paused_for"],
            ),
        )

    def _current(self, conn, code: str, quarter: int) -> Table:
        """The table, provided it is still waiting on `quarter`: a late click must not land on the next."""
        table = self._read(conn, code)
        if table.over:
            raise TableError(f"the game at table {code} is over")
        if quarter != table.quarter:
            raise TableError(f"quarter {quarter} has already resolved; table {code} is on quarter {table.quarter}")
        return table

    def _check_key(self, conn, code: str, seat: str, key: str | None) -> None:
        if seat == FACILITATOR:
            row = conn.execute("SELECT facilitator_key FROM tables WHERE code = ?", (code,)).fetchone()
            if row is None:
                raise TableError(f"no table {code} (check the code with the facilitator)")
            stored, who = row[0], "the facilitator's key"
        else:
            row = conn.execute("SELECT key FROM seats WHERE code = ? AND seat = ?", (code, seat)).fetchone()
            if row is None:
                self._read(conn, code).seat(seat)  # says which of table and seat is missing
            stored, who = row[0], f"{seat}'s seat key"
        self._not_locked(conn, code, seat, who)
        if not key_matches(key, stored):
            raise WrongKey(code, seat, f"that is not {who} at table {code}")
        right_key(conn, code, seat)

    @staticmethod
    def _not_locked(conn, code: str, seat: str, who: str) -> None:
        left = locked_for(conn, code, seat, time.time())
        if left:
            raise TableError(
                f"too many wrong keys for {who} at table {code}; try again in {int(left) + 1} s "
                "(the facilitator can look the key up)"
            )

    def _orders(self, conn, code: str, quarter: int) -> dict[str, Order]:
        rows = conn.execute("SELECT seat, actions, choices FROM orders WHERE code = ? AND quarter = ?", (code, quarter))
        return {r["seat"]: order_from(r["seat"], r["actions"], r["choices"]) for r in rows}

    def _passed(self, conn, code: str, seat: str) -> frozenset[int]:
        rows = conn.execute(
            "SELECT quarter FROM resolutions r WHERE code = ? AND NOT EXISTS "
            "(SELECT 1 FROM orders o WHERE o.code = r.code AND o.quarter = r.quarter AND o.seat = ?)",
            (code, seat),
        )
        return frozenset(r[0] for r in rows)

    def _offers(self, conn, code: str, quarter: int) -> list[Offer]:
        rows = conn.execute("SELECT data FROM offers WHERE code = ? AND quarter = ? ORDER BY n", (code, quarter))
        return [offer_from(r[0]) for r in rows]

    def _programs_order(self, conn, code: str, quarter: int, match: Match) -> None:
        """The programs' orders, asked of them once, by the process that resolves the quarter,
        and kept with the teams' orders: every process replays them rather than asking again."""
        given = self._orders(conn, code, quarter)
        programs = [s for s, c in match.seats.items() if c == EXTERNAL and s not in given]
        for seat, order in match.bot_orders(programs).items():
            conn.execute(
                "INSERT INTO orders (code, quarter, seat, actions, choices, submitted) VALUES (?, ?, ?, ?, ?, ?)",
                (code, quarter, seat, *order_columns(order), time.time()),
            )

    def _interventions(self, conn, code: str, quarter: int) -> tuple[Intervention, ...]:
        rows = conn.execute("SELECT data FROM interventions WHERE code = ? AND quarter = ? ORDER BY n", (code, quarter))
        return tuple(intervention_from(r[0]) for r in rows)

    def _resolve(self, conn, table: Table, match: Match, forced: bool) -> None:
        """Play the quarter, record that it resolved, rewrite the save; all inside the caller's lock."""
        q = table.quarter
        with self._lock:
            try:
                try:
                    self._take_talks(conn, table.code, q, match)
                    self._programs_order(conn, table.code, q, match)
                    match.play(self._orders(conn, table.code, q), self._interventions(conn, table.code, q))
                except (IllegalOrder, IllegalOffer) as err:
                    raise TableError(str(err)) from None
                conn.execute(
                    "INSERT INTO resolutions (code, quarter, digest, forced, pid, resolved) VALUES (?, ?, ?, ?, ?, ?)",
                    (table.code, q, match.state.digest(), int(forced), os.getpid(), time.time()),
                )
                # The next quarter's clock starts now: stopped if the table is held (the pause
                # carries over, and the console and status say so).
                now = time.time()
                conn.execute(
                    "UPDATE tables SET quarter = ?, ending = ?, clock_start = ?, clock_added = 0, talks_added = 0, "
                    "paused_for = 0, paused_since = CASE WHEN paused THEN ? END WHERE code = ?",
                    (match.state.quarter, match.state.ending, now, now, table.code),
                )
                self._open_talks(conn, table, match)
                # Inside the lock, so a later quarter's save can never be overwritten by an earlier one.
                self._write_save(match, table)
            except BaseException:
                self._games.pop(table.code, None)  # the transaction rolls back; so must the cache
                raise
