"""`effect_problems`: every bad effect a facilitator typed, not only the first."""

from __future__ import annotations

import pytest

from game.core.effects import compile_immediate, effect_problems
from game.core.expr import ExprError


def test_every_bad_line_is_named_with_its_number(mini):
    texts = ["tension += 3", "tenson += 2", "after 1: tension += 1", 'licence = "maybe"', "event nope"]
    assert effect_problems(mini, texts) == (
        "effect 2 ('tenson += 2'): unknown track 'tenson' (did you mean 'tension'?)",
        "effect 3 ('after 1: tension += 1'): 'after' is not allowed here; it applies now",
        "effect 4 ('licence = \"maybe\"'): licence is never 'maybe'; it is one of pending, approved, revoked",
        "effect 5 ('event nope'): unknown event 'nope'",
    )


def test_good_effects_have_no_problems_and_compile(mini):
    texts = ["tension += 3", 'licence = "approved"', "event trial", "budget.vendor += 1"]
    assert effect_problems(mini, texts) == ()
    assert len(compile_immediate(mini, texts, "custom")) == 4


def test_the_first_problem_is_worded_as_compile_immediate_words_it(mini):
    texts = ["quota -= 1", "quota +* 2", "tenson += 1"]
    with pytest.raises(ExprError) as err:
        compile_immediate(mini, texts, "custom")
    assert err.value.message == effect_problems(mini, texts)[0]


@pytest.mark.parametrize(
    "text",
    [
        "tension = " + "(" * 400 + "1" + ")" * 400,
        "tension = " + "-" * 1500 + "1",
        "tension = " + "min(" * 100 + "1" + ", 1)" * 100,
    ],
    ids=["400-parentheses", "1500-minus-signs", "100-nested-min"],
)
def test_a_deep_custom_effect_is_one_problem_of_the_facilitators_form_not_a_crash(mini, text):
    """Issue 20: a deep effect escaped the form's check and crashed the game it was staged in."""
    (problem,) = effect_problems(mini, ["tension += 1", text])
    assert problem.startswith("effect 2 (") and "nested more than 32 deep" in problem
    assert len(problem) < 200
