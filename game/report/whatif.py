"""Luck and decisions: the report's what-if section.

From the game's opening, N bot games (`analysis.whatif`) give each main track's spread
quarter by quarter (drawn as fan charts with the game's own line over them) and how often
the game's ending came up; for each seat, the decisions that moved its expected points most
against what a smart bot would have ordered there (`analysis.decisions`). `gather` works it
out (the slow part, on workers); `markdown` and `html` only format it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import attrs

from ..analysis import decisions as weighing
from ..analysis.runner import workers_wanted
from ..analysis.whatif import continuations, fork_at, main_tracks, summary
from ..analysis.work import Source
from ..core.model import Rules

DEFAULT_GAMES = 100  # continuations from the opening; decisions get a twenty-fifth each (at least 4)


@attrs.frozen
class Fan:
    """One number track: its percentiles at the opening and each quarter's end, and the game's line."""

    track: str
    name: str
    unit: str
    labels: tuple[str, ...]  # "Start", "Q1", ...
    p10: tuple[float, ...]
    p50: tuple[float, ...]
    p90: tuple[float, ...]
    actual: tuple[float, ...]  # the game's own values, as far as it went
    rank: float  # share of games that ended this track below the game's final value (ties: half)


@attrs.frozen
class Choice:
    quarter: int
    label: str  # "2026-Q3"
    ordered: str  # the seat's actions in words ("Lobby the Hill, Ship the chips" or "nothing")
    smart: str  # the smart bot's, in words
    gain: float  # expected points of the seat's order less the smart bot's


@attrs.frozen
class WhatIf:
    games: int
    seed: int
    ending: str  # the game's ending's title ("" if it goes on)
    ending_share: float  # of the games from the same start that ended so
    endings: tuple[tuple[str, float], ...]  # (title, share), content order
    fans: tuple[Fan, ...]
    choices: tuple[tuple[str, tuple[Choice, ...]], ...]  # (seat name, its top decisions)
    decision_games: int  # games each side of a decision was played
    weighed: int  # decisions that differed from the smart bot's
    stopped: bool = False  # Ctrl+C: the numbers are of the games finished before it
    from_quarter: int = 1


def levels_of(record) -> dict[str, str]:
    """Each seat's bot in the game, smart for a person."""
    from ..match import bot_kind

    return {seat: bot_kind(controller) or "smart" for seat, controller in record.seats}


def gather(
    rules: Rules,
    record,
    states,
    settled,
    source: Source,
    games: int = DEFAULT_GAMES,
    seed: int = 1,
    *,
    from_quarter: int = 1,
    quarters: tuple[int, ...] | None = None,
    decision_games: int | None = None,
    workers: int = 1,
    cluster: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
    total: Callable[[int], None] = lambda n: None,
) -> WhatIf:
    """The section's numbers for a game (its record, replayed `states` and `settled` ones,
    as `Match` and `Replay` hold them): games from the start of `from_quarter`, and the
    decisions of `quarters` (default: all). `total(n)` hears how many games there are to
    play once that is known, `advance(n)` each batch played (a progress bar)."""
    levels = levels_of(record)
    workers = workers_wanted(workers)
    fork = fork_at(rules, record, states, from_quarter, levels)
    found = [d for d in weighing.candidates(rules, record, states) if quarters is None or d.quarter in quarters]
    k = decision_games or max(4, games // 25)
    total(games + 2 * k * len(found))
    batch = continuations(rules, source, fork, games, seed, workers=workers, cluster=cluster, advance=advance)
    data = summary(rules, fork, seed, batch)
    weighed, stopped = [], batch.stopped
    if not stopped and found:
        weighed, stopped = weighing.weigh(
            rules,
            source,
            record,
            states,
            levels,
            k,
            seed,
            workers=workers,
            cluster=cluster,
            advance=advance,
            found=found,
        )
    end = states[-1]
    return WhatIf(
        games=data["games"],
        seed=seed,
        ending=rules.ending(end.ending).title if end.over else "",
        ending_share=data["endings"].get(end.ending, 0.0) if end.over else 0.0,
        endings=tuple((e.title, data["endings"].get(e.id, 0.0)) for e in rules.endings),
        fans=_fans(rules, settled[from_quarter - 1 :], data, batch.results),
        choices=tuple(
            (rules.seat(s).name, tuple(_choice(rules, d) for d in weighing.top(weighed, s))) for s in rules.seat_ids
        ),
        decision_games=k,
        weighed=len(weighed),
        stopped=stopped,
        from_quarter=from_quarter,
    )


def _fans(rules: Rules, settled, data: dict, results) -> tuple[Fan, ...]:
    """`settled`: the game's states from the fork's point on."""
    out = []
    for k, i in enumerate(main_tracks(rules)):
        track = rules.tracks[i]
        if not track.is_number or track.id not in data.get("tracks", {}):
            continue
        t = data["tracks"][track.id]
        actual = tuple(s.values[i] for s in settled)
        final = actual[-1]
        ends = [r.series[k][-1] for r in results]
        rank = (sum(v < final for v in ends) + 0.5 * sum(v == final for v in ends)) / len(ends) if ends else 0.0
        out.append(
            Fan(
                track.id,
                track.name,
                track.unit,
                tuple("Start" if q == 0 else f"Q{q}" for q in t["quarters"]),
                tuple(t["p10"]),
                tuple(t["p50"]),
                tuple(t["p90"]),
                actual,
                round(rank, 4),
            )
        )
    return tuple(out)


def _words(rules: Rules, actions) -> str:
    return ", ".join(rules.action(a).name for a in actions) or "nothing"


def _choice(rules: Rules, d) -> Choice:
    return Choice(
        d.quarter,
        rules.quarter_label(d.quarter),
        _words(rules, d.actual.actions),
        _words(rules, d.smart.actions),
        d.gain,
    )


def _value(fan: Fan, v) -> str:
    text = f"{v:g}"
    return f"{text}{fan.unit}" if fan.unit == "%" else f"{text} {fan.unit}".strip()


def _where(fan: Fan) -> str:
    """Where the game's final value sat among the games from the same start."""
    return f"higher than {fan.rank:.0%} of games"


def _gain(g: float) -> str:
    return f"{g:+.1f}"


def _ending_line(w: WhatIf) -> str:
    if not w.ending:
        where = "its start" if w.from_quarter == 1 else f"the start of Q{w.from_quarter}"
        return f"The game is still going; from {where}, {w.games} bot games ended as follows."
    where = "the same start" if w.from_quarter == 1 else f"the start of Q{w.from_quarter}"
    return f"This ending ({w.ending}) happened in {w.ending_share:.0%} of {w.games} games from {where}."


INTRO = (
    "What was luck and what was a decision: the same start played again by bots in every seat "
    "(the game's own bots, smart bots for people), each game on its own seed."
)


def markdown(w: WhatIf) -> list[str]:
    """The section as Markdown lines."""
    from .markdown import cell, md

    out = ["## Luck and decisions", "", INTRO, "", md(_ending_line(w)), ""]
    if w.stopped:
        out.extend(["*Stopped early: the numbers are of the games finished.*", ""])
    out.extend(["| Ending | Share of games |", "| --- | ---: |"])
    out.extend(f"| {cell(title)} | {share:.0%} |" for title, share in w.endings)
    if w.fans:
        out.extend(["", "### The tracks: this game against the spread", ""])
        out.append("| Track | End: 10th pct | median | 90th pct | This game | Where it sat |")
        out.append("| --- | ---: | ---: | ---: | ---: | --- |")
        for f in w.fans:
            out.append(
                f"| {cell(f.name)} | {_value(f, f.p10[-1])} | {_value(f, f.p50[-1])} | {_value(f, f.p90[-1])} "
                f"| {_value(f, f.actual[-1])} | {_where(f)} |"
            )
    out.extend(["", "### Decisions that moved expected points", ""])
    out.append(_decisions_intro(w))
    for seat, choices in w.choices if w.weighed else ():
        out.extend(["", f"**{md(seat)}**", ""])
        if not choices:
            out.append("- Every order matched a smart bot's, or moved no expected points.")
        for c in choices:
            out.append(
                f"- Q{c.quarter} ({md(c.label)}): ordered {md(c.ordered)} where a smart bot would have ordered "
                f"{md(c.smart)}: {_gain(c.gain)} expected points"
            )
    out.append("")
    return out


def _decisions_intro(w: WhatIf) -> str:
    if not w.weighed:
        return "Every order in this game was the one a smart bot would have given there: no decision to weigh."
    return (
        f"Each order that differed from a smart bot's ({w.weighed} in all) was played against the bot's from "
        f"that quarter, {w.decision_games} games each, the same luck on both sides; the points are the seat's "
        "own, with its order less with the bot's."
    )


def html(w: WhatIf) -> list[str]:
    """The section as HTML, fan charts inline."""
    from .fan import chart

    out = ['<h2 id="whatif">Luck and decisions</h2>', f'<p class="muted">{escape(INTRO)}</p>']
    out.append(f"<p><strong>{escape(_ending_line(w))}</strong></p>")
    if w.stopped:
        out.append("<p><em>Stopped early: the numbers are of the games finished.</em></p>")
    out.append("<table><thead><tr><th>Ending</th><th>Share of games</th></tr></thead><tbody>")
    out.extend(f'<tr><td>{escape(t)}</td><td class="num">{s:.0%}</td></tr>' for t, s in w.endings)
    out.append("</tbody></table>")
    if w.fans:
        out.append(
            '<p class="muted">The band holds the middle 80% of games (10th to 90th percentile) at the end of '
            "each quarter, the dashed line their median, the solid line this game.</p>"
        )
        out.append('<div class="charts">')
        out.extend(chart(f, f"fan-{f.track}") for f in w.fans)
        out.append("</div>")
        out.append("<ul>")
        out.extend(
            f"<li>{escape(f.name)}: this game ended at {escape(_value(f, f.actual[-1]))}, {escape(_where(f))}.</li>"
            for f in w.fans
        )
        out.append("</ul>")
    out.append("<h3>Decisions that moved expected points</h3>")
    out.append(f'<p class="muted">{escape(_decisions_intro(w))}</p>')
    for seat, choices in w.choices if w.weighed else ():
        out.append(f"<h4>{escape(seat)}</h4>")
        if not choices:
            out.append("<p>Every order matched a smart bot's, or moved no expected points.</p>")
            continue
        out.append("<ul>")
        out.extend(
            f"<li>Q{c.quarter} ({escape(c.label)}): ordered {escape(c.ordered)} where a smart bot would have "
            f"ordered {escape(c.smart)}: <strong>{_gain(c.gain)}</strong> expected points</li>"
            for c in choices
        )
        out.append("</ul>")
    return out
