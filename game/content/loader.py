"""Content folder in, checked and compiled scenarios out; every problem reported at once."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import attrs

from ..core import expr as ex
from ..core.expr.check import FUNCTIONS, NUM, STR, Symbol, check_condition, check_effect, check_number, did_you_mean
from ..core.model import ALL, HIDDEN, PUBLIC, Rules
from ..paths import shipped_content
from .compile import Compiled, compile_scenario
from .schema import FIELDS, ID, KINDS, Entry, check_fields, entries_of, sub_entries
from .sources import ContentError, Problem, read_folder
from .warnings import warn_endless_chains, warn_never_true

DEFAULT_CONTENT = shipped_content()
RESERVED = {"quarter", "ending", "budget"} | ex.KEYWORDS | set(FUNCTIONS)
MAX_PRECISION = 6
MAX_QUARTERS = 100  # a scenario's length; saves hold at most 1000 (saves/reader.py)


@attrs.frozen
class Content:
    root: Path
    fingerprint: str
    scenarios: dict[str, Rules]
    entries: dict[str, int]  # how many of each kind, for the summary
    warnings: tuple[Problem, ...] = ()  # content that plays, but likely not as meant (validate lists them)
    # Works out `places`, when first asked: finding every entry's line reads each file's text,
    # a twentieth of a load that a game start never needs.
    locate: Callable[[], dict[str, tuple[str, int]]] = attrs.field(default=dict, eq=False, repr=False)
    _places: dict[str, tuple[str, int]] = attrs.field(factory=dict, eq=False, repr=False, init=False)

    @property
    def places(self) -> dict[str, tuple[str, int]]:
        """Where each action, event, event option, rule, ending and deal is written: "kind:id"
        -> (file, line), where `validate --reach` points at content the bots never reach."""
        if not self._places:
            self._places.update(self.locate())
        return self._places

    def warning_at(self, kind: str, entry_id: str, message: str) -> Problem:
        """A warning about the entry `kind:entry_id` ("option:event.option" for an option)."""
        file, line = self.places.get(f"{kind}:{entry_id}", (self.root.name, 0))
        return Problem(file, line, entry_id, "id", f"warning: {message}")

    def scenario(self, scenario_id: str) -> Rules:
        if scenario_id not in self.scenarios:
            known = ", ".join(sorted(self.scenarios))
            raise KeyError(f"no scenario {scenario_id!r}{did_you_mean(scenario_id, self.scenarios)}; known: {known}")
        return self.scenarios[scenario_id]


class _Checker:
    """Walks the entries once, collecting problems and the parsed tree of every expression."""

    def __init__(self, entries: dict[str, list[Entry]], problems: list[Problem]):
        self.entries = entries
        self.problems = problems
        self.trees: dict[tuple, object] = {}  # (entry path, file name, field, i) -> tree
        # (mode, text) -> tree or the ExprError: content writes the same effect many times
        # (406 effects, 180 texts), and a tree is an immutable value any entry may share.
        self.parsed: dict[tuple[str, str], object] = {}
        self.queued: set[str] = set()
        self.warnings: list[Problem] = []

    def report(self, entry: Entry, field: str, message: str) -> None:
        self.problems.append(entry.problem(field, message))

    def warn(self, entry: Entry, field: str, message: str) -> None:
        self.warnings.append(entry.problem(field, f"warning: {message}"))

    def unique(self, kind: str) -> dict[str, Entry]:
        by_id: dict[str, Entry] = {}
        for e in self.entries[kind]:
            if e.own_id in by_id:
                first = by_id[e.own_id]
                self.report(
                    e, "id", f"duplicate {kind} id (first at {first.file.name}:{first.file.lines.of(first.path)})"
                )
            else:
                by_id[e.own_id] = e
        return by_id

    def parse(self, mode: str, text: str):
        """`text` parsed as an effect or an expression, once a load; raises its ExprError."""
        key = ("effect" if mode == "effect" else "expression", text)
        found = self.parsed.get(key)
        if found is None:
            try:
                found = ex.parse_effect(text) if mode == "effect" else ex.parse_expression(text)
            except ex.ExprError as err:
                found = err
            self.parsed[key] = found
        if isinstance(found, ex.ExprError):
            raise found
        return found

    def expression(self, entry: Entry, field: str, text, symbols, mode: str, events=(), i=None):
        where = field if i is None else f"{field}[{i + 1}]"
        try:
            if mode == "effect":
                tree = self.parse(mode, text)
                check_effect(tree, symbols, events)
                for node in ex.queued_events(tree):
                    self.queued.add(node)
            else:
                tree = self.parse(mode, text)
                (check_condition if mode == "cond" else check_number)(tree, symbols)
        except ex.ExprError as err:
            shown = text if len(text) <= 80 else text[:77] + "..."
            self.report(entry, where, f"{err.message} (at column {err.col} of {shown!r})")
            return None
        self.trees[(entry.file.name, entry.path, field, i)] = tree
        return tree


def load(root: Path | str = DEFAULT_CONTENT) -> Content:
    """Read, check and compile the content under `root`; raise ContentError listing every problem."""
    # A load builds tens of thousands of objects and frees almost none, so the cyclic
    # collector's passes over them find nothing: pausing it makes a load 5% cheaper.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root))
    finally:
        if paused:
            gc.enable()


def _load(root: Path) -> Content:
    files, problems, fingerprint = read_folder(root)
    if problems:  # a file we could not read would make every cross-reference look wrong
        raise ContentError(problems)
    entries = entries_of(files, problems)
    good: dict[str, list[Entry]] = {k: [] for k in KINDS}
    for kind in KINDS:
        for e in entries[kind]:
            ok = check_fields(e, problems)
            for sub in [f.split(".")[1] for f in FIELDS if f.startswith(kind + ".")]:
                for s in sub_entries(e, sub):
                    ok = check_fields(s, problems) and ok
            if ok:
                good[kind].append(e)
    if files and not problems and not good["scenario"]:
        problems.append(Problem(files[0].name, 1, "-", "scenario", "no [[scenario]] in the content"))
    # Problems of an entry's own fields come first: the entry is left out, and what reads it
    # then fails too; those follow-on problems are listed after their cause.
    causes = sorted(problems, key=lambda p: (p.file, p.line))
    problems.clear()
    c = _Checker(good, problems)
    c.written = entries  # every entry, its broken ones too: a follow-on check must not blame a seat
    tracks = c.unique("track")
    seats = c.unique("seat")
    actions = c.unique("action")
    events = c.unique("event")
    c.unique("deal")
    c.unique("weak_source")  # the list validate warns from (content/sources.toml)
    c.unique("rule")
    c.unique("ending")
    c.unique("scenario")

    symbols = _check_tracks_and_seats(c, tracks, seats)
    _check_expressions(c, symbols, set(events), seats)
    _check_references(c, tracks, seats, actions, events)
    _check_quarters(c)
    if not problems:
        warn_never_true(c, tracks, seats)
        warn_endless_chains(c)
    if causes or problems:
        raise ContentError(causes + sorted(problems, key=lambda p: (p.file, p.line)))
    scenarios = {}
    compiled = Compiled()  # shared by the scenarios: most entries compile alike in each
    for sc in good["scenario"]:
        try:
            scenarios[sc.own_id] = compile_scenario(sc, good, c.trees, compiled)
        except ContentError as err:
            problems.extend(err.problems)
    if problems:
        raise ContentError(problems)
    counts = {k: len(v) for k, v in good.items()}
    return Content(root, fingerprint, scenarios, counts, tuple(c.warnings), lambda: _places(good))


def _places(good: dict[str, list[Entry]]) -> dict[str, tuple[str, int]]:
    out = {}
    for kind in ("action", "event", "rule", "ending", "deal"):
        for e in good[kind]:
            out[f"{kind}:{e.id}"] = (e.file.name, e.file.lines.of(e.path, "id"))
            for o in sub_entries(e, "option") if kind == "event" else ():
                out[f"option:{o.id}"] = (o.file.name, o.file.lines.of(o.path, "id"))
    return out


def _check_tracks_and_seats(c: _Checker, tracks: dict[str, Entry], seats: dict[str, Entry]) -> dict:
    symbols: dict[str, Symbol] = {}
    for tid, e in tracks.items():
        d = e.data
        if tid in RESERVED:
            c.report(e, "id", f"{tid!r} is a reserved word; choose another id")
        kind = d.get("kind", "number")
        vis = d.get("visibility", PUBLIC)
        if vis not in (PUBLIC, HIDDEN) and vis not in seats:
            c.report(
                e,
                "visibility",
                f"unknown visibility {vis!r}{did_you_mean(vis, [PUBLIC, HIDDEN, *seats])}; "
                "use public, hidden or a seat id",
            )
        if kind == "state":
            states = d.get("states", [])
            bad = [st for st in states if not ID.match(st)]
            if not states:
                c.report(e, "states", "a state track needs its list of states")
            elif bad:
                c.report(e, "states", f"{bad[0]!r} is not an id (lower-case letters, digits, _): saves record states")
            elif d["start"] not in states:
                c.report(e, "start", f"{d['start']!r} is not one of its states{did_you_mean(str(d['start']), states)}")
            symbols[tid] = Symbol(tid, STR, 0, True, tuple(states))
        elif kind == "number":
            precision = d.get("precision", 0)
            if not 0 <= precision <= MAX_PRECISION:
                c.report(e, "precision", f"{precision}: the digits after the point, from 0 to {MAX_PRECISION}")
            lo, hi = d.get("min", 0), d.get("max", 100)
            if lo >= hi:
                c.report(e, "max", f"max ({hi}) must be above min ({lo})")
            start = d["start"]
            if isinstance(start, str):
                c.report(e, "start", f"a number track starts at a number, got {start!r}")
            elif not lo <= start <= hi:
                c.report(e, "start", f"{start} is outside {lo}..{hi}")
            symbols[tid] = Symbol(tid, NUM, 0)
        else:
            c.report(
                e, "kind", f"unknown track kind {kind!r}{did_you_mean(kind, ['number', 'state'])}; use number or state"
            )
    for sid, e in seats.items():
        d = e.data
        if d["budget_start"] > d["budget_max"]:
            c.report(e, "budget_start", f"starts above budget_max ({d['budget_max']})")
        if d["budget_per_quarter"] < 0:
            c.report(e, "budget_per_quarter", "cannot be negative")
        symbols[f"budget.{sid}"] = Symbol(f"budget.{sid}", NUM, 0)
    symbols["quarter"] = Symbol("quarter", NUM, 0, writable=False)
    # `ending` holds the id of the ending reached, or "" while the game goes on: a misspelt id
    # compared with it (`ending != "ful_ban"`) is as wrong as a misspelt state.
    ending_ids = tuple(e.own_id for e in c.entries["ending"])
    symbols["ending"] = Symbol("ending", STR, 0, writable=False, choices=("", *ending_ids) if ending_ids else ())
    return symbols


def _check_expressions(c: _Checker, symbols: dict, event_ids: set[str], seats) -> None:
    def effects(e: Entry, field: str):
        for i, text in enumerate(e.data.get(field, [])):
            c.expression(e, field, text, symbols, "effect", event_ids, i)

    def odds(e: Entry, field: str):
        value = e.data.get(field)
        if isinstance(value, str):
            c.expression(e, field, value, symbols, "number")

    for e in c.entries["seat"]:
        for o in sub_entries(e, "objective"):
            c.expression(o, "points", o.data["points"], symbols, "number")
            if o.data["max"] <= 0:
                c.report(o, "max", f"{o.data['max']}: an objective's most points must be above 0")
    for e in c.entries["action"]:
        if "requires" in e.data:
            _seat_may_see(c, e, "requires", c.expression(e, "requires", e.data["requires"], symbols, "cond"))
        odds(e, "odds")
        if isinstance(e.data.get("odds"), str):
            _seat_may_see(c, e, "odds", c.trees.get((e.file.name, e.path, "odds", None)))
        effects(e, "effects")
        effects(e, "fail_effects")
        if e.data["cost"] < 0:
            c.report(e, "cost", "cannot be negative")
    for e in c.entries["event"]:
        if "when" in e.data:
            c.expression(e, "when", e.data["when"], symbols, "cond")
        odds(e, "chance")
        effects(e, "effects")
        for o in sub_entries(e, "option"):
            effects(o, "effects")
    for e in c.entries["rule"]:
        c.expression(e, "when", e.data["when"], symbols, "cond")
        odds(e, "chance")
        effects(e, "effects")
    for e in c.entries["deal"]:
        if "when" in e.data:
            tree = c.expression(e, "when", e.data["when"], symbols, "cond")
            _both_may_see(c, e, tree)
        for side in sub_entries(e, "side"):
            effects(side, "effects")
            if side.data.get("cost", 0) < 0:
                c.report(side, "cost", "cannot be negative")
    for e in c.entries["ending"]:
        if "when" in e.data:
            c.expression(e, "when", e.data["when"], symbols, "cond")
        effects(e, "effects")
        for i, _ in enumerate(e.data.get("effects", [])):
            tree = c.trees.get((e.file.name, e.path, "effects", i))
            if isinstance(tree, (ex.Delayed, ex.QueueEvent)):  # the game is over: no later quarter
                c.report(
                    e,
                    f"effects[{i + 1}]",
                    "an ending's effects apply as the game ends; 'after' and 'event' need a quarter to come",
                )


def _seat_may_see(c: _Checker, e: Entry, field: str, tree) -> None:
    """Requirements and odds are shown to the player, so they may read only what the seat sees."""
    if tree is None:
        return
    seat = e.data["seat"]
    visibility = {t.own_id: t.data.get("visibility", PUBLIC) for t in c.entries["track"]}
    for name in sorted(ex.names_in(tree)):
        hidden = visibility.get(name, PUBLIC) not in (PUBLIC, seat)
        if hidden or (name.startswith("budget.") and name != f"budget.{seat}"):
            c.report(e, field, f"reads {name!r}, which the {seat} seat cannot see (the player is shown this)")


def _both_may_see(c: _Checker, e: Entry, tree) -> None:
    """A deal's condition is shown to both parties, so it may read only public tracks."""
    if tree is None:
        return
    visibility = {t.own_id: t.data.get("visibility", PUBLIC) for t in c.entries["track"]}
    for name in sorted(ex.names_in(tree)):
        if visibility.get(name, PUBLIC) != PUBLIC or name.startswith("budget."):
            c.report(e, "when", f"reads {name!r}, which not both seats of the deal can see (both are shown this)")


def _check_deal(c: _Checker, e: Entry, seats, actions) -> None:
    sides = sub_entries(e, "side")
    if len(sides) != 2:
        c.report(e, "side", f"a deal has two sides ([[deal.side]] twice), found {len(sides)}")
    for side in sides:
        seat = side.data["seat"]
        if seat not in seats:
            c.report(side, "seat", f"unknown seat {seat!r}{did_you_mean(seat, seats)}")
            continue
        for action_id in side.data.get("actions", []):
            action = actions.get(action_id)
            if action is None:
                c.report(side, "actions", f"unknown action {action_id!r}{did_you_mean(action_id, actions)}")
            elif action.data["seat"] != seat:
                c.report(side, "actions", f"{action_id!r} is the {action.data['seat']}'s action, not the {seat}'s")
        if not side.data.get("actions") and not side.data.get("effects") and not side.data.get("cost"):
            c.report(side, "effects", "this side gives nothing: add effects, actions or a cost")
    if len(sides) == 2 and sides[0].data["seat"] == sides[1].data["seat"]:
        c.report(sides[1], "seat", "both sides are the same seat; a deal is between two seats")


def _check_references(c: _Checker, tracks, seats, actions, events) -> None:
    scenario_ids = {e.own_id for e in c.entries["scenario"]}
    known = {"action": actions, "event": events, "rule": {e.own_id: e for e in c.entries["rule"]}}

    def seat_ref(e: Entry, field: str, allow_all: bool = False):
        value = e.data.get(field)
        if value is None or (allow_all and value == ALL) or value in seats:
            return
        choices = ([ALL] if allow_all else []) + list(seats)
        c.report(e, field, f"unknown seat {value!r}{did_you_mean(value, choices)}")

    for e in c.entries["deal"]:
        _check_deal(c, e, seats, actions)
    for kind in ("action", "event", "deal", "rule", "ending"):
        for e in c.entries[kind]:
            for sc in e.data.get("scenarios", []):
                if sc not in scenario_ids:
                    c.report(e, "scenarios", f"unknown scenario {sc!r}{did_you_mean(sc, scenario_ids)}")
    for e in c.entries["action"]:
        seat_ref(e, "seat")
    for e in c.entries["rule"]:
        seat_ref(e, "visible_to", allow_all=True)
    for e in c.entries["event"]:
        seat_ref(e, "visible_to", allow_all=True)
        seat_ref(e, "choice_seat")
        has_options = bool(e.data.get("option"))
        if has_options and "choice_seat" not in e.data:
            c.report(e, "choice_seat", "missing: options need the seat that chooses")
        if "choice_seat" in e.data and not has_options:
            c.report(e, "option", "missing: a choice needs at least one [[event.option]]")
        _unique_subs(c, e, "option")
        triggered = any(k in e.data for k in ("quarters", "when", "chance"))
        if not triggered and e.own_id not in c.queued:
            c.report(e, "id", "unreachable: no quarters, when or chance, and no effect queues it")
    for e in c.entries["seat"]:
        _unique_subs(c, e, "objective")
    for sc in c.entries["scenario"]:
        d = sc.data
        if not 1 <= d["quarters"] <= MAX_QUARTERS:
            c.report(sc, "quarters", f"{d['quarters']}: a scenario lasts 1 to {MAX_QUARTERS} quarters")
        listed: set[str] = set()
        for s in d["seats"]:
            if s in listed:
                c.report(sc, "seats", f"{s!r} is listed twice (it would order twice a quarter)")
            listed.add(s)
            if s not in seats:
                c.report(sc, "seats", f"unknown seat {s!r}{did_you_mean(s, seats)}")
            elif not any(_in_scenario(a, sc) and a.data["seat"] == s for a in c.entries["action"]) and not any(
                a not in c.entries["action"] and a.data.get("seat") == s for a in c.written["action"]
            ):  # an action with a broken field is reported as itself, not as a seat with none
                c.report(sc, "seats", f"seat {s!r} has no action in this scenario: it could never do anything")
        for x in d.get("exclude", []):
            if not any(x in k for k in known.values()):
                every = [i for k in known.values() for i in k]
                c.report(sc, "exclude", f"unknown action, event or rule {x!r}{did_you_mean(x, every)}")
        for tid, value in d.get("start", {}).items():
            _check_start(c, sc, tid, value, tracks)
        timeouts = [
            e
            for e in c.entries["ending"]
            if "when" not in e.data and (not e.data.get("scenarios") or sc.own_id in e.data["scenarios"])
        ]
        if len(timeouts) != 1:
            c.report(sc, "id", f"needs exactly one ending without `when` (time ran out); found {len(timeouts)}")


def _in_scenario(e: Entry, sc: Entry) -> bool:
    """Whether entry `e` is part of scenario `sc` (listed in, or for every scenario, and not excluded)."""
    scenarios = e.data.get("scenarios")
    return (not scenarios or sc.own_id in scenarios) and e.own_id not in sc.data.get("exclude", [])


def _check_quarters(c: _Checker) -> None:
    """An event's quarters and an effect's `after N` must fall within a scenario it is part of."""
    lengths = {sc.own_id: sc.data["quarters"] for sc in c.entries["scenario"]}

    def longest(e: Entry) -> int:
        ids = e.data.get("scenarios") or list(lengths)
        return max((lengths[i] for i in ids if i in lengths), default=0)

    for e in c.entries["event"]:
        last = longest(e)
        quarters = e.data.get("quarters", [])
        for q in quarters if isinstance(quarters, list) else [quarters]:
            if q < 1:
                c.report(e, "quarters", f"{q}: quarters are counted from 1")
            elif last and q > last:
                c.warn(e, "quarters", f"{q} never comes: the longest scenario it is part of has {last} quarters")
    for (file, path, field, i), tree in c.trees.items():
        if isinstance(tree, ex.Delayed):
            entry = next(e for kind in c.entries.values() for e in kind if e.file.name == file and e.path == path[:2])
            last = longest(entry)
            if last and tree.quarters >= last:
                sub = next(
                    (s for s in [entry, *_subs_of(entry)] if s.path == path),
                    entry,
                )
                where = field if i is None else f"{field}[{i + 1}]"
                c.warn(
                    sub,
                    where,
                    f"'after {tree.quarters}' never comes: the longest scenario it is part of has {last} quarters",
                )


def _subs_of(e: Entry) -> list[Entry]:
    return [s for sub in ("option", "objective") for s in sub_entries(e, sub)]


def _check_start(c: _Checker, sc: Entry, tid: str, value, tracks: dict[str, Entry]) -> None:
    field = f"start.{tid}"
    if tid not in tracks:
        c.report(sc, field, f"unknown track {tid!r}{did_you_mean(tid, tracks)}")
        return
    t = tracks[tid].data
    if t.get("kind", "number") == "state":
        if value not in t.get("states", []):
            c.report(sc, field, f"{value!r} is not one of {', '.join(t.get('states', []))}")
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        c.report(sc, field, f"expected a number, got {value!r}")
    elif not t.get("min", 0) <= value <= t.get("max", 100):
        c.report(sc, field, f"{value} is outside {t.get('min', 0)}..{t.get('max', 100)}")


def _unique_subs(c: _Checker, e: Entry, sub: str) -> None:
    ids = set()
    for s in sub_entries(e, sub):
        if s.own_id in ids:
            c.report(s, "id", f"duplicate {sub} id")
        ids.add(s.own_id)
