"""One screen a module, each with its styles in a `.tcss` file beside it.

`for_step` maps a step of the session to its screen, importing the module only then, so
starting the app pays for the title screen alone.
"""

from __future__ import annotations

from importlib import import_module

# step kind -> (module, class)
SCREENS = {
    "intro": ("intro", "IntroScreen"),
    "handoff": ("handoff", "HandoffScreen"),
    "briefing": ("briefing", "BriefingScreen"),
    "quarter": ("quarter", "QuarterScreen"),
    "talks": ("talks", "TalksScreen"),
    "orders": ("orders", "OrdersScreen"),
    "waiting": ("waiting", "WaitingScreen"),
    "report": ("report", "ReportScreen"),
    "end": ("end", "EndScreen"),
    "debrief": ("debrief", "DebriefScreen"),
}


def for_step(step):
    module, name = SCREENS[step.kind]
    return getattr(import_module(f"{__name__}.{module}"), name)(step)
