"""The student summary as Markdown or as one self-contained HTML page (printable on one or
two sheets), in the words and escaping of the full report."""

from __future__ import annotations

from .html import STYLE
from .html import _e as _h
from .html import _source as _html_source
from .markdown import _source as _md_source
from .markdown import cell, md
from .summary import QuarterLine, Summary, TurningPoint

# Two sheets at most when printed: a smaller type and tighter spacing than the full report's.
_PRINT = """
@page { margin: 1.4cm; }
@media print {
  body { font-size: 10pt; line-height: 1.35; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin: 0.8rem 0 0.3rem; }
  h3 { font-size: 11pt; margin: 0.5rem 0 0.2rem; }
  p, ul, table { margin: 0.3rem 0; } th, td { padding: 0.1rem 0.4rem; }
}
"""


def _points(x: float) -> str:
    return f"{x:+g}"


def _meta(s: Summary) -> str:
    r = s.report
    return (
        f"Scenario {r.scenario}, seed {r.seed}, {r.quarters_played} of {r.quarters_total} quarters played. "
        "The full after-action report has every order, roll and deal."
    )


def _quarter_text(q: QuarterLine) -> str:
    parts = []
    if q.news:
        parts.append("news: " + "; ".join(q.news))
    if q.deals:
        parts.append("deal agreed: " + "; ".join(q.deals))
    if q.interventions:
        parts.append("the facilitator: " + "; ".join(q.interventions))
    if q.ending:
        parts.append(f"the game ended: {q.ending}")
    if not parts:
        return "A quiet quarter: no news."
    return " ".join(_sentence(p) for p in parts)


def _sentence(text: str) -> str:
    """'news: a; b?' -> 'News: a; b?', with a full stop unless it ends with its own."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _turn_text(t: TurningPoint) -> str:
    why = "; ".join(t.objectives)
    return f"ordered {t.ordered}. Points {t.before:g} → {t.after:g}" + (f" ({why})" if why else "") + "."


def _ending(s: Summary) -> tuple[str, str]:
    r = s.report
    if r.over:
        head, text = f"{r.ending}.", r.ending_text
    else:
        played = f"{r.quarters_played} quarter{'s' if r.quarters_played != 1 else ''}"
        head, text = "The game is still going.", f"After {played}; scores are as if it ended now."
    return head, text


def _winner(s: Summary) -> str:
    r = s.report
    return f"Winner: {r.winner} (highest share of its possible points)." if r.winner else "Winner: none, a tie."


def to_markdown(s: Summary) -> str:
    r = s.report
    out = [f"# Student summary: {md(r.name)}", "", md(_meta(s)), "", "## The ending", ""]
    head, text = _ending(s)
    out += [f"**{md(head)}** {md(text)}", "", md(_winner(s)), ""]
    out += ["| Seat | Played by | Points | Share |", "| --- | --- | ---: | ---: |"]
    for seat in r.seats:
        sc = seat.score
        out.append(f"| {cell(seat.name)} | {cell(seat.controller)} | {sc.points:g} / {sc.max:g} | {sc.share:.0%} |")
    out += ["", "## What happened", ""]
    for t in s.tracks:
        span = f" (lowest {md(t.low)}, highest {md(t.high)})" if t.low else ""
        out.append(f"- **{md(t.name)}**: {md(t.start)} → {md(t.end)}{span}")
    out.append("")
    out += [f"- **Q{q.number}** ({md(q.label)}): {md(_quarter_text(q))}" for q in s.quarters]
    out += ["", "## Turning points", ""]
    for st in s.seats:
        out += [f"### {md(st.seat.name)}: {st.seat.score.points:g} of {st.seat.score.max:g} points", ""]
        if not st.turns:
            out += ["Its points never moved during the game.", ""]
            continue
        for t in st.turns:
            out.append(f"- **Q{t.quarter}** ({md(t.label)}), {_points(t.change)} points: {md(_turn_text(t))}")
        out.append("")
    out += ["## What really happened in the world", ""]
    if not s.facts:
        out.append("Nothing in this game is tied to a real event.")
    for f in s.facts:
        happened = f" {md(f.happened)}" if f.happened else ""
        out.append(f"- **{md(f.title)}** ({md(f.kind)}, {md(f.first)}):{happened}{_md_source(f.source, f.as_of)}")
    if s.more_facts:
        out += ["", f"The full report tells {s.more_facts} more."]
    out.append("")
    return "\n".join(out)


def to_html(s: Summary) -> str:
    r = s.report
    title = f"Student summary: {r.name}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{_h(title)}</title><style>{STYLE}{_PRINT}</style></head><body>",
        f"<h1>{_h(title)}</h1>",
        f'<p class="meta">{_h(_meta(s))}</p>',
        '<h2 id="ending">The ending</h2>',
    ]
    head, text = _ending(s)
    out.append(f"<p><strong>{_h(head)}</strong> {_h(text)}</p>")
    out.append(f'<p class="winner">{_h(_winner(s))}</p>')
    out.append("<table><thead><tr><th>Seat</th><th>Played by</th><th>Points</th><th>Share</th></tr></thead><tbody>")
    for seat in r.seats:
        sc = seat.score
        out.append(
            f"<tr><td>{_h(seat.name)}</td><td>{_h(seat.controller)}</td>"
            f'<td class="num">{sc.points:g} / {sc.max:g}</td><td class="num">{sc.share:.0%}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append('<h2 id="happened">What happened</h2><ul>')
    for t in s.tracks:
        span = f" (lowest {_h(t.low)}, highest {_h(t.high)})" if t.low else ""
        out.append(f"<li><strong>{_h(t.name)}</strong>: {_h(t.start)} → {_h(t.end)}{span}</li>")
    out.append("</ul><ul>")
    for q in s.quarters:
        out.append(f"<li><strong>Q{q.number}</strong> ({_h(q.label)}): {_h(_quarter_text(q))}</li>")
    out.append("</ul>")
    out.append('<h2 id="turning-points">Turning points</h2>')
    for st in s.seats:
        out.append(f"<h3>{_h(st.seat.name)}: {st.seat.score.points:g} of {st.seat.score.max:g} points</h3>")
        if not st.turns:
            out.append('<p class="muted">Its points never moved during the game.</p>')
            continue
        items = "".join(
            f"<li><strong>Q{t.quarter}</strong> ({_h(t.label)}), {_points(t.change)} points: {_h(_turn_text(t))}</li>"
            for t in st.turns
        )
        out.append(f"<ul>{items}</ul>")
    out.append('<h2 id="history">What really happened in the world</h2>')
    if not s.facts:
        out.append('<p class="muted">Nothing in this game is tied to a real event.</p>')
    else:
        facts = "".join(
            f'<li><strong>{_h(f.title)}</strong> <span class="muted">({_h(f.kind)}, {_h(f.first)})</span>'
            f"{(' ' + _h(f.happened)) if f.happened else ''}{_html_source(f.source, f.as_of)}</li>"
            for f in s.facts
        )
        out.append(f"<ul>{facts}</ul>")
    if s.more_facts:
        out.append(f'<p class="muted">The full report tells {s.more_facts} more.</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
