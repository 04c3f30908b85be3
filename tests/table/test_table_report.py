"""The facilitator console's report key writes the after-action report of the table and,
beside it, the student summary."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from game.table import Tables
from game.ui.screens.table_facilitator import TableFacilitatorScreen

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def test_the_report_key_writes_the_report_and_the_summary_beside_it(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=4)
    while not tables.table(table.code).over:
        tables.force(table.code, fkey, tables.table(table.code).quarter)
    console = SimpleNamespace(tables=tables, code=table.code)
    said, html = TableFacilitatorScreen._report(console)  # the worker's part of the key, without the app
    report = tables.saves / f"table-{table.code}-report.html"
    summary = tables.saves / f"table-{table.code}-summary.html"
    assert report.read_text(encoding="utf-8") == html
    assert "<h1>Student summary: Mini</h1>" in summary.read_text(encoding="utf-8")
    assert said == f"{report} (the student summary: {summary.name})"
