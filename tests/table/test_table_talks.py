"""Talks at a table: offers and answers kept in the database, read by every process, checked
by the rules, and played into the quarter they were made in."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.deals import Offer, seen_by
from game.core.state import Order
from game.core.view import visible_outcomes
from game.match import Match
from game.saves.reader import read_record
from game.table import TableError, Tables

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
HUMANS = {"vendor": "human", "lawmaker": "human", "regulator": "human"}
TRADE = Offer("vendor", "regulator", gives="lobby", wants="cut_quota")


@pytest.fixture
def table(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", dict(HUMANS), content_root=MINI, seed=7)
    keys = {s: tables.take(table.code, s) for s in HUMANS}
    return tables, table.code, keys, fkey


def test_an_offer_is_read_by_the_receiver_answered_and_played_into_its_quarter(table, tmp_path):
    tables, code, keys, fkey = table
    made = tables.offer(code, "vendor", keys["vendor"], 1, TRADE)
    assert made.answer == ""
    other = Tables(tmp_path / "tables.sqlite3")  # another process: its own cache
    assert other.reading(code, "regulator").game.offers == [TRADE]
    with pytest.raises(TableError, match="offers to answer"):
        other.submit(code, "regulator", keys["regulator"], 1, Order("regulator"))
    with pytest.raises(TableError, match="no offer"):
        tables.answer(code, "lawmaker", keys["lawmaker"], 1, 0, True)  # not the lawmaker's to answer
    other.answer(code, "regulator", keys["regulator"], 1, 0, True)
    assert tables.offers(code, fkey, 1)[0].accepted  # the facilitator sees every offer
    for seat in HUMANS:
        tables.submit(code, seat, keys[seat], 1, Order(seat))
    game = Tables(tmp_path / "tables.sqlite3").game(code)  # replayed from the rows, digest checked
    (kept,) = game.record.quarters[0].offers
    assert kept.accepted and kept.same_terms(TRADE)
    record = read_record(tables.save_path(code))
    assert record.quarters[0].offers == (kept,)
    replayed = Match.from_record(game.rules, record)
    assert replayed.state.digest() == game.state.digest()
    # The lawmaker, not a party, learns of it neither in the talks nor in what happened.
    assert not seen_by(game.record.quarters[0].offers, "lawmaker")
    seen = visible_outcomes(game.log[1], "lawmaker", game.rules)
    assert not [o for o in seen if o.kind == "deal"]
    assert [o for o in visible_outcomes(game.log[1], "regulator", game.rules) if o.kind == "deal"]


def test_no_offer_to_or_from_a_seat_whose_orders_are_in(table):
    tables, code, keys, _ = table
    tables.submit(code, "regulator", keys["regulator"], 1, Order("regulator"))
    with pytest.raises(TableError, match="given its orders"):
        tables.offer(code, "vendor", keys["vendor"], 1, TRADE)
    with pytest.raises(TableError, match="given its orders"):
        back = Offer("regulator", "vendor", gives="summit", wants="lobby")
        tables.offer(code, "regulator", keys["regulator"], 1, back)


def test_an_offer_the_rules_refuse_or_from_the_wrong_seat_is_not_stored(table):
    tables, code, keys, fkey = table
    with pytest.raises(TableError, match="cannot be made from seat"):
        tables.offer(code, "lawmaker", keys["lawmaker"], 1, TRADE)
    with pytest.raises(TableError, match="not one of"):
        tables.offer(code, "vendor", keys["vendor"], 1, Offer("vendor", "regulator", gives="lobby", wants="hearing"))
    assert tables.offers(code, fkey, 1) == []


def test_a_bot_answers_a_teams_offer_at_once_and_its_answer_is_stored(tmp_path):
    tables = Tables(tmp_path / "tables.sqlite3")
    table, fkey = tables.open("mini", {"vendor": "human"}, content_root=MINI, seed=7)
    key = tables.take(table.code, "vendor")
    made = tables.offer(table.code, "vendor", key, 1, TRADE)
    assert made.answer in ("accepted", "rejected") and made.answer_reason
    assert tables.offers(table.code, fkey, 1) == [made]
