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

import itertools
import warnings
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np

from dpssec.arms.storage.aggregation import (
    Aggregation,
    MixedDivisionRules,
    QuantityRule,
    aggregate_stocks,
)
from dpssec.arms.storage.classification import CompatibilityGroup, HazardDivision
from dpssec.arms.storage.distances import (
    CRITERIA_SETS,
    _resolve,
    permissible_neq,
    required_distance,
)
from dpssec.arms.storage.mixing import (
    IATG_01_50_MIXING,
    MixingCondition,
    MixingVerdict,
    mixing_rule,
)
from dpssec.arms.storage.models import (
    AmmunitionStock,
    Depot,
    ExplosivesBuilding,
    _sector_codes,
)
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind
from dpssec.errors import DataQualityWarning, InputError
from dpssec.findings import ComplianceReport, Finding, Severity
from dpssec.references import Reference

__all__ = ["check_depot"]

HD = HazardDivision
_KINDS = list(ExposedSiteKind)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
_DIVISIONS = list(HazardDivision)
_PES_KINDS = list(PESKind)
_ORIENTATIONS: list[Orientation | None] = [
    Orientation.FRONT,
    Orientation.SIDE,
    Orientation.REAR,
    None,
]
_NO_ORIENTATION = 3
_ORIENTATION_VALUES = ["front", "side", "rear", ""]
_HD14_OVERRIDING = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "§1.3.2.5 1")
_MAX_SLOTS = 3  # an aggregation has at most three assessments (1.1 + 1.2 + 1.3)
_HD12_CODES = [_DIVISIONS.index(HD.HD_1_2_1), _DIVISIONS.index(HD.HD_1_2_2)]
_AASTP1_MIXING = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "§1.2.3.3 d")

# (geometry, targets are buildings) -> (source index, target index), sorted by source, target
PairFinder = Callable[["_Geometry", bool], tuple[np.ndarray, np.ndarray]]

_IGLOO_ROWS = {
    "7": (ExposedSiteKind.IGLOO_7BAR_FRONT, ExposedSiteKind.IGLOO_7BAR_SIDE,
          ExposedSiteKind.IGLOO_7BAR_REAR),
    "3": (ExposedSiteKind.IGLOO_3BAR_FRONT, ExposedSiteKind.IGLOO_3BAR_SIDE,
          ExposedSiteKind.IGLOO_3BAR_REAR),
}  # fmt: skip
_DEFAULT_EXPOSED = {
    PESKind.HEAVY_WALLED_BUILDING: ExposedSiteKind.HEAVY_WALLED_BUILDING_UNROOFED,
    PESKind.BARRICADED_STACK: ExposedSiteKind.BARRICADED_STACK,
    PESKind.UNBARRICADED_STACK: ExposedSiteKind.UNBARRICADED_STACK,
}


@attrs.frozen
class _CellCitation:
    table: str
    row: str
    column: str
    reference: Reference
    verified: bool
    d_code: str


# -- pair finding ---------------------------------------------------------------------------


def _pairs_kdtree(geometry: _Geometry, buildings: bool) -> tuple[np.ndarray, np.ndarray]:
    """(source, target) index pairs with distance <= the source's reach, by k-d tree."""
    from scipy.spatial import cKDTree

    sources, targets = geometry.xy, geometry.targets(buildings)
    reach = geometry.reach(buildings)
    if len(targets) == 0 or len(sources) == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    tree = cKDTree(targets)
    # a hair wider than the reach, then the exact test below, so that the k-d tree's own
    # rounding cannot drop a pair on the boundary
    hits = tree.query_ball_point(sources, r=reach * (1 + 1e-9) + 1e-9)
    counts = np.fromiter((len(h) for h in hits), dtype=np.intp, count=len(hits))
    source = np.repeat(np.arange(len(sources), dtype=np.intp), counts)
    target = np.fromiter(
        itertools.chain.from_iterable(hits), dtype=np.intp, count=int(counts.sum())
    )
    delta = targets[target] - sources[source]
    keep = np.hypot(delta[:, 0], delta[:, 1]) <= reach[source]
    order = np.lexsort((target[keep], source[keep]))
    return source[keep][order], target[keep][order]


# -- per-building findings ------------------------------------------------------------------


def _mixing_findings(building: ExplosivesBuilding, iatg: bool) -> list[Finding]:
    findings = []
    stocks = building.stocks
    seen: set[tuple[Any, ...]] = set()
    for a, b in itertools.combinations(stocks, 2):
        key = (a.group, b.group, a.substance, b.substance, a.family == b.family)
        if key in seen:
            continue
        seen.add(key)
        finding = _mixing_finding(building, a, b, iatg)
        if finding is not None:
            findings.append(finding)
    return findings


def _mixing_finding(
    building: ExplosivesBuilding, a: AmmunitionStock, b: AmmunitionStock, iatg: bool
) -> Finding | None:
    subject = building.id
    pair = f"CG {a.group.value} ({a.description}) and CG {b.group.value} ({b.description})"
    details: dict[str, Any] = {"groups": [a.group.value, b.group.value]}
    if iatg:
        details["iatg_mixing_reference"] = str(IATG_01_50_MIXING)
    if a.substance != b.substance and CompatibilityGroup.A in (a.group, b.group):
        return Finding(
            "mixing-not-permitted",
            Severity.VIOLATION,
            f"{pair}: CG A substances should not be mixed with other groups",
            subject,
            _AASTP1_MIXING,
            details,
        )
    substances = a.substance and b.substance
    try:
        rule = mixing_rule(a.group, b.group, substances=substances)
    except InputError:
        # a substance group absent from Table 5 mixed as an article, or the reverse
        rule = mixing_rule(a.group, b.group, substances=not substances)
    details.update(
        verdict=rule.verdict.value,
        condition=rule.condition.value,
        treat_as=None if rule.treat_as is None else rule.treat_as.value,
    )
    if rule.verdict is MixingVerdict.NOT_PERMITTED:
        return Finding(
            "mixing-not-permitted",
            Severity.VIOLATION,
            f"{pair} may not share a building",
            subject,
            rule.reference,
            details,
        )
    if rule.condition is MixingCondition.SAME_TYPE_ONLY:
        if a.family == b.family:
            return None
        return Finding(
            "mixing-not-permitted",
            Severity.VIOLATION,
            f"{pair}: CG L of different types ({a.family!r}, {b.family!r}) must be stored apart",
            subject,
            rule.reference,
            details,
        )
    if rule.condition is MixingCondition.SAME_OR_COMPATIBLE_FAMILY and a.family == b.family:
        return None
    if rule.verdict is MixingVerdict.CONDITIONAL:
        treat = f"; treat as CG {rule.treat_as.value}" if rule.treat_as is not None else ""
        return Finding(
            "mixing-conditional",
            Severity.WARNING,
            f"{pair}: conditional on {rule.condition.value}{treat} ({rule.note})",
            subject,
            rule.reference,
            details,
        )
    if rule.treat_as is not None:
        return Finding(
            "mixing-permitted",
            Severity.INFO,
            f"{pair}: permitted; may be treated as CG {rule.treat_as.value}",
            subject,
            rule.reference,
            details,
        )
    return None


def _subdivision_findings(building: ExplosivesBuilding, split: float, name: str) -> list[Finding]:
    findings = []
    for stock in building.stocks:
        if stock.division is HD.HD_1_2_2 and stock.item_neq is not None:
            item = float(stock.item_neq.to("kg").magnitude)
            if item > split:
                findings.append(
                    Finding(
                        "hd12-subdivision",
                        Severity.WARNING,
                        f"{stock.description}: item NEQ {item:g} kg is above the {split:g} kg "
                        f"HD 1.2.1/1.2.2 split of {name}; treat as HD 1.2.1",
                        building.id,
                        None,
                        {"item_neq_kg": item, "split_kg": split},
                    )
                )
    return findings


def _aggregation_finding(building: ExplosivesBuilding, agg: Aggregation) -> Finding:
    parts = ", ".join(f"HD {a.division.value} on {a.neq:g} kg" for a in agg.assessments)
    text = (
        f"governing division HD {agg.governing_division.value}, {agg.total_neq:g} kg counted; "
        f"assessed as {parts}"
    )
    if agg.hd14_neq and agg.overriding_distance is not None:
        text += f"; HD 1.4 ({agg.hd14_neq:g} kg) not aggregated, {agg.overriding_distance:g} m overriding"
    if agg.quantity_rule is QuantityRule.INDEPENDENT:
        text += "; each division's quantity limit applies independently"
    if agg.reasons:
        text += " (" + "; ".join(agg.reasons) + ")"
    return Finding(
        "aggregation",
        Severity.INFO,
        text,
        building.id,
        agg.reference,
        {
            "governing_division": agg.governing_division.value,
            "total_neq_kg": agg.total_neq,
            "assessments": [[a.division.value, a.neq] for a in agg.assessments],
            "quantity_rule": agg.quantity_rule.value,
        },
    )


# -- the check ------------------------------------------------------------------------------


def check_depot(depot: Depot, *, rounding: str = "none") -> ComplianceReport:
    """Check a depot's compatibility, aggregation and quantity-distances.

    Parameters
    ----------
    depot : Depot
        Buildings (PES), exposed sites and the criteria set name.
    rounding : {"none", "ceil", "table"}
        Rounding of the required distances (see
        :func:`~dpssec.arms.storage.distances.required_distance`).

    Returns
    -------
    ComplianceReport
        Building findings (mixing, HD 1.2 sub-division, aggregation), then one finding per
        pair within reach, ordered by building and target. Each pair finding's ``details``
        hold the required and actual distance [m], the permissible NEQ at the actual distance
        [kg], the governing division, table, row, column and orientation.

    Raises
    ------
    InputError
        If the depot is not a :class:`Depot`, or an HD 1.6 stock has no ``item_neq`` (its
        distance needs one munition's NEQ); raised before anything is computed.

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
    return _check(depot, _pairs_kdtree, rounding)


def _check(depot: Depot, find_pairs: PairFinder, rounding: str) -> ComplianceReport:
    if not isinstance(depot, Depot):
        raise InputError(f"check_depot needs a Depot; got {type(depot).__name__}")
    criteria = CRITERIA_SETS[depot.criteria]
    rules = (
        MixedDivisionRules.AASTP1_2006
        if depot.criteria == "AASTP1_2006"
        else MixedDivisionRules.IATG_02_20_2021
    )
    buildings = depot.buildings
    aggregations = [aggregate_stocks(b.stocks, rules=rules) for b in buildings]
    for building, agg in zip(buildings, aggregations, strict=True):
        if any(a.division is HD.HD_1_6 and a.item_neq is None for a in agg.assessments):
            raise InputError(
                f"building {building.id!r}: HD 1.6 stocks need item_neq (one munition's NEQ "
                "[kg]; AASTP-1 2006 §1.3.8.3)"
            )
    findings: list[Finding] = []
    for building, agg in zip(buildings, aggregations, strict=True):
        findings += _mixing_findings(building, rules is MixedDivisionRules.IATG_02_20_2021)
        findings += _subdivision_findings(building, criteria.hd12_item_neq_split, criteria.name)
        findings.append(_aggregation_finding(building, agg))
    geometry = _Geometry(depot, aggregations, criteria, rounding)
    findings += geometry.pair_findings(find_pairs)
    report = ComplianceReport(
        findings,  # type: ignore[arg-type]  # converted to a tuple by the class
        title=f"Depot check: {depot.name}",
        criteria=criteria.title,
    )
    return report


class _Geometry:
    """Arrays of the depot and the required-distance table of every building."""

    def __init__(
        self, depot: Depot, aggregations: list[Aggregation], criteria: Any, rounding: str
    ) -> None:
        self.depot = depot
        self.criteria = criteria
        self.rounding = rounding
        self.aggs = aggregations
        buildings = depot.buildings
        n = len(buildings)
        self.xy = np.array([b.position for b in buildings], dtype=float).reshape(n, 2)
        sites = depot.exposed_sites
        self.site_xy = np.array(
            [(float(s.x.magnitude), float(s.y.magnitude)) for s in sites], dtype=float
        ).reshape(len(sites), 2)
        self.site_kind = np.array([_KIND_INDEX[s.kind] for s in sites], dtype=np.intp)
        self.pes_kind = [b.kind for b in buildings]
        self.azimuth = np.array(
            [np.nan if b.door_azimuth is None else b.door_azimuth for b in buildings]
        )
        # slots: division, NEQ and item NEQ of each assessment (NaN NEQ for an empty slot)
        self.slot_division: list[list[HazardDivision | None]] = []
        self.slot_neq = np.full((n, _MAX_SLOTS), np.nan)
        self.slot_item = np.full((n, _MAX_SLOTS), np.nan)
        for i, agg in enumerate(aggregations):
            divisions: list[HazardDivision | None] = [None] * _MAX_SLOTS
            for s, assessment in enumerate(agg.assessments):
                divisions[s] = assessment.division
                self.slot_neq[i, s] = assessment.neq
                if assessment.item_neq is not None:
                    self.slot_item[i, s] = assessment.item_neq
            self.slot_division.append(divisions)
        self.oriented = np.array(
            [self._allowed_orientations(i) != [_NO_ORIENTATION] for i in range(n)], dtype=bool
        )
        self.slot_code = np.array(
            [[-1 if d is None else _DIVISIONS.index(d) for d in row] for row in self.slot_division],
            dtype=np.intp,
        ).reshape(n, _MAX_SLOTS)
        self.pes_code = np.array([_PES_KINDS.index(k) for k in self.pes_kind], dtype=np.intp)
        self.overriding = np.array(
            [0.0 if a.overriding_distance is None else a.overriding_distance for a in aggregations]
        )
        # how each building is exposed: a fixed row, or an igloo family whose face is computed
        self.exposed_family: list[str | None] = []
        self.exposed_fixed = np.full(n, -1, dtype=np.intp)
        for i, b in enumerate(buildings):
            family, fixed = _exposed_row(b)
            self.exposed_family.append(family)
            if fixed is not None:
                self.exposed_fixed[i] = _KIND_INDEX[fixed]
        self.igloo_rows = np.array(
            [[_KIND_INDEX[k] for k in _IGLOO_ROWS[f or "3"]] for f in self.exposed_family],
            dtype=np.intp,
        ).reshape(n, 3)
        self._required = self._required_table()
        self._cases: dict[tuple[Any, ...], Any] = {}
        self._citations: dict[tuple[Any, ...], _CellCitation] = {}

    # orientation codes allowed for a PES kind: ECM all three faces; heavy-walled with a door
    # azimuth likewise (door towards or away); otherwise "no orientation"
    def _allowed_orientations(self, i: int) -> list[int]:
        if self.pes_kind[i] is PESKind.EARTH_COVERED_MAGAZINE or (
            self.pes_kind[i] is PESKind.HEAVY_WALLED_BUILDING and not np.isnan(self.azimuth[i])
        ):
            return [0, 1, 2]
        return [_NO_ORIENTATION]

    def _kinds_needed(self) -> list[int]:
        kinds = set(self.site_kind.tolist())
        for i, family in enumerate(self.exposed_family):
            if family is not None:
                kinds.update(_KIND_INDEX[k] for k in _IGLOO_ROWS[family])
            else:
                kinds.add(int(self.exposed_fixed[i]))
        return sorted(kinds)

    def _required_table(self) -> np.ndarray:
        """R[building, slot, kind, orientation] [m]; NaN where not applicable."""
        n = len(self.pes_kind)
        table = np.full((n, _MAX_SLOTS, len(_KINDS), 4), np.nan)
        groups: dict[tuple[PESKind, HazardDivision, int, tuple[int, ...]], list[int]] = {}
        for i in range(n):
            for s, division in enumerate(self.slot_division[i]):
                if division is not None:
                    key = (self.pes_kind[i], division, s, tuple(self._allowed_orientations(i)))
                    groups.setdefault(key, []).append(i)
        kinds = self._kinds_needed()
        for (pes, division, slot, orientations), members in groups.items():
            index = np.array(members, dtype=np.intp)
            neq = self.slot_neq[index, slot]
            item = self.slot_item[index, slot] if division is HD.HD_1_6 else None
            for k in kinds:
                for o in orientations:
                    table[index, slot, k, o] = self._distance(
                        neq, division, _KINDS[k], pes, _ORIENTATIONS[o], item
                    )
        return table

    def _level(self, kind: ExposedSiteKind) -> Any:
        return self.depot.protection_level if kind.is_magazine else None

    def _call(
        self,
        function: Any,
        value: Any,
        division: HazardDivision,
        kind: ExposedSiteKind,
        pes: PESKind,
        orientation: Orientation | None,
        item: Any,
        **extra: Any,
    ) -> Any:
        arguments = {
            "pes": pes, "orientation": orientation, "criteria": self.criteria,
            "item_neq": item, **extra,
        }  # fmt: skip
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            try:
                result = function(value, division, kind, protection_level=self._level(kind),
                                  **arguments)  # fmt: skip
            except InputError:
                # the cell does not offer the depot's protection level: most protective
                result = function(value, division, kind, **arguments)
        return np.asarray(result.magnitude, dtype=float)

    def _distance(self, neq: Any, division: HazardDivision, kind: ExposedSiteKind,
                  pes: PESKind, orientation: Orientation | None, item: Any) -> Any:  # fmt: skip
        return self._call(required_distance, neq, division, kind, pes, orientation, item,
                          rounding=self.rounding)  # fmt: skip

    def _permissible(self, distance: Any, division: HazardDivision, kind: ExposedSiteKind,
                     pes: PESKind, orientation: Orientation | None, item: Any) -> Any:  # fmt: skip
        return self._call(permissible_neq, distance, division, kind, pes, orientation, item)

    def reach(self, targets_are_buildings: bool) -> np.ndarray:
        """Largest required distance of each building towards the target kinds present."""
        if targets_are_buildings:
            kinds = sorted(
                set(self.exposed_fixed[self.exposed_fixed >= 0].tolist())
                | {_KIND_INDEX[k] for f in self.exposed_family if f for k in _IGLOO_ROWS[f]}
            )
        else:
            kinds = sorted(set(self.site_kind.tolist()))
        if not kinds:
            return np.zeros(len(self.pes_kind))
        sub = self._required[:, :, kinds, :]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows
            reach = np.nanmax(sub.reshape(len(self.pes_kind), -1), axis=1)
        result: np.ndarray = np.fmax(np.nan_to_num(reach, nan=0.0), self.overriding)
        return result

    # -- pairs ------------------------------------------------------------------------------

    def targets(self, buildings: bool) -> np.ndarray:
        """Grid positions of the exposed sites, or of the buildings as targets [m]."""
        return self.xy if buildings else self.site_xy

    def pair_findings(self, find_pairs: PairFinder) -> list[Finding]:
        findings: list[Finding] = []
        if len(self.site_xy):
            source, target = find_pairs(self, False)
            findings += self._evaluate(source, target, False)
        if len(self.xy) > 1:
            source, target = find_pairs(self, True)
            keep = source != target
            findings += self._evaluate(source[keep], target[keep], True)
        return findings

    def _pes_orientation(self, source: np.ndarray, toward: np.ndarray, slot: int) -> np.ndarray:
        """Orientation code of each PES towards its target for the slot's division."""
        codes = np.full(len(source), _NO_ORIENTATION, dtype=np.intp)
        # ECM always; a heavy-walled building only when its door azimuth is known
        oriented = self.oriented[source]
        if oriented.any():
            hd12 = np.isin(self.slot_code[source[oriented], slot], _HD12_CODES)
            front = np.where(hd12, 10.0, 60.0)
            codes[oriented] = _sector_codes(self.azimuth[source][oriented], toward[oriented], front)
        return codes

    def pair_required(
        self, source: np.ndarray, target: np.ndarray, buildings: bool
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Distance [m], exposed-site kind index, required distance per slot [m] (-inf for an
        empty slot) and PES orientation code per slot, for each (source, target) pair."""
        target_xy = self.targets(buildings)
        delta = target_xy[target] - self.xy[source]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        toward = np.mod(np.degrees(np.arctan2(delta[:, 0], delta[:, 1])), 360.0)
        if buildings:
            kind = self.exposed_fixed[target].copy()
            igloo = kind < 0
            if igloo.any():
                back = np.mod(toward[igloo] + 180.0, 360.0)
                face = _sector_codes(self.azimuth[target[igloo]], back, 60.0)
                rows = self.igloo_rows[target[igloo]]
                kind[igloo] = rows[np.arange(len(rows)), face]
        else:
            kind = self.site_kind[target]
        n = len(source)
        required = np.full((n, _MAX_SLOTS), -np.inf)
        orientation = np.full((n, _MAX_SLOTS), _NO_ORIENTATION, dtype=np.intp)
        for slot in range(_MAX_SLOTS):
            used = self.slot_code[source, slot] >= 0
            if not used.any():
                continue
            codes = self._pes_orientation(source, toward, slot)
            orientation[:, slot] = codes
            value = self._required[source, slot, kind, codes]
            required[:, slot] = np.where(used, value, -np.inf)
        return distance, kind, required, orientation

    def _evaluate(self, source: np.ndarray, target: np.ndarray, buildings: bool) -> list[Finding]:
        if len(source) == 0:
            return []
        distance, kind, required, orientation = self.pair_required(source, target, buildings)
        n = len(source)
        permissible = np.full((n, _MAX_SLOTS), np.inf)
        for slot in range(_MAX_SLOTS):
            used = self.slot_code[source, slot] >= 0
            if used.any():
                permissible[:, slot] = self._permissible_slot(
                    source, kind, orientation[:, slot], distance, slot, used
                )
        governing = np.argmax(required, axis=1)
        rows = np.arange(n)
        need = required[rows, governing]
        return self._findings(
            source, target, buildings, kind, distance, need, governing, orientation, permissible
        )

    def _permissible_slot(
        self, source: np.ndarray, kind: np.ndarray, codes: np.ndarray, distance: np.ndarray,
        slot: int, used: np.ndarray,
    ) -> np.ndarray:  # fmt: skip
        result = np.full(len(source), np.inf)
        divisions = self.slot_code[source, slot]
        pes = self.pes_code[source]
        key = np.stack([divisions, kind, pes, codes], axis=1)
        key = key[used]
        index = np.flatnonzero(used)
        if len(index) == 0:
            return result
        unique, inverse = np.unique(key, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        for g, (d, k, p, o) in enumerate(unique):
            members = index[inverse == g]
            division = _DIVISIONS[d]
            item = self.slot_item[source[members], slot] if division is HD.HD_1_6 else None
            result[members] = self._permissible(
                distance[members], division, _KINDS[k], _PES_KINDS[p], _ORIENTATIONS[o], item
            )
        return result

    def _cell(self, code: int, k: int, p: int, o: int, neq: float) -> _CellCitation:
        """Table, row, column, reference and D-code of the deciding cell (cached per cell).

        ``code``, ``k``, ``p`` and ``o`` index the division, exposed-site kind, PES kind and
        orientation (plain ints: cheap dictionary keys).
        """
        key = (code, k, p, o)
        cases = self._cases
        if key not in cases:
            division, kind = _DIVISIONS[code], _KINDS[k]
            pes, orientation = _PES_KINDS[p], _ORIENTATIONS[o]
            try:
                cases[key] = _resolve(division, kind, pes, orientation, self._level(kind),
                                      self.criteria)  # fmt: skip
            except InputError:  # the cell does not offer the depot's protection level
                cases[key] = _resolve(division, kind, pes, orientation, None, self.criteria)
        case = cases[key]
        segments = case.alternative.segments
        index = next((n for n, seg in enumerate(segments) if neq <= seg.upper), len(segments) - 1)
        citations = self._citations
        if (key, index) in citations:
            cached: _CellCitation = citations[(key, index)]
            return cached
        segment = segments[index]
        d_code = segment.code if segment.factor == 1.0 else f"{segment.factor:g} x {segment.code}"
        if _DIVISIONS[code] is HD.HD_1_6:
            d_code += " (HD 1.6: greater of one munition under HD 1.1 and the total under HD 1.3)"
        cell = case.cell
        verified = bool(cell.reference.verified and case.alternative.verified)
        reference = cell.reference if verified else cell.reference.at(
            cell.reference.clause, verified=False
        )  # fmt: skip
        citation = _CellCitation(cell.table, cell.row, cell.column, reference, verified, d_code)
        citations[(key, index)] = citation
        return citation

    def _findings(
        self, source: np.ndarray, target: np.ndarray, buildings: Any, kind: np.ndarray,
        distance: np.ndarray, need: np.ndarray, governing: np.ndarray, orientation: np.ndarray,
        permissible: np.ndarray,
    ) -> list[Finding]:  # fmt: skip
        findings = []
        rows = np.arange(len(source))
        target_ids = [
            x.id for x in (self.depot.buildings if buildings else self.depot.exposed_sites)
        ]
        building_ids = [b.id for b in self.depot.buildings]
        pes_codes = self.pes_code.tolist()
        independent = np.array(
            [a.quantity_rule is QuantityRule.INDEPENDENT for a in self.aggs], dtype=bool
        )
        caution_below, caution_text = [], []
        for division in _DIVISIONS:
            group = {"1.2.1": "1.2", "1.2.2": "1.2", "1.5": "1.1", "1.6": "1.1"}.get(
                division.value, division.value
            )
            low, text = self.criteria.table_range.get(group, (0.0, ""))
            caution_below.append(low)
            caution_text.append(text)
        columns = zip(
            source.tolist(),
            target.tolist(),
            self.slot_code[source, governing].tolist(),
            kind.tolist(),
            orientation[rows, governing].tolist(),
            self.slot_neq[source, governing].tolist(),
            distance.tolist(),
            need.tolist(),
            permissible.min(axis=1).tolist(),  # unused slots hold inf
            independent[source].tolist(),
            strict=True,
        )
        for row, (i, t, code, k, o, neq, d, req, least, separate) in enumerate(columns):
            division = _DIVISIONS[code]
            es_kind = _KINDS[k]
            cell = self._cell(code, k, pes_codes[i], o, neq)
            if separate:
                limit = {
                    _DIVISIONS[int(self.slot_code[i, s])].value: float(permissible[row, s])
                    for s in range(_MAX_SLOTS)
                    if self.slot_code[i, s] >= 0
                }
                perm_text = ", ".join(f"HD {key} {_kg(v)}" for key, v in limit.items())
                permissible_value: Any = limit
            else:
                permissible_value = least
                perm_text = _kg(least)
            target_id, source_id = target_ids[t], building_ids[i]
            caution = 0 < neq < caution_below[code]
            message = (
                f"{target_id} ({es_kind.value}) is {d:.0f} m from {source_id}; HD "
                f"{division.value} {neq:g} kg needs {req:.1f} m ({cell.d_code}); permissible "
                f"NEQ at {d:.0f} m: {perm_text}"
            )
            if d < req:
                severity = Severity.VIOLATION
            elif not cell.verified or caution:
                severity = Severity.WARNING
                message += "; " + (
                    caution_text[code] if caution else "the deciding cell is unverified"
                )
            else:
                severity = Severity.INFO
            subject = f"{source_id} -> {target_id}"
            findings.append(
                Finding(
                    "qd-imd" if buildings else f"qd-{es_kind.value}",
                    severity,
                    message,
                    subject,
                    cell.reference,
                    {
                        "pes": source_id,
                        "exposed_site": target_id,
                        "exposed_site_kind": es_kind.value,
                        "division": division.value,
                        "neq_kg": neq,
                        "required_distance_m": req,
                        "actual_distance_m": d,
                        "permissible_neq_kg": _json_number(permissible_value),
                        "orientation": _ORIENTATION_VALUES[o],
                        "table": cell.table,
                        "row": cell.row,
                        "column": cell.column,
                        "d_code": cell.d_code,
                        "criteria": self.criteria.name,
                    },
                )
            )
            overriding = float(self.overriding[i])
            if overriding and d < overriding:
                findings.append(
                    Finding(
                        "hd14-overriding-distance",
                        Severity.WARNING,
                        f"{target_id} is {d:.0f} m from {source_id}, which stores HD 1.4 with "
                        f"other divisions: {overriding:g} m overriding distance where "
                        "appropriate",
                        subject,
                        _HD14_OVERRIDING,
                        {"actual_distance_m": d, "overriding_distance_m": overriding},
                    )
                )
        return findings


def _exposed_row(building: ExplosivesBuilding) -> tuple[str | None, ExposedSiteKind | None]:
    """(igloo family "7"/"3", None) when the face is computed, else (None, fixed row)."""
    kind = building.exposed_as
    if kind is None:
        if building.kind is PESKind.EARTH_COVERED_MAGAZINE:
            return "3", None
        return None, _DEFAULT_EXPOSED[building.kind]
    for family, rows in _IGLOO_ROWS.items():
        if kind in rows:
            if building.door_azimuth is None:
                return None, kind
            return family, None
    return None, kind


def _json_number(value: Any) -> Any:
    """inf ("no NEQ-dependent limit") as None, so that findings stay JSON-ready."""
    if isinstance(value, dict):
        return {k: _json_number(v) for k, v in value.items()}
    return None if not np.isfinite(value) else value


def _kg(value: float) -> str:
    return "no limit" if value == np.inf else f"{value:.0f} kg"
