"""The facilitator at a table: the code to read out, every seat's state, every track, every order.

The facilitator is seat None in `view()` and sees everything: who has given orders and what,
the seat keys (to let a team back in after a closed tab). They can hold the quarter (pause),
stage interventions with the facilitator's console, force the quarter with seats missing,
and, at any point, hand out the after-action report of the game so far.
"""

from __future__ import annotations

import io

from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from ...core.view import visible_outcomes
from ...table import FACILITATOR, TableError
from ..outcome_words import outcome_lines
from ..widgets.facilitator_board import OrdersBoard, TrackBoard
from ..wording import quarter_title, seat_name
from .table_common import TableScreen, waiting_text


class TableFacilitatorScreen(TableScreen):
    CSS_PATH = "table_facilitator.tcss"
    BINDINGS = [
        Binding("f", "force", "Force the quarter"),
        Binding("p", "pause", "Pause or resume"),
        Binding("i", "intervene", "Intervene"),
        Binding("r", "report", "Report"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, tables, code: str, key: str, table, game):
        super().__init__(tables, code, table, game)
        self.key = key
        self.orders: dict = {}  # the human orders given so far this quarter
        self.keys: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="console-bar")
        with Horizontal(id="console-columns"):
            with Vertical(id="left"):
                with VerticalScroll(id="seats", classes="panel") as seats:
                    seats.border_title = "Seats"
                    yield Static(id="seat-table")
                with VerticalScroll(id="console-tracks", classes="panel") as tracks:
                    tracks.border_title = "Every track"
                    yield TrackBoard(self.rules, self.game.state, id="track-board")
            with Vertical(id="right"):
                with VerticalScroll(id="console-orders", classes="panel") as orders:
                    orders.border_title = "Orders so far (bots' included)"
                    yield OrdersBoard(self.rules, self.game.state, {}, id="orders-board")
                with VerticalScroll(id="last", classes="panel") as last:
                    last.border_title = "Last quarter"
                    yield Static(id="last-quarter")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = f"Facilitator · table {self.code}"
        self.call_after_refresh(self._first_show)  # once the panels' own children are in

    def _first_show(self) -> None:
        self.show()
        self.read_private()

    # -- what the facilitator sees -----------------------------------------------------------

    @work(thread=True, exclusive=True, group="table-private")
    def read_private(self) -> None:
        """Orders and seat keys are the facilitator's alone: read with the key, off the loop."""
        table = self.table
        try:
            orders = {} if table.over else self.tables.orders(self.code, self.key, table.quarter)
            keys = self.tables.keys(self.code, self.key)
        except TableError as err:
            self.app.call_from_thread(self.notify, str(err), title="The table", severity="error", timeout=8)
            return
        if not get_current_worker().is_cancelled:  # else a newer reading is on its way
            self.app.call_from_thread(self._done, self._show_private, (orders, keys))

    def _show_private(self, result) -> None:
        self.orders, self.keys = result
        self.show()

    def show(self) -> None:
        rules, table, game = self.rules, self.table, self.game
        when = "Game over" if table.over else quarter_title(rules, table.quarter)
        held = " · PAUSED: the quarter resolves only when you resume (p) or force (f)" if table.paused else ""
        self.query_one("#console-bar", Static).update(
            Text.assemble(
                ("Table code ", ""),
                (self.code, "bold reverse"),
                f"  · facilitator key {self.key} · {when} · ",
                (waiting_text(rules, table), "italic"),
                (held, "bold"),
            )
        )
        self.query_one("#seat-table", Static).update(self._seat_table())
        board = self.query_one("#track-board", TrackBoard)
        board.state = game.state
        board.refresh(layout=True)  # new content, new height
        orders = self.query_one("#orders-board", OrdersBoard)
        orders.state = game.state
        orders.orders = {} if table.over else self.orders | game.bot_orders()
        orders.refresh(layout=True)
        self.query_one("#last-quarter", Static).update(self._last_quarter())

    def _seat_table(self) -> RichTable:
        grid = RichTable(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1))
        # Names and states wrap rather than end in "…" at 80 columns; a key never breaks.
        for name in ("Seat", "Played by", "Key", "This quarter"):
            grid.add_column(name, no_wrap=name == "Key", overflow="fold")
        for s in self.table.seats:
            if not s.human:
                grid.add_row(seat_name(self.rules, s.seat), s.controller, "", "")
                continue
            state = "" if self.table.over else ("orders in" if s.submitted else "deciding")
            grid.add_row(
                seat_name(self.rules, s.seat),
                "a team" if s.taken else "free (nobody yet)",
                self.keys.get(s.seat, ""),
                Text(state, style="bold" if s.submitted else "italic"),
            )
        return grid

    def _last_quarter(self):
        if not self.table.resolved:
            return Text("No quarter has resolved yet.", style="italic")
        q = self.table.resolved
        return Group(
            Text(f"Quarter {q} · {self.rules.quarter_label(q)}", style="bold"),
            outcome_lines(self.rules, visible_outcomes(self.game.log[q], None, self.rules), None, mark_private=False),
        )

    async def table_changed(self, old, game) -> None:
        if game is not None or old.quarter != self.table.quarter or old.seats != self.table.seats:
            self.read_private()  # new orders or seats: fetch them, then redraw
        else:
            self.show()

    # -- the facilitator's moves -------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("force", "pause", "intervene"):
            return None if self.table.over else True
        return True

    def action_force(self) -> None:
        from .confirm import ConfirmScreen

        table = self.table
        missing = ", ".join(seat_name(self.rules, s) for s in table.waiting_on)
        question = (
            f"Resolve quarter {table.quarter} now? {missing} gave no orders and will pass."
            if missing
            else f"Resolve quarter {table.quarter} now?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.act(self.tables.force, self.code, self.key, table.quarter)

        self.app.push_screen(ConfirmScreen(question, "Resolve", "Wait"), answered)

    def action_pause(self) -> None:
        paused = not self.table.paused

        def done(resolved: bool) -> None:
            self.notify(
                "Quarter held: orders still come in."
                if paused
                else "Quarter resolved: every order was in."
                if resolved
                else "Resumed: the quarter resolves with the last order.",
                title="Table",
            )

        self.act(self.tables.pause, self.code, self.key, paused, done=done)

    def action_intervene(self) -> None:
        """The facilitator's console, on the orders given so far; what it stages is recorded."""
        from .facilitator import FacilitatorScreen

        quarter = self.table.quarter
        orders = self.orders | self.game.bot_orders()

        def staged(items) -> None:
            if items:
                self.act(self._record, quarter, tuple(items), done=self._recorded)

        console = FacilitatorScreen(self.rules, self.game.state, orders, self.table.waiting_on, offers=self.game.offers)
        self.app.push_screen(console, staged)

    def _record(self, quarter: int, items) -> bool:
        for item in items:
            self.tables.intervene(self.code, self.key, quarter, item)
        table = self.tables.table(self.code)
        if table.quarter == quarter and not table.waiting_on:  # the console's "resolve": all are in
            self.tables.force(self.code, self.key, quarter)
            return True
        return False

    def _recorded(self, resolved: bool) -> None:
        self.notify(
            "Interventions recorded; the quarter resolved."
            if resolved
            else "Interventions recorded; they apply when the quarter resolves.",
            title="Table",
        )

    def action_report(self) -> None:
        self.act(self._report, done=self._deliver)

    def _report(self) -> tuple[str, str]:
        from ...report import render, write_report, write_summary

        game = self.tables.game(self.code)
        path = self.tables.saves / f"table-{self.code}-report.html"
        try:
            write_report(game, path)
            summary = write_summary(game, path)
        except OSError as err:
            raise TableError(f"{path}: {err.strerror or err}") from None
        return f"{path} (the student summary: {summary.name})", render(game, "html")

    def _deliver(self, result) -> None:
        path, html = result
        # In a browser tab (serve) this opens the report in a new tab; in a terminal it saves a copy.
        self.app.deliver_text(
            io.StringIO(html), save_filename=f"report-{self.code}.html", open_method="browser", mime_type="text/html"
        )
        self.notify(f"Report written to {path}", title="After-action report", timeout=10)

    def action_leave(self) -> None:
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(
            ConfirmScreen(
                f"Leave table {self.code}? The teams play on; come back with the code and your key {self.key} "
                f"(seat: {FACILITATOR}).",
                "Leave",
                "Stay",
            ),
            answered,
        )
