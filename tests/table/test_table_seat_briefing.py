"""A team at a table, as a class meets it: the briefing opens at its top, the quarter opens on
the news with the open decisions first (in a 1280x713 browser tab, about 133x37 cells, and
a 100x30 terminal), and the briefing is a key away from every seat screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from table_pilot import pilot_test, until

from game.content import DEFAULT_CONTENT
from game.core.state import Order
from game.table import Tables
from game.ui.app import SiliconCurtainApp
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.orders import OrdersScreen
from game.ui.screens.quarter import QuarterScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.table_join import sit
from game.ui.screens.talks import TalksScreen
from game.ui.screens.waiting import WaitingScreen

SEED = 42  # the vendor's first quarter asks two decisions of it


def on_screen(app) -> str:
    """What the terminal shows now, the visible part of every scrolled panel only."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def at_table(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open(
        "quickplay", {"vendor": "human", "lawmaker": "human"}, content_root=DEFAULT_CONTENT, seed=SEED
    )
    return tables, table, fkey, tables.take(table.code, "vendor")


@pytest.mark.parametrize("size", [(133, 37), (100, 30)], ids=["browser-1280x713", "terminal-100x30"])
@pilot_test
async def test_a_seat_opens_on_its_briefing_then_on_the_news_with_its_decisions_first(tmp_path, size):
    tables, table, _, key = at_table(tmp_path)
    app = SiliconCurtainApp(content_root=Path(table.content_root))
    async with app.run_test(size=size) as pilot:
        sit(app, tables, "vendor", key, tables.reading(table.code, "vendor"))
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), what="the briefing")
        await pilot.pause(0.2)
        shown = on_screen(app)
        assert "Your briefing: Vendor CEO" in shown and "Who you are" in shown  # its top, not its button
        body = app.screen.query_one("#levers").render()
        rules = app.session.rules
        assert all(a.name in str(body) for a in rules.actions_of("vendor"))  # what it can do
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, QuarterScreen), what="the news")
        await pilot.pause(0.2)
        shown = on_screen(app)
        decisions = app.screen.seat_view.choices
        assert len(decisions) == 2
        first = rules.event(decisions[0])
        assert "2 decisions to take before your orders" in shown
        assert f"Your decision: {first.title}"[:30] in shown.replace("\n│ ", " ")
        assert first.text.split()[0] in shown  # the news that asks it, above its options
        assert first.options[0].label in shown
        assert app.screen.query_one("#news").scroll_y == 0


@pilot_test
async def test_the_briefing_is_a_key_away_from_every_seat_screen_at_a_table(tmp_path):
    tables, table, fkey, key = at_table(tmp_path)
    lawmaker = Tables(tmp_path / "tables.sqlite3")  # another process
    lkey = lawmaker.take(table.code, "lawmaker")
    app = SiliconCurtainApp(content_root=Path(table.content_root))
    async with app.run_test(size=(100, 30)) as pilot:
        sit(app, tables, "vendor", key, tables.reading(table.code, "vendor"))
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), what="the briefing")
        await pilot.press("enter")

        async def briefing_from(kind) -> None:
            await until(pilot, lambda: isinstance(app.screen, kind), what=kind.__name__)
            await pilot.press("b")
            await until(pilot, lambda: isinstance(app.screen, BriefingScreen), what=f"briefing, {kind.__name__}")
            assert app.screen.review and "esc Back" in on_screen(app)
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, kind), what=f"back to {kind.__name__}")

        await briefing_from(QuarterScreen)
        for event_id in app.screen.seat_view.choices:  # the decisions first, as the screen asks
            app.session.draft("vendor").choices[event_id] = app.session.rules.event(event_id).options[0].id
        await pilot.press("o")
        await briefing_from(TalksScreen)
        await pilot.press("o")
        await briefing_from(OrdersScreen)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")  # the orders are final: confirm
        await briefing_from(WaitingScreen)
        lawmaker.submit(table.code, "lawmaker", lkey, 1, Order("lawmaker"))
        await briefing_from(ReportScreen)
