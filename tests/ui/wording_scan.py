"""A scan of rendered text for wording the player should never read: "(s)" plurals, "1
quarters", and the content's raw expression syntax. `wording_problems` is meant for every
screen snapshot and every text the wording functions produce."""

from __future__ import annotations

import re

# Words ending in s that are not plurals, or that agree with 1 anyway.
_NOT_PLURAL = {
    "across", "always", "as", "bus", "chaos", "gas", "has", "is", "its", "less", "minus", "news",
    "plus", "progress", "process", "status", "this", "thus", "us", "was", "yes", "bonus", "basis",
}  # fmt: skip

_CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("'(s)' plural", re.compile(r"\w\(s\)")),
    ("raw comparison or assignment", re.compile(r"==|!=|>=|<=|\+=|-=|\*=|/=")),
    ("raw budget name", re.compile(r"\bbudget\.\w")),
    ("function call syntax", re.compile(r"\b(?:max|min|clamp|abs|if)\(")),
    ("quoted state value", re.compile(r"\b(?:is|be|to|not)\s+\"\w+\"")),
    ("raw arithmetic", re.compile(r"[\w)] [+*/] [\w(]")),
    ("snake_case identifier", re.compile(r"(?<![\w/.\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.])")),
)
_ONE = re.compile(r"(?<![\w.,])1 ([A-Za-z]+s)\b")


def wording_problems(text: str) -> list[str]:
    """Each problem found in `text`, as 'what: the offending bit'; [] when it reads well."""
    problems = []
    for what, pattern in _CHECKS:
        for m in pattern.finditer(text):
            problems.append(f"{what}: {text[max(0, m.start() - 20) : m.end() + 20]!r}")
    for m in _ONE.finditer(text):
        if m.group(1).lower() not in _NOT_PLURAL:
            problems.append(f"'1' with a plural: {m.group(0)!r}")
    return problems
