"""Help: every key of every screen, read from the screens' own bindings so it never drifts."""

from __future__ import annotations

from importlib import import_module

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# (heading, module, class); modules other helpers write are shown once they exist.
SCREENS = (
    ("Title", "game.ui.screens.title", "TitleScreen"),
    ("New game", "game.ui.screens.new_game", "NewGameScreen"),
    ("Opening", "game.ui.screens.intro", "IntroScreen"),
    ("Hand-off", "game.ui.screens.handoff", "HandoffScreen"),
    ("Briefing", "game.ui.screens.briefing", "BriefingScreen"),
    ("News and dashboard", "game.ui.screens.quarter", "QuarterScreen"),
    ("Orders", "game.ui.screens.orders", "OrdersScreen"),
    ("Report", "game.ui.screens.report", "ReportScreen"),
    ("End", "game.ui.screens.end", "EndScreen"),
    ("Debrief", "game.ui.screens.debrief", "DebriefScreen"),
    ("Load a save", "game.ui.screens.load", "LoadScreen"),
    ("Replay", "game.ui.screens.replay", "ReplayScreen"),
    ("Compare a branch", "game.ui.screens.compare", "CompareScreen"),
    ("Facilitator", "game.ui.screens.facilitator", "FacilitatorScreen"),
    ("Join a table", "game.ui.screens.table_join", "TableJoinScreen"),
    ("Open a table", "game.ui.screens.table_open", "TableOpenScreen"),
    ("At a table: a seat", "game.ui.screens.table_seat", "TableSeatScreen"),
    ("At a table: the facilitator", "game.ui.screens.table_facilitator", "TableFacilitatorScreen"),
    ("Question", "game.ui.screens.confirm", "ConfirmScreen"),
)

# Keys that widgets handle themselves, which no screen binding lists.
MOVING = (
    ("Tab / Shift+Tab", "move between panels, lists and fields"),
    ("↑ ↓ PgUp PgDn Home End", "move in a list, scroll a panel"),
    ("Enter", "choose the highlighted item; press the focused button"),
    ("Space", "choose an action (orders); pick an option (decisions)"),
    ("← →", "switch tabs (debrief), pick an option (decisions)"),
    ("Mouse", "click items, buttons and tabs; scroll with the wheel"),
)


def bindings_of(cls) -> list[Binding]:
    out = []
    for item in getattr(cls, "BINDINGS", []):
        out.append(item if isinstance(item, Binding) else Binding(*item))
    return out


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as box:
            box.border_title = "Keys (Esc closes)"
            yield Static(self._keys())

    def _keys(self) -> Table:
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        app = type(self.app)
        table.add_row(Text("Everywhere", style="bold underline"), "")
        table.add_row(self._key(app.COMMAND_PALETTE_BINDING), "command palette: new game, help, theme, leave, quit…")
        for key, does in self._rows(app):
            table.add_row(key, does)
        for key, does in MOVING:
            table.add_row(key, does)
        for heading, module, name in SCREENS:
            try:
                cls = getattr(import_module(module), name)
            except (ImportError, AttributeError):
                continue
            rows = self._rows(cls)
            if not rows:
                continue
            table.add_row("", "")
            table.add_row(Text(heading, style="bold underline"), "")
            for key, does in rows:
                table.add_row(key, does)
        return table

    def _rows(self, cls) -> list[tuple[str, str]]:
        """One row an action: keys bound to the same action share it."""
        keys: dict[str, list[str]] = {}
        said: dict[str, str] = {}
        for b in bindings_of(cls):
            keys.setdefault(b.action, []).append(self._key(b.key))
            said[b.action] = said.get(b.action) or b.tooltip or b.description or b.action
        return [(" / ".join(k), said[action]) for action, k in keys.items()]

    def _key(self, keys: str) -> str:
        return " / ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))

    def action_close(self) -> None:
        self.dismiss()
