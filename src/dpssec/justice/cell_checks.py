"""Checks of one cell against a living-space standard, as findings with their citation.

:func:`check_cell_space` applies a preset of :mod:`dpssec.justice.cell_space` (area for the
number of occupants, distance between walls, ceiling height, partitioned sanitary annexe) and
returns :class:`~dpssec.findings.Finding` objects: a VIOLATION, WARNING (Muršić's 3 to 4 m²
band) or INFO (met, or "not checked" when a value was not given). Findings under unverified
or secondary presets carry a reference with ``verified=False``.

For example:

>>> from dpssec.justice import check_cell_space
>>> [f.severity.value for f in check_cell_space(7.0, 1, min_wall_distance=2.1, ceiling_height=2.6)]
['info', 'info', 'info']
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Area, Count, Flag, Length, Text, calculator, not_above
from dpssec.findings import Finding, Severity
from dpssec.justice.cell_space import (
    CELL_SPACE_STANDARD,
    PLACE_TOLERANCE,
    CellSpaceStandard,
    required_area_kernel,
)

__all__ = ["check_cell_space"]


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


@calculator(
    floor_area=Area(positive=True, ndim=(0,)),
    occupants=Count(ndim=(0,)),
    sanitary_area=Area(ndim=(0,)),
    standard=CELL_SPACE_STANDARD,
    min_wall_distance=Length(positive=True, ndim=(0,), optional=True),
    ceiling_height=Length(positive=True, ndim=(0,), optional=True),
    sanitary_partitioned=Flag(optional=True),
    subject=Text(empty=True),
    relations=[not_above("sanitary_area", "floor_area", "are larger than the cell ('floor_area')")],
    example={
        "floor_area": 9.0,
        "occupants": 3,
        "sanitary_area": 1.0,
        "min_wall_distance": 2.2,
        "ceiling_height": 2.7,
        "sanitary_partitioned": True,
        "subject": "A-12",
    },
)
def check_cell_space(
    floor_area: Any,
    occupants: int,
    *,
    sanitary_area: Any = 0,
    standard: str | CellSpaceStandard = "cpt-minimum",
    min_wall_distance: Any = None,
    ceiling_height: Any = None,
    sanitary_partitioned: bool | None = None,
    subject: str = "",
) -> list[Finding]:
    """Check one cell against a living-space standard.

    Parameters
    ----------
    floor_area : Quantity or float
        Cell floor area including the sanitary annexe [m²].
    occupants : int
        Persons held in the cell [persons], >= 0 (``3.0`` is read as 3).
    sanitary_area : Quantity or float
        Sanitary annexe area [m²], excluded from the living space.
    standard : str or CellSpaceStandard
        ``"cpt-minimum"`` (default, verified), ``"cpt-desirable"``, ``"cpt-police-cell"``,
        ``"ecthr-mursic"``, ``"icrc-2012"`` or an own standard.
    min_wall_distance : Quantity or float, optional
        Shortest distance between opposite walls [m].
    ceiling_height : Quantity or float, optional
        Floor-to-ceiling height [m].
    sanitary_partitioned : bool, optional
        Whether the sanitary annexe is fully partitioned (required in a shared cell by the CPT).
    subject : str
        Name of the cell in the findings.

    Returns
    -------
    list of Finding
        One ``cell-space`` finding (VIOLATION, WARNING or INFO when met), and findings on the
        dimensions and the annexe where the standard has such rules (INFO "not checked" when
        a value needed for a rule was not given). Findings under unverified or secondary
        presets carry a reference with ``verified=False``.

    Raises
    ------
    InputError
        ``occupants`` not a whole number or negative; a non-positive floor area; a sanitary
        annexe larger than the cell; arrays instead of one cell (use
        :func:`~dpssec.justice.meets_space_standard`); an unknown standard.
    UnitError
        An area or length given as a Quantity of another dimension.

    Examples
    --------
    >>> from dpssec.justice import check_cell_space
    >>> findings = check_cell_space(9.0, 3, sanitary_area=1.0, min_wall_distance=2.2,
    ...                             ceiling_height=2.7, sanitary_partitioned=True, subject="A-12")
    >>> print(findings[0])
    VIOLATION [A-12]: 8 m² net for 3 occupants (2.67 m² each) is below the 12 m² the CPT minimum standard requires (CPT standards on living space per prisoner CPT/Inf (2015) 44, cover box and paras 9-10)
    >>> [f.severity.value for f in findings]
    ['violation', 'info', 'info']
    """
    chosen: CellSpaceStandard = CELL_SPACE_STANDARD.convert(standard, "standard")
    area = float(floor_area)
    net = area - float(sanitary_area)
    n = int(occupants)
    ref = chosen.reference
    findings: list[Finding] = []
    base = {"standard": chosen.key, "occupants": n, "floor_area_m2": area, "net_area_m2": net}
    if n == 0:
        findings.append(
            Finding(
                "cell-space",
                Severity.INFO,
                "empty cell: no living space to check",
                subject,
                ref,
                base,
            )
        )
    elif n > 1 and chosen.area_per_person is None:
        findings.append(
            Finding(
                "cell-space",
                Severity.WARNING,
                f"{n} occupants, but the {chosen.title} covers single occupancy only",
                subject,
                ref,
                base,
            )
        )
    else:
        required = float(required_area_kernel(np.asarray(float(n)), chosen))
        each = net / n
        details = {**base, "area_per_person_m2": each, "required_net_area_m2": required}
        head = f"{_fmt(net)} m² net for {n} occupant{'s' if n > 1 else ''}"
        head += f" ({_fmt(each)} m² each)" if n > 1 else ""
        if net + PLACE_TOLERANCE < required:
            if chosen.adequate_area_per_person is not None:
                message = (
                    f"{head}: below {_fmt(required / n)} m² per person, a strong presumption of "
                    "a violation of Article 3 ECHR (rebuttable only if the reduction is short, "
                    "occasional and minor, with sufficient out-of-cell freedom in appropriate "
                    "conditions)"
                )
            else:
                message = f"{head} is below the {_fmt(required)} m² the {chosen.title} requires"
            findings.append(
                Finding("cell-space", Severity.VIOLATION, message, subject, ref, details)
            )
        elif (
            chosen.adequate_area_per_person is not None
            and each + PLACE_TOLERANCE < chosen.adequate_area_per_person
        ):
            findings.append(
                Finding(
                    "cell-space",
                    Severity.WARNING,
                    f"{head}: between {_fmt(required / n)} and "
                    f"{_fmt(chosen.adequate_area_per_person)} m² per person, a violation if "
                    "combined with other inadequate conditions of detention",
                    subject,
                    ref,
                    details,
                )
            )
        else:
            findings.append(
                Finding(
                    "cell-space",
                    Severity.INFO,
                    f"{head} meets the {_fmt(required)} m² of the {chosen.title}",
                    subject,
                    ref,
                    details,
                )
            )
    findings += _dimension_findings(
        chosen,
        "wall distance",
        min_wall_distance,
        chosen.min_wall_distance,
        "cell-wall-distance",
        subject,
    )
    findings += _dimension_findings(
        chosen,
        "ceiling height",
        ceiling_height,
        chosen.min_ceiling_height,
        "cell-ceiling-height",
        subject,
    )
    if chosen.partitioned_annexe_required and n > 1 and sanitary_partitioned is False:
        findings.append(
            Finding(
                "cell-sanitary-annexe",
                Severity.VIOLATION,
                f"shared cell ({n} occupants) whose sanitary annexe is not fully partitioned",
                subject,
                ref,
                {"standard": chosen.key, "occupants": n},
            )
        )
    elif chosen.partitioned_annexe_required and n > 1 and sanitary_partitioned is None:
        findings.append(
            Finding(
                "cell-sanitary-annexe",
                Severity.INFO,
                "not checked: whether the sanitary annexe of this shared cell is fully "
                "partitioned was not given",
                subject,
                ref,
                {"standard": chosen.key, "occupants": n},
            )
        )
    return findings


def _dimension_findings(
    standard: CellSpaceStandard,
    what: str,
    value: Any,
    minimum: float | None,
    code: str,
    subject: str,
) -> list[Finding]:
    if minimum is None:
        return []
    ref = standard.reference
    if value is None:
        return [
            Finding(
                code,
                Severity.INFO,
                f"not checked: the {what} was not given "
                f"(the {standard.title} requires at least {_fmt(minimum)} m)",
                subject,
                ref,
                {"standard": standard.key, "minimum_m": minimum},
            )
        ]
    given = float(value)  # metres, checked by the calculator's specs
    details = {"standard": standard.key, "minimum_m": minimum, "value_m": given}
    if given + PLACE_TOLERANCE < minimum:
        return [
            Finding(
                code,
                Severity.VIOLATION,
                f"{what} {_fmt(given)} m is below the {_fmt(minimum)} m of the {standard.title}",
                subject,
                ref,
                details,
            )
        ]
    return [
        Finding(
            code,
            Severity.INFO,
            f"{what} {_fmt(given)} m meets the {_fmt(minimum)} m of the {standard.title}",
            subject,
            ref,
            details,
        )
    ]
