"""What several commands share: loading content and saves with errors said in one line each."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import shipped_content

if TYPE_CHECKING:
    from ..content import Content
    from ..core.model import Rules
    from ..match import Match
    from ..saves.loading import Loaded, OtherContent

# The same folder as game.content.DEFAULT_CONTENT, named here so that building the parser
# (every command's arguments, on every start) does not import the content loader: `python -m
# game` must reach its title screen about as fast as a bare Textual app.
DEFAULT_CONTENT = shipped_content()


def add_content_argument(parser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=DEFAULT_CONTENT,
        metavar="DIR",
        help="content folder (default: the shipped content)",
    )


def add_cluster_argument(parser) -> None:
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="run the games on the Dask scheduler at ADDRESS (tcp://host:8786; needs the [cluster] extra)",
    )


def load_or_report(root: Path) -> Content | None:
    """The content, or None after printing every problem to stderr."""
    from ..content import ContentError, load

    try:
        return load(root)
    except ContentError as err:
        for problem in err.problems:
            print(printable(str(problem)), file=sys.stderr)
        n = len(err.problems)
        print(f"{n} problem{'s' if n != 1 else ''}; nothing was played", file=sys.stderr)
        return None


def scenario_or_report(root: Path, scenario_id: str) -> tuple[Content | None, Rules | None]:
    """The content and one scenario's rules, or (None, None) after saying what is wrong."""
    content = load_or_report(root)
    if content is None:
        return None, None
    try:
        return content, content.scenario(scenario_id)
    except KeyError as err:
        fail(f"--scenario: {err.args[0]}")
        return None, None


def saved_game_or_report(
    path: Path, content: Content, other_content: Callable[[OtherContent], str], **options
) -> Loaded | None:
    """The save at `path` replayed on `content` (`options` as for `load_game`), or None after one
    line naming the file, what is wrong and what to do; for a save made with other content, what
    to do is `other_content(err)`: the command line that opens it anyway, or the content to give."""
    from ..saves.loading import OtherContent, load_game
    from ..saves.reader import SaveError

    try:
        return load_game(path, content, **options)
    except OtherContent as err:
        fail(f"{err.path}: {err.problem}. {other_content(err)}")
    except SaveError as err:
        fail(str(err))
    return None


def saved_match_or_report(
    path: Path, content: Content, other_content: Callable[[OtherContent], str], **options
) -> Match | None:
    """The saved game ready to play on (see `saved_game_or_report`), or None after one line on
    why not: a save opened anyway whose replay parts from this content cannot be played on."""
    from ..saves.reader import SaveError

    loaded = saved_game_or_report(path, content, other_content, **options)
    if loaded is None:
        return None
    try:
        return loaded.match()
    except SaveError as err:
        fail(str(err))
        return None


def printable(text: str) -> str:
    """`text` with control characters made visible (core/printable.py), imported when first
    needed: building the parser must not import the core."""
    from ..core.printable import printable as visible

    return visible(text)


def fail(message: str) -> int:
    print(printable(f"silicon-curtain: error: {message}"), file=sys.stderr)
    return 1


# --- keys -----------------------------------------------------------------------------------

KEY_ENV = "SILICON_CURTAIN_KEY"
KEY_ON_COMMAND_LINE = (
    "--key: a key on the command line is shown to every user of this machine (ps); type it when "
    f"asked, or give it with --key-file FILE or {KEY_ENV}"
)


def add_key_arguments(parser, what: str) -> None:
    parser.add_argument(
        "--key-file", type=Path, metavar="FILE", help=f"a file holding {what} (or set {KEY_ENV}, or type it when asked)"
    )
    parser.add_argument("--key", help=argparse.SUPPRESS)  # refused with a word on why, not "unrecognized"


class KeyProblem(Exception):
    """A key that could not be read: the message says why, in one line."""


def given_key(args, ask: str | None = None) -> str | None:
    """The key from --key-file, else $SILICON_CURTAIN_KEY, else typed at a terminal when `ask`
    says what for (not echoed); None when there is none. Never from the command line: refused."""
    if getattr(args, "key", None):
        raise KeyProblem(KEY_ON_COMMAND_LINE)
    if args.key_file is not None:
        try:
            text = args.key_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise KeyProblem(f"--key-file {args.key_file}: {getattr(err, 'strerror', None) or err}") from None
        key = text.strip().splitlines()[0].strip() if text.strip() else ""
        if not key:
            raise KeyProblem(f"--key-file {args.key_file}: the file is empty")
        return key
    if os.environ.get(KEY_ENV, "").strip():
        return os.environ[KEY_ENV].strip()
    if ask and sys.stdin.isatty():
        import getpass

        try:
            return getpass.getpass(f"{ask}: ").strip() or None
        except EOFError:
            return None
    return None


# --- programs in seats (the seat protocol) -------------------------------------------------


def add_external_arguments(parser) -> None:
    """--external SEAT=COMMAND (repeatable), --timeout SECONDS and --fallback LEVEL."""
    parser.add_argument(
        "--external",
        action="append",
        default=[],
        metavar="SEAT=COMMAND",
        help="a program plays SEAT over the seat protocol (docs/seat-protocol.md); repeatable",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="how long an external program has for each reply (default: 3)",
    )
    parser.add_argument(
        "--fallback",
        default="",
        metavar="LEVEL",
        help="a bot level that decides when an external program cannot (default: the seat passes)",
    )


def parse_external(text: str, seat_ids=None) -> tuple[str, str]:
    """'vendor=python bot.py' -> ('vendor', 'python bot.py'); ValueError says what is wrong.
    With `seat_ids`, the seat must be one of them."""
    from ..bots.external import parse_command
    from ..core.expr.check import did_you_mean

    seat, sep, command = (p.strip() for p in text.partition("="))
    if not sep or not seat or not command:
        raise ValueError(f"--external: {text.strip()!r} is not SEAT=COMMAND (e.g. vendor='python bot.py')")
    if seat_ids is not None and seat not in seat_ids:
        raise ValueError(f"--external: no seat {seat!r}{did_you_mean(seat, seat_ids)}; seats: {', '.join(seat_ids)}")
    try:
        parse_command(command)
    except ValueError as err:
        raise ValueError(f"--external {seat}: {err}") from None
    return seat, command


def external_players(args, seat_ids, show_stderr: bool = True) -> dict:
    """{seat: External} from the arguments `add_external_arguments` adds; ValueError says what
    is wrong (a seat named twice, a bad command, timeout or fallback level)."""
    from ..bots import BOTS
    from ..bots.external import External

    if not args.timeout > 0:
        raise ValueError(f"--timeout must be more than 0 seconds, got {args.timeout:g}")
    if args.fallback and not args.external:
        raise ValueError("--fallback: it stands in for a program; name one with --external SEAT=COMMAND")
    if args.fallback and args.fallback not in BOTS:
        raise ValueError(f"--fallback: unknown level {args.fallback!r}; choose from {', '.join(BOTS)}")
    players: dict = {}
    for text in args.external:
        seat, command = parse_external(text, seat_ids)
        if seat in players:
            raise ValueError(f"--external: seat {seat} is given twice")
        players[seat] = External(command, args.timeout, args.fallback, show_stderr=show_stderr)
    return players
