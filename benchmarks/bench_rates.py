"""Benchmark: dpssec rates and proportions against PHStatsMethods and statsmodels.

Run: PYTHONPATH=src python benchmarks/bench_rates.py

Data (synthetic, seeded): 10,000 areas with 1 to 199 events in 1,000 to 100,000 people
(PHStatsMethods' ``ph_rate`` refuses areas with 0 events, so none are generated), and
1,000,000 proportions for the comparison with statsmodels. Both sides must agree (1e-9
relative) before a ratio is printed.
"""

from __future__ import annotations

import warnings

import numpy as np
from _timing import best_of

from dpssec.stats import poisson_rate, proportion


def bench_phe_rates(rng: np.random.Generator) -> float:
    import pandas as pd
    from PHStatsMethods.rates import ph_rate

    n = 10_000
    frame = pd.DataFrame(
        {
            "area": np.arange(n),
            "count": rng.integers(1, 200, n).astype(float),
            "population": rng.integers(1_000, 100_000, n).astype(float),
        }
    )
    ours_s, ours = best_of(lambda: poisson_rate(frame["count"], frame["population"]), 10)
    theirs_s, theirs = best_of(lambda: ph_rate(frame, "count", "population", group_cols="area"), 1)
    theirs = theirs.sort_values("area")
    for mine, column in ((ours.lower, "lower_95_ci"), (ours.upper, "upper_95_ci")):
        gap = float(np.max(np.abs(mine / theirs[column].to_numpy() - 1)))
        if gap > 1e-9:
            raise SystemExit(f"rates differ from PHStatsMethods by {gap:.3g} (relative)")
    ratio = theirs_s / ours_s
    print(
        f"poisson_rate, 10,000 areas       dpssec {ours_s * 1e3:8.2f} ms  "
        f"PHStatsMethods ph_rate {theirs_s * 1e3:9.1f} ms  ratio {ratio:8.0f}x"
    )
    return ratio


def bench_wilson(rng: np.random.Generator) -> float:
    from statsmodels.stats.proportion import proportion_confint

    n = 1_000_000
    totals = rng.integers(1, 5_000, n).astype(float)
    counts = np.floor(rng.random(n) * (totals + 1))
    ours_s, ours = best_of(lambda: proportion(counts, totals), 5)
    theirs_s, theirs = best_of(lambda: proportion_confint(counts, totals, method="wilson"), 5)
    gap = float(np.max(np.abs(ours.lower - theirs[0])))
    if gap > 1e-9:
        raise SystemExit(f"Wilson limits differ from statsmodels by {gap:.3g}")
    ratio = theirs_s / ours_s
    print(
        f"proportion (Wilson), 1,000,000   dpssec {ours_s * 1e3:8.2f} ms  "
        f"statsmodels proportion_confint {theirs_s * 1e3:8.1f} ms  ratio {ratio:5.1f}x"
    )
    return ratio


def main() -> None:
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20261129)
    poisson_rate(1, 10)  # load scipy.special once, outside the timings
    bench_phe_rates(rng)
    bench_wilson(rng)


if __name__ == "__main__":
    main()
