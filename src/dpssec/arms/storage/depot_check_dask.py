"""Check a depot region whose exposed sites are a table larger than memory (dask).

:func:`~dpssec.arms.storage.depot_check.check_depot` calls :func:`check_depot_partitioned`
when ``exposed_sites`` is given as a table (columns ``id``, ``kind``, ``x``, ``y`` [m],
``description`` optional): the houses, roads and schools of a depot region, hundreds of
thousands of them, read from Parquet. The buildings are few (thousands at most) and are
**broadcast**: every partition of the sites is checked against every building, so the sites
may be partitioned any way (by rows, or spatially by tiles of the grid).

1. A first pass over the ``kind`` and ``id`` columns merges, by a tree reduction, the kinds of
   exposed site present (they set each building's *reach*, the largest distance it can
   require, which decides which pairs are listed) and the ids (which must be unique among
   the buildings and all sites, as in a :class:`~dpssec.arms.storage.models.Depot`).
2. The depot geometry (positions, aggregations and the table of required distances of every
   building towards every kind and face) is built once, in one task, from the buildings and
   the kinds present.
3. The map step: each partition's sites are checked (``id`` a label, ``kind`` an exposed-site
   kind, coordinates finite lengths [m]) and its pairs within reach are found with a k-d tree
   and evaluated, exactly as in memory.
4. The findings are merged by a tree reduction and put in the in-memory order: building
   findings, then the (building, site) pairs by building and site (the site's position in the
   table), then the pairs of buildings.

For example:

>>> import dask.dataframe as dd
>>> import pandas as pd
>>> from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding
>>> from dpssec.arms.storage.depot_check import check_depot
>>> store = ExplosivesBuilding("S1", "heavy_walled_building", 0, 0,
...                            [AmmunitionStock("mortar bombs", "1.1", "D", 10_000)])
>>> sites = pd.DataFrame({"id": ["H1", "H2", "R1"], "x": [450.0, 900.0, 0.0],
...                       "y": [0.0, 0.0, 300.0],
...                       "kind": ["inhabited_building", "inhabited_building",
...                                "public_traffic_route_medium"]})
>>> report = check_depot(Depot("example", [store]), exposed_sites=dd.from_pandas(sites, 2))
>>> [(f.subject, f.severity.value) for f in report.findings[1:]]
[('S1 -> H1', 'violation'), ('S1 -> R1', 'violation')]
"""

from __future__ import annotations

from typing import Any, NamedTuple

import attrs
import numpy as np

from dpssec.arms.storage.depot_check import building_checks
from dpssec.arms.storage.depot_geometry import DepotGeometry, pairs_by_kdtree
from dpssec.arms.storage.depot_report import DepotReport
from dpssec.arms.storage.models import Depot
from dpssec.arms.storage.sites import ExposedSiteKind
from dpssec.boundary import Labels, Length, is_lazy, parse_choice
from dpssec.errors import InputError
from dpssec.findings import Finding
from dpssec.scale import (
    SPLIT_EVERY,
    check_compute,
    finish,
    lazy_function,
    task_name,
    tree_reduce,
)

__all__ = ["SITE_COLUMNS", "check_depot_partitioned", "read_sites"]

SITE_COLUMNS = ("id", "kind", "x", "y")
"""Columns a table of exposed sites must have (``description`` may be added)."""

_COORDINATE = Length(lower=None)  # grid coordinates may be negative
_LABEL = Labels()


def _check_columns(frame: Any) -> None:
    columns = [str(c) for c in frame.columns]
    missing = [c for c in SITE_COLUMNS if c not in columns]
    unexpected = [c for c in columns if c not in (*SITE_COLUMNS, "description")]
    if missing or unexpected:
        raise InputError(
            f"exposed_sites: a table with the columns {list(SITE_COLUMNS)} (and optionally "
            f"'description') is needed; missing {missing}, unexpected {unexpected}"
        )


def _kinds(values: Any) -> tuple[np.ndarray, list[ExposedSiteKind]]:
    """Codes into the list of distinct kinds, each spelling parsed once."""
    labels = _LABEL.convert(values, "kind")
    spellings, codes = np.unique(labels, return_inverse=True)
    kinds = [parse_choice(str(v), ExposedSiteKind, "kind") for v in spellings]
    return codes.reshape(-1), kinds


def read_sites(part: Any) -> tuple[list[str], list[ExposedSiteKind], np.ndarray]:
    """Checked ids, kinds and grid positions [m] of a pandas table of exposed sites.

    Raises
    ------
    InputError
        A row without an id or a kind, an unknown kind, a coordinate that is not a finite
        length (naming the column and the first row).

    Examples
    --------
    >>> import pandas as pd
    >>> from dpssec.arms.storage.depot_check_dask import read_sites
    >>> ids, kinds, xy = read_sites(pd.DataFrame(
    ...     {"id": ["H1"], "kind": ["house"], "x": [1.0], "y": ["-2 m"]}))
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'kind': 'house' is not one of ...
    """
    ids = _LABEL.convert(part["id"], "id").tolist()
    codes, distinct = _kinds(part["kind"])
    kinds = [distinct[c] for c in codes.tolist()]
    xy = np.empty((len(ids), 2))
    for j, axis in enumerate(("x", "y")):
        prepared = _COORDINATE.prepare(part[axis], axis)
        assert prepared is not None  # the spec is not optional
        xy[:, j] = np.asarray(prepared.values, dtype=float)
    return ids, kinds, xy


def _in_partition(number: int, error: InputError) -> InputError:
    where = "the depot's own sites" if number < 0 else f"partition {number}"
    return InputError(f"exposed_sites ({where}): {error}")


class _Survey(NamedTuple):
    """Pass 1: the kinds present and the sorted distinct ids, with repeated ids seen."""

    kinds: frozenset[ExposedSiteKind]
    ids: np.ndarray
    repeated: tuple[str, ...]


def _survey(number: int, part: Any) -> _Survey:
    try:
        ids = _LABEL.convert(part["id"], "id")
        kinds = frozenset(_kinds(part["kind"])[1]) if len(part) else frozenset()
    except InputError as exc:
        raise _in_partition(number, exc) from None
    distinct, counts = np.unique(ids, return_counts=True)
    return _Survey(kinds, distinct, tuple(distinct[counts > 1][:5].tolist()))


def _merge_surveys(*parts: _Survey) -> _Survey:
    ids = np.concatenate([p.ids for p in parts])
    distinct, counts = np.unique(ids, return_counts=True)
    repeated = {r for p in parts for r in p.repeated} | set(distinct[counts > 1][:5].tolist())
    return _Survey(
        frozenset().union(*(p.kinds for p in parts)), distinct, tuple(sorted(repeated)[:5])
    )


def _geometry(depot: Depot, rounding: str, survey: _Survey) -> tuple[DepotGeometry, list[Finding]]:
    """The broadcast part: building findings and the geometry of the buildings."""
    own = {s.id for s in depot.exposed_sites} | {b.id for b in depot.buildings}
    clash = sorted(own.intersection(survey.ids.tolist()))
    repeated = sorted(set(survey.repeated) | set(clash))
    if repeated:
        raise InputError(
            f"depot {depot.name!r}: exposed_sites repeat the id(s) {repeated[:5]} (ids are "
            "unique among the buildings and every exposed site)"
        )
    criteria, aggregations, findings = building_checks(depot)
    kinds = survey.kinds | {s.kind for s in depot.exposed_sites}
    geometry = DepotGeometry(
        attrs.evolve(depot, exposed_sites=()),
        aggregations,
        criteria,
        rounding,
        site_kinds=sorted(kinds, key=lambda k: k.value),
    )
    return geometry, findings


class _Findings(NamedTuple):
    """The site findings of some partitions: (building, partition, site) keys and findings."""

    keys: np.ndarray
    findings: list[Finding]


def _partition_findings(
    prepared: tuple[DepotGeometry, list[Finding]], number: int, part: Any
) -> _Findings:
    """The map step: the pairs of one partition's sites with every building."""
    geometry = prepared[0]
    try:
        ids, kinds, xy = read_sites(part)
    except InputError as exc:
        raise _in_partition(number, exc) from None
    findings, pairs = geometry.with_sites(ids, kinds, xy).site_findings(pairs_by_kdtree)
    keys = np.zeros((len(pairs), 3), dtype=np.int64)
    if pairs:
        keys[:, 0] = [p[0] for p in pairs]
        keys[:, 1] = number
        keys[:, 2] = [p[1] for p in pairs]
    return _Findings(keys, findings)


def _merge_findings(*parts: _Findings) -> _Findings:
    return _Findings(
        np.concatenate([p.keys for p in parts]), [f for p in parts for f in p.findings]
    )


def _report(
    prepared: tuple[DepotGeometry, list[Finding]], merged: _Findings, own: _Findings
) -> DepotReport:
    geometry, building_findings = prepared
    keys = np.concatenate([own.keys, merged.keys])
    site_findings = own.findings + merged.findings
    order = np.lexsort((keys[:, 2], keys[:, 1], keys[:, 0]))  # stable: a pair's findings stay
    depot = geometry.depot
    return DepotReport(
        [
            *building_findings,
            *(site_findings[i] for i in order.tolist()),
            *geometry.building_findings(pairs_by_kdtree),
        ],
        title=f"Depot check: {depot.name}",
        criteria=geometry.criteria.title,
    )


def _own_sites(depot: Depot) -> Any:
    """The depot's own exposed sites as the table that precedes the others (partition -1)."""
    import pandas as pd

    sites = depot.exposed_sites
    return pd.DataFrame(
        {
            "id": [s.id for s in sites],
            "kind": [s.kind.value for s in sites],
            "x": np.array([s.x.magnitude for s in sites], dtype=float),
            "y": np.array([s.y.magnitude for s in sites], dtype=float),
        }
    )


def check_depot_partitioned(
    depot: Depot,
    exposed_sites: Any,
    rounding: str,
    *,
    split_every: int = SPLIT_EVERY,
    compute: bool = True,
) -> Any:
    """:func:`~dpssec.arms.storage.depot_check.check_depot` with a table of exposed sites.

    Parameters
    ----------
    depot : Depot
        Buildings and criteria (its own exposed sites, if any, come first).
    exposed_sites : dask DataFrame or pandas DataFrame
        Columns ``id``, ``kind``, ``x``, ``y`` [m] and optionally ``description``.
    rounding : str
        Parsed ``rounding``.
    split_every : int
        Fan-in of the tree reductions.
    compute : bool
        Compute with the active scheduler, or return a Delayed of the report.

    Returns
    -------
    ComplianceReport or Delayed
    """
    check_compute(compute)
    if not isinstance(depot, Depot):
        raise InputError(f"check_depot needs a Depot; got {type(depot).__name__}")
    if not (hasattr(exposed_sites, "columns") and getattr(exposed_sites, "ndim", 2) == 2):
        raise InputError(
            "exposed_sites: expected a DataFrame (pandas or dask) with the columns "
            f"{list(SITE_COLUMNS)}; got {type(exposed_sites).__name__}"
        )
    _check_columns(exposed_sites)
    own_frame = _own_sites(depot)
    if not is_lazy(exposed_sites):  # one in-memory partition
        prepared = _geometry(depot, rounding, _survey(0, exposed_sites))
        own = _partition_findings(prepared, -1, own_frame)
        return _report(prepared, _partition_findings(prepared, 0, exposed_sites), own)
    kinds_ids = exposed_sites[["id", "kind"]].to_delayed()
    surveyed = [
        lazy_function(_survey)(i, p, dask_key_name=task_name("depot-sites", i, p))
        for i, p in enumerate(kinds_ids)
    ]
    survey = tree_reduce(surveyed, _merge_surveys, split_every=split_every, name="depot-sites")
    prepared = lazy_function(_geometry)(
        depot, rounding, survey, dask_key_name=task_name("depot-geometry", depot, rounding, survey)
    )
    evaluate = lazy_function(_partition_findings)
    parts = [
        evaluate(prepared, i, p, dask_key_name=task_name("depot-pairs", i, p, prepared))
        for i, p in enumerate(exposed_sites.to_delayed())
    ]
    merged = tree_reduce(parts, _merge_findings, split_every=split_every, name="depot-pairs")
    own = evaluate(prepared, -1, own_frame, dask_key_name=task_name("depot-own", prepared))
    report = lazy_function(_report)(
        prepared, merged, own, dask_key_name=task_name("depot-report", merged, own)
    )
    return finish(report, compute)
