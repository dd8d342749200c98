"""Shared statistics: rates, proportions, group comparisons, survival curves and tests.

Will hold ``Estimate``, ``poisson_rate``, ``proportion``, ``risk_difference``, ``risk_ratio``,
``SurvivalCurve``, ``kaplan_meier``, ``nelson_aalen``, ``TestResult`` and ``logrank_test``,
each method named, cited and chosen explicitly (see the methods page of the docs).
"""

from __future__ import annotations

__all__: list[str] = []
