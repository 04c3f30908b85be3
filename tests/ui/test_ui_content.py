"""The shipped content end to end: the quick-play scenario, one person and two bots, by keys,
at 80x24. Catches what the small test world cannot: long texts, many tracks, real choices."""

from __future__ import annotations

from game_pilot import new_app, open_new_game, pilot_test, play_to_end, screen_name, screen_text


@pilot_test
async def test_the_shipped_quick_play_scenario_plays_to_its_debrief():
    from game.content import DEFAULT_CONTENT

    app = new_app(content_root=DEFAULT_CONTENT, seed=11)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_game(pilot)
        scenarios = app.content.scenarios
        quick = min(scenarios, key=lambda sid: scenarios[sid].quarters)  # the shortest, for speed
        app.screen.choose("scenario", quick)
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


@pilot_test
async def test_invented_news_and_orders_carry_the_fictional_tag_and_real_ones_do_not():
    """In the shipped quick play, every event in a seat's news and every action in its orders
    is tagged `fictional` exactly when its content says source = "fictional"."""
    from game.content import DEFAULT_CONTENT

    app = new_app(content_root=DEFAULT_CONTENT, seed=5)
    tagged: dict[str, bool] = {}

    async def look(pilot, name, step):
        if name not in ("QuarterScreen", "OrdersScreen"):
            return
        rules = app.session.rules
        entries = rules.events if name == "QuarterScreen" else rules.actions
        for line in screen_text(app).splitlines():
            for entry in entries:
                title = getattr(entry, "title", None) or entry.name
                if line.lstrip("[x] –").startswith(title):
                    tagged[title] = "  fictional" in line
                    assert tagged[title] == entry.source.fictional, line

    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_game(pilot)
        scenarios = app.content.scenarios
        app.screen.choose("scenario", min(scenarios, key=lambda sid: scenarios[sid].quarters))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await play_to_end(pilot, on_screen=look)
    assert True in tagged.values() and False in tagged.values()
