"""The hand-off between people sharing the keyboard: it names the next seat and nothing else.

Nothing private is on this screen, not even whose orders are still to come beyond what the
room already knows; the next seat's screens appear only after its player confirms.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from ..widgets.footer import GameFooter
from ..widgets.header import GameHeader
from ..wording import seat_name
from .base import GameScreen


class HandoffScreen(GameScreen):
    CSS_PATH = "handoff.tcss"
    AUTO_FOCUS = "#take-over"
    BINDINGS = [Binding("enter", "take_over", "I am this seat", priority=True)]

    def compose(self) -> ComposeResult:
        name = seat_name(self.rules, self.seat)
        yield GameHeader()
        with Vertical(id="box"):
            yield Static("Pass the keyboard to", classes="muted")
            yield Static(name, id="next-seat", markup=False)
            yield Static(f"{name}: press Enter when the others have looked away.", id="ask", markup=False)
            yield Button(f"I am the {name}: show my screens", id="take-over", variant="primary")
        yield GameFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_take_over()

    def action_take_over(self) -> None:
        self.app.advance()
