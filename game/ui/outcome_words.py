"""What happened in a quarter, in words: each outcome's heading and the tracks it moved, the
rolls with their odds, and the drifts grouped in one line. Outcomes come filtered for the
viewer (`view.visible_outcomes`); nothing here decides what a seat may see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.text import Text

from ..content.expression_words import describe_effect
from ..core.citation import NO_SOURCE, Source
from ..core.model import ALL, Rule, Rules
from ..core.sink import DEFAULT_OPTION
from ..core.state import Outcome
from .deal_words import offer_of, terms_items
from .wording import bullets, change_text, fictional_tag, roll_text, seat_name, track_label, value_text


def outcome_heading(rules: Rules, outcome: Outcome, viewer: str | None) -> str:
    """One line saying what happened, in the game's words, for `viewer`'s eyes: every roll
    with its odds and its outcome ("rolled 23 against 66%: success"), a rule's failed roll
    included ("Commerce approves the licence: not this quarter (rolled 71 against 30%: failed)").

    `viewer` is a seat, "" for the whole room (public only) or None for the facilitator.
    """
    kind = outcome.kind
    who = seat_name(rules, outcome.seat)
    rolled = outcome.roll is not None or outcome.odds < 1
    roll = f" ({roll_text(outcome.odds, outcome.roll, outcome.success)})" if rolled else ""
    if kind in ("option", DEFAULT_OPTION):
        event_id = outcome.id.split(":", 1)[0]
        try:
            title = rules.event(event_id).title
        except KeyError:
            title = event_id
        if kind == DEFAULT_OPTION:
            return f"{who} gave no answer: the default “{outcome.text}” was taken ({title})"
        return f"{who} chose “{outcome.text}” ({title})"
    if kind == "action":
        if outcome.success:
            return f"{who}: {outcome.text}{roll}"
        try:
            action = rules.action(outcome.id)
        except KeyError:
            return f"{who}: {outcome.text}{roll}"
        why = f" — {action.fail_text}" if action.fail_text else ""
        return f"{who}: {action.name}{roll or ' (failed)'}{why}"
    if kind == "rule":
        if outcome.success:
            return f"{outcome.text}{roll}"
        return f"{outcome.text}: not this quarter{roll}"
    if kind == "effect":
        return f"{_scheduled_by(rules, outcome.id)}: {describe_effect(rules, _undelayed(outcome.text), viewer)}"
    if kind == "ending":
        return f"The game ends: {outcome.text}"
    if kind == "deal":
        return f"Deal agreed: {outcome.text}" if outcome.success else f"No deal: {outcome.text} (offer not accepted)"
    return outcome.text


def _undelayed(text: str) -> str:
    """'after 2: x += 1' as the effect that now takes place: 'x += 1'."""
    m = re.match(r"^\s*after\s+\d+\s*:\s*(.*)$", text, re.DOTALL)
    return m.group(1) if m else text


def _scheduled_by(rules: Rules, key: str) -> str:
    """'Later effect of Visit Beijing', from a delayed effect's key."""
    kind, owner = (key.split(":") + ["", ""])[:2]
    try:
        if kind == "action":
            return f"Later effect of {rules.action(owner).name}"
        if kind in ("event", "option"):
            return f"Later effect of {rules.event(owner).title}"
        if kind == "rule":
            return f"Later effect of {next(r.name for r in rules.rules if r.id == owner)}"
    except (KeyError, StopIteration):
        pass
    return "Delayed effect comes due"


def rule_of(rules: Rules, outcome: Outcome) -> Rule | None:
    """The non-player rule an outcome tells of, if it tells of one."""
    if outcome.kind != "rule":
        return None
    return next((r for r in rules.rules if r.id == outcome.id), None)


def is_drift(rules: Rules, rule: Rule) -> bool:
    """A bookkeeping drift: a public rule with no chance that runs every quarter ("when =
    true") and only moves numbers ("tempers cool", "support drifts"). Told from the rule
    itself, not from a flag in the content."""
    if rule.chance is not None or rule.when is not None or rule.once or rule.visible_to != ALL:
        return False
    n = len(rules.tracks)
    for effect in rule.effects:
        if effect.kind != "set" or not effect.is_number:
            return False
        if effect.target < n and not rules.tracks[effect.target].is_number:
            return False
    return True


def outcome_item(rules: Rules, outcome: Outcome, viewer: str | None, mark_private: bool = True, seen_by: bool = False):
    """One outcome as (heading, sub-lines) for `bullets`: the tracks it moved, and for a
    non-player rule that rolled, why it was in play (the rule's own text)."""
    head = Text(outcome_heading(rules, outcome, viewer), style="bold" if outcome.success else "bold red")
    head.append_text(fictional_tag(source_of(rules, outcome)))
    if outcome.visible_to != ALL:
        if seen_by:
            names = " and ".join(seat_name(rules, s) for s in outcome.viewers)
            head.append(f"  (seen by {names} only)", style="italic")
        elif mark_private:
            private = "only the two of you know" if len(outcome.viewers) == 2 else "only you know"
            head.append(f"  ({private})", style="italic")
    subs = [Text(change_text(rules, c)) for c in outcome.changes]
    if outcome.kind == "deal" and outcome.success:
        offer = offer_of(rules, outcome.seat or "", outcome.id, outcome.success)
        if offer is not None:
            subs[:0] = terms_items(rules, offer, viewer)
    rule = rule_of(rules, outcome)
    if rule is not None and rule.text and (outcome.roll is not None or outcome.odds < 1):
        subs.insert(0, Text(rule.text.strip(), style="italic"))
    return head, subs


def source_of(rules: Rules, outcome: Outcome) -> Source:
    """Where an event or action outcome comes from in the content; no source for the rest."""
    try:
        if outcome.kind == "action":
            return rules.action(outcome.id).source
        if outcome.kind == "event":
            return rules.event(outcome.id).source
    except KeyError:  # the facilitator's own event
        pass
    return NO_SOURCE


def drift_item(rules: Rules, outcomes: Iterable[Outcome]):
    """Bookkeeping drifts of a quarter as one (heading, []) item: 'Drifts: US-China tension
    66% → 63%, ...', merging moves of one track and leaving out moves too small to show;
    None when nothing shows."""
    first: dict[str, object] = {}
    last: dict[str, object] = {}
    for outcome in outcomes:
        for change in outcome.changes:
            first.setdefault(change.track, change.before)
            last[change.track] = change.after
    moves = []
    for track, before in first.items():
        was, now = value_text(rules, track, before), value_text(rules, track, last[track])
        if was != now:
            moves.append(f"{track_label(rules, track)} {was} → {now}")
    if not moves:
        return None
    return Text.assemble(("Drifts: ", "bold"), ", ".join(moves)), []


def outcome_items(
    rules: Rules,
    outcomes: Sequence[Outcome],
    viewer: str | None,
    mark_private: bool = True,
    seen_by: bool = False,
    group_drifts: bool = True,
) -> list:
    """Outcomes (already filtered for `viewer`) as (heading, sub-lines) items for `bullets`,
    in order, with each quarter's bookkeeping drifts (`is_drift`) grouped into one line
    where the quarter's last drift stood; the conditional, rolled and state-changing rules
    keep lines of their own."""
    drifts: dict[int, list[Outcome]] = {}
    if group_drifts:
        for o in outcomes:
            rule = rule_of(rules, o)
            if rule is not None and o.success and is_drift(rules, rule):
                drifts.setdefault(o.quarter, []).append(o)
    items = []
    for o in outcomes:
        group = drifts.get(o.quarter)
        if group and any(o is d for d in group):
            if o is group[-1]:
                item = drift_item(rules, group)
                if item is not None:
                    items.append(item)
            continue
        items.append(outcome_item(rules, o, viewer, mark_private, seen_by))
    return items


def outcome_lines(rules: Rules, outcomes, viewer: str | None, mark_private: bool = True):
    """Outcomes (already filtered for `viewer`) and the tracks they moved, drifts grouped."""
    items = outcome_items(rules, list(outcomes or ()), viewer, mark_private) if outcomes else []
    if not items:
        return Text("Nothing happened that you could see.", style="italic")
    return bullets(items)
