"""Players for empty seats. A bot reads the game only through its seat's view.

Levels: "random" (any legal order within budget), "smart" (one quarter of lookahead, scored
by the seat's objectives) and "expert" (the smart bot's best orders compared by Monte Carlo
rollouts a few quarters ahead). A bot is `BOTS[level](rules, seat, seed)` with one method,
`order(seat_view) -> Order`, and the same view and seed always give the same order.
Another program may play a seat too, over the seat protocol: `External(command)` is called
like a bot class and gives an `ExternalBot` (external.py, docs/seat-protocol.md).
"""

from .external import External, ExternalBot
from .montecarlo import ExpertBot
from .random_bot import RandomBot, bot_stream
from .smart import SmartBot

BOTS = {"random": RandomBot, "smart": SmartBot, "expert": ExpertBot}

__all__ = ["BOTS", "ExpertBot", "External", "ExternalBot", "RandomBot", "SmartBot", "bot_stream"]
