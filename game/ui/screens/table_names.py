"""Who plays a seat: the team's name and the students', typed by the facilitator.

Teams give them on joining; the facilitator corrects or adds them here. They show in the
console and `table status`, and go into the table's save for the report's "Played by".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class NamesScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (team, students' names separated by commas), or None (Esc)."""

    CSS_PATH = "table_names.tcss"
    AUTO_FOCUS = "#names-team"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save the names"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, seat_name: str, team: str, players: tuple[str, ...]):
        super().__init__()
        self.seat_name, self.team, self.players = seat_name, team, players

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Who plays {self.seat_name}?", classes="title", markup=False)
            yield Input(self.team, placeholder="Team name", id="names-team", max_length=60)
            yield Input(", ".join(self.players), placeholder="Students' names, separated by commas", id="names-players")
            with Horizontal(id="names-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Back (esc)", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.dismiss((self.query_one("#names-team", Input).value, self.query_one("#names-players", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
