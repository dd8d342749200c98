"""The tables an evaluation reads, as :func:`dpssec.io.read_table` reads them.

* :data:`SERIES_SCHEMA`: a time series for an interrupted time series or a joinpoint trend:
  the period (a number such as a year, or a date ``YYYY-MM-DD`` / month ``YYYY-MM``), the count
  and optionally the population at risk; read with :func:`read_series`.

Headers are read in English, Spanish, Portuguese and French (``periodo``, ``casos``,
``población``...), the file in any usual encoding and dialect, as Excel or Parquet.

For example:

>>> from dpssec.evaluation.schemas import read_series
>>> text = "mes;casos;población\\n2005-01;120;1.000.000\\n2005-02;98;1.000.000\\n"
>>> series = read_series(text.encode())
>>> series["time"], series["count"], series["population"]
(array(['2005-01-01', '2005-02-01'], dtype='datetime64[D]'), array([120.,  98.]), array([1000000., 1000000.]))
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Number, Text
from dpssec.errors import InputError, SchemaError
from dpssec.io import Column, Schema, column, read_table, require_values

__all__ = ["SERIES_SCHEMA", "read_series", "time_value"]

SERIES_SCHEMA = Schema(
    "time series",
    (
        Column(
            "time",
            Text(),
            es=("periodo", "fecha", "mes", "año"),
            pt=("período", "data", "mês", "ano"),
            fr=("période", "date", "mois", "année"),
            aliases=("date", "month", "year", "period"),
            description="a number (a year) or a date YYYY-MM-DD / month YYYY-MM",
        ),
        Column(
            "count",
            Number(lower=0),
            es=("casos", "conteo", "número"),
            pt=("casos", "contagem"),
            fr=("nombre", "cas"),
            aliases=("events", "cases", "deaths", "victims"),
        ),
        column("population", Number(lower=0), required=False),
    ),
)
"""A time series: period, count and optional population at risk."""


def time_value(text: str, where: str) -> Any:
    """A period as written: a number, or a date (``YYYY-MM`` is the first of the month).

    Raises
    ------
    InputError
        Neither a number nor a date, naming ``where``.
    """
    text = text.strip()
    if len(text) == 7 and text[4] == "-":  # 2005-01: a month
        text += "-01"
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return np.datetime64(text, "D")
        except ValueError:
            raise InputError(f"{where}: {text!r} is not a date (YYYY-MM-DD or YYYY-MM)") from None
    try:
        return float(text)
    except ValueError:
        raise InputError(
            f"{where}: {text!r} is neither a number nor a date (YYYY-MM-DD or YYYY-MM)"
        ) from None


def read_series(
    source: Any,
    *,
    time: str = "time",
    count: str = "count",
    population: str = "population",
    columns: Mapping[str, str] | None = None,
    encoding: str = "auto",
    sheet: str | int | None = None,
) -> dict[str, Any]:
    """Read a series (``time``, ``count`` and optional ``population`` columns).

    Parameters
    ----------
    source : path, bytes or pandas DataFrame
        A table (CSV with ``#`` comment lines, .xlsx, .parquet).
    time, count, population : str
        Headers of those columns when they are not the schema's names.
    columns, encoding, sheet
        As for :func:`dpssec.io.read_table`.

    Returns
    -------
    dict
        ``time`` (float or ``datetime64[D]`` array), ``count`` (NaN where empty) and
        ``population`` (or None).

    Raises
    ------
    InputError
        A missing column, or a column of times mixing dates and numbers.
    SchemaError
        A cell that cannot be read, naming the file line.
    """
    mapping = dict(columns or {})
    for given, field in ((time, "time"), (count, "count"), (population, "population")):
        if given != field:
            mapping.setdefault(given, field)
    schema = attrs.evolve(SERIES_SCHEMA)
    table = read_table(source, schema, columns=mapping, encoding=encoding, sheet=sheet)
    require_values(table, "time")
    word = table.line_word
    times: list[Any] = []
    problems: list[str] = []
    for cell, line in zip(table["time"], table.lines, strict=True):
        try:
            times.append(time_value(str(cell), f"{word} {line}, column 'time'"))
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise SchemaError(
            f"{table.source}: {len(problems)} problem(s) reading {table.schema}: "
            + "; ".join(problems[:20]),
            errors=problems,
        )
    kinds = {isinstance(t, np.datetime64) for t in times}
    if len(kinds) > 1:
        raise InputError(f"{table.source}: the time column mixes dates and numbers")
    return {
        "time": np.array(times),
        "count": table["count"],
        "population": table.columns.get("population"),
    }
