"""`resume [PATH]`: continue a saved game in the terminal; without PATH, the last autosave."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_content_argument, fail, load_or_report, printable, saved_match_or_report
from .replay import run_app


def add_arguments(parser) -> None:
    parser.add_argument(
        "path", type=Path, nargs="?", metavar="PATH", help="the saved game (default: the most recent game in progress)"
    )
    parser.add_argument(
        "--anyway", action="store_true", help="resume a save made with other content when every digest still matches"
    )
    add_content_argument(parser)


def run(args) -> int:
    from ..saves.store import latest_autosave, saves_dir

    path = args.path or latest_autosave()
    if path is None:
        return fail(f"no game in progress in {saves_dir()}; start one with `python -m game`")
    content = load_or_report(args.content)
    if content is None:
        return 1

    def other_content(err) -> str:
        if err.resumable:
            return f"Resume it anyway: python -m game resume {path} --anyway."
        return f"Replay it anyway, and branch from a quarter before that: python -m game replay {path} --anyway."

    match = saved_match_or_report(path, content, other_content, anyway=args.anyway)
    if match is None:
        return 1
    if args.path is None:
        print(printable(f"resuming {path}"), file=sys.stderr)
    from ..ui.app import farewell

    app = run_app(args.content, content, lambda app: app.start_match(match))
    said = farewell(app)
    if said:
        print(said)
    return 0
