"""The dashboard: each track a seat may see, its value, its last move and its trend.

It is handed the seat's views (or the room's common view) quarter by quarter; it never
reads the game state itself, so it cannot show what the seat may not see.
"""

from __future__ import annotations

from rich.console import Group
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..wording import move_text
from .chart import trend_text

WIDE = 54  # columns from which a track's name, value, move and trend share a line


class Dashboard(Static):
    DEFAULT_CSS = """
    Dashboard { height: auto; }
    """

    def __init__(self, rules, history, budget_line: str = "", **kwargs):
        """`history`: one tuple of TrackViews a quarter, oldest first, the present last."""
        super().__init__(**kwargs)
        self.rules = rules
        self.budget_line = budget_line
        self.history = history

    @property
    def history(self) -> list[tuple]:
        return self._history

    @history.setter
    def history(self, history) -> None:
        self._history = [tuple(h) for h in history]
        self._drawn = DrawnOnce(self._table)

    def render(self) -> DrawnOnce:
        return self._drawn

    def _table(self, width: int) -> Group:
        rows = list(self._rows())
        # Split in two at 80 columns, the panel is too narrow for four columns: each track
        # takes two lines there, its name above its value, move and trend. Four columns from
        # 54: a half of 120 columns, less the panel's border, padding and scrollbar room.
        wide = width >= WIDE
        quarters = 13 if wide else 8
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1), show_header=wide)
        if wide:
            table.add_column("Track", ratio=1, overflow="fold")
            table.add_column("Now", justify="right", no_wrap=True)
            table.add_column("Move", justify="right", max_width=12, overflow="fold")
            table.add_column("Trend", no_wrap=True)
        else:
            table.add_column("Track", ratio=1, overflow="fold")
            table.add_column("Trend", no_wrap=True, vertical="bottom")
        for row in rows:
            if isinstance(row, str):  # a section heading
                label = Text(row, style="bold italic")
                table.add_row(label, "", "", "") if wide else table.add_row(label, "")
                continue
            name, value, move, series, t = row
            trend = Text(trend_text(series[-quarters:], t.min, t.max) if series else "", style="bold")
            style = "bold" if move else ""
            if wide:
                table.add_row(Text(name), Text(value, style=style), Text(move, style=style), trend)
            else:
                cell = Text(name + "\n")
                cell.append(f"  {value}", style=style)
                if move:
                    cell.append(f"  {move}", style=style)
                table.add_row(cell, trend)
        if self.budget_line:
            return Group(table, Text(""), Text(self.budget_line, style="italic"))
        return Group(table)

    def _rows(self):
        """Section headings (str) and (name, value, move, series, track) per visible track."""
        now = self.history[-1] if self.history else ()
        before = {tv.id: tv.value for tv in self.history[-2]} if len(self.history) > 1 else {}
        section = None
        for tv in now:
            t = tv.track
            kind = "public" if not tv.private else ("hidden" if t.visibility == "hidden" else "private")
            if kind != section and kind != "public":
                yield "Only you see" if kind == "private" else "Hidden from every seat"
            section = kind
            old = before.get(tv.id, tv.value)
            if t.is_number:
                move = move_text(old, tv.value, t.precision)
                series = [x.value for h in self.history for x in h if x.id == tv.id]
            else:
                move = f"was {old}" if old != tv.value else ""
                series = []
            yield t.name, t.format(tv.value), move, series, t


class DrawnOnce:
    """A renderable drawn once a width: a screen comes up after two layout passes, each
    measuring and then drawing its content, and the dashboard's Rich table laid out four
    times was a third of the news screen's first frame. The table is chosen by the width
    it is drawn at, so the dashboard never asks its size while the screen is laid out
    (which made Textual lay the whole screen out again)."""

    def __init__(self, make):
        self.make = make
        self.lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console, options):
        width = options.max_width
        if width not in self.lines:
            self.lines[width] = console.render_lines(self.make(width), options.update(height=None), pad=False)
        for line in self.lines[width]:
            yield from line
            yield Segment.line()
