"""What a chart marks on its time axis: the facilitator's interventions, deals agreed in the
talks and private deals leaked in the news; the report's charts and the debrief's draw them.

Each is marked in the quarter it happened, between the point before that quarter (its
start) and the point after it, where its effect shows.
"""

from __future__ import annotations

import attrs

from .build import Quarter, describe_intervention, talks

INTERVENTION, DEAL, LEAK = "intervention", "deal", "leak"
# A shape for each as the report's SVG charts draw them, so that colour is never the only
# cue; a letter in the terminal, where a shape cannot be drawn.
DRAWN = {INTERVENTION: "dashed line", DEAL: "◆", LEAK: "▲"}
LETTER = {INTERVENTION: "F", DEAL: "D", LEAK: "L"}
KEY = {
    INTERVENTION: "the facilitator intervened",
    DEAL: "a deal was agreed in the talks",
    LEAK: "a private deal leaked",
}


@attrs.frozen
class Mark:
    quarter: int
    kind: str  # intervention, deal or leak
    text: str  # what it was, in words: "Q2: Vendor CEO and Chinese Regulator agreed Bundle ..."


def marks_of(quarters: tuple[Quarter, ...]) -> tuple[Mark, ...]:
    """The report's quarters' marks, in quarter order: interventions, then deals, then leaks."""
    out: list[Mark] = []
    for q in quarters:
        out.extend(Mark(q.number, INTERVENTION, f"Q{q.number}, facilitator: {text}") for text in q.interventions)
        out.extend(Mark(q.number, DEAL, f"Q{q.number}, deal agreed: {t.headline}") for t in q.talks if t.accepted)
    for q in quarters:
        for t in q.talks:
            if t.leaked:
                out.append(Mark(t.leaked, LEAK, f"Q{t.leaked}, leaked: the Q{t.quarter} deal {t.headline}"))
    return tuple(sorted(out, key=lambda m: m.quarter))


def match_marks(match) -> tuple[Mark, ...]:
    """The same marks straight from a game, for the screens (without building the report)."""
    rules = match.rules
    outcomes = [o for quarter in match.log for o in quarter]

    def quarter(rec) -> Quarter:
        texts = tuple(describe_intervention(rules, i) for i in rec.interventions)
        return Quarter(rec.quarter, rules.quarter_label(rec.quarter), (), texts, (), (), talks(rules, rec, outcomes))

    return marks_of(tuple(quarter(rec) for rec in match.record.quarters))


def key_text(marks: tuple[Mark, ...], symbols: dict[str, str] = DRAWN, sep: str = " ") -> str:
    """'dashed line the facilitator intervened; ◆ a deal was agreed in the talks' for the
    kinds present, each with its symbol in `symbols`."""
    kinds = [k for k in (INTERVENTION, DEAL, LEAK) if any(m.kind == k for m in marks)]
    return "; ".join(f"{symbols[k]}{sep}{KEY[k]}" for k in kinds)
