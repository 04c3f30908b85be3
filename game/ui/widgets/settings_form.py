"""The body of a form of settings (the new-game and table-open forms): a title, hints, one
settings list (`Choices`, id `choices`), rows of a label and an entry, and a row of buttons.
Styled once here, so both forms read and behave alike."""

from __future__ import annotations

from textual.containers import VerticalScroll


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
