"""`report`: the after-action report of a saved game, as Markdown or one HTML file."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_content_argument, fail, load_or_report, saved_match_or_report


def add_arguments(parser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="a saved game (.toml)")
    parser.add_argument(
        "--format", choices=("md", "html"), default=None, help="md or html (default: from the -o suffix, else md)"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report here (default: print it)")
    add_content_argument(parser)


def run(args) -> int:
    content = load_or_report(args.content)
    if content is None:
        return 1
    match = saved_match_or_report(
        args.path,
        _content_kept_with(args.path, content),
        lambda err: "Give the content it was made with: --content DIR.",
    )
    if match is None:
        return 1
    from ..report import render

    fmt = args.format
    if fmt is None:
        suffix = args.output.suffix.lower() if args.output else ""
        fmt = "html" if suffix in (".html", ".htm") else "md"
    text = render(match, fmt)
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
