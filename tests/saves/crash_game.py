"""A game that a test kills: run as `python crash_game.py MODE SAVE_PATH` (not collected).

"play": the vendor is a human (played here by a seeded bot, slowly, as a person would be),
bots fill the other seats; after each quarter the game autosaves and prints `saved N`, then
"thinks" about the next quarter's orders: a kill then lands mid-quarter.
"hammer": autosaves as fast as it can, forever, starting the game over when it ends: a kill
then lands mid-write sooner or later.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from game.bots import RandomBot
from game.content import load
from game.core.view import view
from game.match import Match
from game.saves.store import autosave

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SEED = 11


def vendor_orders(match: Match) -> dict:
    """What the human at the vendor's seat orders: the same every run, for the test to repeat."""
    person = RandomBot(match.rules, "vendor", SEED + 1000)
    return {"vendor": person.order(view(match.rules, match.state, "vendor"))}


def main(mode: str, path: Path) -> None:
    content = load(MINI)
    rules = content.scenario("mini")
    while True:
        match = Match.start(rules, SEED, {"vendor": "human"}, content.fingerprint)
        match.save_path = path
        autosave(match)
        while not match.over:
            match.play(vendor_orders(match))
            autosave(match)
            if mode == "play":
                print(f"saved {len(match.record.quarters)}", flush=True)
                time.sleep(0.2)
        if mode == "play":
            print("done", flush=True)
            return
        print("lap", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
