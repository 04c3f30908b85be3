"""Counts and numbers in words, one way for every layer: screens, reports, tables, commands.

`plural` is the one place a count and its noun are made to agree ("1 quarter", "2
quarters"), so no text says "1 quarters" or "2 time(s)"; tests/core/test_words.py scans the
source for hand-made plurals.
"""

from __future__ import annotations

from .model import Rules


def number_text(value: float) -> str:
    """'3', '1,200', '2.5': whole numbers without a decimal point."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def plural(n: float, word: str, many: str = "") -> str:
    """'1 quarter', '2 quarters', '1.5 points': a count and the word that agrees with it
    (`many` for a plural that is not the word and an s)."""
    return f"{number_text(n)} {noun(n, word, many)}"


def noun(n: float, word: str, many: str = "") -> str:
    """The word alone, agreeing with `n`: 'decision' for 1, 'decisions' otherwise."""
    return word if n == 1 else (many or word + "s")


def times(n: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(n, plural(n, "time"))


def percent(share: float) -> str:
    """A probability as a percentage, to the hundredth where it has one: '35%', '0.5%'."""
    return f"{round(share * 100, 2):g}%"


def track_label(rules: Rules, name: str) -> str:
    """A track id or `budget.<seat>` as the player reads it."""
    if name.startswith("budget."):
        seat = name.split(".", 1)[1]
        try:
            return rules.seat(seat).budget_name.capitalize()
        except KeyError:
            return name
    try:
        return rules.track(name).name
    except KeyError:
        return name
