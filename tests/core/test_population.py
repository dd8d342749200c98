"""Population denominators (UN WPP 2022) bundled in dpssec.data."""

from __future__ import annotations

import csv
import warnings
from importlib import resources

import numpy as np
import pytest

from dpssec.countries import MEMBER_STATES
from dpssec.data import AGE_GROUPS, POPULATION_YEARS, population, population_by_age
from dpssec.errors import DataQualityWarning, InputError


def _raw() -> dict[tuple[str, int], list[float]]:
    text = resources.files("dpssec").joinpath("data", "population_wpp2022.csv").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# UN World Population Prospects 2022")
    reader = csv.DictReader(lines[1:])
    return {(r["iso3"], int(r["year"])): [float(r[g]) * 1000 for g in AGE_GROUPS] for r in reader}


RAW = _raw()


def test_every_member_state_and_year_is_bundled_once() -> None:
    first, last = POPULATION_YEARS
    assert set(RAW) == {(s, y) for s in MEMBER_STATES for y in range(first, last + 1)}


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")
@pytest.mark.parametrize(("iso3", "year"), [("JAM", 2021), ("USA", 1990), ("BRA", 2030)])
def test_totals_are_the_sum_of_the_published_groups(iso3: str, year: int) -> None:
    assert population(iso3, year) == sum(RAW[(iso3, year)])
    np.testing.assert_array_equal(population_by_age(iso3, year), RAW[(iso3, year)])


def test_known_published_values() -> None:
    # WPP 2022 POP/F02-1, Jamaica 2021, thousands: 0-4 = 169, 20-24 = 248 (row of the UN file).
    assert population("JAM", 2021, age="0-4") == 169_000.0
    assert population("jm", 2021, age=(20, 24)) == 248_000.0


def test_age_ranges_sum_whole_groups() -> None:
    groups = RAW[("ARG", 2022)]
    assert population("ARG", 2022, age="15-24") == groups[3] + groups[4]
    assert population("ARG", 2022, age="65+") == sum(groups[13:])
    with pytest.raises(InputError, match="five-year groups"):
        population("ARG", 2022, age="0-17")
    with pytest.raises(InputError, match="not a range"):
        population("ARG", 2022, age="young")


@pytest.mark.filterwarnings("ignore::dpssec.errors.DataQualityWarning")
def test_arrays_broadcast_and_series_keep_their_index() -> None:
    pd = pytest.importorskip("pandas")
    out = population(["ARG", "BRA"], [2020, 2021])
    assert out.tolist() == [sum(RAW[("ARG", 2020)]), sum(RAW[("BRA", 2021)])]
    codes = pd.Series(["HTI", "DOM"], index=["Haiti", "Dominican Republic"])
    series = population(codes, 2020)
    assert list(series.index) == ["Haiti", "Dominican Republic"]
    assert series["Haiti"] == sum(RAW[("HTI", 2020)])
    frame = population_by_age(codes, 2020)
    assert (
        list(frame.columns) == list(AGE_GROUPS)
        and frame.loc["Haiti", "0-4"] == RAW[("HTI", 2020)][0]
    )


@pytest.mark.parametrize(
    ("iso3", "year", "message"),
    [
        ("XXX", 2020, "member state|country"),
        ("ARG", 1989, "not years from 1990 to 2030"),
        ("ARG", 2031, "not years from 1990 to 2030"),
        ("ARG", 2020.5, "not years"),
        (["ARG", "BRA"], [2020, 2021, 2022], "lengths differ"),
        ([3], 2020, "must be country codes"),
        ("ARG", "2020", "must be whole years"),
        ("ARG", True, "must be whole years"),
    ],
)
def test_bad_input_is_refused(iso3: object, year: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        population(iso3, year)


def test_small_states_carry_a_rounding_warning() -> None:
    with pytest.warns(DataQualityWarning, match="rounded to whole thousands"):
        population("KNA", 2021)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        population("MEX", 2021)
