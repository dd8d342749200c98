"""Tests of the PES / exposed-site enums (the keys of the quantity-distance matrices)."""

from __future__ import annotations

import pytest

import dpssec.arms
from dpssec.arms.storage import ExposedSiteKind, Orientation, PESKind, ProtectionLevel


def test_api_members_exist() -> None:
    for name in (
        "INHABITED_BUILDING",
        "VULNERABLE_BUILDING",
        "PUBLIC_TRAFFIC_ROUTE_LOW",
        "PUBLIC_TRAFFIC_ROUTE_MEDIUM",
        "PUBLIC_TRAFFIC_ROUTE_HIGH",
        "WORKSHOP_PROTECTED_BARRICADED",
        "WORKSHOP_LIGHT_BARRICADED",
        "WORKSHOP_UNBARRICADED",
    ):
        assert ExposedSiteKind[name].value == name.lower()
    assert {p.name for p in PESKind} == {
        "EARTH_COVERED_MAGAZINE",
        "HEAVY_WALLED_BUILDING",
        "BARRICADED_STACK",
        "UNBARRICADED_STACK",
    }
    assert [o.value for o in Orientation] == ["front", "side", "rear"]
    assert dpssec.arms.PESKind is PESKind


def test_table1_rows_cover_1_to_20() -> None:
    rows = {kind.table_row for kind in ExposedSiteKind}
    assert rows == set(range(1, 21))
    magazines = [k for k in ExposedSiteKind if k.is_magazine]
    assert len(magazines) == 15


@pytest.mark.parametrize(
    ("kind", "verified"),
    [
        (ExposedSiteKind.OTHER_ECM_HEAVY_DOOR, False),
        (ExposedSiteKind.OTHER_ECM_UNDEFINED_DOOR, False),
        (ExposedSiteKind.IGLOO_3BAR_FRONT, True),
        (ExposedSiteKind.HEAVY_WALLED_BUILDING_ROOFED, True),
    ],
)
def test_pictograph_rows_flagged(kind: ExposedSiteKind, verified: bool) -> None:
    assert kind.label_verified is verified


def test_descriptions_and_flags() -> None:
    for kind in ExposedSiteKind:
        assert kind.description
    for pes in PESKind:
        assert pes.description
    assert ExposedSiteKind.WORKSHOP_UNBARRICADED.is_workshop
    assert ExposedSiteKind.PUBLIC_TRAFFIC_ROUTE_LOW.is_public_traffic_route
    assert ProtectionLevel.HIGH.superscript == "b"
