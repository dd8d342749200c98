"""HazardousArea and LandReleaseRecord: units, parsing, refusals, strict JSON round trips."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError, SchemaError, UnitError
from dpssec.mines.areas import (
    AreaKind,
    AreaStatus,
    BlockedResource,
    ClearanceMethod,
    Contamination,
    HazardousArea,
    LandReleaseRecord,
    criteria_table,
)
from dpssec.mines.scoring import LIS_PRESET
from dpssec.serialization import from_dict, from_json, to_json
from dpssec.units import Q_


def test_area_accepts_ha_km2_strings_and_plain_m2() -> None:
    assert HazardousArea("a", "SHA", Q_(2.5, "ha")).area == Q_(25_000.0, "m**2")
    assert HazardousArea("a", "SHA", Q_(2.05, "km**2")).area.magnitude == pytest.approx(2.05e6)
    assert HazardousArea("a", "SHA", "3 ha").area == Q_(30_000.0, "m**2")
    assert HazardousArea("a", "SHA", 120).area == Q_(120.0, "m**2")


def test_codes_are_parsed_sorted_and_deduplicated() -> None:
    area = HazardousArea(
        "a",
        "cha",
        1,
        status="Worked On",
        contamination=["uxo", "anti-personnel mines", "AP"],
        blocked_resources="roads; drinking water",
    )
    assert area.kind is AreaKind.CHA
    assert area.status is AreaStatus.WORKED_ON
    assert area.contamination == (Contamination.AP_MINES, Contamination.UXO)
    assert area.blocked_resources == (BlockedResource.DRINKING_WATER, BlockedResource.ROADS)
    assert area.mines_present
    assert area.score(LIS_PRESET) == 2 + 1 + 1 + 1  # mines, UXO, drinking water, roads


@pytest.mark.parametrize(
    ("codes", "present"),
    [(["UXO"], False), (["CM"], False), (["AV"], True), (["IED"], True), ([], False)],
)
def test_mines_present_means_ap_av_or_improvised(codes: list[str], present: bool) -> None:
    assert HazardousArea("a", "SHA", 1, contamination=codes).mines_present is present


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"area": -1}, "'area': 1 of 1 values are negative"),
        ({"area": Q_(3, "m")}, "expects an area"),
        ({"kind": "XHA"}, "'kind': 'XHA' is not one of 'SHA', 'CHA'"),
        ({"contamination": ["AP", "landmine?"]}, "'contamination': 'landmine\\?' is not one of"),
        ({"blocked_resources": ["moon"]}, "'blocked_resources': 'moon' is not one of"),
        ({"recent_victims": -2}, "'recent_victims': 1 of 1 values are negative"),
        ({"recent_victims": 2.5}, "'recent_victims': 1 of 1 values are not whole numbers"),
        ({"recent_victims": True}, "'recent_victims' must be numbers \\(a whole number"),
        ({"affected_population": -1}, "affected_population"),
        ({"distance_to_road": -5}, "'distance_to_road': 1 of 1 values are negative"),
        ({"id": " "}, "'id' must be a non-empty text"),
    ],
)
def test_bad_areas_are_refused(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"id": "a", "kind": "SHA", "area": 10}
    base.update(kwargs)
    with pytest.raises(InputError, match=message):
        HazardousArea(**base)  # type: ignore[arg-type]


def test_wrong_dimension_is_a_unit_error() -> None:
    with pytest.raises(UnitError):
        HazardousArea("a", "SHA", Q_(5, "kg"))


def test_criteria_table_columns() -> None:
    areas = [
        HazardousArea(
            "a",
            "CHA",
            "1 ha",
            contamination=["AV", "CM"],
            recent_victims=1,
            blocked_resources=["schools"],
            distance_to_school=300,
        ),
        HazardousArea("b", "SHA", 50, affected_population=1200),
    ]
    table = criteria_table(areas)
    np.testing.assert_array_equal(table["area"], [10_000, 50])
    np.testing.assert_array_equal(table["mines"], [1, 0])
    np.testing.assert_array_equal(table["av_mines"], [1, 0])
    np.testing.assert_array_equal(table["cluster_munitions"], [1, 0])
    np.testing.assert_array_equal(table["blocked_schools"], [1, 0])
    np.testing.assert_array_equal(table["blocked_resources"], [1, 0])
    np.testing.assert_array_equal(table["affected_population"], [0, 1200])
    assert table["distance_to_school"][0] == 300 and np.isnan(table["distance_to_school"][1])
    assert areas[0].criteria()["confirmed"] == 1.0
    with pytest.raises(InputError, match="item 1 is dict"):
        criteria_table([areas[0], {"id": "x"}])  # type: ignore[list-item]


def test_release_record_totals_and_date_order() -> None:
    record = LandReleaseRecord(
        "COL-2017", cancelled=Q_(0.24, "km**2"), reduced="35 ha", cleared=380_000
    )
    assert record.released.magnitude == pytest.approx(970_000)
    assert record.summary().shares.share_cleared == pytest.approx(380 / 970)
    assert LandReleaseRecord("x", method="MDD").method is ClearanceMethod.DOGS
    assert LandReleaseRecord("x", clearance_depth="13 cm").clearance_depth == Q_(13.0, "cm")
    with pytest.raises(UnitError, match="clearance_depth"):
        LandReleaseRecord("x", clearance_depth=Q_(1, "kg"))
    with pytest.raises(InputError, match="precedes start_date"):
        LandReleaseRecord("x", start_date=dt.date(2020, 2, 1), end_date=dt.date(2020, 1, 1))
    for bad in ({"cleared": -1}, {"devices_found": -1}, {"deminer_days": -3}, {"cost": np.nan}):
        with pytest.raises(InputError):
            LandReleaseRecord("x", **bad)  # type: ignore[arg-type]


def test_json_errors_carry_the_field_path() -> None:
    with pytest.raises(SchemaError, match=r"'area': 1 of 1 values are negative.* @ \$\[1\]\.area"):
        from_dict(
            [{"id": "a", "kind": "SHA", "area": 1}, {"id": "b", "kind": "CHA", "area": -4}],
            list[HazardousArea],
        )
    with pytest.raises(SchemaError, match=r"@ \$\.contamination\[0\]"):
        from_dict({"id": "a", "kind": "SHA", "area": 1, "contamination": ["XX"]}, HazardousArea)
    with pytest.raises(SchemaError, match="unknown field"):
        from_dict({"id": "a", "kind": "SHA", "area": 1, "victims": 3}, HazardousArea)
    area = from_dict({"id": "a", "kind": "SHA", "area": "2 ha"}, HazardousArea)
    assert area.area == Q_(20_000.0, "m**2")


_sizes = st.floats(min_value=0, max_value=1e9, allow_nan=False)
_distances = st.none() | st.floats(min_value=0, max_value=1e5, allow_nan=False)

areas_strategy = st.builds(
    HazardousArea,
    id=st.text(min_size=1, max_size=12).filter(str.strip),
    kind=st.sampled_from(AreaKind),
    area=_sizes,
    status=st.sampled_from(AreaStatus),
    contamination=st.lists(st.sampled_from(Contamination), max_size=5),
    recent_victims=st.integers(0, 500),
    blocked_resources=st.lists(st.sampled_from(BlockedResource), max_size=6),
    affected_population=st.integers(0, 10**7),
    distance_to_settlement=_distances,
    distance_to_road=_distances,
    distance_to_water=_distances,
    distance_to_school=_distances,
    location=st.text(max_size=20),
)

records_strategy = st.builds(
    LandReleaseRecord,
    area_id=st.text(min_size=1, max_size=12).filter(str.strip),
    cancelled=_sizes,
    reduced=_sizes,
    cleared=_sizes,
    method=st.none() | st.sampled_from(ClearanceMethod),
    start_date=st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)),
    devices_found=st.integers(0, 10**6),
    deminer_days=st.floats(min_value=0, max_value=1e7, allow_nan=False),
    cost=st.floats(min_value=0, max_value=1e10, allow_nan=False),
    currency=st.sampled_from(["USD", "COP", "PEN"]),
    clearance_depth=st.none() | st.floats(min_value=0, max_value=100, allow_nan=False),
)


@given(areas_strategy)
def test_hazardous_area_json_round_trip(area: HazardousArea) -> None:
    assert from_json(to_json(area), HazardousArea) == area


@given(records_strategy)
def test_land_release_record_json_round_trip(record: LandReleaseRecord) -> None:
    assert from_json(to_json(record), LandReleaseRecord) == record
