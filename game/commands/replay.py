"""`replay PATH`: the replay viewer; `--check` replays headless and proves every digest."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_content_argument, load_or_report, printable, saved_game_or_report


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="the saved game")
    parser.add_argument(
        "--check", action="store_true", help="replay headless; exit 0 only if every quarter's digest matches"
    )
    parser.add_argument(
        "--anyway", action="store_true", help="replay a save made with other content, as far as it goes"
    )
    add_content_argument(parser)


def run(args) -> int:
    content = load_or_report(args.content)
    if content is None:
        return 1
    # --check always looks at a save from other content: finding where it parts is its job.
    loaded = saved_game_or_report(
        args.path,
        content,
        lambda err: f"Replay it anyway: python -m game replay {args.path} --anyway.",
        anyway=args.anyway or args.check,
        verify=not args.check,
    )
    if loaded is None:
        return 1
    if args.check:
        return check(loaded)
    run_app(args.content, content, lambda app: open_viewer(app, loaded))
    return 0


def open_viewer(app, loaded) -> None:
    from ..ui.screens.replay import ReplayScreen

    app.push_screen(ReplayScreen(loaded))


def run_app(content_root, content, begin):
    """The game's app with `begin(app)` done once it is on screen, above the title, so that
    closing the viewer or leaving the game goes back to the title as it would from there."""
    from ..ui.app import SiliconCurtainApp

    app = SiliconCurtainApp(content_root=content_root)
    app.content = content  # loaded and checked already: no second load

    async def ready(pilot) -> None:
        await pilot.pause()  # the title screen, pushed on mount, is in place
        begin(pilot.app)

    # Textual's documented hook for work once the app is ready (what `textual run --press` uses).
    app.run(auto_pilot=ready)
    return app


def check(loaded) -> int:
    from ..core.words import plural

    record, run = loaded.record, loaded.run
    note = ""
    if loaded.other_content:
        made_with = record.content[:12] or "none"
        note = f" (made with other content: fingerprint {made_with}, this content {loaded.fingerprint[:12]})"
    if not run.faithful:
        print(printable(f"{loaded.path}: {run.problem()}{note}"), file=sys.stderr)
        return 1
    end = f", ended: {record.ending}" if record.ending else ", in progress"
    print(
        f"{loaded.path}: OK: {plural(run.quarters, 'quarter')} replayed, every digest matches "
        f"(scenario {record.scenario}, seed {record.seed}{end}){note}"
    )
    return 0
