"""The Textual app: the title screen first, then one screen a step of the game.

Startup matters (a class waits for it on a projector), so this module imports Textual and
the title screen only; content, the match, bots and every other screen are imported when
first needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from .screens.title import TitleScreen

if TYPE_CHECKING:
    from ..match import Match
    from .session import Session, Step

DARK, LIGHT = "textual-dark", "textual-light"


def _game_commands():
    from .commands import GameCommands

    return GameCommands


class SiliconCurtainApp(App):
    TITLE = "Silicon Curtain"
    # The title is the default screen, whose own CSS_PATH Textual does not load: the app does.
    CSS_PATH = ["app.tcss", "screens/title.tcss"]
    COMMANDS = App.COMMANDS | {_game_commands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(self, content_root: Path | None = None, seed: int | None = None, **kwargs):
        """`content_root`: the content folder (None: the shipped one). `seed`: the seed the
        new-game screen offers first (None: a random one), so tests and classes can fix it."""
        super().__init__(**kwargs)
        self.content_root = content_root
        self.default_seed = seed
        self.content = None  # loaded on the first new game, in a thread
        self.session: Session | None = None

    def get_default_screen(self) -> TitleScreen:
        # The title is the bottom of the stack: no blank screen to build first, and leaving
        # anything pops back to it.
        return TitleScreen()

    # -- content ---------------------------------------------------------------------------

    async def load_content(self):
        """The content, loaded once off the event loop; raises ContentError if it is broken."""
        if self.content is None:
            import asyncio

            from ..content import DEFAULT_CONTENT, load

            self.content = await asyncio.to_thread(load, self.content_root or DEFAULT_CONTENT)
        return self.content

    async def content_or_say(self):
        """The content, or None after saying in a notification what is wrong with it."""
        from ..content import ContentError

        try:
            return await self.load_content()
        except ContentError as err:
            first = err.problems[0] if err.problems else "unknown problem"
            self.notify(
                f"{first} ({len(err.problems)} problem(s); run `python -m game validate`)",
                title="The content does not load",
                severity="error",
                timeout=12,
            )
            return None

    # -- the game ----------------------------------------------------------------------------

    @work(exclusive=True, group="resume")
    async def resume_save(self, path: Path) -> None:
        """Resume the game saved at `path` (the title's Continue)."""
        import asyncio

        from ..saves.loading import load_game
        from ..saves.reader import SaveError

        content = await self.content_or_say()
        if content is None:
            return
        try:
            loaded = await asyncio.to_thread(load_game, path, content)
            match = loaded.match()
        except SaveError as err:
            self.notify(str(err), title="Cannot continue", severity="error", timeout=12)
            return
        self.start_match(match)

    def start_match(self, match: Match, facilitator: bool | None = None) -> None:
        """Play `match` from where it stands: a new game, or one resumed from a save (with a
        facilitator if the game had one, unless `facilitator` says otherwise)."""
        from .session import Session

        self.session = Session(match, match.record.facilitator if facilitator is None else facilitator)
        self.advance()

    def advance(self) -> None:
        """Show the session's next step in place of the current game screen."""
        step = self.session.next()
        self.show_step(step)

    def show_step(self, step: Step) -> None:
        from .screens import for_step

        screen = for_step(step)
        # A toast about one seat's orders must not linger onto the next seat's screens.
        self.clear_notifications()
        if isinstance(self.screen, TitleScreen):
            self.push_screen(screen)
        else:  # a game screen, or the new-game / load screen the game was started from
            self.switch_screen(screen)

    def submit_orders(self, order) -> None:
        """A seat's orders are in; the last human's resolves the quarter, which is then saved."""
        if self.session.submit(order.seat, order) is not None:
            self.autosave()
        if self.session.facilitator and not self.session.waiting_on:
            self.facilitate()
            return
        self.advance()

    def facilitate(self) -> None:
        """Every order is in: the facilitator's console, then the quarter resolves with what it staged."""
        from .screens.facilitator import FacilitatorScreen

        session = self.session

        def resolve(interventions) -> None:
            session.resolve(interventions or ())
            self.autosave()
            self.advance()

        orders = session.match.bot_orders() | session.orders
        # Teams share this keyboard: the console opens behind a hand-off.
        self.push_screen(
            FacilitatorScreen(session.rules, session.match.state, orders, covered=bool(session.humans)), resolve
        )

    def play_bots_quarter(self) -> None:
        """A game with no human: the room asks for the next quarter, the bots give orders."""
        if self.session.facilitator:
            self.facilitate()
            return
        self.session.resolve()
        self.autosave()
        self.advance()

    def autosave(self) -> bool:
        if self.session is None:
            return False
        from ..saves.store import autosave

        try:
            autosave(self.session.match)
        except OSError as err:
            self.notify(f"Autosave failed: {err.strerror or err}", severity="error", timeout=8)
            return False
        self.session.mark_saved()
        return True

    def leave_game(self) -> None:
        """Back to the title; the game stays in its autosave."""
        self.session = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    def confirm_leave(self, then_quit: bool) -> None:
        """Quitting or leaving a game in progress asks first, and autosaves on the way out."""
        from .screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return  # already asking
        session = self.session
        if session is None or not session.unsaved:
            self.exit() if then_quit else self.leave_game()
            return
        played = len(session.match.record.quarters)
        question = (
            f"Leave this game? It is saved up to the end of quarter {played}; orders not yet resolved are lost."
            if played
            else "Leave this game? It is saved at its start (same seed and seats); orders not yet resolved are lost."
        )

        def answered(leave: bool | None) -> None:
            if not leave:
                return
            self.autosave()
            self.exit() if then_quit else self.leave_game()

        self.push_screen(ConfirmScreen(question, "Save and quit" if then_quit else "Save and leave"), answered)

    # -- keys everywhere -------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.confirm_leave(then_quit=True)

    def action_leave_game(self) -> None:
        self.confirm_leave(then_quit=False)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_continue_game(self) -> None:
        if self._busy_with_game():
            return
        from ..saves.store import latest_autosave

        path = latest_autosave()
        if path is None:
            self.notify("No autosaved game in progress: start a new game.", title="Continue")
            return
        self.resume_save(path)

    def action_load_game(self) -> None:
        if not self._busy_with_game():
            from .screens.load import LoadScreen

            self.push_screen(LoadScreen("resume"))

    def action_replay_game(self) -> None:
        if not self._busy_with_game():
            from .screens.load import LoadScreen

            self.push_screen(LoadScreen("replay"))

    def _busy_with_game(self) -> bool:
        if self.session is not None:
            self.notify("Finish or leave the game in progress first (Ctrl+P: Leave the game).")
            return True
        return False

    def action_new_game(self) -> None:
        from .screens.new_game import NewGameScreen

        if not self._busy_with_game():
            self.push_screen(NewGameScreen())

    def action_table(self) -> None:
        """A table: one game, each team at its own browser tab or terminal (game/table)."""
        from .screens.table_join import TableJoinScreen

        if not self._busy_with_game():
            self.push_screen(TableJoinScreen())
