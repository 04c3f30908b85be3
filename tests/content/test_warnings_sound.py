"""The never-true warning is never wrong: whenever a condition holds for some values its
names can take, the interval reasoning of content/warnings.py says it may hold. The oracle is
the game's own compiled condition, run on values drawn from the same ranges."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from game.content.warnings import Domain, Span, may_hold
from game.core import expr as ex
from game.core.expr.check import NUM, STR, Symbol, check_condition
from game.core.expr.closures import compile_expression

SYMBOLS = {
    "tension": Symbol("tension", NUM, 0),
    "quota": Symbol("quota", NUM, 1),
    "licence": Symbol("licence", STR, 2, True, ("pending", "approved", "revoked")),
    "quarter": Symbol("quarter", NUM, 3, writable=False),
}
DOMAIN = Domain(
    {"tension": Span(0, 100), "quota": Span(-20, 50), "quarter": Span(1, 6)},
    {"licence": frozenset({"pending", "approved"})},  # "revoked" is never set
)

numbers = st.recursive(
    st.sampled_from(["tension", "quota", "quarter", "0", "1", "2.5", "50", "100", "120", "-5"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
        inner.map(lambda x: f"abs({x})"),
        inner.map(lambda x: f"-{x}"),
        st.tuples(inner, inner, inner).map(lambda t: f"clamp({t[0]}, {t[1]}, {t[2]})"),
    ),
    max_leaves=4,
)
comparisons = st.one_of(
    st.tuples(numbers, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), numbers).map(" ".join),
    st.tuples(st.sampled_from(["==", "!="]), st.sampled_from(['"pending"', '"approved"', '"revoked"'])).map(
        lambda t: f"licence {t[0]} {t[1]}"
    ),
)
conditions = st.recursive(
    comparisons,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda c: f"not ({c})"),
    ),
    max_leaves=5,
)
values = st.tuples(
    st.one_of(st.integers(0, 100), st.floats(0, 100)),
    st.one_of(st.integers(-20, 50), st.floats(-20, 50)),
    st.sampled_from(["pending", "approved"]),
    st.integers(1, 6),
)


@settings(max_examples=400, deadline=None)
@given(conditions, st.lists(values, min_size=1, max_size=20))
def test_a_condition_that_holds_for_some_values_may_hold(text, tried):
    tree = ex.parse_expression(text)
    try:
        check_condition(tree, SYMBOLS)
    except ex.ExprError:  # a literal division by 0: refused before any warning
        assume(False)
    run = compile_expression(tree, SYMBOLS)
    if any(run(list(v)) for v in tried):
        assert may_hold(tree, DOMAIN), text


def test_narrowing_and_arithmetic_find_what_no_value_meets():
    for text in [
        "tension > 80 and tension < 20",
        "not (tension <= 100)",
        "tension * 2 > 250",
        'licence == "revoked"',
        "(tension >= 50 and quota > 60) or quarter > 6",
        "not (tension >= 0 or quota < 100)",
    ]:
        tree = ex.parse_expression(text)
        check_condition(tree, SYMBOLS)
        assert not may_hold(tree, DOMAIN), text
