"""The facilitator console's report key writes the after-action report of the table and,
beside it, the student summary; for a finished game, luck and decisions follow."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from table_pilot import console_for, pilot_test, showing, until

from game.table import Tables
from game.ui import luck
from game.ui.app import SiliconCurtainApp
from game.ui.screens.table_facilitator import TableFacilitatorScreen

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_the_report_key_writes_the_report_and_the_summary_beside_it(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=4)
    while not tables.table(table.code).over:
        tables.force(table.code, fkey, tables.table(table.code).quarter)
    console = SimpleNamespace(tables=tables, code=table.code, luck=luck.Luck())
    said, html, game = TableFacilitatorScreen._report(console)  # the worker's part of the key, without the app
    assert game.over
    report = tables.saves / f"table-{table.code}-report.html"
    summary = tables.saves / f"table-{table.code}-summary.html"
    assert report.read_text(encoding="utf-8") == html
    assert "<h1>Student summary: Mini</h1>" in summary.read_text(encoding="utf-8")
    assert said == f"{report} (the student summary: {summary.name})"


@pilot_test
async def test_a_finished_tables_report_gains_luck_and_decisions(tmp_path, monkeypatch):
    monkeypatch.setattr(luck, "GAMES", 12)
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=4)
    while not tables.table(table.code).over:
        tables.force(table.code, fkey, tables.table(table.code).quarter)
    report = tables.saves / f"table-{table.code}-report.html"
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(100, 34)) as pilot:
        app.push_screen(console_for(tables, table.code, fkey))
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        await pilot.press("r")
        await until(pilot, lambda: report.exists(), what="the report")
        await until(pilot, lambda: "Luck and decisions" in report.read_text(encoding="utf-8"), what="the section")
        notes = [n.message for n in app._notifications]
        assert any(luck.NOTE in n for n in notes)
        await until(pilot, lambda: any("Luck and decisions added" in n.message for n in app._notifications))
