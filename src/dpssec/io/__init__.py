"""Reading the tables ministries send: one way in for CSV, Excel, Parquet and DataFrames.

:func:`read_table` reads a file (or a DataFrame already in memory) through a :class:`Schema`:
the encoding is detected (UTF-8 with or without a byte-order mark, else Windows-1252/Latin-1 by
the maintained ``charset-normalizer``), so are the delimiter and a decimal comma; headers are
recognised in English, Spanish, Portuguese and French (or mapped with ``columns=``); every cell
is read by the same rule the calculators apply (:mod:`dpssec.boundary`), so ``"2001.0"`` is a
whole year and ``"1.2 ha"`` an area; and every problem is reported with its file, line, column
and value. Excel needs the ``xlsx`` extra (openpyxl), Parquet the ``parquet`` extra (pyarrow).

The domains define the schemas of their tables (a firearm register, prison facilities,
hazardous areas, ...); :class:`Column` and :class:`Schema` let a user describe any other table.

For example:

>>> from dpssec.boundary import Count, Text
>>> from dpssec.io import Column, Schema, read_table
>>> schema = Schema("prisons", (
...     Column("name", Text(), es="nombre", pt="nome", fr="nom"),
...     Column("capacity", Count(), es="capacidad", pt="capacidade", fr="capacité"),
... ))
>>> read_table("Nom,Capacité\\nNord,800\\n".encode("cp1252"), schema)["capacity"]
array([800.])
"""

from __future__ import annotations

from dpssec.io.build import models_from_rows, present, require_values
from dpssec.io.cells import Problem
from dpssec.io.glossary import TRANSLATIONS, column
from dpssec.io.read import MAX_PROBLEMS, read_table
from dpssec.io.schema import MISSING_MARKERS, Column, Schema, header_key, numeric_schema
from dpssec.io.sniff import decode, sniff_dialect
from dpssec.io.table import Table
from dpssec.io.text_files import csv_rows, read_text

__all__ = [
    "MAX_PROBLEMS",
    "MISSING_MARKERS",
    "Column",
    "Problem",
    "Schema",
    "TRANSLATIONS",
    "Table",
    "column",
    "csv_rows",
    "decode",
    "header_key",
    "models_from_rows",
    "numeric_schema",
    "present",
    "read_table",
    "read_text",
    "require_values",
    "sniff_dialect",
]
