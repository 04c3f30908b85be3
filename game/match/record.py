"""The record of a game: seed, seats and every order, with a state digest per quarter.

The record is the game: replaying its orders on the same content and seed gives the same
states, and the digests prove it. It is written as TOML, data only (docs/saves.md).

A quarter holds two points of the game. Its `digest` proves the state after the quarter
resolved, with the next quarter's news already drawn (the engine draws it then): that state
carries the random stream on. Its `tracks` are the values as the quarter left them, before
the next news (at the game's end, after the ending's effects): what a report of the quarter
says and what a reader of the file expects. Format 1 saves kept the tracks of the digest's
state instead; they still load, and are compared as they were written (`replay.replay`).
`start_tracks` go with `start_digest`: the opening with quarter 1's news drawn.

Format history: 1, the first; 2, each quarter's tracks as the quarter left it.
"""

from __future__ import annotations

import attrs

from ..core.deals import Offer
from ..core.state import Intervention, Order

FORMAT_VERSION = 2


@attrs.frozen
class QuarterRecord:
    quarter: int
    orders: tuple[Order, ...]  # in seat order
    digest: str  # the state after this quarter resolved (and the next news was drawn)
    interventions: tuple[Intervention, ...] = ()  # the facilitator's, in the order made
    # Every track's value as the quarter left it, before the next news (format 1: after it),
    # so a failed replay can name what moved; the digest alone proves a difference but
    # cannot say where it is.
    tracks: tuple[tuple[str, object], ...] = ()
    ending: str = ""  # the ending this quarter reached, so listings know a game is over
    offers: tuple[Offer, ...] = ()  # the talks, answered, in the order the offers were made
    # Resolved with seats' orders missing (a table's facilitator forced it, or its time ran
    # out): those seats passed, and their orders above are empty by default, not by choice.
    forced: bool = False
    passed: tuple[str, ...] = ()  # seat ids, in seat order


@attrs.frozen
class Record:
    content: str  # fingerprint of the content files
    scenario: str
    seed: int
    seats: tuple[tuple[str, str], ...]  # (seat id, "human" or "bot:<level>")
    start_digest: str
    quarters: tuple[QuarterRecord, ...] = ()
    game_version: str = ""
    format: int = FORMAT_VERSION
    parent: str = ""  # the save this game branched from
    branch_quarter: int = 0  # the first quarter played differently from the parent
    start_tracks: tuple[tuple[str, object], ...] = ()  # every track's value at the start
    facilitator: bool = False  # an umpire at the keyboard steered the game: a resumed one has it too
    # Who played each seat at a table: (seat id, team name, students' names); seats nobody named are left out.
    roster: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def ending(self) -> str:
        return self.quarters[-1].ending if self.quarters else ""

    @property
    def controllers(self) -> dict[str, str]:
        return dict(self.seats)

    def with_quarter(self, q: QuarterRecord) -> Record:
        return attrs.evolve(self, quarters=self.quarters + (q,))


def to_data(record: Record) -> dict:
    """Plain TOML-ready data; empty optional fields are left out so files stay short."""
    data = {
        "format": record.format,
        "game_version": record.game_version,
        "content": record.content,
        "scenario": record.scenario,
        "seed": record.seed,
        "start_digest": record.start_digest,
    }
    if record.parent:
        data["parent"] = record.parent
        data["branch_quarter"] = record.branch_quarter
    if record.facilitator:
        data["facilitator"] = True
    data["seats"] = dict(record.seats)
    if record.roster:
        data["roster"] = {seat: {"team": team, "players": list(players)} for seat, team, players in record.roster}
    if record.start_tracks:
        data["start_tracks"] = dict(record.start_tracks)
    data["quarter"] = [
        {
            "quarter": q.quarter,
            "digest": q.digest,
            **({"ending": q.ending} if q.ending else {}),
            **({"forced": True} if q.forced else {}),
            **({"passed": list(q.passed)} if q.passed else {}),
            "orders": {o.seat: _order_data(o) for o in q.orders},
            **({"offer": [_offer_data(o) for o in q.offers]} if q.offers else {}),
            **({"intervention": [_intervention_data(i) for i in q.interventions]} if q.interventions else {}),
            **({"tracks": dict(q.tracks)} if q.tracks else {}),
        }
        for q in record.quarters
    ]
    return data


def track_values(rules, state) -> tuple[tuple[str, object], ...]:
    """(track id, value) for every track, in content order: what a quarter's record keeps."""
    return tuple(zip((t.id for t in rules.tracks), state.values))


def _order_data(order: Order) -> dict:
    data: dict = {"actions": list(order.actions)}
    if order.choices:
        data["choices"] = dict(order.choices)
    if order.reason:
        data["reason"] = order.reason
    return data


def _offer_data(offer: Offer) -> dict:
    """Only the fields this kind of offer uses; an unanswered offer lapsed as the quarter resolved."""
    data: dict = {"from": offer.sender, "to": offer.receiver}
    if offer.deal:
        data["deal"] = offer.deal
    else:
        data["gives"], data["wants"] = offer.gives, offer.wants
    data["answer"] = offer.answer or "lapsed"
    if offer.reason:
        data["reason"] = offer.reason
    if offer.answer_reason:
        data["answer_reason"] = offer.answer_reason
    return data


def _intervention_data(item: Intervention) -> dict:
    """Only the fields this kind uses, so a save reads as what the facilitator did."""
    fields = {
        "inject": ("event",),
        "custom": ("title", "text", "effects"),
        "force": ("action", "success"),
        "set": ("track", "value"),
    }[item.kind]
    data = {"kind": item.kind}
    for name in fields:
        value = getattr(item, name)
        data[name] = list(value) if isinstance(value, tuple) else value
    if item.note:
        data["note"] = item.note
    return data


HEADER = "# Silicon Curtain saved game: data only. Replay with `python -m game replay FILE`.\n"
# The writer ends every save with this line, so a file cut short at a line boundary (still
# valid TOML, with whole quarters or table rows missing) is told apart from a complete one.
TRAILER = "# end of save\n"


def to_toml(record: Record) -> str:
    import tomli_w

    return HEADER + tomli_w.dumps(to_data(record)) + "\n" + TRAILER
