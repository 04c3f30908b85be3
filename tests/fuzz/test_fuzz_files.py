"""Fuzzing the content loader and the save reader with damaged and hostile files: each is
loaded, or refused with one line per problem; what loads plays to its end, and a save that
loads replays and reports. Never a traceback, a hang or an accepted file that crashes later."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from fuzzing import FUZZ, keep_going
from hypothesis import given
from hypothesis import strategies as st

from game.content import ContentError, load
from game.saves.loading import load_game
from game.saves.reader import SaveError, read_record

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LINE = re.compile(r"^[^\n]+:\d+: entry \S+: \S+: [^\n]+$")
HOSTILE = [
    "max = inf", "max = nan", "min = -inf", "max = 1e309", "max = " + "9" * 400, "max = " + "9" * 4400,
    "x = " + "[" * 500 + "]" * 500, "[[event]]", "[[action]]", "[scenario]", "id = \"x\\n\"", 'id = "Bad Id"',
    'name = "Vendor [/x]"', 'text = "\\u001b]0;pwned\\u0007"', "quarters = [0]", "quarters = [99]",
    'when = "' + "(" * 300 + "1" + ")" * 300 + ' > 0"', 'when = "tension > 150"', 'effects = ["tension /= 0"]',
    'effects = ["after 40: tension += 1"]', "precision = -1", 'seats = ["vendor", "vendor"]', "quarters = 0",
    "max = -10", 'when = "ending != \\"nope\\""', '"unclosed = [1, 2', "\ufeff", "=", "[[", 'odds = "1 / 0"',
    'states = ["a", "[b]"]', "cost = -1", "budget_max = " + "9" * 30, "start = \"pending\"", "seed = 1e400",
    'scenario = "[/oops]"', 'content = "/"', "format = 99", "[[quarter]]", "quarter = 0", 'digest = "zz"',
    'actions = ["../../etc"]', "[quarter.orders.vendor]", 'kind = "custom"', 'effects = ["' + "-" * 1900 + '1"]',
]  # fmt: skip


def _mutate(data: st.DataObject, text: str) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        how = data.draw(st.sampled_from(["replace", "insert", "delete", "duplicate", "cut", "bytes"]))
        i = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        if how == "replace" and lines:
            lines[i] = data.draw(st.sampled_from(HOSTILE) | st.text(max_size=40))
        elif how == "insert":
            lines.insert(i, data.draw(st.sampled_from(HOSTILE)))
        elif how == "delete" and lines:
            del lines[i]
        elif how == "duplicate" and lines:
            lines[i:i] = lines[i : i + data.draw(st.integers(1, 30))]
        elif how == "cut":
            lines = lines[:i]
        elif how == "bytes" and lines:
            line = lines[i]
            j = data.draw(st.integers(0, len(line)))
            lines[i] = line[:j] + data.draw(st.characters()) + line[j + 1 :]
    return "\n".join(lines) + "\n"


@FUZZ
@given(st.data())
def _content(data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "mini"
        shutil.copytree(MINI, root)
        files = sorted(root.rglob("*.toml"))
        for path in data.draw(st.lists(st.sampled_from(files), min_size=1, max_size=2, unique=True)):
            path.write_text(_mutate(data, path.read_text()), encoding="utf-8")
        try:
            content = load(root)
        except ContentError as err:
            assert err.problems
            for problem in err.problems:
                assert LINE.match(str(problem)), str(problem)
            return
        from game.match import Match

        for rules in content.scenarios.values():  # accepted: it must play, to the end
            match = Match.start(rules, 1, {}, content.fingerprint)
            match.play_out()
            assert match.over


@FUZZ
@given(st.data())
def _saves(base: Path, mini_content, data):
    from game.report import render

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.toml"
        raw = base.read_text()
        path.write_text(_mutate(data, raw) if data.draw(st.booleans()) else raw, encoding="utf-8", errors="replace")
        try:
            read_record(path)
            loaded = load_game(path, mini_content, anyway=True)
            match = loaded.match()
        except SaveError as err:
            assert "\n" not in str(err)
            return
        render(match, "md")
        render(match, "html")


def test_any_damaged_content_loads_and_plays_or_is_refused_line_by_line():
    keep_going(_content)


def test_any_damaged_save_loads_replays_and_reports_or_is_one_save_error(tmp_path, mini, mini_content):
    from game.core.state import Intervention
    from game.match import Match
    from game.saves.store import write_save

    match = Match.start(mini, 5, {"vendor": "human"}, mini_content.fingerprint)
    match.play(interventions=(Intervention("custom", title="Strike", text="Ports idle.", effects=("tension += 3",)),))
    match.play()
    base = write_save(match, tmp_path / "base.toml")
    keep_going(lambda: _saves(base, mini_content))
