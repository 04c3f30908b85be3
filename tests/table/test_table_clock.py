"""A table's clock, roster and honest records, without a screen: the clock read from the row,
pause and added time, the quarter that resolves at zero, re-opened orders, older databases,
and a forced quarter's passing seat in the save and the report."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import attrs
import pytest

from game.core.deals import Offer
from game.core.state import Order
from game.report import render
from game.saves.reader import read_record
from game.table import TableError, Tables
from game.table.clock import Clock, clock_text, minutes, tick
from game.table.db import SCHEMA_VERSION

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
HUMANS = {"vendor": "human", "lawmaker": "human", "regulator": "human"}


@pytest.fixture
def tables(tmp_path):
    return Tables(tmp_path / "tables.sqlite3")


def open_timed(tables, seconds=300, talks=0, at_zero=False, seats=HUMANS):
    return tables.open("mini", dict(seats), content_root=MINI, seed=7, clock=Clock(seconds, talks, at_zero))


def rewind(tables, code: str, seconds: float) -> None:
    """Move the quarter's clock `seconds` into the past, as if that much time had gone by."""
    conn = sqlite3.connect(tables.path)
    with conn:
        conn.execute(
            "UPDATE tables SET clock_start = clock_start - ?, paused_since = paused_since - ? WHERE code = ?",
            (seconds, seconds, code),
        )
    conn.close()


def test_the_clock_is_a_pure_reading_of_the_row_and_now(tables):
    table, _ = open_timed(tables, 300, 120)
    start = table.clock.start
    t = tick(table, start + 100)
    assert t.left == 200 and t.talks_left == 20 and not t.expired and not t.talks_over
    assert clock_text(t) == "3:20 left (talks 0:20)"
    t = tick(table, start + 130)
    assert t.talks_over and clock_text(t) == "2:50 left (talks over)"
    assert tick(table, start + 400).expired and clock_text(tick(table, start + 400)) == "time is up"
    paused = attrs.evolve(table, paused=True, clock=attrs.evolve(table.clock, paused_since=start + 60))
    assert tick(paused, start + 1000).left == 240  # stood still when the pause began
    assert "clock paused" in clock_text(tick(paused, start + 1000))
    assert tick(attrs.evolve(table, clock=Clock()), start) is None  # no clock, nothing to show
    assert minutes(0.2) == "0:01" and minutes(61) == "1:01"


def test_pause_stops_the_clock_and_resuming_goes_on_from_there(tables):
    table, key = open_timed(tables, 300)
    rewind(tables, table.code, 100)
    tables.pause(table.code, key)
    rewind(tables, table.code, 500)  # a long discussion: the clock must not move
    held = tables.table(table.code)
    assert held.paused and 199 <= tick(held, time.time()).left <= 201
    tables.pause(table.code, key, False)
    assert 195 <= tick(tables.table(table.code), time.time()).left <= 201


def test_added_time_lengthens_the_quarter_and_the_talks_while_they_are_on(tables):
    table, key = open_timed(tables, 300, 120)
    tables.add_time(table.code, key, 30)
    t = tick(tables.table(table.code), time.time())
    assert 325 <= t.left <= 330 and 145 <= t.talks_left <= 150
    rewind(tables, table.code, 200)  # the talks are over: only the quarter grows
    tables.add_time(table.code, key, 60)
    t = tick(tables.table(table.code), time.time())
    assert 185 <= t.left <= 190 and t.talks_over
    vkey = tables.take(table.code, "vendor")
    with pytest.raises(TableError, match="time for talks in quarter 1 is over"):
        tables.offer(table.code, "vendor", vkey, 1, Offer("vendor", "lawmaker", gives="ship", wants="lobby"))


def test_add_time_without_a_clock_is_refused_in_words(tables):
    table, key = tables.open("mini", dict(HUMANS), content_root=MINI, seed=7)
    with pytest.raises(TableError, match="has no clock running"):
        tables.add_time(table.code, key, 30)
    with pytest.raises(TableError, match="talks' time must be shorter"):
        tables.set_clock(table.code, key, 60, 60)


def test_at_zero_the_quarter_resolves_on_the_next_reading_and_the_silent_seats_pass(tables):
    table, key = open_timed(tables, 120, at_zero=True)
    vkey = tables.take(table.code, "vendor")
    tables.submit(table.code, "vendor", vkey, 1, Order("vendor"))
    rewind(tables, table.code, 119)
    assert tables.table(table.code).resolved == 0  # a second to go
    rewind(tables, table.code, 2)
    now = tables.table(table.code)  # anyone reading it (here `table status`) settles it
    assert now.resolved == 1 and now.quarter == 2
    quarter = read_record(tables.save_path(table.code)).quarters[0]
    assert quarter.forced and quarter.passed == ("lawmaker", "regulator")
    assert tables.passed(table.code, "lawmaker") == {1} and tables.passed(table.code, "vendor") == frozenset()
    # The next quarter's clock starts afresh.
    assert 119 <= tick(now, time.time()).left <= 120


def test_a_paused_table_does_not_resolve_at_zero(tables):
    table, key = open_timed(tables, 60, at_zero=True)
    tables.pause(table.code, key)
    rewind(tables, table.code, 600)
    assert tables.table(table.code).resolved == 0


def test_reopened_orders_can_be_given_again(tables):
    table, key = open_timed(tables, 300)
    vkey = tables.take(table.code, "vendor")
    tables.submit(table.code, "vendor", vkey, 1, Order("vendor"))
    assert tables.table(table.code).seat("vendor").submitted
    tables.reopen(table.code, key, 1, "vendor")
    assert not tables.table(table.code).seat("vendor").submitted
    with pytest.raises(TableError, match="has not given its orders"):
        tables.reopen(table.code, key, 1, "vendor")
    with pytest.raises(TableError, match="not the facilitator's key"):
        tables.reopen(table.code, vkey, 1, "vendor")
    tables.submit(table.code, "vendor", vkey, 1, Order("vendor"))


def test_names_given_on_joining_and_by_the_facilitator_go_into_the_save(tables):
    table, key = open_timed(tables, 0)
    tables.take(table.code, "vendor", team="Falcons", players="Ana, Ben")
    tables.name_seat(table.code, key, "lawmaker", "Hawks", ["Cy"])
    seats = {s.seat: s for s in tables.table(table.code).seats}
    assert seats["vendor"].played_by == "Falcons (Ana, Ben)" and seats["lawmaker"].played_by == "Hawks (Cy)"
    record = read_record(tables.save_path(table.code))
    assert record.roster == (("vendor", "Falcons", ("Ana", "Ben")), ("lawmaker", "Hawks", ("Cy",)))
    with pytest.raises(TableError, match="longer than 60 characters"):
        tables.name_seat(table.code, key, "vendor", "x" * 61, "")
    report = render(tables.game(table.code), "md")
    assert "Falcons (Ana, Ben)" in report and "Hawks (Cy)" in report


def test_a_forced_quarter_is_marked_forced_and_the_silent_seat_passing_in_the_save_and_the_report(tables):
    table, key = tables.open("mini", {"vendor": "human", "regulator": "human"}, content_root=MINI, seed=7)
    code = table.code
    keys = {s: tables.take(code, s) for s in ("vendor", "regulator")}
    tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor"))
    tables.submit(code, "regulator", keys["regulator"], 1, Order("regulator"))
    game = tables.game(code)
    assert "customs" in game.state.news  # quarter 2 asks the regulator to decide
    tables.submit(code, "vendor", keys["vendor"], 2, Order("vendor"))
    tables.force(code, key, 2)  # while the regulator is still deciding
    record = read_record(tables.save_path(code))
    assert not record.quarters[0].forced and record.quarters[0].passed == ()
    assert record.quarters[1].forced and record.quarters[1].passed == ("regulator",)
    text = tables.save_path(code).read_text(encoding="utf-8")
    assert "forced = true" in text and 'passed = [\n    "regulator",\n]' in text
    outcomes = [o for o in tables.game(code).log[2] if o.phase == "choice"]
    assert [o.kind for o in outcomes] == ["default"]
    report = render(tables.game(code), "md")
    q2 = report.split("### Q2", 1)[1].split("### Q3", 1)[0]
    assert "forced" in q2 and "**Chinese regulator**: passed (gave no orders)" in q2
    assert "no answer, default" in q2 and "chose" not in q2


def test_an_older_database_is_brought_up_to_date_and_its_tables_go_on(tmp_path):
    path = tmp_path / "tables.sqlite3"
    Tables(path).open("mini", dict(HUMANS), content_root=MINI, seed=7)
    conn = sqlite3.connect(path)
    with conn:  # back to schema 3: no clock, no roster
        for table, columns in (
            (
                "tables",
                "quarter_seconds talks_seconds resolve_at_zero clock_start clock_added talks_added "
                "paused_since paused_for",
            ),
            ("seats", "team players"),
        ):
            for column in columns.split():
                conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    tables = Tables(path)
    (table,) = tables.list()
    assert table.clock == Clock(start=None) and table.seats[0].team == ""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    key = tables.take(table.code, "vendor", team="Late")
    assert tables.table(table.code).seat("vendor").team == "Late" and key


def test_order_confirmation_and_the_waiting_screen_list_the_news_decisions(tables):
    from game.ui.screens.orders import order_summary

    table, _ = tables.open("mini", {"regulator": "human"}, content_root=MINI, seed=7)
    rkey = tables.take(table.code, "regulator")
    tables.submit(table.code, "regulator", rkey, 1, Order("regulator"))
    rules = tables.game(table.code).rules
    summary = order_summary(rules, Order("regulator", (), (("customs", "block"),)))
    assert "Pass this quarter: no actions?" in summary
    assert f"Decision, {rules.event('customs').title}: {rules.event('customs').option('block').label}" in summary
