"""The documents the justice calculators cite, as :class:`~dpssec.references.Reference` objects.

Each constant names the document, edition and clause a number or definition comes from, and
says whether the project read it in a primary source (``verified=True``) or carries it from a
secondary or unchecked source (``verified=False``). Results computed from the latter say so.

For example:

>>> from dpssec.justice.sources import OAS_OCCUPANCY, CPT_LIVING_SPACE
>>> print(OAS_OCCUPANCY)
OAS Inter-American Observatory on Security indicator 6.5.1, occupancy rate (based on official capacity)
>>> CPT_LIVING_SPACE.verified
True
"""

from __future__ import annotations

from dpssec.references import Reference

__all__ = [
    "BJS_RECIDIVISM",
    "CPT_DESIRABLE",
    "CPT_LIVING_SPACE",
    "CPT_POLICE_CELLS",
    "ECTHR_MURSIC",
    "ICRC_HABITAT_2012",
    "KAPLAN_MEIER",
    "MOJ_PROVEN_REOFFENDING",
    "NIC_LITTLE_LAW",
    "OAS_OCCUPANCY",
    "OAS_PRISON_POPULATION_RATE",
    "PROJECTION_CONVENTION",
    "SDG_16_3_2",
    "SPACE_DENSITY",
    "TOURNIER_2013",
    "UNODC_CRIME_CONGRESS_120",
    "UNCTS_UNSENTENCED",
    "WPB_OCCUPANCY",
    "WPB_REMAND",
]

OAS_OCCUPANCY = Reference(
    "OAS Inter-American Observatory on Security",
    "indicator 6.5.1",
    "occupancy rate (based on official capacity)",
    url="http://www.oas.org/IOS/indicatorsdetails.aspx?lang=en&indicator=53",
)
"""``(prison population x 100) / official capacity``, the formula given on the indicator page."""

WPB_OCCUPANCY = Reference(
    "World Prison Brief (ICPR, Birkbeck)",
    "highest-to-lowest lists",
    "occupancy level (based on official capacity); above 100 % = over official capacity",
    url="https://www.prisonstudies.org/highest-to-lowest/occupancy-level",
)

SPACE_DENSITY = Reference(
    "Council of Europe SPACE I",
    "annual penal statistics",
    "prison density, inmates per 100 places",
    url="https://wp.unil.ch/space/space-i",
)

UNODC_CRIME_CONGRESS_120 = Reference(
    "120 % 'critical overcrowding' (attributed to CPT / SPACE)",
    "no primary source known",
    "a UNODC 2015 Crime Congress item uses 120 % only as a reporting cut-off",
    verified=False,
)
"""The 120 % threshold is not known to be defined by the Council of Europe."""

TOURNIER_2013 = Reference(
    "Tournier, International Journal on Criminology",
    "vol. 1 no. 1 (2013)",
    "p. 44, surplus detainees, free places and apparent over-population",
)

OAS_PRISON_POPULATION_RATE = Reference(
    "OAS Inter-American Observatory on Security",
    "indicator 5.1.1.x",
    "persons held per 100,000 inhabitants (population from UN WPP 2022)",
    url="http://www.oas.org/ios/indicatorsdetails.aspx?lang=es&indicator=1842",
)

SDG_16_3_2 = Reference(
    "SDG indicator 16.3.2",
    "UN metadata",
    "unsentenced detainees as a proportion of overall prison population",
    verified=False,
)
"""The formula is read in reproductions of the UN metadata only (secondary)."""

UNCTS_UNSENTENCED = Reference(
    "UN-CTS (UNODC)",
    "data portal definitions",
    "unsentenced detainees: persons awaiting appeal count as sentenced",
    url="https://dataunodc.un.org/crime/unsentenced-detainees",
)

WPB_REMAND = Reference(
    "Coyle, Fair, Jacobson, Walmsley, Imprisonment Worldwide",
    "2016",
    "ch. 3: pre-trial / remand = not yet tried, convicted or definitively sentenced",
)

CPT_LIVING_SPACE = Reference(
    "CPT standards on living space per prisoner",
    "CPT/Inf (2015) 44",
    "cover box and paras 9-10",
)
"""6 m² single cell, 4 m² per prisoner in multi-occupancy, both net of the sanitary annexe;
at least 2 m between walls and 2.5 m floor to ceiling."""

CPT_DESIRABLE = CPT_LIVING_SPACE.at(
    "paras 11 ff., 'desirable' 6 m² + 4 m² per extra person (not read)", verified=False
)

CPT_POLICE_CELLS = Reference(
    "CPT 2nd General Report (1992), repeated in CPT/Inf (2002) 15",
    "12th General Report",
    "§47, police cells: about 7 m² for single occupancy (as quoted by the ECtHR)",
    verified=False,
)

ECTHR_MURSIC = Reference(
    "ECtHR, Muršić v. Croatia [GC], no. 7334/13",
    "20 Oct 2016",
    "§§ 135-138: below 3 m² strong presumption of an Art. 3 violation; 3-4 m² with other factors",
    verified=False,
)
"""Read in summaries only (SECONDARY): the figures are carried, not checked in the judgment."""

ICRC_HABITAT_2012 = Reference(
    "ICRC, Water, sanitation, hygiene and habitat in prisons: supplementary guidance",
    "April 2012",
    "ch. 3: 5.4 m² single cell, 3.4 m² per person shared (secondary summary)",
    verified=False,
)

NIC_LITTLE_LAW = Reference(
    "NIC, Forecasting Future Inmate Population",
    "accession 030198",
    "ADP = admissions per unit time x ALOS (Little's law)",
)

PROJECTION_CONVENTION = Reference(
    "dpssec analyst convention",
    "stock-flow projection and years to capacity",
    "not an official method",
    verified=False,
)

KAPLAN_MEIER = Reference(
    "Kaplan & Meier, J. Am. Stat. Assoc. 53",
    "1958",
    "product-limit estimator; Greenwood variance",
)

BJS_RECIDIVISM = Reference(
    "BJS, Recidivism of Prisoners Released in 30 States in 2005",
    "NCJ 244205 (2014)",
    "cumulative % of a release cohort followed for the whole window",
)

MOJ_PROVEN_REOFFENDING = Reference(
    "UK Ministry of Justice, Guide to Proven Reoffending Statistics",
    "2019",
    "1-year follow-up and a further 6-month waiting period",
)
