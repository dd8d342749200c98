"""What every command of ``dpssec`` shares: how it reads tables and how it prints results.

A command that reads files adds :func:`add_input_options`: ``--column HEADER=FIELD`` (repeat it:
read a column whose header the schema does not know as one of its fields), ``--encoding`` and
``--sheet`` (an Excel sheet), passed on to :func:`dpssec.io.read_table` by
:func:`read_options`. Every command adds :func:`add_format_option`: ``--format table`` (readable
text, every row), ``--format csv`` (one row per unit of analysis, for a spreadsheet) or
``--format json`` (every number, readable back by :mod:`dpssec.serialization`); ``--json`` is
kept as a short form of ``--format json``. :func:`emit` prints in the chosen format.

For example:

>>> import argparse
>>> from dpssec.cli_options import add_format_option, add_input_options, read_options
>>> parser = argparse.ArgumentParser()
>>> add_input_options(parser); add_format_option(parser)
>>> args = parser.parse_args(["--column", "Cupo=capacity", "--format", "csv"])
>>> read_options(args), args.format
({'columns': {'Cupo': 'capacity'}, 'encoding': 'auto', 'sheet': None}, 'csv')
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dpssec.errors import InputError

__all__ = [
    "FORMATS",
    "add_format_option",
    "add_input_options",
    "emit",
    "parse_columns",
    "read_options",
    "rows_to_csv",
    "rows_to_text",
]

FORMATS = ("table", "csv", "json")
"""The output formats of every command."""

_FORMAT_HELP = (
    "table: readable text with every row (default); csv: one row per unit of analysis, for a "
    "spreadsheet; json: every number, readable back with dpssec.serialization"
)


def add_format_option(parser: Any, *, default: str = "table") -> None:
    """Add ``--format table|csv|json`` (and ``--json``, its short form for JSON) to a parser or
    to a group of mutually exclusive options."""
    parser.add_argument("--format", choices=FORMATS, default=default, help=_FORMAT_HELP)
    parser.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="the same as --format json",
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--column HEADER=FIELD`` (repeatable), ``--encoding`` and ``--sheet``."""
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read the column HEADER as FIELD, for headers dpssec does not know (repeat it), "
        "e.g. --column Cupo=capacity",
    )
    parser.add_argument(
        "--encoding",
        default="auto",
        help="text encoding of a CSV file (default: detected: UTF-8, UTF-8 with BOM, "
        "Windows-1252/Latin-1)",
    )
    parser.add_argument(
        "--sheet", default=None, help="Excel sheet: its name or position (0 for the first)"
    )


def parse_columns(values: Sequence[str]) -> dict[str, str]:
    """``["Cupo=capacity", ...]`` as ``{"Cupo": "capacity", ...}``.

    Raises
    ------
    InputError
        An item without ``=``, or with an empty header or field.

    Examples
    --------
    >>> from dpssec.cli_options import parse_columns
    >>> parse_columns(["Cupo=capacity", " Presos = population"])
    {'Cupo': 'capacity', 'Presos': 'population'}
    """
    mapping: dict[str, str] = {}
    for item in values:
        header, sep, field = item.partition("=")
        if not sep or not header.strip() or not field.strip():
            raise InputError(
                f"--column {item!r}: give the header as written in the file and the field, "
                "e.g. --column Cupo=capacity"
            )
        mapping[header.strip()] = field.strip()
    return mapping


def read_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`dpssec.io.read_table` given on the command line."""
    sheet: str | int | None = getattr(args, "sheet", None)
    if isinstance(sheet, str) and sheet.strip().isdigit():
        sheet = int(sheet)
    return {
        "columns": parse_columns(getattr(args, "column", None) or []),
        "encoding": getattr(args, "encoding", "auto") or "auto",
        "sheet": sheet,
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else repr(value)
    if hasattr(value, "value") and hasattr(type(value), "__members__"):  # an enum
        return value.value
    return value


def rows_to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """CSV text of a list of row dicts (the union of their keys as the header)."""
    names: list[str] = []
    for row in rows:
        names += [k for k in row if k not in names]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return out.getvalue()


def rows_to_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """A plain-text table of a list of row dicts, every row shown."""
    from dpssec.rendering import format_value

    names: list[str] = []
    for row in rows:
        names += [k for k in row if k not in names]
    cells = [[format_value(row.get(n)) for n in names] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def emit(
    args: argparse.Namespace,
    result: Any = None,
    *,
    text: str | Callable[[], str] | None = None,
    rows: Sequence[Mapping[str, Any]] | Callable[[], Sequence[Mapping[str, Any]]] | None = None,
    data: Any = None,
) -> None:
    """Print ``result`` (or the given views of it) in the format chosen with ``--format``.

    Parameters
    ----------
    args : argparse.Namespace
        With ``format`` (from :func:`add_format_option`).
    result : dpssec result, optional
        Printed as its text (every row), its flat table (CSV) or its JSON, unless ``text``,
        ``rows`` or ``data`` say otherwise.
    text : str or callable, optional
        The readable report.
    rows : list of dict or callable, optional
        The rows of the CSV output (one per unit of analysis).
    data : JSON-compatible data, optional
        The JSON output.
    """
    fmt = getattr(args, "format", "table") or "table"
    if fmt == "json":
        if data is not None:
            from dpssec.serialization import to_json

            print(to_json(data, indent=2))
        else:
            print(_result_json(result))
        return
    if fmt == "csv":
        if rows is not None:
            chosen = rows() if callable(rows) else rows
            print(rows_to_csv(chosen), end="")
        elif result is not None and hasattr(result, "to_csv"):
            print(result.to_csv(), end="")
        else:
            raise InputError("--format csv: this command has no table to write")
        return
    if text is not None:
        print(text() if callable(text) else text)
    elif result is not None:
        print(_result_text(result))
    elif rows is not None:
        print(rows_to_text(rows() if callable(rows) else rows))


def _result_json(result: Any) -> str:
    from dpssec.serialization import to_json

    return to_json(result, indent=2)


def _result_text(result: Any) -> str:
    from dpssec.rendering import ResultMixin

    if isinstance(result, ResultMixin) and type(result).__str__ is ResultMixin.__str__:
        return result.to_text(max_rows=None)
    return str(result)
