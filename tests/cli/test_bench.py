"""`python -m game bench`: every figure the issue asks for, under its exact JSON key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.commands import bench, bench_keys

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
KEYS = {
    "startup": {"game_s", "bare_s", "ratio"},
    "core": {"quarter_us", "null_sink_quarter_us"},
    "games_per_s": {"random", "random_12q", "smart"},
    "content": {"load_validate_ms"},
    "memory": {"bot_game_mb", "ui_mb"},
    "bots": {"expert_order_ms", "expert_order_median_ms"},
    "machine": {"mloops_per_s"},
    "ui": {"key_to_screen_ms"},
}
KEY_FIGURES = {"p50", "p95", "bare_p50", "bare_p95", "ratio_p50", "ratio_p95", "cpu_p50", "bare_cpu_p50", "transitions"}


def test_bench_json_has_every_figure(capsys):
    code = main(["bench", "--content", str(MINI), "--scenario", "mini", "--runs", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert {k: set(v) for k, v in data.items()} == KEYS
    keys = data.pop("ui")["key_to_screen_ms"]
    for group in data.values():
        for value in group.values():
            assert value > 0
    # Key to screen: every main transition of a game, timed, and the bare switch beside it.
    assert set(keys) == KEY_FIGURES
    assert list(keys["transitions"]) == [label for label, _, _ in bench_keys.TRANSITIONS]
    for name in ("p50", "bare_p50"):
        assert 0 < keys[name] <= keys[name.replace("50", "95")]
    assert abs(keys["ratio_p95"] - keys["p95"] / keys["bare_p95"]) < 0.01
    for t in keys["transitions"].values():
        assert 0 < t["p50"] <= t["p95"] and abs(t["ratio_p95"] - t["p95"] / keys["bare_p95"]) < 0.01
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


def test_percentile_interpolates_between_ranks():
    assert bench_keys.percentile([10.0], 95) == 10.0
    assert bench_keys.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert bench_keys.percentile([0.0, 100.0], 95) == 95.0


def test_a_key_that_brings_no_screen_is_one_line():
    # The title answers no `x`: the child gives up after a second and says which key it was.
    code = (
        bench_keys.GAME_KEYS.replace("+ 30", "+ 1")
        .replace("30 s", "1 s")
        .replace("from game.commands.bench_keys import TRANSITIONS", "TRANSITIONS = (('title x', 'x', 'Nowhere'),)")
    )
    with pytest.raises(bench_keys.KeysFailed, match=r"exit 1\): title x: Nowhere did not come up within 1 s"):
        bench_keys._child(code)
