"""Branch here: who plays each seat in the what-if. Posts Chosen(seats) or Cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, SelectionList, Static


class BranchPanel(Vertical):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    class Chosen(Message):
        def __init__(self, seats: dict[str, str]):
            super().__init__()
            self.seats = seats

    class Cancelled(Message):
        pass

    def __init__(self, rules, controllers: dict[str, str], **kwargs):
        super().__init__(**kwargs)
        self.rules = rules
        self.controllers = controllers

    def compose(self) -> ComposeResult:
        yield Static("", id="branch-question")
        yield SelectionList[str](
            *((seat.name, seat.id, self.controllers.get(seat.id) == "human") for seat in self.rules.seats),
            id="branch-seats",
        )
        yield Static("Space ticks a seat you will play; the others are played by their bots.", classes="muted")
        with Horizontal(id="branch-buttons"):
            yield Button("Start the branch", id="branch-start", variant="success")
            yield Button("Cancel", id="branch-cancel")

    def ask(self, quarter_label: str) -> None:
        self.query_one("#branch-question", Static).update(
            f"Branch from {quarter_label}: the same game up to here, then new orders. Who plays?"
        )
        self.query_one("#branch-seats", SelectionList).focus()

    @property
    def seats(self) -> dict[str, str]:
        humans = set(self.query_one("#branch-seats", SelectionList).selected)
        return {seat: "human" if seat in humans else self._bot(seat) for seat in self.rules.seat_ids}

    def _bot(self, seat: str) -> str:
        """The seat's bot in the parent, or the new-game screen's default for a seat a person had."""
        from ..screens.new_game import default_bot

        old = self.controllers.get(seat, "")
        return old if old.startswith("bot:") else default_bot()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "branch-cancel":
            self.action_cancel()
            return
        if "human" not in self.seats.values():
            # With bots in every seat the branch would play exactly as its parent did.
            self.app.notify(
                "Tick at least one seat to play: with bots only, the branch repeats its parent.", severity="warning"
            )
            return
        self.post_message(self.Chosen(self.seats))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
