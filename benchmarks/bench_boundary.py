"""Benchmark: the cost of the declarative boundary, against bare numpy and statsmodels.

Run: PYTHONPATH=src python benchmarks/bench_boundary.py

Data (synthetic, seeded): 1,000,000 rows of counts 0 to 4,999 out of totals 1 to 5,000 (and
populations of 1,000 to 1,000,000 for the rates), given once as int64 and once as float64
arrays. Each dpssec calculator is timed against the bare numpy expression that computes the
same numbers without any input check, and the two interval kernels (Wilson, Byar) also
against statsmodels, whose functions check nothing either. The numbers are compared (1e-12
relative) before a ratio is printed; all ratios come from one run on one machine.

Bare expressions: what one would write by hand, vectorised: ``p * 100.0 / c`` for the
occupancy; the Wilson limits (2x + z² ∓ z·sqrt(z² + 4x(1 − x/n))) / (2(n + z²)); the Byar
limits x(1 − 1/(9x) − z/(3√x))³ and (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³; for the rates
the count times the multiplier over the population, and the limits switched to the exact
(gamma) ones below 10 events as PHE does.
"""

from __future__ import annotations

import os
import platform
import warnings
from collections.abc import Callable
from typing import Any

import _timing as timing
import numpy as np

from dpssec.justice import occupancy_rate
from dpssec.prevention import crime_rate
from dpssec.stats import poisson_count_interval, poisson_rate, proportion, wilson_interval

N = 1_000_000
REPEATS = 7
Z = 1.959963984540054  # Φ⁻¹(0.975)


def best_of(func: Callable[[], Any]) -> float:
    return timing.best_of(func, REPEATS, warm_up=True, budget=2.0)[0]


def data(rng: np.random.Generator, dtype: type) -> dict[str, np.ndarray]:
    totals = rng.integers(1, 5_001, N)
    counts = np.floor(rng.random(N) * (totals + 1)).astype(np.int64)
    counts = np.minimum(counts, totals)
    populations = rng.integers(1_000, 1_000_001, N)
    return {
        "count": counts.astype(dtype),
        "total": totals.astype(dtype),
        "population": populations.astype(dtype),
    }


# -- bare numpy --------------------------------------------------------------------------


def bare_wilson(x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z2 = Z * Z
    root = Z * np.sqrt(z2 + 4 * x * (1 - x / n))
    centre = 2 * x + z2
    scale = 2 * (n + z2)
    return (centre - root) / scale, (centre + root) / scale


def bare_byar(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - Z / (3 * np.sqrt(x))) ** 3
    lower = np.where(x > 0, lower, 0.0)
    x1 = x + 1
    upper = x1 * (1 - 1 / (9 * x1) + Z / (3 * np.sqrt(x1))) ** 3
    return lower, upper


def bare_rate(x: np.ndarray, n: np.ndarray, multiplier: float = 100_000) -> tuple[Any, ...]:
    from scipy.special import gammaincinv

    lower, upper = bare_byar(x)
    small = x < 10
    exact_lower = np.where(x[small] > 0, gammaincinv(np.maximum(x[small], 1), 0.025), 0.0)
    lower[small] = exact_lower
    upper[small] = gammaincinv(x[small] + 1, 0.975)
    factor = multiplier / n
    return x * factor, lower * factor, upper * factor


def bare_proportion(x: np.ndarray, n: np.ndarray) -> tuple[Any, ...]:
    lower, upper = bare_wilson(x, n)
    return x / n, lower, upper


# -- cases -------------------------------------------------------------------------------


def same(a: Any, b: Any, label: str) -> None:
    for x, y in zip(a, b, strict=True):
        np.testing.assert_allclose(
            np.asarray(x, float), np.asarray(y, float), rtol=1e-12, atol=1e-15, err_msg=label
        )


def cases(d: dict[str, np.ndarray]) -> list[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    x, n, pop = d["count"], d["total"], d["population"]

    def est(e: Any) -> tuple[Any, ...]:
        return e.value, e.lower, e.upper

    return [
        ("occupancy_rate", lambda: (occupancy_rate(x, n),), lambda: (x * 100.0 / n,)),
        ("poisson_rate (auto)", lambda: est(poisson_rate(x, pop)), lambda: bare_rate(x, pop)),
        ("crime_rate (auto)", lambda: est(crime_rate(x, pop)), lambda: bare_rate(x, pop)),
        ("proportion (wilson)", lambda: est(proportion(x, n)), lambda: bare_proportion(x, n)),
        ("wilson_interval", lambda: wilson_interval(x, n), lambda: bare_wilson(x, n)),
        (
            "poisson_count_interval (byar)",
            lambda: poisson_count_interval(x, method="byar"),
            lambda: bare_byar(x),
        ),
    ]


def main() -> None:
    warnings.simplefilter("ignore")
    from statsmodels.stats.proportion import proportion_confint
    from statsmodels.stats.rates import confint_poisson

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    rng = np.random.default_rng(20261201)
    print(f"{'case':<32}{'dtype':<9}{'dpssec':>10}{'bare numpy':>12}{'ratio':>8}   statsmodels")
    for dtype in (np.int64, np.float64):
        d = data(rng, dtype)
        wilson = (
            "proportion_confint wilson",
            lambda d=d: proportion_confint(d["count"], d["total"], method="wilson"),
        )
        peers = {
            "wilson_interval": [wilson],
            # statsmodels has no Byar interval: its proportion_confint (the yardstick)
            # and confint_poisson "sqrt-a", the closed-form Poisson interval it offers
            "poisson_count_interval (byar)": [
                wilson,
                (
                    "confint_poisson sqrt-a",
                    lambda d=d: confint_poisson(d["count"], 1, method="sqrt-a"),
                ),
            ],
        }
        for label, ours, bare in cases(d):
            same(ours(), bare(), label)
            ours_s, bare_s = best_of(ours), best_of(bare)
            line = (
                f"{label:<32}{np.dtype(dtype).name:<9}{ours_s * 1e3:8.1f} ms"
                f"{bare_s * 1e3:9.1f} ms{ours_s / bare_s:7.2f}x"
            )
            for name, peer in peers.get(label, []):
                if label == "wilson_interval":
                    same(ours(), peer(), label + " vs statsmodels")
                peer_s = best_of(peer)
                line += f"   {name} {peer_s * 1e3:.1f} ms ({peer_s / ours_s:.2f}x dpssec)"
            print(line)


if __name__ == "__main__":
    main()
