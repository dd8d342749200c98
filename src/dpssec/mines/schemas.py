"""The mine-action tables a national authority sends, as :func:`dpssec.io.read_table` reads them.

* :data:`HAZARDOUS_AREA_SCHEMA`: one hazardous area per row (the IMSMA *Land* fields and the
  community impact a prioritisation looks at); a list of
  :class:`~dpssec.mines.HazardousArea` (``dpssec mines rank``). Areas are m² unless a unit is
  written (``1.2 ha``, ``0.5 km2``), distances m unless written (``1.2 km``);
  ``contamination`` and ``blocked_resources`` are ``;``-separated codes; an empty cell is the
  model's default (or "unknown" for a distance);
* :data:`MINE_ACTION_SCHEMA`: the member states' published mine-action figures, one row per
  state, year (or period) and metric, with the source and note; a
  :class:`~dpssec.io.Table` whose ``value`` column is split into ``number`` (NaN for a date)
  and ``date`` (NaT for a number), since the published table mixes the two.

:func:`read_areas` reads areas from a table or from JSON. Headers are read in English,
Spanish, Portuguese and French (``población afectada``, ``víctimas recientes``,
``superficie``...).

For example:

>>> from dpssec.mines.schemas import read_areas
>>> text = "id;tipo;superficie;víctimas recientes;población afectada\\n"
>>> text += "HA-1;CHA;1,5 ha;2;850\\n"
>>> [(a.id, a.area.magnitude, a.affected_population) for a in read_areas(text.encode("cp1252"))]
[('HA-1', 15000.0, 850)]
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.boundary import Area, Choice, Count, Length, Text, Year
from dpssec.countries import MemberStateCode
from dpssec.errors import InputError, SchemaError
from dpssec.io import Column, Schema, Table, column, models_from_rows, read_table
from dpssec.mines.areas import HazardousArea
from dpssec.mines.codes import AreaKind, AreaStatus
from dpssec.serialization import from_dict

__all__ = ["HAZARDOUS_AREA_SCHEMA", "MINE_ACTION_SCHEMA", "read_areas"]


def _distance(field: str, es: str, pt: str, fr: str) -> Column:
    return Column(field, Length(), es=es, pt=pt, fr=fr, required=False)


def _areas(table: Table) -> list[HazardousArea]:
    if not len(table):
        raise SchemaError(f"{table.source}: no hazardous areas in the file")
    word = table.line_word
    seen: dict[str, Any] = {}
    repeated = []
    for area_id, line in zip(table["id"], table.lines, strict=True):
        if area_id in seen:
            repeated.append(
                f"{word} {line}: id {area_id!r} repeats the id of {word} {seen[area_id]}; ids "
                "must be unique so the ranking can name each area"
            )
        seen.setdefault(area_id, line)
    if repeated:
        raise SchemaError(
            f"{table.source}: {len(repeated)} repeated id(s): " + "; ".join(repeated),
            errors=repeated,
        )
    return models_from_rows(table, HazardousArea)


HAZARDOUS_AREA_SCHEMA = Schema(
    "hazardous areas",
    (
        Column(
            "id",
            Text(),
            es=("identificador", "código", "id del área"),
            pt=("identificador", "código"),
            fr=("identifiant", "code"),
        ),
        Column(
            "kind",
            Choice(AreaKind),
            es=("tipo", "clase", "tipo de área"),
            pt=("tipo", "classe"),
            fr=("type", "classe"),
            description="SHA (indirect evidence) or CHA (direct evidence)",
        ),
        column(
            "area",
            Area(),
            aliases=("superficie", "área estimada", "estimated area"),
            description="remaining area [m²]; '1.2 ha' and '0.5 km2' are read",
        ),
        column("status", Choice(AreaStatus, optional=True), required=False),
        Column(
            "contamination",
            Text(optional=True),
            es=("contaminación", "artefactos"),
            pt=("contaminação", "artefatos"),
            fr="contamination",
            required=False,
        ),
        Column(
            "recent_victims",
            Count(),
            es=("víctimas recientes", "víctimas"),
            pt=("vítimas recentes", "vítimas"),
            fr=("victimes récentes", "victimes"),
            required=False,
        ),
        Column(
            "blocked_resources",
            Text(optional=True),
            es="recursos bloqueados",
            pt="recursos bloqueados",
            fr="ressources bloquées",
            required=False,
        ),
        Column(
            "affected_population",
            Count(),
            es=("población afectada", "población"),
            pt=("população afetada", "população"),
            fr=("population affectée", "population"),
            required=False,
        ),
        _distance(
            "distance_to_settlement",
            "distancia al poblado",
            "distância à povoação",
            "distance au village",
        ),
        _distance(
            "distance_to_road", "distancia a la vía", "distância à estrada", "distance à la route"
        ),
        _distance("distance_to_water", "distancia al agua", "distância à água", "distance à l'eau"),
        _distance(
            "distance_to_school",
            "distancia a la escuela",
            "distância à escola",
            "distance à l'école",
        ),
        column(
            "location",
            Text(optional=True),
            aliases=("municipio", "município", "commune"),
            required=False,
        ),
    ),
    build=_areas,
)
"""Hazardous areas, one per row: a list of :class:`HazardousArea`."""


def _split_values(table: Table) -> Table:
    numbers = np.full(len(table), np.nan)
    dates = np.full(len(table), np.datetime64("NaT"), dtype="datetime64[D]")
    for i, text in enumerate(table["value"]):
        cell = (text or "").strip()
        number = cell.replace(".", "").replace(",", ".") if table.decimal == "," else cell
        try:
            numbers[i] = float(number)
        except ValueError:
            with contextlib.suppress(ValueError):  # neither: kept as text in "value"
                dates[i] = np.datetime64(cell, "D")
    return Table(
        schema=table.schema,
        columns={**table.columns, "number": numbers, "date": dates},
        lines=table.lines,
        source=table.source,
        encoding=table.encoding,
        delimiter=table.delimiter,
        decimal=table.decimal,
        header=table.header,
    )


MINE_ACTION_SCHEMA = Schema(
    "mine action figures by state",
    (
        column("iso3", MemberStateCode(), aliases=("iso", "country_code", "state")),
        column(
            "year",
            Text(),
            description="a year or a period as published ('2017', '1990-2016', 'cumulative')",
        ),
        column("metric", Text(), aliases=("indicator", "indicador", "indicateur")),
        column("value", Text(), description="a number, or an ISO date for the date metrics"),
        column("unit", Text(optional=True), required=False),
        Column(
            "edition",
            Year(),
            es="edición",
            pt="edição",
            fr="édition",
            required=False,
            description="the year of the edition or update the figure was read from",
        ),
        column("source", Text(optional=True), required=False),
        column("note", Text(optional=True), aliases=("notes",), required=False),
    ),
    build=_split_values,
)
"""The member states' published mine-action figures (``mine_action_americas.csv``)."""


def read_areas(
    source: Any,
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str = "auto",
    sheet: str | int | None = None,
) -> list[HazardousArea]:
    """Read hazardous areas from a table (CSV, .xlsx, .parquet, bytes, DataFrame) or JSON.

    Parameters
    ----------
    source : path, bytes or pandas DataFrame
        A table with the :data:`HAZARDOUS_AREA_SCHEMA` columns, or a ``.json`` file holding a
        list of areas (or ``{"areas": [...]}``) in the format of :mod:`dpssec.serialization`.
    columns, encoding, sheet
        As for :func:`dpssec.io.read_table`.

    Raises
    ------
    SchemaError
        Every bad cell or row with its line (a table), or its JSON path; repeated ids.
    InputError
        A missing, unreadable, empty or binary file, or a directory.

    Examples
    --------
    >>> from dpssec.data import data_file
    >>> from dpssec.mines import read_areas
    >>> areas = read_areas(data_file("mines_hazardous_areas_synthetic.csv"))  # SYNTHETIC
    >>> len(areas), areas[0].id, areas[0].area.magnitude
    (8, 'HA-001', 12000.0)
    """
    if isinstance(source, str | Path) and str(source).lower().endswith(".json"):
        path = Path(source)
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file of areas")
        if not path.exists():
            raise InputError(f"{path}: no such file")
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InputError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{path.name}: not valid JSON: {exc}") from None
        except RecursionError:
            raise SchemaError(f"{path.name}: not valid JSON: nested too deeply") from None
        if isinstance(data, dict) and set(data) == {"areas"}:
            data = data["areas"]
        try:
            return from_dict(data, list[HazardousArea])
        except SchemaError as exc:
            raise SchemaError(f"{path.name}: {exc}", errors=exc.errors) from None
    areas: list[HazardousArea] = read_table(
        source, HAZARDOUS_AREA_SCHEMA, columns=columns, encoding=encoding, sheet=sheet
    )
    return areas
