"""The title: new game, continue, load, replay, help, quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...paths import where_told
from ..widgets.footer import GameFooter

BANNER = """\
╔═╗╦╦  ╦╔═╗╔═╗╔╗╔  ╔═╗╦ ╦╦═╗╔╦╗╔═╗╦╔╗╔
╚═╗║║  ║║  ║ ║║║║  ║  ║ ║╠╦╝ ║ ╠═╣║║║║
╚═╝╩╩═╝╩╚═╝╚═╝╝╚╝  ╚═╝╚═╝╩╚═ ╩ ╩ ╩╩╝╚╝"""

# (option id, label, key): the menu and the keys that jump straight to an item.
MENU = (
    ("new_game", "New game", "n"),
    ("continue_game", "Continue the last game", "c"),
    ("load_game", "Load a saved game", "l"),
    ("replay_game", "Replay a saved game", "r"),
    ("table", "Play at a table (class)", "t"),
    ("help", "Help and keys", "f1"),
    ("quit", "Quit", "q"),
)


class TitleScreen(Screen):
    CSS_PATH = "title.tcss"
    BINDINGS = [
        # The menu shows these keys beside its items; the footer keeps to the keys of every screen.
        Binding("n", "app.new_game", "New game", show=False),
        Binding("c", "app.continue_game", "Continue", show=False),
        Binding("l", "app.load_game", "Load", show=False),
        Binding("r", "app.replay_game", "Replay", show=False),
        Binding("t", "app.table", "Table", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner")
            yield Static("AI-chip geopolitics, quarter by quarter", id="tagline")
            yield Static("A tabletop exercise for one to three players, bots in the empty seats.", id="subtitle")
            told = where_told(on_first_write=False)  # the first start: where the games will be kept
            if told:
                yield Static(told, id="where", markup=False)
            with Center():
                yield OptionList(
                    *(Option(f"{label:<26}{key.upper():>4}", id=option_id) for option_id, label, key in MENU),
                    id="menu",
                )
        yield GameFooter()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.app.run_action(event.option.id)
