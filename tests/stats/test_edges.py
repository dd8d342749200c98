"""Hostile and extreme input for the statistics (issue 12) and missing values (nan_policy).

Intervals stay valid for any finite counts up to 1e300; options that are not options are
refused by name; records with missing values are refused, or left out with a warning.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.stats import (
    clopper_pearson_interval,
    kaplan_meier,
    logrank_test,
    multigroup_logrank_test,
    nelson_aalen,
    poisson_count_interval,
    poisson_rate,
    proportion,
    wilson_interval,
)
from dpssec.stats.quantiles import beta_quantile

pd = pytest.importorskip("pandas")


# -- hostile options and huge numbers --------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: proportion(10**400, 10), r"'count'.*too large for a 64-bit float"),
        (lambda: proportion(3, 10, method=np.array([])), r"'method' must be one of 'wilson'"),
        (lambda: proportion(3, 10, multiplier=2**64), r"'multiplier' must be a positive number"),
        (lambda: proportion(3, 10, multiplier=float("inf")), r"'multiplier' must be a positive"),
        (lambda: poisson_rate(3, 10, multiplier=float("nan")), r"'multiplier' must be a positive"),
        (lambda: proportion(3, 10, confidence="95%"), r"'confidence' must be a number"),
        (lambda: kaplan_meier([1, 2], [1, 0], ci=["log"]), r"'ci' must be one of"),
        (lambda: nelson_aalen([1, 2], [1, 0], weights="1"), r"'weights' must be numbers"),
    ],
)
def test_options_that_are_not_options_are_refused_by_name(call: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        call()


def test_clopper_pearson_for_a_total_of_1e300_is_the_poisson_limit() -> None:
    """scipy's betaincinv (and so statsmodels) gives NaN here; the limit is exact to 1e-300."""
    from scipy.special import gammaincinv

    lower, upper = clopper_pearson_interval(3, 1e300)
    assert lower == pytest.approx(gammaincinv(3, 0.025) / 1e300, rel=1e-13)
    assert upper == pytest.approx(gammaincinv(4, 0.975) / 1e300, rel=1e-13)
    assert proportion(3, 1e300, method="clopper-pearson").lower == lower


def test_clopper_pearson_where_scipy_misses() -> None:
    """SciPy 1.17: betaincinv(1000, ~5e8, 0.975) is far off, so lower > upper for 999 in 5e8."""
    from scipy.special import betainc

    lower, upper = clopper_pearson_interval(999, 500_000_000)
    assert lower < 999 / 5e8 < upper
    assert betainc(1000, 5e8 - 999, upper) == pytest.approx(0.975, abs=1e-10)
    assert betainc(999, 5e8 - 998, lower) == pytest.approx(0.025, abs=1e-10)


def test_clopper_pearson_agrees_with_statsmodels_where_it_works() -> None:
    smp = pytest.importorskip("statsmodels.stats.proportion")
    x = np.array([0, 1, 7, 50, 999, 40_000, 99_999])
    n = np.array([10, 10, 50, 100, 1_000, 100_000, 100_000])
    lower, upper = clopper_pearson_interval(x, n)
    low, high = smp.proportion_confint(x, n, method="beta")
    np.testing.assert_allclose(lower, low, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(upper, high, rtol=1e-10)


@settings(max_examples=60, deadline=None)
@given(
    exponent=st.floats(0, 300),
    fraction=st.floats(0, 1),
    confidence=st.sampled_from([0.8, 0.95, 0.999]),
)
def test_intervals_are_valid_for_any_finite_counts_up_to_1e300(
    exponent: float, fraction: float, confidence: float
) -> None:
    n = float(np.floor(10**exponent)) or 1.0
    x = float(np.floor(fraction * n))
    for limits in (clopper_pearson_interval, wilson_interval):
        lower, upper = limits(x, n, confidence=confidence)
        assert np.isfinite(lower) and np.isfinite(upper)
        assert 0.0 <= lower <= x / n <= upper <= 1.0, (limits.__name__, x, n, lower, upper)
    lower, upper = poisson_count_interval(x, confidence=confidence, method="exact")
    assert np.isfinite(upper) and 0.0 <= lower <= x <= upper


def test_beta_quantile_sample_against_the_distribution_function() -> None:
    """Where scipy's betainc is reliable (parameters below 1e16): the quantile solves it."""
    from scipy.special import betainc

    rng = np.random.default_rng(20)
    a = np.floor(10 ** rng.uniform(0, 9, 400)) + 1
    b = np.floor(10 ** rng.uniform(5, 16, 400))
    for q in (0.025, 0.975):
        t = beta_quantile(a, b, q)
        assert np.all(np.isfinite(t))
        np.testing.assert_allclose(betainc(a, b, t), q, atol=1e-9)


def test_beta_quantile_approximations_agree_where_both_apply() -> None:
    from dpssec.stats.quantiles import _cornish_fisher, _poisson_limit

    rng = np.random.default_rng(21)
    a = 10 ** rng.uniform(7, 100, 300)
    b = a**2 * 1e13 * 10 ** rng.uniform(0, 3, 300)
    p = np.full(a.size, 0.025)
    np.testing.assert_allclose(_cornish_fisher(a, b, p), _poisson_limit(a, b, p), rtol=1e-13)


def test_exact_poisson_limits_near_the_largest_float() -> None:
    lower, upper = poisson_count_interval(1.7e308, method="exact")
    assert np.isfinite(lower) and np.isfinite(upper) and lower <= 1.7e308 <= upper


# -- missing values ------------------------------------------------------------------------


def test_kaplan_meier_omit_leaves_out_the_records_and_says_how_many() -> None:
    durations = [9.0, 13, np.nan, 18, 23, 28]
    events = [1, 1, 0, None, 1, 0]
    with pytest.raises(InputError, match=r"'durations': 1 of 6 values are missing"):
        kaplan_meier(durations, events)
    with pytest.warns(DataQualityWarning, match=r"omitted 2 of 6 rows .*first at index 2"):
        curve = kaplan_meier(durations, events, nan_policy="omit")
    assert curve == kaplan_meier([9, 13, 23, 28], [1, 1, 1, 0])
    with pytest.raises(InputError, match="'propagate' is not one of 'raise', 'omit'"):
        kaplan_meier(durations, events, nan_policy="propagate")


def test_omit_keeps_a_negative_duration_an_error() -> None:
    with pytest.raises(InputError, match="negative"):
        nelson_aalen([1.0, np.nan, -2.0], [1, 1, 1], nan_policy="omit")


def test_logrank_omit_works_on_each_group() -> None:
    a, ea = [9.0, 13, 13, 18, np.nan, 28], [1, 1, 0, 1, 1, 0]
    b, eb = [5.0, 5, 8, 8, 12], [1, 1, None, 1, 1]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = logrank_test(a, ea, b, eb, nan_policy="omit")
    assert len(caught) == 2  # one warning per group
    expected = logrank_test([9, 13, 13, 18, 28], [1, 1, 0, 1, 0], [5, 5, 8, 12], [1, 1, 1, 1])
    assert result.statistic == pytest.approx(expected.statistic, rel=1e-12)
    with pytest.raises(InputError, match=r"lengths differ: durations_b has 5 values"):
        logrank_test([1, 2], [1, 1], b, [1, 1])


def test_multigroup_omit_leaves_out_missing_groups() -> None:
    d, e = [1, 2, 3, 4, 5, 6, 7], [1, 1, 1, 1, 1, 0, 1]
    groups = ["a", "b", "c", "a", None, "c", "b"]
    with pytest.raises(InputError, match="1 of 7 labels are missing"):
        multigroup_logrank_test(d, e, groups)
    with pytest.warns(DataQualityWarning, match="omitted 1 of 7 rows"):
        result = multigroup_logrank_test(d, e, groups, nan_policy="omit")
    kept = [0, 1, 2, 3, 5, 6]
    expected = multigroup_logrank_test(
        np.take(d, kept), np.take(e, kept), [groups[i] for i in kept]
    )
    assert result == expected


def test_survival_curves_read_series_of_times() -> None:
    curve = kaplan_meier([9, 13, 13, 18, 23], [1, 1, 0, 1, 1])
    times = pd.Series([10.0, 20.0], index=["early", "late"])
    out = curve.at(times)
    assert isinstance(out, pd.Series) and list(out.index) == ["early", "late"]
    assert out["late"] == curve.at(20)
    estimate = curve.estimate_at(times, kind="cumulative_incidence")
    assert isinstance(estimate.value, pd.Series) and estimate.value["early"] == pytest.approx(0.2)
    with pytest.warns(DataQualityWarning):
        gap = curve.at(pd.Series([10.0, np.nan]), nan_policy="propagate")
    assert np.isnan(gap[1]) and gap[0] == curve.at(10)


def test_proportion_propagate_keeps_the_labels() -> None:
    count = pd.Series([65.0, np.nan, 7.0], index=["ARG", "BRA", "CHL"])
    total = pd.Series([100, 80, 50], index=["ARG", "BRA", "CHL"])
    with pytest.warns(DataQualityWarning, match=r"1 of 3 rows .*label 'BRA'"):
        share = proportion(count, total, nan_policy="propagate")
    assert isinstance(share.lower, pd.Series) and np.isnan(share.lower["BRA"])
    assert share.value["ARG"] == 0.65
