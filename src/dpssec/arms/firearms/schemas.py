"""The firearms tables a ministry sends, as :func:`dpssec.io.read_table` reads them.

* :data:`REGISTER_SCHEMA`: a register or a physical count, one weapon per row; gives a
  :class:`~dpssec.arms.firearms.FirearmRegister` (every bad row reported with its row and file
  line, checked as a whole column by :meth:`FirearmRegister.from_columns`);
* :data:`RETENTION_SCHEMA`: records (id, kind, creation date) for ``dpssec arms retention``;
  a :class:`~dpssec.io.Table`.

Headers are read in English, Spanish, Portuguese and French (``número de serie``,
``fabricante``, ``numéro de série``, ``fabricant``), the file in any usual encoding, delimiter
and decimal mark, or as Excel, Parquet or a DataFrame; years may be written ``2001`` or
``2001.0`` (a column that went through pandas).

For example:

>>> from dpssec.io import read_table
>>> from dpssec.arms.firearms.schemas import REGISTER_SCHEMA
>>> text = "Número de serie;Fabricante;Modelo;País de fabricación;Año de fabricación\\n"
>>> text += "TA-40114;Taurus;PT92;Brasil;2009.0\\n"
>>> register = read_table(text.encode("cp1252"), REGISTER_SCHEMA)
>>> register.record(0).country_of_manufacture, register.record(0).year_of_manufacture
('BRA', 2009)
"""

from __future__ import annotations

from typing import Any

import attrs

from dpssec.arms.firearms.register import FirearmRegister
from dpssec.arms.firearms.retention import RecordKind
from dpssec.boundary import Choice, Date, Text
from dpssec.errors import SchemaError
from dpssec.io import Column, Schema, Table, column

__all__ = ["REGISTER_SCHEMA", "RETENTION_SCHEMA", "YearText", "register_from_table"]

_TEXT = Text(optional=True)


@attrs.frozen(kw_only=True)
class YearText(Text):
    """A year cell as text (``2001``, ``"2001.0"``, empty), read as the register reads it:
    whole and plausible years are checked over the whole column with every bad row listed."""

    def scalar(self, value: Any, name: str) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return None if value != value else f"{value:g}"
        return super().scalar(value, name)


_YEAR = YearText(optional=True)


def register_from_table(table: Table) -> FirearmRegister:
    """The register of a table read with :data:`REGISTER_SCHEMA` (checked as a whole).

    Raises
    ------
    SchemaError
        A table without rows ("register has no records": reconciling it would report every
        counted weapon as unregistered), and every bad row with its row and file line.
    """
    if not len(table):
        raise SchemaError(f"{table.source}: register has no records (a header row only)")
    columns = {
        name: ["" if v is None else str(v) for v in values] if values.dtype.kind == "O" else values
        for name, values in table.columns.items()
    }
    lines = table.lines if table.line_word == "line" else None
    return FirearmRegister.from_columns(**columns, lines=lines, source=table.source)


REGISTER_SCHEMA = Schema(
    "register",
    (
        column(
            "serial_number",
            _TEXT,
            aliases=("serial", "serial number", "número de serie del arma", "n° de série"),
        ),
        column("manufacturer", _TEXT, aliases=("make", "maker", "marca", "marque")),
        column("model", _TEXT, required=False),
        column("calibre", _TEXT, aliases=("caliber", "calibre nominal"), required=False),
        Column(
            "country_of_manufacture",
            _TEXT,
            es=("país de fabricación", "país de origen"),
            pt=("país de fabricação", "país de origem"),
            fr=("pays de fabrication", "pays d'origine"),
            required=False,
        ),
        Column(
            "year_of_manufacture",
            _YEAR,
            es="año de fabricación",
            pt="ano de fabricação",
            fr="année de fabrication",
            required=False,
        ),
        Column(
            "import_country",
            _TEXT,
            es="país de importación",
            pt="país de importação",
            fr="pays d'importation",
            required=False,
        ),
        Column(
            "import_year",
            _YEAR,
            es="año de importación",
            pt="ano de importação",
            fr="année d'importation",
            required=False,
        ),
        column("status", _TEXT, required=False),
        column("location", _TEXT, aliases=("depósito", "depot", "dépôt"), required=False),
    ),
    build=register_from_table,
)
"""A firearm register or count sheet: a :class:`FirearmRegister`."""

RETENTION_SCHEMA = Schema(
    "records",
    (
        Column(
            "record_id",
            Text(),
            es=("registro", "id del registro"),
            pt=("registro", "id do registro"),
            fr=("registre", "identifiant"),
            aliases=("id", "record"),
        ),
        Column(
            "record_kind",
            Choice(RecordKind),
            es=("tipo de registro", "tipo"),
            pt=("tipo de registro", "tipo"),
            fr=("type de registre", "type"),
            aliases=("kind",),
        ),
        Column(
            "created",
            Date(),
            es=("fecha de creación", "creado"),
            pt=("data de criação", "criado"),
            fr=("date de création", "créé"),
            aliases=("date",),
        ),
    ),
)
"""Records to keep or destroy: id, kind and creation date, one per row."""
