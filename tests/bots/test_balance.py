"""The balance report's counts on the small world, checked against a tally made by hand
from `Match` games (the path the UI and saves use), not from the report's own code."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from game.balance import DOMINANT_ACTION, DOMINANT_SEAT, chunks, play_chunk, play_game, report, warnings
from game.core.scoring import score, winner
from game.match import Match

MINI = Path(__file__).parents[1] / "fixtures" / "mini"

GAMES, SEED = 20, 40


@pytest.fixture(scope="module")
def tallied(mini):
    levels = dict.fromkeys(mini.seat_ids, "random")
    results = [play_game(mini, SEED + i, levels, i) for i in range(GAMES)]
    return levels, results, report(mini, levels, SEED, results)


@pytest.fixture(scope="module")
def by_hand(mini):
    wins, endings, lengths, actions, event_games, options = Counter(), Counter(), [], Counter(), Counter(), Counter()
    for i in range(GAMES):
        match = Match.start(mini, SEED + i, {})
        match.play_out()
        wins[winner(score(mini, match.state)) or "draw"] += 1
        endings[match.state.ending] += 1
        lengths.append(len(match.record.quarters))
        for quarter in match.record.quarters:
            for order in quarter.orders:
                actions.update(order.actions)
        fired = {o.id for outcomes in match.log for o in outcomes if o.kind == "event"}
        event_games.update(fired)
        options.update(o.id for outcomes in match.log for o in outcomes if o.kind == "option")
    return wins, endings, lengths, actions, event_games, options


def test_counts_add_up(mini, tallied):
    _, results, data = tallied
    assert data["games"] == GAMES == len(results)
    assert sum(data["wins"].values()) == GAMES
    assert sum(data["endings"].values()) == GAMES
    assert sum(data["length"]["games_by_quarters"].values()) == GAMES
    seat_quarters = sum(r.quarters for r in results)
    for action in mini.actions:
        a = data["actions"][action.id]
        assert a["share"] == pytest.approx(a["chosen"] / seat_quarters, abs=1e-4)
    for seat, s in data["seats"].items():
        assert s["wins"] == data["wins"][seat]
        assert s["points"]["min"] <= s["points"]["median"] <= s["points"]["max"]


def test_counts_match_a_tally_by_hand(mini, tallied, by_hand):
    _, _, data = tallied
    wins, endings, lengths, actions, event_games, options = by_hand
    assert data["wins"] == {s: wins.get(s, 0) for s in mini.seat_ids} | ({"draw": wins["draw"]} if wins["draw"] else {})
    assert data["endings"] == dict(endings)
    assert data["quarters"] == pytest.approx(sum(lengths) / GAMES)
    assert {a: x["chosen"] for a, x in data["actions"].items()} == {a.id: actions.get(a.id, 0) for a in mini.actions}
    assert {e: x["games"] for e, x in data["events"].items()} == {e.id: event_games.get(e.id, 0) for e in mini.events}
    assert data["options"] == {
        f"{e.id}:{o.id}": options.get(f"{e.id}:{o.id}", 0) for e in mini.events for o in e.options
    }


def test_unused_content_is_what_never_happened(mini, tallied):
    _, _, data = tallied
    unused = data["unused"]
    assert unused["actions"] == [a for a, x in data["actions"].items() if x["chosen"] == 0]
    assert unused["events"] == [e for e, x in data["events"].items() if x["games"] == 0]
    assert unused["endings"] == [e.id for e in mini.endings if e.id not in data["endings"]]
    assert unused["rules"] == [r for r, x in data["rules"].items() if x["games"] == 0]


def test_warnings_follow_the_thresholds(tallied):
    _, _, data = tallied
    lines = warnings(data)
    assert lines == data["warnings"]
    for seat, s in data["seats"].items():
        assert any(line.startswith(f"{seat} wins") for line in lines) == (s["win_rate"] > DOMINANT_SEAT)
    for action, a in data["actions"].items():
        assert any(line.startswith(f"{action} (") for line in lines) == (a["share"] > DOMINANT_ACTION)


def test_a_dominant_seat_and_action_are_flagged(tallied):
    _, _, data = tallied
    rigged = {
        **data,
        "seats": {s: {**v, "win_rate": 0.9 if s == "vendor" else 0.05} for s, v in data["seats"].items()},
        "actions": {a: {**v, "share": 0.75 if a == "summit" else 0.1} for a, v in data["actions"].items()},
    }
    lines = warnings(rigged)
    assert len(lines) == 2
    assert lines[0].startswith("vendor wins 90% of games")
    assert lines[1].startswith("summit (regulator) is ordered in 75% of its seat's quarters")


@pytest.mark.parametrize("workers", [1, 3, 7])
def test_report_does_not_depend_on_how_games_are_chunked(mini, tallied, workers):
    levels, _, data = tallied
    results = []
    for start, count in chunks(GAMES, workers):
        fingerprint, done = play_chunk(str(MINI), "mini", levels, SEED, start, count)
        results.extend(done)
    assert fingerprint
    assert report(mini, levels, SEED, results[::-1]) == data


def test_chunks_cover_every_game_once():
    for games in (1, 2, 19, 2000):
        for workers in (1, 2, 16):
            pieces = chunks(games, workers)
            covered = [i for start, count in pieces for i in range(start, start + count)]
            assert covered == list(range(games))


def test_a_worker_notices_content_that_changed(tmp_path):
    """A long-lived worker recompiles when the files change, and says which content it used."""
    import shutil

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    levels = {"vendor": "random", "lawmaker": "random", "regulator": "random"}
    before, games = play_chunk(str(root), "mini", levels, 1, 0, 2)
    scenario = root / "rules.toml"
    scenario.write_text(scenario.read_text().replace("quarters = 6", "quarters = 3"))
    after, shorter = play_chunk(str(root), "mini", levels, 1, 0, 2)
    assert before != after
    assert max(g.quarters for g in shorter) <= 3 < max(g.quarters for g in games)
