"""Small inline SVG charts of a track over the game: no script, no external file.

Numbers are drawn as a line on the track's own scale (min..max, not the data's range, so a
flat line means the track barely moved); states as a step line with one level per state.
Each point is the track at the end of a quarter, before the next news (`build.SERIES_POINT`), after
a first point at the opening. Quarters where the facilitator intervened get a dashed marker, so the colour is never the
only cue. Every point carries a <title> with its value: hovering shows it, without script.
"""

from __future__ import annotations

from html import escape

from .build import SERIES_POINT, Series

LINE = "#0072B2"  # Okabe-Ito blue: readable for the common colour-blindnesses
MARK = "#D55E00"  # Okabe-Ito vermilion, always dashed as well
GRID = "#d0d0d0"
INK = "#333333"

WIDTH, HEIGHT = 380, 170
TOP, BOTTOM, RIGHT = 26, 30, 14


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


def chart(series: Series, chart_id: str) -> str:
    """One chart as an <svg> element, well-formed XML."""
    levels = _levels(series)
    left = 14 + 7 * max(len(label) for _, label in levels)
    if series.kind != "number":
        lo, hi = -0.5, max(len(series.states) - 0.5, 0.5)
    else:
        lo, hi = series.lo, series.hi if series.hi > series.lo else series.lo + 1
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
        f'<text x="{left}" y="16" font-size="13" font-weight="bold" fill="{INK}">{escape(series.name)}</text>',
    ]
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
                f'<text x="{_num(x(i))}" y="{HEIGHT - 10}" font-size="10" fill="{INK}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    # An intervention in quarter q acts between point q-1 (its start) and point q (after it).
    for q in series.marks:
        if 1 <= q < n:
            xx = _num(x(q - 0.5))
            out.append(
                f'<line x1="{xx}" y1="{TOP}" x2="{xx}" y2="{TOP + plot_h}" stroke="{MARK}" '
                f'stroke-width="1.5" stroke-dasharray="4 3"><title>the facilitator intervened in '
                f"Q{q}</title></line>"
            )
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
