"""`table` (no screen) and `join` from the command line: what they print, and one-line errors."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.commands import join
from game.table import Tables
from game.ui.screens.base import GameScreen
from game.ui.screens.table_facilitator import TableFacilitatorScreen
from game.ui.screens.table_join import TableJoinScreen

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def opened(capsys, *extra) -> tuple[str, str]:
    code, out, err = run(capsys, "table", "open", "--scenario", "mini", "--content", str(MINI), *extra)
    assert code == 0, err
    table_code = re.search(r"table (\w{3}-\w{2}) opened", out).group(1)
    key = re.search(r"facilitator key: ([A-Z0-9-]+)", out).group(1)
    assert f"python -m game join {table_code}" in out
    assert key not in out.split("facilitator key:", 1)[1].split("\n", 1)[1]  # no command line holds it
    return table_code, key


def test_open_list_status_and_force_without_a_screen(capsys, monkeypatch):
    code, key = opened(capsys, "--human", "vendor", "--human", "lawmaker", "--seed", "9")
    assert Tables().table(code).seed == 9
    status, out, _ = run(capsys, "table", "list")
    assert status == 0 and code in out and "vendor (free)" in out and "quarter 1" in out
    Tables().take(code, "vendor")
    status, out, _ = run(capsys, "table", "status", code.lower())
    assert status == 0
    assert re.search(r"vendor\s+human, taken\s+deciding", out)
    assert re.search(r"lawmaker\s+human, free\s+deciding", out)
    assert re.search(r"regulator\s+bot:random", out)
    monkeypatch.setenv("SILICON_CURTAIN_KEY", key)
    status, out, _ = run(capsys, "table", "force", code)
    assert status == 0 and "quarter 1 resolved; vendor, lawmaker gave no orders and passed" in out
    assert Tables().table(code).resolved == 1


def test_open_seats_every_team_by_default(capsys):
    code, _ = opened(capsys)
    assert Tables().table(code).humans == ("vendor", "lawmaker", "regulator")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["table", "open", "--scenario", "nope", "--content", str(MINI)], "no scenario 'nope'"),
        (["table", "open", "--scenario", "mini", "--content", "/no/such/folder"], "no such folder"),
        (["table", "open", "--scenario", "mini", "--content", str(MINI), "--human", "senator"], "no seat 'senator'"),
        (["table", "status", "ZZZ-ZZ"], "no table ZZZ-ZZ"),
        (["table", "status", "x"], "'x' is not a table code"),
        (["join", "hello"], "'hello' is not a table code"),
        (["join", "ZZZ-ZZ"], "no table ZZZ-ZZ"),
    ],
)
def test_bad_requests_are_one_line_and_exit_1(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 1 and message in err and err.count("\n") == 1 and out == ""


def test_force_with_a_wrong_key_and_joins_that_cannot_sit(capsys, tmp_path):
    code, key = opened(capsys, "--human", "vendor")
    Tables().take(code, "vendor")
    wrong = tmp_path / "wrong-key"
    wrong.write_text("AAAA-AAAA-AAAAA\n")
    for argv, message in [
        (["table", "force", code, "--key-file", str(wrong)], "not the facilitator's key"),
        (["table", "force", code], "the facilitator's key is needed"),
        (["join", code, "--seat", "vendor"], "vendor is taken"),
        (["join", code, "--seat", "regulator"], "played by a bot"),
        (["join", code, "--seat", "facilitator", "--key-file", str(wrong)], "not the facilitator's key"),
        (["join", code, "--seat", "facilitator", "--key", key], "a key on the command line is shown to every user"),
        (["table", "force", code, "--key", key], "a key on the command line is shown to every user"),
        (["join", code, "--seat", "facilitator", "--key-file", str(tmp_path / "none")], "--key-file"),
    ]:
        status, _, err = run(capsys, *argv)
        assert status == 1 and message in err and err.count("\n") == 1, (argv, err)
    assert Tables().table(code).resolved == 0


def first_screen_of(argv):
    """The screen `join` opens on, without a terminal."""
    app = join.prepare(build_parser().parse_args(argv))
    assert not isinstance(app, int)

    async def look():
        async with app.run_test(size=(100, 34)) as pilot:
            for _ in range(200):
                screen = app.screen
                # Fully up, header included: leaving earlier trips Textual's header as it mounts.
                at_table = type(screen).__name__.startswith("Table") or isinstance(screen, GameScreen)
                if at_table and screen.query("HeaderTitle"):
                    break
                await pilot.pause(0.05)
            await pilot.pause(0.1)
            return app.screen, app.session

    return asyncio.run(look())


def test_join_opens_at_the_table_the_seat_or_the_console(capsys, monkeypatch, tmp_path):
    code, key = opened(capsys, "--human", "vendor", "--human", "lawmaker")
    screen, _ = first_screen_of(["join", code])
    assert isinstance(screen, TableJoinScreen) and screen.start_code == code
    screen, session = first_screen_of(["join", code, "--seat", "vendor"])
    assert isinstance(screen, GameScreen) and screen.seat == "vendor"  # the seat's own briefing
    seat_key = session.key
    assert Tables().table(code).seat("vendor").taken
    key_file = tmp_path / "seat-key"
    key_file.write_text(seat_key.lower() + "\n")  # as a person might type it
    screen, session = first_screen_of(["join", code, "--seat", "vendor", "--key-file", str(key_file)])  # a closed tab
    assert isinstance(screen, GameScreen) and session.key == seat_key
    monkeypatch.setenv("SILICON_CURTAIN_KEY", key)
    screen, _ = first_screen_of(["join", code, "--seat", "facilitator"])
    assert isinstance(screen, TableFacilitatorScreen)


def test_table_open_keeps_the_tables_folder_its_owners_alone(capsys):
    """`table open` copied the content first, which made the tables folder 0755 around the
    0600 database and saves; an older game's folder is made private too."""
    import os
    import stat

    from game.saves.store import saves_dir

    folder = saves_dir() / "tables"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    assert main(["table", "open", "--scenario", "mini", "--seed", "3", "--content", str(MINI)]) == 0
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for path in folder.glob("table-*.toml"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
