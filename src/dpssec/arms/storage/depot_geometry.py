"""Geometry of a depot check: pairs within reach and the distances behind each finding.

:class:`DepotGeometry` holds the depot as arrays (positions, door azimuths, the assessments of
each building), a table of the required distance of every building towards every exposed-site
kind and face (computed once per building group and matrix cell with vectorised
:func:`~dpssec.arms.storage.distances.required_distance` calls), each building's *reach*
(the largest distance it can require of the kinds present), and turns (building, target) pairs
into findings. :func:`pairs_by_kdtree` finds the pairs within reach with
:class:`scipy.spatial.cKDTree`. Used by :func:`~dpssec.arms.storage.depot_check.check_depot`.
"""

from __future__ import annotations

import copy
import itertools
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.arms.storage.aggregation import Aggregation, QuantityRule
from dpssec.arms.storage.classification import TABLE_GROUPS, HazardDivision
from dpssec.arms.storage.distances import permissible_neq, required_distance, resolve_case
from dpssec.arms.storage.models import Depot, ExplosivesBuilding, sector_codes
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind
from dpssec.errors import DataQualityWarning, InputError
from dpssec.findings import Finding, Severity
from dpssec.references import Reference

__all__ = ["DepotGeometry", "PairFinder", "pairs_by_kdtree"]

HD = HazardDivision
_KINDS = list(ExposedSiteKind)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
_DIVISIONS = list(HazardDivision)
# PES kinds as the geometry tells them apart: a large ECM (> 500 m³) is its own code, since
# AASTP-1 (2006) §1.3.6.7 b gives it reduced rear/side distances
_PES_KEYS: list[tuple[PESKind, bool]] = [(k, False) for k in PESKind] + [
    (PESKind.EARTH_COVERED_MAGAZINE, True)
]
_KIND_VALUES = [k.value for k in _KINDS]
_DIVISION_VALUES = [d.value for d in _DIVISIONS]
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

# (geometry, targets are buildings) -> (source index, target index), sorted by source, target
PairFinder = Callable[["DepotGeometry", bool], tuple[np.ndarray, np.ndarray]]

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
    fallback: str = ""  # why the depot's protection level was not used, if it was not


def pairs_by_kdtree(geometry: DepotGeometry, buildings: bool) -> tuple[np.ndarray, np.ndarray]:
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


class DepotGeometry:
    """Arrays of the depot and the required-distance table of every building."""

    def __init__(
        self,
        depot: Depot,
        aggregations: list[Aggregation],
        criteria: Any,
        rounding: str,
        *,
        site_kinds: Sequence[ExposedSiteKind] = (),
    ) -> None:
        self.depot = depot
        self.criteria = criteria
        self.rounding = rounding
        self.aggs = aggregations
        buildings = depot.buildings
        n = len(buildings)
        self.xy = np.array([b.position for b in buildings], dtype=float).reshape(n, 2)
        sites = depot.exposed_sites
        # model positions are stored in metres: read the magnitudes without conversion
        self.site_xy = np.array(
            [(s.x.magnitude, s.y.magnitude) for s in sites], dtype=float
        ).reshape(len(sites), 2)
        self.site_kind = np.fromiter(
            (_KIND_INDEX[s.kind] for s in sites), dtype=np.intp, count=len(sites)
        )
        self.site_ids = [s.id for s in sites]
        # the kinds of every exposed site of the depot, also of those held elsewhere (the
        # partitions of an out-of-core check): they set each building's reach
        self.site_kinds_present = sorted(
            set(self.site_kind.tolist()) | {_KIND_INDEX[k] for k in site_kinds}
        )
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
                self.slot_neq[i, s] = assessment.neq.magnitude  # kg
                if assessment.item_neq is not None:
                    self.slot_item[i, s] = assessment.item_neq.magnitude
            self.slot_division.append(divisions)
        self.oriented = np.array(
            [self._allowed_orientations(i) != [_NO_ORIENTATION] for i in range(n)], dtype=bool
        )
        self.slot_code = np.array(
            [[-1 if d is None else _DIVISIONS.index(d) for d in row] for row in self.slot_division],
            dtype=np.intp,
        ).reshape(n, _MAX_SLOTS)
        self.large = [b.large_ecm for b in buildings]
        self.pes_code = np.array(
            [_PES_KEYS.index(key) for key in zip(self.pes_kind, self.large, strict=True)],
            dtype=np.intp,
        )
        self.overriding = np.array(
            [
                0.0 if a.overriding_distance is None else a.overriding_distance.magnitude
                for a in aggregations
            ]
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
        self._single: dict[tuple[int, int, int, int], _CellCitation] = {}

    # orientation codes allowed for a PES kind: ECM all three faces; heavy-walled with a door
    # azimuth likewise (door towards or away); otherwise "no orientation"
    def _allowed_orientations(self, i: int) -> list[int]:
        if self.pes_kind[i] is PESKind.EARTH_COVERED_MAGAZINE or (
            self.pes_kind[i] is PESKind.HEAVY_WALLED_BUILDING and not np.isnan(self.azimuth[i])
        ):
            return [0, 1, 2]
        return [_NO_ORIENTATION]

    def _kinds_needed(self) -> list[int]:
        kinds = set(self.site_kinds_present)
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
        groups: dict[tuple[PESKind, bool, HazardDivision, int, tuple[int, ...]], list[int]] = {}
        for i in range(n):
            for s, division in enumerate(self.slot_division[i]):
                if division is not None:
                    orientations = tuple(self._allowed_orientations(i))
                    key = (self.pes_kind[i], self.large[i], division, s, orientations)
                    groups.setdefault(key, []).append(i)
        kinds = self._kinds_needed()
        for (pes, large, division, slot, orientations), members in groups.items():
            index = np.array(members, dtype=np.intp)
            neq = self.slot_neq[index, slot]
            item = self.slot_item[index, slot] if division is HD.HD_1_6 else None
            for k in kinds:
                for o in orientations:
                    table[index, slot, k, o] = self._distance(
                        neq, division, _KINDS[k], (pes, large), _ORIENTATIONS[o], item
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
        pes: tuple[PESKind, bool],
        orientation: Orientation | None,
        item: Any,
        **extra: Any,
    ) -> Any:
        arguments = {
            "pes": pes[0], "large_ecm": pes[1], "orientation": orientation,
            "criteria": self.criteria, "item_neq": item, **extra,
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
                  pes: tuple[PESKind, bool], orientation: Orientation | None, item: Any) -> Any:  # fmt: skip
        return self._call(required_distance, neq, division, kind, pes, orientation, item,
                          rounding=self.rounding)  # fmt: skip

    def _permissible(self, distance: Any, division: HazardDivision, kind: ExposedSiteKind,
                     pes: tuple[PESKind, bool], orientation: Orientation | None, item: Any) -> Any:  # fmt: skip
        return self._call(permissible_neq, distance, division, kind, pes, orientation, item)

    def reach(self, targets_are_buildings: bool) -> np.ndarray:
        """Largest required distance of each building towards the target kinds present."""
        if targets_are_buildings:
            kinds = sorted(
                set(self.exposed_fixed[self.exposed_fixed >= 0].tolist())
                | {_KIND_INDEX[k] for f in self.exposed_family if f for k in _IGLOO_ROWS[f]}
            )
        else:
            kinds = self.site_kinds_present
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

    def with_sites(
        self, ids: Sequence[str], kinds: Sequence[ExposedSiteKind], xy: np.ndarray
    ) -> DepotGeometry:
        """The same buildings (and required-distance table) with other exposed sites.

        The out-of-core check evaluates each partition of a large table of sites against the
        buildings this way; the kinds must be among ``site_kinds_present``.
        """
        other = copy.copy(self)
        other.site_ids = list(ids)
        other.site_kind = np.fromiter(
            (_KIND_INDEX[k] for k in kinds), dtype=np.intp, count=len(other.site_ids)
        )
        other.site_xy = np.asarray(xy, dtype=float).reshape(len(other.site_ids), 2)
        return other

    def site_findings(self, find_pairs: PairFinder) -> tuple[list[Finding], list[tuple[int, int]]]:
        """Findings of the (building, exposed site) pairs within reach, and each one's pair
        (building index, site index), in the order of the pairs."""
        keys: list[tuple[int, int]] = []
        if len(self.xy) == 0 or len(self.site_xy) == 0:
            return [], keys
        source, target = find_pairs(self, False)
        return self._evaluate(source, target, False, keys), keys

    def building_findings(self, find_pairs: PairFinder) -> list[Finding]:
        """Findings of the pairs of buildings within reach (each in turn PES and ES)."""
        if len(self.xy) < 2:
            return []
        source, target = find_pairs(self, True)
        keep = source != target
        return self._evaluate(source[keep], target[keep], True)

    def pair_findings(self, find_pairs: PairFinder) -> list[Finding]:
        return self.site_findings(find_pairs)[0] + self.building_findings(find_pairs)

    def _pes_orientation(self, source: np.ndarray, toward: np.ndarray, slot: int) -> np.ndarray:
        """Orientation code of each PES towards its target for the slot's division."""
        codes = np.full(len(source), _NO_ORIENTATION, dtype=np.intp)
        # ECM always; a heavy-walled building only when its door azimuth is known
        oriented = self.oriented[source]
        if oriented.any():
            hd12 = np.isin(self.slot_code[source[oriented], slot], _HD12_CODES)
            front = np.where(hd12, 10.0, 60.0)
            codes[oriented] = sector_codes(self.azimuth[source][oriented], toward[oriented], front)
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
                face = sector_codes(self.azimuth[target[igloo]], back, 60.0)
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

    def _evaluate(
        self,
        source: np.ndarray,
        target: np.ndarray,
        buildings: bool,
        keys: list[tuple[int, int]] | None = None,
    ) -> list[Finding]:
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
            source, target, buildings, kind, distance, need, governing, orientation, permissible,
            keys,
        )  # fmt: skip

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
                distance[members], division, _KINDS[k], _PES_KEYS[p], _ORIENTATIONS[o], item
            )
        return result

    def _cell(self, code: int, k: int, p: int, o: int, neq: float) -> _CellCitation:
        """Table, row, column, reference and D-code of the deciding cell (cached per cell).

        ``code``, ``k``, ``p`` and ``o`` index the division, exposed-site kind, PES kind and
        orientation (plain ints: cheap dictionary keys).
        """
        key = (code, k, p, o)
        single = self._single.get(key)
        if single is not None:
            return single
        cases = self._cases
        if key not in cases:
            division, kind = _DIVISIONS[code], _KINDS[k]
            (pes, large), orientation = _PES_KEYS[p], _ORIENTATIONS[o]
            level = self._level(kind)
            try:
                cases[key] = (resolve_case(division, kind, pes, orientation, level,
                                       self.criteria, large), "")  # fmt: skip
            except InputError:  # the cell does not offer the depot's protection level
                case = resolve_case(division, kind, pes, orientation, None, self.criteria, large)
                chosen = case.alternative.level
                cases[key] = (case, (
                    f"protection level {level.value!r} not offered by this cell; the most "
                    f"protective alternative "
                    f"({'level ' + repr(chosen.value) if chosen else case.alternative.text}) used"
                ))  # fmt: skip
        case, fallback = cases[key]
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
        citation = _CellCitation(
            cell.table, cell.row, cell.column, reference, verified, d_code, fallback
        )
        citations[(key, index)] = citation
        if len(segments) == 1:  # the same citation whatever the NEQ
            self._single[key] = citation
        return citation

    def _findings(
        self, source: np.ndarray, target: np.ndarray, buildings: Any, kind: np.ndarray,
        distance: np.ndarray, need: np.ndarray, governing: np.ndarray, orientation: np.ndarray,
        permissible: np.ndarray, keys: list[tuple[int, int]] | None = None,
    ) -> list[Finding]:  # fmt: skip
        """One finding per pair (two with the HD 1.4 overriding distance); ``keys`` gets the
        (source, target) of each finding when given."""
        findings = []
        rows = np.arange(len(source))
        target_ids = [b.id for b in self.depot.buildings] if buildings else self.site_ids
        building_ids = [b.id for b in self.depot.buildings]
        pes_codes = self.pes_code.tolist()
        independent = np.array(
            [a.quantity_rule is QuantityRule.INDEPENDENT for a in self.aggs], dtype=bool
        )
        caution_below, caution_text, table_top, table_name = [], [], [], []
        for division in _DIVISIONS:
            group = TABLE_GROUPS[division.table_group].tables
            low, text = self.criteria.table_range.get(group, (0.0, ""))
            caution_below.append(low)
            caution_text.append(text)
            _, top, name = self.criteria.table_limits.get(group, (0.0, np.inf, ""))
            table_top.append(top)
            table_name.append(name)
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
            division, kind_value = _DIVISION_VALUES[code], _KIND_VALUES[k]
            cell = self._cell(code, k, pes_codes[i], o, neq)
            if separate:
                limit = {
                    _DIVISION_VALUES[int(self.slot_code[i, s])]: float(permissible[row, s])
                    for s in range(_MAX_SLOTS)
                    if self.slot_code[i, s] >= 0
                }
                tops = {
                    _DIVISION_VALUES[int(self.slot_code[i, s])]: table_top[
                        int(self.slot_code[i, s])
                    ]
                    for s in range(_MAX_SLOTS)
                    if self.slot_code[i, s] >= 0
                }
                perm_text = ", ".join(
                    f"HD {key} {_kg(v)}"
                    + (
                        " (beyond the table: extrapolated)"
                        if np.isfinite(v) and v > tops[key]
                        else ""
                    )
                    for key, v in limit.items()
                )
                permissible_value: Any = _json_number(limit)
            else:
                permissible_value = None if least == np.inf else least
                perm_text = _kg(least)
                # the inverse read outside the table: say so rather than print a bare limit
                if np.isfinite(least) and least > table_top[code]:
                    perm_text += (
                        f" (beyond the {table_top[code]:g} kg of {table_name[code]}: extrapolated)"
                    )
                elif 0 < least < caution_below[code]:
                    perm_text += f" ({caution_text[code]})"
            target_id, source_id = target_ids[t], building_ids[i]
            above = neq > table_top[code]
            caution = 0 < neq < caution_below[code] or above
            message = (
                f"{target_id} ({kind_value}) is {d:.0f} m from {source_id}; HD "
                f"{division} {neq:g} kg needs {req:.1f} m ({cell.d_code}); permissible "
                f"NEQ at {d:.0f} m: {perm_text}"
            )
            if d < req:
                severity = Severity.VIOLATION
                if buildings:
                    # AASTP-1 (2006) §1.3.2.3 b: sites not separated by the inter-magazine
                    # distance count as one site with the aggregate NEQ
                    message += (
                        f"; not separated by the inter-magazine distance, {source_id} and "
                        f"{target_id} count as one site with their aggregate NEQ "
                        "(AASTP-1 2006 §1.3.2.3 b)"
                    )
            elif not cell.verified or caution:
                severity = Severity.WARNING
                if not above:
                    message += "; " + (
                        caution_text[code] if caution else "the deciding cell is unverified"
                    )
            else:
                # the depot's protection level was not available in this cell: say which
                # alternative decided (a WARNING, so the substitution is not missed)
                severity = Severity.WARNING if cell.fallback else Severity.INFO
            if cell.fallback:
                message += "; " + cell.fallback
            if above:
                message += (
                    f"; {neq:g} kg is beyond the {table_top[code]:g} kg of "
                    f"{table_name[code]}: the formula is extrapolated"
                )
            subject = f"{source_id} -> {target_id}"
            findings.append(
                Finding(
                    "qd-imd" if buildings else f"qd-{kind_value}",
                    severity,
                    message,
                    subject,
                    cell.reference,
                    {
                        "pes": source_id,
                        "exposed_site": target_id,
                        "exposed_site_kind": kind_value,
                        "division": division,
                        "neq_kg": neq,
                        "required_distance_m": req,
                        "actual_distance_m": d,
                        "permissible_neq_kg": permissible_value,
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
            if keys is not None:
                keys.extend([(i, t)] * (len(findings) - len(keys)))
        return findings

    def required_by_face(
        self, building: int, kind: ExposedSiteKind
    ) -> list[tuple[HazardDivision, dict[str, float]]]:
        """Required distance [m] of each assessed division of a building towards ``kind``.

        One ``(division, {face: distance})`` per assessment: faces ``"front"``, ``"side"``,
        ``"rear"`` for a building whose orientation matters (an ECM; a heavy-walled building
        with a door azimuth), else the one key ``""``. Read from the table the check uses,
        or computed the same way for a kind the depot does not hold. Used by the depot map.
        """
        k = _KIND_INDEX[kind]
        codes = self._allowed_orientations(building)
        result = []
        for s, division in enumerate(self.slot_division[building]):
            if division is None:
                continue
            distances = {}
            for o in codes:
                value = float(self._required[building, s, k, o])
                if np.isnan(value):
                    item = self.slot_item[[building], s] if division is HD.HD_1_6 else None
                    value = float(
                        self._distance(
                            self.slot_neq[[building], s],
                            division,
                            kind,
                            (self.pes_kind[building], self.large[building]),
                            _ORIENTATIONS[o],
                            item,
                        )[0]
                    )
                distances[_ORIENTATION_VALUES[o]] = value
            result.append((division, distances))
        return result


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
