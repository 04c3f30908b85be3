"""Pilot tests of the replay viewer's what-if: bot games from the quarter shown, drawn in the
terminal, played in a worker with a progress bar."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console
from test_replay_viewer import open_viewer, pilot_test

from game.match import Match
from game.saves.store import write_save
from game.ui.app import SiliconCurtainApp
from game.ui.screens.whatif import WhatIfScreen
from game.ui.widgets.fan_chart import fan_text

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def parent(tmp_path, mini, mini_content):
    """A finished random-bot game of the mini world, saved."""
    match = Match.start(mini, 7, {}, mini_content.fingerprint)
    match.play_out()
    return write_save(match, tmp_path / "game.toml")


def text_of(widget) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(widget.content)
    return out.getvalue()


async def finished(pilot, screen: WhatIfScreen) -> None:
    for _ in range(200):
        if screen.result is not None:
            return
        await asyncio.sleep(0.05)
        await pilot.pause()
    raise AssertionError("the what-if games did not finish")


@pilot_test
async def test_w_plays_games_from_the_quarter_shown_and_draws_fans(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(100, 50)) as pilot:
        viewer = await open_viewer(pilot, parent, mini_content)
        await pilot.press("right", "right")  # Q3
        assert "What if" in str(app.screen.active_bindings.get("w").binding.description)
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WhatIfScreen) and screen.quarter == viewer.position == 3
        assert "from the start of Q3" in text_of(screen.query_one("#whatif-heading"))
        await finished(pilot, screen)
        w = screen.result
        assert w.games == 60 and w.from_quarter == 3
        assert w.fans and all(f.labels[0] == "Q2" for f in w.fans)  # from where Q2 left the game
        endings = text_of(screen.query_one("#whatif-endings"))
        assert "Share of games" in endings and "of 60 games from the start of Q3" in endings
        fans = text_of(screen.query_one("#whatif-fans"))
        assert "this game" in fans and "●" in fans and "░" in fans
        assert "Q3: each seat's order against a smart bot's" in text_of(screen.query_one("#whatif-decisions"))
        assert not screen.query_one("#whatif-progress").display
        await pilot.press("escape")
        assert app.screen is viewer


@pilot_test
async def test_closing_before_the_games_finish_stops_them(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(100, 50)) as pilot:
        viewer = await open_viewer(pilot, parent, mini_content)
        app.push_screen(WhatIfScreen(viewer.loaded, 1, games=5000))
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is viewer and screen.closing
        assert await asyncio.to_thread(screen.done.wait, 20)  # the worker stopped at its next piece
        assert screen.result is None


def test_a_fan_drawn_in_text_spans_its_data():
    from game.report.whatif import Fan

    fan = Fan("revenue", "Revenue", "$bn", ("Start", "Q1", "Q2"), (0, 1, 2), (0, 2, 4), (0, 3, 6), (0, 4, 5), 0.8)
    lines = fan_text(fan).plain.splitlines()
    assert lines[0] == "Revenue ($bn)"
    assert lines[1].strip().startswith("6") and lines[7].strip().startswith("0")  # the data's range, not 0-100
    assert "●" in lines[1] or "●" in lines[2]  # the game's line reaches the top rows
    assert lines[-1].split() == ["Start", "Q1", "Q2"]
