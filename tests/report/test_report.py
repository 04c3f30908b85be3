"""The after-action report: golden files of one scripted game, and facts checked on their own."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

from game.core.citation import Citation, Source
from game.core.scoring import score, winner
from game.report import build, render, write_report
from game.report.build import strip_prefix
from game.report.markdown import sparkline

from .games import INTERVENTIONS, SCRIPT, bot_match

GOLDEN = Path(__file__).parent / "golden"
RECORD = Source(citations=(Citation("The Record", "2026-03-01"),))
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(scripted, fmt):
    """The whole report, byte for byte. After an intended change: UPDATE_GOLDEN=1 pytest tests/report."""
    path = GOLDEN / f"mini-seed11.{fmt}"
    text = render(scripted, fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest tests/report to write it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs; if intended, UPDATE_GOLDEN=1"


def _quarter_sections(md: str) -> dict[int, str]:
    timeline = md.split("## Timeline", 1)[1].split("## Decisions by seat", 1)[0]
    parts = re.split(r"^### Q(\d+) ", timeline, flags=re.M)
    return {int(n): body for n, body in zip(parts[1::2], parts[2::2])}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_markdown_has_every_quarter_and_every_order(mini_content, seed):
    match = bot_match(mini_content, seed)
    rules = match.rules
    md = render(match, "md")
    sections = _quarter_sections(md)
    assert sorted(sections) == [q.quarter for q in match.record.quarters]
    for rec in match.record.quarters:
        body = sections[rec.quarter]
        for order in rec.orders:
            line = next(x for x in body.splitlines() if x.startswith(f"- **{rules.seat(order.seat).name}**:"))
            for action_id in order.actions:
                assert rules.action(action_id).name in line
            assert order.reason in line
        for o in match.log[rec.quarter]:
            if o.quarter == rec.quarter and o.phase == "orders":
                assert o.text in body


def test_scores_and_ending_match_the_core(scripted):
    report = build(scripted)
    rules = scripted.rules
    scores = score(rules, scripted.state)
    assert report.ending == rules.ending(scripted.state.ending).title
    assert report.winner == rules.seat(winner(scores)).name
    for s in report.seats:
        assert s.score == scores[s.seat]
    md = render(scripted, "md")
    for s in report.seats:
        assert f"| {s.name} | {s.controller} | {scores[s.seat].points:g} of {scores[s.seat].max:g} |" in md


def test_series_follow_the_end_of_each_quarter(scripted):
    """The charts show the opening, then each quarter as it ended (before the next news),
    so a chart's point for Qn is where the timeline's moves of Qn leave the track."""
    rules = scripted.rules
    report = build(scripted)
    main = [t for t in rules.tracks if t.main]
    assert [s.track for s in report.series] == [t.id for t in main]
    for s in report.series:
        assert s.values == tuple(state.value(rules, s.track) for state in scripted.settled)
        assert s.values[0] == rules.track(s.track).start  # the opening, before Q1's news
        assert len(s.labels) == len(scripted.record.quarters) + 1
        assert s.labels[0] == "Start" and s.labels[-1] == f"Q{len(scripted.record.quarters)}"
        assert s.marks == tuple(sorted(INTERVENTIONS))
    tension = next(s for s in report.series if s.track == "tension")
    for quarter in report.quarters:
        moves = [m for h in (*quarter.news, *quarter.results) for m in h.moves if m.track == "Tension"]
        if moves:
            assert moves[-1].after == rules.track("tension").format(tension.values[quarter.number])


def test_interventions_reach_the_timeline(scripted):
    q = {quarter.number: quarter for quarter in build(scripted).quarters}
    assert q[1].interventions == (
        "Injected event: Market rumour [keep them alert]",
        "Custom event: Port strike. Dockers walk out | ports idle. (tension += 3)",
    )
    assert [h.text for h in q[1].results if h.phase == "facilitator"] == ["Market rumour", "Port strike"]
    assert q[2].interventions == ("Set Export licence to approved [Commerce overruled]",)
    assert any(h.phase == "facilitator" and h.moves[0].after == "approved" for h in q[2].results)
    forced = next(h for h in q[3].results if h.phase == "orders" and h.who == "US lawmaker")
    assert forced.detail == "forced to fail by the facilitator"
    assert "Hold a hearing (failed)" in next(o for o in q[3].orders if o.seat == "lawmaker").actions


def test_html_is_well_formed_self_contained_with_a_chart_per_main_track(scripted):
    html = render(scripted, "html")
    root = ET.fromstring(html.split("\n", 1)[1])  # past the doctype
    charts = root.findall(f".//{SVG}svg")
    report = build(scripted)
    assert len(charts) == len(report.series) == 2
    for svg, series in zip(charts, report.series):
        assert (
            svg.find(f"{SVG}title").text == f"{series.name} at the end of each quarter, before the next quarter's news"
        )
        assert len(svg.findall(f"{SVG}circle")) == len(series.values)
        assert svg.find(f"{SVG}polyline") is not None or svg.find(f"{SVG}path") is not None
        assert len(svg.findall(f"{SVG}line[@stroke-dasharray]")) == len(INTERVENTIONS)
    for bad in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href="):
        assert bad not in html.lower(), bad
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    sections = [s.get("id") for s in root.iter("section")]
    assert sections == [f"q{q}" for q in SCRIPT]


def test_number_chart_points_follow_the_values(scripted):
    """A higher value is drawn higher (smaller y), on the track's own scale."""
    html = render(scripted, "html")
    root = ET.fromstring(html.split("\n", 1)[1])
    tension = next(s for s in build(scripted).series if s.track == "tension")
    svg = next(s for s in root.iter(f"{SVG}svg") if s.find(f"{SVG}title").text.startswith("Tension"))
    ys = [float(c.get("cy")) for c in svg.findall(f"{SVG}circle")]
    for (a, ya), (b, yb) in zip(zip(tension.values, ys), zip(tension.values[1:], ys[1:])):
        assert (a > b) == (ya < yb) and (a == b) == (ya == yb)


def test_text_escapes_markup(mini_content):
    """A custom event's title is the facilitator's free text: it must not become markup."""
    from game.core.state import Intervention
    from game.match import Match

    match = Match.start(mini_content.scenario("mini"), 5, {}, mini_content.fingerprint)
    match.play({}, (Intervention("custom", title="<script>alert(1)</script> & co", effects=()),))
    html = render(match, "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    ET.fromstring(html.split("\n", 1)[1])


def test_game_in_progress_is_reported_as_such(mini_content):
    from game.match import Match

    match = Match.start(mini_content.scenario("mini"), 2, {}, mini_content.fingerprint)
    match.play()
    match.play()
    md = render(match, "md")
    assert "**The game is still going** after 2 quarters" in md
    assert sorted(_quarter_sections(md)) == [1, 2]
    assert build(match).series[0].labels == ("Start", "Q1", "Q2")


def test_what_really_happened_lists_what_occurred_once(mini_content, scripted):
    rules = attrs.evolve(
        scripted.rules,
        actions=tuple(
            attrs.evolve(a, happened="What really happened: a real hearing was held.") if a.id == "hearing" else a
            for a in scripted.rules.actions
        ),
        endings=tuple(
            attrs.evolve(e, happened="The exercise ended on time.", source=RECORD) for e in scripted.rules.endings
        ),
    )
    facts = build(attrs.evolve(scripted, rules=rules)).facts
    hearing = [f for f in facts if f.title == "Hold a hearing"]
    assert (
        len(hearing) == 1
        and hearing[0].happened == "A real hearing was held."
        and hearing[0].first == "Q1, US lawmaker"
    )
    assert facts[-1].kind == "ending" and facts[-1].happened == "The exercise ended on time."
    assert facts[-1].source == RECORD  # an ending names its source as the rest do
    fired = {o.id for outcomes in scripted.log for o in outcomes if o.kind == "event"}
    assert {f.title for f in facts if f.kind == "event"} == {rules.event(e).title for e in fired if e != "custom"}
    assert "Smugglers convicted" not in {f.title for f in facts}  # never fired in this game


def test_questions_come_from_the_content(scripted):
    md = render(scripted, "md")
    questions = md.split("## Discussion questions", 1)[1]
    for i, q in enumerate(scripted.rules.questions, start=1):
        assert f"{i}. {q}" in questions


def test_strip_prefix():
    assert strip_prefix("What really happened: the chips shipped.") == "The chips shipped."
    assert strip_prefix("  Nothing to strip. ") == "Nothing to strip."


def test_sparkline_uses_the_track_scale(scripted):
    tension = next(s for s in build(scripted).series if s.track == "tension")
    flat = attrs.evolve(tension, values=(0, 100, 50, 0))
    assert sparkline(flat) == "▁█▅▁"
    licence = next(s for s in build(scripted).series if s.track == "licence")
    assert sparkline(attrs.evolve(licence, values=("pending", "approved", "revoked"))) == "▁▅█"


def test_write_report_picks_the_format_from_the_suffix(scripted, tmp_path):
    html = write_report(scripted, tmp_path / "r.html")
    md = write_report(scripted, tmp_path / "r.md")
    assert html.read_text().startswith("<!DOCTYPE html>")
    assert md.read_text().startswith("# After-action report: Mini")
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(scripted, "pdf")


def test_shipped_scenario_reports(tmp_path):
    """End to end on the real content: every main track charted, every quarter present."""
    from game.content import load
    from game.match import Match

    content = load(Path(__file__).resolve().parents[2] / "content")
    rules = content.scenario("h200")
    match = Match.start(rules, 7, {}, content.fingerprint)
    match.play_out()
    html = render(match, "html")
    root = ET.fromstring(html.split("\n", 1)[1])
    assert len(root.findall(f".//{SVG}svg")) == sum(t.main for t in rules.tracks) > 0
    assert len(list(root.iter("section"))) == len(match.record.quarters)
    assert "## Discussion questions" in render(match, "md")


def test_report_path_sits_beside_the_save(scripted, tmp_path, monkeypatch):
    from game.report import report_path

    monkeypatch.setenv("SILICON_CURTAIN_SAVES", str(tmp_path))
    scripted.save_path = None
    assert report_path(scripted) == tmp_path / "report-mini-11.html"
    scripted.save_path = tmp_path / "autosave-mini-11-2.toml"
    try:
        assert report_path(scripted, "md") == tmp_path / "autosave-mini-11-2-report.md"
    finally:
        scripted.save_path = None


HOSTILE_TITLE = "<script>alert(1)</script> [x](javascript:alert(1)) `code` \x1b]0;pwned\x07"


def _hostile_match(content):
    from game.core.state import Intervention
    from game.match import Match

    match = Match.start(content.scenario("mini"), 11, {}, content.fingerprint)
    custom = Intervention("custom", title=HOSTILE_TITLE, text="<img src=x onerror=alert(1)>", note="\x1b[2J")
    match.play(interventions=(custom,))
    return match


def test_markdown_copies_no_html_link_or_control_character_from_the_game(mini_content):
    """A custom event's title is whatever the facilitator typed: the Markdown report copied
    `<script>` verbatim and ESC sequences that retitle a terminal (issue 20)."""
    text = render(_hostile_match(mini_content), "md")
    assert "Custom event: &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\`code\\`" in text
    assert "<script>" not in text and "<img" not in text
    assert not re.search(r"(?<!\\)\]\(javascript", text)  # no link: its bracket is escaped
    assert "\x1b" not in text and "\x07" not in text
    assert "␛\\]0;pwned␇" in text  # the control characters shown, not sent to the terminal


def test_html_escapes_and_shows_control_characters(mini_content):
    text = render(_hostile_match(mini_content), "html")
    assert "<script>alert" not in text and "<img src" not in text
    assert "\x1b" not in text and "\x07" not in text
