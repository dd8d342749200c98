"""Occupancy, overcrowding bands, the Tournier system accounting and the prison population rate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.justice import (
    CRITICAL_120,
    OVER_CAPACITY,
    OVERCROWDING_STANDARDS,
    OvercrowdingStandard,
    classify_occupancy,
    occupancy_rate,
    prison_population_rate,
    system_overcrowding,
)
from dpssec.references import Reference
from dpssec.serialization import from_json, to_json
from tests.conftest import compute
from tests.justice.conftest import load_rows


def test_occupancy_formula_scalar_gives_float() -> None:
    value = occupancy_rate(1210, 1000)
    assert isinstance(value, float)
    assert value == pytest.approx(121.0)


def test_occupancy_on_every_array_type(array_type) -> None:
    result = occupancy_rate(array_type([90, 120, 0]), array_type([100, 100, 50]))
    np.testing.assert_allclose(np.asarray(compute(result)), [90.0, 120.0, 0.0])


def test_occupancy_stays_lazy_on_dask(raise_if_dask_computes) -> None:
    da = pytest.importorskip("dask.array")
    pop = da.from_array(np.array([50.0, 150.0]), chunks=1)
    cap = da.from_array(np.array([100.0, 100.0]), chunks=1)
    with raise_if_dask_computes:
        lazy = occupancy_rate(pop, cap)
    np.testing.assert_allclose(compute(lazy), [50.0, 150.0])


@pytest.mark.parametrize("row", load_rows("oas_same_date_occupancy.csv"), ids=lambda r: r["iso3"])
def test_published_occupancy_is_reproduced(row) -> None:
    value = occupancy_rate(row["population"], row["capacity"])
    assert value == pytest.approx(row["published_occupancy_pct"], abs=row["tolerance"])


@given(
    st.floats(0, 1e6, allow_nan=False),
    st.floats(1, 1e6, allow_nan=False),
    st.floats(0.01, 100, allow_nan=False),
)
def test_occupancy_scales_with_population(population, capacity, factor) -> None:
    base = occupancy_rate(population, capacity)
    assert occupancy_rate(population * factor, capacity) == pytest.approx(base * factor, rel=1e-12)


@pytest.mark.parametrize(
    ("population", "capacity", "message"),
    [
        (50, 0, "parameter 'capacity': 1 of 1 values are zero or negative"),
        (50, -10, "parameter 'capacity'"),
        (-1, 10, "parameter 'population': 1 of 1 values are negative"),
        (
            [1, 2, float("nan")],
            [1, 2, 3],
            r"parameter 'population': 1 of 3 values are missing \(NaN\)",
        ),
        ([1, 2], [1, 2, 3], "lengths differ"),
    ],
)
def test_occupancy_refuses_bad_input(population, capacity, message) -> None:
    with pytest.raises(InputError, match=message):
        occupancy_rate(population, capacity)


def test_classification_is_strictly_above_100() -> None:
    assert classify_occupancy(100.0).level == 0
    assert classify_occupancy(100.01).label == "over official capacity"
    result = classify_occupancy([99.9, 100.0, 100.1])
    np.testing.assert_array_equal(result.level, [0, 0, 1])
    assert result.verified and result.reference == OVER_CAPACITY.reference


def test_critical_preset_is_unverified_and_says_so() -> None:
    result = classify_occupancy([110, 120, 120.5], standard="critical-120")
    assert tuple(result.label) == (
        "over official capacity",
        "over official capacity",
        "critical overcrowding",
    )
    assert not result.verified
    assert not CRITICAL_120.reference.verified
    assert "[unverified]" in str(result.reference)
    assert not classify_occupancy(106, standard="severe-105").verified


def test_own_standard_and_bad_standards() -> None:
    mine = OvercrowdingStandard("national", (90, 130), ("ok", "tight", "over"), Reference("X", "1"))
    assert classify_occupancy(95, standard=mine).label == "tight"
    with pytest.raises(InputError, match="is not one of"):
        classify_occupancy(95, standard="cpt")
    with pytest.raises(InputError, match="labels"):
        OvercrowdingStandard("bad", (100,), ("a",), Reference("X", "1"))
    with pytest.raises(InputError, match="increasing"):
        OvercrowdingStandard("bad", (120, 100), ("a", "b", "c"), Reference("X", "1"))


@pytest.mark.parametrize(
    "row", load_rows("tournier_cases.csv"), ids=lambda r: f"case{r['case']:.0f}"
)
def test_tournier_cases(row) -> None:
    result = system_overcrowding([row["pop_a"], row["pop_b"]], [row["cap_a"], row["cap_b"]])
    assert result.apparent_overpopulation == row["apparent"]
    assert result.surplus == row["surplus"]
    assert result.free_places == row["free"]
    assert result.capacity == 250


def test_hidden_overcrowding_is_stated() -> None:
    result = system_overcrowding([110, 120], [100, 150])
    assert result.occupancy == pytest.approx(92.0)
    assert result.hidden_overcrowding
    assert result.facilities_over_capacity == 1
    assert "hides overcrowding" in result.statement
    assert "1 of 2 facilities hold 10 persons above" in result.statement
    plain = system_overcrowding([120, 180], [100, 150])
    assert not plain.hidden_overcrowding and "hides" not in plain.statement
    none = system_overcrowding([80, 110], [100, 150])
    assert "no facility is over" in none.statement


@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 5000)), min_size=1, max_size=30))
def test_surplus_minus_free_places_is_the_apparent_overpopulation(pairs) -> None:
    pops, caps = zip(*pairs, strict=True)
    result = system_overcrowding(list(pops), list(caps))
    assert result.surplus - result.free_places == pytest.approx(sum(pops) - sum(caps))
    assert result.apparent_overpopulation == sum(pops) - sum(caps)
    assert result.surplus >= 0 and result.free_places >= 0
    assert result.hidden_overcrowding == (result.occupancy <= 100 and result.surplus > 0)


def test_system_overcrowding_bad_input() -> None:
    with pytest.raises(InputError, match="at least one facility"):
        system_overcrowding([], [])
    with pytest.raises(InputError, match="parameter 'capacities'"):
        system_overcrowding([10, 20], [10, 0])
    with pytest.raises(InputError, match="lengths differ"):
        system_overcrowding([10, 20], [10])


def test_system_result_renders() -> None:
    result = system_overcrowding([110, 120], [100, 150])
    assert "surplus" in str(result)
    assert result.to_dict()["free_places"] == 30.0


def test_prison_population_rate() -> None:
    assert prison_population_rate(1_500, 600_000) == pytest.approx(250.0)
    assert isinstance(prison_population_rate(1_500, 600_000), float)
    np.testing.assert_allclose(
        prison_population_rate([1_500, 80], [600_000, 100_000], multiplier=1_000), [2.5, 0.8]
    )
    with pytest.raises(InputError, match="national_population"):
        prison_population_rate(10, 0)
    with pytest.raises(InputError, match="multiplier"):
        prison_population_rate(10, 100, multiplier=0)


@pytest.mark.parametrize("standard", sorted(OVERCROWDING_STANDARDS))
def test_standard_presets_round_trip(standard) -> None:
    preset = OVERCROWDING_STANDARDS[standard]
    assert from_json(to_json(preset), OvercrowdingStandard) == preset


@given(
    st.lists(st.floats(1, 500, allow_nan=False), min_size=1, max_size=4, unique=True).map(sorted),
    st.booleans(),
)
def test_own_standards_round_trip(thresholds, verified) -> None:
    labels = [f"band {i}" for i in range(len(thresholds) + 1)]
    own = OvercrowdingStandard(
        "own", thresholds, labels, Reference("Law", "2024", verified=verified)
    )
    assert from_json(to_json(own), OvercrowdingStandard) == own


def test_prison_population_rate_on_every_array_type(array_type) -> None:
    result = prison_population_rate(array_type([1_500, 80]), array_type([600_000, 100_000]))
    np.testing.assert_allclose(np.asarray(compute(result)), [250.0, 80.0])


def test_prison_population_rate_takes_a_numpy_multiplier() -> None:
    import numpy as np

    from dpssec.justice import prison_population_rate

    assert prison_population_rate(1_500, 600_000, multiplier=np.int64(100_000)) == 250.0
    with pytest.raises(InputError, match="multiplier"):
        prison_population_rate(1_500, 600_000, multiplier=np.True_)


def test_prison_population_rate_refuses_more_prisoners_than_inhabitants() -> None:
    from dpssec.justice import prison_population_rate

    with pytest.raises(
        InputError, match=r"'population'.*greater than 'national_population'.*index 1"
    ):
        prison_population_rate([5, 20], [100, 10])
    assert prison_population_rate(10, 10, multiplier=100) == 100.0


def test_empty_input_is_refused_like_system_overcrowding() -> None:
    from dpssec.justice import occupancy_rate, prison_population_rate, system_overcrowding

    for call in (occupancy_rate, prison_population_rate, system_overcrowding):
        with pytest.raises(InputError, match=r"empty|at least one"):
            call([], [])
