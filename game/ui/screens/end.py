"""The end: the ending reached, and each seat's score against its objectives.

The game is over, so every seat's score is shown to the room, private objectives included.
The report key writes the after-action report at once, then adds its luck-and-decisions
section when those games are played (`ui/luck.py`).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.scoring import score, winner
from .. import luck
from ..widgets.footer import GameFooter
from ..wording import plural, seat_name
from .base import GameScreen


def scores_table(rules, state) -> Table:
    scores = score(rules, state)
    table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
    table.add_column("Seat and objective", ratio=1, overflow="fold")
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("Share", justify="right", no_wrap=True)
    best = winner(scores)
    for seat in rules.seats:
        s = scores[seat.id]
        mark = "  ★ wins" if seat.id == best else ""
        table.add_row(
            Text(seat.name + mark, style="bold"),
            Text(f"{s.points:g} of {s.max:g}", style="bold"),
            Text(f"{s.share:.0%}", style="bold"),
        )
        for objective in s.objectives:
            table.add_row(Text(f"  {objective.text}"), f"{objective.points:g} of {objective.max:g}", "")
        table.add_row("", "", "")
    return table


class EndScreen(GameScreen):
    CSS_PATH = "end.tcss"
    BINDINGS = [
        Binding("d,enter", "debrief", "Debrief"),
        Binding("r", "report", "Report"),
        Binding("t", "title", "Title"),
    ]

    def __init__(self, step):
        super().__init__(step)
        self.luck = luck.Luck()

    def heading(self) -> tuple[str, str]:
        return self.rules.name, f"Game over after {plural(len(self.match.record.quarters), 'quarter')}"

    def compose(self) -> ComposeResult:
        rules, state = self.rules, self.match.state
        ending = rules.ending(state.ending)
        scores = score(rules, state)
        best = winner(scores)
        yield from self.compose_top()
        with VerticalScroll(id="body"):
            yield Static(f"The ending: {ending.title}", classes="screen-title", markup=False)
            yield Static(ending.text.strip(), id="ending-text", markup=False)
            verdict = (
                f"{seat_name(rules, best)} wins with {scores[best].share:.0%} of its possible points."
                if best
                else "A draw: the top seats scored the same share of their possible points."
            )
            yield Static(verdict, id="verdict", markup=False)
            yield Static("Scores against each seat's objectives", classes="section")
            yield Static(scores_table(rules, state), id="scores")
            yield Static(
                f"Seed {self.match.seed}: play it again with the same seed. "
                "D opens the debrief: the timeline, every seat's orders, charts.",
                classes="muted",
                markup=False,
            )
        yield GameFooter()

    def action_debrief(self) -> None:
        self.app.advance()

    def action_report(self) -> None:
        """The after-action report as one HTML file beside the save, and the student summary
        beside it; in a browser, the report opened too. Luck and decisions follow."""
        from ...report import summary_path, write_summary

        path = self._write_report()
        if path is None:
            return
        try:
            summary = write_summary(self.match, path)
        except OSError as err:
            self.notify(f"{summary_path(path)}: {err.strerror or err}", title="Cannot write", severity="error")
            return
        if not self.luck.wanted(over=True):
            self.notify(f"Written to {path}; the student summary to {summary.name}", title="After-action report")
            return
        self.notify(
            f"Written to {path}; the student summary to {summary.name}. {luck.NOTE}",
            title="After-action report",
            timeout=10,
        )
        luck.play_luck(self, self.match, self._luck_played)

    def _write_report(self):
        """Render and write the report (with luck and decisions if played); its path, or None."""
        from ...report import render, report_path
        from ...saves.files import atomic_write

        path, html = report_path(self.match), render(self.match, "html", self.luck.found)
        try:
            atomic_write(path, html)
        except OSError as err:
            self.notify(f"{path}: {err.strerror or err}", title="Cannot write the report", severity="error")
            return None
        if self.app.is_web:
            import io

            self.app.deliver_text(
                io.StringIO(html), save_filename=path.name, open_method="browser", mime_type="text/html"
            )
        return path

    def _luck_played(self, found) -> None:
        self.luck.played(self, found, self._rewrite)

    def _rewrite(self) -> None:
        path = self._write_report()
        if path is not None:
            self.notify(f"Luck and decisions added to {path}", title="After-action report", timeout=8)

    def action_title(self) -> None:
        self.app.leave_game()
