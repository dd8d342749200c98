"""A country's submission in long form, read strictly: one row per state, year, indicator, part.

A submission is a table with the columns ``state``, ``year``, ``indicator``,
``disaggregation`` (optional; empty means the total) and ``value``, and optionally ``source``
(the publisher or series each value comes from, used to find breaks in series). Headers are
recognised in English, Spanish, Portuguese and French (:data:`SUBMISSION_SCHEMA`: ``país``,
``año``, ``indicador``, ``desagregación``, ``valor``, ``fuente``...). It is read by
:func:`dpssec.io.read_table` from a CSV, Excel or Parquet file, bytes or a pandas DataFrame,
so every unreadable cell is reported at once with its line and column.

The ``value`` column holds a number or one of two codes, kept distinct as the CEPEJ does:
``NA`` (the information exists but is not available; also an empty cell, ``n/d``, ``..``)
and ``NAP`` (not applicable: the question does not apply to the state). The number of
decimals written is kept: a published figure is checked to within half a unit of its last
decimal.

For example:

>>> from dpssec.indicators import read_submission
>>> text = "país;año;indicador;valor\\nHTI;2024;ocupación;454,4\\nHTI;2024;capacidad oficial;NAP\\n"
>>> sub = read_submission(text.encode())
>>> [(c.indicator, c.value, c.status, c.decimals, c.line) for c in sub]
[('occupancy', 454.4, 'present', 1, 2), ('official_capacity', None, 'NAP', None, 3)]
"""

from __future__ import annotations

import decimal
import unicodedata
from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import Choice, Number, OptionSpec, Records, Size, Text, Year, example
from dpssec.countries import MEMBER_STATES, member_state
from dpssec.errors import InputError, SchemaError
from dpssec.indicators.catalogue import CATALOGUE
from dpssec.indicators.catalogue_entry import search_key
from dpssec.indicators.disaggregations import TOTAL, parse_disaggregation
from dpssec.io import MAX_PROBLEMS, Column, Problem, Schema, Table, read_table
from dpssec.rendering import ResultMixin

__all__ = [
    "NAP_CODES",
    "NA_CODES",
    "SUBMISSION_SCHEMA",
    "Cell",
    "Submission",
    "SubmittedValue",
    "read_submission",
]

NA_CODES = frozenset(
    {
        "na",
        "n/a",
        "n.a.",
        "nd",
        "n/d",
        "n.d.",
        "s/d",
        "sd",
        "..",
        "...",
        "-",
        "—",
        "nan",
        "not available",
        "no disponible",
        "nao disponivel",
        "non disponible",
    }
)
"""Texts read as NA: the information exists but is not available (case and accents ignored)."""

NAP_CODES = frozenset(
    {
        "nap",
        "n/ap",
        "n.ap.",
        "not applicable",
        "no aplica",
        "no aplicable",
        "nao se aplica",
        "nao aplicavel",
        "sans objet",
        "non applicable",
    }
)
"""Texts read as NAP: not applicable (the question does not apply to the state)."""


def _code_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip().casefold()


@example()
@attrs.frozen(kw_only=True)
class SubmittedValue(OptionSpec):
    """A submitted value: a number, ``NA`` or ``NAP`` (texts are parsed with the file's decimal mark).

    Converts one cell: a number to a float, a code of :data:`NA_CODES` to ``"NA"``, one of
    :data:`NAP_CODES` to ``"NAP"``, other text to itself stripped (read as a number once the
    decimal mark of the file is known); refuses booleans and infinities.
    """

    kind: ClassVar[str] = "a number, NA or NAP"

    def convert(self, value: Any, name: str) -> Any:
        if value is None:
            return "NA"
        if isinstance(value, bool | np.bool_):
            raise InputError("is a boolean, not a number, NA or NAP")
        if isinstance(value, int | float | np.integer | np.floating):
            number = float(value)
            if number != number:
                return "NA"
            if not np.isfinite(number):
                raise InputError("is infinite")
            return number
        if isinstance(value, str):
            key = _code_key(value)
            if key in NA_CODES or not key:
                return "NA"
            if key in NAP_CODES:
                return "NAP"
            return value.strip()
        raise InputError(f"is not a number, NA or NAP ({type(value).__name__})")


@attrs.frozen(kw_only=True)
class _AsWritten(OptionSpec):
    """A cell as written (text stripped, or a number): checked with the others afterwards, so
    that every problem of a file is reported at once."""

    kind: ClassVar[str] = "a cell"

    def convert(self, value: Any, name: str) -> Any:
        return value.strip() if isinstance(value, str) else value


SUBMISSION_SCHEMA = Schema(
    "submission",
    (
        Column(
            "state",
            _AsWritten(),
            es=("país", "estado", "estado miembro"),
            pt=("país", "estado", "estado membro"),
            fr=("pays", "état", "état membre"),
            aliases=("iso3", "country", "member state", "code"),
            description="the member state: ISO 3166 alpha-3 or alpha-2 code, or its name",
        ),
        Column(
            "year",
            _AsWritten(),
            es=("año", "anio"),
            pt="ano",
            fr=("année", "annee"),
            aliases=("reference year", "period"),
            description="the year the value refers to",
        ),
        Column(
            "indicator",
            _AsWritten(),
            es="indicador",
            pt="indicador",
            fr="indicateur",
            aliases=("variable", "series code"),
            description="an indicator or variable of dpssec.indicators.CATALOGUE",
        ),
        Column(
            "disaggregation",
            _AsWritten(),
            es=("desagregación", "desglose"),
            pt=("desagregação", "desagregacao"),
            fr=("ventilation", "désagrégation"),
            aliases=("breakdown", "dimension", "category"),
            required=False,
            description="'total' (or empty), or dimension:category such as sex:female",
        ),
        Column(
            "value",
            SubmittedValue(),
            es="valor",
            pt="valor",
            fr="valeur",
            description="a number, NA (not available) or NAP (not applicable)",
        ),
        Column(
            "source",
            _AsWritten(),
            es=("fuente", "serie"),
            pt=("fonte", "série"),
            fr=("source", "série"),
            aliases=("series", "publisher"),
            required=False,
            description="where the value comes from (a change of source breaks a series)",
        ),
    ),
    ignored=(
        "note",
        "notes",
        "comment",
        "comments",
        "nota",
        "notas",
        "unit",
        "unidad",
        "reference_date",
        "fecha_de_referencia",
    ),
)
"""The columns of a submission, with their names in English, Spanish, Portuguese and French."""


CELL_STATUSES = ("present", "NA", "NAP", "missing")
"""A cell's status: a value, not available, not applicable, or not submitted at all."""

_TEXT = Text()


def _line(value: Any) -> int | str | None:
    if value is None or isinstance(value, str):
        return value
    line: int = Size(upper=2**62).convert(value, "line")
    return line


@example("HTI", 2024, "occupancy", "total", 454.4, "present", 1, "WPB", 21)
@attrs.frozen(eq=False)
class Cell(ResultMixin):
    """One submitted value, as a finding cites it.

    Attributes
    ----------
    state : str
        ISO 3166 alpha-3 code.
    year : int
    indicator : str
        The catalogue identifier (or the code as written, normalised, when unknown).
    disaggregation : str
        ``"total"`` or ``"dimension:category"``.
    value : float or None
        None for NA and NAP.
    status : str
        ``"present"``, ``"NA"`` or ``"NAP"``.
    decimals : int or None
        Decimals written in the file (None when not known or not a number).
    source : str
        The value's source or series ("" when the submission has no source column).
    line : int, str or None
        The file line (CSV), sheet row (Excel), row number (Parquet) or index label
        (DataFrame) the value was read from.
    """

    state: str = _TEXT.field()
    year: int = Year().field()
    indicator: str = _TEXT.field()
    disaggregation: str = _TEXT.field(default=TOTAL)
    value: float | None = Number(optional=True).field()
    status: str = Choice(CELL_STATUSES).field(default="present")
    decimals: int | None = Size(lower=-100, upper=100, optional=True).field()
    source: str = Text(empty=True).field(default="")
    line: int | str | None = attrs.field(default=None, converter=_line)

    @property
    def key(self) -> tuple[str, int, str, str]:
        """``(state, year, indicator, disaggregation)``: one value per key in a submission."""
        return (self.state, self.year, self.indicator, self.disaggregation)

    def describe(self) -> str:
        """``HTI 2024 occupancy = 454.4`` (with the part when not the total)."""
        part = "" if self.disaggregation == TOTAL else f" [{self.disaggregation}]"
        shown = _format(self.value, self.decimals) if self.status == "present" else self.status
        return f"{self.state} {self.year} {self.indicator}{part} = {shown}"


def _format(value: float | None, decimals: int | None) -> str:
    if value is None:
        return ""
    if decimals is not None and 0 <= decimals <= 10:
        return f"{value:.{decimals}f}"
    return f"{value:.6g}"


def _cells(value: Any) -> tuple[Cell, ...]:
    cells: tuple[Cell, ...] = Records(Cell).convert(value, "cells")
    return cells


@example((Cell("HTI", 2024, "occupancy", value=454.4, decimals=1),), "example")
@attrs.frozen(eq=False)
class Submission(ResultMixin):
    """The cells of a submission, read and normalised.

    Attributes
    ----------
    cells : tuple of Cell
        One per row, in file order.
    source : str
        The file name (``"DataFrame"`` for a frame).
    """

    cells: tuple[Cell, ...] = attrs.field(converter=_cells)
    source: str = Text(empty=True).field(default="")

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def _columns(self) -> dict[str, Any]:
        return {f.name: [getattr(c, f.name) for c in self.cells] for f in attrs.fields(Cell)}

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per cell."""
        from dpssec.rendering import require_pandas

        pd = require_pandas()
        return pd.DataFrame(
            [attrs.asdict(c) for c in self.cells], columns=[f.name for f in attrs.fields(Cell)]
        )


# -- reading --------------------------------------------------------------------------------

_STATE_NAMES: dict[str, str] = {
    search_key(name): member.alpha3
    for member in MEMBER_STATES.values()
    for name in (member.name_en, member.name_es)
}


def _state(text: str) -> str:
    name = _STATE_NAMES.get(search_key(text))
    if name is not None:
        return name
    try:
        return member_state(text).alpha3
    except InputError as exc:
        message = str(exc)
        hint = message.split("; closest: ", 1)[1] if "; closest: " in message else ""
        raise InputError(
            "is not the ISO 3166 code or the name of an OAS member state"
            + (f" (closest: {hint})" if hint else "")
        ) from None


def _number(text: str, decimal_mark: str) -> tuple[float, int | None]:
    cleaned = text.replace("\u00a0", "").replace(" ", "").rstrip("%")
    if decimal_mark == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    number = float(cleaned)
    if not np.isfinite(number):
        raise ValueError("not finite")
    return number, _decimals_of_text(cleaned)


def _decimals_of_text(text: str) -> int | None:
    try:
        exponent = decimal.Decimal(text).as_tuple().exponent
    except decimal.InvalidOperation:
        return None
    return max(0, -exponent) if isinstance(exponent, int) else None


def _decimals_of_float(number: float) -> int:
    if float(number).is_integer():
        return 0
    exponent = decimal.Decimal(repr(float(number))).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _year(value: Any) -> int:
    """A year written as ``2021``, ``2021.0`` or ``"2021"``; InputError otherwise."""
    if isinstance(value, bool | np.bool_):
        raise InputError("is not a year (a whole number such as 2021)")
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InputError("is not a year (a whole number such as 2021)") from None
    if not (np.isfinite(number) and number.is_integer() and 1000 <= number <= 9999):
        raise InputError("is not a year (a whole number such as 2021)")
    return int(number)


def _to_submission(table: Table) -> Submission:
    headers = {field: header for header, field in table.header.items()}
    problems: list[Problem] = []
    cells: list[Cell] = []
    states: dict[str, str] = {}
    indicators: dict[str, str] = {}
    sources = table.columns.get("source")
    parts = table.columns.get("disaggregation")
    for i, line in enumerate(table.lines.tolist()):
        row_ok = True
        raw_state = table["state"][i]
        if raw_state is None:
            problems.append(Problem(line, headers["state"], "", "is empty (a state is required)"))
            row_ok = False
        elif not isinstance(raw_state, str):
            problems.append(Problem(line, headers["state"], raw_state, "is not a state code"))
            row_ok = False
        elif raw_state not in states:
            try:
                states[raw_state] = _state(raw_state)
            except InputError as exc:
                problems.append(Problem(line, headers["state"], raw_state, str(exc)))
                row_ok = False
        raw_year = table["year"][i]
        year = 0
        if raw_year is None:
            problems.append(Problem(line, headers["year"], "", "is empty (a year is required)"))
            row_ok = False
        else:
            try:
                year = _year(raw_year)
            except InputError as exc:
                problems.append(Problem(line, headers["year"], raw_year, str(exc)))
                row_ok = False
        raw_indicator = table["indicator"][i]
        if raw_indicator is None:
            problems.append(
                Problem(line, headers["indicator"], "", "is empty (an indicator is required)")
            )
            row_ok = False
        elif not isinstance(raw_indicator, str):
            raw_indicator = str(raw_indicator)
        value = table["value"][i]
        status, number, decimals = "present", None, None
        if value in ("NA", "NAP"):
            status = str(value)
        elif isinstance(value, str):
            try:
                number, decimals = _number(value, table.decimal or ".")
            except (ValueError, decimal.InvalidOperation):
                problems.append(
                    Problem(line, headers["value"], value, "is not a number, NA or NAP")
                )
                row_ok = False
        elif value is None:
            status = "NA"
        else:
            number, decimals = float(value), _decimals_of_float(float(value))
        if not row_ok:
            continue
        if raw_indicator not in indicators:
            indicators[raw_indicator] = CATALOGUE.resolve(raw_indicator) or search_key(
                raw_indicator
            ).replace(" ", "_")
        part = parts[i] if parts is not None else None
        origin = sources[i] if sources is not None else None
        cells.append(
            Cell(
                state=states[raw_state],
                year=year,
                indicator=indicators[raw_indicator],
                disaggregation=parse_disaggregation(part),
                value=number,
                status=status,
                decimals=decimals,
                source=str(origin) if origin is not None else "",
                line=line if isinstance(line, int | str) else None,
            )
        )
    if problems:
        word = "line" if table.source not in ("DataFrame",) else "row"
        shown = "; ".join(
            f"{word} {p.line}, column {p.column!r}: {p.value!r} {p.reason}"
            for p in problems[:MAX_PROBLEMS]
        )
        more = f"; and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise SchemaError(
            f"{table.source}: {len(problems)} problem(s) reading the submission: {shown}{more}",
            errors=[f"{table.source}, {word} {p.line}, column {p.column!r}: {p}" for p in problems],
        )
    return Submission(tuple(cells), table.source)


def read_submission(
    source: Any,
    *,
    columns: dict[str, str] | None = None,
    name: str | None = None,
    encoding: str = "auto",
    sheet: str | int | None = None,
) -> Submission:
    """Read a submission in long form.

    Parameters
    ----------
    source : path, bytes, file, pandas DataFrame, Table or Submission
        A CSV, ``.xlsx`` or Parquet file (or its bytes), a DataFrame, a
        :class:`~dpssec.io.Table` already read with :data:`SUBMISSION_SCHEMA`, or a
        :class:`Submission` (returned as it is).
    columns : dict, optional
        Header (as written) to field, for headers the schema does not know:
        ``{"Cod_pais": "state"}``.
    name : str, optional
        The name findings give the source (a DataFrame converted from a file keeps the
        file's name this way).

    Returns
    -------
    Submission

    Raises
    ------
    InputError
        A file that cannot be opened, a missing column (with the expected ones).
    SchemaError
        Cells that cannot be read: an unknown state, a year that is not a year, a value that is
        not a number, ``NA`` or ``NAP``; every problem with its line and column.

    Examples
    --------
    >>> from dpssec.indicators import read_submission
    >>> sub = read_submission(b"state,year,indicator,value\\nXX,2020,occupancy,90\\n")
    Traceback (most recent call last):
    ...
    dpssec.errors.SchemaError: data: 1 problem(s) reading the submission: line 2, column 'state': 'XX' is not the ISO 3166 code or the name of an OAS member state (closest: MX)
    """
    if isinstance(source, Submission):
        return source if name is None else attrs.evolve(source, source=name)
    if isinstance(source, Table):
        table = source
        if "value" not in table.columns or "state" not in table.columns:
            raise InputError(
                f"{table.source}: the table was not read with SUBMISSION_SCHEMA (it has "
                f"{', '.join(table.columns)})"
            )
    else:
        table = read_table(
            source, SUBMISSION_SCHEMA, columns=columns, encoding=encoding, sheet=sheet
        )
    if name is not None:
        table = attrs.evolve(table, source=name)
    return _to_submission(table)
