"""The projector: a whole quickplay game at a table (three seats, a facilitator), watched by
the projector; every frame it draws is checked for keys and private values."""

from __future__ import annotations

import asyncio
import html
import io
from pathlib import Path

import pytest
from rich.console import Console
from table_pilot import pilot_test, until
from textual.widgets import OptionList, Static

from game.cli import build_parser, main
from game.commands import project
from game.content import DEFAULT_CONTENT
from game.core.deals import Offer
from game.core.model import PUBLIC
from game.core.options import menu
from game.core.state import Order
from game.core.view import view
from game.table import Tables
from game.ui.app import SiliconCurtainApp
from game.ui.screens.projector import ProjectorScreen, clock_text, seats_text
from game.ui.screens.table_join import TableJoinScreen
from game.ui.widgets.big_letters import big_lines

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
SEATS = ("vendor", "lawmaker", "regulator")
DEAL = "share_25"  # private: only the vendor and the lawmaker may know of it, unless it leaks


def record_frames(projector: ProjectorScreen) -> list[tuple[str, object]]:
    """Keep every frame the projector draws, with the game it drew it from: the screen as
    shown, and every widget's whole text (what is scrolled out of sight included)."""
    frames: list[tuple[str, object]] = []
    show = projector.show

    def record() -> None:
        if not projector.is_attached:
            return
        shown = [html.unescape(projector.app.export_screenshot()).replace("\xa0", " ")]
        for widget in projector.query(Static):
            # Boards draw themselves in render(); plain Statics hold what they were given.
            renderable = widget.content if type(widget).render is Static.render else widget.render()
            console = Console(width=120, record=True, file=io.StringIO())
            console.print(renderable)
            shown.append(console.export_text())
        frames.append(("\n".join(shown), projector.game))

    def show_and_record() -> None:
        show()
        projector.call_after_refresh(record)

    projector.show = show_and_record  # type: ignore[method-assign]
    return frames


def orders_with_secrets(rules, state, seat: str) -> Order:
    """A seat's orders, its secret actions first while the budget lasts: private orders to hide."""
    seat_view = view(rules, state, seat)
    budget = seat_view.budget or 0
    actions: list[str] = []
    for action in sorted(menu(rules, seat, seat_view.values, seat_view.used, budget), key=lambda a: a.public):
        if action.cost <= budget:
            actions.append(action.id)
            budget -= action.cost
    choices = tuple((e, rules.event(e).options[-1].id) for e in seat_view.choices)
    ordered = tuple(a.id for a in rules.actions_of(seat) if a.id in actions)
    return Order(seat, ordered, choices)


def forbidden(rules, keys: list[str], game) -> list[str]:
    """What the room must never read, judged from the whole game (the facilitator's copy):
    keys, the names of tracks some seat may not see, secret actions, and the private deal
    until a leak in the news has made it public."""
    words = [k for key in keys for k in (key, key.replace("-", ""))]
    public_names = {t.name for t in rules.tracks if t.visibility == PUBLIC}
    words += [t.name for t in rules.tracks if t.visibility != PUBLIC and t.name not in public_names]
    words += [a.name for a in rules.actions if not a.public]
    leaks = {e.id for e in rules.events if e.leaks}
    leaked = any(o.kind == "event" and o.id in leaks for step in game.log for o in step)
    if not leaked:
        deal = rules.deal(DEAL)
        words += [deal.name, *(side.text for side in deal.sides)]
    words += ["only you know", "only the two of you know"]
    return words


@pilot_test
async def test_the_projector_shows_a_whole_game_and_never_a_key_or_a_private_value(tmp_path):
    db = tmp_path / "tables.sqlite3"
    facilitator = Tables(db)
    table, fkey = facilitator.open("quickplay", dict.fromkeys(SEATS, "human"), content_root=DEFAULT_CONTENT, seed=5)
    code = table.code
    seats = {s: Tables(db) for s in SEATS}  # each seat its own process's Tables
    keys = {s: seats[s].take(code, s) for s in SEATS}
    rules = facilitator.game(code).rules
    app = SiliconCurtainApp(content_root=Path(table.content_root))
    async with app.run_test(size=(100, 30)) as pilot:
        reading = Tables(db).reading(code)
        projector = ProjectorScreen(Tables(db), code, reading.table, reading.game)
        frames = record_frames(projector)
        app.push_screen(projector)
        await until(pilot, lambda: frames, what="the first frame")
        assert code in str(projector.query_one("#code").text)

        def caught_up(resolved: int) -> bool:
            return projector.table.resolved == resolved and frames[-1][1] is projector.game

        quarter = 1
        while not facilitator.table(code).over:
            game = facilitator.game(code)
            if quarter == 1:  # a private deal: the vendor and the lawmaker, nobody else
                seats["vendor"].offer(code, "vendor", keys["vendor"], 1, Offer("vendor", "lawmaker", deal=DEAL))
                seats["lawmaker"].answer(code, "lawmaker", keys["lawmaker"], 1, 0, True)
            if quarter == 2:
                facilitator.pause(code, fkey)
            missing = "lawmaker" if quarter == 3 else None  # the facilitator forces this one
            for seat in SEATS:
                if seat != missing:
                    order = orders_with_secrets(rules, game.state, seat)
                    seats[seat].submit(code, seat, keys[seat], quarter, order)
                    await pilot.pause(0.3)  # the projector sees who has ordered, one at a time
            if quarter == 2:
                facilitator.pause(code, fkey, paused=False)
            if missing:
                facilitator.force(code, fkey, quarter)
            await until(pilot, lambda q=quarter: caught_up(q), what=f"quarter {quarter} on the projector")
            quarter += 1
        await pilot.pause(0.3)

        assert projector.table.over and quarter >= 3
        texts = [text for text, _ in frames]
        # It showed the game as it went: who had ordered, the news, then the public report.
        assert any("✓ orders in" in t for t in texts) and any("… deciding" in t for t in texts)
        assert any("PAUSED" in t for t in texts)
        assert any("What happened" in t for t in texts) and any("The game is over" in t for t in texts)
        all_keys = [fkey, *keys.values()]
        for text, game in frames:
            for word in forbidden(rules, all_keys, game):
                assert word not in text, f"the projector showed {word!r}"


def test_the_clock_counts_down_in_minutes_and_seconds_and_never_below_zero():
    assert clock_text(245) == "4:05"
    assert clock_text(4.2) == "0:05"
    assert clock_text(0) == "0:00" and clock_text(-3) == "0:00"


def test_a_table_code_is_drawn_in_big_letters_that_fit_the_width():
    big = big_lines("K7Q-2M", 80)
    assert len(big) == 5 and all(len(line) == 70 for line in big)  # two columns a pixel
    small = big_lines("K7Q-2M", 40)
    assert len(small) == 3 and all(len(line) == 35 for line in small)  # half blocks
    assert big_lines("A", 10) != big_lines("B", 10)


@pytest.mark.parametrize(
    "argv, message", [(["project", "hello"], "'hello' is not a table code"), (["project", "ZZZ-ZZ"], "no table ZZZ-ZZ")]
)
def test_project_says_in_one_line_what_it_cannot_show(capsys, argv, message):
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 1 and message in err and err.count("\n") == 1 and out == ""


def test_project_opens_the_projector_of_a_table_with_no_key():
    table, _ = Tables().open("mini", {"vendor": "human"}, content_root=MINI, seed=3)
    app = project.prepare(build_parser().parse_args(["project", table.code.lower().replace("-", "")]))
    assert not isinstance(app, int)

    async def look():
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ProjectorScreen), what="the projector")
            await pilot.pause(0.2)
            return app.screen.code

    assert asyncio.run(look()) == table.code


@pilot_test
async def test_the_titles_projector_entry_asks_the_code_and_shows_the_table():
    tables = Tables()  # the test's own saves folder, where the title's screens look
    table, _ = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=3)
    app = SiliconCurtainApp(content_root=MINI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, TableJoinScreen), what="the code")
        assert app.screen.projector and not app.screen.query_one("#key").display  # no key to give
        await pilot.press(*table.code)
        seats = app.screen.query_one("#seats", OptionList)
        await until(pilot, lambda: seats.display and seats.option_count == 1, what="the table found")
        seats.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProjectorScreen), what="the projector")
        assert app.screen.code == table.code
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TableJoinScreen), what="back")


def test_the_seats_say_who_plays_them_and_never_what_they_ordered():
    from game.table.status import SeatAtTable, Table

    seats = (
        SeatAtTable("vendor", "human", taken=True, submitted=True, team="Falcons", players=("Ana", "Ben")),
        SeatAtTable("lawmaker", "human", taken=False, submitted=False),
        SeatAtTable("regulator", "external:python bot.py", taken=False, submitted=False),
    )
    table = Table("K7Q-2M", "mini", "", "", 3, 1, "", 0, seats)
    rules = Tables().game(Tables().open("mini", {"vendor": "human"}, content_root=MINI, seed=3)[0].code).rules
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(seats_text(rules, table))
    lines = console.export_text().splitlines()
    assert "✓ orders in" in lines[0] and "Falcons (Ana, Ben)" in lines[1]
    assert "waiting for its team to join" in lines[2]
    assert "played by a program" in lines[3]
