"""Opening saves against the content at hand: same content, other content, resuming."""

from __future__ import annotations

import pytest

from game.content import load
from game.saves.loading import OtherContent, load_game
from game.saves.reader import SaveError
from game.saves.store import autosave


def test_a_save_loads_into_the_same_game(saved, mini_content, bot_game):
    path = saved(quarters=3)
    loaded = load_game(path, mini_content)
    match = loaded.match()
    straight = bot_game(quarters=3)
    assert match.state == straight.state
    assert match.history == straight.history
    assert match.record == straight.record
    assert match.save_path == path  # playing on writes back to the file it came from


def test_a_resumed_game_autosaves_to_its_own_file(saved, mini_content):
    path = saved(quarters=2)
    match = load_game(path, mini_content).match()
    match.play()
    assert autosave(match) == path
    assert len(load_game(path, mini_content).record.quarters) == 3


def test_other_content_that_changes_only_texts_offers_resume_anyway(saved, other_content):
    path = saved()
    events = other_content / "events" / "events.toml"
    events.write_text(events.read_text().replace('title = "Talks open"', 'title = "Talks begin"'))
    content = load(other_content)
    before = path.read_bytes()
    with pytest.raises(OtherContent) as caught:
        load_game(path, content)
    err = caught.value
    assert "other content" in err.problem and "every quarter's digest still matches" in err.problem
    assert err.resumable and "resume it anyway" in err.advice
    assert path.read_bytes() == before

    loaded = load_game(path, content, anyway=True)
    match = loaded.match()
    assert match.record.content == content.fingerprint  # from now on a game of this content


def test_other_content_that_changes_the_game_names_the_first_differing_quarter(saved, other_content, mini_content):
    path = saved()
    rules = other_content / "rules.toml"
    rules.write_text(rules.read_text().replace("tension = 40", "tension = 45"))
    content = load(other_content)
    with pytest.raises(OtherContent) as caught:
        load_game(path, content)
    err = caught.value
    assert not err.resumable
    assert "the first quarter whose digest differs is the start: tension saved 35, replayed 40" in err.problem
    assert "Replay it anyway" in err.advice

    loaded = load_game(path, content, anyway=True)  # the viewer's "replay anyway"
    assert loaded.other_content and loaded.run.quarters == len(loaded.record.quarters)
    with pytest.raises(SaveError, match="cannot be resumed on this content"):
        loaded.match()


def test_other_content_whose_actions_are_gone_says_where_the_replay_stops(saved, other_content):
    path = saved()
    actions = other_content / "actions" / "actions.toml"
    text = actions.read_text()
    actions.write_text(text.replace('id = "hearing"', 'id = "inquiry"'))
    content = load(other_content)
    with pytest.raises(OtherContent) as caught:
        load_game(path, content)
    assert (
        "the replay stops at Q1: these rules refuse an order: lawmaker: unknown action 'hearing'"
        in caught.value.problem
    )
    run = load_game(path, content, anyway=True).run
    assert run.quarters == 0 and run.stopped


def test_a_bot_this_version_lacks(saved, mini_content):
    path = saved()
    path.write_text(path.read_text().replace('vendor = "bot:random"', 'vendor = "bot:genius"', 1))
    with pytest.raises(SaveError, match="no bot 'genius' in this version"):
        load_game(path, mini_content)


def test_seats_that_do_not_match_the_scenario(saved, mini_content):
    path = saved(quarters=0)  # with quarters, their orders already give the mismatch away
    path.write_text(path.read_text().replace('regulator = "bot:random"', 'mayor = "bot:random"', 1))
    with pytest.raises(SaveError, match="has seats vendor, lawmaker, mayor"):
        load_game(path, mini_content)
