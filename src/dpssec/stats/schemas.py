"""The tables the shared statistics read, as :func:`dpssec.io.read_table` reads them.

* :data:`EVENT_COUNTS_SCHEMA`: events (victims, cases) by member state and year, with the
  published rate and population when given and the series, source and note of each figure
  (the layout of the observatory's homicide table); a :class:`~dpssec.io.Table`;
* :data:`SURVIVAL_SCHEMA`: one person per row with the time observed, whether the event
  happened and an optional group (for :func:`~dpssec.stats.kaplan_meier` and
  :func:`~dpssec.stats.logrank_test`); a :class:`~dpssec.io.Table`.

Headers are read in English, Spanish, Portuguese and French.

For example:

>>> from dpssec.data import data_file
>>> from dpssec.io import read_table
>>> from dpssec.stats.schemas import SURVIVAL_SCHEMA
>>> table = read_table(data_file("stats_aml.csv"), SURVIVAL_SCHEMA)
>>> len(table), table["duration"][:3], table["event"][:3]
(23, array([ 9., 13., 13.]), array([1., 1., 0.]))
"""

from __future__ import annotations

from dpssec.boundary import Count, Indicator, Number, Text, Year
from dpssec.countries import MemberStateCode
from dpssec.io import Column, Schema, column

__all__ = ["EVENT_COUNTS_SCHEMA", "SURVIVAL_SCHEMA"]

EVENT_COUNTS_SCHEMA = Schema(
    "event counts by state and year",
    (
        column(
            "iso3",
            MemberStateCode(),
            es=("país", "código iso3", "estado"),
            pt=("país", "código iso3"),
            fr=("pays", "code iso3", "état"),
            aliases=("iso", "country", "country_code", "state"),
            description="the member state: its ISO 3166 code or its English or Spanish name",
        ),
        column("year", Year()),
        column(
            "victims",
            Count(),
            aliases=("count", "events", "cases", "casos", "homicidios", "homicídios", "homicides"),
            required=False,
        ),
        Column(
            "rate_per_100k",
            Number(lower=0),
            es=("tasa por 100 000", "tasa"),
            pt=("taxa por 100 000", "taxa"),
            fr=("taux pour 100 000", "taux"),
            aliases=("rate",),
            required=False,
        ),
        column("population", Count(), required=False),
        column("series", Text(optional=True), required=False),
        column("source", Text(optional=True), required=False),
        column("note", Text(optional=True), aliases=("notes",), required=False),
    ),
)
"""Events by member state and year with their published rate (``homicide.csv``)."""

SURVIVAL_SCHEMA = Schema(
    "survival times",
    (
        Column(
            "duration",
            Number(lower=0),
            es=("tiempo", "duración"),
            pt=("tempo", "duração"),
            fr=("durée", "temps"),
            aliases=("time", "durations", "follow_up"),
            description="time observed, in one unit for the whole table",
        ),
        Column(
            "event",
            Indicator(),
            es=("evento", "estado"),
            pt="evento",
            fr=("événement", "statut"),
            aliases=("status", "events", "died", "failed"),
            description="1 (or true) if the event happened, 0 if the time is censored",
        ),
        column("group", Text(optional=True), required=False),
        column("source", Text(optional=True), required=False),
    ),
)
"""Times to an event with censoring, one row per person."""
