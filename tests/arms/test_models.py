"""Depot models: validation, JSON round trips and ECM orientation sectors."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.arms.storage import (
    AmmunitionStock,
    Depot,
    ExplosivesBuilding,
    ExposedSite,
    Orientation,
    bearing,
    sector_orientation,
)
from dpssec.errors import InputError, SchemaError, UnitError
from dpssec.serialization import from_json, to_json
from dpssec.units import Q_
from tests.arms.storage_strategies import buildings, depots, exposed_sites, stocks

F, S, R = Orientation.FRONT, Orientation.SIDE, Orientation.REAR


def _stock(neq: object = 1000.0) -> AmmunitionStock:
    return AmmunitionStock("155 mm HE", "1.1", "D", neq)


def _depot_dict() -> dict[str, object]:
    building = ExplosivesBuilding("M1", "earth_covered_magazine", 0, 0, [_stock()], door_azimuth=90)
    site = ExposedSite("H1", "inhabited_building", 500, 0)
    return json.loads(to_json(Depot("d", [building], [site])))


# -- orientation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deviation", "expected", "expected_hd12"),
    [
        (0.0, F, F),
        (10.0, F, F),  # HD 1.2 boundary (100° lines): the greater distance, front
        (10.0 + 1e-6, F, S),
        (60.0, F, S),  # 150° lines: on the boundary -> front
        (60.0 + 1e-6, S, S),
        (90.0, S, S),
        (135.0, S, S),  # 135° rear lines: on the boundary -> side (greater than rear)
        (135.0 + 1e-6, R, R),
        (180.0, R, R),
    ],
)
@pytest.mark.parametrize("door", [0.0, 90.0, 350.0])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_sector_boundaries(
    deviation: float, expected: Orientation, expected_hd12: Orientation, door: float, sign: float
) -> None:
    toward = (door + sign * deviation) % 360.0
    assert sector_orientation(door, toward) is expected
    assert sector_orientation(door, toward, division="1.2.2") is expected_hd12
    assert sector_orientation(door, toward, division="1.1") is expected


def test_orientation_arrays_and_scalars() -> None:
    result = sector_orientation(0.0, np.array([0.0, 61.0, 180.0]))
    assert isinstance(result, np.ndarray)
    assert list(result) == [F, S, R]
    assert isinstance(bearing(0.0, 0.0, 1.0, 1.0), float)
    np.testing.assert_allclose(bearing(0, 0, [1, 0, -1, 0], [0, 1, 0, -1]), [90, 0, 270, 180])
    with pytest.raises(InputError, match="door_azimuth"):
        sector_orientation(float("nan"), 0.0)


def test_building_orientation_towards_a_point() -> None:
    igloo = ExplosivesBuilding("M1", "earth_covered_magazine", 100, 100, [_stock()], door_azimuth=0)
    assert igloo.orientation_towards(100, 500) is F
    assert igloo.orientation_towards(500, 100) is S
    assert igloo.orientation_towards(100, -300) is R
    stack = ExplosivesBuilding("S1", "barricaded_stack", 0, 0, [_stock()])
    assert stack.orientation_towards(1, 1) is None


# -- construction and bad input ---------------------------------------------------------------


def test_pounds_and_feet_are_converted() -> None:
    stock = AmmunitionStock("x", "1.1", "D", Q_(1000, "lb"))
    assert stock.neq.to("kg").magnitude == pytest.approx(453.59237)
    b = ExplosivesBuilding("B", "unbarricaded_stack", Q_(100, "ft"), "-50 ft", [stock])
    assert b.position == pytest.approx((30.48, -15.24))


@pytest.mark.parametrize(
    ("neq", "error", "match"),
    [
        (-1.0, InputError, "'neq': 1 of 1 values are negative"),
        (float("nan"), InputError, "'neq': 1 of 1 values are missing"),
        (float("inf"), InputError, "'neq': 1 of 1 values are infinite"),
        (True, InputError, "'neq' must be numbers .* boolean"),
        (Q_(10, "m"), UnitError, "'neq'"),
        ("ten", InputError, "neq"),
    ],
)
def test_bad_neq(neq: object, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        _stock(neq)


def test_bad_codes_and_items() -> None:
    with pytest.raises(InputError, match=r"'division': '1\.7' is not one of"):
        AmmunitionStock("x", "1.7", "D", 1)
    with pytest.raises(InputError, match="'group': 'Q' is not one of"):
        AmmunitionStock("x", "1.1", "Q", 1)
    with pytest.raises(InputError, match=r"item_neq .* exceeds"):
        AmmunitionStock("x", "1.1", "D", 1, item_neq=2)
    with pytest.raises(InputError, match=r"'attributes\[0\]': 'wet' is not one of"):
        AmmunitionStock("x", "1.1", "D", 1, attributes=["wet"])
    with pytest.raises(InputError, match="'substance' must be True or False"):
        AmmunitionStock("x", "1.1", "D", 1, substance="no")


def test_models_accept_what_the_calculators_accept() -> None:
    # issue 11: one parser for the same names everywhere (names, synonyms, text with units)
    stock = AmmunitionStock("x", "HD 1.1", "cg d", "1100 lb")
    assert stock.division.value == "1.1" and stock.group.value == "D"
    building = ExplosivesBuilding("B1", "BARRICADED_STACK", "10 ft", 0, [stock])
    assert building.kind.value == "barricaded_stack"
    assert Depot("d", [building], protection_level="b").protection_level.value == "high"


def test_distance_given_a_mass_is_refused() -> None:
    with pytest.raises(UnitError, match="'x'"):
        ExplosivesBuilding("B", "unbarricaded_stack", Q_(5, "kg"), 0, [_stock()])


def test_bad_buildings_and_depots() -> None:
    with pytest.raises(InputError, match="at least one stock"):
        ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [])
    with pytest.raises(InputError, match="door_azimuth"):
        ExplosivesBuilding("B", "earth_covered_magazine", 0, 0, [_stock()])
    with pytest.raises(InputError, match=r"\[0, 360\)"):
        ExplosivesBuilding("B", "earth_covered_magazine", 0, 0, [_stock()], door_azimuth=360)
    with pytest.raises(InputError, match="'id' must be a non-empty"):
        ExplosivesBuilding(" ", "unbarricaded_stack", 0, 0, [_stock()])
    with pytest.raises(InputError, match="'kind': 'tent' is not one of"):
        ExplosivesBuilding("B", "tent", 0, 0, [_stock()])
    with pytest.raises(InputError, match="exposed_as must be a magazine row"):
        ExplosivesBuilding(
            "B", "unbarricaded_stack", 0, 0, [_stock()], exposed_as="inhabited_building"
        )
    b = ExplosivesBuilding("B", "unbarricaded_stack", 0, 0, [_stock()])
    with pytest.raises(
        InputError, match=r"duplicate id 'B' \(buildings\[0\] and exposed_sites\[1\]\)"
    ):
        Depot(
            "d",
            [b],
            [
                ExposedSite("E", "inhabited_building", 1, 1),
                ExposedSite("B", "inhabited_building", 1, 1),
            ],
        )
    with pytest.raises(InputError, match="'criteria': 'DESR' is not one of"):
        Depot("d", [b], criteria="DESR")
    assert Depot("d", [b], criteria="AASTP-1 2006").criteria == "AASTP1_2006"


@pytest.mark.parametrize(
    ("path", "edit", "match"),
    [
        (
            ("buildings", 0, "stocks", 0, "neq"),
            -5,
            r"'neq': .* negative .* @ \$\.buildings\[0\]\.stocks\[0\]\.neq",
        ),
        (("buildings", 0, "stocks", 0, "neq"), "NaN kg", r"@ \$\.buildings\[0\]\.stocks\[0\]\.neq"),
        (
            ("buildings", 0, "stocks", 0, "division"),
            "1.7",
            r"@ \$\.buildings\[0\]\.stocks\[0\]\.division",
        ),
        (("buildings", 0, "stocks", 0, "group"), "Z", r"@ \$\.buildings\[0\]\.stocks\[0\]\.group"),
        (
            ("buildings", 0, "stocks"),
            [],
            r"at least one stock; got none @ \$\.buildings\[0\]\.stocks",
        ),
        (("buildings", 0, "x"), "30 kg", r"expected a quantity in m .* @ \$\.buildings\[0\]\.x"),
        (("exposed_sites", 0, "id"), "M1", r"duplicate id 'M1' .* @ \$"),
        (("exposed_sites", 0, "kind"), "house", r"@ \$\.exposed_sites\[0\]\.kind"),
    ],
)
def test_json_errors_name_the_location(path: tuple[object, ...], edit: object, match: str) -> None:
    data = _depot_dict()
    target: object = data
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    target[path[-1]] = edit  # type: ignore[index]
    with pytest.raises(SchemaError, match=match):
        from_json(json.dumps(data), Depot)


def test_feet_and_pounds_in_json() -> None:
    data = _depot_dict()
    data["buildings"][0]["stocks"][0]["neq"] = "2204.62262185 lb"  # type: ignore[index]
    data["exposed_sites"][0]["x"] = "1640.41994751 ft"  # type: ignore[index]
    depot = from_json(json.dumps(data), Depot)
    assert depot.buildings[0].stocks[0].neq.to("kg").magnitude == pytest.approx(1000.0)
    assert depot.exposed_sites[0].x.to("m").magnitude == pytest.approx(500.0)


# -- JSON round trips -------------------------------------------------------------------------


@settings(max_examples=25)
@given(st.one_of(stocks(), buildings(), exposed_sites()))
def test_round_trip_parts(obj: object) -> None:
    assert from_json(to_json(obj), type(obj)) == obj


@settings(max_examples=15)
@given(depots())
def test_round_trip_depot(depot: Depot) -> None:
    assert from_json(to_json(depot), Depot) == depot


@given(
    st.floats(0, 359.99, allow_nan=False),
    st.floats(0, 360, allow_nan=False),
    st.floats(-720, 720, allow_nan=False),
)
def test_orientation_turns_with_the_magazine(door: float, toward: float, turn: float) -> None:
    # rotating both the door and the site about the magazine leaves the face unchanged,
    # except within rounding of a boundary
    deviation = abs((toward - door + 180.0) % 360.0 - 180.0)
    if min(abs(deviation - 60.0), abs(deviation - 135.0)) < 1e-6:
        return
    assert sector_orientation(door, toward) is sector_orientation(
        (door + turn) % 360.0, (toward + turn) % 360.0
    )


@pytest.mark.parametrize("code", ["1.1S", "1.4A", "1.5C", "1.6D", "1.2.1N", "1.3A", "1.4L"])
def test_impossible_classification_codes_are_refused(code: str) -> None:
    from dpssec.arms.storage import parse_classification

    with pytest.raises(InputError, match="does not exist"):
        parse_classification(code)
    division, group = code[:-1], code[-1]
    with pytest.raises(
        InputError, match=f"stock .lot.: classification {re.escape(code)} does not exist"
    ):
        AmmunitionStock("lot", division, group, 100)


def test_valid_groups_name_the_alternatives() -> None:
    from dpssec.arms.storage import VALID_GROUPS, HazardDivision, parse_classification

    with pytest.raises(
        InputError, match=r"HD 1.1 takes CG A, B, .* \(CG S occurs only in HD 1.4\)"
    ):
        parse_classification("1.1S")
    assert {g.value for g in VALID_GROUPS[HazardDivision.HD_1_4]} == set("BCDEFGS")
    for code in ("1.1A", "1.1D", "1.2.1E", "1.2.2F", "1.3C", "1.4S", "1.5D", "1.6N", "1.1L"):
        assert str(parse_classification(code)) == code
    # a depot file with an impossible code is refused, not silently checked
    stock = {"description": "x", "division": "1.1", "group": "S", "neq": 10}
    text = json.dumps(
        {
            "name": "d",
            "buildings": [
                {"id": "B", "kind": "unbarricaded_stack", "x": 0, "y": 0, "stocks": [stock]}
            ],
        }
    )
    with pytest.raises((InputError, SchemaError), match=r"1\.1S"):
        from_json(text, Depot)


def test_depot_name_is_optional() -> None:
    b = ExplosivesBuilding("M1", "unbarricaded_stack", 0, 0, [AmmunitionStock("x", "1.1", "D", 5)])
    depot = Depot(buildings=[b], exposed_sites=[])
    assert depot.name == "depot" and depot.buildings == (b,)
    assert from_json(to_json(depot), Depot) == depot
    assert from_json(json.dumps({"buildings": []}), Depot) == Depot()


def test_bearing_refuses_identical_points_and_text() -> None:
    # issue 12: bearing(0, 0, 0, 0) gave 0.0 and bearing(0, 0, '', 0) ended in a TypeError
    with pytest.raises(InputError, match="same point"):
        bearing(0, 0, 0, 0)
    with pytest.raises(InputError, match=r"1 of 3 point pairs .* index 2"):
        bearing([0, 0, 5], [0, 0, 5], [1, 0, 5], [0, 1, 5])
    with pytest.raises(InputError, match="an empty text is not a quantity"):
        bearing(0, 0, "", 0)
    with pytest.raises(InputError, match="boolean"):
        bearing(0, 0, True, 0)
    assert bearing("0 ft", 0, "10 m", 0) == 90.0


def test_bearing_keeps_a_series_index_and_stays_lazy(raise_if_dask_computes: object) -> None:
    pd = pytest.importorskip("pandas")
    da = pytest.importorskip("dask.array")
    to_x = pd.Series([10.0, 0.0], index=["store", "gate"])
    result = bearing(0, 0, to_x, pd.Series([0.0, -5.0], index=["store", "gate"]))
    assert list(result.index) == ["store", "gate"] and list(result) == [90.0, 180.0]
    with pytest.raises(InputError, match="label 'gate'"):
        bearing(0, 0, to_x, pd.Series([0.0, 0.0], index=["store", "gate"]) * 0 + [1.0, 0.0])
    lazy_x = da.from_array(np.array([10.0, 0.0]), chunks=1)
    with raise_if_dask_computes:  # type: ignore[attr-defined]
        lazy = bearing(0, 0, lazy_x, da.from_array(np.array([0.0, 0.0]), chunks=1))
    with pytest.raises(InputError, match="same point"):
        lazy.compute()


def test_sector_orientation_on_series_and_dask() -> None:
    pd = pytest.importorskip("pandas")
    da = pytest.importorskip("dask.array")
    faces = sector_orientation(0.0, pd.Series([0.0, 90.0], index=["H1", "H2"]))
    assert list(faces.index) == ["H1", "H2"] and list(faces) == [F, S]
    lazy = sector_orientation(0.0, da.from_array(np.array([0.0, 180.0]), chunks=1))
    assert list(lazy.compute()) == [F, R]
