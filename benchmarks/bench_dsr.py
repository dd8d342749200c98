"""Benchmark: directly standardised rates for 100,000 area-years x 19 age bands in one call.

dpssec (``directly_standardised_rate`` on the 2-D table, and ``indicator_table`` on the long
table) against PHStatsMethods ``ph_dsr`` (Dobson, the Python port of PHEindicatormethods) on the
same long table, in one run. Both sides must agree (value and 95 % limits, suppression below 10
events) before anything is timed.

PHStatsMethods computes the Dobson limits row by row (``DataFrame.apply``) and aggregates with
Python lambdas, so on this machine the full 100,000 areas take a long time; it is timed on a
subset of ``PEER_AREAS`` areas and its time is scaled linearly to the full size (its work is
per group, so this is close to linear). The scaling is printed.

Run: ``PYTHONPATH=src /work/venv/bin/python benchmarks/bench_dsr.py``
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import PHStatsMethods
from _timing import best_of

from dpssec.prevention import STANDARD_POPULATIONS, directly_standardised_rate, indicator_table

AREAS = 100_000
PEER_AREAS = 10_000
BANDS = 19


def build(areas: int, seed: int = 2026) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pops = rng.integers(200, 20_000, size=(areas, BANDS)).astype(float)
    profile = np.array([2, 1, 3, 40, 70, 65, 50, 38, 30, 24, 18, 14, 11, 9, 8, 7, 7, 6, 6]) / 1e5
    scale = rng.lognormal(0.0, 1.0, size=(areas, 1))
    counts = rng.poisson(pops * profile * scale).astype(float)
    return counts, pops


def long_frame(counts: np.ndarray, pops: np.ndarray) -> pd.DataFrame:
    areas = counts.shape[0]
    esp = np.asarray(STANDARD_POPULATIONS["esp2013"].counts)
    return pd.DataFrame(
        {
            "area": np.repeat(np.arange(areas), BANDS),
            "age_band": np.tile(
                np.asarray(STANDARD_POPULATIONS["esp2013"].bands, dtype=object), areas
            ),
            "count": counts.ravel(),
            "population": pops.ravel(),
            "esp": np.tile(esp, areas),
        }
    )


def peer(frame: pd.DataFrame) -> pd.DataFrame:
    return PHStatsMethods.ph_dsr(
        frame.drop(columns="age_band"),
        "count",
        "population",
        "esp",
        group_cols="area",
        euro_standard_pops=False,
    )


def check_agreement(counts: np.ndarray, pops: np.ndarray, frame: pd.DataFrame) -> None:
    theirs = peer(frame).sort_values("area")
    ours = directly_standardised_rate(counts, pops, "esp2013")
    for mine, column in (
        (ours.value, "Value"),
        (ours.lower, "lower_95_ci"),
        (ours.upper, "upper_95_ci"),
    ):
        np.testing.assert_allclose(mine, theirs[column].to_numpy(), rtol=1e-10, equal_nan=True)
    suppressed = int(np.sum(ours.suppressed))
    print(
        f"agreement on {counts.shape[0]:,} areas: value and 95 % limits to 1e-10 "
        f"({suppressed:,} areas suppressed, O < 10, on both sides)"
    )


def main() -> None:
    counts, pops = build(AREAS)
    frame = long_frame(counts, pops)
    check_agreement(counts[:PEER_AREAS], pops[:PEER_AREAS], frame.iloc[: PEER_AREAS * BANDS])

    t_array, _ = best_of(lambda: directly_standardised_rate(counts, pops, "esp2013"), 5)
    t_table, _ = best_of(lambda: indicator_table(frame.drop(columns="esp"), "dsr", by=["area"]), 3)
    subset = frame.iloc[: PEER_AREAS * BANDS].copy()
    t_peer_subset, _ = best_of(lambda: peer(subset), 2)
    t_peer = t_peer_subset * AREAS / PEER_AREAS

    print(f"areas x bands: {AREAS:,} x {BANDS} ({AREAS * BANDS:,} rows)")
    print(f"dpssec directly_standardised_rate (2-D arrays, one call): {t_array * 1e3:8.1f} ms")
    print(f"dpssec indicator_table (long table, grouping included):   {t_table * 1e3:8.1f} ms")
    print(f"PHStatsMethods ph_dsr on {PEER_AREAS:,} areas:                 {t_peer_subset:8.2f} s")
    print(
        f"PHStatsMethods ph_dsr scaled to {AREAS:,} areas (x{AREAS // PEER_AREAS}):    {t_peer:8.2f} s"
    )
    print(f"ratio, arrays: {t_peer / t_array:,.0f}x   ratio, long table: {t_peer / t_table:,.0f}x")


if __name__ == "__main__":
    main()
