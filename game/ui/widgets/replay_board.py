"""The replay's dashboard: every track as of a quarter, grouped by who could see it, each
with its move since the quarter before.

Unlike a seat's dashboard, nothing is hidden here, so each private or hidden track is
labelled with whose it was: a replay shows what each seat knew, not only what happened.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..wording import move_text, seat_name


class ReplayBoard(Static):
    DEFAULT_CSS = """
    ReplayBoard { height: auto; }
    """

    def show(self, rules, states) -> None:
        """`states`: the state at the start of each quarter up to the one shown, oldest first."""
        self.update(board(rules, states))


def _table(width: int) -> Table:
    # One width for the figures, the widest shown, so the tables of each group line up
    # under one another and no value is cut ("343 k units/q"). No trend column: stepping
    # through the quarters is the trend, and an 80-column terminal leaves this panel too
    # narrow for names beside four columns.
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 0, 0, 1), show_header=False)
    table.add_column("Track", ratio=1, overflow="fold")
    table.add_column("Now", justify="right", no_wrap=True, width=width)
    table.add_column("Move", justify="right", no_wrap=True, width=7)
    return table


def board(rules, states) -> Group:
    if not states:
        return Group()
    now, before = states[-1], states[-2] if len(states) > 1 else states[-1]
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(rules.tracks):
        groups.setdefault(t.visibility, []).append(i)
    parts = []
    width = max(len(t.format(v)) for t, v in zip(rules.tracks, now.values))
    for visibility in sorted(groups, key=lambda v: (v != "public", v == "hidden", v)):
        if visibility != "public":
            label = "Hidden from every seat" if visibility == "hidden" else f"Only {seat_name(rules, visibility)} sees"
            parts.append(Text(label, style="bold italic"))
        table = _table(width)
        for i in groups[visibility]:
            t = rules.tracks[i]
            value, old = now.values[i], before.values[i]
            move = move_text(old, value, t.precision) if t.is_number else ("▸ new" if old != value else "")
            style = "bold" if move else ""
            table.add_row(Text(t.name), Text(t.format(value), style=style), Text(move, style=style))
        parts.append(table)
    budgets = ", ".join(f"{seat.budget_name} {b}" for seat, b in zip(rules.seats, now.budgets))
    parts.append(Text(f"Budgets: {budgets}", style="italic"))
    return Group(*parts)
