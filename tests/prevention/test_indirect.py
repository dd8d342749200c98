"""Indirect standardisation: the PHE areas against the formula and PHStatsMethods."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.prevention import indirectly_standardised_rate, indirectly_standardised_ratio


def _by_hand(
    observed: float, n: np.ndarray, ref: dict[str, np.ndarray], conf: float
) -> tuple[float, float, float, float]:
    """prevention.md §5 written out: E, and the exact (O < 10) or Byar (O >= 10) limits of O."""
    from scipy.stats import chi2, norm

    expected = float(np.sum(ref["counts"] / ref["populations"] * n))
    if observed < 10:
        lower = chi2.ppf((1 - conf) / 2, 2 * observed) / 2 if observed > 0 else 0.0
        upper = chi2.ppf(conf + (1 - conf) / 2, 2 * observed + 2) / 2
    else:
        z = norm.ppf(conf + (1 - conf) / 2)
        lower = observed * (1 - 1 / (9 * observed) - z / (3 * np.sqrt(observed))) ** 3
        o1 = observed + 1
        upper = o1 * (1 - 1 / (9 * o1) + z / (3 * np.sqrt(o1))) ** 3
    return expected, observed / expected, lower / expected, upper / expected


@pytest.mark.parametrize("area", ["big", "small", "tiny"])
def test_phe_areas_ratio(
    area: str, phe_multiarea: dict[str, Any], phe_reference: dict[str, np.ndarray]
) -> None:
    """prevention.md §9.2: areas big (O = 895), small (O = 91), tiny (O = 9, exact)."""
    n = phe_multiarea["population"]
    counts = phe_multiarea.get(area)
    observed = 9.0 if counts is None else float(np.sum(counts))
    smr = indirectly_standardised_ratio(
        observed if counts is None else counts,
        n,
        phe_reference["counts"],
        phe_reference["populations"],
    )
    expected, value, lower, upper = _by_hand(observed, n, phe_reference, 0.95)
    assert smr.denominator == pytest.approx(expected, rel=1e-13)
    assert smr.numerator == observed
    assert smr.value == pytest.approx(value, rel=1e-13)
    assert smr.lower == pytest.approx(lower, rel=1e-10)
    assert smr.upper == pytest.approx(upper, rel=1e-10)
    assert smr.method == ("exact" if observed < 10 else "byar")
    isr = indirectly_standardised_rate(
        observed, n, phe_reference["counts"], phe_reference["populations"]
    )
    ref_rate = phe_reference["counts"].sum() / phe_reference["populations"].sum() * 1e5
    assert isr.value == pytest.approx(value * ref_rate, rel=1e-13)
    assert isr.upper == pytest.approx(upper * ref_rate, rel=1e-10)


def test_agrees_with_phstatsmethods(
    phe_multiarea: dict[str, Any], phe_reference: dict[str, np.ndarray]
) -> None:
    pd = pytest.importorskip("pandas")
    ph = pytest.importorskip("PHStatsMethods")
    frame = pd.DataFrame(
        {
            "area": ["big"] * 19 + ["small"] * 19,
            "count": np.concatenate([phe_multiarea["big"], phe_multiarea["small"]]),
            "pop": np.concatenate([phe_multiarea["population"]] * 2),
            "ref_count": np.concatenate([phe_reference["counts"]] * 2),
            "ref_pop": np.concatenate([phe_reference["populations"]] * 2),
        }
    )
    counts = np.vstack([phe_multiarea["big"], phe_multiarea["small"]])
    pops = np.vstack([phe_multiarea["population"]] * 2)
    ratio = ph.ph_ISRatio(frame, "count", "pop", "ref_count", "ref_pop", group_cols="area")
    ours = indirectly_standardised_ratio(
        counts, pops, phe_reference["counts"], phe_reference["populations"]
    )
    np.testing.assert_allclose(ours.value, ratio["Value"], rtol=1e-12)
    np.testing.assert_allclose(ours.lower, ratio["lower_95_ci"], rtol=1e-10)
    np.testing.assert_allclose(ours.upper, ratio["upper_95_ci"], rtol=1e-10)
    rate = ph.ph_ISRate(frame, "count", "pop", "ref_count", "ref_pop", group_cols="area")
    ours_rate = indirectly_standardised_rate(
        counts, pops, phe_reference["counts"], phe_reference["populations"]
    )
    np.testing.assert_allclose(ours_rate.value, rate["Value"], rtol=1e-12)
    np.testing.assert_allclose(ours_rate.lower, rate["lower_95_ci"], rtol=1e-10)


def test_totals_and_age_split_agree(
    phe_multiarea: dict[str, Any], phe_reference: dict[str, np.ndarray]
) -> None:
    counts = np.vstack([phe_multiarea["big"], phe_multiarea["small"]])
    pops = np.vstack([phe_multiarea["population"]] * 2)
    split = indirectly_standardised_ratio(
        counts, pops, phe_reference["counts"], phe_reference["populations"]
    )
    totals = indirectly_standardised_ratio(
        counts.sum(axis=1), pops, phe_reference["counts"], phe_reference["populations"]
    )
    assert split == totals
    assert split.method == "byar"


def test_refvalue_scales() -> None:
    smr = indirectly_standardised_ratio(20, [1000, 2000], [1, 2], [100, 200], refvalue=100)
    assert smr.value == pytest.approx(20 / 30 * 100)
    assert smr.multiplier == 100


@given(observed=st.integers(0, 2000), scale=st.floats(0.1, 10))
def test_interval_contains_value(observed: int, scale: float) -> None:
    smr = indirectly_standardised_ratio(observed, [1000.0 * scale, 500.0], [10, 20], [1000, 1000])
    assert smr.lower <= smr.value <= smr.upper


@pytest.mark.parametrize(
    ("observed", "pops", "ref_x", "ref_n", "message"),
    [
        ([1, 2, 3], [[10, 10]], [1, 1], [10, 10], "must have the shape of populations"),
        (
            [1, 2, 3],
            [10, 10],
            [1, 1],
            [10, 10],
            r"^'counts_or_total' has a different number of age bands from the others \(2\)",
        ),
        # the short array is named, not the first array compared with it
        (
            5,
            [10, 10],
            [1, 1, 1],
            [10, 10, 10],
            r"^'populations' has a different number of age bands from the others \(3\): "
            "populations has 2, reference_counts has 3, reference_populations has 3",
        ),
        (5, [10, 10, 10], [1, 1], [10, 10, 10], r"^'reference_counts' has a different number"),
        (5, [10, 10, 10], [1, 1, 1], [10, 10], r"^'reference_populations' has a different"),
        (
            [[1, 1, 1]],
            [[10, 10]],
            [1, 1],
            [10, 10],
            r"^'counts_or_total' has a different number of age bands",
        ),
        (5, [10, 10, 10], [1, 1], [10], "different numbers of age bands: populations has 3, "),
        (5, [10, 10], [[1, 1]], [10, 10], "'reference_counts' takes a 1-D sequence"),
        (5, [10, 10], [1, 1], [10, 0], "'reference_populations': 1 of 2 values are zero"),
        (-1, [10, 10], [1, 1], [10, 10], "'counts_or_total': 1 of 1 values are negative"),
        (5, [10, 10], [0, 0], [10, 10], "expected count is 0"),
        (5, [[[10]]], [1], [10], "'populations' takes a 1-D sequence or a 2-D table"),
    ],
)
def test_bad_input(observed: Any, pops: Any, ref_x: Any, ref_n: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        indirectly_standardised_ratio(observed, pops, ref_x, ref_n)


def test_array_types(
    array_type: Any, phe_multiarea: dict[str, Any], phe_reference: dict[str, np.ndarray]
) -> None:
    from tests.conftest import compute

    totals = [895.0, 91.0, 9.0]
    pops = np.vstack([phe_multiarea["population"]] * 3)
    expected = indirectly_standardised_ratio(
        np.array(totals), pops, phe_reference["counts"], phe_reference["populations"]
    )
    got = indirectly_standardised_ratio(
        array_type(totals), pops, phe_reference["counts"], phe_reference["populations"]
    )
    np.testing.assert_allclose(compute(got.value), expected.value, rtol=1e-13)
    np.testing.assert_allclose(compute(got.upper), expected.upper, rtol=1e-13)
