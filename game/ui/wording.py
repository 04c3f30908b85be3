"""The game in words for the screens: outcomes, moves of tracks, effects and odds.

Presentation only: every figure comes from the core (outcomes, views, the rules' own effect
texts); nothing here decides what a seat may see, except that an effect's text never names
another seat's private track.
"""

from __future__ import annotations

import re

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..core.model import ALL, HIDDEN, PUBLIC, Rules
from ..core.state import Change, Outcome

UP, DOWN = "▲", "▼"  # shapes as well as colours, so moves read in any palette
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def seat_name(rules: Rules, seat: str | None) -> str:
    if not seat:
        return "Everyone"
    try:
        return rules.seat(seat).name
    except KeyError:
        return seat


def odds_text(odds: float) -> str:
    return f"{odds:.0%}"


def quarter_title(rules: Rules, quarter: int) -> str:
    return f"Q{quarter} of {rules.quarters} ({rules.quarter_label(quarter)})"


def track_label(rules: Rules, name: str) -> str:
    """A track id or `budget.<seat>` as the player reads it."""
    if name.startswith("budget."):
        seat = name.split(".", 1)[1]
        try:
            return rules.seat(seat).budget_name.capitalize()
        except KeyError:
            return name
    try:
        return rules.track(name).name
    except KeyError:
        return name


def value_text(rules: Rules, name: str, value) -> str:
    if name.startswith("budget."):
        return str(value)
    return rules.track(name).format(value)


def move_text(before, after, precision: int = 0) -> str:
    """'▲+5' / '▼-3' for numbers; '' when nothing moved or the value is not a number."""
    if not isinstance(before, (int, float)) or not isinstance(after, (int, float)) or before == after:
        return ""
    delta = after - before
    mark = UP if delta > 0 else DOWN
    return f"{mark}{delta:+.{precision}f}" if precision else f"{mark}{int(round(delta)):+d}"


def change_text(rules: Rules, change: Change) -> str:
    """'Tension 40% → 50% (▲+10)'."""
    precision = 0 if change.track.startswith("budget.") else rules.track(change.track).precision
    move = move_text(change.before, change.after, precision)
    text = (
        f"{track_label(rules, change.track)} {value_text(rules, change.track, change.before)} → "
        f"{value_text(rules, change.track, change.after)}"
    )
    return f"{text} ({move})" if move else text


def describe_effect(rules: Rules, text: str, seat: str | None) -> str:
    """An effect as written by the author, with track ids turned into names.

    A track that is private to another seat is not named: even its existence is that seat's.
    An event the seat would not see is called 'a follow-up event'.
    """

    def name(match: re.Match) -> str:
        word = match.group(0)
        if word.startswith("budget."):
            owner = word.split(".", 1)[1]
            return track_label(rules, word) if seat in (None, owner) else "another seat's budget"
        if word in rules.track_index:
            track = rules.track(word)
            if track.visibility in (PUBLIC, HIDDEN) or track.visible_to(seat):
                return track.name
            return "a private track"
        return word

    event = re.match(r"^(after\s+\d+\s*:\s*)?event\s+([A-Za-z_][A-Za-z0-9_]*)\s*$", text.strip())
    if event:
        lead = (event.group(1) or "").strip()
        try:
            ev = rules.event(event.group(2))
            shown = ev.visible_to in (ALL, seat) or seat is None
            title = f"news: {ev.title}" if shown else "a follow-up event"
        except KeyError:
            title = "a follow-up event"
        return f"{lead} {title}".strip()
    said = _NAME.sub(name, text)
    for op, words in _COMPARE:
        said = said.replace(op, words)
    return _plain(said)


# Conditions read as words; longest operators first so '>=' is not taken for '>'.
_COMPARE = (
    (" == ", " is "),
    (" != ", " is not "),
    (" >= ", " at least "),
    (" <= ", " at most "),
    (" > ", " above "),
    (" < ", " below "),
)


# 'x += 5' reads as 'x +5'; the author's expression stays visible, only the operator is said.
_ASSIGN = re.compile(r"^(after\s+(\d+)\s*:\s*)?(.+?)\s*(\+=|-=|\*=|/=|=)\s*(.+)$")
_SAID = {"+=": "rises by", "-=": "falls by", "*=": "is multiplied by", "/=": "is divided by", "=": "becomes"}


def _plain(text: str) -> str:
    m = _ASSIGN.match(text.strip())
    if not m or "==" in text:
        return text
    delay, target, op, value = m.group(2), m.group(3), m.group(4), m.group(5)
    said = f"{target} {_SAID[op]} {value.strip()}"
    if delay:
        n = int(delay)
        said = f"after {n} quarter{'s' if n != 1 else ''}: {said}"
    return said


def outcome_heading(rules: Rules, outcome: Outcome, viewer: str | None) -> str:
    """One line saying what happened, in the game's words, for `viewer`'s eyes.

    `viewer` is a seat, "" for the whole room (public only) or None for the facilitator.
    """
    kind = outcome.kind
    who = seat_name(rules, outcome.seat)
    if kind == "option":
        event_id = outcome.id.split(":", 1)[0]
        try:
            title = rules.event(event_id).title
        except KeyError:
            title = event_id
        return f"{who} chose “{outcome.text}” ({title})"
    if kind == "action":
        odds = f" (odds {odds_text(outcome.odds)})" if outcome.odds < 1 else ""
        if outcome.success:
            return f"{who}: {outcome.text}{odds}"
        try:
            action = rules.action(outcome.id)
        except KeyError:
            return f"{who}: {outcome.text}{odds}"
        why = f": {action.fail_text}" if action.fail_text else ""
        return f"{who}: {action.name} — failed{why}{odds}"
    if kind == "effect":
        return f"Delayed effect comes due: {describe_effect(rules, outcome.text, viewer)}"
    if kind == "ending":
        return f"The game ends: {outcome.text}"
    return outcome.text


def bullets(items, bullet: str = "• "):
    """(heading, [sub-lines]) pairs as a list whose wrapped lines keep their indent."""
    grid = Table.grid(expand=True)
    grid.add_column(width=len(bullet), no_wrap=True)
    grid.add_column(ratio=1)
    for head, subs in items:
        grid.add_row(bullet, Group(head, *(Padding(sub, (0, 0, 0, 2)) for sub in subs)))
    return grid


def outcome_item(rules: Rules, outcome: Outcome, viewer: str | None, mark_private: bool = True, seen_by: bool = False):
    """One outcome as (heading, changes) for `bullets`."""
    head = Text(outcome_heading(rules, outcome, viewer), style="bold" if outcome.success else "bold red")
    if outcome.visible_to != ALL:
        if seen_by:
            head.append(f"  (seen by {seat_name(rules, outcome.visible_to)} only)", style="italic")
        elif mark_private:
            head.append("  (only you know)", style="italic")
    return head, [Text(change_text(rules, c)) for c in outcome.changes]


def outcome_lines(rules: Rules, outcomes, viewer: str | None, mark_private: bool = True):
    """Outcomes (already filtered for `viewer`) and the tracks they moved."""
    if not outcomes:
        return Text("Nothing happened that you could see.", style="italic")
    return bullets([outcome_item(rules, o, viewer, mark_private) for o in outcomes])
