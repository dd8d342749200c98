"""Shared statistics: rates, proportions, group comparisons, survival curves and tests.

Each method is named, cited and chosen explicitly (see the methods page of the docs, which says
how each differs from R survival, PHEindicatormethods, epitools, lifelines and statsmodels).

* :class:`Estimate`, :func:`poisson_rate`, :func:`proportion`: rates and shares with intervals;
* :func:`poisson_count_interval`, :func:`wilson_interval`, :func:`clopper_pearson_interval`:
  the interval kernels other subpackages build on;
* :class:`SurvivalCurve`, :func:`kaplan_meier`: survival curves (Greenwood, three intervals).

scipy.stats and pandas are never imported at module import time.

For example:

>>> from dpssec.stats import poisson_rate
>>> round(poisson_rate(65, 1_000_000).value, 1)
6.5
"""

from __future__ import annotations

from dpssec.stats.intervals import (
    clopper_pearson_interval,
    poisson_count_interval,
    wilson_interval,
)
from dpssec.stats.rates import poisson_rate, proportion
from dpssec.stats.results import Estimate, TestResult
from dpssec.stats.survival import SurvivalCurve, kaplan_meier

__all__ = [
    "Estimate",
    "SurvivalCurve",
    "TestResult",
    "clopper_pearson_interval",
    "kaplan_meier",
    "poisson_count_interval",
    "poisson_rate",
    "proportion",
    "wilson_interval",
]
