"""`report`: the after-action report of a saved game, as Markdown or one HTML file; with
`--summary`, the one- or two-page student summary; with `--compare`, several tables of one
class side by side."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_content_argument, fail, load_or_report, saved_match_or_report


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, nargs="?", metavar="PATH", help="a saved game (.toml)")
    parser.add_argument(
        "--format", choices=("md", "html"), default=None, help="md or html (default: from the -o suffix, else md)"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report here (default: print it)")
    parser.add_argument(
        "--summary", action="store_true", help="the student summary (one or two pages) instead of the full report"
    )
    parser.add_argument(
        "--compare",
        type=Path,
        nargs="+",
        metavar="SAVE",
        help="several tables of one scenario side by side (and, for one seed, where their paths parted)",
    )
    add_content_argument(parser)


def run(args) -> int:
    if (args.path is None) == (args.compare is None):
        return fail("give one saved game (PATH) or --compare SAVE SAVE...")
    if args.compare is not None and args.summary:
        return fail("--summary is the summary of one game; leave it out with --compare")
    content = load_or_report(args.content)
    if content is None:
        return 1
    fmt = args.format
    if fmt is None:
        suffix = args.output.suffix.lower() if args.output else ""
        fmt = "html" if suffix in (".html", ".htm") else "md"
    if args.compare is not None:
        return _compare(args, content, fmt)
    match = _match(args.path, content)
    if match is None:
        return 1
    from ..report import render, render_summary

    text = render_summary(match, fmt) if args.summary else render(match, fmt)
    kind = f"{fmt} summary" if args.summary else fmt
    return _write(args, text, f"{kind}, {len(match.record.quarters)} quarters")


def _match(path: Path, content):
    return saved_match_or_report(
        path,
        _content_kept_with(path, content),
        lambda err: "Give the content it was made with: --content DIR.",
    )


def _compare(args, content, fmt: str) -> int:
    from ..report import render_comparison
    from ..report.compare import NotComparable
    from ..saves.reader import SaveError, read_record

    paths = list(args.compare)
    if len(paths) < 2:
        return fail(f"--compare {paths[0]}: give two saves or more to put side by side")
    # Read every record first: a save of another scenario is refused before any is replayed.
    first = None
    for path in paths:
        try:
            record = read_record(path)
        except SaveError as err:
            return fail(str(err))
        if first is None:
            first = (path, record.scenario)
        elif record.scenario != first[1]:
            return fail(
                f"{path}: is a game of scenario {record.scenario!r}, not {first[1]!r} like {first[0]}; "
                "compare the tables of one scenario"
            )
    names = _names(paths)
    games = []
    for path, name in zip(paths, names):
        match = _match(path, content)
        if match is None:
            return 1
        games.append((name, match))
    try:
        text = render_comparison(games, fmt)
    except NotComparable as err:
        return fail(str(err))
    return _write(args, text, f"{fmt}, {len(games)} tables")


def _names(paths: list[Path]) -> list[str]:
    """Each save by its file name, or by the path given where two share a name."""
    names = [p.name for p in paths]
    return [p.name if names.count(p.name) == 1 else str(p) for p in paths]


def _write(args, text: str, what: str) -> int:
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from ..saves.files import atomic_write

    try:
        atomic_write(args.output, text)
    except OSError as err:
        return fail(f"-o {args.output}: {err.strerror or err}")
    print(f"wrote {args.output} ({what})", file=sys.stderr)
    return 0


def _content_kept_with(path: Path, content):
    """The content the game was played with, when the save's folder keeps a copy of it under
    `content/<fingerprint>` (a table does, so its report still works after the content
    changes); otherwise `content`, and the loader says what does not match."""
    from ..content import ContentError, load
    from ..saves.reader import SaveError, read_record

    try:
        record = read_record(path)
    except SaveError:
        return content
    # The reader accepts only a hexadecimal fingerprint here, so `kept` stays inside the folder.
    kept = path.parent / "content" / record.content[:16]
    if record.content == content.fingerprint or not record.content or not kept.is_dir():
        return content
    try:
        other = load(kept)
    except ContentError:
        return content
    if other.fingerprint != record.content:
        return content
    print(f"using the content kept with this game: {kept}", file=sys.stderr)
    return other
