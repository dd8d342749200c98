"""Annual percent change: against statsmodels OLS on ln(rate), properties, bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.prevention import annual_percent_change

# Honduras, UNODC Global Study on Homicide 2013 rates per 100,000, 2000-2012 (shared data,
# series UNODC_GSH2013)
HND_YEARS = np.arange(2000, 2013)
HND_RATES = np.array([50.9, 54.8, 55.8, 61.4, 53.8, 46.6, 44.3, 50.0, 60.8, 70.7, 81.8, 91.4, 90.4])


def test_matches_statsmodels_ols() -> None:
    sm = pytest.importorskip("statsmodels.api")
    fit = sm.OLS(np.log(HND_RATES), sm.add_constant(HND_YEARS.astype(float))).fit()
    low, high = fit.conf_int(alpha=0.05)[1]
    apc = annual_percent_change(HND_YEARS, HND_RATES)
    assert apc.slope == pytest.approx(fit.params[1], rel=1e-10)
    assert apc.standard_error == pytest.approx(fit.bse[1], rel=1e-10)
    assert apc.p_value == pytest.approx(fit.pvalues[1], rel=1e-8)
    assert apc.value == pytest.approx(100 * np.expm1(fit.params[1]), rel=1e-10)
    assert apc.lower == pytest.approx(100 * np.expm1(low), rel=1e-10)
    assert apc.upper == pytest.approx(100 * np.expm1(high), rel=1e-10)
    assert apc.df == 11
    assert apc.method == "log-linear (SEER)"
    assert apc.confidence == 0.95


def test_exact_geometric_series() -> None:
    years = np.arange(2010, 2020)
    apc = annual_percent_change(years, 20 * 0.95 ** (years - 2010))
    assert apc.value == pytest.approx(-5.0, rel=1e-10)
    assert apc.lower == pytest.approx(-5.0, rel=1e-8)
    assert apc.upper == pytest.approx(-5.0, rel=1e-8)


def test_multiplier_does_not_matter() -> None:
    a = annual_percent_change(HND_YEARS, HND_RATES)
    b = annual_percent_change(HND_YEARS, HND_RATES / 1e5)
    assert a.value == pytest.approx(b.value) and a.upper == pytest.approx(b.upper)


def test_many_series_in_one_call() -> None:
    rates = np.vstack([HND_RATES, HND_RATES[::-1], np.full(13, 7.0)])
    apc = annual_percent_change(HND_YEARS, rates, confidence=90)
    assert apc.value.shape == (3,)
    single = annual_percent_change(HND_YEARS, HND_RATES[::-1], confidence=0.9)
    assert apc.value[1] == pytest.approx(single.value)
    assert apc.lower[1] == pytest.approx(single.lower)
    assert apc.value[2] == pytest.approx(0.0, abs=1e-12)


@given(
    rates=st.lists(st.floats(0.1, 1000), min_size=3, max_size=15),
    confidence=st.sampled_from([0.9, 0.95, 0.99]),
)
def test_interval_contains_value(rates: list[float], confidence: float) -> None:
    apc = annual_percent_change(np.arange(len(rates)), rates, confidence=confidence)
    assert apc.lower <= apc.value + 1e-9
    assert apc.value <= apc.upper + 1e-9


def test_scalar_and_array_results() -> None:
    apc = annual_percent_change(HND_YEARS, HND_RATES)
    assert isinstance(apc.value, float) and isinstance(apc.slope, float)


def test_array_types(array_type: Any) -> None:
    from tests.conftest import compute

    expected = annual_percent_change(HND_YEARS, HND_RATES)
    apc = annual_percent_change(array_type(HND_YEARS), array_type(HND_RATES))
    assert float(compute(apc.value)) == pytest.approx(expected.value)
    assert float(compute(apc.upper)) == pytest.approx(expected.upper)


@pytest.mark.parametrize(
    ("years", "rates", "message"),
    [
        ([2000, 2001, 2002], [1.0, 0.0, 2.0], "'rates': 1 of 3 values are zero or negative"),
        ([2000, 2001, 2002], [1.0, np.nan, 2.0], "'rates': 1 of 3 values are missing \\(NaN\\)"),
        ([2000, 2001], [1.0, 2.0], "at least 3 years"),
        ([2000, 2001, 2001], [1.0, 2.0, 3.0], "repeated years"),
        ([2000, 2001, 2002], [1.0, 2.0], "lengths differ"),
        ([[2000, 2001, 2002]], [1.0, 2.0, 3.0], "'years' takes a 1-D sequence"),
    ],
)
def test_bad_input(years: Any, rates: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        annual_percent_change(years, rates)
