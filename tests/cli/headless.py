"""Commands that open the app, run headless: for the tests of `replay` and `resume`.

Imported by name (`from headless import run_headless`): pytest's default import mode puts
this folder on sys.path for the test modules in it.
"""

from __future__ import annotations


def run_headless(monkeypatch, inspect):
    """Make App.run headless: the command's own start-up runs, then `inspect(app)`, then exit.
    Returns a list that gets one True for each app inspected."""
    from textual.app import App

    real = App.run
    seen = []

    def run(self, **kwargs):
        begin = kwargs.pop("auto_pilot")

        async def then_inspect(pilot):
            await begin(pilot)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            inspect(pilot.app)
            seen.append(True)
            pilot.app.exit()

        return real(self, headless=True, auto_pilot=then_inspect, **kwargs)

    monkeypatch.setattr(App, "run", run)
    return seen
