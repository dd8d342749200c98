"""The depot map: circles and sectors of the required distances, violations, the legend."""

from __future__ import annotations

import json

import pytest

from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
from dpssec.arms.storage.depot_check import check_depot
from dpssec.arms.storage.map_geometry import depot_map_geometry
from dpssec.errors import InputError
from dpssec.plotting import VIOLATION_STYLE
from tests.plot_helpers import (  # noqa: F401
    _rc_params_untouched,
    hide_matplotlib,
    legend_texts,
    new_axes,
)


def _depot() -> Depot:
    store = ExplosivesBuilding(
        "S1", "heavy_walled_building", 0, 0, [AmmunitionStock("mortar bombs", "1.1", "D", 10_000)]
    )
    igloo = ExplosivesBuilding(
        "ECM-1", "earth_covered_magazine", 0, 800,
        [AmmunitionStock("shells", "1.1", "D", 20_000)], door_azimuth=90,
    )  # fmt: skip
    sites = [
        ExposedSite("H1", "inhabited_building", 450, 0),
        ExposedSite("H2", "inhabited_building", -600, 0),
        ExposedSite("R1", "public_traffic_route_medium", 0, 400),
    ]
    return Depot("test", [store, igloo], sites)


def _zones(geometry: dict, pes: str) -> dict[str, dict]:
    return {
        f["properties"]["exposed_site_kind"]: f
        for f in geometry["features"]
        if f["properties"]["role"] == "required_distance" and f["properties"]["pes"] == pes
    }


def test_circle_radius_is_the_required_distance() -> None:
    depot = _depot()
    report = check_depot(depot)
    geometry = depot_map_geometry(depot, report)
    json.dumps(geometry)  # plain data
    circle = _zones(geometry, "S1")["inhabited_building"]["properties"]
    pair = next(f for f in report.findings if f.subject == "S1 -> H1")
    assert circle["shape"] == "circle"
    assert circle["radius_m"] == pytest.approx(pair.details["required_distance_m"])
    ring = _zones(geometry, "S1")["inhabited_building"]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1]
    assert all(abs((x**2 + y**2) ** 0.5 - circle["radius_m"]) < 1e-6 for x, y in ring)


def test_sectors_of_an_earth_covered_magazine_match_the_check() -> None:
    depot = _depot()
    report = check_depot(depot)
    zone = _zones(depot_map_geometry(depot, report), "ECM-1")
    sectors = zone["public_traffic_route_medium"]["properties"]["sectors"]
    assert [s["face"] for s in sectors] == ["front", "side", "rear", "side"]
    assert sectors[0]["from_deg"] == 30.0 and sectors[0]["to_deg"] == 150.0
    # R1 lies due south of ECM-1 (bearing 180): its side sector, the check's distance
    pair = next(f for f in report.findings if f.subject == "ECM-1 -> R1")
    assert pair.details["orientation"] == "side"
    side = next(s for s in sectors if s["from_deg"] <= 180 < s["to_deg"])
    assert side["radius_m"] == pytest.approx(pair.details["required_distance_m"])


def test_map_draws_to_scale_with_violations_and_criteria() -> None:
    depot = _depot()
    report = check_depot(depot)
    ax = new_axes()
    assert depot.plot(ax, report=report) is ax
    circles = [p for p in ax.patches if type(p).__name__ == "Circle"]
    geometry = depot_map_geometry(depot, report)
    zones = _zones(geometry, "S1")
    assert sorted(c.radius for c in circles) == pytest.approx(
        sorted(z["properties"]["radius_m"] for z in zones.values())
    )
    wedges = [p for p in ax.patches if type(p).__name__ == "Wedge"]
    assert len(wedges) == 2 * 4  # two kinds x (front, side, rear, side)
    violations = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(violations) == len(report.violations)
    assert violations[0].get_color() == VIOLATION_STYLE["color"]
    too_close = [line for line in ax.lines if line.get_marker() == "X"]
    assert {tuple(xy) for xy in too_close[0].get_xydata()} == {(450.0, 0.0)}
    assert ax.get_legend().get_title().get_text() == f"Criteria: {report.criteria}"
    assert "2021" in report.criteria
    assert "violation: closer than required" in legend_texts(ax)
    assert ax.get_aspect() == 1.0
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("grid east [m]", "grid north [m]")


def test_aastp_criteria_in_the_legend_and_foreign_reports_refused() -> None:
    depot = _depot()
    other = Depot("aastp", depot.buildings, depot.exposed_sites, criteria="AASTP1_2006")
    ax = other.plot()
    assert "AASTP-1" in ax.get_legend().get_title().get_text()
    stranger = Depot("x", [depot.buildings[0]], [ExposedSite("Z9", "inhabited_building", 10, 0)])
    with pytest.raises(InputError, match="does not have"):
        depot_map_geometry(depot, check_depot(stranger))


def test_missing_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    depot = _depot()
    hide_matplotlib(monkeypatch)
    with pytest.raises(ImportError, match=r"dpssec\[plot\]"):
        depot.plot()


def test_violation_labels_do_not_collide() -> None:
    """The demo depot's two violations to one workshop: numbered tags apart, distances listed."""
    from importlib.resources import files

    from dpssec.serialization import from_json

    text = files("dpssec.data").joinpath("arms_demo_depot.json").read_text(encoding="utf-8")
    depot = from_json(text, Depot)
    report = check_depot(depot)
    ax = depot.plot(report=report)
    tags = [t for t in ax.texts if t.get_text().isdigit()]
    lines = [
        f["properties"]
        for f in depot_map_geometry(depot, report)["features"]
        if f["properties"]["role"] == "violation"
    ]
    assert len(lines) == 3
    assert sorted(t.get_text() for t in tags) == ["1", "2", "3"]
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in tags]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    legend = legend_texts(ax)
    for p in lines:
        assert (
            f"{p['id']}: {p['actual_distance_m']:.0f} m < {p['required_distance_m']:.0f} m"
            in legend
        )
