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

import os
from pathlib import Path
from typing import Any

import attrs

from dpssec.boundary import Date, Text
from dpssec.errors import InputError, SchemaError
from dpssec.io import Column, Schema, Table, read_table
from dpssec.io.text_files import check_path
from dpssec.justice.caseflow_models import CaseflowPeriod, CaseflowReturn, MissingCode

__all__ = ["CASEFLOW_COLUMNS", "CASEFLOW_SCHEMA", "read_caseflow"]

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

_COUNTS = ("pending_start", "incoming", "resolved", "pending_end")


@attrs.frozen(kw_only=True)
class ReturnCell(Text):
    """A count cell of a return as written: a number, ``NA``, ``NAP`` or empty (read as NA by
    the return's rule); checked when the period is built."""

    def scalar(self, value: Any, name: str) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None if value != value else value
        return super().scalar(value, name)


_CELL = ReturnCell(optional=True)

CASEFLOW_SCHEMA = Schema(
    "caseflow return",
    (
        Column(
            "court",
            Text(optional=True),
            es=("tribunal", "juzgado", "órgano"),
            pt=("tribunal", "vara", "órgão"),
            fr=("tribunal", "juridiction"),
            aliases=CASEFLOW_COLUMNS["court"][1:],
        ),
        Column(
            "category",
            Text(optional=True),
            es=("materia", "categoría"),
            pt=("matéria", "categoria"),
            fr=("matière", "catégorie"),
            aliases=CASEFLOW_COLUMNS["category"][1:],
            required=False,
        ),
        Column(
            "start",
            Date(),
            es=("inicio", "desde"),
            pt=("início", "de"),
            fr=("début", "du"),
            aliases=CASEFLOW_COLUMNS["start"][1:],
        ),
        Column(
            "end",
            Date(),
            es=("fin", "hasta"),
            pt=("fim", "até"),
            fr=("fin", "au"),
            aliases=CASEFLOW_COLUMNS["end"][1:],
        ),
        Column(
            "pending_start",
            _CELL,
            es="pendientes al inicio",
            pt="pendentes no início",
            fr="affaires pendantes au début",
            aliases=CASEFLOW_COLUMNS["pending_start"][1:],
        ),
        Column(
            "incoming",
            _CELL,
            es=("ingresados", "ingresos"),
            pt=("casos novos", "entradas"),
            fr=("affaires nouvelles", "entrées"),
            aliases=CASEFLOW_COLUMNS["incoming"][1:],
        ),
        Column(
            "resolved",
            _CELL,
            es=("resueltos", "terminados"),
            pt=("julgados", "baixados"),
            fr=("affaires terminées", "sorties"),
            aliases=CASEFLOW_COLUMNS["resolved"][1:],
        ),
        Column(
            "pending_end",
            _CELL,
            es="pendientes al final",
            pt="pendentes no final",
            fr="affaires pendantes à la fin",
            aliases=CASEFLOW_COLUMNS["pending_end"][1:],
        ),
        Column(
            "staff",
            _CELL,
            es=("personal", "jueces"),
            pt=("pessoal", "juízes"),
            fr=("personnel", "juges"),
            aliases=CASEFLOW_COLUMNS["staff"][1:],
            required=False,
        ),
    ),
    missing=frozenset({""}),  # NA and NAP are codes of the return, not missing markers
)
"""A caseflow return, one row per court, category and period (four languages)."""


def read_caseflow(source: Any, *, name: str | None = None, **options: Any) -> CaseflowReturn:
    """Read a caseflow return from a table (CSV, .xlsx, .parquet), CSV text or a DataFrame.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        A path to a table, the CSV text itself (anything containing a newline), or a
        DataFrame with the columns of the module docs.
    name : str, optional
        What to call the source in messages (the file name by default).
    **options
        ``columns``, ``encoding`` and ``sheet``, as for :func:`dpssec.io.read_table`.

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
        A path that does not exist or names a directory.

    Examples
    --------
    >>> from dpssec.justice import read_caseflow
    >>> r = read_caseflow('''court,start,end,pending_start,incoming,resolved,pending_end
    ... Juzgado 1,2023-01-01,2023-12-31,900,1200,1100,1000
    ... Juzgado 2,2023-01-01,2023-12-31,100,300,320,NA''')
    >>> len(r), r.periods[1].pending_end, round(r.periods[1].clearance_rate, 1)
    (2, <MissingCode.NA: 'NA'>, 106.7)
    >>> r.table(by="court").status
    ('complete', 'partial')

    The bundled SYNTHETIC return, from its file:

    >>> from dpssec.data import data_file
    >>> bundled = read_caseflow(data_file("justice_caseflow_synthetic.csv"))
    >>> bundled.source, len(bundled) > 10
    ('justice_caseflow_synthetic.csv', True)
    """
    if isinstance(source, str) and "\n" in source:
        source, label = source.encode("utf-8"), name or "CSV text"
    elif type(source).__module__.startswith("pandas"):
        label = name or "DataFrame"
    else:
        if isinstance(source, str | os.PathLike):
            check_path(Path(source))  # a missing file or a directory: an InputError
        label = name or Path(str(getattr(source, "name", source))).name
    try:
        table = read_table(source, CASEFLOW_SCHEMA, **options)
    except SchemaError:
        raise
    except InputError as exc:
        raise SchemaError(f"{label}: {exc}") from None
    table = attrs.evolve(table, source=label)
    periods = _periods(table)
    if not periods:
        raise SchemaError(f"{label}: no caseflow rows", errors=["no data rows"])
    return CaseflowReturn(periods, source=label)


def _periods(table: Table) -> list[CaseflowPeriod]:
    word = table.line_word
    headers = {field: header for header, field in table.header.items()}
    periods: list[CaseflowPeriod] = []
    errors: list[str] = []
    for i, row in enumerate(table.rows()):
        where = f"{word} {table.lines[i]}"
        try:
            periods.append(_period(row, where, headers))
        except (InputError, SchemaError) as exc:
            errors.append(str(exc))
    if errors:
        raise SchemaError(f"{table.source}: {'; '.join(errors[:20])}", errors=errors)
    return periods


def _period(row: dict[str, Any], where: str, headers: dict[str, str]) -> CaseflowPeriod:
    values: dict[str, Any] = {}
    for field in CASEFLOW_COLUMNS:
        if field not in row:
            continue
        column, value = headers.get(field, field), row[field]
        if field in _COUNTS:
            values[field] = _count(value, where, column)
        elif field == "staff":
            if value is not None:
                values[field] = _count(value, where, column, whole=False)
        elif field == "category":
            if value is not None:
                values[field] = value
        elif field in ("start", "end"):
            if isinstance(value, float) or value is None:  # NaT read as missing
                raise _schema(where, column, "is empty")
            values[field] = value
        elif value is None:
            raise _schema(where, column, "is empty")
        else:
            values[field] = value
    try:
        return CaseflowPeriod(**values)
    except InputError as error:
        message = str(error)
        column = next((c for c in CASEFLOW_COLUMNS if f"'{c}'" in message), "")
        text = f"{where}" + (f", column {column!r}" if column else "") + f": {message}"
        raise SchemaError(text, errors=[text]) from None


def _count(value: Any, where: str, column: str, *, whole: bool = True) -> Any:
    if value is None:
        return MissingCode.NA  # nothing was reported, which is not zero
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
            raise _schema(where, column, f"{value!r} is not a count{hint}") from None
        return number
    if isinstance(value, float) and value.is_integer() and whole:
        return int(value)
    return value


def _schema(where: str, column: str, message: str) -> SchemaError:
    text = f"{where}, column {column!r}: {message}"
    return SchemaError(text, errors=[text])
