"""The ladder's arithmetic: Wilson intervals, normal intervals, Elo-style ratings, margins."""

from __future__ import annotations

import math

import pytest

from game.balance import GameResult
from game.ladder import ANCHOR, configurations, key, margins, mean_interval, rating, report, rungs, wilson

SEATS = ("vendor", "lawmaker", "regulator")


def test_wilson_matches_published_values():
    # Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775.
    low, high = wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    low, high = wilson(0, 10)
    assert low == 0.0 and round(high, 4) == 0.2775
    assert wilson(10, 10)[1] == pytest.approx(1.0) and wilson(0, 0) == (0.0, 1.0)


def test_mean_interval_is_the_normal_one():
    values = [1.0, 2.0, 3.0, 4.0]
    mean, (low, high) = mean_interval(values)
    half = 1.959964 * math.sqrt(5 / 3) / 2
    assert mean == 2.5 and low == pytest.approx(2.5 - half) and high == pytest.approx(2.5 + half)


def test_rating_is_400_a_tenfold_rise_in_odds():
    assert rating(0.3, 0.3, 100) == ANCHOR
    assert rating(10 / 11, 0.5, 100) == pytest.approx(ANCHOR + 400)
    assert rating(0.2, 0.5, 100) < ANCHOR < rating(0.6, 0.5, 100)
    assert math.isfinite(rating(1.0, 0.3, 50)) and math.isfinite(rating(0.0, 0.3, 50))


def test_configurations_play_the_field_once_and_every_other_level_in_every_seat():
    lineups = configurations(SEATS, ["random", "smart", "expert"], "smart")
    assert lineups[0] == dict.fromkeys(SEATS, "smart")
    assert len(lineups) == 1 + 3 * 2 + 1 and len({key(x) for x in lineups}) == 8
    assert lineups[-1] == dict.fromkeys(SEATS, "expert")
    assert {"vendor": "expert", "lawmaker": "smart", "regulator": "smart"} in lineups


def result(i: int, winner: str, points: tuple[float, ...]) -> GameResult:
    return GameResult(i, "end", 8, winner, points, tuple(p / 100 for p in points), (), (), (), (), ())


def test_rungs_and_margins_from_results():
    levels = ["random", "smart", "expert"]
    field = [result(i, SEATS[i % 3], (50.0, 50.0, 50.0)) for i in range(30)]  # each seat 10 of 30
    results = {key(dict.fromkeys(SEATS, "smart")): field}
    for seat_index, seat in enumerate(SEATS):
        weak = [result(i, SEATS[(seat_index + 1) % 3], (30.0, 30.0, 30.0)) for i in range(30)]
        strong = [result(i, seat, (70.0, 70.0, 70.0)) for i in range(30)]
        results[key({s: "random" if s == seat else "smart" for s in SEATS})] = weak
        results[key({s: "expert" if s == seat else "smart" for s in SEATS})] = strong
    ladder = rungs(SEATS, levels, results)
    assert ladder["lawmaker"]["smart"].win_rate == pytest.approx(1 / 3)
    assert ladder["lawmaker"]["smart"].rating == ANCHOR
    assert ladder["lawmaker"]["expert"].wins == 30 and ladder["lawmaker"]["random"].wins == 0
    assert ladder["lawmaker"]["random"].rating < ANCHOR < ladder["lawmaker"]["expert"].rating
    gaps = margins(ladder, levels)
    assert [g["upper"] for g in gaps["vendor"]] == ["smart", "expert"]
    assert all(g["wins_apart"] and g["points_apart"] for seat in gaps.values() for g in seat)
    assert gaps["regulator"][1]["points"] == 20.0
    data = report("mini", 1, 30, SEATS, levels, results)
    assert data["ordered"] == {"wins": True, "points": True}
    # A level no better than the one below: its intervals overlap, and the ladder says so.
    results[key({s: "expert" if s == "vendor" else "smart" for s in SEATS})] = field
    data = report("mini", 1, 30, SEATS, levels, results)
    assert data["margins"]["vendor"][1]["wins_apart"] is False and data["ordered"]["wins"] is False


def test_balance_checks_the_three_targets():
    from game.ladder import balance

    def games(wins_by_seat):
        return [result(i, seat, (50.0, 50.0, 50.0)) for i, seat in enumerate(wins_by_seat)]

    even = games(SEATS * 10)  # a third each
    lopsided = games(["vendor"] * 18 + ["lawmaker"] * 3 + ["regulator"] * 9)
    vendor_ahead = games(["vendor"] * 20 + ["lawmaker"] * 10)
    results = {
        key(dict.fromkeys(SEATS, "smart")): even,
        key(dict.fromkeys(SEATS, "expert")): lopsided,
        key({"vendor": "expert", "lawmaker": "smart", "regulator": "smart"}): vendor_ahead,
        key({"vendor": "smart", "lawmaker": "expert", "regulator": "smart"}): vendor_ahead,
        key({"vendor": "smart", "lawmaker": "smart", "regulator": "expert"}): even,
    }
    data = balance(SEATS, results)
    assert data["seats"]["vendor"]["smart"]["within"] and not data["seats"]["vendor"]["expert"]["within"]
    assert not data["seats"]["lawmaker"]["expert"]["within"] and data["seats"]["regulator"]["expert"]["within"]
    assert data["seats"]["vendor"]["expert_among_smart"]["more"] is True
    assert data["seats"]["regulator"]["expert_among_smart"]["more"] is False  # equal is not more
    assert data["met"] == {"smart_everywhere": True, "expert_everywhere": False, "expert_among_smart": False}
    assert "balance" in report("mini", 1, 30, SEATS, ["smart", "expert"], results)
    assert "balance" not in report("mini", 1, 30, SEATS, ["smart"], {key(dict.fromkeys(SEATS, "smart")): even})
