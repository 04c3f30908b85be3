"""Players for empty seats. A bot reads the game only through its seat's view."""

from .random_bot import RandomBot, bot_stream

BOTS = {"random": RandomBot}

__all__ = ["BOTS", "RandomBot", "bot_stream"]
