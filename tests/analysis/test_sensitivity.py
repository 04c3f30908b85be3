"""`python -m game sensitivity`: every numeric assumption varied on the loaded model, ranked
by how far it moves wins and endings, each named by file:line and source."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.analysis.sensitivity import assumptions, placed, vary
from game.cli import main
from game.content import load

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def quickplay():
    return load(CONTENT).scenario("quickplay")


def test_quickplay_ranks_at_least_ten_assumptions_with_file_and_line(capsys):
    args = ["sensitivity", "--scenario", "quickplay", "--games", "6", "--only", "track", "--workers", "1", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["assumptions"]
    assert len(rows) >= 10 and data["varied"] == len(rows)
    for row in rows:
        assert re.fullmatch(r"content/[\w/]+\.toml:\d+", row["place"]), row["place"]
        assert row["source"]
        assert 0 <= row["movement"] <= 1
        assert abs(sum(row["wins"].values())) < 1e-3  # shares moved from one seat to another
    movements = [r["movement"] for r in rows]
    assert movements == sorted(movements, reverse=True)
    assert movements[0] > 0  # some start moves some game
    assert set(data["baseline"]["wins"]) == {"vendor", "lawmaker", "regulator", "draw"}


def test_the_table_reads_at_80_columns_with_each_file_and_line_whole(capsys, monkeypatch):
    """An author reads the ranking in a terminal or a piped file (80 columns): each row's
    file:line and source sit whole on lines of their own, under the assumption's words."""
    monkeypatch.setenv("COLUMNS", "80")
    args = ["sensitivity", "--scenario", "quickplay", "--games", "4", "--only", "track", "--workers", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    # The table, from its title: the prose above it wraps softly, as a terminal wraps it.
    lines = out.splitlines()[out[: out.index("that move outcomes most")].count("\n") :]
    assert all(len(line) <= 80 for line in lines)
    places = [line.strip() for line in lines if re.fullmatch(r"\s*content/[\w/]+\.toml:\d+\s*", line)]
    sources = [line.strip() for line in lines if line.strip().startswith("source: ")]
    assert len(places) == len(sources) >= 10
    assert "source: (none)" not in sources  # said in words


def test_the_file_and_line_point_at_the_number(quickplay):
    """A track's start overridden by the scenario points at the scenario's line; an effect at
    its entry's `effects` (or `fail_effects`) line, which names the number varied."""
    found = {a.key: a for a in placed(CONTENT, "quickplay", assumptions(quickplay))}
    quota = found["track:quota:start:0"]  # quickplay's [scenario.start] sets it
    file, line = quota.place.rsplit(":", 1)
    text = (CONTENT.parent / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert file.endswith("scenarios/quickplay.toml") and text.strip().startswith("quota")
    effect = next(a for k, a in found.items() if k.startswith("action:") and ":effects:" in k)
    file, line = effect.place.rsplit(":", 1)
    text = (CONTENT.parent / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert text.startswith("effects")
    assert effect.what.split("'")[1] in text  # the effect as written


def test_every_assumption_varies_the_loaded_model_and_only_its_copy(quickplay):
    found = assumptions(quickplay)
    kinds = {a.key.split(":")[0] for a in found}
    assert {"track", "action", "event", "rule"} <= kinds
    before = [t.start for t in quickplay.tracks]
    for a in found:
        varied = vary(quickplay, a.key)
        assert varied != quickplay, a.key
    assert [t.start for t in quickplay.tracks] == before


def test_a_varied_effect_moves_its_track_by_the_stated_step(quickplay):
    a = next(a for a in assumptions(quickplay) if a.key.startswith("action:") and "+=" in a.what)
    _, owner, field, index = a.key.split(":")
    old = getattr(quickplay.action(owner), field)[int(index)]
    new = getattr(vary(quickplay, a.key).action(owner), field)[int(index)]
    slots = [50.0] * len(quickplay.slot_names) + [1, ""]
    x, y = slots.copy(), slots.copy()
    old.run(x)
    new.run(y)
    assert y[old.target] - x[old.target] == pytest.approx(float(a.step))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--only", "nothing"], "--only nothing: no assumption's key starts so"),
        (["--games", "0"], "--games must be 1 or more"),
        (["--scenario", "nope"], "--scenario: no scenario 'nope'"),
        (["--bots", "genius"], "--bots: unknown level 'genius'"),
    ],
)
def test_bad_arguments_are_one_line(capsys, args, message):
    assert main(["sensitivity", "--scenario", "quickplay", "--games", "2", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
