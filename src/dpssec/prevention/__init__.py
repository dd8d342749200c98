"""Crime and violence prevention indicators: rates, standardisation, trends, SDG 16.

* :mod:`dpssec.prevention.rates`: ``crime_rate`` with suppression flags and grouped sums;
* :mod:`dpssec.prevention.standard_populations`: ``STANDARD_POPULATIONS`` (ESP 2013, WHO 2000,
  ESP 1976) and custom standards;
* :mod:`dpssec.prevention.direct`: ``directly_standardised_rate`` (Dobson, Fay–Feuer);
* :mod:`dpssec.prevention.indirect`: ``indirectly_standardised_ratio`` and
  ``indirectly_standardised_rate``;
* :mod:`dpssec.prevention.trend`: ``annual_percent_change``;
* :mod:`dpssec.prevention.sdg16`: ``homicide_rate``, ``trafficking_victim_rate``,
  ``violence_prevalence``, ``feeling_safe_share``;
* :mod:`dpssec.prevention.iccs`: ICCS level-1 sections;
* :mod:`dpssec.prevention.table`: ``indicator_table`` for long tables of many areas, years and
  groups;
* :mod:`dpssec.prevention.results`: ``IndicatorEstimate``;
* populations at risk: :mod:`~dpssec.prevention.survey_design` (``SurveyDesign``),
  :mod:`~dpssec.prevention.survey_estimators` (``survey_proportion``, ``survey_mean``,
  ``survey_total``, ``survey_ratio``) with :mod:`~dpssec.prevention.survey_variance` and
  :mod:`~dpssec.prevention.survey_results`; hidden victims by
  :mod:`~dpssec.prevention.multiple_systems` (``chapman_estimate``,
  ``multiple_systems_estimate``; models in :mod:`~dpssec.prevention.multiple_systems_models`);
  :mod:`~dpssec.prevention.disaggregation` (age-band presets, ``survey_breakdown``,
  ``count_breakdown``), :mod:`~dpssec.prevention.survey_indicators` (SDG 16.1.3, 16.1.4,
  5.2.1 from microdata) and :mod:`~dpssec.prevention.trafficking_records`.

The public names of all of them are available directly from ``dpssec.prevention``.
"""

from __future__ import annotations

from dpssec.prevention import (
    direct,
    disaggregation,
    iccs,
    indirect,
    multiple_systems,
    rates,
    results,
    schemas,
    sdg16,
    standard_populations,
    survey_design,
    survey_estimators,
    survey_indicators,
    survey_results,
    table,
    trafficking_records,
    trend,
)
from dpssec.prevention.direct import *  # noqa: F403
from dpssec.prevention.disaggregation import *  # noqa: F403
from dpssec.prevention.iccs import *  # noqa: F403
from dpssec.prevention.indirect import *  # noqa: F403
from dpssec.prevention.multiple_systems import *  # noqa: F403
from dpssec.prevention.rates import *  # noqa: F403
from dpssec.prevention.results import *  # noqa: F403
from dpssec.prevention.schemas import *  # noqa: F403
from dpssec.prevention.sdg16 import *  # noqa: F403
from dpssec.prevention.standard_populations import *  # noqa: F403
from dpssec.prevention.survey_design import *  # noqa: F403
from dpssec.prevention.survey_estimators import *  # noqa: F403
from dpssec.prevention.survey_indicators import *  # noqa: F403
from dpssec.prevention.survey_results import *  # noqa: F403
from dpssec.prevention.table import *  # noqa: F403
from dpssec.prevention.trafficking_records import *  # noqa: F403
from dpssec.prevention.trend import *  # noqa: F403

__all__ = [
    *rates.__all__,
    *standard_populations.__all__,
    *direct.__all__,
    *indirect.__all__,
    *trend.__all__,
    *sdg16.__all__,
    *iccs.__all__,
    *table.__all__,
    *results.__all__,
    *survey_design.__all__,
    *survey_estimators.__all__,
    *survey_results.__all__,
    *multiple_systems.__all__,
    *disaggregation.__all__,
    *survey_indicators.__all__,
    *trafficking_records.__all__,
    *schemas.__all__,
]
