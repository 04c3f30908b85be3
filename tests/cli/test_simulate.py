"""`python -m game simulate`: flags, the one-game log, the report, and one-line errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from game.bots import BOTS
from game.cli import main
from game.commands import simulate

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
BASE = ["simulate", "--content", str(MINI), "--scenario", "mini"]


def run(capsys, *args):
    code = main([*BASE, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_levels_match_the_bots():
    assert set(simulate.LEVELS) == set(BOTS)


def test_one_game_prints_its_quarters(capsys):
    code, out, err = run(capsys, "--games", "1", "--seed", "7")
    assert code == 0 and err == ""
    assert out.startswith("Mini: seed 7, 6 quarters, all seats random bots")
    assert "== Q1 2026-Q1 ==" in out and "== Q6 2027-Q2 ==" in out
    assert "Winner:" in out


def test_one_smart_game_shows_why(capsys):
    code, out, _ = run(capsys, "--games", "1", "--seed", "7", "--bots", "vendor=smart")
    assert code == 0
    assert "vendor smart, lawmaker random, regulator random" in out
    assert "why: " in out


def test_json_report_keeps_the_old_keys_and_adds_the_balance(capsys):
    code, out, _ = run(capsys, "--games", "12", "--seed", "3", "--json", "--workers", "1")
    data = json.loads(out)
    assert code == 0
    for key in (
        "games",
        "wins",
        "endings",
        "quarters",
        "final_tracks",
        "seats",
        "length",
        "actions",
        "events",
        "rules",
        "unused",
        "warnings",
        "bots",
    ):
        assert key in data
    assert data["games"] == 12 and sum(data["wins"].values()) == 12


def test_results_do_not_depend_on_the_number_of_workers(capsys):
    reports = []
    for workers in ("1", "2"):
        code, out, _ = run(
            capsys, "--games", "30", "--seed", "5", "--json", "--workers", workers, "--bots", "regulator=smart"
        )
        assert code == 0
        reports.append(json.loads(out))
    assert reports[0] == reports[1]


def test_text_report(capsys):
    code, out, _ = run(capsys, "--games", "20", "--seed", "3", "--workers", "2")
    assert code == 0
    for heading in (
        "Mini: 20 games from seed 3; bots: all random",
        "Seats",
        "Endings",
        "Game length",
        "Actions",
        "Events",
        "Mean final tracks",
    ):
        assert heading in out
    assert ("Warnings" in out) or ("No seat wins over 60%" in out)


def test_save_writes_the_first_game(tmp_path, capsys):
    path = tmp_path / "first.toml"
    code, _, _ = run(capsys, "--games", "3", "--seed", "9", "--json", "--save", str(path), "--bots", "smart")
    assert code == 0
    text = path.read_text()
    assert "seed = 9" in text and "bot:smart" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bots", "smrt"], "--bots: unknown level 'smrt' (did you mean 'smart'?); choose from random, smart, expert"),
        (
            ["--bots", "vender=smart"],
            "--bots: no seat 'vender' (did you mean 'vendor'?); seats: vendor, lawmaker, regulator",
        ),
        (["--bots", "vendor=smart,lawmaker"], "--bots: 'lawmaker' is not SEAT=LEVEL (e.g. vendor=smart)"),
        (["--bots", "vendor=genius"], "--bots: unknown level 'genius'"),
        (["--games", "0"], "--games must be 1 or more, got 0"),
        (["--workers", "-2"], "--workers must be 1 or more (0: one per core), got -2"),
        (["--scenario", "mni"], "--scenario: no scenario 'mni' (did you mean 'mini'?)"),
    ],
)
def test_bad_arguments_get_one_line_and_a_failing_exit(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err


def test_argparse_errors_are_one_line_too(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*BASE, "--games", "many"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert len(err.strip().splitlines()) == 1 and "--games" in err


def test_progress_bar_on_a_terminal(monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    code, out, _ = run(capsys, "--games", "10", "--seed", "3", "--json", "--workers", "1")
    assert code == 0 and json.loads(out)["games"] == 10
    assert "simulating" in screen.getvalue()


def test_no_progress_bar_when_piped(monkeypatch, capsys):
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    code, out, _ = run(capsys, "--games", "10", "--seed", "3", "--json", "--workers", "1")
    assert code == 0 and json.loads(out)["games"] == 10
    assert piped.getvalue() == ""


SHIPPED = ["simulate", "--scenario", "quickplay", "--bots", "smart", "--games", "3", "--seed", "2", "--workers", "1"]


def test_json_report_counts_the_talks(capsys):
    assert main([*SHIPPED, "--json"]) == 0
    deals = json.loads(capsys.readouterr().out)["deals"]
    for key in ("offered", "accepted", "accepted_quarters_share", "games_with_offers", "by_deal"):
        assert key in deals
    assert deals["offered"] == sum(d["offered"] for d in deals["by_deal"].values())
    assert deals["accepted"] == sum(d["accepted"] for d in deals["by_deal"].values())


def test_text_report_lists_the_deals_never_offered_or_never_accepted(capsys):
    assert main([*SHIPPED, "--json"]) == 0
    deals = json.loads(capsys.readouterr().out)["deals"]
    assert main(SHIPPED) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Talks: " in out and "Deals: offered and accepted" in out
    if deals["never_offered"]:
        assert f"Deals never offered: {', '.join(deals['never_offered'])}" in out
    offered_only = [d for d in deals["never_accepted"] if d not in deals["never_offered"]]
    if offered_only:
        assert f"Deals offered but never accepted: {', '.join(offered_only)}" in out


def test_one_game_log_shows_each_offer_its_answer_and_the_bots_reasons(capsys):
    from game.content import DEFAULT_CONTENT, load
    from game.match import Match

    assert main(["simulate", "--scenario", "h200", "--bots", "smart", "--games", "1", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    rules = load(DEFAULT_CONTENT).scenario("h200")
    match = Match.start(rules, 1, dict.fromkeys(rules.seat_ids, "bot:smart"))
    match.play_out()
    offers = [o for q in match.record.quarters for o in q.offers]
    assert offers
    for o in offers:
        terms = f"deal {o.deal}" if o.deal else f"{o.gives} for {o.wants}"
        assert f"talks     {o.sender} offers {o.receiver} {terms}: {o.answer or 'lapsed'}" in out
        assert f"why: {o.reason}" in out


EXAMPLE_BOT = f"{sys.executable} {Path(__file__).resolve().parents[2] / 'examples' / 'minimal_bot.py'}"


def test_an_external_program_plays_a_seat_in_the_one_game_log(capsys):
    code, out, err = run(capsys, "--games", "1", "--seed", "7", "--external", f"lawmaker={EXAMPLE_BOT}")
    assert code == 0 and err == ""
    assert "vendor random, lawmaker external, regulator random" in out
    assert "why: the cheapest actions first" in out or "why: nothing affordable: pass" in out


def test_external_programs_play_a_balance_run_in_worker_processes(capsys):
    external = ["--external", f"vendor={EXAMPLE_BOT}", "--external", f"regulator={EXAMPLE_BOT}"]
    code, out, err = run(capsys, "--games", "4", "--json", "--workers", "2", *external)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["games"] == 4
    assert data["bots"] == {"vendor": "external", "lawmaker": "random", "regulator": "external"}


def test_a_program_that_talks_nonsense_is_logged_and_the_game_finishes(capsys, tmp_path):
    garbage = tmp_path / "garbage.py"
    garbage.write_text("import sys\nfor line in sys.stdin:\n    print('nonsense', flush=True)\n")
    code, out, err = run(capsys, "--games", "1", "--external", f"vendor={sys.executable} {garbage}", "--timeout", "2")
    assert code == 0 and "Winner:" in out
    assert err.startswith("external program in seat vendor, Q1 hello: not JSON: 'nonsense'; the program is stopped")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--external", "vendor"], "--external: 'vendor' is not SEAT=COMMAND"),
        (["--external", "vendr=bot"], "--external: no seat 'vendr' (did you mean 'vendor'?)"),
        (["--external", "vendor=a", "--external", "vendor=b"], "--external: seat vendor is given twice"),
        (["--external", "vendor='unclosed"], "--external vendor: cannot split the command"),
        (["--external", "vendor=a", "--timeout", "0"], "--timeout must be more than 0 seconds, got 0"),
        (["--external", "vendor=a", "--fallback", "genius"], "--fallback: unknown level 'genius'"),
        (["--fallback", "smart"], "--fallback: it stands in for a program; name one with --external"),
    ],
)
def test_bad_external_flags_are_one_line_errors(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith(f"silicon-curtain: error: {message}") and err.count("\n") == 1
