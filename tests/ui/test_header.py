"""The game's header lets a title change pass when its title widget is already gone (a screen
closing as a table reading lands): Textual's own stopped the app with NoMatches."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from game.ui.widgets.header import GameHeader


def _app(header_class):
    class Titled(App):
        def compose(self):
            yield header_class()

    return Titled()


async def _retitle_without_title_widget(app) -> None:
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.query_one(HeaderTitle).remove()
        app.screen.title = "Q2 of 6"
        app.screen.sub_title = "Vendor CEO"
        await pilot.pause()
        await pilot.pause()


def test_a_title_change_after_the_title_widget_is_gone_passes():
    app = _app(GameHeader)
    asyncio.run(_retitle_without_title_widget(app))
    assert app.return_code in (None, 0) and app._exception is None


def test_textuals_own_header_is_what_needed_it():
    app = _app(Header)
    with pytest.raises(Exception, match="HeaderTitle"):
        asyncio.run(_retitle_without_title_widget(app))


def test_the_game_header_still_shows_the_title():
    async def run():
        app = _app(GameHeader)
        async with app.run_test() as pilot:
            app.screen.title = "Vendor CEO"
            app.screen.sub_title = "Q2 of 6"
            await pilot.pause()
            return str(app.query_one(HeaderTitle).render())

    assert "Vendor CEO" in asyncio.run(run())
