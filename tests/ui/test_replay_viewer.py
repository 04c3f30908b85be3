"""Pilot tests of the replay viewer: step, jump, the quarter revealed, branch, compare."""

from __future__ import annotations

import asyncio
import functools
import io
from pathlib import Path

import pytest
from rich.console import Console

from game.core.state import Order
from game.match import Match
from game.saves.loading import load_game
from game.saves.store import write_save
from game.ui.app import SiliconCurtainApp
from game.ui.screens.compare import CompareScreen
from game.ui.screens.replay import ReplayScreen

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def pilot_test(fn):
    """Run an async test on its own event loop (no async plugin in the test set-up)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


def text_of(widget) -> str:
    """What a Static shows, as plain text."""
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(widget.content)
    return out.getvalue()


@pytest.fixture
def parent(tmp_path, mini, mini_content):
    """A finished bot game of the mini world, saved as game.toml."""
    match = Match.start(mini, 7, {}, mini_content.fingerprint)
    match.play_out()
    path = tmp_path / "game.toml"
    write_save(match, path)
    return path


async def open_viewer(pilot, path, content):
    pilot.app.content = content
    pilot.app.push_screen(ReplayScreen(load_game(path, content)))
    await pilot.pause()
    return pilot.app.screen


@pilot_test
async def test_step_forward_and_back_through_the_quarters(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        assert screen.position == 1
        await pilot.press("right", "right")
        assert screen.position == 3
        assert "Q3 of 6" in text_of(screen.query_one("#where"))
        await pilot.press("left")
        assert screen.position == 2
        await pilot.press("end")
        assert screen.position == 7
        assert "End: Time runs out (after Q6)" in text_of(screen.query_one("#where"))
        await pilot.press("right")  # nothing after the end
        assert screen.position == 7
        await pilot.press("home", "left")  # nor before the start
        assert screen.position == 1


@pilot_test
async def test_jump_to_a_quarter(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        await pilot.press("g", "5", "enter")
        assert screen.position == 5
        await pilot.press("g", "9", "enter")  # there is no quarter 9: stay, and say so
        assert screen.position == 5
        assert any("quarters 1 to 7" in n.message for n in app._notifications)


@pilot_test
async def test_each_quarter_shows_its_dashboard_events_and_every_seats_orders(parent, mini, mini_content):
    loaded = load_game(parent, mini_content)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        for p in (1, 2, 4):
            screen.action_go_to(p)
            await pilot.pause()
            board, happened = text_of(screen.query_one("#board")), text_of(screen.query_one("#happened"))
            state = loaded.run.states[p - 1]  # the dashboard as the seats faced quarter p
            assert f"Tension {mini.track('tension').format(state.value(mini, 'tension'))}" in " ".join(board.split())
            assert "Only Vendor CEO sees" in board and "Hidden from every seat" in board
            for order in loaded.record.quarters[p - 1].orders:  # every seat's orders, revealed
                assert mini.seat(order.seat).name in happened
                for action in order.actions:
                    assert mini.action(action).name in happened
            for order in loaded.record.quarters[p - 1].orders:  # the random bots' reasons too
                assert f"why: {order.reason}" in " ".join(happened.split())
            for outcome in loaded.run.outcomes_of(p):
                if outcome.kind == "event":
                    assert outcome.text in happened


@pilot_test
async def test_branch_here_starts_a_new_game_saved_beside_its_parent(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        await pilot.press("right", "right", "b")
        panel = screen.query_one("#branch")
        assert panel.display
        panel.query_one("#branch-seats").select("regulator")
        await pilot.click("#branch-start")
        await app.workers.wait_for_complete()
        await pilot.pause()
        match = app.session.match
        assert match.save_path == parent.parent / "game-branch-q3.toml"
        assert (match.record.parent, match.record.branch_quarter) == ("game.toml", 3)
        assert match.seats["regulator"] == "human" and match.seats["vendor"] == "bot:random"
        assert match.state.quarter == 3
        assert not isinstance(app.screen, ReplayScreen)  # the game goes on in the game's screens


@pilot_test
async def test_a_branch_with_bots_only_is_refused(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_viewer(pilot, parent, mini_content)
        await pilot.press("b")
        await pilot.click("#branch-start")
        await pilot.pause()
        assert app.session is None
        assert not (parent.parent / "game-branch-q1.toml").exists()
        assert any("at least one seat" in n.message for n in app._notifications)
        await pilot.press("escape")  # closes the panel, not the viewer
        assert isinstance(app.screen, ReplayScreen) and not app.screen.query_one("#branch").display


@pilot_test
async def test_no_branch_from_the_end(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        await pilot.press("end", "b")
        assert not screen.query_one("#branch").display


async def play_branch_quarter(pilot, regulator_actions):
    """Play the branch's first quarter through the app: the regulator's new orders go in."""
    app = pilot.app
    while app.session.current.kind != "orders":
        app.advance()
        await pilot.pause()
    app.submit_orders(Order("regulator", regulator_actions))
    await pilot.pause()


@pilot_test
async def test_a_branch_plays_on_and_compares_with_its_parent(parent, mini, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        await pilot.press("right", "right", "b")
        screen.query_one("#branch-seats").select("regulator")
        await pilot.click("#branch-start")
        await app.workers.wait_for_complete()
        await pilot.pause()
        branch_path = app.session.match.save_path
        await play_branch_quarter(pilot, ("summit",))  # what if the regulator had called a summit in Q3?
        assert len(load_game(branch_path, mini_content).record.quarters) == 3  # autosaved

        app.session = None
        branch = await open_viewer(pilot, branch_path, mini_content)
        assert "A branch of game.toml" in text_of(branch.query_one("#note"))
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert compare.comparison.diverged == 3
        assert "First divergence at the end of Q3 2026-Q3" in text_of(compare.query_one("#summary"))
        table = compare.query_one("#tracks")
        assert table.row_count == 7 and table.cursor_row == 3
        assert str(table.get_cell_at((3, 0))) == "◆Q3"
        assert "Tension" in text_of(compare.query_one("#trends"))
        await pilot.press("escape")
        assert app.screen is branch


@pilot_test
async def test_the_parent_compares_with_its_newest_branch(parent, mini_content):
    from game.saves.branch import start_branch

    run = load_game(parent, mini_content).run
    match = start_branch(run, parent, 2, {"lawmaker": "human"}, mini_content.fingerprint)
    match.play({"lawmaker": Order("lawmaker", ())})
    write_save(match, match.save_path)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_viewer(pilot, parent, mini_content)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.branch_name == "game-branch-q2.toml" and app.screen.parent_name == "game.toml"


@pilot_test
async def test_compare_without_a_branch_says_how_to_make_one(parent, mini_content):
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_viewer(pilot, parent, mini_content)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert any("no branch yet" in n.message for n in app._notifications)


@pilot_test
async def test_a_save_replayed_anyway_on_other_content_shows_where_it_stops(parent, tmp_path):
    import shutil

    from game.content import load

    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    actions = other / "actions" / "actions.toml"
    actions.write_text(actions.read_text().replace('id = "ship"', 'id = "export"'))
    content = load(other)
    loaded = load_game(parent, content, anyway=True)
    stop = loaded.run.quarters + 1  # the first quarter whose orders ship chips
    app = SiliconCurtainApp(content_root=other)
    async with app.run_test(size=(80, 24)) as pilot:
        app.content = content
        app.push_screen(ReplayScreen(loaded))
        await pilot.pause()
        screen = app.screen
        assert "Made with other content" in text_of(screen.query_one("#note"))
        assert f"The replay stops at Q{stop}: these rules refuse an order: vendor: unknown action 'ship'" in text_of(
            screen.query_one("#note")
        )
        await pilot.press("end")
        assert screen.position == stop
        assert "the replay stops here" in text_of(screen.query_one("#where"))
        assert "ship" in text_of(screen.query_one("#happened"))  # the saved orders, as the file has them
