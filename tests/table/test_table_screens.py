"""The table screens, driven with Pilot; the other seats act through their own `Tables`, as
other processes would, and the screens learn of it by watching the database."""

from __future__ import annotations

from pathlib import Path

from table_pilot import pilot_test, showing, text, until
from textual.widgets import Input, OptionList, Static

from game.core.state import Order
from game.table import FACILITATOR, Tables
from game.ui.app import SiliconCurtainApp
from game.ui.screens.base import GameScreen
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.orders import OrdersScreen
from game.ui.screens.quarter import QuarterScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.table_facilitator import TableFacilitatorScreen
from game.ui.screens.table_join import TableJoinScreen
from game.ui.screens.table_open import TableOpenScreen
from game.ui.screens.talks import TalksScreen
from game.ui.screens.waiting import WaitingScreen
from game.ui.widgets.dashboard import Dashboard

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
SIZE = (100, 34)


def other_process(db) -> Tables:
    """Another seat's process: its own Tables, with its own cache."""
    return Tables(db)


@pilot_test
async def test_a_team_joins_gives_orders_waits_and_sees_only_its_own_report(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=3)
    code = table.code
    lawmaker = other_process(db)
    lkey = lawmaker.take(code, "lawmaker")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TableJoinScreen(tables, code.lower().replace("-", "")))
        await until(pilot, lambda: app.screen.query_one("#seats", OptionList).display, what="the seats")
        found = text(app.screen.query_one("#found", Static))
        assert code in found and "quarter 1" in found
        seats = app.screen.query_one("#seats", OptionList)
        prompts = [str(seats.get_option_at_index(i).prompt) for i in range(seats.option_count)]
        assert prompts[0].endswith("free") and "taken" in prompts[1] and "bot" in prompts[2]
        seats.focus()
        await pilot.press("enter")  # the highlighted seat is the first free one: the vendor
        # The same screens as a game at one keyboard: the briefing first, then news, orders.
        await until(pilot, lambda: showing(app, BriefingScreen), what="the briefing")
        session = app.session
        assert session.seat == "vendor" and tables.table(code).seat("vendor").taken
        key = session.key
        assert key == tables.keys(code, fkey)["vendor"] and key in text(app.screen.query_one("#table-bar", Static))
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, QuarterScreen), what="the news")

        # Only the vendor's own private track: never the lawmaker's or the regulator's.
        dashboard = text(app.screen.query_one(Dashboard))
        assert "China revenue" in dashboard
        assert "Import quota" not in dashboard and "Diversion estimate" not in dashboard
        assert "Diversion" not in dashboard.replace("Diversion estimate", "")

        await pilot.press("enter")
        await until(pilot, lambda: showing(app, TalksScreen), what="the talks")
        await pilot.press("enter")  # no offer to answer: on to the orders
        await until(pilot, lambda: showing(app, OrdersScreen), what="the orders")
        actions = app.screen.query_one("#actions", OptionList)
        assert [actions.get_option_at_index(i).id for i in range(actions.option_count)] == ["lobby", "ship"]
        assert not app.screen.choices["ship"].available  # shipping needs the licence
        actions.highlighted = 0
        await pilot.press("space", "s")
        await pilot.pause()
        await pilot.press("y")  # the orders are final: confirm
        await until(pilot, lambda: showing(app, WaitingScreen), what="waiting")
        assert tables.orders(code, fkey, 1) == {"vendor": Order("vendor", ("lobby",))}
        assert text(app.screen.query_one("#given", Static)).startswith("Actions: Lobby Commerce")
        await until(pilot, lambda: "Waiting for: US lawmaker" in text(app.screen.query_one("#waiting", Static)))

        # The lawmaker, in its own process, gives the last order: the quarter resolves there.
        assert lawmaker.submit(code, "lawmaker", lkey, 1, Order("lawmaker", ("briefing",))) is True
        await until(pilot, lambda: showing(app, ReportScreen) and app.screen.query(".outcomes"), what="the report")
        report = report_text(app.screen)
        assert "Lobby Commerce" in report
        assert "Intelligence briefing" not in report  # the lawmaker's private action stays private
        assert "you passed" not in report
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, QuarterScreen), what="quarter 2")
        assert app.session.match.state.quarter == 2


def report_text(screen) -> str:
    return "\n".join(text(w) for w in screen.query(".outcomes, .passed, .section").results(Static))


@pilot_test
async def test_the_seat_list_follows_other_teams_taking_seats(db):
    tables = Tables(db)
    table, _ = tables.open("mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=5)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TableJoinScreen(tables, table.code))
        await until(pilot, lambda: app.screen.query_one("#seats", OptionList).display, what="the seats")
        seats = app.screen.query_one("#seats", OptionList)
        assert seats.highlighted_option.id == "vendor"
        other_process(db).take(table.code, "vendor")  # another team is quicker
        await until(pilot, lambda: "taken" in str(seats.get_option_at_index(0).prompt), what="vendor taken")
        assert seats.highlighted_option.id == "lawmaker"  # moved on to the first free seat
        seats.focus()
        await pilot.press("down")  # the team looks further down the list...
        held = seats.highlighted
        assert held != 1
        await pilot.pause(0.5)  # ...and the next looks leave its place alone
        assert seats.highlighted == held


async def seated(app, pilot, tables, code: str, key: str, screen=QuarterScreen) -> None:
    """Sit the vendor at the table from this app, past its briefing, on to `screen`."""
    from game.ui.screens.table_join import sit

    sit(app, tables, "vendor", key, tables.reading(code, "vendor"))
    await until(pilot, lambda: showing(app, GameScreen), what="the seat")
    for _ in range(4):  # briefing, news, talks, orders
        if isinstance(app.screen, screen):
            return
        await pilot.press("enter")
        await pilot.pause(0.1)
    await until(pilot, lambda: showing(app, screen), what=screen.__name__)


@pilot_test
async def test_a_seat_the_facilitator_forces_past_is_told_it_passed(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=1)
    key = tables.take(table.code, "vendor")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        await seated(app, pilot, tables, table.code, key, OrdersScreen)  # the team is deciding
        other_process(db).force(table.code, fkey, 1)
        await until(pilot, lambda: showing(app, ReportScreen), what="the report")
        assert report_text(app.screen).count("you passed") == 1
        assert app.screen.step.quarters == (1,)
        # Still reading that report when the next quarter is forced too: the next report has it.
        other_process(db).force(table.code, fkey, 2)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, ReportScreen) and app.screen.step.quarters == (2,))
        assert report_text(app.screen).count("you passed") == 1


@pilot_test
async def test_a_team_away_while_two_quarters_resolve_gets_both_reports_at_once(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=1)
    key = tables.take(table.code, "vendor")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        await seated(app, pilot, tables, table.code, key, BriefingScreen)
        other_process(db).force(table.code, fkey, 1)
        other_process(db).force(table.code, fkey, 2)
        await pilot.pause(0.5)  # the briefing is not interrupted
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, ReportScreen), what="the report")
        assert app.screen.step.quarters == (1, 2)
        report = report_text(app.screen)
        assert "Quarter 1" in report and "Quarter 2" in report and report.count("you passed") == 2
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, QuarterScreen), what="quarter 3's news")
        assert app.session.match.state.quarter == 3


@pilot_test
async def test_the_facilitator_opens_a_table_sees_every_order_pauses_and_forces(db):
    tables = Tables(db)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TableJoinScreen(tables))
        await pilot.pause()
        await pilot.press("ctrl+o")
        await until(
            pilot, lambda: isinstance(app.screen, TableOpenScreen) and app.screen.query("#open"), what="the open form"
        )
        await pilot.press("ctrl+s")
        await until(pilot, lambda: showing(app, TableFacilitatorScreen), what="the console")
        console = app.screen
        (table,) = tables.list()
        assert table.humans == ("vendor", "lawmaker", "regulator")
        await until(pilot, lambda: table.code in text(console.query_one("#console-bar", Static)), what="the code")
        assert console.key in text(console.query_one("#console-bar", Static))

        seat = other_process(db)
        vkey = seat.take(table.code, "vendor")
        seat.submit(table.code, "vendor", vkey, 1, Order("vendor", ("lobby",)))
        await until(
            pilot,
            lambda: "Lobby Commerce" in text(console.query_one("#orders-board")),
            what="the vendor's orders on the console",
        )
        seats = text(console.query_one("#seat-table", Static))
        assert vkey in seats and "orders in" in seats and "deciding" in seats

        await pilot.press("p")
        await until(pilot, lambda: tables.table(table.code).paused, what="the pause")
        await until(pilot, lambda: "PAUSED" in text(console.query_one("#console-bar", Static)))
        await pilot.press("f")
        await pilot.press("y")
        await until(pilot, lambda: tables.table(table.code).resolved == 1, what="the forced quarter")
        await until(pilot, lambda: "Quarter 1" in text(console.query_one("#last-quarter", Static)))
        game = tables.game(table.code)
        assert [o.actions for o in game.record.quarters[0].orders] == [("lobby",), (), ()]


@pilot_test
async def test_a_taken_seat_needs_its_key_and_the_facilitator_theirs(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=2)
    key = tables.take(table.code, "vendor")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TableJoinScreen(tables, table.code))
        await until(pilot, lambda: app.screen.query_one("#seats", OptionList).display, what="the seats")
        join = app.screen
        join.sit("vendor")  # no key typed
        await pilot.pause()
        assert isinstance(app.screen, TableJoinScreen)
        join.query_one("#key", Input).value = "0000" if key != "0000" else "1111"
        join.sit("vendor")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TableJoinScreen)  # wrong key: still here, told why
        join.query_one("#key", Input).value = key
        join.sit("vendor")
        await until(pilot, lambda: showing(app, BriefingScreen), what="the seat again")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, QuarterScreen), what="the news")
        await pilot.press("escape")  # leave the table: asked first
        await pilot.press("y")
        await until(pilot, lambda: showing(app, TableJoinScreen))
        join.query_one("#key", Input).value = fkey
        join.sit(FACILITATOR)
        await until(
            pilot,
            lambda: isinstance(app.screen, TableFacilitatorScreen) and vkey_shown(app.screen, key),
            what="the console with the vendor's seat key",
        )


def vkey_shown(console, key: str) -> bool:
    return key in text(console.query_one("#seat-table", Static))


@pilot_test
async def test_a_finished_table_shows_the_end_and_scores(db):
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=4)
    key = tables.take(table.code, "vendor")
    while not tables.table(table.code).over:
        tables.force(table.code, fkey, tables.table(table.code).quarter)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        await seated(app, pilot, tables, table.code, key, EndScreen)
        scores = text(app.screen.query_one("#scores", Static))
        assert "Vendor CEO" in scores and "US lawmaker" in scores


@pilot_test
async def test_the_title_leads_to_the_tables():
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        labels = [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]
        assert any(label.startswith("Play at a table") and label.rstrip().endswith("T") for label in labels)
        await pilot.press("t")
        await until(
            pilot,
            lambda: isinstance(app.screen, TableJoinScreen) and app.screen.query("HeaderTitle"),
            what="the table screen",
        )
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, TableJoinScreen), what="back at the title")
        menu = app.screen.query_one("#menu", OptionList)
        menu.focus()
        menu.highlighted = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "table")
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, TableJoinScreen) and app.screen.query("HeaderTitle"),
            what="the table screen from the menu",
        )


@pilot_test
async def test_a_seat_key_can_be_typed_into_the_key_box_as_read_out(db):
    """Keys grew from 8 digits to HK4M-7QPZ-R2WNE (issue 20): the key box takes letters,
    dashes and spaces, in any case, and the team sits again with what it typed."""
    tables = Tables(db)
    table, _ = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=2)
    key = tables.take(table.code, "vendor")
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TableJoinScreen(tables, table.code))
        await until(pilot, lambda: app.screen.query_one("#seats", OptionList).display, what="the seats")
        join = app.screen
        box = join.query_one("#key", Input)
        box.focus()
        typed = key.lower().replace("-", " ")
        await pilot.press(*[{" ": "space", "-": "minus"}.get(c, c) for c in typed])
        assert box.value == typed
        join.sit("vendor")
        await until(pilot, lambda: showing(app, BriefingScreen), what="the seat again")
        assert app.session.key == key
        await pilot.press("enter")  # on to the news: leaving mid-mount trips Textual's header
        await until(pilot, lambda: showing(app, QuarterScreen), what="the news")
