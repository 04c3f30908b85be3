"""A fan chart drawn in the terminal: the 10-90 % band of many games as shaded cells, their
median as dots, and the game's own line as bold marks over them, one column a quarter.

The y-axis spans the data shown, so a track that moved little still fills the chart; the
axis labels say where it starts and ends. The marks differ in shape as well as colour.
"""

from __future__ import annotations

from rich.text import Text

HEIGHT = 7  # rows of the plot
STEP = 5  # columns a quarter: "Start" fits
BAND, MEDIAN, GAME = "░", "·", "●"


def fan_text(fan, height: int = HEIGHT, step: int = STEP) -> Text:
    """`fan` (`report.whatif.Fan`) as lines of text with a y-axis and quarter labels."""
    values = [*fan.p10, *fan.p90, *fan.actual]
    lo, hi = min(values), max(values)
    if hi <= lo:
        lo, hi = lo - 1, hi + 1

    def row(v: float) -> int:  # 0 at the top
        return round((hi - v) / (hi - lo) * (height - 1))

    n = len(fan.labels)
    grid = [[" "] * (n * step) for _ in range(height)]
    styles = [[""] * (n * step) for _ in range(height)]
    for i in range(n):
        c = i * step + step // 2
        top, bottom = row(fan.p90[i]), row(fan.p10[i])
        for r in range(top, bottom + 1):
            for dc in (-1, 0, 1):
                if 0 <= c + dc < n * step:
                    grid[r][c + dc], styles[r][c + dc] = BAND, "#56B4E9"
        grid[row(fan.p50[i])][c], styles[row(fan.p50[i])][c] = MEDIAN, "bold #0072B2"
        if i < len(fan.actual):
            grid[row(fan.actual[i])][c], styles[row(fan.actual[i])][c] = GAME, "bold #D55E00"
    labels = {0: _short(hi), height - 1: _short(lo)}
    width = max(len(x) for x in labels.values())
    out = Text()
    unit = f" ({fan.unit})" if fan.unit else ""
    out.append(f"{fan.name}{unit}\n", style="bold")
    for r in range(height):
        out.append(labels.get(r, "").rjust(width) + " │", style="dim")
        for ch, style in zip(grid[r], styles[r]):
            out.append(ch, style=style or None)
        out.append("\n")
    out.append(" " * width + " └" + "─" * (n * step) + "\n", style="dim")
    axis = " " * (width + 2)
    for i, label in enumerate(fan.labels):
        axis += (label if i % 2 == 0 or n <= 8 else "").center(step)[:step]
    out.append(axis.rstrip() + "\n", style="dim")
    return out


def legend() -> Text:
    out = Text()
    out.append(GAME, style="bold #D55E00")
    out.append(" this game   ")
    out.append(MEDIAN, style="bold #0072B2")
    out.append(" median of games   ")
    out.append(BAND, style="#56B4E9")
    out.append(" 10-90% of games")
    return out


def _short(v: float) -> str:
    return f"{round(v, 1):g}"
