"""The shipped content end to end: the quick-play scenario, one person and two bots, by keys,
at 80x24. Catches what the small test world cannot: long texts, many tracks, real choices."""

from __future__ import annotations

from game_pilot import new_app, open_new_game, pilot_test, play_to_end, screen_name, screen_text
from textual.widgets import Select


@pilot_test
async def test_the_shipped_quick_play_scenario_plays_to_its_debrief():
    from game.content import DEFAULT_CONTENT

    app = new_app(content_root=DEFAULT_CONTENT, seed=11)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot)
        scenarios = app.content.scenarios
        quick = min(scenarios, key=lambda sid: scenarios[sid].quarters)  # the shortest, for speed
        app.screen.query_one("#scenario", Select).value = quick
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        seen = await play_to_end(pilot, orders_keys={"vendor": ("space", "down", "space")})
        assert screen_name(app) == "EndScreen"
        rules = app.session.rules
        assert rules.scenario == quick
        assert {n for n, _ in seen} >= {
            "IntroScreen",
            "BriefingScreen",
            "QuarterScreen",
            "OrdersScreen",
            "ReportScreen",
            "EndScreen",
        }
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        for record in app.session.match.record.quarters:
            assert f"Quarter {record.quarter} · {rules.quarter_label(record.quarter)}" in text
