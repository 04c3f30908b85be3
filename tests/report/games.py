"""Games to report on: one scripted game with every kind of intervention, and bot games.

Shared by the report tests (`from .games import ...`); the `scripted` fixture in conftest.py
plays the scripted one once a session.
"""

from __future__ import annotations

from game.core.state import Intervention, Order
from game.match import Match

# Orders for every seat, quarter by quarter, so the golden game depends on the core and the
# fixture only, not on how a bot happens to choose. The vendor and regulator seats are
# recorded as bots and carry reasons, as a bot's orders would.
SCRIPT = {
    1: {"vendor": ("lobby",), "lawmaker": ("hearing",), "regulator": ("cut_quota",)},
    2: {"vendor": (), "lawmaker": ("briefing",), "regulator": ("summit",)},
    3: {"vendor": ("ship",), "lawmaker": ("hearing",), "regulator": ("cut_quota",)},
    4: {"vendor": ("ship",), "lawmaker": (), "regulator": ("summit",)},
    5: {"vendor": ("ship",), "lawmaker": ("hearing",), "regulator": ("cut_quota",)},
    6: {"vendor": ("ship",), "lawmaker": (), "regulator": ("summit",)},
}
CHOICES = {2: {"regulator": (("customs", "block"),)}}
INTERVENTIONS = {
    1: (
        Intervention("inject", event="rumour", note="keep them alert"),
        Intervention("custom", title="Port strike", text="Dockers walk out | ports idle.", effects=("tension += 3",)),
    ),
    2: (Intervention("set", track="licence", value="approved", note="Commerce overruled"),),
    3: (Intervention("force", action="hearing", success=False),),
}


def scripted_match(content, script: dict | None = None) -> Match:
    """The golden game: mini, seed 11, the lawmaker human, played to its end by SCRIPT (or
    by `script`, another table of the same class)."""
    script = script or SCRIPT
    rules = content.scenario("mini")
    match = Match.start(rules, 11, {"lawmaker": "human"}, content.fingerprint)
    while not match.over:
        q = match.state.quarter
        orders = {}
        for seat, actions in script[q].items():
            reason = "" if seat == "lawmaker" else f"scripted {seat} plan for Q{q}"
            orders[seat] = Order(seat, actions, CHOICES.get(q, {}).get(seat, ()), reason)
        match.play(orders, INTERVENTIONS.get(q, ()))
    return match


# Another table of the class: the same seed and script but the vendor orders nothing in Q3.
PARTS_AT = 3
OTHER_SCRIPT = {**SCRIPT, PARTS_AT: {**SCRIPT[PARTS_AT], "vendor": ()}}


def bot_match(content, seed: int) -> Match:
    """A mini game of random bots from `seed`, played to its end."""
    match = Match.start(content.scenario("mini"), seed, {}, content.fingerprint)
    match.play_out()
    return match


# The talks of the deals game: (quarter, sender, receiver, terms, accept). Terms are a deal
# id or (gives, wants) for an action for an action.
TALKS = (
    (1, "vendor", "regulator", "bundle_domestic", True),
    (1, "lawmaker", "vendor", ("meet_ceo", "audit_resellers"), False),
    (2, "regulator", "vendor", ("approve_firms", "court_buyers"), True),
)


def deals_match(content, quarters: int = 4) -> Match:
    """An h200 game of three people who make the offers of TALKS and order nothing else,
    played `quarters` quarters: a private deal, a rejected trade and an accepted one."""
    from game.core.deals import Offer

    rules = content.scenario("h200")
    match = Match.start(rules, 3, dict.fromkeys(rules.seat_ids, "human"), content.fingerprint)
    while not match.over and len(match.record.quarters) < quarters:
        q = match.state.quarter
        for when, sender, receiver, terms, accept in TALKS:
            if when != q:
                continue
            if isinstance(terms, str):
                offer = Offer(sender, receiver, deal=terms)
            else:
                offer = Offer(sender, receiver, gives=terms[0], wants=terms[1])
            match.offer(offer)
            match.answer(len(match.offers) - 1, accept)
        match.play({s: Order(s) for s in rules.seat_ids})
    return match
