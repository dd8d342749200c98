"""check_depot with the exposed sites as a (dask) table: the findings of the in-memory depot."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
from dpssec.arms.storage.depot_check import check_depot
from dpssec.errors import InputError

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

pytestmark = pytest.mark.usefixtures("synchronous_dask")

SITE_KINDS = [
    "inhabited_building", "inhabited_building", "public_traffic_route_low", "public_traffic_route_medium", "public_traffic_route_high",
    "workshop_unbarricaded",
]  # fmt: skip


def network(n_sites: int, seed: int = 7) -> tuple[Depot, pd.DataFrame]:
    """Three small depots (igloos, heavy-walled buildings, stacks; HD 1.1, 1.2 + 1.3, 1.4
    mixed) and exposed sites, half in villages around the depots."""
    rng = np.random.default_rng(seed)
    kinds = ["earth_covered_magazine", "heavy_walled_building", "barricaded_stack",
             "unbarricaded_stack"]  # fmt: skip
    buildings = []
    centres = np.array([[2_000.0, 2_000.0], [9_000.0, 3_000.0], [5_000.0, 8_000.0]])
    for d, (cx, cy) in enumerate(centres):
        for j in range(8):
            kind = kinds[j % 4]
            neq = float(rng.uniform(500, 20_000))
            stocks = [AmmunitionStock("HE", "1.1", "D", neq)]
            if j % 3 == 1:
                stocks = [
                    AmmunitionStock("bombs", "1.2.1", "E", neq / 2, item_neq=0.9),
                    AmmunitionStock("propellant", "1.3", "C", neq / 2),
                ]
            elif j % 3 == 2:
                stocks.append(AmmunitionStock("cartridges", "1.4", "S", 300.0))
            door = float(rng.choice([0.0, 90.0, 180.0, 270.0]))
            buildings.append(
                ExplosivesBuilding(
                    f"D{d}-B{j}", kind, cx + 150.0 * (j % 4), cy + 180.0 * (j // 4), stocks,
                    door_azimuth=door if kind == "earth_covered_magazine" else None,
                )
            )  # fmt: skip
    xy = rng.uniform(0, 11_000, (n_sites, 2))
    village = rng.random(n_sites) < 0.5
    angle = rng.uniform(0, 2 * np.pi, n_sites)
    radius = rng.uniform(20, 1_500, n_sites)
    near = centres[rng.integers(3, size=n_sites)]
    xy[village] = (near + np.c_[radius * np.cos(angle), radius * np.sin(angle)])[village]
    sites = pd.DataFrame(
        {
            "id": [f"E{i}" for i in range(n_sites)],
            "kind": np.array(SITE_KINDS)[rng.integers(len(SITE_KINDS), size=n_sites)],
            "x": xy[:, 0],
            "y": xy[:, 1],
        }
    )
    # a house 12 m from every building storing HD 1.4 with other divisions (25 m overriding)
    hd14 = [b for b in buildings if len(b.stocks) == 2 and b.stocks[1].neq.magnitude == 300.0]
    for i, b in enumerate(hd14):
        sites.loc[(37 * i + 5) % n_sites, ["kind", "x", "y"]] = [
            "inhabited_building",
            *np.add(b.position, 12.0),
        ]
    # a kind that occurs once, in the last partition only: it sets the reach of every building
    sites.loc[n_sites - 1, "kind"] = "vulnerable_building"
    return Depot("SYNTHETIC", buildings), sites


def as_objects(frame: pd.DataFrame) -> list[ExposedSite]:
    return [
        ExposedSite(i, k, float(x), float(y))
        for i, k, x, y in frame[["id", "kind", "x", "y"]].itertuples(index=False)
    ]


@pytest.fixture(scope="module")
def region() -> tuple[Depot, pd.DataFrame, Any]:
    depot, sites = network(1500)
    eager = check_depot(attrs.evolve(depot, exposed_sites=as_objects(sites)))
    return depot, sites, eager


def test_dask_sites_give_the_in_memory_findings(region: Any) -> None:
    depot, sites, eager = region
    lazy = check_depot(depot, exposed_sites=dd.from_pandas(sites, npartitions=6))
    codes = {f.code for f in eager.findings}
    assert {"qd-inhabited_building", "qd-imd", "hd14-overriding-distance"} <= codes
    assert len(eager.violations) > 10
    assert lazy.findings == eager.findings
    assert (lazy.title, lazy.criteria) == (eager.title, eager.criteria)


def test_spatial_partitions_and_own_sites(region: Any) -> None:
    depot, sites, _ = region
    # tiles of the grid, in another order than the rows: the order of the findings follows
    # the table given, so compare with a depot holding the sites in that order
    tiled = sites.assign(tile=(sites.x // 4_000) * 3 + sites.y // 4_000).sort_values(
        "tile", kind="stable"
    )
    first, rest = tiled.iloc[:100], tiled.iloc[100:]
    frame = dd.from_pandas(rest.drop(columns="tile"), npartitions=5, sort=False)
    own = attrs.evolve(depot, exposed_sites=as_objects(first))
    expected = check_depot(attrs.evolve(depot, exposed_sites=as_objects(tiled)))
    assert check_depot(own, exposed_sites=frame).findings == expected.findings
    # an in-memory table takes the same path without dask
    assert check_depot(own, exposed_sites=rest.drop(columns="tile")).findings == (expected.findings)


def test_parquet_and_compute_false(region: Any, tmp_path: Any) -> None:
    depot, sites, eager = region
    sites.to_parquet(tmp_path / "sites.parquet", row_group_size=400)
    frame = dd.read_parquet(tmp_path / "sites.parquet", split_row_groups=True)
    lazy = check_depot(depot, exposed_sites=frame, compute=False)
    assert type(lazy).__name__ == "Delayed"
    assert lazy.compute().findings == eager.findings


def test_bad_sites_are_refused_naming_the_partition() -> None:
    depot, sites = network(40)
    bad = sites.copy()
    bad.loc[33, "kind"] = "garden shed"
    with pytest.raises(InputError, match=r"exposed_sites \(partition 3\): parameter 'kind'"):
        check_depot(depot, exposed_sites=dd.from_pandas(bad, npartitions=4))
    bad = sites.copy()
    bad.loc[12, "x"] = np.inf
    with pytest.raises(InputError, match=r"partition 1\): parameter 'x'.*infinite"):
        check_depot(depot, exposed_sites=dd.from_pandas(bad, npartitions=4))
    bad = sites.copy()
    bad.loc[39, "id"] = "E2"  # a repeated id across partitions
    with pytest.raises(InputError, match=r"repeat the id\(s\) \['E2'\]"):
        check_depot(depot, exposed_sites=dd.from_pandas(bad, npartitions=4))
    bad.loc[39, "id"] = "D0-B1"  # a building's id
    with pytest.raises(InputError, match="D0-B1"):
        check_depot(depot, exposed_sites=dd.from_pandas(bad, npartitions=4))
    with pytest.raises(InputError, match="missing \\['kind'\\]"):
        check_depot(depot, exposed_sites=sites.drop(columns="kind"))
    with pytest.raises(InputError, match="expected a DataFrame"):
        check_depot(depot, exposed_sites=[1, 2])


@settings(max_examples=6, deadline=None)
@given(
    cuts=st.lists(st.integers(1, 299), max_size=6, unique=True),
    split_every=st.integers(2, 4),
)
def test_random_partitionings_give_identical_findings(cuts: list[int], split_every: int) -> None:
    from dpssec.arms.storage.depot_check_dask import check_depot_partitioned

    depot, sites = network(300, seed=11)
    eager = check_depot(attrs.evolve(depot, exposed_sites=as_objects(sites)))
    bounds = [0, *sorted(cuts), len(sites)]
    parts = [
        dask.delayed(sites.iloc[a:b].reset_index(drop=True)) for a, b in itertools.pairwise(bounds)
    ]
    frame = dd.from_delayed(parts, meta=sites.iloc[:0])
    lazy = check_depot_partitioned(depot, frame, "none", split_every=split_every)
    assert lazy.findings == eager.findings
