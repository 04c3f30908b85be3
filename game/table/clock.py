"""A table's clock: how long the quarter has left, read from the table's row and the time now.

The clock is kept in the tables database as when the quarter's clock began, the seconds
added since, and the seconds it stood paused, so every process (seats, console, projector,
`table status`) reads the same time from the same row without any of them keeping it. This
module is pure: `tick(table, now)` is all there is to know, and every screen shows it.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Clock:
    """The clock columns of a table's row."""

    seconds: int = 0  # the time a quarter has; 0: the table has no clock
    talks_seconds: int = 0  # the first part of the quarter in which offers may be made (0: all of it)
    at_zero: bool = False  # the quarter resolves when its time runs out
    start: float | None = None  # when this quarter's clock began
    added: float = 0.0  # seconds the facilitator added this quarter
    talks_added: float = 0.0  # of which added while the talks were on
    paused_since: float | None = None  # when the pause began, if paused
    paused_for: float = 0.0  # seconds paused this quarter before that

    @property
    def timed(self) -> bool:
        return self.seconds > 0 and self.start is not None


@attrs.frozen
class Tick:
    """The clock at one moment."""

    left: float  # seconds left in the quarter (0 once the time is up)
    talks_left: float | None  # seconds left for offers; None: the talks run all quarter
    paused: bool
    at_zero: bool

    @property
    def expired(self) -> bool:
        return self.left <= 0

    @property
    def talks_over(self) -> bool:
        return self.talks_left is not None and self.talks_left <= 0

    @property
    def due(self) -> bool:
        """The quarter should resolve now: its time is up, the table says so, and it is not held."""
        return self.expired and self.at_zero and not self.paused


def tick(table, now: float) -> Tick | None:
    """The clock of `table` (a `status.Table`) at `now`; None when the table has no clock or
    its game is over. A paused table's clock stands still at the moment the pause began."""
    clock: Clock = table.clock
    if not clock.timed or table.over:
        return None
    assert clock.start is not None
    stop = clock.paused_since if table.paused and clock.paused_since is not None else now
    elapsed = max(0.0, stop - clock.start - clock.paused_for)
    left = max(0.0, clock.seconds + clock.added - elapsed)
    talks = None
    if clock.talks_seconds:
        talks = max(0.0, min(left, clock.talks_seconds + clock.talks_added - elapsed))
    return Tick(left, talks, table.paused, clock.at_zero)


def minutes(seconds: float) -> str:
    """4:05 for 245 s; rounded up, so 0:00 shows only when the time is really up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def clock_text(t: Tick | None) -> str:
    """The clock in a few words for a status line: '4:05 left (talks 1:05)', 'time is up'."""
    if t is None:
        return ""
    if t.expired:
        text = "time is up" + (": resolving" if t.due else "")
    else:
        text = f"{minutes(t.left)} left"
        if t.talks_left is not None:
            text += f" (talks {minutes(t.talks_left)})" if t.talks_left > 0 else " (talks over)"
    return text + (", clock paused" if t.paused else "")


def setting_text(clock: Clock) -> str:
    """The clock as set, for a listing: '5 min a quarter, talks 2 min, resolves at zero'."""
    if not clock.seconds:
        return "no clock"
    text = f"{_span(clock.seconds)} a quarter"
    if clock.talks_seconds:
        text += f", talks {_span(clock.talks_seconds)}"
    return text + (", resolves at zero" if clock.at_zero else "")


def _span(seconds: int) -> str:
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds // 60} min {seconds % 60} s" if seconds > 60 else f"{seconds} s"
