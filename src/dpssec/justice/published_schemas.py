"""The OAS member states' published prison and criminal-justice figures, as read_table reads them.

* :data:`PRISONS_SCHEMA`: one row per state (``prisons.csv``): prison population, rate,
  pre-trial share, official capacity, occupancy, each with the date it refers to;
* :data:`PRISONS_LONG_SCHEMA`: one row per state, indicator and date (``prisons_long.csv``);
* :data:`CRIMINAL_JUSTICE_SCHEMA`: one row per state, indicator and year
  (``criminal_justice_extra.csv``: persons under non-custodial supervision, persons in formal
  contact for homicide, foreign prisoners' share).

Each figure keeps its source and note (where DOUBTFUL values are flagged); the dates are kept
as published (``2021``, ``2024-01 (as reported)``). Headers are read in English, Spanish,
Portuguese and French; the result is a :class:`~dpssec.io.Table`.

For example:

>>> from dpssec.data import data_file
>>> from dpssec.io import read_table
>>> from dpssec.justice.published_schemas import PRISONS_SCHEMA
>>> prisons = read_table(data_file("justice_prisons.csv"), PRISONS_SCHEMA)
>>> len(prisons), prisons["iso3"][:3].tolist(), prisons["prison_population_total"][:3]
(35, ['ATG', 'ARG', 'BHS'], array([   241., 102150.,   1912.]))
"""

from __future__ import annotations

from dpssec.boundary import Count, Number, Text, Year
from dpssec.countries import MemberStateCode
from dpssec.io import Column, Schema, column

__all__ = ["CRIMINAL_JUSTICE_SCHEMA", "PRISONS_LONG_SCHEMA", "PRISONS_SCHEMA"]

_ISO3 = column(
    "iso3",
    MemberStateCode(),
    aliases=("iso", "iso_code", "country_code", "state", "código"),
    description="the member state (ISO 3166 code)",
)
_STATE = column("country", Text(optional=True), required=False, description="its name")
_SOURCE = column("source", Text(optional=True), required=False)
_NOTE = column("note", Text(optional=True), aliases=("notes",), required=False)
_SOURCE_URL = Column(
    "source_url", Text(optional=True), es="enlace", pt="link", fr="lien", required=False
)
_INDICATOR = column("indicator", Text())
_VALUE = column("value", Number())
_UNIT = column("unit", Text(optional=True), required=False)
_WHEN = column(
    "reference_date",
    Text(optional=True),
    required=False,
    description="as published: a year, a month, a day, or a year with a remark",
)


def _when(field: str, what: str) -> Column:
    return Column(
        field,
        Text(optional=True),
        required=False,
        description=f"the date the {what} refers to, as published",
    )


PRISONS_SCHEMA = Schema(
    "prison figures by state",
    (
        _ISO3,
        _STATE,
        _WHEN,
        Column(
            "prison_population_total",
            Count(),
            es=("población penitenciaria", "población penitenciaria total"),
            pt=("população prisional", "população prisional total"),
            fr=("population carcérale", "population carcérale totale"),
            aliases=("prison population", "persons held"),
        ),
        Column(
            "prison_population_rate_per_100k",
            Number(lower=0),
            es=("tasa de población penitenciaria", "tasa por 100 000"),
            pt=("taxa de população prisional", "taxa por 100 000"),
            fr=("taux de population carcérale", "taux pour 100 000"),
            aliases=("prison population rate",),
            required=False,
        ),
        _when("rate_reference_date", "rate"),
        column("national_population", Count(), required=False),
        Column(
            "pretrial_share_pct",
            Number(lower=0, upper=100),
            es=("porcentaje en prisión preventiva", "prisión preventiva (%)"),
            pt=("percentual de presos provisórios", "presos provisórios (%)"),
            fr=("part des prévenus (%)", "détention provisoire (%)"),
            aliases=("pretrial share", "remand share"),
            required=False,
        ),
        _when("pretrial_reference_date", "pre-trial share"),
        column("official_capacity", Count(positive=True), required=False),
        _when("capacity_reference_date", "capacity"),
        Column(
            "occupancy_pct",
            Number(lower=0),
            es=("ocupación (%)", "porcentaje de ocupación", "tasa de ocupación"),
            pt=("ocupação (%)", "taxa de ocupação"),
            fr=("taux d'occupation", "occupation (%)"),
            aliases=("occupancy", "occupancy level"),
            required=False,
        ),
        _when("occupancy_reference_date", "occupancy"),
        _SOURCE,
        Column("retrieved_note", Text(optional=True), required=False),
        _NOTE,
    ),
)
"""The OAS member states' prison figures, one row per state (``prisons.csv``)."""

PRISONS_LONG_SCHEMA = Schema(
    "prison indicators by state",
    (_ISO3, _STATE, _INDICATOR, _VALUE, _UNIT, _WHEN, _SOURCE, _SOURCE_URL, _NOTE),
)
"""Published prison indicators, one row per state, indicator and date (``prisons_long.csv``)."""

CRIMINAL_JUSTICE_SCHEMA = Schema(
    "criminal justice indicators by state",
    (
        _ISO3,
        _INDICATOR,
        column("year", Year()),
        _VALUE,
        _UNIT,
        _SOURCE,
        _SOURCE_URL,
        _NOTE,
    ),
)
"""Published criminal-justice indicators, one row per state, indicator and year
(``criminal_justice_extra.csv``: persons under non-custodial supervision, in formal contact,
foreign prisoners' share)."""
