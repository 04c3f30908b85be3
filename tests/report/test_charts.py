"""Charts people can read: axes fitted to the data with round ticks, units, and the quarters
of interventions, deals and leaks marked on the time axis."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.content import load
from game.report import build, render
from game.report.axis import MIN_SHARE, fit, nice_step
from game.report.build import Series
from game.report.markdown import sparkline
from game.report.marks import DEAL, INTERVENTION, LEAK, marks_of
from game.report.svg import chart

from .games import INTERVENTIONS, deals_match

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]
REVENUE = Series(
    "revenue_total",
    "Vendor China revenue",
    "number",
    "$bn",
    0,
    100,
    (),
    ("Start", "Q1", "Q2", "Q3", "Q4"),
    (0, 1.5, 3, 4.5, 6),
)


@pytest.fixture(scope="module")
def deals_game():
    """Twelve quarters of h200 with two deals agreed (Q1, Q2) that a leak in Q5 makes public."""
    return deals_match(load(ROOT / "content"), quarters=12)


def test_a_0_to_6_line_is_not_drawn_on_0_to_100():
    axis = fit(REVENUE.values, 0, 100)
    assert (axis.lo, axis.hi) == (0, 6) and axis.ticks == (0, 2, 4, 6) and axis.zoomed


@pytest.mark.parametrize(
    "values, lo, hi, ends",
    [
        ((0, 100, 50), 0, 100, (0, 100)),  # data over the whole track: the track's own axis
        ((55, 57, 62), 0, 100, (54, 62)),
        ((3, 9, 14), 0, 24, (0, 15)),
        ((100, 100), 0, 100, (94, 100)),  # pinned at a bound: the axis stays inside it
    ],
)
def test_axes_end_on_round_numbers_around_the_data(values, lo, hi, ends):
    assert (fit(values, lo, hi).lo, fit(values, lo, hi).hi) == ends


def test_a_tiny_move_is_not_drawn_as_a_cliff():
    """50 -> 51 on a 0-100 track: the axis spans at least a twentieth of the track."""
    axis = fit((50, 51), 0, 100)
    assert axis.hi - axis.lo >= 5


@pytest.mark.parametrize("raw, step", [(0.3, 0.5), (1, 1), (1.25, 2), (2.2, 2.5), (3, 5), (7, 10), (130, 200)])
def test_nice_steps(raw, step):
    assert nice_step(raw) == pytest.approx(step)


@given(
    st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=14),
    st.sampled_from([(0, 100), (0, 24), (0, 1000), (-50, 50), (0, 20)]),
)
def test_an_axis_holds_every_value_inside_the_bounds_with_ascending_ticks(shares, bounds):
    lo, hi = bounds
    values = [lo + s * (hi - lo) for s in shares]
    axis = fit(values, lo, hi)
    assert lo <= axis.lo <= min(values) and max(values) <= axis.hi <= hi
    assert axis.ticks[0] == axis.lo and axis.ticks[-1] == axis.hi
    assert all(a < b for a, b in zip(axis.ticks, axis.ticks[1:]))
    assert axis.hi - axis.lo >= (hi - lo) * MIN_SHARE - 1e-9
    assert 2 <= len(axis.ticks) <= 8


def _svg(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_the_chart_labels_its_axis_with_the_unit_and_says_it_is_narrower():
    svg = _svg(chart(REVENUE, "c"))
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels == ["0 $bn", "2 $bn", "4 $bn", "6 $bn"]
    caption = next(t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "unit")
    assert caption == "$bn; axis 0–6 of the track's 0–100"
    ys = [float(c.get("cy")) for c in svg.iter(f"{SVG}circle")]
    grid = sorted(float(line.get("y1")) for line in svg.iter(f"{SVG}line"))
    assert ys[0] == pytest.approx(grid[-1]) and ys[-1] == pytest.approx(grid[0])  # 0 at the bottom, 6 at the top


def test_a_track_without_a_unit_says_its_scale():
    series = attrs.evolve(REVENUE, unit="", values=(40, 10, 90))
    svg = _svg(chart(series, "c"))
    assert next(t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "unit") == "scale 0–100"


def test_the_markdown_trend_uses_the_same_axis_and_names_its_range(scripted):
    flat = attrs.evolve(REVENUE, values=(0, 0, 6))
    assert sparkline(flat) == "▁▁█"  # on 0-100 this was "▁▁▁"
    md = render(scripted, "md")
    assert "| Tension (%) | `▆█▆▅▂▂▁` 10–50 |" in md


def test_interventions_are_dashed_lines_with_what_was_done(scripted):
    html = render(scripted, "html")
    root = ET.fromstring(html.split("\n", 1)[1])
    tension = next(s for s in root.iter(f"{SVG}svg") if s.find(f"{SVG}title").text.startswith("Tension"))
    lines = [line for line in tension.iter(f"{SVG}line") if line.get("class") == "mark-intervention"]
    assert len(lines) == len(INTERVENTIONS)
    assert lines[1].find(f"{SVG}title").text == "Q2, facilitator: Set Export licence to approved [Commerce overruled]"


def test_deals_and_leaks_are_marked_between_the_points_of_their_quarter(deals_game):
    report = build(deals_game)
    marks = marks_of(report.quarters)
    assert [(m.quarter, m.kind) for m in marks] == [(1, DEAL), (2, DEAL), (5, LEAK), (5, LEAK)]
    assert not any(m.kind == INTERVENTION for m in marks)
    html = render(deals_game, "html")
    root = ET.fromstring(html.split("\n", 1)[1])
    svg = next(root.iter(f"{SVG}svg"))
    xs = [float(c.get("cx")) for c in svg.iter(f"{SVG}circle")]
    deals = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "mark-deal"]
    leaks = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "mark-leak"]
    assert len(deals) == 2 and len(leaks) == 1  # one triangle for the quarter's two leaks
    assert deals[0].find(f"{SVG}title").text.startswith("Q1, deal agreed: Vendor CEO offered Chinese Regulator")
    assert leaks[0].find(f"{SVG}title").text.count("leaked") == 2

    def centre(path) -> float:
        return float(path.get("d").split()[0][1:].split(",")[0])

    assert xs[0] < centre(deals[0]) < xs[1] and xs[1] < centre(deals[1]) < xs[2]
    assert xs[4] < centre(leaks[0]) < xs[5]
    assert "On the time axis: ◆: a deal was agreed in the talks; ▲: a private deal leaked." in html
    assert "A deal was agreed in Q1, Q2. A private deal leaked in Q5." in render(deals_game, "md")


def test_every_axis_of_a_shipped_game_fits_its_data(deals_game):
    for series in build(deals_game).series:
        if series.kind != "number":
            continue
        svg = _svg(chart(series, "c"))
        ys = [float(c.get("cy")) for c in svg.iter(f"{SVG}circle")]
        grid = [float(line.get("y1")) for line in svg.iter(f"{SVG}line") if line.get("class") is None]
        top, bottom = min(grid), max(grid)
        assert all(top - 1e-6 <= y <= bottom + 1e-6 for y in ys)
        # The line uses at least a third of the chart's height unless it never moved.
        if len(set(series.values)) > 1:
            assert max(ys) - min(ys) >= (bottom - top) / 3, series.name


def test_a_class_of_many_tables_keeps_its_legend_inside_the_chart():
    from game.report.svg import HEIGHT, lines_chart

    lines = tuple((f"table-{k}.toml", (k, k + 1, k * 2)) for k in range(12))
    svg = _svg(lines_chart(REVENUE, lines, "c"))
    legend = [t for t in svg.iter(f"{SVG}text") if (t.text or "").startswith("table-")]
    assert len(legend) == 12 and all(float(t.get("y")) < HEIGHT - 20 for t in legend)
    assert len({p.get("stroke-dasharray") for p in svg.iter(f"{SVG}polyline")}) == 7  # the palette's dashes
