"""A program of the player's own in a seat, chosen on the new-game form with its command."""

from __future__ import annotations

import sys
from pathlib import Path

from game_pilot import new_app, open_new_game, pilot_test, play_to_end, screen_name, screen_text, wait_until
from textual.widgets import Input

EXAMPLE = f"{sys.executable} {Path(__file__).resolve().parents[2] / 'examples' / 'minimal_bot.py'}"


async def choose_program_for_vendor(pilot) -> None:
    await open_new_game(pilot)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.query("#choices"), "the seats")
    screen.choose("seat-lawmaker", "bot:random")
    screen.choose("seat-regulator", "bot:random")
    screen.choose("seat-vendor", "external")
    await wait_until(pilot, lambda: screen.query("#command-vendor"), "the vendor's command field")
    await pilot.pause()


@pilot_test
async def test_a_program_plays_a_seat_chosen_on_the_form():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_program_for_vendor(pilot)
        ids = [w.id for w in app.screen.query_one("#form").children]
        assert ids.index("program-vendor") == ids.index("choices") + 1, "the vendor's command, under the seats"
        app.screen.query_one("#command-vendor", Input).value = EXAMPLE
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "IntroScreen", "the game's opening")
        assert "a program (seat protocol)" in screen_text(app)
        await play_to_end(pilot)
        match = app.session.match
        bot = match.bots["vendor"]
        assert match.seats["vendor"] == "external" and bot.errors == []
        orders = [o for q in match.record.quarters for o in q.orders if o.seat == "vendor"]
        assert orders and all("cheapest actions" in o.reason or "nothing affordable" in o.reason for o in orders)
        assert bot._proc.returncode is not None, "the program was stopped when the game ended"


@pilot_test
async def test_a_program_seat_needs_a_command():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_program_for_vendor(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "NewGameScreen", "no game starts without the command"
        assert app.focused is not None and app.focused.id == "command-vendor"
        [note] = app._notifications
        assert note.message.startswith("Vendor CEO: the command is empty")


@pilot_test
async def test_a_programs_problems_are_shown_and_the_game_goes_on(tmp_path):
    garbage = tmp_path / "garbage.py"
    garbage.write_text("import sys\nfor line in sys.stdin:\n    print('nonsense', flush=True)\n")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_program_for_vendor(pilot)
        app.screen.query_one("#command-vendor", Input).value = f"{sys.executable} {garbage}"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "IntroScreen", "the game's opening")
        seen: list[str] = []

        async def note_problems(*_) -> None:  # a notification lasts seconds: gather them as the game goes
            seen.extend(n.message for n in app._notifications if n.title == "Program" and n.message not in seen)

        await play_to_end(pilot, on_screen=note_problems)
        assert seen and seen[0].startswith("external program in seat vendor, Q1 hello: not JSON")
        assert app.session.match.over, "the game went on to its end"


@pilot_test
async def test_leaving_a_game_stops_its_program():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_program_for_vendor(pilot)
        app.screen.choose("seat-lawmaker", "human")
        app.screen.query_one("#command-vendor", Input).value = EXAMPLE
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen_name(app) == "IntroScreen", "the game's opening")
        bot = app.session.match.bots["vendor"]
        assert bot._proc is not None and bot._proc.poll() is None, "it is asked for its offers as the game opens"
        app.leave_game()
        assert bot._proc.returncode is not None
