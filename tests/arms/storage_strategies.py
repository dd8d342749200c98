"""Hypothesis strategies for the storage models (depots, buildings, stocks, exposed sites)."""

from __future__ import annotations

from hypothesis import strategies as st

from dpssec.arms.storage import (
    VALID_GROUPS,
    AmmunitionStock,
    Depot,
    ExplosivesBuilding,
    ExposedSite,
    ExposedSiteKind,
    HazardDivision,
    PESKind,
    ProtectionLevel,
    StockAttribute,
)

finite = st.floats(-1e5, 1e5, allow_nan=False, allow_infinity=False)
masses = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)
text = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")


@st.composite
def stocks(draw: st.DrawFn) -> AmmunitionStock:
    neq = draw(masses)
    item = draw(st.none() | st.floats(0, 1, allow_nan=False).map(lambda f: f * neq))
    division = draw(st.sampled_from(list(HazardDivision)))
    return AmmunitionStock(
        draw(st.text(max_size=10)),
        division,
        draw(st.sampled_from(sorted(VALID_GROUPS[division], key=lambda g: g.value))),
        neq,
        item_neq=item,
        attributes=draw(st.lists(st.sampled_from(list(StockAttribute)), max_size=3)),
        family=draw(st.text(max_size=5)),
        substance=draw(st.booleans()),
    )


magazine_rows = [k for k in ExposedSiteKind if k.is_magazine]


@st.composite
def buildings(draw: st.DrawFn, id: str = "B") -> ExplosivesBuilding:
    kind = draw(st.sampled_from(list(PESKind)))
    azimuth = draw(st.floats(0, 359.999, allow_nan=False))
    return ExplosivesBuilding(
        id,
        kind,
        draw(finite),
        draw(finite),
        draw(st.lists(stocks(), min_size=1, max_size=3)),
        door_azimuth=azimuth
        if kind is PESKind.EARTH_COVERED_MAGAZINE
        else draw(st.none() | st.just(azimuth)),
        exposed_as=draw(st.none() | st.sampled_from(magazine_rows)),
        large_ecm=kind is PESKind.EARTH_COVERED_MAGAZINE and draw(st.booleans()),
    )


@st.composite
def exposed_sites(draw: st.DrawFn, id: str = "E") -> ExposedSite:
    return ExposedSite(
        id,
        draw(st.sampled_from(list(ExposedSiteKind))),
        draw(finite),
        draw(finite),
        description=draw(st.text(max_size=10)),
    )


@st.composite
def depots(draw: st.DrawFn) -> Depot:
    n_b = draw(st.integers(1, 3))
    n_e = draw(st.integers(0, 3))
    return Depot(
        draw(st.text(max_size=10)),
        [draw(buildings(f"B{i}")) for i in range(n_b)],
        [draw(exposed_sites(f"E{i}")) for i in range(n_e)],
        criteria=draw(st.sampled_from(["IATG_02_20_2021", "AASTP1_2006"])),
        protection_level=draw(st.sampled_from(list(ProtectionLevel))),
        notes=draw(st.text(max_size=10)),
    )
