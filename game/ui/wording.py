"""The game in plain words for the screens: seats, quarters, odds, rolls and moves of tracks.

Presentation only: every figure comes from the core. The content's expressions in words are
in `expression_words.py`, what happened in a quarter in `outcome_words.py`.
"""

from __future__ import annotations

import math

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..core.citation import FICTIONAL, Source
from ..core.model import Rules
from ..core.state import Change

# Counts and numbers are the core's (one helper for every layer), said here for the screens too.
from ..core.words import number_text as number_text
from ..core.words import percent as percent
from ..core.words import plural as plural
from ..core.words import track_label as track_label

UP, DOWN = "▲", "▼"  # shapes as well as colours, so moves read in any palette
FICTIONAL_STYLE = "italic reverse"  # a badge, in any palette


def fictional_tag(source: Source) -> Text:
    """'  fictional ' as a badge after an invented event's or action's name; empty for a real one."""
    if not source.fictional:
        return Text("")
    return Text.assemble("  ", (f" {FICTIONAL} ", FICTIONAL_STYLE))


def counterpart_text(source: Source) -> Text | None:
    """The real counterpart of an invented entry, in one dim line; None when it has none."""
    words = source.counterpart_words()
    return Text(words, style="dim italic") if words else None


def seat_name(rules: Rules, seat: str | None) -> str:
    if not seat:
        return "Everyone"
    try:
        return rules.seat(seat).name
    except KeyError:
        return seat


def odds_text(odds: float) -> str:
    return f"{odds:.0%}"


def roll_text(odds: float, roll: float | None, success: bool) -> str:
    """A roll and its outcome: 'rolled 23 against 66%: success', 'rolled 71 against 66%:
    failed'. The roll (a number in [0, 1), under the odds to succeed) is shown as a whole
    number 0-99 like the odds, with decimals only where whole numbers would not show why it
    came out as it did. An outcome the roll does not explain was forced by the facilitator.
    With no roll (certain, or no chance) it says so."""
    if roll is None and 0 < odds < 1:  # a roll not recorded: the odds and the outcome still show
        return f"odds {odds_text(odds)}: {'success' if success else 'failed'}"
    natural = odds >= 1 if roll is None else roll < odds
    if roll is None:
        said = "certain" if natural else f"no chance ({odds_text(max(odds, 0.0))})"
    else:
        target = round(odds * 100, 2)
        shown = f"{target:g}%"
        for places in range(4):
            scale = 10**places
            drawn = math.floor(roll * 100 * scale) / scale
            if (drawn < target) == natural:
                break
        said = f"rolled {drawn:.{places}f} against {shown}"
    if success != natural:
        return f"{said}: made to {'succeed' if success else 'fail'} by the facilitator"
    if roll is None:
        return said
    return f"{said}: {'success' if success else 'failed'}"


def quarter_title(rules: Rules, quarter: int) -> str:
    return f"Q{quarter} of {rules.quarters} ({rules.quarter_label(quarter)})"


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


def bullets(items, bullet: str = "• "):
    """(heading, [sub-lines]) pairs as a list whose wrapped lines keep their indent."""
    grid = Table.grid(expand=True)
    grid.add_column(width=len(bullet), no_wrap=True)
    grid.add_column(ratio=1)
    for head, subs in items:
        grid.add_row(bullet, Group(head, *(Padding(sub, (0, 0, 0, 2)) for sub in subs)))
    return grid
