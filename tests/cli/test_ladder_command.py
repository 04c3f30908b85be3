"""`python -m game ladder`: the table, the JSON, the same ladder on any number of workers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli import main

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
BASE = ["ladder", "--content", str(MINI), "--scenario", "mini"]


def run(capsys, *args):
    code = main([*BASE, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_ladder_is_the_same_on_one_worker_and_two(capsys):
    code, out, err = run(capsys, "--games", "6", "--seed", "4", "--json", "--workers", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["levels"] == ["random", "smart", "expert"] and data["field"] == "smart"
    assert set(data["seats"]) == {"vendor", "lawmaker", "regulator"}
    for rows in data["seats"].values():
        assert set(rows) == {"random", "smart", "expert"}
        for rung in rows.values():
            low, high = rung["win_interval"]
            assert rung["games"] == 6 and low <= rung["win_rate"] <= high
            assert rung["points_interval"][0] <= rung["points"] <= rung["points_interval"][1]
        assert rows["smart"]["rating"] == 1500
    assert set(data["ordered"]) == {"wins", "points"}
    assert set(data["balance"]["seats"]["vendor"]) == {"smart", "expert", "expert_among_smart"}
    code, again, _ = run(capsys, "--games", "6", "--seed", "4", "--json", "--workers", "2")
    assert code == 0 and json.loads(again) == data


def test_expert_line_ups_play_their_own_number_of_games(capsys):
    code, out, err = run(capsys, "--games", "4", "--expert-games", "2", "--seed", "3", "--json", "--workers", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["games"] == 4 and data["expert_games"] == 2
    for rows in data["seats"].values():
        assert rows["random"]["games"] == rows["smart"]["games"] == 4
        assert rows["expert"]["games"] == 2
    code, out, _ = run(capsys, "--games", "4", "--expert-games", "2", "--seed", "3", "--workers", "1")
    assert code == 0 and "4 games a seat and level (2 with an expert) from seed 3" in out


def test_table_names_every_seat_and_the_margins(capsys):
    code, out, _ = run(capsys, "--games", "3", "--seed", "2", "--workers", "1")
    assert code == 0
    assert "the bot ladder, 3 games a seat and level from seed 2" in out
    assert "expert over smart" in out and "smart over random" in out
    assert "Balance under strong play" in out
    for seat in ("vendor", "lawmaker", "regulator"):
        assert seat in out


def test_bad_arguments_get_one_line(capsys):
    for args, message in (
        (["--games", "0"], "--games must be 1 or more, got 0"),
        (["--workers", "-1"], "--workers must be 1 or more"),
        (["--expert-games", "0"], "--expert-games must be 1 or more, got 0"),
    ):
        code, out, err = run(capsys, *args)
        assert code != 0 and out == "" and message in err and len(err.strip().splitlines()) == 1
    code = main(["ladder", "--content", str(MINI), "--scenario", "nope"])
    assert code != 0


def test_an_outside_program_is_a_rung_of_its_own_in_the_seat_it_was_given(capsys):
    bot = Path(__file__).resolve().parents[2] / "examples" / "minimal_bot.py"
    program = f"regulator={sys.executable} {bot}"
    code, out, err = run(capsys, "--games", "3", "--seed", "2", "--workers", "1", "--json", "--external", program)
    assert code == 0, err
    data = json.loads(out)
    assert data["levels"] == ["random", "smart", "expert", "external"]
    assert "external" in data["seats"]["regulator"] and data["seats"]["regulator"]["external"]["games"] == 3
    assert "external" not in data["seats"]["vendor"] and "external" not in data["seats"]["lawmaker"]
    assert [g["upper"] for g in data["margins"]["regulator"]] == ["smart", "expert", "external"]
    assert [g["upper"] for g in data["margins"]["vendor"]] == ["smart", "expert"]
