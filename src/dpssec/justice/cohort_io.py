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

import csv
import datetime as dt
import os
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.errors import InputError, SchemaError
from dpssec.justice.cohort import (
    CohortRowError,
    EventType,
    RecidivismMeasure,
    ReleaseCohort,
    as_measure,
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
    path: str | os.PathLike[str] | Traversable,
    *,
    release_column: str = "release_date",
    event_column: str = "event_date",
    end_column: str = "follow_up_end",
    group_column: str | None = "group",
    follow_up_end: Any = None,
    measure: RecidivismMeasure | str = "arrest",
) -> dict[str, ReleaseCohort]:
    """Read release cohorts from a CSV file, one per value of ``group_column``.

    Parameters
    ----------
    path : str, Path or Traversable
        CSV with a header row; ``#`` lines are comments (a Traversable such as a bundled
        data file is read with its ``read_text``).
    release_column, event_column, end_column : str
        Columns of the release date, event date (empty when none) and follow-up end.
    group_column : str or None
        Column naming the group (programme / comparison); absent or None: one cohort "all".
    follow_up_end : date, optional
        One follow-up end for everybody, used when the file has no ``end_column``.
    measure : RecidivismMeasure or str
        The event definition.

    Returns
    -------
    dict of str to ReleaseCohort
        In order of first appearance.

    Raises
    ------
    SchemaError
        A missing column or an unreadable date, with its row and column.
    InputError
        Dates out of order, with the line of the file; a missing, empty, unreadable or
        non-UTF-8 file, or a directory (:func:`read_text_file`).

    Examples
    --------
    >>> from importlib.resources import files
    >>> from dpssec.justice import read_release_cohorts
    >>> path = files("dpssec") / "data" / "justice_release_cohort_synthetic.csv"  # SYNTHETIC
    >>> cohorts = read_release_cohorts(path, measure="reincarceration")
    >>> {name: cohort.size for name, cohort in cohorts.items()}
    {'programme': 300, 'comparison': 300}
    """
    text = read_text_file(path)
    kept = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader([line for _, line in kept])
    line_numbers = [number for number, _ in kept[1:]]
    columns = reader.fieldnames or []
    needed = [release_column, event_column]
    if follow_up_end is None:
        needed.append(end_column)
    missing = [c for c in needed if c not in columns]
    if missing:
        raise SchemaError(
            f"{path}: missing column(s) {', '.join(missing)} (found {', '.join(columns)})"
            + ("; or give follow_up_end" if end_column in missing else ""),
            errors=[f"missing column {c}" for c in missing],
        )
    groups: dict[str, dict[str, list[Any]]] = {}
    grouped = group_column is not None and group_column in columns
    for number, row in zip(line_numbers, reader, strict=False):
        key = (row.get(group_column or "") or "").strip() if grouped else "all"
        group = groups.setdefault(key, {"release": [], "event": [], "end": [], "line": []})
        group["line"].append(number)
        for column, field in ((release_column, "release"), (event_column, "event")):
            value = (row.get(column) or "").strip()
            _check_iso(value, path, number, column)
            group[field].append(value)
        if follow_up_end is None:
            value = (row.get(end_column) or "").strip()
            _check_iso(value, path, number, end_column)
            group["end"].append(value)
    if not groups:
        raise SchemaError(f"{path}: no data rows", errors=["no data rows"])
    chosen = as_measure(measure)
    cohorts = {}
    for key, g in groups.items():
        try:
            cohorts[key] = ReleaseCohort(
                g["release"],
                g["event"],
                follow_up_end if follow_up_end is not None else g["end"],
                chosen,
                key,
            )
        except CohortRowError as exc:
            raise InputError(f"{path}: line {g['line'][exc.row]}: {exc.detail}") from None
    return cohorts


def _check_iso(value: str, path: Any, line: int, column: str) -> None:
    if not value:
        return
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise SchemaError(
            f"{path}: line {line}, column {column!r}: {value!r} is not an ISO date (YYYY-MM-DD)",
            errors=[f"line {line}, column {column}: not an ISO date"],
        ) from None
