"""Fuzzing the expression language: any text is parsed, checked and run, or refused with an
ExprError; typed as a facilitator's custom effect, it plays or is refused as IllegalOrder."""

from __future__ import annotations

from fuzzing import FUZZ, keep_going
from hypothesis import given
from hypothesis import strategies as st

from game.core import expr as ex
from game.core.expr.check import NUM, STR, Symbol, check_effect, type_of
from game.core.expr.closures import compile_expression
from game.core.state import IllegalOrder, Intervention

SYMBOLS = {
    "tension": Symbol("tension", NUM, 0),
    "quota": Symbol("quota", NUM, 1),
    "licence": Symbol("licence", STR, 2, True, ("pending", "approved", "revoked")),
    "quarter": Symbol("quarter", NUM, 3, writable=False),
}
VALUES = [70, 0, "pending", 3]
TOKENS = [
    *SYMBOLS, "budget.vendor", "nosuch", "(", ")", "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=",
    "and", "or", "not", "min(", "max(", "abs(", "clamp(", "if(", ",", "0", "1", "2.5", "0.0", "9" * 14,
    '"pending"', "'revoked'", '"nope"', "after 2:", "after 0:", "event", "summit", "=", "+=", "-=", "*=", "/=",
    ":", "true", "false", "$", "[/x]", "\x1b", "(" * 40, ")" * 40, "-" * 40,
]  # fmt: skip
texts = st.one_of(st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join), st.text(max_size=80))


@FUZZ
@given(texts)
def _expressions(text):
    try:
        tree = ex.parse_expression(text)
        kind = type_of(tree, SYMBOLS)
    except ex.ExprError as err:
        assert "\n" not in err.message
        return
    value = compile_expression(tree, SYMBOLS)(list(VALUES))
    assert kind != NUM or isinstance(value, (int, float))


@FUZZ
@given(texts)
def _effects(text):
    try:
        check_effect(ex.parse_effect(text), SYMBOLS, {"summit"})
    except ex.ExprError as err:
        assert "\n" not in err.message


@FUZZ
@given(st.lists(texts, min_size=1, max_size=3))
def _custom_effects_in_play(mini, mini_content, effects):
    from game.match import Match

    match = Match.start(mini, 1, {}, mini_content.fingerprint)
    item = Intervention("custom", title="Fuzz", text="", effects=tuple(effects))
    try:
        match.play(interventions=(item,))
    except IllegalOrder as err:
        assert "\n" not in str(err)
        return
    match.play_out()
    assert match.over


def test_any_expression_parses_checks_and_runs_or_is_an_expr_error():
    keep_going(_expressions)


def test_any_effect_parses_and_checks_or_is_an_expr_error():
    keep_going(_effects)


def test_any_custom_effect_plays_or_is_an_illegal_order(mini, mini_content):
    keep_going(lambda: _custom_effects_in_play(mini, mini_content))
