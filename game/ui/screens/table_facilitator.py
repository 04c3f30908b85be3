"""The facilitator at a table: the code to read out, every seat's state, every track, every order.

The facilitator is seat None in `view()` and sees everything: who has given orders and what,
the seat keys (to let a team back in after a closed tab), who plays each seat. They can hold
the quarter (pause), set the quarter's clock and add time, re-open a team's orders, name the
teams, stage interventions with the facilitator's console, force the quarter with seats
missing, and, at any point, hand out the after-action report or the grading export.
"""

from __future__ import annotations

import io

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from ...core.view import visible_outcomes
from ...table import FACILITATOR, TableError
from ...table.clock import setting_text
from .. import luck
from ..outcome_words import outcome_lines
from ..widgets.facilitator_board import OrdersBoard, TrackBoard
from ..widgets.header import GameHeader
from ..wording import quarter_title, seat_name
from .table_common import TableScreen, clock_part, waiting_text


class TableFacilitatorScreen(TableScreen):
    CSS_PATH = "table_facilitator.tcss"
    BINDINGS = [
        # Short words, so all of them fit an 80-column footer; +30 s and +1 min are named
        # beside the clock in the bar instead, where they matter only while a clock runs.
        Binding("f", "force", "Force"),
        Binding("p", "pause", "Pause"),
        Binding("i", "intervene", "Intervene"),
        Binding("t", "clock", "Clock"),
        Binding("a", "add_time(30)", "+30 s", show=False),
        Binding("m", "add_time(60)", "+1 min", show=False),
        Binding("o", "reopen", "Reopen"),
        Binding("n", "names", "Names"),
        Binding("r", "report", "Report"),
        Binding("e", "export", "Export"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, tables, code: str, key: str, table, game):
        super().__init__(tables, code, table, game)
        self.key = key
        self.luck = luck.Luck()
        self.orders: dict = {}  # the human orders given so far this quarter
        self.keys: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield GameHeader()
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
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = f"Facilitator · table {self.code}"
        self.call_after_refresh(self._first_show)  # once the panels' own children are in
        self.set_interval(1.0, self._show_bar)  # the clock counts down between readings

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

    def _show_bar(self) -> None:
        rules, table = self.rules, self.table
        when = "Game over" if table.over else quarter_title(rules, table.quarter)
        paused = table.paused and not table.over
        # The pause outlives the quarter it was pressed in: the bar says so in every quarter it holds.
        held = ("PAUSED", "bold reverse") if paused else ""
        why = " · the quarter resolves only when you resume (p) or force (f)" if paused else ""
        self.set_class(paused, "-paused")
        self.query_one("#console-bar", Static).update(
            Text.assemble(
                held,
                " " if paused else "",
                ("Table code ", ""),
                (self.code, "bold reverse"),
                f" · seed {table.seed} · facilitator key {self.key} · {when} · ",
                *self._clock(table),
                (waiting_text(rules, table), "italic"),
                (why, "bold"),
            )
        )

    @staticmethod
    def _clock(table) -> tuple:
        part = clock_part(table)
        if not part or table.over:
            return part
        return (part[0], ("  a +30 s  m +1 min", "dim"), *part[1:])

    def show(self) -> None:
        table, game = self.table, self.game
        self._show_bar()
        self.query_one("#seat-table", Static).update(self._seat_table())
        board = self.query_one("#track-board", TrackBoard)
        board.state = game.state
        board.refresh(layout=True)  # new content, new height
        orders = self.query_one("#orders-board", OrdersBoard)
        orders.state = game.state
        orders.orders = {} if table.over else self.orders | game.bot_orders()
        orders.refresh(layout=True)
        self.query_one("#last-quarter", Static).update(self._last_quarter())

    def _seat_table(self) -> Text:
        """Two lines a seat: its name and state, then who plays it and its key. Laid out in
        lines, not columns, so at 80 columns no name is cut or broken and a key stays whole."""
        out = Text()
        for s in self.table.seats:
            if out:
                out.append("\n")
            out.append(seat_name(self.rules, s.seat), style="bold")
            if not s.human:
                out.append(f" · {s.controller}", style="dim")
                continue
            if not self.table.over:
                out.append(" · ")
                out.append("orders in" if s.submitted else "deciding", style="bold" if s.submitted else "italic")
            who = s.played_by or ("a team (n: names)" if s.taken else "free (nobody yet)")
            key = self.keys.get(s.seat, "")
            out.append(f"\n  {who}" + (f" · key {key}" if key else ""), style="" if s.played_by else "dim")
        return out

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
        table = self.table
        if action in ("force", "pause", "intervene", "clock", "reopen"):
            return None if table.over else True
        if action == "add_time":
            return None if table.over or not table.clock.timed else True
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
            if items is not None:  # None: left with Esc
                self.act(self._record, quarter, tuple(items), done=self._recorded)

        console = FacilitatorScreen(
            self.rules, self.game.state, orders, self.table.waiting_on, offers=self.game.offers, at_table=True
        )
        self.app.push_screen(console, staged)

    def _record(self, quarter: int, items) -> tuple[bool, int]:
        for item in items:
            self.tables.intervene(self.code, self.key, quarter, item)
        table = self.tables.table(self.code)
        if table.quarter == quarter and not table.waiting_on:  # the console's "resolve": all are in
            self.tables.force(self.code, self.key, quarter)
            return True, len(items)
        return False, len(items)

    def _recorded(self, result: tuple[bool, int]) -> None:
        resolved, n = result
        if not n:
            self.notify("The quarter resolved." if resolved else "Nothing staged.", title="Table")
            return
        self.notify(
            "Interventions recorded; the quarter resolved."
            if resolved
            else "Interventions recorded; they apply when the quarter resolves.",
            title="Table",
        )

    def action_clock(self) -> None:
        from .table_clock import ClockScreen

        def chosen(clock) -> None:
            if clock is not None:
                self.act(
                    self.tables.set_clock,
                    self.code,
                    self.key,
                    clock.seconds,
                    clock.talks_seconds,
                    clock.at_zero,
                    done=lambda _: self.notify(
                        f"Clock: {setting_text(clock)}; this quarter's starts now.", title="Table"
                    ),
                )

        self.app.push_screen(ClockScreen(self.table.clock), chosen)

    def action_add_time(self, seconds: int) -> None:
        words = f"{seconds} s" if seconds < 60 else f"{seconds // 60} min"
        self.act(
            self.tables.add_time,
            self.code,
            self.key,
            seconds,
            done=lambda _: self.notify(f"{words} more for this quarter.", title="Table"),
        )

    def action_reopen(self) -> None:
        """A team's orders withdrawn, so it can order again (it asked, or its orders were a slip)."""
        from .table_pick import SeatPickScreen

        table, quarter = self.table, self.table.quarter
        done = [s for s in table.seats if s.human and s.submitted]
        if not done:
            self.notify("No team has given its orders this quarter: there are none to re-open.", title="Table")
            return

        def chosen(seat: str | None) -> None:
            if seat is not None:
                name = seat_name(self.rules, seat)
                self.act(
                    self.tables.reopen,
                    self.code,
                    self.key,
                    quarter,
                    seat,
                    done=lambda _: self.notify(f"{name} may order again.", title="Orders re-opened"),
                )

        seats = [(s.seat, seat_name(self.rules, s.seat) + (f" ({s.played_by})" if s.played_by else "")) for s in done]
        self.app.push_screen(SeatPickScreen(f"Re-open whose orders for quarter {quarter}?", seats), chosen)

    def action_names(self) -> None:
        from .table_names import NamesScreen
        from .table_pick import SeatPickScreen

        humans = [s for s in self.table.seats if s.human]

        def named(seat: str, names) -> None:
            if names is not None:
                team, players = names
                self.act(self.tables.name_seat, self.code, self.key, seat, team, players)

        def chosen(seat: str | None) -> None:
            if seat is not None:
                at = self.table.seat(seat)
                screen = NamesScreen(seat_name(self.rules, seat), at.team, at.players)
                self.app.push_screen(screen, lambda names: named(seat, names))

        seats = [(s.seat, seat_name(self.rules, s.seat) + (f": {s.played_by}" if s.played_by else "")) for s in humans]
        if len(seats) == 1:
            chosen(seats[0][0])
        else:
            self.app.push_screen(SeatPickScreen("Name the team at which seat?", seats), chosen)

    def action_export(self) -> None:
        self.act(self._export, done=self._deliver_export)

    def _export(self) -> tuple[str, str]:
        from ...table.export import export

        game = self.tables.game_for(self.code, self.key)
        text = export(game, "csv", self.code, tuple((s.seat, s.team, s.players) for s in self.table.seats))
        path = self.tables.saves / f"table-{self.code}-grades.csv"
        try:
            path.write_text(text, encoding="utf-8")
            path.chmod(0o600)  # every seat's orders: the facilitator's alone
        except OSError as err:
            raise TableError(f"{path}: {err.strerror or err}") from None
        return str(path), text

    def _deliver_export(self, result) -> None:
        path, text = result
        self.app.deliver_text(io.StringIO(text), save_filename=f"grades-{self.code}.csv", mime_type="text/csv")
        self.notify(f"One row per seat per quarter, written to {path}", title="Export", timeout=10)

    def action_report(self) -> None:
        self.act(self._report, done=self._deliver)

    def _report(self) -> tuple[str, str, object]:
        """Write the report of the game so far (with luck and decisions, once played for the
        finished game) and the student summary: what it says, the report, and the game."""
        from ...report import render, write_summary
        from ...saves.files import atomic_write

        game = self.tables.game(self.code)
        path = self.tables.saves / f"table-{self.code}-report.html"
        html = render(game, "html", self.luck.found)
        try:
            atomic_write(path, html)
            summary = write_summary(game, path)
        except OSError as err:
            raise TableError(f"{path}: {err.strerror or err}") from None
        return f"{path} (the student summary: {summary.name})", html, game

    def _deliver(self, result) -> None:
        path, html, game = result
        # In a browser tab (serve) this opens the report in a new tab; in a terminal it saves a copy.
        self.app.deliver_text(
            io.StringIO(html), save_filename=f"report-{self.code}.html", open_method="browser", mime_type="text/html"
        )
        if not self.luck.wanted(over=game.over):
            self.notify(f"Report written to {path}", title="After-action report", timeout=10)
            return
        self.notify(f"Report written to {path}. {luck.NOTE}", title="After-action report", timeout=10)
        luck.play_luck(self, game, self._luck_played)

    def _luck_played(self, found) -> None:
        self.luck.played(self, found, lambda: self.act(self._report, done=self._luck_written))

    def _luck_written(self, result) -> None:
        self.notify(f"Luck and decisions added to {result[0]}", title="After-action report", timeout=8)

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
