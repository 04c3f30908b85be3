"""Where content and saves are: the checkout's folders, or package data and the user's data
folder once installed; SILICON_CURTAIN_SAVES and --saves win over both (issue 20)."""

from __future__ import annotations

from pathlib import Path

from game import paths

ROOT = Path(__file__).resolve().parents[2]


def test_from_a_checkout_the_checkouts_content_and_saves(monkeypatch):
    monkeypatch.delenv(paths.SAVES_ENV, raising=False)
    assert paths.from_checkout()
    assert paths.shipped_content() == ROOT / "content"
    assert paths.saves_dir() == ROOT / "saves"


def test_installed_the_package_data_and_the_users_data_folder(monkeypatch, tmp_path):
    """Installed, `game/` sits in site-packages with no pyproject.toml beside it."""
    monkeypatch.delenv(paths.SAVES_ENV, raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path / "site-packages")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert not paths.from_checkout()
    assert paths.shipped_content() == Path(paths.__file__).resolve().parent / "shipped_content"
    saves = paths.saves_dir()
    assert saves == tmp_path / "data" / "silicon-curtain" / "saves"
    assert "site-packages" not in str(saves)


def test_the_environment_and_the_saves_option_win(monkeypatch, tmp_path, capsys):
    from game.cli import main

    monkeypatch.setenv(paths.SAVES_ENV, str(tmp_path / "env"))
    assert paths.saves_dir() == tmp_path / "env"
    assert main(["resume", "--saves", str(tmp_path / "given"), "--content", str(ROOT / "tests/fixtures/mini")]) == 1
    assert f"no game in progress in {tmp_path / 'given'}" in capsys.readouterr().err
    # before the command as well as after it
    assert main(["--saves", str(tmp_path / "first"), "resume", "--content", str(ROOT / "tests/fixtures/mini")]) == 1
    assert f"no game in progress in {tmp_path / 'first'}" in capsys.readouterr().err


MINI = ROOT / "tests" / "fixtures" / "mini"


def in_a_folder_the_game_chose(monkeypatch, folder: Path) -> None:
    """As a user who gave no --saves: the game's own folder (here a temporary one)."""
    monkeypatch.delenv(paths.SAVES_ENV, raising=False)
    monkeypatch.setattr(paths, "default_saves", lambda: folder)


def test_the_first_command_that_writes_there_says_where_the_games_are_once(monkeypatch, tmp_path, capsys):
    from game.cli import main

    folder = tmp_path / "data" / "saves"
    in_a_folder_the_game_chose(monkeypatch, folder)
    assert main(["validate", "--content", str(MINI)]) == 0  # writes nothing: nothing to tell
    assert "kept in" not in capsys.readouterr().err
    assert not folder.exists()
    assert main(["table", "open", "--scenario", "mini", "--seed", "3", "--content", str(MINI)]) == 0
    told = [line for line in capsys.readouterr().err.splitlines() if "kept in" in line]
    assert told == [
        f"Your games and tables are kept in {folder} (--saves DIR or {paths.SAVES_ENV} to choose another folder)"
    ]
    assert main(["table", "open", "--scenario", "mini", "--seed", "4", "--content", str(MINI)]) == 0
    assert "kept in" not in capsys.readouterr().err


def test_a_checkouts_saves_folder_holding_only_gitkeep_has_nothing_to_tell(monkeypatch, tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / ".gitkeep").touch()
    in_a_folder_the_game_chose(monkeypatch, folder)
    assert paths.where_told() is None
    (folder / "autosave-mini-1.toml").write_text("")
    assert paths.where_told() is not None
    assert paths.where_told() is None


def test_a_folder_the_user_chose_is_never_told_of(monkeypatch, tmp_path, capsys):
    from game.cli import main

    monkeypatch.setattr(paths, "default_saves", lambda: tmp_path / "never")
    given = tmp_path / "given"
    assert (
        main(["table", "open", "--scenario", "mini", "--seed", "3", "--content", str(MINI), "--saves", str(given)]) == 0
    )
    assert "kept in" not in capsys.readouterr().err
    assert (given / "tables").is_dir()
    assert not (given / paths.TOLD).exists()
