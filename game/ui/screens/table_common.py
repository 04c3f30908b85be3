"""What the table screens share: watching a table that other processes change.

Every seat of a table runs in its own process (a browser tab of `serve`, or a terminal), so
a screen learns of the others' orders and of the quarter resolving by reading the tables
database every second, in a thread so the screen never stutters. Each reading takes the table
and its game in one transaction, so what a screen shows always comes from one moment.
"""

from __future__ import annotations

import inspect
import threading
import time

from textual import work
from textual.css.query import NoMatches
from textual.screen import Screen

from ...table import Reading, Table, TableError, Tables
from ...table.clock import clock_text, tick
from ..wording import seat_name

POLL_SECONDS = 1.0


def waiting_text(rules, table: Table) -> str:
    """Who the quarter waits for; that a seat has given orders is public, what they are is not."""
    if table.over:
        return "The game is over."
    missing = [seat_name(rules, s) for s in table.waiting_on]
    if missing:
        return "Waiting for: " + ", ".join(missing) + "."
    if table.paused:
        return "Every order is in; the facilitator holds the quarter."
    return "Every order is in."


def clock_part(table: Table) -> tuple:
    """The quarter's clock for a status line, as Text.assemble parts: nothing without a clock;
    in reverse video for the last minute, so it catches the eye."""
    t = tick(table, time.time())
    if t is None:
        return ()
    style = "bold reverse" if t.left <= 60 else "bold"
    return ((clock_text(t), style), " · ")


class TableScreen(Screen):
    """A screen that follows one table: `table_changed(old, game)` runs when it moves.

    `game` is the table's game when a quarter resolved since the last reading, else None.

    Readings are taken one at a time, in a thread, and handed to the screen through its own
    message queue, in the order they were taken. So a reading is applied, and the screen
    redrawn, between two of the screen's own messages, never in the middle of one: a handler
    for a widget of the orders panel never finds the panel half replaced, and an older
    reading never lands after a newer one.
    """

    def __init__(self, tables: Tables, code: str, table: Table, game, **kwargs):
        super().__init__(**kwargs)
        self.tables = tables
        self.code = code
        self.table = table
        self.game = game  # a copy of the Match: read it only through view() for a seat
        self.rules = game.rules
        self.passed: frozenset[int] = frozenset()  # resolved quarters this seat passed (forced)
        self._reading = threading.Lock()  # held from a reading's first SELECT until it is queued

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.look)

    def read(self) -> Reading:
        """In the watcher's thread: the table as of now (a seat adds the quarters it passed)."""
        return self.tables.reading(self.code)

    @work(thread=True, group="table-look")
    def look(self) -> None:
        # A look still under way (a slow disk, a busy machine) will report what this one would.
        if self._reading.acquire(blocking=False):
            try:
                self._take_reading()
            finally:
                self._reading.release()

    def _take_reading(self) -> None:
        """In a thread holding `_reading`: read the table and queue the reading for the screen."""
        try:
            reading = self.read()
        except TableError as err:
            self.call_later(self.notify, str(err), title="The table", severity="error", timeout=8)
            return
        self.call_later(self._changed, reading)

    async def _changed(self, reading: Reading) -> None:
        if reading.table == self.table:
            return
        old = self.table
        resolved = reading.table.resolved != old.resolved
        self.table = reading.table
        self.game, self.passed = reading.game, reading.passed  # they agree with the table: same moment
        await self._done(self.table_changed, old, reading.game if resolved else None)

    async def table_changed(self, old: Table, game) -> None:
        raise NotImplementedError

    def act(self, call, *args, done=None) -> None:
        """Run a write to the table off the event loop; `done(result)` on success, a
        notification with the table's one-line reason on failure."""
        self._act(call, args, done)

    @work(thread=True, group="table-act")
    def _act(self, call, args, done) -> None:
        try:
            result = call(*args)
        except TableError as err:
            self.call_later(self.notify, str(err), title="The table says no", severity="error", timeout=8)
            return
        if done is not None:
            self.call_later(self._done, done, result)
        with self._reading:  # show the table as the write left it, now, after any look under way
            self._take_reading()

    async def _done(self, callback, *args) -> None:
        """Run `callback` on the screen, unless it was left while the thread was at work."""
        if not self.is_attached:
            return
        try:
            result = callback(*args)
            if inspect.isawaitable(result):
                await result
        except NoMatches:
            pass  # a screen half torn down (left, or the app quitting) has no panels to draw on
