"""A branch beside its parent: the main tracks quarter by quarter, and where they part.

Each row is the end of a quarter, before the next quarter's news (the values the quarter's
report leaves the tracks at); "Start" is the scenario's opening. A cell holds one value
while both games agree, else "parent → branch". Columns are narrow and their headings and
cells wrap, so six main tracks fit 80 columns; more scroll sideways (left and right).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..widgets.chart import trend_text
from ..widgets.header import GameHeader

DIVERGED = "◆"  # a shape, not only a colour, marks the first quarter that differs
COLUMN = 9  # a track's column: "100.0 $bn" on one line, "a → b" on two
POINT = "Each row: the main tracks at the end of that quarter, before the next quarter's news; Start: the opening."


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
        yield GameHeader()
        with VerticalScroll(id="body"):
            yield Static(
                f"Parent: {self.parent_name}    Branch: {self.branch_name} (from Q{c.branch_quarter})",
                id="names",
                markup=False,
            )
            yield Static(c.summary(), id="summary", markup=False)
            yield Static(f"{POINT} One value where the games agree, else parent → branch.", id="point", markup=False)
            yield DataTable(id="tracks", zebra_stripes=True, cursor_type="row")
            yield Static(self._trends(), id="trends")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Compare"
        self.sub_title = "branch vs parent"  # their files are named below: the header would cut them
        c = self.comparison
        table = self.query_one("#tracks", DataTable)
        lines = max((len(_wrapped(t.name)) for t in c.tracks), default=1)
        table.header_height = lines
        table.add_column(Text("End of" + "\n" * (lines - 1)), key="after", width=6)
        for t in c.tracks:
            name = _wrapped(t.name)
            table.add_column(Text("\n".join(name + [""] * (lines - len(name)))), key=t.id, width=COLUMN)
        for row, label in enumerate(c.labels):
            parent, branch = c.parent[row], c.branch[row]
            mark = DIVERGED if row == c.diverged else ("≠" if parent and branch and parent != branch else "")
            cells: list = [Text(f"{mark or ' '}{label.split()[0]}", style="bold" if mark else "")]
            for i, t in enumerate(c.tracks):
                a = t.format(parent[i]) if parent else "—"
                b = t.format(branch[i]) if branch else "—"
                differs = parent is not None and branch is not None and parent[i] != branch[i]
                cells.append(
                    Text(f"{a} → {b}", style="bold reverse") if differs else Text(a if a == b else f"{a} → {b}")
                )
            table.add_row(*cells, key=str(row), height=None)
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


def _wrapped(name: str) -> list[str]:
    """A track's name in lines of at most COLUMN characters, for a heading that is not cut:
    a word too long for a line is split with a hyphen."""
    import textwrap

    words = []
    for word in name.split():
        while len(word) > COLUMN:
            words.append(word[: COLUMN - 1] + "-")
            word = word[COLUMN - 1 :]
        words.append(word)
    return textwrap.wrap(" ".join(words), COLUMN, break_long_words=False, break_on_hyphens=True) or [""]
