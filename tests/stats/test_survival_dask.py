"""Survival out of core: per-partition tables of times merged by a tree give the in-memory
curves and tests (integer days and float durations, weights, any partitioning)."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.stats import kaplan_meier, logrank_test, nelson_aalen
from dpssec.stats.survival_dask import (
    merge_counts,
    partition_counts,
    reduce_records,
)

da = pytest.importorskip("dask.array")
dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

pytestmark = pytest.mark.usefixtures("synchronous_dask")

NAMES = ("durations", "events", "weights")
FIELDS = ("time", "at_risk", "events", "censored", "survival", "lower", "upper")


def cohort(n: int, seed: int = 1, *, whole_days: bool = True) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    rearrest = rng.exponential(900.0, n)
    follow_up = rng.uniform(30.0, 1095.0, n)
    durations = np.minimum(rearrest, follow_up)
    events = (rearrest <= follow_up).astype(np.int64)
    if whole_days:
        return np.ceil(durations).astype(np.int64), events
    return durations, events


def assert_same_curve(lazy: Any, eager: Any, fields: tuple[str, ...] = FIELDS) -> None:
    for name in fields:
        np.testing.assert_allclose(getattr(lazy, name), getattr(eager, name), rtol=0, atol=1e-12)
    assert lazy.confidence == eager.confidence


@pytest.mark.parametrize("whole_days", [True, False])
def test_kaplan_meier_from_partitions(whole_days: bool) -> None:
    d, e = cohort(20_000, whole_days=whole_days)
    eager = kaplan_meier(d, e, ci="log")
    lazy = reduce_records(
        kaplan_meier, [(da.from_array(d, chunks=3_000), da.from_array(e, chunks=3_000), None)],
        [NAMES], ci="log",
    )  # fmt: skip
    assert_same_curve(lazy, eager)
    assert lazy.ci_method == "log"


def test_series_of_a_frame_with_weights() -> None:
    d, e = cohort(5_000, seed=2)
    w = np.random.default_rng(3).integers(0, 4, d.size).astype(float)
    frame = dd.from_pandas(pd.DataFrame({"d": d, "e": e, "w": w}), npartitions=7)
    eager = kaplan_meier(d, e, weights=w)
    lazy = reduce_records(kaplan_meier, [(frame["d"], frame["e"], frame["w"])], [NAMES])
    assert_same_curve(lazy, eager)


def test_nelson_aalen_and_logrank() -> None:
    d, e = cohort(8_000, seed=4)
    a, b = slice(0, 3_000), slice(3_000, None)
    na_eager = nelson_aalen(d, e)
    na_lazy = reduce_records(
        nelson_aalen, [(da.from_array(d, 1_000), da.from_array(e, 1_000), None)], [NAMES]
    )
    for name in ("time", "cumulative_hazard", "variance", "lower", "upper"):
        np.testing.assert_allclose(getattr(na_lazy, name), getattr(na_eager, name), atol=1e-12)
    eager = logrank_test(d[a], e[a], d[b], e[b] * (d[b] < 700))
    lazy = reduce_records(
        logrank_test,
        [
            (da.from_array(d[a], 700), da.from_array(e[a], 700), None),
            (da.from_array(d[b], 900), da.from_array(e[b] * (d[b] < 700), 900), None),
        ],
        [("durations_a", "events_a", "weights_a"), ("durations_b", "events_b", "weights_b")],
    )
    assert lazy.statistic == pytest.approx(eager.statistic, rel=1e-12)
    assert lazy.p_value == pytest.approx(eager.p_value, rel=1e-12, abs=1e-300)
    np.testing.assert_allclose(lazy.expected, eager.expected, rtol=1e-12)


def test_compute_false_and_empty_input() -> None:
    d, e = cohort(100)
    lazy = reduce_records(kaplan_meier, [(da.from_array(d, 30), da.from_array(e, 30), None)],
                          [NAMES], compute=False)  # fmt: skip
    assert type(lazy).__name__ == "Delayed"
    assert_same_curve(lazy.compute(), kaplan_meier(d, e))
    empty = da.from_array(np.zeros(0, dtype=np.int64), chunks=1)
    with pytest.raises(InputError, match="'durations' is empty"):
        reduce_records(kaplan_meier, [(empty, empty, None)], [NAMES])
    zero = da.zeros(4, chunks=2)
    with pytest.raises(InputError, match="every 'weights' is zero"):
        reduce_records(kaplan_meier, [(da.ones(4, chunks=2), da.ones(4, chunks=2), zero)], [NAMES])


def test_merge_is_associative() -> None:
    rng = np.random.default_rng(5)
    parts = [partition_counts(rng.integers(0, 50, 40), rng.integers(0, 2, 40)) for _ in range(5)]
    left = merge_counts(merge_counts(*parts[:2]), merge_counts(*parts[2:]))
    flat = merge_counts(*parts)
    for x, y in zip(left, flat, strict=True):
        np.testing.assert_array_equal(x, y)
    assert all(x.size == 0 for x in merge_counts())


@settings(max_examples=30, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 1), st.integers(0, 3)), min_size=1, max_size=80
    ),
    cuts=st.lists(st.integers(1, 79), max_size=6, unique=True),
    split_every=st.integers(2, 5),
    whole=st.booleans(),
)
def test_random_partitionings_give_the_in_memory_curve(
    data: list[tuple[int, int, int]], cuts: list[int], split_every: int, whole: bool
) -> None:
    d = np.array([x[0] for x in data], dtype=float if not whole else np.int64)
    if not whole:
        d = d / 7.0
    e = np.array([x[1] for x in data])
    w = np.array([x[2] for x in data], dtype=float)
    if not np.any(w > 0):
        w[0] = 1.0
    bounds = sorted({0, *[c for c in cuts if c < len(data)], len(data)})
    chunks = tuple(b - a for a, b in itertools.pairwise(bounds))
    lazy = reduce_records(
        kaplan_meier,
        [(da.from_array(d, chunks=(chunks,)), da.from_array(e, chunks=(chunks,)),
          da.from_array(w, chunks=(chunks,)))],
        [NAMES],
        split_every=split_every,
    )  # fmt: skip
    assert_same_curve(lazy, kaplan_meier(d, e, weights=w))


def test_public_calculators_reduce_dask_input_out_of_core() -> None:
    d, e = cohort(6_000, seed=8)
    frame = dd.from_pandas(pd.DataFrame({"days": d, "event": e}), npartitions=5)
    assert_same_curve(kaplan_meier(frame["days"], frame["event"]), kaplan_meier(d, e))
    lazy = nelson_aalen(frame["days"], frame["event"], ties="fleming-harrington")
    eager = nelson_aalen(d, e, ties="fleming-harrington")
    np.testing.assert_allclose(lazy.cumulative_hazard, eager.cumulative_hazard, atol=1e-12)
    assert lazy.ties == "fleming-harrington"
    # one group as dask, the other in memory
    test = logrank_test(frame["days"], frame["event"], d[:500] + 30, e[:500])
    expected = logrank_test(d, e, d[:500] + 30, e[:500])
    assert test.statistic == pytest.approx(expected.statistic, rel=1e-12)
    delayed = kaplan_meier(frame["days"], frame["event"], ci="plain", compute=False)
    assert type(delayed).__name__ == "Delayed"
    assert_same_curve(delayed.compute(), kaplan_meier(d, e, ci="plain"))


def test_bad_dask_records_raise_when_read() -> None:
    d = np.array([3.0, 5.0, np.nan, 7.0])
    lazy = kaplan_meier(da.from_array(d, chunks=2), da.from_array([1, 0, 1, 1], chunks=2),
                        compute=False)  # fmt: skip
    with pytest.raises(InputError, match="durations"):
        lazy.compute()
    with pytest.raises(InputError, match="compute must be True or False"):
        kaplan_meier([1, 2], [1, 0], compute=None)
