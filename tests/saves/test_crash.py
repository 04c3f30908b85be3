"""A SIGKILL at any instant loses at most the quarter in progress and never a whole save."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.saves.loading import load_game
from game.saves.store import list_saves

SCRIPT = Path(__file__).with_name("crash_game.py")
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
sys.path.insert(0, str(SCRIPT.parent))
import crash_game  # noqa: E402  (the script's own orders policy, to play on with after the kill)


def start(mode: str, path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), mode, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()


def test_a_game_killed_mid_quarter_resumes_where_it_was(tmp_path, mini_content, mini):
    path = tmp_path / "game.toml"
    proc = start("play", path)
    for line in proc.stdout:
        if line.strip() == "saved 2":
            break
    else:
        pytest.fail(f"the game ended before quarter 2 was saved: {proc.stderr.read()}")
    time.sleep(0.05)  # the vendor is thinking about Q3: the kill lands mid-quarter
    kill(proc)

    loaded = load_game(path, mini_content)
    assert len(loaded.record.quarters) == 2  # nothing lost but the quarter in progress
    match = loaded.match()
    assert match.state.quarter == 3
    while not match.over:
        match.play(crash_game.vendor_orders(match))

    from game.match import Match

    straight = Match.start(mini, crash_game.SEED, {"vendor": "human"}, mini_content.fingerprint)
    while not straight.over:
        straight.play(crash_game.vendor_orders(straight))
    assert match.record == straight.record  # the resumed game is the game that was interrupted


def test_a_kill_mid_write_never_leaves_a_half_written_save(tmp_path, mini_content):
    path = tmp_path / "game.toml"
    rng = random.Random(4)
    seen = set()
    for _ in range(8):
        proc = start("hammer", path)
        assert proc.stdout.readline().strip() == "lap"  # running, the file written many times over
        time.sleep(rng.uniform(0, 0.05))
        kill(proc)
        loaded = load_game(path, mini_content)  # whichever moment it died, a whole save
        assert loaded.run.faithful
        seen.add(len(loaded.record.quarters))
        assert [e.path for e in list_saves(tmp_path)] == [path]  # stray temporary files are not saves
    assert len(seen) > 1  # the kills landed at different points of the game
