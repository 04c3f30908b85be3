"""`table` (no screen) and `join` from the command line: what they print, and one-line errors."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.commands import join
from game.core.state import Order
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


def test_the_seed_given_on_opening_shows_in_status_and_list_with_the_clock_and_pause(capsys, monkeypatch):
    code, key = opened(capsys, "--seed", "42", "--minutes", "5", "--talks-minutes", "2", "--resolve-at-zero")
    status, out, _ = run(capsys, "table", "status", code)
    assert status == 0
    assert "seed 42" in out and "5 min a quarter, talks 2 min, resolves at zero" in out
    assert re.search(r"\b[45]:\d\d left \(talks [12]:\d\d\)", out)
    assert "PAUSED" not in out
    status, out, _ = run(capsys, "table", "list")
    assert status == 0 and re.search(rf"{code}\s+mini\s+seed 42\s+quarter 1 [45]:\d\d left", out)
    Tables().pause(code, key)
    _, out, _ = run(capsys, "table", "status", code)
    assert "quarter 1 PAUSED" in out and "clock paused" in out and "PAUSED: the quarter resolves only" in out


def test_status_names_the_team_and_students_at_a_seat(capsys):
    code, _ = opened(capsys, "--human", "vendor")
    Tables().take(code, "vendor", team="Falcons", players="Ana,  Ben ,")
    _, out, _ = run(capsys, "table", "status", code)
    assert re.search(r"vendor\s+human, taken\s+deciding\s+Falcons \(Ana, Ben\)", out)


def test_export_has_one_row_per_seat_per_quarter_and_parses_with_csv(capsys, monkeypatch, tmp_path):
    import csv
    import io
    import json

    code, key = opened(capsys, "--human", "vendor", "--human", "lawmaker", "--seed", "5")
    tables = Tables()
    vkey = tables.take(code, "vendor", team="Falcons", players=["Ana", "Ben"])
    tables.submit(code, "vendor", vkey, 1, Order("vendor"))
    tables.force(code, key, 1)  # the lawmaker gave no orders: it passed
    table = tables.table(code)
    tables.force(code, key, table.quarter)
    monkeypatch.setenv("SILICON_CURTAIN_KEY", key)
    status, out, err = run(capsys, "table", "export", code, "--format", "csv")
    assert status == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    seats = ["vendor", "lawmaker", "regulator"]
    assert [(int(r["quarter"]), r["seat"]) for r in rows] == [(q, s) for q in (1, 2) for s in seats]
    first = {r["seat"]: r for r in rows if r["quarter"] == "1"}
    assert first["vendor"]["passed"] == "no" and first["vendor"]["team"] == "Falcons"
    assert first["vendor"]["players"] == "Ana; Ben"
    assert first["lawmaker"]["passed"] == "yes" and first["lawmaker"]["forced"] == "yes"
    assert first["regulator"]["controller"] == "bot:random" and first["regulator"]["passed"] == "no"
    assert all(float(r["points"]) <= float(r["points_max"]) for r in rows)
    last = {r["seat"]: r["points"] for r in rows if r["quarter"] == "2"}
    assert all(r["final_points"] == last[r["seat"]] for r in rows)
    target = tmp_path / "grades.json"
    status, out, err = run(capsys, "table", "export", code, "--format", "json", "-o", str(target))
    assert status == 0 and "6 rows" in out, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["seed"] == 5 and len(data["rows"]) == 6 and [f["seat"] for f in data["final"]] == seats


def test_export_needs_the_facilitators_key(capsys, monkeypatch):
    code, _ = opened(capsys)
    monkeypatch.setenv("SILICON_CURTAIN_KEY", "WRONG-KEYS-00000")
    status, out, err = run(capsys, "table", "export", code)
    assert status != 0 and out == "" and "not the facilitator's key" in err and err[-1] == "\n" and err.count("\n") == 1


def test_join_names_the_team_and_a_bad_name_is_one_line(capsys):
    code, _ = opened(capsys, "--human", "vendor", "--human", "lawmaker")
    screen, _ = first_screen_of(["join", code, "--seat", "vendor", "--team", "Falcons", "--players", "Ana, Ben"])
    assert isinstance(screen, GameScreen)
    assert Tables().table(code).seat("vendor").played_by == "Falcons (Ana, Ben)"
    status, out, err = run(capsys, "join", code, "--seat", "lawmaker", "--team", "x" * 61)
    assert status == 1 and "longer than 60 characters" in err and err.count("\n") == 1
    assert not Tables().table(code).seat("lawmaker").taken


def test_open_refuses_a_clock_that_cannot_be(capsys):
    for extra, message in (
        (["--resolve-at-zero"], "--resolve-at-zero: give the time per quarter with --minutes"),
        (["--minutes", "2", "--talks-minutes", "3"], "talks' time must be shorter"),
        (["--minutes", "-1"], "between 0 (no clock) and 240 minutes"),
    ):
        status, out, err = run(capsys, "table", "open", "--scenario", "mini", "--content", str(MINI), *extra)
        assert status == 1 and message in err and err.count("\n") == 1, (extra, err)
    assert Tables().list() == []


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
