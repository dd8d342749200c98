"""From a read table to the domain's objects: one model per row, every refusal with its line.

A schema's ``build`` uses :func:`models_from_rows`: each row of the
:class:`~dpssec.io.Table` becomes a model (a prison facility, a hazardous area, a cell), and a
row the model refuses (unsentenced above the population, an unknown code) is reported with its
file line, together with the other refused rows, in one
:class:`~dpssec.errors.SchemaError`.

For example:

>>> import attrs
>>> from dpssec.boundary import Count, Text
>>> from dpssec.io import Column, Schema, read_table
>>> from dpssec.io.build import models_from_rows
>>> @attrs.frozen
... class Prison:
...     name: str = Text().field()
...     capacity: int = Count(positive=True).field()
>>> schema = Schema("prisons", (Column("name", Text()), Column("capacity", Count())),
...                 build=lambda table: models_from_rows(table, Prison))
>>> read_table(b"name,capacity\\nNorte,800\\nSur,0\\n", schema)
Traceback (most recent call last):
...
dpssec.errors.SchemaError: data: 1 problem(s) reading prisons: line 3: parameter 'capacity': is zero or negative (must be > 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from dpssec.boundary import Model, Text, example, short_repr
from dpssec.errors import InputError, SchemaError
from dpssec.io.read import MAX_PROBLEMS
from dpssec.io.table import Table

__all__ = ["models_from_rows", "present", "require_values"]

_EXAMPLE_TABLE = Table("prisons", {"name": ["Norte", "Sur"], "capacity": [800.0, 650.0]}, [2, 3])
_TABLE = Model(Table)
_NAME = Text()


def _names_to(value: Any, name: str, values: Any) -> dict[str, Any]:
    """A mapping of names (text) to values accepted by ``values`` (None: no mapping)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise InputError(f"parameter {name!r} must map names to {values}; got {short_repr(value)}")
    return dict(value)


@example("Norte")
def present(value: Any) -> bool:
    """Whether a read cell holds a value (not None, NaN, NaT or empty text)."""
    if value is None:
        return False
    if isinstance(value, float) and value != value:
        return False
    if isinstance(value, np.datetime64) and np.isnat(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def _cell(value: Any) -> Any:
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[D]").astype(object)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@example(_EXAMPLE_TABLE, dict)
def models_from_rows(
    table: Table,
    make: Callable[..., Any],
    *,
    fields: dict[str, str] | None = None,
    defaults: dict[str, Any] | None = None,
) -> list[Any]:
    """One ``make(**row)`` per row of ``table``; refused rows reported together by line.

    Parameters
    ----------
    table : Table
        Read by :func:`~dpssec.io.read_table`.
    make : callable
        The model class (or a function) called with the row's present cells as keywords
        (whole numbers as ``int``, dates as ``datetime.date``); empty cells are left out, so
        the model's defaults apply.
    fields : dict, optional
        Table column to keyword, where the names differ.
    defaults : dict, optional
        Keywords given to every row (a country, a reference date) unless the row has them.

    Raises
    ------
    SchemaError
        Every row the model refuses (up to :data:`~dpssec.io.MAX_PROBLEMS` listed), with the
        file line and the model's message.
    """
    table = _TABLE.convert(table, "table")
    if not callable(make):
        raise InputError(
            f"parameter 'make' must be a model class or a function; got {short_repr(make)}"
        )
    rename = _names_to(fields, "fields", "keywords")
    if not all(isinstance(v, str) for v in rename.values()):
        raise InputError(
            f"parameter 'fields' must map columns to keywords; got {short_repr(fields)}"
        )
    fixed = _names_to(defaults, "defaults", "values")
    names = list(table.columns)
    out: list[Any] = []
    problems: list[str] = []
    word = table.line_word
    for i, row in enumerate(table.rows()):
        kwargs = dict(fixed)
        for name in names:
            value = row[name]
            if present(value):
                kwargs[rename.get(name, name)] = _cell(value)
        try:
            out.append(make(**kwargs))
        except (InputError, TypeError) as exc:
            problems.append(f"{word} {table.lines[i]}: {_one_line(exc)}")
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise SchemaError(
            f"{table.source}: {len(problems)} problem(s) reading {table.schema}: {shown}{more}",
            errors=[f"{table.source}, {p}" for p in problems],
        )
    return out


_ONE_VALUE = re.compile(r"1 of 1 values (are|is) ")
_FIRST = re.compile(r" \(first at index 0: [^)]*\)")


def _one_line(exc: BaseException) -> str:
    text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    text = _FIRST.sub("", _ONE_VALUE.sub("is ", text))
    if isinstance(exc, TypeError) and "argument" in text:
        return f"cannot build the row ({text})"
    return text


@example(_EXAMPLE_TABLE, "capacity")
def require_values(table: Table, *fields: str) -> None:
    """Refuse empty cells in ``fields`` (every one listed with its line) before a calculation.

    Raises
    ------
    SchemaError
        ``prisons.csv: 2 empty cell(s) where a value is needed: line 4, column 'population'; ...``

    Examples
    --------
    >>> from dpssec.boundary import Count, Text
    >>> from dpssec.io import Column, Schema, read_table, require_values
    >>> schema = Schema("prisons", (Column("name", Text()), Column("population", Count())))
    >>> require_values(read_table(b"name,population\\nA,\\nB,4\\n", schema), "population")
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: data: 1 empty cell(s) where a value is needed: line 2, column 'population'
    """
    table = _TABLE.convert(table, "table")
    fields = tuple(_NAME.convert(f, "fields") for f in fields)
    word = table.line_word
    empty: list[str] = []
    for field in fields:
        values = table.columns.get(field)
        if values is None:
            continue
        header = next((h for h, f in table.header.items() if f == field), field)
        for i, value in enumerate(values.tolist() if values.dtype.kind != "M" else values):
            if not present(value):
                empty.append(f"{word} {table.lines[i]}, column {header!r}")
    if empty:
        shown = "; ".join(empty[:MAX_PROBLEMS])
        more = f"; and {len(empty) - MAX_PROBLEMS} more" if len(empty) > MAX_PROBLEMS else ""
        raise SchemaError(
            f"{table.source}: {len(empty)} empty cell(s) where a value is needed: {shown}{more}",
            errors=[f"{table.source}, {e}: empty" for e in empty],
        )
