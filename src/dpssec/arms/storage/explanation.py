"""Explain a required distance: the table, row, column, D-code, branch and minimum used.

For example:

>>> from dpssec.arms.storage import explain_distance
>>> e = explain_distance(10_000, "1.1", "inhabited_building", rounding="table")
>>> e.criteria, e.d_code, e.branch, e.distance
('IATG_02_20_2021', 'D13', '22.2·Q^1/3', 480.0)
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import attrs
import numpy as np

from dpssec._checks import as_array, is_scalar_input
from dpssec.arms.storage.classification import HazardDivision
from dpssec.arms.storage.criteria import CriteriaSet, Segment
from dpssec.arms.storage.criteria_iatg import IATG_02_20_2021
from dpssec.arms.storage.distances import (
    _caution,
    _item_input,
    _resolve,
    required_distance,
)
from dpssec.arms.storage.qd_functions import _raw, branch_index, evaluate_kernel
from dpssec.arms.storage.qd_kernels import alternative_distance, segment_function
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.errors import DataQualityWarning, InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import to_magnitude

__all__ = ["DistanceExplanation", "explain_distance"]


@attrs.frozen
class DistanceExplanation(ResultMixin):
    """Which table, row, column, D-code, branch and minimum decided a required distance.

    Attributes
    ----------
    neq : float
        NEQ [kg].
    distance : float
        Required distance after rounding [m].
    raw_distance : float
        Distance before rounding [m].
    criteria : str
        Name of the criteria set used.
    division, exposed_site, pes, orientation, protection_level : str
        The selectors, as values.
    table, row, column : str
        The matrix cell.
    d_code : str
        The governing D-code (``"fixed"`` for a fixed distance).
    formula : str
        The D-code's branches.
    branch : str
        The branch that applies at this NEQ (with "held" when the previous branch's end
        value holds).
    floor : str
        The minimum that governs, if any ("" when the formula governs).
    alternatives : str
        All alternatives of the cell and the one chosen.
    rounding : str
        Rounding applied.
    reference : Reference
        Where the cell is printed.
    verified : bool
        False when the cell or its reading is not verified against the primary text.
    caution : str
        Warning text (small NEQ), or "".
    notes : str
        The cell's superscripts and notes (conditions, printed discrepancies).
    """

    neq: float
    distance: float
    raw_distance: float
    criteria: str
    division: str
    exposed_site: str
    pes: str
    orientation: str
    protection_level: str
    table: str
    row: str
    column: str
    d_code: str
    formula: str
    branch: str
    floor: str
    alternatives: str
    rounding: str
    reference: Reference
    verified: bool
    caution: str = ""
    notes: str = ""


def explain_distance(
    neq: Any,
    division: HazardDivision | str,
    exposed_site: ExposedSiteKind | str,
    *,
    pes: PESKind | str = PESKind.UNBARRICADED_STACK,
    orientation: Orientation | str | None = None,
    protection_level: ProtectionLevel | str | None = None,
    criteria: CriteriaSet | str = IATG_02_20_2021,
    rounding: str = "none",
    item_neq: Any = None,
) -> DistanceExplanation:
    """Explain the required distance for one NEQ: table, row, column, D-code, branch, minimum.

    Parameters are those of :func:`required_distance`; ``neq`` (and ``item_neq``) must be
    scalars.

    Returns
    -------
    DistanceExplanation

    Examples
    --------
    >>> from dpssec.arms.storage import explain_distance, PESKind
    >>> e = explain_distance(1_000, "1.1", "inhabited_building", pes=PESKind.HEAVY_WALLED_BUILDING)
    >>> e.d_code, e.branch, e.floor, e.distance
    ('D13', '1.5·Q^2/3 (Q ≤ 2500)', 'cell minimum 400 m', 400.0)
    >>> str(e.reference)
    'IATG 02.20 2021 (3rd ed.), Annex D Table D.1, row inhabited_building, column heavy-walled building, door or opening towards the ES'
    """
    magnitude = to_magnitude(neq, "kg", "neq")
    if not is_scalar_input(magnitude):
        raise InputError("explain_distance explains one NEQ: pass a scalar neq")
    case = _resolve(division, exposed_site, pes, orientation, protection_level, criteria)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        distance = required_distance(
            neq,
            division,
            exposed_site,
            pes=pes,
            orientation=orientation,
            protection_level=protection_level,
            criteria=criteria,
            rounding=rounding,
            item_neq=item_neq,
        ).magnitude
        raw = required_distance(
            neq,
            division,
            exposed_site,
            pes=pes,
            orientation=orientation,
            protection_level=protection_level,
            criteria=criteria,
            item_neq=item_neq,
        ).magnitude
    q = float(as_array(magnitude, "neq", nonnegative=True))
    crit = case.criteria
    cell, alternative, group, q_used = case.cell, case.alternative, case.group, q
    if case.group == "1.6":
        assert case.item_cell is not None and case.item_alternative is not None
        item_q = float(_item_input(item_neq, case))
        single = float(alternative_distance(crit, "1.1", case.item_alternative, item_q, False))
        if single >= raw:
            cell, alternative, group, q_used = case.item_cell, case.item_alternative, "1.1", item_q
    segment = next(s for s in alternative.segments if q_used <= s.upper)
    d_code, formula, branch, floor = _describe_segment(crit, group, segment, q_used, raw)
    if q == 0:
        floor, branch = "", "no explosives: no distance"
    others = " | ".join(
        a.text + (" (chosen)" if a is alternative else "") for a in cell.alternatives
    )
    return DistanceExplanation(
        neq=q,
        distance=float(distance),
        raw_distance=float(raw),
        criteria=crit.name,
        division=case.division.value,
        exposed_site=case.exposed_site.value,
        pes=case.pes.value,
        orientation="" if case.orientation is None else case.orientation.value,
        protection_level="" if alternative.level is None else alternative.level.value,
        table=cell.table,
        row=cell.row,
        column=cell.column,
        d_code=d_code,
        formula=formula,
        branch=branch,
        floor=floor,
        alternatives=others,
        rounding=rounding,
        reference=cell.reference,
        verified=cell.reference.verified and alternative.verified,
        caution=_caution(case, np.float64(q)),
        notes=alternative.notes,
    )


def _describe_segment(
    criteria: CriteriaSet, group: str, segment: Segment, q: float, raw: float
) -> tuple[str, str, str, str]:
    if segment.code == "fixed":
        return "fixed", f"{segment.fixed or 0:g} m", "fixed distance", ""
    function = segment_function(criteria, group, segment, True)
    index = int(branch_index(function, np.float64(q)))
    branch = function.branches[index]
    text = branch.formula
    if branch.upper != math.inf:
        text += f" (Q {'≤' if branch.upper_inclusive else '<'} {branch.upper:g})"
    formula_value = float(
        evaluate_kernel(attrs.evolve(function, floors=()), np.float64(q)) * segment.factor
    )
    if float(_raw(branch, np.float64(q))) * function.scale * segment.factor < formula_value - 1e-9:
        text += " (held at the previous branch's end value)"
    floor = ""
    table_floor = function.floor_at(q) * segment.factor if function.floors else 0.0
    if (
        segment.floor
        and segment.floor * segment.factor >= raw - 1e-9
        and segment.floor * segment.factor > formula_value
    ):
        floor = f"cell minimum {segment.floor * segment.factor:g} m"
    elif table_floor and table_floor >= raw - 1e-9 and table_floor > formula_value:
        floor = f"table minimum {table_floor:g} m"
    d_code = segment.code if segment.factor == 1.0 else f"{segment.factor:g} x {segment.code}"
    return d_code, function.formula, text, floor
