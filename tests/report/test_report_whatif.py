"""The report's luck-and-decisions section: fan charts (a golden file), where the game's
ending sat, and the decisions weighed against a smart bot's; `report --whatif N`."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.analysis.work import Source
from game.cli import main
from game.report import render
from game.report.whatif import gather

from .games import bot_match

GOLDEN = Path(__file__).parent / "golden"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def whatif(scripted, mini_content):
    m = scripted
    return gather(m.rules, m.record, m.history, m.settled, Source.of(MINI, mini_content.fingerprint), games=12, seed=1)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_with_whatif(scripted, whatif, fmt):
    """The whole report with its what-if section, byte for byte. After an intended change:
    UPDATE_GOLDEN=1 pytest tests/report."""
    path = GOLDEN / f"mini-seed11-whatif.{fmt}"
    text = render(scripted, fmt, whatif)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run UPDATE_GOLDEN=1 pytest tests/report to write it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs; if intended, UPDATE_GOLDEN=1"


def test_fan_charts_are_svg_with_band_median_and_the_games_line(scripted, whatif):
    html = render(scripted, "html", whatif)
    section = html.split('<h2 id="whatif">', 1)[1].split("<h2 ", 1)[0]
    charts = [ET.fromstring(s[: s.index("</svg>") + 6]) for s in section.split("<svg ")[1:] for s in ["<svg " + s]]
    assert len(charts) == len(whatif.fans) >= 1
    for svg, fan in zip(charts, whatif.fans):
        assert svg.find(f"{SVG}polygon") is not None  # the band
        lines = svg.findall(f"{SVG}polyline")
        assert len(lines) == 2  # median and the game
        game_points = lines[1].get("points").split()
        assert len(game_points) == len(fan.actual) == len(scripted.settled)
        assert all(p10 <= p50 <= p90 for p10, p50, p90 in zip(fan.p10, fan.p50, fan.p90))
    assert "happened in" in section and "of 12 games from the same start" in section


def test_the_scripted_regulators_orders_are_weighed_against_a_smart_bots(scripted, whatif):
    # The script's regulator calls summits and cuts quotas a smart bot would not: weighed.
    seats = dict(whatif.choices)
    assert whatif.weighed >= 1
    assert any(seats.values())
    for choices in seats.values():
        assert len(choices) <= 3
        assert [abs(c.gain) for c in choices] == sorted((abs(c.gain) for c in choices), reverse=True)
        for c in choices:
            assert c.ordered != c.smart and c.gain != 0


def test_the_section_is_left_out_without_whatif(scripted):
    assert "Luck and decisions" not in render(scripted, "html")
    assert "Luck and decisions" not in render(scripted, "md")


def test_same_section_on_two_workers(scripted, mini_content, whatif):
    m, source = scripted, Source.of(MINI, mini_content.fingerprint)
    two = gather(m.rules, m.record, m.history, m.settled, source, games=12, seed=1, workers=2)
    assert two == whatif


def _save(tmp_path, mini_content) -> Path:
    from game.match.record import to_toml

    match = bot_match(mini_content, 3)
    path = tmp_path / "game.toml"
    path.write_text(to_toml(match.record), encoding="utf-8")
    return path


def test_report_command_adds_the_section_to_finished_games(tmp_path, mini_content, capsys):
    path = _save(tmp_path, mini_content)
    base = ["report", str(path), "--content", str(MINI), "--format", "md", "--workers", "1"]
    assert main([*base, "--whatif", "8"]) == 0
    out = capsys.readouterr().out
    assert "## Luck and decisions" in out and "of 8 games from the same start" in out
    assert main([*base, "--no-whatif"]) == 0
    assert "Luck and decisions" not in capsys.readouterr().out
    assert main([*base, "--whatif", "-1"]) == 1
    err = capsys.readouterr().err
    assert "--whatif must be 0 or more" in err and len(err.strip().splitlines()) == 1
