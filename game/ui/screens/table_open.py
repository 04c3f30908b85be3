"""Open a table (the facilitator): the scenario, which seats teams play and which bots, the seed,
and the quarter's clock.

The table gets a short code to read out to the class, and the facilitator a key to keep;
the facilitator's console follows.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, LoadingIndicator, Select, Static

from ...match import HUMAN
from ...table import TableError, Tables
from ...table.clock import Clock
from ..widgets.header import GameHeader


def seat_options():
    """A team, or a bot of each level the game has."""
    from ...bots import BOTS

    return [("A team", HUMAN)] + [(f"Bot: {level}", f"bot:{level}") for level in BOTS]


class TableOpenScreen(Screen):
    CSS_PATH = "table_open.tcss"
    BINDINGS = [
        Binding("ctrl+s", "open_table", "Open the table"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, tables: Tables):
        super().__init__()
        self.tables = tables
        self.content = None
        self.problem = ""
        self.scenario_id = ""
        # What the facilitator typed, kept when a new scenario redraws the form.
        self.typed: dict[str, str | bool] = {}

    def compose(self) -> ComposeResult:
        yield GameHeader()
        with VerticalScroll(id="open-form"):
            yield Static("Open a table", classes="screen-title")
            if self.content is None:
                yield Static(self.problem, id="open-problem", markup=False) if self.problem else LoadingIndicator()
            else:
                yield from self._form()
        yield Footer()

    def _form(self) -> ComposeResult:
        scenarios = self.content.scenarios
        rules = scenarios[self.scenario_id]
        with Horizontal(classes="open-row"):
            yield Label("Scenario", classes="open-field")
            yield Select(
                [(f"{r.name} ({r.quarters} quarters)", sid) for sid, r in scenarios.items()],
                value=self.scenario_id,
                allow_blank=False,
                compact=True,
                id="scenario",
            )
        yield Static(
            "Each team plays one seat from its own browser tab or terminal; bots take the rest.", classes="table-hint"
        )
        for seat in rules.seats:
            with Horizontal(classes="open-row"):
                yield Label(seat.name, classes="open-field")
                yield Select(seat_options(), value=HUMAN, allow_blank=False, compact=True, id=f"seat-{seat.id}")
        typed = self.typed
        with Horizontal(classes="open-row"):
            yield Label("Seed", classes="open-field")
            yield Input(
                str(typed.get("open-seed", "")), placeholder="random", type="integer", compact=True, id="open-seed"
            )
        with Horizontal(classes="open-row"):
            yield Label("Minutes a quarter", classes="open-field")
            yield Input(
                str(typed.get("open-minutes", "")),
                placeholder="no clock",
                type="number",
                compact=True,
                id="open-minutes",
            )
        with Horizontal(classes="open-row"):
            yield Label("of which talks", classes="open-field")
            yield Input(
                str(typed.get("open-talks", "")), placeholder="all", type="number", compact=True, id="open-talks"
            )
        yield Checkbox(
            "Resolve at zero (teams that have not ordered pass)",
            bool(typed.get("open-zero")),
            compact=True,
            id="open-zero",
        )
        with Horizontal(id="open-buttons"):
            yield Button("Open the table", id="open", variant="primary")
            yield Button("Back", id="back")

    def on_mount(self) -> None:
        self.sub_title = "Facilitator"
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        content = await self.app.content_or_say()
        if content is None or not content.scenarios:
            self.problem = "The content does not load, or has no scenario: run `python -m game validate`."
        else:
            self.content = content
            self.scenario_id = next(iter(content.scenarios))
        await self.recompose()
        if self.content is not None:
            # Into view once laid out, not by focus()'s own animated scroll, which runs before
            # the new layout and stops where timing lets it (as on the new-game form).
            button = self.query_one("#open", Button)
            button.focus(scroll_visible=False)
            button.scroll_visible(animate=False)

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "scenario" and event.value != self.scenario_id:
            event.stop()
            self.scenario_id = event.value
            self.typed = {i: self.query_one(f"#{i}", Input).value for i in ("open-seed", "open-minutes", "open-talks")}
            self.typed["open-zero"] = self.query_one("#open-zero", Checkbox).value
            await self.recompose()
            select = self.query_one("#scenario", Select)
            select.focus(scroll_visible=False)
            select.scroll_visible(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_open_table() if event.button.id == "open" else self.action_back()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_table()

    def action_back(self) -> None:
        self.dismiss()

    def action_open_table(self) -> None:
        if self.content is None:
            return
        rules = self.content.scenarios[self.scenario_id]
        seats = {s: self.query_one(f"#seat-{s}", Select).value for s in rules.seat_ids}
        seed_text = self.query_one("#open-seed", Input).value.strip()
        try:
            seconds, talks = (self._seconds(i) for i in ("#open-minutes", "#open-talks"))
        except ValueError as err:
            self.notify(str(err), title="Cannot open the table", severity="error")
            return
        clock = Clock(seconds, talks, self.query_one("#open-zero", Checkbox).value and bool(seconds))
        self.opening(self.scenario_id, seats, int(seed_text) if seed_text else None, clock)

    def _seconds(self, selector: str) -> int:
        text = self.query_one(selector, Input).value.strip()
        minutes = float(text) if text else 0.0
        if not 0 <= minutes <= 240:
            raise ValueError(f"{text} minutes: give 0 to 240 (empty: no clock)")
        return round(minutes * 60)

    @work(thread=True, exclusive=True, group="table-open")
    def opening(self, scenario: str, seats: dict, seed: int | None, clock: Clock | None = None) -> None:
        try:
            table, key = self.tables.open(scenario, seats, content_root=self.content.root, seed=seed, clock=clock)
            game = self.tables.game(table.code)
        except TableError as err:
            self.app.call_from_thread(self.notify, str(err), title="Cannot open the table", severity="error")
            return
        self.app.call_from_thread(self._opened, table, key, game)

    def _opened(self, table, key, game) -> None:
        from .table_facilitator import TableFacilitatorScreen

        self.app.switch_screen(TableFacilitatorScreen(self.tables, table.code, key, table, game))
