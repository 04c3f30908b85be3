"""Hostile files among the saves: each is listed as unreadable, with one line on why, while
the good games beside it still load; none crashes, hangs or fills the memory (issue 20)."""

from __future__ import annotations

import os
import sys

import pytest

from game.match.record import HEADER, TRAILER
from game.saves.reader import SaveError, read_record
from game.saves.store import autosave, latest_autosave, list_saves, saves_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _hostile_files(folder, good_text: str) -> dict[str, str]:
    """Write each hostile file into `folder`; name -> a word its problem must say."""
    made = {}

    def write(name: str, text: str, word: str) -> None:
        (folder / name).write_text(text)
        made[name] = word

    write("deep.toml", HEADER + "x = " + "[" * 500 + "]" * 500 + "\n" + TRAILER, "nested too deep")
    write("digits.toml", HEADER + "format = 1\nseed = " + "9" * 4400 + "\n" + TRAILER, "integer far too long")
    write("markup.toml", good_text.replace('scenario = "mini"', 'scenario = "[/oops]"'), "scenario")
    write("path.toml", good_text.replace(_content_line(good_text), 'content = "/"'), "fingerprint")
    write("inf.toml", good_text.replace("tension = 35", "tension = inf", 1), "finite")
    write("nan.toml", good_text.replace("tension = 35", "tension = nan", 1), "finite")
    write("huge.toml", good_text.replace("tension = 35", "tension = 1e300", 1), "too large")
    write("seed.toml", good_text.replace("seed = 7", "seed = " + "9" * 100, 1), "seed")
    os.mkfifo(folder / "fifo.toml")
    made["fifo.toml"] = "not a plain file (a FIFO)"
    (folder / "zero.toml").symlink_to("/dev/zero")
    made["zero.toml"] = "not a plain file (a device)"
    with open(folder / "big.toml", "wb") as f:
        f.truncate(16 * 1024 * 1024)
    made["big.toml"] = "too large"
    return made


def _content_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("content = "))


def test_hostile_saves_are_listed_as_unreadable_while_good_ones_load(bot_game):
    playing = bot_game(quarters=2)
    good = autosave(playing)
    hostile = _hostile_files(saves_dir(), good.read_text())
    assert "tension = 35" in good.read_text() and "seed = 7" in good.read_text()

    entries = {e.path.name: e for e in list_saves()}
    assert set(entries) == {good.name, *hostile}
    assert not entries[good.name].problem and entries[good.name].quarters == 2
    for name, word in hostile.items():
        problem = entries[name].problem
        assert word in problem, (name, problem)
        assert "\n" not in problem and len(problem) < 300
    assert latest_autosave() == good  # Continue and `resume` still find the good game


@pytest.mark.parametrize(
    "old, new, words",
    [
        ('scenario = "mini"', 'scenario = "[/oops]"', ("scenario: expected a scenario id", "[/oops]")),
        ('scenario = "mini"', 'scenario = "mini\\n"', ("scenario: expected a scenario id",)),
        ("vendor = ", '"[b]x" = ', ("seats.'[b]x': expected a seat id",)),
    ],
)
def test_ids_in_a_save_must_be_ids(saved, old, new, words):
    path = saved()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(SaveError) as caught:
        read_record(path)
    for word in words:
        assert word in str(caught.value), str(caught.value)


def test_a_save_of_more_quarters_than_any_game_is_refused_quickly(saved):
    path = saved()
    data = tomllib.loads(path.read_text())
    row = data["quarter"][0]
    orders = "".join(f"[quarter.orders.{seat}]\nactions = []\n" for seat in ("vendor", "lawmaker", "regulator"))
    rows = "".join(f'[[quarter]]\nquarter = {n}\ndigest = "{row["digest"]}"\n{orders}' for n in range(1, 1202))
    head = path.read_text().split("[[quarter]]")[0]
    path.write_text(head + rows + TRAILER)
    with pytest.raises(SaveError, match="1201 quarters; no game lasts more than 1000"):
        read_record(path)


def test_a_deep_custom_effect_in_a_save_is_one_line_on_resume_replay_and_report(saved, mini_content, tmp_path):
    """A custom event's effects are parsed when the save replays: 400 parentheses crashed
    `resume`, `replay --check` and `report` with a RecursionError."""
    from game.cli import main
    from game.saves.loading import load_game

    path = saved()
    data = tomllib.loads(path.read_text())
    effect = "tension = " + "(" * 400 + "1" + ")" * 400
    data["quarter"][0]["intervention"] = [{"kind": "custom", "title": "Deep", "text": "x", "effects": [effect]}]
    import tomli_w

    path.write_text(HEADER + tomli_w.dumps(data) + "\n" + TRAILER)
    with pytest.raises(SaveError) as caught:
        load_game(path, mini_content)
    message = str(caught.value)
    assert "nested more than 32 deep" in message and "\n" not in message and len(message) < 400
    mini = str(mini_content.root)
    for argv in (["replay", str(path), "--check", "--content", mini], ["report", str(path), "--content", mini]):
        assert main(argv) == 1, argv


def test_a_game_version_with_control_characters_is_refused(saved):
    path = saved()
    path.write_text(path.read_text().replace('game_version = "0.1.0"', 'game_version = "\\u001b]0;pwned\\u0007"'))
    with pytest.raises(SaveError, match="game_version: expected a version"):
        read_record(path)
