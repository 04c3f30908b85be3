"""`join CODE`: a team's seat at a table, from a terminal (a browser tab uses Title > Table).

With `--seat` the seat is taken before the screen opens, so a taken seat or a wrong key is
said in one line at the prompt; without it, the join screen lists the table's seats.
"""

from __future__ import annotations

from pathlib import Path

from .common import KeyProblem, add_key_arguments, fail, given_key


def add_arguments(parser) -> None:
    parser.add_argument("code", help="the table's code, as the facilitator reads it out (e.g. K7Q-2M)")
    parser.add_argument("--seat", help="take this seat now: a seat id (e.g. vendor), or 'facilitator' (asks the key)")
    add_key_arguments(parser, "the seat's key (to sit again in a taken seat) or the facilitator's")
    parser.add_argument("--team", default="", help="the team's name, shown to the facilitator and in the report")
    parser.add_argument("--players", default="", help="the students' names, separated by commas")


def run(args) -> int:
    app = prepare(args)
    if isinstance(app, int):
        return app
    app.run()
    return 0


def prepare(args):
    """The app opened at the table, or the exit code after saying in one line why not."""
    from ..table import TableError, Tables, normalise_code

    code = normalise_code(args.code)
    if code is None:
        return fail(f"{args.code!r} is not a table code (codes look like K7Q-2M)")
    tables = Tables()
    try:
        ask = "the facilitator's key" if args.seat == "facilitator" else None
        given = given_key(args, ask)
    except KeyProblem as err:
        return fail(str(err))
    try:
        table = tables.table(code)
        if args.seat:
            key = tables.take(code, args.seat, given, args.team, args.players)
            reading = tables.reading(code, args.seat)  # table and game from one moment: they agree
    except TableError as err:
        return fail(str(err))

    def begin(app) -> None:
        from ..ui.screens.table_join import TableJoinScreen, sit

        if args.seat:
            sit(app, tables, args.seat, key, reading)
        else:
            app.push_screen(TableJoinScreen(tables, code))

    return table_app(Path(table.content_root), begin)


def table_app(content_root: Path, begin):
    """The game's app, opened at a table: leaving the table leads to the title screen."""
    import inspect

    from ..ui.app import SiliconCurtainApp

    class TableApp(SiliconCurtainApp):
        # Textual reads CSS_PATH beside the class's own file: point it back at the app's.
        CSS_PATH = [
            Path(inspect.getfile(SiliconCurtainApp)).parent / path
            for path in (
                [SiliconCurtainApp.CSS_PATH]
                if isinstance(SiliconCurtainApp.CSS_PATH, (str, Path))
                else SiliconCurtainApp.CSS_PATH or []
            )
        ]

        def on_ready(self) -> None:
            begin(self)

    return TableApp(content_root=content_root)
