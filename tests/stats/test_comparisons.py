"""Risk difference (Newcombe) and risk ratio (Katz): statsmodels as oracle, zero cells, errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.stats import risk_difference, risk_ratio
from tests.conftest import compute

group = st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
levels = st.sampled_from([0.9, 0.95, 0.99])


def test_fagerland_example() -> None:
    """7/34 vs 1/34 (statsmodels test_confint_2indep; Fagerland et al. 2015)."""
    from statsmodels.stats.proportion import confint_proportions_2indep

    rd = risk_difference(7, 34, 1, 34)
    ref = confint_proportions_2indep(7, 34, 1, 34, compare="diff", method="newcomb")
    assert (rd.lower, rd.upper) == pytest.approx(ref, abs=1e-14)
    rr = risk_ratio(7, 34, 1, 34)
    ref = confint_proportions_2indep(7, 34, 1, 34, compare="ratio", method="log")
    assert (rr.lower, rr.upper) == pytest.approx(ref, rel=1e-13)
    assert rr.method == "katz"


@settings(max_examples=50)
@given(group, group, levels)
def test_match_statsmodels(a: tuple[int, int], b: tuple[int, int], level: float) -> None:
    from statsmodels.stats.proportion import confint_proportions_2indep

    rd = risk_difference(*a, *b, confidence=level)
    ref = confint_proportions_2indep(*a, *b, compare="diff", method="newcomb", alpha=1 - level)
    assert rd.lower == pytest.approx(ref[0], abs=1e-10)
    assert rd.upper == pytest.approx(ref[1], abs=1e-10)
    assert -1 <= rd.lower <= rd.value <= rd.upper <= 1
    rr = risk_ratio(*a, *b, confidence=level)
    zero = a[0] == 0 or b[0] == 0
    method = "log-adjusted" if zero else "log"
    ref = confint_proportions_2indep(*a, *b, compare="ratio", method=method, alpha=1 - level)
    assert rr.lower == pytest.approx(ref[0], rel=1e-10)
    assert rr.upper == pytest.approx(ref[1], rel=1e-10)
    assert 0 <= rr.lower <= rr.value <= rr.upper


def test_zero_cells() -> None:
    rd = risk_difference(0, 30, 0, 40)
    assert rd.value == 0 and rd.lower < 0 < rd.upper
    rr = risk_ratio(0, 30, 3, 30)
    assert rr.method.startswith("katz (0.5 added")
    assert rr.value == pytest.approx((0.5 / 30.5) / (3.5 / 30.5))
    both = risk_ratio(0, 30, 0, 30)
    assert both.value == pytest.approx(1.0) and both.lower < 1 < both.upper
    with pytest.raises(InputError, match=r"'count_b': 1 of 2 values are zero.*first at index 1"):
        risk_ratio([1, 2], 30, [3, 0], 30, zero_correction=0)
    assert risk_ratio([1, 2], 30, [3, 1], 30, zero_correction=0).method == "katz"


def test_array_types_agree(array_type: Any) -> None:
    xa, na, xb, nb = [0, 5, 48, 30], [10, 20, 216, 30], [3, 5, 66, 0], [10, 25, 216, 31]
    for func in (risk_difference, risk_ratio):
        expected = func(np.array(xa), np.array(na), np.array(xb), np.array(nb))
        result = func(array_type(xa), array_type(na), array_type(xb), array_type(nb))
        for name in ("value", "lower", "upper"):
            np.testing.assert_allclose(
                compute(getattr(result, name)), getattr(expected, name), rtol=1e-14
            )


def test_scalar_out() -> None:
    assert type(risk_difference(1, 10, 2, 10).value) is float
    assert type(risk_ratio(1, 10, 2, 10).upper) is float


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match=r"'count_a': 1 of 1 values are greater than 'total_a'"):
        risk_difference(11, 10, 1, 10)
    with pytest.raises(InputError, match=r"'total_b': 1 of 2 values are zero or negative"):
        risk_ratio([1, 1], [10, 10], [1, 1], [10, 0])
    with pytest.raises(InputError, match="lengths differ"):
        risk_difference([1, 2], [10, 10], [1, 2, 3], [10, 10, 10])
    with pytest.raises(InputError, match="zero_correction"):
        risk_ratio(1, 10, 1, 10, zero_correction=-1)
    with pytest.raises(InputError, match="method"):
        risk_difference(1, 10, 1, 10, method="wald")


def test_dask_stays_lazy(raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    counts = da.from_array(np.array([0.0, 5.0, 48.0, 30.0]), chunks=2)
    totals = da.from_array(np.array([10.0, 20.0, 216.0, 30.0]), chunks=2)
    with raise_if_dask_computes:
        rd = risk_difference(counts, totals, 3, 40)
        rr = risk_ratio(counts, totals, 3, 40)
    assert hasattr(rd.lower, "dask") and hasattr(rr.upper, "dask")
    np.testing.assert_allclose(
        rr.compute().value, risk_ratio([0, 5, 48, 30], [10, 20, 216, 30], 3, 40).value
    )


def test_risk_ratio_records_which_rows_were_zero_corrected() -> None:
    from dpssec.serialization import from_json, to_json
    from dpssec.stats import Estimate

    r = risk_ratio([0, 7, 3], [34, 34, 30], [1, 1, 0], [34, 34, 30])
    np.testing.assert_array_equal(r.corrected, [True, False, True])
    assert r.to_frame()["corrected"].tolist() == [True, False, True]
    assert risk_ratio(7, 34, 1, 34).corrected is False
    assert risk_ratio(0, 34, 1, 34).corrected is True
    # Without correction nothing is marked; other estimates leave the field empty.
    assert risk_ratio(7, 34, 1, 34, zero_correction=0).corrected is False
    assert risk_difference(7, 34, 1, 34).corrected is None
    assert from_json(to_json(r), Estimate) == r
    assert from_json(to_json(risk_ratio(0, 34, 1, 34)), Estimate).corrected is True
