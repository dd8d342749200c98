"""Interval kernels: reference vectors (PHE, epitools, SciPy) and oracles (statsmodels)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.stats import clopper_pearson_interval, poisson_count_interval, wilson_interval
from tests.stats.conftest import load_rows


@pytest.mark.parametrize(
    "row", load_rows("exact_poisson_epitools.csv"), ids=lambda r: str(r["count"])
)
def test_exact_poisson_epitools_examples(row: dict) -> None:
    lower, upper = poisson_count_interval(row["count"], method="exact")
    assert lower == pytest.approx(row["lower"], abs=1e-6)
    assert upper == pytest.approx(row["upper"], abs=1e-6)


def test_byar_is_not_epitools_variant() -> None:
    # PHE form at x = 1: 0.0131-5.5638; epitools pois.byar (x + 0.5) would give 0.0907-4.6621.
    lower, upper = poisson_count_interval(1, method="byar")
    assert lower == pytest.approx(0.01307213290150435, rel=1e-12)
    assert upper == pytest.approx(5.5637555824752605, rel=1e-12)


def test_auto_switches_at_ten() -> None:
    exact = poisson_count_interval([9, 10], method="exact")
    byar = poisson_count_interval([9, 10], method="byar")
    auto = poisson_count_interval([9, 10], method="auto")
    assert auto[0][0] == exact[0][0] and auto[1][0] == exact[1][0]
    assert auto[0][1] == byar[0][1] and auto[1][1] == byar[1][1]


def test_byar_zero_and_high_confidence_floor() -> None:
    lower, upper = poisson_count_interval([0, 1], method="byar", confidence=0.998)
    assert lower[0] == 0.0 and lower[1] == 0.0  # the cube is negative at x = 1, 99.8 %
    assert np.all(upper > 0)


def test_confidence_as_percentage() -> None:
    assert poisson_count_interval(5, confidence=95) == poisson_count_interval(5, confidence=0.95)


@pytest.mark.parametrize(
    "row", load_rows("clopper_pearson_scipy.csv"), ids=lambda r: f"{r['count']}/{r['total']}"
)
def test_clopper_pearson_scipy_vectors(row: dict) -> None:
    lower, upper = clopper_pearson_interval(row["count"], row["total"])
    assert lower == pytest.approx(row["lower"], abs=1e-6)
    assert upper == pytest.approx(row["upper"], abs=1e-6)


@pytest.mark.parametrize("row", load_rows("phe_proportions.csv"))
def test_wilson_phe_vectors(row: dict) -> None:
    lower, upper = wilson_interval(row["count"], row["total"], confidence=row["confidence"])
    assert lower == pytest.approx(row["lower"], rel=1e-8)
    assert upper == pytest.approx(row["upper"], rel=1e-8)


counts_and_totals = st.integers(1, 10_000).flatmap(
    lambda n: st.tuples(st.integers(0, n), st.just(n))
)
levels = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998])


@settings(max_examples=50)
@given(counts_and_totals, levels)
def test_wilson_and_beta_match_statsmodels(xn: tuple[int, int], level: float) -> None:
    from statsmodels.stats.proportion import proportion_confint

    x, n = xn
    for ours, method in ((wilson_interval, "wilson"), (clopper_pearson_interval, "beta")):
        lower, upper = ours(x, n, confidence=level)
        ref_lower, ref_upper = proportion_confint(x, n, alpha=1 - level, method=method)
        assert lower == pytest.approx(ref_lower, abs=1e-10)
        assert upper == pytest.approx(ref_upper, abs=1e-10)
        assert 0 <= lower <= x / n <= upper <= 1


@given(st.integers(0, 100_000), levels)
def test_exact_poisson_matches_scipy_chi2(x: int, level: float) -> None:
    from scipy.stats import chi2

    lower, upper = poisson_count_interval(x, confidence=level, method="exact")
    alpha = 1 - level
    assert lower == pytest.approx(chi2.ppf(alpha / 2, 2 * x) / 2 if x else 0.0, rel=1e-10)
    assert upper == pytest.approx(chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2, rel=1e-10)
    for method in ("exact", "byar", "auto"):
        lo, hi = poisson_count_interval(x, confidence=level, method=method)
        assert 0 <= lo <= x <= hi


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match=r"'count': 1 of 3 values are negative \(first at index 2"):
        poisson_count_interval([1, 2, -1])
    with pytest.raises(InputError, match=r"'count'.*NaN"):
        poisson_count_interval([np.nan])
    with pytest.raises(InputError, match="method"):
        poisson_count_interval(1, method="garwood")
    with pytest.raises(InputError, match="confidence"):
        poisson_count_interval(1, confidence=150)
    with pytest.raises(
        InputError, match=r"'count': 2 of 3 values are greater than 'total' \(first at index 1"
    ):
        wilson_interval([1, 11, 12], 10)
    with pytest.raises(InputError, match=r"'total'.*zero or negative"):
        clopper_pearson_interval(0, 0)
    with pytest.raises(InputError, match="lengths differ"):
        wilson_interval([1, 2], [3, 4, 5])


def test_scalar_in_scalar_out_and_array_in_array_out() -> None:
    lower, upper = wilson_interval(3, 10)
    assert type(lower) is float and type(upper) is float
    lower, upper = wilson_interval([3], [10])
    assert isinstance(lower, np.ndarray) and lower.shape == (1,)


def test_broadcast_numpy_and_dask() -> None:
    import dask.array as da

    from dpssec.boundary import broadcast

    first, second = broadcast(np.array([1.0, 2.0]), np.array(5.0))
    np.testing.assert_array_equal(second, [5.0, 5.0])
    np.testing.assert_array_equal(first, [1.0, 2.0])
    lazy_first, lazy_second = broadcast(da.ones(3, chunks=2), 2.0)
    assert isinstance(lazy_first, da.Array) and isinstance(lazy_second, da.Array)
    np.testing.assert_array_equal(lazy_second.compute(), [2.0, 2.0, 2.0])


def test_lengths_that_differ_are_refused_with_both_lengths() -> None:
    with pytest.raises(InputError, match=r"lengths differ: count has 2 values, total has 3 values"):
        wilson_interval(np.ones(2), np.ones(3))
