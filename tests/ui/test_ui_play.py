"""Whole games played by keys alone: three people in hot seat, one person and two bots,
and bots only; the record a save keeps shows the orders the keys gave."""

from __future__ import annotations

from game_pilot import new_app, pilot_test, play_to_end, screen_name, screen_text, start_game

from game.saves.reader import read_record
from game.saves.store import saves_dir

SEATS = ("vendor", "lawmaker", "regulator")


def holders_ok(seen) -> None:
    """Every seat's own screen comes after that seat's hand-off, with no public screen between."""
    holder = None
    for name, step in seen:
        if name == "HandoffScreen":
            holder = step.seat
        elif name in ("IntroScreen", "EndScreen") or (name == "ReportScreen" and step.scope == "public"):
            holder = None
        elif step is not None and step.seat is not None:
            assert step.seat == holder, f"{name} of {step.seat} shown while {holder} holds the keyboard"


@pilot_test
async def test_three_humans_play_a_whole_game_by_keys():
    app = new_app()
    decided = []

    async def decide(pilot, name, step):
        # The regulator answers the customs choice (quarter 2) with keys: Tab to it, Down, Enter.
        if name == "QuarterScreen" and step.seat == "regulator" and "Customs asks" in screen_text(pilot.app):
            for _ in range(6):
                if pilot.app.focused is not None and (pilot.app.focused.id or "").startswith("choice-"):
                    break
                await pilot.press("tab")
            await pilot.press("down", "enter")
            decided.append(step)

    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=SEATS, by_keys=True)
        seen = await play_to_end(
            pilot, orders_keys={"lawmaker": ("down", "space"), "regulator": ("space",)}, on_screen=decide
        )
        names = [n for n, _ in seen]
        holders_ok(seen)
        for seat in SEATS:
            assert ("HandoffScreen", seat) in {(n, s.seat) for n, s in seen if s}
        assert names.count("BriefingScreen") == 3
        assert decided, "the regulator never saw the customs choice"
        record = app.session.match.record
        q1 = {o.seat: o for o in record.quarters[0].orders}
        assert q1["vendor"].actions == ("lobby",)
        assert q1["lawmaker"].actions == ("briefing",)
        assert q1["regulator"].actions == ("cut_quota",)
        q2 = {o.seat: o for o in record.quarters[1].orders}
        assert q2["regulator"].choices == (("customs", "block"),)
        assert all(o.seat in SEATS for q in record.quarters for o in q.orders)

        # The debrief reveals every seat's orders and asks the scenario's questions.
        await pilot.press("d")
        await pilot.pause()
        assert screen_name(app) == "DebriefScreen"
        text = screen_text(app)
        assert "Intelligence briefing" in text and "Cut the quota" in text and "Lobby Commerce" in text
        assert "What did you learn?" in text

        # The autosave holds every quarter played.
        saves = list(saves_dir().glob("autosave-mini-4242*.toml"))
        assert len(saves) == 1
        assert len(read_record(saves[0]).quarters) == len(record.quarters)

        await pilot.press("t")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen" and app.session is None


@pilot_test
async def test_one_person_and_two_bots_play_a_whole_game():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=("vendor",), by_keys=True)
        seen = await play_to_end(pilot)
        names = [n for n, _ in seen]
        assert "HandoffScreen" not in names  # one person: nobody to hide from
        reports = [s for n, s in seen if n == "ReportScreen"]
        assert reports and all(s.scope == "seat" and s.seat == "vendor" for s in reports)
        match = app.session.match
        assert match.over
        assert match.seats["lawmaker"].startswith("bot:") and match.seats["regulator"].startswith("bot:")
        for quarter in match.record.quarters:
            bots = [o for o in quarter.orders if o.seat != "vendor"]
            assert all(o.reason for o in bots), "every bot order says why"
        text = screen_text(app)
        assert "The ending:" in text and "Vendor CEO" in text and " of 100" in text


@pilot_test
async def test_a_game_of_bots_only_is_watched_quarter_by_quarter():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, humans=())
        seen = await play_to_end(pilot)
        quarters = [s for n, s in seen if n == "QuarterScreen"]
        assert quarters and all(s.seat is None for s in quarters)
        assert {s.scope for n, s in seen if n == "ReportScreen"} == {"all"}
        assert len(app.session.match.record.quarters) == len(quarters)
