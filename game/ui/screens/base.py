"""What every screen of a game in progress shares: its step, the session, a header line,
and at a table the line that says where the table stands."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from ..widgets.header import GameHeader
from ..wording import quarter_title, seat_name

NARROW = 76  # columns: below this, side-by-side panels stack


class GameScreen(Screen):
    def __init__(self, step):
        super().__init__()
        self.step = step

    @property
    def session(self):
        return self.app.session

    @property
    def match(self):
        return self.app.session.match

    @property
    def rules(self):
        return self.app.session.rules

    @property
    def seat(self) -> str | None:
        return self.step.seat

    def on_mount(self) -> None:
        self.title, self.sub_title = self.heading()

    def on_resize(self) -> None:
        # Below 76 columns two panels side by side leave each too narrow to read: a screen's
        # .tcss stacks them under `.narrow`.
        self.set_class(self.size.width < NARROW, "narrow")

    def heading(self) -> tuple[str, str]:
        """The header: whose screen this is, and when; never anything private."""
        state = self.match.state
        when = "Game over" if state.over else quarter_title(self.rules, state.quarter)
        who = seat_name(self.rules, self.seat) if self.seat else self.rules.name
        return who, when

    def compose_top(self) -> ComposeResult:
        """The header, and at a table the table's line under it."""
        yield GameHeader()
        if self.session.table is not None:
            yield Static(self.table_line(), id="table-bar")

    def table_line(self) -> Text:
        """Where the table stands: what everyone there may know, the quarter's clock, and this
        team's seat key."""
        from .table_common import clock_part, waiting_text

        session = self.session
        return Text.assemble(
            (f"Table {session.code}", "bold"),
            " · ",
            *clock_part(session.table),
            (waiting_text(self.rules, session.table), "italic"),
            f" · your seat key {session.key}",
        )

    def table_moved(self) -> None:
        """The table changed without moving this seat on (another team's orders came in)."""
        self.clock_moved()

    def clock_moved(self) -> None:
        """Only time went by: the table's line, with its clock, is all that changes."""
        for bar in self.query("#table-bar").results(Static):
            bar.update(self.table_line())
