"""The replay viewer: a saved game quarter by quarter, every seat's orders revealed.

Step forward and back, jump to a quarter, branch a what-if from the quarter shown, and
compare a branch with its parent. Position p shows quarter p as the seats faced it: the
dashboard at the start of the quarter (its news drawn; the board's title says so), what
happened during it, and the orders given. The position after the last quarter played shows
the end (the final state, and how the game ended), or the quarter that awaits orders.
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..widgets.header import GameHeader
from ..widgets.replay_board import ReplayBoard
from ..widgets.replay_branch import BranchPanel
from ..widgets.replay_quarter import ReplayQuarter


class ReplayScreen(Screen):
    CSS_PATH = "replay.tcss"
    BINDINGS = [
        Binding("right,n", "step(1)", "Next"),
        Binding("left,p", "step(-1)", "Back"),
        # Priority: the scrolling panel would take home and end for itself.
        Binding("home", "go_to(1)", "First", show=False, priority=True),
        Binding("end", "go_to(0)", "Last", show=False, priority=True),
        # Not in the footer: the bar says "Go to quarter (g)" and the note names w, as 80
        # columns fit no more keys.
        Binding("g", "jump", "Go to", show=False),
        Binding("b", "branch", "Branch"),
        Binding("c", "compare", "Compare"),
        Binding("w", "whatif", "What if", show=False),
        Binding("escape", "close", "Close"),
    ]

    position: reactive[int] = reactive(1, init=False)

    def __init__(self, loaded, position: int = 1):
        super().__init__()
        self.loaded = loaded
        self.rules = loaded.rules
        self.run = loaded.run
        self.record = loaded.record
        self.set_reactive(ReplayScreen.position, max(1, min(position, self.last)))

    @property
    def last(self) -> int:
        """After the last quarter replayed: the end, or the quarter awaiting orders."""
        return self.run.quarters + 1

    def compose(self) -> ComposeResult:
        yield GameHeader()
        with Horizontal(id="bar"):
            yield Static("", id="where")
            yield Static("Go to quarter (g)", id="jump-label")
            yield Input(placeholder="#", id="jump", type="integer", max_length=3)
        yield Static(self._note(), id="note", markup=False)
        with Horizontal(id="columns"):
            with VerticalScroll(id="dashboard", classes="panel") as dash:
                dash.border_title = "Dashboard: every track"
                yield ReplayBoard(id="board")
            with VerticalScroll(id="quarter", classes="panel") as quarter:
                quarter.border_title = "The quarter, revealed"
                yield ReplayQuarter(id="happened")
        yield BranchPanel(self.rules, self.record.controllers, id="branch")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#branch").display = False
        self.title = "Replay"
        self._show()
        self.query_one("#quarter").focus()

    def _note(self) -> str:
        notes = []
        if self.record.parent:
            notes.append(f"A branch of {self.record.parent}, played differently from Q{self.record.branch_quarter}.")
        if self.loaded.other_content:
            notes.append("Made with other content: replayed on the content at hand.")
        if self.run.divergence is not None:
            notes.append(f"Differs from the save at {self.run.divergence.describe()}.")
        if self.run.stopped:
            notes.append(f"The replay stops at {self.run.stopped}.")
        notes = notes or [f"{self.loaded.path.name}: every quarter replays exactly as saved."]
        return " ".join([*notes, "What else could have happened from here: w."])

    # -- what the position shows -----------------------------------------------------------

    def label(self, p: int) -> str:
        state = self.run.states[p - 1]
        if p == self.last and state.over:
            return f"End: {self.rules.ending(state.ending).title} (after Q{p - 1})"
        when = f"Q{p} of {self.rules.quarters} · {self.rules.quarter_label(p)}"
        if p < self.last:
            return when
        return f"{when} · the replay stops here" if self.run.stopped else f"{when} · not played yet"

    def _unplayed(self, p: int) -> str:
        """What the quarter panel says at a position with no orders to show."""
        state = self.run.states[p - 1]
        if state.over:
            end = self.rules.ending(state.ending)
            text = f" {end.text.strip()}" if end.text.strip() else ""
            return f"The game ended after Q{p - 1}: {end.title}.{text} Step back (p) to see its quarters."
        if self.run.stopped and p == self.last:
            return f"The replay stops here: {self.run.stopped}."
        return "Not played yet: the game waits for this quarter's orders (resume it to play on)."

    def watch_position(self) -> None:
        self._show()

    def _show(self) -> None:
        p = self.position
        self.query_one("#board", ReplayBoard).show(self.rules, self.run.states[:p])
        state = self.run.states[p - 1]
        point = "End of the game" if p == self.last and state.over else f"Start of Q{p}, news in"
        self.query_one("#dashboard").border_title = point
        # A replay that stops (other content) still shows the orders the save holds there.
        played = self.record.quarters[p - 1] if p <= len(self.record.quarters) else None
        later = [o for outcomes in self.run.log for o in outcomes if o.quarter > p]
        self.query_one("#happened", ReplayQuarter).show(
            self.rules, self.run.outcomes_of(p), played, self.record.controllers, self._unplayed(p), later
        )
        self.query_one("#where", Static).update(f"{self.label(p)}   [{p}/{self.last}]")
        self.sub_title = self.label(p)  # the file is named on the line below: the header would cut it

    # -- verbs -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        """While the branch panel asks who plays, the quarter it names stays put."""
        if action in ("step", "go_to", "jump", "branch", "compare", "whatif"):
            panels = self.query(BranchPanel)
            return not (panels and panels.first().display)
        return True

    def action_step(self, delta: int) -> None:
        self.position = max(1, min(self.last, self.position + delta))

    def action_go_to(self, p: int) -> None:
        self.position = self.last if p == 0 else max(1, min(self.last, p))

    def action_jump(self) -> None:
        self.query_one("#jump", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            p = int(event.value)
        except ValueError:
            return
        if not 1 <= p <= self.last:
            self.notify(f"This game has quarters 1 to {self.last}.", severity="warning")
            return
        self.position = p
        event.input.value = ""
        self.query_one("#quarter").focus()

    def action_close(self) -> None:
        panel = self.query_one("#branch", BranchPanel)
        if panel.display:
            self._close_branch()
        else:
            self.app.pop_screen()

    def action_branch(self) -> None:
        p = self.position
        if self.run.states[p - 1].over:
            self.notify("The game is over here: branch from a quarter it was still going.", severity="warning")
            return
        panel = self.query_one("#branch", BranchPanel)
        panel.display = True
        panel.ask(f"Q{p} {self.rules.quarter_label(p)}", self._answers(p))
        self.refresh_bindings()

    def _answers(self, p: int) -> tuple[tuple[int, str], ...]:
        """The offers of quarter `p` whose answer a branch may change, as (index, label)."""
        from ...report.build import talks
        from ...saves.branch import flippable

        can = dict(flippable(self.run, p))
        if not can:
            return ()
        told = talks(self.rules, self.record.quarters[p - 1], self.run.outcomes_of(p))
        other = {"accepted": "rejected", "rejected": "accepted"}
        return tuple(
            # The change first: a long deal name is what an 80-column panel cuts.
            (i, f"{t.answer} → {other[t.answer]}: {t.what} ({t.sender} to {t.receiver})")
            for i, t in enumerate(told)
            if i in can
        )

    def _close_branch(self) -> None:
        self.query_one("#branch", BranchPanel).display = False
        self.query_one("#quarter").focus()
        self.refresh_bindings()

    def on_branch_panel_cancelled(self, event: BranchPanel.Cancelled) -> None:
        event.stop()
        self._close_branch()

    def on_branch_panel_chosen(self, event: BranchPanel.Chosen) -> None:
        event.stop()
        self.start_branch(self.position, event.seats, event.flips)

    @work(exclusive=True, group="replay")
    async def start_branch(self, quarter: int, seats: dict[str, str], flips: tuple[int, ...] = ()) -> None:
        from ...core.state import IllegalOrder
        from ...saves.branch import start_branch

        try:
            match = await asyncio.to_thread(
                start_branch, self.run, self.loaded.path, quarter, seats, self.loaded.fingerprint, flips
            )
        except OSError as err:
            self.notify(f"Cannot write the branch: {err.strerror or err}", severity="error", timeout=10)
            return
        except IllegalOrder as err:
            # The engine judges a changed answer as it would in play: a seat cannot promise
            # more than its budget with the orders it gave.
            self.notify(f"The rules do not allow that answer: {err}", title="Cannot branch", severity="error")
            return
        self.notify(f"Branch saved as {match.save_path.name}", title="Branch here")
        self.app.start_match(match)

    def action_whatif(self) -> None:
        """Bot games from the start of the quarter shown: what else could have happened."""
        from .whatif import WhatIfScreen

        if not self.loaded.run.faithful:
            self.notify("This replay differs from its save: what-if games need the game as it was.", title="What if")
            return
        self.app.push_screen(WhatIfScreen(self.loaded, self.position))

    def action_compare(self) -> None:
        self.compare()

    @work(exclusive=True, group="replay")
    async def compare(self) -> None:
        from ...saves.reader import SaveError
        from .compare import CompareScreen

        content = await self.app.content_or_say()
        if content is None:
            return
        try:
            pair = await asyncio.to_thread(self._pair, content)
        except SaveError as err:
            self.notify(str(err), title="Cannot compare", severity="error", timeout=12)
            return
        if pair is None:
            self.notify("This game has no branch yet: press b to branch one from a quarter.", title="Compare")
            return
        (parent_name, parent), (branch_name, branch), note = pair
        if note:
            self.notify(note, title="Compare")
        from ...saves.branch import compare

        self.app.push_screen(CompareScreen(compare(parent, branch), parent_name, branch_name))

    def _pair(self, content):
        """(parent, branch) replays to compare: this game's parent, or its newest branch."""
        from ...saves.branch import parent_path
        from ...saves.loading import load_game
        from ...saves.reader import SaveError
        from ...saves.store import list_saves, saves_dir

        path = self.loaded.path
        if self.record.parent:
            parent = load_game(parent_path(path, self.record.parent), content, anyway=True)
            return (parent.path.name, parent.run), (path.name, self.run), ""
        here = path.resolve()
        folders = {path.parent.resolve(), saves_dir().resolve()}
        branches = [
            e
            for folder in folders
            for e in list_saves(folder)
            if not e.problem and e.parent and parent_path(e.path, e.parent).resolve() == here
        ]
        if not branches:
            return None
        branches.sort(key=lambda e: -e.modified)
        # The newest branch that opens; one that does not (damaged, other content) is skipped
        # unless none opens, and then the newest one's reason is given.
        first_error = None
        for entry in branches:
            try:
                branch = load_game(entry.path, content, anyway=True)
            except SaveError as err:
                first_error = first_error or err
                continue
            note = f"{len(branches)} branches; comparing the newest, {entry.path.name}." if len(branches) > 1 else ""
            return (path.name, self.run), (entry.path.name, branch.run), note
        raise first_error
