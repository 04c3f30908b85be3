"""`resume [PATH]`: continue a saved game in the terminal; without PATH, the last autosave."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_content_argument, fail, load_or_report
from .replay import report, run_app


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, nargs="?", metavar="PATH",
                        help="the saved game (default: the most recent game in progress)")
    parser.add_argument("--anyway", action="store_true",
                        help="resume a save made with other content when every digest still matches")
    add_content_argument(parser)


def run(args) -> int:
    from ..saves.loading import OtherContent, load_game
    from ..saves.reader import SaveError
    from ..saves.store import latest_autosave, saves_dir

    path = args.path or latest_autosave()
    if path is None:
        return fail(f"no game in progress in {saves_dir()}; start one with `python -m game`")
    content = load_or_report(args.content)
    if content is None:
        return 1
    try:
        loaded = load_game(path, content, anyway=args.anyway)
        match = loaded.match()
    except OtherContent as err:
        if err.resumable:
            return report(err, f"Resume it anyway: python -m game resume {path} --anyway")
        return report(err, f"Replay it anyway, and branch from a quarter before that: python -m game replay {path} --anyway")
    except SaveError as err:
        return report(err)
    if args.path is None:
        print(f"resuming {path}", file=sys.stderr)
    run_app(args.content, content, lambda app: app.start_match(match))
    return 0
