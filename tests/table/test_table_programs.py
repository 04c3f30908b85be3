"""A table seat played by a program: asked once a quarter by the process that resolves it,
its orders kept with the teams', so every process replays them rather than asking again."""

from __future__ import annotations

import sys
from pathlib import Path

from table_pilot import pilot_test, showing, until
from textual.widgets import Input

from game.cli import main
from game.core.state import Order
from game.table import Tables
from game.ui.app import SiliconCurtainApp
from game.ui.screens.table_facilitator import TableFacilitatorScreen
from game.ui.screens.table_open import TableOpenScreen

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


@pilot_test
async def test_the_open_form_gives_a_seat_to_a_program_and_refuses_it_without_a_command(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(TableOpenScreen(tables))
        await until(pilot, lambda: app.screen.query("#open"), seconds=60, what="the open form")
        screen = app.screen
        screen.choose("seat-lawmaker", "external")
        await until(pilot, lambda: screen.query("#command-lawmaker"), what="the lawmaker's command row")
        ids = [w.id for w in screen.query_one("#open-form").children]
        assert ids.index("program-lawmaker") == ids.index("choices") + 1, "the command, under the seats"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tables.list() == [], "no table without the program's command"
        assert app.focused is screen.query_one("#command-lawmaker", Input)
        assert any(str(n.message).startswith("US lawmaker: ") for n in app._notifications), "says which seat"
        command = f"{sys.executable} {ROOT / 'examples' / 'minimal_bot.py'}"
        app.focused.value = command
        await pilot.press("ctrl+s")
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        (table,) = tables.list()
        assert table.seat("lawmaker").controller == f"external:{command}"
        assert table.humans == ("vendor", "regulator")
