"""Join a table: type the code the facilitator reads out, pick a free seat; or open a new table.

A team that closed its tab comes back to its taken seat with its seat key; the facilitator
comes back to the console with the facilitator's key. The projector (the room's view, no key)
is one more entry; opened from the title's Projector, it is the only one.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...table import FACILITATOR, Table, TableError, Tables, normalise_code
from ..widgets.header import GameHeader
from ..wording import seat_name
from . import table_common

PROJECTOR = "projector"  # not a seat: the room's view of the table, no key


class TableJoinScreen(Screen):
    CSS_PATH = "table_join.tcss"
    BINDINGS = [
        Binding("ctrl+o", "open_table", "Open a new table"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, tables: Tables | None = None, code: str = "", projector: bool = False):
        """`projector`: only to put a table on the projector (the title's Projector entry)."""
        super().__init__()
        self.projector = projector
        self.tables = tables or Tables()
        self.start_code = code
        self.table: Table | None = None
        self.names: dict[str, str] = {}  # seat id -> seat name, from the table's scenario

    def compose(self) -> ComposeResult:
        yield GameHeader()
        with VerticalScroll(id="join-form"):
            if self.projector:
                yield Static("Show a table on the projector", classes="screen-title")
                yield Static(
                    "Type the table's code: the projector shows the code, who has joined and ordered, and "
                    "what the whole room may see. No key is needed; nothing private is shown.",
                    classes="table-hint",
                )
            else:
                yield Static("Play at a table", classes="screen-title")
                yield Static(
                    "The facilitator opens a table and reads out its code. Each team types it here, takes "
                    "one seat, and plays it from its own browser tab or terminal.",
                    classes="table-hint",
                )
            yield Input(self.start_code, placeholder="Table code, e.g. K7Q-2M", id="code")
            yield Static(id="found", markup=False)
            yield OptionList(id="seats")
            yield Input(
                placeholder="Seat key or facilitator key (only to come back)",
                id="key",
                # HK4M-7QPZ-R2WNE, typed in any case and spacing; an old table's 8 digits still fit
                restrict=r"[A-Za-z0-9 \-]*",
                max_length=24,
            )
            # Who plays the seat, for the console, the save and the report's "Played by".
            yield Input(placeholder="Team name (optional)", id="team", max_length=60)
            yield Input(placeholder="Students' names, separated by commas (optional)", id="players", max_length=400)
            with Horizontal(id="join-buttons"):
                yield Button("Open a new table (facilitator)", id="open")
                yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Projector" if self.projector else "Table"
        self.query_one("#seats", OptionList).display = False
        self.query_one("#key", Input).display = not self.projector
        self.query_one("#code", Input).focus()
        if self.start_code:
            self.find(self.start_code)
        # Other teams take seats meanwhile: keep the list true, so nobody picks a taken one.
        self.set_interval(table_common.POLL_SECONDS, self._look_again)

    def _look_again(self) -> None:
        if self.table is not None and self.app.screen is self:
            self.find(self.table.code)

    # -- finding the table ---------------------------------------------------------------------

    @on(Input.Changed, "#code")
    def _code_typed(self, event: Input.Changed) -> None:
        code = normalise_code(event.value)
        if code is None:
            self.table = None
            self.query_one("#seats", OptionList).display = False
            self.query_one("#found", Static).update("Codes look like K7Q-2M." if event.value.strip() else "")
            return
        self.find(code)

    @work(thread=True, exclusive=True, group="table-find")
    def find(self, code: str) -> None:
        try:
            table = self.tables.table(code)
            names = {s: seat_name(self.tables.game(code).rules, s) for s in [x.seat for x in table.seats]}
        except TableError as err:
            self.app.call_from_thread(self._not_found, str(err))
            return
        self.app.call_from_thread(self._found, table, names)

    def _not_found(self, message: str) -> None:
        self.table = None
        self.query_one("#seats", OptionList).display = False
        self.query_one("#found", Static).update(message)

    def _found(self, table: Table, names: dict[str, str]) -> None:
        seats = self.query_one("#seats", OptionList)
        if table == self.table and seats.display:
            return  # nothing new: leave the list, and the team's place in it, alone
        was = seats.highlighted_option.id if seats.highlighted_option is not None else None
        self.table, self.names = table, names
        state = f"over ({table.ending})" if table.over else f"quarter {table.quarter}"
        seats.clear_options()
        if self.projector:
            self.query_one("#found", Static).update(f"Table {table.code}: {table.scenario}, {state}.")
            seats.add_option(Option(f"Show table {table.code} on the projector", id=PROJECTOR))
            seats.display = True
            seats.highlighted = 0
            return
        self.query_one("#found", Static).update(f"Table {table.code}: {table.scenario}, {state}. Choose your seat:")
        for s in table.seats:
            name = names[s.seat]
            if not s.human:
                seats.add_option(Option(f"{name}: played by a bot", id=s.seat, disabled=True))
            elif s.taken:
                by = f" by {s.played_by}" if s.played_by else ""
                seats.add_option(Option(f"{name}: taken{by} (give its seat key to sit again)", id=s.seat))
            else:
                seats.add_option(Option(f"{name}: free", id=s.seat))
        seats.add_option(Option("Facilitator (give the facilitator's key)", id=FACILITATOR))
        seats.add_option(Option("Projector: the room's view, public only (no key)", id=PROJECTOR))
        seats.display = True
        ids = [s.seat for s in table.seats] + [FACILITATOR, PROJECTOR]
        free = was not in table.humans or was in table.free  # a bot's, the facilitator's or the projector's
        if was is not None and was in ids and free:
            seats.highlighted = ids.index(was)
        elif table.free:
            seats.highlighted = ids.index(table.free[0])

    @on(Input.Submitted, "#code")
    def _code_entered(self) -> None:
        if self.table is not None:
            self.query_one("#seats", OptionList).focus()

    # -- taking a seat -------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#seats")
    def _seat_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.sit(event.option.id)

    @on(Input.Submitted, "#key, #team, #players")
    def _key_entered(self) -> None:
        option = self.query_one("#seats", OptionList).highlighted_option
        if option is not None and not option.disabled:
            self.sit(option.id)

    def sit(self, seat: str) -> None:
        if self.table is None:
            return
        if seat == PROJECTOR:
            self.project(self.table.code)
            return
        at = None if seat == FACILITATOR else self.table.seat(seat)
        key = self.query_one("#key", Input).value.strip() or None
        if (at is None or at.taken) and key is None:
            who = "the facilitator's key" if at is None else f"{self.names[seat]}'s seat key"
            self.notify(f"Type {who} in the key box, then choose again.", title="Key needed")
            self.query_one("#key", Input).focus()
            return
        team, players = (self.query_one(f"#{i}", Input).value for i in ("team", "players"))
        self.sitting(self.table.code, seat, key, team, players)

    @work(thread=True, exclusive=True, group="table-sit")
    def sitting(self, code: str, seat: str, key: str | None, team: str = "", players: str = "") -> None:
        try:
            key = self.tables.take(code, seat, key, team, players)
            reading = self.tables.reading(code, seat)  # table and game from one moment: they agree
        except TableError as err:
            self.app.call_from_thread(self.notify, str(err), title="Cannot sit there", severity="error", timeout=8)
            return
        self.app.call_from_thread(self._seated, seat, key, reading)

    @work(thread=True, exclusive=True, group="table-sit")
    def project(self, code: str) -> None:
        try:
            reading = self.tables.reading(code)
        except TableError as err:
            self.app.call_from_thread(self.notify, str(err), title="Cannot show the table", severity="error", timeout=8)
            return
        self.app.call_from_thread(self._projecting, reading)

    def _projecting(self, reading) -> None:
        from .projector import ProjectorScreen

        self.app.push_screen(ProjectorScreen(self.tables, reading.table.code, reading.table, reading.game))

    def _seated(self, seat: str, key: str, reading) -> None:
        self.query_one("#key", Input).value = ""
        sit(self.app, self.tables, seat, key, reading)

    def on_screen_resume(self) -> None:
        if self.table is not None:
            self.find(self.table.code)  # back from the table: who sits and who is done has moved on

    # -- elsewhere -----------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_open_table() if event.button.id == "open" else self.action_back()

    def action_open_table(self) -> None:
        from .table_open import TableOpenScreen

        self.app.push_screen(TableOpenScreen(self.tables))

    def action_back(self) -> None:
        self.dismiss()


def sit(app, tables: Tables, seat: str, key: str, reading) -> None:
    """Open `seat` at the table for this app: the facilitator's console, or a team's seat,
    which plays on the same screens as a game at one keyboard."""
    if seat == FACILITATOR:
        from .table_facilitator import TableFacilitatorScreen

        app.push_screen(TableFacilitatorScreen(tables, reading.table.code, key, reading.table, reading.game))
        return
    app.start_table(tables, reading.table.code, seat, key, reading)
