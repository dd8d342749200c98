"""Release cohorts from and to files: the CSV reader and the JSON form of :class:`ReleaseCohort`.

:func:`read_release_cohorts` reads one cohort per group of a CSV file (errors name the line
and column); the JSON hooks write dates as ISO strings and missing events as null, so that
``from_json(to_json(cohort), ReleaseCohort) == cohort``.

For example:

>>> from importlib.resources import files
>>> from dpssec.justice import read_release_cohorts
>>> path = files("dpssec") / "data" / "justice_release_cohort_synthetic.csv"  # SYNTHETIC
>>> sorted(read_release_cohorts(path))
['comparison', 'programme']
"""

from __future__ import annotations

import os
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from dpssec.errors import InputError
from dpssec.justice.cohort import (
    EventType,
    RecidivismMeasure,
    ReleaseCohort,
)
from dpssec.serialization import from_dict, register_hooks, to_dict

__all__ = ["read_release_cohorts", "read_text_file"]


def read_text_file(path: str | os.PathLike[str] | Traversable) -> str:
    """The UTF-8 text of a file, or an :class:`~dpssec.errors.InputError` naming the path.

    A missing file, a directory, an unreadable or empty file and text that is not UTF-8 are
    each refused with a one-line message (a Traversable such as a bundled data file is read
    with its ``read_text``).

    Examples
    --------
    >>> from dpssec.justice.cohort_io import read_text_file
    >>> read_text_file("no-such-file.csv")
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: no-such-file.csv: no such file
    """
    try:
        if isinstance(path, str | os.PathLike):
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: not readable (permission denied)") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not a UTF-8 text file (byte {exc.start}: {exc.object[exc.start : exc.start + 1]!r}); "
            "save it as UTF-8"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


# -- JSON: dates as ISO strings, missing events as null ----------------------------------------

_COHORT_KEYS = ("release_dates", "event_dates", "follow_up_end", "measure", "label")


def _iso(values: np.ndarray) -> Any:
    text = [None if np.isnat(v) else str(v) for v in np.atleast_1d(values)]
    return text[0] if values.ndim == 0 else text


def _unstructure_cohort(cohort: ReleaseCohort) -> dict[str, Any]:
    if cohort.lazy:
        raise InputError(
            "a lazy ReleaseCohort (dask dates) is not written as JSON: its records may not fit "
            "in memory; write the dates with dask (to_parquet) or compute them first"
        )
    return {
        "release_dates": _iso(cohort.release_dates),
        "event_dates": _iso(cohort.event_dates),
        "follow_up_end": _iso(cohort.follow_up_end),
        "measure": to_dict(cohort.measure),
        "label": cohort.label,
    }


def _structure_cohort(data: Any, _: Any) -> ReleaseCohort:
    if not isinstance(data, dict):
        raise TypeError(f"expected a ReleaseCohort object, got {type(data).__name__}")
    extra = sorted(set(data) - set(_COHORT_KEYS))
    if extra:
        raise ValueError(f"unknown field(s) {', '.join(extra)}")
    missing = [k for k in _COHORT_KEYS[:3] if k not in data]
    if missing:
        raise ValueError(f"required field(s) missing: {', '.join(missing)}")
    for key in ("release_dates", "event_dates"):
        if not isinstance(data[key], list):
            raise TypeError(f"{key} must be a list of ISO dates")
        bad = [i for i, v in enumerate(data[key]) if v is not None and not isinstance(v, str)]
        if bad:
            raise TypeError(f"{key}[{bad[0]}] must be an ISO date string or null")
    measure = from_dict(data.get("measure", {}), RecidivismMeasure)
    label = data.get("label", "")
    if not isinstance(label, str):
        raise TypeError("label must be a string")
    return ReleaseCohort(
        data["release_dates"], data["event_dates"], data["follow_up_end"], measure, label
    )


_DATES = {
    "anyOf": [
        {"type": "array", "items": {"type": ["string", "null"], "format": "date"}},
        {"type": ["string", "null"], "format": "date"},
    ]
}
_COHORT_SCHEMA = {
    "title": "ReleaseCohort",
    "description": "A release cohort: ISO dates of release, of the event (null: none seen) "
    "and of the end of follow-up (one date for all, or one per person).",
    "type": "object",
    "properties": {
        "release_dates": _DATES,
        "event_dates": _DATES,
        "follow_up_end": _DATES,
        "measure": {
            "type": "object",
            "properties": {
                "event": {"enum": [e.value for e in EventType]},
                "waiting_period_days": {"type": "integer"},
                "description": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "label": {"type": "string"},
    },
    "required": ["release_dates", "event_dates", "follow_up_end"],
    "additionalProperties": False,
}

register_hooks(
    ReleaseCohort,
    structure=_structure_cohort,
    unstructure=_unstructure_cohort,
    schema=_COHORT_SCHEMA,
)


def read_release_cohorts(
    path: Any,
    *,
    release_column: str = "release_date",
    event_column: str = "event_date",
    end_column: str = "follow_up_end",
    group_column: str | None = "group",
    follow_up_end: Any = None,
    measure: RecidivismMeasure | str = "arrest",
    columns: dict[str, str] | None = None,
    encoding: str = "auto",
    sheet: str | int | None = None,
) -> dict[str, ReleaseCohort]:
    """Read release cohorts from a table, one per value of the group column.

    The table is read by :func:`dpssec.io.read_table` with
    :data:`~dpssec.justice.schemas.RELEASE_COHORT_SCHEMA` (CSV in any usual encoding and
    dialect, Excel, Parquet or a DataFrame; headers in four languages).

    Parameters
    ----------
    path : str, Path, Traversable, bytes or DataFrame
        The table; ``#`` lines of a CSV are comments (a bundled example from
        :func:`dpssec.data.data_file` is read too).
    release_column, event_column, end_column : str
        Headers of the release date, event date (empty when none) and follow-up end, when
        they are not the schema's names.
    group_column : str or None
        Header of the group (programme / comparison); absent or None: one cohort "all".
    follow_up_end : date, optional
        One follow-up end for everybody, used when the file has no ``end_column``.
    measure : RecidivismMeasure or str
        The event definition.
    columns, encoding, sheet
        As for :func:`dpssec.io.read_table`.

    Returns
    -------
    dict of str to ReleaseCohort
        In order of first appearance.

    Raises
    ------
    SchemaError
        A missing column or an unreadable date, with its line and column.
    InputError
        Dates out of order, with the line of the file; a missing, empty, unreadable or
        binary file, or a directory.

    Examples
    --------
    >>> from dpssec.data import data_file
    >>> from dpssec.justice import read_release_cohorts
    >>> path = data_file("justice_release_cohort_synthetic.csv")  # SYNTHETIC
    >>> cohorts = read_release_cohorts(path, measure="reincarceration")
    >>> {name: cohort.size for name, cohort in cohorts.items()}
    {'programme': 300, 'comparison': 300}
    """
    from dpssec.io import read_table
    from dpssec.justice.schemas import RELEASE_COHORT_SCHEMA, cohorts_from_table

    mapping = dict(columns or {})
    for given, field in (
        (release_column, "release_date"),
        (event_column, "event_date"),
        (end_column, "follow_up_end"),
        (group_column, "group"),
    ):
        if given is not None and given != field:
            mapping.setdefault(given, field)
    schema = attrs.evolve(
        RELEASE_COHORT_SCHEMA,
        build=None,
        columns=tuple(
            # without a common end of follow-up the column is needed (said before any cell)
            attrs.evolve(c, required=True)
            if c.field == "follow_up_end" and follow_up_end is None
            else c
            for c in RELEASE_COHORT_SCHEMA.columns
        ),
    )
    table = read_table(path, schema, columns=mapping, encoding=encoding, sheet=sheet)
    return cohorts_from_table(
        table, follow_up_end=follow_up_end, measure=measure, grouped=group_column is not None
    )
