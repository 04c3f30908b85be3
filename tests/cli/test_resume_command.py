"""`python -m game resume [PATH]`: the game resumed in the app, or one line on why not."""

from __future__ import annotations

from pathlib import Path

from headless import run_headless

from game.cli import main
from game.match import Match
from game.saves.store import autosave

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def test_resume_path_opens_the_game_where_it_was(tmp_path, monkeypatch, mini, mini_content):
    match = Match.start(mini, 5, {"regulator": "human"}, mini_content.fingerprint)
    match.play()
    path = autosave(match)

    def inspect(app):
        assert app.session.match.record == match.record and app.session.match.save_path == path

    seen = run_headless(monkeypatch, inspect)
    assert main(["resume", str(path), "--content", str(MINI)]) == 0
    assert seen


def test_resume_without_path_takes_the_last_game_in_progress(monkeypatch, mini, mini_content, capsys):
    match = Match.start(mini, 5, {}, mini_content.fingerprint)
    match.play()
    path = autosave(match)
    seen = run_headless(monkeypatch, lambda app: None)
    assert main(["resume", "--content", str(MINI)]) == 0
    assert seen and f"resuming {path}" in capsys.readouterr().err


def test_resume_with_nothing_to_resume(capsys):
    assert main(["resume", "--content", str(MINI)]) == 1
    err = capsys.readouterr().err
    assert "no game in progress" in err and err.count("\n") == 1


def test_resume_a_damaged_file(tmp_path, capsys):
    path = tmp_path / "x.toml"
    path.write_text('format = 1\nseed = "7"\n')
    assert main(["resume", str(path), "--content", str(MINI)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"silicon-curtain: error: {path}: ") and err.count("\n") == 1


def test_resume_other_content_suggests_anyway_only_when_it_replays(tmp_path, capsys, mini, mini_content):
    import shutil

    match = Match.start(mini, 5, {}, mini_content.fingerprint)
    match.play()
    path = autosave(match)
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    events = other / "events" / "events.toml"
    events.write_text(events.read_text().replace('title = "Talks open"', 'title = "Talks begin"'))
    assert main(["resume", str(path), "--content", str(other)]) == 1
    assert f"python -m game resume {path} --anyway" in capsys.readouterr().err
    rules = other / "rules.toml"
    rules.write_text(rules.read_text().replace("tension = 40", "tension = 45"))
    assert main(["resume", str(path), "--content", str(other)]) == 1
    assert f"python -m game replay {path} --anyway" in capsys.readouterr().err


def test_resume_missing_file(tmp_path, capsys):
    assert main(["resume", str(Path(tmp_path / "none.toml")), "--content", str(MINI)]) == 1
    assert "no such file" in capsys.readouterr().err


def test_a_game_a_facilitator_steered_resumes_with_their_console(tmp_path, monkeypatch, mini, mini_content):
    steered = Match.start(mini, 5, {"regulator": "human"}, mini_content.fingerprint, facilitator=True)
    steered.play()
    alone = Match.start(mini, 6, {"regulator": "human"}, mini_content.fingerprint)
    alone.play()
    seen = {}
    run_headless(monkeypatch, lambda app: seen.__setitem__(app.session.match.seed, app.session.facilitator))
    for match in (steered, alone):
        path = autosave(match)
        assert ("facilitator = true" in path.read_text()) == match.record.facilitator
        assert main(["resume", str(path), "--content", str(MINI)]) == 0
    assert seen == {5: True, 6: False}
