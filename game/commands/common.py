"""What several commands share: loading content with errors said in one line each."""

from __future__ import annotations

import sys
from pathlib import Path

from ..content import DEFAULT_CONTENT, Content, ContentError, load


def add_content_argument(parser) -> None:
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR",
                        help="content folder (default: the shipped content)")


def load_or_report(root: Path) -> Content | None:
    """The content, or None after printing every problem to stderr."""
    try:
        return load(root)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was played", file=sys.stderr)
        return None


def fail(message: str) -> int:
    print(f"silicon-curtain: error: {message}", file=sys.stderr)
    return 1
