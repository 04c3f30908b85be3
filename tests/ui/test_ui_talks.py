"""Talks at one keyboard, played by keys: one seat offers a deal of the h200 scenario, the
other accepts it behind its hand-off, and the quarter's report shows both sides' terms
carried out; a third seat's screens and view never mention it."""

from __future__ import annotations

from game_pilot import new_app, new_game_of, next_keys, pilot_test, screen_name, screen_text, wait_until
from textual.widgets import OptionList

from game.core.deals import seen_by
from game.core.view import view, visible_outcomes

DEAL = "bundle_domestic"
NAME = "Domestic chips with every H200 order"
VENDOR_TERMS = "Its buyers take domestic chips alongside each H200."
REGULATOR_TERMS = "Approves 50k more units for import (1 administrative capacity)."


async def offer_the_deal(pilot) -> None:
    """On the vendor's talks: M, the regulator, the deal, each picked from its list."""
    app = pilot.app
    await pilot.press("m")
    await wait_until(pilot, lambda: screen_name(app) == "OfferScreen", "the new offer")
    for option_id in ("regulator", f"deal:{DEAL}"):
        choices = app.screen.query_one("#choices", OptionList)
        await wait_until(pilot, lambda: choices.get_option(option_id) is not None, option_id)  # noqa: B023
        choices.highlighted = choices.get_option_index(option_id)
        await pilot.pause()
        if option_id.startswith("deal:"):
            # Before offering, the seat reads what the deal does for both sides.
            about = screen_text(app)
            assert VENDOR_TERMS in about and REGULATOR_TERMS in about and "Pays 1" in about
        await pilot.press("enter")
        await pilot.pause()
    await wait_until(pilot, lambda: screen_name(app) == "TalksScreen", "the talks again")


async def play_first_quarter(pilot, humans: tuple[str, ...]) -> dict[str, list[str]]:
    """Start an h200 game with these human seats (random bots, which make no offers, in the
    others), play its first quarter by keys with the vendor's offer and the regulator's
    acceptance, up to the vendor's own report. Returns what each seat's screens showed."""
    app = pilot.app
    await new_game_of(pilot, "h200", humans, bots="bot:random")
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: app.session is not None, "the game")
    shown: dict[str, list[str]] = {}
    offered = accepted = False
    for _ in range(80):
        await pilot.pause()
        name, step = screen_name(app), app.session.current
        seat = step.seat if step is not None else None
        shown.setdefault(seat or "", []).append(screen_text(app))
        if name == "ReportScreen" and seat == "vendor":
            return shown
        if name == "TalksScreen" and seat == "vendor" and not offered:
            await offer_the_deal(pilot)
            offered = True
            shown["vendor"].append(screen_text(app))
            continue
        if name == "TalksScreen" and seat == "regulator" and not accepted:
            text = screen_text(app)
            assert NAME in text and "to answer" in text and VENDOR_TERMS in text and REGULATOR_TERMS in text
            await pilot.press("a")
            accepted = True
            continue
        if name == "OrdersScreen":
            keys: tuple[str, ...] = ("s",)
        else:
            keys = next_keys(app, name, step)
        await pilot.press(*keys)
    raise AssertionError(f"the vendor's report never came; last screen {screen_name(app)}")


@pilot_test
async def test_one_human_offers_a_deal_the_other_accepts_and_the_report_shows_both_sides_carried_out():
    app = new_app(content_root=None)
    async with app.run_test(size=(110, 40)) as pilot:
        shown = await play_first_quarter(pilot, ("vendor", "regulator"))
        (offer,) = app.session.match.record.quarters[0].offers
        assert offer.deal == DEAL and offer.accepted
        report = screen_text(app)
        assert f"Deal agreed: {NAME}" in report
        assert VENDOR_TERMS in report and REGULATOR_TERMS in report
        assert "only the two of you know" in report
        # The regulator, at its orders, had its budget less the deal's cost.
        assert any("promised 1 in the talks" in text for text in shown["regulator"])


@pilot_test
async def test_a_third_seats_screens_and_view_never_mention_a_private_deal():
    app = new_app(content_root=None)
    async with app.run_test(size=(110, 40)) as pilot:
        shown = await play_first_quarter(pilot, ("vendor", "lawmaker", "regulator"))
        match = app.session.match
        assert match.record.quarters[0].offers[0].accepted
        for text in shown["lawmaker"] + shown[""]:  # its own screens, and the room's public report
            assert NAME not in text and VENDOR_TERMS not in text and REGULATOR_TERMS not in text
        assert not seen_by(match.record.quarters[0].offers, "lawmaker")
        assert not [o for o in visible_outcomes(match.log[1], "lawmaker", match.rules) if o.kind == "deal"]
        assert "bundle" not in repr(view(match.rules, match.state, "lawmaker")._replace(rules=None))
        # Its own report, after its hand-off, says nothing of it either.
        while not (screen_name(app) == "ReportScreen" and app.session.current.seat == "lawmaker"):
            await pilot.press(*next_keys(app, screen_name(app), app.session.current))
            await pilot.pause()
        assert NAME not in screen_text(app) and "Deal" not in screen_text(app)


@pilot_test
async def test_a_seat_offered_a_deal_after_its_orders_answers_behind_its_hand_off_and_orders_again():
    from game_pilot import start_game

    app = new_app()  # the mini scenario: no deals of its own, an action for an action
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, ("vendor", "regulator"))
        seen, again = [], ""
        for _ in range(60):
            name, step = screen_name(app), app.session.current
            if not seen or seen[-1] != (step.kind, step.seat):
                seen.append((step.kind, step.seat))
            if name == "ReportScreen":
                break
            if name == "TalksScreen" and step.seat == "regulator":
                await pilot.press("m")
                await wait_until(pilot, lambda: screen_name(app) == "OfferScreen", "the new offer")
                for option_id in ("vendor", "trade", "gives:cut_quota", "wants:lobby"):
                    choices = app.screen.query_one("#choices", OptionList)
                    choices.highlighted = choices.get_option_index(option_id)
                    await pilot.press("enter")
                    await pilot.pause()
                keys: tuple[str, ...] = ("enter",)
            elif name == "TalksScreen" and step.seat == "vendor" and "vendor" in app.session.orders:
                text = screen_text(app)
                assert "From Chinese regulator: Cut the quota for Lobby Commerce (to answer)" in text
                keys = ("a", "enter")
            elif name == "OrdersScreen":
                if step.seat == "vendor" and app.session.offers:
                    again = screen_text(app)
                keys = ("s",)
            else:
                keys = next_keys(app, name, step)
            await pilot.press(*keys)
            await pilot.pause()
        turns = [(kind, seat) for kind, seat in seen if kind in ("handoff", "talks", "orders")]
        # The vendor's own turn, the regulator's, then one more for the vendor: behind its
        # hand-off, its talks, and its orders again (it accepted), before the quarter resolves.
        assert turns[-3:] == [("handoff", "vendor"), ("talks", "vendor"), ("orders", "vendor")]
        assert "bound by a deal" in again and "promised 1 in the talks" in again  # Lobby Commerce, locked
        (offer,) = app.session.match.record.quarters[0].offers
        assert offer.accepted and (offer.gives, offer.wants) == ("cut_quota", "lobby")
        assert "Deal agreed: Cut the quota for Lobby Commerce" not in screen_text(app)  # the room's report: private
