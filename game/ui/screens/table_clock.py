"""The table's clock, set by the facilitator: minutes a quarter, the talks' part, resolve at zero.

What it sets is kept in the tables database, so every seat, the console and `table status`
read the same time; the current quarter's clock starts again when it is set.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...table.clock import Clock


def _minutes(seconds: int) -> str:
    return "" if not seconds else f"{seconds / 60:g}"


class ClockScreen(ModalScreen[Clock | None]):
    """Dismisses with the Clock to set (seconds 0: no clock), or None (Esc)."""

    CSS_PATH = "table_clock.tcss"
    AUTO_FOCUS = "#clock-minutes"
    BINDINGS = [
        Binding("ctrl+s", "save", "Set the clock"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, clock: Clock):
        super().__init__()
        self.clock = clock

    def compose(self) -> ComposeResult:
        clock = self.clock
        with Vertical(id="dialog"):
            yield Static("The clock (every quarter; this one starts again now)", classes="title")
            with Horizontal(classes="row"):
                yield Label("Minutes a quarter", classes="field")
                yield Input(_minutes(clock.seconds), placeholder="none", type="number", id="clock-minutes")
            with Horizontal(classes="row"):
                yield Label("of which talks", classes="field")
                yield Input(_minutes(clock.talks_seconds), placeholder="all", type="number", id="clock-talks")
            yield Checkbox("Resolve at zero: teams that have not ordered pass", clock.at_zero, id="clock-zero")
            yield Static("", id="clock-problem", markup=False)
            with Horizontal(id="clock-buttons"):
                yield Button("Set (ctrl+s)", id="set", variant="primary")
                yield Button("Back (esc)", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save() if event.button.id == "set" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            seconds, talks = (self._seconds(i) for i in ("#clock-minutes", "#clock-talks"))
        except ValueError as err:
            self.query_one("#clock-problem", Static).update(str(err))
            return
        at_zero = self.query_one("#clock-zero", Checkbox).value
        if talks and talks >= seconds:
            self.query_one("#clock-problem", Static).update("The talks must be shorter than the quarter.")
            return
        self.dismiss(Clock(seconds, talks, at_zero and bool(seconds)))

    def _seconds(self, selector: str) -> int:
        text = self.query_one(selector, Input).value.strip()
        if not text:
            return 0
        minutes = float(text)
        if not 0 <= minutes <= 240:
            raise ValueError(f"{text} minutes: give 0 to 240 (empty: none)")
        return round(minutes * 60)

    def action_cancel(self) -> None:
        self.dismiss(None)
