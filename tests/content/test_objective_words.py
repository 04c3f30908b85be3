"""Objective texts are checked against their formulas, and sources against weak outlets:
`validate` reports a text that says what the scoring does not do, as FILE:LINE: entry ID:
field: message, and `scoring_words` says how an objective scores from its formula alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from game.content import load
from game.content.words import check_words, objective_problems
from game.core.scoring import scoring_words

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): entry (?P<entry>\S+): (?P<field>\S+): (?P<message>.+)$")
CONTENT = Path(__file__).resolve().parents[2] / "content"
ROOT = Path(__file__).resolve().parents[2]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def line_of(root: Path, rel: str, needle: str) -> int:
    return next(i for i, text in enumerate((root / rel).read_text().splitlines(), start=1) if needle in text)


def validate(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", "--content", str(root)], capture_output=True, text=True, cwd=ROOT
    )


def test_validate_reports_a_text_that_contradicts_its_formula(world):
    edit(world, "seats/seats.toml", "Earn revenue: 2 points per $1bn.", "Earn revenue: 3 points per $1bn.")
    result = validate(world)
    assert result.returncode == 1
    line = line_of(world, "seats/seats.toml", "Earn revenue")
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        f"mini/seats/seats.toml:{line}: entry vendor.revenue: text: says 3 points per $1bn but the formula gives 2"
    )
    assert lines[-1] == "1 problem in what the content says"
    assert "Traceback" not in result.stderr


def test_the_old_chip_security_act_text_is_caught(tmp_path):
    """The text a player found wrong: 3 points a stage, but `bill * 0.15` gives 3.75."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    path = root / "seats" / "lawmaker.toml"
    text = path.read_text()
    old = re.search(r'^text = "Pass the Chip Security Act.*"$', text, re.M).group(0)
    path.write_text(
        text.replace(old, 'text = "Pass the Chip Security Act: 3 points per stage (25% of progress), up to 15 (law)."')
    )
    result = validate(root)
    assert result.returncode == 1
    found = [LINE.match(x) for x in result.stderr.splitlines() if LINE.match(x)]
    mine = [m.group("message") for m in found if m.group("entry") == "lawmaker.bill"]
    assert "says 3 points per 25% but the formula gives 3.75" in mine
    assert any(m.startswith("says up to 15, which screens already show") for m in mine)
    assert all(m.group("file") == "content/seats/lawmaker.toml" for m in found if m.group("field") == "text")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Revenue: 2 points per $1bn, up to 50.", "says up to 50 but the objective's max is 100"),
        ("Revenue: 2 points per $1bn, up to 100.", "says up to 100, which screens already show after the text"),
        ("Revenue: 2 points per $1bn above 5.", "says the points start above 5 but the formula gives 10 there"),
        ("Revenue: 2 points per $1bn, the most at $40bn.", "says the most at $40bn but the formula gives 80 there"),
        (
            "Revenue: 2 points per $1bn, the most at $60bn.",
            "says the most at $60bn, outside revenue's bounds (0 to 50)",
        ),
        ("Revenue: 2 points per $1bn, the most at $50bn or less.", "but the score rises with revenue"),
        ("Revenue: 10 points at $4bn.", "says 10 points at $4bn but the formula gives 8"),
        ("Revenue: 5 points, often more.", "which validate cannot tie to the formula"),
    ],
)
def test_each_kind_of_claim_is_checked(world, text, message):
    edit(world, "seats/seats.toml", "Earn revenue: 2 points per $1bn.", text)
    problems, _ = check_words(load(world))
    assert [p.entry for p in problems] == ["vendor.revenue"]
    assert message in problems[0].message


def test_the_most_is_where_the_formula_first_reaches_the_max(world):
    edit(world, "seats/seats.toml", 'points = "revenue * 2"', 'points = "revenue * 4"')
    edit(
        world, "seats/seats.toml", "Earn revenue: 2 points per $1bn.", "Revenue: 4 points per $1bn, the most at $30bn."
    )
    problems, _ = check_words(load(world))
    assert [p.message for p in problems] == ["says the most at $30bn but the formula gives the most from revenue 25"]


def test_the_max_must_be_within_reach(world):
    edit(world, "seats/seats.toml", 'points = "revenue * 2"', 'points = "revenue"')
    edit(world, "seats/seats.toml", "Earn revenue: 2 points per $1bn.", "Revenue: 1 point per $1bn.")
    problems, _ = check_words(load(world))
    assert [p.message for p in problems] == [
        "the objective's max is 100 but the formula gives at most 50 (revenue 50, within China revenue's bounds)"
    ]


def test_true_claims_pass(world):
    edit(
        world,
        "seats/seats.toml",
        "Earn revenue: 2 points per $1bn.",
        "Revenue: 2 points per $1bn, 10 points at $5bn, the most at $50bn or more.",
    )
    assert check_words(load(world)) == ([], [])


def test_every_shipped_objective_says_what_its_formula_does():
    content = load(CONTENT)
    problems, _ = check_words(content)
    assert problems == []
    for rules in content.scenarios.values():
        for seat in rules.seats:
            for objective in seat.objectives:
                assert "up to" not in objective.text  # the screens add "(up to N points)"


def test_validate_passes_on_the_shipped_content():
    result = validate(CONTENT)
    assert result.returncode == 0, result.stderr
    assert "problem" not in result.stderr


def test_scoring_words_say_the_formula_and_pass_the_check():
    content = load(CONTENT)
    rules = content.scenario("h200")
    bill = next(o for o in rules.seat("lawmaker").objectives if o.id == "bill")
    assert scoring_words(rules, bill) == "0.15 points per point of Chip Security Act, the most at 100%."
    security = next(o for o in rules.seat("lawmaker").objectives if o.id == "security")
    assert scoring_words(rules, security) == (
        "0.8 points per point of diversion to restricted users below 50%, the most at 18% or less."
    )
    for rules in content.scenarios.values():
        for seat in rules.seats:
            for objective in seat.objectives:
                words = scoring_words(rules, objective)
                assert "*" not in words and "(s)" not in words
                assert objective_problems(rules, attrs.evolve(objective, text=words)) == [], words


def test_scoring_words_for_a_curve_give_its_bends(world):
    rules = load(world).scenario("mini")
    calm = next(o for o in rules.seat("regulator").objectives if o.id == "calm")
    assert scoring_words(rules, calm) == (
        "Tension: 0 points at 0%, 100 points at 50%, 0 points at 100%, in straight lines between."
    )


def test_a_weak_source_is_a_warning_not_a_failure(world):
    shutil.copy(CONTENT / "sources.toml", world / "sources.toml")  # the content keeps the list
    weak = 'source = [{ outlet = "ZeroHedge", date = "2025-07-31" }]'
    edit(world, "actions/actions.toml", 'source = "fictional"', weak)
    result = validate(world)
    assert result.returncode == 0, result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "weak source" in x]
    m = LINE.match(line)
    assert m and m.group("field") == "source[1]"
    assert m.group("message").startswith("warning: ZeroHedge is a weak source")
    assert "warnings   1" in result.stdout


def test_the_shipped_content_cites_no_weak_source():
    _, warnings = check_words(load(CONTENT))
    assert [str(w) for w in warnings] == []
