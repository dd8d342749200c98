"""Ranks with ties sharing the best rank (dpssec.mines.mcda.ranking).

Oracle: ``scipy.stats.rankdata(method="min")``, which is the same competition ranking.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines.mcda import rank


def test_ties_share_the_best_rank() -> None:
    assert rank([0.7, 0.2, 0.7, 0.5]).tolist() == [1, 4, 1, 3]
    assert rank([0.7, 0.2, 0.7, 0.5], descending=False).tolist() == [3, 1, 3, 2]
    assert rank([1.0, 1.0, 1.0]).tolist() == [1, 1, 1]
    assert rank([2.0]).tolist() == [1]
    assert rank([]).tolist() == []


def test_returns_integers() -> None:
    ranks = rank(np.array([0.1, 0.3]))
    assert ranks.dtype == np.int64


@settings(max_examples=40, deadline=None)
@given(
    scores=st.lists(st.integers(-5, 5).map(float) | st.floats(-1e6, 1e6), min_size=1, max_size=60),
    descending=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_matches_scipy_and_is_invariant_to_row_order(
    scores: list[float], descending: bool, seed: int
) -> None:
    from scipy.stats import rankdata

    arr = np.asarray(scores)
    ranks = rank(arr, descending=descending)
    expected = rankdata(-arr if descending else arr, method="min")
    assert ranks.tolist() == expected.tolist()
    order = np.random.default_rng(seed).permutation(arr.size)
    assert rank(arr[order], descending=descending).tolist() == ranks[order].tolist()
    assert ranks.min() == 1


def test_accepts_series() -> None:
    pd = pytest.importorskip("pandas")
    assert rank(pd.Series([3.0, 1.0, 2.0])).tolist() == [1, 3, 2]


def test_bad_input() -> None:
    with pytest.raises(InputError, match="1-D"):
        rank([[1.0, 2.0]])
    with pytest.raises(InputError, match="NaN"):
        rank([1.0, np.nan])


def test_dask_scores_are_computed() -> None:
    da = pytest.importorskip("dask.array")
    scores = da.from_array(np.array([0.2, 0.9, 0.2, 0.5]), chunks=2)
    assert rank(scores).tolist() == [3, 1, 3, 2]
