"""The quarter as a seat sees it: the decisions its news asks of it (first, so they cannot be
missed), this quarter's news, and beside them the dashboard of the tracks it may see, with
their trend over past quarters.

A decision is never taken for the seat: it answers each one (the default is an option like
the others) before it may give its orders. In a game without people (bots only) the room
sees everything and asks for the next quarter.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...content.expression_words import describe_effect
from ...core.view import view, visible_outcomes
from ...core.words import plural
from ..institutions import institutions_now
from ..widgets.dashboard import Dashboard
from ..widgets.footer import GameFooter
from ..wording import change_text, counterpart_text, fictional_tag
from .base import GameScreen


def budget_line(rules, seat_id: str, budget: int) -> str:
    seat = rules.seat(seat_id)
    return f"{seat.budget_name.capitalize()}: {budget} (up to {seat.budget_max}; +{seat.budget_per_quarter} a quarter)"


def open_decisions(rules, seat_view, draft) -> list[str]:
    """The events whose decision the seat has not yet taken this quarter, in news order."""
    return [e for e in seat_view.choices if e not in draft.choices]


def decisions_line(rules, seat_view, draft) -> Text | None:
    """'2 decisions to take: …' for a seat with decisions still open; None when all are taken."""
    still = open_decisions(rules, seat_view, draft)
    if not still:
        return None
    titles = "; ".join(rules.event(e).title for e in still)
    n = len(still)
    return Text.assemble(
        (f"{plural(n, 'decision')} to take before your orders: ", "bold"),
        titles,
    )


def option_prompt(rules, option, seat: str | None, chosen: bool, default: bool) -> Table:
    """An option as the seat weighs it, wrapped under its mark like an action on the orders
    screen: its label, its text, and what it does in words."""
    grid = Table.grid()
    grid.add_column(width=4, no_wrap=True)
    grid.add_column(ratio=1)
    said = [describe_effect(rules, e.text, seat) for e in option.effects]
    lines = [Text(option.label, style="bold")]
    if option.text:
        lines.append(Text(option.text.strip()))
    lines.append(Text("Does: " + ("; ".join(said) if said else "nothing else"), style="dim"))
    if default:
        lines.append(Text("The default: taken if the quarter resolves without your answer.", style="dim italic"))
    grid.add_row(Text("(•)" if chosen else "( )", style="bold" if chosen else ""), Group(*lines))
    return grid


def institutions_text(rules, seat_view) -> Text:
    """What the institutions may decide this quarter, with their odds as things stand: the
    main lever (Commerce's licence) is never decided out of sight."""
    lines = [i for i in institutions_now(rules, seat_view) if i.holds is not False]
    text = Text("The institutions this quarter", style="bold")
    if not lines:
        text.append("\nNo institution has a decision to roll for now.", style="italic")
    for line in lines:
        text.append(f"\n• {line.text}")
    text.append("\nThey decide after the orders, which can change the odds. F1: the rules.", style="dim italic")
    return text


class Decision(OptionList, inherit_bindings=False):
    """A decision's options, each wrapped in full: Space takes the one under the cursor, as
    it chooses an action on the orders screen; Enter is left to the screen, to go on."""

    BINDINGS = [
        Binding("down", "cursor_down", "Next option", show=False),
        Binding("up", "cursor_up", "Previous option", show=False),
        Binding("home", "first", "First option", show=False),
        Binding("end", "last", "Last option", show=False),
        Binding("space", "select", "Choose"),
    ]

    def __init__(self, event_id: str, chosen: str | None, *options, **kwargs) -> None:
        super().__init__(*options, **kwargs)
        self.event_id = event_id
        self.chosen = chosen

    @property
    def answered(self) -> bool:
        return self.chosen is not None


class QuarterScreen(GameScreen):
    CSS_PATH = "quarter.tcss"
    BINDINGS = [
        Binding("o", "orders", "Talks"),
        Binding("enter", "go_on", "Go on", show=False),
        Binding("n", "next_quarter", "Next quarter"),
        Binding("b", "briefing", "Briefing"),
        Binding("escape", "leave", "Leave"),
        # The news scrolls from anywhere, a decision's options holding the focus included.
        Binding("pageup", "scroll_news(-1)", "News up", show=False),
        Binding("pagedown", "scroll_news(1)", "News down", show=False),
    ]

    def check_action(self, action: str, parameters) -> bool | None:
        watching = self.seat is None
        if action == "next_quarter":
            return watching
        if action in ("orders", "briefing"):
            return not watching
        return True

    def compose(self) -> ComposeResult:
        rules, match, seat = self.rules, self.match, self.seat
        seat_view = view(rules, match.state, seat)
        self.seat_view = seat_view
        yield from self.compose_top()
        with Horizontal(id="columns"):
            with VerticalScroll(id="news", classes="panel") as news:
                news.border_title = "News"
                yield from self._decisions(seat_view)
                yield from self._news(seat_view)
            with VerticalScroll(id="dashboard", classes="panel") as dash:
                dash.border_title = "Dashboard"
                budget = budget_line(rules, seat, seat_view.budget) if seat else ""
                yield Dashboard(rules, [v.tracks for v in self.session.seat_views(seat)], budget)
                yield Static(institutions_text(rules, seat_view), id="institutions")
        yield GameFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_open()

    def _decisions(self, seat_view) -> ComposeResult:
        """The decisions first: above the news, so none is below the fold or missed."""
        if self.seat is None or not seat_view.choices:
            return
        rules, draft = self.rules, self.session.draft(self.seat)
        changes = self._news_changes()
        yield Static(id="open-decisions")
        for event_id in seat_view.choices:
            event = rules.event(event_id)
            title = Text("Your decision: ", style="bold")
            title.append(event.title)
            title.append_text(fictional_tag(event.source))
            if event.visible_to != "all":
                title.append("  (only you know)", style="italic")
            yield Static(title, classes="choice-label", id=f"label-{event_id}")
            # The news that asks the decision sits with it, so the question is read with its options.
            yield Static(self._news_body(event_id, changes.get(event_id, ())), classes="choice-news")
            chosen = draft.choices.get(event_id)
            prompts = [
                Option(option_prompt(rules, o, self.seat, o.id == chosen, i == 0), id=o.id)
                for i, o in enumerate(event.options)
            ]
            yield Decision(event_id, chosen, *prompts, id=f"choice-{event_id}", classes="choice")

    def _news_changes(self) -> dict[str, tuple]:
        """What each of this quarter's news moved, as far as the seat may see."""
        match, quarter = self.match, self.match.state.quarter
        seen = visible_outcomes(match.log[-1], self.seat, self.rules)
        return {o.id: o.changes for o in seen if o.phase == "news" and o.quarter == quarter}

    def _news_body(self, event_id: str, changes) -> Group:
        """A news item's text, its real counterpart (for a fictional one) and what it moved."""
        rules = self.rules
        event = rules.event(event_id)
        moves = [Padding(Text(change_text(rules, c)), (0, 0, 0, 2)) for c in changes]
        real = [line for line in (counterpart_text(event.source),) if line is not None]
        return Group(Text(event.text.strip()), *real, *moves)

    def _news(self, seat_view) -> ComposeResult:
        """The news the seat has no decision on (those are above, with their options)."""
        rules, match, seat = self.rules, self.match, self.seat
        changes = self._news_changes()
        decided_above = set(seat_view.choices) if seat is not None else set()
        news = [e for e in seat_view.news if e not in decided_above]
        if not seat_view.news:
            yield Static("A quiet quarter: no news.", classes="muted")
        elif decided_above and news:
            yield Static("The rest of the news", classes="section")
        for event_id in news:
            event = rules.event(event_id)
            title = Text(event.title, style="bold") + fictional_tag(event.source)
            if event.visible_to != "all":
                title.append("  (only you know)", style="italic")
            body = self._news_body(event_id, changes.get(event_id, ()))
            yield Static(Group(title, *body.renderables), classes="news-item")
        if seat is None and match.state.quarter:
            yield Static("Press N to let the bots play this quarter.", classes="muted")

    def _show_open(self) -> None:
        if self.seat is None:
            return
        line = decisions_line(self.rules, self.seat_view, self.session.draft(self.seat))
        for widget in self.query("#open-decisions").results(Static):
            widget.update(line or Text("Every decision taken: O for the talks, then your orders.", style="italic"))
            widget.set_class(line is not None, "open")

    def heading(self) -> tuple[str, str]:
        who, when = super().heading()
        return who, f"News · {when}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        decision = event.option_list
        if not isinstance(decision, Decision):
            return
        event.stop()
        decision.chosen = event.option.id
        self.session.draft(self.seat).choices[decision.event_id] = decision.chosen
        options = self.rules.event(decision.event_id).options
        for i, option in enumerate(options):
            chosen = option.id == decision.chosen
            decision.replace_option_prompt(option.id, option_prompt(self.rules, option, self.seat, chosen, i == 0))
        self._show_open()

    def action_go_on(self) -> None:
        if self.seat is None:
            self.action_next_quarter()
            return
        still = open_decisions(self.rules, self.seat_view, self.session.draft(self.seat))
        if still:
            self.focus_decision(still[0])
            return
        self.action_orders()

    def focus_decision(self, event_id: str) -> None:
        """Bring a decision into view with its options focused, and say why."""
        choice = self.query_one(f"#choice-{event_id}", Decision)
        choice.focus(scroll_visible=False)
        # The decision from its title down: the question is read before its options.
        self.query_one(f"#label-{event_id}", Static).scroll_visible(top=True, animate=False)
        self.notify(f"Decide first: {self.rules.event(event_id).title}.", title="A decision is open")

    def action_orders(self) -> None:
        self.app.advance()

    def action_scroll_news(self, pages: int) -> None:
        news = self.query_one("#news", VerticalScroll)
        news.scroll_page_down() if pages > 0 else news.scroll_page_up()

    def action_next_quarter(self) -> None:
        self.app.play_bots_quarter()

    def action_leave(self) -> None:
        self.app.action_leave_game()  # asks first; a game at one keyboard is saved on the way

    def action_briefing(self) -> None:
        from .briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.step, review=True))
