"""Reading casualty records, casualty tables, victims and EORE sessions from files (readers).

Until the data-exchange layer reads every schema, these readers take the files mine action
centres keep:

* :func:`read_casualties`: one row per casualty (CSV) with its accident's columns, or JSON
  ``{"accidents": [...], "casualties": [...]}``; gives the accidents and the casualties;
* :func:`read_casualty_table`: a published table (one row per year, country...) with
  ``killed``, ``injured`` and optionally ``unknown_outcome``, ``total``, the status and age
  splits; gives the columns for
  :func:`~dpssec.mines.casualty_counts.summarise_casualty_counts`;
* :func:`read_sessions`: EORE sessions, one per row (CSV, ``attendances_girls`` ...
  ``unique_men`` columns) or JSON;
* :func:`read_victims`: victims with their assistance (JSON).

CSV files: a header row; lines starting with ``#`` are comments; ``source`` and ``note``
columns are kept out of the models; an empty cell is "not recorded". Every bad row is reported
with its row and file line, all at once, in one :class:`~dpssec.errors.SchemaError` (an age of
130 or an assistance date before the accident is refused there, as when a record is built).

For example:

>>> from dpssec.mines.casualty_readers import casualties_from_rows
>>> accidents, people = casualties_from_rows(
...     [{"accident_id": "A-1", "date": "2019-02-03", "device_type": "AP",
...       "outcome": "injured", "status": "civilian", "age": "9"},
...      {"accident_id": "A-1", "date": "2019-02-03", "device_type": "AP",
...       "outcome": "killed", "status": "civilian", "age": "35"}])
>>> len(accidents), [c.outcome.value for c in people]
(1, ['injured', 'killed'])
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.errors import DpssecError, InputError, SchemaError
from dpssec.mines.casualty_models import Accident, Casualty
from dpssec.mines.eore_models import Beneficiaries, EORESession
from dpssec.mines.victim_models import Victim
from dpssec.serialization import from_dict

__all__ = [
    "ACCIDENT_COLUMNS",
    "CASUALTY_COLUMNS",
    "SESSION_COLUMNS",
    "TABLE_COLUMNS",
    "casualties_from_rows",
    "read_casualties",
    "read_casualty_table",
    "read_sessions",
    "read_victims",
]

ACCIDENT_COLUMNS = (
    "accident_id",
    "date",
    "device_type",
    "country",
    "department",
    "municipality",
    "place",
    "latitude",
    "longitude",
    "activity",
    "tampering",
    "demining",
)
"""Columns of a casualty CSV that describe the accident (``accident_id`` and ``date`` required)."""

CASUALTY_COLUMNS = ("casualty_id", "outcome", "status", "sex", "age", "age_group")
"""Columns of a casualty CSV that describe the person (``outcome`` and ``status`` required)."""

TABLE_COLUMNS = (
    "label",
    "killed",
    "injured",
    "unknown_outcome",
    "total",
    "civilian",
    "military",
    "deminer",
    "unknown_status",
    "children",
    "adults",
    "unknown_age",
)
"""Columns of a published casualty table (``killed`` and ``injured`` required)."""

_GROUPS = ("girls", "boys", "women", "men", "unknown")
SESSION_COLUMNS = (
    "id",
    "date",
    "organisation",
    "delivery_method",
    "audience",
    "country",
    "department",
    "municipality",
    "place",
    *(f"attendances_{g}" for g in _GROUPS),
    "attendances_total",
    *(f"unique_{g}" for g in _GROUPS),
    "unique_total",
)
"""Columns of a session CSV (``id``, ``date`` and at least one attendances column required)."""

_IGNORED = {"source", "note"}
_FLAGS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


def _rows(text: str, name: str) -> tuple[list[str], list[tuple[int, int, dict[str, str]]]]:
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("#")), None)
    if first is None:
        raise SchemaError(f"{name}: no header row")
    reader = csv.DictReader(io.StringIO("\n".join(lines[first:])))
    header = [h.strip() for h in reader.fieldnames or []]
    rows = []
    for number, row in enumerate(reader, start=1):
        line = first + reader.line_num
        if None in row:
            raise SchemaError(f"{name}: row {number} (line {line}): more cells than columns")
        rows.append((number, line, {k.strip(): (v or "").strip() for k, v in row.items()}))
    return header, rows


def _check_header(
    header: list[str], known: Iterable[str], required: Iterable[str], name: str
) -> None:
    allowed = set(known) | _IGNORED
    unknown = [h for h in header if h not in allowed]
    missing = [h for h in required if h not in header]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise SchemaError(
            f"{name}: {'; '.join(parts)} (columns: {', '.join(known)}; source and note are ignored)"
        )


def _number(text: str, column: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{column} must be a number; got {text!r}") from None


def _whole(text: str, column: str) -> int:
    value = _number(text, column)
    if not value.is_integer():
        raise InputError(f"{column} must be a whole number; got {text!r}")
    return int(value)


def _flag(text: str, column: str) -> bool:
    try:
        return _FLAGS[text.lower()]
    except KeyError:
        raise InputError(f"{column} must be yes or no; got {text!r}") from None


def _accident_fields(row: Mapping[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column in ACCIDENT_COLUMNS:
        text = row.get(column, "")
        if not text:
            continue
        key = "id" if column == "accident_id" else column
        if column in ("latitude", "longitude"):
            fields[key] = _number(text, column)
        elif column in ("tampering", "demining"):
            fields[key] = _flag(text, column)
        else:
            fields[key] = text
    return fields


def _casualty_fields(row: Mapping[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column in CASUALTY_COLUMNS:
        text = row.get(column, "")
        if not text:
            continue
        key = "id" if column == "casualty_id" else column
        fields[key] = _number(text, column) if column == "age" else text
    return fields


def casualties_from_rows(
    rows: Iterable[Mapping[str, str]], *, name: str = "rows"
) -> tuple[list[Accident], list[Casualty]]:
    """Accidents and casualties from rows of text cells (one casualty per row).

    Parameters
    ----------
    rows : iterable of mappings
        Column name to cell text, with the columns of :data:`ACCIDENT_COLUMNS` and
        :data:`CASUALTY_COLUMNS`; rows of one accident repeat its columns, which must agree.
    name : str
        What to call the rows in messages (a file name).

    Returns
    -------
    (accidents, casualties)

    Raises
    ------
    SchemaError
        Every bad row with its number: impossible values (an age above 120, an unknown
        outcome), an accident described differently by two rows.

    Examples
    --------
    >>> from dpssec.mines.casualty_readers import casualties_from_rows
    >>> casualties_from_rows([{"accident_id": "A", "date": "2019-01-01",
    ...                        "outcome": "injured", "status": "civilian", "age": "130"}])
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: rows: 1 bad row(s): row 1: parameter 'age': 1 of 1 values are above 120 (first at index 0: 130.0)
    """
    return _casualties(((i, None, row) for i, row in enumerate(rows, start=1)), name)


def _where(number: int, line: int | None) -> str:
    return f"row {number}" + (f" (line {line})" if line is not None else "")


def _casualties(
    rows: Iterable[tuple[int, int | None, Mapping[str, str]]], name: str
) -> tuple[list[Accident], list[Casualty]]:
    accidents: dict[str, tuple[Accident, str]] = {}
    casualties: list[Casualty] = []
    errors: list[str] = []
    for number, line, row in rows:
        where = _where(number, line)
        try:
            accident = Accident(**_accident_fields(row))
            earlier = accidents.get(accident.id)
            if earlier is not None and earlier[0] != accident:
                raise InputError(
                    f"accident {accident.id!r} is described differently than in {earlier[1]}"
                )
            accidents.setdefault(accident.id, (accident, where))
            casualties.append(Casualty(accidents[accident.id][0], **_casualty_fields(row)))
        except (DpssecError, TypeError, ValueError) as exc:
            errors.append(f"{where}: {exc}")
    if errors:
        raise SchemaError(f"{name}: {len(errors)} bad row(s): " + "; ".join(errors), errors=errors)
    return [a for a, _ in accidents.values()], casualties


def read_casualties(path: str | Path) -> tuple[list[Accident], list[Casualty]]:
    """Read accidents and casualties from a ``.csv`` (one casualty per row) or ``.json`` file.

    Parameters
    ----------
    path : str or Path
        CSV with the columns of :data:`ACCIDENT_COLUMNS` and :data:`CASUALTY_COLUMNS`, or JSON
        ``{"accidents": [...], "casualties": [...]}`` in the format of
        :mod:`dpssec.serialization` (casualties naming their accident by id or embedding it).

    Returns
    -------
    (accidents, casualties)

    Raises
    ------
    SchemaError
        Unknown or missing columns; every bad row with its row and line; bad JSON with its path.

    Examples
    --------
    >>> from dpssec._data import data_file
    >>> from dpssec.mines.casualty_readers import read_casualties
    >>> accidents, people = read_casualties(str(data_file("mines_casualties_synthetic.csv")))
    >>> len(people) > len(accidents) > 0
    True
    """
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() == ".json":
        data = _json(text, file.name)
        if not isinstance(data, dict) or not set(data) <= {"accidents", "casualties"}:
            raise SchemaError(
                f"{file.name}: expected an object with 'accidents' and 'casualties' lists"
            )
        accidents = from_dict(data.get("accidents", []), list[Accident])
        casualties = from_dict(data.get("casualties", []), list[Casualty])
        return accidents, casualties
    header, rows = _rows(text, file.name)
    _check_header(
        header,
        (*ACCIDENT_COLUMNS, *CASUALTY_COLUMNS),
        ("accident_id", "date", "outcome", "status"),
        file.name,
    )
    return _casualties(rows, file.name)


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{name}: not valid JSON: {exc}") from None


def read_casualty_table(path: str | Path) -> dict[str, Any]:
    """Read a published casualty table (one row per year, country, department...).

    Parameters
    ----------
    path : str or Path
        CSV with the columns of :data:`TABLE_COLUMNS` (``killed`` and ``injured`` required;
        ``label`` names the rows, e.g. the year). An empty cell is a value not published (NaN).

    Returns
    -------
    dict
        Keyword arguments for :func:`~dpssec.mines.casualty_counts.summarise_casualty_counts`
        (``total`` becomes ``reported_total``; a column empty in every row is left out).

    Raises
    ------
    SchemaError
        Unknown or missing columns; text that is not a number (with its row and line).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from dpssec.mines.casualty_readers import read_casualty_table
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "lm.csv").write_text("label,killed,injured,unknown_outcome,total\\n"
    ...                                    "2018,3059,3837,1,6897\\n")
    >>> read_casualty_table(folder / "lm.csv")["reported_total"].tolist()
    [6897.0]
    """
    file = Path(path)
    header, rows = _rows(file.read_text(encoding="utf-8"), file.name)
    _check_header(header, TABLE_COLUMNS, ("killed", "injured"), file.name)
    if not rows:
        raise SchemaError(f"{file.name}: no rows")
    columns: dict[str, Any] = {}
    errors = []
    for column in header:
        if column in _IGNORED or column == "label":
            continue
        values = []
        for number, line, row in rows:
            text = row.get(column, "")
            try:
                values.append(_number(text, column) if text else np.nan)
            except InputError as exc:
                errors.append(f"{_where(number, line)}: {exc}")
        if not np.isnan(values).all():
            columns["reported_total" if column == "total" else column] = np.array(values)
    if errors:
        raise SchemaError(f"{file.name}: {len(errors)} bad cell(s): " + "; ".join(errors))
    labels = [row.get("label", "") or f"row {number}" for number, _, row in rows]
    columns["labels"] = labels
    return columns


def _beneficiaries(row: Mapping[str, str], prefix: str) -> Beneficiaries | None:
    cells = {g: row.get(f"{prefix}_{g}", "") for g in _GROUPS}
    total = row.get(f"{prefix}_total", "")
    if not any(cells.values()) and not total:
        return None
    counts = {g: _whole(text, f"{prefix}_{g}") for g, text in cells.items() if text}
    if total:
        counts["reported_total"] = _whole(total, f"{prefix}_total")
        if not any(cells.values()):
            counts["unknown"] = counts["reported_total"]
    return Beneficiaries(**counts)


def read_sessions(path: str | Path) -> list[EORESession]:
    """Read EORE sessions from a ``.csv`` (one session per row) or ``.json`` file.

    Parameters
    ----------
    path : str or Path
        CSV with the columns of :data:`SESSION_COLUMNS`: ``attendances_girls`` ...
        ``attendances_unknown`` and ``attendances_total`` (a total alone means "not
        disaggregated"), and the same with ``unique_`` where first-time attendees are tracked;
        or a JSON list of sessions.

    Returns
    -------
    list of EORESession

    Raises
    ------
    SchemaError
        Every bad row with its row and line: groups that do not add up to the total, unique
        persons above attendances, a row without attendances.

    Examples
    --------
    >>> from dpssec._data import data_file
    >>> from dpssec.mines.casualty_readers import read_sessions
    >>> sessions = read_sessions(str(data_file("mines_eore_sessions_synthetic.csv")))
    >>> sessions[0].attendances.total >= sessions[0].unique_persons.total
    True
    """
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() == ".json":
        return from_dict(_json(text, file.name), list[EORESession])
    header, rows = _rows(text, file.name)
    _check_header(header, SESSION_COLUMNS, ("id", "date"), file.name)
    sessions: list[EORESession] = []
    errors: list[str] = []
    plain = SESSION_COLUMNS[2:9]
    for number, line, row in rows:
        try:
            attendances = _beneficiaries(row, "attendances")
            if attendances is None:
                raise InputError("no attendances given")
            fields: dict[str, Any] = {k: row[k] for k in plain if row.get(k)}
            fields.update(id=row["id"], date=row["date"], attendances=attendances)
            sessions.append(EORESession(unique_persons=_beneficiaries(row, "unique"), **fields))
        except (DpssecError, TypeError, ValueError) as exc:
            errors.append(f"{_where(number, line)} id {row.get('id', '')!r}: {exc}")
    if errors:
        raise SchemaError(
            f"{file.name}: {len(errors)} bad row(s): " + "; ".join(errors), errors=errors
        )
    return sessions


def read_victims(path: str | Path) -> list[Victim]:
    """Read victims with their needs and assistance from a JSON list.

    Raises
    ------
    SchemaError
        Bad JSON or a bad victim, with its JSON path (``$[3].assistance[0].date``).

    Examples
    --------
    >>> from dpssec._data import data_file
    >>> from dpssec.mines.casualty_readers import read_victims
    >>> victims = read_victims(str(data_file("mines_victims_synthetic.json")))
    >>> victims[0].kind.value in ("survivor", "family_member", "community_member")
    True
    """
    file = Path(path)
    data = _json(file.read_text(encoding="utf-8"), file.name)
    return from_dict(data, list[Victim])
