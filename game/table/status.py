"""What everyone at a table may know: its scenario, its quarter, who sits, who has given orders."""

from __future__ import annotations

import attrs

from ..match import HUMAN
from .clock import Clock
from .codes import normalise_code

FACILITATOR = "facilitator"  # not a seat of the game: the key that sees all and forces quarters


class TableError(ValueError):
    """Something a person at a table asked for that cannot be done; the message says why."""


@attrs.frozen
class SeatAtTable:
    seat: str
    controller: str  # "human" or "bot:<level>"
    taken: bool
    submitted: bool  # has given its order for the table's current quarter
    team: str = ""  # the team's name, given on joining
    players: tuple[str, ...] = ()  # the students' names, if given

    @property
    def human(self) -> bool:
        return self.controller == HUMAN

    @property
    def played_by(self) -> str:
        """'Team Falcon (Ana, Ben)', 'Ana, Ben', or '' when nobody gave a name."""
        names = ", ".join(self.players)
        if self.team:
            return f"{self.team} ({names})" if names else self.team
        return names


@attrs.frozen
class Table:
    """What everyone at a table may know: the scenario, the quarter, who sits and who is done."""

    code: str
    scenario: str
    content_root: str
    fingerprint: str
    seed: int
    quarter: int  # the quarter awaiting orders; the last one played once the game is over
    ending: str
    resolved: int  # quarters resolved so far
    seats: tuple[SeatAtTable, ...]
    paused: bool = False  # the facilitator holds the quarter: it resolves only when they say
    clock: Clock = Clock()  # the quarter's time, read with `clock.tick(table, now)`

    @property
    def over(self) -> bool:
        return bool(self.ending)

    def seat(self, seat_id: str) -> SeatAtTable:
        for s in self.seats:
            if s.seat == seat_id:
                return s
        names = ", ".join(s.seat for s in self.seats)
        raise TableError(f"table {self.code} has no seat {seat_id!r}; its seats: {names}")

    @property
    def humans(self) -> tuple[str, ...]:
        return tuple(s.seat for s in self.seats if s.human)

    @property
    def free(self) -> tuple[str, ...]:
        """Human seats nobody has taken yet."""
        return tuple(s.seat for s in self.seats if s.human and not s.taken)

    @property
    def waiting_on(self) -> tuple[str, ...]:
        """Human seats whose order for the current quarter is still missing."""
        return () if self.over else tuple(s.seat for s in self.seats if s.human and not s.submitted)


@attrs.frozen(eq=False)
class Reading:
    """One moment of a table, as a table screen watches it: the table, its game (a copy of the
    Match, read through `view()`), and the resolved quarters the seat passed (forced without
    its order; empty for the facilitator). Read together, so they always agree."""

    table: Table
    game: object  # game.match.Match
    passed: frozenset[int] = frozenset()


def code_of(text: str) -> str:
    code = normalise_code(text)
    if code is None:
        raise TableError(f"{text!r} is not a table code (codes look like K7Q-2M)")
    return code
