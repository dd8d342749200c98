"""A firearm register held as columns, validated as a whole with row-numbered errors.

A national register has hundreds of thousands of weapons; one
:class:`~dpssec.arms.firearms.FirearmRecord` object per weapon would cost seconds to build
and check. :class:`FirearmRegister` keeps the same fields as numpy columns, checks them with
whole-column operations (each distinct country or status is looked up once) and builds a
``FirearmRecord`` only for the rows a result reports.

Problems are collected over the whole table and raised together as one
:class:`~dpssec.errors.SchemaError` whose ``errors`` list names each row (1-based data rows: the
first row after a CSV header, or the first element of a JSON list, is row 1): empty serial
numbers or manufacturers, a serial, manufacturer or model made of separators only (``"--"``
has no letters or digits), unknown countries, years that are not whole plausible years, imports
before manufacture, unknown statuses, and rows repeating an earlier row.

For example:

>>> from dpssec.arms.firearms import FirearmRegister
>>> reg = FirearmRegister.from_columns(serial_number=["A1", "A2"], manufacturer=["CZ", "CZ"],
...                                    model=["75", "75"], country_of_manufacture=["cz", "CZE"])
>>> len(reg), reg.record(1).country_of_manufacture
(2, 'CZE')
>>> FirearmRegister.from_columns(serial_number=["A1", ""], manufacturer=["CZ", "CZ"])
Traceback (most recent call last):
...
dpssec.errors.SchemaError: register: 1 problem(s): row 2, serial_number: empty serial number
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.arms.firearms.identity_kernels import (
    as_text,
    factorise,
    group_rows,
    normalise_text,
    rank_within,
)
from dpssec.arms.firearms.records import (
    SEPARATORS,
    FirearmRecord,
    FirearmStatus,
)
from dpssec.arms.firearms.register_checks import (
    MAX_LISTED,
    STATUSES,
    Problems,
    read_countries,
    read_statuses,
    read_years,
)
from dpssec.boundary import example_by, short_repr
from dpssec.errors import InputError

__all__ = ["COLUMNS", "FirearmRegister", "STATUSES"]


COLUMNS = (
    "serial_number",
    "manufacturer",
    "model",
    "calibre",
    "country_of_manufacture",
    "year_of_manufacture",
    "import_country",
    "import_year",
    "status",
    "location",
)
"""The columns of a register, in the order of :class:`FirearmRecord`'s fields."""


def _text_column(values: Any, n: int, name: str) -> np.ndarray:
    if values is None:
        return np.full(n, "", dtype="U1")
    arr = as_text(values)
    if arr.shape[0] != n:
        raise InputError(f"{name}: {arr.shape[0]} values for {n} serial numbers")
    return arr


def _refuse_separators_only(
    name: str, column: np.ndarray, rows: np.ndarray, problems: Problems
) -> None:
    # Stripping the separators from both ends empties exactly the values normalise_text would
    # empty, at a tenth of the cost (one C pass, no upper-casing).
    problems.add(
        rows,
        (column != "") & (np.strings.strip(column, SEPARATORS + "\n\r") == ""),
        lambda i: f"{name}: {str(column[i])!r} has no letters or digits",
    )


@attrs.frozen
class Identity:
    """The matching form of a register's entries.

    Attributes
    ----------
    serial : ndarray of str
        Serial numbers upper-cased without spaces or separators.
    maker_codes, model_codes : ndarray of int64
        Codes into ``maker_labels`` and ``model_labels`` (normalised the same way).
    """

    serial: np.ndarray
    maker_codes: np.ndarray
    maker_labels: np.ndarray
    model_codes: np.ndarray
    model_labels: np.ndarray


def _array_field(dtype: Any = str) -> Any:
    """A column compared element-wise; JSON lists read back with the column's dtype."""

    def convert(value: Any) -> np.ndarray:
        if isinstance(value, np.ndarray) and (dtype is str and value.dtype.kind == "U"):
            return value
        return np.asarray(value, dtype=dtype)

    return attrs.field(eq=attrs.cmp_using(eq=np.array_equal), repr=False, converter=convert)


@example_by(
    lambda: FirearmRegister.from_columns(
        serial_number=["A-1", "B-2"],
        manufacturer=["CZ", "Glock"],
        model=["75", "17"],
        country_of_manufacture=["CZ", "AT"],
        year_of_manufacture=[2001, 2010],
        source="register.csv",
    )
)
@attrs.frozen
class FirearmRegister:
    """A table of firearms (a register or a physical count), one numpy column per field.

    Build one with :meth:`from_columns`, :meth:`from_records` or the readers
    :func:`~dpssec.arms.firearms.read_register`; the constructor itself does not validate.

    Attributes
    ----------
    serial_number, manufacturer, model, calibre, location : ndarray of str
        As recorded (``""`` when not recorded).
    country_of_manufacture, import_country : ndarray of str
        ISO 3166-1 alpha-3 codes (``""`` when not recorded).
    year_of_manufacture, import_year : ndarray of int64
        Years (0 when not recorded).
    status : ndarray of int8
        Index into :data:`STATUSES`.
    rows : ndarray of int64
        Source row of each entry (1-based), used in messages.
    source : str
        What the table was read from (a file name), used in messages.
    records : tuple of FirearmRecord or None
        The records it was built from, if any (they keep the marks).

    Examples
    --------
    >>> from dpssec.arms.firearms import FirearmRegister
    >>> reg = FirearmRegister.from_columns(serial_number=["A-1", "B-2"],
    ...                                    manufacturer=["CZ", "Glock"], model=["75", "17"])
    >>> len(reg), reg.identity().serial.tolist()
    (2, ['A1', 'B2'])
    >>> [(r.serial_number, r.manufacturer, r.marks) for r in reg]
    [('A-1', 'CZ', None), ('B-2', 'Glock', None)]
    """

    serial_number: np.ndarray = _array_field()
    manufacturer: np.ndarray = _array_field()
    model: np.ndarray = _array_field()
    calibre: np.ndarray = _array_field()
    country_of_manufacture: np.ndarray = _array_field()
    year_of_manufacture: np.ndarray = _array_field(np.int64)
    import_country: np.ndarray = _array_field()
    import_year: np.ndarray = _array_field(np.int64)
    status: np.ndarray = _array_field(np.int8)
    location: np.ndarray = _array_field()
    rows: np.ndarray = _array_field(np.int64)
    source: str = "register"
    records: tuple[FirearmRecord, ...] | None = attrs.field(default=None, repr=False)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def __len__(self) -> int:
        return int(self.serial_number.shape[0])

    def __iter__(self) -> Iterator[FirearmRecord]:
        """The entries as :class:`FirearmRecord` objects, built one at a time."""
        return (self.record(i) for i in range(len(self)))

    def __repr__(self) -> str:
        return f"FirearmRegister({len(self)} records from {self.source!r})"

    @classmethod
    def from_columns(
        cls,
        *,
        serial_number: Any,
        manufacturer: Any,
        model: Any = None,
        calibre: Any = None,
        country_of_manufacture: Any = None,
        year_of_manufacture: Any = None,
        import_country: Any = None,
        import_year: Any = None,
        status: Any = None,
        location: Any = None,
        rows: Any = None,
        lines: Any = None,
        source: str = "register",
    ) -> FirearmRegister:
        """Validate columns (sequences, arrays or pandas Series) and build a register.

        Parameters
        ----------
        serial_number, manufacturer : sequence of str
            Required, non-empty.
        model, calibre, location : sequence of str, optional
        country_of_manufacture, import_country : sequence of str, optional
            Any ISO 3166-1 code or English name (empty: not recorded).
        year_of_manufacture, import_year : sequence of int or str, optional
            Whole years (empty or 0: not recorded).
        status : sequence of str, optional
            Default ``"in stock"``.
        rows : sequence of int, optional
            Source row numbers for messages (default 1, 2, ...).
        lines : sequence of int, optional
            File line of each row (the CSV reader gives them): messages then read
            "row 2 (line 3)".
        source : str
            Name used in messages.

        Raises
        ------
        SchemaError
            Listing every problem with its row.
        """
        serial = as_text(serial_number)
        n = serial.shape[0]
        row_numbers = (
            np.arange(1, n + 1, dtype=np.int64)
            if rows is None
            else np.asarray(rows, dtype=np.int64).reshape(-1)
        )
        if row_numbers.shape[0] != n:
            raise InputError(f"rows: {row_numbers.shape[0]} row numbers for {n} records")
        line_numbers = None if lines is None else np.asarray(lines, dtype=np.int64).reshape(-1)
        if line_numbers is not None and line_numbers.shape[0] != n:
            raise InputError(f"lines: {line_numbers.shape[0]} line numbers for {n} records")
        problems = Problems(line_numbers)
        serial = np.strings.strip(serial)
        problems.add(row_numbers, serial == "", lambda i: "serial_number: empty serial number")
        maker = np.strings.strip(_text_column(manufacturer, n, "manufacturer"))
        problems.add(row_numbers, maker == "", lambda i: "manufacturer: empty manufacturer")
        columns = {
            "model": np.strings.strip(_text_column(model, n, "model")),
            "calibre": np.strings.strip(_text_column(calibre, n, "calibre")),
            "location": np.strings.strip(_text_column(location, n, "location")),
        }
        # "--" normalises to "" and would match every other such entry: no identity at all.
        for name, column in (
            ("serial_number", serial),
            ("manufacturer", maker),
            ("model", columns["model"]),
        ):
            _refuse_separators_only(name, column, row_numbers, problems)
        made_in = read_countries(
            _text_column(country_of_manufacture, n, "country_of_manufacture"),
            "country_of_manufacture",
            row_numbers,
            problems,
        )
        imported_to = read_countries(
            _text_column(import_country, n, "import_country"),
            "import_country",
            row_numbers,
            problems,
        )
        made = read_years(
            np.zeros(n, dtype=np.int64) if year_of_manufacture is None else year_of_manufacture,
            "year_of_manufacture",
            row_numbers,
            problems,
        )
        imported = read_years(
            np.zeros(n, dtype=np.int64) if import_year is None else import_year,
            "import_year",
            row_numbers,
            problems,
        )
        problems.add(
            row_numbers,
            (made > 0) & (imported > 0) & (imported < made),
            lambda i: (
                f"import_year: {int(imported[i])} is before the year of manufacture {int(made[i])}"
            ),
        )
        codes = (
            np.zeros(n, dtype=np.int8)
            if status is None
            else read_statuses(_text_column(status, n, "status"), row_numbers, problems)
        )
        register = cls(
            serial_number=serial,
            manufacturer=maker,
            model=columns["model"],
            calibre=columns["calibre"],
            country_of_manufacture=made_in,
            year_of_manufacture=made,
            import_country=imported_to,
            import_year=imported,
            status=codes,
            location=columns["location"],
            rows=row_numbers,
            source=source,
        )
        register._check_repeated_rows(problems)
        problems.raise_if_any(source)
        return register

    @classmethod
    def from_records(
        cls,
        records: Iterable[FirearmRecord],
        *,
        rows: Sequence[int] | None = None,
        source: str = "register",
    ) -> FirearmRegister:
        """A register of :class:`FirearmRecord` objects (already valid; repeats are refused).

        Examples
        --------
        >>> from dpssec.arms.firearms import FirearmRecord, FirearmRegister
        >>> r = FirearmRecord("A1", "CZ", "75")
        >>> FirearmRegister.from_records([r, r])
        Traceback (most recent call last):
        ...
        dpssec.errors.SchemaError: register: 1 problem(s): row 2 repeats row 1 (same values in every column)
        """
        items = tuple(records)
        for i, record in enumerate(items):
            if not isinstance(record, FirearmRecord):
                raise InputError(
                    f"records[{i}]: expected a FirearmRecord, got {short_repr(record)}"
                )
        n = len(items)
        row_numbers = (
            np.arange(1, n + 1, dtype=np.int64) if rows is None else np.asarray(rows, np.int64)
        )
        if row_numbers.shape != (n,):
            raise InputError(f"rows: {row_numbers.size} row numbers for {n} records")

        def text(name: str) -> np.ndarray:
            return as_text([getattr(r, name) or "" for r in items])

        register = cls(
            serial_number=text("serial_number"),
            manufacturer=text("manufacturer"),
            model=text("model"),
            calibre=text("calibre"),
            country_of_manufacture=text("country_of_manufacture"),
            year_of_manufacture=np.array(
                [r.year_of_manufacture or 0 for r in items], dtype=np.int64
            ),
            import_country=text("import_country"),
            import_year=np.array([r.import_year or 0 for r in items], dtype=np.int64),
            status=np.array([STATUSES.index(r.status) for r in items], dtype=np.int8),
            location=text("location"),
            rows=row_numbers,
            source=source,
            records=items,
        )
        problems = Problems()
        register._check_repeated_rows(problems)
        problems.raise_if_any(source)
        return register

    def _check_repeated_rows(self, problems: Problems) -> None:
        if len(self) < 2:
            return
        identity = self.identity()
        ids = group_rows(
            [
                identity.serial,
                identity.maker_codes,
                identity.model_codes,
                factorise(self.calibre, normalise=True)[0],
                factorise(self.country_of_manufacture)[0],
                self.year_of_manufacture,
                factorise(self.import_country)[0],
                self.import_year,
                self.status,
                factorise(self.location, normalise=True)[0],
            ]
        )
        repeated = rank_within(ids) > 0
        if not repeated.any():
            return
        first = np.zeros(int(ids.max()) + 1, dtype=np.int64)
        first[ids[::-1]] = np.arange(len(self))[::-1]
        problems.count += int(repeated.sum())
        problems.errors.extend(
            f"{problems.where(self.rows, i)} repeats {problems.where(self.rows, first[ids[i]])} "
            "(same values in every column)"
            for i in np.flatnonzero(repeated)[:MAX_LISTED]
        )
        if repeated.sum() > MAX_LISTED:
            problems.errors.append(f"... and {int(repeated.sum()) - MAX_LISTED} more repeats")

    def identity(self) -> Identity:
        """The matching form of every entry (computed once, then kept)."""
        cached = self._cache.get("identity")
        if cached is None:
            maker_codes, maker_labels = factorise(self.manufacturer, normalise=True)
            model_codes, model_labels = factorise(self.model, normalise=True)
            cached = Identity(
                normalise_text(self.serial_number),
                maker_codes,
                maker_labels,
                model_codes,
                model_labels,
            )
            self._cache["identity"] = cached
        identity: Identity = cached
        return identity

    def record(self, index: int) -> FirearmRecord:
        """The entry at position ``index`` (0-based) as a :class:`FirearmRecord`."""
        if self.records is not None:
            return self.records[index]

        def optional(column: np.ndarray) -> str | None:
            value = str(column[index])
            return value or None

        def year(column: np.ndarray) -> int | None:
            value = int(column[index])
            return value or None

        return FirearmRecord(
            str(self.serial_number[index]),
            str(self.manufacturer[index]),
            str(self.model[index]),
            calibre=optional(self.calibre),
            country_of_manufacture=optional(self.country_of_manufacture),
            year_of_manufacture=year(self.year_of_manufacture),
            import_country=optional(self.import_country),
            import_year=year(self.import_year),
            status=STATUSES[int(self.status[index])],
            location=optional(self.location),
        )

    def statuses(self) -> list[FirearmStatus]:
        """The status of every entry."""
        return [STATUSES[int(c)] for c in self.status.tolist()]

    def take(self, indices: Sequence[int] | np.ndarray) -> FirearmRegister:
        """A register of the entries at ``indices`` (0-based), keeping their source rows."""
        idx = np.asarray(indices, dtype=np.int64)
        return attrs.evolve(
            self,
            **{name: getattr(self, name)[idx] for name in (*COLUMNS, "rows")},
            records=None if self.records is None else tuple(self.records[i] for i in idx),
        )

    def to_columns(self) -> Mapping[str, np.ndarray]:
        """The columns by name (years 0 and empty strings mean 'not recorded')."""
        out = {name: getattr(self, name) for name in COLUMNS}
        out["status"] = np.array([s.value for s in STATUSES])[self.status]
        return out
