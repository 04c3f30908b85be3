"""Analysis of games by many bot-played continuations: what-if runs from any quarter of a
saved game (`whatif.py`), the decisions that moved a seat's expected points
(`decisions.py`), and the sensitivity of a scenario to each of its numbers
(`sensitivity.py`).

Every batch is split into pieces of plain arguments that a plain function plays (`work.py`),
so local processes or a Dask cluster can run them alike (`runner.py`); continuation i always
plays on a seed derived from the run's seed and i, and results are put back in index order,
so the numbers never depend on how many workers played them.
"""
