"""The PrisonFacility and Cell models: validation, forwarding, JSON round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.countries import MEMBER_STATES
from dpssec.errors import InputError, SchemaError
from dpssec.justice import Cell, CountsBySex, PrisonFacility
from dpssec.serialization import from_dict, from_json, to_dict, to_json
from dpssec.units import Q_


def _facility(**changes):
    data = {
        "name": "Centro Norte",
        "country": "cr",
        "reference_date": dt.date(2024, 1, 31),
        "official_capacity": 800,
        "population": 936,
        "unsentenced": 210,
        "sentenced": 726,
        "unsentenced_by_sex": CountsBySex(male=200, female=10),
        "cells": (
            Cell("A-1", 3, floor_area=9.0, sanitary_area=1.0, sanitary_partitioned=True),
            Cell("A-2", 1, floor_area=Q_(80, "ft**2"), min_wall_distance=2.1, ceiling_height=2.6),
        ),
    }
    data.update(changes)
    return PrisonFacility(**data)


def test_facility_forwards_to_the_calculators() -> None:
    f = _facility()
    assert f.country == "CRI" and f.country_name == "Costa Rica"
    assert f.occupancy_rate() == pytest.approx(117.0)
    assert f.overcrowding().label == "over official capacity"
    assert f.overcrowding("critical-120").verified is False
    assert f.unsentenced_share().value == pytest.approx(210 / 936 * 100)
    report = f.check_cells()
    # 8 m² net for 3 persons (12 needed); A-2: 80 ft² = 7.43 m² for one (6 needed).
    assert [f.subject for f in report.violations] == ["A-1"]
    assert report.criteria.startswith("CPT minimum standard")
    assert f.area_capacity() == 3


def test_unsentenced_share_definitions_on_a_facility() -> None:
    f = _facility(awaiting_appeal=40)
    assert f.unsentenced_share().value == pytest.approx(210 / 936 * 100)
    assert f.unsentenced_share(definition="wpb-remand").value == pytest.approx(250 / 936 * 100)
    with pytest.raises(InputError, match="awaiting_appeal \\(800\\) is above the sentenced"):
        _facility(awaiting_appeal=800)


def test_cells_capacity_and_units() -> None:
    cell = Cell("A-2", 1, floor_area=Q_(80, "ft**2"))
    assert cell.floor_area.units == Q_(1, "m**2").units
    assert cell.floor_area.magnitude == pytest.approx(7.432, abs=1e-3)
    assert cell.capacity() == 1


def test_counts_from_the_split_by_sex() -> None:
    f = _facility(unsentenced=None, sentenced=None, sentenced_by_sex=CountsBySex(700, 26))
    assert f.unsentenced_count == 210 and f.sentenced_count == 726
    f = _facility(unsentenced=None, unsentenced_by_sex=None)
    assert f.unsentenced_count is None
    with pytest.raises(InputError, match="no unsentenced count"):
        f.unsentenced_share()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"official_capacity": 0}, "'official_capacity': 1 of 1 values are zero or negative"),
        ({"official_capacity": -5}, "'official_capacity': 1 of 1 values are zero or negative"),
        ({"population": 100, "sentenced": 50}, "unsentenced \\(210\\) is above the population"),
        ({"unsentenced": 300, "unsentenced_by_sex": None}, "unsentenced \\+ sentenced \\(1026\\)"),
        ({"unsentenced": 211}, "unsentenced_by_sex sums to 210 but unsentenced is 211"),
        ({"population": 936.5}, "'population': 1 of 1 values are not whole numbers"),
        ({"country": "ESP"}, "not the ISO 3166 code or the name of an OAS member state"),
        ({"name": " "}, "'name' must be a non-empty text"),
        ({"reference_date": dt.datetime(2024, 1, 31, 8)}, "'reference_date': .* has a time of day"),
        ({"reference_date": "2024-13-01"}, "'reference_date': '2024-13-01' is not a date"),
        ({"reference_date": 20240131}, "'reference_date' must be a date"),
        (
            {"cells": (Cell("A", 1, floor_area=9.0), Cell("A", 2, floor_area=9.0))},
            "appears more than once",
        ),
    ],
)
def test_facility_refuses_bad_input(changes, message) -> None:
    with pytest.raises(InputError, match=message):
        _facility(**changes)


def test_cell_refuses_bad_input() -> None:
    with pytest.raises(InputError, match="sanitary_area"):
        Cell("A", 1, floor_area=4.0, sanitary_area=5.0)
    with pytest.raises(InputError, match="'floor_area': 1 of 1 values are zero or negative"):
        Cell("A", 1, floor_area=0.0)
    with pytest.raises(InputError, match="'occupants': 1 of 1 values are negative"):
        Cell("A", -1, floor_area=5.0)


def test_json_reports_the_path_of_bad_fields() -> None:
    data = to_dict(_facility())
    data["cells"][1]["floor_area"] = "3 m"
    data["official_capacity"] = 0
    with pytest.raises(SchemaError) as info:
        from_dict(data, PrisonFacility)
    text = str(info.value)
    assert "$.cells[1].floor_area" in text
    assert "$.official_capacity" in text


def test_json_round_trip_example() -> None:
    f = _facility()
    assert from_json(to_json(f), PrisonFacility) == f


counts = st.integers(0, 10_000)
cells = st.builds(
    Cell,
    name=st.text("ABC-123", min_size=1, max_size=6),
    occupants=st.integers(0, 40),
    floor_area=st.floats(1, 200, allow_nan=False),
    sanitary_area=st.floats(0, 1, allow_nan=False),
    sanitary_partitioned=st.none() | st.booleans(),
    min_wall_distance=st.none() | st.floats(0.5, 10, allow_nan=False),
    ceiling_height=st.none() | st.floats(1, 6, allow_nan=False),
)


@st.composite
def facilities(draw):
    population = draw(counts)
    unsentenced = draw(st.none() | st.integers(0, population))
    rest = population - (unsentenced or 0)
    sentenced = draw(st.none() | st.integers(0, rest))
    split = None
    if unsentenced is not None and draw(st.booleans()):
        male = draw(st.integers(0, unsentenced))
        split = CountsBySex(male, unsentenced - male)
    cell_list = draw(st.lists(cells, max_size=4, unique_by=lambda c: c.name))
    return PrisonFacility(
        name=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        country=draw(st.sampled_from(sorted(MEMBER_STATES))),
        reference_date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
        official_capacity=draw(st.integers(1, 10_000)),
        population=population,
        unsentenced=unsentenced,
        sentenced=sentenced,
        unsentenced_by_sex=split,
        awaiting_appeal=draw(st.none() | st.integers(0, sentenced or 0)),
        cells=tuple(cell_list),
    )


@given(facilities())
def test_json_round_trip_property(facility) -> None:
    assert from_json(to_json(facility), PrisonFacility) == facility


def test_numpy_integers_are_accepted_and_stored_as_int() -> None:
    # A facility built from a pandas row gets np.int64 counts.
    import numpy as np

    facility = _facility(
        official_capacity=np.int64(800),
        population=np.int32(936),
        unsentenced=np.int64(210),
        sentenced=np.uint16(726),
        unsentenced_by_sex=CountsBySex(male=np.int64(200), female=np.int8(10)),
    )
    assert facility == _facility()
    assert type(facility.population) is int and type(facility.official_capacity) is int
    assert type(facility.unsentenced_by_sex.male) is int
    cell = Cell("A", np.int64(2), floor_area=9.0)
    assert cell.occupants == 2 and type(cell.occupants) is int
    assert from_json(to_json(facility), PrisonFacility) == facility


@pytest.mark.parametrize("bad", [True, "936", 936.5])
def test_booleans_strings_and_fractions_are_still_refused(bad) -> None:
    import numpy as np

    with pytest.raises(
        InputError, match=r"'population'(?: must be numbers|: 1 of 1 values are not whole numbers)"
    ):
        _facility(population=bad)
    with pytest.raises(InputError, match=r"'population' must be numbers .* got the boolean"):
        _facility(population=np.True_)


def test_counts_follow_the_calculators_rule() -> None:
    # One count rule for models and calculators: an integral float is a whole number.
    assert _facility(population=936.0) == _facility()
    assert type(_facility(population=936.0).population) is int
    assert _facility(reference_date="2024-01-31").reference_date == dt.date(2024, 1, 31)
