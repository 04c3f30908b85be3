"""The debrief, after the game: the timeline with every seat's orders revealed, charts of
the main tracks over time, what really happened, questions for discussion, and the deals:
every offer of the talks, private ones included, and each content deal's real story.

The game is over, so this reads the game as the facilitator does (seat None): everything.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from ...core.citation import date_words
from ...core.view import visible_outcomes
from ...report.build import ANSWER_WORDS, Talk, talks
from ..outcome_words import outcome_item
from ..widgets.chart import TrackChart
from ..widgets.footer import GameFooter
from ..wording import bullets, fictional_tag, seat_name
from .base import GameScreen

TABS = ("timeline", "charts", "happened", "questions", "deals")


def timeline(rules, match):
    """Quarter by quarter: the news, every seat's orders revealed, and the results."""
    outcomes = visible_outcomes([o for quarter in match.log for o in quarter], None, rules)
    parts = []
    for record in match.record.quarters:
        q = record.quarter
        parts.append(Text(f"Quarter {q} · {rules.quarter_label(q)}", style="bold reverse"))
        news = [outcome_item(rules, o, None, seen_by=True) for o in outcomes if o.quarter == q and o.phase == "news"]
        parts.append(Text("News", style="bold"))
        parts.append(bullets(news) if news else Text("  (none)", style="italic"))
        offers = talks(rules, record, outcomes)
        if offers:
            parts.append(Text("Talks, revealed (tab 5 tells more)", style="bold"))
            parts.append(bullets([(talk_heading(t), []) for t in offers]))
        parts.append(Text("Orders, revealed", style="bold"))
        parts.append(bullets([_order_item(rules, match, order) for order in record.orders]))
        results = [
            outcome_item(rules, o, None, seen_by=True)
            for o in outcomes
            if o.quarter == q and o.phase not in ("news", "talks")
        ]
        parts.append(Text("Results", style="bold"))
        parts.append(bullets(results) if results else Text("  (nothing)", style="italic"))
        parts.append(Text(""))
    if not match.record.quarters:
        parts.append(Text("No quarter was played.", style="italic"))
    return Group(*parts)


def _order_item(rules, match, order):
    controller = match.seats.get(order.seat, "")
    who = "human" if controller == "human" else controller.replace(":", " ")
    head = Text()
    head.append(f"{seat_name(rules, order.seat)} ({who}): ", style="bold")
    head.append(", ".join(rules.action(a).name for a in order.actions) or "no action", style="")
    subs = []
    for event_id, option_id in order.choices:
        event = rules.event(event_id)
        subs.append(Text(f"chose “{event.option(option_id).label}” on {event.title}"))
    if order.reason:
        subs.append(Text(f"why: {order.reason}", style="italic"))
    return head, subs


def talk_heading(talk: Talk) -> Text:
    """'Vendor CEO offered Chinese Regulator: Prepayment — accepted (Vendor CEO and Chinese
    Regulator only)': who knew of it said, as the game is over and all is revealed."""
    head = Text()
    head.append(talk.headline, style="bold")
    head.append(" — ")
    head.append(ANSWER_WORDS[talk.answer], style="bold" if talk.accepted else "bold red")
    head.append(f"  ({talk.secrecy})", style="italic")
    return head


def talk_item(talk: Talk):
    """An offer as (heading, sub-lines): each side's terms, the bots' reasons, what it did."""
    subs = [Text(line) for line in talk.terms]
    if talk.reason:
        subs.append(Text(f"{talk.sender}'s reason: {talk.reason}", style="italic"))
    if talk.answer_reason:
        subs.append(Text(f"{talk.receiver}'s reason: {talk.answer_reason}", style="italic"))
    if talk.did:
        subs.append(Text("Carried out: " + "; ".join(talk.did)))
    for move in talk.moves:
        subs.append(Text(f"{move.track} {move.before} → {move.after}" + (f" ({move.private})" if move.private else "")))
    return talk_heading(talk), subs


def deals_text(rules, match):
    """Every offer of the game by quarter, then each of the scenario's deals and what really
    happened."""
    outcomes = [o for quarter in match.log for o in quarter]
    parts: list = [
        Text(
            "The talks come between the news and the orders. Offers were private to their two seats unless "
            "the deal was public or a leak gave it away; here every one is revealed.",
            style="italic",
        ),
        Text(""),
    ]
    any_offer = False
    for record in match.record.quarters:
        offers = talks(rules, record, outcomes)
        if not offers:
            continue
        any_offer = True
        q = record.quarter
        parts.append(Text(f"Quarter {q} · {rules.quarter_label(q)}", style="bold reverse"))
        parts.append(bullets([talk_item(t) for t in offers]))
        parts.append(Text(""))
    if not any_offer:
        parts.append(Text("No seat made an offer in this game.", style="italic"))
        parts.append(Text(""))
    if rules.deals:
        parts.append(Text("The deals on the table: what really happened", style="bold reverse"))
        happened = Text()
        for deal in rules.deals:
            happened.append(deal.name + "\n", style="bold")
            if deal.happened:
                happened.append(deal.happened.strip())
                happened.append(f" (as of {date_words(deal.as_of)})\n" if deal.as_of else "\n")
            for citation in deal.source.citations:
                happened.append(f"Source: {citation.words()}\n", style="dim italic")
            happened.append("\n")
        parts.append(happened)
    else:
        parts.append(Text("This scenario has no deals of its own; seats may still trade actions.", style="italic"))
    return Group(*parts)


def happened_text(rules, match) -> Text:
    """The real-world record behind what came up in this game, each once, in order of play:
    each real entry with its date and citations, then the invented ones, tagged `fictional`,
    with the real counterpart where there is one."""
    listed, items = set(), []
    for quarter in match.log:
        for o in quarter:
            key = (o.kind, o.id)
            if key in listed:
                continue
            listed.add(key)
            try:
                if o.kind == "event":
                    entry = rules.event(o.id)
                    items.append((entry.title, entry))
                elif o.kind == "action":
                    entry = rules.action(o.id)
                    items.append((f"{entry.name} ({seat_name(rules, entry.seat)})", entry))
                elif o.kind == "ending":
                    entry = rules.ending(o.id)
                    items.append((f"Ending: {entry.title}", entry))
            except KeyError:  # a facilitator's own event: no real-world record to show
                continue
    text = Text()
    real = [(title, entry) for title, entry in items if entry.happened]
    invented = [(title, entry) for title, entry in items if entry.source.fictional]
    if not real:
        text.append("Nothing that came up in this game has a real-world record.\n\n", style="italic")
    for title, entry in real:
        text.append(title + "\n", style="bold")
        text.append(entry.happened.strip())
        text.append(f" (as of {date_words(entry.as_of)})\n" if entry.as_of else "\n")
        for citation in entry.source.citations:
            text.append(f"Source: {citation.words()}\n", style="dim italic")
        text.append("\n")
    if invented:
        text.append("Invented for the game\n", style="bold underline")
        for title, entry in invented:
            text.append(title)
            text.append_text(fictional_tag(entry.source))
            text.append(f"\n  {entry.source.counterpart_words()}\n" if entry.source.counterpart else "\n")
    return text


def questions_text(rules) -> Text:
    text = Text()
    if not rules.questions:
        text.append("This scenario has no discussion questions.", style="italic")
    for i, question in enumerate(rules.questions, start=1):
        text.append(f"{i}. {question}\n\n")
    return text


def state_track_line(rules, track, settled) -> Text:
    """A state track's story: its value at the start, then each change and the quarter that
    made it (`settled`: the opening, then each quarter as it ended)."""
    text = Text()
    text.append(track.name, style="bold")
    index = rules.track_index[track.id]
    values = [state.values[index] for state in settled]
    text.append(f"  {values[0]} at the start")
    for q in range(1, len(values)):
        if values[q] != values[q - 1]:
            text.append(f" → {values[q]} after quarter {q}")
    return text


class DebriefScreen(GameScreen):
    CSS_PATH = "debrief.tcss"
    BINDINGS = [
        Binding("1", "tab('timeline')", "Tabs", key_display="1-5", tooltip="Timeline tab"),
        Binding("2", "tab('charts')", "Charts tab", show=False),
        Binding("3", "tab('happened')", "What really happened tab", show=False),
        Binding("4", "tab('questions')", "Questions tab", show=False),
        Binding("5", "tab('deals')", "Deals tab", show=False),
        Binding("escape", "scores", "Scores"),
        Binding("t", "title", "Title"),
    ]

    def heading(self) -> tuple[str, str]:
        return self.rules.name, "Debrief"

    def compose(self) -> ComposeResult:
        rules, match = self.rules, self.match
        yield from self.compose_top()
        with TabbedContent(id="tabs"):
            with TabPane("Timeline", id="timeline"), VerticalScroll():
                yield Static(timeline(rules, match), id="timeline-text")
            with TabPane("Charts", id="charts"), VerticalScroll(), Grid(id="chart-grid"):
                main = [t for t in rules.tracks if t.main] or [t for t in rules.tracks if t.visibility == "public"]
                for track in main:
                    if track.is_number:
                        yield TrackChart.of_match(rules, track, match)
                    else:
                        yield Static(state_track_line(rules, track, match.settled), classes="state-line")
            with TabPane("What really happened", id="happened"), VerticalScroll():
                yield Static(happened_text(rules, match), id="happened-text")
            with TabPane("Questions", id="questions"), VerticalScroll():
                yield Static(questions_text(rules), id="questions-text")
            with TabPane("Deals", id="deals"), VerticalScroll():
                yield Static(deals_text(rules, match), id="deals-text")
        yield GameFooter()

    def on_resize(self) -> None:
        # One chart a row at 80 columns, side by side on a projector.
        self.query_one("#chart-grid", Grid).styles.grid_size_columns = max(1, self.size.width // 64)

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    def action_scores(self) -> None:
        step = self.session.back()
        if step is not None:
            self.app.show_step(step)

    def action_title(self) -> None:
        self.app.leave_game()
