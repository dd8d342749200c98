"""Court caseflow table: dpssec against the pandas group-by a court analyst would write.

A SYNTHETIC return of 1,000,000 rows: 5,000 courts x 4 case categories x 50 quarters
(2011-2023), counts consistent with the stock identity. Both sides group by category and year,
take each court's stock at the start of its first quarter and at the end of its last quarter of
the year, sum the flows, and compute the clearance rate, case turnover ratio and disposition
time from the totals (period length from the dates):

* dpssec: ``caseflow_table(start, end, ..., court=..., category=..., by=("category", "year"))``,
  which also checks every row (counts, dates, resolved within what was open) and looks for
  stock-identity breaks, overlaps and carry-over breaks;
* pandas: ``sort_values`` then ``groupby(...).agg(first/last/sum/min/max)`` per court, category
  and year, then ``groupby(...).sum()`` per category and year, then the three ratios (no checks).

Both answers are checked to agree before any ratio is printed. Run with
``PYTHONPATH=src python benchmarks/bench_caseflow_table.py``.
"""

from __future__ import annotations

import platform
from typing import Any

import numpy as np
from _timing import best_of

COURTS, CATEGORIES, QUARTERS = 5_000, 4, 50


def make_return(seed: int = 2026) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    series = COURTS * CATEGORIES
    starts = np.array(
        [np.datetime64(f"{2011 + q // 4}-{3 * (q % 4) + 1:02d}-01") for q in range(QUARTERS)]
    )
    ends = np.array(
        [
            np.datetime64(f"{2011 + (q + 1) // 4}-{3 * ((q + 1) % 4) + 1:02d}-01") - 1
            for q in range(QUARTERS)
        ]
    )
    incoming = rng.poisson(120, (series, QUARTERS)).astype(float)
    capacity = rng.poisson(118, (series, QUARTERS)).astype(float)
    pending = np.empty((series, QUARTERS + 1))
    pending[:, 0] = rng.poisson(300, series)
    resolved = np.empty((series, QUARTERS))
    for q in range(QUARTERS):
        resolved[:, q] = np.minimum(capacity[:, q], pending[:, q] + incoming[:, q])
        pending[:, q + 1] = pending[:, q] + incoming[:, q] - resolved[:, q]
    court = np.repeat(np.array([f"court {i:05d}" for i in range(COURTS)]), CATEGORIES * QUARTERS)
    category = np.tile(
        np.repeat(np.array(["civil", "criminal", "family", "labour"]), QUARTERS), COURTS
    )
    order = rng.permutation(series * QUARTERS)  # rows arrive in no particular order
    return {
        "start": np.tile(starts, series)[order],
        "end": np.tile(ends, series)[order],
        "pending_start": pending[:, :-1].ravel()[order],
        "incoming": incoming.ravel()[order],
        "resolved": resolved.ravel()[order],
        "pending_end": pending[:, 1:].ravel()[order],
        "court": court[order],
        "category": category[order],
    }


def run_dpssec(data: dict[str, Any]) -> Any:
    from dpssec.justice import caseflow_table

    t = caseflow_table(
        data["start"],
        data["end"],
        data["pending_start"],
        data["incoming"],
        data["resolved"],
        data["pending_end"],
        court=data["court"],
        category=data["category"],
        by=("category", "year"),
    )
    assert t.findings == ()
    return np.column_stack([t.clearance_rate, t.case_turnover_ratio, t.disposition_time])


def run_pandas(data: dict[str, Any]) -> Any:
    import pandas as pd

    frame = pd.DataFrame(data)
    frame["year"] = frame["end"].dt.year
    frame = frame.sort_values(["court", "category", "start"])
    per_series = frame.groupby(["court", "category", "year"], sort=False).agg(
        pending_start=("pending_start", "first"),
        pending_end=("pending_end", "last"),
        incoming=("incoming", "sum"),
        resolved=("resolved", "sum"),
        start=("start", "min"),
        end=("end", "max"),
    )
    groups = per_series.groupby(["category", "year"]).agg(
        pending_start=("pending_start", "sum"),
        pending_end=("pending_end", "sum"),
        incoming=("incoming", "sum"),
        resolved=("resolved", "sum"),
        start=("start", "min"),
        end=("end", "max"),
    )
    days = (groups["end"] - groups["start"]).dt.days + 1
    return np.column_stack(
        [
            groups["resolved"] * 100 / groups["incoming"],
            groups["resolved"] / groups["pending_end"],
            days * groups["pending_end"] / groups["resolved"],
        ]
    )


def main() -> None:
    data = make_return()
    rows = len(data["court"])
    fast, ours = best_of(lambda: run_dpssec(data), 3, warm_up=True)
    slow, theirs = best_of(lambda: run_pandas(data), 3, warm_up=True)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    print(f"caseflow table, {rows:,} rows -> {len(ours)} groups (category x year)")
    print(f"  dpssec caseflow_table (with row checks and findings): {fast:.3f} s")
    print(f"  pandas sort + two group-bys (no checks):               {slow:.3f} s")
    print(f"  ratio pandas / dpssec: {slow / fast:.2f}x")
    print(
        f"  {platform.python_implementation()} {platform.python_version()}, numpy {np.__version__}"
    )


if __name__ == "__main__":
    main()
