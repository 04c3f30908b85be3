"""Deals in content: `[[deal]]` with two `[[deal.side]]`, checked like every other entry,
each problem as FILE:LINE: entry ID: field: message, with did-you-mean where a name is close."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.content import ContentError, load

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): entry (?P<entry>\S+): (?P<field>\S+): (?P<message>.+)$")
DEALS = "deals/deals.toml"

# A deal the small world allows: the vendor lobbies, the regulator pays to calm things,
# offered while tension (a public track) is high enough.
GOOD = """\
[[deal]]
id = "calm_talks"
name = "Calm talks"
text = "The vendor lobbies for calm; the regulator eases tension."
when = "tension >= 20"
source = "fictional"

[[deal.side]]
seat = "vendor"
text = "Lobbies Commerce for calm."
actions = ["lobby"]

[[deal.side]]
seat = "regulator"
text = "Eases tension (1 capacity)."
cost = 1
effects = ["tension -= 5"]
"""


@pytest.fixture
def dealt(world) -> Path:
    """The small world with GOOD in deals/deals.toml."""
    (world / "deals").mkdir()
    (world / DEALS).write_text(GOOD)
    return world


def with_deal(root: Path, old: str, new: str) -> None:
    text = (root / DEALS).read_text()
    assert old in text, f"GOOD changed: {old!r} not in it"
    (root / DEALS).write_text(text.replace(old, new, 1))


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as err:
        load(root)
    lines = [str(p) for p in err.value.problems]
    for line in lines:
        assert LINE.match(line), line
    return lines


def line_of(root: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, text in enumerate((root / DEALS).read_text().splitlines(), start=1) if needle in text]
    return hits[nth - 1]


def test_a_good_deal_loads_into_the_scenario(dealt):
    rules = load(dealt).scenario("mini")
    deal = rules.deal("calm_talks")
    assert deal.seats == ("vendor", "regulator")
    assert deal.terms("vendor").actions == ("lobby",) and deal.terms("regulator").cost == 1
    assert deal.when_text == "tension >= 20" and not deal.public


def test_validate_lists_the_deals_in_its_summary(dealt, capsys):
    assert main(["validate", "--content", str(dealt)]) == 0
    out = capsys.readouterr().out
    assert "\n  deals      1 (1 private, 0 public)\n" in out
    assert "endings 3; deals 1" in out


def test_unknown_seat_with_did_you_mean(dealt):
    with_deal(dealt, 'seat = "vendor"', 'seat = "vender"')
    msgs = problems(dealt)
    line = line_of(dealt, 'seat = "vender"')
    assert any(
        m.startswith(f"mini/{DEALS}:{line}: entry calm_talks.vender: seat: unknown seat 'vender'")
        and "(did you mean 'vendor'?)" in m
        for m in msgs
    ), msgs


def test_an_action_of_the_other_seat(dealt):
    with_deal(dealt, 'actions = ["lobby"]', 'actions = ["summit"]')
    (msg,) = problems(dealt)
    line = line_of(dealt, 'actions = ["summit"]')
    assert msg.startswith(f"mini/{DEALS}:{line}: entry calm_talks.vendor: actions:")
    assert "'summit' is the regulator's action, not the vendor's" in msg


def test_unknown_action_with_did_you_mean(dealt):
    with_deal(dealt, 'actions = ["lobby"]', 'actions = ["lobbby"]')
    msgs = problems(dealt)
    assert any("unknown action 'lobbby'" in m and "(did you mean 'lobby'?)" in m for m in msgs), msgs


def test_a_deal_with_one_side(dealt):
    text = (dealt / DEALS).read_text()
    (dealt / DEALS).write_text(text[: text.index('[[deal.side]]\nseat = "regulator"')])
    (msg,) = problems(dealt)
    line = line_of(dealt, "[[deal]]")
    assert msg.startswith(f"mini/{DEALS}:{line}: entry calm_talks: side:")
    assert "a deal has two sides ([[deal.side]] twice), found 1" in msg


def test_both_sides_the_same_seat(dealt):
    with_deal(dealt, 'seat = "regulator"', 'seat = "vendor"')
    msgs = problems(dealt)
    line = line_of(dealt, 'seat = "vendor"', 2)
    assert any(
        m.startswith(f"mini/{DEALS}:{line}: entry calm_talks.vendor: seat:")
        and "both sides are the same seat; a deal is between two seats" in m
        for m in msgs
    ), msgs


@pytest.mark.parametrize("track", ["quota", "diversion", "revenue"])
def test_when_may_read_only_what_both_seats_see(dealt, track):
    with_deal(dealt, 'when = "tension >= 20"', f'when = "{track} >= 20"')
    (msg,) = problems(dealt)
    assert msg.startswith(f"mini/{DEALS}:{line_of(dealt, 'when =')}: entry calm_talks: when:")
    assert f"reads '{track}', which not both seats of the deal can see" in msg


def test_when_with_an_unknown_track_has_did_you_mean(dealt):
    with_deal(dealt, 'when = "tension >= 20"', 'when = "tensoin >= 20"')
    msgs = problems(dealt)
    assert any("entry calm_talks: when:" in m and "(did you mean 'tension'?)" in m for m in msgs), msgs


def test_a_negative_cost(dealt):
    with_deal(dealt, "cost = 1", "cost = -1")
    (msg,) = problems(dealt)
    assert msg.startswith(f"mini/{DEALS}:{line_of(dealt, 'cost = -1')}: entry calm_talks.regulator: cost:")
    assert "cannot be negative" in msg


def test_a_side_that_gives_nothing(dealt):
    with_deal(dealt, 'actions = ["lobby"]\n', "")
    (msg,) = problems(dealt)
    assert "entry calm_talks.vendor: effects: this side gives nothing: add effects, actions or a cost" in msg


def test_an_effect_on_an_unknown_track(dealt):
    with_deal(dealt, '"tension -= 5"', '"tenson -= 5"')
    msgs = problems(dealt)
    assert any(
        f"mini/{DEALS}:{line_of(dealt, 'tenson')}: entry calm_talks.regulator: effects[1]: unknown track 'tenson'" in m
        and "(did you mean 'tension'?)" in m
        for m in msgs
    ), msgs


def test_a_missing_name_and_an_unknown_field(dealt):
    with_deal(dealt, 'name = "Calm talks"\n', 'title = "Calm talks"\n')
    msgs = problems(dealt)
    assert any("entry calm_talks: name:" in m for m in msgs), msgs
    assert any("entry calm_talks: title:" in m for m in msgs), msgs


def test_a_leak_event_must_say_so_with_a_boolean(world):
    path = world / "events" / "events.toml"
    text = path.read_text()
    path.write_text(
        text + '\n[[event]]\nid = "leak"\ntitle = "A leak"\ntext = "x"\nchance = 0.5\n'
        'leaks = "yes"\neffects = ["tension += 1"]\nsource = "fictional"\n'
    )
    msgs = problems(world)
    assert any("entry leak: leaks:" in m for m in msgs), msgs
