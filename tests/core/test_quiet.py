"""The quiet quarter (generated Python) against the reported one (closures), side by side.

Bots and balance runs resolve quarters through `quiet.py`; screens, saves and replays
through the reporting path. They must reach the very same state, down to an int staying an
int, from any state, on any legal orders, with forced rolls: a save digest depends on it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_properties import random_orders
from test_ranges import number_tree

from game.content import load
from game.core import new_game, play_quarter
from game.core.state import Intervention, Order

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

# No shrinking: a failing example of the full scenario is shown as found, not after minutes
# spent shrinking a state of 25 tracks.
SIDE_BY_SIDE = settings(max_examples=80, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
                        suppress_health_check=[HealthCheck.function_scoped_fixture])


# The mini world with a rule written with if() and an ending with effects: no shipped scenario
# uses either yet.
IF_RULE = """
[[rule]]
id = "tension_follows_the_licence"
name = "Tension follows the licence"
when = "quarter >= 1"
effects = ['tension += if(licence == "approved", 3, -2) + if(diversion > 20 and quota < 50, diversion / 10, 0)']
"""


@pytest.fixture(scope="module", params=["mini", "h200", "mini+if"])
def rules(request, mini, tmp_path_factory):
    if request.param == "mini":
        return mini
    if request.param == "mini+if":
        root = tmp_path_factory.mktemp("mini-if") / "mini"
        shutil.copytree(MINI, root)
        # ... and an ending with effects of its own.
        text = (MINI / "rules.toml").read_text().replace(
            'when = "tension >= 95"', 'when = "tension >= 95"\neffects = [\'revenue -= if(licence == "approved", 20, 5)\', '
                                      '"diversion *= 2", \'licence = "revoked"\']')
        (root / "rules.toml").write_text(text + IF_RULE)
        return load(root).scenario("mini")
    return load().scenario("h200")


def track_value(track, fitting: bool = False):
    """Any value the track could hold, edges and whole floats (5.0 beside 5) included; or,
    `fitting`, any value play leaves there (an int on a whole-number track), which the
    narrowed code resolves (see `ranges.Slots`)."""
    if not track.is_number:
        return st.sampled_from(track.states)
    lo, hi = track.min, track.max
    if fitting and track.precision == 0:
        return st.integers(int(lo), int(hi))
    return st.one_of(
        st.sampled_from([lo, hi, float(lo), float(hi), 0]).filter(lambda x: lo <= x <= hi),
        st.integers(int(lo), int(hi)),
        st.floats(lo, hi, allow_nan=False).map(lambda x: round(x, track.precision)),
    )


def shaken(rules, state, data):
    """`state` with every track moved to a value hypothesis picks: the rules then take
    branches, hit bounds and divide by zero in ways four quarters of play rarely reach.
    Half the time the values are ones play could leave, so the narrowed code resolves the
    state; otherwise, mostly, the full code does."""
    fitting = data.draw(st.booleans())
    state = attrs.evolve(state, values=tuple(data.draw(track_value(t, fitting)) for t in rules.tracks))
    if fitting:
        assert rules.quiet.for_state(state) is rules.quiet
    return state


def forced_rolls(orders, data):
    ordered = sorted({a for order in orders.values() for a in order.actions})
    if not ordered or not data.draw(st.booleans()):
        return ()
    picks = data.draw(st.lists(st.sampled_from(ordered), max_size=3, unique=True))
    return tuple(Intervention("force", action=a, success=data.draw(st.booleans())) for a in picks)


@SIDE_BY_SIDE
@given(seed=st.integers(0, 2**40), data=st.data())
def test_the_quiet_quarter_reaches_the_state_the_reported_one_does(rules, seed, data):
    state, _ = new_game(rules, seed)
    state = shaken(rules, state, data)
    for _ in range(4):
        if state.over:
            break
        orders = random_orders(rules, state, data)
        forced = forced_rolls(orders, data)
        loud, outcomes = play_quarter(rules, state, orders, forced)
        tally = []
        quiet, nothing = play_quarter(rules, state, orders, forced, report=False, tally=tally)
        assert nothing == []
        assert quiet == loud
        assert quiet.digest() == loud.digest()  # types too: 5 and 5.0 differ in a save
        assert tally == [(o.kind, o.id) for o in outcomes if o.kind in ("event", "option", "rule")]
        # Untallied, as a bot's lookahead resolves it: the rules and the next news in one go.
        untallied, _ = play_quarter(rules, state, orders, forced, report=False)
        assert untallied == loud and untallied.digest() == loud.digest()
        state = loud


@SIDE_BY_SIDE
@given(seed=st.integers(0, 2**40), data=st.data())
def test_the_compiled_menus_offer_what_the_orders_screen_allows(rules, seed, data):
    from game.core.options import action_choices
    from game.core.view import view

    state = shaken(rules, new_game(rules, seed)[0], data)
    # Any budgets, and any once-only actions taken already.
    once = [a.id for a in rules.actions if a.once]
    state = attrs.evolve(state, budgets=tuple(data.draw(st.integers(0, s.budget_max)) for s in rules.seats),
                         used=tuple(data.draw(st.lists(st.sampled_from(once), unique=True)) if once else ()))
    for seat in rules.seat_ids:
        seat_view = view(rules, state, seat)
        allowed = [(c.action.id, c.action.cost) for c in action_choices(rules, seat_view) if c.available]
        assert rules.quiet.menus[seat](seat_view.values, seat_view.used, seat_view.budget) == allowed


def test_the_quiet_quarter_is_generated_python_from_checked_trees_only(rules):
    source = rules.quiet.source
    # Every name in the module is a slot, a helper or a parameter: content never becomes code.
    import ast

    names = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    allowed = {"v", "S", "seen", "forced", "ok", "x", "q", "due", "already", "fired", "tally", "used", "budget", "menu",
               "True", "False", "None", "min", "max", "abs", "float", "_chance",
               "type", "int", "end", "set", "tuple"}  # the generator's own: type(x) is int before rounding,
    # the ending reached, the once-only events already fired, the news drawn
    slots = {f"t{i}" for i in range(len(rules.tracks) + len(rules.seats) + 2)}  # the rules' locals
    points = {f"p{j}" for seat in rules.seats for j in range(len(seat.objectives))}
    temps = {f"_x{i}" for i in range(20)}  # what min, max and division bind, to read twice
    assert names <= allowed | slots | points | temps, names - allowed - slots - points - temps
    # ... and the only things it can do are these: no import, no other attribute, no other call.
    tree = ast.parse(source)
    attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert attributes <= {"rng", "random", "fired", "used", "queued", "pending", "quarter", "append", "get", "__round__", "news", "extend"}
    calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert calls <= {"min", "max", "abs", "x.__round__", "float", "type", "_chance", "S.rng.random",
                     "S.fired.append", "S.used.append", "S.queued.append", "S.pending.append", "fired.append",
                     "tally.append", "forced.get", "menu.append", "set", "tuple", "S.fired.extend"}, calls
    assert not any(isinstance(n, (ast.Import, ast.ImportFrom, ast.Lambda, ast.ClassDef, ast.Global)) for n in ast.walk(tree))
    assert all(isinstance(n, ast.FunctionDef) for n in tree.body)  # the module only defines functions


@SIDE_BY_SIDE
@given(seed=st.integers(0, 2**40), data=st.data())
def test_compiled_objectives_score_as_the_scoreboard_does(rules, seed, data):
    from game.core.scoring import _clamped, leader, objective_points, score, standings, winner

    state = shaken(rules, new_game(rules, seed)[0], data)
    v = state.slots()
    scores = score(rules, state)
    for seat in rules.seats:
        points = objective_points(rules, state, seat.id)
        assert points == tuple(_clamped(o, v) for o in seat.objectives)
        assert [round(p, 1) for p in points] == [o.points for o in scores[seat.id].objectives]
    # The balance run's standings and winner, without score objects: the same to the bit.
    assert standings(rules, state) == tuple((scores[s].points, scores[s].share) for s in rules.seat_ids)
    assert leader(dict(zip(rules.seat_ids, (share for _, share in standings(rules, state))))) == winner(scores)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(-2**63, 2**63))
def test_a_quiet_new_game_is_the_reported_one(rules, seed):
    loud, outcomes = new_game(rules, seed)
    tally = []
    quiet, nothing = new_game(rules, seed, report=False, tally=tally)
    assert nothing == [] and quiet == loud and quiet.digest() == loud.digest()
    assert tally == [(o.kind, o.id) for o in outcomes]


@pytest.mark.parametrize("odds", [0.5, 0, -0.0, -3, 1, 1.0, 7, 0.999, 1e-9, float("inf"), float("-inf"), float("nan")])
def test_a_compiled_roll_clamps_odds_as_the_reported_one(mini, odds):
    from game.core.quiet import _chance
    from game.core.scratch import Scratch, odds_of

    state, _ = new_game(mini, 5)
    loud, quiet = Scratch(mini, state), Scratch(mini, state)
    assert quiet.rng.state == loud.rng.state
    assert _chance(quiet, odds) == loud.roll(odds_of(lambda v: odds, loud.v))[0]
    assert quiet.rng.state == loud.rng.state  # and it drew a number exactly when that one did


def test_text_in_content_reaches_the_generated_python_only_as_a_literal():
    import ast

    from game.core import expr as ex
    from game.core.expr_check import STR, Symbol
    from game.core.pysource import expression

    hostile = "x'); __import__('os').system('echo owned'); ('"
    symbols = {"licence": Symbol("licence", STR, 4, True, (hostile,))}
    tree = ex.Binary("==", ex.Name("licence", 1), ex.Str(hostile, 12), 10)
    source = expression(tree, symbols)
    assert ast.literal_eval(ast.parse(source, mode="eval").body.comparators[0]) == hostile  # one string, intact
    assert [type(n).__name__ for n in ast.walk(ast.parse(source, mode="eval"))].count("Call") == 0



@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), data=st.data())
def test_a_failure_without_effects_ends_as_a_pass_but_for_the_budget(rules, seed, data):
    """What a bot's lookahead relies on to skip resolving such failures (`unread_budgets`)."""
    from game.core.options import shown_odds
    from game.core.rng import Tape

    state = shaken(rules, new_game(rules, seed)[0], data)
    tape = Tape(state.rng)
    n = len(rules.tracks)
    for i, seat in enumerate(rules.seats):
        assert seat.id in rules.quiet.budget_unread  # no shipped or test scenario reads a budget
        for action in rules.actions_of(seat.id):
            if action.fail_effects or action.cost > state.budgets[i]:
                continue
            failed = rules.quiet.resolve(state, {seat.id: Order(seat.id, (action.id,))}, {action.id: False},
                                         rng=tape.reader(0))
            drew = 1 if 0 < shown_odds(action, state.values) < 1 else 0  # certain odds draw nothing
            passed = rules.quiet.resolve(state, {}, {}, rng=tape.reader(drew))
            assert failed.v[:n] + failed.v[n + len(rules.seats):] == passed.v[:n] + passed.v[n + len(rules.seats):]
            assert (failed.rng.at, failed.fired, failed.queued, failed.pending, failed.news) == \
                   (passed.rng.at, passed.fired, passed.queued, passed.pending, passed.news)
            assert rules.quiet.points[seat.id](failed.v) == rules.quiet.points[seat.id](passed.v)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), data=st.data())
def test_a_copied_working_copy_resolves_as_one_built_from_the_state(rules, seed, data):
    """A bot's lookahead copies one prepared copy per order and passes its values as `seen`:
    each quarter ends as `resolve` from the state would, and the prepared copy never moves."""
    from game.core.rng import Tape
    from game.core.scratch import Scratch

    state = shaken(rules, new_game(rules, seed)[0], data)
    start = Scratch(rules, state, False)
    quiet = rules.quiet.for_state(state)
    before = (list(start.v), list(start.fired), list(start.used), list(start.queued), list(start.pending))
    tape = Tape(state.rng)
    for _ in range(3):
        orders = random_orders(rules, state, data)
        forced = {i.action: i.success for i in forced_rolls(orders, data)}
        built = rules.quiet.resolve(state, orders, forced, rng=tape.reader(0))
        copied = quiet.advance(start.copy(tape.reader(0)), state.news, orders, forced, None, start.v)
        copied, built = copied.freeze(state, copied.news, copied.v[-1]), built.freeze(state, built.news, built.v[-1])
        assert copied == built and copied.digest() == built.digest()
        assert (start.v, start.fired, start.used, start.queued, start.pending) == before


def test_a_budget_read_by_a_rule_is_not_unread(mini, tmp_path):
    from game.core.quiet import unread_budgets

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "rules.toml").write_text((MINI / "rules.toml").read_text() + """
[[rule]]
id = "spending_shows"
name = "Spending shows"
when = "budget.vendor < 2"
effects = ["tension += 1"]
""")
    read = load(root).scenario("mini")
    assert unread_budgets(mini) == set(mini.seat_ids)
    assert unread_budgets(read) == set(mini.seat_ids) - {"vendor"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), data=st.data())
def test_an_imagined_quarter_is_the_advanced_one(rules, seed, data):
    """A bot's lookahead resolves one seat's single action (or none) through `imagine`, with
    its answers' option effects picked once (`answered`): the same quarter `advance` plays."""
    from game.core.rng import Tape
    from game.core.scratch import Scratch

    state, _ = new_game(rules, seed)
    for _ in range(data.draw(st.integers(0, 3))):  # on to a quarter whose news may ask choices
        if state.over:
            return
        state, _ = play_quarter(rules, state, random_orders(rules, state, data))
    if state.over:
        return
    state = shaken(rules, state, data)
    quiet = rules.quiet.for_state(state)
    tape = Tape(state.rng)
    start = Scratch(rules, state, False)
    for seat in rules.seat_ids:
        order = random_orders(rules, state, data)[seat]
        action = data.draw(st.sampled_from(order.actions)) if order.actions else None
        forced = {i.action: i.success for i in forced_rolls({seat: order}, data)}
        options = quiet.answered(state.news, seat, order.choices)
        imagined = quiet.imagine(start.copy(tape.reader(0)), options, action, forced, start.v)
        single = Order(seat, (action,) if action else (), order.choices)
        advanced = quiet.advance(start.copy(tape.reader(0)), state.news, {seat: single}, forced, None, start.v)
        imagined, advanced = imagined.freeze(state, imagined.news, imagined.v[-1]), advanced.freeze(state, advanced.news, advanced.v[-1])
        assert imagined == advanced and imagined.digest() == advanced.digest()


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_generated_expressions_give_what_the_closures_give(data):
    """min, max, clamp and division are written as comparisons with temporaries: on any
    values (ties of 5 and 5.0, zero divisors, negatives) they give the closures' value and
    type: min and max keep the first of equals, division by zero gives 0."""
    from game.core.closures import compile_value
    from game.core.expr_check import NUM, Symbol
    from game.core.pysource import expression

    symbols = {name: Symbol(name, NUM, i) for i, name in enumerate(("a", "b", "c"))}
    tree = data.draw(number_tree(list(symbols)))
    v = data.draw(st.lists(st.sampled_from([0, 0.0, 5, 5.0, -5, 2.5, 1, 100]), min_size=3, max_size=3))
    expected = compile_value(tree, symbols)(v)
    got = eval(expression(tree, symbols), {"__builtins__": {}, "abs": abs}, {"v": v})  # noqa: S307 (generated from a tree)
    assert (type(got), got) == (type(expected), expected)
