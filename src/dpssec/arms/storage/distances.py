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

from dpssec.arms.storage.classification import TABLE_GROUPS, HazardDivision
from dpssec.arms.storage.criteria import Alternative, CriteriaSet, MatrixCell, Segment, column_key
from dpssec.arms.storage.criteria_iatg import IATG_02_20_2021
from dpssec.arms.storage.criteria_sets import CRITERIA, CRITERIA_SETS
from dpssec.arms.storage.qd_functions import branch_index, branch_value, evaluate_kernel
from dpssec.arms.storage.qd_kernels import (
    Rounder,
    alternative_distance,
    alternative_neq,
    identity,
    make_rounder,
    segment_function,
    zero_at_zero,
)
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.boundary import Choice, Flag, Mass, calculator, example_by
from dpssec.boundary import Length as LengthSpec
from dpssec.boundary import is_lazy as _is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Quantity

__all__ = [
    "CRITERIA_SETS",
    "DISTANCE_ROUNDING",
    "NEQ_ROUNDING",
    "DistanceExplanation",
    "QDCase",
    "explain_distance",
    "permissible_neq",
    "required_distance",
    "resolve_case",
]

DISTANCE_ROUNDING = ("none", "ceil", "table")
"""The ``rounding`` of :func:`required_distance` and :func:`explain_distance`."""
NEQ_ROUNDING = ("kg", "none")
"""The ``rounding`` of :func:`permissible_neq`."""

# the selectors every quantity-distance calculator shares, declared once
_SELECTORS: dict[str, Any] = {
    "division": Choice(HazardDivision),
    "exposed_site": Choice(ExposedSiteKind),
    "pes": Choice(PESKind),
    "orientation": Choice(Orientation, optional=True),
    "protection_level": Choice(ProtectionLevel, optional=True),
    "criteria": CRITERIA,
    "large_ecm": Flag(),
}


@attrs.frozen
class QDCase:
    """The resolved selectors of one quantity-distance question: set, cell and alternative.

    Built by :func:`resolve_case` from parsed selectors; the calculators and the depot check
    read the matrix through it.
    """

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

    @property
    def unlimited_possible(self) -> bool:
        """Whether the cell's distance stops growing with the NEQ (a fixed distance, an HD 1.2
        parabola past its top), so that "no NEQ limit" (inf) can be a true answer; where it
        grows without bound, an infinite NEQ can only be a float overflow."""
        group = "1.3B" if self.group == "1.6" else self.group
        with np.errstate(all="ignore"):
            low, high = (
                float(alternative_distance(self.criteria, group, self.alternative, np.float64(q)))
                for q in (1e300, 1e306)
            )
        return low == high


def resolve_case(
    division: HazardDivision,
    exposed_site: ExposedSiteKind,
    pes: PESKind,
    orientation: Orientation | None,
    protection_level: ProtectionLevel | None,
    criteria: CriteriaSet,
    large_ecm: bool = False,
) -> QDCase:
    """The matrix cell and alternative for parsed selectors.

    Raises
    ------
    InputError
        An orientation for a stack, ``large_ecm`` for a PES that is not an earth-covered
        magazine, a missing orientation for one, a cell the set does not have, a protection
        level the cell does not offer.
    """
    if orientation is not None and pes in (PESKind.BARRICADED_STACK, PESKind.UNBARRICADED_STACK):
        raise InputError(
            f"orientation applies only to an earth-covered magazine or a heavy-walled building "
            f"PES (the face or door turned towards the exposed site); got orientation="
            f"{orientation.value!r} with pes={pes.value!r}"
        )
    if large_ecm and pes is not PESKind.EARTH_COVERED_MAGAZINE:
        raise InputError(
            f"large_ecm=True applies only to an earth-covered magazine PES; got pes={pes.value!r}"
        )
    column = column_key(pes, orientation)
    group = division.table_group
    item_cell = item_alternative = None
    if group == "1.6":
        # HD 1.6 (AASTP-1 2006 §1.3.8.3; IATG 02.20:2021 clause 10.2 defers to it): the
        # greater of Table 1 on one munition's NEQ and Table 3B on the total NEQ
        item_cell = criteria.cell(
            "1.1", exposed_site, _large_column(criteria, "1.1", exposed_site, column, large_ecm)
        )
        item_alternative = item_cell.choose(protection_level)
        cell = criteria.cell("1.3B", exposed_site, column)
        alternative = cell.choose(None)
    else:
        cell = criteria.cell(
            group, exposed_site, _large_column(criteria, group, exposed_site, column, large_ecm)
        )
        alternative = cell.choose(protection_level if group == "1.1" else None)
    return QDCase(
        criteria,
        division,
        group,
        exposed_site,
        pes,
        orientation,
        protection_level,
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


def _distance_kernel(case: QDCase, q: Any, item_q: Any, rounder: Rounder = identity) -> Any:
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


def _neq_kernel(case: QDCase, d: Any, item_q: Any) -> Any:
    crit = case.criteria
    if case.group == "1.6":
        assert case.item_alternative is not None
        single = alternative_distance(crit, "1.1", case.item_alternative, item_q, floors=False)
        total = alternative_neq(crit, "1.3B", case.alternative, d)
        return np.where(single <= d, total, 0.0)
    return alternative_neq(crit, case.group, case.alternative, d)


def _caution(case: QDCase, q: Any) -> str:
    """Why some NEQs lie outside what the set's tables vouch for ("" when none do).

    Three checks, each a DataQualityWarning text: below the set's caution threshold (IATG
    HD 1.1 below 500 kg: "use with extreme caution"), below the lowest printed row (a floor
    read off, not a tabulated value) and above the highest printed row (the formula
    extrapolated; AASTP-1 2006 §1.3.2.1 c). ``q`` is the NEQ asked for or, from
    :func:`permissible_neq`, the NEQ returned (0 and ``inf`` are not NEQs and are skipped).
    """
    group = TABLE_GROUPS[case.group].tables
    if _is_lazy(q):
        return ""
    q = np.asarray(q, dtype=float)
    if q.size == 0:
        return ""
    texts = []
    smallest = float(np.nanmin(q)) if q.ndim else float(q)  # one pass in the common case
    if smallest != smallest:  # every value missing (nan_policy="propagate")
        return ""
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
        if np.nanmax(q) > highest:
            above = int(np.count_nonzero(np.isfinite(q) & (q > highest)))
        if above:
            texts.append(
                f"{above} of {q.size} NEQ values are above {highest:g} kg, the highest row of "
                f"{table}: the formula is extrapolated beyond the table"
            )
    return "; ".join(texts)


def _case(*selectors: Any) -> QDCase:
    """:func:`resolve_case` on selectors the calculator's specs have parsed."""
    return resolve_case(*selectors)


def _item_neq(item_neq: Any, case: QDCase) -> Any:
    if case.group != "1.6":
        return None
    if item_neq is None:
        raise InputError(
            "HD 1.6 needs item_neq [kg], the NEQ of one munition: its distance is the greater "
            "of the HD 1.1 distance of one munition and the HD 1.3 (Table 3B) distance of the "
            "total (AASTP-1 2006 §1.3.8.3)"
        )
    return item_neq


def _warn(text: str) -> None:
    if text:
        # user code -> the @calculator wrapper -> the calculator
        warnings.warn(text, DataQualityWarning, stacklevel=3)


# --- public calculators ---------------------------------------------------------------------


@calculator(
    neq=Mass(),
    item_neq=Mass(optional=True),
    rounding=Choice(DISTANCE_ROUNDING),
    returns="m",
    example={
        "neq": [500, 10_000, 100_000],
        "division": "1.1",
        "exposed_site": "inhabited_building",
    },
    **_SELECTORS,
)
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
    nan_policy: str = "raise",
) -> Quantity[Any]:
    """Distance an exposed site needs from a potential explosion site.

    Parameters
    ----------
    neq : array-like or Quantity
        Net explosive quantity of the PES [kg]: numbers in kg, a mass Quantity (pounds are
        converted) or text with a unit such as ``"1100 lb"``.
    division : HazardDivision or str
        Hazard division governing the PES (``"1.1"`` ... ``"1.6"``, ``"HD 1.2.1"``; 1.5 is
        treated as 1.1).
    exposed_site : ExposedSiteKind or str
        What is exposed (the matrix row); values, names (``"INHABITED_BUILDING"``) and the
        synonyms of :mod:`~dpssec.arms.storage.sites` are accepted.
    pes : PESKind or str
        Kind of PES (the matrix column); default an unbarricaded stack.
    orientation : Orientation or str, optional
        Face of the PES turned towards the exposed site; required for an earth-covered
        magazine. For a heavy-walled building, ``None`` means the door faces the site.
    protection_level : ProtectionLevel or str, optional
        For inter-magazine distances (HD 1.1): the protection wanted. Default: the most
        protective alternative of the cell.
    criteria : CriteriaSet or str
        ``IATG_02_20_2021`` (default) or ``AASTP1_2006``, or their names.
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
    nan_policy : {"raise", "propagate"}
        A missing NEQ is refused (default) or gives NaN in its row, with a
        :class:`~dpssec.errors.DataQualityWarning` counting them.

    Returns
    -------
    Quantity or Series
        Required distance [m]: a Python float magnitude for scalar input, an ndarray
        otherwise; a Series of metres (unit in ``.attrs["units"]``) for Series input.

    Raises
    ------
    InputError
        Negative, NaN or infinite NEQ (with the first index and label), text or booleans, an
        unknown division, site, PES kind or rounding, a missing orientation for an earth-covered magazine, an orientation
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
    >>> required_distance("22 000 lb", "HD 1.1", "INHABITED_BUILDING", pes="BARRICADED_STACK")
    <Quantity(477.949981, 'meter')>
    """
    case = _case(division, exposed_site, pes, orientation, protection_level, criteria, large_ecm)
    item_q = _item_neq(item_neq, case)
    _warn(_caution(case, neq))
    steps = case.criteria.table_rounding[TABLE_GROUPS[case.group].rounding]
    return _distance_kernel(case, neq, item_q, make_rounder(rounding, steps))  # type: ignore[no-any-return]


@calculator(
    distance=LengthSpec(),
    item_neq=Mass(optional=True),
    rounding=Choice(NEQ_ROUNDING),
    returns="kg",
    finite_output=False,  # inf is an answer ("no NEQ limit"); overflow is refused below
    example={"distance": [300, 500, 1000], "division": "1.1", "exposed_site": "inhabited_building"},
    **_SELECTORS,
)
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
    nan_policy: str = "raise",
) -> Quantity[Any]:
    """Largest NEQ whose required distance fits the available distance (the explosives limit).

    Parameters
    ----------
    distance : array-like or Quantity
        Available distance from the PES to the exposed site [m] (a length Quantity, e.g. in
        ft, is converted; text such as ``"1640 ft"`` is read).
    division, exposed_site, pes, orientation, protection_level, criteria, item_neq, large_ecm
        As for :func:`required_distance`.
    nan_policy : {"raise", "propagate"}
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
        As for :func:`required_distance`; a mass given for ``distance`` is refused, and so is
        a distance whose NEQ exceeds what 64-bit floats hold (about 1e103 m for D13: far
        beyond any table).

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
    case = _case(division, exposed_site, pes, orientation, protection_level, criteria, large_ecm)
    item_q = _item_neq(item_neq, case)
    q = _neq_kernel(case, distance, item_q)
    if rounding == "kg":
        q = np.floor(q)
    if not case.unlimited_possible and not _is_lazy(q):
        overflow = np.isinf(q)
        if np.any(overflow):
            first = int(np.argmax(np.ravel(overflow))) if np.ndim(q) else 0
            raise InputError(
                f"parameter 'distance': {int(np.count_nonzero(overflow))} of {np.size(q)} "
                f"distances give an NEQ too large for 64-bit floats (first at index {first}: "
                f"{float(np.ravel(distance)[first]):g} m); the tables end at "
                f"{case.criteria.table_limits.get(TABLE_GROUPS[case.group].tables, (0, 0, ''))[1]:g} kg"
            )
    # the inverse reads the same tables: an answer in the extrapolated rows carries the same
    # caution as the forward calculation would
    _warn(_caution(case, q))
    return q  # type: ignore[no-any-return]


@example_by("explain_distance")
@attrs.frozen(eq=False)
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


@calculator(
    neq=Mass(ndim=(0,)),
    item_neq=Mass(optional=True, ndim=(0,)),
    rounding=Choice(DISTANCE_ROUNDING),
    example={"neq": 1_000, "division": "1.1", "exposed_site": "inhabited_building"},
    **_SELECTORS,
)
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
    case = _case(division, exposed_site, pes, orientation, protection_level, criteria, large_ecm)
    q = float(neq)
    item = _item_neq(item_neq, case)
    item_q = None if item is None else float(item)
    steps = case.criteria.table_rounding[TABLE_GROUPS[case.group].rounding]
    distance = float(_distance_kernel(case, q, item_q, make_rounder(rounding, steps)))
    raw = float(_distance_kernel(case, q, item_q))
    crit = case.criteria
    cell, alternative, group, q_used = case.cell, case.alternative, case.group, q
    if case.group == "1.6":
        assert case.item_cell is not None and case.item_alternative is not None
        assert item_q is not None
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
    if (
        float(branch_value(branch, np.float64(q))) * function.scale * segment.factor
        < formula_value - 1e-9
    ):
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
