"""Benchmark: required_distance on 1,000,000 NEQ values vs the bare numpy expression.

The bare expression is what a user would write for the same D-code by hand: the IATG
02.20:2021 D13 with its three branches and the 400 m minimum of Table D.1 (inhabited
buildings), and 2 x D12 = 44.4·Q^1/3 (vulnerable buildings). Both sides get the same float
array; the script checks they agree, then prints the best-of-N times and their ratio.

Run: PYTHONPATH=src /work/venv/bin/python benchmarks/bench_required_distance.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from dpssec.arms.storage import required_distance

N = 1_000_000
REPEATS = 7


def best_of(func: Callable[[], Any], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_d13_ibd(q: np.ndarray) -> np.ndarray:
    d = np.where(
        q <= 2500.0,
        1.5 * np.cbrt(q) ** 2,
        np.where(q <= 4500.0, 5.5 * np.sqrt(q), 22.2 * np.cbrt(q)),
    )
    return np.maximum(d, 400.0)


def bare_vbd(q: np.ndarray) -> np.ndarray:
    return 44.4 * np.cbrt(q)


def main() -> None:
    rng = np.random.default_rng(20210301)
    q = rng.uniform(500.0, 250_000.0, N)
    q[: N // 10] = rng.uniform(500.0, 5_000.0, N // 10)  # exercise every branch

    cases = [
        (
            "IBD, D13 (3 branches, >= 400 m)",
            lambda: required_distance(q, "1.1", "inhabited_building").magnitude,
            lambda: bare_d13_ibd(q),
        ),
        (
            "VBD, 2 x D12 (44.4·Q^1/3)",
            lambda: required_distance(q, "1.1", "vulnerable_building").magnitude,
            lambda: bare_vbd(q),
        ),
    ]
    print(f"required_distance vs bare numpy, {N:,} NEQ values, best of {REPEATS}")
    for name, ours, bare in cases:
        np.testing.assert_allclose(ours(), bare(), rtol=1e-12)
        t_ours, t_bare = best_of(ours), best_of(bare)
        print(
            f"  {name:34s} dpssec {t_ours * 1e3:7.1f} ms   numpy {t_bare * 1e3:7.1f} ms   "
            f"ratio {t_ours / t_bare:4.2f}x"
        )


if __name__ == "__main__":
    main()
