"""Branching a what-if from a quarter of a saved game, and comparing it with its parent."""

from __future__ import annotations

import pytest

from game.core.state import Order
from game.match.replay import replay
from game.saves.branch import branch_record, compare, parent_path, start_branch
from game.saves.loading import load_game
from game.saves.store import autosave


def test_a_branch_keeps_its_parents_quarters_before_the_branch_quarter(saved, mini_content):
    parent = load_game(saved(), mini_content)
    record = branch_record(parent.run, 3, "game.toml", {"regulator": "human"}, mini_content.fingerprint)
    assert record.quarters == parent.record.quarters[:2]
    assert (record.parent, record.branch_quarter, record.seed) == ("game.toml", 3, parent.record.seed)
    assert dict(record.seats)["regulator"] == "human" and dict(record.seats)["vendor"] == "bot:random"
    assert replay(parent.rules, record).faithful


def test_branch_here_writes_a_new_file_naming_parent_and_quarter(saved, mini_content):
    path = saved()
    parent = load_game(path, mini_content)
    before = path.read_bytes()
    match = start_branch(parent.run, path, 3, {"regulator": "human"}, mini_content.fingerprint)
    assert match.save_path == path.parent / "game-branch-q3.toml"
    assert match.state == parent.run.states[2]  # waiting on Q3's orders, as the parent was
    assert path.read_bytes() == before
    on_disk = load_game(match.save_path, mini_content)
    assert (on_disk.record.parent, on_disk.record.branch_quarter) == ("game.toml", 3)
    again = start_branch(parent.run, path, 3, {}, mini_content.fingerprint)
    assert again.save_path.name == "game-branch-q3-2.toml"  # a second what-if never overwrites the first


def test_a_branch_plays_on_and_compares_with_its_parent(saved, mini_content):
    path = saved()
    parent = load_game(path, mini_content)
    match = start_branch(parent.run, path, 3, {"regulator": "human"}, mini_content.fingerprint)
    match.play({"regulator": Order("regulator", ("summit",))})  # the what-if: a summit in Q3
    match.play_out()
    autosave(match)

    branch = load_game(match.save_path, mini_content)
    assert parent_path(branch.path, branch.record.parent) == path
    result = compare(parent.run, branch.run)
    assert result.diverged == 3  # the states part after Q3, not before
    assert result.parent[:3] == result.branch[:3]
    assert result.parent[3] != result.branch[3]
    # Rows are the end of each quarter, as its report leaves it: before the next news.
    parent_q3 = parent.run.end_of_quarter(3).value(parent.rules, "tension")
    branch_q3 = branch.run.end_of_quarter(3).value(parent.rules, "tension")
    assert result.parent[3][1] == parent_q3 and result.branch[3][1] == branch_q3
    assert ("tension", parent_q3, branch_q3) in result.moved
    tension = parent.rules.track("tension")
    assert result.summary().startswith("First divergence at the end of Q3 2026-Q3: ")
    assert f"Tension {tension.format(parent_q3)} vs {tension.format(branch_q3)}" in result.summary()
    assert "tension" not in result.summary()  # names, not the content's ids
    assert [t.id for t in result.tracks] == ["licence", "tension"]  # the main tracks of the mini world
    assert len(result.labels) == 7


def test_the_same_orders_never_diverge(saved, mini_content):
    path = saved()
    parent = load_game(path, mini_content)
    match = start_branch(parent.run, path, 2, {}, mini_content.fingerprint)  # bots again: the same orders
    match.play_out()
    result = compare(parent.run, replay(parent.rules, match.record))
    assert result.diverged is None and "not diverged" in result.summary()


def test_no_branch_after_the_end_or_outside_the_game(saved, mini_content):
    parent = load_game(saved(), mini_content)
    last = parent.run.quarters
    with pytest.raises(ValueError, match="over"):
        branch_record(parent.run, last + 1, "p", {}, "")
    with pytest.raises(ValueError, match="Q1..Q7"):
        branch_record(parent.run, 0, "p", {}, "")
    assert branch_record(parent.run, 1, "p", {}, "").quarters == ()  # from the very start: a fresh game, same seed


def test_a_parent_in_a_folder_that_cannot_be_written(saved, mini_content, tmp_path, monkeypatch):
    path = saved()
    parent = load_game(path, mini_content)
    import game.saves.branch as branch

    real = branch.atomic_write

    def refuse_beside_parent(target, text):
        if target.parent == path.parent:
            raise PermissionError(13, "Permission denied")
        real(target, text)

    monkeypatch.setattr(branch, "atomic_write", refuse_beside_parent)
    match = start_branch(parent.run, path, 2, {}, mini_content.fingerprint)
    from game.saves.store import saves_dir

    assert match.save_path.parent == saves_dir()
    assert match.record.parent == str(path.resolve())
    assert parent_path(match.save_path, match.record.parent) == path.resolve()
