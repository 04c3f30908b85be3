"""The facilitator's console, driven with Pilot: each move staged, checked, and carried through
`Match.play` into the outcomes and the record a save writes."""

from __future__ import annotations

import asyncio
import functools
import sys
import time

import pytest
from textual.app import App
from textual.widgets import Input, ListView, Select, Static, TextArea

from game.core.state import Intervention, Order
from game.match import Match
from game.match.record import to_toml
from game.ui.screens.facilitator import FacilitatorScreen

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ORDERS = {
    "vendor": Order("vendor", ("lobby",)),
    "lawmaker": Order("lawmaker", ("hearing",)),
    "regulator": Order("regulator", ("summit",), reason="calm things down"),
}
NOT_YET = object()


class Host(App):
    """Shows the console for the match's current quarter and keeps what it returns."""

    def __init__(self, match: Match, orders: dict, waiting=(), covered=False):
        super().__init__()
        self.match = match
        self.orders = orders
        self.waiting = waiting
        self.covered = covered
        self.result = NOT_YET

    def on_mount(self) -> None:
        self.push_screen(
            FacilitatorScreen(self.match.rules, self.match.state, self.orders, self.waiting, covered=self.covered),
            self.done,
        )

    def done(self, result) -> None:
        self.result = result


def pilot_test(fn):
    """Run an async Pilot test on its own event loop: the suite needs no asyncio plugin."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


@pytest.fixture
def match(mini_content):
    return Match.start(mini_content.scenario("mini"), 4, {}, mini_content.fingerprint)


async def _stage(pilot, form: str) -> None:
    """Click the form's stage button and wait until the staged list or the form's errors
    change: one pause is not enough on a loaded machine (CI runs two workers on two cores)."""
    app = pilot.app
    before = (_staged(app), _errors(app, form))
    await pilot.pause()  # let a value just set post its Changed before the click
    # Press the button itself: a click lands by screen position, which an error line above
    # the button can move at 80x24.
    app.screen.query_one(f"#{form} .stage").press()
    deadline = time.monotonic() + 15
    while (_staged(app), _errors(app, form)) == before and time.monotonic() < deadline:
        await pilot.pause(0.05)


def _errors(app, form: str) -> list[str]:
    errors = app.screen.query_one(f"#{form} .form-errors", Static)
    return str(errors.render()).splitlines() if errors.display else []


def _staged(app) -> list[str]:
    return [str(item.query_one("Label").render()) for item in app.screen.query_one("#staged", ListView).children]


async def _show(pilot, tab: str) -> None:
    pilot.app.screen.query_one("#tabs").active = f"tab-{tab}"
    await pilot.pause()


@pilot_test
async def test_inject_from_the_deck_reaches_outcomes_and_record(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show(pilot, "inject")
        app.screen.query_one("#inject-event", Select).value = "smuggling"
        await pilot.pause()
        assert "A ring is charged." in str(app.screen.query_one("#inject-preview", Static).render())
        app.screen.query_one("#inject .note", Input).value = "raise the stakes"
        await _stage(pilot, "inject")
        assert _staged(app) == ["Injected event: Smuggling case [raise the stakes]"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == (Intervention("inject", event="smuggling", note="raise the stakes"),)
    before = match.state.value(match.rules, "tension")
    outcomes = match.play(ORDERS, app.result)
    injected = [o for o in outcomes if o.phase == "facilitator"]
    assert [(o.id, o.changes[0].track, o.changes[0].before) for o in injected] == [("smuggling", "tension", before)]
    assert match.record.quarters[-1].interventions == app.result
    saved = tomllib.loads(to_toml(match.record))["quarter"][0]["intervention"]
    assert saved == [{"kind": "inject", "event": "smuggling", "note": "raise the stakes"}]


@pilot_test
async def test_custom_event_with_typos_shows_every_error_then_stages_when_fixed(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show(pilot, "custom")
        await pilot.click("#custom-title")
        await pilot.press(*"Strike")  # typed at the keyboard
        app.screen.query_one("#custom-effects", TextArea).text = 'tenson += 3\nquota -= 5\nlicence = "maybe"'
        await _stage(pilot, "custom")
        errors = _errors(app, "custom")
        assert errors == [
            "✗ effect 1 ('tenson += 3'): unknown track 'tenson' (did you mean 'tension'?)",
            "✗ effect 3 ('licence = \"maybe\"'): licence is never 'maybe'; it is one of pending, approved, revoked",
        ]
        assert _staged(app) == []
        app.screen.query_one("#custom-effects", TextArea).text = "tension += 3\nquota -= 5"
        await pilot.click("#custom-text")
        app.screen.query_one("#custom-text", Input).value = "Dockers walk out."
        await pilot.press("enter")  # Enter in a field stages, like the button
        await pilot.pause()
        assert _errors(app, "custom") == []
        assert _staged(app) == ["Custom event: Strike. Dockers walk out. (tension += 3; quota -= 5)"]
        assert app.screen.query_one("#custom-title", Input).value == ""  # cleared for the next one
        await pilot.press("ctrl+s")
        await pilot.pause()
    item = Intervention("custom", title="Strike", text="Dockers walk out.", effects=("tension += 3", "quota -= 5"))
    assert app.result == (item,)
    quota = match.state.value(match.rules, "quota")
    outcomes = match.play(ORDERS, app.result)
    custom = next(o for o in outcomes if o.phase == "facilitator")
    assert custom.text == "Strike" and ("quota", quota, quota - 5) in [
        (c.track, c.before, c.after) for c in custom.changes
    ]


@pilot_test
async def test_custom_event_needs_a_title(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show(pilot, "custom")
        app.screen.query_one("#custom-effects", TextArea).text = "tension += 1"
        await _stage(pilot, "custom")
        assert _errors(app, "custom") == ["✗ a custom event needs a title"]
        assert _staged(app) == []


@pilot_test
async def test_force_a_roll_overrides_the_dice(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show(pilot, "force")
        select = app.screen.query_one("#force-action", Select)
        labels = [str(label) for label, _ in select._options[1:]]
        summit = 1 - match.state.value(match.rules, "tension") / 200  # the fixture's odds for a summit
        assert labels == [
            "Vendor CEO: Lobby Commerce (odds 50%)",
            "US lawmaker: Hold a hearing (odds 100%)",
            f"Chinese regulator: Call a summit (odds {summit:.0%})",
        ]
        select.value = "lobby"
        app.screen.query_one("#force-result", Select).value = False
        await _stage(pilot, "force")
        # A second force of the same roll would fight the first: refused where it was typed.
        app.screen.query_one("#force-result", Select).value = True
        await _stage(pilot, "force")
        assert _errors(app, "force") == [
            "✗ already staged: Forced Vendor CEO's Lobby Commerce to fail; remove it first"
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == (Intervention("force", action="lobby", success=False),)
    outcomes = match.play(ORDERS, app.result)
    lobby = next(o for o in outcomes if o.id == "lobby")
    assert lobby.success is False and match.state.value(match.rules, "licence") == "pending"


@pilot_test
async def test_set_the_licence_after_the_rules(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show(pilot, "set")
        assert app.screen.query_one("#set-track", Select).value == "licence"  # the decision to override
        assert "now pending" in str(app.screen.query_one("#set-hint", Static).render())
        app.screen.query_one("#set-state", Select).value = "revoked"
        app.screen.query_one("#set .note", Input).value = "Commerce overruled"
        await _stage(pilot, "set")
        # A number track takes a number, typed: a word is refused inline.
        app.screen.query_one("#set-track", Select).value = "tension"
        await pilot.pause()
        assert not app.screen.query_one("#set-state", Select).display
        app.screen.query_one("#set-value", Input).value = "lots"
        await _stage(pilot, "set")
        assert _errors(app, "set") == ["✗ tension takes a whole number, not 'lots'"]
        app.screen.query_one("#set-value", Input).value = "120"
        await _stage(pilot, "set")
        assert _errors(app, "set") == ["✗ tension must be within 0..100"]
        app.screen.query_one("#set-value", Input).value = "80"
        await _stage(pilot, "set")
        assert _errors(app, "set") == []
        assert _staged(app) == ["Set Export licence to revoked [Commerce overruled]", "Set Tension to 80%"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == (
        Intervention("set", track="licence", value="revoked", note="Commerce overruled"),
        Intervention("set", track="tension", value=80),
    )
    match.play(ORDERS, app.result)
    # Set after the rules and before the endings: the revoked licence ends the game.
    assert match.state.ending == "revoked"
    assert match.state.value(match.rules, "tension") == 80


@pilot_test
async def test_pause_holds_the_quarter_until_resumed(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+b")
        assert "PAUSED" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is NOT_YET and isinstance(app.screen, FacilitatorScreen)
        await pilot.press("ctrl+b")
        assert "PAUSED" not in str(app.screen.query_one("#status", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == ()


@pilot_test
async def test_remove_a_staged_intervention(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _show(pilot, "inject")
        for event in ("rumour", "opening"):
            app.screen.query_one("#inject-event", Select).value = event
            await _stage(pilot, "inject")
        assert _staged(app) == ["Injected event: Market rumour", "Injected event: Talks open"]
        staged = app.screen.query_one("#staged", ListView)
        staged.focus()
        staged.index = 0
        await pilot.press("delete")
        await pilot.pause()
        assert _staged(app) == ["Injected event: Talks open"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == (Intervention("inject", event="opening"),)


@pilot_test
async def test_overview_shows_every_track_and_every_order(match):
    app = Host(match, ORDERS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tracks = str(app.screen.query_one("TrackBoard").render().columns[0]._cells)
        for t in match.rules.tracks:
            assert t.name in tracks
        assert "Hidden from every seat" in tracks and "Only Vendor CEO sees" in tracks
        orders = str(app.screen.query_one("OrdersBoard").render())
        summit = 1 - match.state.value(match.rules, "tension") / 200  # the fixture's odds for a summit
        assert "Lobby Commerce (50%)" in orders and f"Call a summit ({summit:.0%})" in orders
        assert "US lawmaker: Hold a hearing\n" in orders  # a sure thing shows no odds
        assert "(calm things down)" in orders


@pilot_test
async def test_at_a_table_the_status_names_who_is_still_deciding(match):
    orders = {seat: order for seat, order in ORDERS.items() if seat != "lawmaker"}
    app = Host(match, orders, waiting=("lawmaker",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = str(app.screen.query_one("#status", Static).render())
        assert status.startswith("Still deciding: US lawmaker.")
        assert "US lawmaker: no orders yet" in str(app.screen.query_one("OrdersBoard").render())
        await _show(pilot, "force")
        # Only orders already given can be forced.
        assert [v for _, v in app.screen.query_one("#force-action", Select)._options[1:]] == ["lobby", "summit"]


@pilot_test
async def test_a_shared_keyboard_shows_nothing_until_the_facilitator_takes_over(match):
    app = Host(match, ORDERS, covered=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#cover").display
        for private in ("#tabs", "#status", "#staged"):
            assert not screen.query_one(private).display
        await pilot.press("ctrl+s")  # the console's keys do nothing behind the cover
        await pilot.pause()
        assert app.result is NOT_YET
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.query_one("#cover").display and screen.query_one("#tabs").display
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == ()
