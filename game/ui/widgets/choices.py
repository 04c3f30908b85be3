"""A list of settings, each one value among a few: a game menu's rows of `Name  ◀ value ▶`.

One OptionList instead of a Select a setting: the new-game form's five Selects (six widgets
each, with an overlay list) made `n` cost 0.4 s of CPU, which thirty browser tabs on a
two-core laptop queue into seconds; this is one widget. Up and Down choose the row, Right or
Enter (or a click) the next value, Left the one before.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import attrs
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

LABEL_WIDTH = 22


@attrs.frozen
class Setting:
    """A row: its id, its name, its (text, value) choices and the value chosen."""

    id: str
    name: str
    choices: tuple[tuple[str, Hashable], ...]
    value: Hashable

    def text(self) -> str:
        return next((shown for shown, value in self.choices if value == self.value), str(self.value))

    def stepped(self, by: int) -> Setting:
        values = [value for _, value in self.choices]
        at = values.index(self.value) if self.value in values else 0
        return attrs.evolve(self, value=values[(at + by) % len(values)])


class Choices(OptionList):
    BINDINGS = [
        Binding("right", "step(1)", "Change"),
        Binding("left", "step(-1)", "Back a value", show=False),
    ]

    class Changed(Message):
        """A setting's value changed, by a key, a click or `choose`."""

        def __init__(self, choices: Choices, setting: str, value: Hashable):
            super().__init__()
            self.choices = choices
            self.setting = setting
            self.value = value

        @property
        def control(self) -> Choices:
            return self.choices

    def __init__(self, settings: Sequence[Setting], **kwargs):
        self.settings = {s.id: s for s in settings}
        super().__init__(*(self._option(s) for s in settings), **kwargs)

    @staticmethod
    def _option(setting: Setting) -> Option:
        prompt = Text.assemble((setting.name.ljust(LABEL_WIDTH), "bold"), ("◀ ", "dim"), setting.text(), (" ▶", "dim"))
        return Option(prompt, id=setting.id)

    def value(self, setting: str) -> Hashable:
        return self.settings[setting].value

    def choose(self, setting: str, value: Hashable) -> None:
        """Set `setting` to `value`, one of its choices, as a player would (posts Changed)."""
        if value not in [v for _, v in self.settings[setting].choices]:
            raise ValueError(f"{setting}: {value!r} is not one of its choices")
        self._set(attrs.evolve(self.settings[setting], value=value))

    def _set(self, setting: Setting) -> None:
        if setting.value == self.settings[setting.id].value:
            return
        self.settings[setting.id] = setting
        self.replace_option_prompt(setting.id, self._option(setting).prompt)
        self.post_message(self.Changed(self, setting.id, setting.value))

    def action_step(self, by: int) -> None:
        if self.highlighted is None:
            return
        row = self.get_option_at_index(self.highlighted).id
        if row is not None:
            self._set(self.settings[row].stepped(by))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter or a click on a row moves it to its next value; the screen hears Changed.
        event.stop()
        if event.option.id is not None:
            self._set(self.settings[event.option.id].stepped(1))
