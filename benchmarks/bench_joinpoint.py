"""Benchmark: dpssec joinpoint against a loop of statsmodels fits over the same grid.

Run: PYTHONPATH=src python benchmarks/bench_joinpoint.py

Data (synthetic, seeded): 35 series (one per OAS member state) of 30 yearly homicide-like
rates with up to three changes of trend and log-normal noise. Task: the log-linear joinpoint
model with 0 to 3 joinpoints (NCI's grid: joinpoints on observed years, at least 2
observations from either end and between joinpoints), the number chosen by the BIC.

* dpssec: ``joinpoint(years, rates, selection="bic")`` with the 35 series as columns, one call.
* peer: for every series, every number of joinpoints and every admissible joinpoint set, one
  ``statsmodels.OLS`` fit of ln(rate) (its residual sum of squares), then the BIC.

Before printing the ratio the script checks that both choose the same number of joinpoints at
the same years for every series, and the same residual sums of squares (1e-8 relative).
"""

from __future__ import annotations

import warnings

import _timing as timing
import numpy as np

from dpssec.evaluation import joinpoint
from dpssec.evaluation.joinpoint_fit import admissible_sets

SERIES = 35
YEARS = np.arange(1994.0, 2024.0)
MAX_JOINPOINTS = 3


def make_rates(rng: np.random.Generator) -> np.ndarray:
    """(years, series) rates: piecewise log-linear trends with 0-3 changes, noise sd 0.05."""
    n = YEARS.size
    rates = np.empty((n, SERIES))
    for s in range(SERIES):
        k = rng.integers(0, 4)
        taus = np.sort(rng.choice(np.arange(4, n - 4), size=k, replace=False))
        slopes = rng.normal(0, 0.06, k + 1)
        slope = np.repeat(slopes, np.diff(np.r_[0, taus, n]))
        log_rate = np.log(rng.uniform(3, 60)) + np.cumsum(slope) + rng.normal(0, 0.05, n)
        rates[:, s] = np.exp(log_rate)
    return rates


def statsmodels_loop(rates: np.ndarray) -> list[tuple[int, tuple[float, ...], float]]:
    """The peer: one OLS fit per series, number of joinpoints and admissible set."""
    import statsmodels.api as sm

    n = YEARS.size
    designs = {
        k: [
            np.column_stack(
                [np.ones(n), YEARS - YEARS[0], *[np.maximum(YEARS - YEARS[i], 0.0) for i in c]]
            )
            for c in admissible_sets(n, k, min_end=2, min_between=2)
        ]
        for k in range(MAX_JOINPOINTS + 1)
    }
    sets = {k: admissible_sets(n, k, min_end=2, min_between=2) for k in designs}
    chosen = []
    for s in range(rates.shape[1]):
        y = np.log(rates[:, s])
        best_per_k = []
        for k in range(MAX_JOINPOINTS + 1):
            best = (np.inf, -1)
            for i, X in enumerate(designs[k]):
                sse = float(sm.OLS(y, X).fit().ssr)
                if sse < best[0]:
                    best = (sse, i)
            best_per_k.append(best)
        bic = [
            np.log(sse / n) + 2 * (k + 1) * np.log(n) / n for k, (sse, _) in enumerate(best_per_k)
        ]
        k = int(np.argmin(bic))
        sse, i = best_per_k[k]
        chosen.append((k, tuple(YEARS[sets[k][i]]), sse))
    return chosen


def main() -> None:
    rng = np.random.default_rng(2026)
    rates = make_rates(rng)
    fits = sum(admissible_sets(YEARS.size, k, min_end=2, min_between=2).shape[0] for k in range(4))
    print(
        f"{SERIES} series x {YEARS.size} years, 0-{MAX_JOINPOINTS} joinpoints: {fits} fits per series"
    )
    ours_s, ours = timing.best_of(
        lambda: joinpoint(YEARS, rates, max_joinpoints=MAX_JOINPOINTS, selection="bic"),
        5,
        warm_up=True,
        budget=3.0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs_s, theirs = timing.best_of(lambda: statsmodels_loop(rates), 1)
    mismatches = 0
    worst = 0.0
    for result, (k, taus, sse) in zip(ours, theirs, strict=True):
        if result.n_joinpoints != k or tuple(result.joinpoints) != taus:
            mismatches += 1
        worst = max(worst, abs(result.sse - sse) / sse)
    if mismatches or worst > 1e-8:
        raise SystemExit(f"selected models differ: {mismatches} series, SSE rel. diff {worst:.2g}")
    print(
        f"joinpoint, BIC selection: dpssec {ours_s:8.3f} s  statsmodels loop {theirs_s:8.2f} s  "
        f"ratio {theirs_s / ours_s:6.1f}x  identical models for {SERIES} series "
        f"(max SSE rel. diff {worst:.1e})"
    )
    counts = np.bincount([r.n_joinpoints for r in ours], minlength=4)
    print(f"  joinpoints chosen: {dict(enumerate(counts.tolist()))}")
    perm_s, _ = timing.best_of(
        lambda: joinpoint(YEARS, rates[:, :5], max_joinpoints=MAX_JOINPOINTS, permutations=4499),
        1,
    )
    print(
        f"permutation selection (4,499 permutations per test), dpssec only: {perm_s / 5:6.2f} s "
        "per series (a statsmodels loop would need ~10^7 fits per series)"
    )


if __name__ == "__main__":
    main()
