"""The seats a program plays (docs/seat-protocol.md) on a form: under the form's settings list,
a command row for each such seat, in seat order, that comes and goes as the seat's line turns
to and from "Program". The new-game form and the table-open form share it, so a program takes
a seat the same way on both.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label

from ...match import EXTERNAL  # a seat's value on a form's list, as in a match: a program plays it

PROGRAM_CHOICE = ("Program (seat protocol)", EXTERNAL)
EXAMPLE_COMMAND = "python examples/minimal_bot.py"


def command_row(seat, command: str) -> Horizontal:
    """The command of the program that plays `seat`: a row of the form's `row` and `field` styles."""
    field = Input(
        command,
        placeholder=f"its command, e.g. {EXAMPLE_COMMAND}",
        compact=True,
        id=f"command-{seat.id}",
        classes="command",
    )
    return Horizontal(
        Label(f"{seat.name}: command", classes="field long"), field, classes="row", id=f"program-{seat.id}"
    )


async def show_command(screen: Screen, rules, seat_id: str, shown: bool, commands: dict[str, str]) -> None:
    """Add or take away a seat's command row, in seat order under `#choices`, leaving the focus
    on the list (a player turning a seat through its values passes the program on the way).
    What was typed is kept in `commands`, and shown again if the row comes back."""
    if not shown:
        keep_typed(screen, commands)
        await screen.query_one(f"#program-{seat_id}").remove()
        return
    anchor = screen.query_one("#choices")
    for seat in rules.seat_ids[: rules.seat_ids.index(seat_id)]:
        anchor = next(iter(screen.query(f"#program-{seat}")), anchor)
    row = command_row(rules.seat(seat_id), commands.get(seat_id, ""))
    await anchor.parent.mount(row, after=anchor)


def keep_typed(screen: Screen, commands: dict[str, str]) -> None:
    """The commands typed in the form's rows, into `commands` (before the rows are rebuilt)."""
    for field in screen.query(".command").results(Input):
        commands[(field.id or "").removeprefix("command-")] = field.value


def commands_or_say(screen: Screen, rules, controllers: dict[str, str], commands: dict[str, str]) -> dict | None:
    """{seat: command} for the seats a program plays, or None after saying which command is
    wrong and putting the focus on it."""
    from ...bots.external import parse_command

    keep_typed(screen, commands)
    chosen = {}
    for seat, controller in controllers.items():
        if controller != EXTERNAL:
            continue
        command = commands.get(seat, "").strip()
        try:
            parse_command(command)
        except ValueError as err:
            screen.notify(f"{rules.seat(seat).name}: {err}; e.g. {EXAMPLE_COMMAND}", severity="error")
            screen.query_one(f"#command-{seat}", Input).focus()
            return None
        chosen[seat] = command
    return chosen
