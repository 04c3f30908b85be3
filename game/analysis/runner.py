"""Pieces of a batch run here, on local processes or on a Dask cluster, with the results
put back in index order and Ctrl+C stopping the run cleanly with what was done.

A piece is a tuple of plain arguments for a module-level function that returns a list of
results, each with an `index`; the caller's `advance(n)` hears of every piece done (a
progress bar). Nothing here depends on which worker played what, so the caller's numbers
are the same on any number of workers.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence

import attrs


class Stop(Exception):
    """Raised by a caller's `advance` to stop a run, as Ctrl+C does (a screen closed)."""


@attrs.frozen
class Batch:
    results: list  # in index order
    stopped: bool = False  # Ctrl+C: `results` are those finished before it


def pieces(total: int, workers: int, most: int = 50) -> list[tuple[int, int]]:
    """(start, count) pieces: small enough to keep every worker busy and a progress bar moving."""
    size = max(1, min(most, total // max(1, workers * 8)))
    return [(start, min(size, total - start)) for start in range(0, total, size)]


def workers_wanted(workers: int) -> int:
    """--workers N, 0 meaning one per core."""
    return workers or os.cpu_count() or 1


def run(
    call: Callable,
    args: Sequence[tuple],
    *,
    workers: int = 1,
    cluster: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
    local: Callable | None = None,
) -> Batch:
    """`call(*a)` for every `a` in `args`. With one worker and no cluster the pieces run in
    this process, through `local` if given (a function of the same arguments that may reuse
    what this process has loaded); otherwise on `workers` processes, or on the Dask
    scheduler at `cluster`."""
    results: list = []

    def take(done: list) -> None:
        results.extend(done)
        advance(len(done))

    stopped = False
    try:
        if cluster:
            stopped = _on_cluster(call, args, cluster, take)
        elif workers <= 1 or len(args) <= 1:
            for a in args:
                take((local or call)(*a))
        else:
            stopped = _on_processes(call, args, workers, take)
    except (KeyboardInterrupt, Stop):
        stopped = True
    results.sort(key=lambda r: r.index)
    return Batch(results, stopped)


def _quiet_worker() -> None:
    """Ctrl+C is the parent's to handle: a worker killed mid-piece would print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_processes(call: Callable, args: Sequence[tuple], workers: int, take: Callable) -> bool:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=min(workers, len(args)), initializer=_quiet_worker)
    futures = [pool.submit(call, *a) for a in args]
    try:
        for future in as_completed(futures):
            take(future.result())
    except (KeyboardInterrupt, Stop):
        # The pieces under way finish in the background (a second or two); none more start.
        pool.shutdown(wait=False, cancel_futures=True)
        return True
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return False


class ClusterProblem(Exception):
    """The cluster could not be reached or used: the message says why, in one line."""


def _on_cluster(call: Callable, args: Sequence[tuple], address: str, take: Callable) -> bool:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterProblem(
            "--cluster needs the 'distributed' package: pip install 'silicon-curtain[cluster]'"
        ) from None
    try:
        client = Client(address, timeout="5s")
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterProblem(f"--cluster {address}: cannot reach the scheduler ({err})") from None
    try:
        futures = [client.submit(call, *a, pure=False) for a in args]
        try:
            for future in as_completed(futures):
                take(future.result())
        except (KeyboardInterrupt, Stop):
            client.cancel(futures)
            return True
        except BaseException:
            client.cancel(futures)
            raise
        return False
    finally:
        client.close()
