"""How a function's time grows with its input, measured so that a busy or slow machine does not
decide the result: CPU seconds of this process (not wall time), the best of a few runs, and a
ratio between two sizes measured in the same test (not a number of seconds)."""

from __future__ import annotations

import time
from collections.abc import Callable

LINEAR_SLACK = 2.0
"""How much faster than its input a linear function's time may grow before it counts as
superlinear: four times the input in at most eight times the time (a quadratic takes sixteen)."""


def cpu_seconds(run: Callable[[], object], repeats: int = 2) -> float:
    """The fewest CPU seconds ``run`` took in ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def growth(run: Callable[[int], object], size: int, factor: int = 4) -> float:
    """How many times longer ``run(size * factor)`` takes than ``run(size)`` (the small run is
    repeated, so that filling caches and compiling patterns count in neither)."""
    small = cpu_seconds(lambda: run(size))
    large = cpu_seconds(lambda: run(size * factor), repeats=1)
    return large / max(small, 1e-3)


def assert_linear(run: Callable[[int], object], size: int, factor: int = 4) -> None:
    """``run``'s time grows at most :data:`LINEAR_SLACK` times faster than its input from
    ``size`` to ``size * factor``."""
    ratio = growth(run, size, factor)
    assert ratio < factor * LINEAR_SLACK, f"{factor}x the input took {ratio:.1f}x the time"
