"""`play` (the default): the Textual game, from the title screen."""

from __future__ import annotations

from pathlib import Path

from .common import add_content_argument

# Content loaded before this process began: serve's warm parent loads it once and forks each
# tab's game from it (forkserver.py). By folder; empty in a game started on its own.
PRELOADED: dict[Path, object] = {}


def add_arguments(parser) -> None:
    add_content_argument(parser)


def run(args) -> int:
    from ..ui.app import SiliconCurtainApp, farewell

    app = SiliconCurtainApp(content_root=args.content)
    app.content = PRELOADED.get(args.content.resolve())
    app.run()
    said = farewell(app)
    if said:
        print(said)
    return 0
