"""The report's Deals: every offer revealed by quarter, and each content deal's real story."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.content import load
from game.report import build, render

from .games import TALKS, deals_match

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content():
    return load(ROOT / "content")


@pytest.fixture(scope="module")
def match(content):
    return deals_match(content)


def test_every_offer_is_listed_in_its_quarter_with_its_answer(match):
    report = build(match)
    listed = [(t.quarter, t.sender, t.receiver, t.answer) for t in report.talks]
    names = {s.id: s.name for s in match.rules.seats}
    assert listed == [(q, names[s], names[r], "accepted" if accept else "rejected") for q, s, r, _, accept in TALKS]


def test_an_accepted_trade_says_what_each_side_carried_out(match):
    trade = build(match).quarters[1].talks[0]
    assert trade.what == "Approve selected buyers for Court Chinese cloud giants"
    assert [line.split(" (")[0] for line in trade.did] == [
        "Chinese Regulator: Approve selected buyers",
        "Vendor CEO: Court Chinese cloud giants",
    ]
    assert all(line.endswith(("(succeeded)", "(failed)")) for line in trade.did)


def test_an_accepted_deal_shows_both_sides_terms_and_the_tracks_it_moved(match):
    deal = build(match).quarters[0].talks[0]
    assert deal.deal == "bundle_domestic" and deal.accepted
    assert [t.split(":")[0] for t in deal.terms] == ["Vendor CEO", "Chinese Regulator"]
    assert any(m.track == "China import quota" for m in deal.moves)
    assert deal.private == "Vendor CEO and Chinese Regulator only"


def test_a_rejected_offer_moved_nothing(match):
    rejected = build(match).quarters[0].talks[1]
    assert rejected.answer == "rejected" and not rejected.did and not rejected.moves


def test_talks_leave_the_timeline_results_to_the_orders_and_rules(match):
    assert all(h.phase != "talks" for q in build(match).quarters for h in q.results)


def test_every_content_deal_has_its_real_story_and_source(match):
    report = build(match)
    assert [f.title for f in report.deals] == [d.name for d in match.rules.deals]
    bundle = next(f for f in report.deals if f.title == match.rules.deal("bundle_domestic").name)
    assert bundle.first == "agreed in Q1"
    assert all(f.happened and f.source for f in report.deals)
    assert any(f.first == "never offered" for f in report.deals)


def test_markdown_reveals_every_offer_and_every_deal(match):
    md = render(match, "md")
    deals = md.split("## Deals", 1)[1].split("## Decisions by seat", 1)[0]
    assert "### Q1 (" in deals and "### Q2 (" in deals
    assert "**Vendor CEO** offered **Chinese Regulator**: Domestic chips with every H200 order — **accepted**" in deals
    assert "— **rejected**" in deals
    for deal in match.rules.deals:
        assert f"**{deal.name}**" in deals
        assert all(c.outlet in deals for c in deal.source.citations)
    assert "**Talks**: 2 offers, 1 accepted (see Deals)." in md


def test_html_deals_section_is_well_formed(match):
    html = render(match, "html")
    root = ET.fromstring(html.split("<!DOCTYPE html>", 1)[1])
    section = [el for el in root.iter() if el.get("id") == "deals"]
    assert section and "Domestic chips with every H200 order" in html


def test_a_bot_game_reports_every_offer_the_record_holds(content):
    from game.match import Match

    rules = content.scenario("h200")
    match = Match.start(rules, 1, dict.fromkeys(rules.seat_ids, "bot:smart"), content.fingerprint)
    match.play_out()
    report = build(match)
    assert len(report.talks) == sum(len(q.offers) for q in match.record.quarters) > 0
    assert all(t.reason and t.answer_reason for t in report.talks)


def test_a_scenario_without_deals_has_no_deals_section(scripted):
    assert "## Deals" not in render(scripted, "md")
    assert 'id="deals"' not in render(scripted, "html")


def test_a_leaked_deal_says_in_which_quarter_everyone_learnt_of_it(content):
    from game.match import Match

    rules = content.scenario("h200")
    for seed in range(1, 6):
        match = Match.start(rules, seed, dict.fromkeys(rules.seat_ids, "bot:smart"), content.fingerprint)
        match.play_out()
        leaks = [o for quarter in match.log for o in quarter if o.kind == "leak"]
        if leaks:
            break
    else:
        pytest.fail("no leak in these games: try more seeds")
    report = build(match)
    leaked = [t for t in report.talks if t.leaked]
    assert leaked and all(t.accepted and t.private and t.leaked > t.quarter for t in leaked)
    assert {t.leaked for t in leaked} <= {o.quarter for o in leaks}
    md = render(match, "md")
    assert f"leaked in Q{leaked[0].leaked}" in md


def test_an_offer_of_a_deal_these_rules_lack_is_named_not_a_crash(match):
    import attrs

    from game.core.deals import Offer
    from game.report.build import talks

    rec = attrs.evolve(
        match.record.quarters[0],
        offers=(
            Offer("vendor", "regulator", deal="gone_deal", answer="accepted"),
            Offer("vendor", "lawmaker", gives="x", wants="y"),
        ),
    )
    told = talks(match.rules, rec, [])
    assert [t.what for t in told] == ["deal 'gone_deal' (not in this content)", "'x' for 'y' (not in this content)"]
    assert [t.answer for t in told] == ["accepted", "lapsed"]
