"""The load, replay and compare screens at 80×24: nothing cut with "…", the footer whole,
and the words of a finished game's last step (issue 15)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from game_pilot import pilot_test
from rich.console import Console

from game.core.state import Intervention, Order
from game.match import Match
from game.saves.branch import compare, start_branch
from game.saves.loading import load_game
from game.saves.store import saves_dir, write_save
from game.ui.app import SiliconCurtainApp
from game.ui.screens.compare import CompareScreen
from game.ui.screens.load import REPLAY, LoadScreen
from game.ui.screens.replay import ReplayScreen
from game.ui.widgets.replay_quarter import intervention_text

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def screen_text(app) -> list[str]:
    """The screen as plain lines, as a terminal shows it."""
    w, h = app.size
    out = io.StringIO()
    Console(file=out, width=w, height=h, color_system=None).print(app.screen._compositor.render_update(full=True))
    return out.getvalue().splitlines()


@pytest.fixture
def games(mini, mini_content):
    """A finished game with a long file name, a branch of it that differs, both saved."""
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    match = Match.start(mini, 7, {}, mini_content.fingerprint)
    match.play_out()
    parent = write_save(match, folder / "autosave-mini-7-a-class-of-thirty-students.toml")
    run = load_game(parent, mini_content).run
    branch = start_branch(run, parent, 3, {"regulator": "human"}, mini_content.fingerprint)
    branch.play({"regulator": Order("regulator", ("summit",))})
    branch.play_out()
    write_save(branch, branch.save_path)
    return parent, branch.save_path


def assert_fits(lines: list[str], keys: tuple[str, ...]) -> None:
    text = "\n".join(lines)
    assert "…" not in text, text
    footer = lines[-1]
    for key in keys:
        assert key in footer, (key, footer)


@pilot_test
async def test_load_replay_and_compare_fit_80_by_24(games, mini_content):
    parent, branch = games
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        app.content = mini_content
        await pilot.pause()
        await app.push_screen(LoadScreen(REPLAY))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = screen_text(app)
        assert_fits(lines, ("esc Back", "f1 Help"))
        assert "ended (time)" in "\n".join(lines)
        await app.pop_screen()

        parent_run = load_game(parent, mini_content)
        await app.push_screen(ReplayScreen(parent_run))
        await pilot.pause()
        assert_fits(screen_text(app), ("n Next", "p Back", "b Branch", "c Compare", "esc Close", "f1 Help"))
        await pilot.press("end")
        await pilot.pause()
        lines = screen_text(app)
        assert_fits(lines, ("n Next", "esc Close"))
        said = str(app.screen.query_one("#happened").content)
        assert "never played" not in said and "Nothing happened" not in said
        assert said.startswith("The game ended after Q6: Time runs out.")
        assert "End of the game" in "\n".join(lines[:6])  # the board says which point it shows

        await app.push_screen(CompareScreen(compare(parent_run.run, load_game(branch, mini_content).run), "p", "b"))
        await pilot.pause()
        lines = screen_text(app)
        assert_fits(lines, ("esc Back to the replay",))
        text = " ".join(" ".join(lines).split())
        assert "end of that quarter, before the next quarter's news" in text
        assert "First divergence at the end of Q3" in text
        assert "→" in text  # parent → branch where they differ


def test_a_set_intervention_names_the_track(mini):
    item = Intervention("set", track="tension", value=60, note="a leak")
    assert intervention_text(mini, item) == "set Tension to 60% — a leak"


def test_a_chart_of_a_match_shows_the_end_of_each_quarter(mini, mini_content):
    from game.ui.widgets.chart import TrackChart

    match = Match.start(mini, 3, {}, mini_content.fingerprint)
    match.play_out()
    chart = TrackChart.of_match(mini, mini.track("tension"), match)
    assert chart.values == [s.value(mini, "tension") for s in match.settled]
    assert chart.axis == "end of quarter (0: start)"
