"""The report as one self-contained HTML file: styles inline, charts as inline SVG, no script.

It opens from a USB stick or an e-mail attachment with no network, and prints cleanly for
handing out. The markup is also well-formed XML (void elements closed, only XML's own
entities), so tests can parse the whole page with the standard library.
"""

from __future__ import annotations

from html import escape

from ..core.citation import FICTIONAL, Citation, Source, date_words
from ..core.printable import printable
from ..core.words import plural, times
from .build import ANSWER_WORDS, Happening, Report, SeatOrders, Talk
from .marks import key_text, marks_of
from .svg import chart

STYLE = """
:root { --ink: #222; --muted: #555; --rule: #ccc; --accent: #0072B2; --mark: #D55E00; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 980px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { margin-bottom: 0.3rem; }
.meta, .muted { color: var(--muted); }
blockquote { border-left: 4px solid var(--rule); margin: 1rem 0; padding: 0 1rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.charts svg { border: 1px solid var(--rule); border-radius: 4px; background: #fff; max-width: 100%; height: auto; }
.quarter { border-left: 4px solid var(--accent); padding-left: 1rem; margin: 1.5rem 0; }
.quarter h3 { margin-top: 0; }
.facilitator { border: 2px dashed var(--mark); padding: 0.3rem 0.8rem; border-radius: 4px; }
.tag { display: inline-block; font-size: 0.8rem; border: 1px solid var(--muted); border-radius: 3px;
       padding: 0 0.3rem; color: var(--muted); }
.tag.fictional { border-color: var(--mark); color: var(--mark); font-style: italic; }
.moves { color: var(--muted); font-size: 0.92rem; }
.sources { color: var(--muted); font-size: 0.92rem; }
.winner { font-size: 1.15rem; }
ul { padding-left: 1.3rem; }
@media print { body { max-width: none; } .quarter, .charts svg { break-inside: avoid; } }
"""


def _e(text) -> str:
    """Text from the content or a save, escaped, its control characters shown (XML forbids most)."""
    return escape(printable(str(text)), quote=True)


def _happening(h: Happening) -> str:
    who = f"<strong>{_e(h.who)}</strong>: " if h.who else ""
    detail = f' <span class="muted">({_e(h.detail)})</span>' if h.detail else ""
    private = f' <span class="tag">{_e(h.private)}</span>' if h.private else ""
    if h.fictional:
        private = _FICTIONAL_TAG + private
    moves = ""
    if h.moves:
        parts = [
            f"{_e(m.track)} {_e(m.before)} → {_e(m.after)}"
            + (f' <span class="tag">{_e(m.private)}</span>' if m.private else "")
            for m in h.moves
        ]
        moves = f'<br/><span class="moves">{"; ".join(parts)}</span>'
    return f"<li>{who}{_e(h.text)}{detail}{private}{moves}</li>"


_FICTIONAL_TAG = f' <span class="tag fictional" title="invented for the game">{FICTIONAL}</span>'


def _cite(c: Citation) -> str:
    """A citation in a <cite>: outlet, title and date, linked to where it can be read."""
    lead = _e(c.lead())
    if c.url:
        lead = f'<a href="{_e(c.url)}">{lead}</a>'
    return f"<cite>{lead}{_e(c.tail())}</cite>"


_HYPOTHETICAL = "A hypothetical starting point."  # an invented scenario set-up


def _source(source: Source, as_of: str = "", invented: str = "Invented for the game.") -> str:
    """The citations and the date the text is true as of, or the fictional tag and the real counterpart."""
    if source.fictional:
        text = f"{_FICTIONAL_TAG} {invented}"
        if source.counterpart:
            cited = "; ".join(_cite(c) for c in source.counterpart_citations)
            text += f" Real counterpart: {_e(source.counterpart)}"
            text += f' <span class="sources">({cited})</span>' if cited else ""
        return text
    dated = f" As of {_e(date_words(as_of))}." if as_of else ""
    cited = "; ".join(_cite(c) for c in source.citations)
    return dated + (f' <span class="sources">Sources: {cited}.</span>' if cited else "")


def _list(items: list[str], empty: str) -> str:
    return "<ul>" + "".join(items) + "</ul>" if items else f'<p class="muted">{_e(empty)}</p>'


def _order_cells(o: SeatOrders) -> str:
    """An order's actions, choices and reason as three table cells, "-" in an empty one."""
    return (
        f"<td>{_e(o.action_text or '-')}</td><td>{_e(', '.join(o.choices) or '-')}</td><td>{_e(o.reason or '-')}</td>"
    )


def _talk(t: Talk) -> str:
    """An offer as a list item, its terms, reasons and results in a list under it."""
    answer = f"<strong>{_e(ANSWER_WORDS[t.answer])}</strong>"
    head = (
        f"<strong>{_e(t.sender)}</strong> offered <strong>{_e(t.receiver)}</strong>: {_e(t.what)} — {answer} "
        f'<span class="tag">{_e(t.secrecy)}</span>'
    )
    lines = [_e(line) for line in t.terms]
    if t.reason:
        lines.append(f"{_e(t.sender)}'s reason: <em>{_e(t.reason)}</em>")
    if t.answer_reason:
        lines.append(f"{_e(t.receiver)}'s reason: <em>{_e(t.answer_reason)}</em>")
    if t.did:
        lines.append("Carried out: " + _e("; ".join(t.did)))
    if t.moves:
        moves = [
            f"{_e(m.track)} {_e(m.before)} → {_e(m.after)}"
            + (f' <span class="tag">{_e(m.private)}</span>' if m.private else "")
            for m in t.moves
        ]
        lines.append(f'<span class="moves">Moved: {"; ".join(moves)}</span>')
    return f"<li>{head}<ul>{''.join(f'<li>{line}</li>' for line in lines)}</ul></li>"


def _deals(report: Report) -> list[str]:
    out = ['<h2 id="deals">Deals</h2>']
    out.append(
        '<p class="muted">The talks of each quarter, between the news and the orders: every offer, who made it '
        "to whom, the answer and what an accepted one did. An offer was known only to its two seats unless the "
        "deal was public or a leak in the news gave it away; all are revealed here.</p>"
    )
    if not report.talks:
        out.append('<p class="muted">No seat made an offer in this game.</p>')
    for q in report.quarters:
        if q.talks:
            out.append(f'<h3 id="deals-q{q.number}">Q{q.number} ({_e(q.label)})</h3>')
            out.append("<ul>" + "".join(_talk(t) for t in q.talks) + "</ul>")
    if report.deals:
        out.append("<h3>The deals on the table: what really happened</h3>")
        facts = []
        for f in report.deals:
            facts.append(
                f'<li><strong>{_e(f.title)}</strong> <span class="muted">({_e(f.first)})</span>'
                f"{(' ' + _e(f.happened)) if f.happened else ''}{_source(f.source, f.as_of)}</li>"
            )
        out.append(_list(facts, ""))
    return out


def render(report: Report) -> str:
    out: list[str] = []
    add = out.append
    title = f"After-action report: {report.name}"
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8"/>')
    add('<meta name="viewport" content="width=device-width, initial-scale=1"/>')
    add(f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>")
    add(f"<h1>{_e(title)}</h1>")
    meta = (
        f"Scenario <code>{_e(report.scenario)}</code>, seed {report.seed}, "
        f"{report.quarters_played} of {report.quarters_total} quarters played."
    )
    if report.content:
        meta += f" Content fingerprint <code>{_e(report.content[:12])}</code>."
    if report.interventions:
        meta += f" The facilitator intervened {times(report.interventions)}."
    add(f'<p class="meta">{meta}</p>')
    if report.intro:
        paras = [p.strip() for p in report.intro.split("\n\n") if p.strip()]
        add("<blockquote>" + "".join(f"<p>{_e(p)}</p>" for p in paras) + "</blockquote>")

    add('<h2 id="ending">Ending and scores</h2>')
    if report.over:
        add(f"<p><strong>{_e(report.ending)}.</strong> {_e(report.ending_text)}</p>")
    else:
        add(
            f"<p><strong>The game is still going</strong> after {report.quarters_played} quarters: "
            "scores are as if it ended now.</p>"
        )
    add(
        f'<p class="winner">Winner: <strong>{_e(report.winner)}</strong> (highest share of its possible points)</p>'
        if report.winner
        else '<p class="winner">Winner: none, the top seats are tied.</p>'
    )
    add("<table><thead><tr><th>Seat</th><th>Played by</th><th>Points</th><th>Share</th></tr></thead><tbody>")
    for s in report.seats:
        add(
            f"<tr><td>{_e(s.name)}</td><td>{_e(s.played_by)}</td>"
            f'<td class="num">{s.score.points:g} of {s.score.max:g}</td><td class="num">{s.score.share:.0%}</td></tr>'
        )
    add("</tbody></table>")
    for s in report.seats:
        add(f"<h3>{_e(s.name)}: objectives</h3>")
        add("<table><thead><tr><th>Objective</th><th>Points</th><th>Max</th></tr></thead><tbody>")
        for o in s.score.objectives:
            add(f'<tr><td>{_e(o.text)}</td><td class="num">{o.points:g}</td><td class="num">{o.max:g}</td></tr>')
        add("</tbody></table>")

    add('<h2 id="tracks">Main tracks</h2>')
    marks = marks_of(report.quarters)
    if report.series:
        add(
            '<p class="muted">Each point is the track at the end of a quarter, before the next quarter\'s news, '
            "as the timeline's moves leave it; <em>Start</em> is the scenario's opening, before Q1's news. "
            "Each axis is fitted to the values shown, its range labelled; under the title, the unit and, "
            "when the axis is narrower, the track's full range."
            + (f" On the time axis: {_e(key_text(marks, sep=': '))}." if marks else "")
            + "</p>"
        )
        add('<div class="charts">')
        out.extend(chart(s, f"chart-{s.track}", marks) for s in report.series)
        add("</div>")
    else:
        add('<p class="muted">This scenario marks no track as main.</p>')

    add('<h2 id="timeline">Timeline</h2>')
    for q in report.quarters:
        forced = ' <span class="muted">· forced: resolved with orders missing</span>' if q.forced else ""
        add(f'<section class="quarter" id="q{q.number}"><h3>Q{q.number} ({_e(q.label)}){forced}</h3>')
        add("<h4>News</h4>" + _list([_happening(h) for h in q.news], "No news."))
        if q.talks:
            agreed = sum(t.accepted for t in q.talks)
            offers = plural(len(q.talks), "offer")
            link = f'<a href="#deals-q{q.number}">Deals</a>'
            add(f"<p><strong>Talks</strong>: {offers}, {agreed} accepted (see {link}).</p>")
        if q.interventions:
            add(
                '<div class="facilitator"><h4>Facilitator</h4>'
                + _list([f"<li>{_e(t)}</li>" for t in q.interventions], "")
                + "</div>"
            )
        add('<h4>Orders <span class="muted">(given in secret, all at once)</span></h4>')
        add("<table><thead><tr><th>Seat</th><th>Actions</th><th>Choices</th><th>Reason</th></tr></thead><tbody>")
        for o in q.orders:
            add(f"<tr><td>{_e(o.name)}</td>{_order_cells(o)}</tr>")
        add("</tbody></table>")
        add("<h4>What happened</h4>" + _list([_happening(h) for h in q.results], "Nothing moved."))
        add("</section>")

    if report.has_talks:
        out.extend(_deals(report))

    add('<h2 id="decisions">Decisions by seat</h2>')
    for s in report.seats:
        add(f'<h3>{_e(s.name)} <span class="muted">({_e(s.controller)})</span></h3>')
        add("<table><thead><tr><th>Quarter</th><th>Actions</th><th>Choices</th><th>Reason</th></tr></thead><tbody>")
        for number, o in report.orders_of(s.seat):
            add(f"<tr><td>Q{number}</td>{_order_cells(o)}</tr>")
        add("</tbody></table>")

    if report.whatif is not None:  # luck and decisions (`report/whatif.py`), when worked out
        from .whatif import html as whatif_section

        out.extend(whatif_section(report.whatif))

    add('<h2 id="history">What really happened</h2>')
    facts = []
    for f in report.facts:
        facts.append(
            f'<li><strong>{_e(f.title)}</strong> <span class="muted">({_e(f.kind)}, {_e(f.first)})</span>'
            f"{(' ' + _e(f.happened)) if f.happened else ''}{_source(f.source, f.as_of)}</li>"
        )
    add(_list(facts, "Nothing in this game is tied to a real event."))
    if report.source:
        add(f"<p>The scenario's set-up:{_source(report.source, report.source_as_of, _HYPOTHETICAL)}</p>")

    add('<h2 id="questions">Discussion questions</h2>')
    if report.questions:
        add("<ol>" + "".join(f"<li>{_e(q)}</li>" for q in report.questions) + "</ol>")
    else:
        add('<p class="muted">This scenario lists no questions.</p>')
    add("</body></html>")
    return "\n".join(out) + "\n"
