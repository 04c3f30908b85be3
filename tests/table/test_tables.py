"""Tables in one process: opening, seats and keys, orders, resolution, the facilitator's moves."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from itertools import permutations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from game.core.state import Intervention, Order
from game.match import Match
from game.table import FACILITATOR, TableError, Tables, normalise_code
from game.table.codes import ALPHABET, new_code

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
HUMANS = {"vendor": "human", "lawmaker": "human", "regulator": "human"}


@pytest.fixture
def tables(tmp_path):
    return Tables(tmp_path / "tables.sqlite3")


def open_table(tables, seats=HUMANS, seed=7):
    table, key = tables.open("mini", dict(seats), content_root=MINI, seed=seed)
    return table, key


def seat_all(tables, code, seats=("vendor", "lawmaker", "regulator")):
    return {s: tables.take(code, s) for s in seats}


def test_default_database_lives_in_the_saves_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SILICON_CURTAIN_SAVES", str(tmp_path / "elsewhere"))
    tables = Tables()
    table, _ = open_table(tables)
    assert tables.path == tmp_path / "elsewhere" / "tables" / "tables.sqlite3"
    assert tables.path.exists()
    assert (tmp_path / "elsewhere" / "tables" / f"table-{table.code}.toml").exists()


def test_the_database_is_in_wal_mode(tables):
    open_table(tables)
    conn = sqlite3.connect(tables.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_codes_are_short_unambiguous_and_forgiving_when_typed():
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190  # random, not a counter
    for code in codes:
        assert len(code) == 6 and code[3] == "-"
        assert all(c in ALPHABET for c in code.replace("-", ""))
        assert normalise_code(code.lower().replace("-", " ")) == code
    assert not set("01OIL") & set(ALPHABET)
    assert normalise_code("K7Q2") is None
    assert normalise_code("K7Q-0M") is None  # zero is not in the alphabet
    assert normalise_code("") is None


def test_open_names_the_seats_and_fills_the_rest_with_bots(tables):
    table, key = open_table(tables, {"vendor": "human"})
    assert [(s.seat, s.controller) for s in table.seats] == [
        ("vendor", "human"),
        ("lawmaker", "bot:random"),
        ("regulator", "bot:random"),
    ]
    assert table.quarter == 1 and table.resolved == 0 and not table.over
    assert table.free == ("vendor",) and table.waiting_on == ("vendor",)
    assert len(key) == 15 and key[4] == key[9] == "-" and set(key.replace("-", "")) <= set(ALPHABET)
    assert tables.table(table.code.lower()) == table


@pytest.mark.parametrize(
    "seats, scenario, message",
    [
        ({"vendor": "human", "senator": "human"}, "mini", "no seat 'senator'"),
        ({"vendor": "robot"}, "mini", "neither 'human' nor a bot"),
        ({"vendor": "random"}, "mini", "neither 'human' nor a bot"),
        ({"vendor": "bot:genius"}, "mini", "neither 'human' nor a bot"),
        ({}, "mini", "at least one human seat"),
        ({"vendor": "human"}, "minj", "did you mean 'mini'"),
    ],
)
def test_open_refuses_bad_tables_in_one_line(tables, seats, scenario, message):
    with pytest.raises(TableError, match=message) as err:
        tables.open(scenario, seats, content_root=MINI)
    assert "\n" not in str(err.value)
    assert not (tables.saves / "content").exists()  # nothing kept for a table never opened


def test_open_refuses_broken_content_with_its_first_problem(tables, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    text = (broken / "rules.toml").read_text().replace('when = "tension >= 95"', 'when = "tenshun >= 95"')
    (broken / "rules.toml").write_text(text)
    with pytest.raises(TableError, match=r"rules\.toml:\d+: .*tenshun.*\(1 problem in"):
        tables.open("mini", {"vendor": "human"}, content_root=broken)


def test_a_seat_is_taken_once_and_rejoined_with_its_key(tables):
    table, fkey = open_table(tables, {"vendor": "human", "lawmaker": "human"})
    key = tables.take(table.code, "vendor")
    assert tables.table(table.code).free == ("lawmaker",)
    with pytest.raises(TableError, match="vendor is taken.*seat key"):
        tables.take(table.code, "vendor")
    with pytest.raises(TableError, match="vendor is taken"):
        tables.take(table.code, "vendor", key="0000" if key != "0000" else "1111")
    assert tables.take(table.code, "vendor", key=key) == key  # a reloaded browser tab comes back
    with pytest.raises(TableError, match="played by a bot"):
        tables.take(table.code, "regulator")
    with pytest.raises(TableError, match="no seat 'senator'"):
        tables.take(table.code, "senator")
    with pytest.raises(TableError, match="no table"):
        tables.take("ZZZ-ZZ", "vendor")
    with pytest.raises(TableError, match="not a table code"):
        tables.take("hello", "vendor")
    assert tables.take(table.code, FACILITATOR, key=fkey) == fkey
    with pytest.raises(TableError, match="not the facilitator's key"):
        tables.take(table.code, FACILITATOR, key="nope")
    assert tables.keys(table.code, fkey) == {"vendor": key}


def test_the_quarter_resolves_when_the_last_human_seat_submits(tables):
    table, _ = open_table(tables, {"vendor": "human", "lawmaker": "human"})
    keys = seat_all(tables, table.code, ("vendor", "lawmaker"))
    assert tables.submit(table.code, "vendor", keys["vendor"], 1, Order("vendor", ("lobby",))) is False
    now = tables.table(table.code)
    assert now.quarter == 1 and now.waiting_on == ("lawmaker",) and now.seat("vendor").submitted
    assert tables.submit(table.code, "lawmaker", keys["lawmaker"], 1, Order("lawmaker", ("hearing",))) is True
    now = tables.table(table.code)
    assert now.quarter == 2 and now.resolved == 1 and now.waiting_on == ("vendor", "lawmaker")
    # The bot's order is filled in by Match, exactly as in a game at one terminal.
    expected = Match.start(tables.game(table.code).rules, 7, {"vendor": "human", "lawmaker": "human"})
    expected.play({"vendor": Order("vendor", ("lobby",)), "lawmaker": Order("lawmaker", ("hearing",))})
    assert tables.game(table.code).state == expected.state
    assert tables.game(table.code).record.quarters == expected.record.quarters


def test_orders_are_checked_final_and_for_the_current_quarter_only(tables):
    table, _ = open_table(tables)
    keys = seat_all(tables, table.code)
    code = table.code
    with pytest.raises(TableError, match="needs licence"):
        tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ("ship",)))
    with pytest.raises(TableError, match="belongs to lawmaker"):
        tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ("hearing",)))
    with pytest.raises(TableError, match="cannot be given from seat vendor"):
        tables.submit(code, "vendor", keys["vendor"], 1, Order("lawmaker", ()))
    with pytest.raises(TableError, match="not lawmaker's seat key"):
        tables.submit(code, "lawmaker", keys["vendor"], 1, Order("lawmaker", ()))
    with pytest.raises(TableError, match="quarter 2 has already resolved; .* on quarter 1"):
        tables.submit(code, "vendor", keys["vendor"], 2, Order("vendor", ()))
    assert tables.table(code).waiting_on == ("vendor", "lawmaker", "regulator")  # nothing half-recorded
    tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ("lobby",)))
    with pytest.raises(TableError, match="already given its orders"):
        tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ()))
    tables.submit(code, "lawmaker", keys["lawmaker"], 1, Order("lawmaker", ()))
    tables.submit(code, "regulator", keys["regulator"], 1, Order("regulator", ()))
    with pytest.raises(TableError, match="quarter 1 has already resolved; .* on quarter 2"):
        tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ()))


def test_only_the_facilitator_forces_and_missing_seats_pass(tables):
    table, fkey = open_table(tables)
    keys = seat_all(tables, table.code)
    code = table.code
    tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ("lobby",)))
    with pytest.raises(TableError, match="not the facilitator's key"):
        tables.force(code, keys["vendor"], 1)
    assert tables.orders(code, fkey, 1) == {"vendor": Order("vendor", ("lobby",))}
    with pytest.raises(TableError, match="not the facilitator's key"):
        tables.orders(code, keys["vendor"], 1)  # a seat never reads another's orders
    tables.force(code, fkey, 1)
    game = tables.game(code)
    assert [o.actions for o in game.record.quarters[0].orders] == [("lobby",), (), ()]
    with pytest.raises(TableError, match="quarter 1 has already resolved"):
        tables.force(code, fkey, 1)
    assert tables.passed(code, "vendor") == frozenset()
    assert tables.passed(code, "lawmaker") == tables.passed(code, "regulator") == {1}
    conn = sqlite3.connect(tables.path)
    assert conn.execute("SELECT quarter, forced FROM resolutions").fetchall() == [(1, 1)]


def test_a_reading_is_one_moment_even_while_another_process_forces_quarters(tables):
    """A screen is built on a reading and redrawn from the next: if the table and the game came
    from different moments, it would show one quarter's orders under another's title, or report
    a quarter from a game that has not played it."""
    table, fkey = open_table(tables, {"vendor": "human"}, seed=5)
    code = table.code
    tables.take(code, "vendor")
    facilitator = Tables(tables.path)  # another process: its own connections and cache

    def force_to_the_end():
        while not facilitator.table(code).over:
            facilitator.force(code, fkey, facilitator.table(code).quarter)

    forcing = threading.Thread(target=force_to_the_end)
    forcing.start()
    readings = []
    try:
        while forcing.is_alive() or not readings or not readings[-1].table.over:
            readings.append(tables.reading(code, "vendor"))
    finally:
        forcing.join()
    seen = sorted({r.table.resolved for r in readings})
    assert seen[-1] == len(readings[-1].game.record.quarters) >= 2  # the game went on while we read
    for r in readings:
        assert len(r.game.log) - 1 == len(r.game.history) - 1 == r.table.resolved
        assert r.game.state.quarter == r.table.quarter and r.game.state.ending == r.table.ending
        assert r.passed == frozenset(range(1, r.table.resolved + 1))  # the vendor never gave orders
    assert tables.reading(code).passed == frozenset()  # the facilitator's reading: no seat, none passed


def test_interventions_are_checked_applied_and_kept_in_the_save(tables):
    table, fkey = open_table(tables, {"vendor": "human"})
    code = table.code
    key = tables.take(code, "vendor")
    with pytest.raises(TableError, match="no track 'tenshun'"):
        tables.intervene(code, fkey, 1, Intervention("set", track="tenshun", value=3))
    with pytest.raises(TableError, match="nobody ordered 'lobby'"):
        tables.intervene(code, fkey, 1, Intervention("force", action="lobby"))
    with pytest.raises(TableError, match="not the facilitator's key"):
        tables.intervene(code, key, 1, Intervention("set", track="tension", value=90))
    tables.intervene(
        code, fkey, 1, Intervention("custom", title="Port strike", effects=("tension += 20",), note="shake them up")
    )
    tables.intervene(code, fkey, 1, Intervention("set", track="licence", value="revoked"))
    tables.submit(code, "vendor", key, 1, Order("vendor", ()))
    game = tables.game(code)
    assert game.state.ending == "revoked" and tables.table(code).over
    assert [i.kind for i in game.record.quarters[0].interventions] == ["custom", "set"]
    assert any(o.phase == "facilitator" and o.text == "Port strike" for o in game.log[1])
    saved = tomllib.loads(tables.save_path(code).read_text())
    assert [i["kind"] for i in saved["quarter"][0]["intervention"]] == ["custom", "set"]
    with pytest.raises(TableError, match="is over"):
        tables.submit(code, "vendor", key, 1, Order("vendor", ()))


def test_the_save_follows_every_quarter_and_replays_to_the_same_game(tables):
    table, fkey = open_table(tables, seed=11)
    keys = seat_all(tables, table.code)
    code = table.code
    while not tables.table(code).over:
        q = tables.table(code).quarter
        game = tables.game(code)
        for seat in ("vendor", "lawmaker", "regulator"):
            tables.submit(code, seat, keys[seat], q, _bot(game, seat))
    game = tables.game(code)
    saved = tomllib.loads(tables.save_path(code).read_text())
    assert len(saved["quarter"]) == len(game.record.quarters) >= 1
    assert saved["quarter"][-1]["digest"] == game.state.digest()
    # A fresh process (no cache) derives the same game from the rows alone.
    assert Tables(tables.path).game(code).state == game.state


def _bot(game, seat):
    from game.bots.random_bot import RandomBot
    from game.core.view import view

    return RandomBot(game.rules, seat, game.seed).order(view(game.rules, game.state, seat))


def test_a_table_keeps_the_rules_it_opened_with_when_the_content_is_edited(tables, tmp_path):
    content = tmp_path / "authored"
    shutil.copytree(MINI, content)
    table, _ = tables.open("mini", {"vendor": "human"}, content_root=content, seed=2)
    kept = Path(table.content_root)
    assert kept.parent == tables.saves / "content" and kept.name == table.fingerprint[:16]
    assert sorted(p.relative_to(kept) for p in kept.rglob("*.toml")) == sorted(
        p.relative_to(content) for p in content.rglob("*.toml")
    )
    key = tables.take(table.code, "vendor")
    tables.submit(table.code, "vendor", key, 1, Order("vendor", ()))
    path = content / "actions" / "actions.toml"
    path.write_text(path.read_text().replace("cost = 2", "cost = 1", 1))  # an author edits between quarters
    game = Tables(tables.path).game(table.code)  # a fresh process still plays the table's rules
    assert game.rules.action("hearing").cost == 2
    again, _ = tables.open("mini", {"vendor": "human"}, content_root=content, seed=2)
    assert Tables(tables.path).game(again.code).rules.action("hearing").cost == 1  # new tables, new rules
    assert again.content_root != table.content_root
    # A second table on unchanged content shares the first one's copy.
    third, _ = tables.open("mini", {"vendor": "human"}, content_root=content)
    assert third.content_root == again.content_root


def test_a_tampered_copy_is_refused_not_replayed_into_another_game(tables):
    table, _ = open_table(tables, {"vendor": "human"})
    key = tables.take(table.code, "vendor")
    tables.submit(table.code, "vendor", key, 1, Order("vendor", ()))
    path = Path(table.content_root) / "actions" / "actions.toml"
    path.write_text(path.read_text().replace("cost = 2", "cost = 1", 1))
    with pytest.raises(TableError, match="content in .* has changed since this table opened"):
        Tables(tables.path).game(table.code)


@settings(max_examples=30, deadline=None)
@given(order=st.permutations(["vendor", "lawmaker", "regulator", "force"]), humans=st.integers(1, 3))
def test_any_order_of_submissions_and_forcing_resolves_exactly_once(tmp_path_factory, order, humans):
    tables = Tables(tmp_path_factory.mktemp("t") / "tables.sqlite3")
    human_seats = ["vendor", "lawmaker", "regulator"][:humans]
    table, fkey = tables.open("mini", dict.fromkeys(human_seats, "human"), content_root=MINI, seed=5)
    keys = seat_all(tables, table.code, human_seats)
    resolutions = 0
    for who in order:
        if who != "force" and who not in human_seats:
            continue
        try:
            if who == "force":
                tables.force(table.code, fkey, 1)
                resolved = True
            else:
                resolved = tables.submit(table.code, who, keys[who], 1, Order(who, ()))
        except TableError as err:
            assert "already resolved" in str(err)
            resolved = False
        resolutions += resolved
    assert resolutions == 1
    assert tables.table(table.code).resolved == 1 and tables.table(table.code).quarter == 2


def test_every_permutation_of_three_seats_records_all_three_orders(tables):
    for first, second, third in permutations(["vendor", "lawmaker", "regulator"]):
        table, _ = open_table(tables)
        keys = seat_all(tables, table.code)
        orders = {
            "vendor": Order("vendor", ("lobby",)),
            "lawmaker": Order("lawmaker", ("briefing",)),
            "regulator": Order("regulator", ("cut_quota",)),
        }
        results = [tables.submit(table.code, s, keys[s], 1, orders[s]) for s in (first, second, third)]
        assert results == [False, False, True]
        recorded = tables.game(table.code).record.quarters[0].orders
        assert {o.seat: o for o in recorded} == orders


def test_a_paused_table_takes_orders_but_holds_the_quarter_for_the_facilitator(tables):
    table, fkey = open_table(tables, {"vendor": "human", "lawmaker": "human"})
    code = table.code
    keys = seat_all(tables, code, ("vendor", "lawmaker"))
    with pytest.raises(TableError, match="not the facilitator's key"):
        tables.pause(code, keys["vendor"])
    assert tables.pause(code, fkey) is False and tables.table(code).paused
    tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ("lobby",)))
    assert tables.submit(code, "lawmaker", keys["lawmaker"], 1, Order("lawmaker", ())) is False
    held = tables.table(code)
    assert held.quarter == 1 and held.resolved == 0 and held.waiting_on == ()
    # While held, the facilitator can still add a move that reads the orders now in.
    tables.intervene(code, fkey, 1, Intervention("force", action="lobby", success=False))
    assert tables.pause(code, fkey, paused=False) is True  # everyone was in: letting go resolves
    game = tables.game(code)
    assert tables.table(code).quarter == 2
    lobby = next(o for o in game.log[1] if o.id == "lobby")
    assert lobby.success is False
    assert tables.pause(code, fkey, paused=False) is False  # nothing more to resolve


def test_a_facilitator_who_resumes_early_waits_for_the_missing_seats(tables):
    table, fkey = open_table(tables, {"vendor": "human", "lawmaker": "human"})
    code = table.code
    keys = seat_all(tables, code, ("vendor", "lawmaker"))
    tables.pause(code, fkey)
    tables.submit(code, "vendor", keys["vendor"], 1, Order("vendor", ()))
    assert tables.pause(code, fkey, paused=False) is False
    assert tables.table(code).waiting_on == ("lawmaker",)
    assert tables.submit(code, "lawmaker", keys["lawmaker"], 1, Order("lawmaker", ())) is True


# --- keys (issue 20) ----------------------------------------------------------------------------


def test_keys_hold_64_bits_and_more_and_are_never_alike():
    import math

    from game.table.codes import KEY_LENGTH, new_key

    assert KEY_LENGTH * math.log2(len(ALPHABET)) >= 64
    keys = {new_key() for _ in range(500)}
    assert len(keys) == 500
    assert all(len(k.replace("-", "")) == KEY_LENGTH for k in keys)


def test_a_key_is_accepted_as_typed_and_an_old_tables_digits_still_work():
    from game.table.codes import key_matches

    assert key_matches("hk4m 7qpz r2wne", "HK4M-7QPZ-R2WNE")
    assert key_matches(" HK4M7QPZR2WNE ", "HK4M-7QPZ-R2WNE")
    assert not key_matches("HK4M-7QPZ-R2WNF", "HK4M-7QPZ-R2WNE")
    assert key_matches("12345678", "12345678")  # a table opened before keys grew
    assert not key_matches(None, "12345678") and not key_matches("12345678", None)


def _wait_out_the_lock(tables, code, seat):
    conn = sqlite3.connect(tables.path)
    conn.execute("UPDATE key_failures SET last = last - 7200 WHERE code = ? AND seat = ?", (code, seat))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("seat", ["vendor", FACILITATOR])
def test_five_wrong_keys_lock_the_seat_for_a_while_even_to_the_right_key(tables, seat):
    table, fkey = open_table(tables)
    right = fkey if seat == FACILITATOR else tables.take(table.code, seat)
    for _ in range(5):
        with pytest.raises(TableError, match="that is not|is taken"):
            tables.take(table.code, seat, key="AAAA-AAAA-AAAAA")
    with pytest.raises(TableError, match="too many wrong keys .* try again in 6\\d s"):
        tables.take(table.code, seat, key=right)
    with pytest.raises(TableError, match="too many wrong keys"):
        tables.orders(table.code, "AAAA-AAAA-AAAAA", 1) if seat == FACILITATOR else tables.take(
            table.code, seat, key="AAAA-AAAA-AAAAA"
        )
    _wait_out_the_lock(tables, table.code, seat)
    with pytest.raises(TableError, match="that is not|is taken"):  # one more wrong key: locked longer
        tables.take(table.code, seat, key="AAAA-AAAA-AAAAA")
    with pytest.raises(TableError, match="try again in 1[12]\\d s"):
        tables.take(table.code, seat, key=right)
    _wait_out_the_lock(tables, table.code, seat)
    assert tables.take(table.code, seat, key=right) == right  # the right key ends the run
    for _ in range(4):
        with pytest.raises(TableError, match="that is not|is taken"):
            tables.take(table.code, seat, key="AAAA-AAAA-AAAAA")
    assert tables.take(table.code, seat, key=right) == right  # four wrong keys lock nothing


def test_a_lock_on_one_seat_leaves_the_others_and_other_tables_alone(tables):
    table, fkey = open_table(tables)
    keys = seat_all(tables, table.code)
    other, _ = open_table(tables, seed=8)
    for _ in range(6):
        with pytest.raises(TableError):
            tables.take(table.code, "vendor", key="AAAA-AAAA-AAAAA")
    assert tables.take(table.code, "lawmaker", key=keys["lawmaker"]) == keys["lawmaker"]
    assert tables.take(table.code, FACILITATOR, key=fkey) == fkey
    assert tables.take(other.code, "vendor")  # the same seat of another table is free to take


def test_the_database_and_table_saves_are_their_owners_alone(tables):
    import os
    import stat

    table, _ = open_table(tables)
    for path in (tables.path, tables.save_path(table.code)):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    for extra in ("-wal", "-shm"):
        path = Path(f"{tables.path}{extra}")
        if path.exists():
            assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path


def test_an_older_world_readable_database_is_made_private(tmp_path):
    import os
    import stat

    path = tmp_path / "t" / "tables.sqlite3"
    path.parent.mkdir()
    conn = sqlite3.connect(path)
    conn.close()
    os.chmod(path, 0o644)
    Tables(path).list()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
