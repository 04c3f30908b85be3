"""One team's seat at a table: its own view of the game, its orders, then the wait and the report.

Everything shown comes from `view(rules, state, seat)` and `visible_outcomes(.., seat)`: the
screen runs in the team's own process and never reads another seat's private state. The
quarter resolves in whichever process gives the last order (or when the facilitator forces
it); this screen learns of it by watching the table.

What the screen shows is worked out from the table as last read and from one thing the
team did: the number of resolved quarters whose report it has moved on from. A quarter
resolved beyond that is reported, whenever and however it resolved (the last order, the
facilitator forcing it while this screen opened or while the team was reading an earlier
report); then the end, the wait, or the orders, from the table's own record of who gave theirs.
"""

from __future__ import annotations

import asyncio

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...core.options import action_choices, order_cost
from ...core.state import IllegalOrder, Order
from ...core.turn import check_order
from ...core.view import view, visible_outcomes
from ..widgets.dashboard import Dashboard
from ..wording import describe_effect, odds_text, outcome_lines, quarter_title, seat_name
from .table_common import TableScreen, waiting_text

ORDERS, WAITING, REPORT, OVER = "orders", "waiting", "report", "over"


class TableSeatScreen(TableScreen):
    CSS_PATH = "table_seat.tcss"
    BINDINGS = [
        Binding("s", "give", "Give orders"),
        Binding("n", "next", "Next quarter"),
        Binding("escape", "leave", "Leave the table"),
    ]

    def __init__(self, tables, code: str, seat: str, key: str, table, game):
        super().__init__(tables, code, table, game)
        self.seat = seat
        self.key = key
        self.seen_resolved = table.resolved  # resolved quarters whose report the team has moved on from
        self.shown = None  # (mode, seen_resolved, resolved) of the panel on screen, once it is all there
        self._redraw = asyncio.Lock()  # a reading and a key press may both redraw

    @property
    def mode(self) -> str:
        """What the team should be looking at, from the table as last read."""
        table = self.table
        if table.resolved > self.seen_resolved:
            return REPORT
        if table.over:
            return OVER
        return WAITING if table.seat(self.seat).submitted else ORDERS

    def _wanted(self) -> tuple[str, int, int]:
        return self.mode, self.seen_resolved, self.table.resolved

    # -- what the seat sees ------------------------------------------------------------------

    @property
    def seat_view(self):
        return view(self.rules, self.game.state, self.seat)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="seat-bar")
        with Horizontal(id="seat-columns"):
            with VerticalScroll(id="mine", classes="panel") as mine:
                mine.border_title = "What you see"
                yield Dashboard(self.rules, [], id="seat-dashboard")
            with VerticalScroll(id="play", classes="panel"):
                pass
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.show)  # once the panels' own children are in

    async def show(self) -> None:
        """Redraw for the current mode: the dashboard, the bar, and the right-hand panel."""
        async with self._redraw:
            await self._show()

    async def _show(self) -> None:
        rules, seat = self.rules, self.seat
        wanted = mode, seen_to, resolved = self._wanted()
        seen = self.seat_view
        self.sub_title = f"{seat_name(rules, seat)} · table {self.code}"
        dashboard = self.query_one("#seat-dashboard", Dashboard)
        dashboard.history = [view(rules, state, seat).tracks for state in self.game.history]
        budget = rules.seat(seat)
        dashboard.budget_line = f"{budget.budget_name.capitalize()}: {seen.budget} (up to {budget.budget_max})"
        dashboard.refresh(layout=True)  # a new quarter can add rows
        self._show_bar()
        play = self.query_one("#play", VerticalScroll)
        await play.remove_children()
        play.border_title = {ORDERS: "Your orders", WAITING: "Orders in", REPORT: "What happened", OVER: "The end"}[
            mode
        ]
        compose = {ORDERS: self._compose_orders, WAITING: self._compose_waiting, OVER: self._compose_over}.get(mode)
        await play.mount_all(list(compose() if compose else self._compose_report(seen_to, resolved)))
        self.shown = wanted
        self.refresh_bindings()
        if mode == ORDERS:
            self.call_after_refresh(self._focus_orders)

    def _show_bar(self) -> None:
        table, rules = self.table, self.rules
        when = "Game over" if table.over else quarter_title(rules, self.game.state.quarter)
        bar = Text.assemble(
            (f"Table {self.code}", "bold"),
            f" · {when} · ",
            (waiting_text(rules, table), "italic"),
            f"\nYour seat key is {self.key}: with the code, it lets you back in.",
        )
        self.query_one("#seat-bar", Static).update(bar)

    def _compose_orders(self):
        rules, seen = self.rules, self.seat_view
        yield Static(self._news_text(seen), id="seat-news")
        for event_id in seen.choices:
            event = rules.event(event_id)
            yield Static(f"{event.title}: your choice", classes="seat-choice-label", markup=False)
            yield RadioSet(
                *(RadioButton(o.label, value=(i == 0), name=o.id) for i, o in enumerate(event.options)),
                id=f"choice-{event_id}",
                classes="seat-choice",
            )
        self.choices = {c.action.id: c for c in action_choices(rules, seen)}
        yield SelectionList[str](
            *(Selection(self._prompt(c), c.action.id, False, disabled=not c.available) for c in self.choices.values()),
            id="seat-actions",
        )
        yield Static(id="seat-detail")
        yield Static(self._budget_text([]), id="seat-budget")
        yield Button("Give orders (s)", id="give", variant="primary")

    def _compose_waiting(self):
        yield Static("Your orders are in; they are final for this quarter.", classes="screen-title")
        yield Static(waiting_text(self.rules, self.table), id="waiting", markup=False)
        yield Static("This screen moves on by itself when the quarter resolves.", classes="muted")

    def _compose_report(self, shown: int, resolved: int):
        rules, seat = self.rules, self.seat
        parts = []
        passed = self.passed
        for q in range(shown + 1, resolved + 1):
            parts.append(Text(f"Quarter {q} · {rules.quarter_label(q)}", style="bold underline"))
            if q in passed:
                parts.append(
                    Text(
                        "The facilitator resolved this quarter before your orders came in: you passed.", style="italic"
                    )
                )
            parts.append(outcome_lines(rules, visible_outcomes(self.game.log[q], seat, rules), seat))
            parts.append(Text())
        yield Static(Group(*parts), id="report")
        label = "See how it ended (n)" if self.table.over else f"On to quarter {self.game.state.quarter} (n)"
        yield Button(label, id="next", variant="primary")

    def _compose_over(self):
        from .end import scores_table

        rules, state = self.rules, self.game.state
        ending = rules.ending(state.ending)
        yield Static(f"The ending: {ending.title}", classes="screen-title", markup=False)
        yield Static(ending.text.strip(), markup=False)
        yield Static("Scores against each seat's objectives", classes="section")
        yield Static(scores_table(rules, state), id="seat-scores")
        yield Static("The facilitator has the debrief and the after-action report.", classes="muted")

    def _news_text(self, seen) -> Text:
        text = Text()
        text.append("News this quarter\n", style="bold")
        if not seen.news:
            text.append("Nothing new.\n", style="italic")
        for event_id in seen.news:
            event = self.rules.event(event_id)
            text.append(f"• {event.title}", style="bold")
            text.append(f": {event.text.strip()}\n")
        return text

    def _prompt(self, choice) -> Text:
        action = choice.action
        if not choice.available:
            return Text.assemble(
                (action.name, "strike"), (f" · {describe_effect(self.rules, choice.reason, self.seat)}", "italic")
            )
        return Text.assemble((action.name, "bold"), f" · cost {action.cost} · odds {odds_text(choice.odds)}")

    def _budget_text(self, chosen) -> Text:
        budget = self.seat_view.budget or 0
        spent = order_cost(self.rules, chosen)
        name = self.rules.seat(self.seat).budget_name
        return Text.assemble(
            (f"{name.capitalize()}: {budget}", "bold"),
            f" · chosen cost {spent} · ",
            (f"{budget - spent} left", "bold"),
            " · Space chooses, S gives the orders",
        )

    def _focus_orders(self) -> None:
        if self.mode == ORDERS and self.query("#seat-actions"):
            self.query_one("#seat-actions", SelectionList).focus()

    # -- the orders ----------------------------------------------------------------------------

    @staticmethod
    def _stale(widget) -> bool:
        """A message from an orders panel that a redraw has since replaced is old news: it can
        reach the screen after the redraw, as messages bubble up through the old panel."""
        return not widget.is_attached

    @on(SelectionList.SelectedChanged, "#seat-actions")
    def _chosen(self, event: SelectionList.SelectedChanged) -> None:
        actions = event.selection_list
        if self._stale(actions):
            return
        chosen = list(actions.selected)
        budget = self.seat_view.budget or 0
        if order_cost(self.rules, chosen) > budget:
            last = chosen[-1]
            actions.deselect(last)
            self.notify(
                f"{self.rules.action(last).name} costs {self.rules.action(last).cost}: over budget.",
                title="Over budget",
                severity="warning",
            )
            return
        for budget_line in self.query("#seat-budget").results(Static):
            budget_line.update(self._budget_text(chosen))

    @on(SelectionList.SelectionHighlighted, "#seat-actions")
    def _highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        if self._stale(event.selection_list):
            return
        action = self.rules.action(event.selection.value)
        effects = "; ".join(describe_effect(self.rules, e.text, self.seat) for e in action.effects)
        who = "everyone learns of it" if action.public else "only you learn of it"
        shown = Text.assemble((action.text.strip(), "italic"), f"\nIf it works: {effects or 'nothing'}. ({who})")
        for detail in self.query("#seat-detail").results(Static):
            detail.update(shown)

    @on(Button.Pressed, "#give")
    def _give_pressed(self) -> None:
        self.action_give()

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    def check_action(self, action: str, parameters) -> bool | None:
        # Keys act on the panel on screen; a reading that changes what is due redraws it first.
        on_screen = self.shown[0] if self.shown else None
        if action == "give":
            return on_screen == ORDERS == self.mode
        if action == "next":
            return on_screen == REPORT
        return True

    def order(self) -> Order:
        rules = self.rules
        chosen = set(self.query_one("#seat-actions", SelectionList).selected)
        actions = tuple(a.id for a in rules.actions_of(self.seat) if a.id in chosen)
        answers = []
        for event_id in self.seat_view.choices:
            pressed = self.query_one(f"#choice-{event_id}", RadioSet).pressed_button
            answers.append((event_id, pressed.name if pressed else rules.event(event_id).options[0].id))
        return Order(self.seat, actions, tuple(answers))

    def action_give(self) -> None:
        if not self.check_action("give", ()) or self._redraw.locked():
            return  # the orders panel is not (or not yet, or no longer wholly) on screen
        order = self.order()
        try:
            check_order(self.rules, self.game.state, order)
        except IllegalOrder as err:
            self.notify(str(err), title="These orders cannot be given", severity="error")
            return
        from .confirm import ConfirmScreen

        names = ", ".join(self.rules.action(a).name for a in order.actions) or "no actions (you pass)"
        quarter = self.game.state.quarter  # if it resolves while the team confirms, the table says so

        def answered(yes: bool | None) -> None:
            if yes:
                # The reading taken right after the write shows this seat's orders in: the wait,
                # or the report when they were the last ones.
                self.act(self.tables.submit, self.code, self.seat, self.key, quarter, order)

        self.app.push_screen(
            ConfirmScreen(f"Give these orders for this quarter: {names}? They are final.", "Give orders", "Not yet"),
            answered,
        )

    async def action_next(self) -> None:
        if not self.check_action("next", ()):
            return
        # Past the quarters the report on screen covers: one that resolved since is reported next.
        self.seen_resolved = self.shown[2]
        await self.show()

    def action_leave(self) -> None:
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(
            ConfirmScreen(
                f"Leave table {self.code}? Come back with its code and your seat key "
                f"{self.key}; the game goes on without you.",
                "Leave",
                "Stay",
            ),
            answered,
        )

    # -- the table moves -----------------------------------------------------------------------

    def read(self):
        return self.tables.reading(self.code, self.seat)

    async def table_changed(self, old, game) -> None:
        if self._wanted() != self.shown:
            await self.show()  # also when a further quarter resolved while the report was up
            return
        async with self._redraw:  # not while the panel is being rebuilt
            for waiting in self.query("#waiting").results(Static):
                waiting.update(waiting_text(self.rules, self.table))
            self._show_bar()
