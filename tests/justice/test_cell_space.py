"""Living space per prisoner: space per person, CPT/ECtHR/ICRC checks, implied capacity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError, UnitError
from dpssec.findings import Finding, Severity
from dpssec.justice import (
    CELL_SPACE_STANDARDS,
    CellSpaceStandard,
    capacity_from_floor_area,
    check_cell_space,
    meets_space_standard,
    required_floor_area,
    space_per_person,
)
from dpssec.serialization import from_json, to_json
from dpssec.units import Q_
from tests.conftest import compute
from tests.justice.conftest import load_rows

CELLS = load_rows("cpt_cells.csv")


def test_space_per_person_is_net_of_the_annexe() -> None:
    value = space_per_person(14.0, 3, sanitary_area=2.0)
    assert value.units == Q_(1, "m**2").units
    assert value.magnitude == pytest.approx(4.0)
    assert isinstance(value.magnitude, float)


def test_space_per_person_units() -> None:
    feet = space_per_person(Q_(150, "ft**2"), 2, sanitary_area=Q_(10, "ft**2"))
    metres = space_per_person(150 * 0.09290304, 2, sanitary_area=10 * 0.09290304)
    assert feet.magnitude == pytest.approx(metres.magnitude)
    with pytest.raises(UnitError, match="floor_area"):
        space_per_person(Q_(3, "m"), 1)


def test_space_per_person_on_every_array_type(array_type) -> None:
    result = space_per_person(
        array_type([9.0, 12.0]), array_type([1, 4]), sanitary_area=array_type([1.0, 2.0])
    )
    if hasattr(result, "index"):  # Series in, Series of m² out (unit in attrs), index kept
        assert result.attrs["units"] == "m**2"
        result = Q_(result.to_numpy(), "m**2")
    np.testing.assert_allclose(np.asarray(compute(result.magnitude)), [8.0, 2.5])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"floor_area": 9.0, "occupants": 0}, "parameter 'occupants': 1 of 1 values are zero"),
        ({"floor_area": 9.0, "occupants": 1.5}, "not whole numbers"),
        ({"floor_area": 0.0, "occupants": 1}, "parameter 'floor_area'"),
        (
            {"floor_area": [9.0, 4.0], "occupants": [1, 1], "sanitary_area": [1.0, 5.0]},
            "parameter 'sanitary_area': 1 of 2 values are larger than the cell \\('floor_area'\\) "
            "\\(first at index 1: 5.0 > 4.0\\)",
        ),
        ({"floor_area": 9.0, "occupants": 1, "sanitary_area": -1.0}, "negative"),
    ],
)
def test_space_per_person_refuses_bad_input(kwargs, message) -> None:
    with pytest.raises(InputError, match=message):
        space_per_person(**kwargs)


@pytest.mark.parametrize("row", CELLS, ids=lambda r: r["cell"])
def test_cpt_vectors(row) -> None:
    n = int(row["occupants"])
    assert required_floor_area(n).magnitude == row["required_min"]
    assert required_floor_area(n, standard="cpt-desirable").magnitude == row["required_desirable"]
    meets = meets_space_standard(row["floor_area"], n, sanitary_area=row["sanitary_area"])
    assert meets is (row["meets_min"] == "True")
    assert (
        capacity_from_floor_area(row["floor_area"], sanitary_area=row["sanitary_area"])
        == row["capacity_min"]
    )
    assert (
        capacity_from_floor_area(
            row["floor_area"], sanitary_area=row["sanitary_area"], standard="cpt-desirable"
        )
        == row["capacity_desirable"]
    )
    findings = check_cell_space(row["floor_area"], n, sanitary_area=row["sanitary_area"])
    space = [f for f in findings if f.code == "cell-space"]
    assert len(space) == 1
    expected = Severity.INFO if row["meets_min"] == "True" else Severity.VIOLATION
    assert space[0].severity is expected
    assert space[0].verified


def test_vectorised_screens_agree_with_the_table() -> None:
    area = [r["floor_area"] for r in CELLS]
    sanitary = [r["sanitary_area"] for r in CELLS]
    occupants = [int(r["occupants"]) for r in CELLS]
    np.testing.assert_array_equal(
        meets_space_standard(area, occupants, sanitary_area=sanitary),
        [r["meets_min"] == "True" for r in CELLS],
    )
    np.testing.assert_array_equal(
        capacity_from_floor_area(area, sanitary_area=sanitary), [r["capacity_min"] for r in CELLS]
    )


@given(st.floats(0.5, 500, allow_nan=False), st.sampled_from(sorted(CELL_SPACE_STANDARDS)))
def test_implied_capacity_fits_and_one_more_does_not(area, key) -> None:
    places = capacity_from_floor_area(area, standard=key)
    if places >= 1:
        assert meets_space_standard(area, places, standard=key)
    if key != "cpt-police-cell":
        assert not meets_space_standard(area, places + 1, standard=key)


def test_icrc_tolerance_on_exact_multiples() -> None:
    assert capacity_from_floor_area(3 * 3.4, standard="icrc-2012") == 3
    assert capacity_from_floor_area(5.4, standard="icrc-2012") == 1
    assert capacity_from_floor_area(5.3, standard="icrc-2012") == 0


def test_dimensions_and_annexe() -> None:
    findings = check_cell_space(
        10.0,
        2,
        sanitary_area=1.0,
        min_wall_distance=1.8,
        ceiling_height=Q_(250, "cm"),
        sanitary_partitioned=False,
        subject="B-3",
    )
    by_code = {f.code: f for f in findings}
    assert by_code["cell-space"].severity is Severity.INFO
    assert by_code["cell-wall-distance"].severity is Severity.VIOLATION
    assert "1.8 m is below the 2 m" in by_code["cell-wall-distance"].message
    assert by_code["cell-ceiling-height"].severity is Severity.INFO
    assert by_code["cell-sanitary-annexe"].severity is Severity.VIOLATION
    assert all(f.subject == "B-3" for f in findings)


def test_missing_dimensions_are_reported_not_checked() -> None:
    findings = check_cell_space(10.0, 2)
    not_checked = [f for f in findings if f.message.startswith("not checked")]
    assert {f.code for f in not_checked} == {
        "cell-wall-distance",
        "cell-ceiling-height",
        "cell-sanitary-annexe",
    }


@pytest.mark.parametrize(
    ("per_person", "severity"),
    [
        (2.9, Severity.VIOLATION),
        (3.0, Severity.WARNING),
        (3.9, Severity.WARNING),
        (4.0, Severity.INFO),
    ],
)
def test_mursic_tiers(per_person, severity) -> None:
    findings = check_cell_space(per_person * 5, 5, standard="ecthr-mursic")
    assert findings[0].severity is severity
    assert not findings[0].verified
    assert len(findings) == 1  # Muršić sets no dimension rule


def test_police_cell_covers_single_occupancy_only() -> None:
    assert check_cell_space(7.0, 1, standard="cpt-police-cell")[0].severity is Severity.INFO
    shared = check_cell_space(14.0, 2, standard="cpt-police-cell")[0]
    assert shared.severity is Severity.WARNING and "single occupancy only" in shared.message
    assert not meets_space_standard(14.0, 2, standard="cpt-police-cell")


def test_icrc_is_flagged_secondary() -> None:
    finding = check_cell_space(7.0, 2, standard="icrc-2012")[0]
    assert finding.severity is Severity.INFO
    assert "[unverified]" in str(finding)


def test_empty_cell_and_bad_calls() -> None:
    assert check_cell_space(8.0, 0)[0].message.startswith("empty cell")
    # One count rule: an integral float is a whole number, a fraction is not.
    assert check_cell_space(8.0, 2.0) == check_cell_space(8.0, 2)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="whole number"):
        check_cell_space(8.0, 2.5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="'occupants': 1 of 1 values are negative"):
        check_cell_space(8.0, -1)
    with pytest.raises(InputError, match="'floor_area' takes one value"):
        check_cell_space([8.0, 9.0], 1)
    with pytest.raises(InputError, match="is not one of"):
        check_cell_space(8.0, 1, standard="un-mandela")
    with pytest.raises(UnitError):
        check_cell_space(8.0, 1, ceiling_height=Q_(2.5, "m**2"))


@pytest.mark.parametrize("key", sorted(CELL_SPACE_STANDARDS))
def test_space_presets_round_trip_and_findings_serialise(key) -> None:
    preset = CELL_SPACE_STANDARDS[key]
    assert from_json(to_json(preset), CellSpaceStandard) == preset
    for finding in check_cell_space(9.0, 2, standard=key, min_wall_distance=2.0):
        assert from_json(to_json(finding), Finding) == finding


def test_required_area_refuses_shared_police_cells_instead_of_nan() -> None:
    from dpssec.errors import InputError

    assert required_floor_area([0, 1], standard="cpt-police-cell").magnitude.tolist() == [0, 7]
    with pytest.raises(InputError, match=r"single occupancy only \(first at index 1: 2.0\)"):
        required_floor_area([1, 2, 3], standard="cpt-police-cell")
