"""The depot site map as GeoJSON-like data: sites, required-distance zones, violations.

:func:`depot_map_geometry` turns a :class:`~dpssec.arms.storage.models.Depot` and its check
(:func:`~dpssec.arms.storage.depot_check.check_depot`) into a GeoJSON ``FeatureCollection`` in
the depot's own coordinate system (the local metric grid: ``x`` east, ``y`` north, metres), so
that matplotlib (:mod:`dpssec.arms.storage.plots`), a web map or a GIS draws the same picture:

* one ``Point`` per explosives building (``role: "pes"``) and per exposed site
  (``role: "exposed_site"``), with its status (``"violation"``, ``"warning"``, ``"ok"``) from
  the report;
* one ``Polygon`` per building and exposed-site kind (``role: "required_distance"``): the
  area within which a site of that kind is too close. Where the PES face does not matter it
  is a **circle** (``shape: "circle"``, ``radius_m`` = the required distance); for an
  earth-covered magazine, or a heavy-walled building with a known door azimuth, it is made of
  **sectors** (``shape: "sectors"``, each with ``from_deg``, ``to_deg`` as bearings clockwise
  from grid north, its ``face`` and ``radius_m``), following the front, side and rear sectors
  of AASTP-1 (2006) Annex I-A Notes 1-2 (front within 60° of the door axis, 10° for HD 1.2;
  rear within 45° of the back axis). The polygon approximates circles by
  ``360 / resolution_deg`` vertices; the exact shape is in the properties;
* one ``LineString`` per violation (``role: "violation"``) from the building to the site or
  building too close, with the required and actual distances and the citation.

The required distance of a zone is the greatest over the building's assessed divisions, as the
check takes it; it is the same number the check reports for a site of that kind.

For example:

>>> from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
>>> from dpssec.arms.storage.map_geometry import depot_map_geometry
>>> store = ExplosivesBuilding("S1", "heavy_walled_building", 0, 0,
...                            [AmmunitionStock("mortar bombs", "1.1", "D", 10_000)])
>>> depot = Depot("example", [store], [ExposedSite("H1", "inhabited_building", 450, 0)])
>>> geometry = depot_map_geometry(depot)
>>> zone = [f for f in geometry["features"] if f["properties"]["role"] == "required_distance"][0]
>>> zone["properties"]["shape"], round(zone["properties"]["radius_m"], 1)
('circle', 478.3)
>>> [f["properties"]["id"] for f in geometry["features"] if f["properties"]["role"] == "violation"]
['S1 -> H1']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from dpssec.arms.storage.aggregation import MixedDivisionRules, aggregate_stocks
from dpssec.arms.storage.building_findings import reclassify_hd122
from dpssec.arms.storage.classification import HazardDivision
from dpssec.arms.storage.depot_geometry import DepotGeometry
from dpssec.arms.storage.distances import CRITERIA_SETS
from dpssec.arms.storage.models import (
    FRONT_SECTOR_DEG,
    FRONT_SECTOR_HD12_DEG,
    REAR_SECTOR_DEG,
    Depot,
)
from dpssec.arms.storage.sites import ExposedSiteKind
from dpssec.errors import InputError
from dpssec.findings import ComplianceReport, Severity

__all__ = ["depot_geometry", "depot_map_geometry", "zone_sectors"]

_HD12 = (HazardDivision.HD_1_2_1, HazardDivision.HD_1_2_2)
_RANK = {"violation": 2, "warning": 1, "ok": 0}


def depot_geometry(depot: Depot, *, rounding: str = "none") -> DepotGeometry:
    """The arrays and required-distance table of a depot, built as the check builds them.

    HD 1.2.2 stocks above the criteria set's item-NEQ split are read as HD 1.2.1 and each
    building's stocks are aggregated with the set's mixed-division rules, as in
    :func:`~dpssec.arms.storage.depot_check.check_depot`.
    """
    if not isinstance(depot, Depot):
        raise InputError(f"depot_map_geometry needs a Depot; got {type(depot).__name__}")
    criteria = CRITERIA_SETS[depot.criteria]
    rules = (
        MixedDivisionRules.AASTP1_2006
        if depot.criteria == "AASTP1_2006"
        else MixedDivisionRules.IATG_02_20_2021
    )
    buildings = [reclassify_hd122(b, criteria.hd12_item_neq_split) for b in depot.buildings]
    aggregations = [aggregate_stocks(b.stocks, rules=rules) for b in buildings]
    return DepotGeometry(depot, aggregations, criteria, rounding)


def _face(deviation: float, front_half: float) -> str:
    rear_half = REAR_SECTOR_DEG - 90.0
    if deviation <= front_half + 1e-9:
        return "front"
    if deviation > 180.0 - rear_half + 1e-9:
        return "rear"
    return "side"


def zone_sectors(
    door_azimuth: float, by_division: Iterable[tuple[HazardDivision, dict[str, float]]]
) -> list[dict[str, Any]]:
    """Angular sectors of constant required distance around an oriented building.

    Parameters
    ----------
    door_azimuth : float
        Direction the door (front face) looks, clockwise from grid north [deg].
    by_division : iterable of (HazardDivision, {"front", "side", "rear": distance [m]})
        The required distance of each assessed division per face
        (:meth:`DepotGeometry.required_by_face
        <dpssec.arms.storage.depot_geometry.DepotGeometry.required_by_face>`).

    Returns
    -------
    list of dict
        ``from_deg``, ``to_deg`` (bearings, clockwise; ``to_deg`` may exceed 360 when the
        sector crosses north), ``face`` (of the governing division) and ``radius_m`` (the
        greatest required distance over the divisions in that direction), covering 360°.

    Examples
    --------
    >>> from dpssec.arms.storage.classification import HazardDivision
    >>> from dpssec.arms.storage.map_geometry import zone_sectors
    >>> sectors = zone_sectors(90.0, [(HazardDivision.HD_1_1,
    ...                                {"front": 400.0, "side": 300.0, "rear": 200.0})])
    >>> [(s["face"], s["from_deg"], s["to_deg"], s["radius_m"]) for s in sectors]
    [('front', 30.0, 150.0, 400.0), ('side', 150.0, 225.0, 300.0), ('rear', 225.0, 315.0, 200.0), ('side', 315.0, 390.0, 300.0)]
    """
    slots = [
        (FRONT_SECTOR_HD12_DEG - 90.0 if d in _HD12 else FRONT_SECTOR_DEG - 90.0, faces)
        for d, faces in by_division
    ]
    if not slots:
        return []
    rear_half = REAR_SECTOR_DEG - 90.0
    edges = set()
    for front_half, _ in slots:
        for offset in (-front_half, front_half, 180.0 - rear_half, 180.0 + rear_half):
            edges.add(round(float(np.mod(door_azimuth + offset, 360.0)), 9))
    bounds = sorted(edges)
    sectors: list[dict[str, Any]] = []
    for k, low in enumerate(bounds):
        high = bounds[k + 1] if k + 1 < len(bounds) else bounds[0] + 360.0
        middle = (low + high) / 2.0
        deviation = abs(float(np.mod(middle - door_azimuth + 180.0, 360.0)) - 180.0)
        candidates = [
            (faces[_face(deviation, front_half)], _face(deviation, front_half))
            for front_half, faces in slots
        ]
        radius, face = max(candidates, key=lambda c: c[0])
        if sectors and sectors[-1]["radius_m"] == radius and sectors[-1]["face"] == face:
            sectors[-1]["to_deg"] = high
        else:
            sectors.append({"from_deg": low, "to_deg": high, "face": face, "radius_m": radius})
    first, last = sectors[0], sectors[-1]
    if len(sectors) > 1 and (first["radius_m"], first["face"]) == (last["radius_m"], last["face"]):
        # the same sector on both sides of the first bound: one sector across it
        sectors.pop(0)
        last["to_deg"] = first["to_deg"] + 360.0
    return sectors


def _arc(
    x: float, y: float, radius: float, start: float, stop: float, step: float
) -> list[list[float]]:
    count = max(int(np.ceil((stop - start) / step)), 1)
    bearings = np.radians(np.linspace(start, stop, count + 1))
    return [[x + radius * float(np.sin(b)), y + radius * float(np.cos(b))] for b in bearings]


def _status(findings: list[Any]) -> dict[str, str]:
    status: dict[str, str] = {}
    for finding in findings:
        details = finding.details or {}
        word = {Severity.VIOLATION: "violation", Severity.WARNING: "warning"}.get(
            finding.severity, "ok"
        )
        for key in ("exposed_site", "pes"):
            name = details.get(key)
            if name is None:
                continue
            if key == "pes" and word == "violation" and finding.code != "qd-imd":
                continue  # a building is not "in violation" because a house is too close
            if _RANK[word] > _RANK[status.get(name, "ok")]:
                status[name] = word
    return status


def depot_map_geometry(
    depot: Depot,
    report: ComplianceReport | None = None,
    *,
    kinds: Iterable[ExposedSiteKind | str] | None = None,
    resolution_deg: float = 2.0,
    rounding: str = "none",
) -> dict[str, Any]:
    """The depot map as a GeoJSON ``FeatureCollection`` in the depot's grid (metres).

    Parameters
    ----------
    depot : Depot
    report : ComplianceReport, optional
        Its :func:`~dpssec.arms.storage.depot_check.check_depot` report (checked here when
        None); gives each site's status and the violations.
    kinds : iterable of ExposedSiteKind or str, optional
        The exposed-site kinds whose required-distance zones are drawn; default: the kinds of
        the depot's exposed sites.
    resolution_deg : float
        Angular step of the polygon approximation of arcs [deg].
    rounding : {"none", "ceil", "table"}
        Rounding of the required distances, as for the check.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...], "properties": {...}}`` with the
        depot's name, the criteria set (``criteria``: key, ``criteria_title``: the document
        and edition) and ``units: "m"``. Features are described in the module docs.

    Raises
    ------
    InputError
        Not a Depot; a report that names buildings or sites the depot does not have.
    """
    if report is None:
        from dpssec.arms.storage.depot_check import check_depot

        report = check_depot(depot, rounding=rounding)
    geometry = depot_geometry(depot, rounding=rounding)
    ids = {b.id for b in depot.buildings} | {s.id for s in depot.exposed_sites}
    pair_findings = [f for f in report.findings if "pes" in (f.details or {})]
    for finding in pair_findings:
        for key in ("pes", "exposed_site"):
            name = finding.details.get(key)
            if name is not None and name not in ids:
                raise InputError(
                    f"the report names {key} {name!r}, which the depot {depot.name!r} does not "
                    "have: pass the report of this depot"
                )
    status = _status(pair_findings)
    chosen = (
        sorted({s.kind for s in depot.exposed_sites}, key=lambda k: k.value)
        if kinds is None
        else [ExposedSiteKind(getattr(k, "value", k)) for k in kinds]
    )
    step = float(resolution_deg)
    features: list[dict[str, Any]] = []
    violated = {
        (f.details["pes"], f.details.get("exposed_site_kind"))
        for f in pair_findings
        if f.severity is Severity.VIOLATION
    }
    for i, building in enumerate(depot.buildings):
        x, y = building.position
        for kind in chosen:
            faces = geometry.required_by_face(i, kind)
            properties: dict[str, Any] = {
                "role": "required_distance",
                "pes": building.id,
                "exposed_site_kind": kind.value,
                "center": [x, y],
                "violated": (building.id, kind.value) in violated,
            }
            if faces and "" not in faces[0][1]:
                sectors = zone_sectors(float(building.door_azimuth or 0.0), faces)
                ring: list[list[float]] = []
                for sector in sectors:
                    ring += _arc(
                        x, y, sector["radius_m"], sector["from_deg"], sector["to_deg"], step
                    )
                ring.append(ring[0])
                properties.update(
                    shape="sectors",
                    door_azimuth=building.door_azimuth,
                    sectors=sectors,
                    radius_m=max(s["radius_m"] for s in sectors),
                )
            else:
                radius = max((f[""] for _, f in faces), default=0.0)
                ring = _arc(x, y, radius, 0.0, 360.0, step)
                ring[-1] = ring[0]
                properties.update(shape="circle", radius_m=radius)
            features.append(
                {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
                 "properties": properties}
            )  # fmt: skip
    for building in depot.buildings:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(building.position)},
                "properties": {
                    "role": "pes",
                    "id": building.id,
                    "kind": building.kind.value,
                    "neq_kg": float(building.neq.to("kg").magnitude),
                    "door_azimuth": building.door_azimuth,
                    "status": status.get(building.id, "ok"),
                },
            }
        )
    for site in depot.exposed_sites:
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(site.x.magnitude), float(site.y.magnitude)],
                },
                "properties": {
                    "role": "exposed_site",
                    "id": site.id,
                    "kind": site.kind.value,
                    "description": site.description,
                    "status": status.get(site.id, "ok"),
                },
            }
        )
    where = {b.id: list(b.position) for b in depot.buildings}
    where.update({s.id: [float(s.x.magnitude), float(s.y.magnitude)] for s in depot.exposed_sites})
    for finding in pair_findings:
        if finding.severity is not Severity.VIOLATION:
            continue
        details = finding.details
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [where[details["pes"]], where[details["exposed_site"]]],
                },
                "properties": {
                    "role": "violation",
                    "id": finding.subject,
                    "code": finding.code,
                    "exposed_site_kind": details.get("exposed_site_kind"),
                    "required_distance_m": details.get("required_distance_m"),
                    "actual_distance_m": details.get("actual_distance_m"),
                    "message": finding.message,
                    "reference": None if finding.reference is None else str(finding.reference),
                },
            }
        )
    criteria = CRITERIA_SETS[depot.criteria]
    return {
        "type": "FeatureCollection",
        "properties": {
            "depot": depot.name,
            "criteria": depot.criteria,
            "criteria_title": report.criteria or criteria.title,
            "units": "m",
            "crs": "local metric grid: x east, y north [m]",
            "violations": sum(1 for f in features if f["properties"]["role"] == "violation"),
        },
        "features": features,
    }
