"""Stock-flow projection and years to capacity (analyst conventions)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import (
    population_trend,
    project_population,
    time_served_table,
    years_to_capacity,
)
from dpssec.units import Q_


def test_steady_state_is_littles_law() -> None:
    p = project_population(1200, 400, periods=10, mean_length_of_stay=3)
    np.testing.assert_allclose(p.population, 1200.0)
    assert p.steady_state == pytest.approx(400 * 3)
    assert not p.reference.verified


def test_mean_stay_converges_to_admissions_times_stay() -> None:
    p = project_population(0, 250, periods=200, mean_length_of_stay=4)
    assert p.population[-1] == pytest.approx(1000.0, rel=1e-9)


def test_geometric_table_equals_the_mean_stay_recursion() -> None:
    stay = 2.5
    keep = 1 - 1 / stay
    table = keep ** np.arange(200)
    admissions = [300, 320, 340, 360, 380, 400]
    by_stay = project_population(900, admissions, mean_length_of_stay=stay)
    by_table = project_population(900, admissions, time_served_survival=table)
    np.testing.assert_allclose(by_table.population, by_stay.population, rtol=1e-12)
    assert by_table.steady_state == pytest.approx(by_stay.steady_state, rel=1e-12)


def test_table_projection_by_hand() -> None:
    # S = (1, 0.6, 0.2); equilibrium stock shares R = (0.8, 0.2, 0) / 1.8.
    p = project_population(600, 300, periods=3, time_served_survival=[1.0, 0.6, 0.2])
    expected = [600, 600 * 0.8 / 1.8 + 300, 600 * 0.2 / 1.8 + 300 * 1.6, 300 * 1.8]
    np.testing.assert_allclose(p.population, expected)
    own = project_population(
        600, 300, periods=3, time_served_survival=[1.0, 0.6, 0.2], initial_survival=[0.5]
    )
    np.testing.assert_allclose(own.population, [600, 600, 480, 540])


@given(
    st.floats(0, 1e5),
    st.lists(st.floats(0, 1e4), min_size=1, max_size=20),
    st.floats(1, 20),
)
def test_flows_balance(p0, admissions, stay) -> None:
    p = project_population(p0, admissions, mean_length_of_stay=stay)
    np.testing.assert_allclose(
        p.population[1:], p.population[:-1] + p.admissions[1:] - p.releases[1:], atol=1e-6
    )
    assert np.all(p.releases >= -1e-9)


@given(st.floats(1, 1e5), st.floats(1, 1e5), st.floats(0.001, 0.5))
def test_growth_reaches_capacity_exactly(p0, capacity, growth) -> None:
    t = years_to_capacity(p0, capacity, method="growth", growth_rate=growth).years
    if p0 >= capacity:
        assert t == 0
    else:
        assert p0 * (1 + growth) ** t == pytest.approx(capacity, rel=1e-9)


def test_growth_and_linear_cases() -> None:
    with pytest.warns(DataQualityWarning, match="never reached .* in 1 of 3 rows: inf"):
        f = years_to_capacity(
            [900, 1000, 1100], 1000, method="growth", growth_rate=[-0.01, 0.02, 0.0]
        )
    assert list(f.years) == [math.inf, 0.0, 0.0]
    with pytest.warns(DataQualityWarning, match="never reached"):
        assert years_to_capacity(900, 1000, method="growth", growth_rate=0.0).years == math.inf
    lin = years_to_capacity(800, 1000, method="linear", annual_increase=[50, -5][0])
    assert lin.years == pytest.approx(4.0) and isinstance(lin.years, float)
    with pytest.warns(DataQualityWarning, match="never reached"):
        never = years_to_capacity(800, 1000, method="linear", annual_increase=-5)
    assert never.years == math.inf
    assert "linear" in lin.assumption and not lin.reference.verified


def test_stock_flow_first_year_at_capacity() -> None:
    f = years_to_capacity(1000, 1150, method="stock-flow", admissions=400, mean_length_of_stay=3)
    p = project_population(1000, 400, periods=10, mean_length_of_stay=3)
    first = int(np.flatnonzero(p.population >= 1150)[0])
    assert f.years == first == 4
    assert (
        years_to_capacity(
            1300, 1150, method="stock-flow", admissions=400, mean_length_of_stay=3
        ).years
        == 0
    )
    table = years_to_capacity(
        500, 530, method="stock-flow", admissions=300, time_served_survival=[1, 0.6, 0.2]
    )
    assert table.years == 2


def test_population_trend_recovers_growth() -> None:
    years = np.arange(2010, 2020)
    t = population_trend(years, 1000 * 1.04 ** (years - 2010))
    assert t.growth_rate == pytest.approx(0.04, rel=1e-10)
    lin = population_trend(years, 500 + 30 * (years - 2010))
    assert lin.annual_increase == pytest.approx(30.0)
    with pytest.raises(InputError, match="two distinct 'years'"):
        population_trend([2020, 2020], [1, 2])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one of"),
        ({"mean_length_of_stay": 2, "time_served_survival": [1]}, "exactly one of"),
        ({"mean_length_of_stay": 0.5}, "'mean_length_of_stay': 1 of 1 values are below 1"),
        ({"time_served_survival": [1, 0.5, 0.7]}, "non-increasing .* first at index 2: 0.5 -> 0.7"),
        ({"time_served_survival": [1.2, 0.5]}, "above 1"),
        ({"mean_length_of_stay": 2, "initial_survival": [0.5]}, "initial_survival goes with"),
    ],
)
def test_projection_refuses_bad_input(kwargs, message) -> None:
    with pytest.raises(InputError, match=message):
        project_population(100, [10, 10], **kwargs)


def test_projection_bad_admissions() -> None:
    with pytest.raises(InputError, match="needs periods"):
        project_population(100, 10, mean_length_of_stay=2)
    with pytest.raises(InputError, match="admissions"):
        project_population(100, [10, -1], mean_length_of_stay=2)
    with pytest.raises(InputError, match="periods=3 but admissions has 2"):
        project_population(100, [10, 10], periods=3, mean_length_of_stay=2)


def test_years_to_capacity_bad_input() -> None:
    with pytest.raises(InputError, match="needs growth_rate"):
        years_to_capacity(1, 2)
    with pytest.raises(InputError, match="above -1"):
        years_to_capacity(1, 2, growth_rate=-1)
    with pytest.raises(InputError, match="needs annual_increase"):
        years_to_capacity(1, 2, method="linear")
    with pytest.raises(InputError, match="'method': 'trend' is not one of"):
        years_to_capacity(1, 2, method="trend")
    with pytest.raises(InputError, match="pass scalars"):
        years_to_capacity([1, 2], 2, method="stock-flow", admissions=1, mean_length_of_stay=2)
    with pytest.raises(InputError, match="parameter 'capacity'"):
        years_to_capacity(1, 0, growth_rate=0.1)


def test_time_served_table_by_hand() -> None:
    # S = 1 to day 100, 0.75 to 200, 0.5 to 400, 0.25 to 500, then 0
    table = time_served_table([100, 200, 400, 500], period=365)
    np.testing.assert_allclose(table, [257.5 / 365, 42.5 / 365])
    assert table.sum() * 365 == pytest.approx(300.0)  # the mean stay


def test_time_served_table_uses_censored_stays_and_units() -> None:
    rng = np.random.default_rng(4)
    stays = rng.exponential(700, 20_000)
    since_admission = rng.uniform(0, 6000, 20_000)  # independent of the stay
    released = stays <= since_admission
    observed = np.minimum(stays, since_admission)  # those still inside are censored
    table = time_served_table(observed, released, period=Q_(1, "year"), periods=4)
    q = np.exp(-365.25 / 700)
    expected = (700 / 365.25) * (1 - q) * q ** np.arange(4)  # exponential stays, uniform entry
    np.testing.assert_allclose(table, expected, rtol=0.03)
    projection = project_population(0, 1000, periods=3, time_served_survival=table)
    assert projection.steady_state == pytest.approx(1000 * table.sum())


def test_time_served_table_refuses_extrapolation() -> None:
    with pytest.raises(InputError, match="needs stays observed for 1095 days"):
        time_served_table([100, 800], [1, 0], period=365, periods=3)
    with pytest.raises(InputError, match="shorter than one period"):
        time_served_table([100, 200], [1, 0], period=365)
    with pytest.raises(InputError, match="'periods' must be a whole number from 1 to 10,000"):
        time_served_table([100, 200], period=30, periods=0)
    with pytest.raises(InputError, match="at most 10,000 are tabulated"):
        time_served_table(2**63 - 1)


def test_numpy_integer_periods_and_horizon_are_accepted() -> None:
    import numpy as np

    from dpssec.justice import project_population

    a = project_population(1000.0, 300.0, periods=np.int64(5), mean_length_of_stay=2.0)
    b = project_population(1000.0, 300.0, periods=5, mean_length_of_stay=2.0)
    np.testing.assert_array_equal(a.population, b.population)
    assert a.population.size == 6


def test_growth_rate_above_one_warns_it_may_be_a_percentage() -> None:
    from dpssec.errors import DataQualityWarning
    from dpssec.justice import years_to_capacity

    with pytest.warns(
        DataQualityWarning, match=r"growth_rate 5 means 500 % a year; did you mean 0.05"
    ):
        result = years_to_capacity(900, 1000, growth_rate=5)
    assert result.years == pytest.approx(np.log(1000 / 900) / np.log(6))
    # 0.05 is taken silently (pytest turns any DpssecWarning into an error here).
    years_to_capacity(900, 1000, growth_rate=0.05)
