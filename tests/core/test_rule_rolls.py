"""Every roll a non-player rule makes leaves an outcome, the failed ones included: a licence
left pending by a failed approval roll is told, with its odds and roll."""

from __future__ import annotations

from game.balance import Tally
from game.content import DEFAULT_CONTENT, load
from game.core import new_game, play_quarter


def test_a_failed_rule_roll_is_an_outcome_with_its_odds_and_roll():
    rules = load(DEFAULT_CONTENT).scenario("h200")
    by_id = {r.id: r for r in rules.rules}
    failed = succeeded = 0
    for seed in range(20):
        state, _ = new_game(rules, seed)
        while not state.over:
            before = state
            state, outcomes = play_quarter(rules, state, {})
            tally = Tally()
            assert play_quarter(rules, before, {}, sink=tally)[0] == state
            ruled = [o for o in outcomes if o.kind == "rule"]
            assert tally.rules == [o.id for o in ruled if o.success]  # a failed roll fired nothing
            for o in ruled:
                rule = by_id[o.id]
                assert o.visible_to == rule.visible_to and o.text == rule.name
                if rule.chance is None:
                    assert o.success and o.roll is None and o.odds == 1.0
                elif not o.success:
                    failed += 1
                    assert not o.changes and (o.roll is None or o.roll >= o.odds)
                elif o.roll is not None:
                    succeeded += 1
                    assert o.roll < o.odds
    assert failed and succeeded
