"""The bot ladder: how strong each bot level is in each seat, against a fixed field.

For each seat and each level, games are played with that level in the seat and the field's
level (smart bots) in every other seat. The field's own games (the field in every seat) are
the field level's row in every seat, so they are played once. Every configuration plays the
same games: game i uses seed + i, so levels are compared on the same draws.

A rung gives the level's win rate in the seat with its 95 % Wilson interval, its mean points
with a 95 % normal interval, and an Elo-style rating: the field level sits at `ANCHOR` in
every seat, and a level whose odds of winning (against the same field) are ten times the
field's sits 400 above it. The rating's interval is the win rate's interval carried through
the same formula (the field's own rate taken as known).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence

import attrs

from .balance import GameResult
from .bots import BOTS

FIELD = "smart"  # the level in every other seat
STRONG = "expert"  # the level whose games in every seat check balance under strong play
SEAT_WINS = (0.20, 0.45)  # the share of games each seat should win, whoever plays it well
ANCHOR = 1500.0  # the field level's rating in every seat
Z95 = 1.959964  # the normal quantile of a two-sided 95 % interval


@attrs.frozen
class Rung:
    """One level in one seat, against the field."""

    seat: str
    level: str
    games: int
    wins: int
    win_rate: float
    win_interval: tuple[float, float]
    points: float  # mean points over the games
    points_interval: tuple[float, float]
    rating: float
    rating_interval: tuple[float, float]

    def to_data(self) -> dict:
        return {
            "games": self.games,
            "wins": self.wins,
            "win_rate": round(self.win_rate, 4),
            "win_interval": [round(x, 4) for x in self.win_interval],
            "points": round(self.points, 2),
            "points_interval": [round(x, 2) for x in self.points_interval],
            "rating": round(self.rating),
            "rating_interval": [round(x) for x in self.rating_interval],
        }


def wilson(wins: int, games: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a win rate: honest near 0 and 1, where the normal one is not."""
    if games == 0:
        return (0.0, 1.0)
    p = wins / games
    centre = (p + z * z / (2 * games)) / (1 + z * z / games)
    half = z / (1 + z * z / games) * math.sqrt(p * (1 - p) / games + z * z / (4 * games * games))
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(values: Sequence[float], z: float = Z95) -> tuple[float, tuple[float, float]]:
    """The mean and its normal 95 % interval (points over hundreds of games are near normal)."""
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, (mean, mean)
    half = z * statistics.stdev(values) / math.sqrt(len(values))
    return mean, (mean - half, mean + half)


def _odds(p: float, games: int) -> float:
    """Odds of a win rate, kept off 0 and 1 by half a game so a clean sweep has a finite rating."""
    games = max(games, 1)
    p = min(max(p, 0.5 / games), 1 - 0.5 / games)
    return p / (1 - p)


def rating(p: float, field_p: float, games: int) -> float:
    """Elo-style: 400 points a tenfold rise in the odds of winning over the field level's."""
    return ANCHOR + 400 * math.log10(_odds(p, games) / _odds(field_p, games))


def configurations(
    seat_ids: Sequence[str], levels: Iterable[str], field: str = FIELD, strong: str = STRONG
) -> list[dict[str, str]]:
    """The bot line-ups the ladder plays: the field everywhere, then each other level in each
    seat, then (if it is among the levels) the strong level everywhere, for `balance`."""
    levels = list(levels)
    out = [dict.fromkeys(seat_ids, field)]
    for seat in seat_ids:
        for level in levels:
            if level != field:
                out.append({s: level if s == seat else field for s in seat_ids})
    if strong in levels and strong != field:
        out.append(dict.fromkeys(seat_ids, strong))
    return out


def key(levels: Mapping[str, str]) -> str:
    """A line-up as text, 'vendor=expert,lawmaker=smart,...': how results are filed."""
    return ",".join(f"{s}={lv}" for s, lv in levels.items())


def rungs(
    seat_ids: Sequence[str], levels: Sequence[str], results: Mapping[str, list[GameResult]], field: str = FIELD
) -> dict[str, dict[str, Rung]]:
    """Each seat's rungs by level, from each configuration's results (filed by `key`)."""
    home = results[key(dict.fromkeys(seat_ids, field))]
    out: dict[str, dict[str, Rung]] = {}
    for i, seat in enumerate(seat_ids):
        field_games = home
        field_p = sum(r.winner == seat for r in field_games) / len(field_games)
        out[seat] = {}
        for level in levels:
            lineup = key({s: level if s == seat else field for s in seat_ids})
            if level != field and lineup not in results:
                continue  # an outside program plays only the seats it was given
            games = home if level == field else results[lineup]
            n = len(games)
            wins = sum(r.winner == seat for r in games)
            low, high = wilson(wins, n)
            mean, spread = mean_interval([r.points[i] for r in games])
            out[seat][level] = Rung(
                seat,
                level,
                n,
                wins,
                wins / n,
                (low, high),
                mean,
                spread,
                rating(wins / n, field_p, n),
                (rating(low, field_p, n), rating(high, field_p, n)),
            )
    return out


def margins(ladder: Mapping[str, Mapping[str, Rung]], levels: Sequence[str]) -> dict[str, list[dict]]:
    """For each seat, each level against the one below it: the gaps in win rate, points and
    rating, and whether the two intervals are apart (the level is clearly stronger)."""
    out: dict[str, list[dict]] = {}
    for seat, rows in ladder.items():
        out[seat] = []
        present = [level for level in levels if level in rows]
        for lower, upper in zip(present, present[1:]):
            a, b = rows[lower], rows[upper]
            out[seat].append(
                {
                    "upper": upper,
                    "lower": lower,
                    "win_rate": round(b.win_rate - a.win_rate, 4),
                    "points": round(b.points - a.points, 2),
                    "rating": round(b.rating - a.rating),
                    "wins_apart": b.win_interval[0] > a.win_interval[1],
                    "points_apart": b.points_interval[0] > a.points_interval[1],
                }
            )
    return out


def _seat_wins(games: list[GameResult], seat: str) -> dict:
    wins = sum(r.winner == seat for r in games)
    low, high = wilson(wins, len(games))
    rate = wins / len(games)
    return {
        "win_rate": round(rate, 4),
        "win_interval": [round(low, 4), round(high, 4)],
        "within": SEAT_WINS[0] <= rate <= SEAT_WINS[1],
    }


def balance(
    seat_ids: Sequence[str], results: Mapping[str, list[GameResult]], field: str = FIELD, strong: str = STRONG
) -> dict:
    """Balance under strong play: each seat's win rate with the field level in every seat and
    with the strong level in every seat (each should be within `SEAT_WINS`), and the strong
    level alone in a seat of the field against the field level there (it should win more)."""
    everywhere = {level: results[key(dict.fromkeys(seat_ids, level))] for level in (field, strong)}
    seats = {}
    for seat in seat_ids:
        alone = _seat_wins(results[key({s: strong if s == seat else field for s in seat_ids})], seat)
        home = _seat_wins(everywhere[field], seat)
        alone["more"] = alone["win_rate"] > home["win_rate"]
        seats[seat] = {field: home, strong: _seat_wins(everywhere[strong], seat), f"{strong}_among_{field}": alone}
    return {
        "target": list(SEAT_WINS),
        "seats": seats,
        "met": {
            f"{field}_everywhere": all(x[field]["within"] for x in seats.values()),
            f"{strong}_everywhere": all(x[strong]["within"] for x in seats.values()),
            f"{strong}_among_{field}": all(x[f"{strong}_among_{field}"]["more"] for x in seats.values()),
        },
    }


def report(
    scenario: str,
    seed: int,
    games: int,
    seat_ids: Sequence[str],
    levels: Sequence[str],
    results: Mapping[str, list[GameResult]],
    field: str = FIELD,
) -> dict:
    """The ladder as plain data (the `--json` output)."""
    ladder = rungs(seat_ids, levels, results, field)
    gaps = margins(ladder, levels)
    strong = key(dict.fromkeys(seat_ids, STRONG))
    return {
        "scenario": scenario,
        "games": games,
        "seed": seed,
        "field": field,
        "levels": list(levels),
        "seats": {seat: {level: rung.to_data() for level, rung in rows.items()} for seat, rows in ladder.items()},
        "margins": gaps,
        # The Done-when of the ladder: every level above the one below it in every seat.
        # (An outside program's rung is reported, not part of the game's own ladder.)
        "ordered": {
            "wins": all(g["wins_apart"] for seat in gaps.values() for g in seat if g["upper"] in BOTS),
            "points": all(g["points_apart"] for seat in gaps.values() for g in seat if g["upper"] in BOTS),
        },
    } | ({"balance": balance(seat_ids, results, field)} if strong in results else {})
