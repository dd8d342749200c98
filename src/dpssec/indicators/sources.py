"""The documents the catalogue and the validation rules cite, as :class:`~dpssec.references.Reference`.

Indicator definitions are cited from the domains' own sources (``dpssec.justice.sources``,
``dpssec.prevention.sdg16``...); the constants here are those of the validation rules and of
the few indicators no domain module cites yet (``CEPEJ_NA_NAP`` and ``LANDMINE_MONITOR_CASUALTIES``
are the justice and mines modules' own, re-exported here). A reference with ``verified=False`` marks a
figure the project has not read in a primary source (a threshold chosen by the project, a
secondary description): findings that rest on it say so.

For example:

>>> from dpssec.indicators.sources import CEPEJ_NA_NAP, MODIFIED_Z_SCORE
>>> CEPEJ_NA_NAP.verified, MODIFIED_Z_SCORE.verified
(True, False)
"""

from __future__ import annotations

from dpssec.justice.caseflow_sources import CEPEJ_NA_NAP
from dpssec.mines.casualty_sources import LANDMINE_MONITOR_CASUALTIES
from dpssec.references import Reference

__all__ = [
    "ACCOUNTING_IDENTITY",
    "CEPEJ_NA_NAP",
    "DEMINING_PRODUCTIVITY",
    "LANDMINE_MONITOR_CASUALTIES",
    "MODIFIED_Z_SCORE",
    "PLAUSIBILITY_PRESETS",
    "POPULATION_LIMIT",
    "POPULATION_TOLERANCE",
    "ROUNDING",
    "SERIES_BREAKS",
    "SUBMISSION_FORMAT",
    "UNCTS_SENTENCING_STATUS",
    "WPP_2022",
    "YEAR_RANGE",
]

ACCOUNTING_IDENTITY = Reference(
    "Accounting identity of a breakdown",
    "definition",
    "a complete breakdown of a total sums to it (female + male + unknown sex; age groups "
    "covering all ages); a part never exceeds its total",
)
"""Arithmetic, not a figure: verified by definition."""

UNCTS_SENTENCING_STATUS = Reference(
    "UN-CTS (UNODC)",
    "data portal definitions",
    "persons held = sentenced + unsentenced (untried or awaiting a first-instance decision; "
    "persons awaiting appeal count as sentenced)",
    url="https://dataunodc.un.org/crime/unsentenced-detainees",
)

WPP_2022 = Reference(
    "United Nations, DESA, Population Division, World Population Prospects 2022",
    "Online Edition, file POP/F02-1",
    "mid-year population by five-year age group (bundled as dpssec.data.population)",
    url="https://population.un.org/wpp/",
)

ROUNDING = Reference(
    "Rounding of published figures",
    "arithmetic",
    "a value published with d decimals lies within half a unit of its last decimal "
    "(0.5 x 10^-d) of the exact value; truncation can miss it by up to a whole unit",
)

POPULATION_TOLERANCE = Reference(
    "dpssec plausibility presets",
    "2026",
    "a rate's own population may differ from UN WPP 2022 by a few percent: 5 % relative "
    "tolerance chosen by the project, not by a standard",
    verified=False,
)

POPULATION_LIMIT = Reference(
    "dpssec plausibility presets",
    "2026",
    "a rate whose implied population differs from UN WPP 2022 by more than 25 % cannot be "
    "explained by a national population estimate: the rate or its count is wrong (limit "
    "chosen by the project, not by a standard)",
    verified=False,
)

YEAR_RANGE = Reference(
    "dpssec plausibility presets",
    "2026",
    "a submitted value describes a year that has begun (no later than the year of the "
    "validation) and, for the indicators of the catalogue, a year from 1900 (earliest year "
    "chosen by the project)",
    verified=False,
)

PLAUSIBILITY_PRESETS = Reference(
    "dpssec plausibility presets",
    "2026",
    "ranges chosen by the project to catch typing and scale errors (per 1,000 for per "
    "100,000, a share as a count); no standard sets them",
    verified=False,
)

MODIFIED_Z_SCORE = Reference(
    "Iglewicz & Hoaglin, How to Detect and Handle Outliers",
    "ASQC Basic References in Quality Control 16 (1993)",
    "modified z-score M = 0.6745 (x - median) / MAD; |M| > 3.5 marks a potential outlier "
    "(as quoted by the NIST/SEMATECH e-Handbook, section 1.3.5.17; not re-read)",
    verified=False,
)

SERIES_BREAKS = Reference(
    "Statistical practice on breaks in series",
    "SDMX / Eurostat observation flag 'b'",
    "a change of source, method or edition breaks a series: flag it, do not correct it "
    "(secondary description)",
    verified=False,
)

SUBMISSION_FORMAT = Reference(
    "dpssec submission format",
    "long form (state, year, indicator, disaggregation, value)",
    "one value per state, year, indicator and disaggregation; indicators and variables "
    "named as in dpssec.indicators.CATALOGUE; a later edition replaces earlier values",
)

DEMINING_PRODUCTIVITY = Reference(
    "Mine-action working definition",
    "area processed per deminer-day",
    "no standard defines it; manual deminers typically clear 10-50 m² per day (HALO Trust, "
    "'Manual demining', as quoted in dpssec.mines)",
    verified=False,
)
