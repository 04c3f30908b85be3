"""The quiet quarter's source: a scenario written out as Python functions (see `quiet.py`).

One function per action and per option, the news (with and without chains falling due),
the non-player rules (tallied, and untallied on to the next quarter's news), the endings'
effects, each seat's objective points and menu, and, for the narrowed version, the test of
whether a state fits. Expressions and effects come from `pysource.py`, from checked trees
only.
"""

from __future__ import annotations

from . import pysource
from .effects import rules_symbols
from .expr import Num
from .model import Rules
from .ranges import Slots

LOCAL = "t{}"  # a slot as a local variable, in the functions that unpack the slots first


class ModuleWriter:
    """Writes the module: one function per action and per option, and one each for the news,
    the non-player rules and the endings, all in content order."""

    def __init__(self, rules: Rules, slots: Slots | None):
        self.rules = rules
        self.slots = slots
        self.symbols = rules_symbols(rules)[0]
        self.lines: list[str] = []

    def expr(self, fn, slots: str = "v[{}]") -> str:
        return pysource.callable_source(fn, self.symbols, slots)

    def chance(self, fn, slots: str = "v[{}]") -> str:
        """A roll at the odds `fn` gives. Odds written as a number strictly between 0 and 1
        roll inline; anything else goes through `_chance`, which clamps it and draws nothing
        when the outcome is certain."""
        tree = fn.tree
        if isinstance(tree, Num) and not isinstance(tree.value, bool) and 0 < tree.value < 1:
            return f"(S.rng.random() < {float(tree.value)!r})"
        return f"_chance(S, {self.expr(fn, slots)})"

    def effects(self, block, indent: str, slots: str = "v[{}]") -> None:
        self.lines += pysource.effects(block, self.symbols, indent, slots, self.slots)

    def module(self) -> str:
        rules = self.rules
        n = len(rules.tracks)
        seat_index = {s.id: i for i, s in enumerate(rules.seats)}
        for i, action in enumerate(rules.actions):
            self.action(i, action, n + seat_index[action.seat])
        for i, event in enumerate(rules.events):
            for j, option in enumerate(event.options):
                self.lines.append(f"def option_{i}_{j}(v, S):")
                self.effects(option.effects, "    ")
        self.news("news", chained=False)
        self.news("news_chained", chained=True)
        self.rules_phase("rules_and_news", tallied=False)
        self.rules_phase("rules_phase_tallied", tallied=True)
        self.endings()
        self.points()
        self.menus()
        if self.slots is not None:
            self.fits()
        return "\n".join(self.lines) + "\n"

    def action(self, i: int, action, budget_slot: int) -> None:
        add = self.lines.append
        add(f"def action_{i}(v, S, seen, forced):")
        add(f"    v[{budget_slot}] -= {action.cost!r}")
        if action.once:
            add(f"    S.used.append({action.id!r})")
        # The odds read `seen`; a forced outcome still draws its roll, as in play_quarter.
        add(f"    ok = {'True' if action.odds is None else self.chance(action.odds, 'seen[{}]')}")
        add("    if forced:")
        add(f"        ok = forced.get({action.id!r}, ok)")
        add("    if ok:")
        self.effects(action.effects, "        ")
        if action.fail_effects:
            add("    else:")
            self.effects(action.fail_effects, "        ")

    def news(self, name: str, chained: bool) -> None:
        """Two versions: one for a quarter some chain falls due in (`due`), and one, much
        the commoner, for a quarter none does, which skips those tests."""
        add = self.lines.append
        add(f"def {name}(v, S, q, {'due, ' if chained else ''}already):")
        add(self.unpack())
        self.news_events(chained)
        self.write_back(e for event in self.rules.events for e in event.effects)
        add("    return fired")

    def news_events(self, chained: bool) -> None:
        """The news phase on the locals, in content order, into the list `fired`."""
        add = self.lines.append
        add("    fired = []")
        for event in self.rules.events:
            tests = []
            if not event.chained_only:
                if event.quarters:
                    quarters = tuple(event.quarters)  # one quarter, the commonest, as a plain comparison
                    tests.append(f"q == {quarters[0]!r}" if len(quarters) == 1 else f"q in {quarters!r}")
                if event.once:
                    tests.append(f"{event.id!r} not in already")
                if event.when is not None:
                    tests.append(self.expr(event.when, LOCAL))
                if event.chance is not None:
                    tests.append(self.chance(event.chance, LOCAL))  # last: it draws
            elif not chained:
                continue  # fires only when a chain brings it up
            calendar = " and ".join(tests) or "True"
            if chained:
                calendar = f"{event.id!r} in due" + ("" if event.chained_only else f" or ({calendar})")
            add(f"    if {calendar}:")
            self.effects(event.effects, "        ", LOCAL)
            add(f"        fired.append({event.id!r})")

    def unpack(self) -> str:
        """The first line of a function that works on locals: every slot read once.

        A phase reads and writes dozens of slots; a local costs less than an item of a list
        each time. `write_back` ends the function by storing the ones it may have changed."""
        count = len(self.rules.tracks) + len(self.rules.seats) + 2
        return f"    {', '.join(LOCAL.format(i) for i in range(count))}, = v"

    def write_back(self, effects) -> None:
        for i in sorted({e.target for e in effects if e.kind == "set"}):
            self.lines.append(f"    v[{i}] = {LOCAL.format(i)}")

    def rules_phase(self, name: str, tallied: bool) -> None:
        """Two versions: with the tally, and without it and on to the next quarter's news.

        Each ends the quarter too, on the locals the rules leave: it returns the ending
        reached, or "" after the budgets refill for the next quarter (three calls and as many
        passes over the slots fewer than separate functions would take). The untallied one,
        a lookahead's, then draws the next quarter's news on the same locals, unless a chain
        falls due in it (rare, and left to `news_chained`: it returns None)."""
        add = self.lines.append
        add(f"def {name}(v, S, q{', tally' if tallied else ''}):")
        add(self.unpack())
        local = LOCAL
        for rule in self.rules.rules:
            tests = [f"{rule.id!r} not in S.fired"] if rule.once else []
            when = self.expr(rule.when, local)
            if when != "True":
                tests.append(when)
            if rule.chance is not None:
                tests.append(self.chance(rule.chance, local))
            indent = "        " if tests else "    "
            if tests:
                add(f"    if {' and '.join(tests)}:")
            if rule.once:
                add(f"{indent}S.fired.append({rule.id!r})")
            self.effects(rule.effects, indent, local)
            if tallied:
                add(f"{indent}tally.append(('rule', {rule.id!r}))")
        # The endings, in content order, then time running out; if none, the refill.
        word = "if"
        for end in self.rules.endings:
            if end.when is not None:
                add(f"    {word} {self.expr(end.when, local)}:")
                add(f"        end = {end.id!r}")
                word = "elif"
        add(f"    {word} q >= {self.rules.quarters!r}:")
        add(f"        end = {next(e.id for e in self.rules.endings if e.when is None)!r}")
        add("    else:")
        add("        end = ''")
        n = len(self.rules.tracks)
        budgets = []
        for i, seat in enumerate(self.rules.seats):
            cap, slot = seat.budget_max, local.format(n + i)
            budgets.append(n + i)
            # min(cap, x) as a comparison, which keeps the same object on a tie
            add(f"        x = {slot} + {seat.budget_per_quarter!r}")
            add(f"        {slot} = x if x < {cap!r} else {cap!r}")
        targets = {e.target for rule in self.rules.rules for e in rule.effects if e.kind == "set"} | set(budgets)
        if tallied:
            for i in sorted(targets):
                add(f"    v[{i}] = {local.format(i)}")
            add("    return end")
            return
        add("    if end or (S.queued and min(S.queued)[0] <= q + 1):")
        for i in sorted(targets):
            add(f"        v[{i}] = {local.format(i)}")
        add("        return end or None")
        quarter = len(self.rules.tracks) + len(self.rules.seats)
        add(f"    S.quarter = q = {local.format(quarter)} = q + 1")
        add("    already = set(S.fired)")
        self.news_events(chained=False)
        news = {e.target for event in self.rules.events for e in event.effects if e.kind == "set"}
        for i in sorted(targets | news | {quarter}):
            add(f"    v[{i}] = {local.format(i)}")
        add("    S.fired.extend(fired)")
        add("    S.news = tuple(fired)")
        add("    return ''")

    def points(self) -> None:
        """Each seat's objective points, clamped as `scoring.objective_points` does."""
        add = self.lines.append
        for i, seat in enumerate(self.rules.seats):
            add(f"def points_{i}(v):")
            # max(0.0, min(top, x)) as comparisons: the same float picked, two calls fewer
            for j, objective in enumerate(seat.objectives):
                top = float(objective.max)
                add(f"    p{j} = float({self.expr(objective.points)})")
                add(f"    p{j} = p{j} if p{j} < {top!r} else {top!r}")
            parts = [f"p{j} if p{j} > 0.0 else 0.0" for j in range(len(seat.objectives))]
            add(f"    return ({', '.join(parts)}{',' if len(parts) == 1 else ''})")

    def menus(self) -> None:
        """Each seat's menu, the actions the orders screen offers (`options.action_choices`:
        not used up, requirement met, affordable), as (id, cost) pairs in content order, for
        the bots. `v` is the seat's view: requirements read only what it sees (the loader
        checks)."""
        add = self.lines.append
        for i, seat in enumerate(self.rules.seats):
            add(f"def menu_{i}(v, used, budget):")
            add("    menu = []")
            for action in self.rules.actions_of(seat.id):
                tests = [f"{action.id!r} not in used"] if action.once else []
                if action.requires is not None:
                    tests.append(self.expr(action.requires))
                tests.append(f"{action.cost!r} <= budget")
                add(f"    if {' and '.join(tests)}:")
                add(f"        menu.append(({action.id!r}, {action.cost!r}))")
            add("    return menu")

    def fits(self) -> None:
        """Whether a state's values are what the narrowed code assumes (see `Slots`)."""
        add = self.lines.append
        add("def fits(v):")
        add(self.unpack())
        tests = [self.slots.test(LOCAL.format(i), i) for i in sorted(self.slots.ranges)]
        add(f"    return {' and '.join(tests)}")

    def endings(self) -> None:
        """What each ending locks in (which ending is reached, `rules_phase` works out)."""
        add = self.lines.append
        for i, end in enumerate(self.rules.endings):
            if end.effects:  # what the ending locks in, applied once as the game ends
                add(f"def end_{i}(v, S):")
                self.effects(end.effects, "    ")
