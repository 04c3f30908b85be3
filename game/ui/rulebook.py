"""A scenario's rules in words, for one seat's eyes: the help screen's rules page, and how
each institution decides (the briefing; its odds now are in `institutions.py`).

Everything here is read from the compiled `Rules` (the content): nothing is written twice,
so the page cannot drift from the game. Expressions are said through
`expression_words.describe_effect`, which never names another seat's private track.

Whose eyes: `seat` is a seat id (that seat's page), "" for the whole room (only what every
seat may see) or None for the facilitator and the debrief (everything).

No Textual here, so the page is tested without a terminal.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from ..content.expression_words import describe_effect
from ..content.expression_words import odds_words as said_odds
from ..core.expr import Binary, Bool, Call, Name, Node, Num, Str, Unary
from ..core.model import ALL, HIDDEN, PUBLIC, Action, Event, Rule, Rules, Seat, Track
from ..core.words import plural
from .wording import odds_text, seat_name

# --- expressions back to words ------------------------------------------------------------------

_PRECEDENCE = {"or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6}


def source_of(node: Node) -> str:
    """An expression tree as the author would have written it (a rule's chance keeps only
    its tree), for `describe_effect` to put into words."""
    if isinstance(node, Num):
        return number_words(node.value)
    if isinstance(node, Str):
        return f'"{node.value}"'
    if isinstance(node, Bool):
        return "true" if node.value else "false"
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Unary):
        inner = source_of(node.operand)
        if isinstance(node.operand, Binary):
            inner = f"({inner})"
        return f"not {inner}" if node.op == "not" else f"-{inner}"
    if isinstance(node, Binary):
        mine = _PRECEDENCE.get(node.op, 9)

        def side(child: Node, right: bool) -> str:
            text = source_of(child)
            if isinstance(child, Binary):
                theirs = _PRECEDENCE.get(child.op, 9)
                if theirs < mine or (right and theirs == mine and node.op in "-/"):
                    return f"({text})"
            return text

        return f"{side(node.left, False)} {node.op} {side(node.right, True)}"
    if isinstance(node, Call):
        return f"{node.func}({', '.join(source_of(a) for a in node.args)})"
    return str(node)


def number_words(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def tree_of(expression: Any) -> Node | None:
    return getattr(expression, "tree", None)


def odds_words(rules: Rules, odds: Any, written: str, seat: str | None) -> str:
    """A chance or odds in words: '60%', or '35%, plus 0.5% per point of Vendor reputation'
    (said by `expression_words.odds_words`, from the text the author wrote or the compiled tree)."""
    if odds is None:
        return "certain"
    if odds.__class__ is float:
        return odds_text(odds)
    tree = tree_of(odds)
    text = written or (source_of(tree) if tree is not None else "")
    return said_odds(rules, text, seat) or "uncertain"


def _track_name(rules: Rules, name: str, seat: str | None) -> str:
    if name in rules.track_index:
        track = rules.track(name)
        return track.name if _sees_track(track, seat) else "a private track"
    return name


def said(rules: Rules, text: str, seat: str | None) -> str:
    return describe_effect(rules, text, seat)


def condition_words(rules: Rules, when_text: str, seat: str | None) -> str:
    """A condition in words; '' for one that always holds."""
    text = when_text.strip()
    if not text or text == "true":
        return ""
    return said(rules, text, seat)


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(text: str) -> str:
    """Content text as Markdown that shows it as written (a `*` in a formula stays a star)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _paragraphs(text: str) -> list[str]:
    return [md(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


# --- who sees what ------------------------------------------------------------------------------


def _sees_track(track: Track, seat: str | None) -> bool:
    """Tracks on the page: public ones, hidden ones (everyone knows they exist; nobody sees
    them), the seat's own; another seat's private track is not even named."""
    return seat is None or track.visibility in (PUBLIC, HIDDEN, seat)


def sees(visible_to: str, seat: str | None) -> bool:
    return seat is None or visible_to in (ALL, seat)


def _who_sees(rules: Rules, track: Track, seat: str | None) -> str:
    """'' for a public track (the page says public is the rule), else who sees it."""
    if track.visibility == PUBLIC:
        return ""
    if track.visibility == HIDDEN:
        return "hidden from everyone during play"
    if track.visibility == seat:
        return "only you see it"
    return f"only the {seat_name(rules, track.visibility)} sees it"


def _scale(track: Track) -> str:
    """'0 to 400 k units', '0% to 100%', 'pending, approved, suspended, revoked'."""
    if not track.is_number:
        return ", ".join(track.states)
    if track.unit == "%":
        return f"{track.format(track.min)} to {track.format(track.max)}"
    bare = attrs.evolve(track, unit="")
    return f"{bare.format(track.min)} to {track.format(track.max)}"


# --- the page -----------------------------------------------------------------------------------


def rulebook(rules: Rules, seat: str | None) -> str:
    """The rules page of `rules` for `seat`'s eyes, as Markdown (see the module's doc)."""
    parts = [f"# {md(rules.name)}", *_paragraphs(rules.intro)]
    parts += _quarter(rules)
    parts += _tracks(rules, seat)
    parts += _levers(rules, seat)
    parts += _institutions(rules, seat)
    parts += _scoring(rules, seat)
    parts += _endings(rules, seat)
    return "\n\n".join(parts) + "\n"


def _quarter(rules: Rules) -> list[str]:
    last = rules.quarter_label(rules.quarters)
    return [
        "## How a quarter runs",
        f"The game lasts {plural(rules.quarters, 'quarter')}, "
        f"from {rules.first_quarter} to {last}. Each quarter runs in five phases:",
        "1. **News and decisions.** Events come up: some on a date, some when the world reaches "
        "a condition, some by chance. An event may ask one seat to choose; that seat answers "
        "alongside its orders, and the choice takes effect first.\n"
        "2. **Talks.** A seat may offer another a deal of the scenario, or one of its actions for "
        "one of theirs; the other accepts or rejects it before giving its orders. An accepted "
        "offer binds both: its costs come out of their budgets and the actions it names are "
        "ordered for them. Only the two seats learn of it, unless the deal is public or a leak "
        "in the news gives it away.\n"
        "3. **Orders.** Each seat privately picks actions it can pay for from its budget. Nobody "
        "sees the others' orders before they resolve; bots play the empty seats.\n"
        "4. **Resolution.** Choices apply, then the deals agreed, then every seat's orders (seat "
        "by seat), each action "
        "rolling the odds shown when it was ordered: success brings its effects, failure its "
        "failure effects. Delayed effects that fall due apply next. Then the institutions no "
        "player controls act on the state, in a fixed order (see *How the institutions decide*).\n"
        "5. **End conditions.** If an ending's condition holds, the game ends there; otherwise it "
        "ends after the last quarter. Budgets refill (up to each seat's cap) and the next "
        "quarter's news comes in.",
    ]


def _tracks(rules: Rules, seat: str | None) -> list[str]:
    lines = []
    for t in rules.tracks:
        if not _sees_track(t, seat):
            continue
        who = _who_sees(rules, t, seat)
        scale = _scale(t) + (f"; {who}" if who else "")
        text = f" {md(t.text)}" if t.text else ""
        lines.append(f"- **{md(t.name)}** ({md(scale)}).{text}")
    out = ["## The tracks", "The numbers and states the game moves. Everyone sees a track unless it says otherwise."]
    out.append("\n".join(lines))
    if seat is not None and any(not _sees_track(t, seat) for t in rules.tracks):
        out.append("Other seats also hold private information of their own.")
    return out


def _levers(rules: Rules, seat: str | None) -> list[str]:
    out = ["## Each seat's levers"]
    for s in rules.seats:
        if seat is None or s.id == seat:
            out += _own_levers(rules, s, seat)
        else:
            out += _their_levers(rules, s)
    return out


def _own_levers(rules: Rules, s: Seat, seat: str | None) -> list[str]:
    who = "You" if seat == s.id else f"The {s.name}"
    budget = md(s.budget_name)
    out = [
        f"### {md(s.name)}",
        f"*{md(s.role)}.* {who} start{'' if who == 'You' else 's'} with {s.budget_start} {budget}, "
        f"gain {s.budget_per_quarter} each quarter and can hold at most {s.budget_max}; "
        "what is not spent carries over.",
    ]
    out.append("\n".join(_action_item(rules, a, seat) for a in rules.actions_of(s.id)))
    decisions = [e for e in rules.events if e.options and e.choice_seat == s.id and sees(e.visible_to, seat)]
    if decisions:
        out.append(f"Decisions the news may bring {'you' if who == 'You' else 'this seat'}:")
        out.append("\n".join(_decision_item(rules, e, seat) for e in decisions))
    return out


def _action_item(rules: Rules, a: Action, seat: str | None) -> str:
    head = [f"costs {a.cost} {md(rules.seat(a.seat).budget_name)}"]
    if a.odds is not None:
        head.append(f"succeeds {md(odds_words(rules, a.odds, a.odds_text, seat))}")
    if a.once:
        head.append("once a game")
    if not a.public:
        head.append("private: only its seat learns of it")
    line = f"- **{md(a.name)}** ({'; '.join(head)}). {md(a.text)}"
    subs = []
    if a.requires_text.strip():
        subs.append(f"Needs: {md(said(rules, a.requires_text, seat))}.")
    if a.effects:
        does = "; ".join(said(rules, e.text, seat) for e in a.effects)
        subs.append(f"{'On success' if a.odds is not None else 'Does'}: {md(does)}.")
    if a.fail_effects:
        subs.append(f"On failure: {md('; '.join(said(rules, e.text, seat) for e in a.fail_effects))}.")
    elif a.odds is not None:
        subs.append("On failure: nothing but the cost.")
    return "\n".join([line, *(f"    - {sub}" for sub in subs)])


def _timing(rules: Rules, e: Event, seat: str | None) -> str:
    parts = []
    if e.quarters:
        parts.append("in " + ", ".join(f"Q{q}" for q in e.quarters))
    cond = condition_words(rules, e.when_text, seat)
    if cond:
        parts.append(f"when {cond}")
    if e.chance is not None:
        parts.append(f"{odds_words(rules, e.chance, e.chance_text, seat)} a quarter")
    if e.chained_only:
        parts.append("after another event or action")
    return ", ".join(parts) or "any quarter"


def _decision_item(rules: Rules, e: Event, seat: str | None) -> str:
    options = " / ".join(md(o.label) for o in e.options)
    return f"- **{md(e.title)}** ({md(_timing(rules, e, seat))}): {options}"


def _their_levers(rules: Rules, s: Seat) -> list[str]:
    seen = [a.name for a in rules.actions_of(s.id) if a.public]
    hidden = any(not a.public for a in rules.actions_of(s.id))
    text = f"*{md(s.role)}.* Its budget and its odds are its own."
    if seen:
        text += " Moves you may see it make: " + ", ".join(md(n) for n in seen) + "."
    if hidden:
        text += " It also has moves that only it learns of."
    return [f"### {md(s.name)}", text]


def _institutions(rules: Rules, seat: str | None) -> list[str]:
    shown = [r for r in rules.rules if sees(r.visible_to, seat)]
    if not shown:
        return []
    odds = [r for r in shown if r.chance is not None]
    conditional = [r for r in shown if r.chance is None and r.when is not None]
    steady = [r for r in shown if r.chance is None and r.when is None]
    out = [
        "## How the institutions decide",
        "Nobody plays these. Every quarter, after the orders and the delayed effects, each rule "
        "below is checked in the order of the content, on the state as it then stands.",
    ]
    if odds:
        out.append("### Decisions that take a roll")
        out.append("\n".join(_odds_item(rules, r, seat) for r in odds))
    if conditional:
        out.append("### Whenever a condition holds")
        items = []
        for r in conditional:
            cond = condition_words(rules, r.when_text, seat)
            items.append(f"- **{md(r.name)}**, when {md(cond)}. {md(r.text)}".rstrip())
        out.append("\n".join(items))
    if steady:
        out.append("### Every quarter")
        out.append("\n".join(f"- **{md(r.name)}**. {md(r.text)}".rstrip() for r in steady))
    return out


def rule_odds_words(rules: Rules, rule: Rule, seat: str | None) -> str:
    """'30% a quarter while US export licence is "pending" and Congressional pressure below 55'."""
    chance = odds_words(rules, rule.chance, "", seat)
    cond = condition_words(rules, rule.when_text, seat)
    return f"{chance} a quarter" + (f" while {cond}" if cond else "")


def _odds_item(rules: Rules, r: Rule, seat: str | None) -> str:
    line = f"- **{md(r.name)}**: {md(rule_odds_words(rules, r, seat))}. {md(r.text)}".rstrip()
    if r.effects:
        then = "; ".join(said(rules, e.text, seat) for e in r.effects)
        line += f"\n    - Then: {md(then)}."
    return line


def _scoring(rules: Rules, seat: str | None) -> list[str]:
    out = [
        "## How scoring works",
        "Each seat scores points against its own objectives, each worth up to a maximum. The "
        "winner is the seat with the highest share of its own maximum (its points divided by "
        "the most it could score), so seats with different objectives compare fairly; a tie at "
        "the top has no single winner. During play, a score is what the seat would get if the "
        "game ended now.",
    ]
    for s in rules.seats:
        most = sum(o.max for o in s.objectives)
        if seat is None or s.id == seat:
            whose = "Your objectives" if seat == s.id else f"The {md(s.name)}'s objectives"
            out.append(f"{whose} (at most {number_words(most)} points in all):")
            out.append("\n".join(f"- {md(o.text)}" for o in s.objectives))
        else:
            out.append(f"The {md(s.name)} scores against objectives of its own, revealed at the end.")
    return out


def _endings(rules: Rules, seat: str | None) -> list[str]:
    out = [
        "## Endings",
        "Checked at the end of every quarter, in this order: the first that holds ends the game.",
    ]
    items = []
    for e in rules.endings:
        cond = condition_words(rules, e.when_text, seat) if e.when is not None else ""
        when = f"when {cond}" if cond else f"after quarter {rules.quarters}, if nothing else ended the game"
        items.append(f"- **{md(e.title)}**, {md(when)}. {md(e.text)}".rstrip())
    out.append("\n".join(items))
    return out


# --- the institutions' odds now -----------------------------------------------------------------
