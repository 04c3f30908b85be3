"""Checked entries to one scenario's `Rules`: expressions become closures over value slots."""

from __future__ import annotations

from ..core import expr as ex
from ..core.effects import compile_effect, symbol_table
from ..core.expr.closures import compile_expression, constant
from ..core.model import (
    ALL,
    PUBLIC,
    Action,
    Deal,
    Effect,
    Ending,
    Event,
    Objective,
    Option,
    Rule,
    Rules,
    Seat,
    Terms,
    Track,
    fixed_condition,
    fixed_odds,
)
from .citations import date_text, source_of
from .schema import Entry, sub_entries
from .sources import ContentError


class Compiled:
    """What the scenarios of one content folder share as they compile, one after another.

    They mostly share their tracks and seats, and then an entry compiles to the same
    closures in each (pure functions of the slots, safe to share)."""

    def __init__(self):
        # A token per symbol table, known by what it is made of (start values aside): the
        # closures are filed under the token, as hashing the table on every lookup costs
        # more than the compiling it saves.
        self.tables: dict[tuple, object] = {}
        self.closures: dict[tuple, object] = {}  # (token, file, entry path, field[, i]) -> closure or Effect
        self.names: dict[tuple, set[str]] = {}  # (file, entry path, field) -> the names its tree uses


class _Scenario:
    def __init__(
        self, sc: Entry, good: dict[str, list[Entry]], trees: dict, tracks: tuple[Track, ...], compiled: Compiled
    ):
        self.sc = sc
        self.trees = trees
        self.seat_ids = list(sc.data["seats"])
        self.exclude = set(sc.data.get("exclude", []))
        self.effects_by_key: dict[str, Effect] = {}
        self.problems = []
        budgets = {e.own_id: e.data["budget_max"] for e in good["seat"]}
        seat_budgets = [(s, budgets[s]) for s in self.seat_ids]
        self.symbols, self.bounds = symbol_table(tracks, seat_budgets)
        made_of = (tuple((t.id, t.kind, t.min, t.max, t.precision, t.states) for t in tracks), tuple(seat_budgets))
        self.table = compiled.tables.setdefault(made_of, object())
        self.closures = compiled.closures
        self.names = compiled.names

    def included(self, e: Entry) -> bool:
        only = e.data.get("scenarios")
        return e.own_id not in self.exclude and (not only or self.sc.own_id in only)

    def tree(self, e: Entry, field: str, i=None):
        return self.trees[(e.file.name, e.path, field, i)]

    def _missing(self, e: Entry, field: str, tree) -> bool:
        key = (e.file.name, e.path, field)  # what a tree names is the same in every scenario
        names = self.names.get(key)
        if names is None:
            names = self.names[key] = ex.names_in(tree)
        missing = names - self.symbols.keys()
        if missing:
            self.problems.append(
                e.problem(field, f"uses {', '.join(sorted(missing))}, not in scenario {self.sc.own_id}")
            )
        return bool(missing)

    def value(self, e: Entry, field: str):
        """A compiled condition or number; None when the field is absent."""
        if field not in e.data:
            return None
        raw = e.data[field]
        if not isinstance(raw, str):
            return constant(raw)
        tree = self.tree(e, field)
        if self._missing(e, field, tree):
            return constant(0)  # reported as a problem: these rules are never played
        key = (self.table, e.file.name, e.path, field)
        fn = self.closures.get(key)
        if fn is None:
            fn = self.closures[key] = compile_expression(tree, self.symbols)
        return fn

    def effects(self, e: Entry, field: str, key_prefix: str) -> tuple[Effect, ...]:
        out = []
        for i, text in enumerate(e.data.get(field, [])):
            tree = self.tree(e, field, i)
            if self._missing(e, f"{field}[{i + 1}]", tree):
                continue
            key = (self.table, e.file.name, e.path, field, i)
            effect = self.closures.get(key)
            if effect is None:
                effect = self.closures[key] = compile_effect(
                    tree, f"{key_prefix}:{field}:{i}", text, self.symbols, self.bounds, self.effects_by_key
                )
            elif effect.kind == "delay":  # filed for this scenario's quarters, as compile_effect does
                self.effects_by_key[effect.key] = effect.inner
            out.append(effect)
        return tuple(out)


def compile_scenario(sc: Entry, good: dict[str, list[Entry]], trees: dict, compiled: Compiled | None = None) -> Rules:
    """One scenario's `Rules`; `compiled` carries compiled entries from one scenario to the next."""
    start = sc.data.get("start", {})
    tracks = tuple(
        Track(
            id=e.own_id,
            name=e.data["name"],
            kind=e.data.get("kind", "number"),
            start=start.get(e.own_id, e.data["start"]),
            unit=e.data.get("unit", ""),
            min=e.data.get("min", 0),
            max=e.data.get("max", 100),
            precision=e.data.get("precision", 0),
            states=tuple(e.data.get("states", ())),
            visibility=e.data.get("visibility", PUBLIC),
            text=e.data.get("text", ""),
            main=e.data.get("main", False),
        )
        for e in good["track"]
    )
    s = _Scenario(sc, good, trees, tracks, Compiled() if compiled is None else compiled)
    seat_entries = {e.own_id: e for e in good["seat"]}
    seats = []
    for sid in s.seat_ids:
        e = seat_entries[sid]
        d = e.data
        objectives = tuple(
            Objective(o.own_id, o.data["text"], s.value(o, "points"), o.data["max"], o.data["points"])
            for o in sub_entries(e, "objective")
        )
        seats.append(
            Seat(
                sid,
                d["name"],
                d["role"],
                d["briefing"],
                d["private"],
                d["budget_name"],
                d["budget_per_quarter"],
                d["budget_max"],
                d["budget_start"],
                objectives,
            )
        )
    actions = tuple(
        Action(
            id=e.own_id,
            seat=e.data["seat"],
            name=e.data["name"],
            text=e.data["text"],
            cost=e.data["cost"],
            requires=s.value(e, "requires"),
            requires_text=e.data.get("requires", ""),
            odds=fixed_odds(s.value(e, "odds")),
            odds_text=str(e.data.get("odds", "")),
            effects=s.effects(e, "effects", f"action:{e.own_id}"),
            fail_effects=s.effects(e, "fail_effects", f"action:{e.own_id}"),
            public=e.data.get("public", True),
            once=e.data.get("once", False),
            source=source_of(e.data),
            happened=e.data.get("happened", ""),
            fail_text=e.data.get("fail_text", ""),
            as_of=date_text(e.data.get("as_of")) or "",
        )
        for e in good["action"]
        if s.included(e) and e.data["seat"] in s.seat_ids
    )
    events = tuple(_event(s, e) for e in good["event"] if s.included(e))
    rules = tuple(
        Rule(
            id=e.own_id,
            name=e.data["name"],
            text=e.data.get("text", ""),
            when=fixed_condition(s.value(e, "when")),
            when_text=e.data["when"],
            chance=fixed_odds(s.value(e, "chance")),
            effects=s.effects(e, "effects", f"rule:{e.own_id}"),
            once=e.data.get("once", False),
            visible_to=e.data.get("visible_to", ALL),
            source=source_of(e.data),
        )
        for e in good["rule"]
        if s.included(e)
    )
    endings = tuple(
        Ending(
            e.own_id,
            e.data["title"],
            e.data["text"],
            s.value(e, "when"),
            e.data.get("when", ""),
            e.data.get("happened", ""),
            source_of(e.data),
            s.effects(e, "effects", f"ending:{e.own_id}"),
            date_text(e.data.get("as_of")) or "",
        )
        for e in good["ending"]
        if s.included(e)
    )
    action_ids = {a.id for a in actions}
    deals = tuple(_deal(s, e) for e in good["deal"] if s.included(e) and _deal_fits(s, e, action_ids))
    event_ids = {ev.id for ev in events}
    sides = [side for e in good["deal"] if s.included(e) for side in sub_entries(e, "side")]
    for e in good["event"] + good["action"] + good["rule"] + sides:
        if not s.included(e):
            continue
        for key in ("effects", "fail_effects"):
            for i, _ in enumerate(e.data.get(key, [])):
                for name in ex.queued_events(s.tree(e, key, i)):
                    if name not in event_ids:
                        s.problems.append(
                            e.problem(f"{key}[{i + 1}]", f"queues {name!r}, which scenario {sc.own_id} leaves out")
                        )
    if s.problems:
        raise ContentError(s.problems)
    d = sc.data
    return Rules(
        scenario=sc.own_id,
        name=d["name"],
        intro=d["intro"],
        quarters=d["quarters"],
        first_quarter=d.get("first_quarter", ""),
        tracks=tracks,
        seats=tuple(seats),
        actions=actions,
        events=events,
        rules=rules,
        endings=endings,
        effects_by_key=s.effects_by_key,
        questions=tuple(d.get("questions", ())),
        source=source_of(d),
        as_of=date_text(d.get("as_of")) or "",
        deals=deals,
    )


def _deal_fits(s: _Scenario, e: Entry, action_ids: set[str]) -> bool:
    """A deal is in a scenario that has both its seats and every action it binds them to."""
    sides = sub_entries(e, "side")
    return all(
        side.data["seat"] in s.seat_ids and all(a in action_ids for a in side.data.get("actions", [])) for side in sides
    )


def _deal(s: _Scenario, e: Entry) -> Deal:
    d = e.data
    sides = tuple(
        Terms(
            seat=side.data["seat"],
            text=side.data["text"],
            cost=side.data.get("cost", 0),
            actions=tuple(side.data.get("actions", ())),
            effects=s.effects(side, "effects", f"deal:{e.own_id}:{side.own_id}"),
        )
        for side in sub_entries(e, "side")
    )
    return Deal(
        id=e.own_id,
        name=d["name"],
        text=d["text"],
        sides=(sides[0], sides[1]),
        when=fixed_condition(s.value(e, "when")) if "when" in d else None,
        when_text=d.get("when", ""),
        public=d.get("public", False),
        source=source_of(d),
        happened=d.get("happened", ""),
        as_of=date_text(d.get("as_of")) or "",
    )


def _event(s: _Scenario, e: Entry) -> Event:
    d = e.data
    quarters = d.get("quarters", [])
    quarters = tuple(quarters if isinstance(quarters, list) else [quarters])
    options = tuple(
        Option(
            o.own_id, o.data["label"], o.data.get("text", ""), s.effects(o, "effects", f"option:{e.own_id}:{o.own_id}")
        )
        for o in sub_entries(e, "option")
    )
    return Event(
        id=e.own_id,
        title=d["title"],
        text=d["text"],
        quarters=quarters,
        when=s.value(e, "when"),
        when_text=d.get("when", ""),
        chance=fixed_odds(s.value(e, "chance")),
        chance_text=str(d.get("chance", "")),
        once=d.get("once", True),
        effects=s.effects(e, "effects", f"event:{e.own_id}"),
        visible_to=d.get("visible_to", ALL),
        choice_seat=d.get("choice_seat", ""),
        options=options,
        source=source_of(d),
        happened=d.get("happened", ""),
        as_of=date_text(d.get("as_of")) or "",
        chained_only=not any(k in d for k in ("quarters", "when", "chance")),
        leaks=d.get("leaks", False),
    )
