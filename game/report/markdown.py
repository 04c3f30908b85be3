"""The report as Markdown: readable as plain text, and rendered by any Markdown viewer.

Charts become a table of values per quarter with a text sparkline beside each track, drawn
on the same fitted axis as the HTML report's chart (its range written beside it).
"""

from __future__ import annotations

import re

from ..core.citation import FICTIONAL, Citation, Source, date_words
from ..core.printable import printable
from ..core.words import plural, times
from .build import ANSWER_WORDS, Happening, Report, Series, Talk
from .marks import DEAL, LEAK, marks_of
from .svg import axis_of

BLOCKS = "▁▂▃▄▅▆▇█"
_SPECIAL = re.compile(r"[\\`\[\]<>&]")
_ESCAPED = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def md(text) -> str:
    """Text from the content or a save, as Markdown shows it and does nothing else: no HTML
    (`<script>` was copied verbatim), no link or image, no code span, no control character."""
    return _SPECIAL.sub(lambda m: _ESCAPED.get(m.group(), "\\" + m.group()), printable(str(text)))


def cell(text: str) -> str:
    """Safe inside a table cell: no pipe ends the cell early, no newline ends the row."""
    return " ".join(md(text).split()).replace("|", "\\|") or " "


def sparkline(series: Series) -> str:
    """One block per point on the chart's axis, fitted to the values (`svg.axis_of`; states:
    one level per state)."""
    if series.kind == "number":
        axis = axis_of(series)
        levels = [axis.share(v) for v in series.values]
    else:
        top = max(len(series.states) - 1, 1)
        levels = [series.states.index(v) / top if v in series.states else 0.0 for v in series.values]
    return "".join(BLOCKS[min(len(BLOCKS) - 1, max(0, round(f * (len(BLOCKS) - 1))))] for f in levels)


def _trend(series: Series) -> str:
    """The sparkline, and the range of its axis when narrower than the track's: "`▁▃█` 0–6"."""
    spark = f"`{sparkline(series)}`"
    if series.kind != "number":
        return spark
    axis = axis_of(series)
    return f"{spark} {axis.lo:g}–{axis.hi:g}" if axis.zoomed else spark


def _marked(report: Report) -> list[str]:
    """Sentences naming the quarters with deals agreed and leaks, which the charts mark."""
    marks = marks_of(report.quarters)
    out = []
    for kind, words in ((DEAL, "A deal was agreed in"), (LEAK, "A private deal leaked in")):
        quarters = sorted({m.quarter for m in marks if m.kind == kind})
        if quarters:
            out.append(f"{words} " + ", ".join(f"Q{q}" for q in quarters) + ".")
    return out


def _value(series: Series, value) -> str:
    if series.kind != "number":
        return str(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _moves(h: Happening) -> str:
    parts = [md(f"{m.track} {m.before} → {m.after}" + (f" ({m.private})" if m.private else "")) for m in h.moves]
    return f" — {'; '.join(parts)}" if parts else ""


def _line(h: Happening) -> str:
    who = f"**{md(h.who)}**: " if h.who else ""
    private = f" *({md(h.private)})*" if h.private else ""
    detail = f" ({md(h.detail)})" if h.detail else ""
    tag = f" *[{FICTIONAL}]*" if h.fictional else ""
    return f"- {who}{md(h.text)}{tag}{detail}{private}{_moves(h)}"


def _cite(c: Citation) -> str:
    """A citation, its outlet, title and date linked when it has an address."""
    lead = f"[{md(c.lead())}]({c.url})" if c.url else md(c.lead())
    return lead + md(c.tail())


_HYPOTHETICAL = "A hypothetical starting point."  # an invented scenario set-up


def _source(source: Source, as_of: str = "", invented: str = "Invented for the game.") -> str:
    """' As of 15 Jan 2026. *Sources: …*', or the fictional tag and the real counterpart."""
    if source.fictional:
        text = f" *[{FICTIONAL}]* {invented}"
        if source.counterpart:
            cited = "; ".join(_cite(c) for c in source.counterpart_citations)
            text += f" Real counterpart: {md(source.counterpart)}" + (f" *({cited})*" if cited else "")
        return text
    dated = f" As of {date_words(as_of)}." if as_of else ""
    cited = "; ".join(_cite(c) for c in source.citations)
    return dated + (f" *Sources: {cited}.*" if cited else "")


def _happenings(heading: str, happenings: tuple[Happening, ...], empty: str) -> list[str]:
    """A bold heading over a line per happening, or over `empty` when there is none."""
    return ["", f"**{heading}**", "", *([_line(h) for h in happenings] or [f"- {empty}"])]


def _talk(t: Talk) -> list[str]:
    """An offer as a bullet, its terms, reasons and results indented under it."""
    head = f"- **{md(t.sender)}** offered **{md(t.receiver)}**: {md(t.what)} — **{ANSWER_WORDS[t.answer]}**"
    out = [f"{head} *({md(t.secrecy)})*"]
    out.extend(f"  - {md(line)}" for line in t.terms)
    if t.reason:
        out.append(f"  - {md(t.sender)}'s reason: *{md(t.reason)}*")
    if t.answer_reason:
        out.append(f"  - {md(t.receiver)}'s reason: *{md(t.answer_reason)}*")
    if t.did:
        out.append(f"  - carried out: {'; '.join(md(d) for d in t.did)}")
    if t.moves:
        moves = [md(f"{m.track} {m.before} → {m.after}" + (f" ({m.private})" if m.private else "")) for m in t.moves]
        out.append(f"  - moved: {'; '.join(moves)}")
    return out


def _deals(report: Report) -> list[str]:
    out = ["", "## Deals", ""]
    out.append(
        "The talks of each quarter, between the news and the orders: every offer, who made it to whom, the "
        "answer and what an accepted one did. An offer was known only to its two seats unless the deal was "
        "public or a leak in the news gave it away; all are revealed here."
    )
    talks = report.talks
    if not talks:
        out.extend(["", "No seat made an offer in this game."])
    for q in report.quarters:
        if q.talks:
            out.extend(["", f"### Q{q.number} ({q.label})", ""])
            for t in q.talks:
                out.extend(_talk(t))
    if report.deals:
        out.extend(["", "### The deals on the table: what really happened", ""])
        for f in report.deals:
            happened = f" {f.happened}" if f.happened else ""
            out.append(f"- **{f.title}** ({f.first}):{happened}{_source(f.source, f.as_of)}")
    return out


def render(report: Report) -> str:
    out: list[str] = []
    add = out.append
    add(f"# After-action report: {md(report.name)}")
    add("")
    played = f"{report.quarters_played} of {report.quarters_total} quarters played"
    add(
        f"Scenario `{md(report.scenario)}`, seed {report.seed}, {played}."
        + (f" Content fingerprint `{report.content[:12]}`." if report.content else "")
    )
    if report.interventions:
        add(f"The facilitator intervened {times(report.interventions)}; each is marked in the timeline.")
    add("")
    if report.intro:
        out.extend(f"> {md(line)}".rstrip() for line in report.intro.splitlines())
        add("")

    add("## Ending and scores")
    add("")
    if report.over:
        add(f"**{md(report.ending)}.** {md(report.ending_text)}")
    else:
        add(f"**The game is still going** after {report.quarters_played} quarters: scores are as if it ended now.")
    add("")
    add(
        f"Winner: **{md(report.winner)}** (highest share of its possible points)."
        if report.winner
        else "Winner: none, the top seats are tied."
    )
    add("")
    add("| Seat | Played by | Points | Share |")
    add("| --- | --- | ---: | ---: |")
    for s in report.seats:
        add(f"| {cell(s.name)} | {cell(s.played_by)} | {s.score.points:g} of {s.score.max:g} | {s.score.share:.0%} |")
    add("")
    for s in report.seats:
        add(f"### {md(s.name)}: objectives")
        add("")
        add("| Objective | Points | Max |")
        add("| --- | ---: | ---: |")
        for o in s.score.objectives:
            add(f"| {cell(o.text)} | {o.points:g} | {o.max:g} |")
        add("")

    add("## Main tracks")
    add("")
    if report.series:
        labels = report.series[0].labels
        add(
            "Each value is the track at the end of that quarter, before the next quarter's news, as the "
            "timeline's moves leave it; *Start* is the scenario's opening, before Q1's news. A trend is "
            "drawn on an axis fitted to its values; when that is narrower than the track's range, its ends follow it."
        )
        add("")
        add("| Track | Trend | " + " | ".join(cell(label) for label in labels) + " |")
        add("| --- | --- | " + " | ".join("---:" for _ in labels) + " |")
        for s in report.series:
            unit = f" ({s.unit})" if s.unit else ""
            add(f"| {cell(s.name + unit)} | {_trend(s)} | " + " | ".join(cell(_value(s, v)) for v in s.values) + " |")
        add("")
        marks = sorted(set(report.series[0].marks))
        said = ["The facilitator intervened in " + ", ".join(f"Q{q}" for q in marks) + "."] if marks else []
        said += _marked(report)
        if said:
            add(" ".join(said))
            add("")
    else:
        add("This scenario marks no track as main.")
        add("")

    add("## Timeline")
    for q in report.quarters:
        add("")
        add(f"### Q{q.number} ({md(q.label)})" + (" · forced: resolved with orders missing" if q.forced else ""))
        out.extend(_happenings("News", q.news, "No news."))
        if q.talks:
            agreed = sum(t.accepted for t in q.talks)
            add("")
            add(f"**Talks**: {plural(len(q.talks), 'offer')}, {agreed} accepted (see Deals).")
        if q.interventions:
            add("")
            add("**Facilitator**")
            add("")
            out.extend(f"- {cell(text)}" for text in q.interventions)
        add("")
        add("**Orders** (given in secret, all at once)")
        add("")
        for o in q.orders:
            what = md(o.action_text) or "no actions"
            choices = f"; chose {md(', '.join(o.choices))}" if o.choices else ""
            reason = f" *(reason: {md(o.reason)})*" if o.reason else ""
            add(f"- **{md(o.name)}**: {what}{choices}{reason}")
        out.extend(_happenings("What happened", q.results, "Nothing moved."))

    if report.has_talks:
        out.extend(_deals(report))

    add("")
    add("## Decisions by seat")
    for s in report.seats:
        add("")
        add(f"### {md(s.name)} ({md(s.controller)})")
        add("")
        add("| Quarter | Actions | Choices | Reason |")
        add("| --- | --- | --- | --- |")
        for number, o in report.orders_of(s.seat):
            add(
                f"| Q{number} | {cell(o.action_text or '-')} | {cell(', '.join(o.choices) or '-')} | "
                f"{cell(o.reason or '-')} |"
            )

    if report.whatif is not None:  # luck and decisions (`report/whatif.py`), when worked out
        from .whatif import markdown as whatif_section

        add("")
        out.extend(whatif_section(report.whatif))
    add("")
    add("## What really happened")
    add("")
    if report.facts:
        for f in report.facts:
            happened = f" {md(f.happened)}" if f.happened else ""
            add(f"- **{md(f.title)}** ({md(f.kind)}, {md(f.first)}):{happened}{_source(f.source, f.as_of)}")
    else:
        add("Nothing in this game is tied to a real event.")
    if report.source:
        add("")
        add(f"The scenario's set-up:{_source(report.source, report.source_as_of, _HYPOTHETICAL)}")

    add("")
    add("## Discussion questions")
    add("")
    if report.questions:
        out.extend(f"{i}. {md(q)}" for i, q in enumerate(report.questions, start=1))
    else:
        add("This scenario lists no questions.")
    add("")
    return "\n".join(out)
