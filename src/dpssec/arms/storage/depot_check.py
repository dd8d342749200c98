"""Check a whole depot: compatibility, aggregation and quantity-distances, with citations.

:func:`check_depot` answers, for a :class:`~dpssec.arms.storage.models.Depot`:

1. per building, may its stocks share the building (AASTP-1 2006 Tables 5 and 6, see
   :mod:`~dpssec.arms.storage.mixing`), does an HD 1.2.2 stock fall on the criteria set's
   HD 1.2.1 side of the item-NEQ split, and how its stocks aggregate (the governing division,
   the NEQ that counts and the rule; :mod:`~dpssec.arms.storage.aggregation`);
2. for every pair of a potential explosion site (PES) and an exposed site (ES) within reach,
   and every pair of explosives buildings within reach (each in turn PES and ES), the required
   distance, the actual distance and the permissible NEQ at the actual distance, as a
   finding that cites the matrix table, row, column and edition:

   * ``VIOLATION`` when the actual distance is shorter than the required distance;
   * ``WARNING`` when it complies but the deciding cell or its reading is unverified, or the
     NEQ lies below the set's tabulated range ("use with extreme caution");
   * ``INFO`` otherwise.

A pair is *within reach* when its distance does not exceed the largest distance the building
can require of any exposed site of the depot (over its assessed divisions, the site kinds
present and the three ECM faces); pairs farther apart comply by construction and are not
listed. They are found with a k-d tree (:class:`scipy.spatial.cKDTree`), not by testing all
pairs, and the distances and permissible NEQs are computed by vectorised calls of
:func:`~dpssec.arms.storage.distances.required_distance` and
:func:`~dpssec.arms.storage.distances.permissible_neq`, grouped by matrix cell.

Conventions: the required distance is the unrounded formula value (``rounding="none"``;
pass ``rounding="ceil"`` or ``"table"`` to compare against rounded values); for a PES-PES
pair the target building is exposed as its ``exposed_as`` row, and an earth-covered target's
face towards the PES is found with the same sector rule; the depot's protection level picks
the inter-magazine alternative where the cell offers it (the most protective alternative
otherwise); where HD 1.4 is stored with other divisions, pairs closer than the overriding
25 m (AASTP-1 2006 §1.3.2.5 1) get a warning.

For example:

>>> from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
>>> from dpssec.arms.storage.depot_check import check_depot
>>> stock = AmmunitionStock("mortar bombs", "1.1", "D", 10_000)
>>> store = ExplosivesBuilding("S1", "heavy_walled_building", 0, 0, [stock])
>>> house = ExposedSite("H1", "inhabited_building", 450, 0)
>>> report = check_depot(Depot("example", [store], [house]))
>>> print(report.violations[0].message)
H1 (inhabited_building) is 450 m from S1; HD 1.1 10000 kg needs 478.3 m (D13); permissible NEQ at 450 m: 8328 kg
>>> print(report.violations[0].reference)
IATG 02.20 2021 (3rd ed.), Annex D Table D.1, row inhabited_building, column heavy-walled building, door or opening towards the ES
"""

from __future__ import annotations

from typing import Any

from dpssec.arms.storage.aggregation import Aggregation, MixedDivisionRules, aggregate_stocks
from dpssec.arms.storage.building_findings import (
    aggregation_finding,
    mixing_findings,
    reclassify_hd122,
    subdivision_findings,
)
from dpssec.arms.storage.classification import CompatibilityGroup, HazardDivision
from dpssec.arms.storage.criteria_sets import CRITERIA_SETS
from dpssec.arms.storage.depot_geometry import DepotGeometry, PairFinder, pairs_by_kdtree
from dpssec.arms.storage.depot_report import DepotReport
from dpssec.arms.storage.distances import DISTANCE_ROUNDING
from dpssec.arms.storage.models import AmmunitionStock, Depot, ExplosivesBuilding, ExposedSite
from dpssec.arms.storage.sites import ExposedSiteKind, PESKind
from dpssec.boundary import Choice, Model, calculator
from dpssec.errors import InputError
from dpssec.findings import Finding
from dpssec.units import Q_

__all__ = ["building_checks", "check_depot", "check_depot_with"]

HD = HazardDivision
CG = CompatibilityGroup


@calculator(
    depot=Model(Depot),
    rounding=Choice(DISTANCE_ROUNDING),
    example={
        "depot": Depot(
            "example",
            (
                ExplosivesBuilding(
                    "S1",
                    PESKind.HEAVY_WALLED_BUILDING,
                    Q_(0.0, "m"),
                    Q_(0.0, "m"),
                    (AmmunitionStock("mortar bombs", HD.HD_1_1, CG.D, Q_(10_000.0, "kg")),),
                ),
            ),
            (ExposedSite("H1", ExposedSiteKind.INHABITED_BUILDING, Q_(450.0, "m"), Q_(0.0, "m")),),
        )
    },
)
def check_depot(
    depot: Depot, *, rounding: str = "none", exposed_sites: Any = None, compute: bool = True
) -> Any:
    """Check a depot's compatibility, aggregation and quantity-distances.

    Parameters
    ----------
    depot : Depot
        Buildings (PES), exposed sites and the criteria set name.
    rounding : {"none", "ceil", "table"}
        Rounding of the required distances (see
        :func:`~dpssec.arms.storage.distances.required_distance`).
    exposed_sites : dask DataFrame or DataFrame, optional
        More exposed sites, as a table with the columns ``id``, ``kind`` and ``x``, ``y`` [m]
        (``description`` optional): a region with hundreds of thousands of sites, read from
        Parquet. They follow the depot's own exposed sites. Each partition is checked against
        every building (the buildings are broadcast), out of core (see
        :mod:`~dpssec.arms.storage.depot_check_dask`); the findings are those of a depot
        holding the same sites.
    compute : bool
        With ``exposed_sites`` as a dask DataFrame: compute with the active scheduler
        (default), or return a :class:`dask.delayed.Delayed` of the report.

    Returns
    -------
    DepotReport
        A :class:`~dpssec.findings.ComplianceReport`: building findings (mixing, HD 1.2
        sub-division, aggregation), then one finding per pair within reach, ordered by building
        and target (a Delayed of it with dask ``exposed_sites`` and ``compute=False``). Each
        pair finding's ``details``
        hold the required and actual distance [m], the permissible NEQ at the actual distance
        [kg], the governing division, table, row, column and orientation; its flat table
        (``to_frame()``) has one row per pair with these numbers, the verdict and the clause.

    Raises
    ------
    InputError
        If the depot is not a :class:`Depot`, has no buildings (nothing to check: an empty
        file or ``{}`` read as a depot), or an HD 1.6 stock has no ``item_neq`` (its distance
        needs one munition's NEQ); raised before anything is computed.

    References
    ----------
    IATG 02.20:2021 (3rd ed.) Annexes D-L, Table 6; AASTP-1 Ed.1 Ch.2 (2006) Part I Tables
    4-6, §1.3.2.5-6, Annex I-A Tables 1-3.

    Examples
    --------
    >>> from dpssec.arms.storage import AmmunitionStock, Depot, ExplosivesBuilding
    >>> from dpssec.arms.storage.depot_check import check_depot
    >>> a = ExplosivesBuilding("A", "unbarricaded_stack", 0, 0,
    ...                        [AmmunitionStock("gas shells", "1.1", "K", 100),
    ...                         AmmunitionStock("cartridges", "1.4", "S", 50)])
    >>> [f.code for f in check_depot(Depot("d", [a])).findings]
    ['mixing-not-permitted', 'aggregation']
    """
    if exposed_sites is not None:
        from dpssec.arms.storage.depot_check_dask import check_depot_partitioned

        return check_depot_partitioned(depot, exposed_sites, rounding, compute=compute)
    return check_depot_with(depot, pairs_by_kdtree, rounding)


def check_depot_with(depot: Depot, find_pairs: PairFinder, rounding: str) -> DepotReport:
    """:func:`check_depot` with another way of finding the pairs within reach.

    ``find_pairs`` is a :data:`~dpssec.arms.storage.depot_geometry.PairFinder`; the tests pass
    a brute-force one to confirm that the k-d tree misses no pair. ``rounding`` is parsed.
    """
    criteria, aggregations, findings = building_checks(depot)
    geometry = DepotGeometry(depot, aggregations, criteria, rounding)
    findings += geometry.pair_findings(find_pairs)
    return DepotReport(
        findings,
        title=f"Depot check: {depot.name}",
        criteria=criteria.title,
    )


def building_checks(depot: Depot) -> tuple[Any, list[Aggregation], list[Finding]]:
    """The criteria set, each building's aggregation and the building findings of a depot.

    The first part of every depot check (in memory or out of core): mixing, HD 1.2
    sub-division and aggregation findings, in the order of the buildings.

    Raises
    ------
    InputError
        Not a Depot, no buildings, an HD 1.6 stock without ``item_neq``.
    """
    if not isinstance(depot, Depot):
        raise InputError(f"check_depot needs a Depot; got {type(depot).__name__}")
    if not depot.buildings:
        raise InputError(
            f"depot {depot.name!r} has no buildings (no potential explosion site): nothing to "
            "check; give its buildings with their stocks"
        )
    criteria = CRITERIA_SETS[depot.criteria]
    rules = (
        MixedDivisionRules.AASTP1_2006
        if depot.criteria == "AASTP1_2006"
        else MixedDivisionRules.IATG_02_20_2021
    )
    # an HD 1.2.2 stock whose item NEQ is above the set's split is HD 1.2.1 (IATG 02.20:2021
    # Table 9; AASTP-1 2006 §1.2.1.2 b): aggregate and measure it as such, not as declared
    buildings = tuple(reclassify_hd122(b, criteria.hd12_item_neq_split) for b in depot.buildings)
    aggregations = [aggregate_stocks(b.stocks, rules=rules) for b in buildings]
    for building, agg in zip(buildings, aggregations, strict=True):
        if any(a.division is HD.HD_1_6 and a.item_neq is None for a in agg.assessments):
            raise InputError(
                f"building {building.id!r}: HD 1.6 stocks need item_neq (one munition's NEQ "
                "[kg]; AASTP-1 2006 §1.3.8.3)"
            )
    findings: list[Finding] = []
    for building, agg in zip(depot.buildings, aggregations, strict=True):
        findings += mixing_findings(building, rules is MixedDivisionRules.IATG_02_20_2021)
        findings += subdivision_findings(building, criteria.hd12_item_neq_split, criteria.name)
        findings.append(aggregation_finding(building, agg))
    return criteria, aggregations, findings
