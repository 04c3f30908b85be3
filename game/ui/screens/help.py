"""Help: the keys of the screen it was opened from, and the rules of the game in progress.

"Keys" lists only what works where help was opened: the active bindings of the screen
underneath (its own, its focused panel's and the app's), as its `check_action` allows them,
so it never drifts from the screens and never lists a key that does nothing there.

"Rules" is the scenario's rulebook (`ui.rulebook`), for the eyes of whoever may be looking:
a seat's own screens show that seat's page, a screen for the room only what every seat sees,
the facilitator, the replay and the debrief everything. With no game in progress, it shows the
default scenario as every seat sees it.
"""

from __future__ import annotations

from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static, TabbedContent, TabPane

from ..widgets.footer import GameFooter

DEFAULT_SCENARIO = "h200"

# Screens by class name as the player knows them; others are named by their class.
NAMES = {
    "TitleScreen": "title",
    "NewGameScreen": "new game",
    "IntroScreen": "opening",
    "HandoffScreen": "hand-off",
    "BriefingScreen": "briefing",
    "QuarterScreen": "news and dashboard",
    "TalksScreen": "talks",
    "OfferScreen": "new offer",
    "OrdersScreen": "orders",
    "ReportScreen": "report",
    "EndScreen": "end",
    "DebriefScreen": "debrief",
    "LoadScreen": "load",
    "ReplayScreen": "replay",
    "CompareScreen": "compare",
    "FacilitatorScreen": "facilitator's console",
    "TableJoinScreen": "join a table",
    "TableOpenScreen": "open a table",
    "TableSeatScreen": "table seat",
    "TableFacilitatorScreen": "table facilitator",
    "ConfirmScreen": "question",
    "WaitingScreen": "waiting",
}

# Bindings every screen inherits from Textual that a player has no use for in this game.
QUIET_ACTIONS = {"screen.copy_text"}
# Scrolling keys, which do nothing on a panel that cannot scroll that way.
SCROLL_X = {"scroll_left", "scroll_right", "page_left", "page_right"}
SCROLL_Y = {"scroll_up", "scroll_down", "scroll_home", "scroll_end", "page_up", "page_down"}
# What some of the app's actions do, said more fully than their footer labels.
SAID = {"command_palette": "command palette: new game, help, theme, leave, quit and more"}


def keys_of(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys that do something on `screen` now, as (section, [(keys, what they do)]):
    the screen's own, its focused panel's, then the app's. Keys bound to the same action
    share a row; actions `check_action` disables are left out."""
    app = screen.app
    sections: dict[str, dict[str, tuple[list[str], str]]] = {}
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if not active.enabled or binding.action in QUIET_ACTIONS or not _moves(node, binding.action):
            continue
        if node is app:
            section = "Everywhere"
        elif node is screen:
            section = "On this screen"
        else:
            label = getattr(node, "border_title", None) or "the focused panel"
            section = f"In {label}" if label == "the focused panel" else f"In “{label}”"
        rows = sections.setdefault(section, {})
        shown = key_name(app.get_key_display(Binding(key, "")))
        said = SAID.get(binding.action) or binding.tooltip or binding.description or binding.action
        keys, _ = rows.setdefault(binding.action, ([], said))
        if shown not in keys:
            keys.append(shown)
    order = ["On this screen", *(s for s in sections if s.startswith("In ")), "Everywhere"]
    return [(s, [(" / ".join(k), said) for k, said in sections[s].values()]) for s in order if s in sections]


def _moves(node, action: str) -> bool:
    """False for a scrolling key on a panel with nothing to scroll that way."""
    if action in SCROLL_X:
        return bool(getattr(node, "allow_horizontal_scroll", True))
    if action in SCROLL_Y and getattr(node, "is_scrollable", False):
        return bool(getattr(node, "allow_vertical_scroll", True))
    return True


_KEY_WORDS = {"pgup": "PgUp", "pgdn": "PgDn", "esc": "Esc"}


def key_name(shown: str) -> str:
    """'shift+tab' as 'Shift+Tab', 'pgup' as 'PgUp'; symbols and letters as they are."""
    if len(shown) <= 1:
        return shown
    return "+".join(_KEY_WORDS.get(p, p[:1].upper() + p[1:]) if len(p) > 1 else p for p in shown.split("+"))


def screen_name(screen: Screen) -> str:
    name = type(screen).__name__
    return NAMES.get(name, name.removesuffix("Screen").lower() or name)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    AUTO_FOCUS = "#keys-scroll"  # arrows and PgUp/PgDn scroll the page at once
    BINDINGS = [
        Binding("escape,f1,question_mark", "close", "Close"),
        Binding("k", "tab('keys')", "Keys"),
        Binding("r", "tab('rules')", "Rules"),
    ]

    def compose(self) -> ComposeResult:
        under = self._under()
        with Vertical(id="help"), TabbedContent(id="tabs", initial="keys"):
            with TabPane("Keys", id="keys"), VerticalScroll(id="keys-scroll"):
                yield Static(self._keys(under), id="keys-table")
            with TabPane("Rules", id="rules"), VerticalScroll(id="rules-scroll"):
                yield Static(id="rulebook")
        yield GameFooter()

    def on_mount(self) -> None:
        self._show_rules(self._under())

    def _under(self) -> Screen | None:
        """The screen help was opened from: the one below it on the stack."""
        stack = self.app.screen_stack
        below = stack[: stack.index(self)] if self in stack else stack
        return below[-1] if below else None

    # -- keys ----------------------------------------------------------------------------------

    def _keys(self, under: Screen | None) -> Table | Text:
        if under is None:
            return Text("No screen to describe.")
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        table.add_row(Text(f"Keys on the {screen_name(under)} screen", style="bold"), "")
        for section, rows in keys_of(under):
            table.add_row("", "")
            table.add_row(Text(section, style="bold underline"), "")
            for keys, said in rows:
                table.add_row(keys, said)
        return table

    # -- rules ---------------------------------------------------------------------------------

    def _show_rules(self, under: Screen | None) -> None:
        rules, seat = self._reader(under)
        if rules is None:
            self._page("*Loading the rules…*")
            self._load_default()
            return
        self._write(rules, seat, "")

    def _write(self, rules, seat: str | None, note: str) -> None:
        from ..rulebook import rulebook
        from ..wording import seat_name

        if seat is None:
            whose = "with everything shown"
        elif seat == "":
            whose = "as every seat sees them"
        else:
            whose = f"as the {seat_name(rules, seat)} sees them"
        lead = note or f"*The rules of this game, {whose}.*"
        self._page(f"{lead}\n\n{rulebook(rules, seat)}")

    def _page(self, markdown: str) -> None:
        # Rich's Markdown in one Static: Textual's Markdown widget makes a widget a block and
        # took seconds for a rulebook at 80 columns; this renders once, when the tab is shown.
        self.query_one("#rulebook", Static).update(Markdown(markdown, hyperlinks=False))

    def _reader(self, under: Screen | None):
        """(rules, seat) for the rules page: the game of the screens below, for the eyes of
        whoever may be looking at them (see the module's doc); (None, "") without a game."""
        from ...core.model import Rules

        session = getattr(self.app, "session", None)
        stack = self.app.screen_stack
        below = stack[: stack.index(self)] if self in stack else stack
        for screen in reversed(below):
            step = getattr(screen, "step", None)
            if step is not None and session is not None:
                return session.rules, self._eyes(session, step)
            rules = getattr(screen, "rules", None)
            if isinstance(rules, Rules):
                seat = getattr(screen, "seat", None)
                return rules, seat if seat in rules.seat_ids else None
        if session is not None:
            current = session.current
            return session.rules, self._eyes(session, current) if current is not None else ""
        return None, ""

    @staticmethod
    def _eyes(session, step) -> str | None:
        from ..session import DEBRIEF, END, HANDOFF

        if step.kind in (END, DEBRIEF) or not session.humans:
            return None  # the game is over, or only bots play: nothing is secret
        if step.seat is not None and step.kind != HANDOFF:
            return step.seat
        return session.humans[0] if len(session.humans) == 1 else ""

    @work(exclusive=True, group="help-rules")
    async def _load_default(self) -> None:
        from ...content import ContentError

        try:
            content = await self.app.load_content()
        except ContentError as err:
            first = err.problems[0] if err.problems else "unknown problem"
            self._page(f"The content does not load: {first}")
            return
        scenarios = content.scenarios
        scenario = DEFAULT_SCENARIO if DEFAULT_SCENARIO in scenarios else next(iter(scenarios))
        rules = scenarios[scenario]
        note = (
            f"*No game in progress: these are the rules of **{rules.name}**, as every seat sees "
            "them. Start a game from the title with N; each seat then finds its own page here.*"
        )
        self._write(rules, "", note)

    # -- keys of the help itself ---------------------------------------------------------------

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The page shown takes the focus, so the arrows scroll it whichever way it was chosen.
        if event.pane.id:
            self.query_one(f"#{event.pane.id}-scroll").focus()

    def action_close(self) -> None:
        self.dismiss()
