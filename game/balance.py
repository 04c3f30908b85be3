"""Balance of a scenario: bot-only games, tallied into what an author needs to see.

One game is played by `play_game` (bots in every seat, no record kept, so it is fast) and
summed up as a `GameResult` of plain values. Chunks of games run through `play_chunk`, a
plain function of plain arguments, so any `concurrent.futures` executor (processes here, a
cluster later) can run them. `report` turns the results into the balance report: who wins
and by how much, how games end and how long they last, which actions and events are used,
what content is never used, and warnings when a seat or an action dominates.

Game i always uses seed + i, and results are tallied in game order, so the report is the
same however many workers played the games.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import attrs

from .bots import BOTS
from .bots.talks import bots_talk
from .core.deals import Offer, ordering_view
from .core.model import Event, Option, Rule, Rules
from .core.scoring import leader, standings
from .core.sink import OutcomeLog, Sink
from .core.state import Change
from .core.turn import new_game, play_quarter
from .core.view import view, visible_outcomes

DOMINANT_SEAT = 0.60  # warn when a seat wins more than this share of games
DOMINANT_ACTION = 0.60  # warn when an action is in more than this share of its seat's quarters
DOMINANT_DEAL = 0.50  # warn when one deal is more than this share of all accepted offers
TRADE = "trade"  # the by-deal key of every action-for-action offer


@attrs.frozen
class GameResult:
    index: int  # the game's number; its seed is the first seed plus this
    ending: str
    quarters: int
    winner: str  # "" for a draw
    points: tuple[float, ...]  # per seat, in seat order
    shares: tuple[float, ...]  # points as a share of the seat's maximum
    actions: tuple[str, ...]  # every action ordered, once per quarter it was ordered
    events: tuple[str, ...]  # every event fired, as often as it fired
    options: tuple[str, ...]  # "event:option" for every choice answered
    rules: tuple[str, ...]  # every non-player rule that fired, as often as it fired
    finals: tuple  # each number track's final value, in track order
    offers: tuple[tuple[str, bool], ...] = ()  # (deal id or "trade", accepted) for every offer made
    deal_quarters: int = 0  # quarters in which at least one offer was accepted


class Tally(Sink):
    """A sink that notes what fired, which is all a balance run counts of a game's steps."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.options: list[str] = []
        self.rules: list[str] = []

    def news(self, quarter: int, event: Event, changes: list[Change] | None) -> None:
        self.events.append(event.id)

    def choice(
        self, quarter: int, event: Event, option: Option, changes: list[Change] | None, chosen: bool = True
    ) -> None:
        self.options.append(f"{event.id}:{option.id}")

    def rule(
        self, quarter: int, rule: Rule, success: bool, odds: float, roll: float | None, changes: list[Change] | None
    ) -> None:
        if success:  # a failed roll is heard too, but nothing fired
            self.rules.append(rule.id)


class TalliedLog(OutcomeLog):
    """A tally that logs every step's outcome too: a program in a seat is told, each quarter,
    what its seat saw happen, as a person reads it in the quarter's report."""

    def __init__(self, rules: Rules, tally: Tally) -> None:
        super().__init__(rules)
        self.tally = tally

    def news(self, quarter: int, event: Event, changes: list[Change] | None) -> None:
        self.tally.news(quarter, event, changes)
        super().news(quarter, event, changes)

    def choice(
        self, quarter: int, event: Event, option: Option, changes: list[Change] | None, chosen: bool = True
    ) -> None:
        self.tally.choice(quarter, event, option, changes, chosen)
        super().choice(quarter, event, option, changes, chosen)

    def rule(
        self, quarter: int, rule: Rule, success: bool, odds: float, roll: float | None, changes: list[Change] | None
    ) -> None:
        self.tally.rule(quarter, rule, success, odds, roll, changes)
        super().rule(quarter, rule, success, odds, roll, changes)


def play_game(
    rules: Rules, seed: int, levels: dict[str, str], index: int = 0, players: Mapping | None = None
) -> GameResult:
    """One game with a bot of `levels[seat]` in every seat: the game `Match` would play.
    `players`: seat -> a factory called like a bot class (`bots.External`), for those seats."""
    players = players or {}
    bots = {s: (players[s] if s in players else BOTS[levels[s]])(rules, s, seed) for s in rules.seat_ids}
    try:
        return _play(rules, seed, bots, index)
    finally:
        for bot in bots.values():
            if hasattr(bot, "close"):
                bot.close()  # a program's process, stopped however the game ended


def _play(rules: Rules, seed: int, bots: dict, index: int) -> GameResult:
    tally = Tally()
    hearing = [s for s, bot in bots.items() if hasattr(bot, "hear")]
    sink = TalliedLog(rules, tally) if hearing else tally  # outcomes only for those who hear them
    state = new_game(rules, seed, sink=sink)[0]
    actions = []
    quarters = 0
    offered: list[Offer] = []
    deal_quarters = 0
    while not state.over:
        offers = bots_talk(rules, state, bots)
        orders = {s: bot.order(ordering_view(rules, view(rules, state, s), offers)) for s, bot in bots.items()}
        for order in orders.values():
            actions.extend(order.actions)
        heard = len(sink.outcomes) if isinstance(sink, TalliedLog) else 0
        state = play_quarter(rules, state, orders, offers=offers, sink=sink)[0]
        if isinstance(sink, TalliedLog):
            for seat in hearing:
                bots[seat].hear(visible_outcomes(sink.outcomes[heard:], seat, rules))
        offered.extend(offers)
        deal_quarters += any(o.accepted for o in offers)
        quarters += 1
    points, shares = zip(*standings(rules, state))
    return GameResult(
        index=index,
        ending=state.ending,
        quarters=quarters,
        winner=leader(dict(zip(rules.seat_ids, shares))),
        points=points,
        shares=shares,
        actions=tuple(actions),
        events=tuple(tally.events),
        options=tuple(tally.options),
        rules=tuple(tally.rules),
        finals=tuple(v for t, v in zip(rules.tracks, state.values) if t.is_number),
        offers=tuple((o.deal or TRADE, o.accepted) for o in offered),
        deal_quarters=deal_quarters,
    )


_LOADED: dict[tuple[str, str], tuple[str, Rules]] = {}


def play_chunk(
    content_root: str,
    scenario: str,
    levels: dict[str, str],
    seed: int,
    start: int,
    count: int,
    players: Mapping | None = None,
) -> tuple[str, list[GameResult]]:
    """Games start .. start+count-1, in a worker; the content is compiled once per process
    (and again only if its files change). Returns the content fingerprint with the results,
    so the caller can tell if the files changed while the games ran."""
    from .content import load
    from .content.sources import fingerprint

    key = (content_root, scenario)
    now = fingerprint(Path(content_root))
    if key not in _LOADED or _LOADED[key][0] != now:
        content = load(Path(content_root))
        _LOADED[key] = (content.fingerprint, content.scenario(scenario))
    used, rules = _LOADED[key]
    return used, [play_game(rules, seed + i, levels, i, players) for i in range(start, start + count)]


def chunks(games: int, workers: int) -> list[tuple[int, int]]:
    """(start, count) pieces: small enough to keep every worker busy and a progress bar moving."""
    size = max(1, min(50, games // max(1, workers * 8)))
    return [(start, min(size, games - start)) for start in range(0, games, size)]


def _spread(values) -> dict:
    values = sorted(values)
    n = len(values)
    return {
        "mean": round(statistics.fmean(values), 2),
        "sd": round(statistics.pstdev(values), 2),
        "min": round(values[0], 2),
        "p10": round(values[int(0.1 * (n - 1))], 2),
        "median": round(statistics.median(values), 2),
        "p90": round(values[int(0.9 * (n - 1))], 2),
        "max": round(values[-1], 2),
    }


def report(rules: Rules, levels: dict[str, str], seed: int, results: list[GameResult]) -> dict:
    """The balance report as plain data (the `--json` output); results in any order."""
    results = sorted(results, key=lambda r: r.index)
    games = len(results)
    seats = rules.seat_ids
    wins = Counter(r.winner or "draw" for r in results)
    endings = Counter(r.ending for r in results)
    lengths = [r.quarters for r in results]
    chosen = Counter(a for r in results for a in r.actions)
    event_games = Counter(e for r in results for e in set(r.events))
    event_fired = Counter(e for r in results for e in r.events)
    options = Counter(o for r in results for o in r.options)
    rule_games = Counter(x for r in results for x in set(r.rules))
    seat_quarters = sum(lengths)  # every seat gives an order (or passes) every quarter
    number_tracks = [t.id for t in rules.tracks if t.is_number]
    out = {
        "scenario": rules.scenario,
        "games": games,
        "seed": seed,
        "bots": dict(levels),
        "wins": {s: wins.get(s, 0) for s in seats} | ({"draw": wins["draw"]} if wins["draw"] else {}),
        "endings": dict(sorted(endings.items())),
        "quarters": round(statistics.fmean(lengths), 3),
        "final_tracks": {
            t: round(statistics.fmean(r.finals[i] for r in results), 2) for i, t in enumerate(number_tracks)
        },
        "seats": {
            s: {
                "level": levels[s],
                "wins": wins.get(s, 0),
                "win_rate": round(wins.get(s, 0) / games, 4),
                "points": _spread([r.points[i] for r in results]),
                "share": _spread([r.shares[i] for r in results]),
            }
            for i, s in enumerate(seats)
        },
        "length": {
            "mean": round(statistics.fmean(lengths), 3),
            "min": min(lengths),
            "max": max(lengths),
            "games_by_quarters": {str(q): n for q, n in sorted(Counter(lengths).items())},
        },
        "actions": {
            a.id: {
                "seat": a.seat,
                "chosen": chosen.get(a.id, 0),
                "share": round(chosen.get(a.id, 0) / seat_quarters, 4) if seat_quarters else 0.0,
            }
            for a in rules.actions
        },
        "events": {
            e.id: {
                "games": event_games.get(e.id, 0),
                "share": round(event_games.get(e.id, 0) / games, 4),
                "fired": event_fired.get(e.id, 0),
            }
            for e in rules.events
        },
        "options": {f"{e.id}:{o.id}": options.get(f"{e.id}:{o.id}", 0) for e in rules.events for o in e.options},
        "rules": {
            x.id: {"games": rule_games.get(x.id, 0), "share": round(rule_games.get(x.id, 0) / games, 4)}
            for x in rules.rules
        },
        "unused": {
            "actions": [a.id for a in rules.actions if not chosen.get(a.id)],
            "events": [e.id for e in rules.events if not event_games.get(e.id)],
            "options": [f"{e.id}:{o.id}" for e in rules.events for o in e.options if not options.get(f"{e.id}:{o.id}")],
            "rules": [x.id for x in rules.rules if not rule_games.get(x.id)],
            "endings": [e.id for e in rules.endings if not endings.get(e.id)],
        },
    }
    out["deals"] = deals(rules, results)
    out["warnings"] = warnings(out)
    return out


def deals(rules: Rules, results: list[GameResult]) -> dict:
    """The talks over the games: how often seats offered and accepted, in how many quarters
    some deal bound, and each content deal's count (action-for-action offers under "trade")."""
    offered = Counter(d for r in results for d, _ in r.offers)
    accepted = Counter(d for r in results for d, ok in r.offers if ok)
    total, agreed = sum(offered.values()), sum(accepted.values())
    quarters = sum(r.quarters for r in results)
    games = len(results)
    with_offers = sum(1 for r in results if r.offers)
    with_accepted = sum(1 for r in results if any(ok for _, ok in r.offers))
    ids = [d.id for d in rules.deals] + [TRADE]
    return {
        "offered": total,
        "accepted": agreed,
        "accepted_share": round(agreed / total, 4) if total else 0.0,
        "accepted_quarters": sum(r.deal_quarters for r in results),
        "accepted_quarters_share": round(sum(r.deal_quarters for r in results) / quarters, 4) if quarters else 0.0,
        "games_with_offers": with_offers,
        "games_with_offers_share": round(with_offers / games, 4) if games else 0.0,
        "games_with_accepted": with_accepted,
        "by_deal": {
            d: {
                "offered": offered.get(d, 0),
                "accepted": accepted.get(d, 0),
                "share_of_accepted": round(accepted.get(d, 0) / agreed, 4) if agreed else 0.0,
            }
            for d in ids
        },
        "never_offered": [d.id for d in rules.deals if not offered.get(d.id)],
        "never_accepted": [d.id for d in rules.deals if not accepted.get(d.id)],
    }


def warnings(data: dict) -> list[str]:
    """One line per sign of imbalance: a seat, an action or a deal that dominates."""
    out = []
    for seat, s in data["seats"].items():
        if s["win_rate"] > DOMINANT_SEAT:
            out.append(
                f"{seat} wins {s['win_rate']:.0%} of games (over {DOMINANT_SEAT:.0%}): "
                f"the scenario may favour this seat"
            )
    for action_id, a in data["actions"].items():
        if a["share"] > DOMINANT_ACTION:
            out.append(
                f"{action_id} ({a['seat']}) is ordered in {a['share']:.0%} of its seat's quarters "
                f"(over {DOMINANT_ACTION:.0%}): it may dominate its seat's choices"
            )
    for deal_id, d in data.get("deals", {}).get("by_deal", {}).items():
        if deal_id != TRADE and d["share_of_accepted"] > DOMINANT_DEAL:
            out.append(
                f"deal {deal_id} is {d['share_of_accepted']:.0%} of all accepted offers "
                f"(over {DOMINANT_DEAL:.0%}): the talks may turn on it alone"
            )
    return out
