"""A table's game for grading: one row per seat per quarter, as CSV or JSON.

Each row holds what the seat did that quarter (its actions, its answers to the news, or that
it passed), its talks (offers made and received, and which were accepted), its points as
the quarter left it, and its final score (while the game goes on, the score as the last quarter played left it). The
facilitator's view: every seat's orders, private deals included; it is the facilitator's
file to hand out or not.
"""

from __future__ import annotations

import csv
import io
import json

from ..core.scoring import score
from ..core.sink import DEFAULT_OPTION

COLUMNS = (
    "table",
    "scenario",
    "seed",
    "quarter",
    "label",
    "seat",
    "seat_name",
    "controller",
    "team",
    "players",
    "passed",
    "forced",
    "actions",
    "failed",
    "choices",
    "offers_made",
    "offers_made_accepted",
    "offers_received",
    "offers_received_accepted",
    "deals",
    "points",
    "points_max",
    "final_points",
    "final_share",
)
FORMATS = ("csv", "json")


def rows(match, code: str = "", roster=()) -> list[dict]:
    """One dict per seat per quarter played, keys as COLUMNS; lists as '; '-joined text.
    `roster`: (seat, team, players) of a table's seats (default: the game's record)."""
    rules, record = match.rules, match.record
    names = {seat: (team, players) for seat, team, players in (roster or record.roster)}
    final = score(rules, match.settled[-1])  # as the last quarter played left it: the game's end, once over
    out = []
    for rec in record.quarters:
        log = match.log[rec.quarter] if rec.quarter < len(match.log) else []
        points = score(rules, match.settled[rec.quarter])
        failed = {o.id for o in log if o.phase == "orders" and not o.success}
        defaults = {o.id.split(":", 1)[0] for o in log if o.kind == DEFAULT_OPTION}
        for order in rec.orders:
            seat = order.seat
            team, players = names.get(seat, ("", ()))
            made = [o for o in rec.offers if o.sender == seat]
            received = [o for o in rec.offers if o.receiver == seat]
            agreed = [o for o in rec.offers if o.accepted and seat in (o.sender, o.receiver)]
            out.append(
                {
                    "table": code,
                    "scenario": rules.scenario,
                    "seed": match.seed,
                    "quarter": rec.quarter,
                    "label": rules.quarter_label(rec.quarter),
                    "seat": seat,
                    "seat_name": rules.seat(seat).name,
                    "controller": dict(record.seats).get(seat, ""),
                    "team": team,
                    "players": "; ".join(players),
                    "passed": seat in rec.passed,
                    "forced": rec.forced,
                    "actions": "; ".join(rules.action(a).name for a in order.actions),
                    "failed": "; ".join(rules.action(a).name for a in order.actions if a in failed),
                    "choices": "; ".join(_choices(rules, rec, log, seat, defaults)),
                    "offers_made": len(made),
                    "offers_made_accepted": sum(o.accepted for o in made),
                    "offers_received": len(received),
                    "offers_received_accepted": sum(o.accepted for o in received),
                    "deals": "; ".join(_deal_name(rules, o) for o in agreed),
                    "points": points[seat].points,
                    "points_max": points[seat].max,
                    "final_points": final[seat].points,
                    "final_share": round(final[seat].share, 3),
                }
            )
    return out


def _choices(rules, rec, log, seat: str, defaults: set[str]) -> list[str]:
    """'Event: option' for each answer the news asked of the seat; '(default)' where it gave none."""
    out = []
    for o in log:
        if o.phase == "choice" and o.seat == seat:
            event_id = o.id.split(":", 1)[0]
            title = rules.event(event_id).title
            out.append(f"{title}: {o.text}" + (" (default)" if event_id in defaults else ""))
    return out


def _deal_name(rules, offer) -> str:
    if offer.deal:
        return rules.deal(offer.deal).name
    return f"{rules.action(offer.gives).name} for {rules.action(offer.wants).name}"


def to_csv(table_rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in table_rows:
        writer.writerow({k: ("yes" if v is True else "no" if v is False else v) for k, v in row.items()})
    return buffer.getvalue()


def to_json(match, table_rows: list[dict], code: str = "") -> str:
    """The rows, and the final scores with who played each seat."""
    rules = match.rules
    final = score(rules, match.settled[-1])
    data = {
        "table": code,
        "scenario": rules.scenario,
        "seed": match.seed,
        "quarters_played": len(match.record.quarters),
        "over": match.over,
        "ending": match.state.ending,
        "final": [
            {"seat": s, "seat_name": rules.seat(s).name, "points": final[s].points, "max": final[s].max}
            for s in rules.seat_ids
        ],
        "rows": table_rows,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export(match, fmt: str, code: str = "", roster=()) -> str:
    """The game as `fmt` ("csv" or "json")."""
    table_rows = rows(match, code, roster)
    return to_csv(table_rows) if fmt == "csv" else to_json(match, table_rows, code)
