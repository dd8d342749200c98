"""Read firearm registers and count sheets from tables (CSV, Excel, Parquet, DataFrame) or JSON.

Tables: a header row with ``serial_number`` and ``manufacturer`` (required) and any of
``model``, ``calibre``, ``country_of_manufacture``, ``year_of_manufacture``,
``import_country``, ``import_year``, ``status``, ``location``, in English, Spanish, Portuguese
or French (``número de serie``, ``fabricante``, ``numéro de série``...); the columns
``source`` and ``notes`` are allowed and ignored. Other columns are refused (a misspelt
``serial_no`` would otherwise be silently lost) unless ``ignore_extra_columns=True`` or mapped
with ``columns={"Nro serie": "serial_number"}``. Tables are read by
:func:`dpssec.io.read_table` with :data:`~dpssec.arms.firearms.schemas.REGISTER_SCHEMA`
(encoding, delimiter and decimal comma detected).

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
import io
import json
import os
from pathlib import Path
from typing import IO, Any

import attrs
import numpy as np

from dpssec.arms.firearms.records import FirearmRecord
from dpssec.arms.firearms.register import COLUMNS, FirearmRegister
from dpssec.arms.firearms.schemas import REGISTER_SCHEMA, register_from_table
from dpssec.errors import InputError, SchemaError
from dpssec.io import Table, read_table

__all__ = ["read_register", "read_register_csv", "read_register_json", "write_register_csv"]


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
    path_or_file: Any,
    *,
    ignore_extra_columns: bool = False,
    source: str | None = None,
    columns: dict[str, str] | None = None,
    encoding: str = "auto",
) -> FirearmRegister:
    """Read a register (or count sheet) from CSV; see the module notes for the columns.

    The table goes through :func:`dpssec.io.read_table` with
    :data:`~dpssec.arms.firearms.schemas.REGISTER_SCHEMA`: any usual encoding, delimiter and
    decimal mark, headers in four languages, ``columns={"Nro serie": "serial_number"}`` for
    others.

    Raises
    ------
    SchemaError
        An empty file or a header without records ("register has no records": reconciling
        it would report every counted weapon as unregistered), missing or unknown columns,
        rows wider than the header, and every invalid value (with its row and line).

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
    schema = attrs.evolve(REGISTER_SCHEMA, extra="ignore" if ignore_extra_columns else "error")
    if not isinstance(path_or_file, str | os.PathLike) and hasattr(path_or_file, "read"):
        data = path_or_file.read()
        name = source or Path(str(getattr(path_or_file, "name", "register"))).name
        path_or_file = io.BytesIO(data.encode("utf-8") if isinstance(data, str) else data)
        path_or_file.name = name
        schema = attrs.evolve(schema, build=_named(name))
    elif source is not None:
        schema = attrs.evolve(schema, build=_named(source))
    try:
        register: FirearmRegister = read_table(
            path_or_file, schema, columns=columns, encoding=encoding
        )
    except SchemaError:
        raise
    except InputError as exc:  # unreadable files and headers: this reader's one error type
        raise SchemaError(str(exc)) from None
    return register


def _named(name: str) -> Any:
    def build(table: Table) -> FirearmRegister:
        return register_from_table(attrs.evolve(table, source=name))

    return build


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
    path_or_file: Any,
    *,
    format: str | None = None,
    ignore_extra_columns: bool = False,
    columns: dict[str, str] | None = None,
    encoding: str = "auto",
    sheet: str | int | None = None,
) -> FirearmRegister:
    """Read a register or count sheet: ``.csv``, ``.xlsx``, ``.parquet``, ``.json`` or a DataFrame.

    Parameters
    ----------
    path_or_file : path, text file or pandas DataFrame
    format : {"csv", "json", "xlsx", "parquet"}, optional
        Taken from the file name's extension when not given.
    ignore_extra_columns : bool
        Tables only: skip unknown columns instead of refusing the file.
    columns, encoding, sheet
        As for :func:`dpssec.io.read_table` (tables only).

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
    if type(path_or_file).__module__.startswith("pandas"):
        frame_register: FirearmRegister = read_table(
            path_or_file,
            attrs.evolve(REGISTER_SCHEMA, extra="ignore" if ignore_extra_columns else "error"),
            columns=columns,
        )
        return frame_register
    kind = format
    if kind is None:
        name = str(getattr(path_or_file, "name", path_or_file))
        kind = Path(name).suffix.lower().lstrip(".")
    kind = kind.lower()
    if kind in ("csv", "txt", "tsv"):
        return read_register_csv(
            path_or_file,
            ignore_extra_columns=ignore_extra_columns,
            columns=columns,
            encoding=encoding,
        )
    if kind == "json":
        return read_register_json(path_or_file)
    if kind in ("xlsx", "xlsm", "parquet", "pq"):
        schema = attrs.evolve(REGISTER_SCHEMA, extra="ignore" if ignore_extra_columns else "error")
        try:
            table_register: FirearmRegister = read_table(
                path_or_file, schema, columns=columns, sheet=sheet
            )
        except SchemaError:
            raise
        except InputError as exc:
            raise SchemaError(str(exc)) from None
        return table_register
    raise SchemaError(
        f"cannot tell the format of {path_or_file!r}: use a .csv, .xlsx, .parquet or .json "
        "file, or format="
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
