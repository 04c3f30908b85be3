"""The dashboard's table is laid out once a width, however often Textual measures and draws it."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from game.ui.widgets.dashboard import DrawnOnce


def test_a_table_is_made_once_a_width_and_drawn_the_same_each_time():
    made: list[int] = []

    def make(width: int) -> Table:
        made.append(width)
        table = Table(box=None, show_header=False)
        table.add_row("Congressional pressure", "73%" if width >= 30 else "73")
        table.add_row("US-China tension", "62%")
        table.add_row("Chip Security Act", "40%")
        return table

    drawn = DrawnOnce(make)

    def draw(width: int, height: int | None = None) -> str:
        out = io.StringIO()
        console = Console(file=out, width=width, height=height or 25, color_system=None)
        console.print(drawn, height=height)
        return out.getvalue()

    first = draw(40, height=1)  # drawn first where the console gives a height: all is kept
    assert "Chip Security Act" in first and draw(40) == first
    assert "73%" in first and "73%" not in draw(20)  # the table is chosen by the width drawn at
    assert made == [40, 20]
