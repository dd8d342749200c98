"""The bundled prison and homicide tables in the long submission form.

:func:`prisons_submission` and :func:`homicide_submission` turn the real tables bundled with
dpssec (copies of the project's shared ``prisons.csv`` and ``homicide.csv``, with their
source columns) into a submission: one row per state, year, indicator and value, the value
kept as published (its decimals matter to the rounding checks), the source of each value in
the ``source`` column and the line of the original file as the row's line, so that findings
point at the original rows.

The conversion decides only what the tables leave open, and says so:

* **prisons.csv** (one row per state, each field with its own reference date): a field's
  year is the first four-digit year of its reference date (``"2024-01 (as reported)"`` is
  2024); undated figures (the undated World Prison Brief lists) cannot be placed in a year
  and are left out. The pre-trial share is the SDG 16.3.2 concept (``unsentenced_share``)
  except where its source is the World Prison Brief, whose pre-trial/remand definition is
  broader (``remand_share``).
* **homicide.csv** (one row per state, year and series): ``victims`` become
  ``homicide_victims`` and ``rate_per_100k`` ``homicide_rate``, with the series code as the
  source. The UNODC *Global Study on Homicide 2013* figures are an earlier edition that the
  current UNODC series supersedes: they are left out by default and can be read alone as the
  previous edition (``series="UNODC_GSH2013"``). Where two series give the same cell, the
  current UNODC series is kept.

For example:

>>> from dpssec.indicators import homicide_submission, prisons_submission
>>> table = prisons_submission()
>>> [(table["indicator"][i], table["value"][i], int(table.lines[i]))
...  for i in range(len(table)) if table["state"][i] == "HTI"]
[('prison_population', '11253', 21), ('remand_share', '81.9', 21), ('official_capacity', '2431', 21), ('occupancy', '454.4', 21)]
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.data import data_file
from dpssec.errors import InputError
from dpssec.io import Table, csv_rows, read_text

__all__ = [
    "HOMICIDE_SERIES_PRIORITY",
    "PRISON_FIELDS",
    "SUPERSEDED_SERIES",
    "homicide_submission",
    "prisons_submission",
]

PRISON_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("prison_population_total", "reference_date", "total", "prison_population"),
    ("prison_population_rate_per_100k", "rate_reference_date", "rate", "prison_population_rate"),
    ("national_population", "reference_date", "total", "national_population"),
    ("pretrial_share_pct", "pretrial_reference_date", "pretrial", "unsentenced_share"),
    ("official_capacity", "capacity_reference_date", "capacity", "official_capacity"),
    ("occupancy_pct", "occupancy_reference_date", "occupancy", "occupancy"),
)
"""prisons.csv: (value column, date column, key of its source, indicator of the catalogue)."""

SUPERSEDED_SERIES = frozenset({"UNODC_GSH2013"})
"""homicide.csv series that a later edition of the same source replaces (left out by default)."""

HOMICIDE_SERIES_PRIORITY = ("UNODC_OWID",)
"""The series kept first where several give the same state, year and indicator."""

_WPB = ("World Prison Brief", "Walmsley")
_YEAR = re.compile(r"(\d{4})")
_COLUMNS = ("state", "year", "indicator", "disaggregation", "value", "source")


def _records(path: Any, default: str) -> tuple[str, Iterator[tuple[int, dict[str, str]]]]:
    if path is None:
        text = data_file(default).read_text(encoding="utf-8")
        name = default
    else:
        if not isinstance(path, str | os.PathLike):
            raise InputError(f"parameter 'path' must be a file path; got {type(path).__name__}")
        file = Path(path)
        text = read_text(file)
        name = file.name
    reader = csv.reader(io.StringIO(text, newline=""))
    records = csv_rows(reader, name)
    header = next(records, None)
    if header is None:
        raise InputError(f"{name}: no header row")

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        start = reader.line_num + 1
        for record in records:
            if any(cell.strip() for cell in record):
                yield start, dict(zip(header, record, strict=False))
            start = reader.line_num + 1

    return name, rows()


def _table(name: str, rows: Iterable[tuple[int, tuple[Any, ...]]]) -> Table:
    lines: list[int] = []
    columns: dict[str, list[Any]] = {c: [] for c in _COLUMNS}
    for line, values in rows:
        lines.append(line)
        for column, value in zip(_COLUMNS, values, strict=True):
            columns[column].append(value)
    arrays = {
        c: np.asarray(v, dtype=float) if c == "year" else np.asarray(v, dtype=object)
        for c, v in columns.items()
    }
    return Table(
        schema="submission",
        columns=arrays,
        lines=np.asarray(lines, dtype=int),
        source=name,
        decimal=".",
        header={c: c for c in _COLUMNS},
    )


def _field_sources(text: str) -> dict[str, str]:
    """``source`` of prisons.csv: ``"total: publisher <url> | rate: ..."`` to field to publisher."""
    out = {}
    for part in text.split(" | "):
        key, _, rest = part.partition(": ")
        out[key.strip()] = rest.split(" <", 1)[0].strip()
    return out


def prisons_submission(path: str | os.PathLike[str] | None = None) -> Table:
    """The prisons table (one row per state) as a submission in long form.

    Parameters
    ----------
    path : path, optional
        A copy of ``prisons.csv``; the copy bundled with dpssec
        (``justice_prisons.csv``) by default.

    Returns
    -------
    Table
        A :class:`~dpssec.io.Table` of the submission schema (columns ``state``, ``year``,
        ``indicator``, ``disaggregation``, ``value`` as published, ``source``), one row per
        dated figure, each with the line of its state in the file; ready for
        :func:`~dpssec.indicators.validate_submission` (``.to_frame()`` for pandas).

    Notes
    -----
    Fields of one row can come from different sources and dates; each keeps its own year, so
    that a rate or occupancy is never compared with counts of another year. Undated figures
    are left out. See the module documentation for the pre-trial share.

    Examples
    --------
    >>> from dpssec.indicators import prisons_submission
    >>> table = prisons_submission()
    >>> len(table), table.source
    (111, 'justice_prisons.csv')
    """
    name, records = _records(path, "justice_prisons.csv")
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for line, record in records:
        sources = _field_sources(record.get("source", ""))
        for column, date_column, source_key, indicator in PRISON_FIELDS:
            value = (record.get(column) or "").strip()
            year = _YEAR.search(record.get(date_column) or "")
            if not value or year is None:
                continue
            source = sources.get(source_key, "")
            if indicator == "unsentenced_share" and any(s in source for s in _WPB):
                indicator = "remand_share"
            rows.append(
                (line, (record["iso3"], int(year.group(1)), indicator, "total", value, source))
            )
    return _table(name, rows)


def homicide_submission(
    path: str | os.PathLike[str] | None = None, *, series: str | Iterable[str] | None = None
) -> Table:
    """The homicide table (one row per state, year and series) as a submission in long form.

    Parameters
    ----------
    path : path, optional
        A copy of ``homicide.csv``; the bundled copy (``prevention_homicide.csv``) by default.
    series : str or sequence of str, optional
        The series to keep (codes of the ``series`` column); by default every series except
        the superseded editions (:data:`SUPERSEDED_SERIES`).

    Returns
    -------
    Table
        ``homicide_victims`` and ``homicide_rate`` cells, values as published, the series code
        as the source, the line of the original file as the line. Where two kept series give
        the same cell, the one first in :data:`HOMICIDE_SERIES_PRIORITY`, else the first in
        the file, is kept.

    Examples
    --------
    >>> from dpssec.indicators import homicide_submission
    >>> previous = homicide_submission(series="UNODC_GSH2013")
    >>> len(previous), sorted(set(previous["indicator"]))
    (26, ['homicide_rate', 'homicide_victims'])
    """
    name, records = _records(path, "prevention_homicide.csv")
    wanted = {series} if isinstance(series, str) else set(series) if series is not None else None
    candidates: list[tuple[int, int, tuple[Any, ...]]] = []
    for line, record in records:
        code = record.get("series", "")
        if (wanted is not None and code not in wanted) or (
            wanted is None and code in SUPERSEDED_SERIES
        ):
            continue
        rank = (
            HOMICIDE_SERIES_PRIORITY.index(code)
            if code in HOMICIDE_SERIES_PRIORITY
            else len(HOMICIDE_SERIES_PRIORITY)
        )
        for column, indicator in (
            ("victims", "homicide_victims"),
            ("rate_per_100k", "homicide_rate"),
        ):
            value = (record.get(column) or "").strip()
            if value:
                cell = (record["iso3"], int(record["year"]), indicator, "total", value, code)
                candidates.append((rank, line, cell))
    kept: dict[tuple[Any, ...], tuple[int, int, tuple[Any, ...]]] = {}
    for candidate in candidates:
        key = candidate[2][:4]
        if key not in kept or candidate[0] < kept[key][0]:
            kept[key] = candidate
    chosen = sorted(kept.values(), key=lambda c: (c[1], c[2][2]))
    if wanted is not None:
        name = f"{name} (series {', '.join(sorted(wanted))})"
    return _table(name, [(line, cell) for _, line, cell in chosen])
