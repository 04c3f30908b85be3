"""Fan charts as inline SVG: the 10-90 % band of many games, their median, and the game's
own line over them. No script, no external file; every point of the game's line carries a
<title> with its value and the band's at that quarter.

The y-axis spans the data shown (band and game line), padded a little and rounded to even
steps, so a track that moved 0-6 of a 0-100 scale is not drawn flat.
"""

from __future__ import annotations

import math
from html import escape

from .svg import GRID, INK, LINE, MARK

WIDTH, HEIGHT = 380, 190
TOP, BOTTOM, RIGHT = 26, 46, 14
BAND = "#56B4E9"  # Okabe-Ito sky blue, translucent, under the lines


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _scale(lo: float, hi: float) -> tuple[float, float, float]:
    """A padded axis (lo, hi, step) with about four even steps."""
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def _label(v: float, unit: str) -> str:
    text = f"{round(v, 2):g}"
    return f"{text}{unit}" if unit == "%" else text


def chart(fan, chart_id: str) -> str:
    """One fan chart as an <svg> element, well-formed XML."""
    values = [*fan.p10, *fan.p90, *fan.actual]
    lo, hi, step = _scale(min(values), max(values))
    levels = [lo + step * k for k in range(round((hi - lo) / step) + 1)]
    left = 14 + 7 * max(len(_label(v, fan.unit)) for v in levels)
    plot_w, plot_h = WIDTH - left - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(fan.labels)

    def x(i: float) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - lo) / (hi - lo))

    unit = f" ({fan.unit})" if fan.unit else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart fan" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(fan.name)}: this game against the 10-90% band of games from the same '
        "start</title>",
        f'<text x="{left}" y="16" font-size="13" font-weight="bold" fill="{INK}">{escape(fan.name + unit)}</text>',
    ]
    for v in levels:
        yy = _num(y(v))
        out.append(f'<line x1="{left}" y1="{yy}" x2="{WIDTH - RIGHT}" y2="{yy}" stroke="{GRID}" stroke-width="1"/>')
        out.append(
            f'<text x="{left - 6}" y="{yy}" font-size="10" fill="{INK}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(_label(v, fan.unit))}</text>'
        )
    every = max(1, -(-n // 10))
    for i, label in enumerate(fan.labels):
        if i % every == 0 or i == n - 1:
            out.append(
                f'<text x="{_num(x(i))}" y="{HEIGHT - BOTTOM + 16}" font-size="10" fill="{INK}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    upper = [f"{_num(x(i))},{_num(y(v))}" for i, v in enumerate(fan.p90)]
    lower = [f"{_num(x(i))},{_num(y(v))}" for i, v in reversed(list(enumerate(fan.p10)))]
    out.append(f'<polygon points="{" ".join(upper + lower)}" fill="{BAND}" fill-opacity="0.35" stroke="none"/>')
    median = " ".join(f"{_num(x(i))},{_num(y(v))}" for i, v in enumerate(fan.p50))
    out.append(f'<polyline points="{median}" fill="none" stroke="{LINE}" stroke-width="1.5" stroke-dasharray="5 3"/>')
    game = " ".join(f"{_num(x(i))},{_num(y(v))}" for i, v in enumerate(fan.actual))
    out.append(f'<polyline points="{game}" fill="none" stroke="{MARK}" stroke-width="2.5"/>')
    for i, v in enumerate(fan.actual):
        lo_, mid, hi_ = (_label(p[i], fan.unit) for p in (fan.p10, fan.p50, fan.p90))
        band = f"games: {lo_} to {hi_}, median {mid}"
        out.append(
            f'<circle cx="{_num(x(i))}" cy="{_num(y(v))}" r="3" fill="{MARK}">'
            f"<title>{escape(fan.labels[i])}: this game {escape(_label(v, fan.unit))}; {escape(band)}</title></circle>"
        )
    # The legend: the colour is never the only cue (solid, dashed, band).
    ly = HEIGHT - 10
    out.append(f'<line x1="{left}" y1="{ly - 3}" x2="{left + 18}" y2="{ly - 3}" stroke="{MARK}" stroke-width="2.5"/>')
    out.append(f'<text x="{left + 22}" y="{ly}" font-size="10" fill="{INK}">this game</text>')
    mx = left + 90
    out.append(
        f'<line x1="{mx}" y1="{ly - 3}" x2="{mx + 18}" y2="{ly - 3}" stroke="{LINE}" stroke-width="1.5" '
        'stroke-dasharray="5 3"/>'
    )
    out.append(f'<text x="{mx + 22}" y="{ly}" font-size="10" fill="{INK}">median</text>')
    bx = mx + 75
    out.append(f'<rect x="{bx}" y="{ly - 8}" width="18" height="9" fill="{BAND}" fill-opacity="0.35"/>')
    out.append(f'<text x="{bx + 22}" y="{ly}" font-size="10" fill="{INK}">10-90% of games</text>')
    out.append("</svg>")
    return "\n".join(out)
