"""Open a table (the facilitator): the scenario, which seats teams play and which bots or
programs, the seed, and the quarter's clock, on one settings list as on the new-game form.

The table gets a short code to read out to the class, and the facilitator a key to keep;
the facilitator's console follows.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, LoadingIndicator, Static

from ...match import EXTERNAL, HUMAN
from ...table import TableError, Tables
from ...table.clock import Clock
from ..widgets.choices import Choices, Setting
from ..widgets.header import GameHeader
from ..widgets.programs import PROGRAM_CHOICE, command_row, commands_or_say, keep_typed, show_command
from ..widgets.settings_form import SettingsForm, focus_in_view, scenario_and_seats

AT_ZERO = (("Wait for every team", False), ("Resolve: who has not ordered passes", True))
TYPED = ("open-seed", "open-minutes", "open-talks")  # kept when a new scenario redraws the form


def seat_options():
    """A team, a bot of each level the game has, or a program of the facilitator's own."""
    from ...bots import BOTS

    return [("A team", HUMAN), *((f"Bot: {level}", f"bot:{level}") for level in BOTS), PROGRAM_CHOICE]


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
        self.scenario_id = ""
        self.controllers: dict[str, str] = {}
        self.commands: dict[str, str] = {}  # the command of each seat played by a program
        self.at_zero = False
        self.typed: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield GameHeader()
        with SettingsForm(id="open-form"):
            yield Static("Open a table", classes="screen-title")
            yield LoadingIndicator()
        yield Footer()

    async def _refill(self, fields: list) -> None:
        """Replace the form's fields; the header and footer stay (as on the new-game form)."""
        await self.query_one("#open-form", SettingsForm).refill("Open a table", fields)

    def _fields(self) -> list:
        scenarios = self.content.scenarios
        rules = scenarios[self.scenario_id]
        settings = [
            *scenario_and_seats(scenarios, self.scenario_id, self.controllers, seat_options()),
            Setting("at-zero", "When time is up", AT_ZERO, self.at_zero),
        ]
        fields = [
            Static(
                "Each team plays one seat from its own browser tab or terminal; bots or programs take "
                "the rest. Up and Down choose a line, Right or Enter changes it.",
                classes="hint",
            ),
            Choices(settings, id="choices"),
            *(command_row(s, self.commands.get(s.id, "")) for s in rules.seats if self.controllers[s.id] == EXTERNAL),
        ]
        typed = self.typed.get
        for field, label, placeholder, kind in (
            ("open-seed", "Seed", "random", "integer"),
            ("open-minutes", "Minutes a quarter", "no clock", "number"),
            ("open-talks", "of which talks", "all", "number"),
        ):
            entry = Input(typed(field, ""), placeholder=placeholder, type=kind, compact=True, id=field)
            fields.append(Horizontal(Label(label, classes="field"), entry, classes="row"))
        fields.append(
            Horizontal(Button("Open the table", id="open", variant="primary"), Button("Back", id="back"), id="buttons")
        )
        return fields

    def on_mount(self) -> None:
        self.sub_title = "Facilitator"
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        content = await self.app.content_or_say()
        if content is None or not content.scenarios:
            problem = "The content does not load, or has no scenario: run `python -m game validate`."
            await self._refill([Static(problem, id="open-problem", markup=False)])
            return
        self.content = content
        self._choose_scenario(next(iter(content.scenarios)))
        await self._refill(self._fields())
        focus_in_view(self.query_one("#open", Button))

    def _choose_scenario(self, scenario_id: str) -> None:
        """Teams in every seat at first; a seat the new scenario shares keeps its choice."""
        self.scenario_id = scenario_id
        old = self.controllers
        self.controllers = {s: old.get(s, HUMAN) for s in self.content.scenarios[scenario_id].seat_ids}

    def choose(self, setting: str, value) -> None:
        """Set a line of the list ("scenario", "seat-vendor", "at-zero") as the facilitator would."""
        self.query_one("#choices", Choices).choose(setting, value)

    async def on_choices_changed(self, event: Choices.Changed) -> None:
        event.stop()
        if event.setting == "scenario" and event.value != self.scenario_id:
            self.typed = {field: self.query_one(f"#{field}", Input).value for field in TYPED}
            keep_typed(self, self.commands)
            self._choose_scenario(str(event.value))
            await self._refill(self._fields())
            self.query_one("#open-form", SettingsForm).show_list_from_top()
        elif event.setting.startswith("seat-"):
            seat = event.setting.removeprefix("seat-")
            was, self.controllers[seat] = self.controllers[seat], str(event.value)
            if EXTERNAL in (was, event.value) and was != event.value:  # its command row comes or goes
                rules = self.content.scenarios[self.scenario_id]
                await show_command(self, rules, seat, event.value == EXTERNAL, self.commands)
        elif event.setting == "at-zero":
            self.at_zero = bool(event.value)

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
        programs = commands_or_say(self, rules, self.controllers, self.commands)
        if programs is None:
            return
        seats = {s: c for s, c in self.controllers.items() if c != EXTERNAL}
        seed_text = self.query_one("#open-seed", Input).value.strip()
        try:
            seconds, talks = (self._seconds(i) for i in ("#open-minutes", "#open-talks"))
        except ValueError as err:
            self.notify(str(err), title="Cannot open the table", severity="error")
            return
        clock = Clock(seconds, talks, self.at_zero and bool(seconds))
        self.opening(self.scenario_id, seats, int(seed_text) if seed_text else None, clock, programs)

    def _seconds(self, selector: str) -> int:
        text = self.query_one(selector, Input).value.strip()
        minutes = float(text) if text else 0.0
        if not 0 <= minutes <= 240:
            raise ValueError(f"{text} minutes: give 0 to 240 (empty: no clock)")
        return round(minutes * 60)

    @work(thread=True, exclusive=True, group="table-open")
    def opening(self, scenario: str, seats: dict, seed: int | None, clock: Clock, programs: dict) -> None:
        try:
            root = self.content.root
            table, key = self.tables.open(scenario, seats, content_root=root, seed=seed, clock=clock, programs=programs)
            game = self.tables.game(table.code)
        except TableError as err:
            self.app.call_from_thread(self.notify, str(err), title="Cannot open the table", severity="error")
            return
        self.app.call_from_thread(self._opened, table, key, game)

    def _opened(self, table, key, game) -> None:
        from .table_facilitator import TableFacilitatorScreen

        self.app.switch_screen(TableFacilitatorScreen(self.tables, table.code, key, table, game))
