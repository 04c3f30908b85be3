"""The fields each kind of content entry may have, and checking an entry's fields and types."""

from __future__ import annotations

import re

import attrs

from ..core.expr.check import did_you_mean
from .citations import check_counterpart, check_source, date_problem
from .sources import Problem, SourceFile, number_problem

ID = re.compile(r"^[a-z][a-z0-9_]*\Z")  # \Z, not $: "$" would let an id end in a newline
# Names are shown in headings, lists and buttons: a line of plain words. Other texts are
# paragraphs; the longest shipped one (a briefing) is about 1,200 characters.
SHORT_FIELDS = {"name", "title", "label", "role", "budget_name", "unit"}
MAX_SHORT = 100
MAX_TEXT = 5000
# Control characters (ESC starts a terminal command, BEL rings, a carriage return overwrites)
# and the Unicode controls that reorder text: none belongs in content. Tabs and newlines do.
_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SEAT_IDS = ("vendor", "lawmaker", "regulator")

# field -> (type, required). Types: str, int, num, bool, id, strs, ints, expr (condition
# text), odds (number 0..1 or expression text), effects (list of effect texts), table,
# source ("fictional" or a list of citation tables), citations (a list of citation tables),
# date (ISO text or a TOML date). See citations.py.
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "track": {
        "id": ("id", True),
        "name": ("str", True),
        "kind": ("str", False),
        "unit": ("str", False),
        "min": ("num", False),
        "max": ("num", False),
        "start": ("any", True),
        "precision": ("int", False),
        "states": ("strs", False),
        "visibility": ("str", False),
        "text": ("str", False),
        "main": ("bool", False),
    },
    "seat": {
        "id": ("id", True),
        "name": ("str", True),
        "role": ("str", True),
        "briefing": ("str", True),
        "private": ("str", True),
        "budget_name": ("str", True),
        "budget_start": ("int", True),
        "budget_per_quarter": ("int", True),
        "budget_max": ("int", True),
        "objective": ("subs", True),
    },
    "seat.objective": {
        "id": ("id", True),
        "text": ("str", True),
        "points": ("expr", True),
        "max": ("num", True),
    },
    "action": {
        "id": ("id", True),
        "seat": ("str", True),
        "name": ("str", True),
        "text": ("str", True),
        "cost": ("int", True),
        "requires": ("expr", False),
        "odds": ("odds", False),
        "effects": ("effects", True),
        "fail_effects": ("effects", False),
        "fail_text": ("str", False),
        "public": ("bool", False),
        "once": ("bool", False),
        "source": ("source", True),
        "happened": ("str", False),
        "as_of": ("date", False),
        "counterpart": ("str", False),
        "counterpart_source": ("citations", False),
        "scenarios": ("strs", False),
    },
    "event": {
        "id": ("id", True),
        "title": ("str", True),
        "text": ("str", True),
        "quarters": ("ints", False),
        "when": ("expr", False),
        "chance": ("odds", False),
        "once": ("bool", False),
        "effects": ("effects", False),
        "visible_to": ("str", False),
        "choice_seat": ("str", False),
        "option": ("subs", False),
        "leaks": ("bool", False),
        "source": ("source", True),
        "happened": ("str", False),
        "as_of": ("date", False),
        "counterpart": ("str", False),
        "counterpart_source": ("citations", False),
        "scenarios": ("strs", False),
    },
    "event.option": {
        "id": ("id", True),
        "label": ("str", True),
        "text": ("str", False),
        "effects": ("effects", True),
    },
    # Terms two seats may agree in the talks phase (game/core/deals.py); either may offer them.
    "deal": {
        "id": ("id", True),
        "name": ("str", True),
        "text": ("str", True),
        "when": ("expr", False),
        "public": ("bool", False),
        "side": ("subs", True),
        "source": ("source", True),
        "happened": ("str", False),
        "as_of": ("date", False),
        "scenarios": ("strs", False),
    },
    "deal.side": {
        "seat": ("str", True),
        "text": ("str", True),
        "cost": ("int", False),
        "actions": ("strs", False),
        "effects": ("effects", False),
    },
    "rule": {
        "id": ("id", True),
        "name": ("str", True),
        "text": ("str", False),
        "when": ("expr", True),
        "chance": ("odds", False),
        "effects": ("effects", True),
        "once": ("bool", False),
        "visible_to": ("str", False),
        "source": ("source", False),
        "counterpart": ("str", False),
        "counterpart_source": ("citations", False),
        "scenarios": ("strs", False),
    },
    "ending": {
        "id": ("id", True),
        "title": ("str", True),
        "text": ("str", True),
        "when": ("expr", False),
        "effects": ("effects", False),
        "happened": ("str", False),
        "as_of": ("date", False),
        "source": ("source", False),
        "counterpart": ("str", False),
        "counterpart_source": ("citations", False),
        "scenarios": ("strs", False),
    },
    # An outlet `validate` warns about in a `source` (content/sources.toml): `match` are the
    # lower-case words that find it in a source text (the id when left out).
    "weak_source": {
        "id": ("id", True),
        "name": ("str", True),
        "why": ("str", True),
        "match": ("strs", False),
    },
    "scenario": {
        "id": ("id", True),
        "name": ("str", True),
        "intro": ("str", True),
        "quarters": ("int", True),
        "first_quarter": ("str", False),
        "seats": ("strs", True),
        "exclude": ("strs", False),
        "source": ("source", False),
        "as_of": ("date", False),
        "counterpart": ("str", False),
        "counterpart_source": ("citations", False),
        "questions": ("strs", False),
        "start": ("table", False),
    },
}
KINDS = ("track", "seat", "action", "event", "deal", "rule", "ending", "scenario", "weak_source")

_TYPE_NAMES = {
    "str": "text",
    "int": "a whole number",
    "num": "a number",
    "bool": "true or false",
    "id": "an id (lower-case letters, digits, _)",
    "strs": "a list of texts",
    "ints": "a whole number or a list of them",
    "expr": "an expression in quotes",
    "odds": "a number from 0 to 1 or an expression in quotes",
    "effects": "a list of effects in quotes",
    "table": "a table",
    "subs": "a list of tables ([[...]])",
}


@attrs.frozen
class Entry:
    """One `[[kind]]` table from a file, with what is needed to point at its lines."""

    kind: str
    file: SourceFile
    path: tuple  # (kind, k) or (kind, k, sub, j)
    data: dict
    parent: str = ""  # the id of the entry a sub-entry ([[event.option]]) belongs to

    @property
    def own_id(self) -> str:
        value = self.data.get("seat" if self.kind == "deal.side" else "id")
        if not isinstance(value, str) or not value:
            return f"#{self.path[-1] + 1}"
        if not ID.match(value):  # reported as a bad id; named by place, so a problem line stays "entry ID:"
            return f"#{self.path[-1] + 1}"
        return value

    @property
    def id(self) -> str:
        return f"{self.parent}.{self.own_id}" if self.parent else self.own_id

    def problem(self, field: str, message: str) -> Problem:
        """`field` may be `effects[2]` (an item of a list) or `start.tension` (a sub-table key)."""
        base = field.split("[")[0]
        if "." in base and base.split(".")[0] in self.data:
            sub, key = base.split(".", 1)
            line = self.file.lines.of(self.path + (sub, 0), key)
        else:
            line = self.file.lines.of(self.path, base if base in self.data else None)
        return Problem(self.file.name, line, self.id, field, message)


def _type_ok(kind: str, value) -> bool:
    if kind == "any":
        return isinstance(value, (int, float, str)) and not isinstance(value, bool)
    if kind in ("str", "expr"):
        return isinstance(value, str)
    if kind == "id":
        return isinstance(value, str) and bool(ID.match(value))
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "num":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "strs":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "ints":
        items = value if isinstance(value, list) else [value]
        return all(isinstance(v, int) and not isinstance(v, bool) for v in items)
    if kind == "odds":
        return (isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1) or isinstance(
            value, str
        )
    if kind == "effects":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "subs":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    return False


def check_fields(entry: Entry, problems: list[Problem]) -> bool:
    """Report unknown, missing and mistyped fields; True when the entry is usable."""
    spec = FIELDS[entry.kind]
    ok = True
    for name, value in entry.data.items():
        if name not in spec:
            problems.append(entry.problem(name, f"unknown field{did_you_mean(name, spec)}"))
            continue
        kind, _ = spec[name]
        if kind in ("source", "citations"):
            ok = check_source(entry, name, value, problems, fictional_ok=kind == "source") and ok
            continue
        if kind == "date":
            message = date_problem(value)
            if message:
                problems.append(entry.problem(name, message))
                ok = False
            continue
        if not _type_ok(kind, value):
            problems.append(entry.problem(name, f"expected {_TYPE_NAMES.get(kind, kind)}, got {_describe(value)}"))
            ok = False
            continue
        for where, item in _numbers(name, value):
            if problem := number_problem(item):
                problems.append(entry.problem(where, problem))
                ok = False
        for where, text in _texts(name, value):
            if problem := text_problem(name, text):
                problems.append(entry.problem(where, problem))
                ok = False
    for name, (_, required) in spec.items():
        if required and name not in entry.data:
            problems.append(entry.problem(name, "missing (required)"))
            ok = False
    if "counterpart" in spec:
        ok = check_counterpart(entry, problems) and ok
    return ok


def text_problem(field: str, text: str) -> str:
    """Why a text cannot be shown as written ('' when it can)."""
    if m := _CONTROL.search(text):
        return f"holds the control character {m.group()!r}; remove it (it would reach players' terminals)"
    if field in SHORT_FIELDS:
        if "\n" in text:
            return "a name is one line; remove the line break"
        if "[" in text or "]" in text:
            return f"{_cut(text)!r}: a name may not hold square brackets (the screens would read them as markup)"
        if len(text) > MAX_SHORT:
            return f"{len(text)} characters; a name is at most {MAX_SHORT}"
    elif len(text) > MAX_TEXT:
        return f"{len(text)} characters; a text is at most {MAX_TEXT} (split it, or shorten it)"
    return ""


def _cut(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _texts(name: str, value) -> list[tuple[str, str]]:
    if isinstance(value, list):
        return [(f"{name}[{i}]", v) for i, v in enumerate(value, start=1) if isinstance(v, str)]
    if isinstance(value, dict):
        return [(f"{name}.{k}", v) for k, v in value.items() if isinstance(v, str)]
    return [(name, value)] if isinstance(value, str) else []


def _numbers(name: str, value) -> list[tuple[str, object]]:
    """The numbers of a field's value, each with where it is (`quarters[2]`, `start.tension`)."""
    if isinstance(value, list):
        return [(f"{name}[{i}]", v) for i, v in enumerate(value, start=1) if isinstance(v, (int, float))]
    if isinstance(value, dict):
        return [(f"{name}.{k}", v) for k, v in value.items() if isinstance(v, (int, float))]
    return [(name, value)] if isinstance(value, (int, float)) else []


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 40 else "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def entries_of(files: list[SourceFile], problems: list[Problem]) -> dict[str, list[Entry]]:
    """Every entry of every kind, in file order; unknown kinds and wrong shapes reported."""
    out: dict[str, list[Entry]] = {k: [] for k in KINDS}
    for f in files:
        for kind, value in f.data.items():
            if kind not in out:
                problems.append(
                    Problem(
                        f.name,
                        _key_line(f, kind),
                        "-",
                        kind,
                        f"unknown kind of entry{did_you_mean(kind, KINDS)}; expected one of {', '.join(KINDS)}",
                    )
                )
                continue
            if isinstance(value, dict):
                problems.append(
                    Problem(
                        f.name, _key_line(f, kind), "-", kind, f"write [[{kind}]] (a list of entries), not [{kind}]"
                    )
                )
                continue
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                problems.append(Problem(f.name, _key_line(f, kind), "-", kind, f"expected [[{kind}]] tables"))
                continue
            for k, data in enumerate(value):
                out[kind].append(Entry(kind, f, (kind, k), data))
    return out


def _key_line(f: SourceFile, kind: str) -> int:
    for path, line in f.lines.headers.items():
        if path and path[0] == kind:
            return line
    return f.lines.keys.get(((), kind), 1)


def sub_entries(entry: Entry, sub: str) -> list[Entry]:
    items = entry.data.get(sub, [])
    if not isinstance(items, list):
        return []
    return [
        Entry(f"{entry.kind}.{sub}", entry.file, entry.path + (sub, j), d, parent=entry.id)
        for j, d in enumerate(items)
        if isinstance(d, dict)
    ]
