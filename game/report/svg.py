"""Small inline SVG charts of a track over the game: no script, no external file.

Numbers are drawn as a line on an axis fitted to the values shown (`axis.fit`: round ticks
around the data, within the track's bounds), so a 0-6 $bn line is not drawn flat on a
0-100 $bn scale; the axis's range is labelled, and a caption says when it is narrower than
the track's and what the unit is. States are drawn as a step line with one level per state.
Each point is the track at the end of a quarter, before the next news (`build.SERIES_POINT`),
after a first point at the opening. On the time axis, quarters where the facilitator
intervened get a dashed line, deals agreed a diamond and leaks a triangle: shapes, so the
colour is never the only cue. Every point and mark carries a <title>: hovering shows it,
without script.
"""

from __future__ import annotations

from html import escape

from ..core.printable import printable
from .axis import Axis, fit
from .build import SERIES_POINT, Series
from .marks import DEAL, INTERVENTION, LEAK, Mark

LINE = "#0072B2"  # Okabe-Ito blue: readable for the common colour-blindnesses
MARK = "#D55E00"  # Okabe-Ito vermilion, always dashed as well
DEAL_INK = "#009E73"  # Okabe-Ito bluish green, a diamond
LEAK_INK = "#CC79A7"  # Okabe-Ito reddish purple, a triangle
GRID = "#d0d0d0"
INK = "#333333"

WIDTH, HEIGHT = 380, 184
TOP, BOTTOM, RIGHT = 34, 44, 14


def _text(text) -> str:
    """Text from a save (a facilitator's note), escaped, its control characters shown."""
    return escape(printable(str(text)))


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _format(series: Series, value) -> str:
    if series.kind != "number":
        return str(value)
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{series.unit}" if series.unit == "%" else f"{text} {series.unit}".strip()


def _levels(series: Series) -> list[tuple[float, str]]:
    """(value on the y scale, label) for the grid lines."""
    if series.kind != "number":
        return [(float(i), s) for i, s in enumerate(series.states)]
    span = series.hi - series.lo
    return [(series.lo + span * k / 4, _format(series, round(series.lo + span * k / 4, 1))) for k in range(5)]


def _y_of(series: Series, value) -> float:
    if series.kind != "number":
        return float(series.states.index(value)) if value in series.states else 0.0
    return float(value)


def axis_of(series: Series) -> Axis:
    """The y-axis a number series is drawn on: fitted to its values, inside the track's bounds."""
    return fit(series.values, series.lo, series.hi)


def _axis_levels(series: Series, axis: Axis) -> list[tuple[float, str]]:
    return [(t, _format(series, int(t) if t == int(t) else t)) for t in axis.ticks]


def caption(series: Series, axis: Axis | None = None) -> str:
    """What the y-axis shows, in words: '$bn; axis 0-6 of the track's 0-100' or 'scale 0-100'."""
    if series.kind != "number":
        return ""
    axis = axis or axis_of(series)
    lo, hi = _num(series.lo), _num(series.hi)
    unit = series.unit or f"scale {lo}–{hi}"
    if not axis.zoomed:
        return unit
    return f"{unit}; axis {_num(axis.lo)}–{_num(axis.hi)} of the track's {lo}–{hi}"


def chart(series: Series, chart_id: str, marks: tuple[Mark, ...] = ()) -> str:
    """One chart as an <svg> element, well-formed XML. `marks`: the game's interventions,
    deals and leaks (`marks.marks_of`); without them, the series' own intervention quarters."""
    if series.kind != "number":
        levels = _levels(series)
        lo, hi = -0.5, max(len(series.states) - 0.5, 0.5)
        note = ""
    else:
        axis = axis_of(series)
        levels = _axis_levels(series, axis)
        lo, hi = axis.lo, axis.hi
        note = caption(series, axis)
    left = 14 + 7 * max(len(label) for _, label in levels)
    plot_w, plot_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(series.values)

    def x(i: float) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - lo) / (hi - lo))

    title = f"{series.name} {SERIES_POINT}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<text x="{left}" y="15" font-size="13" font-weight="bold" fill="{INK}">{escape(series.name)}</text>',
    ]
    if note:
        out.append(f'<text x="{left}" y="28" font-size="10" fill="{INK}" class="unit">{escape(note)}</text>')
    for value, label in levels:
        yy = _num(y(value))
        out.append(f'<line x1="{left}" y1="{yy}" x2="{WIDTH - RIGHT}" y2="{yy}" stroke="{GRID}" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 6}" y="{yy}" font-size="10" fill="{INK}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
        )
    step = max(1, -(-n // 10))  # at most about ten labels along the bottom
    for i, label in enumerate(series.labels):
        if i % step == 0 or i == n - 1:
            out.append(
                f'<text x="{_num(x(i))}" y="{HEIGHT - 8}" font-size="10" fill="{INK}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    out.extend(_marks(series, marks, x, TOP, TOP + plot_h, n))
    points = [(x(i), y(_y_of(series, v))) for i, v in enumerate(series.values)]
    if points:
        if series.kind == "number":
            d = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
            out.append(f'<polyline points="{d}" fill="none" stroke="{LINE}" stroke-width="2.5"/>')
        else:  # a state holds until it changes: horizontal, then a jump
            d = f"M{_num(points[0][0])},{_num(points[0][1])}"
            for px, py in points[1:]:
                d += f" H{_num(px)} V{_num(py)}"
            out.append(f'<path d="{d}" fill="none" stroke="{LINE}" stroke-width="2.5"/>')
        for (px, py), label, value in zip(points, series.labels, series.values):
            out.append(
                f'<circle cx="{_num(px)}" cy="{_num(py)}" r="3.5" fill="{LINE}">'
                f"<title>{escape(label)}: {escape(_format(series, value))}</title></circle>"
            )
    out.append("</svg>")
    return "\n".join(out)


def _marks(series: Series, marks: tuple[Mark, ...], x, top: float, bottom: float, n: int) -> list[str]:
    """A dashed line for each quarter the facilitator intervened in; under the plot, a diamond
    for each with a deal agreed and a triangle for each with a leak. A mark of quarter q sits
    between point q-1 (its start) and point q (after it)."""
    if not marks:
        marks = tuple(Mark(q, INTERVENTION, f"the facilitator intervened in Q{q}") for q in series.marks)
    out = []
    for q in sorted({m.quarter for m in marks}):
        if not 1 <= q < n:
            continue
        xx = x(q - 0.5)
        here = [m for m in marks if m.quarter == q]
        said = {kind: "; ".join(m.text for m in here if m.kind == kind) for kind in (INTERVENTION, DEAL, LEAK)}
        if said[INTERVENTION]:
            out.append(
                f'<line x1="{_num(xx)}" y1="{top}" x2="{_num(xx)}" y2="{_num(bottom)}" stroke="{MARK}" '
                f'stroke-width="1.5" stroke-dasharray="4 3" class="mark-intervention">'
                f"<title>{_text(said[INTERVENTION])}</title></line>"
            )
        shapes = [(DEAL, DEAL_INK), (LEAK, LEAK_INK)]
        drawn = [(kind, ink) for kind, ink in shapes if said[kind]]
        for k, (kind, ink) in enumerate(drawn):
            cx, cy = xx + (k - (len(drawn) - 1) / 2) * 11, bottom + 9
            # A diamond for a deal, a triangle pointing up for a leak.
            corners = ((0, -5), (5, 0), (0, 5), (-5, 0)) if kind == DEAL else ((0, -5), (5, 4), (-5, 4))
            d = "M" + " L".join(f"{_num(cx + dx)},{_num(cy + dy)}" for dx, dy in corners) + " Z"
            out.append(f'<path d="{d}" fill="{ink}" class="mark-{kind}"><title>{_text(said[kind])}</title></path>')
    return out


# Lines told apart by dash as well as colour (Okabe-Ito), for a chart of several tables.
PALETTE = (
    ("#0072B2", ""),
    ("#D55E00", "6 3"),
    ("#009E73", "2 3"),
    ("#CC79A7", "8 3 2 3"),
    ("#E69F00", "4 4"),
    ("#56B4E9", "1 2"),
    ("#000000", "10 4"),
)
LINES_WIDTH, LEGEND = 640, 170


def lines_chart(series: Series, lines: tuple[tuple[str, tuple], ...], chart_id: str) -> str:
    """Several games' values of one track on one axis, fitted to all of them: `series` gives
    the track (name, unit, bounds, labels of the longest game), `lines` (name, values) each
    game's points. A legend on the right names each line with its colour and dash."""
    every = [v for _, values in lines for v in values]
    axis = fit(every, series.lo, series.hi)
    levels = _axis_levels(series, axis)
    left = 14 + 7 * max(len(label) for _, label in levels)
    right = LINES_WIDTH - LEGEND
    plot_w, plot_h = right - left - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(series.labels)

    def x(i: float) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (float(v) - axis.lo) / (axis.hi - axis.lo))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {LINES_WIDTH} {HEIGHT}" '
        f'width="{LINES_WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{_text(series.name)} {SERIES_POINT}, one line a table</title>',
        f'<text x="{left}" y="15" font-size="13" font-weight="bold" fill="{INK}">{_text(series.name)}</text>',
        f'<text x="{left}" y="28" font-size="10" fill="{INK}" class="unit">{_text(caption(series, axis))}</text>',
    ]
    for value, label in levels:
        yy = _num(y(value))
        out.append(f'<line x1="{left}" y1="{yy}" x2="{right - RIGHT}" y2="{yy}" stroke="{GRID}" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 6}" y="{yy}" font-size="10" fill="{INK}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(label)}</text>'
        )
    step = max(1, -(-n // 10))
    for i, label in enumerate(series.labels):
        if i % step == 0 or i == n - 1:
            out.append(
                f'<text x="{_num(x(i))}" y="{HEIGHT - 8}" font-size="10" fill="{INK}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    # Sixteen pixels a table, closer for a class of many, the last above the quarter labels.
    legend_step = min(16.0, (HEIGHT - TOP - 30) / max(len(lines) - 1, 1))
    for k, (name, values) in enumerate(lines):
        ink, dash = PALETTE[k % len(PALETTE)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        if values:  # a game of other content may lack the track: its legend stays, without a line
            d = " ".join(f"{_num(x(i))},{_num(y(v))}" for i, v in enumerate(values))
            out.append(
                f'<polyline points="{d}" fill="none" stroke="{ink}" stroke-width="2.2"{dashed} class="table-line">'
                f"<title>{_text(name)}: {escape(', '.join(_format(series, v) for v in values))}</title></polyline>"
            )
        ly = _num(TOP + 6 + legend_step * k)
        out.append(
            f'<line x1="{right}" y1="{ly}" x2="{right + 26}" y2="{ly}" stroke="{ink}" stroke-width="2.2"{dashed}/>'
        )
        short = name if len(name) <= 20 else name[:19] + "…"
        out.append(
            f'<text x="{right + 32}" y="{ly}" font-size="{_num(min(10.0, legend_step - 1))}" fill="{INK}" '
            'dominant-baseline="middle">'
            f"{_text(short)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
