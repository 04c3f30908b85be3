"""A what-if branch may change the answers of its quarter's talks: the engine plays that
quarter again with the parent's orders, refuses answers the rules do not allow, and the
branch is a game that saves, loads and replays like any other."""

from __future__ import annotations

import pytest

from game.content import DEFAULT_CONTENT, load
from game.core.state import IllegalOrder
from game.match.replay import replay
from game.saves.branch import FLIPPED, branch_record, flippable, start_branch
from game.saves.loading import load_game
from game.saves.store import write_save


@pytest.fixture(scope="module")
def shipped():
    return load(DEFAULT_CONTENT)


@pytest.fixture(scope="module")
def parent(shipped, tmp_path_factory):
    """A smart-bot h200 game with deals accepted and rejected, saved, and its replay."""
    from game.match import Match

    rules = shipped.scenario("h200")
    # Seed 4's game has offers of every kind to flip: accepted, rejected that could have been
    # accepted, and rejected that the budget could not have borne.
    match = Match.start(rules, 4, dict.fromkeys(rules.seat_ids, "bot:smart"), shipped.fingerprint)
    match.play_out()
    path = write_save(match, tmp_path_factory.mktemp("parent") / "game.toml")
    return path, replay(rules, match.record)


def first_flip(shipped, run, answer: str, playing: bool = False):
    """The first (quarter, index) whose offer has `answer` and whose flip the rules allow
    (with `playing`, one after which the branch's game goes on)."""
    for q in range(1, run.quarters + 1):
        for i, offer in flippable(run, q):
            if offer.answer != answer:
                continue
            try:
                record = branch_record(run, q, "game.toml", {}, shipped.fingerprint, (i,))
            except IllegalOrder:
                continue
            if playing and record.quarters[-1].ending:
                continue
            return q, i
    pytest.skip(f"this game has no {answer} offer whose flip the rules allow")


def test_only_answered_offers_can_be_flipped(parent):
    _, run = parent
    for q in range(1, run.quarters + 1):
        for i, offer in flippable(run, q):
            assert run.record.quarters[q - 1].offers[i] == offer
            assert offer.answer in ("accepted", "rejected")
    assert flippable(run, run.quarters + 1) == ()


@pytest.mark.parametrize("answer", ["accepted", "rejected"])
def test_a_flipped_answer_replays_the_quarter_with_the_other_answer(shipped, parent, answer):
    _, run = parent
    q, i = first_flip(shipped, run, answer)
    record = branch_record(run, q, "game.toml", {"vendor": "human"}, shipped.fingerprint, (i,))
    assert len(record.quarters) == q  # the branch quarter is played: new orders start after it
    changed = record.quarters[-1]
    offer, before = changed.offers[i], run.record.quarters[q - 1].offers[i]
    assert offer.answer != before.answer and offer.answer_reason == FLIPPED
    assert changed.orders == run.record.quarters[q - 1].orders
    assert changed.digest != run.record.quarters[q - 1].digest  # a deal bound, or no longer did
    assert replay(run.rules, record).faithful


def test_an_answer_the_rules_do_not_allow_is_refused_and_nothing_is_written(shipped, parent, tmp_path):
    path, run = parent
    for q in range(1, run.quarters + 1):
        for i, offer in flippable(run, q):
            if offer.answer != "rejected":
                continue
            try:
                branch_record(run, q, "game.toml", {}, shipped.fingerprint, (i,))
            except IllegalOrder as err:
                before = set(path.parent.iterdir())
                with pytest.raises(IllegalOrder, match="budget"):
                    start_branch(run, path, q, {"vendor": "human"}, shipped.fingerprint, (i,))
                assert set(path.parent.iterdir()) == before
                assert "budget" in str(err)
                return
    pytest.skip("every rejected offer of this game could have been accepted")


def test_a_branch_with_a_changed_answer_saves_loads_and_plays_on(shipped, parent):
    path, run = parent
    q, i = first_flip(shipped, run, "accepted", playing=True)
    match = start_branch(run, path, q, {"regulator": "human"}, shipped.fingerprint, (i,))
    assert match.save_path.name == f"game-branch-q{q}.toml"
    assert match.state.quarter == q + 1 and match.record.branch_quarter == q
    loaded = load_game(match.save_path, shipped)
    assert loaded.run.faithful
    assert loaded.record.quarters[q - 1].offers[i].answer == "rejected"


def test_an_unknown_offer_cannot_be_flipped(shipped, parent):
    _, run = parent
    with pytest.raises(ValueError, match="no answered offer"):
        branch_record(run, 1, "game.toml", {}, shipped.fingerprint, (99,))
