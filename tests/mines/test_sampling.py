"""Post-clearance QC sampling (dpssec.mines.sampling).

Reference values: mines.md §2.4 (VERIFIED, recomputed independently with scipy): the c = 0
sample-size table, the binomial OC values for n = 50, and the inputs of the hypergeometric
and area-model cases, whose expected values are computed here from exact closed forms
(``math.comb``, integer powers), independently of scipy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.mines import (
    ResidualRisk,
    acceptance_probability,
    area_acceptance_probability,
    residual_risk,
    zero_acceptance_sample_size,
)
from dpssec.mines.sampling import IMAS_09_20_REFERENCE, zero_find_upper_bound
from tests.conftest import compute

# mines.md §2.4: rows p_LQ, columns beta = 0.10, 0.05, 0.01.
SAMPLE_SIZE_TABLE = {
    0.001: (2302, 2995, 4603),
    0.005: (460, 598, 919),
    0.01: (230, 299, 459),
    0.02: (114, 149, 228),
    0.05: (45, 59, 90),
}
BETAS = (0.10, 0.05, 0.01)

# mines.md §2.4: binomial OC, n = 50.
OC_RATES = (0.005, 0.01, 0.02, 0.05)
OC_C0 = (0.778, 0.605, 0.364, 0.077)
OC_C1 = (0.974, 0.911, 0.736, 0.279)


@pytest.mark.parametrize("limiting_quality", sorted(SAMPLE_SIZE_TABLE))
def test_zero_acceptance_sample_size_table(limiting_quality: float) -> None:
    for beta, expected in zip(BETAS, SAMPLE_SIZE_TABLE[limiting_quality], strict=True):
        n = zero_acceptance_sample_size(limiting_quality, beta)
        assert n == expected
        assert isinstance(n, int)
        # The definition: the smallest n with (1 - p)^n <= beta.
        assert (1 - limiting_quality) ** n <= beta < (1 - limiting_quality) ** (n - 1)


def test_zero_acceptance_sample_size_vectorised(array_type: Callable[[Any], Any]) -> None:
    rates = sorted(SAMPLE_SIZE_TABLE)
    result = np.asarray(compute(zero_acceptance_sample_size(array_type(rates), 0.05)))
    assert result.tolist() == [SAMPLE_SIZE_TABLE[p][1] for p in rates]


def test_zero_acceptance_exact_quotient_is_not_rounded_up() -> None:
    # (1 - 0.5)^2 = 0.25 exactly: two samples suffice.
    assert zero_acceptance_sample_size(0.5, 0.25) == 2
    assert zero_acceptance_sample_size(1.0, 0.05) == 1


@settings(max_examples=50, deadline=None)
@given(p=st.floats(1e-4, 0.9), beta=st.floats(1e-4, 0.9))
def test_zero_acceptance_sample_size_is_minimal(p: float, beta: float) -> None:
    n = zero_acceptance_sample_size(p, beta)
    assert acceptance_probability(n, 0, p) <= beta * (1 + 1e-9)
    if n > 1:
        assert acceptance_probability(n - 1, 0, p) > beta * (1 - 1e-9)


@pytest.mark.parametrize(("c", "expected"), [(0, OC_C0), (1, OC_C1)])
def test_binomial_oc_values(c: int, expected: tuple[float, ...]) -> None:
    result = acceptance_probability(50, c, list(OC_RATES))
    np.testing.assert_allclose(result, expected, atol=5e-4)
    for p, value in zip(OC_RATES, result, strict=True):
        exact = sum(math.comb(50, d) * p**d * (1 - p) ** (50 - d) for d in range(c + 1))
        assert value == pytest.approx(exact, rel=1e-12)


def test_binomial_oc_array_types(array_type: Callable[[Any], Any]) -> None:
    result = np.asarray(compute(acceptance_probability(50, 0, array_type(list(OC_RATES)))))
    np.testing.assert_allclose(result, OC_C0, atol=5e-4)


def test_scalar_in_scalar_out() -> None:
    value = acceptance_probability(50, 0, 0.01)
    assert isinstance(value, float)
    assert isinstance(area_acceptance_probability(3, 0.1, 0.9), float)
    assert isinstance(acceptance_probability(40, 0, 0.0025, lot_size=400), float)


@pytest.mark.parametrize("defectives", [1, 3, 5, 10])
def test_hypergeometric_oc(defectives: int) -> None:
    """N = 400 sub-plots, n = 40 inspected, c = 0 (mines.md §2.4)."""
    exact = math.comb(400 - defectives, 40) / math.comb(400, 40)
    value = acceptance_probability(40, 0, defectives / 400, lot_size=400)
    assert value == pytest.approx(exact, rel=1e-10)
    # Sampling without replacement accepts less often than the binomial approximation.
    assert value < acceptance_probability(40, 0, defectives / 400)


def test_hypergeometric_with_acceptance_number() -> None:
    n_lot, n, d = 400, 40, 10
    exact = sum(
        math.comb(d, k) * math.comb(n_lot - d, n - k) / math.comb(n_lot, n) for k in range(3)
    )
    assert acceptance_probability(n, 2, d / n_lot, lot_size=n_lot) == pytest.approx(exact)


@pytest.mark.parametrize("items", [1, 3, 5, 10])
def test_area_model(items: int) -> None:
    """f = 0.10 searched, q = 0.9 detection (mines.md §2.4): (1 - f q)^K."""
    assert area_acceptance_probability(items, 0.10, 0.9) == pytest.approx(0.91**items, rel=1e-12)
    assert area_acceptance_probability(
        items, 0.10, 0.9, items_distribution="poisson"
    ) == pytest.approx(math.exp(-items * 0.09), rel=1e-12)


def test_area_model_array_types_stay_lazy(
    array_type: Callable[[Any], Any], raise_if_dask_computes: Any
) -> None:
    items = array_type([1, 3, 5, 10])
    with raise_if_dask_computes:
        result = area_acceptance_probability(items, 0.10, 0.9)
    np.testing.assert_allclose(np.asarray(compute(result)), 0.91 ** np.array([1, 3, 5, 10]))


def test_residual_risk() -> None:
    risk = residual_risk(100, 0.99, 0.10, 0.9)
    assert isinstance(risk, ResidualRisk)
    assert risk.expected_after_clearance == pytest.approx(1.0)
    assert risk.expected_remaining == pytest.approx(100 * 0.01 * (1 - 0.09))
    assert risk.probability_any_remaining == pytest.approx(1 - math.exp(-0.91))
    assert risk.inspection_acceptance == pytest.approx(math.exp(-0.09))
    no_inspection = residual_risk(100, 0.99, 0.0, 0.9)
    assert no_inspection.expected_remaining == pytest.approx(1.0)
    arrays = residual_risk([10, 100], 0.99, [0.0, 0.1], 0.9)
    np.testing.assert_allclose(arrays.expected_remaining, [0.1, 0.91])
    assert "expected_remaining" in str(arrays)


def test_zero_find_upper_bound_and_rule_of_three() -> None:
    bound = zero_find_upper_bound(299)
    assert (1 - bound) ** 299 == pytest.approx(0.05)
    assert zero_find_upper_bound(1000) == pytest.approx(3 / 1000, rel=0.01)
    assert zero_find_upper_bound(100, confidence=99) == pytest.approx(1 - 0.01 ** (1 / 100))


def test_imas_tables_are_flagged_unverified() -> None:
    assert not IMAS_09_20_REFERENCE.verified


class TestBadInput:
    def test_probabilities_outside_unit_interval(self) -> None:
        with pytest.raises(InputError, match=r"'defect_rate'.*above 1"):
            acceptance_probability(50, 0, 1.5)
        with pytest.raises(InputError, match=r"'fraction_searched'.*negative"):
            area_acceptance_probability(3, -0.1, 0.9)
        with pytest.raises(InputError, match="'detection_probability'"):
            residual_risk(10, 0.9, 0.1, 2.0)
        with pytest.raises(InputError, match="'clearance_detection'"):
            residual_risk(10, -0.9, 0.1, 0.5)
        with pytest.raises(InputError, match=r"'consumer_risk'.*zero or negative"):
            zero_acceptance_sample_size(0.01, 0.0)
        with pytest.raises(InputError, match=r"'limiting_quality'.*above 1"):
            zero_acceptance_sample_size(5, 0.05)

    def test_counts(self) -> None:
        with pytest.raises(InputError, match=r"'sample_size'.*whole"):
            acceptance_probability(50.5, 0, 0.01)
        with pytest.raises(InputError, match=r"'sample_size'.*zero or negative"):
            acceptance_probability(0, 0, 0.01)
        with pytest.raises(InputError, match=r"'acceptance_number'.*negative"):
            acceptance_probability(50, -1, 0.01)
        with pytest.raises(InputError, match=r"exceed 'sample_size'.*were the arguments swapped"):
            acceptance_probability(5, 50, 0.01)
        with pytest.raises(InputError, match=r"'items'.*negative"):
            area_acceptance_probability(-1, 0.1, 0.9)
        with pytest.raises(InputError, match=r"'items'.*whole"):
            area_acceptance_probability(2.5, 0.1, 0.9)
        assert area_acceptance_probability(2.5, 0.1, 0.9, items_distribution="poisson") > 0
        with pytest.raises(InputError, match=r"'expected_items'.*negative"):
            residual_risk(-1, 0.9, 0.1, 0.5)

    def test_lot_size(self) -> None:
        with pytest.raises(InputError, match="whole number of defective"):
            acceptance_probability(40, 0, 0.01, lot_size=250)
        with pytest.raises(InputError, match="'sample_size': 1 of 1 values exceed 'lot_size'"):
            acceptance_probability(40, 0, 0.1, lot_size=30)
        with pytest.raises(InputError, match=r"'lot_size'.*whole"):
            acceptance_probability(40, 0, 0.1, lot_size=400.5)

    def test_shapes_and_options(self) -> None:
        with pytest.raises(InputError, match="lengths differ: sample_size has 2 values"):
            acceptance_probability([50, 60], 0, [0.1, 0.2, 0.3])
        with pytest.raises(InputError, match="items_distribution"):
            area_acceptance_probability(3, 0.1, 0.9, items_distribution="binomial")
        with pytest.raises(InputError, match="NaN"):
            zero_acceptance_sample_size(np.nan, 0.05)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 300),
    c=st.integers(0, 5),
    p=st.floats(0.0, 1.0),
    q=st.floats(0.0, 1.0),
)
def test_oc_curve_properties(n: int, c: int, p: float, q: float) -> None:
    """P_a lies in [0, 1], falls as the defect rate rises and rises with the acceptance number."""
    c = min(c, n)
    low, high = min(p, q), max(p, q)
    at_low = acceptance_probability(n, c, low)
    at_high = acceptance_probability(n, c, high)
    assert 0.0 <= at_high <= at_low + 1e-12 <= 1.0 + 1e-12
    if c < n:
        assert acceptance_probability(n, c + 1, high) >= at_high - 1e-12
    assert acceptance_probability(n, c, 0.0) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(
    items=st.integers(0, 50),
    f=st.floats(0.0, 1.0),
    q=st.floats(0.0, 1.0),
    lam0=st.floats(0.0, 1e4),
    qc=st.floats(0.0, 1.0),
)
def test_area_and_residual_bounds(items: int, f: float, q: float, lam0: float, qc: float) -> None:
    accept = area_acceptance_probability(items, f, q)
    assert 0.0 <= accept <= 1.0
    assert area_acceptance_probability(items + 1, f, q) <= accept + 1e-15
    risk = residual_risk(lam0, qc, f, q)
    assert 0.0 <= risk.expected_remaining <= risk.expected_after_clearance + 1e-12
    assert risk.expected_after_clearance <= lam0 + 1e-9
    assert 0.0 <= risk.probability_any_remaining <= 1.0
