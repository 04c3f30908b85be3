"""The Textual app: the title screen first, then one screen a step of the game.

Startup matters (a class waits for it on a projector), so this module imports Textual and
the title screen only; content, the match, bots and every other screen are imported when
first needed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from .screens.title import TitleScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..match import Match
    from .session import Session, Step, TableSession

WARM_UP_AFTER_S = 0.5  # a moment after the title's first frame: see warmup.py
POLL_SECONDS = 1.0  # how often a table seat reads the table, which other processes change

DARK, LIGHT = "textual-dark", "textual-light"


def _game_commands():
    from .commands import GameCommands

    return GameCommands


def show_control_characters() -> None:
    """Make every text a widget shows safe for the terminal: Textual and Rich strip BEL, BS,
    VT, FF and CR from the text they are given, but pass ESC on, so a custom event's title in
    a save or a table could retitle the terminal (OSC 0) or clear it. Their tables of what to
    strip (plain dicts, read on every text) gain the other control characters, each shown as
    its symbol (ESC as ␛); the five they strip stay stripped. Done once, for the process."""
    import rich.control
    import textual.content

    from ..core.printable import VISIBLE

    for table in (rich.control._CONTROL_STRIP_TRANSLATE, textual.content._CONTROL_STRIP_TRANSLATE):
        for code, symbol in VISIBLE.items():
            table.setdefault(code, symbol)


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
        show_control_characters()
        super().__init__(**kwargs)
        self.content_root = content_root
        self.default_seed = seed
        self.content = None  # loaded after the title's first frame, in a thread (or when first asked)
        self.session: Session | TableSession | None = None
        self.saved_to: Path | None = None  # the last autosave written: said on the way out
        self._game_base = None  # the screen a game was started over: leaving comes back to it
        self._table_watch: Timer | None = None
        self._reading = threading.Lock()  # one reading of the table at a time, in order
        self._loading = threading.Lock()  # the content is loaded once, by whichever asks first
        self.warmed = threading.Event()  # set once the warm-up is over (tests and bench wait on it)

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup: bool = False):
        """Every notification, shown as written: its text often names a file or quotes a save, so
        it is never read as markup (`[/x]` in a file name crashed the Load screen) and its control
        characters are made visible. Screens' `notify` comes here too."""
        from ..core.printable import printable

        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=markup)

    def get_system_commands(self, screen):
        # The game's own Quit (which asks first during a game) and Help (the keys of the
        # screen and the rules) stand in for Textual's: one entry each in the palette.
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command

    def get_default_screen(self) -> TitleScreen:
        # The title is the bottom of the stack: no blank screen to build first, and leaving
        # anything pops back to it.
        return TitleScreen()

    # -- content ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        # A moment after the first frame (no player presses a key sooner), so the title's own
        # start, and the other tabs' starting beside it under `serve`, come first; a daemon
        # thread, not a worker, so quitting at the title does not wait for it.
        warm_up = threading.Thread(target=self._warm_up, name="warm-up", daemon=True)
        self.call_after_refresh(self.set_timer, WARM_UP_AFTER_S, warm_up.start)

    def _warm_up(self) -> None:
        from .warmup import warm_up

        warm_up(self)

    def _load_content_once(self):
        with self._loading:
            if self.content is None:
                from ..content import DEFAULT_CONTENT, load

                self.content = load(self.content_root or DEFAULT_CONTENT)
            return self.content

    async def load_content(self):
        """The content, loaded once off the event loop; raises ContentError if it is broken.
        Always by way of a thread, even when the warm-up has it already: screens that ask
        in their on_mount were written for an answer that comes after their first frame."""
        import asyncio

        return await asyncio.to_thread(self._load_content_once)

    async def content_or_say(self):
        """The content, or None after saying in a notification what is wrong with it."""
        from ..content import ContentError
        from .wording import plural

        try:
            return await self.load_content()
        except ContentError as err:
            first = err.problems[0] if err.problems else "unknown problem"
            self.notify(
                f"{first} ({plural(len(err.problems), 'problem')}; run `python -m game validate`)",
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

        # The form or list the game was started from gives way: leaving the game leads to the title.
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        self.session = Session(match, match.record.facilitator if facilitator is None else facilitator)
        self._begin()

    def start_table(self, tables, code: str, seat: str, key: str, reading) -> None:
        """Sit one team at a table: the same seat screens as at one keyboard, following the
        table, which the app reads every second. Leaving the table comes back to this screen."""
        from .session import TableSession

        self.session = TableSession(tables, code, seat, key, reading)
        self._table_watch = self.set_interval(POLL_SECONDS, self._look_at_table)
        self._begin()

    def _begin(self) -> None:
        self._game_base = self.screen  # leaving the game comes back to it
        self.advance()

    def advance(self) -> None:
        """Show the session's next step in place of the current game screen."""
        step = self.session.next()
        self.show_step(step)

    def show_step(self, step: Step) -> None:
        from .screens import for_step
        from .screens.base import GameScreen

        screen = for_step(step)
        # A toast about one seat's orders must not linger onto the next seat's screens.
        self.clear_notifications()
        if isinstance(self.screen, GameScreen):
            self.switch_screen(screen)
        else:  # the first step, over the screen the game was started from
            self.push_screen(screen)

    def submit_orders(self, order) -> None:
        """A seat's orders are in; the last human's resolves the quarter, which is then saved.
        At a table they go to the table, and the screen moves on once it has them."""
        from .session import TableSession

        if isinstance(self.session, TableSession):
            self._send_orders(self.session, order)
            return
        if self.session.submit(order.seat, order) is not None:
            self.autosave()
        if self.session.facilitator and not self.session.waiting_on:
            self.facilitate()
            return
        self.advance()

    def leave_talks(self, seat: str) -> None:
        """A seat leaves its talks: on to its orders, or, in a turn it was given to answer
        offers after its orders, on to whatever comes next (the quarter may resolve)."""
        from .session import Session

        session = self.session
        if isinstance(session, Session) and session.ordered(seat):
            if session.talks_done(seat) is not None:
                self.autosave()
            if session.facilitator and not session.waiting_on:
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
            FacilitatorScreen(
                session.rules, session.match.state, orders, covered=bool(session.humans), offers=session.offers
            ),
            resolve,
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
        from .session import Session

        if not isinstance(self.session, Session):
            return False  # a table saves its own game, in the process that resolves a quarter
        from ..saves.store import autosave

        try:
            self.saved_to = autosave(self.session.match)
        except OSError as err:
            self.notify(f"Autosave failed: {err.strerror or err}", severity="error", timeout=8)
            return False
        self.session.mark_saved()
        return True

    def leave_game(self) -> None:
        """Back to where the game was started from (the title, or the table's join screen);
        the game stays in its autosave, or at its table."""
        from .session import TableSession

        if self.session is not None and not isinstance(self.session, TableSession):
            self.session.match.close()  # its programs stop (a table's play on for the table)
        self.session = None
        if self._table_watch is not None:
            self._table_watch.stop()
            self._table_watch = None
        base = self._game_base
        while len(self.screen_stack) > 1 and self.screen is not base and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    # -- a table -----------------------------------------------------------------------------

    def _look_at_table(self) -> None:
        session = self.session
        if session is not None and session.table is not None and self._reading.acquire(blocking=False):
            self._read_table(session)

    @work(thread=True, group="table-look")
    def _read_table(self, session) -> None:
        """In a thread holding `_reading`: read the table and hand the reading to the app."""
        try:
            self._take_reading(session)
        finally:
            self._reading.release()

    def _take_reading(self, session) -> None:
        from ..table import TableError

        try:
            reading = session.tables.reading(session.code, session.seat)
        except TableError as err:
            self.call_from_thread(self.notify, str(err), title="The table", severity="error", timeout=8)
            return
        self.call_from_thread(self._table_read, session, reading)

    @work(thread=True, group="table-act")
    def _send_orders(self, session, order) -> None:
        from ..table import TableError

        try:
            session.tables.submit(session.code, session.seat, session.key, session.match.state.quarter, order)
        except TableError as err:
            self.call_from_thread(self.notify, str(err), title="The table says no", severity="error", timeout=8)
            return
        with self._reading:  # the table as the write left it, after any reading under way
            self._take_reading(session)

    def _table_read(self, session, reading) -> None:
        """A reading of the table: the screen on show follows it, unless a dialog is open over it."""
        from .screens.base import GameScreen

        if session is not self.session:
            return  # the team has left the table since
        same_talks = reading.game.offers == session.offers  # an offer or answer changes no seat's status
        if reading.table == session.table and same_talks and not session.moved_on():
            if session.table.clock.timed and isinstance(self.screen, GameScreen):
                self.screen.clock_moved()  # the clock's line counts down between readings
            return
        resolved = session.update(reading)
        screen = self.screen
        if not isinstance(screen, GameScreen):
            return  # a dialog (help, a question): the next reading moves the screen on
        if session.moved_on():
            if resolved and session.current is not None and session.current.kind in ("quarter", "orders"):
                self.notify("The quarter was resolved before your orders came in.", title="The table")
            reopened = not resolved and session.current is not None and session.current.kind == "waiting"
            self.advance()
            if reopened:  # after the step: a new step clears the toasts of the one before
                self.notify("The facilitator re-opened your orders: give them again.", title="The table", timeout=10)
        else:
            screen.table_moved()

    def confirm_leave(self, then_quit: bool) -> None:
        """Quitting or leaving a game in progress asks first, and autosaves on the way out."""
        from .screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return  # already asking
        session = self.session
        if session is not None and session.table is not None:
            question = (
                f"Leave table {session.code}? The game goes on without you; come back with its code "
                f"and your seat key {session.key}."
            )
            yes = "Quit" if then_quit else "Leave"
        elif session is None or not session.unsaved:
            self.exit() if then_quit else self.leave_game()
            return
        else:
            from ..saves.store import autosave_path, shown_path

            played = len(session.match.record.quarters)
            where = shown_path(autosave_path(session.match))
            question = (
                f"Leave this game? It is saved in {where} up to the end of quarter {played}; "
                "orders not yet resolved are lost."
                if played
                else f"Leave this game? It is saved in {where} at its start (same seed and seats); "
                "orders not yet resolved are lost."
            )
            yes = "Save and quit" if then_quit else "Save and leave"

        def answered(leave: bool | None) -> None:
            if not leave:
                return
            self.autosave()
            self.exit() if then_quit else self.leave_game()

        self.push_screen(ConfirmScreen(question, yes), answered)

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

    def action_projector(self) -> None:
        """A table on the classroom projector: public only, read only, no key (projector.py)."""
        from .screens.table_join import TableJoinScreen

        if not self._busy_with_game():
            self.push_screen(TableJoinScreen(projector=True))


def farewell(app: SiliconCurtainApp) -> str:
    """What the terminal says after the game closes: where the game was saved and how to go on."""
    if app.saved_to is None:
        return ""
    from ..saves.store import shown_path

    where = shown_path(app.saved_to)
    return f"Your game is saved in {where}. Go on with: python -m game resume {where}  (or Continue on the title)"
