"""A screen's stylesheet styles that screen only.

Textual adds every screen's CSS_PATH to one app-wide stylesheet, and screens reuse ids
(#buttons, #body, #tracks...): an unscoped rule in one screen's sheet restyles the others
once that screen has been opened.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from game_pilot import new_app, open_new_game, pilot_test, screen_name
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.geometry import Spacing
from textual.screen import Screen
from textual.widgets import Button

import game.ui.screens as screens
from game.ui.app import SiliconCurtainApp
from game.ui.screens.confirm import ConfirmScreen


def screens_with_sheets():
    """(screen class, its .tcss path) for every screen that has a stylesheet of its own."""
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for cls in vars(module).values():
            if (
                inspect.isclass(cls)
                and issubclass(cls, Screen)
                and cls.__module__ == module.__name__
                and "CSS_PATH" in vars(cls)
            ):
                yield cls, Path(module.__file__).with_name(cls.CSS_PATH)


def test_every_rule_of_a_screen_sheet_starts_with_its_screen():
    found = list(screens_with_sheets())
    assert len(found) >= 20  # every screen of the game and the table has a sheet
    variables = SiliconCurtainApp().get_css_variables()
    unscoped = []
    for cls, path in found:
        sheet = Stylesheet(variables=variables)
        sheet.read(path)
        sheet.parse()
        assert sheet.rules, path
        for rule in sheet.rules:
            for selectors in rule.selector_set:
                first = selectors.selectors[0]
                if not (first.type == SelectorType.TYPE and first.name == cls.__name__):
                    unscoped.append(f"{path.name}: {selectors.css}")
    assert not unscoped


@pilot_test
async def test_shared_ids_keep_their_own_screens_styles_through_a_session():
    # Three screens reuse ids: the dialog centres its #buttons row and spaces its buttons 0 1,
    # the new-game form leaves its row left-aligned with 2 after each button, and the intro's
    # #seed line has a margin above that would push the form's one-line #seed input out of
    # its row. Each screen's sheet is loaded on first opening, so the order matters: a dialog
    # from the title, a new game, leaving it through the dialog, then a second new game.
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ConfirmScreen("Delete this save?"))
        await pilot.pause()
        assert app.screen.query_one("#buttons").styles.align_horizontal == "center"
        assert {b.styles.margin for b in app.screen.query(Button)} == {Spacing(0, 1, 0, 1)}
        await pilot.press("escape")
        await pilot.pause()

        await open_new_game(pilot)
        buttons = app.screen.query_one("#buttons")
        assert buttons.styles.align_horizontal == "left"
        assert {b.styles.margin for b in buttons.query(Button)} == {Spacing(0, 2, 0, 0)}
        for seat in ("vendor", "lawmaker", "regulator"):
            app.screen.choose(f"seat-{seat}", "human" if seat == "vendor" else "bot:random")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "IntroScreen"
        assert app.screen.query_one("#seed").styles.margin == Spacing(1, 0, 0, 0)

        app.action_leave_game()
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        assert {b.styles.margin for b in app.screen.query(Button)} == {Spacing(0, 1, 0, 1)}
        await pilot.press("y")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"

        await open_new_game(pilot)
        seed = app.screen.query_one("#seed")
        assert seed.styles.margin == Spacing(0, 0, 0, 0)
        assert seed.region.height == 1 and seed.region.y == seed.parent.region.y  # on its row
        buttons = app.screen.query_one("#buttons")
        assert buttons.styles.align_horizontal == "left"
        assert {b.styles.margin for b in buttons.query(Button)} == {Spacing(0, 2, 0, 0)}
