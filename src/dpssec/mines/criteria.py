"""The criteria of a hazardous area: column names, the rule each column follows, and tables.

Scoring schemes, multi-criteria methods and priority lists read a hazardous area through its
*criteria*: ``area`` [m²], counts such as ``recent_victims``, yes/no columns such as ``mines``
or ``blocked_drinking_water``, and distances [m]. This module is the one place that names them
and says what each holds, as a specification of :mod:`dpssec.boundary`
(:data:`CRITERION_SPECS`); :class:`~dpssec.mines.areas.HazardousArea` builds its fields from
the same specifications, so a table of criteria and a list of areas are held to the same
rules. It sits below both the models and the calculators: scoring reads it, the models read
it, and neither imports the other to do so.

For example:

>>> from dpssec.mines.criteria import check_criteria_table
>>> check_criteria_table({"area": ["1.2 ha", 500.0], "recent_victims": [2, 0]}, ["A", "B"])
>>> check_criteria_table({"area": [100.0, -5.0]}, ["A", "B"])
Traceback (most recent call last):
...
dpssec.errors.InputError: parameter 'area': 1 of 2 values are negative (first at index 1, label 'B': -5.0)
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

import attrs
import numpy as np

from dpssec.boundary import (
    Amount,
    Area,
    ArraySpec,
    Choice,
    Count,
    Indicator,
    Length,
    Number,
    Records,
    TextLabels,
    calculator,
    example,
    parse_choice,
    short_repr,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines.codes import BlockedResource, Contamination

__all__ = [
    "BINARY_CRITERIA",
    "CONTAMINATION_CRITERIA",
    "COUNT_CRITERIA",
    "CRITERIA",
    "CRITERION_SPECS",
    "DISTANCE_CRITERIA",
    "AreaLike",
    "CriterionColumns",
    "YesNo",
    "blocked_criterion",
    "check_criteria_table",
    "criteria_table",
]


@calculator(resource=Choice(BlockedResource), example={"resource": "drinking water"})
def blocked_criterion(resource: BlockedResource) -> str:
    """Criterion name of a blocked resource: ``"blocked_drinking_water"``.

    Parameters
    ----------
    resource : BlockedResource or str
        A member, its value, its name or a documented synonym (``"water"``).

    Returns
    -------
    str

    Examples
    --------
    >>> from dpssec.mines.codes import BlockedResource
    >>> from dpssec.mines.criteria import blocked_criterion
    >>> blocked_criterion(BlockedResource.DRINKING_WATER), blocked_criterion("school")
    ('blocked_drinking_water', 'blocked_schools')
    """
    return "blocked_" + resource.value.replace("-", "_")


CONTAMINATION_CRITERIA: dict[str, Contamination] = {
    "ap_mines": Contamination.AP_MINES,
    "av_mines": Contamination.AV_MINES,
    "uxo": Contamination.UXO,
    "improvised_devices": Contamination.IMPROVISED_DEVICES,
    "cluster_munitions": Contamination.CLUSTER_MUNITIONS,
}
"""Yes/no criterion of each device category."""

DISTANCE_CRITERIA: tuple[str, ...] = (
    "distance_to_settlement",
    "distance_to_road",
    "distance_to_water",
    "distance_to_school",
)
"""Distances from the area [m]; NaN (None on an area) when unknown."""

COUNT_CRITERIA: tuple[str, ...] = ("recent_victims", "affected_population", "blocked_resources")
"""Criterion columns that hold whole numbers >= 0 (as the :class:`HazardousArea` counts)."""

BINARY_CRITERIA: tuple[str, ...] = (
    "confirmed",
    "mines",
    *CONTAMINATION_CRITERIA,
    *(blocked_criterion(r) for r in BlockedResource),
)
"""Criterion columns that hold 0 or 1 (a yes/no attribute of a :class:`HazardousArea`)."""

CRITERIA: tuple[str, ...] = (
    "area",
    "recent_victims",
    "affected_population",
    "confirmed",
    "mines",
    *CONTAMINATION_CRITERIA,
    "blocked_resources",
    *(blocked_criterion(r) for r in BlockedResource),
    *DISTANCE_CRITERIA,
)
"""Every criterion a :class:`~dpssec.mines.areas.HazardousArea` provides, in table order."""

CRITERION_SPECS: dict[str, ArraySpec] = {
    "area": Area(),
    **{name: Count() for name in COUNT_CRITERIA},
    **{name: Indicator() for name in BINARY_CRITERIA},
    **{name: Length() for name in DISTANCE_CRITERIA},
}
"""What each known criterion column holds: the specification a table column is read with
(an area in m² or text such as ``"1.2 ha"``, whole numbers >= 0, 0/1 or booleans, distances in
m or text such as ``"1.5 km"``). Columns not named here are read as real numbers."""

_NUMBER = Number()


@attrs.frozen(kw_only=True)
class YesNo(Number):
    """A yes/no criterion: booleans, or numbers >= 0 read as "yes" when positive."""

    lower: float | None = 0.0
    kind: ClassVar[str] = "a yes/no value (a boolean, or a number >= 0 where > 0 is yes)"
    booleans: ClassVar[bool] = True


@runtime_checkable
class AreaLike(Protocol):
    """What the calculators read from a hazardous area: its id and its criterion values."""

    id: str

    def criteria(self) -> dict[str, float]: ...


def criteria_table(areas: Sequence[AreaLike]) -> dict[str, np.ndarray]:
    """The criterion columns of a list of areas, as float arrays (one value per area).

    Columns (:data:`CRITERIA`): ``area`` [m²], ``recent_victims``, ``affected_population``,
    ``confirmed`` (1 for a CHA), ``mines`` (1 when AP, AV or improvised mines are present),
    ``ap_mines``, ``av_mines``, ``uxo``, ``improvised_devices``, ``cluster_munitions`` (0/1),
    ``blocked_resources`` (number of distinct blocked resources), one ``blocked_<resource>``
    column (0/1) per :class:`~dpssec.mines.codes.BlockedResource`, and
    ``distance_to_settlement``, ``_road``, ``_water``, ``_school`` [m] (NaN when unknown,
    refused later if a method uses them).

    Parameters
    ----------
    areas : sequence of HazardousArea
        Or any objects with an ``id`` and a ``criteria()`` method giving these columns.

    Returns
    -------
    dict of str to ndarray

    Raises
    ------
    InputError
        An item that is not a hazardous area.

    Examples
    --------
    >>> from dpssec.mines.areas import HazardousArea
    >>> from dpssec.mines.criteria import criteria_table
    >>> table = criteria_table([HazardousArea("a", "SHA", area=100, contamination=["UXO"]),
    ...                         HazardousArea("b", "CHA", area=50, recent_victims=3)])
    >>> table["uxo"], table["recent_victims"], table["confirmed"]
    (array([1., 0.]), array([0., 3.]), array([0., 1.]))
    """
    if isinstance(areas, str | bytes | Mapping) or not isinstance(areas, Sequence):
        raise InputError(
            f"areas: expected a list of HazardousArea objects; got {type(areas).__name__}"
        )
    rows = []
    for position, area in enumerate(areas):
        if not isinstance(area, AreaLike):
            raise InputError(
                f"areas: expected HazardousArea objects; item {position} is {type(area).__name__}"
            )
        rows.append(area.criteria())
    return {name: np.array([row[name] for row in rows], dtype=float) for name in CRITERIA}


@example({"recent_victims": np.array([2.0, 0.0])}, ids=np.array(["HA-1", "HA-2"]))
@attrs.frozen
class CriterionColumns:
    """Criterion columns read from areas or a table, checked and converted.

    Attributes
    ----------
    columns : dict of str to ndarray or float
        Magnitudes in canonical units: the columns asked for, and the other known criterion
        columns of the table when they were checked too.
    ids : ndarray of str or None
        The area ids (after any rows were omitted).
    index : pandas Index or None
        The row labels of a DataFrame, for results given back as a Series.
    missing : ndarray of bool or None
        Rows with a missing value in a column asked for (``nan_policy="propagate"``).
    scalar : bool
        One area (scalar columns).
    """

    columns: dict[str, Any]
    ids: np.ndarray | None = None
    index: Any = None
    missing: np.ndarray | None = None
    scalar: bool = False


def _available(table: Any) -> list[Any]:
    return list(table.keys()) if hasattr(table, "keys") else list(table.columns)


def _as_table(data: Any, function: str) -> tuple[Any, np.ndarray | None, bool]:
    """(table, ids, scalar) of one area, a list of areas, or a mapping/DataFrame of columns."""
    if isinstance(data, AreaLike):  # one row; the calculator gives a scalar back
        row = {name: np.array([value]) for name, value in data.criteria().items()}
        return row, np.array([data.id], dtype=str), True
    if isinstance(data, Mapping) or hasattr(data, "columns"):
        return data, None, False
    if isinstance(data, Sequence) and not isinstance(data, str | bytes) and data:
        areas = Records(AreaLike, noun="area").convert(data, "data")
        return criteria_table(areas), np.array([a.id for a in areas], dtype=str), False
    raise InputError(
        f"{function}: parameter 'data' must be a HazardousArea, a list of them, or a mapping of "
        f"criterion columns (dict or DataFrame); got {short_repr(data)} ({type(data).__name__})"
    )


def criterion_columns(
    data: Any,
    use: Sequence[str],
    *,
    ids: Any = None,
    specs: Mapping[str, ArraySpec] | None = None,
    check_all: bool = False,
    nan_policy: str = "raise",
    function: str = "areas",
    parameter: str = "data",
) -> CriterionColumns:
    """Read criterion columns with the rule of each (:data:`CRITERION_SPECS`), for calculators.

    Parameters
    ----------
    data : HazardousArea, sequence of HazardousArea, or mapping of columns (dict, DataFrame)
        The areas. A column may hold numbers, text with units for areas and distances
        (``"1.2 ha"``, ``"1.5 km"``), booleans for yes/no columns, or None/NaN where missing.
    use : sequence of str
        The columns the caller computes with; each must be present.
    ids : array-like of str, optional
        Row ids of a table (named in messages; the ids of a list of areas are their own).
    specs : mapping of str to spec, optional
        A stricter specification for some used columns (a scoring factor's rule).
    check_all : bool
        Check the other known criterion columns of a table as well (a table is held to the
        rules of a :class:`~dpssec.mines.areas.HazardousArea`); an unused distance may be
        unknown (NaN).
    nan_policy : {"raise", "propagate", "omit"}
        A missing value in a used column: refused; kept as a row to give NaN (the rows are in
        ``missing``); or the row dropped. Both of the latter warn with the count.
    function : str
        The calculator's name, for messages.

    Returns
    -------
    CriterionColumns

    Raises
    ------
    InputError
        A missing column, a column of another length, a value the column's rule refuses
        (named by column, row and id).

    Examples
    --------
    >>> from dpssec.mines.criteria import criterion_columns
    >>> read = criterion_columns({"area": ["1 ha", 50]}, ["area"], ids=["A", "B"])
    >>> read.columns["area"]
    array([10000.,    50.])
    """
    policy = parse_choice(nan_policy, ("raise", "propagate", "omit"), "nan_policy")
    table, own_ids, scalar = _as_table(data, function)
    if ids is None:
        ids = own_ids
    labels = None if ids is None else np.asarray(ids).astype(str)
    available = _available(table)
    missing_columns = [c for c in use if c not in available]
    if missing_columns:
        shown = ", ".join(map(str, available[:12])) + (", ..." if len(available) > 12 else "")
        raise InputError(
            f"criterion {short_repr(missing_columns[0])} is missing from the data "
            f"({parameter!r}; {len(missing_columns)} missing in all); available: {shown}"
        )
    names = list(dict.fromkeys(use))
    if check_all:
        names += [str(c) for c in available if c in CRITERION_SPECS and c not in names]
    columns: dict[str, Any] = {}
    masks: dict[str, np.ndarray] = {}
    fills: dict[str, float] = {}
    index = getattr(table, "index", None) if hasattr(table, "columns") else None
    series_index: Any = None
    series_name = ""
    for name in names:
        used = name in use
        known = CRITERION_SPECS.get(name)
        spec = (specs or {}).get(name) or known or _NUMBER
        raw = table[name]
        own_index = getattr(raw, "index", None) if hasattr(raw, "to_numpy") else None
        if own_index is not None:
            if series_index is None:
                series_index, series_name = own_index, name
            elif not own_index.equals(series_index):
                raise InputError(
                    f"{function}: the pandas indexes of columns {series_name!r} and {name!r} "
                    "differ; align them first (a.align(b, join='inner'))"
                )
        if labels is not None and hasattr(raw, "to_numpy"):
            raw = raw.to_numpy()  # name the rows by their ids, not the frame's row numbers
        missing_ok = policy != "raise" or (not used and name in DISTANCE_CRITERIA)
        if known is not None and spec is not known and (check_all or isinstance(known, Amount)):
            # The column's own rule first (a table held to the area rules, or "1.2 ha" read in
            # m²), then the caller's (a scoring factor's).
            read = known.prepare(raw, name, missing_ok=True, index=labels)
            raw = raw if read is None else read.values
        prepared = spec.prepare(raw, name, missing_ok=missing_ok, index=labels)
        values = prepared.values if prepared is not None else np.nan
        if labels is not None and np.shape(values) != labels.shape:
            raise InputError(
                f"{function}: column {name!r} has {np.size(values)} values for {labels.size} "
                "ids of areas"
            )
        columns[name] = values
        if index is None and labels is None and prepared is not None and used:
            index = prepared.index  # a dict of Series: give a Series back with their index
        if used and prepared is not None and prepared.missing is not None:
            masks[name] = np.asarray(prepared.missing)
            fills[name] = spec.fill
    shapes = {name: np.shape(columns[name]) for name in use}
    if len(set(shapes.values())) > 1:
        parts = ", ".join(f"{k} has {np.prod(v, dtype=int)} values" for k, v in shapes.items())
        raise InputError(f"{function}: lengths differ: {parts}")
    scalar = scalar or (bool(shapes) and all(not s for s in shapes.values()))
    if not masks:
        return CriterionColumns(columns, labels, index, None, scalar)
    mask = np.logical_or.reduce(list(masks.values()))
    count = int(np.count_nonzero(mask))
    first = int(np.argmax(mask))
    where = f"first at row {first}" + (f", id {str(labels[first])!r}" if labels is not None else "")
    involved = ", ".join(repr(k) for k in masks)
    if policy == "omit":
        warnings.warn(
            f"{function}: omitted {count} of {mask.size} areas with a missing value in "
            f"{involved} ({where}) (nan_policy='omit')",
            DataQualityWarning,
            stacklevel=3,
        )
        keep = ~mask
        kept = {k: (v[keep] if np.shape(v) == mask.shape else v) for k, v in columns.items()}
        return CriterionColumns(
            kept,
            None if labels is None else labels[keep],
            None if index is None else index[keep],
            None,
            scalar,
        )
    warnings.warn(
        f"{function}: {count} of {mask.size} areas have a missing value in {involved} "
        f"({where}); their results are NaN (nan_policy='propagate')",
        DataQualityWarning,
        stacklevel=3,
    )
    for name, column_mask in masks.items():
        columns[name] = np.where(column_mask, fills[name], columns[name])
    return CriterionColumns(columns, labels, index, mask, scalar)


@calculator(
    ids=TextLabels(aligned=False),
    elementwise=False,
    example={"table": {"area": [100.0, 50.0]}, "ids": ["A", "B"]},
)
def check_criteria_table(table: Any, ids: Any) -> None:
    """Refuse a table of areas whose known criterion columns hold values a
    :class:`~dpssec.mines.areas.HazardousArea` would refuse.

    A negative or non-finite ``area``, negative or fractional counts, yes/no columns other
    than 0/1 (or booleans), negative distances: the rules of :data:`CRITERION_SPECS`, which
    the fields of a :class:`~dpssec.mines.areas.HazardousArea` (and so the CSV reader, which
    builds them) follow by construction. An unknown distance may be left empty (NaN). Unknown
    columns are left to the method that uses them.

    Parameters
    ----------
    table : mapping of columns or DataFrame
        Criterion columns named as in :func:`criteria_table`.
    ids : sequence of str
        The area ids, one per row (named in the message).

    Returns
    -------
    None

    Raises
    ------
    InputError
        Naming the column, how many rows are bad, and the first bad row with its id.

    Examples
    --------
    >>> from dpssec.mines.criteria import check_criteria_table
    >>> check_criteria_table({"recent_victims": [1, 2.5]}, ["A", "B"])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'recent_victims': 1 of 2 values are not whole numbers (first at index 1, label 'B': 2.5)
    """
    if not (isinstance(table, Mapping) or hasattr(table, "columns")):
        raise InputError(
            f"check_criteria_table: table must be a mapping of columns or a DataFrame; got "
            f"{type(table).__name__}"
        )
    criterion_columns(
        table, (), ids=ids, check_all=True, function="check_criteria_table", parameter="table"
    )
