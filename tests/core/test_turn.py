"""Every effect and phase of the turn function, on the small test world."""

from __future__ import annotations

import attrs
import pytest

from game.core import IllegalOrder, Intervention, Order, new_game, play_quarter, visible_outcomes
from game.core.scoring import score, winner
from game.core.sink import NULL
from game.core.view import view


def state_with(rules, state, **values):
    vals = list(state.values)
    for name, value in values.items():
        vals[rules.track_index[name]] = value
    return attrs.evolve(state, values=tuple(vals))


def custom(*effects):
    return (Intervention("custom", title="Test", effects=effects),)


@pytest.fixture
def start(mini):
    state, _ = new_game(mini, seed=1)
    return state


def test_new_game_draws_quarter_one_news(mini, start):
    assert start.quarter == 1
    assert start.news == ("opening",)
    assert start.value(mini, "tension") == 35  # scenario start 40, then "Talks open" -5
    assert start.budgets == (2, 2, 2)


@pytest.mark.parametrize(
    "effect, track, before, after",
    [
        ("tension += 7", "tension", 35, 42),
        ("tension -= 50", "tension", 35, 0),  # clamped to min
        ("tension += 500", "tension", 35, 100),  # clamped to max
        ("tension *= 2", "tension", 35, 70),
        ("tension /= 2", "tension", 35, 18),  # 17.5 rounds to a whole number (precision 0), half to even
        ("tension /= quota - quota", "tension", 35, 35),  # dividing by zero leaves the value
        ("tension = quota + 1", "tension", 35, 41),
        ("revenue += 1.25", "revenue", 0, 1.2),  # precision 1, half to even
        ("revenue = 49.96", "revenue", 0, 50.0),
        ('licence = "approved"', "licence", "pending", "approved"),
        ("budget.vendor += 5", "budget.vendor", 2, 3),  # a budget is capped at budget_max
    ],
)
def test_each_immediate_effect(mini, start, effect, track, before, after):
    state, outcomes = play_quarter(mini, start, {}, custom(effect))
    if before == after:
        assert outcomes[0].changes == ()
        return
    change = outcomes[0].changes[0]
    assert (change.track, change.before, change.after) == (track, before, after)
    if track != "tension" and not track.startswith("budget."):  # next quarter's news may move tension
        assert state.value(mini, track) == after


def test_an_effect_that_changes_nothing_records_no_change(mini, start):
    _, outcomes = play_quarter(mini, start, {}, custom("tension += 0"))
    assert outcomes[0].changes == ()


def test_delayed_effect_applies_when_due(mini, start):
    state = state_with(mini, start, licence="approved")
    state, _ = play_quarter(mini, state, {"vendor": Order("vendor", ("ship",))})
    assert state.value(mini, "revenue") == 2.5
    assert state.value(mini, "diversion") == 10  # not yet
    assert state.pending == ((2, "action:ship:effects:1"),)
    state, outcomes = play_quarter(mini, state, {})
    assert state.value(mini, "diversion") == 20
    delayed = [o for o in outcomes if o.phase == "delayed"]
    assert [c.after for c in delayed[0].changes] == [20]
    assert state.pending == ()


def test_chained_event_fires_two_quarters_later(mini, start):
    state = state_with(mini, start, diversion=30)
    state, outcomes = play_quarter(mini, state, {})
    assert "smuggling" in state.news and state.quarter == 2
    assert state.queued == ((4, "trial"),)
    state, _ = play_quarter(mini, state, {})
    assert "trial" not in state.news
    state, _ = play_quarter(mini, state, {})
    assert state.quarter == 4 and "trial" in state.news


def test_action_can_queue_an_event_for_next_quarter(mini, start):
    state = state_with(mini, start, tension=0)  # summit odds 1 - 0/200 = 100%
    state, outcomes = play_quarter(mini, state, {"regulator": Order("regulator", ("summit",))})
    assert "summit_news" in state.news


def test_choice_takes_the_seat_answer_or_the_first_option(mini, start):
    state, _ = play_quarter(mini, start, {})
    assert state.news[-1] == "customs"
    quota = state.value(mini, "quota")
    blocked, _ = play_quarter(mini, state, {"regulator": Order("regulator", choices=(("customs", "block"),))})
    assert blocked.value(mini, "quota") == quota - 20
    default, _ = play_quarter(mini, state, {})
    assert default.value(mini, "quota") == quota + 10


def test_odds_roll_decides_success_and_is_reported(mini, start):
    wins = 0
    for seed in range(40):
        state, _ = new_game(mini, seed)
        after, outcomes = play_quarter(mini, state, {"vendor": Order("vendor", ("lobby",))})
        (o,) = [o for o in outcomes if o.kind == "action"]
        assert o.odds == 0.5 and o.roll is not None
        assert o.success == (o.roll < 0.5)
        assert (after.value(mini, "licence") == "approved") == o.success
        wins += o.success
    assert 5 < wins < 35  # a coin, not a constant


def test_odds_expression_reads_the_state_everyone_saw(mini, start):
    state = state_with(mini, start, tension=100)
    _, outcomes = play_quarter(
        mini, state, {"regulator": Order("regulator", ("summit",)), "lawmaker": Order("lawmaker", ("hearing",))}
    )
    (o,) = [o for o in outcomes if o.id == "summit"]
    assert o.odds == 0.5  # 1 - 100/200, though the hearing resolved first


@pytest.mark.parametrize(
    "order, message",
    [
        (Order("vendor", ("ship",)), 'needs licence == "approved"'),
        (Order("vendor", ("hearing",)), "belongs to lawmaker"),
        (Order("vendor", ("fly",)), "unknown action 'fly'"),
        (Order("vendor", ("lobby", "lobby")), "ordered twice"),
        (Order("lawmaker", ("hearing", "briefing")), "orders cost 3, budget is 2"),
        (Order("regulator", choices=(("opening", "x"),)), "not this seat's"),
        (Order("critic", ()), "unknown seat"),
    ],
)
def test_illegal_orders_are_refused(mini, start, order, message):
    with pytest.raises(IllegalOrder, match=message.replace("(", r"\(")):
        play_quarter(mini, start, {order.seat: order})


def test_once_only_action(mini, start):
    state, _ = play_quarter(mini, start, {"lawmaker": Order("lawmaker", ("briefing",))})
    assert state.used == ("briefing",)
    with pytest.raises(IllegalOrder, match="once a game"):
        play_quarter(mini, state, {"lawmaker": Order("lawmaker", ("briefing",))})


def test_budget_is_spent_then_refilled_to_the_cap(mini, start):
    state, _ = play_quarter(mini, start, {"lawmaker": Order("lawmaker", ("hearing",))})
    assert state.budget(mini, "lawmaker") == 2  # 2 - 2 + 2
    assert state.budget(mini, "vendor") == 3  # 2 + 2, capped at 3


def test_non_player_rule_and_early_ending(mini, start):
    state = state_with(mini, start, licence="approved", diversion=50)
    state, outcomes = play_quarter(mini, state, {})
    assert [o.id for o in outcomes if o.phase == "rule"] == ["agency_revokes"]
    assert state.ending == "revoked" and state.over and state.quarter == 1
    with pytest.raises(IllegalOrder, match="game is over"):
        play_quarter(mini, state, {})


def test_an_ending_applies_its_effects_once_as_the_game_ends(tmp_path):
    import shutil
    from pathlib import Path

    from game.content import load

    root = tmp_path / "mini"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", root)
    rules_file = root / "rules.toml"
    rules_file.write_text(
        rules_file.read_text().replace(
            'when = "tension >= 95"',
            'when = "tension >= 95"\neffects = [\'revenue -= if(ending == "crisis", 7, 1)\', \'licence = "revoked"\']',
        )
    )
    rules = load(root).scenario("mini")
    state = state_with(rules, new_game(rules, seed=1)[0], tension=99, revenue=30)
    state, outcomes = play_quarter(rules, state, {})
    assert state.ending == "crisis"
    # The effects read the ending just reached, and show as the ending's changes.
    assert state.value(rules, "revenue") == 23 and state.value(rules, "licence") == "revoked"
    (end,) = [o for o in outcomes if o.phase == "end"]
    assert [(c.track, c.before, c.after) for c in end.changes] == [
        ("revenue", 30, 23),
        ("licence", "pending", "revoked"),
    ]
    # With the null sink (bots, balance) the game ends the same way, and nothing is logged.
    unreported = play_quarter(
        rules, state_with(rules, new_game(rules, seed=1)[0], tension=99, revenue=30), {}, sink=NULL
    )
    assert unreported == (state, [])


def test_time_runs_out_after_the_last_quarter(mini, start):
    state = start
    for _ in range(mini.quarters):
        assert not state.over
        state, _ = play_quarter(mini, state, {})
    assert state.ending == "time" and state.quarter == mini.quarters


def test_private_tracks_and_outcomes_stay_with_their_seat(mini, start):
    state = state_with(mini, start, licence="approved")
    after, outcomes = play_quarter(mini, state, {"vendor": Order("vendor", ("ship",))})
    vendor_sees = view(mini, after, "vendor")
    lawmaker_sees = view(mini, after, "lawmaker")
    assert vendor_sees.has("revenue") and not lawmaker_sees.has("revenue")
    assert not vendor_sees.has("diversion") and not lawmaker_sees.has("diversion")
    assert lawmaker_sees.values[mini.track_index["revenue"]] is None
    assert [o.id for o in visible_outcomes(outcomes, "vendor", mini)].count("ship") == 1
    assert "ship" not in [o.id for o in visible_outcomes(outcomes, "lawmaker", mini)]
    assert view(mini, after, None).has("diversion")  # the facilitator sees all


def test_public_outcome_hides_changes_to_private_tracks(mini, start):
    _, outcomes = play_quarter(mini, start, {}, custom("tension += 1", "quota += 1"))
    (seen,) = [o for o in visible_outcomes(outcomes, "vendor", mini) if o.phase == "facilitator"]
    assert [c.track for c in seen.changes] == ["tension"]


def test_private_news_and_choices(mini, start):
    state, _ = play_quarter(mini, start, {})
    assert "customs" in view(mini, state, "regulator").choices
    assert "customs" not in view(mini, state, "vendor").news


def test_interventions_inject_force_and_set(mini, start):
    iv = (
        Intervention("inject", event="summit_news"),
        Intervention("force", action="lobby", success=False),
        Intervention("set", track="licence", value="revoked"),
    )
    state, outcomes = play_quarter(mini, start, {"vendor": Order("vendor", ("lobby",))}, iv)
    facilitator = [o for o in outcomes if o.phase == "facilitator"]
    assert [o.text for o in facilitator] == ["Summit communique", "Export licence set to revoked"]
    assert not [o for o in outcomes if o.id == "lobby"][0].success
    assert state.ending == "revoked"


@pytest.mark.parametrize(
    "item, message",
    [
        (Intervention("inject", event="nope"), "no event 'nope'"),
        (Intervention("custom", title="", effects=()), "needs a title"),
        (Intervention("custom", title="x", effects=("after 2: tension += 1",)), "'after' is not allowed"),
        (Intervention("force", action="ship"), "nobody ordered 'ship'"),
        (Intervention("set", track="licence", value="maybe"), "must be one of"),
        (Intervention("set", track="tension", value=500), "within 0..100"),
        (Intervention("wave"), "unknown intervention"),
    ],
)
def test_bad_interventions_are_refused(mini, start, item, message):
    with pytest.raises(IllegalOrder, match=message):
        play_quarter(mini, start, {}, (item,))


def test_scores_and_winner(mini, start):
    state = state_with(mini, start, revenue=10, diversion=40, tension=50)
    scores = score(mini, state)
    assert scores["vendor"].points == 20 and scores["lawmaker"].points == 60
    assert scores["regulator"].points == 100
    assert winner(scores) == "regulator"
    tied = state_with(mini, start, revenue=30, diversion=40, tension=20)
    assert winner(score(mini, tied)) == ""  # 60% each for vendor and lawmaker and regulator


def test_the_turn_function_leaves_its_input_untouched(mini, start):
    before = start.to_data()
    play_quarter(mini, start, {"vendor": Order("vendor", ("lobby",))}, custom("tension += 9"))
    assert start.to_data() == before


def test_odds_are_rolled_as_shown_before_choices_and_facilitator_events(mini, start):
    from game.core.options import action_choices

    state, _ = play_quarter(mini, start, {})  # quarter 2: the regulator's customs choice
    state = state_with(mini, state, tension=60)
    shown = {c.action.id: c.odds for c in action_choices(mini, view(mini, state, "regulator"))}
    orders = {"regulator": Order("regulator", ("summit",), (("customs", "block"),))}  # block: tension += 5
    _, outcomes = play_quarter(mini, state, orders, custom("tension += 20"))
    (rolled,) = [o for o in outcomes if o.id == "summit"]
    assert rolled.odds == shown["summit"] == 0.7
