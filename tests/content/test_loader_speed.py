"""What makes a load cheaper must not change what it gives: the collector paused (and given
back as found), and closures shared between scenarios only where their slots are the same."""

from __future__ import annotations

import functools
import gc
import random
import shutil
from pathlib import Path

import pytest

from game.content import ContentError, load
from game.core.model import odds_of

CONTENT = Path(__file__).parents[2] / "content"


def test_a_load_leaves_the_collector_as_it_found_it(tmp_path):
    (tmp_path / "broken.toml").write_text("[[track]\n", encoding="utf-8")
    assert gc.isenabled()
    load(CONTENT)
    assert gc.isenabled()
    with pytest.raises(ContentError):
        load(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        load(CONTENT)
        assert not gc.isenabled()
    finally:
        gc.enable()


TWO_SEATS = """
[[scenario]]
id = "two_seats"
name = "Two seats"
intro = "The vendor and the lawmaker alone."
quarters = 8
first_quarter = "2026-Q1"
seats = ["vendor", "lawmaker"]
questions = ["What changed?"]
"""


def _slots(rules, rng):
    """A value list for `rules`: numbers anywhere in each track's range, states at random."""
    values = [rng.choice(t.states) if t.states else rng.uniform(t.min, t.max) for t in rules.tracks]
    return values + [rng.randint(0, s.budget_max) for s in rules.seats] + [rng.randint(1, rules.quarters), ""]


def _behaviour(rules, rng):
    """What every compiled closure of `rules` gives on a few value lists (odds read as the
    engine reads them, whether worked out at load or not)."""
    fns = [a.requires for a in rules.actions] + [e.when for e in rules.events] + [x.when for x in rules.rules]
    fns += [e.when for e in rules.endings]
    fns += [
        functools.partial(odds_of, odds)
        for odds in (
            *(a.odds for a in rules.actions),
            *(e.chance for e in rules.events),
            *(x.chance for x in rules.rules),
        )
    ]
    fns += [o.points for s in rules.seats for o in s.objectives]
    effects = [
        e
        for block in (
            *(a.effects for a in rules.actions),
            *(x.effects for x in rules.rules),
            *(e.effects for e in rules.events),
        )
        for e in block
        if e.run is not None
    ]
    out = []
    for _ in range(5):
        v = _slots(rules, rng)
        out.append([fn(v) for fn in fns if fn is not None])
        for effect in effects:
            after = list(v)
            effect.run(after)
            out.append(after)
    return out, sorted(rules.effects_by_key)


def test_scenarios_share_closures_only_where_their_slots_match(tmp_path):
    """h200 and quickplay share tracks and seats; a two-seat scenario moves `quarter` and
    `ending` one slot down, so its closures must be its own. Each scenario behaves exactly as
    when it is the only one in the folder."""
    together = tmp_path / "together"
    shutil.copytree(CONTENT, together)
    with (together / "scenarios" / "quickplay.toml").open("a", encoding="utf-8") as f:
        f.write(TWO_SEATS)
    shared = load(together)
    for scenario in ("h200", "quickplay", "two_seats"):
        alone = tmp_path / scenario
        shutil.copytree(together, alone)
        for path in (alone / "scenarios").glob("*.toml"):
            path.unlink()
        source = (CONTENT / "scenarios" / f"{scenario}.toml") if scenario != "two_seats" else None
        (alone / "scenarios" / "only.toml").write_text(
            source.read_text(encoding="utf-8") if source else TWO_SEATS, encoding="utf-8"
        )
        seed = random.Random(scenario)
        assert _behaviour(shared.scenario(scenario), random.Random(scenario)) == _behaviour(
            load(alone).scenario(scenario), seed
        ), scenario


def test_the_fingerprint_alone_is_the_one_a_load_gives(tmp_path):
    """A balance worker asks for the fingerprint before every chunk of games, without
    parsing; it must be the load's, for good content, broken TOML and no content alone."""
    from game.content.sources import fingerprint, read_folder

    broken = tmp_path / "broken"
    shutil.copytree(CONTENT, broken)
    (broken / "extra.toml").write_text("[[track]\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    for root in (CONTENT, broken, empty, tmp_path / "missing"):
        assert fingerprint(root) == read_folder(root)[2], root
    assert fingerprint(CONTENT) == load(CONTENT).fingerprint != fingerprint(broken)
    assert fingerprint(empty) == ""
