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
