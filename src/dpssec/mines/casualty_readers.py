"""Reading casualty records, casualty tables, victims and EORE sessions from files (readers).

The tables go through the data-exchange layer (:func:`dpssec.io.read_table`): CSV (encoding,
delimiter and decimal comma detected), Excel, Parquet or a pandas DataFrame, with headers in
English, Spanish, Portuguese or French, and every bad cell reported at once with its line,
column and value. The schemas:

* :data:`CASUALTY_SCHEMA` (:func:`read_casualties`): one row per casualty with its accident's
  columns (rows of one accident repeat them); JSON ``{"accidents": [...], "casualties": [...]}``
  is read as well; gives the accidents and the casualties;
* :data:`CASUALTY_TABLE_SCHEMA` (:func:`read_casualty_table`): a published table (one row per
  year, country...) with ``killed``, ``injured`` and optionally ``unknown_outcome``, ``total``,
  the status and age splits; gives the arguments of
  :func:`~dpssec.mines.casualty_counts.summarise_casualty_counts`;
* :data:`SESSION_SCHEMA` (:func:`read_sessions`): EORE sessions, one per row
  (``attendances_girls`` ... ``unique_men``), or JSON;
* :func:`read_victims`: victims with their assistance (JSON, nested).

A cell the rules refuse (an age of 130, an unknown outcome, a date such as 2019-02-30) is a
problem of its line and column; a row whose cells are each fine but impossible together (an
accident described differently by two rows, unique persons above attendances, groups that do not
add up to the total) is refused with its line too, all in one
:class:`~dpssec.errors.SchemaError`. Lines starting with ``#`` are comments; ``source`` and
``note`` columns are dropped.

For example:

>>> from dpssec.mines.casualty_readers import read_casualties
>>> text = ("fecha,accidente,tipo de artefacto,estado,condición,edad\\n"
...         "2019-02-03,A-1,MUSE,herido,civil,9\\n"
...         "2019-02-03,A-1,MUSE,muerto,Fuerza Pública,35\\n")
>>> accidents, people = read_casualties(text.encode())
>>> len(accidents), [(c.outcome.value, c.status.value) for c in people]
(1, [('injured', 'civilian'), ('killed', 'military')])
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from dpssec.boundary import Choice, Count, Date, Flag, Number, Text
from dpssec.errors import DpssecError, InputError, SchemaError
from dpssec.io import Column, Schema, Table, read_table
from dpssec.mines.casualty_models import (
    Accident,
    AgeGroup,
    Casualty,
    DeviceType,
    Outcome,
    Sex,
    Status,
)
from dpssec.mines.eore_models import Beneficiaries, EORESession
from dpssec.mines.victim_models import Victim
from dpssec.serialization import from_dict

__all__ = [
    "CASUALTY_SCHEMA",
    "CASUALTY_TABLE_SCHEMA",
    "SESSION_SCHEMA",
    "read_casualties",
    "read_casualty_table",
    "read_sessions",
    "read_victims",
]

_ACCIDENT_COLUMNS = (
    Column(
        "accident_id",
        Text(),
        es="accidente",
        pt="acidente",
        fr="accident",
        description="the accident's id",
    ),
    Column("date", Date(), es="fecha", pt="data", fr="date", description="day of the accident"),
    Column(
        "device_type",
        Choice(DeviceType, optional=True),
        es="tipo de artefacto",
        pt="tipo de artefato",
        fr="type d'engin",
        required=False,
    ),
    Column("country", Text(optional=True), es="país", fr="pays", required=False),
    Column("department", Text(optional=True), es="departamento", fr="département", required=False),
    Column(
        "municipality",
        Text(optional=True),
        es="municipio",
        pt="município",
        fr="commune",
        required=False,
    ),
    Column("place", Text(optional=True), es="lugar", pt="local", fr="lieu", required=False),
    Column("latitude", Number(lower=-90, upper=90), es="latitud", required=False),
    Column("longitude", Number(lower=-180, upper=180), es="longitud", required=False),
    Column(
        "activity",
        Text(optional=True),
        es="actividad",
        pt="atividade",
        fr="activité",
        required=False,
    ),
    Column(
        "tampering",
        Flag(optional=True),
        es="manipulación",
        pt="manipulação",
        fr="manipulation",
        required=False,
    ),
    Column(
        "demining",
        Flag(optional=True),
        es="desminado",
        pt="desminagem",
        fr="déminage",
        required=False,
    ),
)
_CASUALTY_COLUMNS = (
    Column(
        "casualty_id",
        Text(optional=True),
        es="id persona",
        pt="id pessoa",
        fr="id personne",
        required=False,
    ),
    Column(
        "outcome",
        Choice(Outcome),
        es="estado",
        pt="desfecho",
        fr="issue",
        description="killed, injured or unknown",
    ),
    Column(
        "status",
        Choice(Status),
        es="condición",
        pt="condição",
        fr="statut",
        description="civilian, military, deminer or unknown",
    ),
    Column("sex", Choice(Sex, optional=True), es="sexo", fr="sexe", required=False),
    Column("age", Number(lower=0, upper=120), es="edad", pt="idade", fr="âge", required=False),
    Column(
        "age_group",
        Choice(AgeGroup, optional=True),
        es="grupo de edad",
        pt="faixa etária",
        fr="groupe d'âge",
        required=False,
    ),
)


def _value(value: Any) -> Any:
    """None for a missing cell (NaN, NaT, None), else the value."""
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    return value


def _problems(name: str, what: str, errors: list[str]) -> SchemaError:
    return SchemaError(
        f"{name}: {len(errors)} bad row(s) of {what}: " + "; ".join(errors), errors=errors
    )


def _build_casualties(table: Table) -> tuple[list[Accident], list[Casualty]]:
    accident_fields = [c.field for c in _ACCIDENT_COLUMNS]
    casualty_fields = [c.field for c in _CASUALTY_COLUMNS]
    accidents: dict[str, tuple[Accident, Any]] = {}
    casualties: list[Casualty] = []
    errors: list[str] = []
    for line, row in zip(table.lines.tolist(), table.rows(), strict=True):
        try:
            fields = {k: _value(row.get(k)) for k in accident_fields}
            fields = {
                ("id" if k == "accident_id" else k): v for k, v in fields.items() if v is not None
            }
            accident = Accident(**fields)
            earlier = accidents.get(accident.id)
            if earlier is not None and earlier[0] != accident:
                raise InputError(
                    f"accident {accident.id!r} is described differently than on line {earlier[1]}"
                )
            accidents.setdefault(accident.id, (accident, line))
            person = {k: _value(row.get(k)) for k in casualty_fields}
            person = {
                ("id" if k == "casualty_id" else k): v for k, v in person.items() if v is not None
            }
            casualties.append(Casualty(accidents[accident.id][0], **person))
        except (DpssecError, TypeError, ValueError) as exc:
            errors.append(f"line {line}: {exc}")
    if errors:
        raise _problems(table.source, "casualty records", errors)
    return [a for a, _ in accidents.values()], casualties


CASUALTY_SCHEMA = Schema(
    "casualty records",
    _ACCIDENT_COLUMNS + _CASUALTY_COLUMNS,
    build=_build_casualties,
)
"""One row per casualty, with its accident's columns (required: ``accident_id``, ``date``,
``outcome``, ``status``); Spanish headers as in Colombian statistics (*estado*, *condición*)."""


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"{name}: not valid JSON: {exc}") from None


def _is_json(source: Any) -> bool:
    return isinstance(source, str | Path) and Path(source).suffix.lower() == ".json"


def read_casualties(source: Any, **options: Any) -> tuple[list[Accident], list[Casualty]]:
    """Read accidents and casualties: a table of :data:`CASUALTY_SCHEMA` or a JSON file.

    Parameters
    ----------
    source : path, bytes, file object or pandas DataFrame
        A CSV, Excel or Parquet table (one casualty per row), or a ``.json`` file
        ``{"accidents": [...], "casualties": [...]}`` in the format of
        :mod:`dpssec.serialization` (casualties naming their accident by id or embedding it).
    **options
        ``columns``, ``encoding`` and ``sheet``, as for :func:`dpssec.io.read_table`.

    Returns
    -------
    (accidents, casualties)

    Raises
    ------
    SchemaError
        Every bad cell or row with its line (and column); bad JSON with its path.
    InputError
        A missing or unreadable file, a missing or unknown column.

    Examples
    --------
    >>> from dpssec.data import data_file
    >>> from dpssec.mines.casualty_readers import read_casualties
    >>> accidents, people = read_casualties(data_file("mines_casualties_synthetic.csv"))
    >>> len(people) > len(accidents) > 0
    True
    """
    if _is_json(source):
        file = Path(source)
        data = _json(file.read_text(encoding="utf-8"), file.name)
        if not isinstance(data, dict) or not set(data) <= {"accidents", "casualties"}:
            raise SchemaError(
                f"{file.name}: expected an object with 'accidents' and 'casualties' lists"
            )
        accidents = from_dict(data.get("accidents", []), list[Accident])
        casualties = from_dict(data.get("casualties", []), list[Casualty])
        return accidents, casualties
    result: tuple[list[Accident], list[Casualty]] = read_table(source, CASUALTY_SCHEMA, **options)
    return result


_TABLE_FIELDS = (
    "killed",
    "injured",
    "unknown_outcome",
    "total",
    "civilian",
    "military",
    "deminer",
    "unknown_status",
    "children",
    "adults",
    "unknown_age",
)
_TABLE_NAMES = {
    "killed": ("muertos", "mortos", "tués"),
    "injured": ("heridos", "feridos", "blessés"),
    "unknown_outcome": ("estado desconocido", "desfecho desconhecido", "issue inconnue"),
    "total": ("total", "total", "total"),
    "civilian": ("civiles", "civis", "civils"),
    "military": ("fuerza pública", "militares", "militaires"),
    "deminer": ("desminadores", "desminadores", "démineurs"),
    "unknown_status": ("condición desconocida", "condição desconhecida", "statut inconnu"),
    "children": ("menores de edad", "crianças", "enfants"),
    "adults": ("adultos", "adultos", "adultes"),
    "unknown_age": ("edad desconocida", "idade desconhecida", "âge inconnu"),
}


_TABLE_ALIASES = {
    # beside killed and injured, a bare "unknown" is the outcome not known (the Monitor's
    # killed / injured / unknown columns)
    "unknown_outcome": ("unknown", "desconocido", "desconhecido", "inconnu"),
}


def _build_table(table: Table) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for field in _TABLE_FIELDS:
        if field in table.columns and not np.isnan(table[field]).all():
            columns["reported_total" if field == "total" else field] = np.array(table[field])
    labels = table.columns.get("label")
    columns["labels"] = [
        str(label) if label is not None else f"line {line}"
        for label, line in zip(
            labels if labels is not None else [None] * len(table),
            table.lines.tolist(),
            strict=True,
        )
    ]
    return columns


CASUALTY_TABLE_SCHEMA = Schema(
    "casualty table",
    (
        Column(
            "label",
            Text(optional=True),
            es=("año", "etiqueta"),
            pt=("ano", "rótulo"),
            fr=("année", "étiquette"),
            aliases=("year",),
            required=False,
        ),
        *(
            Column(
                field,
                Count(),
                es=es,
                pt=pt,
                fr=fr,
                aliases=_TABLE_ALIASES.get(field, ()),
                required=field in ("killed", "injured"),
            )
            for field, (es, pt, fr) in _TABLE_NAMES.items()
        ),
    ),
    build=_build_table,
)
"""A published casualty table: ``killed`` and ``injured`` required; ``label`` (or ``year``) names
the rows; ``unknown`` is read as ``unknown_outcome``; an empty cell is a figure not published
(NaN)."""


def read_casualty_table(source: Any, **options: Any) -> dict[str, Any]:
    """Read a published casualty table (one row per year, country, department...).

    Parameters
    ----------
    source : path, bytes, file object or pandas DataFrame
        A table of :data:`CASUALTY_TABLE_SCHEMA`.
    **options
        ``columns``, ``encoding`` and ``sheet``, as for :func:`dpssec.io.read_table`.

    Returns
    -------
    dict
        Keyword arguments for :func:`~dpssec.mines.casualty_counts.summarise_casualty_counts`
        (``total`` becomes ``reported_total``; a column empty in every row is left out; a
        column with some empty cells holds NaN there, to be summarised with
        ``nan_policy="propagate"``).

    Raises
    ------
    SchemaError
        Cells that are not whole numbers >= 0, with their line and column.
    InputError
        A missing ``killed`` or ``injured`` column, an unknown column, an unreadable file.

    Examples
    --------
    >>> from dpssec.mines.casualty_readers import read_casualty_table
    >>> table = read_casualty_table(b"year,killed,injured,unknown_outcome,total\\n"
    ...                             b"2018,3059,3837,1,6897\\n")
    >>> table["reported_total"].tolist(), table["labels"]
    ([6897.0], ['2018'])
    """
    result: dict[str, Any] = read_table(source, CASUALTY_TABLE_SCHEMA, **options)
    return result


_GROUPS = ("girls", "boys", "women", "men", "unknown")
_GROUP_NAMES = {
    "girls": ("niñas", "meninas", "filles"),
    "boys": ("niños", "meninos", "garçons"),
    "women": ("mujeres", "mulheres", "femmes"),
    "men": ("hombres", "homens", "hommes"),
    "unknown": ("sin desagregar", "sem desagregação", "non ventilé"),
    "total": ("total", "total", "total"),
}
_PREFIXES = {
    "attendances": ("asistencias", "presenças", "présences"),
    "unique": ("personas únicas", "pessoas únicas", "personnes uniques"),
}


def _beneficiary_columns(prefix: str) -> tuple[Column, ...]:
    es, pt, fr = _PREFIXES[prefix]
    return tuple(
        Column(
            f"{prefix}_{group}",
            Count(),
            es=f"{es} {names[0]}",
            pt=f"{pt} {names[1]}",
            fr=f"{fr} {names[2]}",
            required=False,
        )
        for group, names in _GROUP_NAMES.items()
    )


_SESSION_TEXT = (
    Column(
        "organisation",
        Text(optional=True),
        es="organización",
        pt="organização",
        fr="organisation",
        aliases=("organization",),
        required=False,
    ),
    Column(
        "delivery_method",
        Text(optional=True),
        es="metodología",
        pt="metodologia",
        fr="méthode",
        required=False,
    ),
    Column(
        "audience", Text(optional=True), es="público", pt="público", fr="public", required=False
    ),
    Column("country", Text(optional=True), es="país", fr="pays", required=False),
    Column("department", Text(optional=True), es="departamento", fr="département", required=False),
    Column(
        "municipality",
        Text(optional=True),
        es="municipio",
        pt="município",
        fr="commune",
        required=False,
    ),
    Column("place", Text(optional=True), es="lugar", pt="local", fr="lieu", required=False),
)


def _counts(row: dict[str, Any], prefix: str) -> Beneficiaries | None:
    values = {g: _value(row.get(f"{prefix}_{g}")) for g in (*_GROUPS, "total")}
    if all(v is None for v in values.values()):
        return None
    total = values.pop("total")
    counts: dict[str, Any] = {g: int(v) for g, v in values.items() if v is not None}
    if total is not None:
        counts["reported_total"] = int(total)
        if not counts.keys() - {"reported_total"}:  # a total alone: not disaggregated
            counts["unknown"] = int(total)
    return Beneficiaries(**counts)


def _build_sessions(table: Table) -> list[EORESession]:
    sessions: list[EORESession] = []
    errors: list[str] = []
    text = [c.field for c in _SESSION_TEXT]
    for line, row in zip(table.lines.tolist(), table.rows(), strict=True):
        try:
            attendances = _counts(row, "attendances")
            if attendances is None:
                raise InputError("no attendances given")
            fields = {k: row[k] for k in text if _value(row.get(k)) is not None}
            sessions.append(
                EORESession(
                    row["id"],
                    row["date"],
                    attendances,
                    unique_persons=_counts(row, "unique"),
                    **fields,
                )
            )
        except (DpssecError, TypeError, ValueError) as exc:
            errors.append(f"line {line} (id {row.get('id')!r}): {exc}")
    if errors:
        raise _problems(table.source, "EORE sessions", errors)
    return sessions


SESSION_SCHEMA = Schema(
    "EORE sessions",
    (
        Column("id", Text(), es="id sesión", pt="id sessão", fr="id séance"),
        Column("date", Date(), es="fecha", pt="data", fr="date"),
        *_SESSION_TEXT,
        *_beneficiary_columns("attendances"),
        *_beneficiary_columns("unique"),
    ),
    build=_build_sessions,
)
"""One session per row: ``id``, ``date``, and attendances by group (``attendances_girls`` ...
``attendances_unknown``, ``attendances_total``; a total alone means "not disaggregated"), the
same with ``unique_`` where first-time attendees are tracked."""


def read_sessions(source: Any) -> list[EORESession]:
    """Read EORE sessions: a table of :data:`SESSION_SCHEMA`, or a JSON list of sessions.

    Parameters
    ----------
    source : path, bytes, file object or pandas DataFrame

    Returns
    -------
    list of EORESession

    Raises
    ------
    SchemaError
        Every bad cell or row with its line: groups that do not add up to the total, unique
        persons above attendances, a row without attendances.
    InputError
        A missing or unreadable file, a missing or unknown column.

    Examples
    --------
    >>> from dpssec.data import data_file
    >>> from dpssec.mines.casualty_readers import read_sessions
    >>> sessions = read_sessions(str(data_file("mines_eore_sessions_synthetic.csv")))
    >>> sessions[0].attendances.total >= sessions[0].unique_persons.total
    True
    """
    if _is_json(source):
        file = Path(source)
        return from_dict(_json(file.read_text(encoding="utf-8"), file.name), list[EORESession])
    result: list[EORESession] = read_table(source, SESSION_SCHEMA)
    return result


def read_victims(path: str | Path) -> list[Victim]:
    """Read victims with their needs and assistance from a JSON list.

    Raises
    ------
    SchemaError
        Bad JSON or a bad victim, with its JSON path (``$[3].assistance[0].date``).

    Examples
    --------
    >>> from dpssec.data import data_file
    >>> from dpssec.mines.casualty_readers import read_victims
    >>> victims = read_victims(str(data_file("mines_victims_synthetic.json")))
    >>> victims[0].kind.value in ("survivor", "family_member", "community_member")
    True
    """
    file = Path(path)
    data = _json(file.read_text(encoding="utf-8"), file.name)
    return from_dict(data, list[Victim])
