"""Orders, interventions and offers as JSON text in the tables' database: data, never pickles."""

from __future__ import annotations

import json

import attrs

from ..core.deals import Offer
from ..core.state import Intervention, Order


def order_columns(order: Order) -> tuple[str, str]:
    """(actions, choices) columns; the bot-only `reason` is not a table seat's to give."""
    return json.dumps(list(order.actions)), json.dumps([list(c) for c in order.choices])


def order_from(seat: str, actions: str, choices: str) -> Order:
    return Order(seat, tuple(json.loads(actions)), tuple((e, o) for e, o in json.loads(choices)))


def intervention_text(item: Intervention) -> str:
    data = attrs.asdict(item)
    data["effects"] = list(item.effects)
    return json.dumps(data, sort_keys=True)


def intervention_from(text: str) -> Intervention:
    data = json.loads(text)
    data["effects"] = tuple(data.get("effects", ()))
    return Intervention(**data)


def offer_text(offer: Offer) -> str:
    return json.dumps(attrs.asdict(offer), sort_keys=True)


def offer_from(text: str) -> Offer:
    return Offer(**json.loads(text))
