"""The facilitator's four moves as small forms: inject, custom event, force a roll, set a track.

Each form builds one `Intervention`, has the core check it (`check_intervention`, which
checks a custom event's effects exactly like content) and either shows what is wrong, one
line a problem, or posts `Proposed` for the console to stage. Nothing here decides a rule.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...core.effects import effect_problems
from ...core.options import action_choices
from ...core.state import IllegalOrder, Intervention
from ...core.turn import check_intervention
from ...core.view import view

_WHO = "facilitator: "


def problem_text(err: IllegalOrder) -> str:
    """The core's message minus its 'facilitator:' prefix: this is the facilitator's own console."""
    text = str(err)
    return text[len(_WHO) :] if text.startswith(_WHO) else text


def field(label: str, widget) -> Horizontal:
    """A labelled row: the label stays when the placeholder goes."""
    return Horizontal(Label(label, classes="field"), widget, classes="form-row")


class InterventionForm(Vertical):
    """One kind of intervention. Attributes down (rules, state, orders); `Proposed` up."""

    class Proposed(Message):
        def __init__(self, form: InterventionForm, item: Intervention):
            super().__init__()
            self.form = form
            self.item = item

    def __init__(self, rules, state, orders: dict, **kwargs):
        super().__init__(**kwargs)
        self.rules = rules
        self.state = state
        self.orders = orders

    def compose_footer(self) -> ComposeResult:
        yield Static("", classes="form-errors", markup=False)
        with Horizontal(classes="form-row"):
            yield Label("Note", classes="field")
            yield Input(placeholder="why, for the report (optional)", compact=True, classes="note")
            yield Button("Stage", variant="primary", compact=True, classes="stage")

    @property
    def note(self) -> str:
        return self.query_one(".note", Input).value.strip()

    def show_errors(self, lines) -> None:
        errors = self.query_one(".form-errors", Static)
        errors.update("\n".join(f"✗ {line}" for line in lines))
        errors.display = bool(lines)

    def on_mount(self) -> None:
        self.show_errors([])

    def build(self) -> Intervention | None:
        """The intervention the form now describes; None after showing why there is none."""
        raise NotImplementedError

    def propose(self) -> None:
        item = self.build()
        if item is None:
            return
        try:
            check_intervention(self.rules, self.orders, item)
        except IllegalOrder as err:
            self.show_errors([problem_text(err)])
            return
        self.show_errors([])
        self.post_message(self.Proposed(self, item))

    def cleared(self) -> None:
        """After staging: empty the free-text fields so the next move starts clean."""
        self.query_one(".note", Input).value = ""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("stage"):
            event.stop()
            self.propose()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.propose()


class InjectForm(InterventionForm):
    """Fire an event from the scenario's deck now, before this quarter's orders land."""

    def compose(self) -> ComposeResult:
        events = [(f"{e.title} ({e.id})", e.id) for e in self.rules.events]
        yield field("Event", Select(events, prompt="an event from the deck", compact=True, id="inject-event"))
        yield Static("", id="inject-preview", classes="preview")
        yield from self.compose_footer()

    def on_select_changed(self, event: Select.Changed) -> None:
        preview = self.query_one("#inject-preview", Static)
        if event.value == Select.NULL:
            preview.update("")
            return
        ev = self.rules.event(event.value)
        text = Text(ev.text.strip())  # content text, never read as markup
        text.append("\n" + ("; ".join(e.text for e in ev.effects) or "no effects"), style="dim")
        preview.update(text)

    def build(self) -> Intervention | None:
        value = self.query_one("#inject-event", Select).value
        if value == Select.NULL:
            self.show_errors(["choose an event from the deck"])
            return None
        return Intervention("inject", event=value, note=self.note)


class CustomForm(InterventionForm):
    """A new event: title, text, and effects in the content's language, one a line."""

    def compose(self) -> ComposeResult:
        yield field("Title", Input(placeholder="e.g. Port strike in Shanghai", compact=True, id="custom-title"))
        yield field("Text", Input(placeholder="what the players read", compact=True, id="custom-text"))
        yield field(
            "Effects",
            TextArea(
                id="custom-effects", compact=True, tab_behavior="focus", placeholder="one a line, e.g.  tension += 5"
            ),
        )
        yield from self.compose_footer()

    def build(self) -> Intervention | None:
        title = self.query_one("#custom-title", Input).value.strip()
        text = self.query_one("#custom-text", Input).value.strip()
        effects = tuple(
            line.strip() for line in self.query_one("#custom-effects", TextArea).text.splitlines() if line.strip()
        )
        problems = [] if title else ["a custom event needs a title"]
        problems += effect_problems(self.rules, effects)  # every bad line, not just the first
        if problems:
            self.show_errors(problems)
            return None
        return Intervention("custom", title=title, text=text, effects=effects, note=self.note)

    def cleared(self) -> None:
        super().cleared()
        self.query_one("#custom-title", Input).value = ""
        self.query_one("#custom-text", Input).value = ""
        self.query_one("#custom-effects", TextArea).text = ""


class ForceForm(InterventionForm):
    """Decide an ordered action's roll: it succeeds or fails whatever the dice say."""

    def compose(self) -> ComposeResult:
        options = []
        for seat in self.rules.seats:
            order = self.orders.get(seat.id)
            if order is None:
                continue
            odds = {c.action.id: c.odds for c in action_choices(self.rules, view(self.rules, self.state, seat.id))}
            for action_id in order.actions:
                label = f"{seat.name}: {self.rules.action(action_id).name} (odds {odds.get(action_id, 1.0):.0%})"
                options.append((label, action_id))
        if not options:
            yield Static("Nobody ordered an action this quarter: there is no roll to force.", classes="muted")
        yield field(
            "Action", Select(options, prompt="an ordered action", compact=True, id="force-action", disabled=not options)
        )
        yield field(
            "Result",
            Select(
                [("succeeds", True), ("fails", False)], value=True, allow_blank=False, compact=True, id="force-result"
            ),
        )
        yield from self.compose_footer()

    def build(self) -> Intervention | None:
        action = self.query_one("#force-action", Select).value
        if action == Select.NULL:
            self.show_errors(["choose an ordered action"])
            return None
        success = bool(self.query_one("#force-result", Select).value)
        return Intervention("force", action=action, success=success, note=self.note)


class SetForm(InterventionForm):
    """Override a track after the non-player rules have run: the licence decision, say."""

    def compose(self) -> ComposeResult:
        tracks = self.rules.tracks
        first = next((t for t in tracks if not t.is_number), tracks[0])  # the licence, usually
        yield field(
            "Track",
            Select([(t.name, t.id) for t in tracks], value=first.id, allow_blank=False, compact=True, id="set-track"),
        )
        yield field(
            "New value",
            Horizontal(
                Select([], prompt="new state", compact=True, id="set-state"),
                Input(placeholder="a number", compact=True, id="set-value"),
                classes="value-row",
            ),
        )
        yield Static("", id="set-hint", classes="muted")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_track(self.query_one("#set-track", Select).value)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "set-track" and event.value != Select.NULL:
            self._show_track(event.value)

    def _show_track(self, track_id: str) -> None:
        track = self.rules.track(track_id)
        now = track.format(self.state.value(self.rules, track_id))
        states = self.query_one("#set-state", Select)
        number = self.query_one("#set-value", Input)
        states.display = not track.is_number
        number.display = track.is_number
        if track.is_number:
            hint = f"now {now}; from {track.min:g} to {track.max:g}"
        else:
            states.set_options([(s, s) for s in track.states])
            hint = f"now {now}"
        self.query_one("#set-hint", Static).update(hint + "; applied after the non-player rules")

    def build(self) -> Intervention | None:
        track = self.rules.track(self.query_one("#set-track", Select).value)
        if track.is_number:
            text = self.query_one("#set-value", Input).value.strip()
            value = _number(text, track.precision)
            if value is None:
                whole = "a whole number" if track.precision == 0 else "a number"
                self.show_errors(
                    [f"{track.id} takes {whole}, not {text!r}" if text else f"type a value for {track.id}"]
                )
                return None
        else:
            value = self.query_one("#set-state", Select).value
            if value == Select.NULL:
                self.show_errors([f"choose one of {', '.join(track.states)}"])
                return None
        return Intervention("set", track=track.id, value=value, note=self.note)

    def cleared(self) -> None:
        super().cleared()
        self.query_one("#set-value", Input).value = ""


def _number(text: str, precision: int):
    """A value of the kind the track holds: an int when it keeps no decimals (None for '2.5'),
    else a float rounded as the track rounds; None for anything that is not a finite number."""
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if precision == 0:
        return int(value) if value.is_integer() else None
    return round(value, precision)
