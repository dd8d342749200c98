"""indicator_table on a dask DataFrame: sums by group out of core, then the pandas result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention import STANDARD_POPULATIONS, indicator_table

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

pytestmark = pytest.mark.usefixtures("synchronous_dask")

BANDS = STANDARD_POPULATIONS["esp2013"].bands


def incidents(seed: int = 1, *, areas: int = 4) -> pd.DataFrame:
    """A long table: area x sex x age band x year, with whole counts and populations, rows in
    random order (several rows per cell, as incident extracts have)."""
    rng = np.random.default_rng(seed)
    index = pd.MultiIndex.from_product(
        [[f"A{i}" for i in range(areas)], ["f", "m"], list(BANDS), range(2015, 2021)],
        names=["area", "sex", "age_band", "year"],
    )
    frame = index.to_frame(index=False)
    frame = pd.concat([frame, frame.sample(frac=0.3, random_state=seed)], ignore_index=True)
    frame["count"] = rng.poisson(6.0, len(frame))
    frame["population"] = rng.integers(500, 20_000, len(frame))
    frame["total"] = frame["population"] // 10
    frame["count_small"] = np.minimum(frame["count"], frame["total"])
    frame["safe"] = rng.integers(0, 50, len(frame))
    frame["unsafe"] = rng.integers(0, 50, len(frame))
    frame["unknown"] = rng.integers(0, 5, len(frame))
    return frame.sample(frac=1.0, random_state=seed + 1).reset_index(drop=True)


CASES = [
    ("rate", {"by": ["area", "sex"], "min_count": 30}),
    ("homicide_rate", {"by": ["area"]}),
    ("dsr", {"by": ["area", "sex"]}),
    ("isr", {"by": ["area"]}),
    ("ratio", {"by": ["area", "year"]}),
    ("proportion", {"by": ["area", "sex"], "count": "count_small"}),
    ("apc", {"by": ["area"]}),
    ("feeling_safe_share", {"by": ["area"], "dont_know": "exclude"}),
]


@pytest.mark.parametrize(("indicator", "options"), CASES, ids=[c[0] for c in CASES])
def test_every_indicator_equals_the_pandas_table(indicator: str, options: dict) -> None:
    rows = incidents()
    columns = {
        "feeling_safe_share": ["area", "safe", "unsafe", "unknown"],
        "proportion": ["area", "sex", "count_small", "total"],
    }.get(indicator, ["area", "sex", "age_band", "year", "count", "population"])
    data = rows[columns]
    eager = indicator_table(data, indicator, **options)
    lazy = indicator_table(dd.from_pandas(data, npartitions=7), indicator, **options)
    assert lazy == eager
    assert len(lazy) > 1


def test_default_keys_and_suppression_after_the_reduction() -> None:
    rows = incidents(seed=2)[["area", "sex", "count", "population"]]
    frame = dd.from_pandas(rows, npartitions=5)
    eager = indicator_table(rows, min_count=150)
    lazy = indicator_table(frame, min_count=150)
    assert lazy == eager
    assert list(lazy.keys) == ["area", "sex"]
    # every row is below the threshold, the groups are not: suppression is on the sums
    assert rows["count"].max() < 150
    assert not lazy.suppressed.all()


def test_compute_false_and_composition() -> None:
    rows = incidents(seed=3)[["area", "sex", "age_band", "year", "count", "population"]]
    frame = dd.from_pandas(rows, npartitions=4)
    rates = indicator_table(frame, by=["area"], compute=False)
    dsr = indicator_table(frame, "dsr", by=["area"], compute=False)
    assert type(rates).__name__ == "Delayed"
    a, b = dask.compute(rates, dsr)
    assert a == indicator_table(rows, by=["area"])
    assert b == indicator_table(rows, "dsr", by=["area"])


def test_bad_rows_and_missing_columns() -> None:
    rows = incidents(seed=4)[["area", "sex", "count", "population"]]
    bad = rows.copy()
    bad.loc[len(bad) - 3, "count"] = -1
    with pytest.raises(InputError, match=r"data \(partition 2\): parameter 'count'.*negative"):
        indicator_table(dd.from_pandas(bad, npartitions=3), by=["area"])
    with pytest.raises(InputError, match="column 'region' \\(grouping\\) is not in the data"):
        indicator_table(dd.from_pandas(rows, npartitions=3), by=["region"], compute=False)


def test_omit_drops_missing_rows_and_warns() -> None:
    rows = incidents(seed=5)[["area", "sex", "count", "population"]].astype({"count": float})
    rows.loc[[3, 70, 400], "count"] = np.nan
    rows.loc[9, "area"] = None
    with pytest.warns(DataQualityWarning, match="omitted 4 of"):
        eager = indicator_table(rows, by=["area"], nan_policy="omit")
    with pytest.warns(DataQualityWarning, match=f"omitted 4 of {len(rows)} rows"):
        lazy = indicator_table(dd.from_pandas(rows, npartitions=4), by=["area"], nan_policy="omit")
    assert lazy == eager


@settings(max_examples=15, deadline=None)
@given(npartitions=st.integers(1, 9), seed=st.integers(0, 1_000), split_every=st.integers(2, 4))
def test_random_partitionings(npartitions: int, seed: int, split_every: int) -> None:
    from dpssec.prevention.table_dask import indicator_table_partitioned

    rows = incidents(seed=seed, areas=2)[["area", "sex", "age_band", "year", "count", "population"]]
    eager = indicator_table(rows, "dsr", by=["area", "year"])
    options = {
        "indicator": "dsr", "by": ["area", "year"], "count": "count", "population": "population",
        "total": "total", "safe": "safe", "unsafe": "unsafe", "unknown": "unknown",
        "dont_know": None, "age_band": "age_band", "year": "year", "standard": "esp2013",
        "reference_counts": None, "reference_populations": None, "method": None,
        "multiplier": None, "confidence": 0.95, "min_count": None, "min_population": 0,
        "keep_suppressed_values": False, "nan_policy": "raise",
    }  # fmt: skip
    lazy = indicator_table_partitioned(
        dd.from_pandas(rows, npartitions=npartitions, sort=False), options,
        split_every=split_every,
    )  # fmt: skip
    assert lazy == eager
