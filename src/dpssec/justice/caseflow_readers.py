"""Reading caseflow returns from CSV files or pandas DataFrames, keeping NA and NAP apart.

:func:`read_caseflow` reads one row per court, case category and period into a
:class:`~dpssec.justice.CaseflowReturn`. Columns (a header row; lines starting with ``#`` are
comments):

=================  =========================================================================
``court``          court or court group (required)
``category``       case category (optional; ``"all"`` when absent)
``start``          first day of the period, ``YYYY-MM-DD`` (alias ``period_start``)
``end``            last day of the period (alias ``period_end``)
``pending_start``  cases pending at the start (aliases ``pending_begin``, ``pending_1_jan``)
``incoming``       cases received (aliases ``filed``, ``filings``)
``resolved``       cases resolved (aliases ``disposed``, ``dispositions``, ``outgoing``)
``pending_end``    cases pending at the end (alias ``pending_31_dec``)
``staff``          full-time-equivalent staff, for the efficiency rate (optional)
=================  =========================================================================

A count cell holds a whole number written without separators (``1200``, as the CEPEJ asks),
``NA`` (not available: the category exists but the figure is not known) or ``NAP`` (not
applicable: the category does not exist here). An **empty cell is read as NA** (nothing was
reported, which is not zero); ``n/a`` is refused as ambiguous. pandas reads the text ``NA`` as
a missing value by default, which is NA here too, and keeps ``NAP`` as text.

Problems are :class:`~dpssec.errors.SchemaError` naming the line (CSV) or row (DataFrame) and
the column.

For example:

>>> from dpssec.justice import read_caseflow
>>> text = '''court,category,start,end,pending_start,incoming,resolved,pending_end
... Penal 1,criminal,2023-01-01,2023-12-31,900,1200,1100,1000
... Penal 1,administrative,2023-01-01,2023-12-31,NAP,NAP,NAP,NAP
... Penal 1,civil,2023-01-01,2023-12-31,,310,290,NA'''
>>> r = read_caseflow(text)
>>> [p.incoming for p in r.periods]
[1200, <MissingCode.NAP: 'NAP'>, 310]
>>> r.periods[2].pending_start, r.periods[2].clearance_rate > 93
(<MissingCode.NA: 'NA'>, True)
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dpssec.boundary import short_repr
from dpssec.errors import InputError, SchemaError
from dpssec.io import csv_rows, read_text
from dpssec.justice.caseflow_models import CaseflowPeriod, CaseflowReturn, MissingCode

__all__ = ["CASEFLOW_COLUMNS", "read_caseflow"]

CASEFLOW_COLUMNS: dict[str, tuple[str, ...]] = {
    "court": ("court", "court_group"),
    "category": ("category", "case_category", "case_type"),
    "start": ("start", "period_start"),
    "end": ("end", "period_end"),
    "pending_start": ("pending_start", "pending_begin", "pending_1_jan"),
    "incoming": ("incoming", "filed", "filings"),
    "resolved": ("resolved", "disposed", "dispositions", "outgoing"),
    "pending_end": ("pending_end", "pending_31_dec"),
    "staff": ("staff", "staff_fte"),
}
"""Each field of :class:`~dpssec.justice.CaseflowPeriod` and the column names read for it."""

_OPTIONAL = {"category", "staff"}
_COUNTS = ("pending_start", "incoming", "resolved", "pending_end")


def read_caseflow(source: Any, *, name: str | None = None) -> CaseflowReturn:
    """Read a caseflow return from a CSV file, CSV text or a pandas DataFrame.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        A path to a CSV file, the CSV text itself (anything containing a newline), or a
        DataFrame with the columns of the module docs.
    name : str, optional
        What to call the source in messages (the file name by default).

    Returns
    -------
    CaseflowReturn

    Raises
    ------
    SchemaError
        A missing column, a count that is not a whole number >= 0 / NA / NAP, a date that is not
        ``YYYY-MM-DD``, a period ending before it starts, more cases resolved than were open,
        no data rows; each with its line (or DataFrame row) and column.
    InputError
        A path that does not exist, a directory, an unreadable, empty or binary file.
    """
    if type(source).__module__.startswith("pandas"):
        label = name or "DataFrame"
        rows = _frame_rows(source)
    else:
        text, label = _text(source, name)
        rows = _csv_rows(text, label)
    periods = []
    for where, row in rows:
        periods.append(_period(row, label, where))
    if not periods:
        raise SchemaError(f"{label}: no caseflow rows", errors=["no data rows"])
    return CaseflowReturn(periods, source=label)


def _text(source: Any, name: str | None) -> tuple[str, str]:
    if isinstance(source, str) and "\n" in source:
        return source, name or "CSV text"
    if not isinstance(source, str | os.PathLike):
        raise InputError(
            "parameter 'source' must be a CSV file path, CSV text or a pandas DataFrame; got "
            f"{short_repr(source)}"
        )
    path = Path(source)
    return read_text(path), name or path.name


def _csv_rows(text: str, label: str) -> Iterator[tuple[str, dict[str, str]]]:
    kept = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not kept:
        raise SchemaError(f"{label}: no header row", errors=["no header row"])
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in kept)))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise InputError(f"{label}: line {kept[0][0]}: not a CSV header ({exc})") from None
    header = [h.strip().lower() for h in fieldnames or []]
    reader.fieldnames = header
    _check_columns(header, label)
    for (number, _), row in zip(kept[1:], csv_rows(reader, label), strict=False):
        yield f"line {number}", row


def _frame_rows(frame: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    columns = [str(c).strip().lower() for c in frame.columns]
    _check_columns(columns, "DataFrame")
    renamed = frame.set_axis(columns, axis=1)
    for position, (label, record) in enumerate(renamed.iterrows()):
        where = f"row {position}" + (f" (index {label!r})" if label != position else "")
        yield where, record.to_dict()


def _check_columns(columns: list[str], label: str) -> None:
    missing = [
        field
        for field, names in CASEFLOW_COLUMNS.items()
        if field not in _OPTIONAL and not any(n in columns for n in names)
    ]
    if missing:
        wanted = ", ".join(
            f"{m} (or {' / '.join(CASEFLOW_COLUMNS[m][1:]) or 'no alias'})" for m in missing
        )
        raise SchemaError(
            f"{label}: missing column(s) {wanted}", errors=[f"missing {m}" for m in missing]
        )


def _cell(row: dict[str, Any], field: str) -> tuple[str, Any]:
    for column in CASEFLOW_COLUMNS[field]:
        if column in row:
            return column, row[column]
    return field, None


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, str) and not value.strip()


def _count(value: Any, label: str, where: str, column: str, *, whole: bool = True) -> Any:
    if _is_blank(value):
        return MissingCode.NA
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in ("NA", "NAP"):
            return MissingCode(text.upper())
        try:
            number: Any = int(text) if whole else float(text)
        except ValueError:
            hint = (
                " ('n/a' is ambiguous: write NA or NAP)"
                if text.lower() == "n/a"
                else " (a whole number without separators, NA or NAP)"
            )
            raise _schema(label, where, column, f"{value!r} is not a count{hint}") from None
        return number
    return value


def _schema(label: str, where: str, column: str, message: str) -> SchemaError:
    text = f"{label}: {where}, column {column!r}: {message}"
    return SchemaError(text, errors=[text])


def _period(row: dict[str, Any], label: str, where: str) -> CaseflowPeriod:
    values: dict[str, Any] = {}
    for field in CASEFLOW_COLUMNS:
        column, value = _cell(row, field)
        if field in _COUNTS:
            values[field] = _count(value, label, where, column)
        elif field == "staff":
            if value is not None and not _is_blank(value):
                values[field] = _count(value, label, where, column, whole=False)
        elif field == "category":
            if not _is_blank(value):
                values[field] = str(value).strip()
        elif field in ("start", "end") and hasattr(value, "date") and not isinstance(value, str):
            values[field] = value.date()  # a pandas Timestamp
        else:
            if _is_blank(value):
                raise _schema(label, where, column, "is empty")
            values[field] = value.strip() if isinstance(value, str) else value
    try:
        return CaseflowPeriod(**values)
    except InputError as error:
        message = str(error)
        column = next((c for c in CASEFLOW_COLUMNS if f"'{c}'" in message), "")
        text = f"{label}: {where}" + (f", column {column!r}" if column else "") + f": {message}"
        raise SchemaError(text, errors=[text]) from None
