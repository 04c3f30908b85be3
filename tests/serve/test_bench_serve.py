"""`bench --serve N`: browser tabs against a real `serve`, measured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.commands import bench_serve

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_two_tabs_come_up_answer_their_keys_and_are_weighed(capsys):
    pytest.importorskip("textual_serve", reason="serving needs the 'serve' extra (pip install -e '.[serve]')")
    code = main(["bench", "--serve", "2", "--content", str(MINI), "--json"])
    out, err = capsys.readouterr()
    figures = json.loads(out)
    assert code == 0 and figures["errors"] == [], err
    assert figures["tabs"] == 2
    assert 1.5 <= figures["settle_s"] <= bench_serve.SETTLE_MAX_S + 1  # keys only once the tabs are idle
    first, keys = figures["first_frame_s"], figures["key_to_screen_s"]
    assert first["n"] == 2 and 0 < first["p50"] <= first["p95"] <= first["max"] < bench_serve.FIRST_FRAME_TIMEOUT_S
    assert keys["n"] == 2 * len(bench_serve.KEYS) and 0 < keys["p50"] <= keys["p95"] <= keys["max"]
    # Two game processes, each at least an interpreter with Textual in it, and nowhere near a class's 2 GB.
    assert 2 * 20 < figures["memory"]["peak_mb"] < 1000
    assert figures["memory"]["per_tab_mb"] == pytest.approx(figures["memory"]["peak_mb"] / 2, abs=0.1)
    if Path("/proc/self/smaps_rollup").exists():  # forks share their parent's pages: PSS counts them once
        assert 20 < figures["memory"]["peak_pss_mb"] <= figures["memory"]["peak_mb"]
    cpu = figures["cpu_per_key_s"]
    assert 0 < cpu["games"] < 5 and 0 <= cpu["relay"] < cpu["games"]


def test_no_tabs_is_one_line(capsys):
    assert main(["bench", "--serve", "0", "--content", str(MINI)]) == 1
    assert capsys.readouterr().err == "silicon-curtain: error: --serve must be 1 or more tabs, got 0\n"


def test_the_rss_of_a_process_without_children_is_nothing():
    assert bench_serve.game_rss_mb(2**22 + 12345) == 0  # no such process
    assert bench_serve.game_cpu_s(2**22 + 12345) == 0


def test_a_busy_child_is_counted_in_cpu_and_rss():
    spin = "import time\nend = time.time() + 60\nwhile time.time() < end: pass"
    busy = subprocess.Popen([sys.executable, "-c", spin])
    try:
        deadline = time.monotonic() + 30  # a loaded machine gives it a slice of a core
        while bench_serve.game_cpu_s(os.getpid()) < 0.1:
            assert time.monotonic() < deadline, "the spinning child's CPU time was never counted"
            time.sleep(0.1)
        assert bench_serve.game_rss_mb(os.getpid()) > 2
    finally:
        busy.kill()
        busy.wait()
