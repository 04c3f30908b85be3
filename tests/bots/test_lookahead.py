"""The smart bot's arithmetic on the small world, where every gain can be worked out by hand.

Mini's vendor scores 2 points per $1bn of revenue; `ship` (needs an approved licence) adds
$2.5bn, so 5 points; `lobby` approves the licence half the time, which opens `ship`.
"""

from __future__ import annotations

import attrs

from game.bots.lookahead import OPENING, analyse, best_sets
from game.bots.montecarlo import ExpertBot
from game.bots.reasons import lower_first, objective_label
from game.bots.smart import SmartBot
from game.core import new_game
from game.core.scoring import objective_points, score
from game.core.view import view


def with_values(rules, state, **values):
    vals = list(state.values)
    for name, value in values.items():
        vals[rules.track_index[name]] = value
    return attrs.evolve(state, values=tuple(vals))


def test_gain_of_a_sure_action_is_exact(mini):
    state, _ = new_game(mini, 2)
    state = with_values(mini, state, licence="approved")
    analysis = analyse(mini, "vendor", view(mini, state, "vendor"), seed=2)
    ship = next(e for e in analysis.estimates if e.action.id == "ship")
    assert ship.gains == (5.0,)
    assert ship.opens == ()
    order = SmartBot(mini, "vendor", 2).order(view(mini, state, "vendor"))
    assert order.actions == ("ship",)
    assert order.reason.startswith("ship chips: 'Earn revenue' is behind target (+5.0 pts expected)")


def test_an_action_that_opens_another_is_valued_by_its_odds(mini):
    state, _ = new_game(mini, 2)
    analysis = analyse(mini, "vendor", view(mini, state, "vendor"), seed=2)
    lobby = next(e for e in analysis.estimates if e.action.id == "lobby")
    assert [a.id for a in lobby.opens] == ["ship"]
    assert lobby.odds == 0.5
    assert lobby.gains == (OPENING * 0.5 * 5.0,)
    order = SmartBot(mini, "vendor", 2).order(view(mini, state, "vendor"))
    assert order.actions == ("lobby",)
    assert "opens ship chips" in order.reason


def test_pass_when_nothing_helps(mini):
    """Mini's lawmaker scores on hidden diversion, which none of its actions can lower."""
    state, _ = new_game(mini, 4)
    order = SmartBot(mini, "lawmaker", 4).order(view(mini, state, "lawmaker"))
    assert order.actions == ()
    assert order.reason.startswith("pass: ")


def test_choices_take_the_better_option(mini):
    """Customs (quarter 2, regulator): 'block' adds 5 tension, which brings tension (35) closer to 50."""
    state, _ = new_game(mini, 1)
    state = attrs.evolve(state, quarter=2, news=("customs",))
    sv = view(mini, state, "regulator")
    assert sv.choices == ("customs",)
    analysis = analyse(mini, "regulator", sv, seed=1)
    assert analysis.answers == (("customs", "block"),)
    assert analysis.answer_gains == (10.0,)  # |35+5-50|*2 = 20 against |35-50|*2 = 30
    assert (
        "Customs asks for guidance: hold them at the border (+10.0 pts)"
        in SmartBot(mini, "regulator", 1).order(sv).reason
    )


def test_best_sets_respect_the_budget_and_rank_by_gain(mini):
    from game.bots.lookahead import Estimate

    acts = {a.id: a for a in mini.actions}
    estimates = [
        Estimate(acts["cut_quota"], 1.0, (3.0,)),
        Estimate(acts["summit"], 1.0, (4.0,)),
        Estimate(acts["hearing"], 1.0, (0.01,)),
    ]
    sets = best_sets(estimates, budget=2)
    assert [tuple(e.action.id for e in combo) for _, combo in sets] == [("summit",), ("cut_quota",), ()]
    sets = best_sets(estimates, budget=3)
    assert sets[0][0] == 7.0 and {e.action.id for e in sets[0][1]} == {"summit", "cut_quota"}


def test_objective_points_agree_with_score(mini):
    state, _ = new_game(mini, 8)
    for seat in mini.seat_ids:
        assert [round(p, 1) for p in objective_points(mini, seat, state.slots())] == [
            o.points for o in score(mini, state)[seat].objectives
        ]


def test_expert_sees_what_lobbying_leads_to(mini):
    state, _ = new_game(mini, 2)
    # Its own points only, as this is a test of the horizon: in the mini world lobbying
    # gains the vendor nothing within three quarters and costs it lead, so weighing the
    # lead it passes.
    order = ExpertBot(mini, "vendor", 2, rivalry=0.0).order(view(mini, state, "vendor"))
    assert order.actions == ("lobby",)
    assert "over 3 quarters" in order.reason


def test_reason_wording():
    assert lower_first("Lobby the Commerce Department") == "lobby the Commerce Department"
    assert lower_first("US lead") == "US lead" and lower_first("H200 sales") == "H200 sales"
    assert objective_label("China revenue: 2 points per $1bn.") == "'China revenue'"
    assert objective_label("Keep tension moderate.") == "'Keep tension moderate'"


def test_the_set_search_ranks_what_trying_every_set_ranks():
    """best_sets grows sets one action at a time; on menus with ties, free actions and odd
    budgets it must rank exactly what ranking every affordable set by brute force gives."""
    import itertools

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from game.bots.lookahead import MIN_GAIN, Estimate
    from game.core.model import Action

    def action(i, cost):
        return Action(f"a{i}", "vendor", f"A{i}", "", cost, None, "", None, "", ())

    def every_set(estimates, budget, keep):
        worth = sorted((e for e in estimates if e.gain >= MIN_GAIN and e.action.cost <= budget), key=lambda e: -e.gain)
        ranked = []
        for size in range(len(worth) + 1):
            for picked in itertools.combinations(range(len(worth)), size):
                cost = sum(worth[i].action.cost for i in picked)
                if cost <= budget:
                    gain = 0.0
                    for i in picked:  # summed in the search's order, so floats round alike
                        gain += worth[i].gain
                    ranked.append(((-round(gain, 9), cost, size, picked), gain, tuple(worth[i] for i in picked)))
        ranked.sort(key=lambda r: r[0])  # the search meets sets in the order of their indices
        return tuple((gain, combo) for _, gain, combo in ranked[:keep])

    gains = st.sampled_from([0.0, 0.04, 0.5, 1.0, 1.0, 2.5, 3.0, 7.25])
    menus = st.lists(st.tuples(gains, st.integers(0, 3)), max_size=9)

    @settings(max_examples=300, deadline=None)
    @given(menu=menus, budget=st.integers(0, 6), keep=st.integers(1, 9))
    def check(menu, budget, keep):
        estimates = [Estimate(action(i, cost), 1.0, (gain,)) for i, (gain, cost) in enumerate(menu)]
        assert best_sets(estimates, budget, keep) == every_set(estimates, budget, keep)

    check()


def test_past_max_sets_the_search_stops_where_it_always_did():
    """With more affordable sets than MAX_SETS the search keeps the first MAX_SETS it meets
    (passing first, each set before those grown from it) and skips nothing on the way, so the
    ranking is that of those sets; below MAX_SETS it may skip sets that cannot rank."""
    from game.bots.lookahead import MAX_SETS, Estimate
    from game.core.model import Action

    # The best action takes the whole budget, and 13 free ones may join it: its sets alone are
    # past MAX_SETS, so the capped search never meets the best set, the next two with the free.
    menu = [(3.0, 4), (2.9, 2), (2.8, 2)] + [(0.5 - 0.01 * i, 0) for i in range(13)]
    estimates = [
        Estimate(Action(f"a{i}", "vendor", f"A{i}", "", cost, None, "", None, "", ()), 1.0, (gain,))
        for i, (gain, cost) in enumerate(menu)
    ]
    budget = 4

    def in_search_order(start=0, picked=(), cost=0):
        for i in range(start, len(menu)):
            if cost + menu[i][1] <= budget:
                yield picked + (i,)
                yield from in_search_order(i + 1, picked + (i,), cost + menu[i][1])

    assert 1 + sum(1 for _ in in_search_order()) > MAX_SETS  # every affordable set, the empty one too
    met = [()] + [p for _, p in zip(range(MAX_SETS - 1), in_search_order())]
    ranked = []
    for n, picked in enumerate(met):
        gain = 0.0
        for i in picked:
            gain += menu[i][0]
        ranked.append(((-round(gain, 9), sum(menu[i][1] for i in picked), len(picked), n), gain, picked))
    ranked.sort()
    for keep in (1, 3, 8):
        sets = best_sets(estimates, budget, keep)
        assert [(gain, tuple(int(e.action.id[1:]) for e in combo)) for gain, combo in sets] == [
            (gain, picked) for _, gain, picked in ranked[:keep]
        ]
