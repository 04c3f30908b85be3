"""A branch beside its parent: the main tracks quarter by quarter, and where they part."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ..widgets.chart import trend_text

DIVERGED = "◆"  # a shape, not only a colour, marks the first quarter that differs


class CompareScreen(Screen):
    CSS_PATH = "compare.tcss"
    BINDINGS = [Binding("escape", "close", "Back to the replay")]

    def __init__(self, comparison, parent_name: str, branch_name: str):
        super().__init__()
        self.comparison = comparison
        self.parent_name = parent_name
        self.branch_name = branch_name

    def compose(self) -> ComposeResult:
        c = self.comparison
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(
                f"Parent: {self.parent_name}    Branch: {self.branch_name} (from Q{c.branch_quarter})",
                id="names",
                markup=False,
            )
            yield Static(c.summary(), id="summary", markup=False)
            yield DataTable(id="tracks", zebra_stripes=True, cursor_type="row")
            yield Static(self._trends(), id="trends")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self.sub_title = f"{self.branch_name} vs {self.parent_name}"
        c = self.comparison
        table = self.query_one("#tracks", DataTable)
        table.add_column("", key="mark")
        table.add_column("After", key="after")
        for t in c.tracks:
            table.add_column(f"{t.name}: parent", key=f"{t.id}-parent")
            table.add_column("branch", key=f"{t.id}-branch")
        for row, label in enumerate(c.labels):
            parent, branch = c.parent[row], c.branch[row]
            mark = DIVERGED if row == c.diverged else ("≠" if parent and branch and parent != branch else "")
            cells = [Text(mark, style="bold"), label]
            for i, t in enumerate(c.tracks):
                a = t.format(parent[i]) if parent else "—"
                b = t.format(branch[i]) if branch else "—"
                differs = parent is not None and branch is not None and parent[i] != branch[i]
                cells += [a, Text(b, style="bold reverse" if differs else "")]
            table.add_row(*cells, key=str(row))
        if c.diverged is not None:
            table.move_cursor(row=c.diverged)
        table.focus()

    def _trends(self) -> Text:
        """Each numeric main track as two lines of bars, parent over branch, against its bounds."""
        c = self.comparison
        text = Text()
        for i, t in enumerate(c.tracks):
            if not t.is_number:
                continue
            text.append(f"\n{t.name}\n", style="bold")
            for who, column in (("parent", c.parent), ("branch", c.branch)):
                values = [row[i] for row in column if row is not None]
                text.append(f"  {who:<7}{trend_text(values, t.min, t.max)}\n")
        return text

    def action_close(self) -> None:
        self.app.pop_screen()
