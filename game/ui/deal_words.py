"""Offers and deals in words: what each side of an offer gives, pays and orders, with the
odds of any action it binds, as the orders screen tells an action. Nothing here decides what
is legal (`core.deals`) or who may see an offer (`deals.seen_by`, `view.visible_outcomes`).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..content.expression_words import describe_effect
from ..core.deals import ACCEPTED, PENDING, REJECTED, Offer, side
from ..core.model import Rules, odds_of
from .wording import bullets, odds_text, seat_name

ANSWER_WORDS = {PENDING: "no answer yet", ACCEPTED: "accepted", REJECTED: "rejected"}


def offer_name(rules: Rules, offer: Offer) -> str:
    """The deal's name, or 'Hearing for Summit' for an action for an action."""
    if offer.deal:
        return rules.deal(offer.deal).name
    return f"{rules.action(offer.gives).name} for {rules.action(offer.wants).name}"


def offer_line(rules: Rules, offer: Offer, seat: str) -> str:
    """One line of the talks as `seat` (a party) lists them: who, what, and the answer."""
    name = offer_name(rules, offer)
    if offer.receiver == seat:
        answer = "to answer" if offer.answer == PENDING else f"you {ANSWER_WORDS[offer.answer]}"
        return f"From {seat_name(rules, offer.sender)}: {name} ({answer})"
    return f"To {seat_name(rules, offer.receiver)}: {name} ({ANSWER_WORDS[offer.answer]})"


def action_odds(rules: Rules, action_id: str, values) -> float | None:
    """An action's odds on the values a seat sees; None when they read what it cannot see."""
    try:
        return odds_of(rules.action(action_id).odds, values)
    except (TypeError, ValueError, KeyError, IndexError):
        return None


def side_text(rules: Rules, offer: Offer, party: str, viewer: str | None, values) -> Group:
    """What `party` gives under `offer`: the terms' text, its cost, what it brings about, and
    the actions it orders with their odds on `values` (what `viewer` sees)."""
    lines = [Text(f"{seat_name(rules, party)}{' (you)' if party == viewer else ''}:", style="bold")]
    items: list = []
    cost, actions = side(rules, offer, party)
    if offer.deal:
        terms = rules.deal(offer.deal).terms(party)
        if terms.text:
            lines.append(Text(terms.text.strip()))
        said = [describe_effect(rules, e.text, viewer) for e in terms.effects]
        if said:
            items.append((Text("Does: " + "; ".join(said)), []))
    budget = rules.seat(party).budget_name
    paid = cost + sum(rules.action(a).cost for a in actions)
    for action_id in actions:
        action = rules.action(action_id)
        odds = action_odds(rules, action_id, values)
        chance = odds_text(odds) if odds is not None else "not known to you"
        how = describe_effect(rules, action.odds_text, viewer) if action.odds_text and odds not in (0, 1) else ""
        effects = "; ".join(describe_effect(rules, e.text, viewer) for e in action.effects) or "nothing else"
        subs = [Text(f"odds {chance}{f' ({how})' if how else ''}; if it works: {effects}", style="dim")]
        items.append((Text(f"Orders {action.name} (cost {action.cost})"), subs))
    items.append((Text(f"Pays {paid} {budget}" if paid else f"Pays no {budget}"), []))
    lines.append(bullets(items))
    return Group(*lines)


def offer_detail(rules: Rules, offer: Offer, viewer: str | None, values, answer: bool = True) -> Group:
    """An offer in full for one of its parties (or the facilitator): its terms, both sides in
    words with their costs and odds, why a bot made it, and (unless `answer` is False, for
    an offer not yet made) the answer."""
    parts: list = [Text(offer_name(rules, offer), style="bold")]
    parts.append(Text(f"{seat_name(rules, offer.sender)} offers {seat_name(rules, offer.receiver)}", style="italic"))
    if offer.deal:
        deal = rules.deal(offer.deal)
        parts.append(Text(deal.text.strip()))
        parts.append(Text("Who learns of it: " + ("everyone" if deal.public else "only the two of you"), style="dim"))
    else:
        parts.append(Text("An action for an action: each side orders its action this quarter, rolled like any order."))
        parts.append(Text("Who learns of it: only the two of you", style="dim"))
    for party in offer.parties:
        parts += [Text(""), side_text(rules, offer, party, viewer, values)]
    if offer.reason:
        parts += [Text(""), Text.assemble(("Why they offer it: ", "bold"), offer.reason)]
    if answer:
        parts += [Text(""), Text.assemble(("Answer: ", "bold"), ANSWER_WORDS.get(offer.answer, offer.answer))]
    if offer.answer_reason:
        parts.append(Text(offer.answer_reason, style="italic"))
    return Group(*parts)


def offer_of(rules: Rules, sender: str, offer_id: str, accepted: bool) -> Offer | None:
    """The offer a deal outcome tells of, from its id ("deal id" or "gives>wants") and sender;
    None if this scenario no longer knows it."""
    answer = ACCEPTED if accepted else REJECTED
    try:
        if ">" in offer_id:
            gives, wants = offer_id.split(">", 1)
            return Offer(sender, rules.action(wants).seat, gives=gives, wants=wants, answer=answer)
        deal = rules.deal(offer_id)
    except KeyError:
        return None
    receiver = deal.seats[1] if deal.seats[0] == sender else deal.seats[0]
    return Offer(sender, receiver, deal=offer_id, answer=answer)


def terms_items(rules: Rules, offer: Offer, viewer: str | None) -> list[Text]:
    """Both sides' terms as report lines: 'Vendor CEO: Pays ...; orders Bigger cut'."""
    out = []
    for party in offer.parties:
        cost, actions = side(rules, offer, party)
        said, text = [], ""
        if offer.deal:
            terms = rules.deal(offer.deal).terms(party)
            text = terms.text.strip()
            said += [describe_effect(rules, e.text, viewer) for e in terms.effects]
        said += [f"orders {rules.action(a).name}" for a in actions]
        if cost:
            said.append(f"pays {cost} {rules.seat(party).budget_name}")
        words = f"{text} ({'; '.join(said)})" if text and said else text or "; ".join(said) or "nothing"
        out.append(Text(f"{seat_name(rules, party)}: {words}"))
    return out
