"""A seat's quarter in three to five lines, to open its report: where each state track (the
licence) stands and why, the biggest moves among the numbers, and the seat's points.

Pure: slot lists and outcomes in, rich Text out. It reads the game only as the seat may see
it (`rules.masks`, `Track.visible_to`, `view.visible_outcomes`), so a hidden track never
shows, not even through the points of an objective that reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from rich.text import Text

from ..core.expr import ExprError, names_in, parse_expression
from ..core.model import Objective, Rules, Track
from ..core.scoring import objective_points
from ..core.state import Change, Outcome, new_state
from ..core.view import visible_outcomes
from .outcome_words import outcome_heading
from .wording import DOWN, UP, plural, roll_text, seat_name

MOVES = 3  # number tracks in the "biggest moves" line


def quarter_summary(
    rules: Rules,
    seat: str | None,
    before_values: Sequence[object] | None,
    after_values: Sequence[object],
    outcomes: Sequence[Outcome],
    quarter: int | None = None,
    news_values: Sequence[object] | None = None,
) -> list[Text]:
    """Three to five lines for `seat` (None: the facilitator, who sees all) on one quarter.

    `before_values` and `after_values` are slot lists (`GameState.slots()`-shaped) as the
    previous quarter and this one settled (`Sink.settled`, `OutcomeLog.end_values`), before
    the next news; `before_values` None for quarter 1 takes the scenario's start. `outcomes`
    may be the whole log or this quarter's, filtered or not: only `quarter`'s outcomes (by
    default the quarter `after_values` settled) that the seat may see are read.

    `news_values`, the slots once the quarter's news was in (as the seats ordered), starts the
    biggest moves there, as the report's outcomes and its dashboard's moves start: a track
    the news pushed up and the orders pulled down then reads the same in all three, and the
    news screen's moves are not told again. Without it they count from `before_values`.
    """
    before = list(new_state(rules, 0).slots() if before_values is None else before_values)
    after = list(after_values)
    if quarter is None:
        quarter = int(after[-2])  # type: ignore[call-overload]  # the quarter slot
    seen = [o for o in visible_outcomes(outcomes, seat, rules) if o.quarter == quarter]
    lines = _states(rules, seat, before, after, seen)
    moves = _moves(rules, seat, before if news_values is None else list(news_values), after, news_values is not None)
    if moves is not None:
        lines.append(moves)
    if seat != "":  # the room is not told the seats' points: their objectives are theirs until the end
        lines.append(_points(rules, seat, before, after))
    return lines


# --- state tracks: where each stands, and why --------------------------------------------------


def _states(rules: Rules, seat: str | None, before: list, after: list, seen: list[Outcome]) -> list[Text]:
    out: list[tuple[int, Text]] = []
    states = [(i, t) for i, t in enumerate(rules.tracks) if not t.is_number and t.visible_to(seat)]
    for rank, (i, track) in enumerate(states):
        was, now = before[i], after[i]
        line = Text.assemble((f"{track.name}: ", "bold"))
        if was != now:
            line.append(str(now), style="bold")
            line.append(f" (was {was})")
            why = _why_changed(rules, seat, track, seen)
            weight = 0
        else:
            line.append(f"still {now}", style="bold")
            why = _why_unchanged(rules, seat, track, seen)
            weight = 1 if why else (2 if rank == 0 or track.main else 3)
        if why:
            line.append(f" — {why}")
        out.append((weight, line))
    # Changed first, then the ones a roll held, then the first (the main) track; at most 3.
    kept = sorted((w, n) for n, (w, _) in enumerate(out) if w < 3)
    if not kept and out:
        kept = [(3, 0)]
    return [out[n][1] for _, n in sorted(kept[:3], key=lambda x: x[1])]


def _why_changed(rules: Rules, seat: str | None, track: Track, seen: list[Outcome]) -> str:
    """The last outcome the seat saw that moved `track`, with its roll."""
    for o in reversed(seen):
        if any(c.track == track.id for c in o.changes):
            if o.kind == "set":
                return "set by the facilitator"
            return outcome_heading(rules, o, seat)
    return ""


def _why_unchanged(rules: Rules, seat: str | None, track: Track, seen: list[Outcome]) -> str:
    """The failed rolls of rules that would have moved `track`: 'Commerce approves the
    licence: rolled 71 against 30%: failed'."""
    index = rules.track_index[track.id]
    rolls: dict[str, list[str]] = {}  # two rules of one name (two ways to approve) share a line
    for o in seen:
        if o.kind != "rule" or o.success:
            continue
        rule = next((r for r in rules.rules if r.id == o.id), None)
        if rule is not None and any(e.target == index for e in rule.effects):
            rolls.setdefault(o.text, []).append(roll_text(o.odds, o.roll, o.success))
    return "; ".join(f"{name}: {', then '.join(said)}" for name, said in rolls.items())


# --- number tracks: the biggest moves ----------------------------------------------------------


def _moves(rules: Rules, seat: str | None, before: list, after: list, since_news: bool) -> Text | None:
    ranked = []
    for i, track in enumerate(rules.tracks):
        if not track.is_number or not track.visible_to(seat):
            continue
        was, now = before[i], after[i]
        if track.format(was) == track.format(now):
            continue
        span = (track.max - track.min) or 1
        ranked.append((abs(now - was) / span, i, track, was, now))
    if not ranked:
        return None
    ranked.sort(key=lambda r: (-r[0], r[1]))
    line = Text.assemble(("Biggest moves since the news: " if since_news else "Biggest moves: ", "bold"))
    for n, (_, _, track, was, now) in enumerate(ranked[:MOVES]):
        if n:
            line.append(", ")
        line.append(f"{track.name} {UP if now > was else DOWN} {track.format(was)} → {track.format(now)}")
    return line


# --- points ------------------------------------------------------------------------------------


def _points(rules: Rules, seat: str | None, before: list, after: list) -> Text:
    if seat:
        return _seat_points(rules, seat, before, after)
    # The facilitator sees every seat's points.
    line = Text.assemble(("Points: ", "bold"))
    for n, s in enumerate(rules.seat_ids):
        was, now, _ = _judged_points(rules, s, seat, before, after)
        line.append(f"{', ' if n else ''}{seat_name(rules, s)} {was:.1f} → {now:.1f}{_delta(was, now)}")
    return line


def _seat_points(rules: Rules, seat: str, before: list, after: list) -> Text:
    was, now, left_out = _judged_points(rules, seat, seat, before, after)
    line = Text.assemble(("Your objectives: ", "bold"), f"{was:.1f} → {now:.1f} points{_delta(was, now)}")
    if left_out:
        rest = "rests" if left_out == 1 else "rest"
        line.append(
            f" (not counting {plural(left_out, 'objective')} that {rest} on what you cannot see)", style="italic"
        )
    return line


def _judged_points(rules: Rules, seat: str, viewer: str | None, before: list, after: list) -> tuple[float, float, int]:
    """`seat`'s points before and after on the objectives `viewer` can judge, and how many
    were left out: one that reads a track the viewer cannot see (the lawmaker's on the true
    diversion) would give that track away."""
    objectives = rules.seat(seat).objectives
    known = [n for n, o in enumerate(objectives) if _judged_by(rules, viewer, o)]
    was_all, now_all = objective_points(rules, seat, before), objective_points(rules, seat, after)
    return sum(was_all[n] for n in known), sum(now_all[n] for n in known), len(objectives) - len(known)


def _judged_by(rules: Rules, viewer: str | None, objective: Objective) -> bool:
    if viewer is None:
        return True
    names = _reads(objective.expr)
    if names is None:
        return False
    for name in names:
        if name in rules.track_index:
            if not rules.track(name).visible_to(viewer):
                return False
        elif name.startswith("budget.") and name != f"budget.{viewer}":
            return False
    return True


@cache
def _reads(expr: str) -> frozenset[str] | None:
    """The names an objective's formula reads; None when it has no formula to read."""
    if not expr.strip():
        return None
    try:
        return frozenset(names_in(parse_expression(expr)))
    except ExprError:
        return None


def _delta(was: float, now: float) -> str:
    change = round(now - was, 1)
    if not change:
        return " (no change)"
    return f" ({UP if change > 0 else DOWN}{change:+.1f})"


def unseen_moves(
    rules: Rules,
    seat: str | None,
    start_values: Sequence[object],
    end_values: Sequence[object],
    seen: Sequence[Outcome],
) -> list[Change]:
    """Moves of tracks the seat sees that its report's lines do not account for: another
    seat's private action moving a public track, say. `start_values` are the slots as the
    quarter began (news in), `seen` the outcomes of the quarter the seat saw, in order."""
    out = []
    for i, track in enumerate(rules.tracks):
        if not track.visible_to(seat):
            continue
        expected = start_values[i]
        for outcome in seen:
            for change in outcome.changes:
                if change.track == track.id:
                    expected = change.after
        if expected != end_values[i]:
            out.append(Change(track.id, expected, end_values[i]))
    return out
