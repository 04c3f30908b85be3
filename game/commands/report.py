"""`report`: the after-action report of a saved game, as Markdown or one HTML file."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_cluster_argument, add_content_argument, fail, load_or_report, saved_match_or_report
from .progress import progress


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="a saved game (.toml)")
    parser.add_argument(
        "--format", choices=("md", "html"), default=None, help="md or html (default: from the -o suffix, else md)"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report here (default: print it)")
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
    content = load_or_report(args.content)
    if content is None:
        return 1
    used = _content_kept_with(args.path, content)
    match = saved_match_or_report(
        args.path,
        used,
        lambda err: "Give the content it was made with: --content DIR.",
    )
    if match is None:
        return 1
    from ..report import render

    fmt = args.format
    if fmt is None:
        suffix = args.output.suffix.lower() if args.output else ""
        fmt = "html" if suffix in (".html", ".htm") else "md"
    games = 0 if args.no_whatif else args.whatif if args.whatif is not None else DEFAULT_GAMES if match.over else 0
    if games < 0:
        return fail(f"--whatif must be 0 or more games, got {games}")
    if args.workers < 0:
        return fail(f"--workers must be 1 or more (0: one per core), got {args.workers}")
    whatif = None
    if games:
        whatif = _whatif(args, match, used, games)
        if isinstance(whatif, int):
            return whatif
    text = render(match, fmt, whatif)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from ..saves.files import atomic_write

    try:
        atomic_write(args.output, text)
    except OSError as err:
        return fail(f"-o {args.output}: {err.strerror or err}")
    print(f"wrote {args.output} ({fmt}, {len(match.record.quarters)} quarters)", file=sys.stderr)
    return 0


def _whatif(args, match, content, games: int):
    """The luck-and-decisions section's numbers, with a progress bar; an exit code if it failed."""
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
                total=lambda n: bar.resize(n),
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
