"""What `validate` checks beyond a load: that the words of the content can be trusted.

An objective's text states numbers ("1 point per 3 points of pressure above 30, the most at
75%"); each one is checked against the objective's compiled formula, evaluated at the values
the text names, so a text cannot promise what the scoring does not give. The phrases it
understands are those of docs/authoring.md ("Objectives"):

- `N points per [M] [unit] [of TRACK] [above|below X]`: the formula rises (falls, with
  `below`) by N for every M of the track (M is 1 when left out, or the quantity in brackets
  after the unit: "per stage (25%)"), and gives 0 at X;
- `N points if|when|at|for ...`: the formula gives N at the quantity (or state) named;
- `the most at X [or more|or less]`: the formula reaches the objective's max at X, and not
  before (the first value the track can hold that scores the max);
- `up to N` is flagged: screens show the max after the text ("(up to 15 points)"), so a text
  that says it again repeats it, or contradicts it.

Any other "N points" in a text is reported as one validate cannot check. Sources get
warnings, not problems (a malformed citation is a problem of the load, see citations.py): a
`happened` text without citations or without an `as_of` date, a real counterpart without
citations, and a citation naming an outlet on the content's list of weak ones
(`[[weak_source]]`, content/sources.toml) as its outlet, its reprint or its address.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..core.model import Objective, Rules, Track
from ..core.scoring import held, objective_at, objective_tracks, track_step
from ..core.words import noun
from .loader import Content
from .schema import Entry, entries_of, sub_entries
from .sources import Problem, read_folder

_WORD_NUMBERS = {
    "half a": 0.5,
    "a quarter of a": 0.25,
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_AMOUNT = re.compile(
    r"(?<![\w.$])(?P<amount>\d+(?:\.\d+)?|half a|a quarter of a|one|two|three|four|five|six|seven|eight|nine|ten|a)"
    r"\s+points?\b(?P<tail>\s+(?P<how>per|if|when|at|for)\b)?",
    re.IGNORECASE,
)
_QTY = r"(?P<dollar>\$)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<suffix>k|bn|m|%)?(?!\w|\.\d)"
_QTY_RE = re.compile(_QTY)
_UP_TO = re.compile(r"\bup to\s+" + _QTY + r"(?:\s+points?)?", re.IGNORECASE)
_MOST = re.compile(r"\b(?:the most|full points)\s+(?:at|from|with|once|when)\b", re.IGNORECASE)
_BASE = re.compile(r"\b(?P<side>above|over|beyond|more than|below|under|less than)\s+" + _QTY, re.IGNORECASE)
_PER_LEAD = re.compile(r"^\s*" + _QTY + r"(?:\s+(?:points?|units?|months?|quarters?|percent))?", re.IGNORECASE)
_PER_BRACKET = re.compile(r"^\s*(?P<word>[a-z]+)\s*\((?:each|every|one|a)?\s*" + _QTY, re.IGNORECASE)
_PER_WORD = re.compile(r"^\s*(?P<word>[a-z]+)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;()]|\.(?=\s|$)|\bup to\b|\bthe most\b", re.IGNORECASE)
_DOWN = {"below", "under", "less than"}
_NEAR = 0.005  # points: scores are shown to a tenth, texts say them to a hundredth at most


def check_words(content: Content) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings): objective texts that contradict their formulas, and weak sources."""
    files, problems, _ = read_folder(content.root)
    entries = entries_of(files, problems)
    found: dict[tuple, Problem] = {}
    for seat_entry in entries["seat"]:
        for o in sub_entries(seat_entry, "objective"):
            for rules in content.scenarios.values():
                if seat_entry.own_id not in rules.seat_ids:
                    continue
                objective = next((x for x in rules.seat(seat_entry.own_id).objectives if x.id == o.own_id), None)
                if objective is None:
                    continue
                for message in objective_problems(rules, objective):
                    p = o.problem("text", message)
                    found.setdefault((p.file, p.line, p.message), p)
    weak = weak_sources(entries["weak_source"])
    warnings = []
    for kind in ("action", "event", "rule", "ending", "scenario"):
        for e in entries[kind]:
            warnings += sourcing_warnings(e, weak)
    return list(found.values()), warnings


def sourcing_warnings(e: Entry, weak: dict[str, tuple[str, str]]) -> list[Problem]:
    """What a teacher could not trust in an entry's sourcing (its fields are well formed)."""
    source = e.data.get("source")
    cited = isinstance(source, list) and bool(source)
    out = []
    if isinstance(e.data.get("happened"), str):
        if not cited:
            out.append(
                e.problem(
                    "happened",
                    "warning: says what really happened but has no source; cite the outlet or document "
                    "and its date (docs/authoring.md, Sourcing)",
                )
            )
        if "as_of" not in e.data:
            out.append(
                e.problem(
                    "happened",
                    'warning: has no `as_of` date; say when it was last true, as as_of = "2026-01-15" '
                    "(docs/authoring.md, Sourcing)",
                )
            )
    if "counterpart" in e.data and "counterpart_source" not in e.data:
        out.append(
            e.problem("counterpart", "warning: a real counterpart with no `counterpart_source`; cite where it is told")
        )
    for field in ("source", "counterpart_source"):
        items = e.data.get(field)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items, start=1):
            if isinstance(item, dict):
                out += [e.problem(f"{field}[{i}]", f"warning: {m}") for m in weak_problems(item, weak)]
    return out


def weak_sources(entries) -> dict[str, tuple[str, str]]:
    """The content's list of weak outlets (`[[weak_source]]`, content/sources.toml): match word -> (name, why)."""
    out: dict[str, tuple[str, str]] = {}
    for e in entries:
        name, why = e.data.get("name"), e.data.get("why")
        if not isinstance(name, str) or not isinstance(why, str):
            continue
        match = e.data.get("match")
        words = match if isinstance(match, list) else [e.own_id]
        for word in words:
            if isinstance(word, str) and word.strip():
                out[word.strip().lower()] = (name, why)
    return out


def weak_problems(citation: dict, weak: dict[str, tuple[str, str]]) -> list[str]:
    """One message per weak outlet a citation names, as its outlet, the reprint read or its address."""
    low = " ".join(str(citation.get(k, "")) for k in ("outlet", "via", "url")).lower()
    names = {name: why for key, (name, why) in weak.items() if key in low}
    return [
        f"{name} is a weak source ({why}); cite the agency notice, the company's filing or a major outlet "
        "that reports the same fact (docs/authoring.md, Sourcing)"
        for name, why in names.items()
    ]


def objective_problems(rules: Rules, objective: Objective) -> list[str]:
    """What `objective`'s text says that its formula does not do, one message each."""
    text = objective.text
    out = []
    used: list[tuple[int, int]] = []
    tracks = objective_tracks(rules, objective)
    for m in _UP_TO.finditer(text):
        n = _qty(m, None)
        if abs(n - objective.max) < _NEAR:
            out.append(
                f"says up to {n:g}, which screens already show after the text (up to {objective.max:g} points); "
                "leave it out"
            )
        else:
            out.append(f"says up to {n:g} but the objective's max is {objective.max:g}")
        used.append(m.span())
    for m in _AMOUNT.finditer(text):
        if any(a <= m.start() < b for a, b in used):  # "per 3 points of pressure": part of a claim
            continue
        amount = m.group("amount").lower()
        n = float(_WORD_NUMBERS.get(amount, 0) or amount)
        said = f"{m.group('amount')} {noun(n, 'point')}"
        how = (m.group("how") or "").lower()
        clause = _clause(text, m.end())
        if how != "per":  # "10 points at $5bn and 30 points at $20bn": two claims
            nxt = _AMOUNT.search(clause)
            clause = clause[: nxt.start()] if nxt else clause
        used.append((m.start(), m.end() + len(clause)))
        if how == "per":
            out += _rate_problems(rules, objective, tracks, n, said, clause)
        elif how:
            out += _value_problems(rules, objective, tracks, n, said, how, clause)
        else:
            out.append(
                f"says {said!r}, which validate cannot tie to the formula; say 'N points per ...', "
                "'N points at ...' or 'the most at ...' (docs/authoring.md, Objectives)"
            )
    for m in _MOST.finditer(text):
        clause = _clause(text, m.end())
        out += _most_problems(rules, objective, tracks, clause)
    numbers = [t for t in tracks if t.is_number]
    if len(tracks) == 1 and numbers:
        t = numbers[0]
        top, at = _best(rules, objective, t)
        if top < objective.max - _NEAR:
            out.append(
                f"the objective's max is {objective.max:g} but the formula gives at most {top:g} "
                f"({_say(t, at)}, within {t.name}'s bounds)"
            )
    return out


def _clause(text: str, start: int) -> str:
    """The words after a claim, up to the next comma, full stop or claim; a bracket right after
    the first word belongs to it ("per stage (25% of progress)")."""
    rest = text[start:]
    lead = _PER_BRACKET.match(rest)
    if lead:
        close = rest.find(")", lead.end())
        head = rest[: close + 1] if close >= 0 else rest
        tail = rest[len(head) :]
        end = _CLAUSE_END.search(tail)
        return head + (tail[: end.start()] if end else tail)
    end = _CLAUSE_END.search(rest)
    return rest[: end.start()] if end else rest


def _qty(m: re.Match, t: Track | None) -> float:
    """A quantity as written ("$1bn", "22k", "25%") in the track's own unit."""
    n = float(m.group("num").replace(",", ""))
    suffix = (m.group("suffix") or "").lower()
    unit = t.unit if t is not None else ""
    if suffix == "k" and not unit.startswith("k"):
        n *= 1000
    elif suffix == "m" and "bn" in unit:
        n /= 1000
    elif suffix == "bn" and "bn" not in unit and t is not None:
        n *= 1e9
    return n


def _which(tracks: tuple[Track, ...], clause: str, numbers_only: bool = True) -> Track | None | str:
    """The track a clause is about: the formula's only one, or the one the clause names;
    a message when that cannot be told."""
    pool = [t for t in tracks if t.is_number or not numbers_only]
    if len(pool) == 1:
        return pool[0]
    if not pool:
        return None
    low = clause.lower()
    named = [
        t
        for t in pool
        if t.id.replace("_", " ") in low
        or any(w.lower().removesuffix("'s") in low for w in t.name.split() if len(w) > 3 and w[0].islower())
    ]
    if len(named) == 1:
        return named[0]
    names = ", ".join(t.id for t in pool)
    return f"the formula reads {names}: name the one it is about"


def _curve(rules: Rules, objective: Objective, t: Track) -> Callable[[float], float]:
    return lambda x: objective_at(rules, objective, {t.id: x})


def _rate_problems(rules, objective, tracks, n: float, said: str, clause: str) -> list[str]:
    t = _which(tracks, clause)
    if isinstance(t, str) or t is None:
        return [f"says {said} per{clause}, but {t or 'the formula reads no number track'}"]
    f = _curve(rules, objective, t)
    lead, bracket, word = _PER_LEAD.match(clause), _PER_BRACKET.match(clause), _PER_WORD.match(clause)
    if lead:
        per, per_words = _qty(lead, t), lead.group(0).strip()
    elif bracket:
        per = _qty(bracket, t)
        per_words = bracket.group(0).split("(", 1)[1].strip()
        for filler in ("each ", "every ", "one ", "a "):
            per_words = per_words.removeprefix(filler)
    else:
        per, per_words = 1.0, word.group("word") if word else "unit"
    base = _BASE.search(clause)
    down = bool(base) and base.group("side").lower() in _DOWN
    x0 = _qty(base, t) if base else float(t.min)  # without 'below', a rate counts up from the bottom
    got = f(x0 - per) - f(x0) if down else f(x0 + per) - f(x0)
    out = []
    if abs(got - n) > _NEAR:
        out.append(f"says {said} per {per_words} but the formula gives {_g(got)}")
    if base and abs(f(x0)) > _NEAR:
        out.append(f"says the points start {base.group(0).strip()} but the formula gives {_g(f(x0))} there")
    return out


def _value_problems(rules, objective, tracks, n: float, said: str, how: str, clause: str) -> list[str]:
    low = clause.lower()
    for t in tracks:
        if not t.is_number:
            states = [s for s in t.states if re.search(rf"\b{re.escape(s)}\b", low)]
            if len(states) == 1:
                got = held(objective, objective_at(rules, objective, {t.id: states[0]}))
                if abs(got - n) > _NEAR:
                    return [f"says {said} {how} {t.id} is {states[0]} but the formula gives {_g(got)}"]
                return []
    q = _QTY_RE.search(clause)
    t = _which(tracks, clause)
    if q is None or t is None or isinstance(t, str):
        return [
            f"says {said} {how}{clause}, which validate cannot tie to a value of the formula's tracks; "
            "give the value (docs/authoring.md, Objectives)"
        ]
    x = _qty(q, t)
    got = held(objective, _curve(rules, objective, t)(x))
    if abs(got - n) > _NEAR:
        return [f"says {said} {how} {q.group(0).strip()} but the formula gives {_g(got)}"]
    return []


def _most_problems(rules, objective, tracks, clause: str) -> list[str]:
    q = _QTY_RE.search(clause)
    if q is None:  # "the most when it becomes law": words, nothing to check
        return []
    t = _which(tracks, clause)
    if t is None or isinstance(t, str):
        return [f"says the most at {q.group(0).strip()}, but {t or 'the formula reads no number track'}"]
    f = _curve(rules, objective, t)
    x, most, step = _qty(q, t), float(objective.max), track_step(t)
    said = q.group(0).strip()
    if not float(t.min) - 1e-9 <= x <= float(t.max) + 1e-9:
        return [f"says the most at {said}, outside {t.id}'s bounds ({_g(t.min)} to {_g(t.max)})"]
    if held(objective, f(x)) < most - _NEAR:
        return [
            f"says the most at {said} but the formula gives {_g(held(objective, f(x)))} there (the max is {most:g})"
        ]
    rising = f(x + step) > f(x - step) if abs(f(x + step) - f(x - step)) > 1e-12 else None
    low = clause.lower()
    if rising is not None and (("or less" in low or "or fewer" in low) and rising or "or more" in low and not rising):
        way = "rises" if rising else "falls"
        return [f"says the most at {said} {'or less' if rising else 'or more'}, but the score {way} with {t.id}"]
    if rising is None:
        return []
    # the first value the track can hold, from the low-scoring side, that scores the max
    first, back = x, -step if rising else step
    while (
        float(t.min) - 1e-9 <= first + back <= float(t.max) + 1e-9 and held(objective, f(first + back)) >= most - _NEAR
    ):
        first += back
    if abs(first - x) > 1e-9:
        return [f"says the most at {said} but the formula gives the most from {_say(t, first)}"]
    return []


def _best(rules: Rules, objective: Objective, t: Track) -> tuple[float, float]:
    """The most the formula scores within the track's bounds (others at their start), and where."""
    f = _curve(rules, objective, t)
    lo, hi = float(t.min), float(t.max)
    xs = [lo + (hi - lo) * k / 200 for k in range(201)]
    return max((held(objective, f(x)), x) for x in xs)


def _say(t: Track, x: float) -> str:
    return f"{t.id} {x:g}"


def _g(x: float) -> str:
    return f"{round(x, 3):g}"
