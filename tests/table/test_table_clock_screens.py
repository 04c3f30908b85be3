"""A timed quarter on the screens, driven with Pilot: the clock on the seat and the console,
added time, re-opened orders, names, the open form's seed and clock, and the quarter that
resolves at zero with the silent seat passing. Other seats act through their own `Tables`,
as other processes would."""

from __future__ import annotations

import html
import re
import sqlite3
import time
from pathlib import Path

from table_pilot import console_for, pilot_test, showing, text, until
from textual.widgets import Digits, Input, Static
from textual.widgets._footer import FooterKey

from game.core.state import Order
from game.saves.reader import read_record
from game.table import Tables
from game.table.clock import Clock, tick
from game.ui.app import SiliconCurtainApp
from game.ui.screens.base import GameScreen
from game.ui.screens.facilitator import FacilitatorScreen
from game.ui.screens.projector import ProjectorScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.table_clock import ClockScreen
from game.ui.screens.table_facilitator import TableFacilitatorScreen
from game.ui.screens.table_join import sit
from game.ui.screens.table_names import NamesScreen
from game.ui.screens.table_open import TableOpenScreen
from game.ui.screens.table_pick import SeatPickScreen
from game.ui.widgets.choices import Choices

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
SIZE = (100, 34)


def rewind(db, code: str, seconds: float) -> None:
    """As if `seconds` had gone by on the quarter's clock."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE tables SET clock_start = clock_start - ? WHERE code = ?", (seconds, code))
    conn.close()


def bar(app) -> str:
    return text(app.screen.query_one("#console-bar", Static))


def screen_text(app) -> str:
    """The screen as drawn, line by line: what fits and what is cut, at the app's size."""
    svg = app.export_screenshot()
    rows: dict[str, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(m.group(2), []).append((float(m.group(1)), html.unescape(m.group(3)).replace("\xa0", " ")))
    return "\n".join("".join(t for _, t in sorted(r)) for _, r in sorted(rows.items(), key=lambda i: float(i[0])))


def footer_labels(screen) -> dict[str, str]:
    """Key -> label of the bindings the footer shows now."""
    return {b.key: b.description for _, b, enabled, _ in screen.app.active_bindings.values() if b.show and enabled}


@pilot_test
async def test_every_console_key_fits_an_80_column_footer(db):
    """Eleven keys of its own: the clock's two are named beside the clock, the rest fit the
    footer whole (the app's Help and Quit come after them, and F1 works on every screen)."""
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=3)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(console_for(tables, table.code, fkey))
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        await pilot.pause()
        own = {"f", "p", "i", "t", "o", "n", "r", "e", "escape"}
        assert own <= set(footer_labels(app.screen))
        keys = [k for k in app.screen.query(FooterKey) if k.key in own]
        assert len(keys) == len(own)
        assert all(k.region.right <= 80 and k.region.width >= len(k.description) for k in keys)


@pilot_test
async def test_a_timed_quarter_shows_its_clock_takes_more_time_and_resolves_at_zero_with_the_silent_seat_passing(db):
    tables = Tables(db)
    table, fkey = tables.open(
        "mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=3, clock=Clock(120, 0, True)
    )
    code = table.code
    # The console: the clock in its bar, +30 s / +1 min named beside it.
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(console_for(tables, code, fkey))
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        await until(pilot, lambda: re.search(r"\b(2:00|1:5\d) left", bar(app)), what="the clock on the console")
        assert "a +30 s  m +1 min" in bar(app)
        await pilot.press("a")
        await until(pilot, lambda: tables.table(code).clock.added == 30, what="30 s more")
        await until(pilot, lambda: re.search(r"\b2:[23]\d left", bar(app)), what="the longer clock")
        await pilot.press("m")
        await until(pilot, lambda: tables.table(code).clock.added == 90, what="a minute more")
    assert 205 <= tick(tables.table(code), time.time()).left <= 210

    # The projector: the same clock, in big digits for the room.
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        reading = tables.reading(code)
        app.push_screen(ProjectorScreen(tables, code, reading.table, reading.game))
        await until(pilot, lambda: isinstance(app.screen, ProjectorScreen), what="the projector")
        digits = lambda: app.screen.query_one("#clock", Digits)  # noqa: E731
        await until(pilot, lambda: re.fullmatch(r"3:[23]\d", digits().value), what="the clock on the projector")
        assert app.screen.query_one("#clock-box").display

    # A seat: the clock on its table line; it stays silent while the lawmaker orders.
    lawmaker = Tables(db)
    lkey = lawmaker.take(code, "lawmaker")
    lawmaker.submit(code, "lawmaker", lkey, 1, Order("lawmaker"))
    vkey = tables.take(code, "vendor")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        sit(app, tables, "vendor", vkey, tables.reading(code, "vendor"))
        await until(pilot, lambda: showing(app, GameScreen), what="the seat")
        await pilot.press("enter")  # past the briefing, on to the news
        seat_bar = lambda: text(app.screen.query_one("#table-bar", Static))  # noqa: E731
        await until(pilot, lambda: re.search(r"\b3:[23]\d left", seat_bar()), what="the clock on the seat")
        first = seat_bar()
        await until(pilot, lambda: seat_bar() != first, seconds=5, what="the seat's clock counting down")
        rewind(db, code, tick(tables.table(code), time.time()).left - 20)  # the last 20 seconds
        await until(pilot, lambda: re.search(r"\b0:[12]\d left", seat_bar()), what=f"the last seconds: {seat_bar()}")
        rewind(db, code, 30)  # time is up: the seat's own next reading resolves the quarter
        await until(pilot, lambda: showing(app, ReportScreen), what="the report of the quarter")
        assert "you passed" in "\n".join(text(w) for w in app.screen.query(".passed, .outcomes").results(Static))
    quarter = read_record(tables.save_path(code)).quarters[0]
    assert quarter.forced and quarter.passed == ("vendor",)
    assert [o.actions for o in quarter.orders][:2] == [(), ()]
    assert tables.table(code).quarter == 2


@pilot_test
async def test_the_console_reopens_orders_names_a_team_sets_the_clock_and_shows_the_pause(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=4)
    code = table.code
    vkey = Tables(db).take(code, "vendor", team="Falcons", players="Ana, Ben")
    Tables(db).submit(code, "vendor", vkey, 1, Order("vendor", ("lobby",)))
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(console_for(tables, code, fkey))
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        console = app.screen
        await until(pilot, lambda: "seed 4" in bar(app), what="the seed on the console")
        assert "left" not in bar(app)  # no clock: nothing counts down
        await until(pilot, lambda: vkey in screen_text(app), what="the vendor's key")
        # At 80 columns every seat's name is whole on the screen, beside its key and its team.
        shown = screen_text(app)
        for line in ("Vendor CEO · orders in", "US lawmaker · deciding", "Chinese regulator · bot:random"):
            assert line in shown
        assert "Falcons (Ana, Ben) · key" in shown and vkey in shown and "…" not in shown, shown

        await pilot.press("o")  # re-open: only the vendor has ordered
        await until(pilot, lambda: isinstance(app.screen, SeatPickScreen), what="the seat list")
        await pilot.press("enter")
        await until(pilot, lambda: not tables.table(code).seat("vendor").submitted, what="the vendor re-opened")

        await pilot.press("n")  # names: two human seats, so which first
        await until(pilot, lambda: isinstance(app.screen, SeatPickScreen), what="the seat list")
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, NamesScreen), what="the names")
        app.screen.query_one("#names-team", Input).value = "Hawks"
        app.screen.query_one("#names-players", Input).value = "Cy, Di"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: tables.table(code).seat("lawmaker").played_by == "Hawks (Cy, Di)")
        await until(pilot, lambda: "Hawks (Cy, Di)" in text(console.query_one("#seat-table", Static)))
        assert read_record(tables.save_path(code)).roster[1] == ("lawmaker", "Hawks", ("Cy", "Di"))

        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ClockScreen), what="the clock form")
        app.screen.query_one("#clock-minutes", Input).value = "4"
        app.screen.query_one("#clock-talks", Input).value = "1.5"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: tables.table(code).clock.seconds == 240, what="the clock set")
        assert tables.table(code).clock.talks_seconds == 90
        await until(pilot, lambda: re.search(r"\b[34]:\d\d left \(talks 1:[23]\d\)", bar(app)), what="the clock")

        await pilot.press("p")
        await until(pilot, lambda: "PAUSED" in bar(app) and "clock paused" in bar(app), what="the pause")
        assert console.has_class("-paused")
        Tables(db).force(code, fkey, 1)
        # The pause carries over into quarter 2, and the console still says so.
        await until(pilot, lambda: "Q2" in bar(app) or "quarter 2" in bar(app).lower(), what="quarter 2")
        assert "PAUSED" in bar(app) and tables.table(code).paused


@pilot_test
async def test_esc_leaves_the_intervention_console_and_ctrl_s_says_what_it_does(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=4)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(console_for(tables, table.code, fkey))
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        await pilot.press("i")
        await until(pilot, lambda: showing(app, FacilitatorScreen), what="the intervention console")
        labels = footer_labels(app.screen)
        assert labels["ctrl+s"] == "Keep moves for the quarter" and labels["escape"] == "Back to the table"
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="back at the table's console")
        assert tables.interventions(table.code, 1) == ()
        # Held, with every order in: ctrl+s now resolves the quarter, and says so.
        await pilot.press("p")
        await until(pilot, lambda: tables.table(table.code).paused, what="the pause")
        vkey = Tables(db).take(table.code, "vendor")
        Tables(db).submit(table.code, "vendor", vkey, 1, Order("vendor"))
        await until(pilot, lambda: not app.screen.table.waiting_on, what="every order in")
        await pilot.press("i")
        await until(pilot, lambda: showing(app, FacilitatorScreen), what="the intervention console again")
        labels = footer_labels(app.screen)
        assert labels["ctrl+s"] == "Resolve the quarter" and "Keep moves for the quarter" not in labels.values()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: tables.table(table.code).resolved == 1, what="the quarter resolved")


@pilot_test
async def test_the_open_form_keeps_the_typed_seed_and_clock_when_the_scenario_changes(db):
    tables = Tables(db)
    app = SiliconCurtainApp()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TableOpenScreen(tables))
        await until(pilot, lambda: app.screen.query("#open-seed"), seconds=60, what="the form")
        screen = app.screen
        other = next(s for s in screen.content.scenarios if s != screen.scenario_id)
        screen.query_one("#open-seed", Input).value = "4242"
        screen.query_one("#open-minutes", Input).value = "5"
        screen.choose("at-zero", True)
        screen.choose("seat-lawmaker", "bot:smart")
        screen.choose("scenario", other)
        await until(pilot, lambda: screen.scenario_id == other and screen.query("#open-seed"), what="the new form")
        await pilot.pause(0.2)
        assert screen.query_one("#open-seed", Input).value == "4242"
        assert screen.query_one("#open-minutes", Input).value == "5"
        choices = screen.query_one("#choices", Choices)
        assert choices.value("at-zero") is True and choices.value("seat-lawmaker") == "bot:smart"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        (table,) = tables.list()
        assert table.seed == 4242 and table.scenario == other
        assert table.clock.seconds == 300 and table.clock.at_zero
        assert {s.seat: s.controller for s in table.seats}["lawmaker"] == "bot:smart"
        await until(pilot, lambda: "seed 4242" in bar(app))


@pilot_test
async def test_a_team_whose_orders_are_reopened_is_told_and_orders_again(db):
    from game.ui.screens.quarter import QuarterScreen
    from game.ui.screens.waiting import WaitingScreen

    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=4)
    code = table.code
    vkey = tables.take(code, "vendor")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        sit(app, tables, "vendor", vkey, tables.reading(code, "vendor"))
        await until(pilot, lambda: showing(app, GameScreen), what="the seat")
        await pilot.press("enter")  # past the briefing
        await until(pilot, lambda: showing(app, QuarterScreen), what="the news")
        await pilot.pause(0.5)
        Tables(db).submit(code, "vendor", vkey, 1, Order("vendor"))  # the team's orders, from its other tab
        await until(pilot, lambda: showing(app, WaitingScreen), what="waiting")
        await pilot.pause(0.5)
        Tables(db).reopen(code, fkey, 1, "vendor")
        await until(pilot, lambda: showing(app, QuarterScreen), what="the news again")
        told = lambda: [n.message for n in app._notifications]  # noqa: E731
        await until(pilot, lambda: any("re-opened your orders" in m for m in told()), what="the team told")
        await pilot.pause(2)  # the screen's header fully up before the app closes
        assert showing(app, QuarterScreen)
