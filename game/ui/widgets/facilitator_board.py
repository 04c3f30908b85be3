"""What the facilitator sees before a quarter resolves: every track, every seat's orders.

The facilitator is seat None in `view()`: nothing is hidden from them. Each track says who
else can see it, so the umpire knows what the players do not.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...core.options import action_choices
from ...core.view import view


def seen_by(rules, visibility: str) -> str:
    if visibility == "public":
        return "everyone"
    if visibility == "hidden":
        return "nobody"
    return rules.seat(visibility).name


class TrackBoard(Static):
    """Every track's value now, grouped by who besides the facilitator sees it."""

    DEFAULT_CSS = "TrackBoard { height: auto; }"

    def __init__(self, rules, state, **kwargs):
        super().__init__(**kwargs)
        self.rules = rules
        self.state = state

    def render(self) -> Table:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1), show_header=False)
        table.add_column("Track", ratio=1, overflow="fold")
        table.add_column("Now", justify="right", no_wrap=True)
        tracks = view(self.rules, self.state, None).tracks
        groups: dict[str, list] = {}
        for tv in tracks:  # public first, as view() orders them
            groups.setdefault(tv.track.visibility, []).append(tv)
        for visibility, group in groups.items():
            who = seen_by(self.rules, visibility)
            title = (
                "Everyone sees"
                if who == "everyone"
                else ("Hidden from every seat" if who == "nobody" else f"Only {who} sees")
            )
            table.add_row(Text(title, style="bold italic"), "")
            for tv in group:
                table.add_row(Text(tv.track.name), Text(tv.track.format(tv.value), style="bold"))
        table.add_row(Text("Budgets", style="bold italic"), "")
        for seat in self.rules.seats:
            table.add_row(Text(f"{seat.name}: {seat.budget_name}"), Text(str(self.state.budget(self.rules, seat.id))))
        return table


class OrdersBoard(Static):
    """This quarter's news and each seat's orders with their odds, as they will resolve."""

    DEFAULT_CSS = "OrdersBoard { height: auto; }"

    def __init__(self, rules, state, orders: dict, **kwargs):
        super().__init__(**kwargs)
        self.rules = rules
        self.state = state
        self.orders = orders

    def render(self) -> Text:
        rules = self.rules
        text = Text()
        news = [rules.event(e).title for e in self.state.news]
        text.append("News: ", style="bold")
        text.append("; ".join(news) or "none")
        for seat in rules.seats:
            text.append(f"\n{seat.name}: ", style="bold")
            order = self.orders.get(seat.id)
            if order is None:
                text.append("no orders yet", style="italic")
                continue
            odds = {c.action.id: c.odds for c in action_choices(rules, view(rules, self.state, seat.id))}
            parts = [
                f"{rules.action(a).name}" + (f" ({odds[a]:.0%})" if odds.get(a, 1.0) < 1 else "") for a in order.actions
            ]
            for event_id, option_id in order.choices:
                option = rules.event(event_id).option(option_id)
                parts.append(f"chose {option.label if option else option_id}")
            text.append(", ".join(parts) or "no actions")
            if order.reason:
                text.append(f" ({order.reason})", style="italic")
        return text
