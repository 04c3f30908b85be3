"""Every text the content gives the screens reads as words, and every roll shows its odds
and its outcome."""

from __future__ import annotations

import pytest
from rich.console import Console
from wording_scan import wording_problems

from game.content import DEFAULT_CONTENT, load
from game.content.expression_words import condition_words, describe_effect, odds_words
from game.core.state import Change, Outcome
from game.ui.outcome_words import is_drift, outcome_heading, outcome_items
from game.ui.wording import plural, roll_text

SCENARIOS = ("h200", "quickplay")


@pytest.fixture(scope="module")
def content():
    return load(DEFAULT_CONTENT)


def content_texts(rules):
    """(kind, text) for every effect, requirement, odds, chance and condition of a scenario."""
    out = []
    for a in rules.actions:
        out += [("odds", a.odds_text), ("requires", f"needs {a.requires_text}" if a.requires_text else "")]
        out += [("effect", e.text) for e in (*a.effects, *a.fail_effects)]
    for e in rules.events:
        out += [("when", e.when_text), ("odds", e.chance_text)]
        out += [("effect", x.text) for x in e.effects]
        out += [("effect", x.text) for o in e.options for x in o.effects]
    for r in rules.rules:
        out += [("when", r.when_text)] + [("effect", e.text) for e in r.effects]
    for end in rules.endings:
        out += [("when", end.when_text)] + [("effect", e.text) for e in end.effects]
    return [(kind, text) for kind, text in out if text]


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("seat", ["vendor", "lawmaker", "regulator", "", None])
def test_every_content_text_reads_as_words(content, scenario, seat):
    rules = content.scenario(scenario)
    problems = []
    for kind, text in content_texts(rules):
        said = [describe_effect(rules, text, seat)]
        if kind == "odds":
            said.append(odds_words(rules, text, seat))
        if kind == "when":
            said += [condition_words(rules, text, seat), condition_words(rules, text, seat, needs=True)]
        for words in said:
            problems += [f"{text!r} -> {words!r}: {p}" for p in wording_problems(words)]
    assert not problems, "\n".join(problems)


def test_private_tracks_stay_unnamed(content):
    rules = content.scenario("h200")
    for seat in ("vendor", "lawmaker", "regulator", ""):
        for _, text in content_texts(rules):
            said = describe_effect(rules, text, seat)
            for track in rules.tracks:
                if track.visibility not in ("public", "hidden") and not track.visible_to(seat):
                    assert track.name not in said, (seat, text, said)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("talks += 5", "raises Framework talks by 5"),
        ("talks -= 5", "lowers Framework talks by 5"),
        ('verification = "pilot"', "sets Location verification to pilot"),
        ('needs verification == "pilot"', "needs Location verification to be pilot"),
        ('needs licence != "approved"', "needs US export licence not to be approved"),
        ("needs bill >= 25 and bill < 100", "needs Chip Security Act at least 25% and Chip Security Act below 100%"),
        ("0.35 + reputation / 200", "35%, plus 0.5% per point of Vendor reputation"),
        ("tension += (50 - tension) / 6", "moves US-China tension a sixth of the way towards 50%"),
        ("vendor_share /= 2", "halves Vendor share of China market"),
        ("after 1: domestic_capacity += 10", "next quarter: raises Domestic chip capacity by 10"),
        ("after 2: event smuggling_case", "news in 2 quarters: Smuggling ring charged"),
        ("quarter >= 3", "quarter 3 or later"),
        (
            'not (licence == "approved" and quota > 0)',
            "US export licence is not approved or China import quota at most 0 k units",
        ),
        ("already taken (once a game)", "already taken (once a game)"),
    ],
)
def test_effects_conditions_and_odds_in_words(content, text, said):
    assert describe_effect(content.scenario("h200"), text, None) == said


def test_plurals_agree():
    assert plural(1, "quarter") == "1 quarter"
    assert plural(2, "time") == "2 times"
    assert plural(1.5, "point") == "1.5 points"
    assert plural(1.0, "point") == "1 point"


def test_a_unit_agrees_with_one(content):
    licensed = content.scenario("h200").track("licensed_q")
    assert licensed.format(1) == "1 quarter"
    assert licensed.format(2) == "2 quarters"


@pytest.mark.parametrize(
    ("odds", "roll", "success", "said"),
    [
        (0.66, 0.23, True, "rolled 23 against 66%: success"),
        (0.66, 0.71, False, "rolled 71 against 66%: failed"),
        (0.66, 0.6599, True, "rolled 65 against 66%: success"),
        (0.66, 0.66, False, "rolled 66 against 66%: failed"),
        (0.685, 0.683, True, "rolled 68 against 68.5%: success"),
        (0.685, 0.687, False, "rolled 68.7 against 68.5%: failed"),
        (0.3, 0.71, True, "rolled 71 against 30%: made to succeed by the facilitator"),
        (1.0, None, True, "certain"),
        (0.0, None, False, "no chance (0%)"),
    ],
)
def test_every_roll_shows_its_odds_and_outcome(odds, roll, success, said):
    assert roll_text(odds, roll, success) == said


def test_a_failed_rule_roll_leaves_a_line_with_its_odds(content):
    rules = content.scenario("h200")
    failed = Outcome(
        3, "rule", "rule", "agency_approves", "Commerce approves the licence", success=False, odds=0.3, roll=0.71
    )
    assert outcome_heading(rules, failed, "vendor") == (
        "Commerce approves the licence: not this quarter (rolled 71 against 30%: failed)"
    )
    head, subs = outcome_items(rules, [failed], "vendor")[0]
    assert "Congress is quiet" in subs[0].plain  # why the rule was in play: its own text


def test_drifts_are_told_from_the_rule_and_grouped(content):
    rules = content.scenario("h200")
    drifts = {r.id for r in rules.rules if is_drift(rules, r)}
    assert {"tension_cools", "support_drift", "pressure_fades"} <= drifts
    assert not drifts & {"agency_approves", "shipments", "talks_calm", "licence_clock", "leverage_fades"}
    outcomes = [
        Outcome(2, "rule", "rule", "tension_cools", "Tempers cool", changes=(Change("tension", 66, 63.2),)),
        Outcome(2, "rule", "rule", "talks_calm", "Talks calm tempers", changes=(Change("tension", 63.2, 61.2),)),
        Outcome(2, "rule", "rule", "support_drift", "Voters' attention drifts", changes=(Change("support", 48, 47.4),)),
    ]
    items = outcome_items(rules, outcomes, "vendor")
    assert [head.plain for head, _ in items] == [
        "Talks calm tempers",
        "Drifts: US-China tension 66% → 63%, Lawmaker's public support 48% → 47%",
    ]
    console = Console(width=80, record=True)
    from game.ui.outcome_words import outcome_lines

    console.print(outcome_lines(rules, outcomes, "vendor"))
    assert not wording_problems(console.export_text())


def test_an_effect_floored_at_zero_reads_as_a_sentence(content):
    rules = content.scenario("quickplay")
    said = describe_effect(rules, "after 2: domestic_capacity += max(0, 30 - domestic_capacity / 18)", "regulator")
    assert said == (
        "in 2 quarters: raises Domestic chip capacity by 30 minus an eighteenth of it, "
        "or not at all once that is 0 or less"
    )


def report_words(text: str, fmt: str) -> str:
    """What a reader of the report reads: no code spans, links, styles, scripts or tags."""
    import html
    import re

    text = re.sub(r"https?://\S+", "", text)
    if fmt == "md":
        return re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"(?s)<(style|script|svg)\b.*?</\1>", "", text)
    text = re.sub(r"(?s)<code>.*?</code>", "", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_after_action_report_reads_as_words(content, scenario, fmt):
    from game.match import Match
    from game.report import render

    rules = content.scenario(scenario)
    problems = []
    for seed in (1, 2, 3):
        match = Match.start(rules, seed, {}, content.fingerprint)
        match.play_out()
        problems += wording_problems(report_words(render(match, fmt), fmt))
    assert not problems, "\n".join(problems)
