"""A table seat played by a program: asked once a quarter by the process that resolves it,
its orders kept with the teams', so every process replays them rather than asking again."""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli import main
from game.core.state import Order
from game.table import Tables

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
RECORDER = ROOT / "tests" / "bots" / "programs" / "recorder.py"


def test_a_program_plays_a_table_seat_to_the_end(tmp_path):
    log = tmp_path / "messages.jsonl"
    tables = Tables(tmp_path / "tables.sqlite3")
    programs = {"lawmaker": f"{sys.executable} {RECORDER} {log}"}
    table, _ = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=7, programs=programs)
    assert table.seat("lawmaker").controller.startswith("external:") and not table.seat("lawmaker").human
    key = tables.take(table.code, "vendor")
    while not tables.table(table.code).over:
        quarter = tables.table(table.code).quarter
        tables.submit(table.code, "vendor", key, quarter, Order("vendor"))
    game = tables.game(table.code)
    assert game.over and game.seats["lawmaker"] == "external"
    asked = log.read_text().count('"type": "orders"')
    assert asked == len(game.record.quarters), "asked once a quarter"
    # Another process rebuilds the game from the database: the program is not asked again.
    again = Tables(tmp_path / "tables.sqlite3").game(table.code)
    assert [q.digest for q in again.record.quarters] == [q.digest for q in game.record.quarters]
    assert [q.orders[1].actions for q in again.record.quarters] == [q.orders[1].actions for q in game.record.quarters]
    assert log.read_text().count('"type": "orders"') == asked


def test_table_open_takes_external_seats_on_the_command_line(capsys, tmp_path):
    command = f"lawmaker={sys.executable} {ROOT / 'examples' / 'minimal_bot.py'}"
    args = ["table", "open", "--scenario", "mini", "--content", str(MINI), "--external", command]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "vendor     human" in out and "lawmaker   external:" in out and "regulator  human" in out
    assert main(["table", "open", "--scenario", "mini", "--content", str(MINI), "--external", "senator=x"]) == 1
    assert "no seat 'senator'" in capsys.readouterr().err
