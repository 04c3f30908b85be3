"""The body of a form of settings (the new-game and table-open forms): a title, hints, one
settings list (`Choices`, id `choices`), rows of a label and an entry, and a row of buttons.
Styled once here, so both forms read and behave alike."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from .choices import Choices, Setting


class SettingsForm(VerticalScroll):
    DEFAULT_CSS = """
    SettingsForm {
        padding: 0 2;

        .row {
            height: 1;
            margin-bottom: 1;
        }
        .field {
            width: 22;
            text-style: bold;
        }
        .field.long {  /* "Chinese Regulator: command" is wider than the other fields' names */
            width: auto;
            padding-right: 2;
        }
        .row Input {
            width: 1fr;
            max-width: 50;
        }
        #choices {
            height: auto;
            max-width: 76;
            margin-bottom: 1;
        }
        .hint {
            color: $text-muted;
            margin-bottom: 1;
        }
        #buttons {
            height: auto;
        }
        #buttons Button {
            margin-right: 2;
        }
        /* The field with the focus stands out in any theme: compact inputs are one grey shade
           apart otherwise. */
        .row Input:focus {
            background: $accent 40%;
            text-style: bold;
        }
        .row:focus-within .field {
            color: $accent;
        }
    }
    """

    async def refill(self, title: str, fields: list) -> None:
        """Replace the fields under the title; the screen's header and footer stay (rebuilding
        them races their own updates)."""
        await self.remove_children()
        await self.mount_all([Static(title, classes="screen-title"), *fields])

    def show_list_from_top(self) -> None:
        """After a new scenario's fields: the form from its top (the new text is read from its
        start), the list focused on its scenario line and brought into view."""
        self.scroll_home(animate=False, immediate=True)
        choices = self.query_one("#choices", Choices)
        choices.highlighted = choices.get_option_index("scenario")
        focus_in_view(choices)


def focus_in_view(widget: Widget) -> None:
    """Focus `widget`, and bring it into view once the screen is laid out: focus()'s own
    scroll is animated and runs before a new form's layout, so where it stopped depended on
    timing (an 80x24 form could end with its focused button off screen)."""
    widget.focus(scroll_visible=False)
    widget.scroll_visible(animate=False)


def scenario_and_seats(scenarios, scenario_id: str, controllers: dict[str, str], options) -> list[Setting]:
    """The list's first lines on both forms: the scenario, then who plays each of its seats,
    one of `options` ((text, value) pairs)."""
    names = tuple((f"{r.name} ({r.quarters} quarters)", sid) for sid, r in scenarios.items())
    seats = scenarios[scenario_id].seats
    return [
        Setting("scenario", "Scenario", names, scenario_id),
        *(Setting(f"seat-{seat.id}", seat.name, tuple(options), controllers[seat.id]) for seat in seats),
    ]
