"""Help teaches: the keys of the screen it was opened from (and no others), and the rules of
the game in progress for the eyes of whoever is at the screen, at 80×24."""

from __future__ import annotations

from game_pilot import new_app, pilot_test, screen_name, start_game, wait_until, widget_text
from textual.widgets import TabbedContent

from game.ui.screens.orders import OrdersScreen
from game.ui.screens.title import TitleScreen


def descriptions(cls) -> set[str]:
    return {b.description for b in cls.BINDINGS if b.description}


def keys_text(app) -> str:
    return widget_text(app.screen.query_one("#keys-table"))


def rules_text(app) -> str:
    return widget_text(app.screen.query_one("#rulebook"))


async def open_help(pilot, key: str = "f1") -> None:
    await pilot.press(key)
    await wait_until(pilot, lambda: screen_name(pilot.app) == "HelpScreen", "the help screen")
    await pilot.pause()


async def to_orders(pilot) -> None:
    app = pilot.app
    await start_game(pilot, ("vendor",))
    for _ in range(12):
        if screen_name(app) == "QuarterScreen":
            break
        await pilot.press("enter")
        await pilot.pause()
    await pilot.press("o")  # the talks: no offer from a random bot, so O again for the orders
    await wait_until(pilot, lambda: screen_name(app) == "TalksScreen", "the talks")
    await pilot.press("o")
    await wait_until(pilot, lambda: screen_name(app) == "OrdersScreen", "the orders screen")


def fits(app) -> bool:
    box = app.screen.query_one("#help").region
    return box.x >= 0 and box.y >= 0 and box.right <= 80 and box.bottom <= 23  # the footer below


@pilot_test
async def test_help_on_the_title_lists_the_titles_keys_only():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot)
        assert app.screen.query_one(TabbedContent).active == "keys"
        text = keys_text(app)
        assert "Keys on the title screen" in text
        for said in descriptions(TitleScreen):
            assert said in text, said
        assert "F1" in text and "Help" in text and "command palette" in text  # the app's own
        for said in descriptions(OrdersScreen) - descriptions(TitleScreen) - descriptions(type(app)):
            assert said not in text, said
        assert fits(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"


@pilot_test
async def test_help_without_a_game_explains_how_to_start():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: "No game in progress" in rules_text(app), "the default rules")
        assert app.screen.query_one(TabbedContent).active == "rules"
        text = rules_text(app)
        assert "How a quarter runs" in text and "Endings" in text
        for private in ("China revenue", "Diversion estimate", "Import quota"):  # each one seat's
            assert private not in text.split("How a quarter runs")[1].split("How the institutions")[0]


@pilot_test
async def test_help_on_the_orders_lists_the_orders_keys_and_the_seats_rules():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_orders(pilot)
        orders = app.screen
        await open_help(pilot, "question_mark")
        text = keys_text(app)
        assert "Keys on the orders screen" in text
        shown = {b.binding.description for b in orders.active_bindings.values() if b.node is orders and b.enabled}
        assert shown and shown <= descriptions(OrdersScreen) | {"Focus Next", "Focus Previous", "Copy selected text"}
        for said in shown - {"Copy selected text"}:
            assert said in text, said
        for said in descriptions(TitleScreen) - descriptions(OrdersScreen) - descriptions(type(app)):
            assert said not in text, said
        assert "Your actions" in text  # the focused list's keys, under its own name
        assert fits(app)

        await pilot.press("r")
        await pilot.pause()
        rules = rules_text(app)
        assert "as the Vendor CEO sees them" in rules
        assert "Diversion estimate" not in rules and "Import quota" not in rules  # other seats' secrets
        assert "China revenue" in rules  # the vendor's own
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is orders
