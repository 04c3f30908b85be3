"""`python -m game replay PATH --check`, and the viewer opened from the command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from headless import run_headless

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def simulate(path: Path, *, content: Path = MINI, scenario: str = "mini", seed: int = 7) -> None:
    assert (
        main(
            [
                "simulate",
                "--scenario",
                scenario,
                "--games",
                "1",
                "--seed",
                str(seed),
                "--save",
                str(path),
                "--content",
                str(content),
            ]
        )
        == 0
    )


def check(path: Path, capsys, *extra, content: Path = MINI) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["replay", str(path), "--check", "--content", str(content), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_save_the_game_wrote_passes(tmp_path, capsys):
    path = tmp_path / "a.toml"
    simulate(path)
    code, out, err = check(path, capsys)
    assert code == 0, err
    assert out.strip() == (
        f"{path}: OK: 6 quarters replayed, every digest matches (scenario mini, seed 7, ended: time)"
    )


@pytest.mark.parametrize("scenario", ["h200", "quickplay"])
def test_saves_of_the_shipped_scenarios_pass_and_are_byte_identical(tmp_path, capsys, scenario):
    content = ROOT / "content"
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    simulate(a, content=content, scenario=scenario)
    simulate(b, content=content, scenario=scenario)
    assert a.read_bytes() == b.read_bytes()  # no clock inside: the same game, the same bytes
    code, out, err = check(a, capsys, content=content)
    assert code == 0, err
    assert "every digest matches" in out


def test_a_divergence_names_the_quarter_and_the_tracks(tmp_path, capsys):
    path = tmp_path / "a.toml"
    simulate(path)
    text = path.read_text()
    # The hearing of Q1 is cancelled in the file: from Q1 on the game the file claims is not this one.
    first = text.index("[quarter.orders.lawmaker]")
    end = text.index("[quarter.orders.regulator]", first)
    path.write_text(text[:first] + "[quarter.orders.lawmaker]\nactions = []\n\n" + text[end:])
    code, out, err = check(path, capsys)
    assert code == 1 and out == ""
    # What the file says tension was after Q1, and what Q1 gives without the hearing.
    from game.content import load
    from game.core import new_game, play_quarter
    from game.saves.reader import read_record

    rules = load(MINI).scenario("mini")
    record = read_record(path)
    q1 = record.quarters[0]
    state, _ = new_game(rules, record.seed)
    replayed, _ = play_quarter(rules, state, {o.seat: o for o in q1.orders})
    saved = dict(q1.tracks)["tension"]
    assert saved != replayed.value(rules, "tension")  # the hearing moved tension: a real divergence
    assert err.strip().startswith(
        f"{path}: first divergence at Q1: tension saved {saved}, replayed {replayed.value(rules, 'tension')}"
    )


def test_damaged_files_get_one_line_and_exit_1(tmp_path, capsys):
    path = tmp_path / "a.toml"
    simulate(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    code, out, err = check(path, capsys)
    assert code == 1
    assert err.count("\n") == 1 and "is cut short" in err and "Traceback" not in err
    assert path.read_bytes() == data[: len(data) // 2]


def test_no_traceback_from_a_real_process(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"\x00\xff not a save")
    proc = subprocess.run(
        [sys.executable, "-m", "game", "replay", str(path), "--check", "--content", str(MINI)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("silicon-curtain: error: ") and "not a saved game" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_other_content_is_checked_against_the_content_at_hand(tmp_path, capsys):
    path = tmp_path / "a.toml"
    simulate(path)
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    events = other / "events" / "events.toml"
    events.write_text(events.read_text().replace('title = "Talks open"', 'title = "Talks begin"'))
    code, out, _ = check(path, capsys, content=other)
    assert code == 0 and "made with other content" in out  # texts changed, the game did not
    rules = other / "rules.toml"
    rules.write_text(rules.read_text().replace("tension = 40", "tension = 45"))
    code, _, err = check(path, capsys, content=other)
    assert code == 1 and "first divergence at the start: tension saved 35, replayed 40" in err


def test_the_viewer_without_anyway_refuses_other_content_and_says_how(tmp_path, capsys):
    path = tmp_path / "a.toml"
    simulate(path)
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    rules = other / "rules.toml"
    rules.write_text(rules.read_text().replace("tension = 40", "tension = 45"))
    capsys.readouterr()
    assert main(["replay", str(path), "--content", str(other)]) == 1
    err = capsys.readouterr().err
    assert f"python -m game replay {path} --anyway" in err and err.count("\n") == 1


def test_replay_opens_the_viewer_above_the_title(tmp_path, monkeypatch):
    from game.ui.screens.replay import ReplayScreen
    from game.ui.screens.title import TitleScreen

    path = tmp_path / "a.toml"
    simulate(path)

    def inspect(app):
        assert isinstance(app.screen, ReplayScreen) and app.screen.loaded.path == path
        assert isinstance(app.screen_stack[-2], TitleScreen)

    seen = run_headless(monkeypatch, inspect)
    assert main(["replay", str(path), "--content", str(MINI)]) == 0
    assert seen
