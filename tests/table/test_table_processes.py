"""Three seats in three processes submit at the same instant, quarter after quarter.

Each process is a fresh interpreter (spawn), as each browser tab of `serve` is: it has its
own cache and its own SQLite connection, and only the database is shared.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from game.core.model import PUBLIC
from game.core.view import view
from game.match import Match
from game.table import FACILITATOR, TableError, Tables

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
SEATS = ("vendor", "lawmaker", "regulator")
WAIT = 60  # seconds a barrier waits before the test fails instead of hanging


def seat_process(db: str, codes: list[str], seat: str, keys: dict, barrier, results) -> None:
    """One team: read its own view, pick an order from it, then submit when everyone does."""
    from game.bots.random_bot import RandomBot

    tables = Tables(db)
    report = []
    try:
        for code in codes:
            while True:
                game = tables.game(code)
                if game.over:
                    break
                seen = view(game.rules, game.state, seat)
                order = RandomBot(game.rules, seat, seed=len(report) + 1).order(seen)
                barrier.wait(WAIT)
                resolved = tables.submit(code, seat, keys[code][seat], seen.quarter, order)
                report.append(
                    {
                        "code": code,
                        "quarter": seen.quarter,
                        "resolved": resolved,
                        "actions": order.actions,
                        "choices": order.choices,
                        "tracks": [t.id for t in seen.tracks],
                        "budget": seen.budget,
                        "values": list(seen.values),
                    }
                )
                barrier.wait(WAIT)  # past this, all three submitted and the quarter has resolved
    except BaseException as err:  # reported, so the test says what went wrong in the child
        barrier.abort()
        results.put((seat, f"{type(err).__name__}: {err}"))
        return
    results.put((seat, report))


def race_process(db: str, code: str, seat: str, key: str, barrier, results) -> None:
    """Each quarter the vendor submits first; then the lawmaker's order (the last one missing)
    and the facilitator's force land at the same instant, and one of them resolves it."""
    from game.core.state import Order

    tables = Tables(db)
    outcome = []
    while not tables.table(code).over:
        q = tables.table(code).quarter
        barrier.wait(WAIT)
        if seat == "vendor":
            tables.submit(code, seat, key, q, Order(seat, ()))
        barrier.wait(WAIT)
        try:
            if seat == FACILITATOR:
                tables.force(code, key, q)
                outcome.append("resolved")
            elif seat == "lawmaker":
                outcome.append(
                    "resolved" if tables.submit(code, seat, key, q, Order(seat, ("hearing",))) else "waiting"
                )
        except TableError as err:
            outcome.append(str(err))
        barrier.wait(WAIT)
    results.put((seat, outcome))


def run_processes(target, args_per_process):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(args_per_process))
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, barrier, results)) for args in args_per_process]
    for p in procs:
        p.start()
    out = dict(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    return out


def test_three_seats_in_three_processes_resolve_each_quarter_once_and_lose_nothing(tmp_path, mini):
    db = tmp_path / "tables.sqlite3"
    tables = Tables(db)
    codes, keys, seeds = [], {}, {}
    for seed in (1, 2, 3):  # three whole games: 3 x 6 quarters of three-way races
        table, _ = tables.open("mini", dict.fromkeys(SEATS, "human"), content_root=MINI, seed=seed)
        codes.append(table.code)
        seeds[table.code] = seed
        keys[table.code] = {s: tables.take(table.code, s) for s in SEATS}

    reports = run_processes(seat_process, [(str(db), codes, seat, keys) for seat in SEATS])
    for seat, report in reports.items():
        assert isinstance(report, list), f"{seat}'s process failed: {report}"

    conn = sqlite3.connect(db)
    for code in codes:
        game = tables.game(code)
        assert game.over
        quarters = [r["quarter"] for r in reports["vendor"] if r["code"] == code]
        assert quarters == list(range(1, len(game.record.quarters) + 1))
        for q in quarters:
            # Resolved exactly once: one row, and exactly one of the three processes did it.
            rows = conn.execute("SELECT count(*) FROM resolutions WHERE code = ? AND quarter = ?", (code, q))
            assert rows.fetchone()[0] == 1
            resolvers = [
                s for s in SEATS for r in reports[s] if r["code"] == code and r["quarter"] == q and r["resolved"]
            ]
            assert len(resolvers) == 1, (code, q, resolvers)
            # Nothing lost: every seat's order is in the record exactly as that process sent it.
            recorded = {o.seat: o for o in game.record.quarters[q - 1].orders}
            for seat in SEATS:
                sent = next(r for r in reports[seat] if r["code"] == code and r["quarter"] == q)
                assert recorded[seat].actions == tuple(sent["actions"])
                assert recorded[seat].choices == tuple(tuple(c) for c in sent["choices"])
            n_orders = conn.execute("SELECT count(*) FROM orders WHERE code = ? AND quarter = ?", (code, q)).fetchone()[
                0
            ]
            assert n_orders == 3
        # The same orders played at one terminal give the same game, bit for bit.
        local = Match.start(mini, seeds[code], dict.fromkeys(SEATS, "human"), game.record.content)
        for quarter in game.record.quarters:
            local.play({o.seat: o for o in quarter.orders})
        assert local.state.digest() == game.state.digest()

    # Each process saw only its own private state: public tracks and its own, never another's.
    private = {s: {t.id for t in mini.tracks if t.visibility == s} for s in SEATS}
    public = {t.id for t in mini.tracks if t.visibility == PUBLIC}
    for seat in SEATS:
        for r in reports[seat]:
            assert set(r["tracks"]) == public | private[seat]
            hidden = [i for i, t in enumerate(mini.tracks) if t.id not in public | private[seat]]
            assert all(r["values"][i] is None for i in hidden)
            assert r["budget"] is not None
    assert private["vendor"] and private["lawmaker"] and private["regulator"]  # the fixture has secrets to keep


@pytest.mark.parametrize("seed", [1, 2])
def test_the_last_order_and_the_facilitators_force_race_and_only_one_resolves(tmp_path, seed):
    db = tmp_path / "tables.sqlite3"
    tables = Tables(db)
    table, fkey = tables.open("mini", {"vendor": "human", "lawmaker": "human"}, content_root=MINI, seed=seed)
    keys = {
        "vendor": tables.take(table.code, "vendor"),
        "lawmaker": tables.take(table.code, "lawmaker"),
        FACILITATOR: fkey,
    }
    out = run_processes(race_process, [(str(db), table.code, s, keys[s]) for s in ("vendor", "lawmaker", FACILITATOR)])
    game = tables.game(table.code)
    assert game.over and len(out["lawmaker"]) == len(out[FACILITATOR]) == len(game.record.quarters)
    conn = sqlite3.connect(db)
    for q, (lawmaker, force) in enumerate(zip(out["lawmaker"], out[FACILITATOR]), start=1):
        assert sorted([lawmaker == "resolved", force == "resolved"]) == [False, True], (q, lawmaker, force)
        loser = force if lawmaker == "resolved" else lawmaker
        assert f"quarter {q} has already resolved" in loser or (q == len(out[FACILITATOR]) and "is over" in loser)
        # The lawmaker's order is in the record exactly when it arrived in time, never half.
        recorded = {o.seat: o.actions for o in game.record.quarters[q - 1].orders}
        assert recorded["lawmaker"] == (("hearing",) if lawmaker == "resolved" else ())
        forced = conn.execute(
            "SELECT forced FROM resolutions WHERE code = ? AND quarter = ?", (table.code, q)
        ).fetchall()
        assert forced == [(int(force == "resolved"),)]
