"""`python -m game bench`: every figure the issue asks for, under its exact JSON key."""

from __future__ import annotations

import json
from pathlib import Path

from game.cli import main
from game.commands import bench

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
KEYS = {
    "startup": {"game_s", "bare_s", "ratio"},
    "core": {"quarter_us", "null_sink_quarter_us"},
    "games_per_s": {"random", "random_12q", "smart"},
    "content": {"load_validate_ms"},
    "memory": {"bot_game_mb", "ui_mb"},
    "bots": {"expert_order_ms", "expert_order_median_ms"},
    "machine": {"mloops_per_s"},
}


def test_bench_json_has_every_figure(capsys):
    code = main(["bench", "--content", str(MINI), "--scenario", "mini", "--runs", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert {k: set(v) for k, v in data.items()} == KEYS
    for group in data.values():
        for value in group.values():
            assert value > 0
    startup = data["startup"]
    assert abs(startup["ratio"] - startup["game_s"] / startup["bare_s"]) < 0.01
    games = data["games_per_s"]  # mini games last 6 quarters at most: half a 12-quarter game or less
    assert games["random_12q"] <= games["random"] / 2 + 0.1
    assert 5 < data["memory"]["ui_mb"] < 2000 and 5 < data["memory"]["bot_game_mb"] < 2000
    assert data["bots"]["expert_order_median_ms"] <= data["bots"]["expert_order_ms"]


def test_expert_order_times_are_one_per_order_sorted(mini):
    times = bench._expert_order_times(mini, 2)
    assert len(times) >= 2 * len(mini.seat_ids) and times == sorted(times) and times[0] > 0


def test_a_failing_child_is_one_line(monkeypatch, capsys):
    # Bench starts by running the bare app in a child process: here that child fails.
    monkeypatch.setattr(bench, "BARE_APP", "raise SystemExit('no app here')")
    code = main(["bench", "--content", str(MINI), "--scenario", "mini", "--runs", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == "silicon-curtain: error: bench: a child process failed (exit 1): no app here\n"


def test_bad_runs(capsys):
    assert main(["bench", "--content", str(MINI), "--runs", "0"]) == 1
    assert "--runs must be 1 or more, got 0" in capsys.readouterr().err
