"""A class's tables side by side: endings and points, the main tracks quarter by quarter,
and where tables of one seed parted, with what differed there."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.cli import main
from game.content import load
from game.core.state import Order
from game.match import Match
from game.report import build, render_comparison
from game.report.compare import NotComparable, compare
from game.saves.branch import start_branch
from game.saves.loading import load_game
from game.saves.store import write_save

from .games import OTHER_SCRIPT, PARTS_AT, bot_match, scripted_match

GOLDEN = Path(__file__).parent / "golden"
MINI = str(Path(__file__).resolve().parents[1] / "fixtures" / "mini")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def other(mini_content) -> Match:
    """The scripted game's seed and script, but the vendor orders nothing in Q3."""
    return scripted_match(mini_content, OTHER_SCRIPT)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(scripted, other, mini_content, fmt):
    """Two tables of seed 11 and one of seed 5, byte for byte (UPDATE_GOLDEN=1 after an intended change)."""
    path = GOLDEN / f"compare-mini.{fmt}"
    games = [("table-1.toml", scripted), ("table-2.toml", other), ("table-3.toml", bot_match(mini_content, 5))]
    text = render_comparison(games, fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest tests/report to write it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs; if intended, UPDATE_GOLDEN=1"


def test_two_tables_of_one_seed_part_where_their_orders_first_differ(scripted, other):
    c = compare([("a.toml", scripted), ("b.toml", other)])
    (p,) = c.partings
    assert (p.first, p.second, p.seed, p.quarter) == ("a.toml", "b.toml", 11, PARTS_AT)
    assert p.orders == ("Vendor CEO: Ship chips vs nothing",)
    assert not p.choices and not p.talks and not p.interventions
    text = render_comparison([("a.toml", scripted), ("b.toml", other)], "md")
    assert f"b.toml parted from a.toml in Q{PARTS_AT} (2026-Q3), the same up to Q{PARTS_AT - 1}." in text
    assert "- Orders: Vendor CEO: Ship chips vs nothing" in text


def test_endings_and_points_of_every_table(scripted, other):
    text = render_comparison([("a.toml", scripted), ("b.toml", other)], "md")
    for name, match in (("a.toml", scripted), ("b.toml", other)):
        report = build(match)
        points = " | ".join(f"{s.score.points:g} / {s.score.max:g}" for s in report.seats)
        assert f"| {name} | {report.ending} | {report.winner} | {points} |" in text


def test_the_same_game_twice_never_parts(scripted):
    c = compare([("a.toml", scripted), ("copy.toml", scripted)])
    assert c.partings[0].quarter == 0
    text = render_comparison([("a.toml", scripted), ("copy.toml", scripted)], "md")
    assert "copy.toml and a.toml never parted: the same orders, talks and rolls for 6 quarters." in text


def test_different_seeds_are_set_side_by_side_without_a_parting(scripted, mini_content):
    c = compare([("a.toml", scripted), ("b.toml", bot_match(mini_content, 5))])
    assert c.partings == ()
    text = render_comparison([("a.toml", scripted), ("b.toml", bot_match(mini_content, 5))], "md")
    assert "No two tables share a seed" in text


def test_rolls_that_differ_are_named_with_their_table(mini_content):
    """Seed 11, the vendor lobbies (an order with odds) in Q1 at one table only."""
    rules = mini_content.scenario("mini")
    games = []
    for name, actions in (("a", ("lobby",)), ("b", ())):
        match = Match.start(rules, 11, {}, mini_content.fingerprint)
        match.play({s: Order(s, actions if s == "vendor" else ()) for s in rules.seat_ids})
        games.append((name, match))
    (p,) = compare(games).partings
    assert p.quarter == 1 and len(p.orders) == 1
    assert p.orders[0].startswith("Vendor CEO: Lobby Commerce") and p.orders[0].endswith(" vs nothing")
    assert len(p.rolls) == 1 and p.rolls[0].startswith("a: Vendor CEO: ") and "odds 50%, rolled" in p.rolls[0]


def test_a_comparison_chart_draws_one_line_a_table_on_one_axis(scripted, other):
    html = render_comparison([("a.toml", scripted), ("b.toml", other)], "html")
    root = ET.fromstring(html.split("\n", 1)[1])
    charts = root.findall(f".//{SVG}svg")
    assert len(charts) == 1  # mini's main tracks: the licence (a state: a table only) and tension
    lines = [p for p in charts[0].iter(f"{SVG}polyline") if p.get("class") == "table-line"]
    assert [line.find(f"{SVG}title").text.split(":")[0] for line in lines] == ["a.toml", "b.toml"]
    assert len({line.get("stroke-dasharray") for line in lines}) == 2  # told apart without colour


def test_other_scenarios_are_refused(scripted, mini_content):
    rules = mini_content.scenario("mini")
    from attrs import evolve

    with pytest.raises(NotComparable, match=r"^b.toml: is a game of scenario 'other', not 'mini' like a.toml"):
        compare([("a.toml", scripted), ("b.toml", evolve(scripted, rules=evolve(rules, scenario="other")))])


def test_the_command_compares_saves_and_a_branch_of_one(scripted, mini_content, tmp_path, capsys):
    parent = write_save(scripted, tmp_path / "game.toml")
    run = load_game(parent, mini_content).run
    branch = start_branch(run, parent, 4, {}, mini_content.fingerprint)
    branch.play({s: Order(s) for s in branch.rules.seat_ids})
    branch.play_out()
    branch_path = write_save(branch, tmp_path / "branch.toml")
    out = tmp_path / "class.md"
    assert main(["report", "--compare", str(parent), str(branch_path), "--content", MINI, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "- **branch.toml**: seed 11, 6 of 6 quarters, a branch of game.toml from Q4" in text
    assert "branch.toml parted from game.toml in Q4 (2026-Q4), the same up to Q3." in text
    assert "wrote" in capsys.readouterr().err


def test_the_command_refuses_a_save_of_another_scenario_naming_it(scripted, tmp_path, capsys):
    a = write_save(scripted, tmp_path / "a.toml")
    content = load(Path(__file__).resolve().parents[2] / "content")
    quick = Match.start(content.scenario("quickplay"), 1, {}, content.fingerprint)
    quick.play()
    b = write_save(quick, tmp_path / "b.toml")
    assert main(["report", "--compare", str(a), str(b), "--content", MINI]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "b.toml: is a game of scenario 'quickplay', not 'mini'" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["report"], "give one saved game (PATH) or --compare SAVE SAVE..."),
        (["report", "x.toml", "--compare", "a.toml", "b.toml"], "give one saved game (PATH) or --compare"),
        (["report", "--compare", "a.toml"], "--compare a.toml: give two saves or more"),
        (["report", "--compare", "a.toml", "b.toml", "--summary"], "--summary is the summary of one game"),
    ],
)
def test_bad_arguments_are_one_line(args, message, capsys):
    assert main([*args, "--content", MINI]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_a_missing_save_is_named(scripted, tmp_path, capsys):
    a = write_save(scripted, tmp_path / "a.toml")
    assert main(["report", "--compare", str(a), str(tmp_path / "gone.toml"), "--content", MINI]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gone.toml" in err
