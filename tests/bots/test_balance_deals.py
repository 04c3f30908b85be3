"""The balance report's talks: counts checked against the offers `Match` games record (the
path saves and the UI use), on the shipped quick-play scenario, where bots make deals."""

from __future__ import annotations

from collections import Counter

import pytest

from game.balance import DOMINANT_DEAL, TRADE, GameResult, play_game, report, warnings
from game.content import DEFAULT_CONTENT, load
from game.match import Match

GAMES, SEED = 4, 21


@pytest.fixture(scope="module")
def quick():
    content = load(DEFAULT_CONTENT)
    return content.scenario(min(content.scenarios, key=lambda s: content.scenarios[s].quarters))


@pytest.fixture(scope="module")
def tallied(quick):
    levels = dict.fromkeys(quick.seat_ids, "smart")
    results = [play_game(quick, SEED + i, levels, i) for i in range(GAMES)]
    return results, report(quick, levels, SEED, results)


def test_deal_counts_match_the_offers_match_games_record(quick, tallied):
    _, data = tallied
    offered, accepted, bound_quarters, quarters = Counter(), Counter(), 0, 0
    for i in range(GAMES):
        match = Match.start(quick, SEED + i, dict.fromkeys(quick.seat_ids, "bot:smart"))
        match.play_out()
        for q in match.record.quarters:
            quarters += 1
            bound_quarters += any(o.accepted for o in q.offers)
            for o in q.offers:
                offered[o.deal or TRADE] += 1
                accepted[o.deal or TRADE] += o.accepted
    deals = data["deals"]
    assert deals["offered"] == sum(offered.values()) > 0
    assert deals["accepted"] == sum(accepted.values())
    assert deals["accepted_quarters_share"] == pytest.approx(bound_quarters / quarters, abs=1e-4)
    for deal_id, d in deals["by_deal"].items():
        assert (d["offered"], d["accepted"]) == (offered[deal_id], accepted[deal_id])


def test_every_content_deal_is_counted_and_the_never_lists_follow(quick, tallied):
    _, data = tallied
    deals = data["deals"]
    assert set(deals["by_deal"]) == {d.id for d in quick.deals} | {TRADE}
    assert deals["never_offered"] == [d.id for d in quick.deals if not deals["by_deal"][d.id]["offered"]]
    assert deals["never_accepted"] == [d.id for d in quick.deals if not deals["by_deal"][d.id]["accepted"]]
    assert set(deals["never_offered"]) <= set(deals["never_accepted"])
    assert 0 <= deals["games_with_accepted"] <= deals["games_with_offers"] <= GAMES


def test_a_quarter_with_a_deal_counts_once_however_many_bound(quick):
    def game(index: int, quarters: int, offers, deal_quarters: int) -> GameResult:
        finals = tuple(0 for t in quick.tracks if t.is_number)
        n = len(quick.seat_ids)
        return GameResult(index, "", quarters, "", (0,) * n, (0.0,) * n, (), (), (), (), finals, offers, deal_quarters)

    some = quick.deals[0].id
    results = [
        game(0, 4, ((some, True), (some, True), (TRADE, False)), 1),
        game(1, 4, (), 0),
    ]
    deals = report(quick, dict.fromkeys(quick.seat_ids, "smart"), 1, results)["deals"]
    assert (deals["offered"], deals["accepted"], deals["accepted_quarters"]) == (3, 2, 1)
    assert deals["accepted_quarters_share"] == pytest.approx(1 / 8)
    assert (deals["games_with_offers"], deals["games_with_accepted"]) == (1, 1)
    assert deals["by_deal"][some] == {"offered": 2, "accepted": 2, "share_of_accepted": 1.0}


def test_a_deal_that_is_most_of_the_accepted_ones_is_flagged(tallied):
    _, data = tallied
    data = {**data, "deals": {"by_deal": {"x": {"share_of_accepted": DOMINANT_DEAL + 0.01}}}}
    assert any(line.startswith("deal x is") for line in warnings(data))
    data["deals"]["by_deal"] = {TRADE: {"share_of_accepted": 0.9}}  # trades are many kinds of offer
    assert not any(line.startswith("deal ") for line in warnings(data))
