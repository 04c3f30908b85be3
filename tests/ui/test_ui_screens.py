"""Single screens and keys: quitting asks first, Continue resumes, the orders screen keeps
the rules, help lists every key, the palette and the theme, broken content said plainly."""

from __future__ import annotations

from game_pilot import SEED, new_app, open_new_game, pilot_test, screen_name, screen_text, start_game, wait_until
from textual.widgets import OptionList

from game.core.state import Order
from game.match import Match
from game.saves.reader import read_record
from game.saves.store import autosave, saves_dir


async def to_orders(pilot, seat_name: str) -> None:
    """Go on with Enter until the orders screen of the only human seat."""
    for _ in range(10):
        if screen_name(pilot.app) == "OrdersScreen":
            return
        await pilot.press("o" if screen_name(pilot.app) == "QuarterScreen" else "enter")
        await pilot.pause()
    raise AssertionError(f"never reached {seat_name}'s orders")


@pilot_test
async def test_quitting_a_game_in_progress_asks_and_autosaves():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor",))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "IntroScreen" and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    saves = list(saves_dir().glob("*.toml"))
    assert len(saves) == 1
    record = read_record(saves[0])
    assert record.seed == SEED and record.quarters == ()


@pilot_test
async def test_quitting_from_the_title_does_not_ask():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert not list(saves_dir().glob("*.toml"))


@pilot_test
async def test_continue_resumes_the_last_autosave(mini_content):
    rules = mini_content.scenario("mini")
    match = Match.start(rules, 99, {"vendor": "human", "lawmaker": "human"}, mini_content.fingerprint)
    match.play({"vendor": Order("vendor", ("lobby",)), "lawmaker": Order("lawmaker", ("hearing",))})
    match.play({})
    autosave(match)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await wait_until(pilot, lambda: screen_name(app) == "IntroScreen", "the resumed game")
        assert "Seed 99; resumed after quarter 2" in screen_text(app)
        assert app.session.humans == ("vendor", "lawmaker")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HandoffScreen" and app.session.current.seat == "vendor"
        assert app.session.match.state.quarter == 3


@pilot_test
async def test_continue_with_no_save_says_so():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"
        assert "No autosaved game" in screen_text(app)


@pilot_test
async def test_orders_refuse_greyed_and_unaffordable_actions_and_keep_the_draft():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("lawmaker",))
        await to_orders(pilot, "lawmaker")
        text = screen_text(app)
        assert "Political capital 2" in text and "2 left" in text
        await pilot.press("space")  # Hold a hearing, cost 2
        await pilot.pause()
        assert app.session.draft("lawmaker").actions == ["hearing"]
        assert "0 left" in screen_text(app) and "over budget" in screen_text(app)
        await pilot.press("down", "space")  # Intelligence briefing, cost 1: over budget now
        await pilot.pause()
        assert app.session.draft("lawmaker").actions == ["hearing"]
        assert "Over budget" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "TalksScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "QuarterScreen"
        await pilot.press("o", "o")  # through the talks again
        await pilot.pause()
        assert screen_name(app) == "OrdersScreen"
        assert app.session.draft("lawmaker").actions == ["hearing"]
        assert "[x]" in screen_text(app)


@pilot_test
async def test_an_action_whose_requirement_fails_is_greyed_with_its_reason():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor",))
        await to_orders(pilot, "vendor")
        text = screen_text(app)
        assert "unavailable: needs Export licence to be approved" in text
        actions = app.screen.query_one("#actions", OptionList)
        actions.highlighted = 1  # Ship chips
        await pilot.press("space")
        await pilot.pause()
        assert app.session.draft("vendor").actions == []
        assert "Not available" in screen_text(app)
        detail = screen_text(app)
        assert "Cost: 1 attention" in detail and "raises China revenue by 2.5" in detail


@pilot_test
async def test_command_palette_starts_a_new_game():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new game")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(app) == "NewGameScreen"


@pilot_test
async def test_theme_toggles_between_dark_and_light():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != first and "light" in app.theme
        await pilot.press("ctrl+t")
        assert app.theme == first


@pilot_test
async def test_the_seed_is_shown_and_a_bad_one_refused():
    app = new_app(seed=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot)
        seed = app.screen.query_one("#seed").value
        assert seed.isdigit()  # random, and on screen for the class to note
        app.screen.query_one("#seed").value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "NewGameScreen"
        assert "whole number" in screen_text(app)


@pilot_test
async def test_broken_content_is_said_in_a_line_and_nothing_starts(tmp_path):
    (tmp_path / "tracks.toml").write_text("[[track]]\nid = 'x'\nname = 'X'\nstart = 'oops'\nkind = 'number'\n")
    app = new_app(content_root=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot)
        text = screen_text(app)
        assert "2 problems" in text and "tracks.toml" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "NewGameScreen" and app.session is None


@pilot_test
async def test_the_title_is_laid_out_by_its_own_styles():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        assert menu.outer_size.width == 36  # title.tcss, not the full width of the screen
        assert menu.region.x > 10  # centred


@pilot_test
async def test_leaving_a_game_from_the_palette_asks_saves_and_returns_to_the_title():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor",))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"leave the game")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen" and app.session is None
        assert len(list(saves_dir().glob("*.toml"))) == 1


@pilot_test
async def test_leaving_says_where_the_game_is_saved_and_the_terminal_says_how_to_resume():
    from game.saves.store import shown_path
    from game.ui.app import farewell

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor",))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert screen_name(app) == "ConfirmScreen"
        question = screen_text(app)
        assert "saved in" in question and "autosave-mini-" in question
        await pilot.press("y")
        await pilot.pause()
    assert app.saved_to is not None and app.saved_to.exists()
    said = farewell(app)
    where = shown_path(app.saved_to)
    assert said.startswith(f"Your game is saved in {where}.") and f"python -m game resume {where}" in said


@pilot_test
async def test_the_details_of_an_action_scroll_while_the_list_keeps_the_focus():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor",))
        await to_orders(pilot, "vendor")
        await pilot.resize_terminal(80, 14)  # a short window: the details run below the fold
        await pilot.pause()
        details = app.screen.query_one("#details")
        actions = app.screen.query_one("#actions", OptionList)
        assert details.max_scroll_y > 0
        await pilot.press("shift+down")
        await pilot.pause()
        assert app.focused is actions and details.scroll_y > 0
