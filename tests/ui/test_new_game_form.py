"""The new-game form settles where it is drawn: no scroll still moving once the screen is idle,
so what a player (and a snapshot) sees does not depend on how busy the machine is."""

from __future__ import annotations

from game_pilot import SEED, open_new_game, pilot_test, wait_until

from game.ui.app import SiliconCurtainApp


async def settled(pilot, form) -> float:
    """The form's scroll once the screen is idle, checked to be at rest and to stay there."""
    await pilot.pause()
    assert not pilot.app.animator.is_being_animated(form, "scroll_y"), "the form is still scrolling"
    where = form.scroll_y
    await pilot.pause(0.4)  # longer than a scroll animation
    assert form.scroll_y == where, f"the form moved from {where} to {form.scroll_y} after it was drawn"
    return where


@pilot_test
async def test_the_form_is_at_rest_once_drawn_and_after_a_scenario_change():
    app = SiliconCurtainApp(seed=SEED)  # the shipped content: two scenarios, a long intro
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot)
        screen = app.screen
        form = screen.query_one("#form")
        await settled(pilot, form)
        assert app.focused is screen.query_one("#start"), "Start is focused, ready for Enter"
        assert app.focused in screen._compositor.visible_widgets
        other = next(s for s in screen.content.scenarios if s != screen.scenario_id)
        screen.choose("scenario", other)
        await wait_until(pilot, lambda: screen.scenario_id == other and screen.query("#choices"), "the new form")
        where = await settled(pilot, form)
        choices = screen.query_one("#choices")
        assert app.focused is choices and choices in screen._compositor.visible_widgets
        # As little scroll as brings the list (and its margin) in: the new intro is read from as
        # near its start as fits.
        below = choices.region.bottom + choices.styles.margin.bottom
        assert where == max(0, below - form.region.bottom + where)
