"""What the narrowed quiet quarter assumes (`ranges.py`), held against the values themselves.

The narrowed code leaves out a clamp, a rounding or a test only where `value_range` says the
outcome is known, so a range that is too narrow, or a wrong kind, would give a wrong value.
These tests evaluate random expressions on random values that fit and check that every value
lands in its range with its kind; `test_quiet.py` then plays the narrowed code side by side
with the reported quarter.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import random_orders

from game.content import load
from game.core import expr as ex
from game.core import new_game, play_quarter
from game.core.closures import compile_value
from game.core.effects import compile_immediate, divide_or_keep, rules_symbols
from game.core.pysource import effects as effect_source
from game.core.ranges import Slots, combined_range, value_range
from game.core.state import Intervention

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def h200():
    return load().scenario("h200")


def slot_value(r):
    """Any value a slot of range `r` may hold on a state that fits, edges and -0.0 included."""
    ints = st.integers(int(r.lo), int(r.hi))
    if r.kind == "int":
        return ints
    return st.one_of(ints, st.floats(r.lo, r.hi, allow_nan=False), st.sampled_from([float(r.lo), float(r.hi), -0.0]).filter(
        lambda x: r.lo <= x <= r.hi))


def number_tree(names):
    """Random number expressions over the slots `names`: every operator and function content
    may write, literals whole and not, near zero and not."""
    leaf = st.one_of(
        st.sampled_from(names).map(lambda n: ex.Name(n, 1)),
        st.integers(0, 400).map(lambda n: ex.Num(n, 1)),
        st.sampled_from([0.5, 0.027, 2.5, 1e-3, 100.0, 0.0]).map(lambda n: ex.Num(n, 1)),
    )

    def grow(inner):
        two = st.tuples(inner, inner)
        return st.one_of(
            inner.map(lambda a: ex.Unary("-", a, 1)),
            st.tuples(st.sampled_from(["+", "-", "*", "/"]), inner, inner).map(lambda t: ex.Binary(t[0], t[1], t[2], 1)),
            st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(
                lambda t: ex.Call(t[0], tuple(t[1]), 1)),
            inner.map(lambda a: ex.Call("abs", (a,), 1)),
            st.tuples(inner, inner, inner).map(lambda t: ex.Call("clamp", t, 1)),
            st.tuples(two, inner, inner).map(lambda t: ex.Call("if", (ex.Binary(">", *t[0], 1), t[1], t[2]), 1)),
        )

    return st.recursive(leaf, grow, max_leaves=8)


def fits_kind(value, kind: str) -> bool:
    return type(value) is int if kind == "int" else type(value) is float if kind == "float" else type(value) in (int, float)


def a_case(rules, data):
    """Symbols, slot ranges, a random expression over the slots that have a range, and
    values that fit."""
    symbols = rules_symbols(rules)[0]
    ranges = Slots(rules).ranges
    names = [name for name, sym in symbols.items() if sym.index in ranges]
    tree = data.draw(number_tree(names))
    v = [None] * (max(ranges) + 2)
    for i, slot_range in ranges.items():
        v[i] = data.draw(slot_value(slot_range))
    return symbols, ranges, names, tree, v


@PROPERTY
@given(data=st.data())
def test_an_expression_stays_in_its_range_and_kind(h200, data):
    symbols, ranges, _, tree, v = a_case(h200, data)
    r = value_range(tree, symbols, ranges)
    value = compile_value(tree, symbols)(v)
    if r is not None:
        assert r.lo <= value <= r.hi, (r, value)
        assert fits_kind(value, r.kind), (r, value)


@PROPERTY
@given(data=st.data())
def test_a_combined_assignment_stays_in_its_range_and_kind(h200, data):
    import operator

    symbols, ranges, names, tree, v = a_case(h200, data)
    target = symbols[data.draw(st.sampled_from(names))].index
    op = data.draw(st.sampled_from(["=", "+=", "-=", "*=", "/="]))
    r = combined_range(op, ranges[target], value_range(tree, symbols, ranges))
    x = compile_value(tree, symbols)(v)
    combine = {"=": lambda old, x: x, "+=": operator.add, "-=": operator.sub, "*=": operator.mul, "/=": divide_or_keep}[op]
    value = combine(v[target], x)
    if r is not None:
        assert r.lo <= value <= r.hi and fits_kind(value, r.kind), (r, value)


def test_ranges_follow_bounds_kinds_and_what_stays_unknown(mini):
    symbols = rules_symbols(mini)[0]
    slots = Slots(mini)
    tension, revenue = symbols["tension"].index, symbols["revenue"].index
    assert slots.ranges[tension] == (0, 100, "int") and slots.ranges[revenue] == (0, 50, "num")

    def of(text):
        return value_range(ex.parse_expression(text), symbols, slots.ranges)

    assert of("tension - 2") == (-2, 98, "int")
    assert of("tension / 4") == (0.0, 25.0, "float")
    assert of("revenue * 2 + 1") == (1, 101, "num")  # an int or a float: revenue has a place of decimals
    # A whole divisor that may be 0 is at least 1 away from it otherwise (and 0 gives 0) ...
    assert of("tension / (tension - 50)") == (-100.0, 100.0, "num")
    assert of("tension / (revenue - 1)") is None  # ... but one with decimals may be 0.001: unbounded
    assert of("min(tension, 2.5)") == (0, 2.5, "num")
    assert of('if(licence == "approved", 3, -2)') == (-2, 3, "int")
    assert of("abs(tension - 60)") == (0, 60, "int")


def test_the_narrowed_code_leaves_out_only_what_the_ranges_decide(mini):
    symbols = rules_symbols(mini)[0]
    slots = Slots(mini)
    t = f"v[{symbols['tension'].index}]"

    def narrowed(text):
        return effect_source(compile_immediate(mini, [text], "test"), symbols, "", "v[{}]", slots)

    # Whole numbers that cannot pass 100: no upper clamp, no rounding, written outright.
    assert narrowed("tension -= 2") == [f"x = ({t} - 2)", f"{t} = x if x > 0 else 0"]
    # A float is rounded (without asking whether it is an int) and clamped both ways.
    assert narrowed("tension += revenue / 10 - 3") == [
        f"x = ({t} + ((v[{symbols['revenue'].index}] / 10) - 3))",
        f"{t} = (x.__round__() if x < 100 else 100) if x > 0 else 0"]
    # Whole numbers that stay within both bounds: the value itself, written outright.
    assert narrowed("tension = min(tension, 40)") == [f"{t} = (40 if 40 < {t} else {t})"]
    # A track with decimals keeps the test that keeps 5 an int when the new value is 5.0.
    assert narrowed("revenue += 1")[-2:] == [f"if x != v[{symbols['revenue'].index}]:", f"    v[{symbols['revenue'].index}] = x"]
    # Unknown ranges assume nothing: the full steps, as the unnarrowed code writes them.
    full = effect_source(compile_immediate(mini, ["tension += tension / (revenue - 1)"], "test"), symbols, "", "v[{}]")
    assert narrowed("tension += tension / (revenue - 1)") == [
        full[0], f"{t} = ((x if type(x) is int else x.__round__()) if x < 100 else 100) if x > 0 else 0"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**40), data=st.data())
def test_every_state_a_game_reaches_fits_the_narrowed_code(mini, h200, seed, data):
    """Content's start and play's effects (the reported ones, which nothing narrows) keep
    every slot in its range and every whole-number track an int: a game never needs the
    full code unless a facilitator sets a fraction."""
    for rules in (mini, h200):
        state, _ = new_game(rules, seed)
        while True:
            assert rules.quiet.fits(state.slots()), state
            if state.over:
                break
            state, _ = play_quarter(rules, state, random_orders(rules, state, data))


def test_a_state_that_does_not_fit_goes_to_the_full_code(mini):
    quiet = mini.quiet
    state, _ = new_game(mini, 3)
    tension = mini.track_index["tension"]
    assert quiet.for_state(state) is quiet
    for value in (50.5, 50.0, True, 101, -1):
        odd = attrs.evolve(state, values=state.values[:tension] + (value,) + state.values[tension + 1:])
        assert quiet.for_state(odd) is quiet.full, value
    assert quiet.for_state(attrs.evolve(state, budgets=(2.0,) + state.budgets[1:])) is quiet.full
    assert quiet.full.for_state(state) is quiet.full  # the full code resolves anything


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**40), value=st.floats(0, 100, allow_nan=False))
def test_after_a_facilitator_sets_a_fraction_the_quiet_quarter_still_matches(mini, seed, value):
    """The one way play makes a state that does not fit: a facilitator's set. The next quiet
    quarter goes through the full code and reaches the reported state, types and all."""
    state, _ = new_game(mini, seed)
    state, _ = play_quarter(mini, state, {}, (Intervention("set", track="tension", value=value),))
    if state.over:
        return
    loud, _ = play_quarter(mini, state, {})
    quiet, _ = play_quarter(mini, state, {}, report=False)
    assert quiet == loud and quiet.digest() == loud.digest()


def test_content_whose_start_does_not_fit_plays_on_the_full_code(tmp_path):
    """A whole-number track that starts at 40.0 (TOML lets an author write it) does not fit
    until an effect rounds it to an int: until then the quiet quarters run the full code,
    and every one matches the reported one."""
    import shutil

    from game.core.state import new_state
    from game.core.turn import new_game as start_game

    mini_folder = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
    root = tmp_path / "mini"
    shutil.copytree(mini_folder, root)
    text = (mini_folder / "rules.toml").read_text()  # the scenario starts tension at 40 ...
    (root / "rules.toml").write_text(text.replace("tension = 40\n", "tension = 40.0\n", 1))
    rules = load(root).scenario("mini")
    assert rules.quiet.for_state(new_state(rules, 1)) is rules.quiet.full
    for seed in range(4):
        loud, _ = start_game(rules, seed)
        quiet, _ = start_game(rules, seed, report=False)
        assert quiet.digest() == loud.digest()
        while not loud.over:
            loud, _ = play_quarter(rules, loud, {})
            quiet, _ = play_quarter(rules, quiet, {}, report=False)
            assert quiet.digest() == loud.digest()
