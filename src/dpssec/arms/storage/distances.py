"""Required distance, permissible NEQ and the explanation of a quantity-distance answer.

* :func:`required_distance` -- NEQ [kg] to the distance [m] an exposed site needs from a
  potential explosion site, vectorised over NEQ;
* :func:`permissible_neq` -- its exact inverse: the largest NEQ whose required distance
  fits an available distance (0 kg where a fixed minimum already exceeds it);
* :func:`explain_distance` -- for one NEQ, the table, row, column, D-code, branch and minimum
  that decided the answer, with the reference.

The criteria set is explicit (``criteria=IATG_02_20_2021`` by default, or ``AASTP1_2006``)
and every explanation names it. Units are checked once at the boundary: ``neq`` accepts a
mass Quantity (pounds are converted), ``distance`` a length Quantity (feet are converted);
plain numbers are read as kg and m. The kernels are plain numpy (``np.where``), so a million
NEQ values cost one pass per branch.

For example:

>>> from dpssec.arms.storage import required_distance, permissible_neq
>>> required_distance(10_000, "1.1", "inhabited_building", rounding="table")
<Quantity(480.0, 'meter')>
>>> permissible_neq(500, "1.1", "inhabited_building")
<Quantity(11424.0, 'kilogram')>
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import attrs
import numpy as np

from dpssec._checks import as_array, check_choice, is_lazy, is_scalar_input, maybe_scalar
from dpssec.arms.storage.classification import HazardDivision
from dpssec.arms.storage.criteria import Alternative, CriteriaSet, MatrixCell, Segment, column_key
from dpssec.arms.storage.criteria_aastp1 import AASTP1_2006
from dpssec.arms.storage.criteria_iatg import IATG_02_20_2021
from dpssec.arms.storage.qd_functions import _raw, branch_index, evaluate_kernel
from dpssec.arms.storage.qd_kernels import (
    Rounder,
    alternative_distance,
    alternative_neq,
    identity,
    make_rounder,
    rounding_group,
    segment_function,
    zero_at_zero,
)
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.errors import DataQualityWarning, InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Quantity, to_magnitude, with_units

__all__ = [
    "CRITERIA_SETS",
    "DistanceExplanation",
    "explain_distance",
    "permissible_neq",
    "required_distance",
]

#: The criteria sets by name (for files and the command line: ``"IATG_02_20_2021"``).
CRITERIA_SETS: dict[str, CriteriaSet] = {
    "IATG_02_20_2021": IATG_02_20_2021,
    "AASTP1_2006": AASTP1_2006,
}
_ROUNDING = ("none", "ceil", "table")
_NEQ_ROUNDING = ("kg", "none")
_GROUP = {
    HazardDivision.HD_1_1: "1.1",
    HazardDivision.HD_1_5: "1.1",  # treated as HD 1.1 for storage
    HazardDivision.HD_1_2_1: "1.2.1",
    HazardDivision.HD_1_2_2: "1.2.2",
    HazardDivision.HD_1_3: "1.3",
    HazardDivision.HD_1_4: "1.4",
    HazardDivision.HD_1_6: "1.6",
}


# --- boundary helpers ---------------------------------------------------------------------


def _enum(value: Any, cls: Any, name: str) -> Any:
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        key = value.strip()
        for member in cls:
            if key.lower() in (member.value, member.name.lower()):
                return member
    choices = ", ".join(repr(m.value) for m in cls)
    raise InputError(f"unknown {name} {value!r}; use one of {choices}")


def _criteria(value: Any) -> CriteriaSet:
    if isinstance(value, CriteriaSet):
        return value
    if isinstance(value, str) and value in CRITERIA_SETS:
        return CRITERIA_SETS[value]
    raise InputError(
        f"criteria must be a criteria set such as IATG_02_20_2021 or AASTP1_2006; got {value!r}"
    )


@attrs.frozen
class _Case:
    """The resolved, validated selectors of one call."""

    criteria: CriteriaSet
    division: HazardDivision
    group: str
    exposed_site: ExposedSiteKind
    pes: PESKind
    orientation: Orientation | None
    protection_level: ProtectionLevel | None
    column: str
    cell: MatrixCell
    alternative: Alternative
    item_cell: MatrixCell | None  # HD 1.6: the HD 1.1 cell applied to one munition
    item_alternative: Alternative | None


def _resolve(
    division: Any,
    exposed_site: Any,
    pes: Any,
    orientation: Any,
    protection_level: Any,
    criteria: Any,
    large_ecm: Any = False,
) -> _Case:
    crit = _criteria(criteria)
    hd = HazardDivision.parse(division)
    es = _enum(exposed_site, ExposedSiteKind, "exposed_site")
    pes_kind = _enum(pes, PESKind, "pes")
    orient = None if orientation is None else _enum(orientation, Orientation, "orientation")
    if orient is not None and pes_kind in (PESKind.BARRICADED_STACK, PESKind.UNBARRICADED_STACK):
        raise InputError(
            f"orientation applies only to an earth-covered magazine or a heavy-walled building "
            f"PES (the face or door turned towards the exposed site); got orientation="
            f"{orient.value!r} with pes={pes_kind.value!r}"
        )
    if not isinstance(large_ecm, bool):
        raise InputError(f"large_ecm must be True or False; got {large_ecm!r}")
    if large_ecm and pes_kind is not PESKind.EARTH_COVERED_MAGAZINE:
        raise InputError(
            "large_ecm=True applies only to an earth-covered magazine PES; got "
            f"pes={pes_kind.value!r}"
        )
    level = (
        None
        if protection_level is None
        else _enum(protection_level, ProtectionLevel, "protection_level")
    )
    column = column_key(pes_kind, orient)
    group = _GROUP[hd]
    item_cell = item_alternative = None
    if group == "1.6":
        # HD 1.6 (AASTP-1 2006 §1.3.8.3; IATG 02.20:2021 clause 10.2 defers to it): the
        # greater of Table 1 on one munition's NEQ and Table 3B on the total NEQ
        item_cell = crit.cell("1.1", es, _large_column(crit, "1.1", es, column, large_ecm))
        item_alternative = item_cell.choose(level)
        cell = crit.cell("1.3B", es, column)
        alternative = cell.choose(None)
    else:
        cell = crit.cell(group, es, _large_column(crit, group, es, column, large_ecm))
        alternative = cell.choose(level if group == "1.1" else None)
    return _Case(
        crit,
        hd,
        group,
        es,
        pes_kind,
        orient,
        level,
        column,
        cell,
        alternative,
        item_cell,
        item_alternative,
    )


def _large_column(
    crit: CriteriaSet, group: str, es: ExposedSiteKind, column: str, large_ecm: bool
) -> str:
    """The large-ECM column where the set has one for this cell (AASTP-1 2006 §1.3.6.7 b)."""
    if large_ecm and (group, es, f"{column}_large") in crit.cells:
        return f"{column}_large"
    return column


def _distance_kernel(case: _Case, q: Any, item_q: Any, rounder: Rounder = identity) -> Any:
    crit = case.criteria
    if case.group == "1.6":
        assert case.item_alternative is not None
        # one munition: the D-code itself, without the projection minima (AASTP-1 2006
        # Annex I-A Table 4, 1.6N: IBD >= 174 m = 5.5·1000^1/2, not 270 m)
        single = alternative_distance(
            crit, "1.1", case.item_alternative, item_q, floors=False, rounder=rounder
        )
        total = alternative_distance(crit, "1.3B", case.alternative, q, rounder=rounder)
        return np.where(q > 0, np.maximum(single, total), 0.0)
    value = alternative_distance(crit, case.group, case.alternative, q, rounder=rounder)
    if zero_at_zero(crit, case.group, case.alternative):
        return value
    # no explosives, no distance (also keeps minima and fixed distances at 0 for an empty site)
    return np.where(q > 0, value, 0.0)


def _neq_kernel(case: _Case, d: Any, item_q: Any) -> Any:
    crit = case.criteria
    if case.group == "1.6":
        assert case.item_alternative is not None
        single = alternative_distance(crit, "1.1", case.item_alternative, item_q, floors=False)
        total = alternative_neq(crit, "1.3B", case.alternative, d)
        return np.where(single <= d, total, 0.0)
    return alternative_neq(crit, case.group, case.alternative, d)


def _caution_group(group: str) -> str:
    return {"1.2.1": "1.2", "1.2.2": "1.2", "1.5": "1.1", "1.6": "1.1", "1.3B": "1.3"}.get(
        group, group
    )


def _caution(case: _Case, q: Any) -> str:
    """Why some NEQs lie outside what the set's tables vouch for ("" when none do).

    Three checks, each a DataQualityWarning text: below the set's caution threshold (IATG
    HD 1.1 below 500 kg: "use with extreme caution"), below the lowest printed row (a floor
    read off, not a tabulated value) and above the highest printed row (the formula
    extrapolated; AASTP-1 2006 §1.3.2.1 c). ``q`` is the NEQ asked for or, from
    :func:`permissible_neq`, the NEQ returned (0 and ``inf`` are not NEQs and are skipped).
    """
    group = _caution_group(case.group)
    if is_lazy(q):
        return ""
    q = np.asarray(q, dtype=float)
    if q.size == 0:
        return ""
    texts = []
    smallest = float(np.min(q))  # one pass each in the common, in-range case
    minimum = 0.0
    if group in case.criteria.table_range:
        minimum, text = case.criteria.table_range[group]
        if smallest < minimum:
            count = int(np.count_nonzero((q > 0) & (q < minimum)))
            if count:
                texts.append(f"{count} of {q.size} NEQ values are below {minimum:g} kg: {text}")
    if group in case.criteria.table_limits:
        lowest, highest, table = case.criteria.table_limits[group]
        # when the lowest row is the caution threshold, the caution above already says it
        below = 0
        if smallest < lowest < minimum or (smallest < lowest and minimum == 0.0):
            below = int(np.count_nonzero((q > 0) & (q < lowest)))
        if below:
            texts.append(
                f"{below} of {q.size} NEQ values are below {lowest:g} kg, the lowest row of "
                f"{table}: the value is the table's floor, not a tabulated distance"
            )
        above = 0
        if np.max(q) > highest:
            above = int(np.count_nonzero(np.isfinite(q) & (q > highest)))
        if above:
            texts.append(
                f"{above} of {q.size} NEQ values are above {highest:g} kg, the highest row of "
                f"{table}: the formula is extrapolated beyond the table"
            )
    return "; ".join(texts)


# --- public calculators ---------------------------------------------------------------------


def _neq_input(neq: Any) -> Any:
    return as_array(to_magnitude(neq, "kg", "neq"), "neq", nonnegative=True)


def _item_input(item_neq: Any, case: _Case) -> Any:
    if case.group != "1.6":
        return None
    if item_neq is None:
        raise InputError(
            "HD 1.6 needs item_neq [kg], the NEQ of one munition: its distance is the greater "
            "of the HD 1.1 distance of one munition and the HD 1.3 (Table 3B) distance of the "
            "total (AASTP-1 2006 §1.3.8.3)"
        )
    return as_array(to_magnitude(item_neq, "kg", "item_neq"), "item_neq", nonnegative=True)


def required_distance(
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
    large_ecm: bool = False,
) -> Quantity[Any]:
    """Distance an exposed site needs from a potential explosion site.

    Parameters
    ----------
    neq : array-like or Quantity
        Net explosive quantity of the PES [kg] (a mass Quantity, e.g. in lb, is converted).
    division : HazardDivision or str
        Hazard division governing the PES (``"1.1"`` ... ``"1.6"``; 1.5 is treated as 1.1).
    exposed_site : ExposedSiteKind or str
        What is exposed (the matrix row).
    pes : PESKind or str
        Kind of PES (the matrix column); default an unbarricaded stack.
    orientation : Orientation or str, optional
        Face of the PES turned towards the exposed site; required for an earth-covered
        magazine. For a heavy-walled building, ``None`` means the door faces the site.
    protection_level : ProtectionLevel or str, optional
        For inter-magazine distances (HD 1.1): the protection wanted. Default: the most
        protective alternative of the cell.
    criteria : CriteriaSet
        ``IATG_02_20_2021`` (default) or ``AASTP1_2006``.
    rounding : {"none", "ceil", "table"}
        ``"ceil"`` rounds up to 1 m; ``"table"`` to the set's printed-table steps (IATG
        02.20:2021 clause 7.7: 1/5/10/20 m; AASTP-1 2006 HD 1.1: 1/5/10 m, HD 1.2/1.3: 1 m).
    item_neq : array-like or Quantity, optional
        NEQ of one munition [kg]; required for HD 1.6.
    large_ecm : bool
        True for a large earth-covered magazine (> 500 m³). Under AASTP-1 (2006) only a large
        ECM earns the reduced rear/side distances D14-D17 up to 45,000 kg (§1.3.6.7 b, Table 1
        note n); a standard ECM (default) keeps D11 (≥ 270 m) and D13 (≥ 400 m). IATG
        02.20:2021 gives D14-D17 to standard ECMs, so the flag changes nothing there.

    Returns
    -------
    Quantity
        Required distance [m]: a Python float magnitude for scalar input, an ndarray otherwise.

    Raises
    ------
    InputError
        Negative, NaN or infinite NEQ (with the first index), an unknown division, site, PES
        kind or rounding, a missing orientation for an earth-covered magazine, an orientation
        for a stack (it has no face or door), ``large_ecm=True`` for a PES that is not an
        earth-covered magazine.
    UnitError
        ``neq`` given as a Quantity that is not a mass.

    Warns
    -----
    DataQualityWarning
        NEQ values below the set's tabulated range (IATG HD 1.1 below 500 kg: "use with
        extreme caution"), below the lowest printed row (IATG HD 1.1 50 kg, HD 1.2 10 kg) or
        above the highest (IATG HD 1.1 and 1.3 250,000 kg, HD 1.2 500,000 kg; AASTP-1 (2006)
        250,000 kg).

    Notes
    -----
    The distance is ``factor · max(D(Q), minimum)`` for the D-code of the matrix cell
    (e.g. IBD = D13 = 22.2·Q^1/3 above 4,500 kg, at least 400 m), see
    :func:`explain_distance` for the cell used. A NEQ of 0 kg needs no distance.

    References
    ----------
    IATG 02.20:2021 (3rd ed.), Annexes D-L and clause 7.7; AASTP-1 Ed.1 Ch.2 (2006),
    Annex I-A Tables 1-3.

    Examples
    --------
    >>> from dpssec.arms.storage import required_distance, AASTP1_2006
    >>> from dpssec.units import Q_
    >>> required_distance([500, 10_000, 100_000], "1.1", "inhabited_building", rounding="table")
    <Quantity([ 400.  480. 1040.], 'meter')>
    >>> required_distance(Q_(22_046.2, "lb"), "1.1", "public_traffic_route_medium",
    ...                   criteria=AASTP1_2006, rounding="table")
    <Quantity(320.0, 'meter')>
    """
    case = _resolve(division, exposed_site, pes, orientation, protection_level, criteria, large_ecm)
    check_choice(rounding, "rounding", _ROUNDING)
    scalar = is_scalar_input(to_magnitude(neq, "kg", "neq"))
    q = _neq_input(neq)
    item_q = _item_input(item_neq, case)
    caution = _caution(case, q)
    if caution:
        warnings.warn(caution, DataQualityWarning, stacklevel=2)
    steps = case.criteria.table_rounding[rounding_group(case.group)]
    value = _distance_kernel(case, q, item_q, make_rounder(rounding, steps))
    result: Quantity[Any] = with_units(maybe_scalar(value, scalar), "m")
    return result


def permissible_neq(
    distance: Any,
    division: HazardDivision | str,
    exposed_site: ExposedSiteKind | str,
    *,
    pes: PESKind | str = PESKind.UNBARRICADED_STACK,
    orientation: Orientation | str | None = None,
    protection_level: ProtectionLevel | str | None = None,
    criteria: CriteriaSet | str = IATG_02_20_2021,
    rounding: str = "kg",
    item_neq: Any = None,
    large_ecm: bool = False,
) -> Quantity[Any]:
    """Largest NEQ whose required distance fits the available distance (the explosives limit).

    Parameters
    ----------
    distance : array-like or Quantity
        Available distance from the PES to the exposed site [m] (a length Quantity, e.g. in
        ft, is converted).
    division, exposed_site, pes, orientation, protection_level, criteria, item_neq, large_ecm
        As for :func:`required_distance`.
    rounding : {"kg", "none"}
        ``"kg"`` rounds the NEQ down to the kilogram (IATG 02.20:2021 clause 7.7);
        ``"none"`` returns the exact inverse.

    Returns
    -------
    Quantity
        NEQ [kg]. 0 kg where a fixed minimum of the cell (e.g. 400 m) exceeds the distance;
        ``inf`` where the cell sets no NEQ-dependent limit ("no QD", HD 1.4).

    Raises
    ------
    InputError, UnitError
        As for :func:`required_distance`; a mass given for ``distance`` is refused.

    Warns
    -----
    DataQualityWarning
        When a returned NEQ lies outside the set's tables, as for :func:`required_distance`
        (e.g. below 500 kg under IATG HD 1.1, or above the highest printed row).

    Notes
    -----
    Exact inverse of the unrounded :func:`required_distance`, branch by branch (Q^2/3,
    Q^1/2, Q^1/3, log-polynomials), honouring the minima:
    ``required_distance(permissible_neq(d)) <= d``.

    Examples
    --------
    >>> from dpssec.arms.storage import permissible_neq
    >>> from dpssec.units import Q_
    >>> permissible_neq([300, 500, 1000], "1.1", "inhabited_building")
    <Quantity([    0. 11424. 91398.], 'kilogram')>
    >>> permissible_neq(Q_(1640.42, "ft"), "1.1", "inhabited_building")
    <Quantity(11424.0, 'kilogram')>
    """
    case = _resolve(division, exposed_site, pes, orientation, protection_level, criteria, large_ecm)
    check_choice(rounding, "rounding", _NEQ_ROUNDING)
    magnitude = to_magnitude(distance, "m", "distance")
    scalar = is_scalar_input(magnitude)
    d = as_array(magnitude, "distance", nonnegative=True)
    item_q = _item_input(item_neq, case)
    q = _neq_kernel(case, d, item_q)
    if rounding == "kg":
        q = np.floor(q)
    # the inverse reads the same tables: an answer in the extrapolated rows carries the same
    # caution as the forward calculation would
    caution = _caution(case, q)
    if caution:
        warnings.warn(caution, DataQualityWarning, stacklevel=2)
    result: Quantity[Any] = with_units(maybe_scalar(q, scalar), "kg")
    return result


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
    large_ecm: bool = False,
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
    case = _resolve(division, exposed_site, pes, orientation, protection_level, criteria, large_ecm)
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
            large_ecm=large_ecm,
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
            large_ecm=large_ecm,
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
