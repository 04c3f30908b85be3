"""A seat's quarter summary: a few lines, the licence and why, and never a hidden track."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wording_scan import wording_problems

from game.bots import BOTS
from game.content import DEFAULT_CONTENT, load
from game.core import new_game, play_quarter
from game.core.sink import OutcomeLog
from game.core.view import view
from game.ui.summary import quarter_summary

VIEWERS = ("vendor", "lawmaker", "regulator", "", None)


@pytest.fixture(scope="module")
def content():
    return load(DEFAULT_CONTENT)


def quarters(rules, seed):
    """(quarter, values before, values after, outcomes) of a whole game between random bots."""
    state, _ = new_game(rules, seed)
    bots = {s: BOTS["random"](rules, s, seed) for s in rules.seat_ids}
    before = None
    out = []
    while not state.over:
        log = OutcomeLog(rules)
        q = state.quarter
        orders = {s: bot.order(view(rules, state, s)) for s, bot in bots.items()}
        state, _ = play_quarter(rules, state, orders, sink=log)
        out.append((q, before, log.end_values, log.outcomes))
        before = log.end_values
    return out


def text(lines):
    return "\n".join(line.plain for line in lines)


def blind(rules, seat, values, rng):
    """`values` with everything `seat` cannot see replaced by another value the track may hold."""
    if values is None:
        return None
    out = list(values)
    for i, track in enumerate(rules.tracks):
        if not track.visible_to(seat):
            out[i] = rng.choice(track.states) if track.states else rng.uniform(track.min, track.max)
    n = len(rules.tracks)
    for j, s in enumerate(rules.seat_ids):
        if seat is not None and s != seat:
            out[n + j] = rng.randint(0, 9)
    return out


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), scenario=st.sampled_from(["h200", "quickplay"]))
def test_a_summary_never_shows_what_the_seat_cannot_see(content, seed, scenario):
    rules = content.scenario(scenario)
    rng = random.Random(seed)
    for _, before, after, outcomes in quarters(rules, seed):
        for seat in VIEWERS:
            said = quarter_summary(rules, seat, before, after, outcomes)
            assert 2 <= len(said) <= 5
            plain = text(said)
            assert not wording_problems(plain), plain
            for track in rules.tracks:
                if not track.visible_to(seat):
                    assert track.name not in plain, (seat, track.name, plain)
            # What the seat cannot see changes nothing in what it reads.
            other = quarter_summary(
                rules, seat, blind(rules, seat, before, rng), blind(rules, seat, after, rng), outcomes
            )
            assert text(other) == plain, seat


def test_the_licence_says_why_it_stayed_pending(content):
    rules = content.scenario("h200")
    for seed in range(40):
        for q, before, after, outcomes in quarters(rules, seed):
            failed = [o for o in outcomes if o.quarter == q and o.kind == "rule" and not o.success]
            if failed and after[rules.track_index["licence"]] == "pending":
                said = text(quarter_summary(rules, "vendor", before, after, outcomes))
                first = said.splitlines()[0]
                assert first.startswith("US export licence: still pending — Commerce")
                assert "against" in first and "failed" in first
                assert "Your objectives:" in said
                return
    pytest.fail("no game left the licence pending after a failed roll")


def test_the_biggest_moves_count_from_the_news_when_given(content):
    """A track the news moved and the orders did not: in the quarter's moves, not in the moves
    since the news, which the report's outcomes and dashboard count from too."""
    rules = content.scenario("h200")
    pressure = rules.track_index["pressure"]
    track = rules.tracks[pressure]
    for q, before, after, outcomes in (x for seed in range(5) for x in quarters(rules, seed)):
        if before is None:
            continue
        news = list(after)
        news[pressure] = after[pressure]  # as if the news had made the whole move, the orders none
        if track.format(before[pressure]) == track.format(after[pressure]):
            continue
        whole = text(quarter_summary(rules, "vendor", before, after, outcomes, q))
        if track.name not in whole.split("Biggest moves:")[-1].split("\n")[0]:
            continue  # not among the quarter's biggest moves
        since = text(quarter_summary(rules, "vendor", before, after, outcomes, q, news))
        assert track.name not in since.split("Biggest moves since the news:")[-1].split("\n")[0]
        assert "Your objectives:" in since  # the points stay the whole quarter's
        return
    pytest.fail("pressure was never among a quarter's biggest moves")
