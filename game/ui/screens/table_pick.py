"""Which seat? A short list over the facilitator's console (re-open orders, name a team)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class SeatPickScreen(ModalScreen[str | None]):
    """Dismisses with the chosen seat's id, or None (Esc)."""

    CSS_PATH = "table_pick.tcss"
    AUTO_FOCUS = "#pick"
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, question: str, seats: list[tuple[str, str]]):
        """`seats`: (seat id, what to show) in the order to list them."""
        super().__init__()
        self.question = question
        self.seats = seats

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            yield OptionList(*(Option(text, id=seat) for seat, text in self.seats), id="pick")
            yield Static("Enter chooses · Esc goes back", classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
