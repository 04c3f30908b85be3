"""The after-action report: a finished game as Markdown or as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

from .build import Report, build

FORMATS = ("md", "html")


def render(match, fmt: str, whatif=None) -> str:
    """The report of `match` as text in `fmt` ("md" or "html"), with the what-if section if
    `whatif` (`report.whatif.gather`) is given."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")
    report = build(match, whatif)
    if fmt == "md":
        from .markdown import render as to_markdown

        return to_markdown(report)
    from .html import render as to_html

    return to_html(report)


def render_summary(match, fmt: str) -> str:
    """The student summary of `match` (one or two pages) as text in `fmt` ("md" or "html")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")
    from .summary import summarise
    from .summary_text import to_html, to_markdown

    summary = summarise(match)
    return to_markdown(summary) if fmt == "md" else to_html(summary)


def render_comparison(games, fmt: str) -> str:
    """Several tables of one scenario side by side (`games`: (name, Match) pairs) as text in
    `fmt`; compare.NotComparable names the file that does not belong."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")
    from .compare import compare
    from .compare_text import to_html, to_markdown

    comparison = compare(list(games))
    return to_markdown(comparison) if fmt == "md" else to_html(comparison)


def write_report(match, path: Path | str, fmt: str | None = None) -> Path:
    """Write the report atomically; the format defaults to the file's suffix (.md or .html)."""
    from ..saves.files import atomic_write

    path = Path(path)
    fmt = fmt or ("html" if path.suffix.lower() in (".html", ".htm") else "md")
    atomic_write(path, render(match, fmt))
    return path


def summary_path(report: Path) -> Path:
    """Where the student summary goes beside a report: `game-report.html` -> `game-summary.html`."""
    report = Path(report)
    return report.with_name(f"{report.stem.removesuffix('-report')}-summary{report.suffix}")


def write_summary(match, report: Path) -> Path:
    """Write the student summary beside the report written at `report`, in its format."""
    from ..saves.files import atomic_write

    path = summary_path(report)
    atomic_write(path, render_summary(match, "html" if path.suffix.lower() in (".html", ".htm") else "md"))
    return path


def report_path(match, fmt: str = "html") -> Path:
    """Where the end screen puts the report: beside the game's save (`autosave-h200-7.toml` ->
    `autosave-h200-7-report.html`), or in the saves folder for a game never saved."""
    from ..saves.store import saves_dir

    suffix = "md" if fmt == "md" else "html"
    save = getattr(match, "save_path", None)
    if save is not None:
        return Path(save).with_name(f"{Path(save).stem}-report.{suffix}")
    return saves_dir() / f"report-{match.rules.scenario}-{match.seed}.{suffix}"


__all__ = [
    "FORMATS",
    "Report",
    "build",
    "render",
    "render_comparison",
    "render_summary",
    "report_path",
    "summary_path",
    "write_report",
    "write_summary",
]
