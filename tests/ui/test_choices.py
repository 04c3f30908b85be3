"""The settings list of the new-game form: each line turns through its values by key or click."""

from __future__ import annotations

import pytest
from game_pilot import pilot_test
from textual.app import App

from game.ui.widgets.choices import Choices, Setting

SEATS = (("Human", "human"), ("Bot: smart", "bot:smart"), ("Program", "external"))


class Form(App):
    def __init__(self):
        super().__init__()
        self.heard: list[tuple[str, object]] = []

    def compose(self):
        yield Choices(
            [
                Setting("seat-vendor", "Vendor CEO", SEATS, "human"),
                Setting("facilitator", "Facilitator", (("None", False), ("Yes", True)), False),
            ],
            id="choices",
        )

    def on_choices_changed(self, event: Choices.Changed) -> None:
        self.heard.append((event.setting, event.value))


def line(choices: Choices, index: int) -> str:
    return str(choices.get_option_at_index(index).prompt)


@pilot_test
async def test_right_enter_and_left_turn_the_highlighted_line_and_wrap_around():
    app = Form()
    async with app.run_test(size=(60, 10)) as pilot:
        choices = app.query_one(Choices)
        choices.focus()
        await pilot.press("home", "right")
        assert choices.value("seat-vendor") == "bot:smart"
        assert "◀ Bot: smart ▶" in line(choices, 0) and line(choices, 0).startswith("Vendor CEO")
        await pilot.press("enter", "right")  # Program, then round to Human
        assert choices.value("seat-vendor") == "human"
        await pilot.press("left")
        assert choices.value("seat-vendor") == "external"
        await pilot.press("down", "right")
        assert choices.value("facilitator") is True and choices.value("seat-vendor") == "external"
        await pilot.pause()
        assert app.heard == [
            ("seat-vendor", "bot:smart"),
            ("seat-vendor", "external"),
            ("seat-vendor", "human"),
            ("seat-vendor", "external"),
            ("facilitator", True),
        ]


@pilot_test
async def test_a_click_turns_a_line_and_choose_refuses_a_value_it_does_not_offer():
    app = Form()
    async with app.run_test(size=(60, 10)) as pilot:
        choices = app.query_one(Choices)
        await pilot.click(Choices, offset=(4, 2))  # the second line, inside the border
        assert choices.value("facilitator") is True
        choices.choose("seat-vendor", "external")
        assert "◀ Program ▶" in line(choices, 0)
        with pytest.raises(ValueError, match="seat-vendor: 'bot:expert' is not one of its choices"):
            choices.choose("seat-vendor", "bot:expert")
        choices.choose("seat-vendor", "external")  # the same value: nothing to hear
        await pilot.pause()
        assert app.heard == [("facilitator", True), ("seat-vendor", "external")]
