"""A seat's orders for the quarter: its actions with cost, requirements, odds and what they
would do; the budget left after what it promised in the talks; actions a deal binds it to
already ordered and locked; actions it cannot take now greyed, with the reason. Orders wait
until every decision is taken and every offer made to the seat is answered.

Odds and availability come from `core.options.action_choices` on the seat's view, the same
figures the bots use; the order is checked by `core.turn.check_order` before it is given.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...content.expression_words import describe_effect
from ...core.deals import committed, ordering_view, promised
from ...core.options import action_choices, order_cost
from ...core.state import IllegalOrder, Order
from ...core.view import view
from ..widgets.footer import GameFooter
from ..wording import bullets, counterpart_text, fictional_tag, odds_text
from .base import GameScreen
from .quarter import decisions_line, open_decisions
from .talks import talks_line


class OrdersScreen(GameScreen):
    CSS_PATH = "orders.tcss"
    AUTO_FOCUS = "#actions"
    BINDINGS = [
        Binding("space", "toggle", "Choose"),
        Binding("s", "submit", "Give orders"),
        Binding("escape", "back", "Talks"),
        Binding("b", "briefing", "Briefing"),
        # What an action does can be longer than its panel: scroll it without leaving the list
        # (the list keeps the arrows and page keys for itself).
        Binding("shift+up,ctrl+up", "scroll_detail(-1)", "Details up", show=False),
        Binding("shift+down,ctrl+down", "scroll_detail(1)", "Details down", show=False),
    ]

    def compose(self) -> ComposeResult:
        rules, seat = self.rules, self.seat
        self.full_view = view(rules, self.match.state, seat)
        self.choices = {c.action.id: c for c in action_choices(rules, self.full_view)}
        self.draft = self.session.draft(seat)
        self._take_talks()
        yield from self.compose_top()
        yield Static(id="budget")
        yield Static(id="open-decisions")
        with Horizontal(id="columns"):
            actions = OptionList(
                *(Option(self._prompt(c), id=c.action.id) for c in self.choices.values()), id="actions", classes="panel"
            )
            actions.border_title = "Your actions"
            yield actions
            with VerticalScroll(id="details", classes="panel") as details:
                details.border_title = "What it does"
                yield Static(id="detail")
        yield GameFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_budget()
        self._show_open()
        actions = self.query_one("#actions", OptionList)
        if actions.option_count:
            actions.highlighted = 0
            self._show_detail(actions.get_option_at_index(0).id)

    def heading(self) -> tuple[str, str]:
        who, when = super().heading()
        return who, f"Orders · {when}"

    def _take_talks(self) -> None:
        """What the talks leave this seat: its budget less what it promised, and the actions
        the deals it agreed order for it."""
        rules, seat, offers = self.rules, self.seat, self.session.offers
        self.seat_view = ordering_view(rules, self.full_view, offers)
        self.promised = promised(rules, offers, seat)
        self.bound = committed(rules, offers, seat)[1]
        # A draft from before may name an action no longer open (never after a resolution,
        # since drafts are cleared then), or one a deal now orders; keep only what can still be ordered.
        self.draft.actions[:] = [
            a for a in self.draft.actions if a in self.choices and self.choices[a].available and a not in self.bound
        ]

    def table_moved(self) -> None:
        """At a table, an answer to this seat's offer may come in while it orders."""
        super().table_moved()
        self._take_talks()
        self._refresh_prompts()
        self._show_budget()
        self._show_open()

    # -- what is shown ---------------------------------------------------------------------

    @property
    def spent(self) -> int:
        return order_cost(self.rules, self.draft.actions)

    @property
    def left(self) -> int:
        return (self.seat_view.budget or 0) - self.spent

    def _prompt(self, choice) -> Table:
        """Mark, then name over cost and odds (or the reason it is greyed), wrapped under the name."""
        action = choice.action
        chosen = action.id in self.draft.actions
        grid = Table.grid()
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        if action.id in self.bound:
            detail = f"bound by a deal: paid in the talks · odds {odds_text(choice.odds)}"
            name, said = Text(action.name, style="bold"), Text(detail, style="italic")
            grid.add_row(Text("[#]", style="bold"), Group(name, said))
            return grid
        if not choice.available:
            reason = describe_effect(self.rules, choice.reason, self.seat)
            grid.add_row(
                Text(" –", style="dim"),
                Group(Text(action.name, style="dim strike"), Text(f"unavailable: {reason}", style="dim italic")),
            )
            return grid
        detail = f"cost {action.cost} · odds {odds_text(choice.odds)}"
        if not chosen and action.cost > self.left:
            detail += f" · over budget ({self.left} left)"
        grid.add_row(
            Text("[x]" if chosen else "[ ]", style="bold" if chosen else ""),
            Group(
                Text(action.name, style="bold" if chosen else "") + fictional_tag(action.source),
                Text(detail, style="" if chosen else "dim"),
            ),
        )
        return grid

    def _refresh_prompts(self) -> None:
        actions = self.query_one("#actions", OptionList)
        for choice in self.choices.values():
            actions.replace_option_prompt(choice.action.id, self._prompt(choice))
        # A prompt that changed height moves the ones below it: keep the highlight in view.
        self.call_after_refresh(actions.scroll_to_highlight)

    def _show_open(self) -> None:
        line = decisions_line(self.rules, self.seat_view, self.draft)
        talks = talks_line(self.rules, self.session.offers, self.seat)
        widget = self.query_one("#open-decisions", Static)
        widget.display = line is not None or talks is not None
        if talks is not None:
            line = talks.append("  (Esc: to the talks to answer)", style="italic")
        elif line is not None:
            line = line.append("  (Esc twice: to the news to decide)", style="italic")
        if line is not None:
            widget.update(line)

    def _show_budget(self) -> None:
        seat = self.rules.seat(self.seat)
        chosen = len(self.draft.actions)
        promised = f" · promised {self.promised} in the talks" if self.promised else ""
        self.query_one("#budget", Static).update(
            Text.assemble(
                (f"{seat.budget_name.capitalize()} {self.full_view.budget}", "bold"),
                promised,
                f" · {chosen} chosen, cost {self.spent} · ",
                (f"{self.left} left", "bold"),
            )
        )

    def _show_detail(self, action_id: str | None) -> None:
        if action_id is None:
            return
        rules, seat = self.rules, self.seat
        choice = self.choices[action_id]
        action = choice.action

        def said(text: str) -> str:
            return describe_effect(rules, text, seat)

        def field(label: str, value: str) -> Text:
            return Text.assemble((f"{label}: ", "bold"), value)

        real = [line for line in (counterpart_text(action.source),) if line is not None]
        name = Text(action.name, style="bold") + fictional_tag(action.source)
        parts = [name, Text(action.text.strip()), *real, Text("")]
        parts.append(field("Cost", f"{action.cost} {rules.seat(seat).budget_name}"))
        odds_how = f" ({said(action.odds_text)})" if action.odds_text and choice.odds not in (0, 1) else ""
        parts.append(field("Odds", f"{odds_text(choice.odds)}{odds_how}"))
        if action.requires_text:
            parts.append(field("Requires", said(action.requires_text)))
        parts.append(field("Who learns of it", "everyone" if action.public else "only you"))
        if action.once:
            parts.append(Text("Once a game.", style="italic"))
        parts += [
            Text(""),
            Text("If it works:", style="bold"),
            bullets([(Text(said(e.text)), []) for e in action.effects]),
        ]
        if choice.odds < 1:
            parts.append(Text("If it fails:", style="bold"))
            fails = [(Text(said(e.text)), []) for e in action.fail_effects]
            if action.fail_text:
                fails.insert(0, (Text(action.fail_text, style="italic"), []))
            if not action.fail_effects:
                fails.append((Text("nothing else happens; the cost is spent"), []))
            parts.append(bullets(fails))
        if not choice.available:
            parts += [Text(""), Text(f"Unavailable now: {said(choice.reason)}", style="bold red")]
        self.query_one("#detail", Static).update(Group(*parts))

    # -- keys ------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._toggle(event.option.id)

    def action_toggle(self) -> None:
        option = self.query_one("#actions", OptionList).highlighted_option
        if option is not None:
            self._toggle(option.id)

    def _toggle(self, action_id: str) -> None:
        choice = self.choices[action_id]
        if action_id in self.bound:
            self.notify(
                f"{choice.action.name} is ordered by a deal you agreed in the talks.",
                title="Bound by a deal",
                severity="warning",
            )
            return
        if action_id in self.draft.actions:
            self.draft.actions.remove(action_id)
        elif not choice.available:
            self.notify(
                f"{choice.action.name}: {describe_effect(self.rules, choice.reason, self.seat)}",
                title="Not available",
                severity="warning",
            )
            return
        elif choice.action.cost > self.left:
            self.notify(
                f"{choice.action.name} costs {choice.action.cost}; you have {self.left} left.",
                title="Over budget",
                severity="warning",
            )
            return
        else:
            self.draft.actions.append(action_id)
        self._refresh_prompts()
        self._show_budget()

    def action_submit(self) -> None:
        rules = self.rules
        talks = talks_line(rules, self.session.offers, self.seat)
        if talks is not None:
            self.notify(f"{talks.plain}. Esc goes to the talks.", title="An offer waits", severity="warning")
            return
        still = open_decisions(rules, self.seat_view, self.draft)
        if still:
            self.notify(
                f"Decide first: {rules.event(still[0]).title}. Esc goes to the news, where it waits.",
                title="A decision is open",
                severity="warning",
            )
            return
        actions = tuple(a.id for a in rules.actions_of(self.seat) if a.id in self.draft.actions)
        answers = tuple((e, self.draft.choices[e]) for e in self.seat_view.choices)
        order = Order(self.seat, actions, answers)
        try:
            self.match.check_order(order)
        except IllegalOrder as err:
            self.notify(str(err), title="These orders cannot be given", severity="error")
            return
        from .confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.submit_orders(order)

        summary = order_summary(rules, order, self.bound)
        self.app.push_screen(ConfirmScreen(summary, "Give orders", "Not yet"), answered)

    def action_scroll_detail(self, pages: int) -> None:
        details = self.query_one("#details", VerticalScroll)
        details.scroll_page_down() if pages > 0 else details.scroll_page_up()

    def action_back(self) -> None:
        step = self.session.back()
        if step is not None:
            self.app.show_step(step)

    def action_briefing(self) -> None:
        from .briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.step, review=True))


def order_summary(rules, order: Order, bound: tuple[str, ...] = ()) -> str:
    """The question before orders are given: every action and every decision, in words,
    with the actions deals bind the seat to (paid in the talks)."""
    names = [rules.action(a).name for a in order.actions]
    if names:
        spent = order_cost(rules, order.actions)
        lines = [f"Give these orders for this quarter (cost {spent})?"] + [f"  • {n}" for n in names]
    else:
        lines = ["Pass this quarter: no actions?" if not bound else "No actions besides those your deals order?"]
    lines += [f"  • {rules.action(a).name} (bound by a deal)" for a in bound]
    for event_id, option_id in order.choices:
        event = rules.event(event_id)
        lines.append(f"  Decision, {event.title}: {event.option(option_id).label}")
    lines.append("They are final once given.")
    return "\n".join(lines)
