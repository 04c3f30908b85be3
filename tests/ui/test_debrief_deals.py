"""The debrief's Deals tab: every offer of the game revealed by quarter, each content deal's
real story; and the timeline says who talked to whom without a raw seat id."""

from __future__ import annotations

from game_pilot import new_app, pilot_test, screen_name, screen_text, wait_until

from game.content import DEFAULT_CONTENT, load
from game.core.deals import Offer
from game.core.state import Order
from game.match import Match


def finished_game_with_deals() -> Match:
    """An h200 game of three people: Q1 the vendor's private deal with the regulator, accepted,
    and the lawmaker's trade offer to the vendor, rejected; then nothing but passes to the end."""
    content = load(DEFAULT_CONTENT)
    rules = content.scenario("h200")
    match = Match.start(rules, 3, dict.fromkeys(rules.seat_ids, "human"), content.fingerprint)
    match.offer(Offer("vendor", "regulator", deal="bundle_domestic"))
    match.answer(0, True)
    match.offer(Offer("lawmaker", "vendor", gives="meet_ceo", wants="audit_resellers"))
    match.answer(1, False)
    while not match.over:
        match.play({s: Order(s) for s in rules.seat_ids})
    return match


@pilot_test
async def test_the_deals_tab_reveals_every_offer_and_what_really_happened():
    app = new_app(content_root=DEFAULT_CONTENT)
    match = finished_game_with_deals()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_match(match)  # over already: the intro leads straight to the scores
        for _ in range(5):
            if screen_name(app) == "EndScreen":
                break
            await pilot.press("enter")
            await pilot.pause()
        assert screen_name(app) == "EndScreen"
        await pilot.press("d")
        await wait_until(pilot, lambda: screen_name(app) == "DebriefScreen", "the debrief")
        timeline = screen_text(app)
        assert "Vendor CEO offered Chinese Regulator: Domestic chips with every H200 order — accepted" in timeline
        assert "vendor+regulator" not in timeline
        await pilot.press("5")
        await pilot.pause()
        text = screen_text(app)
        assert "Quarter 1 · " in text
        assert "US Lawmaker offered Vendor CEO: Meet the vendor's CEO for Audit Chinese resellers — rejected" in text
        assert "(Vendor CEO and Chinese Regulator only" in text
        for deal in match.rules.deals:
            assert deal.name in text and deal.source.citations[0].outlet in text
