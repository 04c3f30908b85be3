"""The teacher's guide and the seat handouts against the shipped content and the command line:
when an action is renamed or a question rewritten, these say which page to update."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _flat(path: Path) -> str:
    """The page's words on one line, lower case: line breaks and case do not matter to a reader."""
    return " ".join(path.read_text(encoding="utf-8").split()).lower()


@pytest.fixture(scope="module")
def h200():
    from game.content import load

    return load(ROOT / "content").scenario("h200")


@pytest.mark.parametrize("seat", ["vendor", "lawmaker", "regulator"])
def test_each_handout_names_every_action_of_its_seat(h200, seat):
    page = _flat(DOCS / "handouts" / f"{seat}.md")
    assert h200.seat(seat).name.lower() in page
    missing = [a.name for a in h200.actions_of(seat) if a.name.lower() not in page]
    assert not missing, f"docs/handouts/{seat}.md does not name: {', '.join(missing)}"


def test_the_guide_lists_the_scenarios_questions(h200):
    guide = " ".join((DOCS / "teachers-guide.md").read_text(encoding="utf-8").split())
    missing = [q for q in h200.questions if q.replace("'", '"') not in guide and q not in guide]
    assert not missing, f"docs/teachers-guide.md lacks: {missing}"


def test_every_command_the_docs_show_exists():
    seen = set()
    for page in [DOCS / "teachers-guide.md", *sorted((DOCS / "handouts").glob("*.md"))]:
        used = set(re.findall(r"python -m game (\w+)", page.read_text(encoding="utf-8")))
        assert used <= set(SUBCOMMANDS), f"{page.name}: no such command: {used - set(SUBCOMMANDS)}"
        seen |= used
    assert {"serve", "table", "join", "report"} <= seen  # the guide teaches running a table


def test_the_handouts_are_one_page():
    for page in sorted((DOCS / "handouts").glob("*.md")):
        words = len(page.read_text(encoding="utf-8").split())
        assert words <= 600, f"{page.name} has {words} words: more than a printed page"


def test_the_guide_links_every_handout():
    guide = (DOCS / "teachers-guide.md").read_text(encoding="utf-8")
    for page in sorted((DOCS / "handouts").glob("*.md")):
        assert f"handouts/{page.name}" in guide


def _command_lines(text: str) -> list[str]:
    """Every `python -m game ...` the page shows, continuation lines joined, comments dropped."""
    text = text.replace("\\\n", " ")
    lines = []
    for match in re.finditer(r"python -m game [^`\n#]*", text):
        lines.append(match.group(0).strip())
    return lines


def test_every_command_line_the_docs_show_parses():
    import shlex

    from game.cli import build_parser

    parser = build_parser()
    for page in [DOCS / "teachers-guide.md", *sorted((DOCS / "handouts").glob("*.md"))]:
        for line in _command_lines(page.read_text(encoding="utf-8")):
            argv = shlex.split(line)[3:]
            try:
                parser.parse_args(argv)
            except SystemExit:
                pytest.fail(f"{page.name}: `{line}` does not parse")


@pytest.mark.parametrize("page", ["teachers-guide.md", "handouts/facilitator.md"])
def test_the_guide_and_the_facilitator_explain_the_talks(page):
    text = _flat(DOCS / page)
    for words in ("talks", "between the news and the orders", "private", "binding", "leak"):
        assert words in text, f"docs/{page} does not say {words!r}"


@pytest.mark.parametrize("seat", ["vendor", "lawmaker", "regulator"])
def test_each_handout_explains_the_talks(seat):
    text = _flat(DOCS / "handouts" / f"{seat}.md")
    for words in ("talks", "between the news and your orders", "private", "binds you", "leak"):
        assert words in text, f"docs/handouts/{seat}.md does not say {words!r}"
