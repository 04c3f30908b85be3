"""The talks, between a seat's news and its orders: the offers made to it, to accept or
reject, the offers it made and their answers, and a new offer to make (`offer.py`).

Every offer is told in full beside the list, as an action is on the orders screen: what each
side gives, pays and orders, with the odds of any action it binds. The seat answers every
offer made to it before it gives its orders. Legality is `core.deals`'s; the session puts
offers and answers on the table (the match's, or a table's database).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.deals import PENDING, IllegalOffer, seen_by, waiting_on
from ...core.view import view
from ..deal_words import offer_detail, offer_line, offer_name
from ..widgets.footer import GameFooter
from ..wording import plural, seat_name
from .base import GameScreen


def talks_line(rules, offers, seat: str) -> Text | None:
    """'1 offer to answer before your orders: …' while one waits on the seat; else None."""
    pending = waiting_on(offers, seat)
    if not pending:
        return None
    names = "; ".join(offer_name(rules, o) for o in pending)
    return Text.assemble((f"{plural(len(pending), 'offer')} to answer before your orders: ", "bold"), names)


class TalksScreen(GameScreen):
    CSS_PATH = "talks.tcss"
    AUTO_FOCUS = "#offers"
    BINDINGS = [
        Binding("a", "answer(True)", "Accept"),
        Binding("r", "answer(False)", "Reject"),
        Binding("m", "make_offer", "Make an offer"),
        Binding("o", "go_on", "Orders"),
        # Enter goes on from anywhere, the list of offers included: A and R answer.
        Binding("enter", "go_on", "Orders", show=False, priority=True),
        Binding("escape", "back", "News"),
        Binding("b", "briefing", "Briefing"),
        Binding("shift+up,ctrl+up", "scroll_detail(-1)", "Details up", show=False),
        Binding("shift+down,ctrl+down", "scroll_detail(1)", "Details down", show=False),
    ]

    def heading(self) -> tuple[str, str]:
        who, when = super().heading()
        return who, f"Talks · {when}"

    @property
    def again(self) -> bool:
        """A turn given to answer offers after the seat's orders were in."""
        return self.session.ordered(self.seat)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "make_offer":
            return not self.again
        if action == "back":
            return not self.again
        return True

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static(id="talks-status")
        with Horizontal(id="columns"):
            offers = OptionList(id="offers", classes="panel")
            offers.border_title = "Offers"
            yield offers
            with VerticalScroll(id="details", classes="panel") as details:
                details.border_title = "What it does"
                yield Static(id="detail")
        yield GameFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._show()

    # -- what is shown ---------------------------------------------------------------------

    def _mine(self) -> list[tuple[int, object]]:
        """The offers this seat is party to, by index in the quarter's talks: those waiting on
        its answer first, then the others in the order made."""
        seat, offers = self.seat, self.session.offers
        shown = seen_by(offers, seat)
        seen = [(i, o) for i, o in enumerate(offers) if o in shown]
        return sorted(seen, key=lambda p: (not (p[1].receiver == seat and p[1].answer == PENDING), p[0]))

    def _prompt(self, offer) -> Text:
        line = offer_line(self.rules, offer, self.seat)
        waiting = offer.receiver == self.seat and offer.answer == PENDING
        return Text.assemble(("(?) " if waiting else "    ", "bold"), (line, "bold" if waiting else ""))

    def _show(self, next_waiting: bool = False) -> None:
        """Fill the list and the status line from the talks as they stand; `next_waiting`:
        highlight the first offer still waiting for an answer (after one is answered)."""
        offers = self.query_one("#offers", OptionList)
        highlighted = offers.highlighted_option.id if offers.highlighted_option is not None else None
        mine = self._mine()
        offers.clear_options()
        if mine:
            offers.add_options([Option(self._prompt(o), id=str(i)) for i, o in mine])
        else:
            offers.add_option(Option(Text("No offers yet.", style="italic"), id="none", disabled=True))
        ids = [str(i) for i, _ in mine]
        waiting = bool(mine) and mine[0][1].receiver == self.seat and mine[0][1].answer == PENDING
        if ids:
            keep = highlighted in ids and not (next_waiting and waiting)
            offers.highlighted = ids.index(highlighted) if keep else 0
        self._show_status()
        self._show_detail(offers.highlighted_option.id if offers.highlighted_option is not None else None)

    def _show_status(self) -> None:
        line = talks_line(self.rules, self.session.offers, self.seat)
        status = self.query_one("#talks-status", Static)
        status.set_class(line is not None, "open")
        if line is not None:
            status.update(line.append("  (A accepts, R rejects)", style="italic"))
        elif self.again:
            status.update(Text("Every offer answered: O goes on.", style="italic"))
        else:
            status.update(Text("No offer waits for your answer. M: make an offer; O: your orders.", style="italic"))

    def _show_detail(self, option_id: str | None) -> None:
        detail = self.query_one("#detail", Static)
        if option_id is None or option_id == "none" or int(option_id) >= len(self.session.offers):
            detail.update(
                Text(
                    "Offer another seat a deal, or an action of yours for one of theirs (M). "
                    "An accepted offer binds both sides this quarter; its costs come out of the budgets.",
                    style="italic",
                )
            )
            return
        offer = self.session.offers[int(option_id)]
        seat_view = view(self.rules, self.match.state, self.seat)
        detail.update(offer_detail(self.rules, offer, self.seat, seat_view.values))

    def table_moved(self) -> None:
        super().table_moved()
        self._show()  # an offer or an answer may have come in from another team

    # -- keys ------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option.id)

    def _highlighted(self):
        option = self.query_one("#offers", OptionList).highlighted_option
        if option is None or option.id == "none" or int(option.id) >= len(self.session.offers):
            return None  # at a table, the quarter may have resolved under the screen
        return int(option.id)

    def action_answer(self, accept: bool) -> None:
        index = self._highlighted()
        if index is None:
            return
        offer = self.session.offers[index]
        if offer.receiver != self.seat:
            self.notify("That offer is yours: the other seat answers it.", title="Not yours to answer")
            return
        if offer.answer != PENDING:
            self.notify("You have answered it already.", title="Answered")
            return
        try:
            self.session.answer_offer(index, accept)
        except (IllegalOffer, ValueError) as err:
            self.notify(str(err), title="Cannot accept", severity="warning")
            return
        self._show(next_waiting=True)

    def action_make_offer(self) -> None:
        from .offer import OfferScreen

        def made(offer) -> None:
            if offer is None:
                return
            try:
                answered = self.session.make_offer(offer)
            except (IllegalOffer, ValueError) as err:
                self.notify(str(err), title="The offer cannot be made", severity="warning")
                return
            self._show()
            if answered.answer != PENDING:
                said = f"{seat_name(self.rules, answered.receiver)} {answered.answer} at once"
                self.notify(answered.answer_reason or said, title=said)

        self.app.push_screen(OfferScreen(self.seat), made)

    def action_go_on(self) -> None:
        if self.again and waiting_on(self.session.offers, self.seat):
            self.notify("Answer every offer made to you first (A or R).", title="An offer waits", severity="warning")
            return
        self.app.leave_talks(self.seat)

    def action_back(self) -> None:
        step = self.session.back()
        if step is not None:
            self.app.show_step(step)

    def action_scroll_detail(self, pages: int) -> None:
        details = self.query_one("#details", VerticalScroll)
        details.scroll_page_down() if pages > 0 else details.scroll_page_up()

    def action_briefing(self) -> None:
        from .briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.step, review=True))
