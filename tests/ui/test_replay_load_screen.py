"""Pilot tests of the load screen: the saves listed, resumed, replayed, refused, or offered anyway."""

from __future__ import annotations

import asyncio
import functools
import os
import shutil
from pathlib import Path

import pytest

from game.content import load
from game.match import Match
from game.saves.store import autosave, saves_dir
from game.ui.app import SiliconCurtainApp
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.replay import ReplayScreen
from game.ui.screens.title import TitleScreen

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def pilot_test(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


@pytest.fixture
def saves(mini, mini_content):
    """Three autosaves, oldest first: in progress at Q3, finished, and damaged."""
    playing = Match.start(mini, 1, {"vendor": "human"}, mini_content.fingerprint)
    playing.play()
    playing.play()
    finished = Match.start(mini, 2, {}, mini_content.fingerprint)
    finished.play_out()
    paths = [autosave(playing), autosave(finished)]
    damaged = saves_dir() / "damaged.toml"
    damaged.write_bytes(paths[0].read_bytes()[:300])
    paths.append(damaged)
    for age, path in zip((300, 200, 100), paths):
        os.utime(path, (path.stat().st_mtime - age,) * 2)
    return playing, finished, paths


async def open_load(pilot, mode):
    pilot.app.push_screen(LoadScreen(mode))
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


async def choose(pilot, row: int):
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pilot_test
async def test_saves_are_listed_newest_first(saves):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_load(pilot, "resume")
        table = screen.query_one("#saves")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[1] for r in rows] == ["damaged.toml", "autosave-mini-2.toml", "autosave-mini-1.toml"]
        assert rows[0][3] == "cannot be opened"
        assert rows[1][2:4] == ["mini", f"ended ({saves[1].state.ending})"]
        assert rows[2][2:] == ["mini", "at Q3"]  # the seats are in the line below the table
        assert "is cut short" in str(screen.query_one("#problem").content)  # the highlighted row says why
        await pilot.press("down")
        assert str(screen.query_one("#problem").content) == ""
        assert str(screen.query_one("#detail").content) == (
            f"autosave-mini-2.toml: mini, ended ({saves[1].state.ending}); "
            "seats: vendor random bot, lawmaker random bot, regulator random bot"
        )


@pilot_test
async def test_resume_a_game_in_progress(saves):
    playing, _, paths = saves
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_load(pilot, "resume")
        await choose(pilot, 2)
        match = app.session.match
        assert match.state == playing.state and match.record == playing.record
        assert match.save_path == paths[0]
        assert not isinstance(app.screen, LoadScreen)


@pilot_test
async def test_replay_opens_the_viewer_in_place_of_the_list(saves):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_load(pilot, "replay")
        await choose(pilot, 1)
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.run.states[-1] == saves[1].state
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)


@pilot_test
async def test_a_damaged_save_is_refused_and_left_as_it_was(saves):
    damaged = saves[2][2]
    before = damaged.read_bytes()
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_load(pilot, "resume")
        await choose(pilot, 0)
        assert app.screen is screen and app.session is None
        assert any("damaged.toml: is cut short" in n.message for n in app._notifications)
    assert damaged.read_bytes() == before


@pilot_test
async def test_a_save_that_does_not_replay_is_refused(saves):
    path = saves[2][0]
    mtime = path.stat().st_mtime
    text = path.read_text()
    path.write_text(text.replace(f'digest = "{saves[0].record.quarters[1].digest}"', 'digest = "0000000000000000"'))
    os.utime(path, (mtime, mtime))  # still the oldest: the last row
    before = path.read_bytes()
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_load(pilot, "resume")
        await choose(pilot, 2)
        assert app.session is None
        assert "does not replay to the game it records: first divergence at Q2" in str(
            screen.query_one("#problem").content
        )
    assert path.read_bytes() == before


@pilot_test
async def test_a_save_from_other_content_is_offered_anyway(saves, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    rules = other / "rules.toml"
    rules.write_text(rules.read_text().replace("tension = 40", "tension = 45"))
    app = SiliconCurtainApp(content_root=other)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_load(pilot, "resume")
        await choose(pilot, 2)
        offer = app.screen
        assert isinstance(offer, ConfirmScreen)
        assert "other content" in offer.question and "digest differs is the start" in offer.question
        assert offer.yes == "Replay anyway"  # it cannot be resumed: the states differ
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.loaded.other_content
        assert "Made with other content" in str(app.screen.query_one("#note").content)


@pilot_test
async def test_other_content_with_every_digest_matching_resumes_anyway(saves, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    events = other / "events" / "events.toml"
    events.write_text(events.read_text().replace('title = "Talks open"', 'title = "Talks begin"'))
    app = SiliconCurtainApp(content_root=other)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_load(pilot, "resume")
        await choose(pilot, 2)
        assert app.screen.yes == "Resume anyway"
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.match.state == saves[0].state
        assert app.session.match.record.content == load(other).fingerprint


@pilot_test
async def test_no_saves_yet():
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_load(pilot, "replay")
        assert "No saved games yet" in str(screen.query_one("#problem").content)


@pilot_test
async def test_hostile_files_are_listed_as_unreadable_and_shown_as_named(saves):
    """A file whose name holds markup and an escape sequence, a FIFO and a save whose scenario
    is `[/oops]`: each is a row that cannot be opened, said without markup or control
    characters; the good games beside them still open (issue 20)."""
    folder = saves_dir()
    odd = folder / "[bold]x[on red\x1b]0;pwned\x07.toml"
    odd.write_text("not a save")
    os.mkfifo(folder / "pipe.toml")
    (folder / "oops.toml").write_text(saves[2][0].read_text().replace('scenario = "mini"', 'scenario = "[/oops]"'))
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_load(pilot, "resume")
        table = screen.query_one("#saves")
        rows = {str(table.get_row_at(i)[1]): [str(c) for c in table.get_row_at(i)] for i in range(table.row_count)}
        assert rows["[bold]x[on red␛]0;pwned␇.toml"][3] == "cannot be opened"
        assert rows["pipe.toml"][3] == rows["oops.toml"][3] == "cannot be opened"
        assert rows["autosave-mini-1.toml"][2:] == ["mini", "at Q3"]
        for _ in range(table.row_count):  # highlight and try to open each: no crash
            await choose(pilot, 0)
            assert app.session is None or app.session.match is not None
            if app.session is not None:
                break
            await pilot.press("down")
        messages = " ".join(n.message for n in app._notifications)
        assert "\x1b" not in messages and "\x07" not in messages
        assert app._exception is None
