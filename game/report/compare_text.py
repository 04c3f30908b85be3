"""A class's tables side by side, as Markdown or as one self-contained HTML page."""

from __future__ import annotations

import attrs

from .axis import fit
from .compare import Comparison, Parting, Table
from .html import STYLE
from .html import _e as _h
from .markdown import BLOCKS, cell, md
from .svg import lines_chart

_WIDE = ".charts svg { width: 100%; } td.num, th.num { text-align: right; }"
# The kinds of difference a parting lists, in the order a quarter plays them.
_PARTS = (
    ("talks", "Talks"),
    ("interventions", "The facilitator"),
    ("orders", "Orders"),
    ("choices", "Choices"),
    ("rolls", "Rolls"),
    ("tracks", "At the end of the quarter"),
)


def _lead(c: Comparison) -> str:
    seeds = sorted({t.seed for t in c.tables})
    same = f"all of seed {seeds[0]}" if len(seeds) == 1 else "seeds " + ", ".join(str(s) for s in seeds)
    return (
        f"Scenario {c.scenario}, {len(c.tables)} tables, {same}. Tables of the same seed play the same "
        "until the first quarter whose orders, choices, offers or interventions differ: there their paths part."
    )


def _about(t: Table) -> str:
    r = t.report
    parts = [f"seed {t.seed}", f"{r.quarters_played} of {r.quarters_total} quarters"]
    if t.branch:
        parts.append(t.branch)
    return ", ".join(parts)


def _ending(t: Table) -> str:
    return t.report.ending if t.report.over else "still going"


def _parting_head(p: Parting, c: Comparison) -> str:
    if not p.quarter:
        longer = max((p.first, p.second), key=lambda n: c.table(n).report.quarters_played)
        played = {c.table(n).report.quarters_played for n in (p.first, p.second)}
        tail = "" if len(played) == 1 else f"; {longer} played on"
        return f"{p.second} and {p.first} never parted: the same orders, talks and rolls for {p.shared} quarters{tail}."
    kept = "from the start" if p.quarter == 1 else f"the same up to Q{p.quarter - 1}"
    return (
        f"{p.second} parted from {p.first} in Q{p.quarter} ({p.label}), {kept}. "
        f"What differed in Q{p.quarter}, {p.first} vs {p.second}:"
    )


def _plain(value) -> str:
    """A value in a table whose heading names the unit: 2.5, not 2.5 $bn."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def to_markdown(c: Comparison) -> str:
    seats = c.tables[0].report.seats
    out = [f"# Class comparison: {md(c.name)}", "", md(_lead(c)), ""]
    out += [f"- **{md(t.name)}**: {md(_about(t))}" for t in c.tables]
    out += ["", "## Endings and scores", ""]
    out.append("| Table | Ending | Winner | " + " | ".join(cell(s.name) for s in seats) + " |")
    out.append("| --- | --- | --- | " + " | ".join("---:" for _ in seats) + " |")
    for t in c.tables:
        points = " | ".join(f"{s.score.points:g} / {s.score.max:g}" for s in t.report.seats)
        out.append(f"| {cell(t.name)} | {cell(_ending(t))} | {cell(t.report.winner or 'tie')} | {points} |")
    out += ["", "## Where the paths parted", ""]
    if not c.partings:
        out.append("No two tables share a seed: their paths are not compared quarter by quarter.")
    for p in c.partings:
        out += [f"### {md(p.second)} and {md(p.first)} (seed {p.seed})", "", md(_parting_head(p, c)), ""]
        for field, title in _PARTS:
            for line in getattr(p, field):
                out.append(f"- {title}: {md(line)}")
        out.append("")
    out += ["## Main tracks, quarter by quarter", ""]
    out.append(
        "Each value is the track at the end of that quarter, before the next quarter's news; a trend is "
        "drawn on one axis for all the tables, fitted to their values (its range beside it)."
    )
    for s in c.tables[0].report.series:
        unit = f" ({s.unit})" if s.unit else ""
        out += ["", f"### {md(s.name + unit)}", ""]
        out.append("| Table | Trend | " + " | ".join(c.labels) + " |")
        out.append("| --- | --- | " + " | ".join("---:" for _ in c.labels) + " |")
        every = [v for t in c.tables for v in t.tracks.get(s.track, ())]
        axis = fit(every, s.lo, s.hi) if s.kind == "number" else None
        for t in c.tables:
            values = t.tracks.get(s.track, ())
            cells = [cell(_plain(v)) for v in values] + ["—"] * (len(c.labels) - len(values))
            trend = f"`{_shared_trend(values, axis)}`" if axis else " "
            out.append(f"| {cell(t.name)} | {trend} | " + " | ".join(cells) + " |")
        if axis and axis.zoomed:
            out += ["", f"Trend axis: {axis.lo:g}–{axis.hi:g} of the track's {s.lo:g}–{s.hi:g}."]
    out.append("")
    return "\n".join(out)


def _shared_trend(values: tuple, axis) -> str:
    return "".join(BLOCKS[round(axis.share(v) * (len(BLOCKS) - 1))] for v in values)


def to_html(c: Comparison) -> str:
    seats = c.tables[0].report.seats
    title = f"Class comparison: {c.name}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{_h(title)}</title><style>{STYLE}{_WIDE}</style></head><body>",
        f"<h1>{_h(title)}</h1>",
        f'<p class="meta">{_h(_lead(c))}</p>',
        "<ul>" + "".join(f"<li><strong>{_h(t.name)}</strong>: {_h(_about(t))}</li>" for t in c.tables) + "</ul>",
        '<h2 id="endings">Endings and scores</h2>',
        "<table><thead><tr><th>Table</th><th>Ending</th><th>Winner</th>"
        + "".join(f'<th class="num">{_h(s.name)}</th>' for s in seats)
        + "</tr></thead><tbody>",
    ]
    for t in c.tables:
        points = "".join(f'<td class="num">{s.score.points:g} / {s.score.max:g}</td>' for s in t.report.seats)
        out.append(
            f"<tr><td>{_h(t.name)}</td><td>{_h(_ending(t))}</td><td>{_h(t.report.winner or 'tie')}</td>{points}</tr>"
        )
    out.append("</tbody></table>")
    out.append('<h2 id="partings">Where the paths parted</h2>')
    if not c.partings:
        out.append('<p class="muted">No two tables share a seed: their paths are not compared quarter by quarter.</p>')
    for p in c.partings:
        out.append(f'<h3>{_h(p.second)} and {_h(p.first)} <span class="muted">(seed {p.seed})</span></h3>')
        out.append(f"<p>{_h(_parting_head(p, c))}</p>")
        items = [
            f"<li><strong>{_h(title)}</strong>: {_h(line)}</li>"
            for field, title in _PARTS
            for line in getattr(p, field)
        ]
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
    out.append('<h2 id="tracks">Main tracks, quarter by quarter</h2>')
    out.append(
        '<p class="muted">Each point is the track at the end of a quarter, before the next quarter\'s news; '
        "one line a table, on one axis fitted to all of them (its range labelled, the unit under the title).</p>"
    )
    for s in c.tables[0].report.series:
        if s.kind == "number":
            longest = attrs.evolve(s, labels=c.labels)
            lines = tuple((t.name, t.tracks.get(s.track, ())) for t in c.tables)
            out.append('<div class="charts">' + lines_chart(longest, lines, f"chart-{s.track}") + "</div>")
        unit = f" ({s.unit})" if s.unit else ""
        out.append(f"<h3>{_h(s.name)}</h3>" if s.kind != "number" else f'<p class="muted">{_h(s.name + unit)}:</p>')
        out.append(
            "<table><thead><tr><th>Table</th>"
            + "".join(f'<th class="num">{_h(label)}</th>' for label in c.labels)
            + "</tr></thead><tbody>"
        )
        for t in c.tables:
            values = t.tracks.get(s.track, ())
            cells = [_plain(v) for v in values] + ["—"] * (len(c.labels) - len(values))
            out.append(f"<tr><td>{_h(t.name)}</td>" + "".join(f'<td class="num">{_h(v)}</td>' for v in cells) + "</tr>")
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
