"""What the table screens share: watching a table that other processes change.

Every seat of a table runs in its own process (a browser tab of `serve`, or a terminal), so
a screen learns of the others' orders and of the quarter resolving by reading the tables
database every second, in a thread so the screen never stutters.
"""

from __future__ import annotations

import inspect

from textual import work
from textual.worker import get_current_worker
from textual.css.query import NoMatches
from textual.screen import Screen

from ...table import Table, TableError, Tables
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


class TableScreen(Screen):
    """A screen that follows one table: `table_changed(table, game)` runs when it moves.

    `game` is the table's game when a quarter resolved since the last look, else None.
    """

    def __init__(self, tables: Tables, code: str, table: Table, game, **kwargs):
        super().__init__(**kwargs)
        self.tables = tables
        self.code = code
        self.table = table
        self.game = game  # a copy of the Match: read it only through view() for a seat
        self.rules = game.rules
        self.resolved_extra = None  # what read_resolved() found when the last quarter resolved

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.look)

    @work(thread=True, exclusive=True, group="table-look")
    def look(self) -> None:
        try:
            table = self.tables.table(self.code)
            game = self.tables.game(self.code) if table.resolved != self.table.resolved else None
            extra = self.read_resolved(table) if game is not None else None
        except TableError as err:
            self.app.call_from_thread(self.notify, str(err), title="The table", severity="error", timeout=8)
            return
        # A newer look started meanwhile (exclusive cancels this one): its reading is fresher.
        if get_current_worker().is_cancelled:
            return
        if table != self.table or game is not None:
            self.app.call_from_thread(self._changed, table, game, extra)

    def read_resolved(self, table: Table):
        """In the watcher's thread, after a quarter resolved: what else the screen needs to read."""
        return None

    async def _changed(self, table: Table, game, extra=None) -> None:
        old = self.table
        self.table = table
        if game is not None:
            self.game = game
            self.resolved_extra = extra
        await self._done(self.table_changed, old, game)

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
            self.app.call_from_thread(self.notify, str(err), title="The table says no", severity="error", timeout=8)
            return
        if done is not None:
            self.app.call_from_thread(self._done, done, result)
        self.app.call_from_thread(self._done, self.look)  # show the table as the write left it, now

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
