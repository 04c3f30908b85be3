"""Damaged saves: each gets one clear message naming what is wrong, and stays as it was."""

from __future__ import annotations

import sys

import pytest
import tomli_w

from game.match.record import FORMAT_VERSION, HEADER, TRAILER
from game.saves.loading import load_game
from game.saves.reader import SaveError, read_record

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def refused(path, content, *words) -> str:
    """Load `path`: it must be refused with one line naming the file and `words`, the file untouched."""
    before = path.read_bytes()
    with pytest.raises(SaveError) as caught:
        load_game(path, content)
    message = str(caught.value)
    assert path.read_bytes() == before
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert message.endswith(".")
    for word in words:
        assert word in message, (word, message)
    return message


def rewrite(path, edit) -> None:
    """Apply `edit` to the save's data and write it back as the game would, trailer and all."""
    data = tomllib.loads(path.read_text())
    edit(data)
    path.write_text(HEADER + tomli_w.dumps(data) + "\n" + TRAILER)


@pytest.mark.parametrize("tenth", range(10))
def test_truncated_at_every_tenth_of_its_length(saved, mini_content, tenth):
    path = saved()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * tenth // 10])
    message = refused(path, mini_content)
    assert any(w in message for w in ("cut short", "is empty")), message


def test_cut_at_a_quarter_boundary_is_still_caught(saved, mini_content):
    """A cut between two quarters leaves valid TOML with fewer quarters: the trailer tells."""
    path = saved()
    text = path.read_text()
    path.write_text(text[: text.index("[[quarter]]\nquarter = 4")])
    with pytest.raises(SaveError, match="is cut short: it does not end with the end-of-save line"):
        read_record(path)  # valid TOML, but the strict reader sees the end line missing
    refused(path, mini_content, "cut short")


def test_flipped_bytes_give_a_clear_error_or_change_nothing_that_matters(saved, mini_content, bot_game):
    """Flip one bit at many places: a clear error, or (in a comment, a bot's reason, the
    version label) a game that still replays to every recorded digest."""
    path = saved()
    original = path.read_bytes()
    errors = harmless = 0
    for at in range(0, len(original), 7):
        damaged = bytearray(original)
        damaged[at] ^= 0x04
        path.write_bytes(bytes(damaged))
        try:
            loaded = load_game(path, mini_content)
        except SaveError as err:
            assert "\n" not in str(err) and str(err).startswith(f"{path}: ")
            errors += 1
        else:
            assert loaded.run.faithful
            assert loaded.run.states[-1] == bot_game().state
            harmless += 1
        assert path.read_bytes() == bytes(damaged)  # never repaired or rewritten behind the user's back
    assert errors > harmless  # most bytes of a save carry meaning


@pytest.mark.parametrize(
    "edit, words",
    [
        (lambda d: d.update(seed="7"), ("seed", "expected the seed, an integer", "found a string")),
        (lambda d: d.update(format="1"), ("format", "found a string")),
        (lambda d: d.update(scenario=3), ("scenario", "found an integer")),
        (lambda d: d["seats"].update(vendor=1), ("seats.vendor", "found an integer")),
        (lambda d: d["seats"].update(vendor="robot"), ("seats.vendor", "'robot'")),
        (lambda d: d.update(start_digest="xyz"), ("start_digest", "16-digit")),
        (lambda d: d["quarter"][1].update(digest=12), ("quarter 2.digest", "found an integer")),
        (lambda d: d["quarter"][1].update(quarter=5), ("quarter 2.quarter", "expected 2")),
        (
            lambda d: d["quarter"][2]["orders"]["vendor"].update(actions="lobby"),
            ("quarter 3.orders.vendor.actions", "a list"),
        ),
        (
            lambda d: d["quarter"][2]["orders"]["vendor"].update(actions=[1]),
            ("quarter 3.orders.vendor.actions[1]", "integer"),
        ),
        (
            lambda d: d["quarter"][1]["orders"]["regulator"].update(choices={"customs": True}),
            ("choices.customs", "true or false"),
        ),
        (lambda d: d["quarter"][0]["tracks"].update(tension=True), ("quarter 1.tracks.tension", "true or false")),
        (lambda d: d["quarter"][0].update(intervention=[{"kind": "bribe"}]), ("intervention[1].kind", "'bribe'")),
        (
            lambda d: d["quarter"][0].update(intervention=[{"kind": "set", "track": "tension"}]),
            ("intervention[1].value", "missing"),
        ),
        (lambda d: d.update(quarter={"quarter": 1}), ("quarter", "expected a list")),
    ],
)
def test_wrong_types_are_named(saved, mini_content, edit, words):
    path = saved()
    rewrite(path, edit)
    refused(path, mini_content, *words)


@pytest.mark.parametrize(
    "key", ["format", "game_version", "content", "scenario", "seed", "start_digest", "seats", "quarter"]
)
def test_missing_keys_are_named(saved, mini_content, key):
    path = saved()
    rewrite(path, lambda d: d.pop(key))
    refused(path, mini_content, key)


@pytest.mark.parametrize(
    "where",
    [
        lambda d: d["quarter"][0].pop("digest"),
        lambda d: d["quarter"][0].pop("orders"),
        lambda d: d["quarter"][0]["orders"].pop("lawmaker"),
        lambda d: d["quarter"][0]["orders"]["lawmaker"].pop("actions"),
    ],
)
def test_missing_keys_inside_a_quarter_are_named(saved, mini_content, where):
    path = saved()
    rewrite(path, where)
    refused(path, mini_content, "quarter 1", "missing")


def test_unknown_keys_are_refused_not_ignored(saved, mini_content):
    path = saved()
    rewrite(path, lambda d: d["quarter"][0].update(bonus=1))
    refused(path, mini_content, "quarter 1", "unknown key 'bonus'")


def test_a_newer_format_asks_for_a_newer_game(saved, mini_content):
    path = saved()
    newer = FORMAT_VERSION + 1
    rewrite(path, lambda d: d.update(format=newer, hologram={"x": 1}))
    refused(path, mini_content, "newer", f"format {newer}", "Update the game")


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", ("is empty",)),
        (b"\n\n  \n", ("is empty",)),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("not a saved game", "not text")),
        (b"hello there, this is a letter", ("not a Silicon Curtain save", "not valid TOML")),
        (b'{"format": 1}', ("not a Silicon Curtain save",)),
        (b"[tool.black]\nline-length = 100\n", ("not a Silicon Curtain save", "no 'format' key")),
    ],
)
def test_files_that_are_no_save(tmp_path, mini_content, data, words):
    path = tmp_path / "x.toml"
    path.write_bytes(data)
    refused(path, mini_content, *words)


def test_a_missing_file_and_a_folder(tmp_path, mini_content):
    with pytest.raises(SaveError, match="no such file"):
        load_game(tmp_path / "nope.toml", mini_content)
    with pytest.raises(SaveError, match="is a folder"):
        load_game(tmp_path, mini_content)


def test_a_changed_digest_names_the_quarter(saved, mini_content):
    path = saved()
    rewrite(path, lambda d: d["quarter"][3].update(digest="0123456789abcdef"))
    refused(path, mini_content, "does not replay", "Q4")


def test_a_changed_track_value_names_the_track(saved, mini_content):
    """The digest still matches, but the file's tension is not what the replay gives."""
    path = saved()
    rewrite(path, lambda d: d["quarter"][1]["tracks"].update(tension=99))
    refused(path, mini_content, "Q2", "tension saved 99", "track values were changed")


def test_an_order_the_rules_refuse_stops_the_replay(saved, mini_content):
    path = saved()
    rewrite(path, lambda d: d["quarter"][0]["orders"]["vendor"].update(actions=["lobby", "lobby"]))
    refused(path, mini_content, "Q1", "ordered twice")


def test_a_changed_seed_is_caught_at_the_start(saved, mini_content):
    path = saved()
    rewrite(path, lambda d: d.update(seed=d["seed"] + 1))
    refused(path, mini_content, "the start")


def test_a_scenario_this_content_lacks(saved, mini_content):
    path = saved()
    rewrite(path, lambda d: d.update(scenario="h300"))
    refused(path, mini_content, "'h300'", "--content")
