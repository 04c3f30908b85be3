"""Helpers of the table tests that drive the screens with Pilot (tests/table): run an async
test, wait for the screens to catch up, read a widget as plain text."""

from __future__ import annotations

import asyncio
import functools
import io
import time

from rich.console import Console
from textual.css.query import NoMatches
from textual.widgets import Static

from game.ui.screens.report import ReportScreen
from game.ui.screens.table_facilitator import TableFacilitatorScreen


def pilot_test(fn):
    """Run an async Pilot test on its own event loop: the suite needs no asyncio plugin."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


async def until(pilot, condition, seconds: float = 30.0, what: str = "") -> None:
    """Wait for the screens to catch up; a widget not there yet counts as not yet."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except NoMatches:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.05)


def text(widget) -> str:
    """What a widget shows, as plain text."""
    # Boards draw themselves in render(); plain Statics hold what they were given.
    renderable = widget.content if type(widget).render is Static.render else widget.render()
    console = Console(width=160, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def showing(app, screen_class) -> bool:
    """The app shows a screen of this class, fully up: its header and panels mounted."""
    screen = app.screen
    up = isinstance(screen, screen_class) and bool(screen.query("HeaderTitle")) and bool(screen.query("Footer"))
    return up and (screen_class is not ReportScreen or bool(screen.query(".outcomes")))


def console_for(tables, code: str, key: str) -> TableFacilitatorScreen:
    """The facilitator's console of table `code`, as the join screen opens it."""
    reading = tables.reading(code)
    return TableFacilitatorScreen(tables, code, key, reading.table, reading.game)
