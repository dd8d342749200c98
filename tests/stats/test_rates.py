"""poisson_rate and proportion: PHE vectors, array types, dask laziness, properties, errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.serialization import from_json, to_json
from dpssec.stats import Estimate, poisson_rate, proportion
from tests.conftest import compute
from tests.stats.conftest import load_rows


@pytest.mark.parametrize("row", load_rows("phe_rates.csv"))
def test_phe_rate_vectors(row: dict) -> None:
    result = poisson_rate(
        row["count"],
        row["population"],
        multiplier=row["multiplier"],
        confidence=row["confidence"],
        method=row["method"],
    )
    assert result.value == pytest.approx(row["value"], rel=1e-12)
    assert result.lower == pytest.approx(row["lower"], rel=1e-9)
    assert result.upper == pytest.approx(row["upper"], rel=1e-9)
    assert result.method == {"Exact": "exact", "Byars": "byar"}[row["phe_method"]]


def test_rate_above_population_is_allowed() -> None:
    result = poisson_rate(150, 100, multiplier=100)
    assert result.value == 150.0


@pytest.mark.parametrize("row", load_rows("phe_proportions.csv"))
def test_phe_proportion_vectors(row: dict) -> None:
    result = proportion(row["count"], row["total"], confidence=row["confidence"])
    assert result.value == pytest.approx(row["count"] / row["total"])
    assert result.lower == pytest.approx(row["lower"], rel=1e-8)
    assert result.upper == pytest.approx(row["upper"], rel=1e-8)
    assert result.method == "wilson"


def test_percentage_multiplier() -> None:
    result = proportion(1, 100, multiplier=100)
    assert result.value == pytest.approx(1.0)
    assert result.lower == pytest.approx(0.17674320641406511, rel=1e-9)


def test_scalar_in_float_out() -> None:
    result = poisson_rate(3, 1000)
    assert all(type(v) is float for v in (result.value, result.lower, result.upper))
    assert result.numerator == 3.0 and result.denominator == 1000.0 and result.multiplier == 1e5


COUNTS = [0, 3, 9, 10, 250]
POPS = [1000, 5000, 20000, 30000, 1_000_000]


def _as_ndarray(result: Estimate) -> np.ndarray:
    return np.array(
        [np.asarray(compute(v), dtype=float) for v in (result.value, result.lower, result.upper)]
    )


@pytest.mark.parametrize("method", ["auto", "exact", "byar"])
def test_rate_array_types_agree(array_type: Any, method: str) -> None:
    expected = _as_ndarray(poisson_rate(np.array(COUNTS), np.array(POPS), method=method))
    result = poisson_rate(array_type(COUNTS), array_type(POPS), method=method)
    np.testing.assert_allclose(_as_ndarray(result), expected, rtol=1e-14)


@pytest.mark.parametrize("method", ["wilson", "clopper-pearson"])
def test_proportion_array_types_agree(array_type: Any, method: str) -> None:
    totals = [10, 10, 20, 50, 300]
    expected = _as_ndarray(proportion(np.array(COUNTS), np.array(totals), method=method))
    result = proportion(array_type(COUNTS), array_type(totals), method=method)
    np.testing.assert_allclose(_as_ndarray(result), expected, rtol=1e-14)


def test_dask_stays_lazy(raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    counts = da.from_array(np.array(COUNTS, dtype=float), chunks=2)
    pops = da.from_array(np.array(POPS, dtype=float), chunks=2)
    with raise_if_dask_computes:
        rate = poisson_rate(counts, pops)
        share = proportion(counts, pops, method="clopper-pearson")
    assert hasattr(rate.value, "dask") and hasattr(share.upper, "dask")
    computed = rate.compute()
    assert isinstance(computed.lower, np.ndarray)
    np.testing.assert_allclose(computed.value, poisson_rate(COUNTS, POPS).value)


def test_dask_errors_raise_on_compute() -> None:
    da = pytest.importorskip("dask.array")
    counts = da.from_array(np.array([1.0, 20.0, 3.0, 40.0]), chunks=2)
    lazy = proportion(counts, 10)
    with pytest.raises(InputError, match="greater than 'total'"):
        lazy.compute()
    with pytest.raises(InputError, match="negative"):
        poisson_rate(da.from_array(np.array([1.0, -2.0]), chunks=1), 10).compute()


@given(
    st.lists(st.integers(0, 5000), min_size=1, max_size=20),
    st.floats(1, 1e7),
    st.sampled_from(["auto", "exact", "byar"]),
    st.sampled_from([0.9, 0.95, 0.998]),
)
def test_rate_bounds_property(
    counts: list[int], population: float, method: str, level: float
) -> None:
    result = poisson_rate(counts, population, method=method, confidence=level)
    assert np.all(result.lower >= 0)
    assert np.all(result.lower <= result.value) and np.all(result.value <= result.upper)


@given(
    st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from(["wilson", "clopper-pearson"]),
)
def test_proportion_bounds_property(xn: tuple[int, int], method: str) -> None:
    result = proportion(*xn, method=method)
    assert 0 <= result.lower <= result.value <= result.upper <= 1


def test_bad_inputs() -> None:
    with pytest.raises(
        InputError,
        match=r"'population': 1 of 3 values are zero or negative \(must be > 0\) \(first at index 2",
    ):
        poisson_rate([1, 2, 3], [10, 10, -1])
    with pytest.raises(InputError, match=r"'count': 1 of 2 values are missing \(NaN\)"):
        poisson_rate([np.nan, 2], 10)
    with pytest.raises(InputError, match="lengths differ"):
        poisson_rate([1, 2, 3], [10, 10])
    with pytest.raises(InputError, match="multiplier"):
        poisson_rate(1, 10, multiplier=0)
    with pytest.raises(InputError, match="method"):
        proportion(1, 10, method="wald")
    with pytest.raises(
        InputError,
        match=r"'count': 1 of 2 values are greater than 'total' \(first at index 0: 11.0 > 10.0\)",
    ):
        proportion([11, 2], 10)


@given(
    st.lists(st.integers(0, 1000), min_size=1, max_size=5),
    st.sampled_from(["auto", "exact"]),
)
def test_estimate_json_round_trip(counts: list[int], method: str) -> None:
    for result in (poisson_rate(counts, 1e4, method=method), poisson_rate(counts[0], 1e4)):
        assert from_json(to_json(result), Estimate) == result


def test_estimate_renders() -> None:
    result = proportion([1, 2], [10, 10])
    frame = result.to_frame()
    assert list(frame.columns) == [
        "value",
        "lower",
        "upper",
        "confidence",
        "method",
        "numerator",
        "denominator",
        "multiplier",
    ]
    assert len(frame) == 2
    assert "<table>" in result._repr_html_()
    assert str(Estimate(1, 0, 2, 0.95, "exact")).startswith("Estimate\n")
