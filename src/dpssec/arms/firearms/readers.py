"""Read firearm registers and count sheets from CSV or JSON files.

CSV: a header row with ``serial_number`` and ``manufacturer`` (required) and any of ``model``,
``calibre``, ``country_of_manufacture``, ``year_of_manufacture``, ``import_country``,
``import_year``, ``status``, ``location``; the columns ``source`` and ``notes`` are allowed and
ignored. Other columns are refused (a misspelt ``serial_no`` would otherwise be silently lost)
unless ``ignore_extra_columns=True``.

JSON: a list of :class:`~dpssec.arms.firearms.FirearmRecord` objects as written by
:func:`dpssec.serialization.to_json` (marks included), or ``{"records": [...]}``.

Every problem is reported with its row (the first data row is row 1) in one
:class:`~dpssec.errors.SchemaError`; CSV problems also give the file line, counting the header
as line 1 ("row 2 (line 3)"), so that an editor can jump to it. JSON problems give the row
(the element of the list, from 1) and the JSON path.

For example:

>>> import io
>>> from dpssec.arms.firearms import read_register
>>> text = "serial_number,manufacturer,model,country_of_manufacture\\nA1,CZ,75,CZ\\nA2,CZ,75,XX\\n"
>>> read_register(io.StringIO(text), format="csv")
Traceback (most recent call last):
...
dpssec.errors.SchemaError: register: 1 problem(s): row 2 (line 3), country_of_manufacture: 'XX' is not an ISO 3166-1 country code or name...
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import IO, Any

import numpy as np

from dpssec.arms.firearms.records import FirearmRecord
from dpssec.arms.firearms.register import COLUMNS, FirearmRegister
from dpssec.errors import SchemaError
from dpssec.io import csv_rows

__all__ = ["read_register", "read_register_csv", "read_register_json", "write_register_csv"]

_IGNORED = ("source", "notes")
_REQUIRED = ("serial_number", "manufacturer")


def _open_text(path_or_file: str | os.PathLike[str] | IO[str]) -> tuple[IO[str], str, bool]:
    if isinstance(path_or_file, str | os.PathLike):
        path = Path(path_or_file)
        try:
            return path.open(encoding="utf-8-sig", newline=""), path.name, True
        except OSError as exc:  # missing, a directory, unreadable
            raise SchemaError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return path_or_file, getattr(path_or_file, "name", "register"), False


def _not_utf8(name: str, exc: UnicodeDecodeError) -> SchemaError:
    return SchemaError(
        f"{name}: not a UTF-8 text file (byte {exc.start}: {exc.reason}); save it as UTF-8"
    )


def read_register_csv(
    path_or_file: str | os.PathLike[str] | IO[str],
    *,
    ignore_extra_columns: bool = False,
    source: str | None = None,
) -> FirearmRegister:
    """Read a register (or count sheet) from CSV; see the module notes for the columns.

    Raises
    ------
    SchemaError
        An empty file or a header without records ("register has no records": reconciling
        it would report every counted weapon as unregistered), missing or unknown columns,
        rows with the wrong number of fields, and every invalid value (with its row and line).

    Examples
    --------
    >>> import io
    >>> from dpssec.arms.firearms import read_register_csv
    >>> sheet = io.StringIO("serial_number,manufacturer,model\\nA-1,CZ,75\\n,CZ,75\\n")
    >>> read_register_csv(sheet, source="count.csv")
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: count.csv: 1 problem(s): row 2 (line 3), serial_number: empty serial number
    """
    handle, name, close = _open_text(path_or_file)
    name = source or name
    try:
        reader = csv.reader(handle)
        rows = csv_rows(reader, name)
        try:
            header = [h.strip() for h in next(rows)]
        except StopIteration:
            raise SchemaError(f"{name}: the file is empty (no header row)") from None
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise SchemaError(f"{name}: missing column(s) {missing}; the header is {header}")
        unknown = [h for h in header if h not in COLUMNS and h not in _IGNORED]
        if unknown and not ignore_extra_columns:
            raise SchemaError(
                f"{name}: unknown column(s) {unknown}; known: {list(COLUMNS)} "
                "(pass ignore_extra_columns=True to skip them)"
            )
        repeated = sorted({h for h in header if header.count(h) > 1})
        if repeated:
            raise SchemaError(f"{name}: column(s) {repeated} appear more than once")
        wanted = {h: k for k, h in enumerate(header) if h in COLUMNS}
        values: dict[str, list[str]] = {h: [] for h in wanted}
        width = len(header)
        bad_width: list[str] = []
        lines: list[int] = []
        line = reader.line_num + 1  # where the next row starts (a quoted cell may span lines)
        for row_number, row in enumerate(rows, start=1):
            lines.append(line)
            where = f"row {row_number} (line {line})"
            line = reader.line_num + 1
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    bad_width.append(f"{where}: empty line")
                else:
                    bad_width.append(f"{where}: {len(row)} fields, expected {width}")
                row = (row + [""] * width)[:width]
            for column, k in wanted.items():
                values[column].append(row[k])
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, exc) from None
    finally:
        if close:
            handle.close()
    if bad_width:
        raise SchemaError(
            f"{name}: {len(bad_width)} malformed row(s): {'; '.join(bad_width[:5])}",
            errors=bad_width,
        )
    if not lines:
        raise SchemaError(f"{name}: register has no records (a header row only)")
    return FirearmRegister.from_columns(**values, lines=lines, source=name)


def read_register_json(
    path_or_file: str | os.PathLike[str] | IO[str], *, source: str | None = None
) -> FirearmRegister:
    """Read a register from JSON (a list of FirearmRecord objects or ``{"records": [...]}``).

    Raises
    ------
    SchemaError
        Malformed JSON, an empty list ("register has no records"), and each invalid record
        with its row and JSON path.

    Examples
    --------
    >>> import io
    >>> from dpssec.arms.firearms import read_register_json
    >>> text = '[{"serial_number": "A-1", "manufacturer": "CZ", "model": "75", "status": "gone"}]'
    >>> read_register_json(io.StringIO(text), source="register.json")
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: register.json: 1 problem(s): row 1: 'gone' is not a valid FirearmStatus; ... @ $[0].status
    """
    handle, name, close = _open_text(path_or_file)
    name = source or name
    try:
        try:
            data: Any = json.load(handle)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{name}: not valid JSON: {exc}") from None
        except UnicodeDecodeError as exc:
            raise _not_utf8(name, exc) from None
        except RecursionError:
            raise SchemaError(f"{name}: JSON nested too deeply") from None
    finally:
        if close:
            handle.close()
    if isinstance(data, dict) and set(data) == {"records"}:
        data = data["records"]
    if not isinstance(data, list):
        raise SchemaError(f"{name}: expected a list of records or {{'records': [...]}}")
    if not data:
        raise SchemaError(f"{name}: register has no records (an empty list)")
    from dpssec.serialization import from_dict  # pint comes with it: load only when needed

    records: list[FirearmRecord] = []
    errors: list[str] = []
    for k, item in enumerate(data):
        try:
            records.append(from_dict(item, FirearmRecord))
        except SchemaError as exc:
            errors.extend(f"row {k + 1}: {e.replace('@ $', f'@ $[{k}]', 1)}" for e in exc.errors)
    if errors:
        raise SchemaError(
            f"{name}: {len(errors)} problem(s): {'; '.join(errors[:5])}", errors=errors
        )
    return FirearmRegister.from_records(records, source=name)


def read_register(
    path_or_file: str | os.PathLike[str] | IO[str],
    *,
    format: str | None = None,
    ignore_extra_columns: bool = False,
) -> FirearmRegister:
    """Read a register or count sheet from a ``.csv`` or ``.json`` file.

    Parameters
    ----------
    path_or_file : path or text file
    format : {"csv", "json"}, optional
        Taken from the file name's extension when not given.
    ignore_extra_columns : bool
        CSV only: skip unknown columns instead of refusing the file.

    Returns
    -------
    FirearmRegister

    Raises
    ------
    SchemaError
        With every problem and its row.

    Examples
    --------
    >>> import io
    >>> from dpssec.arms.firearms import read_register
    >>> register = read_register(io.StringIO("serial_number,manufacturer\\nA-1,CZ\\n"), format="csv")
    >>> len(register), register.record(0).serial_number
    (1, 'A-1')
    """
    kind = format
    if kind is None:
        name = str(getattr(path_or_file, "name", path_or_file))
        kind = Path(name).suffix.lower().lstrip(".")
    kind = kind.lower()
    if kind == "csv":
        return read_register_csv(path_or_file, ignore_extra_columns=ignore_extra_columns)
    if kind == "json":
        return read_register_json(path_or_file)
    raise SchemaError(
        f"cannot tell the format of {path_or_file!r}: use a .csv or .json file or format="
    )


def write_register_csv(
    register: FirearmRegister, path_or_file: str | os.PathLike[str] | IO[str]
) -> None:
    """Write a register as CSV in the layout :func:`read_register_csv` reads.

    Examples
    --------
    >>> import io
    >>> from dpssec.arms.firearms import FirearmRecord, FirearmRegister, write_register_csv
    >>> out = io.StringIO()
    >>> write_register_csv(FirearmRegister.from_records([FirearmRecord("A-1", "CZ", "75")]), out)
    >>> out.getvalue().splitlines()[1]
    'A-1,CZ,75,,,,,,in stock,'
    """
    if isinstance(path_or_file, str | os.PathLike):
        with Path(path_or_file).open("w", encoding="utf-8", newline="") as handle:
            write_register_csv(register, handle)
        return
    writer = csv.writer(path_or_file, lineterminator="\n")
    columns = register.to_columns()
    writer.writerow(COLUMNS)
    text = {c: columns[c].astype(str) for c in COLUMNS}
    for c in ("year_of_manufacture", "import_year"):
        text[c] = np.where(columns[c] == 0, "", text[c])
    writer.writerows(zip(*(text[c].tolist() for c in COLUMNS), strict=True))
