"""How a function's time grows with its input, measured so that a busy or slow machine does not
decide the result: CPU seconds of the measuring thread (not wall time) and a ratio between two sizes
measured in the same test (not a number of seconds)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")

LINEAR_SLACK = 2.0
"""How much faster than its input a linear function's time may grow before it counts as
superlinear: four times the input in at most eight times the time (a quadratic takes sixteen)."""


def cpu_seconds(run: Callable[[], Result]) -> tuple[float, Result]:
    """The CPU seconds ``run`` took in the calling thread, and what it returned. The thread's,
    not the process's: the session's background jobs (book builds, browser visits) and the
    threads other libraries leave running (Dask's event loop) share this process, and their
    CPU time made one of two runs of the same work measure 8 times the other."""
    started = time.thread_time()
    result = run()
    return time.thread_time() - started, result


def assert_linear(
    run: Callable[[int], Result], size: int, factor: int = 4, attempts: int = 3
) -> Result:
    """``run``'s time grows at most :data:`LINEAR_SLACK` times faster than its input from
    ``size`` to ``size * factor``; returns ``run(size * factor)``. A first run at a tenth of
    ``size`` fills the caches and compiles the patterns, so that neither counts. The cycle
    collector is paused while the two are timed, as the pipeline pauses it while documents
    are analysed: in a full test suite its passes over the suite's own objects came more often
    with the larger input and made linear code measure 7.5 times the time for 4 times the
    input (and one of 32 times). A pair over the limit is measured again, up to ``attempts``
    pairs, and each size keeps its quickest time (as ``timeit`` does): in a full suite beside
    two book builds, one run of a linear function measured 9.1 times the time for 4 times the
    input, and 4.1-5.3 times in six pairs alone; quadratic code stays over the limit in every
    pair."""
    run(max(1, size // 10))
    gc.collect()
    paused = gc.isenabled()
    gc.disable()
    small = large = float("inf")
    try:
        for _ in range(attempts):
            small = min(small, cpu_seconds(lambda: run(size))[0])
            took, result = cpu_seconds(lambda: run(size * factor))
            large = min(large, took)
            ratio = large / max(small, 1e-3)
            if ratio < factor * LINEAR_SLACK:
                break
    finally:
        if paused:
            gc.enable()
    assert ratio < factor * LINEAR_SLACK, f"{factor}x the input took {ratio:.1f}x the time"
    return result
