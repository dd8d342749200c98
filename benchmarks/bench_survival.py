"""Benchmark: dpssec Kaplan-Meier and log-rank against lifelines.

Run: PYTHONPATH=src python benchmarks/bench_survival.py

Data (synthetic, seeded): a release cohort of 1,000,000 people followed up to 3 years, with the
time to re-arrest in whole days (integer path) or in fractional days (sort/unique path), about
40 % censored; and two groups of 500,000 for the log-rank test. Before printing a ratio the
script checks that both libraries agree (survival to 1e-12, the log-rank statistic to 1e-9
relative).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import _timing as timing
import numpy as np

from dpssec.stats import kaplan_meier, logrank_test

N = 1_000_000
REPEATS_DPSSEC = 10
REPEATS_LIFELINES = 3


def best_of(func: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """One untimed warm-up run, then ``repeats`` to 5x as many runs while under 3 s."""
    return timing.best_of(func, repeats, warm_up=True, budget=3.0)


def cohort(n: int, rng: np.random.Generator, *, whole_days: bool) -> tuple[np.ndarray, np.ndarray]:
    rearrest = rng.exponential(900.0, n)
    follow_up = rng.uniform(30.0, 1095.0, n)
    durations = np.minimum(rearrest, follow_up)
    events = (rearrest <= follow_up).astype(np.int64)
    if whole_days:
        durations = np.ceil(durations).astype(np.int64)
    return durations, events


def bench_km(label: str, durations: np.ndarray, events: np.ndarray) -> float:
    from lifelines import KaplanMeierFitter

    ours_s, curve = best_of(lambda: kaplan_meier(durations, events), REPEATS_DPSSEC)
    theirs_s, fitted = best_of(
        lambda: KaplanMeierFitter().fit(durations, events), REPEATS_LIFELINES
    )
    reference = fitted.survival_function_.loc[curve.time].to_numpy()[:, 0]
    gap = float(np.max(np.abs(curve.survival - reference)))
    bounds = fitted.confidence_interval_.loc[curve.time].to_numpy()
    ci_gap = float(np.max(np.abs(np.c_[curve.lower, curve.upper] - bounds)))
    if gap > 1e-12:
        raise SystemExit(f"{label}: survival differs from lifelines by {gap:.3g}")
    ratio = theirs_s / ours_s
    print(
        f"KM {label:<28} dpssec {ours_s * 1e3:8.1f} ms  lifelines {theirs_s * 1e3:8.1f} ms  "
        f"ratio {ratio:6.1f}x  max |dS| {gap:.1e}  max |dCI| {ci_gap:.1e}"
    )
    return ratio


def bench_logrank(
    label: str, a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> float:
    from lifelines.statistics import logrank_test as lifelines_logrank

    ours_s, ours = best_of(lambda: logrank_test(a[0], a[1], b[0], b[1]), REPEATS_DPSSEC)
    theirs_s, theirs = best_of(lambda: lifelines_logrank(a[0], b[0], a[1], b[1]), REPEATS_LIFELINES)
    relative = abs(ours.statistic - theirs.test_statistic) / theirs.test_statistic
    if relative > 1e-9:
        raise SystemExit(f"{label}: statistic differs from lifelines by {relative:.3g} (relative)")
    ratio = theirs_s / ours_s
    print(
        f"log-rank {label:<22} dpssec {ours_s * 1e3:8.1f} ms  lifelines {theirs_s * 1e3:8.1f} ms  "
        f"ratio {ratio:6.1f}x  chi2 {ours.statistic:.6f} (rel. diff {relative:.1e})"
    )
    return ratio


def main() -> None:
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20261129)
    print(
        f"numpy {np.__version__}; {N:,} records; best of {REPEATS_DPSSEC} to "
        f"{5 * REPEATS_DPSSEC} runs (dpssec) and {REPEATS_LIFELINES} to "
        f"{5 * REPEATS_LIFELINES} runs (lifelines), more runs while under 3 s"
    )
    int_ratio = bench_km("1M, integer days", *cohort(N, rng, whole_days=True))
    float_ratio = bench_km("1M, float days", *cohort(N, rng, whole_days=False))
    half = N // 2
    a = cohort(half, rng, whole_days=True)
    d, e = cohort(half, rng, whole_days=False)
    b = (np.ceil(d * 1.1).astype(np.int64), e)  # a slightly slower re-arrest in group B
    lr_ratio = bench_logrank("2 x 500k, integer days", a, b)
    fa = cohort(half, rng, whole_days=False)
    fb = cohort(half, rng, whole_days=False)
    lr_float = bench_logrank("2 x 500k, float days", fa, fb)
    print()
    print(
        f"targets: KM integer >= 20x: {int_ratio:.1f}x; KM float >= 1.5x: {float_ratio:.1f}x; "
        f"log-rank >= 5x: {lr_ratio:.1f}x (float durations {lr_float:.1f}x)"
    )


if __name__ == "__main__":
    main()
