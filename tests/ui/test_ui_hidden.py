"""Hidden information in hot seat: walk every screen of a three-person game and check that,
before a seat's hand-off, nothing on screen is another seat's private briefing, private
track, private event or private action; public screens show no seat's secrets at all."""

from __future__ import annotations

from game_pilot import new_app, pilot_test, play_to_end, screen_text, start_game

# What only each seat may see in the mini scenario: its private briefing, its private
# track's name, and the names of its secret action and of the event only it is told of.
PRIVATE = {
    "vendor": ("Your order book is full.", "China revenue", "Ship chips"),
    "lawmaker": ("Intelligence briefings cost you.", "Diversion estimate", "Intelligence briefing"),
    "regulator": (
        "Your real quota is lower than announced.",
        "Import quota",
        "Cut the quota",
        "Customs asks for guidance",
    ),
}
PUBLIC_SCREENS = ("IntroScreen", "HandoffScreen")


def secrets_except(seat):
    return [(owner, text) for owner, texts in PRIVATE.items() if owner != seat for text in texts]


@pilot_test
async def test_no_screen_shows_another_seats_secrets_before_its_hand_off():
    app = new_app()
    checked: dict[str, int] = {}
    own_seen: dict[str, set] = {seat: set() for seat in PRIVATE}

    async def check(pilot, name, step):
        if name in ("EndScreen",):
            return  # the game is over: the end and debrief reveal everything on purpose
        public = name in PUBLIC_SCREENS or (name == "ReportScreen" and step.scope == "public")
        viewer = None if public else step.seat
        text = screen_text(pilot.app)
        for owner, secret in secrets_except(viewer):
            assert secret not in text, f"{name} for {viewer or 'the room'} shows {owner}'s {secret!r}"
        if viewer:
            own_seen[viewer].update(s for s in PRIVATE[viewer] if s in text)
        checked[name] = checked.get(name, 0) + 1
        if name == "QuarterScreen" and step.seat and pilot.app.session.match.state.quarter <= 2:
            # The briefing a seat can reopen from its own screen is its own, too.
            await pilot.press("b")
            await pilot.pause()
            reopened = screen_text(pilot.app)
            assert PRIVATE[step.seat][0] in reopened
            for _, secret in secrets_except(step.seat):
                assert secret not in reopened
            await pilot.press("escape")
            await pilot.pause()

    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=tuple(PRIVATE))
        # Each seat takes its secret action when it can, so there are secrets to leak.
        await play_to_end(
            pilot,
            orders_keys={
                "vendor": ("down", "space", "up", "space"),
                "lawmaker": ("down", "space"),
                "regulator": ("space",),
            },
            on_screen=check,
        )
    for name in ("HandoffScreen", "BriefingScreen", "QuarterScreen", "OrdersScreen", "ReportScreen"):
        assert checked.get(name), f"never checked a {name}"
    # The check reads what the screens really show: each seat did see its own secrets.
    assert {"Your order book is full.", "China revenue"} <= own_seen["vendor"]
    assert {"Intelligence briefings cost you.", "Diversion estimate", "Intelligence briefing"} <= own_seen["lawmaker"]
    assert set(PRIVATE["regulator"]) <= own_seen["regulator"]
