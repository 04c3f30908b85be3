"""The facilitator in the game's own flow: chosen on the new-game screen, the console stops each
quarter before it resolves, what it stages reaches the autosave, and the end screen writes the
report that shows it."""

from __future__ import annotations

import sys

from game_pilot import new_app, next_keys, open_new_game, pilot_test, screen_name, wait_until
from textual.widgets import Select

from game.core.state import Intervention
from game.match import Match
from game.ui import luck

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OVERRIDE = Intervention("set", track="licence", value="approved", note="the White House steps in")


async def _start(pilot, humans: tuple[str, ...], facilitator: bool) -> None:
    await open_new_game(pilot)
    screen = pilot.app.screen
    for seat in ("vendor", "lawmaker", "regulator"):  # the keys to these are test_ui_play's subject
        screen.choose(f"seat-{seat}", "human" if seat in humans else "bot:random")
    screen.choose("facilitator", facilitator)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _play(pilot, on_console, quarters: int | None = None) -> list[str]:
    """Keys as a player would press them until the end screen (or until `quarters` have
    resolved); the console is `on_console`'s."""
    app = pilot.app
    seen = []
    for _ in range(300):
        name = screen_name(app)
        seen.append(name)
        if name == "EndScreen" or (quarters and len(app.session.match.record.quarters) >= quarters):
            return seen
        if name == "FacilitatorScreen":
            await on_console(pilot, app.screen)
            continue
        step = app.session.current
        await pilot.press(*next_keys(app, name, step))
        await pilot.pause()
    raise AssertionError(f"no end screen; last screens: {seen[-4:]}")


@pilot_test
async def test_a_hot_seat_game_stops_at_the_console_each_quarter_and_records_the_override():
    app = new_app()
    consoles = []

    async def umpire(pilot, console) -> None:
        consoles.append(console.state.quarter)
        # One human at the keyboard: the console opens behind a hand-off, nothing private shown.
        assert console.query_one("#cover").display and not console.query_one("#tabs").display
        await pilot.press("enter")
        await pilot.pause()
        if len(consoles) == 1:
            console.query_one("#tabs").active = "tab-set"
            await pilot.pause()
            console.query_one("#set-state", Select).value = "approved"
            console.query_one("#set .note").value = OVERRIDE.note
            await pilot.pause()
            await pilot.click("#set .stage")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    async with app.run_test(size=(80, 24)) as pilot:
        await _start(pilot, ("vendor",), facilitator=True)
        await _play(pilot, umpire, quarters=2)
        match = app.session.match
        assert consoles == [1, 2]  # once a quarter, before it resolved
        assert match.record.quarters[0].interventions == (OVERRIDE,)
        assert match.record.quarters[1].interventions == ()
        assert match.history[1].value(match.rules, "licence") == "approved"
        saved = tomllib.loads(match.save_path.read_text(encoding="utf-8"))  # the autosave
        assert saved["quarter"][0]["intervention"] == [
            {"kind": "set", "track": "licence", "value": "approved", "note": OVERRIDE.note}
        ]


@pilot_test
async def test_the_end_screen_writes_the_report_and_the_summary_beside_the_save(mini_content, tmp_path):
    match = Match.start(mini_content.scenario("mini"), 9, {}, mini_content.fingerprint)
    match.play({}, (OVERRIDE,))
    match.play_out()
    match.save_path = tmp_path / "autosave-mini-9.toml"
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_match(match)  # a finished game: its intro, then the end screen
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "EndScreen"
        await pilot.press("r")
        await pilot.pause()
    html = (tmp_path / "autosave-mini-9-report.html").read_text(encoding="utf-8")
    assert "Set Export licence to approved [the White House steps in]" in html
    assert html.count("<svg") >= sum(t.main for t in match.rules.tracks)  # fan charts may follow
    summary = (tmp_path / "autosave-mini-9-summary.html").read_text(encoding="utf-8")
    assert summary.startswith("<!DOCTYPE html>") and "<h1>Student summary: Mini</h1>" in summary


@pilot_test
async def test_the_end_screens_report_gains_luck_and_decisions_once_played(mini_content, tmp_path, monkeypatch):
    """As `report` does for a finished game: the section follows the report, played in a
    worker while the screen still answers keys."""
    monkeypatch.setattr(luck, "GAMES", 12)
    match = Match.start(mini_content.scenario("mini"), 9, {}, mini_content.fingerprint)
    match.play_out()
    match.save_path = tmp_path / "autosave-mini-9.toml"
    report = tmp_path / "autosave-mini-9-report.html"
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_match(match)
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen_name(app) == "EndScreen", what="the end screen")
        await pilot.press("r")
        await wait_until(pilot, lambda: report.exists(), what="the report")
        await wait_until(pilot, lambda: "Luck and decisions" in report.read_text(encoding="utf-8"), what="the section")
        notes = [n.message for n in app._notifications]
        assert any("are added when played" in n for n in notes)
        assert any(n.startswith("Luck and decisions added to") for n in notes)
        assert "12 games" in report.read_text(encoding="utf-8")
        # Pressed again, the report is written with the numbers already played: no new games.
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.luck.found is not None and "12 games" in report.read_text(encoding="utf-8")


@pilot_test
async def test_a_bots_only_game_with_a_facilitator_needs_no_hand_off():
    app = new_app()
    consoles = []

    async def umpire(pilot, console) -> None:
        consoles.append(console.state.quarter)
        assert not console.query_one("#cover").display  # the room already sees everything
        await pilot.press("ctrl+s")
        await pilot.pause()

    async with app.run_test(size=(80, 24)) as pilot:
        await _start(pilot, (), facilitator=True)
        await _play(pilot, umpire, quarters=2)
        assert consoles == [1, 2] and len(app.session.match.record.quarters) == 2


@pilot_test
async def test_without_a_facilitator_the_console_never_opens():
    app = new_app()

    async def umpire(pilot, console) -> None:
        raise AssertionError("the console opened in a game without a facilitator")

    async with app.run_test(size=(80, 24)) as pilot:
        await _start(pilot, ("vendor",), facilitator=False)
        seen = await _play(pilot, umpire, quarters=2)
        assert "FacilitatorScreen" not in seen and len(app.session.match.record.quarters) == 2
