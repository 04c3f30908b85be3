"""The debrief's charts in the terminal: an axis fitted to the values with its range and unit,
and the quarters of interventions, deals and leaks marked under the time axis."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App, ComposeResult

from game.content import load
from game.core.state import Intervention, Order
from game.match import Match
from game.ui.widgets.chart import TrackChart, tick

ROOT = Path(__file__).resolve().parents[2]


class Host(App):
    def __init__(self, chart: TrackChart):
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield self.chart


def _lines(chart: TrackChart) -> list[str]:
    """The chart as drawn inside a running app (its bar style comes from the app's CSS)."""

    async def run() -> list[str]:
        async with Host(chart).run_test(size=(100, 30)):
            return chart.render().plain.splitlines()

    return asyncio.run(run())


def test_a_small_revenue_is_drawn_on_its_own_axis():
    rules = load(ROOT / "content").scenario("h200")
    chart = TrackChart(rules, rules.track("revenue_total"), [0, 1.5, 3, 4.5, 6])
    lines = _lines(chart)
    assert lines[1].strip() == "axis 0.0 $bn–6.0 $bn of the track's 0.0 $bn–100.0 $bn"
    assert lines[2].startswith("6.0 $bn │") and lines[6].startswith("0.0 $bn │")
    assert lines[2].rstrip().endswith("██")  # the last quarter reaches the top row, not a twentieth of it


def test_interventions_deals_and_leaks_are_marked_under_their_quarter(mini_content):
    rules = mini_content.scenario("mini")
    match = Match.start(rules, 11, {}, mini_content.fingerprint)
    match.play({}, (Intervention("set", track="tension", value=60),))
    match.play({s: Order(s) for s in rules.seat_ids})
    lines = _lines(TrackChart.of_match(rules, rules.track("tension"), match))
    axis = next(i for i, line in enumerate(lines) if "end of quarter" in line)
    marks, key = lines[axis + 1], lines[axis + 2]
    numbers = lines[axis]
    assert marks[numbers.index(" 1 ") + 1] == "F"  # under the quarter it happened in
    assert key.strip() == "F the facilitator intervened"


def _deals_game(quarters: int) -> Match:
    """h200, seed 3, three people: the vendor's private deal (Q1) and the regulator's trade (Q2),
    both accepted; a leak in Q5's news makes them public."""
    from game.core.deals import Offer

    content = load(ROOT / "content")
    rules = content.scenario("h200")
    match = Match.start(rules, 3, dict.fromkeys(rules.seat_ids, "human"), content.fingerprint)
    talks = {
        1: [Offer("vendor", "regulator", deal="bundle_domestic")],
        2: [Offer("regulator", "vendor", gives="approve_firms", wants="court_buyers")],
    }
    while len(match.record.quarters) < quarters:
        for offer in talks.get(match.state.quarter, []):
            match.offer(offer)
            match.answer(len(match.offers) - 1, True)
        match.play({s: Order(s) for s in rules.seat_ids})
    return match


def test_deals_and_leaks_of_a_shipped_game():
    match = _deals_game(6)
    lines = _lines(TrackChart.of_match(match.rules, match.rules.track("tension"), match))
    axis = next(i for i, line in enumerate(lines) if "end of quarter" in line)
    numbers, marks = lines[axis], lines[axis + 1]
    for q, letter in ((1, "D"), (2, "D"), (5, "L")):
        at = numbers.index(f" {q} ") + 1
        assert marks[at] == letter, (q, marks)
    assert lines[axis + 2].strip() == "D a deal was agreed in the talks; L a private deal leaked"


def test_a_tick_between_integers_keeps_its_fraction():
    rules = load(ROOT / "content").scenario("h200")
    assert tick(rules.track("tension"), 2.5) == "2.5%" and tick(rules.track("tension"), 60) == "60%"
