"""The facilitator's console: the quarter stops here, orders in, before anything resolves.

The facilitator sees every track, every seat's orders and the quarter's talks (every offer
and its answer), and may stage interventions:
inject an event from the deck, write a custom one (checked like content), force an ordered
action's roll, or set a track (override the licence decision). Pausing holds the quarter
for a discussion: nothing resolves until the facilitator resumes. Resolving dismisses the
screen with the staged interventions, in order, for `Match.play(orders, interventions)`,
which records them in the save.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, ListItem, ListView, Static, TabbedContent, TabPane, Tabs

from ...core.state import Intervention
from ...core.words import plural
from ...report.build import describe_intervention
from ..deal_words import ANSWER_WORDS, offer_name
from ..widgets.facilitator_board import OrdersBoard, TrackBoard
from ..widgets.facilitator_forms import CustomForm, ForceForm, InjectForm, InterventionForm, SetForm
from ..widgets.header import GameHeader
from ..wording import seat_name


def talks_text(rules, offers) -> Text:
    """The quarter's talks for the facilitator: every offer, between whom, and its answer."""
    text = Text("Talks", style="bold")
    for offer in offers:
        who = f"{seat_name(rules, offer.sender)} to {seat_name(rules, offer.receiver)}"
        text.append(f"\n• {who}: {offer_name(rules, offer)} ({ANSWER_WORDS.get(offer.answer, offer.answer)})")
    return text


def _same_target(a: Intervention, b: Intervention) -> bool:
    """Two moves that would fight: the second force of one roll, the second set of one track."""
    return a.kind == b.kind and (
        (a.kind == "force" and a.action == b.action) or (a.kind == "set" and a.track == b.track)
    )


class FacilitatorScreen(Screen):
    """Dismisses with a tuple of Intervention (empty: let the quarter resolve as ordered), or
    None when the facilitator leaves it (Esc, at a table only)."""

    CSS_PATH = "facilitator.tcss"
    BINDINGS = [
        Binding("enter", "uncover", "I am the facilitator", priority=True),
        # One key, two labels: at a table with teams still deciding, ctrl+s keeps the staged
        # moves for when the quarter resolves; otherwise it resolves the quarter with them.
        Binding("ctrl+s", "resolve", "Resolve the quarter"),
        Binding("ctrl+s", "keep", "Keep moves for the quarter"),
        Binding("ctrl+b", "pause", "Pause"),
        Binding("delete", "remove", "Remove staged"),
        Binding("escape", "leave", "Back to the table"),
    ]

    paused = reactive(False)
    covered = reactive(False)

    def __init__(
        self,
        rules,
        state,
        orders: dict,
        waiting: tuple[str, ...] = (),
        covered: bool = False,
        offers=(),
        at_table: bool = False,
        **kwargs,
    ):
        """`orders`: every seat's order for this quarter, bots' included, as they will be played.
        `offers`: the quarter's talks, every seat's: the facilitator sees them all.
        `waiting`: seats still deciding (at a table, where orders arrive one by one).
        `covered`: start behind a hand-off, for a keyboard the teams share with the facilitator.
        `at_table`: opened from a table's console, which Esc goes back to (at one keyboard the
        quarter waits on this screen: there is nowhere to go back to)."""
        super().__init__(**kwargs)
        self.rules = rules
        self.state = state
        self.orders = dict(orders)
        self.waiting = tuple(waiting)
        self.offers = tuple(offers)
        self.at_table = at_table
        self.staged: list[Intervention] = []
        self.set_reactive(FacilitatorScreen.covered, covered)

    def compose(self) -> ComposeResult:
        rules, state, orders = self.rules, self.state, self.orders
        yield GameHeader()
        with Vertical(id="cover"):
            yield Static("Pass the keyboard to", classes="muted")
            yield Static("the Facilitator", id="next-seat")
            yield Static(
                "Every seat's orders are in. Facilitator: press Enter when the teams have looked "
                "away; the console shows everything.",
                id="ask",
            )
            yield Button("I am the facilitator: show the console", id="uncover", variant="primary")
        yield Static("", id="status")
        with TabbedContent(id="tabs"):
            with TabPane("Overview", id="tab-overview"), Horizontal(id="overview"):
                with VerticalScroll(id="tracks", classes="panel") as tracks:
                    tracks.border_title = "Every track"
                    yield TrackBoard(rules, state)
                with VerticalScroll(id="orders", classes="panel") as panel:
                    panel.border_title = "Orders (all seats)"
                    yield OrdersBoard(rules, state, orders)
                    if self.offers:
                        yield Static(talks_text(rules, self.offers), id="talks")
            with TabPane("Inject", id="tab-inject"):
                yield InjectForm(rules, state, orders, id="inject")
            with TabPane("Custom event", id="tab-custom"):
                yield CustomForm(rules, state, orders, id="custom")
            with TabPane("Force a roll", id="tab-force"):
                yield ForceForm(rules, state, orders, id="force")
            with TabPane("Set a track", id="tab-set"):
                yield SetForm(rules, state, orders, id="set")
        staged = ListView(id="staged", classes="panel")
        staged.border_title = "Staged for this quarter"
        yield staged
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Facilitator · Q{self.state.quarter} {self.rules.quarter_label(self.state.quarter)}"
        self._show_status()
        # After the first refresh: Textual's own first focus (the cover's button, hidden when
        # there is no hand-off) would otherwise stay.
        self.call_after_refresh(self.watch_covered, self.covered)

    # -- the hand-off: nothing private shows until the facilitator says it is them ---------

    def watch_covered(self, covered: bool) -> None:
        self.set_class(covered, "-covered")
        if self.is_mounted:
            if covered:
                self.query_one("#uncover", Button).focus()
            else:
                self.query_one("#tabs", TabbedContent).query_one(Tabs).focus()  # the tab row: arrows move
            self.refresh_bindings()

    def action_uncover(self) -> None:
        self.covered = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "uncover":
            event.stop()
            self.action_uncover()

    # -- staging ---------------------------------------------------------------------------

    def on_intervention_form_proposed(self, message: InterventionForm.Proposed) -> None:
        message.stop()
        item = message.item
        clash = next((s for s in self.staged if _same_target(s, item)), None)
        if clash is not None:
            message.form.show_errors([f"already staged: {describe_intervention(self.rules, clash)}; remove it first"])
            return
        self.staged.append(item)
        message.form.cleared()
        self.query_one("#staged", ListView).append(
            ListItem(Label(describe_intervention(self.rules, item), markup=False))
        )
        self._show_status()

    def action_remove(self) -> None:
        staged = self.query_one("#staged", ListView)
        index = staged.index
        if index is None or not 0 <= index < len(self.staged):
            self.notify("Select a staged intervention first (click it, or Tab to the list).")
            return
        del self.staged[index]
        staged.children[index].remove()
        self._show_status()

    # -- pause and resolve -----------------------------------------------------------------

    def action_pause(self) -> None:
        self.paused = not self.paused

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
        if self.is_mounted:
            self._show_status()
            self.refresh_bindings()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "uncover":
            return self.covered
        if self.covered:
            return False  # behind the hand-off, the console's keys do nothing and are not shown
        if action == "leave":
            return self.at_table
        keeping = self.at_table and bool(self.waiting)
        if action in ("resolve", "keep") and (action == "keep") != keeping:
            return False
        if action == "resolve" and self.paused:
            return None  # shown, greyed: the pause is what stops it
        return True

    def action_resolve(self) -> None:
        if self.paused:
            return
        self.dismiss(tuple(self.staged))

    def action_keep(self) -> None:
        self.dismiss(tuple(self.staged))

    def action_leave(self) -> None:
        """Back to the table's console; staged moves are dropped, after asking."""
        if not self.staged:
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        n = len(self.staged)
        question = f"Leave the console? {n} staged move{'s are' if n != 1 else ' is'} dropped (ctrl+s keeps them)."
        self.app.push_screen(ConfirmScreen(question, "Leave", "Stay"), lambda yes: self.dismiss(None) if yes else None)

    def _show_status(self) -> None:
        n = len(self.staged)
        staged = f"{plural(n, 'intervention')} staged" if n else "nothing staged"
        if self.paused:
            text = f"PAUSED: the quarter will not resolve until you resume (ctrl+b). {staged}."
        elif self.waiting:
            names = ", ".join(self.rules.seat(s).name for s in self.waiting)
            text = f"Still deciding: {names}. {staged.capitalize()}; ctrl+s keeps them for when it resolves."
        else:
            text = f"Every order is in. {staged.capitalize()}. Resolve with ctrl+s."
        self.query_one("#status", Static).update(text)
