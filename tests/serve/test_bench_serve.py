"""`bench --serve N`: browser tabs against a real `serve`, measured."""

from __future__ import annotations

import json
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
    first, keys = figures["first_frame_s"], figures["key_to_screen_s"]
    assert first["n"] == 2 and 0 < first["p50"] <= first["p95"] <= first["max"] < bench_serve.FIRST_FRAME_TIMEOUT_S
    assert keys["n"] == 2 * len(bench_serve.KEYS) and 0 < keys["p50"] <= keys["p95"] <= keys["max"]
    # Two game processes, each at least an interpreter with Textual in it, and nowhere near a class's 2 GB.
    assert 2 * 20 < figures["memory"]["peak_mb"] < 1000
    assert figures["memory"]["per_tab_mb"] == pytest.approx(figures["memory"]["peak_mb"] / 2, abs=0.1)


def test_no_tabs_is_one_line(capsys):
    assert main(["bench", "--serve", "0", "--content", str(MINI)]) == 1
    assert capsys.readouterr().err == "silicon-curtain: error: --serve must be 1 or more tabs, got 0\n"


def test_the_rss_of_a_process_without_children_is_nothing():
    assert bench_serve.game_rss_mb(2**22 + 12345) == 0  # no such process
