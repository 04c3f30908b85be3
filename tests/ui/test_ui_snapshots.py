"""Pictures of every screen of a game at 80x24, 100x30 and 120x40, on the shipped quickplay
scenario with a fixed seed; and, on each, what a player reads checked in words: no raw
expression syntax or "(s)" (`wording_scan`), no text cut short with "…", the focused control
on screen.

Regenerate after a deliberate change with `pytest tests/ui/test_ui_snapshots.py
--snapshot-update` and look at the SVG files in __snapshots__ before committing them.
"""

from __future__ import annotations

import pytest
from game_pilot import SEED, new_game_of, next_keys, play_to_end, screen_name, wait_until
from wording_scan import wording_problems

from game.core.state import Order
from game.table import Tables
from game.ui.app import SiliconCurtainApp

SIZES = [(80, 24), (100, 30), (120, 40)]
SCENARIO = "quickplay"


def app() -> SiliconCurtainApp:
    return SiliconCurtainApp(seed=SEED)  # the shipped content: the words players read


def screen_lines(app) -> list[str]:
    """The screen as the terminal shows it, a string a line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def checked(pilot, name: str) -> None:
    """On screen `name`: every rendered line in words, none cut short, the focus in view."""
    app = pilot.app
    await pilot.pause()
    assert screen_name(app) == name, f"on {screen_name(app)}, wanted {name}"
    text = "\n".join(screen_lines(app))
    assert not wording_problems(text), wording_problems(text)
    assert "…" not in text, f"text cut short on {name}:\n{text}"
    focused = app.focused
    if focused is not None and focused.screen is app.screen:
        assert focused in app.screen._compositor.visible_widgets, f"{focused!r} is focused off screen on {name}"


async def new_game(pilot, humans=("vendor",), facilitator: bool = False) -> None:
    await new_game_of(pilot, SCENARIO, humans, facilitator=facilitator)


async def play_until(pilot, name: str, limit: int = 60) -> None:
    """Keys as a player presses them until screen `name`."""
    app = pilot.app
    for _ in range(limit):
        if screen_name(app) == name:
            return
        step = app.session.current if app.session else None
        await pilot.press(*next_keys(app, screen_name(app), step))
        await pilot.pause()
    raise AssertionError(f"never reached {name}; on {screen_name(app)}")


# -- one driver a screen -----------------------------------------------------------------------


async def title(pilot):
    await checked(pilot, "TitleScreen")


async def new_game_form(pilot):
    await new_game(pilot, humans=("vendor", "lawmaker"))
    await checked(pilot, "NewGameScreen")


async def intro(pilot):
    await new_game(pilot)
    await pilot.press("ctrl+s")
    await play_until(pilot, "IntroScreen")
    await checked(pilot, "IntroScreen")


async def handoff(pilot):
    await new_game(pilot, humans=("vendor", "regulator"))
    await pilot.press("ctrl+s")
    await play_until(pilot, "HandoffScreen")
    await checked(pilot, "HandoffScreen")


async def briefing(pilot):
    await new_game(pilot)
    await pilot.press("ctrl+s")
    await play_until(pilot, "BriefingScreen")
    await checked(pilot, "BriefingScreen")


async def news(pilot):
    await new_game(pilot, humans=("vendor",))
    await pilot.press("ctrl+s")
    await play_until(pilot, "QuarterScreen")
    assert pilot.app.screen.query(".choice"), "the picture needs a decision: pick a seat or seed with one"
    await pilot.press("enter")  # to the decision, as a player would
    await checked(pilot, "QuarterScreen")


async def talks(pilot):
    await new_game(pilot)
    await pilot.press("ctrl+s")
    await play_until(pilot, "TalksScreen")
    assert pilot.app.session.offers, "the picture needs an offer to answer: a smart bot makes one"
    await checked(pilot, "TalksScreen")


async def new_offer(pilot):
    from textual.widgets import OptionList

    await talks(pilot)
    await pilot.press("m")
    await pilot.pause()
    choices = pilot.app.screen.query_one("#choices", OptionList)
    choices.highlighted = choices.get_option_index("regulator")
    await pilot.press("enter")  # the deals the vendor may offer the regulator
    await checked(pilot, "OfferScreen")


async def orders(pilot):
    await new_game(pilot)
    await pilot.press("ctrl+s")
    await play_until(pilot, "OrdersScreen")
    await pilot.press("space")  # the first action chosen, so the picture shows a choice made
    await checked(pilot, "OrdersScreen")


async def confirm(pilot):
    await orders(pilot)
    await pilot.press("s")
    await checked(pilot, "ConfirmScreen")


async def report(pilot):
    await confirm(pilot)
    await pilot.press("y")
    await pilot.pause(0.5)
    await checked(pilot, "ReportScreen")


async def end(pilot):
    await new_game(pilot)
    await pilot.press("ctrl+s")
    await play_to_end(pilot)
    await checked(pilot, "EndScreen")


async def debrief(pilot):
    await end(pilot)
    await pilot.press("d")
    await checked(pilot, "DebriefScreen")


async def console(pilot):
    await new_game(pilot, humans=(), facilitator=True)
    await pilot.press("ctrl+s")
    await play_until(pilot, "QuarterScreen")
    await pilot.press("n")
    await checked(pilot, "FacilitatorScreen")


async def help_keys(pilot):
    await orders(pilot)
    await pilot.press("f1")
    await checked(pilot, "HelpScreen")


async def help_rules(pilot):
    await help_keys(pilot)
    await pilot.press("r")
    await checked(pilot, "HelpScreen")


async def table_join(pilot):
    await pilot.press("t")
    app = pilot.app
    await wait_until(
        pilot,
        lambda: screen_name(app) == "TableJoinScreen" and app.screen.query("HeaderTitle") and app.screen.query("#code"),
        "the join screen",
    )
    await pilot.app.workers.wait_for_complete()
    from textual.widgets import Input

    for box in app.screen.query(Input):  # a blinking cursor is caught on or off by chance
        box.cursor_blink = False
    await pilot.pause(0.3)
    await checked(pilot, "TableJoinScreen")


# -- saved games: a finished quickplay game and a branch of it, saved at a fixed time -----------

SAVED_AT = 1_767_225_600  # 2026-01-01 00:00 UTC: the load screen shows when a save was made


def saved_games(app) -> tuple:
    """A finished game, and a branch of it from Q3 that differs, saved in the test's saves."""
    import os

    from game.content import DEFAULT_CONTENT, load
    from game.core.state import Order
    from game.match import Match
    from game.saves.branch import start_branch
    from game.saves.loading import load_game
    from game.saves.store import saves_dir, write_save

    content = load(app.content_root or DEFAULT_CONTENT)
    rules = content.scenario(SCENARIO)
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    match = Match.start(rules, SEED, {}, content.fingerprint)
    match.play_out()
    parent = write_save(match, folder / f"autosave-{SCENARIO}-{SEED}.toml")
    branch = start_branch(load_game(parent, content).run, parent, 3, {"regulator": "human"}, content.fingerprint)
    branch.play({"regulator": Order("regulator")})
    branch.play_out()
    write_save(branch, branch.save_path)
    for path in (parent, branch.save_path):
        os.utime(path, (SAVED_AT, SAVED_AT))
    app.content = content
    return content, parent, branch.save_path


async def load_list(pilot):
    from game.ui.screens.load import RESUME, LoadScreen

    saved_games(pilot.app)
    await pilot.app.push_screen(LoadScreen(RESUME))
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await checked(pilot, "LoadScreen")


async def replay(pilot):
    from game.saves.loading import load_game
    from game.ui.screens.replay import ReplayScreen

    content, parent, _ = saved_games(pilot.app)
    await pilot.app.push_screen(ReplayScreen(load_game(parent, content)))
    await pilot.press("n", "n")  # on to Q2
    await checked(pilot, "ReplayScreen")


async def compare_branch(pilot):
    from game.saves.branch import compare
    from game.saves.loading import load_game
    from game.ui.screens.compare import CompareScreen

    content, parent, branch = saved_games(pilot.app)
    runs = load_game(parent, content).run, load_game(branch, content).run
    await pilot.app.push_screen(CompareScreen(compare(*runs), parent.name, branch.name))
    await checked(pilot, "CompareScreen")


async def table_open(pilot):
    await table_join(pilot)
    await pilot.press("ctrl+o")
    await pilot.pause(0.3)
    await checked(pilot, "TableOpenScreen")


async def table_console(pilot):
    from textual.widgets import Input

    await table_open(pilot)
    pilot.app.screen.query_one("#open-seed", Input).value = str(SEED)
    await pilot.press("ctrl+s")
    await pilot.pause(0.5)
    await checked(pilot, "TableFacilitatorScreen")


SCREENS = {
    f.__name__: f
    for f in (
        title,
        new_game_form,
        intro,
        handoff,
        briefing,
        news,
        talks,
        new_offer,
        orders,
        confirm,
        report,
        end,
        debrief,
        console,
        help_keys,
        help_rules,
        table_join,
        load_list,
        replay,
        compare_branch,
        table_open,
        table_console,
    )
}


@pytest.fixture(autouse=True)
def same_places(monkeypatch, tmp_path):
    """Saves in ./saves of a folder of the test's own: the load screen shows where it looks,
    as a path relative to where the player is."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SILICON_CURTAIN_SAVES", str(tmp_path / "saves"))


@pytest.fixture(autouse=True)
def same_table_codes(monkeypatch):
    """Pictures of tables need the same code and keys each run; the game takes them from `secrets`."""
    from game.table import table as table_module

    monkeypatch.setattr(table_module, "new_code", lambda: "K7Q-2M")
    monkeypatch.setattr(table_module, "new_key", lambda: "12345678")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, screen, size):
    assert snap_compare(app(), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_waiting_at_a_table(snap_compare, size, tmp_path):
    """A team at a table, its orders in, waiting for the others."""
    tables = Tables(tmp_path / "tables.sqlite3")
    table, _ = tables.open(SCENARIO, {"vendor": "human", "lawmaker": "human"}, seed=SEED)
    key = tables.take(table.code, "vendor")

    async def waiting(pilot):
        from game.ui.screens.table_join import sit

        sit(pilot.app, tables, "vendor", key, tables.reading(table.code, "vendor"))
        await pilot.pause(0.3)
        await play_until(pilot, "WaitingScreen")
        await checked(pilot, "WaitingScreen")

    assert snap_compare(app(), terminal_size=size, run_before=waiting)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_projector(snap_compare, size, tmp_path):
    """A table on the projector, one quarter resolved: the code, who has ordered, the public news."""
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open(SCENARIO, {"vendor": "human", "lawmaker": "human"}, seed=SEED)
    key = tables.take(table.code, "vendor")
    tables.force(table.code, fkey, 1)
    tables.submit(table.code, "vendor", key, 2, Order("vendor"))

    async def projector(pilot):
        from game.ui.screens.projector import ProjectorScreen

        reading = tables.reading(table.code)
        await pilot.app.push_screen(ProjectorScreen(tables, table.code, reading.table, reading.game))
        await pilot.pause(0.3)
        await checked(pilot, "ProjectorScreen")

    assert snap_compare(app(), terminal_size=size, run_before=projector)
