"""Required distance and permissible NEQ: the public quantity-distance calculators.

* :func:`required_distance` -- NEQ [kg] to the distance [m] an exposed site needs from a
  potential explosion site, vectorised over NEQ;
* :func:`permissible_neq` -- its exact inverse: the largest NEQ whose required distance
  fits an available distance (0 kg where a fixed minimum already exceeds it);
* :func:`~dpssec.arms.storage.explanation.explain_distance` -- for one NEQ, the table, row,
  column, D-code, branch and minimum that decided the answer, with the reference.

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

import warnings
from typing import Any

import attrs
import numpy as np

from dpssec._checks import as_array, check_choice, is_lazy, is_scalar_input, maybe_scalar
from dpssec.arms.storage.classification import HazardDivision
from dpssec.arms.storage.criteria import Alternative, CriteriaSet, MatrixCell, column_key
from dpssec.arms.storage.criteria_aastp1 import AASTP1_2006
from dpssec.arms.storage.criteria_iatg import IATG_02_20_2021
from dpssec.arms.storage.qd_kernels import (
    Rounder,
    alternative_distance,
    alternative_neq,
    identity,
    make_rounder,
    rounding_group,
    zero_at_zero,
)
from dpssec.arms.storage.sites import ExposedSiteKind, Orientation, PESKind, ProtectionLevel
from dpssec.errors import DataQualityWarning, InputError
from dpssec.units import Quantity, to_magnitude, with_units

__all__ = ["CRITERIA_SETS", "permissible_neq", "required_distance"]

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
) -> _Case:
    crit = _criteria(criteria)
    hd = HazardDivision.parse(division)
    es = _enum(exposed_site, ExposedSiteKind, "exposed_site")
    pes_kind = _enum(pes, PESKind, "pes")
    orient = None if orientation is None else _enum(orientation, Orientation, "orientation")
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
        item_cell = crit.cell("1.1", es, column)
        item_alternative = item_cell.choose(level)
        cell = crit.cell("1.3B", es, column)
        alternative = cell.choose(None)
    else:
        cell = crit.cell(group, es, column)
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


def _caution(case: _Case, q: Any) -> str:
    group = {"1.2.1": "1.2", "1.2.2": "1.2", "1.5": "1.1", "1.6": "1.1", "1.3B": "1.3"}.get(
        case.group, case.group
    )
    if group not in case.criteria.table_range or is_lazy(q):
        return ""
    minimum, text = case.criteria.table_range[group]
    if np.size(q) == 0 or np.min(q) >= minimum:  # one pass in the common case
        return ""
    small = (q > 0) & (q < minimum)
    count = int(np.count_nonzero(small))
    if not count:
        return ""
    return f"{count} of {np.size(q)} NEQ values are below {minimum:g} kg: {text}"


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

    Returns
    -------
    Quantity
        Required distance [m]: a Python float magnitude for scalar input, an ndarray otherwise.

    Raises
    ------
    InputError
        Negative, NaN or infinite NEQ (with the first index), an unknown division, site, PES
        kind or rounding, a missing orientation for an earth-covered magazine.
    UnitError
        ``neq`` given as a Quantity that is not a mass.

    Warns
    -----
    DataQualityWarning
        NEQ values below the set's tabulated range (IATG HD 1.1 below 500 kg: "use with
        extreme caution").

    Notes
    -----
    The distance is ``factor · max(D(Q), minimum)`` for the D-code of the matrix cell
    (e.g. IBD = D13 = 22.2·Q^1/3 above 4,500 kg, at least 400 m), see
    :func:`~dpssec.arms.storage.explanation.explain_distance` for the cell used. A NEQ of 0 kg needs no distance.

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
    case = _resolve(division, exposed_site, pes, orientation, protection_level, criteria)
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
) -> Quantity[Any]:
    """Largest NEQ whose required distance fits the available distance (the explosives limit).

    Parameters
    ----------
    distance : array-like or Quantity
        Available distance from the PES to the exposed site [m] (a length Quantity, e.g. in
        ft, is converted).
    division, exposed_site, pes, orientation, protection_level, criteria, item_neq
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
    case = _resolve(division, exposed_site, pes, orientation, protection_level, criteria)
    check_choice(rounding, "rounding", _NEQ_ROUNDING)
    magnitude = to_magnitude(distance, "m", "distance")
    scalar = is_scalar_input(magnitude)
    d = as_array(magnitude, "distance", nonnegative=True)
    item_q = _item_input(item_neq, case)
    q = _neq_kernel(case, d, item_q)
    if rounding == "kg":
        q = np.floor(q)
    result: Quantity[Any] = with_units(maybe_scalar(q, scalar), "kg")
    return result
