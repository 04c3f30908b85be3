"""The rules page is built from the content, in words, and keeps each seat's secrets."""

from __future__ import annotations

import re

import attrs
import pytest

from game.content import DEFAULT_CONTENT, load
from game.core.turn import new_game
from game.core.view import view
from game.ui.institutions import institutions_now
from game.ui.rulebook import rulebook


@pytest.fixture(scope="module")
def h200():
    return load(DEFAULT_CONTENT).scenario("h200")


def private_to(rules, seat):
    return [t for t in rules.tracks if t.visibility == seat]


def test_the_page_has_every_section(h200):
    page = rulebook(h200, "vendor")
    for heading in (
        "How a quarter runs",
        "The tracks",
        "Each seat's levers",
        "How the institutions decide",
        "How scoring works",
        "Endings",
    ):
        assert f"## {heading}" in page


def test_commerce_approval_odds_are_said_in_words(h200):
    page = rulebook(h200, "vendor")
    line = next(x for x in page.splitlines() if "Commerce approves the licence**: 30%" in x)
    assert "a quarter while US export licence" in line
    assert "Congressional pressure below 55" in line
    assert "50% a quarter while" in page  # the approval with verification


@pytest.mark.parametrize("seat", ["vendor", "lawmaker", "regulator", "", None])
def test_no_raw_expression_syntax(h200, seat):
    page = rulebook(h200, seat)
    for raw in ("==", "!=", "+=", "-=", "*=", ">=", "<=", "(s)", " 1 quarters"):
        assert raw not in page, raw
    assert not re.search(r"budget\\?\.\w", page)
    ids = {t.id for t in h200.tracks if "_" in t.id}
    for word in re.findall(r"[a-z]+(?:\\?_[a-z0-9]+)+", page):
        assert word.replace("\\", "") not in ids, word


def test_the_vendor_never_reads_the_regulators_secrets(h200):
    page = rulebook(h200, "vendor").lower()
    secrets = private_to(h200, "regulator")
    assert secrets, "the regulator has private tracks"
    for track in secrets:
        assert track.name.lower() not in page
        assert track.id not in page.replace("\\_", "_")
    # Nor the other seats' objectives, which stay private until the end.
    for seat in ("lawmaker", "regulator"):
        for objective in h200.seat(seat).objectives:
            assert objective.text.lower() not in page
    # Its own secrets are on its own page.
    assert "order book" in page and "only you see it" in page


def test_every_seat_keeps_the_others_private_tracks(h200):
    for seat in h200.seat_ids:
        page = rulebook(h200, seat)
        for other in h200.seat_ids:
            if other == seat:
                continue
            for track in private_to(h200, other):
                assert f"**{track.name}**" not in page, (seat, track.name)


def test_the_room_sees_only_what_every_seat_sees(h200):
    page = rulebook(h200, "")
    for seat in h200.seat_ids:
        for track in private_to(h200, seat):
            assert f"**{track.name}**" not in page
        assert "objectives of its own" in page


def test_the_facilitator_sees_everything(h200):
    page = rulebook(h200, None)
    for track in h200.tracks:
        assert track.name in page
    for seat in h200.seats:
        for objective in seat.objectives:
            assert objective.text.split(":")[0] in page
    assert "only the Chinese Regulator sees it" in page


def test_linear_odds_are_said_per_point(h200):
    page = rulebook(h200, "vendor")
    assert "succeeds 35%, plus 0.5% per point of Vendor reputation" in page


def test_institutions_now_gives_the_commerce_odds(h200):
    state, _ = new_game(h200, 7)
    lines = {x.rule.id: x for x in institutions_now(h200, view(h200, state, "vendor"))}
    approves = lines["agency_approves"]
    pressure = state.value(h200, "pressure")
    assert pressure < 55
    assert approves.holds is True and approves.odds == pytest.approx(0.3)
    assert approves.text.startswith("Commerce approves the licence: 30% this quarter")
    assert f"Congressional pressure {pressure}% below 55%" in approves.text
    assert lines["agency_approves_verified"].holds is False  # no verification yet
    assert "Location verification still none" in lines["agency_approves_verified"].text
    # Only the rules that roll: the market's bookkeeping is not there.
    assert "shipments" not in lines


def test_institutions_now_reads_nothing_the_seat_cannot_see(h200):
    """A rule reading a hidden track, with every visible part holding: no current odds."""
    state, _ = new_game(h200, 7)
    values = list(state.values)
    for track, value in (("licence", "approved"), ("pressure", 60), ("diversion", 10)):
        values[h200.track_index[track]] = value
    state = attrs.evolve(state, values=tuple(values))
    seat_line = {x.rule.id: x for x in institutions_now(h200, view(h200, state, "vendor"))}["agency_suspends"]
    assert seat_line.holds is None and seat_line.odds is None
    assert "which you cannot see" in seat_line.text
    assert "10%" not in seat_line.text  # the hidden value itself
    umpire = {x.rule.id: x for x in institutions_now(h200, view(h200, state, None))}["agency_suspends"]
    assert umpire.holds is False and "Diversion to restricted users 10%" in umpire.text


def test_the_mini_world_has_a_page_too(mini):
    page = rulebook(mini, None)
    assert page.startswith(f"# {mini.name}")
