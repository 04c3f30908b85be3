"""`python -m game whatif`: continuations of a saved game from any quarter, the same numbers
on any number of workers, and one-line errors."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from game.cli import main

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
CONTENT = ["--content", str(MINI)]


def save_game(tmp_path, capsys, seed: int, bots: str = "random", scenario: str = "mini", content=CONTENT) -> Path:
    path = tmp_path / f"{scenario}-{seed}.toml"
    args = ["simulate", *content, "--scenario", scenario, "--bots", bots, "--games", "1", "--seed", str(seed)]
    assert main([*args, "--save", str(path)]) == 0
    capsys.readouterr()
    return path


def whatif(capsys, path: Path, *args: str, content=CONTENT) -> tuple[int, dict | str, str]:
    code = main(["whatif", str(path), *content, *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in args and code == 0 else out), err


def simulate(capsys, *args: str, scenario: str = "mini", content=CONTENT) -> dict:
    assert main(["simulate", *content, "--scenario", scenario, "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_from_where_a_finished_game_stopped_its_ending_is_certain(tmp_path, capsys):
    path = save_game(tmp_path, capsys, seed=4)
    for where in ("end", None):
        if where is None:  # the same fork by number: one past the last quarter played
            code, data, _ = whatif(capsys, path, "--json", "--workers", "1", "--games", "5")
            where = str(data["actual"]["quarters"] + 1)
        code, data, _ = whatif(capsys, path, "--from", where, "--games", "20", "--json", "--workers", "1")
        assert code == 0
        ending = data["actual"]["ending"]
        assert ending and data["endings"][ending] == 1.0
        assert sum(data["endings"].values()) == 1.0
        assert data["wins"][data["actual"]["winner"]] == 1.0


def test_from_quarter_one_plays_simulates_games(tmp_path, capsys):
    """Continuation i from the opening is simulate's game i: same seed, same bots, same endings."""
    path = save_game(tmp_path, capsys, seed=9)
    data = whatif(capsys, path, "--games", "40", "--seed", "3", "--bots", "random", "--json", "--workers", "1")[1]
    sim = simulate(capsys, "--games", "40", "--seed", "3", "--bots", "random", "--workers", "1")
    assert {e: round(n / 40, 4) for e, n in sim["endings"].items()} == {e: p for e, p in data["endings"].items() if p}
    assert data["wins"]["vendor"] == round(sim["wins"]["vendor"] / 40, 4)


def test_from_quarter_one_matches_simulate_within_sampling_error(tmp_path, capsys):
    """Other seeds, so the games differ: the ending shares agree within sampling error. 500
    games each with random bots on the shipped h200 (a second): every ending within four
    standard errors of the difference of two shares (a false alarm about once in 15,000)."""
    shipped: list[str] = []
    path = save_game(tmp_path, capsys, seed=2, scenario="h200", content=shipped)
    n = 500
    args = ("--games", str(n), "--bots", "random", "--json", "--workers", "1")
    data = whatif(capsys, path, "--seed", "1", *args, content=shipped)[1]
    sim = simulate(capsys, "--seed", "100001", *args[:4], "--workers", "1", scenario="h200", content=shipped)
    assert data["games"] == n and len([p for p in data["endings"].values() if p]) >= 2
    for ending, p in data["endings"].items():
        q = sim["endings"].get(ending, 0) / n
        pooled = (p + q) / 2
        bound = 4 * math.sqrt(pooled * (1 - pooled) * 2 / n) + 1 / n
        assert abs(p - q) <= bound, (ending, p, q, bound)


def test_same_numbers_on_one_and_two_workers(tmp_path, capsys):
    path = save_game(tmp_path, capsys, seed=5)
    args = ("--from", "3", "--games", "24", "--seed", "11", "--bots", "vendor=smart", "--json")
    one = whatif(capsys, path, *args, "--workers", "1")[1]
    two = whatif(capsys, path, *args, "--workers", "2")[1]
    assert one == two and one["games"] == 24 and one["from_quarter"] == 3


def test_same_numbers_on_a_local_dask_cluster(tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    path = save_game(tmp_path, capsys, seed=5)
    args = ("--from", "2", "--games", "16", "--seed", "11", "--json")
    here = whatif(capsys, path, *args, "--workers", "1")[1]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        there = whatif(capsys, path, *args, "--cluster", c.scheduler_address)[1]
        sim_there = simulate(capsys, "--games", "16", "--seed", "2", "--cluster", c.scheduler_address)
        sens = ["sensitivity", *CONTENT, "--scenario", "mini", "--games", "4", "--only", "track", "--json"]
        assert main([*sens, "--cluster", c.scheduler_address]) == 0
        sens_there = json.loads(capsys.readouterr().out)
    assert main([*sens, "--workers", "1"]) == 0
    assert sens_there == json.loads(capsys.readouterr().out) and sens_there["assumptions"]
    assert here == there
    assert sim_there == simulate(capsys, "--games", "16", "--seed", "2", "--workers", "1")


def test_json_has_the_issues_keys_and_track_percentiles(tmp_path, capsys, mini):
    path = save_game(tmp_path, capsys, seed=5)
    data = whatif(capsys, path, "--from", "2", "--games", "12", "--json", "--workers", "1")[1]
    for key in ("from_quarter", "games", "endings", "wins", "points", "tracks"):
        assert key in data
    main_tracks = [t.id for t in mini.tracks if t.main]
    assert list(data["tracks"]) == main_tracks
    for track in data["tracks"].values():
        assert track["quarters"][0] == 1  # the fork: the end of quarter 1
        if "p50" in track:
            assert all(lo <= mid <= hi for lo, mid, hi in zip(track["p10"], track["p50"], track["p90"]))
            assert track["p10"][0] == track["p90"][0]  # every continuation starts where the game stood
    assert abs(sum(data["wins"].values()) - 1) < 1e-3
    for seat, p in data["points"].items():
        assert p["p10"] <= p["p50"] <= p["p90"], seat


def test_a_changed_order_moves_the_numbers(tmp_path, capsys, mini):
    path = save_game(tmp_path, capsys, seed=5)
    action = mini.actions_of("vendor")[0].id
    base = ("--from", "1", "--games", "20", "--json", "--workers", "1", "--bots", "random")
    plain = whatif(capsys, path, *base)[1]
    changed = whatif(capsys, path, *base, "--change", f"vendor:{action}")[1]
    assert changed["change"]["seat"] == "vendor" and changed["change"]["actions"] == [action]
    assert 0 < changed["change"]["played"] <= 20
    assert plain["change"] is None
    assert changed["points"] != plain["points"] or changed["tracks"] != plain["tracks"]


def test_text_output_names_the_fork_and_marks_the_games_ending(tmp_path, capsys):
    path = save_game(tmp_path, capsys, seed=4)
    code, out, _ = whatif(capsys, path, "--from", "2", "--games", "6", "--workers", "1")
    assert code == 0
    assert "6 continuations" in out and "from Q2" in out
    assert "this game" in out and "median [p10-p90]" in out


def test_every_band_reads_whole_at_80_columns(tmp_path, capsys, monkeypatch):
    """The h200 debrief's six tracks do not fit one 80-column table: they go into as many
    tables as needed, each band whole ("18.2 [14.9-21.6]"), never cut to an ellipsis."""
    monkeypatch.setenv("COLUMNS", "80")
    h200 = ["--content", str(MINI.parents[2] / "content")]
    path = save_game(tmp_path, capsys, seed=3, scenario="h200", content=h200)
    code, out, _ = whatif(capsys, path, "--from", "10", "--games", "4", "--workers", "1", content=h200)
    assert code == 0
    tables = out[out.index("Tracks by quarter's end") :]
    assert "…" not in tables and all(len(line) <= 80 for line in tables.splitlines())
    assert tables.count("┃ quarter ┃") == 2  # two tables
    for track in ("revenue_total", "domestic_share", "tension", "pressure", "diversion"):
        assert track in tables
    bands = re.findall(r"\d[\d.]* \[[\d.-]+-[\d.]+\]", tables)
    assert len(bands) >= 6 * 4  # every track, every quarter shown


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "99"], "--from: quarter 99 is not in this save"),
        (["--from", "soon"], "'soon' is not a quarter number or 'end'"),
        (["--change", "vendor"], "--change: 'vendor' is not SEAT:ACTION"),
        (["--change", "vendr:x"], "--change: no seat 'vendr'"),
        (["--change", "vendor:nope"], "--change: vendor has no action 'nope'"),
        (["--bots", "genius"], "--bots: unknown level 'genius'"),
        (["--games", "0"], "--games must be 1 or more"),
        (["--cluster", "tcp://127.0.0.1:1"], "--cluster"),
    ],
)
def test_bad_arguments_are_one_line(tmp_path, capsys, args, message):
    path = save_game(tmp_path, capsys, seed=4)
    if args[0] == "--from" and args[1] == "soon":
        with pytest.raises(SystemExit):
            main(["whatif", str(path), *CONTENT, *args])
        err = capsys.readouterr().err
    else:
        code, _, err = whatif(capsys, path, "--games", "2", "--workers", "1", *args)
        assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_missing_save_is_one_line(tmp_path, capsys):
    code, _, err = whatif(capsys, tmp_path / "nope.toml")
    assert code == 1 and "nope.toml" in err and len(err.strip().splitlines()) == 1
