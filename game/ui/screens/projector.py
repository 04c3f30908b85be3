"""The projector: a table as the whole room may see it, on the wall, from the back row.

Read only, and public only: the table code in big letters, who has joined and who has given
orders (never what), the tracks every seat sees with their trend, the quarter's public news
and the last quarter's public report. What the room may see is the core's rule (`view` and
the outcomes' viewers), taken as the part every seat shares (`common_view`,
`common_outcomes`): a key, a private track, an order or a private deal cannot reach it.

It follows the table by itself, reading the tables database every second like every table
screen, and is safe to leave on the projector for a whole class.
"""

from __future__ import annotations

import time

from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Static

from ...table import Table
from ...table.clock import tick
from ..outcome_words import outcome_lines
from ..session import common_outcomes, common_view
from ..widgets.big_letters import BigLetters
from ..widgets.dashboard import Dashboard
from ..widgets.footer import GameFooter
from ..wording import change_text, quarter_title, seat_name
from .base import NARROW
from .table_common import TableScreen, waiting_text


def time_left(table: Table) -> float | None:
    """Seconds left on the quarter's clock (game/table/clock.py, set by the facilitator);
    None for a table without one. A paused clock stands still."""
    t = tick(table, time.time())
    return None if t is None else t.left


def clock_text(seconds: float) -> str:
    """'4:05' for a timer, never below '0:00'."""
    whole = max(0, int(seconds + 0.999))  # 4.2 s left shows 0:05, so 0:00 means time is up
    return f"{whole // 60}:{whole % 60:02d}"


def seats_text(rules, table: Table) -> RichTable:
    """Each seat: played by a team (named) or a bot, joined or not, orders in or still deciding."""
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for s in table.seats:
        if not s.human:  # a bot ("bot:smart"), or a program over the seat protocol ("external:...")
            state = Text("played by a bot" if s.controller.startswith("bot:") else "played by a program", style="dim")
        elif not s.taken:
            state = Text("waiting for its team to join", style="bold yellow")
        elif table.over:
            state = Text("joined")
        elif s.submitted:
            state = Text("✓ orders in", style="bold green")
        else:
            state = Text("… deciding", style="bold yellow")
        name = Text(seat_name(rules, s.seat))
        if s.played_by:  # the team's name and its students', as they gave them on joining
            name.append(f"\n{s.played_by}", style="not bold italic")
        grid.add_row(name, state)
    return grid


def news_outcomes(game) -> list:
    """This quarter's news as every seat saw it."""
    quarter = game.state.quarter
    outcomes = [o for o in game.log[-1] if o.phase == "news" and o.quarter == quarter]
    return common_outcomes(game.rules, outcomes)


def news_text(game) -> Group | Text:
    """The quarter's public news: each item's title, its text, and the public tracks it moved."""
    rules = game.rules
    items = []
    for outcome in news_outcomes(game):
        try:
            event = rules.event(outcome.id)
            title, body = event.title, event.text.strip()
        except KeyError:  # the facilitator's own event: its title is its text
            title, body = outcome.text, ""
        item = Text(title, style="bold")
        if body:
            item.append("\n" + body)
        for change in outcome.changes:
            item.append("\n  " + change_text(rules, change))
        items.append(item)
    if not items:
        return Text("No public news this quarter.", style="italic")
    return Group(*(Group(item, Text("")) for item in items))


def last_quarter_text(game, quarter: int):
    """What every seat saw of `quarter` resolving: the room's report of it."""
    log = game.log
    outcomes = [o for o in log[quarter] if o.quarter == quarter] if 0 < quarter < len(log) else []
    return outcome_lines(game.rules, common_outcomes(game.rules, outcomes), "", mark_private=False)


class ProjectorScreen(TableScreen):
    CSS_PATH = "projector.tcss"
    BINDINGS = [
        Binding("pageup", "scroll_room(-1)", "Scroll up"),
        Binding("pagedown", "scroll_room(1)", "Scroll down"),
        Binding("escape", "leave", "Leave"),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="projector-top"):
            with Vertical(id="code-box"):
                yield Static("Table code", classes="caption")
                yield BigLetters(self.code, id="code")
            # The quarter's timer, when the table has one (time_left): hidden otherwise.
            with Vertical(id="clock-box"):
                yield Static("Time left", classes="caption")
                yield Digits("", id="clock")
        yield Static(id="where")
        with Horizontal(id="projector-columns"):
            with VerticalScroll(id="room", classes="panel") as room:
                room.border_title = "The table"
                yield Static(id="seats")
                yield Static(id="news-title", classes="section")
                yield Static(id="news")
                yield Static(id="last-title", classes="section")
                yield Static(id="last")
            with VerticalScroll(id="projector-dashboard", classes="panel") as dash:
                dash.border_title = "Dashboard: what every seat sees"
                yield Dashboard(self.rules, self.public_history(), id="public-dashboard")
        yield GameFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = self.rules.name
        self.sub_title = f"Projector · table {self.code}"
        self.show()
        self.show_clock()
        self.set_interval(1.0, self.show_clock)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    def public_history(self) -> list:
        """The tracks every seat sees, at the start of each quarter played, then now."""
        return [common_view(self.rules, state) for state in self.game.history]

    def show(self) -> None:
        """Draw the table as last read: every part comes from the same reading."""
        rules, table, game = self.rules, self.table, self.game
        when = "the game is over" if table.over else quarter_title(rules, table.quarter)
        where = Text.assemble((rules.name, "bold"), " · ", when, " · ", waiting_text(rules, table))
        if table.paused and not table.over:
            where.append(" · PAUSED by the facilitator", style="bold reverse")
        self.query_one("#where", Static).update(where)
        self.query_one("#seats", Static).update(seats_text(rules, table))
        news_title = self.query_one("#news-title", Static)
        news = self.query_one("#news", Static)
        if table.over:
            ending = self._ending()
            news_title.update("The game is over")
            news.update(Text(ending, style="bold"))
        else:
            news_title.update(f"News · {quarter_title(rules, table.quarter)}")
            news.update(news_text(game))
        last = table.quarter if table.over else table.resolved
        shown = bool(table.resolved)
        self.query_one("#last-title", Static).display = shown
        self.query_one("#last", Static).display = shown
        if shown:
            self.query_one("#last-title", Static).update(f"What happened · {quarter_title(rules, last)}")
            self.query_one("#last", Static).update(last_quarter_text(game, last))
        dashboard = self.query_one("#public-dashboard", Dashboard)
        dashboard.history = [tuple(h) for h in self.public_history()]
        dashboard.refresh(layout=True)

    def _ending(self) -> str:
        try:
            ending = self.rules.ending(self.table.ending)
        except KeyError:
            return self.table.ending
        return f"{ending.title}: {ending.text.strip()}" if ending.text else ending.title

    def show_clock(self) -> None:
        seconds = None if self.table.over else time_left(self.table)
        box = self.query_one("#clock-box", Vertical)
        box.display = seconds is not None
        if seconds is not None:
            clock = self.query_one("#clock", Digits)
            clock.update(clock_text(seconds))
            clock.set_class(seconds <= 30, "low")

    async def table_changed(self, old, game) -> None:
        self.show()
        self.show_clock()

    def action_scroll_room(self, pages: int) -> None:
        room = self.query_one("#room", VerticalScroll)
        room.scroll_page_down() if pages > 0 else room.scroll_page_up()

    def action_leave(self) -> None:
        self.dismiss()
