"""Atomic writes: the old file or the new one, with the mode a file should have."""

from __future__ import annotations

import os
import stat

import pytest

from game.saves import files
from game.saves.files import NEW_FILE_MODE, atomic_write


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_save_gets_the_mode_of_any_new_file_not_a_private_temporary_one(tmp_path):
    path = tmp_path / "a.toml"
    atomic_write(path, "x")
    assert mode(path) == NEW_FILE_MODE
    reference = tmp_path / "plain"
    reference.write_text("x")
    assert mode(path) == mode(reference)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_overwriting_keeps_the_files_mode(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("old")
    path.chmod(0o600)
    atomic_write(path, "new")
    assert path.read_text() == "new" and mode(path) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    path.write_text("old")

    def no_room(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", no_room)
    with pytest.raises(OSError):
        atomic_write(path, "new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


def test_the_folder_is_made_if_missing(tmp_path):
    path = tmp_path / "deep" / "er" / "a.toml"
    atomic_write(path, "x")
    assert path.read_text() == "x"


def test_a_write_sweeps_up_temporary_files_a_kill_left_behind(tmp_path):
    import time

    target = tmp_path / "autosave.toml"
    stale = tmp_path / ".autosave.toml.k1ll3d.tmp"  # what a SIGKILL mid-write leaves
    fresh = tmp_path / ".autosave.toml.busy.tmp"  # another process writing right now
    other = tmp_path / ".other.toml.k1ll3d.tmp"  # another save's: not this write's business
    for leftover in (stale, fresh, other):
        leftover.write_text("half a save")
    old = time.time() - files.STALE_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write(target, "whole\n")
    assert target.read_text() == "whole\n"
    assert not stale.exists()
    assert fresh.exists() and other.exists()
