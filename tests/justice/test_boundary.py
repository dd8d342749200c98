"""The justice calculators and models on the one input vocabulary: pandas, nan_policy, hostile input."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import (
    Cell,
    PrisonFacility,
    classify_occupancy,
    crude_recidivism_rate,
    meets_space_standard,
    occupancy_rate,
    population_trend,
    prison_population_rate,
    project_population,
    recidivism_rate,
    system_overcrowding,
    time_served_table,
    unsentenced_share,
    years_to_capacity,
)
from dpssec.serialization import from_json, to_json
from dpssec.units import Q_

pd = pytest.importorskip("pandas")


def test_series_in_series_out_with_labels() -> None:
    index = ["HTI", "BLZ", "JAM"]
    held = pd.Series([1358, 90, 2100], index=index)
    places = pd.Series([1000, 100, 1500], index=index)
    rate = occupancy_rate(held, places)
    assert list(rate.index) == index and rate["JAM"] == 140.0
    bands = classify_occupancy(rate, standard="Critical 120")
    assert list(bands.label.index) == index and bands.label["HTI"] == "critical overcrowding"
    share = unsentenced_share(held // 2, held)
    assert list(share.value.index) == index
    forecast = years_to_capacity(pd.Series([900, 1300], index=["a", "b"]), 1000, growth_rate=0.1)
    assert forecast.years["b"] == 0.0
    with pytest.raises(InputError, match="label 'BLZ'"):
        occupancy_rate(pd.Series([1, -2, 3], index=index), places)
    with pytest.raises(InputError, match="pandas indexes"):
        occupancy_rate(held, places.rename({"JAM": "ARG"}))


def test_propagate_gives_nan_only_where_missing() -> None:
    with pytest.warns(DataQualityWarning, match="1 of 3 rows"):
        rates = occupancy_rate([120, np.nan, 80], [100, 100, 100], nan_policy="propagate")
    np.testing.assert_array_equal(np.isnan(rates), [False, True, False])
    with pytest.warns(DataQualityWarning):
        bands = classify_occupancy([95.0, np.nan], nan_policy="propagate")
    assert bands.label[0] == "within official capacity" and np.isnan(bands.level[1])
    with pytest.raises(InputError, match="negative"):  # missing is not invalid
        occupancy_rate([120, np.nan, -1], [100, 100, 100], nan_policy="propagate")


def test_omit_leaves_rows_out_of_reductions() -> None:
    with pytest.warns(DataQualityWarning, match="omitted 1 of 3"):
        system = system_overcrowding([120, np.nan, 80], [100, 100, 100], nan_policy="omit")
    assert system.facilities == 2 and system.population == 200
    with pytest.warns(DataQualityWarning, match="omitted 1"):
        trend = population_trend([2019, 2020, 2021], [1000, np.nan, 1210], nan_policy="omit")
    assert trend.observations == 2
    durations, events = [30, 200, np.nan, 365, 400], [1, 1, 0, 0, 0]
    with pytest.warns(DataQualityWarning, match="omitted 1 of 5"):
        rate = recidivism_rate(durations, events, follow_up=365, nan_policy="omit")
    assert rate.value == pytest.approx(0.5)
    with pytest.raises(InputError, match="nan_policy"):
        recidivism_rate(durations, events, follow_up=365, nan_policy="propagate")


def test_durations_accept_time_quantities_and_timedelta64() -> None:
    days = np.array([100, 200, 400, 500])
    expected = time_served_table(days, period=365)
    np.testing.assert_allclose(time_served_table(Q_(days / 7, "week"), period=365), expected)
    np.testing.assert_allclose(
        time_served_table(days.astype("timedelta64[D]"), period=Q_(365, "day")), expected
    )


def test_models_accept_exactly_what_the_calculators_accept() -> None:
    base = {"name": "N", "country": "CR", "reference_date": dt.date(2024, 1, 31)}
    facility = PrisonFacility(**base, official_capacity=100.0, population=120.0)
    assert facility.population == 120 and type(facility.official_capacity) is int
    assert facility.occupancy_rate() == occupancy_rate(120.0, 100.0)
    for bad in ("120", True, -1, float("nan")):
        with pytest.raises(InputError, match="'population'"):
            PrisonFacility(**base, official_capacity=100, population=bad)
        with pytest.raises(InputError, match="'population'"):
            occupancy_rate(bad, 100)
    with pytest.raises(InputError, match="'population': 1 of 1 values are not whole numbers"):
        PrisonFacility(**base, official_capacity=100, population=120.5)  # a count
    assert Cell("A", 2.0, floor_area="9 m2").floor_area == Q_(9.0, "m**2")


@pytest.mark.parametrize(
    "make",
    [
        lambda: project_population(1000, [400] * 5, mean_length_of_stay=3),
        lambda: years_to_capacity([900, 1300], 1000, method="linear", annual_increase=50),
        lambda: years_to_capacity(
            1000, 1200, method="stock-flow", admissions=400, mean_length_of_stay=3
        ),
    ],
)
def test_results_with_arrays_compare_and_round_trip(make) -> None:
    result = make()
    assert result == make()  # no "truth value of an array is ambiguous"
    assert from_json(to_json(result), type(result)) == result


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: meets_space_standard([6.0, 7.9], [1, 2, 2]), "lengths differ"),
        (lambda: crude_recidivism_rate([30, 200], [1, 0], follow_up=[]), "'follow_up' is empty"),
        (lambda: time_served_table(2**63 - 1), "at most 10,000 are tabulated"),
        (
            lambda: project_population(600, 300, periods=2**63 - 1, mean_length_of_stay=2),
            "'periods' must be a whole number from 1 to 10,000",
        ),
        (lambda: occupancy_rate(1e308, 2431), "too large or too small"),
        (
            lambda: prison_population_rate(10, 1000, multiplier=float("inf")),
            "'multiplier' must be a positive number",
        ),
        (lambda: classify_occupancy(90, standard=np.array([])), "'standard' must be one of"),
        (lambda: years_to_capacity(1, 2, horizon=10**9, method="stock-flow"), "'horizon'"),
    ],
)
def test_hostile_input_gives_input_errors(call, message) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(InputError, match=message):
            call()
