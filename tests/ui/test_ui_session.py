"""The order of screens at the table, what the room may see, and the words the screens use:
plain functions, tested without a terminal."""

from __future__ import annotations

import pytest

from game.content.expression_words import describe_effect
from game.core.state import Order
from game.match import Match
from game.ui.outcome_words import outcome_heading
from game.ui.session import (
    ALL_SEATS,
    BRIEFING,
    DEBRIEF,
    END,
    HANDOFF,
    INTRO,
    ORDERS,
    PUBLIC,
    QUARTER,
    REPORT,
    SEAT,
    TALKS,
    Session,
    common_outcomes,
    common_view,
)
from game.ui.summary import unseen_moves
from game.ui.widgets.chart import chart_rows, level, trend_text
from game.ui.wording import change_text, move_text


def session(mini, humans, seed=3):
    seats = {s: ("human" if s in humans else "bot:random") for s in mini.seat_ids}
    return Session(Match.start(mini, seed, seats, "x"))


def kinds(steps):
    return [(s.kind, s.seat) for s in steps]


def test_one_person_has_no_hand_off(mini):
    s = session(mini, ("vendor",))
    assert kinds(s.steps) == [
        (INTRO, None),
        (BRIEFING, "vendor"),
        (QUARTER, "vendor"),
        (TALKS, "vendor"),
        (ORDERS, "vendor"),
    ]
    s.index = len(s.steps) - 1
    s.submit("vendor", Order("vendor"))
    assert kinds(s.steps[5:]) == [(REPORT, "vendor"), (QUARTER, "vendor"), (TALKS, "vendor"), (ORDERS, "vendor")]
    assert s.steps[5].scope == SEAT


def test_hot_seat_fences_every_seat_with_a_hand_off(mini):
    s = session(mini, ("vendor", "regulator"))
    assert kinds(s.steps) == [
        (INTRO, None),
        (HANDOFF, "vendor"),
        (BRIEFING, "vendor"),
        (QUARTER, "vendor"),
        (TALKS, "vendor"),
        (ORDERS, "vendor"),
        (HANDOFF, "regulator"),
        (BRIEFING, "regulator"),
        (QUARTER, "regulator"),
        (TALKS, "regulator"),
        (ORDERS, "regulator"),
    ]
    assert s.submit("vendor", Order("vendor")) is None  # the regulator has not given orders
    assert s.waiting_on == ("regulator",)
    assert s.submit("regulator", Order("regulator")) is not None
    after = s.steps[11:]
    assert (after[0].kind, after[0].scope) == (REPORT, PUBLIC)
    assert kinds(after[1:]) == [
        (HANDOFF, "vendor"),
        (REPORT, "vendor"),
        (QUARTER, "vendor"),
        (TALKS, "vendor"),
        (ORDERS, "vendor"),
        (HANDOFF, "regulator"),
        (REPORT, "regulator"),
        (QUARTER, "regulator"),
        (TALKS, "regulator"),
        (ORDERS, "regulator"),
    ]


def test_bots_only_is_watched_and_the_end_leads_to_the_debrief(mini):
    s = session(mini, ())
    assert kinds(s.steps) == [(INTRO, None), (QUARTER, None)]
    while not s.match.over:
        s.resolve()
    reports = [x for x in s.steps if x.kind == REPORT]
    assert reports and {r.scope for r in reports} == {ALL_SEATS}
    assert kinds(s.steps[-2:]) == [(END, None), (DEBRIEF, None)]
    assert s.unsaved  # over, but its last quarters not yet autosaved
    s.mark_saved()
    assert not s.unsaved


def test_back_goes_from_orders_to_talks_to_news_but_never_across_a_hand_off(mini):
    s = session(mini, ("vendor", "lawmaker"))
    while s.current is None or s.current.kind != ORDERS:
        s.next()
    assert s.back() == s.steps[4] and s.current.kind == TALKS
    assert s.back() == s.steps[3] and s.current.kind == QUARTER
    s.next()
    assert s.back() is not None
    s.index = 1  # a hand-off
    assert s.back() is None


def test_the_room_sees_only_what_every_seat_sees(mini):
    match = Match.start(mini, 5, dict.fromkeys(mini.seat_ids, "human"), "x")
    outcomes = match.play(
        {
            "vendor": Order("vendor", ("lobby",)),
            "lawmaker": Order("lawmaker", ("briefing",)),
            "regulator": Order("regulator", ("cut_quota",)),
        }
    )
    room = common_outcomes(mini, outcomes)
    ids = {o.id for o in room}
    assert "lobby" in ids and "briefing" not in ids and "cut_quota" not in ids
    assert all(c.track in ("licence", "tension") for o in room for c in o.changes)
    tracks = {tv.id for tv in common_view(mini, match.state)}
    assert tracks == {"licence", "tension"}


def test_effects_never_name_another_seats_private_track(mini):
    assert describe_effect(mini, "quota -= 10", "regulator") == "lowers Import quota by 10"
    assert describe_effect(mini, "quota -= 10", "vendor") == "lowers a private track by 10"
    assert describe_effect(mini, "quota -= 10", "") == "lowers a private track by 10"
    assert describe_effect(mini, "after 1: diversion += 10", "vendor") == "next quarter: raises Diversion by 10"
    assert describe_effect(mini, 'licence == "approved"', "vendor") == "Export licence is approved"
    assert describe_effect(mini, "event customs", "vendor") == "a follow-up event next quarter"
    assert describe_effect(mini, "event customs", "regulator") == "news next quarter: Customs asks for guidance"


def test_moves_read_with_a_shape_as_well_as_a_colour(mini):
    assert move_text(40, 45) == "▲+5"
    assert move_text(2.5, 1.0, 1) == "▼-1.5"
    assert move_text(3, 3) == "" and move_text("pending", "approved") == ""
    from game.core.state import Change

    assert change_text(mini, Change("tension", 40, 50)) == "Tension 40% → 50% (▲+10)"
    assert change_text(mini, Change("budget.vendor", 2, 1)) == "Attention 2 → 1 (▼-1)"


def test_a_failed_action_says_so_once(mini):
    from game.core.state import Outcome

    failed = Outcome(
        1, "orders", "action", "lobby", "Lobby Commerce failed", seat="vendor", success=False, odds=0.5, roll=0.71
    )
    assert outcome_heading(mini, failed, "vendor") == "Vendor CEO: Lobby Commerce (rolled 71 against 50%: failed)"


@pytest.mark.parametrize("value, expected", [(0, 0), (50, 4), (100, 8), (150, 8), (-5, 0)])
def test_charts_scale_to_the_tracks_bounds(value, expected):
    assert level(value, 0, 100, 8) == expected


def test_trend_and_chart_draw_one_column_a_quarter():
    assert trend_text([0, 50, 100], 0, 100) == "▁▄█"
    rows = chart_rows([0, 100], 0, 100, height=2, column=2)
    assert rows == ["  █ ", "▁ █ "]


def test_a_resumed_hot_seat_game_shows_each_seat_its_report_it_has_not_seen(mini):
    # The bug: resume went hand-off -> briefing -> next news, skipping each seat's private
    # report (its order book, its intelligence result) of the quarter last played.
    seats = {"vendor": "human", "lawmaker": "human", "regulator": "bot:random"}
    match = Match.start(mini, 3, seats, "x")
    match.play({"vendor": Order("vendor", ("lobby",)), "lawmaker": Order("lawmaker", ("briefing",))})
    resumed = Match.from_record(mini, match.record)
    s = Session(resumed)
    assert kinds(s.steps) == [
        (INTRO, None),
        (HANDOFF, "vendor"),
        (BRIEFING, "vendor"),
        (REPORT, "vendor"),
        (QUARTER, "vendor"),
        (TALKS, "vendor"),
        (ORDERS, "vendor"),
        (HANDOFF, "lawmaker"),
        (BRIEFING, "lawmaker"),
        (REPORT, "lawmaker"),
        (QUARTER, "lawmaker"),
        (TALKS, "lawmaker"),
        (ORDERS, "lawmaker"),
    ]
    assert all(step.scope == SEAT for step in s.steps if step.kind == REPORT)
    # Each seat's report holds its own private outcome of that quarter, and not the other's.
    vendor = {o.id for o in s.last_outcomes("vendor", SEAT)}
    lawmaker = {o.id for o in s.last_outcomes("lawmaker", SEAT)}
    assert "briefing" in lawmaker and "briefing" not in vendor


def test_the_report_dashboard_is_the_quarter_as_it_ended_not_with_the_next_news(mini):
    # The bug: the report's dashboard was built from the state after the next quarter's news,
    # so it contradicted the report's own lines and gave the next news away.
    s = session(mini, ("vendor",), seed=5)
    for _ in range(4):
        s.match.play({"vendor": Order("vendor")})
    match = s.match
    moved_by_news, hidden_moves = set(), 0
    for quarter in range(1, 5):
        for seat in ("vendor", ""):
            tracks = s.report_tracks(seat, quarter)
            shown = {tv.id: tv.value for tv in tracks[-1]}
            ended = match.end_of_quarter(quarter)
            assert shown == {t: ended.value(mini, t) for t in shown}
            # Every track a report line moves ends the quarter where the dashboard shows it, or
            # the report says what it did not see move it (another seat's private action).
            seen = s.outcomes(seat or None, PUBLIC if seat == "" else SEAT, quarter)
            last = {}
            for outcome in seen:
                for change in outcome.changes:
                    last[change.track] = change.after
            start, end = match.history[quarter - 1].slots(), ended.slots()
            unseen = {c.track: c for c in unseen_moves(mini, seat or None, start, end, seen)}
            for track, value in last.items():
                if track in shown:
                    assert shown[track] == (unseen[track].after if track in unseen else value), (quarter, seat)
            hidden_moves += len(unseen)
            # The next quarter's opening news is not in it: a track it moved shows its value before.
            nexts = [o for o in match.log[quarter] if o.quarter == quarter + 1 and o.phase == "news"]
            firsts = {}
            for outcome in nexts:
                for change in outcome.changes:
                    firsts.setdefault(change.track, change.before)
            assert all(shown[t] == v for t, v in firsts.items() if t in shown), (quarter, seat)
            moved_by_news.update(t for t in firsts if t in shown)
    assert moved_by_news, "no next-quarter news moved a shown track: the test needs another seed"
    assert hidden_moves, "no private action moved a public track: the test needs another seed"
