"""`project CODE`: a table on the classroom projector, read only and public only.

No seat and no key: it shows what the whole room may know (the code, who has joined and
ordered, the public tracks, news and reports) and follows the table by itself. A browser
tab gets the same screen from the title's Projector entry.
"""

from __future__ import annotations

from pathlib import Path

from .common import fail
from .join import table_app


def add_arguments(parser) -> None:
    parser.add_argument("code", help="the table's code (e.g. K7Q-2M)")


def run(args) -> int:
    app = prepare(args)
    if isinstance(app, int):
        return app
    app.run()
    return 0


def prepare(args):
    """The app opened on the table's projector view, or the exit code after saying in one line why not."""
    from ..table import TableError, Tables, normalise_code

    code = normalise_code(args.code)
    if code is None:
        return fail(f"{args.code!r} is not a table code (codes look like K7Q-2M)")
    tables = Tables()
    try:
        reading = tables.reading(code)
    except TableError as err:
        return fail(str(err))

    def begin(app) -> None:
        from ..ui.screens.projector import ProjectorScreen

        app.push_screen(ProjectorScreen(tables, code, reading.table, reading.game))

    return table_app(Path(reading.table.content_root), begin)
