"""Crude crime and violence rates per 100,000 with exact/Byar intervals and suppression flags.

``crime_rate`` wraps :func:`dpssec.stats.poisson_rate` (PHE switch: exact limits below 10
events, Byar from 10) and adds what an observatory needs on top:

* **suppression rules as parameters**: a minimum count and a minimum population. Rows that
  fall below are kept with their counts and *flagged* (``suppressed``), with value and limits
  blanked as PHEindicatormethods does, never silently dropped;
* **grouped computation**: with ``by=`` the counts and the populations are summed within each
  group first, then divided (a group's rate is never a mean of its areas' rates).

Named rules with their sources are in :data:`SUPPRESSION_RULES`.

For example:

>>> from dpssec.prevention import crime_rate
>>> r = crime_rate([3, 40, 7], [250, 120_000, 90_000], by=["north", "south", "north"])
>>> r.group.tolist(), r.value.round(4).tolist()
(['north', 'south'], [11.0803, 33.3333])
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Flag,
    Labels,
    Model,
    Number,
    Population,
    Scale,
    Text,
    broadcast,
    calculator,
    example_by,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.prevention._grouping import group_codes, group_sum
from dpssec.prevention.results import IndicatorEstimate, apply_suppression
from dpssec.references import Reference
from dpssec.stats.intervals import POISSON_METHODS, auto_method, poisson_limits

__all__ = ["SUPPRESSION_RULES", "SuppressionRule", "crime_rate", "describe_rule"]

THRESHOLD = Number(lower=0, aligned=False, ndim=(0,))
"""A suppression threshold (``min_count``, ``min_population``): one number >= 0."""

RATE_OPTIONS: dict[str, Any] = {
    "multiplier": Scale(),
    "confidence": Confidence(),
    "method": Choice(POISSON_METHODS),
    "min_count": THRESHOLD,
    "min_population": THRESHOLD,
    "by": Labels(optional=True),
    "keep_suppressed_values": Flag(),
}
"""The options :func:`crime_rate` shares with the SDG 16 rates (one declaration)."""


@example_by(lambda: SUPPRESSION_RULES["phe-dsr"])
@attrs.frozen
class SuppressionRule:
    """A minimum-count / minimum-population rule with its source.

    Parameters
    ----------
    min_count : float
        Rows with fewer events are suppressed [events].
    min_population : float
        Rows with a smaller population are suppressed [persons].
    reference : Reference or None
        Who applies the rule.

    Examples
    --------
    >>> from dpssec.prevention import SUPPRESSION_RULES, crime_rate
    >>> rule = SUPPRESSION_RULES["population-30"]
    >>> rule.describe()
    'population < 30'
    >>> r = crime_rate([2, 40], [25, 9_000], min_count=rule.min_count,
    ...                min_population=rule.min_population)
    >>> r.suppressed.tolist(), r.suppression_rule
    ([True, False], 'population < 30')
    """

    min_count: float = 0
    min_population: float = 0
    reference: Reference | None = None

    def describe(self) -> str:
        """The rule in words (``"count < 10"``).

        Examples
        --------
        >>> from dpssec.prevention import SUPPRESSION_RULES
        >>> SUPPRESSION_RULES["phe-dsr"].describe()
        'count < 10'
        """
        return describe_rule(self.min_count, self.min_population)


SUPPRESSION_RULES: dict[str, SuppressionRule] = {
    "phe-dsr": SuppressionRule(
        min_count=10,
        reference=Reference(
            "PHEindicatormethods (R), calculate_dsr",
            "2.1.0 (2024-12-13)",
            "DSR and limits NA when the total count < 10",
        ),
    ),
    "population-30": SuppressionRule(
        min_population=30,
        reference=Reference(
            "Urban Institute, mobility-from-poverty (GitHub)",
            "pull requests #293 and #463",
            "county crime rates suppressed where the population is below 30",
            verified=False,
        ),
    ),
}
"""Suppression rules seen in practice, with their sources (apply one with
``crime_rate(..., min_count=rule.min_count, min_population=rule.min_population)``)."""


@calculator(
    min_count=THRESHOLD,
    min_population=THRESHOLD,
    elementwise=False,
    example={"min_count": 10, "min_population": 30},
)
def describe_rule(min_count: float, min_population: float) -> str:
    """A rule in words: ``"count < 10 or population < 30"``; empty when no rule is set.

    Parameters
    ----------
    min_count : float
        Minimum count [events]; 0 sets no count rule.
    min_population : float
        Minimum population [persons]; 0 sets no population rule.

    Returns
    -------
    str
        The rule as it appears in ``suppression_rule`` and in the notes of a table.

    Raises
    ------
    InputError
        A threshold that is not one number >= 0.

    Examples
    --------
    >>> from dpssec.prevention import describe_rule
    >>> describe_rule(10, 30)
    'count < 10 or population < 30'
    >>> describe_rule(0, 0)
    ''
    """
    parts = []
    if min_count > 0:
        parts.append(f"count < {min_count:g}")
    if min_population > 0:
        parts.append(f"population < {min_population:g}")
    return " or ".join(parts)


@calculator(
    count=Count(whole=False),
    population=Population(),
    reference=Model(Reference, optional=True),
    indicator=Text(empty=True),
    group_by="by",
    integers=True,
    example={"count": [3, 40, 7], "population": [250, 120_000, 90_000]},
    **RATE_OPTIONS,
)
def crime_rate(
    count: Any,
    population: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    method: str = "auto",
    min_count: float = 0,
    min_population: float = 0,
    by: Any = None,
    keep_suppressed_values: bool = False,
    reference: Reference | None = None,
    indicator: str = "",
    nan_policy: str = "raise",
) -> IndicatorEstimate:
    """Crude rate per ``multiplier`` persons with a Poisson interval and suppression flags.

    Parameters
    ----------
    count : array-like
        Events (offences, victims) [events], >= 0.
    population : array-like
        Population at risk [persons], > 0 (zero or missing populations are refused).
    multiplier : float
        Rate per this many persons (100,000 for the SDG indicators).
    confidence : float
        Confidence level (0.95 or 95).
    method : {"auto", "exact", "byar"}
        Interval method of :func:`dpssec.stats.poisson_rate`; ``"auto"`` is the PHE switch
        (exact below 10 events, Byar from 10).
    min_count, min_population : float
        Suppression rule: rows (or groups) with ``count < min_count`` or
        ``population < min_population`` are flagged ``suppressed`` and their value and limits
        blanked. 0 (default) sets no rule. See :data:`SUPPRESSION_RULES` for cited rules.
    by : array-like, optional
        Group labels, one per row: counts and populations are summed within each group before
        dividing, and the result has one row per group (sorted labels in ``group``).
    keep_suppressed_values : bool
        Keep the computed value and limits of suppressed rows (still flagged); True or False
        only (the text ``"false"`` is refused).
    reference : Reference, optional
        Citation to attach (the SDG helpers pass the indicator's metadata).
    indicator : str
        What is measured, recorded in the result (``"burglaries reported to the police"``).
    nan_policy : {"raise", "propagate", "omit"}
        A missing count or population (or group label) is refused (default); with
        ``"propagate"`` its row's value, limits and counts are NaN (not flagged suppressed);
        with ``"omit"`` the row is left out (with ``by=``, before the sums). Each reports the
        number of rows in a :class:`~dpssec.errors.DataQualityWarning`. ``"propagate"`` is
        refused with ``by=`` (a group's sum has no row to carry a NaN).

    Returns
    -------
    IndicatorEstimate
        Scalars for scalar input, arrays for arrays, a pandas Series in each per-row field
        for Series input (the index kept); one row per group with ``by=``.

    Raises
    ------
    InputError
        Negative or missing counts, zero, negative or missing populations, unknown method,
        lengths or pandas indexes that differ, a multiplier that is not a positive finite
        number, a flag that is not a boolean.

    Notes
    -----
    ``rate = count / population × multiplier``; limits are the exact (Garwood) or Byar limits of
    the count divided by the population (``statistics.md`` §2). Grouped rates are
    ``Σcount / Σpopulation × multiplier``.

    References
    ----------
    PHEindicatormethods 2.1.0, ``phe_rate`` (exact below 10, Byar from 10).

    Examples
    --------
    >>> from dpssec.prevention import crime_rate
    >>> r = crime_rate(20, 100, multiplier=100)
    >>> r.value, round(r.lower, 6), round(r.upper, 6)
    (20.0, 12.211429, 30.88988)
    >>> r = crime_rate([5, 150], [20, 90_000], min_population=30)
    >>> r.suppressed.tolist(), r.value.tolist()
    ([True, False], [nan, 166.66...])
    >>> crime_rate([1, 2], [100, 0])
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'population': 1 of 2 values are zero or negative ...
    """
    return rate_estimate(
        count,
        population,
        multiplier=multiplier,
        confidence=confidence,
        method=method,
        min_count=min_count,
        min_population=min_population,
        by=by,
        keep_suppressed_values=keep_suppressed_values,
        reference=reference,
        indicator=indicator,
    )


def rate_estimate(
    count: Any,
    population: Any,
    *,
    multiplier: float,
    confidence: float,
    method: str,
    min_count: float,
    min_population: float,
    by: Any,
    keep_suppressed_values: bool,
    reference: Reference | None,
    indicator: str,
) -> IndicatorEstimate:
    """Kernel of :func:`crime_rate` and the SDG 16 rates, on checked magnitudes.

    With ``by`` (checked labels), counts and populations are summed per group first (dask
    input is computed for the sums); the Poisson limits are those of
    :func:`dpssec.stats.poisson_rate` (:func:`~dpssec.stats.intervals.poisson_limits`).
    """
    group = None
    if by is not None:
        if is_lazy(count) or is_lazy(population):
            from dask.base import compute

            count, population = compute(count, population)  # type: ignore[no-untyped-call]
        codes, keys, n_groups = group_codes([by], by.size)
        rows = np.broadcast_to
        count = group_sum(codes, rows(np.asarray(count, dtype=float), by.shape), n_groups)
        population = group_sum(codes, rows(np.asarray(population, dtype=float), by.shape), n_groups)
        group = keys[0]
    x, n = broadcast(count, population)
    lower, upper = poisson_limits(x, confidence, method)
    factor = multiplier / n
    if min_count > 0 or min_population > 0 or is_lazy(x) or is_lazy(n):
        suppressed = (x < min_count) | (n < min_population)
    else:  # no rule: nothing to compare (a million rows need no pass for it)
        suppressed = np.zeros(np.shape(factor), dtype=bool) if np.ndim(factor) else False
    keep = keep_suppressed_values or (not is_lazy(suppressed) and not np.any(suppressed))
    return IndicatorEstimate(
        value=apply_suppression(x * factor, suppressed, keep),
        lower=apply_suppression(lower * factor, suppressed, keep),
        upper=apply_suppression(upper * factor, suppressed, keep),
        confidence=confidence,
        method=auto_method(x) if method == "auto" else method,
        numerator=x,
        denominator=n,
        multiplier=multiplier,
        suppressed=suppressed,
        suppression_rule=describe_rule(min_count, min_population),
        group=group,
        indicator=indicator,
        reference=reference,
    )
