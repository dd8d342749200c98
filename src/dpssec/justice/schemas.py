"""The justice tables a ministry or the observatory sends, as :func:`dpssec.io.read_table` reads them.

Every schema names its columns in English, Spanish, Portuguese and French (``population`` /
``población`` / ``população``; ``capacity`` / ``capacidad`` / ``capacidade`` / ``capacité``),
accepts the usual synonyms (``cupo``, ``plazas``, ``internos``), and reads a CSV in any of the
usual encodings and dialects, an Excel sheet, a Parquet file or a pandas DataFrame:

* :data:`OCCUPANCY_SCHEMA`: facility, population, capacity (``dpssec justice occupancy``);
  a :class:`~dpssec.io.Table`;
* :data:`FACILITY_SCHEMA`: the same with the state and the reference date, and optionally the
  unsentenced and sentenced counts; a list of :class:`~dpssec.justice.PrisonFacility`;
* :data:`CELL_SCHEMA`: cells (floor area, occupants, sanitary annexe, walls, ceiling); a list of
  :class:`~dpssec.justice.Cell` (``dpssec justice cells``);
* :data:`RELEASE_COHORT_SCHEMA`: release, event and follow-up dates per person, with a group;
  a dict of :class:`~dpssec.justice.ReleaseCohort` (``dpssec justice recidivism``);
* :data:`CASES_SCHEMA`, :data:`PRETRIAL_SCHEMA`: court cases (filing and disposal dates) and
  pre-trial detention spells, one per row; a :class:`~dpssec.io.Table`.

The member states' published prison and criminal-justice figures are read with the schemas of
:mod:`dpssec.justice.published_schemas`.

For example:

>>> from dpssec.io import read_table
>>> from dpssec.justice.schemas import OCCUPANCY_SCHEMA
>>> text = "Unidad;Internos;Cupo\\nCentro Norte;1.180;900\\n".encode("cp1252")
>>> read_table(text, OCCUPANCY_SCHEMA)["population"]
array([1180.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Area, Count, Date, Flag, Length, Text
from dpssec.countries import MemberStateCode
from dpssec.errors import InputError, SchemaError
from dpssec.io import Column, Schema, Table, column, models_from_rows
from dpssec.justice.cohort import CohortRowError, RecidivismMeasure, ReleaseCohort, as_measure
from dpssec.justice.facility import Cell, PrisonFacility

__all__ = [
    "CASES_SCHEMA",
    "CELL_SCHEMA",
    "FACILITY_SCHEMA",
    "OCCUPANCY_SCHEMA",
    "PRETRIAL_SCHEMA",
    "RELEASE_COHORT_SCHEMA",
    "cohorts_from_table",
]

_FACILITY_NAME = column(
    "name",
    Text(),
    aliases=(
        "facility",
        "prison",
        "establecimiento",
        "establecimiento penitenciario",
        "unidad",
        "unidad penal",
        "centro penitenciario",
        "penal",
        "estabelecimento",
        "estabelecimento prisional",
        "unidade prisional",
        "établissement",
        "établissement pénitentiaire",
        "prison",
    ),
    description="the facility",
)
_POPULATION = column(
    "population",
    Count(),
    aliases=(
        "prison population",
        "persons held",
        "inmates",
        "población penitenciaria",
        "población privada de libertad",
        "personas privadas de libertad",
        "internos",
        "reclusos",
        "presos",
        "população prisional",
        "pessoas presas",
        "détenus",
        "population carcérale",
        "population détenue",
    ),
    description="persons held on the reference date [persons]",
)
_CAPACITY = column(
    "capacity",
    Count(positive=True),
    aliases=(
        "official_capacity",
        "official capacity",
        "places",
        "cupo",
        "cupos",
        "plazas",
        "vagas",
        "places disponibles",
    ),
    description="official capacity [places]",
)

OCCUPANCY_SCHEMA = Schema(
    "prison facilities",
    (
        _FACILITY_NAME,
        _POPULATION,
        _CAPACITY,
        column("country", MemberStateCode(optional=True), required=False),
        column("reference_date", Date(), required=False),
    ),
)
"""Facility, population and capacity, one row per facility; read as a Table."""


def _facilities(table: Table) -> list[PrisonFacility]:
    return models_from_rows(table, PrisonFacility, fields={"capacity": "official_capacity"})


FACILITY_SCHEMA = Schema(
    "prison facilities",
    (
        _FACILITY_NAME,
        column("country", MemberStateCode(), aliases=("iso3", "state", "estado")),
        column("reference_date", Date()),
        _CAPACITY,
        _POPULATION,
        Column(
            "unsentenced",
            Count(),
            es=("sin condena", "procesados", "prisión preventiva"),
            pt=("sem condenação", "presos provisórios"),
            fr=("prévenus", "non condamnés"),
            aliases=("pretrial", "remand", "unsentenced detainees"),
            required=False,
        ),
        Column(
            "sentenced",
            Count(),
            es=("condenados", "con condena"),
            pt="condenados",
            fr="condamnés",
            required=False,
        ),
        Column(
            "awaiting_appeal",
            Count(),
            es="en apelación",
            pt="aguardando recurso",
            fr="en appel",
            required=False,
        ),
    ),
    build=_facilities,
)
"""Facilities with their state and date: a list of :class:`PrisonFacility`."""


def _cells(table: Table) -> list[Cell]:
    return models_from_rows(table, Cell)


CELL_SCHEMA = Schema(
    "cells",
    (
        Column("name", Text(), es=("celda", "nombre"), pt=("cela", "nome"), fr=("cellule", "nom")),
        Column(
            "floor_area",
            Area(positive=True),
            es=("superficie", "área", "superficie de la celda"),
            pt=("área", "área da cela"),
            fr=("surface", "surface de la cellule"),
            aliases=("area",),
            description="floor area with the sanitary annexe [m²]; '9 m2' is read",
        ),
        Column(
            "occupants",
            Count(),
            es=("ocupantes", "internos"),
            pt="ocupantes",
            fr="occupants",
            aliases=("persons",),
        ),
        Column(
            "sanitary_area",
            Area(),
            es=("área sanitaria", "superficie sanitaria"),
            pt="área sanitária",
            fr="surface sanitaire",
            required=False,
        ),
        Column(
            "sanitary_partitioned",
            Flag(optional=True),
            es="sanitario separado",
            pt="sanitário separado",
            fr="sanitaire cloisonné",
            required=False,
        ),
        Column(
            "min_wall_distance",
            Length(positive=True),
            es="distancia entre paredes",
            pt="distância entre paredes",
            fr="distance entre murs",
            required=False,
        ),
        Column(
            "ceiling_height",
            Length(positive=True),
            es="altura del techo",
            pt="pé-direito",
            fr="hauteur sous plafond",
            required=False,
        ),
    ),
    build=_cells,
)
"""Cells of a facility: a list of :class:`Cell`."""


_PERSON = Column(
    "person",
    Text(optional=True),
    es=("persona", "id"),
    pt=("pessoa", "id"),
    fr=("personne", "identifiant"),
    aliases=("person_id", "id"),
    required=False,
    description="an identifier of the person (kept, not used)",
)


def cohorts_from_table(
    table: Table,
    *,
    follow_up_end: Any = None,
    measure: RecidivismMeasure | str = "arrest",
    grouped: bool = True,
) -> dict[str, ReleaseCohort]:
    """Release cohorts, one per group, from a table read with :data:`RELEASE_COHORT_SCHEMA`.

    Parameters
    ----------
    table : Table
    follow_up_end : date, optional
        One end of follow-up for everybody, when the table has no ``follow_up_end`` column.
    measure : RecidivismMeasure or str
        The event definition.
    grouped : bool
        One cohort per value of the ``group`` column (default), or one cohort ``"all"``.

    Raises
    ------
    SchemaError
        No end of follow-up (neither column nor ``follow_up_end``), or no rows.
    InputError
        Dates out of order, with the line of the file.
    """
    if "follow_up_end" not in table.columns and follow_up_end is None:
        raise SchemaError(
            f"{table.source}: no follow_up_end column; add one or give the end of follow-up "
            "for everybody (follow_up_end=, or --end on the command line)"
        )
    if not len(table):
        raise SchemaError(f"{table.source}: no data rows", errors=["no data rows"])
    groups = table.columns.get("group") if grouped else None
    labels = (
        np.array(["all" if g is None else str(g) for g in groups], dtype=object)
        if groups is not None
        else np.full(len(table), "all", dtype=object)
    )
    chosen = as_measure(measure)
    cohorts: dict[str, ReleaseCohort] = {}
    for key in dict.fromkeys(labels.tolist()):
        rows = np.flatnonzero(labels == key)
        end = (
            follow_up_end
            if follow_up_end is not None and "follow_up_end" not in table.columns
            else table["follow_up_end"][rows]
        )
        try:
            cohorts[key] = ReleaseCohort(
                table["release_date"][rows], table["event_date"][rows], end, chosen, key
            )
        except CohortRowError as exc:
            raise InputError(
                f"{table.source}: line {table.lines[rows[exc.row]]}: {exc.detail}"
            ) from None
    return cohorts


RELEASE_COHORT_SCHEMA = Schema(
    "release cohort",
    (
        _PERSON,
        Column(
            "release_date",
            Date(),
            es=("fecha de egreso", "fecha de liberación", "egreso"),
            pt=("data de soltura", "data de saída"),
            fr=("date de libération", "libération"),
            aliases=("released", "release"),
        ),
        Column(
            "event_date",
            Date(),
            es=("fecha del evento", "fecha de reincidencia"),
            pt=("data do evento", "data de reincidência"),
            fr=("date de l'événement", "date de récidive"),
            aliases=("event",),
            description="the day of the recidivism event; empty when none was seen",
        ),
        Column(
            "follow_up_end",
            Date(),
            es=("fin del seguimiento", "fin de seguimiento"),
            pt=("fim do seguimento", "fim do acompanhamento"),
            fr="fin du suivi",
            required=False,
        ),
        column(
            "group",
            Text(optional=True),
            aliases=("programme", "program", "programa"),
            required=False,
        ),
    ),
    build=cohorts_from_table,
)
"""Release cohorts: a dict of :class:`ReleaseCohort` by group (measure: arrest)."""

CASES_SCHEMA = Schema(
    "court cases",
    (
        Column(
            "case",
            Text(optional=True),
            es=("expediente", "causa", "caso"),
            pt=("processo", "caso"),
            fr=("affaire", "dossier"),
            aliases=("case_id", "id"),
            required=False,
        ),
        Column(
            "filed",
            Date(),
            es=("fecha de ingreso", "ingreso"),
            pt=("data de distribuição", "distribuição"),
            fr=("date d'introduction", "introduction"),
            aliases=("filing_date", "opened"),
        ),
        Column(
            "disposed",
            Date(),
            es=("fecha de resolución", "resolución", "terminado"),
            pt=("data de julgamento", "julgamento", "baixa"),
            fr=("date de décision", "décision", "terminée"),
            aliases=("disposition_date", "closed"),
            description="empty while the case is pending",
        ),
        column("category", Text(optional=True), required=False),
    ),
)
"""Court cases, one per row: filing date and disposal date (empty while pending)."""

PRETRIAL_SCHEMA = Schema(
    "pre-trial detention records",
    (
        _PERSON,
        Column(
            "admitted",
            Date(),
            es=("fecha de ingreso", "ingreso"),
            pt=("data de entrada", "entrada"),
            fr=("date d'entrée", "entrée"),
            aliases=("admission", "admission_date"),
        ),
        Column(
            "ended",
            Date(),
            es=("fecha de egreso", "egreso", "fin"),
            pt=("data de saída", "saída"),
            fr=("date de sortie", "sortie"),
            aliases=("end", "released"),
            description="the end of pre-trial detention; empty while still held",
        ),
        Column(
            "facility",
            Text(optional=True),
            es=("establecimiento", "unidad"),
            pt=("estabelecimento", "unidade"),
            fr="établissement",
            aliases=("group",),
            required=False,
        ),
    ),
)
"""Pre-trial detention spells, one per row (for :func:`~dpssec.justice.pretrial_detention_length`)."""
