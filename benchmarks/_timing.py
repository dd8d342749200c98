"""Timing helper shared by the benchmarks (run them as scripts: ``benchmarks/`` is on sys.path)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(
    func: Callable[[], Any], repeats: int, *, warm_up: bool = False, budget: float = 0.0
) -> tuple[float, Any]:
    """Best wall time of ``repeats`` runs of ``func`` (time.perf_counter) and its last result.

    ``warm_up`` adds one untimed run first (imports, caches, allocator). With a ``budget`` in
    seconds, runs continue up to 5x ``repeats`` while the time spent stays under it:
    millisecond-scale runs are easily disturbed on a shared machine, and more repeats of the
    fast side find an undisturbed run without making the benchmark long.
    """
    if warm_up:
        func()
    best, result, spent, runs = float("inf"), None, 0.0, 0
    while runs < repeats or (runs < 5 * repeats and spent < budget):
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best, result
