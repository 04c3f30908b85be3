"""The seat protocol's messages: what the game tells a program, and reading what it replies.

Every message is one JSON object on one line (docs/seat-protocol.md). What a program is told
comes from the seat's view (`core.view.view`), its menu (`core.options.action_choices`) and
the talks' rules (`core.deals`): never more than a person in the seat sees. A reply is
checked for its shape here; whether its orders and offers are legal is for the rules
(`turn.why_not_order`, `deals.why_not_offer`, `deals.why_not_accept`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.deals import Offer, seen_by, why_not_accept, why_not_offer
from ..core.model import Rules
from ..core.options import action_choices
from ..core.printable import printable
from ..core.state import Order, Outcome
from ..core.view import SeatView

PROTOCOL = 1
REASON_LIMIT = 200  # characters of a program's reason kept: one line in a report


class BadReply(ValueError):
    """A reply that is not what the protocol asks for; the message says what is wrong."""


def clean_reason(text: object) -> str:
    """A program's reason made fit to show: a string, one line, printable, at most REASON_LIMIT."""
    if not isinstance(text, str):
        return ""
    line = printable(" ".join(text.split()))
    return line if len(line) <= REASON_LIMIT else line[: REASON_LIMIT - 1] + "…"


def hello(rules: Rules, seat: str) -> dict:
    """The first message: the protocol, the scenario, the seat, and the rules the seat may know
    (its own private briefing, the tracks it can see, every seat's actions and objectives as
    the content's rules page gives them, the deals it is party to, the endings)."""
    me = rules.seat(seat)
    return {
        "type": "hello",
        "protocol": PROTOCOL,
        "scenario": rules.scenario,
        "seat": seat,
        "rules": {
            "name": rules.name,
            "intro": rules.intro,
            "quarters": rules.quarters,
            "first_quarter": rules.first_quarter,
            "briefing": me.briefing,
            "private": me.private,
            "budget": {
                "name": me.budget_name,
                "per_quarter": me.budget_per_quarter,
                "max": me.budget_max,
                "start": me.budget_start,
            },
            "seats": [
                {
                    "id": s.id,
                    "name": s.name,
                    "role": s.role,
                    "objectives": [{"id": o.id, "text": o.text, "max": o.max} for o in s.objectives],
                    "actions": [_action(a, full=s.id == seat) for a in rules.actions_of(s.id)],
                }
                for s in rules.seats
            ],
            "tracks": [_track(t) for t in rules.tracks if t.visible_to(seat)],
            "deals": [_deal(d) for d in rules.deals if seat in d.seats],
            "endings": [{"id": e.id, "title": e.title, "text": e.text, "when": e.when_text} for e in rules.endings],
        },
    }


def _action(a, full: bool) -> dict:
    out = {"id": a.id, "name": a.name, "cost": a.cost}
    if full:  # one's own actions in full; the others' as the talks need them, to ask for one
        out.update(text=a.text, requires=a.requires_text, odds=a.odds_text, once=a.once, public=a.public)
    return out


def _track(t) -> dict:
    out = {"id": t.id, "name": t.name, "kind": t.kind, "text": t.text, "visibility": t.visibility}
    if t.kind == "number":
        out.update(min=t.min, max=t.max, unit=t.unit)
    else:
        out["states"] = list(t.states)
    return out


def _deal(d) -> dict:
    return {
        "id": d.id,
        "name": d.name,
        "text": d.text,
        "public": d.public,
        "when": d.when_text,
        "sides": [{"seat": t.seat, "text": t.text, "cost": t.cost, "actions": list(t.actions)} for t in d.sides],
    }


def seat_view(rules: Rules, v: SeatView) -> dict:
    """The seat's view as JSON: the tracks it sees, its budget, news, choices and used actions."""
    return {
        "seat": v.seat,
        "quarter": v.quarter,
        "label": rules.quarter_label(v.quarter),
        "budget": v.budget,
        "tracks": {t.id: t.value for t in v.tracks},
        "news": [{"id": e, "title": rules.event(e).title, "text": rules.event(e).text} for e in v.news],
        "used": list(v.used),
        "ending": v.ending,
    }


def offer_data(offer: Offer) -> dict:
    out: dict = {"from": offer.sender, "to": offer.receiver}
    if offer.deal:
        out["deal"] = offer.deal
    else:
        out.update(gives=offer.gives, wants=offer.wants)
    out["answer"] = offer.answer or "pending"
    return out


def _offers(offers: Sequence[Offer], seat: str) -> list[dict]:
    """The quarter's offers the seat is party to (the sink's rule: only the two parties know)."""
    return [offer_data(o) for o in seen_by(offers, seat)]


def outcome_data(o: Outcome) -> dict:
    """One thing that happened, as the seat's report of the quarter tells it."""
    out: dict = {"quarter": o.quarter, "phase": o.phase, "kind": o.kind, "id": o.id, "text": o.text}
    if o.seat:
        out["seat"] = o.seat
    if o.kind in ("action", "rule"):
        out.update(success=o.success, odds=round(o.odds, 4))
    out["changes"] = [{"track": c.track, "before": c.before, "after": c.after} for c in o.changes]
    return out


def talks(rules: Rules, v: SeatView, offers: Sequence[Offer], report: Sequence[dict] = ()) -> dict:
    """The talks, a quarter's first message: what the seat sees, what it saw happen in the
    quarter before (`report`), the offers it knows of, and the deals it may offer now."""
    seat = v.seat or ""
    budget = v.budget or 0
    may = [
        {"to": other, "deal": d.id}
        for d in rules.deals
        for other in d.seats
        if seat in d.seats
        and other != seat
        and not why_not_offer(rules, Offer(seat, other, d.id), v.values, v.used, budget, offers)
    ]
    return {
        "type": "talks",
        "view": seat_view(rules, v),
        "report": list(report),
        "offers": _offers(offers, seat),
        "may_offer": may,
    }


def answer_request(rules: Rules, v: SeatView, offer: Offer, offers: Sequence[Offer]) -> dict:
    """An offer to answer, and whether the rules let the seat accept it (and if not, why)."""
    problem = why_not_accept(rules, offer, v.values, v.used, v.budget, offers)
    return {
        "type": "offer",
        "view": seat_view(rules, v),
        "offer": offer_data(offer),
        "offers": _offers(offers, v.seat or ""),
        "may_accept": not problem,
        "why_not": problem,
    }


def orders_request(rules: Rules, v: SeatView) -> dict:
    """The orders: the view (its budget less what the talks promised), every action of the
    seat with its cost, odds and whether it may be ordered now, and the choices to answer."""
    return {
        "type": "orders",
        "view": seat_view(rules, v),
        "actions": [
            {
                "id": c.action.id,
                "name": c.action.name,
                "cost": c.action.cost,
                "odds": round(c.odds, 4),
                "available": c.available,
                "why_not": c.reason,
            }
            for c in action_choices(rules, v)
        ],
        "choices": [
            {
                "event": e,
                "title": rules.event(e).title,
                "options": [{"id": o.id, "label": o.label, "text": o.text} for o in rules.event(e).options],
            }
            for e in v.choices
        ],
    }


def _field(reply: dict, name: str, kind: type, what: str):
    value = reply.get(name, kind())
    if not isinstance(value, kind):
        raise BadReply(f"{name!r} must be {what}")
    return value


def read_orders(seat: str, reply: dict) -> Order:
    """{"actions": [...], "choices": {event: option}, "reason": "..."} as an Order (unchecked)."""
    actions = _field(reply, "actions", list, "a list of action ids")
    choices = _field(reply, "choices", dict, "an object of event id: option id")
    if not all(isinstance(a, str) for a in actions):
        raise BadReply("'actions' must be a list of action ids")
    if not all(isinstance(o, str) for o in choices.values()):
        raise BadReply("'choices' must be an object of event id: option id")
    return Order(seat, tuple(actions), tuple(choices.items()), clean_reason(reply.get("reason")))


def read_offers(seat: str, reply: dict) -> list[Offer]:
    """{"offers": [{"to", "deal"} or {"to", "gives", "wants"}, with a "reason"]} as Offers (unchecked)."""
    out = []
    for item in _field(reply, "offers", list, "a list of offers"):
        if not isinstance(item, dict) or not isinstance(item.get("to"), str):
            raise BadReply("each offer must be an object with 'to' and 'deal' (or 'gives' and 'wants')")
        terms = {k: item.get(k, "") for k in ("deal", "gives", "wants")}
        if not all(isinstance(t, str) for t in terms.values()):
            raise BadReply("an offer's 'deal', 'gives' and 'wants' must be ids")
        out.append(Offer(seat, item["to"], **terms, reason=clean_reason(item.get("reason"))))
    return out


def read_answer(reply: dict) -> tuple[bool, str]:
    """{"accept": true|false, "reason": "..."}."""
    if not isinstance(reply.get("accept"), bool):
        raise BadReply("'accept' must be true or false")
    return reply["accept"], clean_reason(reply.get("reason"))
