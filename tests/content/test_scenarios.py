"""The shipped scenarios: every fact sourced, every game finishing, and h200 as big as issue 6 asks.

These read the real `content/` folder, so a content change that drops a source, lets a game run
past its last quarter or shrinks the H200 scenario below its brief fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.bots import BOTS
from game.content import load
from game.core.turn import new_game, play_quarter
from game.core.view import view

ROOT = Path(__file__).resolve().parents[2]
YEAR = re.compile(r"\b(19|20)\d\d\b")
TRACK_NAME = re.compile(r"[a-z][a-z0-9_]*")


@pytest.fixture(scope="module")
def content():
    return load(ROOT / "content")


@pytest.fixture(scope="module")
def h200(content):
    return content.scenario("h200")


def _entries(content, kind):
    """Every entry of `kind` in any scenario, once each by id."""
    seen = {}
    for rules in content.scenarios.values():
        for entry in getattr(rules, kind):
            seen.setdefault(entry.id, entry)
    return list(seen.values())


def test_the_shipped_content_has_both_scenarios(content):
    assert {"h200", "quickplay"} <= set(content.scenarios)
    assert content.scenario("quickplay").quarters < content.scenario("h200").quarters


@pytest.mark.parametrize("kind", ["actions", "events"])
def test_every_action_and_event_names_its_source(content, kind):
    """A source is citations, each naming an outlet and a date, or the word "fictional"."""
    bad = [
        f"{e.id}: {e.source!r}"
        for e in _entries(content, kind)
        if not e.source.fictional
        and not (e.source.citations and all(c.outlet and YEAR.search(c.date) for c in e.source.citations))
    ]
    assert not bad, f"{kind} without a source (publication and date, or 'fictional'): {bad}"


@pytest.mark.parametrize("kind", ["actions", "events", "endings"])
def test_what_really_happened_is_dated_no_earlier_than_its_sources(content, kind):
    """`as_of` says when a `happened` line was true; it cannot predate what it rests on."""
    for e in _entries(content, kind):
        if e.happened:
            latest = max(c.date for c in e.source.citations)
            assert e.as_of and e.as_of >= latest, f"{e.id}: as of {e.as_of!r}, but cites {latest}"


@pytest.mark.parametrize("kind", ["actions", "events"])
def test_what_really_happened_only_for_real_sources(content, kind):
    """The debrief shows `happened` as fact: it must rest on a real source, and say so."""
    entries = _entries(content, kind)
    invented = [e.id for e in entries if e.happened and e.source.fictional]
    assert not invented, f"{kind} with a 'what really happened' line but a fictional source: {invented}"
    unlabelled = [e.id for e in entries if e.happened and not e.happened.startswith("What really happened:")]
    assert not unlabelled, f"{kind} whose happened line does not start 'What really happened:': {unlabelled}"
    untold = [e.id for e in entries if not e.source.fictional and not e.happened]
    assert not untold, f"{kind} from real reporting with no 'what really happened' line: {untold}"


def test_endings_that_happened_name_their_sources(content):
    """An ending tells what really happened only with a dated source, and the other way round."""
    endings = _entries(content, "endings")
    assert any(e.happened for e in endings), "no ending tells what really happened"
    for ending in endings:
        together = bool(ending.happened) == bool(ending.source.citations)
        assert together, f"ending {ending.id}: happened and source go together"
        if ending.happened:
            assert ending.happened.startswith("What really happened:"), f"ending {ending.id}: unlabelled"
            assert all(YEAR.search(c.date) for c in ending.source.citations), f"ending {ending.id}: undated source"


def _play(rules, seed, level):
    """(ending, quarters played) of one game with `level` bots in every seat, never past the
    scenario's length plus one, so a game that fails to end fails the test instead of hanging."""
    bots = {s: BOTS[level](rules, s, seed) for s in rules.seat_ids}
    state, _ = new_game(rules, seed)
    played = 0
    while not state.over and played <= rules.quarters:
        orders = {s: bot.order(view(rules, state, s)) for s, bot in bots.items()}
        state, _ = play_quarter(rules, state, orders)
        played += 1
    return state, played


def _assert_ended(rules, state, played, seed):
    endings = {e.id: e for e in rules.endings}
    assert state.over, f"{rules.scenario} seed {seed}: not over after {played} quarters"
    assert state.ending in endings, f"{rules.scenario} seed {seed}: unknown ending {state.ending!r}"
    assert 1 <= played <= rules.quarters
    if endings[state.ending].when is None:  # time ran out: every quarter was played
        assert played == rules.quarters, f"{rules.scenario} seed {seed}: time ran out after {played}"


@pytest.mark.parametrize("scenario", ["h200", "quickplay"])
def test_random_bots_finish_every_game_in_time(content, scenario):
    rules = content.scenario(scenario)
    endings = set()
    for seed in range(20):
        state, played = _play(rules, seed, "random")
        _assert_ended(rules, state, played, seed)
        endings.add(state.ending)
    assert endings, scenario


@pytest.mark.parametrize("scenario", ["h200", "quickplay"])
def test_smart_bots_finish_their_games_in_time(content, scenario):
    rules = content.scenario(scenario)
    for seed in range(3):
        state, played = _play(rules, seed, "smart")
        _assert_ended(rules, state, played, seed)


def _queued(effects):
    """Ids of the events these effects queue, at once or after a delay."""
    out = []
    for effect in effects:
        inner = effect.inner if effect.kind == "delay" else effect
        if inner is not None and inner.kind == "queue":
            out.append(inner.event)
    return out


def _all_effects(rules):
    for action in rules.actions:
        yield from action.effects
        yield from action.fail_effects
    for event in rules.events:
        yield from event.effects
        for option in event.options:
            yield from option.effects


def test_h200_is_as_long_and_as_rich_as_the_issue_asks(h200):
    assert h200.quarters >= 12
    for seat in h200.seat_ids:
        count = sum(a.seat == seat for a in h200.actions)
        assert count >= 10, f"{seat} has {count} actions"
    assert len(h200.events) >= 30
    assert sum(e.kind == "delay" for e in _all_effects(h200)) >= 3, "too few delayed effects"


def test_h200_events_chain_into_later_events(h200):
    ids = {e.id for e in h200.events}
    chains = {
        (e.id, target)
        for e in h200.events
        for target in _queued([*e.effects, *(x for o in e.options for x in o.effects)])
    }
    assert len(chains) >= 3, f"chains: {sorted(chains)}"
    assert {target for _, target in chains} <= ids
    assert any(e.chained_only for e in h200.events), "no event that only a chain sets off"


def test_h200_gives_every_seat_choices_in_the_news(h200):
    choices = [e for e in h200.events if e.choice_seat]
    assert all(len(e.options) >= 2 for e in choices)
    assert {e.choice_seat for e in choices} == set(h200.seat_ids)


def test_h200_keeps_private_information_for_every_seat(h200):
    for seat in h200.seat_ids:
        assert any(t.visibility == seat for t in h200.tracks), f"{seat} has no private track"
    hidden = {t.id for t in h200.tracks if t.visibility == "hidden"}
    assert hidden, "no hidden track"
    # The lawmaker alone learns a hidden value, through an action of its own (the briefing).
    private = {t.id for t in h200.tracks if t.visibility == "lawmaker"}
    reveals = [
        a.id
        for a in h200.actions
        if a.seat == "lawmaker"
        for effect in a.effects
        if effect.text.split("=")[0].strip() in private
        and hidden & set(TRACK_NAME.findall(effect.text.split("=", 1)[-1]))
    ]
    assert reveals, "no lawmaker action reveals a hidden track"
    assert any(e.visible_to in h200.seat_ids for e in h200.events), "no private news"


def test_h200_has_three_endings_beside_time(h200):
    timed = [e for e in h200.endings if e.when is None]
    assert len(timed) == 1
    assert len(h200.endings) - 1 >= 3
