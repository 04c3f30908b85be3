"""Saves and the talks: games from before deals still load and replay; a game with deals
goes through save, load and `replay --check` unchanged, offers and answers included."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.content import DEFAULT_CONTENT, load
from game.core.deals import Offer
from game.core.state import Order
from game.match import Match
from game.match.record import to_toml
from game.match.replay import replay
from game.saves.loading import load_game
from game.saves.reader import parse_record, read_record
from game.saves.store import write_save

FIXTURES = Path(__file__).parent / "fixtures"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def shipped():
    return load(DEFAULT_CONTENT)


def check(path: Path, capsys, content: Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["replay", str(path), "--check", "--content", str(content)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["v1-mini-scripted.toml", "v1-mini-in-progress.toml", "v2-mini-before-deals.toml"])
def test_a_save_from_before_deals_loads_and_passes_replay_check(name, capsys, mini_content):
    path = FIXTURES / name
    record = read_record(path)
    assert all(not q.offers for q in record.quarters)
    assert "offer" not in path.read_text()
    code, out, err = check(path, capsys, MINI)
    assert code == 0, err
    assert "every digest matches" in out
    assert load_game(path, mini_content).run.faithful


def test_an_h200_save_from_before_deals_loads_on_todays_content(shipped, capsys):
    """Written by the game before the talks existed (b68db94). It must load; it replays
    exactly while the h200 content leaves its game alone (an edit to that content may not)."""
    path = FIXTURES / "v2-h200-before-deals.toml"
    loaded = load_game(path, shipped, anyway=True)
    assert loaded.record.scenario == "h200" and len(loaded.record.quarters) == 12
    if not loaded.run.faithful:
        pytest.skip(f"the h200 content has changed the game this save holds: {loaded.run.problem()}")
    code, out, err = check(path, capsys, DEFAULT_CONTENT)
    assert code == 0, err


def bot_game_with_deals(shipped) -> Match:
    rules = shipped.scenario("h200")
    # Seed 2: a game in which offers are both accepted and rejected (on the content tuned for
    # strong play, seed 1's seven offers are all rejected).
    match = Match.start(rules, 2, dict.fromkeys(rules.seat_ids, "bot:smart"), shipped.fingerprint)
    match.play_out()
    return match


def test_a_game_with_deals_round_trips_through_save_load_and_replay_check(shipped, tmp_path, capsys):
    match = bot_game_with_deals(shipped)
    offers = [o for q in match.record.quarters for o in q.offers]
    assert any(o.accepted for o in offers) and any(o.answer == "rejected" for o in offers)
    assert all(o.reason and o.answer_reason for o in offers)  # bots say why, and the save keeps it
    path = write_save(match, tmp_path / "deals.toml")
    text = path.read_text()
    assert text.count("[[quarter.offer]]") == len(offers)

    back = read_record(path)
    assert back == match.record
    assert to_toml(back) == text
    run = replay(match.rules, back)
    assert run.faithful, run.problem()
    assert list(run.states) == match.history
    again = Match.from_record(match.rules, back)
    assert again.state == match.state and again.log == match.log

    code, out, err = check(path, capsys, DEFAULT_CONTENT)
    assert code == 0, err
    assert "every digest matches" in out


def test_an_offer_never_answered_is_saved_as_lapsed_and_replays(shipped):
    rules = shipped.scenario("h200")
    match = Match.start(rules, 4, dict.fromkeys(rules.seat_ids, "human"), shipped.fingerprint)
    match.offer(Offer("vendor", "regulator", deal="bundle_domestic"))
    match.play({s: Order(s) for s in rules.seat_ids})
    text = to_toml(match.record)
    assert 'answer = "lapsed"' in text
    back = parse_record(text.encode())
    assert back.quarters[0].offers[0].answer == ""
    assert replay(rules, back).faithful


def test_a_changed_answer_in_the_file_is_caught_by_replay_check(shipped, tmp_path, capsys):
    match = bot_game_with_deals(shipped)
    path = write_save(match, tmp_path / "deals.toml")
    text = path.read_text()
    path.write_text(text.replace('answer = "accepted"', 'answer = "rejected"', 1))
    code, _, err = check(path, capsys, DEFAULT_CONTENT)
    assert code == 1 and ("divergence" in err or "refuse" in err)
