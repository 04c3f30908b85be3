"""The expression language: precedence, types, errors, and compiled evaluation."""

from __future__ import annotations

import pytest

from game.core import expr as ex
from game.core.expr.check import NUM, STR, Symbol, check_condition, check_effect, type_of
from game.core.expr.closures import compile_expression

SYMBOLS = {
    "tension": Symbol("tension", NUM, 0),
    "quota": Symbol("quota", NUM, 1),
    "licence": Symbol("licence", STR, 2, True, ("pending", "approved", "revoked")),
    "quarter": Symbol("quarter", NUM, 3, writable=False),
}
VALUES = [70, 20, "pending", 3]


def evaluate(text: str):
    tree = ex.parse_expression(text)
    type_of(tree, SYMBOLS)
    return compile_expression(tree, SYMBOLS)(VALUES)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),  # left-associative
        ("24 / 4 / 2", 3),
        ("-2 * 3", -6),
        ("- -2", 2),
        ("tension - quota * 2", 30),
        ("min(tension, quota) + max(1, 2, 3)", 23),
        ("abs(quota - tension)", 50),
        ("clamp(tension, 0, 50)", 50),
        ("quota / (quota - quota)", 0),  # division by zero is 0, never a crash mid-game
        ("2.5 * 2", 5.0),
        ('if(licence == "pending", 10, 20) + 1', 11),
        ("if(tension > 80, 1, quota * 2)", 40),
        ("if(quota > 0, 100 / quota, 0)", 5.0),  # only the case that holds is worked out
        ("max(if(true, 3, 4), if(false, 9, 2))", 3),
    ],
)
def test_arithmetic_precedence(text, expected):
    assert evaluate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('tension >= 70 and licence == "pending"', True),
        ("tension > 70 or quota < 30", True),
        ("not tension > 70 and quota > 50", False),  # (not ...) and ...
        ("not (tension > 70 or quota > 50)", True),
        ("true or false and false", True),  # and binds tighter than or
        ("(true or false) and false", False),
        ("quota * 2 + 10 == 50", True),
        ("licence != 'approved'", True),
        ("quarter >= 3 and quarter <= 3", True),
    ],
)
def test_conditions(text, expected):
    assert evaluate(text) is expected


@pytest.mark.parametrize(
    "text, message, col",
    [
        ("tension >", "expected a value, found the end", 10),
        ("tension >= 70 and", "expected a value, found the end", 18),
        ("(tension > 1", "expected ')'", 13),
        ("tension $ 3", "unexpected character '$'", 9),
        ("1 < tension < 3", "comparisons cannot be chained", 13),
        ("tension 3", "unexpected '3' after a complete expression", 9),
        ("and tension", "'and' cannot start a value", 1),
    ],
)
def test_parse_errors_name_the_column(text, message, col):
    with pytest.raises(ex.ExprError) as err:
        ex.parse_expression(text)
    assert message in err.value.message
    assert err.value.col == col


@pytest.mark.parametrize(
    "text, message",
    [
        ("tensoin > 3", "unknown name 'tensoin' (did you mean 'tension'?)"),
        ('licence == "pendng"', "licence is never 'pendng' (did you mean 'pending'?)"),
        ("licence == 3", "cannot compare a text with a number"),
        ("tension + licence > 1", "'+' needs numbers, got a text"),
        ("tension > 1 and 3", "'and' joins conditions, got a number"),
        ("mni(1, 2)", "unknown function 'mni' (did you mean 'min'?)"),
        ("abs(1, 2) > 0", "abs() takes 1 arguments, got 2"),
        ("not 3", "'not' needs a true/false, got a number"),
        ("if(tension, 1, 2)", "if() takes a condition first, then a number for each case"),
        ('if(tension > 1, "high", 2)', "if() gives a number in each case"),
        ("if(tension > 1, 2)", "if() takes 3 arguments, got 2"),
        ('if(tension > 1, 1, 2) == "x"', "cannot compare a number with a text"),
    ],
)
def test_type_errors(text, message):
    with pytest.raises(ex.ExprError) as err:
        type_of(ex.parse_expression(text), SYMBOLS)
    assert message in err.value.message


def test_condition_must_be_true_or_false():
    with pytest.raises(ex.ExprError, match="must be true or false"):
        check_condition(ex.parse_expression("tension + 1"), SYMBOLS)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("quota -= 10", ex.Assign),
        ("after 2: tension += 5", ex.Delayed),
        ("event summit", ex.QueueEvent),
        ("after 1: event summit", ex.Delayed),
        ('licence = "approved"', ex.Assign),
    ],
)
def test_effects_parse(text, kind):
    tree = ex.parse_effect(text)
    assert isinstance(tree, kind)
    check_effect(tree, SYMBOLS, {"summit"})


@pytest.mark.parametrize(
    "text, message",
    [
        ("quota == 10", "use '=' to set; '==' compares"),
        ("after 0: quota += 1", "whole number of quarters, 1 or more"),
        ("after 1.5: quota += 1", "whole number of quarters"),
        ("after 2 quota += 1", "expected ':'"),
        ("event", "'event' needs an event id"),
        ("10 += quota", "an effect starts with a track name"),
    ],
)
def test_effect_parse_errors(text, message):
    with pytest.raises(ex.ExprError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ex.parse_effect(text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("quarter += 1", "'quarter' cannot be changed"),
        ("licence += 1", "only '=' can change it"),
        ("licence = tension", "must be set to one of"),
        ('licence = "granted"', "licence is never 'granted'"),
        ('quota = "high"', "quota is a number; got a text"),
        ("event sumit", "unknown event 'sumit' (did you mean 'summit'?)"),
        ("qouta -= 1", "unknown track 'qouta' (did you mean 'quota'?)"),
    ],
)
def test_effect_check_errors(text, message):
    with pytest.raises(ex.ExprError) as err:
        check_effect(ex.parse_effect(text), SYMBOLS, {"summit"})
    assert message in err.value.message


def test_names_in_and_queued_events():
    assert ex.names_in(ex.parse_effect("after 2: quota += tension * 2")) == {"quota", "tension"}
    assert ex.queued_events(ex.parse_effect("after 3: event summit")) == ["summit"]
    assert ex.queued_events(ex.parse_effect("quota += 1")) == []


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("(" * 400 + "1" + ")" * 400, "nested more than 32 deep", id="400-parentheses"),
        pytest.param("-" * 1990 + "1", "nested more than 32 deep", id="1990-minus-signs"),
        pytest.param("not " * 450 + "true", "nested more than 32 deep", id="450-nots"),
        pytest.param("min(" * 100 + "1" + ", 1)" * 100, "nested more than 32 deep", id="100-nested-min"),
        pytest.param("(" * 210 + "1" + ")" * 210, "nested more than 32 deep", id="210-parentheses"),
        pytest.param(" + ".join(["1"] * 400), "nested more than 32 deep", id="a-chain-of-400-sums"),
        pytest.param("1" * 310, "at most 1000000000000", id="310-digit-literal"),
        pytest.param("1" * 20 + ".5", "at most 1000000000000", id="20-digit-decimal"),
        pytest.param("1" * 2001, "longer than 2000 characters", id="2001-characters"),
    ],
)
def test_deep_long_or_huge_expressions_are_refused_with_an_error(text, message):
    """Each of these crashed validate, simulate or the game with a RecursionError or an
    overflow; now each is one ExprError the loader reports like any other."""
    with pytest.raises(ex.ExprError, match=message):
        ex.parse_expression(text)
    with pytest.raises(ex.ExprError, match=message):
        ex.parse_effect("quota = " + text)


def test_an_expression_at_the_depth_limit_still_compiles_and_runs():
    text = "(" * 31 + "1" + ")" * 31 + " + " + " + ".join(["1"] * 20)
    assert evaluate(text) == 21


@pytest.mark.parametrize("text", ["tension / 0", "tension / -0.0", "tension / (0)", "1 + tension / 0 > 2"])
def test_a_literal_division_by_zero_is_an_error(text):
    with pytest.raises(ex.ExprError, match="divides by 0"):
        type_of(ex.parse_expression(text), SYMBOLS)


def test_an_effect_dividing_by_a_literal_zero_is_an_error():
    with pytest.raises(ex.ExprError, match="divides by 0"):
        check_effect(ex.parse_effect("quota /= 0"), SYMBOLS, set())
