"""The information unit's tools: the indicator catalogue and the validation of submissions.

The one package allowed to know every domain (like the command line):

* :data:`CATALOGUE` (:mod:`~dpssec.indicators.catalogue`): every indicator dpssec computes,
  described once as data, with names and definitions in English, Spanish, Portuguese and
  French, numerator and denominator with units, the computing function, the definition
  variant, SDG/ICCS codes and the defining standard; ``.to_frame()``, ``.search(text)``,
  ``.to_json()``;
* :func:`validate_submission` (:mod:`~dpssec.indicators.validation`): a country's
  submission in long form checked against named rules (:mod:`~dpssec.indicators.rules`:
  accounting identities, bounds, consistency across indicators, changes over time, breaks in
  series, revisions), giving a :class:`ValidationReport` with the cells and file lines of
  every finding and a completeness matrix (present / NA / NAP / missing);
* :func:`read_submission` (:mod:`~dpssec.indicators.submission`): the long form read
  strictly, headers in four languages, NA and NAP kept distinct;
* :func:`prisons_submission`, :func:`homicide_submission`
  (:mod:`~dpssec.indicators.long_form`): the bundled real tables in long form;
* :func:`rounding_agrees`, :func:`truncation_agrees`, :func:`modified_z_scores`
  (:mod:`~dpssec.indicators.robust`): the arithmetic the checks rest on.

For example:

>>> from dpssec.indicators import prisons_submission, validate_submission
>>> report = validate_submission(prisons_submission())
>>> [f.subject for f in report.violations]
['HTI 2024 occupancy']
"""

from __future__ import annotations

from dpssec.indicators.catalogue import CATALOGUE, VARIABLES, catalogue_markdown
from dpssec.indicators.catalogue_entry import CatalogueEntry, Term, Texts, Variable
from dpssec.indicators.catalogue_model import Catalogue
from dpssec.indicators.long_form import homicide_submission, prisons_submission
from dpssec.indicators.report import (
    CompletenessMatrix,
    Coverage,
    ValidationFinding,
    ValidationReport,
)
from dpssec.indicators.robust import modified_z_scores, rounding_agrees, truncation_agrees
from dpssec.indicators.rules import (
    DEFAULT_RULES,
    PLAUSIBLE_RANGES,
    DefinitionBoundsRule,
    DuplicateRule,
    IdentityRule,
    KnownDisaggregationRule,
    KnownIndicatorRule,
    PartWithinTotalRule,
    PlausibleRange,
    PlausibleRangeRule,
    PopulationBoundRule,
    RatioConsistencyRule,
    RequiredCellsRule,
    RevisionRule,
    Rule,
    RuleSet,
    SeriesBreakRule,
    YearOnYearRule,
    YearRangeRule,
)
from dpssec.indicators.submission import SUBMISSION_SCHEMA, Cell, Submission, read_submission
from dpssec.indicators.validation import validate_submission

__all__ = [
    "CATALOGUE",
    "DEFAULT_RULES",
    "PLAUSIBLE_RANGES",
    "SUBMISSION_SCHEMA",
    "VARIABLES",
    "Catalogue",
    "CatalogueEntry",
    "Cell",
    "CompletenessMatrix",
    "Coverage",
    "DefinitionBoundsRule",
    "DuplicateRule",
    "IdentityRule",
    "KnownDisaggregationRule",
    "KnownIndicatorRule",
    "PartWithinTotalRule",
    "PlausibleRange",
    "PlausibleRangeRule",
    "PopulationBoundRule",
    "RatioConsistencyRule",
    "RequiredCellsRule",
    "RevisionRule",
    "Rule",
    "RuleSet",
    "SeriesBreakRule",
    "Submission",
    "Term",
    "Texts",
    "ValidationFinding",
    "ValidationReport",
    "Variable",
    "YearOnYearRule",
    "YearRangeRule",
    "catalogue_markdown",
    "homicide_submission",
    "modified_z_scores",
    "prisons_submission",
    "read_submission",
    "rounding_agrees",
    "truncation_agrees",
    "validate_submission",
]
