"""Living space per prisoner: space per person, checks against standards, implied capacity.

Standards are named presets (:data:`CELL_SPACE_STANDARDS`), each with its status:

* ``"cpt-minimum"`` (verified): 6 m² for a single cell, 4 m² per prisoner in multi-occupancy,
  both **net of the sanitary annexe**, which in a shared cell must be fully partitioned; at
  least 2 m between walls and 2.5 m floor to ceiling (CPT/Inf (2015) 44);
* ``"cpt-desirable"`` (unverified): 6 m² + 4 m² per additional prisoner (10, 14, 18 m²);
* ``"cpt-police-cell"`` (secondary): about 7 m² for single occupancy of a police cell;
* ``"ecthr-mursic"`` (secondary): below 3 m² of personal space in multi-occupancy a strong
  presumption of a violation of Article 3; 3 to 4 m² a violation when combined with other
  inadequate conditions; above 4 m² space is not an issue in itself;
* ``"icrc-2012"`` (secondary): 5.4 m² per person in a single cell, 3.4 m² in a shared one.

The UN Nelson Mandela Rules (rule 13) give no figure in m².

For example:

>>> from dpssec.justice import space_per_person, capacity_from_floor_area
>>> space_per_person(14.0, 3, sanitary_area=2.0)
<Quantity(4.0, 'meter ** 2')>
>>> capacity_from_floor_area([5.0, 7.0, 9.5, 13.0], standard="cpt-minimum")
array([0, 1, 2, 3])
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Area, Count, calculator, example_by, not_above
from dpssec.errors import InputError
from dpssec.justice.boundary_rules import Preset, refuse_above
from dpssec.justice.sources import (
    CPT_DESIRABLE,
    CPT_LIVING_SPACE,
    CPT_POLICE_CELLS,
    ECTHR_MURSIC,
    ICRC_HABITAT_2012,
)
from dpssec.references import Reference

__all__ = [
    "CELL_SPACE_STANDARD",
    "CELL_SPACE_STANDARDS",
    "PLACE_TOLERANCE",
    "CellSpaceStandard",
    "capacity_from_floor_area",
    "meets_space_standard",
    "required_floor_area",
    "space_per_person",
]

PLACE_TOLERANCE = 1e-9
"""Division results such as 10.2 / 3.4 land a hair below a whole number; places are counted
with this tolerance [m²] so that a cell of exactly 3 x 3.4 m² holds 3 people."""


@example_by(lambda: CELL_SPACE_STANDARDS["cpt-minimum"])
@attrs.frozen
class CellSpaceStandard:
    """A minimum-living-space rule.

    Attributes
    ----------
    key, title : str
        Preset name and a readable title.
    single_cell_area : float or None
        Net floor area required for one occupant [m²]; None: the per-person figure applies.
    area_per_person : float or None
        Net floor area per person in multi-occupancy [m²]; None: the standard covers single
        occupancy only.
    additional_person_area : float or None
        When given, a cell for n persons needs ``single_cell_area + additional_person_area x
        (n − 1)`` instead of ``area_per_person x n`` [m²].
    adequate_area_per_person : float or None
        A second tier: below it (but at or above the minimum) the space is a warning, not a
        violation (Muršić's 3 to 4 m² band) [m²].
    min_wall_distance, min_ceiling_height : float or None
        Minimum distance between walls and floor-to-ceiling height [m].
    partitioned_annexe_required : bool
        A shared cell's sanitary annexe must be fully partitioned (CPT).
    reference : Reference
    """

    key: str
    title: str
    single_cell_area: float | None
    area_per_person: float | None
    reference: Reference
    additional_person_area: float | None = None
    adequate_area_per_person: float | None = None
    min_wall_distance: float | None = None
    min_ceiling_height: float | None = None
    partitioned_annexe_required: bool = False

    def __attrs_post_init__(self) -> None:
        if self.single_cell_area is None and self.area_per_person is None:
            raise InputError(
                f"CellSpaceStandard {self.key!r} needs a single-cell or per-person area"
            )
        if self.additional_person_area is not None and self.single_cell_area is None:
            raise InputError(
                f"CellSpaceStandard {self.key!r}: additional_person_area needs single_cell_area"
            )

    @property
    def verified(self) -> bool:
        return self.reference.verified


CPT_MINIMUM = CellSpaceStandard(
    "cpt-minimum",
    "CPT minimum standard",
    single_cell_area=6.0,
    area_per_person=4.0,
    min_wall_distance=2.0,
    min_ceiling_height=2.5,
    partitioned_annexe_required=True,
    reference=CPT_LIVING_SPACE,
)

CELL_SPACE_STANDARDS: dict[str, CellSpaceStandard] = {
    s.key: s
    for s in (
        CPT_MINIMUM,
        CellSpaceStandard(
            "cpt-desirable",
            "CPT desirable standard (6 m² + 4 m² per additional prisoner)",
            single_cell_area=6.0,
            area_per_person=4.0,
            additional_person_area=4.0,
            min_wall_distance=2.0,
            min_ceiling_height=2.5,
            partitioned_annexe_required=True,
            reference=CPT_DESIRABLE,
        ),
        CellSpaceStandard(
            "cpt-police-cell",
            "CPT desirable level for police cells (single occupancy)",
            single_cell_area=7.0,
            area_per_person=None,
            min_wall_distance=2.0,
            min_ceiling_height=2.5,
            reference=CPT_POLICE_CELLS,
        ),
        CellSpaceStandard(
            "ecthr-mursic",
            "ECtHR Muršić v. Croatia personal-space thresholds",
            single_cell_area=None,
            area_per_person=3.0,
            adequate_area_per_person=4.0,
            reference=ECTHR_MURSIC,
        ),
        CellSpaceStandard(
            "icrc-2012",
            "ICRC 2012 supplementary guidance",
            single_cell_area=5.4,
            area_per_person=3.4,
            reference=ICRC_HABITAT_2012,
        ),
    )
}
"""Shipped cell-space presets by key; only ``"cpt-minimum"`` is verified."""


CELL_SPACE_STANDARD = Preset(CELL_SPACE_STANDARDS)
"""The ``standard`` parameter: a key of :data:`CELL_SPACE_STANDARDS` or an own standard."""


# -- kernels ----------------------------------------------------------------------------------


def required_area_kernel(occupants: Any, standard: CellSpaceStandard) -> Any:
    """Net floor area [m²] a cell needs for ``occupants`` (magnitudes, no checks).

    NaN for more than one occupant under a single-occupancy standard: the calculators refuse
    that case before calling it.
    """
    single = standard.single_cell_area
    per_person = standard.area_per_person
    if standard.additional_person_area is not None and single is not None:
        shared = single + standard.additional_person_area * (occupants - 1)
    elif per_person is not None:
        shared = per_person * occupants
    else:
        shared = np.nan * occupants
    first = single if single is not None else per_person
    return np.where(occupants <= 1, first * np.minimum(occupants, 1), shared)


def capacity_kernel(net_area: Any, standard: CellSpaceStandard) -> Any:
    """Persons a net floor area [m²] holds under ``standard`` (magnitudes, no checks)."""
    single = standard.single_cell_area
    per_person = standard.area_per_person
    fits_one = net_area + PLACE_TOLERANCE >= (single if single is not None else per_person)
    if standard.additional_person_area is not None and single is not None:
        extra = np.floor((net_area - single) / standard.additional_person_area + PLACE_TOLERANCE)
        places = np.where(fits_one, 1 + extra, 0)
    elif per_person is not None:
        shared = np.floor(net_area / per_person + PLACE_TOLERANCE)
        places = np.where(shared >= 2, shared, np.where(fits_one, 1, 0))
    else:
        places = np.where(fits_one, 1, 0)
    return places.astype(np.int64)


# -- calculators ------------------------------------------------------------------------------

_WITHIN_CELL = not_above("sanitary_area", "floor_area", "are larger than the cell ('floor_area')")


@calculator(
    floor_area=Area(positive=True),
    occupants=Count(positive=True),
    sanitary_area=Area(),
    relations=[_WITHIN_CELL],
    returns="m**2",
    integers=True,
    divisors=("occupants",),
    overlap=True,
    example={"floor_area": [9.0, 12.0], "occupants": [1, 4], "sanitary_area": [1.0, 2.0]},
)
def space_per_person(
    floor_area: Any, occupants: Any, *, sanitary_area: Any = 0, nan_policy: str = "raise"
) -> Any:
    """Net living space per occupant of a cell.

    Parameters
    ----------
    floor_area : Quantity or array-like
        Cell floor area including any in-cell sanitary annexe [m²], > 0.
    occupants : array-like
        Persons held in the cell (whole number) [persons], >= 1.
    sanitary_area : Quantity or array-like
        Floor area of the sanitary annexe [m²], >= 0 and at most ``floor_area``.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    Quantity or Series
        ``(floor_area − sanitary_area) / occupants`` [m²], scalar or array; a Series of m²
        (unit in ``.attrs["units"]``) for Series input.

    Raises
    ------
    InputError
        Non-positive area or occupants, a sanitary annexe larger than the cell.
    UnitError
        A quantity that is not an area.

    Notes
    -----
    The CPT counts living space without the sanitary annexe (CPT/Inf (2015) 44, paras 9-10);
    the ECtHR in *Muršić* likewise excludes the in-cell sanitary area but includes furniture.

    Examples
    --------
    >>> from dpssec.units import Q_
    >>> from dpssec.justice import space_per_person
    >>> round(space_per_person(Q_(120, "ft**2"), 2).magnitude, 3)
    5.574
    >>> space_per_person([9.0, 12.0], [1, 4], sanitary_area=[1.0, 2.0]).magnitude
    array([8. , 2.5])
    """
    return (floor_area - sanitary_area) / occupants


@calculator(
    occupants=Count(),
    standard=CELL_SPACE_STANDARD,
    returns="m**2",
    example={"occupants": [1, 2, 3, 4], "standard": "cpt-desirable"},
)
def required_floor_area(
    occupants: Any,
    *,
    standard: str | CellSpaceStandard = "cpt-minimum",
    nan_policy: str = "raise",
) -> Any:
    """Net floor area a cell needs for its occupants under a standard.

    Parameters
    ----------
    occupants : array-like
        Persons in the cell [persons], >= 0.
    standard : str or CellSpaceStandard
        Preset key (see :data:`CELL_SPACE_STANDARDS`) or an own standard.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    Quantity or Series
        Required net area [m²].

    Raises
    ------
    InputError
        Negative or fractional occupants; more than one occupant under a standard that covers
        single occupancy only (``"cpt-police-cell"``), rather than a silent NaN; an unknown
        standard.

    Examples
    --------
    >>> from dpssec.justice import required_floor_area
    >>> required_floor_area([1, 2, 3, 4]).magnitude
    array([ 6.,  8., 12., 16.])
    >>> required_floor_area([1, 2, 3, 4], standard="cpt-desirable").magnitude
    array([ 6., 10., 14., 18.])
    >>> required_floor_area(2, standard="cpt-police-cell")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'occupants': 1 of 1 values are above 1, and the standard 'cpt-police-cell' covers single occupancy only (first at index 0: 2.0)
    """
    chosen: CellSpaceStandard = CELL_SPACE_STANDARD.convert(standard, "standard")
    return required_area_kernel(_covered(occupants, chosen), chosen)


def _covered(occupants: Any, standard: CellSpaceStandard) -> Any:
    """Refuse shared cells under a single-occupancy standard: it says nothing of them."""
    if standard.area_per_person is None and standard.additional_person_area is None:
        return refuse_above(
            occupants,
            1.0,
            "occupants",
            f"are above 1, and the standard {standard.key!r} covers single occupancy only",
        )
    return occupants


@calculator(
    floor_area=Area(positive=True),
    sanitary_area=Area(),
    standard=CELL_SPACE_STANDARD,
    relations=[_WITHIN_CELL],
    example={"floor_area": [5.0, 7.0, 9.5, 13.0], "sanitary_area": [0.0, 0.0, 1.0, 1.0]},
)
def capacity_from_floor_area(
    floor_area: Any,
    *,
    sanitary_area: Any = 0,
    standard: str | CellSpaceStandard = "cpt-minimum",
    nan_policy: str = "raise",
) -> Any:
    """Number of persons a cell can hold under a space standard.

    Parameters
    ----------
    floor_area : Quantity or array-like
        Cell floor area including the sanitary annexe [m²], > 0.
    sanitary_area : Quantity or array-like
        Sanitary annexe area [m²], excluded from the living space.
    standard : str or CellSpaceStandard
        Preset key or an own standard.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    int, ndarray of int or Series
        The largest n whose required net area fits in the net floor area (floats, with NaN
        in the missing rows, under ``nan_policy="propagate"``).

    Notes
    -----
    For a per-person rule this is ``floor(net_area / m² per person)`` except that one person
    needs the single-cell figure (CPT: a 7 m² cell holds one person, an 8 m² cell two). The
    ICRC 2005 handbook describes an area-based occupancy but its formula was not read; this
    is a derived rule, an analyst's calculation and not an official
    capacity, which also depends on light, ventilation and regime.

    Examples
    --------
    >>> from dpssec.justice import capacity_from_floor_area
    >>> capacity_from_floor_area(20.0)
    5
    >>> capacity_from_floor_area(20.0, sanitary_area=2.0, standard="cpt-desirable")
    4
    """
    chosen: CellSpaceStandard = CELL_SPACE_STANDARD.convert(standard, "standard")
    return capacity_kernel(floor_area - sanitary_area, chosen)


@calculator(
    floor_area=Area(positive=True),
    occupants=Count(),
    sanitary_area=Area(),
    standard=CELL_SPACE_STANDARD,
    relations=[_WITHIN_CELL],
    integers=True,
    example={"floor_area": [6.0, 7.9, 8.0], "occupants": [1, 2, 2]},
)
def meets_space_standard(
    floor_area: Any,
    occupants: Any,
    *,
    sanitary_area: Any = 0,
    standard: str | CellSpaceStandard = "cpt-minimum",
    nan_policy: str = "raise",
) -> Any:
    """Whether each cell's net floor area meets the standard for its occupants (area only).

    A vectorised screen for large cell tables; :func:`check_cell_space` gives the findings,
    dimensions and annexe checks for one cell.

    Parameters
    ----------
    floor_area : Quantity or array-like
        Cell floor area including the sanitary annexe [m²], > 0.
    occupants : array-like
        Persons held in each cell [persons], >= 0.
    sanitary_area : Quantity or array-like
        Sanitary annexe area [m²], at most ``floor_area``.
    standard : str or CellSpaceStandard
        Preset key or an own standard.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    bool, ndarray of bool or Series
        False also where the standard does not cover the occupancy (a shared police cell);
        floats with NaN in the missing rows under ``nan_policy="propagate"``.

    Raises
    ------
    InputError
        Lengths that differ, a non-positive area, negative or fractional occupants, a
        sanitary annexe larger than the cell.

    Examples
    --------
    >>> from dpssec.justice import meets_space_standard
    >>> meets_space_standard([6.0, 7.9, 8.0], [1, 2, 2])
    array([ True, False,  True])
    """
    chosen: CellSpaceStandard = CELL_SPACE_STANDARD.convert(standard, "standard")
    with np.errstate(invalid="ignore"):  # NaN (an uncovered occupancy) compares False
        return floor_area - sanitary_area + PLACE_TOLERANCE >= required_area_kernel(
            occupants, chosen
        )
