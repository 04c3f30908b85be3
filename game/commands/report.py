"""`report`: the after-action report of a saved game, as Markdown or one HTML file (for a
finished game with its luck and decisions: `--whatif N`, `--no-whatif`); with `--summary`,
the one- or two-page student summary; with `--compare`, several tables of one class side by
side."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_cluster_argument, add_content_argument, fail, load_or_report, saved_match_or_report
from .progress import progress


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
    whatif = parser.add_mutually_exclusive_group()
    whatif.add_argument(
        "--whatif",
        type=int,
        metavar="N",
        help="luck and decisions from N bot games from the same start (default for a finished game: "
        f"{DEFAULT_GAMES}; 0: leave the section out)",
    )
    whatif.add_argument("--no-whatif", action="store_true", help="leave the luck-and-decisions section out")
    parser.add_argument(
        "--workers", type=int, default=0, metavar="N", help="processes for the what-if games (default: one per core)"
    )
    add_cluster_argument(parser)
    add_content_argument(parser)


DEFAULT_GAMES = 100  # game.report.whatif.DEFAULT_GAMES, without importing the report to build the parser


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
    used = _content_kept_with(args.path, content)
    match = _match(args.path, used)
    if match is None:
        return 1
    from ..report import render, render_summary

    whatif = None
    if not args.summary:
        whatif = _whatif(args, match, used)
        if isinstance(whatif, int):
            return whatif
    text = render_summary(match, fmt) if args.summary else render(match, fmt, whatif)
    kind = f"{fmt} summary" if args.summary else fmt
    return _write(args, text, f"{kind}, {len(match.record.quarters)} quarters")


def _match(path: Path, content):
    """The saved game on `content` (already the content kept with it, if any)."""
    return saved_match_or_report(path, content, lambda err: "Give the content it was made with: --content DIR.")


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
        match = _match(path, _content_kept_with(path, content))
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


def _whatif(args, match, content):
    """The luck-and-decisions section's numbers, with a progress bar; None when left out; an
    exit code if it cannot be worked out."""
    games = 0 if args.no_whatif else args.whatif if args.whatif is not None else DEFAULT_GAMES if match.over else 0
    if games < 0:
        return fail(f"--whatif must be 0 or more games, got {games}")
    if args.workers < 0:
        return fail(f"--workers must be 1 or more (0: one per core), got {args.workers}")
    if not games:
        return None
    from ..analysis.runner import ClusterProblem
    from ..analysis.work import ContentChanged, Source
    from ..report.whatif import gather

    source = Source.of(Path(content.root), content.fingerprint, ship=bool(args.cluster))
    bar = progress(games, "what if", "games")
    try:
        with bar as advance:
            whatif = gather(
                match.rules,
                match.record,
                match.history,
                match.settled,
                source,
                games,
                workers=args.workers,
                cluster=args.cluster,
                advance=advance,
                total=bar.resize,
            )
    except (ContentChanged, ClusterProblem) as err:
        return fail(str(err))
    if whatif.stopped:
        print("what-if games stopped early: the section shows those finished", file=sys.stderr)
    return whatif


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
