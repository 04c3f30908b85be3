"""Branch here: who plays each seat in the what-if, and which answers of the quarter's talks
to change. Posts Chosen(seats, flips) or Cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, SelectionList, Static


class BranchPanel(Vertical):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    class Chosen(Message):
        def __init__(self, seats: dict[str, str], flips: tuple[int, ...] = ()):
            super().__init__()
            self.seats = seats
            self.flips = flips  # indexes of the quarter's offers whose answer changes

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
        yield Static(
            "Or change answers given in the talks: the quarter is played again with its orders and the "
            "other answer, and new orders start the quarter after.",
            id="branch-flips-label",
        )
        yield SelectionList[int](id="branch-flips")
        with Horizontal(id="branch-buttons"):
            yield Button("Start the branch", id="branch-start", variant="success")
            yield Button("Cancel", id="branch-cancel")

    def ask(self, quarter_label: str, answers: tuple[tuple[int, str], ...] = ()) -> None:
        """`answers`: (index, label) of the quarter's offers whose answer may change."""
        self.query_one("#branch-question", Static).update(
            f"Branch from {quarter_label}: the same game up to here, then new orders. Who plays?"
        )
        flips = self.query_one("#branch-flips", SelectionList)
        flips.clear_options()
        flips.add_options([(label, index) for index, label in answers])
        flips.display = bool(answers)
        self.query_one("#branch-flips-label").display = bool(answers)
        self.query_one("#branch-seats", SelectionList).focus()

    @property
    def flips(self) -> tuple[int, ...]:
        return tuple(sorted(self.query_one("#branch-flips", SelectionList).selected))

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
        if "human" not in self.seats.values() and not self.flips:
            # With bots in every seat and the same answers the branch would play exactly as its parent did.
            self.app.notify(
                "Tick at least one seat to play, or an answer to change: else the branch repeats its parent.",
                severity="warning",
            )
            return
        self.post_message(self.Chosen(self.seats, self.flips))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
