"""Hostile input (issue 12) and missing values (nan_policy) for the prevention indicators."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention import (
    annual_percent_change,
    crime_rate,
    directly_standardised_rate,
    homicide_rate,
    indicator_table,
    indirectly_standardised_ratio,
    violence_prevalence,
)

pd = pytest.importorskip("pandas")


@pytest.mark.parametrize("flag", ["false", 0, None, np.array([False])])
def test_flags_accept_only_booleans(flag: Any) -> None:
    with pytest.raises(InputError, match="'keep_suppressed_values' must be True or False"):
        crime_rate(3, 100, min_count=10, keep_suppressed_values=flag)


@pytest.mark.parametrize("multiplier", [float("inf"), float("nan"), 0, -5, "1e5", 2**64])
def test_multipliers_are_finite_positive_scales(multiplier: Any) -> None:
    for call in (
        lambda: crime_rate(3, 100, multiplier=multiplier),
        lambda: homicide_rate(3, 100, multiplier=multiplier),
        lambda: violence_prevalence(3, 100, multiplier=multiplier),
        lambda: directly_standardised_rate([1, 2], [10, 10], [1, 1], multiplier=multiplier),
    ):
        with pytest.raises(InputError, match="'multiplier' must be a positive number"):
            call()


def test_one_name_is_one_column_never_its_letters() -> None:
    data = {"area": ["a", "b", "a"], "count": [1, 2, 3], "population": [10, 20, 30]}
    by_name = indicator_table(data, by="area")
    assert by_name.keys["area"].tolist() == ["a", "b"]
    assert by_name == indicator_table(data, by=["area"])  # tables compare with ==
    with pytest.raises(InputError, match="'by': every name must be a non-empty text"):
        indicator_table(data, by=["area", 3])


def test_finite_input_that_overflows_is_refused() -> None:
    with pytest.raises(InputError, match=r"results are not finite .* although every input is"):
        crime_rate(1e308, 0.5)


def test_crime_rate_series_in_series_out_and_propagate() -> None:
    counts = pd.Series([3.0, None, 40.0], index=["BLZ", "GUY", "HTI"])
    people = pd.Series([250, 800, 120_000], index=["BLZ", "GUY", "HTI"])
    with pytest.warns(DataQualityWarning, match=r"1 of 3 rows .*label 'GUY'"):
        r = crime_rate(counts, people, min_count=5, nan_policy="propagate")
    assert list(r.value.index) == ["BLZ", "GUY", "HTI"]
    assert np.isnan(r.value["GUY"]) and not r.suppressed["GUY"]
    assert r.suppressed["BLZ"] and not r.suppressed["HTI"]
    with pytest.raises(InputError, match="the pandas indexes of 'count' and 'population'"):
        crime_rate(counts, people.iloc[::-1], nan_policy="propagate")


def test_grouped_rates_omit_rows_and_refuse_propagate() -> None:
    count, population = [3, np.nan, 7, 40], [250, 800, 90_000, 120_000]
    by = ["north", "north", "north", "south"]
    with pytest.raises(InputError, match="with by= the rows are summed"):
        crime_rate(count, population, by=by, nan_policy="propagate")
    with pytest.warns(DataQualityWarning, match="omitted 1 of 4 rows"):
        r = crime_rate(count, population, by=by, nan_policy="omit")
    expected = crime_rate([3, 7, 40], [250, 90_000, 120_000], by=["north", "north", "south"])
    assert r == expected
    labels = pd.Series(by, index=list("abcd"))
    with pytest.warns(DataQualityWarning):
        r = crime_rate(
            pd.Series(count, index=list("abcd")), population, by=labels, nan_policy="omit"
        )
    assert r.group.tolist() == ["north", "south"]


def test_dsr_omit_counts_a_missing_count_as_zero_and_drops_areas_without_population() -> None:
    counts = np.array([[4.0, np.nan], [30, 40], [1, 2]])
    pops = np.array([[100.0, 100], [100, 200], [np.nan, 100]])
    std = {"0-39": 3, "40+": 1}
    with pytest.warns(DataQualityWarning) as caught:
        dsr = directly_standardised_rate(counts, pops, std, nan_policy="omit", min_count=0)
    messages = " ".join(str(w.message) for w in caught)
    assert "1 of 6 counts are missing" in messages and "omitted 1 of 3 areas" in messages
    expected = directly_standardised_rate(
        [[4, 0], [30, 40]], [[100, 100], [100, 200]], std, min_count=0
    )
    assert dsr == expected
    with pytest.raises(InputError, match="the only area"):
        directly_standardised_rate([1, 2], [np.nan, 10], std, nan_policy="omit")


def test_isr_omit_leaves_out_areas() -> None:
    observed = [5.0, np.nan, 7.0]
    pops = [[1000, 500], [800, 400], [900, 600]]
    with pytest.warns(DataQualityWarning, match="omitted 1 of 3 areas"):
        r = indirectly_standardised_ratio(
            observed, pops, [50, 30], [10_000, 5_000], nan_policy="omit"
        )
    expected = indirectly_standardised_ratio([5, 7], [pops[0], pops[2]], [50, 30], [10_000, 5_000])
    assert r == expected
    with pytest.raises(InputError, match="reference must be complete"):
        indirectly_standardised_ratio(
            [5, 7], [pops[0], pops[2]], [50, np.nan], [10_000, 5_000], nan_policy="omit"
        )


def test_apc_omit_fits_each_series_on_the_years_it_has() -> None:
    years = [2019, 2020, 2021, 2022]
    rates = np.array([[10.0, 11.0, np.nan, 13.31], [5.0, 5.5, 6.05, 6.655]])
    with pytest.warns(DataQualityWarning, match="left out 1 of 8 values"):
        apc = annual_percent_change(years, rates, nan_policy="omit")
    one = annual_percent_change([2019, 2020, 2022], [10.0, 11.0, 13.31])
    assert apc.value[0] == pytest.approx(one.value) and apc.value[1] == pytest.approx(10.0)
    assert apc.df.tolist() == [1, 2]
    with pytest.raises(InputError, match="fewer than 3 years"), pytest.warns(DataQualityWarning):
        annual_percent_change(years, [1.0, np.nan, np.nan, 2.0], nan_policy="omit")


def test_indicator_table_omit_drops_rows_with_missing_values() -> None:
    data = pd.DataFrame(
        {
            "area": ["A", "A", None, "B"],
            "count": [3, np.nan, 5, 40],
            "population": [10_000, 11_000, 5_000, 90_000],
        }
    )
    with pytest.raises(InputError, match="'count': 1 of 4 values are missing"):
        indicator_table(data)
    with pytest.warns(DataQualityWarning, match="omitted 2 of 4 rows"):
        table = indicator_table(data, nan_policy="omit")
    assert table.keys["area"].tolist() == ["A", "B"]
    assert table.numerator.tolist() == [3.0, 40.0]


def test_dsr_on_every_array_type(array_type: Any) -> None:
    """The contract test skips table-shaped calculators (no aligned rows): checked here."""
    from tests.helpers import compute

    counts, pops = [4.0, 3.0, 30.0], [1000.0, 800.0, 900.0]
    std = {"0-14": 2, "15-64": 6, "65+": 2}
    expected = directly_standardised_rate(counts, pops, std, min_count=0)
    got = directly_standardised_rate(array_type(counts), array_type(pops), std, min_count=0)
    assert float(compute(got.value)) == pytest.approx(expected.value, rel=1e-12)
    assert float(compute(got.upper)) == pytest.approx(expected.upper, rel=1e-12)
