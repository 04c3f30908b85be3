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
from pathlib import Path

import attrs

from .bots import BOTS, RandomBot
from .core.model import Rules
from .core.rng import Tape
from .core.scoring import leader, standings
from .core.state import GameState, new_state
from .core.turn import new_game, play_quarter
from .core.view import sight, view

DOMINANT_SEAT = 0.60  # warn when a seat wins more than this share of games
DOMINANT_ACTION = 0.60  # warn when an action is in more than this share of its seat's quarters


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


def play_game(rules: Rules, seed: int, levels: dict[str, str], index: int = 0) -> GameResult:
    """One game with a bot of `levels[seat]` in every seat; the same game `Match` would play."""
    if all(levels[s] == "random" for s in rules.seat_ids):
        return _random_game(rules, seed, index)
    bots = {s: BOTS[levels[s]](rules, s, seed) for s in rules.seat_ids}
    # Nobody reads these games' outcomes: the quiet quarter tallies what fired instead.
    tally: list[tuple[str, str]] = []
    state = new_game(rules, seed, report=False, tally=tally)[0]
    actions = []
    quarters = 0
    while not state.over:
        orders = {s: bot.order(view(rules, state, s)) for s, bot in bots.items()}
        for order in orders.values():
            actions.extend(order.actions)
        state = play_quarter(rules, state, orders, report=False, tally=tally)[0]
        quarters += 1
    return _result(rules, state, index, quarters, actions, tally)


def _random_game(rules: Rules, seed: int, index: int) -> GameResult:
    """`play_game` with random bots in every seat, played on one working copy.

    A random bot's order costs about as little as its quarter, so the frozen state, the three
    views and the order checks of the loop above were half of such a game. Here the quarters
    go on on one `Scratch`; each bot gets what its view would hold (the same slots masked, its
    own once-only actions, its budget, its choices), and its orders go unchecked because they
    come from its compiled menu, which offers only what `check_order` allows (tested). The
    games are Match's, to the bit (tested).
    """
    n = len(rules.tracks)
    seats = [(seat_id, RandomBot(rules, seat_id, seed), sight(rules, seat_id), n + i)
             for i, seat_id in enumerate(rules.seat_ids)]
    tally: list[tuple[str, str]] = []
    state = new_state(rules, seed)
    quiet = rules.quiet.for_state(state)
    # The game's numbers come off a tape, worked out 32 at a time (see `rng.Tape`): the same
    # numbers a Stream gives, for a third of the cost, as a game reads them all in turn.
    # Quarter 1's news is drawn on the copy itself, as `new_game` draws it, never frozen.
    s = quiet.opening(state, tally, rng=Tape(state.rng).reader())
    v = s.v
    news = s.news
    actions = []
    quarters = 0
    while True:
        orders = {}
        for seat_id, bot, seen, budget_slot in seats:
            values = v[:]
            for i in seen.unseen:
                values[i] = None
            used = [a for a in s.used if a in seen.own] if s.used else ()
            choices = [e for e in news if e in seen.answers] if news else ()
            orders[seat_id] = order = bot.pick(values, used, v[budget_slot], s.quarter, choices)
            actions.extend(order.actions)
        quiet.advance(s, news, orders, {}, tally)
        quarters += 1
        if v[-1]:  # the ending
            break
        news = s.news
    return _result(rules, s.freeze(state, (), v[-1]), index, quarters, actions, tally)


def _result(rules: Rules, state: GameState, index: int, quarters: int, actions: list[str],
            tally: list[tuple[str, str]]) -> GameResult:
    fired = {"event": [], "option": [], "rule": []}
    for kind, item in tally:
        fired[kind].append(item)
    points, shares = zip(*standings(rules, state))
    return GameResult(
        index=index, ending=state.ending, quarters=quarters, winner=leader(dict(zip(rules.seat_ids, shares))),
        points=points, shares=shares,
        actions=tuple(actions), events=tuple(fired["event"]), options=tuple(fired["option"]),
        rules=tuple(fired["rule"]),
        finals=tuple(v for t, v in zip(rules.tracks, state.values) if t.is_number),
    )


_LOADED: dict[tuple[str, str], tuple[str, Rules]] = {}


def play_chunk(content_root: str, scenario: str, levels: dict[str, str], seed: int,
               start: int, count: int) -> tuple[str, list[GameResult]]:
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
    return used, [play_game(rules, seed + i, levels, i) for i in range(start, start + count)]


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
        "final_tracks": {t: round(statistics.fmean(r.finals[i] for r in results), 2)
                         for i, t in enumerate(number_tracks)},
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
            a.id: {"seat": a.seat, "chosen": chosen.get(a.id, 0),
                   "share": round(chosen.get(a.id, 0) / seat_quarters, 4) if seat_quarters else 0.0}
            for a in rules.actions
        },
        "events": {
            e.id: {"games": event_games.get(e.id, 0), "share": round(event_games.get(e.id, 0) / games, 4),
                   "fired": event_fired.get(e.id, 0)}
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
    out["warnings"] = warnings(out)
    return out


def warnings(data: dict) -> list[str]:
    """One line per sign of imbalance: a seat or an action that dominates."""
    out = []
    for seat, s in data["seats"].items():
        if s["win_rate"] > DOMINANT_SEAT:
            out.append(f"{seat} wins {s['win_rate']:.0%} of games (over {DOMINANT_SEAT:.0%}): "
                       f"the scenario may favour this seat")
    for action_id, a in data["actions"].items():
        if a["share"] > DOMINANT_ACTION:
            out.append(f"{action_id} ({a['seat']}) is ordered in {a['share']:.0%} of its seat's quarters "
                       f"(over {DOMINANT_ACTION:.0%}): it may dominate its seat's choices")
    return out
