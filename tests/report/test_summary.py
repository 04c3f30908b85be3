"""The student summary: one or two pages beside the full report, with the ending, every
seat's score and turning points, and what really happened with its citations."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.content import load
from game.core.scoring import score
from game.match import Match
from game.report import build, render, render_summary
from game.report.summary import FACTS, TURNING_POINTS, summarise

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(scripted, fmt):
    """The whole summary, byte for byte. After an intended change: UPDATE_GOLDEN=1 pytest tests/report."""
    path = GOLDEN / f"mini-seed11-summary.{fmt}"
    text = render_summary(scripted, fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest tests/report to write it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs; if intended, UPDATE_GOLDEN=1"


@pytest.fixture(scope="module")
def h200_games():
    content = load(ROOT / "content")
    games = []
    for seed in (7, 8):
        match = Match.start(content.scenario("h200"), seed, {}, content.fingerprint)
        match.play_out()
        games.append(match)
    return games


def test_a_full_length_game_fits_two_pages(h200_games):
    """Twelve quarters of h200: about two printed pages (the full report is ten times longer)."""
    for match in h200_games:
        text = render_summary(match, "md")
        assert len(text.split()) <= 1200 and len(text.splitlines()) <= 80
        assert len(text) * 4 < len(render(match, "md"))


def test_it_names_the_ending_the_winner_and_every_seat_with_its_score(h200_games):
    for match in h200_games:
        report = build(match)
        text = render_summary(match, "md")
        assert f"**{report.ending}.** {report.ending_text}" in text
        assert f"Winner: {report.winner} (highest share" in text
        for s in report.seats:
            assert f"| {s.name} | {s.controller} | {s.score.points:g} / {s.score.max:g} |" in text
            assert f"### {s.name}: {s.score.points:g} of {s.score.max:g} points" in text


def test_turning_points_are_the_quarters_a_seats_points_moved_most(h200_games):
    match = h200_games[0]
    rules = match.rules
    summary = summarise(match)
    for turns in summary.seats:
        seat = turns.seat.seat
        points = [score(rules, state)[seat].points for state in match.settled]
        moves = sorted((abs(b - a) for a, b in zip(points, points[1:]) if b != a), reverse=True)
        assert 0 < len(turns.turns) <= TURNING_POINTS
        assert sorted((abs(t.change) for t in turns.turns), reverse=True) == moves[:TURNING_POINTS]
        assert [t.quarter for t in turns.turns] == sorted(t.quarter for t in turns.turns)
        for t in turns.turns:
            assert (t.before, t.after) == (points[t.quarter - 1], points[t.quarter])
            order = next(o for o in match.record.quarters[t.quarter - 1].orders if o.seat == seat)
            for action in order.actions:
                assert rules.action(action).name in t.ordered
            assert t.objectives  # which objective moved, never a bare number


def test_what_really_happened_comes_with_its_citations(h200_games):
    summary = summarise(h200_games[0])
    assert 0 < len(summary.facts) <= FACTS
    assert not summary.facts[0].source.fictional and summary.facts[0].source.citations
    text = render_summary(h200_games[0], "md")
    history = text.split("## What really happened in the world", 1)[1]
    assert "*Sources: [" in history
    assert f"The full report tells {summary.more_facts} more." in history


def test_the_html_summary_is_well_formed_and_self_contained(scripted):
    html = render_summary(scripted, "html")
    root = ET.fromstring(html.split("\n", 1)[1])
    assert [h.text for h in root.iter("h2")] == [
        "The ending",
        "What happened",
        "Turning points",
        "What really happened in the world",
    ]
    for bad in ("<script", "<link", "<img", "@import", "url("):
        assert bad not in html.lower()


def test_a_game_in_progress_says_so(mini_content):
    match = Match.start(mini_content.scenario("mini"), 2, {}, mini_content.fingerprint)
    match.play()
    text = render_summary(match, "md")
    assert "**The game is still going.** After 1 quarter; scores are as if it ended now." in text


def test_the_command_prints_the_summary_of_a_save(scripted, tmp_path, capsys):
    from game.cli import main
    from game.saves.store import write_save

    save = write_save(scripted, tmp_path / "game.toml")
    mini = str(Path(__file__).resolve().parents[1] / "fixtures" / "mini")
    assert main(["report", str(save), "--summary", "--content", mini]) == 0
    assert capsys.readouterr().out == render_summary(scripted, "md")
    out = tmp_path / "summary.html"
    assert main(["report", str(save), "--summary", "--content", mini, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_summary(scripted, "html")
    assert "(html summary, 6 quarters)" in capsys.readouterr().err
