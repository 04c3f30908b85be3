"""Counts in words: one helper agrees a count with its noun, and no module makes its own."""

from __future__ import annotations

import re
from pathlib import Path

from game.core.words import noun, plural, times

GAME = Path(__file__).parents[2] / "game"
# A noun made plural by hand: "quarter{'s' if n != 1 else ''}", "once" if n == 1, and "time(s)"
# in a string (not a call such as seat(s): only after an odd number of quotes, outside braces).
HAND_MADE = re.compile(r"""['"]s['"] if\b|['"]once['"] if\b|['"]twice['"] if\b""")
MAYBE = re.compile(r"[A-Za-z]\(s\)")


def hand_made(code: str) -> bool:
    if HAND_MADE.search(code):
        return True
    for m in MAYBE.finditer(code):
        before = code[: m.start()]
        in_string = before.count('"') % 2 or before.count("'") % 2
        if in_string and before.count("{") <= before.count("}"):  # text, not an f-string's {code}
            return True
    return False


def test_a_count_agrees_with_its_noun():
    assert plural(1, "quarter") == "1 quarter"
    assert plural(2, "quarter") == "2 quarters"
    assert plural(0, "offer") == "0 offers"
    assert plural(1.5, "point") == "1.5 points"
    assert plural(1.0, "point") == "1 point"
    assert plural(1200, "unit") == "1,200 units"
    assert plural(3, "body", "bodies") == "3 bodies"
    assert noun(1, "decision") == "decision" and noun(4, "decision") == "decisions"
    assert [times(n) for n in (1, 2, 3)] == ["once", "twice", "3 times"]


def test_no_module_makes_its_own_plurals():
    found = []
    for path in sorted(GAME.rglob("*.py")):
        if path.name == "words.py" and path.parent.name == "core":
            continue  # the helper, whose docstring names what it prevents
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if hand_made(code):
                found.append(f"{path.relative_to(GAME.parent)}:{number}: {line.strip()}")
    assert not found, "count by hand; use game.core.words.plural:\n" + "\n".join(found)


def test_the_scan_finds_a_plural_made_by_hand():
    assert hand_made("f\"{n} quarter{'s' if n != 1 else ''}\"")
    assert hand_made('"2 time(s)"')
    assert hand_made('times = "once" if n == 1 else f"{n} times"')
    assert not hand_made("plural(n, 'quarter')")
    assert not hand_made('names = ", ".join(rules.seat(s).name for s in seats)')
