"""Shared statistics: rates, proportions, group comparisons, survival curves and tests.

Each method is named, cited and chosen explicitly (see the methods page of the docs, which says
how each differs from R survival, PHEindicatormethods, epitools, lifelines and statsmodels).

* :class:`Estimate`, :func:`poisson_rate`, :func:`proportion`: rates and shares with intervals;
* :func:`poisson_count_interval`, :func:`wilson_interval`, :func:`clopper_pearson_interval`:
  the interval kernels other subpackages build on;
* :func:`risk_difference` (Newcombe), :func:`risk_ratio` (Katz): two groups at a fixed horizon;
* :class:`SurvivalCurve`, :func:`kaplan_meier`: survival curves (Greenwood, three intervals);
* :class:`CumulativeHazardCurve`, :func:`nelson_aalen`: cumulative hazard, ties named;
* :class:`TestResult`, :func:`logrank_test`, :func:`multigroup_logrank_test`: log-rank tests;
  :func:`survival_difference_at`: two curves compared at one follow-up time;
* :data:`EVENT_COUNTS_SCHEMA`, :data:`SURVIVAL_SCHEMA` (:mod:`dpssec.stats.schemas`): the
  tables of counts and of survival times, for :func:`dpssec.io.read_table`.

scipy.stats and pandas are never imported at module import time.

For example:

>>> from dpssec.stats import poisson_rate
>>> round(poisson_rate(65, 1_000_000).value, 1)
6.5
"""

from __future__ import annotations

from dpssec.stats.comparisons import risk_difference, risk_ratio
from dpssec.stats.fixed_time import survival_difference_at
from dpssec.stats.hazard import CumulativeHazardCurve, nelson_aalen
from dpssec.stats.intervals import (
    clopper_pearson_interval,
    poisson_count_interval,
    wilson_interval,
)
from dpssec.stats.logrank import logrank_test, multigroup_logrank_test
from dpssec.stats.rates import poisson_rate, proportion
from dpssec.stats.results import Estimate, TestResult
from dpssec.stats.schemas import EVENT_COUNTS_SCHEMA, SURVIVAL_SCHEMA
from dpssec.stats.survival import SurvivalCurve, kaplan_meier

__all__ = [
    "EVENT_COUNTS_SCHEMA",
    "SURVIVAL_SCHEMA",
    "CumulativeHazardCurve",
    "Estimate",
    "SurvivalCurve",
    "TestResult",
    "clopper_pearson_interval",
    "kaplan_meier",
    "logrank_test",
    "multigroup_logrank_test",
    "nelson_aalen",
    "poisson_count_interval",
    "poisson_rate",
    "proportion",
    "risk_difference",
    "risk_ratio",
    "survival_difference_at",
    "wilson_interval",
]
