"""New game: the scenario, who plays each seat (a person, a bot of some level, or a program
over the seat protocol, with its command), the seed.

The seed is random by default and always shown, so a class can play the same game again.
"""

from __future__ import annotations

import random
import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Input, Label, LoadingIndicator, Static

from ...match import EXTERNAL, HUMAN
from ..widgets.choices import Choices, Setting
from ..widgets.footer import GameFooter
from ..widgets.header import GameHeader
from ..widgets.programs import PROGRAM_CHOICE, command_row, commands_or_say, keep_typed, show_command
from ..widgets.settings_form import SettingsForm, focus_in_view, scenario_and_seats
from ..wording import plural

# Seconds a program has for a reply, and for its hello: shorter than at the command line, as
# the screen waits while it thinks (the seats' decisions are asked between screens).
SCREEN_TIMEOUT, SCREEN_START_TIMEOUT = 2.0, 5.0
FACILITATOR = (("None", False), ("At this keyboard: sees all, may intervene", True))


def controller_options():
    """Human, then every bot level the game has, read now so new bots appear by themselves,
    then a program of the player's own (docs/seat-protocol.md)."""
    from ...bots import BOTS

    bots = [(f"Bot: {level}", f"bot:{level}") for level in BOTS]
    return [("Human", HUMAN), *bots, PROGRAM_CHOICE]


def default_bot() -> str:
    from ...bots import BOTS

    for level in ("smart", "expert"):  # the friendliest opponent a newcomer can get
        if level in BOTS:
            return f"bot:{level}"
    return f"bot:{next(iter(BOTS))}"


class NewGameScreen(Screen):
    CSS_PATH = "new_game.tcss"
    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self):
        super().__init__()
        self.content = None
        self.problem = ""
        self.scenario_id = ""
        self.controllers: dict[str, str] = {}
        self.commands: dict[str, str] = {}  # the command of each seat played by a program
        self.facilitator = False
        seed = self.app.default_seed if self.app.default_seed is not None else random.randrange(1, 1_000_000)
        self.seed_text = str(seed)

    def compose(self) -> ComposeResult:
        yield GameHeader()
        with SettingsForm(id="form"):
            yield Static("New game", classes="screen-title")
            yield LoadingIndicator()
        yield GameFooter()

    async def _refill(self) -> None:
        """Replace the form's fields; the header and footer stay (rebuilding them races their
        own updates)."""
        await self.query_one("#form", SettingsForm).refill("New game", self._fields())

    def _fields(self) -> list:
        if self.content is None:
            return [Static(self.problem, id="problem", markup=False)]
        scenarios = self.content.scenarios
        rules = scenarios[self.scenario_id]
        settings = [
            *scenario_and_seats(scenarios, self.scenario_id, self.controllers, controller_options()),
            Setting("facilitator", "Facilitator", FACILITATOR, self.facilitator),
        ]
        fields = [
            Static(rules.intro.strip(), id="intro", markup=False),
            Static(
                "Who plays each seat: a person at this keyboard, a bot, or a program. "
                "Up and Down choose a line, Right or Enter changes it.",
                classes="hint",
            ),
            Choices(settings, id="choices"),
        ]
        fields += [
            command_row(seat, self.commands.get(seat.id, ""))
            for seat in rules.seats
            if self.controllers[seat.id] == EXTERNAL
        ]
        fields += [
            Horizontal(
                Label("Seed", classes="field"),
                Input(self.seed_text, type="integer", compact=True, id="seed"),
                classes="row",
            ),
            Static("The same seed, seats and orders give the same game: note it to replay.", classes="hint"),
            Horizontal(Button("Start game", id="start", variant="primary"), Button("Back", id="back"), id="buttons"),
        ]
        return fields

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        from ...content import ContentError

        try:
            self.content = await self.app.load_content()
        except ContentError as err:
            shown = "\n".join(str(p) for p in err.problems[:20])
            more = f"\n… and {len(err.problems) - 20} more" if len(err.problems) > 20 else ""
            self.problem = (
                f"The content has {plural(len(err.problems), 'problem')}; fix them or run "
                f"`python -m game validate`:\n{shown}{more}"
            )
            await self._refill()
            return
        if not self.content.scenarios:
            self.content, self.problem = None, "The content has no scenario to play."
            await self._refill()
            return
        self._choose_scenario(next(iter(self.content.scenarios)))
        await self._refill()
        focus_in_view(self.query_one("#start", Button))

    def _choose_scenario(self, scenario_id: str) -> None:
        rules = self.content.scenarios[scenario_id]
        self.scenario_id = scenario_id
        bot = default_bot()
        old = self.controllers
        self.controllers = {s: old.get(s, HUMAN if i == 0 else bot) for i, s in enumerate(rules.seat_ids)}

    def _keep_typed(self) -> None:
        """What was typed in the seed and command fields, kept before the form is rebuilt."""
        self.seed_text = self.query_one("#seed", Input).value
        keep_typed(self, self.commands)

    def choose(self, setting: str, value) -> None:
        """Set a line of the form ("scenario", "seat-vendor", "facilitator") as a player would."""
        self.query_one("#choices", Choices).choose(setting, value)

    async def on_choices_changed(self, event: Choices.Changed) -> None:
        event.stop()
        if event.setting == "scenario" and event.value != self.scenario_id:
            self._keep_typed()
            self._choose_scenario(str(event.value))
            await self._refill()
            # From the top, whatever the old form's scroll was: the new intro is read from its
            # start. The list then comes into view once the new form is laid out: focus()'s own
            # scroll runs before that layout and animates, so where it stopped depended on timing.
            self.query_one("#form", SettingsForm).show_list_from_top()
        elif event.setting.startswith("seat-"):
            seat = event.setting.removeprefix("seat-")
            was = self.controllers.get(seat)
            self.controllers[seat] = str(event.value)
            if EXTERNAL in (was, event.value) and was != event.value:  # its command field comes or goes
                rules = self.content.scenarios[self.scenario_id]
                await show_command(self, rules, seat, event.value == EXTERNAL, self.commands)
        elif event.setting == "facilitator":
            self.facilitator = bool(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start() if event.button.id == "start" else self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_start(self) -> None:
        if self.content is None:
            self.notify("The content is not loaded.", severity="error")
            return
        text = self.query_one("#seed", Input).value.strip()
        try:
            seed = int(text)
        except ValueError:
            self.notify("The seed must be a whole number, e.g. 4242.", severity="error")
            self.query_one("#seed", Input).focus()
            return
        if seed < 0:
            self.notify("The seed must be 0 or more.", severity="error")
            return
        players = self._programs()
        if players is None:
            return
        from ...match import Match

        rules = self.content.scenarios[self.scenario_id]
        seats = {s: c for s, c in self.controllers.items() if c != EXTERNAL}
        match = Match.start(rules, seed, seats, self.content.fingerprint, self.facilitator, players)
        self.app.start_match(match, facilitator=self.facilitator)

    def _programs(self) -> dict | None:
        """{seat: a factory of its ExternalBot} for the seats a program plays, or None after
        saying which command is wrong. A program's problems are shown as they happen."""
        from functools import partial

        from ...bots.external import ExternalBot

        rules = self.content.scenarios[self.scenario_id]
        commands = commands_or_say(self, rules, self.controllers, self.commands)
        if commands is None:
            return None
        return {
            seat: partial(
                ExternalBot,
                command=command,
                timeout=SCREEN_TIMEOUT,
                start_timeout=SCREEN_START_TIMEOUT,
                report=partial(program_problem, self.app),
            )
            for seat, command in commands.items()
        }


def program_problem(app, line: str) -> None:
    """A program's problem, in a notification: the game goes on without its decision."""
    if threading.current_thread() is threading.main_thread():
        app.notify(line, title="Program", severity="warning", timeout=8)
    else:
        app.call_from_thread(app.notify, line, title="Program", severity="warning", timeout=8)
