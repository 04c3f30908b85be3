"""The main transitions stay fast: each does a stated amount of work, counted, not timed.

Over a game's main transitions (bench's key-to-screen figures time the same ones), the
content is loaded once (by the title's warm-up, before the first key), each key builds the
one screen it shows and no other, a dashboard's table is laid out once, and no key makes
Textual parse a style (it parses every style it has whenever a screen brings a file it has
not read, and a widget class new to the app its own and the ones out of its cache): the
title's warm-up reads them all first.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

import textual.css.stylesheet
from textual.screen import Screen

import game.content
from game.commands.bench_keys import TRANSITIONS
from game.ui.app import SiliconCurtainApp
from game.ui.widgets.dashboard import Dashboard

# Screens with a dashboard: its Rich table is laid out once as the screen comes up (at one
# width: its panel keeps the scrollbar's room, so it is not drawn again when one appears).
WITH_DASHBOARD = {"QuarterScreen"}


def test_each_main_transition_builds_its_screen_only_and_loads_nothing(monkeypatch):
    work: Counter[str] = Counter()
    load, reparse, screen_init = game.content.load, textual.css.stylesheet.Stylesheet.reparse, Screen.__init__
    parse = textual.css.stylesheet.parse
    table = Dashboard._table

    # An earlier test's app may still be warming up in its thread: its loads are not this game's.
    earlier = {t for t in threading.enumerate() if t.name == "warm-up"}

    def counted_load(*args, **kwargs):
        if threading.current_thread() not in earlier:
            work["content loads"] += 1
        return load(*args, **kwargs)

    def counted_reparse(self, *args, **kwargs):
        work["style reparses"] += 1
        return reparse(self, *args, **kwargs)

    def counted_parse(scope, css, read_from, *args, **kwargs):
        work["styles parsed"] += 1
        work[f"parsed {read_from[1] or read_from[0].rsplit('/', 1)[-1]}"] += 1
        return parse(scope, css, read_from, *args, **kwargs)

    def counted_screen(self, *args, **kwargs):
        work[f"built {type(self).__name__}"] += 1
        screen_init(self, *args, **kwargs)

    def counted_table(self, width):
        work["dashboard tables laid out"] += 1
        return table(self, width)

    monkeypatch.setattr(Dashboard, "_table", counted_table)
    monkeypatch.setattr(game.content, "load", counted_load)
    monkeypatch.setattr(textual.css.stylesheet.Stylesheet, "reparse", counted_reparse)
    monkeypatch.setattr(Screen, "__init__", counted_screen)
    monkeypatch.setattr(textual.css.stylesheet, "parse", counted_parse)

    async def play() -> dict[str, Counter[str]]:
        app = SiliconCurtainApp(seed=4242)
        done: dict[str, Counter[str]] = {}
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert await asyncio.to_thread(app.warmed.wait, 60), "the title's warm-up never ended"
            await pilot.pause()
            done["title"] = work.copy()
            for label, key, screen in TRANSITIONS:
                before = work.copy()
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert type(app.screen).__name__ == screen, f"{label}: on {type(app.screen).__name__}"
                done[label] = work - before
        return done

    done = asyncio.run(play())
    title = done.pop("title")
    assert title["content loads"] == 1  # the warm-up's, while the title is read
    assert title["styles parsed"] > 0 and title["style reparses"] == 0  # parsed as the title is read
    for (label, _, screen), did in zip(TRANSITIONS, done.values(), strict=True):
        expected = Counter({f"built {screen}": 1, "dashboard tables laid out": int(screen in WITH_DASHBOARD)})
        assert did == +expected, f"{label} did {dict(did)}"
