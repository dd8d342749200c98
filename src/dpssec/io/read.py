"""``read_table``: CSV, Excel, Parquet or a pandas DataFrame through a schema, with one error report."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.boundary import Count, Text, example, short_repr
from dpssec.errors import InputError, SchemaError
from dpssec.io.cells import Problem, convert_cells
from dpssec.io.schema import Column, Schema
from dpssec.io.sniff import decode, sniff_dialect
from dpssec.io.table import Table
from dpssec.io.text_files import check_path, csv_rows

__all__ = ["MAX_PROBLEMS", "read_table"]

MAX_PROBLEMS = 20
"""Problems listed in one error before the rest are counted."""

_EXCEL = (".xlsx", ".xlsm")
_PARQUET = (".parquet", ".pq")
_TEXT = (".csv", ".txt", ".tsv", "")


_ENCODING = Text()

_EXAMPLE_SCHEMA = Schema(
    "prisons", (Column("name", Text(), es="nombre"), Column("capacity", Count(), es="capacidad"))
)


@example(b"nombre,capacidad\nNorte,800\n", _EXAMPLE_SCHEMA)
def read_table(
    source: Any,
    schema: Schema,
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str = "auto",
    sheet: str | int | None = None,
) -> Any:
    """Read a table through ``schema``: the schema's object, or a :class:`~dpssec.io.Table`.

    Parameters
    ----------
    source : path, file object, bytes or pandas DataFrame
        A ``.csv`` (or ``.txt``/``.tsv``), ``.xlsx`` or ``.parquet`` file, an open file, a
        bundled example (:func:`dpssec.data.data_file`), raw bytes of a CSV, or a DataFrame
        already in memory.
    schema : Schema
        The columns expected (their names in English, Spanish, Portuguese and French are
        recognised) and how to build the result.
    columns : mapping, optional
        Header (as written in the file) to field, for headers the schema does not know:
        ``{"Cupo": "capacity"}``.
    encoding : str
        ``"auto"`` (default) detects UTF-8 (with or without a byte-order mark) and otherwise
        asks ``charset-normalizer`` (Windows-1252/Latin-1 for most spreadsheets); or give one.
    sheet : str or int, optional
        The Excel sheet (name or 0-based position); the first by default.

    Returns
    -------
    object
        ``schema.build(table)`` when the schema has a builder (a register, a list of models),
        else the :class:`~dpssec.io.Table`.

    Raises
    ------
    InputError
        A missing file, a directory, an unreadable, empty or binary file, an unknown format,
        a missing column (with the expected columns and the closest header), a format whose
        optional package is not installed (naming the extra to install).
    SchemaError
        Cells that cannot be read: every problem (up to 20) with its file, line, column and
        value, in one message.

    Examples
    --------
    >>> from dpssec.boundary import Count, Text
    >>> from dpssec.io import Column, Schema, read_table
    >>> schema = Schema("prisons", (
    ...     Column("name", Text(), es="nombre"),
    ...     Column("capacity", Count(), es="capacidad"),
    ... ))
    >>> table = read_table("nombre;capacidad\\nNorte;1.200\\nSur;850\\n".encode(), schema)
    >>> table["capacity"], table.delimiter
    (array([1200.,  850.]), ';')
    """
    if not isinstance(schema, Schema):
        raise InputError(
            f"parameter 'schema' must be a dpssec.io.Schema; got {type(schema).__name__}"
        )
    if columns is not None and not (
        isinstance(columns, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items())
    ):
        raise InputError(
            "parameter 'columns' must map headers to fields, e.g. {'Cupo': 'capacity'}; got "
            f"{short_repr(columns)}"
        )
    encoding = _ENCODING.convert(encoding, "encoding")
    if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, str | int)):
        raise InputError(
            f"parameter 'sheet' must be a sheet name or a 0-based position; got {short_repr(sheet)}"
        )
    if type(source).__module__.startswith("pandas") and hasattr(source, "columns"):
        return _finish(_from_frame(source, schema, columns), schema)
    if isinstance(source, bytes | bytearray):
        return _finish(_from_csv_bytes(bytes(source), "data", schema, columns, encoding), schema)
    if hasattr(source, "read") or (
        hasattr(source, "read_bytes") and not isinstance(source, str | os.PathLike)
    ):  # an open file, or a bundled data file (importlib.resources)
        name = Path(str(getattr(source, "name", "file"))).name
        data = source.read() if hasattr(source, "read") else source.read_bytes()
        if isinstance(data, str):
            data = data.encode("utf-8")
        suffix = Path(name).suffix.lower()
        if suffix in _EXCEL:
            return _finish(_from_excel(io.BytesIO(data), name, schema, columns, sheet), schema)
        if suffix in _PARQUET:
            return _finish(_from_parquet(io.BytesIO(data), schema, columns, name), schema)
        return _finish(_from_csv_bytes(data, name, schema, columns, encoding), schema)
    if not isinstance(source, str | os.PathLike) or not str(source).strip():
        raise InputError(
            "parameter 'source' must be a file path, an open file, bytes or a pandas DataFrame; "
            f"got {type(source).__name__}"
        )
    path = Path(source)
    check_path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in _EXCEL:
            return _finish(_from_excel(path, path.name, schema, columns, sheet), schema)
        if suffix in _PARQUET:
            return _finish(_from_parquet(path, schema, columns, path.name), schema)
        if suffix not in _TEXT:
            raise InputError(
                f"{path.name}: cannot tell the format from {suffix!r}; give a .csv, .xlsx or "
                ".parquet file"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return _finish(_from_csv_bytes(data, path.name, schema, columns, encoding), schema)


def _finish(table: Table, schema: Schema) -> Any:
    return schema.build(table) if schema.build is not None else table


# -- CSV ------------------------------------------------------------------------------------


def _from_csv_bytes(
    data: bytes,
    name: str,
    schema: Schema,
    columns: Mapping[str, str] | None,
    encoding: str,
) -> Table:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    text, used = decode(data, encoding, name=name)
    delimiter, decimal = sniff_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    end = 0
    for record in csv_rows(reader, name):
        # the line a record starts on (a quoted cell may span several lines)
        line, end = end + 1, reader.line_num
        if not record or all(not cell.strip() for cell in record):
            continue
        if header is None:
            if record[0].lstrip().startswith("#"):
                continue
            header, header_line = record, line
            continue
        rows.append(record)
        lines.append(line)
    if header is None:
        raise InputError(f"{name}: no header row (the file holds only comments or blank lines)")
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    for record, line in zip(rows, lines, strict=True):
        extra_cells = [c for c in record[width:] if c.strip()]
        if extra_cells:
            problems.append(
                Problem(
                    line,
                    "(beyond the header)",
                    extra_cells[0],
                    f"is an extra cell: the row has {len(record)} cells, the header {width}",
                )
            )
    cells = [[r[i] if i < len(r) else "" for r in rows] for i in range(width)]
    return _build(
        schema,
        header[:width],
        cells,
        lines,
        name,
        columns,
        problems,
        encoding=used,
        delimiter=delimiter,
        decimal=decimal,
        header_line=header_line,
    )


# -- Excel, Parquet, DataFrame --------------------------------------------------------------


def _from_excel(
    path: Any, name: str, schema: Schema, columns: Mapping[str, str] | None, sheet: Any
) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            f"{name}: reading .xlsx needs openpyxl, which is optional: pip install 'dpssec[xlsx]'"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise InputError(f"{name}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif isinstance(sheet, int) and not isinstance(sheet, bool):
            ws = book.worksheets[sheet]
        else:
            ws = book[str(sheet)]
    except (IndexError, KeyError):
        raise InputError(f"{name}: no sheet {sheet!r}; sheets: {book.sheetnames}") from None
    header: list[Any] | None = None
    rows: list[list[Any]] = []
    lines: list[int] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = list(values)
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if header is None:
            if isinstance(cells[0], str) and cells[0].lstrip().startswith("#"):
                continue
            header = cells
            continue
        rows.append(cells)
        lines.append(number)
    book.close()
    if header is None:
        raise InputError(f"{name}: the sheet {ws.title!r} is empty")
    width = len(header)
    while width and header[width - 1] is None:
        width -= 1
    cells_by_column = [[r[i] if i < len(r) else None for r in rows] for i in range(width)]
    return _build(
        schema,
        [str(h) if h is not None else "" for h in header[:width]],
        cells_by_column,
        lines,
        name,
        columns,
        [],
        encoding="",
        delimiter="",
        decimal=".",
    )


def _from_parquet(path: Any, schema: Schema, columns: Mapping[str, str] | None, name: str) -> Table:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            f"{name}: reading Parquet needs pyarrow, which is optional: "
            "pip install 'dpssec[parquet]'"
        ) from None
    try:
        arrow = pq.read_table(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError subclasses
        raise InputError(f"{name}: not a readable Parquet file ({type(exc).__name__})") from None
    names = list(arrow.column_names)
    cells = [arrow.column(n).to_pylist() for n in names]
    lines = list(range(1, arrow.num_rows + 1))
    return _build(schema, names, cells, lines, name, columns, [], line_word="row")


def _from_frame(frame: Any, schema: Schema, columns: Mapping[str, str] | None) -> Table:
    names = [str(c) for c in frame.columns]
    cells = []
    for name in frame.columns:
        series = frame[name]
        if series.dtype.kind in "iuf":  # booleans stay booleans: each column's spec decides
            cells.append(series.to_numpy(dtype=float, na_value=np.nan).tolist())
        else:
            cells.append(series.astype(object).where(series.notna(), None).tolist())
    lines = list(frame.index)
    return _build(schema, names, cells, lines, "DataFrame", columns, [], line_word="row")


# -- common ---------------------------------------------------------------------------------


def _build(
    schema: Schema,
    header: Sequence[str],
    cells: Sequence[Sequence[Any]],
    lines: Sequence[Any],
    name: str,
    columns: Mapping[str, str] | None,
    problems: list[Problem],
    *,
    encoding: str = "",
    delimiter: str = "",
    decimal: str = ".",
    header_line: int = 1,
    line_word: str = "line",
) -> Table:
    try:
        mapping, unknown = schema.match(header, columns)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    if unknown and schema.extra == "error":
        import difflib

        known = [n for c in schema.columns for n in (c.field,)]
        hints = [
            f"{u!r} (did you mean {close[0]!r}?)"
            if (close := difflib.get_close_matches(u, known, n=1))
            else repr(u)
            for u in unknown
        ]
        raise InputError(
            f"{name}: unknown column(s) {', '.join(hints)} on line {header_line}. Expected: "
            f"{', '.join(c.field for c in schema.columns)}. Map a column with "
            "columns={'<header>': '<field>'} or let the schema ignore extra columns"
        )
    typed: dict[str, np.ndarray] = {}
    header_map: dict[str, str] = {}
    for position, field in mapping.items():
        column = schema.column(field)
        header_map[str(header[position])] = field
        typed[field] = convert_cells(
            cells[position],
            column.spec,
            str(header[position]),
            lines,
            decimal=decimal,
            missing=schema.missing,
            problems=problems,
        )
    if problems:
        shown = "; ".join(
            f"{line_word} {p.line}, column {p.column!r}: {p.value!r} {p.reason}"
            for p in problems[:MAX_PROBLEMS]
        )
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise SchemaError(
            f"{name}: {len(problems)} problem(s) reading {schema.name}: {shown}{more}",
            errors=[
                f"{name}, {line_word} {p.line}, column {p.column!r}: {p.value!r} {p.reason}"
                for p in problems
            ],
        )
    extra: dict[str, np.ndarray] = {}
    if schema.extra == "keep":
        for position, head in enumerate(header):
            if position not in mapping and head:
                extra[str(head)] = np.asarray(cells[position], dtype=object)
    return Table(
        schema=schema.name,
        columns=typed,
        lines=np.asarray(lines),
        source=name,
        encoding=encoding,
        delimiter=delimiter,
        decimal=decimal,
        header=header_map,
        extra=extra,
        line_word=line_word,
    )
