"""The saved games, newest first: resume one, or open it in the replay viewer.

A save that cannot be opened says why in one line and is left as it is. One made with
other content is offered anyway: resumed when every digest still matches, else replayed.
"""

from __future__ import annotations

import asyncio
import time

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, LoadingIndicator, Static

from ...core.printable import printable
from ..widgets.header import GameHeader

RESUME, REPLAY = "resume", "replay"
FILE_WIDTH = 30  # the file column: at 80 columns, beside the date, "quickplay" and "ended (revoked)"


def when(mtime: float) -> str:
    """The file's date: the save holds no clock, so the same game always writes the same bytes."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(mtime))


def status(entry) -> str:
    if entry.problem:
        return "cannot be opened"
    if entry.over:
        return f"ended ({entry.ending})"
    return f"at Q{entry.quarters + 1}"


def seats_text(seats) -> str:
    plain = ("human", "external")  # "bot:smart" reads "smart bot"
    return ", ".join(f"{seat} {c if c in plain else c.removeprefix('bot:') + ' bot'}" for seat, c in seats)


class LoadScreen(Screen):
    CSS_PATH = "load.tcss"
    BINDINGS = [Binding("enter", "open_highlighted", "Open"), Binding("escape", "back", "Back")]

    def __init__(self, mode: str = RESUME):
        super().__init__()
        self.mode = mode
        self.entries = []

    def compose(self) -> ComposeResult:
        yield GameHeader()
        with Vertical(id="body"):
            yield Static("Load a saved game" if self.mode == RESUME else "Replay a saved game", classes="screen-title")
            yield Static("", id="folder", classes="muted", markup=False)
            yield LoadingIndicator(id="loading")
            yield DataTable(id="saves", cursor_type="row", zebra_stripes=True)
            yield Static("", id="detail", markup=False)
            yield Static("", id="problem", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Load" if self.mode == RESUME else "Replay"
        self.query_one("#saves").display = False
        self.list_saves()

    @work(exclusive=True, group="load")
    async def list_saves(self) -> None:
        from ...saves.store import list_saves, saves_dir, shown_path

        folder = saves_dir()
        self.entries = await asyncio.to_thread(list_saves, folder)
        self.query_one("#loading").display = False
        self.query_one("#folder", Static).update(printable(f"Saves in {shown_path(folder)}"))
        if not self.entries:
            self.query_one("#problem", Static).update("No saved games yet: a game autosaves after every quarter.")
            return
        table = self.query_one("#saves", DataTable)
        # The seats are in the line under the table; a long file name wraps in its column,
        # so at 80 columns nothing is cut.
        table.add_column("Saved", key="saved")
        table.add_column("File", key="file", width=FILE_WIDTH)
        table.add_column("Scenario", key="scenario")
        table.add_column("Where", key="where")
        for i, e in enumerate(self.entries):
            name = Text(printable(e.path.name), overflow="fold")
            table.add_row(when(e.modified), name, e.scenario or "?", status(e), key=str(i), height=None)
        table.display = True
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole of the highlighted save below the table, which 80 columns cut short."""
        e = self._entry(event.row_key)
        self.query_one("#problem", Static).update(printable(f"{e.path.name}: {e.problem}.") if e.problem else "")
        if e.problem:
            self.query_one("#detail", Static).update("")
            return
        branch = f", a branch of {e.parent} from Q{e.branch_quarter}" if e.parent else ""
        self.query_one("#detail", Static).update(
            printable(f"{e.path.name}: {e.scenario}, {status(e)}{branch}; seats: {seats_text(e.seats)}")
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self._entry(event.row_key)
        if entry.problem:
            self.notify(f"{entry.path.name}: {entry.problem}.", title="Cannot open", severity="error", timeout=10)
            return
        self.open(entry.path)

    def action_open_highlighted(self) -> None:
        """Enter when the list is not focused (the list itself answers Enter when it is)."""
        table = self.query_one("#saves", DataTable)
        if table.row_count:
            table.action_select_cursor()

    def _entry(self, row_key):
        return self.entries[int(row_key.value)]

    @work(exclusive=True, group="load")
    async def open(self, path, anyway: bool = False) -> None:
        from ...saves.loading import OtherContent, load_game
        from ...saves.reader import SaveError

        content = await self.app.content_or_say()
        if content is None:
            return
        try:
            loaded = await asyncio.to_thread(load_game, path, content, anyway=anyway)
        except OtherContent as err:
            self.offer_anyway(path, err)
            return
        except SaveError as err:
            self.say(err)
            return
        if self.mode == REPLAY or (anyway and not loaded.run.faithful):
            from .replay import ReplayScreen

            self.app.switch_screen(ReplayScreen(loaded))
            return
        try:
            match = loaded.match()
        except SaveError as err:
            self.say(err)
            return
        self.app.start_match(match)

    def say(self, err) -> None:
        self.query_one("#problem", Static).update(f"{err.problem}. {err.advice}.")
        self.notify(str(err), title="Cannot open", severity="error", timeout=12)

    def offer_anyway(self, path, err) -> None:
        from .confirm import ConfirmScreen

        resume = self.mode == RESUME and err.resumable
        verb = "Resume anyway" if resume else "Replay anyway"
        question = printable(f"{path.name} {err.problem}.\n\n{verb}?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.open(path, anyway=True)

        self.app.push_screen(ConfirmScreen(question, verb, "Back"), answered)

    def action_back(self) -> None:
        self.app.pop_screen()
