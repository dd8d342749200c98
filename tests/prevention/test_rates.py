"""crime_rate: PHE rate vectors, suppression flags, grouped sums, array types, bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec import prevention
from dpssec.errors import InputError
from dpssec.prevention import SUPPRESSION_RULES, crime_rate
from tests.conftest import compute
from tests.prevention.conftest import load_rows


@pytest.mark.parametrize(
    "row",
    load_rows("phe_rates.csv"),
    ids=lambda r: f"{r['count']:g}/{r['population']:g}@{r['confidence']}",
)
def test_phe_rates(row: dict[str, Any]) -> None:
    """statistics.md §8.2: PHEindicatormethods phe_rate (exact below 10, Byar from 10)."""
    r = crime_rate(
        row["count"], row["population"], multiplier=row["multiplier"], confidence=row["confidence"]
    )
    assert r.value == pytest.approx(row["value"], rel=1e-12)
    assert r.lower == pytest.approx(row["lower"], rel=1e-9)
    assert r.upper == pytest.approx(row["upper"], rel=1e-9)
    assert r.method == row["method"]
    assert r.suppressed is False


def test_suppression_flags_and_keeps_rows() -> None:
    r = crime_rate([3, 40, 12], [25, 120_000, 90_000], min_count=10, min_population=30)
    assert r.suppressed.tolist() == [True, False, False]
    assert np.isnan(r.value[0]) and np.isnan(r.lower[0]) and np.isnan(r.upper[0])
    assert r.numerator.tolist() == [3, 40, 12]
    assert r.denominator.tolist() == [25, 120_000, 90_000]
    assert r.suppression_rule == "count < 10 or population < 30"
    kept = crime_rate([3, 40], [25, 120_000], min_population=30, keep_suppressed_values=True)
    assert kept.suppressed.tolist() == [True, False]
    assert kept.value[0] == pytest.approx(12_000)


def test_named_rules_carry_their_source() -> None:
    rule = SUPPRESSION_RULES["population-30"]
    assert rule.min_population == 30
    assert rule.reference is not None and not rule.reference.verified
    r = crime_rate([5, 5], [29, 31], min_population=rule.min_population)
    assert r.suppressed.tolist() == [True, False]
    assert SUPPRESSION_RULES["phe-dsr"].describe() == "count < 10"


def test_grouped_rate_sums_counts_and_populations() -> None:
    """Never a mean of rates: 3/250 and 7/90000 pooled, not averaged."""
    r = crime_rate([3, 40, 7], [250, 120_000, 90_000], by=["north", "south", "north"])
    assert r.group.tolist() == ["north", "south"]
    assert r.value[0] == pytest.approx(10 / 90_250 * 1e5)
    mean_of_rates = (3 / 250 + 7 / 90_000) / 2 * 1e5
    assert abs(r.value[0] - mean_of_rates) > 100
    assert r.numerator.tolist() == [10, 40]


@given(
    data=st.lists(
        st.tuples(st.integers(0, 500), st.integers(1, 10**6), st.sampled_from("abc")),
        min_size=1,
        max_size=30,
    )
)
def test_grouped_rates_equal_rate_of_summed_counts(data: list[tuple[int, int, str]]) -> None:
    counts, pops, groups = (np.array(c) for c in zip(*data, strict=True))
    r = crime_rate(counts, pops, by=groups)
    for label, value, lower, upper in zip(r.group, r.value, r.lower, r.upper, strict=True):
        mask = groups == label
        direct = crime_rate(int(counts[mask].sum()), int(pops[mask].sum()))
        assert value == pytest.approx(direct.value, rel=1e-12)
        assert lower == pytest.approx(direct.lower, rel=1e-12)
        assert upper == pytest.approx(direct.upper, rel=1e-12)


@given(
    count=st.integers(0, 10_000),
    population=st.integers(1, 10**7),
    method=st.sampled_from(["auto", "exact", "byar"]),
)
def test_intervals_contain_the_value(count: int, population: int, method: str) -> None:
    r = crime_rate(count, population, method=method)
    assert r.lower <= r.value <= r.upper


def test_array_types(array_type: Any) -> None:
    counts, pops = [1, 5, 20, 895], [100, 100, 100, 8970]
    expected = crime_rate(np.array(counts), np.array(pops), min_count=5)
    r = crime_rate(array_type(counts), array_type(pops), min_count=5)
    np.testing.assert_allclose(compute(r.value), expected.value)
    np.testing.assert_allclose(compute(r.upper), expected.upper)
    np.testing.assert_array_equal(compute(r.suppressed), [True, False, False, False])


def test_scalar_in_scalar_out() -> None:
    r = crime_rate(5, 1000)
    assert isinstance(r.value, float)
    assert isinstance(r.suppressed, bool)
    assert isinstance(crime_rate([5], [1000]).value, np.ndarray)


@pytest.mark.parametrize(
    ("count", "population", "kwargs", "message"),
    [
        ([1, -1], [10, 10], {}, r"'count': 1 of 2 values are negative"),
        ([1, 1], [10, 0], {}, r"'population': 1 of 2 values are zero or negative"),
        ([1, 1], [10, np.nan], {}, r"'population': 1 of 2 values are missing \(NaN\)"),
        ([1, 1], [10, 10, 10], {}, "lengths differ"),
        ([1, 1], [10, 10], {"min_count": -1}, "min_count"),
        ([1, 1], [10, 10], {"min_population": "30"}, "min_population"),
        ([1, 1], [10, 10], {"method": "wald"}, "method"),
        ([1, 1], [10, 10], {"by": ["a", None]}, "labels are missing"),
        ([1, 1], [10, 10], {"by": ["a"]}, "lengths differ"),
    ],
)
def test_bad_input(count: Any, population: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        crime_rate(count, population, **kwargs)


def test_rendering_shows_the_flag() -> None:
    r = crime_rate([3, 40], [25, 1000], min_population=30, by=["a", "b"])
    text = str(r)
    assert "suppressed" in text and "group" in text
    frame = r.to_frame()
    assert frame["suppressed"].tolist() == [True, False]


_BANDS19 = (np.full(19, 5.0), np.full(19, 1000.0))
_TABLE = {"area": ["A", "B"], "count": [3.0, 4.0], "population": [100.0, 200.0]}
_SURVEY = {"count": [3.0], "total": [10.0]}

# every public prevention function that takes a scale or a suppression threshold
_SCALED: dict[str, Any] = {
    "crime_rate": lambda **kw: crime_rate(3, 100, **kw),
    "homicide_rate": lambda **kw: prevention.homicide_rate(3, 100, **kw),
    "trafficking_victim_rate": lambda **kw: prevention.trafficking_victim_rate(3, 100, **kw),
    "directly_standardised_rate": lambda **kw: prevention.directly_standardised_rate(
        *_BANDS19, "esp2013", **kw
    ),
    "indirectly_standardised_rate": lambda **kw: prevention.indirectly_standardised_rate(
        4, [1000, 500], [50, 30], [10000, 5000], **kw
    ),
    "violence_prevalence": lambda **kw: prevention.violence_prevalence(3, 10, **kw),
    "feeling_safe_share": lambda **kw: prevention.feeling_safe_share(
        3, 2, 1, dont_know="exclude", **kw
    ),
    "indicator_table rate": lambda **kw: prevention.indicator_table(_TABLE, **kw),
    "indicator_table proportion": lambda **kw: prevention.indicator_table(
        _SURVEY, "proportion", **kw
    ),
}
_THRESHOLDS = (
    "crime_rate",
    "homicide_rate",
    "trafficking_victim_rate",
    "directly_standardised_rate",
    "indicator_table rate",
)


@pytest.mark.parametrize("value", ["1e5", "100000", None, True, [100], np.inf, -1, 0])
@pytest.mark.parametrize("function", sorted(_SCALED))
def test_multiplier_that_is_not_a_positive_number_names_the_parameter(
    function: str, value: Any
) -> None:
    if value is None and function.startswith("indicator_table"):
        pytest.skip("None asks indicator_table for the indicator's default multiplier")
    with pytest.raises(InputError, match=r"parameter 'multiplier' must be a positive number"):
        _SCALED[function](multiplier=value)


def test_refvalue_that_is_not_a_number_names_the_parameter() -> None:
    with pytest.raises(InputError, match=r"parameter 'refvalue' must be a positive number"):
        prevention.indirectly_standardised_ratio(
            4, [1000, 500], [50, 30], [10000, 5000], refvalue="1"
        )


@pytest.mark.parametrize("name", ["min_count", "min_population"])
@pytest.mark.parametrize("value", ["10", None, False, np.nan, -1])
@pytest.mark.parametrize("function", _THRESHOLDS)
def test_threshold_that_is_not_a_number_names_the_parameter(
    function: str, name: str, value: Any
) -> None:
    if name == "min_population" and function == "directly_standardised_rate":
        pytest.skip("directly_standardised_rate has no population rule")
    if value is None and name == "min_count" and function.startswith("indicator_table"):
        pytest.skip("None asks indicator_table for the indicator's default threshold")
    expected = {"10": "must be numbers", None: "is required", False: "must be numbers"}
    nan = isinstance(value, float) and value != value
    message = "missing" if nan else expected.get(value, "negative")
    with pytest.raises(InputError, match=f"parameter '{name}'.*{message}"):
        _SCALED[function](**{name: value})


def test_numpy_scalars_are_accepted_as_scales() -> None:
    r = prevention.directly_standardised_rate(
        *_BANDS19, "esp2013", multiplier=np.int64(1000), min_count=np.float32(10)
    )
    assert r.value == pytest.approx(5.0)
