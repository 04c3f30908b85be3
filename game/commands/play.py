"""`play` (the default): the Textual game, from the title screen."""

from __future__ import annotations

from .common import add_content_argument


def add_arguments(parser) -> None:
    add_content_argument(parser)


def run(args) -> int:
    from ..ui.app import SiliconCurtainApp, farewell

    app = SiliconCurtainApp(content_root=args.content)
    app.run()
    said = farewell(app)
    if said:
        print(said)
    return 0
