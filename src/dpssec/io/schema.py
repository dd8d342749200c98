"""Schemas: the columns a table must have, their specs, and their names in four languages.

A :class:`Schema` lists :class:`Column` objects. Each column has a field name (English, as the
models and calculators use it), a :mod:`dpssec.boundary` spec (what a cell may hold), and its
names in the OAS's other official languages, Spanish, Portuguese and French, plus any other
synonyms. Headers are matched case-, accent- and separator-insensitively, so ``Número de
serie``, ``numero_de_serie`` and ``NUMERO DE SERIE`` all find ``serial_number``; a user mapping
``columns={"Cupo": "capacity"}`` comes first.

For example:

>>> from dpssec.boundary import Count, Text
>>> from dpssec.io import Column, Schema
>>> schema = Schema("prisons", (
...     Column("country", Text(), es="país", pt="país", fr="pays"),
...     Column("capacity", Count(), es="capacidad", pt="capacidade", fr="capacité"),
... ))
>>> schema.match(["País", "Capacidad"])
({0: 'country', 1: 'capacity'}, [])
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from dpssec.boundary import Choice, Count, Flag, Model, Records, Spec, Text, example, short_repr
from dpssec.errors import InputError

__all__ = ["MISSING_MARKERS", "Column", "Schema", "header_key", "numeric_schema"]

MISSING_MARKERS = frozenset({"", "na", "n/a", "n.a.", "nd", "n.d.", "s/d", "..", "-", "—", "nan"})
"""Cell texts read as a missing value in numeric and date columns (case-insensitive)."""

_SEPARATORS = re.compile(r"[\s_\-./]+")
_SUGGESTED_FROM = 200


@example(" Año de ingreso ")
def header_key(text: str) -> str:
    """The form in which headers are compared: no accents, case-folded, separators as ``_``.

    Examples
    --------
    >>> from dpssec.io.schema import header_key
    >>> header_key(" Número de Série "), header_key("capacité")
    ('numero_de_serie', 'capacite')
    """
    given: Any = text
    if not isinstance(given, str | int) or isinstance(given, bool):
        raise InputError(f"parameter 'text' must be a header (text); got {short_repr(given)}")
    return _header_key(text)


def _header_key(text: Any) -> str:
    """:func:`header_key` of any header label (a DataFrame's may be a number)."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("\ufeff", ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", plain.strip().casefold()).strip("_")


def _names(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _header_names(value: Any, _self: Any, field: attrs.Attribute[Any]) -> Any:
    """A column's other names: one text, or a sequence of texts (kept as given)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    raise InputError(
        f"parameter {field.name!r} must be a header name or a tuple of names; got "
        f"{short_repr(value)}"
    )


def _header_tuple(value: Any, _self: Any, field: attrs.Attribute[Any]) -> tuple[str, ...]:
    """Names as a tuple: one text is one name (not its letters)."""
    return _names(_header_names(value, _self, field))


def _names_field(default: Any, *, one: bool = False) -> Any:
    """A field of header names; ``one=True`` keeps one text as given (else a tuple)."""
    convert = _header_names if one else _header_tuple
    return attrs.field(
        default=default, converter=attrs.Converter(convert, takes_self=True, takes_field=True)
    )


def _schema_name(value: Any) -> str:
    name: str = Text().convert(value, "name")
    return name


def _columns(value: Any) -> tuple[Column, ...]:
    columns: tuple[Column, ...] = Records(Column).convert(value, "columns")
    return columns


def _missing_markers(value: Any) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, set | frozenset | list | tuple):
        raise InputError(
            f"parameter 'missing' must be a set of cell texts; got {short_repr(value)}"
        )
    if not all(isinstance(v, str) for v in value):
        raise InputError(
            f"parameter 'missing': every marker must be a text; got {short_repr(value)}"
        )
    return frozenset(value)


def _builder(_instance: Any, _field: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not callable(value):
        raise InputError(
            f"parameter 'build' must be a function of the read Table, or None; got "
            f"{short_repr(value)}"
        )


@example("capacity", Count(), es="capacidad", pt="capacidade", fr="capacité")
@attrs.frozen
class Column:
    """One column of a schema.

    Attributes
    ----------
    field : str
        The field name (English): the model's attribute or the calculator's parameter.
    spec : Spec
        What a cell may hold (:mod:`dpssec.boundary`).
    es, pt, fr : str or tuple of str
        The column's name(s) in Spanish, Portuguese and French.
    aliases : tuple of str
        Other accepted names (abbreviations, older spellings).
    required : bool
        Whether the column must be present.
    description : str
        What the column holds, for the docs and for error messages.
    """

    field: str = Text().field()
    spec: Spec = Model(Spec).field()
    es: str | tuple[str, ...] = _names_field((), one=True)
    pt: str | tuple[str, ...] = _names_field((), one=True)
    fr: str | tuple[str, ...] = _names_field((), one=True)
    aliases: tuple[str, ...] = _names_field(())
    required: bool = Flag().field(default=True)
    description: str = Text(empty=True).field(default="")

    def names(self) -> tuple[str, ...]:
        """Every accepted name, the field first."""
        english = self.field.replace("_", " ")
        return (
            self.field,
            english,
            *_names(self.es),
            *_names(self.pt),
            *_names(self.fr),
            *self.aliases,
        )


@example("prisons", [Column("name", Text(), es="nombre"), Column("capacity", Count())])
@attrs.frozen
class Schema:
    """The columns of a table and how to build the domain's object from them.

    Attributes
    ----------
    name : str
        What the table is (``"prison facilities"``), for messages.
    columns : tuple of Column
    ignored : tuple of str
        Columns accepted and dropped (sources, notes).
    extra : {"error", "ignore", "keep"}
        What an unknown column does: refused with the expected columns and the closest match
        (default: a misspelt ``serial_no`` must not be lost silently), dropped, or kept as
        text in the table.
    build : callable, optional
        Turns the read :class:`~dpssec.io.Table` into the domain's object (a register, a list
        of models); :func:`~dpssec.io.read_table` returns the table itself without one.
    missing : frozenset of str
        Cell texts read as missing values.
    """

    name: str = attrs.field(converter=_schema_name)
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    ignored: tuple[str, ...] = _names_field(
        ("source", "sources", "source_url", "notes", "note", "comment")
    )
    extra: str = Choice(("error", "ignore", "keep")).field(default="error")
    build: Callable[[Any], Any] | None = attrs.field(default=None, eq=False, validator=_builder)
    missing: frozenset[str] = attrs.field(default=MISSING_MARKERS, converter=_missing_markers)

    def __repr__(self) -> str:
        fields = ", ".join(c.field + ("" if c.required else "?") for c in self.columns)
        return f"Schema({self.name!r}: {fields})"

    def column(self, field: str) -> Column:
        for column in self.columns:
            if column.field == field:
                return column
        raise KeyError(field)

    def _lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for column in self.columns:
            for name in column.names():
                key = _header_key(name)
                if table.get(key, column.field) != column.field:
                    raise TypeError(f"schema {self.name!r}: {name!r} names two columns")
                table[key] = column.field
        return table

    def match(
        self, headers: Sequence[Any], columns: Mapping[str, str] | None = None
    ) -> tuple[dict[int, str], list[str]]:
        """Map header positions to fields; return the mapping and the unknown headers.

        Raises
        ------
        InputError
            A user mapping to a field the schema does not have, two headers for one field, a
            required column missing (with the expected columns and the closest header).
        """
        lookup = self._lookup()
        fields = {c.field for c in self.columns}
        user = {_header_key(k): v for k, v in (columns or {}).items()}
        for header, field in (columns or {}).items():
            if field not in fields:
                raise InputError(
                    f"columns={{{header!r}: {field!r}}}: {self.name} has no field {field!r}; "
                    f"its fields are {', '.join(sorted(fields))}"
                )
        ignored = {_header_key(n) for n in self.ignored}
        mapping: dict[int, str] = {}
        unknown: list[str] = []
        seen: dict[str, Any] = {}
        for position, header in enumerate(headers):
            key = _header_key(header) if header is not None else ""
            found = user.get(key) or lookup.get(key)
            if found is None:
                if key and key not in ignored:
                    unknown.append(str(header))
                continue
            if found in seen:
                raise InputError(
                    f"{self.name}: columns {seen[found]!r} and {header!r} both give {found!r}; "
                    "drop one or name them with columns={...}"
                )
            seen[found] = header
            mapping[position] = found
        missing = [c.field for c in self.columns if c.required and c.field not in seen]
        if missing:
            expected = ", ".join(
                c.field + ("" if c.required else " (optional)") for c in self.columns
            )
            hints = []
            candidates = unknown[:_SUGGESTED_FROM]  # a header of thousands of cells: a sample
            for field in missing:
                names = [_header_key(n) for n in self.column(field).names()]
                close = difflib.get_close_matches(
                    _header_key(field), [_header_key(u) for u in candidates], n=1, cutoff=0.5
                ) or [
                    u
                    for u in candidates
                    if difflib.get_close_matches(_header_key(u), names, n=1, cutoff=0.6)
                ]
                if close:
                    hints.append(f"{field!r} may be the column {close[0]!r}")
            hint = (
                f" ({'; '.join(hints)}; map it with columns={{'<header>': '<field>'}})"
                if hints
                else ""
            )
            shown = [str(h)[:40] for h in headers[:20]]
            more = f" and {len(headers) - 20:,} more" if len(headers) > 20 else ""
            raise InputError(
                f"{self.name}: missing column(s) {', '.join(missing)}{hint}. Expected columns: "
                f"{expected}; found: {', '.join(shown)}{more}"
            )
        return mapping, unknown


@example("deaths", ["deaths"])
def numeric_schema(name: str, numbers: Sequence[str]) -> Schema:
    """A schema for a free-form table: the named columns are numbers (empty cells NaN), every
    other column is kept as text (grouping columns, labels).

    For the commands that let the user name the columns (``--count deaths --by region``).

    Examples
    --------
    >>> from dpssec.io import numeric_schema, read_table
    >>> table = read_table(b"region;deaths\\nNorte;1.200\\n", numeric_schema("deaths", ["deaths"]))
    >>> table.as_columns()
    {'deaths': array([1200.]), 'region': array(['Norte'], dtype=object)}
    """
    from dpssec.boundary import Names, Number

    name = Text().convert(name, "name")
    numbers = Names().convert(numbers, "numbers")  # one column name is not its letters
    return Schema(
        name,
        tuple(
            Column(n, Number(lower=None, optional=True), required=False)
            for n in dict.fromkeys(numbers)
        ),
        ignored=(),
        extra="keep",
    )
