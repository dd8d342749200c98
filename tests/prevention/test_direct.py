"""Directly standardised rates: PHE vectors, Dobson vs Fay-Feuer, properties, bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention import STANDARD_POPULATIONS, directly_standardised_rate
from tests.conftest import compute
from tests.prevention.conftest import load_rows


@pytest.mark.parametrize(
    "row", load_rows("phe_dsr_results.csv"), ids=lambda r: f"{r['confidence']}"
)
def test_phe_big_area(phe_multiarea: dict[str, Any], row: dict[str, Any]) -> None:
    """prevention.md §9.1: PHEindicatormethods calculate_dsr, area "big" (Dobson)."""
    dsr = directly_standardised_rate(
        phe_multiarea["big"],
        phe_multiarea["population"],
        "esp2013",
        multiplier=row["multiplier"],
        confidence=row["confidence"],
    )
    assert dsr.numerator == row["observed"]
    assert dsr.value == pytest.approx(row["value"], rel=1e-12)
    assert dsr.lower == pytest.approx(row["lower"], rel=1e-12)
    assert dsr.upper == pytest.approx(row["upper"], rel=1e-12)
    assert dsr.method == "dobson"
    assert dsr.suppressed is False


def test_tiny_area_suppressed_with_na_count(phe_multiarea: dict[str, Any]) -> None:
    """prevention.md §9.1: "tiny" (O = 9, one NA count) -> NA; NA counts count as 0 (PHE)."""
    counts = np.zeros(19)
    counts[[0, 3, 7]] = [4, 3, 2]
    counts[5] = np.nan
    with pytest.raises(InputError, match="NaN"):
        directly_standardised_rate(counts, phe_multiarea["population"], "esp2013")
    with pytest.warns(DataQualityWarning, match="1 of 19 counts are missing"):
        dsr = directly_standardised_rate(
            counts, phe_multiarea["population"], "esp2013", nan_policy="omit"
        )
    assert dsr.numerator == 9
    assert dsr.suppressed is True
    assert np.isnan([dsr.value, dsr.lower, dsr.upper]).all()
    assert dsr.suppression_rule == "count < 10"
    with pytest.warns(DataQualityWarning):
        kept = directly_standardised_rate(
            counts,
            phe_multiarea["population"],
            "esp2013",
            nan_policy="omit",
            keep_suppressed_values=True,
        )
    assert kept.suppressed is True
    assert np.isfinite(kept.value)


def test_many_areas_in_one_call(phe_multiarea: dict[str, Any]) -> None:
    counts = np.vstack([phe_multiarea["big"], phe_multiarea["small"]])
    pops = np.vstack([phe_multiarea["population"]] * 2)
    both = directly_standardised_rate(counts, pops, "esp2013")
    for i, name in enumerate(["big", "small"]):
        one = directly_standardised_rate(
            phe_multiarea[name], phe_multiarea["population"], "esp2013"
        )
        assert both.value[i] == pytest.approx(one.value, rel=1e-14)
        assert both.lower[i] == pytest.approx(one.lower, rel=1e-14)
    assert both.numerator.tolist() == [895, 91]
    assert both.denominator.tolist() == [8970, 8970]


def test_agrees_with_phstatsmethods(phe_multiarea: dict[str, Any]) -> None:
    """PHStatsMethods ph_dsr (Dobson) on both PHE areas, as an independent implementation."""
    pd = pytest.importorskip("pandas")
    ph = pytest.importorskip("PHStatsMethods")
    esp = STANDARD_POPULATIONS["esp2013"]
    frame = pd.DataFrame(
        {
            "area": ["big"] * 19 + ["small"] * 19,
            "count": np.concatenate([phe_multiarea["big"], phe_multiarea["small"]]),
            "pop": np.concatenate([phe_multiarea["population"]] * 2),
            "esp": list(esp.counts) * 2,
        }
    )
    theirs = ph.ph_dsr(frame, "count", "pop", "esp", group_cols="area", euro_standard_pops=False)
    ours = directly_standardised_rate(
        np.vstack([phe_multiarea["big"], phe_multiarea["small"]]),
        np.vstack([phe_multiarea["population"]] * 2),
        "esp2013",
    )
    np.testing.assert_allclose(ours.value, theirs["Value"], rtol=1e-12)
    np.testing.assert_allclose(ours.lower, theirs["lower_95_ci"], rtol=1e-12)
    np.testing.assert_allclose(ours.upper, theirs["upper_95_ci"], rtol=1e-12)


def _fay_feuer_by_hand(
    x: np.ndarray, n: np.ndarray, std: np.ndarray, conf: float
) -> tuple[float, float, float]:
    """epitools ageadjust.direct, written out with scipy.stats.gamma (prevention.md §4)."""
    from scipy.stats import gamma

    w = std / std.sum()
    rate = x / n
    dsr = float(np.sum(w * rate))
    var = float(np.sum(w**2 * x / n**2))
    wm = float(np.max(w / n))
    alpha = 1 - conf
    lower = gamma.ppf(alpha / 2, dsr**2 / var, scale=var / dsr)
    upper = gamma.ppf(
        1 - alpha / 2, (dsr + wm) ** 2 / (var + wm**2), scale=(var + wm**2) / (dsr + wm)
    )
    return dsr, float(lower), float(upper)


def test_fay_feuer_matches_the_epitools_formula(phe_multiarea: dict[str, Any]) -> None:
    std = np.asarray(STANDARD_POPULATIONS["esp2013"].counts)
    for name in ("big", "small"):
        x, n = phe_multiarea[name], phe_multiarea["population"]
        ff = directly_standardised_rate(x, n, "esp2013", method="fay-feuer", multiplier=1)
        dsr, lower, upper = _fay_feuer_by_hand(x, n, std, 0.95)
        assert ff.value == pytest.approx(dsr, rel=1e-12)
        assert ff.lower == pytest.approx(lower, rel=1e-9)
        assert ff.upper == pytest.approx(upper, rel=1e-9)
        assert ff.method == "fay-feuer"


def test_dobson_and_fay_feuer_are_distinct_and_ff_conservative_with_zero_stratum() -> None:
    """prevention.md §4/§9.3: a small stratum with 0 events makes Fay-Feuer conservative."""
    x = np.array([30.0, 25.0, 0.0])
    n = np.array([20000.0, 15000.0, 327.0])
    std = [1.0, 1.0, 1.0]
    dobson = directly_standardised_rate(x, n, std)
    ff = directly_standardised_rate(x, n, std, method="fay-feuer")
    assert dobson.value == pytest.approx(ff.value)
    assert ff.upper > dobson.upper
    assert ff.upper - ff.value > 2 * (dobson.upper - dobson.value)


def test_non_independent_events() -> None:
    """PHE 2.1.0: persons by event frequency; O = Σ f·x_f, var = Σ f²·var_f."""
    x_persons = np.array([[10.0, 20.0, 30.0], [5.0, 2.0, 1.0]])  # frequencies 1 and 3
    n = np.array([1000.0, 2000.0, 1500.0])
    std = [2.0, 3.0, 1.0]
    freq = [1, 3]
    est = directly_standardised_rate(x_persons, n, std, event_frequencies=freq, min_count=0)
    events = x_persons[0] + 3 * x_persons[1]
    w = np.asarray(std) / 6
    assert est.numerator == events.sum()
    assert est.value == pytest.approx(np.sum(w * events / n) * 1e5)
    # all persons with one event: identical to independent events
    one = directly_standardised_rate(x_persons[:1], n, std, event_frequencies=[1], min_count=0)
    plain = directly_standardised_rate(x_persons[0], n, std, min_count=0)
    assert one.value == pytest.approx(plain.value)
    assert one.lower == pytest.approx(plain.lower)
    # the extra variance of repeated events widens the interval compared with independent events
    indep = directly_standardised_rate(events, n, std, min_count=0)
    assert indep.value == pytest.approx(est.value)
    assert est.upper - est.value > indep.upper - indep.value
    with pytest.raises(InputError, match="method='dobson'"):
        directly_standardised_rate(x_persons, n, std, event_frequencies=freq, method="fay-feuer")
    with pytest.raises(InputError, match="frequencies"):
        directly_standardised_rate(x_persons, n, std, event_frequencies=[1, 2, 3])


@given(
    rate=st.floats(1e-4, 0.05),
    pops=st.lists(st.integers(500, 100_000), min_size=19, max_size=19),
)
def test_identical_age_specific_rates_give_that_rate(rate: float, pops: list[int]) -> None:
    n = np.asarray(pops, dtype=float)
    est = directly_standardised_rate(rate * n, n, "esp2013", min_count=0)
    assert est.value == pytest.approx(rate * 1e5, rel=1e-10)
    assert est.lower <= est.value <= est.upper


@given(
    counts=st.lists(st.integers(0, 400), min_size=19, max_size=19),
    method=st.sampled_from(["dobson", "fay-feuer"]),
    confidence=st.sampled_from([0.9, 0.95, 0.998]),
)
def test_intervals_contain_the_value(counts: list[int], method: str, confidence: float) -> None:
    n = np.linspace(300, 3000, 19)
    est = directly_standardised_rate(
        counts,
        n,
        "esp2013",
        method=method,
        confidence=confidence,
        min_count=1,
        keep_suppressed_values=True,
    )
    if sum(counts) >= 1:
        assert est.lower <= est.value + 1e-9
        assert est.value <= est.upper + 1e-9
        assert est.lower >= 0


def test_age_bands_by_label_reorders(phe_multiarea: dict[str, Any]) -> None:
    order = np.arange(19)[::-1]
    bands = [phe_multiarea["bands"][i] for i in order]
    reordered = directly_standardised_rate(
        phe_multiarea["big"][order], phe_multiarea["population"][order], "esp2013", age_bands=bands
    )
    plain = directly_standardised_rate(phe_multiarea["big"], phe_multiarea["population"], "esp2013")
    assert reordered.value == pytest.approx(plain.value, rel=1e-14)


def test_bands_not_matching_the_standard_name_the_bands(phe_multiarea: dict[str, Any]) -> None:
    x, n = phe_multiarea["big"][:18], phe_multiarea["population"][:18]
    with pytest.raises(InputError, match=r"has 18 age bands but standard 'esp2013' has 19 \(0-4"):
        directly_standardised_rate(x, n, "esp2013")
    labels = [*phe_multiarea["bands"][:17], "85+"]
    with pytest.raises(
        InputError, match=r"missing from the data: 85-89, 90\+; not in the standard: 85\+"
    ):
        directly_standardised_rate(x, n, "esp2013", age_bands=labels)
    collapsed = STANDARD_POPULATIONS["esp2013"].collapse_from("85-89")
    ok = directly_standardised_rate(x, n, collapsed, age_bands=labels)
    assert np.isfinite(ok.value)


@pytest.mark.parametrize(
    ("counts", "pops", "message"),
    [
        ([1, -2, 3], [10, 10, 10], r"'counts': 1 of 3 values are negative \(first at index 1"),
        (
            [1, 2, 3],
            [10, 0, 10],
            r"'populations': 1 of 3 values are zero or negative .*first at index 1: 0",
        ),
        ([1, 2, 3], [10, np.nan, 10], r"'populations': 1 of 3 values are missing"),
        ([[1, 2, 3], [1, 2, 3]], [[1, 1, 1], [1, 1, -1]], r"first at row 1, column 2"),
        ([1, 2, 3], [[1, 1, 1], [1, 1, 1]], "shapes differ"),
        (5, 10, "'counts' takes a 1-D sequence or a 2-D table"),
    ],
)
def test_bad_input(counts: Any, pops: Any, message: str) -> None:
    std = {"a": 1, "b": 1, "c": 1}
    with pytest.raises(InputError, match=message):
        directly_standardised_rate(counts, pops, std)


def test_bad_options() -> None:
    with pytest.raises(InputError, match="parameter 'method': 'gamma' is not one of"):
        directly_standardised_rate([1, 2], [3, 4], [1, 1], method="gamma")
    with pytest.raises(InputError, match="min_count"):
        directly_standardised_rate([1, 2], [3, 4], [1, 1], min_count=-1)
    with pytest.raises(InputError, match="multiplier"):
        directly_standardised_rate([1, 2], [3, 4], [1, 1], multiplier=0)


def test_scalar_and_array_outputs(phe_multiarea: dict[str, Any]) -> None:
    one = directly_standardised_rate(phe_multiarea["big"], phe_multiarea["population"], "esp2013")
    assert isinstance(one.value, float)
    assert isinstance(one.suppressed, bool)
    many = directly_standardised_rate(
        [phe_multiarea["big"]], [phe_multiarea["population"]], "esp2013"
    )
    assert isinstance(many.value, np.ndarray)
    assert many.value.shape == (1,)


def test_dask_input_stays_lazy(phe_multiarea: dict[str, Any], raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    counts = np.vstack([phe_multiarea["big"], phe_multiarea["small"]] * 2)
    pops = np.vstack([phe_multiarea["population"]] * 4)
    expected = directly_standardised_rate(counts, pops, "esp2013")
    with raise_if_dask_computes:
        lazy = directly_standardised_rate(
            da.from_array(counts, chunks=(2, 19)), da.from_array(pops, chunks=(2, 19)), "esp2013"
        )
    np.testing.assert_allclose(compute(lazy.value), expected.value, rtol=1e-14)
    np.testing.assert_allclose(compute(lazy.upper), expected.upper, rtol=1e-14)


def test_reference_carries_the_standard_and_its_status() -> None:
    est = directly_standardised_rate(np.full(21, 20.0), np.full(21, 1000.0), "who2000")
    assert est.reference is not None
    assert not est.reference.verified
    assert "who2000" in est.reference.clause


def test_dobson_zero_count_suppression_records_its_reason() -> None:
    """With min_count=0 no rule is set, yet Dobson still suppresses O = 0: the result says why."""
    pops = np.full((2, 19), 1000.0)
    counts = np.vstack([np.zeros(19), np.full(19, 2.0)])
    dsr = directly_standardised_rate(counts, pops, "esp2013", min_count=0)
    assert dsr.suppressed.tolist() == [True, False]
    assert dsr.suppression_rule == "total count is 0 (Dobson interval undefined)"
    assert directly_standardised_rate(counts, pops, "esp2013").suppression_rule == "count < 10"
    ff = directly_standardised_rate(counts, pops, "esp2013", min_count=0, method="fay-feuer")
    assert ff.suppressed.tolist() == [False, False] and ff.suppression_rule == ""
