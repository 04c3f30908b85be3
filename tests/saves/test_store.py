"""The saves folder: autosave paths, the list of saves, and what "Continue" offers."""

from __future__ import annotations

import os

from game.saves.store import autosave, latest_autosave, list_saves, saves_dir, write_save


def test_tests_never_touch_the_checkouts_saves(tmp_path_factory):
    from game.saves.store import DEFAULT_SAVES

    assert saves_dir() != DEFAULT_SAVES


def test_two_games_with_the_same_seed_autosave_to_two_files(bot_game):
    first, second = bot_game(quarters=1), bot_game(quarters=2)
    a, b = autosave(first), autosave(second)
    assert a != b and a.parent == b.parent == saves_dir()
    assert a.name == "autosave-mini-7.toml" and b.name == "autosave-mini-7-2.toml"
    first.play()
    assert autosave(first) == a  # a game keeps its file


def test_the_same_game_writes_the_same_bytes(bot_game, tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    write_save(bot_game(), a)
    write_save(bot_game(), b)
    assert a.read_bytes() == b.read_bytes()


def test_saves_are_listed_newest_first_with_what_to_choose_by(bot_game):
    old, new, done = bot_game(seed=1, quarters=2), bot_game(seed=2, quarters=4), bot_game(seed=3)
    paths = [autosave(m) for m in (old, new, done)]
    for age, path in zip((300, 200, 100), paths):
        os.utime(path, (path.stat().st_mtime - age,) * 2)
    (saves_dir() / "broken.toml").write_text("format = 1\nseed = ")
    (saves_dir() / ".autosave-mini-9.toml.x1y2.tmp").write_text("half")  # a write a kill interrupted

    entries = list_saves()
    assert [e.path.name for e in entries] == [
        "broken.toml",
        "autosave-mini-3.toml",
        "autosave-mini-2.toml",
        "autosave-mini-1.toml",
    ]
    broken, finished, recent, oldest = entries
    assert "not a Silicon Curtain save" in broken.problem or "damaged" in broken.problem
    assert finished.over and finished.ending == done.state.ending
    assert (recent.scenario, recent.quarters, recent.over) == ("mini", 4, False)
    assert dict(recent.seats) == {"vendor": "bot:random", "lawmaker": "bot:random", "regulator": "bot:random"}


def test_continue_offers_the_newest_game_still_in_progress(bot_game):
    assert latest_autosave() is None
    playing, finished = bot_game(seed=1, quarters=2), bot_game(seed=2)
    p, f = autosave(playing), autosave(finished)
    os.utime(p, (f.stat().st_mtime - 60,) * 2)  # the finished game is newer, but is over
    assert latest_autosave() == p
    (saves_dir() / "zzz.toml").write_text("not a save")
    assert latest_autosave() == p


def test_a_missing_saves_folder_lists_nothing(tmp_path):
    assert list_saves(tmp_path / "nowhere") == []
    assert latest_autosave(tmp_path / "nowhere") is None
