"""The documents the court caseflow calculators cite (CEPEJ, NCSC CourTools), as references.

Status as in the project's reference notes. What was read in the primary document is
``verified=True``: the CEPEJ explanatory note's definitions of NA and NAP, and the NCSC
CourTools definitions of measures 2, 3 and 4. The CEPEJ formulas for the clearance rate, the
case turnover ratio and the disposition time are known from secondary descriptions only (a
CEPEJ newsletter article and national pages that follow the CEPEJ), so they stay
``verified=False`` until the CEPEJ evaluation report's own methodology text is read; the
arithmetic itself is recomputed on the worked example.

For example:

>>> from dpssec.justice.caseflow_sources import CEPEJ_NA_NAP, CEPEJ_DISPOSITION_TIME
>>> CEPEJ_NA_NAP.verified, CEPEJ_DISPOSITION_TIME.verified
(True, False)
"""

from __future__ import annotations

from dpssec.references import Reference

__all__ = [
    "BACKLOG_CONVENTION",
    "CEPEJ_CASE_TURNOVER",
    "CEPEJ_CLEARANCE_RATE",
    "CEPEJ_DISPOSITION_TIME",
    "CEPEJ_EFFICIENCY_RATE",
    "CEPEJ_NA_NAP",
    "COURTOOLS_AGE_PENDING",
    "COURTOOLS_CLEARANCE_RATE",
    "COURTOOLS_TIME_TO_DISPOSITION",
    "NCSC_STOCK_IDENTITY",
]

CEPEJ_NA_NAP = Reference(
    "CEPEJ, Explanatory note to the scheme for evaluating judicial systems",
    "CEPEJ-GT-EVAL(2017)10, 28 June 2017",
    "1. General remarks, 'NA and NAP'",
    url="https://rm.coe.int/168074738c",
)
"""NA (not available): the category exists but the figure is not known; NAP (not applicable):
the question does not apply to the system. Read in the note itself."""

_HODZIC = "CEPEJ European judicial systems, ch. 9 (as described by A. Hodžić, CEPEJ newsletter)"
_HODZIC_URL = "http://www.coe.int/t/dghl/cooperation/cepej/newsletter/2008/HodzicDec2008_en.asp"

CEPEJ_CLEARANCE_RATE = Reference(
    _HODZIC,
    "Edition 2008; newsletter December 2008",
    "Clearance Rate = resolved cases / incoming cases x 100",
    verified=False,
    url=_HODZIC_URL,
)
"""Secondary: the CEPEJ report's own methodology text has not been read."""

CEPEJ_CASE_TURNOVER = Reference(
    _HODZIC,
    "Edition 2008; Hodžić & Stawa, 'What can be said on clearance rate and disposition time'",
    "Case Turnover Ratio = resolved cases / unresolved cases at the end of the period",
    verified=False,
    url=_HODZIC_URL,
)
"""Secondary, as :data:`CEPEJ_CLEARANCE_RATE`."""

CEPEJ_DISPOSITION_TIME = Reference(
    _HODZIC,
    "Edition 2008; Hodžić & Stawa, 'What can be said on clearance rate and disposition time'",
    "Disposition Time = 365 / Case Turnover Ratio [days] (period length in days for other periods)",
    verified=False,
    url=_HODZIC_URL,
)
"""Secondary, as :data:`CEPEJ_CLEARANCE_RATE`; a flow-based estimate, not a measured case age."""

CEPEJ_EFFICIENCY_RATE = Reference(
    "CEPEJ 'Efficiency Rate' (staff input against case output)",
    "named in the CEPEJ-GT-EVAL definitions work (2017); formula not read",
    "dpssec computes resolved cases per full-time-equivalent staff member and period",
    verified=False,
)
"""No CEPEJ formula has been read: the rate here is an analyst convention."""

COURTOOLS_CLEARANCE_RATE = Reference(
    "NCSC CourTools, trial court performance measures",
    "Measure 2",
    "Clearance Rate: outgoing cases as a percentage of incoming cases",
    url="https://www.ncsc.org/courtools/trial-court-performance-measures/measure-two-clearance-rates",
)

COURTOOLS_TIME_TO_DISPOSITION = Reference(
    "NCSC CourTools, trial court performance measures",
    "Measure 3",
    "Time to Disposition: percentage of cases resolved within established time frames",
    url="https://www.ncsc.org/courtools/trial-court-performance-measures/measure-three-time-to-disposition",
)

COURTOOLS_AGE_PENDING = Reference(
    "NCSC CourTools, trial court performance measures",
    "Measure 4",
    "Age of Active Pending Caseload: days from filing until the time of measurement",
    url="https://www.ncsc.org/courtools/trial-court-performance-measures/measure-four-age-of-active-pending-caseload",
)

NCSC_STOCK_IDENTITY = Reference(
    "NCSC State Court Guide to Statistical Reporting",
    "caseload summary",
    "end pending = begin pending + incoming - outgoing",
    verified=False,
)
"""Secondary (as described in the project's reference notes)."""

BACKLOG_CONVENTION = Reference(
    "dpssec analyst convention",
    "derived, not an official method",
    "pending[t] = max(0, pending[t-1] + incoming[t] - capacity[t])",
    verified=False,
)
"""The backlog projection is arithmetic on the stock identity, not a published method."""
