"""Charts of a track over the quarters.

The one-line trends (dashboards) draw against the track's declared range: Textual's
Sparkline scales each series to its own minimum and maximum, which turns a move from 40 to
42 on a 0-100 track into a full-height cliff, and a trend has no axis to say so. The
debrief's charts have an axis, so they fit it to the values shown (`report.axis.fit`: round
ends around the data, at least a twentieth of the track's range), label its ends with the
unit, say when it is narrower than the track, and mark interventions, deals and leaks
under the quarter they happened in.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...report.axis import fit
from ...report.marks import LETTER, key_text, match_marks
from ..wording import track_label

BARS = " ▁▂▃▄▅▆▇█"


def level(value: float, lo: float, hi: float, steps: int) -> int:
    """0..steps: where `value` sits between the track's bounds."""
    if hi <= lo:
        return steps
    share = (min(hi, max(lo, float(value))) - lo) / (hi - lo)
    return round(share * steps)


def trend_text(values, lo: float, hi: float) -> str:
    """One character a quarter, the height of the value within the bounds."""
    out = []
    for v in values:
        n = level(v, lo, hi, 8)
        out.append(BARS[max(n, 1)])  # a floor mark even at the minimum, so every quarter shows
    return "".join(out)


def chart_rows(values, lo: float, hi: float, height: int, column: int = 2) -> list[str]:
    """A bar chart `height` rows tall, top row first; each quarter `column` characters wide."""
    heights = [level(v, lo, hi, height * 8) for v in values]
    rows = []
    for row in reversed(range(height)):
        line = []
        for h in heights:
            fill = h - row * 8
            ch = "█" if fill >= 8 else BARS[max(fill, 0)]
            if row == 0 and fill <= 0:
                ch = "▁"  # the floor: a quarter at the minimum still has a mark
            line.append(ch * (column - 1) + " ")
        rows.append("".join(line))
    return rows


class TrackChart(Static):
    """A numeric track across the quarters, with its bounds on the left and quarters below."""

    COMPONENT_CLASSES = {"trackchart--bar"}
    DEFAULT_CSS = """
    TrackChart { height: auto; }
    TrackChart > .trackchart--bar { color: $accent; }
    """

    def __init__(
        self, rules, track, values, height: int = 5, axis: str = "quarters played", marks: tuple = (), **kwargs
    ):
        super().__init__(**kwargs)
        self.rules = rules
        self.track = track
        self.values = list(values)
        self.rows = height
        self.axis = axis  # what the points are, under the quarter numbers
        self.marks = tuple(marks)  # report.marks.Mark: interventions, deals, leaks

    @classmethod
    def of_match(cls, rules, track, match, **kwargs) -> TrackChart:
        """The track at the opening (0), then at the end of each quarter played, before the
        next quarter's news (`Match.settled`): the values each quarter's report ends at."""
        index = rules.track_index[track.id]
        values = [s.values[index] for s in match.settled]
        return cls(rules, track, values, axis="end of quarter (0: start)", marks=match_marks(match), **kwargs)

    def render(self) -> Text:
        t = self.track
        scale = fit(self.values, t.min, t.max)
        top, bottom = tick(t, scale.hi), tick(t, scale.lo)
        pad = max(len(top), len(bottom))
        text = Text()
        first, last = self.values[0], self.values[-1]
        text.append(f"{track_label(self.rules, t.id)}", style="bold")
        text.append(f"  {t.format(first)} → {t.format(last)}\n")
        if scale.zoomed:
            whole = f"{tick(t, t.min)}–{tick(t, t.max)}"
            text.append(f"{'':>{pad}}  axis {bottom}–{top} of the track's {whole}\n", style="dim")
        rows = chart_rows(self.values, scale.lo, scale.hi, self.rows, column=3)
        for i, row in enumerate(rows):
            label = top if i == 0 else bottom if i == len(rows) - 1 else ""
            text.append(f"{label:>{pad}} │", style="dim")
            text.append(row + "\n", style=self.get_component_rich_style("trackchart--bar"))
        axis = "".join(f"{q:<3}" for q in range(len(self.values)))
        text.append(f"{'':>{pad}} └" + "─" * (3 * len(self.values)) + "\n", style="dim")
        text.append(f"{'':>{pad}}  {axis} {self.axis}", style="dim")
        shown = tuple(m for m in self.marks if 1 <= m.quarter < len(self.values))
        if shown:
            row = "".join(f"{marks_under(shown, q):<3}" for q in range(len(self.values)))
            text.append(f"\n{'':>{pad}}  {row.rstrip()}", style="bold")
            text.append(f"\n{'':>{pad}}  {key_text(shown, LETTER)}", style="dim")
        return text


def tick(track, value: float) -> str:
    """An axis end with the track's unit: '6 $bn', '2.5%' (an integer track's format would
    round 2.5 down)."""
    if value == int(value):
        return track.format(int(value))
    unit = track.unit
    return f"{value:g}" + (unit if unit == "%" else f" {unit}" if unit else "")


def marks_under(marks, quarter: int) -> str:
    """The letters of what happened in `quarter` (F, D, L), each once, for under its column."""
    return "".join(dict.fromkeys(LETTER[m.kind] for m in marks if m.quarter == quarter))[:2]
