"""The opening, for the whole room: the scenario, who sits where, and the seed."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from ..widgets.footer import GameFooter
from ..widgets.header import GameHeader
from .base import GameScreen


def controller_name(controller: str) -> str:
    if controller == "external":
        return "a program (seat protocol)"
    return "a person at this keyboard" if controller == "human" else f"bot ({controller.split(':', 1)[1]})"


class IntroScreen(GameScreen):
    CSS_PATH = "intro.tcss"
    AUTO_FOCUS = "#go"
    BINDINGS = [Binding("enter", "go_on", "Begin", priority=True)]

    def compose(self) -> ComposeResult:
        rules, match = self.rules, self.match
        yield GameHeader()
        with VerticalScroll(id="body"):
            yield Static(rules.name, classes="screen-title", markup=False)
            yield Static(rules.intro.strip(), id="intro-text", markup=False)
            seats = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
            seats.add_column(style="bold")
            seats.add_column()
            seats.add_column()
            for seat in rules.seats:
                seats.add_row(seat.name, seat.role, controller_name(match.seats[seat.id]))
            yield Static("Seats", classes="section")
            yield Static(seats, id="seats")
            played = len(match.record.quarters)
            resumed = f"; resumed after quarter {played}" if played else ""
            yield Static(
                f"{rules.quarters} quarters, from {rules.quarter_label(1)}. Seed {match.seed}{resumed}.",
                id="seed",
                classes="muted",
                markup=False,
            )
            yield Static(self._how_to_play(), id="how", markup=False)
            yield Button("Begin (Enter)", id="go", variant="primary")
        yield GameFooter()

    def _how_to_play(self) -> str:
        humans = self.session.humans
        if not humans:
            return "No one plays: watch the bots, quarter by quarter."
        text = (
            "Each quarter: read the news and your dashboard, give your orders within your "
            "budget, then see what happened. Press F1 for the keys."
        )
        if self.session.hot_seat:
            text += (
                " Several of you share this keyboard: each seat's screens are private, and a "
                "hand-off screen asks the next player to take over. Look away when it is not your turn."
            )
        return text

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_go_on()

    def action_go_on(self) -> None:
        self.app.advance()
