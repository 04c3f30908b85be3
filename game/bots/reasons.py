"""One line saying why a bot chose its order, built from what drove the choice.

The UI and the replay show it next to the order ("cut the quota: 'Domestic share' is behind
target (+2.1 pts expected)"), so it names the objective that gained most in the seat's
own words (the objective's text up to its colon), not numbers from the bot's insides.
"""

from __future__ import annotations

from ..core.model import Rules


def lower_first(text: str) -> str:
    """'Lobby Commerce' -> 'lobby Commerce'; 'H200 sales' and 'US lead' stay as they are.

    Only for action names and option labels, which content writes as orders ("Cut the
    quota"), so their first word is a verb and never a name."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not text[1].isdigit():
        return text[0].lower() + text[1:]
    return text


def objective_label(text: str) -> str:
    """An objective's short name, quoted as the content writes it (it may start with a proper
    noun: 'China revenue'): its text up to the first colon or full stop."""
    cut = min((i for i in (text.find(":"), text.find(".")) if i > 0), default=len(text))
    return f"'{text[:cut].strip()}'"


def explain(
    rules: Rules,
    seat_id: str,
    actions,
    gains,
    baseline,
    answers=(),
    answer_gains=(),
    horizon: str = "expected",
    affordable: bool = True,
    opens=None,
    lead: float | None = None,
) -> str:
    """`gains` and `baseline` are per objective: what the order adds, and the points without it.
    `opens` maps an action id to the actions it makes possible next quarter. `lead`: what the
    order adds to the seat's lead over the best-placed other seat, when that and not its own
    points is why it was chosen."""
    opens = opens or {}

    def name(action) -> str:
        more = opens.get(action.id)
        return lower_first(action.name) + (f" (opens {', '.join(lower_first(a.name) for a in more)})" if more else "")

    objectives = rules.seat(seat_id).objectives
    if actions and lead is not None:
        names = ", ".join(name(a) for a in actions)
        line = f"{names}: gains on the best-placed other seat (+{lead:.1f} pts of lead {horizon})"
    elif actions and objectives:
        top = max(range(len(objectives)), key=lambda i: (gains[i], -i))
        behind = min(
            range(len(objectives)), key=lambda i: (baseline[i] / objectives[i].max if objectives[i].max else 1.0, i)
        )
        label = objective_label(objectives[top].text)
        why = f"{label} is behind target" if top == behind else f"best for {label}"
        line = f"{', '.join(name(a) for a in actions)}: {why} (+{gains[top]:.1f} pts {horizon})"
    elif actions:
        line = f"{', '.join(name(a) for a in actions)}: the seat has no objectives to weigh"
    elif not affordable:
        line = "pass: no action is available or affordable this quarter"
    else:
        line = f"pass: no affordable order is expected to gain on the objectives ({horizon}); budget saved"
    for (event_id, option_id), gain in zip(answers, answer_gains):
        event = rules.event(event_id)
        option = event.option(option_id)
        tail = f" (+{gain:.1f} pts)" if gain >= 0.05 else ""
        line += f"; {event.title}: {lower_first(option.label)}{tail}"
    return line
