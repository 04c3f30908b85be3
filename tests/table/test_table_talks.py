"""Talks at a table: offers and answers kept in the database, read by every process, checked
by the rules, and played into the quarter they were made in."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.deals import Offer, seen_by
from game.core.state import Order
from game.core.view import visible_outcomes
from game.match import Match
from game.saves.reader import read_record
from game.table import TableError, Tables

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
HUMANS = {"vendor": "human", "lawmaker": "human", "regulator": "human"}
TRADE = Offer("vendor", "regulator", gives="lobby", wants="cut_quota")


@pytest.fixture
def table(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", dict(HUMANS), content_root=MINI, seed=7)
    keys = {s: tables.take(table.code, s) for s in HUMANS}
    return tables, table.code, keys, fkey


def test_an_offer_is_read_by_the_receiver_answered_and_played_into_its_quarter(table, tmp_path):
    tables, code, keys, fkey = table
    made = tables.offer(code, "vendor", keys["vendor"], 1, TRADE)
    assert made.answer == ""
    other = Tables(tmp_path / "tables.sqlite3")  # another process: its own cache
    assert other.reading(code, "regulator").game.offers == [TRADE]
    with pytest.raises(TableError, match="offers to answer"):
        other.submit(code, "regulator", keys["regulator"], 1, Order("regulator"))
    with pytest.raises(TableError, match="no offer"):
        tables.answer(code, "lawmaker", keys["lawmaker"], 1, 0, True)  # not the lawmaker's to answer
    other.answer(code, "regulator", keys["regulator"], 1, 0, True)
    assert tables.offers(code, fkey, 1)[0].accepted  # the facilitator sees every offer
    for seat in HUMANS:
        tables.submit(code, seat, keys[seat], 1, Order(seat))
    game = Tables(tmp_path / "tables.sqlite3").game(code)  # replayed from the rows, digest checked
    (kept,) = game.record.quarters[0].offers
    assert kept.accepted and kept.same_terms(TRADE)
    record = read_record(tables.save_path(code))
    assert record.quarters[0].offers == (kept,)
    replayed = Match.from_record(game.rules, record)
    assert replayed.state.digest() == game.state.digest()
    # The lawmaker, not a party, learns of it neither in the talks nor in what happened.
    assert not seen_by(game.record.quarters[0].offers, "lawmaker")
    seen = visible_outcomes(game.log[1], "lawmaker", game.rules)
    assert not [o for o in seen if o.kind == "deal"]
    assert [o for o in visible_outcomes(game.log[1], "regulator", game.rules) if o.kind == "deal"]


def test_no_offer_to_or_from_a_seat_whose_orders_are_in(table):
    tables, code, keys, _ = table
    tables.submit(code, "regulator", keys["regulator"], 1, Order("regulator"))
    with pytest.raises(TableError, match="given its orders"):
        tables.offer(code, "vendor", keys["vendor"], 1, TRADE)
    with pytest.raises(TableError, match="given its orders"):
        back = Offer("regulator", "vendor", gives="summit", wants="lobby")
        tables.offer(code, "regulator", keys["regulator"], 1, back)


def test_a_seat_cannot_order_away_the_budget_its_unanswered_offer_promised(table):
    tables, code, keys, _ = table
    quota_for_lobby = Offer("regulator", "vendor", gives="cut_quota", wants="lobby")
    tables.offer(code, "regulator", keys["regulator"], 1, quota_for_lobby)
    # The summit (2) and the quota cut it offered (1) would be 3 of a budget of 2, were the
    # vendor to accept after the regulator's orders are in: refused now, not at resolution.
    with pytest.raises(TableError, match="budget"):
        tables.submit(code, "regulator", keys["regulator"], 1, Order("regulator", ("summit",)))
    tables.submit(code, "regulator", keys["regulator"], 1, Order("regulator", ("cut_quota",)))  # paid once
    tables.answer(code, "vendor", keys["vendor"], 1, 0, True)
    for seat in ("vendor", "lawmaker"):
        tables.submit(code, seat, keys[seat], 1, Order(seat))
    assert tables.table(code).resolved == 1


def test_an_offer_the_rules_refuse_or_from_the_wrong_seat_is_not_stored(table):
    tables, code, keys, fkey = table
    with pytest.raises(TableError, match="cannot be made from seat"):
        tables.offer(code, "lawmaker", keys["lawmaker"], 1, TRADE)
    with pytest.raises(TableError, match="not one of"):
        tables.offer(code, "vendor", keys["vendor"], 1, Offer("vendor", "regulator", gives="lobby", wants="hearing"))
    assert tables.offers(code, fkey, 1) == []


def test_a_bot_answers_a_teams_offer_at_once_and_its_answer_is_stored(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=7)
    key = tables.take(table.code, "vendor")
    made = tables.offer(table.code, "vendor", key, 1, TRADE)
    assert made.answer in ("accepted", "rejected") and made.answer_reason
    assert tables.offers(table.code, fkey, 1) == [made]


def regulator_process(db: str, code: str, key: str, results) -> None:
    """The regulator's team in its own process: it waits for the vendor's offer to reach the
    database, accepts it, then gives its orders."""
    import time

    from game.core.deals import waiting_on

    tables = Tables(db)
    try:
        deadline = time.monotonic() + 60
        while True:
            offers = tables.reading(code, "regulator").game.offers
            pending = waiting_on(offers, "regulator")
            if pending:
                break
            if time.monotonic() > deadline:
                raise TimeoutError("no offer came")
            time.sleep(0.05)
        tables.answer(code, "regulator", key, 1, offers.index(pending[0]), True)
        tables.submit(code, "regulator", key, 1, Order("regulator"))
    except BaseException as err:  # said in the test, not lost in the child
        results.put(f"{type(err).__name__}: {err}")
        return
    results.put("accepted")


def test_a_team_offers_another_process_accepts_live_and_the_report_shows_both_sides(tmp_path):
    import asyncio
    import multiprocessing
    import time

    from textual.widgets import OptionList

    from game.ui import app as app_module
    from game.ui.app import SiliconCurtainApp
    from game.ui.screens.table_join import sit

    db = tmp_path / "tables.sqlite3"
    tables = Tables(db)
    table, _ = tables.open("mini", dict(HUMANS), content_root=MINI, seed=7)
    code = table.code
    keys = {s: tables.take(code, s) for s in HUMANS}
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    regulator = ctx.Process(target=regulator_process, args=(str(db), code, keys["regulator"], results))
    regulator.start()

    def name(app) -> str:
        return type(app.screen).__name__

    async def until(pilot, ready, what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not ready():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; on {name(pilot.app)}")
            await pilot.pause(0.05)

    def shown(app) -> str:
        from rich.console import Console

        console = Console(width=200, record=True, file=__import__("io").StringIO())
        for widget in app.screen.query("Static, OptionList"):
            if isinstance(widget, OptionList):
                for option in widget.options:
                    console.print(option.prompt)
            else:
                console.print(widget.content)
        return console.export_text()

    async def play() -> None:
        app = SiliconCurtainApp(content_root=MINI)
        async with app.run_test(size=(110, 36)) as pilot:
            sit(app, tables, "vendor", keys["vendor"], tables.reading(code, "vendor"))
            while name(app) != "TalksScreen":
                await until(pilot, lambda: name(app) in ("BriefingScreen", "QuarterScreen", "TalksScreen"), "news")
                if name(app) != "TalksScreen":
                    await pilot.press("enter")
                    await pilot.pause(0.1)
            await pilot.press("m")
            await until(pilot, lambda: name(app) == "OfferScreen", "the new offer")
            for option_id in ("regulator", "trade", "gives:lobby", "wants:cut_quota"):
                choices = app.screen.query_one("#choices", OptionList)
                await until(pilot, lambda: choices.get_option(option_id) is not None, option_id)  # noqa: B023
                choices.highlighted = choices.get_option_index(option_id)
                await pilot.press("enter")
                await pilot.pause()
            await until(pilot, lambda: name(app) == "TalksScreen", "the talks")
            # The other process's answer appears by itself: the app reads the table each second.
            await until(pilot, lambda: "(accepted)" in shown(app), "the answer")
            await pilot.press("enter")
            await until(pilot, lambda: name(app) == "OrdersScreen", "the orders")
            assert "bound by a deal" in shown(app)  # Lobby Commerce is ordered by the deal, locked
            await pilot.press("s")
            await until(pilot, lambda: name(app) == "ConfirmScreen", "the question")
            await pilot.press("y")
            await until(pilot, lambda: name(app) == "WaitingScreen", "waiting")
            # The lawmaker, not a party, reads the table and learns nothing of the offer.
            reading = Tables(db).reading(code, "lawmaker")
            assert not seen_by(reading.game.offers, "lawmaker")
            tables.submit(code, "lawmaker", keys["lawmaker"], 1, Order("lawmaker"))
            await until(pilot, lambda: name(app) == "ReportScreen" and app.screen.query(".outcomes"), "the report")
            report = shown(app)
            assert "Deal agreed: Lobby Commerce for Cut the quota" in report
            assert "Vendor CEO: orders Lobby Commerce" in report
            assert "Chinese regulator: orders Cut the quota" in report

    original = app_module.POLL_SECONDS
    app_module.POLL_SECONDS = 0.2
    try:
        asyncio.run(play())
    finally:
        app_module.POLL_SECONDS = original
        regulator.join(30)
    assert results.get(timeout=5) == "accepted"
    game = tables.game(code)
    assert game.record.quarters[0].offers[0].accepted
    lawmaker_saw = visible_outcomes(game.log[1], "lawmaker", game.rules)
    assert not [o for o in lawmaker_saw if o.kind == "deal"]
