"""The end of each quarter: the state a quarter leaves, before the next quarter's news.

The engine draws quarter q+1's news when quarter q resolves, so the state `play_quarter`
returns is not the one the report of quarter q describes. `Match.settled` and
`Replay.settled` keep the state each quarter left; saves (format 2 on) record its tracks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from game.cli import main
from game.core.view import view
from game.match import FORMAT_VERSION, HEADER, TRAILER, Match, to_toml, track_values
from game.match.replay import replay
from game.saves.loading import load_game
from game.saves.reader import parse_record, read_record
from game.saves.store import write_save

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
FIXTURES = Path(__file__).parent / "fixtures"
V1_SAVES = sorted(FIXTURES.glob("v1-*.toml"))


def written(data: dict) -> bytes:
    return (HEADER + tomli_w.dumps(data) + "\n" + TRAILER).encode()


def bot_game(rules, fingerprint: str, seed: int) -> Match:
    match = Match.start(rules, seed, {}, fingerprint)
    match.play_out()
    return match


def last_moves(match: Match, quarter: int) -> dict[str, object]:
    """Each track's value after the last change the outcomes of `quarter` report."""
    moved: dict[str, object] = {}
    for outcome in (o for outcomes in match.log for o in outcomes if o.quarter == quarter):
        for change in outcome.changes:
            if not change.track.startswith("budget."):
                moved[change.track] = change.after
    return moved


def first_moves(match: Match, quarter: int) -> dict[str, object]:
    """Each track's value before the first change of `quarter`'s news."""
    moved: dict[str, object] = {}
    for outcome in (o for outcomes in match.log for o in outcomes if o.quarter == quarter and o.phase == "news"):
        for change in outcome.changes:
            if not change.track.startswith("budget."):
                moved.setdefault(change.track, change.before)
    return moved


@pytest.mark.parametrize("seed", range(1, 9))
def test_a_quarter_ends_where_its_report_moves_the_tracks(mini, mini_content, seed):
    match = bot_game(mini, mini_content.fingerprint, seed)
    played = len(match.record.quarters)
    assert len(match.settled) == played + 1
    for q in range(1, played + 1):
        end = match.end_of_quarter(q)
        assert end.quarter == q and end.news == ()
        for track, after in last_moves(match, q).items():
            assert end.value(mini, track) == after, (q, track)
        # The next news starts from the settled values: none of it is in them yet.
        if q < played:
            for track, before in first_moves(match, q + 1).items():
                assert end.value(mini, track) == before, (q, track)
            nxt = match.history[q]
            assert nxt.quarter == q + 1
            assert end.fired == nxt.fired[: len(nxt.fired) - len(nxt.news)]
            assert end.budgets == nxt.budgets or first_moves(match, q + 1)  # news may spend budgets
        else:  # the last quarter ended the game: nothing drawn after it
            assert end.values == match.state.values and end.ending == match.state.ending
    assert match.end_of_quarter(0).values == tuple(t.start for t in mini.tracks)
    with pytest.raises(IndexError):
        match.end_of_quarter(played + 1)


def test_the_offset_is_real_in_this_world(mini, mini_content):
    """At least one game where the next news moves a track: the two points differ."""
    differs = 0
    for seed in range(1, 9):
        match = bot_game(mini, mini_content.fingerprint, seed)
        differs += sum(match.settled[q].values != match.history[q].values for q in range(1, len(match.settled) - 1))
    assert differs


def test_a_seat_sees_the_end_of_a_quarter_through_its_view(mini, mini_content):
    match = bot_game(mini, mini_content.fingerprint, 3)
    views = match.end_views("vendor", upto=2)
    assert [v.quarter for v in views] == [1, 1, 2]  # the opening stands at Q1, before its news
    assert views[-1] == view(mini, match.end_of_quarter(2), "vendor")
    assert not views[-1].has("diversion")  # hidden from every seat
    assert not views[-1].has("quota")  # the regulator's own
    assert views[-1].has("revenue") and views[-1].news == ()
    assert len(match.end_views(None)) == len(match.settled)


def test_new_saves_record_each_quarter_as_it_ended(mini, mini_content, tmp_path):
    match = bot_game(mini, mini_content.fingerprint, 5)
    path = write_save(match, tmp_path / "game.toml")
    record = read_record(path)
    assert record.format == FORMAT_VERSION == 2
    for q, end in zip(record.quarters, match.settled[1:]):
        assert q.tracks == track_values(mini, end)
        assert q.digest == match.history[q.quarter].digest()  # the digest still proves the whole state
    loaded = load_game(path, mini_content)
    assert loaded.run.faithful and list(loaded.run.settled) == match.settled


def test_a_changed_track_is_named_at_the_quarter_it_ended(mini, mini_content, tmp_path):
    match = bot_game(mini, mini_content.fingerprint, 5)
    data = tomllib.loads(to_toml(match.record))
    data["quarter"][1]["tracks"]["tension"] += 1
    run = replay(mini, parse_record(written(data)))
    assert run.divergence is not None and run.divergence.quarter == 2
    assert run.divergence.tracks == (("tension", data["quarter"][1]["tracks"]["tension"], match.settled[2].values[1]),)


def as_format_1(match: Match) -> bytes:
    """The save a format 1 game wrote: each quarter's tracks after the next news."""
    data = tomllib.loads(to_toml(match.record))
    data["format"] = 1
    for row, state in zip(data["quarter"], match.history[1:]):
        row["tracks"] = dict(track_values(match.rules, state))
    return written(data)


def test_a_format_1_save_loads_and_resumes_as_format_2(mini, mini_content, tmp_path):
    first = Match.start(mini, 5, {}, mini_content.fingerprint)
    for _ in range(3):
        first.play()
    old = parse_record(as_format_1(first))
    assert old.format == 1 and old != first.record
    run = replay(mini, old)
    assert run.faithful, run.problem()
    resumed = Match.from_record(mini, old)
    assert resumed.record == first.record  # brought up to format 2: the tracks as each quarter ended
    assert resumed.settled == first.settled
    resumed.play_out()
    assert all(q.tracks == track_values(mini, end) for q, end in zip(resumed.record.quarters, resumed.settled[1:]))


@pytest.mark.parametrize("path", V1_SAVES, ids=[p.name for p in V1_SAVES])
def test_format_1_files_still_load_and_check(path, mini_content, capsys):
    """Saves written by the game before format 2, kept as files."""
    record = read_record(path)
    assert record.format == 1
    if record.content != mini_content.fingerprint:
        pytest.skip(f"{path.name} was written on an older tests/fixtures/mini; its digests need that content")
    assert main(["replay", str(path), "--check", "--content", str(MINI)]) == 0
    assert "every digest matches" in capsys.readouterr().out
    loaded = load_game(path, mini_content)
    match = loaded.match()
    assert match.record.format == FORMAT_VERSION
    assert [q.digest for q in match.record.quarters] == [q.digest for q in record.quarters]
    assert len(match.settled) == len(record.quarters) + 1


@pytest.mark.parametrize("seed", range(1, 6))
def test_the_report_dashboard_moves_as_the_report_says(mini, mini_content, seed):
    """The report screen's dashboard (Match.report_views): its last move is the quarter's
    own outcomes, from where the seat ordered to where the quarter ended; no next news."""
    match = bot_game(mini, mini_content.fingerprint, seed)
    for q in range(1, len(match.settled)):
        views = match.report_views("vendor", q)
        assert len(views) == q + 1
        before, after = views[-2], views[-1]
        assert before == view(mini, match.history[q - 1], "vendor")  # as the vendor ordered
        assert after == view(mini, match.end_of_quarter(q), "vendor")
        moved: dict[str, object] = {}
        for o in match.log[q]:
            if o.quarter == q:
                for c in o.changes:
                    if not c.track.startswith("budget.") and after.has(c.track):
                        moved.setdefault(c.track, c.before)
        for track, first in moved.items():
            assert before.value(track) == first, (q, track)  # the quarter's first move starts where the seat ordered
        for t in mini.tracks:
            if after.has(t.id) and t.id not in last_moves(match, q):
                assert after.value(t.id) == before.value(t.id), (q, t.id)  # nothing unreported moved
