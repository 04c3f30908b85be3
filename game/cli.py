"""The command line: parse arguments, then hand over to one command module.

Command modules are imported only when chosen, so `python -m game` pays for Textual alone
and `validate` or `simulate` never import it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .paths import where_told

# subcommand -> (module under game.commands, one-line help)
SUBCOMMANDS = {
    "play": ("play", "start the game in the terminal (the default)"),
    "validate": ("validate", "check the content and print a summary"),
    "simulate": ("simulate", "play bot-only games and summarise them"),
    "ladder": ("ladder", "rate each bot level in each seat against a field of smart bots"),
    "serve": ("serve", "serve the game to browsers (textual-serve); tables for a class"),
    "join": ("join", "take a seat at a table from this terminal"),
    "project": ("project", "show a table on the classroom projector: public only, no key"),
    "table": ("table", "open, list, check or force tables without a screen"),
    "bench": ("bench", "measure startup, core and bot speed, load time and memory"),
    "resume": ("resume", "continue a saved game (the last autosave if no PATH)"),
    "replay": ("replay", "step through a saved game, branch it; --check proves it replays"),
    "report": (
        "report",
        "write the after-action report of a saved game, its student summary, or a class's tables side by side",
    ),
    "whatif": ("whatif", "what else could have happened from a quarter of a saved game"),
    "sensitivity": ("sensitivity", "rank a scenario's numbers by how much they move its outcomes"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, then exit 2, as argparse does, minus the usage dump
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with `only`, the options of that command alone (the
    others are listed, with their help, but their modules are not imported: `python -m game`
    starts the sooner)."""
    parser = _Parser(prog="silicon-curtain", description="Silicon Curtain: AI-chip geopolitics, quarter by quarter.")
    saves_help = "where saved games and tables live (default: $SILICON_CURTAIN_SAVES, else the usual place)"
    # before the command too (`--saves DIR play`): its own name, as a command's default would overwrite it
    parser.add_argument("--saves", metavar="DIR", dest="saves_first", help=saves_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module, help_text) in SUBCOMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if only is not None and name != only:
            continue
        importlib.import_module(f"game.commands.{module}").add_arguments(cmd)
        cmd.add_argument("--saves", metavar="DIR", help=saves_help)
        # `table open ... --saves DIR` as well as `table --saves DIR open ...`: set only when given
        for action in cmd._subparsers._group_actions if cmd._subparsers else ():
            for nested in getattr(action, "choices", {}).values():
                nested.add_argument("--saves", metavar="DIR", default=argparse.SUPPRESS, help=saves_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["play"]
    # The command's own options only, when the command comes first (as it mostly does).
    parser = build_parser(argv[0] if argv[0] in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:  # options only (`--saves DIR`): the game, as with no arguments
        args = parser.parse_args([*argv, "play"])
    args.saves = args.saves or args.saves_first
    if args.saves:  # through the environment, so the processes a command starts see it too
        os.environ["SILICON_CURTAIN_SAVES"] = os.path.abspath(args.saves)
    module = importlib.import_module(f"game.commands.{SUBCOMMANDS[args.command][0]}")
    try:
        code = module.run(args) or 0
        told = where_told()  # after the command's first save or table in the folder the game chose
        if told:
            from .core.printable import printable

            print(printable(told), file=sys.stderr)
        return code
    except BrokenPipeError:  # `| head`: the reader left; not an error worth a traceback
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
