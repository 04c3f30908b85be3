"""Content that plays, but likely not as meant: conditions no value can meet, and events
that queue one another in a circle. Warnings, not problems: `validate` lists them and exits 0.

A condition is read over the values its names can take (interval reasoning): each number
track its min..max, a budget 0..its most, the quarter 1..the longest scenario, a state track
the states a scenario starts in or an effect sets. `a and b` narrows a name's values by each
plain comparison (`tension > 80 and tension < 20` is empty), arithmetic works on the
intervals, and whatever is not understood may hold, so a warning is never wrong, only
sometimes missing.
"""

from __future__ import annotations

import math

import attrs

from ..core import expr as ex
from .schema import Entry, sub_entries

NEVER_TRUE = "can never be true: no value its tracks can take meets it"
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", ">=": "<", ">": "<=", "<=": ">", "==": "!=", "!=": "=="}
_INF = math.inf


@attrs.frozen
class Span:
    """The values a number may take: lo..hi, each end left out when open."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    @property
    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def narrowed(self, op: str, x: float) -> Span:
        """These values that also meet `value op x`."""
        if op in ("<", "<="):
            if x < self.hi or (x == self.hi and op == "<"):
                return Span(self.lo, x, self.lo_open, op == "<")
        elif op in (">", ">="):
            if x > self.lo or (x == self.lo and op == ">"):
                return Span(x, self.hi, op == ">", self.hi_open)
        elif op == "==":
            above = self.lo < x or (self.lo == x and not self.lo_open)
            below = x < self.hi or (x == self.hi and not self.hi_open)
            return Span(x, x) if above and below else Span(1, 0)
        elif op == "!=" and self.lo == self.hi == x:
            return Span(1, 0)
        return self

    def meets(self, op: str, other: Span) -> bool:
        """Whether some value here and some value in `other` make `here op other` true."""
        if op == "<":
            return self.lo < other.hi
        if op == "<=":
            return self.lo < other.hi or (self.lo == other.hi and not (self.lo_open or other.hi_open))
        if op in (">", ">="):
            return other.meets(_FLIP[op], self)
        if op == "==":
            return self.meets("<=", other) and other.meets("<=", self)
        return not (self.lo == self.hi == other.lo == other.hi)  # "!="


ANY = Span(-_INF, _INF)


@attrs.define
class Domain:
    """What each name may be: number names a Span, state names a set of states."""

    numbers: dict[str, Span]
    states: dict[str, frozenset[str]]

    def copy(self) -> Domain:
        return Domain(dict(self.numbers), dict(self.states))


def may_hold(node, domain: Domain, negated: bool = False) -> bool:
    """False only when `node` (or `not node`) is surely never true over `domain`."""
    if isinstance(node, ex.Bool):
        return node.value != negated
    if isinstance(node, ex.Unary) and node.op == "not":
        return may_hold(node.operand, domain, not negated)
    if not isinstance(node, ex.Binary):
        return True
    op = node.op
    if op in ("and", "or"):
        both = (op == "and") != negated  # not (a or b) is (not a) and (not b)
        if not both:
            return may_hold(node.left, domain, negated) or may_hold(node.right, domain, negated)
        parts = _conjuncts(node, op)
        narrowed = domain.copy()
        for part in parts:
            if not _narrow(part, narrowed, negated):
                return False
        return all(may_hold(p, narrowed, negated) for p in parts)
    if op not in _NEGATE:
        return True
    if negated:
        op = _NEGATE[op]
    left, right = node.left, node.right
    if isinstance(right, ex.Name) and right.name in domain.states:
        left, right, op = right, left, _FLIP[op]
    if isinstance(left, ex.Name) and left.name in domain.states:
        if not isinstance(right, ex.Str):
            return True
        states = domain.states[left.name]
        return right.value in states if op == "==" else bool(states - {right.value})
    a, b = span_of(left, domain), span_of(right, domain)
    return a.meets(op, b)


def _conjuncts(node, op: str) -> list:
    """`a and (b and c)` as [a, b, c] (or `or`, under `not`); iterative: deep trees are allowed."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ex.Binary) and n.op == op:
            stack += [n.right, n.left]
        else:
            out.append(n)
    return out


def _narrow(node, domain: Domain, negated: bool) -> bool:
    """Narrow `domain` by `node` when it is a plain comparison of a name with a constant;
    False when that leaves the name no value."""
    if not isinstance(node, ex.Binary) or node.op not in _NEGATE:
        return True
    op = _NEGATE[node.op] if negated else node.op
    left, right = node.left, node.right
    if not isinstance(left, ex.Name):
        left, right, op = right, left, _FLIP[op]
    if not isinstance(left, ex.Name):
        return True
    name = left.name
    if isinstance(right, ex.Str) and name in domain.states:
        states = domain.states[name]
        domain.states[name] = states & {right.value} if op == "==" else states - {right.value}
        return bool(domain.states[name])
    if isinstance(right, ex.Num) and name in domain.numbers:
        domain.numbers[name] = domain.numbers[name].narrowed(op, right.value)
        return not domain.numbers[name].empty
    return True


def span_of(node, domain: Domain) -> Span:
    """The values a number expression may take over `domain` (closed ends; ANY when unknown)."""
    if isinstance(node, ex.Num):
        return Span(node.value, node.value)
    if isinstance(node, ex.Name):
        s = domain.numbers.get(node.name, ANY)
        return Span(s.lo, s.hi)
    if isinstance(node, ex.Unary) and node.op == "-":
        s = span_of(node.operand, domain)
        return Span(-s.hi, -s.lo)
    if isinstance(node, ex.Binary) and node.op in "+-*/":
        a, b = span_of(node.left, domain), span_of(node.right, domain)
        if node.op == "+":
            return Span(a.lo + b.lo, a.hi + b.hi)
        if node.op == "-":
            return Span(a.lo - b.hi, a.hi - b.lo)
        if node.op == "/":
            if b.lo <= 0 <= b.hi:
                return ANY  # a divisor that may be 0 (the game then gives 0) or near it
            b = Span(1 / b.hi, 1 / b.lo)
        ends = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        if any(math.isnan(x) for x in ends):  # 0 * inf: nothing is known
            return ANY
        return Span(min(ends), max(ends))
    if isinstance(node, ex.Call):
        return _span_of_call(node, domain)
    return ANY


def _span_of_call(node: ex.Call, domain: Domain) -> Span:
    args = [span_of(a, domain) for a in node.args[1:]] if node.func == "if" else [span_of(a, domain) for a in node.args]
    if node.func == "min":
        return Span(min(a.lo for a in args), min(a.hi for a in args))
    if node.func == "max":
        return Span(max(a.lo for a in args), max(a.hi for a in args))
    if node.func == "abs":
        (a,) = args
        lo = 0 if a.lo <= 0 <= a.hi else min(abs(a.lo), abs(a.hi))
        return Span(lo, max(abs(a.lo), abs(a.hi)))
    if node.func == "clamp":
        x, lo, hi = args
        return Span(max(lo.lo, min(hi.lo, x.lo)), max(lo.hi, min(hi.hi, x.hi)))
    if node.func == "if":
        return Span(min(a.lo for a in args), max(a.hi for a in args))
    return ANY


def domain_of(c, tracks: dict[str, Entry], seats: dict[str, Entry]) -> Domain:
    """What each name may be in any scenario of the content (see the module's docstring)."""
    numbers: dict[str, Span] = {}
    states: dict[str, set[str]] = {}
    declared: dict[str, frozenset[str]] = {}
    for tid, e in tracks.items():
        if e.data.get("kind", "number") == "state":
            states[tid] = {e.data["start"]}
            declared[tid] = frozenset(e.data.get("states", []))
        else:
            numbers[tid] = Span(e.data.get("min", 0), e.data.get("max", 100))
    for sid, e in seats.items():
        numbers[f"budget.{sid}"] = Span(0, e.data["budget_max"])
    numbers["quarter"] = Span(1, max((sc.data["quarters"] for sc in c.entries["scenario"]), default=1))
    for sc in c.entries["scenario"]:
        for tid, value in sc.data.get("start", {}).items():
            if tid in states:
                states[tid].add(value)
    for tree in c.trees.values():
        effect = tree.effect if isinstance(tree, ex.Delayed) else tree
        if isinstance(effect, ex.Assign) and effect.target in states:
            if isinstance(effect.value, ex.Str):
                states[effect.target].add(effect.value.value)
            else:  # set from another name: any of its states
                states[effect.target] |= declared[effect.target]
    return Domain(numbers, {t: frozenset(s) for t, s in states.items()})


def warn_never_true(c, tracks: dict[str, Entry], seats: dict[str, Entry]) -> None:
    """Every condition (an ending's, event's, rule's or deal's `when`, an action's `requires`)
    that no value of its names can meet."""
    domain = domain_of(c, tracks, seats)
    for kind, field in (
        ("ending", "when"),
        ("event", "when"),
        ("rule", "when"),
        ("deal", "when"),
        ("action", "requires"),
    ):
        for e in c.entries[kind]:
            tree = c.trees.get((e.file.name, e.path, field, None))
            if tree is not None and not may_hold(tree, domain):
                c.warn(e, field, NEVER_TRUE)


def warn_endless_chains(c) -> None:
    """Events that queue one another in a circle. A queued event comes up whatever its
    `once`, `when` and `chance` say (core/turn.py: draw_news), so once one of them fires the
    circle goes round to the end of the game; only a leak event with nothing to leak, or a
    choice not to take the option that queues, stops it."""
    by_place = {(e.file.name, e.path): e for e in c.entries["event"]}
    queues: dict[str, dict[str, str]] = {e.own_id: {} for e in c.entries["event"]}  # event -> {next: how}
    for (file, path, _field, _i), tree in c.trees.items():
        owner = by_place.get((file, path[:2]))
        if owner is None:
            continue
        option = next((o.own_id for o in sub_entries(owner, "option") if o.path == path), "")
        for nxt in ex.queued_events(tree):
            how = queues[owner.own_id].get(nxt)
            queues[owner.own_id][nxt] = "" if how == "" or not option else f"{owner.own_id}.{option}"
    reported: set[str] = set()
    events = {e.own_id: e for e in c.entries["event"]}
    leaks = {i for i, e in events.items() if e.data.get("leaks")}
    for start in queues:
        path = circle_from(start, queues)
        if not path or set(path) & reported:
            continue
        reported |= set(path)
        circle = " -> ".join([*path, start])
        links = [*zip(path, [*path[1:], start])]
        choices = [queues[a][b] for a, b in links if queues[a][b]]
        if len(choices) > 1:
            until = f"whenever the options {', '.join(choices)} are chosen"
        elif choices:
            until = f"whenever the option {choices[0]} is chosen"
        elif set(path) & leaks:
            until = "while there is a secret to leak"
        else:
            until = "to the end of the game, whatever `once`, `when` or `chance` say"
        c.warn(
            events[start], "effects", f"queues itself again ({circle}): once one fires, the circle goes round {until}"
        )


def circle_from(start: str, queues) -> list[str]:
    """The events of a circle from `start` back to it ([] when there is none), found without recursion."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        event, path = stack.pop()
        for nxt in sorted(queues.get(event, ())):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []
