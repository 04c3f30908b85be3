"""What else could have happened from the quarter the replay viewer shows: bot games from
its start (the fork of `analysis.whatif`), their endings, fan charts of the main tracks with
the game's line over them, and each seat's order that quarter against a smart bot's.

The games are played in a worker thread with a progress bar; closing the screen stops them.
"""

from __future__ import annotations

import threading

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from ..widgets.header import GameHeader

GAMES = 60  # a minute or less of smart-bot games on one core: enough for a band's shape
DECISION_GAMES = 8  # each side of a decision


class WhatIfScreen(Screen):
    CSS_PATH = "whatif.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, loaded, quarter: int, games: int = GAMES):
        super().__init__()
        self.loaded = loaded
        self.quarter = quarter
        self.games = games
        self.closing = False
        self.result = None
        self.done = threading.Event()  # set when the worker thread has stopped, finished or not

    def compose(self) -> ComposeResult:
        yield GameHeader()
        yield Static(self._heading(), id="whatif-heading", markup=False)
        yield ProgressBar(total=self.games, id="whatif-progress", show_eta=True)
        with VerticalScroll(id="whatif-body"):
            yield Static("", id="whatif-endings")
            yield Static("", id="whatif-fans")
            yield Static("", id="whatif-decisions")
        yield Footer()

    def _heading(self) -> str:
        rules, q = self.loaded.rules, self.quarter
        where = "its opening" if q == 1 else f"the start of Q{q} ({rules.quarter_label(q)}), before its news"
        return f"What else could have happened: {self.games} bot games from {where}."

    def on_mount(self) -> None:
        self.title = "What if"
        self.sub_title = self.loaded.path.name
        self.query_one("#whatif-body").focus()
        self.play()

    @work(thread=True, exclusive=True, group="whatif")
    def play(self) -> None:
        from ...analysis.runner import Stop

        bar = self.query_one("#whatif-progress", ProgressBar)

        def advance(n: int) -> None:
            if self.closing:
                raise Stop
            self.app.call_from_thread(bar.advance, n)

        try:
            self._play(advance)
        finally:
            self.done.set()

    def _play(self, advance) -> None:
        from ...analysis.work import Source
        from ...report.whatif import gather

        bar = self.query_one("#whatif-progress", ProgressBar)
        loaded = self.loaded
        run = loaded.run
        # Never read: with one worker the games are played here, on the rules already loaded.
        source = Source(str(loaded.path.parent), loaded.fingerprint)
        result = gather(
            loaded.rules,
            loaded.record,
            run.states,
            run.settled,
            source,
            self.games,
            from_quarter=self.quarter,
            quarters=(self.quarter,),
            decision_games=DECISION_GAMES,
            workers=1,
            advance=advance,
            total=lambda n: self.app.call_from_thread(bar.update, total=n),
        )
        if not self.closing:
            self.app.call_from_thread(self.show, result)

    def show(self, w) -> None:
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        from ..widgets.fan_chart import fan_text, legend

        self.result = w
        self.query_one("#whatif-progress").display = False
        ending = Table(show_edge=False)
        ending.add_column("Ending")
        ending.add_column("Share of games", justify="right")
        for title, share in w.endings:
            ending.add_row(title, f"{share:.0%}")
        line = Text(_ending_line(w) + (" (stopped early)" if w.stopped else ""), style="bold")
        self.query_one("#whatif-endings", Static).update(Group(line, ending))
        fans = [legend(), *(fan_text(f) for f in w.fans)]
        for f in w.fans:
            fans.append(f"{f.name}: this game ended higher than {f.rank:.0%} of games")
        self.query_one("#whatif-fans", Static).update(Group(*fans))
        self.query_one("#whatif-decisions", Static).update(_decisions(w, self.quarter))

    def action_close(self) -> None:
        self.closing = True
        self.app.pop_screen()


def _ending_line(w) -> str:
    from ...report.whatif import _ending_line as line

    return line(w)


def _decisions(w, quarter: int) -> str:
    lines = [f"Q{quarter}: each seat's order against a smart bot's ({w.decision_games} games each side)"]
    any_choice = False
    for seat, choices in w.choices:
        for c in choices:
            any_choice = True
            lines.append(
                f"  {seat}: ordered {c.ordered} where a smart bot would have ordered {c.smart}: "
                f"{c.gain:+.1f} expected points"
            )
    if not any_choice:
        lines.append("  Every seat ordered what a smart bot would have (or it moved no expected points).")
    return "\n".join(lines)
