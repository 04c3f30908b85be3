"""Programs in seats over the seat protocol: the example bot plays whole games legally, and a
program that misbehaves (garbage, silence, illegal orders, an exit mid-game) costs its seat
its turn, with the error logged in one line, while the game goes on to its end."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from game.bots import External
from game.bots.protocol import outcome_data
from game.content import DEFAULT_CONTENT, load
from game.core.view import view, visible_outcomes
from game.match import Match
from game.match.record import to_toml
from game.match.replay import replay
from game.saves.reader import read_record

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = Path(__file__).parent / "programs"
EXAMPLE = f"{sys.executable} {ROOT / 'examples' / 'minimal_bot.py'}"


def program(name: str) -> str:
    return f"{sys.executable} {PROGRAMS / name}.py"


@pytest.fixture(scope="module")
def h200():
    content = load(DEFAULT_CONTENT)
    return content.scenario("h200")


def play(rules, players, seed=3, **seats):
    match = Match.start(rules, seed, {s: f"bot:{lv}" for s, lv in seats.items()}, players=players)
    match.play_out()
    return match


def test_the_example_bot_plays_a_whole_game_legally_and_says_why(h200):
    match = play(h200, {"lawmaker": External(EXAMPLE, timeout=5)}, vendor="smart", regulator="smart")
    bot = match.bots["lawmaker"]
    assert match.over and bot.errors == []
    assert bot.name == "minimal bot"
    orders = [o for q in match.record.quarters for o in q.orders if o.seat == "lawmaker"]
    assert any(o.actions for o in orders), "it orders, not only passes"
    assert all(o.reason.startswith(("the cheapest actions first", "nothing affordable")) for o in orders)
    assert bot._proc.returncode is not None, "its process was stopped and waited for at the end"


MISBEHAVING = {
    "deep": "hello: not JSON: '[[[[",
    "garbage": "hello: not JSON: 'I am a teapot'",
    "silent": "talks: no reply within 0.4 s",
    "illegal": "orders: illegal order: ",
    "quits": "orders: the program exited (code 3)",
}


@pytest.mark.parametrize("name", sorted(MISBEHAVING))
def test_a_misbehaving_program_costs_its_seat_and_the_game_goes_on(h200, name):
    players = {"lawmaker": External(EXAMPLE, timeout=5), "vendor": External(program(name), timeout=0.4)}
    match = play(h200, players, regulator="smart")
    assert match.over, "the game reached its end"
    errors = match.bots["vendor"].errors
    assert errors and all(e.startswith("external program in seat vendor, Q") for e in errors)
    assert any(MISBEHAVING[name] in e for e in errors), errors
    assert all("\n" not in e for e in errors)
    assert match.bots["lawmaker"].errors == [], "the other program plays on unharmed"
    assert match.bots["vendor"]._proc.returncode is not None, "no process is left running"
    # Whatever the program did, the record holds what the seat did, and replays to the same game.
    assert replay(h200, match.record).faithful


def test_an_illegal_program_loses_its_turns_and_its_reason_is_not_kept(h200):
    match = play(h200, {"vendor": External(program("illegal"), timeout=5)}, lawmaker="smart", regulator="smart")
    vendor = [o for q in match.record.quarters for o in q.orders if o.seat == "vendor"]
    assert vendor[0].actions == () and vendor[0].reason == "passed: the program gave no usable order"
    errors = match.bots["vendor"].errors
    assert any("talks: offer to lawmaker dropped: the offer names no deal 'no_such_deal'" in e for e in errors)
    # It answers in time, so it keeps its seat: each illegal order is logged, quarter by quarter.
    assert sum("orders: illegal order" in e for e in errors) == len(vendor)
    assert not any("stopped" in e for e in errors)


def test_a_fallback_bot_decides_when_the_program_cannot(h200):
    players = {"vendor": External(program("garbage"), timeout=5, fallback="random")}
    match = play(h200, players, lawmaker="smart", regulator="smart")
    vendor = [o for q in match.record.quarters for o in q.orders if o.seat == "vendor"]
    assert all(o.reason.startswith("random bot for the program: ") for o in vendor)
    assert any(o.actions for o in vendor)
    assert "the random bot plays for the rest of the game" in match.bots["vendor"].errors[0]


def test_a_program_that_cannot_run_is_logged_and_the_seat_passes(h200, tmp_path):
    missing = str(tmp_path / "no-such-program")
    match = play(h200, {"vendor": External(missing, timeout=1)}, lawmaker="random", regulator="random")
    assert match.over
    [error] = match.bots["vendor"].errors
    assert error.startswith("external program in seat vendor, Q1 start: cannot run") and "passes" in error


def test_a_programs_reason_is_one_printable_capped_line(h200):
    from game.bots.external import ExternalBot
    from game.bots.protocol import REASON_LIMIT
    from game.core.turn import new_game

    state = new_game(h200, 2)[0]
    bot = ExternalBot(h200, "vendor", 2, program("illegal"), timeout=5)
    try:
        reply = bot._ask({"type": "orders"}, "orders", view(h200, state, "vendor"))
    finally:
        bot.close()
    from game.bots.protocol import read_orders

    reason = read_orders("vendor", reply).reason
    assert "\x1b" not in reason and "\x07" not in reason and "␛" in reason
    assert len(reason) == REASON_LIMIT and reason.endswith("…")


def test_the_program_is_told_only_what_its_seat_sees(h200, tmp_path):
    log = tmp_path / "messages.jsonl"
    players = {"regulator": External(f"{program('recorder')} {log}", timeout=5)}
    match = play(h200, players, seed=5, vendor="smart", lawmaker="smart")
    assert match.bots["regulator"].errors == []
    messages = [json.loads(line) for line in log.read_text().splitlines()]
    hello = messages[0]
    assert hello["type"] == "hello" and hello["protocol"] == 1 and hello["seat"] == "regulator"
    hidden = {t.id for t in h200.tracks if not t.visible_to("regulator")}
    assert hidden, "h200 has tracks the regulator cannot see, so the check means something"
    assert not hidden & {t["id"] for t in hello["rules"]["tracks"]}
    seen = [m for m in messages if "view" in m]
    assert {m["type"] for m in seen} >= {"talks", "orders"}
    for m in seen:
        q = m["view"]["quarter"]
        state = match.history[q - 1]
        expected = {t.id: t.value for t in view(h200, state, "regulator").tracks}
        assert m["view"]["tracks"] == expected
    # Each quarter's talks tell what the seat saw happen in the quarter before, as its report does.
    talks = [m for m in messages if m["type"] == "talks"]
    assert talks[0]["report"] == []
    for m in talks[1:]:
        q = m["view"]["quarter"]
        seen = visible_outcomes(match.log[q - 1], "regulator", h200)
        assert m["report"] == json.loads(json.dumps([outcome_data(o) for o in seen]))
        assert m["report"], "something happened that the regulator saw"
        assert not hidden & {c["track"] for o in m["report"] for c in o["changes"]}
    assert messages[-1] == {"type": "bye"}


def test_a_balance_run_tells_a_program_what_happened_as_a_match_does(h200, tmp_path):
    from game.balance import play_game

    logs = {}
    for how in ("match", "balance"):
        logs[how] = tmp_path / f"{how}.jsonl"
        player = External(f"{program('recorder')} {logs[how]}", timeout=5)
        if how == "match":
            play(h200, {"regulator": player}, seed=6, vendor="random", lawmaker="random")
        else:
            play_game(h200, 6, {"vendor": "random", "lawmaker": "random"}, players={"regulator": player})
    assert logs["match"].read_text() == logs["balance"].read_text()


def test_a_game_with_a_program_saves_and_replays_like_one_with_a_person(h200, tmp_path):
    players = {"vendor": External(EXAMPLE, timeout=5)}
    first = play(h200, players, lawmaker="smart", regulator="smart")
    path = tmp_path / "game.toml"
    path.write_text(to_toml(first.record))
    record = read_record(path)
    assert record.controllers["vendor"] == "external"
    assert replay(h200, record).faithful
    again = play(h200, {"vendor": External(EXAMPLE, timeout=5)}, lawmaker="smart", regulator="smart")
    assert again.record == first.record, "a deterministic program plays the same game again"
    resumed = Match.from_record(h200, record)
    assert resumed.seats["vendor"] == "human", "resumed without its program, the seat is the keyboard's"


@pytest.mark.parametrize("seed", [1, 2])
def test_every_order_and_answer_carries_a_one_line_reason(h200, seed):
    match = play(h200, {"lawmaker": External(EXAMPLE, timeout=5)}, seed=seed, vendor="random", regulator="smart")
    orders = [o for q in match.record.quarters for o in q.orders]
    offers = [o for q in match.record.quarters for o in q.offers]
    assert offers and any(o.answer for o in offers), "the talks were had, so answers are checked"
    assert all(o.reason and "\n" not in o.reason for o in orders)
    assert all(o.answer_reason for o in offers if o.answer)
    random_orders = [o for o in orders if o.seat == "vendor"]
    for order in random_orders:  # the random bot names what the coins chose
        for action in order.actions:
            assert h200.action(action).name.lower() in order.reason.lower()


def test_a_late_reply_is_passed_over_and_the_program_plays_on(h200):
    match = play(h200, {"vendor": External(program("slow"), timeout=1)}, lawmaker="random", regulator="random")
    errors = match.bots["vendor"].errors
    assert errors == [
        "external program in seat vendor, Q1 orders: no reply within 1 s; the seat passes",
    ], "its late answer to Q1 is not taken for Q2's"
    vendor = [o for q in match.record.quarters for o in q.orders if o.seat == "vendor"]
    assert vendor[0].reason == "passed: the program gave no usable order"
    assert all(o.reason.startswith(("the cheapest", "nothing affordable")) for o in vendor[1:])


def test_the_hello_tells_no_other_seats_private_briefing(h200, tmp_path):
    from game.bots.protocol import hello

    message = json.dumps(hello(h200, "vendor"))
    for seat in h200.seats:
        if seat.id != "vendor" and seat.private:
            assert json.dumps(seat.private)[1:-1] not in message
    assert json.dumps(h200.seat("vendor").private)[1:-1] in message


def test_the_replies_in_the_protocol_document_are_read_as_it_says(h200):
    import re

    from game.bots.protocol import read_answer, read_offers, read_orders

    doc = (ROOT / "docs" / "seat-protocol.md").read_text()
    rows = dict(re.findall(r"^\| (hello|talks|offer|orders) \| `(\{.*?\})` \|", doc, re.M))
    assert set(rows) == {"hello", "talks", "offer", "orders"}
    replies = {k: json.loads(v) for k, v in rows.items()}
    assert replies["hello"]["type"] == "ready" and replies["hello"]["protocol"] == 1
    assert [o.receiver for o in read_offers("vendor", replies["talks"])] == ["regulator", "lawmaker"]
    assert read_answer(replies["offer"]) == (True, "...")
    order = read_orders("vendor", replies["orders"])
    assert order.actions == ("court_buyers",) and order.choices == (("orders_surge", "us_first"),)
    # The ids are the shipped scenario's: a reader can try them.
    assert h200.action("court_buyers").seat == "vendor"
    assert h200.event("orders_surge").option("us_first").id == "us_first"
    assert {o.deal for o in read_offers("vendor", replies["talks"]) if o.deal} <= {d.id for d in h200.deals}


def test_a_program_that_floods_its_output_is_stopped_and_leaves_no_thread(h200):
    import threading
    import time

    before = threading.active_count()
    match = play(h200, {"vendor": External(program("flood"), timeout=2)}, lawmaker="random", regulator="random")
    assert match.over
    assert (
        match.bots["vendor"]
        .errors[0]
        .startswith(
            "external program in seat vendor, Q1 hello: a reply longer than 1048576 bytes; the program is stopped"
        )
    )
    for _ in range(50):  # its reading thread ends within a poll or two
        if threading.active_count() <= before:
            break
        time.sleep(0.1)
    assert threading.active_count() <= before


def test_the_game_exits_promptly_and_kills_a_program_that_will_not_stop(tmp_path):
    import os
    import subprocess
    import time

    pid_file = tmp_path / "pid"
    command = f"vendor={program('stubborn')} {pid_file}"
    args = [sys.executable, "-m", "game", "simulate", "--external", command, "--timeout", "0.3"]
    started = time.monotonic()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Winner:" in done.stdout
    assert "the program is stopped" in done.stderr
    assert time.monotonic() - started < 30
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    raise AssertionError(f"the program (pid {pid}) is still running")
