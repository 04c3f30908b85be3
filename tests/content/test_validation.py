"""Broken content: every problem is reported as FILE:LINE: entry ID: field: message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.balance import play_game
from game.content import ContentError, load

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): entry (?P<entry>\S+): (?P<field>\S+): (?P<message>.+)$")
ROOT = Path(__file__).resolve().parents[2]


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, count))


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as err:
        load(root)
    lines = [str(p) for p in err.value.problems]
    for line in lines:
        assert LINE.match(line), line
    return lines


def line_of(root: Path, rel: str, needle: str, nth: int = 1) -> int:
    hits = [i for i, text in enumerate((root / rel).read_text().splitlines(), start=1) if needle in text]
    return hits[nth - 1]


def test_the_valid_world_loads(world):
    content = load(world)
    assert set(content.scenarios) == {"mini"}


def test_toml_syntax_error(world):
    edit(world, "actions/actions.toml", 'name = "Ship chips"', 'name = "Ship chips')
    (msg,) = problems(world)
    line = line_of(world, "actions/actions.toml", "Ship chips")
    # the entry and field it is in, not `entry -: -:`
    assert msg.startswith(f"mini/actions/actions.toml:{line}: entry ship: name: TOML syntax")


def test_an_unclosed_array_points_at_the_line_that_opens_it(world):
    edit(world, "actions/actions.toml", '"after 1: diversion += 10"]', '"after 1: diversion += 10"')
    (msg,) = problems(world)
    line = line_of(world, "actions/actions.toml", "after 1: diversion")
    assert msg.startswith(f"mini/actions/actions.toml:{line}: entry ship: effects: TOML syntax: an unclosed array")


def test_a_byte_order_mark_is_read_past(world):
    path = world / "tracks.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert set(load(world).scenarios) == {"mini"}


def test_an_emptied_scenario_file_is_reported_in_that_file(world):
    (world / "rules.toml").write_text("# emptied\n")
    msgs = problems(world)
    assert msgs[0].startswith("mini/rules.toml:1: entry -: -: holds no entries"), msgs


def test_the_root_cause_prints_before_what_follows_from_it(world):
    """A track with a mistyped field is left out, so every expression reading it fails too:
    the track's own problem is listed first, not after a page of `unknown name`."""
    edit(world, "tracks.toml", "max = 100", 'max = "100"')  # the first number track: tension
    msgs = problems(world)
    assert msgs[0].startswith("mini/tracks.toml:") and ": max: expected a number" in msgs[0], msgs
    assert len(msgs) > 1


def test_unknown_track_in_an_expression_with_did_you_mean(world):
    edit(world, "actions/actions.toml", '"quota -= 10"', '"qouta -= 10"')
    (msg,) = problems(world)
    line = line_of(world, "actions/actions.toml", "qouta")
    assert msg.startswith(f"mini/actions/actions.toml:{line}: entry cut_quota: effects[1]: unknown track 'qouta'")
    assert "(did you mean 'quota'?)" in msg


def test_bad_condition_names_entry_field_and_column(world):
    edit(world, "rules.toml", "diversion >= 50", "diversion >= ")
    (msg,) = problems(world)
    assert "entry agency_revokes: when: expected a value, found the end (at column" in msg


def test_duplicate_id(world):
    edit(world, "events/events.toml", 'id = "rumour"', 'id = "opening"')
    msgs = problems(world)
    second = line_of(world, "events/events.toml", 'id = "opening"', 2)
    assert any(
        f"mini/events/events.toml:{second}: entry opening: id: "
        "duplicate event id (first at mini/events/events.toml:" in m
        for m in msgs
    )


def test_wrong_type(world):
    edit(
        world,
        "actions/actions.toml",
        'cost = 2\neffects = ["tension += 10"]',
        'cost = "two"\neffects = ["tension += 10"]',
    )
    (msg,) = problems(world)
    line = line_of(world, "actions/actions.toml", 'cost = "two"')
    assert msg == f"mini/actions/actions.toml:{line}: entry hearing: cost: expected a whole number, got the text 'two'"


def test_dangling_references(world):
    edit(world, "actions/actions.toml", 'seat = "regulator"', 'seat = "regulatr"')
    edit(world, "events/events.toml", '"after 2: event trial"', '"after 2: event trail"')
    msgs = problems(world)
    assert any("entry cut_quota: seat: unknown seat 'regulatr' (did you mean 'regulator'?)" in m for m in msgs)
    assert any("entry smuggling: effects[2]: unknown event 'trail' (did you mean 'trial'?)" in m for m in msgs)
    # and the event nothing queues any more is unreachable
    assert any("entry trial: id: unreachable" in m for m in msgs)


def test_missing_field(world):
    edit(world, "events/events.toml", 'title = "Market rumour"\n', "")
    (msg,) = problems(world)
    assert re.match(r"mini/events/events.toml:\d+: entry rumour: title: missing \(required\)", msg)


def test_unknown_field_suggests_the_right_one(world):
    edit(world, "actions/actions.toml", "cost = 1\nrequires", "cots = 1\nrequires")
    msgs = problems(world)
    assert any("entry lobby: cots: unknown field (did you mean 'cost'?)" in m for m in msgs)
    assert any("entry lobby: cost: missing (required)" in m for m in msgs)


def test_non_utf8_bytes(world):
    path = world / "tracks.toml"
    line = line_of(world, "tracks.toml", "Tension")
    path.write_bytes(path.read_bytes().replace(b"Tension", b"Tens\xe9on"))
    (msg,) = problems(world)
    assert msg.startswith(f"mini/tracks.toml:{line}: entry -: -: not UTF-8")


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ContentError) as err:
        load(tmp_path / "empty")
    assert "no .toml content files" in str(err.value.problems[0])


def test_every_problem_is_reported_not_just_the_first(world):
    edit(world, "actions/actions.toml", '"quota -= 10"', '"qouta -= 10"')
    edit(world, "events/events.toml", "chance = 0.3", "chance = 1.5")
    edit(world, "tracks.toml", 'start = "pending"', 'start = "pendng"')
    msgs = problems(world)
    assert len(msgs) == 3
    assert any("entry rumour: chance: expected a number from 0 to 1" in m for m in msgs)
    assert any("entry licence: start: 'pendng' is not one of its states (did you mean 'pending'?)" in m for m in msgs)


def test_player_facing_odds_may_not_read_hidden_tracks(world):
    edit(world, "actions/actions.toml", 'odds = "1 - tension / 200"', 'odds = "1 - diversion / 200"')
    (msg,) = problems(world)
    assert "entry summit: odds: reads 'diversion', which the regulator seat cannot see" in msg


def test_enum_values_are_checked(world):
    edit(world, "actions/actions.toml", "effects = ['licence = \"approved\"']", "effects = ['licence = \"aproved\"']")
    (msg,) = problems(world)
    assert "licence is never 'aproved' (did you mean 'approved'?)" in msg


def test_scenario_start_and_timeout_ending(world):
    edit(world, "rules.toml", "tension = 40", "tensoin = 40")
    edit(world, "rules.toml", 'text = "The exercise ends."', 'text = "The exercise ends."\nwhen = "quarter > 5"')
    msgs = problems(world)
    assert any("entry mini: start.tensoin: unknown track 'tensoin' (did you mean 'tension'?)" in m for m in msgs)
    assert any("entry mini: id: needs exactly one ending without `when`" in m for m in msgs)


def test_an_endings_effects_cannot_wait_for_a_later_quarter(world):
    edit(
        world,
        "rules.toml",
        'when = "tension >= 95"',
        'when = "tension >= 95"\neffects = ["revenue -= 5", "after 1: tension -= 5", "event trial"]',
    )
    found = problems(world)
    assert [LINE.match(p).group("field") for p in found] == ["effects[2]", "effects[3]"]
    assert all("entry crisis" in p and "'after' and 'event' need a quarter to come" in p for p in found)


def test_single_brackets_are_explained(world):
    edit(world, "rules.toml", "[[rule]]", "[rule]")
    (msg,) = problems(world)
    assert "write [[rule]] (a list of entries), not [rule]" in msg


def test_cli_prints_one_line_a_problem_and_exits_1_without_traceback(world):
    edit(world, "actions/actions.toml", '"quota -= 10"', '"qouta -= 10"')
    edit(world, "events/events.toml", 'title = "Market rumour"\n', "")
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", "--content", str(world)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [bool(LINE.match(line)) for line in lines] == [True, True, False]
    assert lines[-1] == "2 problems; nothing was played"


def test_cli_summary_on_shipped_content():
    result = subprocess.run([sys.executable, "-m", "game", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "content OK" in result.stdout and "scenario   h200" in result.stdout


def test_missing_content_folder_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", "--content", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "content folder not found" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "expression",
    ["(" * 400 + "diversion" + ")" * 400 + " >= 50", "-" * 1500 + "diversion >= 50", "diversion >= " + "9" * 310],
    ids=["400-parentheses", "1500-minus-signs", "310-digit-literal"],
)
def test_deep_or_huge_expressions_are_one_problem_line(world, expression):
    edit(world, "rules.toml", "diversion >= 50", expression)
    (msg,) = problems(world)
    assert "entry agency_revokes: when: " in msg
    assert any(word in msg for word in ("nested more than", "too large")), msg
    assert len(msg) < 300  # the text is shown cut short, not 1,500 characters of it


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        ("max = 100", "max = inf", "max", "inf is not a number"),
        ("max = 100", "max = nan", "max", "nan is not a number"),
        ("min = 0", "min = -inf", "min", "-inf is not a number"),
        ("max = 100", "max = 1e309", "max", "inf is not a number"),  # TOML reads it as inf
        ("max = 100", "max = 1e300", "max", "too large"),
        ("max = 100", "max = " + "9" * 310, "max", "too large"),
    ],
)
def test_infinite_nan_and_huge_numbers_are_refused(world, old, new, field, words):
    edit(world, "tracks.toml", old, new)
    msgs = problems(world)
    assert any(f": {field}: " in m and words in m for m in msgs), msgs


def test_an_integer_of_4400_digits_is_one_problem_line(world):
    edit(world, "tracks.toml", "max = 100", "max = " + "9" * 4400)
    (msg,) = problems(world)
    assert msg.startswith("mini/tracks.toml:") and "TOML syntax" in msg and "digits" in msg
    assert len(msg) < 300


def test_toml_nested_500_deep_is_one_problem_line(world):
    (world / "deep.toml").write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    (msg,) = problems(world)
    assert msg.startswith("mini/deep.toml:1: entry -: -: TOML syntax: arrays or tables nested too deep")


def test_a_fifo_among_the_content_files_is_reported_not_waited_on(world):
    os.mkfifo(world / "pipe.toml")
    (msg,) = problems(world)
    assert msg.startswith("mini/pipe.toml:0: entry -: -: is not a plain file (a FIFO)")


def test_a_link_to_a_device_is_reported_not_read(world):
    (world / "zero.toml").symlink_to("/dev/zero")
    (msg,) = problems(world)
    assert msg.startswith("mini/zero.toml:0: entry -: -: is not a plain file (a device)")


def test_a_file_over_2_mb_is_refused_unread(world):
    (world / "huge.toml").write_text("# " + "x" * (3 * 1024 * 1024) + "\n")
    (msg,) = problems(world)
    assert msg.startswith("mini/huge.toml:0: entry -: -: is 3.0 MB, more than the 2.0 MB allowed")


def test_states_are_ids_as_saves_record_them(world):
    edit(world, "tracks.toml", '"revoked"]', '"[b]revoked"]')
    msgs = problems(world)
    assert any(": entry licence: states: '[b]revoked' is not an id" in m for m in msgs), msgs


# --- mistakes that loaded as "content OK" and went wrong in play (issue 20) -----------------


@pytest.mark.parametrize(
    "rel, old, new, entry, field, words",
    [
        (
            "rules.toml",
            '"tension >= 95"',
            "'tension >= 95 and ending != \"revokd\"'",
            "crisis",
            "when",
            "ending is never 'revokd' (did you mean 'revoked'?)",
        ),
        (
            "rules.toml",
            'seats = ["vendor", "lawmaker", "regulator"]',
            'seats = ["vendor", "lawmaker", "regulator", "vendor"]',
            "mini",
            "seats",
            "'vendor' is listed twice",
        ),
        ("seats/seats.toml", "max = 100", "max = -10", "vendor.revenue", "max", "must be above 0"),
        ("events/events.toml", "quarters = [1]", "quarters = [0]", "opening", "quarters", "counted from 1"),
        ("actions/actions.toml", '"tension += 10"', '"tension += 10 / 0"', "hearing", "effects[1]", "divides by 0"),
        ("tracks.toml", "precision = 1", "precision = -1", "revenue", "precision", "from 0 to 6"),
        ("seats/seats.toml", 'name = "Vendor CEO"', 'name = "Vendor CEO [/x]"', "vendor", "name", "square brackets"),
        (
            "seats/seats.toml",
            'name = "Vendor CEO"',
            'name = "Vendor \\u001b]0;pwned\\u0007"',
            "vendor",
            "name",
            "control",
        ),
        ("actions/actions.toml", 'text = "Raise the alarm."', 'text = "\\u001b[2J"', "hearing", "text", "control"),
        ("rules.toml", "quarters = 6", "quarters = 100000", "mini", "quarters", "1 to 100 quarters"),
    ],
)
def test_mistakes_that_used_to_validate(world, rel, old, new, entry, field, words):
    edit(world, rel, old, new)
    msgs = problems(world)
    assert any(f": entry {entry}: {field}: " in m and words in m for m in msgs), msgs


def test_a_seat_with_no_action_in_a_scenario(world):
    edit(world, "actions/actions.toml", 'seat = "lawmaker"', 'seat = "vendor"', count=2)
    msgs = problems(world)
    assert any(": entry mini: seats: seat 'lawmaker' has no action in this scenario" in m for m in msgs), msgs


def test_an_id_ending_in_a_newline_is_refused(world):
    edit(world, "actions/actions.toml", 'id = "hearing"', 'id = "hearing\\n"')
    msgs = problems(world)
    assert any(": id: expected an id" in m for m in msgs), msgs


def test_a_5_mb_text_is_refused(world):
    edit(world, "actions/actions.toml", 'text = "Raise the alarm."', 'text = "' + "x" * 6000 + '"')
    msgs = problems(world)
    assert any(": entry hearing: text: 6000 characters; a text is at most 5000" in m for m in msgs), msgs


def warnings_of(root: Path) -> list[str]:
    return [str(w) for w in load(root).warnings]


def test_a_quarter_or_a_delay_past_the_last_quarter_is_a_warning(world):
    edit(world, "events/events.toml", "quarters = [2]", "quarters = [7]")
    edit(world, "actions/actions.toml", '"after 1: diversion += 10"', '"after 12: diversion += 10"')
    found = warnings_of(world)
    assert any(": entry customs: quarters: warning: 7 never comes: the longest scenario" in w for w in found), found
    assert any(": entry ship: effects[2]: warning: 'after 12' never comes" in w for w in found), found


def test_the_shipped_content_has_no_such_warning():
    assert warnings_of(ROOT / "content") == []


@pytest.mark.parametrize(
    "condition",
    [
        '"tension >= 150"',
        '"quarter > 6"',
        "'licence == \"revoked\" and 120 < tension'",
        '"tension > 100 or quarter > 9"',
    ],
)
def test_an_ending_that_can_never_be_true_is_a_warning(world, condition):
    edit(world, "rules.toml", '"tension >= 95"', condition)
    found = warnings_of(world)
    assert any(": entry crisis: when: warning: can never be true" in w for w in found), found


@pytest.mark.parametrize("condition", ['"tension >= 100"', '"quarter >= 6"', "'licence == \"revoked\"'"])
def test_an_ending_that_can_be_true_is_no_warning(world, condition):
    edit(world, "rules.toml", '"tension >= 95"', condition)
    assert warnings_of(world) == []


def test_a_state_no_effect_sets_makes_an_ending_never_true(world):
    edit(world, "rules.toml", "effects = ['licence = \"revoked\"']", "effects = ['tension += 1']")
    found = warnings_of(world)
    assert any(": entry revoked: when: warning: can never be true" in w for w in found), found


def test_events_queuing_each_other_in_a_circle_are_a_warning(world):
    edit(
        world,
        "events/events.toml",
        'effects = ["tension += 5"]',
        'effects = ["tension += 5", "after 1: event smuggling"]',
    )
    found = warnings_of(world)
    assert any(
        "entry smuggling: effects: warning: queues itself again (smuggling -> trial -> smuggling)" in w for w in found
    ), found


def test_a_circle_of_once_events_still_goes_round_and_is_a_warning(world):
    # A queued event comes up whatever its `once` says: seed 2 fires `smuggling` twice.
    edit(world, "events/events.toml", 'when = "diversion >= 30"', 'when = "diversion >= 30"\nonce = true')
    edit(
        world,
        "events/events.toml",
        'effects = ["tension += 5"]',
        'effects = ["tension += 5", "after 1: event smuggling"]\nonce = true',
    )
    edit(world, "rules.toml", "quarters = 6", "quarters = 20")
    edit(world, "tracks.toml", "start = 10\nvisibility", "start = 40\nvisibility")
    found = warnings_of(world)
    assert any("queues itself again (smuggling -> trial -> smuggling)" in w and "whatever `once`" in w for w in found)
    rules = load(world).scenario("mini")
    fired = play_game(rules, 2, dict.fromkeys(rules.seat_ids, "random")).events
    assert fired.count("smuggling") == 2


def test_a_circle_through_an_option_names_the_choice_that_keeps_it_going(world):
    edit(world, "events/events.toml", 'effects = ["quota += 10"]', 'effects = ["quota += 10", "event customs"]')
    found = warnings_of(world)
    assert any(
        "entry customs: effects: warning: queues itself again (customs -> customs): once one fires, the circle goes "
        "round whenever the option customs.allow is chosen" in w
        for w in found
    ), found


@pytest.mark.parametrize(
    ("rel", "old", "new", "entry", "field"),
    [
        ("rules.toml", '"tension >= 95"', '"tension > 80 and tension < 20"', "crisis", "when"),
        ("rules.toml", '"tension >= 95"', '"tension >= 95 and not (tension > 50)"', "crisis", "when"),
        ("rules.toml", '"tension >= 95"', '"tension * 2 > 250"', "crisis", "when"),
        ("rules.toml", '"tension >= 95"', '"min(tension, quota) > 100"', "crisis", "when"),
        ("rules.toml", '"tension >= 95"', '"tension == 50 and 50 != tension"', "crisis", "when"),
        (
            "rules.toml",
            "when = 'licence == \"revoked\"'",
            'when = \'licence == "revoked" and licence != "revoked"\'',
            "revoked",
            "when",
        ),
        (
            "events/events.toml",
            'when = "diversion >= 30"',
            'when = "diversion >= 30 and diversion < 30"',
            "smuggling",
            "when",
        ),
    ],
)
def test_contradictory_bounds_or_arithmetic_past_the_range_never_hold(world, rel, old, new, entry, field):
    edit(world, rel, old, new)
    found = warnings_of(world)
    assert any(f": entry {entry}: {field}: warning: can never be true" in w for w in found), found


@pytest.mark.parametrize(
    "condition",
    [
        '"tension > 80 and tension <= 81"',
        '"tension >= 95 or tension < 5"',
        '"not (tension < 95)"',
        '"tension * 2 >= 200"',
        '"tension - quota > 99"',
        '"100 / (tension - 50) > 1 and tension > 90"',
        '"tension >= 95 and tension == 100"',
    ],
)
def test_bounds_that_leave_a_value_are_no_warning(world, condition):
    edit(world, "rules.toml", '"tension >= 95"', condition)
    assert warnings_of(world) == []


def test_validate_lists_the_warnings_and_exits_0(world, capsys):
    from game.cli import main

    edit(world, "rules.toml", '"tension >= 95"', '"tension >= 150"')
    assert main(["validate", "--content", str(world)]) == 0
    captured = capsys.readouterr()
    assert "entry crisis: when: warning: can never be true" in captured.err
    assert "warnings   1 (listed above)" in captured.out


def test_validate_reach_warns_of_content_no_bot_game_reached_and_exits_0(world, capsys):
    from game.cli import main

    # Possible on paper (no static warning), never in practice: every track at its top at once.
    edit(world, "rules.toml", '"tension >= 95"', '"tension >= 100 and diversion >= 100 and quota >= 100"')
    assert warnings_of(world) == []
    assert main(["validate", "--content", str(world), "--reach", "10"]) == 0
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    crisis = line_of(world, "rules.toml", 'id = "crisis"')
    assert (
        f"mini/rules.toml:{crisis}: entry crisis: id: warning: never reached in 10 bot games (random) of mini" in lines
    )
    assert not any("entry opening:" in x for x in lines), lines  # quarter 1's event fires in every game
    assert all(LINE.match(x) for x in lines), lines
    assert "reach      10 games of each scenario, bots random" in captured.out


def test_validate_without_reach_plays_no_game(world, monkeypatch):
    import game.balance
    from game.cli import main

    def no_games(*args, **kwargs):
        raise AssertionError("validate played a game")

    monkeypatch.setattr(game.balance, "play_game", no_games)
    assert main(["validate", "--content", str(world)]) == 0


@pytest.mark.parametrize(
    ("flags", "error"),
    [
        (["--reach", "-1"], "--reach must be 0 or more games, got -1"),
        (["--reach", "2", "--bots", "clever"], "--bots: unknown level 'clever'"),
    ],
)
def test_validate_reach_refuses_bad_flags_in_one_line(world, capsys, flags, error):
    from game.cli import main

    assert main(["validate", "--content", str(world), *flags]) != 0
    (line,) = capsys.readouterr().err.splitlines()
    assert error in line
